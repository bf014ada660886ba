"""One standard per edition and names kept as written: the data table of conversion cases, the
protected-names file and its check, and the traditional edition of the seeds as a whole."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from build_tools.chinese.convert import ConversionSettings, ScriptConverter, load_overrides
from build_tools.chinese.glossary import in_edition_forms, load_glossary
from build_tools.chinese.names import (
    ProtectedNames,
    block_texts,
    candidate_names,
    load_protected_names,
    names_in_text,
    suspicious_names,
)
from build_tools.chinese.opencc_engine import plain_converter
from build_tools.config.settings import PROJECT_ROOT, BuildSettings, read_reader_settings
from build_tools.core.diagnostics import Diagnostics
from build_tools.core.model import Block
from build_tools.pipeline import check
from tests.conftest import command_line_build, front_matter, page_body

DATA = PROJECT_ROOT / "build_tools" / "data"
OVERRIDES = load_overrides(DATA / "conversion_overrides.yaml")
NAMES = load_protected_names(DATA / "protected_names.yaml")
GLOSSARY = load_glossary(DATA / "glossary.yaml")
CASES = yaml.safe_load((Path(__file__).parent / "data" / "conversion_cases.yaml").read_text(encoding="utf-8"))
HANS, HANT = "zh-Hans", "zh-Hant"
GENERIC_ONLY = "爲着裏啓衆峯羣牀祕"  # OpenCC's generic forms, which Taiwan's standard writes 為著裡啟眾峰群床秘


def converter(variant: str, quotes: bool | None = None, names: ProtectedNames = NAMES) -> ScriptConverter:
    pairs = [(e.term, e.traditional) for e in GLOSSARY.entries if e.traditional_given]
    return ScriptConverter(ConversionSettings(variant=variant, corner_quotes=quotes), OVERRIDES, pairs, protected=names)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_conversion_case(case):
    conv = converter(case["variant"], case.get("quotes"))
    result = conv.convert(case["input"], case.get("from", HANS), case.get("to", HANT))
    assert result == case["expected"], case["why"]


@pytest.mark.parametrize("case", [c for c in CASES if "s2twp_alone" in c], ids=lambda c: c["id"])
def test_case_shows_what_opencc_alone_writes(case):
    """A whole-word case is not decoration: OpenCC's s2twp alone really writes the over-conversion."""
    assert plain_converter("s2twp")(case["input"]) == case["s2twp_alone"] != case["expected"]


def test_every_characters_only_word_has_a_taiwan_phrase():
    """An entry of characters_only that OpenCC's table does not change is dead: each one must be a word
    whose Taiwan phrase differs from its characters, and the edition writes its characters."""
    words = [r.source for r in OVERRIDES.characters_only]
    assert len(words) >= 20 and len(set(words)) == len(words)
    conv = converter("twp")
    characters, phrases = plain_converter("s2tw"), plain_converter("s2twp")
    dead = [w for w in words if phrases(w) == characters(w)]
    wrong = [w for w in words if conv.convert(w, HANS, HANT) != characters(w)]
    assert dead == [] and wrong == []


def test_cases_are_well_formed():
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)), "two cases share an id"
    assert all(c.get("why") and c["variant"] in ("t", "tw", "twp", "hk") for c in CASES)
    assert {c["variant"] for c in CASES} == {"t", "tw", "twp", "hk"}


# -- settings --------------------------------------------------------------------------------------

SETTINGS = [
    ("default-is-taiwan-words", "", "twp", True),
    ("taiwan-characters-only", "  traditional_variant: tw\n", "tw", True),
    ("hong-kong", "  traditional_variant: hk\n", "hk", True),
    ("generic-has-no-corner-quotes", "  traditional_variant: t\n", "t", False),
    ("generic-with-corner-quotes", "  traditional_variant: t\n  corner_quotes: true\n", "t", True),
    ("taiwan-without-corner-quotes", "  corner_quotes: false\n", "twp", False),
]


