"""Replacing the reader's site only with something at least as good, and never leaving half of one.

- **One build at a time.**  `BuildLock` is a file beside `site/` naming the process that holds it.  It is an
  `fcntl.flock` lock, so the kernel releases it when that process dies, even by SIGKILL; a lock file that
  still names a process when the lock is taken again is reported as stale.  A second build *waits* (with
  one message) rather than stopping: cron jobs, scripts and `serve` simply queue up, and their output
  never interleaves because a build prints nothing before it holds the lock.
- **Nothing to show, nothing replaced.**  `shrink_refusal`: no seeds, every seed failed, or far fewer
  article pages than the site has now → `site/` and `docs/` stay as they were unless `--allow-shrink`.
- **A swap that survives SIGKILL.**  The new site and docs are staged beside their targets; a journal
  (written atomically: the commit point) lists them; then each staged tree is exchanged with its target in
  one atomic step (Linux `renameat2(RENAME_EXCHANGE)`), so every path always holds a complete tree.  If
  the build dies part-way, the next one (`recover`) finds the journal and completes the swap, then
  deletes whatever else a killed build left.
- **No space, no permission.**  The folders are tried before the build, and an `OSError` during the build
  becomes one message naming the path; the previous site stays.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from build_tools.core.diagnostics import Diagnostics
from build_tools.core.files import remove_orphan_temporaries, write_atomically
from build_tools.core.model import Diagnostic
from build_tools.core.pause import pause_point
from build_tools.core.processes import libc as _libc
from build_tools.ingest.sources import find_seed_files

if TYPE_CHECKING:
    from build_tools.config.settings import BuildSettings

LOCK_NAME = ".build_tools.lock"
JOURNAL_NAME = ".build_tools.swap.json"
WORK_PREFIX = ".build-"
ASIDE_SUFFIX = ".aside"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _note(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


class BuildLock:
    """Held for the whole build; released by the kernel if the build dies."""

    def __init__(self, folder: Path, command: str) -> None:
        self.path = folder / LOCK_NAME
        self.command = command
        self._handle: TextIO | None = None  # open while the lock is held

    def __enter__(self) -> BuildLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = self._handle = open(self.path, "a+", encoding="utf-8")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            _note(
                f"waiting: {self.path}: another build is running on these folders ({self._holder()}); "
                "this one starts when it ends — Ctrl-C to give up"
            )
            fcntl.flock(handle, fcntl.LOCK_EX)
        previous = self._holder()
        if previous:
            _note(
                f"note: {self.path}: stale lock of a build that did not finish ({previous}); "
                "its leftovers are cleaned up before this build"
            )
        handle.seek(0)
        handle.truncate()
        handle.write(f"PID {os.getpid()}: {self.command}\n")
        handle.flush()
        return self

    def _holder(self) -> str:
        assert self._handle is not None  # asked only while the lock is held
        self._handle.seek(0)
        return self._handle.read().strip()

    def __exit__(self, *exc_info) -> None:
        handle = self._handle
        assert handle is not None  # __enter__ opened it
        handle.seek(0)
        handle.truncate()  # an empty lock file means the last build ended normally
        handle.flush()
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


# -- the swap ------------------------------------------------------------------------------------------


def exchange(first: Path, second: Path) -> None:
    """Swap two existing trees in one atomic step; where the kernel cannot, by three renames (see `recover`)."""
    libc = _libc()
    if libc is not None and hasattr(libc, "renameat2"):
        if libc.renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
            return
        code = ctypes.get_errno()
        if code not in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
            raise OSError(code, os.strerror(code), str(second))
    aside = first.with_name(first.name + ASIDE_SUFFIX)
    os.rename(second, aside)
    os.rename(first, second)
    os.rename(aside, first)


def staging_path(target: Path) -> Path:
    """Where the next version of `target` is written before the swap: beside it, on the same file system."""
    return target.with_name(f".{target.name}.new")


def _identity(path: Path) -> list[int] | None:
    try:
        status = path.stat()
    except FileNotFoundError:
        return None
    return [status.st_dev, status.st_ino]


def _remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
    if path.exists():
        _note(f"warning: {path}: left over from a replaced site and could not be deleted — delete it by hand")


def _roll_forward(entries: list[dict]) -> None:
    """Put every staged tree in place (those already there are recognised by identity), then drop the old ones."""
    for number, entry in enumerate(entries):
        staged, target = Path(entry["staged"]), Path(entry["target"])
        if number:
            pause_point("swap")
        if _identity(target) == entry["identity"] or _identity(staged) != entry["identity"]:
            continue
        if target.exists():
            exchange(staged, target)
        else:
            os.rename(staged, target)
    for entry in entries:
        staged = Path(entry["staged"])
        for leftover in (staged, staged.with_name(staged.name + ASIDE_SUFFIX)):
            _remove_tree(leftover)


def swap_in_together(pairs: list[tuple[Path, Path]], folder: Path) -> None:
    """Replace each target with its staged tree; once the journal is written, the swap will be completed."""
    entries = [
        {"staged": str(staged), "target": str(target), "identity": _identity(staged)} for staged, target in pairs
    ]
    journal = folder / JOURNAL_NAME
    write_atomically(journal, json.dumps(entries, indent=1))
    _roll_forward(entries)
    journal.unlink()


def recover(settings: BuildSettings) -> None:
    """Complete a swap a killed build began, and delete everything else a killed build left behind."""
    journal = settings.site.parent / JOURNAL_NAME
    if journal.exists():
        _roll_forward(json.loads(journal.read_text(encoding="utf-8")))
        journal.unlink()
    _discard_staged(settings)
    remove_orphan_temporaries(settings.cache)


def _discard_staged(settings: BuildSettings) -> None:
    for work in settings.site.parent.glob(WORK_PREFIX + "*"):
        _remove_tree(work)
    for staged in _staged_editions(settings):
        for leftover in (staged, staged.with_name(staged.name + ASIDE_SUFFIX)):
            if leftover.exists():
                _remove_tree(leftover)


def _staged_editions(settings: BuildSettings) -> list[Path]:
    """Every edition's staging folder in docs/ (editions are configured, so found by their name's shape)."""
    if not settings.docs.is_dir():
        return []
    return sorted(p for p in settings.docs.glob(".*.new") if p.is_dir())


# -- refusing to publish ---------------------------------------------------------------------------------


def current_article_pages(site: Path) -> int:
    """Article and chapter pages of the site as it is now: from its build report, else by counting."""
    try:
        report = json.loads((site / "build-report.json").read_text(encoding="utf-8"))
        return sum(len(seed["pages"]) for seed in report["seeds"].values())
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pages = list(site.glob("articles/*.html")) + list(site.glob("reports/*/*.html"))
        return sum(1 for page in pages if page.name != "index.html")


def refusal(settings: BuildSettings, diagnostics: Diagnostics, new_pages: int) -> Diagnostic | None:
    """Why the new build must not replace the site (None when it may); asked before anything is rendered."""
    policy = settings.publish
    if policy.keep_on_error and diagnostics.errors:
        return Diagnostic(
            str(settings.site),
            "left as it was, with docs/, because of the errors above",
            "fix them: the next good build replaces it",
        )
    if policy.allow_shrink:
        return None
    current = current_article_pages(settings.site)
    seed_files = len(find_seed_files(settings.seeds)) if settings.seeds.is_dir() else 0
    force = "run again with --allow-shrink to publish it anyway"
    if new_pages == 0 and seed_files == 0:
        why = f"no seed files were found in {settings.seeds}"
        force = "check --seeds; " + force
    elif new_pages == 0:
        why = f"none of the {seed_files} seed files could be built (see the errors above)"
        force = "fix them; or " + force
    elif new_pages < policy.shrink_limit * current:
        why = (
            f"this build makes {new_pages} of the {current} article pages the site has now "
            f"(under {policy.shrink_limit:.0%}, --shrink-limit)"
        )
        force = "if seeds were removed on purpose, " + force
    else:
        return None
    return Diagnostic(str(settings.site), f"left as it was, with docs/: {why}", force)


def publish(pairs: list[tuple[Path, Path]], settings: BuildSettings, report: dict) -> None:
    """Swap the staged site and docs in; the report (in memory) says so, for the command line's last line."""
    swap_in_together(pairs, settings.site.parent)
    report["published"] = True


