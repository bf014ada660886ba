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
from dataclasses import replace

import lxml.etree
import lxml.html

from build_tools.core.model import Block, Removal
from build_tools.core.textutil import escape_markdown, han_chars, han_count, parse_byline, strip_markup
from build_tools.ingest.credits import starts_with_credit
from build_tools.ingest.credits import trailing_credit as trailing_credit_at

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
ROLE_TAGS = {
    "nav": "navigation",
    "footer": "footer",
    "header": "header",
    "aside": "sidebar",
    "menu": "navigation",
    "form": "forms",
}
CODE_TAGS = {"script", "style", "noscript", "template"}
BLOCK_TAGS = {
    "p",
    "div",
    "li",
    "td",
    "th",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "blockquote",
    "dd",
    "dt",
    "section",
    "article",
    "figcaption",
    "caption",
    "body",
}
# A text piece this long that the article holds is the article's; shorter ones must sit in a kept block.
SURE_MATCH = 8
WORD_RE = re.compile(r"[a-z]+")

# Lines site templates append to the article that extraction may keep: editor credits (ingest/credits.py)
# and hashtag rows.  Both are the page's, not the author's.
HASHTAG_RE = re.compile(r"^(?:#\S+\s*){2,}$|^(?:标签|標籤|关键词|關鍵詞|tags?)\s*[:：]", re.I)
SITE_NOTICE_RE = re.compile(
    r"^[\[【（(]?\s*(?:声明|聲明|免责声明|免責聲明|版权声明|版權聲明|版权所有|版權所有)\s*[:：]"
)
# The line under a page's headline: date, source, author, editor (`2019-09-26 12:11来源：X作者：Y`).
DATELINE_RE = re.compile(
    r"(?:来源|來源|作者|发布时间|發布時間|发布日期|發布日期|时间|時間|日期|编辑|編輯|记者|記者)\s*[:：]"
    r"|\d{4}\s*[-/年]\s*\d{1,2}\s*[-/月]\s*\d{1,2}"
)
DATELINE_MAX = 80
OPENING_BLOCKS = 6


def role_of(element) -> str:
    """The structural role of the nearest ancestor that has one: `footer`, `navigation`, …"""
    while element is not None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in ROLE_TAGS:
            return ROLE_TAGS[tag]
        words = WORD_RE.findall(f"{element.get('class', '')} {element.get('id', '')}".lower())
        for role, hints in ROLE_WORDS:
            if any(_names(word, hint) for word in words for hint in hints):
                return role
        element = element.getparent()
    return "other"


def _names(word: str, hint: str) -> bool:
    """`relatednews`, `share`, `sitefooter` name a role; a short hint only as a whole word (`top`, not `topic`)."""
    return word == hint or (len(hint) >= 4 and (word.startswith(hint) or word.endswith(hint)))


def _han_string(text: str) -> str:
    """Texts are compared by their Han characters alone: markup, escaping, spacing and punctuation
    repairs differ between the page and the blocks, the words do not."""
    return "".join(han_chars(text))


def _nearest_block(element):
    while element is not None and element.tag not in BLOCK_TAGS:
        element = element.getparent()
    return element


def _pieces(tree):
    """(element that holds the text, text, kind) for every text of the page: element text, tails,
    attributes.  Visible text comes line by line, so hand-wrapped text matches the paragraphs it
    was joined into."""
    for element in tree.iter():
        if element.tag is lxml.etree.Comment:
            yield element, element.text or "", "comment"
        elif isinstance(element.tag, str):
            kind = "code" if element.tag in CODE_TAGS else "head" if element.tag == "title" else "text"
            for line in _lines(element.text, kind):
                yield element, line, kind
            for value in element.attrib.values():
                yield element, value, "attribute"
        parent = element.getparent()
        if element.tail and parent is not None:
            for line in _lines(element.tail, "text"):
                yield parent, line, "text"


def _lines(text: str | None, kind: str) -> list[str]:
    if not text:
        return []
    return text.split("\n") if kind == "text" else [text]


