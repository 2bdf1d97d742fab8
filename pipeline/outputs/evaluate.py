"""Score a run's claims.csv against gold rows: precision, recall and F1 at three levels of strictness.

A gold row matches a run row with the same ``source`` and the same ``value`` (relative tolerance 1e-6);
when the gold row has ``start``/``end``, the two spans must also overlap. Levels: ``value``, ``value+unit``,
``value+unit+bound``; each level is a separate one-to-one matching. Run rows count when their source
belongs to a document the gold covers: the gold's sources, and for multi-record sources (``file#N``) every
record of the file, so a claim found in a sentence with no gold claim is a false positive. A gold row
with an empty value only declares its source as covered.
"""
from __future__ import annotations

import logging
import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Errors, UsageError
from .reader import claims_file, read_csv, shown

log = logging.getLogger(__name__)

REL_TOL = 1e-6
LEVELS = ("value", "value+unit", "value+unit+bound")


@dataclass(frozen=True)
class Row:
    """One claim row, gold or run (offsets -1 when not given)."""

    source: str
    quantity: str
    value: float
    unit: str
    bound: str
    kind: str = ""
    start: int = -1
    end: int = -1

    @property
    def has_span(self) -> bool:
        """True when the row carries offsets."""
        return self.start >= 0 and self.end > self.start


