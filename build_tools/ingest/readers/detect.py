"""Choosing a reader from the content of a seed, never from its file name."""

from __future__ import annotations

from build_tools.core.diagnostics import InputError
from build_tools.core.model import Decoded, RawDocument
from build_tools.ingest.readers.feed import FeedReader
from build_tools.ingest.readers.html import HtmlReader
from build_tools.ingest.readers.markdown import MarkdownReader
from build_tools.ingest.readers.newspaper import NewspaperReader
from build_tools.ingest.readers.plain import PlainTextReader
from build_tools.ingest.readers.report import MarkdownReportReader
from build_tools.ingest.readers.webpage import WebPageReader

# Most specific first: a tie goes to the earlier reader.
READERS = (
    FeedReader(),
    WebPageReader(),
    HtmlReader(),
    MarkdownReader(),
    MarkdownReportReader(),
    NewspaperReader(),
    PlainTextReader(),
)


def choose_reader(text: str):
    return max(READERS, key=lambda reader: (reader.score(text), -READERS.index(reader)))


def read_documents(decoded: Decoded) -> list[RawDocument]:
    reader = choose_reader(decoded.text)
    documents = reader.read(decoded)
    documents = [d for d in documents if any(b.text or b.items or b.children for b in d.blocks)]
    if not documents:
        raise InputError(
            decoded.source.name,
            f"no article text found (read as {reader.name})",
            "check that the file holds an article",
        )
    return documents
