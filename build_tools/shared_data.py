"""The data every page depends on: the reader's settings, the glossary and the script converter.

A problem in any of them is fatal (nothing sensible can be built without them), but
all their problems are reported at once, each as `path:line: what — what to do`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .convert import ScriptConverter, load_overrides
from .diagnostics import Diagnostics
from .glossary import Glossary, GlossaryError, in_edition_forms, load_glossary
from .names import glossary_name_warnings, load_protected_names
from .settings import BuildSettings, ReaderSettings, read_reader_settings
from .yamlnodes import DataFileError


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
        # Only the traditional forms an editor wrote are fixed; the others follow the edition's variant.
        pairs = [(entry.term, entry.traditional) for entry in glossary.entries if entry.traditional_given] if glossary else []
        converter = ScriptConverter(reader.conversion(), overrides, glossary_pairs=pairs, cache_dir=settings.cache / "convert",
                                    protected=load_protected_names(settings.names))
    except DataFileError as error:
        _report_lines(diagnostics, str(error), str(settings.overrides))
    if glossary is None or converter is None:
        return None
    glossary = in_edition_forms(glossary, lambda text: converter.convert(text, "zh-Hans", "zh-Hant"))
    for warning in glossary_name_warnings(glossary, str(settings.glossary), converter):
        diagnostics.add(warning)
    return SharedData(reader, glossary, converter)


def _report_lines(diagnostics: Diagnostics, text: str, fallback_path: str) -> None:
    """Data-file errors arrive as `path:line: problem` lines; keep each as its own diagnostic."""
    for line in text.splitlines():
        match = re.match(r"^(.+?):(\d+): (.*)$", line)
        if match:
            diagnostics.error(match.group(1), match.group(3), line=int(match.group(2)))
        elif line.strip():
            diagnostics.error(fallback_path, line.strip())
