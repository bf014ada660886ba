"""Bylines as Chinese papers print them (cases as data, with ids), metadata with its evidence, captions,
and the audit's accounting of link addresses and attributes."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from build_tools.core.diagnostics import Diagnostics
from build_tools.core.model import Block, block_texts
from build_tools.core.textutil import parse_byline, strip_markup
from build_tools.ingest.captions import credit_is_not_the_caption, drop_uncaptioned_pictures
from build_tools.ingest.clean import Context, clean
from build_tools.ingest.metadata import extract_metadata, front_matter
from build_tools.ingest.readers import read_documents
from build_tools.ingest.seeds import SeedArticle, SeedResult
from build_tools.plan.fidelity import audit
from tests.test_readers import decoded

CASES = yaml.safe_load((Path(__file__).parent / "data" / "byline_cases.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_byline_variants(case):
    names = parse_byline(case["line"])
    assert (list(names) if names else []) == case["names"]


def _metadata(text: str, name: str = "a.md", sidecar: dict | None = None):
    [document] = read_documents(decoded(text, name))
    article = clean(document)
    return article, extract_metadata(article, sidecar or {}, Diagnostics())


def test_every_field_says_where_it_came_from():
    _, metadata = _metadata(
        "---\ntitle: 前言的标题\ndate: 2021-03-04\nauthors: [张三]\n---\n\n正文的一段话，写给读者。\n"
    )
    provenance = front_matter(metadata)["provenance"]
    assert provenance["evidence"] == {"title": "headline", "date": "front-matter", "authors": "front-matter"}


def test_the_editor_file_is_named_as_the_evidence():
    _, metadata = _metadata("# 标题\n\n正文的一段话，写给读者。\n", sidecar={"date": "2020-01-02"})
    assert dict(metadata.evidence)["date"] == "editor-file"


def test_no_date_is_given_no_evidence_and_none_is_guessed():
    _, metadata = _metadata("# 标题\n\n正文的一段话，写给读者，2019年5月6日那天发生的事。\n")
    assert metadata.date == "" and "date" not in dict(metadata.evidence)


def test_original_title_and_source_lines_leave_the_body_and_become_metadata():
    article, metadata = _metadata(
        "# 新的标题\n\n原标题：旧的标题写在这里\n\n来源：某某日报\n\n正文的一段话，写给读者看的。\n"
    )
    body = "\n".join(block_texts(article.blocks))
    assert "原标题" not in body and "来源" not in body
    assert metadata.source == "某某日报"
    assert front_matter(metadata)["provenance"]["original_title"] == "旧的标题写在这里"
    assert dict(metadata.evidence)["source"] == "line-under-headline"


def test_a_source_line_closing_the_article_names_its_source():
    article, metadata = _metadata("# 标题\n\n正文的一段话，写给读者看的。\n\n第二段话也写完了。\n\n来源：某某晚报\n")
    assert all("某某晚报" not in t for t in block_texts(article.blocks))
    assert metadata.source == "某某晚报" and dict(metadata.evidence)["source"] == "source-line"


def test_a_source_note_under_a_chart_title_stays():
    article, _ = _metadata("# 标题\n\n正文的一段话，写给读者看的。\n\n图表的标题\n\n来源：统计部门\n")
    assert any("统计部门" in t for t in block_texts(article.blocks))


# -- captions ---------------------------------------------------------------------------------


@pytest.mark.parametrize("credit", ["(Credit: Some Agency)", "图片来源：某某图库", "摄影：王小明", "某某社供图"])
def test_a_credit_only_caption_gives_way_to_the_real_caption_below(credit):
    blocks = [
        Block("figure", credit, src="https://example.org/a.jpg", line=1),
        Block("paragraph", "图注：工人在车间里检查新下线的芯片", line=2),
        Block("paragraph", "正文继续写下去。", line=3),
    ]
    result = credit_is_not_the_caption(blocks, Context("markdown", "标题"))
    assert result[0].text == "工人在车间里检查新下线的芯片"
    assert result[0].notes == (credit,)
    assert [b.text for b in result[1:]] == ["正文继续写下去。"]


def test_a_real_caption_is_not_taken_for_a_credit():
    blocks = [Block("figure", "工人在车间里检查芯片", src="https://example.org/a.jpg")]
    assert credit_is_not_the_caption(blocks, Context("markdown", "标题")) == blocks


def test_uncaptioned_pictures_after_the_text_go_recorded_and_those_between_paragraphs_stay():
    middle = Block("figure", src="https://example.org/chart.png", line=2)
    tail = Block("figure", src="https://example.org/qr.png", line=4)
    blocks = [Block("paragraph", "第一段。", line=1), middle, Block("paragraph", "第二段。", line=3), tail]
    ctx = Context("markdown", "标题")
    assert drop_uncaptioned_pictures(blocks, ctx) == blocks[:3]
    assert [(r.rule, r.text) for r in ctx.removals] == [("uncaptioned-picture", "https://example.org/qr.png")]


def test_a_view_original_box_is_never_a_caption():
    article, _ = _metadata(
        "# 标题\n\n正文的一段话，写给读者看的。\n\n![查看原图（外部链接）](https://example.org/x.png)\n"
    )
    assert all("查看原图" not in t for t in block_texts(article.blocks))


# -- the audit --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "markup",
    [
        "[链接](https://example.org/维基/芯片)",
        "[链接](https://example.org/%E8%8A%AF%E7%89%87)",
        '[链接](https://example.org/a "标题属性里的字")',
        '<a href="https://example.org/" title="属性里的字">链接</a>',
    ],
)
def test_han_in_addresses_and_attributes_is_no_false_loss(markup):
    text = f"# 标题\n\n正文的一段话，{markup}写给读者看的。\n"
    document_text = decoded(text, "link.md")
    [document] = read_documents(document_text)
    article = clean(document)
    from collections import Counter

    from build_tools.core.textutil import han_chars, markup_han

    result = SeedResult(
        "link.md",
        articles=[SeedArticle(article, extract_metadata(article, {}, Diagnostics()))],
        han_in=Counter(han_chars(text)),
        han_in_markup=markup_han(text),
    )
    assert audit(result, [])["han_missing"] == 0


def test_text_that_is_really_lost_is_still_reported():
    from collections import Counter

    from build_tools.core.textutil import han_chars, markup_han

    text = "# 标题\n\n正文的一段话。\n"
    [document] = read_documents(decoded(text, "lost.md"))
    article = clean(document)
    source = text + "丢失的字"  # characters the pages do not hold and no rule removed
    result = SeedResult(
        "lost.md",
        articles=[SeedArticle(article, extract_metadata(article, {}, Diagnostics()))],
        han_in=Counter(han_chars(source)),
        han_in_markup=markup_han(source),
    )
    assert audit(result, [])["han_missing"] == 4


def test_strip_markup_still_hides_addresses():
    assert strip_markup("[链接](https://x.org/字)") == "链接"


@pytest.mark.parametrize(
    "author, authors, source",
    [
        ("新浪财经", (), "新浪财经"),
        ("某某日报", (), "某某日报"),
        ("新华社", (), "新华社"),
        ("某某官方账号", (), "某某官方账号"),
        ("张三", ("张三",), ""),
        ("欧阳明日", ("欧阳明日",), ""),
    ],
    ids=["finance-channel", "daily", "agency", "official-account", "writer", "four-character-writer"],
)
def test_an_outlet_given_as_the_author_is_the_source(author, authors, source):
    """Aggregators write the channel as `author:`; a reader is told who published it, not a false writer."""
    _, metadata = _metadata(f"---\ntitle: 标题\nauthor: {author}\n---\n\n正文的一段话，写给读者看的。\n")
    assert (metadata.authors, metadata.source) == (authors, source)


def test_an_outlet_author_gives_way_to_the_source_line_and_the_byline_of_the_text():
    _, metadata = _metadata(
        "---\ntitle: 标题\nauthor: 新浪财经\n---\n\n来源：某某研究院官方账号\n\n正文的一段话，写给读者看的。\n"
    )
    assert (metadata.authors, metadata.source) == ((), "某某研究院官方账号")


@pytest.mark.parametrize("quote", ["“咬住”", "「咬住」", "《咬住》"])
def test_a_front_matter_title_with_underscores_for_quotes_takes_the_texts_own_headline(quote):
    article, metadata = _metadata(
        f"---\ntitle: 未来五年拼谁能_咬住_\n---\n\n<p>未来五年拼谁能{quote}</p>\n<p>正文的一段话，写给读者看的。</p>\n"
    )
    assert metadata.title == f"未来五年拼谁能{quote}"
    assert all("拼谁能" not in t for t in block_texts(article.blocks))


def test_an_outlet_author_left_unshown_is_recorded_so_the_audit_finds_no_loss(tmp_path):
    from build_tools.config.settings import BuildSettings
    from build_tools.ingest.seeds import process_seed

    (tmp_path / "post.md").write_text(
        "---\ntitle: 标题\nauthor: 新浪财经\n---\n\n来源：某某研究院官方账号\n\n正文的一段话，写给读者看的。\n",
        encoding="utf-8",
    )
    result = process_seed(tmp_path / "post.md", BuildSettings(seeds=tmp_path), Diagnostics())
    assert result is not None
    report = audit(result, ["p"])
    assert report["han_missing"] == 0
    assert [r["text"] for r in report["removals"] if r["rule"] == "front-matter-outlet"] == ["新浪财经"]
