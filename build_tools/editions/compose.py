"""Stage 3: one edition's pages — articles, report indexes, home, lists, topics, glossary — and its navigation.

Everything an edition needs travels in one `EditionContext`: the edition, the converter
that brings texts into its script, the glossary, and how the tool's own (simplified)
wording reads in it.  Articles are converted and annotated first, since topic pages and
related articles need all of them.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from build_tools.chinese.convert import ScriptConverter
from build_tools.chinese.glossary import Glossary
from build_tools.config.editions import Edition, EditionSet, convert_article
from build_tools.config.settings import ARCHIVE_NAME, SITE_TITLE
from build_tools.core.dialect import Dialect
from build_tools.core.model import SIMPLIFIED, Block, Metadata, Page, Script
from build_tools.editions.annotate import AnnotationMode, Annotator, number_paragraphs, term_views
from build_tools.editions.listing import by_year, year_index_path
from build_tools.editions.navigation import FLAT_UP_TO, site_nav
from build_tools.editions.pages import (
    SCRIPT_LABELS,
    RenderedArticle,
    ReportIndex,
    converted_notice,
    download_section,
    render_article,
    render_home,
    render_report_index,
    render_section_index,
    report_metadata,
    topic_links,
)
from build_tools.editions.termcards import terms_script
from build_tools.editions.topics import (
    ArticleMentions,
    RelatedArticles,
    glossary_page,
    related_section,
    topic_pages,
    topics_index,
)
from build_tools.ingest.metadata import front_matter
from build_tools.plan.addresses import PlannedArticle


@dataclass(frozen=True)
class EditionContext:
    """One edition's view of the build."""

    edition: Edition
    converter: ScriptConverter  # the edition's own (its variant's)
    glossary: Glossary  # with the edition's own traditional forms
    annotation_mode: AnnotationMode
    editions: EditionSet  # every edition of the site, for the links between them
    dialect: Dialect  # the renderer's Markdown: attribute lists, admonitions, page addresses
    reword: Callable[[str], str] = str  # our own wording after conversion, in the edition's words (鏈接 → 連結)
    cache: Path | None = None  # where converted and annotated articles are kept between builds (_prepare)

    def from_script(self, script: Script) -> Callable[[str], str]:
        """Converts a text written in `script` into this edition's script."""
        return lambda text: self.converter.convert(text, script, self.edition.script) if text else text

    def label(self, text: str) -> str:
        """The tool's own wording (and glossary terms), written in simplified, as this edition shows it."""
        return self.reword(self.converter.convert(text, SIMPLIFIED, self.edition.script)) if text else text

    @cached_property
    def topic_terms(self) -> set[str]:
        return {entry.term for entry in self.glossary.topics()}

    @cached_property
    def annotator(self) -> Annotator:
        """One per edition: building the term views for every seed again would repeat the same work."""
        return Annotator(self.glossary.matcher(), term_views(self.glossary, self.dialect), self.annotation_mode)

    @cached_property
    def fingerprint(self) -> str:
        """What converting and annotating an article depends on besides the article: the edition, its converter
        (engine, rules, protected names, glossary pairs), the glossary's entries, the mode, the dialect, the code."""
        from build_tools.core.files import TOOL_PACKAGE, code_digest

        digest = hashlib.sha256(f"{self.edition!r}\0{self.converter.fingerprint}\0{self.annotation_mode}\0".encode())
        # repr, not pickle: the same values pickle differently as their objects are shared (a seed read afresh
        # or from its cache), while a dataclass's repr is its fields (no field of these hides from repr)
        digest.update(repr((self.glossary.entries, type(self.dialect).__name__, vars(self.dialect))).encode())
        digest.update(code_digest(TOOL_PACKAGE).encode())
        return digest.hexdigest()

    @cached_property
    def slugs(self) -> dict[str, str]:
        return {entry.term: entry.slug for entry in self.glossary.entries}

    def front(self, values: dict, path: str, original_script: str) -> dict:
        """Front matter with the edition's id, the twin page's address (the first edition of the other script),
        with more than two editions every alternate's, and, on a converted page, the original script."""
        twin = self.editions.counterpart(self.edition)
        values = dict(values, edition=self.edition.id, twin=self.url_from(twin, path))
        if len(self.editions) > 2:
            values["alternates"] = [
                {"edition": other.id, "name": other.name, "url": self.url_from(other, path)}
                for other in self.editions.alternates(self.edition)
            ]
        if original_script != self.edition.script:
            values["original_script"] = original_script
        return values

    def notice(self, path: str, original_script: str) -> str:
        """The converted-page line, linking to the page in the first edition of its original script;
        nothing on a page in its original script."""
        if original_script == self.edition.script:
            return ""
        source = self.editions.first_of(original_script)
        return converted_notice(self.label(SCRIPT_LABELS[original_script]), self.url_from(source, path), self.label)

    def url_from(self, other: Edition, path: str) -> str:
        """The address, relative to `path` in this edition, of the same page in `other`."""
        return self.dialect.page_url(other.link_from(path, self.edition))


