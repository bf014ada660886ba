"""Whole saved web pages: the article is found by main-content extraction, the rest is recorded.

A saved page is mostly not the article: navigation, share bars, related links, comments and
footers surround it.  trafilatura (a well-kept extractor) finds the main content and gives it
back as HTML with its structure (headings, paragraphs, lists, tables, figures); that HTML goes
through the same walker and sanitising as HTML fragments (`readers/html.py`).  Every piece of
Han text the extractor left out becomes a named removal, by the structural role of the element
that held it, so the fidelity audit still accounts for every character of the page.
Fragments (body-only HTML, HTML behind front matter) stay with `HtmlReader`.
"""

from __future__ import annotations

from dataclasses import replace

import lxml.html
import trafilatura
from bs4 import BeautifulSoup

from ..model import Block, Decoded, RawDocument, Removal
from ..textutil import han_count, strip_markup
from .html import FRONT_MATTER_RE, HtmlReader, _Walker
from .page_chrome import dropped_text_removals, tail_removals
from .page_metadata import page_front_matter

# Balanced extraction: favor_precision lost a whole article body on one real page (it kept the
# comment widget instead); favor_recall kept share bars and copyright footers on others.
EXTRACT_OPTIONS = dict(output_format="html", include_formatting=True, include_tables=True, include_images=True,
                       include_links=True, include_comments=False, with_metadata=False, deduplicate=False)


def parse_page(text: str) -> lxml.html.HtmlElement:
    """The page as an lxml tree; lxml is lenient with the broken markup saved pages have."""
    return lxml.html.document_fromstring(text.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))


def is_whole_page(text: str) -> bool:
    """A saved page is a document: it declares a doctype or has a <title>.  Body-only template
    output and HTML behind front matter are article fragments."""
    if FRONT_MATTER_RE.match(text) or not text.lstrip().startswith("<"):
        return False
    try:
        tree = parse_page(text)
    except (ValueError, lxml.etree.ParserError):
        return False
    opening = text.lstrip()[:9].lower()
    return tree.find(".//title") is not None or opening.startswith(("<!doctype", "<html"))


class WebPageReader:
    """A whole saved page (`<html>`, `<head>`, `<title>`, site chrome)."""

    name = "webpage"

    def score(self, text: str) -> float:
        return 0.97 if is_whole_page(text) else 0.0

    def read(self, decoded: Decoded) -> list[RawDocument]:
        tree = parse_page(decoded.text)
        main = trafilatura.extract(decoded.text, **EXTRACT_OPTIONS)
        if not main:   # nothing the extractor calls an article: read the page as a fragment would be
            return [replace(document, format=self.name) for document in HtmlReader().read(decoded)]
        walker = _Walker(decoded.source.name, 1)
        soup = BeautifulSoup(main, "lxml")
        walker.walk(soup.body or soup)
        blocks, tail = tail_removals(walker.blocks)
        article_text = "\n".join(_block_texts(blocks))
        headings = tuple(h.get_text(" ", strip=True) for h in soup.find_all("h1"))
        fields = page_front_matter(tree, decoded.text, headings, article_text)
        title = fields.get("title", "")
        if blocks and blocks[0].kind == "heading" and strip_markup(blocks[0].text) == title:
            blocks = blocks[1:]   # the page's title again, as the article's first heading
        kept = "\n".join([title, *_block_texts(blocks), *fields.get("authors", ()), fields.get("source", "")])
        removals = [*walker.removals, *tail, *dropped_text_removals(tree, kept)]
        return [RawDocument(
            source=decoded, format=self.name, title=title, blocks=tuple(blocks), front_matter=fields,
            title_candidates=tuple(dict.fromkeys([*walker.title_candidates, *headings])),
            removals=tuple(removals), line=1,
        )]


def _block_texts(blocks: list[Block]) -> list[str]:
    texts = []
    for block in blocks:
        texts += [strip_markup(block.text), *map(strip_markup, block.items), *block.notes]
        texts += _block_texts(list(block.children))
    return [t for t in texts if t]


def han_in_blocks(blocks: list[Block]) -> int:
    return sum(han_count(t) for t in _block_texts(blocks))
