"""Names and protected strings: text that script conversion must leave as it is written.

OpenCC converts characters, and a surname is a character: 余承东 becomes 餘承東 ("surplus"),
何峰 becomes 何峯.  Editors list such names in data/protected_names.yaml (like MediaWiki's
`-{…}-`); the converter cuts them out before anything else runs, in both directions, and no
variant pass touches them.  Names nobody listed yet are found by `suspicious_names`: a
surname-position character that conversion turns into its common-word form (余 → 餘, 于 → 於,
范 → 範, 姜 → 薑 …).  A suspected name is protected by default (no build publishes a name the
tool itself suspected) and listed as a warning naming the seed and line; an editor who finds a
suspicion is not a name lists it under `not_names:` in the same file.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from build_tools.core.diagnostics import InputError
from build_tools.core.files import code_digest
from build_tools.core.model import SIMPLIFIED, TRADITIONAL, Block, Diagnostic
from build_tools.core.textutil import HAN as HAN_CLASS
from build_tools.core.textutil import HAN_RE
from build_tools.core.yamlnodes import Problems, SectionedFile, SyntaxMessage, entry_fields, read_sections, text_fields

SECTIONS = {"names": ("name", "traditional", "why"), "protected": ("keep", "why"), "not_names": ("text", "why")}
NAMES_FILE_HINT = "build_tools/data/protected_names.yaml"
HAN = HAN_RE
CODE_DIGEST = code_digest(__file__)[:12]  # part of the candidates' cache key

# Characters that are common surnames in simplified text and that OpenCC, reading them as
# ordinary words, writes as another traditional character (the surname keeps its form).
SURNAME_TRAPS: dict[str, str] = {
    "余": "餘",
    "于": "於",
    "范": "範",
    "姜": "薑",
    "谷": "穀",
    "卜": "蔔",
    "朴": "樸",
    "党": "黨",
    "郁": "鬱",
    "涂": "塗",
    "钟": "鐘",
    "岳": "嶽",
    "沈": "瀋",
    "曲": "麴",
    "冲": "衝",
    "蒋": "蔣",
}
PREPOSITIONS = {"于"}  # surnames that are also prepositions
PERSON_NAME_TAGS = ("nr",)  # jieba's part-of-speech tag for personal names (nr, nrfg, nrt …)
WINDOW_BEFORE, WINDOW_AFTER = 6, 6  # characters of context jieba sees around a surname, within its clause
CLAUSE_BREAK = re.compile(f"[^{HAN_CLASS}]")  # anything but a Han character ends the clause


class NamesError(InputError):
    """A malformed names file: every problem, each at its line."""


NAMES_FILE = SectionedFile(
    tuple(SECTIONS),
    "a list",
    "lists",
    "start each entry with `- `",
    SyntaxMessage("malformed YAML", "fix the syntax (one entry per line: `  - {name: 余承东, traditional: 余承東}`)"),
    NamesError,
)


@dataclass(frozen=True)
class ProtectedString:
    """A name or phrase written `simplified` in simplified text and `traditional` in traditional text."""

    simplified: str
    traditional: str
    line: int = 0


@dataclass(frozen=True)
class ProtectedNames:
    entries: tuple[ProtectedString, ...] = ()
    not_names: frozenset[str] = frozenset()  # suspicions an editor said are ordinary words
    suspected: tuple[ProtectedString, ...] = ()  # names this build suspected and protects by default

    @property
    def digest(self) -> str:
        """What the entries protect, suspicions included: a change here invalidates the conversion cache."""
        content = [[e.simplified, e.traditional] for e in (*self.entries, *self.suspected)]
        return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()

    @property
    def _all(self) -> tuple[ProtectedString, ...]:
        return (*self.entries, *self.suspected)

    def with_suspected(self, names: Iterable[SuspiciousName]) -> ProtectedNames:
        """These entries plus the suspected names, each written with its own surname in both editions."""
        known = {e.simplified for e in self._all}
        added = {n.name: ProtectedString(n.name, n.protected_form, n.line) for n in names if n.name not in known}
        return replace(self, suspected=(*self.suspected, *sorted(added.values(), key=lambda e: e.simplified)))

    def to_traditional(self) -> dict[str, str]:
        return {e.simplified: e.traditional for e in self._all}

    def to_simplified(self) -> dict[str, str]:
        return {e.traditional: e.simplified for e in self._all}

    def as_written_traditional(self) -> dict[str, str]:
        """In a traditional original, a protected string stays exactly as written."""
        return {e.traditional: e.traditional for e in self._all}

    def covers(self, text: str) -> bool:
        return text in self.not_names or any(e.simplified in text for e in self._all)


def _parse_entry(node: yaml.Node, section: str, problems: Problems) -> ProtectedString | None:
    allowed = SECTIONS[section]
    shape = {
        "names": "`{name: 余承东, traditional: 余承東}`",
        "protected": "`{keep: 某某, why: …}`",
        "not_names": "`{text: 余下, why: …}`",
    }[section]
    before = len(problems)
    fields = entry_fields(node, allowed, f"an entry in {section}", shape, problems)
    if fields is None:
        return None
    required = {"names": ("name",), "protected": ("keep", "why"), "not_names": ("text", "why")}[section]
    values = text_fields(node, fields, allowed, required, dict.fromkeys(required, f"write it as {shape}"), problems)
    if len(problems) > before:
        return None
    written = values.get("name") or values.get("keep") or values["text"]
    if not HAN.search(written):
        problems.add(node, f"`{written}` has no Chinese characters", "list only Chinese names and phrases")
        return None
    return ProtectedString(written, values.get("traditional") or written, problems.document.line(node))


def load_protected_names(path: Path) -> ProtectedNames:
    """The editors' names file; a missing file protects nothing, a malformed one names every problem's line."""
    found = read_sections(Path(path), NAMES_FILE)
    if found is None:
        return ProtectedNames()
    lists, problems = found
    entries: dict[str, ProtectedString] = {}
    not_names: dict[str, ProtectedString] = {}
    for section, node in lists.items():
        listed = not_names if section == "not_names" else entries
        for item in node.value if node is not None else ():
            entry = _parse_entry(item, section, problems)
            if entry is not None and entry.simplified in listed:
                problems.add(
                    item, f"`{entry.simplified}` is already listed at line {listed[entry.simplified].line}", "keep one"
                )
            elif entry is not None:
                listed[entry.simplified] = entry
    for text, entry in not_names.items():
        if text in entries:
            problems.at(entry.line, f"`{text}` is listed both as a name and as not a name", "keep one")
    problems.raise_any(NamesError, in_line_order=True)
    return ProtectedNames(tuple(entries.values()), frozenset(not_names))


# -- finding names nobody has listed yet ---------------------------------------------------------


@dataclass(frozen=True)
class SuspiciousName:
    name: str  # as written in the simplified original
    converted: str  # as the traditional edition would show it
    line: int

    @property
    def protected_form(self) -> str:
        """The name with its own surname, as the traditional edition now shows it."""
        return self.name[0] + self.converted[1:]

    def diagnostic(self, seed: str) -> Diagnostic:
        keep = self.protected_form
        return Diagnostic(
            seed,
            f"suspected name {self.name} protected: written {keep} in the traditional edition, "
            f"not {self.converted} (the surname {self.name[0]} would become {self.converted[0]})",
            f"confirm it with `- {{name: {self.name}, traditional: {keep}}}` under `names:`, or list "
            f"`- {{text: {self.name}, why: …}}` under `not_names:` if it is no name, in {NAMES_FILE_HINT}",
            self.line,
            "warning",
        )


def _jieba():
    """jieba, quiet and with its dictionary loaded (about a second, once, and only if a surname occurs)."""
    import jieba

    jieba.setLogLevel(60)
    jieba.dt.check_initialized()
    return jieba


# A character that is a locative or a function word after a surname-like character (范内, 余下, 于是):
# jieba's name tagger may call the pair a name, but no two-character name is given such a character.
NOT_A_GIVEN_NAME = set("内內外上下中里裡裏的了在和与與等及之其而或是")


def _person_names(window: str) -> Iterable[tuple[int, str, str]]:
    """(offset, name, tag of the word before) of each personal name jieba finds in a short stretch.

    jieba tags a whole name (余承东/nr) or, when the surname is also a word, the given name alone
    (余/m 大伟/nr, or 高管余/l 大伟/nr); a preposition-like surname (于) counts only in a whole
    name, since 于 before a name-like word is nearly always the preposition (用于/卫星).  Words of
    jieba's own dictionary are vocabulary even when tagged as names (范畴 is), and OpenCC's phrase
    tables know the famous names it lists, so those do not count."""
    _jieba()  # quiet, with its dictionary loaded
    import jieba.posseg

    words = list(jieba.posseg.cut(window))
    offset = 0
    for index, (word, tag) in enumerate(words):
        previous = words[index - 1].flag if index else ""
        following = words[index + 1] if index + 1 < len(words) else None
        if len(word) == 2 and word[1] in NOT_A_GIVEN_NAME:
            pass
        elif tag.startswith(PERSON_NAME_TAGS) and 2 <= len(word) <= 4 and not jieba.dt.FREQ.get(word):
            yield offset, word, previous
        elif (
            word[-1] in SURNAME_TRAPS.keys() - PREPOSITIONS
            and following
            and len(following.word) <= 2
            and following.flag.startswith(PERSON_NAME_TAGS)
            and not (len(following.word) == 1 and following.word in NOT_A_GIVEN_NAME)
        ):  # the surname on its own or glued to the word before
            yield offset + len(word) - 1, word[-1] + following.word, previous if len(word) == 1 else tag
        offset += len(word)


def _clause(text: str, position: int) -> tuple[int, str]:
    """The stretch around `position` up to the nearest punctuation, at most a few characters each way."""
    start = max(0, position - WINDOW_BEFORE)
    end = position + 1 + WINDOW_AFTER
    before = CLAUSE_BREAK.split(text[start:position])[-1]
    after = CLAUSE_BREAK.split(text[position + 1 : end])[0]
    return position - len(before), before + text[position] + after


def _in_a_word(text: str, position: int) -> bool:
    """The character with its neighbour is a word of jieba's dictionary (其余, 余额, 用于, 于是, 范围):
    not a surname, and no need to run the tagger (the costly step) at all."""
    jieba = _jieba()
    return any(
        jieba.dt.FREQ.get(pair, 0) > 0
        for pair in (text[max(0, position - 1) : position + 1], text[position : position + 2])
        if len(pair) == 2
    )


def names_in_text(text: str) -> set[str]:
    """Personal names that start with a surname OpenCC may misread, found by jieba in the clause around it.

    A preposition-like surname right after a verb is the preposition (诞生于安科: born at Anke)."""
    found = set()
    for match in re.finditer(f"[{''.join(SURNAME_TRAPS)}]", text):
        if _in_a_word(text, match.start()):
            continue
        start, clause = _clause(text, match.start())
        for offset, word, previous in _person_names(clause):
            if start + offset == match.start() and not (word[0] in PREPOSITIONS and previous.startswith("v")):
                found.add(word)
    return found


def block_texts(blocks: Iterable[Block]) -> Iterable[tuple[str, int]]:
    """(text, line) of every text of an article's blocks, nested ones included."""
    for block in blocks:
        for text in (block.text, block.byline, *block.notes, *block.items):
            yield text, block.line
        yield from block_texts(block.children)


