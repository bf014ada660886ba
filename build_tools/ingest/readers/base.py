"""What all readers share: the contract and splitting text into numbered paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import ClassVar, Protocol

from build_tools.core.model import Block, Decoded, RawDocument
from build_tools.core.textutil import escape_markdown, join_wrapped


@dataclass(frozen=True)
class Traits:
    """What later stages may know about a format, declared by its reader instead of tested by its name.

    `marks_headings`: the format marks its own headings (Markdown, HTML), so no line is promoted to one.
    `layout_extracted`: text came from page or column layout (PDF reports, newspaper pages), which breaks
    sentences anywhere, so a prose line that simply stops runs on into the next.
    `chapter_standfirst`: a chapter opens with a one-line summary, the standfirst.
    `byline_is_publisher`: the line under the title names the publisher (a report's), not people: it is
    the source and the author of last resort, and no byline is shown.
    `title_has_markup`: titles may carry inline Markdown, shown as plain text.
    `fields_from_page_tags`: its front matter fields come from an HTML page's own tags, not a YAML block.
    """

    marks_headings: bool = False
    layout_extracted: bool = False
    chapter_standfirst: bool = False
    byline_is_publisher: bool = False
    title_has_markup: bool = False
    fields_from_page_tags: bool = False


PLAIN_TRAITS = Traits()


class Reader(Protocol):
    name: ClassVar[str]
    traits: ClassVar[Traits]

    def score(self, text: str) -> float:
        """How sure this reader is that `text` is its format (0 = not at all)."""

    def read(self, decoded: Decoded) -> list[RawDocument]:
        """The documents in the seed; raise InputError for input it cannot use."""


# Two ideographic spaces after a sentence's end inside a line: the indent of the next paragraph, where
# a copy-paste or a scraper joined the paragraphs of a page onto one line (`…万亿。　　任泽平认为…`).
INDENT_BREAK_RE = re.compile(r"(?<=[。！？!?”」』…）])\u3000{2}(?=\S)")


def _paragraphs_of(text: str, line: int) -> list[Block]:
    return [Block("paragraph", piece.strip(), line=line) for piece in INDENT_BREAK_RE.split(text) if piece.strip()]


def split_paragraphs(text: str, first_line: int = 1) -> list[Block]:
    """Paragraph blocks with their line numbers.

    Sources separate paragraphs either by blank lines (then lines inside a chunk are
    wraps of one paragraph) or one per line with no blank lines at all.  A line of
    only spaces between chunks is page-break debris and becomes a `break` block.
    """
    lines = text.split("\n")
    nonblank = [line for line in lines if line.strip()]
    blank_separated = sum(1 for a, b in zip(lines, lines[1:]) if a.strip() and not b.strip())
    one_per_line = len(nonblank) > 4 and blank_separated < len(nonblank) / 4
    if one_per_line:
        lines = rejoin_cut_inlines(lines)
    blocks: list[Block] = []
    chunk: list[str] = []
    chunk_line = 0
    for number, line in enumerate(lines, start=first_line):
        if line.strip() and not one_per_line:
            if not chunk:
                chunk_line = number
            chunk.append(line.strip())
            continue
        if chunk:
            blocks += _paragraphs_of(_join_lines(chunk), chunk_line)
            chunk = []
        if line.strip():
            blocks += _paragraphs_of(line.strip(), number)
        elif line and blocks and blocks[-1].kind != "break":  # spaces only: page-break debris
            blocks.append(Block("break", line=number))
    if chunk:
        blocks += _paragraphs_of(_join_lines(chunk), chunk_line)
    return blocks


# A line cut where an inline element stood (a link or a bold name taken out onto a line of its own):
# a lone Latin word, a line opening with the sentence's closing punctuation.
LONE_LATIN_RE = re.compile(r"[A-Za-z][A-Za-z0-9 .+#&'/-]{0,30}")
CUT_AFTER = "，。、；：！？）)」』”’"
ENDS_SENTENCE = "。！？!?…”」』）)"


def _cut_between(left: str, piece: str, right: str) -> bool:
    """Is `right` the rest of the sentence `left` (whose last piece was `piece`) was cut from?"""
    left, piece, right = left.strip(), piece.strip(), right.strip()
    if not left or not right:
        return False
    # A line ending in a comma alone is no evidence: a poem's lines end in commas.
    return (
        left[-1] == "、"  # an enumeration goes on; no line ends in 、
        or right[0] in CUT_AFTER
        or (bool(LONE_LATIN_RE.fullmatch(piece)) and left[-1] not in ENDS_SENTENCE and right[0] not in "#*-")
        or (bool(LONE_LATIN_RE.fullmatch(right)) and left[-1] not in ENDS_SENTENCE)
    )


def rejoin_cut_inlines(lines: list[str]) -> list[str]:
    """Text written one paragraph per line whose lines were also cut at inline elements (a feed's
    description with its links and bold names taken out of the sentence): the pieces of a sentence
    joined again on the sentence's first line (the lines after keep their numbers)."""
    joined: list[str] = []
    open_line = -1  # the line the previous piece joined, while the sentence goes on
    piece = ""
    for line in lines:
        if open_line >= 0 and line.strip() and _cut_between(joined[open_line], piece, line):
            joined[open_line] = join_wrapped(joined[open_line], line)
            joined.append("")  # the piece's own line stays, empty, so the lines after keep their numbers
            piece = line
            continue
        open_line = len(joined) if line.strip() else -1
        piece = line
        joined.append(line)
    return joined


def _join_lines(lines: list[str]) -> str:
    text = lines[0]
    for line in lines[1:]:
        text = join_wrapped(text, line)
    return text


def escape_blocks(blocks: list[Block]) -> list[Block]:
    """Plain-text sources are not Markdown: escape them so `*`, `#` or `<script>` stay literal text."""
    return [
        replace(
            b,
            text=escape_markdown(b.text),
            notes=tuple(map(escape_markdown, b.notes)),
            items=tuple(map(escape_markdown, b.items)),
            children=tuple(escape_blocks(list(b.children))),
        )
        for b in blocks
    ]
