"""The one YAML loader for editor files and front matter: node trees that remember their lines.

Editors write the glossary, the override and names files, the sidecars beside seeds and the
front matter of seeds by hand; every problem in them must name its line.  So each is read
here into nodes (which keep their position in the file, front matter offset by its opening
fence), a YAML syntax error becomes one `Diagnostic` at the line to fix, and the checks of
each file collect their problems as diagnostics against the nodes they concern.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from build_tools.core.diagnostics import InputError
from build_tools.core.model import Diagnostic

STR_TAG = "tag:yaml.org,2002:str"
NULL_TAG = "tag:yaml.org,2002:null"


@dataclass(frozen=True)
class SyntaxMessage:
    """How one kind of file words a YAML syntax error: `<what>: <the parser's problem> — <hint>`."""

    what: str
    hint: str


@dataclass(frozen=True)
class YamlDocument:
    """A parsed YAML text: its node tree (None when empty) and where in the file it starts."""

    path: str
    root: yaml.Node | None
    syntax: SyntaxMessage
    first_line: int = 1  # the file's line number of the text's first line

    def line(self, node: yaml.Node | None) -> int:
        return self.first_line + (node.start_mark.line if node is not None else 0)

    def value(self, node: yaml.Node | None = None) -> object:
        """The Python value of `node` (default: the whole document), as `yaml.safe_load` builds it."""
        node = self.root if node is None else node
        if node is None:
            return None
        try:
            return construct(node)
        except yaml.YAMLError as error:
            raise InputError(
                self.path,
                f"{self.syntax.what}: {_problem(error)}",
                self.syntax.hint,
                line=self.first_line + _error_line(error, ""),
            ) from None

    def key_lines(self) -> dict[str, int]:
        """Top-level key → its line in the file (empty unless the document is a mapping)."""
        if not isinstance(self.root, yaml.MappingNode):
            return {}
        return {str(key.value): self.line(key) for key, _ in self.root.value}


def parse_yaml(
    text: str, path: str, syntax: SyntaxMessage, first_line: int = 1, error_type: type[InputError] = InputError
) -> YamlDocument:
    """`text` (a whole file, or front matter starting at `first_line`) as nodes; a syntax error
    raises `error_type` with one diagnostic at the line to fix."""
    try:
        return YamlDocument(path, yaml.compose(text, Loader=yaml.SafeLoader), syntax, first_line)
    except yaml.YAMLError as error:
        raise error_type(
            path, f"{syntax.what}: {_problem(error)}", syntax.hint, line=first_line + _error_line(error, text)
        ) from None


def read_yaml(path: Path, name: str, syntax: SyntaxMessage, error_type: type[InputError] = InputError) -> YamlDocument:
    """The file at `path` (called `name` in messages) as nodes; bytes that are not UTF-8 are one diagnostic."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as problem:
        raise error_type(name, f"not UTF-8 text ({problem.reason})", "save the file as UTF-8", line=1) from None
    return parse_yaml(text, name, syntax, error_type=error_type)


def construct(node: yaml.Node) -> object:
    """The Python value of one node; a value YAML cannot build raises `yaml.YAMLError` marked at that value."""
    try:
        return yaml.SafeLoader("").construct_document(node)
    except ValueError:  # a month 13 or `!!int abc` escapes PyYAML as a bare ValueError, without a position
        scalar, reason = _unbuildable(node)
        raise yaml.constructor.ConstructorError(
            None, None, f"cannot read `{scalar.value}` ({reason})", scalar.start_mark
        ) from None


def _unbuildable(node: yaml.Node) -> tuple[yaml.Node, str]:
    """The first scalar under `node` that YAML cannot build, and why (`node` itself when none is found)."""
    pending, seen = [node], set()
    while pending:
        current = pending.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, yaml.ScalarNode):
            try:
                yaml.SafeLoader("").construct_object(current)
            except ValueError as error:
                return current, str(error)
        elif isinstance(current, yaml.SequenceNode):
            pending += current.value
        elif isinstance(current, yaml.MappingNode):
            pending += [part for pair in current.value for part in pair]
    return node, "a value YAML cannot build"


def _problem(error: yaml.YAMLError) -> str:
    return getattr(error, "problem", None) or str(error).splitlines()[0]


def _error_line(error: yaml.YAMLError, text: str) -> int:
    """0-based line of the error within `text`.

    A quote left open is only noticed at the end of the text: where it was opened is the line
    to fix.  Errors of the character reader carry a position instead of a mark."""
    mark = getattr(error, "problem_mark", None)
    context = getattr(error, "context_mark", None)
    if context is not None and (mark is None or "end of stream" in _problem(error)):
        mark = context
    if mark is not None:
        return mark.line
    position = getattr(error, "position", None)
    return text.count("\n", 0, position) if position is not None else 0


# -- the shapes every editor file checks, on values or on nodes --------------------------------


def unknown_keys(keys: Iterable[object], allowed: Collection[str]) -> list[str]:
    """The keys (as text, in the file's order) that `allowed` does not list."""
    return [str(key) for key in keys if str(key) not in allowed]


def missing_values(values: Mapping, keys: Iterable[str]) -> list[str]:
    """The keys that `values` lacks or gives an empty value (nothing, "", an empty list …)."""
    return [key for key in keys if not values.get(key)]


def is_text_list(value: object, non_blank: bool = False) -> bool:
    """A YAML list whose every item is text (with `non_blank`, text that is not only spaces)."""
    return isinstance(value, list) and all(isinstance(v, str) and (v.strip() or not non_blank) for v in value)


