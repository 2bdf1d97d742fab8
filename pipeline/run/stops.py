"""Ctrl-C and SIGTERM held back in a run's thread until it reaches a point where stopping is safe."""
from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Sequence
from types import FrameType, TracebackType
from typing import Any


class StopSignals:
    """Ctrl-C (SIGINT) and SIGTERM held back in the run's thread until it reaches a safe point.

    A signal's handler raises in whatever line the main thread is running; inside the pool's bookkeeping
    (e.g. between taking and releasing a future's lock in ``wait``) that leaves a lock held for good, and the
    pool's manager thread, which needs that lock to cancel the queued shards, then waits forever, and so does
    the interpreter's exit that joins it; raised after the workers were forked but before the loop that stops
    them, it leaves the pool's exit waiting for every queued shard. Within this context the handlers only note
    the signal (a worker forked meanwhile inherits that, until its initializer ignores Ctrl-C);
    :meth:`check`, called where no lock is held, runs the handler that was replaced (KeyboardInterrupt for
    Ctrl-C, the command line's stop for SIGTERM). A signal noted after the first is dropped: the stop is under
    way. Signals whose handler is not a Python function (ignored, default) are left alone, and so is
    everything off the main thread. ``signals``: the signal numbers held (default :data:`SIGNALS`).
    """

    SIGNALS = (signal.SIGINT, signal.SIGTERM)

    def __init__(self, signals: Sequence[int] = SIGNALS) -> None:
        self._signals = tuple(signals)
        self._before: dict[int, Callable[[int, FrameType | None], Any]] = {}
        self._noted: list[int] = []
        self._raised = False

    def __enter__(self) -> StopSignals:
        if threading.current_thread() is threading.main_thread():
            for signum in self._signals:
                handler = signal.getsignal(signum)
                if callable(handler):
                    self._before[signum] = handler
                    signal.signal(signum, self._note)
        return self

    def _note(self, signum: int, frame: FrameType | None) -> None:
        self._noted.append(signum)

    @property
    def noted(self) -> bool:
        """True once a signal was noted (whether or not it was raised yet)."""
        return bool(self._noted)

    def check(self) -> None:
        """Raise what the first noted signal's own handler raises (once); nothing when none was noted."""
        if self._noted and not self._raised:
            self._raised = True
            signum = self._noted[0]
            self._before[signum](signum, None)

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        for signum, handler in self._before.items():
            if signal.getsignal(signum) == self._note:  # a handler that ran may have set its own (e.g. ignore)
                signal.signal(signum, handler)
        if kind is None:
            self.check()
