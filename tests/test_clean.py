"""Each cleaning rule on small inputs, with the negative cases an editor would insist on."""

from __future__ import annotations

import pytest

from build_tools.core.model import Block
from build_tools.editions.pages import render_block
from build_tools.ingest.captions import alt_text_is_not_a_caption, dated_lines_are_captions, one_caption_per_picture
from build_tools.ingest.clean import (
    Context,
    chart_titles_become_figures,
    chinese_numeral,
    clean_blocks,
    drop_platform_disclaimers,
    drop_reading_tail,
    drop_typed_bullets,
    join_broken_paragraphs,
    lone_numbers_become_section_marks,
    normalise_text,
    reference_lists,
    repair_title,
    short_lines_become_lists,
    title_lines_become_headings,
)
from build_tools.renderer.dialect import DIALECT


def paragraphs(*texts: str) -> list[Block]:
    return [Block("paragraph", text, line=number) for number, text in enumerate(texts, start=1)]


def kinds(blocks: list[Block]) -> list[str]:
    return [b.kind for b in blocks]


# -- punctuation and characters -------------------------------------------------------------


def test_ascii_punctuation_between_han_becomes_full_width():
    assert normalise_text("1986年,深圳。是什么?不同;如下:好!") == "1986年，深圳。是什么？不同；如下：好！"


@pytest.mark.parametrize("entity", ["&amp;", "&gt;", "&#38;", "&#x26;", "&nbsp;"])
def test_an_entity_before_han_keeps_its_semicolon(entity):
    """`&amp;决定` is an ampersand and a word; `&amp；` would show the entity's name to the reader."""
    assert normalise_text(f"会议{entity}决定,下周") == f"会议{entity}决定，下周"


def test_parentheses_around_chinese_become_full_width_but_english_stays():
    assert normalise_text("西山科技(静锯)产品") == "西山科技（静锯）产品"
    assert normalise_text("购买力平价 (PPP) 来衡量") == "购买力平价 (PPP) 来衡量"


def test_english_and_numbers_are_kept_intact():
    text = "Hello, world! Version 1,000.5 costs $3; see https://example.com/a,b?c=1"
    assert normalise_text(text) == text


def test_full_width_digits_and_dot_in_numbers_become_half_width():
    assert normalise_text("从０．４４个提升至５．２４个，占８０％") == "从0.44个提升至5.24个，占80%"


def test_links_are_not_touched():
    assert normalise_text("见[报告](https://x.cn/a,中b)。") == "见[报告](https://x.cn/a,中b)。"


def test_kangxi_and_radical_lookalikes_become_real_ideographs():
    assert normalise_text("\u2f7c\u677f和⻓期") == "老板和长期"


def test_normalisation_is_idempotent():
    once = normalise_text("1986年,深圳(南山)。５．２％")
    assert normalise_text(once) == once


# -- boilerplate ------------------------------------------------------------------------------


def test_bilingual_platform_disclaimer_is_removed_and_recorded():
    ctx = Context("plain", "")
    blocks = paragraphs(
        "正文最后一句。",
        "特别声明：以上内容(如有图片或视频亦包括在内)为自媒体平台“网易号”用户上传并发布，本平台仅提供信息存储服务。",
        "Notice: The content above (including the pictures and videos if any) is uploaded and posted by a user of "
        "NetEase Hao, which is a social media platform and only provides information storage services.",
    )
    assert [b.text for b in drop_platform_disclaimers(blocks, ctx)] == ["正文最后一句。"]
    assert [r.rule for r in ctx.removals] == ["platform-disclaimer", "platform-disclaimer"]


@pytest.mark.parametrize(
    "text, dropped",
    [
        ("本文为作者授权某某财经发布，内容仅代表作者个人观点，不代表本站立场。", True),
        ("本文經作者授權轉載，不代表本平台立場。", True),
        ("这并不代表他的立场已经改变，业内人士认为还需观察一段时间，授权审批仍在进行。" * 5, False),
        ("公司表示，这一决定不代表其观点改变。", False),
    ],
    ids=["reposting-notice", "traditional-reposting-notice", "long-prose", "prose-without-a-reposting-word"],
)
def test_a_reposting_sites_notice_goes_and_prose_stays(text, dropped):
    ctx = Context("plain", "")
    kept = [b.text for b in drop_platform_disclaimers(paragraphs("正文最后一句。", text), ctx)]
    assert kept == (["正文最后一句。"] if dropped else ["正文最后一句。", text])


