"""The second safety net: input syntax a reader would see on a rendered page.

The fidelity audit makes sure no text is lost; this check looks the other way, at what is shown
that should not be: Markdown or HTML of the source that no stage turned into structure
(`# ` at a line's start, `**`, `![`, `](http`, `[1]:`, `---` lines, front matter keys, tags
shown as text), and what blog tools write besides CommonMark (kramdown `{: …}`, Hugo `{{< … >}}`,
Liquid `{% … %}`, `{{ placeholders }}`, MDX imports and components, TeX `$$`, `[TOC]`, `[^1]`,
diagram sources, pipe tables).  It reads the visible text of every page's main content (code excluded, where
syntax is the point) and warns for each hit, naming the page and the line of its HTML.

Only the main content is parsed (navigation and header are half a page's bytes and never show seed text as
syntax), and a page's hits depend on its bytes alone: with a cache file, a page whose bytes were checked by the
last build is not parsed again, so a rebuild after one new article parses the pages that changed.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString
from bs4.element import Comment, Tag

from build_tools.core.diagnostics import Diagnostics

MAIN_SELECTORS = ("article.md-content__inner", "div.md-content", "main", "body")
SKIPPED = {"pre", "code", "script", "style", "kbd", "samp", "template", "noscript"}
MAX_PER_PAGE = 5
FRONT_MATTER_KEYS = r"(?:title|date|author|authors|tags|categories|summary|description|source|url|layout|draft|slug)"
SYNTAX: tuple[tuple[str, re.Pattern], ...] = (
    ("a Markdown heading mark", re.compile(r"^\s*#{1,6}\s+\S", re.M)),
    ("Markdown emphasis marks", re.compile(r"\*\*|__\S")),
    ("a Markdown picture", re.compile(r"!\[")),
    ("a Markdown link", re.compile(r"\]\(\s*(?:https?:|/|\.)")),
    ("a Markdown reference definition", re.compile(r"^\s*\[[^\]]+\]:\s*\S", re.M)),
    ("a Markdown rule or setext underline", re.compile(r"^\s*(?:-{3,}|={3,}|\*\s\*\s\*)\s*$", re.M)),
    ("a front matter key", re.compile(rf"^\s*{FRONT_MATTER_KEYS}\s*:\s", re.M | re.I)),
    (
        "an HTML tag",
        re.compile(r"</?(?:div|p|span|img|a|figure|figcaption|br|section|table|font|strong|b|i)\b[^>]*>?", re.I),
    ),
    # What blog tools write besides CommonMark (ingest/readers/dialects.py reads it; this is the net).
    ("a kramdown attribute list", re.compile(r"\{:[^}\n]*\}")),
    ("a Hugo shortcode", re.compile(r"\{\{[<%]\s*/?\s*[\w./-]+")),
    ("a Liquid tag", re.compile(r"\{%-?\s*\w+[^%\n]*%\}")),
    (
        "a template placeholder",
        re.compile(r"\{\{-?\s*[A-Za-z_][\w.]*\s*(?:\|[^{}\n]*)?-?\}\}|\{(?:title|author|date)\}"),
    ),
    ("an MDX import line", re.compile(r"^\s*import\s+(?:[\w$*{}\s,]+\s+from\s+)?['\"][^'\"\n]+['\"]", re.M)),
    ("a component tag", re.compile(r"</?[A-Z][A-Za-z0-9.]*(?:\s+[\w:-]+=[^>]*)?\s*/?>")),
    ("TeX math delimiters", re.compile(r"\$\$|\$\\[A-Za-z]|\\\(|\\\[|\$[A-Za-z][^$\n]{0,40}[=^_][^$\n]{0,40}\$")),
    ("a table-of-contents marker", re.compile(r"\[\[?_?TOC_?\]\]?", re.I)),
    ("a footnote marker", re.compile(r"\[\^[^\]\s]+\]")),
    (
        "a diagram's source",
        re.compile(r"^\s*(?:@startuml|@enduml|(?:graph|flowchart) (?:TD|TB|LR|RL|BT)\b|sequenceDiagram\b)", re.M),
    ),
    ("a HackMD signature tag", re.compile(r"\[(?:name|time|color)=")),
    ("a highlight mark", re.compile(r"==[^=\s][^=\n]*==")),
    ("a container fence", re.compile(r"^\s*:{3,}", re.M)),
    ("a pipe table", re.compile(r"\|\s*:?-{3,}:?\s*\||^\s*\|[^|\n]+\|[^|\n]+\|", re.M)),
)


@dataclass(frozen=True)
class Hit:
    page: str
    line: int
    what: str
    text: str


def _main(soup: BeautifulSoup) -> Tag:
    for selector in MAIN_SELECTORS:
        found = soup.select_one(selector)
        if found is not None:
            return found
    return soup


def _visible_strings(root: Tag) -> Iterable[tuple[int, str]]:
    """(HTML line, text) of every text node a reader sees, outside code."""
    for node in root.descendants:
        if not isinstance(node, NavigableString) or isinstance(node, Comment):
            continue
        parent = node.parent
        if parent is None or any(p.name in SKIPPED for p in [parent, *parent.parents]):
            continue
        if parent.get("hidden") is not None:
            continue
        yield parent.sourceline or 0, str(node)


MAIN_OPENING = '<article class="md-content__inner'
MAIN_CLOSING = "</article>"  # the content is sanitised: no <article> of its own inside


def _main_part(html: str) -> tuple[str, int]:
    """The main content element's HTML and the number of lines before it; the whole page when there is none."""
    start = html.find(MAIN_OPENING)
    end = html.find(MAIN_CLOSING, start) if start >= 0 else -1
    if start < 0 or end < 0:
        return html, 0
    return html[start : end + len(MAIN_CLOSING)], html.count("\n", 0, start)


