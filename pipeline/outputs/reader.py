"""Read a run folder back: claim rows, document rows, clutter rows, articles, the manifest, and part files.

The one reader behind review, diff, evaluate and the report. CSV cells come back as the text in the file;
:func:`shown` removes the apostrophe that neutralised a formula-like cell and :func:`typed_cell` turns the
numeric claim columns back into numbers, so a row read back compares equal to the row that was written.

A claims file given by a user (``--review``, ``diff``) may have been through a spreadsheet:
:func:`read_sheet` takes UTF-8 (with or without a byte-order mark) or UTF-16 text separated by commas,
semicolons or tabs, a workbook (``.xlsx``) or JSON Lines, and gives every cell back as text.
"""
from __future__ import annotations

import contextlib
import csv
import json
import logging
import math
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from ..errors import Errors, UsageError
from .contract import CLAIM_TYPES
from .writers import FORMULA_START

log = logging.getLogger(__name__)

CLAIMS_FILE = "claims.csv"
DOCUMENTS_FILE = "documents.csv"
CLUTTER_FILE = "clutter.csv"
ARTICLES_FILE = "articles.jsonl"
MANIFEST_FILE = "manifest.json"
WORKBOOK_FILE = "claims.xlsx"

Table = tuple[list[str], list[dict[str, str]]]


def shown(cell: str | None) -> str:
    """A CSV cell as it was before formula neutralisation (without the leading apostrophe)."""
    cell = cell or ""
    return cell[1:] if cell.startswith("'") and cell[1:2] and cell[1:2] in FORMULA_START else cell


def shown_row(row: Mapping[str, str]) -> dict[str, str]:
    """A whole row through :func:`shown`."""
    return {k: shown(v) for k, v in row.items()}


def typed_cell(column: str, text: Any) -> Any:
    """A claims cell read back from CSV with the numeric columns as numbers (other cells, and values that are
    not text, unchanged), so rows compare and rewrite losslessly."""
    kind = CLAIM_TYPES.get(column)
    if kind is None or not isinstance(text, str) or text == "":
        return text
    raw = text[1:] if text.startswith("'") else text
    try:
        if kind == "int64":
            return int(raw)
        number = float(raw)
    except ValueError:
        return text
    return number if math.isfinite(number) else text


_WHOLE_FLOAT = re.compile(r"([+-]?\d+)\.0+")


def text_cell(text: str) -> str:
    """A text cell a spreadsheet may have read as a number and written back: ``1999.0`` is ``1999`` again."""
    found = _WHOLE_FLOAT.fullmatch(text.strip())
    return found.group(1) if found else text


def typed_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """A whole row through :func:`typed_cell`."""
    return {k: typed_cell(k, v) for k, v in row.items()}


def read_csv(path: Path) -> Table:
    """Header and rows (text cells, missing cells empty) of a CSV file; tolerates a UTF-8 byte-order mark.

    Raises :class:`UsageError` E062 when the file cannot be read or decoded.
    """
    csv.field_size_limit(2**31 - 1)  # a sentence cell can be long
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = list(reader.fieldnames or [])
            rows = [{k: ("" if v is None else v) for k, v in row.items() if k is not None} for row in reader]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise UsageError(Errors.E062.format(path=path, reason=exc)) from exc
    return header, rows


