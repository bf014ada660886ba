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
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools import files
from build_tools.convert import ConversionSettings, ScriptConverter, load_overrides
from build_tools.diagnostics import Diagnostics
from build_tools.pipeline import PROJECT_ROOT, BuildSettings, cached_process_seed
from build_tools.search import user_dictionary

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
    assert warnings == [f"warning: {entry}: cache entry truncated or corrupted; ignored and rebuilt "
                        "— nothing to do (if it happens again, check the disk)"]


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
    make = lambda: ScriptConverter(ConversionSettings(), overrides, cache_dir=tmp_path)  # noqa: E731
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
    orphan = tmp_path / f".entry.txt.{gone.stdout.strip()}.tmp"   # what a killed writer leaves
    orphan.write_bytes(b"half")
    ours = tmp_path / f".other.txt.{os.getpid()}.tmp"              # a writer still running: kept
    ours.write_bytes(b"busy")
    assert files.remove_orphan_temporaries(tmp_path) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["entry.txt", ours.name])
