"""The content-hash caches: an unchanged seed is not read again; any change that matters invalidates it."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from build_tools import pipeline
from build_tools.config.settings import DATA, PROJECT_ROOT, BuildSettings
from build_tools.core.diagnostics import Diagnostics
from build_tools.ingest import seeds as seed_stage
from build_tools.ingest.seeds import cached_process_seed
from tests.conftest import config_copy, page_body, primed_cache

ARTICLE = "标题\n\n第一段正文，讲卡脖子。\n\n第二段正文。\n"


@pytest.fixture
def counted(monkeypatch, tmp_path):
    calls = []
    real = seed_stage.process_seed

    def counting(path, settings, diagnostics):
        calls.append(path.name)
        return real(path, settings, diagnostics)

    monkeypatch.setattr(seed_stage, "process_seed", counting)
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(ARTICLE, encoding="utf-8")
    settings = BuildSettings(seeds=seeds, docs=tmp_path / "docs", site=tmp_path / "site", cache=tmp_path / "cache")
    return settings, calls


def _process(settings):
    return cached_process_seed(settings.seeds / "a.txt", settings, Diagnostics())


def test_unchanged_seed_comes_from_the_cache(counted):
    settings, calls = counted
    first = _process(settings)
    second = _process(settings)
    assert calls == ["a.txt"]
    assert second.articles[0][1] == first.articles[0][1]


def test_edited_seed_is_read_again(counted):
    settings, calls = counted
    _process(settings)
    (settings.seeds / "a.txt").write_text(ARTICLE + "\n第三段。\n", encoding="utf-8")
    result = _process(settings)
    assert calls == ["a.txt", "a.txt"]
    assert "第三段。" in result.articles[0][0].blocks[-1].text


def test_edited_editor_file_is_read_again(counted):
    settings, calls = counted
    _process(settings)
    (settings.seeds / "a.meta.yaml").write_text("title: 编辑改的标题\n", encoding="utf-8")
    assert _process(settings).articles[0][1].title == "编辑改的标题"
    assert len(calls) == 2


def test_new_tool_version_invalidates_the_cache(counted, monkeypatch):
    settings, calls = counted
    _process(settings)
    monkeypatch.setattr(seed_stage, "tool_fingerprint", lambda: "a-newer-tool")
    _process(settings)
    assert len(calls) == 2


CHECK_WITH_TOOL_COPY = """
import sys
from pathlib import Path
from build_tools.config.settings import BuildSettings
from build_tools.pipeline import check
seeds, cache, config = map(Path, sys.argv[1:])
check(BuildSettings(seeds=seeds, docs=seeds.parent / "docs", site=seeds.parent / "site", cache=cache, config=config))
"""


@pytest.mark.build
def test_changed_tool_code_invalidates_the_cache(counted, tmp_path):
    """A copy of build_tools/ checks the seeds twice, then one of its modules changes: the seed must be read again."""
    settings, _ = counted
    tool = tmp_path / "tool"
    shutil.copytree(PROJECT_ROOT / "build_tools", tool / "build_tools", ignore=shutil.ignore_patterns("__pycache__"))

    def entries_after_a_check() -> int:
        subprocess.run(
            [
                sys.executable,
                "-c",
                CHECK_WITH_TOOL_COPY,
                str(settings.seeds),
                str(settings.cache),
                str(PROJECT_ROOT / "mkdocs.yml"),
            ],
            cwd=tool,
            check=True,
            capture_output=True,
        )
        return len(list((settings.cache / "seeds").glob("*.pickle")))

    assert entries_after_a_check() == 1
    assert entries_after_a_check() == 1  # same code, same seed: the cached result is used
    with open(tool / "build_tools" / "textutil.py", "a", encoding="utf-8") as module:
        module.write("\n# a changed rule would be here\n")
    assert entries_after_a_check() == 2


def test_cached_warnings_are_reported_again(counted):
    settings, _ = counted
    (settings.seeds / "a.txt").write_text(
        "---\ntitle: 标题\ndate: 不是日期\n---\n<p>一。</p><p>二。</p><p>三。</p>", encoding="utf-8"
    )
    for _ in range(2):
        diagnostics = Diagnostics()
        cached_process_seed(settings.seeds / "a.txt", settings, diagnostics)
        assert any("is not a date" in str(d) for d in diagnostics.warnings)


# -- whole builds on a warm cache ------------------------------------------------------------------


@pytest.fixture
def warm(tmp_path, search_dictionaries):
    """A small collection built once, with its own copies of the glossary and the settings to edit."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(
        "软件与内卷\n\n开发者在软件里编写算法，行业陷入内卷，这是一段足够长的正文。\n\n第二段正文也提到内卷。\n",
        encoding="utf-8",
    )
    glossary, config = tmp_path / "glossary.yaml", config_copy(tmp_path)
    glossary.write_text((DATA / "glossary.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    settings = BuildSettings(
        seeds=seeds,
        docs=tmp_path / "docs",
        site=tmp_path / "site",
        cache=primed_cache(search_dictionaries, tmp_path / "cache"),
        glossary=glossary,
        config=config,
    )
    diagnostics, _ = pipeline.build(settings)
    assert not diagnostics.errors, [str(d) for d in diagnostics.errors]
    return settings


def _traditional_article(settings) -> str:
    [page] = (settings.docs / "zh-Hant" / "articles").glob("ruan-*.md")
    return page.read_text(encoding="utf-8")


def _rebuild_after_editing(settings, path, old: str, new: str) -> str:
    """Edit one of the build's inputs, build again on the warm cache, return the traditional article."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    diagnostics, _ = pipeline.build(settings)
    assert not diagnostics.errors, [str(d) for d in diagnostics.errors]
    return _traditional_article(settings)


@pytest.mark.build
def test_warm_build_follows_an_edited_glossary(warm):
    assert "內卷" in _traditional_article(warm)
    article = _rebuild_after_editing(
        warm,
        warm.glossary,
        "  - term: 内卷\n    variants: [内卷式竞争, 內捲]\n",
        "  - term: 内卷\n    traditional: 內捲\n    variants: [内卷式竞争, 內卷]\n",
    )
    assert "內捲" in article and "內卷" not in page_body(article)


@pytest.mark.build
def test_warm_build_follows_a_changed_setting(warm):
    assert "軟體" in _traditional_article(warm)  # the default writes Taiwan words (twp)
    article = _rebuild_after_editing(warm, warm.config, "traditional_variant: twp\n", "traditional_variant: tw\n")
    assert "軟件" in article and "軟體" not in article
