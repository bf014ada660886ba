"""The same article in two seeds (a feed item and the Markdown archive of it, a page saved twice): one page.

Found by the sentences the texts share, not by titles or addresses (a feed and a page title the
same article differently).  The fuller copy is published; the other is recorded as removed, with
its text, so the audit accounts for it, and named in one warning.
"""

from __future__ import annotations

import re
from dataclasses import replace

from build_tools.core.diagnostics import Diagnostics
from build_tools.core.model import block_texts
from build_tools.core.textutil import HAN_RE, strip_markup
from build_tools.ingest.seeds import SeedArticle, SeedResult
from build_tools.plan.templates import unpublished_page

RULE = "duplicate-article"
MIN_SENTENCES = 3  # shorter texts share sentences by chance (a greeting, a standard line)
SAME = 0.8  # of the shorter text's sentences found in the other
_SENTENCE_RE = re.compile(r"[^。！？!?；;\n]+")


def sentences(item: SeedArticle) -> frozenset[str]:
    """The article's sentences as Han text only, those long enough to be its own."""
    text = strip_markup("\n".join(block_texts(item.article.blocks)))
    found = ("".join(HAN_RE.findall(piece)) for piece in _SENTENCE_RE.findall(text))
    return frozenset(s for s in found if len(s) >= 8)


def _fullness(item: SeedArticle) -> tuple[int, int]:
    metadata = item.metadata
    fields = sum(bool(v) for v in (metadata.date, metadata.authors, metadata.source, metadata.url))
    return (metadata.characters, fields)


def remove_duplicates(seeds: list[SeedResult], diagnostics: Diagnostics) -> list[SeedResult]:
    """Every seed without the articles another seed (or item) holds more fully."""
    entries = [(s, n, item, sentences(item)) for s, seed in enumerate(seeds) for n, item in enumerate(seed.articles)]
    entries = [e for e in entries if len(e[3]) >= MIN_SENTENCES]
    by_sentence: dict[str, list[int]] = {}
    for index, (_, _, _, found) in enumerate(entries):
        for sentence in found:
            by_sentence.setdefault(sentence, []).append(index)
    dropped: set[tuple[int, int]] = set()
    for index, (s, n, item, found) in enumerate(entries):
        if (s, n) in dropped:
            continue
        candidates = {other for sentence in found for other in by_sentence[sentence] if other != index}
        for other in sorted(candidates):
            s2, n2, item2, found2 = entries[other]
            if (s2, n2) in dropped:
                continue
            if len(found & found2) < SAME * min(len(found), len(found2)):
                continue
            keep_first = (_fullness(item), -s, -n) >= (_fullness(item2), -s2, -n2)
            loser = (s2, n2) if keep_first else (s, n)
            winner = (s, n) if keep_first else (s2, n2)
            dropped.add(loser)
            kept = seeds[winner[0]]
            diagnostics.warning(
                seeds[loser[0]].name,
                f"document {loser[1] + 1} ({seeds[loser[0]].articles[loser[1]].metadata.title}) is the same article as"
                f" document {winner[1] + 1} of {kept.name}; it is published once, from {kept.name}",
                "remove one copy from the seeds, or leave both: the fuller one is used",
                line=seeds[loser[0]].articles[loser[1]].article.raw.line,
            )
            if loser == (s, n):
                break
    results = []
    for s, seed in enumerate(seeds):
        gone = [item for n, item in enumerate(seed.articles) if (s, n) in dropped]
        if not gone:
            results.append(seed)
            continue
        records = [r for item in gone for r in unpublished_page(item, RULE, "the same article as another seed's")]
        articles = [item for n, item in enumerate(seed.articles) if (s, n) not in dropped]
        results.append(replace(seed, articles=articles, dropped=[*seed.dropped, *records]))
    return results
