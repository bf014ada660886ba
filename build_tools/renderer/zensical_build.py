"""Zensical renders an edition: Material's successor, which reads mkdocs.yml but runs no hooks of ours.

Each edition gets a small configuration that INHERITs mkdocs.yml and sets what the pipeline decides
(docs and site folders, our navigation, the edition's name and interface language, Material's
`classic` look); Zensical runs in a process of its own, and `finish.finish_site` then does what
MkDocs' hooks do (sanitising, our search index).  Zensical prints its problems on its output;
every line that is not a progress line is kept as a warning.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml

from build_tools.renderer.finish import finish_site
from build_tools.renderer.jobs import SiteJob, SiteResult

NAME = "zensical"
LABEL = "Zensical"
# Zensical's own search (an index file and its worker): ours replaces it.
THEME_SEARCH_FILES = ("search.json", "assets/javascripts/workers")
PROGRESS = ("Build started", "Build finished", "No issues found")
# What Zensical's template writes inside the content region: a skip-link target, not the page's text.
THEME_MARKUP = re.compile(r'<a id="__skip" tabindex="-1"></a>')


def in_edition_words(config_text: str, interface: dict[str, str]) -> str:
    """mkdocs.yml with what it says to readers (the palette toggle's names) in the edition's words.

    Zensical merges an inherited list by appending to it, so the palette cannot be overridden from the
    edition's file: the inherited file itself carries the edition's wording."""
    for simplified, edition_words in sorted(interface.items(), key=lambda pair: -len(pair[0])):
        config_text = config_text.replace(f"name: {simplified}", f"name: {edition_words}")
    return config_text


def edition_config(config_file: Path, job: SiteJob, base: Path) -> dict:
    """The settings Zensical takes on top of mkdocs.yml for this edition.

    Zensical wants docs and site inside the folder of its configuration, so both are there (the docs as
    hard links to the staged ones: it resolves symbolic links); the site is then moved where the pipeline wants it."""
    return {
        "INHERIT": str(base.resolve()),
        "docs_dir": "docs",
        "site_dir": "site",
        "site_name": job.site_name,
        "nav": escaped_titles(job.nav),  # its templates print navigation titles as they are; titles come from seeds
        "theme": {
            "variant": "classic",  # Material's look, so readers see the same design whichever renders
            "language": job.edition.language,
            "custom_dir": str((config_file.parent / "overrides").resolve()),
        },
        "extra": {"reader_renderer": NAME},
    }


def escaped_titles(nav: list) -> list:
    """The navigation with every title HTML-escaped (what MkDocs' `on_nav` hook does for Material)."""
    out: list = []
    for item in nav:
        if isinstance(item, dict):
            out.append({html.escape(str(title), quote=False): _escaped(value) for title, value in item.items()})
        else:
            out.append(item)
    return out


def _escaped(value):
    return escaped_titles(value) if isinstance(value, list) else value


def render_sites(config_file: Path, jobs: list[SiteJob], strict: bool, cache: Path | None = None) -> list[SiteResult]:
    """Every edition at once: Zensical works in its own process, so threads are enough to wait for both.
    (Zensical keeps its own cache of rendered pages; `cache` is MkDocs' page cache and not used here.)"""
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        return list(pool.map(lambda job: build_edition_site(config_file, job, strict), jobs))


def build_edition_site(config_file: Path, job: SiteJob, strict: bool) -> SiteResult:
    started = time.perf_counter()
    folder = job.site.parent / f".zensical-{job.edition.id}"
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "mkdocs.yml"
    base = folder / "base.yml"
    base.write_text(in_edition_words(config_file.read_text(encoding="utf-8"), job.interface), encoding="utf-8")
    shutil.rmtree(folder / "docs", ignore_errors=True)
    shutil.copytree(job.docs, folder / "docs", copy_function=_link_or_copy)
    config.write_text(
        yaml.safe_dump(edition_config(config_file, job, base), allow_unicode=True, sort_keys=False), "utf-8"
    )
    command = [sys.executable, "-m", "zensical", "build", "--clean", "-f", str(config)] + (
        ["--strict"] if strict else []
    )
    run = subprocess.run(command, cwd=folder, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    messages = tuple(line.strip() for line in (run.stdout + run.stderr).splitlines()
                     if line.strip() and not line.strip().startswith(PROGRESS))  # fmt: skip
    if run.returncode == 0 and (folder / "site" / "index.html").exists():
        (folder / "site").rename(job.site)
    if run.returncode != 0 or not (job.site / "index.html").exists():
        fatal = messages[-1] if messages else f"zensical exited with status {run.returncode}"
        return SiteResult(False, messages, fatal, time.perf_counter() - started, LABEL)
    figures = finish_site(job.docs, job.site, job.index, THEME_SEARCH_FILES, THEME_MARKUP)
    if job.index.figures_file:
        Path(job.index.figures_file).write_text(json.dumps(figures))
    return SiteResult(True, messages, "", time.perf_counter() - started, LABEL)


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system
        shutil.copy2(source, target)
