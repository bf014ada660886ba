"""The dialect matrix on the page: every form of tests/test_dialects.py built into one site (a whole build,
so not in the unit lane) shows no input syntax and loses no Han character."""

from __future__ import annotations

import pytest

from build_tools.config.settings import BuildSettings
from tests.test_dialects import MARKDOWN_FORMS, METADATA_FORMS, RESIDUE, _markup_forms, _yaml_head, make_article

pytestmark = pytest.mark.build


def _site_forms() -> dict[str, str]:
    """Each form with an article of its own (the same text in many pages would be template text)."""
    forms = {}
    for n, (name, form) in enumerate(sorted({**MARKDOWN_FORMS, **METADATA_FORMS}.items())):
        forms[name] = form(make_article(300 + n))
    for n, name in enumerate(sorted(_markup_forms(make_article(0)))):
        forms[name] = _markup_forms(make_article(400 + n))[name]
    for n, (name, (line, _)) in enumerate(sorted(RESIDUE.items())):
        a = make_article(500 + n)
        forms[f"residue-{name}"] = f"{_yaml_head(a)}{a.paragraphs[0]}\n\n{line}\n\n{a.paragraphs[1]}\n"
    return forms


@pytest.fixture(scope="module")
def dialect_site(tmp_path_factory):
    from build_tools.pipeline import build

    root = tmp_path_factory.mktemp("dialect-site")
    seeds = root / "seeds"
    seeds.mkdir()
    for name, text in _site_forms().items():
        (seeds / f"{name}.md").write_text(text, encoding="utf-8")
    settings = BuildSettings(seeds=seeds, docs=root / "docs", site=root / "site", cache=root / "cache")
    diagnostics, report = build(settings)
    return settings, diagnostics, report


def test_every_form_built_into_a_site_shows_no_input_syntax_and_loses_nothing(dialect_site):
    from build_tools.publish.visible_syntax import page_hits

    settings, diagnostics, report = dialect_site
    assert not diagnostics.errors, [str(d) for d in diagnostics.errors]
    shown = [str(d) for d in diagnostics.items if "on the page as text" in str(d)]
    assert shown == []
    pages = sorted((settings.site / "articles").glob("*.html"))
    assert len(pages) >= len(_site_forms())
    hits = [hit for page in pages for hit in page_hits(page.read_text(encoding="utf-8"), page.name)]
    assert hits == []
    assert {name: entry["han_missing"] for name, entry in report["seeds"].items() if entry["han_missing"]} == {}
