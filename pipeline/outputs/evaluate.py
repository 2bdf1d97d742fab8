"""Score a run's claims.csv against gold rows: precision, recall and F1 at three levels of strictness,
then how often the other columns agree on the claims both found.

A gold row matches a run row with the same ``source`` and the same ``value`` (relative tolerance 1e-6);
when the gold row has ``start``/``end``, the two spans must also overlap; when both files have a
``value_max`` column, a range matches only at both ends (and a single value only a single value).
Levels: ``value``, ``value+unit``, ``value+unit+bound``, and ``value+direction`` and ``value+change`` (the
direction, else approx/more/less/exact from the bound: :func:`change_label`) when both files have a
``direction`` column; each level is a separate one-to-one matching.

Scope: run rows count when their source is a document the gold covers. The gold covers its sources; a
gold row with an empty value only declares its source covered (a document read and found to hold no
claim). For a multi-record file (sources ``file#N``) whose gold declares none of its records that way,
every record of the file is covered, so a claim found in a sentence with no gold claim is a false
positive; once the gold declares one record of a file, only the records it names are covered.

Columns (on the value matches, when the gold file has the column): ``kind``, ``direction`` and ``period``
agree when equal, ``metric`` and ``subject`` when they share a content word or are equal (both empty, say;
:func:`words_agree`); ``subject`` is scored only on the matches whose gold row names one (a sentence that
names no subject says nothing about the run's), and the report says so. Then ``concept`` (when both carry
``metric``): the run's metric and subject together against the gold's metric and subject together, by the
same word test (:func:`concept_agrees`).
"""
from __future__ import annotations

import logging
import math
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import regex

from ..errors import Errors, UsageError
from .reader import claims_file, read_csv, shown

log = logging.getLogger(__name__)

REL_TOL = 1e-6
LEVELS = ("value", "value+unit", "value+unit+bound", "value+direction", "value+change")
#: Columns compared on the value matches, in report order.
COLUMNS = ("kind", "direction", "metric", "subject", "period")
#: Columns compared by shared content words rather than by equality.
WORD_COLUMNS = ("metric", "subject")
#: Columns scored only on the value matches whose gold cell is filled (an empty gold subject is no claim
#: that the sentence has none to find).
GOLD_NAMED_COLUMNS = ("subject",)
#: The figure reported after the columns when both sides carry ``metric``: a claim's metric and subject
#: together against the gold's (see :func:`concept_agrees`).
CONCEPT = "concept"
#: The change label of a claim whose direction is empty, by bound: more, less, approximately or exact.
_BOUND_CHANGE = {"approx": "approx", "over": "more", "at_least": "more", "under": "less", "at_most": "less"}
#: Words that say nothing about what is measured or whose it is.
_FILLER = frozenset((
    "the", "a", "an", "of", "in", "on", "at", "to", "for", "by", "and", "or", "with", "from", "its", "their",
    "his", "her", "share", "number", "total", "amount", "us", "inc", "co", "corp", "ltd",
))
_WORD = regex.compile(r"[\p{L}\p{N}&]+")


@dataclass(frozen=True)
class Row:
    """One claim row, gold or run (offsets -1 when not given; ``value_max`` None when not a range)."""

    source: str
    quantity: str
    value: float
    unit: str
    bound: str
    kind: str = ""
    start: int = -1
    end: int = -1
    value_max: float | None = None
    direction: str = ""
    metric: str = ""
    subject: str = ""
    period: str = ""

    @property
    def has_span(self) -> bool:
        """True when the row carries offsets."""
        return self.start >= 0 and self.end > self.start


@dataclass(frozen=True)
class GoldFile:
    """The rows of a claims CSV, every source it names, the sources it declares covered (rows with an
    empty value) and its columns."""

    rows: list[Row]
    sources: set[str]
    declared: set[str]
    columns: frozenset[str]


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


@dataclass(frozen=True)
class Agreement:
    """How often one column agrees on the value matches it is scored on (``pairs``), and how often each
    side leaves it empty among all value matches."""

    agree: int
    pairs: int
    gold_empty: int
    run_empty: int

    @property
    def accuracy(self) -> float:
        """agree / pairs; 1.0 when there is no pair."""
        return self.agree / self.pairs if self.pairs else 1.0


