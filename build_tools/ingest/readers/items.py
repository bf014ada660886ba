"""From a Markdown file's parts to documents: title, metadata lines, one article or several.

Three habits of real files decide this, each on evidence in the file, never on its name:

* Archivers write the article's metadata as a short block of `key: value` lines right
  under the title (`作者：…`, `发布时间：…`, `原文链接：…`).  Those lines are fields,
  not text; the key's words say which field (author, date, link, source…), the value
  must be one (a date that parses, a web address), and the rest are recorded removals.
* A file of several articles gives each its own heading followed by its own metadata
  (a date, a link, an author line) — or rule lines between items that each open with a title
  line and carry such lines; or it has one front matter whose body is a list of
  titled items grouped under several top-level headings.  Either becomes one page per
  item.  A single article stays one page however many sections it has.
* A bilingual article may carry an English title above its Chinese headline: the
  Chinese one is the title.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field, replace
from typing import TypeGuard

from build_tools.core.dates import date_in_text
from build_tools.core.model import Block, Decoded, RawDocument, Removal
from build_tools.core.textutil import HAN_RE, han_count, is_title_like, parse_byline, strip_markup
from build_tools.ingest.readers.frontmatter import CanonicalFields, normalise

KEY_VALUE_RE = re.compile(r"^(?P<key>[^:：\n]{1,24}?)\s*[:：]\s*(?P<value>\S.*)$")
KEY_BREAKERS = set('，。；！？,;!?《》“”"')
MAX_KEY_LENGTH = 10
MAX_METADATA_LINES = 12
# Words a metadata key uses for each canonical field, in either script or English; the first match wins.
KEY_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("url", ("链接", "鏈接", "連結", "网址", "網址", "url", "link")),
    ("date", ("时间", "時間", "日期", "date", "time", "发表", "發表", "发布", "發布", "發佈", "published", "posted")),
    ("authors", ("作者", "撰文", "记者", "記者", "author", "by")),
    ("source", ("来源", "來源", "出处", "出處", "source", "公众号", "公眾號", "channel", "频道", "頻道")),
    ("tags", ("标签", "標籤", "tags", "关键词", "關鍵詞", "keywords")),
    ("summary", ("摘要", "导语", "導語", "summary", "description")),
)
# One space is enough between two fields when the second is a key we know (`作者：张三 来源：某报`).
_KNOWN_KEY = "(?:" + "|".join(w for _, words in KEY_WORDS for w in words if HAN_RE.search(w)) + ")"
WRITER_LINE_RE = re.compile(r"^(?:文|撰文|图文|圖文|文字)\s*[/／|｜]\s*(?P<value>[^\s/／|｜，。].{0,30})$")
_FULL_DATE = r"(?P<date>\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?)"
# `张三 (42866)发表于 2025年07月17日 19时29分 星期四`: a blog's or forum's "posted by" line, with the
# writer's post count; what follows the date (weekday, share buttons) is the page's, not a field.
POSTED_LINE_RE = re.compile(
    r"^(?P<author>[^\s，,。：:()（）]{1,24})\s*(?:[(（]\d+[)）])?\s*(?:发表于|發表於|发布于|發佈於|posted\s+on)\s*"
    rf"{_FULL_DATE}(?P<rest>.{{0,40}})$",
    re.IGNORECASE,
)
# `2018年12月27日08:59  来源：某某网`: a news page's dateline, the date and the source on one line.
DATELINE_SOURCE_RE = re.compile(
    rf"^{_FULL_DATE}\s*(?:\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?\s*"
    r"(?:来源|來源|稿源)\s*[:：]\s*(?P<source>[^\s：:].{0,30}?)\s*$"
)
# `…，原载于某刊。` after a writer's name: where the text first appeared, its source.
SOURCE_CLAUSE_RE = re.compile(
    r"[，,；;]\s*(?:原载于?|原載於?|首发于|首發於|转载自|轉載自|转自|轉自|来源于?|來源於?|刊于|刊於|发表于|發表於|载于|載於)"
    r"[：:]?\s*(?P<source>[^，,。；;]+?)[。.]?$"
)
PICTURE_WORDS = ("封面", "图", "圖", "cover", "image", "img", "picture", "photo")
# A list entry or a numbered section heading (`- …`, `1. …`, `一、…`, `（二）…`, `第三章 …`): never a title.
SECTION_START_RE = re.compile(
    r"^\s*(?:[-*+•·]\s|\d{1,3}(?:\.\d{1,3})*[.、．)）]\s*\S|[一二三四五六七八九十]{1,3}[、.．]"
    r"|[（(][一二三四五六七八九十\d]{1,3}[)）]|第[一二三四五六七八九十百\d]{1,4}[章节節部篇])"
)
ORDINAL_RE = re.compile(r"^\s*\d{1,3}\s*[.、．)）]\s*")
ARTICLE_SIZED = 500  # Han characters an item of an anthology has on average: articles, not sections


@dataclass(frozen=True)
class MetaLine:
    key: str  # as written ("发布时间"), or "link"/"date" for a lone link or date
    value: str
    line: int
    text: str  # what the source shows, for the removal record


@dataclass(frozen=True)
class MetadataLines:
    """`key: value` lines (or a lone link or date) that may be an article's metadata.

    Only at the top of an article are they fields; anywhere else `fallback` (the paragraph) is used."""

    lines: tuple[MetaLine, ...]
    fallback: tuple[Block, ...]


Part = Block | MetadataLines


def _fields_of_line(raw: str) -> list[str]:
    """One source line as the `key: value` fields it holds: several fields share a line when spaces
    separate them (`作者：张三  来源：某报  时间：2024-01-01`)."""
    pieces = re.split(
        rf"(?:[ \t]{{2,}}|\u3000+|[ \t]*[|｜][ \t]*)(?=[^\s:：|｜]{{1,10}}\s*[:：])|[ \t](?={_KNOWN_KEY}\s*[:：])",
        raw.strip(),
    )
    if len(pieces) > 1 and not all(KEY_VALUE_RE.match(p) for p in pieces):
        return [raw.strip()]
    return [piece.strip() for piece in pieces if piece.strip()]


def _keys_joined_to_their_values(lines: list[str]) -> list[tuple[int, str]]:
    """(offset, line) with a key alone on its line (`原始网址：`) joined to the value on the next line,
    as exporters break them; every other line as it is."""
    joined: list[tuple[int, str]] = []
    skip = False
    for offset, raw in enumerate(lines):
        if skip:
            skip = False
            continue
        bare = re.fullmatch(r"\s*([^:：\n]{1,10}?)\s*[:：]\s*", strip_markup(raw))
        if bare and offset + 1 < len(lines) and lines[offset + 1].strip():
            joined.append((offset, raw.rstrip() + lines[offset + 1].strip()))
            skip = True
        else:
            joined.append((offset, raw))
    return joined


def metadata_lines(content: str, first_line: int) -> tuple[MetaLine, ...] | None:
    """The `key: value` lines of a paragraph's source, or None when any line is not one.

    `文/张三` (a writer's credit without a colon) is an author line."""
    found = []
    raw_lines = _keys_joined_to_their_values(content.split("\n"))
    for offset, raw in raw_lines:
        shown = strip_markup(raw.strip())
        dateline = DATELINE_SOURCE_RE.match(shown)
        if dateline:
            found.append(MetaLine("日期", dateline.group("date"), first_line + offset, raw.strip()))
            found.append(MetaLine("来源", dateline.group("source"), first_line + offset, raw.strip()))
            continue
        posted = POSTED_LINE_RE.match(shown)
        if posted:
            found.append(MetaLine("作者", posted.group("author"), first_line + offset, raw.strip()))
            found.append(MetaLine("日期", posted.group("date"), first_line + offset, raw.strip()))
            continue
        writer = WRITER_LINE_RE.match(shown)
        if writer:
            found.append(MetaLine("作者", writer.group("value").strip(), first_line + offset, raw.strip()))
            continue
        for piece in _fields_of_line(raw):
            match = KEY_VALUE_RE.match(piece)
            if not match:
                return None
            key = strip_markup(match.group("key")).strip()
            value = match.group("value").strip()
            # `**作者:** 张三`: the bold closes after the colon
            if match.group("key").lstrip().startswith(("**", "__")):
                value = re.sub(r"^(\*\*|__)\s*", "", value)
            if not key or len(key) > MAX_KEY_LENGTH or KEY_BREAKERS & set(key) or value.startswith("//"):
                return None
            clause = SOURCE_CLAUSE_RE.search(value)
            named = field_of(key, value[: clause.start()]) if clause else None
            if clause and named and named[0] == "authors":
                # `作者：李华，原载于某刊`: the author, then where the text first appeared
                found.append(MetaLine(key, value[: clause.start()].strip(), first_line + offset, piece))
                found.append(MetaLine("来源", clause.group("source").strip(), first_line + offset, piece))
                continue
            found.append(MetaLine(key, value, first_line + offset, piece))
    return tuple(found) or None


def field_of(key: str, value: str) -> tuple[str, object] | None:
    """(canonical key, value) for one metadata line; None when the key names no field we use
    (a picture, a place) or the value is not of its kind (a "date" that does not parse)."""
    folded = key.lower()

    def names(word: str) -> bool:
        return word in folded if HAN_RE.search(word) else bool(re.search(rf"\b{word}\b", folded))

    if any(names(word) for word in PICTURE_WORDS):
        return None
    for canonical, words in KEY_WORDS:
        if any(names(word) for word in words):
            normalised = normalise(canonical, value)
            return (canonical, normalised) if normalised else None
    return None


def plain(text: str) -> str:
    """Inline Markdown of our own making → the text a reader sees (titles are plain text)."""
    return html.unescape(strip_markup(text)).strip()


@dataclass
class _Item:
    heading: Block | None
    parts: list[Part] = field(default_factory=list)


# -- deciding: one article or several -----------------------------------------------------------


def _is_heading(part: Part, level: int | None = None) -> TypeGuard[Block]:
    return isinstance(part, Block) and part.kind == "heading" and (level is None or part.level == level)


BYLINE_MAX = 30


def _is_byline(part: Part) -> bool:
    """A short paragraph that reads as a reporter's byline (`本报记者 张敏 冯雨瑶`, `记者 … 通讯员 …`)."""
    if not isinstance(part, Block) or part.kind != "paragraph":
        return False
    text = plain(part.text)
    return len(text) <= BYLINE_MAX and parse_byline(text) is not None


def _opens_as_title(parts: list[Part], index: int) -> bool:
    """A heading opening the text is its title, unless it is the first of its sections: numbered like one,
    or followed by other headings of its level (`## 一、背景` … `## 二、分析`)."""
    heading = parts[index]
    if not _is_heading(heading) or SECTION_START_RE.match(plain(heading.text)):
        return False
    return not any(_is_heading(p) and p.level <= heading.level for p in parts[index + 1 :])


def _is_rule(part: Part) -> bool:
    return isinstance(part, Block) and part.kind == "rule"


def _is_metadata(part: Part) -> bool:
    return isinstance(part, MetadataLines) and any(field_of(m.key, m.value) for m in part.lines)


def _lone_link(part: Part) -> bool:
    return isinstance(part, MetadataLines) and all(m.key == "link" for m in part.lines)


def in_link_list(parts: list[Part], index: int) -> bool:
    """Is this link-only paragraph one of several in a row: a list of links (a digest's headlines),
    text of the article, never an item's source link?"""
    return _lone_link(parts[index]) and any(
        0 <= other < len(parts) and _lone_link(parts[other]) for other in (index - 1, index + 1)
    )


def _has_own_metadata(following: list[Part], until: int | None = None) -> bool:
    """A date, a link or an author line among the first parts after an item's heading, or closing the
    item (the source block news digests put under each item, before the rule to the next)."""
    for index, part in enumerate(following[:3]):
        if _is_heading(part):
            break
        if _is_metadata(part) and not in_link_list(following, index):
            return True
    if until is None:
        return False
    tail = [p for p in following[:until] if not (isinstance(p, Block) and p.kind == "rule")]
    return bool(tail) and _is_metadata(tail[-1]) and not in_link_list(tail, len(tail) - 1)


def _cut(parts: list[Part], starts: set[int], is_group) -> tuple[list[_Item], list[Removal]]:
    """Items from their start indexes.  Group headings between them are recorded as removals; text
    under a group heading before its first item goes with that item; text before every item is its own."""
    preamble: list[Part] = []
    items: list[_Item] = []
    removals: list[Removal] = []
    pending: list[Part] | None = None  # a list while under a group heading, before its first item
    for index, part in enumerate(parts):
        if index in starts:
            assert isinstance(part, Block)  # the starts are headings
            items.append(_Item(part, pending or []))
            pending = None
        elif is_group(index, part):
            assert isinstance(part, Block)  # a group is a heading
            removals.append(
                Removal(
                    "multi-item-group-heading",
                    "a heading that groups several articles of the file; each article has its own page",
                    plain(part.text),
                    part.line,
                )
            )
            pending = []
        elif pending is not None:
            pending.append(part)
        else:
            (items[-1].parts if items else preamble).append(part)
    leftover = pending or []
    (items[-1].parts if items else preamble).extend(leftover)
    if any(isinstance(p, MetadataLines) or p.kind not in ("rule", "heading") for p in preamble):
        items.insert(0, _Item(None, preamble))
    else:  # only the collection's own title above the items
        removals += [
            Removal(
                "multi-item-collection-title",
                "the title of the whole collection; each article has its own page",
                plain(p.text),
                p.line,
            )
            for p in preamble
            if isinstance(p, Block) and p.kind == "heading"  # the preamble is all blocks here
        ]
    return items, removals


def _items_with_own_metadata(parts: list[Part]) -> tuple[list[_Item], list[Removal]] | None:
    """Several same-level headings, (nearly) each followed by its own date, link or author line."""
    for level in (1, 2, 3):
        starts = [i for i, p in enumerate(parts) if _is_heading(p, level)]
        ends = starts[1:] + [len(parts)]
        own = sum(1 for i, end in zip(starts, ends) if _has_own_metadata(parts[i + 1 :], end - i - 1))
        if len(starts) >= 2 and own >= 2 and own * 3 >= len(starts) * 2:
            return _cut(parts, set(starts), lambda _, p, level=level: _is_heading(p) and p.level < level)
    return None


def _opens_an_item(part: Part) -> bool:
    """A heading, or a title-like line set as a paragraph (digests that mark no headings)."""
    if _is_heading(part):
        return True
    return (
        isinstance(part, Block)
        and part.kind == "paragraph"
        and is_title_like(part.text, max_len=40)
        and not SECTION_START_RE.match(plain(part.text))
    )


def _items_between_rules(parts: list[Part]) -> tuple[list[_Item], list[Removal]] | None:
    """Items that rule lines (`* * *`, `---`) separate, (nearly) each opening with its title and carrying
    its own date, link or source lines, under the title or closing the item."""
    segments: list[list[int]] = [[]]
    for index, part in enumerate(parts):
        if _is_rule(part):
            segments.append([])
        else:
            segments[-1].append(index)
    segments = [segment for segment in segments if segment]
    starts = [
        segment[0]
        for segment in segments
        if _opens_an_item(parts[segment[0]]) and _has_own_metadata([parts[i] for i in segment[1:]], len(segment) - 1)
    ]
    if len(starts) < 2 or len(starts) * 3 < len(segments) * 2:
        return None
    titled = [
        replace(part, kind="heading", level=1) if index in starts and isinstance(part, Block) else part
        for index, part in enumerate(parts)
    ]
    kept = [part for part in titled if not _is_rule(part)]  # the rules only separated the items
    rules_before = [sum(1 for p in parts[:index] if _is_rule(p)) for index in starts]
    return _cut(kept, {index - rules for index, rules in zip(starts, rules_before)}, lambda _i, _p: False)


def _anthology(parts: list[Part], front_title: str) -> tuple[list[_Item], list[Removal]] | None:
    """One front matter over several top-level headings: a collection of articles.

    Under a top-level heading with two or more second-level ones, those are the articles
    (the top-level heading groups them); otherwise the top-level heading is one."""
    tops = [i for i, p in enumerate(parts) if _is_heading(p, 1) and plain(p.text) != front_title]
    if len(tops) < 2:
        return None
    starts: list[int] = []
    for top, end in zip(tops, tops[1:] + [len(parts)]):
        seconds = [i for i in range(top + 1, end) if _is_heading(parts[i], 2)]
        starts += seconds if len(seconds) >= 2 else [top]
    groups = set(tops) - set(starts)
    items, removals = _cut(parts, set(starts), lambda i, _: i in groups)
    headed = [item for item in items if item.heading is not None]
    sizes = [sum(han_count(_part_text(p)) for p in item.parts) for item in headed]
    if not sizes or sum(sizes) / len(sizes) < ARTICLE_SIZED:
        return None
    # An article's own top-level headings are sections, however long: they are articles when each says
    # who wrote it or when, or when top-level headings group them (albums of article-sized items).
    own = sum(1 for item in headed if _has_own_metadata(item.parts, len(item.parts)))
    if not groups and (own < 2 or own * 3 < len(headed) * 2):
        return None
    return items, removals


def _part_text(part: Part) -> str:
    blocks = part.fallback if isinstance(part, MetadataLines) else (part,)
    return " ".join(" ".join([b.text, *b.items]) for b in blocks)


# -- building documents ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Shared:
    """What every document of the file shares."""

    decoded: Decoded
    format: str
    fields: CanonicalFields
    title_candidates: tuple[str, ...]


CLOSING_RULE = "closing-metadata-lines"  # a block of labelled lines closing a single article


def take_metadata(parts: list[Part], rule: str = "metadata-lines") -> tuple[dict, dict, list[Removal], list[Part]]:
    """Fields from the metadata lines at the top of an article; the lines are recorded as removals."""
    top = []
    for index, part in enumerate(parts):
        if not isinstance(part, MetadataLines) or in_link_list(parts, index):
            break
        top.append(part)
    lines = [line for part in top for line in part.lines]
    found = [(meta, field_of(meta.key, meta.value)) for meta in lines]
    if not any(known for _, known in found) or len(lines) > MAX_METADATA_LINES:
        return {}, {}, [], parts
    values: dict[str, object] = {}
    where: dict[str, int] = {}
    removals: list[Removal] = []
    # A standfirst (`摘要：…`) is the article's own text: it gives the summary and stays on the page.
    standfirsts = [part for part in top if all((field_of(m.key, m.value) or ("",))[0] == "summary" for m in part.lines)]
    for meta, known in found:
        if known and known[0] == "summary" and any(meta in part.lines for part in standfirsts):
            values.setdefault("summary", known[1])
            where.setdefault("summary", meta.line)
            continue
        if known and known[0] not in values:
            values[known[0]], where[known[0]] = known[1], meta.line
            removals.append(
                Removal(
                    rule,
                    f"`{meta.key}` is the article's {known[0]}, shown in its header",
                    meta.text,
                    meta.line,
                )
            )
        else:
            removals.append(
                Removal(
                    "metadata-line-unused",
                    f"`{meta.key}` under the title is metadata the page does not show",
                    meta.text,
                    meta.line,
                )
            )
    return values, where, removals, [*standfirsts, *parts[len(top) :]]


def leading_metadata(blocks: list[Block]) -> tuple[dict, dict, list[Removal], list[Block]]:
    """Fields from the labelled paragraphs opening a text read as blocks (an HTML item's `作者：…`,
    `来源：…`), the blocks without them, and a record of each: the article's metadata, not its text."""
    parts: list[Part] = []
    for index, block in enumerate(blocks):
        found = metadata_lines(plain(block.text), block.line) if block.kind == "paragraph" else None
        if not found or not all(field_of(m.key, m.value) for m in found):
            parts += blocks[index:]
            break
        parts.append(MetadataLines(found, (block,)))
    values, where, removals, rest = take_metadata(parts)
    kept = [block for part in rest for block in (part.fallback if isinstance(part, MetadataLines) else (part,))]
    return values, where, removals, kept


def _all_labelled(part: Part) -> bool:
    """Every line of it a labelled field we use (`来源：…`, `发布时间：…`), not a lone link or date."""
    return isinstance(part, MetadataLines) and all(
        m.key not in ("link", "date") and field_of(m.key, m.value) for m in part.lines
    )


# A copyright or contact line closing each item of a news dump (`© 某台`, `電子郵件: …`, `版权所有`).
FOOTER_RE = re.compile(
    r"^\s*(?:©|\(c\)\s|copyright\b|版[权權]所有|(?:[电電]子[邮郵]件|[邮郵]箱|e-?mail|[联聯][系繫][电電]話?|[联聯][络絡]我[们們])"
    r"\s*[:：])",
    re.I,
)


def _is_footer(part: Part) -> bool:
    """A short copyright or contact line (`© 某台`, `電子郵件：…`): the outlet's footer under an item."""
    if isinstance(part, MetadataLines):
        return all(FOOTER_RE.match(strip_markup(m.text)) and len(m.text) <= 120 for m in part.lines)
    if not (isinstance(part, Block) and part.kind == "paragraph"):
        return False
    lines = plain(part.text).split("\n")
    return all(FOOTER_RE.match(line) and len(line) <= 80 for line in lines)


def _take_closing_metadata(parts: list[Part], strict: bool = False) -> tuple[dict, dict, list[Removal], list[Part]]:
    """The source block closing an item (`来源：…`, `原文链接：…`, a lone link), rules after it aside:
    the page's source and link, not its last paragraph.  `strict` (a single article): only labelled fields,
    every line one we use: an article may end on a link or a date of its own."""
    end = len(parts)
    while end and _is_rule(parts[end - 1]):
        end -= 1
    start = end
    while start and (isinstance(parts[start - 1], MetadataLines) or (not strict and _is_footer(parts[start - 1]))):
        start -= 1
    footers = [p for p in parts[start:end] if not strict and (_is_footer(p) or not _is_metadata(p))]
    block = [p for p in parts[start:end] if p not in footers]
    if not block or start == 0 or not all(_is_metadata(p) for p in block):
        return {}, {}, [], parts
    if not all(_is_footer(p) for p in footers):
        return {}, {}, [], parts
    footer_removals = [
        Removal(
            "item-footer",
            "the copyright or contact line every item of the file closes with, not its text",
            "\n".join(m.text for m in p.lines) if isinstance(p, MetadataLines) else plain(p.text),
            p.lines[0].line if isinstance(p, MetadataLines) else p.line,
        )
        for p in footers
    ]
    if footers:
        values, where, removals, rest = take_metadata(block)
        if rest:
            return {}, {}, [], parts
        return values, where, footer_removals + removals, parts[:start] + parts[end:]
    lines = sum(len(p.lines) for p in parts[start:end] if isinstance(p, MetadataLines))
    if strict and (lines < 2 or not all(_all_labelled(p) for p in parts[start:end])):
        return {}, {}, [], parts  # a lone `来源：` closing an article is cleaning's (a chart's note, a source line)
    values, where, removals, rest = take_metadata(parts[start:end], CLOSING_RULE if strict else "metadata-lines")
    if rest:
        return {}, {}, [], parts
    return values, where, removals, parts[:start] + parts[end:]


def _bilingual_title(title: str, parts: list[Part]) -> tuple[str, list[Part]]:
    """An English title followed by the Chinese headline: the Chinese one is the title, the English kept as text."""
    if not title or HAN_RE.search(title) or not parts or not isinstance(parts[0], Block):
        return title, parts
    first = parts[0]
    # A heading whose level recurs further down opens the first of several sections, no headline.
    sections = first.kind == "heading" and any(
        isinstance(p, Block) and p.kind == "heading" and p.level == first.level for p in parts[1:]
    )
    if (first.kind == "heading" and not sections) or (
        first.kind == "paragraph" and is_title_like(first.text, max_len=40)
    ):
        if HAN_RE.search(first.text):
            english = [Block("paragraph", title, line=first.line)] if title else []
            return plain(first.text), english + parts[1:]
    return title, parts


# Not words: punctuation, emoji, spaces, and the `_` a file-name-safe copy puts for quotes (`拼谁能_咬住_`).
_DECORATION_RE = re.compile(r"[\W_]+")


def same_title(one: str, other: str) -> bool:
    """The same words, whatever emoji, spaces and punctuation are around them (`📈 动态：五月` is `动态 五月`)."""
    squashed = _DECORATION_RE.sub("", one)
    return bool(squashed) and squashed == _DECORATION_RE.sub("", other)


def _document(
    shared: _Shared,
    title: str,
    parts: list[Part],
    base: dict,
    removals: list[Removal],
    line: int,
    item: bool = False,
    byline: str = "",
) -> RawDocument:
    # The title again at the top (front matter's title over the same `# heading`): the metadata lines follow it.
    repeated = [
        Removal("repeated-title", "the title again in the body; the page shows it once", plain(part.text), part.line)
        for part in parts[:1]
        if isinstance(part, Block) and part.kind == "heading" and same_title(plain(part.text), title)
    ]
    values, where, dropped, parts = take_metadata(parts[len(repeated) :])
    dropped = repeated + dropped
    # An item of several closes with its own source block; a single article only with labelled fields.
    closing, closing_where, closing_dropped, parts = _take_closing_metadata(parts, strict=not item)
    values, where, dropped = {**closing, **values}, {**closing_where, **where}, dropped + closing_dropped
    if base.get("title") != title:  # a title the front matter states is the title, whatever its language
        title, parts = _bilingual_title(title, parts)
    blocks: list[Block] = []
    for part in parts:
        for block in part.fallback if isinstance(part, MetadataLines) else (part,):
            if block.kind == "heading" and same_title(plain(block.text), title):  # the title again in the body
                dropped.append(
                    Removal(
                        "repeated-title",
                        "the title again in the body; the page shows it once",
                        plain(block.text),
                        block.line,
                    )
                )
                continue
            if block.kind == "figure" and plain(block.text) == title:
                block = replace(block, text="")  # an alt text that only repeats the title
            blocks.append(block)
    while blocks and blocks[-1].kind == "rule":
        blocks.pop()  # the rule that separated this item from the next
    while blocks and blocks[0].kind == "rule":
        blocks.pop(0)
    front = {**base, **values}
    if "date" not in front and date_in_text(title):
        front["date"] = date_in_text(title)  # a digest's title states its day
    names = {key: shared.fields.names.get(key, key) for key in front}
    lines = {**{k: v for k, v in shared.fields.lines.items() if k in base}, **where}
    return RawDocument(
        source=shared.decoded,
        format=shared.format,
        title=title,
        blocks=tuple(blocks),
        byline=byline,
        front_matter=front,
        front_matter_lines=lines,
        front_matter_names=names,
        title_candidates=shared.title_candidates,
        removals=tuple(removals + dropped),
        line=line,
    )


def documents_from_parts(
    decoded: Decoded,
    fmt: str,
    parts: list[Part],
    fields: CanonicalFields,
    removals: tuple[Removal, ...],
    title_candidates: tuple[str, ...],
) -> list[RawDocument]:
    """One document, or one per item when the file holds several articles."""
    shared = _Shared(decoded, fmt, fields, title_candidates)
    front_value = fields.values.get("title")
    front_title = front_value if isinstance(front_value, str) else ""
    split = (
        _items_with_own_metadata(parts)
        or _items_between_rules(parts)
        or (_anthology(parts, front_title) if front_title else None)
    )
    if split is None:
        title = front_title
        byline = ""
        found = next((p for p in parts[:3] if _is_byline(p)), None)
        if isinstance(found, Block):  # `本报记者 张敏` above or under the headline: the byline, not text or title
            byline = plain(found.text)
            parts = [p for p in parts if p is not found]
        if not title:
            opening = next((i for i, p in enumerate(parts) if not isinstance(p, MetadataLines)), len(parts))
            index = next(  # the first `# ` heading, else a heading that opens the text (metadata lines aside)
                (i for i, p in enumerate(parts) if _is_heading(p, 1)),
                opening if opening < len(parts) and _opens_as_title(parts, opening) else None,
            )
            if index is not None:
                heading = parts[index]
                assert isinstance(heading, Block)  # a heading, found just above
                title, parts = plain(heading.text), parts[:index] + parts[index + 1 :]
        return [
            _document(shared, title, parts, fields.values, list(removals) + list(fields.removals), 1, byline=byline)
        ]
    items, grouping = split
    shared_removals = list(removals) + list(fields.removals) + grouping
    if front_title:
        shared_removals.append(
            Removal(
                "multi-item-collection-title",
                "the title of the whole collection; each article has its own page",
                front_title,
                fields.lines.get("title", 0),
            )
        )
    base = {k: v for k, v in fields.values.items() if k not in ("title", "summary")}
    documents: list[RawDocument] = []
    for item in items:
        title = ORDINAL_RE.sub("", plain(item.heading.text)) if item.heading else front_title
        line = item.heading.line if item.heading else 1
        first = shared_removals if not documents else []
        documents.append(_document(shared, title, item.parts, base, first, line, item=item.heading is not None))
    return documents
