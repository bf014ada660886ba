"""A rendered-page cache for MkDocs: a page whose every template input is unchanged is written from the cache.

MkDocs 1.6 renders every page's template on every build.  While our own build call runs, its `_build_page`
is wrapped: the page's key is a hash of what the template can see: the page's rendered content, table of
contents, meta and address; the slice of navigation it shows (navigation.prune is on: the top level, each
level on its path, previous/next, home); and a base key for mkdocs.yml, overrides/, the tool's code and the
renderer's version.  Markdown is still rendered and sanitised for every page (the search index is fed from
there), so the index and every page stay byte-identical to a cold build.
"""

from __future__ import annotations

import hashlib
import json
import os
from contextlib import contextmanager
from pathlib import Path

import mkdocs.commands.build as mkdocs_commands

from build_tools.core.files import TOOL_PACKAGE, code_digest, tree_digest
from build_tools.renderer.up_to_date import versions


def base_key(config_file: Path, *extra: str) -> str:
    """What every page of one edition shares: mkdocs.yml, overrides/, the tool's code, the renderer's version."""
    digest = hashlib.sha256(versions().encode())
    tree_digest(config_file, digest)
    tree_digest(config_file.parent / "overrides", digest)
    digest.update(code_digest(TOOL_PACKAGE).encode())
    digest.update("\0".join(extra).encode())
    return digest.hexdigest()


def _first_page(item):
    """Where a collapsed section links to (Material, navigation.prune): its first page."""
    if getattr(item, "is_page", False):
        return item
    for child in getattr(item, "children", None) or []:
        found = _first_page(child)
        if found is not None:
            return found
    return None


def _brief(item) -> list:
    """A navigation entry as a pruned navigation shows it when it is not on the page's path."""
    first = _first_page(item)
    kind = type(item).__name__
    return [kind, item.title, getattr(item, "url", None), first.url if first else None, first.title if first else None]


def nav_slice(page, nav) -> dict:
    """The part of the navigation one page shows under navigation.prune: the top level (tabs), every level on
    its path with each entry's title and link, the home page, and its previous and next pages (footer)."""
    path, parent = [], page.parent
    while parent is not None:
        path.append([_brief(child) for child in parent.children])
        parent = parent.parent
    neighbours = [[p.title, p.url] if p else None for p in (page.previous_page, page.next_page)]
    home = nav.homepage.url if nav.homepage else None
    return {"top": [_brief(item) for item in nav.items], "path": path, "neighbours": neighbours, "home": home}


def _toc_outline(items) -> list:
    return [[item.title, item.url, item.level, _toc_outline(item.children)] for item in items]


REPORT_VARIABLE = "BUILD_TOOLS_PAGE_CACHE_REPORT"
"""When set to a folder, each edition writes `<edition>.json` there: every page, hit or miss, and for a miss the
parts of its key that differ from the last build's (`content`, `nav.path.1`, `nav.neighbours` …, or `new page`)."""
PARTS_FILE = "last-parts.json"


def _part_digest(value) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()[:16]


class PageCache:
    """Rendered HTML by key, one file per page version, under `folder`."""

    def __init__(self, folder: Path, base: str) -> None:
        self.folder = folder
        self.base = base
        self.hits = 0
        self.misses = 0
        self.report_folder = os.environ.get(REPORT_VARIABLE) or None
        self.parts: dict[str, dict[str, str]] = {}  # this build's key parts by page, when reporting
        self.outcomes: dict[str, list[str]] = {}  # page → [] for a hit, or the parts that changed

    def described(self, page, nav, excluded: bool) -> dict:
        """Everything the page's template can see besides the base, by part."""
        nav_part = nav_slice(page, nav)
        parts = {
            "address": [page.url, page.file.src_uri, page.file.dest_uri, excluded],
            "title": page.title,
            "meta": page.meta,
            "toc": _toc_outline(page.toc.items if page.toc else []),
            "nav.top": nav_part["top"],
            "nav.neighbours": nav_part["neighbours"],
            "nav.home": nav_part["home"],
        }
        for level, entries in enumerate(nav_part["path"]):
            parts[f"nav.path.{level}"] = entries  # 0: the page's own section, 1: the one above …
        return parts

    def key(self, page, nav, doc_files, excluded: bool) -> str:
        described = {
            "url": page.url,
            "src": page.file.src_uri,
            "dest": page.file.dest_uri,
            "title": page.title,
            "meta": page.meta,
            "toc": _toc_outline(page.toc.items if page.toc else []),
            "excluded": excluded,
            "nav": nav_slice(page, nav),
        }
        digest = hashlib.sha256(self.base.encode())
        digest.update(json.dumps(described, ensure_ascii=False, sort_keys=True, default=str).encode())
        digest.update((page.content or "").encode("utf-8", errors="surrogatepass"))
        return digest.hexdigest()

    def note(self, page, nav, excluded: bool, hit: bool) -> None:
        """Count the page as a hit or a miss; when reporting, remember its key parts and why a missed page missed."""
        if hit:
            self.hits += 1
        else:
            self.misses += 1
        if self.report_folder is None:
            return
        parts = {name: _part_digest(value) for name, value in self.described(page, nav, excluded).items()}
        parts["content"] = _part_digest(page.content or "")
        parts["base"] = _part_digest(self.base)
        self.parts[page.url] = parts
        if hit:
            self.outcomes[page.url] = []
            return
        last = self._last_parts().get(page.url)
        if last is None:
            self.outcomes[page.url] = ["new page"]
        else:
            changed = sorted(name for name in parts.keys() | last.keys() if parts.get(name) != last.get(name))
            self.outcomes[page.url] = changed or ["not cached"]

    def _last_parts(self) -> dict[str, dict[str, str]]:
        if not hasattr(self, "_last"):
            try:
                self._last = json.loads((self.folder / PARTS_FILE).read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self._last = {}
        return self._last

    def finish(self, edition: str) -> None:
        """When reporting: write the outcomes, and this build's parts for the next build to compare with."""
        if self.report_folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / PARTS_FILE).write_text(json.dumps(self.parts, sort_keys=True), encoding="utf-8")
        reasons: dict[str, int] = {}
        for changed in self.outcomes.values():
            for name in changed:
                reasons[name] = reasons.get(name, 0) + 1
        summary = {"edition": edition, "hits": self.hits, "misses": self.misses, "reasons": reasons}
        folder = Path(self.report_folder)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{edition}.json").write_text(
            json.dumps({**summary, "pages": self.outcomes}, ensure_ascii=False, indent=1, sort_keys=True),
            encoding="utf-8",
        )

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.html"


@contextmanager
def cached_pages(cache: PageCache | None):
    """For the duration of one MkDocs build in this process: pages with a cached key are copied, not rendered."""
    if cache is None:
        yield
        return
    original = mkdocs_commands._build_page

    def build_page(page, config, doc_files, nav, env, dirty=False, excluded=False):
        key = cache.key(page, nav, doc_files, excluded)
        stored = cache.path(key)
        if stored.is_file():
            cache.note(page, nav, excluded, hit=True)
            target = Path(page.file.abs_dest_path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(stored.read_bytes())
            return
        cache.note(page, nav, excluded, hit=False)
        original(page, config, doc_files, nav, env, dirty, excluded)
        written = Path(page.file.abs_dest_path)
        if written.is_file():
            stored.parent.mkdir(parents=True, exist_ok=True)
            temporary = stored.with_suffix(".tmp")
            temporary.write_bytes(written.read_bytes())
            temporary.replace(stored)

    mkdocs_commands._build_page = build_page
    try:
        yield
    finally:
        mkdocs_commands._build_page = original
