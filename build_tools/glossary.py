"""The glossary: an editor-maintained YAML file, validated, and the term matcher.

Editors write `build_tools/data/glossary.yaml` by hand, so loading reports every problem at
once with the file, line, entry and field, instead of failing on the first.  Chinese has no
word boundaries, so terms are found by one compiled alternation of every surface form
(leftmost-longest, no overlaps, both scripts) rather than by `\\b` or Markdown's abbr.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any, Callable, Iterable

import yaml
from pypinyin import Style, pinyin as _pypinyin

from .termcontext import false_hit

__all__ = ["Glossary", "GlossaryEntry", "GlossaryError", "TermMatch", "TermMatcher", "load_glossary"]

FIELDS = ("term", "traditional", "variants", "pinyin", "gloss", "definition", "topic", "related", "exclude")
REQUIRED = ("term", "gloss", "definition")
TEXT_FIELDS = ("term", "traditional", "pinyin", "gloss", "definition")
LIST_FIELDS = ("variants", "related", "exclude")
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
SENTENCE_END = re.compile(r"(?<=[。！？!?])")
SEPARATORS = re.compile(r"[\s'’\-]")
TONE_MARKS = {"\u0300", "\u0301", "\u0304", "\u030c"}  # grave, acute, macron, caron; ü keeps its diaeresis


class GlossaryError(Exception):
    """All problems of a glossary file, one `path:line: entry 'x', field 'y': problem — fix` per line."""


@dataclass(frozen=True)
class GlossaryEntry:
    term: str                  # simplified
    traditional: str
    variants: tuple[str, ...]  # as written in the file
    forms: tuple[str, ...]     # every surface form that links here, both scripts, stable order
    pinyin: str
    gloss: str
    definition: str            # simplified
    topic: bool
    related: tuple[str, ...]
    exclude: tuple[str, ...]   # as written plus their other-script forms
    slug: str                  # ASCII page address, the toneless pinyin: qia-bo-zi


@dataclass(frozen=True)
class TermMatch:
    start: int
    end: int
    term: str   # the entry's simplified term
    form: str   # the text found, text[start:end]


class TermMatcher:
    """Finds glossary terms in running Chinese text: leftmost-longest, non-overlapping.

    One regex alternation jumps to the next position where some form starts; there the forms
    starting with that character are tried longest first, and the first one not inside one of
    its entry's `exclude` contexts, nor a false hit by the general context rules (termcontext.py:
    inside a 《》 title, an organisation's name, after a negating prefix) wins.  When every candidate is excluded the scan moves on
    one character, so a later real occurrence (or another term inside the context) is found.
    """

    def __init__(self, entries: Iterable[GlossaryEntry]):
        self._term: dict[str, str] = {}
        self._exclude: dict[str, tuple[str, ...]] = {}
        for entry in entries:
            for form in entry.forms:
                self._term.setdefault(form, entry.term)
            if entry.exclude:
                self._exclude[entry.term] = entry.exclude
        forms = sorted(self._term, key=lambda f: (-len(f), f))
        self._by_first: dict[str, list[str]] = {}
        for form in forms:
            self._by_first.setdefault(form[0], []).append(form)
        self._pattern = re.compile("|".join(map(re.escape, forms))) if forms else None

    def find(self, text: str) -> list[TermMatch]:
        """Every term occurrence in `text`, in order; offsets index `text` itself."""
        found: list[TermMatch] = []
        if self._pattern is None:
            return found
        search, position = self._pattern.search, 0
        while (hit := search(text, position)) is not None:
            start = hit.start()
            for form in self._by_first[text[start]]:
                end = start + len(form)
                term = self._term[form]
                if text.startswith(form, start) and _stands_alone(text, start, end) \
                        and not self._excluded(text, start, end, term) and not false_hit(text, start, end):
                    found.append(TermMatch(start, end, term, form))
                    position = end
                    break
            else:
                position = start + 1
        return found

    def _excluded(self, text: str, start: int, end: int, term: str) -> bool:
        """True when [start, end) lies inside an occurrence of one of the term's exclude contexts.

        Only the window where such an occurrence could sit is searched, so the cost does not
        grow with the length of the text.
        """
        return any(text.find(context, max(0, end - len(context)), start + len(context)) >= 0
                   for context in self._exclude.get(term, ()))


def _stands_alone(text: str, start: int, end: int) -> bool:
    """Latin forms (AGI) must not be part of a longer Latin word (MAGIC); Han forms need no boundary."""
    def latin(ch: str) -> bool:
        return ch.isascii() and ch.isalnum()
    return not (latin(text[start]) and start > 0 and latin(text[start - 1])) and \
        not (latin(text[end - 1]) and end < len(text) and latin(text[end]))


@dataclass(frozen=True)
class Glossary:
    entries: tuple[GlossaryEntry, ...]  # sorted by pinyin (toneless, then with tones), then term

    def get(self, term: str) -> GlossaryEntry | None:
        return self._index.get(term)

    def topics(self) -> tuple[GlossaryEntry, ...]:
        return tuple(entry for entry in self.entries if entry.topic)

    def matcher(self) -> TermMatcher:
        """Built once per glossary: compiling the alternation is the expensive part."""
        return self._matcher

    @cached_property
    def _index(self) -> dict[str, GlossaryEntry]:
        return {entry.term: entry for entry in self.entries}

    @cached_property
    def _matcher(self) -> TermMatcher:
        return TermMatcher(self.entries)


# -- script forms and pinyin -------------------------------------------------------------------

def _opencc(config: str) -> Callable[[str], str]:
    """OpenCC only derives the other-script forms of terms; the site's own conversion is convert.py's."""
    from .convert import plain_converter
    return plain_converter(config)


def _both_scripts(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys((text, _opencc("s2t")(text), _opencc("t2s")(text))))


def _toneless(syllables: str) -> str:
    """qiǎ bózi → qia bozi; ü becomes v, as in URLs and input methods."""
    decomposed = unicodedata.normalize("NFD", syllables.lower())
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS))
    return bare.replace("ü", "v")


def _split_reading(term: str, reading: str) -> list[str] | None:
    """The toneless syllables of `reading`, one per character of `term`; None when it does not read the term.

    Checked against every reading pypinyin knows for each character, so an override may pick
    the other reading of a polyphone (卡 qiǎ) but a typo or a wrong character count is caught.
    """
    wanted = SEPARATORS.sub("", _toneless(reading))
    options = [sorted({SEPARATORS.sub("", _toneless(r)) for r in token}, key=len, reverse=True)
               for token in _pypinyin(term, style=Style.NORMAL, heteronym=True)]

    @cache
    def split(token: int, offset: int) -> tuple[str, ...] | None:
        if token == len(options):
            return () if offset == len(wanted) else None
        for syllable in options[token]:
            if syllable and wanted.startswith(syllable, offset):
                rest = split(token + 1, offset + len(syllable))
                if rest is not None:
                    return (syllable, *rest)
        return None

    result = split(0, 0)
    return list(result) if result is not None else None


def _slug(syllables: Iterable[str]) -> str:
    return "-".join(part for part in (re.sub(r"[^a-z0-9]", "", s.lower()) for s in syllables) if part)


def _sentences(text: str) -> int:
    return sum(1 for part in SENTENCE_END.split(text) if re.search(r"\w", part))


def _kind(value: object) -> str:
    return {bool: "true/false", int: "a number", float: "a number", str: "text", list: "a list",
            dict: "a mapping", type(None): "nothing"}.get(type(value), type(value).__name__)


# -- loading and validation --------------------------------------------------------------------

def load_glossary(path: Path) -> Glossary:
    """Read and validate the glossary; raises GlossaryError listing every problem, one per line."""
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise GlossaryError(f"{name}:1: cannot read the glossary: {error} — check the path and save it as UTF-8") from None
    try:
        loader = yaml.SafeLoader(text)
        root = loader.get_single_node()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        position = getattr(error, "position", None)
        line = mark.line + 1 if mark else text.count("\n", 0, position) + 1 if position is not None else 1
        problem = getattr(error, "problem", None) or getattr(error, "reason", None) or str(error)
        raise GlossaryError(f"{name}:{line}: YAML syntax error: {problem} — fix the syntax "
                            "(quote text that contains ': ' or ' #', close every bracket)") from None
    terms_node, problems = _terms_node(root, name)
    if terms_node is None:
        raise GlossaryError("\n".join(problems))
    entries: list[GlossaryEntry] = []
    lines: dict[str, int] = {}
    for number, node in enumerate(terms_node.value, 1):
        entry = _entry(node, number, name, loader, problems, entries, lines)
        if entry is not None:
            entries.append(entry)
            lines[entry.term] = node.start_mark.line + 1
    _check_across(entries, lines, name, problems)
    if problems:
        at_line = re.compile(rf"^{re.escape(name)}:(\d+):")
        problems.sort(key=lambda problem: int(at_line.match(problem).group(1)))  # stable: file order
        raise GlossaryError("\n".join(problems))
    entries.sort(key=lambda e: (e.slug.replace("-", " "), e.pinyin, e.term))  # the slug is the toneless pinyin
    return Glossary(tuple(entries))


def _terms_node(root: yaml.Node | None, name: str) -> tuple[yaml.SequenceNode | None, list[str]]:
    """The `terms:` list node, or None with the reason; unknown top-level fields are problems too."""
    shape = "the file must be a mapping with one field, `terms:`, holding a list of entries — see its header"
    if not isinstance(root, yaml.MappingNode):
        return None, [f"{name}:{root.start_mark.line + 1 if root is not None else 1}: {shape}"]
    found, problems = None, []
    for key, value in root.value:
        if key.value == "terms" and isinstance(value, yaml.SequenceNode):
            found = value
        elif key.value != "terms":
            problems.append(f"{name}:{key.start_mark.line + 1}: unknown top-level field '{key.value}' — {shape}")
    if found is None:
        return None, [f"{name}:{root.start_mark.line + 1}: no `terms:` list — {shape}"] + problems
    return found, problems


def _entry(node: yaml.Node, number: int, name: str, loader: yaml.SafeLoader, problems: list[str],
           earlier: list[GlossaryEntry], lines: dict[str, int]) -> GlossaryEntry | None:
    """One entry, its problems recorded; None when it is too broken to check against the others."""
    line = node.start_mark.line + 1
    if not isinstance(node, yaml.MappingNode):
        problems.append(f"{name}:{line}: entry #{number}: not a mapping of fields — write `- term: …` "
                        "followed by its fields, as in the header")
        return None
    label = next((f"'{v.value.strip()}'" for k, v in node.value
                  if k.value == "term" and isinstance(v, yaml.ScalarNode) and v.value.strip()), f"#{number}")
    broken: set[str] = set()

    def problem(field: str, what: str, fix: str) -> None:
        broken.add(field)
        problems.append(f"{name}:{line}: entry {label}, field '{field}': {what} — {fix}")

    raw: dict[str, Any] = {}
    for key, value in node.value:
        field = str(key.value)
        if field not in FIELDS:
            problem(field, "unknown field", f"use only {', '.join(FIELDS)}")
        elif field in raw:
            problem(field, "given twice", "keep one")
        else:
            try:
                raw[field] = loader.construct_object(value, deep=True)
            except yaml.YAMLError as error:
                problem(field, f"unreadable value ({getattr(error, 'problem', error)})", "quote it")
    for field in TEXT_FIELDS:
        value = raw.get(field)
        if value is not None and not isinstance(value, str):
            problem(field, f"must be text, not {_kind(value)}", "write it as text (quote numbers)")
            raw.pop(field)
        elif field in ("traditional", "pinyin") and field in raw and not (value or "").strip():
            problem(field, "empty", "write it or leave the field out")
            raw.pop(field)
    for field in REQUIRED:
        if not (raw.get(field) or "").strip() and field not in broken:
            problem(field, "missing or empty", f"write the {field}" + (" (1–3 sentences)" if field == "definition" else ""))
        raw[field] = raw.get(field) or ""
    for field in LIST_FIELDS:
        if field in raw and not (isinstance(raw[field], list) and all(isinstance(v, str) and v.strip() for v in raw[field])):
            problem(field, f"must be a list of non-empty text, not {_kind(raw[field])}", f"write e.g. {field}: [甲, 乙]")
            raw.pop(field)
    if "topic" in raw and not isinstance(raw["topic"], bool):
        problem("topic", f"must be true or false, not {_kind(raw['topic'])}", "write topic: true (or leave it out)")
        raw.pop("topic")
    if not (raw.get("term") or "").strip():
        return None  # nothing to check the other entries against

    term = raw["term"].strip()
    simplified = _opencc("t2s")(term)
    if simplified != term:
        problem("term", f"'{term}' is not in simplified characters", f"write '{simplified}' as the term and '{term}' as `traditional`")
    traditional = (raw.get("traditional") or "").strip() or _opencc("s2t")(term)
    variants = tuple(v.strip() for v in raw.get("variants", []))
    clash_fields = (("term", [term]), ("traditional", [traditional]), ("variants", variants))
    for field, values in clash_fields:
        for value in values:
            clash = next((e for e in earlier if set(_both_scripts(value)) & set(e.forms)), None)
            if clash is not None and field == "term" and clash.term == term:
                problem("term", f"duplicate term: '{term}' is already defined at line {lines[term]}", "merge the two entries into one")
                return None
            if clash is not None:
                problem(field, f"'{value}' is already a form of entry '{clash.term}' (line {lines[clash.term]})",
                        "keep each term and form in one entry only")
    forms = tuple(dict.fromkeys(form for written in (term, traditional, *variants) for form in _both_scripts(written)))

    definition, gloss = raw["definition"].strip(), raw["gloss"].strip()
    if _sentences(definition) > 3:
        problem("definition", f"{_sentences(definition)} sentences", "shorten it to at most three sentences")
    if definition and not HAN.search(definition):
        problem("definition", "not written in Chinese", "write the definition in plain simplified Chinese")
    if HAN.search(gloss):
        problem("gloss", "contains Chinese characters", "write the gloss in English; Chinese belongs in `definition`")

    exclude = tuple(dict.fromkeys(form for written in raw.get("exclude", []) for form in _both_scripts(written.strip())))
    for context in raw.get("exclude", []):
        if not any(form in context for form in forms):
            problem("exclude", f"'{context}' contains no form of the term",
                    "an exclude context is the text around a false hit, so it must include the term")

    reading = (raw.get("pinyin") or "").strip()
    if reading:
        syllables = _split_reading(term, reading)
        if syllables is None:
            problem("pinyin", f"'{reading}' does not read '{term}'",
                    "write one syllable per character with tone marks, e.g. 卡脖子: qiǎ bózi")
            syllables = [reading]
    else:
        reading = " ".join(token[0] for token in _pypinyin(term, style=Style.TONE))
        syllables = _toneless(reading).split()
    slug = _slug(syllables)
    if not slug:
        problem("pinyin", "gives an empty page address", "give a pinyin made of Latin letters")
    return GlossaryEntry(term=term, traditional=traditional, variants=variants, forms=forms, pinyin=reading,
                         gloss=gloss, definition=definition, topic=bool(raw.get("topic", False)),
                         related=tuple(r.strip() for r in raw.get("related", [])), exclude=exclude, slug=slug)


def _check_across(entries: list[GlossaryEntry], lines: dict[str, int], name: str, problems: list[str]) -> None:
    """Checks between entries: `related` names another real entry; page addresses are unique."""
    known = {entry.term for entry in entries}
    slugs: dict[str, str] = {}
    for entry in entries:
        prefix = f"{name}:{lines[entry.term]}: entry '{entry.term}'"
        for other in entry.related:
            if other == entry.term:
                problems.append(f"{prefix}, field 'related': names the entry itself — remove '{other}'")
            elif other not in known:
                problems.append(f"{prefix}, field 'related': unknown term '{other}' — name another entry's `term` "
                                "(simplified), or add that entry")
        if entry.slug in slugs:
            first = slugs[entry.slug]
            problems.append(f"{prefix}, field 'pinyin': page address '{entry.slug}' is already used by '{first}' "
                            f"(line {lines[first]}) — check both readings; terms that read alike cannot both have a page, "
                            "so merge them or keep one")
        slugs.setdefault(entry.slug, entry.term)
