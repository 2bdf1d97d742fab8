"""Release dates of a page set: the ``published`` date a run gives each page against a dates CSV.

    newsclaims run PAGES_DIR/*.html --out RUN_DIR
    python benchmarks/page_dates.py DATES.csv RUN_DIR

``DATES.csv`` has columns ``name`` (the page file's name without ``.html``) and ``date`` (``YYYY-MM-DD``); the
run's ``documents.csv`` gives one row a page, its ``source`` the page file and ``published`` an ISO date or time,
of which the date part is compared. Prints the counts (right, wrong, empty, no row), the accuracy over the dates
CSV's pages, then the wrong and empty pages. Exit status 1 when a file cannot be read.
"""
from __future__ import annotations

import argparse
import csv
import sys
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class DateReport:
    """The comparison: ``right`` names, ``wrong`` (name, run date, gold date), ``empty`` (name, gold date; the run
    gives no date) and ``missing`` (names with no row in the run)."""

    right: list[str] = field(default_factory=list)
    wrong: list[tuple[str, str, str]] = field(default_factory=list)
    empty: list[tuple[str, str]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def pages(self) -> int:
        """Pages of the dates CSV."""
        return len(self.right) + len(self.wrong) + len(self.empty) + len(self.missing)

    @property
    def accuracy(self) -> float:
        """Share of the pages whose run date is the gold date (0.0 for no pages)."""
        return len(self.right) / self.pages if self.pages else 0.0

    def lines(self) -> list[str]:
        """The printed report."""
        head = f"right {len(self.right)}  wrong {len(self.wrong)}  empty {len(self.empty)}"
        out = [f"{self.pages} pages", head + (f"  no row {len(self.missing)}" if self.missing else ""),
               f"accuracy {self.accuracy:.3f}"]
        out += [f"wrong  {name}: published {got}, gold {gold}" for name, got, gold in self.wrong]
        out += [f"empty  {name}: gold {gold}" for name, gold in self.empty]
        out += [f"no row {name}" for name in self.missing]
        return out


def read_dates(path: Path) -> dict[str, str]:
    """Page name -> gold date, from a CSV with ``name`` and ``date`` columns; raises OSError or KeyError."""
    with path.open(newline="", encoding="utf-8-sig") as fh:
        return {row["name"]: row["date"].strip() for row in csv.DictReader(fh)}


def run_dates(run_dir: Path) -> dict[str, str]:
    """Page name (the ``source`` file's name without its suffix) -> date part of ``published`` ('' when none),
    from ``run_dir/documents.csv``; raises OSError or KeyError."""
    with (run_dir / "documents.csv").open(newline="", encoding="utf-8-sig") as fh:
        return {Path(row["source"]).stem: (row.get("published") or "").strip()[:10] for row in csv.DictReader(fh)}


def compare(gold: dict[str, str], got: dict[str, str]) -> DateReport:
    """Each gold page (sorted by name) judged right, wrong, empty or missing against ``got``."""
    report = DateReport()
    for name, date in sorted(gold.items()):
        if name not in got:
            report.missing.append(name)
        elif not got[name]:
            report.empty.append((name, date))
        elif got[name] == date:
            report.right.append(name)
        else:
            report.wrong.append((name, got[name], date))
    return report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dates", type=Path, help="CSV of name, date")
    ap.add_argument("run", type=Path, help="run folder of the pages (holds documents.csv)")
    args = ap.parse_args(argv)
    try:
        report = compare(read_dates(args.dates), run_dates(args.run))
    except OSError as exc:
        print(f"page_dates: {exc}", file=sys.stderr)
        return 1
    except KeyError as exc:
        print(f"page_dates: no column {exc} (dates CSV: name, date; documents.csv: source, published)",
              file=sys.stderr)
        return 1
    print("\n".join(report.lines()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
