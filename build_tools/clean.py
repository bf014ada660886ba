"""Cleaning: what a careful human editor does to an extracted article, in a fixed order.

Each rule is a small function with a docstring naming the editor's habit it
encodes.  Rules never lose a sentence silently: whatever they drop is returned as
a `Removal` with the rule's name, so the build report can account for every Han
character.  Rules are idempotent: cleaning a cleaned article changes nothing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Callable

from .captions import alt_text_is_not_a_caption, dated_lines_are_captions, one_caption_per_picture
from .model import Article, Block, CleanReport, RawDocument, Removal
from .readers.base import join_wrapped
from .textutil import (CONTINUATION_START, HAN, ends_sentence, is_list_entry, is_reference_heading, is_title_like, strip_markup,
                       unbalanced_quote)


@dataclass
class Context:
    """What rules may know about the document besides its blocks."""

    format: str
    title: str
    back_matter: bool = False     # a report's reference list or back cover
    removals: list[Removal] = field(default_factory=list)
    repairs: list[str] = field(default_factory=list)

    def drop(self, rule: str, reason: str, block: Block) -> None:
        text = block.text or " ".join(block.items) or " ".join(c.text for c in block.children)
        if text or block.notes:
            self.removals.append(Removal(rule, reason, " ".join([text, *block.notes]).strip(), block.line))


Rule = Callable[[list[Block], Context], list[Block]]

# -- boilerplate --------------------------------------------------------------------------

DISCLAIMER_RE = re.compile(
    r"^(特别声明|特別聲明|免责声明|免責聲明|声明|聲明)[:：].*(仅提供信息存储|僅提供信息存儲|僅提供資訊儲存|不代表本)"
    r"|^Notice[:：]\s*The content above.*(information storage|does not represent)", re.I)
READING_TAIL_RE = re.compile(r"^(推荐阅读|推薦閱讀|相关阅读|相關閱讀|延伸阅读|延伸閱讀|往期回顾|往期回顧|猜你喜欢|猜你喜歡|热门推荐|熱門推薦)\s*[-—:：]*\s*$")
PLACEHOLDER_RE = re.compile(r"^[\[【（(]?\s*(图片|圖片|图|圖|image|img|photo|视频|視頻)\s*[\]】）)]?$", re.I)


def drop_platform_disclaimers(blocks: list[Block], ctx: Context) -> list[Block]:
    """Platforms append a legal notice (often in Chinese and English) that is not the author's text."""
    kept = []
    for block in blocks:
        if block.kind == "paragraph" and DISCLAIMER_RE.search(strip_markup(block.text)):
            ctx.drop("platform-disclaimer", "the platform's legal notice, not part of the article", block)
        else:
            kept.append(block)
    return kept


def drop_reading_tail(blocks: list[Block], ctx: Context) -> list[Block]:
    """A "推荐阅读" marker and the link titles after it are the platform's, not the author's."""
    for index, block in enumerate(blocks):
        if block.kind in ("paragraph", "heading") and READING_TAIL_RE.match(strip_markup(block.text).strip()):
            tail = blocks[index:]
            if all(b.kind != "paragraph" or is_title_like(b.text, max_len=40) or b is block for b in tail):
                for dropped in tail:
                    ctx.drop("recommended-reading", "a list of other articles appended by the platform", dropped)
                return blocks[:index]
    return blocks


def drop_empty_placeholders(blocks: list[Block], ctx: Context) -> list[Block]:
    """Extraction leaves "[图片]" where a picture was, and figures with neither picture nor caption."""
    kept = []
    for block in blocks:
        if block.kind == "paragraph" and PLACEHOLDER_RE.match(strip_markup(block.text).strip()):
            ctx.drop("empty-image-placeholder", "a placeholder for a picture the export lost", block)
        elif block.kind == "figure" and not block.text and not block.src and not block.notes:
            ctx.repairs.append(f"line {block.line}: dropped an empty picture placeholder")
        else:
            kept.append(block)
    return kept


# -- structure ----------------------------------------------------------------------------

LONE_NUMBER_RE = re.compile(r"^\s*(?:第\s*)?([0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*(?:[、.．)）]|节|節)?\s*$")
FIGURE_NOTE_RE = re.compile(r"^(来源|來源|资料来源|資料來源|数据来源|數據來源|说明|說明|注|註)\s*[:：]")
CHINESE_NUMERALS = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}


def _number_value(text: str) -> int | None:
    match = LONE_NUMBER_RE.match(strip_markup(text))
    if not match:
        return None
    raw = match.group(1)
    if raw.isdigit():
        return int(raw)
    if len(raw) == 1:
        return CHINESE_NUMERALS[raw]
    return None


