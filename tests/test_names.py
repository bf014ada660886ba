"""Suspected names are protected, not only reported: the traditional edition writes 余凯 as 余凱,
an editor's `not_names:` list turns a suspicion off, and the suspicions are part of the cache key."""

from __future__ import annotations

import pytest

from build_tools.chinese.convert import ConversionSettings, ScriptConverter, load_overrides
from build_tools.chinese.names import (
    NamesError,
    ProtectedNames,
    SuspiciousName,
    load_protected_names,
    suspicious_names,
)
from build_tools.config.settings import PROJECT_ROOT, BuildSettings
from build_tools.config.shared_data import load_shared_data
from build_tools.core.diagnostics import Diagnostics
from build_tools.core.model import SIMPLIFIED, TRADITIONAL
from build_tools.ingest.seeds import read_seeds
from build_tools.pipeline import check_names, protected_report

DATA = PROJECT_ROOT / "build_tools" / "data"
OVERRIDES = load_overrides(DATA / "conversion_overrides.yaml")
SEED = "机器人的新篇章\n\n这家公司的创始人余凯表示，机器人产业还要再努力十年。\n\n投资人余盛也到场了。\n"


def _converter(names: ProtectedNames) -> ScriptConverter:
    return ScriptConverter(ConversionSettings(variant="tw"), OVERRIDES, protected=names)


def test_without_protection_the_surname_is_misread():
    """The premise: OpenCC alone turns the surname 余 into 餘 (surplus)."""
    assert _converter(ProtectedNames()).convert("创始人余凯表示", SIMPLIFIED, TRADITIONAL) == "創始人餘凱表示"


def test_a_suspected_name_is_written_with_its_own_surname_in_both_directions():
    names = ProtectedNames().with_suspected([SuspiciousName("余凯", "餘凱", 3)])
    conv = _converter(names)
    assert conv.convert("创始人余凯表示", SIMPLIFIED, TRADITIONAL) == "創始人余凱表示"
    assert conv.convert("創始人余凱表示", TRADITIONAL, SIMPLIFIED) == "创始人余凯表示"


def test_suspicions_change_the_cache_key():
    plain = _converter(ProtectedNames())
    protected = _converter(ProtectedNames().with_suspected([SuspiciousName("余凯", "餘凱", 3)]))
    assert plain.fingerprint != protected.fingerprint


def test_not_names_turns_a_suspicion_off(tmp_path):
    path = tmp_path / "protected_names.yaml"
    path.write_text('names: []\nnot_names:\n  - {text: 余凯, why: "here a made-up word, not a person"}\n', "utf-8")
    names = load_protected_names(path)
    found = suspicious_names([("余凯", 3), ("余盛", 5)], names, lambda t: "餘" + t[1:])
    assert [s.name for s in found] == ["余盛"]


def test_not_names_needs_a_reason_and_cannot_repeat_a_name(tmp_path):
    path = tmp_path / "protected_names.yaml"
    path.write_text("names:\n  - {name: 余凯}\nnot_names:\n  - {text: 余凯, why: x}\n  - {text: 余盛}\n", "utf-8")
    with pytest.raises(NamesError) as error:
        load_protected_names(path)
    messages = [str(d) for d in error.value.diagnostics]
    assert any(":4:" in m and "both as a name and as not a name" in m for m in messages), messages
    assert any(":5:" in m and "why" in m for m in messages), messages


def test_the_build_protects_what_it_suspects_and_lists_it(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(SEED, encoding="utf-8")
    settings = BuildSettings(seeds=seeds, cache=tmp_path / "cache")
    diagnostics = Diagnostics()
    data = check_names(read_seeds(settings, diagnostics), load_shared_data(settings, diagnostics), diagnostics)
    assert data is not None
    text = data.converter.convert("创始人余凯表示，投资人余盛也到场了", SIMPLIFIED, TRADITIONAL)
    assert text == "創始人余凱表示，投資人余盛也到場了"
    assert all(c.convert("余凯", SIMPLIFIED, TRADITIONAL) == "余凱" for c in data.converters.values())
    assert protected_report(data) == [
        {"name": "余凯", "traditional": "余凱"},
        {"name": "余盛", "traditional": "余盛"},
    ]
    listed = [str(w) for w in diagnostics.warnings if "protected" in str(w)]
    assert len(listed) == 2 and all(w.startswith("a.txt:") for w in listed), listed


def test_a_name_suspected_in_a_glossary_definition_is_protected(tmp_path):
    glossary = tmp_path / "glossary.yaml"
    glossary.write_text("terms:\n  - term: 芯片\n    gloss: chip\n    definition: 华为高管余大伟常说的词。\n", "utf-8")
    settings = BuildSettings(seeds=tmp_path, glossary=glossary, cache=tmp_path / "cache")
    diagnostics = Diagnostics()
    data = load_shared_data(settings, diagnostics)
    assert data is not None
    assert data.converter.convert("高管余大伟", SIMPLIFIED, TRADITIONAL) == "高管余大偉"
    assert [str(w).count("余大伟") >= 1 for w in diagnostics.warnings] == [True]
