"""The search index's parts, without a browser: number and hash formats, passages, tokens, files.

Expected values are written by hand (or are published test vectors), never computed with the code.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from build_tools.search import IndexSettings, IndexWriter, search_document
from build_tools.search.encoding import decode_numbers, encode_number, shard_of
from build_tools.search.passages import BODY, HEADING, TITLE, Passage, page_passages, result_meta_line
from build_tools.search.tokens import Folder, Tokenizer


@pytest.mark.parametrize(
    "value, text",
    [
        (0, "0"),
        (31, "v"),
        (32, "B0"),
        (1023, "(v"),
        (1024, "BA0"),
        (5 * 32 + 7, "F7"),
    ],
    ids=["zero", "largest-one-digit", "smallest-two-digits", "largest-two-digits", "three-digits", "mixed"],
)
def test_numbers_are_written_in_base_32_with_a_distinct_last_digit(value, text):
    assert encode_number(value) == text
    assert decode_numbers(text) == [value]


def test_numbers_need_no_separator():
    assert decode_numbers("0vB0(vBA0") == [0, 31, 32, 1023, 1024]


@pytest.mark.parametrize(
    "token, digest", [("", 0x811C9DC5), ("a", 0xE40C292C), ("foobar", 0xBF9CF968)], ids=["empty", "a", "foobar"]
)
def test_shards_are_chosen_by_fnv1a_32_as_published(token, digest):
    """The published FNV-1a test vectors; the browser computes the same over UTF-16 code units."""
    assert shard_of(token, 1 << 32) == digest
    assert shard_of(token, 16) == digest % 16


ARTICLE_HTML = """
<h1 id="t">标题<a class="headerlink" href="#t">¶</a></h1>
<p class="article-meta"><span>约 8 分钟读完（3057 字）</span></p>
<p class="article-topics" data-no-search="">话题：<a href="x.html">卡脖子</a></p>
<h2 id="yi">第一节<a class="headerlink" href="#yi">¶</a></h2>
<p id="p1">正文有<abbr title="解释">卡脖子</abbr>一词。</p>
<figure class="figure-note"><p><strong>图</strong>　图片说明</p></figure>
<ul><li>列表一项</li></ul>
<h2 id="xiangguan" data-no-search="">相关文章</h2>
<ul><li><a href="y.html">别的文章标题</a></li></ul>
<h3 id="sub">相关文章里的小节</h3>
<p id="p9">也不算正文</p>
<h2 id="er">第二节</h2>
<p id="p2">第二段，  有空格
换行。</p>
"""


def test_passages_are_the_text_a_reader_sees_with_the_anchor_results_link_to():
    assert page_passages("页面标题", ARTICLE_HTML) == (
        Passage("", TITLE, "页面标题"),
        Passage("yi", HEADING, "第一节"),
        Passage("p1", BODY, "正文有卡脖子一词。"),
        Passage("p1", BODY, "图 图片说明"),  # a caption links to the paragraph before it
        Passage("p1", BODY, "列表一项"),
        Passage("er", HEADING, "第二节"),
        Passage("p2", BODY, "第二段， 有空格 换行。"),
    )


def test_pages_marked_search_exclude_are_not_indexed():
    assert search_document("a.html", {"title": "列表", "search": {"exclude": True}}, "<p>文字</p>") is None


@pytest.mark.parametrize(
    "meta, line",
    [
        ({"provenance": {"seed": "x"}, "source": "证券日报", "date": "2024-12"}, "证券日报 · 2024-12"),
        ({"provenance": {"seed": "x"}, "edition": "zh-Hant", "unknown": "日期不詳"}, "日期不詳"),
        ({"provenance": {"seed": "x"}, "source": "某机构", "part_of": "某报告"}, "某机构 · 日期不详 · 某报告"),
        ({"title": "话题页"}, ""),
    ],
    ids=["source-and-date", "undated-traditional", "report-chapter", "not-an-article"],
)
def test_result_line_names_source_and_date_like_the_article_lists(meta, line):
    assert result_meta_line(meta, meta.get("unknown", "日期不详")) == line


@pytest.fixture(scope="module")
def tokenizer(tmp_path_factory) -> Tokenizer:
    folder = tmp_path_factory.mktemp("tokens")
    (folder / "fold.txt").write_text("內 内\n捲 卷\n關 关\n係 系\n", encoding="utf-8")
    (folder / "user.txt").write_text("卡脖子 200000 n\n", encoding="utf-8")
    return Tokenizer(Folder(folder / "fold.txt"), None, folder / "user.txt")


def _tokens(tokenizer: Tokenizer, text: str) -> dict[str, list[tuple[int, bool]]]:
    return {token: [(value >> 1, bool(value & 1)) for value in values] for token, values in tokenizer.occurrences(text)}


def test_every_two_han_characters_are_a_token_and_words_are_flagged(tokenizer):
    tokens = _tokens(tokenizer, "卡脖子问题")
    assert tokens["卡脖"] == [(0, False)] and tokens["子问"] == [(2, False)]  # bigrams that are no word
    assert tokens["脖子"] == [(1, True)] and tokens["问题"] == [
        (3, True)
    ]  # jieba's words (search mode: 脖子 inside 卡脖子)
    assert tokens["卡脖子"] == [(0, True)]  # the glossary's word, as a token of its own


def test_latin_words_are_lower_cased_and_full_width_folded(tokenizer):
    tokens = _tokens(tokenizer, "TSMC和ＡＩ芯片")
    assert tokens["tsmc"] == [(0, True)] and tokens["ai"] == [(5, True)]
    assert "和a" not in tokens and "芯片" in tokens


def test_traditional_characters_are_folded_so_both_scripts_meet(tokenizer):
    assert "内卷" in _tokens(tokenizer, "內捲嚴重")
    assert "关系" in _tokens(tokenizer, "中美關係")


def _script_data(path: Path) -> list:
    """The JSON arguments of `__readerSearch.x(…);` in an index file."""
    text = path.read_text(encoding="utf-8").strip()
    assert text.startswith("__readerSearch.") and text.endswith(");")
    return json.loads("[" + text[text.index("(") + 1 : -2] + "]")


def test_index_files_hold_positions_of_each_document(tmp_path):
    writer = IndexWriter(tmp_path, IndexSettings("zh-Hans"))
    writer.add(search_document("a.html", {"title": "甲"}, '<p id="p1">芯片产业</p>'))
    writer.add(search_document("b.html", {"title": "乙"}, '<p id="p1">没有</p><p id="p2">芯片芯片</p>'))
    figures = writer.finish()
    manifest = _script_data(tmp_path / "search" / "manifest.js")[0]
    assert manifest["documents"] == figures["documents"] == 2
    shards = {}
    for path in (tmp_path / "search" / "t").glob("*.js"):
        shards.update(_script_data(path)[1])
    # document gap, count, then (position gap * 8 + field * 2 + whole word) for each occurrence:
    # a.html: title 甲 (1 character + gap) → body 芯片 at 2; b.html: 乙 + gap, 没有 + gap → 芯片 at 5 and 7
    assert decode_numbers(shards["芯片"]) == [0, 1, 2 * 8 + 1, 1, 2, 5 * 8 + 1, 2 * 8 + 1]
    document = _script_data(tmp_path / "search" / "d" / "1.js")
    assert document == [
        1,
        {"u": "b.html", "t": "乙", "m": "", "x": [["", 2, "乙"], ["p1", 0, "没有"], ["p2", 0, "芯片芯片"]]},
    ]


def test_markup_in_a_title_stays_inert_text_in_the_index_file(tmp_path):
    writer = IndexWriter(tmp_path, IndexSettings("zh-Hans"))
    writer.add(search_document("a.html", {"title": "</script><img src=x onerror=alert(1)>\u2028标题"}, "<p>正文</p>"))
    writer.finish()
    text = (tmp_path / "search" / "d" / "0.js").read_text(encoding="utf-8")
    assert "</script>" not in text and "\u2028" not in text
    assert _script_data(tmp_path / "search" / "d" / "0.js")[1]["t"] == "</script><img src=x onerror=alert(1)>\u2028标题"


def test_the_browser_and_the_indexer_agree_on_what_a_han_character_is():
    """search-engine.js cuts queries with its own character class; it must be the indexer's, or queries and
    index would split text differently."""
    import re as regex

    from build_tools.core.textutil import SEARCH_HAN_RANGES

    script = (
        Path(__file__).resolve().parent.parent / "overrides" / "assets" / "javascripts" / "search-engine.js"
    ).read_text(encoding="utf-8")
    classes = regex.findall(r"var HAN(?:_RUN_OR_WORD)? = /\^?\[((?:\\u[0-9a-f]{4}-\\u[0-9a-f]{4})+)\]", script)
    assert len(classes) == 2
    for found in classes:
        spans = tuple((int(a, 16), int(b, 16)) for a, b in regex.findall(r"\\u([0-9a-f]{4})-\\u([0-9a-f]{4})", found))
        assert spans == SEARCH_HAN_RANGES


def test_a_list_entry_holding_a_sublist_keeps_its_own_words():
    """Nested lists (a common Markdown outline): the entry's own text is searchable, not only its sublist's."""
    from build_tools.search.passages import page_passages

    passages = page_passages("标题", '<ul><li id="p3">不承担商品销售的风险<ul><li>设计商做品牌</li></ul></li></ul>')
    assert [(p.anchor, p.text) for p in passages[1:]] == [("p3", "不承担商品销售的风险"), ("p3", "设计商做品牌")]


@pytest.mark.unit
def test_passage_tokens_kept_on_disk_are_the_tokens_and_spare_loading_jieba(tmp_path, tokenizer):
    """A rebuild reads the tokens of passages it cut before instead of cutting them (and loading jieba) again;
    a damaged file is cut again."""
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "fold.txt").write_text("內 内\n捲 卷\n", encoding="utf-8")
    (folder / "user.txt").write_text("卡脖子 200000 n\n", encoding="utf-8")
    texts = ["卡脖子问题与內捲", "TSMC和ＡＩ芯片的订单"]

    def fresh() -> Tokenizer:
        return Tokenizer(Folder(folder / "fold.txt"), None, folder / "user.txt", tmp_path / "tokens")

    first = fresh()
    expected = [Tokenizer(Folder(folder / "fold.txt"), None, folder / "user.txt").occurrences(t) for t in texts]
    assert [first.occurrences(t) for t in texts] == expected and first.cut_passages == 2
    second = fresh()
    assert [second.occurrences(t) for t in texts] == expected
    assert second.cut_passages == 0 and "jieba" not in vars(second), "jieba was loaded for cached passages"
    for stored in (tmp_path / "tokens").rglob("*"):
        if stored.is_file():
            stored.write_bytes(b"\x00damaged")
    third = fresh()
    assert [third.occurrences(t) for t in texts] == expected and third.cut_passages == 2
    (folder / "user.txt").write_text("卡脖子 200000 n\n问题与 100 n\n", encoding="utf-8")  # another dictionary
    changed = fresh()
    changed.occurrences(texts[0])
    assert changed.cut_passages == 1, "tokens cut with another dictionary were reused"


def _index_files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file()}


def test_a_document_indexed_before_is_read_back_and_the_index_is_byte_identical(tmp_path, monkeypatch):
    """A rebuild takes each document it indexed before (same passages, same tokenizer) from the cache, whatever
    its number now; the files are those of an index built from nothing, and a changed document is indexed anew."""
    pages = [
        ("a.html", "甲", '<p id="p1">芯片产业</p><p id="p2">卡脖子</p>'),
        ("b.html", "乙", '<p id="p1">没有芯片</p>'),
        ("c.html", "丙", '<p id="p1">芯片芯片，TSMC</p>'),
    ]

    def build(site: Path, documents, cache: Path | None) -> dict[str, bytes]:
        writer = IndexWriter(site, IndexSettings("zh-Hans", token_cache=cache))
        for url, title, body in documents:
            writer.add(search_document(url, {"title": title}, body))
        writer.finish()
        return _index_files(site)

    cache = tmp_path / "tokens"
    build(tmp_path / "first", pages, cache)
    rearranged = [("new.html", "新", '<p id="p1">今天的芯片新闻</p>'), pages[2], pages[0], pages[1]]
    expected = build(tmp_path / "cold", rearranged, None)
    indexed: list[str] = []
    real_occurrences = Tokenizer._stored_occurrences

    def counting(self, text):
        indexed.append(text)
        return real_occurrences(self, text)

    monkeypatch.setattr(Tokenizer, "_stored_occurrences", counting)
    assert build(tmp_path / "again", rearranged, cache) == expected
    assert indexed == ["新", "今天的芯片新闻"], "documents indexed before were tokenised again"
    for stored in (cache / "documents").rglob("*"):
        if stored.is_file():
            stored.write_bytes(b"\x00damaged")
    assert build(tmp_path / "damaged", rearranged, cache) == expected


# -- the word table: a mainland word typed into a traditional edition written in Taiwan words ---------------


def _line_by_line(mapping: dict[str, str]):
    """A converter that knows only the given words (one a line, as the word table converts them)."""
    return lambda text: "\n".join(mapping.get(line, line) for line in text.split("\n"))


def test_word_pairs_are_mainland_words_and_what_the_edition_writes_for_them():
    from build_tools.search.dictionaries import taiwan_word_pairs

    phrases = ["芯片", "軟件", "設備", "SQL注入", "U盤"]
    to_simplified = _line_by_line({"軟件": "软件", "設備": "设备", "U盤": "U盘"})
    to_traditional = _line_by_line(
        {"芯片": "晶片", "软件": "軟體", "设备": "設備", "SQL注入": "SQL隱碼攻擊", "U盘": "隨身碟"}
    )
    fold = str.maketrans({"軟": "软", "體": "体", "設": "设", "備": "备", "隱": "隐", "碼": "码", "擊": "击"})
    assert taiwan_word_pairs(phrases, to_simplified, to_traditional, lambda text: text.translate(fold)) == [
        ("芯片", "晶片"),  # written in another word: kept
        ("软件", "软体"),  # a traditional key is paired in simplified, both sides folded as the index folds
        # 設備: the edition keeps the word (an editor's rule), nothing to fold; SQL注入, U盘: not Han words only
    ]


def test_the_pinned_opencc_taiwan_table_gives_the_words_readers_type():
    from build_tools.chinese.opencc_engine import plain_converter
    from build_tools.search.dictionaries import _opencc_taiwan_phrases, taiwan_word_pairs

    source = _opencc_taiwan_phrases()
    if source is None:
        pytest.skip("the installed OpenCC engine ships no TWPhrases.txt (the official binding)")
    t2s, s2twp = plain_converter("t2s"), plain_converter("s2twp")
    phrases = [line.split("\t")[0] for line in source.read_text(encoding="utf-8").splitlines() if "\t" in line]

    def fold(text: str) -> str:  # character by character, as the index folds
        return "".join(c if len(t2s(c)) != 1 else t2s(c) for c in text)

    pairs = dict(taiwan_word_pairs(phrases, t2s, s2twp, fold))
    for mainland, taiwan in [("芯片", "晶片"), ("人工智能", "人工智慧"), ("软件", "软体"), ("网络", "网路")]:
        assert pairs.get(mainland) == taiwan, mainland
    assert all(mainland != taiwan for mainland, taiwan in pairs.items())
    assert 200 < len(pairs) <= len(phrases)


def test_word_table_is_written_once_per_converter_and_read_back(tmp_path):
    from build_tools.search.dictionaries import read_fold_table, word_fold_table

    source = tmp_path / "TWPhrases.txt"
    source.write_text("芯片\t晶片\n人工智能\t人工智慧\n", encoding="utf-8")
    fold = tmp_path / "fold.txt"
    fold.write_text("體 体\n", encoding="utf-8")
    to_traditional = _line_by_line({"芯片": "晶片", "人工智能": "人工智慧"})
    path = word_fold_table(lambda text: text, to_traditional, fold, "one", tmp_path, source)
    assert path is not None and read_fold_table(path) == {"人工智能": "人工智慧", "芯片": "晶片"}
    assert word_fold_table(lambda text: text, to_traditional, fold, "one", tmp_path, source) == path
    other = word_fold_table(lambda text: text, lambda text: text, fold, "another", tmp_path, source)
    assert other != path and other is not None and read_fold_table(other) == {}


@pytest.mark.parametrize(
    "text, kept",
    [
        ("晶片产业", {"芯片"}),
        ("人工智慧网路", {"人工智能", "网络"}),
        ("资讯科技", {"信息", "信息技术"}),  # a Taiwan word beginning another: both are on the page
        ("网际网路", {"互联网", "网络"}),  # one inside another: 网络 typed finds the 网路 in 网际网路
        ("没有台湾用语", set()),
    ],
    ids=["one-word", "two-words", "prefix", "inside", "none"],
)
def test_only_pairs_whose_taiwan_word_the_pages_hold_go_to_the_browser(text, kept):
    from build_tools.search.index import WordsSeen

    pairs = {"芯片": "晶片", "人工智能": "人工智慧", "网络": "网路", "信息": "资讯", "信息技术": "资讯科技"}
    pairs["互联网"] = "网际网路"
    seen = WordsSeen(pairs)
    seen.look(text)
    assert seen.table() == {mainland: pairs[mainland] for mainland in kept}


def test_a_traditional_manifest_carries_the_word_table_and_a_simplified_one_nothing_more(tmp_path):
    table = tmp_path / "words.txt"
    table.write_text("芯片 晶片\n软件 软体\n", encoding="utf-8")
    fold = tmp_path / "fold.txt"
    fold.write_text("體 体\n", encoding="utf-8")
    manifests = {}
    for edition, words in [("zh-Hant", table), ("zh-Hans", None)]:
        writer = IndexWriter(tmp_path / edition, IndexSettings(edition, fold_table=fold, word_table=words))
        writer.add(search_document("a.html", {"title": "甲"}, '<p id="p1">晶片產業</p>'))
        writer.finish()
        manifests[edition] = _script_data(tmp_path / edition / "search" / "manifest.js")[0]
    assert manifests["zh-Hant"]["words"] == {"芯片": "晶片"}  # no page holds 軟體: 软件 stays out
    assert "words" not in manifests["zh-Hans"]


@pytest.mark.unit
def test_the_fold_takes_a_character_to_its_end_in_one_step(tmp_path):
    """OpenCC simplifies 麼 to 么 and 么 to 幺: the index and the browser fold once, so 什麼 and 什么 must both
    end as 什幺, or a query typed in traditional misses what the simplified page says."""
    from build_tools.search.dictionaries import fold_table

    chain = str.maketrans({"麼": "么", "么": "幺", "後": "后"})
    path = fold_table(lambda text: text.translate(chain), "chain-test", tmp_path)
    pairs = dict(line.split(" ") for line in path.read_text(encoding="utf-8").splitlines() if line)
    assert pairs["麼"] == pairs["么"] == "幺" and pairs["後"] == "后"
    assert not set(pairs.values()) & set(pairs), "a folded character is folded again"


def test_the_session_fold_table_is_closed(search_dictionaries):
    [table] = list(search_dictionaries.glob("fold-v3-*.txt"))
    pairs = dict(line.split(" ") for line in table.read_text(encoding="utf-8").splitlines() if line)
    assert pairs.get("麼") == pairs.get("么") and not set(pairs.values()) & set(pairs)
