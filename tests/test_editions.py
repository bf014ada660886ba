"""Editions by id: the list of editions is a setting in mkdocs.yml, and a third (Hong Kong) edition is one
line a maintainer turns on.  Built here on a small collection of our own with the line on, then read as
Markdown and used in real Chromium: the menu offers every edition, and choosing one keeps the reader's place."""

from __future__ import annotations

from urllib.parse import unquote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from build_tools.config.editions import Edition, edition_problems, load_interface_words
from build_tools.config.settings import BuildSettings, read_reader_settings
from build_tools.core.diagnostics import Diagnostics, InputError
from build_tools.pipeline import build
from tests.conftest import config_copy, front_matter, primed_cache

HK_OFF = "# - {id: zh-Hant-HK"
HK_ON = "- {id: zh-Hant-HK"
# Section headings and paragraphs of our own; 着/著 and 裏/裡 tell Hong Kong from Taiwan characters.
ARTICLE = (
    "---\ntitle: 说说芯片\ndate: 2024-05-01\ntags: [芯片产业, 数据中心]\n---\n\n"
    + "\n\n".join(
        # distinct paragraphs: the same line twelve times over would be (rightly) removed as template text
        f"## 第{n}节 看着里面\n\n"
        + "".join(f"第{n}节第{k}段讲芯片产业的变化，大家都看着里面的工厂。\n\n" for k in range(1, 13))
        for n in "一二三四五"
    )
    + "\n"
)
# A traditional original of our own, with tags in traditional: every edition shows them in its own script.
TRADITIONAL_ARTICLE = (
    "---\ntitle: 再談記憶體\ndate: 2024-05-02\ntags: [半導體產業, 軟體開發]\n---\n\n"
    + "\n\n".join(
        f"## 第{n}節 記憶體\n\n"
        + "".join(f"第{n}節第{k}段談記憶體產業的變化，這裡的工廠越來越多。\n\n" for k in range(1, 13))
        for n in "一二三四五"
    )
    + "\n"
)


# -- the setting ------------------------------------------------------------------------------------


def _reader_settings(tmp_path, old: str, new: str):
    diagnostics = Diagnostics()
    reader = read_reader_settings(config_copy(tmp_path, old, new), diagnostics)
    return reader, [str(d) for d in diagnostics.items]


def test_the_default_site_has_two_editions_and_the_hong_kong_one_is_a_line_away(tmp_path):
    reader, problems = _reader_settings(tmp_path, "", "")
    assert not problems
    assert [e.id for e in reader.edition_set()] == ["zh-Hans", "zh-Hant"]
    (tmp_path / "on").mkdir()
    reader, problems = _reader_settings(tmp_path / "on", HK_OFF, HK_ON)
    assert not problems
    hk = reader.edition_set().by_id("zh-Hant-HK")
    assert (hk.script, hk.variant, hk.folder, hk.name) == ("zh-Hant", "hk", "zh-Hant-HK/", "香港繁體")
    assert reader.edition_set().by_id("zh-Hant").variant == "twp"  # from traditional_variant (Taiwan words)


@pytest.mark.parametrize(
    "line, complaint",
    [
        ("- {id: zh-Hant-HK, name: 港, variant: hkk, folder: hk/}", "variant"),
        ("- {id: zh-Hant-HK, name: 港, variant: hk, folder: zh-Hant/}", "share the folder"),
        ("- {id: zh-Hant, name: 港, variant: hk, folder: hk/}", "share the id"),
        ("- {id: zh-Hant-HK, name: 港, variant: hk, language: xx-YY}", "interface language"),
        ("- {id: zh-Hans-SG, name: 新, folder: sg/}", "exactly one simplified"),
        ("- {id: zh-Hant-HK, name: 港, variant: hk, colour: red}", "unknown field"),
        ("- {id: Hant, name: 港, variant: hk}", "not zh-Hans or zh-Hant"),
    ],
)
def test_a_wrong_edition_line_is_one_clear_error_naming_mkdocs_yml(tmp_path, line, complaint):
    reader, problems = _reader_settings(
        tmp_path, HK_OFF + ", name: 香港繁體, variant: hk, folder: zh-Hant-HK/, language: zh-TW}", line
    )
    assert problems and all("mkdocs.yml" in p for p in problems)
    assert any(complaint in p for p in problems), problems
    assert [e.id for e in reader.edition_set()] == ["zh-Hans", "zh-Hant"]  # the defaults are used


