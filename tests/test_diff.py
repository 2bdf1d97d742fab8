"""Run diffs: added, removed and changed claims by claim_id, and a diff(1)-like exit status."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.outputs.diff import EXIT_DIFFERENT, EXIT_SAME, diff_runs
from pipeline.errors import UsageError
from runfolder import REVIEWED_COLUMNS, claim, write_run


def test_identical_runs(tmp_path: Path) -> None:
    rows = [claim("c1"), claim("c2", value=-3.0, unit="pp")]
    a, b = write_run(tmp_path / "a", rows), write_run(tmp_path / "b", rows)
    result = diff_runs(a, b)
    assert result.same and result.exit_status == EXIT_SAME
    assert "0 added, 0 removed, 0 changed" in result.format()


def test_added_removed_changed(tmp_path: Path) -> None:
    a = write_run(tmp_path / "a", [claim("keep"), claim("old"), claim("moved", value=4.2, metric="exports")])
    b = write_run(tmp_path / "b", [claim("new", quantity="7 mln"), claim("keep"),
                                   claim("moved", value=4.5, metric="imports")])
    result = diff_runs(a, b)
    assert [r["claim_id"] for r in result.added] == ["new"]
    assert [r["claim_id"] for r in result.removed] == ["old"]
    assert [(c.claim_id, c.fields) for c in result.changed] == [("moved", ("value", "metric"))]
    assert result.changed[0].before["value"] == "4.2" and result.changed[0].after["value"] == "4.5"
    assert result.exit_status == EXIT_DIFFERENT
    lines = result.format().splitlines()
    assert "1 added, 1 removed, 1 changed" in lines[2]
    assert any(line.startswith("+ new") for line in lines)
    assert any(line.startswith("- old") for line in lines)
    assert any(line.startswith("~ moved") and "'4.2' -> '4.5'" in line for line in lines)


def test_review_columns_are_ignored(tmp_path: Path) -> None:
    a = write_run(tmp_path / "a", [claim("c1")])
    b = write_run(tmp_path / "b", [claim("c1", review="wrong", review_note="n")], REVIEWED_COLUMNS)
    result = diff_runs(a, b)
    assert result.same and result.only_b == ()


def test_numbers_compare_as_numbers_and_new_columns_are_noted(tmp_path: Path) -> None:
    a = tmp_path / "a.csv"
    a.write_text("claim_id,value,start\r\nc1,4.20,007\r\n", encoding="utf-8")
    b = tmp_path / "b.csv"
    b.write_text("claim_id,value,start,extra\r\nc1,4.2,7,x\r\n", encoding="utf-8")
    result = diff_runs(a, b)
    assert result.same and result.only_b == ("extra",)
    assert "columns only in B" in result.format()


def test_hostile_cells_stay_on_one_line(tmp_path: Path) -> None:
    a = write_run(tmp_path / "a", [claim("c1", metric="a\nb")])
    b = write_run(tmp_path / "b", [claim("c1", metric="a\x1b[2Jb\rc")])
    text = diff_runs(a, b).format()
    assert len(text.splitlines()) == 4 and "\x1b" not in text


def test_format_limit(tmp_path: Path) -> None:
    a = write_run(tmp_path / "a", [])
    b = write_run(tmp_path / "b", [claim(f"c{i}") for i in range(30)])
    text = diff_runs(a, b).format(limit=5)
    assert text.count("\n+ ") == 5 and text.endswith("... 25 more")


def test_missing_run_is_a_usage_error(tmp_path: Path) -> None:
    a = write_run(tmp_path / "a", [claim("c1")])
    with pytest.raises(UsageError, match="E060"):
        diff_runs(a, tmp_path / "missing")


ids = st.sets(st.sampled_from([f"c{i}" for i in range(12)]), max_size=12)


@settings(max_examples=40, deadline=None)
@given(first=ids, second=ids, bumped=ids)
def test_diff_partitions_claim_ids(tmp_path_factory: pytest.TempPathFactory, first: set[str], second: set[str],
                                   bumped: set[str]) -> None:
    root = tmp_path_factory.mktemp("runs")
    a = write_run(root / "a", [claim(c) for c in sorted(first)])
    b = write_run(root / "b", [claim(c, value=9.0 if c in bumped else 4.2) for c in sorted(second)])
    result = diff_runs(a, b)
    assert {r["claim_id"] for r in result.added} == second - first
    assert {r["claim_id"] for r in result.removed} == first - second
    assert {c.claim_id for c in result.changed} == first & second & bumped
    assert result.exit_status == (EXIT_SAME if first == second and not (first & bumped) else EXIT_DIFFERENT)


def test_a_spreadsheet_round_trip_is_no_change(tmp_path: Path) -> None:
    """pandas guesses period 2022 as 2022.0 and writes it back so; a ``;`` export with upper-case ids."""
    import pandas as pd

    rows = [claim("c1a"), claim("c2b", period="1999", value=-3.0, unit="pp")]
    a = write_run(tmp_path / "a", rows)
    b = tmp_path / "b.csv"
    frame = pd.read_csv(a / "claims.csv", dtype={"period": float})
    frame["claim_id"] = frame["claim_id"].str.upper()
    frame.to_csv(b, index=False, sep=";")
    assert "1999.0" in b.read_text(encoding="utf-8")
    result = diff_runs(a, b)
    assert result.same, result.format()
