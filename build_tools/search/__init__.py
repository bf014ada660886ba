"""Our own search: an index made at build time, read by the browser in small pieces.

Material's search builds a lunr index in the browser from the whole collection on every
page load (seconds at 1,000 articles, half a minute at 10,000) and needs a worker that
file:// cannot start.  Here the index is made in Python while MkDocs renders each edition
(`hooks.py` hands every page to an `IndexWriter`) and written as small script files;
the browser (`overrides/assets/javascripts/search-*.js`) loads only the shards a query's
tokens hash to, and only the documents it shows.

- dictionaries.py  jieba's dictionaries and the fold table (made once by the pipeline, cached)
- passages.py      a rendered page → title, headings and paragraphs as text, with anchors
- tokens.py        a passage → Han bigrams, Latin words and jieba words, with positions
- encoding.py      the number and hash formats shared with the browser
- index.py         postings → shards, documents and the manifest
"""

from __future__ import annotations

from pathlib import Path

from build_tools.core.model import SIMPLIFIED, TRADITIONAL
from build_tools.search.dictionaries import fold_table, traditional_dictionary, user_dictionary, word_fold_table
from build_tools.search.index import INDEX_FOLDER, IndexSettings, IndexWriter
from build_tools.search.passages import search_document

__all__ = [
    "IndexSettings",
    "IndexWriter",
    "fold_table",
    "index_problem",
    "search_document",
    "traditional_dictionary",
    "user_dictionary",
]


def index_problem(site_dir: Path) -> str:
    """'' when the edition's index was written; otherwise what is wrong."""
    if not (site_dir / INDEX_FOLDER / "manifest.js").exists():
        return "no search index was written (is build_tools/hooks.py listed under hooks: in mkdocs.yml?)"
    return ""


def edition_index_settings(data, cache_dir: Path, timings: Path | None = None) -> dict[str, IndexSettings]:
    """Per edition id, what its indexer needs: the glossary's forms as jieba words, jieba's dictionary in the
    edition's traditional variant for a traditional edition, and the character fold (through the edition's own
    converter) that lets either script find both; a traditional edition also gets the word table that
    turns a mainland word into the Taiwan word its converter writes (芯片 → 晶片).  `data` is the build's SharedData."""
    forms = [form for edition in data.editions for entry in data.glossary_for(edition).entries for form in entry.forms]
    user_dict = user_dictionary(list(dict.fromkeys(forms)), cache_dir)

    def figures(edition_id: str) -> Path | None:
        return timings.with_name(f"{timings.stem}.search-{edition_id}.json") if timings else None

    settings = {}
    for edition in data.editions:
        converter = data.converter_for(edition)
        to_simplified = lambda text, c=converter: c.convert(text, TRADITIONAL, SIMPLIFIED)  # noqa: E731

        def to_traditional(text: str, c=converter) -> str:
            return c.convert(text, SIMPLIFIED, TRADITIONAL)

        hant_dict = (
            traditional_dictionary(to_traditional, converter.fingerprint, cache_dir)
            if edition.script == TRADITIONAL
            else None
        )
        folds = fold_table(to_simplified, converter.fingerprint, cache_dir)
        words = (
            word_fold_table(to_simplified, to_traditional, folds, converter.fingerprint, cache_dir)
            if edition.script == TRADITIONAL
            else None
        )
        settings[edition.id] = IndexSettings(
            edition.id,
            user_dict,
            hant_dict,
            folds,
            figures(edition.id),
            converter.convert("日期不详", SIMPLIFIED, edition.script),
            cache_dir / "tokens" / edition.id,
            words,
        )
    return settings
