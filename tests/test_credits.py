"""Desk credits are one set of patterns (ingest/credits.py): the same lines, in either script, go the same
way wherever they are met — cleaning a plain article, the tail of a saved page, a page's editor names."""

from __future__ import annotations

import pytest

from build_tools.ingest.credits import editor_names, is_credit_line, starts_with_credit, trailing_credit
from build_tools.ingest.readers.page_chrome import tail_removals
from build_tools.ingest.readers.page_chrome import trailing_credit as page_trailing_credit
from tests.test_dialects import build_one, make_article

pytestmark = pytest.mark.unit

# (simplified, traditional) spellings of each role, written out here (not derived from the code under test)
ROLES = [
    ("责任编辑", "責任編輯"),
    ("编辑", "編輯"),
    ("责编", "責編"),
    ("校对", "校對"),
    ("审核", "審核"),
    ("编审", "編審"),
]


@pytest.mark.parametrize("script", [0, 1], ids=["simplified", "traditional"])
@pytest.mark.parametrize("role", ROLES, ids=[r[0] for r in ROLES])
def test_every_role_is_a_credit_in_either_script_in_every_form(role, script):
    word = role[script]
    assert is_credit_line(f"{word}：王小明")
    assert is_credit_line(f"（{word}：王小明）")
    assert starts_with_credit(f"{word}：王小明 2024-01-01")
    text = f"最后一段正文到此结束。（{word}：王小明）1120221"
    assert text[: trailing_credit(text)] == "最后一段正文到此结束。"


@pytest.mark.parametrize("line", ["编辑部的故事很好看。", "他负责审核：每一笔都要看。", "校对工作十分辛苦，需要耐心。"])
def test_prose_that_uses_a_role_word_is_no_credit(line):
    assert not is_credit_line(line)
    assert trailing_credit(line) is None


def test_editor_names_are_read_in_the_texts_own_script():
    assert editor_names("正文。責任編輯：蘇龍麒") == {"蘇龍麒"}
    assert editor_names("正文。（编辑：王小明）") == {"王小明"}


@pytest.mark.parametrize("script", [0, 1], ids=["simplified", "traditional"])
def test_a_saved_pages_tail_and_a_plain_article_drop_the_same_credits(tmp_path, script):
    from build_tools.core.model import Block

    word = ROLES[3][script]  # 校对 / 校對: a role the page reader once did not know
    kept, removed = tail_removals([Block("paragraph", "正文。"), Block("paragraph", f"{word}：李四")])
    assert [b.text for b in kept] == ["正文。"] and [r.text for r in removed] == [f"{word}：李四"]
    closing = Block("paragraph", f"正文结束。（{word}：李四）")
    kept, removed = page_trailing_credit([closing])
    assert [b.text for b in kept] == ["正文结束。"] and [r.text for r in removed] == [f"（{word}：李四）"]
    a = make_article(80 + script)
    text = f"{a.title}\n\n" + "\n\n".join(a.paragraphs) + f"\n\n{ROLES[0][script]}：王五\n{word}：李四\n"
    [seed_article] = build_one(tmp_path, text.encode("utf-8")).articles
    body = "".join(b.text for b in seed_article.article.blocks)
    assert "王五" not in body and "李四" not in body
    assert a.paragraphs[-1] in body
