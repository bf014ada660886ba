"""The data every page depends on: the reader's settings, the glossary and the script converter.

A problem in any of them is fatal (nothing sensible can be built without them), but
all their problems are reported at once, each as `path:line: what — what to do`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .convert import ConversionError, ConversionSettings, ScriptConverter, load_overrides
from .diagnostics import Diagnostics
from .glossary import Glossary, GlossaryError, load_glossary
from .settings import BuildSettings, ReaderSettings, read_reader_settings


@dataclass(frozen=True)
class SharedData:
    reader: ReaderSettings
    glossary: Glossary
    converter: ScriptConverter


def load_shared_data(settings: BuildSettings, diagnostics: Diagnostics) -> SharedData | None:
    """Settings, glossary and converter; None when any of them is unusable (the problems are reported)."""
    reader = read_reader_settings(settings.config, diagnostics)
    glossary = converter = None
    try:
        glossary = load_glossary(settings.glossary)
    except GlossaryError as error:
        _report_lines(diagnostics, str(error), str(settings.glossary))
    try:
        overrides = load_overrides(settings.overrides)
        pairs = [(entry.term, entry.traditional) for entry in glossary.entries] if glossary else []
        conversion = ConversionSettings(variant=reader.traditional_variant, engine=reader.conversion_engine)
        converter = ScriptConverter(conversion, overrides, glossary_pairs=pairs, cache_dir=settings.cache / "convert")
    except ConversionError as error:
        _report_lines(diagnostics, str(error), str(settings.overrides))
    if glossary is None or converter is None:
        return None
    return SharedData(reader, glossary, converter)


def _report_lines(diagnostics: Diagnostics, text: str, fallback_path: str) -> None:
    """Data-file errors arrive as `path:line: problem` lines; keep each as its own diagnostic."""
    for line in text.splitlines():
        match = re.match(r"^(.+?):(\d+): (.*)$", line)
        if match:
            diagnostics.error(match.group(1), match.group(3), line=int(match.group(2)))
        elif line.strip():
            diagnostics.error(fallback_path, line.strip())
