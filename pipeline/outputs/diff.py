"""Compare the claims of two runs by claim_id: added, removed and changed claims.

Meant for regression review after a rules change. Review columns are ignored; columns present in only
one of the runs are reported but not compared. Exit status like ``diff(1)``: 0 same, 1 different.
"""
from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .contract import REVIEW_COLUMNS
from .reader import claims_file, read_claims
from .review import norm_id, same_cell

log = logging.getLogger(__name__)

EXIT_SAME, EXIT_DIFFERENT = 0, 1
#: Columns shown for an added or removed claim in the text report.
SUMMARY_COLUMNS = ("source", "quantity", "value", "unit", "bound", "kind", "metric", "rule")


@dataclass(frozen=True)
class Change:
    """One claim present in both runs whose other columns differ."""

    claim_id: str
    before: dict[str, str]
    after: dict[str, str]
    fields: tuple[str, ...]


@dataclass
class RunDiff:
    """Claims added, removed and changed between run ``a`` and run ``b``."""

    a: Path
    b: Path
    added: list[dict[str, str]] = field(default_factory=list)
    removed: list[dict[str, str]] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    #: Columns (other than review columns) found in only one of the two runs.
    only_a: tuple[str, ...] = ()
    only_b: tuple[str, ...] = ()
    claims_a: int = 0
    claims_b: int = 0

    @property
    def same(self) -> bool:
        """True when no claim was added, removed or changed."""
        return not (self.added or self.removed or self.changed)

    @property
    def exit_status(self) -> int:
        """0 when the runs' claims are the same, 1 otherwise (as ``diff(1)``)."""
        return EXIT_SAME if self.same else EXIT_DIFFERENT

    def format(self, limit: int | None = None) -> str:
        """Text report: a summary line, then one line per added (+), removed (-) and changed (~) claim."""
        lines = [
            f"--- {self.a} ({self.claims_a} claims)",
            f"+++ {self.b} ({self.claims_b} claims)",
            f"{len(self.added)} added, {len(self.removed)} removed, {len(self.changed)} changed",
        ]
        if self.only_a:
            lines.append("columns only in A (not compared): " + ", ".join(self.only_a))
        if self.only_b:
            lines.append("columns only in B (not compared): " + ", ".join(self.only_b))
        entries = [f"+ {_describe(r)}" for r in self.added]
        entries += [f"- {_describe(r)}" for r in self.removed]
        for change in self.changed:
            parts = "; ".join(
                f"{c}: {_show(change.before.get(c, ''))} -> {_show(change.after.get(c, ''))}" for c in change.fields
            )
            entries.append(f"~ {_clean(change.claim_id)} {_clean(change.after.get('source', ''))}: {parts}")
        if limit is not None and len(entries) > limit:
            entries = [*entries[:limit], f"... {len(entries) - limit} more"]
        return "\n".join(lines + entries)


def _clean(text: str) -> str:
    """One line of text: control characters (line breaks, escapes) shown as spaces."""
    return "".join(ch if ch.isprintable() else " " for ch in text)


def _show(text: str, width: int = 80) -> str:
    text = _clean(text)
    return repr(text if len(text) <= width else text[: width - 1] + "…")


def _describe(row: Mapping[str, str]) -> str:
    cells = " ".join(_show(row.get(c, ""), 60) for c in SUMMARY_COLUMNS)
    return f"{_clean(row.get('claim_id', ''))} {cells}"


def _index(rows: Sequence[dict[str, str]], path: Path) -> dict[str, dict[str, str]]:
    found: dict[str, dict[str, str]] = {}
    for row in rows:
        cid = norm_id(row["claim_id"])
        if cid in found:
            log.warning("%s: claim_id %s appears more than once; the last row is compared", path, cid)
        found[cid] = row
    return found


def _differs(column: str, before: str, after: str) -> bool:
    """True when two cells differ; numbers compare as numbers ("4.20" equals "4.2", "1999.0" equals "1999")."""
    return before != after and not same_cell(before, after)


def diff_runs(a: Path, b: Path) -> RunDiff:
    """Added, removed and changed claims (by claim_id) from run ``a`` to run ``b`` (folders or claims.csv files)."""
    path_a, path_b = claims_file(Path(a)), claims_file(Path(b))
    header_a, rows_a = read_claims(path_a)
    header_b, rows_b = read_claims(path_b)
    shared = [c for c in header_a if c in header_b and c not in REVIEW_COLUMNS and c != "claim_id"]
    result = RunDiff(
        a=Path(a), b=Path(b), claims_a=len(rows_a), claims_b=len(rows_b),
        only_a=tuple(c for c in header_a if c not in header_b and c not in REVIEW_COLUMNS),
        only_b=tuple(c for c in header_b if c not in header_a and c not in REVIEW_COLUMNS),
    )
    index_a, index_b = _index(rows_a, path_a), _index(rows_b, path_b)
    for cid, after in index_b.items():
        before = index_a.get(cid)
        if before is None:
            result.added.append(after)
            continue
        fields = tuple(c for c in shared if _differs(c, before.get(c, ""), after.get(c, "")))
        if fields:
            result.changed.append(Change(cid, before, after, fields))
    result.removed = [row for cid, row in index_a.items() if cid not in index_b]
    return result
