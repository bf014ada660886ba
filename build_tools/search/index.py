"""Writing one edition's index: small script files the browser loads on demand.

Layout under `search/` of an edition (every file registers its data with `__readerSearch`
when loaded by a `<script>` tag, which works from file:// where fetch and workers do not):

- `manifest.js`   number of documents and shards, each document's length (one character,
                  quantised), the fold table: about 30 KB at 10,000 articles; for a traditional
                  edition in Taiwan words, the word table (mainland word → the Taiwan word the edition
                  writes, both folded) limited to the Taiwan words its pages hold.
- `t/<shard>.js`  the postings of the tokens whose hash falls in the shard: for each document
                  holding the token, its positions and where each is (title, heading, body;
                  whole word or not).  The shard count grows with the collection so that a
                  shard stays near SHARD_TARGET_BYTES; a query reads one shard per token.
- `d/<id>.js`     one document: address, title, source · date and its passages as text, read
                  only for the results on screen.

Positions make phrase search exact: a run of Han characters is found where its bigrams
stand one after another, so the results are precisely the pages containing the run.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import shutil
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from build_tools.search.dictionaries import read_fold_table
from build_tools.search.encoding import DIGITS, encode_number, shard_of
from build_tools.search.passages import SearchDocument
from build_tools.search.tokens import Folder, Tokenizer, file_digest, load_marshalled, store_marshalled

INDEX_FOLDER = "search"
FORMAT_VERSION = 1
SHARD_TARGET_BYTES = 16_000
MAX_SHARDS = 4096
PASSAGE_GAP = 1  # positions of two passages never touch, so no phrase spans them


@dataclass(frozen=True)
class IndexSettings:
    """Everything an edition's indexer needs, made once by the pipeline and handed to the MkDocs process."""

    edition: str
    user_dictionary: Path | None = None
    main_dictionary: Path | None = None  # jieba's dictionary converted to the edition's script
    fold_table: Path | None = None
    figures_file: Path | None = None  # where the indexer writes its figures (`build --timings`; the benchmark)
    unknown_date: str = "日期不详"  # what a result says when the source states no date, in the edition's script
    token_cache: Path | None = None  # where passages' tokens are kept between builds (tokens.py)
    word_table: Path | None = None  # mainland word → Taiwan word, for a traditional edition (dictionaries.py)


@dataclass
class _Posting:
    data: bytearray = field(default_factory=bytearray)  # ASCII; grows in place (a str would be copied)
    last_document: int = 0


def script_file(call: str, *arguments) -> str:
    """`__readerSearch.<call>(…)`: JSON arguments, safe in a script whatever the seeds contain."""
    payload = ",".join(json.dumps(argument, ensure_ascii=False, separators=(",", ":")) for argument in arguments)
    payload = payload.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("</", "<\\/")
    return f"__readerSearch.{call}({payload});\n"


def _encoded(values: list[int]) -> str:
    """One document's part of a posting: the count, then each position as (gap from the previous one, flags)
    in one number; the values come in increasing order (passages in order, positions in order within one)."""
    parts = [encode_number(len(values))]
    previous = 0
    for value in values:
        position = value >> 3
        parts.append(encode_number((position - previous) << 3 | value & 7))
        previous = position
    return "".join(parts)


def quantised_length(characters: int) -> str:
    return DIGITS[min(len(DIGITS) - 1, round(math.log2(characters + 1) * 3))]


class WordsSeen:
    """Which Taiwan words of the word table the edition's pages hold: only those go to the browser."""

    def __init__(self, pairs: dict[str, str]):
        self.pairs = pairs
        self.seen: set[str] = set()
        forms = sorted(set(pairs.values()), key=lambda form: (-len(form), form))
        # at every position, the longest form starting there (a lookahead, so forms may overlap: 网路 inside
        # 人工智慧网路), then the shorter forms it begins with (网路 inside 网路安全)
        self.pattern = re.compile(f"(?=({'|'.join(map(re.escape, forms))}))") if forms else None
        self.prefixes = {form: [other for other in forms if form.startswith(other)] for form in forms}

    def found(self, folded: str) -> set[str]:
        """The Taiwan words of the table that `folded` holds."""
        words: set[str] = set()
        if self.pattern is not None:
            for match in self.pattern.finditer(folded):
                words.update(self.prefixes[match.group(1)])
        return words

    def look(self, folded: str) -> None:
        self.seen |= self.found(folded)

    def table(self) -> dict[str, str]:
        return {mainland: taiwan for mainland, taiwan in sorted(self.pairs.items()) if taiwan in self.seen}


