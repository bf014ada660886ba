"""MkDocs hooks (registered in mkdocs.yml): the last line of defence for page HTML.

Seeds are untrusted.  Readers already drop markup they do not understand, but a
Markdown report may still carry a `javascript:` link or raw HTML; every page's
rendered content is therefore run through nh3 (the Ammonia sanitizer) with an
allow-list of exactly what our pages use: no scripts, frames, objects, event
handlers, inline styles or non-web URL schemes survive.

They also feed our search index (build_tools/search/): every page's sanitised HTML
goes to the edition's `IndexWriter` as MkDocs renders it, and the index is written
when the build ends.  Material's own search files are dropped from the site.
"""

from __future__ import annotations

import html
import json
import os
from pathlib import Path

from build_tools import search
from build_tools.renderer.sanitize import sanitize

_index: search.IndexWriter | None = None
# Material's own search worker and lunr files: our search replaces them, so they stay out of the site
THEME_SEARCH_FILES = ("assets/javascripts/workers/", "assets/javascripts/lunr/")


def on_files(files, config):
    """After MkDocs has emptied the site folder: start the edition's index, drop Material's search files."""
    global _index
    settings = config["extra"].get("reader_search") or search.IndexSettings(edition="zh-Hans")
    _index = search.IndexWriter(Path(config["site_dir"]), settings)
    for file in list(files):
        if file.src_uri.startswith(THEME_SEARCH_FILES):
            files.remove(file)
    return files


def on_page_content(html: str, page, config, files) -> str:
    clean = sanitize(html)
    if _index is not None:
        document = search.search_document(
            page.url, {"title": page.title, **page.meta}, clean, _index.settings.unknown_date
        )
        if document:
            _index.add(document)
    return clean


def _escape_titles(items) -> None:
    for item in items:
        if getattr(item, "title", None):
            item.title = html.escape(item.title, quote=False)
        _escape_titles(getattr(item, "children", None) or [])


def on_nav(nav, config, files):
    """Material prints navigation titles unescaped; titles come from seeds, so escape them here."""
    _escape_titles(nav.items)
    return nav


def on_post_page(output: str, page, config) -> str:
    """Tests of interrupted builds make MkDocs stop here, with pages half written (build_tools/pause.py)."""
    if os.environ.get("BUILD_TOOLS_PAUSE_AT"):
        from build_tools.core.pause import pause_point

        pause_point("mkdocs")
    return output


def on_post_build(config) -> None:
    """Writes the index, and its figures where `build --timings` asked for them (the benchmark reads them)."""
    global _index
    if _index is not None:
        figures = _index.finish()
        if _index.settings.figures_file:
            Path(_index.settings.figures_file).write_text(json.dumps(figures))
        _index = None
