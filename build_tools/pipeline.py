"""The build, top to bottom: the only place that knows the order of the stages.

    shared data   settings, glossary, converter             config/shared_data.py
    seeds         decode → read → clean → describe (cached) ingest/ (seeds, sources, readers/, clean, metadata)
    names         names the converter would misread         chinese/names.py
    addresses     one page address per article              plan/addresses.py
    audit         every Han character kept or removed       plan/fidelity.py
    refusal       nothing to show: nothing is replaced      publish/swap.py
    editions      convert → annotate → pages → navigation   editions/compose.py (per edition)
    docs          Markdown + front matter, staged           stage_docs
    sites         the renderer per edition, search index    renderer/, search/
    publish       report, archive, swap in docs/ and site/  publish/report.py, publish/swap.py

A seed that fails is reported with its path and the build carries on with the rest;
a broken glossary or override file stops the build, since every page depends on it.
Nothing is replaced unless the whole build succeeded.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import cast

from build_tools import __version__, search
from build_tools.chinese.names import seed_suspicions
from build_tools.config.editions import Edition, interface_wording
from build_tools.config.settings import DATA, PROJECT_ROOT, SITE_TITLE, BuildSettings
from build_tools.config.shared_data import SharedData, load_shared_data, protect_suspected
from build_tools.core.diagnostics import Diagnostics
from build_tools.editions.annotate import AnnotationMode
from build_tools.editions.compose import EditionContext, EditionPages, compose_edition
from build_tools.editions.pages import page_text
from build_tools.ingest.seeds import SeedResult, cached_process_seed, process_seed, read_seeds, tool_fingerprint
from build_tools.plan.addresses import PlannedArticle, plan_addresses
from build_tools.plan.duplicates import remove_duplicates
from build_tools.plan.fidelity import audit, report_missing_text
from build_tools.plan.templates import remove_templates
from build_tools.publish import swap as publish
from build_tools.publish.report import record_site_result, write_archive, write_report
from build_tools.publish.visible_syntax import check_visible_syntax
from build_tools.renderer import DIALECT, SiteJob, SiteResult, render_sites
from build_tools.renderer.jobs import interface_strings
from build_tools.renderer.up_to_date import record_build, unchanged_since_last_build

# What tests and the command line use; the stages' own modules hold the rest.
__all__ = [
    "BuildSettings",
    "DATA",
    "PROJECT_ROOT",
    "build",
    "cached_process_seed",
    "check",
    "process_seed",
    "tool_fingerprint",
]

GENERATED_MARKER = ".generated-by-build_tools"


def build(settings: BuildSettings) -> tuple[Diagnostics, dict]:
    """Build docs/ and site/ for both editions; both are replaced only when the whole build succeeded."""
    diagnostics, clock = Diagnostics(), Clock()
    if (last := unchanged_since_last_build(settings)) is not None:
        return diagnostics, {"unchanged": True, "warnings": last.warnings, "timings": {"up to date": clock.total()}}
    data = load_shared_data(settings, diagnostics)
    seeds = remove_duplicates(remove_templates(read_seeds(settings, diagnostics), diagnostics), diagnostics)
    data = check_names(seeds, data, diagnostics)
    plans = plan_addresses(seeds, diagnostics)
    report = new_report(audit_seeds(seeds, plans, diagnostics))
    report["protected_names"] = protected_report(data)
    clock.lap("preprocess")
    if data is None or refuse_to_publish(plans, settings, diagnostics):
        return diagnostics, finish_report(report, diagnostics, clock)
    with build_folder(settings) as work:
        indexes = search.edition_index_settings(data, settings.cache / "search", settings.timings)
        interface = interface_strings(settings.config)  # what mkdocs.yml says to readers, read once
        jobs = [
            stage_docs(
                compose_edition(edition_context(data, edition, settings.cache / "prepared"), plans),
                settings,
                data,
                indexes,
                interface,
                work,
            )
            for edition in data.editions
        ]
        report["nav"] = jobs[0].nav
        clock.lap("render docs, both editions")
        results = render_sites(
            settings.renderer or data.reader.renderer, settings.config, jobs, settings.strict, settings.cache / "pages"
        )
        check_visible_syntax([job.site for job in jobs], diagnostics, settings.cache / "visible-syntax.json")
        clock.laps.update({f"render {job.edition.id}": result.seconds for job, result in zip(jobs, results)})
        if not check_sites(jobs, results, settings, diagnostics):
            discard(jobs)
            return diagnostics, finish_report(report, diagnostics, clock)
        assemble_and_publish(jobs, work / "site", finish_report(report, diagnostics, clock), settings)
    if report.get("published") and not diagnostics.errors:
        record_build(settings, len(diagnostics.warnings))
    return diagnostics, report


def check(settings: BuildSettings) -> Diagnostics:
    """Read and validate every seed and data file, and audit what the pages would keep; write nothing."""
    diagnostics = Diagnostics()
    data = load_shared_data(settings, diagnostics)
    seeds = remove_duplicates(remove_templates(read_seeds(settings, diagnostics), diagnostics), diagnostics)
    check_names(seeds, data, diagnostics)
    audit_seeds(seeds, plan_addresses(seeds, diagnostics), diagnostics)
    return diagnostics


# -- the stages' glue -------------------------------------------------------------------------------


class Clock:
    """Seconds per stage, for `build --timings` and the benchmark."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.laps: dict[str, float] = {}

    def total(self) -> float:
        return time.perf_counter() - self.started

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = now - self.started
        self.started = now


