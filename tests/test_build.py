"""The whole build, as a maintainer runs it: strict, complete, faithful, repeatable."""

from __future__ import annotations

import filecmp
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools.config.settings import PROJECT_ROOT, BuildSettings
from build_tools.pipeline import build
from tests.conftest import command_line_build, primed_cache


def test_strict_build_of_the_seeds_is_clean(built):
    settings, diagnostics, report = built
    assert [str(d) for d in diagnostics.items] == []
    assert (settings.site / "index.html").exists()
    assert set(report["seeds"]) == {p.name for p in (PROJECT_ROOT / "seeds").glob("*.txt")}


def test_every_han_character_is_kept_or_removed_by_a_named_rule(built):
    _, _, report = built
    for seed, entry in report["seeds"].items():
        assert entry["han_missing"] == 0, f"{seed} lost {entry['missing_characters']}"
        assert entry["han_kept"] + sum(entry["han_removed"].values()) >= entry["han_in"]
        for removal in entry["removals"]:
            assert removal["rule"] and removal["reason"], removal


def test_build_report_is_published_with_the_site(built):
    settings, _, report = built
    published = json.loads((settings.site / "build-report.json").read_text(encoding="utf-8"))
    assert published["seeds"] == report["seeds"]


# Platform boilerplate in both scripts: a traditional original's notice reaches the simplified edition converted.
BOILERPLATE = (
    "推荐阅读",
    "推薦閱讀",
    "特别声明",
    "特別聲明",
    "仅提供信息存储服务",
    "僅提供信息存儲服務",
    "Notice: The content above",
)


@pytest.mark.parametrize("edition", ["zh-Hans", "zh-Hant"])
def test_no_boilerplate_reaches_a_page(built, edition):
    settings = built[0]
    text = "\n".join(p.read_text(encoding="utf-8") for p in (settings.docs / edition).rglob("*.md"))
    for boilerplate in BOILERPLATE:
        assert boilerplate not in text
    assert "\t3\n" not in text  # no table-of-contents page numbers


def test_newspaper_page_becomes_one_page_per_article_and_report_one_per_chapter(built):
    _, _, report = built
    by_format = {}
    for entry in report["seeds"].values():
        by_format.setdefault(entry["format"], []).append(entry)
    [newspaper] = by_format["newspaper"]
    assert len(newspaper["pages"]) >= 3
    [chapters] = by_format["report"]
    assert len([p for p in chapters["pages"] if not p.endswith("index.md")]) >= 10


def _indexed_documents(edition_site: Path) -> list[dict]:
    """The documents of an edition's search index (`search/d/<n>.js`: `__readerSearch.d(n, {...});`)."""
    documents = []
    for path in (edition_site / "search" / "d").glob("*.js"):
        text = path.read_text(encoding="utf-8").strip()
        documents.append(json.loads("[" + text[text.index("(") + 1 : -2] + "]")[1])
    return documents


def test_search_indexes_each_text_once_and_not_the_lists_that_repeat_it(built):
    """Lists of titles and topic pages' quotes repeat what the articles say: indexing them only slows search down."""
    settings = built[0]
    for folder, edition in ((settings.site, "zh-Hans"), (settings.site / "zh-Hant", "zh-Hant")):
        documents = _indexed_documents(folder)
        pages = [d["u"] for d in documents]
        assert len(pages) == len(set(pages)), f"{edition}: a page is indexed twice"
        articles = {
            p.relative_to(settings.docs / edition).with_suffix(".html").as_posix()
            for p in (settings.docs / edition).glob("*/**/*.md")
            if p.name != "index.md" and "topics" not in p.parts
        }
        assert articles <= set(pages), f"{edition}: articles missing from search: {articles - set(pages)}"
        assert not {"articles/index.html", "reports/index.html"} & set(pages)
        for topic in (settings.docs / edition / "topics").glob("*.md"):
            if topic.name == "index.md":
                continue
            [entry] = [d for d in documents if d["u"] == f"topics/{topic.stem}.html"]
            text = "".join(passage[2] for passage in entry["x"])
            assert len(entry["x"]) <= 4, f"{edition}: {entry['u']} indexes its quotes: {entry['x']}"
            assert "<" not in text and "kwic" not in text


