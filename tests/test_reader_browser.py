"""What a reader does in the browser: hover terms, switch editions, search — online and from file://."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import open_tab, page_body, split_page

MODES = ["file", "http"]


@pytest.fixture(params=MODES)
def base(request, built, http_site):
    site = built[0].site
    return site.as_uri() if request.param == "file" else http_site


def _docs(built, edition: str = "zh-Hans") -> dict[str, dict]:
    root = built[0].docs / edition
    pages = {}
    for path in root.rglob("*.md"):
        front, body = split_page(path)
        pages[path.relative_to(root).as_posix()] = {"fm": front, "body": body}
    return pages


def _page_of_seed(built, prefix: str, fmt: str | None = None) -> str:
    for path, page in _docs(built).items():
        provenance = page["fm"].get("provenance", {})
        if provenance.get("seed", "").startswith(prefix) and (fmt is None or provenance.get("format") == fmt):
            return path
    raise AssertionError(f"no page from seed {prefix}")


def _html(path: str) -> str:
    return path[:-3] + ".html"


def search(page, query: str, timeout: float = 20.0) -> list[str]:
    """Put a query in the box as an input method commits it (no key is pressed) and return every result's
    address, absolute (results load ten at a time as the list scrolls)."""
    box = page.locator(".md-search__input")
    box.click()
    box.fill("")
    page.keyboard.insert_text(query)
    page.wait_for_function(
        "() => document.querySelector('.md-search-result__meta').textContent.trim() !== ''", timeout=timeout * 1000
    )
    stable, previous = 0, -1
    while stable < 3:
        count = page.locator(".md-search-result__item").count()
        stable = stable + 1 if count == previous else 0
        previous = count
        page.evaluate(
            "() => { const w = document.querySelector('.md-search__scrollwrap'); if (w) w.scrollTop = w.scrollHeight; }"
        )
        page.wait_for_timeout(150)
    return page.evaluate("() => [...document.querySelectorAll('.md-search-result__item > a')].map(a => a.href)")


def _article_paths(links: list[str]) -> set[str]:
    """Result links → page paths inside an edition (no host, edition folder, query or anchor)."""
    paths = set()
    for link in links:
        link = re.sub(r"^[a-z]+://[^/]*", "", link).split("?")[0].split("#")[0]
        link = re.sub(r"^.*?/site/", "", link).lstrip("./").lstrip("/")
        paths.add(re.sub(r"^(zh-Hant/)", "", link))
    return paths


# -- term cards ------------------------------------------------------------------------------------

SCREENSHOTS = Path(__file__).resolve().parent.parent / ".cache" / "screenshots"


def _card(page) -> dict:
    """The parts of the term card as the reader sees them ({} when no card is shown)."""
    page.wait_for_timeout(300)
    return page.evaluate("""() => {
        const card = document.getElementById('reader-term-card');
        if (!card || card.hidden || !card.getBoundingClientRect().height) return {};
        const part = name => (card.querySelector('.reader-term-card__' + name) || {}).textContent || '';
        const link = card.querySelector('a');
        return {term: part('term'), forms: part('forms'), pinyin: part('pinyin'), gloss: part('gloss'),
                definition: part('definition'), link: link ? link.textContent : '', href: link ? link.href : ''};
    }""")


def _first_mark(page, slug: str):
    return page.locator(f".md-content p .term[data-term='{slug}']").first


def test_hovering_a_term_shows_its_card_with_every_part(page, base, built):
    path = next(p for p, d in _docs(built).items() if d["fm"].get("part_index") == 2)
    page.goto(f"{base}/{_html(path)}")
    mark = _first_mark(page, "nei-juan")
    before, after = mark.evaluate("""e => {
        const r = document.createRange(); r.setStart(e.parentElement, 0); r.setEndBefore(e);
        const s = document.createRange(); s.setStartAfter(e);\
 s.setEnd(e.parentElement, e.parentElement.childNodes.length);
        return [r.toString(), s.toString()]; }""")
    # running text: Han characters (or quotes) right before and after the term
    assert re.search(r"[\u4e00-\u9fff“”]$", before) and re.match(r"[\u4e00-\u9fff“”，。]", after)
    assert mark.get_attribute("title") is None
    mark.hover()
    card = _card(page)
    assert card["term"] == "内卷" and "内卷" in card["forms"] and "內卷" in card["forms"]
    assert card["pinyin"] == "nèi juǎn" and "involution" in card["gloss"]
    assert "过度竞争" in card["definition"]
    assert re.fullmatch(r"话题页 · [1-9]\d* 篇文章提到", card["link"]) and card["href"].endswith("topics/nei-juan.html")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "term-card-hover.png"))
    page.mouse.move(5, 5)
    page.wait_for_timeout(400)
    assert _card(page) == {}, "the card stays after the pointer left the term"


def test_keyboard_focus_shows_the_card_and_escape_closes_it(page, built):
    page.goto(f"{built[0].site.as_uri()}/zh-Hant/{_html(_page_of_seed(built, '000'))}")
    mark = _first_mark(page, "qia-bo-zi")
    mark.focus()
    card = _card(page)
    assert card["term"] == "卡脖子" and card["pinyin"] == "qiǎ bózi" and "chokehold" in card["gloss"]
    assert "簡" in card["forms"] and "卡脖子" in card["forms"]  # the edition's own wording
    assert mark.get_attribute("aria-describedby") == "reader-term-card"
    page.keyboard.press("Escape")
    assert _card(page) == {}


def test_a_tap_opens_the_card_and_a_second_tap_follows_the_link(browser, built):
    site = built[0].site
    with open_tab(browser, has_touch=True, viewport={"width": 400, "height": 800}) as page:
        _tap_a_term_then_follow_it(page, built, site)


def _tap_a_term_then_follow_it(page, built, site) -> None:
    page.goto(f"{site.as_uri()}/{_html(_page_of_seed(built, '000'))}")
    mark = _first_mark(page, "qia-bo-zi")
    address = page.url
    mark.tap()
    card = _card(page)
    assert card["term"] == "卡脖子" and card["definition"], "tapping a term shows no card"
    assert page.url == address, "the first tap left the page instead of explaining the term"
    page.screenshot(path=str(SCREENSHOTS / "term-card-tap.png"))
    box = page.locator("#reader-term-card").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 400, "the card does not fit a phone's screen"
    mark.tap()
    page.wait_for_url("**/topics/qia-bo-zi.html", timeout=5000)


# -- editions ----------------------------------------------------------------------------------------


def test_toggle_keeps_the_place_and_the_choice_is_remembered(page, built):
    site = built[0].site
    path = _page_of_seed(built, "000")
    page.goto(f"{site.as_uri()}/{_html(path)}")
    headings = page.locator(".md-content .section-mark")  # its sections are numbered: 一、二…
    target = headings.nth(3)
    target.evaluate("e => e.scrollIntoView()")  # the reader has scrolled to this section
    page.wait_for_timeout(200)
    heading_text = target.inner_text().replace("¶", "").strip()
    page.locator(".reader-toggle").click()
    page.wait_for_load_state()
    assert page.url.startswith(f"{site.as_uri()}/zh-Hant/{_html(path)}")
    anchor = page.url.split("#", 1)[1]
    landed = page.locator(f"[id='{anchor}']")
    assert (
        landed.inner_text().replace("¶", "").strip() == heading_text == "四"
    )  # section marks read the same in both scripts
    top = landed.evaluate("e => e.getBoundingClientRect().top")
    assert 0 <= top < 250, "the twin page did not open at the heading the reader was at"
    assert (
        "繁" not in page.locator(".reader-toggle").inner_text()
        and page.locator("html").get_attribute("lang") == "zh-TW"  # Taiwan's interface language (mkdocs.yml)
    )
    # the choice sticks: another simplified page opens as its traditional twin
    other = _page_of_seed(built, "003")
    page.goto(f"{site.as_uri()}/{_html(other)}")
    page.wait_for_load_state()
    assert page.url == f"{site.as_uri()}/zh-Hant/{_html(other)}"
    assert "黑名單" in page.locator("h1").inner_text()


def test_every_page_has_a_twin_in_the_other_edition(built):
    hans, hant = set(_docs(built, "zh-Hans")), set(_docs(built, "zh-Hant"))
    assert hans == hant
    site = built[0].site
    html_hans = {
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if not p.relative_to(site).as_posix().startswith("zh-Hant/")
    }
    html_hant = {p.relative_to(site / "zh-Hant").as_posix() for p in (site / "zh-Hant").rglob("*.html")}
    assert html_hans == html_hant


def test_traditional_seed_reads_correctly_in_both_editions(built):
    path = _page_of_seed(built, "001")
    hans, hant = ((built[0].docs / edition / path).read_text(encoding="utf-8") for edition in ("zh-Hans", "zh-Hant"))
    assert "中美关系" in hans and "關系" not in hans and "關" not in page_body(hans).split('class="edition-note"')[0]
    assert "中美關係" in hant and "關系" not in hant
    assert "查看繁体原文" in hans and "edition-note" not in hant


# -- search -------------------------------------------------------------------------------------------


def _pages_containing(built, edition: str, forms: list[str]) -> set[str]:
    return {
        _html(path)
        for path, page in _docs(built, edition).items()
        if any(
            form in re.sub(r"<[^>]+>", "", page["body"].split("\n## 相关文章")[0].split("\n## 相關文章")[0])
            for form in forms
        )
    }


def _articles(paths: set[str]) -> set[str]:
    return {p for p in paths if p.startswith(("articles/", "reports/")) and not p.endswith("index.html")}


def test_search_finds_the_articles_containing_a_term(page, base, built):
    page.goto(f"{base}/index.html")
    links = search(page, "卡脖子")
    found = _articles(_article_paths(links))
    containing = _articles(_pages_containing(built, "zh-Hans", ["卡脖子", "卡住脖子", "卡了脖子", "卡住咽喉"]))
    assert len(found & containing) >= 3
    first_article = next(p for p in (_article_paths([link]).pop() for link in links) if p in _articles({p}))
    assert first_article in containing, "the best article result does not contain the term"


def test_traditional_edition_finds_involution_typed_in_simplified(page, base, built):
    page.goto(f"{base}/zh-Hant/index.html")
    links = search(page, "内卷")
    found = _articles(_article_paths(links))
    containing = _articles(_pages_containing(built, "zh-Hant", ["內卷"]))
    assert containing and found == containing
    assert all("/zh-Hant/" in link for link in links)


@pytest.mark.parametrize(
    "query",
    [
        "关系",
        "芯片",  # the 繁體 pages write 晶片 (s2twp's Taiwan words)
        "出口管制",
        "人工智能",  # 人工智慧 on the 繁體 pages
        "商汤",
        "供应链",
        "關係",
        "硬科技",
    ],
)
def test_same_query_returns_the_same_articles_in_both_editions(page, built, query):
    site = built[0].site
    page.goto(f"{site.as_uri()}/index.html")
    hans = _articles(_article_paths(search(page, query)))
    page.goto(f"{site.as_uri()}/zh-Hant/index.html")
    hant = _articles(_article_paths(search(page, query)))
    assert hans and hans == hant


@pytest.mark.parametrize(
    "edition, query, on_the_pages",
    [
        ("zh-Hant", "芯片", ["芯片", "晶片"]),
        ("zh-Hant", "晶片", ["晶片"]),
        ("zh-Hant", "人工智能", ["人工智能", "人工智慧"]),
        ("zh-Hant", "人工智慧", ["人工智慧"]),
        ("zh-Hant", "軟件", ["軟件", "軟體"]),
        ("zh-Hant", "网络", ["網絡", "網路"]),
        ("zh-Hans", "晶片", ["晶片"]),
    ],
    ids=[
        "mainland",
        "taiwan-itself",
        "mainland-long",
        "taiwan-long",
        "mainland-traditional",
        "mainland-simplified",
        "simplified-edition-unchanged",
    ],
)
def test_search_for_a_mainland_word_finds_the_taiwan_word_the_traditional_edition_writes(
    page, built, edition, query, on_the_pages
):
    """Issue 22: the 繁體 edition writes 晶片 for 芯片; a reader typing either word, in either script, finds those
    pages, with the word as the page writes it highlighted.  The simplified edition folds characters only."""
    prefix = "" if edition == "zh-Hans" else "zh-Hant/"
    page.goto(f"{built[0].site.as_uri()}/{prefix}index.html")
    found = _articles(_article_paths(search(page, query)))
    containing = _articles(_pages_containing(built, edition, on_the_pages))
    assert found == containing
    if edition == "zh-Hant":
        assert containing, f"no 繁體 article writes {on_the_pages}"
        marks = set(page.locator(".md-search-result__item mark").all_inner_texts())
        assert on_the_pages[-1] in marks, f"{on_the_pages[-1]} not highlighted: {sorted(marks)[:10]}"


def test_common_two_character_word_finds_results(page, base):
    page.goto(f"{base}/index.html")
    assert len(search(page, "企业")) >= 3


@pytest.mark.parametrize("edition, query", [("zh-Hans", "硬科技"), ("zh-Hant", "卡脖子")])
def test_results_name_the_title_source_and_date_with_the_words_highlighted(page, base, built, edition, query):
    prefix = "" if edition == "zh-Hans" else "zh-Hant/"
    page.goto(f"{base}/{prefix}index.html")
    search(page, query)
    items = page.evaluate("""() => [...document.querySelectorAll('.md-search-result__item')].map(item => ({
        href: item.querySelector('a').getAttribute('href'),
        title: item.querySelector('.md-search-result__article h1').textContent,
        line: (item.querySelector('.reader-result-meta') || {}).textContent || null,
        marked: [...item.querySelectorAll('mark')].map(m => m.textContent)}))""")
    docs = _docs(built, edition)
    articles = [
        (item, docs[_article_paths([item["href"]]).pop()[:-5] + ".md"]["fm"])
        for item in items
        if _articles(_article_paths([item["href"]]))
    ]
    assert len(articles) >= 2
    for item, front in articles:
        assert item["title"].replace("\u200b", "").strip() == front["title"]
        assert item["line"] is not None, f"no source/date under {front['title']}"
        if front.get("source"):
            assert front["source"] in item["line"]
        assert str(front["date"]) in item["line"] if front.get("date") else ("日期不" in item["line"])
    assert any(front.get("date") for _, front in articles), "no dated article among the results"
    assert any(query in "".join(item["marked"]) for item, _ in articles), "the matched words are not highlighted"


def test_reading_offline_makes_no_request_off_the_disk(page, built):
    site = built[0].site
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{site.as_uri()}/index.html")
    page.locator(".md-content a[href^='articles/']").first.click()
    page.wait_for_load_state()
    page.locator(".md-content a.term").first.click()
    page.wait_for_load_state()
    search(page, "硬科技")
    page.locator(".md-search-result__item > a").first.click()
    page.wait_for_load_state()
    page.locator(".reader-toggle").click()
    page.wait_for_load_state()
    assert "/zh-Hant/" in page.url
    leaving = [url for url in requests if not url.startswith("file://")]
    assert requests and not leaving, leaving


def test_downloaded_archive_works_offline_once_unpacked(page, built, tmp_path):
    import zipfile

    site = built[0].site
    page.goto(f"{site.as_uri()}/index.html")
    link = page.locator(".md-content a[href$='site.zip']")
    assert link.count() == 1
    with zipfile.ZipFile(site / "site.zip") as archive:
        archive.extractall(tmp_path)
    unpacked = tmp_path / "site"
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{unpacked.as_uri()}/zh-Hant/index.html")
    page.locator(".md-content a[href^='articles/']").first.click()
    page.wait_for_load_state()
    assert page.url.startswith(f"{unpacked.as_uri()}/zh-Hant/articles/")
    assert search(page, "芯片")
    assert requests and all(url.startswith("file://") for url in requests)
