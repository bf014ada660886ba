"""The interface languages an edition may name exist in both renderers' themes."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.config.settings import THEME_LANGUAGES

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("package", ["material", "zensical"])
def test_every_edition_language_is_shipped_by_the_theme(package):
    module = pytest.importorskip(package)
    folder = Path(module.__file__).parent / "templates" / "partials" / "languages"
    shipped = {path.stem for path in folder.glob("*.html")}
    assert set(THEME_LANGUAGES) <= shipped, set(THEME_LANGUAGES) - shipped
