"""Front matter: the `key: value` header blogs and archivers put above an article.

YAML between `---` lines (Jekyll, Hexo, Docusaurus, Obsidian) or TOML between `+++`
lines (Hugo), possibly after a BOM or blank lines.  Broken front matter is one clear
error with the file and line, never a page that shows the keys as text.  Blogs name the
same field in many ways (`author`/`authors`, `link`/`source_url`, `description`); they
are mapped to one set of canonical keys that the metadata stage reads, whatever reader
found them.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from html import escape
from urllib.parse import urlparse

from build_tools.core.dates import parse_date
from build_tools.core.diagnostics import InputError
from build_tools.core.model import Decoded, Removal
from build_tools.core.textutil import HAN_RE
from build_tools.core.yamlnodes import SyntaxMessage, parse_yaml

YAML_SYNTAX = SyntaxMessage("malformed YAML front matter", "fix the YAML between the two --- lines")
FENCES = {"---": "yaml", "+++": "toml"}
YAML_KEY_RE = re.compile(r"^[\w\"'][^:]*:(\s|$)")
TOML_KEY_RE = re.compile(r"^\s*([A-Za-z0-9_\-]+|\"[^\"]+\"|'[^']+')\s*=")
TOML_TABLE_RE = re.compile(r"^\s*\[")
TOML_LINE_RE = re.compile(r"at line (\d+)")
# An Astro (or MDX-like) component's script between `---` fences: JavaScript, not fields.
SCRIPT_LINE_RE = re.compile(r"^\s*(//|/\*|import\s|export\s|const\s|let\s|var\s|interface\s|type\s+\w+\s*=)")
SCRIPT_STRING_RE = re.compile(
    r"^\s*(?:export\s+)?(?:const|let|var)\s+(\w+)\s*(?::\s*\w+\s*)?=\s*([\"'`])(.*?)\2\s*;?\s*$"
)

# Canonical key → the names blogs give it (compared lower-case, without `_` and `-`), best first.
ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "date": ("date", "published", "publishedat", "publishdate", "pubdate", "posted", "created", "createdat"),
    "authors": ("authors", "author"),
    "source": ("source", "publication", "publisher", "sitename"),
    "url": ("url", "link", "original", "sourceurl", "originalurl", "originallink", "canonicalurl"),
    "tags": ("tags", "categories", "category", "keywords"),
    "summary": ("summary", "description", "excerpt", "abstract"),
}
CANONICAL_KEYS = tuple(ALIASES)
# Shown only as page metadata, not counted as body text by the fidelity audit: recorded when they hold Han text.
METADATA_ONLY = {"date", "url", "tags", "summary"}
NAME_SEPARATORS_RE = re.compile(r"\s*[、,，;；/]\s*")


@dataclass(frozen=True)
class FrontMatter:
    """The fields as written, the line of each, and the text after the front matter."""

    fields: dict
    lines: dict
    body: str
    body_line: int  # 1-based line of the body's first line in the seed
    syntax: str = ""  # "yaml", "toml", "script", or "" when the file has no front matter
    removals: tuple[Removal, ...] = ()


@dataclass(frozen=True)
class CanonicalFields:
    """Front matter under canonical keys, with what was not used recorded as removals."""

    values: dict
    lines: dict  # canonical key → line in the seed
    names: dict  # canonical key → the key as the source wrote it, for messages
    removals: tuple[Removal, ...]


def _opening(lines: list[str]) -> tuple[int, str] | None:
    """(index of the opening fence, syntax), or None when the text has no front matter.

    `---` followed by a blank line or prose is a thematic break, not front matter."""
    index = 0
    while index < len(lines) and not lines[index].strip("\ufeff \t"):
        index += 1
    if index >= len(lines) or lines[index].strip("\ufeff \t") not in FENCES:
        return None
    syntax = FENCES[lines[index].strip("\ufeff \t")]
    following = lines[index + 1] if index + 1 < len(lines) else ""
    if _is_field(following, syntax):
        return index, syntax
    if syntax == "yaml" and SCRIPT_LINE_RE.match(following) and _closing(lines, index, syntax) > 0:
        return index, "script"
    # Jekyll and Hexo also accept blank lines between the fields: then every line up to the closing
    # fence must be a field, a list item, an indented continuation or a comment
    return (index, syntax) if not following.strip() and _spaced_fields(lines, index, syntax) else None


def _is_field(line: str, syntax: str) -> bool:
    if syntax == "yaml":
        return bool(YAML_KEY_RE.match(line))
    return bool(TOML_KEY_RE.match(line) or TOML_TABLE_RE.match(line))


def _spaced_fields(lines: list[str], opening: int, syntax: str) -> bool:
    closing = _closing(lines, opening, syntax)
    if closing < 0:
        return False  # never closed: a thematic break
    filled = [line for line in lines[opening + 1 : closing] if line.strip()]
    return (
        bool(filled)
        and _is_field(filled[0], syntax)
        and all(_is_field(line, syntax) or line[:1] in " \t-#" for line in filled)
    )


def _closing(lines: list[str], opening: int, syntax: str) -> int:
    """Index of the line that closes the front matter opened at `opening` (YAML may close with `...`); -1 if none."""
    fence = lines[opening].strip("\ufeff \t")
    ends = (fence, "...") if syntax == "yaml" else (fence,)
    return next((index for index in range(opening + 1, len(lines)) if lines[index].strip() in ends), -1)


def front_matter_span(text: str) -> tuple[int, int, str] | None:
    """(opening line index, closing line index, syntax) without judging the content; None when absent.

    An opening fence that is never closed gives a closing index of -1."""
    lines = text.split("\n")
    opening = _opening(lines)
    if opening is None:
        return None
    start, syntax = opening
    return start, _closing(lines, start, syntax), syntax


def body_after_front_matter(text: str) -> str:
    """The text without its front matter, for format detection (never raises)."""
    span = front_matter_span(text)
    if span is None or span[1] < 0:
        return text
    return "\n".join(text.split("\n")[span[1] + 1 :])


def split_front_matter(decoded: Decoded) -> FrontMatter:
    """Fields, their lines and the body; one InputError naming the file and line when it is broken."""
    text = decoded.text
    span = front_matter_span(text)
    if span is None:
        return FrontMatter({}, {}, text, 1)
    start, end, syntax = span
    name = decoded.source.name
    fence = "---" if syntax == "yaml" else "+++"
    if end < 0:
        raise InputError(
            name,
            f"the front matter opened by `{fence}` is never closed",
            f"end the front matter with a line of `{fence}`",
            line=start + 1,
        )
    lines = text.split("\n")
    header = "\n".join(lines[start + 1 : end])
    if syntax == "script":
        return _component_script(header, "\n".join(lines[end + 1 :]), start + 2, end + 2)
    parse = _parse_yaml if syntax == "yaml" else _parse_toml
    fields, field_lines = parse(header, name, offset=start + 1)
    return FrontMatter(fields, field_lines, "\n".join(lines[end + 1 :]), end + 2, syntax)


def _component_script(script: str, body: str, script_line: int, body_line: int) -> FrontMatter:
    """A component's script is code, never shown; the strings it names (`const title = "…"`) are what
    the template's `{title}` expressions show, so they are put where the template shows them."""
    values = {m.group(1): m.group(3) for line in script.split("\n") if (m := SCRIPT_STRING_RE.match(line))}

    def shown(match: re.Match) -> str:
        return escape(values[match.group(1)]) if match.group(1) in values else match.group(0)

    body = re.sub(r"\{\s*(\w+)\s*\}", shown, body)
    removal = Removal("component-script", "a page component's script (code) is not article text", script, script_line)
    return FrontMatter({}, {}, body, body_line, "script", (removal,))


