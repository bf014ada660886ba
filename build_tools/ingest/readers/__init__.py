"""One reader per input format; `detect.read_document` picks the reader from the content.

Each reader turns a `Decoded` seed into one or more `RawDocument`s (Pelican's
readers.py habit: one class per format, one contract).  File names never decide
the format: every seed may be called `.txt`.
"""

from build_tools.ingest.readers.detect import READERS, choose_reader, read_documents

__all__ = ["READERS", "choose_reader", "read_documents"]
