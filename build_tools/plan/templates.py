"""Template text found by repetition: what recurs across the articles of the collection is the site's.

A footer, a navigation block, a subscription appeal or a digest's source block is printed by the
site's template around every article; the author writes a sentence once.  So, in the manner of
boilerpipe's and jusText's cross-page detection, a block whose text recurs in several articles
(of one file or of several files), or many times inside one article, is template text: it is
removed from every page where it stands and recorded under the rule `repeated-template`.  A
block that occurs once is never touched, and a page all of whose text recurs is a copy of an
article, not a template, and is left whole.

Runs once per build on every seed's result, cached or not, after all seeds are read (the
cache holds each seed alone; repetition is a fact of the collection).  Truncation, the summary
and the counts are judged again on what is left, and a page left with no text is not published:
it is recorded and named in a warning.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import replace

from build_tools.core.diagnostics import Diagnostics
from build_tools.core.model import Article, Block, Removal, block_texts
from build_tools.core.textutil import han_count, strip_markup
from build_tools.ingest.clean import is_truncated
from build_tools.ingest.metadata import READING_SPEED, summary_of
from build_tools.ingest.seeds import SeedArticle, SeedResult

RULE = "repeated-template"
EMPTY_RULE = "empty-page"
NOT_CHINESE_RULE = "no-chinese-text"  # the site is for Chinese articles: a page without Chinese is not one
MIN_ARTICLES = 3  # a block in this many articles of the collection is the template's
MIN_REPEATS_IN_ONE = 3  # a short block repeated this often inside one article (a digest's source block)
MIN_HAN = 4  # shorter lines ("是的。", "记者：") are too common in prose to say anything
MAX_CHARS = 300  # a longer block repeated across articles is a copied article, not a template
MAX_CHARS_IN_ONE = 80
TEXT_KINDS = ("paragraph", "lede", "quote", "heading")
_SPACE_RE = re.compile(r"\s+")


def _key(text: str) -> str:
    return _SPACE_RE.sub("", strip_markup(text))


def _candidate_keys(block: Block) -> list[str]:
    """The texts of a block that repetition may judge: its text, or a list's entries together."""
    if block.kind == "list":
        texts = ["\n".join(block.items)]  # the list as a whole: a nav block recurs whole
    elif block.kind in TEXT_KINDS:
        texts = [block.text]
    else:
        return []
    keys = [_key(text) for text in texts]
    return [key for key in keys if han_count(key) >= MIN_HAN and len(key) <= MAX_CHARS]


def _flat(blocks: tuple[Block, ...]) -> list[Block]:
    out: list[Block] = []
    for block in blocks:
        out.append(block)
        out.extend(_flat(block.children))
    return out


def template_keys(articles: list[Article]) -> set[str]:
    """The texts that are template: in MIN_ARTICLES articles, or short and repeated in one."""
    across: Counter = Counter()
    template: set[str] = set()
    for article in articles:
        inside = Counter(key for block in _flat(article.blocks) for key in _candidate_keys(block))
        across.update(inside.keys())
        template.update(k for k, n in inside.items() if n >= MIN_REPEATS_IN_ONE and len(k) <= MAX_CHARS_IN_ONE)
    template.update(key for key, count in across.items() if count >= MIN_ARTICLES)
    return template


LABEL_MAX = 16  # characters: a label that introduces a section (`本篇俚語`, `延伸思考：`) is a short phrase
SENTENCE_END_RE = re.compile(r"[。！？!?…]\s*$")


def _is_label(block: Block) -> bool:
    """A heading, or a short one-phrase paragraph that introduces what follows: it recurs in every
    issue of a column, but what it introduces is the author's, so it is template only with it."""
    if block.kind == "heading":
        return True
    text = strip_markup(block.text).strip()
    return (
        block.kind in ("paragraph", "lede")
        and 0 < len(text) <= LABEL_MAX
        and not re.search(r"\s|[:：].", text)  # `来源：某报` states something; `本篇俚語：` introduces
        and not SENTENCE_END_RE.search(text)
    )


