"""The navigation and the home page stay small, whatever the size of the collection; the full lists live on index
pages."""

from __future__ import annotations

import datetime
import random
import re

import pytest

from build_tools.core.model import Metadata, Page
from build_tools.editions.navigation import NAV_LIMIT, article_nav, bounded, report_nav
from build_tools.editions.pages import (
    HOME_LATEST,
    INDEX_PAGE_ENTRIES,
    RenderedArticle,
    ReportIndex,
    render_home,
    render_section_index,
)
from build_tools.renderer.dialect import DIALECT


def _article(number: int, date: str) -> RenderedArticle:
    metadata = Metadata(
        title=f"文章{number}",
        authors=(),
        source="",
        date=date,
        script="zh-Hans",
        seed=f"{number}.txt",
        sha256="0" * 64,
        format="plain",
        characters=100,
        reading_minutes=1,
        summary="",
        truncated=False,
    )
    return RenderedArticle(Page(f"articles/a{number}.md", metadata.title, {}, ""), metadata)


def _collection(count: int, undated_share: float = 0.6) -> list[RenderedArticle]:
    rng = random.Random(count)
    return [
        _article(n, "" if rng.random() < undated_share else f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}")
        for n in range(count)
    ]


def _listed_before(first: Metadata, second: Metadata) -> bool:
    """The order readers see: newer date first (all test dates are YYYY-MM or YYYY-MM-DD, so text order is date
    order), undated after dated, the same date in title order."""
    if bool(first.date) != bool(second.date):
        return bool(first.date)
    return first.date > second.date or (first.date == second.date and first.title < second.title)


def _assert_newest_first(paths: list[str], articles: list[RenderedArticle], complete: bool = True) -> None:
    """`paths` are in reading order, each once; when not `complete`, they are the newest of `articles`."""
    by_path = {a.page.path: a.metadata for a in articles}
    assert len(set(paths)) == len(paths)
    for earlier, later in zip(paths, paths[1:]):
        assert _listed_before(by_path[earlier], by_path[later]), (earlier, later)
    if complete:
        assert sorted(paths) == sorted(by_path)
    left_out = set(by_path) - set(paths)
    assert all(_listed_before(by_path[paths[-1]], by_path[other]) for other in left_out)


# (path, date, title), and the order a reader must see them in, written out by hand.
HAND_MADE = [
    ("articles/a1.md", "2023-05", "文章B"),
    ("articles/a2.md", "", "文章A"),
    ("articles/a3.md", "2024-01-15", "文章C"),
    ("articles/a4.md", "2023-05", "文章A"),
    ("articles/a5.md", "2021-12", "文章D"),
    ("articles/a6.md", "", "文章0"),
]
HAND_MADE_ORDER = [
    "articles/a3.md",
    "articles/a4.md",
    "articles/a1.md",
    "articles/a5.md",
    "articles/a6.md",
    "articles/a2.md",
]


def _hand_made() -> list[RenderedArticle]:
    articles = []
    for path, date, title in HAND_MADE:
        metadata = Metadata(
            title=title,
            authors=(),
            source="",
            date=date,
            script="zh-Hans",
            seed="s.txt",
            sha256="0" * 64,
            format="plain",
            characters=100,
            reading_minutes=1,
            summary="",
            truncated=False,
        )
        articles.append(RenderedArticle(Page(path, title, {}, ""), metadata))
    return articles


def test_navigation_home_and_index_list_a_small_collection_in_the_same_newest_first_order():
    articles = _hand_made()
    assert _pages(article_nav(articles, lambda text: text)) == HAND_MADE_ORDER
    assert _links(render_home(articles, [], "读本", dialect=DIALECT).body) == HAND_MADE_ORDER
    [index] = render_section_index("articles/index.md", "文章", "", articles, dialect=DIALECT)
    assert [p.removeprefix("../") for p in _links(index.body)] == HAND_MADE_ORDER
    assert re.findall(r"^## (.+)$", index.body, re.M) == ["2024", "2023", "2021", "日期不详"]


def _levels(nav: list):
    """Every list of entries in the navigation tree."""
    yield nav
    for entry in nav:
        if isinstance(entry, dict):
            for value in entry.values():
                if isinstance(value, list):
                    yield from _levels(value)


def _pages(nav: list) -> list[str]:
    """The pages the navigation lists, in order, but for the years' own list pages that open their sections."""
    found = []
    for entry in nav:
        for value in entry.values() if isinstance(entry, dict) else [entry]:
            found += _pages(value) if isinstance(value, list) else [value]
    return [page for page in found if not re.fullmatch(r"articles/[^/]+/index\.md", page)]


