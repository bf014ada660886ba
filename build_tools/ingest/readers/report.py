"""A long report extracted from a PDF into Markdown: one document per chapter.

The front lines before the first chapter give the report's title and publisher;
a table of contents with page numbers is dropped (the site has navigation).
"""

from __future__ import annotations

import re
from dataclasses import replace

from build_tools.core.model import Block, Decoded, RawDocument, Removal
from build_tools.core.textutil import is_list_entry, is_reference_heading, join_wrapped
from build_tools.ingest.readers.base import Traits
from build_tools.ingest.readers.registry import register

HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
RULE_RE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
LIST_RE = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$")
TOC_LINE_RE = re.compile(r"^(.*\S)[\t ]+(\d{1,4})$")
TOC_TITLES = {"目录", "目錄", "contents", "table of contents"}


@register(priority=30)
class MarkdownReportReader:
    """Recognised by several `# ` chapter headings with `## ` sections under them."""

    name = "report"
    traits = Traits(
        marks_headings=True,
        layout_extracted=True,
        chapter_standfirst=True,
        byline_is_publisher=True,
        title_has_markup=True,
    )

    def score(self, text: str) -> float:
        """Chapters (`# `) with sections (`## `), outside code, and what only a report has in front of them:
        its title and publisher above the first chapter, a table of contents, or a cover chapter (a heading
        over a line or two, no section).  An article's own `# ` headings under its title make no report."""
        outside = [line for line, fenced in _fenced_lines(text.split("\n")) if not fenced]
        h1 = [n for n, line in enumerate(outside) if HEADING_RE.match(line) and line.startswith("# ")]
        h2 = sum(1 for line in outside if line.startswith("## ") and HEADING_RE.match(line))
        if len(h1) < 2 or h2 < 2:
            return 0.0
        front = [line for line in outside[: h1[0]] if line.strip()]
        if any(re.fullmatch(r"=+|-+", line.strip()) for line in front):
            return 0.0  # a setext-underlined title (or front matter) heads a Markdown article
        first = [line for line in outside[h1[0] + 1 : h1[1]] if line.strip()]
        cover = 1 <= len(first) <= 2 and not any(
            line.startswith("#") or len(line.strip()) > 40 or re.search(r"[:：]", line) for line in first
        )
        contents = any(
            self._is_table_of_contents(outside[start][2:], [(0, line) for line in outside[start + 1 : end]])
            for start, end in zip(h1, [*h1[1:], len(outside)])
        )
        return 0.8 if front or cover or contents else 0.0

    def read(self, decoded: Decoded) -> list[RawDocument]:
        lines = decoded.text.split("\n")
        chapters: list[tuple[int, str, list[tuple[int, str]]]] = []  # (line, title, body lines)
        front: list[tuple[int, str]] = []
        for number, (line, fenced) in enumerate(_fenced_lines(lines), start=1):
            match = None if fenced else HEADING_RE.match(line)  # a `#` line in code is code, never a chapter
            if match and len(match.group(1)) == 1:
                chapters.append((number, match.group(2), []))
            elif chapters:
                chapters[-1][2].append((number, line))
            else:
                front.append((number, line))

        front_text = [(n, line.strip()) for n, line in front if line.strip()]
        report_title = front_text[0][1].lstrip("#").strip() if front_text else ""
        publisher = front_text[1][1] if len(front_text) > 1 else ""
        subtitle = tuple(text for _, text in front_text[2:])
        removals: list[Removal] = []
        documents: list[RawDocument] = []
        index = 0
        for heading_line, title, body in chapters:
            if self._is_table_of_contents(title, body):
                for n, text in body:
                    if text.strip():
                        removals.append(
                            Removal(
                                "pdf-table-of-contents",
                                "a PDF's table of contents with page numbers; the site's navigation replaces it",
                                text.strip(),
                                n,
                            )
                        )
                removals.append(
                    Removal("pdf-table-of-contents", "heading of the table of contents", title, heading_line)
                )
                continue
            index += 1
            documents.append(
                RawDocument(
                    source=decoded,
                    format=self.name,
                    title=title,
                    blocks=tuple(self._blocks(body)),
                    byline=publisher,
                    part_of=report_title,
                    part_index=index,
                    line=heading_line,
                    front_matter={"report_subtitle": list(subtitle)} if subtitle else {},
                    removals=tuple(removals) if index == 1 else (),
                )
            )
        return mark_back_matter(documents)

    @staticmethod
    def _is_table_of_contents(title: str, body: list[tuple[int, str]]) -> bool:
        text_lines = [line.strip() for _, line in body if line.strip()]
        if not text_lines:
            return False
        numbered = sum(1 for line in text_lines if TOC_LINE_RE.match(line))
        return title.strip().lower() in TOC_TITLES or numbered >= max(3, 0.8 * len(text_lines))

    @staticmethod
    def _blocks(body: list[tuple[int, str]]) -> list[Block]:
        blocks: list[Block] = []
        paragraph: list[str] = []
        paragraph_line = 0

        def flush() -> None:
            nonlocal paragraph
            if paragraph:
                text = paragraph[0]
                for piece in paragraph[1:]:
                    text = join_wrapped(text, piece)
                blocks.append(Block("paragraph", _no_raw_html(text), line=paragraph_line))
                paragraph = []

        fence = ""
        for position, (number, line) in enumerate(body):
            if fence:  # inside a fenced block: the code as written, up to the closing fence
                if line.strip().startswith(fence):
                    fence = ""
                else:
                    blocks[-1] = replace(blocks[-1], text=f"{blocks[-1].text}\n{line}" if blocks[-1].text else line)
                continue
            opening = FENCE_RE.match(line)
            if opening:
                flush()
                fence = opening.group(1)
                blocks.append(Block("code", "", line=number, language=line.strip()[len(fence) :].strip()))
                continue
            if TABLE_ROW_RE.match(line) and position + 1 < len(body) and TABLE_RULE_RE.match(body[position + 1][1]):
                flush()
                blocks.append(Block("table", _cells(line), line=number))
                continue
            if TABLE_RULE_RE.match(line) and blocks and blocks[-1].kind == "table" and not blocks[-1].items:
                continue
            if TABLE_ROW_RE.match(line) and blocks and blocks[-1].kind == "table" and not paragraph:
                blocks[-1] = replace(blocks[-1], items=(*blocks[-1].items, _cells(line)))
                continue
            heading = HEADING_RE.match(line)
            item = LIST_RE.match(line)
            if heading:
                flush()
                blocks.append(
                    Block("heading", _no_raw_html(heading.group(2)), level=len(heading.group(1)), line=number)
                )
            elif RULE_RE.match(line):
                flush()
                blocks.append(Block("rule", line=number))
            elif item and not line.startswith(" " * 4):
                flush()
                if blocks and blocks[-1].kind == "list":
                    blocks[-1] = Block(
                        "list", items=blocks[-1].items + (_no_raw_html(item.group(1).strip()),), line=blocks[-1].line
                    )
                else:
                    blocks.append(Block("list", items=(_no_raw_html(item.group(1).strip()),), line=number))
            elif not line.strip():
                flush()
                if line and blocks and blocks[-1].kind != "break":
                    blocks.append(Block("break", line=number))  # a line of spaces: page-break debris
            else:
                if not paragraph:
                    paragraph_line = number
                paragraph.append(line.strip())
        flush()
        return [b for b in blocks if b.kind != "code" or b.text.strip()]


