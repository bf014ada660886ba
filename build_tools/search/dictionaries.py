"""What the indexer needs from outside: jieba's dictionaries and the table that folds scripts.

jieba's dictionary is simplified: the traditional edition gets the same dictionary
converted to traditional, so both editions split text into the same words.  The
glossary's forms go into a user dictionary, so 卡脖子 or 內卷 stay single words.

The fold table maps every traditional character OpenCC would simplify to its
simplified form.  Index and queries are folded with it, so a query in either
script meets the text of either edition, character for character (it never
changes a string's length, so positions and highlights stay where they are).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from build_tools.core.files import plain_checked_exists, write_plain_checked
from build_tools.core.textutil import SEARCH_HAN_RANGES

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
    path = cache_dir / f"fold-v2-{hashlib.sha256(fingerprint.encode()).hexdigest()[:12]}.txt"
    if plain_checked_exists(path):
        return path
    characters = [chr(code) for start, end in SEARCH_HAN_RANGES for code in range(start, end + 1)]
    converted = to_simplified("\n".join(characters)).split("\n")
    # One UTF-16 unit for one (the browser folds with the same table and must keep lengths too).
    pairs = [
        f"{mine} {other}"
        for mine, other in zip(characters, converted)
        if len(other) == 1 and other != mine and ord(other) < 0x10000
    ]
    write_plain_checked(path, ("\n".join(pairs) + "\n").encode("utf-8"))
    return path


def read_fold_table(path: Path | None) -> dict[str, str]:
    if path is None:
        return {}
    pairs = (line.split(" ") for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return dict(pairs)
