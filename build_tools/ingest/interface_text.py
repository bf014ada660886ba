"""Platform and site interface text, as data: the words a platform prints around every article.

The strings and patterns live in build_tools/data/interface_text.yaml, each with its platform and
why, so that what is known about a platform is data an editor can read and extend, not code.
Strings are written in simplified characters and matched in both scripts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

from build_tools.config.settings import DATA
from build_tools.core.diagnostics import InputError
from build_tools.core.yamlnodes import SyntaxMessage, missing_values, read_yaml

INTERFACE_FILE = DATA / "interface_text.yaml"
SYNTAX = SyntaxMessage("malformed YAML", "fix the YAML syntax of the interface text file")
DEFAULT_MAX_CHARS = 60
_SPACE_RE = re.compile(r"\s+")
# What may stand between interface strings in one block: spaces, punctuation, bullets, bars.
_SEPARATORS_RE = re.compile(r"^[\W_]*$")
METADATA_GROUPS = ("source", "author", "original_title")


@dataclass(frozen=True)
class LinePattern:
    id: str
    patterns: tuple[re.Pattern, ...]  # as written and in traditional characters
    max_chars: int
    why: str


@dataclass(frozen=True)
class InlinePattern:
    id: str
    pattern: re.Pattern
    keep: str
    why: str


@dataclass(frozen=True)
class InterfaceText:
    strings: tuple[str, ...]  # every form (both scripts), spaces removed, longest first
    alone: frozenset[str]  # the forms that are interface text even as the only string of a block
    why: dict[str, str]
    lines: tuple[LinePattern, ...]
    inline: tuple[InlinePattern, ...]
    feed_titles: tuple[LinePattern, ...] = ()

    def feed_source(self, title: str) -> str:
        """The publication a feed's title names, without the label its generator adds (`All Posts - …`)."""
        plain = _SPACE_RE.sub(" ", title).strip()
        for entry in self.feed_titles:
            match = next((m for m in (p.fullmatch(plain) for p in entry.patterns) if m), None)
            if match and (match.groupdict().get("source") or "").strip():
                return match.group("source").strip()
        return plain

    def matching_line(self, text: str) -> LinePattern | None:
        """The line pattern the whole of `text` matches, if any (within that pattern's length)."""
        plain = _SPACE_RE.sub(" ", text).strip()
        for entry in self.lines:
            if len(plain) <= entry.max_chars and any(p.fullmatch(plain) for p in entry.patterns):
                return entry
        return None

    @cached_property
    def _letters(self) -> frozenset[str]:
        return frozenset(c for s in self.strings for c in s if not _SEPARATORS_RE.match(c))

    def may_be_strings(self, text: str) -> bool:
        """A cheap test `only_strings` needs: every letter, digit and Han character of `text` occurs in
        some known string (separators aside)."""
        return all(c in self._letters or _SEPARATORS_RE.match(c) for c in text)

    def only_strings(self, text: str) -> list[str]:
        """The known strings `text` is made of (with separators between), or [] when it holds anything else."""
        rest = _SPACE_RE.sub("", text)
        found: list[str] = []
        while rest:
            if _SEPARATORS_RE.match(rest[0]):
                rest = rest[1:]
                continue
            match = next((s for s in self.strings if rest.startswith(s)), None)
            if match is None:
                return []
            found.append(match)
            rest = rest[len(match) :]
        if len(found) == 1 and found[0] not in self.alone:
            return []
        return found

    def metadata(self, text: str) -> dict[str, str]:
        """The metadata a recorded interface line states (the original account, its author)."""
        plain = _SPACE_RE.sub(" ", text).strip()
        for entry in self.lines:
            match = next((m for m in (p.fullmatch(plain) for p in entry.patterns) if m), None)
            if match:
                groups = match.groupdict()
                return {key: groups[key].strip() for key in METADATA_GROUPS if groups.get(key)}
        return {}


