"""The same article in two seeds is published once, from its fuller copy; different articles never merge."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.config.settings import BuildSettings
from build_tools.core.diagnostics import Diagnostics
from build_tools.ingest.seeds import process_seed
from build_tools.plan.duplicates import remove_duplicates
from build_tools.plan.fidelity import audit
from tests.test_dialects import MARKDOWN_FORMS, OTHER_FORMS, make_article

pytestmark = pytest.mark.unit


def _build(folder: Path, files: dict[str, str]):
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    diagnostics = Diagnostics()
    settings = BuildSettings(seeds=folder, cache=folder / ".cache")
    seeds = [process_seed(folder / name, settings, diagnostics) for name in sorted(files)]
    return remove_duplicates([s for s in seeds if s is not None], diagnostics), diagnostics


@pytest.mark.parametrize("other", ["rss-item", "atom-entry", "saved-web-page"])
def test_a_feed_item_or_saved_page_of_an_archived_article_is_published_once(tmp_path, other):
    article = make_article(301)
    results, diagnostics = _build(
        tmp_path / "seeds", {"a.md": MARKDOWN_FORMS["yaml-front-matter"](article), "b.txt": OTHER_FORMS[other](article)}
    )
    pages = [item for seed in results for item in seed.articles]
    assert len(pages) == 1
    warnings = [d for d in diagnostics.items if "same article" in d.message]
    assert len(warnings) == 1
    for seed in results:
        assert audit(seed, [])["han_missing"] == 0  # the copy's text is accounted for


def test_articles_sharing_a_sentence_or_two_are_both_published(tmp_path):
    one, two = make_article(11), make_article(12)
    shared = one.paragraphs[0]
    text_two = MARKDOWN_FORMS["yaml-front-matter"](two).replace(two.paragraphs[0], shared, 1)
    results, diagnostics = _build(
        tmp_path / "seeds", {"a.md": MARKDOWN_FORMS["yaml-front-matter"](one), "b.md": text_two}
    )
    assert sum(len(seed.articles) for seed in results) == 2
    assert not [d for d in diagnostics.items if "same article" in d.message]
