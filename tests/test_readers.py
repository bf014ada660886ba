"""Readers: the format is recognised from content, and each reader finds the documents in it."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from build_tools.config.settings import BuildSettings
from build_tools.core.diagnostics import Diagnostics, InputError
from build_tools.core.model import Decoded, SourceFile
from build_tools.ingest.readers import choose_reader, read_documents
from build_tools.ingest.seeds import process_seed
from build_tools.plan.fidelity import audit

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def decoded(text: str, name: str = "sample.txt") -> Decoded:
    data = text.encode("utf-8")
    return Decoded(SourceFile(Path(name), name, data, hashlib.sha256(data).hexdigest()), text, "utf-8")


PLAIN = "标题在这里\n\n作者 张三\n\n第一段正文，说了一件事。\n\n第二段正文，又说了一件事。\n"
NEWSPAPER = """头版文章的标题

本报记者 张敏 冯雨瑶

第一篇的正文，写得很长。

专栏的标题

李四

专栏的第一段。

第二篇文章的标题

本报记者 毛芝颖

第二篇的正文。
"""
HTML = """---
title: '网页文章'
author: 某作者
date: Tue, 14 Dec 2021 02:53:00 GMT
---
<div><p>第一段。</p><p><strong>小标题</strong></p><p>第二段有<a href="https://ads.example.com/">广告词</a>。</p>
<p><img src="https://img.example.com/a.png" alt="图片说明"></p><script>alert(1)</script></div>
"""
REPORT = """报告标题

某研究院

# 目录

第一章	3
第二章	9
第三章	12

# 第一章

## 一节

正文。

# 第二章

## 二节