REASONS = {
    "comment": ("html-comment", "an HTML comment is never shown to readers"),
    "code": ("html-unsafe-or-code", "scripts and styles are never article content"),
    "head": ("page-head", "the page's <title>; the article's title comes from the page's metadata"),
    "attribute": (
        "page-attributes",
        "text in tag attributes (meta descriptions, hover and alt texts) that the article does not show",
    ),
}


def dropped_text_removals(tree, kept_text: str) -> list[Removal]:
    """Every Han text of the page that is not in `kept_text`, as removals named by role; runs merged.

    A text counts as kept only while the kept text still has its characters to spare (a title
    repeated in the breadcrumb is kept once, recorded once), so the audit balances exactly."""
    kept = _han_string(strip_markup(kept_text))
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
    if _han_string(text) not in kept:
        return False
    block = _nearest_block(element)
    return han_count(text) >= SURE_MATCH or (block is not None and _han_string(block.text_content()) in kept)


def _rule_for(element, kind: str) -> tuple[str, str]:
    if kind != "text":
        return REASONS[kind]
    role = role_of(element)
    if role == "other":
        return "site-chrome", "site chrome, by main-content extraction"
    return f"site-{role}", f"site chrome ({role}), by main-content extraction"


def opening_removals(
    blocks: list[Block], title: str, page_titles: tuple[str, ...] = ()
) -> tuple[list[Block], str, list[Removal]]:
    """(blocks, byline, removals): the headline repeated at the top, with the breadcrumb above it, and
    the date/source line under it are the page's; a reporter's byline is kept as the byline."""
    removals: list[Removal] = []
    opening = [strip_markup(b.text).strip() for b in blocks[:OPENING_BLOCKS]]
    if title and title in opening:
        cut = opening.index(title) + 1
        removals.append(
            _merged_removal(
                blocks[:cut], "page-title", "the page's headline (it is the title) and what stands above it"
            )
        )
        blocks = blocks[cut:]
    byline = ""
    while blocks and not is_prose(blocks[0]) and blocks[0].kind in ("paragraph", "heading"):
        text = strip_markup(blocks[0].text).strip()
        if text in page_titles:
            removals.append(
                block_removal(blocks[0], "page-head", "a <title> of the page (or of a document nested in it)")
            )
        elif not byline and len(text) <= DATELINE_MAX and parse_byline(text):
            byline = text
        elif len(text) <= DATELINE_MAX and DATELINE_RE.search(text):
            removals.append(
                block_removal(
                    blocks[0], "page-dateline", "the page's date and source line; they are in the front matter"
                )
            )
        else:
            break
        blocks = blocks[1:]
    return blocks, byline, removals


def _merged_removal(blocks: list[Block], rule: str, reason: str) -> Removal:
    parts = [block_removal(b, rule, reason) for b in blocks]
    return Removal(rule, reason, " ".join(p.text for p in parts), parts[0].line if parts else 0)


def tail_removals(blocks: list[Block]) -> tuple[list[Block], list[Removal]]:
    """Editor credits, hashtag rows and the site's legal notice kept with the article: they are the site's."""
    kept: list[Block] = []
    removals: list[Removal] = []
    for block in blocks:
        texts = [strip_markup(block.text)] if block.text else [strip_markup(item) for item in block.items]
        if texts and all(starts_with_credit(t) for t in texts):
            removals.append(
                Removal(
                    "site-editor-credit",
                    "the site's editor credit, not part of the article",
                    " ".join(texts),
                    block.line,
                )
            )
        elif texts and SITE_NOTICE_RE.match(texts[0].strip()):
            removals.append(
                Removal("site-notice", "the site's legal notice, not part of the article", " ".join(texts), block.line)
            )
        elif texts and all(HASHTAG_RE.match(t.strip()) for t in texts):
            removals.append(
                Removal("site-tags", "the site's tag list, not part of the article", " ".join(texts), block.line)
            )
        else:
            kept.append(block)
    return kept, removals


