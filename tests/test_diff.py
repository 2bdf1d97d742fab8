"""Run diffs: added, removed and changed claims, paired by claim_id, content anchor and renamed document, and a
diff(1)-like exit status."""
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


def test_format_limit_is_per_sort(tmp_path: Path) -> None:
    """Many added claims do not hide the changed ones."""
    a = write_run(tmp_path / "a", [claim("c0", value=1.0)])
    b = write_run(tmp_path / "b", [*(claim(f"c{i}", quantity=f"{i} mln") for i in range(1, 30)), claim("c0")])
    lines = diff_runs(a, b).format(limit=3).splitlines()
    assert [line[:2] for line in lines[3:]] == ["+ ", "+ ", "+ ", "..", "~ "]
    assert lines[6] == "... 26 more"


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
    a = write_run(root / "a", [claim(c, sentence=f"Output of {c} rose 4.2%.") for c in sorted(first)])
    b = write_run(root / "b", [claim(c, sentence=f"Output of {c} rose 4.2%.", value=9.0 if c in bumped else 4.2)
                               for c in sorted(second)])
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


# ------------------------------------------------------------------ claims whose id moved: content, renamed documents

SEED = Path(__file__).parent / "data" / "seed"
GOLDEN = Path(__file__).parent / "data" / "golden" / "seed"
#: Said after the seed page's first body sentence (a claim of its own, 300 laboratories).
ADDED = " The city also opened 300 new laboratories that year."
AFTER = "higher than the national average of 2.55%."


def _seed_page() -> Path:
    pages = sorted(SEED.glob("*.txt"))
    assert len(pages) == 1
    return pages[0]


