"""One rule for the ASCII slugs of page addresses and glossary anchors: pinyin, lower case, hyphens."""

from __future__ import annotations

import re
from collections.abc import Iterable

from pypinyin import lazy_pinyin

MAX_SLUG_WORDS = 8


def slug(words: Iterable[str]) -> str:
    """Words (pinyin syllables, Latin words) as one slug: each lower-cased to letters and digits, joined by hyphens."""
    parts = (re.sub(r"[^a-z0-9]+", "-", word.lower()).strip("-") for word in words)
    return "-".join(part for part in parts if part)


def _latin_runs(chars: str) -> list[str]:
    """What pypinyin cannot spell (Latin, digits) kept as its runs of letters and digits."""
    return re.findall(r"[A-Za-z0-9]+", chars)


def slugify(title: str, fallback: str = "page", words_kept: int | None = None) -> str:
    """ASCII URL slug from a Chinese title (pinyin), safe in file names and from file://."""
    # pypinyin's stub types `errors` as returning one string; it takes a list of strings too (its documented use)
    words = lazy_pinyin(title, errors=_latin_runs)  # type: ignore[arg-type]  # stub narrower than pypinyin
    kept = [part for part in (slug([word]) for word in words) if part]
    return "-".join(kept[: words_kept or MAX_SLUG_WORDS]) or fallback