@dataclass(frozen=True)
class PreparedArticle:
    """An article converted into the edition and annotated, with the glossary terms it mentions."""

    plan: PlannedArticle
    blocks: list[Block]
    metadata: Metadata
    mentions: ArticleMentions


@dataclass(frozen=True)
class EditionPages:
    """Every page of one edition and its navigation tree."""

    edition: Edition
    pages: list[Page]
    nav: list


def compose_edition(context: EditionContext, plans: list[list[PlannedArticle]]) -> EditionPages:
    """All pages of the edition, in a fixed order, and its navigation."""
    prepared = [_prepare(context, group) for group in plans]
    everything = [item.mentions for group in prepared for item in group]
    related = RelatedArticles(everything, context.topic_terms)
    articles: list[RenderedArticle] = []
    reports: list[ReportIndex] = []
    pages: list[Page] = []
    for group in prepared:
        chapters: list[RenderedArticle] = []
        for item in group:
            rendered = RenderedArticle(_article_page(context, item, related), item.metadata)
            (chapters if item.plan.report_folder else articles).append(rendered)
            pages.append(rendered.page)
        if chapters:
            reports.append(_report_index(context, group[0].plan, chapters))
            pages.append(reports[-1].page)
    pages += _collection_pages(context, articles, reports, everything)
    topics = [(context.label(entry.term), entry.slug) for entry in context.glossary.topics()]
    return EditionPages(context.edition, pages, site_nav(articles, reports, topics, context.label))


def _prepare(context: EditionContext, group: list[PlannedArticle]) -> list[PreparedArticle]:
    prepared: list[PreparedArticle | None] = []
    for plan in group:
        stored = _stored_path(context, plan)
        try:
            prepared.append(pickle.loads(stored.read_bytes()) if stored else None)
        except (OSError, EOFError, ValueError, TypeError, AttributeError, ImportError, pickle.UnpicklingError):
            prepared.append(None)  # not prepared before, or a damaged file: prepare it (again)
        if prepared[-1] is not None and prepared[-1].plan == plan:
            continue
        article, metadata = convert_article(plan.article, plan.metadata, context.from_script(plan.metadata.script))
        blocks, mentions = context.annotator.annotate(
            number_paragraphs(list(article.blocks)), "../" * plan.path.count("/"), article.title
        )
        prepared[-1] = PreparedArticle(plan, blocks, metadata, ArticleMentions(plan.path, metadata, tuple(mentions)))
        if stored is not None:
            try:
                stored.parent.mkdir(parents=True, exist_ok=True)
                temporary = stored.with_suffix(".tmp")
                temporary.write_bytes(pickle.dumps(prepared[-1]))
                temporary.replace(stored)
            except OSError:
                pass  # a cache that cannot be written only costs time
    return [item for item in prepared if item is not None]  # each one prepared just above


