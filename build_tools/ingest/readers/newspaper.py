"""A newspaper page: several articles, each a title, picture captions, a byline and text.

Layout extraction interleaves a page's pieces, so the reader also gathers a
column (a titled box with its own author) back into the article it belongs to.
"""

from __future__ import annotations

import re

from build_tools.core.model import Block, Decoded, RawDocument, Removal
from build_tools.core.textutil import is_bare_names, is_title_like, parse_byline
from build_tools.ingest.readers.base import Traits, escape_blocks, split_paragraphs
from build_tools.ingest.readers.registry import register

REPORTER_ROLE = re.compile(r"(记者|記者|通讯员|通訊員)")
CAPTION_RE = re.compile(r"^(图|圖)[①-⑳\d一二三四五六七八九十]|(供图|供圖|摄|攝)(\s|$)")


def is_reporter_byline(text: str) -> bool:
    return len(text) <= 40 and parse_byline(text) is not None and bool(REPORTER_ROLE.search(text))


def is_caption(text: str) -> bool:
    return bool(CAPTION_RE.search(text.strip()))


@register(priority=20)
class NewspaperReader:
    """Recognised by two or more reporter bylines ("本报记者 …") on one page."""

    name = "newspaper"
    traits = Traits(layout_extracted=True)

    def score(self, text: str) -> float:
        bylines = sum(1 for line in text.split("\n") if is_reporter_byline(line.strip()))
        return 0.9 if bylines >= 2 else 0.0

    def read(self, decoded: Decoded) -> list[RawDocument]:
        blocks = split_paragraphs(decoded.text)
        starts = []  # (title index, byline index)
        for index, block in enumerate(blocks):
            if block.kind == "paragraph" and is_reporter_byline(block.text):
                title_index = index - 1
                while title_index >= 0 and (
                    blocks[title_index].kind == "break" or is_caption(blocks[title_index].text)
                ):
                    title_index -= 1
                if title_index >= 0 and is_title_like(blocks[title_index].text, max_len=40):
                    starts.append((title_index, index))
        documents = []
        for number, (title_index, byline_index) in enumerate(starts):
            end = starts[number + 1][0] if number + 1 < len(starts) else len(blocks)
            body = [self._caption_figure(b) for b in blocks[title_index + 1 : end] if b is not blocks[byline_index]]
            title = blocks[title_index]
            gathered, removals = gather_columns(body)
            documents.append(
                RawDocument(
                    source=decoded,
                    format=self.name,
                    title=title.text,
                    byline=blocks[byline_index].text,
                    blocks=tuple(escape_blocks(gathered)),
                    line=title.line,
                    removals=tuple(removals),
                )
            )
        if not documents:
            from build_tools.core.diagnostics import InputError

            raise InputError(
                decoded.source.name,
                "looks like a newspaper page but no article title was found above its bylines",
                "check the page layout or add the seed as plain text",
            )
        return documents

    @staticmethod
    def _caption_figure(block: Block) -> Block:
        if block.kind == "paragraph" and is_caption(block.text):
            return Block("figure", block.text, line=block.line)
        return block


def gather_columns(body: list[Block]) -> tuple[list[Block], list[Removal]]:
    """Fold a column (title line, then a line with only the columnist's name) into an aside.

    If the column's title appears again further down, the layout split the column:
    its first part is the one paragraph under the byline, the rest follows the
    repeated title to the end of the article.  Otherwise it runs to the next title.
    """
    result: list[Block] = []
    removals: list[Removal] = []
    index = 0
    consumed: set[int] = set()
    while index < len(body):
        block = body[index]
        if (
            index in consumed
            or block.kind != "paragraph"
            or index + 2 >= len(body)
            or not is_title_like(block.text)
            or not is_bare_names(body[index + 1].text)
        ):
            if index not in consumed:
                result.append(block)
            index += 1
            continue
        repeat = next(
            (j for j in range(index + 2, len(body)) if body[j].kind == "paragraph" and body[j].text == block.text), None
        )
        if repeat is not None:
            children = [body[index + 2]] + body[repeat + 1 :]
            consumed.update(range(repeat, len(body)))
            removals.append(
                Removal(
                    "column-continued-title",
                    "the layout repeats a split column's title where it continues",
                    body[repeat].text,
                    body[repeat].line,
                )
            )
            next_index = index + 3
        else:
            stop = next(
                (j for j in range(index + 2, len(body)) if body[j].kind == "paragraph" and is_title_like(body[j].text)),
                len(body),
            )
            children = body[index + 2 : stop]
            next_index = stop
        result.append(
            Block(
                "aside",
                block.text,
                byline=body[index + 1].text,
                line=block.line,
                children=tuple(c for c in children if c.kind != "break"),
            )
        )
        index = next_index
    return result, removals
