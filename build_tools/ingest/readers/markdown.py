"""Markdown articles (CommonMark + GFM tables), read with markdown-it-py.

Blogs (Hexo, Hugo, Jekyll, Docusaurus, Obsidian) and WeChat/RSS archivers keep articles
as Markdown with front matter.  The parser's syntax tree becomes our blocks: nothing of
the source's syntax (`#`, `**`, `![`, escapes, autolinks) can reach a page as text.
HTML inside the Markdown goes through the HTML reader's walker, so it is handled and
sanitised exactly as an HTML file is.  Pictures become figures with their alt text as
caption, linked to the original and never loaded.  `items.py` decides the title, the
metadata lines and whether the file holds one article or several.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urlparse

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin

from build_tools.core.dates import parse_date
from build_tools.core.model import Block, Decoded, RawDocument, Removal
from build_tools.core.textutil import (
    HAN_RE,
    SENTENCE_END,
    escape_markdown,
    is_file_name,
    is_title_like,
    join_wrapped,
    strip_markup,
)
from build_tools.ingest.interface_text import interface_text
from build_tools.ingest.readers.base import Traits
from build_tools.ingest.readers.dialects import read_dialects
from build_tools.ingest.readers.frontmatter import (
    body_after_front_matter,
    canonical_fields,
    front_matter_span,
    split_front_matter,
)
from build_tools.ingest.readers.html import walk_html
from build_tools.ingest.readers.items import (
    MetadataLines,
    MetaLine,
    Part,
    documents_from_parts,
    field_of,
    metadata_lines,
)
from build_tools.ingest.readers.page_chrome import block_removal, is_prose
from build_tools.ingest.readers.registry import register
from build_tools.ingest.readers.repairs import repair_markdown

SAFE_SCHEMES = ("http", "https", "mailto")
UNPAIRED_STRONG_RE = re.compile(r"\*{2,}")
EMPTY_TEXT_RE = re.compile(r"[\s\\*_~]*")
# Alt texts that only say "a picture is here": no caption.
PLACEHOLDER_ALT_RE = re.compile(
    r"(cover[ _-]?)?(image|img|picture|photo|pic|cover)([ _-]?\d+)?|图片|圖片|图|圖|封面(图|圖)?|配图|配圖", re.I
)
# A heading written without the space CommonMark requires ("###2008年"); many Markdown dialects accept it.
LOOSE_HEADING_RE = re.compile(r"^(#{1,6})([^#\s].*)$")
# Markdown signals for format detection: a line-start marker or an inline construct.
SIGNALS = {
    "heading": re.compile(r"^#{1,6} \S", re.M),
    "list": re.compile(r"^\s*(?:[*+-]|\d{1,3}[.)]) \S", re.M),
    "link": re.compile(r"!?\[[^\]\n]*\]\([^)\s]+\)"),
    "emphasis": re.compile(r"\*\*[^*\n]+\*\*"),
    "table": re.compile(r"^\|?\s*:?-{3,}:?\s*\|", re.M),
    "quote": re.compile(r"^> ", re.M),
    # Setext headings (a line of text over `===` or `---`), reference definitions, thematic breaks.
    "setext": re.compile(r"^[ \t]{0,3}[^\s<>=\-|][^\n]*\n[ \t]{0,3}(?:=+|-{3,})[ \t]*$", re.M),
    "reference": re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\S+", re.M),
    "rule": re.compile(r"^[ \t]{0,3}([*_])(?:[ \t]*\1){2,}[ \t]*$", re.M),
}
# A picture with its web address: no plain text writes `![说明](https://…)`, whatever else it holds.
PICTURE_SYNTAX_RE = re.compile(r"!\[[^\]\n]*\]\(\s*<?https?://")
# Markup only Markdown blog tools write (a kramdown attribute line, a Hugo shortcode, a Liquid tag, a
# footnote definition, an MDX import): by itself evidence that the file is Markdown.
DIALECT_RE = re.compile(
    r"^[ \t]*\{:[^}\n]*\}[ \t]*$|\{\{[<%][ \t]*/?[\w./-]+|\{%-?[ \t]*\w+[^%\n]*%\}|^\[\^[^\]\s]+\]:[ \t]"
    r"|^import[ \t]+[\w{}\s,*]+[ \t]+from[ \t]+['\"]",
    re.M,
)
# A line that is HTML (a block tag opens it): not evidence for or against Markdown.
HTML_LINE_RE = re.compile(r"^[ \t]*</?[A-Za-z!][^\n]*$", re.M)
SETEXT_TITLE_RE = re.compile(r"^[^\s<>=\-|][^\n]*\n(?:=+|-{3,})[ \t]*$")
# Footnotes and TeX math as blog tools write them; `$5 和 $6` (prices) is not math: no digit or space
# may touch a `$` inside.
_PARSER = (
    MarkdownIt("commonmark", {"html": True})
    .enable(["table", "strikethrough"])
    .use(footnote_plugin)
    .use(dollarmath_plugin, allow_digits=False, allow_space=False)
)


def is_placeholder_alt(alt: str) -> bool:
    """An alt text that names no content: empty, a file name, or a word like `image` or `cover_image`."""
    alt = alt.strip()
    return not alt or bool(PLACEHOLDER_ALT_RE.fullmatch(alt) or is_file_name(alt) or alt.lower().endswith(".mp4"))


@dataclass
class _Converter:
    """Syntax tree → parts (blocks and metadata lines), recording what it drops."""

    source_name: str
    first_line: int
    removals: list[Removal] = field(default_factory=list)
    title_candidates: list[str] = field(default_factory=list)
    menus: list[Block] = field(default_factory=list)  # lists that read as a saved site's menus

    def line(self, node: SyntaxTreeNode) -> int:
        return (node.map[0] if node.map else 0) + self.first_line

    def convert(self, nodes) -> list[Part]:
        parts: list[Part] = []
        for node in nodes:
            parts += self.block(node)
        return parts

    def block(self, node: SyntaxTreeNode) -> list[Part]:
        kind = node.type
        if kind == "heading":
            text, figures = self.inline(node.children[0])
            return [*figures, *([Block("heading", text, level=int(node.tag[1]), line=self.line(node))] if text else [])]
        if kind == "paragraph":
            return self.paragraph(node)
        if kind in ("bullet_list", "ordered_list"):
            items = tuple(self.list_items(node, depth=0))
            if not items:
                return []
            block = Block(
                "list", items=items, line=self.line(node), ordered=kind == "ordered_list", start=_list_start(node)
            )
            if is_site_menu(node):
                self.menus.append(block)
            # `- **作者** 张三` / `- 更新时间：2026-02-02`: a list of the article's fields (at its top or end)
            fields = _labelled_fields(list(items), self.line(node))
            if fields:
                return [MetadataLines(fields, (block,))]
            return [block]
        if kind == "blockquote":
            inner = self.convert(node.children)
            return [
                Block("quote", p.text, line=p.line) if isinstance(p, Block) and p.kind == "paragraph" else p
                for p in inner
            ]
        if kind == "table":
            return self.table(node)
        if kind == "hr":
            return [Block("rule", line=self.line(node))]
        if kind in ("fence", "code_block"):
            code = node.content.rstrip("\n")
            language = node.info.split()[0] if kind == "fence" and node.info.strip() else ""
            return [Block("code", code, line=self.line(node), language=language)] if code.strip() else []
        if kind == "html_block":
            return self.html(node.content, self.line(node))
        if kind == "math_block":  # a formula reads as the TeX its author wrote, laid out as code
            formula = node.content.strip("\n")
            return [Block("code", formula, line=self.line(node), language="latex")] if formula.strip() else []
        if kind == "footnote_block":  # the notes, numbered as their markers in the text, under a rule
            notes = tuple(
                _join([p.text for p in self.convert(note.children) if isinstance(p, Block)]) for note in node.children
            )
            return [Block("rule", line=self.line(node)), Block("list", items=notes, line=self.line(node), ordered=True)]
        return self.convert(node.children)

    def html(self, html_text: str, line: int) -> list[Part]:
        walker, _ = walk_html(html_text, self.source_name, line, markdown_links=True)
        self.removals += walker.removals
        self.title_candidates += walker.title_candidates
        return list(walker.blocks)

    def paragraph(self, node: SyntaxTreeNode) -> list[Part]:
        inline = node.children[0]
        line = self.line(node)
        if any(child.type == "html_inline" for child in inline.children):
            # Inline HTML: the whole paragraph goes through the HTML walker, as an HTML file would.
            return self.html(_PARSER.renderer.render(node.to_tokens(), _PARSER.options, {}), line)
        loose = LOOSE_HEADING_RE.match(inline.content) if "\n" not in inline.content else None
        if loose:
            return [Block("heading", escape_markdown(loose.group(2).strip()), level=len(loose.group(1)), line=line)]
        text, figures = self.inline(inline, breaks=True)
        # Emphasis markers left around pictures, or nothing at all: no paragraph to read.
        paragraph = [
            Block("paragraph", piece, line=line) for piece in text.split("\n") if not EMPTY_TEXT_RE.fullmatch(piece)
        ]
        found = metadata_lines(inline.content, line) or _lone_link_or_date(inline, line) or _bold_fields(inline, line)
        if found:
            return [MetadataLines(found, tuple(paragraph))]
        titled = _title_over_metadata_lines(inline.content, line, paragraph)
        if titled:
            return titled
        return [*figures, *paragraph] if _starts_with_picture(inline) else [*paragraph, *figures]

    def list_items(self, node: SyntaxTreeNode, depth: int) -> list[str]:
        """Entries of a list; a nested list's entries follow their parent, indented (rendered as a nested list)
        and numbered when the nested list is."""
        items: list[str] = []
        for number, item in enumerate(node.children, start=_list_start(node)):
            texts, nested = [], []
            for child in item.children:
                if child.type in ("bullet_list", "ordered_list"):
                    nested += self.list_items(child, depth + 1)
                elif child.type == "paragraph" and child.children:
                    texts.append(self.inline(child.children[0], in_list=True)[0])
                else:
                    texts += [text for p in self.block(child) if isinstance(p, Block) for text in _item_texts(p)]
            head = _join(texts)
            if depth == 0:
                items.append("\n".join([head, *nested]) if head or nested else "")
            else:
                marker = f"{number}." if node.type == "ordered_list" else "-"
                items += [("    " * depth) + f"{marker} {head}"] if head else []
                items += nested
        return [i for i in items if i.strip()] if depth == 0 else items

    def table(self, node: SyntaxTreeNode) -> list[Part]:
        rows = []
        for section in node.children:
            for row in section.children:
                cells = [
                    self.inline(cell.children[0], in_list=True)[0] if cell.children else ""  # `|` comes escaped
                    for cell in row.children
                ]
                rows.append(" | ".join(cell.replace("\n", " ") or " " for cell in cells))
        if not rows:
            return []
        return [Block("table", rows[0], items=tuple(rows[1:]), line=self.line(node))]

    # -- inline ---------------------------------------------------------------------------
    def inline(self, node: SyntaxTreeNode, in_list: bool = False, breaks: bool = False) -> tuple[str, list[Block]]:
        """Inline Markdown of our own making, and the figures the text held.

        In a list or table a picture stays inline as a link to the original, captioned by its alt text.
        With `breaks`, a line break the writer meant (see `meant_breaks`) stays as a newline."""
        figures: list[Block] = []
        text = self._inline_children(node.children, figures, in_list, self.line(node) if node.map else self.first_line)
        if not breaks:
            return _unbroken(text), figures
        groups: list[list[str]] = [[]]
        for written in text.split(HARD_BREAK):  # a break the writer typed (two spaces, a backslash) is one
            lines = written.split("\n")
            for piece, meant in zip(lines, [*meant_breaks(lines), False]):
                groups[-1].append(piece)
                if meant:
                    groups.append([])
            groups.append([])
        return "\n".join(joined for group in groups if (joined := _join(group))), figures

    def _inline_children(self, children, figures: list[Block], in_list: bool, line: int) -> str:
        return "".join(self._inline_node(child, figures, in_list, line) for child in children)

    def _inline_node(self, node: SyntaxTreeNode, figures: list[Block], in_list: bool, line: int) -> str:
        kind = node.type
        if kind == "text":
            # `**` CommonMark could not pair (its flanking rules misjudge emphasis next to CJK punctuation)
            # is an emphasis marker, never text: it is left out rather than shown.
            return escape_markdown(UNPAIRED_STRONG_RE.sub("", node.content))
        if kind == "softbreak":
            return "\n"
        if kind == "hardbreak":
            return HARD_BREAK
        if kind in ("code_inline", "math_inline"):
            return _code(node.content)
        if kind == "footnote_ref":
            return escape_markdown(f"[{int(node.meta.get('id', 0)) + 1}]")
        if kind == "image":
            return self.image(node, figures, in_list, line)
        # A line break inside emphasis or a link's text is the exporter's wrapping, never a line of its own.
        inner = _unbroken(self._inline_children(node.children, figures, in_list, line))
        if kind in ("strong", "em"):
            marker = "**" if kind == "strong" else "*"
            return f"{marker}{inner.strip()}{marker}" if inner.strip() else inner
        if kind == "link":
            href = str(node.attrs.get("href", "")).strip()
            if inner.strip() and urlparse(href).scheme in SAFE_SCHEMES:
                return f"[{inner.strip()}]({href.replace(')', '%29').replace(' ', '%20')})"
            return inner
        return inner

    def image(self, node: SyntaxTreeNode, figures: list[Block], in_list: bool, line: int) -> str:
        alt = node.content.strip()
        src = str(node.attrs.get("src", "")).strip()
        src = src if urlparse(src).scheme in ("http", "https") else ""  # relative pictures are not on the site
        caption = "" if is_placeholder_alt(alt) else escape_markdown(alt)
        if alt:
            self.title_candidates.append(alt)
        if not caption and HAN_RE.search(alt):
            self.removals.append(
                Removal("markdown-image-alt", "an alt text that names no content is no caption", alt, line)
            )
        if in_list:
            label = caption or "图片"
            return f"[{label}]({src.replace(')', '%29')})" if src else caption
        figures.append(Block("figure", caption, src=src, line=line))
        return ""


BOLD_LABEL_RE = re.compile(r"^\s*\*\*(?P<key>[^*\n:：]{1,10}?)\s*[:：]?\*\*\s*[:：]?\s*(?=\S)")


def _labelled(text: str) -> str:
    """`**作者** 张三` and `**作者：** 张三` as `作者：张三`, the form metadata lines have."""
    return BOLD_LABEL_RE.sub(lambda m: f"{m.group('key').strip()}：", text, count=1)


def _bold_fields(inline: SyntaxTreeNode, line: int) -> tuple[MetaLine, ...] | None:
    """Lines that are all fields we use once their bold labels are read as labels (`**作者** 张三`)."""
    return _labelled_fields(inline.content.split("\n"), line) if "**" in inline.content else None


def _labelled_fields(lines: list[str], line: int) -> tuple[MetaLine, ...] | None:
    """The lines as fields, bold labels read as labels, when every one is a field we use."""
    fields = metadata_lines("\n".join(_labelled(raw) for raw in lines), line)
    return fields if fields and all(field_of(m.key, m.value) for m in fields) else None


def _title_over_metadata_lines(content: str, line: int, paragraph: list[Block]) -> list[Part] | None:
    """A title line with the item's `来源：` / `原文链接：` lines right under it, no blank line between
    (digests and archivers write items so): the title, then metadata lines."""
    head, _, rest = content.partition("\n")
    under = metadata_lines(rest, line + 1) if rest else None
    if not under or len(paragraph) < 2 or not is_title_like(head) or not any(field_of(m.key, m.value) for m in under):
        return None
    if strip_markup(paragraph[0].text).strip() != strip_markup(head).strip():
        return None
    return [paragraph[0], MetadataLines(under, tuple(paragraph[1:]))]


def _lone_link_or_date(inline: SyntaxTreeNode, line: int) -> tuple[MetaLine, ...] | None:
    """A paragraph that is only a link or only a date: the item's source link or date line."""
    content = [c for c in inline.children if not (c.type == "text" and not c.content.strip())]
    pictured = len(content) == 1 and any(c.type == "image" for c in content[0].children)
    if len(content) == 1 and content[0].type == "link" and not pictured:  # a linked picture is a picture
        href = str(content[0].attrs.get("href", ""))
        shown = "".join(c.content for c in content[0].children if c.type == "text")
        return (MetaLine("link", href, line, f"{shown} {href}".strip()),)
    if len(parse_date(inline.content.strip()) or "") == len(
        "YYYY-MM-DD"
    ):  # a full date; a lone year is a heading's job
        return (MetaLine("date", inline.content.strip(), line, inline.content.strip()),)
    return None


