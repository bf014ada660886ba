"""From a passage of text to the tokens the index holds, with their positions.

Three kinds, all taken from the *folded* text (see `Folder`):
- Han character bigrams: every two adjacent Han characters.  Any run of two or more Han
  characters in an article is found from them, however a segmenter would cut it.
- Latin words and numbers, lower-cased (AI, TSMC, 5G).
- jieba words (`cut_for_search`, glossary forms in its user dictionary) of three or more
  Han characters, as tokens of their own; a bigram that jieba also cut as a word is flagged.
  The words only rank: a query that is a whole word in a text ranks that text higher.
"""

from __future__ import annotations

import hashlib
import marshal
import re
import sys
from collections import defaultdict
from functools import cached_property, lru_cache
from pathlib import Path

from build_tools.core.textutil import SEARCH_HAN_RANGES, character_class
from build_tools.search.dictionaries import read_fold_table

HAN_CLASS = character_class(SEARCH_HAN_RANGES)
_LATIN_WORD = re.compile(r"[a-z0-9]+")
_HAN_WORD = re.compile(f"^[{HAN_CLASS}]{{2,}}$")
_HAN_RUN = re.compile(f"[{HAN_CLASS}]{{2,}}")
FULL_WIDTH_OFFSET = 0xFF01 - 0x21


# A passage's tokens: (token, positions), each position `offset * 2 + whole word` from the passage's start,
# in increasing order.  Plain tuples: an article has a thousand of them and they are cached.
PassageTokens = tuple[tuple[str, tuple[int, ...]], ...]


class Folder:
    """One spelling per character: traditional → simplified, full-width → ASCII, A–Z → a–z.

    Every mapping is one character to one character, so a folded text has the same
    length as the original; the browser folds queries and passages with the same table."""

    def __init__(self, fold_table: Path | None):
        self.han = read_fold_table(fold_table)
        table = {ord(t): s for t, s in self.han.items()}
        table.update({code + FULL_WIDTH_OFFSET: chr(code).lower() for code in range(0x21, 0x7F)})
        table.update({code: chr(code).lower() for code in range(ord("A"), ord("Z") + 1)})
        self._table = table

    def __call__(self, text: str) -> str:
        return text.translate(self._table)


def file_digest(path: Path | None, digest) -> None:
    digest.update(b"\0")
    if path is not None:
        digest.update(path.read_bytes())


def load_marshalled(path: Path):
    """A value kept by `store_marshalled`, or None when there is none or the file is damaged."""
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None


def store_marshalled(path: Path, value) -> None:
    """Keep `value` (tuples, strings, numbers) in `path`, replaced whole; a cache that cannot be written only costs
    time.  Each edition has a folder of its own, so no two processes write one file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_bytes(marshal.dumps(value))
        temporary.replace(path)
    except OSError:
        pass


class Tokenizer:
    """Tokens of one passage; the same passage (frequent in generated and syndicated text) is cut once.

    With `cache_dir`, a passage's tokens are also kept on disk, by a hash of its text, the dictionaries, the fold
    table and this module: a rebuild cuts only passages it has not cut before, and jieba (a second and a half
    to load its dictionary) is loaded only when there is one."""

    def __init__(
        self,
        folder: Folder,
        main_dictionary: Path | None,
        user_dictionary: Path | None,
        cache_dir: Path | None = None,
    ):
        self.fold = folder
        self.main_dictionary = main_dictionary
        self.user_dictionary = user_dictionary
        self.cache_dir = cache_dir
        self.cut_passages = 0  # passages tokenised by this process (not found in the cache)
        if cache_dir is not None:
            digest = hashlib.sha256(f"{sys.version}\0{folder.han!r}".encode())
            for path in (main_dictionary, user_dictionary, Path(__file__)):
                file_digest(path, digest)
            self.fingerprint = digest.hexdigest()
        self.occurrences = lru_cache(maxsize=2_000)(self._stored_occurrences)  # ~25 KB an entry: bounded memory

    @cached_property
    def jieba(self):
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        tokenizer = jieba.Tokenizer(str(self.main_dictionary)) if self.main_dictionary else jieba.Tokenizer()
        tokenizer.initialize()
        if self.user_dictionary:
            tokenizer.load_userdict(str(self.user_dictionary))
        return tokenizer

    def _stored_occurrences(self, text: str) -> PassageTokens:
        if self.cache_dir is None:
            self.cut_passages += 1
            return self._occurrences(text)
        key = hashlib.sha256(f"{self.fingerprint}\0{text}".encode("utf-8", errors="surrogatepass")).hexdigest()
        stored = self.cache_dir / key[:2] / key
        kept = load_marshalled(stored)
        if kept is not None:
            return kept
        self.cut_passages += 1  # not cut before, or a damaged file: cut it (again)
        found = self._occurrences(text)
        store_marshalled(stored, found)
        return found

    def words(self, text: str) -> list[tuple[str, int]]:
        """jieba's words of two or more Han characters with their offsets (no HMM: new words only add noise)."""
        return [
            (word, start)
            for word, start, _ in self.jieba.tokenize(text, mode="search", HMM=False)
            if _HAN_WORD.match(word)
        ]

    def _occurrences(self, text: str) -> PassageTokens:
        folded = self.fold(text)
        words = self.words(text)
        two = {start for word, start in words if len(word) == 2}
        found: dict[str, list[int]] = defaultdict(list)
        for run in _HAN_RUN.finditer(folded):
            start, characters = run.start(), run.group()
            for i in range(len(characters) - 1):
                found[characters[i : i + 2]].append((start + i) * 2 + (start + i in two))
        for match in _LATIN_WORD.finditer(folded):
            found[match.group()].append(match.start() * 2 + 1)
        for word, start in sorted(set(words), key=lambda pair: pair[1]):
            if len(word) > 2:
                found[self.fold(word)].append(start * 2 + 1)
        return tuple((token, tuple(positions)) for token, positions in found.items())
