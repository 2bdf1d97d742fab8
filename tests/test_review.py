"""Review carry-over, a run step: decisions follow their claim_id into every output, orphans are listed."""
from __future__ import annotations

import csv
import json
import os
import shutil
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.errors import UsageError
from pipeline.outputs.contract import CLAIM_COLUMNS, REVIEW_COLUMNS, claim_row
from pipeline.outputs.review import ORPHANS_FILE, ReviewSummary, folder_reviews, load_review
from pipeline.outputs.writers import write_csv
from runfolder import BASE_COLUMNS, REVIEWED_COLUMNS, claim, write_run

SEED = Path(__file__).parent / "data" / "seed"


def read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def carried(by_id: int, by_anchor: int, renamed: int = 0) -> str:
    """The summary line's counts of carried decisions, as the run prints them."""
    return f"{by_id} carried by claim_id, {by_anchor} by content anchor ({renamed} followed a renamed document)"


def carry(review_csv: Path, rows: list[dict[str, object]], run_dir: Path) -> tuple[list[dict], ReviewSummary]:
    """The review step as a run does it: every claim row through ``apply``, then ``finish``."""
    review = load_review(review_csv)
    out = [review.apply(claim_row(r)) for r in rows]
    run_dir.mkdir(parents=True, exist_ok=True)
    return out, review.finish(run_dir, len(out))


@pytest.fixture
def reviewed(tmp_path: Path) -> Path:
    rows = [
        claim("c1", review="ok", review_note="checked against the source"),
        claim("c2", review="wrong", review_note="=HYPERLINK(\"http://x\")"),
        claim("c3"),  # no decision: neither carried nor orphaned
        claim("gone", review="ok", review_note="claim later removed", sentence="A sentence later removed: 4.2%."),
    ]
    path = tmp_path / "old" / "claims.csv"
    write_run(path.parent, rows, REVIEWED_COLUMNS)
    return path


def test_decisions_follow_claim_id(tmp_path: Path, reviewed: Path) -> None:
    new = claim("c9", sentence="A new sentence: 4.2%.")
    rows, summary = carry(reviewed, [claim("c2"), new, claim("c1"), claim("c3")], tmp_path / "new")
    assert [r["claim_id"] for r in rows] == ["c2", "c9", "c1", "c3"]
    assert all(list(r) == list(CLAIM_COLUMNS) for r in rows)
    by_id = {r["claim_id"]: r for r in rows}
    assert (by_id["c1"]["review"], by_id["c1"]["review_note"]) == ("ok", "checked against the source")
    assert by_id["c2"]["review"] == "wrong"
    assert by_id["c9"]["review"] == by_id["c3"]["review"] == ""
    assert (summary.claims, summary.decisions, summary.carried, summary.orphans) == (4, 3, 2, 1)


def test_a_formula_in_a_note_is_text_and_stays_neutralised_in_csv(tmp_path: Path, reviewed: Path) -> None:
    rows, _ = carry(reviewed, [claim("c2")], tmp_path / "new")
    assert rows[0]["review_note"] == "=HYPERLINK(\"http://x\")", "the note's text, without the CSV apostrophe"
    write_csv(tmp_path / "claims.csv", CLAIM_COLUMNS, rows)
    assert read(tmp_path / "claims.csv")[1][0]["review_note"] == "'=HYPERLINK(\"http://x\")"


def test_a_decision_changes_only_the_review_cells(tmp_path: Path, reviewed: Path) -> None:
    tricky = claim("c1", value=-0.5, quantity="-0.5 pp", sentence="-0.5 pp, \"quoted\",\nnew line", start=0,
                   end=7, subject="=cmd|' /C calc'!A0", metric="café 市场")
    rows, _ = carry(reviewed, [tricky], tmp_path / "new")
    assert {c: rows[0][c] for c in BASE_COLUMNS} == {c: tricky[c] for c in BASE_COLUMNS}
    assert rows[0]["review"] == "ok"


def test_orphans_are_written_with_their_columns(tmp_path: Path, reviewed: Path) -> None:
    _, summary = carry(reviewed, [claim("c1")], tmp_path / "new")
    assert summary.orphans_path == tmp_path / "new" / ORPHANS_FILE
    header, rows = read(summary.orphans_path)
    assert header == list(REVIEWED_COLUMNS)
    assert sorted(r["claim_id"] for r in rows) == ["c2", "gone"]
    gone = next(r for r in rows if r["claim_id"] == "gone")
    assert (gone["quantity"], gone["review_note"]) == ("4.2%", "claim later removed")
    c2 = next(r for r in rows if r["claim_id"] == "c2")
    assert c2["review_note"].startswith("'="), "an orphan is copied as it was, formula guard included"