def _parse_yaml(header: str, name: str, offset: int) -> tuple[dict, dict]:
    document = parse_yaml(header, name, YAML_SYNTAX, first_line=offset + 1)
    data = document.value()
    if data is None:
        return {}, {}
    if not isinstance(data, dict):
        raise InputError(
            name,
            "the front matter is not a set of `key: value` fields",
            "write one `key: value` per line between the --- lines",
            line=offset + 1,
        )
    return data, document.key_lines()


def _parse_toml(header: str, name: str, offset: int) -> tuple[dict, dict]:
    try:
        data = tomllib.loads(header)
    except tomllib.TOMLDecodeError as error:
        where = TOML_LINE_RE.search(str(error))
        last = header.count("\n") + 1  # "at end of document": the last line is where it broke off
        line = offset + (int(where.group(1)) if where else last if "end of document" in str(error) else 1)
        raise InputError(
            name,
            f"malformed TOML front matter: {str(error).split(' (at ')[0]}",
            "fix the TOML between the two +++ lines",
            line=line,
        ) from error
    lines: dict[str, int] = {}
    for number, text in enumerate(header.split("\n"), start=offset + 1):
        if TOML_TABLE_RE.match(text):
            break  # keys after a [table] header belong to that table
        match = TOML_KEY_RE.match(text)
        if match:
            lines.setdefault(match.group(1).strip("\"'"), number)
    return data, lines


# -- canonical fields -----------------------------------------------------------------------