def candidate_names(texts: Iterable[tuple[str, int]]) -> list[tuple[str, int]]:
    """(name, line) of every name in the texts that starts with a surname conversion may misread."""
    return [(name, line) for text, line in texts for name in sorted(names_in_text(text))]


def suspicious_names(
    candidates: Iterable[tuple[str, int]], protected: ProtectedNames, to_traditional: Callable[[str], str]
) -> list[SuspiciousName]:
    """The candidates whose surname the traditional edition would change and that nobody protected yet."""
    seen: dict[str, SuspiciousName] = {}
    for name, line in candidates:
        converted = to_traditional(name)
        if name not in seen and converted[:1] == SURNAME_TRAPS[name[0]] and not protected.covers(name):
            seen[name] = SuspiciousName(name, converted, line)
    return sorted(seen.values(), key=lambda s: (s.line, s.name))


def _cached_candidates(texts: list[tuple[str, int]], cache_dir: Path | None) -> list[tuple[str, int]]:
    """`candidate_names` behind a content-hash cache: jieba's tagger is the slow part, and an
    unchanged seed has the same candidates whatever the names file or the variant says."""
    if cache_dir is None:
        return candidate_names(texts)
    key = hashlib.sha256(json.dumps([CODE_DIGEST, texts], ensure_ascii=False).encode()).hexdigest()
    path = cache_dir / key[:2] / key
    try:
        return [(name, line) for name, line in json.loads(path.read_text(encoding="utf-8"))]
    except (OSError, ValueError):
        pass
    found = candidate_names(texts)
    from build_tools.core.files import write_atomically

    write_atomically(path, json.dumps(found, ensure_ascii=False))
    return found


