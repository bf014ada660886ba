"""One-to-many characters chosen by their context, where OpenCC's phrase tables miss.

A simplified character can stand for several traditional ones (后: 后 queen / 後 after; 制: 制
system / 製 make; 里: 里 mile / 裡 inside).  OpenCC decides by phrase, and a phrase that is not in
its tables, or a longer phrase across a word boundary (光刻机制造 read as 機制 + 造), leaves the wrong
one.  Editors write context rules in data/context_rules.yaml: a character, what may stand before
and after it (regular expressions), and its traditional form.  The converter fixes those
characters first and gives OpenCC only the text between them, so OpenCC's own phrases still work
for everything else.  The first rule that matches a character wins: exceptions go above the rule
they limit.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from build_tools.chinese.opencc_engine import ConversionError
from build_tools.core.yamlnodes import Problems, SectionedFile, SyntaxMessage, entry_fields, read_sections, text_fields

SECTION = "to_traditional"
FIELDS = ("char", "to", "before", "after", "why")
RULES_FILE = SectionedFile(
    (SECTION,),
    "a list of rules",
    "lists of rules",
    "start each rule with `- `",
    SyntaxMessage("malformed YAML", 'fix the syntax (one rule per line: `  - {char: 后, to: 後, why: "…"}`)'),
    ConversionError,
)


@dataclass(frozen=True)
class ContextRule:
    """`char` becomes `to` when `before` matches right before it and `after` right after it."""

    char: str
    target: str
    before: str = ""
    after: str = ""
    why: str = ""
    line: int = 0

    @property
    def pattern(self) -> re.Pattern[str]:
        before = f"(?:{self.before})" if self.before else ""
        after = f"(?=(?:{self.after}))" if self.after else ""
        return re.compile(f"{before}({re.escape(self.char)}){after}")


@dataclass(frozen=True)
class ContextRules:
    rules: tuple[ContextRule, ...] = ()

    @property
    def digest(self) -> str:
        """What the rules do (not their `why`): part of every conversion cache key."""
        content = [[r.char, r.target, r.before, r.after] for r in self.rules]
        return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()

    def choices(self, text: str) -> dict[int, str]:
        """Position → traditional character, for every character a rule decides (the first rule wins)."""
        chosen: dict[int, str] = {}
        for rule, pattern in self._compiled():
            for match in pattern.finditer(text):
                chosen.setdefault(match.start(1), rule.target)
        return chosen

    def _compiled(self) -> list[tuple[ContextRule, re.Pattern[str]]]:
        cached = self.__dict__.get("_patterns")
        if cached is None:
            cached = [(rule, rule.pattern) for rule in self.rules]
            object.__setattr__(self, "_patterns", cached)
        return cached

    def apply(self, text: str, gaps: Callable[[str], str], written: Callable[[str], str]) -> str:
        """`text` with the ruled characters as `written` shows their target, the rest through `gaps`."""
        if not self.rules:
            return gaps(text)
        chosen = self.choices(text)
        if not chosen:
            return gaps(text)
        out, position = [], 0
        for index in sorted(chosen):
            out.append(gaps(text[position:index]) if index > position else "")
            out.append(written(chosen[index]))
            position = index + 1
        out.append(gaps(text[position:]) if position < len(text) else "")
        return "".join(out)


def _parse(node: yaml.Node, problems: Problems) -> ContextRule | None:
    shape = '`{char: 后, to: 後, before: "[0-9]天", why: …}`'
    before = len(problems)
    fields = entry_fields(node, FIELDS, "a context rule", shape, problems)
    if fields is None:
        return None
    hints = dict.fromkeys(FIELDS, f"write it as {shape}") | {"why": "say what OpenCC writes without the rule"}
    values = text_fields(node, fields, FIELDS, ("char", "to", "why"), hints, problems)
    if len(problems) > before:
        return None
    if len(values["char"]) != 1 or len(values["to"]) != 1:
        problems.add(node, "`char` and `to` must be one character each", "put the context in `before` and `after`")
        return None
    for key in ("before", "after"):
        try:
            re.compile(values.get(key, ""))
        except re.error as error:
            problems.add(node, f"`{key}` is not a regular expression ({error})", "fix the pattern")
            return None
    return ContextRule(
        values["char"],
        values["to"],
        values.get("before", ""),
        values.get("after", ""),
        values["why"],
        problems.document.line(node),
    )


def load_context_rules(path: Path) -> ContextRules:
    """The editors' context rules; a missing file has none, every problem is reported with its line."""
    found = read_sections(Path(path), RULES_FILE)
    if found is None:
        return ContextRules()
    lists, problems = found
    node = lists.get(SECTION)
    rules = [rule for item in (node.value if node is not None else ()) if (rule := _parse(item, problems))]
    problems.raise_any(ConversionError, in_line_order=True)
    return ContextRules(tuple(rules))
