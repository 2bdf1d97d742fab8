"""Carry reviewers' decisions from an earlier reviewed claims.csv over to a new run, by claim_id: a run step.

A decision is a row whose ``review`` or ``review_note`` cell is not blank. The run loads the decisions
before any work (:func:`load_review`) and puts each one on the claim row with the same claim_id while it
merges, before any claims file is written, so claims.csv, claims.jsonl, claims.parquet and report.html
all show it. Decisions whose claim is gone are written to ``review_orphans.csv`` with all their columns,
so no decision is ever dropped silently.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .contract import CONTENT_COLUMNS, REVIEW_COLUMNS
from .reader import read_claims, shown, typed_cell, typed_row
from .writers import write_csv

log = logging.getLogger(__name__)

ORPHANS_FILE = "review_orphans.csv"


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


def content_differs(decision: Mapping[str, str], row: Mapping[str, Any]) -> bool:
    """True when a claim column of the reviewed row (CSV text) differs from the claim row now (typed values)."""
    return any(c in decision and typed_cell(c, shown(decision[c])) != row.get(c, "") for c in CONTENT_COLUMNS)


@dataclass
class Review:
    """The decisions of a reviewed claims file by claim_id, put on claim rows as they stream to the writers.

    :meth:`apply` may see the same rows more than once (one pass per claims format): what it records does
    not depend on how often.
    """

    path: Path
    header: list[str]
    decisions: dict[str, dict[str, str]]
    conflicts: list[str] = field(default_factory=list)
    #: Claim ids that got their decision, and those of them whose claim changed, in first-seen order.
    carried: dict[str, None] = field(default_factory=dict)
    changed: dict[str, None] = field(default_factory=dict)

    def apply(self, row: dict[str, Any]) -> dict[str, Any]:
        """``row`` (a claims-file row) with the review cells of its claim's decision, if it has one
        (a new dict then; ``row`` itself otherwise)."""
        cid = str(row.get("claim_id", "")).strip()
        decision = self.decisions.get(cid)
        if decision is None:
            return row
        self.carried[cid] = None
        if content_differs(decision, row):
            self.changed[cid] = None
        return {**row, **{c: shown(decision.get(c, "").strip()) for c in REVIEW_COLUMNS}}

    def finish(self, run_dir: Path, claims: int) -> ReviewSummary:
        """Write ``review_orphans.csv`` (always) into ``run_dir``; the summary of the carry-over."""
        orphans = [typed_row(r) for cid, r in self.decisions.items() if cid not in self.carried]
        summary = ReviewSummary(
            claims=claims, decisions=len(self.decisions), carried=len(self.carried), orphans=len(orphans),
            changed=list(self.changed), conflicts=list(self.conflicts), orphans_path=Path(run_dir) / ORPHANS_FILE,
        )
        write_csv(summary.orphans_path, output_columns(self.header), orphans)
        if summary.orphans:
            log.warning("%d review decisions have no claim in %s; see %s", summary.orphans, run_dir,
                        summary.orphans_path)
        if summary.changed:
            log.warning("%d carried review decisions sit on claims that changed", len(summary.changed))
        return summary


def decisions(rows: Iterable[dict[str, str]]) -> tuple[dict[str, dict[str, str]], list[str]]:
    """Reviewed rows with a decision, by claim_id (the last of duplicates wins), and the ids reviewed twice
    with different decisions."""
    found: dict[str, dict[str, str]] = {}
    conflicts: list[str] = []
    for row in rows:
        if not has_decision(row):
            continue
        cid = row["claim_id"].strip()
        old = found.get(cid)
        if old is not None and any(old.get(c, "") != row.get(c, "") for c in REVIEW_COLUMNS):
            conflicts.append(cid)
        found[cid] = row
    return found, conflicts


def load_review(path: Path) -> Review:
    """The decisions of a reviewed claims.csv (or a run folder holding one), read whole before any work.

    Raises :class:`UsageError`: E060 (no such file), E061 (no claim_id column), E062 (not readable CSV).
    """
    header, rows = read_claims(Path(path))
    found, conflicts = decisions(rows)
    return Review(path=Path(path), header=header, decisions=found, conflicts=conflicts)