def edition_context(data: SharedData, edition: Edition, cache: Path | None = None) -> EditionContext:
    """What composing one edition needs: its converter and glossary forms, and the other editions."""
    return EditionContext(
        edition,
        data.converter_for(edition),
        data.glossary_for(edition),
        cast(AnnotationMode, data.reader.annotate),  # one of ANNOTATION_MODES: checked when mkdocs.yml is read
        data.editions,
        DIALECT,
        interface_wording(data.interface_words.get(edition.variant, ())),
        cache / str(edition.id) if cache else None,
    )


def check_names(seeds: list[SeedResult], data: SharedData | None, diagnostics: Diagnostics) -> SharedData | None:
    """Protect the personal names the converter would misread (余凯 → 餘凱) that the names file lacks,
    with one warning per name and seed; the data returned converts them as written."""
    if data is None:
        return None
    suspected = []
    for result in seeds:
        for name in seed_suspicions(result.articles, data.converter):
            diagnostics.add(name.diagnostic(result.name))
            suspected.append(name)
    return protect_suspected(data, suspected)


def protected_report(data: SharedData | None) -> list[dict]:
    """The names this build suspected and protected, for build-report.json."""
    if data is None:
        return []
    return [{"name": e.simplified, "traditional": e.traditional} for e in data.converter.protected.suspected]


def audit_seeds(seeds: list[SeedResult], plans: list[list[PlannedArticle]], diagnostics: Diagnostics) -> dict:
    """The fidelity audit of every seed, by seed name; a seed that lost text is an error."""
    audits = {}
    for result, planned in zip(seeds, plans):
        audits[result.name] = audit(result, [plan.path for plan in planned])
        report_missing_text(result.name, audits[result.name], diagnostics)
    return audits


def refuse_to_publish(plans: list[list[PlannedArticle]], settings: BuildSettings, diagnostics: Diagnostics) -> bool:
    """Nothing to show, or far fewer pages than the site has now: say so, and replace nothing."""
    refusal = publish.refusal(settings, diagnostics, sum(len(planned) for planned in plans))
    if refusal:
        diagnostics.add(refusal)
    return refusal is not None


def new_report(audits: dict) -> dict:
    return {"tool_version": __version__, "seeds": audits, "diagnostics": []}


def finish_report(report: dict, diagnostics: Diagnostics, clock: Clock) -> dict:
    report.update(diagnostics=[str(d) for d in diagnostics.items], timings=dict(clock.laps))
    return report


@contextmanager
def build_folder(settings: BuildSettings):
    """A scratch folder beside site/ (same file system, so the finished site is moved in by renames)."""
    settings.docs.mkdir(parents=True, exist_ok=True)
    settings.site.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=publish.WORK_PREFIX, dir=settings.site.parent))
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


def stage_docs(
    edition_pages: EditionPages,
    settings: BuildSettings,
    data: SharedData,
    indexes: dict[str, search.IndexSettings],
    interface: list[str],
    work: Path,
) -> SiteJob:
    """The edition's Markdown written to docs/.<id>.new, ready for MkDocs (one edition in memory at a time)."""
    edition = edition_pages.edition
    staged = publish.staging_path(settings.docs / edition.id)
    write_pages(edition_pages.pages, staged)
    return SiteJob(
        edition,
        staged,
        work / edition.id,
        edition_pages.nav,
        indexes[edition.id],
        data.label_for(edition)(SITE_TITLE),
        {text: data.label_for(edition)(text) for text in interface},
    )


def write_pages(pages, folder: Path) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    (folder / GENERATED_MARKER).write_text(
        "This folder is generated by `python3 -m build_tools build`; edits are lost.\n"
    )
    for page in pages:
        target = folder / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page_text(page), encoding="utf-8")


def check_sites(
    jobs: list[SiteJob], results: list[SiteResult], settings: BuildSettings, diagnostics: Diagnostics
) -> bool:
    """True when every edition rendered (and, under --strict, nothing at all was reported)."""
    ok = True
    for job, result in zip(jobs, results):
        ok = record_site_result(result, job, settings.config, settings.strict, diagnostics) and ok
        if result.ok:
            problem = search.index_problem(job.site)
            if problem:
                diagnostics.error(str(settings.config), problem, "run the build through `python3 -m build_tools build`")
                ok = False
    return ok and not (settings.strict and diagnostics.items)  # --strict: warnings fail the build too


def discard(jobs: list[SiteJob]) -> None:
    for job in jobs:
        shutil.rmtree(job.docs, ignore_errors=True)


def assemble_and_publish(jobs: list[SiteJob], site: Path, report: dict, settings: BuildSettings) -> None:
    """Assemble both editions into one site with its report and archive, then swap docs/ and site/ in together."""
    for job in jobs:
        job.site.rename(site / job.edition.folder.rstrip("/") if job.edition.folder else site)
    write_report(site / "build-report.json", report)
    write_archive(site)
    staged = [(job.docs, settings.docs / job.edition.id) for job in jobs]
    publish.publish(staged + [(site, settings.site)], settings, report)