HARD_BREAK = "\u2028"  # stands for a hard break inside our inline text until the lines are grouped
# A line ending in one of these goes on in the next line, however short it is.
CONTINUES = "，、：；—-,:;(（“‘「『《"
_LOWER_WORD_RE = re.compile(r"[a-z](?![a-z0-9+.-]*://)")
WRAP_WIDTH = 30  # columns (a Han character is two): nobody wraps prose narrower than this


def _width(text: str) -> int:
    return sum(2 if HAN_RE.match(ch) or unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def meant_breaks(lines: list[str]) -> list[bool]:
    """For each line but the last: did the writer end the line on purpose?

    CommonMark joins a paragraph's lines, which is right for prose wrapped at a width; but notes,
    HackMD (whose line breaks show) and copied pages put one item per line (`姓名：…` over `单位：…`,
    a list of addresses).  A wrapped line fills the width; a line that stops short of the
    paragraph's longest, or is narrower than anyone wraps, and does not end on a word that goes on
    (nor has the next line go on in lower case), was ended by its writer.  A line ending a sentence
    is joined as before: the two read the same."""
    visible = [strip_markup(line).strip() for line in lines]
    widest = max((_width(v) for v in visible), default=0)
    meant = []
    for text, after in zip(visible, visible[1:]):
        # Latin prose wrapped mid-sentence: a word, then a lower-case word that is no address
        goes_on = bool(text) and text[-1].isascii() and text[-1].isalpha() and bool(_LOWER_WORD_RE.match(after))
        if not text or text[-1] in CONTINUES or text[-1] in SENTENCE_END or goes_on:
            meant.append(False)
            continue
        width = _width(text)
        meant.append(width < WRAP_WIDTH or width < 0.8 * widest)
    return meant


def _unbroken(text: str) -> str:
    """Inline text with every line break, typed or wrapped, joined away."""
    return _join(text.replace(HARD_BREAK, "\n").split("\n"))


def _join(pieces: list[str]) -> str:
    """Lines or paragraphs of one entry joined: no space between Han, one between Latin words."""
    joined = ""
    for piece in (p.strip() for p in pieces):
        joined = join_wrapped(joined, piece) if joined else piece
    return joined.strip()


def _starts_with_picture(node: SyntaxTreeNode) -> bool:
    """Does the text open with a picture (perhaps inside emphasis)?  Its figure then comes first."""
    for child in node.children:
        if child.type == "text" and not child.content.strip():
            continue
        if child.type in ("strong", "em"):
            return _starts_with_picture(child)
        return child.type == "image"
    return False


MENU_LABEL_MAX = 8  # characters of a menu entry
MENU_ENTRIES = 4


def _menu_links(node: SyntaxTreeNode) -> list[str] | None:
    """The addresses of a list made only of short links, perhaps under short labels (`分类:`); None
    when any entry says more than a menu entry does."""
    addresses: list[str] = []
    for item in node.children:
        for child in item.children:
            if child.type in ("bullet_list", "ordered_list"):
                nested = _menu_links(child)
                if nested is None:
                    return None
                addresses += nested
                continue
            if child.type != "paragraph" or not child.children:
                return None
            inline = child.children[0].children
            links = [c for c in inline if c.type == "link"]
            label = "".join(c.content for c in inline if c.type == "text").strip(" \t:：|｜·/")
            shown = ["".join(t.content for t in link.walk() if t.type == "text") for link in links]
            if len(label) > MENU_LABEL_MAX // 2 or any(len(text.strip()) > MENU_LABEL_MAX for text in shown):
                return None
            if any(c.type not in ("link", "text", "softbreak") for c in inline):
                return None
            addresses += [str(link.attrs.get("href", "")) for link in links]
    return addresses


def is_site_menu(node: SyntaxTreeNode) -> bool:
    """A list of short links into the site itself (relative addresses: `/login`, `//science.site/`): a
    saved page's menu.  A list of resources links out with absolute addresses and stays."""
    addresses = _menu_links(node)
    if not addresses or len(addresses) < MENU_ENTRIES:
        return False
    inside = sum(not urlparse(a).scheme for a in addresses)
    return inside * 4 >= len(addresses) * 3


def _without_edge_menus(parts: list[Part], menus: list[Block]) -> tuple[list[Part], list[Removal]]:
    """A saved site's menus before the article's first paragraph of running text or after its last are
    the site's, not the article's; a list of links between paragraphs is the author's."""
    known = interface_text()
    prose = [
        i
        for i, p in enumerate(parts)
        if isinstance(p, Block) and is_prose(p) and known.matching_line(strip_markup(p.text)) is None
    ]
    if not prose or not menus:
        return parts, []
    first, last = prose[0], prose[-1]
    edge = {id(m) for m in menus} & {id(p) for i, p in enumerate(parts) if i < first or i > last}
    if not edge:
        return parts, []
    # A saved page, then: the pictures under its last paragraph are the site's too (badges, banners),
    # and so are the uncaptioned pictures over its first.  Lists of resources linking out stay.
    edge |= {
        id(p)
        for i, p in enumerate(parts)
        if isinstance(p, Block)
        and ((i > last and p.kind == "figure") or (i < first and p.kind == "figure" and not p.text))
    }
    removals = [
        block_removal(p, "site-navigation", "a saved site's menus, badges and banners around the article")
        for p in parts
        if id(p) in edge and isinstance(p, Block)
    ]
    return [p for p in parts if id(p) not in edge], [r for r in removals if r.text]


def _item_texts(block: Block) -> list[str]:
    """A block inside a list entry as inline text: a code block line by line as inline code
    (an entry is one line of inline Markdown, where a code block's `*` or `#` would be syntax)."""
    if block.kind == "code":
        return [" ".join(_code(line) for line in block.text.split("\n") if line.strip())]
    return [block.text] if block.text else []


def _list_start(node: SyntaxTreeNode) -> int:
    """The number an ordered list starts from (`3.` → 3); bullet lists count from 1."""
    start = str(node.attrs.get("start", "1"))
    return int(start) if start.isdigit() else 1


def _code(text: str) -> str:
    fence = "``" if "`" in text else "`"
    return f"{fence} {text} {fence}" if fence == "``" else f"`{text}`"


def markdown_evidence(body: str) -> bool:
    """Does the text use Markdown syntax where HTML does not stand?  Two kinds of it, or a heading
    (ATX or setext) opening the text: plain text never opens with `# ` or underlines its first line."""
    outside = HTML_LINE_RE.sub("", body)
    kinds = sum(1 for pattern in SIGNALS.values() if pattern.search(outside))
    opening = outside.lstrip("\ufeff \t\n")
    while opening and metadata_lines(opening.split("\n", 1)[0], 1):  # `文/…`, `来源：…` above the heading
        opening = opening.split("\n", 1)[1].lstrip(" \t\n") if "\n" in opening else ""
    titled = bool(SIGNALS["heading"].match(opening) or SETEXT_TITLE_RE.match(opening))
    sections = len(SIGNALS["heading"].findall(outside)) >= 2  # neither HTML nor plain text writes `## ` lines
    return kinds >= 2 or titled or sections or bool(DIALECT_RE.search(outside) or PICTURE_SYNTAX_RE.search(outside))


@register(priority=40)
class MarkdownReader:
    """Markdown with or without YAML/TOML front matter: one article, or several in one file."""

    name = "markdown"
    traits = Traits(marks_headings=True)

    def score(self, text: str) -> float:
        """Markdown block syntax outside the HTML lines, or front matter above a body that is not HTML.

        Markdown is a superset of HTML: a file with HTML blocks and Markdown syntax besides them is
        Markdown (0.96, above the fragment reader's 0.95; a whole saved page still goes to the page
        reader).  Below the report reader (0.8) without front matter: a PDF-extracted report is Markdown too."""
        body = body_after_front_matter(text)[:200000]
        evidence = markdown_evidence(body)
        if evidence and HTML_LINE_RE.search(body):
            return 0.96
        if front_matter_span(text) is not None:
            return 0.9
        return 0.75 if evidence else 0.0

    def read(self, decoded: Decoded) -> list[RawDocument]:
        front = split_front_matter(decoded)
        fields = canonical_fields(front)
        body, repairs = repair_markdown(front.body, front.body_line)
        body, dialect_notes = read_dialects(body, front.body_line)
        repairs += dialect_notes
        converter = _Converter(decoded.source.name, front.body_line, removals=repairs)
        parts = converter.convert(SyntaxTreeNode(_PARSER.parse(body)).children)
        parts, menus = _without_edge_menus(parts, converter.menus)
        return documents_from_parts(
            decoded,
            self.name,
            parts,
            fields,
            (*converter.removals, *menus),
            tuple(dict.fromkeys(converter.title_candidates)),
        )