@pytest.mark.parametrize("lines, variant, quotes", [s[1:] for s in SETTINGS], ids=[s[0] for s in SETTINGS])
def test_reader_settings_choose_variant_and_quotes(tmp_path, lines, variant, quotes):
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: x\nextra:\n reader:\n{lines}" if lines else "site_name: x\n", encoding="utf-8")
    diagnostics = Diagnostics()
    settings = read_reader_settings(config, diagnostics).conversion()
    assert not diagnostics.items
    assert (settings.variant, settings.uses_corner_quotes) == (variant, quotes)


@pytest.mark.parametrize(
    "lines, message",
    [
        ("  traditional_variant: cn\n", "traditional_variant cannot be 'cn'"),
        ("  corner_quotes: sometimes\n", "corner_quotes cannot be 'sometimes'"),
    ],
    ids=["unknown-variant", "unknown-quotes-choice"],
)
def test_bad_reader_setting_is_one_clear_error(tmp_path, lines, message):
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: x\nextra:\n reader:\n{lines}", encoding="utf-8")
    diagnostics = Diagnostics()
    read_reader_settings(config, diagnostics)
    assert [d.path for d in diagnostics.errors] == [str(config)]
    assert message in diagnostics.errors[0].message and diagnostics.errors[0].hint


# -- the glossary in the edition's forms -------------------------------------------------------------


def test_glossary_traditional_forms_come_from_the_editions_converter():
    conv = converter("twp")
    glossary = in_edition_forms(GLOSSARY, lambda text: conv.convert(text, HANS, HANT))
    assert glossary.get("推理芯片").traditional == "推理晶片"  # Taiwan phrasing, not the generic 推理芯片
    text = conv.convert("英伟达的推理芯片", HANS, HANT)
    assert [m.term for m in glossary.matcher().find(text)] == ["推理芯片"]


def test_protected_name_in_a_glossary_definition():
    conv = converter("tw")
    definition = conv.convert(GLOSSARY.get("遥遥领先").definition, HANS, HANT)
    assert "余承東" in definition and "餘承東" not in definition


# -- the protected names file ----------------------------------------------------------------------


def test_protected_string_is_kept_in_both_directions(tmp_path):
    path = tmp_path / "names.yaml"
    path.write_text(
        "protected:\n  - {keep: 于丹说, why: test}\nnames:\n  - {name: 范小明, traditional: 范小明}\n", encoding="utf-8"
    )
    conv = converter("tw", names=load_protected_names(path))
    assert conv.convert("他引用于丹说的话", HANS, HANT) == "他引用于丹说的話"
    assert conv.convert("他引用于丹说的話", HANT, HANS) == "他引用于丹说的话"
    assert conv.convert("范小明发布了", HANS, HANT) == "范小明發布了"


# -- the check for converted surnames ---------------------------------------------------------------

FOUND_NAMES = [
    ("surname-yu-after-a-title", "华为高管余承东在发布会上", {"余承东"}),
    ("surname-fan", "他是范明的朋友", {"范明"}),
    ("preposition-yu-after-a-verb", "诞生于安科的第一台磁共振", set()),
    ("dictionary-word-fanchou", "摆脱一家AI企业的范畴。", set()),
    ("ordinary-word-qiyu", "其余的人都走了", set()),
    ("a-typo-leaves-fan-before-a-locative", "冻结个人在美国管辖范内持有的所有资产", set()),
    ("fan-before-a-particle", "这是一个示范的案例，范的意思", set()),
    ("two-character-name-still-found", "记者余盛报道", {"余盛"}),
    ("name-ending-in-a-name-character", "创始人余凯表示", {"余凯"}),
]


@pytest.mark.parametrize("text, names", [f[1:] for f in FOUND_NAMES], ids=[f[0] for f in FOUND_NAMES])
def test_names_in_text(text, names):
    assert names_in_text(text) == names


