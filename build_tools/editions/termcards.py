"""The tooltip cards' content, once per edition: `assets/terms.js`.

A marked term in a page carries only its page address and `data-term`; what its card shows
(both scripts, pinyin, English gloss, definition, the topic page and how many articles mention
the term) lives once in this file, which every page loads.  Repeating a definition in every
occurrence's `title` is what made pages heavy.  A script rather than JSON, so that it also
loads from file:// (where fetch is refused).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass

from build_tools.core.dialect import Dialect
from build_tools.core.model import Page
from build_tools.editions.annotate import term_href
from build_tools.editions.topics import ArticleMentions

TERMS_SCRIPT = "assets/terms.js"


@dataclass(frozen=True)
class TermCard:
    """What one term's card shows, in the edition's script (the two forms in their own scripts)."""

    shown: str  # the term as this edition writes it
    simplified: str
    traditional: str
    pinyin: str
    gloss: str
    definition: str
    href: str  # relative to the site root
    articles: int  # how many articles mention the term


def term_cards(
    entries, items: Iterable[ArticleMentions], convert: Callable[[str], str], dialect: Dialect
) -> dict[str, TermCard]:
    """Every glossary entry's card, keyed by its slug (the marks' `data-term`)."""
    articles: dict[str, int] = {}
    for item in items:
        for term in item.terms():
            articles[term] = articles.get(term, 0) + 1
    return {
        entry.slug: TermCard(
            shown=convert(entry.term),
            simplified=entry.term,
            traditional=entry.traditional,
            pinyin=entry.pinyin,
            gloss=entry.gloss,
            definition=convert(entry.definition),
            href=term_href(entry, dialect),
            articles=articles.get(entry.term, 0),
        )
        for entry in entries
    }


def terms_script(entries, items: Iterable[ArticleMentions], label: Callable[[str], str], dialect: Dialect) -> Page:
    """The edition's `assets/terms.js`: the cards and the few words the card itself says."""
    cards = {slug: asdict(card) for slug, card in term_cards(entries, items, label, dialect).items()}
    words = {
        "topic": label("话题页"),
        "glossary": label("术语表"),
        "simplified": label("简"),
        "traditional": label("繁"),
        "articles": label("{n} 篇文章提到"),
        "close": label("关闭"),
    }
    payload = json.dumps({"cards": cards, "words": words}, ensure_ascii=False, separators=(",", ":"))
    payload = payload.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("</", "<\\/")
    return Page(path=TERMS_SCRIPT, title="terms", front_matter={}, body=f"var __readerTerms = {payload};\n", raw=True)
