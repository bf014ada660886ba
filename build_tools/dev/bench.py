"""Benchmark: `python3 -m build_tools bench --articles N`.

Generates a realistic collection of N articles from the seed texts (every input
format, both scripts, glossary terms included because the seed paragraphs carry
them), builds it the way a maintainer would, and prints one table of figures,
with ratios to a baseline: the same generated Markdown rendered by a default
Material configuration (flat navigation, search with jieba), one edition.
It also renders the same collection with Zensical and prints its figures beside MkDocs'.
Targets live here as figures to read, never as timed tests.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from build_tools.core.model import SIMPLIFIED, TRADITIONAL
from build_tools.core.textutil import strip_markup
from build_tools.ingest.readers import read_documents
from build_tools.ingest.sources import decode, find_seed_files, read_source
from build_tools.pipeline import PROJECT_ROOT

FORMATS = ("plain-hans", "plain-hant", "newspaper", "html", "report")


# -- the generated collection ----------------------------------------------------------------------


YEARS = range(2015, 2026)  # the generated articles' years of publication


def _paragraph_pool(seeds: Path) -> tuple[list[str], list[str]]:
    """Real paragraphs of the seeds (simplified, traditional), to compose realistic articles from."""
    simplified: list[str] = []
    traditional: list[str] = []
    for path in find_seed_files(seeds):
        try:
            decoded = decode(read_source(path, seeds))
            documents = read_documents(decoded)
        except Exception:  # a broken seed is the build's business, not the benchmark's
            continue
        from build_tools.ingest.metadata import detect_script

        target = traditional if detect_script(decoded.text) == TRADITIONAL else simplified
        for document in documents:
            for block in document.blocks:
                text = strip_markup(block.text).replace("\\", "")
                if block.kind == "paragraph" and len(text) >= 40 and text[-1] in "。！？”":
                    target.append(text)
    return simplified, traditional


def _article_text(rng: random.Random, pool: list[str], size: int = 4000) -> list[str]:
    paragraphs, total = [], 0
    while total < size:
        paragraph = rng.choice(pool)
        paragraphs.append(paragraph)
        total += len(paragraph.encode("utf-8"))
    return paragraphs


def generate_collection(target: Path, count: int, seeds: Path, seed: int = 7) -> None:
    """`count` articles in all input formats and both scripts, deterministic for a given seed."""
    from build_tools.chinese.convert import ConversionSettings, ScriptConverter, load_overrides

    rng = random.Random(seed)
    simplified, traditional = _paragraph_pool(seeds)
    if not traditional:
        converter = ScriptConverter(
            ConversionSettings(), load_overrides(PROJECT_ROOT / "build_tools/data/conversion_overrides.yaml")
        )
        traditional = [converter.convert(p, SIMPLIFIED, TRADITIONAL) for p in simplified[:200]]
    target.mkdir(parents=True)
    made = 0
    number = 0
    while made < count:
        number += 1
        kind = FORMATS[number % len(FORMATS)]
        year = YEARS[number % len(YEARS)]
        title = f"第{number}号样稿 {rng.choice(['产业观察', '科技评论', '市场动向', '政策解读', '企业故事'])}"
        name = target / f"{number:06d}.txt"
        if kind == "plain-hans":
            body = _article_text(rng, simplified)
            name.write_text(title + "\n\n" + "\n\n".join(body) + "\n", encoding="utf-8")
            made += 1
        elif kind == "plain-hant":
            body = _article_text(rng, traditional)
            name.write_text("特約作者 林小明\n" + "\n".join(body) + "\n", encoding="utf-8")
            (target / f"{number:06d}.meta.yaml").write_text(
                f"title: 第{number}號樣稿\ndate: {year}-03\n", encoding="utf-8"
            )
            made += 1
        elif kind == "newspaper":
            parts = []
            for index in range(min(3, count - made)):
                parts += [f"{title}之{index + 1} 新闻聚焦", "", f"本报记者 张{'敏华明'[index]} 李{'雷蕾磊'[index]}", ""]
                parts += [p + "\n" for p in _article_text(rng, simplified, 2500)]
            name.write_text("\n".join(parts), encoding="utf-8")
            made += min(3, count - made)
        elif kind == "html":
            html_body = "".join(f"<p>{p}</p>" for p in _article_text(rng, simplified))
            name.write_text(
                f"---\ntitle: '{title}'\nauthor: 样稿作者\ndate: {year}-06-0{1 + number % 9}\n---\n"
                f"<div><p><strong>导语</strong></p>{html_body}</div>\n",
                encoding="utf-8",
            )
            made += 1
        else:
            chapters = min(4, count - made)
            lines = [f"样稿报告 {number}", "", "样稿研究院", ""]
            for index in range(chapters):
                lines += [f"# 第{index + 1}章 专题{number}-{index + 1}", "", "## 要点", ""]
                lines += [p + "\n" for p in _article_text(rng, simplified, 3000)]
            name.write_text("\n".join(lines), encoding="utf-8")
            made += chapters


# -- measuring --------------------------------------------------------------------------------------


class BenchFailed(Exception):
    """A build the figures depend on failed: the benchmark stops and exits 1 instead of printing wrong figures."""


def _run_build(seeds: Path, docs: Path, site: Path, timings: Path, *flags: str) -> tuple[float, dict]:
    start = time.perf_counter()
    # each edition says which pages it rendered again and why (renderer/page_cache.py), beside the timings
    environment = dict(os.environ, BUILD_TOOLS_PAGE_CACHE_REPORT=str(timings.with_suffix(".pages")))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "build_tools",
            "build",
            "--seeds",
            str(seeds),
            "--docs",
            str(docs),
            "--site",
            str(site),
            "--cache",
            str(seeds.parent / "cache"),
            "--timings",
            str(timings),
            *flags,
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        env=environment,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        print(result.stderr[-3000:], file=sys.stderr)
        raise BenchFailed(
            f"error: {seeds}: a build of the generated collection failed (exit {result.returncode}) "
            "— see its messages above; no figures are printed from a failed build"
        )
    stages = json.loads(timings.read_text()) if timings.exists() else {}
    return elapsed, stages


def rerendered(timings: Path) -> str:
    """'misses of pages, the commonest reasons' for one build, both editions together (page_cache.py's report)."""
    hits = misses = 0
    reasons: dict[str, int] = {}
    for report in sorted(timings.with_suffix(".pages").glob("*.json")):
        figures = json.loads(report.read_text(encoding="utf-8"))
        hits, misses = hits + figures["hits"], misses + figures["misses"]
        for reason, count in figures["reasons"].items():
            reasons[reason] = reasons.get(reason, 0) + count
    if not hits + misses:
        return "n/a"
    commonest = sorted(reasons.items(), key=lambda item: -item[1])[:4]
    return f"{misses} of {hits + misses} pages: " + ", ".join(f"{name} {count}" for name, count in commonest)


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _html_sizes(site: Path) -> tuple[float, int, int]:
    sizes = [p.stat().st_size for p in site.rglob("*.html")]
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return (sum(sizes) / len(sizes) if sizes else 0), max(sizes, default=0), total


SEARCH_PATIENCE = 120  # seconds; a slower first result is reported as missing, the table is still printed
SEARCH_RUNS = 3


@dataclass(frozen=True)
class FirstResult:
    seconds: float | str  # median over SEARCH_RUNS fresh browsers
    bytes_read: int  # every file the page read before the first result appeared
    index_bytes: int  # of which search index files


def _files_read(urls: list[str], folder: Path | None) -> tuple[int, int]:
    """Sizes on disk of the files a page requested (all, and those of the search index); served ones from `folder`."""
    if folder is None:
        return 0, 0
    paths = {
        Path(unquote(urlsplit(url).path))
        if url.startswith("file:")
        else folder / unquote(urlsplit(url).path).lstrip("/")
        for url in urls
        if url.startswith(("file:", "http:"))
    }
    sizes = {path: path.stat().st_size for path in paths if path.is_file()}
    return sum(sizes.values()), sum(size for path, size in sizes.items() if "search" in path.relative_to(folder).parts)


def _one_search(url: str, query: str) -> tuple[float | str, list[str]]:
    """Seconds from opening the page to the first search result on screen, in a fresh headless Chromium."""
    from playwright.sync_api import sync_playwright

    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]
    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=flags)
        page = browser.new_context().new_page()
        page.on("request", lambda request: requests.append(request.url))
        start = time.perf_counter()
        page.goto(url)
        box = page.locator(".md-search__input")
        box.click()
        page.keyboard.type(query)
        while not page.locator(".md-search-result__item").count():
            if time.perf_counter() - start > SEARCH_PATIENCE:
                browser.close()
                return f"> {SEARCH_PATIENCE}", requests
            page.wait_for_timeout(20)
            if "search_index" in " ".join(requests):
                page.keyboard.press("End")  # Material's search: search again once its index has loaded
        elapsed = time.perf_counter() - start
        seen = list(requests)
        browser.close()
    return elapsed, seen


