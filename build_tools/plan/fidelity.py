"""The fidelity audit: every Han character of a seed is on a page or in a named removal.

Measured on the cleaned articles in their original script, before conversion, so a
rule that loses text is caught where it happens.  `check` and `build` report a loss
with the same words, through `missing_text`.
"""

from __future__ import annotations

from collections import Counter
from urllib.parse import unquote

from build_tools.core.diagnostics import Diagnostics
from build_tools.core.model import Article, Metadata, block_texts
from build_tools.core.textutil import addresses_and_attributes, han_chars, strip_markup
from build_tools.ingest.seeds import SeedResult

MARKUP_RULE = "markup-attribute"


def kept_texts(article: Article, metadata: Metadata) -> list[str]:
    """Every text of the article a reader sees: metadata shown on the page and every block, nested ones too."""
    texts = [metadata.title, metadata.byline, metadata.source, *metadata.authors, metadata.part_of]
    texts.extend(article.raw.front_matter.get("report_subtitle", ()))
    texts.extend(block_texts(article.blocks))
    texts.extend(part for text in list(texts) for part in addresses_and_attributes(text))
    texts.extend(unquote(block.src) for block in _walk(article.blocks) if block.src)
    return texts


def _walk(blocks):
    for block in blocks:
        yield block
        yield from _walk(block.children)


def audit(result: SeedResult, pages: list[str]) -> dict:
    """The seed's entry in build-report.json: Han characters in, kept, removed by rule, and missing."""
    kept: Counter[str] = Counter()
    for article, metadata in result.articles:
        for text in kept_texts(article, metadata):
            kept.update(han_chars(strip_markup(text)))
    removed_by_rule: Counter = Counter()
    removed: Counter[str] = Counter()
    removals = []
    for removal in [r for article, _ in result.articles for r in article.report.removals] + list(result.dropped):
        chars = han_chars(removal.text)
        removed.update(chars)
        removed_by_rule[removal.rule] += len(chars)
        removals.append({"rule": removal.rule, "reason": removal.reason, "line": removal.line, "text": removal.text})
    in_markup = (result.han_in - kept - removed) & result.han_in_markup  # in addresses and attributes, not in the text
    if in_markup:
        removed_by_rule[MARKUP_RULE] += sum(in_markup.values())
        removed.update(in_markup)
    missing = result.han_in - kept - removed
    return {
        "encoding": result.encoding,
        "format": result.format,
        "pages": pages,
        "han_in": sum(result.han_in.values()),
        "han_kept": sum((result.han_in & kept).values()),
        "han_removed": dict(sorted(removed_by_rule.items())),
        "han_missing": sum(missing.values()),
        "missing_characters": "".join(sorted(missing.elements()))[:200],
        "truncated": [m.title for _, m in result.articles if m.truncated],
        "repairs": [r for a, _ in result.articles for r in a.report.repairs],
        "removals": removals,
    }


def report_missing_text(seed: str, seed_audit: dict, diagnostics: Diagnostics) -> None:
    """One error when a seed lost text that no named rule accounts for."""
    if seed_audit["han_missing"]:
        diagnostics.error(
            seed,
            f"{seed_audit['han_missing']} Han characters of the seed are on no page and in no "
            f"removal: {seed_audit['missing_characters'][:40]}",
            "this is a bug in a reader or cleaning rule; please report it",
        )
