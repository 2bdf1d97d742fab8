"""Tests of pipeline.outputs.evaluate: matching by source, value and span; levels; scope; the report."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from pipeline.errors import UsageError
from pipeline.outputs.evaluate import (
    Row,
    Scores,
    agrees,
    change_label,
    concept_agrees,
    evaluate,
    in_scope,
    read_rows,
    score,
)
from runfolder import BASE_COLUMNS, claim, write_run

GOLD_COLUMNS = ["source", "quantity", "value", "unit", "bound", "kind", "start", "end"]


def write_gold(path: Path, rows: list[list[object]], columns: list[str] = GOLD_COLUMNS) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(columns)
        w.writerows(rows)
    return path


def test_perfect_run_scores_one(tmp_path: Path):
    gold = write_gold(tmp_path / "g.csv", [["a.txt", "4.2%", 4.2, "%", "exact", "share", 12, 16]])
    run = write_run(tmp_path / "run", [claim("c1")])
    res = evaluate(gold, run)
    assert (res.precision, res.recall, res.f1) == (1.0, 1.0, 1.0)
    assert res.kind_agree == 1


def test_levels_separate_value_unit_and_bound(tmp_path: Path):
    gold = write_gold(tmp_path / "g.csv", [
        ["a.txt", "4.2%", 4.2, "%", "exact", "share", 12, 16],
        ["a.txt", "over 9000", 9000, "count", "over", "count", 30, 39],
        ["a.txt", "5 mln dlrs", 5e6, "USD", "exact", "amount", 50, 60],
    ])
    run = write_run(tmp_path / "run", [
        claim("c1"),
        claim("c2", quantity="9000", value=9000, unit="count", bound="exact", start=35, end=39),
        claim("c3", quantity="5 mln", value=5e6, unit="count", start=50, end=55),
        claim("c4", quantity="7", value=7, unit="count", start=70, end=71),
    ])
    res = evaluate(gold, run)
    assert res.levels["value"] == Scores(tp=3, fp=1, fn=0)
    assert res.levels["value+unit"] == Scores(tp=2, fp=2, fn=1)
    assert res.levels["value+unit+bound"] == Scores(tp=1, fp=3, fn=2)
    assert [r.quantity for r in res.spurious] == ["7"]
    assert [g.quantity for g, _ in res.wrong_unit] == ["5 mln dlrs"]
    assert [g.quantity for g, _ in res.wrong_bound] == ["over 9000"]
    report = res.format()
    assert "value+unit+bound" in report and "spurious" in report and "'7'" in report


def test_offsets_must_overlap_when_gold_has_them(tmp_path: Path):
    gold = write_gold(tmp_path / "g.csv", [["a.txt", "2", 2, "count", "exact", "count", 10, 11]])
    run = write_run(tmp_path / "run", [claim("c1", quantity="2", value=2, unit="count", start=40, end=41)])
    assert evaluate(gold, run).levels["value"] == Scores(tp=0, fp=1, fn=1)


def test_gold_without_offsets_matches_on_value(tmp_path: Path):
    gold = write_gold(tmp_path / "g.csv", [["a.txt", "2", 2, "count", "exact", "count", "", ""]])
    run = write_run(tmp_path / "run", [claim("c1", quantity="2", value=2.0000000001, unit="count", start=40, end=41)])
    assert evaluate(gold, run).levels["value"].tp == 1


def test_each_run_row_matches_one_gold_row_only(tmp_path: Path):
    gold = write_gold(tmp_path / "g.csv", [["a.txt", "3", 3, "count", "exact", "", "", ""]] * 2)
    run = write_run(tmp_path / "run", [claim("c1", quantity="3", value=3, unit="count")])
    assert evaluate(gold, run).levels["value"] == Scores(tp=1, fp=0, fn=1)


def test_scope_covers_gold_documents_and_every_record_of_a_multi_record_file(tmp_path: Path):
    gold = write_gold(tmp_path / "g.csv", [["s.jsonl#1", "4.2%", 4.2, "%", "exact", "share", 12, 16]])
    run = write_run(tmp_path / "run", [
        claim("c1", source="s.jsonl#1"),
        claim("c2", source="s.jsonl#7", quantity="5", value=5, start=0, end=1),
        claim("c3", source="other.txt"),
    ])
    res = evaluate(gold, run)
    assert res.run == 2 and res.levels["value"] == Scores(tp=1, fp=1, fn=0)
    assert in_scope("s.jsonl#9", {"s.jsonl#1"}) and not in_scope("b.txt", {"a.txt"})


def test_formula_guard_and_empty_value_rows(tmp_path: Path):
    path = tmp_path / "g.csv"
    path.write_text("source,quantity,value,unit,bound\na.txt,'-5%,-5,%,exact\nb.txt,,,,\n", encoding="utf-8")
    rows, sources = read_rows(path)
    assert rows == [Row("a.txt", "-5%", -5.0, "%", "exact")] and sources == {"a.txt", "b.txt"}


def test_missing_files_and_columns_are_usage_errors(tmp_path: Path):
    with pytest.raises(UsageError, match="E020"):
        evaluate(tmp_path / "nope.csv", tmp_path)
    gold = write_gold(tmp_path / "g.csv", [])
    with pytest.raises(UsageError, match="E060"):
        evaluate(gold, tmp_path)
    bad = tmp_path / "bad.csv"
    bad.write_text("quantity\n1\n", encoding="utf-8")
    with pytest.raises(UsageError, match="E061.*source"):
        read_rows(bad)
    bad.write_text("source,value\na.txt,lots\n", encoding="utf-8")
    with pytest.raises(UsageError, match="E062"):
        read_rows(bad)


def test_empty_inputs_do_not_divide_by_zero():
    res = score([], [])
    assert (res.precision, res.recall, res.f1) == (1.0, 1.0, 1.0)
    assert Scores(0, 1, 1).f1 == 0.0


EXTRA_COLUMNS = [*GOLD_COLUMNS, "value_max", "direction", "metric", "subject", "period"]


RUN_COLUMNS = ("claim_id", "source", "quantity", "value", "unit", "bound", "kind", "value_max", "direction",
               "metric", "subject", "period", "start", "end")


def two_claims(tmp_path: Path, first: dict[str, object], second: dict[str, object]) -> Path:
    """A run folder with a 3.1% claim (offsets 10-14) and a $5 bn claim (30-35); the dicts give the other cells."""
    blank = {"value_max": "", "direction": "", "metric": "", "subject": "", "period": ""}
    return write_run(tmp_path / "run", [
        {"claim_id": "c1", "source": "a.txt", "quantity": "3.1%", "value": 3.1, "unit": "%", "bound": "exact",
         **blank, "start": 10, "end": 14, **first},
        {"claim_id": "c2", "source": "a.txt", "quantity": "$5 bn", "value": 5e9, "unit": "USD", "bound": "exact",
         **blank, "start": 30, "end": 35, **second},
    ], columns=RUN_COLUMNS)


def test_declared_records_limit_the_scope_of_a_multi_record_file(tmp_path: Path):
    gold = write_gold(tmp_path / "g.csv", [
        ["s.jsonl#1", "4.2%", 4.2, "%", "exact", "share", 12, 16],
        ["s.jsonl#2", "", "", "", "", "", "", ""],
    ])
    run = write_run(tmp_path / "run", [
        claim("c1", source="s.jsonl#1"),
        claim("c2", source="s.jsonl#2", quantity="5", value=5, start=0, end=1),
        claim("c3", source="s.jsonl#7", quantity="5", value=5, start=0, end=1),
    ])
    res = evaluate(gold, run)
    assert res.run == 2 and res.levels["value"] == Scores(tp=1, fp=1, fn=0)
    assert not in_scope("s.jsonl#7", {"s.jsonl#1", "s.jsonl#2"}, {"s.jsonl#2"})
    assert in_scope("s.jsonl#7", {"s.jsonl#1"}, set())


def test_columns_agree_on_value_matches_and_direction_is_a_level(tmp_path: Path):
    gold = write_gold(tmp_path / "g.csv", [
        ["a.txt", "3.1%", 3.1, "%", "exact", "change", 10, 14, "", "down", "share price", "Toyota", "2021"],
        ["a.txt", "$5 bn", 5e9, "USD", "exact", "level", 30, 35, "", "", "exports", "", ""],
    ], EXTRA_COLUMNS)
    run = two_claims(tmp_path, {"kind": "change", "direction": "up", "metric": "Toyota share price",
                                "subject": "Toyota Motor", "period": "2021"}, {"kind": "change", "period": "2021"})
    res = evaluate(gold, run)
    assert res.levels["value"] == Scores(tp=2, fp=0, fn=0)
    assert res.levels["value+direction"] == Scores(tp=1, fp=1, fn=1)
    cols = res.columns
    assert (cols["kind"].agree, cols["direction"].agree) == (1, 1)
    assert (cols["metric"].agree, cols["metric"].run_empty) == (1, 1)
    # the subject is scored only where the gold names one: 1 of 1 (the run's empty subject on the row whose
    # gold has none is not counted either way)
    assert (cols["subject"].agree, cols["subject"].pairs, cols["subject"].gold_empty) == (1, 1, 1)
    assert cols["period"].agree == 1 and cols["period"].gold_empty == 1
    assert cols["concept"].agree == 1 and cols["concept"].run_empty == 1
    report = res.format()
    assert "value+direction" in report and "wrong direction" in report and "subject" in report
    assert "concept" in report and "value+change" in report
    assert "subject: scored only where the gold row names one" in report


def test_a_subject_the_gold_leaves_empty_is_not_scored(tmp_path: Path):
    gold = write_gold(tmp_path / "g.csv", [
        ["a.txt", "3.1%", 3.1, "%", "exact", "change", 10, 14, "", "down", "sales", "", ""],
        ["a.txt", "$5 bn", 5e9, "USD", "exact", "level", 30, 35, "", "", "exports", "Chile", ""],
    ], EXTRA_COLUMNS)
    run = two_claims(tmp_path, {"kind": "change", "direction": "down", "metric": "sales", "subject": "Peru"},
                     {"kind": "level", "metric": "exports", "subject": "Chile"})
    cols = evaluate(gold, run).columns
    assert (cols["subject"].agree, cols["subject"].pairs) == (1, 1)
    assert cols["concept"].agree == 2  # the concept still joins both sides' words on every match


@pytest.mark.parametrize(("direction", "bound", "label"), [
    ("down", "approx", "down"), ("", "approx", "approx"), ("", "over", "more"), ("", "at_least", "more"),
    ("", "under", "less"), ("", "at_most", "less"), ("", "exact", "exact"), ("", "range", "exact"),
])
def test_change_label_is_the_direction_else_the_bound(direction: str, bound: str, label: str):
    assert change_label(Row("a", "q", 1.0, "%", bound, direction=direction)) == label


@pytest.mark.parametrize(("gold", "run", "ok"), [
    (("share price", "Toyota"), ("", "Toyota Motor"), True),      # the subject names what the gold metric is of
    (("exports", ""), ("shipments", "China"), False),
    (("", ""), ("", ""), True),
    (("age", ""), ("", ""), False),
    (("price", "Apple Watches"), ("price", ""), True),
    (("the", ""), ("The", ""), True),                            # filler only: equal cells agree
    (("share", ""), ("of", ""), False),
])
def test_concept_joins_metric_and_subject(gold: tuple[str, str], run: tuple[str, str], ok: bool):
    g = Row("a", "q", 1.0, "%", "exact", metric=gold[0], subject=gold[1])
    r = Row("a", "q", 1.0, "%", "exact", metric=run[0], subject=run[1])
    assert concept_agrees(g, r) is ok


def test_a_range_matches_only_at_both_ends_when_both_sides_carry_value_max(tmp_path: Path):
    gold = write_gold(tmp_path / "g.csv", [
        ["a.txt", "3-4 mln", 3e6, "count", "range", "count", 0, 7, 4e6, "", "", "", ""],
        ["a.txt", "80% to 90%", 80, "%", "range", "share", 20, 30, 90, "", "", "", ""],
    ], EXTRA_COLUMNS)
    run = write_run(tmp_path / "run", [
        {"claim_id": "c1", "source": "a.txt", "quantity": "3-4 mln", "value": 3e6, "unit": "count",
         "bound": "range", "value_max": 4e6, "start": 0, "end": 7},
        {"claim_id": "c2", "source": "a.txt", "quantity": "80%", "value": 80, "unit": "%", "bound": "exact",
         "value_max": "", "start": 20, "end": 23},
    ], columns=RUN_COLUMNS)
    assert evaluate(gold, run).levels["value"] == Scores(tp=1, fp=1, fn=1)
    old_columns = tuple(c for c in BASE_COLUMNS if c != "value_max")  # a run folder of before value_max
    old_run = write_run(tmp_path / "old", [claim("c2", quantity="80%", value=80, start=20, end=23)], old_columns)
    assert evaluate(gold, old_run).levels["value"].tp == 1  # a run without value_max matches on the low end


@pytest.mark.parametrize(("column", "gold", "run", "ok"), [
    ("metric", "battery range", "the battery range", True),
    ("metric", "operating profit", "profits", True),
    ("metric", "share of americans", "share of voters", False),
    ("subject", "", "", True),
    ("subject", "Apple", "", False),
    ("subject", "the", "the", True),
    ("period", "2021-Q1", "2021", False),
])
def test_agrees(column: str, gold: str, run: str, ok: bool):
    assert agrees(column, gold, run) is ok
