"""Never lose the reader's site: damaged caches, killed, concurrent, empty and shrinking builds, a full disk,
a read-only site, and a preview server that survives a bad edit (issue 15).

Whole builds run as subprocesses of `python -m build_tools build` on a small seed set, in tmp folders with
their own caches; a test that kills a build makes it pause at a named stage (BUILD_TOOLS_PAUSE_AT) and
waits for the marker file the pause writes, so the kill lands where the test says.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools.chinese.convert import ConversionSettings, ScriptConverter, load_overrides
from build_tools.config.settings import PROJECT_ROOT, BuildSettings
from build_tools.core import files
from build_tools.core.diagnostics import Diagnostics
from build_tools.ingest.seeds import cached_process_seed
from build_tools.search import user_dictionary
from tests.conftest import build_command

ARTICLE = "{title}\n\n第一段正文，讲卡脖子和硬科技。\n\n第二段正文，写了一些内容。\n"
TRADITIONAL_TEXT = "這是一段足夠長的繁體中文文字，用來測試轉換的快取檔案是否安全。"
SIMPLIFIED_TEXT = "这是一段足够长的繁体中文文字，用来测试转换的快取档案是否安全。"


# -- cache entries: written atomically, checked when read -----------------------------------------------


@pytest.fixture
def one_seed(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(ARTICLE.format(title="缓存标题"), encoding="utf-8")
    return BuildSettings(seeds=seeds, docs=tmp_path / "docs", site=tmp_path / "site", cache=tmp_path / "cache")


def _seed_cache_entry(settings: BuildSettings) -> Path:
    entries = list((settings.cache / "seeds").glob("*.pickle"))
    assert len(entries) == 1, entries
    return entries[0]


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _flip_last_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [_truncate, _flip_last_byte], ids=["truncated", "corrupted"])
def test_damaged_seed_cache_entry_is_rebuilt_with_one_warning(one_seed, damage, capsys):
    first = cached_process_seed(one_seed.seeds / "a.txt", one_seed, Diagnostics())
    entry = _seed_cache_entry(one_seed)
    damage(entry)
    for _ in range(2):  # the second read finds the rebuilt entry: no second warning
        again = cached_process_seed(one_seed.seeds / "a.txt", one_seed, Diagnostics())
        assert again.articles[0][1].title == first.articles[0][1].title == "缓存标题"
    warnings = [line for line in capsys.readouterr().err.splitlines() if line.startswith("warning:")]
    assert warnings == [
        f"warning: {entry}: cache entry truncated or corrupted; ignored and rebuilt "
        "— nothing to do (if it happens again, check the disk)"
    ]


def test_seed_cache_entry_left_half_written_by_a_killed_build_is_never_used(one_seed):
    """A payload that unpickles fine but is not what was written (a stale half) must still be refused."""
    cached_process_seed(one_seed.seeds / "a.txt", one_seed, Diagnostics())
    entry = _seed_cache_entry(one_seed)
    header, _, payload = entry.read_bytes().partition(b"\n")
    forged = pickle.dumps((None, []))
    entry.write_bytes(header + b"\n" + forged)
    result = cached_process_seed(one_seed.seeds / "a.txt", one_seed, Diagnostics())
    assert result is not None and result.articles[0][1].title == "缓存标题"


@pytest.mark.parametrize("damage", [_truncate, _flip_last_byte], ids=["truncated", "corrupted"])
def test_damaged_conversion_cache_entry_is_rebuilt(tmp_path, damage, capsys):
    overrides = load_overrides(PROJECT_ROOT / "build_tools" / "data" / "conversion_overrides.yaml")
    make = lambda: ScriptConverter(ConversionSettings(variant="tw"), overrides, cache_dir=tmp_path)  # noqa: E731
    assert make().convert(TRADITIONAL_TEXT, "zh-Hant", "zh-Hans") == SIMPLIFIED_TEXT
    [entry] = [p for p in tmp_path.rglob("*") if p.is_file()]
    damage(entry)
    assert make().convert(TRADITIONAL_TEXT, "zh-Hant", "zh-Hans") == SIMPLIFIED_TEXT
    assert f"warning: {entry}: cache entry truncated or corrupted" in capsys.readouterr().err
    assert make().convert(TRADITIONAL_TEXT, "zh-Hant", "zh-Hans") == SIMPLIFIED_TEXT
    assert capsys.readouterr().err == ""


def test_damaged_search_dictionary_is_rebuilt(tmp_path, capsys):
    path = user_dictionary(["卡脖子", "硬科技"], tmp_path)
    whole = path.read_bytes()
    _truncate(path)
    assert user_dictionary(["卡脖子", "硬科技"], tmp_path) == path
    assert path.read_bytes() == whole == "卡脖子 200000 n\n硬科技 200000 n\n".encode()
    assert "cache entry truncated or corrupted" in capsys.readouterr().err


def test_atomic_write_leaves_no_temporary_file_and_orphans_are_removed(tmp_path):
    target = tmp_path / "entry.txt"
    files.write_atomically(target, "内容")
    assert [p.name for p in tmp_path.iterdir()] == ["entry.txt"]
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    orphan = tmp_path / f".entry.txt.{gone.stdout.strip()}.tmp"  # what a killed writer leaves
    orphan.write_bytes(b"half")
    ours = tmp_path / f".other.txt.{os.getpid()}.tmp"  # a writer still running: kept
    ours.write_bytes(b"busy")
    assert files.remove_orphan_temporaries(tmp_path) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["entry.txt", ours.name])


def test_code_digest_changes_with_any_code_file_and_not_with_byte_code(tmp_path):
    package = tmp_path / "tool"
    (package / "__pycache__").mkdir(parents=True)
    (package / "a.py").write_text("A = 1\n", encoding="utf-8")
    (package / "b.py").write_text("B = 2\n", encoding="utf-8")
    first = files.code_digest(package)
    assert files.code_digest(package) == first  # same files, same key
    (package / "__pycache__" / "a.cpython-311.pyc").write_bytes(b"compiled")
    assert files.code_digest(package) == first  # Python writing byte code is no edit
    (package / "b.py").write_text("B = 3\n", encoding="utf-8")
    assert files.code_digest(package) != first
    assert files.code_digest(package / "a.py") != files.code_digest(package / "b.py")
    assert files.code_digest(package / "a.py", package / "b.py") != files.code_digest(package / "a.py")


# -- whole builds as subprocesses ----------------------------------------------------------------------

OLD_SEEDS = {"a.txt": ARTICLE.format(title="旧的第一篇"), "b.txt": ARTICLE.format(title="旧的第二篇")}
NEW_SEEDS = {
    "a.txt": ARTICLE.format(title="新的第一篇"),
    "b.txt": ARTICLE.format(title="旧的第二篇"),
    "c.txt": ARTICLE.format(title="新的第三篇"),
}
TREES = ("site", "docs/zh-Hans", "docs/zh-Hant")
WAIT = 240  # seconds: an upper bound for anything a test waits for (the machine may be busy), never a measurement


def _write_seeds(folder: Path, seeds: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in seeds.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _run(root: Path, seeds: Path | None = None, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        build_command(seeds or root / "seeds", root, *extra),
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=WAIT * 2,
    )


def _tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _trees(root: Path) -> dict[str, dict[str, str]]:
    return {name: _tree(root / name) for name in TREES}


def _errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error:")]


def _leftovers(root: Path) -> list[str]:
    """Anything a build keeps beside site/ and docs/ (the lock file excepted) is a leftover."""
    hidden = [p.name for p in root.iterdir() if p.name.startswith(".") and p.name != ".build_tools.lock"]
    return hidden + [f"docs/{p.name}" for p in (root / "docs").iterdir() if p.name.startswith(".")]


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """Two uninterrupted builds: the site a reader has now (two articles), and the one the next build must make."""
    made: dict[str, Path] = {}
    for name, seeds in (("previous", OLD_SEEDS), ("reference", NEW_SEEDS)):
        root = tmp_path_factory.mktemp(name)
        if made:  # the first build made the search dictionaries from nothing; the second reuses them
            shutil.copytree(made["previous"] / "cache" / "search", root / "cache" / "search")
        result = _run(root, _write_seeds(root / "seeds", seeds))
        assert result.returncode == 0, result.stderr
        made[name] = root
    return made


def _workspace(tmp_path: Path, builds: dict, template: str = "previous", seeds: dict = NEW_SEEDS) -> Path:
    """A copy of a built site and docs, a fresh cache (its search dictionaries copied, to save time) and seeds."""

    root = tmp_path / "project"
    for name in ("site", "docs", "cache/search"):
        shutil.copytree(builds[template] / name, root / name)
    _write_seeds(root / "seeds", seeds)
    return root


def _wait_for(condition, what: str) -> None:
    import time

    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.1)


def _start_paused(root: Path, stage: str, marker: Path) -> tuple[subprocess.Popen, Path]:
    log = root.parent / f"{stage}.stderr"
    environment = dict(os.environ, BUILD_TOOLS_PAUSE_AT=f"{stage}:{marker}")
    with open(log, "w") as stream:
        process = subprocess.Popen(
            build_command(root / "seeds", root),
            cwd=PROJECT_ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=stream,
        )
    return process, log


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return True
    return state in ("Z", "X")  # a zombie waits for init to reap it: it runs no code


@pytest.mark.build
@pytest.mark.parametrize("stage", ["reading", "conversion", "mkdocs", "swap"])
def test_build_killed_at_any_stage_keeps_the_site_and_the_next_build_completes(tmp_path, builds, stage):
    import signal

    root = _workspace(tmp_path, builds)
    before = _trees(root)
    marker = tmp_path / "paused"
    process, _ = _start_paused(root, stage, marker)
    _wait_for(marker.exists, f"the build to reach {stage}")
    paused_pid = int(marker.read_text())
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=WAIT)
    _wait_for(lambda: _gone(paused_pid), "the MkDocs worker to die with the build")

    after = _trees(root)
    assert after["site"] == before["site"], "the reader's site changed"
    if stage == "swap":  # killed between two renames: docs/zh-Hans is already new, the rest still old
        assert after["docs/zh-Hans"] == _trees(builds["reference"])["docs/zh-Hans"]
        assert after["docs/zh-Hant"] == before["docs/zh-Hant"]
    else:
        assert after == before

    # The next build cleans up first, even one that publishes nothing: a swap that had begun is completed
    # (the new site and docs were whole), anything earlier is dropped.
    refused = _run(root, root / "does-not-exist")
    assert (
        f"stale lock of a build that did not finish (PID {process.pid}: python3 -m build_tools build" in refused.stderr
    )
    assert _trees(root) == (_trees(builds["reference"]) if stage == "swap" else before)
    assert _leftovers(root) == []

    again = _run(root)
    assert again.returncode == 0, again.stderr
    assert _errors(again.stderr) == [] and "stale" not in again.stderr
    assert _trees(root) == _trees(builds["reference"])
    assert _leftovers(root) == []


@pytest.mark.build
def test_two_builds_at_once_run_one_after_the_other(tmp_path, builds):
    root = _workspace(tmp_path, builds)
    marker = tmp_path / "paused"
    first, first_log = _start_paused(root, "reading", marker)
    _wait_for(marker.exists, "the first build to hold the lock")
    second_log = tmp_path / "second.stderr"
    with open(second_log, "w") as stream:
        second = subprocess.Popen(
            build_command(root / "seeds", root), cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL, stderr=stream
        )
    _wait_for(lambda: "waiting:" in second_log.read_text(), "the second build to say it waits")
    assert second.poll() is None
    assert second_log.read_text().splitlines() == [
        f"waiting: {root / '.build_tools.lock'}: another build is running on these folders "
        f"(PID {first.pid}: python3 -m build_tools {' '.join(build_command(root / 'seeds', root)[3:])}); "
        "this one starts when it ends — Ctrl-C to give up"
    ]
    marker.unlink()  # the first build goes on
    assert first.wait(timeout=WAIT) == 0, first_log.read_text()
    assert second.wait(timeout=WAIT) == 0, second_log.read_text()
    assert "waiting" not in first_log.read_text() and "stale" not in second_log.read_text()
    # queued behind a build of the same inputs, the second finds nothing to do and says so
    assert second_log.read_text().splitlines()[-1].startswith("nothing changed since the last build")
    assert _trees(root) == _trees(builds["reference"])
    assert _leftovers(root) == []


@pytest.mark.build
@pytest.mark.parametrize(
    "seeds, extra, reason",
    [
        (None, (), "no seed files were found in {root}/does-not-exist — check --seeds; run again with --allow-shrink"),
        (
            {"a.txt": "  \n"},
            (),
            "none of the 1 seed files could be built (see the errors above) — fix them; or run again "
            "with --allow-shrink",
        ),
        (
            {"a.txt": NEW_SEEDS["a.txt"]},
            (),
            "this build makes 1 of the 3 article pages the site has now (under 50%, "
            "--shrink-limit) — if seeds were removed on purpose, run again with --allow-shrink",
        ),
        (
            NEW_SEEDS,
            ("--shrink-limit", "1.5"),
            "this build makes 3 of the 3 article pages the site has now (under 150%",
        ),
    ],
    ids=["no-seeds", "every-seed-failed", "fewer-than-half", "stricter-limit"],
)
def test_build_with_nothing_or_much_less_to_show_replaces_nothing(tmp_path, builds, seeds, extra, reason):
    root = _workspace(tmp_path, builds, template="reference", seeds={})
    before = _trees(root)
    folder = _write_seeds(root / "given", seeds) if seeds is not None else root / "does-not-exist"
    result = _run(root, folder, *extra)
    assert result.returncode == 1
    assert f"error: {root / 'site'}: left as it was, with docs/: {reason.format(root=root)}" in result.stderr
    assert result.stderr.splitlines()[-1].startswith(
        f"nothing published: {root / 'site'} and {root / 'docs'} were left"
    )
    assert _trees(root) == before
    assert _leftovers(root) == []


@pytest.mark.build
def test_allow_shrink_publishes_the_smaller_site(tmp_path, builds):
    root = _workspace(tmp_path, builds, template="reference", seeds={"a.txt": NEW_SEEDS["a.txt"]})
    result = _run(root, None, "--allow-shrink")
    assert result.returncode == 0, result.stderr
    assert [p.name for p in (root / "site" / "articles").glob("*.html") if p.name != "index.html"] == [
        "xin-de-di-yi-pian.html"
    ]


# -- no space, no permission ---------------------------------------------------------------------------------


def _make_read_only(folder: Path) -> list[str]:
    """The command that undoes it.  Root ignores permission bits, so as root the folder is made immutable."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return ["chmod", "755", str(folder)]
    made = subprocess.run(["chattr", "+i", str(folder)], capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(
            f"running as root and chattr +i is refused here ({made.stderr.strip()}): cannot make a folder read-only"
        )
    return ["chattr", "-i", str(folder)]


@pytest.mark.build
def test_read_only_site_gives_one_error_naming_it_and_the_site_stays(tmp_path, builds):
    root = _workspace(tmp_path, builds)
    before = _trees(root)
    undo = _make_read_only(root / "site")
    try:
        result = _run(root)
    finally:
        subprocess.run(undo, check=True)
    assert result.returncode == 1
    [error] = _errors(result.stderr)
    assert error.startswith(f"error: {root / 'site'}: cannot be written (")
    assert error.endswith(
        "— make it writable (chmod, chattr -i, remount read-write) or build elsewhere with "
        "--site/--docs; site/ and docs/ were left as they were"
    )
    assert _trees(root) == before
    assert _leftovers(root) == []


FULL_DISK = """
import errno, os, sys
import mkdocs.utils
real_write_file = mkdocs.utils.write_file
def full_disk(content, output_path):
    if "/articles/" in output_path:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), output_path)
    real_write_file(content, output_path)
mkdocs.utils.write_file = full_disk
from build_tools.__main__ import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.build
def test_full_disk_during_mkdocs_gives_one_error_and_the_site_stays(tmp_path, builds):
    """ENOSPC simulated where MkDocs writes article pages (in its worker processes)."""
    root = _workspace(tmp_path, builds)
    before = _trees(root)
    result = subprocess.run(
        [sys.executable, "-c", FULL_DISK, *build_command(root / "seeds", root)[3:]],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=WAIT * 2,
    )
    assert result.returncode == 1
    [error] = _errors(result.stderr)
    assert error.startswith(f"error: {root / 'site'} (writing ")
    assert error.endswith(
        ".html): no space left on the device — free some space (or build elsewhere with "
        "--site/--docs/--cache) and build again; site/ and docs/ were left as they were"
    )
    assert "Traceback" not in result.stderr
    assert _trees(root) == before
    assert _leftovers(root) == []


@pytest.fixture
def small_disk(tmp_path, builds):
    """A tmpfs with room for the current site and docs and a third more, not for a second copy
    (sized from them, so lighter pages do not make it roomy; root only; skipped elsewhere)."""
    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root; the simulated full disk test covers ENOSPC here")
    current = sum(
        path.stat().st_size + 4096  # a tmpfs page per file, at least
        for name in ("site", "docs")
        for path in (builds["previous"] / name).rglob("*")
        if path.is_file()
    )
    size_kb = int(current * 1.35 / 1024) + 64
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(mount_point)], capture_output=True, text=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({mounted.stderr.strip()})")
    yield mount_point
    subprocess.run(["umount", "-l", str(mount_point)], check=True)


@pytest.mark.build
def test_really_full_disk_gives_one_error_and_the_site_stays(tmp_path, builds, small_disk):

    root = small_disk / "project"
    for name in ("site", "docs"):
        shutil.copytree(builds["previous"] / name, root / name)
    shutil.copytree(builds["previous"] / "cache", tmp_path / "cache")  # the cache lives on the big disk
    _write_seeds(tmp_path / "seeds", NEW_SEEDS)
    before = _trees(root)
    result = subprocess.run(
        [*build_command(tmp_path / "seeds", root)[:-2], "--cache", str(tmp_path / "cache")],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=WAIT * 2,
    )
    assert result.returncode == 1
    [error] = _errors(result.stderr)
    assert "no space left on the device — free some space" in error and error.startswith(f"error: {root}")
    assert "Traceback" not in result.stderr
    assert _trees(root) == before
    assert _leftovers(root) == []


# -- serve ------------------------------------------------------------------------------------------------


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str | None:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError):
        return None


@pytest.mark.build
def test_serve_shows_both_editions_rebuilds_on_edits_and_survives_a_bad_one(tmp_path, builds):
    from build_tools.dev.serve import VERSION_PATH

    root = _workspace(tmp_path, builds, seeds=OLD_SEEDS)
    seeds = root / "seeds"
    base = f"http://127.0.0.1:{_free_port()}"
    log = tmp_path / "serve.stderr"
    with open(log, "w") as stream:
        server = subprocess.Popen(
            [
                *build_command(seeds, root)[:3],
                "serve",
                *build_command(seeds, root)[4:],
                "--dev-addr",
                base.removeprefix("http://"),
            ],
            cwd=PROJECT_ROOT,
            stdout=subprocess.DEVNULL,
            stderr=stream,
        )
    version = lambda: _get(base + VERSION_PATH)  # noqa: E731
    try:
        _wait_for(lambda: version() is not None, "the server to answer")
        first = version()
        simplified = _get(f"{base}/articles/jiu-de-di-yi-pian.html")
        assert "旧的第一篇" in simplified and VERSION_PATH in simplified  # the live-reload script
        assert "舊的第一篇" in _get(f"{base}/zh-Hant/articles/jiu-de-di-yi-pian.html")
        assert "舊的第二篇" in _get(f"{base}/zh-Hant/")

        (seeds / "a.txt").write_text(ARTICLE.format(title="改过的第一篇"), encoding="utf-8")
        _wait_for(lambda: version() != first, "the rebuild after an edit")
        edited = version()
        assert "改過的第一篇" in _get(f"{base}/zh-Hant/articles/gai-guo-de-di-yi-pian.html")

        (seeds / "a.txt").write_text("  \n", encoding="utf-8")  # a broken seed
        (seeds / "b.meta.yaml").write_text("titel: 拼错的字段\n", encoding="utf-8")  # a broken editor file
        _wait_for(lambda: "fix the errors above and save again" in log.read_text(), "the failed rebuild")
        os.utime(seeds / "a.txt")  # saved again, still broken
        _wait_for(lambda: "rebuild failed again with the same errors" in log.read_text(), "the second failed rebuild")
        assert version() == edited
        assert "改过的第一篇" in _get(f"{base}/articles/gai-guo-de-di-yi-pian.html")
        assert "改過的第一篇" in _get(f"{base}/zh-Hant/articles/gai-guo-de-di-yi-pian.html")
        text = log.read_text()
        assert text.count("error: a.txt: the file is empty") == 1
        assert text.count("unknown field `titel`") == 1
        assert "Traceback" not in text

        (seeds / "a.txt").write_text(ARTICLE.format(title="又改过的第一篇"), encoding="utf-8")
        (seeds / "b.meta.yaml").unlink()
        _wait_for(lambda: version() != edited, "the rebuild after the fix")
        assert "又改过的第一篇" in _get(f"{base}/articles/you-gai-guo-de-di-yi-pian.html")
        assert "又改過的第一篇" in _get(f"{base}/zh-Hant/articles/you-gai-guo-de-di-yi-pian.html")
        assert _get(f"{base}/articles/gai-guo-de-di-yi-pian.html") is None  # the old address is gone
        _wait_for(lambda: log.read_text().count("built 2 seeds into 2 pages") == 3, "serve to report the good build")
    finally:
        server.terminate()
        server.wait(timeout=WAIT)


# -- exit status --------------------------------------------------------------------------------------------


@pytest.mark.build
def test_bench_exits_1_and_prints_no_figures_when_a_build_fails(monkeypatch, capsys):
    from build_tools.dev import bench

    def broken_collection(seeds: Path, count: int, source: Path) -> None:
        seeds.mkdir(parents=True)
        # every seed fails: the build exits 1 (the bench holds the newest back, to add it later)
        (seeds / "a.txt").write_text("  \n", encoding="utf-8")
        (seeds / "b.txt").write_text("  \n", encoding="utf-8")

    monkeypatch.setattr(bench, "generate_collection", broken_collection)
    assert bench.run(1, baseline=False) == 1
    captured = capsys.readouterr()
    assert "a build of the generated collection failed (exit 1) — see its messages above" in captured.err
    assert "error: a.txt: the file is empty" in captured.err
    assert "figure" not in captured.out
