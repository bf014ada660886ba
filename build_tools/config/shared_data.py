"""The data every page depends on: the reader's settings, the glossary and the script converter.

A problem in any of them is fatal (nothing sensible can be built without them), but
all their problems are reported at once: each loader raises one `InputError` carrying
every diagnostic of its file.
"""

from __future__ import annotations

from dataclasses import dataclass

from build_tools.chinese.convert import ScriptConverter, load_overrides
from build_tools.chinese.glossary import Glossary, in_edition_forms, load_glossary
from build_tools.chinese.names import glossary_name_warnings, load_protected_names
from build_tools.config.settings import BuildSettings, ReaderSettings, read_reader_settings
from build_tools.core.diagnostics import Diagnostics, InputError


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
    except InputError as error:
        diagnostics.extend(error.diagnostics)
    try:
        overrides = load_overrides(settings.overrides)
        # Only the traditional forms an editor wrote are fixed; the others follow the edition's variant.
        pairs = (
            [(entry.term, entry.traditional) for entry in glossary.entries if entry.traditional_given]
            if glossary
            else []
        )
        converter = ScriptConverter(
            reader.conversion(),
            overrides,
            glossary_pairs=pairs,
            cache_dir=settings.cache / "convert",
            protected=load_protected_names(settings.names),
        )
    except InputError as error:
        diagnostics.extend(error.diagnostics)
    if glossary is None or converter is None:
        return None
    glossary = in_edition_forms(glossary, lambda text: converter.convert(text, "zh-Hans", "zh-Hant"))
    for warning in glossary_name_warnings(glossary, str(settings.glossary), converter):
        diagnostics.add(warning)
    return SharedData(reader, glossary, converter)
