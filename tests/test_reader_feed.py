"""Feeds (RSS 2.0, RSS 1.0, Atom): one document per item with its title, date, link, authors and text.

Inputs are hand-written feeds; the expected values are written out beside them, read off the feed.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from build_tools.core.diagnostics import Diagnostics, InputError
from build_tools.core.model import SourceFile
from build_tools.ingest.clean import clean
from build_tools.ingest.metadata import extract_metadata
from build_tools.ingest.readers import choose_reader, read_documents
from build_tools.ingest.sources import decode


def decoded_from_bytes(data: bytes, name: str = "feed.txt"):
    """Through the real decoding stage, as the build does."""
    return decode(SourceFile(Path(name), name, data, hashlib.sha256(data).hexdigest()))


def read(text: str, name: str = "feed.txt"):
    return read_documents(decoded_from_bytes(text.encode("utf-8"), name))


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>硬件周刊</title>
  <link>https://news.example.org/</link>
  <description>每周的芯片新闻</description>
  <item>
    <title>国产光刻机取得新进展</title>
    <link>https://news.example.org/2024/litho.html</link>
    <pubDate>Tue, 05 Mar 2024 07:30:00 +0800</pubDate>
    <dc:creator>王小明</dc:creator>
    <category>半导体</category>
    <category>设备</category>
    <description>一句话导语：光刻机有了进展。</description>
    <content:encoded><![CDATA[<p>据报道，某公司的光刻机通过了验收。</p><p><strong>产能</strong></p><p>明年计划交付十台。</p>]]></content:encoded>
  </item>
  <item>
    <title>存储芯片价格回升</title>
    <link>https://news.example.org/2024/memory.html</link>
    <pubDate>Mon, 04 Mar 2024 10:00:00 GMT</pubDate>
    <description><![CDATA[<p>三月以来，存储芯片的合约价连续上涨。</p>]]></description>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>晶片觀察</title>
  <entry>
    <title type="html">台積電 &amp;lt;先進製程&amp;gt; 擴產</title>
    <link rel="alternate" href="https://atom.example.tw/posts/1"/>
    <id>tag:atom.example.tw,2023:1</id>
    <published>2023-11-30T22:15:00-05:00</published>
    <updated>2023-12-02T08:00:00+08:00</updated>
    <author><name>陳大文</name></author>
    <author><name>林美玲</name></author>
    <category term="晶圓代工"/>
    <summary>摘要：擴產。</summary>
    <content type="html">&lt;p&gt;台積電宣布在高雄擴建新廠。&lt;/p&gt;&lt;p&gt;新廠預計兩年後量產。&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>只有更新日期的文章</title>
    <link href="https://atom.example.tw/posts/2"/>
    <id>tag:atom.example.tw,2023:2</id>
    <updated>2023-10-01T09:00:00Z</updated>
    <content type="text">第一段純文字。

第二段純文字。</content>
  </entry>
</feed>
"""

RDF = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://rdf.example.org/"><title>老式订阅</title><link>https://rdf.example.org/</link>
    <description>RSS 1.0</description></channel>
  <item rdf:about="https://rdf.example.org/a">
    <title>传感器产业的新格局</title><link>https://rdf.example.org/a</link>
    <dc:date>2019-07-08</dc:date><dc:creator>赵六</dc:creator>
    <description>国内传感器厂商的份额正在扩大。</description>
  </item>
