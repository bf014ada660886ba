"""The only place that knows the order of the stages; the whole build reads top to bottom.

seeds → sources (decode) → readers → clean → metadata            (once, in the original script)
      → for each edition: convert → annotate → topics → render → docs/<edition>/
      → MkDocs per edition → site/ (simplified at the root, traditional under zh-Hant/)
A seed that fails is reported with its path and the build carries on with the rest;
a broken glossary or override file stops the build, since every page depends on it.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import pickle
import shutil
import time
import tempfile
from concurrent.futures import ProcessPoolExecutor
from collections import Counter
from functools import lru_cache
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import __version__
from .annotate import Annotator, number_paragraphs, term_views
from .clean import clean
from .convert import ENGINE, ConversionError, ConversionSettings, ScriptConverter, load_overrides
from .diagnostics import Diagnostics, InputError
from .editions import EDITIONS, Edition, convert_article, other_edition, twin_url
from .glossary import GlossaryError, load_glossary
from .metadata import extract_metadata, front_matter, load_sidecar
from .model import Article, Block, Metadata, Page
from .navigation import article_nav, report_nav
from .readers import read_documents
from .render import (RenderedArticle, ReportIndex, page_text, render_article, render_home,
                     render_report_index, render_section_index, slugify)
from . import search
from .site import (ARCHIVE_NAME, build_edition_site, read_reader_settings, record_mkdocs_result,
                   swap_in, write_archive, write_report)
from .sources import decode, find_seed_files, read_source, sidecar_path
from .textutil import han_chars, strip_markup
from .topics import ArticleMentions, RelatedArticles, glossary_page, related_section, topic_pages, topics_index

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SITE_TITLE = "硬科技读本"
GENERATED_MARKER = ".generated-by-build_tools"


@dataclass(frozen=True)
class BuildSettings:
    seeds: Path = PROJECT_ROOT / "seeds"
    docs: Path = PROJECT_ROOT / "docs"
    site: Path = PROJECT_ROOT / "site"
    config: Path = PROJECT_ROOT / "mkdocs.yml"
    glossary: Path = DATA / "glossary.yaml"
    overrides: Path = DATA / "conversion_overrides.yaml"
    cache: Path = PROJECT_ROOT / ".cache"
    strict: bool = False


@dataclass
class SeedResult:
    """Everything one seed produced, for pages and for the fidelity report."""

    name: str
    encoding: str = ""
    format: str = ""
    articles: list[tuple[Article, Metadata]] = field(default_factory=list)
    han_in: Counter = field(default_factory=Counter)


@dataclass(frozen=True)
class Planned:
    """An article with its page address, decided once for both editions."""

    article: Article
    metadata: Metadata
    path: str
    report_folder: str = ""


# -- stage 1: seeds to cleaned articles (original script) -------------------------------------

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
        rejected: list = []
        metadata = extract_metadata(article, sidecar, diagnostics, document_number=number, rejected=rejected)
        if rejected:
            article = replace(article, report=replace(article.report, removals=article.report.removals + tuple(rejected)))
        if not metadata.title:
            diagnostics.warning(source.name, f"document {number} has no title and no text to take one from",
                                "give it a title in the editor file", line=document.line)
        result.articles.append((article, metadata))
    return result


@lru_cache(maxsize=1)
def tool_fingerprint() -> str:
    """Changes whenever the tool's code or the installed OpenCC package changes (script detection uses it),
    so caches never outlive what filled them.  Worked out once per run: the code that runs is the code loaded."""
    digest = hashlib.sha256(__version__.encode())
    digest.update(f"{ENGINE.name} {ENGINE.version}".encode() if ENGINE else b"no engine")
    for path in sorted(Path(__file__).resolve().parent.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cached_process_seed(path: Path, settings: BuildSettings, diagnostics: Diagnostics) -> SeedResult | None:
    """`process_seed` behind a content-hash cache: an unchanged seed (bytes, editor file, tool) is not read again.

    The diagnostics a seed produced are cached with it, so a warning is not lost on a warm build."""
    sidecar = sidecar_path(path)
    key = hashlib.sha256(b"\0".join([
        tool_fingerprint().encode(), path.relative_to(settings.seeds).as_posix().encode(), path.read_bytes(),
        sidecar.read_bytes() if sidecar.exists() else b"-",
    ])).hexdigest()
    cache_file = settings.cache / "seeds" / f"{key}.pickle"
    if cache_file.exists():
        try:
            result, items = pickle.loads(cache_file.read_bytes())
            for item in items:
                diagnostics.add(item)
            return result
        except Exception:  # an unreadable cache entry is simply rebuilt
            pass
    own = Diagnostics()
    result = process_seed(path, settings, own)
    for item in own.items:
        diagnostics.add(item)
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    temporary = cache_file.with_suffix(".tmp")
    temporary.write_bytes(pickle.dumps((result, own.items)))
    temporary.replace(cache_file)
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


def plan_pages(results: list[SeedResult], diagnostics: Diagnostics) -> list[list[Planned]]:
    """Page addresses (from the original titles, so both editions share them), grouped by seed."""
    taken: set[str] = set()
    plans = []
    for result in results:
        folder = ""
        planned = []
        for article, metadata in result.articles:
            if metadata.part_of:
                if not folder:
                    folder = "reports/" + _unique(slugify(metadata.part_of, "report"), taken, result.name, diagnostics)
                path = f"{folder}/{metadata.part_index:02d}-{slugify(metadata.title, 'chapter')}.md"
            else:
                path = f"articles/{_unique(slugify(metadata.title, 'article'), taken, result.name, diagnostics)}.md"
            planned.append(Planned(article, metadata, path, folder))
        plans.append(planned)
    return plans


# -- stage 2: one edition -------------------------------------------------------------------------

def _converted_notice(path: str, edition: Edition, original_script: str, label) -> str:
    if original_script == edition.script:
        return ""
    source_name = other_edition(edition).name
    # Kept out of the search index: it is the same on every page and would be the teaser of results.
    return (f'<p class="edition-note" data-search-exclude>{label("本页由")}{source_name}{label("原文自动转换")} · '
            f'<a href="{twin_url(path, edition)}">{label("查看")}{source_name}{label("原文")}</a></p>')


def _edition_front(values: dict, path: str, edition: Edition, original_script: str) -> dict:
    values = dict(values)
    values.update(edition=edition.script, twin=twin_url(path, edition))
    if original_script != edition.script:
        values["original_script"] = original_script
    return values


def render_edition(edition: Edition, plans: list[list[Planned]], glossary, converter: ScriptConverter,
                   annotation_mode: str) -> tuple[list[Page], list]:
    """Every page of one edition and its navigation."""
    def from_script(script: str):
        return lambda text: converter.convert(text, script, edition.script) if text else text

    label = from_script("zh-Hans")
    annotator = Annotator(glossary.matcher(), term_views(glossary, label), annotation_mode)
    topic_terms = {e.term for e in glossary.entries if e.topic}
    slugs = {e.term: e.slug for e in glossary.entries}

    # convert and annotate every article first: topic pages and related articles need them all
    prepared: list[list[tuple[Planned, list[Block], Metadata, ArticleMentions]]] = []
    everything: list[ArticleMentions] = []
    for group in plans:
        rows = []
        for plan in group:
            article, metadata = convert_article(plan.article, plan.metadata, from_script(plan.metadata.script))
            blocks, mentions = annotator.annotate(number_paragraphs(list(article.blocks)), "../" * plan.path.count("/"))
            item = ArticleMentions(plan.path, metadata, tuple(mentions))
            rows.append((plan, blocks, metadata, item))
            everything.append(item)
        prepared.append(rows)

    related = RelatedArticles(everything, topic_terms)
    pages: list[Page] = []
    articles: list[RenderedArticle] = []
    reports: list[ReportIndex] = []
    for rows in prepared:
        chapters = []
        for plan, blocks, metadata, item in rows:
            topics = sorted(item.terms() & topic_terms, key=lambda t: slugs[t])
            front = _edition_front(front_matter(metadata), plan.path, edition, plan.metadata.script)
            if topics:
                front["topics"] = [label(t) for t in topics]
            header = _converted_notice(plan.path, edition, plan.metadata.script, label)
            if topics:
                links = "、".join(f"[{label(t)}]({'../' * plan.path.count('/')}topics/{slugs[t]}.md)" for t in topics)
                header = (header + "\n\n" if header else "") + f"{label('话题')}：{links}\n{{: .article-topics data-search-exclude }}"
            footer = related_section(item, related, slugs, label, label)
            page = render_article(blocks, metadata, plan.path, front, label, header, footer)
            rendered = RenderedArticle(page, metadata)
            (chapters if plan.report_folder else articles).append(rendered)
            pages.append(page)
        if chapters:
            plan = rows[0][0]
            index_path = f"{plan.report_folder}/index.md"
            subtitle = tuple(label(s) for s in plan.article.raw.front_matter.get("report_subtitle", ()))
            from .render import report_metadata
            meta = report_metadata(chapters)
            front = _edition_front(front_matter(meta), index_path, edition, plan.metadata.script)
            report = render_report_index(index_path, chapters, subtitle, front, label,
                                         _converted_notice(index_path, edition, plan.metadata.script, label))
            reports.append(report)
            pages.append(report.page)

    def generated(page: Page) -> Page:
        """Index, topic and glossary pages: written in simplified, so converted in the traditional edition."""
        if page.raw:
            return page
        front = _edition_front(page.front_matter, page.path, edition, "zh-Hans")
        notice = _converted_notice(page.path, edition, "zh-Hans", label)
        body = page.body.replace("\n", f"\n\n{notice}\n", 1) if notice else page.body
        return Page(page.path, page.title, front, body, page.raw)

    archive = "../" * edition.folder.count("/") + ARCHIVE_NAME
    download = (f"## {label('离线阅读')}\n\n"
                f'<p class="download">{label("整个网站可以下载为一个压缩包，解压后直接打开 site/index.html 即可离线阅读，两种文字版本都在其中：")}'
                f' <a href="{archive}">{ARCHIVE_NAME}</a></p>')
    pages.append(generated(render_home(articles, reports, SITE_TITLE, label, extra_sections=download)))
    pages += [generated(p) for p in render_section_index("articles/index.md", label("文章"),
                                                          label("按日期排列，最新的在前；日期不详的排在最后。"), articles, label)]
    pages += [generated(p) for p in topic_pages(glossary.entries, everything, label, label)]
    pages.append(generated(topics_index(glossary.entries, everything, label, label)))
    pages.append(generated(glossary_page(glossary.entries, everything, label, label)))

    nav: list = [{label("首页"): "index.md"}, {label("文章"): ["articles/index.md"] + article_nav(articles, label)}]
    if reports:
        listing = [RenderedArticle(r.page, r.metadata) for r in reports]
        pages += [generated(p) for p in render_section_index("reports/index.md", label("报告"), label("长篇报告按章节分页阅读。"),
                                                             listing, label)]
        nav.append({label("报告"): ["reports/index.md"] + report_nav(reports, label)})
    topic_entries = [e for e in glossary.entries if e.topic]
    nav.append({label("话题"): ["topics/index.md"] + [{label(e.term): f"topics/{e.slug}.md"} for e in topic_entries]})
    nav.append({label("术语表"): "glossary.md"})
    return pages, nav


def _article_texts(article: Article, metadata: Metadata) -> list[str]:
    texts = [metadata.title, metadata.byline, metadata.source, *metadata.authors, metadata.part_of]
    for raw_subtitle in article.raw.front_matter.get("report_subtitle", ()):
        texts.append(raw_subtitle)

    def visit(blocks):
        for block in blocks:
            texts.extend([block.text, block.byline, *block.notes, *block.items])
            visit(block.children)

    visit(article.blocks)
    return texts


def fidelity(result: SeedResult, pages: list[str]) -> dict:
    """Account for every Han character of the seed: kept on a page, or removed by a named rule.

    Measured on the cleaned articles in their original script, before conversion."""
    kept = Counter()
    for article, metadata in result.articles:
        for text in _article_texts(article, metadata):
            kept.update(han_chars(strip_markup(text)))
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
        "pages": pages,
        "han_in": sum(result.han_in.values()),
        "han_kept": sum((result.han_in & kept).values()),
        "han_removed": dict(sorted(removed_by_rule.items())),
        "han_missing": sum(missing.values()),
        "missing_characters": "".join(sorted(missing.elements()))[:200],
        "truncated": [m.title for _, m in result.articles if m.truncated],
        "repairs": [r for a, _ in result.articles for r in a.report.repairs],
        "removals": removals,
    }


# -- the build ----------------------------------------------------------------------------------------

def write_pages(pages: list[Page], folder: Path) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    (folder / GENERATED_MARKER).write_text("This folder is generated by `python3 -m build_tools build`; edits are lost.\n")
    for page in pages:
        target = folder / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page_text(page), encoding="utf-8")


@dataclass
class Collected:
    results: list[SeedResult]
    plans: list[list[Planned]]
    glossary: object = None
    converter: ScriptConverter | None = None
    reader_settings: dict = field(default_factory=dict)


def _report_lines(diagnostics: Diagnostics, text: str, fallback_path: str) -> None:
    """Data-file errors arrive as `path:line: problem` lines; keep each as its own diagnostic."""
    import re
    for line in text.splitlines():
        match = re.match(r"^(.+?):(\d+): (.*)$", line)
        if match:
            diagnostics.error(match.group(1), match.group(3), line=int(match.group(2)))
        elif line.strip():
            diagnostics.error(fallback_path, line.strip())


def collect(settings: BuildSettings, diagnostics: Diagnostics) -> Collected:
    """Read every seed and data file; shared data problems are fatal errors, seed problems are not."""
    reader = read_reader_settings(settings.config, diagnostics)
    glossary = converter = None
    try:
        glossary = load_glossary(settings.glossary)
    except GlossaryError as error:
        _report_lines(diagnostics, str(error), str(settings.glossary))
    try:
        overrides = load_overrides(settings.overrides)
        pairs = [(e.term, e.traditional) for e in glossary.entries] if glossary else []
        converter = ScriptConverter(ConversionSettings(variant=reader["traditional_variant"], engine=reader["conversion_engine"]), overrides,
                                    glossary_pairs=pairs, cache_dir=settings.cache / "convert")
    except ConversionError as error:
        _report_lines(diagnostics, str(error), str(settings.overrides))
    results = []
    seed_files = find_seed_files(settings.seeds) if settings.seeds.is_dir() else []
    if not seed_files:
        diagnostics.error(str(settings.seeds), "no seed files found", "put article files in the seeds folder")
    for path in seed_files:
        result = cached_process_seed(path, settings, diagnostics)
        if result is not None:
            results.append(result)
    return Collected(results, plan_pages(results, diagnostics), glossary, converter, reader)


def check(settings: BuildSettings) -> Diagnostics:
    """Read and validate every seed and data file; write nothing."""
    diagnostics = Diagnostics()
    collected = collect(settings, diagnostics)
    for result, planned in zip(collected.results, collected.plans):
        report = fidelity(result, [p.path for p in planned])
        if report["han_missing"]:
            diagnostics.error(result.name, f"{report['han_missing']} Han characters are on no page and in no removal",
                              "this is a bug in a reader or cleaning rule; please report it")
    return diagnostics


def build(settings: BuildSettings) -> tuple[Diagnostics, dict]:
    """Build docs/ and site/ for both editions; both are replaced only when the whole build succeeded."""
    diagnostics = Diagnostics()
    timings: dict[str, float] = {}
    started = time.perf_counter()
    collected = collect(settings, diagnostics)
    timings["preprocess"] = time.perf_counter() - started
    report: dict = {"tool_version": __version__, "seeds": {}, "diagnostics": []}
    if collected.glossary is None or collected.converter is None:
        report["diagnostics"] = [str(d) for d in diagnostics.items]
        return diagnostics, report
    seeds_report = {}
    for result, planned in zip(collected.results, collected.plans):
        seeds_report[result.name] = fidelity(result, [p.path for p in planned])
        if seeds_report[result.name]["han_missing"]:
            diagnostics.error(result.name, f"{seeds_report[result.name]['han_missing']} Han characters of the seed are on no "
                              f"page and in no removal: {seeds_report[result.name]['missing_characters'][:40]}",
                              "this is a bug in a reader or cleaning rule; please report it")

    settings.docs.mkdir(parents=True, exist_ok=True)
    settings.site.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".build-", dir=settings.site.parent))
    try:
        converter = collected.converter
        search_cache = settings.cache / "search"
        forms = [form for entry in collected.glossary.entries for form in entry.forms]
        user_dict = search.user_dictionary(forms, search_cache)
        hant_dict = search.traditional_dictionary(lambda text: converter.convert(text, "zh-Hans", "zh-Hant"),
                                                  converter.fingerprint, search_cache)
        fold = search.fold_table(lambda text: converter.convert(text, "zh-Hant", "zh-Hans"), converter.fingerprint, search_cache)
        started = time.perf_counter()
        jobs = []
        navs = {}
        for edition in EDITIONS:
            pages, nav = render_edition(edition, collected.plans, collected.glossary, converter,
                                        collected.reader_settings["annotate"])
            navs[edition.script] = nav
            new_docs = settings.docs / f".{edition.script}.new"
            write_pages(pages, new_docs)
            index = search.IndexSettings(edition.script, user_dict, hant_dict if edition.script == "zh-Hant" else None, fold)
            jobs.append((edition, new_docs, work / edition.script, nav, index))
        timings["render docs, both editions"] = time.perf_counter() - started
        # The editions are built in separate processes: in parallel, and each with its own jieba dictionary.
        with ProcessPoolExecutor(max_workers=len(jobs), mp_context=multiprocessing.get_context("fork")) as pool:
            futures = [pool.submit(build_edition_site, settings.config, docs, site, nav, edition.language,
                                   settings.strict, index, converter.convert(SITE_TITLE, "zh-Hans", edition.script))
                       for edition, docs, site, nav, index in jobs]
            results = [future.result() for future in futures]
        ok = True
        for (edition, _, _, _, _), result in zip(jobs, results):
            timings[f"mkdocs {edition.script}"] = result[3]
        if os.environ.get("READER_TIMINGS"):
            Path(os.environ["READER_TIMINGS"]).write_text(json.dumps(timings, indent=2))
        for (edition, new_docs, edition_site, _, _), result in zip(jobs, results):
            ok = record_mkdocs_result(result, new_docs, settings.config, settings.strict, diagnostics) and ok
            if result[0]:
                problem = search.index_problem(edition_site)
                if problem:
                    diagnostics.error(str(settings.config), problem, "run the build through `python3 -m build_tools build`")
                    ok = False
        report.update(seeds=seeds_report, nav=navs["zh-Hans"], diagnostics=[str(d) for d in diagnostics.items])
        if not ok or (settings.strict and diagnostics.items):   # --strict: warnings fail the build too
            for _, new_docs, _, _, _ in jobs:
                shutil.rmtree(new_docs, ignore_errors=True)
            return diagnostics, report
        site = work / "site"
        for edition, _, edition_site, _, _ in jobs:
            edition_site.rename(site / edition.folder.rstrip("/") if edition.folder else site)
        write_report(site / "build-report.json", report)
        write_archive(site)
        for edition, new_docs, _, _, _ in jobs:
            swap_in(new_docs, settings.docs / edition.script)
        swap_in(site, settings.site)
        return diagnostics, report
    finally:
        shutil.rmtree(work, ignore_errors=True)
