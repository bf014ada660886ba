"""A rebuild costs what changed, and gives the same bytes as a cold build of the same seeds."""

from __future__ import annotations

import dataclasses
import shutil
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from build_tools.config.settings import BuildSettings
from build_tools.pipeline import build


def settings_like(reference: BuildSettings, root: Path, seeds: Path) -> BuildSettings:
    """The reference build's settings (renderer, strictness) on other seeds, into root's docs/, site/ and cache."""
    return dataclasses.replace(reference, seeds=seeds, docs=root / "docs", site=root / "site", cache=root / "cache")


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file by relative path; site.zip by its members (names and bytes), since those are what a reader gets."""
    found = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = path.relative_to(folder).as_posix()
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                for member in archive.namelist():
                    found[f"{relative}!{member}"] = archive.read(member)
        else:
            found[relative] = path.read_bytes()
    return found


def assert_same_output(cold: BuildSettings, warm: BuildSettings) -> None:
    for name in ("docs", "site"):
        expected, got = files_of(getattr(cold, name)), files_of(getattr(warm, name))
        assert sorted(got) == sorted(expected), f"{name}/ holds different files"
        differing = [path for path in expected if expected[path] != got[path]]
        assert differing == [], f"{name}/ files differ from a cold build: {differing[:10]}"


def published(settings: BuildSettings) -> BuildSettings:
    diagnostics, report = build(settings)
    assert report.get("published"), [str(d) for d in diagnostics.items]
    return settings


def seed_files(seeds: Path) -> list[Path]:
    return sorted(p for p in seeds.iterdir() if p.is_file() and p.suffix == ".txt")


@pytest.mark.build
def test_added_edited_and_unchanged_rebuilds_match_cold_builds(tmp_path, built):
    """The cold build after today's article arrives is the session's build of seeds/ (a cold cache of its own,
    the same settings); the cold build after the edit also stands for the unchanged rebuild, which has the same
    seeds: builds are byte-identical whatever the folder (tests/test_build.py)."""
    reference, _, report = built
    assert report.get("published")
    seeds = tmp_path / "seeds"
    shutil.copytree(reference.seeds, seeds)
    held_back = seed_files(seeds)[-1]
    kept_aside = tmp_path / held_back.name
    held_back.rename(kept_aside)

    warm = published(settings_like(reference, tmp_path / "warm", seeds))  # the everyday site before today's article
    shutil.copy2(kept_aside, held_back)  # today's article arrives
    published(warm)
    assert_same_output(reference, warm)

    edited = seed_files(seeds)[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n\n这一段是编辑后加上的新内容。\n", encoding="utf-8")
    published(warm)
    cold_edited = published(settings_like(reference, tmp_path / "cold-edited", seeds))
    assert_same_output(cold_edited, warm)

    before = {p: p.stat().st_mtime_ns for p in warm.site.rglob("*")}
    diagnostics, report = build(warm)
    assert report.get("unchanged") and not report.get("published")
    assert {p: p.stat().st_mtime_ns for p in warm.site.rglob("*")} == before, "site/ was touched"
    assert_same_output(cold_edited, warm)


@pytest.mark.build
def test_a_site_changed_by_hand_is_rebuilt(tmp_path):
    """Two small seeds are enough: what is checked is the site's own bytes, not what the seeds hold."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name, title in (("a.txt", "封装厂的新订单"), ("b.txt", "晶圆厂的夜班")):
        (seeds / name).write_text(f"{title}\n\n第一段正文，讲卡脖子和硬科技。\n\n第二段正文。\n", encoding="utf-8")
    settings = BuildSettings(seeds=seeds, docs=tmp_path / "docs", site=tmp_path / "site", cache=tmp_path / "cache")
    published(settings)
    original = (settings.site / "index.html").read_bytes()
    (settings.site / "index.html").write_bytes(original + b"<!-- edited by hand -->")
    diagnostics, report = build(settings)
    assert report.get("published") and not report.get("unchanged")
    assert (settings.site / "index.html").read_bytes() == original


