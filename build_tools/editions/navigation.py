"""The site's navigation, kept small on every page however large the collection.

With Material's `navigation.prune`, a page carries the navigation of its own branch
only; a branch listing every article would still make each page's HTML grow with
the collection (a thousand undated articles put ~90 KB of links on every article).
So no level of the navigation lists more than NAV_LIMIT entries: articles are
grouped by year, and any longer list becomes consecutive runs (第1–30篇, 第31–60篇…),
nested again when there are too many runs.  A page then carries
O(NAV_LIMIT × depth) links, and depth grows with the logarithm of the collection.

Each year's section opens with the year's own list page (articles/<year>/index.md): a collapsed
section links to its first page, and were that the year's newest article, today's article would
change the link every page of the site shows for its year.  For the same reason a year lists its
articles in the order they appeared, in runs counted from its first article: today's article joins
the year's last run, whose label names only where it starts (第271篇起), so the pages of every other
run carry the same navigation as before and are not rendered again.
"""

from __future__ import annotations

from collections.abc import Callable

from build_tools.editions.listing import RenderedArticle, ReportIndex, by_year, newest_first, year_index_path

NAV_LIMIT = 30
FLAT_UP_TO = 20  # a small collection is one flat list, newest first


def bounded(entries: list, label: Callable[[str], str], unit: str, offset: int = 0, growing: bool = False) -> list:
    """`entries` with at most NAV_LIMIT items per level; longer lists become numbered runs.

    A `growing` list gains entries at its end only (articles as they appear): its last run is labelled by
    where it starts (第271篇起), so that a new entry changes neither that label nor any other run."""
    if len(entries) <= NAV_LIMIT:
        return entries
    size = NAV_LIMIT
    while -(-len(entries) // size) > NAV_LIMIT:
        size *= NAV_LIMIT
    runs = []
    for start in range(0, len(entries), size):
        run = entries[start : start + size]
        first, last = offset + start + 1, offset + start + len(run)
        open_ended = growing and start + size >= len(entries)
        name = f"第{first}{unit}起" if open_ended else f"第{first}–{last}{unit}"
        runs.append({label(name): bounded(run, label, unit, offset + start, open_ended)})
    return runs


def article_nav(articles: list[RenderedArticle], label: Callable[[str], str]) -> list:
    """A small collection newest first; a larger one by year, newest year first (日期不详 last), each year its
    list page, then its articles in the order they appeared, in growing runs (see the module's docstring)."""

    def entries(items: list[RenderedArticle]) -> list:
        return [{a.metadata.title: a.page.path} for a in items]

    if len(articles) <= FLAT_UP_TO:
        return entries(newest_first(articles))
    return bounded(
        [
            {year: [year_index_path(items)] + _year_runs(items, entries, label)}
            for year, items in by_year(articles, label).items()
        ],
        label,
        "组",
    )


def _year_runs(
    items: list[RenderedArticle], entries: Callable[[list[RenderedArticle]], list], label: Callable[[str], str]
) -> list:
    """A year's articles (`by_year`'s newest first) in the order they appeared, in growing runs; undated ones
    have no such order, and stay in the lists' order (by title)."""
    if not items[0].metadata.date:
        return bounded(entries(items), label, "篇")
    return bounded(entries(items[::-1]), label, "篇", growing=True)


def report_nav(reports: list[ReportIndex], label: Callable[[str], str]) -> list:
    """Each report is a section of its chapters; many reports become numbered runs."""
    entries = [
        {r.metadata.title: [r.page.path] + bounded([{c.metadata.title: c.page.path} for c in r.chapters], label, "章")}
        for r in reports
    ]
    return bounded(entries, label, "份")


def site_nav(
    articles: list[RenderedArticle],
    reports: list[ReportIndex],
    topics: list[tuple[str, str]],
    label: Callable[[str], str],
) -> list:
    """The whole navigation tree: home, articles, reports (when there are any), topics and the glossary.

    `topics` are `(shown name, slug)` pairs of the terms that have a topic page."""
    nav: list = [{label("首页"): "index.md"}, {label("文章"): ["articles/index.md"] + article_nav(articles, label)}]
    if reports:
        nav.append({label("报告"): ["reports/index.md"] + report_nav(reports, label)})
    nav.append({label("话题"): ["topics/index.md"] + [{name: f"topics/{slug}.md"} for name, slug in topics]})
    nav.append({label("术语表"): "glossary.md"})
    return nav