def test_a_sentence_mentioning_a_statement_is_not_a_disclaimer():
    ctx = Context("plain", "")
    blocks = paragraphs("公司发布声明：将继续投入研发。")
    assert drop_platform_disclaimers(blocks, ctx) == blocks


def test_recommended_reading_tail_is_removed():
    ctx = Context("plain", "")
    blocks = paragraphs("最后一段正文。", "推荐阅读----", "另一篇文章的标题")
    assert [b.text for b in drop_reading_tail(blocks, ctx)] == ["最后一段正文。"]
    assert {r.rule for r in ctx.removals} == {"recommended-reading"}


def test_recommended_reading_followed_by_prose_is_kept():
    ctx = Context("plain", "")
    blocks = paragraphs("推荐阅读", "这是一段真正的正文，它有句号，不能被当作推荐列表删掉。")
    assert drop_reading_tail(blocks, ctx) == blocks


# -- structure --------------------------------------------------------------------------------


def test_counting_lone_numbers_become_section_marks_not_headings():
    ctx = Context("plain", "")
    blocks = lone_numbers_become_section_marks(paragraphs("1", "第一节。", "2", "第二节。"), ctx)
    assert kinds(blocks) == ["section", "paragraph", "section", "paragraph"]
    assert [(b.text, b.anchor) for b in blocks if b.kind == "section"] == [("一", "section-1"), ("二", "section-2")]


@pytest.mark.parametrize(
    "value, numeral",
    [(1, "一"), (7, "七"), (10, "十"), (12, "十二"), (20, "二十"), (35, "三十五")],
    ids=["one", "seven", "ten-alone", "teens-without-yi", "round-tens", "tens-and-units"],
)
def test_section_numbers_are_written_as_a_chinese_editor_writes_them(value, numeral):
    assert chinese_numeral(value) == numeral


def test_section_marks_stay_out_of_the_table_of_contents():
    markdown = render_block(Block("section", "三", anchor="section-3"), dialect=DIALECT)
    assert not markdown.startswith("#") and 'class="section-mark"' in markdown and ">三<" in markdown


def test_non_counting_lone_number_is_a_page_number():
    ctx = Context("plain", "")
    blocks = lone_numbers_become_section_marks(paragraphs("前文。", "17", "后文。"), ctx)
    assert [b.text for b in blocks] == ["前文。", "后文。"]
    assert ctx.removals[0].rule == "page-number"


def test_short_title_line_becomes_heading_but_short_sentence_does_not():
    ctx = Context("plain", "")
    blocks = title_lines_become_headings(paragraphs("大国外交带来稳定预期", "还是以芯片行业为例。", "正文。"), ctx)
    assert kinds(blocks) == ["heading", "paragraph", "paragraph"]


def test_line_with_commas_is_prose_not_heading():
    ctx = Context("plain", "")
    blocks = title_lines_become_headings(paragraphs("为什么一些企业不用国产芯片，而是选择海外产品？"), ctx)
    assert kinds(blocks) == ["paragraph"]


def test_title_lines_are_captions_when_sections_are_numbered():
    ctx = Context("plain", "")
    blocks = [
        Block("section", "一"),
        *paragraphs("正文。", "诞生于安科的我国第一台磁共振", "正文。"),
        Block("section", "二"),
    ]
    assert kinds(title_lines_become_headings(blocks, ctx)) == ["section", "paragraph", "figure", "paragraph", "section"]


def test_chart_title_with_source_note_becomes_figure_not_heading():
    ctx = Context("report", "")
    blocks = [
        Block("heading", "主要经济体的产业政策支出", level=2),
        Block("break"),
        *paragraphs("来源：CSIS，未尽研究", "说明：估算仅包括有足够的量化工具。", "正文继续。"),
    ]
    result = chart_titles_become_figures(blocks, ctx)
    assert kinds(result) == ["figure", "paragraph"]
    assert result[0].notes == ("来源：CSIS，未尽研究", "说明：估算仅包括有足够的量化工具。")


def test_references_become_a_list():
    ctx = Context("report", "")
    blocks = short_lines_become_lists(
        paragraphs("Red Ink, CSIS", "From Mine to Microchip, CSIS", "Global Outlook 2024, IEA"), ctx
    )
    assert kinds(blocks) == ["list"] and len(blocks[0].items) == 3


# -- broken wraps ------------------------------------------------------------------------------


def test_sentence_split_across_a_page_break_is_joined():
    ctx = Context("report", "")
    blocks = [*paragraphs("如果用购买"), Block("break"), *paragraphs("力平价 (PPP) 来衡量，中国领先。")]
    result = join_broken_paragraphs(blocks, ctx)
    assert [b.text for b in result if b.kind == "paragraph"] == ["如果用购买力平价 (PPP) 来衡量，中国领先。"]


