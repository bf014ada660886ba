"""Reading editors' YAML data files node by node, so every problem can name its line.

Shared by the conversion override table (convert.py) and the protected names (names.py):
both report every problem of a file at once as `path:line: what — what to do`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import yaml

STR_TAG = "tag:yaml.org,2002:str"
NULL_TAG = "tag:yaml.org,2002:null"


class DataFileError(Exception):
    """A malformed data file: one `path:line: what — what to do` per line."""

    def __init__(self, problems):
        self.problems = tuple(problems)
        super().__init__("\n".join(self.problems))


def line_of(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def text_of(node: yaml.Node) -> str | None:
    """The value of a plain-text scalar, or None for anything else (numbers, lists, null …)."""
    if isinstance(node, yaml.ScalarNode) and node.tag == STR_TAG:
        return node.value
    return None


def is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == NULL_TAG


def mapping_of(node: yaml.MappingNode, where: Callable[[yaml.Node], str], problems: list[str]) -> dict:
    """key → (key node, value node); duplicate and non-text keys are reported."""
    seen: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for key_node, value_node in node.value:
        key = text_of(key_node)
        if key is None:
            problems.append(f"{where(key_node)}: a key must be a plain word — see the file's header")
        elif key in seen:
            problems.append(f"{where(key_node)}: `{key}` is given twice (first at line {line_of(seen[key][0])}) — keep one")
        else:
            seen[key] = (key_node, value_node)
    return seen


def compose(path: Path, error: type[Exception], example: str) -> yaml.Node | None:
    """The file's node tree (None when empty); unreadable bytes or YAML syntax raise `error` with the line."""
    name = str(path)
    try:
        return yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except UnicodeDecodeError as problem:
        raise error([f"{name}:1: not UTF-8 text ({problem.reason}) — save the file as UTF-8"]) from problem
    except yaml.YAMLError as problem:
        mark = getattr(problem, "problem_mark", None) or getattr(problem, "context_mark", None)
        what = getattr(problem, "problem", None) or str(problem).splitlines()[0]
        raise error([f"{name}:{mark.line + 1 if mark else 1}: malformed YAML: {what} — fix the syntax "
                     f"(one entry per line: `{example}`)"]) from problem


def text_field(fields: dict, name: str, where: Callable[[yaml.Node], str], problems: list[str],
               single_line: bool = True) -> str | None:
    """A field that must be non-empty text; with `single_line`, also without stray spaces or line breaks."""
    value = text_of(fields[name][1])
    if value is None or not value.strip():
        problems.append(f"{where(fields[name][1])}: `{name}` must be non-empty text — quote it if YAML reads "
                        f"it as something else (a number, yes/no, a list)")
        return None
    if single_line and (value != value.strip() or "\n" in value):
        problems.append(f"{where(fields[name][1])}: `{name}` has leading/trailing spaces or a line break — remove them")
        return None
    return value


def entry_fields(node: yaml.Node, allowed: tuple[str, ...], what: str, shape: str,
                 where: Callable[[yaml.Node], str], problems: list[str]) -> dict | None:
    """The fields of one list entry (`what`, e.g. "a rule in to_traditional"), unknown ones reported;
    None when the entry is not a mapping at all."""
    if not isinstance(node, yaml.MappingNode):
        problems.append(f"{where(node)}: {what} must be a mapping — write it as {shape}")
        return None
    fields = mapping_of(node, where, problems)
    unknown = [k for k in fields if k not in allowed]
    if unknown:
        problems.append(f"{where(node)}: unknown field {', '.join(f'`{k}`' for k in unknown)} — use {', '.join(allowed)}")
    return fields
