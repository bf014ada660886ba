"""The build's process and its workers: a worker never outlives the build that started it."""

from __future__ import annotations

import ctypes
import os
import signal

BUILD_PID = os.getpid()  # in a forked worker this still names the build process
_PR_SET_PDEATHSIG = 1


def libc():
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


def die_with_parent() -> None:
    """In a worker process: the kernel kills it when the build process dies (even by SIGKILL), so no orphan
    goes on writing into a half-built site or holding the build lock."""
    if os.getpid() == BUILD_PID:
        return
    process_libc = libc()
    if process_libc is not None:
        process_libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != BUILD_PID:  # the build died before the line above took effect
        os._exit(1)