def test_chart_in_the_middle_of_a_sentence_moves_after_the_joined_paragraph():
    ctx = Context("report", "")
    blocks = [
        *paragraphs("特斯拉算力储备年底将达等效 9 万张 H100，"),
        Block("figure", "Waymo 订单反超百度"),
        *paragraphs("并发布 Cybercab。"),
    ]
    result = join_broken_paragraphs(blocks, ctx)
    assert kinds(result) == ["paragraph", "figure"]
    assert result[0].text == "特斯拉算力储备年底将达等效 9 万张 H100，并发布 Cybercab。"


def test_open_quote_means_the_sentence_runs_on():
    ctx = Context("newspaper", "")
    result = join_broken_paragraphs(paragraphs("科创板是硬科技企业上市的“首选", "地”。目前如此。"), ctx)
    assert [b.text for b in result] == ["科创板是硬科技企业上市的“首选地”。目前如此。"]


def test_real_paragraph_break_is_not_joined():
    ctx = Context("plain", "")
    blocks = paragraphs("H20芯片无法满足万亿级大模型训练需求", "为什么一些企业不用国产芯片？")
    assert join_broken_paragraphs(blocks, ctx) == blocks


def test_finished_sentence_is_not_joined_even_in_a_report():
    ctx = Context("report", "")
    blocks = paragraphs("这是完整的一段。", "这是下一段。")
    assert join_broken_paragraphs(blocks, ctx) == blocks


# -- titles and the whole rule chain ----------------------------------------------------------


def test_title_with_underscored_quotes_is_repaired_from_alt_text():
    assert repair_title("二上美国_黑名单_，商汤", ("无关", "二上美国“黑名单”，商汤")) == "二上美国“黑名单”，商汤"


def test_title_without_a_better_source_stays():
    assert repair_title("snake_case 标题", ("别的标题",)) == "snake_case 标题"


def test_cleaning_is_idempotent_on_a_mixed_document():
    ctx = Context("newspaper", "")
    blocks = [
        *paragraphs("1", "开头,第一句", "接着写完。", "小标题在此", "2", "正文。"),
        Block("break"),
        *paragraphs("推荐阅读"),
    ]
    once = clean_blocks(blocks, ctx)
    assert clean_blocks(once, Context("newspaper", "")) == once


REFERENCE_LIST_CASES = [
    pytest.param(
        [Block("heading", "参考文献", level=2), Block("list", items=("甲书", "乙书"))],
        False,
        "references",
        id="list-under-a-references-heading",
    ),
    pytest.param(
        [Block("heading", "References", level=2), Block("list", items=("A", "B"))],
        False,
        "references",
        id="english-references-heading",
    ),
    pytest.param(
        [Block("heading", "三个要点", level=2), Block("list", items=("甲", "乙"))],
        False,
        "list",
        id="an-ordinary-list-stays-a-list",
    ),
    pytest.param(
        [Block("heading", "从前的报告看起", level=2), Block("list", items=("甲报告", "乙报告"))],
        True,
        "references",
        id="any-list-of-back-matter",
    ),
]


@pytest.mark.parametrize("blocks, back_matter, kind", REFERENCE_LIST_CASES)
def test_reference_lists_are_marked_so_they_are_not_annotated(blocks, back_matter, kind):
    result = reference_lists(blocks, Context("report", "", back_matter=back_matter))
    assert result[-1].kind == kind and result[-1].items == blocks[-1].items


# -- captions ---------------------------------------------------------------------------------------

ALT_TEXT_CASES = [
    pytest.param(
        "二上某某“黑名单”，某公司推进上市", "二上某某“黑名单”，某公司推进上市", "", id="alt-repeats-the-title"
    ),
    pytest.param("某公司推进上市", "某公司 “推进” 上市", "", id="alt-repeats-the-title-but-for-quotes-and-spaces"),
    pytest.param("标题", "13212950566556.png", "", id="alt-is-a-file-name"),
    pytest.param("标题", "IMG_2024", "", id="alt-is-a-camera-file-name"),
    pytest.param("标题", "QQ圖片20161026171528", "", id="alt-is-a-chat-apps-picture-name"),
    pytest.param("标题", "微信图片_20200101120000", "", id="alt-is-a-wechat-picture-name"),
    pytest.param("标题", "屏幕截图 2024-01-01 120000", "", id="alt-is-a-screenshot-name"),
    pytest.param("标题", "mmexport1524", "", id="alt-is-an-export-name"),
    pytest.param("标题", "工人在生产线上检测芯片", "工人在生产线上检测芯片", id="a-real-caption-stays"),
    pytest.param("标题", "RTX4090", "RTX4090", id="a-product-name-stays"),
    pytest.param("标题", "GDP 2010-2020", "GDP 2010-2020", id="a-chart-of-years-stays"),
    pytest.param("标题", "2016年10月26日的发布会", "2016年10月26日的发布会", id="a-dated-caption-stays"),
]