</rdf:RDF>
"""

# One row per feed: (id, feed, item index, title, date, authors, url, source, tags, sentence on the page).
ITEM_CASES = [
    (
        "rss-content-encoded",
        RSS,
        0,
        "国产光刻机取得新进展",
        "2024-03-05",
        ["王小明"],
        "https://news.example.org/2024/litho.html",
        "硬件周刊",
        ["半导体", "设备"],
        "据报道，某公司的光刻机通过了验收。",
    ),
    (
        "rss-description-only",
        RSS,
        1,
        "存储芯片价格回升",
        "2024-03-04",
        [],
        "https://news.example.org/2024/memory.html",
        "硬件周刊",
        [],
        "三月以来，存储芯片的合约价连续上涨。",
    ),
    (
        "atom-html-content",
        ATOM,
        0,
        "台積電 <先進製程> 擴產",
        "2023-11-30",
        ["陳大文", "林美玲"],
        "https://atom.example.tw/posts/1",
        "晶片觀察",
        ["晶圓代工"],
        "台積電宣布在高雄擴建新廠。",
    ),
    (
        "atom-updated-only-plain-text",
        ATOM,
        1,
        "只有更新日期的文章",
        "2023-10-01",
        [],
        "https://atom.example.tw/posts/2",
        "晶片觀察",
        [],
        "第二段純文字。",
    ),
    (
        "rss1-rdf",
        RDF,
        0,
        "传感器产业的新格局",
        "2019-07-08",
        ["赵六"],
        "https://rdf.example.org/a",
        "老式订阅",
        [],
        "国内传感器厂商的份额正在扩大。",
    ),
]


def page_text(document) -> str:
    return "\n".join([b.text for b in document.blocks] + [i for b in document.blocks for i in b.items])


@pytest.mark.parametrize(
    "feed, index, title, date, authors, url, source, tags, sentence",
    [case[1:] for case in ITEM_CASES],
    ids=[case[0] for case in ITEM_CASES],
)
def test_each_item_is_a_document_with_its_own_facts(feed, index, title, date, authors, url, source, tags, sentence):
    document = read(feed)[index]
    assert document.format == "feed"
    assert document.title == title
    fields = document.front_matter
    assert fields.get("date") == date
    assert fields.get("authors", []) == authors
    assert fields.get("url") == url
    assert fields.get("source") == source
    assert fields.get("tags", []) == tags
    assert sentence in page_text(document)


@pytest.mark.parametrize("feed, items", [(RSS, 2), (ATOM, 2), (RDF, 1)], ids=["rss", "atom", "rss1"])
def test_one_document_per_item(feed, items):
    assert len(read(feed)) == items


def test_full_content_is_the_page_and_the_description_its_summary():
    document = read(RSS)[0]
    assert document.front_matter["summary"] == "一句话导语：光刻机有了进展。"
    assert "一句话导语" not in page_text(document)
    assert [b.kind for b in document.blocks] == ["paragraph", "heading", "paragraph"]


@pytest.mark.parametrize("name", ["news.xml", "feed.txt", "page.html", "notes.md"])
def test_recognised_by_content_whatever_the_file_is_called(name):
    assert choose_reader(decoded_from_bytes(RSS.encode(), name).text).name == "feed"


def test_an_html_page_that_mentions_rss_is_not_a_feed():
    page = (
        "<!DOCTYPE html><html><body><p>订阅：&lt;rss&gt; 与 <code>&lt;feed&gt;</code> 的区别。</p><p>二</p><p>三</p>"
        "</body></html>"
    )
    assert choose_reader(page).name in ("html", "webpage")  # a web page (whole or fragment), not a feed


GB18030_FEED = (
    '<?xml version="1.0" encoding="GB18030"?>\n<rss version="2.0"><channel><title>古籍数字化</title>'
    "<item><title>生僻字𠮷与㐀的编码</title><pubDate>Sat, 01 Jun 2024 12:00:00 +0800</pubDate>"
    "<description>&lt;p&gt;四字节的字符𠮷也要正确显示。&lt;/p&gt;</description></item></channel></rss>\n"
)


@pytest.mark.parametrize("declared", ["GB18030", "gb2312"], ids=["declaration-right", "declaration-says-gb2312"])
def test_gb18030_feed_keeps_its_characters_whatever_the_declaration_says(declared):
    data = GB18030_FEED.replace('encoding="GB18030"', f'encoding="{declared}"').encode("gb18030")
    documents = read_documents(decoded_from_bytes(data))
    assert documents[0].title == "生僻字𠮷与㐀的编码"
    assert "四字节的字符𠮷也要正确显示。" in page_text(documents[0])
    assert documents[0].front_matter["source"] == "古籍数字化"


EMPTY_TITLE = """<rss version="2.0"><channel><title>快讯</title>
<item><title></title><description>&lt;p&gt;工信部发布新规，鼓励企业加大研发投入。后续细则另行公布。&lt;/p&gt;</description></item>
<item><title>   </title><description>&lt;p&gt;第二条快讯的正文。&lt;/p&gt;</description></item>
</channel></rss>"""


def test_an_item_with_an_empty_title_takes_it_from_its_text_without_error():
    documents = read(EMPTY_TITLE)
    assert [d.title for d in documents] == ["", ""]
    diagnostics = Diagnostics()
    titles = [
        extract_metadata(clean(d), {}, diagnostics, document_number=n).title for n, d in enumerate(documents, start=1)
    ]
    assert titles == ["工信部发布新规，鼓励企业加大研发投入", "第二条快讯的正文"]  # the opening sentence
    assert diagnostics.items == []


HEADLINES_ONLY = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>标题聚合</title>
<item><title>第一条新闻</title><link>https://example.org/1</link></item>
<item><title>第二条新闻</title><link>https://example.org/2</link>\
<description>&lt;img src="https://example.org/p.png" alt="配图"&gt;</description></item>
</channel></rss>"""