def _stored_path(context: EditionContext, plan: PlannedArticle) -> Path | None:
    """Where the article converted and annotated for this edition is kept: by a hash of the planned article
    (text, metadata, address) and of everything else the result depends on (`EditionContext.fingerprint`)."""
    if context.cache is None:
        return None
    key = hashlib.sha256(f"{context.fingerprint}\0{plan!r}".encode("utf-8", errors="surrogatepass")).hexdigest()
    return context.cache / key[:2] / key


def _article_page(context: EditionContext, item: PreparedArticle, related: RelatedArticles) -> Page:
    plan = item.plan
    topics = sorted(item.mentions.terms() & context.topic_terms, key=lambda term: context.slugs[term])
    front = context.front(front_matter(item.metadata), plan.path, plan.metadata.script)
    header = context.notice(plan.path, plan.metadata.script)
    if topics:
        front["topics"] = [context.label(term) for term in topics]
        links = topic_links(
            [(context.label(term), context.slugs[term]) for term in topics],
            plan.path,
            context.label,
            dialect=context.dialect,
        )
        header = (header + "\n\n" if header else "") + links
    footer = related_section(
        item.mentions, related, context.slugs, context.label, context.label, dialect=context.dialect
    )
    return render_article(
        item.blocks, item.metadata, plan.path, front, context.label, header, footer, dialect=context.dialect
    )


def _report_index(context: EditionContext, plan: PlannedArticle, chapters: list[RenderedArticle]) -> ReportIndex:
    path = f"{plan.report_folder}/index.md"
    subtitle = tuple(context.label(s) for s in plan.article.raw.front_matter.get("report_subtitle", ()))
    front = context.front(front_matter(report_metadata(chapters)), path, plan.metadata.script)
    return render_report_index(
        path,
        chapters,
        subtitle,
        front,
        context.label,
        context.notice(path, plan.metadata.script),
        dialect=context.dialect,
    )


def _collection_pages(
    context: EditionContext,
    articles: list[RenderedArticle],
    reports: list[ReportIndex],
    everything: list[ArticleMentions],
) -> list[Page]:
    """Home, the article and report lists, topic pages and the glossary: written in simplified, converted here."""
    label, entries, dialect = context.label, context.glossary.entries, context.dialect
    archive = "../" * context.edition.folder.count("/") + ARCHIVE_NAME
    pages = [
        render_home(
            articles,
            reports,
            SITE_TITLE,
            label,
            extra_sections=download_section(archive, ARCHIVE_NAME, label),
            dialect=dialect,
        )
    ]
    pages += render_section_index(
        "articles/index.md",
        label("文章"),
        label("按日期排列，最新的在前；日期不详的排在最后。"),
        articles,
        label,
        dialect=dialect,
    )
    if len(articles) > FLAT_UP_TO:  # the navigation is by year: each year has its list page
        for year, items in by_year(articles, label).items():
            dated = bool(items[0].metadata.date)
            pages += render_section_index(
                year_index_path(items),
                label(f"{year}年的文章") if dated else label("日期不详的文章"),
                label("这一年的文章，最新的在前。") if dated else label("来源没有注明日期的文章，按标题排列。"),
                items,
                label,
                dialect=dialect,
            )
    pages += topic_pages(entries, everything, label, label, dialect=dialect)
    pages += [
        topics_index(entries, everything, label, label),
        glossary_page(entries, everything, label, label, dialect),
        terms_script(entries, everything, label, dialect),
    ]
    if reports:
        listing = [RenderedArticle(report.page, report.metadata) for report in reports]
        pages += render_section_index(
            "reports/index.md", label("报告"), label("长篇报告按章节分页阅读。"), listing, label, dialect=dialect
        )
    return [_as_generated(context, page) for page in pages]


def _as_generated(context: EditionContext, page: Page) -> Page:
    """A page the tool wrote (in simplified): the edition's front matter and, when converted, the notice."""
    if page.raw:
        return page
    notice = context.notice(page.path, SIMPLIFIED)
    body = page.body.replace("\n", f"\n\n{notice}\n", 1) if notice else page.body
    return Page(page.path, page.title, context.front(page.front_matter, page.path, SIMPLIFIED), body, page.raw)
