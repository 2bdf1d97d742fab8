"""CSV cells are formula-safe, numbers stay numbers, files appear atomically."""
from __future__ import annotations

import csv
import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from pipeline.outputs.contract import (
    CLAIM_COLUMNS, DICTIONARY_COLUMNS, DOCUMENT_COLUMNS, PARQUET_TYPES, document_row, iso_published,
    parquet_metadata,
)
from pipeline.outputs.reader import read_jsonl
from pipeline.outputs.writers import (
    atomic_open, format_number, safe_cell, write_csv, write_json, write_jsonl, write_parquet,
    terminal_safe, utc_instant,
)


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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-03-01", "2023-03-01"),
        ("2023-03-01T14:05:00", "2023-03-01T14:05:00"),
        ("2023-03-01T14:05:00+08:00", "2023-03-01T14:05:00+08:00"),
        ("2023-03-01T06:05:00Z", "2023-03-01T06:05:00+00:00"),
        ("2023-03-01 14:05", "2023-03-01T14:05:00"),
        ("20230301", "2023-03-01"),
        ("last Tuesday", ""),
        ("", ""),
        (None, ""),
    ],
)
def test_iso_published(text, expected) -> None:
    assert iso_published(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-03-01T14:05:00+08:00", datetime(2023, 3, 1, 6, 5, tzinfo=timezone.utc)),
        ("2023-03-01T14:05:00", datetime(2023, 3, 1, 14, 5, tzinfo=timezone.utc)),
        ("2023-03-01", datetime(2023, 3, 1, tzinfo=timezone.utc)),
        ("", None),
        ("soon", None),
    ],
)
def test_utc_instant(text, expected) -> None:
    assert utc_instant(text) == expected


def _claim(n: int, **cells) -> dict:
    row = {c: "" for c in CLAIM_COLUMNS}
    row.update(claim_id=f"c{n}", start=n, end=n + 2, paragraph=1, value=float(n), value_max=None,
               kind="count" if n % 2 else "share", unit="%", bound="exact", rule="r.v1")
    row.update(cells)
    return row


def test_parquet_types_and_provenance(tmp_path: Path) -> None:
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [_claim(1, published="2023-03-01T14:05:00+08:00"), _claim(2, published="2023-03-01"),
            _claim(3, published="")]
    meta = parquet_metadata("1.2.3", {"dates.toml": "ab" * 32}, {"name": "m", "version": "3.8.0"})
    path = tmp_path / "claims.parquet"
    assert write_parquet(path, CLAIM_COLUMNS, rows, PARQUET_TYPES, meta) == 3
    schema = pq.read_schema(path)
    assert schema.names == list(CLAIM_COLUMNS)
    for column in DICTIONARY_COLUMNS:
        assert pa.types.is_dictionary(schema.field(column).type), column
    assert schema.field("published").type == pa.timestamp("us", tz="UTC")
    assert schema.field("start").type == pa.int64() and schema.field("value").type == pa.float64()
    kv = {k.decode(): v.decode() for k, v in schema.metadata.items()}
    assert kv["newsclaims.version"] == "1.2.3" and "newsclaims.started" not in kv
    assert json.loads(kv["newsclaims.rules_sha256"]) == {"dates.toml": "ab" * 32}
    assert json.loads(kv["newsclaims.model"]) == {"name": "m", "version": "3.8.0"}
    frame = pd.read_parquet(path)
    assert str(frame["kind"].dtype) == "category" and list(frame["kind"]) == ["count", "share", "count"]
    assert str(frame["published"].dtype) == "datetime64[us, UTC]"
    assert frame["published"][0] == pd.Timestamp("2023-03-01T06:05:00Z") and pd.isna(frame["published"][2])


def test_parquet_row_groups_are_batch_sized(tmp_path: Path, monkeypatch) -> None:
    import pyarrow.parquet as pq

    from pipeline.outputs import writers

    monkeypatch.setattr(writers, "PARQUET_BATCH", 10)
    monkeypatch.setattr(writers, "ARROW_BATCH", 3)
    path = tmp_path / "claims.parquet"
    assert write_parquet(path, CLAIM_COLUMNS, (_claim(n) for n in range(25)), PARQUET_TYPES) == 25
    meta = pq.ParquetFile(path).metadata
    assert [meta.row_group(i).num_rows for i in range(meta.num_row_groups)] == [10, 10, 5]
    assert pq.read_table(path).column("claim_id").to_pylist() == [f"c{n}" for n in range(25)]


def test_empty_parquet_keeps_its_schema(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    path = tmp_path / "claims.parquet"
    assert write_parquet(path, CLAIM_COLUMNS, [], PARQUET_TYPES) == 0
    assert pq.read_table(path).num_rows == 0 and pq.read_schema(path).names == list(CLAIM_COLUMNS)


def test_documents_row_keeps_the_raw_release_time() -> None:
    from pipeline.types import Article, DocResult, RawDoc

    doc = RawDoc("d1", "a.txt", "text", published="2023-03-01T14:05:00+08:00")
    line = "Released: 1 March 2023 14:05 GMT+8"
    article = Article(doc=doc, published="2023-03-01T14:05:00+08:00", published_raw=line)
    row = document_row(DocResult(doc=doc, status="ok", article=article))
    assert (row["published"], row["published_raw"]) == ("2023-03-01T14:05:00+08:00", line)
    record = RawDoc("d2", "b.jsonl#1", "text", published="", meta=(("published_raw", "last Tuesday"),))
    row = document_row(DocResult(doc=record, status="ok"))
    assert (row["published"], row["published_raw"]) == ("", "last Tuesday")
    assert list(row) == list(DOCUMENT_COLUMNS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain text", "plain text"),
        ("red \x1b[31mALERT\x1b[0m", "red \\x1b[31mALERT\\x1b[0m"),
        ("\x1b]0;title\x07", "\\x1b]0;title\\x07"),
        ("\x1b]8;;http://x\x1b\\link", "\\x1b]8;;http://x\\x1b\\link"),
        ("8-bit \x9b2J and \x9d0;t\x9c", "8-bit \\x9b2J and \\x9d0;t\\x9c"),
        ("cr\rover\bwrite\x00", "cr\\rover\\x08write\\x00"),
        ("\u202egnp.exe", "\\u202egnp.exe"),
        ("Straße 4,2 %", "Straße 4,2 %"),
    ],
)
def test_terminal_safe(text: str, expected: str) -> None:
    assert terminal_safe(text) == expected