@pytest.mark.parametrize("title, alt, caption", ALT_TEXT_CASES)
def test_alt_text_that_says_nothing_about_the_picture_is_not_a_caption(title, alt, caption):
    ctx = Context("html", title)
    [figure] = alt_text_is_not_a_caption([Block("figure", alt, src="https://example.com/a.png")], ctx)
    assert figure.text == caption and figure.src == "https://example.com/a.png"
    assert [r.text for r in ctx.removals] == ([] if caption else [alt])


def test_captions_of_several_pictures_run_together_become_one_caption_each():
    run = "图①工作人员检测芯片 甲公司供图 图②⑥生产线上，研发室内，人员做实验 乙公司供图图③生产线一角 丙公司供图"
    result = one_caption_per_picture([Block("figure", run, line=7)], Context("newspaper", ""))
    assert [(b.kind, b.text, b.notes) for b in result] == [
        ("figure", "图①工作人员检测芯片", ("甲公司供图",)),
        ("figure", "图②⑥生产线上，研发室内，人员做实验", ("乙公司供图",)),
        ("figure", "图③生产线一角", ("丙公司供图",)),
    ]


def test_one_numbered_caption_is_left_as_it_is():
    block = Block("figure", "图①工作人员检测芯片 甲公司供图")
    assert one_caption_per_picture([block], Context("newspaper", "")) == [block]


DATED_LINE_CASES = [
    pytest.param("1979年1月31日，某人在某地白宫与某总统签订合作协定", "figure", id="date-place-people-no-full-stop"),
    pytest.param("2023年5月，某公司在某市发布新产品", "figure", id="month-only-date"),
    pytest.param("1979年1月31日，某人在某地签订了合作协定。", "paragraph", id="a-sentence-ends-with-a-full-stop"),
    pytest.param("某人在某地签订合作协定", "paragraph", id="no-date-no-caption"),
    pytest.param(
        "2023年5月，" + "某公司在某市发布新产品并说明了很多细节" * 6, "paragraph", id="too-long-for-a-caption"
    ),
]


@pytest.mark.parametrize("text, kind", DATED_LINE_CASES)
def test_a_dated_line_without_final_punctuation_is_a_caption(text, kind):
    [block] = dated_lines_are_captions(paragraphs(text), Context("plain", ""))
    assert block.kind == kind and block.text == text


def test_a_caption_without_its_picture_says_so():
    without = render_block(Block("figure", "某人在某地"), dialect=DIALECT)
    with_picture = render_block(Block("figure", "某人在某地", src="https://example.com/a.jpg"), dialect=DIALECT)
    assert "（图略）" in without and "图略" not in with_picture and "查看原图" in with_picture


# -- what the editor's review of unseen articles found (cases as data) ----------------------------

PICTURE_ONLY = Block("figure", "", src="https://img.example.com/1.jpg", line=1)


@pytest.mark.parametrize(
    "below, caption",
    [
        ("活动现场", "活动现场"),
        ("吴锦（右一）会见来访客人", "吴锦（右一）会见来访客人"),
        ("**二、市场分析**", ""),
        ("二、市场分析", ""),
        ("结构如下：", ""),
        ("会议认为，国产设备的验收标准需要统一。", ""),
    ],
    ids=["short-line", "people-shown", "bold-subhead", "numbered-section", "points-on", "a-sentence"],
)
def test_a_short_line_under_an_uncaptioned_picture_is_its_caption(below, caption):
    from build_tools.ingest.captions import line_under_picture_is_its_caption

    ctx = Context("markdown", "")
    blocks = line_under_picture_is_its_caption([PICTURE_ONLY, *paragraphs(below, "后面的正文写完了。")], ctx)
    assert blocks[0].text == caption
    assert len(blocks) == (2 if caption else 3)


