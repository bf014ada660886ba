"""Taiwan phrasing (variant twp) by whole words, not by OpenCC's phrase matching across the text.

OpenCC's s2twp finds its Taiwan phrases (TWPhrases: 软件 → 軟體, 内存 → 記憶體) anywhere in the
characters, so it rewrites pieces of other words: 党内|存在 → 黨記憶體在, 安全|局性 → 安全域性.
Here the simplified text is segmented with jieba first (its dictionary plus the phrase table's keys,
so that every key can be found as a word), and a Taiwan phrase is written only where a whole word is
one of its keys; a word of jieba's dictionary made of smaller words (软件开发, 手机芯片) is read as
those words.  Everything else gets Taiwan characters only: the whole text goes through s2tw once
(so OpenCC's character phrases, which choose one-to-many characters, see all of it) and the key
words are then replaced by their Taiwan phrases.

General words whose Taiwan phrase fits only one sense (项目 → 專案 is a software project, but 体育项目
is not; 通过 → 透過 is "by means of", 通过法案 is not) are the editors' list `characters_only` in
data/conversion_overrides.yaml: such a word always gets characters only.

jieba runs in its own tokenizer: adding the keys must not change how names or search words are cut.
It is loaded only when a text contains a key at all (most short texts do not).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Collection, Iterable
from functools import cache, cached_property
from typing import Any

Convert = Callable[[str], str]


def simplified_keys(traditional_keys: Iterable[str], to_simplified: Convert) -> frozenset[str]:
    """The phrase table's keys (written in OpenCC's traditional characters) as they stand in simplified
    text (內存 → 内存).  A key OpenCC would not write back the same way (調製解調器 → 调制解调器, which
    s2t writes 調制解調器) is kept too: s2twp on the whole word decides what it becomes."""
    return frozenset(to_simplified(key) for key in traditional_keys)


@cache
def _tokenizer(words: frozenset[str]) -> Any:
    """jieba's dictionary with `words` added.  Loading the dictionary takes over a second, so it is
    loaded once, by jieba's default tokenizer (which the name check uses too), and copied: the
    words added here stay out of the default tokenizer."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.dt.check_initialized()
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = dict(jieba.dt.FREQ), jieba.dt.total, True
    for word in sorted(words):
        if not tokenizer.FREQ.get(word):
            tokenizer.add_word(word)  # just frequent enough to be cut as one word, never more
    return tokenizer


class TaiwanPhrasing:
    """convert(simplified) → Taiwan characters, with Taiwan phrases for whole words only.

    `keys`: the simplified words that have a Taiwan phrase; `characters`: s2tw; `phrase`: s2twp
    (applied to one whole key, it gives exactly the key's Taiwan phrase); `characters_only`: the
    editors' general words.
    """

    def __init__(
        self, keys: Collection[str] | None, characters: Convert, phrase: Convert, characters_only: Collection[str]
    ):
        self.characters_only = frozenset(characters_only)
        self.keys = frozenset(keys or ()) - self.characters_only
        self.keys_known = keys is not None
        self._characters = characters
        self._phrase = phrase
        ordered = sorted(self.keys, key=lambda k: (-len(k), k))
        self._any_key = re.compile("|".join(map(re.escape, ordered))) if ordered else None
        self._judged: dict[str, bool] = {}
        self._phrases: dict[str, str] = {}  # key → its Taiwan phrase

    def is_key(self, word: str) -> bool:
        """The word has a Taiwan phrase of its own.  Without the table (an engine whose dictionaries are
        binary), a word whose Taiwan phrasing differs from its characters counts as one."""
        if word in self.characters_only:
            return False
        if self.keys_known:
            return word in self.keys
        judged = self._judged.get(word)
        if judged is None:
            judged = self._judged[word] = self._phrase(word) != self._characters(word)
        return judged

    @cached_property
    def _jieba(self) -> Any:
        return _tokenizer(self.keys | self.characters_only)

    def words(self, text: str) -> list[str]:
        """`text` cut into words (no HMM: it would glue unknown characters to a key), a compound of the
        dictionary that contains a key cut into its own words."""
        out: list[str] = []
        for word in self._jieba.cut(text, HMM=False):
            self._cut_compound(word, out)
        return out

    def _cut_compound(self, word: str, out: list[str]) -> None:
        whole = word in self.keys or word in self.characters_only
        if len(word) > 1 and self.keys_known and not whole and self._contains_key(word):
            for part in self._parts(word):  # 兼容性问题 → 兼容性 + 问题 → 兼容 + 性 + 问题
                self._cut_compound(part, out)
        else:
            out.append(word)

    def _contains_key(self, text: str) -> bool:
        if not self.keys_known:
            return True
        return self._any_key is not None and self._any_key.search(text) is not None

    def _parts(self, word: str) -> list[str]:
        """The best cut of a dictionary compound into two or more words (jieba's route without the whole)."""
        tokenizer = self._jieba
        graph = tokenizer.get_DAG(word)
        graph[0] = [end for end in graph[0] if end != len(word) - 1] or [0]
        route: dict[int, tuple[float, int]] = {}
        tokenizer.calc(word, graph, route)
        parts, start = [], 0
        while start < len(word):
            end = route[start][1] + 1
            parts.append(word[start:end])
            start = end
        return parts

    def convert(self, text: str) -> str:
        if not self._contains_key(text):
            return self._characters(text)
        if not self.keys_known or "\n" not in text:
            return self._by_words(text)
        # Only lines with a key are cut (a long list of words, such as jieba's dictionary converted for
        # search, has few); OpenCC never matches across a line break, so nothing else changes.
        out: list[str] = []
        plain: list[str] = []
        for line in text.splitlines(keepends=True):
            if self._contains_key(line):
                if plain:
                    out.append(self._characters("".join(plain)))
                    plain.clear()
                out.append(self._by_words(line))
            else:
                plain.append(line)
        if plain:
            out.append(self._characters("".join(plain)))
        return "".join(out)

    def _by_words(self, text: str) -> str:
        """The text in Taiwan characters (one OpenCC call, so its character phrases see the whole text),
        each whole word that is a key replaced by its Taiwan phrase."""
        words = self.words(text)
        characters = self._characters(text)
        if len(characters) != len(text):  # OpenCC changed a length: convert piece by piece instead
            return self._in_pieces(words)
        out: list[str] = []
        position = last = 0
        for word, titled in zip(words, _inside_title_marks(words)):
            if self.is_key(word) and not titled:
                out.append(characters[last:position])
                out.append(self._phrased(word))
                last = position + len(word)
            position += len(word)
        out.append(characters[last:])
        return "".join(out)

    def _phrased(self, word: str) -> str:
        phrased = self._phrases.get(word)
        if phrased is None:
            phrased = self._phrases[word] = self._phrase(word)
        return phrased

    def _in_pieces(self, words: list[str]) -> str:
        out: list[str] = []
        run: list[str] = []
        for word, titled in zip(words, _inside_title_marks(words)):
            if self.is_key(word) and not titled:
                if run:
                    out.append(self._characters("".join(run)))
                    run.clear()
                out.append(self._phrased(word))
            else:
                run.append(word)
        if run:
            out.append(self._characters("".join(run)))
        return "".join(out)


def _inside_title_marks(words: list[str]) -> list[bool]:
    """For each word: does it stand inside 《…》?  The title of a work, a law or a policy is its name
    (《"互联网+流通"行动计划》): its characters change, its words never do."""
    inside, depth = [], 0
    for word in words:
        depth += word.count("《")
        inside.append(depth > 0)
        depth = max(0, depth - word.count("》"))
    return inside
