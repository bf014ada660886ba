"""Typed values that flow between the pipeline stages.

Every stage is a function from one of these values to the next, so each can be
tested alone.  They are frozen: a stage returns new values instead of mutating
what an earlier stage produced, which keeps the clean report honest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal, get_args

# the two scripts an article is written in or shown in, named once: every other module uses these names
Script = Literal["zh-Hans", "zh-Hant"]
SCRIPTS: tuple[Script, Script] = get_args(Script)
SIMPLIFIED, TRADITIONAL = SCRIPTS

BlockKind = Literal[
    "heading",  # section heading; `level` 2..4 inside a page
    "section",  # a section mark where the source numbers its sections without titles: `text` is 一, 二 …
    "paragraph",  # running text (inline Markdown)
    "lede",  # standfirst under a chapter title
    "figure",  # picture or chart: `text` is the caption, `notes` the 来源/说明 lines, `src` an image URL
    "list",  # `items` are the entries; `ordered` lists are numbered from `start`
    "code",  # a code block: `text` exactly as written (not inline Markdown), `language` its info string
    "references",  # a reference list or bibliography: `items`, shown as a list, never annotated
    "quote",  # block quotation
    "aside",  # a column or sidebar inside an article: `text` title, `byline`, `children`
    "rule",  # thematic break
    "table",  # `text` the header cells, `items` the rows; cells separated by " | " (inline Markdown)
    "break",  # page-break debris from PDF or layout extraction; cleaning uses it as evidence, then drops it
]


@dataclass(frozen=True)
class SourceFile:
    """A seed file as bytes, before anything is assumed about its encoding or format."""

    path: Path
    name: str  # file name relative to the seeds folder, used in messages and provenance
    data: bytes
    sha256: str


@dataclass(frozen=True)
class Decoded:
    """A seed decoded to text with normalised line endings."""

    source: SourceFile
    text: str
    encoding: str
    note: str = ""  # how the encoding was chosen, when there was a choice (which candidate won, which failed)


@dataclass(frozen=True)
class Block:
    """One structural unit of a page. `text` is inline Markdown, already escaped."""

    kind: BlockKind
    text: str = ""
    level: int = 0
    line: int = 0  # 1-based line in the decoded seed, for messages
    notes: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    src: str = ""
    byline: str = ""
    children: tuple[Block, ...] = ()
    anchor: str = ""  # id of the paragraph on the page, for links to the exact spot
    ordered: bool = False  # a numbered list: the source's numbers are part of the text
    start: int = 1  # the first number of an ordered list
    language: str = ""  # a code block's language, as the source names it


def block_texts(blocks: Iterable[Block]) -> Iterator[str]:
    """Every text of a block tree a reader sees, nested asides included (one walk for every count)."""
    for block in blocks:
        yield block.text
        yield block.byline
        yield from block.notes
        yield from block.items
        yield from block_texts(block.children)


def map_block_texts(block: Block, function: Callable[[str], str]) -> Block:
    """The block with `function` applied to each of its texts, bylines and nested blocks included."""
    return replace(
        block,
        text=function(block.text),
        byline=function(block.byline),
        notes=tuple(function(n) for n in block.notes),
        items=tuple(function(i) for i in block.items),
        children=tuple(map_block_texts(c, function) for c in block.children),
    )


@dataclass(frozen=True)
class Removal:
    """Something cleaning or a reader dropped, with the named rule that dropped it."""

    rule: str
    reason: str
    text: str
    line: int = 0


@dataclass(frozen=True)
class RawDocument:
    """What a reader found: one article, or one chapter of a report, before cleaning."""

    source: Decoded
    format: str  # reader name: plain, newspaper, html, report
    title: str  # "" when the source has none
    blocks: tuple[Block, ...]
    byline: str = ""  # raw byline line, e.g. "本报记者 张敏 冯雨瑶"
    front_matter: dict = field(default_factory=dict)
    front_matter_lines: dict = field(default_factory=dict)  # field name -> line in the seed
    front_matter_names: dict = field(default_factory=dict)  # canonical field -> the key as the source wrote it
    title_candidates: tuple[str, ...] = ()  # other places the title appears (image alt, <h1>) for repairs
    part_of: str = ""  # report title when this is a chapter
    part_index: int = 0  # 1-based chapter number inside the report, 0 for articles
    back_matter: bool = False  # a report's reference list or back cover: a 参考资料 page, not a chapter
    removals: tuple[Removal, ...] = ()  # what the reader itself dropped (tables of contents, markup)
    line: int = 1


@dataclass(frozen=True)
class CleanReport:
    """Per-document audit of cleaning: every removal with its rule, and what was repaired."""

    removals: tuple[Removal, ...]
    repairs: tuple[str, ...]
    truncated: bool


@dataclass(frozen=True)
class Article:
    """A cleaned document: typed blocks ready for metadata and rendering."""

    raw: RawDocument
    title: str
    blocks: tuple[Block, ...]
    report: CleanReport


@dataclass(frozen=True)
class Metadata:
    """The one schema of page front matter (see metadata.SCHEMA for validation)."""

    title: str
    authors: tuple[str, ...]
    source: str
    date: str  # ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD) or "" when unknown
    script: Script
    seed: str
    sha256: str
    format: str
    characters: int
    reading_minutes: int
    summary: str
    truncated: bool
    part_of: str = ""
    part_index: int = 0
    back_matter: bool = False  # a report's reference list or back cover, not counted as a chapter
    byline: str = ""  # the byline as printed, e.g. "本报记者 张敏 冯雨瑶"
    url: str = ""  # the original's web address: the page links to it
    tags: tuple[str, ...] = ()  # the source's own tags or categories
    evidence: tuple[tuple[str, str], ...] = ()  # field → where it came from (editor-file, front-matter, byline …)
    original_title: str = ""  # the title the article had where it first appeared (原标题：…)


@dataclass(frozen=True)
class Page:
    """A page of an edition: where it goes under docs/, its front matter and Markdown body."""

    path: str  # relative to the edition's docs folder, POSIX style
    title: str
    front_matter: dict
    body: str
    raw: bool = False  # written as is (a picture such as an SVG chart), without front matter


@dataclass(frozen=True)
class Diagnostic:
    """A problem found in the input: `path[:line]: problem — what to do`."""

    path: str
    message: str
    hint: str = ""
    line: int = 0
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        tail = f" — {self.hint}" if self.hint else ""
        return f"{where}: {self.message}{tail}"
