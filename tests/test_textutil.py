"""What counts as a Han character: every count on a page (characters, reading time) and the fidelity check rest
on it."""

from __future__ import annotations

import pytest

from build_tools.core.textutil import han_chars, han_count


@pytest.mark.parametrize(
    "text, expected",
    [
        ("中文", 2),  # CJK Unified Ideographs
        ("\u3400", 1),  # Extension A
        ("\U00020000", 1),  # Extension B, first: 𠀀
        ("\U0002a6a5", 1),  # Extension B: 𪚥 (four 龍)
        ("\U0002a700", 1),  # Extension C
        ("\U0002b740", 1),  # Extension D
        ("\U0002b820", 1),  # Extension E
        ("\U0002ceb0", 1),  # Extension F
        ("\U00030000", 1),  # Extension G
        ("\uf900", 1),  # Compatibility Ideographs: 豈
        ("\U0002f800", 1),  # Compatibility Ideographs Supplement
        ("\u2e81", 0),  # CJK Radicals Supplement: a look-alike, not a character of running text
        ("，。「」", 0),  # punctuation
        ("ABC ｱ 가", 0),  # Latin, half-width katakana, Hangul
        ("𠮷野家的𩸽", 5),  # Extension B inside ordinary text
    ],
    ids=[
        "basic",
        "ext-a",
        "ext-b-first",
        "ext-b-4-dragons",
        "ext-c",
        "ext-d",
        "ext-e",
        "ext-f",
        "ext-g",
        "compat",
        "compat-supplement",
        "radical",
        "punctuation",
        "not-han",
        "mixed",
    ],
)
def test_han_characters_are_counted_in_every_cjk_block(text, expected):
    assert han_count(text) == expected
    assert len(han_chars(text)) == expected
