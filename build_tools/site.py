"""Running MkDocs for an edition, swapping finished output in, and the build report.

The new site is built beside the old one and swapped in only when everything
succeeded, so a failed build never leaves a half-written site behind.
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from .annotate import ANNOTATION_MODES
from .convert import CONFIGS, ENGINES, REIMPLEMENTED
from .diagnostics import Diagnostics
from .search import IndexSettings


class _WarningCollector(logging.Handler):
    """MkDocs reports problems (broken links, missing anchors) as log warnings; keep them."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


READER_DEFAULTS = {"annotate": "first-link", "traditional_variant": "t", "conversion_engine": REIMPLEMENTED}
READER_CHOICES = {"annotate": ANNOTATION_MODES, "traditional_variant": tuple(CONFIGS), "conversion_engine": ENGINES}


def read_reader_settings(config_file: Path, diagnostics: Diagnostics) -> dict:
    """Build settings live in mkdocs.yml under `extra: reader:`, next to the site's other settings."""
    import yaml
    from mkdocs.utils.yaml import get_yaml_loader
    with open(config_file, encoding="utf-8") as handle:
        config = yaml.load(handle, Loader=get_yaml_loader()) or {}
    given = ((config.get("extra") or {}).get("reader") or {})
    settings = dict(READER_DEFAULTS)
    for key, value in given.items():
        if key not in READER_CHOICES:
            diagnostics.error(str(config_file), f"unknown setting extra.reader.{key}", f"use one of {', '.join(READER_CHOICES)}")
        elif value not in READER_CHOICES[key]:
            diagnostics.error(str(config_file), f"extra.reader.{key} cannot be {value!r}", f"use one of {', '.join(READER_CHOICES[key])}")
        else:
            settings[key] = value
    return settings


def build_edition_site(config_file: Path, docs_dir: Path, site_dir: Path, nav: list, language: str,
                       strict: bool, index: IndexSettings, site_name: str | None = None) -> tuple[bool, list[str], str, float]:
    """Run MkDocs for one edition; returns (ok, warnings, fatal error, seconds).

    Meant to run in its own process, one per edition: two cores build faster, and the search
    index (made by hooks.py while MkDocs renders, from `config.extra.reader_search`) is
    segmented with each edition's own jieba dictionary."""
    import time
    started = time.perf_counter()
    collector = _WarningCollector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        overrides = {"site_name": site_name} if site_name else {}
        config = load_config(config_file=str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir),
                             nav=nav, strict=strict, **overrides)
        config.theme["language"] = language
        config["extra"]["reader_search"] = index
        mkdocs_build(config)
        return True, collector.messages, "", time.perf_counter() - started
    except MkDocsException as error:
        return False, collector.messages, str(error), time.perf_counter() - started
    finally:
        logger.removeHandler(collector)


def record_mkdocs_result(result: tuple[bool, list[str], str], docs_dir: Path, config_file: Path, strict: bool,
                         diagnostics: Diagnostics) -> bool:
    ok, messages, fatal = result[:3]
    for message in messages:
        report = diagnostics.error if strict else diagnostics.warning
        report(str(docs_dir), f"MkDocs: {message}", "fix the generated page or the link it names")
    if fatal:
        diagnostics.error(str(config_file), f"MkDocs failed: {fatal}", "see the warnings above")
    return ok and not (strict and messages)


def swap_in(new: Path, target: Path) -> None:
    """Replace `target` with `new` by renames, so readers never see a mixture."""
    old = target.with_name(target.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    new.rename(target)
    if old.exists():
        shutil.rmtree(old)


def write_report(path: Path, report: dict) -> None:
    path.write_text(json.dumps(report, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def serve(config_file: Path, docs_dir: Path, nav: list, dev_addr: str) -> None:
    """Live preview of the generated edition with MkDocs' development server (loopback only)."""
    from mkdocs.commands.serve import serve as mkdocs_serve
    mkdocs_serve(config_file=str(config_file), docs_dir=str(docs_dir), nav=nav, dev_addr=dev_addr, livereload=True)


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
