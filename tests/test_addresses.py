"""Page addresses: pinyin of the title, the same in both editions; two titles that begin alike still get
addresses of their own, and only a true clash gets a number and a warning."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from build_tools.core.diagnostics import Diagnostics
from build_tools.plan.addresses import plan_addresses

pytestmark = pytest.mark.unit


def _plan(*titles: str) -> tuple[list[str], list[str]]:
    seeds = [
        SimpleNamespace(name=f"{n}.md", articles=[(None, SimpleNamespace(title=title, part_of=""))])
        for n, title in enumerate(titles)
    ]
    diagnostics = Diagnostics()
    plans = plan_addresses(seeds, diagnostics)  # type: ignore[arg-type]  # only names and titles are read
    return [plan.path for planned in plans for plan in planned], [str(d) for d in diagnostics.items]


def test_two_issues_of_one_series_are_told_apart_by_the_rest_of_their_titles():
    paths, warnings = _plan("开源社区双周进展汇报第十二期", "开源社区双周进展汇报第十三期")
    assert len(set(paths)) == 2 and not any(path.endswith("-2.md") for path in paths)
    assert warnings == []


def test_the_same_title_twice_gets_a_number_and_one_warning():
    paths, warnings = _plan("国产芯片的新进展", "国产芯片的新进展")
    assert paths == ["articles/guo-chan-xin-pian-de-xin-jin-zhan.md", "articles/guo-chan-xin-pian-de-xin-jin-zhan-2.md"]
    assert len(warnings) == 1 and "another page already uses the address" in warnings[0]
