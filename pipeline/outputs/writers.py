"""Write the run's files: CSV (RFC 4180, formula-safe), JSON Lines and JSON, always atomically."""
from __future__ import annotations

import contextlib
import csv
import io
import itertools
import json
import logging
import math
import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any

log = logging.getLogger(__name__)

#: First characters that make a spreadsheet read a cell as a formula (OWASP CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: A formula start after white space a spreadsheet may trim (space, NBSP, ideographic space, line breaks,
#: zero-width space, byte-order mark...), or a full-width ＝＋－＠ that some spreadsheets fold to ASCII.
_FORMULA = re.compile("^[\\s\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]*"
                      "[=+\\-@\uff1d\uff0b\uff0d\uff20]")
#: Control characters a reason or a name must not carry into a CSV cell (C0 but tab/newline, DEL, C1).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def safe_cell(value: Any) -> Any:
    """A CSV cell: numbers stay numbers; text that would start a formula gets a leading apostrophe."""
    if type(value) is str and (not value or value[0].isalnum()):  # most cells: no formula can start there
        return value
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return format_number(value)
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_START) or _FORMULA.match(text):
        return "'" + text
    return text


def printable(text: str) -> str:
    """``text`` on one line without control characters (each run of them becomes one space)."""
    return " ".join(_CONTROL.sub(" ", text).split())


#: What a terminal could act on: C0 controls (ESC starts CSI, OSC and other sequences), DEL, C1 controls
#: (8-bit CSI U+009B, OSC U+009D...), line and paragraph separators, bidirectional overrides and isolates.
_TERMINAL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """``text`` safe to print on a terminal: every control character shown as its escape (``\\x1b``,
    ``\\u202e``), so an escape sequence in a page prints as inert text on one line."""
    return _TERMINAL.sub(lambda m: ascii(m.group())[1:-1], text)


def format_number(value: float) -> str:
    """Shortest exact text of a float; whole numbers without a trailing ``.0``; empty for NaN."""
    if math.isnan(value) or math.isinf(value):
        return ""
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return repr(value)


def current_umask() -> int:
    """The process umask (read without changing it where the system tells it)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def umask_mode(mode: int = 0o666) -> int:
    """``mode`` as the process umask leaves it: what a plain ``open`` would give a new file."""
    return mode & ~current_umask()


@contextlib.contextmanager
def atomic_open(path: Path, mode: str = "w", **kwargs: Any) -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path``; rename it over ``path`` only when the block succeeds.

    The file gets the mode a plain ``open`` would give it under the process umask.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, mode, **kwargs) as handle:
            os.fchmod(handle.fileno(), umask_mode())  # mkstemp makes 0600; give what open() would
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


def as_read(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> list[dict[str, str]]:
    """``rows`` as a CSV reader gives them back from the file :func:`write_csv` writes (cells as text, only
    ``columns``): written to and parsed from memory, so every cell is exactly what the file will hold."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    for row in rows:
        writer.writerow([safe_cell(row.get(c, "")) for c in columns])
    buffer.seek(0)
    return [{c: (cells[i] if i < len(cells) else "") for i, c in enumerate(columns)}
            for cells in csv.reader(buffer) if cells]


_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def write_cells(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> int:
    """Write text cells as a CSV atomically, as given (a header may repeat or have blank names): number text
    stays as it is, other text through :func:`safe_cell`; returns the row count."""
    def cell(text: str) -> str:
        return text if _NUMBER.fullmatch(text) else safe_cell(text)

    count = 0
    with atomic_open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        writer.writerow([cell(h) for h in header])
        for row in rows:
            writer.writerow([cell(c) for c in row])
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


#: Rows per Parquet row group. Records are turned into Arrow batches of :data:`ARROW_BATCH` rows as they
#: come and a row group is written from its batches, so memory holds one row group in columnar form at most.
PARQUET_BATCH = 100_000
ARROW_BATCH = 4096


def parquet_schema(columns: Sequence[str], types: Mapping[str, str], metadata: Mapping[str, str] | None = None) -> Any:
    """A pyarrow schema: ``types`` maps columns to ``int64``, ``float64``, ``dictionary`` (text with few
    distinct values, stored as int32 codes into a dictionary of strings) or ``timestamp`` (UTC microseconds);
    every other column is a string. ``metadata``: the file's key-value metadata."""
    import pyarrow as pa

    kinds = {"int64": pa.int64(), "float64": pa.float64(), "dictionary": pa.dictionary(pa.int32(), pa.string()),
             "timestamp": pa.timestamp("us", tz="UTC")}
    return pa.schema([(c, kinds.get(types.get(c, ""), pa.string())) for c in columns],
                     metadata=dict(metadata) if metadata else None)


def utc_instant(value: Any) -> datetime | None:
    """ISO 8601 text as a UTC ``datetime`` (a ``datetime`` is taken as it is); None when blank or unreadable.
    A time with its UTC offset is that exact instant; a date, or a time without an offset, is taken as
    written and read as UTC."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, str) and value.strip():
        text = value.strip()
        try:
            moment = datetime.fromisoformat(text[:-1] + "+00:00" if text[-1] in "Zz" else text)
        except ValueError:
            return None
    else:
        return None
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)


def _arrow_batch(schema: Any, columns: Sequence[str], records: Sequence[Mapping[str, Any]],
                 instants: Sequence[str]) -> Any:
    import pyarrow as pa

    data = {c: [r.get(c) for r in records] for c in columns}
    for column in instants:
        data[column] = [utc_instant(v) for v in data[column]]
    return pa.RecordBatch.from_pydict(data, schema=schema)


def write_parquet(
    path: Path, columns: Sequence[str], records: Iterable[Mapping[str, Any]], types: Mapping[str, str],
    metadata: Mapping[str, str] | None = None,
) -> int:
    """Write records as Parquet with ``columns`` (typed by ``types``, see :func:`parquet_schema`; the cells of
    a ``timestamp`` column are ISO 8601 text, see :func:`utc_instant`) and the key-value ``metadata``,
    atomically, in row groups of :data:`PARQUET_BATCH` rows; returns the count."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema(columns, types, metadata)
    instants = [c for c in columns if types.get(c) == "timestamp"]
    count = 0
    with atomic_open(path, "wb") as handle, pq.ParquetWriter(handle, schema) as writer:
        batches: list[Any] = []
        pending = 0
        chunk: list[Mapping[str, Any]] = []
        for record in itertools.chain(records, [None]):
            if record is not None:
                chunk.append(record)
            if chunk and (record is None or len(chunk) >= ARROW_BATCH or pending + len(chunk) >= PARQUET_BATCH):
                batches.append(_arrow_batch(schema, columns, chunk, instants))
                pending += len(chunk)
                chunk = []
            if batches and (record is None or pending >= PARQUET_BATCH):
                writer.write_table(pa.Table.from_batches(batches, schema=schema), row_group_size=PARQUET_BATCH)
                count += pending
                batches, pending = [], 0
        if count == 0:
            writer.write_table(schema.empty_table())
    return count
