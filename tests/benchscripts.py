"""Loading the scripts of ``benchmarks/`` (not a package) as modules, for the tests that exercise them."""
from __future__ import annotations

import csv
import importlib.util
import re
import sys
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
GOLD_BOUNDS = frozenset(("exact", "approx", "over", "at_least", "under", "at_most", "range"))
GOLD_KINDS = frozenset(("count", "amount", "share", "change", "level", "rank", "ratio", "duration", "age"))
_PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def check_claim_row(row: dict[str, str], columns: list[str]) -> bool:
    """Assert what every gold row of the sentence sets holds and say whether it is a claim. A row with no
    quantity declares a sentence read and judged to hold none: every cell but its source and draw (the first and
    last of ``columns``) is empty. A claim row has a known bound and kind, a direction that is up, down or empty,
    a span as long as its quantity, values written as plain numbers (no exponent), a range's upper value above
    its value and a change with its direction."""
    if not row["quantity"]:
        assert not any(row[c] for c in columns[1:-1])
        return False
    assert row["bound"] in GOLD_BOUNDS and row["kind"] in GOLD_KINDS and row["direction"] in {"", "up", "down"}
    assert 0 <= int(row["start"]) and int(row["end"]) - int(row["start"]) == len(row["quantity"]) > 0
    assert _PLAIN_NUMBER.fullmatch(row["value"])
    assert row["value_max"] == "" or _PLAIN_NUMBER.fullmatch(row["value_max"])
    assert row["bound"] != "range" or float(row["value_max"]) > float(row["value"])
    assert row["kind"] != "change" or row["direction"]
    return True
