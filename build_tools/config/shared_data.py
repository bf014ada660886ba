"""The data every page depends on: the reader's settings, the glossary and the script converter.

A problem in any of them is fatal (nothing sensible can be built without them), but
all their problems are reported at once: each loader raises one `InputError` carrying
every diagnostic of its file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from build_tools.chinese.context import load_context_rules
from build_tools.chinese.convert import ScriptConverter, load_overrides
from build_tools.chinese.glossary import Glossary, in_edition_forms, load_glossary
from build_tools.chinese.names import SuspiciousName, glossary_suspicions, load_protected_names
from build_tools.config.editions import Edition, EditionSet, interface_wording, load_interface_words
from build_tools.config.settings import BuildSettings, ReaderSettings, read_reader_settings
from build_tools.core.diagnostics import Diagnostics, InputError
from build_tools.core.model import SIMPLIFIED, TRADITIONAL


@dataclass(frozen=True)
class SharedData:
    """`converter` and `glossary` are the default traditional edition's (names are checked against it);
    each edition converts with the converter of its own variant and matches its own glossary forms."""

    reader: ReaderSettings
    glossary: Glossary
    converter: ScriptConverter
    editions: EditionSet
    converters: dict[str, ScriptConverter]  # by variant
    glossaries: dict[str, Glossary]  # by variant
    interface_words: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)  # by variant

    def label_for(self, edition: Edition) -> Callable[[str], str]:
        """The tool's own (simplified) wording as `edition` shows it: converted, then in the edition's words."""
        converter = self.converter_for(edition)
        reword = interface_wording(self.interface_words.get(edition.variant, ()))
        if edition.script == SIMPLIFIED:
            return lambda text: text
        return lambda text: reword(converter.convert(text, SIMPLIFIED, edition.script)) if text else text

    def _variant(self, edition: Edition) -> str:
        """The simplified edition reads traditional originals through the default traditional edition's variant."""
        return edition.variant or self.editions.counterpart(edition).variant

    def converter_for(self, edition: Edition) -> ScriptConverter:
        return self.converters[self._variant(edition)]

    def glossary_for(self, edition: Edition) -> Glossary:
        return self.glossaries[self._variant(edition)]


def _to_traditional(converter: ScriptConverter) -> Callable[[str], str]:
    """The converter's simplified → traditional direction as a function of the text alone."""
    return lambda text: converter.convert(text, SIMPLIFIED, TRADITIONAL)


def load_shared_data(settings: BuildSettings, diagnostics: Diagnostics) -> SharedData | None:
    """Settings, glossary and converters; None when any of them is unusable (the problems are reported)."""
    reader = read_reader_settings(settings.config, diagnostics)
    editions = reader.edition_set()
    glossary = None
    converters: dict[str, ScriptConverter] = {}
    try:
        glossary = load_glossary(settings.glossary)
    except InputError as error:
        diagnostics.extend(error.diagnostics)
    words: dict[str, tuple[tuple[str, str], ...]] = {}
    try:
        words = load_interface_words(settings.interface_words)
    except InputError as error:
        diagnostics.extend(error.diagnostics)
    try:
        overrides = load_overrides(settings.overrides)
        protected = load_protected_names(settings.names)
        context = load_context_rules(settings.context_rules)
        # Only the traditional forms an editor wrote are fixed; the others follow the edition's variant.
        pairs = (
            [(entry.term, entry.traditional) for entry in glossary.entries if entry.traditional_given]
            if glossary
            else []
        )
        for variant in dict.fromkeys(e.variant for e in editions if e.variant):
            converters[variant] = ScriptConverter(
                reader.conversion(variant),
                overrides,
                glossary_pairs=pairs,
                cache_dir=settings.cache / "convert",
                protected=protected,
                context=context,
            )
    except InputError as error:
        diagnostics.extend(error.diagnostics)
    if glossary is None or not converters:
        return None
    loaded = glossary
    glossaries = {
        variant: in_edition_forms(loaded, _to_traditional(converter)) for variant, converter in converters.items()
    }
    primary = editions.first_of(TRADITIONAL).variant
    suspected = []
    for name, warning in glossary_suspicions(glossaries[primary], str(settings.glossary), converters[primary]):
        diagnostics.add(warning)
        suspected.append(name)
    data = SharedData(reader, glossaries[primary], converters[primary], editions, converters, glossaries, words)
    return protect_suspected(data, suspected)  # a name suspected in a definition is protected too


def protect_suspected(data: SharedData, suspected: list[SuspiciousName]) -> SharedData:
    """The same data with every suspected name protected in every converter (and the glossary
    forms remade through them): a name the tool suspected is never published converted."""
    if not suspected:
        return data
    converters = {
        variant: ScriptConverter(
            c.settings,
            c.overrides,
            c.glossary_pairs,
            cache_dir=c.cache_dir,
            protected=c.protected.with_suspected(suspected),
            context=c.context,
        )
        for variant, c in data.converters.items()
    }
    glossaries = {
        variant: in_edition_forms(data.glossaries[variant], _to_traditional(converter))
        for variant, converter in converters.items()
    }
    primary = next(v for v, c in data.converters.items() if c is data.converter)
    return replace(
        data,
        converter=converters[primary],
        glossary=glossaries[primary],
        converters=converters,
        glossaries=glossaries,
    )
