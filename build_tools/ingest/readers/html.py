"""HTML exports, with or without YAML front matter, parsed with a real HTML parser.

The HTML is untrusted: nothing of its markup is passed through.  The reader keeps
text, bold subheads (as headings), pictures (as figures with their alt text) and
ordinary links; it drops site chrome, scripts and inline keyword-ad links (their
text stays).
"""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin, urlparse

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from build_tools.core.model import Block, BlockKind, Decoded, RawDocument, Removal
from build_tools.core.textutil import escape_markdown, han_count, join_wrapped
from build_tools.ingest.readers.base import Traits, rejoin_cut_inlines
from build_tools.ingest.readers.frontmatter import (
    CANONICAL_KEYS,
    body_after_front_matter,
    canonical_fields,
    split_front_matter,
)
from build_tools.ingest.readers.registry import register

HTML_TAG_RE = re.compile(r"<(p|div|html|body|article|section|span|img|h[1-6]|br|table|ul|ol)\b[^>]*>", re.I)

# Elements that are never article content.  Scripts and embeds are dangerous as well.
DROP_TAGS = {
    "script",
    "style",
    "noscript",
    "iframe",
    "object",
    "embed",
    "form",
    "button",
    "input",
    "select",
    "textarea",
    "svg",
    "canvas",
    "template",
    "link",
    "meta",
    "head",
}
CHROME_TAGS = {"nav", "header", "footer", "aside", "menu"}
# Longer than this, a table cell is running text: the table lays out a page, it holds no data.
DATA_CELL_LIMIT = 120
EMBED_TAGS = {"iframe", "embed", "object"}
MARKDOWN_LINK_RE = re.compile(r"(?<!!)\[(?P<text>[^\[\]\n]+)\]\((?P<address>https?://[^\s)]+)\)")
EMBED_ATTRIBUTES = ("src", "data", "title", "width", "style")
EMBED_LABEL = "嵌入内容"
EMBED_TAG_RE = re.compile(r"<(iframe|embed|object)\b([^>]*)>(?:.*?</\1\s*>)?", re.I | re.S)
EMBED_ATTRIBUTE_RE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
# Frames advertising networks put on pages: never something the article embeds.
AD_FRAME_RE = re.compile(
    r"(?:^|[./_-])(?:ads?|adservice|adsystem|doubleclick|googlesyndication|banner)(?:[./_-]|$)", re.I
)
BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "body",
    "html",
    "table",
    "tbody",
    "thead",
    "tr",
    "td",
    "th",
    "ul",
    "ol",
    "li",
    "blockquote",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "dl",
    "dt",
    "dd",
    "center",
    "header",
    "footer",
}
# A line that opens a numbered item: 一、 (一) ㈠ 1. 1、 or a private-use list number from the author's font.
ENUMERATION_RE = re.compile(
    r"^(?:[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十\d]+[)）]|[\u3220-\u3229]|\d+[、.．]|[\ue000-\uf8ff])"
)
SAFE_LINK_SCHEMES = {"http", "https", "mailto"}
# Canonical front matter fields of HTML exports.  Their categories name the exporting site's
# channels, not the article's topics, so `tags` are recorded as unused.
HTML_FRONT_MATTER_KEYS = tuple(k for k in CANONICAL_KEYS if k != "tags")


def _text_attribute(tag: Tag, name: str) -> str:
    """A single-valued attribute (href, src, alt, title: never split into a list), '' when absent or empty."""
    value = tag.get(name)
    return value if isinstance(value, str) else ""


def _is_ad_link(tag: Tag) -> bool:
    """A keyword link to a portal's front page inside running text: the platform's ad, not the
    author's citation.  In a list or a table a front-page link is a resource the author names."""
    href = _text_attribute(tag, "href")
    parsed = urlparse(href)
    if tag.find_parent(["li", "td", "th", "dd"]) is not None:
        return False
    return parsed.scheme in ("http", "https") and parsed.path in ("", "/") and not parsed.query