def test_orphans_file_always_written(tmp_path: Path, reviewed: Path) -> None:
    _, summary = carry(reviewed, [claim("c1"), claim("c2"), claim("gone")], tmp_path / "new")
    assert summary.orphans == 0
    header, rows = read(tmp_path / "new" / ORPHANS_FILE)
    assert header[-2:] == list(REVIEW_COLUMNS) and rows == []


def test_rows_seen_twice_count_once(tmp_path: Path, reviewed: Path) -> None:
    review = load_review(reviewed)
    claims = [claim_row(claim("c1")), claim_row(claim("c2", value=5.0))]
    first = [review.apply(r) for r in claims]
    second = [review.apply(r) for r in claims]  # one pass per claims format
    assert first == second
    summary = review.finish(tmp_path, len(claims))
    assert (summary.carried, summary.orphans) == (2, 1)
    assert summary.changed == ["c2"], "a decision on a claim whose value changed is flagged"


@pytest.mark.parametrize("decided", [0, 1])
def test_a_decision_on_a_repeated_quantity_stays_on_its_occurrence(tmp_path: Path, decided: int) -> None:
    """Only one of a sentence's two '5%' was decided, and the article was edited (new ids, new offsets): the
    decision stays on the same occurrence, counted among all the sentence's claims as the new run counts them."""
    sentence = "Exports rose 5% and imports rose 5% in May."
    rows = [claim(f"c{n}", sentence=sentence, quantity="5%", start=start, end=start + 2)
            for n, start in enumerate((13, 32))]
    rows[decided].update(review="rejected", review_note="this one")
    write_run(tmp_path / "old", rows, REVIEWED_COLUMNS)
    edited = [claim(f"n{n}", sentence=sentence, quantity="5%", start=start, end=start + 2)
              for n, start in enumerate((40, 59))]
    out, summary = carry(tmp_path / "old" / "claims.csv", edited, tmp_path / "new")
    assert [r["review_note"] for r in out] == ["this one" if n == decided else "" for n in range(2)]
    assert (summary.by_anchor, summary.orphans) == (1, 0)


def test_bom_and_extra_columns_in_reviewed_file(tmp_path: Path) -> None:
    path = tmp_path / "edited.csv"
    path.write_text("\ufeffclaim_id,quantity,review,review_note,my_col\r\nc1,4.2%,ok,,x\r\n", encoding="utf-8")
    rows, summary = carry(path, [claim("c1")], tmp_path / "new")
    assert summary.carried == 1 and rows[0]["review"] == "ok"
    assert read(tmp_path / "new" / ORPHANS_FILE)[0] == ["claim_id", "quantity", "review", "review_note", "my_col"]


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".xlsx"])
def test_orphans_keep_the_reviewed_files_own_header_and_cells(tmp_path: Path, suffix: str) -> None:
    header = [" Claim ref", "claim_id", "value", " review ", "review_note", "", "notes", "notes"]
    cells = [["r1", "gone1", "1999.0", "rejected", "=not a formula", "x", "first", "second"],
             ["r2", "kept", "-5", "accepted", "", "", "", ""]]
    path = tmp_path / f"reviewed{suffix}"
    if suffix == ".csv":
        path.write_text("\r\n".join(",".join(row) for row in [header, *cells]) + "\r\n", encoding="utf-8")
    elif suffix == ".jsonl":
        header = ["Claim ref", "claim_id", "value", "review", "review_note"]  # JSON keys: unique, as they are
        path.write_text("".join(json.dumps(dict(zip(header, row[:5], strict=True))) + "\n" for row in cells),
                        encoding="utf-8")
        cells = [row[:5] for row in cells]
    else:
        import openpyxl

        cells[0][4] = "a note"  # a workbook cell starting with = is a formula
        book = openpyxl.Workbook()
        book.active.title = "claims"
        for row in [header, *cells]:
            book.active.append(row)
        book.save(path)
    _, summary = carry(path, [claim("kept")], tmp_path / "new")
    assert (summary.carried, summary.orphans) == (1, 1)
    with open(tmp_path / "new" / ORPHANS_FILE, encoding="utf-8", newline="") as handle:
        table = list(csv.reader(handle))
    assert table[0] == header, "the header as the reviewer had it: names, spaces, blanks, repeats, order"
    assert table[1] == [("'" + c if c.startswith("=") else c) for c in cells[0]], "cells as written"