def _longest_branch(nav: list) -> int:
    """Links on the page that sits deepest: its own level plus every level above it (navigation.prune)."""
    inner = [value for entry in nav if isinstance(entry, dict) for value in entry.values() if isinstance(value, list)]
    return len(nav) + max((_longest_branch(value) for value in inner), default=0)


def _year(metadata: Metadata) -> str:
    return metadata.date[:4] or "日期不详"


@pytest.mark.parametrize("count", [5, 100, 1000, 10000])
def test_every_article_is_listed_once_by_year_and_in_order_of_appearance_and_no_level_is_long(count):
    """Years newest first (日期不详 last); within a year the order the articles appeared in, oldest first, so that
    today's article is added at the end of its year (a small collection is one list, newest first)."""
    articles = _collection(count)
    nav = article_nav(articles, lambda text: text)
    paths = _pages(nav)
    if count <= 20:
        _assert_newest_first(paths, articles)
        return
    by_path = {a.page.path: a.metadata for a in articles}
    assert sorted(paths) == sorted(by_path) and len(set(paths)) == len(paths)
    years = [_year(by_path[path]) for path in paths]
    blocks = [year for n, year in enumerate(years) if n == 0 or years[n - 1] != year]
    assert len(blocks) == len(set(blocks))  # each year in one block
    dated = [year for year in blocks if year != "日期不详"]
    assert dated == sorted(dated, reverse=True) and blocks[len(dated) :] in ([], ["日期不详"])
    for earlier, later in zip(paths, paths[1:]):
        if _year(by_path[earlier]) == _year(by_path[later]) == "日期不详":  # no order of appearance: by title
            assert by_path[earlier].title < by_path[later].title, (earlier, later)
        elif _year(by_path[earlier]) == _year(by_path[later]):
            assert _listed_before(by_path[later], by_path[earlier]), (earlier, later)
    assert all(len(level) <= NAV_LIMIT for level in _levels(nav))


def test_the_links_a_page_carries_barely_grow_with_the_collection():
    carried = {
        count: _longest_branch(article_nav(_collection(count), lambda text: text)) for count in (100, 1000, 10000)
    }
    assert carried[10000] <= 4 * NAV_LIMIT, carried
    assert carried[10000] < 3 * carried[100], carried


def _sections(nav: list) -> dict[str, list]:
    return {name: value for entry in nav for name, value in entry.items()}


def test_todays_article_changes_its_own_years_section_only():
    """A collapsed year links to its first entry (navigation.prune), shown on every page: that is the year's own
    list page, not its newest article, so the new article leaves the link, and every other year, as they were."""
    articles = _collection(300, undated_share=0.2)
    before = _sections(article_nav(articles, lambda text: text))
    after = _sections(article_nav(articles + [_article(10_000, "2025-12-31")], lambda text: text))
    assert list(after) == list(before)
    assert {year: value[0] for year, value in after.items()} == {year: value[0] for year, value in before.items()}
    assert after["2025"][0] == "articles/2025/index.md" and after["日期不详"][0] == "articles/undated/index.md"
    assert [year for year in before if before[year] != after[year]] == ["2025"]


def test_runs_are_numbered_by_position_and_labelled_in_the_edition_script():
    entries = [{f"t{n}": f"p{n}.md"} for n in range(75)]
    runs = bounded(entries, lambda text: text.replace("篇", "篇!"), "篇")
    assert [next(iter(run)) for run in runs] == ["第1–30篇!", "第31–60篇!", "第61–75篇!"]
    growing = bounded(entries, lambda text: text.replace("篇", "篇!"), "篇", growing=True)
    assert [next(iter(run)) for run in growing] == ["第1–30篇!", "第31–60篇!", "第61篇!起"]


def _year_runs(articles: list[RenderedArticle], year: str) -> list:
    section = _sections(article_nav(articles, lambda text: text))[year]
    return section[1:]  # after the year's own list page


