"""Read a run folder back: claim rows, document rows, clutter rows, articles, the manifest, and part files.

The one reader behind review, diff, evaluate and the report. CSV cells come back as the text in the file;
:func:`shown` removes the apostrophe that neutralised a formula-like cell and :func:`typed_cell` turns the
numeric claim columns back into numbers, so a row read back compares equal to the row that was written.
"""
from __future__ import annotations

import csv
import json
import logging
import math
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


def claims_file(path: Path) -> Path:
    """``path`` itself when it is a file, else the run folder's claims.csv (:class:`UsageError` E060 if none)."""
    path = Path(path)
    target = path / CLAIMS_FILE if path.is_dir() else path
    if not target.is_file():
        raise UsageError(Errors.E060.format(path=path))
    return target


def read_claims(path: Path) -> Table:
    """Header and rows of a run's claims.csv (or of a claims CSV given directly); E060, E061 (no claim_id), E062."""
    target = claims_file(path)
    header, rows = read_csv(target)
    if "claim_id" not in header:
        raise UsageError(Errors.E061.format(path=target, columns="claim_id"))
    return header, rows


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
