"""Script conversion: every override fixes a real error found in the seeds; nothing is converted twice."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.convert import ConversionError, ConversionSettings, ScriptConverter, load_overrides

ROOT = Path(__file__).resolve().parent.parent
OVERRIDES = load_overrides(ROOT / "build_tools" / "data" / "conversion_overrides.yaml")


def converter(variant: str = "t", overrides=OVERRIDES, pairs=(), cache_dir=None) -> ScriptConverter:
    return ScriptConverter(ConversionSettings(variant=variant), overrides, glossary_pairs=pairs, cache_dir=cache_dir)


# (id, variant, source script, target script, input, must contain, must not contain)
CASES = [
    ("many-ge-not-ge4", "t", "zh-Hans", "zh-Hant", "创造了许多个中国第一", "許多個中國第一", "許多箇"),
    ("wuxi-family-xi", "t", "zh-Hans", "zh-Hant", "以药明系为代表的企业", "藥明系", "藥明係"),
    ("jared-li-name", "t", "zh-Hans", "zh-Hant", "局长贾里德·艾萨克曼", "賈里德", "賈裏德"),
    ("involution-juan", "t", "zh-Hans", "zh-Hant", "卷到极致，从 10 归 1", "卷到極致", "捲到極致"),
    ("involution-juan-out", "t", "zh-Hans", "zh-Hant", "6. 卷出 AI 搜索", "卷出", "捲出"),
    ("bytedance-twp", "twp", "zh-Hans", "zh-Hant", "字节跳动加大AI投入", "字節跳動", "位元組"),
    ("no-double-algorithm", "twp", "zh-Hans", "zh-Hant", "这套演算法和那种算法", "這套演算法", "演演算法"),
    ("operand-twp", "twp", "zh-Hans", "zh-Hant", "开源了操作数据集", "操作資料集", "運算元"),
    ("extension-twp", "twp", "zh-Hans", "zh-Hant", "计划扩展至英伟达", "擴展至", "擴充套件"),
    ("binding-twp", "twp", "zh-Hans", "zh-Hant", "纷纷绑定一线车企", "綁定", "繫結"),
    ("equipment-twp", "twp", "zh-Hans", "zh-Hant", "半导体设备制造商", "設備", "裝置"),
    ("industrial-cluster-twp", "twp", "zh-Hans", "zh-Hant", "现代制造业集群体系和产业集群", "製造業集群", "叢集"),
    ("semiconductor-maker", "t", "zh-Hans", "zh-Hant", "半导体制造商", "半導體製造商", "制造商"),
    ("scan-image-out", "t", "zh-Hans", "zh-Hant", "动态重建图一出，刷屏全球", "圖一出", "齣"),
    ("relation-trad-edition", "t", "zh-Hant", "zh-Hant", "中美關系處在十字路口", "中美關係", "關系"),
    ("relation-simp-edition", "t", "zh-Hant", "zh-Hans", "中美關系處在十字路口", "中美关系", "關"),
    ("and-bing", "t", "zh-Hant", "zh-Hant", "推進并啟動磋商", "推進並啟動", "并"),
    ("preposition-yu", "t", "zh-Hant", "zh-Hant", "用于AI模型訓練，低于H100", "用於AI", "于"),
    ("manufacture-zhi", "t", "zh-Hant", "zh-Hant", "用于制造芯片的光刻機，美國制裁", "用於製造芯片", "美國製裁"),
    ("complex-fu", "t", "zh-Hant", "zh-Hant", "紛繁復雜", "紛繁複雜", "復雜"),
    ("although-jin", "t", "zh-Hant", "zh-Hant", "盡管雙方都在盡力", "儘管雙方", "盡管"),
    ("drawn-into-juan", "t", "zh-Hant", "zh-Hant", "被動卷入貿易爭端", "被動捲入", "卷入"),
    ("label-qian", "t", "zh-Hant", "zh-Hant", "打上資本家的標簽", "標籤", "標簽"),
    ("finally-yu", "t", "zh-Hant", "zh-Hant", "終于可以暫時放下", "終於", "終于"),
    ("based-on-yu", "t", "zh-Hant", "zh-Hant", "基于中國科技崛起", "基於", "基于"),
    ("out-of-yu", "t", "zh-Hant", "zh-Hant", "出于對華為被打壓的不滿", "出於", "出于"),
    ("what-me", "t", "zh-Hant", "zh-Hant", "為什么一些企業", "為什麼", "什么"),
    ("how-me", "t", "zh-Hant", "zh-Hant", "這多么振奮人心", "多麼", "多么"),
    ("rather-yuan", "t", "zh-Hant", "zh-Hant", "寧愿選擇閹割版", "寧願", "寧愿"),
    ("turn-head-chong", "t", "zh-Hant", "zh-Hant", "盲目捧殺沖昏了頭", "衝昏", "沖昏"),
    ("solidly-za", "t", "zh-Hant", "zh-Hant", "扎扎實實把產品做好", "紮紮實實", "扎扎"),
    ("entrust-tuo", "t", "zh-Hant", "zh-Hant", "寄托了人們的想象", "寄託", "寄托"),
    ("surname-yu-stays", "t", "zh-Hant", "zh-Hans", "余承東形容華為手機", "余承东", "馀"),
]


@pytest.mark.parametrize("case_id, variant, source, target, text, wanted, unwanted", CASES, ids=[c[0] for c in CASES])
def test_conversion_case(case_id, variant, source, target, text, wanted, unwanted):
    result = converter(variant).convert(text, source, target)
    assert wanted in result
    assert unwanted not in result


def test_every_override_has_a_case():
    tested = "".join(c[4] for c in CASES)
    rules = OVERRIDES.to_traditional + OVERRIDES.to_simplified + OVERRIDES.traditional_normalise
    missing = [r.source for r in rules if r.source not in tested]
    assert not missing, f"overrides without a test case: {missing}"


def test_simplified_text_in_its_own_edition_is_untouched():
    text = "许多个关系，并于此。"
    assert converter().convert(text, "zh-Hans", "zh-Hans") == text


def test_traditional_original_is_never_run_through_s2t(monkeypatch):
    conv = converter("twp")
    monkeypatch.setattr(conv._s2t, "convert", lambda text: pytest.fail(f"s2t called on a traditional original: {text}"))
    assert conv.convert("這套演算法很好", "zh-Hant", "zh-Hant") == "這套演算法很好"


def test_glossary_forms_win_over_opencc():
    conv = converter(pairs=[("内卷", "內卷"), ("硬科技", "硬科技")])
    assert conv.convert("中国的内卷与硬科技", "zh-Hans", "zh-Hant") == "中國的內卷與硬科技"
    assert conv.convert("內卷與硬科技", "zh-Hant", "zh-Hans") == "内卷与硬科技"


def test_explicit_override_wins_over_glossary(tmp_path):
    path = tmp_path / "o.yaml"
    path.write_text("to_traditional:\n  - {from: 卡脖子, to: 卡頸子, why: test}\n", encoding="utf-8")
    conv = converter(overrides=load_overrides(path), pairs=[("卡脖子", "卡脖子")])
    assert conv.convert("被卡脖子", "zh-Hans", "zh-Hant") == "被卡頸子"


def test_variant_setting_changes_phrasing():
    assert converter("t").convert("软件", "zh-Hans", "zh-Hant") == "軟件"
    assert converter("twp").convert("软件", "zh-Hans", "zh-Hant") == "軟體"


def test_memory_cache_avoids_a_second_engine_call():
    conv = converter()
    conv.convert("中国的芯片产业", "zh-Hans", "zh-Hant")
    calls = conv.engine_calls
    conv.convert("中国的芯片产业", "zh-Hans", "zh-Hant")
    assert conv.engine_calls == calls


def test_disk_cache_serves_a_new_converter(tmp_path):
    text = "中国的芯片产业正在崛起。" * 30
    first = converter(cache_dir=tmp_path)
    expected = first.convert(text, "zh-Hans", "zh-Hant")
    second = converter(cache_dir=tmp_path)
    assert second.convert(text, "zh-Hans", "zh-Hant") == expected
    assert second.engine_calls == 0


def test_fingerprint_changes_with_settings_overrides_and_glossary(tmp_path):
    base = converter().fingerprint
    assert converter("twp").fingerprint != base
    assert converter(pairs=[("内卷", "內卷")]).fingerprint != base
    path = tmp_path / "o.yaml"
    path.write_text("to_traditional:\n  - {from: 甲, to: 乙, why: test}\n", encoding="utf-8")
    assert converter(overrides=load_overrides(path)).fingerprint != base


@pytest.mark.parametrize("text, expected", [
    ("to_traditional:\n  - {from: 甲, to: 乙}\n  - {from: 甲, to: 丙}\n", "o.yaml:3: `甲` is listed twice"),
    ("to_traditional:\n  - {from: 甲}\n", "o.yaml:2: `from`/`to` (or `keep`) must be non-empty text"),
    ("colours:\n  - {from: 甲, to: 乙}\n", "o.yaml:1: unknown section `colours`"),
    ("to_traditional:\n  - {from: 甲, to: 乙, variants: [xx]}\n", "o.yaml:2: `variants` must be a list of t, tw, twp"),
    ("to_traditional: [\n", "o.yaml:2: malformed YAML"),
])
def test_malformed_override_file_names_file_and_line(tmp_path, text, expected):
    path = tmp_path / "o.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConversionError) as error:
        load_overrides(path)
    assert expected in str(error.value).replace(str(tmp_path) + "/", "")


def test_seeds_convert_without_known_errors():
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    bad = {"許多箇", "藥明係", "賈裏德", "捲到極致", "演演算法", "位元組跳動"}
    for variant in ("t", "twp"):
        conv = converter(variant)
        for seed in seeds:
            text = seed.read_text(encoding="utf-8")
            script = "zh-Hant" if "關系" in text else "zh-Hans"
            for target in ("zh-Hans", "zh-Hant"):
                result = conv.convert(text, script, target)
                assert not [b for b in bad if b in result], (seed.name, variant, target)
                if script == "zh-Hant":
                    assert "關系" not in result
