"""Template text found by repetition across a collection, interface text from the data file, empty pages.

Every input is generated here: random Han text for the articles, and footers and menus made up for the test."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_tools.config.settings import BuildSettings
from build_tools.core.diagnostics import Diagnostics
from build_tools.core.model import block_texts
from build_tools.core.textutil import strip_markup
from build_tools.ingest.clean import clean
from build_tools.ingest.interface_text import interface_text, load_interface_text
from build_tools.ingest.readers import read_documents
from build_tools.ingest.seeds import process_seed
from build_tools.plan.fidelity import audit
from build_tools.plan.templates import RULE, remove_templates
from tests.test_readers import decoded

# Han text made here: characters of the unified block, drawn at random.
COMMON = "".join(chr(code) for code in range(0x4E00, 0x9FA6, 7))


def han_sentence(rng: random.Random, length: int) -> str:
    return "".join(rng.choice(COMMON) for _ in range(length)) + "。"


def article_file(rng: random.Random, number: int, footer: list[str], nav: str) -> tuple[str, list[str]]:
    """A Markdown article with the shared nav block on top and the shared footer below; its own sentences."""
    own = [han_sentence(rng, rng.randint(20, 60)) for _ in range(4)]
    text = "\n\n".join([f"# 第{number}篇的标题{han_sentence(rng, 4)[:-1]}", nav, *own, *footer]) + "\n"
    return text, own


@pytest.fixture
def collection(tmp_path: Path):
    rng = random.Random(20)
    footer = [han_sentence(rng, 30), "本站" + han_sentence(rng, 12)]
    nav = "　".join(han_sentence(rng, 3)[:-1] for _ in range(5))
    owns = {}
    for number in range(1, 6):
        text, own = article_file(rng, number, footer, nav)
        (tmp_path / f"a{number}.md").write_text(text, encoding="utf-8")
        owns[f"a{number}.md"] = own
    once = han_sentence(rng, 25)
    (tmp_path / "a6.md").write_text(f"# 独有的标题\n\n{once}\n\n" + "\n\n".join(footer) + "\n", encoding="utf-8")
    owns["a6.md"] = [once]
    return tmp_path, footer, nav, owns


def _results(folder: Path, diagnostics: Diagnostics):
    settings_ = BuildSettings(seeds=folder, cache=folder / ".cache")
    return [process_seed(path, settings_, diagnostics) for path in sorted(folder.glob("*.md"))]


def _page_text(result) -> str:
    return "\n".join(strip_markup(t) for item in result.articles for t in block_texts(item.article.blocks))


def test_a_footer_and_a_nav_block_shared_by_five_files_leave_all_of_them_and_what_occurs_once_stays(collection):
    folder, footer, nav, owns = collection
    diagnostics = Diagnostics()
    results = remove_templates(_results(folder, diagnostics), diagnostics)
    for result in results:
        text = _page_text(result)
        for line in footer:
            assert line not in text, f"{result.name}: the shared footer is still on the page"
        assert nav.replace("　", "") not in text.replace("　", "").replace(" ", "")
        for sentence in owns[result.name]:
            assert sentence in text, f"{result.name}: a sentence of its own was removed"
        removed = [r.text for item in result.articles for r in item.article.report.removals if r.rule == RULE]
        assert any(footer[0] in r for r in removed), "the removal is recorded under its rule"


def test_template_removal_keeps_the_audit_whole(collection):
    folder, *_ = collection
    diagnostics = Diagnostics()
    for result in remove_templates(_results(folder, diagnostics), diagnostics):
        assert audit(result, [])["han_missing"] == 0


def test_a_source_block_repeated_in_every_item_of_one_file_does_not_stay_in_the_body():
    rng = random.Random(7)
    source = "来源：" + han_sentence(rng, 8)[:-1]
    body = [han_sentence(rng, 30) for _ in range(4)]
    text = "\n\n".join(part for sentence in body for part in (sentence, source)) + "\n"
    [document] = read_documents(decoded(text, "digest.md"))
    from build_tools.ingest.metadata import extract_metadata
    from build_tools.ingest.seeds import SeedArticle, SeedResult

    article = clean(document)
    result = SeedResult("digest.md", articles=[SeedArticle(article, extract_metadata(article, {}, Diagnostics()))])
    [after] = remove_templates([result], Diagnostics())
    page = _page_text(after)
    assert source not in page
    assert all(sentence in page for sentence in body)


def test_an_empty_page_is_not_published_and_is_named(tmp_path: Path):
    (tmp_path / "empty.md").write_text("# 空的页面\n\n预览时标签不可点\n\n微信扫一扫关注该公众号\n", encoding="utf-8")
    (tmp_path / "full.md").write_text("# 有内容的页面\n\n这里有一段真正的正文，写给读者看。\n", encoding="utf-8")
    diagnostics = Diagnostics()
    results = remove_templates(_results(tmp_path, diagnostics), diagnostics)
    by_name = {r.name: r for r in results}
    assert by_name["empty.md"].articles == []
    assert len(by_name["full.md"].articles) == 1
    warnings = [str(d) for d in diagnostics.items if "not published" in d.message]
    assert any(w.startswith("empty.md") for w in warnings)
    assert audit(by_name["empty.md"], [])["han_missing"] == 0


def test_a_page_without_chinese_text_is_not_published_and_is_named(tmp_path: Path):
    """The site is for Chinese articles: an English-only item of a feed or file is named, not published."""
    (tmp_path / "english.md").write_text(
        "# 每周链接\n\nSome links I read this week, in English only.\n", encoding="utf-8"
    )
    (tmp_path / "full.md").write_text("# 有内容的页面\n\n这里有一段真正的正文，写给读者看。\n", encoding="utf-8")
    diagnostics = Diagnostics()
    results = remove_templates(_results(tmp_path, diagnostics), diagnostics)
    by_name = {r.name: r for r in results}
    assert by_name["english.md"].articles == [] and len(by_name["full.md"].articles) == 1
    warnings = [str(d) for d in diagnostics.items if "not published" in d.message]
    assert [w.split(":")[0] for w in warnings] == ["english.md"]
    assert audit(by_name["english.md"], [])["han_missing"] == 0  # its Chinese title is accounted for


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.integers(min_value=12, max_value=80), min_size=2, max_size=6), st.integers(0, 10_000))
def test_sentences_that_occur_once_are_never_removed(lengths, seed):
    from build_tools.ingest.metadata import extract_metadata
    from build_tools.ingest.seeds import SeedArticle, SeedResult

    rng = random.Random(seed)
    results, owns = [], []
    for number, length in enumerate(lengths):
        own = [han_sentence(rng, length), han_sentence(rng, length + 3)]
        owns.append(own)
        [document] = read_documents(decoded(f"# 标题{number}\n\n" + "\n\n".join(own) + "\n", f"s{number}.md"))
        article = clean(document)
        results.append(
            SeedResult(f"s{number}.md", articles=[SeedArticle(article, extract_metadata(article, {}, Diagnostics()))])
        )
    for result, own in zip(remove_templates(results, Diagnostics()), owns):
        assert all(sentence in _page_text(result) for sentence in own)


# -- platform interface text (the data file) --------------------------------------------------------

WECHAT_INTERFACE = [
    "预览时标签不可点",
    "微信扫一扫关注该公众号",
    "取消 允许",
    "视频 小程序 赞，轻点两下取消赞 在看，轻点两下取消在看",
    "微信扫一扫可打开此内容，使用完整服务",
]


def wechat_export(rng: random.Random, interface: list[str], account: str, author: str) -> tuple[str, list[str]]:
    own = [han_sentence(rng, rng.randint(25, 70)) for _ in range(3)]
    head = [f"以下文章来源于{account}，作者{author}"]
    return "\n\n".join(["# " + han_sentence(rng, 8)[:-1], *head, *own, *interface]) + "\n", own


@settings(max_examples=30, deadline=None)
@given(st.permutations(WECHAT_INTERFACE), st.integers(0, 10_000), st.booleans())
def test_a_wechat_export_loses_the_platform_strings_and_keeps_the_text(interface, seed, traditional):
    rng = random.Random(seed)
    account = "".join(rng.choice(COMMON) for _ in range(4))
    author = "".join(rng.choice(COMMON) for _ in range(3))
    text, own = wechat_export(rng, list(interface), account, author)
    if traditional:
        from build_tools.chinese.opencc_engine import plain_converter

        convert = plain_converter("s2t")
        text, own, interface = convert(text), [convert(s) for s in own], [convert(s) for s in interface]
    [document] = read_documents(decoded(text, "wechat.md"))
    article = clean(document)
    page = "\n".join(strip_markup(t) for t in block_texts(article.blocks))
    for line in interface:
        assert strip_markup(line).replace(" ", "") not in page.replace(" ", "")
    assert all(sentence in page for sentence in own)
    assert "以下文章来源于" not in page and "以下文章來源於" not in page
    rules = {r.rule for r in article.report.removals}
    assert "interface-text" in rules
    from build_tools.ingest.metadata import extract_metadata

    metadata = extract_metadata(article, {}, Diagnostics())
    assert metadata.summary and all(s not in metadata.summary for s in ("预览", "微信扫一扫", "預覽"))
    if not traditional:
        assert metadata.source == account and metadata.authors == (author,)


def test_interface_words_inside_prose_are_kept():
    [document] = read_documents(
        decoded("# 标题\n\n会议决定取消原定的发布会，并允许代表提前离场。\n\n他说：“关注我们的产品。”\n", "p.md")
    )
    page = "\n".join(block_texts(clean(document).blocks))
    assert "取消原定的发布会" in page and "关注我们的产品" in page


def test_a_lone_dialog_word_is_not_interface_text_but_two_are():
    known = interface_text()
    assert known.only_strings("取消") == []
    assert known.only_strings("取消 允许") == ["取消", "允许"]


@pytest.mark.parametrize(
    "line",
    [
        "阅读量：12345",
        "浏览次数：987次",
        "**本文已被查看 4814 次**",
        "举报电话：010-12345678　涉未成年人举报专线：010-12345679 举报邮箱：jubao@example.cn　"
        "网上有害信息举报专区：<https://www.example.cn/report/online/index.html>",
        "本站提到的所有注册商标属于他们各自的所有人所有，其余内容版权属于 example.org(2009-) 所有。",
        "本文版权归原作者所有，未经授权不得转载。",
        "该文观点仅代表作者本人，某某平台仅提供信息存储空间服务。",
        "聲明：本文觀點僅代表作者本人，某號系信息發布平台，某某僅提供信息存儲空間服務。",
        "本文已被閱讀 1,024 次",
        "京ICP备12345678号-1",
        "违法和不良信息举报电话：010-12345678",
        "首页 | 新闻 | 科技 | 财经",
    ],
)
def test_cms_footer_lines_are_interface_text(line):
    [document] = read_documents(decoded(f"# 标题\n\n一段真正的正文，写给读者看的内容。\n\n{line}\n", "cms.md"))
    article = clean(document)
    shown = strip_markup(line)  # as a reader would see it: bold marks are no text
    assert shown not in strip_markup("\n".join(block_texts(article.blocks)))
    assert any(r.rule == "interface-text" and shown in strip_markup(r.text) for r in article.report.removals)


def test_a_sentence_about_someones_rights_is_the_authors_text():
    line = "法院认定，这批专利的权利属于研究所所有，公司只有使用权，因此赔偿请求被驳回。"
    assert clean_keeps(line)


@pytest.mark.parametrize("line", ["市民可拨打举报电话12315反映问题。", "监管部门公布了举报邮箱：jubao@example.cn。"])
def test_a_sentence_naming_a_report_line_is_the_authors_text(line):
    assert clean_keeps(line)


def clean_keeps(line: str) -> bool:
    [document] = read_documents(decoded(f"# 标题\n\n一段真正的正文，写给读者看的内容。\n\n{line}\n", "cms.md"))
    return line in "\n".join(block_texts(clean(document).blocks))


def test_keyword_ad_links_keep_the_authors_word_only():
    text = "# 标题\n\n据报道，[谷歌](https://ad.example/1)([微博](https://ad.example/2))昨天发布了新的芯片。\n"
    [document] = read_documents(decoded(text, "ad.md"))
    [paragraph] = [b for b in clean(document).blocks if b.kind == "paragraph"]
    assert strip_markup(paragraph.text) == "据报道，谷歌昨天发布了新的芯片。"


def test_a_broken_interface_file_is_one_clear_error(tmp_path: Path):
    from build_tools.core.diagnostics import InputError

    bad = tmp_path / "interface_text.yaml"
    bad.write_text("strings:\n  - {text: 某某}\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_interface_text(bad)
    assert "interface_text.yaml" in str(error.value.diagnostics[0])


@pytest.mark.parametrize(
    "text, message",
    [
        ("strings:\n  - {text: 某某, platform: 某号}\n", "strings entry 1 needs text, platform and why"),
        ("strings:\n  - {text: '', platform: 某号, why: x}\n", "strings entry 1 needs text, platform and why"),
        ("lines:\n  - {pattern: '某+', why: x}\n", "lines entry 1 needs id, pattern and why"),
        ("inline:\n  - {id: a, pattern: '某+', why: x}\n", "inline entry 1 needs id, pattern, keep and why"),
        ("inline:\n  - {id: a, pattern: '某+', keep: ''}\n", "inline entry 1 needs id, pattern, keep and why"),
    ],
)
def test_an_interface_entry_without_its_fields_is_named_by_number(tmp_path: Path, text, message):
    from build_tools.core.diagnostics import InputError

    bad = tmp_path / "interface_text.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_interface_text(bad)
    assert message in str(error.value)


# -- truncation, judged after template text is removed ------------------------------------------


@pytest.mark.parametrize(
    ("ending", "truncated"),
    [
        ("但车是硬件，如果车...", True),
        ("但车是硬件，如果车…", True),
        ("但车是硬件，如果车", True),
        ("他沉默了很久……", False),
        ("这件事就这样结束了。", False),
        ("欢迎大家提出建议，一起参与~", False),
        ("欢迎大家提出建议，一起参与～", False),
        ("今天就聊到这里，下期再见👋", False),
        ("作者是专栏作家，研究经济数据。FB专页：facebook.com/someone", False),
        ("作者是专栏作家，研究经济数据。电邮：someone@example.org", False),
        ("这一段写完了。下一句却在半路，如果车", True),
        ("这一段写完了。谢谢阅读", False),
    ],
    ids=[
        "three-dots",
        "ellipsis-character",
        "no-mark",
        "writers-ellipsis",
        "full-stop",
        "tilde",
        "wide-tilde",
        "emoji",
        "contact-line-after-a-bio",
        "email-after-a-bio",
        "cut-after-a-full-sentence",
        "sign-off-after-a-full-sentence",
    ],
)
def test_a_page_that_stops_mid_sentence_gets_the_notice(ending, truncated):
    text = f"# 标题\n\n第一段正文写完了。\n\n{ending}\n"
    [document] = read_documents(decoded(text, "cut.md"))
    assert clean(document).report.truncated is truncated


def test_a_complete_page_ending_in_interface_text_is_not_truncated():
    text = "# 标题\n\n正文的一段话，写完了。\n\n预览时标签不可点\n\n微信扫一扫关注该公众号\n"
    [document] = read_documents(decoded(text, "end.md"))
    assert clean(document).report.truncated is False


def test_truncation_is_judged_again_after_the_collections_template_goes():
    from build_tools.ingest.metadata import extract_metadata
    from build_tools.ingest.seeds import SeedArticle, SeedResult

    rng = random.Random(3)
    footer = "本站的页脚写在这里，" + han_sentence(rng, 10)[:-1]  # no closing stop: looks cut
    results = []
    for number in range(4):
        text = f"# 标题{number}\n\n{han_sentence(rng, 30)}\n\n{footer}\n"
        [document] = read_documents(decoded(text, f"t{number}.md"))
        article = clean(document)
        assert article.report.truncated  # judged on the page with its footer
        results.append(
            SeedResult(f"t{number}.md", articles=[SeedArticle(article, extract_metadata(article, {}, Diagnostics()))])
        )
    for result in remove_templates(results, Diagnostics()):
        [item] = result.articles
        assert item.article.report.truncated is False and item.metadata.truncated is False


def test_copies_of_one_article_in_several_files_are_left_whole(tmp_path: Path):
    rng = random.Random(11)
    body = [han_sentence(rng, 30) for _ in range(3)]
    for number in range(4):
        (tmp_path / f"c{number}.md").write_text(f"# 标题{number}\n\n" + "\n\n".join(body) + "\n", encoding="utf-8")
    diagnostics = Diagnostics()
    for result in remove_templates(_results(tmp_path, diagnostics), diagnostics):
        assert all(sentence in _page_text(result) for sentence in body)
    assert not [d for d in diagnostics.items if "not published" in d.message]


def test_a_nav_list_shared_by_files_goes_and_a_list_with_its_own_entries_stays(tmp_path: Path):
    rng = random.Random(5)
    nav = ["首页", "新闻中心", "产业动态", "关于本站"]
    for number in range(4):
        own_list = [han_sentence(rng, 6)[:-1], "新闻中心", han_sentence(rng, 5)[:-1]]
        text = "\n".join(f"- {item}" for item in nav) + f"\n\n# 标题{number}\n\n{han_sentence(rng, 30)}\n\n"
        text += "\n".join(f"- {item}" for item in own_list) + "\n"
        (tmp_path / f"n{number}.md").write_text(text, encoding="utf-8")
    diagnostics = Diagnostics()
    for result in remove_templates(_results(tmp_path, diagnostics), diagnostics):
        lists = [b.items for item in result.articles for b in item.article.blocks if b.kind == "list"]
        assert tuple(nav) not in lists
        assert any("新闻中心" in items for items in lists), "a list with entries of its own is kept whole"


@pytest.mark.parametrize("label", ["本篇俚语", "延伸思考：", "今日金句"])
def test_a_recurring_label_over_unique_text_stays_and_over_recurring_text_goes(tmp_path: Path, label):
    """Only blocks whose own text recurs are template: a column's recurring label introduces the author's text."""
    rng = random.Random(len(label))
    closing_label, closing = "关于本栏", han_sentence(rng, 20)  # recurs with what it introduces: template
    owns = {}
    for number in range(1, 5):
        own = [han_sentence(rng, 30) for _ in range(3)]
        saying = han_sentence(rng, 15)
        body = [own[0], label, saying, own[1], own[2], closing_label, closing]
        (tmp_path / f"c{number}.md").write_text(
            f"# 第{number}期{han_sentence(rng, 3)[:-1]}\n\n" + "\n\n".join(body) + "\n"
        )
        owns[f"c{number}.md"] = [*own, label, saying]
    diagnostics = Diagnostics()
    for result in remove_templates(_results(tmp_path, diagnostics), diagnostics):
        text = _page_text(result)
        for kept in owns[result.name]:
            assert strip_markup(kept) in text, f"{result.name}: {kept} was removed"
        assert closing not in text and closing_label not in text
        removed = [r.text for item in result.articles for r in item.article.report.removals if r.rule == RULE]
        assert closing_label in removed and closing in removed


@pytest.mark.parametrize(
    "line",
    [
        "FB专页：facebook.com/someone｜電郵：[email protected]",
        "联系方式：邮箱：[email protected]",
        "來信請寄 [email protected]",
    ],
    ids=["after-a-label", "label-in-a-label", "bare"],
)
def test_cloudflares_email_placeholder_is_never_shown(line):
    text = f"# 标题\n\n正文的一段话，写完了。\n\n作者是专栏作家。{line}\n"
    [document] = read_documents(decoded(text, "bio.md"))
    article = clean(document)
    shown = "\n".join(block_texts(article.blocks))
    assert "protected" not in shown and "作者是专栏作家。" in shown
    assert any("protected" in r.text for r in article.report.removals)


@pytest.mark.parametrize(
    "lines",
    [["视频", "小程序", "赞", "，轻点两下取消赞", "在看", "，轻点两下取消在看"], ["：", "，", "。"]],
    ids=["share-bar-split-over-lines", "punctuation-left-alone"],
)
def test_interface_labels_an_export_split_over_lines_are_interface_text(lines):
    body = "一段真正的正文，写给读者看的内容。"
    [document] = read_documents(decoded("# 标题\n\n" + body + "\n\n" + "\n".join(lines) + "\n", "wechat.md"))
    article = clean(document)
    assert [strip_markup(b.text) for b in article.blocks] == [body]


def test_short_lines_of_a_poem_are_not_interface_text():
    poem = ["春眠不觉晓", "处处闻啼鸟", "夜来风雨声", "花落知多少"]
    [document] = read_documents(decoded("# 春晓\n\n" + "\n".join(poem) + "\n", "poem.md"))
    assert "".join(block_texts(clean(document).blocks)).count("鸟") == 1