class _Walker:
    """Turns the element tree into blocks, recording what it drops."""

    def __init__(self, source_name: str, body_line: int, base: str = ""):
        self.base = base  # the page's own web address, against which its relative pictures resolve
        self.markdown_links = False  # see walk_html
        self.blocks: list[Block] = []
        self.removals: list[Removal] = []
        self.title_candidates: list[str] = []
        self.source_name = source_name
        self.body_line = body_line

    def line_of(self, tag: Tag) -> int:
        return (getattr(tag, "sourceline", None) or 1) + self.body_line - 1

    # -- inline -------------------------------------------------------------------------
    def inline(self, node) -> str:
        if isinstance(node, Comment):
            return ""
        if isinstance(node, NavigableString):
            text = re.sub(r"\s+", " ", str(node))
            return self.text_with_links(text) if self.markdown_links else escape_markdown(text)
        if not isinstance(node, Tag):
            return ""
        if node.name in DROP_TAGS:
            text = _all_text(node)
            if text:
                self.removals.append(
                    Removal("html-unsafe-or-code", f"<{node.name}> is never article content", text, self.line_of(node))
                )
            return ""
        inner = "".join(self.inline(child) for child in node.children)
        if node.name in ("strong", "b") and inner.strip():
            return f"**{inner.strip()}**"
        if node.name in ("em", "i") and inner.strip():
            return f"*{inner.strip()}*"
        if node.name == "code" and inner.strip():
            return f"`{node.get_text()}`"
        if node.name == "br":
            return "\n"
        if node.name == "img":
            return ""
        if node.name == "a":
            href = _text_attribute(node, "href").strip()
            if _is_ad_link(node):
                self.removals.append(
                    Removal(
                        "html-ad-link",
                        "keyword link to a portal front page; its text is kept",
                        f"{href} {node.get('title') or ''}".strip(),
                        self.line_of(node),
                    )
                )
                return inner
            if inner.strip() and urlparse(href).scheme in SAFE_LINK_SCHEMES:
                return f"[{inner.strip()}]({href.replace(')', '%29').replace(' ', '%20')})"
            return inner
        return inner

    # -- blocks ---------------------------------------------------------------------------
    def add_text_block(self, kind: BlockKind, text: str, line: int, level: int = 0) -> None:
        for piece in rejoin_cut_inlines(text.split("\n")):
            piece = piece.strip()
            if piece:
                self.blocks.append(Block(kind, piece, level=level, line=line))

    def figure(self, img: Tag, caption: str = "") -> None:
        alt = _text_attribute(img, "alt").strip()
        title = _text_attribute(img, "title").strip()
        for text in (alt, title):
            if text:
                self.title_candidates.append(text)
        src = _text_attribute(img, "src").strip()
        if self.base and src and not urlparse(src).scheme and not src.startswith("#"):
            src = urljoin(self.base, src)  # `/uploads/1.jpg` on a saved page is the site's picture
        if urlparse(src).scheme not in ("http", "https"):
            src = ""  # data: and javascript: URLs never reach the site
        text = caption or escape_markdown(alt)
        if caption and alt:
            self.removals.append(
                Removal(
                    "html-image-alt",
                    "the figure's own caption is shown instead of the picture's alt text",
                    alt,
                    self.line_of(img),
                )
            )
        if title:
            self.removals.append(
                Removal(
                    "html-image-title",
                    "an image's hover text; the alt text is kept as its caption",
                    title,
                    self.line_of(img),
                )
            )
        self.blocks.append(Block("figure", text, src=src, line=self.line_of(img)))

    def text_with_links(self, text: str) -> str:
        """Text of a Markdown writer's HTML block: its `[text](https://…)` links kept as links."""
        pieces, last = [], 0
        for match in MARKDOWN_LINK_RE.finditer(text):
            pieces.append(escape_markdown(text[last : match.start()]))
            address = match.group("address").replace(")", "%29")
            pieces.append(f"[{escape_markdown(match.group('text'))}]({address})")
            last = match.end()
        pieces.append(escape_markdown(text[last:]))
        return "".join(pieces)

    def embed(self, element: Tag) -> bool:
        """An embedded player or chart: a link to it where it stood (see `embed_target`)."""
        target = embed_target(element.name, {k: _text_attribute(element, k) for k in EMBED_ATTRIBUTES})
        if target is None:
            return False
        src, shown = target
        address = src.replace(")", "%29").replace(" ", "%20")
        line = self.line_of(element)
        self.blocks.append(Block("paragraph", f"（{EMBED_LABEL}：[{escape_markdown(shown)}]({address})）", line=line))
        self.removals.append(Removal("html-embed", f"<{element.name}>: another site's player, linked", src, line))
        return True

    def walk(self, node: Tag) -> None:
        for child in list(node.children):
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                text = str(child).strip()
                shown = self.text_with_links(text) if self.markdown_links else escape_markdown(text)
                self.add_text_block("paragraph", shown, self.line_of(node))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name
            if name in EMBED_TAGS and self.embed(child):
                continue
            if name in DROP_TAGS:
                text = _all_text(child)
                if text:
                    self.removals.append(
                        Removal("html-unsafe-or-code", f"<{name}> is never article content", text, self.line_of(child))
                    )
                continue
            if name in CHROME_TAGS:
                text = _all_text(child)
                if text:
                    self.removals.append(
                        Removal(
                            "html-site-chrome",
                            f"<{name}> holds site navigation, not the article",
                            text,
                            self.line_of(child),
                        )
                    )
                continue
            if name == "img":
                self.figure(child)
            elif name == "figure":
                self.figure_element(child)
            elif name in ("h1", "h2", "h3", "h4", "h5", "h6"):
                for img in child.find_all("img"):
                    self.figure(img)
                text = self.inline(child).strip().strip("*")
                if name == "h1":
                    self.title_candidates.append(child.get_text(strip=True))
                self.add_text_block("heading", text, self.line_of(child), level=max(2, int(name[1])))
            elif name in ("ul", "ol"):
                self.list_element(child)
            elif name == "table" and self.data_table(child):
                continue
            elif name == "blockquote" and not child.find(BLOCK_TAGS - {"blockquote"}):
                for img in child.find_all("img"):
                    self.figure(img)
                self.add_text_block("quote", self.inline(child), self.line_of(child))
            elif name == "pre" and child.find("code") and child.get_text().strip():
                # <pre><code> is code; a bare <pre> (a notice set in a fixed font) stays text
                self.blocks.append(Block("code", child.get_text().strip("\n"), line=self.line_of(child)))
            elif name == "pre" and not child.find(BLOCK_TAGS - {"pre"}) and not child.find("code"):
                self.preformatted(child)
            elif name in ("p", "dd", "dt", "td", "th", "li", "pre") or (
                name not in BLOCK_TAGS and name != "blockquote"
            ):
                self.paragraph(child)
            else:
                self.walk(child)

    def figure_element(self, child: Tag) -> None:
        caption_tag = child.find("figcaption")
        caption = self.inline(caption_tag).strip() if caption_tag else ""
        images = child.find_all("img")
        for img in images:
            self.figure(img, caption)
        if not images and caption:
            self.blocks.append(Block("figure", caption, line=self.line_of(child)))
        for tag in images + ([caption_tag] if caption_tag else []):
            tag.extract()
        self.walk(child)  # anything else a figure holds is still content

    def data_table(self, table: Tag) -> bool:
        """A table of short cells in rows and columns (a list of tools, figures by year) stays a
        table.  A layout table (a whole article in one cell, rows of one cell, nested tables or
        paragraphs in its cells) is not one: False, and it is walked as the blocks it holds."""
        if table.find("table"):
            return False
        rows = [
            list(tr.find_all(["td", "th"], recursive=False))
            for tr in table.find_all("tr")
            if tr.find_parent("table") is table
        ]
        rows = [row for row in rows if row]
        if len(rows) < 2 or len({len(row) for row in rows}) != 1 or len(rows[0]) < 2:
            return False
        cells = [cell for row in rows for cell in row]
        if any(cell.find(BLOCK_TAGS | {"img", "br"}) for cell in cells):
            return False
        if any(len(cell.get_text(" ", strip=True)) > DATA_CELL_LIMIT for cell in cells):
            return False
        texts = [
            " | ".join(" ".join(self.inline(cell).split()).replace("|", "\\|") or " " for cell in row) for row in rows
        ]
        self.blocks.append(Block("table", texts[0], items=tuple(texts[1:]), line=self.line_of(table)))
        return True

    def list_element(self, child: Tag) -> None:
        for img in child.find_all("img"):
            self.figure(img)
        entries = child.find_all("li", recursive=False)
        items = tuple(self.inline(li).strip() for li in entries)
        items = tuple(i.replace("\n", " ") for i in items if i)
        if items:
            start = str(child.get("start", "1")).strip()
            self.blocks.append(
                Block(
                    "list",
                    items=items,
                    line=self.line_of(child),
                    ordered=child.name == "ol",
                    start=int(start) if start.isdigit() else 1,
                )
            )
        for li in entries:
            li.extract()
        self.walk(child)  # broken lists hold other elements too; they are still content

    def preformatted(self, tag: Tag) -> None:
        """Fixed-width text wrapped by hand: a line indented deeper than the line that opened its
        paragraph continues it (hanging indents of numbered items); a blank line, a line at the
        opening depth, a numbered item or the line after a `label：` starts the next paragraph."""
        paragraphs: list[list[str]] = []
        opening_indent = -1
        for line in tag.get_text().split("\n"):
            indent = len(line) - len(line.lstrip())
            if not line.strip():
                opening_indent = -1
            elif (
                paragraphs
                and opening_indent >= 0
                and indent > opening_indent
                and not ENUMERATION_RE.match(line.strip())
                and not paragraphs[-1][-1].endswith(("：", ":"))
            ):
                paragraphs[-1].append(line.strip())
            else:
                paragraphs.append([line.strip()])
                opening_indent = indent
        for lines in paragraphs:
            text = lines[0]
            for line in lines[1:]:
                text = join_wrapped(text, line)
            self.blocks.append(Block("paragraph", escape_markdown(text), line=self.line_of(tag)))

    def paragraph(self, tag: Tag) -> None:
        images = tag.find_all("img")
        nested_blocks = [c for c in tag.find_all(True) if c.name in BLOCK_TAGS]
        if nested_blocks:
            self.walk(tag)
            return
        for img in images:
            self.figure(img)
        text = self.inline(tag).strip()
        if not text:
            return
        visible = tag.get_text(strip=True)
        bold = tag.find(["strong", "b"])
        # A paragraph that is entirely bold is the export's way of writing a subhead.
        if bold is not None and bold.get_text(strip=True) == visible and len(visible) <= 40:
            self.add_text_block("heading", text.replace("**", "").strip(), self.line_of(tag), level=2)
        else:
            self.add_text_block("paragraph", text, self.line_of(tag))


