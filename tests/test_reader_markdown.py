"""Markdown articles: front matter as blogs write it, structure from a real parser, no syntax on the page.

Small hand-written inputs with the facts a reader of each would state, then the real Markdown
files of the shared corpus built through the pipeline."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from build_tools.config.settings import BuildSettings
from build_tools.core.diagnostics import Diagnostics
from build_tools.core.model import Decoded, SourceFile
from build_tools.core.textutil import strip_markup
from build_tools.ingest.readers import choose_reader, read_documents
from build_tools.ingest.seeds import process_seed
from build_tools.plan.fidelity import audit


def decoded(text: str, name: str = "article.md") -> Decoded:
    data = text.encode("utf-8")
    return Decoded(SourceFile(Path(name), name, data, hashlib.sha256(data).hexdigest()), text, "utf-8")


def described(tmp_path: Path, text: str, name: str = "article.md"):
    """The seed through reading, cleaning and metadata, as the build does it."""
    (tmp_path / name).write_text(text, encoding="utf-8")
    diagnostics = Diagnostics()
    result = process_seed(tmp_path / name, BuildSettings(seeds=tmp_path, cache=tmp_path / ".cache"), diagnostics)
    return result, diagnostics


def visible(document) -> list[str]:
    """The text of every block as a reader sees it."""
    return [strip_markup(t) for b in document.blocks for t in (b.text, *b.items) if t]


BODY = "\n\n正文第一段，讲芯片产业的自主创新。\n\n正文第二段，讲企业加大研发投入。\n"

# -- front matter -----------------------------------------------------------------------------

FRONT_MATTER = [
    pytest.param(
        "---\ntitle: 芯片的故事\nauthor: 张三\ndate: 2022-05-01\n---" + BODY,
        {"title": "芯片的故事", "authors": ("张三",), "date": "2022-05-01"},
        id="yaml",
    ),
    pytest.param(
        '+++\ntitle = "雨果的文章"\ndate = 2021-04-26T06:42:20+08:00\nauthors = ["李四", "王五"]\n+++' + BODY,
        {"title": "雨果的文章", "authors": ("李四", "王五"), "date": "2021-04-26"},
        id="toml",
    ),
    pytest.param(
        "\ufeff\n\n---\ntitle: 前面有空行\n---" + BODY, {"title": "前面有空行"}, id="after-bom-and-blank-lines"
    ),
    pytest.param(
        "---\ntitle: 格林尼治\ndate: Mon, 26 Apr 2021 06:42:20 GMT\n---" + BODY, {"date": "2021-04-26"}, id="rfc-2822"
    ),
    pytest.param(
        "---\ntitle: 东八区的深夜\ndate: 2021-04-26T01:30:00+08:00\n---" + BODY,
        {"date": "2021-04-26"},
        id="zone-keeps-the-local-day",
    ),
    pytest.param("---\ntitle: 没补零\ndate: '2022-5-1'\n---" + BODY, {"date": "2022-05-01"}, id="quoted-unpadded"),
    pytest.param("---\ntitle: 中文日期\ndate: 2019年9月7日\n---" + BODY, {"date": "2019-09-07"}, id="chinese-date"),
    pytest.param(
        "---\ntitle: 只有时分\npublishedAt: 2025-01-27T10:00\n---" + BODY, {"date": "2025-01-27"}, id="published-at"
    ),
    pytest.param(
        "---\ntitle: 两位作者\nauthor: 张三 李四\n---" + BODY, {"authors": ("张三", "李四")}, id="names-by-space"
    ),
    pytest.param(
        "---\ntitle: 顿号分隔\nauthor: 张三、李四\n---" + BODY, {"authors": ("张三", "李四")}, id="names-by-dun-comma"
    ),
    pytest.param(
        "---\ntitle: 拼音名字\nauthor: Jin Jiefan\n---" + BODY,
        {"authors": ("Jin Jiefan",)},
        id="latin-name-stays-whole",
    ),
    pytest.param(
        "---\ntitle: 链接\nlink: https://example.com/a\n---" + BODY, {"url": "https://example.com/a"}, id="link"
    ),
    pytest.param(
        "---\ntitle: 原文\noriginal: https://example.com/b\n---" + BODY, {"url": "https://example.com/b"}, id="original"
    ),
    pytest.param(
        "---\ntitle: 来源链接\nsource_url: https://example.com/c\nsource: 某公众号\n---" + BODY,
        {"url": "https://example.com/c", "source": "某公众号"},
        id="source-url",
    ),
    pytest.param(
        "---\ntitle: 分类\ncategories: [半导体, 产业]\n---" + BODY,
        {"tags": ("半导体", "产业")},
        id="categories-are-tags",
    ),
    pytest.param(
        "---\ntitle: 摘要\ndescription: 一句话说清楚这篇文章。\n---" + BODY,
        {"summary": "一句话说清楚这篇文章。"},
        id="description-is-summary",
    ),
    pytest.param(
        "---\n\nlayout: post\n\ntitle: 空行隔开的字段\n\ndate: 2018-04-20\n\ntags:\n  - 半导体\n\n---" + BODY,
        {"title": "空行隔开的字段", "date": "2018-04-20", "tags": ("半导体",)},
        id="blank-lines-between-fields",  # Jekyll and Hexo accept them
    ),
]


@pytest.mark.parametrize("text, expected", FRONT_MATTER)
def test_front_matter_fields_reach_the_metadata(tmp_path, text, expected):
    result, diagnostics = described(tmp_path, text)
    assert not diagnostics.errors, [str(d) for d in diagnostics.items]
    ((article, metadata),) = result.articles
    for key, value in expected.items():
        assert getattr(metadata, key) == value, key
    assert visible(article)[0] == "正文第一段，讲芯片产业的自主创新。"


def test_unknown_front_matter_keys_are_recorded_never_shown(tmp_path):
    result, _ = described(
        tmp_path, "---\ntitle: 标题\nlayout: post\nslug: zhong-wen\nhide_table_of_contents: false\n---" + BODY
    )
    ((article, _),) = result.articles
    assert not any("layout" in t or "slug" in t for t in visible(article))
    assert {r.text for r in article.report.removals if r.rule == "front-matter-unused"} == {
        "layout: post",
        "slug: zhong-wen",
        "hide_table_of_contents: False",
    }


HOSTILE = [
    pytest.param(
        '---\ntitle: "没有闭合的引号\nsummary: >\n  摘要\n---' + BODY,
        2,
        "malformed YAML front matter",
        id="unclosed-quote",
    ),
    pytest.param("---\ntitle: 没有结尾的围栏\nauthor: 张三" + BODY, 1, "never closed", id="unclosed-fence"),
    pytest.param('+++\ntitle = "好"\ndate = \n+++' + BODY, 3, "malformed TOML front matter", id="bad-toml"),
]


@pytest.mark.parametrize("text, line, message", HOSTILE)
def test_broken_front_matter_is_one_error_with_file_and_line(tmp_path, text, line, message):
    result, diagnostics = described(tmp_path, text, name="hostile.md")
    assert result is None
    (error,) = diagnostics.items
    assert (error.path, error.line, error.severity) == ("hostile.md", line, "error")
    assert message in error.message


# -- the body -----------------------------------------------------------------------------------


def test_headings_keep_their_levels_and_the_title_is_not_repeated():
    (document,) = read_documents(
        decoded("---\ntitle: 芯片简史\n---\n\n# 芯片简史\n\n## 起源\n\n正文一。\n\n### 细节\n\n正文二。\n")
    )
    assert document.title == "芯片简史"
    assert [(b.kind, b.level, b.text) for b in document.blocks] == [
        ("heading", 2, "起源"),
        ("paragraph", 0, "正文一。"),
        ("heading", 3, "细节"),
        ("paragraph", 0, "正文二。"),
    ]


BODIES = [
    pytest.param(
        "**重点**和*强调*，见[链接](https://example.com/x)。",
        ("paragraph", "**重点**和*强调*，见[链接](https://example.com/x)。"),
        id="emphasis-and-link",
    ),
    pytest.param("命令 `make` 很常用。", ("paragraph", "命令 `make` 很常用。"), id="inline-code"),
    pytest.param(
        "网址 <https://example.com/a> 在此。",
        ("paragraph", "网址 [https://example.com/a](https://example.com/a) 在此。"),
        id="autolink",
    ),
    pytest.param(
        "\\#话题 与 \\*星号\\*。", ("paragraph", "\\#话题 与 \\*星号\\*。"), id="escapes-stay-literal-characters"
    ),
    pytest.param("> 引用的一段话。", ("quote", "引用的一段话。"), id="block-quote"),
    pytest.param("###2008年危机", ("heading", "2008年危机"), id="heading-without-space"),
    pytest.param('正文<span style="color:red">红字</span>继续。', ("paragraph", "正文红字继续。"), id="inline-html"),
    pytest.param(
        "<div><p>块里的段落。</p><script>alert(1)</script></div>", ("paragraph", "块里的段落。"), id="html-block"
    ),
    pytest.param(
        "半导体产业链很长，从设计到制造再到封装测试，每个环节\n都离不开长期的投入和积累。",
        ("paragraph", "半导体产业链很长，从设计到制造再到封装测试，每个环节都离不开长期的投入和积累。"),
        id="wrapped-han-joins-without-space",
    ),
]

# Lines of one Markdown paragraph → the paragraphs a reader sees.  Prose wrapped at a width joins;
# a line its writer ended (one item per line, HackMD's visible breaks, a list of addresses) stays a line.
LINE_BREAKS = [
    pytest.param("姓名：张三\n单位：某研究所", ["姓名：张三", "单位：某研究所"], id="one-field-per-line"),
    pytest.param(
        "参考：\nhttps://example.com/a\nhttps://example.com/b",
        ["参考：https://example.com/a", "https://example.com/b"],
        id="addresses-one-per-line",
    ),
    pytest.param("第一行\n第二行", ["第一行", "第二行"], id="short-lines-are-lines"),
    pytest.param(
        "产业升级不是一句口号，它需要设备、材料、人才和资本在很长时间里一起\n发力，缺一不可。",
        ["产业升级不是一句口号，它需要设备、材料、人才和资本在很长时间里一起发力，缺一不可。"],
        id="wrapped-at-a-width",
    ),
    pytest.param("他说，\n这件事不急。", ["他说，这件事不急。"], id="a-line-ending-on-a-comma-goes-on"),
    pytest.param(
        "A short English line\nthat was wrapped at a width of forty columns or so.",
        ["A short English line that was wrapped at a width of forty columns or so."],
        id="latin-line-going-on-in-lower-case-joins",
    ),
    pytest.param("Chip Act\nSupply Chain", ["Chip Act", "Supply Chain"], id="latin-short-lines-are-lines"),
    pytest.param(
        "相关阅读：[美国芯片禁令出台，140\n家企业被列入实体名单](https://example.com/a)  \n[另一篇](https://example.com/b)",
        [
            "相关阅读：[美国芯片禁令出台，140家企业被列入实体名单](https://example.com/a)",
            "[另一篇](https://example.com/b)",
        ],
        id="a-break-inside-a-links-text-is-wrapping",
    ),
]


@pytest.mark.parametrize("body, expected", LINE_BREAKS)
def test_lines_a_writer_ended_stay_lines(body, expected):
    (document,) = read_documents(decoded(f"# 标题\n\n{body}\n\n结尾一句。\n"))
    assert [b.text for b in document.blocks[:-1]] == expected


@pytest.mark.parametrize("body, expected", BODIES)
def test_body_syntax_becomes_blocks(body, expected):
    (document,) = read_documents(decoded(f"# 标题\n\n{body}\n\n结尾一句。\n"))
    first = document.blocks[0]
    assert (first.kind, first.text) == expected


def test_nested_lists_stay_nested():
    (document,) = read_documents(decoded("# 标题\n\n* 一级\n  * 二级\n    * 三级\n* 另一项\n"))
    assert document.blocks[0].items == ("一级\n    - 二级\n        - 三级", "另一项")


def test_a_table_keeps_its_rows_and_cells():
    (document,) = read_documents(
        decoded("# 标题\n\n|时间|来源|\n|---|---|\n|上午|[某报](https://example.com)|\n|下午|某台|\n")
    )
    table = document.blocks[0]
    assert (table.kind, table.text, table.items) == (
        "table",
        "时间 | 来源",
        ("上午 | [某报](https://example.com)", "下午 | 某台"),
    )


IMAGES = [
    pytest.param(
        "![工厂的全景](https://img.example.com/a.jpg)",
        "工厂的全景",
        "https://img.example.com/a.jpg",
        id="alt-is-caption",
    ),
    pytest.param(
        "![cover_image](https://img.example.com/b.jpg)", "", "https://img.example.com/b.jpg", id="cover-image-word"
    ),
    pytest.param("![IMG_0042.png](https://img.example.com/c.png)", "", "https://img.example.com/c.png", id="file-name"),
    pytest.param(
        "![芯片的故事](https://img.example.com/d.png)", "", "https://img.example.com/d.png", id="repeats-the-title"
    ),
    pytest.param("![本地的图](../assets/e.png)", "本地的图", "", id="relative-picture-is-not-linked"),
    pytest.param(
        '[![分类图标](https://img.example.com/f.png)](/search?tid=5 "分类")',
        "分类图标",
        "https://img.example.com/f.png",
        id="linked-picture-alone-is-a-picture-not-a-source-link",
    ),
]


@pytest.mark.parametrize("markdown, caption, src", IMAGES)
def test_pictures_become_figures_captioned_by_their_alt_text(markdown, caption, src):
    (document,) = read_documents(decoded(f"# 芯片的故事\n\n{markdown}\n\n正文一句。\n"))
    figure = document.blocks[0]
    assert (figure.kind, figure.text, figure.src) == ("figure", caption, src)


def test_metadata_lines_under_the_title_are_fields_not_text(tmp_path):
    text = (
        "# 一篇公众号文章\n\n文章作者: 某号\n发布时间: 2024-12-04 09:24\n发布地: 上海\n"
        "原文链接: https://example.com/s?id=1\n\n封面图链接: https://img.example.com/c.jpg\n\n正文第一句。\n\n来源：文中的说法。\n"
    )
    result, _ = described(tmp_path, text)
    ((article, metadata),) = result.articles
    assert (metadata.title, metadata.authors, metadata.date, metadata.url) == (
        "一篇公众号文章",
        ("某号",),
        "2024-12-04",
        "https://example.com/s?id=1",
    )
    assert visible(article) == ["正文第一句。", "来源：文中的说法。"]
    assert audit(result, [])["han_missing"] == 0


def test_several_items_with_their_own_date_and_link_become_pages(tmp_path):
    text = (
        "# 今日要闻\n\n## 第一条新闻的标题\n\n2024-01-05\n\n[原文](https://example.com/1)\n\n第一条新闻的正文。\n\n---\n\n"
        "## 第二条新闻的标题\n\n2024-01-06\n\n[原文](https://example.com/2)\n\n第二条新闻的正文。\n"
    )
    result, _ = described(tmp_path, text)
    assert [(m.title, m.date, m.url) for _, m in result.articles] == [
        ("第一条新闻的标题", "2024-01-05", "https://example.com/1"),
        ("第二条新闻的标题", "2024-01-06", "https://example.com/2"),
    ]
    assert [visible(a) for a, _ in result.articles] == [["第一条新闻的正文。"], ["第二条新闻的正文。"]]
    assert audit(result, [])["han_missing"] == 0


def test_one_article_with_many_sections_stays_one_page(tmp_path):
    sections = "".join(f"\n\n## 第{n}节\n\n这一节的正文，讲产业链的一个环节。" for n in "一二三四")
    result, _ = described(tmp_path, "---\ntitle: 一篇长文\ndate: 2024-01-01\n---" + sections + "\n")
    assert [m.title for _, m in result.articles] == ["一篇长文"]


def test_front_matter_over_a_list_of_titled_articles_becomes_one_page_each(tmp_path):
    article = "这是一篇完整文章的正文，讲述一家公司几十年的起伏与技术路线的选择。" * 20
    text = (
        "---\ntitle: 文集\nauthor: 某作者\ndate: 2022-05-01\n---\n\n# <第一辑>\n\n"
        "> ## 1. 第一篇\n\n作者：某作者\n发表：2019年4月\n\n"
        f"{article}\n\n### 小节\n\n{article}\n\n> ## 2. 第二篇\n\n{article}\n\n"
        f"# <第二辑>\n\n## 1. 第三篇\n\n{article}\n\n"
        f"## 2. 第四篇\n\n{article}\n"
    )
    result, _ = described(tmp_path, text)
    assert [(m.title, m.date) for _, m in result.articles] == [
        ("第一篇", "2019-04"),
        ("第二篇", "2022-05-01"),
        ("第三篇", "2022-05-01"),
        ("第四篇", "2022-05-01"),
    ]
    assert audit(result, [])["han_missing"] == 0


def test_bilingual_article_takes_the_chinese_headline_and_keeps_both_languages(tmp_path):
    text = (
        "# The Chip War\n\n## 芯片战争\n\nThe first paragraph in English.\n\n第一段的中文译文。\n\n"
        "The second paragraph.\n\n第二段的中文译文。\n"
    )
    result, _ = described(tmp_path, text)
    ((article, metadata),) = result.articles
    assert metadata.title == "芯片战争"
    assert visible(article) == [
        "The Chip War",
        "The first paragraph in English.",
        "第一段的中文译文。",
        "The second paragraph.",
        "第二段的中文译文。",
    ]


def test_an_english_title_over_chinese_sections_stays_the_title(tmp_path):
    """`## 定義` … `## 歷史背景`: the first of several sections, not a Chinese headline."""
    text = (
        "# Global Semiconductor Market\n\n## 定義\n\n全球半導體市場指的是設計、製造和銷售半導體的產業。\n\n"
        "## 歷史背景\n\n這個市場的歷史可以追溯到晶體管的發明。\n"
    )
    result, _ = described(tmp_path, text)
    ((article, metadata),) = result.articles
    assert metadata.title == "Global Semiconductor Market"
    assert [b.text for b in article.blocks if b.kind == "heading"] == ["定義", "歷史背景"]


def test_a_document_without_chinese_text_is_a_warning_not_a_crash(tmp_path):
    result, diagnostics = described(
        tmp_path, "---\ntitle: English only\n---\n\nJust an English paragraph here.\n", "english.md"
    )
    assert result is not None
    assert [(d.path, d.severity) for d in diagnostics.items] == [("english.md", "warning")]
    assert "no Chinese text" in diagnostics.items[0].message


DETECTED = [
    pytest.param("---\ntitle: 有前言的文章\n---\n\n正文。\n", id="front-matter"),
    pytest.param('+++\ntitle = "雨果"\n+++\n\n正文。\n', id="toml-front-matter"),
    pytest.param("# 标题\n\n* 一项\n* 两项\n\n**粗体**的段落。\n", id="heading-list-emphasis"),
    pytest.param(
        "---\ntitle: 有分隔线的文章\n---\n\n开头一段。\n\n<hr>\n\n## 第一节\n\n正文。\n\n<hr>\n\n## 第二节\n\n"
        '<div class="widget">\n<div><span>图表</span></div>\n</div>\n',
        id="headings-between-html-blocks",
    ),
]


@pytest.mark.parametrize("text", DETECTED)
def test_markdown_is_detected_from_content(text):
    assert choose_reader(text).name == "markdown"


def test_an_html_body_under_front_matter_stays_with_the_html_reader():
    assert choose_reader("---\ntitle: 网页\n---\n<div><p>一。</p><p>二。</p><p>三。</p></div>\n").name == "html"


# -- the real files of the corpus ------------------------------------------------------------------

# What a reader states from opening each file (pages, first page's title, date, authors), written by hand.
CORPUS_FACTS = [
    pytest.param(
        "zh-hans_crifan_ic-business-models_nested-lists.md",
        1,
        "芯片产业链中不同公司的不同模式",
        "",
        (),
        id="crifan-lists",
    ),
    pytest.param(
        "zh-hans_crifan_ic-industry-chain_tiny-no-final-newline.md", 1, "芯片产业链", "", (), id="crifan-tiny"
    ),
    pytest.param(
        "zh-hans_gator-wechat_a-shares-domestic-chips_frontmatter-html-body.md",
        1,
        "A股：熟悉的行情（2025.4.14）",
        "2025-04-14",
        (),
        id="gator-html-body",
    ),
    pytest.param(
        "zh-hans_jinjiefan_chip-history-anthology_frontmatter-mixed-EOL.md",
        23,
        "光刻机之战",
        "2019-04",
        ("金捷幡",),
        id="jinjiefan-anthology",
    ),
    pytest.param(
        "zh-hans_wechat-aifaner_chip-controls-rare-earths_no-frontmatter.md",
        1,
        "中国强势反击美国芯片禁令，暂停关键稀土出口！四大行业协会罕见警告美国芯片“不再安全”",
        "2024-12-04",
        ("AI范儿",),
        id="aifaner-rare-earths",
    ),
    pytest.param(
        "zh-hans_wechat-aifaner_entity-list-140-firms_GB18030.txt",
        1,
        "美国历史上最严芯片禁令出台，140 家中国企业被列入实体名单",
        "2024-12-03",
        ("AI范儿",),
        id="aifaner-gb18030",
    ),
    pytest.param(
        "zh-hans_wechat-amazingfounder_flexport-trade-history_long.md",
        1,
        "Flexport创始人：我理解的世界贸易史",
        "2023-04-11",
        ("胖福馒头",),
        id="amazingfounder",
    ),
    pytest.param(
        "zh-hans_wechat-founderpark_commercial-rockets_yingkeji-long.md",
        1,
        "星河动力 刘百奇：商业航天不必照搬 SpaceX | Founder 100",
        "2022-05-31",
        ("Founder Park",),
        id="founderpark",
    ),
    pytest.param(
        "zh-hans_yarb_daily-news-list_UTF8BOM.md", 1, "每日资讯（2024-01-05）", "2024-01-05", (), id="yarb-table"
    ),
    pytest.param(
        "zh-hant-tw_careertags_morris-chang-tsmc_frontmatter-iframe.md",
        1,
        "專訪 TSMC 台積電創辦人張忠謀【Acquired 訪談重點摘要】",
        "2025-01-27",
        ("careertags",),
        id="careertags-iframe",
    ),
    pytest.param(
        "zh-hant-tw_careertags_small-ai-models_frontmatter_BIG5.md",
        1,
        "我們正在錯用人工智慧：如何才能真正用對它｜Sasha Luccioni【TED 演講重點摘要】",
        "2025-12-02",
        ("careertags",),
        id="careertags-big5",
    ),
]
CORPUS_FILES = [p.values[0] for p in CORPUS_FACTS]


@pytest.mark.parametrize("name, pages, title, date, authors", CORPUS_FACTS)
def test_corpus_file_has_the_pages_title_date_and_authors_its_source_states(
    corpus_dir, name, pages, title, date, authors
):
    diagnostics = Diagnostics()
    result = process_seed(corpus_dir / name, BuildSettings(seeds=corpus_dir), diagnostics)
    assert not diagnostics.errors, [str(d) for d in diagnostics.items]
    assert len(result.articles) == pages
    first = result.articles[0][1]
    assert (first.title, first.date, first.authors) == (title, date, authors)
    assert audit(result, [])["han_missing"] == 0


def test_anthology_items_are_the_numbered_articles_in_order(corpus_dir):
    result = process_seed(corpus_dir / CORPUS_FILES[3], BuildSettings(seeds=corpus_dir), Diagnostics())
    titles = [m.title for _, m in result.articles]
    assert titles[:3] == ["光刻机之战", "光刻机之战(2)-ASML传记", "光刻机之战-3(台积电)"]
    assert titles[-1] == "碳化硅的谎言与真相"
    assert "内存的故事" in titles and "芯片卡的故事" in titles


@pytest.fixture(scope="module")
def corpus_site(corpus_run):
    """My corpus files in the session's build of the whole corpus (conftest.corpus_run): its site, the build
    report and the errors that name one of them."""
    report = corpus_run.report
    assert report is not None, corpus_run.output[-3000:]
    errors = [
        line
        for line in corpus_run.output.splitlines()
        if line.startswith("error:") and any(name in line for name in CORPUS_FILES)
    ]
    return corpus_run.site, errors, report


SYNTAX = [
    "**",
    "![",
    "\\#",
    "\\*",
    "<https://",
    "<http://",
    "title:",
    "date:",
    "cover_image",
    "<span",
    "<p ",
    "<iframe",
    "&lt;",
    "&amp;",
    "{:",
    "\\=",
]


def test_corpus_pages_show_no_input_syntax(corpus_site):
    site, errors, report = corpus_site
    assert errors == []
    pages = [site / page.replace(".md", ".html") for name in CORPUS_FILES for page in report["seeds"][name]["pages"]]
    assert len(pages) == sum(p.values[1] for p in CORPUS_FACTS)
    assert {page.parent.name for page in pages} == {"articles"}
    for page in pages:
        article = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").find("article")
        text = article.get_text(" ")
        assert [s for s in SYNTAX if s in text] == [], page.name
        assert not any(line.lstrip().startswith("#") for line in text.split("\n")), page.name


def test_corpus_pages_link_to_the_original(corpus_site):
    site, _, report = corpus_site
    pages = report["seeds"][CORPUS_FILES[4]]["pages"]
    html = (site / pages[0].replace(".md", ".html")).read_text(encoding="utf-8")
    link = BeautifulSoup(html, "lxml").select_one("a.meta-original")
    assert link is not None and link["href"].startswith("http://mp.weixin.qq.com/s?__biz=")


def test_corpus_fidelity_loses_no_han_character(corpus_site):
    _, _, report = corpus_site
    assert {name: report["seeds"][name]["han_missing"] for name in CORPUS_FILES} == dict.fromkeys(CORPUS_FILES, 0)


def test_a_heading_repeating_the_front_matter_title_is_a_recorded_removal(tmp_path):
    result, diagnostics = described(
        tmp_path, "---\ntitle: 芯片设计流程\n---\n\n# 芯片设计流程\n\n芯片设计分为几个阶段，每个阶段都有专门的工具。\n"
    )
    article, _ = result.articles[0]
    assert [b.text for b in article.blocks] == ["芯片设计分为几个阶段，每个阶段都有专门的工具。"]
    assert [(r.rule, r.text) for r in article.report.removals] == [("repeated-title", "芯片设计流程")]
    assert audit(result, ["articles/x.md"])["han_missing"] == 0


def _cleaned(text: str):
    from build_tools.ingest.clean import clean

    (document,) = read_documents(decoded(text))
    return clean(document)


@pytest.mark.parametrize("pointer", ["如下图所示：", "详见图2。", "结构如下："])
def test_a_picture_the_text_points_to_is_marked_left_out_when_its_address_is_lost(pointer):
    article = _cleaned(f"# 标题\n\n服务业比重持续上升，{pointer}\n\n![](images/trend.svg)\n\n这一结论与调查一致。\n")
    kinds = [b.kind for b in article.blocks]
    assert kinds == ["paragraph", "figure", "paragraph"]
    assert article.blocks[1].src == "" and article.blocks[1].text == ""


def test_an_unpointed_picture_without_address_or_caption_is_no_box():
    article = _cleaned("# 标题\n\n服务业比重持续上升。\n\n![](images/trend.svg)\n\n这一结论与调查一致。\n")
    assert [b.kind for b in article.blocks] == ["paragraph", "paragraph"]


def test_prose_opening_with_a_date_in_markdown_is_a_paragraph_not_a_caption():
    text = "# 标题\n\n2020年7月，研究团队走访了十多家工厂，发现中小企业的投入明显不足\n\n这一结论与调查一致。\n"
    assert [b.kind for b in _cleaned(text).blocks] == ["paragraph", "paragraph"]


@pytest.mark.parametrize(
    "above, heading",
    [
        ("在投入产出分析中，产业之间的关联可以用矩阵表示。", False),
        ("这是一个没有标点但是非常长的句子它说明了产业之间的关联可以用矩阵来表示并且被经济学家广泛使用", False),
        ("产业之间的关联", True),
        ("Input-output analysis", True),
    ],
    ids=["a-sentence", "a-long-line", "a-short-title", "a-latin-title"],
)
def test_a_rule_right_under_a_sentence_is_a_rule_and_a_short_line_over_it_a_heading(above, heading):
    (document,) = read_documents(decoded(f"# 标题\n\n{above}\n-----\n\n下一段。\n"))
    assert [b.kind for b in document.blocks] == (
        ["heading", "paragraph"] if heading else ["paragraph", "rule", "paragraph"]
    )


@pytest.mark.parametrize(
    "head",
    ['+++\ntitle = "Business Cycle"\n+++\n', "---\ntitle: Business Cycle\n---\n"],
    ids=["toml", "yaml"],
)
def test_an_english_title_the_front_matter_states_is_the_title_over_a_chinese_section(tmp_path, head):
    text = f"{head}\n## 定义\n\n经济周期是经济活动扩张与收缩交替出现的现象。\n\n## 阶段\n\n通常分为四个阶段。\n"
    result, _ = described(tmp_path, text)
    ((article, metadata),) = result.articles
    assert metadata.title == "Business Cycle"
    assert "定义" in [b.text for b in article.blocks if b.kind == "heading"]


def _menu(labels: list[str], prefix: str = "/") -> str:
    return "\n".join(f"* [{label}]({prefix}c{n})" for n, label in enumerate(labels))


def test_a_saved_sites_menus_around_the_article_are_recorded_not_shown_its_resource_lists_stay():
    """A page saved as Markdown: the site's menus of short links into the site above and under the
    article are the site's; a list of resources linking out, and any list between paragraphs, stay."""
    menu_top = "* 分类:\n" + _menu(["首页", "科学", "科技", "移动", "硬件"])
    menu_bottom = _menu(["往日文章", "隐私政策", "使用条款", "网站介绍"]).replace("* ", "- ")  # a list of its own
    inside = _menu(["第一章", "第二章", "第三章", "第四章"])
    resources = "\n".join(f"* [资料{n}](https://ref{n}.example.org/)" for n in range(4))
    text = (
        f"---\ntitle: 电池工厂的一天\n---\n\n# 电池工厂的一天\n\n[登录](/login) [注册](/register)\n\n{menu_top}\n\n"
        "清晨六点，电池工厂的第一条产线开始运转，工人们检查设备。\n\n"
        f"{inside}\n\n"
        "到了傍晚，工厂一天生产的电芯被装车运往各地的整车厂。\n\n"
        f"{resources}\n\n{menu_bottom}\n\n![php](https://img.example.org/btn/php.gif)\n"
    )
    (document,) = read_documents(decoded(text))
    lists = [b.items for b in document.blocks if b.kind == "list"]
    assert [strip_markup(i) for items in lists for i in items] == [
        *("第一章", "第二章", "第三章", "第四章"),
        *(f"资料{n}" for n in range(4)),
    ]
    menus = " ".join(r.text for r in document.removals if r.rule == "site-navigation")
    assert [w for w in ("首页", "硬件", "往日文章", "网站介绍", "php") if w not in menus] == []
    assert [b for b in document.blocks if b.kind == "figure"] == []  # the site's badge under it all


