"""Property tests: any text or HTML goes through readers and cleaning without surprises."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_tools.core.diagnostics import InputError
from build_tools.core.textutil import han_chars, strip_markup
from build_tools.ingest.clean import Context, clean, clean_blocks
from build_tools.ingest.readers import read_documents
from tests.test_readers import decoded

HAN_TEXT = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF), min_size=1, max_size=12)
PUNCT = st.sampled_from(
    [
        "，",
        "。",
        ",",
        ".",
        "?",
        "？",
        "：",
        ":",
        "“",
        "”",
        "(",
        ")",
        "（",
        "）",
        " ",
        "\n",
        "\n\n",
        "\t",
        "1",
        "２",
        "．",
        "%",
        "#",
        "*",
        "_",
        "<",
        ">",
        "&",
        "[",
        "]",
        "-",
        "—",
        "、",
        "；",
        "!",
        "A",
        "z",
    ]
)
CHINESE_LIKE = st.lists(st.one_of(HAN_TEXT, PUNCT), min_size=1, max_size=60).map("".join)
ANY_TEXT = st.one_of(CHINESE_LIKE, st.text(max_size=300))
# Tags that may be left open or closed twice: their text stays article text however badly they nest.
STRUCTURE = st.sampled_from(
    [
        "p",
        "div",
        "span",
        "strong",
        "b",
        "em",
        "a",
        "img",
        "ul",
        "li",
        "table",
        "td",
        "blockquote",
        "br",
        "figure",
        "figcaption",
    ]
)
# Only ever whole: an unclosed script, embed or navigation rightly hides the article after it, and an unclosed
# heading turns it into one long title.
WHOLE_ONLY = st.sampled_from(["script", "iframe", "nav", "h2", "h3"])
ARTICLE = "<p>这是文章的正文，写得完整。</p><p>尾</p><p>尾</p>"
FRONT_MATTER = "---\ntitle: 标题\n---\n"
BROKEN_FRONT_MATTER = "---\ntitle: [\n---\n"


@st.composite
def html_documents(draw):
    """Random, badly nested markup and text, then a real article: every one of them is a readable seed."""
    parts = []
    for _ in range(draw(st.integers(1, 25))):
        choice = draw(st.integers(0, 4))
        tag = draw(STRUCTURE)
        if choice == 0:
            parts.append(f"<{tag}>")
        elif choice == 1:
            parts.append(f"</{tag}>")
        elif choice == 2:
            parts.append(
                f'<{tag} href="{draw(st.sampled_from(["https://a.cn/", "javascript:x()", "/p"]))}" '
                f'alt="{draw(HAN_TEXT)}" onclick="x()">'
            )
        elif choice == 3:
            whole = draw(WHOLE_ONLY)
            parts.append(f"<{whole}>{draw(HAN_TEXT)}</{whole}>")
        else:
            parts.append(draw(CHINESE_LIKE))
    front = draw(st.sampled_from(["", FRONT_MATTER]))
    return front + "<div>" + "".join(parts) + "</div>" + ARTICLE


def _visible_han(article) -> Counter:
    counter = Counter(han_chars(article.title))
    counter.update(han_chars(article.raw.byline))

    def visit(blocks):
        for block in blocks:
            for text in (block.text, block.byline, *block.notes, *block.items):
                counter.update(han_chars(strip_markup(text)))
            visit(block.children)

    visit(article.blocks)
    return counter


def _body_han(text: str, fmt: str) -> Counter:
    """Han characters a reader should see: all of a text file; an HTML file's text and picture descriptions."""
    if fmt != "html":
        return Counter(han_chars(text))
    from bs4 import BeautifulSoup

    from build_tools.ingest.readers.frontmatter import split_front_matter

    front = split_front_matter(decoded(text))
    fields, body = front.fields, front.body
    soup = BeautifulSoup(body, "lxml")
    counter = Counter(han_chars(soup.get_text()))
    for img in soup.find_all("img"):
        counter.update(han_chars(img.get("alt", "") + img.get("title", "")))
    counter.update(han_chars(" ".join(str(v) for v in fields.values())))
    return counter


def _assert_nothing_lost(text: str, documents) -> None:
    """Every Han character a reader should see is on the page or in a removal with a named rule; cleaning is stable."""
    kept, removed = Counter(), Counter()
    for document in documents:
        article = clean(document)
        kept.update(_visible_han(article))
        for removal in article.report.removals:
            removed.update(han_chars(removal.text))
        # cleaning a cleaned document changes nothing
        again = clean_blocks(list(article.blocks), Context(document.format, article.title))
        assert again == list(article.blocks)
    lost = _body_han(text, documents[0].format) - kept - removed
    assert not lost, f"Han characters vanished without a named rule: {''.join(lost.elements())}"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT)
def test_random_text_is_read_without_loss_or_refused_only_when_it_holds_no_article(text):
    try:
        documents = read_documents(decoded(text))
    except InputError as error:
        # Refused only when there is no sentence to show, just what reads as a title (README: an optional title line,
        # short, without sentence punctuation); the editor is told so.
        assert error.diagnostic.message.startswith("no article text found"), str(error)
        # emphasis marks (`*`, `_`, `` ` ``, `~`) are not part of a title's length: a reader sees the words only
        lines = text.split("\n")
        assert all(len(re.sub(r"[*_`~]", "", line).strip()) <= 40 for line in lines), str(error)
        assert not any(set(line) & set("，。；：,;") for line in lines), str(error)
        return
    _assert_nothing_lost(text, documents)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT, HAN_TEXT)
def test_random_text_with_a_body_is_read_and_cleaned_without_loss(head, body):
    text = f"{head}\n\n{body}。\n"
    _assert_nothing_lost(text, read_documents(decoded(text)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html_documents())
def test_random_html_is_read_and_cleaned_without_loss(text):
    _assert_nothing_lost(text, read_documents(decoded(text)))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html_documents())
def test_broken_front_matter_is_refused_naming_its_line(text):
    with pytest.raises(InputError) as error:
        read_documents(decoded(BROKEN_FRONT_MATTER + text.removeprefix(FRONT_MATTER)))
    assert error.value.diagnostic.message.startswith("malformed YAML front matter")
    assert 2 <= error.value.diagnostic.line <= 3  # inside the front matter, lines 1–3
