"""Loading the scripts of ``benchmarks/`` (not a package) as modules, for the tests that exercise them."""
from __future__ import annotations

import csv
import hashlib
import importlib.util
import re
import sys
from collections.abc import Container
from pathlib import Path
from types import ModuleType

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
#: A made-up news page (menu, article, footer) for the tests of the snippet benchmark and of weak block labels.
SNIPPET_PAGE = (Path(__file__).resolve().parent / "data" / "snippets" / "harbour.html").read_text(encoding="utf-8")


def load_benchmark(name: str) -> ModuleType:
    """The module of ``benchmarks/<name>.py``, loaded once per process (later calls return the same module).
    The benchmarks folder goes on ``sys.path`` first, as the scripts import each other by name."""
    if name in sys.modules:
        return sys.modules[name]
    if str(BENCHMARKS) not in sys.path:
        sys.path.insert(0, str(BENCHMARKS))
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def read_table(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """A gold CSV file's header and rows (each a dict of column -> cell text)."""
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


#: The bounds and kinds a gold claim row may carry (the claims columns of the README).

#: The columns of a sentence set's gold claims file (benchmarks/gold/*_claims.csv of the drawn sentence sets).
SENTENCE_CLAIM_COLUMNS = ["source", "quantity", "value", "unit", "bound", "kind", "start", "end",
                          "value_max", "direction", "metric", "subject", "period", "set"]


def sentence_sha1(text: str) -> str:
    """The sha1 (hex) of a sentence's UTF-8 text, as the sets' pointer files keep it."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def source_line(row: dict[str, str]) -> int:
    """The line number (from 1) a gold row's ``source`` (``NAME.jsonl#N``) points to."""
    return int(row["source"].rsplit("#", 1)[1])

GOLD_BOUNDS = frozenset(("exact", "approx", "over", "at_least", "under", "at_most", "range"))
GOLD_KINDS = frozenset(("count", "amount", "share", "change", "level", "rank", "ratio", "duration", "age"))
_PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_UNSIGNED_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def check_claim_row(row: dict[str, str], columns: list[str], *, sentences: tuple[str, int] | None = None,
                    units: Container[str] | None = None, negative: bool = True, metric: bool = False,
                    period: re.Pattern[str] | None = None) -> bool:
    """Assert what every gold row of the sentence sets holds and say whether it is a claim. A row with no
    quantity declares a sentence read and judged to hold none: every cell but its source and draw (the first and
    last of ``columns``) is empty. A claim row has a known bound and kind, a direction (where the set has the
    column) that is up, down or empty, a span as long as its quantity, a quantity without spaces around it that
    no spreadsheet reads as a formula, values written as plain numbers (no exponent), a range's upper value above
    its value and a change with its direction.

    What a set asks beyond that: ``sentences`` (file name, number of lines): the source is a line of that file;
    ``units``: the unit is one of them; ``negative=False``: values are never negative; ``metric``: the metric is
    set, without spaces around it; ``period``: the period is empty or matches the pattern whole."""
    if sentences is not None:
        name, lines = sentences
        assert re.fullmatch(re.escape(name) + r"#\d+", row["source"]), row["source"]
        assert 1 <= int(row["source"].rsplit("#", 1)[1]) <= lines, row["source"]
    if not row["quantity"]:
        assert not any(row[c] for c in columns[1:-1])
        return False
    assert row["bound"] in GOLD_BOUNDS and row["kind"] in GOLD_KINDS
    assert 0 <= int(row["start"]) and int(row["end"]) - int(row["start"]) == len(row["quantity"]) > 0
    assert row["quantity"] == row["quantity"].strip() and row["quantity"][:1] not in "=+-@"
    number = _PLAIN_NUMBER if negative else _UNSIGNED_NUMBER
    assert number.fullmatch(row["value"]), "plain number, no exponent"
    if "value_max" in columns:
        assert row["value_max"] == "" or number.fullmatch(row["value_max"])
        assert row["bound"] != "range" or row["value_max"] and float(row["value_max"]) > float(row["value"])
    if "direction" in columns:
        assert row["direction"] in {"", "up", "down"}
        assert row["kind"] != "change" or row["direction"]
    if units is not None:
        assert row["unit"] in units, row["unit"]
    if metric:
        assert row["metric"] and row["metric"] == row["metric"].strip()
    if period is not None:
        assert row["period"] == "" or period.fullmatch(row["period"]), row["period"]
    return True
