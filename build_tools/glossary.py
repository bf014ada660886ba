"""The glossary: an editor-maintained YAML file, validated, and the term matcher.

Chinese has no word boundaries, so terms are found with one compiled alternation
of every form (longest first): leftmost-longest, no overlaps, in either script.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from opencc import OpenCC
from pypinyin import Style, lazy_pinyin, pinyin

FIELDS = {"term", "traditional", "variants", "pinyin", "gloss", "definition", "topic", "related", "exclude"}
REQUIRED = ("term", "gloss", "definition")
_S2T, _T2S = OpenCC("s2t"), OpenCC("t2s")


class GlossaryError(Exception):
    """All problems of a glossary file, one `path:line: entry 'x', field 'y': problem — fix` per line."""


@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    traditional: str
    variants: tuple[str, ...]
    forms: tuple[str, ...]
    pinyin: str
    gloss: str
    definition: str
    topic: bool
    related: tuple[str, ...]
    exclude: tuple[str, ...]
    slug: str


@dataclass(frozen=True)
class TermMatch:
    start: int
    end: int
    term: str
    form: str


class TermMatcher:
    def __init__(self, entries: tuple[GlossaryEntry, ...]):
        self.by_form = {}
        self.excludes = {}
        for entry in entries:
            for form in entry.forms:
                self.by_form.setdefault(form, entry.term)
            self.excludes[entry.term] = entry.exclude
        forms = sorted(self.by_form, key=len, reverse=True)
        self.pattern = re.compile("|".join(map(re.escape, forms))) if forms else None

    def _excluded(self, text: str, start: int, end: int, term: str) -> bool:
        for context in self.excludes.get(term, ()):
            for match in re.finditer(re.escape(context), text):
                if match.start() <= start and end <= match.end():
                    return True
        return False

    def find(self, text: str) -> list[TermMatch]:
        if self.pattern is None:
            return []
        found, position = [], 0
        while True:
            match = self.pattern.search(text, position)
            if match is None:
                return found
            term = self.by_form[match.group(0)]
            if self._excluded(text, match.start(), match.end(), term):
                position = match.start() + 1
                continue
            found.append(TermMatch(match.start(), match.end(), term, match.group(0)))
            position = match.end()


@dataclass(frozen=True)
class Glossary:
    entries: tuple[GlossaryEntry, ...]

    def get(self, term: str) -> GlossaryEntry | None:
        return next((e for e in self.entries if e.term == term), None)

    def topics(self) -> tuple[GlossaryEntry, ...]:
        return tuple(e for e in self.entries if e.topic)

    def matcher(self) -> TermMatcher:
        return TermMatcher(self.entries)


def _slug(term: str) -> str:
    return "-".join(re.sub(r"[^a-z0-9]", "", w.lower()) for w in lazy_pinyin(term) if re.sub(r"[^a-z0-9]", "", w.lower()))


def load_glossary(path: Path) -> Glossary:
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise GlossaryError(f"{name}:0: cannot read the glossary: {error} — check the path")
    try:
        node = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise GlossaryError(f"{name}:{mark.line + 1 if mark else 0}: malformed YAML: {getattr(error, 'problem', error)} — fix the syntax")
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
        raise GlossaryError(f"{name}:1: the glossary must have a `terms:` list — see the header of the file")
    terms_node = next(v for k, v in node.value if k.value == "terms")
    problems: list[str] = []
    entries: list[GlossaryEntry] = []
    owner: dict[str, str] = {}
    for item, item_node in zip(data["terms"], terms_node.value):
        line = item_node.start_mark.line + 1
        label = item.get("term") if isinstance(item, dict) else None

        def problem(field: str, message: str, fix: str) -> None:
            problems.append(f"{name}:{line}: entry '{label}', field '{field}': {message} — {fix}")

        if not isinstance(item, dict):
            problems.append(f"{name}:{line}: an entry must be a mapping of fields — see the header")
            continue
        for key in sorted(set(item) - FIELDS):
            problem(key, "unknown field", f"use {', '.join(sorted(FIELDS))}")
        bad = False
        for key in REQUIRED:
            if not isinstance(item.get(key), str) or not item.get(key).strip():
                problem(key, "missing or empty", "write it"); bad = True
        for key in ("variants", "related", "exclude"):
            if key in item and not (isinstance(item[key], list) and all(isinstance(v, str) and v for v in item[key])):
                problem(key, "must be a list of non-empty text", "write e.g. [a, b]"); bad = True
        for key in ("traditional", "pinyin"):
            if key in item and not (isinstance(item[key], str) and item[key].strip()):
                problem(key, "must be non-empty text", "write it or leave the field out"); bad = True
        if "topic" in item and not isinstance(item["topic"], bool):
            problem("topic", "must be true or false", "write topic: true"); bad = True
        if bad:
            continue
        if item["term"].strip() in {e.term for e in entries}:
            problem("term", "duplicate term: another entry already defines it", "merge the two entries")
            continue
        definition = item["definition"].strip()
        if len(re.findall(r"[。！？]", definition)) > 3:
            problem("definition", "longer than three sentences", "shorten it")
        term = item["term"].strip()
        traditional = item.get("traditional") or _S2T.convert(term)
        variants = tuple(item.get("variants", []))
        forms = []
        for form in (term, traditional, *variants):
            for each in (form, _S2T.convert(form), _T2S.convert(form)):
                if each not in forms:
                    forms.append(each)
        for form in forms:
            if form in owner and owner[form] != term:
                problem("term" if form == term else "variants", f"form '{form}' already belongs to '{owner[form]}'",
                        "keep each term and form in one entry only")
            owner.setdefault(form, term)
        reading = item.get("pinyin") or " ".join(s[0] for s in pinyin(term, style=Style.TONE))
        exclude = []
        for context in item.get("exclude", []):
            for each in (context, _S2T.convert(context), _T2S.convert(context)):
                if each not in exclude:
                    exclude.append(each)
        entries.append(GlossaryEntry(term, traditional, variants, tuple(forms), reading, item["gloss"].strip(), definition,
                                     bool(item.get("topic", False)), tuple(item.get("related", [])), tuple(exclude), _slug(term)))
    known = {e.term for e in entries}
    slugs: dict[str, str] = {}
    for entry, item_node in zip(entries, terms_node.value):
        line = item_node.start_mark.line + 1
        for related in entry.related:
            if related not in known or related == entry.term:
                problems.append(f"{name}:{line}: entry '{entry.term}', field 'related': unknown term '{related}' — "
                                "name another entry's `term`")
        if entry.slug in slugs:
            problems.append(f"{name}:{line}: entry '{entry.term}', field 'term': its address '{entry.slug}' is also "
                            f"'{slugs[entry.slug]}'s — set a different pinyin")
        slugs[entry.slug] = entry.term
    if problems:
        raise GlossaryError("\n".join(problems))
    ordered = sorted(entries, key=lambda e: (" ".join(lazy_pinyin(e.term)), e.pinyin, e.term))
    return Glossary(tuple(ordered))
