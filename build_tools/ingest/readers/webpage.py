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

import re
from dataclasses import dataclass, replace
from typing import Any

import lxml.html
import trafilatura
from bs4 import BeautifulSoup

from build_tools.core.diagnostics import InputError
from build_tools.core.model import Block, Decoded, RawDocument, Removal
from build_tools.core.textutil import han_count, is_file_name, is_title_like, strip_markup
from build_tools.ingest.readers.base import Traits
from build_tools.ingest.readers.frontmatter import front_matter_span
from build_tools.ingest.readers.html import HtmlReader, _Walker, embeds_as_links
from build_tools.ingest.readers.page_chrome import (
    DATELINE_MAX,
    DATELINE_RE,
    OPENING_BLOCKS,
    PageTextIndex,
    drop_chrome_blocks,
    dropped_text_removals,
    ends_sentence,
    is_prose,
    opening_removals,
    prose_score,
    restore_headings,
    tail_removals,
    trailing_credit,
)
from build_tools.ingest.readers.page_metadata import page_front_matter
from build_tools.ingest.readers.registry import register

# Structure kept: headings, lists, tables, pictures, links and emphasis go to the HTML walker.
# trafilatura.extract's keyword arguments, each of its own type
EXTRACT_OPTIONS: dict[str, Any] = {
    "output_format": "html",
    "include_formatting": True,
    "include_tables": True,
    "include_images": True,
    "include_links": True,
    "include_comments": False,
    "with_metadata": False,
    "deduplicate": False,
}
FEED_ROOTS = ("rss", "feed", "rdf:rdf", "channel")
LAYOUT_CHILDREN = ["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote"]
# Balanced first, then the two biased settings; `best_extraction` picks by evidence.
EXTRACT_MODES: tuple[dict[str, bool], ...] = ({}, {"favor_precision": True}, {"favor_recall": True})


def parse_page(text: str) -> lxml.html.HtmlElement:
    """The page as an lxml tree; lxml is lenient with the broken markup saved pages have."""
    return lxml.html.document_fromstring(text.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))


def is_whole_page(text: str) -> bool:
    """A saved page is a document: it has a doctype, a <title> or a charset declaration (a server
    template's output, breadcrumb and all, even without <head>).  HTML behind front matter and
    bare article markup are fragments."""
    if front_matter_span(text) is not None or not text.lstrip().startswith("<"):
        return False
    try:
        tree = parse_page(text)
    except (ValueError, lxml.etree.ParserError):
        return False
    if any(tree.find(f".//{root}") is not None for root in FEED_ROOTS):
        return False  # an RSS/Atom feed has <title>s too; it is the feed reader's
    opening = text.lstrip()[:9].lower()
    declares_charset = any(
        meta.get("charset") or (meta.get("http-equiv") or "").lower() == "content-type" for meta in tree.iter("meta")
    )
    return tree.find(".//title") is not None or declares_charset or opening.startswith(("<!doctype", "<html"))


@register(priority=60)
class WebPageReader:
    """A whole saved page (`<html>`, `<head>`, `<title>`, site chrome)."""

    name = "webpage"
    traits = Traits(fields_from_page_tags=True)

    def score(self, text: str) -> float:
        return 0.97 if is_whole_page(text) else 0.0

    def read(self, decoded: Decoded) -> list[RawDocument]:
        tree = parse_page(decoded.text)
        extraction = best_extraction(decoded, PageTextIndex(tree))
        if extraction is None:  # no text at all: the fragment reader says so in its own words
            return [replace(document, format=self.name) for document in HtmlReader().read(decoded)]
        blocks = extraction.blocks
        if is_listing(blocks):
            pictures = sum(b.kind == "figure" for b in blocks)
            raise InputError(
                decoded.source.name,
                f"the page holds no article text, only {pictures} pictures with titles or names under them"
                " (a site's home or listing page)",
                "save the articles themselves",
            )
        fields = page_front_matter(tree, decoded.text, extraction.headings, "\n".join(_block_texts(blocks)))
        title = fields.get("title", "")
        page_titles = tuple(t.text_content().strip() for t in tree.iter("title"))
        if not title:  # no og:title, <h1> or usable <title>: a headline set as a styled line of its own
            off_page = (*extraction.removals, *dropped_text_removals(tree, "\n".join(_block_texts(blocks))))
            removed = [Block("paragraph", r.text) for r in off_page if r.rule.startswith("site-")]
            title = headline_line(blocks, page_titles) or headline_line(removed, page_titles, anywhere=True)
            fields = {**fields, "title": title} if title else fields
        blocks, byline, opening = opening_removals(blocks, title, page_titles)
        kept = "\n".join([title, byline, *_block_texts(blocks), *fields.get("authors", ()), fields.get("source", "")])
        return [
            RawDocument(
                source=decoded,
                format=self.name,
                title=title,
                blocks=tuple(blocks),
                byline=byline,
                front_matter=fields,
                title_candidates=extraction.title_candidates,
                removals=(*extraction.removals, *opening, *dropped_text_removals(tree, kept)),
                line=1,
            )
        ]


@dataclass(frozen=True)
class Extraction:
    """The article as one extractor setting found it, with what our own rules took off it."""

    blocks: list[Block]
    removals: tuple[Removal, ...]
    headings: tuple[str, ...]
    title_candidates: tuple[str, ...]
    prose: int  # Han characters of running text
    dumped: int = 0  # Han characters in whole-page dumps


def extract_with(decoded: Decoded, index: PageTextIndex, mode: dict) -> Extraction | None:
    """The article as trafilatura finds it with one setting, read by the HTML walker."""
    main = trafilatura.extract(embeds_as_links(decoded.text), **EXTRACT_OPTIONS, **mode)
    if not main:
        return None
    soup = BeautifulSoup(main, "lxml")
    unwrap_layout_lists(soup)
    return _walked(decoded, index, soup.body or soup, soup)


