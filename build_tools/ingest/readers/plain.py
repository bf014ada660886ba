"""Plain text articles: a title line, perhaps a byline, then paragraphs."""

from __future__ import annotations

from build_tools.core.model import Decoded, RawDocument
from build_tools.core.textutil import is_title_like, parse_byline
from build_tools.ingest.readers.base import PLAIN_TRAITS, escape_blocks, split_paragraphs
from build_tools.ingest.readers.registry import register


@register(priority=10)
class PlainTextReader:
    """The fallback format: anything that is text and matches no richer format."""

    name = "plain"
    traits = PLAIN_TRAITS

    def score(self, text: str) -> float:
        return 0.1

    def read(self, decoded: Decoded) -> list[RawDocument]:
        blocks = split_paragraphs(decoded.text)
        title, byline = "", ""
        head = [b for b in blocks[:3] if b.kind == "paragraph"]
        for block in head:
            if parse_byline(block.text) is not None and len(block.text) <= 30:
                byline = block.text
                blocks = [b for b in blocks if b is not block]
                break
        first = next((b for b in blocks if b.kind == "paragraph"), None)
        # The first line is the title when it reads like one (short, no sentence punctuation);
        # a lone digit is a section number, not a title.
        if first is not None and is_title_like(first.text, max_len=40) and not first.text.strip().isdigit():
            title = first.text
            blocks = [b for b in blocks if b is not first]
        return [
            RawDocument(
                source=decoded,
                format=self.name,
                title=title,
                byline=byline,
                blocks=tuple(escape_blocks(blocks)),
                line=first.line if first else 1,
            )
        ]