def chinese_numeral(value: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十: how a Chinese editor numbers sections (1–99)."""
    tens, units = divmod(value, 10)
    digits = " 一二三四五六七八九"
    if tens == 0:
        return digits[units]
    return (digits[tens] if tens > 1 else "") + "十" + (digits[units] if units else "")


def lone_numbers_become_section_marks(blocks: list[Block], ctx: Context) -> list[Block]:
    """A lone "1", "2" … between paragraphs numbers the sections: a section mark (一、二…), not a
    heading, since a number says nothing in the page's table of contents.

    Numbers that do not count up from 1 are page numbers left by extraction and are dropped.
    """
    numbered = [(i, _number_value(b.text)) for i, b in enumerate(blocks) if b.kind == "paragraph"]
    numbered = [(i, v) for i, v in numbered if v is not None]
    values = [v for _, v in numbered]
    sequential = len(values) >= 2 and values == list(range(values[0], values[0] + len(values))) and values[0] in (1, 2)
    result = list(blocks)
    for index, value in reversed(numbered):
        if sequential and value < 100:
            result[index] = Block("section", chinese_numeral(value), line=blocks[index].line, anchor=f"section-{value}")
        else:
            ctx.drop("page-number", "a lone number that does not count sections: a page number", blocks[index])
            del result[index]
    return result


def _has_numbered_sections(blocks: list[Block]) -> bool:
    return sum(1 for b in blocks if b.kind == "section") >= 2


def chart_titles_become_figures(blocks: list[Block], ctx: Context) -> list[Block]:
    """A chart title followed by 来源/说明 lines describes a lost chart: a figure note, not a section."""
    result: list[Block] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if block.kind in ("heading", "paragraph") and (block.kind == "heading" or is_title_like(block.text)):
            notes: list[str] = []
            look = index + 1
            while look < len(blocks) and (blocks[look].kind == "break" or (
                    blocks[look].kind == "paragraph" and FIGURE_NOTE_RE.match(strip_markup(blocks[look].text)))):
                if blocks[look].kind == "paragraph":
                    notes.append(blocks[look].text)
                look += 1
            if notes:
                result.append(Block("figure", block.text, notes=tuple(notes), line=block.line))
                index = look
                continue
        result.append(block)
        index += 1
    return result


def title_lines_become_headings(blocks: list[Block], ctx: Context) -> list[Block]:
    """A short line without sentence punctuation between paragraphs is a subhead.

    In a document whose sections are already numbered, such lines are picture
    captions instead (the numbers are the headings), so they become figure notes.
    Markdown reports and HTML mark their headings themselves and are left alone.
    """
    if ctx.format in ("report", "html"):
        return blocks
    numbered = _has_numbered_sections(blocks)
    result: list[Block] = []
    for block in blocks:
        previous = next((b for b in reversed(result) if b.kind != "break"), None)
        runs_on = previous is not None and previous.kind == "paragraph" and _continues(previous, block, ctx.format, strong_only=True)
        if block.kind != "paragraph" or not is_title_like(block.text) or runs_on:
            result.append(block)
        elif numbered:
            result.append(Block("figure", block.text, line=block.line))
        else:
            result.append(Block("heading", block.text.strip(), level=2, line=block.line))
    return result


def report_standfirst(blocks: list[Block], ctx: Context) -> list[Block]:
    """A report chapter opens with a one-line summary without a full stop: the standfirst."""
    if ctx.format != "report":
        return blocks
    for index, block in enumerate(blocks):
        if block.kind == "break":
            continue
        if block.kind == "paragraph" and not ends_sentence(block.text) and len(strip_markup(block.text)) <= 60:
            return blocks[:index] + [replace(block, kind="lede")] + blocks[index + 1:]
        return blocks
    return blocks


def short_lines_become_lists(blocks: list[Block], ctx: Context) -> list[Block]:
    """Three or more short lines in a row without sentence punctuation are a list (references, items)."""
    result: list[Block] = []
    run: list[Block] = []

    def flush() -> None:
        if len(run) >= 3:
            result.append(Block("list", items=tuple(b.text for b in run), line=run[0].line))
        else:
            result.extend(run)
        run.clear()

    for block in blocks:
        if block.kind == "paragraph" and is_list_entry(block.text):
            run.append(block)
        elif block.kind == "break" and run:
            continue
        else:
            flush()
            result.append(block)
    flush()
    return result


def reference_lists(blocks: list[Block], ctx: Context) -> list[Block]:
    """A list under 参考文献/References, or any list of a report's back matter, is a reference list:
    its entries are titles of other works, which no editor would annotate."""
    result: list[Block] = []
    under_references = ctx.back_matter
    for block in blocks:
        if block.kind in ("heading", "section"):
            under_references = ctx.back_matter or (block.kind == "heading" and is_reference_heading(block.text))
        if block.kind == "list" and under_references:
            block = replace(block, kind="references")
        result.append(block)
    return result


# -- broken wraps -------------------------------------------------------------------------

def _continues(left: Block, right: Block, fmt: str, strong_only: bool = False, page_break: bool = False) -> bool:
    """Does `right` continue the sentence that `left` leaves open?

    Strong evidence: `right` starts with punctuation no sentence starts with,
    `left` leaves a quote open or ends on a comma, or page-break debris sits between.  Weak evidence, used only for
    layout-extracted formats: `left` is prose that simply stops.
    """
    if left.kind != "paragraph" or right.kind != "paragraph" or ends_sentence(left.text):
        return False
    plain_right = strip_markup(right.text).lstrip()
    if plain_right[:1] in CONTINUATION_START:
        return True
    if unbalanced_quote(strip_markup(left.text)) or page_break:
        return True
    if re.search(r"[“「『（(《【、，,]$", strip_markup(left.text).rstrip()):
        return True
    # Page and column extraction (PDF reports, newspaper pages) breaks sentences anywhere;
    # a paragraph of prose there that stops without punctuation runs on into the next one.
    if strong_only or is_title_like(right.text):
        return False
    return fmt in ("report", "newspaper") and bool(re.search(r"[，。；：,]", strip_markup(left.text)))


def join_broken_paragraphs(blocks: list[Block], ctx: Context) -> list[Block]:
    """Join a sentence split across lines or pages back into one paragraph.

    Page-break debris and a chart dropped into the middle of the sentence may sit
    between the two halves; the chart is moved after the repaired paragraph.
    """
    result: list[Block] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if block.kind == "paragraph":
            look = index + 1
            between: list[Block] = []
            while look < len(blocks) and blocks[look].kind in ("break", "figure"):
                between.append(blocks[look])
                look += 1
            page_break = any(b.kind == "break" for b in between)
            if look < len(blocks) and _continues(block, blocks[look], ctx.format, page_break=page_break):
                merged = replace(block, text=join_wrapped(block.text, blocks[look].text))
                ctx.repairs.append(f"line {block.line}: joined a sentence broken across lines/pages with line {blocks[look].line}")
                blocks = blocks[:index] + [merged] + blocks[look + 1:]
                blocks[index + 1:index + 1] = [b for b in between if b.kind != "break"]
                continue
        result.append(block)
        index += 1
    return result


def drop_page_breaks(blocks: list[Block], ctx: Context) -> list[Block]:
    """Page-break debris has served as evidence for joins; readers never see it."""
    return [b for b in blocks if b.kind != "break"]


# -- punctuation and characters --------------------------------------------------------------

CJK_PUNCT_BEFORE = "”」』）》】"
CJK_PUNCT_AFTER = "“「『（《【"
FULLWIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
_PUNCT_RE = re.compile(
    rf"(?<=[{HAN}{CJK_PUNCT_BEFORE}])([,:;?!])(?=[{HAN}{CJK_PUNCT_AFTER}]|$)"
    rf"|(?<=[A-Za-z0-9%])([,;?!])(?=[{HAN}{CJK_PUNCT_AFTER}])"
    rf"|(?<=[{HAN}])([,;?!])(?=[A-Za-z0-9])")
_PAREN_RE = re.compile(rf"(?<=[{HAN}{CJK_PUNCT_BEFORE}，。、：；])\(([^()]*[{HAN}][^()]*)\)")
_FULLWIDTH_NUMBER_RE = re.compile(r"[０-９][０-９．，]*[０-９]|[０-９]")
_NUMBER_DOT_RE = re.compile(r"(?<=[0-9])．(?=[0-9])")
_PERCENT_RE = re.compile(r"(?<=[0-9])％")
_LINK_RE = re.compile(r"(\]\([^)]*\)|`[^`]*`|https?://\S+)")

# CJK radicals that PDF extraction leaves for look-alike ideographs (NFKC covers the Kangxi block).
RADICAL_LOOKALIKES = {
    "⺠": "民", "⻅": "见", "⻓": "长", "⻔": "门", "⻘": "青", "⻝": "食", "⻢": "马", "⻛": "风", "⻜": "飞",
    "⻥": "鱼", "⻬": "齐", "⻮": "齿", "⻳": "龟", "⻆": "角", "⻉": "贝", "⻋": "车", "⻄": "西", "⻩": "黄",
    "⻚": "页", "⻣": "骨", "⻤": "鬼", "⻙": "韦", "⻨": "麦", "⺟": "母", "⻑": "長", "⻈": "讠",
    "⺫": "罒", "⺮": "竹", "⺶": "羊", "⺼": "肉", "⻊": "足", "⻍": "辶", "⻖": "阝", "⻗": "雨", "⻰": "龙",
}


def _normalise_characters(text: str) -> str:
    chars = []
    for ch in text:
        if "\u2f00" <= ch <= "\u2fdf":
            chars.append(unicodedata.normalize("NFKC", ch))
        else:
            chars.append(RADICAL_LOOKALIKES.get(ch, ch))
    return "".join(chars)


def _normalise_punctuation_piece(text: str) -> str:
    text = _FULLWIDTH_NUMBER_RE.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)).replace("，", ","), text)
    text = _NUMBER_DOT_RE.sub(".", text)
    text = _PERCENT_RE.sub("%", text)
    text = _PUNCT_RE.sub(lambda m: FULLWIDTH[next(g for g in m.groups() if g)], text)
    previous = None
    while previous != text:
        previous = text
        text = _PAREN_RE.sub(r"（\1）", text)
    return _normalise_characters(text)


def normalise_text(text: str) -> str:
    """Chinese typesetting: full-width punctuation between Han, half-width digits, real ideographs.

    Link targets, code and URLs are left exactly as written.
    """
    parts = _LINK_RE.split(text)
    return "".join(part if index % 2 else _normalise_punctuation_piece(part) for index, part in enumerate(parts))


def normalise_punctuation(blocks: list[Block], ctx: Context) -> list[Block]:
    """ASCII ,:;?!() between Han become full-width; full-width digits and ． in numbers half-width."""
    return [_map_text(block, normalise_text) for block in blocks]


def _map_text(block: Block, function: Callable[[str], str]) -> Block:
    return replace(
        block,
        text=function(block.text),
        notes=tuple(function(n) for n in block.notes),
        items=tuple(function(i) for i in block.items),
        byline=function(block.byline),
        children=tuple(_map_text(c, function) for c in block.children),
    )


# -- titles -----------------------------------------------------------------------------------

_QUOTE_CHARS = "“”\"'‘’「」『』《》"


def repair_title(title: str, candidates: tuple[str, ...]) -> str:
    """Exports turn quotes into underscores ("二上美国_黑名单_"); a copy elsewhere in the document
    (an image's alt text, the page <title>) that differs only in those places is the better source."""
    if "_" not in title:
        return title
    pattern = re.compile("^" + "".join(f"[{re.escape(_QUOTE_CHARS)}_]" if ch == "_" else re.escape(ch) for ch in title) + "$")
    for candidate in candidates:
        if pattern.match(candidate.strip()):
            return candidate.strip()
    return title


# -- the fixed order ------------------------------------------------------------------------

RULES: tuple[Rule, ...] = (
    drop_platform_disclaimers,
    drop_reading_tail,
    drop_empty_placeholders,
    alt_text_is_not_a_caption,
    normalise_punctuation,
    lone_numbers_become_section_marks,
    chart_titles_become_figures,
    report_standfirst,
    short_lines_become_lists,
    reference_lists,
    join_broken_paragraphs,
    dated_lines_are_captions,
    title_lines_become_headings,
    one_caption_per_picture,
    drop_page_breaks,
    normalise_punctuation,   # again: joining can bring ASCII punctuation next to Han
)


def _is_truncated(blocks: list[Block]) -> bool:
    """The source stops mid-sentence: the last paragraph of text has no closing punctuation."""
    for block in reversed(blocks):
        if block.kind == "aside":
            return _is_truncated(list(block.children))
        if block.kind in ("paragraph", "quote"):
            return not ends_sentence(block.text)
        if block.kind in ("heading", "list", "lede", "rule", "section", "references"):
            return False
    return False


def clean_blocks(blocks: list[Block], ctx: Context) -> list[Block]:
    for rule in RULES:
        blocks = rule(blocks, ctx)
    return [replace(b, children=tuple(clean_blocks(list(b.children), ctx))) if b.kind == "aside" else b for b in blocks]


def clean(document: RawDocument) -> Article:
    """Apply every rule in order; the report lists each removal with its rule."""
    title = normalise_text(repair_title(document.title, document.title_candidates))
    ctx = Context(format=document.format, title=title, back_matter=document.back_matter)
    if title != document.title:
        ctx.repairs.append(f"title repaired: {document.title!r} → {title!r}")
    blocks = clean_blocks(list(document.blocks), ctx)
    report = CleanReport(removals=tuple(document.removals) + tuple(ctx.removals), repairs=tuple(ctx.repairs),
                         truncated=_is_truncated(blocks))
    return Article(raw=document, title=title, blocks=tuple(blocks), report=report)
