"""The built site as a reader uses it: real headless Chromium, from a folder (file://) and over HTTP.

Expectations are derived from the build itself (the generated Markdown front matter and
build-report.json), never hard-coded, so the tests follow the seeds.
"""

from __future__ import annotations

import re
import time
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from build_tools.config.settings import PROJECT_ROOT
from tests.conftest import front_matter, open_tab

EDITION = "zh-Hans"  # the default edition, at the site root

ARTIFACTS = PROJECT_ROOT / "tests" / "artifacts"
SCRIPT_LABELS = {"zh-Hans": "简体", "zh-Hant": "繁体"}
MODES = ["file", "http"]

# Text of an element without Material's "¶" permalink anchors, whitespace collapsed.
TEXT_JS = """el => { const c = el.cloneNode(true); c.querySelectorAll('.headerlink').forEach(a => a.remove());
                     return c.textContent.replace(/\\s+/g, ' ').trim(); }"""


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# ---------------------------------------------------------------- what the build says


class Doc:
    """One generated page: its front matter and where it ends up in the site."""

    def __init__(self, docs_dir: Path, md: Path):
        self.md = md.relative_to(docs_dir).as_posix()
        self.html = self.md[:-3] + ".html"
        self.fm = front_matter(md)
        self.title = self.fm["title"]
        self.date = str(self.fm.get("date") or "")

    def __repr__(self) -> str:
        return f"Doc({self.md})"


@pytest.fixture(scope="session")
def docs(built) -> dict[str, Doc]:
    settings = built[0]
    root = settings.docs / EDITION
    return {d.md: d for d in (Doc(root, p) for p in sorted(root.rglob("*.md")))}


@pytest.fixture(scope="session")
def articles(docs) -> list[Doc]:
    found = [d for p, d in docs.items() if p.startswith("articles/") and p != "articles/index.md"]
    assert found, "the build made no article pages"
    return found


@pytest.fixture(scope="session")
def chapters(docs) -> list[Doc]:
    return [d for d in docs.values() if d.fm.get("part_index")]


@pytest.fixture(params=MODES)
def base(request, built) -> str:
    """Site root URL: the folder itself (file://) or a static HTTP server."""
    if request.param == "file":
        return built[0].site.as_uri()
    return request.getfixturevalue("http_site")


def url(base: str, html: str) -> str:
    return f"{base}/{html}"


def h1(page) -> str:
    return page.locator("article.md-content__inner h1").first.evaluate(TEXT_JS)


def rel(base: str, page_url: str) -> str:
    """Path of a loaded page relative to the site root."""
    return unquote(page_url.split("#")[0])[len(unquote(base)) + 1 :]


# ---------------------------------------------------------------- walking the whole site

# What the tests need from one rendered page, in one round trip to the browser.
PAGE_JS = """() => {
  const text = el => { if (!el) return null; const c = el.cloneNode(true);
    c.querySelectorAll('.headerlink').forEach(a => a.remove()); return c.textContent.replace(/\\s+/g, ' ').trim(); };
  const visible = el => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  const content = document.querySelector('article.md-content__inner');
  const h1 = content.querySelector('h1');
  const meta = h1 && h1.nextElementSibling && h1.nextElementSibling.matches('p.article-meta')\
 ? h1.nextElementSibling : null;
  const part = sel => meta ? meta.querySelector(sel) : null;
  const title = el => text(el.querySelector(':scope > .admonition-title'));
  const warnings = [...content.querySelectorAll('.admonition.warning')].filter(a => title(a) === '原文不完整').length;
  const columns = [...content.querySelectorAll('.admonition')].filter(a => (title(a) || '').includes('专栏'))
    .map(a => ({title: title(a), visible: visible(a), chars: text(a).length}));
  // the article's own text ends where the "related articles" section begins
  const related = [...content.querySelectorAll('h2')].find(h => text(h) === '相关文章');
  const last = related ? related.previousElementSibling : content.lastElementChild;
  return {h1: text(h1), meta: !!meta, metaCount: document.querySelectorAll('p.article-meta').length,
          metaVisible: visible(meta),
          source: text(part('.meta-source')), authors: text(part('.meta-authors')),
          authorsVisible: visible(part('.meta-authors')),
          date: text(part('time.meta-date')), datetime: part('time.meta-date')?.getAttribute('datetime') ?? null,
          reading: text(part('.meta-reading')), script: text(part('.meta-script')), warnings, columns,
          last: {warning: !!last && last.matches('.admonition.warning'), visible: visible(last),
                 title: last ? title(last) : null}};
}"""