def test_a_feed_of_headlines_without_text_is_one_error_naming_the_file():
    with pytest.raises(InputError) as raised:
        read(HEADLINES_ONLY, name="headlines.xml")
    message = str(raised.value)
    assert message.startswith("headlines.xml: ")
    assert "article text" in message


def test_a_feed_with_no_items_is_one_error_naming_the_file():
    with pytest.raises(InputError) as raised:
        read('<?xml version="1.0"?><rss version="2.0"><channel><title>空频道</title></channel></rss>', name="empty.xml")
    assert str(raised.value).startswith("empty.xml: a feed with no items")


def test_items_without_text_are_left_out_and_recorded():
    feed = RSS.replace(
        "</channel>",
        '<item><title>只有图片</title><author>编辑部</author><description>&lt;img alt="推广图" '
        'src="https://x.example/a.png"&gt;</description></item></channel>',
    )
    documents = read(feed)
    assert [d.title for d in documents] == ["国产光刻机取得新进展", "存储芯片价格回升"]
    recorded = [r.text for d in documents for r in d.removals if r.rule == "feed-item-without-text"]
    assert recorded == ["只有图片 编辑部 推广图"]  # all its text, for the fidelity audit


HOSTILE = """<rss version="2.0"><channel><title>来路不明</title><item><title>带脚本的文章</title>
<description><![CDATA[<p onclick="steal()">正文第一段。<script>document.write('窃取')</script></p>
<iframe src="https://evil.example/"></iframe><p><a href="javascript:alert(1)">点这里</a>看详情。</p>
<img src="javascript:alert(2)" onerror="alert(3)" alt="示意图"><style>p{display:none}</style>]]></description>
</item></channel></rss>"""


def test_hostile_html_in_an_item_is_sanitised_and_its_text_kept():
    document = read(HOSTILE)[0]
    text = page_text(document) + " ".join(b.src for b in document.blocks)
    for dangerous in ("<script", "窃取", "javascript:", "onclick", "onerror", "<iframe", "<style", "display:none"):
        assert dangerous not in text
    assert "正文第一段。" in text
    assert "点这里看详情。" in text
    assert [b.text for b in document.blocks if b.kind == "figure"] == ["示意图"]


def test_an_epoch_date_is_no_date():
    feed = RSS.replace("Mon, 04 Mar 2024 10:00:00 GMT", "Thu, 01 Jan 1970 08:00:00 +0800")
    assert "date" not in read(feed)[1].front_matter


def test_documents_know_the_line_of_their_item():
    lines = [d.line for d in read(RSS)]
    assert lines == [7, 17]


