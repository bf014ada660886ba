"""MkDocs hooks (registered in mkdocs.yml): the last line of defence for page HTML.

Seeds are untrusted.  Readers already drop markup they do not understand, but a
Markdown report may still carry a `javascript:` link or raw HTML; every page's
rendered content is therefore run through nh3 (the Ammonia sanitizer) with an
allow-list of exactly what our pages use: no scripts, frames, objects, event
handlers, inline styles or non-web URL schemes survive.

They also feed our search index (build_tools/search/): every page's sanitised HTML
goes to the edition's `IndexWriter` as MkDocs renders it, and the index is written
when the build ends.  Material's own search files are dropped from the site.

And they take out the indentation Material's templates leave around the content (half
the bytes of its navigation): a run of white space holding a line break becomes one
line break, which HTML shows exactly as it showed the run.  The content itself, scripts,
`<pre>` and `<textarea>` are left as they are.
"""

from __future__ import annotations

import html
import json
import os
import re
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


TEMPLATE_CACHE = "reader_template_cache"  # config.extra key: a folder for compiled templates, set by mkdocs_build


def on_env(env, config, files):
    """Material's templates compiled once, not on every build (half a second per edition): Jinja keeps the compiled
    code by template name and a checksum of its source, so an edited template is compiled again."""
    folder = config["extra"].get(TEMPLATE_CACHE)
    if folder:
        import jinja2

        Path(folder).mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(folder)
    return env


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


MAIN_OPENING = '<article class="md-content__inner'
MAIN_CLOSING = "</article>"  # the content is sanitised: no <article> of its own inside
_KEPT_AS_WRITTEN = re.compile(r"<(script|pre|textarea)\b.*?</\1\s*>", re.S | re.I)
_INDENTATION = re.compile(r"[ \t\r\f]*\n[ \t\r\n\f]*")


def _squeeze(chrome: str) -> str:
    """Every run of white space with a line break in it as one line break, outside scripts and preformatted text."""
    parts, at = [], 0
    for kept in _KEPT_AS_WRITTEN.finditer(chrome):
        parts += [_INDENTATION.sub("\n", chrome[at : kept.start()]), kept.group()]
        at = kept.end()
    return "".join(parts + [_INDENTATION.sub("\n", chrome[at:])])


def compact(output: str) -> str:
    """The page without the templates' indentation; the main content exactly as rendered."""
    start = output.find(MAIN_OPENING)
    end = output.find(MAIN_CLOSING, start) if start >= 0 else -1
    if start < 0 or end < 0:
        return _squeeze(output)
    end += len(MAIN_CLOSING)
    return _squeeze(output[:start]) + output[start:end] + _squeeze(output[end:])


def on_post_page(output: str, page, config) -> str:
    """Takes out the templates' indentation.  Tests of interrupted builds make MkDocs stop here, with pages half
    written (build_tools/pause.py)."""
    if os.environ.get("BUILD_TOOLS_PAUSE_AT"):
        from build_tools.core.pause import pause_point

        pause_point("mkdocs")
    return compact(output)


def on_post_build(config) -> None:
    """Writes the index, and its figures where `build --timings` asked for them (the benchmark reads them)."""
    global _index
    if _index is not None:
        figures = _index.finish()
        if _index.settings.figures_file:
            Path(_index.settings.figures_file).write_text(json.dumps(figures))
        _index = None
