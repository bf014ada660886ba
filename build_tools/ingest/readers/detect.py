"""Choosing a reader from the content of a seed, never from its file name: the best evidence wins."""

from __future__ import annotations

from build_tools.core.diagnostics import InputError
from build_tools.core.model import Decoded, RawDocument

# Importing the reader modules registers them (each class carries `@register`).
from build_tools.ingest.readers import (  # noqa: F401
    feed,
    html,
    markdown,
    newspaper,
    plain,
    report,
    script_module,
    webpage,
)
from build_tools.ingest.readers.base import Reader
from build_tools.ingest.readers.registry import priority_of, readers


def scores(text: str) -> list[tuple[float, int, Reader]]:
    """(score, priority, reader) for every reader, best first: what detection saw, for tests and reports."""
    found = [(reader.score(text), priority_of(reader), reader) for reader in readers()]
    return sorted(found, key=lambda entry: (-entry[0], -entry[1]))


def choose_reader(text: str) -> Reader:
    return scores(text)[0][2]


def read_documents(decoded: Decoded) -> list[RawDocument]:
    reader = choose_reader(decoded.text)
    documents = reader.read(decoded)
    documents = [d for d in documents if any(b.text or b.items or b.children for b in d.blocks)]
    if not documents:
        raise InputError(
            decoded.source.name,
            f"no article text found (read as {reader.name})",
            "check that the file holds an article",
        )
    return documents
