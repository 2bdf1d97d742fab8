"""Loading the scripts of ``benchmarks/`` (not a package) as modules, for the tests that exercise them."""
from __future__ import annotations

import csv
import importlib.util
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