def test_conflicting_duplicates_are_reported(tmp_path: Path) -> None:
    old = write_run(tmp_path / "old", [claim("c1", review="ok"), claim("c1", review="wrong")], REVIEWED_COLUMNS)
    rows, summary = carry(old / "claims.csv", [claim("c1")], tmp_path / "new")
    assert summary.conflicts == ["c1"]
    assert rows[0]["review"] == "wrong"
    assert "reviewed twice" in summary.format()


@pytest.mark.parametrize(
    "content, code",
    [("quantity,review\r\n4.2%,ok\r\n", "E061"),
     (b"claim_id,review\r\nc1,ok\x00\x00\x07\r\n", "E190"),
     ('claim_id,review,review_note\r\nc1,ok,"never closed\r\nc2,ok,\r\n', "E190")],
)
def test_bad_review_file_is_a_usage_error(tmp_path: Path, content: str | bytes, code: str) -> None:
    path = tmp_path / "bad.csv"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(UsageError, match=code):
        load_review(path)


def test_missing_review_file_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="E060"):
        load_review(tmp_path / "nowhere.csv")


def test_missing_review_file_stops_the_run_before_any_work(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "out"
    assert main(["run", str(SEED), "--out", str(out), "-q", "--no-ner", "--review", str(tmp_path / "no.csv")]) == 2
    assert "E060" in capsys.readouterr().err
    assert not out.exists()


# --- the run step, end to end ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def first_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("first") / "run"
    assert main(["run", str(SEED), "--out", str(out), "-q", "--no-ner"]) == 0
    return out


def review_file(first_run: Path, folder: Path) -> tuple[Path, str]:
    """A reviewed copy of the first run's claims.csv: one decision with the note NOTE, one orphan."""
    header, rows = read(first_run / "claims.csv")
    rows[1]["review"], rows[1]["review_note"] = "wrong", "NOTE"
    rows.append({**rows[0], "claim_id": "c" + "0" * 15, "sentence": "A sentence no run has.", "review": "ok",
                 "review_note": "an orphan"})
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "claims.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
    return folder / "claims.csv", rows[1]["claim_id"]


def test_review_run_shows_the_decision_in_all_four_outputs(
    first_run: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import pyarrow.parquet as pq

    review, cid = review_file(first_run, tmp_path / "reviewed")
    out = tmp_path / "run"
    argv = ["run", str(SEED), "--out", str(out), "-q", "--no-ner", "--review", str(review),
            "--format", "jsonl", "--format", "parquet", "--format", "xlsx"]
    assert main(argv) == 0
    printed = capsys.readouterr().out
    assert f"2 review decisions: {carried(1, 0)}" in printed and "1 orphaned" in printed

    csv_rows = {r["claim_id"]: r for r in read(out / "claims.csv")[1]}
    assert (csv_rows[cid]["review"], csv_rows[cid]["review_note"]) == ("wrong", "NOTE")
    jsonl = {r["claim_id"]: r for r in map(json.loads, (out / "claims.jsonl").read_text().splitlines())}
    assert (jsonl[cid]["review"], jsonl[cid]["review_note"]) == ("wrong", "NOTE")
    parquet = {r["claim_id"]: r for r in pq.read_table(out / "claims.parquet").to_pylist()}
    assert (parquet[cid]["review"], parquet[cid]["review_note"]) == ("wrong", "NOTE")
    assert list(pq.read_schema(out / "claims.parquet").names) == list(CLAIM_COLUMNS)
    import openpyxl

    sheet = openpyxl.load_workbook(out / "claims.xlsx", read_only=True)["claims"]
    values = list(sheet.iter_rows(values_only=True))
    xlsx = {r[0]: dict(zip(values[0], r, strict=True)) for r in values[1:]}
    assert (xlsx[cid]["review"], xlsx[cid]["review_note"]) == ("wrong", "NOTE")
    assert sum(1 for r in csv_rows.values() if r["review"]) == 1
    assert len(csv_rows) == len(jsonl) == len(parquet)

    report = (out / "report.html").read_text(encoding="utf-8")
    assert "review_note: NOTE" in report, "the decision is in the claim's hover text"
    assert '<td class="review_note">NOTE</td>' in report, "and in the claims table"

    _, orphans = read(out / ORPHANS_FILE)
    assert [(r["claim_id"], r["review_note"]) for r in orphans] == [("c" + "0" * 15, "an orphan")]
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["review"]["carried"] == 1 and manifest["review"]["orphans"] == 1


def test_review_file_inside_the_run_folder_keeps_its_decisions(first_run: Path, tmp_path: Path) -> None:
    """Reviewing outputs/latest/claims.csv and running again into outputs/latest: nothing is lost."""
    out = tmp_path / "run"
    shutil.copytree(first_run, out)
    review, cid = review_file(first_run, out)
    assert review == out / "claims.csv"
    assert main(["run", str(SEED), "--out", str(out), "-q", "--no-ner", "--review", str(review)]) == 0
    rows = {r["claim_id"]: r for r in read(out / "claims.csv")[1]}
    assert rows[cid]["review_note"] == "NOTE"


def type_decision(claims_csv: Path, row: int, review: str, note: str) -> str:
    """Write a decision into a run folder's claims.csv as a reviewer would; the claim id it sits on."""
    header, rows = read(claims_csv)
    rows[row]["review"], rows[row]["review_note"] = review, note
    write_csv(claims_csv, header, rows)
    return rows[row]["claim_id"]


@pytest.mark.parametrize("flags", [[], ["--resume"]])
def test_decisions_typed_into_the_run_folder_survive_a_run_without_review(
    first_run: Path, tmp_path: Path, flags: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "run"
    shutil.copytree(first_run, out)
    cid = type_decision(out / "claims.csv", 2, "rejected", "typed here")
    for _ in range(2):  # the second run carries what the first one carried
        assert main(["run", str(SEED), "--out", str(out), "-q", "--no-ner", *flags]) == 0
        rows = {r["claim_id"]: r for r in read(out / "claims.csv")[1]}
        assert (rows[cid]["review"], rows[cid]["review_note"]) == ("rejected", "typed here")
        assert sum(1 for r in rows.values() if r["review"] or r["review_note"]) == 1
    printed = capsys.readouterr().out
    assert "1 review decisions: 1 carried by claim_id" in printed
    assert f"run folder's own {out / 'claims.csv'}; no --review given" in printed


def test_a_review_file_that_lacks_the_folders_typed_decisions_stops_the_run(
    first_run: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "run"
    shutil.copytree(first_run, out)
    other, _ = review_file(first_run, tmp_path / "reviewed")
    type_decision(out / "claims.csv", 2, "rejected", "typed here")
    before = (out / "claims.csv").read_bytes()
    assert main(["run", str(SEED), "--out", str(out), "-q", "--no-ner", "--review", str(other)]) == 2
    assert "E174" in capsys.readouterr().err
    assert (out / "claims.csv").read_bytes() == before, "nothing written over"
    # the folder's own file as the review file is always accepted
    assert main(["run", str(SEED), "--out", str(out), "-q", "--no-ner", "--review", str(out)]) == 0


def test_decisions_typed_in_both_folder_files_are_never_dropped_silently(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Typed into claims.csv, then into claims.xlsx: the newer file alone would lose the csv's, so the run stops
    (E176) and writes nothing; with the two merged into one file and given as --review, every decision is carried."""
    import openpyxl

    out = tmp_path / "run"
    assert main(["run", str(SEED), "--out", str(out), "-q", "--no-ner", "--format", "xlsx"]) == 0
    in_csv = type_decision(out / "claims.csv", 2, "rejected", "typed in the csv")
    book = openpyxl.load_workbook(out / "claims.xlsx")
    sheet = book["claims"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=5, column=header.index("review") + 1, value="accepted")
    in_xlsx = sheet.cell(row=5, column=header.index("claim_id") + 1).value
    book.save(out / "claims.xlsx")
    # the workbook is the more recently modified file
    os.utime(out / "claims.xlsx", ns=((out / "claims.csv").stat().st_mtime_ns + 10**9,) * 2)
    before = (out / "claims.csv").read_bytes()
    assert main(["run", str(SEED), "--out", str(out), "-q", "--no-ner", "--format", "xlsx"]) == 2
    err = capsys.readouterr().err
    assert "E176" in err and "claims.csv" in err and "Traceback" not in err
    assert (out / "claims.csv").read_bytes() == before, "nothing written over"

    type_decision(out / "claims.csv", 3, "accepted", "")  # the workbook's decision copied into the csv
    assert main(["run", str(SEED), "--out", str(out), "-q", "--no-ner", "--review", str(out / "claims.csv")]) == 0
    rows = {r["claim_id"]: r for r in read(out / "claims.csv")[1]}
    assert (rows[in_csv]["review"], rows[in_xlsx]["review"]) == ("rejected", "accepted")


def test_the_orphans_warning_names_the_run_folder(
    first_run: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    review, _ = review_file(first_run, tmp_path / "reviewed")
    out = tmp_path / "run"
    with caplog.at_level("WARNING"):
        assert main(["run", str(SEED), "--out", str(out), "-q", "--no-ner", "--review", str(review)]) == 0
    warned = [r.getMessage() for r in caplog.records if "have no claim" in r.getMessage()]
    assert warned and str(out / ORPHANS_FILE) in warned[0] and ".staging" not in warned[0]
    assert (out / ORPHANS_FILE).is_file()


def test_folder_reviews_reads_only_run_folders_with_decisions(first_run: Path, tmp_path: Path) -> None:
    assert folder_reviews(first_run) == [], "no decision typed"
    plain = tmp_path / "plain"
    plain.mkdir()
    shutil.copy(first_run / "claims.csv", plain / "claims.csv")
    type_decision(plain / "claims.csv", 0, "accepted", "")
    assert folder_reviews(plain) == [], "not a run folder"
    out = tmp_path / "run"
    shutil.copytree(first_run, out)
    type_decision(out / "claims.csv", 0, "accepted", "")
    (typed,) = folder_reviews(out)
    assert typed.path == out / "claims.csv" and len(typed.decisions) == 1


# --- decisions survive an article edit and a careless spreadsheet round trip --------------------------------

SEED_PAGE = SEED / "000_776d51a9b6409b01.txt"
ADDED = " The report runs to 86 pages."


def decide_all(first_run: Path, path: Path) -> list[dict[str, str]]:
    """Every claim of the first run decided (accepted, rejected, corrected in turn), written as claims.csv."""
    header, rows = read(first_run / "claims.csv")
    for n, row in enumerate(rows):
        row["review"] = ("accepted", "rejected", "corrected")[n % 3]
        row["review_note"] = f"note {n}"
    path.parent.mkdir(parents=True, exist_ok=True)
    write_csv(path, header, rows)
    return rows


def edited_seed(folder: Path) -> Path:
    """The seed page with one sentence added at the end of its first paragraph."""
    text = SEED_PAGE.read_text(encoding="utf-8")
    marker = "new development concepts."
    assert text.count(marker) == 1
    folder.mkdir(parents=True, exist_ok=True)
    (folder / SEED_PAGE.name).write_text(text.replace(marker, marker + ADDED), encoding="utf-8")
    return folder


def rerun(inputs: Path, review: Path, out: Path) -> dict[str, dict[str, str]]:
    assert main(["run", str(inputs), "--out", str(out), "-q", "--no-ner", "--review", str(review)]) == 0
    return {r["claim_id"]: r for r in read(out / "claims.csv")[1]}


def test_no_id_looks_like_a_number(first_run: Path) -> None:
    _, rows = read(first_run / "claims.csv")
    docs = read(first_run / "documents.csv")[1]
    ids = [r["claim_id"] for r in rows] + [r["doc_id"] for r in rows] + [d["doc_id"] for d in docs]
    for value in ids:
        assert value[0].isalpha() and not value.isdigit(), value
        with pytest.raises(ValueError):
            float(value)


def test_decisions_survive_an_article_edit(first_run: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    decided = decide_all(first_run, tmp_path / "reviewed" / "claims.csv")
    rows = rerun(edited_seed(tmp_path / "edited"), tmp_path / "reviewed" / "claims.csv", tmp_path / "run")
    assert not set(rows) & {r["claim_id"] for r in decided}, "the edit moved every id"
    by_anchor = {(r["sentence"], r["quantity"], r["start"]): r for r in decided}
    kept = [r for r in rows.values() if r["review"]]
    assert len(kept) == len(decided), "every decision found its claim again"
    for row in kept:
        sentence = row["sentence"].replace(ADDED, "")
        old = [d for d in decided if d["sentence"] == sentence and d["quantity"] == row["quantity"]]
        assert old and (row["review"], row["review_note"]) in {(d["review"], d["review_note"]) for d in old}
    new = [r for r in rows.values() if not r["review"]]
    assert [r["quantity"] for r in new] == ["86"], "only the added sentence's claim is undecided"
    assert by_anchor
    printed = capsys.readouterr().out
    assert f"{len(decided)} review decisions: {carried(0, len(decided))}" in printed
    assert "0 orphaned" in printed


def test_decisions_survive_a_pandas_round_trip(first_run: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    import pandas as pd

    path = tmp_path / "reviewed.csv"
    decided = decide_all(first_run, path)
    # the type guesses of a column with a blank: period 2022 -> 2022.0, paragraph 3 -> 3.0
    pd.read_csv(path, dtype={"period": float, "paragraph": float}).to_csv(path, index=False)
    assert ",2022.0," in path.read_text(encoding="utf-8")
    rows = rerun(SEED, path, tmp_path / "run")
    assert all(rows[d["claim_id"]]["review"] == d["review"] for d in decided)
    printed = capsys.readouterr().out
    assert f"{carried(len(decided), 0)}, 0 on changed claims, 0 orphaned" in printed


def libreoffice_resave(path: Path) -> None:
    """What a spreadsheet in a decimal-comma locale writes back: ``;`` separators, ``4,2`` for 4.2, every text
    cell quoted, Windows line ends."""
    header, rows = read(path)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", quoting=csv.QUOTE_NONNUMERIC, lineterminator="\r\n")
        writer.writerow(header)
        for row in rows:
            cells: list[object] = []
            for c in header:
                text = row[c]
                try:
                    number = float(text)
                except ValueError:
                    cells.append(text)
                    continue
                cells.append(int(number) if number.is_integer() else str(number).replace(".", ","))
            writer.writerow(cells)


def test_decisions_survive_a_spreadsheet_resave_and_an_edit(first_run: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "reviewed.csv"
    decided = decide_all(first_run, path)
    libreoffice_resave(path)
    assert ";" in path.read_text(encoding="utf-8").splitlines()[1]
    rows = rerun(SEED, path, tmp_path / "same")
    assert all(rows[d["claim_id"]]["review"] == d["review"] for d in decided)
    assert f"{carried(len(decided), 0)}, 0 on changed claims" in capsys.readouterr().out
    rows = rerun(edited_seed(tmp_path / "edited"), path, tmp_path / "edited-run")
    assert sum(1 for r in rows.values() if r["review"]) == len(decided)
    assert "0 orphaned" in capsys.readouterr().out


def test_utf16_tab_export_is_read(first_run: Path, tmp_path: Path) -> None:
    """A spreadsheet's "Unicode text" export: UTF-16 with a byte-order mark, tab separated."""
    path = tmp_path / "reviewed.txt"
    decided = decide_all(first_run, tmp_path / "plain.csv")
    header, rows = read(tmp_path / "plain.csv")
    lines = ["\t".join(header)] + ["\t".join(r[c].replace("\t", " ") for c in header) for r in rows]
    path.write_bytes("\r\n".join(lines).encode("utf-16"))
    review = load_review(path)
    assert len(review.decisions) == len(decided)
    assert review.apply(claim_row(typed_first(first_run)))["review"] == "accepted"


def typed_first(first_run: Path) -> dict[str, object]:
    from pipeline.outputs.reader import typed_row

    return typed_row(read(first_run / "claims.csv")[1][0])


def test_ids_and_cells_compare_as_normalised_text() -> None:
    from pipeline.outputs.review import norm_id, same_cell

    assert norm_id(" 'C0ab ") == norm_id("c0ab")
    assert same_cell("1999.0", "1999") and same_cell("4,2", 4.2, decimal_comma=True)
    assert same_cell("a  b\u00a0c", "a b c") and not same_cell("1999", "2000")


# --- spreadsheet outputs -----------------------------------------------------------------------------------


def test_xlsx_workbook_round_trip(first_run: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import openpyxl

    out = tmp_path / "run"
    assert main(["run", str(SEED), "--out", str(out), "-q", "--no-ner", "--format", "xlsx"]) == 0
    book = openpyxl.load_workbook(out / "claims.xlsx")
    assert book.sheetnames == ["claims", "documents"]
    sheet = book["claims"]
    header = [c.value for c in sheet[1]]
    assert header == list(CLAIM_COLUMNS) and sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["G"].width > sheet.column_dimensions["B"].width, "the sentence is wide"
    csv_rows = read(out / "claims.csv")[1]
    first = {h: c.value for h, c in zip(header, sheet[2], strict=True)}
    assert isinstance(first["value"], float) and isinstance(first["start"], int)
    assert first["claim_id"] == csv_rows[0]["claim_id"] and isinstance(first["period"], str)
    assert sheet.max_row == len(csv_rows) + 1
    (choice,) = sheet.data_validations.dataValidation
    letter = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[header.index("review")]
    assert choice.formula1 == '"accepted,rejected,corrected"' and str(choice.sqref).startswith(f"{letter}2:")
    assert book["documents"]["A1"].value == "doc_id" and book["documents"].max_row == 2

    sheet.cell(row=2, column=header.index("review") + 1, value="rejected")
    sheet.cell(row=3, column=header.index("review_note") + 1, value="=not a formula")
    sheet.cell(row=3, column=header.index("review_note") + 1).data_type = "s"
    book.save(tmp_path / "reviewed.xlsx")
    rows = rerun(SEED, tmp_path / "reviewed.xlsx", tmp_path / "again")
    assert rows[csv_rows[0]["claim_id"]]["review"] == "rejected"
    assert rows[csv_rows[1]["claim_id"]]["review_note"] == "'=not a formula", "guarded again in the CSV"
    assert f"{carried(2, 0)}, 0 on changed claims, 0 orphaned" in capsys.readouterr().out


def test_excel_csv_has_a_bom_and_reads_back(tmp_path: Path) -> None:
    out = tmp_path / "run"
    assert main(["run", str(SEED), "--out", str(out), "-q", "--no-ner", "--excel-csv"]) == 0
    for name in ("claims.csv", "documents.csv", "clutter.csv"):
        assert (out / name).read_bytes().startswith(b"\xef\xbb\xbf"), name
    plain = tmp_path / "plain"
    assert main(["run", str(SEED), "--out", str(plain), "-q", "--no-ner"]) == 0
    assert (out / "claims.csv").read_bytes()[3:] == (plain / "claims.csv").read_bytes()
    assert not (plain / "claims.csv").read_bytes().startswith(b"\xef\xbb\xbf"), "plain CSV stays RFC 4180 UTF-8"
    assert load_review(out).decisions == {}


def test_a_jsonl_review_file_reescaped(first_run: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """claims.jsonl decided and saved again by another JSON writer (ASCII escapes, other key order)."""
    out = tmp_path / "run"
    assert main(["run", str(SEED), "--out", str(out), "-q", "--no-ner", "--format", "jsonl"]) == 0
    records = [json.loads(line) for line in (out / "claims.jsonl").read_text(encoding="utf-8").splitlines()]
    for n, record in enumerate(records):
        record["review"] = "Accepted" if n % 2 else "rejected"
    path = tmp_path / "reviewed.jsonl"
    path.write_text("".join(json.dumps(dict(reversed(r.items())), ensure_ascii=True) + "\n" for r in records),
                    encoding="utf-8")
    rows = rerun(SEED, path, tmp_path / "again")
    assert [rows[r["claim_id"]]["review"] for r in records] == [("accepted", "rejected")[n % 2 == 0]
                                                                  for n in range(len(records))]
    assert f"{carried(len(records), 0)}, 0 on changed claims, 0 orphaned" \
        in capsys.readouterr().out


def test_decisions_follow_records_that_moved_in_a_crawl_file(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    """A record added at the top of a crawl file renumbers the others (a.jsonl#1 becomes a.jsonl#2), and a
    crawler field added to every record changes every document id."""
    records = [{"url": f"https://x.test/{n}", "text": f"Story {n}: exports rose {n + 3}% in May, to {n} mln tonnes."}
               for n in range(1, 4)]
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    assert main(["run", str(folder), "--out", str(tmp_path / "first"), "-q", "--no-ner"]) == 0
    decided = decide_all(tmp_path / "first", tmp_path / "reviewed.csv")
    added = {"url": "https://x.test/new", "text": "A new story: imports fell 9% in May."}
    again = [{**r, "language": "en"} for r in [added, *records]]
    (folder / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in again), encoding="utf-8")
    rows = rerun(folder, tmp_path / "reviewed.csv", tmp_path / "again")
    moved = {(r["sentence"], r["quantity"]): r["review"] for r in rows.values() if r["review"]}
    assert moved == {(d["sentence"], d["quantity"]): d["review"] for d in decided}
    assert f"{carried(0, len(decided))}, 0 on changed claims, 0 orphaned" \
        in capsys.readouterr().out


# --- decisions follow a document renamed since the review ----------------------------------------------------


def first_run_as(page: Path, name: str, tmp_path: Path) -> Path:
    """A run over ``page`` saved as ``name``, every claim decided (:func:`decide_all`); the reviewed claims.csv."""
    inputs = tmp_path / "in1"
    inputs.mkdir()
    shutil.copy(page, inputs / name)
    assert main(["run", str(inputs), "--out", str(tmp_path / "first"), "-q", "--no-ner"]) == 0
    decide_all(tmp_path / "first", tmp_path / "reviewed" / "claims.csv")
    return tmp_path / "reviewed" / "claims.csv"


def harbour_review(shared_datadir: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The seed page of the datadir and the reviewed claims.csv of a run over it saved as harbour.txt."""
    page = shared_datadir / "seed" / SEED_PAGE.name
    return page, first_run_as(page, "harbour.txt", tmp_path)


def test_decisions_follow_a_document_renamed_and_edited_since_the_review(
    shared_datadir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A re-crawl names the page's file differently and the page gained a sentence: every claim has a new id and
    a new source, and each decision finds its claim inside the renamed document."""
    _, reviewed = harbour_review(shared_datadir, tmp_path)
    decided = read(reviewed)[1]
    rows = rerun(edited_seed(tmp_path / "in2"), reviewed, tmp_path / "run")
    assert not set(rows) & {d["claim_id"] for d in decided}, "the edit moved every id"
    assert {r["source"] for r in rows.values()} == {SEED_PAGE.name}
    kept = [r for r in rows.values() if r["review"]]
    assert len(kept) == len(decided)
    for row in kept:
        old = [d for d in decided if d["sentence"] == row["sentence"].replace(ADDED, "")
               and d["quantity"] == row["quantity"]]
        assert (row["review"], row["review_note"]) in {(d["review"], d["review_note"]) for d in old}
    assert [r["quantity"] for r in rows.values() if not r["review"]] == ["86"]
    n = len(decided)
    assert f"{n} review decisions: {carried(0, n, n)}, 0 on changed claims, 0 orphaned" in capsys.readouterr().out


def test_a_document_renamed_with_the_same_bytes_keeps_its_claim_ids(
    shared_datadir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page, reviewed = harbour_review(shared_datadir, tmp_path)
    (tmp_path / "in2").mkdir()
    shutil.copy(page, tmp_path / "in2" / "renamed.txt")
    rows = rerun(tmp_path / "in2", reviewed, tmp_path / "run")
    decided = read(reviewed)[1]
    assert all(rows[d["claim_id"]]["review"] == d["review"] for d in decided)
    assert f"{carried(len(decided), 0)}, 0 on changed claims, 0 orphaned" in capsys.readouterr().out


def test_a_near_copy_beside_the_reviewed_document_takes_none_of_its_decisions(
    shared_datadir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The reviewed file is still read, under its name: a new page sharing its sentences is another document."""
    page, reviewed = harbour_review(shared_datadir, tmp_path)
    inputs = edited_seed(tmp_path / "in2")
    shutil.copy(page, inputs / "harbour.txt")
    rows = rerun(inputs, reviewed, tmp_path / "run")
    assert {r["source"] for r in rows.values() if r["review"]} == {"harbour.txt"}
    decided = read(reviewed)[1]
    assert f"{carried(len(decided), 0)}, 0 on changed claims, 0 orphaned" in capsys.readouterr().out


def test_decisions_follow_the_records_of_a_renamed_crawl_file(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """Each record of a crawl file saved under a new name (a crawler field added, so every id moved) is its
    reviewed record renamed; a record the reviewed file never had stays undecided."""
    records = [{"url": f"https://x.test/{n}", "text": f"Story {n}: exports rose {n + 3}% in May, to {n} mln tonnes."}
               for n in range(1, 4)]
    (tmp_path / "in1").mkdir()
    (tmp_path / "in1" / "crawl-may.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    assert main(["run", str(tmp_path / "in1"), "--out", str(tmp_path / "first"), "-q", "--no-ner"]) == 0
    decided = decide_all(tmp_path / "first", tmp_path / "reviewed.csv")
    added = {"url": "https://x.test/4", "text": "Imports fell 9% in May."}
    again = [{**r, "language": "en"} for r in [*records, added]]
    (tmp_path / "in2").mkdir()
    (tmp_path / "in2" / "crawl-2024-05.jsonl").write_text("".join(json.dumps(r) + "\n" for r in again),
                                                          encoding="utf-8")
    rows = rerun(tmp_path / "in2", tmp_path / "reviewed.csv", tmp_path / "again")
    moved = {(r["source"], r["sentence"], r["quantity"]): r["review"] for r in rows.values() if r["review"]}
    assert moved == {(d["source"].replace("crawl-may", "crawl-2024-05"), d["sentence"], d["quantity"]): d["review"]
                     for d in decided}
    n = len(decided)
    assert f"{carried(0, n, n)}, 0 on changed claims, 0 orphaned" in capsys.readouterr().out
