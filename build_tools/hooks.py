"""MkDocs hooks (registered in mkdocs.yml): the last line of defence for page HTML.

Seeds are untrusted.  Readers already drop markup they do not understand, but a
Markdown report may still carry a `javascript:` link or raw HTML; every page's
rendered content is therefore run through nh3 (the Ammonia sanitizer) with an
allow-list of exactly what our pages use: no scripts, frames, objects, event
handlers, inline styles or non-web URL schemes survive.
"""

from __future__ import annotations

import html

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
    return context
