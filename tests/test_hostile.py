"""Untrusted seeds: nothing they carry runs in the reader's browser, and their text is shown literally."""

from __future__ import annotations

import pytest

from build_tools.config.settings import BuildSettings
from build_tools.pipeline import build
from tests.conftest import primed_cache

pytestmark = pytest.mark.build  # every test builds hostile seeds

HOSTILE_HTML = """---
title: '<img src=x onerror="window.__pwned=1">标题也要转义'
author: '<script>window.__pwned=2</script>作者'
---
<div>
<script>window.__pwned=3</script>
<p>第一段正文，讲卡脖子的问题。<img src="x" onerror="window.__pwned=4" alt="图片说明"></p>
<p onclick="window.__pwned=5">第二段<a href="javascript:window.__pwned=6">点这里</a>看\
<a href="data:text/html,<script>1</script>">数据</a>。</p>
<p style="display:none">隐藏的段落也要显示。</p>
<iframe src="https://evil.example/"></iframe><object data="x.swf"></object>
<p>第三段<svg onload="window.__pwned=7"><circle/></svg>结束。</p>
</div>
"""
HOSTILE_REPORT = """恶意报告

某机构

# 第一章

## 一节

正文里有<script>window.__pwned=8</script>和[链接](javascript:window.__pwned=9)。

# 第二章

## 二节

第二章正文。
"""
HOSTILE_FOR_SEARCH = """---
title: '<img src=x onerror="alert(1)">搜索标题'
source: '<script>alert(2)</script>来源'
date: 2024-05
---
<div>
<p>这一段讲量子芯片，并且写着 &lt;img src=x onerror="alert(3)"&gt; 和 \
&lt;script&gt;alert(4)&lt;/script&gt; 两段文字。</p>
<script>alert(5)</script>
<p>第二段没有别的。</p>
</div>
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory, renderer, search_dictionaries):
    root = tmp_path_factory.mktemp(f"hostile-{renderer}")
    seeds = root / "seeds"
    seeds.mkdir()
    (seeds / "evil page.txt").write_text(HOSTILE_HTML, encoding="utf-8")
    (seeds / "report.txt").write_text(HOSTILE_REPORT, encoding="utf-8")
    (seeds / "search.txt").write_text(HOSTILE_FOR_SEARCH, encoding="utf-8")
    settings = BuildSettings(
        seeds=seeds,
        docs=root / "docs",
        site=root / "site",
        cache=primed_cache(search_dictionaries, root / "cache"),
        renderer=renderer,
    )
    diagnostics, _ = build(settings)
    assert not diagnostics.errors, [str(d) for d in diagnostics.errors]
    return settings.site


def _content_html(site) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))


def test_no_script_ran_in_any_page(page, hostile_site):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    pages = [p for p in hostile_site.rglob("*.html") if p.name != "404.html"]
    assert len(pages) >= 8
    for html in pages:
        page.goto(html.as_uri())
        assert page.evaluate("() => window.__pwned") is None, html
        for link in page.locator(".md-content a").all():
            href = link.get_attribute("href") or ""
            assert not href.lower().startswith(("javascript:", "data:")), (html, href)
    assert not dialogs


def test_dangerous_markup_never_reaches_a_page(hostile_site):
    from bs4 import BeautifulSoup

    for html in hostile_site.rglob("*.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "lxml")
        for tag in soup.find_all(True):
            handlers = [name for name in tag.attrs if name.lower().startswith("on")]
            assert not handlers, (html, tag.name, handlers)
            for name in ("href", "src"):
                value = str(tag.get(name, "")).strip().lower()
                assert not value.startswith(("javascript:", "data:")), (html, tag.name, value)
        article = soup.find("article")
        assert not article.find(["script", "iframe", "object", "embed", "svg", "style"]), html
        assert not article.find(attrs={"style": True}), html


def test_hostile_metadata_is_shown_as_text(page, hostile_site):
    article = next(
        p for p in (hostile_site / "articles").glob("*.html") if "pwned" in p.name
    )  # the page of the seed whose title sets window.__pwned
    page.goto(article.as_uri())
    assert page.locator("h1").inner_text().startswith('<img src=x onerror="window.__pwned=1">')
    assert "<script>" in page.locator(".meta-authors").inner_text()
    assert "隐藏的段落也要显示。" in page.locator(".md-content").inner_text()


def test_search_results_show_markup_as_text_and_run_nothing(page, hostile_site):
    """Title, source and body carry markup; the results show it literally, built from text nodes."""
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto((hostile_site / "index.html").as_uri())
    page.locator(".md-search__input").click()
    page.keyboard.insert_text("量子芯片")
    page.wait_for_selector(".md-search-result__item")
    page.wait_for_timeout(500)
    [result] = page.locator(".md-search-result__item").all()
    assert result.locator("h1").inner_text() == '<img src=x onerror="alert(1)">搜索标题'
    assert "<script>alert(2)</script>来源" in result.locator(".reader-result-meta").inner_text()
    assert '<img src=x onerror="alert(3)">' in result.inner_text()
    assert result.locator("img, script, svg, iframe").count() == 0
    page.locator(".md-search__input").fill("")
    page.keyboard.insert_text("两段文字")
    page.wait_for_function(
        "() => document.querySelector('.md-search-result__item p:last-child')?.textContent.includes('alert(4)')"
    )
    assert page.locator(".md-search-result__list").locator("img, script").count() == 0
    assert not dialogs