def _strip_blocks(blocks: tuple[Block, ...], template: set[str], removals: list[Removal]) -> tuple[Block, ...]:
    """The blocks without template text; a heading or a label goes only when what it introduces went too."""
    kept: list[Block] = []
    pending: Block | None = None  # a template heading, kept unless the block after it goes as well
    for block in blocks:
        if block.kind == "aside":
            block = replace(block, children=_strip_blocks(block.children, template, removals))
        gone = _apply(block, template, removals)
        if pending is not None:
            if gone is None:
                removals.append(
                    Removal(RULE, "a heading of the site's template over template text", pending.text, pending.line)
                )
            else:
                kept.append(pending)
            pending = None
        if _is_label(block) and gone is None:
            pending = block
            removals.pop()  # recorded when what follows decides
            continue
        if gone is not None:
            kept.append(gone)
    if pending is not None:
        removals.append(
            Removal(RULE, "a heading of the site's template at the end of the page", pending.text, pending.line)
        )
    return tuple(kept)


def _apply(block: Block, template: set[str], removals: list[Removal]) -> Block | None:
    """The block with template text removed (None when nothing is left of it)."""
    if block.kind == "list":  # a list goes whole (a nav block) or stays whole: its entries are read together
        if block.items and _key("\n".join(block.items)) in template:
            removals.append(
                Removal(RULE, "a list repeated across the collection's pages", "\n".join(block.items), block.line)
            )
            return None
        return block
    if block.kind in TEXT_KINDS and _key(block.text) in template:
        removals.append(
            Removal(RULE, "text repeated across the collection's pages: the site's template", block.text, block.line)
        )
        return None
    return block


def has_text(blocks: tuple[Block, ...]) -> bool:
    """Anything a reader would read: a letter, a digit or a Han character in a block."""
    return any(re.search(r"\w", strip_markup(text)) for text in block_texts(blocks))


def _redescribe(item: SeedArticle, blocks: tuple[Block, ...], removals: list[Removal]) -> SeedArticle:
    """Truncation, summary and counts judged again on the blocks that are left."""
    article, metadata = item
    report = replace(
        article.report, removals=article.report.removals + tuple(removals), truncated=is_truncated(list(blocks))
    )
    article = replace(article, blocks=blocks, report=report)
    summary = metadata.summary
    if summary and any(_key(summary.rstrip("…")) in _key(r.text) for r in removals):
        summary = summary_of(article)
    text = strip_markup("\n".join(block_texts(b for b in blocks if b.kind != "section")))
    characters = han_count(text)
    metadata = replace(
        metadata,
        summary=summary,
        truncated=report.truncated,
        characters=characters,
        reading_minutes=max(1, math.ceil(characters / READING_SPEED)),
    )
    return SeedArticle(article, metadata)


def unpublished_page(
    item: SeedArticle, rule: str = EMPTY_RULE, why: str = "a page with no text is not published"
) -> list[Removal]:
    """What an unpublished page still held (its title; its text when it has some), so the audit accounts for it."""
    article, metadata = item
    body = "\n".join(block_texts(article.blocks))
    texts = [metadata.title, metadata.byline, metadata.source, *metadata.authors, body]
    return [*article.report.removals, *(Removal(rule, why, t) for t in texts if t.strip())]


def remove_templates(seeds: list[SeedResult], diagnostics: Diagnostics) -> list[SeedResult]:
    """Every seed with the collection's template text removed and its empty pages left out."""
    template = template_keys([item.article for seed in seeds for item in seed.articles])
    results = []
    for seed in seeds:
        articles: list[SeedArticle] = []
        dropped: list[Removal] = list(seed.dropped)
        for number, item in enumerate(seed.articles, start=1):
            removals: list[Removal] = []
            blocks = _strip_blocks(item.article.blocks, template, removals) if template else item.article.blocks
            if removals and not has_text(blocks):  # all of it recurs: a copy of an article, not a template
                removals = []
            if removals:
                item = _redescribe(item, blocks, removals)
            if not item.metadata.characters and has_text(item.article.blocks):  # warned when it was read
                dropped.extend(unpublished_page(item, NOT_CHINESE_RULE, "a page with no Chinese text is not published"))
                continue
            if not has_text(item.article.blocks):
                dropped.extend(unpublished_page(item))
                diagnostics.warning(
                    seed.name,
                    f"document {number} ({item.metadata.title or 'untitled'}) has no text"
                    + (" once the site's template text is removed" if removals else "")
                    + "; it is not published",
                    "add its text, or remove it from the seeds",
                    line=item.article.raw.line,
                )
                continue
            articles.append(item)
        results.append(replace(seed, articles=articles, dropped=dropped))
    return results
