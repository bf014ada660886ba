"""After a renderer without our hooks has written an edition: our own last steps, on the written files.

MkDocs runs sanitising and search indexing from its hooks as it renders each page; a renderer that
runs no hooks of ours (Zensical) gets the same from here, on the pages it wrote: the content region
of every page sanitised with the same allow-list, the search index built from the same content,
and the renderer's own search files removed (ours replaces them).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from build_tools import search
from build_tools.renderer.sanitize import sanitize

# The content region Material's (and Zensical's classic) templates write a page's Markdown into.
CONTENT_START = re.compile(r'<article class="md-content__inner md-typeset">')
CONTENT_END = "</article>"
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def content_region(page_html: str) -> tuple[int, int] | None:
    """Where the page's own content lies; to the LAST </article>, so a seed's stray one cannot end it early."""
    start = CONTENT_START.search(page_html)
    end = page_html.rfind(CONTENT_END)
    if start is None or end < start.end():
        return None
    return start.end(), end


def sanitize_page(page_html: str, theme_markup: re.Pattern[str] | None = None) -> tuple[str, str]:
    """The page with its content sanitised, and that content without the theme's own markup (what search reads)."""
    region = content_region(page_html)
    if region is None:
        return page_html, ""
    clean = sanitize(page_html[region[0] : region[1]])
    return page_html[: region[0]] + clean + page_html[region[1] :], theme_markup.sub(
        "", clean
    ) if theme_markup else clean


def page_meta(markdown: Path) -> dict:
    match = FRONT_MATTER.match(markdown.read_text(encoding="utf-8"))
    meta = yaml.safe_load(match.group(1)) if match else None
    return meta if isinstance(meta, dict) else {}


def finish_site(
    docs: Path,
    site: Path,
    index: search.IndexSettings,
    theme_search_files: tuple[str, ...],
    theme_markup: re.Pattern[str] | None = None,
) -> dict:
    """Sanitise every page of `site` rendered from `docs`, index it, drop the theme's search; the index's figures.

    Pages are indexed in MkDocs' order (a folder's index first, subfolders last), so either renderer
    numbers the documents alike."""
    for relative in theme_search_files:
        target = site / relative
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
    writer = search.IndexWriter(site, index)
    for markdown in sorted(docs.rglob("*.md"), key=lambda path: _page_order(path.relative_to(docs))):
        url = markdown.relative_to(docs).as_posix()[:-3] + ".html"
        page = site / url
        if not page.is_file():
            continue
        cleaned, content = sanitize_page(page.read_text(encoding="utf-8"), theme_markup)
        page.write_text(cleaned, encoding="utf-8")
        meta = page_meta(markdown)
        document = search.search_document(url, {"title": meta.get("title", ""), **meta}, content, index.unknown_date)
        if document:
            writer.add(document)
    return writer.finish()


def _page_order(relative: Path) -> tuple:
    return (relative.parts[:-1], relative.stem != "index", relative.name)