@dataclass
class EvalResult:
    """Scores per level, column agreement on the value matches, and the rows behind the errors."""

    gold: int
    run: int
    levels: dict[str, Scores]
    kind_agree: int = 0
    columns: dict[str, Agreement] = field(default_factory=dict)
    missed: list[Row] = field(default_factory=list)
    spurious: list[Row] = field(default_factory=list)
    wrong_unit: list[tuple[Row, Row]] = field(default_factory=list)
    wrong_bound: list[tuple[Row, Row]] = field(default_factory=list)
    wrong_columns: dict[str, list[tuple[Row, Row]]] = field(default_factory=dict)

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
        """A plain-text report: one line per level and per compared column, then the first ``limit``
        errors of each sort."""
        lines = [f"gold rows: {self.gold}   run rows in scope: {self.run}", "",
                 f"{'level':<18}{'precision':>10}{'recall':>10}{'F1':>10}{'tp':>6}{'fp':>6}{'fn':>6}"]
        for name in LEVELS:
            s = self.levels.get(name)
            if s is not None:
                lines.append(f"{name:<18}{s.precision:>10.3f}{s.recall:>10.3f}{s.f1:>10.3f}"
                             f"{s.tp:>6}{s.fp:>6}{s.fn:>6}")
        tp = self.levels["value"].tp
        if self.columns:
            lines += ["", f"{'column':<18}{'accuracy':>10}{'agree':>8}{'of':>6}{'gold empty':>12}{'run empty':>11}"]
            for name, a in self.columns.items():
                lines.append(f"{name:<18}{a.accuracy:>10.3f}{a.agree:>8}{a.pairs:>6}{a.gold_empty:>12}{a.run_empty:>11}")
            named = [n for n in GOLD_NAMED_COLUMNS if n in self.columns]
            if named:
                lines.append(f"({', '.join(named)}: scored only where the gold row names one)")
        elif tp:
            lines.append(f"kind agrees on {self.kind_agree}/{tp} value matches")
        sections: list[tuple[str, list[str]]] = [
            ("missed (gold, not found)", [_show(r) for r in self.missed]),
            ("spurious (found, not gold)", [_show(r) for r in self.spurious]),
            ("wrong unit (gold -> run)", [f"{_show(g)} -> {r.unit}" for g, r in self.wrong_unit]),
            ("wrong bound (gold -> run)", [f"{_show(g)} -> {r.bound}" for g, r in self.wrong_bound]),
        ]
        for name, pairs in self.wrong_columns.items():
            sections.append((f"wrong {name} (gold -> run)",
                             [f"{_show(g)}: {getattr(g, name)!r} -> {getattr(r, name)!r}" for g, r in pairs]))
        for title, rows in sections:
            if rows:
                lines += ["", f"{title}: {len(rows)}", *("  " + r for r in rows[:limit])]
                if len(rows) > limit:
                    lines.append(f"  ... {len(rows) - limit} more")
        return "\n".join(lines)


def _show(row: Row) -> str:
    span = f"[{row.start}:{row.end}]" if row.has_span else ""
    high = f"-{row.value_max:g}" if row.value_max is not None else ""
    return (f"{row.source}{span} {row.quantity!r} = {row.value:g}{high} {row.unit} {row.bound} {row.kind} "
            f"{row.direction}").rstrip()


def _cell(text: str | None) -> str:
    return shown((text or "").strip())


def _int(text: str | None) -> int:
    text = _cell(text)
    try:
        return int(float(text)) if text else -1
    except ValueError:
        return -1


