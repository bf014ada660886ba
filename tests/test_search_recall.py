"""Search finds exactly the pages that contain the query: the browser's results against a brute-force scan.

For the seeds, a generated collection and the real-article corpus, in both editions and across
scripts, the set of pages the search engine returns (all of them, not only the first screen)
must equal the set of pages whose text contains the query, found by scanning every page's
rendered HTML.  The scan is written independently of the index: BeautifulSoup over the site,
OpenCC character by character for the scripts.
"""

from __future__ import annotations

import random
import re
from functools import cache, lru_cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from build_tools.config.settings import PROJECT_ROOT, BuildSettings
from build_tools.dev.bench import generate_collection
from build_tools.pipeline import build
from tests.conftest import front_matter, primed_cache

EDITIONS = {"zh-Hans": "", "zh-Hant": "zh-Hant/"}
QUERIES = [
    "卡脖子",
    "内卷",
    "內卷",
    "出口管制",
    "芯片",
    "人工智能",
    "企业",
    "关系",
    "關係",
    "硬科技",
    "供应链",
    "商汤",
    "AI",
    "ai",
    "TSMC",
    "5G",
    "芯片 企业",
    "AI 芯片",
]
BLOCKS = [
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "li",
    "figcaption",
    "td",
    "th",
    "dt",
    "dd",
    "pre",
    "caption",
    "summary",
]
HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}")
QUERY_TERM = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}|[A-Za-z0-9Ａ-Ｚａ-ｚ０-９]+")
RANDOM_QUERIES = 40


# -- the brute-force side ---------------------------------------------------------------------------


@cache
def _simplified(character: str) -> str:
    converted = _t2s().convert(character)
    return converted if len(converted) == 1 and ord(converted) < 0x10000 else character


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _s2twp():
    import opencc

    return opencc.OpenCC("s2twp")


@cache
def taiwan(term: str) -> str:
    """What the 繁體 edition writes for a Han term (OpenCC s2twp over the whole term, simplified first), folded."""
    return fold(_s2twp().convert(_t2s().convert(term)))


def fold(text: str) -> str:
    """One spelling per character: simplified, half-width, lower case."""
    out = []
    for character in text:
        if "\uff01" <= character <= "\uff5e":
            character = chr(ord(character) - 0xFEE0)
        out.append(character.lower() if character.isascii() else _simplified(character))
    return "".join(out)


def _drop_excluded(article) -> None:
    """Material's rule: a marked element goes; a marked heading takes its section with it."""
    for element in article.select("[data-no-search]"):
        if element.name in ("h1", "h2", "h3", "h4", "h5", "h6"):
            for sibling in list(element.find_next_siblings()):
                if sibling.name in ("h1", "h2", "h3", "h4", "h5", "h6") and sibling.name <= element.name:
                    break
                sibling.decompose()
        element.decompose()
    for element in article.select(".headerlink, .article-meta"):
        element.decompose()


def page_texts(site: Path, docs: Path) -> dict[str, str]:
    """Address → the folded text of every searchable page, one block a line."""
    texts = {}
    for markdown in sorted(docs.rglob("*.md")):
        if (front_matter(markdown).get("search") or {}).get("exclude"):
            continue
        address = markdown.relative_to(docs).with_suffix(".html").as_posix()
        soup = BeautifulSoup((site / address).read_text(encoding="utf-8"), "lxml")
        article = soup.select_one("article.md-content__inner")
        _drop_excluded(article)
        for block in article.find_all(BLOCKS):
            block.append("\n")
        texts[address] = fold(article.get_text())
    return texts


def expected(texts: dict[str, str], query: str, taiwan_words: bool = False) -> set[str]:
    """Pages containing every term of the query: Han runs anywhere, Latin words as whole words; with
    `taiwan_words` (the 繁體 edition), a Han run also where the page holds the Taiwan words written for it."""
    terms = [fold(term) for term in QUERY_TERM.findall(query)]

    def contains(text: str, term: str) -> bool:
        if term.isascii():
            return re.search(rf"(?<![a-z0-9]){re.escape(term)}(?![a-z0-9])", text) is not None
        return term in text or (taiwan_words and taiwan(term) in text)

    return {address for address, text in texts.items() if terms and all(contains(text, term) for term in terms)}


def random_queries(texts: dict[str, str], raw: dict[str, str], count: int, seed: int) -> list[str]:
    """Substrings of 2–6 Han characters from the pages' own (unfolded) text."""
    rng = random.Random(seed)
    runs = [run for text in raw.values() for run in HAN_RUN.findall(text)]
    queries = []
    while len(queries) < count and runs:
        run = rng.choice(runs)
        size = rng.randint(2, min(6, len(run)))
        start = rng.randint(0, len(run) - size)
        queries.append(run[start : start + size])
    return queries


