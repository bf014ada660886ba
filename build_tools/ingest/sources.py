"""Finding seed files and decoding their bytes.

Seeds come from old Windows machines, browsers and PDF tools, so the encoding is
never assumed from the name.  Decoding either succeeds with a named encoding or
fails with a message that says where the bad bytes are: bytes never vanish.
"""

from __future__ import annotations

import codecs
import hashlib
from pathlib import Path

from bs4.dammit import EncodingDetector
from charset_normalizer import from_bytes

from build_tools.core.diagnostics import InputError
from build_tools.core.model import Decoded, SourceFile
from build_tools.core.pause import pause_point

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
        raise InputError(
            source.name,
            "the file is empty (or holds only white space)",
            "put article text in it or remove it from the seeds folder",
        )
    if data.startswith(codecs.BOM_UTF8):
        return _decoded(source, data[3:], "utf-8-sig")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decoded(source, data, "utf-16")
    binary = _looks_binary(data)
    if binary:
        raise InputError(
            source.name,
            f"this is not a text file: it looks like {binary}",
            "seeds must be plain text, HTML or Markdown; remove the file or export it as text",
        )
    utf8, first_bad = _mostly_utf8(data)
    if utf8 and first_bad < 0:
        return _decoded(source, data, "utf-8")
    if utf8:
        line = _line_of_offset(data, first_bad)
        column_start = data.rfind(b"\n", 0, first_bad) + 1
        end = first_bad + 1
        while end < len(data) and end - first_bad < 16:
            try:
                data[end : end + 4].decode("utf-8", errors="strict")[:1]
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
    return _decode_legacy(source, data)


def _decode_legacy(source: SourceFile, data: bytes) -> Decoded:
    """Candidates in order of evidence: the page's own `<meta>` declaration (never a `<script charset>`,
    which describes another file), then charset-normalizer's best guess.  The first that decodes
    every byte wins, and `Decoded.note` says which won and why the others lost."""
    # UTF-16 always has NUL bytes (ASCII, digits, punctuation); without them it is a misdetection.
    candidates = (
        LEGACY_CHINESE_ENCODINGS
        if b"\x00" in data
        else [e for e in LEGACY_CHINESE_ENCODINGS if not e.startswith("utf_16")]
    )
    tried: list[tuple[str, str]] = []
    declared = declared_legacy_encoding(data)
    if declared:
        tried.append((declared, "declared by the page's <meta>"))
    best = from_bytes(data, cp_isolation=candidates).best()
    if best is not None:
        tried.append((best.encoding, "detected by charset-normalizer"))
    if not tried:
        raise InputError(
            source.name,
            "cannot tell the text encoding (tried UTF-8, UTF-16, " + ", ".join(LEGACY_CHINESE_ENCODINGS) + ")",
            "save the file as UTF-8",
        )
    failures = []
    for encoding, why in tried:
        try:
            text, private = strict_decode(data, encoding)
        except UnicodeDecodeError as error:
            failures.append(f"{encoding} ({why}) fails at byte {error.start}")
            continue
        note = "; ".join(
            [f"{encoding}, {why}", *(f"{f}" for f in failures)]
            + ([f"{private} user-defined Big5 codes kept as private-use characters"] if private else [])
        )
        return _decoded_text(source, text, encoding, note)
    return _decoded(source, data, tried[-1][0])  # reports where the bytes go wrong


def declared_legacy_encoding(data: bytes) -> str:
    """The Chinese legacy encoding a page's `<meta>` declares, as the codec that decodes it: GB2312 and GBK
    pages are read as GB18030 (a superset), Big5/MS950 pages as cp950 with user-defined codes kept."""
    declared = EncodingDetector.find_declared_encoding(data[:DECLARATION_WINDOW], is_html=True)
    try:
        name = codecs.lookup(declared).name if declared else ""
    except LookupError:
        return ""
    return {
        "gb2312": "gb18030",
        "gbk": "gb18030",
        "gb18030": "gb18030",
        "big5": "cp950",
        "cp950": "cp950",
        "big5hkscs": "big5hkscs",
    }.get(name, "")


def strict_decode(data: bytes, encoding: str) -> tuple[str, int]:
    """(text, number of user-defined Big5 codes): every byte decoded, or UnicodeDecodeError.

    Big5's user-defined area (lead bytes 0x81–0xA0, 0xFA–0xFE) holds characters from the author's own
    font, e.g. list numbers; strict decoders reject them and big5hkscs turns them into unrelated
    ideographs.  They become the private-use characters Microsoft's cp950 assigns, so no Han text is
    invented and none is lost."""
    if codecs.lookup(encoding).name != "cp950":
        return data.decode(encoding), 0
    text = data.decode("cp950", errors=BIG5_PRIVATE_USE)
    return text, sum(1 for ch in text if "\ue000" <= ch <= "\uf6b0")


def _big5_private_use(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    data, start = error.object, error.start
    if start + 1 < len(data):
        lead, trail = data[start], data[start + 1]
        trail_index = trail - 0x40 if 0x40 <= trail <= 0x7E else trail - 0xA1 + 63 if 0xA1 <= trail <= 0xFE else -1
        for first_lead, last_lead, first_code in BIG5_USER_AREAS:
            if first_lead <= lead <= last_lead and trail_index >= 0:
                return chr(first_code + (lead - first_lead) * 157 + trail_index), start + 2
    raise error


# Big5 user-defined areas as Microsoft's cp950 maps them: (first lead, last lead, first code point).
BIG5_USER_AREAS = ((0xFA, 0xFE, 0xE000), (0x8E, 0xA0, 0xE311), (0x81, 0x8D, 0xEEB8))
BIG5_PRIVATE_USE = "big5-private-use"
codecs.register_error(BIG5_PRIVATE_USE, _big5_private_use)
DECLARATION_WINDOW = 8192


def _decoded(source: SourceFile, data: bytes, encoding: str) -> Decoded:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(
            source.name,
            f"bytes at offset {error.start} are not valid {encoding}",
            "save the file as UTF-8",
            line=_line_of_offset(data, error.start),
        ) from error
    return _decoded_text(source, text, encoding)


def _decoded_text(source: SourceFile, text: str, encoding: str, note: str = "") -> Decoded:
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise InputError(
            source.name,
            "the file is empty (or holds only white space)",
            "put article text in it or remove it from the seeds folder",
        )
    return Decoded(source=source, text=_normalise_newlines(text), encoding=encoding, note=note)
