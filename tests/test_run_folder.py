"""The run folder: a run touches only what it made, one run at a time, outputs committed together."""
from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.errors import UsageError
from pipeline.run import folder as folder_mod
from pipeline.run import runner as runner_mod
from pipeline.outputs.contract import MARKER, is_run_folder
from pipeline.run.folder import JOURNAL, STAGING_PREFIX, open_run_folder
from pipeline.run.options import RunOptions, Settings
from pipeline.run.runner import run

FAST = Settings(use_ner=False)


def _corpus(root: Path, n: int = 3) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (root / f"p{i}.txt").write_text(f"Exports rose {i + 2}.5% to {10 + i} mln dlrs in 2021.", encoding="utf-8")
    return root


def _files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file() and not p.name.startswith(".")}


def test_a_new_folder_becomes_a_marked_run_folder(tmp_path: Path) -> None:
    out = tmp_path / "run"
    run([_corpus(tmp_path / "in")], FAST, RunOptions(out=out))
    marker = json.loads((out / MARKER).read_text(encoding="utf-8"))
    assert {"claims.csv", "documents.csv", "manifest.json", "report.html"} <= set(marker["outputs"])
    assert is_run_folder(out)
    assert not list(out.glob(STAGING_PREFIX + "*"))


def test_a_non_empty_folder_that_is_not_a_run_is_refused_unless_forced(tmp_path: Path, capsys) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("my own notes", encoding="utf-8")
    (out / "report").mkdir()
    (out / "report" / "q3.html").write_text("my report", encoding="utf-8")
    corpus = _corpus(tmp_path / "in")
    assert main(["run", str(corpus), "--out", str(out), "-q", "--no-ner"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "[E170]" in err and "--force-out" in err
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt", "report"]
    # even when forced, a report/ folder no run made is refused before any work: a run writes its pages there
    assert main(["run", str(corpus), "--out", str(out), "-q", "--no-ner", "--force-out"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "[E295]" in err and "report" in err
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt", "report"]
    (out / "report").rename(out / "my-report")
    assert main(["run", str(corpus), "--out", str(out), "-q", "--no-ner", "--force-out"]) == 0
    assert (out / "my-report" / "q3.html").read_text(encoding="utf-8") == "my report"
    assert (out / "notes.txt").read_text(encoding="utf-8") == "my own notes"
    assert (out / "claims.csv").exists()
    # a second run into the folder, now a run folder, needs no flag and still leaves the notes alone
    assert main(["run", str(corpus), "--out", str(out), "-q", "--no-ner"]) == 0
    assert (out / "notes.txt").read_text(encoding="utf-8") == "my own notes"


def test_a_second_run_on_a_locked_folder_stops_with_one_line(tmp_path: Path, capsys) -> None:
    out = tmp_path / "run"
    corpus = _corpus(tmp_path / "in")
    with open_run_folder(out):
        with pytest.raises(UsageError, match=r"\[E171\]"):
            run([corpus], FAST, RunOptions(out=out))
        assert main(["run", str(corpus), "--out", str(out), "-q", "--no-ner"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "[E171]" in err
    assert main(["run", str(corpus), "--out", str(out), "-q", "--no-ner"]) == 0  # lock released


def test_inputs_inside_out_are_refused_and_never_deleted(tmp_path: Path, capsys) -> None:
    crawl = tmp_path / "crawl"
    inputs = _corpus(crawl / "parts")
    before = {p.name: p.read_bytes() for p in inputs.iterdir()}
    assert main(["run", str(inputs), "--out", str(crawl), "-q", "--no-ner", "--force-out"]) == 2
    assert "[E172]" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in inputs.iterdir()} == before
    assert main(["run", str(crawl), "--out", str(crawl), "-q", "--no-ner", "--force-out"]) == 2
    assert {p.name: p.read_bytes() for p in inputs.iterdir()} == before


def test_a_failed_run_leaves_the_previous_run_intact_and_its_staging_is_removed(tmp_path: Path,
                                                                                monkeypatch) -> None:
    out = tmp_path / "run"
    corpus = _corpus(tmp_path / "in")
    run([corpus], FAST, RunOptions(out=out))
    before = _files(out)
    (corpus / "p9.txt").write_text("Profits fell 7% in 2022.", encoding="utf-8")

    def disk_full(run_dir: Path, previous: Path | None = None, final: Path | None = None, **more: object) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(runner_mod, "write_report", disk_full)
    with pytest.raises(OSError):
        run([corpus], FAST, RunOptions(out=out))
    assert _files(out) == before  # claims.csv of the failed run never reached the folder
    monkeypatch.undo()
    run([corpus], FAST, RunOptions(out=out))
    assert not list(out.glob(STAGING_PREFIX + "*"))
    assert b"p9.txt" in (out / "documents.csv").read_bytes()


def test_a_commit_cut_short_is_finished_by_the_next_run(tmp_path: Path) -> None:
    out = tmp_path / "run"
    run([_corpus(tmp_path / "in")], FAST, RunOptions(out=out))
    staging = out / (STAGING_PREFIX + "killed")
    staging.mkdir()
    (staging / "claims.csv").write_bytes(b"claim_id\r\n")  # not yet moved when killed
    (staging / JOURNAL).write_text(json.dumps({"outputs": ["claims.csv", "documents.csv"]}), encoding="utf-8")
    leftover = out / (STAGING_PREFIX + "abandoned")
    leftover.mkdir()
    (leftover / "documents.csv").write_text("half written", encoding="utf-8")
    with open_run_folder(out):
        pass
    assert (out / "claims.csv").read_bytes() == b"claim_id\r\n"
    assert not staging.exists() and not leftover.exists()


def test_a_report_merge_cut_short_is_finished_without_touching_user_files(tmp_path: Path) -> None:
    out = tmp_path / "run"
    (out / "report").mkdir(parents=True)
    (out / MARKER).write_text(json.dumps({"outputs": ["report"], "files": {"report": ["a.html", "b.html"]}}),
                              encoding="utf-8")
    for name, text in (("a.html", "new a"), ("b.html", "old b"), ("notes.txt", "mine")):  # a.html already moved
        (out / "report" / name).write_text(text, encoding="utf-8")
    staging = out / (STAGING_PREFIX + "killed")
    (staging / "report").mkdir(parents=True)
    (staging / "report" / "c.html").write_text("new c", encoding="utf-8")
    (staging / JOURNAL).write_text(json.dumps({"outputs": ["report"], "files": {"report": ["a.html", "c.html"]}}),
                                   encoding="utf-8")
    with open_run_folder(out):
        pass
    assert sorted(p.name for p in (out / "report").iterdir()) == ["a.html", "c.html", "notes.txt"]
    assert (out / "report" / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert json.loads((out / MARKER).read_text(encoding="utf-8"))["files"] == {"report": ["a.html", "c.html"]}
    assert not staging.exists()


def test_outputs_of_an_earlier_run_not_written_again_are_removed(tmp_path: Path) -> None:
    out = tmp_path / "run"
    corpus = _corpus(tmp_path / "in")
    run([corpus], FAST, RunOptions(out=out, formats=("csv", "jsonl", "parquet")))
    assert (out / "claims.parquet").exists() and (out / "claims.jsonl").exists()
    (out / "my-notes.txt").write_text("mine", encoding="utf-8")
    run([corpus], FAST, RunOptions(out=out))
    assert not (out / "claims.parquet").exists() and not (out / "claims.jsonl").exists()
    assert (out / "my-notes.txt").exists()


def test_a_run_folder_of_an_older_version_is_reused_and_tidied(tmp_path: Path) -> None:
    out = tmp_path / "old"
    out.mkdir()
    for name in ("claims.csv", "documents.csv", "manifest.json", "claims.parquet"):
        (out / name).write_text("old", encoding="utf-8")
    run([_corpus(tmp_path / "in")], FAST, RunOptions(out=out))
    assert not (out / "claims.parquet").exists()
    assert (out / "claims.csv").read_text(encoding="utf-8") != "old"


def test_a_run_folder_inside_the_input_is_not_read(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "in", n=2)
    out = corpus / "results"
    first = run([corpus], FAST, RunOptions(out=out))
    again = run([corpus], FAST, RunOptions(out=out))
    assert first.counts["documents"] == again.counts["documents"] == 2


def test_files_are_written_with_the_process_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        out = tmp_path / "run"
        run([_corpus(tmp_path / "in")], FAST, RunOptions(out=out))
    finally:
        os.umask(old)
    for path in [out / "claims.csv", out / "manifest.json", out / "report.html", *(out / "parts").iterdir()]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, path
    assert folder_mod.umask_mode(0o777) & 0o700 == 0o700


def test_a_run_folder_given_as_input_is_not_read(tmp_path: Path) -> None:
    from pipeline.ingest.listing import IngestOptions, list_inputs

    out = tmp_path / "run"
    run([_corpus(tmp_path / "in")], FAST, RunOptions(out=out))
    assert list_inputs([out], IngestOptions()) == []
    assert len(list_inputs([tmp_path], IngestOptions())) == 3  # the run folder beside the input is skipped


def _report_files(out: Path) -> set[str]:
    return {p.relative_to(out / "report").as_posix() for p in (out / "report").rglob("*") if p.is_file()}


def test_user_files_in_a_run_report_folder_are_never_removed(tmp_path: Path, monkeypatch, capsys) -> None:
    from pipeline.outputs import report as report_mod

    monkeypatch.setattr(report_mod, "MAX_INLINE_DOCS", 2)  # small runs get report/ pages too
    monkeypatch.setattr(report_mod, "DOCS_PER_FILE", 2)
    out = tmp_path / "run"
    big, small, one = _corpus(tmp_path / "big", 9), _corpus(tmp_path / "small", 3), _corpus(tmp_path / "one", 1)
    assert main(["run", str(big), "--out", str(out), "-q", "--no-ner"]) == 0
    pages = _report_files(out)
    marker = json.loads((out / MARKER).read_text(encoding="utf-8"))
    assert marker["files"]["report"] == sorted(pages) and len(pages) >= 4
    (out / "report" / "notes.txt").write_text("mine", encoding="utf-8")
    (out / "report" / "drafts").mkdir()
    (out / "report" / "drafts" / "q3.html").write_text("draft", encoding="utf-8")
    mine = {"notes.txt", "drafts/q3.html"}
    # fewer pages: the run's pages not written again go, the user's files stay and are never listed as the run's
    assert main(["run", str(small), "--out", str(out), "-q", "--no-ner"]) == 0
    fewer = set(json.loads((out / MARKER).read_text(encoding="utf-8"))["files"]["report"])
    assert fewer and fewer < pages and not fewer & mine
    assert _report_files(out) == fewer | mine
    # no report/ pages at all: the folder keeps the user's files and stays the runs' folder
    assert main(["run", str(one), "--out", str(out), "-q", "--no-ner"]) == 0
    assert _report_files(out) == mine
    assert json.loads((out / MARKER).read_text(encoding="utf-8"))["files"]["report"] == []
    assert main(["run", str(big), "--out", str(out), "-q", "--no-ner"]) == 0
    assert _report_files(out) == pages | mine
    assert (out / "report" / "notes.txt").read_text(encoding="utf-8") == "mine"
    # a user's file under a name the run would write is refused before anything is moved
    assert main(["run", str(one), "--out", str(out), "-q", "--no-ner"]) == 0
    claims = (out / "claims.csv").read_bytes()
    victim = sorted(pages)[0]
    (out / "report" / victim).write_text("also mine", encoding="utf-8")
    capsys.readouterr()
    assert main(["run", str(big), "--out", str(out), "-q", "--no-ner"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "[E296]" in err and victim in err
    assert (out / "report" / victim).read_text(encoding="utf-8") == "also mine"
    assert (out / "claims.csv").read_bytes() == claims
    assert not list(out.glob(STAGING_PREFIX + "*"))


def test_force_out_refuses_a_report_folder_of_a_large_run_before_any_work(tmp_path: Path, monkeypatch,
                                                                         capsys) -> None:
    from pipeline.outputs import report as report_mod

    monkeypatch.setattr(report_mod, "MAX_INLINE_DOCS", 2)
    monkeypatch.setattr(report_mod, "DOCS_PER_FILE", 2)
    out = tmp_path / "out"
    (out / "report").mkdir(parents=True)
    (out / "report" / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["run", str(_corpus(tmp_path / "in", 9)), "--out", str(out), "-q", "--no-ner", "--force-out"]) == 2
    assert "[E295]" in capsys.readouterr().err
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == ["report", "report/notes.txt"]
