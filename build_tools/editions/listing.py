"""Lists of pages: the order articles are listed in, cutting long lists into pages, links between pages.

Shared by the pages that list articles (render.py), the topic pages (topics.py) and the
navigation (navigation.py), so "newest first, undated last" means the same everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from build_tools.core.dialect import Dialect
from build_tools.core.model import Metadata, Page

Label = Callable[[str], str]


def same(text: str) -> str:
    return text


def source_date_line(source: str, date: str, unknown_date: str) -> str:
    """`source · date` under a title, the same in lists, topic pages and search results; `unknown_date`
    (日期不详 in the edition's script) when the source states none."""
    return " · ".join(x for x in (source, date or unknown_date) if x)


def source_and_date(metadata: Metadata, label: Label = same) -> str:
    return source_date_line(metadata.source, metadata.date, label("日期不详"))


@dataclass(frozen=True)
class RenderedArticle:
    """An article page plus what index pages need to list it."""

    page: Page
    metadata: Metadata


@dataclass(frozen=True)
class ReportIndex:
    page: Page
    metadata: Metadata
    chapters: tuple[RenderedArticle, ...]  # every page of the report in order, back matter included

    def chapter_count(self) -> int:
        """Chapters only: a reference list or back cover is not a chapter."""
        return sum(1 for chapter in self.chapters if not chapter.metadata.back_matter)


def relative(target: str, from_page: str) -> str:
    """Link from one page to another, both given relative to the edition's root."""
    return "../" * from_page.count("/") + target


def sort_key(metadata: Metadata) -> tuple:
    """Newest first; undated pages after dated ones, in title order."""
    return (metadata.date == "", [-ord(c) for c in metadata.date], metadata.title)


class Dated(Protocol):
    @property
    def metadata(self) -> Metadata: ...


D = TypeVar("D", bound=Dated)


def newest_first(items: Iterable[D]) -> list[D]:
    """Anything with metadata (a listed page, a report, a topic's article), in the one order of the lists."""
    return sorted(items, key=lambda item: sort_key(item.metadata))


def by_year(items: list[RenderedArticle], label: Label) -> dict[str, list[RenderedArticle]]:
    """Newest first, grouped by year of publication; undated ones last, under 日期不详."""
    groups: dict[str, list[RenderedArticle]] = {}
    for item in newest_first(items):
        groups.setdefault(item.metadata.date[:4] or label("日期不详"), []).append(item)
    return groups


UNDATED_FOLDER = "undated"


def year_index_path(items: list[RenderedArticle]) -> str:
    """The page listing one year's articles (`by_year`'s group), the first entry of its navigation section: a
    collapsed year links there, so a new article changes that year's pages, not every page's navigation."""
    return f"articles/{items[0].metadata.date[:4] or UNDATED_FOLDER}/index.md"


def pager(number: int, count: int, link: Callable[[int], str], label: Label = same, *, dialect: Dialect) -> str:
    """Previous, position and next: the same few links on every page, however many pages there are."""
    parts = []
    if number > 1:
        parts.append(f"[← {label('上一页')}]({link(number - 1)})")
    parts.append(label(f"第 {number}/{count} 页"))
    if number < count:
        parts.append(f"[{label('下一页')} →]({link(number + 1)})")
    return " · ".join(parts) + "\n" + dialect.attributes(classes=["pager"])


def runs_of(items: list, size: int) -> list[list]:
    """`items` cut into consecutive runs of at most `size`; an empty list is one empty run (a page still shows)."""
    return [items[at : at + size] for at in range(0, len(items), size)] or [[]]
