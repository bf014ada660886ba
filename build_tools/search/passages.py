"""A rendered page as the passages search reads: its title, headings and paragraphs, as text.

Taken from the page's HTML as the renderer wrote it (after sanitising), so the index holds
exactly the text a reader sees, each passage with the anchor a result links to: a
paragraph's own id (`#p12`), a heading's id, or for a caption or list item the last
anchor before it.  What repeats other pages or describes the page rather than saying
something is left out: elements marked `data-no-search` (a marked heading takes its section
with it, as in Material's search; our own name, because Zensical strips Material's
`data-search-exclude`), the reading-time line, and permalink signs.
"""

from __future__ import annotations

import re
from copy import deepcopy
from dataclasses import dataclass

import lxml.html

from build_tools.editions.listing import source_date_line

BODY, HEADING, TITLE = 0, 1, 2
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
LEAVES = {"p", "li", "figcaption", "dt", "dd", "td", "th", "pre", "caption", "summary"}
NOT_TEXT_CLASSES = {"headerlink", "article-meta"}
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Passage:
    anchor: str  # where a result for this passage links to ("" = the top of the page)
    field: int  # BODY, HEADING or TITLE: ranking weighs them differently
    text: str


@dataclass(frozen=True)
class SearchDocument:
    url: str
    title: str
    meta: str  # source · date, as the article lists show it
    passages: tuple[Passage, ...]


def _classes(element) -> set[str]:
    return set((element.get("class") or "").split())


def _text(element) -> str:
    for unwanted in element.xpath(".//*[contains(concat(' ', @class, ' '), ' headerlink ')]"):
        unwanted.drop_tree()
    return _SPACE.sub(" ", element.text_content()).strip()


_NESTED_BLOCKS = ".//p | .//li | .//ul | .//ol | .//table"


def _without_nested_blocks(element):
    """A copy of the element without the blocks inside it (they are passages of their own)."""
    copy = deepcopy(element)
    for nested in copy.xpath(_NESTED_BLOCKS.replace(".//", "./")):
        nested.drop_tree()
    return copy


class _Walk:
    """Document order, tracking the last anchor and the level of an excluded section."""

    def __init__(self) -> None:
        self.anchor = ""
        self.excluded_level = 0
        self.passages: list[Passage] = []

    def visit(self, element) -> None:
        for child in element.iterchildren():
            if not isinstance(child.tag, str):
                continue
            level = HEADINGS.get(child.tag)
            if level and self.excluded_level and level <= self.excluded_level:
                self.excluded_level = 0
            if self.excluded_level or _classes(child) & NOT_TEXT_CLASSES:
                continue
            if child.get("data-no-search") is not None:
                self.excluded_level = level or 0
                continue
            if level != 1:  # the page title's id: a result for it links to the top of the page
                self.anchor = child.get("id") or self.anchor
            if level:
                if level > 1:
                    self._add(child, HEADING)
            elif child.tag in LEAVES and not child.xpath(_NESTED_BLOCKS):
                self._add(child, BODY)
            else:
                if child.tag in LEAVES:  # a list entry holding a sublist: its own words are text too
                    self._add(_without_nested_blocks(child), BODY)
                self.visit(child)

    def _add(self, element, field: int) -> None:
        text = _text(element)
        if text:
            self.passages.append(Passage(self.anchor, field, text))


def page_passages(title: str, content_html: str) -> tuple[Passage, ...]:
    """The title, then every heading and paragraph of the page's content, in order."""
    walk = _Walk()
    if content_html.strip():
        walk.visit(lxml.html.fragment_fromstring(content_html, create_parent="div"))
    return (Passage("", TITLE, title), *walk.passages) if title else tuple(walk.passages)


def _shown(value) -> str:
    """A front-matter value as shown; a full date arrives from YAML as datetime.date."""
    return "" if value is None or isinstance(value, (dict, list)) else str(value).strip()


def result_meta_line(meta: dict, unknown_date: str = "日期不详") -> str:
    """What a result says under an article's title, like the article lists: source · date (or 日期不详, in the
    edition's script) · the report it belongs to.  Pages that are not articles (topics, glossary) have no such line."""
    if not meta.get("provenance"):
        return ""
    line = source_date_line(_shown(meta.get("source")), _shown(meta.get("date")), unknown_date)
    return " · ".join(part for part in (line, _shown(meta.get("part_of"))) if part)


def search_document(url: str, meta: dict, content_html: str, unknown_date: str = "日期不详") -> SearchDocument | None:
    """None for a page marked `search: exclude` in its front matter."""
    if (meta.get("search") or {}).get("exclude"):
        return None
    title = _shown(meta.get("title"))
    return SearchDocument(url, title, result_meta_line(meta, unknown_date), page_passages(title, content_html))
