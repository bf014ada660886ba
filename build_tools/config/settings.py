"""What one build is asked to do: the folders it reads and writes, and the reader's settings.

Folders come from the command line; the reader's settings live in mkdocs.yml under
`extra: reader:`, next to the site's other settings, so a maintainer edits one file.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import cast

import yaml

from build_tools.chinese.convert import CONFIGS, CORNER_QUOTE_CHOICES, ConversionSettings, Variant
from build_tools.chinese.opencc_engine import ENGINES, REIMPLEMENTED
from build_tools.config.editions import Edition, EditionSet, default_editions, edition_problems
from build_tools.core.diagnostics import Diagnostics
from build_tools.core.model import SIMPLIFIED, TRADITIONAL, Script
from build_tools.core.yamlnodes import unknown_keys

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parents[1] / "data"
SITE_TITLE = "硬科技读本"
# What renders the Markdown (build_tools/renderer/, one module each); README says which to choose.
RENDERERS = ("mkdocs", "zensical")
DEFAULT_RENDERER = "mkdocs"
# How glossary terms are marked (editions/annotate.py): README's table says what each does.
ANNOTATION_MODES: tuple[str, ...] = ("first-link", "all-links", "tooltips", "off")
ARCHIVE_NAME = "site.zip"  # the whole site as one download, at the top of site/


@dataclass(frozen=True)
class PublishPolicy:
    allow_shrink: bool = False  # publish even an empty or much smaller site
    shrink_limit: float = 0.5  # refuse a site with fewer than this share of the current article pages
    keep_on_error: bool = False  # leave site/ and docs/ as they were when any input had an error (serve)


@dataclass(frozen=True)
class BuildSettings:
    """Where a build reads seeds and data and writes docs/, site/ and its caches."""

    seeds: Path = PROJECT_ROOT / "seeds"
    docs: Path = PROJECT_ROOT / "docs"
    site: Path = PROJECT_ROOT / "site"
    config: Path = PROJECT_ROOT / "mkdocs.yml"
    glossary: Path = DATA / "glossary.yaml"
    overrides: Path = DATA / "conversion_overrides.yaml"
    names: Path = DATA / "protected_names.yaml"
    context_rules: Path = DATA / "context_rules.yaml"
    interface_words: Path = DATA / "interface_words.yaml"
    cache: Path = PROJECT_ROOT / ".cache"
    strict: bool = False
    publish: PublishPolicy = PublishPolicy()  # when a build may replace site/ and docs/ (publish.py)
    timings: Path | None = None  # where to write seconds per stage and the indexer's figures (bench)
    renderer: str | None = None  # --renderer; None: `extra: reader: renderer:` in mkdocs.yml (default mkdocs)


@dataclass(frozen=True)
class ReaderSettings:
    """`extra: reader:` in mkdocs.yml (documented there and in README)."""

    annotate: str = "first-link"
    traditional_variant: str = "twp"
    corner_quotes: str | bool = "auto"
    conversion_engine: str = REIMPLEMENTED
    renderer: str = DEFAULT_RENDERER
    editions: tuple[Edition, ...] = ()  # as listed under `editions:`; empty: the two default editions

    def conversion(self, variant: str = "") -> ConversionSettings:
        """What a converter needs: the variant (the default traditional one unless given), the engine,
        and 「」 on or off ("auto" follows the variant)."""
        quotes = None if self.corner_quotes == "auto" else bool(self.corner_quotes)
        # a variant of CONFIGS: mkdocs.yml's are checked when read, and ScriptConverter refuses any other
        chosen = cast(Variant, variant or self.traditional_variant)
        return ConversionSettings(variant=chosen, engine=self.conversion_engine, corner_quotes=quotes)

    def edition_set(self) -> EditionSet:
        """The site's editions; a traditional edition without its own variant takes `traditional_variant`."""
        listed = self.editions or default_editions(self.traditional_variant)
        return EditionSet(
            tuple(
                replace(e, variant=e.variant or self.traditional_variant) if e.script == TRADITIONAL else e
                for e in listed
            )
        )


