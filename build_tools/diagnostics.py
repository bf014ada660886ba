"""The one error type users see, and the collector that lets a build go on after one.

Every message has the shape `path[:line]: what is wrong — what to do`, so an editor
can jump to the spot.  Stages raise `InputError` for a problem in one input; the
pipeline records it and carries on with the other seeds (Pelican's habit).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

from .model import Diagnostic


class InputError(Exception):
    """A problem in one input file; the build reports it and continues without that file."""

    def __init__(self, path: str, message: str, hint: str = "", line: int = 0):
        self.diagnostic = Diagnostic(path=path, message=message, hint=hint, line=line)
        super().__init__(str(self.diagnostic))


class FatalInputError(InputError):
    """A problem in a shared data file (glossary, overrides): nothing sensible can be built."""


@dataclass
class Diagnostics:
    """Collects diagnostics during a build; each distinct problem is reported once."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(self, diagnostic: Diagnostic) -> None:
        if diagnostic not in self.items:
            self.items.append(diagnostic)

    def error(self, path: str, message: str, hint: str = "", line: int = 0) -> None:
        self.add(Diagnostic(path, message, hint, line, "error"))

    def warning(self, path: str, message: str, hint: str = "", line: int = 0) -> None:
        self.add(Diagnostic(path, message, hint, line, "warning"))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "warning"]

    def print(self, stream=None) -> None:
        stream = stream or sys.stderr
        for item in self.items:
            print(f"{item.severity}: {item}", file=stream)
