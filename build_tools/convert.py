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
  (traditional_normalise), not by a t2s→s2t round trip.
- Conversion is the slow step of a build, so results are cached in memory and on disk, keyed by
  a fingerprint of everything that can change the output (engine, settings, rules, glossary).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Callable, Iterable, Literal

import yaml

from .files import read_checked, write_checked
from .pause import pause_point

Script = Literal["zh-Hans", "zh-Hant"]
Variant = Literal["t", "tw", "twp"]
SCRIPTS: tuple[str, ...] = ("zh-Hans", "zh-Hant")
# traditional variant → (OpenCC config simplified→traditional, traditional→simplified)
CONFIGS: dict[str, tuple[str, str]] = {"t": ("s2t", "t2s"), "tw": ("s2tw", "tw2s"), "twp": ("s2twp", "tw2sp")}
SECTIONS = ("to_traditional", "to_simplified", "traditional_normalise")
RULE_FIELDS = ("from", "to", "keep", "variants", "why")
REIMPLEMENTED = "opencc-python-reimplemented"
OFFICIAL = "opencc"
ENGINES = ("auto", REIMPLEMENTED, OFFICIAL)
ALGORITHM = "4"  # bump when the way rules are applied, or the cache format (4: checked entries), changes: it invalidates every cache
DISK_CACHE_MIN_CHARS = 24  # shorter texts convert faster than a file is read
_NO_HAN = re.compile(r"[\x00-\x7f]*")  # OpenCC has no pure-ASCII keys: such gaps need no engine call
_STR_TAG = "tag:yaml.org,2002:str"


class ConversionError(Exception):
    """A malformed override file or an unusable engine: one `path:line: what — what to do` per line."""

    def __init__(self, problems: Iterable[str]):
        self.problems = tuple(problems)
        super().__init__("\n".join(self.problems))


# -- engine adapter ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Engine:
    """The installed `opencc` module, whichever package provided it."""
    name: str
    version: str
    load: Callable[[str], Callable[[str], str]]  # config name (s2t …) → convert function


def _distribution_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "unknown"


def _detect_engine() -> Engine | None:
    """opencc-python-reimplemented and the official C++ binding install a module of the same name.

    The official binding has `__version__`/`CONFIGS` and wants `s2t.json`; the reimplementation
    has neither and wants `s2t`.
    """
    try:
        import opencc
    except ImportError:
        return None
    if hasattr(opencc, "CONFIGS") or hasattr(opencc, "__version__"):
        version = str(getattr(opencc, "__version__", "") or _distribution_version(OFFICIAL))
        return Engine(OFFICIAL, version, lambda config: opencc.OpenCC(f"{config}.json").convert)
    return Engine(REIMPLEMENTED, _distribution_version(REIMPLEMENTED),
                  lambda config: opencc.OpenCC(config).convert)


ENGINE = _detect_engine()  # chosen once, at import time


def _engine_for(wanted: str) -> Engine:
    if wanted not in ENGINES:
        raise ConversionError([f"conversion settings: unknown engine `{wanted}` — use one of {', '.join(ENGINES)}"])
    if ENGINE is None:
        raise ConversionError([f"conversion settings: no `opencc` module is installed — "
                               f"pip install {REIMPLEMENTED if wanted == 'auto' else wanted}"])
    if wanted not in ("auto", ENGINE.name):
        raise ConversionError([f"conversion settings: engine `{wanted}` wanted, but the installed `opencc` module "
                               f"is {ENGINE.name} {ENGINE.version} — install {wanted}, or set the engine to "
                               f"`{ENGINE.name}` or `auto` (outputs differ between engines)"])
    return ENGINE


@lru_cache(maxsize=None)
def _loaded(engine: Engine, config: str) -> Callable[[str], str]:
    """Reading OpenCC's dictionaries takes a while; every converter of a run shares them."""
    try:
        return engine.load(config)
    except Exception as error:  # the engines raise anything from OSError to their own errors
        raise ConversionError([f"conversion engine {engine.name} {engine.version}: cannot load `{config}` "
                               f"({error}) — reinstall {engine.name}"]) from error


def plain_converter(config: str) -> Callable[[str], str]:
    """OpenCC alone (no override rules, no cache), from whichever engine is installed: for
    heuristics such as script detection, which must not depend on which package is present."""
    return _loaded(_engine_for("auto"), config)


@dataclass(frozen=True)
class ConversionSettings:
    """`variant`: t (OpenCC standard), tw (Taiwan characters), twp (Taiwan characters and phrasing).

    `engine`: the package expected to provide `opencc` (or `auto`); a mismatch is an error because
    the two engines convert differently and the goldens were made with one of them.
    """
    variant: Variant = "t"
    engine: str = REIMPLEMENTED


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

    @property
    def digest(self) -> str:
        """What the rules do (not their comments or `why`): a change here invalidates caches."""
        content = [[section, [[r.source, r.target, list(r.variants)] for r in getattr(self, section)]]
                   for section in SECTIONS]
        return hashlib.sha256(json.dumps(content, ensure_ascii=False).encode()).hexdigest()

    def rules(self) -> tuple[Rule, ...]:
        return self.to_traditional + self.to_simplified + self.traditional_normalise


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _text(node: yaml.Node) -> str | None:
    """The value of a plain-text scalar, or None for anything else (numbers, lists, null …)."""
    if isinstance(node, yaml.ScalarNode) and node.tag == _STR_TAG:
        return node.value
    return None