def raw_texts(site: Path, docs: Path) -> dict[str, str]:
    """Like page_texts, but unfolded: where random queries are drawn from, in the edition's own script."""
    texts = {}
    for markdown in sorted(docs.rglob("*.md")):
        address = markdown.relative_to(docs).with_suffix(".html").as_posix()
        if not (front_matter(markdown).get("search") or {}).get("exclude"):
            soup = BeautifulSoup((site / address).read_text(encoding="utf-8"), "lxml")
            article = soup.select_one("article.md-content__inner")
            _drop_excluded(article)
            texts[address] = "\n".join(block.get_text() for block in article.find_all(["p", "li", "h1", "h2", "h3"]))
    return texts


# -- the browser side -------------------------------------------------------------------------------

FIND_ALL = """async (queries) => {
    const engine = window.readerSearch.current, out = {};
    for (const query of queries) {
        const found = await engine.search(query);
        const documents = await engine.documents(found.results.map(r => r.document));
        out[query] = documents.map(d => d.u);
    }
    return out;
}"""


def found_by_search(page, site: Path, edition: str, queries: list[str]) -> dict[str, set[str]]:
    page.goto((site / EDITIONS[edition] / "index.html").as_uri())
    return {query: set(urls) for query, urls in page.evaluate(FIND_ALL, queries).items()}


def check_recall(page, site: Path, docs: Path, seed: int) -> int:
    """Every query in every edition: the same pages as the scan.  Returns how many queries found something."""
    texts = {edition: page_texts(site / EDITIONS[edition], docs / edition) for edition in EDITIONS}
    drawn = [
        q
        for edition in EDITIONS
        for q in random_queries(
            texts[edition], raw_texts(site / EDITIONS[edition], docs / edition), RANDOM_QUERIES, seed
        )
    ]
    queries = QUERIES + drawn
    mismatches = []
    for edition in EDITIONS:
        results = found_by_search(page, site, edition, queries)
        for query in queries:
            want = expected(texts[edition], query, taiwan_words=edition == "zh-Hant")
            if results[query] != want:
                mismatches.append(
                    f"{edition} {query!r}: missing {sorted(want - results[query])[:3]}, "
                    f"extra {sorted(results[query] - want)[:3]}"
                )
    assert not mismatches, "\n".join(mismatches[:20])
    return sum(bool(expected(texts["zh-Hans"], q)) for q in queries)


def test_recall_on_the_seeds_equals_a_scan_of_the_pages(page, built):
    settings = built[0]
    assert check_recall(page, settings.site, settings.docs, seed=1) >= RANDOM_QUERIES


@pytest.fixture(scope="module")
def generated_site(tmp_path_factory, search_dictionaries):
    root = tmp_path_factory.mktemp("generated")
    generate_collection(root / "seeds", 40, PROJECT_ROOT / "seeds", seed=3)
    cache = primed_cache(search_dictionaries, root / "cache")
    settings = BuildSettings(seeds=root / "seeds", docs=root / "docs", site=root / "site", cache=cache)
    diagnostics, _ = build(settings)
    assert not diagnostics.errors, [str(d) for d in diagnostics.errors]
    return settings


def test_recall_on_a_generated_collection_equals_a_scan_of_the_pages(page, generated_site):
    assert check_recall(page, generated_site.site, generated_site.docs, seed=2) >= RANDOM_QUERIES


def test_recall_on_real_articles_equals_a_scan_of_the_pages(page, corpus_run):
    """On the session's build of the real articles (conftest.corpus_run): a real article the readers reject is
    reported, not a reason to skip the rest."""
    corpus_site = corpus_run
    assert (corpus_site.site / "search" / "manifest.js").exists(), corpus_run.output[-3000:]
    texts = page_texts(corpus_site.site, corpus_site.docs / "zh-Hans")
    assert expected(texts, "TSMC") and expected(texts, "AI"), "the corpus should mention TSMC and AI"
    assert check_recall(page, corpus_site.site, corpus_site.docs, seed=4) >= RANDOM_QUERIES


ORDERED = """async (query) => {
    const engine = window.readerSearch.current;
    const found = await engine.search(query);
    return (await engine.documents(found.results.map(r => r.document))).map(d => d.u);
}"""


@pytest.mark.parametrize("query", ["AI 芯片", "芯片 企业", "中国 企业"])
def test_pages_with_the_whole_query_come_first(page, built, query):
    """A page with the terms one after another (a space between them or not) ranks above one with them apart."""
    settings = built[0]
    texts = page_texts(settings.site, settings.docs / "zh-Hans")
    pattern = re.compile(" ?".join(re.escape(fold(term)) for term in query.split()))
    whole = {address for address, text in texts.items() if pattern.search(text)}
    page.goto((settings.site / "index.html").as_uri())
    ranked = page.evaluate(ORDERED, query)
    assert set(ranked) == expected(texts, query)
    assert whole and set(ranked[: len(whole)]) == whole
