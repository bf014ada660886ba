"""What blog tools write besides CommonMark, read before parsing so none of it reaches a page as text.

Jekyll/kramdown attribute lines (`{: .lead}`, `{:toc}`), Hugo shortcodes (`{{< figure … >}}`,
`{{% notice %}}…{{% /notice %}}`), Liquid tags (`{% include %}`, `{% raw %}`, `{% highlight %}`,
`{{ page.title }}`), MDX/Astro `import`/`export` lines and `<Component />` tags, and table-of-contents
markers (`[TOC]`, `[[_TOC_]]`), and a page's own `<script setup>` / `<style>` blocks (VitePress,
Astro).  Each is turned into what it means when CommonMark has a form for it
(a figure shortcode or component with a picture address → `![caption](src)`, a highlight tag → a
fence), else left out; every change is recorded under a named rule with the text it touched.
Code shows its syntax on purpose: fenced blocks and `{% raw %}` regions are left as they are.
Math (`$…$`, `$$…$$`) and footnotes (`[^1]`) are parser plugins (markdown.py), not text rewrites.
HackMD / CodiMD notes: `[name=…]` and `[time=…]` signatures become `作者：` / `时间：` lines (the
metadata stage reads them at an article's top), `[color=…]` is left out, `==highlight==` becomes
bold and `++inserted++` plain text; `:::info` … `:::` containers (HackMD, Docusaurus, VuePress) keep
their content and lose their fences (a container's own title stays, in bold).  A blockquote an
exporter wrote with an escaped marker (`&gt; …` at a line's start) is a blockquote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from build_tools.core.model import Removal

FENCE_RE = re.compile(r"^[ \t]{0,3}(```|~~~)")
# kramdown's inline/block attribute lists and extensions: a line of its own, or the end of a line.
KRAMDOWN_LINE_RE = re.compile(r"^[ \t]*\{:[^}\n]*\}[ \t]*$")
KRAMDOWN_TRAILING_RE = re.compile(r"[ \t]*\{:[^}\n]*\}[ \t]*$")
# kramdown extensions: a comment (not shown, so left out whole) or the markers of any other one.
KRAMDOWN_COMMENT_RE = re.compile(r"\{::comment\}.*?\{:/(?:comment)?\}")
KRAMDOWN_EXTENSION_RE = re.compile(r"\{::\w+[^}\n]*\}|\{:/\w*\}")
KRAMDOWN_TOC_RE = re.compile(r"^[ \t]*\{:\s*toc\s*\}[ \t]*$", re.I)
LIST_ITEM_RE = re.compile(r"^[ \t]*(?:[*+-]|\d{1,3}[.)])[ \t]+\S")
# Pandoc / Markdown Extra heading attributes: `## 标题 {#id .class}`.
HEADING_ATTRS_RE = re.compile(r"^([ \t]{0,3}#{1,6}[ \t].*?)[ \t]+\{[#.][^}\n]*\}[ \t]*$")
# Table-of-contents markers of Python-Markdown, Typora, GitLab/Azure wikis, Hugo.
TOC_MARKER_RE = re.compile(r"^[ \t]*(?:\[\[?_?TOC_?\]\]?|\{\{[<%]\s*toc\s*[>%]\}\})[ \t]*$", re.I)
# MDX / Astro module lines: `import X from '…'`, `import '…'`, a one-line `export const …`.
MODULE_LINE_RE = re.compile(
    r"""^[ \t]*(?:import\s+(?:[\w$*{}\s,]+\s+from\s+)?['"][^'"\n]+['"]"""
    r"""|export\s+(?:const|let|default|function)\b[^\n]*)[ \t]*;?[ \t]*$"""
)
# A line that is only a component tag (a capitalised name, as MDX and Astro write them).
COMPONENT_LINE_RE = re.compile(
    r"^[ \t]*<(?P<close>/?)(?P<name>[A-Z][\w.]*)(?P<attrs>(?:[^>]|=>)*?)(?P<self>/?)>[ \t]*$"
)
# Hugo shortcodes, `{{< name args >}}` or `{{% name args %}}`, opening, closing or on their own.
SHORTCODE_RE = re.compile(r"\{\{([<%])\s*(?P<close>/?)\s*(?P<name>[\w./-]+)(?P<args>(?:[^}]|\}(?!\}))*?)\s*[>%]\}\}")
# Liquid (Jekyll) tags `{% name … %}` and output `{{ page.title }}`.
LIQUID_TAG_RE = re.compile(r"\{%-?\s*(?P<name>\w+)(?P<args>(?:[^%]|%(?!\}))*?)-?%\}")
LIQUID_OUTPUT_RE = re.compile(r"\{\{-?\s*[A-Za-z_][\w.]*(?:\s*\|[^{}\n]*)?\s*-?\}\}")
ATTRIBUTE_RE = re.compile(r"""(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)'|\{["']([^"'}]*)["']\}|([^\s"'>]+))""")
# `[1]: https://… "title"`: a reference definition, whose address and title are markup, never text.
REFERENCE_DEFINITION_RE = re.compile(
    r"""^[ \t]{0,3}\[[^\]\n^][^\]\n]*\]:[ \t]*<?(?P<address>[^\s>]+)>?"""
    r"""(?:[ \t]+(?:"(?P<t1>[^"\n]*)"|'(?P<t2>[^'\n]*)'|\((?P<t3>[^)\n]*)\)))?[ \t]*$""",
    re.M,
)
FOOTNOTE_DEFINITION_RE = re.compile(r"^[ \t]{0,3}\[\^(?P<label>[^\]\s]+)\]:")
# HackMD's signature tags; a line (perhaps in a blockquote) made only of them is a metadata line.
HACKMD_TAG_RE = re.compile(r"\[(?P<kind>name|time|color)=(?P<value>[^\]\n]*)\]")
HACKMD_LINE_RE = re.compile(r"^(?P<quote>[ \t]*(?:>[ \t]*)*)(?:\[(?:name|time|color)=[^\]\n]*\][ \t]*)+$")
HACKMD_FIELDS = {"name": "作者", "time": "时间"}
# HackMD's tag line under the title: `###### tags: `笔记` `芯片``, a heading only by its look.
HACKMD_TAGS_RE = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+tags[ \t]*[:：][ \t]*(?P<tags>(?:`[^`\n]+`[ \t,，、]*)+)$", re.I)
# `==highlight==` and `++inserted++` (markdown-it's mark and ins plugins, HackMD, Typora): no space inside the marks.
HIGHLIGHT_RE = re.compile(r"(?<![=A-Za-z0-9_])==(?=[^\s=])(?P<text>[^=\n]*?[^\s=])==(?!=)")
INSERTED_RE = re.compile(r"(?<![+A-Za-z0-9_])\+\+(?=[^\s+])(?P<text>[^+\n]*?[^\s+])\+\+(?!\+)")
# A container fence: `:::info`, `::: warning 标题`, `:::spoiler 标题`, and its closing `:::`.
CONTAINER_RE = re.compile(r"^[ \t]{0,3}:{3,}[ \t]*(?P<kind>[A-Za-z][\w-]*)?[ \t]*(?P<title>[^\n]*?)[ \t]*$")
ESCAPED_QUOTE_RE = re.compile(r"^(?P<indent>[ \t]{0,3})(?:&gt;|&#62;|&#x3[eE];)(?=[ \t]|$)")
PICTURE_NAMES = {"figure", "img", "image", "picture", "photo"}
# Where a blog's excerpt ends: Middleman's `READMORE`, WordPress's and Hexo's `<!--more-->`.
EXCERPT_MARK_RE = re.compile(r"^[ \t]*(?:READMORE|<!--\s*more\s*-->)[ \t]*$", re.I)
# Two or more `#tag`s and nothing else (`#infographics #比较`): never a heading, though `#` opens it.
HASHTAG_LINE_RE = re.compile(r"^[ \t]*#[^\s#]+(?:[ \t]+#[^\s#]+)+[ \t]*$")
CAPTION_KEYS = ("caption", "title", "alt", "attr")


@dataclass
class _Reader:
    first_line: int
    notes: list[Removal] = field(default_factory=list)

    def note(self, rule: str, reason: str, text: str, index: int) -> None:
        self.notes.append(Removal(rule, reason, text.strip(), self.first_line + index))

    def line(self, line: str, index: int, previous: str) -> tuple[str, bool]:
        """The line as CommonMark should see it, and whether the previous line (a kramdown TOC list) goes too."""
        if EXCERPT_MARK_RE.match(line):
            self.note("excerpt-marker", "a blog tool's excerpt marker (`READMORE`, `<!--more-->`)", line, index)
            return "", False
        if HASHTAG_LINE_RE.match(line):
            self.note("hashtag-line", "a line of the post's hashtags: tags, not a heading or text", line, index)
            return "", False
        if KRAMDOWN_TOC_RE.match(line):
            drop_previous = bool(LIST_ITEM_RE.match(previous))
            self.note("toc-marker", "a table-of-contents marker: the site's navigation replaces it", line, index)
            return "", drop_previous
        if TOC_MARKER_RE.match(line):
            self.note("toc-marker", "a table-of-contents marker: the site's navigation replaces it", line, index)
            return "", False
        if KRAMDOWN_LINE_RE.match(line):
            self.note("kramdown-attributes", "kramdown attributes style the page they were written for", line, index)
            return "", False
        container = CONTAINER_RE.match(line)
        if container:
            self.note("container-fence", "a container's fence: markup of the note, its content is kept", line, index)
            title = container.group("title").strip()
            return (f"**{title}**" if title and container.group("kind") else ""), False
        escaped = ESCAPED_QUOTE_RE.match(line)
        if escaped:
            self.note("escaped-blockquote", "a blockquote marker the exporter wrote as `&gt;`", line, index)
            line = escaped.group("indent") + ">" + line[escaped.end() :]
        line = self.hackmd(line, index)
        if MODULE_LINE_RE.match(line):
            self.note("mdx-import", "an MDX/Astro module line: code of the site, not text", line, index)
            return "", False
        component = COMPONENT_LINE_RE.match(line)
        if component:
            return self.component(component, index), False
        for pattern in (KRAMDOWN_COMMENT_RE, KRAMDOWN_EXTENSION_RE):
            line = pattern.sub(lambda m: self.kramdown(m, index), line)
        heading = HEADING_ATTRS_RE.match(line)
        if heading:
            self.note("heading-attributes", "heading attributes style the page they were written for", line, index)
            line = heading.group(1)
        trailing = KRAMDOWN_TRAILING_RE.search(line)
        if trailing:
            self.note("kramdown-attributes", "kramdown attributes style the page they were written for", line, index)
            line = line[: trailing.start()]
        line = SHORTCODE_RE.sub(lambda m: self.shortcode(m, index), line)
        line = LIQUID_TAG_RE.sub(lambda m: self.liquid(m, index), line)
        return LIQUID_OUTPUT_RE.sub(lambda m: self.placeholder(m, index), line), False

    def hackmd(self, line: str, index: int) -> str:
        """HackMD's signature tags, highlights and insertions, as what they mean."""
        tags = HACKMD_TAGS_RE.match(line)
        if tags:
            self.note("hackmd-tags", "a HackMD tag line, read as the note's tags", line, index)
            return "标签：" + "、".join(t.strip() for t in re.findall(r"`([^`\n]+)`", tags.group("tags")))
        signature = HACKMD_LINE_RE.match(line)
        if signature:
            self.note("hackmd-signature", "a HackMD signature, read as the note's author and time", line, index)
            values: dict[str, list[str]] = {}
            for tag in HACKMD_TAG_RE.finditer(line):
                if tag.group("kind") in HACKMD_FIELDS and tag.group("value").strip():
                    values.setdefault(HACKMD_FIELDS[tag.group("kind")], []).append(tag.group("value").strip())
            return signature.group("quote") + "  ".join(f"{key}：{'、'.join(v)}" for key, v in values.items())
        if HACKMD_TAG_RE.search(line):
            self.note("hackmd-signature", "a HackMD signature tag inside a line: its value is kept", line, index)
            line = HACKMD_TAG_RE.sub(lambda m: "" if m.group("kind") == "color" else m.group("value"), line)
        if HIGHLIGHT_RE.search(line) or INSERTED_RE.search(line):
            self.note("highlight-marks", "`==highlight==` / `++inserted++` marks: the text is kept", line, index)
            line = INSERTED_RE.sub(r"\g<text>", HIGHLIGHT_RE.sub(r"**\g<text>**", line))
        return line

    def kramdown(self, match: re.Match, index: int) -> str:
        self.note(
            "kramdown-attributes", "a kramdown extension marks the page it was written for", match.group(0), index
        )
        return ""

    def picture(self, attrs: str) -> str:
        """`![caption](src)` from a tag's attributes, or "" when it names no picture address."""
        values = _attributes(attrs)
        src = values.get("src", "")
        if not re.match(r"https?://", src):
            return ""
        caption = next((values[k] for k in CAPTION_KEYS if values.get(k)), "")
        return f"![{caption.replace(']', '］')}]({src.replace(')', '%29').replace(' ', '%20')})"

    def component(self, match: re.Match, index: int) -> str:
        if match.group("self") and match.group("name").lower() in PICTURE_NAMES | {"figureimage", "zoom"}:
            picture = self.picture(match.group("attrs"))
            if picture:
                self.note("mdx-component", "a picture component, read as a figure", match.group(0), index)
                return picture
        self.note(
            "mdx-component",
            "an MDX/Astro component tag: markup of the site, its content is kept",
            match.group(0),
            index,
        )
        return ""

    def shortcode(self, match: re.Match, index: int) -> str:
        if not match.group("close") and match.group("name").lower() in PICTURE_NAMES:
            picture = self.picture(match.group("args"))
            if picture:
                self.note("hugo-shortcode", "a figure shortcode, read as a figure", match.group(0), index)
                return picture
        self.note(
            "hugo-shortcode", "a Hugo shortcode: markup of the site, the text it wraps is kept", match.group(0), index
        )
        return ""

    def liquid(self, match: re.Match, index: int) -> str:
        name = match.group("name").lower()
        self.note("liquid-tag", "a Liquid tag: markup of the site, the text it wraps is kept", match.group(0), index)
        if name == "include":
            picture = self.picture(match.group("args"))
            if picture:
                return picture
        if name == "highlight":
            return "```" + (match.group("args").split() or [""])[0]
        return "```" if name == "endhighlight" else ""

    def placeholder(self, match: re.Match, index: int) -> str:
        self.note(
            "template-placeholder", "a template's placeholder, never filled in for this copy", match.group(0), index
        )
        return ""


def _attributes(text: str) -> dict[str, str]:
    return {m.group(1).lower(): next(g for g in m.groups()[1:] if g is not None) for m in ATTRIBUTE_RE.finditer(text)}


def reference_definition_markup(text: str) -> list[str]:
    """The addresses and titles of a Markdown text's reference definitions (for the fidelity audit:
    what they hold is markup, kept in links or dropped with them, never text a rule should record)."""
    return [
        part for m in REFERENCE_DEFINITION_RE.finditer(text) for part in m.group("address", "t1", "t2", "t3") if part
    ]


def _unreferenced_footnotes(lines: list[str], reader: _Reader) -> None:
    """A footnote definition no marker points to is never shown by the parser: left out, and recorded."""
    text = "\n".join(lines)
    index, fenced = 0, False
    while index < len(lines):
        if FENCE_RE.match(lines[index]):
            fenced = not fenced
        match = None if fenced else FOOTNOTE_DEFINITION_RE.match(lines[index])
        if not match or f"[^{match.group('label')}]" in text.replace(match.group(0).strip(), "", 1):
            index += 1
            continue
        end = index + 1  # its continuation lines are indented
        while end < len(lines) and (lines[end].startswith(("    ", "\t")) or not lines[end].strip()):
            end += 1
        while end > index + 1 and not lines[end - 1].strip():
            end -= 1
        reader.note(
            "footnote-unreferenced",
            "a footnote no marker in the text points to: Markdown does not show it",
            "\n".join(lines[index:end]),
            index,
        )
        lines[index:end] = [""] * (end - index)
        index = end


def _component_contents_dedented(lines: list[str]) -> None:
    """The lines inside a component tag pair (`<LazySlide …>` … `</LazySlide>`) lose the indent the
    author gave them inside the tag: with the tags left out, CommonMark would read a four-space indent
    as a code block and show the embed's HTML as code."""
    fenced = False
    for index, line in enumerate(lines):
        if FENCE_RE.match(line):
            fenced = not fenced
        opening = None if fenced else COMPONENT_LINE_RE.match(line)
        if not opening or opening.group("close") or opening.group("self"):
            continue
        closing = re.compile(rf"^[ \t]*</{re.escape(opening.group('name'))}\s*>[ \t]*$")
        end = next((i for i in range(index + 1, len(lines)) if closing.match(lines[i])), None)
        inside = lines[index + 1 : end] if end else []
        if any(FENCE_RE.match(text) for text in inside):
            continue
        indents = [len(text) - len(text.lstrip(" \t")) for text in inside if text.strip()]
        cut = min(indents, default=0)
        if cut:
            lines[index + 1 : end] = [text[cut:] if text.strip() else text for text in inside]


# A page's own script or style block at a line's start: Vue/VitePress `<script setup>`, Svelte and Astro
# `<script>`, `<style scoped>`.  Markdown passes it to the page as raw HTML; it is code, never text.
PAGE_SCRIPT_OPEN_RE = re.compile(r"^[ \t]{0,3}<(?P<tag>script|style)\b[^>]*>", re.I)


def _page_scripts(lines: list[str], reader: _Reader) -> None:
    """A script or style block of the page is left out whole, and recorded: the data a component
    renders from it (a list of books, a chart's numbers) is code here, shown by no Markdown reader."""
    index, fenced = 0, False
    while index < len(lines):
        if FENCE_RE.match(lines[index]):
            fenced = not fenced
        opening = None if fenced else PAGE_SCRIPT_OPEN_RE.match(lines[index])
        if not opening:
            index += 1
            continue
        closing = re.compile(rf"</{opening.group('tag')}\s*>", re.I)
        end = index
        while end < len(lines) and not closing.search(lines[end][opening.end() if end == index else 0 :]):
            end += 1
        if end == len(lines):  # never closed: not a block of code, so nothing is taken
            index += 1
            continue
        end += 1
        reader.note(
            "page-script",
            f"a <{opening.group('tag').lower()}> block of the page: code of the site; what its components "
            "render from it is not shown",
            "\n".join(lines[index:end]),
            index,
        )
        lines[index:end] = [""] * (end - index)
        index = end


FOOTNOTE_MARKER_RE = re.compile(r"\[\^(?P<label>[^\]\s]+)\](?!:)")


def _undefined_markers(lines: list[str], reader: _Reader) -> None:
    """A footnote marker with no note to point to (`…[^9]`) is a dangling mark: left out, and recorded."""
    defined = {m.group("label") for line in lines if (m := FOOTNOTE_DEFINITION_RE.match(line))}
    fenced = False
    for index, line in enumerate(lines):
        if FENCE_RE.match(line):
            fenced = not fenced
        if fenced or "[^" not in line:
            continue

        def drop(match: re.Match, index: int = index) -> str:
            if match.group("label") in defined:
                return match.group(0)
            reader.note(
                "footnote-marker-undefined", "a footnote marker with no note in the file", match.group(0), index
            )
            return ""

        lines[index] = FOOTNOTE_MARKER_RE.sub(drop, line)


def read_dialects(body: str, first_line: int) -> tuple[str, list[Removal]]:
    """The body with the dialects' markup read or left out (line numbers kept), and a record of each change."""
    reader = _Reader(first_line)
    lines = body.split("\n")
    _page_scripts(lines, reader)
    _component_contents_dedented(lines)
    _unreferenced_footnotes(lines, reader)
    _undefined_markers(lines, reader)
    fenced = raw = False
    for index, line in enumerate(lines):
        if FENCE_RE.match(line):
            fenced = not fenced
        if fenced:  # code shows its syntax on purpose
            continue
        if raw:  # `{% raw %}` … `{% endraw %}`: the text between is shown as written
            end = re.search(r"\{%-?\s*endraw\s*-?%\}", line)
            if not end:
                continue
            reader.note(
                "liquid-tag", "a Liquid tag: markup of the site, the text it wraps is kept", end.group(0), index
            )
            lines[index] = line[: end.start()] + line[end.end() :]
            raw = False
            continue
        opening = re.search(r"\{%-?\s*raw\s*-?%\}", line)
        if opening:
            reader.note(
                "liquid-tag", "a Liquid tag: markup of the site, the text it wraps is kept", opening.group(0), index
            )
            before, _ = reader.line(line[: opening.start()], index, "")
            rest = line[opening.end() :]
            end = re.search(r"\{%-?\s*endraw\s*-?%\}", rest)
            if end:  # raw text on one line, then the line goes on
                reader.note(
                    "liquid-tag", "a Liquid tag: markup of the site, the text it wraps is kept", end.group(0), index
                )
                after, _ = reader.line(rest[end.end() :], index, "")
                rest = rest[: end.start()] + after
            lines[index] = before + rest
            raw = not end
            continue
        line = _join_open_tag(lines, index)
        lines[index], drop_previous = reader.line(line, index, _previous(lines, index))
        if drop_previous:
            back = _previous_index(lines, index)
            reader.note("toc-marker", "the list kramdown replaces by a table of contents", lines[back], back)
            lines[back] = ""
    return "\n".join(lines), reader.notes


OPEN_TAG_RE = re.compile(r"\{\{[<%](?!.*[>%]\}\})|\{%(?!.*%\})")
MAX_TAG_LINES = 8


def _join_open_tag(lines: list[str], index: int) -> str:
    """A shortcode or Liquid tag written over several lines, joined onto its first (the others blanked)."""
    line = lines[index]
    if not OPEN_TAG_RE.search(line):
        return line
    for end in range(index + 1, min(len(lines), index + MAX_TAG_LINES)):
        if FENCE_RE.match(lines[end]) or not lines[end].strip():
            return line
        if re.search(r"[>%]\}\}|%\}", lines[end]):
            joined = " ".join([line.rstrip(), *(piece.strip() for piece in lines[index + 1 : end + 1])])
            lines[index + 1 : end + 1] = [""] * (end - index)
            return joined
    return line


def _previous_index(lines: list[str], index: int) -> int:
    back = index - 1
    while back > 0 and not lines[back].strip():
        back -= 1
    return back


def _previous(lines: list[str], index: int) -> str:
    return lines[_previous_index(lines, index)] if index > 0 else ""
