"""The glossary file and the term matcher that finds terms inside running Chinese text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from build_tools.glossary import GlossaryError, load_glossary

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = load_glossary(ROOT / "build_tools" / "data" / "glossary.yaml")
SEED_TEXT = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "seeds").glob("*.txt"))


def test_real_glossary_has_enough_terms_and_the_shared_topics():
    assert len(GLOSSARY.entries) >= 30
    topics = {e.term for e in GLOSSARY.topics()}
    assert {"卡脖子", "硬科技", "内卷"} <= topics


def test_every_term_occurs_in_the_seeds():
    absent = [e.term for e in GLOSSARY.entries if not GLOSSARY.matcher().find(SEED_TEXT) or
              not any(m.term == e.term for m in GLOSSARY.matcher().find(SEED_TEXT))]
    assert not absent, f"glossary terms that no seed uses: {absent}"


def test_entries_are_sorted_by_pinyin_and_have_readings():
    from pypinyin import lazy_pinyin
    keys = [" ".join(lazy_pinyin(e.term)) for e in GLOSSARY.entries]
    assert keys == sorted(keys)
    assert GLOSSARY.get("卡脖子").pinyin == "qiǎ bózi"  # the override for the polyphone 卡
    assert all(e.pinyin and e.slug.isascii() for e in GLOSSARY.entries)


def test_term_inside_a_sentence_with_han_on_both_sides():
    [match] = GLOSSARY.matcher().find("美国通过出口管制政策在高科技领域卡脖子的做法")[1:]
    assert (match.term, match.form) == ("卡脖子", "卡脖子")


def test_traditional_form_and_variant_find_their_term():
    found = [(m.term, m.form) for m in GLOSSARY.matcher().find("國內市場的內卷，曾經被卡住脖子")]
    assert ("内卷", "內卷") in found and ("卡脖子", "卡住脖子") in found


def test_longest_form_wins(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text("terms:\n  - {term: 自主, gloss: a, definition: 定义。}\n  - {term: 自主可控, gloss: b, definition: 定义。}\n",
                    encoding="utf-8")
    [match] = load_glossary(path).matcher().find("实现自主可控")
    assert match.term == "自主可控"


def test_exclusion_prevents_the_false_hit_but_keeps_real_ones():
    text = "它们将向商业市场释放出海量订单。中国企业出海。"
    matches = [m for m in GLOSSARY.matcher().find(text) if m.term == "出海"]
    assert [text[m.start - 2:m.end] for m in matches] == ["企业出海"]
    agi = [m.form for m in GLOSSARY.matcher().find("在 ARC-AGI 上的得分，通往 AGI 的关键") if m.term == "通用人工智能"]
    assert agi == ["AGI"]


FORMS = [f for e in GLOSSARY.entries for f in e.forms]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(FORMS), st.text(alphabet="的了在和是中国企业市场技术发展", min_size=1, max_size=3)),
                max_size=30))
def test_matches_are_ordered_non_overlapping_and_real(parts):
    text = "".join(parts)
    matches = GLOSSARY.matcher().find(text)
    position = 0
    for match in matches:
        assert match.start >= position
        assert text[match.start:match.end] == match.form
        assert match.form in GLOSSARY.get(match.term).forms
        position = match.end


@pytest.mark.parametrize("body, expected", [
    ("  - {term: 甲, gloss: a, definition: 定义。}\n  - {term: 甲, gloss: b, definition: 定义。}\n",
     ":3: entry '甲', field 'term': duplicate term"),
    ("  - {term: 甲, gloss: a, definition: 定义。, related: [乙]}\n",
     ":2: entry '甲', field 'related': unknown term '乙'"),
    ("  - {term: 甲, gloss: a, definition: ''}\n", ":2: entry '甲', field 'definition': missing or empty"),
    ("  - {term: 甲, gloss: a, definition: 定义。, topic: yes please}\n", ":2: entry '甲', field 'topic': must be true or false"),
    ("  - {term: 甲, gloss: a, definition: 定义。, variants: 乙}\n", ":2: entry '甲', field 'variants': must be a list"),
    ("  - {term: 甲, gloss: [a, definition: 定义。}\n", ":2: malformed YAML"),
])
def test_broken_glossary_names_file_line_entry_and_field(tmp_path, body, expected):
    path = tmp_path / "glossary.yaml"
    path.write_text("terms:\n" + body, encoding="utf-8")
    with pytest.raises(GlossaryError) as error:
        load_glossary(path)
    assert f"{path}{expected}" in str(error.value)
