"""Messy input, as maintainers will collect it: each problem reported once with file and line,
everything else still built."""

from __future__ import annotations

import codecs

import pytest

from build_tools.config.settings import BuildSettings
from build_tools.pipeline import build, check
from tests.conftest import primed_cache

pytestmark = pytest.mark.build  # every test builds or checks a collection of seeds

ARTICLE = (
    "{title}\n\n第一段正文，讲的是芯片产业在出口管制下的自主创新。\n\n第二段正文，企业加大研发投入，走出了内卷。\n"
)
TRAD = "{title}\n\n第一段正文，講的是芯片產業在出口管制下的自主創新。\n\n第二段正文，企業加大研發投入。\n"


def _write_seeds(folder):
    folder.mkdir()
    files = {
        "empty.txt": b"",
        "blank.txt": b" \n\t\n\xe3\x80\x80\n",
        "image.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200),
        "bad utf8.txt": ARTICLE.format(title="坏字节").encode() + b"\xff\xfe\xfa" + "尾巴。\n".encode(),
        "gb18030.txt": ARTICLE.format(title="国标编码的文章").encode("gb18030"),
        "big5.txt": TRAD.format(title="大五碼的文章").encode("big5"),
        "utf16.txt": codecs.BOM_UTF16_LE + ARTICLE.format(title="双字节编码的文章").encode("utf-16-le"),
        "crlf.txt": ARTICLE.format(title="视窗换行的文章").replace("\n", "\r\n").encode(),
        "cr.txt": ARTICLE.format(title="旧式换行的文章").replace("\n", "\r").encode(),
        "bom.txt": codecs.BOM_UTF8 + ARTICLE.format(title="带签名的文章").encode(),
        "bad yaml.txt": (
            "---\ntitle: 好标题\nauthor: [没有闭合\n---\n<p>正文一。</p><p>正文二。</p><p>正文三。</p>\n"
        ).encode(),
        "wrong types.txt": (
            "---\ntitle: 类型不对的文章\ndate: 下个月\nauthor: {名字: 张三}\n---\n"
            "<p>正文一，讲卡脖子。</p><p>正文二。</p><p>正文三。</p>\n"
        ).encode(),
        "broken.txt": (
            "<html><body><div><p>没有闭合的段落，讲硬科技<table><tr><td>嵌套<table><tr><td>表格里的字"
            "</td></table><p>继续写。</div></body>"
        ).encode(),
        "saved page.txt": (
            "<!DOCTYPE html><html><head><title>另存的网页文章</title><script>var ad=1</script></head><body>"
            "<nav>首页 | 新闻 | 登录</nav><!-- 广告位 --><article><h1>另存的网页文章</h1><p>文章第一段，说算力。</p>"
            "<p>文章第二段。</p></article><footer>版权所有 联系我们</footer></body></html>"
        ).encode(),
        "中文 名字 #1?.txt": ARTICLE.format(title="文件名奇怪的文章").encode(),
        "same-a.txt": ARTICLE.format(title="同名的文章").encode(),
        "same-b.txt": ARTICLE.format(title="同名的文章").encode(),
        "long line.txt": ("一行很长的文章\n\n" + "正文很长，" * 200000 + "结束。\n").encode(),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)


@pytest.fixture(scope="module")
def messy(tmp_path_factory, search_dictionaries):
    root = tmp_path_factory.mktemp("messy")
    _write_seeds(root / "seeds")
    cache = primed_cache(search_dictionaries, root / "cache")
    settings = BuildSettings(seeds=root / "seeds", docs=root / "docs", site=root / "site", cache=cache)
    diagnostics, report = build(settings)
    return settings, diagnostics, report


def test_each_bad_file_is_reported_once_with_path_and_line(messy):
    _, diagnostics, _ = messy
    errors = [str(d) for d in diagnostics.errors]
    expected_prefixes = [
        "empty.txt: the file is empty (or holds only white space) — ",
        "blank.txt: the file is empty (or holds only white space) — ",
        "image.txt: this is not a text file: it looks like a PNG image — ",
        "bad utf8.txt:6: invalid UTF-8 bytes ff fe fa at byte",
        "bad yaml.txt:3: malformed YAML front matter",
    ]
    for prefix in expected_prefixes:
        assert sum(1 for e in errors if e.startswith(prefix)) == 1, (prefix, errors)
    assert len(errors) == len(expected_prefixes), errors


def test_wrong_front_matter_types_are_warnings_naming_the_line(messy):
    warnings = [str(d) for d in messy[1].warnings]
    assert any(w.startswith("wrong types.txt:3: front matter field `date` is not a date") for w in warnings)
    assert any(w.startswith("wrong types.txt:4: front matter field `author` is not a name") for w in warnings)
    assert sum(1 for w in warnings if "another page already uses the address" in w) == 1