def _first_search_result(url: str, query: str, site: Path | None = None) -> FirstResult:
    runs = [_one_search(url, query) for _ in range(SEARCH_RUNS)]
    times = [seconds for seconds, _ in runs]
    numeric = sorted(s for s in times if isinstance(s, float))
    median = numeric[len(numeric) // 2] if len(numeric) == len(times) else max(times, key=str)
    total, index = _files_read(runs[-1][1], site)
    return FirstResult(median, total, index)


def _baseline(docs: Path, work: Path) -> tuple[float, Path]:
    """Default Material: flat navigation, search with jieba, one edition."""
    config = work / "baseline.yml"
    config.write_text(
        json.dumps(
            {
                "site_name": "baseline",
                "docs_dir": str(docs),
                "site_dir": str(work / "baseline-site"),
                "theme": {"name": "material", "language": "zh"},
                "plugins": [{"search": {"lang": "zh"}}],
                "markdown_extensions": ["attr_list", "md_in_html", "admonition"],
            }
        ),
        encoding="utf-8",
    )
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], cwd=work, capture_output=True, text=True
    )
    if result.returncode != 0:
        print(result.stderr[-3000:], file=sys.stderr)
        raise BenchFailed(
            f"error: {config}: the baseline build failed (exit {result.returncode}) — see its messages "
            "above, or run with --no-baseline"
        )
    return time.perf_counter() - start, work / "baseline-site"