def _mapping(node: yaml.MappingNode, where: Callable[[yaml.Node], str], problems: list[str]) -> dict:
    """key → (key node, value node); duplicate and non-text keys are reported."""
    seen: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for key_node, value_node in node.value:
        key = _text(key_node)
        if key is None:
            problems.append(f"{where(key_node)}: a key must be a plain word — see the file's header")
        elif key in seen:
            problems.append(f"{where(key_node)}: `{key}` is given twice (first at line {_line(seen[key][0])}) — keep one")
        else:
            seen[key] = (key_node, value_node)
    return seen


def _parse_rule(node: yaml.Node, section: str, where: Callable[[yaml.Node], str], problems: list[str]) -> Rule | None:
    shape = "`{from: 许多个, to: 許多個, why: …}` or `{keep: 演算法, why: …}`"
    if not isinstance(node, yaml.MappingNode):
        problems.append(f"{where(node)}: a rule in {section} must be a mapping — write it as {shape}")
        return None
    before = len(problems)
    fields = _mapping(node, where, problems)
    unknown = [k for k in fields if k not in RULE_FIELDS]
    if unknown:
        problems.append(f"{where(node)}: unknown field {', '.join(f'`{k}`' for k in unknown)} — "
                        f"use {', '.join(RULE_FIELDS)}")
    if "keep" in fields and ("from" in fields or "to" in fields):
        problems.append(f"{where(node)}: `keep` cannot be combined with `from`/`to` — "
                        f"write either {{keep: X}} or {{from: X, to: Y}}")
    names = ("keep",) if "keep" in fields else ("from", "to")
    values: dict[str, str] = {}
    for name in (*names, "why"):
        if name not in fields:
            hint = "say what went wrong without the rule" if name == "why" else f"write it as {shape}"
            problems.append(f"{where(node)}: field `{name}` is missing — {hint}")
            continue
        value = _text(fields[name][1])
        if value is None or not value.strip():
            problems.append(f"{where(fields[name][1])}: `{name}` must be non-empty text — quote it if YAML reads "
                            f"it as something else (a number, yes/no, a list)")
        elif name != "why" and (value != value.strip() or "\n" in value):
            problems.append(f"{where(fields[name][1])}: `{name}` has leading/trailing spaces or a line break — "
                            f"remove them")
        else:
            values[name] = value
    variants: tuple[str, ...] = ()
    if "variants" in fields:
        value_node = fields["variants"][1]
        items = value_node.value if isinstance(value_node, yaml.SequenceNode) else None
        names_given = [_text(item) for item in items] if items is not None else []
        if not names_given or any(v not in CONFIGS for v in names_given) or len(set(names_given)) != len(names_given):
            problems.append(f"{where(value_node)}: `variants` must be a non-empty list of distinct t, tw, twp — "
                            f"leave it out to apply the rule to every variant")
        else:
            variants = tuple(names_given)
    if len(problems) > before:
        return None
    source = values.get("keep", values.get("from", ""))
    return Rule(source, values.get("keep", values.get("to", "")), variants, values["why"], _line(node))


def load_overrides(path: Path) -> OverrideTable:
    """The editors' override table; every problem in the file is reported at once, with its line."""
    path = Path(path)
    if not path.exists():
        return OverrideTable()
    name = str(path)

    def where(node: yaml.Node) -> str:
        return f"{name}:{_line(node)}"

    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except UnicodeDecodeError as error:
        raise ConversionError([f"{name}:1: not UTF-8 text ({error.reason}) — save the file as UTF-8"]) from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise ConversionError([f"{name}:{mark.line + 1 if mark else 1}: malformed YAML: {problem} — fix the syntax "
                               f"(one rule per line: `  - {{from: 甲, to: 乙, why: \"…\"}}`)"]) from error
    if root is None:
        return OverrideTable()
    if not isinstance(root, yaml.MappingNode):
        raise ConversionError([f"{where(root)}: the file must map sections ({', '.join(SECTIONS)}) to lists of "
                               f"rules — see the file's header"])
    problems: list[str] = []
    sections: dict[str, tuple[Rule, ...]] = {}
    for key, (key_node, value_node) in _mapping(root, where, problems).items():
        if key not in SECTIONS:
            problems.append(f"{where(key_node)}: unknown section `{key}` — use {', '.join(SECTIONS)}")
            continue
        if isinstance(value_node, yaml.ScalarNode) and value_node.tag == "tag:yaml.org,2002:null":
            sections[key] = ()
            continue
        if not isinstance(value_node, yaml.SequenceNode):
            problems.append(f"{where(value_node)}: `{key}` must be a list of rules — start each rule with `- `")
            continue
        rules: list[Rule] = []
        for item in value_node.value:
            rule = _parse_rule(item, key, where, problems)
            if rule is None:
                continue
            clash = next((r for r in rules if r.source == rule.source and
                          (not r.variants or not rule.variants or set(r.variants) & set(rule.variants))), None)
            if clash is not None:
                problems.append(f"{where(item)}: `{rule.source}` is already ruled at line {clash.line} for the same "
                                f"variant(s) — keep one, or give the two rules disjoint `variants`")
                continue
            rules.append(rule)
        sections[key] = tuple(rules)
    if problems:
        raise ConversionError(problems)
    return OverrideTable(**sections)