def text_items(node: yaml.Node, distinct: bool = False) -> list[str] | None:
    """The texts of a list node whose every item is plain text (with `distinct`, none twice); None otherwise."""
    if not isinstance(node, yaml.SequenceNode):
        return None
    texts = [text_of(item) for item in node.value]
    if any(text is None for text in texts) or (distinct and len(set(texts)) != len(texts)):
        return None
    return [text for text in texts if text is not None]


# -- checking a data file node by node ----------------------------------------------------------


@dataclass
class Problems:
    """Every problem found in one data file, each a diagnostic at the line of its node."""

    document: YamlDocument
    found: list[Diagnostic] = field(default_factory=list)

    def add(self, node: yaml.Node | None, message: str, hint: str) -> None:
        self.at(self.document.line(node), message, hint)

    def at(self, line: int, message: str, hint: str) -> None:
        self.found.append(Diagnostic(self.document.path, message, hint, line))

    def __len__(self) -> int:
        return len(self.found)

    def raise_any(self, error: type[InputError] = InputError, in_line_order: bool = False) -> None:
        """Raise every problem at once (sorted by line when asked; stable, so file order within a line)."""
        if self.found:
            found = sorted(self.found, key=lambda d: d.line) if in_line_order else self.found
            raise error(diagnostics=found)


def text_of(node: yaml.Node) -> str | None:
    """The value of a plain-text scalar, or None for anything else (numbers, lists, null …)."""
    if isinstance(node, yaml.ScalarNode) and node.tag == STR_TAG:
        return node.value
    return None


def is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == NULL_TAG


def mapping_of(node: yaml.MappingNode, problems: Problems) -> dict:
    """key → (key node, value node); duplicate and non-text keys are reported."""
    seen: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for key_node, value_node in node.value:
        key = text_of(key_node)
        if key is None:
            problems.add(key_node, "a key must be a plain word", "see the file's header")
        elif key in seen:
            problems.add(
                key_node, f"`{key}` is given twice (first at line {problems.document.line(seen[key][0])})", "keep one"
            )
        else:
            seen[key] = (key_node, value_node)
    return seen


def text_field(fields: dict, name: str, problems: Problems, single_line: bool = True) -> str | None:
    """A field that must be non-empty text; with `single_line`, also without stray spaces or line breaks."""
    node = fields[name][1]
    value = text_of(node)
    if value is None or not value.strip():
        problems.add(
            node,
            f"`{name}` must be non-empty text",
            "quote it if YAML reads it as something else (a number, yes/no, a list)",
        )
        return None
    if single_line and (value != value.strip() or "\n" in value):
        problems.add(node, f"`{name}` has leading/trailing spaces or a line break", "remove them")
        return None
    return value


def text_fields(
    node: yaml.Node,
    fields: dict,
    names: Sequence[str],
    required: Collection[str],
    missing_hints: Mapping[str, str],
    problems: Problems,
    multi_line: Collection[str] = ("why",),
) -> dict[str, str]:
    """The usable text of each of `names` that the entry gives, in that order; a required field that is
    missing is reported at the entry (hint: `missing_hints[name]`), a given one that is not text at its value."""
    values: dict[str, str] = {}
    for name in names:
        if name not in fields:
            if name in required:
                problems.add(node, f"field `{name}` is missing", missing_hints[name])
            continue
        value = text_field(fields, name, problems, single_line=name not in multi_line)
        if value is not None:
            values[name] = value
    return values


def entry_fields(node: yaml.Node, allowed: tuple[str, ...], what: str, shape: str, problems: Problems) -> dict | None:
    """The fields of one list entry (`what`, e.g. "a rule in to_traditional"), unknown ones reported;
    None when the entry is not a mapping at all."""
    if not isinstance(node, yaml.MappingNode):
        problems.add(node, f"{what} must be a mapping", f"write it as {shape}")
        return None
    fields = mapping_of(node, problems)
    unknown = unknown_keys(fields, allowed)
    if unknown:
        problems.add(node, f"unknown field {', '.join(f'`{k}`' for k in unknown)}", f"use {', '.join(allowed)}")
    return fields


@dataclass(frozen=True)
class SectionedFile:
    """A data file that maps section names to lists of entries, as its messages describe it."""

    sections: tuple[str, ...]
    a_list: str  # what a section holds: "a list of rules"
    lists: str  # the same in the plural: "lists of rules"
    start_hint: str  # how an entry starts: "start each rule with `- `"
    syntax: SyntaxMessage
    error_type: type[InputError] = InputError


def read_sections(path: Path, shape: SectionedFile) -> tuple[dict[str, yaml.SequenceNode | None], Problems] | None:
    """section → its list node (None when empty), and the collector for the entries' problems;
    None when the file is absent or empty.  Unknown sections and non-lists are already reported."""
    if not path.exists():
        return None
    document = read_yaml(path, str(path), shape.syntax, shape.error_type)
    if document.root is None:
        return None
    if not isinstance(document.root, yaml.MappingNode):
        raise shape.error_type(
            document.path,
            f"the file must map sections ({', '.join(shape.sections)}) to {shape.lists}",
            "see the file's header",
            line=document.line(document.root),
        )
    problems = Problems(document)
    found: dict[str, yaml.SequenceNode | None] = {}
    for key, (key_node, value_node) in mapping_of(document.root, problems).items():
        if key not in shape.sections:
            problems.add(key_node, f"unknown section `{key}`", f"use {', '.join(shape.sections)}")
        elif is_null(value_node):
            found[key] = None
        elif not isinstance(value_node, yaml.SequenceNode):
            problems.add(value_node, f"`{key}` must be {shape.a_list}", shape.start_hint)
        else:
            found[key] = value_node
    return found, problems