@pytest.mark.parametrize("count", [29, 30, 31, 59, 61, 899, 900, 901, 1200])
def test_todays_article_joins_the_last_run_of_its_year_and_leaves_every_other_run_as_it_was(count):
    """A page shows its own run in full and the other runs of its year as links (label and first page): only the
    pages of the run today's article joins see a different navigation, but once every NAV_LIMIT articles, when a
    new run begins (or the year grows past one run, or nesting deepens)."""
    first = datetime.date(2025, 1, 1)
    articles = [_article(n, (first + datetime.timedelta(days=n * 364 // count)).isoformat()) for n in range(count)]
    before = _year_runs(articles, "2025")
    after = _year_runs(articles + [_article(count, "2025-12-31")], "2025")
    assert _pages(after) == _pages(before) + [f"articles/a{count}.md"]
    starts_anew = count % NAV_LIMIT == 0 or count in (NAV_LIMIT, NAV_LIMIT**2)
    if count < NAV_LIMIT or starts_anew:
        return  # the year's list is flat, or a run begins: the year's pages change, once in NAV_LIMIT articles
    assert len(after) == len(before) and after[:-1] == before[:-1]
    assert next(iter(after[-1])) == next(iter(before[-1])), "the last run's label does not name its end"
    assert re.fullmatch(r"第\d+篇起", next(iter(after[-1])))


def test_many_reports_are_grouped_and_each_keeps_its_chapters():
    reports = []
    for number in range(70):
        chapters = tuple(_article(number * 100 + c, "2024") for c in range(3))
        reports.append(
            ReportIndex(Page(f"reports/r{number}/index.md", f"报告{number}", {}, ""), chapters[0].metadata, chapters)
        )
    nav = report_nav(reports, lambda text: text)
    assert all(len(level) <= NAV_LIMIT for level in _levels(nav))
    assert _pages(nav) == [p for r in reports for p in [r.page.path] + [c.page.path for c in r.chapters]]


def _links(body: str) -> list[str]:
    return re.findall(r"^- \[.*?\]\((.*?)\)", body, re.M)


def test_home_shows_the_newest_articles_and_links_to_all_of_them():
    articles = _collection(500, undated_share=0.2)
    home = render_home(articles, [], "读本", dialect=DIALECT)
    assert len(_links(home.body)) == HOME_LATEST
    _assert_newest_first(_links(home.body), articles, complete=False)
    assert "[全部 500 篇文章 →](articles/index.md)" in home.body
    small = render_home(articles[:3], [], "读本", dialect=DIALECT)
    assert len(_links(small.body)) == 3 and "全部" not in small.body


def test_the_article_index_lists_every_article_under_its_year_and_stays_out_of_search():
    articles = _collection(INDEX_PAGE_ENTRIES - 1)
    [index] = render_section_index("articles/index.md", "文章", "", articles, dialect=DIALECT)
    _assert_newest_first([p.removeprefix("../") for p in _links(index.body)], articles)
    years = re.findall(r"^## (.+)$", index.body, re.M)
    assert years[-1] == "日期不详" and years[:-1] == sorted(years[:-1], reverse=True)
    assert index.front_matter["search"] == {"exclude": True}
    assert "页" not in index.body


def test_a_long_index_continues_on_numbered_pages_and_lists_each_article_once():
    articles = _collection(2 * INDEX_PAGE_ENTRIES + 1)
    pages = render_section_index("articles/index.md", "文章", "", articles, dialect=DIALECT)
    assert [p.path for p in pages] == ["articles/index.md", "articles/page/2.md", "articles/page/3.md"]
    listed = [link.removeprefix("../").removeprefix("../") for p in pages for link in _links(p.body)]
    _assert_newest_first(listed, articles)
    assert [len(_links(p.body)) for p in pages] == [INDEX_PAGE_ENTRIES, INDEX_PAGE_ENTRIES, 1]
    assert "[下一页 →](../articles/page/2.md)" in pages[0].body
    assert (
        "[← 上一页](../../articles/index.md)" in pages[1].body
        and "[下一页 →](../../articles/page/3.md)" in pages[1].body
    )
    assert pages[2].title == "文章（第 3 页）" and "下一页" not in pages[2].body


def test_a_reports_index_counts_chapters_not_its_reference_list():
    from build_tools.core.model import Metadata, Page
    from build_tools.editions.pages import RenderedArticle, render_report_index

    def chapter(index: int, title: str, back_matter: bool = False) -> RenderedArticle:
        metadata = Metadata(
            title=title,
            authors=(),
            source="某机构",
            date="2025",
            script="zh-Hans",
            seed="r.txt",
            sha256="",
            format="report",
            characters=10,
            reading_minutes=1,
            summary="",
            truncated=False,
            part_of="某报告",
            part_index=index,
            back_matter=back_matter,
        )
        path = f"reports/r/{index:02d}-x.md"
        return RenderedArticle(Page(path, title, {}, ""), metadata)

    report = render_report_index(
        "reports/r/index.md",
        [chapter(1, "甲"), chapter(2, "乙"), chapter(3, "参考资料", True)],
        (),
        {"title": "某报告"},
        dialect=DIALECT,
    )
    assert report.chapter_count() == 2
    assert "本报告共 2 章，另附参考资料：" in report.page.body
    assert "1. [甲](01-x.md)" in report.page.body and "2. [乙](02-x.md)" in report.page.body
    assert "3. [参考资料]" not in report.page.body and "\n\n附：[参考资料](03-x.md)\n" in report.page.body
