"""Stage 1: every seed file to cleaned, described articles in its original script, behind a cache.

One seed, one fate: whatever goes wrong while reading, cleaning or describing a seed
becomes one diagnostic naming that file, and the other seeds are still built.
"""

from __future__ import annotations

import hashlib
import pickle
import traceback
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from build_tools import __version__
from build_tools.chinese.opencc_engine import ENGINE
from build_tools.config.settings import BuildSettings
from build_tools.core.diagnostics import Diagnostics, InputError
from build_tools.core.files import TOOL_PACKAGE, code_digest, read_checked, write_checked
from build_tools.core.model import Article, Metadata, RawDocument, Removal
from build_tools.core.textutil import han_chars, markup_han
from build_tools.ingest.clean import clean
from build_tools.ingest.metadata import extract_metadata, front_matter, load_sidecar
from build_tools.ingest.readers import read_documents
from build_tools.ingest.readers.dialects import reference_definition_markup
from build_tools.ingest.sources import decode, find_seed_files, read_source, sidecar_path


class SeedArticle(NamedTuple):
    """One article (or report chapter) of a seed, cleaned and described."""

    article: Article
    metadata: Metadata


@dataclass
class SeedResult:
    """Everything one seed produced, for pages and for the fidelity audit."""

    name: str
    encoding: str = ""
    format: str = ""
    articles: list[SeedArticle] = field(default_factory=list)
    han_in: Counter = field(default_factory=Counter)
    han_in_markup: Counter = field(default_factory=Counter)  # of han_in: those in link addresses and attributes
    dropped: list[Removal] = field(default_factory=list)  # what pages left unpublished (empty ones) held


def read_seeds(settings: BuildSettings, diagnostics: Diagnostics) -> list[SeedResult]:
    """Every usable seed, in file order; a seed that fails is reported and left out."""
    seed_files = find_seed_files(settings.seeds) if settings.seeds.is_dir() else []
    if not seed_files:
        diagnostics.error(str(settings.seeds), "no seed files found", "put article files in the seeds folder")
    results = [cached_process_seed(path, settings, diagnostics) for path in seed_files]
    return [result for result in results if result is not None]


def process_seed(path: Path, settings: BuildSettings, diagnostics: Diagnostics) -> SeedResult | None:
    """Decode, read, clean and describe one seed; None (with one diagnostic) if it cannot be used."""
    name = path.relative_to(settings.seeds).as_posix() if path.is_relative_to(settings.seeds) else path.name
    try:
        return _process_seed(path, settings, diagnostics)
    except InputError as error:
        diagnostics.extend(error.diagnostics)
    except Exception as error:  # one seed's surprise must not stop the others
        where = traceback.extract_tb(error.__traceback__)[-1]
        diagnostics.error(
            name,
            f"could not be read: {type(error).__name__}: {error} (in {Path(where.filename).name}:{where.lineno})",
            "this is a bug in the tool; please report it with this file",
        )
    return None


def _process_seed(path: Path, settings: BuildSettings, diagnostics: Diagnostics) -> SeedResult:
    source = read_source(path, settings.seeds)
    decoded = decode(source)
    sidecar = load_sidecar(sidecar_path(path), source.name)
    documents = read_documents(decoded)
    encoding = f"{decoded.encoding} ({decoded.note})" if decoded.note else decoded.encoding  # which candidate won
    result = SeedResult(
        name=source.name,
        encoding=encoding,
        format=documents[0].format,
        han_in=Counter(han_chars(decoded.text)),
        han_in_markup=markup_han(decoded.text)
        + Counter(c for part in reference_definition_markup(decoded.text) for c in han_chars(part)),
    )
    for number, document in enumerate(documents, start=1):
        result.articles.append(_describe(document, number, sidecar, source.name, diagnostics))
    return result


def _describe(document: RawDocument, number: int, sidecar: dict, name: str, diagnostics: Diagnostics) -> SeedArticle:
    """Clean one document and work out its metadata; values the metadata stage rejects count as removals."""
    article = clean(document)
    rejected: list = []
    metadata = extract_metadata(article, sidecar, diagnostics, document_number=number, rejected=rejected)
    if rejected:
        article = replace(article, report=replace(article.report, removals=article.report.removals + tuple(rejected)))
    if not metadata.title:
        diagnostics.warning(
            name,
            f"document {number} has no title and no text to take one from",
            "give it a title in the editor file",
            line=document.line,
        )
    front_matter(metadata)  # the page's schema is checked here, so a violation fails this seed, not the build
    return SeedArticle(article, metadata)


@lru_cache(maxsize=1)
def tool_fingerprint() -> str:
    """Changes whenever the tool's code or the installed OpenCC package changes (script detection uses it),
    so caches never outlive what filled them.  Worked out once per run: the code that runs is the code loaded."""
    digest = hashlib.sha256(__version__.encode())
    digest.update(f"{ENGINE.name} {ENGINE.version}".encode() if ENGINE else b"no engine")
    # the whole build_tools package's code, and the one data file cleaning reads
    code = sorted(TOOL_PACKAGE.rglob("*.py")) + [TOOL_PACKAGE / "data" / "interface_text.yaml"]
    digest.update(code_digest(*code).encode())
    return digest.hexdigest()[:16]


def cached_process_seed(path: Path, settings: BuildSettings, diagnostics: Diagnostics) -> SeedResult | None:
    """`process_seed` behind a content-hash cache: an unchanged seed (bytes, editor file, tool) is not read again.

    The diagnostics a seed produced are cached with it, so a warning is not lost on a warm build."""
    sidecar = sidecar_path(path)
    key = hashlib.sha256(
        b"\0".join(
            [
                tool_fingerprint().encode(),
                path.relative_to(settings.seeds).as_posix().encode(),
                path.read_bytes(),
                sidecar.read_bytes() if sidecar.exists() else b"-",
            ]
        )
    ).hexdigest()
    cache_file = settings.cache / "seeds" / f"{key}.pickle"
    stored = read_checked(cache_file)  # None when absent, truncated or corrupted (then rebuilt, with one warning)
    if stored is not None:  # the key covers the tool's code, so the entry's classes are this run's
        result, items = pickle.loads(stored)
        for item in items:
            diagnostics.add(item)
        return result
    own = Diagnostics()
    result = process_seed(path, settings, own)
    for item in own.items:
        diagnostics.add(item)
    write_checked(cache_file, pickle.dumps((result, own.items)))
    return result
