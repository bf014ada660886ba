"""Metadata: title, authors, source, date, script … with a fallback chain per field.

Each field is taken from the best place that has it (editor sidecar, the seed's
front matter, the text itself) and is never invented: an unknown date stays
absent.  Editor corrections live in `<seed stem>.meta.yaml` beside the seed.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import asdict
from pathlib import Path

from build_tools.chinese.opencc_engine import plain_converter
from build_tools.core.dates import parse_date
from build_tools.core.diagnostics import Diagnostics, InputError
from build_tools.core.model import SCRIPTS, SIMPLIFIED, TRADITIONAL, Article, Metadata, Removal, Script, block_texts
from build_tools.core.textutil import HAN_RE, han_count, parse_byline, strip_markup
from build_tools.core.yamlnodes import SyntaxMessage, is_text_list, read_yaml
from build_tools.ingest.interface_text import interface_text
from build_tools.ingest.readers.frontmatter import is_placeholder
from build_tools.ingest.readers.items import CLOSING_RULE
from build_tools.ingest.readers.registry import traits_of

READING_SPEED = 400  # Han characters a minute: an unhurried reading pace for Chinese prose
SIDECAR_FIELDS = {"title": str, "authors": list, "source": str, "date": str, "script": str, "summary": str}
PLATFORM_RE = re.compile(r"(?:自媒体平台|自媒體平臺|自媒体平台)[“\"「]([^”\"」]+)[”\"」]")
SIDECAR_SYNTAX = SyntaxMessage("malformed YAML", "fix the YAML syntax of this editor file")
ISO_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# Lines cleaning took out of the body because they are metadata: the rule, and the field they state.
# (cleaning's own, and the readers' for the lines under a headline)
CREDIT_LINE_RULES = (
    "original-title",
    "source-line",
    "metadata-line-unused",
    "metadata-lines",
    "closing-metadata-lines",
)
CREDIT_LINE_RE = re.compile(
    r"^[（(【\[]?\s*(?P<label>原标题|原標題|来源|來源|转载自|轉載自)\s*[:：]\s*(?P<value>[^）)】\]]+)"
)
CREDIT_LABELS = {"原标题": "original_title", "原標題": "original_title"}  # the others name the source
HEADLINE_LINE_RULE = "metadata-lines"  # the readers' rule for metadata lines under the headline

_CHARACTER_CHANGES: dict[str, tuple[bool, bool]] = {}  # character → (changes under t2s, changes under s2t)


def _character_changes(characters: set[str]) -> dict[str, tuple[bool, bool]]:
    """Which characters OpenCC would change, learnt once per character for the whole run.

    Converting each document's text phrase by phrase only to count changed characters made
    script detection the slowest step of a large build (30 s of 38 at 1,000 articles)."""
    new = sorted(c for c in characters if c not in _CHARACTER_CHANGES)
    if new:
        joined = "\n".join(new)
        simplified = plain_converter("t2s")(joined).split("\n")
        traditional = plain_converter("s2t")(joined).split("\n")
        for character, s, t in zip(new, simplified, traditional):
            _CHARACTER_CHANGES[character] = (s != character, t != character)
    return _CHARACTER_CHANGES


def detect_script(text: str) -> Script:
    """zh-Hant when more characters change under traditional→simplified than the other way."""
    sample = "".join(HAN_RE.findall(text))[:20000]
    counts = Counter(sample)
    changes = _character_changes(set(counts))
    to_simplified = sum(n for c, n in counts.items() if changes.get(c, (False, False))[0])
    to_traditional = sum(n for c, n in counts.items() if changes.get(c, (False, False))[1])
    return TRADITIONAL if to_simplified > to_traditional else SIMPLIFIED


def load_sidecar(path: Path, seed_name: str) -> dict:
    """Editor corrections for one seed: top-level fields apply to every document of the seed,
    `documents: {N: {...}}` to its N-th document (newspaper article or report chapter)."""
    if not path.exists():
        return {}
    name = path.name
    data = read_yaml(path, name, SIDECAR_SYNTAX).value() or {}
    if not isinstance(data, dict):
        raise InputError(
            name,
            "an editor file must be a set of `field: value` lines",
            f"see README: editor corrections for {seed_name}",
        )
    problems = _check_fields(data, name, allow_documents=True)
    for index, fields in (data.get("documents") or {}).items():
        if not isinstance(index, int) or not isinstance(fields, dict):
            raise InputError(
                name,
                f"`documents` must map a document number to fields, got {index!r}",
                "write e.g. `documents: {2: {title: …}}`",
            )
        problems += _check_fields(fields, name, allow_documents=False)
    if problems:
        raise InputError(name, "; ".join(problems), "fix the field types (see README: editor corrections)")
    return data


def _check_fields(data: dict, name: str, allow_documents: bool) -> list[str]:
    problems = []
    for key, value in data.items():
        if key == "documents" and allow_documents:
            continue
        expected = SIDECAR_FIELDS.get(key)
        if expected is None:
            problems.append(f"unknown field `{key}` (allowed: {', '.join(SIDECAR_FIELDS)})")
        elif key == "date" and parse_date(value) is None:
            problems.append(f"`date` is not a date: {value!r} (write YYYY-MM-DD, YYYY-MM or YYYY)")
        elif key == "script" and value not in SCRIPTS:
            problems.append(f"`script` must be {' or '.join(SCRIPTS)}, not {value!r}")
        elif key == "authors" and not is_text_list(value):
            problems.append("`authors` must be a list of names")
        elif key not in ("date", "authors") and not isinstance(value, expected):
            problems.append(f"`{key}` must be text, not {type(value).__name__}")
    return problems


def _first_sentence(text: str) -> str:
    plain = strip_markup(text).strip()
    match = re.match(r"^(.+?[。！？!?])", plain)
    return match.group(1) if match else plain


def _title_from_text(article: Article) -> str:
    """No title in the source: take the opening sentence's first clause, as an editor would
    for a headline, rather than the byline."""
    for block in article.blocks:
        if block.kind in ("paragraph", "lede"):
            sentence = _first_sentence(strip_markup(block.text)).rstrip("。！？!?")
            sentence = LABEL_RE.sub("", sentence, count=1)  # `摘要：…`: the label is not the headline
            if len(sentence) <= TITLE_MAX:
                return sentence
            clauses = re.split(r"(?<=[，,；;：:])", sentence)
            title = ""
            for clause in clauses:  # whole clauses while they fit: a title never stops mid-phrase
                if len(title + clause) > TITLE_MAX:
                    break
                title += clause
            title = title.rstrip("，,；;：:")
            return title if len(title) >= 6 else sentence[: TITLE_MAX - 1] + "…"
    return ""


TITLE_MAX = 30
# A short label opening a paragraph (`摘要：`, `导语：`, `编者按：`).
LABEL_RE = re.compile(r"^[^\s，。：:]{1,4}[：:]\s*")


def _visible_text(article: Article) -> str:
    """The text the author wrote: a section mark (一、二…) is the editor's numbering of it, not counted."""
    return strip_markup("\n".join(block_texts(block for block in article.blocks if block.kind != "section")))