def test_every_good_seed_was_built(messy):
    settings, _, report = messy
    built = set(report["seeds"])
    good = {
        "gb18030.txt",
        "big5.txt",
        "utf16.txt",
        "crlf.txt",
        "cr.txt",
        "bom.txt",
        "wrong types.txt",
        "broken.txt",
        "saved page.txt",
        "中文 名字 #1?.txt",
        "same-a.txt",
        "same-b.txt",
        "long line.txt",
    }
    assert good <= built
    titles = "\n".join(p.read_text(encoding="utf-8") for p in (settings.docs / "zh-Hans" / "articles").glob("*.md"))
    for title in (
        "国标编码的文章",
        "大五码的文章",
        "双字节编码的文章",
        "视窗换行的文章",
        "旧式换行的文章",
        "带签名的文章",
        "类型不对的文章",
        "另存的网页文章",
        "文件名奇怪的文章",
        "一行很长的文章",
    ):
        assert f"title: {title}" in titles, title
    assert (settings.site / "index.html").exists()
    for entry in report["seeds"].values():
        assert entry["han_missing"] == 0


def test_saved_web_page_keeps_the_article_and_drops_the_chrome(messy):
    settings, _, report = messy
    page = settings.docs / "zh-Hans" / report["seeds"]["saved page.txt"]["pages"][0]
    text = page.read_text(encoding="utf-8")
    assert "文章第一段" in text and "登录" not in text and "版权所有" not in text and "var ad" not in text
    removed = {r["rule"]: r["text"] for r in report["seeds"]["saved page.txt"]["removals"]}
    assert "登录" in removed["site-navigation"] and "版权所有" in removed["site-footer"]


def test_unsafe_file_names_become_safe_addresses(messy):
    _, _, report = messy
    for path in report["seeds"]["中文 名字 #1?.txt"]["pages"] + report["seeds"]["same-b.txt"]["pages"]:
        assert path.isascii() and " " not in path and "#" not in path and "?" not in path


def test_strict_turns_warnings_into_a_failed_build(tmp_path, search_dictionaries):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in ("a.txt", "b.txt"):
        (seeds / name).write_text(ARTICLE.format(title="同名的文章"), encoding="utf-8")
    settings = BuildSettings(
        seeds=seeds,
        docs=tmp_path / "docs",
        site=tmp_path / "site",
        cache=primed_cache(search_dictionaries, tmp_path / "cache"),
        strict=True,
    )
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "previous.html").write_text("the last good site", encoding="utf-8")
    (tmp_path / "docs" / "zh-Hans").mkdir(parents=True)
    (tmp_path / "docs" / "zh-Hans" / "previous.md").write_text("the last good docs", encoding="utf-8")
    diagnostics, _ = build(settings)
    assert diagnostics.warnings
    assert (tmp_path / "site" / "previous.html").read_text(encoding="utf-8") == "the last good site"
    assert (tmp_path / "docs" / "zh-Hans" / "previous.md").read_text(encoding="utf-8") == "the last good docs"
    assert not list((tmp_path / "docs").glob(".*.new"))


def test_a_ten_megabyte_seed_is_read_and_checked(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    paragraph = "中国的芯片产业在出口管制之下加快自主创新，企业纷纷加大研发投入。" * 8
    (seeds / "big.txt").write_text("大文件标题\n\n" + "\n\n".join([paragraph] * 13000), encoding="utf-8")
    assert (seeds / "big.txt").stat().st_size >= 10_000_000
    diagnostics = check(
        BuildSettings(seeds=seeds, docs=tmp_path / "docs", site=tmp_path / "site", cache=tmp_path / "cache")
    )
    assert not diagnostics.items, [str(d) for d in diagnostics.items]


@pytest.mark.parametrize(
    "which, text, expected",
    [
        (
            "glossary",
            "terms:\n  - {term: 甲, gloss: a, definition: ''}\n",
            "glossary.yaml:2: entry '甲', field 'definition': missing or empty",
        ),
        ("overrides", "to_traditional:\n  - {from: 甲}\n", "overrides.yaml:2: field `to` is missing"),
    ],
)
def test_a_broken_data_file_stops_the_build_with_its_line(tmp_path, which, text, expected):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(ARTICLE.format(title="文章"), encoding="utf-8")
    data = tmp_path / f"{which}.yaml"
    data.write_text(text, encoding="utf-8")
    settings = BuildSettings(
        seeds=seeds, docs=tmp_path / "docs", site=tmp_path / "site", cache=tmp_path / "cache", **{which: data}
    )
    diagnostics, _ = build(settings)
    assert any(
        str(d).startswith(f"{data}:{expected.split(':')[1]}:") and expected.split(":", 2)[2] in str(d)
        for d in diagnostics.errors
    ), [str(d) for d in diagnostics.errors]
    assert not (tmp_path / "site").exists()