# -- conversion -------------------------------------------------------------------------------

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
            out.append(gaps(text[position:match.start()]))
            out.append(self.mapping[match.group(0)])
            position = match.end()
        out.append(gaps(text[position:]))
        return "".join(out)


def _unchanged(text: str) -> str:
    return text


class ScriptConverter:
    """convert(text, source, target): rules → glossary forms → OpenCC, from the original script once."""

    def __init__(self, settings: ConversionSettings, overrides: OverrideTable,
                 glossary_pairs: Iterable[tuple[str, str]] = (), cache_dir: Path | None = None):
        if settings.variant not in CONFIGS:
            raise ConversionError([f"conversion settings: unknown traditional variant `{settings.variant}` — "
                                   f"use one of {', '.join(CONFIGS)}"])
        self.settings = settings
        self.overrides = overrides
        self.engine = _engine_for(settings.engine)
        pairs = sorted({(s, t) for s, t in glossary_pairs if s and t})
        self.glossary_pairs: tuple[tuple[str, str], ...] = tuple(pairs)
        self.cache_dir = Path(cache_dir) if cache_dir is not None else None
        variant = settings.variant
        to_traditional, to_simplified = CONFIGS[variant]
        self._s2t = _loaded(self.engine, to_traditional)
        self._t2s = _loaded(self.engine, to_simplified)

        def ruled(rules: tuple[Rule, ...]) -> dict[str, str]:
            return {r.source: r.target for r in rules if r.applies(variant)}

        # glossary forms first, then the rules on top: for the same phrase the rule wins
        reverse: dict[str, str] = {}
        for simplified, traditional in pairs:  # a traditional form shared by two terms is left to OpenCC
            reverse[traditional] = simplified if traditional not in reverse else ""
        self._normalise = _PhraseTable(ruled(overrides.traditional_normalise))
        self._to_hant = _PhraseTable({**dict(pairs), **ruled(overrides.to_traditional)})
        self._to_hans = _PhraseTable({**{t: s for t, s in reverse.items() if s}, **ruled(overrides.to_simplified)})
        self._memory: dict[tuple[str, str, str], str] = {}
        self.engine_calls = 0
        self._fingerprint = hashlib.sha256(json.dumps({
            "algorithm": ALGORITHM, "engine": [self.engine.name, self.engine.version], "variant": variant,
            "overrides": overrides.digest, "glossary": pairs}, ensure_ascii=False).encode()).hexdigest()[:20]

    @property
    def fingerprint(self) -> str:
        """Hash of engine and version, settings, rules and glossary pairs: any change invalidates caches."""
        return self._fingerprint

    def _opencc(self, convert: Callable[[str], str], gap: str) -> str:
        if _NO_HAN.fullmatch(gap):
            return gap
        self.engine_calls += 1
        return convert(gap)

    def _convert(self, text: str, source: str, target: str) -> str:
        if source == "zh-Hant":
            text = self._normalise.apply(text, _unchanged)
            if target == "zh-Hant":
                return text
            return self._to_hans.apply(text, lambda gap: self._opencc(self._t2s, gap))
        return self._to_hant.apply(text, lambda gap: self._opencc(self._s2t, gap))

    def _disk_path(self, text: str, source: str, target: str) -> Path | None:
        if self.cache_dir is None or len(text) < DISK_CACHE_MIN_CHARS:
            return None
        digest = hashlib.sha256("\0".join((self.fingerprint, source, target, text)).encode()).hexdigest()
        return self.cache_dir / self.fingerprint / digest[:2] / digest[2:]

    def convert(self, text: str, source: Script, target: Script) -> str:
        """`text` (in its original script `source`) as the `target` edition shows it."""
        if source not in SCRIPTS or target not in SCRIPTS:
            raise ValueError(f"scripts are {' and '.join(SCRIPTS)}, not {source!r} → {target!r}")
        if not text or source == target == "zh-Hans":
            return text
        if source == target:  # normalisation is a cheap regex pass: not worth a cache entry
            return self._convert(text, source, target)
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
