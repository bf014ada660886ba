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


def slugify(title: str, fallback: str = "page") -> str:
    """ASCII URL slug from a Chinese title (pinyin), safe in file names and from file://."""
    words = lazy_pinyin(title, errors=lambda chars: re.findall(r"[A-Za-z0-9]+", chars))
    kept = [part for part in (slug([word]) for word in words) if part]
    return "-".join(kept[:MAX_SLUG_WORDS]) or fallback
