"""A test hook: stop a build at a named stage, so a test can kill it exactly there.

`BUILD_TOOLS_PAUSE_AT=<stage>:<marker file>` makes the process that reaches `<stage>` write its process id
to the marker file and wait until it is killed, or until the test deletes the marker (then it goes on).
Unset (always, outside tests) it costs one lookup.
The stages are where a killed build could do harm: while reading seeds, while converting, while MkDocs
writes pages, and between the renames of the swap.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from build_tools.core.files import write_atomically

VARIABLE = "BUILD_TOOLS_PAUSE_AT"
STAGES = ("reading", "conversion", "mkdocs", "swap")
_passed: set[str] = set()  # each process pauses once per stage


def pause_point(stage: str) -> None:
    wanted = os.environ.get(VARIABLE)
    if not wanted:
        return
    name, _, marker = wanted.partition(":")
    if name != stage or stage in _passed:
        return
    _passed.add(stage)
    marker_file = Path(marker)
    write_atomically(marker_file, str(os.getpid()))
    while marker_file.exists():  # until the test's SIGKILL, or until it lets the build go on
        time.sleep(0.2)
