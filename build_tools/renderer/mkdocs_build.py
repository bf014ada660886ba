"""Running MkDocs for an edition, reading the build settings, and the build report.

Each edition is rendered into a folder beside the current site; publish.py swaps the
finished folders in, and only when everything succeeded.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from build_tools.config.editions import Edition
from build_tools.core.diagnostics import Diagnostics
from build_tools.publish.swap import die_with_parent
from build_tools.search import IndexSettings


class _WarningCollector(logging.Handler):
    """MkDocs reports problems (broken links, missing anchors) as log warnings; keep them."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@dataclass(frozen=True)
class SiteJob:
    """One edition for MkDocs: its staged docs, where its site goes, its navigation and its search index's settings."""

    edition: Edition
    docs: Path
    site: Path
    nav: list
    index: IndexSettings
    site_name: str
    interface: dict[str, str] = field(default_factory=dict)  # mkdocs.yml's own wording (simplified) → the edition's


def interface_strings(config_file: Path) -> list[str]:
    """What mkdocs.yml itself says to a reader (the palette toggle's names), to be shown in each edition's words."""
    import yaml
    from mkdocs.utils.yaml import get_yaml_loader

    with open(config_file, encoding="utf-8") as handle:
        config = yaml.load(handle, Loader=get_yaml_loader()) or {}
    palette = (config.get("theme") or {}).get("palette") or []
    palette = [palette] if isinstance(palette, dict) else palette
    return [p["toggle"]["name"] for p in palette if isinstance(p, dict) and (p.get("toggle") or {}).get("name")]


@dataclass(frozen=True)
class SiteResult:
    """What MkDocs did with one edition."""

    ok: bool
    warnings: tuple[str, ...]
    fatal: str
    seconds: float


def render_sites(config_file: Path, jobs: list[SiteJob], strict: bool) -> list[SiteResult]:
    """MkDocs for every edition at once, each in its own process: two cores build faster, and jieba's
    dictionary (which the search indexer uses) is global to a process while the editions need different ones."""
    with ProcessPoolExecutor(max_workers=len(jobs), mp_context=multiprocessing.get_context("fork")) as pool:
        futures = [pool.submit(build_edition_site, config_file, job, strict) for job in jobs]
        return [future.result() for future in futures]


def build_edition_site(config_file: Path, job: SiteJob, strict: bool) -> SiteResult:
    """Run MkDocs for one edition, keeping its warnings (broken links, missing anchors).

    The search index is made by hooks.py while MkDocs renders, from `config.extra.reader_search`."""
    die_with_parent()
    import jieba  # the indexer segments with it; its progress lines on stderr are not problems

    jieba.setLogLevel(logging.WARNING)
    started = time.perf_counter()
    collector = _WarningCollector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        config = load_config(
            config_file=str(config_file),
            docs_dir=str(job.docs),
            site_dir=str(job.site),
            nav=job.nav,
            strict=strict,
            site_name=job.site_name,
        )
        config.theme["language"] = job.edition.language
        for scheme in config.theme.get("palette") or []:
            toggle = scheme.get("toggle") if isinstance(scheme, dict) else None
            if toggle and toggle.get("name") in job.interface:
                toggle["name"] = job.interface[toggle["name"]]
        config["extra"]["reader_search"] = job.index
        mkdocs_build(config)
        return SiteResult(True, tuple(collector.messages), "", time.perf_counter() - started)
    except MkDocsException as error:
        return SiteResult(False, tuple(collector.messages), str(error), time.perf_counter() - started)
    finally:
        logger.removeHandler(collector)


def record_site_result(
    result: SiteResult, job: SiteJob, config_file: Path, strict: bool, diagnostics: Diagnostics
) -> bool:
    """MkDocs' warnings as diagnostics (errors under --strict); True when the edition's site can be used."""
    for message in result.warnings:
        report = diagnostics.error if strict else diagnostics.warning
        report(str(job.docs), f"MkDocs: {message}", "fix the generated page or the link it names")
    if result.fatal:
        diagnostics.error(str(config_file), f"MkDocs failed: {result.fatal}", "see the warnings above")
    return result.ok and not (strict and result.warnings)


def write_report(path: Path, report: dict) -> None:
    """build-report.json: the same bytes for the same input, so it leaves out the build's timings."""
    published = {key: value for key, value in report.items() if key != "timings"}
    path.write_text(json.dumps(published, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")


ARCHIVE_NAME = "site.zip"


def write_archive(site: Path, top_folder: str = "site") -> Path:
    """The whole site as one download that works offline once unpacked.

    Entries are sorted and dated 1980-01-01, so two builds of the same input give
    the same bytes."""
    import zipfile

    target = site / ARCHIVE_NAME
    files = sorted(p for p in site.rglob("*") if p.is_file() and p != target)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in files:
            info = zipfile.ZipInfo(f"{top_folder}/{path.relative_to(site).as_posix()}", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    return target