# -- the two OpenCC engines ------------------------------------------------------------------------

OFFICIAL_REQUIREMENTS = PROJECT_ROOT / "build_tools" / "requirements-opencc.txt"
_CONVERT_SCRIPT = """
import sys, time
from pathlib import Path
from build_tools.chinese.convert import ConversionSettings, ScriptConverter, load_overrides
from build_tools.core.model import SIMPLIFIED, TRADITIONAL
lines = Path(sys.argv[1]).read_text(encoding="utf-8").splitlines()
converter = ScriptConverter(ConversionSettings(engine=sys.argv[2]), load_overrides(Path(sys.argv[3])))
converter.convert("预热软件", SIMPLIFIED, TRADITIONAL)  # loads every dictionary once (OpenCC's; jieba's for twp)
start = time.perf_counter()
for line in lines:
    converter.convert(line, SIMPLIFIED, TRADITIONAL)
print(time.perf_counter() - start)
"""


def _official_opencc_python() -> Path | None:
    """A side environment with the official binding (it cannot share .venv with the default engine)."""
    venv = PROJECT_ROOT / ".cache" / "bench" / "opencc-official"
    python = venv / "bin" / "python"
    stamp = venv / "installed.txt"
    wanted = OFFICIAL_REQUIREMENTS.read_text(encoding="utf-8")
    if python.exists() and stamp.exists() and stamp.read_text(encoding="utf-8") == wanted:
        return python
    shutil.rmtree(venv, ignore_errors=True)
    made = subprocess.run([sys.executable, "-m", "venv", str(venv)], capture_output=True)
    if made.returncode == 0:
        made = subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "-r", str(OFFICIAL_REQUIREMENTS)], capture_output=True
        )
    if made.returncode != 0:
        print(f"the official opencc could not be installed: {made.stderr.decode()[-500:]}", file=sys.stderr)
        return None
    stamp.write_text(wanted, encoding="utf-8")
    return python


