"""Ordered lists keep their numbers and code blocks their layout, from the source to the page MkDocs renders.

Round trip: Markdown (or HTML) source → reader → cleaning → our page Markdown → HTML with the
Markdown extensions of the site's own `mkdocs.yml`."""

from __future__ import annotations

import hashlib
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from mkdocs.config import load_config

from build_tools.config.settings import PROJECT_ROOT
from build_tools.core.model import Block, Decoded, SourceFile
from build_tools.editions.pages import render_block
from build_tools.ingest.clean import clean
from build_tools.ingest.readers import read_documents
from build_tools.renderer.dialect import DIALECT

CODE = "def 合计(数量, 单价):\n    # 中文注释,不改标点\n    return 数量*单价   # `行内`\n\n\nprint(合计(2, 3))"


def decoded(text: str, name: str = "article.md") -> Decoded:
    data = text.encode("utf-8")
    return Decoded(SourceFile(Path(name), name, data, hashlib.sha256(data).hexdigest()), text, "utf-8")


def page_markdown(source: str, name: str = "article.md") -> str:
    """The body blocks of the one article in `source`, read, cleaned and rendered as our page Markdown."""
    (document,) = read_documents(decoded(source, name))
    return "\n\n".join(render_block(block, dialect=DIALECT) for block in clean(document).blocks)


@pytest.fixture(scope="module")
def site_markdown(tmp_path_factory) -> markdown.Markdown:
    """Python-Markdown configured exactly as the site's mkdocs.yml configures it."""
    config = load_config(config_file=str(PROJECT_ROOT / "mkdocs.yml"), docs_dir=str(tmp_path_factory.mktemp("docs")))
    return markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"])


def rendered(site_markdown: markdown.Markdown, text: str) -> BeautifulSoup:
    site_markdown.reset()
    return BeautifulSoup(site_markdown.convert(text), "html.parser")


def test_an_ordered_list_keeps_its_numbers(site_markdown):
    text = page_markdown("# 标题\n\n三个步骤：\n\n1. 设计芯片\n2. 制造晶圆\n3. 封装测试\n")
    assert "1. 设计芯片\n2. 制造晶圆\n3. 封装测试" in text
    html = rendered(site_markdown, text)
    assert [li.get_text() for li in html.select("ol > li")] == ["设计芯片", "制造晶圆", "封装测试"]
    assert html.find("ul") is None


def test_an_ordered_list_starting_later_starts_there_on_the_page(site_markdown):
    html = rendered(site_markdown, page_markdown("# 标题\n\n接上文。\n\n4. 第四步\n5. 第五步\n"))
    assert html.find("ol")["start"] == "4"


def test_a_bullet_list_stays_a_bullet_list(site_markdown):
    html = rendered(site_markdown, page_markdown("# 标题\n\n- 存储\n- 逻辑\n"))
    assert [li.get_text() for li in html.select("ul > li")] == ["存储", "逻辑"]
    assert html.find("ol") is None


def test_a_numbered_list_nested_in_bullets_keeps_its_numbers(site_markdown):
    html = rendered(site_markdown, page_markdown("# 标题\n\n- 上游\n  1. 材料\n  2. 设备\n- 下游\n"))
    assert [li.get_text() for li in html.select("ul > li > ol > li")] == ["材料", "设备"]


def test_a_fenced_code_block_keeps_its_lines_indentation_and_punctuation(site_markdown):
    text = page_markdown(f"# 标题\n\n示例如下。\n\n```python\n{CODE}\n```\n\n结尾一句。\n")
    html = rendered(site_markdown, text)
    blocks = html.find_all("pre")
    assert len(blocks) == 1
    assert blocks[0].get_text().rstrip("\n") == CODE
    assert "`" not in "".join(p.get_text() for p in html.find_all("p"))  # no line became inline code


def test_code_with_a_fence_inside_is_not_closed_early(site_markdown):
    code = "```\n内层\n```"
    html = rendered(site_markdown, page_markdown(f"# 标题\n\n前文。\n\n~~~~\n{code}\n~~~~\n"))
    assert html.find("pre").get_text().rstrip("\n") == code


def test_an_indented_code_block_is_code_too(site_markdown):
    html = rendered(site_markdown, page_markdown("# 标题\n\n前文。\n\n    x = 1\n      y = 2\n\n后文。\n"))
    assert html.find("pre").get_text().rstrip("\n") == "x = 1\n  y = 2"


def test_code_inside_a_column_keeps_its_layout(site_markdown):
    column = Block("aside", "专栏", children=(Block("paragraph", "说明。"), Block("code", "a = 1\n    b = 2")))
    html = rendered(site_markdown, render_block(column, dialect=DIALECT))
    assert html.select_one(".admonition pre").get_text().rstrip("\n") == "a = 1\n    b = 2"


def test_html_ordered_list_and_code(site_markdown):
    source = (
        '<p>步骤如下。</p><ol start="2"><li>第二步</li><li>第三步</li></ol>'
        '<pre><code>if x:\n    y = "甲,乙"</code></pre><p>结尾一句。</p>'
    )
    html = rendered(site_markdown, page_markdown(source, "article.html"))
    assert html.find("ol")["start"] == "2"
    assert [li.get_text() for li in html.select("ol > li")] == ["第二步", "第三步"]
    assert html.find("pre").get_text().rstrip("\n") == 'if x:\n    y = "甲,乙"'


def test_a_paragraph_opening_with_a_letter_and_dot_is_no_list(site_markdown):
    html = rendered(site_markdown, page_markdown("# 标题\n\nA. 这一段以字母开头，但它是正文。\n\n结尾一句。\n"))
    assert html.find("ol") is None and html.find("ul") is None


def test_code_inside_a_list_entry_stays_code_not_markup(site_markdown):
    html = rendered(
        site_markdown,
        page_markdown("# 标题\n\n前文。\n\n1. 运行：\n\n   ```\n   # 不是标题\n   *a* = 1\n   ```\n2. 完成\n"),
    )
    entries = html.select("ol > li")
    assert [li.get_text(" ", strip=True) for li in entries] == ["运行： # 不是标题 *a* = 1", "完成"]
    assert html.find("h1") is None and html.find("em") is None
