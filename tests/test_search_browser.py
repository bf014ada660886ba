"""The search box as readers use it, in headless Chromium, from a folder (file://) and over HTTP.

Typing, an input method composing and committing, keyboard navigation, a result leading to its
paragraph, "no results", a phone.  Which pages should be found comes from the generated Markdown.
"""

from __future__ import annotations

import re

import pytest

from build_tools.config.settings import PROJECT_ROOT
from tests.conftest import open_tab, page_body

MODES = ["file", "http"]
ARTIFACTS = PROJECT_ROOT / "tests" / "artifacts"
RESULTS = ".md-search-result__item"


@pytest.fixture(params=MODES)
def base(request, built, http_site):
    return built[0].site.as_uri() if request.param == "file" else http_site


def _markdown_bodies(built, edition: str) -> dict[str, str]:
    root = built[0].docs / edition
    return {p.relative_to(root).with_suffix(".html").as_posix(): page_body(p) for p in root.rglob("*.md")}


def _wait_for_results(page, timeout: float = 15) -> int:
    page.wait_for_selector(RESULTS, timeout=timeout * 1000)
    return page.locator(RESULTS).count()


def _result_addresses(page) -> list[str]:
    return page.evaluate(f"() => [...document.querySelectorAll('{RESULTS} > a')].map(a => a.href)")


def test_typing_a_word_shows_results_as_it_is_typed(page, base):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{base}/index.html")
    page.locator(".md-search__input").click()
    page.keyboard.type("卡")
    page.wait_for_function("() => document.querySelector('.md-search-result__meta').textContent.includes('两个汉字')")
    page.keyboard.type("脖子")
    assert _wait_for_results(page) >= 3
    first = page.locator(RESULTS).first
    assert "卡脖子" in "".join(first.locator("mark").all_inner_texts())
    assert all(url.startswith(base) for url in requests), [u for u in requests if not u.startswith(base)]


def test_chinese_put_in_without_any_key_is_searched(page, base):
    """Pasted, dictated or committed by an input method: `input` arrives, no key-up ever does."""
    page.goto(f"{base}/index.html")
    page.evaluate("() => { window.__keys = 0; document.addEventListener('keyup', () => window.__keys++, true); }")
    page.locator(".md-search__input").focus()
    page.keyboard.insert_text("芯片")
    assert _wait_for_results(page) >= 2
    assert page.evaluate("() => window.__keys") == 0


def test_search_waits_while_an_input_method_composes_and_runs_when_it_commits(page, base):
    page.goto(f"{base}/index.html")
    page.locator(".md-search__input").focus()
    session = page.context.new_cdp_session(page)
    session.send("Input.imeSetComposition", {"text": "kabozi", "selectionStart": 6, "selectionEnd": 6})
    page.wait_for_timeout(400)
    assert page.locator(".md-search__input").input_value() == "kabozi"
    assert page.locator(RESULTS).count() == 0, "the pinyin being composed was searched"
    session.send("Input.insertText", {"text": "卡脖子"})
    assert _wait_for_results(page) >= 3
    assert page.locator(".md-search__input").input_value() == "卡脖子"


def test_traditional_edition_shows_its_own_script_for_a_simplified_query(page, base, built):
    page.goto(f"{base}/zh-Hant/index.html")
    page.locator(".md-search__input").click()
    page.keyboard.insert_text("内卷")
    _wait_for_results(page)
    marks = set(page.locator(f"{RESULTS} mark").all_inner_texts())
    hant = "".join(_markdown_bodies(built, "zh-Hant").values())
    assert "內卷" in marks
    assert all(mark in hant for mark in marks), "a highlighted word is not as the traditional pages write it"
    assert all("/zh-Hant/" in address for address in _result_addresses(page))


def test_arrow_keys_choose_enter_opens_escape_closes(page, base):
    page.goto(f"{base}/index.html")
    box = page.locator(".md-search__input")
    box.click()
    page.keyboard.insert_text("企业")
    assert _wait_for_results(page) >= 3
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    selected = page.locator(f"{RESULTS}[aria-selected='true']")
    assert selected.count() == 1 and selected.get_attribute("id") == page.locator(RESULTS).nth(1).get_attribute("id")
    target = selected.locator("a").evaluate("a => a.href")
    page.keyboard.press("Enter")
    page.wait_for_url(target)
    page.wait_for_load_state("load")  # Material opens the search on focus once its script has run
    page.locator(".md-search__input").click()
    page.wait_for_function("() => document.getElementById('__search').checked", timeout=5000)
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.getElementById('__search').checked", timeout=5000)
    assert page.evaluate("() => document.activeElement !== document.querySelector('.md-search__input')")


def test_a_result_leads_to_the_paragraph_that_matched(page, base):
    page.goto(f"{base}/index.html")
    page.locator(".md-search__input").click()
    page.keyboard.insert_text("磁共振")
    _wait_for_results(page)
    link = page.locator(f"{RESULTS} > a[href*='#p']").first
    link.click()
    page.wait_for_load_state()
    anchor = re.search(r"#(p\d+)$", page.url)
    assert anchor, page.url
    paragraph = page.locator(f"[id='{anchor.group(1)}']")
    assert "磁共振" in paragraph.inner_text()
    box = paragraph.bounding_box()
    assert box and 0 <= box["y"] < page.viewport_size["height"], "the paragraph is not on screen"


def test_a_query_found_nowhere_says_so(page, base, built):
    query = "鑫鑫鑫鑫"
    assert not any(query in body for body in _markdown_bodies(built, "zh-Hans").values())
    page.goto(f"{base}/index.html")
    page.locator(".md-search__input").click()
    page.keyboard.insert_text(query)
    page.wait_for_function("() => document.querySelector('.md-search-result__meta').textContent.includes('没有找到')")
    assert page.locator(RESULTS).count() == 0
    assert query in page.locator(".md-search-result__meta").inner_text()


def test_search_works_on_a_phone(browser, built):
    with open_tab(browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True) as page:
        page.goto(f"{built[0].site.as_uri()}/index.html")
        page.locator("label.md-header__button[for='__search']").tap()
        page.keyboard.insert_text("芯片")
        _wait_for_results(page)
        # Material slides the results in (a transform): measure once the box has come to rest, within 5 s
        page.wait_for_function(
            f"""() => {{
            const box = document.querySelector({RESULTS!r}).getBoundingClientRect();
            const rest = window.__lastBox && Math.abs(window.__lastBox.x - box.x) < 0.5\
 && Math.abs(window.__lastBox.width - box.width) < 0.5;
            window.__lastBox = box;
            return rest;
        }}""",
            polling=100,
            timeout=5000,
        )
        first = page.locator(RESULTS).first.bounding_box()
        assert (
            first and first["x"] >= -1 and first["x"] + first["width"] <= 391 and first["y"] < 844
        )  # within a pixel: Material slides it in
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "search-phone.png"))


def test_screenshot_of_the_results_for_review(page, built):
    page.goto(f"{built[0].site.as_uri()}/zh-Hant/index.html")
    page.locator(".md-search__input").click()
    page.keyboard.insert_text("卡脖子")
    _wait_for_results(page)
    page.keyboard.press("ArrowDown")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "search-desktop.png"))
