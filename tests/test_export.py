"""CSV cells are formula-safe, numbers stay numbers, files appear atomically."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from pipeline.outputs.reader import read_jsonl
from pipeline.outputs.writers import atomic_open, format_number, safe_cell, write_csv, write_json, write_jsonl


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+1 555", "'+1 555"),
        ("-cmd", "'-cmd"),
        ("@import", "'@import"),
        ("\tTAB", "'\tTAB"),
        ("\rCR", "'\rCR"),
        ("plain", "plain"),
        (None, ""),
        (-5, -5),
        (True, "true"),
        (-2.5, "-2.5"),
        (400350000000.0, "400350000000"),
        (45.0, "45"),
    ],
)
def test_safe_cell(value, expected) -> None:
    assert safe_cell(value) == expected


def test_format_number_round_trips() -> None:
    for x in (0.1, 1e-7, 28.8, 1.9e12, 123456789.125):
        assert float(format_number(x)) == x
    assert format_number(float("nan")) == ""


def test_write_csv_rfc4180(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    rows = [{"a": 'say "hi", then\nleave', "b": 3}, {"a": "=1+1", "b": -1.5}]
    assert write_csv(path, ("a", "b"), rows) == 2
    raw = path.read_bytes()
    assert raw.startswith(b"a,b\r\n")
    with open(path, newline="", encoding="utf-8") as handle:
        back = list(csv.reader(handle))
    assert back == [["a", "b"], ['say "hi", then\nleave', "3"], ["'=1+1", "-1.5"]]


def test_atomic_open_leaves_no_partial_file(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text("old")
    with pytest.raises(RuntimeError):
        with atomic_open(path) as handle:
            handle.write("new")
            raise RuntimeError("killed")
    assert path.read_text() == "old"
    assert list(tmp_path.iterdir()) == [path]


def test_jsonl_and_json(tmp_path: Path) -> None:
    records = [{"k": "ü", "n": 1}, {"k": "", "n": 2}]
    write_jsonl(tmp_path / "r.jsonl", records)
    assert list(read_jsonl(tmp_path / "r.jsonl")) == records
    write_json(tmp_path / "m.json", {"b": 1, "a": [1, 2]})
    assert json.loads((tmp_path / "m.json").read_text()) == {"a": [1, 2], "b": 1}
