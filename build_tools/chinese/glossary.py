"""The glossary: an editor-maintained YAML file, validated, and the term matcher.

Editors write `build_tools/data/glossary.yaml` by hand, so loading reports every problem at
once with the file, line, entry and field, instead of failing on the first.  Chinese has no
word boundaries, so terms are found by one compiled alternation of every surface form
(leftmost-longest, no overlaps, both scripts) rather than by `\\b` or Markdown's abbr.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import yaml
from pypinyin import Style
from pypinyin import pinyin as _pypinyin

from build_tools.chinese.slugs import slug
from build_tools.chinese.termcontext import false_hit
from build_tools.core.diagnostics import InputError
from build_tools.core.textutil import HAN_RE
from build_tools.core.yamlnodes import Problems, SyntaxMessage, YamlDocument, construct, is_text_list, parse_yaml

__all__ = [
    "Glossary",
    "GlossaryEntry",
    "GlossaryError",
    "TermMatch",
    "TermMatcher",
    "in_edition_forms",
    "shown_forms",
    "load_glossary",
]

FIELDS = ("term", "traditional", "variants", "pinyin", "gloss", "definition", "topic", "related", "exclude")
REQUIRED = ("term", "gloss", "definition")
TEXT_FIELDS = ("term", "traditional", "pinyin", "gloss", "definition")
LIST_FIELDS = ("variants", "related", "exclude")
SENTENCE_END = re.compile(r"(?<=[。！？!?])")
SEPARATORS = re.compile(r"[\s'’\-]")
TONE_MARKS = {"\u0300", "\u0301", "\u0304", "\u030c"}  # grave, acute, macron, caron; ü keeps its diaeresis


class GlossaryError(InputError):
    """All problems of a glossary file, each `path:line: entry 'x', field 'y': problem — fix`."""


@dataclass(frozen=True)
class GlossaryEntry:
    term: str  # simplified
    traditional: str
    variants: tuple[str, ...]  # as written in the file
    forms: tuple[str, ...]  # every surface form that links here, both scripts, stable order
    pinyin: str
    gloss: str
    definition: str  # simplified
    topic: bool
    related: tuple[str, ...]
    exclude: tuple[str, ...]  # as written plus their other-script forms
    slug: str  # ASCII page address, the toneless pinyin: qia-bo-zi
    traditional_given: bool = False  # written by the editor (else derived; the edition's converter decides)


@dataclass(frozen=True)
class TermMatch:
    start: int
    end: int
    term: str  # the entry's simplified term
    form: str  # the text found, text[start:end]


class TermMatcher:
    """Finds glossary terms in running Chinese text: leftmost-longest, non-overlapping.

    One regex alternation jumps to the next position where some form starts; there the forms
    starting with that character are tried longest first, and the first one not inside one of
    its entry's `exclude` contexts, nor a false hit by the general context rules (termcontext.py:
    inside a 《》 title, an organisation's name, after a negating prefix) wins.  When every candidate is excluded
    the scan moves on
    one character, so a later real occurrence (or another term inside the context) is found.
    """

    def __init__(self, entries: Iterable[GlossaryEntry], word_boundaries: bool = True):
        self._words = _WordBoundaries() if word_boundaries else None
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
        if self._words is not None:
            self._words.add(forms)

    def find(self, text: str) -> list[TermMatch]:
        """Every term occurrence in `text`, in order; offsets index `text` itself."""
        found: list[TermMatch] = []
        if self._pattern is None:
            return found
        search, position = self._pattern.search, 0
        inside_word = self._words.inside(text) if self._words is not None else _never
        while (hit := search(text, position)) is not None:
            start = hit.start()
            for form in self._by_first[text[start]]:
                end = start + len(form)
                term = self._term[form]
                if (
                    text.startswith(form, start)
                    and _stands_alone(text, start, end)
                    and not inside_word(start, end)
                    and not self._excluded(text, start, end, term)
                    and not false_hit(text, start, end)
                ):
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
        return any(
            text.find(context, max(0, end - len(context)), start + len(context)) >= 0
            for context in self._exclude.get(term, ())
        )


def _never(start: int, end: int) -> bool:
    return False


class _WordBoundaries:
    """Chinese has no spaces, so a term's edges are jieba's word boundaries: 芯片战 is not marked in
    芯片战略 (芯片/战略), where it is only the first characters of another word: a term whose edge cuts
    one of jieba's words, and whose cut leaves a lone character, is inside a longer word.  The glossary's forms are
    in jieba's dictionary (at jieba's own suggested frequency, so they win only where they are words);
    traditional text is segmented through a character-for-character simplified copy, since jieba's
    dictionary is simplified."""

    def __init__(self) -> None:
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        self._jieba = jieba.Tokenizer()
        self._forms: list[str] = []
        self._ready = False

    def add(self, forms: Iterable[str]) -> None:
        self._forms += [f for f in forms if HAN_RE.search(f)]

    def _tokenizer(self):
        if not self._ready:
            to_simplified = _opencc("t2s")
            for form in dict.fromkeys(to_simplified(f) for f in self._forms):
                self._jieba.add_word(form)
            self._ready = True
        return self._jieba

    def inside(self, text: str) -> Callable[[int, int], bool]:
        """For `text`: whether [start, end) cuts through a word at either Han edge."""
        simplified = _opencc("t2s")(text)
        if len(simplified) != len(text):
            return _never
        cuts = {0, len(text)}
        for _, begin, finish in self._tokenizer().tokenize(simplified):
            cuts.update((begin, finish))

        def han(i: int) -> bool:
            return 0 <= i < len(text) and bool(HAN_RE.match(text[i]))

        def orphan(piece: str, last: bool) -> bool:
            """Whether cutting here leaves a lone character (略 of 芯片战|略): a cut jieba's words allow
            (出海|选在, where jieba alone reads 海选) leaves a word on the other side."""
            words = [w for w, _, _ in self._tokenizer().tokenize(piece)] if piece else []
            return bool(words) and len(words[-1 if last else 0]) == 1 and bool(HAN_RE.match(words[-1 if last else 0]))

        def inside(start: int, end: int) -> bool:
            """Only the term's end is checked: at its start, jieba's words cross real terms too often
            (在内|卷 of 在内卷, 计|算力 is rare by comparison), measured on the shared corpus."""
            del start
            return end not in cuts and han(end - 1) and han(end) and orphan(simplified[end : end + 8], last=False)

        return inside


def _stands_alone(text: str, start: int, end: int) -> bool:
    """Latin forms (AGI) must not be part of a longer Latin word (MAGIC); Han forms need no boundary."""

    def latin(ch: str) -> bool:
        return ch.isascii() and ch.isalnum()

    return not (latin(text[start]) and start > 0 and latin(text[start - 1])) and not (
        latin(text[end - 1]) and end < len(text) and latin(text[end])
    )


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
    from build_tools.chinese.opencc_engine import plain_converter

    return plain_converter(config)


def _both_scripts(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys((text, _opencc("s2t")(text), _opencc("t2s")(text))))


def shown_forms(entry: GlossaryEntry, convert: Callable[[str], str]) -> tuple[str, ...]:
    """The forms a reader may meet, as an edition lists them: simplified ones in the edition's writing
    (`convert`), traditional ones as written — converting 擴展 as if it were simplified gives 擴充套件."""
    return tuple(dict.fromkeys(convert(f) if _opencc("t2s")(f) == f else f for f in entry.forms))


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
    options = [
        sorted({SEPARATORS.sub("", _toneless(r)) for r in token}, key=len, reverse=True)
        for token in _pypinyin(term, style=Style.NORMAL, heteronym=True)
    ]

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


def _sentences(text: str) -> int:
    return sum(1 for part in SENTENCE_END.split(text) if re.search(r"\w", part))


def _kind(value: object) -> str:
    return {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "text",
        list: "a list",
        dict: "a mapping",
        type(None): "nothing",
    }.get(type(value), type(value).__name__)


# -- loading and validation --------------------------------------------------------------------

GLOSSARY_SYNTAX = SyntaxMessage(
    "YAML syntax error", "fix the syntax (quote text that contains ': ' or ' #', close every bracket)"
)
SHAPE = "the file must be a mapping with one field, `terms:`, holding a list of entries"
SHAPE_HINT = "see its header"


def load_glossary(path: Path) -> Glossary:
    """Read and validate the glossary; raises GlossaryError with every problem, in file order."""
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise GlossaryError(
            name, f"cannot read the glossary: {error}", "check the path and save it as UTF-8", line=1
        ) from None
    document = parse_yaml(text, name, GLOSSARY_SYNTAX, error_type=GlossaryError)
    problems = Problems(document)
    terms_node = _terms_node(document, problems)
    if terms_node is None:
        raise GlossaryError(diagnostics=problems.found)
    entries: list[GlossaryEntry] = []
    lines: dict[str, int] = {}
    for number, node in enumerate(terms_node.value, 1):
        entry = _entry(node, number, problems, entries, lines)
        if entry is not None:
            entries.append(entry)
            lines[entry.term] = document.line(node)
    _check_across(entries, lines, problems)
    problems.raise_any(GlossaryError, in_line_order=True)
    entries.sort(key=lambda e: (e.slug.replace("-", " "), e.pinyin, e.term))  # the slug is the toneless pinyin
    return Glossary(tuple(entries))


def _terms_node(document: YamlDocument, problems: Problems) -> yaml.SequenceNode | None:
    """The `terms:` list node, or None with the reason first; unknown top-level fields are problems too."""
    root = document.root
    if not isinstance(root, yaml.MappingNode):
        problems.add(root, SHAPE, SHAPE_HINT)
        return None
    lists = [value for key, value in root.value if key.value == "terms" and isinstance(value, yaml.SequenceNode)]
    if not lists:
        problems.add(root, "no `terms:` list", f"{SHAPE} — {SHAPE_HINT}")
    for key in (key for key, _ in root.value if key.value != "terms"):
        problems.add(key, f"unknown top-level field '{key.value}'", f"{SHAPE} — {SHAPE_HINT}")
    return lists[-1] if lists else None


@dataclass
class _EntryProblems:
    """Reports problems of one entry, naming it and the field; remembers which fields are broken."""

    problems: Problems
    node: yaml.Node
    label: str
    broken: set[str]

    def __call__(self, field: str, what: str, fix: str) -> None:
        self.broken.add(field)
        self.problems.add(self.node, f"entry {self.label}, field '{field}': {what}", fix)


def _entry(
    node: yaml.Node, number: int, problems: Problems, earlier: list[GlossaryEntry], lines: dict[str, int]
) -> GlossaryEntry | None:
    """One entry, its problems recorded; None when it is too broken to check against the others."""
    if not isinstance(node, yaml.MappingNode):
        problems.add(
            node,
            f"entry #{number}: not a mapping of fields",
            "write `- term: …` followed by its fields, as in the header",
        )
        return None
    label = next(
        (
            f"'{v.value.strip()}'"
            for k, v in node.value
            if k.value == "term" and isinstance(v, yaml.ScalarNode) and v.value.strip()
        ),
        f"#{number}",
    )
    problem = _EntryProblems(problems, node, label, set())
    raw = _raw_fields(node, problem)
    _check_types(raw, problem)
    if not (raw.get("term") or "").strip():
        return None  # nothing to check the other entries against
    term = raw["term"].strip()
    simplified = _opencc("t2s")(term)
    if simplified != term:
        problem(
            "term",
            f"'{term}' is not in simplified characters",
            f"write '{simplified}' as the term and '{term}' as `traditional`",
        )
    traditional = (raw.get("traditional") or "").strip() or _opencc("s2t")(term)
    variants = tuple(v.strip() for v in raw.get("variants", []))
    if not _check_clashes(term, traditional, variants, earlier, lines, problem):
        return None
    forms = tuple(dict.fromkeys(form for written in (term, traditional, *variants) for form in _both_scripts(written)))
    definition, gloss = raw["definition"].strip(), raw["gloss"].strip()
    _check_texts(definition, gloss, problem)
    exclude = _exclude(raw.get("exclude", []), forms, problem)
    reading, slug = _reading(term, (raw.get("pinyin") or "").strip(), problem)
    return GlossaryEntry(
        term=term,
        traditional=traditional,
        variants=variants,
        forms=forms,
        pinyin=reading,
        gloss=gloss,
        definition=definition,
        topic=bool(raw.get("topic", False)),
        related=tuple(r.strip() for r in raw.get("related", [])),
        exclude=exclude,
        slug=slug,
        traditional_given=bool((raw.get("traditional") or "").strip()),
    )


def _raw_fields(node: yaml.MappingNode, problem: _EntryProblems) -> dict[str, Any]:
    """field → value as YAML reads it; unknown, repeated and unreadable fields are reported and left out."""
    raw: dict[str, Any] = {}
    for key, value in node.value:
        field = str(key.value)
        if field not in FIELDS:
            problem(field, "unknown field", f"use only {', '.join(FIELDS)}")
        elif field in raw:
            problem(field, "given twice", "keep one")
        else:
            try:
                raw[field] = construct(value)
            except yaml.YAMLError as error:
                problem(field, f"unreadable value ({getattr(error, 'problem', error)})", "quote it")
    return raw


def _check_types(raw: dict[str, Any], problem: _EntryProblems) -> None:
    """Each field of the right kind, required ones present; a wrong value is reported and dropped."""
    for field in TEXT_FIELDS:
        value = raw.get(field)
        if value is not None and not isinstance(value, str):
            problem(field, f"must be text, not {_kind(value)}", "write it as text (quote numbers)")
            raw.pop(field)
        elif field in ("traditional", "pinyin") and field in raw and not (value or "").strip():
            problem(field, "empty", "write it or leave the field out")
            raw.pop(field)
    for field in REQUIRED:
        if not (raw.get(field) or "").strip() and field not in problem.broken:
            problem(
                field, "missing or empty", f"write the {field}" + (" (1–3 sentences)" if field == "definition" else "")
            )
        raw[field] = raw.get(field) or ""
    for field in LIST_FIELDS:
        if field in raw and not is_text_list(raw[field], non_blank=True):
            problem(
                field, f"must be a list of non-empty text, not {_kind(raw[field])}", f"write e.g. {field}: [甲, 乙]"
            )
            raw.pop(field)
    if "topic" in raw and not isinstance(raw["topic"], bool):
        problem("topic", f"must be true or false, not {_kind(raw['topic'])}", "write topic: true (or leave it out)")
        raw.pop("topic")


def _check_clashes(
    term: str,
    traditional: str,
    variants: tuple[str, ...],
    earlier: list[GlossaryEntry],
    lines: dict[str, int],
    problem: _EntryProblems,
) -> bool:
    """Each form belongs to one entry only; False when the term itself repeats an earlier entry."""
    for field, values in (("term", [term]), ("traditional", [traditional]), ("variants", variants)):
        for value in values:
            clash = next((e for e in earlier if set(_both_scripts(value)) & set(e.forms)), None)
            if clash is not None and field == "term" and clash.term == term:
                problem(
                    "term",
                    f"duplicate term: '{term}' is already defined at line {lines[term]}",
                    "merge the two entries into one",
                )
                return False
            if clash is not None:
                problem(
                    field,
                    f"'{value}' is already a form of entry '{clash.term}' (line {lines[clash.term]})",
                    "keep each term and form in one entry only",
                )
    return True


def _check_texts(definition: str, gloss: str, problem: _EntryProblems) -> None:
    """A short Chinese definition and an English gloss."""
    if _sentences(definition) > 3:
        problem("definition", f"{_sentences(definition)} sentences", "shorten it to at most three sentences")
    if definition and not HAN_RE.search(definition):
        problem("definition", "not written in Chinese", "write the definition in plain simplified Chinese")
    if HAN_RE.search(gloss):
        problem("gloss", "contains Chinese characters", "write the gloss in English; Chinese belongs in `definition`")


def _exclude(written: list[str], forms: tuple[str, ...], problem: _EntryProblems) -> tuple[str, ...]:
    """The exclude contexts in both scripts; each must contain a form of the term."""
    for context in written:
        if not any(form in context for form in forms):
            problem(
                "exclude",
                f"'{context}' contains no form of the term",
                "an exclude context is the text around a false hit, so it must include the term",
            )
    return tuple(dict.fromkeys(form for context in written for form in _both_scripts(context.strip())))


def _reading(term: str, reading: str, problem: _EntryProblems) -> tuple[str, str]:
    """(pinyin, page address): the editor's reading, checked against the term, else pypinyin's."""
    if reading:
        syllables = _split_reading(term, reading)
        if syllables is None:
            problem(
                "pinyin",
                f"'{reading}' does not read '{term}'",
                "write one syllable per character with tone marks, e.g. 卡脖子: qiǎ bózi",
            )
            syllables = [reading]
    else:
        reading = " ".join(token[0] for token in _pypinyin(term, style=Style.TONE))
        syllables = _toneless(reading).split()
    address = slug(syllables)
    if not address:
        problem("pinyin", "gives an empty page address", "give a pinyin made of Latin letters")
    return reading, address


def in_edition_forms(glossary: Glossary, to_traditional: Callable[[str], str]) -> Glossary:
    """The glossary with its traditional forms as the traditional edition writes them.

    Loading derives them with OpenCC's generic standard (爲, 羣 …); the edition may use another
    (為, 群 under Taiwan characters, 晶片 with Taiwan phrasing) and protects names, so the forms
    shown and matched come from the edition's own converter, with the same rules and names."""
    entries = []
    for entry in glossary.entries:
        traditional = to_traditional(entry.term)
        written = (traditional, *(to_traditional(v) for v in entry.variants))
        entries.append(
            replace(
                entry,
                traditional=traditional,
                forms=tuple(dict.fromkeys(entry.forms + written)),
                exclude=tuple(dict.fromkeys(entry.exclude + tuple(map(to_traditional, entry.exclude)))),
            )
        )
    return Glossary(tuple(entries))


def _check_across(entries: list[GlossaryEntry], lines: dict[str, int], problems: Problems) -> None:
    """Checks between entries: `related` names another real entry; page addresses are unique."""
    known = {entry.term for entry in entries}
    slugs: dict[str, str] = {}
    for entry in entries:
        line, prefix = lines[entry.term], f"entry '{entry.term}'"
        for other in entry.related:
            if other == entry.term:
                problems.at(line, f"{prefix}, field 'related': names the entry itself", f"remove '{other}'")
            elif other not in known:
                problems.at(
                    line,
                    f"{prefix}, field 'related': unknown term '{other}'",
                    "name another entry's `term` (simplified), or add that entry",
                )
        if entry.slug in slugs:
            first = slugs[entry.slug]
            problems.at(
                line,
                f"{prefix}, field 'pinyin': page address '{entry.slug}' is already used by '{first}' "
                f"(line {lines[first]})",
                "check both readings; terms that read alike cannot both have a page, so merge them or keep one",
            )
        slugs.setdefault(entry.slug, entry.term)
