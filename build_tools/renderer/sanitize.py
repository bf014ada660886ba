"""Seeds are untrusted: the allow-list every page's content passes through, whatever renders it.

Readers already drop markup they do not understand, but a Markdown report may still carry a
`javascript:` link or raw HTML; content is therefore run through nh3 (the Ammonia sanitizer)
with exactly what our pages use: no scripts, frames, objects, event handlers, inline styles or
non-web URL schemes survive.  MkDocs runs it from its hooks as each page renders; for any other
renderer `finish_site` runs it on the written pages.
"""

from __future__ import annotations

import nh3

ALLOWED_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "a", "abbr", "strong", "b", "em", "i", "code", "pre",
    "span", "div", "ul", "ol", "li", "blockquote", "figure", "figcaption", "small", "time", "table", "thead",
    "tbody", "tr", "th", "td", "img", "details", "summary", "sup", "sub", "mark", "del", "ins", "kbd", "dl", "dt", "dd",
}  # fmt: skip
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
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        generic_attribute_prefixes={"data-"},
        url_schemes=URL_SCHEMES,
        link_rel=None,
    )
