"""Script conversion between simplified and traditional Chinese, behind one small interface.

Order of precedence for a phrase: the editors' override table, then glossary
forms, then OpenCC (phrase-level).  Overrides are applied *before* OpenCC by
cutting the text at their matches, so OpenCC never sees a protected phrase.
A text is always converted from its original script, never twice through.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Literal

import yaml

Script = Literal["zh-Hans", "zh-Hant"]
Variant = Literal["t", "tw", "twp"]
CONFIGS = {"t": ("s2t", "t2s"), "tw": ("s2tw", "tw2s"), "twp": ("s2twp", "tw2sp")}
SECTIONS = ("to_traditional", "to_simplified", "traditional_normalise")


class ConversionError(Exception):
    """A malformed override file: `path:line: problem — what to do`, one per line."""


def _engine(config: str):
    """opencc-python-reimplemented by default; the official C++ binding installs a module of the same name."""
    import opencc
    try:
        return opencc.OpenCC(config), getattr(opencc, "__version__", "reimplemented")
    except Exception:
        return opencc.OpenCC(f"{config}.json"), getattr(opencc, "__version__", "official")


@dataclass(frozen=True)
class ConversionSettings:
    variant: Variant = "t"


@dataclass(frozen=True)
class Rule:
    source: str
    target: str
    variants: tuple[str, ...] = ()
    why: str = ""


@dataclass(frozen=True)
class OverrideTable:
    to_traditional: tuple[Rule, ...] = ()
    to_simplified: tuple[Rule, ...] = ()
    traditional_normalise: tuple[Rule, ...] = ()
    digest: str = ""


def load_overrides(path: Path) -> OverrideTable:
    if not path.exists():
        return OverrideTable()
    text = path.read_text(encoding="utf-8")
    name = str(path)
    try:
        node = yaml.compose(text)
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise ConversionError(f"{name}:{mark.line + 1 if mark else 0}: malformed YAML: {getattr(error, 'problem', error)} "
                              f"— fix the syntax") from error
    if not isinstance(data, dict):
        raise ConversionError(f"{name}:1: the file must map sections ({', '.join(SECTIONS)}) to lists of rules — see its header")
    lines = {}
    if node is not None:
        for key_node, value_node in node.value:
            lines[key_node.value] = key_node.start_mark.line + 1
            if hasattr(value_node, "value") and isinstance(value_node.value, list):
                for index, item in enumerate(value_node.value):
                    lines[(key_node.value, index)] = item.start_mark.line + 1
    problems = []
    sections = {}
    for key, rules in data.items():
        if key not in SECTIONS:
            problems.append(f"{name}:{lines.get(key, 0)}: unknown section `{key}` — use {', '.join(SECTIONS)}")
            continue
        if not isinstance(rules, list):
            problems.append(f"{name}:{lines.get(key, 0)}: `{key}` must be a list of rules")
            continue
        parsed, seen = [], set()
        for index, rule in enumerate(rules):
            where = f"{name}:{lines.get((key, index), 0)}"
            if not isinstance(rule, dict):
                problems.append(f"{where}: a rule must be `{{from: …, to: …}}` or `{{keep: …}}`")
                continue
            unknown = set(rule) - {"from", "to", "keep", "variants", "why"}
            if unknown:
                problems.append(f"{where}: unknown field(s) {', '.join(sorted(unknown))} — use from, to, keep, variants, why")
                continue
            if "keep" in rule:
                source, target = rule["keep"], rule.get("to", rule["keep"])
            else:
                source, target = rule.get("from"), rule.get("to")
            if not isinstance(source, str) or not isinstance(target, str) or not source or not target:
                problems.append(f"{where}: `from`/`to` (or `keep`) must be non-empty text")
                continue
            variants = rule.get("variants", [])
            if not isinstance(variants, list) or any(v not in CONFIGS for v in variants):
                problems.append(f"{where}: `variants` must be a list of t, tw, twp")
                continue
            if (source, tuple(variants)) in seen:
                problems.append(f"{where}: `{source}` is listed twice in {key}")
                continue
            seen.add((source, tuple(variants)))
            parsed.append(Rule(source, target, tuple(variants), str(rule.get("why", ""))))
        sections[key] = tuple(parsed)
    if problems:
        raise ConversionError("\n".join(problems))
    return OverrideTable(**sections, digest=hashlib.sha256(text.encode()).hexdigest())


class _PhraseTable:
    """Leftmost-longest replacement of fixed phrases, with the gaps handed to a function."""

    def __init__(self, mapping: dict[str, str]):
        self.mapping = mapping
        keys = sorted(mapping, key=len, reverse=True)
        self.pattern = re.compile("|".join(map(re.escape, keys))) if keys else None

    def apply(self, text: str, gaps) -> str:
        if self.pattern is None:
            return gaps(text)
        out, position = [], 0
        for match in self.pattern.finditer(text):
            out.append(gaps(text[position:match.start()]))
            out.append(self.mapping[match.group(0)])
            position = match.end()
        out.append(gaps(text[position:]))
        return "".join(out)


class ScriptConverter:
    """convert(text, source, target): overrides → glossary forms → OpenCC, cached by content hash."""

    def __init__(self, settings: ConversionSettings, overrides: OverrideTable,
                 glossary_pairs: Iterable[tuple[str, str]] = (), cache_dir: Path | None = None):
        self.settings = settings
        self.overrides = overrides
        self.glossary_pairs = tuple(sorted(set(glossary_pairs)))
        self.cache_dir = cache_dir
        to_t, to_s = CONFIGS[settings.variant]
        (self._s2t, version), (self._t2s, _) = _engine(to_t), _engine(to_s)
        self.engine_version = version
        variant = settings.variant

        def pick(rules):
            return {r.source: r.target for r in rules if not r.variants or variant in r.variants}

        glossary_s2t = {s: t for s, t in self.glossary_pairs if s != t}
        glossary_t2s = {t: s for s, t in self.glossary_pairs if s != t}
        self._normalise = _PhraseTable(pick(overrides.traditional_normalise))
        self._to_t = _PhraseTable({**glossary_s2t, **pick(overrides.to_traditional)})
        self._to_s = _PhraseTable({**glossary_t2s, **pick(overrides.to_simplified)})
        self._memory: dict[tuple[str, str, str], str] = {}
        self.engine_calls = 0
        self.fingerprint = hashlib.sha256("|".join([
            "opencc", str(version), variant, overrides.digest, repr(self.glossary_pairs)]).encode()).hexdigest()[:16]

    def _opencc(self, engine, text: str) -> str:
        if not text:
            return text
        self.engine_calls += 1
        return engine.convert(text)

    def _convert_uncached(self, text: str, source: Script, target: Script) -> str:
        if source == "zh-Hant":
            text = self._normalise.apply(text, lambda gap: gap)
        if source == target:
            return text
        if target == "zh-Hant":
            return self._to_t.apply(text, lambda gap: self._opencc(self._s2t, gap))
        return self._to_s.apply(text, lambda gap: self._opencc(self._t2s, gap))

    def convert(self, text: str, source: Script, target: Script) -> str:
        if not text or (source == target == "zh-Hans"):
            return text
        key = (text, source, target)
        if key in self._memory:
            return self._memory[key]
        path = None
        if self.cache_dir is not None and len(text) > 200:
            digest = hashlib.sha256(f"{self.fingerprint}|{source}|{target}|{text}".encode()).hexdigest()
            path = self.cache_dir / digest[:2] / digest
            if path.exists():
                result = path.read_text(encoding="utf-8")
                self._memory[key] = result
                return result
        result = self._convert_uncached(text, source, target)
        self._memory[key] = result
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_name(path.name + f".{os.getpid()}.tmp")
            temporary.write_text(result, encoding="utf-8")
            temporary.replace(path)
        return result
