"""Collecting across articles: topic pages, the glossary index, related articles, charts.

Works on one edition at a time: every text it shows (titles, contexts, labels)
is already in that edition's script; `label` converts the tool's own simplified
wording once, from its original script.
"""

from __future__ import annotations

import heapq
import html
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice

from build_tools.chinese.glossary import GlossaryEntry, shown_forms
from build_tools.core.dialect import Dialect
from build_tools.core.model import Metadata, Page
from build_tools.core.textutil import escape_markdown
from build_tools.editions.annotate import Mention
from build_tools.editions.listing import newest_first, pager, relative, runs_of, sort_key, source_and_date

MAX_RELATED = 5


@dataclass(frozen=True)
class ArticleMentions:
    """What one article page contributes to the topic pages."""

    path: str  # page path in the edition, e.g. articles/x.md
    metadata: Metadata  # in the edition's script
    mentions: tuple[Mention, ...]

    def count(self, term: str) -> int:
        return sum(1 for m in self.mentions if m.term == term)

    def terms(self) -> set[str]:
        return {m.term for m in self.mentions}


def _first_use_key(item: ArticleMentions) -> tuple:
    """Oldest first, undated last; the chapters of one report in their order (they share its date)."""
    date = item.metadata.date
    return (date == "", date, item.metadata.part_of, item.metadata.part_index, item.path)


def _kwic(mention: Mention) -> str:
    before = mention.context[: mention.start]
    after = mention.context[mention.start + len(mention.form) :]
    return f"…{html.escape(before)}<mark>{html.escape(mention.form)}</mark>{html.escape(after)}…"