def test_corpus_rss_feed(corpus_dir):
    """The corpus's RSS snapshot: 29 items, of which the last two are only a promotional picture."""
    path = corpus_dir / "zh-hans_techweb_hot-news-feed_rss.xml"
    documents = read_documents(decoded_from_bytes(path.read_bytes(), path.name))
    assert len(documents) == 27
    first = documents[0]
    assert first.title == "苹果第四财季净利润下滑19% 这次大中华区也不给力了"
    assert first.front_matter["date"] == "2016-10-26"
    assert first.front_matter["authors"] == ["明宇"]
    assert first.front_matter["url"] == "http://www.techweb.com.cn/it/2016-10-26/2420458.shtml"
    assert first.front_matter["source"] == "TechWeb 每日热点推荐 RSS阅读"
    assert "苹果第四财季共售出488.6万台Mac，比去年同期的523.9万台减少14%；" in page_text(first)
    assert documents[20].title == "云盘关停背后：摆上台面的都是借口 真相只有一个"
    assert documents[20].front_matter["date"] == "2016-10-26"  # 07:19 +0800: still the 25th in UTC
    assert "date" not in documents[-1].front_matter  # the blog items state the Unix epoch
    assert all(not any(t in d.title for t in ("&lt;", "<", "&amp;")) for d in documents)


XXE = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>外部实体</title><item><title>读取本机文件的尝试</title>
<description>正文开头。&secret;正文结尾。</description></item></channel></rss>"""


def test_external_entities_in_a_feed_are_never_loaded():
    text = "\n".join([*(b.text for b in read(XXE)[0].blocks)])
    assert "root:" not in text
    assert "正文开头。" in text


def _one_item_feed(channel_title: str, content: str) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>{channel_title}</title><link>https://blog.example.org/</link>
<item><title>储能电池降价</title><link>https://blog.example.org/p/7</link>
<pubDate>Tue, 05 Mar 2024 08:00:00 +0800</pubDate>
<content:encoded><![CDATA[{content}]]></content:encoded></item></channel></rss>
"""


# A feed generator's label around the publication's name (the channel title) is not the source.
CHANNEL_TITLES = [
    pytest.param("All Posts - 硬核观察", "硬核观察", id="label-before"),
    pytest.param("硬核观察 - RSS", "硬核观察", id="label-after"),
    pytest.param("Posts on 硬核观察", "硬核观察", id="hugo-posts-on"),
    pytest.param("最新文章 | 硬核观察", "硬核观察", id="chinese-label"),
    pytest.param("硬核观察", "硬核观察", id="a-name-alone"),
    pytest.param("硬核观察：芯片与制造", "硬核观察：芯片与制造", id="a-name-with-its-own-colon-stays"),
]


@pytest.mark.parametrize("channel, source", CHANNEL_TITLES)
def test_the_feed_title_without_its_generators_label_is_the_source(channel, source):
    (document,) = read(_one_item_feed(channel, "<p>储能电池的价格在一年内下降了近四成，部分企业开始退出市场。</p>"))
    assert document.front_matter["source"] == source


BYLINES = [
    pytest.param("<p>作者：赵六</p>", {"authors": ("赵六",)}, id="author-line"),
    pytest.param("<p>文/赵六</p>", {"authors": ("赵六",)}, id="writer-credit"),
    pytest.param(
        "<p>作者：赵六　来源：某某周刊</p>", {"authors": ("赵六",), "source": "某某周刊"}, id="author-and-source"
    ),
    pytest.param(
        "<p>作者：赵六，原载于某某周刊。</p>", {"authors": ("赵六",), "source": "某某周刊"}, id="first-appeared-in"
    ),
]


@pytest.mark.parametrize("opening, fields", BYLINES)
def test_a_byline_opening_an_items_text_is_its_metadata_not_its_text(opening, fields):
    text = "<p>储能电池的价格在一年内下降了近四成，部分企业开始退出市场。</p>"
    (document,) = read(_one_item_feed("硬核观察", opening + text))
    for key, value in fields.items():
        expected = list(value) if isinstance(value, tuple) else value
        got = document.front_matter[key]
        assert (list(got) if isinstance(got, (list, tuple)) else got) == expected
    assert [b.text for b in document.blocks] == ["储能电池的价格在一年内下降了近四成，部分企业开始退出市场。"]


