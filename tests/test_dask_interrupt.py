"""Ctrl-C during a Dask run, wherever it lands: exit 130, one line and no traceback, no process left behind."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.run import dask_engine

ROOT = Path(__file__).resolve().parent.parent
SEED = Path(__file__).parent / "data" / "seed" / "000_776d51a9b6409b01.txt"

#: Runs the command line with Ctrl-C sent to its whole process group (as a terminal does) at one point of the
#: Dask engine; before the signal it prints the pids of every process below it, one ``CHILDREN`` line.
HOOKED_RUN = r'''
import os, signal, sys, time
import distributed, psutil
from pipeline import cli
from pipeline.run import dask_engine

def ctrl_c():
    pids = [p.pid for p in psutil.Process().children(recursive=True)]
    print("CHILDREN", *pids, file=sys.stderr, flush=True)
    os.killpg(os.getpgid(0), signal.SIGINT)
    time.sleep(0.2)  # the signal lands while this process is still inside the hooked step

def after(owner, name):
    real = getattr(owner, name)
    def hooked(*args, **kwargs):
        result = real(*args, **kwargs)
        ctrl_c()
        return result
    setattr(owner, name, hooked)

point = sys.argv[1]
if point == "stages-loaded":
    after(dask_engine, "pack_stages")
elif point == "cluster-starting":  # the workers are up, the cluster's constructor has not returned yet
    real_init = distributed.LocalCluster.__init__
    def init(self, *args, **kwargs):
        real_init(self, *args, **kwargs)
        ctrl_c()
    distributed.LocalCluster.__init__ = init
elif point == "plugin-registered":
    after(distributed.Client, "register_plugin")
elif point == "first-submitted":
    after(distributed.Client, "submit")
elif point == "tasks-running":
    after(dask_engine, "Progress")
sys.exit(cli.main(sys.argv[2:]))
'''

POINTS = ("stages-loaded", "cluster-starting", "plugin-registered", "first-submitted", "tasks-running")


def _alive(pids: set[int]) -> set[int]:
    """Those of ``pids`` still running (zombies left out)."""
    import psutil

    alive = set()
    for pid in pids:
        try:
            if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                alive.add(pid)
        except psutil.NoSuchProcess:
            continue
    return alive


@pytest.mark.cluster
@pytest.mark.parametrize("point", POINTS)
def test_ctrl_c_anywhere_in_a_dask_run_stops_it_cleanly(tmp_path: Path, point: str) -> None:
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    corpus = tmp_path / "in"
    corpus.mkdir()
    paragraphs = SEED.read_text(encoding="utf-8").split("\n\n")
    for i in range(24):
        body = paragraphs[: 2 + i % 5] + [f"In 2021, {i + 3} firms hired {100 + 7 * i} staff, up {i % 9 + 1}.5%."]
        (corpus / f"page{i:02d}.txt").write_text("\n\n".join(body), encoding="utf-8")
    out = tmp_path / "run"
    proc = subprocess.run(
        [sys.executable, "-c", HOOKED_RUN, point, "run", str(corpus), "--out", str(out), "--engine", "dask",
         "--workers", "2", "--no-ner", "--quiet", "--shard-mb", str(3000 / 1024 / 1024)],
        cwd=ROOT, capture_output=True, text=True, start_new_session=True, timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    lines = proc.stderr.splitlines()
    assert proc.returncode == 130, proc.stderr
    assert "Traceback" not in proc.stderr
    assert not [line for line in lines if line.startswith(("WARNING", "ERROR")) or " - ERROR - " in line]
    assert lines[-1].startswith("newsclaims: interrupted;")
    assert not (out / "claims.csv").exists()  # a stopped run commits no outputs
    children = {int(p) for line in lines if line.startswith("CHILDREN") for p in line.split()[1:]}
    if point != "stages-loaded":
        assert children, "the cluster had no processes when it was interrupted"
    deadline = time.monotonic() + 30  # closing the cluster is asynchronous: its processes end shortly after
    while _alive(children) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(children), "cluster processes outlived the run"


def test_ctrl_c_while_the_cluster_starts_is_raised_once_it_has(monkeypatch) -> None:
    """Inside ``_sigint_held`` a Ctrl-C is only noted (processes forked meanwhile stay quiet); it is raised
    as KeyboardInterrupt on leaving, and the run's own handler is back."""
    before = signal.getsignal(signal.SIGINT)
    monkeypatch.setattr(dask_engine, "_forks", lambda: True)
    reached = False
    with pytest.raises(KeyboardInterrupt):
        with dask_engine._sigint_held():
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.05)
            reached = True  # the signal did not stop the start of the cluster half-way
    assert reached
    assert signal.getsignal(signal.SIGINT) is before
    with dask_engine._sigint_held():  # nothing noted: nothing raised
        pass
    assert signal.getsignal(signal.SIGINT) is before


def test_without_fork_ctrl_c_is_ignored_while_workers_start(monkeypatch) -> None:
    monkeypatch.setattr(dask_engine, "_forks", lambda: False)
    before = signal.getsignal(signal.SIGINT)
    with dask_engine._sigint_held():
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN  # spawned workers inherit it
    assert signal.getsignal(signal.SIGINT) is before


class _Client:
    """Records what the run asks of its Dask client."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, object]] = []

    def register_plugin(self, plugin: object, name: str) -> None:
        self.calls.append(("register", name))

    def unregister_worker_plugin(self, name: str) -> None:
        self.calls.append(("unregister", name))

    def cancel(self, futures: list[object], force: bool = False) -> None:
        self.calls.append(("cancel", (len(futures), force)))


class _Future:
    def __init__(self, done: bool) -> None:
        self._done = done

    def done(self) -> bool:
        return self._done


@pytest.mark.parametrize("shared", [True, False])
def test_stages_leave_a_shared_cluster_even_after_a_stop(shared: bool) -> None:
    """A shared cluster forgets the run's stages however the run ends; the run's own LocalCluster keeps them
    until it is closed, so a task still starting on a stopped run's worker does not load them again."""
    client = _Client()
    plugin = dask_engine.StagesPlugin("k" * 16, b"")
    with pytest.raises(KeyboardInterrupt):
        with dask_engine._plugin(client, plugin, shared=shared):
            raise KeyboardInterrupt
    expected = [("register", plugin.name)] + ([("unregister", plugin.name)] if shared else [])
    assert client.calls == expected


def test_a_stopped_run_cancels_only_its_unfinished_tasks() -> None:
    client = _Client()
    dask_engine._cancel(client, {_Future(True): None, _Future(False): None, _Future(False): None})
    dask_engine._cancel(client, {_Future(True): None})  # a completed run: nothing to cancel
    assert client.calls == [("cancel", (2, True))]


def test_quiet_dask_silences_the_event_loops_callback_errors() -> None:
    """Dask's logging setup gives ``tornado.application`` a level of its own (ERROR); a stopped run's
    cancelled callbacks log there with tracebacks, so the quiet context names it too and puts it back after."""
    import logging

    import distributed  # noqa: F401  (its import applies Dask's logging setup)

    logger = logging.getLogger("tornado.application")
    before = logger.level
    with dask_engine._quiet_dask():
        assert not logger.isEnabledFor(logging.ERROR)
    assert logger.level == before
