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


Table = tuple[list[str], list[dict[str, str]]]


def pair_tables(gold: Path, names) -> dict[str, tuple[Table, Table]]:
    """Each named pair's pointer and claims tables (``<gold>/<name>_sentences.csv``, ``<name>_claims.csv``)."""
    return {name: (read_table(gold / f"{name}_sentences.csv"), read_table(gold / f"{name}_claims.csv"))
            for name in names}


def claim_rows(tables: dict[str, tuple[Table, Table]]) -> list[tuple[str, dict[str, str]]]:
    """Every claims row of :func:`pair_tables`, with its pair's name."""
    return [(name, row) for name, (_, (_, rows)) in tables.items() for row in rows]


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


# Sentence sets kept as pointers into a public checkout (the fundus, parser-fixture and trafilatura-evaluation
# sets): the checks their test modules share; the line-pointer ones are the parser-fixture and trafeval sets'.

_SHA1 = re.compile(r"[0-9a-f]{40}")
#: A made-up news page for the builders of the line-pointer sets (three paragraphs holding figures).
POINTER_SET_PAGE = """<html><head><title>Rates</title></head><body><article><h1>Rates</h1>
<p>The central bank raised its main rate by a quarter point to 4.5 percent on Wednesday, its third increase of
the year, and said more rises could follow if prices keep climbing.</p>
<p>About 300 economists had expected the move, and markets barely moved after the announcement was made public in
the afternoon.</p>
<p>Officials said the decision was unanimous among the nine members of the committee that sets the rate.</p>
</article></body></html>"""


def check_line_pointers(header: list[str], rows: list[dict[str, str]], columns: list[str], page_column: str,
                        page_pattern: str, lines: int, per_page: int = 3) -> None:
    """A line-pointer file is numbered 1..``lines`` with well-formed rows (a page matching ``page_pattern``, a
    line index, a 40-400 character span, sha1s), draws no sentence twice, gives a page one sha1 and at most
    ``per_page`` sentences."""
    assert header == columns
    assert [int(r["n"]) for r in rows] == list(range(1, lines + 1))
    for row in rows:
        assert re.fullmatch(page_pattern, row[page_column]) and int(row["para"]) >= 0, row
        assert 0 <= int(row["start"]) < int(row["end"]) and 40 <= int(row["end"]) - int(row["start"]) <= 400
        assert _SHA1.fullmatch(row["sha1"]) and _SHA1.fullmatch(row["html_sha1"])
    assert len({r["sha1"] for r in rows}) == len(rows)  # no sentence drawn twice
    per: dict[str, int] = {}
    page_sha: dict[str, str] = {}
    for row in rows:
        per[row[page_column]] = per.get(row[page_column], 0) + 1
        assert page_sha.setdefault(row[page_column], row["html_sha1"]) == row["html_sha1"]
    assert max(per.values()) <= per_page


def check_claims_cover_lines(header: list[str], rows: list[dict[str, str]], jsonl: str,
                             sets: dict[str, range], lines: int) -> None:
    """Every line of ``jsonl`` has a claim row or a claimless row (its source alone), never both; sources name
    ``jsonl`` and a line of their draw (``sets``); claim spans of a sentence never overlap."""
    assert header == SENTENCE_CLAIM_COLUMNS
    covered = set()
    for row in rows:
        n = source_line(row)
        assert row["source"] == f"{jsonl}#{n}" and n in sets[row["set"]]
        covered.add(n)
    assert covered == set(range(1, lines + 1))  # every sentence read: a claim row or its source alone
    claimless = [source_line(r) for r in rows if not r["quantity"]]
    assert len(claimless) == len(set(claimless))
    assert not set(claimless) & {source_line(r) for r in rows if r["quantity"]}
    spans: dict[int, list[tuple[int, int]]] = {}
    for row in rows:
        if row["quantity"]:
            s, e = int(row["start"]), int(row["end"])
            assert all(e <= s2 or e2 <= s for s2, e2 in spans.get(source_line(row), [])), row
            spans.setdefault(source_line(row), []).append((s, e))


def check_quantities_in_texts(rows: list[dict[str, str]], texts: list[str]) -> None:
    """``text[start:end] == quantity`` for every claim row, ``texts`` the set's sentences in line order."""
    for row in rows:
        if row["quantity"]:
            text = texts[source_line(row) - 1]
            assert text[int(row["start"]):int(row["end"])] == row["quantity"], row


def check_line_builder(builder: ModuleType, root: Path, folder: Path, page_column: str, page: str,
                       id_prefix: str) -> None:
    """A line-pointer builder on a made-up checkout ``root``: the page ``POINTER_SET_PAGE`` saved as
    ``root/folder/page``; its records are the pointed spans of the article's lines, and it refuses a sentence or
    page whose sha1 drifted, a missing line and a missing page, naming the line."""
    import pytest

    (root / folder / page).parent.mkdir(parents=True, exist_ok=True)
    raw = POINTER_SET_PAGE.encode("utf-8")
    (root / folder / page).write_bytes(raw)
    lines = builder.article_lines(raw)
    picks = [(i, ln) for i, ln in enumerate(lines) if re.search(r"\d|nine", ln)]
    assert picks, lines
    pointers = []
    for n, (i, ln) in enumerate(picks, 1):
        end = ln.index(".") + 1 if "." in ln[:-1] and ln.index(".") > 40 else len(ln)
        pointers.append({"n": str(n), page_column: page, "html_sha1": hashlib.sha1(raw).hexdigest(),
                         "para": str(i), "start": "0", "end": str(end), "sha1": sentence_sha1(ln[:end])})
    records = builder.build(root, pointers)
    assert [r["text"] for r in records] == [lines[i][:int(p["end"])] for (i, _), p in zip(picks, pointers)]
    assert records[0]["id"] == f"{id_prefix}:{Path(page).name}:1"
    pointers[0]["sha1"] = "0" * 40
    with pytest.raises(ValueError, match="line 1: sha1 mismatch for the sentence .*trafilatura"):
        builder.build(root, pointers)
    pointers[0]["sha1"], pointers[0]["para"] = sentence_sha1(records[0]["text"]), "99"
    with pytest.raises(ValueError, match="line 1: no line 99"):
        builder.build(root, pointers)
    pointers[0]["para"], pointers[0]["html_sha1"] = str(picks[0][0]), "0" * 40
    with pytest.raises(ValueError, match="line 1: sha1 mismatch for the page"):
        builder.build(root, pointers)
    pointers[0][page_column] = "other.html"
    with pytest.raises(OSError, match="line 1: missing"):
        builder.build(root, pointers)
