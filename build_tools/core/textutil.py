"""Small facts about Chinese text that several stages need.

Kept in one place so that "what ends a sentence" or "what a byline looks like"
means the same thing to the readers, the cleaning rules and the metadata stage.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from urllib.parse import unquote

# Han ideographs, the one range for the whole tool: Extension A, the unified block, the compatibility ideographs,
# and the Supplementary and Tertiary Ideographic Planes (Extensions B–I, rare names and places such as 𠮷 or 𪚥).
# The one definition of a Han character for the whole tool: CJK Extension A, the unified ideographs, the
# compatibility ideographs, and Extensions B and beyond (planes 2 and 3).
HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3FFFF))
# Search works in UTF-16 units (the browser's strings): it indexes the ranges of the first plane.
SEARCH_HAN_RANGES = tuple(span for span in HAN_RANGES if span[1] < 0x10000)


def character_class(ranges) -> str:
    """The ranges as the inside of a regular expression's [...]."""
    return "".join(f"{chr(start)}-{chr(end)}" for start, end in ranges)


HAN = character_class(HAN_RANGES)
HAN_RE = re.compile(f"[{HAN}]")

# Characters that may end a complete sentence or paragraph (closing quotes after a full stop count).
SENTENCE_END = "。！？!?…；;.」』”’）)》】"
# Characters a sentence cannot start with: a paragraph starting with one continues the previous one.
CONTINUATION_START = "，、。；：！？）》」』”’,.;:!?)"
# Punctuation that only appears inside sentences; a line containing it is prose, not a title.
SENTENCE_INNER = "，。；：,;"

QUOTE_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", "（": "）", "(": ")", "《": "》", "【": "】"}

# Roles that introduce a byline, in both scripts.
BYLINE_ROLES = (
    "本报记者",
    "本報記者",
    "本报通讯员",
    "本報通訊員",
    "见习记者",
    "見習記者",
    "特约记者",
    "特約記者",
    "特约作者",
    "特約作者",
    "特约撰稿",
    "特約撰稿",
    "记者",
    "記者",
    "通讯员",
    "通訊員",
    "作者",
    "撰文",
    "文／",
    "文/",
)
PERSON_NAME = f"[{HAN}·]{{2,4}}"
# One token of a name as newspapers set it: a two-character name is padded to the width of three
# ("刘  洋"), so a lone character is half a name.
_NAME_TOKEN = f"[{HAN}·]{{1,4}}"
_ROLE_ALT = "|".join(sorted(map(re.escape, BYLINE_ROLES), key=len, reverse=True))
_SEP = r"[\s\u3000、,，/／|｜]"
BYLINE_RE = re.compile(
    rf"^(?P<org>[{HAN}A-Za-z]{{0,8}}?)(?:{_ROLE_ALT})\s*[\s:：|｜/／]*\s*"
    rf"(?P<names>{_NAME_TOKEN}(?:{_SEP}+(?:(?:{_ROLE_ALT})\s*[:：]?\s*)?{_NAME_TOKEN})*)$"
)
# What follows the names in a byline and is no name: "北京报道", "发自上海", "摄".
_BYLINE_TAIL_RE = re.compile(
    rf"{_SEP}*(?:[{HAN}]{{0,4}}(?:报道|報道|电|電)|发自[{HAN}]{{1,6}}|發自[{HAN}]{{1,6}}|摄|攝)$"
)
BARE_NAMES_RE = re.compile(rf"^{PERSON_NAME}(?:[\s、]+{PERSON_NAME}){{0,2}}$")


def han_count(text: str) -> int:
    return len(HAN_RE.findall(text))


def han_chars(text: str) -> list[str]:
    return HAN_RE.findall(text)


def strip_markup(text: str) -> str:
    """Inline Markdown to visible text, good enough for counting and summaries."""
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"(\*\*|__|\*|`)", "", text)
    text = text.replace("\\", "")
    return text


INFORMAL_END = "~～"  # `欢迎参与~`: a blog's or a chat's sentence ends so, as one with an emoji does


def ends_sentence(text: str) -> bool:
    text = strip_markup(text).rstrip()
    if not text:
        return False
    last = text[-1]
    return last in SENTENCE_END or last in INFORMAL_END or unicodedata.category(last) == "So"