def conversion_rates(seeds: Path, work: Path) -> dict[str, float | None]:
    """MB/s of simplified→traditional conversion (override rules included, no cache) for each engine,
    over the simplified text of the generated collection."""
    sample = work / "conversion-sample.txt"
    from build_tools.ingest.metadata import detect_script

    texts = [
        text
        for text in (path.read_text(encoding="utf-8") for path in sorted(seeds.glob("*.txt")))
        if detect_script(text) == SIMPLIFIED
    ]
    sample.write_text("\n".join(texts)[:3_000_000], encoding="utf-8")
    megabytes = sample.stat().st_size / 2**20
    overrides = PROJECT_ROOT / "build_tools" / "data" / "conversion_overrides.yaml"
    rates: dict[str, float | None] = {}
    for engine, python in (
        ("opencc-python-reimplemented", Path(sys.executable)),
        ("opencc", _official_opencc_python()),
    ):
        if python is None:
            rates[engine] = None
            continue
        result = subprocess.run(
            [str(python), "-c", _CONVERT_SCRIPT, str(sample), engine, str(overrides)],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
        )
        rates[engine] = megabytes / float(result.stdout.strip()) if result.returncode == 0 else None
        if result.returncode != 0:
            print(result.stderr[-1000:], file=sys.stderr)
    return rates


def _index_size(site: Path) -> int:
    """Our index (the search/ folder of an edition), or Material's search_index.json for the baseline."""
    material = site / "search" / "search_index.json"
    if material.exists():
        return material.stat().st_size
    folder = site / "search"
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else 0


def _index_figures(timings: Path, edition: str) -> dict:
    """What the edition's indexer reported (hooks.py writes it beside the build's timings)."""
    path = timings.with_name(f"{timings.stem}.search-{edition}.json")
    return json.loads(path.read_text()) if path.exists() else {}


def _rebuilds(seeds: Path, docs: Path, site: Path, work: Path) -> dict:
    """Build again with nothing changed, then with one article added, then one edited: what the caches save."""
    warm, warm_stages = _run_build(seeds, docs, site, work / "t-warm.json")
    held = work / "held-back"
    first = sorted(p for p in held.iterdir() if p.suffix == ".txt")[0]
    _arrive_as_newest(first, seeds)  # today's article arrives
    before = site_digests(site)
    added, _ = _run_build(seeds, docs, site, work / "t-added.json")
    files_added = changed_files(before, site_digests(site))
    changed = sorted(seeds.glob("*.txt"))[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n补充一段新的文字，讲卡脖子和内卷。\n", encoding="utf-8")
    edited, one_stages = _run_build(seeds, docs, site, work / "t-one.json")
    return {
        "warm": warm,
        "warm_stages": warm_stages,
        "added": added,
        "edited": edited,
        "one_stages": one_stages,
        "files added": files_added,
    }


def _arrive_as_newest(held: Path, seeds: Path) -> None:
    """The held-back article arrives dated after every other one, in the newest year (today's article, which
    starts a new year once a year only), as HTML with front matter."""
    paragraphs = [line.strip() for line in held.read_text(encoding="utf-8").splitlines() if len(line.strip()) >= 40]
    body = "".join(f"<p>{html.escape(paragraph)}</p>" for paragraph in paragraphs[:12])
    front = f"---\ntitle: '今日新稿 {held.stem}'\nauthor: 样稿作者\ndate: {YEARS[-1]}-12-31\n---\n"
    (seeds / held.name).write_text(f"{front}<div>{body}</div>\n", encoding="utf-8")
    held.unlink()


def site_digests(site: Path) -> dict[str, str]:
    """Every file of a built site (both editions) by path, as a SHA-256 of its bytes."""
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in site.rglob("*")
        if path.is_file() and path.name != "build-report.json"
    }


