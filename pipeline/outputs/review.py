"""Carry reviewers' decisions from an earlier reviewed claims.csv over to a new run, by claim_id.

A decision is a row whose ``review`` or ``review_note`` cell is not blank. Decisions whose claim is
still in the new run are copied onto it; the others are written to ``review_orphans.csv`` with all
their columns, so no decision is ever dropped silently.
"""
from __future__ import annotations

import csv
import logging
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Errors, UsageError
from .writers import CLAIM_COLUMNS, CLAIM_TYPES, write_csv

log = logging.getLogger(__name__)

#: Columns a reviewer fills in; claims.csv ends with them.
REVIEW_COLUMNS = ("review", "review_note")
ORPHANS_FILE = "review_orphans.csv"
#: Claim columns compared to tell whether a carried decision now sits on a changed claim.
CONTENT_COLUMNS = tuple(c for c in CLAIM_COLUMNS if c != "claim_id" and c not in REVIEW_COLUMNS)


def claims_file(path: Path) -> Path:
    """``path`` itself when it is a file, else the run folder's claims.csv."""
    path = Path(path)
    if path.is_dir():
        target = path / "claims.csv"
        if not target.is_file():
            raise UsageError(Errors.E060.format(path=path))
        return target
    if not path.is_file():
        raise UsageError(Errors.E060.format(path=path))
    return path


def read_claim_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """Header and rows (text cells) of a claims CSV; tolerates a UTF-8 byte-order mark."""
    path = claims_file(path)
    csv.field_size_limit(2**31 - 1)  # a sentence cell can be long
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            header = list(reader.fieldnames or [])
            rows = [{k: ("" if v is None else v) for k, v in row.items() if k is not None} for row in reader]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise UsageError(Errors.E062.format(path=path, reason=exc)) from exc
    if "claim_id" not in header:
        raise UsageError(Errors.E061.format(path=path, columns="claim_id"))
    return header, rows


def typed_cell(column: str, text: str) -> Any:
    """A cell read back from CSV, with claims.csv numeric columns as numbers (so rewriting is lossless)."""
    kind = CLAIM_TYPES.get(column)
    if kind is None or text == "":
        return text
    raw = text[1:] if text.startswith("'") else text
    try:
        if kind == "int64":
            return int(raw)
        number = float(raw)
    except ValueError:
        return text
    return number if math.isfinite(number) else text


def typed_row(row: Mapping[str, str]) -> dict[str, Any]:
    """A whole row through :func:`typed_cell`."""
    return {k: typed_cell(k, v) for k, v in row.items()}


def output_columns(header: Sequence[str]) -> list[str]:
    """The header with the review columns moved (or added) to the end."""
    return [c for c in header if c not in REVIEW_COLUMNS] + list(REVIEW_COLUMNS)


def has_decision(row: Mapping[str, str]) -> bool:
    """True when a reviewer wrote something in the row's review columns."""
    return any((row.get(c) or "").strip() for c in REVIEW_COLUMNS)


@dataclass
class ReviewSummary:
    """What a carry-over did."""

    claims: int = 0
    decisions: int = 0
    carried: int = 0
    orphans: int = 0
    #: Claim ids whose decision was carried although the claim's content changed since the review.
    changed: list[str] = field(default_factory=list)
    #: Claim ids reviewed more than once with different decisions (the last one is kept).
    conflicts: list[str] = field(default_factory=list)
    orphans_path: Path | None = None

    def format(self) -> str:
        """One human-readable paragraph."""
        lines = [
            f"{self.decisions} review decisions: {self.carried} carried over to {self.claims} claims, "
            f"{self.orphans} orphaned -> {self.orphans_path}"
        ]
        if self.changed:
            lines.append(f"{len(self.changed)} carried decisions sit on claims that changed: "
                         + " ".join(self.changed[:20]))
        if self.conflicts:
            lines.append(f"{len(self.conflicts)} claims reviewed twice with different decisions: "
                         + " ".join(self.conflicts[:20]))
        return "\n".join(lines)


def _decisions(rows: Iterable[dict[str, str]], summary: ReviewSummary) -> dict[str, dict[str, str]]:
    """Reviewed rows with a decision, by claim_id (the last of duplicates wins, conflicts noted)."""
    found: dict[str, dict[str, str]] = {}
    for row in rows:
        if not has_decision(row):
            continue
        cid = row["claim_id"].strip()
        old = found.get(cid)
        if old is not None and any(old.get(c, "") != row.get(c, "") for c in REVIEW_COLUMNS):
            summary.conflicts.append(cid)
        found[cid] = row
    return found


def _content_differs(old: Mapping[str, str], new: Mapping[str, str]) -> bool:
    return any(
        c in old and typed_cell(c, old[c]) != typed_cell(c, new.get(c, ""))
        for c in CONTENT_COLUMNS
    )


def carry_over(review_csv: Path, run_dir: Path) -> ReviewSummary:
    """Fill run_dir/claims.csv's review columns from ``review_csv``; write review_orphans.csv (always)."""
    review_header, reviewed = read_claim_rows(Path(review_csv))
    target = claims_file(run_dir)
    header, rows = read_claim_rows(target)
    summary = ReviewSummary(claims=len(rows))
    decisions = _decisions(reviewed, summary)
    summary.decisions = len(decisions)
    present: set[str] = set()
    for row in rows:
        cid = row["claim_id"].strip()
        decision = decisions.get(cid)
        if decision is None:
            continue
        present.add(cid)
        for column in REVIEW_COLUMNS:
            row[column] = decision.get(column, "").strip()
        if _content_differs(decision, row):
            summary.changed.append(cid)
    summary.carried = len(present)
    write_csv(target, output_columns(header), (typed_row(r) for r in rows))
    orphans = [typed_row(r) for cid, r in decisions.items() if cid not in present]
    summary.orphans = len(orphans)
    summary.orphans_path = target.parent / ORPHANS_FILE
    write_csv(summary.orphans_path, output_columns(review_header), orphans)
    if summary.orphans:
        log.warning("%d review decisions have no claim in %s; see %s", summary.orphans, target, summary.orphans_path)
    if summary.changed:
        log.warning("%d carried review decisions sit on claims that changed", len(summary.changed))
    return summary