def test_unknown_edition_fields_are_named_in_order(tmp_path):
    _, problems = _reader_settings(
        tmp_path,
        HK_OFF + ", name: 香港繁體, variant: hk, folder: zh-Hant-HK/, language: zh-TW}",
        "- {id: zh-Hant-HK, name: 港, variant: hk, shade: 1, colour: red}",
    )
    assert any("unknown field(s) colour, shade in edition 'zh-Hant-HK'" in p for p in problems), problems


@pytest.mark.parametrize(
    "text",
    [
        "tw:\n  - {from: 鏈接, to: 連結}\n",
        "tw:\n  - {from: 鏈接, to: 連結, why: x, note: y}\n",
        "tw:\n  - {from: 鏈接, to: '', why: x}\n",
        "tw:\n  - {from: 鏈接, to: 1, why: x}\n",
        "tw: 鏈接\n",
    ],
)
def test_an_interface_word_needs_exactly_from_to_and_why(tmp_path, text):
    path = tmp_path / "interface_words.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_interface_words(path)
    assert "variant 'tw': every entry needs `from`, `to` and `why`" in str(error.value)


def test_interface_words_are_read_per_variant(tmp_path):
    path = tmp_path / "interface_words.yaml"
    path.write_text("tw:\n  - {from: 鏈接, to: 連結, why: x}\nhk:\n", encoding="utf-8")
    assert load_interface_words(path) == {"tw": (("鏈接", "連結"),), "hk": ()}


regions = st.sampled_from(["", "-HK", "-TW", "-MO", "-SG"])


@given(st.lists(st.tuples(st.sampled_from(["zh-Hans", "zh-Hant"]), regions), min_size=1, max_size=5))
def test_any_list_with_one_simplified_edition_at_the_root_and_distinct_ids_is_accepted(specs):
    editions = [
        Edition(
            script + region,
            script,  # type: ignore[arg-type]
            "hk" if script == "zh-Hant" else "",
            "" if i == 0 else f"e{i}/",
            "zh",
            "名",
        )
        for i, (script, region) in enumerate(specs)
    ]
    problems = edition_problems(editions, ("tw", "hk"), ("zh",))
    ids, scripts = [e.id for e in editions], [e.script for e in editions]
    fine = len(set(ids)) == len(ids) and scripts.count("zh-Hans") == 1 and "zh-Hant" in scripts
    assert (not problems) == fine, (ids, problems)


# -- a build with the Hong Kong edition on ------------------------------------------------------------


@pytest.fixture(scope="module")
def three(tmp_path_factory, search_dictionaries):
    root = tmp_path_factory.mktemp("three")
    (root / "seeds").mkdir()
    (root / "seeds" / "chip.md").write_text(ARTICLE, encoding="utf-8")
    # another article, not a copy of the first (a copy is published once)
    other = ARTICLE.replace("说说芯片", "再说芯片").replace("讲芯片产业", "讲半导体产业")
    (root / "seeds" / "other.md").write_text(other, encoding="utf-8")
    (root / "seeds" / "memory.md").write_text(TRADITIONAL_ARTICLE, encoding="utf-8")
    settings = BuildSettings(
        seeds=root / "seeds",
        docs=root / "docs",
        site=root / "site",
        cache=primed_cache(search_dictionaries, root / "cache"),
        config=config_copy(root, HK_OFF, HK_ON),
    )
    diagnostics, report = build(settings)
    assert not [d for d in diagnostics.items if d.severity == "error"], [str(d) for d in diagnostics.items]
    return settings, report