@pytest.mark.parametrize(
    "texts, kept",
    [
        (("地方政府对于拥抱新经济的态度十分积极。", "地方政府对于拥抱新经济的态度十分积极。", "后文。"), 2),
        (("地方政府对于拥抱新经济的态度十分积极。", "另一段话写在中间。", "地方政府对于拥抱新经济的态度十分积极。"), 3),
        (("好的。", "好的。"), 2),
    ],
    ids=["doubled-lede", "repeated-later-is-kept", "short-reply-twice-is-kept"],
)
def test_a_paragraph_printed_twice_in_a_row_is_read_once(texts, kept):
    from build_tools.ingest.clean import drop_repeated_paragraphs

    ctx = Context("markdown", "")
    assert len(drop_repeated_paragraphs(paragraphs(*texts), ctx)) == kept
    assert [r.rule for r in ctx.removals] == (["repeated-paragraph"] if kept < len(texts) else [])


@pytest.mark.parametrize(
    "title, expected",
    [("3\ufe0f\u20e3 HBM 内存是什么", "3 HBM 内存是什么"), ("RuyiSDK  双周进展汇报", "RuyiSDK 双周进展汇报")],
    ids=["keycap-emoji", "double-space"],
)
def test_a_title_is_set_in_text_with_one_space_between_words(title, expected):
    from build_tools.ingest.clean import clean
    from build_tools.ingest.readers import read_documents
    from tests.test_reader_markdown import decoded

    (document,) = read_documents(decoded(f"# {title}\n\n正文的一段话写完了。\n"))
    assert clean(document).title == expected


@pytest.mark.parametrize(
    "first, dropped",
    [("国产芯片加速走向市场", True), ("国产芯片 加速走向市场！", True), ("国产芯片加速走向市场，订单翻倍。", False)],
    ids=["same-words", "spaced-and-marked", "a-sentence-beginning-alike"],
)
def test_the_title_again_as_the_first_line_is_shown_once(first, dropped):
    from build_tools.ingest.clean import drop_title_copy

    ctx = Context("plain", "国产芯片加速走向市场")
    kept = drop_title_copy(paragraphs(first, "正文第一段写完了。"), ctx)
    assert [b.text for b in kept] == (["正文第一段写完了。"] if dropped else [first, "正文第一段写完了。"])


@pytest.mark.parametrize("glyph", ["•", "●", "▪", "·"])
def test_a_bullet_typed_inside_every_list_entry_is_left_to_the_list(glyph):
    items = (f"{glyph} **文件加密:** 保护你的隐私", f"{glyph}文件搜索：快速定位文件")
    ctx = Context("markdown", "标题")
    [block] = drop_typed_bullets([Block("list", items=items, line=3)], ctx)
    assert block.items == ("**文件加密:** 保护你的隐私", "文件搜索：快速定位文件")
    assert ctx.repairs


@pytest.mark.parametrize(
    "items",
    [("• 第一项", "第二项没有圆点"), ("✓ 已完成", "✓ 已测试"), ("-5%", "-3%")],
    ids=["not-every-entry", "a-check-mark-is-meaning", "negative-numbers"],
)
def test_list_entries_keep_what_opens_them_otherwise(items):
    ctx = Context("markdown", "标题")
    assert drop_typed_bullets([Block("list", items=items)], ctx)[0].items == items


def test_the_title_again_as_a_heading_further_down_is_shown_once():
    blocks = [
        Block("paragraph", "导语的一段话，写给读者。", line=1),
        Block("heading", "🔥 芯片的新进展", level=2, line=2),
        Block("paragraph", "正文的一段话。", line=3),
        Block("heading", "芯片的新进展之后", level=2, line=4),
    ]
    ctx = Context("markdown", "芯片的新进展")
    kept = clean_blocks(blocks, ctx)
    assert [b.text for b in kept if b.kind == "heading"] == ["芯片的新进展之后"]
    assert [r.rule for r in ctx.removals] == ["repeated-title"]


@pytest.mark.parametrize("kind", ["heading", "paragraph"])
def test_a_caption_repeated_under_its_picture_is_shown_once(kind):
    figure = Block("figure", "工人在生产线上检测芯片", src="https://example.com/a.png", line=2)
    blocks = [
        Block("paragraph", "正文的一段话，写给读者。", line=1),
        figure,
        Block(kind, "工人在 “生产线” 上检测芯片", line=3),
    ]
    blocks.append(Block("paragraph", "另一段正文，写给读者。", line=4))
    blocks.append(Block("paragraph", "工人在生产线上检测芯片", line=5))  # further down, not under it: text
    ctx = Context("html", "标题")
    kept = clean_blocks(blocks, ctx)
    assert [(b.kind, b.text) for b in kept] == [
        ("paragraph", "正文的一段话，写给读者。"),
        ("figure", "工人在生产线上检测芯片"),
        ("paragraph", "另一段正文，写给读者。"),
        ("paragraph", "工人在生产线上检测芯片"),
    ]
