"""Material's templates are compiled once and kept: a build compiles only a template whose source changed."""

from __future__ import annotations

import jinja2
import pytest

from build_tools.renderer.mkdocs_hooks import TEMPLATE_CACHE, on_env

pytestmark = pytest.mark.unit


def _environment(templates: dict[str, str], folder) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.DictLoader(templates))
    return on_env(env, {"extra": {TEMPLATE_CACHE: str(folder)}}, None)


def test_a_template_compiled_by_one_build_is_not_compiled_by_the_next_and_an_edited_one_is(tmp_path, monkeypatch):
    templates = {"main.html": "<p>{{ page.title }}</p>"}
    first = _environment(templates, tmp_path / "templates")
    assert first.get_template("main.html").render(page={"title": "卡脖子"}) == "<p>卡脖子</p>"
    compiled: list[str] = []
    real_compile = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        compiled.append(name)
        return real_compile(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    second = _environment(templates, tmp_path / "templates")
    assert second.get_template("main.html").render(page={"title": "内卷"}) == "<p>内卷</p>"
    assert compiled == [], "a template compiled before was compiled again"
    edited = _environment({"main.html": "<h1>{{ page.title }}</h1>"}, tmp_path / "templates")
    assert edited.get_template("main.html").render(page={"title": "内卷"}) == "<h1>内卷</h1>"
    assert compiled == ["main.html"]


def test_without_a_cache_folder_nothing_is_kept():
    env = jinja2.Environment(loader=jinja2.DictLoader({}))
    assert on_env(env, {"extra": {}}, None).bytecode_cache is None
