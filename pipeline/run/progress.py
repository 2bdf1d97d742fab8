"""The progress bar of a run: input bytes done with ETA, documents and words/s; silent off a terminal."""
from __future__ import annotations

import sys
import time
from contextlib import nullcontext
from typing import Any

from .options import RunOptions
from .shards import Shard


def _bar(options: RunOptions, total_bytes: int):
    """A progress bar on a terminal (bytes of input done), or nothing."""
    if not options.progress or not sys.stderr.isatty():
        return nullcontext(None)
    from tqdm import tqdm

    return tqdm(total=total_bytes, unit="B", unit_scale=True, desc="newsclaims", file=sys.stderr, smoothing=0.1)


class Progress:
    """Progress over input bytes (with ETA), showing documents done and words/s; silent off a terminal."""

    def __init__(self, options: RunOptions, total_bytes: int) -> None:
        self._ctx = _bar(options, total_bytes)
        self.bar = None
        self.docs = 0
        self.words = 0
        self._t0 = time.perf_counter()

    def __enter__(self) -> Progress:
        self.bar = self._ctx.__enter__()
        self._t0 = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self._ctx.__exit__(*exc)

    def shard_done(self, shard: Shard, summary: dict[str, Any] | None) -> None:
        """Count a finished shard (its summary carries document and word counts)."""
        counts = (summary or {}).get("counts", {})
        self.docs += counts.get("documents", 0)
        self.words += counts.get("words", 0)
        if self.bar is not None:
            rate = self.words / max(time.perf_counter() - self._t0, 1e-9)
            self.bar.set_postfix_str(f"{self.docs:,} docs, {rate:,.0f} words/s", refresh=False)
            self.bar.update(shard.bytes)