@pytest.fixture(scope="module")
def seed_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The seed page's run (``a``: its golden outputs, which tests/test_golden.py keeps equal to a run) and runs
    (real CLI) of the page with a sentence added to its first paragraph (``edited``) and of that page under
    another name (``renamed``)."""
    from pipeline.cli import main

    root = tmp_path_factory.mktemp("seed_diff")
    page = _seed_page()
    text = page.read_text(encoding="utf-8")
    assert text.count(AFTER) == 1
    edited = text.replace(AFTER, AFTER + ADDED)
    runs = {"a": GOLDEN}
    for name, file in (("edited", page.name), ("renamed", "renamed-story.txt")):
        (root / "in" / name).mkdir(parents=True)
        (root / "in" / name / file).write_text(edited, encoding="utf-8")
        assert main(["run", str(root / "in" / name), "--out", str(root / name), "-q", "--workers", "1"]) == 0
        runs[name] = root / name
    return runs


def test_seed_with_a_sentence_added_pairs_by_content(seed_runs: dict[str, Path]) -> None:
    result = diff_runs(seed_runs["a"], seed_runs["edited"])
    kept = result.claims_a
    assert kept > 40 and result.claims_b == kept + 1
    assert result.paired == {"id": 0, "content": kept, "renamed": 0}
    assert not result.removed and not result.changed
    assert [r["quantity"] for r in result.added] == ["300"]
    assert result.exit_status == EXIT_DIFFERENT
    assert f"1 added, 0 removed, 0 changed; {kept} in both: 0 by claim_id, {kept} by content" in result.format()


def test_seed_renamed_and_edited_pairs_within_the_renamed_document(seed_runs: dict[str, Path]) -> None:
    result = diff_runs(seed_runs["a"], seed_runs["renamed"])
    kept = result.claims_a
    assert result.paired == {"id": 0, "content": 0, "renamed": kept}
    assert [r["quantity"] for r in result.added] == ["300"] and not result.removed and not result.changed
    [renamed] = result.renamed
    assert (renamed.source_a, renamed.source_b, renamed.claims) == (_seed_page().name, "renamed-story.txt", kept)
    assert renamed.sentences == renamed.shared_sentences + 1
    assert f"R {_seed_page().name} -> renamed-story.txt: {kept} claims followed" in result.format()


def test_seed_against_itself_through_the_cli(seed_runs: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    from pipeline.cli import main

    assert main(["diff", str(seed_runs["a"]), str(seed_runs["a"])]) == EXIT_SAME
    out = capsys.readouterr().out
    assert "0 added, 0 removed, 0 changed;" in out and " 0 by content, 0 in 0 renamed documents" in out
    # the same bytes under another name keep their claim ids
    assert main(["diff", str(seed_runs["edited"]), str(seed_runs["renamed"])]) == EXIT_SAME
    result = diff_runs(seed_runs["edited"], seed_runs["renamed"])
    assert f"{result.claims_b} in both: {result.claims_b} by claim_id" in capsys.readouterr().out


def _row(cid: str, sentence: str, quantity: str, start: int, **over: object) -> dict[str, object]:
    return claim(cid, sentence=sentence, quantity=quantity, start=start, end=start + len(quantity), **over)


S1 = "Exports rose 4.2% in 2022."
S2 = "Imports fell 3.1% and tariffs rose 3.1% in the same year."
S3 = "The port handled 52 million tonnes, 6% more than a year before."
S4 = "A new sentence with 17 ships."


def test_a_changed_value_pairs_by_content_and_lists_the_columns(tmp_path: Path) -> None:
    """An edit moved every id; one claim is read differently (a rules change on the new page)."""
    a = write_run(tmp_path / "a", [_row("ca1", S1, "4.2%", 10), _row("ca2", S2, "3.1%", 60, metric="imports")])
    b = write_run(tmp_path / "b", [_row("cb1", S1, "4.2%", 90, value=4.3),
                                   _row("cb2", S2, "3.1%", 140, metric="imports")])
    result = diff_runs(a, b)
    assert result.paired == {"id": 0, "content": 2, "renamed": 0} and not result.added and not result.removed
    [change] = result.changed
    assert (change.claim_id, change.before["claim_id"], change.fields, change.paired) == ("cb1", "ca1", ("value",),
                                                                                       "content")
    assert "~ ca1 -> cb1 a.txt: value: '4.2' -> '4.3'" in result.format().splitlines()


def test_occurrences_of_one_quantity_in_a_sentence_keep_their_partners(tmp_path: Path) -> None:
    a = write_run(tmp_path / "a", [_row("ca1", S2, "3.1%", 10, metric="imports"),
                                   _row("ca2", S2, "3.1%", 40, metric="tariffs")])
    b = write_run(tmp_path / "b", [_row("cb2", S2, "3.1%", 140, metric="tariffs rate"),
                                   _row("cb1", S2, "3.1%", 110, metric="imports")])
    result = diff_runs(a, b)
    assert [(c.before["claim_id"], c.claim_id, c.fields) for c in result.changed] == [("ca2", "cb2", ("metric",))]


def test_two_readings_of_one_figure_pair_by_what_they_say(tmp_path: Path) -> None:
    """A count and a share of the same figure (one anchor) in B's other order: each finds its own partner."""
    a = write_run(tmp_path / "a", [_row("ca1", S3, "6%", 40, kind="share"), _row("ca2", S3, "6%", 40, kind="change")])
    b = write_run(tmp_path / "b", [_row("cb2", S3, "6%", 50, kind="change"), _row("cb1", S3, "6%", 50, kind="share")])
    result = diff_runs(a, b)
    assert result.same and result.paired["content"] == 2


def test_a_moved_record_pairs_by_the_loose_anchor(tmp_path: Path) -> None:
    a = write_run(tmp_path / "a", [_row("ca1", S1, "4.2%", 10, source="crawl.jsonl#7")])
    b = write_run(tmp_path / "b", [_row("cb1", S1, "4.2%", 10, source="crawl.jsonl#8"),
                                   _row("cb0", S4, "17", 20, source="crawl.jsonl#7")])
    result = diff_runs(a, b)
    assert result.paired["content"] == 1 and [r["claim_id"] for r in result.added] == ["cb0"]
    assert not result.changed and not result.renamed