@pytest.mark.build
def test_the_third_edition_has_every_page_in_its_own_characters(three):
    settings, report = three
    pages = {p.relative_to(settings.docs / "zh-Hans").as_posix() for p in (settings.docs / "zh-Hans").rglob("*.md")}
    for edition in ("zh-Hant", "zh-Hant-HK"):
        assert pages == {
            p.relative_to(settings.docs / edition).as_posix() for p in (settings.docs / edition).rglob("*.md")
        }
    [path] = report["seeds"]["chip.md"]["pages"]
    taiwan = (settings.docs / "zh-Hant" / path).read_text(encoding="utf-8")
    hong_kong = (settings.docs / "zh-Hant-HK" / path).read_text(encoding="utf-8")
    assert "看著裡面" in taiwan and "看着裏面" in hong_kong
    assert front_matter(settings.docs / "zh-Hant-HK" / path)["edition"] == "zh-Hant-HK"
    assert (settings.site / "zh-Hant-HK" / path.replace(".md", ".html")).exists()
    assert (settings.site / "zh-Hant-HK" / "search" / "manifest.js").exists()


# (id, seed, edition, the tags its page shows): each edition writes the source's tags in its own script and words
TAG_CASES = [
    ("simplified-tags-on-the-simplified-page", "chip.md", "zh-Hans", ["芯片产业", "数据中心"]),
    ("simplified-tags-in-taiwan-words", "chip.md", "zh-Hant", ["晶片產業", "資料中心"]),
    ("simplified-tags-in-hong-kong-words", "chip.md", "zh-Hant-HK", ["芯片產業", "數據中心"]),
    ("traditional-tags-on-the-simplified-page", "memory.md", "zh-Hans", ["半导体产业", "软体开发"]),
    ("traditional-tags-on-the-taiwan-page", "memory.md", "zh-Hant", ["半導體產業", "軟體開發"]),
]


@pytest.mark.build
@pytest.mark.parametrize("seed, edition, tags", [c[1:] for c in TAG_CASES], ids=[c[0] for c in TAG_CASES])
def test_the_source_s_tags_are_in_each_edition_s_script(three, seed, edition, tags):
    settings, report = three
    [path] = report["seeds"][seed]["pages"]
    assert front_matter(settings.docs / edition / path)["tags"] == tags


@pytest.mark.build
def test_every_page_names_its_alternates_and_they_exist(three):
    settings, _ = three
    for edition, folder in (("zh-Hans", ""), ("zh-Hant", "zh-Hant/"), ("zh-Hant-HK", "zh-Hant-HK/")):
        for md in (settings.docs / edition).rglob("*.md"):
            front = front_matter(md)
            named = {a["edition"] for a in front["alternates"]}
            assert named == {"zh-Hans", "zh-Hant", "zh-Hant-HK"} - {edition}, md
            html = settings.site / folder / md.relative_to(settings.docs / edition).with_suffix(".html")
            for alternate in front["alternates"]:
                assert (html.parent / alternate["url"]).resolve().exists(), (md, alternate)


# -- the menu in a real browser ------------------------------------------------------------------------


@pytest.mark.build
def test_the_menu_offers_three_and_keeps_the_place_and_the_choice(three, page):
    settings, report = three
    [path] = report["seeds"]["chip.md"]["pages"]
    html = path.replace(".md", ".html")
    site = settings.site.as_uri()
    page.goto(f"{site}/{html}")
    page.locator(".reader-editions .reader-toggle").click()
    choices = page.locator(".reader-editions__menu li")
    assert choices.count() == 3
    assert [choices.nth(i).inner_text() for i in range(3)] == ["简体", "繁體", "香港繁體"]
    headings = page.locator(".md-content h2")
    page.locator(".reader-editions .reader-toggle").click()  # closes the menu again
    assert not choices.first.is_visible()
    headings.nth(3).evaluate("e => e.scrollIntoView()")  # the reader is at the fourth section
    page.wait_for_timeout(200)
    page.locator(".reader-editions .reader-toggle").click()
    page.locator(".reader-editions__choice", has_text="香港繁體").click()
    page.wait_for_load_state()
    assert page.url.startswith(f"{site}/zh-Hant-HK/{html}#")
    landed = page.locator(f"[id='{unquote(page.url.split('#', 1)[1])}']")
    assert landed.inner_text().replace("¶", "").strip() == "第四節 看着裏面"
    assert 0 <= landed.evaluate("e => e.getBoundingClientRect().top") < 250
    # remembered: the other article, asked for in simplified, opens in the Hong Kong edition
    [other] = report["seeds"]["other.md"]["pages"]
    page.goto(f"{site}/{other.replace('.md', '.html')}")
    page.wait_for_load_state()
    assert page.url == f"{site}/zh-Hant-HK/{other.replace('.md', '.html')}"
    # and from there to Taiwan's, at the same place again
    page.locator(".md-content h2").nth(2).evaluate("e => e.scrollIntoView()")
    page.wait_for_timeout(200)
    page.locator(".reader-editions .reader-toggle").click()
    page.locator(".reader-editions__choice", has_text="繁體").first.click()
    page.wait_for_load_state()
    assert page.url.startswith(f"{site}/zh-Hant/{other.replace('.md', '.html')}#")
    landed = page.locator(f"[id='{unquote(page.url.split('#', 1)[1])}']")
    assert landed.inner_text().replace("¶", "").strip() == "第三節 看著裡面"


