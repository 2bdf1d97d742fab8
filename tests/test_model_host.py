"""Tests of pipeline.run.model_host: a small batch's model read in a companion process gives what the model in
the run's own process gives; the companion never outlives its block; a dead companion is replaced by the model
here; and which runs get one."""
from __future__ import annotations

import csv
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.extract import ner
from pipeline.run import model_host
from pipeline.cli import main
from pipeline.run.model_host import SMALL_BATCH_BYTES, hosted_model, hosts_model, input_bytes

ROOT = Path(__file__).resolve().parent.parent
needs_model = pytest.mark.skipif(not ner.model_available(), reason="spaCy model package not installed")

TEXTS = ["Toyota shares fell 3.1% in Tokyo on Monday.", "it has 40 schools.",
         "BP and Shell paid $4bn to Nigeria in 2004, the ministry said."]


def _children() -> set[int]:
    """Process ids of this process's living children (Linux /proc)."""
    me = os.getpid()
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == me and fields[0] != "Z":
                found.add(int(entry.name))
    return found


@needs_model
@pytest.mark.skipif(not Path("/proc").exists(), reason="needs Linux /proc")
def test_the_companion_reads_as_the_model_here_and_ends_with_its_block():
    offsets = [0, 100, 200]
    here_tags = ner.parse(TEXTS, offsets, dependencies=False, tag=[True, False, True], stop=frozenset())
    here_ents = ner.entities(TEXTS, offsets, stop=frozenset())
    before = _children()
    with hosted_model(tag=True):
        started = _children() - before
        assert len(started) == 1  # one companion, forked when the block starts
        assert ner._READER is not None
        there_tags = ner.parse(TEXTS, offsets, dependencies=False, tag=[True, False, True], stop=frozenset())
        there_ents = ner.entities(TEXTS, offsets, stop=frozenset())
    assert there_tags == here_tags and there_ents == here_ents
    assert any(p.tokens for p in there_tags) and any(there_ents)
    assert ner._READER is None
    assert not (_children() & started), "the companion outlived its block"


@needs_model
def test_a_dead_companion_is_replaced_by_the_model_here(caplog):
    expected = ner.entities(TEXTS, [0, 0, 0], stop=frozenset())
    with caplog.at_level(logging.WARNING, logger=model_host.__name__), hosted_model(tag=False):
        reader = ner._READER
        companion = reader.__self__
        for process in list(companion.pool._processes.values()):
            process.kill()
            process.join(5)
        assert ner.entities(TEXTS, [0, 0, 0], stop=frozenset()) == expected
        assert ner._READER is None  # from here on the model of this process reads
    assert "companion process died" in caplog.text


def test_only_parse_and_entities_are_asked_of_the_companion():
    with pytest.raises(ValueError, match="parse or entities"):
        model_host._read("load_model", (), {})


@pytest.mark.parametrize(("size", "use_ner", "engine", "resume", "hosted"), [
    (40, True, "local", False, True),
    (SMALL_BATCH_BYTES - 1, True, "local", False, True),
    (SMALL_BATCH_BYTES, True, "local", False, False),  # a batch that big reads long enough to load it here
    (40, False, "local", False, False),  # no model at all
    (40, True, "dask", False, False),  # workers elsewhere load their own
    (40, True, "local", True, False),  # a resume may have nothing to read
])
def test_which_runs_load_the_model_beside_them(monkeypatch, size, use_ner, engine, resume, hosted):
    monkeypatch.setattr(ner.load_model, "cache_info", lambda: type("Info", (), {"currsize": 0})())
    monkeypatch.setattr(sys, "platform", "linux")
    assert hosts_model(size, use_ner, engine, resume) is hosted


def test_no_companion_where_the_run_does_not_fork(monkeypatch):
    monkeypatch.setattr(ner.load_model, "cache_info", lambda: type("Info", (), {"currsize": 0})())
    monkeypatch.setattr(sys, "platform", "darwin")
    assert hosts_model(40, True) is False


def test_a_process_with_the_model_loaded_needs_no_companion(monkeypatch):
    monkeypatch.setattr(ner.load_model, "cache_info", lambda: type("Info", (), {"currsize": 1})())
    assert hosts_model(40, True) is False


def _claims(out: Path) -> list[dict[str, str]]:
    with open(out / "claims.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _run(folder: Path, out: Path, *more: str, env: dict[str, str] | None = None) -> list[dict[str, str]]:
    subprocess.run([sys.executable, "-m", "pipeline", "run", str(folder), "--out", str(out), "--quiet", *more],
                   cwd=ROOT, check=True, capture_output=True, env=env)
    return _claims(out)


@needs_model
def test_a_small_run_with_a_companion_writes_what_one_without_writes(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Toyota shares fell 3.1% to 2,870 yen in Tokyo on Monday.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Exports rose 12% to 5 mln dlrs in 2023, the ministry said.\n", encoding="utf-8")
    hosted = _run(folder, tmp_path / "hosted", "--workers", "1")
    # the same command in this process, which has loaded the model already: it reads, no companion
    ner.load_model()
    assert not hosts_model(input_bytes([folder]), True)
    assert main(["run", str(folder), "--out", str(tmp_path / "here"), "--quiet", "--workers", "1"]) == 0
    assert hosted == _claims(tmp_path / "here")
    assert {r["subject"] for r in hosted} >= {"Toyota"}


def test_spacy_is_imported_without_its_command_line_package():
    code = (
        "import sys\n"
        "from pipeline.extract.ner import import_spacy\n"
        "spacy = import_spacy()\n"
        "assert 'spacy.cli' not in sys.modules and 'typer' not in sys.modules, sorted(sys.modules)\n"
        "assert not hasattr(spacy, 'cli') and callable(spacy.info)\n"
        "import spacy.cli\n"
        "assert callable(spacy.cli.download) and 'typer' in sys.modules\n"
        "assert import_spacy() is spacy\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True)


def test_input_bytes_counts_files_up_to_the_limit(tmp_path):
    from pipeline.run.model_host import input_bytes

    (tmp_path / "a.txt").write_bytes(b"x" * 100)
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "b.txt").write_bytes(b"y" * 50)
    assert input_bytes([tmp_path]) == 150
    assert input_bytes([tmp_path / "a.txt", sub]) == 150
    assert input_bytes([tmp_path], limit=120) == 120  # the walk stops once the limit is reached
    assert input_bytes(["s3://bucket/pages"]) == SMALL_BATCH_BYTES  # not known to be small
    assert input_bytes([tmp_path / "missing"]) == SMALL_BATCH_BYTES


def test_the_program_exits_with_the_status_of_its_command(tmp_path):
    done = subprocess.run([sys.executable, "-m", "pipeline", "run", str(tmp_path / "missing"), "--out",
                           str(tmp_path / "out"), "--quiet"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert subprocess.run([sys.executable, "-m", "pipeline", "--help"], cwd=ROOT, capture_output=True).returncode == 0


def test_a_batch_the_model_need_not_read_is_not_sent_to_the_companion(caplog):
    with caplog.at_level(logging.WARNING, logger=model_host.__name__), hosted_model(tag=True):
        companion = ner._READER.__self__
        for process in list(companion.pool._processes.values()):
            process.kill()  # a batch sent there now would find it dead
            process.join(5)
        text = ["it has 40 schools and 12 hospitals."]
        assert ner.parse(text, [0], dependencies=False, tag=[False], stop=frozenset({"it"})) == [ner.Parsed()]
        assert ner.entities(text, [0], stop=frozenset({"it"})) == [[]]
        assert ner._READER is not None  # never asked, so never found dead
    assert "died" not in caplog.text
