"""A JavaScript or TypeScript module that holds an article as data: a site's post kept in code.

Personal sites built with React and the like keep each post as a module returning an object
(`title: "…"`, `date: "…"`, `keywords: […]`) and a JSX body.  The string fields are the
article's front matter, the JSX is its HTML (read by the HTML reader like any fragment), and
the rest is program code, recorded as left out.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace

from build_tools.core.model import Decoded, RawDocument, Removal
from build_tools.core.textutil import HAN_RE
from build_tools.ingest.readers.base import Traits
from build_tools.ingest.readers.html import HTML_TAG_RE, HtmlReader
from build_tools.ingest.readers.registry import register

# A module's own opening: an import, an export or a function, within its first lines.
MODULE_RE = re.compile(
    r"^\s*(import\s+[\w{*][^\n]*\bfrom\s+['\"]|export\s+(default\s+)?(function|const|class)\b|"
    r"(async\s+)?function\s+\w+\s*\(|module\.exports\s*=)",
    re.M,
)
FIELD_RE = re.compile(
    r"^\s*(?P<key>title|date|description|summary|author|authors|category)\s*:\s*(?P<q>[\"'`])(?P<value>.*?)(?P=q)\s*,?\s*$",
    re.M,
)
# `description:` with its string on the next line, as formatters wrap long ones.
WRAPPED_FIELD_RE = re.compile(
    r"^\s*(?P<key>title|description|summary)\s*:\s*\n\s*(?P<q>[\"'`])(?P<value>.*?)(?P=q)\s*,?\s*$", re.M
)
LIST_FIELD_RE = re.compile(r"^\s*(?P<key>keywords|tags)\s*:\s*\[(?P<values>[^\]]*)\]", re.M | re.S)
STRING_RE = re.compile(r"([\"'`])(.*?)\1", re.S)
JSX_WRAPPER_RE = re.compile(r"</?(React\.)?Fragment>|<>|</>")
JSX_EXPRESSION_ATTR_RE = re.compile(r"=\{[^{}]*(\{[^{}]*\}[^{}]*)*\}")
JSX_TEXT_EXPRESSION_RE = re.compile(r"\{\s*([\"'`])(.*?)\1\s*\}")


def _is_markup_line(line: str) -> bool:
    return line.lstrip().startswith("<")


@register(priority=65)
class ScriptModuleReader:
    """A JS/TS module whose object holds a post: string fields and a JSX body."""

    name = "script-module"
    traits = Traits()

    def score(self, text: str) -> float:
        """The file opens as code (a Markdown article quoting a module opens with its own words)."""
        stripped = text.lstrip("\ufeff \t\n")
        first = stripped.split("\n", 1)[0]
        opens_as_code = bool(MODULE_RE.match(first) or first.startswith(("//", "/*", "'use ", '"use ')))
        opening = "\n".join(stripped.split("\n")[:40])
        if not opens_as_code or not MODULE_RE.search(opening) or not FIELD_RE.search(text):
            return 0.0
        return 0.98 if len(HTML_TAG_RE.findall(text)) >= 3 else 0.0

    def read(self, decoded: Decoded) -> list[RawDocument]:
        lines = decoded.text.split("\n")
        markup = [i for i, line in enumerate(lines) if _is_markup_line(line)]
        start, end = markup[0], markup[-1]
        code_above = "\n".join(lines[:start])  # the object's fields stand above its markup
        fields: dict[str, object] = {}
        for pattern in (FIELD_RE, WRAPPED_FIELD_RE):
            for match in pattern.finditer(code_above):
                fields.setdefault(match.group("key"), match.group("value"))
        for match in LIST_FIELD_RE.finditer(code_above):
            fields.setdefault("tags", [value for _, value in STRING_RE.findall(match.group("values"))])
        body = JSX_WRAPPER_RE.sub("", "\n".join(lines[start : end + 1]))
        body = JSX_TEXT_EXPRESSION_RE.sub(r"\2", JSX_EXPRESSION_ATTR_RE.sub('=""', body)).replace(
            "className=", "class="
        )
        head = ["---", *(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items()), "---"]
        padding = [""] * max(0, start - len(head))  # the body keeps the lines it has in the seed
        text = "\n".join([*head, *padding, body])
        code = [line for i, line in enumerate(lines) if not start <= i <= end]
        documents = HtmlReader().read(replace(decoded, text=text))
        removed = "\n".join(line for line in code if HAN_RE.search(line) and not _is_field_line(line))
        extra = (
            (Removal("program-code", "the module's program code is not article text", removed, 1),) if removed else ()
        )
        return [
            replace(document, source=decoded, format=self.name, removals=(*document.removals, *extra))
            for document in documents
        ]


def _is_field_line(line: str) -> bool:
    return bool(FIELD_RE.match(line) or STRING_RE.fullmatch(line.strip().rstrip(",")))
