"""How often a run's claims leave ``metric`` and ``period`` empty: the share of claims with no metric, with no
period, and with a period only inferred from the release date (``period_source`` ``release``), per run.

    python benchmarks/empty_rates.py RUN [RUN ...]              # run folders (or claims.csv files)
    python benchmarks/empty_rates.py RUN [RUN ...] --gold-free  # the same, without reading any gold file

A claim the gold files of ``benchmarks/gold/`` annotate (same ``source``, ``start`` and ``end``) is also
checked against its gold row: where the gold leaves the column empty too, the text gives none and empty is
right, so each share is followed by the share of the run's claims that are empty while their gold row fills
the column (``wrong``), over the claims a gold row covers (``gold``). ``--gold-free`` skips that (runs of
real pages, which no gold row covers). The issue's bar on real articles: metric empty in at most 15% of the
claims, period empty in at most 40%.
"""
from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / "benchmarks" / "gold"
#: The columns whose empty share is counted, in the order printed.
COLUMNS = ("metric", "period")

#: A claim's place in its source: ``(source, start, end)``.
Key = tuple[str, int, int]


@dataclass(frozen=True)
class Rates:
    """The empty shares of one run: ``claims`` counted; ``empty`` column -> claims with it empty; ``release``
    claims whose period is only the release date's; ``gold`` claims a gold row covers; ``wrong`` column ->
    claims with it empty whose gold row fills it."""

    claims: int
    empty: dict[str, int]
    release: int
    gold: int = 0
    wrong: dict[str, int] | None = None


def share(part: int, whole: int) -> float:
    """``part`` of ``whole`` as a fraction (0.0 for nothing counted)."""
    return part / whole if whole else 0.0


def read_gold_cells(paths: Iterable[Path]) -> dict[Key, dict[str, str]]:
    """The metric and period of every gold row with a span in the gold CSV files ``paths``, by
    ``(source, start, end)``; rows without a span (a sentence declared to hold no claim) are skipped."""
    out: dict[Key, dict[str, str]] = {}
    for path in paths:
        with path.open(newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                start, end = row.get("start") or "", row.get("end") or ""
                if not (start.isdigit() and end.isdigit()) or not set(COLUMNS) <= set(row):
                    continue
                out[(row["source"], int(start), int(end))] = {c: row[c] or "" for c in COLUMNS}
    return out


def rates(rows: Sequence[dict[str, str]], gold: dict[Key, dict[str, str]] | None = None) -> Rates:
    """The :class:`Rates` of claim rows (dicts with ``metric``, ``period``, ``period_source``, ``source``,
    ``start``, ``end``) checked against ``gold`` cells by :func:`read_gold_cells` (None: no gold)."""
    empty = {c: sum(1 for r in rows if not r[c]) for c in COLUMNS}
    release = sum(1 for r in rows if r["period_source"] == "release")
    if gold is None:
        return Rates(len(rows), empty, release)
    covered = [(r, gold[k]) for r in rows if (k := (r["source"], int(r["start"]), int(r["end"]))) in gold]
    wrong = {c: sum(1 for r, g in covered if not r[c] and g[c]) for c in COLUMNS}
    return Rates(len(rows), empty, release, len(covered), wrong)


def run_rows(run: Path) -> list[dict[str, str]]:
    """The claims of a run folder (its ``claims.csv``) or of a claims CSV file as dicts of cell text."""
    path = run / "claims.csv" if run.is_dir() else run
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def report(name: str, r: Rates) -> str:
    """One line per run: claims, each column's empty share (and, with gold, the share wrongly empty over the
    claims a gold row covers), and the share of periods only inferred from the release date."""
    parts = [f"{name}: {r.claims} claims"]
    for c in COLUMNS:
        part = f"{c} empty {share(r.empty[c], r.claims):.1%}"
        if r.wrong is not None and r.gold:
            part += f" (wrong {r.wrong[c]}/{r.gold} gold = {share(r.wrong[c], r.gold):.1%})"
        parts.append(part)
    parts.append(f"period from release {share(r.release, r.claims):.1%}")
    return ", ".join(parts)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("runs", nargs="+", type=Path, help="run folders or claims files")
    parser.add_argument("--gold-free", action="store_true", help="read no gold file")
    args = parser.parse_args(argv)
    gold = None if args.gold_free else read_gold_cells(sorted(GOLD_DIR.glob("*.csv")))
    for run in args.runs:
        print(report(str(run), rates(run_rows(run), gold)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
