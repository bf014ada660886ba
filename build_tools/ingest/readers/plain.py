"""Plain text articles: a title line, perhaps a byline or a block of metadata lines, then paragraphs.

A digest of several articles separated by rule lines (`=====`, `* * *`) is one document per article."""

from __future__ import annotations

import re

from build_tools.core.model import Decoded, RawDocument, Removal
from build_tools.core.textutil import escape_markdown, han_count, is_headline_like, is_title_like, parse_byline
from build_tools.ingest.readers.base import PLAIN_TRAITS, escape_blocks, split_paragraphs
from build_tools.ingest.readers.items import (
    CLOSING_RULE,
    DATELINE_SOURCE_RE,
    SECTION_START_RE,
    MetadataLines,
    MetaLine,
    field_of,
    metadata_lines,
    take_metadata,
)
from build_tools.ingest.readers.registry import register

MAX_HEAD_LINES = 12  # metadata lines under a title: a short block, never the article


def metadata_under_title(text: str) -> tuple[dict, dict, list[Removal], str]:
    """Fields from the `作者：…` / `来源：…` / `发布时间：…` lines at the top (under the title line, or
    opening the text), the text with those lines blanked (line numbers kept, the lines never joined
    into a paragraph), and a record of each line."""
    lines = text.split("\n")
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    if not nonblank:
        return {}, {}, [], text
    if metadata_lines(lines[nonblank[0]], 1):
        start = nonblank[0]
    elif is_title_like(lines[nonblank[0]].strip(), max_len=40):
        start = nonblank[0] + 1
    else:  # no title line: lines further down are the text's own
        return {}, {}, [], text
    found: list[MetaLine] = []
    taken: list[int] = []
    for index in range(start, min(len(lines), start + MAX_HEAD_LINES)):
        if not lines[index].strip():
            continue
        meta = metadata_lines(lines[index], index + 1)
        if not meta:
            break
        found += meta
        taken.append(index)
    if not any(field_of(m.key, m.value) for m in found):
        return {}, {}, [], text
    values, where, removals, _ = take_metadata([MetadataLines(tuple(found), ())])
    for index in taken:
        lines[index] = ""
    return values, where, removals, "\n".join(lines)


def metadata_at_end(text: str) -> tuple[dict, dict, list[Removal], str]:
    """Fields from a block of labelled lines closing the text (`来源：…`, `发布时间：…`, each one we use),
    the text with them blanked, and a record of each: the article's source, not a run-together paragraph."""
    lines = text.split("\n")
    found: list[MetaLine] = []
    taken: list[int] = []
    for index in range(len(lines) - 1, -1, -1):
        if not lines[index].strip():
            continue
        meta = metadata_lines(lines[index], index + 1)
        if not meta or len(taken) >= MAX_HEAD_LINES or not all(field_of(m.key, m.value) for m in meta):
            break
        found = [*meta, *found]
        taken.append(index)
    if len(found) < 2 or len(taken) == len([line for line in lines if line.strip()]):
        return {}, {}, [], text  # a lone `来源：` line is cleaning's (a chart's note, or the source line)
    values, where, removals, _ = take_metadata([MetadataLines(tuple(found), ())], CLOSING_RULE)
    for index in taken:
        lines[index] = ""
    return values, where, removals, "\n".join(lines)


# An inline element a scraper left in the text (`<a href='…'>某社</a>`): its text is the text.  Only
# whole elements of the inline kinds: a tag named in prose (`用 <div> 分块`) is the writer's text.
LEFTOVER_TAG_RE = re.compile(
    r"<(?P<tag>a|span|font|strong|b|em|i|u)\b[^<>\n]*>(?P<text>[^<>\n]*)</(?P=tag)\s*>", re.IGNORECASE
)


