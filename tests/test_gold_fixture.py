"""The news-parser fixture gold set: well-formed pointer and claim files, and a builder that rebuilds each
sentence from the checkouts' files and refuses a drifted one."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from benchscripts import check_claim_row, load_benchmark, read_table

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "gold"
POINTER_COLUMNS = ["n", "folder", "file", "start", "end", "sha1"]
CLAIM_COLUMNS = ["source", "quantity", "value", "unit", "bound", "kind", "start", "end",
                 "value_max", "direction", "metric", "subject", "period"]

builder = load_benchmark("build_fixture_sentences")


POINTER_HEADER, POINTER_ROWS = read_table(GOLD / "fixture_sentences.csv")
CLAIM_HEADER, CLAIM_ROWS = read_table(GOLD / "fixture_claims.csv")


def test_files_have_their_columns_and_numbering():
    assert POINTER_HEADER == POINTER_COLUMNS and CLAIM_HEADER == CLAIM_COLUMNS
    assert [int(r["n"]) for r in POINTER_ROWS] == list(range(1, len(POINTER_ROWS) + 1))
    assert {r["folder"] for r in POINTER_ROWS} <= set(builder.FOLDERS)
    assert all(int(r["start"]) < int(r["end"]) and len(r["sha1"]) == 40 for r in POINTER_ROWS)


@pytest.mark.parametrize("row", CLAIM_ROWS, ids=lambda r: f"{r['source']}:{r['quantity']}")
def test_claim_row_is_well_formed(row):
    assert check_claim_row(row, CLAIM_COLUMNS, sentences=("fixture_sentences.jsonl", len(POINTER_ROWS)),
                           negative=False)


def _checkout(root: Path, folder: str, name: str, text: str) -> None:
    path = root / builder.FOLDERS[folder] / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))


def test_builder_reads_each_sentence_by_offsets_and_checks_its_sha1(tmp_path):
    text = "Title\n\nShares fell 3% to $41.50 on Monday. Volume was light."
    _checkout(tmp_path / "a", "np3k", "site.com1.txt", text)
    _checkout(tmp_path / "b", "np4k", "page.txt", "More than 5,000 people came.")
    sentence = "Shares fell 3% to $41.50 on Monday."
    start = text.index(sentence)
    pointers = [
        {"n": "1", "folder": "np3k", "file": "site.com1.txt", "start": str(start), "end": str(start + len(sentence)),
         "sha1": hashlib.sha1(sentence.encode("utf-8")).hexdigest()},
        {"n": "2", "folder": "np4k", "file": "page.txt", "start": "0", "end": "28",
         "sha1": hashlib.sha1(b"More than 5,000 people came.").hexdigest()},
    ]
    records = builder.build({"np3k": tmp_path / "a", "np4k": tmp_path / "b"}, pointers)
    assert records == [{"text": sentence, "id": f"fixture:np3k:site.com1.txt:{start}"},
                       {"text": "More than 5,000 people came.", "id": "fixture:np4k:page.txt:0"}]
    pointers[1]["sha1"] = "0" * 40
    with pytest.raises(ValueError, match="line 2: sha1 mismatch"):
        builder.build({"np3k": tmp_path / "a", "np4k": tmp_path / "b"}, pointers)


def test_builder_exits_1_with_a_message_on_a_missing_checkout(tmp_path, capsys):
    status = builder.main(["--np3k", str(tmp_path / "none"), "--np4k", str(tmp_path / "none"), str(tmp_path / "o.jsonl")])
    assert status == 1
    assert "build_fixture_sentences:" in capsys.readouterr().err
    assert not (tmp_path / "o.jsonl").exists()
