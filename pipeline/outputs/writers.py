"""Write the run's files: CSV (RFC 4180, formula-safe), JSON Lines and JSON, always atomically."""
from __future__ import annotations

import contextlib
import csv
import itertools
import json
import logging
import math
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

log = logging.getLogger(__name__)

CLAIM_COLUMNS = (
    "claim_id", "doc_id", "source", "title", "published", "paragraph", "sentence", "quantity", "value",
    "unit", "bound", "kind", "metric", "subject", "period", "start", "end", "rule",
)
DOCUMENT_COLUMNS = (
    "doc_id", "source", "status", "error", "title", "published", "chars", "kept_blocks", "dropped_blocks",
    "claims", "format", "url",
)
CLUTTER_COLUMNS = ("doc_id", "source", "start", "end", "rule", "preview")
ARTICLE_FIELDS = ("doc_id", "source", "title", "tags", "published", "text", "blocks")

#: First characters that make a spreadsheet read a cell as a formula (OWASP CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A CSV cell: numbers stay numbers; text that would start a formula gets a leading apostrophe."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return format_number(value)
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_START):
        return "'" + text
    return text


def format_number(value: float) -> str:
    """Shortest exact text of a float; whole numbers without a trailing ``.0``; empty for NaN."""
    if math.isnan(value) or math.isinf(value):
        return ""
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return repr(value)


@contextlib.contextmanager
def atomic_open(path: Path, mode: str = "w", **kwargs: Any) -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path``; rename it over ``path`` only when the block succeeds."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, mode, **kwargs) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_csv(path: Path, columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> int:
    """Write rows (dicts) as an RFC 4180 CSV with the given leading columns; returns the row count."""
    count = 0
    with atomic_open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([safe_cell(row.get(c, "")) for c in columns])
            count += 1
    return count


def dumps_line(record: Mapping[str, Any]) -> str:
    """One JSON Lines record: UTF-8 text, keys in given order, no trailing spaces."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n"


def write_jsonl(path: Path, records: Iterable[Mapping[str, Any]]) -> int:
    """Write records as JSON Lines atomically; returns the record count."""
    count = 0
    with atomic_open(path, "w", encoding="utf-8", newline="\n") as handle:
        for record in records:
            handle.write(dumps_line(record))
            count += 1
    return count


def write_json(path: Path, data: Any) -> None:
    """Write pretty, key-sorted JSON atomically."""
    with atomic_open(path, "w", encoding="utf-8", newline="\n") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=2, sort_keys=True)
        handle.write("\n")


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Records of a JSON Lines file written by :func:`write_jsonl`."""
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


#: Column types of claims in typed formats (Parquet); everything else is text.
CLAIM_TYPES = {"paragraph": "int64", "value": "float64", "start": "int64", "end": "int64"}


#: Rows per Parquet row group; records are converted this many at a time, so memory stays flat.
PARQUET_BATCH = 100_000


def _parquet_schema():
    import pyarrow as pa

    kinds = {"int64": pa.int64(), "float64": pa.float64()}
    return pa.schema([(c, kinds.get(CLAIM_TYPES.get(c, ""), pa.string())) for c in CLAIM_COLUMNS])


def write_parquet(path: Path, records: Iterable[Mapping[str, Any]]) -> int:
    """Write claim records as Parquet with the claims.csv columns and types, atomically, in row groups."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _parquet_schema()
    count = 0
    with atomic_open(path, "wb") as handle, pq.ParquetWriter(handle, schema) as writer:
        batch: list[Mapping[str, Any]] = []
        for record in itertools.chain(records, [None]):
            if record is not None:
                batch.append(record)
            if batch and (record is None or len(batch) >= PARQUET_BATCH):
                columns = {c: [r.get(c) for r in batch] for c in CLAIM_COLUMNS}
                writer.write_table(pa.table(columns, schema=schema))
                count += len(batch)
                batch = []
        if count == 0:
            writer.write_table(schema.empty_table())
    return count
