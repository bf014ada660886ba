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

from .diagnostics import Diagnostics


class _WarningCollector(logging.Handler):
    """MkDocs reports problems (broken links, missing anchors) as log warnings; keep them."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def run_mkdocs(config_file: Path, docs_dir: Path, site_dir: Path, nav: list, language: str,
               strict: bool, diagnostics: Diagnostics) -> bool:
    """Build one edition; MkDocs warnings become diagnostics (errors when strict)."""
    collector = _WarningCollector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        config = load_config(config_file=str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir),
                             nav=nav, strict=strict)
        config.theme["language"] = language
        mkdocs_build(config)
        ok = True
    except MkDocsException as error:
        diagnostics.error(str(config_file), f"MkDocs failed: {error}", "see the warnings above")
        ok = False
    finally:
        logger.removeHandler(collector)
    for message in collector.messages:
        report = diagnostics.error if strict else diagnostics.warning
        report(str(docs_dir), f"MkDocs: {message}", "fix the generated page or the link it names")
    return ok and not (strict and collector.messages)


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
