"""MkDocs hooks (registered in mkdocs.yml): the last line of defence for page HTML.

Seeds are untrusted.  Readers already drop markup they do not understand, but a
Markdown report may still carry a `javascript:` link or raw HTML; every page's
rendered content is therefore run through nh3 (the Ammonia sanitizer) with an
allow-list of exactly what our pages use: no scripts, frames, objects, event
handlers, inline styles or non-web URL schemes survive.

They also write `search/result_meta.js`: each page's source and date, keyed by the
address the search index uses, so that search results can name them (Material's
result shows only the title and the passage that matched).
"""

from __future__ import annotations

import html
import json
import os
from pathlib import Path

import nh3

ALLOWED_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "a", "abbr", "strong", "b", "em", "i", "code", "pre",
    "span", "div", "ul", "ol", "li", "blockquote", "figure", "figcaption", "small", "time", "table", "thead",
    "tbody", "tr", "th", "td", "img", "details", "summary", "sup", "sub", "mark", "del", "ins", "kbd", "dl", "dt", "dd",
}
ALLOWED_ATTRIBUTES = {
    "*": {"id", "class", "title", "tabindex", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "time": {"datetime"},
    "ol": {"start"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
URL_SCHEMES = {"http", "https", "mailto"}


def sanitize(html: str) -> str:
    return nh3.clean(html, tags=ALLOWED_TAGS, clean_content_tags={"script", "style"}, attributes=ALLOWED_ATTRIBUTES,
                     generic_attribute_prefixes={"data-"}, url_schemes=URL_SCHEMES, link_rel=None)


def on_page_content(html: str, page, config, files) -> str:
    return sanitize(html)


def _escape_titles(items) -> None:
    for item in items:
        if getattr(item, "title", None):
            item.title = html.escape(item.title, quote=False)
        _escape_titles(getattr(item, "children", None) or [])


def on_nav(nav, config, files):
    """Material prints navigation titles unescaped; titles come from seeds, so escape them here."""
    _escape_titles(nav.items)
    return nav


def on_page_context(context, page, config, nav):
    """Material prints `page.meta.title` unescaped in <title> and the header: escape the seed's title."""
    title = page.meta.get("title")
    if isinstance(title, str):
        page.meta["title"] = html.escape(title, quote=False)
    if page.meta.get("provenance"):   # articles and report chapters, not generated pages
        _result_meta[page.url] = result_meta_line(page.meta)
    return context


RESULT_META_FILE = "search/result_meta.js"
UNKNOWN_DATE = {"zh-Hans": "日期不详", "zh-Hant": "日期不詳"}   # as the article lists say it
_result_meta: dict[str, str] = {}


def _text(value) -> str:
    """A front-matter value as shown; a full date arrives from YAML as datetime.date."""
    return "" if value is None or isinstance(value, (dict, list)) else str(value).strip()


def result_meta_line(meta: dict) -> str:
    """What a search result says under an article's title, like the article lists:
    source · date (or 日期不详) · the report it belongs to."""
    date = _text(meta.get("date")) or UNKNOWN_DATE.get(_text(meta.get("edition")), UNKNOWN_DATE["zh-Hans"])
    return " · ".join(part for part in (_text(meta.get("source")), date, _text(meta.get("part_of"))) if part)


def on_post_page(output: str, page, config) -> str:
    """Tests of interrupted builds make MkDocs stop here, with pages half written (build_tools/pause.py)."""
    if os.environ.get("BUILD_TOOLS_PAUSE_AT"):
        from build_tools.pause import pause_point
        pause_point("mkdocs")
    return output


def on_pre_build(config) -> None:
    _result_meta.clear()


def on_post_build(config) -> None:
    """A script, not JSON, so that it also loads from file:// (where fetch is refused)."""
    payload = json.dumps(dict(sorted(_result_meta.items())), ensure_ascii=False, separators=(",", ":"))
    payload = payload.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    target = Path(config["site_dir"]) / RESULT_META_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(f"var __readerResultMeta = {payload};\n", encoding="utf-8")