def test_suspicious_names_skip_protected_and_correctly_converted_names():
    conv = converter("tw")
    blocks = [Block("paragraph", "华为高管余承东和教授余大伟都表示", line=7), Block("paragraph", "演员范冰冰", line=9)]
    found = suspicious_names(candidate_names(block_texts(blocks)), NAMES, lambda text: conv.convert(text, HANS, HANT))
    assert [(s.name, s.converted, s.line) for s in found] == [("余大伟", "餘大偉", 7)]


def test_check_warns_with_seed_line_and_fix(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(
        "芯片产业的新篇章\n\n这家公司的创始人余大伟表示，芯片产业还要再努力十年。\n", encoding="utf-8"
    )
    diagnostics = check(BuildSettings(seeds=seeds, cache=tmp_path / "cache"))
    warnings = [str(w) for w in diagnostics.warnings if "余大伟" in str(w)]
    assert len(warnings) == 1, diagnostics.items
    assert warnings[0].startswith("a.txt:3: ") and "餘大偉" in warnings[0]
    assert "{name: 余大伟, traditional: 余大偉}" in warnings[0] and "protected_names.yaml" in warnings[0]


def test_check_warns_about_names_in_glossary_definitions(tmp_path):
    glossary = tmp_path / "glossary.yaml"
    glossary.write_text(
        "terms:\n  - term: 芯片\n    gloss: chip\n    definition: 华为高管余大伟常说的词。\n", encoding="utf-8"
    )
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("芯片产业的新篇章\n\n芯片产业还要再努力十年。\n", encoding="utf-8")
    diagnostics = check(BuildSettings(seeds=seeds, glossary=glossary, cache=tmp_path / "cache"))
    warnings = [str(w) for w in diagnostics.warnings if "余大伟" in str(w)]
    assert len(warnings) == 1, diagnostics.items
    assert (
        warnings[0].startswith(f"{glossary}: entry '芯片', field 'definition': ")
        and "protected_names.yaml" in warnings[0]
    )


# -- the traditional edition of the seeds --------------------------------------------------------------


def _sentences(markdown: str) -> list[str]:
    return [s for s in re.split(r"(?<=[。！？])|\n", markdown) if re.search(r"[\u4e00-\u9fff]", s)]


def test_traditional_edition_uses_one_standard(built):
    """Every page of the traditional edition: converted, traditional originals, glossary, topics, indexes."""
    settings = built[0]
    sentences = [
        s for page in sorted((settings.docs / HANT).rglob("*.md")) for s in _sentences(page.read_text("utf-8"))
    ]
    generic = [s for s in sentences if any(c in s for c in GENERIC_ONLY)]
    assert len(sentences) > 1000
    assert generic == [], f"{len(generic)} sentences use generic-only forms, e.g. {generic[:3]}"


def test_names_keep_their_characters_in_the_traditional_edition(built):
    text = "\n".join(p.read_text("utf-8") for p in (built[0].docs / HANT).rglob("*.md"))
    assert "余承東" in text and "餘承東" not in text
    assert "何峰" in text and "何峯" not in text


def test_traditional_pages_name_the_original_script_in_traditional(built):
    settings, _, report = built
    pages = [p for seed in report["seeds"].values() for p in seed["pages"]]
    converted = [p for p in pages if front_matter(settings.docs / HANT / p).get("original_script") == HANS]
    assert converted
    for path in converted:
        page = (settings.docs / HANT / path).read_text("utf-8")
        assert "原文：簡體" in page and "简体" not in page, path


def test_no_page_title_repeats_the_site_name(built):
    site = built[0].site
    for home, name in ((site / "index.html", "硬科技读本"), (site / "zh-Hant" / "index.html", "硬科技讀本")):
        title = re.search(r"<title>(.*?)</title>", home.read_text("utf-8"), re.S).group(1).strip()
        assert title == name
    article = next((site / "articles").glob("*.html"))
    title = re.search(r"<title>(.*?)</title>", article.read_text("utf-8"), re.S).group(1).strip()
    assert title.endswith(" - 硬科技读本") and title.count("硬科技读本") == 1


# -- Taiwan words and the house style in the traditional edition -----------------------------------

MAINLAND = yaml.safe_load((Path(__file__).parent / "data" / "mainland_words.yaml").read_text(encoding="utf-8"))


def _kept_on_purpose(variant: str) -> list[str]:
    """What editors chose to keep as written: protected names and the result of every rule for the variant."""
    rules = [r for section in ("to_traditional", "traditional_normalise") for r in getattr(OVERRIDES, section)]
    kept = [r.target for r in rules if r.applies(variant)] + [e.traditional for e in NAMES.entries]
    kept += [r.target for r in OVERRIDES.house_style if r.applies(variant) and r.source == r.target]
    return sorted(kept, key=len, reverse=True)


def _without(text: str, phrases: list[str]) -> str:
    for phrase in phrases:
        text = text.replace(phrase, "\0")
    return text


def _converted_pages(built) -> list[Path]:
    settings = built[0]
    pages = sorted((settings.docs / HANT / "articles").rglob("*.md"))
    return [p for p in pages if front_matter(p).get("original_script") == HANS]


def test_converted_pages_use_taiwan_words(built):
    """The default edition writes 晶片, 軟體, 資料 …; a mainland word is left only where an editor kept it."""
    assert read_reader_settings(PROJECT_ROOT / "mkdocs.yml", Diagnostics()).traditional_variant == "twp"
    pages = _converted_pages(built)
    originals = set((built[0].docs / HANT / "articles").rglob("*.md")) - set(pages)
    # a traditional original keeps its author's words, also where another page quotes its title or summary
    clauses = re.compile(r"[\s，。！？、：；「」『』（）<>|]+")
    quoted = {c for p in originals for c in clauses.split(p.read_text("utf-8")) if len(c) > 3}
    kept = _kept_on_purpose("twp") + [w["taiwan"] for w in MAINLAND] + sorted(quoted, key=len, reverse=True)
    found: dict[str, list[str]] = {}
    assert len(pages) >= 3
    for page in pages:
        text = _without(page.read_text("utf-8"), kept)
        for word in MAINLAND:
            if word["mainland"] in text:
                found.setdefault(word["mainland"], []).append(page.name)
    assert found == {}, f"mainland words in converted pages: {found}"


def _words_in_two_forms(edition: Path) -> list[str]:
    """House-style words whose other form is still on a page of `edition` (names and kept phrases aside)."""
    # a page's body; its front matter carries the source's own metadata (tags, original title) as given
    text = "\n".join(page_body(p) for p in sorted(edition.rglob("*.md")))
    text = _without(text, _kept_on_purpose("twp"))
    forms = [(r.source, r.target) for r in OVERRIDES.house_style if r.applies("twp") and r.source != r.target]
    assert ("台", "臺") in forms and ("瞭解", "了解") in forms
    return [f"{old} beside {new}" for old, new in forms if old in text]


def test_no_word_in_two_forms_in_the_traditional_edition(built):
    """The house style's forms: every page (converted, traditional originals, glossary, topics, indexes)."""
    assert _words_in_two_forms(built[0].docs / HANT) == []


@pytest.fixture(scope="module")
def corpus_docs(corpus_dir, tmp_path_factory) -> Path:
    """The real-article corpus built once (skipped, saying why, when ../shared/corpus is absent)."""
    root = tmp_path_factory.mktemp("corpus")
    seeds = root / "seeds"
    seeds.mkdir()
    for path in sorted(corpus_dir.iterdir()):
        if path.is_file() and path.name != "SOURCES.md":  # the corpus's own documentation
            (seeds / path.name).symlink_to(path)
    command_line_build(seeds, root, timeout=3600)
    return root / "docs"


def test_no_word_in_two_forms_in_the_corpus_edition(corpus_docs):
    """Real articles mix 台灣 and 臺灣, 佔 and 占, even in one sentence; the edition shows one form."""
    assert _words_in_two_forms(corpus_docs / HANT) == []
