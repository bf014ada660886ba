"""Corner quotation marks for the traditional editions whose readers expect them.

Taiwan and Hong Kong write 「…」 and, inside them, 『…』 where the mainland writes “…” and ‘…’.
Only marks of running text change: markdown-it-py decides what is code, a link address or
raw HTML (those keep their marks), and a pair with no Chinese inside or right around it (an
English quotation, “Hello”) stays curly, as do apostrophes (don’t) and marks that pair with
nothing unless they open or close Chinese text (a quotation running over several paragraphs
opens each paragraph and closes only at its end).
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.token import Token

from build_tools.core.textutil import HAN as HAN_CLASS
from build_tools.core.textutil import HAN_RE

OPENING = {"“": "”", "‘": "’"}
CLOSING = {close: open_ for open_, close in OPENING.items()}
CORNER = {"“": "「", "”": "」", "‘": "『", "’": "』"}
MARKS = re.compile("[“”‘’]")
HAN = HAN_RE
CHINESE_TEXT = re.compile(f"[\u3000-\u303f{HAN_CLASS}\uff01-\uff60]")  # Han or full-width punctuation


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark")


def _marks(text: str) -> int:
    return len(MARKS.findall(text))


def _flags(children: list[Token]) -> list[bool]:
    """For each quote mark in source order: True when it is in running text, False in code, URLs or HTML.

    A link's address follows its text in the source, so its marks are counted at the link's end."""
    flags: list[bool] = []
    addresses: list[int] = []
    inside_autolink = False
    for token in children:
        if token.type == "link_open":
            inside_autolink = token.info == "auto"
            addresses.append(0 if inside_autolink else _marks(unquote(str(token.attrGet("href") or ""))))
        elif token.type == "link_close":
            flags += [False] * addresses.pop()
            inside_autolink = False
        elif token.type == "image":
            flags += [True] * _marks(token.content) + [False] * _marks(unquote(str(token.attrGet("src") or "")))
        elif token.type == "text":
            flags += [not inside_autolink] * _marks(token.content)
        else:  # code_inline, html_inline, anything else that carries text verbatim
            flags += [False] * _marks(token.content)
    return flags


def _eligible(text: str) -> list[int]:
    """Positions of the quote marks of running text (all of them if the parse cannot be lined up)."""
    positions = [m.start() for m in MARKS.finditer(text)]
    tokens = _parser().parseInline(text)
    flags = _flags(tokens[0].children or []) if tokens else []
    if len(flags) != len(positions):  # e.g. a mark written as an HTML entity: no safe way to tell, so treat all alike
        return positions
    return [position for position, flag in zip(positions, flags) if flag]


def _pairs(text: str, positions: list[int]) -> tuple[list[tuple[int, int]], list[int]]:
    """Matched (open, close) pairs, nested like parentheses, and the marks left unmatched."""
    pairs: list[tuple[int, int]] = []
    stack: list[int] = []
    unmatched: list[int] = []
    for index, position in enumerate(positions):
        mark = text[position]
        following = text[positions[index + 1]] if index + 1 < len(positions) else ""
        if mark in OPENING or (mark in CLOSING and not stack and following == mark):
            # `说：”…”`: a text that writes both marks as closing ones opens with the first of two
            stack.append(position)
        elif stack and text[stack[-1]] in (CLOSING[mark], mark):
            pairs.append((stack.pop(), position))
        else:
            unmatched.append(position)
    return pairs, unmatched + stack


def _near_han(text: str, position: int) -> bool:
    """An unmatched opening mark followed by, or closing mark preceded by, Chinese text or punctuation."""
    neighbour = (
        text[position + 1 : position + 2] if text[position] in OPENING else text[max(0, position - 1) : position]
    )
    return bool(CHINESE_TEXT.match(neighbour))


def _chinese_pair(text: str, open_: int, close: int) -> bool:
    """A quotation with Chinese in it, or set in Chinese text (…的“33618”现代…), not an English one."""
    return bool(
        HAN.search(text, open_, close)
        or CHINESE_TEXT.match(text[max(0, open_ - 1) : open_])
        or CHINESE_TEXT.match(text[close + 1 : close + 2])
    )


def corner_quotes(text: str) -> str:
    """“…” → 「…」 and ‘…’ → 『…』 in running Chinese text; code, addresses and English quotations keep theirs."""
    if not MARKS.search(text):
        return text
    pairs, unmatched = _pairs(text, _eligible(text))
    characters = list(text)
    for open_, close in pairs:
        if _chinese_pair(text, open_, close):
            family = CLOSING.get(text[close], text[close])  # the opening mark of the pair's kind
            characters[open_], characters[close] = CORNER[family], CORNER[OPENING[family]]
    for position in unmatched:
        if _near_han(text, position):
            characters[position] = CORNER[characters[position]]
    return "".join(characters)
