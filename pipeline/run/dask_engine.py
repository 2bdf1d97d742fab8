"""The Dask engine: ``process_shard`` on a LocalCluster, or on the cluster behind ``--scheduler`` or
``--scheduler-file``.

Dask is an optional extra; without it the engine stops with one line saying how to install it. Every shard
is one task with a fixed key, so a task whose worker died is recomputed by the scheduler and overwrites its
own part files; a task that raised is tried ``RETRIES`` more times.

Tasks carry shard descriptors (paths or URLs and byte ranges), never document texts. The stages this process
loaded (rules of ``--rules`` included) are sent once to every worker, pickled in a :class:`StagesPlugin`, and
kept there between tasks under the hash of those bytes: workers neither reload nor recompile the rules, and a
``--rules`` folder need not exist on them. Workers must have newsclaims installed and see the inputs (the
same paths, or fsspec URLs they can open) and the output folder under the same path (a shared filesystem).

A LocalCluster started here has at most one worker process per shard and lives only as long as the run: it
is closed when the run ends, fails or is interrupted, and its worker processes exit by themselves when this
process dies (on Linux they are also killed with it: sibling workers forked from one process can hold each
other's pipe to it open, which alone would keep them alive). On Linux its workers are forked from this process
(modules, rules and, for a batch of :data:`~pipeline.run.shards.WARM_MODEL_BYTES` or more, the spaCy model
already loaded, as a pool's); Dask's
per-worker profiler and fast housekeeping timers are off, as they only cost CPU on a batch job. The client is
closed before the cluster; each worker of the cluster closes without logging the connections its own close cuts
(a heartbeat still waiting for the scheduler's answer: :class:`CutOnClose`), as Dask would with a traceback.
"""
from __future__ import annotations

import gc
import hashlib
import json
import logging
import pickle
import sys
import weakref
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..document import Stages
from ..errors import Errors, NewsclaimsError, UsageError
from ..ingest.listing import is_url
from .options import RunOptions, Settings
from .processes import forks_die_with_this_process
from .progress import Progress
from .shards import WARM_MODEL_BYTES, Shard, give_up, process_shard, stages_for, warm_stages
from .stops import StopSignals

try:  # the plugin class must be importable on workers, which always have distributed
    from distributed import WorkerPlugin as _PluginBase
except ImportError:  # pragma: no cover - the engine refuses to start without it (E040)
    _PluginBase = object

log = logging.getLogger(__name__)

#: How often a shard whose function raised is tried again (a dead worker's shard is always recomputed).
RETRIES = 2
#: Seconds to wait for a remote scheduler to answer.
CONNECT_TIMEOUT = 30
#: Dask settings of a LocalCluster started by a run: no statistical profiler in the workers, slow
#: housekeeping timers (defaults tick every 20-500 ms in every process), no memory-trim environment.
LOCAL_CONFIG: dict[str, Any] = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.tick.limit": "60s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.scheduler.active-memory-manager.start": False,
}

#: Stages kept by this worker process between tasks, by the hash of their pickled bytes.
_STAGES: dict[str, Stages] = {}


def require_distributed() -> Any:
    """The ``distributed`` module, or a UsageError naming the extra to install."""
    try:
        import distributed
    except ImportError as exc:
        raise UsageError(Errors.E040) from exc
    return distributed


