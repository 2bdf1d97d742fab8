"""Spreadsheet-first outputs: ``claims.xlsx`` (claims and documents sheets) and CSVs with a byte-order mark.

The workbook is written from the run folder's finished CSV files (so it holds the same rows, review
decisions included) with openpyxl in write-only mode: rows stream, memory stays flat. Each sheet has a
frozen header row, a filter, column widths that fit the content, numbers stored as numbers, and text
stored as text (a cell starting with ``=`` is never a formula). The claims sheet's ``review`` column offers
a drop-down of :data:`~pipeline.outputs.contract.REVIEW_STATES`. ``--review claims.xlsx`` reads it back.
"""
from __future__ import annotations

import logging
import shutil
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import regex

from .contract import CLAIM_TYPES, REVIEW_STATES
from .reader import CLAIMS_FILE, CLUTTER_FILE, DOCUMENTS_FILE, WORKBOOK_FILE, open_csv, shown
from .review import ORPHANS_FILE
from .writers import atomic_open

log = logging.getLogger(__name__)

#: Files that ``--excel-csv`` gives a UTF-8 byte-order mark (so spreadsheets decode ``£`` and ``ç``).
BOM_FILES = (CLAIMS_FILE, DOCUMENTS_FILE, CLUTTER_FILE, ORPHANS_FILE)
BOM = b"\xef\xbb\xbf"
#: Rows a sheet holds at most (the format's limit, header included); the CSV files hold every row.
MAX_ROWS = 1_048_576
#: Column widths in characters; other columns get :data:`DEFAULT_WIDTH`.
WIDTHS = {
    "claim_id": 18, "doc_id": 18, "source": 28, "title": 40, "published": 20, "sentence": 70, "quantity": 16,
    "value": 14, "unit": 10, "bound": 8, "kind": 12, "metric": 24, "subject": 20, "period": 10, "rule": 30,
    "review": 12, "review_note": 30, "error": 30, "url": 40, "paragraph": 9, "start": 8, "end": 8, "published_raw": 30,
}
DEFAULT_WIDTH = 12
#: Typed columns of documents.csv (every other column is text).
DOCUMENT_TYPES = {"chars": "int64", "kept_blocks": "int64", "dropped_blocks": "int64", "claims": "int64"}
_ILLEGAL = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def column_letter(index: int) -> str:
    """Spreadsheet column name of a 0-based column index (0 -> A, 26 -> AA)."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def typed(column: str, text: str, types: Mapping[str, str]) -> Any:
    """A CSV cell as a workbook value: a number in typed columns, else text (formula guard removed)."""
    text = shown(text)
    kind = types.get(column)
    if kind and text:
        try:
            return int(text) if kind == "int64" else float(text)
        except ValueError:
            pass
    return _ILLEGAL.sub("\ufffd", text)


def _sheet(book: Any, name: str, header: Sequence[str], rows: Iterable[Mapping[str, str]],
           types: Mapping[str, str], review: bool = False) -> int:
    """Add one sheet; returns the rows written."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.worksheet.datavalidation import DataValidation

    sheet = book.create_sheet(name)
    sheet.freeze_panes = "A2"
    for n, column in enumerate(header):
        sheet.column_dimensions[column_letter(n)].width = WIDTHS.get(column, DEFAULT_WIDTH)
    last = column_letter(max(len(header) - 1, 0))
    if review and "review" in header:
        letter = column_letter(list(header).index("review"))
        choice = DataValidation(type="list", formula1='"' + ",".join(REVIEW_STATES) + '"', allow_blank=True,
                                showErrorMessage=False, promptTitle="review", prompt=" / ".join(REVIEW_STATES))
        choice.add(f"{letter}2:{letter}{MAX_ROWS}")
        sheet.data_validations.append(choice)
    sheet.append(list(header))
    count = 0
    for row in rows:
        if count + 1 >= MAX_ROWS:
            log.warning("%s: sheet %s holds the first %d rows; the CSV file holds them all", WORKBOOK_FILE, name,
                        count)
            break
        cells = []
        for column in header:
            value = typed(column, row.get(column, ""), types)
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text stays text: "=..." is never a formula
            cells.append(cell)
        sheet.append(cells)
        count += 1
    sheet.auto_filter.ref = f"A1:{last}{count + 1}"
    return count


def write_workbook(run_dir: Path) -> Path:
    """Write ``claims.xlsx`` (sheets ``claims`` and ``documents``) from the run folder's CSV files; returns its
    path. Raises :class:`UsageError` E062 when a CSV file cannot be read."""
    from openpyxl import Workbook

    run_dir = Path(run_dir)
    book = Workbook(write_only=True)
    with open_csv(run_dir / CLAIMS_FILE) as (header, rows):
        claims = _sheet(book, "claims", header, rows, CLAIM_TYPES, review=True)
    if (run_dir / DOCUMENTS_FILE).is_file():
        with open_csv(run_dir / DOCUMENTS_FILE) as (header, rows):
            _sheet(book, "documents", header, rows, DOCUMENT_TYPES)
    path = run_dir / WORKBOOK_FILE
    with atomic_open(path, "wb") as handle:
        book.save(handle)
    log.info("workbook: %d claims -> %s", claims, path)
    return path


def add_bom(path: Path) -> None:
    """Give a UTF-8 CSV file a byte-order mark (once), atomically."""
    with open(path, "rb") as source:
        if source.read(len(BOM)) == BOM:
            return
        source.seek(0)
        with atomic_open(path, "wb") as handle:
            handle.write(BOM)
            shutil.copyfileobj(source, handle, 1 << 20)


def write_spreadsheets(run_dir: Path, formats: Sequence[str]) -> None:
    """The spreadsheet outputs ``formats`` asks for: ``xlsx`` (claims.xlsx), ``excel-csv`` (a byte-order
    mark on every CSV file of the run)."""
    run_dir = Path(run_dir)
    if "excel-csv" in formats:
        for name in BOM_FILES:
            if (run_dir / name).is_file():
                add_bom(run_dir / name)
    if "xlsx" in formats:
        write_workbook(run_dir)
