"""Annotation: glossary terms in running text become links or abbreviations with tooltips.

Python-Markdown's `abbr` extension only matches at word boundaries, which Chinese
text does not have, so terms are found with the glossary's own matcher and
wrapped in inline HTML here.  Only body text is annotated: never headings,
links, code, image captions or front matter.  The wrapping never changes the
visible text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, replace
from typing import Callable, Literal

from .model import Block
from .textutil import strip_markup

AnnotationMode = Literal["first-link", "all-links", "tooltips", "off"]
ANNOTATION_MODES: tuple[str, ...] = ("first-link", "all-links", "tooltips", "off")
ANNOTATED_KINDS = ("paragraph", "lede", "quote", "list")
# Inline Markdown that must be left whole: links, code spans, HTML tags, entities, backslash escapes.
PROTECTED_RE = re.compile(r"!?\[[^\]]*\]\([^)]*\)|`[^`]*`|<[^>]+>|&[#\w]+;|\\.")
CONTEXT_CHARS = 24


@dataclass(frozen=True)
class TermView:
    """How one glossary entry shows in one edition: the tooltip text and where its link goes."""

    term: str
    slug: str
    title: str          # tooltip: pinyin · gloss — definition, in the edition's script
    href: str           # relative to the site root: topics/<slug>.html or glossary.html#<slug>


@dataclass(frozen=True)
class Mention:
    """One occurrence of a term in an article, for topic pages."""

    term: str
    form: str
    anchor: str         # paragraph anchor on the page ("" for list items)
    context: str        # visible text around it, Markdown-free
    start: int          # offset of the form inside `context`


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


class Annotator:
    """Wraps every glossary term in body text; the first in each section links, later ones only explain."""

    def __init__(self, matcher, views: dict[str, TermView], mode: AnnotationMode = "first-link"):
        self.matcher = matcher
        self.views = views
        self.mode = mode

    def annotate(self, blocks: list[Block], root: str) -> tuple[list[Block], list[Mention]]:
        """`root` is the relative path from the page to the site root ("../" for articles/x.md)."""
        mentions: list[Mention] = []
        seen: set[str] = set()

        def visit(items: list[Block]) -> list[Block]:
            result = []
            for block in items:
                if block.kind == "heading":
                    seen.clear()   # a new section: its first occurrence links again
                elif block.kind in ANNOTATED_KINDS:
                    block = self._annotate_block(block, root, seen, mentions)
                if block.children:
                    block = replace(block, children=tuple(visit(list(block.children))))
                result.append(block)
            return result

        return visit(blocks), mentions

    def _annotate_block(self, block: Block, root: str, seen: set[str], mentions: list[Mention]) -> Block:
        if block.kind == "list":
            items = tuple(self._annotate_text(item, root, seen, mentions, "") for item in block.items)
            return replace(block, items=items)
        return replace(block, text=self._annotate_text(block.text, root, seen, mentions, block.anchor))

    def _annotate_text(self, text: str, root: str, seen: set[str], mentions: list[Mention], anchor: str) -> str:
        visible = strip_markup(text)
        pieces = []
        position = 0
        for protected in PROTECTED_RE.finditer(text):
            pieces.append(self._wrap(text[position:protected.start()], root, seen, mentions, anchor, visible))
            pieces.append(protected.group(0))
            position = protected.end()
        pieces.append(self._wrap(text[position:], root, seen, mentions, anchor, visible))
        return "".join(pieces)

    def _wrap(self, segment: str, root: str, seen: set[str], mentions: list[Mention], anchor: str, visible: str) -> str:
        if not segment:
            return segment
        out = []
        position = 0
        for match in self.matcher.find(segment):
            view = self.views.get(match.term)
            if view is None:
                continue
            out.append(segment[position:match.start])
            form = segment[match.start:match.end]
            mentions.append(_mention(view.term, form, anchor, visible, segment, match.start))
            out.append(self._markup(view, form, root, first=view.term not in seen))
            seen.add(view.term)
            position = match.end
        out.append(segment[position:])
        return "".join(out)

    def _markup(self, view: TermView, form: str, root: str, first: bool) -> str:
        title = html.escape(view.title, quote=True)
        if self.mode == "off":
            return form
        if self.mode == "all-links" or (self.mode == "first-link" and first):
            return f'<a class="term" data-term="{view.slug}" href="{root}{view.href}" title="{title}">{form}</a>'
        return f'<abbr class="term" data-term="{view.slug}" title="{title}" tabindex="0">{form}</abbr>'


def _mention(term: str, form: str, anchor: str, visible: str, segment: str, offset: int) -> Mention:
    """Keyword in context: the visible text around the form (found again in the Markdown-free text)."""
    before = strip_markup(segment[:offset])
    index = visible.find(form, max(0, visible.find(before[-8:]) if before else 0))
    if index < 0:
        index = visible.find(form)
    start = max(0, index - CONTEXT_CHARS)
    end = min(len(visible), index + len(form) + CONTEXT_CHARS)
    return Mention(term=term, form=form, anchor=anchor, context=visible[start:end], start=index - start)


def tooltip_text(pinyin: str, gloss: str, definition: str) -> str:
    return f"{pinyin} · {gloss} — {definition}"


def term_views(glossary, convert: Callable[[str], str]) -> dict[str, TermView]:
    """The glossary as one edition shows it; `convert` turns simplified text into the edition's script."""
    views = {}
    for entry in glossary.entries:
        href = f"topics/{entry.slug}.html" if entry.topic else f"glossary.html#{entry.slug}"
        views[entry.term] = TermView(term=entry.term, slug=entry.slug,
                                     title=tooltip_text(entry.pinyin, entry.gloss, convert(entry.definition)), href=href)
    return views
