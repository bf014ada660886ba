"""Annotation: glossary terms in running text become marks that open a card (termcards.py).

Python-Markdown's `abbr` extension only matches at word boundaries, which Chinese
text does not have, so terms are found with the glossary's own matcher and
wrapped in inline HTML here.  Only body text is annotated: never headings,
links, code, image captions, reference lists or front matter.  The wrapping never changes the
visible text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Literal

from build_tools.core.dialect import Dialect
from build_tools.core.model import Block
from build_tools.core.textutil import strip_markup

AnnotationMode = Literal["first-link", "all-links", "tooltips", "off"]
ANNOTATED_KINDS = ("paragraph", "lede", "quote", "list")
# Inline Markdown that must be left whole: links, code spans, HTML tags, entities, backslash escapes.
PROTECTED_RE = re.compile(r"!?\[[^\]]*\]\([^)]*\)|`[^`]*`|<[^>]+>|&[#\w]+;|\\.")
CONTEXT_CHARS = 24
# Paragraphs that are not running text, though written as paragraphs: a line naming the original title
# (原标题：…, in either script), and a subhead written as one bold line.  No term is marked in them.
ORIGINAL_TITLE_RE = re.compile(r"^\s*[（(【\[]?\s*原[标標][题題][:：]")
BOLD_LINE_RE = re.compile(r"^\s*(\*\*|__|<strong>|<b>)[^\n]*(\*\*|__|</strong>|</b>)\s*$")


@dataclass(frozen=True)
class TermView:
    """Where one glossary entry's marks point; what its card says is in termcards.py, once per edition."""

    term: str
    slug: str
    href: str  # relative to the site root: the topic page's address, or the glossary's and #<slug>


@dataclass(frozen=True)
class Mention:
    """One occurrence of a term in an article, for topic pages."""

    term: str
    form: str
    anchor: str  # paragraph anchor on the page ("" for list items)
    context: str  # visible text around it, Markdown-free
    start: int  # offset of the form inside `context`


def number_paragraphs(blocks: list[Block], prefix: str = "p") -> list[Block]:
    """Give every paragraph-like block a stable anchor, so topic pages can link to the exact paragraph."""
    counter = 0

    def visit(items: list[Block]) -> list[Block]:
        nonlocal counter
        result = []
        for block in items:
            if block.kind in ("paragraph", "lede", "quote"):
                counter += 1
                block = replace(block, anchor=f"{prefix}{counter}")
            if block.children:
                block = replace(block, children=tuple(visit(list(block.children))))
            result.append(block)
        return result

    return visit(blocks)


@dataclass
class _Section:
    """What the annotator knows about the section it is in: the terms already marked there."""

    marked: set[str] = field(default_factory=set)
    last_mark_end: int = -1  # where the previous mark in the current text ended, to keep neighbours apart


class Annotator:
    """Marks a glossary term at its first occurrence in each section, as an editor would; every
    occurrence still counts as a mention for the topic pages.

    Later occurrences in the same section stay plain text (`all-links` marks them all).  A term
    right after another mark gets the class `adjacent`, so two marks never read as one word.
    """

    def __init__(self, matcher, views: dict[str, TermView], mode: AnnotationMode = "first-link"):
        self.matcher = matcher
        self.views = views
        self.mode = mode

    def annotate(self, blocks: list[Block], root: str, title: str = "") -> tuple[list[Block], list[Mention]]:
        """`root` is the relative path from the page to the site root ("../" for articles/x.md); a paragraph
        that repeats the `title`, names the original title or is a bold subhead is left unmarked."""
        mentions: list[Mention] = []
        section = _Section()

        def visit(items: list[Block]) -> list[Block]:
            result = []
            for block in items:
                if block.kind in ("heading", "section"):
                    section.marked.clear()  # a new section: its first occurrence is marked again
                elif block.kind in ANNOTATED_KINDS and not _not_running_text(block, title):
                    block = self._annotate_block(block, root, section, mentions)
                if block.children:
                    block = replace(block, children=tuple(visit(list(block.children))))
                result.append(block)
            return result

        return visit(blocks), mentions

    def _annotate_block(self, block: Block, root: str, section: _Section, mentions: list[Mention]) -> Block:
        if block.kind == "list":
            items = tuple(self._annotate_text(item, root, section, mentions, "") for item in block.items)
            return replace(block, items=items)
        return replace(block, text=self._annotate_text(block.text, root, section, mentions, block.anchor))

    def _annotate_text(self, text: str, root: str, section: _Section, mentions: list[Mention], anchor: str) -> str:
        """Terms are found in the whole text, so that a 《 title or a name around markup is still seen;
        a match touching a link, code span, tag or escape is left alone."""
        visible = strip_markup(text)
        protected = [(m.start(), m.end()) for m in PROTECTED_RE.finditer(text)]
        out, position = [], 0
        section.last_mark_end = -1
        for match in self.matcher.find(text):
            view = self.views.get(match.term)
            if view is None or any(start < match.end and match.start < end for start, end in protected):
                continue
            mentions.append(_mention(view.term, match.form, anchor, visible, text, match.start))
            if view.term in section.marked and self.mode != "all-links":
                continue
            out.append(text[position : match.start])
            out.append(self._markup(view, match.form, root, adjacent=section.last_mark_end == match.start))
            section.marked.add(view.term)
            section.last_mark_end = position = match.end
        out.append(text[position:])
        return "".join(out)

    def _markup(self, view: TermView, form: str, root: str, adjacent: bool) -> str:
        """No definition in the markup: the card is filled from the site's one terms file (terms.js)."""
        if self.mode == "off":
            return form
        classes = "term adjacent" if adjacent else "term"
        if self.mode == "tooltips":
            return f'<abbr class="{classes}" data-term="{view.slug}" tabindex="0">{form}</abbr>'
        return f'<a class="{classes}" data-term="{view.slug}" href="{root}{view.href}">{form}</a>'


def _not_running_text(block: Block, title: str) -> bool:
    """A copy of the title, a 原标题 line or a bold subhead: shown as written, never marked."""
    if block.kind == "list":
        return False
    visible = strip_markup(block.text).strip()
    return bool(
        (title and visible == strip_markup(title).strip())
        or ORIGINAL_TITLE_RE.match(visible)
        or BOLD_LINE_RE.match(block.text)
    )


def _mention(term: str, form: str, anchor: str, visible: str, segment: str, offset: int) -> Mention:
    """Keyword in context: the visible text around the form (found again in the Markdown-free text)."""
    before = strip_markup(segment[:offset])
    index = visible.find(form, max(0, visible.find(before[-8:]) if before else 0))
    if index < 0:
        index = visible.find(form)
    start = max(0, index - CONTEXT_CHARS)
    end = min(len(visible), index + len(form) + CONTEXT_CHARS)
    return Mention(term=term, form=form, anchor=anchor, context=visible[start:end], start=index - start)


def term_href(entry, dialect: Dialect) -> str:
    """Where a term's mark and card lead, from the site root: its topic page, or its glossary entry."""
    return (
        dialect.page_url(f"topics/{entry.slug}.md")
        if entry.topic
        else f"{dialect.page_url('glossary.md')}#{entry.slug}"
    )


def term_views(glossary, dialect: Dialect) -> dict[str, TermView]:
    return {
        entry.term: TermView(term=entry.term, slug=entry.slug, href=term_href(entry, dialect))
        for entry in glossary.entries
    }
