"""Accounting for what main-content extraction leaves out of a saved page, by structural role.

The fidelity audit counts every Han character of a seed.  On a saved page most of them are
site chrome; each piece the article does not keep is recorded as a removal named after the
role of the element that held it (navigation, footer, comments, share bar, related links,
tag list), found from the element and its ancestors: their tag (`<nav>`, `<footer>`) or the
words in their class and id, the way sites name their templates.
"""

from __future__ import annotations

import re
from collections import Counter

import lxml.etree
import lxml.html

from ..model import Block, Removal
from ..textutil import han_chars, han_count, strip_markup

# Role words in class/id names (`site-footer`, `share_bar`, `relatedNews`), first match wins.
ROLE_WORDS = (
    ("comments", ("comment", "reply", "gentie", "discuss", "pinglun")),
    ("share", ("share", "sns", "social", "fenxiang")),
    ("related", ("related", "recommend", "relate", "hot", "rank", "more", "tuijian", "xgyd")),
    ("tags", ("tag", "keyword", "label")),
    ("navigation", ("nav", "menu", "breadcrumb", "crumb", "channel", "position", "location", "sitemap")),
    ("footer", ("footer", "foot", "copyright", "bottom", "beian")),
    ("header", ("header", "head", "logo", "top", "toolbar", "login")),
    ("sidebar", ("sidebar", "side", "aside", "right", "left", "ad", "banner")),
)
ROLE_TAGS = {"nav": "navigation", "footer": "footer", "header": "header", "aside": "sidebar", "menu": "navigation",
             "form": "forms"}
CODE_TAGS = {"script", "style", "noscript", "template"}
BLOCK_TAGS = {"p", "div", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "dd", "dt",
              "section", "article", "figcaption", "caption", "body"}
# A text piece this long that the article holds is the article's; shorter ones must sit in a kept block.
SURE_MATCH = 8
WORD_RE = re.compile(r"[a-z]+")

# Lines site templates append to the article that extraction may keep: editor credits and
# hashtag rows.  Both are the page's, not the author's.
EDITOR_LINE_RE = re.compile(r"^[\[【（(]?\s*(?:责任编辑|責任編輯|编辑|編輯|责编|責編|编审|編審|校对|校對)\s*[:：]")
HASHTAG_RE = re.compile(r"^(?:#\S+\s*){2,}$|^(?:标签|標籤|关键词|關鍵詞|tags?)\s*[:：]", re.I)


def role_of(element) -> str:
    """The structural role of the nearest ancestor that has one: `footer`, `navigation`, …"""
    while element is not None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in ROLE_TAGS:
            return ROLE_TAGS[tag]
        words = WORD_RE.findall(f"{element.get('class', '')} {element.get('id', '')}".lower())
        for role, hints in ROLE_WORDS:
            if any(word.startswith(hint) or word.endswith(hint) for word in words for hint in hints):
                return role
        element = element.getparent()
    return "other"


def _squash(text: str) -> str:
    return "".join(text.split())


def _nearest_block(element):
    while element is not None and element.tag not in BLOCK_TAGS:
        element = element.getparent()
    return element


def _pieces(tree):
    """(element that holds the text, text, kind) for every text of the page: element text, tails, attributes."""
    for element in tree.iter():
        if element.tag is lxml.etree.Comment:
            yield element, element.text or "", "comment"
        elif isinstance(element.tag, str):
            kind = "code" if element.tag in CODE_TAGS else "head" if element.tag == "title" else "text"
            yield element, element.text or "", kind
            for name, value in element.attrib.items():
                yield element, value, "attribute"
        parent = element.getparent()
        if element.tail and parent is not None:
            yield parent, element.tail, "text"


REASONS = {
    "comment": ("html-comment", "an HTML comment is never shown to readers"),
    "code": ("html-unsafe-or-code", "scripts and styles are never article content"),
    "head": ("page-head", "the page's <title>; the article's title comes from the page's metadata"),
    "attribute": ("page-attributes", "text in tag attributes (meta descriptions, hover and alt texts) that the article does not show"),
}


def dropped_text_removals(tree, kept_text: str) -> list[Removal]:
    """Every Han text of the page that is not in `kept_text`, as removals named by role; runs merged.

    A text counts as kept only while the kept text still has its characters to spare (a title
    repeated in the breadcrumb is kept once, recorded once), so the audit balances exactly."""
    kept = _squash(strip_markup(kept_text))
    budget = Counter(han_chars(kept))
    removals: list[Removal] = []
    for element, text, kind in _pieces(tree):
        chars = Counter(han_chars(text))
        if not chars:
            continue
        if kind == "text" and _is_kept(element, text, kept) and not chars - budget:
            budget -= chars
            continue
        rule, reason = _rule_for(element, kind)
        line = getattr(element, "sourceline", 0) or 0
        text = " ".join(text.split())
        if removals and removals[-1].rule == rule:
            removals[-1] = Removal(rule, reason, f"{removals[-1].text} {text}", removals[-1].line)
        else:
            removals.append(Removal(rule, reason, text, line))
    return removals


def _is_kept(element, text: str, kept: str) -> bool:
    if _squash(text) not in kept:
        return False
    block = _nearest_block(element)
    return han_count(text) >= SURE_MATCH or (block is not None and _squash(block.text_content()) in kept)


def _rule_for(element, kind: str) -> tuple[str, str]:
    if kind != "text":
        return REASONS[kind]
    role = role_of(element)
    if role == "other":
        return "site-chrome", "site chrome, by main-content extraction"
    return f"site-{role}", f"site chrome ({role}), by main-content extraction"


def tail_removals(blocks: list[Block]) -> tuple[list[Block], list[Removal]]:
    """Editor credits and hashtag rows that the extractor kept with the article: they are the site's."""
    kept: list[Block] = []
    removals: list[Removal] = []
    for block in blocks:
        texts = [strip_markup(block.text)] if block.text else [strip_markup(item) for item in block.items]
        if texts and all(EDITOR_LINE_RE.match(t.strip()) for t in texts):
            removals.append(Removal("site-editor-credit", "the site's editor credit, not part of the article",
                                    " ".join(texts), block.line))
        elif texts and all(HASHTAG_RE.match(t.strip()) for t in texts):
            removals.append(Removal("site-tags", "the site's tag list, not part of the article", " ".join(texts), block.line))
        else:
            kept.append(block)
    return kept, removals
