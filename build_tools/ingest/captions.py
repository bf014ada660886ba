"""Picture captions as an editor sets them: cleaning rules for figures (run by clean.py, in its order).

Extraction gets captions wrong in three recurring ways: an image's alt text that only repeats
the headline (or is a file name) looks like a caption; a newspaper's captions and photo credits
for several pictures run together into one line; and a caption set as its own line in plain text
(a date, a place, the people shown, no full stop) looks like a paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from build_tools.core.model import Block, Removal
from build_tools.core.textutil import ends_sentence, is_file_name, strip_markup
from build_tools.ingest.readers.items import SECTION_START_RE

if TYPE_CHECKING:
    from build_tools.ingest.clean import Context

# 图① … 图②⑥: the number signs newspapers give the pictures of one page.
PICTURE_NUMBER_RE = re.compile(r"[图圖][①-⑳]+")
# A photo credit closing a caption: "电科芯片供图", "新华社记者 张三 摄".
CREDIT_RE = re.compile(r"\s+(\S{2,20}?(?:供图|供圖|摄影|攝影|摄|攝))$")
# A caption set as a line of its own starts with the picture's date: 1979年1月31日，…
DATED_CAPTION_RE = re.compile(r"^\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?\s*[，,]")
CAPTION_MAX_CHARS = 100
QUOTES_AND_SPACE = re.compile(r"[\s“”\"'‘’「」『』《》]")


def _same_words(one: str, other: str) -> bool:
    return QUOTES_AND_SPACE.sub("", strip_markup(one)) == QUOTES_AND_SPACE.sub("", strip_markup(other))


def alt_text_is_not_a_caption(blocks: list[Block], ctx: Context) -> list[Block]:
    """An image's alt text that repeats the headline or is a file name says nothing about the picture."""
    result = []
    for block in blocks:
        if (
            block.kind == "figure"
            and block.text
            and (is_file_name(block.text) or (ctx.title and _same_words(block.text, ctx.title)))
        ):
            ctx.removals.append(
                Removal(
                    "alt-text-not-caption",
                    "an image's alt text that repeats the title or is a file name, not a caption",
                    block.text,
                    block.line,
                )
            )
            block = replace(block, text="")
        result.append(block)
    return result


def _one_caption(text: str, line: int, src: str = "") -> Block:
    """A caption with its credit (供图, 摄) as the figure's note."""
    text = text.strip()
    credit = CREDIT_RE.search(text)
    if credit and credit.start() > 0:
        return Block("figure", text[: credit.start()].strip(), notes=(credit.group(1),), line=line, src=src)
    return Block("figure", text, line=line, src=src)


def one_caption_per_picture(blocks: list[Block], ctx: Context) -> list[Block]:
    """Captions of several pictures run together (图①…供图 图②…供图) become one caption each."""
    result = []
    for block in blocks:
        starts = [m.start() for m in PICTURE_NUMBER_RE.finditer(block.text)] if block.kind == "figure" else []
        if len(starts) < 2 or block.notes:
            result.append(block)
            continue
        bounds = ([0] if starts[0] > 0 else []) + starts + [len(block.text)]
        pieces = [block.text[a:b] for a, b in zip(bounds, bounds[1:]) if block.text[a:b].strip()]
        result += [
            _one_caption(piece, block.line, block.src if number == 0 else "") for number, piece in enumerate(pieces)
        ]
        ctx.repairs.append(f"line {block.line}: split {len(pieces)} picture captions run together into one each")
    return result


def dated_lines_are_captions(blocks: list[Block], ctx: Context) -> list[Block]:
    """A short line that opens with a date and has no final punctuation is a picture's caption
    ("1979年1月31日，某人在某地与某人签订协定"), not a paragraph: prose ends its sentences.
    Only in text that marks no pictures itself: in Markdown or HTML a caption is marked, and such a line is prose."""
    if ctx.traits.marks_headings:
        return blocks
    result = []
    for block in blocks:
        plain = strip_markup(block.text).strip()
        if (
            block.kind == "paragraph"
            and DATED_CAPTION_RE.match(plain)
            and not ends_sentence(plain)
            and len(plain) <= CAPTION_MAX_CHARS
        ):
            block = Block("figure", block.text.strip(), line=block.line)
        result.append(block)
    return result


# A caption that only credits the picture: "(Credit: …)", "图片来源：…", "摄影：…", "来源：视觉中国".
CREDIT_ONLY_RE = re.compile(
    r"^[（(\[【]?\s*(?:credit|photo|image|source|图片来源|圖片來源|图源|圖源|图片|圖片|摄影|攝影|供图|供圖|来源|來源)"
    r"\s*[:：]\s*[^。！？]{1,60}?[）)\]】]?$|^[^。！？，]{1,30}(?:供图|供圖|摄|攝)$",
    re.I,
)
# The real caption, set by some exporters as a paragraph under the picture: "图注：…".
CAPTION_LABEL_RE = re.compile(r"^\s*(?:图注|圖註|图注|圖注|图说|圖說|图片说明|圖片說明)\s*[:：]\s*")


