"""Stage 2: where every article's page goes, decided once for both editions.

Addresses come from the original titles (as ASCII pinyin), so the same page sits at
the same address in both editions and a reader can switch between them.
"""

from __future__ import annotations

from dataclasses import dataclass

from build_tools.chinese.slugs import MAX_SLUG_WORDS, slugify
from build_tools.core.diagnostics import Diagnostics
from build_tools.core.model import Article, Metadata
from build_tools.ingest.seeds import SeedResult

LONGER_SLUG_WORDS = 3 * MAX_SLUG_WORDS  # for a title whose first words another page's address already has


@dataclass(frozen=True)
class PlannedArticle:
    """An article with its page address; report chapters also know their report's folder."""

    article: Article
    metadata: Metadata
    path: str
    report_folder: str = ""


def plan_addresses(results: list[SeedResult], diagnostics: Diagnostics) -> list[list[PlannedArticle]]:
    """Page addresses grouped by seed; a second page wanting a taken address gets `-2` and a warning."""
    taken: set[str] = set()
    plans = []
    for result in results:
        folder = ""
        planned = []
        for article, metadata in result.articles:
            if metadata.part_of:
                if not folder:
                    folder = "reports/" + _unique(slugify(metadata.part_of, "report"), taken, result.name, diagnostics)
                path = f"{folder}/{metadata.part_index:02d}-{slugify(metadata.title, 'chapter')}.md"
            else:
                slug = slugify(metadata.title, "article")
                if slug in taken:  # two titles that begin alike: the rest of the title tells them apart
                    longer = slugify(metadata.title, "article", words_kept=LONGER_SLUG_WORDS)
                    slug = longer if longer not in taken else slug
                path = f"articles/{_unique(slug, taken, result.name, diagnostics)}.md"
            planned.append(PlannedArticle(article, metadata, path, folder))
        plans.append(planned)
    return plans


def _unique(slug: str, taken: set[str], seed: str, diagnostics: Diagnostics) -> str:
    if slug not in taken:
        taken.add(slug)
        return slug
    number = 2
    while f"{slug}-{number}" in taken:
        number += 1
    diagnostics.warning(
        seed,
        f"another page already uses the address '{slug}'; this one becomes '{slug}-{number}'",
        "give one of them a different title in its editor file if the address matters",
    )
    taken.add(f"{slug}-{number}")
    return f"{slug}-{number}"