FENCE_RE = re.compile(r"^[ \t]{0,3}(```+|~~~+)")
TABLE_ROW_RE = re.compile(r"^\s*\|.*\|\s*$")
TABLE_RULE_RE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _fenced_lines(lines: list[str]) -> list[tuple[str, bool]]:
    """Each line, and whether it lies inside a fenced code block (the fences included)."""
    marked, fence = [], ""
    for line in lines:
        opening = FENCE_RE.match(line)
        if fence:
            marked.append((line, True))
            if line.strip().startswith(fence) and not line.strip()[len(fence) :].strip():
                fence = ""
        else:
            marked.append((line, bool(opening)))
            fence = opening.group(1) if opening else ""
    return marked


def _cells(line: str) -> str:
    """A pipe-table row as the table block holds it: its cells joined by ` | `."""
    cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
    return " | ".join(_no_raw_html(cell) or " " for cell in cells)


BACK_MATTER_TITLE = "参考资料"
REFERENCE_SHARE = 0.6  # list entries hold at least this share of a back-matter chapter's text
MIN_REFERENCES = 5


def _is_back_matter(document: RawDocument) -> bool:
    """A references chapter by its title, or a chapter that is mostly a list of other works (a reference
    list printed on the back cover, under the publisher's name)."""
    if is_reference_heading(document.title):
        return True
    items = [item for block in document.blocks if block.kind == "list" for item in block.items]
    items += [block.text for block in document.blocks if block.kind == "paragraph" and is_list_entry(block.text)]
    text = sum(len(block.text) for block in document.blocks if block.kind != "list") + sum(
        len(item) for block in document.blocks if block.kind == "list" for item in block.items
    )
    return len(items) >= MIN_REFERENCES and sum(map(len, items)) >= REFERENCE_SHARE * max(1, text)


def mark_back_matter(documents: list[RawDocument]) -> list[RawDocument]:
    """The trailing chapters that are back matter become one 参考资料 page each, not chapters.

    The heading they carried (often the publisher's name on the back cover) is recorded as removed."""
    marked = list(documents)
    for position in range(len(marked) - 1, 0, -1):
        document = marked[position]
        if not _is_back_matter(document):
            break
        removal = (
            ()
            if document.title == BACK_MATTER_TITLE
            else (
                Removal(
                    "back-matter-title",
                    f"the heading of the report's back matter, shown as {BACK_MATTER_TITLE}",
                    document.title,
                    document.line,
                ),
            )
        )
        marked[position] = replace(
            document, title=BACK_MATTER_TITLE, back_matter=True, removals=document.removals + removal
        )
    return marked


def _no_raw_html(text: str) -> str:
    """Markdown in a report is kept, raw HTML is not: it could carry scripts into the site.

    PDF converters escape `$` as `\\$` (for TeX); Python-Markdown would show the backslash."""
    return text.replace("<", "&lt;").replace(">", "&gt;").replace("\\$", "$")