# -- the interface in the edition's words ------------------------------------------------------------

# Mainland words a Taiwan or Hong Kong reader notices in an interface (in traditional characters too).
MAINLAND_WORDS = ("链接", "鏈接", "搜索", "视频", "視頻", "软件", "軟件", "网络", "網絡", "信息", "默认", "默認")
# Characters written the same in both standards, which a character test must not count as simplified.
SHARED_CHARACTERS = set("台里后干系制只面冲几征范松致准游")
INTERFACE_JS = """() => {
  const LABELS = '.article-meta, .edition-note, .figure-link, .article-topics, .md-content__inner > h1 + p small';
  const out = [];
  const walk = (node) => {
    if (node.nodeType === 1) {
      if (node.closest('[lang^="zh-Hans"]') || ['SCRIPT', 'STYLE'].includes(node.tagName)) return;
      /* the page's own text is the article's (or the glossary's); of it, only our labels are interface */
      if (node.matches('.md-content__inner') && !node.closest('.reader-label')) {
        node.querySelectorAll(LABELS).forEach(walk);
        return;
      }
      for (const name of ['title', 'aria-label', 'placeholder', 'alt', 'data-md-color-media']) {
        if (node.getAttribute(name)) out.push(node.getAttribute(name));
      }
    } else if (node.nodeType === 3 && node.textContent.trim()) { out.push(node.textContent.trim()); }
    node.childNodes.forEach(walk);
  };
  walk(document.documentElement);
  const config = document.getElementById('__config');
  if (config) out.push(...Object.values(JSON.parse(config.textContent).translations || {}));
  return out;
}"""


def _simplified(text: str, variant: str) -> list[str]:
    """Characters the variant's standard writes otherwise (个, 着 under Taiwan's, 脚 …)."""
    from build_tools.chinese.opencc_engine import plain_converter

    to_traditional, to_simplified = plain_converter(f"s2{variant}"), plain_converter(f"{variant}2s")
    return [
        c
        for c in text
        if "\u4e00" <= c <= "\u9fff" and c not in SHARED_CHARACTERS and to_traditional(c) != c and to_simplified(c) == c
    ]


@pytest.mark.build
@pytest.mark.parametrize("folder, variant", [("zh-Hant/", "tw"), ("zh-Hant-HK/", "hk")])
def test_every_interface_string_of_a_traditional_edition_is_in_traditional_words(three, page, folder, variant):
    settings, _ = three
    found: dict[str, set[str]] = {}
    for html in sorted((settings.site / folder).rglob("*.html")):
        page.goto(html.as_uri())
        for text in page.evaluate(INTERFACE_JS):
            found.setdefault(text, set()).add(html.name)
    # the search box: no result, then a query too short (the messages search-ui.js writes)
    page.goto((settings.site / folder / "index.html").as_uri())
    page.locator(".md-search__input").click()
    for query in ("無此詞語也無此文", "無"):
        page.locator(".md-search__input").fill(query)
        page.wait_for_timeout(600)
        found.setdefault(page.locator(".md-search-result__meta").inner_text(), set()).add("search")
    palette = page.locator("label.md-header__button[for^='__palette']").first.get_attribute("title")
    assert palette and "模式" in palette, "the dark-mode toggle was not collected"
    assert any("「無此詞語也無此文」" in text for text in found), "the no-result message does not quote with 「」"
    problems = {}
    for text, pages in found.items():
        words, chars = [w for w in MAINLAND_WORDS if w in text], _simplified(text, variant)
        if words or chars:
            problems[text] = (words, chars, sorted(pages)[:3])
    assert not problems, problems
