"""The site's editions (简体, 繁體 and any a maintainer adds): what each is and how an article enters it.

An edition is known by its id (zh-Hans, zh-Hant, zh-Hant-HK …), never by its script: two
editions may share a script (Taiwan's and Hong Kong's 繁體) and differ in conversion variant,
folder and interface language.  The list comes from `extra: reader: editions:` in mkdocs.yml
(settings.py reads it); without it the site has the two default editions below.

Every text is converted from its original script exactly once: a simplified article reaches a
traditional edition by that edition's s2t variant, a traditional one reaches the simplified
edition by t2s, and the tool's own (simplified) wording likewise.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from build_tools.core.model import SIMPLIFIED, TRADITIONAL, Article, Metadata, Script, map_block_texts
from build_tools.core.yamlnodes import unknown_keys

EDITION_ID_RE = re.compile(r"^zh-Han[st](-[A-Z]{2})?$")  # BCP 47: script, then an optional region
FOLDER_RE = re.compile(r"^([A-Za-z0-9][A-Za-z0-9_-]*/)?$")  # "" (the site root) or one folder name and a slash


@dataclass(frozen=True)
class Edition:
    id: str  # zh-Hans, zh-Hant, zh-Hant-HK: the front matter's `edition`, the docs/ folder, the toggle's key
    script: Script  # zh-Hans or zh-Hant: which way texts are converted into it
    variant: str  # the traditional variant it converts with (tw, hk …); "" for the simplified edition
    folder: str  # where the edition sits in the site: "" (root) or "zh-Hant/"
    language: str  # Material's interface language (zh, zh-TW, zh-Hant)
    name: str  # how a reader calls it (简体, 繁體, 香港繁體), in its own script

    def link_from(self, path: str, edition: Edition) -> str:
        """Relative link from `path` in `edition` to the same staged page in this edition, e.g.
        `../zh-Hant/articles/x.md`; the renderer's dialect turns it into the address a reader follows."""
        depth = path.count("/") + edition.folder.count("/")
        return "../" * depth + self.folder + path


def default_editions(traditional_variant: str = "twp") -> tuple[Edition, ...]:
    """The site without an `editions:` setting: simplified at the root, traditional (Taiwan) in zh-Hant/."""
    return (
        Edition("zh-Hans", SIMPLIFIED, "", "", "zh", "简体"),
        Edition("zh-Hant", TRADITIONAL, traditional_variant, "zh-Hant/", "zh-TW", "繁體"),
    )


@dataclass(frozen=True)
class EditionSet:
    """The editions of one build, in the order the toggle lists them; the first of each script is the
    one the other script's pages link to (a converted page's 'see the original')."""

    editions: tuple[Edition, ...]

    def __iter__(self):
        return iter(self.editions)

    def __len__(self) -> int:
        return len(self.editions)

    def by_id(self, edition_id: str) -> Edition:
        return next(e for e in self.editions if e.id == edition_id)

    def first_of(self, script: str) -> Edition:
        """The edition a text in `script` is shown in as written (the first edition of that script)."""
        return next(e for e in self.editions if e.script == script)

    def counterpart(self, edition: Edition) -> Edition:
        """The default twin: the first edition of the other script (what front matter's `twin` names)."""
        return next(e for e in self.editions if e.script != edition.script)

    def alternates(self, edition: Edition) -> tuple[Edition, ...]:
        """Every other edition, the counterpart first."""
        twin = self.counterpart(edition)
        return (twin, *(e for e in self.editions if e is not edition and e is not twin))


def edition_problems(editions: Sequence[Edition], known_variants: Sequence[str], languages: Sequence[str]) -> list[str]:
    """What is wrong with a list of editions, as sentences (empty when it can be built)."""
    problems = []
    ids = [e.id for e in editions]
    folders = [e.folder for e in editions]
    for edition in editions:
        if not EDITION_ID_RE.match(edition.id):
            problems.append(f"edition id {edition.id!r} is not zh-Hans or zh-Hant with an optional region (zh-Hant-HK)")
        if edition.script == TRADITIONAL and edition.variant not in known_variants:
            problems.append(
                f"edition {edition.id}: variant {edition.variant!r} is not one of {', '.join(known_variants)}"
            )
        if edition.script == SIMPLIFIED and edition.variant:
            problems.append(f"edition {edition.id}: a simplified edition has no traditional variant")
        if not FOLDER_RE.match(edition.folder):
            problems.append(f"edition {edition.id}: folder {edition.folder!r} must be empty or one name ending in /")
        if edition.language not in languages:
            problems.append(f"edition {edition.id}: the theme has no interface language {edition.language!r}")
        if not edition.name.strip():
            problems.append(f"edition {edition.id}: give it a name the toggle can show")
    for what, values in (("id", ids), ("folder", folders)):
        repeated = sorted({v for v in values if values.count(v) > 1})
        if repeated:
            problems.append(f"two editions share the {what} {', '.join(map(repr, repeated))}")
    scripts = [e.script for e in editions]
    if scripts.count(SIMPLIFIED) != 1 or TRADITIONAL not in scripts:
        problems.append("the site needs exactly one simplified (zh-Hans) edition and at least one traditional")
    if "" not in folders:
        problems.append("one edition must sit at the site root (folder: '')")
    return problems


WORD_FIELDS = ("from", "to", "why")


def load_interface_words(path) -> dict[str, tuple[tuple[str, str], ...]]:
    """The tool's own wording per traditional variant (data/interface_words.yaml): `{variant: [{from, to, why}]}`."""
    import yaml

    from build_tools.core.diagnostics import InputError

    hint = "write `tw: [{from: 鏈接, to: 連結, why: …}]`, one list per variant"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise InputError(str(path), f"cannot be read: {error}", hint) from None
    if not isinstance(data, dict):
        raise InputError(str(path), "must map variants to lists of words", hint)
    words = {}
    for variant, entries in data.items():
        entries = entries or []
        if not isinstance(entries, list) or not all(
            isinstance(e, dict)
            and not unknown_keys(e, WORD_FIELDS)
            and all(isinstance(e.get(k), str) and e[k] for k in WORD_FIELDS)
            for e in entries
        ):
            raise InputError(str(path), f"variant {variant!r}: every entry needs `from`, `to` and `why`", hint)
        words[str(variant)] = tuple((e["from"], e["to"]) for e in entries)
    return words


def interface_wording(words: tuple[tuple[str, str], ...]) -> Callable[[str], str]:
    """Our own strings after conversion, in the edition's words (鏈接 → 連結 for Taiwan)."""

    def reword(text: str) -> str:
        for before, after in words:
            text = text.replace(before, after)
        return text

    return reword


def convert_article(article: Article, metadata: Metadata, convert: Callable[[str], str]) -> tuple[Article, Metadata]:
    """The article in another script; `convert` maps from the article's original script.  Everything a reader
    sees is converted like the title: the text, the byline fields and the source's own tags (front matter)."""
    blocks = tuple(map_block_texts(b, convert) for b in article.blocks)
    converted = replace(
        metadata,
        title=convert(metadata.title),
        authors=tuple(convert(a) for a in metadata.authors),
        source=convert(metadata.source),
        summary=convert(metadata.summary),
        byline=convert(metadata.byline),
        part_of=convert(metadata.part_of),
        tags=tuple(convert(t) for t in metadata.tags),
    )
    return replace(article, title=converted.title, blocks=blocks), converted
