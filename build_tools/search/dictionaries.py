"""What the indexer needs from outside: jieba's dictionaries and the table that folds scripts.

jieba's dictionary is simplified: the traditional edition gets the same dictionary
converted to traditional, so both editions split text into the same words.  The
glossary's forms go into a user dictionary, so 卡脖子 or 內卷 stay single words.

The fold table maps every traditional character OpenCC would simplify to its
simplified form.  Index and queries are folded with it, so a query in either
script meets the text of either edition, character for character (it never
changes a string's length, so positions and highlights stay where they are).

The word table is for a traditional edition written in Taiwan words (s2twp: 芯片 → 晶片,
人工智能 → 人工智慧): a character fold cannot meet them, so a mainland word typed in either
script must be turned into the word the edition writes.  Its candidates are OpenCC's own Taiwan
phrase table (TWPhrases, the one s2twp converts with), each mainland word paired with what the
edition's converter writes for it; the index keeps only the pairs whose Taiwan word it holds.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from pathlib import Path

from build_tools.core.files import plain_checked_exists, write_plain_checked
from build_tools.core.textutil import SEARCH_HAN_RANGES, character_class

GLOSSARY_WORD_FREQUENCY = 200000


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
    converted = to_traditional("\n".join(entry[0] for entry in entries)).split("\n")
    seen: set[str] = set()
    lines = []
    for entry, word in zip(entries, converted):
        for form in (entry[0], word):
            if form not in seen:
                seen.add(form)
                lines.append(" ".join([form, *entry[1:]]))
    write_plain_checked(path, ("\n".join(lines) + "\n").encode("utf-8"))
    return path


def fold_table(to_simplified: Callable[[str], str], fingerprint: str, cache_dir: Path) -> Path:
    """Pairs `traditional simplified`, one a line, for every Han character OpenCC simplifies to one character."""
    path = cache_dir / f"fold-v3-{hashlib.sha256(fingerprint.encode()).hexdigest()[:12]}.txt"
    if plain_checked_exists(path):
        return path
    characters = [chr(code) for start, end in SEARCH_HAN_RANGES for code in range(start, end + 1)]
    converted = to_simplified("\n".join(characters)).split("\n")
    # One UTF-16 unit for one (the browser folds with the same table and must keep lengths too).
    table = {
        mine: other
        for mine, other in zip(characters, converted)
        if len(other) == 1 and other != mine and ord(other) < 0x10000
    }
    pairs = [f"{mine} {_final(mine, table)}" for mine in table if _final(mine, table) != mine]
    write_plain_checked(path, ("\n".join(pairs) + "\n").encode("utf-8"))
    return path


def _final(character: str, table: dict[str, str]) -> str:
    """Where a character ends when folded again and again: OpenCC simplifies 麼 to 么 and 么 to 幺,
    so a fold of one step would leave 什麼 and 什么 apart.  The table folds every one to the end."""
    seen = {character}
    while character in table and table[character] not in seen:
        character = table[character]
        seen.add(character)
    return character


def _opencc_taiwan_phrases() -> Path | None:
    """TWPhrases.txt as opencc-python-reimplemented ships it; None under an engine that keeps its
    dictionaries in another form (the official binding's .ocd2 files)."""
    import opencc

    path = Path(opencc.__file__).resolve().parent / "dictionary" / "TWPhrases.txt"
    return path if path.is_file() else None


_HAN_WORD = re.compile(f"[{character_class(SEARCH_HAN_RANGES)}]{{2,}}")


def taiwan_word_pairs(
    phrases: list[str],
    to_simplified: Callable[[str], str],
    to_traditional: Callable[[str], str],
    fold: Callable[[str], str],
) -> list[tuple[str, str]]:
    """(mainland word, the word the edition writes for it), both folded as the index folds, for each mainland
    word of a Taiwan phrase table where the edition writes another word.  Han words only: a query's Latin
    words and Han runs are separate terms, so SQL注入 could never be met as one."""
    simplified = to_simplified("\n".join(phrases)).split("\n")
    written = to_traditional("\n".join(simplified)).split("\n")
    pairs: dict[str, str] = {}
    for mainland, taiwan in zip(map(fold, simplified), map(fold, written)):
        if mainland != taiwan and _HAN_WORD.fullmatch(mainland) and _HAN_WORD.fullmatch(taiwan):
            pairs.setdefault(mainland, taiwan)
    return sorted(pairs.items())


def word_fold_table(
    to_simplified: Callable[[str], str],
    to_traditional: Callable[[str], str],
    fold_table_path: Path,
    fingerprint: str,
    cache_dir: Path,
    source: Path | None = None,
) -> Path | None:
    """Pairs `mainland taiwan`, one a line, folded (made once per converter, then cached); None when the
    installed engine ships no phrase table to read (search then folds characters only, as before)."""
    source = source or _opencc_taiwan_phrases()
    if source is None:
        return None
    key = hashlib.sha256(source.read_bytes() + fingerprint.encode()).hexdigest()[:12]
    path = cache_dir / f"words-tw-v1-{key}.txt"
    if plain_checked_exists(path):
        return path
    phrases = [line.split("\t")[0] for line in source.read_text(encoding="utf-8").splitlines() if "\t" in line]
    table = str.maketrans(read_fold_table(fold_table_path))
    pairs = taiwan_word_pairs(phrases, to_simplified, to_traditional, lambda text: text.translate(table))
    write_plain_checked(path, "".join(f"{mainland} {taiwan}\n" for mainland, taiwan in pairs).encode("utf-8"))
    return path


def read_fold_table(path: Path | None) -> dict[str, str]:
    if path is None:
        return {}
    pairs = (line.split(" ") for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return dict(pairs)
