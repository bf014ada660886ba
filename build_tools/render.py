"""Rendering cleaned articles as Markdown pages with YAML front matter, plus index pages.

Front matter is written with a YAML library, never by string formatting, so any
title survives the round trip through MkDocs' own front-matter parser.  Every
value shown in page bodies is escaped: metadata comes from untrusted seeds.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import yaml
from pypinyin import lazy_pinyin

from .model import Article, Block, Metadata, Page
from .textutil import escape_markdown

SCRIPT_LABELS = {"zh-Hans": "简体", "zh-Hant": "繁體"}
MAX_SLUG_WORDS = 8


def slugify(title: str, fallback: str = "page") -> str:
    """ASCII URL slug from a Chinese title (pinyin), safe in file names and from file://."""
    words = []
    for word in lazy_pinyin(title, errors=lambda chars: re.findall(r"[A-Za-z0-9]+", chars)):
        word = re.sub(r"[^a-z0-9]+", "-", word.lower()).strip("-")
        if word:
            words.append(word)
    return "-".join(words[:MAX_SLUG_WORDS]) or fallback


@dataclass(frozen=True)
class RenderedArticle:
    """An article page plus what index pages need to list it."""

    page: Page
    metadata: Metadata


def dump_front_matter(values: dict) -> str:
    return yaml.safe_dump(values, allow_unicode=True, sort_keys=False, width=1000)


def page_text(page: Page) -> str:
    return f"---\n{dump_front_matter(page.front_matter)}---\n\n{page.body}"


def _meta_line(metadata: Metadata) -> str:
    parts = []
    if metadata.source:
        parts.append(f'<span class="meta-source">来源：{html.escape(metadata.source)}</span>')
    if metadata.byline:
        parts.append(f'<span class="meta-authors">{html.escape(metadata.byline)}</span>')
    elif metadata.authors and tuple(metadata.authors) != (metadata.source,):
        parts.append(f'<span class="meta-authors">作者：{html.escape("、".join(metadata.authors))}</span>')
    if metadata.date:
        parts.append(f'<time class="meta-date" datetime="{html.escape(metadata.date)}">{html.escape(metadata.date)}</time>')
    parts.append(f'<span class="meta-reading">约 {metadata.reading_minutes} 分钟读完（{metadata.characters} 字）</span>')
    parts.append(f'<span class="meta-script">原文：{SCRIPT_LABELS[metadata.script]}</span>')
    return '<p class="article-meta">' + " · ".join(parts) + "</p>"


def _indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line if line else line for line in text.split("\n"))


def render_block(block: Block) -> str:
    if block.kind == "heading":
        return f"{'#' * max(2, min(block.level, 6))} {block.text}"
    if block.kind == "paragraph":
        return block.text
    if block.kind == "lede":
        return f"{block.text}\n{{: .lede }}"
    if block.kind == "quote":
        return f"> {block.text}"
    if block.kind == "rule":
        return "***"
    if block.kind == "list":
        return "\n".join(f"- {item}" for item in block.items)
    if block.kind == "figure":
        lines = ['<figure class="figure-note" markdown>', ""]
        if block.text:
            label = "" if re.match(r"^(图|圖)", block.text) else "**图**　"
            lines += [f"{label}{block.text}", ""]
        for note in block.notes:
            lines += [note, ""]
        if block.src:
            lines += [f"[查看原图（外部链接）]({block.src}){{: .figure-link }}", ""]
        lines.append("</figure>")
        return "\n".join(lines)
    if block.kind == "aside":
        title = block.text.replace('"', "＂")
        inner = []
        if block.byline:
            inner.append(f"作者：{block.byline}\n{{: .aside-byline }}")
        inner += [render_block(child) for child in block.children]
        return f'!!! note "专栏｜{title}"\n\n' + _indent("\n\n".join(inner))
    raise ValueError(f"unknown block kind {block.kind}")


