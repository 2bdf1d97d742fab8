"""Engines: the local pool and Dask give byte-identical outputs, survive killed workers, and a killed run resumes."""
from __future__ import annotations

import contextlib
import csv
import functools
import json
import logging
import os
import pickle
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from pipeline.run.stops import StopSignals
from pipeline.run import dask_engine, engines, processes
from pipeline.run import progress as progress_mod
from pipeline import document as document_mod
from pipeline.cli import main
from pipeline.errors import NewsclaimsError, UsageError
from pipeline.run.options import RunOptions, Settings
from pipeline.run.shards import Shard, process_shard, stages_for
from pipeline.ingest.listing import list_inputs
from pipeline.run.runner import plan_shards, rules_sha256, run

ROOT = Path(__file__).resolve().parent.parent
SEED = Path(__file__).parent / "data" / "seed" / "000_776d51a9b6409b01.txt"
COMPARED = ("claims.csv", "documents.csv", "clutter.csv", "articles.jsonl")
#: Small shards, so even a small corpus spreads over several workers.
SHARD_BYTES = 6000


def write_corpus(root: Path, n: int) -> Path:
    """``n`` pages made of seed paragraphs plus one numbered sentence each, and one empty page."""
    paragraphs = SEED.read_text(encoding="utf-8").split("\n\n")
    for i in range(n):
        sub = root / f"batch{i % 4}"
        sub.mkdir(parents=True, exist_ok=True)
        body = paragraphs[: 2 + i % 7] + [f"In 2021, {i + 3} firms hired {100 + 7 * i} staff, up {i % 9 + 1}.5%."]
        (sub / f"page{i:03d}.txt").write_text("\n\n".join(body), encoding="utf-8")
    (root / "blank.txt").write_text(" \n", encoding="utf-8")
    return root


def outputs(out: Path) -> dict[str, bytes]:
    """The bytes of the run's data files (the manifest holds times, so it is left out)."""
    return {name: (out / name).read_bytes() for name in COMPARED}


def rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def crash_once(
    shard: Shard, settings: Settings, parts: Path, progress=None, *, marker: str, victim: int, **given
) -> dict:
    """``process_shard``, except that the first process to reach shard ``victim`` kills itself (SIGKILL)."""
    if shard.index == victim:
        try:
            fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            pass
        else:
            os.write(fd, str(os.getpid()).encode())
            os.close(fd)
            os.kill(os.getpid(), signal.SIGKILL)
    return process_shard(shard, settings, parts, progress, **given)


def poison_extract(items, extractor, entities=None):
    """``extract_documents`` that fails for any batch holding a document with the word POISON."""
    if any("POISON" in article.doc.text for article, _ in items):
        raise ValueError("poisoned document")
    return REAL_EXTRACT(items, extractor, entities)


REAL_EXTRACT = document_mod.extract_documents


def poisoned_shard(shard: Shard, settings: Settings, parts: Path, progress=None, **given) -> dict:
    """``process_shard`` with :func:`poison_extract` in place, inside whichever process runs it."""
    document_mod.extract_documents = poison_extract
    try:
        return process_shard(shard, settings, parts, progress, **given)
    finally:
        document_mod.extract_documents = REAL_EXTRACT


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus"), 14)


