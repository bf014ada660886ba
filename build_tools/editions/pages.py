"""Rendering cleaned articles as Markdown pages with YAML front matter, plus index pages.

Front matter is written with a YAML library, never by string formatting, so any
title survives the round trip through MkDocs' own front-matter parser.  Every
value shown in page bodies is escaped: metadata comes from untrusted seeds.

The tool's own wording is written in simplified Chinese and passed through
`label`, which converts it once into the edition's script.
"""

from __future__ import annotations

import html
import re

import yaml

from build_tools.core.dialect import Dialect
from build_tools.core.model import Block, Metadata, Page
from build_tools.core.textutil import escape_markdown
from build_tools.editions.listing import (
    Label,
    RenderedArticle,
    ReportIndex,
    by_year,
    newest_first,
    pager,
    relative,
    runs_of,
    same,
    source_and_date,
)

SCRIPT_LABELS = {
    "zh-Hans": "简体",
    "zh-Hant": "繁体",
}  # the tool's own wording: shown through `label`, in the page's script


_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when present: 10× faster, same YAML


def dump_front_matter(values: dict) -> str:
    return yaml.dump(values, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=1000)


def page_text(page: Page) -> str:
    if page.raw:
        return page.body
    return f"---\n{dump_front_matter(page.front_matter)}---\n\n{page.body}"


def meta_line(metadata: Metadata, label: Label = same) -> str:
    parts = []
    if metadata.source:
        parts.append(f'<span class="meta-source">{label("来源")}：{html.escape(metadata.source)}</span>')
    if metadata.byline:
        parts.append(f'<span class="meta-authors">{html.escape(metadata.byline)}</span>')
    elif metadata.authors and tuple(metadata.authors) != (metadata.source,):
        parts.append(f'<span class="meta-authors">{label("作者")}：{html.escape("、".join(metadata.authors))}</span>')
    if metadata.date:
        parts.append(
            f'<time class="meta-date" datetime="{html.escape(metadata.date)}">{html.escape(metadata.date)}</time>'
        )
    parts.append(
        '<span class="meta-reading">'
        f"{label(f'约 {metadata.reading_minutes} 分钟读完（{metadata.characters} 字）')}</span>"
    )
    parts.append(f'<span class="meta-script">{label("原文")}：{label(SCRIPT_LABELS[metadata.script])}</span>')
    if metadata.url:
        parts.append(f'<a class="meta-original" href="{html.escape(metadata.url)}">{label("原文链接")}</a>')
    return '<p class="article-meta">' + " · ".join(parts) + "</p>"


def _attributes(dialect: Dialect, block: Block, *classes: str) -> str:
    marks = dialect.attributes(block.anchor, classes)
    return f"\n{marks}" if marks else ""


def render_block(block: Block, label: Label = same, *, dialect: Dialect) -> str:
    if block.kind == "heading":
        return f"{'#' * max(2, min(block.level, 6))} {block.text}"
    if block.kind == "paragraph":
        return block.text + _attributes(dialect, block)
    if block.kind == "lede":
        return block.text + _attributes(dialect, block, "lede")
    if block.kind == "quote":
        return f"> {block.text}" + (f"\n> {dialect.attributes(block.anchor)}" if block.anchor else "")
    if block.kind == "rule":
        return "***"
    if block.kind == "section":  # a numbered rule, out of the table of contents (it is no heading)
        return f'<p class="section-mark" id="{block.anchor}">{html.escape(block.text)}</p>'
    if block.kind == "references":
        return "\n".join(f"- {item}" for item in block.items)
    if block.kind == "list":
        markers = [f"{block.start + index}." if block.ordered else "-" for index in range(len(block.items))]
        return "\n".join(f"{marker} {item}" for marker, item in zip(markers, block.items))
    if block.kind == "code":
        return fenced_code(block.text, block.language)
    if block.kind == "table":
        columns = block.text.count(" | ") + 1
        rows = [block.text, " | ".join(["---"] * columns), *block.items]
        return "\n".join(f"| {row} |" for row in rows)
    if block.kind == "figure":
        lines = ['<figure class="figure-note" markdown>', ""]
        missing = (
            "" if block.src else f'<span class="figure-missing">（{label("图略")}）</span>'
        )  # says the picture is left out
        if block.text:
            tag = "" if re.match(r"^(图|圖)", block.text) else f"**{label('图')}**　"
            lines += [f"{tag}{block.text}{missing}", ""]
        elif not block.src:  # a picture the text points to, whose address the source did not keep
            lines += [f"**{label('图')}**{missing}", ""]
        for note in block.notes:
            lines += [note, ""]
        if block.src:
            lines += [
                f"[{label('查看原图（外部链接）')}]({block.src})" + dialect.attributes(classes=["figure-link"]),
                "",
            ]
        lines.append("</figure>")
        return "\n".join(lines)
    if block.kind == "aside":
        inner = []
        if block.byline:
            inner.append(f"{label('作者')}：{block.byline}\n" + dialect.attributes(classes=["aside-byline"]))
        inner += [render_block(child, label, dialect=dialect) for child in block.children]
        return dialect.admonition("note", f"{label('专栏')}｜{block.text}", "\n\n".join(inner))
    raise ValueError(f"unknown block kind {block.kind}")