# -- the navigation slice a cached page depends on (no build) ------------------------------------------


class _Page:
    is_page = True

    def __init__(self, title: str, url: str) -> None:
        self.title, self.url, self.parent = title, url, None
        self.previous_page = self.next_page = None


class _Section:
    is_page = False
    url = None

    def __init__(self, title: str, children: list) -> None:
        self.title, self.children, self.parent = title, children, None
        for child in children:
            child.parent = self


class _Nav:
    def __init__(self, items: list) -> None:
        self.items, self.homepage = items, None
        flat = [page for section in items for page in section.children]
        for before, after in zip(flat, flat[1:]):
            before.next_page, after.previous_page = after, before


def _two_sections(sizes: tuple[int, int]) -> tuple[_Nav, list[list[_Page]]]:
    pages = [[_Page(f"第{s}节第{i}篇", f"s{s}/p{i}.html") for i in range(n)] for s, n in enumerate(sizes)]
    return _Nav([_Section(f"第{s}节", group) for s, group in enumerate(pages)]), pages


@pytest.mark.unit
@given(st.integers(3, 12), st.integers(3, 12), st.data())
def test_a_page_slice_ignores_far_branches_and_sees_its_own(first_size, second_size, data):
    from build_tools.renderer.page_cache import nav_slice

    nav, pages = _two_sections((first_size, second_size))
    reader = pages[0][data.draw(st.integers(0, first_size - 3))]  # not the last: its next page is in its section
    before = nav_slice(reader, nav)
    far = pages[1][data.draw(st.integers(1, second_size - 1))]  # not the first page the other section links to
    far.title += "（改）"
    assert nav_slice(reader, nav) == before, "a page inside another, collapsed section changed this page's key"
    sibling = pages[0][-1]
    sibling.title += "（改）"
    assert nav_slice(reader, nav) != before, "a sibling's new title must change the page's key"


@pytest.mark.unit
def test_the_cache_report_names_what_changed_on_each_page_rendered_again(tmp_path, monkeypatch):
    """BUILD_TOOLS_PAGE_CACHE_REPORT: for each page rendered again, the parts of its key that changed since the
    last build (the measure that found which pages today's article touched, and why)."""
    import json
    from types import SimpleNamespace

    from build_tools.dev.bench import rerendered
    from build_tools.renderer.page_cache import REPORT_VARIABLE, PageCache

    report = tmp_path / "t-added.pages"
    monkeypatch.setenv(REPORT_VARIABLE, str(report))
    nav, pages = _two_sections((4, 4))
    for page in (page for section in pages for page in section):
        page.file = SimpleNamespace(src_uri=page.url.replace(".html", ".md"), dest_uri=page.url)
        page.meta, page.toc, page.content = {}, None, "<p>正文</p>"

    def build() -> dict[str, list[str]]:
        cache = PageCache(tmp_path / "cache", "base")
        for page in (page for section in pages for page in section):
            cache.note(page, nav, False, hit=page.url == "s1/p3.html")
        cache.finish("zh-Hans")
        return json.loads((report / "zh-Hans.json").read_text(encoding="utf-8"))["pages"]

    assert set(map(tuple, build().values())) == {("new page",), ()}
    pages[0][3].title += "（改）"  # a sibling of the first section's pages, and its last page
    pages[1][1].content = "<p>改过的正文</p>"
    reasons = build()
    assert reasons["s0/p0.html"] == ["nav.path.0"]  # the sibling's title in its navigation
    assert reasons["s0/p3.html"] == ["nav.path.0", "title"]
    assert reasons["s1/p0.html"] == ["nav.neighbours"]  # s0/p3 is its previous page (s0 shows as its p0)
    assert reasons["s1/p1.html"] == ["content"] and reasons["s1/p3.html"] == []
    assert rerendered(tmp_path / "t-added.json").startswith("7 of 8 pages: nav.path.0 4")