def page_hits(html: str, page: str) -> list[Hit]:
    """Every piece of input syntax in the page's visible main text."""
    part, lines_before = _main_part(html)
    soup = BeautifulSoup(part, "html.parser")
    hits = []
    for line, text in _visible_strings(_main(soup)):
        line = line + lines_before if line else 0
        for what, pattern in SYNTAX:
            match = pattern.search(text)
            if match:
                start = max(0, match.start() - 10)
                hits.append(Hit(page, line, what, text[start : match.end() + 20].strip()))
    return hits


class HitCache:
    """Hits by the SHA-256 of a page's bytes (page name left out), kept for the pages of the last build only."""

    VERSION = "1"

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.known: dict[str, list] = {}
        self.used: dict[str, list] = {}
        if path is not None:
            try:
                stored = json.loads(path.read_text(encoding="utf-8"))
                if stored.get("version") == self.VERSION and stored.get("rules") == _rules_digest():
                    self.known = stored["pages"]
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                self.known = {}  # none or damaged: every page is parsed

    def hits(self, data: bytes, page: str) -> list[Hit]:
        digest = hashlib.sha256(data).hexdigest()
        found = self.known.get(digest)
        if found is None:
            text = data.decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n")  # as read_text
            found = [[hit.line, hit.what, hit.text] for hit in page_hits(text, page)]
        self.used[digest] = found
        return [Hit(page, line, what, text) for line, what, text in found]

    def save(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        stored = {"version": self.VERSION, "rules": _rules_digest(), "pages": self.used}
        temporary.write_text(json.dumps(stored, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        temporary.replace(self.path)


def _rules_digest() -> str:
    """What the hits depend on besides a page's bytes: this module (its patterns, selectors and walk)."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


def check_visible_syntax(sites: Iterable[Path], diagnostics: Diagnostics, cache: Path | None = None) -> int:
    """Warn for input syntax on every rendered page of `sites`; the number of hits.  With `cache` (a file),
    pages whose bytes the last check saw are not parsed again."""
    total = 0
    known = HitCache(cache)
    for site in sites:
        if not site.is_dir():
            continue
        for path in sorted(site.rglob("*.html")):
            page = path.relative_to(site.parent).as_posix()
            hits = known.hits(path.read_bytes(), page)
            total += len(hits)
            for hit in hits[:MAX_PER_PAGE]:
                diagnostics.warning(
                    page,
                    f"{hit.what} on the page as text: {hit.text!r}",
                    "the source's syntax was not read as structure; check the seed this page comes from",
                    line=hit.line,
                )
            if len(hits) > MAX_PER_PAGE:
                diagnostics.warning(page, f"{len(hits) - MAX_PER_PAGE} more pieces of input syntax shown as text")
    known.save()
    return total