def _captions_from_below(
    blocks: list[Block], ctx: Context, caption_of: Callable[[Block], str | None], repair: str
) -> list[Block]:
    """An uncaptioned figure whose paragraph below `caption_of` reads as its caption: the two become one."""
    result: list[Block] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        below = blocks[index + 1] if index + 1 < len(blocks) else None
        caption = caption_of(below) if block.kind == "figure" and not block.text and below is not None else None
        if caption is not None and below is not None:
            result.append(replace(block, text=caption))
            ctx.repairs.append(f"line {below.line}: {repair}")
            index += 2
            continue
        result.append(block)
        index += 1
    return result


def _credit_moved(block: Block, ctx: Context) -> Block:
    plain = strip_markup(block.text).strip()
    if block.kind == "figure" and plain and CREDIT_ONLY_RE.match(plain):
        ctx.repairs.append(f"line {block.line}: a picture's credit moved from its caption to its credit line")
        return replace(block, text="", notes=(block.text.strip(), *block.notes))
    return block


def _labelled_caption(below: Block) -> str | None:
    if below.kind == "paragraph" and CAPTION_LABEL_RE.match(strip_markup(below.text)):
        return CAPTION_LABEL_RE.sub("", below.text, count=1).strip()
    return None


def credit_is_not_the_caption(blocks: list[Block], ctx: Context) -> list[Block]:
    """A figure whose caption is only the picture's credit: the credit becomes the figure's note, and
    a "图注：…" paragraph right under it (what the caption really says) becomes the caption."""
    moved = [_credit_moved(block, ctx) for block in blocks]
    return _captions_from_below(moved, ctx, _labelled_caption, "the 图注 paragraph under a picture became its caption")


def _uncaptioned(block: Block) -> bool:
    return block.kind == "figure" and bool(block.src) and not block.text and not block.notes


def drop_uncaptioned_pictures(blocks: list[Block], ctx: Context) -> list[Block]:
    """Pictures without caption or credit after the article's last text: the template's QR codes,
    follow banners, avatars and dividers.  The site does not copy pictures, so each would
    show only a 「查看原图」 link box that reads as a broken image; a reader expects nothing there.
    They go, recorded with their address.  An uncaptioned picture above or between paragraphs is the
    author's (a lead photo, a chart) and stays: a reader expects a picture there."""
    texts = [i for i, b in enumerate(blocks) if not (_uncaptioned(b) or b.kind in ("break", "rule"))]
    last = texts[-1] if texts else -1
    kept = []
    for index, block in enumerate(blocks):
        if _uncaptioned(block) and index > last:
            ctx.removals.append(
                Removal(
                    "uncaptioned-picture",
                    "a picture after the article's text without caption or credit",
                    block.src,
                    block.line,
                )
            )
            continue
        kept.append(block)
    return kept


CAPTION_LINE_MAX = 40  # characters: a caption under a picture is a line, never a paragraph


def _caption_line(below: Block) -> str | None:
    if below.kind != "paragraph":
        return None
    text = strip_markup(below.text).strip()
    bold = below.text.strip().startswith("**") and below.text.strip().endswith("**")
    # `二、市场分析` under a picture opens a section; `如下：` points on to what follows
    numbered = bool(SECTION_START_RE.match(text)) or text[-1:] in "：:，,、"
    if text and len(text) <= CAPTION_LINE_MAX and not ends_sentence(text) and not bold and not numbered:
        return below.text.strip()
    return None


def line_under_picture_is_its_caption(blocks: list[Block], ctx: Context) -> list[Block]:
    """A picture without a caption, then a short line without a full stop (`活动现场`, `吴锦（右一）会见客人`):
    the line is the picture's caption, set under it as pages do, not a subhead.  A bold line stays a subhead."""
    return _captions_from_below(blocks, ctx, _caption_line, "the line under a picture became its caption")


def drop_caption_repeated_under_picture(blocks: list[Block], ctx: Context) -> list[Block]:
    """A captioned picture, then its caption again as the next heading or line (a page that prints the
    caption under the picture and the extractor that also kept the alt text): shown once, as the caption."""
    result: list[Block] = []
    for block in blocks:
        above = result[-1] if result else None
        if (
            above is not None
            and above.kind == "figure"
            and above.text
            and block.kind in ("heading", "paragraph")
            and _same_words(block.text, above.text)
        ):
            ctx.drop("caption-repeated", "the picture's caption again under it; the page shows it once", block)
            continue
        result.append(block)
    return result
