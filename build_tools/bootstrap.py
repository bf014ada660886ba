"""First-use setup: create `.venv`, install pinned requirements, re-run inside it.

This module uses the standard library only, because it runs under whatever
`python3` the maintainer typed before any dependency exists.  Everything else in
`build_tools` may assume the virtual environment is active.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
VENV_DIR = PROJECT_ROOT / ".venv"
REQUIREMENTS_DIR = Path(__file__).resolve().parent
CHROMIUM = Path("/usr/bin/chromium")


def _venv_python() -> Path:
    return VENV_DIR / "bin" / "python"


def _inside_project_venv() -> bool:
    return Path(sys.prefix).resolve() == VENV_DIR.resolve()


def _requirements_digest(requirement_files: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in requirement_files:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _log(message: str) -> None:
    print(f"[setup] {message}", file=sys.stderr, flush=True)


def ensure_venv(with_tests: bool) -> None:
    """Make sure `.venv` exists with the pinned packages, then re-exec inside it.

    A stamp file records the hash of the requirement files that were installed,
    so an edited pin is installed on the next run and an unchanged one costs nothing.
    """
    names = ["requirements-test.txt"] if with_tests else ["requirements.txt"]
    files = [REQUIREMENTS_DIR / "requirements.txt"] + [REQUIREMENTS_DIR / n for n in names]
    stamp = VENV_DIR / f".installed-{'test' if with_tests else 'build'}"
    wanted = _requirements_digest(files)

    if not _venv_python().exists():
        _log(f"creating virtual environment in {VENV_DIR}")
        subprocess.run([sys.executable, "-m", "venv", str(VENV_DIR)], check=True)
    if not stamp.exists() or stamp.read_text().strip() != wanted:
        _log("installing pinned Python packages (first use or changed pins)")
        pip = [str(_venv_python()), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
        subprocess.run(pip + ["-r", str(REQUIREMENTS_DIR / names[0])], check=True)
        stamp.write_text(wanted + "\n")

    if not _inside_project_venv():
        env = dict(os.environ)
        env["VIRTUAL_ENV"] = str(VENV_DIR)
        env["PATH"] = f"{VENV_DIR / 'bin'}{os.pathsep}{env.get('PATH', '')}"
        os.execve(str(_venv_python()), [str(_venv_python()), "-m", "build_tools", *sys.argv[1:]], env)


def ensure_chromium() -> None:
    """Install Debian's Chromium and CJK fonts for the browser tests when missing.

    Playwright's own browser download cannot work here (no network beyond the
    package registries), so the tests drive the system Chromium instead.
    """
    if CHROMIUM.exists() and Path("/usr/share/fonts/opentype/noto").exists():
        return
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        _log("Chromium missing and cannot be installed here (need root and apt-get); browser tests will be skipped")
        return
    _log("installing Debian packages: chromium fonts-noto-cjk")
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "chromium", "fonts-noto-cjk"], check=True, env=env)
