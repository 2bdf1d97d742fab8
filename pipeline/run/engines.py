"""Engines that map ``process_shard`` over shards: in-process, a local process pool, or Dask."""
from __future__ import annotations

import contextlib
import gc
import logging
import multiprocessing
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, ThreadPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from ..errors import Errors
from ..extract import ner
from ..ingest.listing import InputFile
from .options import RunOptions, Settings
from .prepass import template_settings
from .processes import die_with_parent, pool_context, stop_pool
from .progress import Progress, ProgressPipe, expected_documents, pipe_counter
from .shards import WARM_MODEL_BYTES, Shard, give_up, prepare_shard, process_shard, warm_stages
from .stops import StopSignals

log = logging.getLogger(__name__)

#: Called in the run's own thread with each shard once its part files are written (or recorded as lost).
OnDone = Callable[[Shard], None]

#: How often a shard whose worker died is tried again in a fresh process.
RETRIES = 2
#: Seconds between two reads of the workers' progress records.
PROGRESS_SECONDS = 0.1
def _nothing(shard: Shard) -> None:
    """The default ``on_done``: nothing to do."""


def run_serial(shards: Sequence[Shard], settings: Settings, parts: Path, options: RunOptions, total_bytes: int,
               on_done: OnDone = _nothing) -> None:
    """Run shards one after the other in this process (the bar moves with each document)."""
    with Progress(options, total_bytes, expected_documents(shards)) as progress:
        for shard in shards:
            progress.shard_done(shard, process_shard(shard, settings, parts, progress.counter(shard)))
            on_done(shard)


#: The progress pipe of a pool worker (inherited from the run when the worker was forked), or None.
_REPORT_FD: int | None = None


def _own_process() -> None:
    """First step of every process a run forks to read pages: it dies with the run (:func:`die_with_parent`)
    and reads with its own model, never through a companion of the run's (:mod:`.model_host`)."""
    die_with_parent()
    ner.set_reader(None)


def _start_worker(report_fd: int | None) -> None:
    """Pool worker initializer: :func:`_own_process`, and remember where to write progress records."""
    global _REPORT_FD
    _own_process()
    _REPORT_FD = report_fd


def _work(shard: Shard, settings: Settings, parts: Path, prepared: bool = False) -> dict[str, Any]:
    """``process_shard`` in a pool worker, reporting each document written to the run's progress pipe;
    ``prepared``: the shard's documents were read and cleaned ahead (:func:`prepare_pool_run`)."""
    progress = pipe_counter(_REPORT_FD, shard.index) if _REPORT_FD is not None else None
    return process_shard(shard, settings, parts, progress, prepared=prepared)


class _Isolated:
    """Shards run each in a fresh process of its own (called from threads), all stopped at once by :meth:`stop`."""

    def __init__(self, settings: Settings, parts: Path) -> None:
        self.settings, self.parts = settings, parts
        self.stopped = False
        self._lock = threading.Lock()
        self._pools: set[ProcessPoolExecutor] = set()

    def run(self, shard: Shard) -> dict[str, Any] | None:
        """Run ``shard`` up to ``RETRIES + 1`` times; None when each process died (or the run was stopped)."""
        context = multiprocessing.get_context("spawn")  # started from threads: never fork here
        for attempt in range(1, RETRIES + 2):
            with self._lock:  # a stop sees either no pool or one whose worker is already known
                if self.stopped:
                    return None
                pool = ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=die_with_parent)
                self._pools.add(pool)
                future = pool.submit(process_shard, shard, self.settings, self.parts)
            try:
                return future.result()
            except BrokenProcessPool:
                if self.stopped:
                    return None
                log.warning("shard %s: its worker process died (try %d of %d)", shard.name, attempt, RETRIES + 1)
            finally:
                with self._lock:
                    self._pools.discard(pool)
                pool.shutdown(wait=True)
        return None

    def stop(self) -> None:
        """End every running shard's process now; shards not started yet are not started."""
        with self._lock:
            self.stopped = True
            pools = list(self._pools)
        for pool in pools:
            stop_pool(pool)


