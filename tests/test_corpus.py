"""The real-article corpus (../shared/corpus) built as a user would build it, checked file by file
against the facts read off each source by a person (tests/data/corpus_facts.yaml).

One build of the whole corpus per module; each file's facts are separate tests, so a failure says
which file and which fact (format, pages, headline/date/authors, sentences, input syntax, fidelity).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.conftest import CORPUS_NOTES, front_matter

FACTS = yaml.safe_load((Path(__file__).parent / "data" / "corpus_facts.yaml").read_text(encoding="utf-8"))["files"]
NOT_AN_ARTICLE = {"SOURCES.md"}  # the corpus's own notes on where each file comes from
BUG_DIAGNOSTIC = "bug in a reader"
# Front-matter keys of blog engines and archivers (Jekyll, Hugo, Hexo, Docusaurus…), as a text line.
FRONT_MATTER_LINE = re.compile(
    r"^\s*(title|date|author|authors|tags|categories|category|slug|layout|description|"
    r"summary|url|link|source|image|cover|draft|keywords)\s*:\s*\S",
    re.M | re.I,
)
# Markup of the input that a reader must never see as text.
INPUT_SYNTAX = {
    "a front matter `key: value` line": lambda text: FRONT_MATTER_LINE.search(text),
    "a line starting with #": lambda text: re.search(r"^\s*#", text, re.M),
    "bold markers **": lambda text: "**" in text,
    "image syntax ![": lambda text: "![" in text,
    "an escaped \\#": lambda text: "\\#" in text,
    "an escaped \\*": lambda text: "\\*" in text,
    "an autolink <https://": lambda text: "<https://" in text or "<http://" in text,
    "raw <img": lambda text: "<img" in text,
    "raw <figure": lambda text: "<figure" in text,
    "raw <div": lambda text: "<div" in text,
    "raw <script": lambda text: "<script" in text,
}
FULLWIDTH_ALNUM = {
    code: code - 0xFEE0 for code in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]
}


def flat(text: str) -> str:
    """Text to compare by: no white space (wraps and joins), full-width letters and digits as ASCII
    (cleaning sets half-width digits, a documented repair)."""
    return re.sub(r"\s+", "", text).translate(FULLWIDTH_ALNUM)


@dataclass(frozen=True)
class BuiltPage:
    path: str
    front: dict  # front matter in the edition of the article's own script
    text: str  # the rendered article as a reader sees it, in that edition


@dataclass(frozen=True)
class CorpusBuild:
    returncode: int
    output: str
    report: dict | None
    docs: Path
    site: Path

    @property
    def diagnostics(self) -> list[str]:
        if self.report and self.report.get("diagnostics"):
            return list(self.report["diagnostics"])
        return [line for line in self.output.splitlines() if line.startswith(("error:", "warning:"))]

    def about(self, name: str) -> list[str]:
        return [line for line in self.diagnostics if name in line]

    def seed(self, name: str) -> dict:
        if self.report is None:
            pytest.fail(f"the corpus build wrote no build report (exit {self.returncode}):\n{self.output[-3000:]}")
        seed = self.report["seeds"].get(name)
        if seed is None:
            pytest.fail(f"{name} was not built; its diagnostics: {self.about(name) or 'none'}")
        return seed

    def pages(self, name: str) -> list[BuiltPage]:
        return [self._page(path) for path in self.seed(name)["pages"]]

    def _page(self, path: str) -> BuiltPage:
        script = front_matter(self.docs / "zh-Hans" / path).get("script", "zh-Hans")
        front = front_matter(self.docs / script / path)
        html_path = (self.site if script == "zh-Hans" else self.site / script) / Path(path).with_suffix(".html")
        article = BeautifulSoup(html_path.read_text(encoding="utf-8"), "lxml").find("article")
        return BuiltPage(path, front, _own_text(article) if article else "")


def _own_text(article) -> str:
    """The article's own text: without the closing list of related articles, whose titles are other files',
    and without the tool's header line (source · byline · date · 原文链接), which shows metadata on purpose."""
    for header in article.select(".article-meta"):
        header.extract()
    related = article.find("h2", attrs={"data-no-search": True})
    if related is not None:
        for element in [related, *related.find_next_siblings()]:
            element.extract()
    return article.get_text("\n")