def changed_files(before: dict[str, str], after: dict[str, str]) -> dict[str, int]:
    """Files written, changed or removed between two builds, by part of the site: what a deploy uploads."""
    counts: dict[str, int] = {"search": 0, "article lists": 0, "other": 0}
    for path in sorted(set(before) | set(after)):
        if before.get(path) == after.get(path):
            continue
        parts = path.split("/")
        if "search" in parts:
            counts["search"] += 1
        elif "articles" in parts and (parts[-1] == "index.html" or "page" in parts):
            counts["article lists"] += 1
        else:
            counts["other"] += 1
    return counts


def renderer_rows(seeds: Path, work: Path, mkdocs_cold: dict, mkdocs_edited: dict, mkdocs_page: float) -> list[tuple]:
    """The same collection rendered by Zensical, side by side with MkDocs: seeds are cached by then, so the
    renderers' own seconds (the `render` stages) and the whole build after one more edit are compared."""
    docs, site = work / "z-docs", work / "z-site"
    cold, stages = _run_build(seeds, docs, site, work / "t-z-cold.json", "--renderer", "zensical")
    changed = sorted(seeds.glob("*.txt"))[-1]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n再补充一段文字，讲硬科技。\n", encoding="utf-8")
    edited, _ = _run_build(seeds, docs, site, work / "t-z-one.json", "--renderer", "zensical")
    average = _html_sizes(site)[0]
    rows: list[tuple] = []
    for edition in ("zh-Hans", "zh-Hant"):
        key = f"render {edition}"
        rows.append(
            (
                f"zensical: {key} (s)",
                stages.get(key, "n/a"),
                _ratio(stages.get(key, "n/a"), mkdocs_cold.get(key, "n/a")) + " of mkdocs",
            )
        )
    rows += [
        ("zensical: whole build, seeds cached (s)", cold, ""),
        ("zensical: one article edited (s)", edited, _ratio(edited, mkdocs_edited.get("edited", "n/a")) + " of mkdocs"),
        ("zensical: average page HTML (KB)", average / 1024, _ratio(average, mkdocs_page) + " of mkdocs"),
    ]
    return rows


def _hold_back_one(seeds: Path, work: Path) -> None:
    """The newest generated article (and its editor file) waits outside the collection, to be added later."""
    held = work / "held-back"
    held.mkdir()
    newest = sorted(p for p in seeds.iterdir() if p.suffix == ".txt")[-1]
    for path in seeds.glob(newest.stem + ".*"):
        shutil.move(str(path), held / path.name)


# What a page is made of, by the element that opens each part (the search box sits inside the header).
PAGE_PARTS = {
    "search UI": ("div", 'class="md-search"'),
    "header": ("header", 'class="md-header'),
    "tabs": ("nav", 'class="md-tabs"'),
    "navigation": ("div", 'class="md-sidebar md-sidebar--primary"'),
    "table of contents": ("div", 'class="md-sidebar md-sidebar--secondary"'),
    "content": ("article", 'class="md-content__inner'),
    "footer": ("footer", 'class="md-footer"'),
}


def _element_span(text: str, tag: str, marker: str) -> tuple[int, int] | None:
    """Start and end of the first <tag ... marker ...> element, nested same-name tags counted."""
    start = text.find(f"<{tag} {marker}")
    if start < 0:
        return None
    depth, position = 0, start
    opening, closing = re.compile(rf"<{tag}[\s>]"), f"</{tag}>"
    while True:
        next_open = opening.search(text, position)
        next_close = text.find(closing, position)
        if next_close < 0:
            return start, len(text)
        if next_open and next_open.start() < next_close:
            depth, position = depth + 1, next_open.end()
        else:
            depth, position = depth - 1, next_close + len(closing)
            if depth == 0:
                return start, position


