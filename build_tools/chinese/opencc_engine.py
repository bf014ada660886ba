"""The installed OpenCC engine, whichever package provides it, behind one small adapter.

Low in the tool on purpose: script detection (metadata.py) and the glossary need plain OpenCC
too, and they come before the conversion stage (convert.py), which adds the editors' rules.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path

from build_tools.core.diagnostics import InputError

REIMPLEMENTED = "opencc-python-reimplemented"
OFFICIAL = "opencc"
ENGINES = ("auto", REIMPLEMENTED, OFFICIAL)


class ConversionError(InputError):
    """A malformed override file, or an unusable engine (reported against `conversion settings`)."""


SETTINGS = "conversion settings"  # where engine problems are reported: they come from the reader's settings


@dataclass(frozen=True)
class Engine:
    """The installed `opencc` module, whichever package provided it."""

    name: str
    version: str
    load: Callable[[str], Callable[[str], str]]  # config name (s2t …) → convert function


def _distribution_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "unknown"


def _detect_engine() -> Engine | None:
    """opencc-python-reimplemented and the official C++ binding install a module of the same name.

    The official binding has `__version__`/`CONFIGS` and wants `s2t.json`; the reimplementation
    has neither and wants `s2t`.
    """
    try:
        import opencc
    except ImportError:
        return None
    if hasattr(opencc, "CONFIGS") or hasattr(opencc, "__version__"):
        version = str(getattr(opencc, "__version__", "") or _distribution_version(OFFICIAL))
        return Engine(OFFICIAL, version, lambda config: opencc.OpenCC(f"{config}.json").convert)
    return Engine(REIMPLEMENTED, _distribution_version(REIMPLEMENTED), lambda config: opencc.OpenCC(config).convert)


ENGINE = _detect_engine()  # chosen once, at import time


def engine_for(wanted: str) -> Engine:
    if wanted not in ENGINES:
        raise ConversionError(SETTINGS, f"unknown engine `{wanted}`", f"use one of {', '.join(ENGINES)}")
    if ENGINE is None:
        raise ConversionError(
            SETTINGS, "no `opencc` module is installed", f"pip install {REIMPLEMENTED if wanted == 'auto' else wanted}"
        )
    if wanted not in ("auto", ENGINE.name):
        raise ConversionError(
            SETTINGS,
            f"engine `{wanted}` wanted, but the installed `opencc` module is {ENGINE.name} {ENGINE.version}",
            f"install {wanted}, or set the engine to `{ENGINE.name}` or `auto` (outputs differ between engines)",
        )
    return ENGINE


@cache
def loaded(engine: Engine, config: str) -> Callable[[str], str]:
    """Reading OpenCC's dictionaries takes a while; every converter of a run shares them."""
    try:
        return engine.load(config)
    except Exception as error:  # the engines raise anything from OSError to their own errors
        raise ConversionError(
            f"conversion engine {engine.name} {engine.version}",
            f"cannot load `{config}` ({error})",
            f"reinstall {engine.name}",
        ) from error


def plain_converter(config: str) -> Callable[[str], str]:
    """OpenCC alone (no override rules, no cache), from whichever engine is installed: for
    heuristics such as script detection, which must not depend on which package is present."""
    return loaded(engine_for("auto"), config)


@cache
def phrase_keys(engine: Engine, table: str) -> tuple[str, ...] | None:
    """The keys of one of OpenCC's dictionaries (`TWPhrases`: traditional phrases with a Taiwan word) when
    the engine ships it as text (opencc-python-reimplemented does); None when it has only binary tables."""
    import opencc

    path = Path(opencc.__file__).resolve().parent / "dictionary" / f"{table}.txt"
    if engine.name != REIMPLEMENTED or not path.is_file():
        return None
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise ConversionError(
            f"conversion engine {engine.name} {engine.version}",
            f"cannot read `{path}` ({error})",
            f"reinstall {engine.name}",
        ) from error
    return tuple(line.split("\t", 1)[0] for line in lines if "\t" in line)
