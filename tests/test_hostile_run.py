"""A whole batch over hostile inputs: exit 0, a row per document, no traceback, nothing injectable."""
from __future__ import annotations

import csv
import math
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.api import extract
from pipeline.cli import main
from pipeline.outputs.writers import _FORMULA, FORMULA_START

HOSTILE = Path(__file__).parent / "data" / "hostile"


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def hostile_root(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    shutil.copytree(HOSTILE, root)
    outside = tmp_path / "outside.txt"
    outside.write_text("Secret 42 tonnes.", encoding="utf-8")
    os.symlink(outside, root / "escape.txt")
    os.symlink(root / "loop", root / "loop")
    (root / "inject.txt").write_text(
        "=HYPERLINK(\"http://x\") Title\n\n@SUM(1) exports rose 12% to 5 mln dlrs in 1987.\n", encoding="utf-8")
    # file names that start a formula after white space a spreadsheet trims, or with a full-width sign
    for n, start in enumerate((" =", "\u00a0=", "\u3000+", "\u200b@", "\ufeff-", "\uff1d", "\uff0b", "\uff0d", "\uff20")):
        (root / f"{start}1+1 name{n}.txt").write_text("Exports rose 12% in 1987.", encoding="utf-8")
    (root / "ctl.jsonl").write_text('{"text": 5, "title": "x"}\n{"text": {"a": 1}, "url": "u"}\n', encoding="utf-8")
    return root


def test_hostile_batch_completes_with_a_row_per_document(
    hostile_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["run", str(hostile_root), "--out", str(out), "-q", "--workers", "1"]) == 0
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    docs = _rows(out / "documents.csv")
    # a source that would start a formula ("-leading-dash.txt") is written with a leading apostrophe
    sources = {d["source"].split("#")[0].removeprefix("'") for d in docs}
    listed = {p.relative_to(hostile_root).as_posix() for p in hostile_root.rglob("*")
              if not p.name.startswith(".") and (p.is_symlink() or p.is_file())}
    assert listed <= sources
    by_source = {d["source"]: d for d in docs}
    assert by_source["escape.txt"]["status"] == "error" and by_source["escape.txt"]["error"]
    assert by_source["loop"]["status"] == "error"
    assert by_source["binary.txt"]["status"] == "error"
    assert all(d["status"] in {"ok", "empty", "error"} for d in docs)
    assert all("\n" not in d["error"] for d in docs)
    assert all(d["error"] for d in docs if d["status"] in ("error", "empty")), "every error and empty row says why"
    assert not any(c < " " and c not in "\t" or "\x7f" <= c <= "\x9f" for d in docs for c in d["error"])


def test_no_csv_cell_starts_a_formula(hostile_root: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main(["run", str(hostile_root), "--out", str(out), "-q", "--workers", "1"]) == 0
    numeric = {"value", "start", "end", "paragraph", "chars", "kept_blocks", "dropped_blocks", "claims"}
    checked = 0
    for name in ("claims.csv", "documents.csv", "clutter.csv"):
        for row in _rows(out / name):
            for column, cell in row.items():
                if column in numeric:
                    continue
                assert not cell.startswith(FORMULA_START), (name, column, cell)
                assert not _FORMULA.match(cell), (name, column, cell)
                checked += 1
    assert checked > 0
    titles = [r["title"] for r in _rows(out / "documents.csv") if r["source"] == "inject.txt"]
    assert titles and titles[0].startswith("'=")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("0123456789 ,.%$-/abcdefghijklmnopqrstuvwxyzABCMT\n€£¥()")),
               max_size=300))
@pytest.mark.slow
def test_any_text_gives_exact_offsets_and_finite_values(text: str) -> None:
    for clean in (False, True):
        frame = extract(text, clean=clean)
        for row in frame.itertuples(index=False):
            assert text[row.start : row.end] == row.quantity
            assert math.isfinite(row.value)


@pytest.mark.parametrize("engine", ["local", pytest.param("dask", marks=pytest.mark.cluster)])
@pytest.mark.slow
def test_hostile_batch_is_the_same_under_every_engine(hostile_root: Path, tmp_path: Path, engine: str,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    serial, other = tmp_path / "serial", tmp_path / engine
    assert main(["run", str(hostile_root), "--out", str(serial), "-q", "--workers", "1", "--no-ner"]) == 0
    assert main(["run", str(hostile_root), "--out", str(other), "-q", "--workers", "2", "--no-ner",
                 "--engine", engine, "--shard-mb", "0.002"]) == 0
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    for name in ("documents.csv", "claims.csv", "clutter.csv", "articles.jsonl"):
        assert (serial / name).read_bytes() == (other / name).read_bytes(), name
    sources = [d["source"] for d in _rows(other / "documents.csv")]
    assert len(sources) == len(set(sources))
    assert {f"warc_bad_records.warc#{n}" for n in range(1, 8)} <= set(sources)


def test_pages_without_an_article_are_empty_and_say_why(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "in"
    root.mkdir()
    (root / "nav.txt").write_text("Home\nNews\nSport\nContact us\n", encoding="utf-8")
    (root / "headline.txt").write_text("Just a headline here\n", encoding="utf-8")
    (root / "unclosed.html").write_text("<html><body><div><p>Unclosed", encoding="utf-8")
    (root / "fake.html.gz").write_bytes(b"not gzip")
    out = tmp_path / "out"
    assert main(["run", str(root), "--out", str(out), "-q"]) == 0
    assert capsys.readouterr().err == "", "what an extractor logs of a page is its documents.csv row, not stderr"
    by_source = {d["source"]: d for d in _rows(out / "documents.csv")}
    assert by_source["nav.txt"]["status"] == "empty" and "dropped as clutter" in by_source["nav.txt"]["error"]
    assert by_source["headline.txt"]["status"] == "empty" and "only a title" in by_source["headline.txt"]["error"]
    assert by_source["unclosed.html"]["status"] == "empty"
    assert by_source["fake.html.gz"]["status"] == "error"
    assert "not gzip" in by_source["fake.html.gz"]["error"]