def split_names(value) -> tuple[str, ...] | None:
    """Author names from a string or list; None when `value` is not names.

    `张三 李四` is two names, `Jin Jiefan` one: a space separates names only between Han names."""
    if isinstance(value, str):
        parts: list[str] = []
        for part in NAME_SEPARATORS_RE.split(value.strip()):
            words = part.split()
            parts += words if len(words) > 1 and all(HAN_RE.search(w) for w in words) else [part]
        return tuple(p for p in parts if p) or None
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return tuple(v.strip() for v in value if v.strip()) or None
    return None


def split_tags(value) -> tuple[str, ...] | None:
    if isinstance(value, str):
        return tuple(t for t in NAME_SEPARATORS_RE.split(value.strip()) if t) or None
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value):
        return tuple(str(v).strip() for v in value if str(v).strip())
    return None


# A value written as a Markdown link or an autolink (`[https://…](https://…)`, `<https://…>`): its address.
_LINKED_ADDRESS_RE = re.compile(r"^(?:\[[^\]\n]*\]\((?P<link>[^()\s]+)\)|<(?P<auto>[^<>\s]+)>)$")


def _web_address(value) -> str | None:
    if not isinstance(value, str):
        return None
    linked = _LINKED_ADDRESS_RE.match(value.strip())
    address = (linked.group("link") or linked.group("auto")) if linked else value.strip()
    return address if urlparse(address).scheme in ("http", "https") else None


def _text(value) -> str | None:
    return value.strip() if isinstance(value, str) else None


NORMALISERS = {
    "title": _text,
    "date": parse_date,
    "authors": split_names,
    "source": _text,
    "url": _web_address,
    "tags": split_tags,
    "summary": _text,
}


def normalise(key: str, value):
    """The value of canonical field `key` in its canonical form; None when it is not one."""
    return NORMALISERS[key](value)


def canonical_value(key: str, value):
    """The value in its canonical form, or the value as written when it cannot be used
    (the metadata stage then warns, naming the field and line)."""
    normalised = normalise(key, value)
    return value if normalised is None else normalised


def _canonical_key(name: str) -> str | None:
    folded = re.sub(r"[_\-\s]", "", str(name).lower())
    return next((key for key, names in ALIASES.items() if folded in names), None)


# A template's placeholder left unfilled (`{{ title }}`, `{title}`, `{% … %}`, `<%= title %>`, `${title}`):
# no value at all, never a title or a name.
PLACEHOLDER_RE = re.compile(
    r"\s*(?:\{\{.*\}\}|\{%.*%\}|\{[A-Za-z_][\w.]*\}|<%=?.*%>|\$\{?[A-Za-z_][\w.]*\}?|%[A-Za-z_]\w*%)\s*"
)


def is_placeholder(value) -> bool:
    """Is the value a template's placeholder (`{{ title }}`, `{title}` …) rather than a value?"""
    return isinstance(value, str) and bool(PLACEHOLDER_RE.fullmatch(value))


def canonical_fields(front: FrontMatter, keys: tuple[str, ...] = CANONICAL_KEYS) -> CanonicalFields:
    """Map the fields to canonical keys; fields outside `keys` are recorded as removals."""
    found: dict[str, tuple[int, str]] = {}  # canonical key → (rank of the alias, name as written)
    for name in front.fields:
        key = _canonical_key(name)
        if key in keys:
            rank = ALIASES[key].index(re.sub(r"[_\-\s]", "", str(name).lower()))
            if key not in found or rank < found[key][0]:
                found[key] = (rank, name)
    used = {name: key for key, (_, name) in found.items()}
    values, lines, names, removals = {}, {}, {}, []
    for name, value in front.fields.items():
        line = front.lines.get(str(name), 0)
        key = used.get(name)
        if key is not None and is_placeholder(value):
            removals.append(
                Removal(
                    "template-placeholder",
                    f"front matter field `{name}` holds a template's placeholder, never filled in for this copy",
                    f"{name}: {value}",
                    line,
                )
            )
            continue
        if key is None:
            removals.append(
                Removal(
                    "front-matter-unused",
                    f"front matter field `{name}` is not shown on the page",
                    f"{name}: {value}",
                    line,
                )
            )
            continue
        values[key], lines[key], names[key] = canonical_value(key, value), line, str(name)
        if key in METADATA_ONLY and HAN_RE.search(str(value)):
            removals.append(
                Removal(
                    "front-matter-metadata",
                    f"front matter field `{name}` is page metadata, not body text",
                    f"{name}: {value}",
                    line,
                )
            )
    return CanonicalFields(values, lines, names, (*front.removals, *removals))
