"""One-to-many characters chosen by context (issue 22): the case table, run for Taiwan characters
(tw) and Taiwan phrasing (twp), with the build's real override rules, context rules and names."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from build_tools.chinese.context import ContextRules, load_context_rules
from build_tools.chinese.convert import ConversionSettings, ScriptConverter, load_overrides
from build_tools.chinese.names import load_protected_names
from build_tools.chinese.opencc_engine import ConversionError
from build_tools.config.settings import PROJECT_ROOT
from build_tools.core.model import SIMPLIFIED, TRADITIONAL

DATA = PROJECT_ROOT / "build_tools" / "data"
OVERRIDES = load_overrides(DATA / "conversion_overrides.yaml")
NAMES = load_protected_names(DATA / "protected_names.yaml")
RULES = load_context_rules(DATA / "context_rules.yaml")
CASES = yaml.safe_load((Path(__file__).parent / "data" / "one_to_many_cases.yaml").read_text(encoding="utf-8"))
VARIANTS = ("tw", "twp")
CONVERTERS = {
    v: ScriptConverter(ConversionSettings(variant=v), OVERRIDES, protected=NAMES, context=RULES) for v in VARIANTS
}


def _expected(case: dict, variant: str) -> str:
    return case.get(f"expected_{variant}", case["expected"])


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_one_to_many_case(case, variant):
    result = CONVERTERS[variant].convert(case["input"], SIMPLIFIED, TRADITIONAL)
    assert result == _expected(case, variant), case["why"]


def test_the_table_is_large_and_well_formed():
    ids = [c["id"] for c in CASES]
    assert len(ids) >= 200 and len(ids) == len(set(ids))
    for case in CASES:
        assert set(case) <= {"id", "why", "input", "expected", "expected_twp"}, case["id"]
        assert all(isinstance(case[k], str) and case[k] for k in ("id", "why", "input", "expected")), case["id"]


def test_every_context_rule_has_a_case():
    """A rule nobody tests may be dead or wrong: each must decide a character in some case."""
    inputs = [c["input"] for c in CASES]
    missing = [rule.line for rule in RULES.rules if not any(rule.pattern.search(text) for text in inputs)]
    assert RULES.rules and not missing, f"context rules without a case, at lines {missing}"


def test_the_slips_of_issue_22_are_fixed_by_the_rules():
    """Without the context rules OpenCC makes these slips; with them the Taiwan form is written."""
    slips = {"1000天后": "1000天後", "光刻机制造": "光刻機製造", "希望系在": "希望繫在", "电动车里程": "電動車里程"}
    bare = ScriptConverter(ConversionSettings(variant="tw"), OVERRIDES, protected=NAMES)
    for text, right in slips.items():
        assert bare.convert(text, SIMPLIFIED, TRADITIONAL) != right, f"OpenCC alone gets {text} right now"
        assert CONVERTERS["tw"].convert(text, SIMPLIFIED, TRADITIONAL) == right


def test_rules_are_part_of_the_cache_key():
    without = ScriptConverter(ConversionSettings(variant="tw"), OVERRIDES, protected=NAMES, context=ContextRules())
    assert without.fingerprint != CONVERTERS["tw"].fingerprint


def test_a_bad_rule_is_reported_at_its_line(tmp_path):
    path = tmp_path / "context_rules.yaml"
    path.write_text(
        "to_traditional:\n"
        "  - {char: 后, to: 後, why: ok}\n"
        "  - {char: 后来, to: 後, why: two characters}\n"
        '  - {char: 制, to: 製, after: "(造", why: bad pattern}\n'
        "  - {char: 系, to: 繫}\n",
        encoding="utf-8",
    )
    with pytest.raises(ConversionError) as error:
        load_context_rules(path)
    messages = [str(d) for d in error.value.diagnostics]
    assert [m.split(": ", 1)[0].rsplit(":", 1)[1] for m in messages] == ["3", "4", "5"], messages
    assert "one character" in messages[0] and "regular expression" in messages[1] and "why" in messages[2]