def extract_by_markup(decoded: Decoded, index: PageTextIndex) -> Extraction:
    """The article as the page's own markup marks it (`<article>`, `<main>`, else `<body>` without its
    `<nav>`/`<header>`/`<footer>`/`<aside>`): the answer for small pages the extractor reads whole."""
    soup = BeautifulSoup(decoded.text, "lxml")
    return _walked(decoded, index, soup.find("article") or soup.find("main") or soup.body or soup, soup)


def _walked(decoded: Decoded, index: PageTextIndex, root, soup: BeautifulSoup) -> Extraction:
    walker = _Walker(decoded.source.name, 1, base=page_address(decoded.text))
    walker.walk(root)
    blocks, tail = tail_removals([_without_file_name_caption(b) for b in walker.blocks])
    blocks, chrome = drop_chrome_blocks(blocks, index)
    blocks, credit = trailing_credit(restore_headings(blocks, index))
    headings = tuple(h.get_text(" ", strip=True) for h in root.find_all("h1"))
    dumped = sum(han_count(b.text) for b in blocks if index.is_page_dump(b))
    return Extraction(
        blocks,
        (*walker.removals, *tail, *chrome, *credit),
        headings,
        tuple(dict.fromkeys([*walker.title_candidates, *headings])),
        prose_score(blocks, index),
        dumped,
    )


def headline_line(blocks: list[Block], page_titles: tuple[str, ...], anywhere: bool = False) -> str:
    """A title-like line opening the text that the page's <title> holds, or that a dateline follows:
    the headline of a page that sets it in a styled `<div>` rather than an `<h1>` (`anywhere`: among
    the lines taken off the page as its chrome, where a headline outside the article's box went)."""
    for index, block in enumerate(blocks if anywhere else blocks[:OPENING_BLOCKS]):
        text = strip_markup(block.text).strip()
        if block.kind not in ("paragraph", "heading"):
            continue
        following = strip_markup(blocks[index + 1].text).strip() if index + 1 < len(blocks) else ""
        if anywhere and " " in text:  # a removal holds the whole box: `标题 2024-05-16 来源：某网`
            text, _, following = text.partition(" ")
        if not is_title_like(text, max_len=40) and not (len(text) <= 40 and text[-1:] in "！？!?"):
            continue
        dated = len(following) <= DATELINE_MAX and bool(DATELINE_RE.search(following))
        if dated or any(text in page_title for page_title in page_titles):
            return text
    return ""


PAGE_ADDRESS_RES = (
    re.compile(r"<base\b[^>]*\bhref\s*=\s*[\"']?(https?://[^\"'\s>]+)", re.I),
    re.compile(r"<link\b(?=[^>]*\brel\s*=\s*[\"']?canonical)[^>]*\bhref\s*=\s*[\"']?(https?://[^\"'\s>]+)", re.I),
    re.compile(r"<meta\b(?=[^>]*\bproperty\s*=\s*[\"']?og:url)[^>]*\bcontent\s*=\s*[\"']?(https?://[^\"'\s>]+)", re.I),
)


def page_address(html_text: str) -> str:
    """Where the saved page lived (`<base href>`, the canonical link, og:url), or "" when it does not say."""
    head = html_text[:100000]
    for pattern in PAGE_ADDRESS_RES:
        match = pattern.search(head)
        if match:
            return match.group(1)
    return ""


def _without_file_name_caption(block: Block) -> Block:
    """`alt="003ednc20190925"` names the picture's file, it says nothing to a reader: no caption."""
    if block.kind == "figure" and is_file_name(block.text):
        return replace(block, text="")
    return block


def unwrap_layout_lists(soup: BeautifulSoup) -> None:
    """A list item holding paragraphs or headings is page layout (articles in `<li>` of a news list),
    not a list: its contents are read as blocks."""
    for item in soup.find_all("li"):
        if item.find(LAYOUT_CHILDREN):
            item.unwrap()
    for container in soup.find_all(["ul", "ol"]):
        if not container.find("li"):
            container.unwrap()


def best_extraction(decoded: Decoded, index: PageTextIndex) -> Extraction | None:
    """The extractor's settings disagree page by page (precision lost a whole article on one real page,
    the balanced default on another); the one that yields the most running text wins, then the one
    with the least whole-page dump, then the first.  When none yields running text (small pages the
    extractor returns whole), the page's own markup decides."""
    found = [e for e in (extract_with(decoded, index, mode) for mode in EXTRACT_MODES) if e is not None]
    best = max(found, key=lambda e: (e.prose, -e.dumped), default=None)
    if best is None or not best.prose:  # a small page the extractor took whole, or nothing at all
        best = extract_by_markup(decoded, index)
    return best if best.blocks else None


LISTING_PICTURES = 5


def is_listing(blocks: list[Block]) -> bool:
    """Pictures with other pages' titles or their authors' names under them and not one paragraph of
    running text: a home or listing page of teasers, not an article (a photo story has its sentences)."""
    figures = [b for b in blocks if b.kind == "figure"]
    captions_are_sentences = sum(ends_sentence(Block("paragraph", f.text)) for f in figures) * 2 > len(figures)
    return len(figures) >= LISTING_PICTURES and not captions_are_sentences and not any(is_prose(b) for b in blocks)


def _block_texts(blocks: list[Block]) -> list[str]:
    texts = []
    for block in blocks:
        texts += [strip_markup(block.text), *map(strip_markup, block.items), *block.notes]
        texts += _block_texts(list(block.children))
    return [t for t in texts if t]
