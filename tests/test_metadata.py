"""Metadata: fallback chains, the editor sidecar, and front matter that MkDocs parses back identically."""

from __future__ import annotations

import datetime as dt

import pytest
from mkdocs.utils.meta import get_data

from build_tools.core.diagnostics import Diagnostics, InputError
from build_tools.editions.pages import dump_front_matter
from build_tools.ingest.clean import clean
from build_tools.ingest.metadata import detect_script, extract_metadata, front_matter, load_sidecar, parse_date
from build_tools.ingest.readers import read_documents
from tests.test_readers import HTML, PLAIN, decoded


@pytest.mark.parametrize(
    "value, expected",
    [
        ("Tue, 14 Dec 2021 02:53:00 GMT", "2021-12-14"),
        ("2021-12-14", "2021-12-14"),
        ("2024-12", "2024-12"),
        (dt.date(2020, 5, 1), "2020-05-01"),
        ("2023年11月", "2023-11"),
        ("2023年11月7日", "2023-11-07"),
        ("2021-12-14T10:00:00Z", "2021-12-14"),
        ("26 June 2025", "2025-06-26"),
        ("June 26, 2025", "2025-06-26"),
        ("Sept. 9, 2021", "2021-09-09"),
        ("3rd March 2024", "2024-03-03"),
        ("30 February 2024", None),
        ("Mayday 5 2025", None),
        ("not a date", None),
        (["2021"], None),
    ],
)
def test_dates_in_common_export_forms(value, expected):
    assert parse_date(value) == expected


def test_script_is_detected_from_the_characters():
    assert detect_script("中美关系处在历史的十字路口，贸易战仍然不时上演。") == "zh-Hans"
    assert detect_script("中美關系處在歷史的十字路口，貿易戰仍然不時上演。") == "zh-Hant"


def metadata_for(text: str, sidecar: dict | None = None, diagnostics: Diagnostics | None = None):
    [document] = read_documents(decoded(text))
    return extract_metadata(clean(document), sidecar or {}, diagnostics or Diagnostics())


def test_html_front_matter_gives_title_author_and_iso_date():
    metadata = metadata_for(HTML)
    assert (metadata.title, metadata.authors, metadata.date) == ("网页文章", ("某作者",), "2021-12-14")


def test_unknown_date_stays_absent_and_is_never_invented():
    metadata = metadata_for(PLAIN)
    assert metadata.date == ""
    assert "date" not in front_matter(metadata)


def test_untitled_source_gets_a_title_from_its_text_not_its_byline():
    metadata = metadata_for(
        "作者 张三\n中美元首会晤，成了这两天大家关注的焦点。这是一次峰会。\n第二段。\n第三段。\n第四段。\n"
    )
    assert metadata.title == "中美元首会晤，成了这两天大家关注的焦点"
    assert metadata.authors == ("张三",)


@pytest.mark.parametrize(
    "line", ["原标题：埃洛普离职：卧底为何成了弃儿", "（原標題：「埃洛普离职：卧底为何成了弃儿」）"], ids=str
)
def test_untitled_text_stating_its_original_title_takes_it(line):
    opening = "日前，微软宣布这位高管将离开公司，他在微软的经历颇为曲折。"
    metadata = metadata_for(f"{opening}\n\n第二段写完了。\n\n{line}\n")
    assert metadata.title == "埃洛普离职：卧底为何成了弃儿"
    assert dict(metadata.evidence)["title"] == "original-title-line"


def test_sidecar_overrides_title_and_adds_date(tmp_path):
    path = tmp_path / "a.meta.yaml"
    path.write_text("title: 编辑定的标题\ndate: 2023-11\nsource: 某报\n", encoding="utf-8")
    metadata = metadata_for(PLAIN, load_sidecar(path, "a.txt"))
    assert (metadata.title, metadata.date, metadata.source) == ("编辑定的标题", "2023-11", "某报")


def test_sidecar_with_wrong_types_is_a_clear_error(tmp_path):
    path = tmp_path / "a.meta.yaml"
    path.write_text("title: [一, 二]\ndate: 明天\ncolour: red\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_sidecar(path, "a.txt")
    message = str(error.value)
    assert message.startswith("a.meta.yaml: ")
    assert (
        "`title` must be text" in message and "`date` is not a date" in message and "unknown field `colour`" in message
    )


@pytest.mark.parametrize("authors", ["熊志", "[熊志, 3]", "{熊志: 1}"])
def test_sidecar_authors_must_be_a_list_of_names(tmp_path, authors):
    path = tmp_path / "a.meta.yaml"
    path.write_text(f"authors: {authors}\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_sidecar(path, "a.txt")
    assert "`authors` must be a list of names" in str(error.value)


def test_sidecar_authors_as_a_list_are_taken(tmp_path):
    path = tmp_path / "a.meta.yaml"
    path.write_text("authors: [熊志, 张敏]\nscript: zh-Hant\n", encoding="utf-8")
    assert load_sidecar(path, "a.txt") == {"authors": ["熊志", "张敏"], "script": "zh-Hant"}


def test_sidecar_script_names_the_two_scripts(tmp_path):
    path = tmp_path / "a.meta.yaml"
    path.write_text("script: zh-TW\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_sidecar(path, "a.txt")
    assert "`script` must be zh-Hans or zh-Hant, not 'zh-TW'" in str(error.value)


def test_front_matter_with_wrong_types_is_reported_with_its_line_and_ignored():
    diagnostics = Diagnostics()
    text = "---\ntitle: 好标题\ndate: 明天\nauthor: {a: 1}\n---\n<p>第一段。</p><p>第二段。</p><p>第三段。</p>"
    metadata = metadata_for(text, diagnostics=diagnostics)
    assert metadata.date == "" and metadata.authors == ()
    messages = [str(d) for d in diagnostics.warnings]
    assert any(m.startswith("sample.txt:3: front matter field `date` is not a date") for m in messages)
    assert any(m.startswith("sample.txt:4: front matter field `author`") for m in messages)


@pytest.mark.parametrize(
    "title", ["二上美国“黑名单”，商汤", "a: b # c", "'quoted' \"double\"", "- list?", "yes", "2021-12-14", "@{[*&!|>%"]
)
def test_front_matter_parses_back_identically_through_mkdocs(title):
    values = front_matter(metadata_for(PLAIN, {"title": title, "date": "2021-12-14"}))
    assert values["title"] == title
    _, parsed = get_data(f"---\n{dump_front_matter(values)}---\n\n# body\n")
    assert parsed == values
