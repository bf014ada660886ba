"""Lenient repair of the Markdown that exporters break, before it is parsed.

Archivers and copy-paste tools write image and link syntax CommonMark does not accept: an address
with spaces in it, or a line cut off inside the address; and a rule right under a sentence, which
CommonMark reads as that sentence's heading underline.  A reader never wrote `![…](…` on purpose:
it is a picture (or a link) or nothing, so it is repaired before parsing, and every repair is
recorded under a named rule with the text it touched.
"""

from __future__ import annotations

import re
from functools import partial

from build_tools.core.model import Removal
from build_tools.core.textutil import ends_sentence, strip_markup

# `[text](address)` / `![alt](address)` whose address holds white space (and is not `address "title"`).
SPACED_RE = re.compile(r"(?P<head>!?\[[^\]\n]*\])\((?P<inside>[ \t]*https?://[^)\n]*)\)")
TITLED_RE = re.compile(r"""^\s*\S+\s+("[^"]*"|'[^']*'|\([^)]*\))\s*$""")
# `[text](http…` with no closing parenthesis before the end of the line: the exporter cut it off.
CUT_OFF_RE = re.compile(r"(?P<bang>!?)\[(?P<text>[^\]\n]*)\]\((?P<address>https?://[^)\n]*)$")
FENCE_RE = re.compile(r"^[ \t]{0,3}(```|~~~)")
ELLIPSIS_RE = re.compile(r"(\.{2,}|…+)\s*$")


def repair_markdown(body: str, first_line: int) -> tuple[str, list[Removal]]:
    """The body with broken addresses mended or left out, and a record of each repair."""
    notes: list[Removal] = []
    lines = body.split("\n")
    fenced = False
    for index, line in enumerate(lines):
        number = first_line + index
        if FENCE_RE.match(line):
            fenced = not fenced
        if fenced:  # code shows its syntax on purpose
            continue
        line = SPACED_RE.sub(partial(_spaced, line=number, notes=notes), line)
        match = CUT_OFF_RE.search(line)
        if match:
            line = line[: match.start()] + _cut_off(match, number, notes)
        if index and DASH_LINE_RE.match(line) and _is_prose(lines[index - 1]):
            # `一句话。` over `-----`: CommonMark's setext heading, but nobody heads a section with a
            # sentence; the writer meant a paragraph and a rule under it.
            notes.append(
                Removal("markdown-rule-under-prose", "a rule under a sentence, not its underline", line, number)
            )
            line = "***"  # a rule that cannot underline, on the same line: line numbers stay
        lines[index] = line
    return "\n".join(lines), notes


DASH_LINE_RE = re.compile(r"^[ \t]{0,3}-{3,}[ \t]*$")
PROSE_WIDTH = 40  # characters: a heading is shorter, and has no sentence inside it


def _is_prose(line: str) -> bool:
    text = strip_markup(line).strip()
    return (
        bool(text)
        and not text.startswith(("#", ">", "-", "*", "|"))
        and (len(text) > PROSE_WIDTH or ends_sentence(text) or any(mark in text for mark in "，。；"))
    )


def _spaced(match: re.Match, line: int, notes: list[Removal]) -> str:
    inside = match.group("inside").strip()
    if not re.search(r"\s", inside) or TITLED_RE.match(inside):
        return match.group(0)
    mended = re.sub(r"\s", "%20", inside)
    notes.append(
        Removal("markdown-address-spaces", "spaces in a picture or link address, written as %20", inside, line)
    )
    return f"{match.group('head')}({mended})"


def _cut_off(match: re.Match, line: int, notes: list[Removal]) -> str:
    """A cut-off picture is a picture when its address is whole (only the `)` is missing), else nothing;
    a cut-off link keeps its text."""
    address, text, picture = match.group("address").strip(), match.group("text"), bool(match.group("bang"))
    if not ELLIPSIS_RE.search(address) and " " not in address:
        notes.append(Removal("markdown-unclosed-address", "a picture or link line missing its `)`", address, line))
        return f"{match.group('bang')}[{text}]({address})"
    if picture:
        notes.append(
            Removal(
                "markdown-cut-off-picture",
                "a picture line the exporter cut off inside its address: no picture can be shown",
                f"{text} {address}".strip(),
                line,
            )
        )
        return ""
    notes.append(
        Removal(
            "markdown-cut-off-link", "a link the exporter cut off inside its address: its text is kept", address, line
        )
    )
    return text
