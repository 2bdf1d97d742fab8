"""The trafilatura-evaluation claims gold set: well-formed sentence pointers and claims covering every line, a
builder that rebuilds each sentence from a checkout's saved pages and refuses a drifted one (on a made-up checkout),
and, when a checkout of adbar/trafilatura is present (``NEWSCLAIMS_TRAFILATURA``, else ``../data/adbar+trafilatura``
beside the repository) with the trafilatura the pointers were made with, every sentence's sha1 and every claim's
``text[start:end] == quantity`` against it."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from benchscripts import (SENTENCE_CLAIM_COLUMNS, check_claim_row, check_claims_cover_lines, check_line_builder,
                          check_line_pointers, check_quantities_in_texts, load_benchmark, read_table)

from pipeline.outputs.evaluate import read_gold

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "gold"
TRAFILATURA = Path(os.environ.get("NEWSCLAIMS_TRAFILATURA", ROOT.parent / "data" / "adbar+trafilatura"))
POINTER_COLUMNS = ["n", "page", "html_sha1", "para", "start", "end", "sha1"]
CLAIM_COLUMNS = SENTENCE_CLAIM_COLUMNS
SETS = {"check15": range(1, 181)}
PERIOD = re.compile(r"\d{4}(?:-Q[1-4]|-H[12]|-\d{2})?|FY\d{4}")

builder = load_benchmark("build_trafeval_sentences")

POINTER_HEADER, POINTER_ROWS = read_table(GOLD / "trafeval_sentences.csv")
CLAIM_HEADER, CLAIM_ROWS = read_table(GOLD / "trafeval_claims.csv")


def test_sentence_pointers_are_numbered_and_well_formed():
    check_line_pointers(POINTER_HEADER, POINTER_ROWS, POINTER_COLUMNS, "page", r"(?:eval|cache)/[^/]+\.html", 180)


def test_claims_cover_every_sentence_of_their_set_without_overlap():
    check_claims_cover_lines(CLAIM_HEADER, CLAIM_ROWS, "trafeval_sentences.jsonl", SETS, len(POINTER_ROWS))


@pytest.mark.parametrize("row", CLAIM_ROWS, ids=lambda r: f"{r['source']}:{r['quantity']}")
def test_claim_row_is_well_formed(row):
    if check_claim_row(row, CLAIM_COLUMNS, sentences=("trafeval_sentences.jsonl", len(POINTER_ROWS)), period=PERIOD):
        assert row["unit"] and row["metric"] == row["metric"].strip()


def test_claims_load_as_a_gold_file():
    gold = read_gold(GOLD / "trafeval_claims.csv")
    assert len(gold.rows) == sum(1 for r in CLAIM_ROWS if r["quantity"])
    assert len(gold.sources) == len(POINTER_ROWS) and "set" in gold.columns


@pytest.mark.skipif(not (TRAFILATURA / builder.TESTS).is_dir() or builder.trafilatura_version() != builder.TRAFILATURA,
                    reason="no adbar/trafilatura checkout (set NEWSCLAIMS_TRAFILATURA) or another trafilatura")
def test_sentences_and_quantities_match_the_checkout():
    records = builder.build(TRAFILATURA, POINTER_ROWS)  # checks every sha1
    check_quantities_in_texts(CLAIM_ROWS, [r["text"] for r in records])


def test_builder_reads_lines_of_the_text_and_refuses_drift(tmp_path):
    pytest.importorskip("trafilatura")
    check_line_builder(builder, tmp_path, builder.TESTS, "page", "eval/example.com.html", "trafeval")


def test_builder_exits_1_with_a_message_on_a_missing_checkout(tmp_path, capsys):
    pytest.importorskip("trafilatura")
    status = builder.main(["--trafilatura", str(tmp_path / "none"), "--out-dir", str(tmp_path / "out")])
    assert status == 1
    assert "build_trafeval_sentences: line 1: missing" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
