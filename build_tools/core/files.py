"""Writing files so that a killed build never leaves half of one, and reading cache entries that check themselves.

Every file the tool writes for later reading goes through `write_atomically`: the bytes go to a temporary
file in the same folder, are flushed to disk (fsync), and the temporary file is renamed over the target.
A rename within one file system is atomic, so a reader sees the old file or the new one, never a mixture.
Temporary files carry the writer's process id, so leftovers of a killed build can be told from the files
of a build that is still running (`remove_orphan_temporaries`).

Cache entries also carry their own length and SHA-256 (`write_checked` / `read_checked`): a file that was
truncated or damaged after it was written (a full disk, a copy interrupted, a bad sector) is ignored with
one warning and rebuilt by the caller, never trusted and never a crash.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

from build_tools.core.model import Diagnostic

CHECKED_MAGIC = b"build_tools-cache-1"
TOOL_PACKAGE = Path(__file__).resolve().parents[1]  # build_tools/: its code and its data/
TEMPORARY_SUFFIX = ".tmp"
_warned: set[Path] = set()


def _temporary_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}{TEMPORARY_SUFFIX}")


def write_atomically(path: Path, data: bytes | str) -> None:
    """Temp file in the same folder + fsync + rename: whoever reads `path` sees the old bytes or the new ones."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = _temporary_name(path)
    try:
        with open(temporary, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _header(payload: bytes) -> bytes:
    return b"%s %d %s\n" % (CHECKED_MAGIC, len(payload), hashlib.sha256(payload).hexdigest().encode())


def write_checked(path: Path, payload: bytes) -> None:
    """A cache entry: a header with the payload's length and SHA-256, then the payload (written atomically)."""
    write_atomically(path, _header(payload) + payload)


def read_checked(path: Path) -> bytes | None:
    """The payload of a cache entry, or None when there is none or it is damaged (then with one warning)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as error:
        warn_damaged(path, error.strerror or "unreadable")
        return None
    header, newline, payload = data.partition(b"\n")
    if newline and header + b"\n" == _header(payload):
        return payload
    warn_damaged(path, "truncated or corrupted")
    return None


def _sum_file(path: Path) -> Path:
    return path.with_name(path.name + ".sha256")


def write_plain_checked(path: Path, payload: bytes) -> None:
    """A cache file that another program reads as it is (a jieba dictionary): its checksum goes beside it."""
    write_atomically(path, payload)
    write_atomically(_sum_file(path), _header(payload))


def plain_checked_exists(path: Path) -> bool:
    """True when `path` exists and matches the checksum written beside it; a damaged file is reported once."""
    try:
        payload = path.read_bytes()
        expected = _sum_file(path).read_bytes()
    except FileNotFoundError:
        return False
    if expected == _header(payload):
        return True
    warn_damaged(path, "truncated or corrupted")
    return False


def warn_damaged(path: Path, what: str) -> None:
    """One warning per damaged cache file and process: the entry is rebuilt, so nothing is lost but time."""
    if path in _warned:
        return
    _warned.add(path)
    diagnostic = Diagnostic(
        str(path),
        f"cache entry {what}; ignored and rebuilt",
        "nothing to do (if it happens again, check the disk)",
        0,
        "warning",
    )
    print(f"warning: {diagnostic}", file=sys.stderr, flush=True)


def tree_digest(root: Path, digest=None):
    """Every file under root, by relative path and bytes (a missing root hashes as such)."""
    digest = digest or hashlib.sha256()
    digest.update(f"root {root.name} {root.exists()}\n".encode())
    if root.is_file():
        digest.update(root.read_bytes())
        return digest
    # byte-code caches change as Python runs the tool, not as anyone edits it
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(f"{path.relative_to(root).as_posix()}\0{path.stat().st_size}\0".encode())
        digest.update(path.read_bytes())
    return digest


def code_digest(*sources: str | Path) -> str:
    """A hash of the tool's own files that fill a cache (modules, data files, or whole folders such as
    `TOOL_PACKAGE`): part of the cache's key, so an edit to the code never meets what the old code stored."""
    digest = hashlib.sha256()
    for source in sources:
        tree_digest(Path(source), digest)
    return digest.hexdigest()


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_orphan_temporaries(folder: Path) -> int:
    """Delete temporary files under `folder` whose writer is no longer running; returns how many."""
    removed = 0
    if not folder.is_dir():
        return 0
    for candidate in folder.rglob(f".*{TEMPORARY_SUFFIX}"):
        pid = candidate.name[: -len(TEMPORARY_SUFFIX)].rpartition(".")[2]
        if candidate.is_file() and (not pid.isdigit() or not _pid_alive(int(pid))):
            candidate.unlink(missing_ok=True)
            removed += 1
    return removed
