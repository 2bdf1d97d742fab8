"""The run's writers: rows as the CSV files will give them back."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.outputs.reader import read_csv
from pipeline.outputs.writers import as_read, write_csv

ROWS = [
    {"a": 1, "b": 2.50, "c": "=SUM(A1)", "d": None},
    {"a": True, "b": 1e20, "c": 'say "hi",\r\nthen\rgo\n', "d": float("nan")},
    {"a": -3, "b": 0.1 + 0.2, "c": "  @home", "extra": "not a column"},
    {"c": "", "d": "£ ç \u2028 \t tab"},
]


@pytest.mark.parametrize("columns", [("a", "b", "c", "d"), ("d", "c"), ("c",)])
def test_rows_as_read_are_the_rows_the_file_gives_back(tmp_path: Path, columns: tuple[str, ...]) -> None:
    write_csv(tmp_path / "x.csv", columns, ROWS)
    header, rows = read_csv(tmp_path / "x.csv")
    assert header == list(columns)
    assert as_read(columns, ROWS) == rows
    assert as_read(columns, ROWS)[0]["c"] == "'=SUM(A1)"
