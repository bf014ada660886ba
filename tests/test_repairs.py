"""Exporter-broken Markdown is repaired before parsing: a picture or link, or nothing; never its syntax."""

from __future__ import annotations

import hashlib
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from build_tools.core.model import Decoded, SourceFile, block_texts
from build_tools.ingest.readers import read_documents

HAN = st.text(alphabet="图片作者头像说明正文新闻科技芯片发展研究", min_size=1, max_size=12)


def read(text: str):
    data = text.encode("utf-8")
    source = SourceFile(Path("a.md"), "a.md", data, hashlib.sha256(data).hexdigest())
    (document,) = read_documents(Decoded(source, text, "utf-8"))
    return document


def shown(document) -> str:
    return "\n".join(t for t in block_texts(document.blocks) if t)


@given(alt=HAN, name=st.sampled_from(["a b.png", "x  y z.jpg", "图 1.png"]))
def test_a_picture_address_with_spaces_is_a_picture(alt, name):
    document = read(f"# 标题\n\n正文第一段。\n\n![{alt}](https://img.example.org/{name})\n\n正文第二段。\n")
    figures = [b for b in document.blocks if b.kind == "figure"]
    assert len(figures) == 1 and figures[0].src.startswith("https://img.example.org/") and " " not in figures[0].src
    assert "![" not in shown(document) and "](" not in shown(document)
    assert any(r.rule == "markdown-address-spaces" for r in document.removals)


@given(alt=HAN)
def test_a_picture_line_cut_off_by_the_exporter_is_no_text(alt):
    document = read(f"# 标题\n\n正文第一段。\n\n![{alt}](http://mmbiz.example.org/ZoIGib0c12...\n\n正文第二段。\n")
    assert "![" not in shown(document) and "http" not in shown(document)
    assert [r.text for r in document.removals if r.rule == "markdown-cut-off-picture"] == [
        f"{alt} http://mmbiz.example.org/ZoIGib0c12..."
    ]


def test_a_cut_off_link_keeps_its_text_and_code_keeps_its_syntax():
    document = read("# 标题\n\n正文见[原文说明](https://example.org/a…\n\n```\n![代码](http://a b)\n```\n")
    text = shown(document)
    assert "原文说明" in text and "](https://example.org/a" not in text
    assert "![代码](http://a b)" in text  # inside a code block the syntax is the content