def _doc(cids: str, source: str, sentences: list[str]) -> list[dict[str, object]]:
    return [_row(f"{cids}{n}", s, s.split()[2], 10 + 100 * n, source=source) for n, s in enumerate(sentences)]


def test_a_renamed_document_pairs_within_it_and_says_so(tmp_path: Path) -> None:
    a = write_run(tmp_path / "a", _doc("ca", "2024/story.txt", [S1, S2, S3]))
    b = write_run(tmp_path / "b", [*_doc("cb", "dump/0001.txt", [S4, S1, S2, S3])])
    result = diff_runs(a, b)
    assert result.paired == {"id": 0, "content": 0, "renamed": 3}
    assert [r["claim_id"] for r in result.added] == ["cb0"] and not result.removed
    assert result.renamed[0].shared_sentences == 3 and result.renamed[0].sentences == 4
    b2 = write_run(tmp_path / "b2", _doc("cb", "dump/0001.txt", [S1, S2, S3]))
    same = diff_runs(a, b2)
    assert same.same and same.exit_status == EXIT_SAME and "3 in 1 renamed documents" in same.format()


def test_documents_that_share_little_are_not_one_renamed_document(tmp_path: Path) -> None:
    """One sentence of four in common (a stock line) is another story, not the same one renamed."""
    a = write_run(tmp_path / "a", _doc("ca", "one.txt", [S1, S2, S3]))
    b = write_run(tmp_path / "b", _doc("cb", "two.txt", [S3, S4, "Profit was 9 million.", "Debt was 8 million."]))
    result = diff_runs(a, b)
    assert not result.renamed and sum(result.paired.values()) == 0
    assert len(result.added) == 4 and len(result.removed) == 3


def test_a_source_the_other_run_still_has_is_not_renamed(tmp_path: Path) -> None:
    """B's documents.csv still lists one.txt (no claims there now): its old claims are removed, not followed into
    another document that happens to repeat them."""
    from pipeline.outputs.contract import DOCUMENT_COLUMNS
    from pipeline.outputs.writers import write_csv

    a = write_run(tmp_path / "a", _doc("ca", "one.txt", [S1, S2]))
    b = write_run(tmp_path / "b", _doc("cb", "copy.txt", [S1, S2]))
    assert diff_runs(a, b).paired["renamed"] == 2
    write_csv(b / "documents.csv", DOCUMENT_COLUMNS, [{"doc_id": "d1", "source": "one.txt", "status": "ok"},
                                                      {"doc_id": "d2", "source": "copy.txt", "status": "ok"}])
    result = diff_runs(a, b)
    assert result.paired["renamed"] == 0 and len(result.removed) == 2 and len(result.added) == 2


def test_renamed_documents_pair_one_to_one_the_closest_first(tmp_path: Path) -> None:
    a = write_run(tmp_path / "a", [*_doc("cx", "x.txt", [S1, S2, S3]), *_doc("cy", "y.txt", [S1, S2, S4])])
    b = write_run(tmp_path / "b", [*_doc("cp", "p.txt", [S1, S2, S4]), *_doc("cq", "q.txt", [S1, S2, S3])])
    result = diff_runs(a, b)
    assert [(r.source_a, r.source_b) for r in result.renamed] == [("x.txt", "q.txt"), ("y.txt", "p.txt")]
    assert result.same


def test_the_report_does_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    a = write_run(tmp_path / "a", [*_doc("cx", "x.txt", [S1, S2, S3]), *_doc("cy", "y.txt", [S2, S3, S4])])
    b = write_run(tmp_path / "b", [*_doc("cp", "p.txt", [S2, S3, S4]), *_doc("cq", "q.txt", [S1, S2, S3, S4]),
                                   _row("cz", S1, "4.2%", 10, source="x.txt", value=5)])
    outs = []
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-m", "pipeline", "diff", str(a), str(b)], env=env,
                              capture_output=True, text=True, check=False)
        assert done.returncode == EXIT_DIFFERENT, done.stderr
        outs.append(done.stdout)
    assert outs[0] == outs[1] == outs[2]