def _run_isolated(failed: list[Shard], settings: Settings, parts: Path, options: RunOptions, progress: Progress,
                  stop: StopSignals, on_done: OnDone) -> None:
    """Run the ``failed`` shards each in a process of its own, ``workers`` at a time; a shard whose last try
    died too becomes ``error`` rows (E044). A stop noted by ``stop`` ends them all."""
    log.warning("a worker died; running the %d unfinished shard(s) each in a process of its own", len(failed))
    isolated = _Isolated(settings, parts)
    lost: list[Shard] = []
    with ThreadPoolExecutor(max_workers=max(1, options.workers)) as threads:
        retries = {threads.submit(isolated.run, s): s for s in sorted(failed, key=lambda s: s.index)}
        try:
            waiting = set(retries)
            while waiting:
                done, waiting = wait(waiting, timeout=PROGRESS_SECONDS, return_when=FIRST_COMPLETED)
                stop.check()
                for future in sorted(done, key=lambda f: retries[f].index):
                    summary = future.result()
                    if summary is None:
                        lost.append(retries[future])
                    else:
                        progress.shard_done(retries[future], summary)
                        on_done(retries[future])
                    stop.check()
        except BaseException:
            isolated.stop()
            raise
    for shard in sorted(lost, key=lambda s: s.index):
        progress.shard_done(shard, give_up(shard, parts, Errors.E044))
        on_done(shard)


def run_pool(shards: Sequence[Shard], settings: Settings, parts: Path, options: RunOptions, total_bytes: int,
             on_done: OnDone = _nothing, prepared: frozenset[str] = frozenset()) -> None:
    """Run shards on a local process pool; a worker that dies breaks the pool, so the shards left unfinished
    then run each in a process of its own (``workers`` at a time): a shard that keeps killing its worker
    cannot take the others down with it; after its last try its files become ``error`` rows (E043, E044).

    On Linux the stages (rules, and the model for a batch of :data:`WARM_MODEL_BYTES` or more) are loaded here
    once and the workers are forked from this process afterwards, so they share them instead of each loading
    its own. Ctrl-C and SIGTERM are held back (:class:`StopSignals`) and raised between two steps of the
    loop, never inside the pool's own bookkeeping; the workers are then ended (:func:`stop_pool`).
    ``prepared``: names of shards whose documents were read and cleaned ahead (:func:`prepare_pool_run`).
    """
    failed: list[Shard] = []
    context, forks = pool_context()
    if forks:
        warm_stages(settings, model=total_bytes >= WARM_MODEL_BYTES)
    workers = max(1, min(options.workers, len(shards)))
    with StopSignals() as stop, contextlib.ExitStack() as stack:
        pipe = ProgressPipe() if forks else None
        if pipe:
            stack.callback(pipe.close)
        pool = stack.enter_context(ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=_start_worker, initargs=(pipe.fd if pipe else None,)))
        try:  # from here on, whatever stops the run ends the workers (the pool's exit would wait for its queue)
            gc.collect()
            gc.freeze()  # what is loaded now stays put, so its memory pages stay shared with the forked workers
            try:
                futures = {pool.submit(_work, s, settings, parts, s.name in prepared): s
                           for s in shards}  # a forking pool starts here
            finally:
                gc.unfreeze()
            # the bar (and its thread) only after the workers were forked
            progress = stack.enter_context(Progress(options, total_bytes, expected_documents(shards)))
            stop.check()
            waiting = set(futures)
            while waiting:
                done, waiting = wait(waiting, timeout=PROGRESS_SECONDS, return_when=FIRST_COMPLETED)
                stop.check()
                if pipe:
                    pipe.drain(progress)
                for future in sorted(done, key=lambda f: futures[f].index):
                    try:
                        progress.shard_done(futures[future], future.result())
                    except BrokenProcessPool:
                        failed.append(futures[future])
                    else:
                        on_done(futures[future])
                    stop.check()
        except BaseException:  # interrupted or stopped: end the workers, keep finished part files
            stop_pool(pool)
            raise
        pool.shutdown(wait=True)
        if failed:
            _run_isolated(failed, settings, parts, options, progress, stop, on_done)


#: Set by the run once its model is loaded: the helper of :func:`prepare_pool_run` stops preparing shards
#: (inherited by the forked helper through its initializer), or None outside such a helper.
_PREPARE_STOP: Any = None

#: Plans the shards of a batch from its settings (with their template lines).
Planner = Callable[[Settings], Sequence[Shard]]


def _start_helper(stop: Any) -> None:
    """Initializer of :func:`prepare_pool_run`'s helper: :func:`_own_process`, and remember the event that
    ends its preparing."""
    global _PREPARE_STOP
    _own_process()
    _PREPARE_STOP = stop


