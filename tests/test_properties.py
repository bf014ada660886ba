"""Property tests: any text or HTML goes through readers and cleaning without surprises."""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, given, settings, strategies as st

from build_tools.clean import Context, clean, clean_blocks
from build_tools.diagnostics import InputError
from build_tools.readers import read_documents
from build_tools.textutil import han_chars, strip_markup
from tests.test_readers import decoded

HAN_TEXT = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF), min_size=1, max_size=12)
PUNCT = st.sampled_from(["，", "。", ",", ".", "?", "？", "：", ":", "“", "”", "(", ")", "（", "）", " ", "\n", "\n\n", "\t",
                         "1", "２", "．", "%", "#", "*", "_", "<", ">", "&", "[", "]", "-", "—", "、", "；", "!", "A", "z"])
CHINESE_LIKE = st.lists(st.one_of(HAN_TEXT, PUNCT), min_size=1, max_size=60).map("".join)
ANY_TEXT = st.one_of(CHINESE_LIKE, st.text(max_size=300))
TAGS = st.sampled_from(["p", "div", "span", "strong", "b", "em", "a", "img", "h2", "h3", "ul", "li", "table", "td",
                        "script", "iframe", "nav", "blockquote", "br", "figure", "figcaption", "article"])


@st.composite
def html_documents(draw):
    parts = []
    for _ in range(draw(st.integers(1, 25))):
        choice = draw(st.integers(0, 3))
        tag = draw(TAGS)
        if choice == 0:
            parts.append(f"<{tag}>")
        elif choice == 1:
            parts.append(f"</{tag}>")
        elif choice == 2:
            parts.append(f'<{tag} href="{draw(st.sampled_from(["https://a.cn/", "javascript:x()", "/p"]))}" '
                         f'alt="{draw(HAN_TEXT)}" onclick="x()">')
        else:
            parts.append(draw(CHINESE_LIKE))
    front = draw(st.sampled_from(["", "---\ntitle: 标题\n---\n", "---\ntitle: [\n---\n"]))
    return front + "<div>" + "".join(parts) + "</div><p>尾</p><p>尾</p>"


def _documents(text: str):
    try:
        return read_documents(decoded(text))
    except InputError:
        return []


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
    from build_tools.readers.frontmatter import split_front_matter
    front = split_front_matter(decoded(text))
    fields, body = front.fields, front.body
    soup = BeautifulSoup(body, "lxml")
    counter = Counter(han_chars(soup.get_text()))
    for img in soup.find_all("img"):
        counter.update(han_chars(img.get("alt", "") + img.get("title", "")))
    counter.update(han_chars(" ".join(str(v) for v in fields.values())))
    return counter


def _check(text: str) -> None:
    documents = _documents(text)
    kept, removed = Counter(), Counter()
    for document in documents:
        article = clean(document)
        kept.update(_visible_han(article))
        for removal in article.report.removals:
            removed.update(han_chars(removal.text))
        # cleaning a cleaned document changes nothing
        again = clean_blocks(list(article.blocks), Context(document.format, article.title))
        assert again == list(article.blocks)
    if documents:
        lost = _body_han(text, documents[0].format) - kept - removed
        assert not lost, f"Han characters vanished without a named rule: {''.join(lost.elements())}"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT)
def test_random_text_is_read_and_cleaned_without_loss(text):
    _check(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html_documents())
def test_random_html_is_read_and_cleaned_without_loss(text):
    _check(text)