@dataclass(frozen=True)
class Scores:
    """True positives, false positives and false negatives of one level."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 1.0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 1.0 when there is nothing to find."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class EvalResult:
    """Scores per level, plus the rows behind the errors of the ``value`` level."""

    gold: int
    run: int
    levels: dict[str, Scores]
    kind_agree: int = 0
    missed: list[Row] = field(default_factory=list)
    spurious: list[Row] = field(default_factory=list)
    wrong_unit: list[tuple[Row, Row]] = field(default_factory=list)
    wrong_bound: list[tuple[Row, Row]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """Precision of the ``value`` level."""
        return self.levels["value"].precision

    @property
    def recall(self) -> float:
        """Recall of the ``value`` level."""
        return self.levels["value"].recall

    @property
    def f1(self) -> float:
        """F1 of the ``value`` level."""
        return self.levels["value"].f1

    def format(self, limit: int = 20) -> str:
        """A plain-text report: one line per level, then the first ``limit`` errors of each sort."""
        lines = [f"gold rows: {self.gold}   run rows in scope: {self.run}", "",
                 f"{'level':<18}{'precision':>10}{'recall':>10}{'F1':>10}{'tp':>6}{'fp':>6}{'fn':>6}"]
        for name in LEVELS:
            s = self.levels[name]
            lines.append(f"{name:<18}{s.precision:>10.3f}{s.recall:>10.3f}{s.f1:>10.3f}{s.tp:>6}{s.fp:>6}{s.fn:>6}")
        tp = self.levels["value"].tp
        if tp:
            lines.append(f"kind agrees on {self.kind_agree}/{tp} value matches")
        sections: list[tuple[str, list[str]]] = [
            ("missed (gold, not found)", [_show(r) for r in self.missed]),
            ("spurious (found, not gold)", [_show(r) for r in self.spurious]),
            ("wrong unit (gold -> run)", [f"{_show(g)} -> {r.unit}" for g, r in self.wrong_unit]),
            ("wrong bound (gold -> run)", [f"{_show(g)} -> {r.bound}" for g, r in self.wrong_bound]),
        ]
        for title, rows in sections:
            if rows:
                lines += ["", f"{title}: {len(rows)}", *("  " + r for r in rows[:limit])]
                if len(rows) > limit:
                    lines.append(f"  ... {len(rows) - limit} more")
        return "\n".join(lines)


def _show(row: Row) -> str:
    span = f"[{row.start}:{row.end}]" if row.has_span else ""
    return f"{row.source}{span} {row.quantity!r} = {row.value:g} {row.unit} {row.bound} {row.kind}".rstrip()


def _cell(text: str | None) -> str:
    return shown((text or "").strip())


def _int(text: str | None) -> int:
    text = _cell(text)
    try:
        return int(float(text)) if text else -1
    except ValueError:
        return -1


def read_rows(path: Path) -> tuple[list[Row], set[str]]:
    """Claim rows of a CSV with at least ``source`` and ``value`` columns, and every source named.

    Raises :class:`UsageError`: E020 (no such file), E061 (a column missing), E062 (unreadable, or a value
    that is not a number).
    """
    if not Path(path).is_file():
        raise UsageError(Errors.E020.format(path=path))
    header, records = read_csv(Path(path))
    missing = {"source", "value"} - set(header)
    if missing:
        raise UsageError(Errors.E061.format(path=path, columns=", ".join(sorted(missing))))
    rows: list[Row] = []
    sources: set[str] = set()
    for rec in records:
        source = _cell(rec.get("source"))
        sources.add(source)
        value = _cell(rec.get("value"))
        if not value:
            continue
        try:
            number = float(value)
        except ValueError:
            raise UsageError(Errors.E062.format(path=path, reason=f"value {value!r} is not a number")) from None
        rows.append(Row(source=source, quantity=_cell(rec.get("quantity")), value=number,
                        unit=_cell(rec.get("unit")), bound=_cell(rec.get("bound")) or "exact",
                        kind=_cell(rec.get("kind")), start=_int(rec.get("start")), end=_int(rec.get("end"))))
    return rows, sources


def _file_of(source: str) -> str:
    return source.split("#", 1)[0]


def in_scope(source: str, gold_sources: set[str]) -> bool:
    """True when ``source`` is a document the gold covers (see the module docstring)."""
    if source in gold_sources:
        return True
    files = {_file_of(s) for s in gold_sources if "#" in s}
    return "#" in source and _file_of(source) in files


def same_value(a: float, b: float) -> bool:
    """Values equal within the relative tolerance."""
    return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=1e-12)


def _compatible(g: Row, r: Row) -> bool:
    if not same_value(g.value, r.value):
        return False
    if g.has_span and r.has_span:
        return g.start < r.end and r.start < g.end
    return True


def match(gold: Iterable[Row], run: Iterable[Row], extra: Callable[[Row, Row], bool]) -> list[tuple[Row, Row]]:
    """One-to-one pairs of gold and run rows (same source, compatible, ``extra``), closest spans first."""
    by_source: dict[str, list[Row]] = defaultdict(list)
    for r in run:
        by_source[r.source].append(r)
    pairs: list[tuple[Row, Row]] = []
    used: set[int] = set()
    for g in sorted(gold, key=lambda x: (x.source, x.start)):
        options = [r for r in by_source.get(g.source, []) if id(r) not in used and _compatible(g, r) and extra(g, r)]
        if not options:
            continue
        best = min(options, key=lambda r: (abs(r.start - g.start) + abs(r.end - g.end)) if g.has_span else 0)
        used.add(id(best))
        pairs.append((g, best))
    return pairs


def score(gold: list[Row], run: list[Row]) -> EvalResult:
    """Score run rows against gold rows (both already restricted to the same documents)."""
    checks: dict[str, Callable[[Row, Row], bool]] = {
        "value": lambda g, r: True,
        "value+unit": lambda g, r: g.unit == r.unit,
        "value+unit+bound": lambda g, r: g.unit == r.unit and g.bound == r.bound,
    }
    levels: dict[str, Scores] = {}
    value_pairs: list[tuple[Row, Row]] = []
    for name, check in checks.items():
        pairs = match(gold, run, check)
        levels[name] = Scores(tp=len(pairs), fp=len(run) - len(pairs), fn=len(gold) - len(pairs))
        if name == "value":
            value_pairs = pairs
    matched_gold = {id(g) for g, _ in value_pairs}
    matched_run = {id(r) for _, r in value_pairs}
    return EvalResult(
        gold=len(gold),
        run=len(run),
        levels=levels,
        kind_agree=sum(1 for g, r in value_pairs if g.kind and g.kind == r.kind),
        missed=[g for g in gold if id(g) not in matched_gold],
        spurious=[r for r in run if id(r) not in matched_run],
        wrong_unit=[(g, r) for g, r in value_pairs if g.unit != r.unit],
        wrong_bound=[(g, r) for g, r in value_pairs if g.unit == r.unit and g.bound != r.bound],
    )


def evaluate(gold_csv: Path, run_dir: Path) -> EvalResult:
    """Score ``run_dir/claims.csv`` (or a claims CSV given directly) against ``gold_csv``."""
    gold, gold_sources = read_rows(Path(gold_csv))
    run, _ = read_rows(claims_file(Path(run_dir)))
    scoped = [r for r in run if in_scope(r.source, gold_sources)]
    log.info("evaluate: %d gold rows, %d of %d run rows in scope", len(gold), len(scoped), len(run))
    return score(gold, scoped)
