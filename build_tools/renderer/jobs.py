"""What the pipeline hands a renderer for one edition, and what it gets back: the same for every renderer."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from build_tools.config.editions import Edition
from build_tools.search import IndexSettings


@dataclass(frozen=True)
class SiteJob:
    """One edition for the renderer: staged docs, where its site goes, its navigation, its search settings."""

    edition: Edition
    docs: Path
    site: Path
    nav: list
    index: IndexSettings
    site_name: str


@dataclass(frozen=True)
class SiteResult:
    """What the renderer did with one edition."""

    ok: bool
    warnings: tuple[str, ...]
    fatal: str
    seconds: float
    renderer: str = "MkDocs"  # how diagnostics name it
