"""What a maintainer sets outside the seed text: `extra.reader.annotate` in mkdocs.yml, an editor file's
`documents:` and `script:`, and strict builds.  Each test builds a small collection on a cache of its own."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from build_tools.config.settings import BuildSettings
from build_tools.pipeline import build
from tests.conftest import command_line_build, config_copy, front_matter, primed_cache
from tests.test_readers import NEWSPAPER

pytestmark = pytest.mark.build  # every test builds the seeds with one setting changed

# 内卷 three times in one section, nothing else from the glossary.
TERM_ARTICLE = "说说内卷\n\n行业陷入内卷已经很多年了，大家都很累。\n\n第二段又讲内卷，第三次说到内卷。\n"
TERM_SLUG = "nei-juan"


def _build(root, dictionaries, seeds: dict[str, str], strict: bool = False, config_edit: tuple[str, str] = ("", "")):
    """Write the seeds (and editor files) into root/seeds and build them with a copy of mkdocs.yml."""
    (root / "seeds").mkdir()
    for name, text in seeds.items():
        (root / "seeds" / name).write_text(text, encoding="utf-8")
    settings = BuildSettings(
        seeds=root / "seeds",
        docs=root / "docs",
        site=root / "site",
        cache=primed_cache(dictionaries, root / "cache"),
        config=config_copy(root, *config_edit),
        strict=strict,
    )
    diagnostics, report = build(settings)
    return settings, diagnostics, report


# -- extra.reader.annotate ------------------------------------------------------------------------------


@pytest.fixture(scope="module", params=["all-links", "tooltips", "off"])
def annotated(request, tmp_path_factory, search_dictionaries):
    mode = request.param
    settings, diagnostics, report = _build(
        tmp_path_factory.mktemp(f"annotate-{mode}"),
        search_dictionaries,
        {"a.txt": TERM_ARTICLE},
        config_edit=("annotate: first-link", f"annotate: {mode}"),
    )
    assert not diagnostics.items, [str(d) for d in diagnostics.items]
    [page] = report["seeds"]["a.txt"]["pages"]
    return mode, settings.site / page.replace(".md", ".html")


# What a reader of the rendered page gets for the three mentions of 内卷 in one section: (links, hover-only tooltips).
# `annotate: off` is written bare, as README shows it (YAML 1.1 reads a bare off as false).
EXPECTED_MARKS = {"all-links": (3, 0), "tooltips": (0, 1), "off": (0, 0)}  # tooltips: first per section, no link


def test_annotate_setting_decides_how_terms_are_marked_on_the_page(annotated):
    mode, page = annotated
    content = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select_one("article.md-content__inner")
    links = content.select(f'a.term[data-term="{TERM_SLUG}"]')
    tooltips = content.select(f'abbr.term[data-term="{TERM_SLUG}"]')
    assert (len(links), len(tooltips)) == EXPECTED_MARKS[mode]
    assert all(mark.get_text() == "内卷" for mark in links + tooltips)
    assert content.get_text().count("内卷") >= 3  # the text itself is never changed by the setting


# -- editor files: documents and script -------------------------------------------------------------------

SIMPLIFIED = "芯片的故事\n\n这是一篇讲芯片产业的文章，写得很长。\n\n第二段说研发投入越来越多。\n"


@pytest.fixture(scope="module")
def edited(tmp_path_factory, search_dictionaries):
    seeds = {
        "paper.txt": NEWSPAPER,
        "paper.meta.yaml": "source: 某某日报\ndocuments:\n  2: {title: 编辑改过的第二篇标题}\n",
        "declared.txt": SIMPLIFIED,
        "declared.meta.yaml": "title: 编辑说是繁体\nscript: zh-Hant\n",
        "detected.txt": SIMPLIFIED.replace("芯片的故事", "芯片的另一个故事"),
    }
    settings, diagnostics, report = _build(tmp_path_factory.mktemp("editor"), search_dictionaries, seeds)
    assert not diagnostics.errors, [str(d) for d in diagnostics.errors]
    return settings, report


def test_documents_in_an_editor_file_change_only_the_numbered_document(edited):
    settings, report = edited
    first, second = (front_matter(settings.docs / "zh-Hans" / page) for page in report["seeds"]["paper.txt"]["pages"])
    assert (first["title"], second["title"]) == ("头版文章的标题", "编辑改过的第二篇标题")
    assert first["source"] == second["source"] == "某某日报"  # top-level fields still apply to every document
    replaced = [r["text"] for r in report["seeds"]["paper.txt"]["removals"] if r["rule"] == "editor-title"]
    assert replaced == ["第二篇文章的标题"]  # the build report still accounts for the seed's own title


def test_script_in_an_editor_file_wins_over_detection(edited):
    settings, report = edited
    [declared] = report["seeds"]["declared.txt"]["pages"]
    [detected] = report["seeds"]["detected.txt"]["pages"]
    assert front_matter(settings.docs / "zh-Hans" / detected)["script"] == "zh-Hans"  # the same text, undeclared
    simplified = front_matter(settings.docs / "zh-Hans" / declared)
    traditional = front_matter(settings.docs / "zh-Hant" / declared)
    assert simplified["script"] == "zh-Hant" and simplified["original_script"] == "zh-Hant"
    assert "original_script" not in traditional  # the traditional edition shows it as the original


# -- strict builds ------------------------------------------------------------------------------------------


def _previous_site(root):
    site = root / "site"
    site.mkdir(parents=True)
    (site / "previous.html").write_text("the last good site", encoding="utf-8")
    return site


@pytest.mark.parametrize("strict", [False, True], ids=["plain", "strict"])
def test_mkdocs_warnings_fail_a_strict_build_and_leave_the_site_alone(tmp_path, search_dictionaries, strict):
    """A typo in mkdocs.yml is a MkDocs warning: a plain build goes on, a strict one fails and keeps the old site."""
    site = _previous_site(tmp_path)
    _, diagnostics, _ = _build(
        tmp_path,
        search_dictionaries,
        {"a.txt": TERM_ARTICLE},
        strict=strict,
        config_edit=("site_description:", "site_descripton:"),
    )
    assert any("site_descripton" in str(d) for d in diagnostics.items), [str(d) for d in diagnostics.items]
    if strict:
        assert (site / "previous.html").read_text(encoding="utf-8") == "the last good site"
        assert not (site / "index.html").exists()
    else:
        assert not diagnostics.errors and (site / "index.html").exists()


@pytest.mark.parametrize("flags, status", [([], 0), (["--strict"], 1)], ids=["plain", "strict"])
def test_command_line_strict_turns_a_warning_into_a_failed_build(tmp_path, search_dictionaries, flags, status):
    """Two seeds with the same title: a warning (one page gets another address), which --strict makes fatal."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in ("a.txt", "b.txt"):
        (seeds / name).write_text(TERM_ARTICLE, encoding="utf-8")
    site = _previous_site(tmp_path)
    primed_cache(search_dictionaries, tmp_path / "cache")
    result = command_line_build(seeds, tmp_path, *flags)
    assert result.returncode == status, result.stderr
    assert "another page already uses the address" in result.stderr
    if status:
        assert (site / "previous.html").read_text(encoding="utf-8") == "the last good site"
        assert not (site / "index.html").exists()
    else:
        report = json.loads((site / "build-report.json").read_text(encoding="utf-8"))
        assert set(report["seeds"]) == {"a.txt", "b.txt"}
