"""Whole saved web pages (readers/webpage.py): the article found, its metadata from the page's own
tags, every dropped text a named removal, and each real saved page of the corpus read as its
source states it.  Small hand-written pages are the input/expected data for the rules; the
corpus tests check facts read off each page by a person (title, date, authors, first and last
sentence of the body) and that nothing the page marks as navigation or footer stays."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest

from build_tools.config.settings import BuildSettings
from build_tools.core.diagnostics import Diagnostics
from build_tools.core.model import Decoded, SourceFile
from build_tools.core.textutil import strip_markup
from build_tools.ingest.readers import choose_reader, read_documents
from build_tools.ingest.seeds import process_seed
from build_tools.ingest.sources import decode, read_source
from build_tools.plan.fidelity import audit

HAN = re.compile(r"[\u4e00-\u9fff]")
# Three paragraphs of running text: enough for a main-content extractor to call it an article.
BODY = (
    "<p>国产芯片企业在过去五年里持续加大研发投入，先后推出了多款面向数据中心的处理器，"
    "性能逐步接近国际主流产品，订单也从试用走向批量采购。</p>"
    "<p>业内人士认为，产业链上下游的协同是关键：从设计工具、制造工艺到封装测试，每一个环节"
    "都需要长期积累，单靠一家企业无法完成，需要整个生态共同努力。</p>"
    "<p>展望明年，多家企业表示将继续扩大产能，同时加强与高校和科研院所的合作，培养更多工程师，"
    "让自主创新的成果更快走向市场。</p>"
)
FIRST_SENTENCE = "国产芯片企业在过去五年里持续加大研发投入"
LAST_SENTENCE = "让自主创新的成果更快走向市场"
NAV = '<nav class="site-nav"><a href="/">首页</a> | <a href="/tech">科技频道</a> | <a href="/login">登录注册</a></nav>'
FOOTER = (
    '<footer class="site-footer">服务热线：400-000-0000 地址：北京市海淀区某某路1号 服务时间：9:00-18:00 版权所有'
    "</footer>"
)


def page(head: str = "", before: str = "", after: str = "", h1: str = "国产芯片加速走向市场") -> str:
    heading = f"<h1>{h1}</h1>" if h1 else ""
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head><body>{NAV}"
        f"<div class='main'><article>{heading}{before}{BODY}{after}</article></div>{FOOTER}</body></html>"
    )


def read(html: str, name: str = "page.html"):
    source = SourceFile(path=Path(name), name=name, data=html.encode(), sha256="0" * 64)
    return read_documents(Decoded(source=source, text=html, encoding="utf-8"))


def han(text: str) -> str:
    return "".join(HAN.findall(text))


def body_of(document) -> str:
    return "\n".join(strip_markup(t) for b in document.blocks for t in (b.text, *b.items))


# ---------------------------------------------------------------- fragment or whole page


@pytest.mark.parametrize(
    "html, reader",
    [
        (page(head="<title>国产芯片加速走向市场</title>"), "webpage"),
        (
            "<meta http-equiv='Content-Type' content='text/html; charset=UTF-8'>"
            "<div class='crumb'><a href='/'>首页</a></div>" + BODY,
            "webpage",
        ),
        ("---\ntitle: 前言里的标题\n---\n<div>" + BODY + "</div>", "html"),
        ("<div><h2>小标题</h2>" + BODY + "</div>", "html"),
    ],
    ids=["doctype-title-chrome", "template-output-with-charset", "front-matter-fragment", "bare-fragment"],
)
def test_whole_pages_and_fragments_are_told_apart_by_content(html, reader):
    assert choose_reader(html).name == reader


# ---------------------------------------------------------------- titles


@pytest.mark.parametrize(
    "head, h1, title",
    [
        ("<title>国产芯片加速走向市场_科技频道_某某新闻网</title>", "国产芯片加速走向市场", "国产芯片加速走向市场"),
        ("<title>國產晶片加速走向市場 - 科技 - 某某報社</title>", "國產晶片加速走向市場", "國產晶片加速走向市場"),
        ("<title>国产芯片加速走向市场 | 某网站</title>", "", "国产芯片加速走向市场"),
        (
            "<title>科技频道--国产芯片加速走向市场，订单从试用走向批量采购</title>",
            "",
            "国产芯片加速走向市场，订单从试用走向批量采购",
        ),
        (
            "<meta property='og:title' content='国产芯片加速走向市场'><title>别的标题_某某网</title>",
            "",
            "国产芯片加速走向市场",
        ),
        (
            "<meta property='og:site_name' content='某某新闻网'><meta property='og:title' content='某某新闻网'>"
            "<title>国产芯片加速走向市场_某某新闻网</title>",
            "",
            "国产芯片加速走向市场",
        ),
        (
            "<meta property='og:site_name' content='某某新闻网'><title>国产芯片加速走向市场-某某新闻网</title>",
            "",
            "国产芯片加速走向市场",
        ),
        ("<title>PET-CT芯片国产化进入快车道</title>", "", "PET-CT芯片国产化进入快车道"),
        ("<title>utf-8</title>", "国产芯片加速走向市场", "国产芯片加速走向市场"),
        ("<title>text/html; charset=gb2312</title>", "国产芯片加速走向市场", "国产芯片加速走向市场"),
    ],
    ids=[
        "underscore-channel-site",
        "traditional-dashes",
        "pipe-site",
        "channel-prefix",
        "og-title-first",
        "og-title-is-the-site",
        "hyphen-site-name",
        "hyphen-inside-a-word",
        "charset-title-utf8",
        "charset-title-content-type",
    ],
)
def test_title_without_channel_and_site_names(head, h1, title):
    [document] = read(page(head=head, h1=h1))
    assert document.title == title


def test_a_charset_name_is_never_the_title():
    [document] = read(page(head="<title>GB2312</title>", h1=""))
    assert document.title != "GB2312"
    assert "GB2312" not in document.front_matter.get("title", "")


# ---------------------------------------------------------------- date, authors, source, address


@pytest.mark.parametrize(
    "head, before, field, value",
    [
        ("<meta property='article:published_time' content='2019-09-07T19:53:27+08:00'>", "", "date", "2019-09-07"),
        (
            '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2023/02/21 21:20",'
            '"dateModified":"2023/02/22 08:00"}</script>',
            "",
            "date",
            "2023-02-21",
        ),
        ("", "<time datetime='2021-05-04T10:00'>5月4日</time>", "date", "2021-05-04"),
        ("", "<div class='info'>發文日期：中華民國107年3月13日</div>", "date", "2018-03-13"),
        (
            '<script type="application/ld+json">{"@type":"NewsArticle","author":[{"@type":"Person","name":"张敏"},'
            '{"@type":"Person","name":"冯雨瑶"}]}</script>',
            "",
            "authors",
            ["张敏", "冯雨瑶"],
        ),
        ("<meta name='author' content='李在山'>", "", "authors", ["李在山"]),
        ("", "<p class='byline'>来源：某某日报 作者：王敬照</p>", "authors", ["王敬照"]),
        ("<meta property='og:site_name' content='某某新闻网'>", "", "source", "某某新闻网"),
        (
            "<meta property='og:site_name' content='某某新闻网'>",
            "<div class='info'>2024-05-01 来源：某某日报</div>",
            "source",
            "某某日报",
        ),
        ("<link rel='canonical' href='https://example.com/a/1.html'>", "", "url", "https://example.com/a/1.html"),
        ("<meta name='keywords' content='芯片,国产替代,产业链'>", "", "tags", ["芯片", "国产替代", "产业链"]),
    ],
    ids=[
        "og-published-time",
        "json-ld-date-published",
        "time-datetime",
        "roc-labelled-date",
        "json-ld-authors",
        "meta-author",
        "byline-under-headline",
        "og-site-name",
        "a-repost-credits-its-outlet-by-the-headline",
        "canonical-url",
        "keywords-as-tags",
    ],
)
def test_metadata_from_the_pages_own_tags(head, before, field, value):
    [document] = read(page(head=head, before=before))
    assert document.front_matter[field] == value


@pytest.mark.parametrize(
    "head, before",
    [
        ("<meta name='author' content='name, email@gmail.com'>", ""),
        ("<meta property='og:site_name' content='某某新闻网'><meta name='author' content='某某新闻网'>", ""),
        ("<meta name='author' content='孔德明'>", "<p>（责任编辑：孔德明）</p>"),
        ("", "<p class='info'>作者：网络整理 阅读：1644</p>"),
        ("<meta name='author' content='新华社'>", ""),
    ],
    ids=["email-template", "the-site-itself", "the-pages-editor", "compiled-from-the-web", "an-outlet"],
)
def test_junk_is_no_author(head, before):
    [document] = read(page(head=head, before=before))
    assert not document.front_matter.get("authors")


def test_no_date_is_invented_when_the_page_states_none():
    [document] = read(page())
    assert "date" not in document.front_matter


# ---------------------------------------------------------------- chrome becomes named removals


def test_chrome_is_dropped_and_recorded_by_its_role():
    html = page(
        head="<title>国产芯片加速走向市场_某某网</title>",
        after="<div class='share-bar'>分享到微博 分享到微信朋友圈</div>"
        "<div class='related-news'><a href='/x'>另一篇新闻的标题在这里</a></div>"
        "<p>（责任编辑：孔德明）</p><p>#芯片 #国产替代 #产业链</p>",
    )
    [document] = read(html)
    body = body_of(document)
    assert FIRST_SENTENCE in body and LAST_SENTENCE in body
    for chrome in ("登录注册", "服务热线", "分享到微博", "另一篇新闻", "责任编辑", "#芯片"):
        assert chrome not in body, chrome
    removed = {r.rule: r.text for r in document.removals}
    assert "登录注册" in removed["site-navigation"]
    assert "服务热线" in removed["site-footer"]
    assert any("责任编辑" in r.text for r in document.removals if r.rule == "site-editor-credit")


def test_every_han_character_of_a_saved_page_is_accounted_for(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "page.html").write_text(
        page(
            head="<title>国产芯片加速走向市场_某某网</title><script>var x='广告位';</script>",
            after="<!-- 评论区 --><div class='comment-list'>网友评论：说得好</div>",
        ),
        encoding="utf-8",
    )
    result = process_seed(seeds / "page.html", BuildSettings(seeds=seeds), Diagnostics())
    report = audit(result, ["p"])
    assert report["han_missing"] == 0
    assert "评论" not in body_of(result.articles[0][0])


def test_hand_wrapped_preformatted_text_is_joined_by_its_hanging_indents():
    notice = (
        "<pre>\n主旨：公告以投標方法拍賣本院不動產有\n      關事項。\n公告事項：\n"
        "  一、投標書及保證金封存袋，向本院服務處購買，並應依投\n      標書所記載之注意事項填載。\n"
        "  二、拍定人就拍賣物無物之瑕疵擔保請求權。\n</pre>"
    )
    [document] = read("<html><head><title>公告</title></head><body>" + notice + "</body></html>")
    paragraphs = [strip_markup(b.text) for b in document.blocks]
    assert "主旨：公告以投標方法拍賣本院不動產有關事項。" in paragraphs
    assert "一、投標書及保證金封存袋，向本院服務處購買，並應依投標書所記載之注意事項填載。" in paragraphs
    assert "二、拍定人就拍賣物無物之瑕疵擔保請求權。" in paragraphs


# ---------------------------------------------------------------- the real saved pages of the corpus

CORPUS_PAGES = [
    # file, title, date, authors, first and last sentence of the article body (read off the page)
    pytest.param(
        "zh-hans_163_huawei-5g-chip-power_no-meta-charset.html",
        "华为Mate20X 5G版半天不到需充电 耗电制约5G芯片",
        "2019-09-07",
        [],
        "华为选择了5G芯片“当前锋”打头阵，先有5G芯片，再有5G手机。",
        "（应受访者要求，文中张严为化名。）",
        id="163",
    ),
    pytest.param(
        "zh-hans_banyuetan_yiyang-digital-economy_page.html",
        "益阳：“数字”是优长",
        "2020-01-02",
        ["史卫燕"],
        "益水之阳，是名益阳。",
        "才能书写益阳新的传奇。",
        id="banyuetan",
    ),
    pytest.param(
        "zh-hans_chinadaily_us-china-cooperation_html-named.txt",
        "外国专家：中美合作共赢符合国际社会利益",
        "2023-11-17",
        [],
        "在美国旧金山举行的中美元首会晤吸引了全世界的目光。",
        "美方需要作出更令人放心的承诺，并采取更多令人安心的行动。",
        id="chinadaily",
    ),
    pytest.param(
        "zh-hans_eastmoney-fund_market-briefing-digest_multi.html",
        "【资讯汇总】9月26日盘中重要资讯汇总 准确把握市场走向",
        "2019-09-26",
        [],
        "A股三大股指9月26日集体回调",
        "财政部部长刘昆表示，从目前来看，债券资金使用情况是良好的。",
        id="eastmoney",
    ),
    pytest.param(
        "zh-hans_eb-portal_semiconductor-12th-fyp_fullwidth-mixed-EOL.jsp",
        "十二五中国大半导体产业将迎来黄金发展期",
        "2011-03-17",
        [],
        "包括半导体、平板显示、光伏、印制电路等在内的中国大半导体产业在过去十年取得了令世人瞩目的巨大成就",
        "并力争上海汽车电子产业在国内市场达到",
        id="eb-portal",
    ),
    pytest.param(
        "zh-hans_ednchina_alibaba-ai-chip_page.html",
        "阿里发布最强AI芯片：性能“吊打”同行，一块顶十块GPU",
        "2019-09-25",
        [],
        "刚刚，在阿里2019云栖大会上",
        "未来，阿里成为软硬件一体化协同发展的公司。",
        id="ednchina",
    ),
    pytest.param(
        "zh-hans_guancha_ic-imports-weishaojun_page.html",
        "我国集成电路进口突破3000亿美元！魏少军：产业结构扭曲，没将产品作为中心",
        "2019-09-07",
        [],
        "9月3日，在第二届全球IC企业家大会暨第十七届中国国际半导体博览会开幕式上",
        "封测则有30%由外资以及台资在大陆的企业贡献。",
        id="guancha",
    ),
    pytest.param(
        "zh-hans_mingridapan_unctad-growth-forecast_page.html",
        "最新出炉联合国贸发报告：2019年全球经济增长率降至2.3%",
        "2019-09-26",
        [],
        "联合国贸发会议发布了《2019年贸易和发展报告》",
        "全球贸易增长也将严重减缓。",
        id="mingridapan",
    ),
    pytest.param(
        "zh-hans_stcn_midday-announcements_list.html",
        "午间公告：天奇股份中标广汽丰田项目；运达股份中标7亿元项目",
        "2019-09-26",
        ["李在山"],
        "证券时报e公司讯，当升科技：9614.5万元竞得常州市工业用地",
        "伊戈尔：拟1079.6万元收购控股子公司日本伊戈尔少数股权。",
        id="stcn",
    ),
    pytest.param(
        "zh-hans_xinhuanet-wayback_hebei-drama-tour_GB2312-native.html",
        "话剧《约定无期限》河北各市巡演结束",
        "2012-06-04",
        ["王敬照"],
        "一个约定，信守15年，感人至深；",
        "引导全市广大青年和中小学生树立正确的世界观、人生观、价值观。",
        id="xinhuanet-wayback",
    ),
    pytest.param(
        "zh-hant-tw_cna_egg-shortage-policy_page.html",
        "鄭文燦：多元方案解決蛋荒 預估3月初緩解",
        "2023-02-21",
        ["溫貴香"],
        "行政院副院長鄭文燦今天表示",
        "已經要求農委會在一段時間內盡全力緩解。",
        id="cna",
    ),
    pytest.param(
        "zh-hant-tw_judicial-yuan_court-auction-notice_BIG5-nested-html.html",
        "臺灣士林地方法院公告（第二次拍賣）",
        "2018-03-13",
        [],
        "主旨：公告以投標方法拍賣本院106年度司執字第70394號清償債務強制執行事件",
        "拍定（或承受或特拍應買）人應承擔拍定（或承受或准予應買）日至權利移轉證書取得前之地價稅、房屋稅。",
        id="judicial-yuan",
    ),
]
CHROME_WORDS = {"nav", "navbar", "footer", "foot", "copyright", "breadcrumb", "menu"}


def chrome_lines(corpus_dir: Path, name: str, title: str) -> list[str]:
    """Lines of at least six Han characters that the page itself marks as navigation or footer
    (`<nav>`, `<footer>`, or such a word in an element's class or id), other than the headline."""
    tree = lxml.html.document_fromstring(
        decode(read_source(corpus_dir / name, corpus_dir)).text.encode(), parser=lxml.html.HTMLParser(encoding="utf-8")
    )
    lines = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        words = set(re.split(r"[\s_\-]+", f"{element.get('class', '')} {element.get('id', '')}".lower()))
        if element.tag in ("nav", "footer") or words & CHROME_WORDS:
            for line in element.text_content().split("\n"):
                if len(han(line)) >= 6 and han(line) not in han(title):
                    lines.append(line.strip())
    return lines


@pytest.fixture(scope="module")
def corpus_results(corpus_dir):
    results = {}
    for param in CORPUS_PAGES:
        name = param.values[0]
        diagnostics = Diagnostics()
        results[name] = (process_seed(corpus_dir / name, BuildSettings(seeds=corpus_dir), diagnostics), diagnostics)
    return results


@pytest.mark.parametrize("name, title, date, authors, first, last", CORPUS_PAGES)
def test_corpus_page_reads_as_its_source_states(corpus_dir, corpus_results, name, title, date, authors, first, last):
    result, diagnostics = corpus_results[name]
    assert result is not None, [str(d) for d in diagnostics.items]
    assert result.format == "webpage"
    [(article, metadata)] = result.articles
    assert (metadata.title, metadata.date, list(metadata.authors)) == (title, date, authors)
    body = body_of(article)
    assert han(first) in han(body) and han(last) in han(body)
    assert not re.search(r"<[a-zA-Z/!]|&[a-z]+;|&#\d+;", body), "markup shown as text"
    assert audit(result, ["page"])["han_missing"] == 0
    assert not re.search(r"[（(【\[](?:责任编辑|責任編輯|编辑|編輯)[:：]", body), "an editor credit stayed"
    leftovers = [line for line in chrome_lines(corpus_dir, name, title) if han(line) in han(body)]
    assert not leftovers


def test_big5_page_with_user_defined_list_numbers_loses_no_han_text(corpus_dir):
    name = "zh-hant-tw_judicial-yuan_court-auction-notice_BIG5-nested-html.html"
    decoded = decode(read_source(corpus_dir / name, corpus_dir))
    assert decoded.encoding == "cp950" and "declared" in decoded.note and "user-defined" in decoded.note
    assert "其他公告事項" in decoded.text and "拍定人就拍賣物無物之瑕疵擔保請求權" in decoded.text
    # The list numbers are private-use characters, not the unrelated ideographs big5hkscs would make of them.
    assert "瀬、其他公告事項" not in decoded.text
    assert re.search("[\ue000-\uf8ff]、其他公告事項", decoded.text)


@pytest.mark.parametrize(
    "alt, caption",
    [
        ("003ednc20190925", ""),
        ("IMG_2019-09-25.jpg", ""),
        ("含光800芯片实物图", "含光800芯片实物图"),
    ],
    ids=["file-name", "camera-file-name", "real-caption"],
)
def test_a_file_name_is_no_caption(alt, caption):
    [document] = read(
        page(
            after=f"<p><img src='https://example.com/a.jpg' alt='{alt}'></p><p>图后还有一段正文，"
            "说明这张图片展示的是什么内容，以及它和文章的关系。</p>"
        )
    )
    [figure] = [b for b in document.blocks if b.kind == "figure"]
    assert strip_markup(figure.text) == caption


def test_subheads_the_extractor_dropped_stand_where_they_stood(corpus_results):
    # The page's three styled <h3> subheads, in page order, each before the paragraph that follows it there.
    result, _ = corpus_results["zh-hans_ednchina_alibaba-ai-chip_page.html"]
    blocks = list(result.articles[0][0].blocks)
    headings = [strip_markup(b.text) for b in blocks if b.kind == "heading"]
    assert headings[:3] == [
        "性能“吊打”同行，一块顶10块GPU",
        "从设计到流片只用了一年半时间",
        "已应用于阿里巴巴集团内多个场景",
    ]
    following = strip_markup(blocks[blocks.index(next(b for b in blocks if b.kind == "heading")) + 1].text)
    assert following.startswith("发布含光800芯片时，张建锋拿出一张芯片展示")


@pytest.mark.parametrize(
    "embed, shown",
    [
        ("<iframe src='https://www.youtube.com/embed/abc' title='台湾前十大公司排名'></iframe>", "台湾前十大公司排名"),
        ("<iframe src='//player.example.com/v/1'></iframe>", "player.example.com"),
        ("<embed src='https://charts.example.org/c.html'>", "charts.example.org"),
    ],
    ids=["titled-video", "scheme-relative-player", "embed-element"],
)
def test_an_embedded_player_or_chart_is_a_link_where_it_stood(embed, shown):
    [document] = read(page(after=f"<p>如下方影片所示：</p>{embed}<p>影片之后的段落。</p>"))
    texts = [b.text for b in document.blocks]
    at = next(i for i, t in enumerate(texts) if shown in t)
    assert "](http" in texts[at] and texts[at - 1].startswith("如下方") and texts[at + 1] == "影片之后的段落。"


@pytest.mark.parametrize(
    "frame",
    [
        "<iframe src='https://googleads.g.doubleclick.net/pagead/ads?x=1'></iframe>",
        "<iframe src='https://track.example.com/p' width='1' height='1'></iframe>",
        "<iframe src='https://w.example.com/x' style='display: none'></iframe>",
        "<iframe src='/local/frame.html'></iframe>",
    ],
    ids=["ad-network", "tracking-pixel", "hidden", "relative"],
)
def test_an_advertising_hidden_or_local_frame_is_never_linked(frame):
    [document] = read(page(after=f"{frame}<p>最后一段。</p>"))
    assert not [b.text for b in document.blocks if "嵌入" in b.text]


@pytest.mark.parametrize(
    "head, src, expected",
    [
        (
            "<link rel='canonical' href='https://news.example.com/a/1.html'>",
            "/up/p1.jpg",
            "https://news.example.com/up/p1.jpg",
        ),
        (
            "<meta property='og:url' content='https://news.example.com/a/1.html'>",
            "i/p1.jpg",
            "https://news.example.com/a/i/p1.jpg",
        ),
        ("<base href='https://cdn.example.com/site/'>", "p1.jpg", "https://cdn.example.com/site/p1.jpg"),
        ("", "/up/p1.jpg", None),
    ],
    ids=["canonical", "og-url", "base", "no-address-known"],
)
def test_a_saved_pages_relative_picture_resolves_against_its_own_address(head, src, expected):
    from tests.test_guarantees import saved_page

    html = saved_page("div-chrome-article").replace("<head>", f"<head>{head}", 1)
    end = html.index("</p>") + len("</p>")
    [document] = read(html[:end] + f"<p><img src='{src}' alt=''></p>" + html[end:])
    figures = [b.src for b in document.blocks if b.kind == "figure"]
    assert figures == [expected or ""]  # unknown: no address at all (cleaning then decides), never a guess


@pytest.mark.parametrize("template", ["div-chrome-article", "semantic-chrome-div-content", "div-chrome-div-content"])
def test_a_headline_set_in_a_styled_line_is_the_title_when_the_page_names_none(template):
    from tests.test_guarantees import TEMPLATES, saved_page

    html = saved_page(template).replace("<h1>", "<div class='newst'>").replace("</h1>", "</div>")
    html = re.sub(r"<title>[^<]*</title>", "<title></title>", html)
    [document] = read(html)
    assert document.title == TEMPLATES[template][2]


def _teasers(count: int, captions_are_sentences: bool) -> str:
    """A site's home page: a picture per story linking to it, the story's title (or, for a photo story,
    a sentence) under it, the writer's avatar named after the writer."""
    titles = [f"国产芯片的第{n}次突破" for n in range(count)]
    cards = "".join(
        f'<div class="card"><a href="/article/{n}"><img src="https://img.example.com/t/{n}.jpg" '
        f'alt="{title + "。" if captions_are_sentences else title}"></a>'
        f'<a href="/user/{n}"><img src="https://img.example.com/u/{n}.jpg" alt="Author: 作者{n}号"></a></div>'
        for n, title in enumerate(titles)
    )
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>最新文章</title></head><body>{NAV}"
        f"<div class='main'><h1>最新文章</h1>{cards}</div>{FOOTER}</body></html>"
    )


def test_a_home_page_of_teasers_is_one_error_naming_the_file_not_a_page(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "home.html").write_text(_teasers(12, captions_are_sentences=False), encoding="utf-8")
    diagnostics = Diagnostics()
    assert process_seed(seeds / "home.html", BuildSettings(seeds=seeds), diagnostics) is None
    assert [(d.path, d.severity) for d in diagnostics.items] == [("home.html", "error")]
    assert "no article text" in diagnostics.items[0].message


def test_an_article_with_many_pictures_is_still_an_article():
    html = page(after="".join(f'<p><img src="https://img.example.com/{n}.jpg" alt="车间{n}号"></p>' for n in range(8)))
    (document,) = read(html)
    assert FIRST_SENTENCE in body_of(document)
