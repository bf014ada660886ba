"""Shared fixtures: one strict build of the real seeds per test session, and a real browser."""

from __future__ import annotations

import http.server
import json
import re
import shutil
import subprocess
import sys
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pytest
import yaml

from build_tools.config.settings import PROJECT_ROOT, BuildSettings
from build_tools.pipeline import build

CHROMIUM = Path("/usr/bin/chromium")
# Real third-party articles for whole-build tests: read in place, never copied into the project.
CORPUS = PROJECT_ROOT.parent / "shared" / "corpus"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# -- lanes: every test runs in one or more of pyproject.toml's markers ---------------------------------
# A test's fixtures say what it uses; a test that calls a build itself says so with @pytest.mark.build.
# Any other test is a unit test, and a unit test that starts a build anyway fails, naming the marker.
LANES = ("unit", "build", "browser", "corpus")
FIXTURE_LANES = {
    "built": "build",
    "http_site": "build",
    "browser": "browser",
    "page": "browser",
    "corpus_dir": "corpus",
    "search_dictionaries": "build",
}


@pytest.hookimpl(tryfirst=True)  # before `-m` selects by marker
def pytest_collection_modifyitems(config, items):
    for item in items:
        for fixture, lane in FIXTURE_LANES.items():
            if fixture in getattr(item, "fixturenames", ()):
                item.add_marker(lane)
        lanes = {mark.name for mark in item.iter_markers() if mark.name in LANES}
        if "unit" in lanes and len(lanes) > 1:
            raise pytest.UsageError(f"{item.nodeid} is marked unit but uses {', '.join(sorted(lanes - {'unit'}))}")
        if not lanes:
            item.add_marker("unit")


_unit_test_running = [""]  # the node id of the unit test being set up, run or torn down, if any


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """Covers the fixtures a test sets up for itself, whatever their scope (a module's build included)."""
    _unit_test_running[0] = item.nodeid if item.get_closest_marker("unit") else ""
    yield
    _unit_test_running[0] = ""


def _refuse_build_in_unit_tests() -> None:
    if _unit_test_running[0]:
        raise AssertionError(
            f"{_unit_test_running[0]} builds a site but runs as a unit test: mark it pytest.mark.build"
        )


class _NoBuildCommandInUnitTests(subprocess.Popen):
    """subprocess.Popen that refuses `python -m build_tools build|serve|bench` while a unit test runs."""

    def __init__(self, args, *rest, **options):
        words = [str(arg) for arg in args] if isinstance(args, (list, tuple)) else str(args).split()
        if "build_tools" in words and {"build", "serve", "bench"} & set(words):
            _refuse_build_in_unit_tests()
        super().__init__(args, *rest, **options)


@pytest.fixture(autouse=True, scope="session")
def _unit_tests_build_nothing():
    """Keeps the fast lane fast: a whole build, in process or as a command, fails a test in the unit lane."""
    from build_tools import pipeline

    up_to_date = pipeline.unchanged_since_last_build

    def guarded(settings):
        _refuse_build_in_unit_tests()
        return up_to_date(settings)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "unchanged_since_last_build", guarded)
        patch.setattr(subprocess, "Popen", _NoBuildCommandInUnitTests)
        yield


def pytest_addoption(parser):
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite tests/golden/ from the current output (read the diff before committing)",
    )


@pytest.fixture(scope="session")
def update_goldens(request) -> bool:
    return request.config.getoption("--update-goldens")


# The tests of what a reader sees run once per renderer; the rest (docs/, cleaning, conversion) once.
RENDERERS_UNDER_TEST = ("mkdocs", "zensical")
PER_RENDERER_MODULES = {
    "test_site_browser",
    "test_search_browser",
    "test_reader_browser",
    "test_hostile",
    "test_renderers",
}


def pytest_generate_tests(metafunc):
    if "renderer" in metafunc.fixturenames and metafunc.module.__name__.rsplit(".", 1)[-1] in PER_RENDERER_MODULES:
        metafunc.parametrize("renderer", RENDERERS_UNDER_TEST, indirect=True, scope="session")


@pytest.fixture(scope="session")
def renderer(request) -> str:
    """The renderer a site test builds with: each of RENDERERS_UNDER_TEST in the modules above, else the default."""
    return getattr(request, "param", "mkdocs")


_SEED_BUILDS: dict[str, tuple[BuildSettings, object, dict]] = {}  # renderer → the session's build of seeds/


@pytest.fixture(scope="session")
def built(tmp_path_factory, renderer):
    """A strict build of seeds/ into a temporary docs/ and site/, on a cold cache of its own (never the
    project's .cache/).  Made once per renderer: pytest sets this fixture up again each time the renderer
    parameter changes (the per-renderer modules against the rest), and the tests only read what it built."""
    if renderer not in _SEED_BUILDS:
        root = tmp_path_factory.mktemp(f"build-{renderer}")
        settings = BuildSettings(
            seeds=PROJECT_ROOT / "seeds",
            docs=root / "docs",
            site=root / "site",
            cache=root / "cache",
            strict=True,
            renderer=renderer,
        )
        diagnostics, report = build(settings)
        _SEED_BUILDS[renderer] = settings, diagnostics, report
    return _SEED_BUILDS[renderer]


