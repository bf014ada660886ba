"""Script conversion between simplified and traditional Chinese, behind one small interface.

Why it looks like this:
- A text is converted from its original script exactly once (a traditional original becomes
  simplified by t2s and is never run through s2t; no round trips), so errors never compound.
- OpenCC is phrase-level but still wrong in places.  Editors fix it in
  data/conversion_overrides.yaml; those rules and the glossary forms are applied *before*
  OpenCC by cutting the text at their matches (leftmost-longest), so OpenCC never sees a ruled
  phrase.  Precedence: override rules > glossary forms > OpenCC; for the very same phrase the
  rule wins over the glossary, otherwise the leftmost-longest match wins.
- Non-standard forms in traditional originals (關系) are fixed by a data table
  (traditional_normalise), not by a t2s→s2t round trip; Hong Kong forms (説, 衞) in them by
  another (hong_kong_forms), because the pinned engine has no hk2t.
- Taiwan phrasing (twp) is applied by whole words (phrasing.py): jieba cuts the text, a word that is
  a key of OpenCC's Taiwan phrase table gets its Taiwan phrase (软件 → 軟體), every other character
  Taiwan characters only, so 党内存在 is never 黨記憶體在.  General words whose phrase fits one sense
  only (项目, 通过) are the editors' `characters_only` list.
- One form per word in an edition (臺灣, not 台灣 beside it) is the editors' house style, a last
  pass over every traditional text, converted or not; names are never touched by it.
- Conversion is the slow step of a build, so results are cached in memory and on disk, keyed by
  a fingerprint of everything that can change the output (engine, settings, rules, glossary).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Literal

import yaml

from build_tools.chinese import context as context_choice
from build_tools.chinese import opencc_engine, phrasing, quotes
from build_tools.chinese.context import ContextRules
from build_tools.chinese.names import ProtectedNames
from build_tools.chinese.opencc_engine import (
    REIMPLEMENTED,
    SETTINGS,
    ConversionError,
    Engine,
    engine_for,
    loaded,
    phrase_keys,
)
from build_tools.chinese.phrasing import TaiwanPhrasing, simplified_keys
from build_tools.chinese.quotes import corner_quotes
from build_tools.core.files import code_digest, read_checked, write_checked
from build_tools.core.model import SCRIPTS, SIMPLIFIED, TRADITIONAL, Script
from build_tools.core.pause import pause_point
from build_tools.core.yamlnodes import (
    Problems,
    SectionedFile,
    SyntaxMessage,
    entry_fields,
    read_sections,
    text_fields,
    text_items,
)

Variant = Literal["t", "tw", "twp", "hk"]
# traditional variant → (OpenCC config simplified→traditional, traditional→simplified).  twp converts
# a Taiwan original to simplified by characters only (tw2s): tw2sp's phrases rewrite the author's words
# and over-convert names (中央通訊社 → 通信社, 文件 → 文档, 建立 → 创建)
CONFIGS: dict[str, tuple[str, str]] = {
    "t": ("s2t", "t2s"),
    "tw": ("s2tw", "tw2s"),
    "twp": ("s2twp", "tw2s"),
    "hk": ("s2hk", "hk2s"),
}
# traditional variant → OpenCC config that rewrites traditional text in the variant's characters (为→為, 着→著 …):
# it brings rule outputs, glossary forms and traditional originals to the edition's one standard
VARIANT_CHARACTERS: dict[str, str | None] = {"t": None, "tw": "t2tw", "twp": "t2tw", "hk": "t2hk"}
CORNER_QUOTE_VARIANTS = ("tw", "twp", "hk")  # whose readers expect 「」 by default
CORNER_QUOTE_CHOICES = ("auto", True, False)  # the setting: follow the variant, always, never
SECTIONS = (
    "to_traditional",
    "to_simplified",
    "traditional_normalise",
    "house_style",
    "hong_kong_forms",
    "characters_only",
)
RULE_FIELDS = ("from", "to", "keep", "variants", "why")
WORD_FIELDS = ("word", "why")  # an entry of characters_only: a simplified word that never takes a Taiwan phrase
# the OpenCC configs of Taiwan phrasing by whole words: Taiwan characters, and characters + phrases
PHRASING_CONFIGS: dict[str, tuple[str, str]] = {"twp": ("s2tw", "s2twp")}
PHRASE_TABLE = "TWPhrases"
# bump when the way rules are applied, or the cache format (checked entries), changes: it invalidates every cache
ALGORITHM = "7"
# the code that converts is part of every cache key too, so an edit here or in quotes.py never meets stale results
CODE_DIGEST = code_digest(
    __file__, quotes.__file__, opencc_engine.__file__, context_choice.__file__, phrasing.__file__
)[:12]
DISK_CACHE_MIN_CHARS = 24  # shorter texts convert faster than a file is read
_NO_HAN = re.compile(r"[\x00-\x7f]*")  # OpenCC has no pure-ASCII keys: such gaps need no engine call


OVERRIDES_FILE = SectionedFile(
    SECTIONS,
    "a list of rules",
    "lists of rules",
    "start each rule with `- `",
    SyntaxMessage("malformed YAML", 'fix the syntax (one entry per line: `  - {from: 甲, to: 乙, why: "…"}`)'),
    ConversionError,
)


@dataclass(frozen=True)
class ConversionSettings:
    """`variant`: twp (Taiwan characters and phrasing: 晶片, 軟體; the default), tw (Taiwan standard
    characters only, mainland words kept), hk (Hong Kong characters), t (OpenCC's generic standard,
    which no region writes).

    `corner_quotes`: “”/‘’ become 「」/『』 in the traditional edition; None follows the variant
    (on for tw, twp and hk).  `engine`: the package expected to provide `opencc` (or `auto`); a
    mismatch is an error because the two engines convert differently and the goldens were made with one.
    """

    variant: Variant = "twp"
    engine: str = REIMPLEMENTED
    corner_quotes: bool | None = None

    @property
    def uses_corner_quotes(self) -> bool:
        return self.variant in CORNER_QUOTE_VARIANTS if self.corner_quotes is None else self.corner_quotes


# -- override table ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """One phrase fix; `variants` empty means every traditional variant."""

    source: str
    target: str
    variants: tuple[str, ...] = ()
    why: str = ""
    line: int = 0

    def applies(self, variant: str) -> bool:
        return not self.variants or variant in self.variants


@dataclass(frozen=True)
class OverrideTable:
    to_traditional: tuple[Rule, ...] = ()
    to_simplified: tuple[Rule, ...] = ()
    traditional_normalise: tuple[Rule, ...] = ()
    house_style: tuple[Rule, ...] = ()
    hong_kong_forms: tuple[Rule, ...] = ()
    characters_only: tuple[Rule, ...] = ()  # source == target: the simplified word

    @property
    def digest(self) -> str:
        """What the rules do (not their comments or `why`): a change here invalidates caches."""
        content = [
            [section, [[r.source, r.target, list(r.variants)] for r in getattr(self, section)]] for section in SECTIONS
        ]
        return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()


def _parse_rule(node: yaml.Node, section: str, problems: Problems) -> Rule | None:
    shape = "`{from: 许多个, to: 許多個, why: …}` or `{keep: 演算法, why: …}`"
    before = len(problems)
    fields = entry_fields(node, RULE_FIELDS, f"a rule in {section}", shape, problems)
    if fields is None:
        return None
    if "keep" in fields and ("from" in fields or "to" in fields):
        problems.add(node, "`keep` cannot be combined with `from`/`to`", "write either {keep: X} or {from: X, to: Y}")
    names = ("keep", "why") if "keep" in fields else ("from", "to", "why")
    hints = dict.fromkeys(names, f"write it as {shape}") | {"why": "say what went wrong without the rule"}
    values = text_fields(node, fields, names, names, hints, problems)
    variants = _rule_variants(fields, problems)
    if len(problems) > before:
        return None
    source = values.get("keep", values.get("from", ""))
    return Rule(source, values.get("keep", values.get("to", "")), variants, values["why"], problems.document.line(node))


def _parse_word(node: yaml.Node, section: str, problems: Problems) -> Rule | None:
    """An entry of characters_only, `{word: 项目, why: …}`, as a rule that keeps the word."""
    shape = "`{word: 项目, why: …}`"
    before = len(problems)
    fields = entry_fields(node, WORD_FIELDS, f"an entry of {section}", shape, problems)
    if fields is None:
        return None
    hints = {"word": f"write it as {shape}", "why": "say which sense the Taiwan phrase has and which it misses"}
    values = text_fields(node, fields, WORD_FIELDS, WORD_FIELDS, hints, problems)
    if len(problems) > before:
        return None
    return Rule(values["word"], values["word"], (), values["why"], problems.document.line(node))


def _rule_variants(fields: dict, problems: Problems) -> tuple[str, ...]:
    """The rule's `variants` (empty: every variant); a wrong list is reported."""
    if "variants" not in fields:
        return ()
    value_node = fields["variants"][1]
    names_given = text_items(value_node, distinct=True)
    if not names_given or any(v not in CONFIGS for v in names_given):
        problems.add(
            value_node,
            f"`variants` must be a non-empty list of distinct {', '.join(CONFIGS)}",
            "leave it out to apply the rule to every variant",
        )
        return ()
    return tuple(names_given)


