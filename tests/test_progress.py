"""Progress: a first line before any loading, then a bar of documents fed per document, also by pool workers."""
from __future__ import annotations

import io
import shutil
import sys
from pathlib import Path

import pytest

from pipeline.ingest.listing import InputFile
from pipeline.run import engines, runner
from pipeline.run import progress as progress_mod
from pipeline.run.options import RunOptions, Settings
from pipeline.run.progress import Progress, ProgressPipe, announce, expected_documents, pipe_counter
from pipeline.run.shards import Shard

SEED = Path(__file__).parent / "data" / "seed" / "000_776d51a9b6409b01.txt"


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def shard(index: int, *names: str) -> Shard:
    files = tuple(InputFile(path=Path(n), source=n, size=100) for n in names)
    return Shard(index=index, files=files, key=str(index))


def test_reports_move_the_bar_per_document_and_the_summary_settles_it() -> None:
    stream = Terminal()
    with Progress(RunOptions(progress=True), total_bytes=200, total_docs=5, stream=stream) as progress:
        count = progress.counter(shard(1, "a.txt"))
        count(1, 100)
        count(1, 50)
        assert (progress.docs, progress.words) == (2, 150)
        progress.report(2, 1, 10)  # another shard, running totals
        progress.report(2, 2, 30)
        assert (progress.docs, progress.words) == (4, 180)
        progress.shard_done(shard(1, "a.txt"), {"counts": {"documents": 3, "words": 170}})  # its last document
        progress.shard_done(shard(2, "b.txt"), {"counts": {"documents": 2, "words": 30}})
        assert (progress.docs, progress.words) == (5, 200)
    text = stream.getvalue()
    assert "5/5 docs" in text and "words/s" in text and "100%" in text


def test_records_of_workers_come_through_the_pipe() -> None:
    pipe = ProgressPipe()
    try:
        progress = Progress(RunOptions(progress=False), total_bytes=0)
        first, second = pipe_counter(pipe.fd, 7), pipe_counter(pipe.fd, 8)
        for _ in range(3):
            first(1, 20)
        second(1, 5)
        pipe.drain(progress)
        assert (progress.docs, progress.words) == (4, 65)
        pipe.drain(progress)  # nothing new
        assert progress.docs == 4
    finally:
        pipe.close()


def test_silent_off_a_terminal_and_when_quiet(capsys) -> None:
    for options, stream in ((RunOptions(progress=True), io.StringIO()), (RunOptions(progress=False), Terminal())):
        announce(options, "hello", stream)
        with Progress(options, total_bytes=10, total_docs=1, stream=stream) as progress:
            progress.shard_done(shard(1, "a.txt"), {"counts": {"documents": 1, "words": 3}})
        assert stream.getvalue() == ""
    assert capsys.readouterr().err == ""


def test_documents_are_known_only_for_one_document_files() -> None:
    assert expected_documents([shard(1, "a.txt", "b.html"), shard(2, "c.htm.gz")]) == 3
    assert expected_documents([shard(1, "a.txt"), shard(2, "wire.jsonl")]) is None
    assert expected_documents([shard(1, "crawl.warc.gz")]) is None


def _corpus(root: Path, n: int) -> Path:
    root.mkdir()
    paragraphs = SEED.read_text(encoding="utf-8").split("\n\n")
    for i in range(n):
        text = "\n\n".join(paragraphs[: 2 + i % 5] + [f"In 2021, {i + 3} firms hired {100 + i} staff."])
        (root / f"page{i:02d}.txt").write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize("workers", [1, 2])
def test_a_run_says_something_first_then_counts_every_document(tmp_path: Path, workers: int, monkeypatch) -> None:
    stream = Terminal()
    monkeypatch.setattr(sys, "stderr", stream)
    seen: dict[str, str] = {}
    real_check = runner.check_rules

    def check_rules(settings: Settings) -> None:
        seen["before loading"] = stream.getvalue()
        real_check(settings)

    reports: list[tuple[int, int]] = []

    class Recording(Progress):
        def report(self, index: int, docs: int, words: int) -> None:
            reports.append((index, docs))
            super().report(index, docs, words)

    monkeypatch.setattr(runner, "check_rules", check_rules)
    monkeypatch.setattr(engines, "Progress", Recording)
    corpus = _corpus(tmp_path / "in", 12)
    result = runner.run([corpus], Settings(use_ner=False),
                        RunOptions(out=tmp_path / "run", workers=workers, progress=True, shard_files=4))
    assert seen["before loading"].startswith("newsclaims: loading rules")
    assert result.manifest["counts"]["shards"] == 3
    by_shard: dict[int, list[int]] = {}
    for index, docs in reports:
        by_shard.setdefault(index, []).append(docs)
    assert sorted(by_shard) == [1, 2, 3]
    assert all(counts == [1, 2, 3, 4] for counts in by_shard.values()), by_shard  # one record per document
    text = stream.getvalue()
    assert "12/12 docs" in text and "in 3 shards; 3 to run" in text
    assert ("on 2 workers" in text) == (workers == 2)
    shutil.rmtree(tmp_path / "run")


def test_a_resume_with_nothing_to_do_says_so(tmp_path: Path, capsys) -> None:
    from pipeline.cli import main

    corpus = _corpus(tmp_path / "in", 3)
    argv = ["run", str(corpus), "--out", str(tmp_path / "run"), "--no-ner", "--quiet"]
    assert main(argv) == 0
    first = capsys.readouterr().out
    assert main([*argv, "--resume"]) == 0
    again = capsys.readouterr().out
    assert again.startswith("nothing changed since the last run")
    assert again.splitlines()[-1] == first.splitlines()[-1]  # the same counts line


def test_progress_module_reads_no_terminal_size_when_silent() -> None:
    assert progress_mod.shown(RunOptions(progress=True), io.StringIO()) is False