def unbalanced_quote(text: str) -> bool:
    """True when an opening quote or bracket is never closed: the sentence runs on."""
    depth: dict[str, int] = {}
    for ch in text:
        if ch in QUOTE_PAIRS:
            depth[ch] = depth.get(ch, 0) + 1
        else:
            for opening, closing in QUOTE_PAIRS.items():
                if ch == closing and depth.get(opening, 0) > 0:
                    depth[opening] -= 1
    return any(count > 0 for count in depth.values())


REFERENCE_HEADINGS = (
    "参考文献",
    "參考文獻",
    "参考资料",
    "參考資料",
    "参考书目",
    "參考書目",
    "引用文献",
    "引用文獻",
    "references",
    "bibliography",
    "works cited",
    "sources",
)


def is_reference_heading(text: str) -> bool:
    """The heading of a reference list or bibliography (参考文献, References …)."""
    return strip_markup(text).strip().strip("：:").lower() in REFERENCE_HEADINGS


def is_list_entry(text: str) -> bool:
    """A short line that is no sentence: an item or a reference ("Title, Publisher"; a Latin citation may end
    in ".")."""
    plain = strip_markup(text).strip()
    latin_citation = not HAN_RE.search(plain[-1:]) and plain.endswith(".")
    return (
        0 < len(plain) <= 100 and (not ends_sentence(plain) or latin_citation) and not re.search(r"[。；，！？]", plain)
    )


def is_title_like(text: str, max_len: int = 30) -> bool:
    """A short line without sentence-internal punctuation and without a full stop.

    Editors set titles and subheads this way; a question mark may end one
    ("如何实现长跑?"), a comma inside means it is a sentence.
    """
    plain = strip_markup(text).strip()
    if not plain or len(plain) > max_len or not HAN_RE.search(plain):
        return False
    if any(ch in SENTENCE_INNER for ch in plain):
        return False
    return plain[-1] not in "。；;，,、：:"


# What a picture's file is called, never what it shows: `chart_03.png`, `IMG_2041`, `DSC01234`,
# `003ednc20190925`, and the names chat apps and screenshots give (`QQ图片20161026171528`,
# `微信图片_20200101120000`, `mmexport1524`, `屏幕截图 2024-01-01 120000`).
_FILE_NAME_RES = (
    re.compile(r"^[^\s/]*\.(?:png|jpe?g|gif|webp|svg|bmp|tiff?|avif|heic)$", re.I),
    re.compile(r"^(?:img|dsc[nf]?|image|photo|pic|screenshot|mmexport)[_\- ]?\d+$", re.I),
    # one token of letters and digits, six digits in it (`003ednc20190925`; not `RTX4090`)
    re.compile(r"^(?=(?:\D*\d){6})[A-Za-z0-9_.\-]{8,}$"),
    # an app's word and a time stamp (`QQ图片20161026171528`; not `GDP 2010-2020`)
    re.compile(r"^[^\s\d]{0,8}[_\- ]?(?:\d{8,}|\d{4}-\d{2}-\d{2}[ _]\d{6})[\d_\-]*$"),
)


def is_file_name(text: str) -> bool:
    """Is this caption or alt text only the picture's file name (nothing a reader is told)?"""
    plain = strip_markup(text).strip()
    return bool(plain) and any(pattern.match(plain) for pattern in _FILE_NAME_RES)


# `任泽平：中国房地产市值300万亿`: a headline led by who said it (or a column's name) and a colon.
SPEAKER_HEADLINE_RE = re.compile(r"^(?P<head>[^\s，。；：,;:]{2,8})：(?P<rest>[^：:]+)$")
# Labels that open a note or a field, never a headline's speaker.
NOTE_LABELS = {
    *("注", "注释", "备注", "備註", "摘要", "编者按", "編者按", "导语", "導語", "提示", "说明", "說明", "按语", "按語"),
}


def is_headline_like(text: str, max_len: int = 40) -> bool:
    """A title line (see `is_title_like`), or a headline led by its speaker: `某某：要点` (a name or
    a column, a full-width colon, then a title)."""
    if is_title_like(text, max_len):
        return True
    plain = strip_markup(text).strip()
    match = SPEAKER_HEADLINE_RE.match(plain)
    return (
        match is not None
        and len(plain) <= max_len
        and match.group("head") not in NOTE_LABELS
        and is_title_like(match.group("rest"), max_len)
    )


