"""Dates as sources write them, to the ISO date the source states.

Blogs, feeds and archivers write dates in many forms (ISO with or without a time and
zone, RFC 2822, `2022-5-1`, `2019年9月7日`).  The page shows the day the source names,
in the source's own time zone: a post dated `2021-04-26T01:00+08:00` is from the 26th,
even though it was still the 25th in UTC.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re

# Year, month and day as written, with any separator sources use; a time and zone may follow.
_NUMERIC_RE = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2})\s*日?|\s*月)?"
    r"(?:(?:[T\s]+|$)(?:\d{1,2}[:：]\d{2}(?:[:：]\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2}|[A-Z]{2,5})?)?)?\s*$"
)
_YEAR_RE = re.compile(r"^(\d{4})\s*年?$")


def _iso(year: int, month: int, day: int | None) -> str | None:
    try:
        dt.date(year, month, day or 1)
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


def parse_date(value) -> str | None:
    """`YYYY-MM-DD` (or `YYYY-MM`, `YYYY` when the source is that vague); None when `value` is no date."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()  # the local date as written: no conversion to UTC
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return str(value)
    if not isinstance(value, str):
        return None
    text = value.strip()
    match = _YEAR_RE.match(text)
    if match:
        return match.group(1)
    match = _NUMERIC_RE.match(text)
    if match:
        year, month, day = match.groups()
        return _iso(int(year), int(month), int(day) if day else None)
    parsed = email.utils.parsedate_tz(text)  # RFC 2822: the fields as written, zone not applied
    if parsed and parsed[0] and parsed[1] and parsed[2]:
        return _iso(parsed[0], parsed[1], parsed[2])
    match = _ENGLISH_RE.match(text)  # `26 June 2025`, `June 26, 2025`, `Jun 26 2025`
    if match:
        month = _MONTHS.get((match.group("month") or match.group("month2") or "").lower())
        day = match.group("day") or match.group("day2")
        return _iso(int(match.group("year")), month, int(day)) if month else None
    return None


_MONTH_NAMES = "january february march april may june july august september october november december".split()
_MONTHS = {
    **{name: number for number, name in enumerate(_MONTH_NAMES, 1)},
    **{name[:3]: number for number, name in enumerate(_MONTH_NAMES, 1)},
    "sept": 9,
}
_ENGLISH_RE = re.compile(
    r"^(?:(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>[A-Za-z]{3,9})\.?|(?P<month2>[A-Za-z]{3,9})\.?\s+(?P<day2>\d{1,2})"
    r"(?:st|nd|rd|th)?,?)\s+(?P<year>\d{4})$"
)


_FULL_DATE_IN_TEXT_RE = re.compile(r"(?<!\d)\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}(?!\d)\s*日?")


def date_in_text(text: str) -> str | None:
    """The one full date a title states ("每日资讯（2024-01-05）"); None when it states none or several."""
    found = {parse_date(match.group(0)) for match in _FULL_DATE_IN_TEXT_RE.finditer(text)} - {None}
    return found.pop() if len(found) == 1 else None
