"""A Markdown render cache for MkDocs: a page whose Markdown and link targets are unchanged is not converted again.

MkDocs converts every page's Markdown on every build, before any template is rendered; at a few hundred pages
that is most of a rebuild.  While our own build call runs, `Page.render` is wrapped: a page's entry is keyed by
the edition's base key (mkdocs.yml, overrides/, the tool's code, the renderer's version), its address and its
Markdown, and it holds what rendering leaves on the page (HTML, table of contents, title, anchors, links to
other pages' anchors) and what every relative link resolved to.  An entry is used only when each of those links
still resolves to the same address without a message, so a page whose link target appeared, moved or
disappeared is rendered again (and gives its warning again).  A page whose rendering logged anything is never
stored: its messages come from rendering it.  Sanitising and the search index still see every page (hooks).
"""

from __future__ import annotations

import hashlib
import json
import logging
from contextlib import contextmanager
from pathlib import Path

import mkdocs.structure.pages as mkdocs_pages
from mkdocs.structure.toc import get_toc

VERSION = "1"


class _Messages(logging.Handler):
    """Counts what MkDocs logs (any level above debug) while a page renders or its links are checked."""

    def __init__(self) -> None:
        super().__init__(level=logging.INFO)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _toc_tokens(items) -> list[dict]:
    return [{"name": i.title, "id": i.id, "level": i.level, "children": _toc_tokens(i.children)} for i in items]


class RenderCache:
    """Rendered Markdown by key, one JSON file per page version, under `folder`."""

    def __init__(self, folder: Path, base: str) -> None:
        self.folder = folder
        self.base = base
        self.hits = 0
        self.misses = 0

    def key(self, page) -> str:
        digest = hashlib.sha256(f"{VERSION}\0{self.base}\0{page.file.src_uri}\0{page.file.dest_uri}\0".encode())
        digest.update(json.dumps(page.meta, ensure_ascii=False, sort_keys=True, default=str).encode())
        digest.update((page.markdown or "").encode("utf-8", errors="surrogatepass"))
        return digest.hexdigest()

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def load(self, page, files, config) -> bool:
        """Put the stored rendering on `page` when there is one and its links still resolve as they did."""
        try:
            entry = json.loads(self.path(self.key(page)).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        anchors = {}
        for src_uri, links in entry["anchors_to"].items():
            target = files.get_file_from_path(src_uri)
            if target is None:
                return False
            anchors[target] = links
        if not _links_resolve(page, files, config, entry["links"]):
            return False
        page.content = entry["content"]
        page.toc = get_toc(entry["toc"])
        page._title_from_render = entry["title"]
        page.present_anchor_ids = set(entry["anchor_ids"])
        if mkdocs_pages.log.getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = anchors
        return True

    def store(self, page, links: list[list[str]]) -> None:
        entry = {
            "content": page.content,
            "toc": _toc_tokens(page.toc.items if page.toc else []),
            "title": page._title_from_render,
            "anchor_ids": sorted(page.present_anchor_ids or ()),
            "anchors_to": {target.src_uri: found for target, found in (page.links_to_anchors or {}).items()},
            "links": links,
        }
        stored = self.path(self.key(page))
        stored.parent.mkdir(parents=True, exist_ok=True)
        temporary = stored.with_suffix(".tmp")
        temporary.write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")
        temporary.replace(stored)


def _links_resolve(page, files, config, links: list[list[str]]) -> bool:
    """Every relative link of the page resolves to what it did when the entry was stored, and silently."""
    messages = _Messages()
    logger = mkdocs_pages.log  # what link resolution logs to; kept from the build's own handlers meanwhile
    logger.addHandler(messages)
    propagate, logger.propagate = logger.propagate, False
    try:
        resolver = mkdocs_pages._RelativePathTreeprocessor(page.file, files, config)
        for url, resolved in links:
            if resolver.path_to_url(url) != resolved:
                return False
    finally:
        logger.removeHandler(messages)
        logger.propagate = propagate
    return messages.count == 0


@contextmanager
def cached_renders(cache: RenderCache | None):
    """For the duration of one MkDocs build in this process: pages with a valid entry are not converted again."""
    if cache is None:
        yield
        return
    original_render = mkdocs_pages.Page.render
    original_path_to_url = mkdocs_pages._RelativePathTreeprocessor.path_to_url
    recorded: list[list[list[str]]] = []

    def path_to_url(self, url: str) -> str:
        resolved = original_path_to_url(self, url)
        if recorded:
            recorded[-1].append([url, resolved])
        return resolved

    def render(page, config, files) -> None:
        if page.markdown is not None and cache.load(page, files, config):
            cache.hits += 1
            return
        cache.misses += 1
        messages = _Messages()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(messages)
        recorded.append([])
        try:
            original_render(page, config, files)
        finally:
            links = recorded.pop()
            logger.removeHandler(messages)
        if messages.count == 0:
            cache.store(page, links)

    mkdocs_pages.Page.render = render  # type: ignore[method-assign,assignment]
    mkdocs_pages._RelativePathTreeprocessor.path_to_url = path_to_url  # type: ignore[method-assign]
    try:
        yield
    finally:
        mkdocs_pages.Page.render = original_render  # type: ignore[method-assign]
        mkdocs_pages._RelativePathTreeprocessor.path_to_url = original_path_to_url  # type: ignore[method-assign]