@pytest.fixture(scope="module")
def serial(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Outputs of an in-process run, the reference every engine must reproduce byte for byte."""
    out = tmp_path_factory.mktemp("serial")
    result = run([corpus], Settings(), RunOptions(out=out, workers=1, shard_bytes=SHARD_BYTES))
    assert result.manifest["counts"]["shards"] >= 4
    assert result.counts["documents"] == 15 and result.counts["claims"] > 0
    return outputs(out)


@pytest.mark.slow
def test_pool_worker_killed_is_retried(corpus: Path, serial, tmp_path: Path, monkeypatch) -> None:
    marker = tmp_path / "killed"
    monkeypatch.setattr(engines, "process_shard", functools.partial(crash_once, marker=str(marker), victim=2))
    result = run([corpus], Settings(), RunOptions(out=tmp_path / "run", workers=2, shard_bytes=SHARD_BYTES))
    assert marker.exists(), "no worker was killed"
    assert int(marker.read_text()) != os.getpid()
    assert result.manifest["counts"]["shards_run"] == result.manifest["counts"]["shards"]
    assert outputs(tmp_path / "run") == serial



def note(folder: str | Path, name: str, text: str) -> None:
    """Write ``text`` to ``folder/name`` whole or not at all (written beside the folder, then moved in): a test
    reading the folder while a worker notes never sees an empty note."""
    tmp = Path(folder).parent / f".{Path(folder).name}.{name}.{os.getpid()}.tmp"
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, Path(folder, name))

def counting_shard(shard: Shard, settings: Settings, parts: Path, progress=None, *, folder: str, **given) -> dict:
    """``process_shard``, noting which process ran it, whether the model was already loaded there and how
    often it was loaded while the shard ran."""
    from pipeline.extract import ner

    before = ner.load_model.cache_info()
    summary = process_shard(shard, settings, parts, progress, **given)
    loads = ner.load_model.cache_info().misses - before.misses
    note(folder, f"{shard.index}", f"{os.getpid()} {before.currsize} {loads}")
    return summary


def test_pool_workers_share_the_stages_loaded_before_the_fork(corpus: Path, serial, tmp_path: Path,
                                                             monkeypatch) -> None:
    from pipeline.extract import ner

    seen = tmp_path / "seen"
    seen.mkdir()
    ner.load_model.cache_clear()  # as in a fresh process: only the run itself may load the model before forking
    monkeypatch.setattr(engines, "WARM_MODEL_BYTES", 0)  # the corpus is small: count it as a big batch
    monkeypatch.setattr(engines, "process_shard", functools.partial(counting_shard, folder=str(seen)))
    result = run([corpus], Settings(), RunOptions(out=tmp_path / "run", workers=2, shard_bytes=SHARD_BYTES))
    notes = [tuple(map(int, p.read_text(encoding="utf-8").split())) for p in seen.iterdir()]
    assert len(notes) == result.manifest["counts"]["shards"] >= 4
    assert {pid for pid, _, _ in notes} - {os.getpid()}, "no shard ran in a worker process"
    assert all(loaded >= 1 and loads == 0 for _, loaded, loads in notes), notes  # the model came with the fork
    assert outputs(tmp_path / "run") == serial


def test_pool_of_a_small_batch_leaves_the_model_to_the_workers(corpus: Path, serial, tmp_path: Path,
                                                              monkeypatch) -> None:
    from pipeline.extract import ner

    seen = tmp_path / "seen"
    seen.mkdir()
    ner.load_model.cache_clear()
    monkeypatch.setattr(engines, "WARM_MODEL_BYTES", 1 << 40)
    monkeypatch.setattr(engines, "process_shard", functools.partial(counting_shard, folder=str(seen)))
    result = run([corpus], Settings(), RunOptions(out=tmp_path / "run", workers=2, shard_bytes=SHARD_BYTES))
    notes = [tuple(map(int, p.read_text(encoding="utf-8").split())) for p in seen.iterdir()]
    assert len(notes) == result.manifest["counts"]["shards"]
    assert ner.load_model.cache_info().currsize == 0  # the run's own process never loaded it
    assert {pid for pid, _, _ in notes} - {os.getpid()} and sum(loads for _, _, loads in notes) >= 1
    assert outputs(tmp_path / "run") == serial


def always_crash(shard: Shard, settings: Settings, parts: Path, progress=None, *, victim: int, **given) -> dict:
    """``process_shard``, except that shard ``victim`` kills its worker every time."""
    if shard.index == victim:
        os.kill(os.getpid(), signal.SIGKILL)
    return process_shard(shard, settings, parts, progress, **given)


@pytest.mark.slow
def test_pool_gives_up_on_a_shard_that_always_kills_its_worker(corpus: Path, serial, tmp_path: Path,
                                                               monkeypatch) -> None:
    out = tmp_path / "run"
    monkeypatch.setattr(engines, "process_shard", functools.partial(always_crash, victim=2))
    first = run([corpus], Settings(), RunOptions(out=out, workers=2, shard_bytes=SHARD_BYTES))
    options = RunOptions(out=out, workers=2, shard_bytes=SHARD_BYTES)
    files = list_inputs([corpus], Settings().ingest)
    lost = next(s for s in plan_shards(files, Settings(), rules_sha256(Settings()), options) if s.index == 2)
    with open(out / "documents.csv", newline="", encoding="utf-8") as handle:
        rows = {r["source"]: r for r in csv.DictReader(handle)}
    assert len(rows) == first.counts["documents"]  # nothing lost: the crashing shard's files are error rows
    for item in lost.files:
        assert rows[item.source]["status"] == "error" and "[E044]" in rows[item.source]["error"]
    assert sum(r["status"] == "ok" for r in rows.values()) > 0
    monkeypatch.undo()
    again = run([corpus], Settings(), RunOptions(out=out, workers=2, shard_bytes=SHARD_BYTES, resume=True))
    assert again.manifest["counts"]["shards_run"] == 1
    assert outputs(out) == serial


def test_missing_dask_gives_one_line_install_hint(corpus: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(UsageError, match=r"pip install 'newsclaims\[dask\]'"):
        dask_engine.run_on_dask([], Settings(), tmp_path, RunOptions(engine="dask"))
    status = main(["run", str(corpus), "--out", str(tmp_path / "run"), "--engine", "dask", "--quiet"])
    err = capsys.readouterr().err
    assert status == 2
    assert err.count("\n") == 1 and "[E040]" in err


def test_task_keys_are_fixed_per_shard_and_output_folder(tmp_path: Path) -> None:
    shard = Shard(index=3, files=(), key="k" * 64)
    key = dask_engine.task_key(shard, tmp_path / "a")
    assert key == dask_engine.task_key(shard, tmp_path / "a")
    assert key.startswith("newsclaims-shard-00003-")
    assert key != dask_engine.task_key(shard, tmp_path / "b")
    assert key != dask_engine.task_key(Shard(index=3, files=(), key="j" * 64), tmp_path / "a")


@pytest.fixture(scope="module")
def cluster():
    """A two-worker Dask cluster on 127.0.0.1 that tests attach to with ``--scheduler``."""
    distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None,
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}, silence_logs=50,
    ) as local:
        yield local


@pytest.mark.parametrize("tty, progress, shown", [(True, True, True), (False, True, False), (True, False, False)])
def test_progress_bar_only_on_a_terminal(tty: bool, progress: bool, shown: bool, monkeypatch, capsys) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: tty)
    shard = Shard(index=1, files=(), key="k")
    with progress_mod.Progress(RunOptions(progress=progress), total_bytes=100) as bar:
        bar.shard_done(shard, {"counts": {"documents": 3, "words": 1200}})
        bar.shard_done(shard, {"counts": {"documents": 2, "words": 800}})
    assert (bar.docs, bar.words) == (5, 2000)
    err = capsys.readouterr().err
    assert ("5 docs" in err and "words/s" in err) if shown else err == ""


@pytest.mark.cluster
def test_dask_local_cluster_matches_local_engine(corpus: Path, serial, tmp_path: Path) -> None:
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    out = tmp_path / "run"
    result = run([corpus], Settings(), RunOptions(out=out, workers=2, engine="dask", shard_bytes=SHARD_BYTES))
    assert result.manifest["engine"]["name"] == "dask"
    assert result.manifest["counts"]["shards_run"] == result.manifest["counts"]["shards"] >= 4
    assert outputs(out) == serial


@pytest.mark.cluster
def test_dask_worker_killed_mid_run_job_completes(corpus: Path, serial, cluster, tmp_path: Path, monkeypatch) -> None:
    marker = tmp_path / "killed"
    monkeypatch.setattr(dask_engine, "process_shard", functools.partial(crash_once, marker=str(marker), victim=3))
    options = RunOptions(out=tmp_path / "run", workers=2, engine="dask", scheduler=cluster.scheduler_address,
                         shard_bytes=SHARD_BYTES)
    result = run([corpus], Settings(), options)
    assert marker.exists(), "no worker was killed"
    assert int(marker.read_text()) != os.getpid()
    assert result.manifest["counts"]["shards_run"] == result.manifest["counts"]["shards"]
    assert outputs(tmp_path / "run") == serial


@pytest.mark.cluster
def test_dask_poisoned_document_recorded_rest_of_shard_processed(corpus: Path, cluster, tmp_path: Path,
                                                                 monkeypatch) -> None:
    root = tmp_path / "in"
    shutil.copytree(corpus, root)
    (root / "batch1" / "page001b.txt").write_text("POISON: 12 tonnes of it, up 4%.", encoding="utf-8")
    monkeypatch.setattr(dask_engine, "process_shard", poisoned_shard)
    options = RunOptions(out=tmp_path / "run", workers=2, engine="dask", scheduler=cluster.scheduler_address,
                         shard_bytes=SHARD_BYTES)
    result = run([root], Settings(batch_docs=4), options)
    docs = {r["source"]: r for r in rows(tmp_path / "run" / "documents.csv")}
    assert docs["batch1/page001b.txt"]["status"] == "error"
    assert "poisoned document" in docs["batch1/page001b.txt"]["error"]
    assert [r["status"] for r in docs.values()].count("ok") == 14
    assert result.counts["claims"] > 0 and len(docs) == 16
    claims = rows(tmp_path / "run" / "claims.csv")
    assert "batch1/page001.txt" in {c["source"] for c in claims}
    assert "batch1/page001b.txt" not in {c["source"] for c in claims}


@pytest.mark.cluster
def test_dask_unreachable_scheduler_is_one_error(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    monkeypatch.setattr(dask_engine, "CONNECT_TIMEOUT", 1)
    options = RunOptions(out=tmp_path / "run", engine="dask", scheduler="tcp://127.0.0.1:9")
    with pytest.raises(NewsclaimsError, match=r"\[E041\]"):
        run([corpus], Settings(), options)


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "pipeline", "run", *args, "--quiet", "--no-ner"]


@pytest.mark.slow
def test_killed_run_resumes_to_identical_outputs(tmp_path: Path, suite_size: str) -> None:
    pages = 30 if suite_size == "small" else 60
    corpus = write_corpus(tmp_path / "in", pages)
    shard_mb = str(2500 / 1024 / 1024)
    whole, killed = tmp_path / "whole", tmp_path / "killed"
    subprocess.run(_cli(str(corpus), "--out", str(whole), "--shard-mb", shard_mb, "--workers", "1"),
                   cwd=ROOT, check=True, capture_output=True, timeout=300)
    shards = json.loads((whole / "manifest.json").read_text())["counts"]["shards"]
    assert shards >= 20

    proc = subprocess.Popen(_cli(str(corpus), "--out", str(killed), "--shard-mb", shard_mb, "--workers", "1"),
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    try:
        while len(list((killed / "parts").glob("*.done.json"))) < 3 and time.monotonic() < deadline:
            assert proc.poll() is None, "the run finished before it could be killed"
            time.sleep(0.005)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    done_before = len(list((killed / "parts").glob("*.done.json")))
    assert 3 <= done_before < shards
    assert not (killed / "claims.csv").exists()

    subprocess.run(_cli(str(corpus), "--out", str(killed), "--shard-mb", shard_mb, "--workers", "1", "--resume"),
                   cwd=ROOT, check=True, capture_output=True, timeout=300)
    manifest = json.loads((killed / "manifest.json").read_text())
    assert manifest["counts"]["shards_resumed"] == done_before
    assert manifest["counts"]["shards_run"] + manifest["counts"]["shards_resumed"] == shards
    assert outputs(killed) == outputs(whole)
    assert not list((killed / "parts").glob(".*.tmp")), "temporary files of the killed run were left behind"
    claims = rows(killed / "claims.csv")
    assert len({r["claim_id"] for r in claims}) == len(claims) > 0
    docs = rows(killed / "documents.csv")
    assert len({r["source"] for r in docs}) == len(docs) == pages + 1


def _children(pid: int) -> set[int]:
    """Direct child processes of ``pid`` (Linux /proc)."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found |= {int(c) for c in (task / "children").read_text().split()}
        except OSError:
            pass
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _start_pool_run(corpus: Path, out: Path) -> tuple[subprocess.Popen, set[int]]:
    """A two-worker run of many small shards, once its workers are up and a shard is done."""
    proc = subprocess.Popen(_cli(str(corpus), "--out", str(out), "--shard-mb", str(2500 / 1024 / 1024),
                                 "--workers", "2"),
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    deadline = time.monotonic() + 120
    workers: set[int] = set()
    while time.monotonic() < deadline and proc.poll() is None:
        workers = _children(proc.pid)
        if len(workers) >= 2 and list((out / "parts").glob("*.done.json")):
            break
        time.sleep(0.01)
    assert proc.poll() is None, "the run finished before it could be stopped"
    return proc, workers


@pytest.mark.slow
@pytest.mark.parametrize("signum, status", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_stopped_run_ends_its_workers_and_says_how_to_resume(tmp_path: Path, signum: int, status: int) -> None:
    corpus = write_corpus(tmp_path / "in", 80)
    out = tmp_path / "run"
    proc, workers = _start_pool_run(corpus, out)
    # Ctrl-C reaches the whole process group; SIGTERM only the main process
    (os.killpg if signum == signal.SIGINT else os.kill)(proc.pid, signum)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == status
    assert "Traceback" not in err
    assert err.strip().count("\n") == 0 and "--resume" in err and "finished shard(s)" in err
    assert workers and not any(_alive(w) for w in workers)
    assert not (out / "claims.csv").exists()  # nothing half-merged


@pytest.mark.slow
def test_workers_die_with_a_killed_run(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", 80)
    proc, workers = _start_pool_run(corpus, tmp_path / "run")
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=60)
    deadline = time.monotonic() + 30
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert workers and not any(_alive(w) for w in workers), "orphaned workers kept running"


def test_shard_mb_must_be_a_positive_number(tmp_path: Path, capsys) -> None:
    for bad in ("nan", "inf", "0", "-1", "abc"):
        with pytest.raises(SystemExit) as stop:
            main(["run", str(tmp_path), "--out", str(tmp_path / "o"), "--shard-mb", bad])
        assert stop.value.code == 2
        assert "[E173]" in capsys.readouterr().err


# -- the dask engine: stages sent once, scheduler files, no process left behind ----------------------------

def test_scheduler_file_must_name_a_scheduler(tmp_path: Path, corpus: Path, capsys) -> None:
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    bad = tmp_path / "scheduler.json"
    for content in (None, "not json", '{"id": "x"}'):
        if content is not None:
            bad.write_text(content, encoding="utf-8")
        status = main(["run", str(corpus), "--out", str(tmp_path / "run"), "--scheduler-file", str(bad), "--quiet"])
        assert status == 2 and "[E220]" in capsys.readouterr().err
    bad.write_text('{"address": "tcp://127.0.0.1:9"}', encoding="utf-8")
    with pytest.raises(UsageError, match=r"\[E221\]"):
        dask_engine.check_dask(RunOptions(engine="dask", scheduler="tcp://127.0.0.1:9", scheduler_file=str(bad)))
    assert dask_engine.scheduler_address(RunOptions(engine="dask", scheduler_file=str(bad))) == "tcp://127.0.0.1:9"
    assert not (tmp_path / "run").exists()  # refused before any work


def test_url_out_is_refused_before_any_work(tmp_path: Path, corpus: Path, capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["run", str(corpus), "--out", "s3://bucket/run", "--quiet"])
    assert stop.value.code == 2 and "[E222]" in capsys.readouterr().err


def test_stages_are_packed_once_and_unpacked_by_the_plugin() -> None:
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    stages = document_mod.load_stages(use_ner=False)
    key, blob = dask_engine.pack_stages(stages)
    plugin = dask_engine.StagesPlugin(key, blob)
    try:
        plugin.setup()
        kept = dask_engine._STAGES[key]
        assert [f.sha256 for f in kept.rule_files] == [f.sha256 for f in stages.rule_files]
        plugin.setup()  # a second run with the same rules keeps the same object
        assert dask_engine._STAGES[key] is kept
    finally:
        plugin.teardown()
    assert key not in dask_engine._STAGES


@pytest.mark.cluster
def test_dask_rules_travel_with_the_run(corpus: Path, serial, cluster, tmp_path: Path) -> None:
    """The workers never read --rules: the folder is gone before any shard runs, and outputs still match."""
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules, ignore=shutil.ignore_patterns("schema", "*.py"))
    settings = Settings(rules_folder=str(rules))
    files = list_inputs([corpus], settings.ingest)
    shards = plan_shards(files, settings, rules_sha256(settings), RunOptions(shard_bytes=SHARD_BYTES))
    stages_for(settings)  # the run loads (and keeps) the stages before any shard runs
    shutil.rmtree(rules)  # loaded by this process; the workers must get them from it
    parts = tmp_path / "parts"
    options = RunOptions(workers=2, engine="dask", scheduler=cluster.scheduler_address)
    dask_engine.run_on_dask(shards, settings, parts, options)
    reference = tmp_path / "reference"
    for shard in shards:
        process_shard(shard, Settings(), reference)
    for kind in ("claims", "documents", "clutter", "articles"):
        for shard in shards:
            name = f"{shard.name}.{kind}.jsonl"
            assert (parts / name).read_bytes() == (reference / name).read_bytes()
    from distributed import Client

    with Client(cluster.scheduler_address) as client:  # the shared cluster forgets the run's stages
        assert client.run(lambda: len(dask_engine._STAGES)) == dict.fromkeys(client.run(os.getpid), 0)


@pytest.mark.cluster
def test_dask_scheduler_file_and_url_inputs(corpus: Path, serial, cluster, tmp_path: Path) -> None:
    scheduler_file = tmp_path / "scheduler.json"
    scheduler_file.write_text(json.dumps({"address": cluster.scheduler_address}), encoding="utf-8")
    out = tmp_path / "run"
    options = RunOptions(out=out, workers=2, engine="dask", scheduler_file=str(scheduler_file),
                         shard_bytes=SHARD_BYTES)
    result = run([corpus.as_uri()], Settings(), options)  # file:// URL: listed and read through fsspec
    assert result.manifest["counts"]["shards"] >= 4
    assert outputs(out) == serial


class _Worker:
    """A stand-in for a Dask worker: only its status (named as :class:`distributed.core.Status` names them)."""

    def __init__(self, status: str) -> None:
        self.status = SimpleNamespace(name=status)


def _logged(error: BaseException, worker_status: str, quiet_close: bool = True) -> list[str]:
    """What Dask's worker logger lets through of ``error`` logged with its traceback, in a worker of the given
    status whose stages plugin was set up (and torn down again while it runs) with ``quiet_close``."""
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    plugin = dask_engine.StagesPlugin("quiet-close", pickle.dumps(None), quiet_close=quiet_close)
    worker = _Worker("running")
    logger = logging.getLogger(dask_engine.WORKER_LOGGER)
    seen: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: seen.append(record.getMessage())  # type: ignore[method-assign]
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.ERROR)  # as a worker of the run's cluster logs (whatever Dask set in this process)
    try:
        plugin.setup(worker)
        worker.status.name = worker_status
        try:
            raise error
        except BaseException:
            logger.exception("Failed to communicate with scheduler during heartbeat.")
    finally:
        worker.status.name = "running"
        plugin.teardown(worker)
        logger.removeHandler(handler)
        logger.setLevel(level)
    assert not logger.filters, "a running worker's teardown takes its filter away"
    return seen


@pytest.mark.parametrize("error, status, quiet_close, shown", [
    (OSError("Stream is closed"), "closing", True, False),  # the heartbeat cut by the worker's own close
    (OSError("Stream is closed"), "closed", True, False),
    (OSError("Stream is closed"), "running", True, True),  # a running worker's lost connection is news
    (ValueError("bad frame"), "closing", True, True),  # no connection error: shown even while closing
    (OSError("Stream is closed"), "closing", False, True),  # a shared cluster's workers are left as they are
])
def test_a_closing_workers_cut_connections_are_not_logged(error, status, quiet_close, shown) -> None:
    assert bool(_logged(error, status, quiet_close)) is shown


def test_a_closing_worker_keeps_its_filter_through_its_close() -> None:
    """Dask tears a worker's plugins down before it closes its connections: the filter stays for the close."""
    pytest.importorskip("distributed", reason="the dask extra is not installed")
    plugin = dask_engine.StagesPlugin("quiet-close", pickle.dumps(None), quiet_close=True)
    worker = _Worker("running")
    logger = logging.getLogger(dask_engine.WORKER_LOGGER)
    plugin.setup(worker)
    try:
        worker.status.name = "closing"
        plugin.teardown(worker)
        assert len(logger.filters) == 1
        assert "quiet-close" not in dask_engine._STAGES
    finally:
        for kept in list(logger.filters):
            logger.removeFilter(kept)


#: ``python -c`` of a run whose scheduler answers each worker's heartbeat late, as on a loaded machine: a
#: heartbeat is nearly always still waiting when the cluster closes its workers.
SLOW_HEARTBEATS = """
import asyncio, sys
import distributed.scheduler as scheduler

start = scheduler.Scheduler.__init__


def slow_heartbeats(self, *args, **kwargs):
    start(self, *args, **kwargs)
    answer = self.handlers["heartbeat_worker"]

    async def late(**given):
        await asyncio.sleep(0.45)
        return answer(**given)

    self.handlers["heartbeat_worker"] = late


scheduler.Scheduler.__init__ = slow_heartbeats
from pipeline.cli import main

sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.cluster
def test_a_dask_run_closes_quietly_while_heartbeats_wait(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", 20)
    done = subprocess.run([sys.executable, "-c", SLOW_HEARTBEATS, "run", str(corpus), "--out", str(tmp_path / "run"),
                           "--shard-mb", str(2500 / 1024 / 1024), "--workers", "2", "--engine", "dask", "--quiet",
                           "--no-ner"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr, done.stderr


def _ps_children(pid: int) -> set[int]:
    """Child processes of ``pid`` as ``ps`` lists them."""
    listed = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return {int(p) for p in listed.split()}


def _ps_alive(pids: set[int]) -> set[int]:
    """Those of ``pids`` that ``ps`` still lists (zombies left out)."""
    if not pids:
        return set()
    listed = subprocess.run(["ps", "-o", "pid=,stat=", "-p", ",".join(map(str, pids))],
                            capture_output=True, text=True).stdout
    return {int(line.split()[0]) for line in listed.splitlines() if line.split() and "Z" not in line.split()[1]}


@pytest.mark.cluster
@pytest.mark.parametrize("stop", ["finish", "sigint", "sigkill"])
def test_dask_run_leaves_no_process_behind(tmp_path: Path, stop: str) -> None:
    corpus = write_corpus(tmp_path / "in", 60)
    out = tmp_path / "run"
    proc = subprocess.Popen(_cli(str(corpus), "--out", str(out), "--shard-mb", str(2500 / 1024 / 1024),
                                 "--workers", "2", "--engine", "dask"),
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    seen: set[int] = set()
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and proc.poll() is None:
        seen |= _ps_children(proc.pid)
        if len(seen) >= 2 and list((out / "parts").glob("*.done.json")):
            break
        time.sleep(0.02)
    assert len(seen) >= 2, "the run started no worker processes"
    if stop == "sigint":
        assert proc.poll() is None, "the run finished before it could be stopped"
        os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C reaches the whole process group
    elif stop == "sigkill":
        assert proc.poll() is None, "the run finished before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
    _, err = proc.communicate(timeout=180)
    assert proc.returncode == {"finish": 0, "sigint": 130, "sigkill": -signal.SIGKILL}[stop], err
    if stop != "sigkill":
        assert "Traceback" not in err
    deadline = time.monotonic() + 30
    while _ps_alive(seen) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _ps_alive(seen), "worker processes outlived the run"


def stuck_shard(shard: Shard, settings: Settings, parts: Path, progress=None, *, folder: str, **given) -> dict:
    """A shard that notes its worker's pid, ignores SIGTERM when its index is odd, and never finishes."""
    if shard.index % 2:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    note(folder, f"{shard.index}", str(os.getpid()))
    while True:
        time.sleep(0.05)


def test_an_interrupted_pool_ends_its_workers(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    """Ctrl-C (KeyboardInterrupt in the run's loop) ends the workers, even one that ignores SIGTERM,
    instead of letting them work through the queue."""
    seen = tmp_path / "seen"
    seen.mkdir()
    monkeypatch.setattr(engines, "process_shard", functools.partial(stuck_shard, folder=str(seen)))
    monkeypatch.setattr(processes, "STOP_GRACE", 0.2)
    real_wait = engines.wait

    def interrupting_wait(*args, **kwargs):
        if len(list(seen.iterdir())) >= 2:  # both workers are busy
            raise KeyboardInterrupt
        return real_wait(*args, **kwargs)

    monkeypatch.setattr(engines, "wait", interrupting_wait)
    options = RunOptions(out=tmp_path / "run", workers=2, shard_bytes=SHARD_BYTES)
    files = list_inputs([corpus], Settings().ingest)
    shards = plan_shards(files, Settings(), rules_sha256(Settings()), options)
    assert len(shards) >= 4
    parts = tmp_path / "parts"
    parts.mkdir()
    try:
        with pytest.raises(KeyboardInterrupt):
            engines.run_pool(shards, Settings(), parts, options, 0)
        pids = {int(p.read_text(encoding="utf-8")) for p in seen.iterdir()}
        assert len(pids) == 2
        assert not any(_alive(pid) for pid in pids), "workers kept running after the interrupt"
        assert len(pids) < len(shards)  # the queued shards never started
    finally:
        for pid in {int(p.read_text(encoding="utf-8")) for p in seen.iterdir()}:
            with contextlib.suppress(OSError):  # leave nothing running if the pool did not end them
                os.kill(pid, signal.SIGKILL)


# -- a stop never lands inside the pool's bookkeeping --------------------------------------------------------
def _stuck_pool_shards(corpus: Path, tmp_path: Path, monkeypatch) -> tuple[list[Shard], Path, Path, RunOptions]:
    """Shards whose workers never finish (each notes its pid in ``seen``), and a short stop grace."""
    seen = tmp_path / "seen"
    seen.mkdir()
    monkeypatch.setattr(engines, "process_shard", functools.partial(stuck_shard, folder=str(seen)))
    monkeypatch.setattr(processes, "STOP_GRACE", 0.2)
    options = RunOptions(out=tmp_path / "run", workers=2, shard_bytes=SHARD_BYTES)
    shards = plan_shards(list_inputs([corpus], Settings().ingest), Settings(), rules_sha256(Settings()), options)
    parts = tmp_path / "parts"
    parts.mkdir()
    return shards, parts, seen, options


def _end_noted(seen: Path) -> set[int]:
    """The pids noted in ``seen``, each killed if it is still alive (a failed test leaves nothing running)."""
    pids = {int(p.read_text(encoding="utf-8")) for p in seen.iterdir()}
    for pid in pids:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    return pids


def _pool_threads() -> set[threading.Thread]:
    """The live threads of process pools: their manager threads and their queues' feeder threads."""
    from concurrent.futures.process import _ExecutorManagerThread

    return {t for t in threading.enumerate() if isinstance(t, _ExecutorManagerThread) or t.name == "QueueFeederThread"}


def test_stop_signals_are_held_back_until_checked() -> None:
    """Inside StopSignals a Ctrl-C only is noted; check() raises it once, as its own handler would."""
    before = signal.getsignal(signal.SIGINT)
    with StopSignals() as stop:
        os.kill(os.getpid(), signal.SIGINT)
        os.kill(os.getpid(), signal.SIGINT)  # a second Ctrl-C while stopping is dropped
        for _ in range(1000):  # the handler runs between two bytecodes of this thread
            if stop.noted:
                break
            time.sleep(0.001)
        assert stop.noted
        with pytest.raises(KeyboardInterrupt):
            stop.check()
        stop.check()  # raised once only
    assert signal.getsignal(signal.SIGINT) is before


def test_a_stop_noted_at_the_end_is_raised_on_leaving() -> None:
    with pytest.raises(KeyboardInterrupt):
        with StopSignals() as stop:
            os.kill(os.getpid(), signal.SIGINT)
            while not stop.noted:
                time.sleep(0.001)


def test_a_stop_while_the_run_holds_a_futures_lock_ends_the_pool(corpus: Path, tmp_path: Path,
                                                                 monkeypatch) -> None:
    """Ctrl-C arriving while the run's thread holds a future's lock (as ``wait`` does between taking and
    releasing them): raised there, it would keep that lock held, the pool's manager thread would wait for it
    forever to cancel the queued shards, and so would the interpreter's exit. Held back, it is raised after
    the lock is released; the workers end and no thread of the pool is left."""
    shards, parts, seen, options = _stuck_pool_shards(corpus, tmp_path, monkeypatch)
    real_wait = engines.wait
    taken, held = [], []

    def wait_signalled_under_a_lock(fs, *args, **kwargs):
        if len(list(seen.iterdir())) >= 2 and not taken:  # both workers are busy
            taken.append(min(fs, key=id))
            taken[0]._condition.acquire()  # as wait() takes the futures' locks: no `with` guards this hold
            os.kill(os.getpid(), signal.SIGINT)
            for _ in range(100):  # bytecodes run while the lock is held: a raising handler runs here
                time.sleep(0.001)
            taken[0]._condition.release()
            held.append(True)
        return real_wait(fs, *args, **kwargs)

    monkeypatch.setattr(engines, "wait", wait_signalled_under_a_lock)
    threads = _pool_threads()
    try:
        with pytest.raises(KeyboardInterrupt):
            engines.run_pool(shards, Settings(), parts, options, 0)
        assert held, "the signal was raised while the lock was held"
        assert _pool_threads() <= threads, "a thread of the pool was left running"
        pids = {int(p.read_text(encoding="utf-8")) for p in seen.iterdir()}
        assert len(pids) == 2 and not any(_alive(pid) for pid in pids)
    finally:
        while taken and taken[0]._condition._is_owned():  # a failed test leaves no lock held for good
            taken[0]._condition.release()
        _end_noted(seen)


def test_a_stop_while_a_shard_is_merged_lets_the_merge_finish(corpus: Path, tmp_path: Path) -> None:
    """Ctrl-C in the middle of ``on_done`` (a shard's merge) is raised once that shard is merged, and no
    other shard is merged after it."""
    options = RunOptions(out=tmp_path / "run", workers=2, shard_bytes=SHARD_BYTES)
    shards = plan_shards(list_inputs([corpus], Settings().ingest), Settings(), rules_sha256(Settings()), options)
    assert len(shards) >= 4
    parts = tmp_path / "parts"
    parts.mkdir()
    merged: list[int] = []

    def merge_signalled(shard: Shard) -> None:
        if not merged:
            os.kill(os.getpid(), signal.SIGINT)
            for _ in range(100):
                time.sleep(0.001)
        merged.append(shard.index)

    threads = _pool_threads()
    with pytest.raises(KeyboardInterrupt):
        engines.run_pool(shards, Settings(), parts, options, 0, on_done=merge_signalled)
    assert len(merged) == 1, "the merge was cut short, or went on after the stop"
    assert _pool_threads() <= threads


def test_a_stop_while_the_workers_start_ends_them(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    """Ctrl-C while the pool forks its workers (between the first and the second): every worker started is
    ended, none is left for the interpreter's exit to wait for."""
    shards, parts, seen, options = _stuck_pool_shards(corpus, tmp_path, monkeypatch)
    started: list = []

    class SignalledPool(engines.ProcessPoolExecutor):
        def _spawn_process(self) -> None:
            if started:
                os.kill(os.getpid(), signal.SIGINT)
            super()._spawn_process()
            started.extend(self._processes.values())

    monkeypatch.setattr(engines, "ProcessPoolExecutor", SignalledPool)
    threads = _pool_threads()
    try:
        with pytest.raises(KeyboardInterrupt):
            engines.run_pool(shards, Settings(), parts, options, 0)
        assert {p.pid for p in started} and not any(p.is_alive() for p in started)
        assert _pool_threads() <= threads
    finally:
        _end_noted(seen)


def test_a_stop_right_after_the_workers_were_forked_ends_them(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    """Ctrl-C between queueing the shards and entering the loop that stops the pool on an interrupt: raised
    there, the pool's exit would wait for every queued shard (here: forever). Held back, it ends the workers."""
    shards, parts, seen, options = _stuck_pool_shards(corpus, tmp_path, monkeypatch)
    real_expected = engines.expected_documents

    def expected_signalled(todo):
        while len(list(seen.iterdir())) < 2:  # both workers are busy with a shard that never ends
            time.sleep(0.01)
        os.kill(os.getpid(), signal.SIGINT)
        for _ in range(100):
            time.sleep(0.001)
        return real_expected(todo)

    monkeypatch.setattr(engines, "expected_documents", expected_signalled)
    threads = _pool_threads()
    try:
        with pytest.raises(KeyboardInterrupt):
            engines.run_pool(shards, Settings(), parts, options, 0)
        pids = {int(p.read_text(encoding="utf-8")) for p in seen.iterdir()}
        assert len(pids) == 2 and not any(_alive(pid) for pid in pids)
        assert _pool_threads() <= threads
    finally:
        _end_noted(seen)


def test_a_stop_waits_a_bounded_time_for_a_held_manager_thread(monkeypatch, caplog) -> None:
    """When something still holds a queued shard's lock, the pool's manager thread cannot cancel that shard:
    stop_pool waits MANAGER_GRACE for it, says so (E311) and returns; the thread ends once the lock is free."""
    monkeypatch.setattr(processes, "MANAGER_GRACE", 0.2)
    context, _ = engines.pool_context()
    pool = engines.ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=engines.die_with_parent)
    futures = [pool.submit(time.sleep, 3600) for _ in range(4)]
    manager = pool._executor_manager_thread
    workers = list(pool._processes.values())
    queued = futures[-1]
    queued._condition.acquire()
    try:
        with caplog.at_level("WARNING", logger="pipeline.run.engines"):
            engines.stop_pool(pool, grace=0.1)
        assert "[E311]" in caplog.text and manager.is_alive()
    finally:
        queued._condition.release()
    manager.join()
    assert queued.cancelled() and not any(p.is_alive() for p in workers)


_TIED_CHILD = """
import multiprocessing, os, sys, time
from pipeline.run.processes import forks_die_with_this_process

def sleeper():
    time.sleep(3600)

if __name__ == "__main__":
    tie = sys.argv[1] == "tie"
    with forks_die_with_this_process() if tie else open(os.devnull):
        child = multiprocessing.get_context("fork").Process(target=sleeper, daemon=False)
        child.start()
    with open(sys.argv[2], "w") as noted:
        noted.write(str(child.pid))
    os._exit(0)  # dies at once, as a killed run would: no clean-up of its children
"""


@pytest.mark.skipif(not processes.linux_fork(), reason="the parent-death signal is Linux's")
@pytest.mark.parametrize("tie", ["tie", "free"])
def test_forks_die_with_the_process_that_tied_them(tmp_path: Path, tie: str) -> None:
    """A process forked while forks_die_with_this_process is entered is killed when its parent dies; one
    forked outside it is not (it is ended here)."""
    script = tmp_path / "tied.py"
    script.write_text(_TIED_CHILD, encoding="utf-8")
    noted = tmp_path / "child"
    subprocess.run([sys.executable, str(script), tie, str(noted)], cwd=ROOT, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=True, timeout=120)
    child = {int(noted.read_text(encoding="utf-8"))}
    try:
        deadline = time.monotonic() + 30
        while _ps_alive(child) and time.monotonic() < deadline and tie == "tie":
            time.sleep(0.05)
        assert bool(_ps_alive(child)) is (tie == "free")
    finally:
        for pid in _ps_alive(child):
            os.kill(pid, signal.SIGKILL)


# -- the template lines are counted beside the model's load --------------------------------------------------
def noting_count(files, settings: Settings, parts: Path, resume: bool = False, *, folder: str,
                 stall: float = 0.0) -> Settings:
    """``template_settings`` that notes the pid of the process running it in ``folder`` (then waits ``stall``)."""
    from pipeline.run.prepass import template_settings

    note(folder, str(os.getpid()), str(os.getpid()))
    time.sleep(stall)
    return template_settings(files, settings, parts, resume)


def test_templates_are_counted_in_a_helper_while_the_run_loads_the_model(corpus: Path, tmp_path: Path,
                                                                         monkeypatch) -> None:
    from pipeline.extract import ner

    ner.load_model.cache_clear()  # as in a fresh process: the model is yet to be loaded
    seen = tmp_path / "seen"
    seen.mkdir()
    files = list_inputs([corpus], Settings().ingest)
    (tmp_path / "here").mkdir()
    (tmp_path / "there").mkdir()
    expected = engines.template_settings(files, Settings(), tmp_path / "here")
    monkeypatch.setattr(engines, "WARM_MODEL_BYTES", 0)
    monkeypatch.setattr(engines, "template_settings", functools.partial(noting_count, folder=str(seen)))
    warmed: list[int] = []
    real_warm = engines.warm_stages
    monkeypatch.setattr(engines, "warm_stages", lambda *a, **k: warmed.append(os.getpid()) or real_warm(*a, **k))
    counted, prepared = engines.prepare_pool_run(files, Settings(), tmp_path / "there", RunOptions(workers=2))
    assert counted.fingerprint() == expected.fingerprint() and prepared == frozenset()  # no planner given
    assert warmed == [os.getpid()] and {int(p.name) for p in seen.iterdir()} - {os.getpid()}
    assert ner.load_model.cache_info().currsize
    loaded, _ = engines.prepare_pool_run(files, Settings(), tmp_path / "there", RunOptions(workers=2))
    assert loaded.fingerprint() == expected.fingerprint() and warmed == [os.getpid()], "nothing left to overlap"
    one, _ = engines.prepare_pool_run(files, Settings(), tmp_path / "there", RunOptions(workers=1))
    assert one.fingerprint() == expected.fingerprint() and os.getpid() in {int(p.name) for p in seen.iterdir()}


# -- shards read and cleaned ahead while the model loads ---------------------------------------------------------
def _plan(files, settings: Settings, options: RunOptions) -> list[Shard]:
    return plan_shards(files, settings, rules_sha256(settings), options)


def test_the_helper_prepares_shards_until_the_model_is_loaded(corpus: Path, serial, tmp_path: Path,
                                                              monkeypatch) -> None:
    from pipeline.extract import ner

    ner.load_model.cache_clear()  # as in a fresh process: the model is yet to be loaded
    monkeypatch.setattr(engines, "WARM_MODEL_BYTES", 0)
    options = RunOptions(out=tmp_path / "run", workers=2, shard_bytes=SHARD_BYTES)
    files = list_inputs([corpus], Settings().ingest)
    parts = tmp_path / "parts"
    parts.mkdir()
    real_warm = engines.warm_stages

    def slow_warm(*args, **kwargs):  # the model "loads" until the helper has kept a shard (a minute at most)
        stages = real_warm(*args, **kwargs)
        for _ in range(6000):
            if list(parts.glob("*.prepared.pickle")):
                break
            time.sleep(0.01)
        return stages

    monkeypatch.setattr(engines, "warm_stages", slow_warm)
    settings, prepared = engines.prepare_pool_run(files, Settings(), parts, options,
                                                  functools.partial(_plan, files, options=options))
    shards = _plan(files, settings, options)
    assert prepared, "the helper prepared no shard while the model loaded"
    assert prepared <= {s.name for s in shards}
    assert {p.name for p in parts.glob("*.prepared.pickle")} == {f"{n}.prepared.pickle" for n in prepared}
    # a prepared shard's documents are not read or cleaned again, and its part files are those of a fresh shard
    first = next(s for s in shards if s.name in prepared)
    fresh = tmp_path / "fresh"
    expected = process_shard(first, settings, fresh)
    monkeypatch.setattr(document_mod, "clean_page", lambda *a, **k: pytest.fail("a prepared document was cleaned"))
    summary = process_shard(first, settings, parts, prepared=True)
    assert not (parts / f"{first.name}.prepared.pickle").exists()
    assert summary["counts"] == expected["counts"] and summary["digest"] == expected["digest"]
    for kind in ("documents", "claims", "clutter", "articles"):
        name = f"{first.name}.{kind}.jsonl"
        assert (parts / name).read_bytes() == (fresh / name).read_bytes()


def test_prepared_documents_of_another_key_are_not_used(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    from dataclasses import replace as dc_replace

    from pipeline.run import shards as shards_mod

    options = RunOptions(workers=2, shard_bytes=SHARD_BYTES)
    files = list_inputs([corpus], Settings().ingest)
    shard = _plan(files, Settings(), options)[0]
    parts = tmp_path / "parts"
    parts.mkdir()
    assert shards_mod.prepare_shard(shard, Settings(), parts, lambda: False)
    stale = dc_replace(shard, key="another run's key")
    cleaned: list[str] = []
    real = document_mod.clean_page
    monkeypatch.setattr(document_mod, "clean_page", lambda doc, cfg: cleaned.append(doc.source) or real(doc, cfg))
    summary = process_shard(stale, Settings(), parts, prepared=True)
    assert len(cleaned) == summary["counts"]["documents"] > 0, "documents kept for another key were used"
    assert not (parts / f"{shard.name}.prepared.pickle").exists()
    assert not shards_mod.prepare_shard(shard, Settings(), parts, lambda: True), "a stopped shard is not kept"
    assert not (parts / f"{shard.name}.prepared.pickle").exists()


def test_a_pool_run_that_prepares_shards_ahead_writes_the_serial_outputs(corpus: Path, serial, tmp_path: Path,
                                                                         monkeypatch, caplog) -> None:
    from pipeline.extract import ner

    ner.load_model.cache_clear()
    monkeypatch.setattr(engines, "WARM_MODEL_BYTES", 0)
    out = tmp_path / "run"
    with caplog.at_level("DEBUG", logger="pipeline.run.engines"):
        run([corpus], Settings(), RunOptions(out=out, workers=2, shard_bytes=SHARD_BYTES))
    assert "shards read and cleaned while the model loaded" in caplog.text
    assert outputs(out) == serial
    assert not list((out / "parts").glob("*.prepared.pickle"))
    # documents prepared by a killed run are never read by the next one: a resume removes them
    (out / "parts" / "00000.prepared.pickle").write_bytes(b"not a pickle")
    run([corpus], Settings(), RunOptions(out=out, workers=2, shard_bytes=SHARD_BYTES, resume=True))
    assert outputs(out) == serial
    assert not list((out / "parts").glob("*.prepared.pickle"))


def test_a_stop_while_the_model_loads_ends_the_counting_helper(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    from pipeline.extract import ner

    ner.load_model.cache_clear()  # as in a fresh process: the model is yet to be loaded
    seen = tmp_path / "seen"
    seen.mkdir()
    monkeypatch.setattr(engines, "WARM_MODEL_BYTES", 0)
    monkeypatch.setattr(processes, "STOP_GRACE", 0.2)
    monkeypatch.setattr(engines, "template_settings", functools.partial(noting_count, folder=str(seen), stall=60))

    def interrupted(*args, **kwargs):
        while not list(seen.iterdir()):  # the helper is counting
            time.sleep(0.01)
        raise KeyboardInterrupt

    monkeypatch.setattr(engines, "warm_stages", interrupted)
    files = list_inputs([corpus], Settings().ingest)
    try:
        with pytest.raises(KeyboardInterrupt):
            engines.prepare_pool_run(files, Settings(), tmp_path / "parts", RunOptions(workers=2))
        pids = {int(p.name) for p in seen.iterdir()}
        assert pids and os.getpid() not in pids
        assert not any(_alive(pid) for pid in pids), "the helper kept counting after the stop"
    finally:
        _end_noted(seen)


def test_runs_that_fork_their_own_workers_load_the_model_first() -> None:
    big, small = engines.WARM_MODEL_BYTES, engines.WARM_MODEL_BYTES - 1
    assert engines.loads_model_first(RunOptions(workers=2), Settings(), big)
    assert engines.loads_model_first(RunOptions(workers=2, engine="dask"), Settings(), big)
    assert not engines.loads_model_first(RunOptions(workers=2, engine="dask", scheduler="tcp://h:1"), Settings(), big)
    assert not engines.loads_model_first(RunOptions(workers=2, engine="dask", scheduler_file="s.json"), Settings(), big)
    assert not engines.loads_model_first(RunOptions(workers=2), Settings(), small)
    assert not engines.loads_model_first(RunOptions(workers=1), Settings(), big)
    assert not engines.loads_model_first(RunOptions(workers=2, resume=True), Settings(), big)
    assert not engines.loads_model_first(RunOptions(workers=2), Settings(use_ner=False), big)
