"""Annotation of running text, topic pages and their counts."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from build_tools.chinese.glossary import load_glossary, shown_forms
from build_tools.core.model import Block, Metadata
from build_tools.core.textutil import strip_markup
from build_tools.editions.annotate import Annotator, Mention, number_paragraphs, term_views
from build_tools.editions.termcards import terms_script
from build_tools.editions.topics import (
    CHART_ROWS,
    MAX_RELATED,
    TOPIC_PAGE_ARTICLES,
    ArticleMentions,
    RelatedArticles,
    glossary_page,
    topic_pages,
)
from build_tools.renderer.dialect import DIALECT
from tests.conftest import front_matter, page_body

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = load_glossary(ROOT / "build_tools" / "data" / "glossary.yaml")
VIEWS = term_views(GLOSSARY, DIALECT)


def annotate(blocks, mode="first-link"):
    return Annotator(GLOSSARY.matcher(), VIEWS, mode).annotate(number_paragraphs(blocks), "../")


def visible(markdown: str) -> str:
    return re.sub(r"<[^>]+>", "", markdown)


def test_term_in_running_text_is_marked_and_the_text_stays_the_same():
    text = "美国通过出口管制政策在高科技领域卡脖子，企业只能自主创新。"
    [block], mentions = annotate([Block("paragraph", text)])
    assert visible(block.text) == text
    assert '<a class="term" data-term="qia-bo-zi" href="../topics/qia-bo-zi.html">卡脖子</a>' in block.text
    assert "title=" not in block.text  # the definition lives once per site (terms.js), not in every mark
    assert [m.term for m in mentions] == ["出口管制", "卡脖子", "自主创新"]


def test_a_term_is_marked_once_per_section_and_every_occurrence_is_still_a_mention():
    blocks = [
        Block("paragraph", "出海很难。出海要本地化，出海也要合规。"),
        Block("paragraph", "再说出海。"),
        Block("heading", "新的一节", level=2),
        Block("paragraph", "还是出海。"),
    ]
    result, mentions = annotate(blocks)
    assert [b.text.count('class="term"') for b in result] == [1, 0, 0, 1]
    assert [visible(b.text) for b in result] == [b.text for b in blocks]
    assert sum(1 for m in mentions if m.term == "出海") == 5  # topic pages count every occurrence


def test_adjacent_marks_stay_apart():
    [block], _ = annotate([Block("paragraph", "很多公司涌入硬科技赛道。")])
    assert '<a class="term" data-term="ying-ke-ji"' in block.text
    assert '<a class="term adjacent" data-term="sai-dao"' in block.text


def test_mode_setting_changes_the_markup():
    blocks = [Block("paragraph", "内卷很严重。又是内卷。")]
    assert annotate(blocks, "all-links")[0][0].text.count('<a class="term"') == 2
    tooltips = annotate(blocks, "tooltips")[0][0].text
    assert tooltips.count("<a ") == 0 and tooltips.count('<abbr class="term" data-term="nei-juan" tabindex="0">') == 1
    assert annotate(blocks, "off")[0][0].text == "内卷很严重。又是内卷。"


# Whether a glossary form in running text is the term: (text, term, marked?).  Written from how an
# editor reads each sentence, not from the rules.
CONTEXT_CASES = [
    pytest.param("发布的《中小硬科技企业更快高质量发展工作方案》提出", "硬科技", False, id="inside-a-document-title"),
    pytest.param("《芯片战争》之后，芯片战愈演愈烈", "芯片战", True, id="after-a-closed-title"),
    pytest.param("某某大中华区硬科技行业中心主管认为", "硬科技", False, id="inside-an-organisation-name"),
    pytest.param("某市人形机器人创新中心成立", "人形机器人", False, id="organisation-name-with-words-between"),
    pytest.param("一家硬科技公司上市", "硬科技", True, id="a-company-described-not-named"),
    pytest.param("各地建设算力中心", "算力", True, id="suffix-right-after-is-a-description"),
    pytest.param("越往后越昂贵，即反摩尔定律。", "摩尔定律", False, id="negating-prefix-fan"),
    pytest.param("这是一种非内卷的做法", "内卷", False, id="negating-prefix-fei"),
    pytest.param("这并非内卷，而是正常竞争", "内卷", True, id="bingfei-is-a-word-not-a-prefix"),
    pytest.param("这种做法违反摩尔定律的节奏", "摩尔定律", True, id="weifan-is-a-word-not-a-prefix"),
    pytest.param("過去內卷嚴重", "内卷", True, id="guoqu-traditional-is-a-word"),
    pytest.param("即反摩爾定律。", "摩尔定律", False, id="negating-prefix-traditional"),
]


@pytest.mark.parametrize("text, term, marked", CONTEXT_CASES)
def test_a_match_is_the_term_only_where_an_editor_reads_it_so(text, term, marked):
    [block], mentions = annotate([Block("paragraph", text)])
    assert (term in [m.term for m in mentions]) is marked
    assert visible(block.text) == text


def test_references_and_headings_are_not_marked():
    blocks = [
        Block("heading", "硬科技的由来", level=2),
        Block("references", items=("具身智能发展报告 2024 年, 某研究院",)),
    ]
    result, mentions = annotate(blocks)
    assert result == blocks and mentions == []


def test_headings_links_code_and_captions_are_left_alone():
    blocks = [
        Block("heading", "卡脖子的由来", level=2),
        Block("paragraph", "见[卡脖子的报道](https://example.com/卡脖子)和`内卷`，正文说内卷。"),
        Block("figure", "卡脖子技术清单"),
    ]
    result, mentions = annotate(blocks)
    assert result[0].text == "卡脖子的由来" and result[2].text == "卡脖子技术清单"
    assert "[卡脖子的报道](https://example.com/卡脖子)" in result[1].text and "`内卷`" in result[1].text
    assert [m.term for m in mentions] == ["内卷"]


def test_mentions_link_to_their_paragraph_and_carry_context():
    _, mentions = annotate([Block("paragraph", "第一段。"), Block("paragraph", "第二段里提到了硬科技的发展。")])
    [mention] = mentions
    assert mention.anchor == "p2" and mention.context[mention.start : mention.start + 3] == "硬科技"


# -- the built site: topic pages against an independent count ----------------------------------------


def _body_paragraphs(markdown: str) -> str:
    """Running text of a page, counted the simple way: paragraphs that are not headings, figures or markup."""
    body = page_body(markdown)
    body = body.split("\n## 相关文章", 1)[0]
    keep = []
    inside_figure = False
    for line in body.split("\n"):
        stripped = line.strip()
        if stripped.startswith("<figure"):
            inside_figure = True
        if inside_figure:
            inside_figure = not stripped.startswith("</figure>")
            continue
        if (
            not stripped
            or stripped.startswith(("#", "{:", "<p class", "!!!", "话题："))
            or re.match(r"^《.*》第 \d+ 章", stripped)
        ):
            continue
        keep.append(strip_markup(visible(stripped)).removeprefix("- "))
    text = "\n".join(keep)
    # Not the term, as an editor reads it: titles of documents and the words of an organisation's name.
    text = re.sub(r"《[^》]*》", "", text)
    return re.sub(r"[\u4e00-\u9fff]+?(?:行业|创新|研究)(?:中心|研究院)", "", text)


def test_topic_pages_list_exactly_the_articles_that_mention_the_topic(built):
    settings = built[0]
    docs = settings.docs / "zh-Hans"
    for term in ("卡脖子", "硬科技", "内卷"):
        entry = GLOSSARY.get(term)
        expected = {}
        for page in list((docs / "articles").glob("*.md")) + list((docs / "reports").glob("*/*.md")):
            if page.name == "index.md":
                continue
            text = _body_paragraphs(page.read_text(encoding="utf-8"))
            count = 0
            for form in sorted(entry.forms, key=len, reverse=True):
                count += text.count(form)
                text = text.replace(form, "")
            if count:
                expected[front_matter(page)["title"]] = count
        topic = (docs / "topics" / f"{entry.slug}.md").read_text(encoding="utf-8")
        listed = {
            title.replace("\\", ""): int(count)
            for title, count in re.findall(
                r"^### \[(.+?)\]\(.*?\)(?: \{ data-no-search \})?\n\n<p class=\"topic-count\">.*?提及 (\d+) 次</p>",
                topic,
                re.M,
            )
        }
        assert listed == expected, term
        assert len(expected) >= 2


def _every_pair(item, items, topic_terms):
    """The definition of related articles, comparing every pair: most shared topics first; then another seed's before
    this seed's; then dated before undated, newest first (no test date is a prefix of another, so text order is date
    order); then by title, then by path.  Written as stable sorts, least important first."""
    candidates = [other for other in items if other.path != item.path and item.terms() & other.terms() & topic_terms]
    candidates.sort(key=lambda other: other.path)
    candidates.sort(key=lambda other: other.metadata.title)
    candidates.sort(key=lambda other: other.metadata.date, reverse=True)
    candidates.sort(key=lambda other: other.metadata.date == "")
    candidates.sort(key=lambda other: other.metadata.seed == item.metadata.seed)
    candidates.sort(key=lambda other: len(item.terms() & other.terms() & topic_terms), reverse=True)
    return [(other.path, sorted(item.terms() & other.terms() & topic_terms)) for other in candidates[:MAX_RELATED]]


@pytest.mark.parametrize("count", [1, 7, 60, 400, 1000])
def test_related_articles_are_the_ones_sharing_most_topics(count):
    rng = random.Random(count)
    topics = ["卡脖子", "硬科技", "内卷", "出海", "算力", "大模型"]
    items = []
    for number in range(count):
        terms = rng.sample(topics + ["国产替代"], rng.randint(0, 4))
        metadata = Metadata(
            title=f"文章{rng.randint(1, 30)}",
            authors=(),
            source="",
            date=rng.choice(["", "2023", "2024-05", "2024-06-01"]),
            script="zh-Hans",
            seed=f"{number // (1 + count % 9)}.txt",
            sha256="0" * 64,
            format="plain",
            characters=1,
            reading_minutes=1,
            summary="",
            truncated=False,
        )
        mentions = tuple(Mention(term, term, "", term, 0) for term in terms for _ in range(rng.randint(1, 2)))
        items.append(ArticleMentions(f"articles/a{number}.md", metadata, mentions))
    related = RelatedArticles(items, set(topics))
    for item in items:
        found = [(other.path, shared) for other, shared in related.of(item)]
        assert found == _every_pair(item, items, set(topics)), item.path


def _mentioning(count: int, term: str) -> list[ArticleMentions]:
    items = []
    for number in range(count):
        metadata = Metadata(
            title=f"文章{number}",
            authors=(),
            source="",
            date=f"20{10 + number % 15}-0{1 + number % 9}",
            script="zh-Hans",
            seed=f"{number}.txt",
            sha256="0" * 64,
            format="plain",
            characters=1,
            reading_minutes=1,
            summary="",
            truncated=False,
        )
        mentions = tuple(Mention(term, term, f"p{k}", f"前文{term}后文", 2) for k in range(1 + number % 3))
        items.append(ArticleMentions(f"articles/a{number}.md", metadata, mentions))
    return items


def test_a_long_topic_page_continues_on_numbered_pages_that_link_to_each_other():
    items = _mentioning(2 * TOPIC_PAGE_ARTICLES + 20, "卡脖子")
    pages = {
        p.path: p
        for p in topic_pages(GLOSSARY.entries, items, lambda t: t, lambda t: t, dialect=DIALECT)
        if "qia-bo-zi" in p.path
    }
    first, second, third = pages["topics/qia-bo-zi.md"], pages["topics/qia-bo-zi/2.md"], pages["topics/qia-bo-zi/3.md"]
    assert set(pages) == {
        "topics/qia-bo-zi.md",
        "topics/qia-bo-zi.svg",
        "topics/qia-bo-zi/2.md",
        "topics/qia-bo-zi/3.md",
    }

    def listed(page):
        return re.findall(r"^### \[.+?\]\((.+?)\)", page.body, re.M)

    runs = [listed(first), listed(second), listed(third)]
    assert [len(run) for run in runs] == [TOPIC_PAGE_ARTICLES, TOPIC_PAGE_ARTICLES, 20]
    everything = [link.split("articles/")[1] for run in runs for link in run]
    assert sorted(everything) == sorted(i.path.split("/")[1] for i in items)  # every article exactly once
    # each page links back and forth; the links resolve from where the page lives
    assert "[下一页 →](../topics/qia-bo-zi/2.md)" in first.body and "上一页" not in first.body
    assert (
        "[← 上一页](../../topics/qia-bo-zi.md)" in second.body
        and "[下一页 →](../../topics/qia-bo-zi/3.md)" in second.body
    )
    assert "下一页" not in third.body and "第 3/3 页" in third.body
    assert all(link.startswith("../../articles/") for link in listed(third))
    # continuation pages hold quotes of indexed articles only; the first page keeps the definition searchable
    assert second.front_matter["search"] == {"exclude": True} and "search" not in first.front_matter
    assert pages["topics/qia-bo-zi.svg"].body.count("<rect") == CHART_ROWS


def test_a_short_topic_page_is_one_page():
    pages = [
        p
        for p in topic_pages(
            GLOSSARY.entries, _mentioning(TOPIC_PAGE_ARTICLES, "内卷"), lambda t: t, lambda t: t, dialect=DIALECT
        )
        if "nei-juan" in p.path
    ]
    assert [p.path for p in pages] == ["topics/nei-juan.md", "topics/nei-juan.svg"]
    assert "页" not in pages[0].body.split("## 一同出现的话题")[0].split("按日期排列")[1]


def _chart_rows(svg: str) -> list[tuple[str, int]]:
    """(article title, count) per bar, read from the chart's text labels: the title line, then a name and a count
    per row."""
    import xml.etree.ElementTree as ET

    texts = [t.text for t in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}text")][1:]
    return [(name, int(count)) for name, count in zip(texts[::2], texts[1::2])]


def test_the_chart_of_a_busy_topic_shows_the_articles_that_mention_it_most():
    """Forty articles, numbered oldest to newest: 0–9 mention 卡脖子 five times, 10–28 twice, 29–38 once, 39 four times.
    The chart has room for 30 bars: exactly the thirty that mention it more than once, whatever their date."""
    assert CHART_ROWS == 30
    counts = {
        **dict.fromkeys(range(10), 5),
        **dict.fromkeys(range(10, 29), 2),
        **dict.fromkeys(range(29, 39), 1),
        39: 4,
    }
    items = []
    for number, count in counts.items():
        metadata = Metadata(
            title=f"文章{number}",
            authors=(),
            source="",
            date=f"{2000 + number}-01",
            script="zh-Hans",
            seed=f"{number}.txt",
            sha256="0" * 64,
            format="plain",
            characters=1,
            reading_minutes=1,
            summary="",
            truncated=False,
        )
        mentions = tuple(Mention("卡脖子", "卡脖子", f"p{k}", "前文卡脖子后文", 2) for k in range(count))
        items.append(ArticleMentions(f"articles/a{number}.md", metadata, mentions))
    [chart] = [
        p
        for p in topic_pages(GLOSSARY.entries, items, lambda t: t, lambda t: t, dialect=DIALECT)
        if p.path == "topics/qia-bo-zi.svg"
    ]
    expected = {**{f"文章{n}": 5 for n in range(10)}, **{f"文章{n}": 2 for n in range(10, 29)}, "文章39": 4}
    assert dict(_chart_rows(chart.body)) == expected
    assert "提及最多的 30 篇文章" in chart.title


def test_the_chart_of_a_quiet_topic_shows_every_article():
    items = _mentioning(5, "内卷")  # articles 0–4 mention it 1, 2, 3, 1, 2 times
    [chart] = [
        p
        for p in topic_pages(GLOSSARY.entries, items, lambda t: t, lambda t: t, dialect=DIALECT)
        if p.path == "topics/nei-juan.svg"
    ]
    assert sorted(_chart_rows(chart.body)) == [("文章0", 1), ("文章1", 2), ("文章2", 3), ("文章3", 1), ("文章4", 2)]


# -- the cards' data, once per edition -------------------------------------------------------------


def _item(path: str, *terms: str, date: str = "", part_of: str = "", part_index: int = 0) -> ArticleMentions:
    """An article at `path` mentioning `terms` (in paragraph p3)."""
    metadata = Metadata(
        title=path,
        authors=(),
        source="",
        date=date,
        script="zh-Hans",
        seed=path,
        sha256="",
        format="plain",
        characters=0,
        reading_minutes=0,
        summary="",
        truncated=False,
        part_of=part_of,
        part_index=part_index,
    )
    return ArticleMentions(path, metadata, tuple(Mention(t, t, "p3", t, 0) for t in terms))


def test_the_terms_file_gives_each_card_both_scripts_and_how_many_articles_mention_it():
    items = [_item("articles/a.md", "内卷", "内卷", "算力"), _item("articles/b.md", "内卷"), _item("articles/c.md")]
    page = terms_script(GLOSSARY.entries, items, lambda text: text, DIALECT)
    assert page.path == "assets/terms.js" and page.raw
    payload = json.loads(page.body.removeprefix("var __readerTerms = ").rstrip().rstrip(";"))
    card = payload["cards"]["nei-juan"]
    assert (card["simplified"], card["traditional"], card["pinyin"]) == ("内卷", "內卷", "nèi juǎn")
    assert card["articles"] == 2 and card["href"] == "topics/nei-juan.html" and "involution" in card["gloss"]
    assert payload["cards"]["suan-li"]["articles"] == 1
    assert payload["cards"]["qia-bo-zi"]["articles"] == 0


FIRST_USE_CASES = [
    pytest.param(
        [("articles/new.md", "2024-05"), ("articles/old.md", "2023-01-15")],
        "articles/old.md#p3",
        id="the-older-article-not-the-newer",
    ),
    pytest.param(
        [("articles/undated.md", ""), ("articles/dated.md", "2024-12")],
        "articles/dated.md#p3",
        id="a-dated-article-before-an-undated-one",
    ),
    pytest.param(
        [("reports/r/11-last.md", "2025-01", "报告", 11), ("reports/r/02-second.md", "2025-01", "报告", 2)],
        "reports/r/02-second.md#p3",
        id="within-a-report-by-chapter-order",
    ),
]


@pytest.mark.parametrize("articles, expected", FIRST_USE_CASES)
def test_the_glossary_links_a_term_to_its_earliest_use(articles, expected):
    items = [
        _item(path, "飞轮效应", date=date, part_of=(rest or [""])[0], part_index=(rest or ["", 0])[1])
        for path, date, *rest in articles
    ]
    page = glossary_page(GLOSSARY.entries, items, lambda text: text, lambda text: text, DIALECT)
    section = page.body.split("{#fei-lun-xiao-ying}", 1)[1].split("\n## ", 1)[0]
    assert f"首次出现：[{expected.split('#')[0]}]({expected})" in section


def test_the_glossary_page_converts_only_the_simplified_forms_of_a_term():
    """A traditional form is listed as written: converting 擴展 as if it were simplified gives 擴充套件 under twp."""
    entry = next(e for e in GLOSSARY.entries if e.term == "飞轮效应")  # forms 飞轮效应, 飛輪效應, variant 飞轮, 飛輪
    assert shown_forms(entry, lambda text: f"<{text}>") == ("<飞轮效应>", "飛輪效應", "<飞轮>", "飛輪")
