"""Marks that respect word boundaries: a glossary term is marked where a reader reads it as a word,
never as the first or last characters of a longer word (芯片战 in 芯片战略), and never in lines that are
not running text (a copy of the title, a 原标题 line, a bold subhead).  The texts are our own."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools.chinese.glossary import load_glossary
from build_tools.chinese.opencc_engine import plain_converter
from build_tools.config.settings import DATA
from build_tools.core.model import Block
from build_tools.editions.annotate import Annotator, number_paragraphs, term_views
from build_tools.renderer.dialect import DIALECT

GLOSSARY = load_glossary(DATA / "glossary.yaml")
MATCHER = GLOSSARY.matcher()
TO_TRADITIONAL = plain_converter("s2tw")


def _forms(text: str) -> list[str]:
    return [m.form for m in MATCHER.find(text)]


# (text, the term, whether a reader sees the term there)
CASES = [
    ("中美两国的芯片战略各不相同。", "芯片战", False),  # 战略: strategy
    ("他们在芯片战线节节后退。", "芯片战", False),  # 战线: front line
    pytest.param(
        "他们在芯片战线上节节后退。",
        "芯片战",
        False,
        marks=pytest.mark.xfail(strict=True, reason="known limit: 芯片战|线上 leaves a word (线上) on both sides"),
    ),
    ("中美芯片战打响以后，企业纷纷备货。", "芯片战", True),
    ("芯片战愈演愈烈。", "芯片战", True),
    ("这家公司首次出海选在东南亚。", "出海", True),  # jieba alone reads 海选 (a talent show's audition)
    ("科技企业出海选择很多。", "出海", True),
    ("成为中国硬科技赛道的领跑者。", "硬科技", True),
    ("行业内卷严重。", "内卷", True),
    ("我们在内卷的环境里坚持。", "内卷", True),  # jieba alone reads 在内 (including)
]


@pytest.mark.parametrize("script", ["zh-Hans", "zh-Hant"])
@pytest.mark.parametrize("text, term, seen", CASES)
def test_a_term_is_marked_only_where_it_is_a_word(text, term, seen, script):
    if script == "zh-Hant":
        text, term = TO_TRADITIONAL(text), TO_TRADITIONAL(term)
    assert (term in _forms(text)) == seen, (text, _forms(text))


FILLERS = st.sampled_from(["我们", "今天", "看到", "很多", "公司", "认为", "，", "。", "的", "在", "和"])


@settings(max_examples=60, deadline=None)
@given(st.lists(FILLERS, max_size=4), st.lists(FILLERS, max_size=4))
def test_a_term_between_ordinary_words_is_still_marked(before, after):
    """The boundary rule never costs a mark where the term stands between ordinary words."""
    for term in ("芯片战", "卡脖子", "内卷", "硬科技"):
        text = "".join(before) + "，" + term + "，" + "".join(after)
        assert term in _forms(text), text


def _marked(blocks: list[Block], title: str) -> list[str]:
    annotated, _ = Annotator(MATCHER, term_views(GLOSSARY, DIALECT)).annotate(number_paragraphs(blocks), "../", title)
    return [b.text for b in annotated if 'class="term' in b.text]


@pytest.mark.parametrize(
    "line",
    [
        "原标题：卡脖子的日子怎么过",
        "（原標題：卡脖子的日子怎麼過）",
        "**卡脖子的日子怎么过**",
        "卡脖子的日子怎么过",  # the title, copied as the first paragraph
    ],
)
def test_lines_that_are_not_running_text_are_never_marked(line):
    body = Block("paragraph", "后来，卡脖子成了常用的说法。")
    assert _marked([Block("paragraph", line), body], "卡脖子的日子怎么过") == [_marked([body], "")[0]]
