"""Decoding seed bytes (build_tools/sources.py): every encoding a Chinese seed really comes in, and every
way a file can be unusable, with a message of the fixed shape `path[:line]: what — hint`."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_tools.core.diagnostics import InputError
from build_tools.ingest.sources import decode, find_seed_files, read_source

# A real paragraph, in both scripts (the traditional one uses only characters Big5 can encode).
SIMPLIFIED = (
    "中国的半导体产业在过去二十年里经历了从无到有、从弱到强的过程。许多工程师回忆说，"
    "那时候连一台像样的测试设备都买不到，只能自己动手设计电路，一点一点地摸索。\n"
    "如今，国产芯片已经进入手机、汽车和数据中心，产业链上下游的企业也越来越多。"
    "2024年，全行业的研发投入超过了3000亿元，比五年前翻了一番。\n"
)
TRADITIONAL = (
    "中國的半導體產業在過去二十年裡經歷了從無到有、從弱到強的過程。許多工程師回憶說，"
    "那時候連一台像樣的測試設備都買不到，只能自己動手設計電路，一點一點地摸索。\n"
    "如今，國產晶片已經進入手機、汽車和資料中心，產業鏈上下游的企業也越來越多。\n"
)
EMPTY_MESSAGE = "the file is empty (or holds only white space)"


def decode_bytes(tmp_path: Path, data: bytes, name: str = "seed.txt"):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return decode(read_source(path, tmp_path))


def decode_error(tmp_path: Path, data: bytes, name: str = "seed.txt") -> str:
    with pytest.raises(InputError) as caught:
        decode_bytes(tmp_path, data, name)
    message = str(caught.value)
    assert str(caught.value.diagnostic) == message
    return message


def codec(name: str) -> str:
    return codecs.lookup(name).name


# ---------------------------------------------------------------- encodings that decode


def test_utf8(tmp_path):
    decoded = decode_bytes(tmp_path, SIMPLIFIED.encode("utf-8"))
    assert decoded.text == SIMPLIFIED
    assert codec(decoded.encoding) == "utf-8"


def test_utf8_with_bom_loses_the_bom_and_nothing_else(tmp_path):
    decoded = decode_bytes(tmp_path, codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8"))
    assert decoded.text == SIMPLIFIED
    assert "\ufeff" not in decoded.text


def test_gb18030_round_trips_exactly(tmp_path):
    decoded = decode_bytes(tmp_path, SIMPLIFIED.encode("gb18030"))
    assert decoded.text == SIMPLIFIED
    assert codec(decoded.encoding) == "gb18030"


def test_big5_traditional_text_round_trips_exactly(tmp_path):
    decoded = decode_bytes(tmp_path, TRADITIONAL.encode("big5"))
    assert decoded.text == TRADITIONAL
    assert codec(decoded.encoding) in {"big5", "big5hkscs"}


def test_big5_hkscs_hong_kong_characters(tmp_path):
    text = (
        "香港的𨋢（升降機）和巴士都是本地人每天必用的交通工具。"
        "政府近年推動創新科技，在數碼港和科學園培育了不少初創企業。\n"
    )
    decoded = decode_bytes(tmp_path, text.encode("big5hkscs"))
    assert decoded.text == text


@pytest.mark.parametrize("codec_name", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(tmp_path, codec_name):
    decoded = decode_bytes(tmp_path, ("\ufeff" + SIMPLIFIED).encode(codec_name))
    assert decoded.text == SIMPLIFIED


@pytest.mark.parametrize("codec_name", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(tmp_path, codec_name):
    decoded = decode_bytes(tmp_path, SIMPLIFIED.encode(codec_name))
    assert decoded.text == SIMPLIFIED


@pytest.mark.parametrize("codec_name", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_lone_cr_become_newlines(tmp_path, codec_name, newline):
    decoded = decode_bytes(tmp_path, SIMPLIFIED.replace("\n", newline).encode(codec_name))
    assert decoded.text == SIMPLIFIED
    assert "\r" not in decoded.text


def test_mixed_line_endings(tmp_path):
    decoded = decode_bytes(tmp_path, "第一行\r\n第二行\r第三行\n第四行\r\n\r\n第六行".encode())
    assert decoded.text == "第一行\n第二行\n第三行\n第四行\n\n第六行"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.text(alphabet=st.sampled_from(list("硬科技芯片产业链，。、“”（）：；ABCxyz0123456789 \n")), min_size=1).filter(
        lambda t: t.strip()
    ),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
)
def test_unambiguous_encodings_never_change_a_character(tmp_path, text, codec_name):
    assert decode_bytes(tmp_path, text.encode(codec_name)).text == text


@pytest.mark.parametrize(
    "text, codec_name",
    [
        ("联影发布的首款自研PET-CT芯片", "gb18030"),
        ("臺灣的半導體產業", "big5"),
        ("正視差距實為趕超前提", "big5"),
    ],
)
def test_short_legacy_text_is_not_mistaken_for_utf16(tmp_path, text, codec_name):
    # (Four characters alone, e.g. 推荐阅读, are valid in both GB18030 and Big5: no detector can decide.)
    decoded = decode_bytes(tmp_path, text.encode(codec_name))
    assert not codec(decoded.encoding).startswith("utf-16"), decoded.text
    assert decoded.text == text


# ---------------------------------------------------------------- files that cannot be used


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b" ",
        b" \r\n\t\n  \n",
        "\u3000\u3000\n".encode(),
        codecs.BOM_UTF8 + b" \n",
        ("\ufeff \u3000\r\n").encode("utf-16-le"),
    ],
    ids=["empty", "space", "whitespace", "ideographic-space", "utf8-bom-only", "utf16-bom-only"],
)
def test_empty_or_blank_file_is_an_input_error(tmp_path, data):
    message = decode_error(tmp_path, data, "blank.txt")
    assert message.startswith(f"blank.txt: {EMPTY_MESSAGE} — ")


@pytest.mark.parametrize(
    "data, kind",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(64), "JPEG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(64), "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00" + bytes(64), "ZIP"),
    ],
)
def test_binary_file_named_txt_is_an_input_error(tmp_path, data, kind):
    message = decode_error(tmp_path, data, "picture.txt")
    assert message.startswith("picture.txt: this is not a text file: it looks like ")
    assert kind in message.split(" — ")[0]
    assert " — " in message


def _long_utf8_with(bad: bytes, line: int, column_chars: int) -> tuple[bytes, int, int]:
    """A long UTF-8 file whose `line` has `bad` after `column_chars` characters; returns data, offset, byte column."""
    lines = [SIMPLIFIED.replace("\n", "").encode()] * 40
    target = lines[line - 1]
    prefix = SIMPLIFIED[:column_chars].encode()
    lines[line - 1] = prefix + bad + target[len(prefix) :]
    data = b"\n".join(lines) + b"\n"
    offset = sum(len(x) + 1 for x in lines[: line - 1]) + len(prefix)
    return data, offset, len(prefix) + 1


@pytest.mark.parametrize("bad", [b"\xff", b"\xc0\xaf", "芯".encode()[:2]], ids=["ff", "overlong", "cut-char"])
@pytest.mark.parametrize("line", [1, 17, 40])
def test_invalid_utf8_in_a_long_file_names_line_byte_and_hex(tmp_path, bad, line):
    data, offset, column = _long_utf8_with(bad, line, column_chars=12)
    message = decode_error(tmp_path, data, "damaged.txt")
    assert message.startswith(f"damaged.txt:{line}: invalid UTF-8 bytes {bad[:1].hex()}")
    assert f"invalid UTF-8 bytes {bad.hex(' ')} at byte {offset} (column {column})" in message  # exactly the bad bytes
    assert " — " in message


def test_invalid_utf8_line_numbers_count_crlf_lines(tmp_path):
    data, offset, _ = _long_utf8_with(b"\xff", 9, column_chars=3)
    message = decode_error(tmp_path, data.replace(b"\n", b"\r\n"), "windows.txt")
    assert message.startswith("windows.txt:9: invalid UTF-8 bytes ff")


# ---------------------------------------------------------------- names


def test_name_with_spaces_and_chinese_characters(tmp_path):
    name = "报 刊/证券日报 2024年12月 第 3 版.txt"
    decoded = decode_bytes(tmp_path, SIMPLIFIED.encode(), name)
    assert decoded.source.name == name
    assert decoded.text == SIMPLIFIED
    message = decode_error(tmp_path, b"", "报 刊/空 白.txt")
    assert message.startswith(f"报 刊/空 白.txt: {EMPTY_MESSAGE} — ")
    data, _, _ = _long_utf8_with(b"\xff", 5, column_chars=1)
    assert decode_error(tmp_path, data, "报 刊/坏 字节.txt").startswith("报 刊/坏 字节.txt:5: invalid UTF-8 bytes ff")


def test_read_source_keeps_the_exact_bytes_and_their_hash(tmp_path):
    import hashlib

    data = codecs.BOM_UTF8 + SIMPLIFIED.encode()
    path = tmp_path / "x.txt"
    path.write_bytes(data)
    source = read_source(path, tmp_path)
    assert source.data == data and source.sha256 == hashlib.sha256(data).hexdigest()
    assert source.path == path and source.name == "x.txt"


def test_find_seed_files_skips_sidecars_and_hidden_files(tmp_path):
    files = [
        "a.txt",
        "a.meta.yaml",
        ".hidden.txt",
        ".git/config",
        "sub/b.html",
        "sub/b.meta.yaml",
        "sub/.DS_Store",
        "c d 文章.md",
        ".cache/seed.txt",
    ]
    for name in files:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("硬科技\n", encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in find_seed_files(tmp_path)]
    assert found == ["a.txt", "c d 文章.md", "sub/b.html"]
    assert find_seed_files(tmp_path) == find_seed_files(tmp_path)


def test_find_seed_files_of_a_folder_with_only_sidecars_is_empty(tmp_path):
    (tmp_path / "x.meta.yaml").write_text("title: 标题\n", encoding="utf-8")
    assert find_seed_files(tmp_path) == []


# ---------------------------------------------------------------- saved pages: charset hints that lie

PAGE_TEXT = "国产芯片企业持续加大研发投入，订单从试用走向批量采购。产业链上下游协同是关键。"


@pytest.mark.parametrize(
    "head, codec_name, expected",
    [
        (
            '<script src="toolbar.js" charset="utf-8"></script>'
            '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
            "gb18030",
            "gb18030",
        ),
        ('<script src="a.js" charset="gbk"></script>', "utf-8", "utf-8"),
        (
            '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
            '<script src="b.js" charset="gb2312"></script>',
            "utf-8",
            "utf-8",
        ),
    ],
    ids=["toolbar-script-before-own-gb2312-meta", "only-a-script-charset", "meta-utf8-script-gb2312"],
)
def test_a_pages_script_charset_never_decides(tmp_path, head, codec_name, expected):
    html = f"<html><head>{head}<title>标题</title></head><body><p>{PAGE_TEXT * 3}</p></body></html>"
    decoded = decode_bytes(tmp_path, html.encode(codec_name), "page.html")
    assert codec(decoded.encoding) == expected
    assert PAGE_TEXT in decoded.text


def test_big5_user_defined_codes_become_private_use_characters_and_say_so(tmp_path):
    # 0x8DC1 and 0x8DF4 lie in Big5's user-defined area (an author's own list-number glyphs);
    # Microsoft's cp950 maps 0x8140-0x8DFE to U+EEB8-U+F6B0, 157 codes per lead byte (0x40-0x7E, then 0xA1-0xFE):
    # 0x8DC1 = U+EEB8 + 12*157 + (63 + 0xC1-0xA1) = U+F673, 0x8DF4 = U+EEB8 + 12*157 + (63 + 0xF4-0xA1) = U+F6A6.
    body = (
        (
            "<html><head><meta http-equiv='Content-Type' content='text/html; charset=Big5'><title>公告</title></head>"
            "<body><pre>"
        ).encode("big5")
        + b"\x8d\xc1"
        + "、其他公告事項：投標人應自行查明。".encode("big5")
        + b"\x8d\xf4"
        + "、本公告未盡事項，請參閱須知。</pre></body></html>".encode("big5")
    )
    decoded = decode_bytes(tmp_path, body, "notice.html")
    assert "\uf673、其他公告事項：投標人應自行查明。\uf6a6、本公告未盡事項，請參閱須知。" in decoded.text
    assert codec(decoded.encoding) == "cp950"
    assert "declared" in decoded.note and "2 user-defined" in decoded.note
