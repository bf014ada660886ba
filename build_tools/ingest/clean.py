"""Cleaning: what a careful human editor does to an extracted article, in a fixed order.

Each rule is a small function with a docstring naming the editor's habit it
encodes.  Rules never lose a sentence silently: whatever they drop is returned as
a `Removal` with the rule's name, so the build report can account for every Han
character.  Rules are idempotent: cleaning a cleaned article changes nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from markdown_it import MarkdownIt

from build_tools.core.model import Article, Block, CleanReport, RawDocument, Removal, map_block_texts
from build_tools.core.textutil import (
    CONTINUATION_START,
    HAN,
    HAN_RE,
    ends_sentence,
    han_count,
    is_list_entry,
    is_reference_heading,
    is_title_like,
    join_wrapped,
    strip_markup,
    unbalanced_quote,
)
from build_tools.ingest.captions import (
    alt_text_is_not_a_caption,
    credit_is_not_the_caption,
    dated_lines_are_captions,
    drop_caption_repeated_under_picture,
    drop_uncaptioned_pictures,
    line_under_picture_is_its_caption,
    one_caption_per_picture,
)
from build_tools.ingest.credits import is_credit_line, is_unmistakable_credit, trailing_credit
from build_tools.ingest.interface_text import InterfaceText, interface_text
from build_tools.ingest.readers.base import Traits
from build_tools.ingest.readers.items import same_title
from build_tools.ingest.readers.registry import traits_of


@dataclass
class Context:
    """What rules may know about the document besides its blocks."""

    format: str  # the reader that read the document
    title: str
    back_matter: bool = False  # a report's reference list or back cover
    removals: list[Removal] = field(default_factory=list)
    repairs: list[str] = field(default_factory=list)

    @property
    def traits(self) -> Traits:
        """What the reader declared about its format (rules ask it, never the reader's name)."""
        return traits_of(self.format)

    def drop(self, rule: str, reason: str, block: Block) -> None:
        text = block.text or " ".join(block.items) or " ".join(c.text for c in block.children)
        if text or block.notes:
            self.removals.append(Removal(rule, reason, " ".join([text, *block.notes]).strip(), block.line))


Rule = Callable[[list[Block], Context], list[Block]]
INLINE_PARSER = MarkdownIt("commonmark")

# -- boilerplate --------------------------------------------------------------------------

DISCLAIMER_RE = re.compile(
    r"^(特别声明|特別聲明|免责声明|免責聲明|声明|聲明)[:：].*(仅提供信息存储|僅提供信息存儲|僅提供資訊儲存|不代表本)"
    r"|^Notice[:：]\s*The content above.*(information storage|does not represent)"
    # `本文由某刊授权转载，仅代表作者观点，不代表本站立场`: a reposting site's notice, one short paragraph
    r"|^(?=.{0,150}$)(?=.*(授权|授權|转载|轉載|版权|版權|声明|聲明)).*(不代表|並不代表|并不代表).{0,12}(立场|立場|观点|觀點)",
    re.I,
)


def plain_text(block: Block) -> str:
    return strip_markup(block.text).strip()


PLACEHOLDER_RE = re.compile(r"^[\[【（(]?\s*(图片|圖片|图|圖|image|img|photo|视频|視頻)\s*[\]】）)]?$", re.I)


def drop_title_copy(blocks: list[Block], ctx: Context) -> list[Block]:
    """The title again as the text's first line (a feed's, an extractor's or an archiver's copy), or as a
    heading further down (a platform's header repeated after the lead): shown once, at the top."""
    if ctx.title:
        again = [i for i, b in enumerate(blocks) if i and b.kind == "heading" and same_title(plain_text(b), ctx.title)]
        for index in reversed(again):
            ctx.drop("repeated-title", "the title again as a heading in the body; it is shown once", blocks[index])
            blocks = blocks[:index] + blocks[index + 1 :]
    first = next((i for i, b in enumerate(blocks) if b.kind in ("paragraph", "heading")), None)
    if first is None or not ctx.title or not same_title(strip_markup(blocks[first].text), ctx.title):
        return blocks
    ctx.drop("repeated-title", "the title again in the body; the page shows it once", blocks[first])
    copy = " ".join(strip_markup(blocks[first].text).split())
    if "_" in ctx.title and "_" not in copy:  # the front matter's copy put `_` for quotes; the body's has them
        ctx.repairs.append(f"title repaired: {ctx.title!r} → {copy!r} (as the text writes it)")
        ctx.title = copy
    return blocks[:first] + blocks[first + 1 :]


def drop_platform_disclaimers(blocks: list[Block], ctx: Context) -> list[Block]:
    """Platforms append a legal notice (often in Chinese and English) that is not the author's text."""
    kept = []
    for block in blocks:
        if block.kind == "paragraph" and DISCLAIMER_RE.search(strip_markup(block.text)):
            ctx.drop("platform-disclaimer", "the platform's legal notice, not part of the article", block)
        else:
            kept.append(block)
    return kept


POINTS_TO_PICTURE_RE = re.compile(r"(?:如|见|見)?(?:下|上|左|右)?(?:图|圖)(?:所示|\s*\d)|[:：]\s*$")


def _text_points_to_it(before: list[Block]) -> bool:
    """Does the paragraph just above end by pointing to a picture (`如下图所示：`, `见图2`, a colon)?"""
    above = next((b for b in reversed(before) if b.kind != "break"), None)
    if above is None or above.kind != "paragraph":
        return False
    tail = strip_markup(above.text).rstrip()[-12:]
    return bool(POINTS_TO_PICTURE_RE.search(tail))


def drop_empty_placeholders(blocks: list[Block], ctx: Context) -> list[Block]:
    """Extraction leaves "[图片]" where a picture was, and figures with neither picture nor caption."""
    kept: list[Block] = []
    for block in blocks:
        if block.kind == "paragraph" and PLACEHOLDER_RE.match(strip_markup(block.text).strip()):
            ctx.drop("empty-image-placeholder", "a placeholder for a picture the export lost", block)
        elif block.kind == "figure" and not block.text and not block.src and not block.notes:
            if _text_points_to_it(kept):  # `如下图所示：` — the reader is told a picture follows: say it is left out
                kept.append(block)
                ctx.repairs.append(f"line {block.line}: a picture the text points to, left out, is marked 图略")
                continue
            ctx.repairs.append(f"line {block.line}: dropped an empty picture placeholder")
        else:
            kept.append(block)
    return kept


DECORATION_MARKS = set("-—–_·•=~*+|｜/\\<>《》〈〉【】[]()（）")
BOX_DRAWING = range(0x2500, 0x2580)  # `┌─┬─┐`: the frame of a table drawn in text, which stays whole


def _is_decoration(text: str) -> bool:
    """A line of nothing but ornaments (`✦`, `▼ ▼ ▼`, `◆◆◆`, `———`): no letter, digit or Han, only symbols
    (Unicode's S* classes) and rule-like marks.  A writer's `……` or `......` is punctuation and stays."""
    marks = [c for c in strip_markup(text).replace("\\", "") if not c.isspace()]
    if any(ord(c) in BOX_DRAWING for c in marks):
        return False
    return bool(marks) and all(unicodedata.category(c).startswith("S") or c in DECORATION_MARKS for c in marks)


# Sentence punctuation alone (`：，。` where an export lost the words); a writer's `……`, `......` or
# `。。。` (one mark repeated, an ellipsis) stays.
STRAY_PUNCTUATION_RE = re.compile(r"[\s：:，,。.；;、！!？?]+")


def _is_stray_punctuation(text: str) -> bool:
    return bool(STRAY_PUNCTUATION_RE.fullmatch(text)) and len(set(text.replace(" ", ""))) >= 2


def drop_decoration(blocks: list[Block], ctx: Context) -> list[Block]:
    """Ornament lines platforms' editors put between sections (`✦`, `▼`): layout, not text; a table of
    empty cells (a recommendation grid whose links were lost) is nothing to read either."""
    kept = []
    for block in blocks:
        if block.kind in ("paragraph", "heading") and _is_decoration(block.text):
            ctx.drop("decoration-line", "an ornament line between sections, not text", block)
        elif block.kind == "paragraph" and _is_stray_punctuation(strip_markup(block.text)):
            ctx.drop("stray-punctuation", "punctuation left where an export lost the words around it", block)
        elif block.kind == "table" and not re.search(r"\w", strip_markup(" ".join([block.text, *block.items]))):
            ctx.drop("empty-table", "a table with no text in any cell", block)
        else:
            kept.append(block)
    return kept


# -- platform interface text (data/interface_text.yaml) ----------------------------------------

INTERFACE_RULE = "interface-text"


def _interface_reason(known: InterfaceText, text: str) -> str | None:
    """Why `text` is interface text (the data file's words), or None when it is the author's."""
    plain = strip_markup(text).strip()
    if not plain:
        return None
    strings = known.only_strings(plain)
    if strings:
        return "; ".join(dict.fromkeys(known.why[s] for s in strings))
    line = known.matching_line(plain)
    return f"{line.id} — {line.why}" if line else None


def _strip_inline_ads(known: InterfaceText, block: Block, ctx: Context) -> Block | None:
    """Keyword-ad links inside running text: the author's word stays, the ad goes; a paragraph that is
    nothing but ad links goes whole (None)."""
    text = block.text
    for entry in known.inline:
        if not entry.pattern.search(text):
            continue
        if not HAN_RE.search(strip_markup(entry.pattern.sub("", text))):
            ctx.drop(INTERFACE_RULE, f"{entry.id} — {entry.why}", block)
            return None
        for match in entry.pattern.finditer(text):
            kept = match.expand(entry.keep)
            gone = strip_markup(match.group(0)).replace(strip_markup(kept), "", 1)
            ctx.removals.append(Removal(INTERFACE_RULE, f"{entry.id} — {entry.why}", gone.strip(), block.line))
        text = entry.pattern.sub(entry.keep, text)
    return replace(block, text=text)


RUN_LINE_MAX = 20  # characters of a line an export split off an interface string


def _drop_interface_runs(known: InterfaceText, blocks: list[Block], ctx: Context) -> list[Block]:
    """Short lines that are interface strings only together (`赞` / `，轻点两下取消赞`: one label split
    over two lines by the export) go together."""
    # Where the next line stands that is no short paragraph (a run's end), and the next that holds a
    # character no interface string has (no run reaching it can match): each a pass from the right.
    run_end, foreign = [len(blocks)] * (len(blocks) + 1), [len(blocks)] * (len(blocks) + 1)
    for i in range(len(blocks) - 1, -1, -1):
        short = blocks[i].kind == "paragraph" and len(blocks[i].text) <= RUN_LINE_MAX
        run_end[i] = run_end[i + 1] if short else i
        foreign[i] = foreign[i + 1] if known.may_be_strings(strip_markup(blocks[i].text)) else i
    kept: list[Block] = []
    index = 0
    while index < len(blocks):
        end = run_end[index]
        run = blocks[index:end]
        joined = "".join(strip_markup(b.text) for b in run) if foreign[index] >= end else ""
        if len(run) >= 2 and joined and known.only_strings(joined):
            reason = _interface_reason(known, joined) or ""
            for block in run:
                ctx.drop(INTERFACE_RULE, reason, block)
            index = end
            continue
        kept.append(blocks[index])
        index += 1
    return kept


def drop_interface_text(blocks: list[Block], ctx: Context) -> list[Block]:
    """Words the platform or the site's template prints around every article (WeChat's 预览时标签不可点,
    a CMS footer's ICP line, view counters, menus): known from the data file, never the author's text.

    A block goes only when the whole of it is such text; a list loses only such entries."""
    known = interface_text()
    blocks = _drop_interface_runs(known, blocks, ctx)
    kept: list[Block] = []
    for block in blocks:
        if block.kind in ("paragraph", "heading", "lede"):
            reason = _interface_reason(known, block.text)
            if reason:
                ctx.drop(INTERFACE_RULE, reason, block)
                continue
            if block.kind == "paragraph":
                stripped = _strip_inline_ads(known, block, ctx)
                if stripped is None:
                    continue
                block = stripped
        elif block.kind == "list":
            items = []
            for item in block.items:
                reason = _interface_reason(known, item)
                if reason:
                    ctx.removals.append(Removal(INTERFACE_RULE, reason, item, block.line))
                else:
                    items.append(item)
            if not items:
                continue
            block = replace(block, items=tuple(items))
        elif block.kind == "figure" and block.text and _interface_reason(known, block.text):
            ctx.removals.append(
                Removal(INTERFACE_RULE, _interface_reason(known, block.text) or "", block.text, block.line)
            )
            block = replace(block, text="")
        kept.append(block)
    return kept


# -- lines that are metadata ---------------------------------------------------------------------

ORIGINAL_TITLE_RE = re.compile(r"^[（(【\[]?\s*(?:原标题|原標題)\s*[:：]\s*[^\n]{1,80}$")
SOURCE_LINE_RE = re.compile(r"^[（(【\[]?\s*(?:来源|來源|转载自|轉載自)\s*[:：]\s*[^。！？\n]{1,40}$")


def credit_lines_are_metadata(blocks: list[Block], ctx: Context) -> list[Block]:
    """ "原标题：…" (the title where the article first appeared) is never body text; a "来源：…" line
    directly under the headline or closing the article names its source.  Both leave the body, recorded,
    and the metadata stage reads them back as the page's original title and source.  A 来源 line under a
    chart title or a picture is the chart's note and stays."""
    text_positions = [
        i for i, b in enumerate(blocks) if b.kind not in ("break", "rule") and not (b.kind == "figure" and not b.text)
    ]
    edges = {text_positions[0], text_positions[-1]} if text_positions else set()
    kept: list[Block] = []
    for index, block in enumerate(blocks):
        plain = strip_markup(block.text).strip() if block.kind == "paragraph" else ""
        previous = kept[-1] if kept else None
        under_chart = previous is not None and (previous.kind in ("figure", "heading") or is_title_like(previous.text))
        if plain and ORIGINAL_TITLE_RE.match(plain):
            ctx.drop("original-title", "the title the article had where it first appeared: metadata, not body", block)
        elif plain and index in edges and SOURCE_LINE_RE.match(plain) and not (index > 0 and under_chart):
            ctx.drop("source-line", "the line naming the article's source: metadata, not body", block)
        else:
            kept.append(block)
    return kept


# -- tails of site chrome ------------------------------------------------------------------
# Sites and WeChat accounts append the same furniture to every article: a box of links to other
# articles, calls to follow or share the account, the desk's credit line.  The patterns are matched
# on text folded to simplified characters, so one pattern serves both scripts.

_FOLD_TO_SIMPLIFIED = str.maketrans(
    "點擊關維碼長識別歡轉發讚進設為爲標藍這記閱讀興趣還歡關聯薦顧熱門輯責對審讀稿編統籌請蹤們訂給論與",
    "点击关维码长识别欢转发赞进设为为标蓝这记阅读兴趣还欢关联荐顾热门辑责对审读稿编统筹请踪们订给论与",
)
_EDGE = r"[\W_]*"  # decoration around a marker: ▼, ——, colons, emoji
RELATED_MARKER_RE = re.compile(
    _EDGE + r"(?:(您|你)?可能(也|还)?(会)?(感兴趣|喜欢)(的文章)?|相关(阅读|推荐|文章|新闻|报道|链接)"
    r"|(延伸|推荐|更多|扩展)阅读|阅读更多"
    r"|猜你喜欢|往期(回顾|推荐|精选|精彩)|热门(文章|推荐|阅读)|(精彩|热文)推荐)" + _EDGE
)
# Each alternative names an action *and* what to do it to, so that prose using the same words
# ("网友纷纷点赞", "值得关注我国", "扫描二维码支付") never matches.
CALL_TO_ACTION_RE = re.compile(
    r"点个\W{0,2}(在看|赞)|点亮\W{0,2}在看|(分享|点赞|在看|转发)[、，,/和\s]+(分享|点赞|在看|转发)"
    r"|喜欢(就|的话)\W{0,2}(点|分享|在看|关注|转发)|点击?(上方|下方|这里|蓝字|右上角).{0,12}(关注|星标|分享)"
    r"|长按.{0,6}(二维码|识别|关注)|扫(描)?.{0,4}二维码.{0,6}(关注|加入|添加|进群|订阅)"
    r"|(设为|加个?|记得|标为)\W{0,2}(星标|标星)|星标\W{0,4}[「“\"《]|(关注|添加)(我们|本号|我)?的?(公众号|微信号)"
    r"|关注我们?(?=\W|$)|欢迎(转发|分享|关注|点赞|留言|在看)|(进|加入).{0,3}交流群|一键三连"
    r"|请?(追踪|订阅)我们"
)
CALL_TO_ACTION_MAX = 50  # characters: a call to action is one short line, never a paragraph
END_MARK_RE = re.compile(r"[（(【\[—\-\s]*(全文完|本文完|完|END)[）)】\]—\-\s]*", re.I)
SIGN_OFF_RE = re.compile(r"(©|Copyright\b).{0,30}", re.I)


def _folded(block: Block) -> str:
    return strip_markup(block.text).strip().translate(_FOLD_TO_SIMPLIFIED)


def _text_outside_links(text: str) -> str:
    """The visible text of inline Markdown that is not a link's title (parsed with markdown-it)."""
    outside: list[str] = []
    depth = 0
    for token in INLINE_PARSER.parseInline(text)[0].children or []:
        depth += {"link_open": 1, "link_close": -1}.get(token.type, 0)
        if depth == 0 and token.type in ("text", "code_inline"):
            outside.append(token.content)
    return "".join(outside)


def _is_link_titles(block: Block) -> bool:
    """A line or list that is only links to other pages (perhaps with a call to follow after them)."""
    texts = block.items if block.kind == "list" else (block.text,)
    if block.kind not in ("paragraph", "heading", "list") or not texts or "](" not in "".join(texts):
        return False
    rest = [_text_outside_links(text).strip() for text in texts]
    return all(not HAN_RE.search(r) or _is_call_to_action_text(r) for r in rest)


def _is_call_to_action_text(plain: str) -> bool:
    return len(plain) <= CALL_TO_ACTION_MAX and bool(CALL_TO_ACTION_RE.search(plain.translate(_FOLD_TO_SIMPLIFIED)))


def _is_call_to_action(block: Block) -> bool:
    return block.kind in ("paragraph", "heading") and _is_call_to_action_text(strip_markup(block.text).strip())


def _related_links_run(blocks: list[Block], start: int) -> int:
    """End (exclusive) of the link titles and their thumbnails after a marker at `start - 1`."""
    end = start
    while end < len(blocks) and (
        blocks[end].kind in ("figure", "rule")
        and not blocks[end].text
        or _is_link_titles(blocks[end])
        or _is_call_to_action(blocks[end])
    ):
        end += 1
    return end


def drop_reading_tail(blocks: list[Block], ctx: Context) -> list[Block]:
    """A "相关阅读"/"您可能也感兴趣"/"往期推荐" marker and the links after it are the site's, not the author's.

    The evidence is the marker *and* what follows it: a run of link titles (with their thumbnails), or
    nothing but short title lines and pictures to the end of the article.  A marker followed by prose
    is the author's own heading and stays."""
    for index, block in enumerate(blocks):
        if block.kind not in ("paragraph", "heading") or not RELATED_MARKER_RE.fullmatch(_folded(block)):
            continue
        end = _related_links_run(blocks, index + 1)
        links = any(_is_link_titles(b) for b in blocks[index + 1 : end])
        tail = blocks[index + 1 :]
        if not links and all(b.kind != "paragraph" or is_title_like(b.text, max_len=40) for b in tail):
            end = len(blocks)
        elif not links:
            continue
        for dropped in blocks[index:end]:
            ctx.drop("recommended-reading", "a list of other articles appended by the site", dropped)
        return blocks[:index] + drop_reading_tail(blocks[end:], ctx)
    return blocks


def _chrome_at_edge(blocks: list[Block], order: range, is_chrome: Callable[[Block], bool]) -> list[int]:
    """Positions of chrome lines met walking in from one end of the article, with the captionless
    pictures (QR codes, banners) between them, up to the first block of the article's own."""
    found: list[int] = []
    pictures: list[int] = []
    for index in order:
        if is_chrome(blocks[index]):
            found += pictures + [index]
            pictures = []
        elif blocks[index].kind in ("figure", "rule") and not blocks[index].text:
            pictures.append(index)
        else:
            break
    return found


def _drop_at(blocks: list[Block], positions: set[int], ctx: Context, rule: str, reason: str) -> list[Block]:
    for index in sorted(positions):
        ctx.drop(rule, reason, blocks[index])
    return [b for i, b in enumerate(blocks) if i not in positions]


def drop_calls_to_action(blocks: list[Block], ctx: Context) -> list[Block]:
    """WeChat accounts open and close every article with calls to follow, star, like and share
    ("点击上方蓝字关注", "点个在看", "长按二维码"): short lines at either end, never the author's text."""
    tail = _chrome_at_edge(blocks, range(len(blocks) - 1, -1, -1), _is_call_to_action)
    head = _chrome_at_edge(blocks, range(len(blocks)), _is_call_to_action)
    return _drop_at(blocks, set(head) | set(tail), ctx, "call-to-action", "the account's call to follow or share")


def _is_credit(block: Block) -> bool:
    return block.kind in ("paragraph", "heading") and is_credit_line(_folded(block))


def _is_unmistakable_credit(block: Block) -> bool:
    return block.kind in ("paragraph", "heading") and is_unmistakable_credit(_folded(block))


def _is_sign_off(block: Block) -> bool:
    folded = _folded(block)
    return _is_credit(block) or (
        block.kind == "paragraph" and bool(END_MARK_RE.fullmatch(folded) or SIGN_OFF_RE.fullmatch(folded))
    )


def drop_editor_credits(blocks: list[Block], ctx: Context) -> list[Block]:
    """Desks sign off an article with "责任编辑：…", "（编辑：…）", "（完）" or "© 账号": the production
    credits, not the article.  A 责任编辑 or bracketed credit line goes wherever it is; other credit,
    "（完）" and "©" lines at the end; a credit in brackets closing the last paragraph is cut from it."""
    credits = {i for i, b in enumerate(blocks) if _is_unmistakable_credit(b)}
    credits |= set(_chrome_at_edge(blocks, range(len(blocks) - 1, -1, -1), _is_sign_off))
    kept = _drop_at(blocks, credits, ctx, "editor-credit", "the desk's credit line, not part of the article")
    last = max((i for i, b in enumerate(kept) if b.kind == "paragraph"), default=None)
    if last is None:
        return kept
    start = trailing_credit(kept[last].text)
    if start is not None and ends_sentence(kept[last].text[:start]):
        ctx.removals.append(
            Removal(
                "editor-credit",
                "the desk's credit closing the last paragraph",
                kept[last].text[start:].strip(),
                kept[last].line,
            )
        )
        kept[last] = replace(kept[last], text=kept[last].text[:start].rstrip())
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
    candidates = [(i, _number_value(b.text)) for i, b in enumerate(blocks) if b.kind == "paragraph"]
    numbered = [(i, v) for i, v in candidates if v is not None]
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
            while look < len(blocks) and (
                blocks[look].kind == "break"
                or (blocks[look].kind == "paragraph" and FIGURE_NOTE_RE.match(strip_markup(blocks[look].text)))
            ):
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
    Markdown (articles and reports) and HTML mark their headings themselves and are left alone.
    """
    if ctx.traits.marks_headings:
        return blocks
    numbered = _has_numbered_sections(blocks)
    result: list[Block] = []
    for block in blocks:
        previous = next((b for b in reversed(result) if b.kind != "break"), None)
        runs_on = (
            previous is not None
            and previous.kind == "paragraph"
            and _continues(previous, block, ctx.traits, strong_only=True)
        )
        if block.kind != "paragraph" or not is_title_like(block.text) or runs_on:
            result.append(block)
        elif numbered:
            result.append(Block("figure", block.text, line=block.line))
        else:
            result.append(Block("heading", block.text.strip(), level=2, line=block.line))
    return result


def report_standfirst(blocks: list[Block], ctx: Context) -> list[Block]:
    """A report chapter opens with a one-line summary without a full stop: the standfirst."""
    if not ctx.traits.chapter_standfirst:
        return blocks
    for index, block in enumerate(blocks):
        if block.kind == "break":
            continue
        if block.kind == "paragraph" and not ends_sentence(block.text) and len(strip_markup(block.text)) <= 60:
            return blocks[:index] + [replace(block, kind="lede")] + blocks[index + 1 :]
        return blocks
    return blocks


# A bullet character typed at the start of a list entry (`* • 文件加密`): the list already marks it.
TYPED_BULLET_RE = re.compile(r"^[•·●▪◦‣○■□◆◇►▶➤]\s*(?=\S)")


def drop_typed_bullets(blocks: list[Block], ctx: Context) -> list[Block]:
    """An archiver that keeps a page's `•` inside the Markdown list it writes shows two bullets per
    entry; the typed one goes when every entry of the list has one, and the repair is recorded."""
    result = []
    for block in blocks:
        if block.kind == "list" and len(block.items) >= 2 and all(TYPED_BULLET_RE.match(i) for i in block.items):
            block = replace(block, items=tuple(TYPED_BULLET_RE.sub("", item, count=1) for item in block.items))
            ctx.repairs.append(f"line {block.line}: the bullet typed before each list entry is left to the list")
        result.append(block)
    return result


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


def _continues(left: Block, right: Block, traits: Traits, strong_only: bool = False, page_break: bool = False) -> bool:
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
    return traits.layout_extracted and bool(re.search(r"[，。；：,]", strip_markup(left.text)))


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
            if look < len(blocks) and _continues(block, blocks[look], ctx.traits, page_break=page_break):
                merged = replace(block, text=join_wrapped(block.text, blocks[look].text))
                ctx.repairs.append(
                    f"line {block.line}: joined a sentence broken across lines/pages with line {blocks[look].line}"
                )
                blocks = blocks[:index] + [merged] + blocks[look + 1 :]
                blocks[index + 1 : index + 1] = [b for b in between if b.kind != "break"]
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
    rf"|(?<=[{HAN}])([,;?!])(?=[A-Za-z0-9])"
)
_PAREN_RE = re.compile(rf"(?<=[{HAN}{CJK_PUNCT_BEFORE}，。、：；])\(([^()]*[{HAN}][^()]*)\)")
_FULLWIDTH_NUMBER_RE = re.compile(r"[０-９][０-９．，]*[０-９]|[０-９]")
_NUMBER_DOT_RE = re.compile(r"(?<=[0-9])．(?=[0-9])")
_PERCENT_RE = re.compile(r"(?<=[0-9])％")
# left exactly as written by the typesetting rules: link targets, code, URLs, entities (an entity's ; is no punctuation)
_AS_WRITTEN_RE = re.compile(r"(\]\([^)]*\)|`[^`]*`|https?://\S+|&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9a-fA-F]+);)")

# CJK radicals that PDF extraction leaves for look-alike ideographs (NFKC covers the Kangxi block).
RADICAL_LOOKALIKES = {
    "⺠": "民",
    "⻅": "见",
    "⻓": "长",
    "⻔": "门",
    "⻘": "青",
    "⻝": "食",
    "⻢": "马",
    "⻛": "风",
    "⻜": "飞",
    "⻥": "鱼",
    "⻬": "齐",
    "⻮": "齿",
    "⻳": "龟",
    "⻆": "角",
    "⻉": "贝",
    "⻋": "车",
    "⻄": "西",
    "⻩": "黄",
    "⻚": "页",
    "⻣": "骨",
    "⻤": "鬼",
    "⻙": "韦",
    "⻨": "麦",
    "⺟": "母",
    "⻑": "長",
    "⻈": "讠",
    "⺫": "罒",
    "⺮": "竹",
    "⺶": "羊",
    "⺼": "肉",
    "⻊": "足",
    "⻍": "辶",
    "⻖": "阝",
    "⻗": "雨",
    "⻰": "龙",
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

    Link targets, code, URLs and character entities are left exactly as written.
    """
    parts = _AS_WRITTEN_RE.split(text)
    return "".join(part if index % 2 else _normalise_punctuation_piece(part) for index, part in enumerate(parts))


def normalise_punctuation(blocks: list[Block], ctx: Context) -> list[Block]:
    """ASCII ,:;?!() between Han become full-width; full-width digits and ． in numbers half-width.

    Code is left exactly as written."""
    return [block if block.kind == "code" else map_block_texts(block, normalise_text) for block in blocks]


def drop_repeated_paragraphs(blocks: list[Block], ctx: Context) -> list[Block]:
    """A paragraph printed twice in a row (an exporter's or a CMS's doubled lede): the reader reads it once."""
    kept: list[Block] = []
    for block in blocks:
        previous = next((b for b in reversed(kept) if b.kind != "break"), None)
        text = strip_markup(block.text).strip()
        if (
            block.kind == "paragraph"
            and previous is not None
            and previous.kind == "paragraph"
            and han_count(text) >= 10
            and strip_markup(previous.text).strip() == text
        ):
            ctx.drop("repeated-paragraph", "the same paragraph again right after itself", block)
            continue
        kept.append(block)
    return kept


# -- titles -----------------------------------------------------------------------------------

_QUOTE_CHARS = "“”\"'‘’「」『』《》"


def repair_title(title: str, candidates: tuple[str, ...]) -> str:
    """Exports turn quotes into underscores ("二上美国_黑名单_"); a copy elsewhere in the document
    (an image's alt text, the page <title>) that differs only in those places is the better source."""
    if "_" not in title:
        return title
    pattern = re.compile(
        "^" + "".join(f"[{re.escape(_QUOTE_CHARS)}_]" if ch == "_" else re.escape(ch) for ch in title) + "$"
    )
    for candidate in candidates:
        if pattern.match(candidate.strip()):
            return candidate.strip()
    return title


# -- the fixed order ------------------------------------------------------------------------

RULES: tuple[Rule, ...] = (
    drop_title_copy,
    drop_interface_text,
    credit_lines_are_metadata,
    drop_platform_disclaimers,
    drop_reading_tail,
    drop_calls_to_action,
    drop_editor_credits,
    drop_empty_placeholders,
    drop_decoration,
    alt_text_is_not_a_caption,
    credit_is_not_the_caption,
    drop_uncaptioned_pictures,
    normalise_punctuation,
    lone_numbers_become_section_marks,
    chart_titles_become_figures,
    report_standfirst,
    short_lines_become_lists,
    drop_typed_bullets,
    reference_lists,
    join_broken_paragraphs,
    dated_lines_are_captions,
    line_under_picture_is_its_caption,
    drop_caption_repeated_under_picture,
    title_lines_become_headings,
    one_caption_per_picture,
    drop_empty_placeholders,  # again: a caption that only repeated the title leaves a figure of nothing
    drop_repeated_paragraphs,
    drop_page_breaks,
    normalise_punctuation,  # again: joining can bring ASCII punctuation next to Han
)


KEYCAP_MARKS = str.maketrans("", "", "\ufe0f\u20e3")  # emoji presentation selector and the keycap frame
MID_SENTENCE_RE = re.compile(r"[，、；,;]")
# An exporter's cut: three dots (or one ellipsis character) straight after a word, where the text stops.
# A writer's ellipsis is the doubled …… of Chinese typesetting, and stays a sentence's end.
CUT_MARK_RE = re.compile(rf"[{HAN}A-Za-z0-9](?:\.{{2,}}|。。。|…|⋯)\s*$")


SENTENCE_SPLIT_RE = re.compile(r"(?<=[。！？!?])")
# `FB专页：facebook.com/x`, `电邮：a@b.c`, `微信：abc123`: a label, a colon and a value without Han.
LABELLED_TAIL_RE = re.compile(rf"[{HAN}]{{1,6}}\s*[:：]\s*[^{HAN}，。]+$")


def is_truncated(blocks: list[Block]) -> bool:
    """The source stops mid-sentence: the last paragraph of text has no closing punctuation.

    A closing quotation (a notice, a credit) and a paragraph without Chinese text (a link, an
    English credit line) are not running text, so they are no evidence either way; a last line
    without a comma (a call to follow the account, a link's label) is a line, not a cut sentence."""
    for block in reversed(blocks):
        if block.kind == "aside":
            return is_truncated(list(block.children))
        if block.kind == "paragraph" and HAN_RE.search(strip_markup(block.text)):
            plain = strip_markup(block.text).rstrip()
            if CUT_MARK_RE.search(plain):
                return True
            if ends_sentence(plain):
                return False
            # What follows the paragraph's last full sentence: a cut sentence runs on past a comma; a sign-off
            # without one, or a contact line after an author's bio (`FB专页：…`, `電郵：…`), is a line.
            tail = SENTENCE_SPLIT_RE.split(plain)[-1]
            return bool(MID_SENTENCE_RE.search(tail)) and not LABELLED_TAIL_RE.search(tail)
        if block.kind in ("heading", "list", "lede", "rule", "table", "code", "section", "references"):
            return False
    return False


def clean_blocks(blocks: list[Block], ctx: Context) -> list[Block]:
    for rule in RULES:
        blocks = rule(blocks, ctx)
    return [replace(b, children=tuple(clean_blocks(list(b.children), ctx))) if b.kind == "aside" else b for b in blocks]


def clean(document: RawDocument) -> Article:
    """Apply every rule in order; the report lists each removal with its rule."""
    # One space between words; a keycap emoji (3️⃣) is its digit: a headline is set in text, not in pictures
    title = normalise_text(repair_title(document.title, document.title_candidates)).translate(KEYCAP_MARKS)
    title = " ".join(title.split())
    ctx = Context(format=document.format, title=title, back_matter=document.back_matter)
    if title != document.title:
        ctx.repairs.append(f"title repaired: {document.title!r} → {title!r}")
    blocks = clean_blocks(list(document.blocks), ctx)
    title = ctx.title  # a rule may have found the title as the text writes it
    report = CleanReport(
        removals=tuple(document.removals) + tuple(ctx.removals),
        repairs=tuple(ctx.repairs),
        truncated=is_truncated(blocks),
    )
    return Article(raw=document, title=title, blocks=tuple(blocks), report=report)
