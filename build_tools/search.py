"""Chinese search for both editions: word segmentation, a check that it is in effect,
and a query map so that a reader may type either script.

Material's search segments Chinese with jieba at build time (it silently skips it
when jieba cannot be imported, so the build checks the index afterwards).  jieba's
dictionary is simplified: the traditional edition gets the same dictionary
converted to traditional, so both editions split text into the same words.  The
glossary's forms go into a user dictionary, so 卡脖子 or 內卷 stay single words.

Cross-script queries are converted in the browser before Material sees them,
with a map generated at build time from the edition's own index: every indexed
word (and character) in the other script → its form in this edition.  Converting
whole words matters: character by character, 关系 would become 關系, not 關係.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from pathlib import Path
from typing import Callable

from .files import plain_checked_exists, write_plain_checked

SEPARATOR = r'[\s\u200b\-_,:!=\[\]()"`/，。、；：！？（）“”《》]+|\.(?!\d)|&[lg]t;'
GLOSSARY_WORD_FREQUENCY = 200000
_HAN_TOKEN = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff]+$")


def _jieba_main_dictionary() -> Path:
    import jieba
    return Path(jieba.__file__).resolve().parent / "dict.txt"


def user_dictionary(forms: list[str], cache_dir: Path) -> Path:
    """Glossary forms (both scripts, all variants) as jieba words with a high frequency."""
    lines = sorted({f"{form} {GLOSSARY_WORD_FREQUENCY} n" for form in forms if " " not in form})
    path = cache_dir / f"user-{hashlib.sha256(''.join(lines).encode()).hexdigest()[:12]}.txt"
    if not plain_checked_exists(path):
        write_plain_checked(path, ("\n".join(lines) + "\n").encode("utf-8"))
    return path


def traditional_dictionary(to_traditional: Callable[[str], str], fingerprint: str, cache_dir: Path) -> Path:
    """jieba's dictionary with every word also in traditional characters (converted once, then cached)."""
    source = _jieba_main_dictionary()
    key = hashlib.sha256(source.read_bytes()[:4096] + fingerprint.encode()).hexdigest()[:12]
    path = cache_dir / f"dict-hant-{key}.txt"
    if plain_checked_exists(path):
        return path
    entries = [line.split(" ") for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    words = "\n".join(entry[0] for entry in entries)
    converted = to_traditional(words).split("\n")
    seen: set[str] = set()
    lines = []
    for entry, word in zip(entries, converted):
        for form in (entry[0], word):
            if form not in seen:
                seen.add(form)
                lines.append(" ".join([form, *entry[1:]]))
    write_plain_checked(path, ("\n".join(lines) + "\n").encode("utf-8"))
    return path


def plugin_options(base: dict, user_dict: Path, main_dict: Path | None) -> dict:
    """Material's search with jieba at build time and no Chinese tokenizer in the browser.

    lunr's Chinese support splits queries with the browser's own segmenter, which
    disagrees with jieba (卡脖子 → 卡 + 脖子 while the index holds 卡脖子), so the query is
    segmented by query.js with the index's own vocabulary instead; lunr only splits at
    spaces and punctuation.  The English trimmer would strip Han characters, hence no pipeline."""
    options = dict(base)
    options.update(lang=["en"], separator=SEPARATOR, pipeline=[], jieba_dict_user=str(user_dict))
    if main_dict is not None:
        options["jieba_dict"] = str(main_dict)
    return options


def segmentation_problem(site_dir: Path) -> str:
    """'' when the index was segmented by jieba; otherwise what is wrong."""
    index = site_dir / "search" / "search_index.json"
    if not index.exists():
        return "no search index was written"
    docs = json.loads(index.read_text(encoding="utf-8"))["docs"]
    han_docs = [d for d in docs if re.search(r"[\u4e00-\u9fff]{4}", d["text"])]
    if han_docs and not any("\u200b" in d["text"] for d in han_docs):
        return "the search index is not segmented into words: jieba is not in effect (is it installed in the build environment?)"
    return ""


def index_tokens(site_dir: Path) -> Counter:
    """Han words of the edition's search index, with how often each occurs."""
    docs = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    tokens: Counter = Counter()
    for doc in docs:
        for token in re.split(r"[\u200b\s]+", doc["title"] + "\u200b" + doc["text"]):
            if _HAN_TOKEN.match(token):
                tokens[token] += 1
    return tokens


def write_query_map(site_dir: Path, to_other_script: Callable[[str], str]) -> dict:
    """`search/query_map.js`: other-script word → this edition's word, and this edition's vocabulary.

    The vocabulary lets the browser cut a query into the same words jieba cut the pages into."""
    frequency = index_tokens(site_dir)
    tokens = sorted(frequency)
    characters = sorted({ch for token in tokens for ch in token})
    converted_tokens = to_other_script("\n".join(tokens)).split("\n") if tokens else []
    converted_chars = to_other_script("\n".join(characters)).split("\n") if characters else []
    # Two words of this edition may share one form in the other script (內卷 and 內捲 are both 内卷):
    # the query goes to the one the pages use most.
    words: dict[str, str] = {}
    for mine, other in sorted(zip(tokens, converted_tokens), key=lambda pair: (-frequency[pair[0]], pair[0])):
        if other != mine and len(other) == len(mine) and other not in words:
            words[other] = mine
    chars = {other: mine for mine, other in zip(characters, converted_chars) if other != mine and len(other) == 1}
    vocabulary = [token for token in tokens if len(token) >= 2]
    table = {"words": dict(sorted(words.items())), "chars": dict(sorted(chars.items())),
             "longest": max((len(w) for w in words), default=1),
             "vocab": "\u200b".join(vocabulary), "longestVocab": max((len(t) for t in vocabulary), default=1)}
    payload = json.dumps(table, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    (site_dir / "search").mkdir(parents=True, exist_ok=True)
    (site_dir / "search" / "query_map.js").write_text(f"var __readerQueryMap = {payload};\n", encoding="utf-8")
    return table


def edition_plugins(plugins: list, glossary, converter, cache_dir: Path) -> dict[str, list]:
    """Per edition script, mkdocs.yml's plugins with the search plugin set up for that edition's words."""
    forms = [form for entry in glossary.entries for form in entry.forms]
    user_dict = user_dictionary(forms, cache_dir)
    hant_dict = traditional_dictionary(lambda text: converter.convert(text, "zh-Hans", "zh-Hant"),
                                       converter.fingerprint, cache_dir)
    return {script: _with_search_options(plugins, plugin_options({}, user_dict, hant_dict if script == "zh-Hant" else None))
            for script in ("zh-Hans", "zh-Hant")}


def _with_search_options(plugins: list, options: dict) -> list:
    result = []
    for plugin in plugins:
        name = plugin if isinstance(plugin, str) else next(iter(plugin))
        if name == "search":
            base = {} if isinstance(plugin, str) else dict(plugin["search"] or {})
            base.update(options)
            result.append({"search": base})
        else:
            result.append(plugin)
    return result


def finish_edition_search(site_dir: Path, to_other_script: Callable[[str], str]) -> str:
    """After MkDocs: check the index is segmented, then write the query map; '' or what is wrong."""
    problem = segmentation_problem(site_dir)
    if not problem:
        write_query_map(site_dir, to_other_script)
    return problem
