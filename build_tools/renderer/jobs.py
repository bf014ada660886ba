"""What the pipeline hands a renderer for one edition, and what it gets back: the same for every renderer."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from build_tools.config.editions import Edition
from build_tools.config.settings import ConfigLoader
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
    interface: dict[str, str] = field(default_factory=dict)  # mkdocs.yml's own wording (simplified) → the edition's


@dataclass(frozen=True)
class SiteResult:
    """What the renderer did with one edition."""

    ok: bool
    warnings: tuple[str, ...]
    fatal: str
    seconds: float
    renderer: str = "MkDocs"  # how diagnostics name it


def interface_strings(config_file: Path) -> list[str]:
    """What mkdocs.yml itself says to a reader (the palette toggle's names), to be shown in each edition's words."""
    with open(config_file, encoding="utf-8") as handle:
        config = yaml.load(handle, Loader=ConfigLoader) or {}
    palette = (config.get("theme") or {}).get("palette") or []
    palette = [palette] if isinstance(palette, dict) else palette
    return [p["toggle"]["name"] for p in palette if isinstance(p, dict) and (p.get("toggle") or {}).get("name")]
