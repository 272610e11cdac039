"""Worker processes that do not outlive the run.

``kill -9`` of the main process gives it no chance to stop its workers, and a forked
worker holds the write end of its own task queue, so it never reads end-of-file: it
would wait for work forever. Each worker asks the kernel to kill it when its parent
dies (Linux's ``PR_SET_PDEATHSIG``), and elsewhere watches its parent from a thread.
"""
from __future__ import annotations

import os
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor

_PR_SET_PDEATHSIG = 1


def pool(jobs: int) -> ProcessPoolExecutor:
    """``jobs`` forked workers (they start in milliseconds and share what the run has
    already imported), each ending when the run's process does."""
    import multiprocessing

    mp = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    return ProcessPoolExecutor(max_workers=jobs, mp_context=mp, initializer=_die_with_parent,
                               initargs=(os.getpid(),))


def _die_with_parent(parent: int) -> None:
    if not _kernel_kills_orphan():
        threading.Thread(target=_watch, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # it died before the request was made
        os._exit(1)


def _kernel_kills_orphan() -> bool:
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)