def _number(path: Path, column: str, text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise UsageError(Errors.E062.format(path=path, reason=f"{column} {text!r} is not a number")) from None


def read_gold(path: Path) -> GoldFile:
    """The rows of a claims CSV with at least ``source`` and ``value`` columns, with its sources and columns.

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
    declared: set[str] = set()
    for rec in records:
        source = _cell(rec.get("source"))
        sources.add(source)
        value = _cell(rec.get("value"))
        if not value:
            declared.add(source)
            continue
        high = _cell(rec.get("value_max"))
        rows.append(Row(source=source, quantity=_cell(rec.get("quantity")), value=_number(path, "value", value),
                        unit=_cell(rec.get("unit")), bound=_cell(rec.get("bound")) or "exact",
                        kind=_cell(rec.get("kind")), start=_int(rec.get("start")), end=_int(rec.get("end")),
                        value_max=_number(path, "value_max", high) if high else None,
                        direction=_cell(rec.get("direction")), metric=_cell(rec.get("metric")),
                        subject=_cell(rec.get("subject")), period=_cell(rec.get("period"))))
    return GoldFile(rows, sources, declared, frozenset(header))


def read_rows(path: Path) -> tuple[list[Row], set[str]]:
    """Claim rows of a CSV (see :func:`read_gold`) and every source named."""
    gold = read_gold(path)
    return gold.rows, gold.sources


def _file_of(source: str) -> str:
    return source.split("#", 1)[0]


def in_scope(source: str, gold_sources: set[str], declared: Iterable[str] = ()) -> bool:
    """True when ``source`` is a document the gold covers (see the module docstring); ``declared``: the
    sources the gold declares covered by a row with an empty value."""
    if source in gold_sources:
        return True
    if "#" not in source:
        return False
    files = {_file_of(s) for s in gold_sources if "#" in s}
    listed = {_file_of(s) for s in declared if "#" in s}
    return _file_of(source) in files - listed


def same_value(a: float, b: float) -> bool:
    """Values equal within the relative tolerance."""
    return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=1e-12)


def _same_high(a: float | None, b: float | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and same_value(a, b))


def _compatible(g: Row, r: Row, ranges: bool = False) -> bool:
    if not same_value(g.value, r.value):
        return False
    if ranges and not _same_high(g.value_max, r.value_max):
        return False
    if g.has_span and r.has_span:
        return g.start < r.end and r.start < g.end
    return True


def match(gold: Iterable[Row], run: Iterable[Row], extra: Callable[[Row, Row], bool],
          ranges: bool = False) -> list[tuple[Row, Row]]:
    """One-to-one pairs of gold and run rows (same source, compatible, ``extra``), closest spans first;
    ``ranges``: a range matches only a range with the same high end."""
    by_source: dict[str, list[Row]] = defaultdict(list)
    for r in run:
        by_source[r.source].append(r)
    pairs: list[tuple[Row, Row]] = []
    used: set[int] = set()
    for g in sorted(gold, key=lambda x: (x.source, x.start)):
        options = [r for r in by_source.get(g.source, [])
                   if id(r) not in used and _compatible(g, r, ranges) and extra(g, r)]
        if not options:
            continue
        best = min(options, key=lambda r: (abs(r.start - g.start) + abs(r.end - g.end)) if g.has_span else 0)
        used.add(id(best))
        pairs.append((g, best))
    return pairs


def content_words(text: str) -> set[str]:
    """Lower-cased words of ``text`` that say something (no filler words), plural 's' removed."""
    words = {w.lower() for w in _WORD.findall(text)}
    return {w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
            for w in words if w not in _FILLER and len(w) > 1}


def words_agree(gold: str, run: str) -> bool:
    """True when two cells share a content word (:func:`content_words`), or, when either has none, are equal
    ignoring case and outer spaces (both empty agree; one empty does not)."""
    g, r = content_words(gold), content_words(run)
    if g and r:
        return bool(g & r)
    return gold.strip().lower() == run.strip().lower()


def agrees(column: str, gold: str, run: str) -> bool:
    """True when a run cell agrees with a gold cell: equal, or for ``metric``/``subject`` by
    :func:`words_agree` (lower case, filler words and plural 's' ignored)."""
    if column not in WORD_COLUMNS:
        return gold == run
    return words_agree(gold, run)


def change_label(row: Row) -> str:
    """What a claim says of its value's change or precision: its direction (``up``/``down``), else from its
    bound ``approx``, ``more`` (over, at_least), ``less`` (under, at_most), else ``exact``."""
    return row.direction or _BOUND_CHANGE.get(row.bound, "exact")


def concept_agrees(gold: Row, run: Row) -> bool:
    """True when the run row's metric and subject together agree with the gold row's metric and subject
    together by :func:`words_agree` ("what is measured, of whom"); both empty agree."""
    return words_agree(f"{gold.metric} {gold.subject}", f"{run.metric} {run.subject}")


def score(gold: list[Row], run: list[Row], columns: Iterable[str] = (), ranges: bool = False) -> EvalResult:
    """Score run rows against gold rows (both already restricted to the same documents).

    ``columns``: the :data:`COLUMNS` both sides carry (agreement is reported for them; ``direction``
    also adds the ``value+direction`` level); ``ranges``: both sides carry ``value_max``.
    """
    compared = [c for c in COLUMNS if c in set(columns)]
    checks: dict[str, Callable[[Row, Row], bool]] = {
        "value": lambda g, r: True,
        "value+unit": lambda g, r: g.unit == r.unit,
        "value+unit+bound": lambda g, r: g.unit == r.unit and g.bound == r.bound,
    }
    if "direction" in compared:
        checks["value+direction"] = lambda g, r: g.direction == r.direction
        checks["value+change"] = lambda g, r: change_label(g) == change_label(r)
    levels: dict[str, Scores] = {}
    value_pairs: list[tuple[Row, Row]] = []
    for name, check in checks.items():
        pairs = match(gold, run, check, ranges)
        levels[name] = Scores(tp=len(pairs), fp=len(run) - len(pairs), fn=len(gold) - len(pairs))
        if name == "value":
            value_pairs = pairs
    matched_gold = {id(g) for g, _ in value_pairs}
    matched_run = {id(r) for _, r in value_pairs}
    agreement: dict[str, Agreement] = {}
    wrong: dict[str, list[tuple[Row, Row]]] = {}
    for name in compared:
        scored = [(g, r) for g, r in value_pairs if getattr(g, name) or name not in GOLD_NAMED_COLUMNS]
        bad = [(g, r) for g, r in scored if not agrees(name, getattr(g, name), getattr(r, name))]
        agreement[name] = Agreement(
            agree=len(scored) - len(bad), pairs=len(scored),
            gold_empty=sum(1 for g, _ in value_pairs if not getattr(g, name)),
            run_empty=sum(1 for _, r in value_pairs if not getattr(r, name)),
        )
        wrong[name] = bad
    if "metric" in compared:
        bad = [(g, r) for g, r in value_pairs if not concept_agrees(g, r)]
        agreement[CONCEPT] = Agreement(
            agree=len(value_pairs) - len(bad), pairs=len(value_pairs),
            gold_empty=sum(1 for g, _ in value_pairs if not content_words(f"{g.metric} {g.subject}")),
            run_empty=sum(1 for _, r in value_pairs if not content_words(f"{r.metric} {r.subject}")),
        )
    return EvalResult(
        gold=len(gold),
        run=len(run),
        levels=levels,
        kind_agree=sum(1 for g, r in value_pairs if g.kind and g.kind == r.kind),
        columns=agreement,
        missed=[g for g in gold if id(g) not in matched_gold],
        spurious=[r for r in run if id(r) not in matched_run],
        wrong_unit=[(g, r) for g, r in value_pairs if g.unit != r.unit],
        wrong_bound=[(g, r) for g, r in value_pairs if g.unit == r.unit and g.bound != r.bound],
        wrong_columns=wrong,
    )


def evaluate(gold_csv: Path, run_dir: Path) -> EvalResult:
    """Score ``run_dir/claims.csv`` (or a claims CSV given directly) against ``gold_csv``."""
    gold = read_gold(Path(gold_csv))
    run = read_gold(claims_file(Path(run_dir)))
    scoped = [r for r in run.rows if in_scope(r.source, gold.sources, gold.declared)]
    both = gold.columns & run.columns
    log.info("evaluate: %d gold rows, %d of %d run rows in scope", len(gold.rows), len(scoped), len(run.rows))
    return score(gold.rows, scoped, columns=both, ranges="value_max" in both)
