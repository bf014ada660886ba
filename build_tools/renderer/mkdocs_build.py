"""Running MkDocs for an edition, reading the build settings, and the build report.

Each edition is rendered into a folder beside the current site; publish.py swaps the
finished folders in, and only when everything succeeded.
"""

from __future__ import annotations

import logging
import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from build_tools.core.processes import die_with_parent
from build_tools.renderer.jobs import SiteJob, SiteResult
from build_tools.renderer.mkdocs_hooks import TEMPLATE_CACHE
from build_tools.renderer.page_cache import PageCache, base_key, cached_pages
from build_tools.renderer.render_cache import RenderCache, cached_renders


class _WarningCollector(logging.Handler):
    """MkDocs reports problems (broken links, missing anchors) as log warnings; keep them."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def render_sites(config_file: Path, jobs: list[SiteJob], strict: bool, cache: Path | None = None) -> list[SiteResult]:
    """MkDocs for every edition at once, each in its own process: two cores build faster, and jieba's
    dictionary (which the search indexer uses) is global to a process while the editions need different ones."""
    with ProcessPoolExecutor(max_workers=len(jobs), mp_context=multiprocessing.get_context("fork")) as pool:
        futures = [pool.submit(build_edition_site, config_file, job, strict, cache) for job in jobs]
        return [future.result() for future in futures]


def build_edition_site(config_file: Path, job: SiteJob, strict: bool, cache: Path | None = None) -> SiteResult:
    """Run MkDocs for one edition, keeping its warnings (broken links, missing anchors); with a cache folder,
    pages whose template inputs are unchanged are copied from the rendered-page cache (page_cache.py), and pages
    whose Markdown and link targets are unchanged are not converted again (render_cache.py).

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
        page_cache = edition_page_cache(config_file, job, strict, cache)
        render_cache = RenderCache(page_cache.folder / "markdown", page_cache.base) if page_cache else None
        if page_cache is not None:
            config["extra"][TEMPLATE_CACHE] = str(page_cache.folder / "templates")
        with cached_pages(page_cache), cached_renders(render_cache):
            mkdocs_build(config)
        if page_cache is not None:
            page_cache.finish(str(job.edition.id))
        return SiteResult(True, tuple(collector.messages), "", time.perf_counter() - started)
    except MkDocsException as error:
        return SiteResult(False, tuple(collector.messages), str(error), time.perf_counter() - started)
    finally:
        logger.removeHandler(collector)


def edition_page_cache(config_file: Path, job: SiteJob, strict: bool, cache: Path | None) -> PageCache | None:
    if cache is None:
        return None
    edition = job.edition
    base = base_key(config_file, str(edition.script), edition.language, edition.folder, job.site_name, str(strict))
    return PageCache(cache / str(edition.id), base)