@register(priority=50)
class HtmlReader:
    """HTML, with or without `---` YAML front matter around it."""

    name = "html"
    traits = Traits(marks_headings=True, fields_from_page_tags=True)

    def score(self, text: str) -> float:
        body = body_after_front_matter(text)
        tags = len(HTML_TAG_RE.findall(body[:200000]))
        if tags >= 3 or re.match(r"\s*(<!doctype html|<html)", body, re.I):
            return 0.95
        return 0.0

    def read(self, decoded: Decoded) -> list[RawDocument]:
        front = split_front_matter(decoded)
        fields = canonical_fields(front, HTML_FRONT_MATTER_KEYS)
        walker, head_title = walk_html(front.body, decoded.source.name, front.body_line)
        title = fields.values.get("title") if isinstance(fields.values.get("title"), str) else ""
        walker.removals.extend(fields.removals)
        if head_title:
            walker.title_candidates.append(head_title)
            if not title:
                title = head_title
        blocks = walker.blocks
        if not title and blocks and blocks[0].kind == "heading":
            title, blocks = blocks[0].text, blocks[1:]
        return [
            RawDocument(
                source=decoded,
                format=self.name,
                title=(title or "").strip(),
                blocks=tuple(blocks),
                front_matter=fields.values,
                front_matter_lines=fields.lines,
                front_matter_names=fields.names,
                title_candidates=tuple(dict.fromkeys(walker.title_candidates)),
                removals=tuple(walker.removals),
                line=front.body_line,
            )
        ]


