"""Golden files: the Markdown each seed becomes, compared with a committed expected copy.

A mismatch prints a unified diff.  `python3 -m build_tools test --update-goldens`
is the only way to rewrite them; read the diff (`git diff tests/golden`) before committing.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from build_tools.config.settings import PROJECT_ROOT

GOLDEN = Path(__file__).resolve().parent / "golden"
SEED_NAMES = sorted(
    p.name for p in (PROJECT_ROOT / "seeds").iterdir() if p.is_file() and not p.name.endswith(".meta.yaml")
)
EDITIONS = ["zh-Hans", "zh-Hant"]


def _shared_pages(settings, report, edition: str) -> list[str]:
    """Pages no single seed owns: home, section indexes, topic pages, the glossary."""
    owned = {p for seed in report["seeds"].values() for p in seed["pages"]}
    root = settings.docs / edition
    return sorted(
        p.relative_to(root).as_posix() for p in root.rglob("*.md") if p.relative_to(root).as_posix() not in owned
    )


def _compare(generated: Path, expected: Path, update: bool) -> None:
    actual = generated.read_text(encoding="utf-8")
    if update:
        expected.parent.mkdir(parents=True, exist_ok=True)
        expected.write_text(actual, encoding="utf-8")
        return
    if not expected.exists():
        pytest.fail(
            f"no golden file {expected.relative_to(GOLDEN)}: run the tests with --update-goldens and read the result"
        )
    wanted = expected.read_text(encoding="utf-8")
    if actual != wanted:
        diff = "".join(
            difflib.unified_diff(
                wanted.splitlines(True), actual.splitlines(True), f"golden/{expected.relative_to(GOLDEN)}", "generated"
            )
        )
        pytest.fail(f"generated Markdown differs from the golden file:\n{diff}")


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("seed", SEED_NAMES)
def test_seed_pages_match_golden_files(built, seed, edition, update_goldens):
    settings, _, report = built
    pages = report["seeds"][seed]["pages"]
    assert pages, f"{seed} produced no pages"
    for path in pages:
        _compare(settings.docs / edition / path, GOLDEN / edition / path, update_goldens)


@pytest.mark.parametrize("edition", EDITIONS)
def test_index_topic_and_glossary_pages_match_golden_files(built, edition, update_goldens):
    settings, _, report = built
    shared = _shared_pages(settings, report, edition)
    assert {"index.md", "glossary.md", "topics/index.md"} <= set(shared)
    for path in shared:
        _compare(settings.docs / edition / path, GOLDEN / edition / path, update_goldens)


@pytest.mark.parametrize("edition", EDITIONS)
def test_no_stale_golden_files(built, edition):
    settings, _, report = built
    produced = {p for seed in report["seeds"].values() for p in seed["pages"]} | set(
        _shared_pages(settings, report, edition)
    )
    stale = sorted(
        str(p.relative_to(GOLDEN / edition))
        for p in (GOLDEN / edition).rglob("*.md")
        if str(p.relative_to(GOLDEN / edition)) not in produced
    )
    assert not stale, f"golden files for pages no longer generated: {stale} (delete them)"