def page_weight_by_part(site: Path, sample: int = 200) -> dict[str, float]:
    """Average bytes per article page of each part; 'term links' inside the content, 'rest' is head and scripts."""
    pages = sorted(site.glob("articles/*.html"))[:sample] + sorted(site.glob("zh-Hant/articles/*.html"))[:sample]
    totals: dict[str, float] = dict.fromkeys((*PAGE_PARTS, "term links", "rest", "whole page"), 0.0)
    for page in pages:
        text = page.read_text(encoding="utf-8")
        size = len(text.encode("utf-8"))
        spans = {name: _element_span(text, tag, marker) for name, (tag, marker) in PAGE_PARTS.items()}
        weights = {
            name: len(text[a:b].encode("utf-8")) if (a, b) != (0, 0) else 0
            for name, (a, b) in ((n, s or (0, 0)) for n, s in spans.items())
        }
        weights["header"] -= weights["search UI"]
        terms = sum(len(m.group(0).encode("utf-8")) for m in re.finditer(r'<a class="term".*?</a>', text))
        weights["content"] -= terms
        weights["term links"] = terms
        weights["rest"] = size - sum(weights.values())
        weights["whole page"] = size
        for name, weight in weights.items():
            totals[name] += weight
    return {name: total / max(len(pages), 1) for name, total in totals.items()}


def run(count: int, keep: bool = False, baseline: bool = True, rebuilds: bool = True) -> int:
    """Generate N articles, build them, print the figures; exit 1 (and no figures) when a build fails."""
    work = Path(tempfile.mkdtemp(prefix=f"bench-{count}-"))
    try:
        _print_table(_measure(work, count, baseline, rebuilds))
        return 0
    except BenchFailed as failure:
        print(failure, file=sys.stderr)
        return 1
    finally:
        if keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


def _measure(work: Path, count: int, baseline: bool, rebuilds: bool) -> list[tuple]:
    """Every figure as a (name, value, ratio to the baseline) row."""
    seeds, docs, site = work / "seeds", work / "docs", work / "site"
    generate_collection(seeds, count, PROJECT_ROOT / "seeds")
    _hold_back_one(seeds, work)
    cold, cold_stages = _run_build(seeds, docs, site, work / "t-cold.json")
    weights = page_weight_by_part(site)
    again = _rebuilds(seeds, docs, site, work) if rebuilds else {}
    # said at once, so a later step that fails (a browser missing) does not lose the rebuild figures
    seconds = {name: again.get(name) for name in ("warm", "added", "edited")}
    print(f"cold {cold:.2f} s; then " + ", ".join(f"{k} {v:.2f} s" for k, v in seconds.items() if v), file=sys.stderr)
    warm, warm_stages, one_stages = (
        again.get("warm", "skipped"),
        again.get("warm_stages", {}),
        again.get("one_stages", {}),
    )
    peak = _peak_rss_mb()
    average, largest, total = _html_sizes(site)
    searches = {
        "zh-Hans": _first_search_result((site / "index.html").as_uri(), "卡脖子", site),
        "zh-Hant": _first_search_result((site / "zh-Hant" / "index.html").as_uri(), "內卷", site / "zh-Hant"),
    }
    baseline_time, baseline_site, (b_average, b_largest, b_total), b_first = _baseline_figures(docs, work, baseline)
    rates = conversion_rates(seeds, work)
    rows = [
        ("articles", count, ""),
        ("preprocess cold (s)", cold_stages.get("preprocess", 0), ""),
        ("preprocess warm, nothing changed (s)", warm_stages.get("preprocess", "skipped"), ""),
        ("preprocess after one seed changed (s)", one_stages.get("preprocess", "skipped"), ""),
        ("render zh-Hans (s)", cold_stages.get("render zh-Hans", 0), ""),
        ("render zh-Hant (s)", cold_stages.get("render zh-Hant", 0), ""),
        ("total cold build, both editions (s)", cold, _ratio(cold, baseline_time)),
        ("total warm build (s)", warm, _ratio(warm, baseline_time)),
        ("nothing changed (s)", warm, _ratio(warm, cold) + " of cold"),
        (
            "one article added (s)",
            again.get("added", "skipped"),
            _ratio(again.get("added", "skipped"), cold) + " of cold",
        ),
        (
            "one article edited (s)",
            again.get("edited", "skipped"),
            _ratio(again.get("edited", "skipped"), cold) + " of cold",
        ),
        ("pages rendered again, one article added", rerendered(work / "t-added.json"), ""),
        (
            "site files changed, one article added",
            ", ".join(f"{part} {count}" for part, count in again.get("files added", {}).items()) or "skipped",
            "",
        ),
        ("pages rendered again, one article edited", rerendered(work / "t-one.json"), ""),
        *((f"article page weight: {name} (KB)", weight / 1024, "") for name, weight in weights.items()),
        ("peak memory of one process (MB)", peak, ""),
        ("average page HTML (KB)", average / 1024, _ratio(average, b_average)),
        ("largest page HTML (KB)", largest / 1024, _ratio(largest, b_largest)),
        ("total site size (MB)", total / 2**20, _ratio(total, b_total)),
        *_search_rows(site, work / "t-cold.json", searches, baseline_site, b_first),
        (
            "baseline: one edition, flat nav, jieba (s)",
            baseline_time if baseline else "skipped",
            "1.00×" if baseline else "",
        ),
        ("baseline first search result, http (s)", b_first.seconds if baseline else "skipped", ""),
        ("baseline bytes read before it (KB)", b_first.bytes_read / 1024 if baseline else "skipped", ""),
    ]
    rows += renderer_rows(seeds, work, cold_stages, again, average)
    default_rate = rates.get("opencc-python-reimplemented")
    for engine, rate in rates.items():
        rows.append(
            (
                f"conversion s2t with rules, {engine} (MB/s)",
                rate if rate is not None else "n/a",
                (_ratio(rate, default_rate) + " the default")
                if rate and default_rate and engine != "opencc-python-reimplemented"
                else "",
            )
        )
    return rows


