"""The only place that knows the order of the stages; the whole build reads top to bottom.

seeds → sources (decode) → readers → clean → metadata → render → docs/ → MkDocs → site/
A seed that fails is reported with its path and the build carries on with the rest.
"""

from __future__ import annotations

import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .clean import clean
from .diagnostics import Diagnostics, InputError
from .metadata import extract_metadata, front_matter, load_sidecar
from .model import Article, Metadata, Page
from .readers import read_documents
from .render import (RenderedArticle, ReportIndex, page_text, render_article, render_home,
                     render_report_index, render_section_index, slugify)
from .site import run_mkdocs, swap_in, write_report
from .sources import decode, find_seed_files, read_source, sidecar_path
from .textutil import han_chars

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SITE_TITLE = "硬科技读本"
EDITION = "zh-Hans"
GENERATED_MARKER = ".generated-by-build_tools"


@dataclass(frozen=True)
class BuildSettings:
    seeds: Path = PROJECT_ROOT / "seeds"
    docs: Path = PROJECT_ROOT / "docs"
    site: Path = PROJECT_ROOT / "site"
    config: Path = PROJECT_ROOT / "mkdocs.yml"
    strict: bool = False


@dataclass
class SeedResult:
    """Everything one seed produced, for pages and for the fidelity report."""

    name: str
    encoding: str = ""
    format: str = ""
    articles: list[tuple[Article, Metadata]] = field(default_factory=list)
    han_in: Counter = field(default_factory=Counter)


def process_seed(path: Path, settings: BuildSettings, diagnostics: Diagnostics) -> SeedResult | None:
    """Decode, read, clean and describe one seed; None (with a diagnostic) if it cannot be used."""
    try:
        source = read_source(path, settings.seeds)
        decoded = decode(source)
        sidecar = load_sidecar(sidecar_path(path), source.name)
        documents = read_documents(decoded)
    except InputError as error:
        diagnostics.add(error.diagnostic)
        return None
    result = SeedResult(name=source.name, encoding=decoded.encoding, format=documents[0].format,
                        han_in=Counter(han_chars(decoded.text)))
    for number, document in enumerate(documents, start=1):
        article = clean(document)
        metadata = extract_metadata(article, sidecar, diagnostics, document_number=number)
        if not metadata.title:
            diagnostics.warning(source.name, f"document {number} has no title and no text to take one from",
                                "give it a title in the editor file", line=document.line)
        result.articles.append((article, metadata))
    return result


def _unique(slug: str, taken: set[str], seed: str, diagnostics: Diagnostics) -> str:
    if slug not in taken:
        taken.add(slug)
        return slug
    number = 2
    while f"{slug}-{number}" in taken:
        number += 1
    diagnostics.warning(seed, f"another page already uses the address '{slug}'; this one becomes '{slug}-{number}'",
                        "give one of them a different title in its editor file if the address matters")
    taken.add(f"{slug}-{number}")
    return f"{slug}-{number}"


def assemble_pages(results: list[SeedResult], diagnostics: Diagnostics) -> tuple[list[Page], list, dict]:
    """All pages of the edition, its navigation, and the per-seed fidelity report."""
    pages: list[Page] = []
    articles: list[RenderedArticle] = []
    reports: list[ReportIndex] = []
    taken: set[str] = set()
    fidelity: dict[str, dict] = {}
    for result in results:
        seed_pages: list[Page] = []
        chapters: list[RenderedArticle] = []
        report_folder = ""
        for article, metadata in result.articles:
            if metadata.part_of:
                if not report_folder:
                    report_folder = "reports/" + _unique(slugify(metadata.part_of, "report"), taken, result.name, diagnostics)
                path = f"{report_folder}/{metadata.part_index:02d}-{slugify(metadata.title, 'chapter')}.md"
            else:
                path = f"articles/{_unique(slugify(metadata.title, 'article'), taken, result.name, diagnostics)}.md"
            page = render_article(article, metadata, path, front_matter(metadata))
            rendered = RenderedArticle(page=page, metadata=metadata)
            (chapters if metadata.part_of else articles).append(rendered)
            seed_pages.append(page)
        if chapters:
            subtitle = tuple(result.articles[0][0].raw.front_matter.get("report_subtitle", ()))
            index = render_report_index(f"{report_folder}/index.md", chapters, subtitle)
            reports.append(index)
            seed_pages.append(index.page)
        pages += seed_pages
        fidelity[result.name] = _fidelity(result, seed_pages)

    pages.append(render_home(articles, reports, SITE_TITLE))
    pages.append(render_section_index("articles/index.md", "文章", "按日期排列，最新的在前；日期不详的排在最后。", articles))
    nav: list = [{"首页": "index.md"},
                 {"文章": ["articles/index.md"] + [{a.metadata.title: a.page.path} for a in _newest_first(articles)]}]
    if reports:
        listing = [RenderedArticle(page=r.page, metadata=r.metadata) for r in reports]
        pages.append(render_section_index("reports/index.md", "报告", "长篇报告按章节分页阅读。", listing))
        nav.append({"报告": ["reports/index.md"] + [
            {r.metadata.title: [r.page.path] + [{c.metadata.title: c.page.path} for c in r.chapters]} for r in reports]})
    return pages, nav, fidelity


