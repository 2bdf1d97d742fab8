"""Review carry-over: decisions follow their claim_id, orphans are listed, claims.csv stays lossless."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from pipeline.errors import UsageError
from pipeline.outputs.review import ORPHANS_FILE, REVIEW_COLUMNS, carry_over
from runfolder import BASE_COLUMNS, REVIEWED_COLUMNS, claim, write_run


def read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


@pytest.fixture
def reviewed(tmp_path: Path) -> Path:
    rows = [
        claim("c1", review="ok", review_note="checked against the source"),
        claim("c2", review="wrong", review_note="=HYPERLINK(\"http://x\")"),
        claim("c3"),  # no decision: neither carried nor orphaned
        claim("gone", review="ok", review_note="claim later removed"),
    ]
    path = tmp_path / "old" / "claims.csv"
    write_run(path.parent, rows, REVIEWED_COLUMNS)
    return path


def test_decisions_follow_claim_id(tmp_path: Path, reviewed: Path) -> None:
    new = write_run(tmp_path / "new", [claim("c2"), claim("c9"), claim("c1"), claim("c3")])
    summary = carry_over(reviewed, new)
    header, rows = read(new / "claims.csv")
    assert header == list(REVIEWED_COLUMNS)
    by_id = {r["claim_id"]: r for r in rows}
    assert [r["claim_id"] for r in rows] == ["c2", "c9", "c1", "c3"]
    assert (by_id["c1"]["review"], by_id["c1"]["review_note"]) == ("ok", "checked against the source")
    assert by_id["c2"]["review"] == "wrong"
    assert not by_id["c2"]["review_note"].startswith("="), "formula in a note must stay neutralised"
    assert by_id["c9"]["review"] == by_id["c3"]["review"] == ""
    assert (summary.claims, summary.decisions, summary.carried, summary.orphans) == (4, 3, 2, 1)


def test_orphans_are_written_with_their_columns(tmp_path: Path, reviewed: Path) -> None:
    new = write_run(tmp_path / "new", [claim("c1")])
    summary = carry_over(reviewed, new)
    assert summary.orphans_path == new / ORPHANS_FILE
    header, rows = read(new / ORPHANS_FILE)
    assert header == list(REVIEWED_COLUMNS)
    assert sorted(r["claim_id"] for r in rows) == ["c2", "gone"]
    gone = next(r for r in rows if r["claim_id"] == "gone")
    assert (gone["quantity"], gone["review_note"]) == ("4.2%", "claim later removed")


def test_orphans_file_always_written(tmp_path: Path, reviewed: Path) -> None:
    new = write_run(tmp_path / "new", [claim("c1"), claim("c2"), claim("gone")])
    assert carry_over(reviewed, new).orphans == 0
    header, rows = read(new / ORPHANS_FILE)
    assert header[-2:] == list(REVIEW_COLUMNS) and rows == []


def test_rewrite_is_lossless_for_numbers_and_text(tmp_path: Path, reviewed: Path) -> None:
    tricky = claim("c1", value=-0.5, quantity="-0.5 pp", sentence="-0.5 pp, \"quoted\",\nnew line", start=0,
                   end=7, subject="=cmd|' /C calc'!A0", metric="café 市场")
    new = write_run(tmp_path / "new", [tricky])
    _, before = read(new / "claims.csv")
    carry_over(reviewed, new)
    _, after = read(new / "claims.csv")
    assert after[0]["value"] == "-0.5" and after[0]["start"] == "0" and after[0]["metric"] == "café 市场"
    assert after[0]["subject"].startswith("'=")
    assert {c: after[0][c] for c in BASE_COLUMNS} == before[0], "every original cell is unchanged"


def test_carry_over_twice_is_stable(tmp_path: Path, reviewed: Path) -> None:
    new = write_run(tmp_path / "new", [claim("c1"), claim("c2", value=5.0)])
    carry_over(reviewed, new)
    once = (new / "claims.csv").read_bytes()
    summary = carry_over(reviewed, new)
    assert (new / "claims.csv").read_bytes() == once
    assert summary.changed == ["c2"], "a decision on a claim whose value changed is flagged"


def test_bom_and_extra_columns_in_reviewed_file(tmp_path: Path) -> None:
    path = tmp_path / "edited.csv"
    path.write_text("\ufeffclaim_id,quantity,review,review_note,my_col\r\nc1,4.2%,ok,,x\r\n", encoding="utf-8")
    new = write_run(tmp_path / "new", [claim("c1")])
    assert carry_over(path, new).carried == 1
    assert read(new / "claims.csv")[1][0]["review"] == "ok"


def test_conflicting_duplicates_are_reported(tmp_path: Path) -> None:
    old = write_run(tmp_path / "old", [claim("c1", review="ok"), claim("c1", review="wrong")],
                    REVIEWED_COLUMNS)
    new = write_run(tmp_path / "new", [claim("c1")])
    summary = carry_over(old / "claims.csv", new)
    assert summary.conflicts == ["c1"]
    assert read(new / "claims.csv")[1][0]["review"] == "wrong"
    assert "reviewed twice" in summary.format()


@pytest.mark.parametrize(
    "content, code",
    [("quantity,review\r\n4.2%,ok\r\n", "E061"), (b"claim_id\r\n\xff\xfe\r\n", "E062")],
)
def test_bad_review_file_is_a_usage_error(tmp_path: Path, content: str | bytes, code: str) -> None:
    path = tmp_path / "bad.csv"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    new = write_run(tmp_path / "new", [claim("c1")])
    with pytest.raises(UsageError, match=code):
        carry_over(path, new)


def test_missing_run_folder_is_a_usage_error(tmp_path: Path, reviewed: Path) -> None:
    with pytest.raises(UsageError, match="E060"):
        carry_over(reviewed, tmp_path / "nowhere")