class IndexWriter:
    """Takes documents one at a time (as MkDocs renders them) and writes the shards at the end."""

    def __init__(self, site_dir: Path, settings: IndexSettings):
        started = time.perf_counter()
        self.folder = site_dir / INDEX_FOLDER
        shutil.rmtree(self.folder, ignore_errors=True)
        (self.folder / "d").mkdir(parents=True)
        self.settings = settings
        self.folder_table = Folder(settings.fold_table)
        self.tokenizer = Tokenizer(
            self.folder_table, settings.main_dictionary, settings.user_dictionary, settings.token_cache
        )
        self.words = WordsSeen(read_fold_table(settings.word_table))
        self.postings: dict[str, _Posting] = defaultdict(_Posting)
        self.lengths: list[int] = []
        self.bytes = 0
        self.seconds = time.perf_counter() - started  # time spent indexing, for the benchmark

    def add(self, document: SearchDocument) -> None:
        started = time.perf_counter()
        number = len(self.lengths)
        tokens, length, words = self._document_tokens(document)
        self.lengths.append(length)
        self.words.seen.update(words)
        for token, encoded in tokens:  # document gap, then the document's own part (count and positions)
            posting = self.postings[token]
            posting.data += (encode_number(number - posting.last_document) + encoded).encode("ascii")
            posting.last_document = number
        data = {
            "u": document.url,
            "t": document.title,
            "m": document.meta,
            "x": [[p.anchor, p.field, p.text] for p in document.passages],
        }
        self._write(f"d/{number}.js", script_file("d", number, data))
        self.seconds += time.perf_counter() - started

    def _document_tokens(self, document: SearchDocument) -> tuple[tuple[tuple[str, str], ...], int, tuple[str, ...]]:
        """What the index keeps of a document, whatever its number: each token with its count and positions
        (encoded), the document's length and the Taiwan words it holds.  With a token cache, kept on disk by a
        hash of the passages and the tokenizer, so that a rebuild spends nothing on a document it has seen."""
        stored = self._stored_document(document)
        kept = load_marshalled(stored) if stored is not None else None
        if kept is not None:
            return kept  # otherwise not seen before, or a damaged file: index it (again)
        positions: dict[str, list[int]] = defaultdict(list)
        words: set[str] = set()
        offset = 0
        for passage in document.passages:
            # position * 8 + field * 2 + whole word, from the document's start
            base = offset * 8 + passage.field * 2
            for token, found in self.tokenizer.occurrences(passage.text):
                positions[token].extend(base + (value >> 1) * 8 + (value & 1) for value in found)
            offset += len(passage.text) + PASSAGE_GAP
            words |= self.words.found(self.folder_table(passage.text))
        result = (tuple((token, _encoded(values)) for token, values in positions.items()), offset, tuple(sorted(words)))
        if stored is not None:
            store_marshalled(stored, result)
        return result

    def _stored_document(self, document: SearchDocument) -> Path | None:
        if self.settings.token_cache is None:
            return None
        if not hasattr(self, "_document_fingerprint"):
            digest = hashlib.sha256(f"{self.tokenizer.fingerprint}\0{sorted(self.words.pairs.items())!r}".encode())
            file_digest(Path(__file__), digest)
            self._document_fingerprint = digest.hexdigest()
        passages = json.dumps([[p.field, p.text] for p in document.passages], ensure_ascii=False)
        key = hashlib.sha256(f"{self._document_fingerprint}\0{passages}".encode("utf-8", "surrogatepass")).hexdigest()
        return self.settings.token_cache / "documents" / key[:2] / key

    def _write(self, name: str, text: str) -> None:
        path = self.folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.bytes += len(text.encode("utf-8"))

    def finish(self) -> dict:
        """Writes shards and manifest; returns figures for the benchmark."""
        started = time.perf_counter()
        total = sum(len(token) * 3 + len(p.data) for token, p in self.postings.items())
        shards = 1 << max(0, math.ceil(math.log2(max(1, total / SHARD_TARGET_BYTES))))
        shards = min(MAX_SHARDS, shards)
        grouped: list[dict[str, str]] = [{} for _ in range(shards)]
        for token in sorted(self.postings):
            grouped[shard_of(token, shards)][token] = self.postings[token].data.decode("ascii")
        for number, tokens in enumerate(grouped):
            self._write(f"t/{number:x}.js", script_file("t", number, tokens))
        average = sum(self.lengths) / len(self.lengths) if self.lengths else 0
        manifest = {
            "version": FORMAT_VERSION,
            "edition": self.settings.edition,
            "documents": len(self.lengths),
            "shards": shards,
            "averageLength": round(average, 1),
            "lengths": "".join(quantised_length(n) for n in self.lengths),
            "digits": DIGITS,
            "fold": "".join(t + s for t, s in sorted(self.folder_table.han.items())),
        }
        words = self.words.table()
        if words:  # an edition without Taiwan words (the simplified one) downloads nothing more
            manifest["words"] = words
        self._write("manifest.js", script_file("m", manifest))
        self.seconds += time.perf_counter() - started
        return {
            "documents": len(self.lengths),
            "shards": shards,
            "tokens": len(self.postings),
            "bytes": self.bytes,
            "seconds": round(self.seconds, 3),
            "passages cut": self.tokenizer.cut_passages,
        }