READER_CHOICES = {
    "annotate": ANNOTATION_MODES,
    "traditional_variant": tuple(CONFIGS),
    "corner_quotes": CORNER_QUOTE_CHOICES,
    "conversion_engine": ENGINES,
    "renderer": RENDERERS,
}
EDITION_FIELDS = ("id", "name", "variant", "folder", "language")


def _as_yaml(choice) -> str:
    return str(choice).lower() if isinstance(choice, bool) else str(choice)


class ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml as data: the renderer's own tags (`!!python/…`, `!ENV`) are read as plain values, never run."""


def _tag_as_value(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> object:
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_scalar(node)  # type: ignore[arg-type]


ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _tag_as_value)
ConfigLoader.add_multi_constructor("!", _tag_as_value)


def read_reader_settings(config_file: Path, diagnostics: Diagnostics) -> ReaderSettings:
    """The reader's settings; an unknown key or value is an error naming mkdocs.yml, and the default is used."""
    with open(config_file, encoding="utf-8") as handle:
        config = yaml.load(handle, Loader=ConfigLoader) or {}
    given = (config.get("extra") or {}).get("reader") or {}
    chosen: dict = {}
    for key, value in given.items():
        if key == "editions":
            editions = read_editions(value, str(config_file), diagnostics)
            if editions:
                chosen[key] = editions
            continue
        if value is False and "off" in READER_CHOICES.get(key, ()):
            value = "off"  # YAML 1.1 reads a bare `off` as false
        if key not in READER_CHOICES:
            diagnostics.error(
                str(config_file), f"unknown setting extra.reader.{key}", f"use one of {', '.join(READER_CHOICES)}"
            )
        elif value not in READER_CHOICES[key]:
            diagnostics.error(
                str(config_file),
                f"extra.reader.{key} cannot be {value!r}",
                f"use one of {', '.join(map(_as_yaml, READER_CHOICES[key]))}",
            )
        else:
            chosen[key] = value
    return ReaderSettings(**chosen)


# The interface languages an edition may name (`language:`): the Chinese ones and English, which
# Material and Zensical both ship (tests/test_renderers_languages.py checks that they still do).
THEME_LANGUAGES = ("zh", "zh-Hant", "zh-TW", "en")


def read_editions(value, path: str, diagnostics: Diagnostics) -> tuple[Edition, ...]:
    """`extra.reader.editions`: one mapping per edition, e.g.
    `{id: zh-Hant-HK, name: 香港繁體, variant: hk, folder: zh-Hant-HK/, language: zh-Hant}`;
    anything wrong is an error naming mkdocs.yml, and the default editions are used."""
    shape = "a list of `{id: zh-Hant-HK, name: 香港繁體, variant: hk, folder: zh-Hant-HK/, language: zh-Hant}`"
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        diagnostics.error(path, "extra.reader.editions must be a list of editions", f"write {shape}")
        return ()
    editions, problems = [], []
    for item in value:
        unknown = sorted(set(unknown_keys(item, EDITION_FIELDS)))
        if unknown:
            problems.append(f"unknown field(s) {', '.join(unknown)} in edition {item.get('id')!r}")
        fields = {key: "" if item.get(key) is None else str(item.get(key)) for key in EDITION_FIELDS}
        script: Script = TRADITIONAL if fields["id"].startswith(TRADITIONAL) else SIMPLIFIED
        folder = fields["folder"] if "folder" in item else ("" if script == SIMPLIFIED else fields["id"] + "/")
        language = fields["language"] or ("zh" if script == SIMPLIFIED else "zh-Hant")
        editions.append(Edition(fields["id"], script, fields["variant"], folder, language, fields["name"]))
    known = tuple(CONFIGS)
    checked = [
        replace(e, variant=e.variant or "twp") if e.script == TRADITIONAL and not e.variant else e for e in editions
    ]
    problems += edition_problems(checked, known, THEME_LANGUAGES)
    for problem in problems:
        diagnostics.error(path, f"extra.reader.editions: {problem}", f"write {shape}")
    return () if problems else tuple(editions)