def trailing_credit(blocks: list[Block]) -> tuple[list[Block], list[Removal]]:
    """A wire's editor credit and filing code closing the article's last paragraph (`…。（編輯：某某）1120221`)."""
    start = trailing_credit_at(blocks[-1].text) if blocks and blocks[-1].kind == "paragraph" else None
    if start is None:
        return blocks, []
    last = replace(blocks[-1], text=blocks[-1].text[:start].rstrip())
    return [*blocks[:-1], last], [
        Removal(
            "site-editor-credit",
            "the site's editor credit at the end of the last paragraph",
            blocks[-1].text[start:],
            last.line,
        )
    ]


# Roles whose text is never the article's, even when the extractor kept it.
STRONG_ROLES = {"comments", "share", "related", "tags", "footer", "navigation"}
SENTENCE_END = "。！？；…!?"
MIN_PROSE = 15
CONTAINER_SHARE = 0.8
DUMP_PIECES = 12


class PageTextIndex:
    """Where each text of the original page sat, so an extracted block can be traced to its role."""

    def __init__(self, tree):
        self.tree = tree
        self.pieces = [
            (_han_string(text), element)
            for element, text, kind in _pieces(tree)
            if kind == "text" and han_count(text) >= 4
        ]
        self.order = {element: number for number, element in enumerate(tree.iter())}

    def element_of(self, block: Block):
        """The element of the original page that held the longest piece of the block's text, or None."""
        candidates = self.elements_of(block)
        return candidates[0] if candidates else None

    def elements_of(self, block: Block) -> list:
        """Every element that held the longest piece of the block's text (a page may repeat it, e.g. a
        hidden summary above the article), in page order."""
        text = _han_string(strip_markup(" ".join([block.text, *block.items])))
        found = [(squashed, element) for squashed, element in self.pieces if squashed in text]
        longest = max((len(squashed) for squashed, _ in found), default=0)
        return [element for squashed, element in found if len(squashed) == longest]

    def is_page_dump(self, block: Block) -> bool:
        """A "paragraph" made of many separate elements' texts, or of article text run together with
        a menu or footer, is the extractor's fallback dump of the page, not running text."""
        text = _han_string(strip_markup(block.text))
        found = [(squashed, element) for squashed, element in self.pieces if squashed in text]
        if len(found) > DUMP_PIECES:
            return True
        roles = {role_of(element) for _, element in found}
        return bool(roles & STRONG_ROLES) and bool(roles - STRONG_ROLES)

    def role_of_block(self, block: Block) -> str:
        element = self.element_of(block)
        return role_of(element) if element is not None else "other"


def article_container(blocks: list[Block], index: PageTextIndex):
    """The deepest element of the page that holds most of the running text: the article's own box."""
    weights: Counter = Counter()
    elements = {}
    total = 0
    for block in blocks:
        element = index.element_of(block) if is_prose(block) else None
        if element is None:
            continue
        total += han_count(block.text)
        for ancestor in element.iterancestors():
            weights[id(ancestor)] += han_count(block.text)
            elements[id(ancestor)] = ancestor
    holding = [elements[key] for key, weight in weights.items() if weight >= CONTAINER_SHARE * total]
    return max(holding, key=lambda e: len(list(e.iterancestors())), default=None)


def keep_article_region(blocks: list[Block], index: PageTextIndex) -> tuple[list[Block], list[Removal]]:
    """Blocks from outside the article's box (other stories' teasers, columns) are the site's, and so
    are pictures and captions that sit outside the run of blocks from inside it."""
    container = article_container(blocks, index)
    if container is None:
        return blocks, []
    inside = []
    for block in blocks:
        elements = index.elements_of(block)
        inside.append(any(e is container or container in e.iterancestors() for e in elements) if elements else None)
    positions = [i for i, flag in enumerate(inside) if flag]
    first, last = (positions[0], positions[-1]) if positions else (0, len(blocks) - 1)
    kept, removals = [], []
    for i, (block, flag) in enumerate(zip(blocks, inside)):
        if flag or (flag is None and first <= i <= last):
            kept.append(block)
        else:
            role = index.role_of_block(block)
            rule = f"site-{role}" if role != "other" else "site-chrome"
            removals.append(block_removal(block, rule, "outside the article's own part of the page"))
    return kept, removals