def _site_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if p.name != "404.html")


class Walk:
    """Visit every page of the site in one tab, recording every request, failure, status ≥ 400 and script error."""

    def __init__(self, page, base: str, site: Path):
        self.page = page
        self.requests: list[str] = []
        self.failed: list[str] = []
        self.bad_status: list[str] = []
        self.errors: list[str] = []
        self.links: dict[str, list[str]] = {}
        self.pages: dict[str, dict] = {}  # html path → PAGE_JS result
        self._pending: set = set()
        page.on("request", self._start)
        page.on("requestfinished", lambda request: self._pending.discard(request))
        page.on("requestfailed", self._fail)
        page.on("response", self._response)
        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: {error}"))
        for html in _site_pages(site):
            self._visit(url(base, html))
            self.links[html] = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
            self.pages[html] = page.evaluate(PAGE_JS)

    def _start(self, request):
        self.requests.append(request.url)
        self._pending.add(request)

    def _fail(self, request):
        self._pending.discard(request)
        self.failed.append(f"{request.url} ({request.failure}) from {self.page.url}")

    def _response(self, response):
        if response.status >= 400:
            self.bad_status.append(f"{response.url} → {response.status} from {self.page.url}")

    def _visit(self, target: str) -> None:
        """Load a page and wait until the theme's late requests (search worker, index, lunr) are over."""
        self.page.goto(target, wait_until="load")
        deadline, quiet = time.monotonic() + 3, 0
        while quiet < 4 and time.monotonic() < deadline:
            self.page.wait_for_timeout(20)
            quiet = 0 if self._pending else quiet + 1


@pytest.fixture(scope="module")
def walks(browser, built):
    """One walk over the whole site per mode, shared by the tests that inspect it."""
    done: dict[str, Walk] = {}
    with ExitStack() as tabs:

        def walk(base: str) -> Walk:
            if base not in done:
                done[base] = Walk(tabs.enter_context(open_tab(browser)), base, built[0].site)
            return done[base]

        yield walk


# ---------------------------------------------------------------- 1. home page


def _date_not_after(earlier: str, later: str) -> bool:
    """`later` is listed after `earlier`: newest first (a coarser date equal to a finer one's prefix is a tie)."""
    return earlier >= later or later.startswith(earlier)


@pytest.mark.parametrize("base", MODES, indirect=True)
def test_home_lists_every_article_newest_first_and_links_to_it(page, base, articles):
    page.goto(url(base, "index.html"))
    links = page.locator("article.md-content__inner li a")
    listed = [(norm(a.inner_text()), a.get_attribute("href")) for a in links.all()]
    titles = [t for t, _ in listed]
    for doc in articles:
        assert (doc.title, doc.html) in listed, f"{doc.title} is not linked from the home page"
        item = page.locator("article.md-content__inner li", has=page.locator(f'a[href="{doc.html}"]'))
        details = norm(item.inner_text())
        assert (doc.date or "日期不详") in details
        if doc.fm.get("source"):
            assert doc.fm["source"] in details

    in_order = sorted(articles, key=lambda d: titles.index(d.title))
    dates = [d.date for d in in_order]
    undated_from = dates.index("") if "" in dates else len(dates)
    assert not any(dates[undated_from:]), f"a dated article is listed after an undated one: {dates}"
    for earlier, later in zip(dates[:undated_from], dates[1:undated_from]):
        assert _date_not_after(earlier, later), f"not newest first: {dates}"

    # A reader clicks the first title on the home page and lands on that article.
    first = in_order[0]
    page.locator("article.md-content__inner").get_by_role("link", name=first.title, exact=True).click()
    page.wait_for_load_state()
    assert rel(base, page.url) == first.html
    assert h1(page) == first.title


# ---------------------------------------------------------------- 2. article header, 6. truncation


def _expected_authors(fm: dict) -> str:
    if fm.get("byline"):
        return fm["byline"]
    authors = fm.get("authors") or []
    if authors and authors != [fm.get("source")]:
        return "作者：" + "、".join(authors)
    return ""


