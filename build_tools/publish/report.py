"""What a finished build leaves beside the site: the renderer's warnings as diagnostics, the report, the archive."""

from __future__ import annotations

import json
from pathlib import Path

from build_tools.config.settings import ARCHIVE_NAME
from build_tools.core.diagnostics import Diagnostics
from build_tools.renderer.jobs import SiteJob, SiteResult


def record_site_result(
    result: SiteResult, job: SiteJob, config_file: Path, strict: bool, diagnostics: Diagnostics
) -> bool:
    """The renderer's warnings as diagnostics (errors under --strict); True when the edition's site can be used."""
    for message in result.warnings:
        report = diagnostics.error if strict else diagnostics.warning
        report(str(job.docs), f"{result.renderer}: {message}", "fix the generated page or the link it names")
    if result.fatal:
        diagnostics.error(str(config_file), f"{result.renderer} failed: {result.fatal}", "see the warnings above")
    return result.ok and not (strict and result.warnings)


def write_report(path: Path, report: dict) -> None:
    """build-report.json: the same bytes for the same input, so it leaves out the build's timings."""
    published = {key: value for key, value in report.items() if key != "timings"}
    path.write_text(json.dumps(published, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")


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