def fenced_code(code: str, language: str = "") -> str:
    """A fenced block whose fence is longer than any run of backticks in the code, so nothing closes it early."""
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{code}\n{fence}"


def render_article(
    blocks: list[Block],
    metadata: Metadata,
    path: str,
    front: dict,
    label: Label = same,
    header_extra: str = "",
    footer: str = "",
    *,
    dialect: Dialect,
) -> Page:
    body = [f"# {escape_markdown(metadata.title)}", "", meta_line(metadata, label), ""]
    if header_extra:
        body += [header_extra, ""]
    if metadata.part_of:
        place = label(
            f"《{metadata.part_of}》" + ("参考资料" if metadata.back_matter else f"第 {metadata.part_index} 章")
        )
        body += [place + f" · [{label('返回报告目录')}](index.md)", dialect.attributes(classes=["report-crumb"]), ""]
    for block in blocks:
        body += [render_block(block, label, dialect=dialect), ""]
    if metadata.truncated:
        warning = label("来源文本在此处中断，以上是收到的全部内容；后文缺失。")
        body += [dialect.admonition("warning", label("原文不完整"), warning), ""]
    if footer:
        body += [footer, ""]
    return Page(path=path, title=metadata.title, front_matter=front, body="\n".join(body).rstrip() + "\n")


def _link_line(target: str, metadata: Metadata, relative_to: str, label: Label) -> str:
    details = html.escape(source_and_date(metadata, label))
    return f"- [{escape_markdown(metadata.title)}]({relative(target, relative_to)}) <small>{details}</small>"


HOME_LATEST = 10
"""The home page shows this many newest articles (and reports); the section indexes list them all."""


def render_home(
    articles: list[RenderedArticle],
    reports: list[ReportIndex],
    site_title: str,
    label: Label = same,
    extra_sections: str = "",
    *,
    dialect: Dialect,
) -> Page:
    """The newest few of each kind and a link to the full list, so the page stays the same size as the collection grows.

    The lists repeat titles that are indexed on their own pages, so they stay out of search.
    """
    lines = [
        f"# {label(site_title)}",
        "",
        label("一部带注释的中文科技与产业文章读本：原文清理后重新排版，术语附有注释。"),
        "",
        dialect.heading(2, label("文章"), ["data-no-search"]),
        "",
    ]
    lines += [
        _link_line(item.page.path, item.metadata, "index.md", label) for item in newest_first(articles)[:HOME_LATEST]
    ]
    if len(articles) > HOME_LATEST:
        lines += [
            "",
            f"[{label(f'全部 {len(articles)} 篇文章')} →](articles/index.md)" + dialect.attributes(classes=["more"]),
        ]
    if reports:
        lines += ["", dialect.heading(2, label("报告"), ["data-no-search"]), ""]
        for report in newest_first(reports)[:HOME_LATEST]:
            lines.append(
                _link_line(report.page.path, report.metadata, "index.md", label)
                + f" <small>· {label(f'{report.chapter_count()} 章')}</small>"
            )
        if len(reports) > HOME_LATEST:
            lines += [
                "",
                f"[{label(f'全部 {len(reports)} 份报告')} →](reports/index.md)" + dialect.attributes(classes=["more"]),
            ]
    if extra_sections:
        lines += ["", extra_sections]
    front = {"title": label(site_title)}
    return Page(path="index.md", title=label(site_title), front_matter=front, body="\n".join(lines) + "\n")


INDEX_PAGE_ENTRIES = 100  # entries per page of the full lists; later ones on <section>/page/2.md …