def _forms(text: str) -> set[str]:
    """The string as written and in traditional characters (OpenCC when installed)."""
    from build_tools.chinese.opencc_engine import plain_converter

    plain = _SPACE_RE.sub("", text)
    try:
        return {plain, plain_converter("s2t")(plain), plain_converter("s2twp")(plain)}
    except Exception:  # no converter: the simplified form still matches simplified pages
        return {plain}


def _compile_forms(entry: dict, where: str, path: Path) -> tuple[re.Pattern, ...]:
    """The pattern as written and with its Han characters in traditional forms (the syntax is ASCII)."""
    source = entry.get("pattern")
    forms = dict.fromkeys([source, *sorted(_forms_of_pattern(source))]) if isinstance(source, str) else [source]
    return tuple(_compile({"pattern": form}, where, path) for form in forms)


def _forms_of_pattern(source: str) -> set[str]:
    from build_tools.chinese.opencc_engine import plain_converter

    try:
        return {plain_converter("s2t")(source), plain_converter("s2twp")(source)}
    except Exception:
        return set()


def _compile(entry: dict, where: str, path: Path) -> re.Pattern:
    try:
        return re.compile(entry["pattern"])
    except (KeyError, TypeError, re.error) as error:
        raise InputError(str(path), f"{where}: not a usable pattern: {error}", "fix the entry's `pattern`") from None


def load_interface_text(path: Path = INTERFACE_FILE) -> InterfaceText:
    """The file's entries, checked: each needs its text or pattern, its platform and why."""
    data = read_yaml(path, str(path), SYNTAX).value() or {}
    if not isinstance(data, dict):
        raise InputError(str(path), "expected sections strings, lines and inline", "see the file's header")
    strings: dict[str, bool] = {}
    why: dict[str, str] = {}
    for number, entry in enumerate(data.get("strings") or (), start=1):
        if not isinstance(entry, dict) or missing_values(entry, ("text", "why", "platform")):
            raise InputError(str(path), f"strings entry {number} needs text, platform and why", "see the header")
        for form in _forms(str(entry["text"])):
            strings[form] = strings.get(form, False) or entry.get("alone", True) is not False
            why[form] = f"{entry['platform']}: {entry['why']}"
    lines, feed_titles = _line_patterns(data, "lines", path), _line_patterns(data, "feed_titles", path)
    inline = []
    for number, entry in enumerate(data.get("inline") or (), start=1):
        if not isinstance(entry, dict) or missing_values(entry, ("id", "why")) or "keep" not in entry:
            raise InputError(str(path), f"inline entry {number} needs id, pattern, keep and why", "see the header")
        inline.append(
            InlinePattern(
                entry["id"],
                _compile(entry, f"inline entry {number}", path),
                str(entry["keep"]),
                f"{entry.get('platform', '')}: {entry['why']}",
            )
        )
    ordered = tuple(sorted(strings, key=len, reverse=True))
    alone = frozenset(s for s, flag in strings.items() if flag)
    return InterfaceText(ordered, alone, why, lines, tuple(inline), feed_titles)


def _line_patterns(data: dict, section: str, path: Path) -> tuple[LinePattern, ...]:
    patterns = []
    for number, entry in enumerate(data.get(section) or (), start=1):
        if not isinstance(entry, dict) or missing_values(entry, ("id", "why")):
            raise InputError(str(path), f"{section} entry {number} needs id, pattern and why", "see the header")
        patterns.append(
            LinePattern(
                entry["id"],
                _compile_forms(entry, f"{section} entry {number}", path),
                int(entry.get("max_chars", DEFAULT_MAX_CHARS)),
                f"{entry.get('platform', '')}: {entry['why']}",
            )
        )
    return tuple(patterns)


@lru_cache(maxsize=1)
def interface_text() -> InterfaceText:
    """The project's file, read once per run."""
    return load_interface_text()