def load_overrides(path: Path) -> OverrideTable:
    """The editors' override table; every problem in the file is reported at once, with its line."""
    found = read_sections(Path(path), OVERRIDES_FILE)
    if found is None:
        return OverrideTable()
    lists, problems = found
    sections = {key: _section_rules(node, key, problems) for key, node in lists.items()}
    problems.raise_any(ConversionError, in_line_order=True)
    return OverrideTable(**sections)


def _section_rules(node: yaml.SequenceNode | None, section: str, problems: Problems) -> tuple[Rule, ...]:
    """The rules of one section; a rule for a phrase already ruled for the same variants is reported."""
    rules: list[Rule] = []
    for item in node.value if node is not None else ():
        rule = (_parse_word if section == "characters_only" else _parse_rule)(item, section, problems)
        if rule is None:
            continue
        clash = next(
            (
                r
                for r in rules
                if r.source == rule.source
                and (not r.variants or not rule.variants or set(r.variants) & set(rule.variants))
            ),
            None,
        )
        if clash is not None:
            problems.add(
                item,
                f"`{rule.source}` is already ruled at line {clash.line} for the same variant(s)",
                "keep one, or give the two rules disjoint `variants`",
            )
            continue
        rules.append(rule)
    return tuple(rules)


# -- conversion -------------------------------------------------------------------------------