ESCAPED_ATTRIBUTES_ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>并发笔记</title>
  <entry>
    <title>常用的锁</title>
    <link href="https://blog.example.org/locks/"/>
    <updated>2025-07-31T06:22:54.000Z</updated>
    <content type="html"><![CDATA[<p>锁是同步线程的重要机制，下面逐一说明。</p>
<h2 id="互斥锁"><a href="#互斥锁" title="互斥锁"></a>互斥锁</h2>
<p>互斥锁保证同一时间只有一个线程访问资源。</p>]]></content>
    <summary type="html">&lt;p&gt;锁是同步线程的重要机制，下面逐一说明。&lt;/p&gt;
&lt;h2 id=&quot;互斥锁&quot;&gt;&lt;a href=&quot;#互斥锁&quot; title=&quot;互斥锁&quot;&gt;&lt;/a&gt;
互斥锁&lt;/h2&gt;</summary>
  </entry>
</feed>
"""


def test_han_in_the_attributes_of_escaped_html_is_no_false_loss(tmp_path):
    """Atom's `type="html"` summary is HTML written as text: its `id=`, `href=` and `title=` values
    are markup, not lost sentences, so the audit raises no "bug" for them."""
    from build_tools.config.settings import BuildSettings
    from build_tools.ingest.seeds import process_seed
    from build_tools.plan.fidelity import audit

    (tmp_path / "feed.xml").write_text(ESCAPED_ATTRIBUTES_ATOM, encoding="utf-8")
    result = process_seed(tmp_path / "feed.xml", BuildSettings(seeds=tmp_path), Diagnostics())
    assert result is not None and len(result.articles) == 1
    assert audit(result, ["p"])["han_missing"] == 0


def test_a_sentence_lost_beside_escaped_html_is_still_reported(tmp_path):
    """The allowance for escaped markup covers only what stands in attributes: a lost sentence whose
    characters are in no attribute is still missing."""
    from build_tools.core.textutil import han_chars, markup_han

    lost = "这一句在任何属性里都没有出现"
    assert not set(han_chars(lost)) & set(markup_han(ESCAPED_ATTRIBUTES_ATOM + lost))


# A description whose links and bold names were taken out onto lines of their own, as a feed
# generator writes it; each case: the lines as cut, the sentence as written.
CUT_AT_INLINES = [
    pytest.param(
        ["9月17日，", "Kimi", "Code正式推出桌面客户端。"], "9月17日，Kimi Code正式推出桌面客户端。", id="name-cut-out"
    ),
    pytest.param(
        ["这次", "Kimi", "把编程工具搬到了图形界面。"], "这次Kimi把编程工具搬到了图形界面。", id="name-mid-sentence"
    ),
    pytest.param(
        ["也能对接", "DeepSeek", "、", "Qwen", "等兼容接口。"], "也能对接DeepSeek、Qwen等兼容接口。", id="list-of-names"
    ),
    pytest.param(
        ["包括比亚迪、", "Tesla", "在内的车企。"], "包括比亚迪、Tesla在内的车企。", id="after-an-enumeration-comma"
    ),
]


@pytest.mark.parametrize("lines, sentence", CUT_AT_INLINES)
def test_a_sentence_cut_at_its_inline_elements_is_one_sentence_again(lines, sentence):
    opening = "储能电池的价格在过去一年里下降了三成，厂商的利润随之变薄。"
    [document] = read(_one_item_feed("硬核观察", "\n".join([opening, *lines, "问题来了。"])))
    assert [b.text for b in document.blocks] == [opening, sentence, "问题来了。"]


def test_a_poems_lines_ending_in_commas_stay_lines():
    poem = ["床前明月光，", "疑是地上霜。", "举头望明月，", "低头思故乡。"]
    [document] = read(_one_item_feed("硬核观察", "<br>\n".join(poem)))
    assert [b.text for b in document.blocks] == poem
