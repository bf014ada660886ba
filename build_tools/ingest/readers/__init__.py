"""One reader per input format; `detect.read_document` picks the reader from the content.

Each reader turns a `Decoded` seed into one or more `RawDocument`s (Pelican's
readers.py habit: one class per format, one contract).  Readers register themselves
(`registry.register`); file names never decide the format: every seed may be called `.txt`.
"""

from build_tools.ingest.readers.detect import choose_reader, read_documents, scores
from build_tools.ingest.readers.registry import readers, traits_of

__all__ = ["choose_reader", "read_documents", "readers", "scores", "traits_of"]
