"""The post-render net: input syntax in a page's visible text is a warning naming the page and the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.core.diagnostics import Diagnostics
from build_tools.publish.visible_syntax import check_visible_syntax, page_hits

PAGE = """<html><body>
<nav>首页 **导航里不算**</nav>
<article class="md-content__inner">
<h1>标题</h1>
<p>第一段正文。</p>
<p>这里有 **加粗没被读出来** 的字。</p>
<pre><code>**代码里的星号是代码**</code></pre>
</article>
</body></html>
"""


def site_with(tmp_path: Path, html: str) -> Path:
    site = tmp_path / "site" / "zh-Hans"
    (site / "articles").mkdir(parents=True)
    (site / "articles" / "page.html").write_text(html, encoding="utf-8")
    return site


def test_a_page_with_bold_marks_in_its_visible_text_is_a_warning_naming_page_and_line(tmp_path):
    diagnostics = Diagnostics()
    assert check_visible_syntax([site_with(tmp_path, PAGE)], diagnostics) == 1
    [warning] = diagnostics.items
    assert warning.severity == "warning"
    assert warning.path == "zh-Hans/articles/page.html"
    assert warning.line == 6  # the <p> that shows the marks
    assert "加粗" in warning.message


@pytest.mark.parametrize(
    "visible",
    [
        "# 没有变成标题",
        "![图](http://example.org/a.png)",
        "见[链接](https://example.org)。",
        "[1]: https://example.org",
        "---",
        "title: 前言里的键",
        '&lt;div class="x"&gt;标签成了字',
        "第一段。{: .lead}",
        "{:toc}",
        '{{&lt; figure src="https://example.org/a.png" caption="图注" &gt;}}',
        "{{% notice info %}}提示{{% /notice %}}",
        "{% include figure.html %}",
        "{% raw %}",
        "标题：{{ page.title }}",
        "{title}",
        "import Figure from '../components/Figure.astro'",
        "[name=王小明] [time=Mon, Mar 6, 2023]",
        "这是==没读出来的高亮==的字",
        ":::info",
        '&lt;Callout type="info"&gt;',
        "&lt;Figure /&gt;",
        "$$ E = mc^2 $$",
        "当 $E=mc^2$ 时",
        "[TOC]",
        "正文[^1]里的脚注",
        "@startuml",
        "graph TD",
        "| 项目 | 数值 || --- | --- || 甲 | 1 |",
    ],
)
def test_each_kind_of_input_syntax_is_found(visible):
    html = f'<article class="md-content__inner"><p>{visible}</p></article>'
    assert page_hits(html, "p.html"), visible


@pytest.mark.parametrize(
    "clean",
    [
        "一段正常的文字，没有任何标记。",
        "2×3=6，a*b 不是加粗",
        "C# 是一种语言",
        "售价在 $5 和 $6 之间，约 $1,000。",
        "集合 {a, b} 与字典 {1: 2}",
        "选项甲 | 选项乙",
        "见注释 [1] 与图 [2]",
        "Import 与 export 是贸易词。",
    ],
)
def test_clean_text_raises_nothing(clean):
    assert page_hits(f'<article class="md-content__inner"><p>{clean}</p></article>', "p.html") == []


def _warnings(tmp_path: Path, cache: Path | None) -> list[tuple]:
    diagnostics = Diagnostics()
    check_visible_syntax([tmp_path / "site" / "zh-Hans"], diagnostics, cache)
    return [(d.path, d.line, d.message) for d in diagnostics.items]


def test_a_cached_check_warns_as_a_fresh_one_and_parses_only_changed_pages(tmp_path, monkeypatch):
    """A rebuild after one new article parses that page only; an unchanged page's warnings come from the cache,
    with its own name and line, exactly as a fresh check gives them."""
    import build_tools.publish.visible_syntax as visible_syntax

    site = site_with(tmp_path, PAGE)
    (site / "articles" / "same-bytes.html").write_text(PAGE, encoding="utf-8")  # another page, the same bytes
    fresh = _warnings(tmp_path, None)
    cache = tmp_path / "cache" / "visible-syntax.json"
    assert _warnings(tmp_path, cache) == fresh
    parsed: list[str] = []
    real = visible_syntax.page_hits
    monkeypatch.setattr(visible_syntax, "page_hits", lambda html, page: parsed.append(page) or real(html, page))
    assert _warnings(tmp_path, cache) == fresh
    assert parsed == []
    (site / "articles" / "new.html").write_text(PAGE.replace("加粗", "新加粗"), encoding="utf-8")
    assert len(_warnings(tmp_path, cache)) == len(fresh) + 1
    assert parsed == ["zh-Hans/articles/new.html"]


def test_a_damaged_cache_file_is_a_fresh_check(tmp_path):
    site_with(tmp_path, PAGE)
    cache = tmp_path / "visible-syntax.json"
    cache.write_text("{not json", encoding="utf-8")
    assert _warnings(tmp_path, cache) == _warnings(tmp_path, None)
