"""The readers, registered by the modules that define them; detection asks each for its evidence.

A reader joins with `@register(priority=…)`.  Detection is a contest: every reader scores the
text it is shown (0 = not its format) and the highest score wins; `priority` only breaks a tie,
the more specific format (a feed over the HTML it is made of) ranking higher.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from build_tools.ingest.readers.base import PLAIN_TRAITS, Reader, Traits

_REGISTERED: list[tuple[int, Reader]] = []
R = TypeVar("R")


def register(priority: int) -> Callable[[type[R]], type[R]]:
    """Class decorator: one instance of the reader takes part in detection from now on."""

    def add(cls: type[R]) -> type[R]:
        reader: Reader = cls()  # type: ignore[assignment]
        if any(r.name == reader.name for _, r in _REGISTERED):
            raise ValueError(f"two readers are called {reader.name!r}")
        _REGISTERED.append((priority, reader))
        _REGISTERED.sort(key=lambda pair: -pair[0])
        return cls

    return add


def readers() -> tuple[Reader, ...]:
    """Every registered reader, highest priority first."""
    return tuple(reader for _, reader in _REGISTERED)


def priority_of(reader: Reader) -> int:
    return next(p for p, r in _REGISTERED if r is reader)


def reader_named(name: str) -> Reader | None:
    return next((r for _, r in _REGISTERED if r.name == name), None)


def traits_of(format_name: str) -> Traits:
    """The traits of the reader that read a document (its `format`); plain text's for an unknown name."""
    reader = reader_named(format_name)
    return reader.traits if reader is not None else PLAIN_TRAITS
