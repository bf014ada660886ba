"""The two editions (简体 and 繁體): where each lives and how an article enters it.

Every text is converted from its original script exactly once: a simplified
article reaches the traditional edition by s2t, a traditional one reaches the
simplified edition by t2s, and the tool's own (simplified) wording likewise.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from build_tools.core.model import Article, Metadata, Script, map_block_texts


@dataclass(frozen=True)
class Edition:
    script: Script
    folder: str  # where the edition sits in the site: "" (root) or "zh-Hant/"
    language: str  # Material's interface language
    name: str  # how a reader calls it

    def page_url(self, path: str) -> str:
        """URL of a page from the site root, e.g. `zh-Hant/articles/x.html`."""
        return self.folder + path[:-3] + ".html"


EDITIONS = (
    Edition("zh-Hans", "", "zh", "简体"),
    Edition("zh-Hant", "zh-Hant/", "zh-Hant", "繁體"),
)


def other_edition(edition: Edition) -> Edition:
    return next(e for e in EDITIONS if e is not edition)


def twin_url(path: str, edition: Edition) -> str:
    """Relative link from `path` in `edition` to the same page in the other edition."""
    depth = path.count("/") + edition.folder.count("/")
    return "../" * depth + other_edition(edition).page_url(path)


def convert_article(article: Article, metadata: Metadata, convert: Callable[[str], str]) -> tuple[Article, Metadata]:
    """The article in another script; `convert` maps from the article's original script."""
    blocks = tuple(map_block_texts(b, convert) for b in article.blocks)
    converted = replace(
        metadata,
        title=convert(metadata.title),
        authors=tuple(convert(a) for a in metadata.authors),
        source=convert(metadata.source),
        summary=convert(metadata.summary),
        byline=convert(metadata.byline),
        part_of=convert(metadata.part_of),
    )
    return replace(article, title=converted.title, blocks=blocks), converted