def scheduler_address(options: RunOptions) -> str | None:
    """The scheduler to attach to: ``--scheduler``, the address in ``--scheduler-file``, or None (start a
    LocalCluster). Raises :class:`UsageError` E220 (file unreadable or without an address), E221 (both given)."""
    if options.scheduler and options.scheduler_file:
        raise UsageError(Errors.E221)
    if not options.scheduler_file:
        return options.scheduler
    try:
        info = json.loads(Path(options.scheduler_file).read_text(encoding="utf-8"))
        address = info["address"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "no scheduler address in it"
        raise UsageError(Errors.E220.format(path=options.scheduler_file, reason=reason)) from exc
    if not isinstance(address, str) or not address:
        raise UsageError(Errors.E220.format(path=options.scheduler_file, reason="no scheduler address in it"))
    return address


def check_dask(options: RunOptions) -> None:
    """Stop before any work when the dask engine cannot run as asked (E040, E220, E221)."""
    require_distributed()
    scheduler_address(options)


def task_key(shard: Shard, parts: Path) -> str:
    """A key fixed by the shard, its inputs and its output folder, so two runs never share a result."""
    digest = hashlib.sha256(f"{shard.key}\0{Path(parts).resolve()}".encode()).hexdigest()[:16]
    return f"newsclaims-shard-{shard.name}-{digest}"


@contextmanager
def _quiet_dask() -> Iterator[None]:
    """Keep Dask's own chatter off the terminal unless debugging: cluster start and stop (INFO), and the
    warnings of a cluster shut down under running tasks (a scheduler reporting to a client that has left),
    which a stopped run causes on purpose, and the errors with tracebacks its event loop (tornado) logs of
    callbacks cut off by that shutdown; what fails a run reaches it as its own error. A run stopped by a signal
    (KeyboardInterrupt, SystemExit) leaves them quiet: the event loop's callbacks cut off by the stop may still
    log while the process ends."""
    # Dask's own logging setup gives "tornado.application" a level of its own (ERROR), so it is named apart
    levels = {"distributed": logging.ERROR, "tornado": logging.CRITICAL, "tornado.application": logging.CRITICAL}
    before = {name: logging.getLogger(name).level for name in levels}
    if not log.isEnabledFor(logging.DEBUG):
        for name, level in levels.items():
            logging.getLogger(name).setLevel(max(before[name], level))
    try:
        yield
    except (KeyboardInterrupt, SystemExit):
        raise  # the process ends: its late callbacks stay quiet
    except BaseException:
        _restore_levels(before)
        raise
    else:
        _restore_levels(before)


def _restore_levels(before: dict[str, int]) -> None:
    """Set each named logger back to the level it had."""
    for name, level in before.items():
        logging.getLogger(name).setLevel(level)


def absolute(shard: Shard) -> Shard:
    """The shard with absolute input paths, so workers whose working folder differs still find them
    (URL inputs are left as they are)."""
    return replace(shard, files=tuple(
        f if f.url else replace(f, path=Path(f.path).absolute()) for f in shard.files
    ))


#: Statuses of a Dask worker that is shutting down (:class:`distributed.core.Status` names).
CLOSING = frozenset({"closing", "closing_gracefully", "closed"})


def is_closing(worker: Any) -> bool:
    """True when the Dask ``worker`` is shutting down."""
    return getattr(getattr(worker, "status", None), "name", "") in CLOSING


class CutOnClose(logging.Filter):
    """Drops a log record of a connection cut (an ``OSError`` such as Dask's ``CommClosedError``) while the
    worker it watches shuts down: a worker closes its connections while its own heartbeat to the scheduler may
    still be waiting for an answer, and Dask logs that cut with a traceback. Every other record passes, and so
    does a connection error of a worker that is running."""

    def __init__(self, worker: Any) -> None:
        super().__init__()
        self._worker = weakref.ref(worker)

    def filter(self, record: logging.LogRecord) -> bool:
        """False for a connection error logged while the worker closes."""
        worker = self._worker()
        cut = record.exc_info is not None and isinstance(record.exc_info[1], OSError)
        return not (cut and worker is not None and is_closing(worker))


#: The Dask logger whose records :class:`CutOnClose` watches in a worker process (the worker's heartbeat).
WORKER_LOGGER = "distributed.worker"


class StagesPlugin(_PluginBase):  # type: ignore[misc,valid-type]
    """Worker plugin carrying the run's loaded stages as pickled bytes; each worker unpickles them once
    (also a worker that joins later) and keeps them under ``key`` until the run unregisters the plugin.

    ``quiet_close`` (a cluster of the run's own): each worker's shutdown logs no connection it cuts
    (:class:`CutOnClose` on :data:`WORKER_LOGGER` from setup to the end of the worker process)."""

    def __init__(self, key: str, blob: bytes, quiet_close: bool = False) -> None:
        self.key, self.blob, self.quiet_close = key, blob, quiet_close
        self.name = f"newsclaims-stages-{key}"
        self._filter: CutOnClose | None = None

    def setup(self, worker: Any = None) -> None:
        """Unpickle the stages into this worker process (once per key); watch its shutdown when asked."""
        if self.key not in _STAGES:
            _STAGES[self.key] = pickle.loads(self.blob)  # noqa: S301 - bytes made by this run's own process
        if self.quiet_close and worker is not None and self._filter is None:
            self._filter = CutOnClose(worker)
            logging.getLogger(WORKER_LOGGER).addFilter(self._filter)

    def teardown(self, worker: Any = None) -> None:
        """Forget the stages when the run is over; a worker that is closing keeps its filter to the end of its
        close (its connections are cut after its plugins are torn down)."""
        _STAGES.pop(self.key, None)
        if self._filter is not None and not is_closing(worker):
            logging.getLogger(WORKER_LOGGER).removeFilter(self._filter)
            self._filter = None


def pack_stages(stages: Stages) -> tuple[str, bytes]:
    """(key, bytes) of the loaded stages: the key is the sha256 of the pickled bytes (16 hex digits)."""
    blob = pickle.dumps(stages, protocol=pickle.HIGHEST_PROTOCOL)
    return hashlib.sha256(blob).hexdigest()[:16], blob


def run_shard_task(
    fn: Callable[..., dict[str, Any]], shard: Shard, settings: Settings, parts: Path, stages_key: str
) -> dict[str, Any]:
    """One task on a worker: ``fn`` (``process_shard``) with the stages this worker keeps under ``stages_key``.

    A worker without them (its plugin did not run) loads them from ``settings`` as a local run would.
    """
    stages = _STAGES.get(stages_key)
    if stages is None:  # a worker that started while the plugin was being sent: set it up here
        plugin = _worker_plugins().get(f"newsclaims-stages-{stages_key}")
        if plugin is not None:
            plugin.setup()
        stages = _STAGES.get(stages_key)
    if stages is None:
        log.warning("worker has no stages %s from the run; loading them from the settings", stages_key)
        stages = stages_for(settings)
    return fn(shard, settings, parts, stages=stages)


def _worker_plugins() -> dict[str, Any]:
    """The plugins of the Dask worker running this task (empty outside a worker)."""
    try:
        from distributed import get_worker

        return dict(get_worker().plugins)
    except (ImportError, ValueError, AttributeError):
        return {}


def _local_config() -> dict[str, Any]:
    """Dask settings for a LocalCluster started by a run (:data:`LOCAL_CONFIG`); on Linux its workers are
    forked from this process, so they start with the modules and rules it has already loaded."""
    import dask

    environ = dict(dask.config.get("distributed.nanny.pre-spawn-environ", {}) or {})
    environ.pop("MALLOC_TRIM_THRESHOLD_", None)  # the local pool runs without it; so do our workers
    config = {**LOCAL_CONFIG, "distributed.nanny.pre-spawn-environ": environ}
    if _forks():
        config["distributed.worker.multiprocessing-method"] = "fork"
    return config


def _client(distributed: Any, options: RunOptions, workers: int, stack: ExitStack) -> Any:
    """A client of a new LocalCluster of ``workers`` processes on 127.0.0.1, or of the given scheduler."""
    address = scheduler_address(options)
    if address:
        try:
            return stack.enter_context(distributed.Client(address, timeout=CONNECT_TIMEOUT))
        except (OSError, TimeoutError) as exc:
            raise NewsclaimsError(Errors.E041.format(address=address, reason=exc)) from exc
    import dask

    stack.enter_context(dask.config.set(_local_config()))
    if _forks():  # its workers die with this process even when their pipes to it were crossed
        stack.enter_context(forks_die_with_this_process())
    with _sigint_held():  # a Ctrl-C while the workers start is raised once they have: the stack closes them
        cluster = stack.enter_context(distributed.LocalCluster(
            n_workers=workers,
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
def _sigint_held() -> Iterator[None]:
    """Ctrl-C held back while the LocalCluster starts its processes, then raised here (KeyboardInterrupt).

    Worker processes forked meanwhile inherit a handler that only notes the signal
    (:class:`~pipeline.run.stops.StopSignals` for SIGINT alone: SIGTERM stays the nanny's way to end a
    worker), so the terminal's Ctrl-C, which reaches the whole process group, leaves them quiet (no traceback
    from each); the run itself raises it once the cluster is up, and the stack that entered the cluster shuts
    it down. Where workers are not forked from this process, Ctrl-C is ignored while they start (they inherit
    that) and a Ctrl-C pressed then is lost. Off the main thread, or with a SIGINT handler that is not a
    Python function, nothing changes.
    """
    import signal
    import threading

    if not _forks():
        held = callable(signal.getsignal(signal.SIGINT))
        if threading.current_thread() is not threading.main_thread() or not held:
            yield
            return
        before = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            yield
        finally:
            signal.signal(signal.SIGINT, before)
        return
    with StopSignals((signal.SIGINT,)):
        yield


@contextmanager
def _frozen() -> Iterator[None]:
    """What this process has loaded is moved out of the garbage collector's reach while the block runs
    (``gc.freeze``): the cluster's scheduler and client allocate all along the run, and each full collection
    would otherwise scan every object of the rules and the model again; workers forked meanwhile (a
    LocalCluster on Linux) start frozen too, as a local pool's do, so neither they scan nor touch (copy) those
    objects' memory pages. Given back to the collector afterwards."""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _forks() -> bool:
    """True when this run's LocalCluster forks its worker processes from this one (Linux)."""
    return sys.platform.startswith("linux")


@contextmanager
def _plugin(client: Any, plugin: StagesPlugin, shared: bool) -> Iterator[None]:
    """``plugin`` registered on every worker for the duration of the run: a ``shared`` cluster forgets it at
    the end; a LocalCluster of the run's own keeps it until it is closed (a task still starting on a worker of
    a stopped run then finds the stages instead of loading them)."""
    client.register_plugin(plugin, name=plugin.name)
    if not shared:
        yield
        return
    try:
        yield
    finally:
        try:
            client.unregister_worker_plugin(plugin.name)
        except Exception:  # noqa: BLE001 - a cluster that is going away keeps nothing anyway
            log.debug("could not unregister %s", plugin.name, exc_info=True)


def _cancel(client: Any, futures: dict[Any, Shard]) -> None:
    """Cancel the run's tasks that have not finished (nothing to do after a completed run)."""
    pending = [f for f in futures if not f.done()]
    if pending:
        try:
            client.cancel(pending, force=True)
        except Exception:  # noqa: BLE001 - a cluster that is going away runs nothing anyway
            log.debug("could not cancel %d task(s)", len(pending), exc_info=True)


def run_on_dask(shards: Sequence[Shard], settings: Settings, parts: Path, options: RunOptions,
                on_done: Callable[[Shard], None] | None = None) -> None:
    """Run ``process_shard`` for every shard on Dask and wait for all of them; ``on_done(shard)`` as each
    one is done."""
    distributed = require_distributed()
    if not shards:
        return
    total = sum(s.bytes for s in shards)
    parts = Path(parts).absolute()
    if scheduler_address(options) is None and _forks():
        # the LocalCluster's workers are forked after this: they share the rules and the model, as a pool's do
        warm_stages(settings, model=total >= WARM_MODEL_BYTES)
    stages = stages_for(settings)
    key, blob = pack_stages(stages)  # loaded once by this process; the workers get the bytes
    fn = process_shard
    with ExitStack() as stack:
        stack.enter_context(_quiet_dask())
        if scheduler_address(options) is None and _forks():
            # workers forked from here find the stages already under their key and unpickle nothing
            _STAGES[key] = stages
            stack.callback(_STAGES.pop, key, None)
        # what is loaded now (modules, rules, the model) stays out of the collector's scans until the run ends
        stack.enter_context(_frozen())
        # no idle workers: a LocalCluster gets no more processes than there are shards
        client = _client(distributed, options, max(1, min(options.workers, len(shards))), stack)
        log.info("dask engine: %d shard(s) on %s", len(shards), client.scheduler.address)
        shared = scheduler_address(options) is not None
        # workers of a cluster of the run's own close without a traceback of the connections they cut (unless -v)
        plugin = StagesPlugin(key, blob, quiet_close=not shared and not log.isEnabledFor(logging.DEBUG))
        stack.enter_context(_plugin(client, plugin, shared=shared))
        futures: dict[Any, Shard] = {}
        # a run that stops cancels its tasks before its stages leave the workers (else queued tasks would start
        # and load the stages themselves while the run shuts down)
        stack.callback(_cancel, client, futures)
        for shard in shards:  # one at a time, so a stop meanwhile cancels every task already submitted
            futures[client.submit(
                run_shard_task, fn, absolute(shard), settings, parts, key,
                key=task_key(shard, parts), retries=RETRIES, pure=False,
            )] = shard
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
            if on_done is not None:
                on_done(shard)