@pytest.fixture(scope="module")
def corpus_build(corpus_run) -> CorpusBuild:
    """The session's build of the whole corpus (conftest.corpus_run), by the command a user types."""
    return CorpusBuild(corpus_run.returncode, corpus_run.output, corpus_run.report, corpus_run.docs, corpus_run.site)


def items_of(facts: dict) -> list[dict]:
    return facts.get("items") or [facts]


def page_of(item: dict, pages: list[BuiltPage]) -> BuiltPage:
    """The page an item's facts are about: the only page, or the one with the item's headline
    (optionally after the list number an anthology puts before it)."""
    if "items" not in item and len(pages) == 1:
        return pages[0]
    wanted = re.compile(rf"(\d+[.、．]\s*)?{re.escape(item['title'])}")
    found = [page for page in pages if wanted.fullmatch(str(page.front.get("title", "")).strip())]
    assert found, f"no page is titled {item['title']!r}; titles: {[p.front.get('title') for p in pages][:30]}"
    return found[0]


NAMES = sorted(FACTS)


def test_the_table_covers_every_corpus_file(corpus_dir):
    on_disk = {p.name for p in corpus_dir.iterdir() if p.is_file()} - NOT_AN_ARTICLE
    assert on_disk == set(FACTS)
    assert {name for name in NOT_AN_ARTICLE if CORPUS_NOTES.fullmatch(name)} == NOT_AN_ARTICLE  # left out of the build


def test_the_whole_corpus_builds_without_a_crash(corpus_build):
    assert "Traceback" not in corpus_build.output
    assert corpus_build.returncode in (0, 1), corpus_build.output[-3000:]
    assert corpus_build.report is not None, corpus_build.output[-3000:]


def test_every_file_that_is_not_an_error_has_a_page(corpus_build):
    seeds = (corpus_build.report or {}).get("seeds", {})
    unbuilt = [
        name
        for name in FACTS
        if not seeds.get(name, {}).get("pages")
        and not any(line.startswith("error:") for line in corpus_build.about(name))
    ]
    assert unbuilt == []


@pytest.mark.parametrize("name", NAMES)
def test_read_as_its_format(corpus_build, name):
    assert corpus_build.seed(name)["format"] == FACTS[name]["kind"]


@pytest.mark.parametrize("name", NAMES)
def test_one_page_per_article(corpus_build, name):
    assert len(corpus_build.seed(name)["pages"]) == FACTS[name]["pages"]


@pytest.mark.parametrize("name", NAMES)
def test_headline_date_and_authors_as_the_source_states(corpus_build, name):
    pages = corpus_build.pages(name)
    for item in items_of(FACTS[name]):
        if item.get("title") is None:
            assert len(pages) == 1 and str(pages[0].front.get("title", "")).strip()
            page = pages[0]
        else:
            page = page_of(item, pages)
        if "date" in item:
            stated = None if item["date"] is None else str(item["date"])
            assert (str(page.front["date"]) if "date" in page.front else None) == stated, page.path
        if "authors" in item:
            assert page.front.get("authors", []) == item["authors"], page.path


@pytest.mark.parametrize("name", NAMES)
def test_body_sentences_kept_and_chrome_left_out(corpus_build, name):
    pages = corpus_build.pages(name)
    for item in items_of(FACTS[name]):
        page = pages[0] if item.get("title") is None else page_of(item, pages)
        text = flat(page.text)
        missing = [s for s in item.get("sentences", []) if flat(s) not in text]
        assert missing == [], page.path
    shown = [term for term in FACTS[name].get("absent", []) for page in pages if flat(term) in flat(page.text)]
    assert shown == []


@pytest.mark.parametrize("name", NAMES)
def test_no_input_syntax_on_its_pages(corpus_build, name):
    problems = []
    for page in corpus_build.pages(name):
        title = str(page.front.get("title", ""))
        problems += [f"{page.path}: title {title!r}" for entity in ("&lt;", "&amp;", "&gt;") if entity in title]
        problems += [f"{page.path}: {what}" for what, found in INPUT_SYNTAX.items() if found(page.text)]
    assert problems == []


@pytest.mark.parametrize("name", NAMES)
def test_no_bug_diagnostic_and_every_character_accounted_for(corpus_build, name):
    assert "Traceback" not in corpus_build.output
    assert [line for line in corpus_build.about(name) if BUG_DIAGNOSTIC in line] == []
    assert corpus_build.seed(name)["han_missing"] == 0
