"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds, read with feedparser: one document per item.

Decoding happened before this reader (sources.py), and its decision must hold here too.  feedparser
is therefore given bytes, not text: text it would first try as a URL or a file name (an untrusted
seed must never make the build fetch or open anything), and from bytes it works out the encoding
itself.  The bytes are the decoded text as UTF-8 with the XML declaration rewritten to say UTF-8,
so declaration and bytes always agree, whatever the file declared (a GB18030 file calling itself
gb2312, a declaration left over from before a re-encoding).

An item's HTML goes through the same walker as HTML seeds (readers/html.py), which sanitises it.
Every item field with text that is not shown on the page is recorded as a removal, so the fidelity
audit accounts for it.
"""

from __future__ import annotations

import io
from dataclasses import replace
from urllib.parse import urlparse

import feedparser
from bs4 import BeautifulSoup
from lxml import etree

from build_tools.core.dates import parse_date
from build_tools.core.diagnostics import InputError
from build_tools.core.model import Block, Decoded, RawDocument, Removal
from build_tools.core.textutil import han_count
from build_tools.ingest.interface_text import interface_text
from build_tools.ingest.readers.base import PLAIN_TRAITS, escape_blocks, split_paragraphs
from build_tools.ingest.readers.html import read_fragment
from build_tools.ingest.readers.items import leading_metadata
from build_tools.ingest.readers.registry import register

# Local names of the root element of RSS 2.0 (and 0.9x), Atom and RSS 1.0 (rdf:RDF).
FEED_ROOTS = {"rss", "feed", "RDF"}
UTF8_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>'
# A feed generator's zero timestamp (time 0 of Unix), written when an item has no date: not a date anyone stated.
EPOCH = "1970-01-01"
# feedparser's item keys that reach the page or its front matter; `*_detail`/`*_parsed` keys repeat them.
ITEM_KEYS_USED = {
    "title",
    "link",
    "links",
    "id",
    "guidislink",
    "author",
    "authors",
    "published",
    "updated",
    "created",
    "content",
    "summary",
}
FEED_KEYS_USED = {"title", "link", "links", "id"}
TEXT_BLOCKS = {"paragraph", "heading", "list", "quote", "lede", "aside"}


def xml_bytes(text: str) -> bytes:
    """The decoded text as UTF-8 bytes whose XML declaration (if any) says UTF-8, on the same lines."""
    text = text.lstrip("\ufeff \t\r\n")
    if text.startswith("<?xml"):
        end = text.find("?>")
        if end != -1:
            declaration = text[: end + 2]
            text = UTF8_DECLARATION + "\n" * declaration.count("\n") + text[end + 2 :]
    return text.encode("utf-8")


def _xml_parser() -> etree.XMLParser:
    """Tolerant of broken markup, and never loads entities or anything from the network."""
    return etree.XMLParser(recover=True, resolve_entities=False, no_network=True, load_dtd=False)


def root_name(text: str) -> str:
    """Local name of the document's first element ("" when the text is not XML)."""
    try:
        for _, element in etree.iterparse(
            io.BytesIO(xml_bytes(text)),
            events=("start",),
            recover=True,
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
        ):
            return etree.QName(element).localname
    except (etree.XMLSyntaxError, ValueError):
        return ""
    return ""


def item_lines(text: str) -> list[int]:
    """Line of each item/entry element in document order, for messages (feedparser keeps no lines)."""
    root = etree.fromstring(xml_bytes(text), parser=_xml_parser())
    if root is None:
        return []
    return [
        element.sourceline or 1
        for element in root.iter()
        if isinstance(element.tag, str) and etree.QName(element).localname in ("item", "entry")
    ]


def _plain(value: str, kind: str = "text/plain") -> str:
    """One line of text from a field; HTML fields (Atom `type="html"`) lose their markup and entities."""
    if kind in ("text/html", "application/xhtml+xml"):
        value = BeautifulSoup(value or "", "lxml").get_text(" ")
    return " ".join((value or "").split())


def _field_text(fields, key: str) -> str:
    """A text field by its declared type: feedparser records it in `<key>_detail`."""
    return _plain(fields.get(key, ""), (fields.get(f"{key}_detail") or {}).get("type", "text/plain"))