def embed_target(name: str, attributes: dict[str, str]) -> tuple[str, str] | None:
    """An embedded video, audio or chart from the web (`<iframe src=https://…>`) as (address, what to
    show): the site does not run other sites' players, so the reader gets a link where it stood,
    never nothing.  Advertising, hidden and tracking frames, and local ones, are no content."""
    src = attributes.get("data" if name == "object" else "src", "").strip()
    if src.startswith("//"):
        src = "https:" + src
    parsed = urlparse(src)
    if parsed.scheme not in ("http", "https") or not parsed.netloc or AD_FRAME_RE.search(src):
        return None
    if attributes.get("width", "").strip() in ("0", "1") or "display:none" in attributes.get("style", "").replace(
        " ", ""
    ):
        return None
    return src, attributes.get("title", "").strip() or parsed.netloc


def embeds_as_links(html_text: str) -> str:
    """The page with each embedded player or chart replaced by a paragraph linking to it: extractors
    drop frames, and the reader would lose what the text points to."""

    def link(match: re.Match) -> str:
        attributes = {
            m.group(1).lower(): html.unescape(next(g for g in m.groups()[1:] if g is not None))
            for m in EMBED_ATTRIBUTE_RE.finditer(match.group(2))
        }
        target = embed_target(match.group(1).lower(), attributes)
        if target is None:
            return match.group(0)
        src, shown = (html.escape(part, quote=True) for part in target)
        return f'<p>（{EMBED_LABEL}：<a href="{src}">{shown}</a>）</p>'

    return EMBED_TAG_RE.sub(link, html_text)


