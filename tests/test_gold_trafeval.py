"""The trafilatura-evaluation claims gold sets (``trafeval_*``, draw check15, and ``trafeval2_*``, draw check18, held
out from the first): well-formed sentence pointers and claims covering every line, no sentence of one set overlapping
the other's, the seeded draw's sentence splitter and candidate filter, a builder that rebuilds each sentence from a checkout's saved pages and refuses a drifted one (on a made-up checkout),
and, when a checkout of adbar/trafilatura is present (``NEWSCLAIMS_TRAFILATURA``, else ``../data/adbar+trafilatura``
beside the repository) with the trafilatura the pointers were made with, every sentence's sha1 and every claim's
``text[start:end] == quantity`` against it."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from benchscripts import (SENTENCE_CLAIM_COLUMNS, check_claim_row, check_claims_cover_lines, check_line_builder,
                          check_line_pointers, check_quantities_in_texts, claim_rows, load_benchmark, pair_tables,
                          read_table)

from pipeline.outputs.evaluate import read_gold

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "gold"
TRAFILATURA = Path(os.environ.get("NEWSCLAIMS_TRAFILATURA", ROOT.parent / "data" / "adbar+trafilatura"))
POINTER_COLUMNS = ["n", "page", "html_sha1", "para", "start", "end", "sha1"]
CLAIM_COLUMNS = SENTENCE_CLAIM_COLUMNS
#: Each pair of files (``<name>_sentences.csv``, ``<name>_claims.csv``), the draws its claims name and the most
#: sentences it takes from one page.
PAIRS = {"trafeval": {"check15": range(1, 181)}, "trafeval2": {"check18": range(1, 115)}}
PER_PAGE = {"trafeval": 3, "trafeval2": 2}
PERIOD = re.compile(r"\d{4}(?:-Q[1-4]|-H[12]|-\d{2})?|FY\d{4}")

builder = load_benchmark("build_trafeval_sentences")

TABLES = pair_tables(GOLD, PAIRS)
ALL_CLAIM_ROWS = claim_rows(TABLES)
pairs = pytest.mark.parametrize("name", list(PAIRS))


@pairs
def test_sentence_pointers_are_numbered_and_well_formed(name):
    (header, rows), _ = TABLES[name]
    check_line_pointers(header, rows, POINTER_COLUMNS, "page", r"(?:eval|cache)/[^/]+\.html",
                        max(r.stop for r in PAIRS[name].values()) - 1, per_page=PER_PAGE[name])


def test_the_sets_share_no_sentence():
    spans: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for name in PAIRS:
        for row in TABLES[name][0][1]:
            key = (row["page"], row["para"])
            s, e = int(row["start"]), int(row["end"])
            assert all(e <= s2 or e2 <= s for s2, e2 in spans.get(key, [])), (name, row["n"])
            spans.setdefault(key, []).append((s, e))


def test_the_second_draw_leaves_out_the_sentences_already_read():
    _, seen = read_table(GOLD / "trafeval_seen.csv")
    (_, rows), _ = TABLES["trafeval2"]
    assert seen and not {r["sha1"] for r in seen} & {r["sha1"] for r in rows}


@pairs
def test_claims_cover_every_sentence_of_their_set_without_overlap(name):
    (_, pointer_rows), (claim_header, claim_rows) = TABLES[name]
    check_claims_cover_lines(claim_header, claim_rows, "trafeval_sentences.jsonl", PAIRS[name], len(pointer_rows))


@pytest.mark.parametrize("name,row", ALL_CLAIM_ROWS, ids=lambda v: v if isinstance(v, str) else
                         f"{v['source']}:{v['quantity']}")
def test_claim_row_is_well_formed(name, row):
    lines = len(TABLES[name][0][1])
    if check_claim_row(row, CLAIM_COLUMNS, sentences=("trafeval_sentences.jsonl", lines), period=PERIOD):
        assert row["unit"] and row["metric"] == row["metric"].strip()


@pairs
def test_claims_load_as_a_gold_file(name):
    (_, pointer_rows), (_, claim_rows) = TABLES[name]
    gold = read_gold(GOLD / f"{name}_claims.csv")
    assert len(gold.rows) == sum(1 for r in claim_rows if r["quantity"])
    assert len(gold.sources) == len(pointer_rows) and "set" in gold.columns


@pytest.mark.skipif(not (TRAFILATURA / builder.TESTS).is_dir() or builder.trafilatura_version() != builder.TRAFILATURA,
                    reason="no adbar/trafilatura checkout (set NEWSCLAIMS_TRAFILATURA) or another trafilatura")
@pairs
def test_sentences_and_quantities_match_the_checkout(name):
    (_, pointer_rows), (_, claim_rows) = TABLES[name]
    records = builder.build(TRAFILATURA, pointer_rows)  # checks every sha1
    check_quantities_in_texts(claim_rows, [r["text"] for r in records])


@pytest.mark.parametrize("line,expected", [
    ("- Sales rose 4% to $5 million. The plant opened at 9 a.m. Monday with 40 staff.\u00a0",
     ["Sales rose 4% to $5 million.", "The plant opened at 9 a.m. Monday with 40 staff."]),
    ("\u2022 Mr. Smith scored 12 points. Then he left.", ["Mr. Smith scored 12 points.", "Then he left."]),
])
def test_draw_splits_a_line_into_sentences(line, expected):
    assert [line[s:e] for s, e in builder.line_sentences(line)] == expected


def test_draw_candidates_are_article_sentences_with_a_number():
    assert builder.is_candidate("Still trying to figure out what to do with thousands of crates tho")
    assert builder.is_candidate("About a third of the budget went to schools, the council said on Monday.")
    assert not builder.is_candidate("There is no figure of any kind in this particular sentence at all.")
    lines = ["The town hired 40 new teachers this year, the mayor said on Monday.",
             "Photo: The new school building opened in 2019 with 300 pupils in it.",
             "Great news for the 40 teachers hired by the town this year, a reader wrote.",
             "\u2014 Jane Doe (@janedoe) March 3, 2020",
             "Write to the 12 editors of the paper at letters@example.com for a reply soon.",
             "The town hired 40 new teachers this year, the mayor said on Monday.",
             "It will cost about $2 million over the next three years, officials said."]
    picks = builder.page_candidates(lines, set(), [])
    assert [lines[p][s:e] for p, s, e in picks] == [lines[0], lines[6]]
    assert builder.page_candidates(lines, {builder.sha1(lines[0])}, [(6, 0, 10)]) == []
    assert builder.page_candidates(lines, set(), [], end=6) == [(0, 0, len(lines[0]))]


def test_draw_is_seeded_and_takes_pages_used_least_first(tmp_path, monkeypatch):
    pages = {"eval/a.html": ["Sales rose 4% in May, the firm said on Tuesday.", "It hired 30 staff and 2 cooks last year.",
                             "Rents climbed 12% to $900 a month in the city."],
             "eval/b.html": ["About 300 people came to the fair on its first day.", "Tickets cost $5 each at the gate."]}
    for page in pages:
        (tmp_path / builder.TESTS / page).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / builder.TESTS / page).write_bytes(page.encode("utf-8"))
    monkeypatch.setattr(builder, "article_lines", lambda raw: pages[raw.decode("utf-8")])
    text = pages["eval/a.html"][0]
    earlier = [{"n": "1", "page": "eval/a.html", "para": "0", "start": "0", "end": str(len(text)),
                "sha1": builder.sha1(text)}, {"n": "2", "page": "eval/a.html", "para": "2", "start": "0", "end": "5",
                                               "sha1": "0" * 40},
               {"n": "3", "page": "eval/b.html", "para": "1", "start": "0", "end": "5", "sha1": "0" * 40}]
    rows = builder.select(tmp_path, earlier, set(), seed=7, total=2, per_page=2)
    assert rows == builder.select(tmp_path, earlier, set(), seed=7, total=2, per_page=2)
    assert [r["n"] for r in rows] == ["1", "2"] and {r["page"] for r in rows} == {"eval/a.html", "eval/b.html"}
    rows = builder.select(tmp_path, earlier, set(), seed=7, total=9, per_page=1)
    assert [r["page"] for r in rows] == ["eval/a.html", "eval/b.html"]  # one a page, pages in the earlier order
    assert [(r["para"], r["sha1"]) for r in rows if r["page"] == "eval/b.html"] == [
        ("0", builder.sha1(pages["eval/b.html"][0]))]  # b was used least: its keyword candidate goes first


def test_builder_reads_lines_of_the_text_and_refuses_drift(tmp_path):
    pytest.importorskip("trafilatura")
    check_line_builder(builder, tmp_path, builder.TESTS, "page", "eval/example.com.html", "trafeval")


def test_builder_exits_1_with_a_message_on_a_missing_checkout(tmp_path, capsys):
    pytest.importorskip("trafilatura")
    status = builder.main(["--trafilatura", str(tmp_path / "none"), "--out-dir", str(tmp_path / "out")])
    assert status == 1
    assert "build_trafeval_sentences: line 1: missing" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