def _join_padded(tokens: list[str]) -> list[str] | None:
    """Lone characters are halves of a padded two-character name ("刘", "洋" → 刘洋); None when one is left over."""
    names: list[str] = []
    half = ""
    for token in tokens:
        if len(token) == 1:
            if half:
                names.append(half + token)
                half = ""
            else:
                half = token
        elif half:
            return None
        else:
            names.append(token)
    return None if half else names


def parse_byline(text: str) -> tuple[str, ...] | None:
    """Names in a byline such as "本报记者 张敏 见习记者 梁傲男", "文/张三", "记者 陈建华  刘  洋 通讯员 王五";
    None when it is not one."""
    plain = strip_markup(text).strip()
    plain = _BYLINE_TAIL_RE.sub("", plain).strip() if len(plain) > 4 else plain
    match = BYLINE_RE.match(plain)
    if not match:
        return None
    tokens = [n for n in re.split(rf"{_SEP}+|{_ROLE_ALT}|[:：]", match.group("names")) if n]
    names = _join_padded(tokens)
    if not names or any(len(name) > 4 for name in names):
        return None
    return tuple(names)


def is_bare_names(text: str) -> bool:
    """A line holding only a person's name or two: a column's byline in a newspaper."""
    return bool(BARE_NAMES_RE.match(strip_markup(text).strip()))


# `~` is no markup in this site's Markdown, and Python-Markdown would show `\~` as is.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def escape_markdown(text: str) -> str:
    """Make plain text safe as inline Markdown: nothing in it becomes markup or raw HTML."""
    text = text.replace("&", "&amp;")
    text = _MD_SPECIAL.sub(lambda m: {"<": "&lt;", ">": "&gt;"}.get(m.group(1), "\\" + m.group(1)), text)
    # A line starting with "1." or "-" would become a list; "+"/"=" could become other markup.
    # Python-Markdown has no backslash escape for `=`: an entity keeps a leading one from underlining a heading.
    text = re.sub(r"^(\s*)=", r"\1&#61;", text)
    return re.sub(r"^(\s*)(\d+)\.(\s)", r"\1\2\\.\3", re.sub(r"^(\s*)([-+])", r"\1\\\2", text))


_LATIN_END = re.compile(r"[A-Za-z0-9]$")
_LATIN_START = re.compile(r"^[A-Za-z0-9]")


def join_wrapped(left: str, right: str) -> str:
    """Join two pieces of one sentence: no space between Han, one space between Latin words."""
    left, right = left.rstrip(), right.lstrip()
    if _LATIN_END.search(left) and _LATIN_START.search(right):
        return f"{left} {right}"
    return left + right


# Where Han characters stand in a source without being text a reader reads: a link's or a picture's
# address (`](…)`, `<…>`, href=, src=) and an attribute's value (title=, alt=, data-…=).
_ATTRIBUTE_RE = re.compile(r"""\b[\w:-]+\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ADDRESS_RE = re.compile(r"\]\(\s*<?([^)>\s]+)>?(?:\s+(?:\"([^\"]*)\"|'([^']*)'))?\s*\)|https?://[^\s<>()\[\]]+")
_TAG_RE = re.compile(r"<[A-Za-z][^<>]*>")


def addresses_and_attributes(text: str) -> list[str]:
    """Link addresses (percent-decoded), link titles and HTML attribute values of inline Markdown or HTML."""
    found: list[str] = []
    for match in _ADDRESS_RE.finditer(text):
        found += [unquote(part) for part in match.groups() if part] if match.lastindex else [unquote(match.group(0))]
    for tag in _TAG_RE.finditer(text):
        found += [unquote(a or b) for a, b in _ATTRIBUTE_RE.findall(tag.group(0))]
    return found


def markup_han(source: str) -> Counter:
    """The Han characters of a source that stand in addresses and attributes (what the audit may not
    find in any page's text, yet no rule removed: the page keeps them in its links, or they were markup).

    Feeds carry HTML escaped as text (`&lt;h2 id=&quot;锁&quot;&gt;`); its attributes are markup too,
    counted once (the larger count of the two readings), not twice."""
    found = Counter(ch for part in addresses_and_attributes(source) for ch in han_chars(part))
    if "&lt;" in source:
        unescaped = html.unescape(source)
        found |= Counter(ch for part in addresses_and_attributes(unescaped) for ch in han_chars(part))
    return found