# -- full disks and read-only folders ------------------------------------------------------------------


def _known_path(filename: str | None, settings: BuildSettings) -> str:
    """The folder the user knows (site/, docs/) for a file of the build's own staging folders."""
    if not filename:
        return str(settings.site)
    path = Path(filename)
    if path.is_relative_to(settings.site.parent) and path.relative_to(settings.site.parent).parts[0].startswith(
        WORK_PREFIX
    ):
        return f"{settings.site} (writing {path.name})"
    if path.is_relative_to(settings.docs) and _is_staging_name(path.relative_to(settings.docs).parts[:1]):
        return f"{settings.docs} (writing {path.name})"
    return filename


def _is_staging_name(parts: tuple[str, ...]) -> bool:
    return bool(parts) and parts[0].startswith(".") and parts[0].endswith(".new")


def os_error_diagnostic(error: OSError, settings: BuildSettings) -> Diagnostic:
    path = _known_path(error.filename, settings)
    kept = (
        "site/ and docs/ were left as they were"
        if not (settings.site.parent / JOURNAL_NAME).exists()
        else "the next build completes the swap"
    )
    if error.errno == errno.ENOSPC:
        return Diagnostic(
            path,
            "no space left on the device",
            f"free some space (or build elsewhere with --site/--docs/--cache) and build again; {kept}",
        )
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return Diagnostic(
            path,
            f"cannot be written ({error.strerror})",
            f"make it writable (chmod, chattr -i, remount read-write) or build elsewhere with --site/--docs; {kept}",
        )
    return Diagnostic(path, error.strerror or str(error), f"fix the cause and build again; {kept}")


