"""MkDocs hooks (registered in mkdocs.yml): the last line of defence for page HTML.

Seeds are untrusted.  Readers already drop markup they do not understand, but a
Markdown report may still carry a `javascript:` link or raw HTML; every page's
rendered content is therefore run through nh3 (the Ammonia sanitizer) with an
allow-list of exactly what our pages use: no scripts, frames, objects, event
handlers, inline styles or non-web URL schemes survive.
"""

from __future__ import annotations

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
