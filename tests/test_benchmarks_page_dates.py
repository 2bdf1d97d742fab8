"""The release-date check of a page set (page_dates.py): the date part of a run's ``published`` against a dates
CSV."""
from __future__ import annotations

from benchscripts import load_benchmark

page_dates = load_benchmark("page_dates")


def test_compares_the_date_part_of_each_page(tmp_path, capsys):
    (tmp_path / "dates.csv").write_text("name,date\na1,2020-06-02\nb1,2020-06-03\nc1,2020-06-04\nd1,2020-06-05\n")
    (tmp_path / "run").mkdir()
    (tmp_path / "run" / "documents.csv").write_text(
        "doc_id,source,published\n1,/x/pages/a1.html,2020-06-02T09:15:00+08:00\n2,/x/pages/b1.html,2020-06-01\n"
        "3,/x/pages/c1.html,\n", encoding="utf-8")
    assert page_dates.main([str(tmp_path / "dates.csv"), str(tmp_path / "run")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:3] == ["4 pages", "right 1  wrong 1  empty 1  no row 1", "accuracy 0.250"]
    assert out[3:] == ["wrong  b1: published 2020-06-01, gold 2020-06-03", "empty  c1: gold 2020-06-04", "no row d1"]


def test_exits_1_with_a_message_on_a_missing_run(tmp_path, capsys):
    (tmp_path / "dates.csv").write_text("name,date\na1,2020-06-02\n")
    assert page_dates.main([str(tmp_path / "dates.csv"), str(tmp_path / "none")]) == 1
    assert capsys.readouterr().err.startswith("page_dates: ")