def _writable_problems(settings: BuildSettings) -> list[OSError]:
    """Try to create a file in every folder the swap must change, before spending minutes on a build."""
    folders = [settings.site.parent, settings.site, settings.docs, *_edition_folders(settings.docs)]
    problems = []
    for folder in folders:
        if folder.is_dir():
            try:
                with tempfile.TemporaryFile(dir=folder):
                    pass
            except OSError as error:
                error.filename = str(folder)
                problems.append(error)
    return problems


def _edition_folders(docs: Path) -> list[Path]:
    """The editions' folders in docs/ (whichever editions the site has)."""
    try:
        return sorted(p for p in docs.iterdir() if p.is_dir() and not p.name.startswith("."))
    except OSError:
        return []


def run_locked(
    settings: BuildSettings, command: str, build: Callable[[BuildSettings], tuple[Diagnostics, dict]]
) -> tuple[Diagnostics, dict]:
    """`build(settings)` holding the lock, after cleaning up what an earlier build left; an OSError (full disk,
    read-only folder) becomes one diagnostic naming the path, and the previous site stays."""
    diagnostics = Diagnostics()
    try:
        with BuildLock(settings.site.parent, command):
            recover(settings)
            problems = _writable_problems(settings)
            for problem in problems:
                diagnostics.add(os_error_diagnostic(problem, settings))
            return (diagnostics, {}) if problems else build(settings)
    except OSError as error:
        diagnostics.add(os_error_diagnostic(error, settings))
        if not (settings.site.parent / JOURNAL_NAME).exists():
            _discard_staged(settings)
        return diagnostics, {}