def test_material_search_is_gone_and_ours_is_in_its_place(built):
    site = built[0].site
    for folder in (site, site / "zh-Hant"):
        assert not (folder / "search" / "search_index.json").exists()
        assert not list(folder.glob("assets/javascripts/workers/*")) and not list(
            folder.glob("assets/javascripts/lunr/*")
        )
        assert (folder / "search" / "manifest.js").exists()
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "iframe-worker" not in html and "search_index" not in html and "search-ui.js" in html


def test_a_build_in_another_process_on_its_own_cache_is_byte_identical(built, tmp_path):
    """The session's build and a second one in a fresh process (other hash seed, cold cache of its own) agree byte
    for byte: nothing in the output depends on the process, the cache or the time."""
    first = built[0]
    result = command_line_build(first.seeds, tmp_path, "--strict")
    assert result.returncode == 0, result.stderr
    for folder in ("docs", "site"):
        comparison = filecmp.dircmp(getattr(first, folder), tmp_path / folder)
        stack, different = [comparison], []
        while stack:
            current = stack.pop()
            different += current.diff_files + current.left_only + current.right_only
            stack += current.subdirs.values()
        assert different == [], f"{folder} differs between two builds: {different}"
    assert len(list((tmp_path / "site").rglob("*.html"))) > 20


@pytest.mark.build
def test_removed_seed_pages_disappear_and_hand_written_docs_stay(tmp_path, search_dictionaries):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in ("a.txt", "b.txt"):
        (seeds / name).write_text(f"标题{name[0]}\n\n第一段正文，写了一些内容。\n\n第二段正文。\n", encoding="utf-8")
    docs, site = tmp_path / "docs", tmp_path / "site"
    docs.mkdir()
    (docs / "notes.md").write_text("hand-written", encoding="utf-8")
    cache = primed_cache(search_dictionaries, tmp_path / "cache")
    settings = BuildSettings(seeds=seeds, docs=docs, site=site, cache=cache)
    build(settings)
    assert len(list((docs / "zh-Hans" / "articles").glob("*.md"))) == 3
    (seeds / "b.txt").unlink()
    build(settings)
    assert len(list((docs / "zh-Hans" / "articles").glob("*.md"))) == 2
    assert (docs / "notes.md").read_text(encoding="utf-8") == "hand-written"


@pytest.mark.build
def test_command_line_check_writes_nothing_and_reports_problems(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "good.txt").write_text("好标题\n\n正文第一段。\n\n正文第二段。\n", encoding="utf-8")
    (seeds / "empty.txt").write_text("   \n", encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "build_tools",
            "check",
            "--seeds",
            str(seeds),
            "--docs",
            str(tmp_path / "docs"),
            "--site",
            str(tmp_path / "site"),
            "--cache",
            str(tmp_path / "cache"),
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "error: empty.txt: the file is empty" in result.stderr
    assert not (tmp_path / "docs").exists() and not (tmp_path / "site").exists()


@pytest.mark.build
def test_command_line_build_on_another_folder(tmp_path, search_dictionaries):
    seeds = tmp_path / "in"
    seeds.mkdir()
    (seeds / "文章 one.txt").write_text("标题\n\n正文第一段，讲卡脖子。\n\n正文第二段。\n", encoding="utf-8")
    primed_cache(search_dictionaries, tmp_path / "out" / "cache")
    result = command_line_build(seeds, tmp_path / "out", "--strict")
    assert result.returncode == 0, result.stderr
    pages = list((tmp_path / "out" / "site" / "articles").glob("*.html"))
    visible = [re.sub(r"<[^>]+>", "", p.read_text(encoding="utf-8")) for p in pages]
    assert any("正文第一段，讲卡脖子。" in text for text in visible)