@cache
def _taiwan_keys(engine: Engine) -> frozenset[str] | None:
    """The Taiwan phrase table's keys as simplified words (None when the engine's table is binary)."""
    keys = phrase_keys(engine, PHRASE_TABLE)
    if keys is None:
        return None
    return simplified_keys(keys, loaded(engine, "t2s"))


def _jieba_version() -> str:
    try:
        return metadata.version("jieba")
    except metadata.PackageNotFoundError:
        return "unknown"


class _PhraseTable:
    """Leftmost-longest replacement of fixed phrases; the text between matches goes to `gaps`."""

    def __init__(self, mapping: dict[str, str]):
        self.mapping = mapping
        keys = sorted(mapping, key=lambda k: (-len(k), k))  # at one position, the longest alternative wins
        self.pattern = re.compile("|".join(map(re.escape, keys))) if keys else None

    def apply(self, text: str, gaps: Callable[[str], str]) -> str:
        if self.pattern is None:
            return gaps(text)
        out, position = [], 0
        for match in self.pattern.finditer(text):
            out.append(gaps(text[position : match.start()]))
            out.append(self.mapping[match.group(0)])
            position = match.end()
        out.append(gaps(text[position:]))
        return "".join(out)


def _unchanged(text: str) -> str:
    return text


class ScriptConverter:
    """convert(text, source, target): protected names → rules → glossary forms → OpenCC, from the original
    script once; everything traditional ends in the variant's characters (and quotation marks)."""

    def __init__(
        self,
        settings: ConversionSettings,
        overrides: OverrideTable,
        glossary_pairs: Iterable[tuple[str, str]] = (),
        cache_dir: Path | None = None,
        protected: ProtectedNames | None = None,
        context: ContextRules | None = None,
    ):
        if settings.variant not in CONFIGS:
            raise ConversionError(
                SETTINGS, f"unknown traditional variant `{settings.variant}`", f"use one of {', '.join(CONFIGS)}"
            )
        self.settings = settings
        self.overrides = overrides
        self.engine = engine_for(settings.engine)
        pairs = sorted({(s, t) for s, t in glossary_pairs if s and t})
        self.glossary_pairs: tuple[tuple[str, str], ...] = tuple(pairs)
        self.cache_dir = Path(cache_dir) if cache_dir is not None else None
        variant = settings.variant
        to_traditional, to_simplified = CONFIGS[variant]
        self._s2t = loaded(self.engine, to_traditional)
        self.phrasing: TaiwanPhrasing | None = None
        if variant in PHRASING_CONFIGS:  # Taiwan phrases for whole words only, characters for the rest
            characters_config, phrases_config = PHRASING_CONFIGS[variant]
            words = TaiwanPhrasing(
                _taiwan_keys(self.engine),
                loaded(self.engine, characters_config),
                loaded(self.engine, phrases_config),
                [r.source for r in overrides.characters_only],
            )
            self.phrasing, self._s2t = words, words.convert
        self._t2s = loaded(self.engine, to_simplified)
        characters = VARIANT_CHARACTERS[variant]
        self._variant_characters = loaded(self.engine, characters) if characters else _unchanged
        if protected is None:
            protected = ProtectedNames()
        self.protected = protected
        self.context = context if context is not None else ContextRules()  # one-to-many characters by context

        def ruled(rules: tuple[Rule, ...], written=self._variant_characters) -> dict[str, str]:
            return {r.source: written(r.target) for r in rules if r.applies(variant)}

        # glossary forms first, then the rules, then protected names on top: for the same phrase the name wins
        reverse: dict[str, str] = {}
        for simplified, traditional in pairs:  # a traditional form shared by two terms is left to OpenCC
            for form in dict.fromkeys((traditional, self._variant_characters(traditional))):
                reverse[form] = simplified if form not in reverse else ""
        names_as_written = protected.as_written_traditional()
        self._normalise = _PhraseTable({**ruled(overrides.traditional_normalise), **names_as_written})
        self._hong_kong = _PhraseTable(ruled(overrides.hong_kong_forms, _unchanged))
        self._house_style = _PhraseTable({**ruled(overrides.house_style, _unchanged), **names_as_written})
        self._to_hant = _PhraseTable(
            {
                **{s: self._variant_characters(t) for s, t in pairs},
                **ruled(overrides.to_traditional),
                **protected.to_traditional(),
            }
        )
        self._to_hans = _PhraseTable(
            {
                **{t: s for t, s in reverse.items() if s},
                **ruled(overrides.to_simplified, _unchanged),
                **protected.to_simplified(),
            }
        )
        self._memory: dict[tuple[str, str, str], str] = {}
        self.engine_calls = 0
        self._fingerprint = hashlib.sha256(
            json.dumps(
                {
                    "algorithm": [ALGORITHM, CODE_DIGEST],
                    "engine": [self.engine.name, self.engine.version],
                    "words": _jieba_version() if self.phrasing is not None else None,  # its dictionary cuts
                    "variant": variant,
                    "quotes": settings.uses_corner_quotes,
                    "overrides": overrides.digest,
                    "names": protected.digest,
                    "context": self.context.digest,
                    "glossary": pairs,
                },
                ensure_ascii=False,
            ).encode()
        ).hexdigest()[:20]

    @property
    def fingerprint(self) -> str:
        """Hash of engine and version, settings, rules and glossary pairs: any change invalidates caches."""
        return self._fingerprint

    def _opencc(self, convert: Callable[[str], str], gap: str) -> str:
        if _NO_HAN.fullmatch(gap):
            return gap
        self.engine_calls += 1
        return convert(gap)

    def _context_then_opencc(self, gap: str) -> str:
        """Simplified text between phrase matches: context rules fix their characters, OpenCC the rest."""
        return self.context.apply(gap, lambda part: self._opencc(self._s2t, part), self._variant_characters)

    def _convert(self, text: str, source: str, target: str) -> str:
        if source == TRADITIONAL and target == SIMPLIFIED:
            text = self._normalise.apply(text, lambda gap: self._hong_kong.apply(gap, _unchanged))  # 衞 → 衛 → 卫
            return self._to_hans.apply(text, lambda gap: self._opencc(self._t2s, gap))
        if source == TRADITIONAL:  # a traditional original, in the edition's standard: 爲 → 為, 説 → 說 under tw
            characters = lambda gap: self._opencc(self._variant_characters, gap)  # noqa: E731
            text = self._normalise.apply(text, lambda gap: self._hong_kong.apply(gap, characters))
        else:
            text = self._to_hant.apply(text, self._context_then_opencc)
        text = self._house_style.apply(text, _unchanged)
        return corner_quotes(text) if self.settings.uses_corner_quotes else text

    def _disk_path(self, text: str, source: str, target: str) -> Path | None:
        if self.cache_dir is None or len(text) < DISK_CACHE_MIN_CHARS:
            return None
        digest = hashlib.sha256("\0".join((self.fingerprint, source, target, text)).encode()).hexdigest()
        return self.cache_dir / self.fingerprint / digest[:2] / digest[2:]

    def convert(self, text: str, source: Script, target: Script) -> str:
        """`text` (in its original script `source`) as the `target` edition shows it."""
        if source not in SCRIPTS or target not in SCRIPTS:
            raise ValueError(f"scripts are {' and '.join(SCRIPTS)}, not {source!r} → {target!r}")
        if not text or source == target == SIMPLIFIED:
            return text
        key = (source, target, text)
        cached = self._memory.get(key)
        if cached is not None:
            return cached
        path = self._disk_path(text, source, target)
        if path is not None:
            stored = read_checked(path)
            result = stored.decode("utf-8") if stored is not None else None
            if result is not None:
                self._memory[key] = result
                return result
        pause_point("conversion")
        result = self._convert(text, source, target)
        self._memory[key] = result
        if path is not None:
            _store(path, result)
        return result


def _store(path: Path, text: str) -> None:
    try:
        write_checked(path, text.encode("utf-8"))
    except OSError:
        pass  # a cache that cannot be written only costs time