def _counted(files: Sequence[InputFile], settings: Settings, parts: Path, resume: bool,
             plan: Planner | None = None) -> tuple[Settings, frozenset[str]]:
    """:func:`template_settings` in a helper process (its pool initializer has already run); then, with
    ``plan``, the shards' documents read, cleaned and segmented in order (:func:`prepare_shard`) until the
    run sets :data:`_PREPARE_STOP`. Returns the settings and the names of the shards prepared whole."""
    counted = template_settings(files, settings, parts, resume)
    done: list[str] = []
    stop = _PREPARE_STOP
    if plan is not None and stop is not None:
        for shard in plan(counted):
            if stop.is_set() or not prepare_shard(shard, counted, parts, stop.is_set):
                break
            done.append(shard.name)
    return counted, frozenset(done)


def loads_model_first(options: RunOptions, settings: Settings, total_bytes: int) -> bool:
    """True when a run with ``options`` over ``total_bytes`` of input loads the spaCy model before it forks
    its workers (on Linux): a new run of several workers on the local pool or on a Dask cluster of its own,
    NER on, :data:`WARM_MODEL_BYTES` of input or more."""
    own = options.engine == "local" or (options.engine == "dask" and not (options.scheduler or options.scheduler_file))
    return (own and options.workers > 1 and not options.resume and settings.use_ner
            and total_bytes >= WARM_MODEL_BYTES)


def prepare_pool_run(files: Sequence[InputFile], settings: Settings, parts: Path, options: RunOptions,
                     plan: Planner | None = None) -> tuple[Settings, frozenset[str]]:
    """``settings`` with the batch's template lines (:func:`~pipeline.run.prepass.template_settings`), and the
    names of the shards whose documents were read, cleaned and segmented ahead (none unless said below).

    When the run will load the spaCy model before forking its workers (a new run of several workers on a local
    pool or a Dask cluster of its own, on Linux, NER on, :data:`WARM_MODEL_BYTES` of input or more) and has
    not loaded it yet, the lines are counted in a forked process while this one loads the stages and the
    model (:func:`warm_stages`), so the two overlap on two cores; with ``plan`` (the run's shard planner) that
    process then prepares the local pool's shards in order, whole, until the model is loaded
    (:func:`~pipeline.run.shards.prepare_shard`: the steps before the model, kept in ``parts``), so the core
    is not idle while the model loads. Otherwise the lines are counted here. A stop (Ctrl-C, SIGTERM) ends
    the helper process at once.
    """
    from ..extract.ner import load_model

    context, forks = pool_context()
    total = sum(f.size for f in files)
    if not (forks and loads_model_first(options, settings, total)) or load_model.cache_info().currsize:
        return template_settings(files, settings, parts, options.resume), frozenset()  # nothing to overlap with
    if options.engine != "local":
        plan = None  # a Dask worker does not go on from prepared documents
    loaded = context.Event()
    with StopSignals() as stop:
        pool = ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=_start_helper, initargs=(loaded,))
        try:
            future = pool.submit(_counted, files, settings, parts, options.resume, plan)  # forks here
            stop.check()
            warm_stages(settings, model=True)
            loaded.set()
            stop.check()
            while True:
                done, _ = wait([future], timeout=PROGRESS_SECONDS)
                stop.check()
                if done:
                    counted = future.result()
                    break
        except BaseException:
            stop_pool(pool)
            raise
        pool.shutdown(wait=True)
    log.debug("%d shards read and cleaned while the model loaded", len(counted[1]))
    return counted


def run_dask(shards: Sequence[Shard], settings: Settings, parts: Path, options: RunOptions,
             on_done: OnDone = _nothing) -> None:
    """Run shards on Dask: a LocalCluster by default, or the scheduler at ``options.scheduler``."""
    from .dask_engine import run_on_dask

    run_on_dask(shards, settings, parts, options, on_done)


def check_engine(options: RunOptions) -> None:
    """Stop before any work when the engine named in ``options`` cannot run here (e.g. dask missing)."""
    if options.engine == "dask":
        from .dask_engine import check_dask

        check_dask(options)


def run_shards(shards: Sequence[Shard], settings: Settings, parts: Path, options: RunOptions, total_bytes: int,
               on_done: OnDone = _nothing, prepared: frozenset[str] = frozenset()) -> None:
    """Run every shard on the engine named in ``options``; ``on_done(shard)`` as each one is done (in any
    order, in this thread). ``prepared``: shards whose documents were read and cleaned ahead (local pool)."""
    if options.engine == "dask":
        run_dask(shards, settings, parts, options, on_done)
    elif options.workers <= 1 or len(shards) <= 1:
        run_serial(shards, settings, parts, options, total_bytes, on_done)
    else:
        run_pool(shards, settings, parts, options, total_bytes, on_done, prepared)