def chart_svg(title: str, rows: list[tuple[str, int]], label: Callable[[str], str]) -> str:
    """A small horizontal bar chart of mentions per article, drawn at build time (no scripts, no web)."""
    bar_left, bar_max, row_height = 190, 260, 22
    height = 30 + row_height * max(1, len(rows))
    peak = max((count for _, count in rows), default=1) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{bar_left + bar_max + 50}" height="{height}" '
        f'viewBox="0 0 {bar_left + bar_max + 50} {height}" role="img" '
        'font-family="Noto Sans CJK SC, Noto Sans CJK TC, sans-serif" font-size="12">',
        f"<title>{html.escape(title)}</title>",
        f'<text x="0" y="16" font-size="13" font-weight="bold">{html.escape(title)}</text>',
    ]
    for index, (name, count) in enumerate(rows):
        y = 30 + index * row_height
        short = name if len(name) <= 14 else name[:13] + "…"
        width = max(2, round(bar_max * count / peak))
        parts.append(f'<text x="0" y="{y + 14}">{html.escape(short)}</text>')
        parts.append(f'<rect x="{bar_left}" y="{y + 3}" width="{width}" height="14" fill="#3f51b5"/>')
        parts.append(f'<text x="{bar_left + width + 6}" y="{y + 14}">{count}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


TOPIC_PAGE_ARTICLES = 50  # articles (with their quotes) per topic page; later ones go to numbered pages
CHART_ROWS = 30  # the chart shows the articles that mention the term most


def _mention_lines(
    mentioning: list[ArticleMentions], term: str, path: str, label: Callable[[str], str], dialect: Dialect
) -> list[str]:
    lines = []
    for item in mentioning:
        details = html.escape(source_and_date(item.metadata, label))
        lines += [
            dialect.heading(
                3, f"[{escape_markdown(item.metadata.title)}]({relative(item.path, path)})", ["data-no-search"]
            ),
            "",
            f'<p class="topic-count">{details} · {label("提及")} {item.count(term)} {label("次")}</p>',
            "",
        ]
        for mention in (m for m in item.mentions if m.term == term):
            target = relative(item.path, path) + (f"#{mention.anchor}" if mention.anchor else "")
            lines.append(f'- <span class="kwic">{_kwic(mention)}</span> [{label("原文")}]({target})')
        lines.append("")
    return lines


@dataclass(frozen=True)
class _Topic:
    """One topic term with the articles that mention it, newest first, cut into pages."""

    entry: GlossaryEntry
    shown: str  # the term as this edition writes it
    mentioning: list[ArticleMentions]
    runs: list[list[ArticleMentions]]

    @property
    def path(self) -> str:
        return f"topics/{self.entry.slug}.md"

    def page_path(self, number: int) -> str:
        return self.path if number == 1 else f"topics/{self.entry.slug}/{number}.md"

    def link_from(self, here: str) -> Callable[[int], str]:
        return lambda number: relative(self.page_path(number), here)


def topic_pages(
    entries,
    items: list[ArticleMentions],
    label: Callable[[str], str],
    convert: Callable[[str], str],
    *,
    dialect: Dialect,
) -> list[Page]:
    """One page per topic term: the term, its definition, every article mentioning it with each mention in context.

    Past TOPIC_PAGE_ARTICLES articles the list continues on numbered pages (topics/<slug>/2.md …), so no page grows
    with the collection; those pages hold only quotes of indexed articles and stay out of search.
    """
    pages = []
    by_term = {e.term: e for e in entries}
    for entry in (e for e in entries if e.topic):
        mentioning = newest_first(i for i in items if i.count(entry.term))
        topic = _Topic(entry, convert(entry.term), mentioning, runs_of(mentioning, TOPIC_PAGE_ARTICLES))
        chart_title, rows = _chart(topic, label)
        lines = _topic_head(topic, label, convert, dialect) + _co_occurring(topic, by_term, label, convert, dialect)
        lines += [
            "",
            f"## {label('分布')}",
            "",
            f"![{html.escape(chart_title)}]({entry.slug}.svg)" + dialect.attributes(classes=["topic-chart"]),
            "",
        ]
        pages.append(
            Page(path=topic.path, title=topic.shown, front_matter={"title": topic.shown}, body="\n".join(lines))
        )
        pages.append(
            Page(
                path=f"topics/{entry.slug}.svg",
                title=chart_title,
                front_matter={},
                body=chart_svg(chart_title, rows, label),
                raw=True,
            )
        )
        pages += [
            _continuation(topic, number, run, label, dialect) for number, run in enumerate(topic.runs[1:], start=2)
        ]
    return pages


def _topic_head(
    topic: _Topic, label: Callable[[str], str], convert: Callable[[str], str], dialect: Dialect
) -> list[str]:
    """The term in both scripts, its definition, and the first page of articles mentioning it."""
    entry, total = topic.entry, sum(i.count(topic.entry.term) for i in topic.mentioning)
    lines = [
        f"# {escape_markdown(topic.shown)}",
        "",
        '<p class="topic-forms">'
        + " · ".join(
            html.escape(x)
            for x in (
                f"{label('简体')}：{entry.term}",
                f"{label('繁體')}：{entry.traditional}",
                f"{label('拼音')}：{entry.pinyin}",
                f"English: {entry.gloss}",
            )
        )
        + "</p>",
        "",
        escape_markdown(convert(entry.definition)),
        "",
        # The mentions repeat the articles' own text, which search finds on the articles themselves.
        dialect.heading(2, label("提到它的文章"), ["data-no-search"]),
        "",
        label(f"共 {len(topic.mentioning)} 篇文章、{total} 处提及，按日期排列（最新的在前）。"),
        "",
    ]
    lines += _mention_lines(topic.runs[0], entry.term, topic.path, label, dialect)
    if len(topic.runs) > 1:
        lines += [pager(1, len(topic.runs), topic.link_from(topic.path), label, dialect=dialect), ""]
    return lines


def _co_occurring(
    topic: _Topic, by_term: dict, label: Callable[[str], str], convert: Callable[[str], str], dialect: Dialect
) -> list[str]:
    """The other topics mentioned in the same articles, most shared first."""
    co: Counter[str] = Counter()
    for item in topic.mentioning:
        for other in item.terms():
            if other != topic.entry.term and by_term.get(other) is not None and by_term[other].topic:
                co[other] += 1
    # names other topics, not this page's text: kept out of search
    lines = [dialect.heading(2, label("一同出现的话题"), ["data-no-search"]), ""]
    for other, count in sorted(co.items(), key=lambda kv: (-kv[1], by_term[kv[0]].slug)):
        lines.append(
            f"- [{escape_markdown(convert(other))}]({by_term[other].slug}.md)：{label(f'{count} 篇文章同时提到')}"
        )
    return lines if co else lines + [label("没有别的话题与它出现在同一篇文章里。")]


def _chart(topic: _Topic, label: Callable[[str], str]) -> tuple[str, list[tuple[str, int]]]:
    """The chart's title and bars: every mentioning article, or the CHART_ROWS that mention the term most."""
    term, charted = topic.entry.term, topic.mentioning
    chart_title = label(f"“{term}”在各篇文章中的提及次数")
    if len(charted) > CHART_ROWS:
        charted = sorted(charted, key=lambda i: -i.count(term))[:CHART_ROWS]  # stable: newest first among equals
        chart_title = label(f"“{term}”提及最多的 {CHART_ROWS} 篇文章")
    return chart_title.replace(term, topic.shown), [(i.metadata.title, i.count(term)) for i in charted]


def _continuation(
    topic: _Topic, number: int, run: list[ArticleMentions], label: Callable[[str], str], dialect: Dialect
) -> Page:
    """Page `number` of a long topic's articles: quotes of indexed articles only, so kept out of search."""
    here, term, runs = topic.page_path(number), topic.entry.term, topic.runs
    title = label(f"{term}（第 {number} 页）").replace(term, topic.shown)
    body = [
        f"# {escape_markdown(title)}",
        "",
        label(
            f"提到“{term}”的文章，第 {(number - 1) * TOPIC_PAGE_ARTICLES + 1}–"
            f"{(number - 1) * TOPIC_PAGE_ARTICLES + len(run)} 篇（共 {len(topic.mentioning)} 篇）。"
        ).replace(term, topic.shown)
        + f" [{label('话题页')}]({relative(topic.path, here)})",
        "",
        pager(number, len(runs), topic.link_from(here), label, dialect=dialect),
        "",
    ]
    body += _mention_lines(run, term, here, label, dialect)
    body += [pager(number, len(runs), topic.link_from(here), label, dialect=dialect), ""]
    return Page(
        path=here, title=title, front_matter={"title": title, "search": {"exclude": True}}, body="\n".join(body)
    )


def topics_index(
    entries, items: list[ArticleMentions], label: Callable[[str], str], convert: Callable[[str], str]
) -> Page:
    lines = [f"# {label('话题')}", "", label("每个话题页列出提到它的全部文章，并给出每一处提及的上下文。"), ""]
    for entry in (e for e in entries if e.topic):
        count = sum(1 for i in items if i.count(entry.term))
        lines.append(
            f"- [{escape_markdown(convert(entry.term))}]({entry.slug}.md) <small>{html.escape(entry.pinyin)} · "
            f"{html.escape(entry.gloss)} · {label(f'{count} 篇文章')}</small>"
        )
    return Page(
        path="topics/index.md", title=label("话题"), front_matter={"title": label("话题")}, body="\n".join(lines) + "\n"
    )


def glossary_page(
    entries, items: list[ArticleMentions], label: Callable[[str], str], convert: Callable[[str], str], dialect: Dialect
) -> Page:
    """Every term sorted by pinyin, with its forms, gloss, definition and a link to its topic page or first use."""
    path = "glossary.md"
    lines = [f"# {label('术语表')}", "", label("按拼音排序。正文里带虚线的词可以悬停、点按或用键盘聚焦查看解释。"), ""]
    oldest_first = sorted(items, key=_first_use_key)
    for entry in entries:
        forms = "、".join(shown_forms(entry, convert))
        lines += [
            dialect.heading(2, escape_markdown(convert(entry.term)), anchor=entry.slug),
            "",
            f'<p class="glossary-forms">{html.escape(entry.pinyin)} · {html.escape(entry.gloss)} · '
            f"{label('写法')}：{html.escape(forms)}</p>",
            "",
            escape_markdown(convert(entry.definition)),
            "",
        ]
        if entry.topic:
            lines += [f"[{label('话题页：全部提及')}](topics/{entry.slug}.md)", ""]
        else:
            first = next(((i, m) for i in oldest_first for m in i.mentions if m.term == entry.term), None)
            if first:
                item, mention = first
                target = item.path + (f"#{mention.anchor}" if mention.anchor else "")
                lines += [f"{label('首次出现')}：[{escape_markdown(item.metadata.title)}]({target})", ""]
    return Page(path=path, title=label("术语表"), front_matter={"title": label("术语表")}, body="\n".join(lines))


class RelatedArticles:
    """For every article, the articles sharing the most topics with it (then: from another seed, newest, by path).

    Comparing every pair of articles grows with the square of the collection.  Articles with the same set of
    topics rank all others alike, so each distinct set (a bitmask) is ranked once, against the distinct sets, and
    only as deep as a page can need: at most MAX_RELATED others, plus itself and its own seed's pages.
    """

    def __init__(self, items: list[ArticleMentions], topic_terms: set[str]):
        self._terms = sorted(topic_terms)
        bits = {term: 1 << number for number, term in enumerate(self._terms)}
        self._bits = bits
        self._mask = {item.path: sum(bits[t] for t in item.terms() & topic_terms) for item in items}
        per_seed = Counter(item.metadata.seed for item in items)
        self._depth = MAX_RELATED + max(per_seed.values(), default=0)
        self._order = {item.path: (sort_key(item.metadata), item.path) for item in items}
        self._groups: dict[int, list[ArticleMentions]] = {}
        for item in sorted(items, key=self._key):
            if self._mask[item.path]:
                self._groups.setdefault(self._mask[item.path], []).append(item)
        self._ranked: dict[int, list[list[ArticleMentions]]] = {}

    def _key(self, item: ArticleMentions) -> tuple:
        return self._order[item.path]

    def _tiers(self, mask: int) -> list[list[ArticleMentions]]:
        """The articles sharing topics with `mask`, by number of shared topics, then newest first; each tier
        (and the tiers) only as deep as any page with this mask needs."""
        if mask not in self._ranked:
            by_shared: dict[int, list[list[ArticleMentions]]] = {}
            for other, members in self._groups.items():
                shared = (mask & other).bit_count()
                if shared:
                    by_shared.setdefault(shared, []).append(members)
            tiers, depth = [], 0
            for shared in sorted(by_shared, reverse=True):
                tiers.append(list(islice(heapq.merge(*by_shared[shared], key=self._key), self._depth)))
                depth += len(tiers[-1])
                if depth >= self._depth:
                    break
            self._ranked[mask] = tiers
        return self._ranked[mask]

    def of(self, item: ArticleMentions) -> list[tuple[ArticleMentions, list[str]]]:
        mask = self._mask.get(item.path, 0)
        if not mask:
            return []
        picked: list[ArticleMentions] = []
        for tier in self._tiers(mask):
            need = MAX_RELATED - len(picked)
            others, own_seed = [], []  # within a tier, another seed's pages rank before this seed's
            for other in tier:
                if other.path == item.path:
                    continue
                if other.metadata.seed == item.metadata.seed:
                    own_seed.append(other)
                    continue
                others.append(other)
                if len(others) >= need:
                    break
            picked += (others + own_seed)[:need]
            if len(picked) >= MAX_RELATED:
                break
        return [(other, [t for t in self._terms if self._bits[t] & mask & self._mask[other.path]]) for other in picked]


def related_section(
    item: ArticleMentions,
    related_articles: RelatedArticles,
    slugs: dict[str, str],
    label: Callable[[str], str],
    convert: Callable[[str], str],
    *,
    dialect: Dialect,
) -> str:
    related = related_articles.of(item)
    lines = [
        dialect.heading(2, label("相关文章"), ["data-no-search"]),
        "",
    ]  # lists other articles' topics: not this page's text
    if not related:
        return "\n".join(lines + [label("暂无与本文共享话题的文章。"), ""])
    for other, shared in related:
        names = "、".join(
            f"[{escape_markdown(convert(t))}]({relative('topics/' + slugs[t] + '.md', item.path)})" for t in shared
        )
        lines.append(
            f"- [{escape_markdown(other.metadata.title)}]({relative(other.path, item.path)}) "
            f"<small>{label('共同话题')}：</small>{names}"
        )
    return "\n".join(lines + [""])
