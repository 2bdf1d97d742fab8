"""The Dask engine: ``process_shard`` on a LocalCluster or on the cluster behind ``--scheduler``.

Dask is an optional extra; without it the engine stops with one line saying how to install it. Every shard
is one task with a fixed key, so a task whose worker died is recomputed by the scheduler and overwrites its
own part files; a task that raised is tried ``RETRIES`` more times. On a real cluster every worker must have
newsclaims installed and see the input and output folders under the same paths (a shared filesystem).
"""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import Errors, NewsclaimsError, UsageError
from .options import RunOptions, Settings
from .progress import Progress
from .shards import Shard, give_up, process_shard

log = logging.getLogger(__name__)

#: How often a shard whose function raised is tried again (a dead worker's shard is always recomputed).
RETRIES = 2
#: Seconds to wait for a remote scheduler to answer.
CONNECT_TIMEOUT = 30


def require_distributed() -> Any:
    """The ``distributed`` module, or a UsageError naming the extra to install."""
    try:
        import distributed
    except ImportError as exc:
        raise UsageError(Errors.E040) from exc
    return distributed


def task_key(shard: Shard, parts: Path) -> str:
    """A key fixed by the shard, its inputs and its output folder, so two runs never share a result."""
    digest = hashlib.sha256(f"{shard.key}\0{Path(parts).resolve()}".encode()).hexdigest()[:16]
    return f"newsclaims-shard-{shard.name}-{digest}"


@contextmanager
def _quiet_dask() -> Iterator[None]:
    """Keep Dask's own INFO chatter (cluster start and stop) off the terminal unless debugging."""
    logger = logging.getLogger("distributed")
    before = logger.level
    if not log.isEnabledFor(logging.DEBUG):
        logger.setLevel(max(before, logging.WARNING))
    try:
        yield
    finally:
        logger.setLevel(before)


def absolute(shard: Shard) -> Shard:
    """The shard with absolute input paths, so workers whose working folder differs still find them."""
    return replace(shard, files=tuple(replace(f, path=Path(f.path).absolute()) for f in shard.files))


def _client(distributed: Any, options: RunOptions, stack: ExitStack) -> Any:
    """A client of a new LocalCluster on 127.0.0.1, or of the scheduler at ``options.scheduler``."""
    if options.scheduler:
        try:
            return stack.enter_context(distributed.Client(options.scheduler, timeout=CONNECT_TIMEOUT))
        except (OSError, TimeoutError) as exc:
            raise NewsclaimsError(Errors.E041.format(address=options.scheduler, reason=exc)) from exc
    with _sigint_ignored():  # its processes inherit this: Ctrl-C stops the run here, which closes the cluster
        cluster = stack.enter_context(distributed.LocalCluster(
            n_workers=max(1, options.workers),
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            # no dashboard; the scheduler's small HTTP endpoint on a free port of 127.0.0.1, not on :8787
            scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
            silence_logs=logging.ERROR,
        ))
    return stack.enter_context(distributed.Client(cluster))


@contextmanager
def _sigint_ignored() -> Iterator[None]:
    """Ignore SIGINT while worker processes are started, so they ignore the terminal's Ctrl-C (no tracebacks
    from each of them); the run itself still stops on it and shuts the cluster down."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, before)


def run_on_dask(shards: Sequence[Shard], settings: Settings, parts: Path, options: RunOptions) -> None:
    """Run ``process_shard`` for every shard on Dask and wait for all of them."""
    distributed = require_distributed()
    if not shards:
        return
    total = sum(s.bytes for s in shards)
    parts = Path(parts).absolute()
    with ExitStack() as stack:
        stack.enter_context(_quiet_dask())
        client = _client(distributed, options, stack)
        log.info("dask engine: %d shard(s) on %s", len(shards), client.scheduler.address)
        futures = {
            client.submit(
                process_shard, absolute(shard), settings, parts, key=task_key(shard, parts), retries=RETRIES
            ): shard
            for shard in shards
        }
        progress = stack.enter_context(Progress(options, total))
        for future in distributed.as_completed(futures):
            shard = futures[future]
            try:
                summary = future.result()
            except distributed.KilledWorker as exc:  # every try killed its worker: record, go on
                reason = Errors.E042.format(shard=shard.name, reason=" ".join(str(exc).split())[:200])
                summary = give_up(shard, parts, reason)
            except Exception as exc:
                raise NewsclaimsError(Errors.E042.format(shard=shard.name, reason=exc)) from exc
            future.release()
            progress.shard_done(shard, summary)
