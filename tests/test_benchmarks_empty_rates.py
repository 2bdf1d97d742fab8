"""The empty-column shares of a run (empty_rates.py): metric and period empty, periods only inferred from the
release date, and, where a gold row covers a claim, claims left empty that the gold fills."""
from __future__ import annotations

from benchscripts import load_benchmark

empty_rates = load_benchmark("empty_rates")

CLAIMS = (
    "source,start,end,metric,period,period_source\n"
    "a.jsonl#1,0,4,profit,2021,sentence\n"
    "a.jsonl#1,10,14,,2023-06,release\n"
    "a.jsonl#2,0,3,sales,,\n"
    "a.jsonl#3,5,9,,,\n"
)
GOLD = (
    "source,quantity,start,end,metric,period\n"
    "a.jsonl#1,x,10,14,revenue,2022\n"
    "a.jsonl#2,x,0,3,sales,\n"
    "a.jsonl#3,x,5,9,,2020\n"
    "a.jsonl#4,,,,,\n"  # a sentence declared to hold no claim
)


def test_counts_empty_cells_and_release_periods(tmp_path):
    (tmp_path / "claims.csv").write_text(CLAIMS, encoding="utf-8")
    r = empty_rates.rates(empty_rates.run_rows(tmp_path))
    assert (r.claims, r.empty, r.release, r.wrong) == (4, {"metric": 2, "period": 2}, 1, None)


def test_an_empty_cell_is_wrong_only_where_the_gold_fills_it(tmp_path):
    (tmp_path / "claims.csv").write_text(CLAIMS, encoding="utf-8")
    (tmp_path / "gold.csv").write_text(GOLD, encoding="utf-8")
    gold = empty_rates.read_gold_cells([tmp_path / "gold.csv"])
    assert len(gold) == 3
    r = empty_rates.rates(empty_rates.run_rows(tmp_path / "claims.csv"), gold)
    assert (r.gold, r.wrong) == (3, {"metric": 1, "period": 1})


def test_prints_one_line_per_run(tmp_path, capsys):
    (tmp_path / "claims.csv").write_text(CLAIMS, encoding="utf-8")
    assert empty_rates.main([str(tmp_path), "--gold-free"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"{tmp_path}: 4 claims, metric empty 50.0%, period empty 50.0%, period from release 25.0%"]