def render_section_index(
    path: str, title: str, intro: str, articles: list[RenderedArticle], label: Label = same, *, dialect: Dialect
) -> list[Page]:
    """Every article, newest first under its year, INDEX_PAGE_ENTRIES to a page.

    Left out of search: each title is found on its own page.
    """
    folder = path.rsplit("/", 1)[0]
    ordered = newest_first(articles)
    runs = runs_of(ordered, INDEX_PAGE_ENTRIES)

    def page_path(number: int) -> str:
        return path if number == 1 else f"{folder}/page/{number}.md"

    pages = []
    for number, run in enumerate(runs, start=1):
        here = page_path(number)
        heading = title if number == 1 else label(f"{title}（第 {number} 页）")
        lines = [f"# {heading}", "", intro, ""]

        def link(n, here=here):
            return relative(page_path(n), here)

        if len(runs) > 1:
            lines += [pager(number, len(runs), link, label, dialect=dialect), ""]
        groups = by_year(run, label)
        for year, items in groups.items():
            if len(groups) > 1 or len(runs) > 1:
                lines += [f"## {year}", ""]
            lines += [_link_line(item.page.path, item.metadata, here, label) for item in items] + [""]
        if len(runs) > 1:
            lines += [pager(number, len(runs), link, label, dialect=dialect), ""]
        front = {"title": heading, "search": {"exclude": True}}
        pages.append(Page(path=here, title=heading, front_matter=front, body="\n".join(lines)))
    return pages


def report_metadata(chapters: list[RenderedArticle]) -> Metadata:
    first = chapters[0].metadata
    return Metadata(
        title=first.part_of or first.title,
        authors=first.authors,
        source=first.source,
        date=first.date,
        script=first.script,
        seed=first.seed,
        sha256=first.sha256,
        format=first.format,
        characters=sum(c.metadata.characters for c in chapters),
        reading_minutes=sum(c.metadata.reading_minutes for c in chapters),
        summary="",
        truncated=any(c.metadata.truncated for c in chapters),
    )


def render_report_index(
    path: str,
    chapters: list[RenderedArticle],
    subtitle: tuple[str, ...],
    front: dict,
    label: Label = same,
    header_extra: str = "",
    *,
    dialect: Dialect,
) -> ReportIndex:
    meta = report_metadata(chapters)
    lines = [f"# {escape_markdown(meta.title)}", ""]
    if subtitle:
        lines += [escape_markdown(" ".join(subtitle)), dialect.attributes(classes=["lede"]), ""]
    lines += [meta_line(meta, label), ""]
    if header_extra:
        lines += [header_extra, ""]
    body = [c for c in chapters if not c.metadata.back_matter]
    back = [c for c in chapters if c.metadata.back_matter]
    lines += [label(f"本报告共 {len(body)} 章" + ("，另附参考资料：" if back else "：")), ""]
    for number, chapter in enumerate(body, start=1):
        summary = f"<br><small>{html.escape(chapter.metadata.summary)}</small>" if chapter.metadata.summary else ""
        lines.append(
            f"{number}. [{escape_markdown(chapter.metadata.title)}]({chapter.page.path.rsplit('/', 1)[-1]}){summary}"
        )
    if back:  # a paragraph, not a list: a list right after the chapters' would be read as more chapters
        links = "、".join(f"[{escape_markdown(c.metadata.title)}]({c.page.path.rsplit('/', 1)[-1]})" for c in back)
        lines += ["", f"{label('附')}：{links}", dialect.attributes(classes=["report-back-matter"])]
    page = Page(path=path, title=meta.title, front_matter=front, body="\n".join(lines) + "\n")
    return ReportIndex(page=page, metadata=meta, chapters=tuple(chapters))


def converted_notice(source_name: str, twin_link: str, label: Label = same) -> str:
    """The quiet line on a converted page that names the original's script and links to it.

    Kept out of the search index: it is the same on every page and would be the teaser of results."""
    return (
        f'<p class="edition-note" data-no-search>{label("本页由")}{source_name}{label("原文自动转换")} · '
        f'<a href="{twin_link}">{label("查看")}{source_name}{label("原文")}</a></p>'
    )


def topic_links(topics: list[tuple[str, str]], path: str, label: Label = same, *, dialect: Dialect) -> str:
    """The article's topics, each linked to its topic page: `(shown name, slug)` pairs."""
    links = "、".join(f"[{name}]({'../' * path.count('/')}topics/{slug}.md)" for name, slug in topics)
    return f"{label('话题')}：{links}\n" + dialect.attributes(classes=["article-topics"], flags=["data-no-search"])


def download_section(archive_link: str, archive_name: str, label: Label = same) -> str:
    """The home page's offer of the whole site as one archive for offline reading."""
    return (
        f"## {label('离线阅读')}\n\n"
        '<p class="download">'
        f"{label('整个网站可以下载为一个压缩包，解压后直接打开 site/index.html 即可离线阅读，两种文字版本都在其中：')}"
        f' <a href="{archive_link}">{archive_name}</a></p>'
    )
