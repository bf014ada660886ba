"""The one error type users see, and the collector that lets a build go on after one.

Every message has the shape `path[:line]: what is wrong — what to do`, so an editor
can jump to the spot.  Stages raise `InputError` for a problem in one input; the
pipeline records it and carries on with the other seeds (Pelican's habit).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass, field

from build_tools.core.model import Diagnostic


class InputError(Exception):
    """Problems in one input file: the build reports them and goes on without that file.

    One problem is given as `InputError(path, message, hint, line)`; a data file checked as a
    whole raises `InputError(diagnostics=[…])` with every problem it found, in file order.
    """

    def __init__(
        self,
        path: str = "",
        message: str = "",
        hint: str = "",
        line: int = 0,
        *,
        diagnostics: Iterable[Diagnostic] = (),
    ):
        self.diagnostics: tuple[Diagnostic, ...] = tuple(diagnostics) or (Diagnostic(path, message, hint, line),)
        super().__init__("\n".join(self.problems))

    @property
    def diagnostic(self) -> Diagnostic:
        """The first problem (the only one, for most inputs)."""
        return self.diagnostics[0]

    @property
    def problems(self) -> tuple[str, ...]:
        """Each problem as the user reads it: `path[:line]: what — what to do`."""
        return tuple(str(item) for item in self.diagnostics)


@dataclass
class Diagnostics:
    """Collects diagnostics during a build; each distinct problem is reported once."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(self, diagnostic: Diagnostic) -> None:
        if diagnostic not in self.items:
            self.items.append(diagnostic)

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        for diagnostic in diagnostics:
            self.add(diagnostic)

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