def render_article(article: Article, metadata: Metadata, path: str, front: dict) -> Page:
    body = [f"# {escape_markdown(metadata.title)}", "", _meta_line(metadata), ""]
    if metadata.part_of:
        body += [f"《{escape_markdown(metadata.part_of)}》第 {metadata.part_index} 章 · [返回报告目录](index.md)",
                 "{: .report-crumb }", ""]
    for block in article.blocks:
        body += [render_block(block), ""]
    if metadata.truncated:
        body += ['!!! warning "原文不完整"', "",
                 "    来源文本在此处中断，以上是收到的全部内容；后文缺失。", ""]
    return Page(path=path, title=metadata.title, front_matter=front, body="\n".join(body).rstrip() + "\n")


def _sort_key(metadata: Metadata) -> tuple:
    """Newest first; undated pages after dated ones, in title order."""
    return (metadata.date == "", [-ord(c) for c in metadata.date], metadata.title)


def _link_line(target: str, metadata: Metadata, relative_to: str) -> str:
    details = " · ".join(html.escape(x) for x in (metadata.source, metadata.date or "日期不详") if x)
    return f"- [{escape_markdown(metadata.title)}]({_relative(target, relative_to)}) <small>{details}</small>"


def _relative(target: str, from_page: str) -> str:
    depth = from_page.count("/")
    return "../" * depth + target


def render_home(articles: list[RenderedArticle], reports: list["ReportIndex"], site_title: str) -> Page:
    lines = [f"# {site_title}", "",
             "一部带注释的中文科技与产业文章读本：原文清理后重新排版，术语附有注释。", ""]
    lines += ["## 文章", ""]
    for item in sorted(articles, key=lambda a: _sort_key(a.metadata)):
        lines.append(_link_line(item.page.path, item.metadata, "index.md"))
    if reports:
        lines += ["", "## 报告", ""]
        for report in sorted(reports, key=lambda r: _sort_key(r.metadata)):
            lines.append(_link_line(report.page.path, report.metadata, "index.md") + f" <small>· {len(report.chapters)} 章</small>")
    front = {"title": site_title, "hide": ["navigation"]}
    return Page(path="index.md", title=site_title, front_matter=front, body="\n".join(lines) + "\n")


def render_section_index(path: str, title: str, intro: str, articles: list[RenderedArticle]) -> Page:
    lines = [f"# {title}", "", intro, ""]
    for item in sorted(articles, key=lambda a: _sort_key(a.metadata)):
        lines.append(_link_line(item.page.path, item.metadata, path))
    return Page(path=path, title=title, front_matter={"title": title}, body="\n".join(lines) + "\n")


@dataclass(frozen=True)
class ReportIndex:
    page: Page
    metadata: Metadata
    chapters: tuple[RenderedArticle, ...]


def render_report_index(path: str, chapters: list[RenderedArticle], subtitle: tuple[str, ...]) -> ReportIndex:
    first = chapters[0].metadata
    title = first.part_of or first.title
    lines = [f"# {escape_markdown(title)}", ""]
    if subtitle:
        lines += [escape_markdown(" ".join(subtitle)), "{: .lede }", ""]
    meta = Metadata(title=title, authors=first.authors, source=first.source, date=first.date, script=first.script,
                    seed=first.seed, sha256=first.sha256, format=first.format,
                    characters=sum(c.metadata.characters for c in chapters),
                    reading_minutes=sum(c.metadata.reading_minutes for c in chapters),
                    summary="", truncated=any(c.metadata.truncated for c in chapters))
    lines += [_meta_line(meta), "", f"本报告共 {len(chapters)} 章：", ""]
    for number, chapter in enumerate(chapters, start=1):
        summary = f"<br><small>{html.escape(chapter.metadata.summary)}</small>" if chapter.metadata.summary else ""
        lines.append(f"{number}. [{escape_markdown(chapter.metadata.title)}]({chapter.page.path.rsplit('/', 1)[-1]}){summary}")
    from .metadata import front_matter
    page = Page(path=path, title=title, front_matter=front_matter(meta), body="\n".join(lines) + "\n")
    return ReportIndex(page=page, metadata=meta, chapters=tuple(chapters))
