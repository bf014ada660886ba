"""Desk credits (`责任编辑：…`, `（编辑：…）`, `校对：…`), written once for every stage that meets them.

Readers of saved pages, the page-metadata reader and cleaning all meet the same lines; they used to
spell the roles four times, two ways (both scripts listed, or text folded first).  Now one way: the
roles are written in simplified and text is folded to simplified (for the characters the roles use)
before matching, so `責任編輯：…` and `校對：…` are the same credits.
"""

from __future__ import annotations

import re

ROLES = ("责任编辑", "责编", "编辑", "编审", "校对", "审校", "审核", "审稿", "排版", "美编", "终审", "监制", "统筹")
EDITOR_ROLES = ("责任编辑", "责编", "编辑")  # the roles that name an editor of the text, never its author
DESK_ROLES = ("责任编辑", "责编")  # a line opening with these is a credit wherever it stands
_FOLD = str.maketrans("責編輯審對稿統籌監製終", "责编辑审对稿统筹监制终")
_ROLE = "(?:" + "|".join(sorted(ROLES, key=len, reverse=True)) + ")"
_EDITOR = "(?:" + "|".join(sorted(EDITOR_ROLES, key=len, reverse=True)) + ")"
_NAME = r"[^:：。！？，,；;（）()【】\[\]]{1,24}"
CREDIT_LINE_RE = re.compile(rf"[（(【\[]?\s*(?:{_ROLE}\s*[:：]\s*{_NAME}\s*)+[）)】\]]?")
CREDIT_START_RE = re.compile(rf"^[\[【（(]?\s*{_ROLE}\s*[:：]")
# `…盡全力緩解。（編輯：蘇龍麒）1120221`: a credit (and a wire's filing code) closing the last paragraph.
TRAILING_CREDIT_RE = re.compile(rf"[（(【\[]\s*{_ROLE}\s*[:：]\s*{_NAME}[）)】\]]\s*\d*\s*$")
EDITOR_NAME_RE = re.compile(rf"{_EDITOR}\s*[:：]?\s*(?P<name>[\u4e00-\u9fff]{{2,4}})")


def fold(text: str) -> str:
    """The text with the roles' traditional characters in simplified (one character for one: positions hold)."""
    return text.translate(_FOLD)


def is_credit_line(text: str) -> bool:
    """A line of nothing but credits (`责任编辑：王五`, `（编辑：王五 校对：李四）`)."""
    return bool(CREDIT_LINE_RE.fullmatch(fold(text.strip())))


def is_unmistakable_credit(text: str) -> bool:
    """A 责任编辑 line or a credit in brackets is never prose, wherever it stands ("审核：…" might be)."""
    folded = fold(text.strip())
    return is_credit_line(folded) and (folded[:1] in "（(【[" or folded.startswith(DESK_ROLES))


def starts_with_credit(text: str) -> bool:
    """A line that opens with a credit role and its colon."""
    return bool(CREDIT_START_RE.match(fold(text.strip())))


def trailing_credit(text: str) -> int | None:
    """Where a bracketed credit closing the text starts, or None."""
    match = TRAILING_CREDIT_RE.search(fold(text))
    return match.start() if match else None


def editor_names(text: str) -> set[str]:
    """The names the text gives its editors (as written, in the text's own script)."""
    return {text[m.start("name") : m.end("name")] for m in EDITOR_NAME_RE.finditer(fold(text))}