@pytest.mark.parametrize("base", MODES, indirect=True)
def test_article_header_shows_source_byline_date_reading_time_and_script(walks, base, articles, chapters):
    walk = walks(base)  # the walk over the whole site read every page as the browser rendered it
    for doc in articles + chapters:
        shown = walk.pages[doc.html]
        fm = doc.fm
        assert shown["h1"] == doc.title
        # The metadata line comes right under the title, once, and can be seen.
        assert shown["meta"] and shown["metaCount"] == 1 and shown["metaVisible"], (doc, shown)
        assert shown["source"] == (f"来源：{fm['source']}" if fm.get("source") else None), doc
        assert shown["authors"] == (_expected_authors(fm) or None), doc
        if shown["authors"]:
            assert shown["authorsVisible"], doc
        assert shown["date"] == (doc.date or None) and shown["datetime"] == (doc.date or None), doc
        assert f"{fm['reading_minutes']} 分钟" in shown["reading"] and f"{fm['characters']} 字" in shown["reading"]
        assert shown["script"] == f"原文：{SCRIPT_LABELS[fm['script']]}", doc
        assert shown["warnings"] == (1 if fm.get("truncated") else 0), doc


@pytest.mark.parametrize("base", MODES, indirect=True)
def test_traditional_seed_is_labelled_traditional(walks, base, built, docs):
    report = built[2]
    traditional = [
        docs[p] for entry in report["seeds"].values() for p in entry["pages"] if docs[p].fm["script"] == "zh-Hant"
    ]
    assert traditional, "no page comes from a traditional-script seed"
    for doc in traditional:
        assert walks(base).pages[doc.html]["script"] == "原文：繁体"


@pytest.mark.parametrize("base", MODES, indirect=True)
def test_truncated_text_ends_with_a_warning(walks, base, docs):
    truncated = [d for d in docs.values() if d.fm.get("truncated") and not d.md.endswith("index.md")]
    assert truncated, "no seed is marked truncated"
    for doc in truncated:
        last = walks(base).pages[doc.html]["last"]
        assert last["warning"] and last["visible"], f"{doc}: the text does not end with a visible warning: {last}"
        assert last["title"] == "原文不完整"


# ---------------------------------------------------------------- 3. newspaper page


@pytest.mark.parametrize("base", MODES, indirect=True)
def test_newspaper_page_is_one_page_per_article_with_the_column_in_the_first(walks, base, built, docs):
    report = built[2]
    [seed] = [name for name, entry in report["seeds"].items() if entry["format"] == "newspaper"]
    pages = [docs[p] for p in report["seeds"][seed]["pages"]]
    assert all(d.fm["provenance"]["format"] == "newspaper" for d in pages)
    assert len(pages) >= 2
    assert len({d.title for d in pages}) == len(pages), "newspaper articles share a title"
    assert any(d.fm.get("byline") for d in pages)

    walk = walks(base)
    for doc in pages:
        shown = walk.pages[doc.html]
        assert shown["h1"] == doc.title
        if doc.fm.get("byline"):
            assert shown["authors"] == doc.fm["byline"] and shown["authorsVisible"], doc
    [column] = walk.pages[pages[0].html]["columns"] or [None]
    assert column, "the column (专栏) is not inside the first article"
    assert column["visible"] and column["chars"] > 50, column
    assert [walk.pages[d.html]["columns"] for d in pages[1:]] == [[]] * (len(pages) - 1), (
        "the column appears on other pages too"
    )


# ---------------------------------------------------------------- 4. report navigation