@register(priority=10)
class PlainTextReader:
    """The fallback format: anything that is text and matches no richer format."""

    name = "plain"
    traits = PLAIN_TRAITS

    def score(self, text: str) -> float:
        return 0.1

    def read(self, decoded: Decoded) -> list[RawDocument]:
        chunks = article_chunks(decoded.text)
        if len(chunks) == 1:
            return [self._document(decoded, decoded.text)]
        # line numbers stay the file's: each chunk is padded with the lines before it
        return [self._document(decoded, "\n" * start + chunk) for start, chunk in chunks]

    def _document(self, decoded: Decoded, source_text: str) -> RawDocument:
        fields, lines, removals, text = metadata_under_title(source_text)
        closing, closing_lines, closing_removals, text = metadata_at_end(text)
        fields, lines, removals = {**closing, **fields}, {**closing_lines, **lines}, closing_removals + removals
        blocks = split_paragraphs(LEFTOVER_TAG_RE.sub(r"\g<text>", text))
        title, byline = "", ""
        head = [b for b in blocks[:3] if b.kind == "paragraph"]
        for block in head:
            if parse_byline(block.text) is not None and len(block.text) <= 30:
                byline = block.text
                blocks = [b for b in blocks if b is not block]
                break
        first = next((b for b in blocks if b.kind == "paragraph"), None)
        # The first line is the title when it reads like one (short, no sentence punctuation);
        # a lone digit is a section number, not a title.
        if (
            first is not None
            and (
                is_title_like(escape_markdown(first.text), max_len=40)  # plain text: `<…>` is text, not a tag
                or (  # `某某：要点` heads a text only when text follows it
                    is_headline_like(escape_markdown(first.text), max_len=40)
                    and sum(b.kind == "paragraph" for b in blocks) > 1
                    and not _is_field_line(first.text)  # `来源：某报` is a field, never the title
                )
            )
            and not first.text.strip().isdigit()
            and not SECTION_START_RE.match(first.text)  # a list entry or section heading opens the text
        ):
            title = first.text
            blocks = [b for b in blocks if b is not first]
        return RawDocument(
            source=decoded,
            format=self.name,
            title=title,
            byline=byline,
            blocks=tuple(escape_blocks(blocks)),
            front_matter=fields,
            front_matter_lines=lines,
            removals=tuple(removals),
            line=first.line if first else 1,
        )


def _is_field_line(text: str) -> bool:
    key, colon, value = text.partition("：")
    return bool(colon) and field_of(key, value) is not None


# A line that only separates (`=====`, `-----`, `* * *`, `———`, `＝＝＝`): between articles of a digest.
SEPARATOR_RE = re.compile(r"^[ \t]*([=\-*_~#—─＝－])(?:[ \t]*\1){2,}[ \t]*$")
ARTICLE_MIN_HAN = 60  # a piece shorter than this is a note, not an article of its own


def article_chunks(text: str) -> list[tuple[int, str]]:
    """The articles of a text (line offset, text) when separator lines cut it into pieces that each open
    with a title and hold text of their own; else the whole text as one."""
    lines = text.split("\n")
    cuts = [index for index, line in enumerate(lines) if SEPARATOR_RE.match(line)]
    if not cuts:
        return _chunks_at_datelines(text)
    pieces, start = [], 0
    for cut in [*cuts, len(lines)]:
        piece = "\n".join(lines[start:cut])
        if piece.strip():
            pieces.append((start, piece))
        start = cut + 1
    articles = [(offset, piece) for offset, piece in pieces if _is_article(piece)]
    return articles if len(articles) >= 2 and len(articles) == len(pieces) else [(0, text)]


def _chunks_at_datelines(text: str) -> list[tuple[int, str]]:
    """A text that holds several news pages one after another (a crawler's dump) starts a new article
    at each headline with its dateline under it (`某某事件` / `2018年12月27日08:59  来源：某报`): a
    headline and a dateline mid-text open another article.  Each piece must be an article's worth."""
    lines = text.split("\n")
    starts = []
    for index, line in enumerate(lines):
        following = next((lines[j] for j in range(index + 1, min(index + 3, len(lines))) if lines[j].strip()), "")
        if (
            line.strip()
            and is_title_like(escape_markdown(line.strip()), max_len=40)
            and DATELINE_SOURCE_RE.match(following.strip())
        ):
            starts.append(index)
    starts = [s for s in starts if han_count("\n".join(lines[:s])) >= ARTICLE_MIN_HAN]
    if not starts:
        return [(0, text)]
    bounds = [0, *starts, len(lines)]
    pieces = [(a, "\n".join(lines[a:b])) for a, b in zip(bounds, bounds[1:])]
    return pieces if all(han_count(piece) >= ARTICLE_MIN_HAN for _, piece in pieces) else [(0, text)]


def _is_article(piece: str) -> bool:
    nonblank = [line.strip() for line in piece.split("\n") if line.strip()]
    return (
        len(nonblank) >= 2
        and is_title_like(escape_markdown(nonblank[0]), max_len=40)
        and han_count(piece) >= ARTICLE_MIN_HAN
    )
