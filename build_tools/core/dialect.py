"""What the editions stage asks of the renderer's Markdown dialect, without knowing which one it is.

Pages are written in Markdown, but attribute lists, admonitions and page addresses differ between
renderers; only renderer/ implements this protocol (`renderer.dialect`), and pipeline.py hands its
implementation to each edition, so no other stage writes the dialect itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class Dialect(Protocol):
    def attributes(self, anchor: str = "", classes: Sequence[str] = (), flags: Sequence[str] = ()) -> str:
        """Marks the block (or inline element) just before it: an anchor, classes, bare flags; "" when none."""
        ...

    def heading(self, level: int, text: str, flags: Sequence[str] = (), anchor: str = "") -> str:
        """A heading of `level` (1–6) with bare flags on it (e.g. data-no-search) and an anchor of its own."""
        ...

    def admonition(self, kind: str, title: str, body: str) -> str:
        """A titled box (kind: note, warning) around Markdown `body`."""
        ...

    def page_url(self, md_path: str) -> str:
        """The address a reader follows to the page staged as `md_path` (relative links keep their `../`)."""
        ...