@pytest.mark.parametrize("base", MODES, indirect=True)
def test_report_index_chapters_footer_and_tabs(page, base, docs, chapters):
    reports = {d.fm["part_of"] for d in chapters}
    assert reports, "the build made no report"
    for part_of in sorted(reports):
        ordered = sorted((d for d in chapters if d.fm["part_of"] == part_of), key=lambda d: d.fm["part_index"])
        assert [d.fm["part_index"] for d in ordered] == list(range(1, len(ordered) + 1))
        assert len(ordered) >= 3
        folder = ordered[0].html.rsplit("/", 1)[0]
        index = docs[f"{folder}/index.md"]
        assert index.title == part_of

        page.goto(url(base, index.html))
        assert h1(page) == part_of
        listed = page.locator("article.md-content__inner ol > li > a")
        counted = [d for d in ordered if not d.fm.get("back_matter")]  # a reference list is no chapter
        assert [norm(t) for t in listed.all_inner_texts()] == [d.title for d in counted]
        assert [f"{folder}/{a.get_attribute('href')}" for a in listed.all()] == [d.html for d in counted]
        back = page.locator("article.md-content__inner .report-back-matter a")
        assert [norm(t) for t in back.all_inner_texts()] == [d.title for d in ordered if d.fm.get("back_matter")]

        first, second, third = ordered[:3]
        listed.nth(1).click()
        page.wait_for_load_state()
        assert rel(base, page.url) == second.html and h1(page) == second.title
        prev_link = page.locator("a.md-footer__link--prev")
        next_link = page.locator("a.md-footer__link--next")
        assert norm(prev_link.locator(".md-ellipsis").inner_text()) == first.title
        assert norm(next_link.locator(".md-ellipsis").inner_text()) == third.title
        next_link.click()
        page.wait_for_load_state()
        assert rel(base, page.url) == third.html
        assert h1(page) == third.title
        page.locator("a.md-footer__link--prev").click()
        page.wait_for_load_state()
        assert rel(base, page.url) == second.html

    # The top tabs take the reader to the section index pages, from wherever they are.
    for tab, target in (("报告", "reports/index.html"), ("文章", "articles/index.html"), ("首页", "index.html")):
        link = page.locator("a.md-tabs__link", has_text=tab)
        assert link.is_visible(), f"top tab {tab} is not visible on {page.url}"
        link.click()
        page.wait_for_load_state()
        assert rel(base, page.url) == target
        assert h1(page) == docs[target[:-5] + ".md"].title


# ---------------------------------------------------------------- 5. resources


@pytest.mark.parametrize(
    "base",
    [
        "file",
        "http",
    ],
    indirect=True,
)
def test_no_page_requests_a_missing_resource(walks, base):
    walk = walks(base)
    assert walk.requests, "no request was recorded at all"
    assert walk.failed == []
    assert walk.bad_status == []
    assert walk.errors == []


def test_site_works_offline_from_a_folder(walks, built):
    """From file:// nothing is fetched from the network, and every same-site link points at a file."""
    site = built[0].site
    walk = walks(site.as_uri())
    assert [u for u in walk.requests if not u.startswith(("file:", "data:", "blob:"))] == []
    broken = []
    for html, hrefs in walk.links.items():
        for href in hrefs:
            parts = urlsplit(href)
            if parts.scheme == "file" and not Path(unquote(parts.path)).exists():
                broken.append(f"{html} → {href}")
    assert broken == []
    assert len(walk.links) == len(_site_pages(site))


# ---------------------------------------------------------------- 7. screenshots for humans

# Where an element sits on the first screen, and whether the reader can see it there (nothing, such as the
# fixed header, is drawn over its middle).
FIRST_SCREEN_JS = """el => { const r = el.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  return {top: r.top, bottom: r.bottom, uncovered: !!hit && (hit === el || el.contains(hit))}; }"""


def _on_first_screen(page, selector: str) -> None:
    box = page.locator(selector).first.evaluate(FIRST_SCREEN_JS)
    assert 0 <= box["top"] and box["bottom"] <= page.viewport_size["height"], (selector, box)
    assert box["uncovered"], f"{selector} is hidden under another element: {box}"


def test_first_screens_show_title_and_text_and_are_saved_for_review(page, built, articles):
    """The home page and a full article as a reader first sees them; the screenshots go to tests/artifacts/."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    site = built[0].site.as_uri()
    page.goto(url(site, "index.html"))
    _on_first_screen(page, "article.md-content__inner h1")
    _on_first_screen(page, "article.md-content__inner li a")
    page.screenshot(path=str(ARTIFACTS / "home.png"), full_page=True)
    sample = max(articles, key=lambda d: (bool(d.fm.get("byline")), bool(d.date), d.fm["characters"]))
    page.goto(url(site, sample.html))
    assert h1(page) == sample.title
    for selector in ("article.md-content__inner h1", "p.article-meta", "article.md-content__inner p#p1"):
        _on_first_screen(page, selector)
    page.screenshot(path=str(ARTIFACTS / "article.png"), full_page=True)