def is_prose(block: Block) -> bool:
    """Running text: a paragraph with a sentence in it, not a caption, link or menu entry."""
    text = strip_markup(block.text)
    return (
        block.kind in ("paragraph", "quote") and han_count(text) >= MIN_PROSE and any(c in text for c in SENTENCE_END)
    )


def drop_chrome_blocks(blocks: list[Block], index: PageTextIndex) -> tuple[list[Block], list[Removal]]:
    """Blocks that come from a comment, share, related-links, tag, footer or navigation element
    of the page (unless the article itself sits in one), then blocks outside the article's own
    box, then the link lists and pictures around the article's first and last paragraphs."""
    roles = [index.role_of_block(block) for block in blocks]
    weight: Counter[str] = Counter()
    for block, role in zip(blocks, roles):
        if is_prose(block):
            weight[role] += han_count(block.text)
    article_role = "other" if weight["other"] else (weight.most_common(1)[0][0] if weight else "other")
    kept, removals = [], []
    for block, role in zip(blocks, roles):
        if role in STRONG_ROLES and role != article_role:
            removals.append(block_removal(block, f"site-{role}", f"site chrome ({role}) that the extractor kept"))
        else:
            kept.append(block)
    kept, outside = keep_article_region(kept, index)
    kept, edges = _trim_edges(kept)
    return kept, [*removals, *outside, *edges]


def ends_sentence(block: Block) -> bool:
    """A paragraph that ends a sentence, however short (`（应受访者要求，文中某某为化名。）`)."""
    text = strip_markup(block.text).rstrip().rstrip("）)」』”’\"'")
    return block.kind in ("paragraph", "quote") and bool(text) and text[-1] in SENTENCE_END and han_count(text) >= 4


def _trim_edges(blocks: list[Block]) -> tuple[list[Block], list[Removal]]:
    last_prose = max(
        (i for i, block in enumerate(blocks) if is_prose(block) or ends_sentence(block)), default=len(blocks) - 1
    )
    removals = [
        block_removal(b, "site-related", "links and pictures after the article's last paragraph")
        for b in blocks[last_prose + 1 :]
    ]
    blocks = blocks[: last_prose + 1]
    first_prose = next((i for i, block in enumerate(blocks) if is_prose(block)), 0)
    leading = [b for b in blocks[:first_prose] if b.kind == "list" or (b.kind == "figure" and not han_count(b.text))]
    removals += [
        block_removal(b, "site-chrome", "link lists and uncaptioned pictures before the article's first paragraph")
        for b in leading
    ]
    removals = [r for r in removals if r.text]
    return [b for b in blocks if not any(b is lead for lead in leading)], removals


def block_removal(block: Block, rule: str, reason: str) -> Removal:
    """A removal holding what the block showed (its text and its entries, without markup)."""
    text = " ".join(strip_markup(t) for t in [block.text, *block.items] if t)
    return Removal(rule, reason, text, block.line)


def prose_score(blocks: list[Block], index: PageTextIndex) -> int:
    return sum(han_count(block.text) for block in blocks if is_prose(block) and not index.is_page_dump(block))


def restore_headings(blocks: list[Block], index: PageTextIndex) -> list[Block]:
    """Subheads the extractor dropped although they stand between the article's own paragraphs
    (a styled `<h3>` inside the article's box) are put back where they stood."""
    placed = [(index.order[e], block) for block in blocks for e in index.elements_of(block)[:1]]
    if len(placed) < 2:
        return blocks
    first, last = placed[0][0], placed[-1][0]
    kept = {_han_string(strip_markup(b.text)) for b in blocks}
    restored = list(blocks)
    for heading in index.tree.iter("h2", "h3", "h4", "h5", "h6"):
        text = " ".join(heading.text_content().split())
        position = index.order[heading]
        if not first < position < last or len(han_chars(text)) < 2 or _han_string(text) in kept:
            continue
        after = max((block for order, block in placed if order < position), key=lambda b: restored.index(b))
        restored.insert(
            restored.index(after) + 1,
            Block("heading", escape_markdown(text), level=max(2, int(heading.tag[1])), line=heading.sourceline or 0),
        )
    return restored