class _FrontMatterReader:
    """The document's canonical front matter fields, each checked for its type.

    A value of the wrong type is ignored with a warning naming the field as the source wrote
    it and its line, and is recorded as a removal so the fidelity report accounts for it."""

    def __init__(self, article: Article, diagnostics: Diagnostics, rejected: list | None):
        self.raw = article.raw
        self.diagnostics = diagnostics
        self.rejected = rejected

    def get(self, key: str, valid, expected: str):
        fm = self.raw.front_matter
        if key not in fm:
            return None
        if valid(fm[key]):
            return fm[key]
        name = self.raw.front_matter_names.get(key, key)
        line = self.raw.front_matter_lines.get(key, 0)
        seed = self.raw.source.source.name
        self.diagnostics.warning(
            seed,
            f"front matter field `{name}` is not {expected}: {fm[key]!r}; it is ignored",
            f"correct it in the seed, or set `{key}` in {Path(seed).stem}.meta.yaml",
            line=line,
        )
        if self.rejected is not None:
            self.rejected.append(
                Removal(
                    "front-matter-invalid", f"front matter field `{name}` is not {expected}", f"{name}: {fm[key]}", line
                )
            )
        return None


def _is_text(value) -> bool:
    return isinstance(value, str)


def _is_names(value) -> bool:
    return isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value)