def _texts(value) -> list[str]:
    """Every string inside a feedparser value (strings, dicts, lists)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _texts(item)]
    if isinstance(value, (list, tuple)):
        return [text for item in value for text in _texts(item)]
    return []


def unused_fields(fields: dict, used: set[str], rule: str, what: str, line: int) -> list[Removal]:
    """Removals for the fields with Han text that no page shows, one per field."""
    removals = []
    for key, value in fields.items():
        if key in used or key.endswith(("_detail", "_parsed")):
            continue
        text = " ".join(dict.fromkeys(t.strip() for t in _texts(value) if han_count(t)))
        if han_count(text):
            removals.append(
                Removal(rule, f"{what} field `{key}` is not shown on the page", _plain(text, "text/html"), line)
            )
    return removals


def item_date(entry) -> str:
    """The date the item states (ISO), in its own time zone; "" when it states none."""
    for key in ("published", "updated", "created"):
        stated = dict.get(entry, key)  # not `entry.get`: feedparser would answer "updated" with "published"
        if not stated:
            continue
        date = parse_date(stated)
        parsed = dict.get(entry, f"{key}_parsed")
        if date is None and parsed:
            # A form only feedparser knows; its value is in UTC, which is the best the item gives.
            date = f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"
        if date and date != EPOCH:
            return date
    return ""


def item_authors(entry) -> list[str]:
    names = [_plain(author.get("name", "")) for author in entry.get("authors", []) if isinstance(author, dict)]
    names = [name for name in names if name]
    if not names and entry.get("author"):
        names = [_plain(entry["author"])]
    return list(dict.fromkeys(names))


def item_body(entry, source_name: str, line: int) -> tuple[list[Block], list[Removal], str]:
    """Blocks of the item's text (full content, else its description), what was dropped, and its teaser.

    The teaser is the description when a full content stands beside it; it goes to `summary`."""
    contents = [c for c in entry.get("content", []) if (c.get("value") or "").strip()]
    summary = entry.get("summary_detail") or {}
    main = contents[0] if contents else summary
    value, kind = main.get("value") or "", main.get("type") or "text/html"
    removals: list[Removal]
    if kind == "text/plain":
        blocks, removals = escape_blocks(split_paragraphs(value, line)), []
    else:
        blocks, removals = read_fragment(value, source_name, line)
    teaser = ""
    if contents and (summary.get("value") or "").strip():
        teaser = _plain(summary["value"], summary.get("type", "text/html"))
        removals.append(
            Removal("feed-item-summary", "the item's description; its full text is on the page", teaser, line)
        )
    return blocks, removals, teaser


def has_text(blocks: list[Block]) -> bool:
    """Article text is running text: a picture with a caption alone is not an article."""
    return any(block.kind in TEXT_BLOCKS and (block.text.strip() or block.items or block.children) for block in blocks)


def left_out(document: RawDocument) -> list[Removal]:
    """An item without text is no page: all its text is recorded as removed, for the fidelity audit."""
    text = " ".join([document.title, *document.front_matter.get("authors", []), *(b.text for b in document.blocks)])
    return [
        Removal(
            "feed-item-without-text",
            "a feed item with no article text (a title, link or picture only)",
            text.strip(),
            document.line,
        ),
        *document.removals,
    ]


TEXT_STATES = ("authors", "source")


@register(priority=70)
class FeedReader:
    """Recognised by its root element (`<rss>`, `<feed>`, `<rdf:RDF>`), never by the file name."""

    name = "feed"
    traits = PLAIN_TRAITS

    def score(self, text: str) -> float:
        head = text.lstrip("\ufeff \t\r\n")[:1]
        return 0.99 if head == "<" and root_name(text) in FEED_ROOTS else 0.0

    def read(self, decoded: Decoded) -> list[RawDocument]:
        name = decoded.source.name
        parsed = feedparser.parse(io.BytesIO(xml_bytes(decoded.text)), sanitize_html=False, resolve_relative_uris=False)
        if not parsed.entries:
            problem = parsed.get("bozo_exception")
            raise InputError(
                name,
                f"a feed with no items{f' ({problem})' if problem else ''}",
                "save a feed that lists its articles as <item> or <entry> elements",
            )
        lines = item_lines(decoded.text)
        if len(lines) != len(parsed.entries):
            lines = [1] * len(parsed.entries)
        title = _field_text(parsed.feed, "title")
        source = interface_text().feed_source(title)
        documents, skipped = [], []
        if source != title:
            skipped.append(
                Removal("feed-title-label", "the label a feed generator adds to the publication's name", title, 1)
            )
        for entry, line in zip(parsed.entries, lines):
            document = self._document(decoded, entry, source, line)
            if has_text(list(document.blocks)):
                documents.append(document)
            else:
                skipped += left_out(document)
        if not documents:
            raise InputError(
                name,
                f"none of the feed's {len(parsed.entries)} items carries article text (only titles, links or pictures)",
                "save the articles themselves, or a full-text feed (content:encoded in RSS, <content> in Atom)",
            )
        channel = unused_fields(parsed.feed, FEED_KEYS_USED, "feed-channel", "the feed's", 1)
        first = documents[0]
        documents[0] = replace(first, removals=tuple(channel + skipped) + first.removals)
        return documents

    def _document(self, decoded: Decoded, entry, source: str, line: int) -> RawDocument:
        blocks, removals, teaser = item_body(entry, decoded.source.name, line)
        stated, _, taken, blocks = leading_metadata(blocks)  # `作者：…` opening the item's text
        removals += taken + unused_fields(entry, ITEM_KEYS_USED, "feed-item-field", "the item's", line)
        title = _field_text(entry, "title")
        link = entry.get("link", "")
        fields = {
            "title": title,
            "authors": item_authors(entry),
            "date": item_date(entry),
            "source": source,
            "url": link if urlparse(link).scheme in ("http", "https") else "",
            "tags": [_plain(tag.get("term", "")) for tag in entry.get("tags", []) if (tag.get("term") or "").strip()],
            "summary": teaser,
        }
        # what the text states of its writer and origin is closer to it than the feed's fields (an aggregator's name)
        fields |= {k: v for k, v in stated.items() if k in fields and (k in TEXT_STATES or not fields[k])}
        return RawDocument(
            source=decoded,
            format=self.name,
            title=title,
            blocks=tuple(blocks),
            front_matter={key: value for key, value in fields.items() if value},
            removals=tuple(removals),
            line=line,
        )
