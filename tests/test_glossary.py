"""The glossary file, its validation, and the matcher that finds terms in running Chinese text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools.chinese.glossary import Glossary, GlossaryError, load_glossary

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = load_glossary(ROOT / "build_tools" / "data" / "glossary.yaml")
MATCHER = GLOSSARY.matcher()
SEEDS = {p.name: p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))}


def small_glossary(tmp_path: Path, body: str) -> Glossary:
    path = tmp_path / "glossary.yaml"
    path.write_text("terms:\n" + body, encoding="utf-8")
    return load_glossary(path)


def found(text: str, matcher=MATCHER) -> list[tuple[str, str]]:
    return [(m.term, m.form) for m in matcher.find(text)]


# -- the real file ------------------------------------------------------------------------------


def test_real_glossary_has_enough_terms_and_the_shared_topics():
    assert len(GLOSSARY.entries) >= 35
    assert {"卡脖子", "硬科技", "内卷"} <= {e.term for e in GLOSSARY.topics()}


def test_every_term_occurs_in_the_seeds():
    used = {m.term for text in SEEDS.values() for m in MATCHER.find(text)}
    assert not [e.term for e in GLOSSARY.entries if e.term not in used], "terms that no seed uses"


@pytest.mark.build
def test_terms_used_in_two_or_more_seeds_are_topics():
    terms_in = {name: {m.term for m in MATCHER.find(text)} for name, text in SEEDS.items()}  # one pass per seed
    seeds_using = {e.term: {name for name, terms in terms_in.items() if e.term in terms} for e in GLOSSARY.entries}
    missing = [term for term, names in seeds_using.items() if len(names) >= 2 and not GLOSSARY.get(term).topic]
    assert not missing


def test_entries_are_sorted_by_pinyin_with_unique_ascii_slugs():
    keys = [(e.slug.replace("-", " "), e.pinyin, e.term) for e in GLOSSARY.entries]
    assert keys == sorted(keys)
    slugs = [e.slug for e in GLOSSARY.entries]
    assert len(set(slugs)) == len(slugs)
    assert all(s.isascii() and s.replace("-", "").isalnum() and s == s.lower() for s in slugs)


def test_polyphone_override_wins_and_generated_pinyin_has_tone_marks():
    kabozi = GLOSSARY.get("卡脖子")
    assert (kabozi.pinyin, kabozi.slug) == ("qiǎ bózi", "qia-bo-zi")
    assert GLOSSARY.get("摩尔定律").pinyin == "mó ěr dìng lǜ" and GLOSSARY.get("摩尔定律").slug == "mo-er-ding-lv"
    assert GLOSSARY.get("内卷").slug == "nei-juan"


def test_forms_cover_both_scripts_of_term_and_variants():
    neijuan = GLOSSARY.get("内卷")
    assert neijuan.traditional == "內卷"  # derived with OpenCC, not written in the file
    assert {"内卷", "內卷", "內捲", "内卷式竞争", "內卷式競爭"} <= set(neijuan.forms)
    assert GLOSSARY.get("供应链").forms[:2] == ("供应链", "供應鏈")
    assert GLOSSARY.get("不是术语") is None


# -- the matcher --------------------------------------------------------------------------------


def test_term_inside_a_sentence_with_han_on_both_sides():
    text = "美国通过出口管制政策在高科技领域卡脖子的做法"
    matches = MATCHER.find(text)
    assert [(m.term, text[m.start : m.end]) for m in matches] == [("出口管制", "出口管制"), ("卡脖子", "卡脖子")]
    assert (matches[1].start, matches[1].end) == (16, 19)


def test_traditional_form_and_variant_find_their_term():
    assert found("國內市場的內卷愈演愈烈，曾經被卡住脖子的企業") == [("内卷", "內卷"), ("卡脖子", "卡住脖子")]
    assert found("台灣媒體寫作內捲，也寫作內卷式競爭") == [("内卷", "內捲"), ("内卷", "內卷式競爭")]


def test_real_seed_sentences_in_both_scripts():
    assert ("实体清单", "實體清單") in found(SEEDS["001_b76d97afb368d3f5.txt"])
    assert ("卡脖子", "卡住咽喉") in found(SEEDS["000_f1966de404568f72.txt"])


def test_longest_form_wins(tmp_path):
    glossary = small_glossary(
        tmp_path, "  - {term: 自主, gloss: a, definition: 定义。}\n  - {term: 自主可控, gloss: b, definition: 定义。}\n"
    )
    assert found("要实现自主可控，先要自主", glossary.matcher()) == [("自主可控", "自主可控"), ("自主", "自主")]
    # in the real glossary: a longer variant beats the term it contains
    assert found("中国产业政策飞轮已经转动，出现飞轮效应；新型举国体制") == [
        ("产业政策", "产业政策"),
        ("飞轮效应", "飞轮"),
        ("飞轮效应", "飞轮效应"),
        ("举国体制", "新型举国体制"),
    ]


def test_latin_forms_do_not_match_inside_latin_words():
    assert found("MAGIC 与 AGI，AGI芯片，AGIs") == [("通用人工智能", "AGI"), ("通用人工智能", "AGI")]


def test_exclusion_prevents_the_false_hit_but_keeps_real_ones():
    # 002: 在保持强大模型能力的同时 is 强大 + 模型能力; 豆包大模型 is a real 大模型
    text = "这一新模型在保持强大模型能力的同时，训练效率提升。字节跳动宣布旗下豆包大模型家族升级。"
    matches = [m for m in MATCHER.find(text) if m.term == "大模型"]
    assert [text[m.start - 2 : m.end] for m in matches] == ["豆包大模型"]
    text = "它们将向商业市场释放出海量订单。中国企业出海。"
    assert [text[m.start - 2 : m.end] for m in MATCHER.find(text) if m.term == "出海"] == ["企业出海"]
    assert found("在 ARC-AGI 上的得分，通往 AGI 的关键") == [("通用人工智能", "AGI")]


def test_exclusions_work_on_the_seed_they_came_from():
    newspaper = SEEDS["002_fb37603849dd3ae1.txt"]
    assert len([m for m in MATCHER.find(newspaper) if m.term == "大模型"]) == newspaper.count("大模型") - 1


def test_an_excluded_match_does_not_hide_another_term_at_the_same_place(tmp_path):
    glossary = small_glossary(
        tmp_path,
        "  - {term: 出海, gloss: a, definition: 定义。, exclude: [出海量]}\n"
        "  - {term: 出, gloss: b, definition: 定义。}\n"
        "  - {term: 海量, gloss: c, definition: 定义。}\n",
    )
    assert found("释放出海量订单，企业出海", glossary.matcher()) == [("出", "出"), ("海量", "海量"), ("出海", "出海")]
    glossary = small_glossary(
        tmp_path,
        "  - {term: 出海, gloss: a, definition: 定义。, exclude: [出海量]}\n"
        "  - {term: 海量, gloss: c, definition: 定义。}\n",
    )
    assert found("释放出海量订单，企业出海", glossary.matcher()) == [("海量", "海量"), ("出海", "出海")]


def test_exclusions_apply_in_the_other_script_too(tmp_path):
    glossary = small_glossary(tmp_path, "  - {term: 大模型, gloss: a, definition: 定义。, exclude: [强大模型]}\n")
    assert found("保持強大模型能力，發布大模型", glossary.matcher()) == [("大模型", "大模型")]


FORMS = sorted({f for e in GLOSSARY.entries for f in e.forms})
FILLER = st.text(alphabet="的了在和是中国企业市场技术发展大强出海量卡住体", min_size=1, max_size=3)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(FORMS), FILLER), max_size=30))
def test_matches_are_ordered_non_overlapping_and_real(parts):
    text = "".join(parts)
    position = 0
    for match in MATCHER.find(text):
        assert position <= match.start < match.end
        assert text[match.start : match.end] == match.form
        assert match.form in GLOSSARY.get(match.term).forms
        position = match.end


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(FORMS), min_size=1, max_size=20))
def test_every_form_between_punctuation_is_found_whole(parts):
    text = "。".join(parts)
    assert [m.form for m in MATCHER.find(text)] == parts


def test_matching_counts_every_occurrence_in_long_text():
    """Long text is matched whole (speed is a benchmark figure, never a timed test)."""
    text = "企业出海，释放出海量订单；保持强大模型能力的同时发展大模型与算力。" * 20_000  # ~660 000 characters
    matches = MATCHER.find(text)
    assert len(matches) == 3 * 20_000


# -- validation ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body, expected",
    [
        (
            "  - {term: 甲, gloss: a, definition: 定义。}\n  - {term: 甲, gloss: b, definition: 定义。}\n",
            ":3: entry '甲', field 'term': duplicate term",
        ),
        (
            "  - {term: 甲, gloss: a, definition: 定义。}\n"
            "  - {term: 乙, variants: [甲], gloss: b, definition: 定义。}\n",
            ":3: entry '乙', field 'variants': '甲' is already a form of entry '甲'",
        ),
        (
            "  - {term: 面, gloss: a, definition: 定义。}\n  - {term: 麪, gloss: b, definition: 定义。}\n",
            ":3: entry '麪', field 'term': '麪' is not in simplified characters",
        ),
        (
            "  - {term: 甲, gloss: a, definition: 定义。, related: [乙]}\n",
            ":2: entry '甲', field 'related': unknown term '乙'",
        ),
        (
            "  - {term: 甲, gloss: a, definition: 定义。, related: [甲]}\n",
            ":2: entry '甲', field 'related': names the entry itself",
        ),
        ("  - {term: 甲, gloss: a, definition: ''}\n", ":2: entry '甲', field 'definition': missing or empty"),
        ("  - {term: 甲, gloss: a}\n", ":2: entry '甲', field 'definition': missing or empty"),
        ("  - {term: 甲, gloss: a, definition: 一。二。三。四。}\n", ":2: entry '甲', field 'definition': 4 sentences"),
        (
            "  - {term: 甲, gloss: a, definition: 定义。, topic: yes please}\n",
            ":2: entry '甲', field 'topic': must be true or false",
        ),
        (
            "  - {term: 甲, gloss: a, definition: 定义。, variants: 乙}\n",
            ":2: entry '甲', field 'variants': must be a list",
        ),
        (
            "  - {term: 甲, gloss: 42, definition: 定义。}\n",
            ":2: entry '甲', field 'gloss': must be text, not a number",
        ),
        (
            "  - {term: 甲, gloss: a, definition: 定义。, colour: red}\n",
            ":2: entry '甲', field 'colour': unknown field",
        ),
        (
            "  - {term: 卡脖子, pinyin: kǎ bó, gloss: a, definition: 定义。}\n",
            ":2: entry '卡脖子', field 'pinyin': 'kǎ bó' does not read '卡脖子'",
        ),
        (
            "  - {term: 权利, gloss: a, definition: 定义。}\n  - {term: 权力, gloss: b, definition: 定义。}\n",
            ":3: entry '权力', field 'pinyin': page address 'quan-li' is already used by '权利'",
        ),
        (
            "  - {term: 出海, gloss: a, definition: 定义。, exclude: [海量]}\n",
            ":2: entry '出海', field 'exclude': '海量' contains no form of the term",
        ),
        ("  - {term: 甲, gloss: [a, definition: 定义。}\n", ":2: YAML syntax error"),
        ("  - term: 甲\n    gloss: a\n  definition: 定义。\n", ":4: YAML syntax error"),
    ],
)
def test_broken_glossary_names_file_line_entry_and_field(tmp_path, body, expected):
    path = tmp_path / "glossary.yaml"
    path.write_text("terms:\n" + body, encoding="utf-8")
    with pytest.raises(GlossaryError) as error:
        load_glossary(path)
    assert f"{path}{expected}" in str(error.value)
    assert " — " in str(error.value)  # every message says what to do


def test_all_problems_are_reported_at_once_in_file_order(tmp_path):
    path = tmp_path / "glossary.yaml"
    path.write_text(
        "terms:\n"
        "  - term: 甲\n    gloss: a\n    definition: 定义。\n    related: [丙]\n"
        "  - term: 乙\n    gloss: b\n    definition: ''\n"
        "  - term: 丁\n    gloss: c\n    definition: 定义。\n    topic: 1\n",
        encoding="utf-8",
    )
    with pytest.raises(GlossaryError) as error:
        load_glossary(path)
    lines = str(error.value).splitlines()
    assert [line.split(": entry ")[0] for line in lines] == [f"{path}:2", f"{path}:6", f"{path}:9"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", ":1: the file must be a mapping"),
        ("- term: 甲\n", ":1: the file must be a mapping"),
        ("glossary:\n  - term: 甲\n", ":1: no `terms:` list"),
    ],
)
def test_wrong_top_level_shape(tmp_path, text, expected):
    path = tmp_path / "glossary.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GlossaryError, match=expected):
        load_glossary(path)


def test_missing_file_is_a_glossary_error(tmp_path):
    with pytest.raises(GlossaryError, match="cannot read the glossary"):
        load_glossary(tmp_path / "nowhere.yaml")
