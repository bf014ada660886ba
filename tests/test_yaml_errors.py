"""Editor files and front matter go through one YAML loader: a syntax error is one diagnostic at the line to fix.

The expected lines are counted by hand in the texts below (1 = the file's first line).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from build_tools.chinese.convert import load_overrides
from build_tools.chinese.glossary import load_glossary
from build_tools.chinese.names import load_protected_names
from build_tools.config.settings import BuildSettings
from build_tools.config.shared_data import load_shared_data
from build_tools.core.diagnostics import Diagnostics, InputError
from build_tools.core.model import Decoded, SourceFile
from build_tools.ingest.metadata import load_sidecar
from build_tools.ingest.readers.frontmatter import split_front_matter


def _front_matter(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    data = text.encode("utf-8")
    split_front_matter(Decoded(SourceFile(path, path.name, data, hashlib.sha256(data).hexdigest()), text, "utf-8"))


# kind → (file name, how the tool reads it, the path its messages name, what a syntax error message starts with)
LOADERS = {
    "glossary": ("glossary.yaml", load_glossary, str, "YAML syntax error: "),
    "overrides": ("conversion_overrides.yaml", load_overrides, str, "malformed YAML: "),
    "names": ("protected_names.yaml", load_protected_names, str, "malformed YAML: "),
    "sidecar": ("a.meta.yaml", lambda path: load_sidecar(path, "a.txt"), lambda path: path.name, "malformed YAML: "),
    "front-matter": ("a.md", _front_matter, lambda path: path.name, "malformed YAML front matter: "),
}

SYNTAX_ERRORS = [
    pytest.param(
        "glossary",
        "terms:\n  - term: 甲\n    gloss: 'unclosed\n    definition: 定义。\n",
        3,
        id="glossary-quote-left-open",
    ),
    pytest.param(
        "glossary",
        "terms:\n  - term: 甲\n    gloss: a\n    definition: 定义。\n  - term: 乙\n   gloss: b\n",
        6,
        id="glossary-field-indented-wrongly",
    ),
    pytest.param(
        "overrides",
        "to_traditional:\n  - {from: 甲, to: 乙, why: x}\n  - {from: 丙, to: 丁, why: y}}\n",
        3,
        id="overrides-extra-brace",
    ),
    pytest.param("overrides", "to_traditional:\n\t- {from: 甲, to: 乙, why: x}\n", 2, id="overrides-tab-indent"),
    pytest.param("names", "names:\n  - name: 余承东\n  why: 姓\n", 3, id="names-field-outside-entry"),
    pytest.param("names", 'names:\n  - {name: 何峰}\n  - {name: "余承东}\n', 3, id="names-quote-left-open"),
    pytest.param("sidecar", "title: 标题\nauthors: 熊志\n  source: 网易号\n", 3, id="sidecar-field-indented-wrongly"),
    pytest.param("sidecar", 'title: "标题\nsource: 网易号\n', 1, id="sidecar-quote-left-open"),
    pytest.param("sidecar", "title: 标题\nsource: 网易\x01号\n", 2, id="sidecar-control-character"),
    pytest.param(
        "front-matter", "---\ntitle: 标题\nauthors: [张三, 李四\n---\n\n正文。\n", 3, id="front-matter-list-left-open"
    ),
    pytest.param(
        "front-matter",
        "\n---\ntitle: 标题\n  date: 2024-01-02\n---\n\n正文。\n",
        4,
        id="front-matter-after-blank-line-indented-wrongly",
    ),
    pytest.param(
        "front-matter",
        "---\ntitle: 标题\ntags: [芯片]\ndate: 2024-13-45\n---\n\n正文。\n",
        4,
        id="front-matter-impossible-date",
    ),
    pytest.param("sidecar", "title: 标题\nsource: 网易号\ndate: 2024-02-30\n", 3, id="sidecar-impossible-date"),
]


@pytest.mark.parametrize("kind, text, line", SYNTAX_ERRORS)
def test_yaml_syntax_error_is_one_diagnostic_at_its_line(tmp_path, kind, text, line):
    file_name, load, shown_as, opening = LOADERS[kind]
    path = tmp_path / file_name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load(path)
    assert len(raised.value.diagnostics) == 1, raised.value.problems
    diagnostic = raised.value.diagnostic
    assert (diagnostic.path, diagnostic.line) == (shown_as(path), line), str(diagnostic)
    assert diagnostic.message.startswith(opening) and diagnostic.hint, str(diagnostic)


@pytest.mark.parametrize("kind", ["overrides", "names", "sidecar"])
def test_data_file_that_is_not_utf8_is_one_diagnostic(tmp_path, kind):
    file_name, load, shown_as, _ = LOADERS[kind]
    path = tmp_path / file_name
    path.write_bytes("title: 标题\n".encode("gb18030"))
    with pytest.raises(InputError) as raised:
        load(path)
    assert [str(d) for d in raised.value.diagnostics] == [
        f"{shown_as(path)}:1: not UTF-8 text (invalid start byte) — save the file as UTF-8"
    ]


def test_each_glossary_problem_reaches_the_build_as_its_own_diagnostic(tmp_path):
    glossary = tmp_path / "glossary.yaml"
    glossary.write_text(
        "terms:\n"
        "  - term: 甲\n    gloss: a\n    definition: 定义。\n    colour: red\n"
        "  - term: 乙\n    gloss: 乙\n    definition: 定义。\n",
        encoding="utf-8",
    )
    diagnostics = Diagnostics()
    assert load_shared_data(BuildSettings(glossary=glossary, cache=tmp_path / "cache"), diagnostics) is None
    assert [(d.path, d.line, d.message) for d in diagnostics.errors] == [
        (str(glossary), 2, "entry '甲', field 'colour': unknown field"),
        (str(glossary), 6, "entry '乙', field 'gloss': contains Chinese characters"),
    ]
    assert all(d.hint for d in diagnostics.errors)
