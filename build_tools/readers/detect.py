"""Choosing a reader from the content of a seed, never from its file name."""

from __future__ import annotations

from ..diagnostics import InputError
from ..model import Decoded, RawDocument
from .feed import FeedReader
from .html import HtmlReader
from .markdown import MarkdownReader
from .newspaper import NewspaperReader
from .plain import PlainTextReader
from .report import MarkdownReportReader
from .webpage import WebPageReader

# Most specific first: a tie goes to the earlier reader.
READERS = (FeedReader(), WebPageReader(), HtmlReader(), MarkdownReader(), MarkdownReportReader(), NewspaperReader(),
           PlainTextReader())


def choose_reader(text: str):
    return max(READERS, key=lambda reader: (reader.score(text), -READERS.index(reader)))


def read_documents(decoded: Decoded) -> list[RawDocument]:
    reader = choose_reader(decoded.text)
    documents = reader.read(decoded)
    documents = [d for d in documents if any(b.text or b.items or b.children for b in d.blocks)]
    if not documents:
        raise InputError(decoded.source.name, f"no article text found (read as {reader.name})",
                         "check that the file holds an article")
    return documents
