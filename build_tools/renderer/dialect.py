"""Python-Markdown's dialect, which MkDocs (Material) and Zensical both read: attr_list, admonition, .html pages."""

from __future__ import annotations

from collections.abc import Sequence


def _indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line if line else line for line in text.split("\n"))


class PythonMarkdown:
    """The one implementation of `core.dialect.Dialect`."""

    def attributes(self, anchor: str = "", classes: Sequence[str] = (), flags: Sequence[str] = ()) -> str:
        parts = ([f"#{anchor}"] if anchor else []) + [f".{name}" for name in classes] + list(flags)
        return f"{{: {' '.join(parts)} }}" if parts else ""

    def heading(self, level: int, text: str, flags: Sequence[str] = (), anchor: str = "") -> str:
        if anchor and not flags:  # the compact form the glossary's headings have always had
            return "#" * level + f" {text} {{#{anchor}}}"
        marks = ([f"#{anchor}"] if anchor else []) + list(flags)
        return "#" * level + f" {text}" + (f" {{ {' '.join(marks)} }}" if marks else "")

    def admonition(self, kind: str, title: str, body: str) -> str:
        # the title sits in double quotes: a quote inside it would end it early
        return f'!!! {kind} "{title.replace(chr(34), "＂")}"\n\n' + _indent(body)

    def page_url(self, md_path: str) -> str:
        return md_path[:-3] + ".html" if md_path.endswith(".md") else md_path


DIALECT = PythonMarkdown()
