"""Engines that map ``process_shard`` over shards: in-process, a local process pool, or Dask."""
from __future__ import annotations

import logging
import multiprocessing
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import Errors
from .process import Settings, Shard, process_shard, record_lost_shard

if TYPE_CHECKING:
    from .runner import RunOptions

log = logging.getLogger(__name__)

#: How often a shard whose worker died is tried again in a fresh process.
RETRIES = 2


def _bar(options: RunOptions, total_bytes: int):
    """A progress bar on a terminal (bytes of input done), or nothing."""
    if not options.progress or not sys.stderr.isatty():
        return nullcontext(None)
    from tqdm import tqdm

    return tqdm(total=total_bytes, unit="B", unit_scale=True, desc="newsclaims", file=sys.stderr, smoothing=0.1)


def _shard_bytes(shard: Shard) -> int:
    return sum(f.size for f in shard.files)


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
            self.bar.update(_shard_bytes(shard))


def run_serial(shards: Sequence[Shard], settings: Settings, parts: Path, options: RunOptions, total_bytes: int) -> None:
    """Run shards one after the other in this process."""
    with Progress(options, total_bytes) as progress:
        for shard in shards:
            progress.shard_done(shard, process_shard(shard, settings, parts))


def _isolated(shard: Shard, settings: Settings, parts: Path) -> dict[str, Any] | None:
    """Run one shard in a fresh process of its own, up to ``RETRIES + 1`` times; None when each one died."""
    context = multiprocessing.get_context("spawn")  # started from threads: never fork here
    for attempt in range(1, RETRIES + 2):
        with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
            try:
                return pool.submit(process_shard, shard, settings, parts).result()
            except BrokenProcessPool:
                log.warning("shard %s: its worker process died (try %d of %d)", shard.name, attempt, RETRIES + 1)
    return None


def run_pool(shards: Sequence[Shard], settings: Settings, parts: Path, options: RunOptions, total_bytes: int) -> None:
    """Run shards on a local process pool; a worker that dies breaks the pool, so the shards left unfinished
    then run each in a process of its own (``workers`` at a time): a shard that keeps killing its worker
    cannot take the others down with it; after its last try its files become ``error`` rows (E043, E044)."""
    failed: list[Shard] = []
    with Progress(options, total_bytes) as progress:
        with ProcessPoolExecutor(max_workers=max(1, min(options.workers, len(shards)))) as pool:
            futures = {pool.submit(process_shard, s, settings, parts): s for s in shards}
            for future in as_completed(futures):
                try:
                    progress.shard_done(futures[future], future.result())
                except BrokenProcessPool:
                    failed.append(futures[future])
        if not failed:
            return
        log.warning("a worker died; running the %d unfinished shard(s) each in a process of its own", len(failed))
        lost: list[Shard] = []
        with ThreadPoolExecutor(max_workers=max(1, options.workers)) as threads:
            failed.sort(key=lambda s: s.index)
            retries = {threads.submit(_isolated, s, settings, parts): s for s in failed}
            for future in as_completed(retries):
                summary = future.result()
                if summary is None:
                    lost.append(retries[future])
                else:
                    progress.shard_done(retries[future], summary)
        for shard in sorted(lost, key=lambda s: s.index):
            progress.shard_done(shard, give_up(shard, parts, Errors.E044))


def give_up(shard: Shard, parts: Path, reason: str) -> dict[str, Any]:
    """Log a shard whose worker died on every try and record its files as ``error`` rows with ``reason``."""
    log.error(Errors.E043.format(shards=shard.name))
    return record_lost_shard(shard, parts, reason)


def run_dask(shards: Sequence[Shard], settings: Settings, parts: Path, options: RunOptions, total_bytes: int) -> None:
    """Run shards on Dask: a LocalCluster by default, or the scheduler at ``options.scheduler``."""
    from .dask_engine import run_on_dask

    run_on_dask(shards, settings, parts, options)


def check_engine(options: RunOptions) -> None:
    """Stop before any work when the engine named in ``options`` cannot run here (e.g. dask missing)."""
    if options.engine == "dask":
        from .dask_engine import require_distributed

        require_distributed()


def run_shards(shards: Sequence[Shard], settings: Settings, parts: Path, options: RunOptions, total_bytes: int) -> None:
    """Run every shard on the engine named in ``options``."""
    if options.engine == "dask":
        run_dask(shards, settings, parts, options, total_bytes)
    elif options.workers <= 1 or len(shards) <= 1:
        run_serial(shards, settings, parts, options, total_bytes)
    else:
        run_pool(shards, settings, parts, options, total_bytes)