def _newest_first(items: list[RenderedArticle]) -> list[RenderedArticle]:
    from .render import _sort_key
    return sorted(items, key=lambda a: _sort_key(a.metadata))


def _fidelity(result: SeedResult, pages: list[Page]) -> dict:
    """Account for every Han character of the seed: kept on a page, or removed by a named rule."""
    kept = Counter()
    for page in pages:
        kept.update(han_chars(page_text(page)))
    removed_by_rule: Counter = Counter()
    removed = Counter()
    removals = []
    for article, _ in result.articles:
        for removal in article.report.removals:
            chars = han_chars(removal.text)
            removed.update(chars)
            removed_by_rule[removal.rule] += len(chars)
            removals.append({"rule": removal.rule, "reason": removal.reason, "line": removal.line, "text": removal.text})
    missing = result.han_in - kept - removed
    return {
        "encoding": result.encoding,
        "format": result.format,
        "pages": [p.path for p in pages],
        "han_in": sum(result.han_in.values()),
        "han_kept": sum((result.han_in & kept).values()),
        "han_removed": dict(sorted(removed_by_rule.items())),
        "han_missing": sum(missing.values()),
        "missing_characters": "".join(sorted(missing.elements()))[:200],
        "truncated": [m.title for _, m in result.articles if m.truncated],
        "repairs": [r for a, _ in result.articles for r in a.report.repairs],
        "removals": removals,
    }


def write_pages(pages: list[Page], folder: Path) -> None:
    folder.mkdir(parents=True)
    (folder / GENERATED_MARKER).write_text("This folder is generated by `python -m build_tools build`; edits are lost.\n")
    for page in pages:
        target = folder / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page_text(page), encoding="utf-8")


def collect(settings: BuildSettings, diagnostics: Diagnostics) -> tuple[list[Page], list, dict]:
    results = []
    seed_files = find_seed_files(settings.seeds) if settings.seeds.is_dir() else []
    if not seed_files:
        diagnostics.error(str(settings.seeds), "no seed files found", "put article files in the seeds folder")
    for path in seed_files:
        result = process_seed(path, settings, diagnostics)
        if result is not None:
            results.append(result)
    pages, nav, fidelity = assemble_pages(results, diagnostics)
    for seed, report in fidelity.items():
        if report["han_missing"]:
            diagnostics.error(seed, f"{report['han_missing']} Han characters of the seed are on no page and in no removal: "
                              f"{report['missing_characters'][:40]}", "this is a bug in a reader or cleaning rule; please report it")
    return pages, nav, fidelity


def check(settings: BuildSettings) -> Diagnostics:
    """Read and validate every seed and data file; write nothing."""
    diagnostics = Diagnostics()
    collect(settings, diagnostics)
    return diagnostics


def build(settings: BuildSettings) -> tuple[Diagnostics, dict]:
    """Build docs/ and site/; both are replaced only when the whole build succeeded."""
    diagnostics = Diagnostics()
    pages, nav, fidelity = collect(settings, diagnostics)
    settings.docs.mkdir(parents=True, exist_ok=True)
    settings.site.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".build-", dir=settings.site.parent))
    try:
        new_docs = settings.docs / f".{EDITION}.new"
        if new_docs.exists():
            shutil.rmtree(new_docs)
        write_pages(pages, new_docs)
        new_site = work / "site"
        ok = run_mkdocs(settings.config, new_docs, new_site, nav, "zh", settings.strict, diagnostics)
        failed = not ok or bool(diagnostics.errors and settings.strict)
        report = {"tool_version": __version__, "seeds": fidelity, "nav": nav,
                  "diagnostics": [str(d) for d in diagnostics.items]}
        if failed:
            shutil.rmtree(new_docs, ignore_errors=True)
            return diagnostics, report
        write_report(new_site / "build-report.json", report)
        swap_in(new_docs, settings.docs / EDITION)
        swap_in(new_site, settings.site)
        return diagnostics, report
    finally:
        shutil.rmtree(work, ignore_errors=True)