def _print_table(rows: list[tuple]) -> None:
    width = max(len(r[0]) for r in rows)
    print(f"\n{'figure':<{width}}  {'value':>10}  vs baseline")
    for name, value, ratio in rows:
        shown = f"{value:10.2f}" if isinstance(value, float) else f"{value:>10}"
        print(f"{name:<{width}}  {shown}  {ratio}")


def _baseline_figures(docs: Path, work: Path, wanted: bool) -> tuple[float, Path, tuple, FirstResult]:
    """Build time, site, page sizes and first search result (over HTTP) of the default-Material baseline."""
    if not wanted:
        return 0.0, work / "none", (0, 0, 0), FirstResult(0.0, 0, 0)
    seconds, site = _baseline(docs / "zh-Hans", work)
    return seconds, site, _html_sizes(site), _first_search_result_served(site, "卡脖子")


def _search_rows(
    site: Path, timings: Path, searches: dict[str, FirstResult], baseline_site: Path, baseline: FirstResult
) -> list[tuple]:
    """Index size and build time per edition, and the first result (median of fresh browsers) with what it read."""
    rows = []
    for edition, folder in (("zh-Hans", site), ("zh-Hant", site / "zh-Hant")):
        size, figures, first = _index_size(folder), _index_figures(timings, edition), searches[edition]
        rows += [
            (f"search index {edition} (MB)", size / 2**20, _ratio(size, _index_size(baseline_site))),
            (
                f"search index {edition}: files, shards",
                f"{len(list((folder / 'search').rglob('*.js')))}, {figures.get('shards', '?')}",
                "",
            ),
            (f"index build time {edition}, within rendering (s)", figures.get("seconds", "n/a"), ""),
            (
                f"first search result {edition}, file://, median of {SEARCH_RUNS} (s)",
                first.seconds,
                _ratio(first.seconds, baseline.seconds),
            ),
            (
                f"bytes read before it {edition}: all / index (KB)",
                f"{first.bytes_read / 1024:.0f} / {first.index_bytes / 1024:.0f}",
                _ratio(first.bytes_read, baseline.bytes_read),
            ),
        ]
    return rows


def _first_search_result_served(site: Path, query: str) -> FirstResult:
    """The baseline cannot search from file:// (no offline plugin): measure it served over HTTP."""
    import http.server
    import threading
    from functools import partial

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        return _first_search_result(f"http://127.0.0.1:{server.server_address[1]}/index.html", query, site)
    finally:
        server.shutdown()


def _ratio(value: float | str, baseline: float | str) -> str:
    if not isinstance(value, (int, float)) or not isinstance(baseline, (int, float)) or not baseline:
        return ""
    return f"{value / baseline:.2f}×"
