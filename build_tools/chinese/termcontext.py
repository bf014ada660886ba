"""When a glossary form found in running text is not the term: the context rules an editor applies.

The glossary's own `exclude` lists handle the false hits an editor has met; these rules handle
the kinds of false hit that recur in any article, so no editor has to list them one by one:

- inside a 《》 title the words belong to the title of a document, not to the sentence;
- inside an organisation's name (安永……硬科技行业中心) the term is part of a proper name;
- after a negating prefix (即反摩尔定律, 非内卷) the longer word means the opposite.
"""

from __future__ import annotations

import re

from build_tools.core.textutil import HAN

TITLE_OPEN, TITLE_CLOSE = "《", "》"
TITLE_MAX_CHARS = 80  # a 《》 title is looked for this far around a match, so the cost does not grow with the text
# Endings of organisation names.  A bare 公司 is left out on purpose: 硬科技公司 is a
# description ("a hard-tech company"), while 有限公司 or 研究院 end a registered name.
ORGANISATION_SUFFIXES = (
    "中心",
    "研究院",
    "研究所",
    "研究会",
    "协会",
    "学会",
    "联盟",
    "委员会",
    "基金会",
    "联合会",
    "促进会",
    "商会",
    "实验室",
    "集团",
    "集團",
    "有限公司",
    "股份公司",
    "办公室",
    "工作组",
    "協會",
    "學會",
    "聯盟",
    "委員會",
    "基金會",
    "聯合會",
    "促進會",
    "商會",
    "實驗室",
    "研究會",
    "辦公室",
    "工作組",
)
# One to four characters between the term and the suffix (行业 in 硬科技行业中心): the term qualifies a
# longer name.  Right before the suffix it is a description (算力中心 "a computing centre") and stays marked.
NAME_TAIL_CHARS = 4
NEGATING_PREFIXES = "反非逆去"
# Two-character words ending in a negating character: the character belongs to the word before it,
# so it does not negate the term after it (并非内卷 "is not involution" still speaks of involution).
WORDS_ENDING_IN_PREFIX = (
    "并非",
    "並非",
    "而非",
    "绝非",
    "絕非",
    "除非",
    "无非",
    "無非",
    "莫非",
    "是非",
    "似非",
    "违反",
    "違反",
    "相反",
    "造反",
    "过去",
    "過去",
    "回去",
    "失去",
    "离去",
    "離去",
    "出去",
    "进去",
    "進去",
    "下去",
    "上去",
    "前去",
    "归去",
    "歸去",
    "远去",
    "遠去",
)
ORGANISATION_TAIL_RE = re.compile(
    f"[{HAN}]"
    + r"{{1,{}}}?(?:{})".format(NAME_TAIL_CHARS, "|".join(sorted(ORGANISATION_SUFFIXES, key=len, reverse=True)))
)


def false_hit(text: str, start: int, end: int) -> str:
    """Why text[start:end] is not the glossary term here ("" when it is): title, name or negated."""
    if inside_title(text, start, end):
        return "title"
    if inside_organisation_name(text, start, end):
        return "name"
    if negated(text, start):
        return "negated"
    return ""


def inside_title(text: str, start: int, end: int) -> bool:
    """An unclosed 《 before the match and a 》 after it: the match is part of a document's title."""
    opened = text.rfind(TITLE_OPEN, max(0, start - TITLE_MAX_CHARS), start)
    if opened < 0 or text.rfind(TITLE_CLOSE, opened, start) >= 0:
        return False
    closed = text.find(TITLE_CLOSE, end, opened + TITLE_MAX_CHARS)
    return closed >= 0 and text.rfind(TITLE_OPEN, end, closed) < 0


def inside_organisation_name(text: str, start: int, end: int) -> bool:
    """The match is followed, within the same run of Han characters, by more words and the ending of an
    organisation's name."""
    return ORGANISATION_TAIL_RE.match(text, end) is not None


def negated(text: str, start: int) -> bool:
    """A negating character right before the match that is not the end of another word (反摩尔定律, not 违反)."""
    if start == 0 or text[start - 1] not in NEGATING_PREFIXES:
        return False
    return text[max(0, start - 2) : start] not in WORDS_ENDING_IN_PREFIX
