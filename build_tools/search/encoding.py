"""The compact forms shared with the browser (`overrides/assets/javascripts/search-engine.js`).

Numbers are written in base 32, most significant digit first: every digit but the last
comes from MORE, the last from LAST, so a number needs no separator and small numbers
(most gaps between positions) take one or two characters.  No character needs escaping
in a JSON string.  Tokens go to shards by FNV-1a over their UTF-16 code units, which the
browser computes the same way.
"""

from __future__ import annotations

import struct

LAST = "0123456789abcdefghijklmnopqrstuv"
MORE = "ABCDEFGHIJKLMNOPQRSTUVWXYZ!#$%&("
DIGITS = LAST + MORE  # also one character per small number (quantised document lengths)


def _encode(value: int) -> str:
    digits = [LAST[value & 31]]
    value >>= 5
    while value:
        digits.append(MORE[value & 31])
        value >>= 5
    return "".join(reversed(digits))


_SMALL = [_encode(value) for value in range(1 << 15)]  # up to three characters: nearly every number written


def encode_number(value: int) -> str:
    return _SMALL[value] if value < len(_SMALL) else _encode(value)


def decode_numbers(text: str) -> list[int]:
    """The inverse of joining `encode_number`s (used by tests and for checking; the browser has its own)."""
    numbers, value = [], 0
    for character in text:
        if character in MORE:
            value = value * 32 + MORE.index(character)
        else:
            numbers.append(value * 32 + LAST.index(character))
            value = 0
    return numbers


def shard_of(token: str, shards: int) -> int:
    """FNV-1a, 32 bits, over UTF-16 code units (tokens are Han characters of the BMP or ASCII)."""
    digest = 0x811C9DC5
    data = token.encode("utf-16-le")
    for unit in struct.unpack(f"<{len(data) // 2}H", data):
        digest ^= unit
        digest = (digest * 0x01000193) & 0xFFFFFFFF
    return digest % shards