@contextlib.contextmanager
def open_csv(path: Path) -> Iterator[tuple[list[str], Iterator[dict[str, str]]]]:
    """Header and a row iterator (text cells, missing cells empty) of a CSV file, read as the rows are
    taken, so memory holds one row; tolerates a UTF-8 byte-order mark. E062 when the file cannot be read."""
    csv.field_size_limit(2**31 - 1)
    try:
        handle = open(path, encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise UsageError(Errors.E062.format(path=path, reason=exc)) from exc
    with handle:
        try:
            reader = csv.DictReader(handle)
            header = list(reader.fieldnames or [])
        except (UnicodeDecodeError, csv.Error) as exc:
            raise UsageError(Errors.E062.format(path=path, reason=exc)) from exc

        def rows() -> Iterator[dict[str, str]]:
            try:
                for row in reader:
                    yield {k: ("" if v is None else v) for k, v in row.items() if k is not None}
            except (UnicodeDecodeError, csv.Error) as exc:
                raise UsageError(Errors.E062.format(path=path, reason=exc)) from exc

        yield header, rows()


def claims_file(path: Path) -> Path:
    """``path`` itself when it is a file, else the run folder's claims.csv (:class:`UsageError` E060 if none)."""
    path = Path(path)
    target = path / CLAIMS_FILE if path.is_dir() else path
    if not target.is_file():
        raise UsageError(Errors.E060.format(path=path))
    return target


#: Separators a spreadsheet export may use, in order of preference when the header does not decide.
DELIMITERS = (",", ";", "\t")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode_export(data: bytes, path: Path) -> str:
    """Text of a spreadsheet export: UTF-16 (byte-order mark, or the zero bytes of ASCII text), UTF-8 with or
    without a byte-order mark, else Windows-1252. :class:`UsageError` E190 on other zero bytes."""
    if data.startswith(_UTF16_BOMS):
        return data.decode("utf-16")
    head = data[:4096]
    if b"\x00" in head and len(head) >= 2:
        odd, even = head[1::2].count(0), head[0::2].count(0)
        if odd > len(head) // 4 and even == 0:
            return data.decode("utf-16-le", errors="replace")
        if even > len(head) // 4 and odd == 0:
            return data.decode("utf-16-be", errors="replace")
    if b"\x00" in data:
        raise UsageError(Errors.E190.format(path=path, reason="it holds NUL bytes (not a text export?)"))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        log.warning("%s: not UTF-8; read as Windows-1252", path)
        return data.decode("cp1252", errors="replace")


def sniff_delimiter(text: str) -> str:
    """The separator of a CSV text: the one that makes ``claim_id`` a header cell, else the most frequent one
    of :data:`DELIMITERS` on the first line."""
    first = text.split("\n", 1)[0]
    for delimiter in DELIMITERS:
        cells = next(csv.reader([first], delimiter=delimiter), [])
        if "claim_id" in (c.strip() for c in cells):
            return delimiter
    return max(DELIMITERS, key=first.count)


#: A table as the file holds it: the header cells exactly as written (not stripped, blanks and repeats kept)
#: and every row that is not blank, as its cells.
RawTable = tuple[list[str], list[list[str]]]


def raw_csv_text(text: str, path: Path, delimiter: str) -> RawTable:
    """Header and non-blank rows of CSV text as written, strictly parsed: E190 for an unterminated quote."""
    csv.field_size_limit(2**31 - 1)
    reader = csv.reader(text.splitlines(keepends=True), delimiter=delimiter, strict=True)
    try:
        table = list(reader)
    except csv.Error as exc:
        raise UsageError(Errors.E190.format(
            path=path, reason=f"line {reader.line_num}: {exc} (a quote never closed?)")) from exc
    if not table:
        return [], []
    return table[0], [cells for cells in table[1:] if any(c.strip() for c in cells)]


def keyed_table(raw: RawTable, pad: bool = True) -> Table:
    """A raw table as named columns: header cells stripped, blank ones dropped, each row a dict by column
    (the last of repeated names wins; ``pad``: cells a short row lacks are empty, else absent)."""
    header = [h.strip() for h in raw[0]]
    rows = []
    for cells in raw[1]:
        width = len(header) if pad else min(len(header), len(cells))
        rows.append({h: (cells[i] if i < len(cells) else "") for i, h in enumerate(header[:width]) if h})
    return [h for h in header if h], rows


def parse_csv_text(text: str, path: Path, delimiter: str) -> Table:
    """Header and rows of CSV text, strictly parsed: :class:`UsageError` E190 for an unterminated quote."""
    return keyed_table(raw_csv_text(text, path, delimiter))


def cell_text(value: Any) -> str:
    """A workbook or JSON cell as the text a CSV would hold: whole floats without ``.0``, dates in ISO 8601."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def raw_workbook(path: Path) -> RawTable:
    """Header and non-blank rows (text cells, as written) of the first sheet of an ``.xlsx`` workbook (its
    ``claims`` sheet when it has one); E190 when unreadable."""
    try:
        import openpyxl

        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        sheet = book["claims"] if "claims" in book.sheetnames else book.worksheets[0]
        values = sheet.iter_rows(values_only=True)
        header = [cell_text(h) for h in next(values, ())]
        rows = [[cell_text(v) for v in cells] for cells in values if any(v not in (None, "") for v in cells)]
        book.close()
    except Exception as exc:  # noqa: BLE001 - a damaged zip or XML surfaces as many exception types
        raise UsageError(Errors.E190.format(path=path, reason=f"not a readable workbook: {exc}")) from exc
    return header, rows


def read_workbook(path: Path) -> Table:
    """Header and rows (text cells) of the first sheet of an ``.xlsx`` workbook (E190 when unreadable)."""
    return keyed_table(raw_workbook(path), pad=False)


def raw_records(path: Path, text: str) -> RawTable:
    """Keys (in first-seen order) and rows (text cells, one per key, empty when a record lacks it) of JSON Lines
    text (E190 on a broken line)."""
    header: dict[str, None] = {}
    records: list[dict[str, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            raise UsageError(Errors.E190.format(path=path, reason=f"line {number}: not JSON: {exc}")) from exc
        if not isinstance(record, dict):
            raise UsageError(Errors.E190.format(path=path, reason=f"line {number}: not a JSON object"))
        header.update(dict.fromkeys(record))
        records.append({k: cell_text(v) for k, v in record.items()})
    return list(header), [[r.get(k, "") for k in header] for r in records]


def read_records(path: Path, text: str) -> Table:
    """Header (keys in first-seen order) and rows (text cells) of JSON Lines text (E190 on a broken line)."""
    header, rows = raw_records(path, text)
    return header, [dict(zip(header, cells, strict=True)) for cells in rows]


def read_raw_sheet(path: Path) -> RawTable:
    """The table of :func:`read_sheet` as the file holds it (header cells as written, blank and repeated
    ones kept; rows as cell lists, the same rows in the same order). E062, E190."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return raw_workbook(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(Errors.E062.format(path=path, reason=exc)) from exc
    text = decode_export(data, path)
    if suffix in (".jsonl", ".json", ".ndjson"):
        return raw_records(path, text)
    return raw_csv_text(text, path, sniff_delimiter(text))


def read_sheet(path: Path) -> Table:
    """Header and rows (text cells) of a table a person may have re-saved: CSV of any separator and encoding
    a spreadsheet exports, ``.xlsx``, or JSON Lines (``.jsonl``/``.json``).

    Raises :class:`UsageError` E062 when the file cannot be opened, E190 when it is damaged (unterminated
    quote, NUL bytes, broken JSON line, unreadable workbook).
    """
    return sheet_table(Path(path), read_raw_sheet(path))


def sheet_table(path: Path, raw: RawTable) -> Table:
    """The named-column form of a raw table read from ``path`` (see :func:`read_raw_sheet`)."""
    suffix = Path(path).suffix.lower()
    if suffix in (".jsonl", ".json", ".ndjson"):
        header, rows = raw  # JSON keys are names as they are (not stripped)
        return header, [dict(zip(header, cells, strict=True)) for cells in rows]
    return keyed_table(raw, pad=suffix not in (".xlsx", ".xlsm"))


def read_claims(path: Path) -> Table:
    """Header and rows of a run's claims.csv, or of a claims table given directly in any form
    :func:`read_sheet` reads; E060, E061 (no claim_id), E062, E190."""
    return read_claims_sheet(path)[1]


def read_claims_sheet(path: Path) -> tuple[RawTable, Table]:
    """:func:`read_claims` with the table as the file holds it too (:func:`read_raw_sheet`; row ``i`` of one
    is row ``i`` of the other)."""
    target = claims_file(path)
    raw = read_raw_sheet(target)
    header, rows = sheet_table(target, raw)
    if "claim_id" not in header:
        raise UsageError(Errors.E061.format(path=target, columns="claim_id"))
    return raw, (header, rows)


def read_documents(run_dir: Path) -> list[dict[str, str]]:
    """Rows of the run's documents.csv (:class:`UsageError` E063 when the folder has none)."""
    path = Path(run_dir) / DOCUMENTS_FILE
    if not path.is_file():
        raise UsageError(Errors.E063.format(path=run_dir, name=DOCUMENTS_FILE))
    return read_csv(path)[1]


def read_optional(run_dir: Path, name: str) -> list[dict[str, str]]:
    """Rows of the run's CSV file ``name`` (claims.csv, clutter.csv), or none when the file is missing."""
    path = Path(run_dir) / name
    return read_csv(path)[1] if path.is_file() else []


def read_articles(run_dir: Path) -> Iterator[dict[str, Any]]:
    """Records of the run's articles.jsonl; a broken line is logged and skipped, a missing file gives none."""
    path = Path(run_dir) / ARTICLES_FILE
    if not path.is_file():
        return
    with open(path, encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError as exc:
                log.warning("%s:%d: skipped, not JSON: %s", path, number, exc)
                continue
            if isinstance(record, dict):
                yield record


def read_manifest(run_dir: Path) -> dict[str, Any]:
    """The run's manifest.json, or an empty dict when it is missing or not JSON."""
    try:
        data = json.loads((Path(run_dir) / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Records of a JSON Lines file written by :func:`~pipeline.outputs.writers.write_jsonl` (part files)."""
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


class _Lines:
    """The lines of a binary file as text, remembering where the first line of the current CSV record began."""

    def __init__(self, handle: Any, path: Path) -> None:
        self.handle, self.path = handle, path
        self.pos = handle.tell()
        self.start: int | None = None

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = self.handle.readline()
        if not line:
            raise StopIteration
        if self.start is None:
            self.start = self.pos
        if self.pos == 0 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
            self.pos += 3
        self.pos += len(line)
        try:
            return line.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise UsageError(Errors.E062.format(path=self.path, reason=exc)) from exc


class IndexedCsv:
    """A CSV file of a run read once to note where each row starts, grouped by a key of its cells; a group's
    rows are then read back on demand, so memory holds the row positions, not the rows.

    Rows come back as :func:`read_csv` gives them (text cells, missing cells empty, cells past the header
    dropped, blank lines skipped), a group's rows in file order. E062 when the file cannot be read.
    """

    def __init__(self, path: Path, key: Any, visit: Any = None) -> None:
        """Index ``path`` by ``key(row)``; ``visit(row)`` is called on every row as it is read."""
        csv.field_size_limit(2**31 - 1)
        self.path = Path(path)
        self.header: list[str] = []
        self.groups: dict[Any, list[int]] = {}
        self.rows = 0
        if not self.path.is_file():
            return
        try:
            with open(self.path, "rb") as handle:
                lines = _Lines(handle, self.path)
                reader = csv.reader(lines)
                self.header = next(reader, [])
                lines.start = None
                for cells in reader:
                    start, lines.start = lines.start, None
                    if not cells:
                        continue
                    row = self._row(cells)
                    self.groups.setdefault(key(row), []).append(start)
                    self.rows += 1
                    if visit is not None:
                        visit(row)
        except (OSError, csv.Error) as exc:
            raise UsageError(Errors.E062.format(path=self.path, reason=exc)) from exc

    def _row(self, cells: list[str]) -> dict[str, str]:
        return {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(self.header)}

    def group(self, key: Any) -> list[dict[str, str]]:
        """The rows of group ``key`` in file order (none for an unknown key)."""
        starts = self.groups.get(key)
        if not starts:
            return []
        rows = []
        try:
            with open(self.path, "rb") as handle:
                for start in starts:
                    handle.seek(start)
                    lines = _Lines(handle, self.path)
                    rows.append(self._row(next(csv.reader(lines))))
        except (OSError, csv.Error) as exc:
            raise UsageError(Errors.E062.format(path=self.path, reason=exc)) from exc
        return rows