def walk_html(html_text: str, source_name: str, first_line: int, markdown_links: bool = False) -> tuple[_Walker, str]:
    """The blocks of an HTML text (a whole page or a fragment), with what was dropped, and the page's <title>.

    The one place HTML is turned into blocks: HTML files and HTML inside Markdown both come here.
    `markdown_links`: the HTML stood in a Markdown file, whose writer may have put `[text](https://…)`
    inside a `<div>` (CommonMark leaves it raw until a blank line): those are links, not text."""
    soup = BeautifulSoup(html_text, "lxml")
    walker = _Walker(source_name, first_line)
    walker.markdown_links = markdown_links
    head_title = soup.title.get_text(strip=True) if soup.title else ""
    root = _main_content(soup)
    if root is not soup.body and soup.body is not None:
        outside = han_count(_all_text(soup.body)) - han_count(_all_text(root))
        if outside > 0:
            walker.removals.append(
                Removal(
                    "html-site-chrome",
                    "text of the saved page outside its <article>/<main>",
                    _text_outside(soup.body, root),
                    0,
                )
            )
    for comment in soup.find_all(string=lambda node: isinstance(node, Comment)):
        if str(comment).strip():
            walker.removals.append(
                Removal("html-comment", "an HTML comment is never shown to readers", str(comment).strip(), 0)
            )
    attributes = _attribute_text(soup)
    if han_count(attributes):
        walker.removals.append(
            Removal(
                "html-attribute-text",
                "text inside markup attributes (fonts, styles, widget data) is never shown to readers",
                attributes,
                0,
            )
        )
    walker.walk(root)
    return walker, head_title


def _attribute_text(soup: BeautifulSoup) -> str:
    """Han text in attribute values (`face="宋体"`, a widget's JSON), other than pictures' descriptions."""
    values = []
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            if tag.name == "img" and name in ("alt", "title"):
                continue
            text = " ".join(value) if isinstance(value, list) else str(value)
            if han_count(text):
                values.append(text)
    return " ".join(values)


def _main_content(soup: BeautifulSoup) -> Tag:
    """The saved page's first <article> (else <main>) that holds any text; an empty one, such as a widget's
    placeholder, is not where the article is, so the body is read instead."""
    for name in ("article", "main"):
        for element in soup.find_all(name):
            if _all_text(element):
                return element
    return soup.body or soup


def _all_text(tag: Tag) -> str:
    """Everything a dropped element held that a reader could have seen: text and picture descriptions."""
    described = [f"{img.get('alt', '')} {img.get('title', '')}".strip() for img in tag.find_all("img")]
    return " ".join([tag.get_text(" ", strip=True), *filter(None, described)]).strip()


def _text_outside(body: Tag, root: Tag) -> str:
    inside = {id(node) for node in root.descendants}
    parts = [
        str(s).strip()
        for s in body.find_all(string=True)
        if id(s) not in inside and not isinstance(s, Comment) and str(s).strip()
    ]
    parts += [
        f"{img.get('alt', '')} {img.get('title', '')}".strip() for img in body.find_all("img") if id(img) not in inside
    ]
    return " ".join(p for p in parts if p)


def read_fragment(html: str, source_name: str, line: int = 1) -> tuple[list[Block], list[Removal]]:
    """Blocks of an HTML fragment embedded in another format (a feed item's content), with what was dropped.

    The same walker as HTML seeds, so embedded HTML is sanitised exactly like an HTML file."""
    soup = BeautifulSoup(html, "lxml")
    walker = _Walker(source_name, line)
    for comment in soup.find_all(string=lambda node: isinstance(node, Comment)):
        if str(comment).strip():
            walker.removals.append(
                Removal("html-comment", "an HTML comment is never shown to readers", str(comment).strip(), line)
            )
    walker.walk(soup.body or soup)
    return walker.blocks, walker.removals