@pytest.fixture(scope="session")
def search_dictionaries(tmp_path_factory) -> Path:
    """The search cache a cold build of the default settings starts by making (jieba's dictionaries in both
    scripts, the character fold: seconds of work in every build), made once per session.  Tests whose subject is
    not that cache start their build's cache from a copy (`primed_cache`); `built`, the byte-identity and
    incremental tests and the reliability fixture's first build still make it from nothing."""
    from build_tools import search
    from build_tools.config.shared_data import load_shared_data
    from build_tools.core.diagnostics import Diagnostics

    folder = tmp_path_factory.mktemp("search-dictionaries")
    diagnostics = Diagnostics()
    data = load_shared_data(BuildSettings(), diagnostics)
    assert data is not None, [str(d) for d in diagnostics.items]
    search.edition_index_settings(data, folder)
    return folder


def primed_cache(search_dictionaries: Path, cache: Path) -> Path:
    """`cache` holding a copy of the session's search dictionaries (entries are named by what they were made
    from, so a build with other settings or another glossary simply makes its own beside them)."""
    shutil.copytree(search_dictionaries, cache / "search", dirs_exist_ok=True)
    return cache


def split_page(page: Path | str) -> tuple[dict, str]:
    """A generated Markdown page (a path or its text) as its front matter and the body after it, read the way the
    build writes it: `---`, YAML, `---`.  The one reader every test uses, so no test cuts a page at a stray `---`."""
    text = page if isinstance(page, str) else page.read_text(encoding="utf-8")
    assert text.startswith("---\n"), f"{page if isinstance(page, Path) else text[:80]!r}: no front matter"
    end = text.index("\n---\n", 3)
    return yaml.safe_load(text[4:end]) or {}, text[end + 5 :]


def front_matter(page: Path | str) -> dict:
    return split_page(page)[0]


def page_body(page: Path | str) -> str:
    return split_page(page)[1]


def config_copy(folder: Path, old: str = "", new: str = "") -> Path:
    """mkdocs.yml copied into `folder` with one edit; the hook and theme folders it names are linked beside it."""
    text = (PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert old in text, f"mkdocs.yml no longer contains {old!r}"
    config = folder / "mkdocs.yml"
    config.write_text(text.replace(old, new), encoding="utf-8")
    for relative in ("overrides", "build_tools"):
        (folder / relative).symlink_to(PROJECT_ROOT / relative)
    return config


def build_command(seeds: Path, root: Path, *flags: str) -> list[str]:
    """The command line of `python3 -m build_tools build` into root/docs and root/site, on root/cache
    (`--cache` and its folder come last before the flags: tests cut the list there)."""
    folders = ["--seeds", str(seeds), "--docs", str(root / "docs"), "--site", str(root / "site")]
    return [sys.executable, "-m", "build_tools", "build", *folders, "--cache", str(root / "cache"), *flags]


def command_line_build(
    seeds: Path, root: Path, *flags: str, timeout: float | None = None
) -> subprocess.CompletedProcess:
    """`python3 -m build_tools build` in a process of its own, into root/docs and root/site, on root/cache."""
    return subprocess.run(
        build_command(seeds, root, *flags), cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=timeout
    )


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The folder of real articles beside the project; tests that need it skip, saying why, where it is absent."""
    if not CORPUS.is_dir():
        pytest.skip(
            f"{CORPUS} is absent: the real-article corpus lies beside the project (../shared/corpus) "
            "on developer machines and in CI"
        )
    return CORPUS


CORPUS_NOTES = re.compile(r"[A-Z]+\.md")  # the corpus's own notes (SOURCES.md): its documentation, no article


@dataclass(frozen=True)
class CorpusRun:
    """What `python3 -m build_tools build` did with the whole corpus: its exit status, messages and folders."""

    returncode: int
    output: str
    docs: Path
    site: Path

    @property
    def report(self) -> dict | None:
        path = self.site / "build-report.json"
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


@pytest.fixture(scope="session")
def corpus_run(corpus_dir, tmp_path_factory) -> CorpusRun:
    """The whole corpus (but its notes) built once per session by the command a user types, on a cold cache of
    its own; the seeds folder links to the corpus files, nothing is copied.  test_corpus checks it file by file,
    test_reader_markdown its Markdown files, test_search_recall its search."""
    root = tmp_path_factory.mktemp("corpus")
    seeds = root / "seeds"
    seeds.mkdir()
    for path in sorted(corpus_dir.iterdir()):
        if path.is_file() and not CORPUS_NOTES.fullmatch(path.name):
            (seeds / path.name).symlink_to(path)
    result = command_line_build(seeds, root, timeout=3600)
    return CorpusRun(result.returncode, result.stdout + result.stderr, root / "docs", root / "site")


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is not installed: run the test command from README.md, which installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield instance
        instance.close()


DESKTOP = {"viewport": {"width": 1280, "height": 900}, "locale": "zh-CN"}


@contextmanager
def open_tab(browser, **options):
    """A tab in a browser context of its own (no storage shared with other tests), closed afterwards; `options`
    (Playwright's new_context: viewport, has_touch, is_mobile…) change the desktop reader's defaults."""
    context = browser.new_context(**{**DESKTOP, **options})
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def page(browser):
    with open_tab(browser) as tab:
        yield tab


@pytest.fixture(scope="session")
def http_site(built):
    """The built site served over HTTP on loopback, as any static web server would."""
    settings = built[0]

    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:  # keep test output readable
            pass

    handler = partial(QuietHandler, directory=str(settings.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