def _is_iso_date(value) -> bool:
    return isinstance(value, str) and bool(ISO_DATE_RE.match(value))


def _front_evidence(raw, key: str) -> str:
    """Where a reader found a front matter field: what it says (`evidence`); the line under the headline
    when the reader took the value from there; else the seed's own front matter or the page's own tags."""
    stated = raw.front_matter.get("evidence")
    if isinstance(stated, dict) and isinstance(stated.get(key), str):
        return stated[key]
    value = raw.front_matter.get(key)
    values = [v for v in (value if isinstance(value, (list, tuple)) else [value]) if isinstance(v, str) and v]
    for rule, evidence in ((HEADLINE_LINE_RULE, "line-under-headline"), (CLOSING_RULE, "line-at-end")):
        lines = [r.text for r in raw.removals if r.rule == rule]
        if values and any(all(v in line for v in values) for line in lines):
            return evidence
        if key == "date" and values and any(_same_date(values[0], line) for line in lines):
            return evidence
    return "page-tags" if traits_of(raw.format).fields_from_page_tags else "front-matter"


def _same_date(iso: str, line: str) -> bool:
    return any(
        parse_date(m.group(0)) == iso for m in re.finditer(r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?", line)
    )


# The end of a publication's or a channel's name (新浪财经, 人民日报, 新华社, 某某官方账号): an outlet, not a writer.
OUTLET_NAME_RE = re.compile(
    r"^\S{1,12}?(?:财经|財經|新闻|新聞|日报|日報|晚报|晚報|时报|時報|早报|早報|周刊|週刊|杂志|雜誌|网|網|新闻社|通讯社|"
    r"通訊社|社|电视台|電視台|广播|廣播|频道|頻道|资讯|資訊|传媒|傳媒|媒体|媒體|官方账号|官方帳號|编辑部|編輯部)$"
)


def is_outlet_name(name: str) -> bool:
    """Does a name given as the author name an outlet (`新浪财经`, `新华社`)?  A writer's name is
    two to four characters with no such ending."""
    return len(name) >= 3 and bool(OUTLET_NAME_RE.match(name.strip()))


def _authors(article: Article, overrides: dict, fields: _FrontMatterReader, evidence: dict) -> tuple[str, ...]:
    """sidecar → front matter → byline names → the author a platform's re-post card names → report publisher"""
    raw = article.raw
    if overrides.get("authors"):
        evidence["authors"] = "editor-file"
        return tuple(overrides["authors"])
    authors = fields.get("authors", _is_names, "a name or a list of names")
    # An aggregator's `author: 新浪财经` says who published it (the source), not who wrote it.
    if authors and not all(is_outlet_name(name) for name in authors):
        evidence["authors"] = _front_evidence(raw, "authors")
        return tuple(authors)
    if raw.byline:
        authors = parse_byline(raw.byline) or (
            (raw.byline.strip(),) if traits_of(raw.format).byline_is_publisher else ()
        )
        if authors:
            evidence["authors"] = "byline"
            return tuple(authors)
    stated = _stated_by_platform(article).get("author")
    if stated:
        names = parse_byline(f"作者 {stated}") or (stated,)
        evidence["authors"] = "platform-repost-card"
        return tuple(names)
    return ()


def _stated_by_platform(article: Article) -> dict[str, str]:
    """What removed interface lines state (a re-post card's original account and author, 原标题, 来源)."""
    stated: dict[str, str] = {}
    known = interface_text()
    for removal in article.report.removals:
        if removal.rule == "interface-text":
            for key, value in known.metadata(removal.text).items():
                stated.setdefault(key, value)
        elif removal.rule in CREDIT_LINE_RULES:
            match = CREDIT_LINE_RE.match(removal.text.strip())
            if match:
                stated.setdefault(CREDIT_LABELS.get(match.group("label"), "source"), match.group("value").strip())
    return stated


def _original_title(article: Article) -> str:
    """A text without a headline that states its original one (`原标题：…`): that is its title, not a guess."""
    title = _stated_by_platform(article).get("original_title", "")
    return title.strip('“”"「」『』《》 ') if 2 <= len(title) <= 80 else ""


def _source(article: Article, overrides: dict, fields: _FrontMatterReader, evidence: dict) -> str:
    """sidecar → front matter → a 来源 line or a re-post card → the platform named in a removed disclaimer
    → report publisher"""
    if overrides.get("source"):
        evidence["source"] = "editor-file"
        return overrides["source"]
    source = fields.get("source", _is_text, "text")
    if source:
        evidence["source"] = _front_evidence(article.raw, "source")
        return source
    stated = _stated_by_platform(article).get("source")
    if stated:
        evidence["source"] = "source-line"
        return stated
    outlets = fields.get("authors", _is_names, "a name or a list of names") or ()
    if outlets and all(is_outlet_name(name) for name in outlets):
        evidence["source"] = _front_evidence(article.raw, "authors")
        return "、".join(outlets)
    for removal in article.report.removals:
        match = PLATFORM_RE.search(removal.text) if removal.rule == "platform-disclaimer" else None
        if match:
            evidence["source"] = "platform-disclaimer"
            return match.group(1)
    if traits_of(article.raw.format).byline_is_publisher and article.raw.byline.strip():
        evidence["source"] = "report-cover"
        return article.raw.byline.strip()
    return ""


def extract_metadata(
    article: Article, sidecar: dict, diagnostics: Diagnostics, document_number: int = 1, rejected: list | None = None
) -> Metadata:
    """Metadata of the `document_number`-th document (1-based) of a seed.

    Front-matter values that cannot be used are reported and, when `rejected` is given,
    appended to it as removals, so the fidelity report accounts for their text."""
    raw = article.raw
    seed = raw.source.source.name
    overrides = dict(sidecar)
    overrides.pop("documents", None)
    overrides.update((sidecar.get("documents") or {}).get(document_number, {}))
    fields = _FrontMatterReader(article, diagnostics, rejected)

    evidence: dict[str, str] = {}
    # title: sidecar → seed title (repaired by cleaning) → the 原标题 the text states → opening clause of the text
    own = "" if is_placeholder(article.title) else article.title  # `{{ title }}` is no title
    stated = "" if own or overrides.get("title") else _original_title(article)
    title = overrides.get("title") or own or stated or _title_from_text(article)
    evidence["title"] = (
        "editor-file"
        if overrides.get("title")
        else "headline"
        if own
        else "original-title-line"
        if stated
        else "opening-text"
        if title
        else ""
    )
    if article.title and title != article.title and rejected is not None:  # the seed's own title leaves the page
        rejected.append(
            Removal("editor-title", "the editor file gives this document another title", article.title, raw.line)
        )
    fields.get("title", _is_text, "text")
    # date: sidecar → front matter (any common format, made ISO by the reader) → absent
    date = parse_date(overrides["date"]) if "date" in overrides else fields.get("date", _is_iso_date, "a date")
    if date:
        evidence["date"] = "editor-file" if "date" in overrides else _front_evidence(raw, "date")
    text = _visible_text(article)
    characters = han_count(text)
    if not characters:
        diagnostics.warning(
            seed,
            f"document {document_number} has no Chinese text; it is not published",
            "this site is for Chinese articles; remove the file or add the Chinese text",
            line=raw.line,
        )
    script = overrides.get("script") or detect_script(raw.source.text)
    summary = overrides.get("summary") or _front_summary(fields) or summary_of(article)
    authors = _authors(article, overrides, fields, evidence)
    source = _source(article, overrides, fields, evidence)
    outlets = raw.front_matter.get("authors") or ()
    if not authors and rejected is not None and isinstance(outlets, (list, tuple)):
        # an outlet given as the author that the text's own source line outranks: recorded, not shown
        unused = [name for name in outlets if isinstance(name, str) and is_outlet_name(name) and name not in source]
        if unused:
            rejected.append(
                Removal(
                    "front-matter-outlet",
                    "the front matter names an outlet as the author; the text's own source line is shown",
                    "、".join(unused),
                    raw.front_matter_lines.get("authors", 0),
                )
            )
    return Metadata(
        title=(
            strip_markup(title) if traits_of(raw.format).title_has_markup and not overrides.get("title") else title
        ).strip(),
        authors=authors,
        source=source,
        date=date or "",
        script=script,
        seed=seed,
        sha256=raw.source.source.sha256,
        format=raw.format,
        characters=characters,
        reading_minutes=max(1, math.ceil(characters / READING_SPEED)),
        summary=summary,
        truncated=article.report.truncated,
        part_of=raw.part_of,
        part_index=raw.part_index,
        back_matter=raw.back_matter,
        byline="" if traits_of(raw.format).byline_is_publisher else raw.byline.strip(),
        url=fields.get("url", _is_text, "a web address") or "",
        tags=tuple(fields.get("tags", _is_names, "a list of tags") or ()),
        evidence=tuple((key, value) for key, value in evidence.items() if value),
        original_title=_stated_by_platform(article).get("original_title", ""),
    )


def _front_summary(fields: _FrontMatterReader) -> str:
    summary = fields.get("summary", _is_text, "text") or ""
    return summary if len(summary) <= 100 else summary[:99] + "…"


def summary_of(article: Article) -> str:
    """The first full sentence of running text (a lede if there is one), at most ~100 characters.

    A sentence too short to say anything ("1986年，深圳。") is passed over for the next one."""
    for block in article.blocks:
        if block.kind not in ("lede", "paragraph"):
            continue
        for sentence in re.findall(r"[^。！？!?]+[。！？!?]?", strip_markup(block.text)):
            sentence = sentence.strip()
            if han_count(sentence) >= 12:
                return sentence if len(sentence) <= 100 else sentence[:99] + "…"
    return ""


FRONT_MATTER_ORDER = (
    "title",
    "authors",
    "byline",
    "source",
    "date",
    "url",
    "script",
    "summary",
    "tags",
    "characters",
    "reading_minutes",
    "truncated",
    "part_of",
    "part_index",
    "back_matter",
    "provenance",
)


def front_matter(metadata: Metadata, extra: dict | None = None) -> dict:
    """The page's YAML front matter: one schema, empty values left out, provenance grouped."""
    values = asdict(metadata)
    values["authors"] = list(metadata.authors)
    values["tags"] = list(metadata.tags)
    values["provenance"] = {"seed": metadata.seed, "sha256": metadata.sha256, "format": metadata.format}
    if metadata.evidence:
        values["provenance"]["evidence"] = dict(metadata.evidence)
    if metadata.original_title:
        values["provenance"]["original_title"] = metadata.original_title
    values.pop("evidence", None)
    values.pop("original_title", None)
    result = {}
    for key in FRONT_MATTER_ORDER:
        value = values.get(key)
        if value in ("", [], None, 0) and key not in ("truncated", "characters"):
            continue
        result[key] = value
    if extra:
        result.update(extra)
    validate_front_matter(result)
    return result


SCHEMA = {
    "title": str,
    "authors": list,
    "source": str,
    "date": str,
    "script": str,
    "summary": str,
    "characters": int,
    "reading_minutes": int,
    "truncated": bool,
    "part_of": str,
    "part_index": int,
    "back_matter": bool,
    "provenance": dict,
    "topics": list,
    "url": str,
    "tags": list,
    "byline": str,
    "edition": str,
    "original_script": str,
    "twin": str,
    "alternates": list,  # with more than two editions: {edition, name, url} of every other one
}
REQUIRED = ("title", "script", "provenance", "characters", "reading_minutes", "truncated")


def validate_front_matter(values: dict) -> None:
    """The one schema every generated page's front matter obeys; a violation is a bug, not input."""
    for key in REQUIRED:
        if key not in values:
            raise ValueError(f"front matter lacks `{key}`")
    for key, value in values.items():
        expected = SCHEMA.get(key)
        if expected is None or not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise ValueError(f"front matter field `{key}` has unexpected value {value!r}")
    if "date" in values and not ISO_DATE_RE.match(values["date"]):
        raise ValueError(f"front matter date {values['date']!r} is not ISO 8601")
    if values["script"] not in SCRIPTS:
        raise ValueError(f"unknown script {values['script']!r}")
