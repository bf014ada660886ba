"""The only folder that knows a renderer: MkDocs + Material (the default) or Zensical, one module each.

Everything before this door hands over renderer-neutral values (`jobs.SiteJob`: an edition's staged
Markdown, its navigation, its search settings); `render_sites` picks the module by name, and imports
it only then, so a build with one renderer never loads the other.  Both read Python-Markdown, so the
stages before it write pages through the one `DIALECT` (attribute lists, admonitions, .html addresses).
"""

from __future__ import annotations

from pathlib import Path

from build_tools.config.settings import DEFAULT_RENDERER, RENDERERS
from build_tools.renderer.dialect import DIALECT
from build_tools.renderer.jobs import SiteJob, SiteResult


def render_sites(
    renderer: str, config_file: Path, jobs: list[SiteJob], strict: bool, cache: Path | None = None
) -> list[SiteResult]:
    """Every edition's site, by the renderer named (one of RENDERERS); `cache` holds rendered pages for reuse."""
    if renderer == "zensical":
        from build_tools.renderer import zensical_build as chosen
    else:
        from build_tools.renderer import mkdocs_build as chosen  # type: ignore[no-redef]
    return chosen.render_sites(config_file, jobs, strict, cache)


__all__ = ["DEFAULT_RENDERER", "DIALECT", "RENDERERS", "SiteJob", "SiteResult", "render_sites"]