def seed_suspicions(articles: Iterable[tuple], converter) -> list[SuspiciousName]:
    """The unprotected names whose surname the traditional edition would change, in a seed's
    simplified articles (`converter` is the build's ScriptConverter)."""
    texts = [
        item for article, metadata in articles if metadata.script == SIMPLIFIED for item in block_texts(article.blocks)
    ]
    cache_dir = converter.cache_dir.parent / "names" if converter.cache_dir is not None else None
    return suspicious_names(_cached_candidates(texts, cache_dir), converter.protected, _to_traditional(converter))


def name_warnings(seed: str, articles: Iterable[tuple], converter) -> list[Diagnostic]:
    """One warning per suspected name of a seed (each is protected by the build)."""
    return [item.diagnostic(seed) for item in seed_suspicions(articles, converter)]


def glossary_suspicions(glossary, path: str, converter) -> list[tuple[SuspiciousName, Diagnostic]]:
    """The same check for the glossary's definitions (simplified; shown converted in tooltips and topic
    pages): each suspected name with its warning, which names the entry."""
    found = []
    cache_dir = converter.cache_dir.parent / "names" if converter.cache_dir is not None else None
    for entry in glossary.entries:
        candidates = _cached_candidates([(entry.definition, 0)], cache_dir)  # jieba's tagger only for new text
        for item in suspicious_names(candidates, converter.protected, _to_traditional(converter)):
            warning = item.diagnostic(path)
            message = f"entry '{entry.term}', field 'definition': {warning.message}"
            found.append((item, replace(warning, message=message)))
    return found


def _to_traditional(converter) -> Callable[[str], str]:
    return lambda text: converter.convert(text, SIMPLIFIED, TRADITIONAL)
