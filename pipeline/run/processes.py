"""Processes a run starts beside itself: tied to the run's life and ended at once when it stops."""
from __future__ import annotations

import contextlib
import logging
import multiprocessing
import multiprocessing.context
import os
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor

from ..errors import Errors

log = logging.getLogger(__name__)

#: Seconds a stopped worker gets to end after SIGTERM before it is killed.
STOP_GRACE = 1.0
#: Seconds the pool's manager thread gets to end once its workers are stopped (it ends at once when nothing
#: holds it; the bound only keeps a stop from waiting forever, see :func:`stop_pool`).
MANAGER_GRACE = 10.0


def linux_fork() -> bool:
    """True on Linux with the fork start method: a process started from this one shares what it has loaded."""
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def pool_context() -> tuple[multiprocessing.context.BaseContext, bool]:
    """The start method of the pool and whether it forks: fork on Linux (workers share what this process has
    loaded), the platform's default elsewhere (workers load the stages themselves)."""
    if linux_fork():
        return multiprocessing.get_context("fork"), True
    context = multiprocessing.get_context()
    return context, context.get_start_method() == "fork"


def arm_parent_death_signal() -> bool:
    """Ask Linux to kill this process (SIGKILL) when the thread that started it ends, as it does when the
    process that started it dies. False where that cannot be asked (not Linux)."""
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(1, int(signal.SIGKILL), 0, 0, 0) == 0  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return False


def die_with_parent() -> None:
    """Worker initializer: the worker is killed when the process that started it dies (Linux), so a killed run
    leaves no orphan writing part files."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent stops the workers
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if not arm_parent_death_signal():  # not Linux: the pool's own shutdown is the only guard
        return
    if os.getppid() == 1:  # the parent died before the signal was armed
        os._exit(1)


#: The process whose forks are tied to its life while :func:`forks_die_with_this_process` is entered.
_TYING_PID: int | None = None
#: The process that forked this one (set in each process just before it forks).
_FORKED_BY: int | None = None
_HOOKED = False


def _note_forker() -> None:
    global _FORKED_BY
    _FORKED_BY = os.getpid()


def _tie_child() -> None:
    """In a process just forked: die with the forking process when it ties its forks to its life."""
    global _TYING_PID
    tying, _TYING_PID = _TYING_PID, None  # a fork of this process is not tied by this
    if tying is not None and _FORKED_BY == tying and arm_parent_death_signal() and os.getppid() != tying:
        os._exit(1)  # the parent died before the signal was armed


@contextlib.contextmanager
def forks_die_with_this_process() -> Iterator[None]:
    """While entered, every process this one forks (a LocalCluster's workers, whose own way of noticing a
    killed parent can fail when sibling workers inherit each other's pipes) is killed when this process dies
    (Linux; elsewhere nothing changes)."""
    global _HOOKED, _TYING_PID
    if not _HOOKED and hasattr(os, "register_at_fork"):
        os.register_at_fork(before=_note_forker, after_in_child=_tie_child)
        _HOOKED = True
    before, _TYING_PID = _TYING_PID, os.getpid()
    try:
        yield
    finally:
        _TYING_PID = before


def _manager(pool: ProcessPoolExecutor) -> threading.Thread | None:
    """The pool's manager thread, or None when it was never started."""
    thread = getattr(pool, "_executor_manager_thread", None)
    return thread if isinstance(thread, threading.Thread) else None


def stop_pool(pool: ProcessPoolExecutor, grace: float | None = None) -> None:
    """Cancel queued shards and end the pool's workers now (a stopped run does not wait for its queue).

    The worker processes are taken before the pool is shut down (shutting down forgets them), sent SIGTERM,
    and killed when still alive ``grace`` seconds (default :data:`STOP_GRACE`) later; workers ignore Ctrl-C,
    so without this they would finish every queued shard first. Then the pool's manager thread, which
    notices the ended workers and closes the pool's queues, is waited for, at most :data:`MANAGER_GRACE`
    seconds (E311 in the log when it had not ended): left running, its clean-up would race the interpreter's
    exit, which also joins it.
    """
    processes = list((getattr(pool, "_processes", None) or {}).values())
    manager = _manager(pool)
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            process.terminate()
    deadline = time.monotonic() + (STOP_GRACE if grace is None else grace)
    for process in processes:
        with contextlib.suppress(OSError, ValueError, AttributeError, AssertionError):
            process.join(timeout=max(0.0, deadline - time.monotonic()))
    for process in processes:
        with contextlib.suppress(OSError, ValueError, AttributeError, AssertionError):
            if process.is_alive():
                log.debug("worker %s did not stop on SIGTERM; killing it", process.pid)
                process.kill()
                process.join(timeout=5)
    if manager is not None and manager is not threading.current_thread():
        manager.join(timeout=MANAGER_GRACE)
        if manager.is_alive():
            log.warning(Errors.E311.format(seconds=MANAGER_GRACE))


__all__ = [
    "MANAGER_GRACE", "STOP_GRACE", "arm_parent_death_signal", "die_with_parent", "forks_die_with_this_process",
    "linux_fork", "pool_context", "stop_pool",
]