@pytest.mark.parametrize(
    "line, author, date",
    [
        ("[张三](/~zhang) (42866)发表于 2025年07月17日 19时29分 星期四 [分享](/share)", "张三", "2025-07-17"),
        ("李四 發表於 2024-03-05 10:00", "李四", "2024-03-05"),
        ("Edwards posted on 2023/1/9", "Edwards", "2023-01-09"),
    ],
    ids=["post-count-and-share-link", "traditional", "english"],
)
def test_a_posted_by_line_under_the_headline_gives_the_author_and_date(tmp_path, line, author, date):
    result, _ = described(tmp_path, f"# 一篇博客文章\n\n{line}\n\n正文的第一段，讲了一件事情的来龙去脉。\n")
    (seed_article,) = result.articles
    assert (seed_article.metadata.authors, seed_article.metadata.date) == ((author,), date)
    assert "发表" not in "".join(b.text for b in seed_article.article.blocks)


@pytest.mark.parametrize("bold", ["**{key}:** {value}", "**{key}：** {value}", "__{key}:__ {value}"])
def test_field_lines_with_the_colon_inside_the_bold_are_fields(tmp_path, bold):
    lines = "\n".join(
        bold.format(key=k, value=v) for k, v in (("Channel", "某某的财经频道"), ("Published", "2025-12-19"))
    )
    text = f"# 为何快要通缩了\n\n{lines}\n\n---\n\n## 重点摘要\n\n央行宣布利率不变，以应对外部的不确定性。\n"
    result, _ = described(tmp_path, text)
    (seed_article,) = result.articles
    assert (seed_article.metadata.source, seed_article.metadata.date) == ("某某的财经频道", "2025-12-19")
    assert "Channel" not in " ".join(b.text + " ".join(b.items) for b in seed_article.article.blocks)