正文。
"""


@pytest.mark.parametrize(
    "text, expected", [(PLAIN, "plain"), (NEWSPAPER, "newspaper"), (HTML, "html"), (REPORT, "report")]
)
def test_format_is_detected_from_content(text, expected):
    assert choose_reader(text).name == expected


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_seed_format_does_not_depend_on_the_file_name(seed):
    text = (SEEDS / seed).read_text(encoding="utf-8")
    assert choose_reader(text).name == read_documents(decoded(text, "renamed.md"))[0].format


def test_real_seeds_are_recognised_as_their_formats():
    formats = sorted(choose_reader(p.read_text(encoding="utf-8")).name for p in SEEDS.glob("*.txt"))
    assert formats == ["html", "newspaper", "plain", "plain", "report"]


def test_plain_reader_takes_title_and_byline():
    [document] = read_documents(decoded(PLAIN))
    assert document.title == "标题在这里"
    assert document.byline == "作者 张三"
    assert [b.text for b in document.blocks] == ["第一段正文，说了一件事。", "第二段正文，又说了一件事。"]


LEFTOVER_TAGS = [
    pytest.param(
        "图为市民出行。<a target='_blank' href='http://example.com/'>某通讯社</a>发 某某 摄",
        "图为市民出行。某通讯社发 某某 摄",
        id="link",
    ),
    pytest.param('这是<span style="color:red">重点</span>的一句。', "这是重点的一句。", id="span-with-style"),
    pytest.param("<b>加粗</b>开头的一句。", "加粗开头的一句。", id="bold"),
]


@pytest.mark.parametrize("line, shown", LEFTOVER_TAGS)
def test_a_scraped_texts_leftover_inline_tags_are_not_shown(line, shown):
    [document] = read_documents(decoded(f"一个标题\n\n第一段正文，说了一件事。\n\n{line}\n\n最后一段正文。\n"))
    assert [b.text for b in document.blocks] == ["第一段正文，说了一件事。", shown, "最后一段正文。"]


def test_a_tag_written_as_text_about_html_stays_text():
    [document] = read_documents(decoded("一个标题\n\n网页用 <div> 标签分块，而不是表格。\n\n第二段。\n"))
    assert "&lt;div&gt;" in document.blocks[0].text  # escaped: shown as the writer typed it


def test_plain_reader_without_title_keeps_first_sentence_as_text():
    [document] = read_documents(decoded("第一句就是正文，没有标题。\n第二句。\n第三句。\n第四句。\n第五句。\n"))
    assert document.title == ""
    assert len(document.blocks) == 5


def test_newspaper_reader_splits_articles_and_keeps_column_with_its_article():
    first, second = read_documents(decoded(NEWSPAPER))
    assert (first.title, first.byline) == ("头版文章的标题", "本报记者 张敏 冯雨瑶")
    assert (second.title, second.byline) == ("第二篇文章的标题", "本报记者 毛芝颖")
    aside = [b for b in first.blocks if b.kind == "aside"]
    assert len(aside) == 1 and aside[0].text == "专栏的标题" and aside[0].byline == "李四"
    assert [c.text for c in aside[0].children] == ["专栏的第一段。"]


def test_html_reader_keeps_text_subheads_figures_and_drops_ads_and_scripts():
    [document] = read_documents(decoded(HTML))
    assert document.title == "网页文章"
    kinds = [(b.kind, b.text) for b in document.blocks]
    assert ("heading", "小标题") in kinds
    assert ("paragraph", "第二段有广告词。") in kinds
    assert ("figure", "图片说明") in kinds
    assert "alert" not in repr(document.blocks)
    assert {r.rule for r in document.removals} >= {"html-ad-link", "html-unsafe-or-code"}


def test_html_reader_reports_malformed_front_matter_with_line():
    broken = "---\ntitle: ok\nauthor: [unclosed\n---\n<p>正文。</p><p>二。</p><p>三。</p>"
    with pytest.raises(InputError) as error:
        read_documents(decoded(broken, "bad.txt"))
    assert str(error.value).startswith("bad.txt:")
    assert "malformed YAML front matter" in str(error.value)


def test_report_reader_makes_one_document_per_chapter_and_drops_the_contents():
    documents = read_documents(decoded(REPORT))
    assert [d.title for d in documents] == ["第一章", "第二章"]
    assert [d.part_index for d in documents] == [1, 2]
    assert {d.part_of for d in documents} == {"报告标题"}
    assert documents[0].byline == "某研究院"
    assert [r.rule for r in documents[0].removals].count("pdf-table-of-contents") == 4


def test_text_without_any_article_is_an_error():
    with pytest.raises(InputError):
        read_documents(decoded("---\ntitle: x\n---\n<div></div><p></p><span></span>", "empty.html"))


def test_an_empty_article_element_does_not_hide_the_page_text():
    """A saved page's empty <article> (a widget's placeholder) is not where the article is."""
    text = (
        '<html><body><article class="ad-slot"></article><div><p>第一段正文，写得完整。</p>'
        "<p>第二段正文，也写得完整。</p></div></body></html>"
    )
    [document] = read_documents(decoded(text))
    assert [block.text for block in document.blocks] == ["第一段正文，写得完整。", "第二段正文，也写得完整。"]


REPORT_HEAD = "# 某报告\n\n某研究机构\n\n# 第一章\n\n## 一节\n\n第一章的正文，说了一些事情。\n\n"
REFERENCES = "".join(f"- Report number {n} on industry, Some Institute\n" for n in range(1, 7))
BACK_MATTER_CASES = [
    pytest.param("# 出版方\n\nPUBLISHER\n\n## 从前的报告看起\n\n" + REFERENCES, True, id="back-cover-of-references"),
    pytest.param("# 参考文献\n\n## 文献\n\n甲乙丙的书。\n\n", True, id="titled-references"),
    pytest.param(
        "# 展望\n\n## 明年\n\n明年会怎样，没有人知道，但是大家都在猜。\n\n这一章是正文，不是参考资料。\n\n",
        False,
        id="last-chapter-of-prose",
    ),
    pytest.param(
        "# 清单\n\n## 名单\n\n下面是一份很长的正文说明，解释为什么要列出这些公司，以及它们各自做了什么。"
        "每一家都有自己的故事，这里一一道来，读者可以慢慢看。\n\n- 甲公司\n- 乙公司\n",
        False,
        id="prose-with-a-short-list",
    ),
]


@pytest.mark.parametrize("last_chapter, back_matter", BACK_MATTER_CASES)
def test_a_reports_reference_list_is_back_matter_not_a_chapter(last_chapter, back_matter):
    documents = read_documents(decoded(REPORT_HEAD + last_chapter))
    last = documents[-1]
    assert last.back_matter is back_matter
    assert (last.title == "参考资料") is back_matter
    assert documents[0].back_matter is False


def test_every_format_has_one_registered_reader_with_declared_traits():
    from build_tools.ingest.readers import readers
    from build_tools.ingest.readers.base import Traits

    names = [reader.name for reader in readers()]
    assert len(names) == len(set(names))
    assert {"plain", "markdown", "html", "webpage", "feed", "report", "newspaper"} <= set(names)
    assert all(isinstance(reader.traits, Traits) and callable(reader.score) for reader in readers())


@pytest.mark.parametrize("text", [PLAIN, NEWSPAPER, HTML, REPORT])
def test_the_chosen_reader_is_the_one_whose_evidence_scores_best(text):
    from build_tools.ingest.readers import scores

    ranked = scores(text)
    assert choose_reader(text) is ranked[0][2]
    assert ranked[0][0] > 0 and [s for s, _, _ in ranked] == sorted((s for s, _, _ in ranked), reverse=True)


def _react_post(title: str, paragraphs: list[str]) -> str:
    """A post kept as a React module: fields in the returned object and a JSX body."""
    body = "".join(f'                <p className="text">{p}</p>\n' for p in paragraphs)
    return (
        'import React from "react";\nimport styles from "../styles";\n\n// 站点自己的代码注释\nfunction Post() {\n'
        '\tconst basedir = process.env.PUBLIC_URL || "/me";\n\n\treturn {\n\t\tdate: "26 June 2025",\n'
        f'\t\ttitle: "{title}",\n\t\tdescription:\n\t\t\t"一句写给列表页的简介",\n\t\tkeywords: ["实习", "半导体"],\n'
        "\t\tbody: (\n\t\t\t<React.Fragment>\n            <article>\n                <h2>第一部分</h2>\n"
        f"{body}"
        '                <figure><img alt="工厂门口" src={`${basedir}/a.jpg`}/></figure>\n'
        "            </article>\n\t\t\t</React.Fragment>\n\t\t),\n\t};\n}\n\nexport default Post;\n"
    )


def test_a_post_kept_as_a_script_module_is_read_as_its_fields_and_its_markup(tmp_path):
    paragraphs = ["在半导体公司实习的三个月，我学到了很多东西。", "最后一段，写给以后的自己。"]
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "post.js").write_text(_react_post("实习之旅", paragraphs), encoding="utf-8")
    result = process_seed(seeds / "post.js", BuildSettings(seeds=seeds), Diagnostics())
    (seed_article,) = result.articles
    texts = [b.text for b in seed_article.article.blocks]
    assert (seed_article.metadata.title, seed_article.metadata.date) == ("实习之旅", "2025-06-26")
    assert [p for p in paragraphs if p not in texts] == [] and "第一部分" in texts
    assert not [t for t in texts if "const" in t or "import" in t or "{" in t]
    assert audit(result, [])["han_missing"] == 0  # the code's comment is recorded, not lost


def test_a_markdown_article_quoting_a_module_stays_markdown():
    text = (
        '# 用 React 写博客\n\n先看代码：\n\n```js\nimport React from "react";\n'
        'export default {\n  title: "示例",\n}\n```\n\n'
        "<p>一</p><p>二</p><p>三</p>\n"
    )
    assert choose_reader(text).name == "markdown"


def test_a_dump_of_news_pages_starts_an_article_at_each_headline_over_its_dateline():
    first = "　　记者昨日获悉，" + "本市的新能源汽车产量连续三个月增长，工厂开足马力生产。" * 3
    second = "　　近日，" + "县里的蔬菜大棚迎来丰收，一车车新鲜蔬菜运往周边城市。" * 3
    text = f"{first}\n\n县里百万吨蔬菜进城\n2018年12月27日08:59  来源：某某新闻网\n\n{second}\n"
    documents = read_documents(decoded(text))
    assert [d.title for d in documents] == ["", "县里百万吨蔬菜进城"]
    assert (documents[1].front_matter.get("date"), documents[1].front_matter.get("source")) == (
        "2018-12-27",
        "某某新闻网",
    )
    assert "来源" not in " ".join(b.text for d in documents for b in d.blocks)


def test_a_headline_over_its_dateline_opening_the_text_is_one_article():
    body = "　　近日，" + "县里的蔬菜大棚迎来丰收，一车车新鲜蔬菜运往周边城市。" * 3
    documents = read_documents(decoded(f"县里百万吨蔬菜进城\n2018年12月27日08:59  来源：某某新闻网\n\n{body}\n"))
    assert len(documents) == 1 and documents[0].front_matter.get("source") == "某某新闻网"


def test_plain_text_one_paragraph_per_line_rejoins_a_sentence_cut_at_a_name():
    lines = [
        "一个标题",
        "第一段正文，讲的是一件事情的起因。",
        "这次",
        "Kimi",
        "把编程工具搬到了图形界面。",
        "第三段。",
        "第四段。",
    ]
    [document] = read_documents(decoded("\n".join(lines) + "\n"))
    assert "这次Kimi把编程工具搬到了图形界面。" in [b.text for b in document.blocks]
