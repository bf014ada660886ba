"""Finding seed files and decoding their bytes.

Seeds come from old Windows machines, browsers and PDF tools, so the encoding is
never assumed from the name.  Decoding either succeeds with a named encoding or
fails with a message that says where the bad bytes are: bytes never vanish.
"""

from __future__ import annotations

import codecs
import hashlib
from pathlib import Path

from charset_normalizer import from_bytes

from .diagnostics import InputError
from .model import Decoded, SourceFile
from .pause import pause_point

SIDECAR_SUFFIX = ".meta.yaml"
# Encodings a Chinese seed is realistically in, besides UTF-8/UTF-16 (found by BOM or strict decoding).
LEGACY_CHINESE_ENCODINGS = ["gb18030", "big5", "big5hkscs", "utf_16_le", "utf_16_be"]
BINARY_SIGNATURES = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or a .docx/.xlsx file)",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office document",
}


def is_sidecar(path: Path) -> bool:
    return path.name.endswith(SIDECAR_SUFFIX)


def sidecar_path(seed: Path) -> Path:
    """`seeds/abc.txt` → `seeds/abc.meta.yaml`: editor corrections live beside the seed."""
    return seed.with_name(seed.stem + SIDECAR_SUFFIX)


def find_seed_files(seeds_dir: Path) -> list[Path]:
    """Every regular, non-hidden file below `seeds_dir` except sidecars, in a stable order."""
    found = []
    for path in sorted(seeds_dir.rglob("*")):
        relative = path.relative_to(seeds_dir)
        if any(part.startswith((".", "_")) for part in relative.parts):
            continue
        if path.is_file() and not is_sidecar(path):
            found.append(path)
    return found


def read_source(path: Path, seeds_dir: Path) -> SourceFile:
    pause_point("reading")
    data = path.read_bytes()
    return SourceFile(
        path=path,
        name=path.relative_to(seeds_dir).as_posix(),
        data=data,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _line_of_offset(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _looks_binary(data: bytes) -> str:
    for signature, kind in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            return kind
    sample = data[:4096]
    if b"\x00" in sample and not (sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))):
        # UTF-16 without BOM has NULs too; let the detector try it before calling it binary.
        probe = from_bytes(data[:65536], cp_isolation=["utf_16_le", "utf_16_be"]).best()
        if probe is None or probe.chaos > 0.2:
            return "binary data (it contains NUL bytes)"
        return ""  # UTF-16 without BOM: its NUL bytes are half of every ASCII character
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    if sample and controls / len(sample) > 0.1:
        return "binary data (many control bytes)"
    return ""


def _mostly_utf8(data: bytes) -> tuple[bool, int]:
    """Is this UTF-8 with a few damaged bytes?  Returns (verdict, offset of first bad byte)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        first_bad = error.start
    else:
        return True, -1
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    multibyte_ok = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    # A legacy encoding read as UTF-8 is nearly all replacement characters; a damaged UTF-8 file is not.
    return multibyte_ok >= 4 * max(bad, 1), first_bad


def decode(source: SourceFile) -> Decoded:
    """Decode seed bytes: BOMs first, then strict UTF-8, then the legacy Chinese encodings."""
    data = source.data
    if not data.strip():
        raise InputError(source.name, "the file is empty (or holds only white space)",
                         "put article text in it or remove it from the seeds folder")
    if data.startswith(codecs.BOM_UTF8):
        return _decoded(source, data[3:], "utf-8-sig")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decoded(source, data, "utf-16")
    binary = _looks_binary(data)
    if binary:
        raise InputError(source.name, f"this is not a text file: it looks like {binary}",
                         "seeds must be plain text, HTML or Markdown; remove the file or export it as text")
    utf8, first_bad = _mostly_utf8(data)
    if utf8 and first_bad < 0:
        return _decoded(source, data, "utf-8")
    if utf8:
        line = _line_of_offset(data, first_bad)
        column_start = data.rfind(b"\n", 0, first_bad) + 1
        end = first_bad + 1
        while end < len(data) and end - first_bad < 16:
            try:
                data[end:end + 4].decode("utf-8", errors="strict")[:1]
                break
            except UnicodeDecodeError as error:
                if error.start > 0:
                    break
                end += 1
        raise InputError(
            source.name,
            f"invalid UTF-8 bytes {data[first_bad:end].hex(' ')} at byte {first_bad}"
            f" (column {first_bad - column_start + 1})",
            "the file is UTF-8 except here: repair or delete these bytes in a copy of the seed",
            line=line,
        )
    # UTF-16 always has NUL bytes (ASCII, digits, punctuation); without them it is a misdetection.
    candidates = LEGACY_CHINESE_ENCODINGS if b"\x00" in data else [e for e in LEGACY_CHINESE_ENCODINGS if not e.startswith("utf_16")]
    best = from_bytes(data, cp_isolation=candidates).best()
    if best is None:
        raise InputError(source.name, "cannot tell the text encoding (tried UTF-8, UTF-16, "
                         + ", ".join(LEGACY_CHINESE_ENCODINGS) + ")",
                         "save the file as UTF-8")
    return _decoded(source, data, best.encoding)


def _decoded(source: SourceFile, data: bytes, encoding: str) -> Decoded:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(source.name, f"bytes at offset {error.start} are not valid {encoding}",
                         "save the file as UTF-8", line=_line_of_offset(data, error.start)) from error
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise InputError(source.name, "the file is empty (or holds only white space)",
                         "put article text in it or remove it from the seeds folder")
    return Decoded(source=source, text=_normalise_newlines(text), encoding=encoding)
