"""The parser-fixture claims gold set: well-formed sentence pointers and claims covering every line, a builder that
rebuilds each sentence from a checkout's saved pages and refuses a drifted one (on a made-up checkout), and, when a
checkout of postlight/parser is present (``NEWSCLAIMS_PARSER``, else ``../data/postlight+parser`` beside the
repository) with the trafilatura the pointers were made with, every sentence's sha1 and every claim's
``text[start:end] == quantity`` against it."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from benchscripts import (SENTENCE_CLAIM_COLUMNS, check_claim_row, check_claims_cover_lines, check_line_builder,
                          check_line_pointers, check_quantities_in_texts, load_benchmark, read_table)

from pipeline.outputs.evaluate import read_gold

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "gold"
PARSER = Path(os.environ.get("NEWSCLAIMS_PARSER", ROOT.parent / "data" / "postlight+parser"))
POINTER_COLUMNS = ["n", "fixture", "html_sha1", "para", "start", "end", "sha1"]
CLAIM_COLUMNS = SENTENCE_CLAIM_COLUMNS
SETS = {"check14": range(1, 181)}

builder = load_benchmark("build_parser_sentences")

POINTER_HEADER, POINTER_ROWS = read_table(GOLD / "parser_sentences.csv")
CLAIM_HEADER, CLAIM_ROWS = read_table(GOLD / "parser_claims.csv")


def test_sentence_pointers_are_numbered_and_well_formed():
    check_line_pointers(POINTER_HEADER, POINTER_ROWS, POINTER_COLUMNS, "fixture", r"[\w.+-]+\.html", 180)


def test_claims_cover_every_sentence_of_their_set_without_overlap():
    check_claims_cover_lines(CLAIM_HEADER, CLAIM_ROWS, "parser_sentences.jsonl", SETS, len(POINTER_ROWS))


@pytest.mark.parametrize("row", CLAIM_ROWS, ids=lambda r: f"{r['source']}:{r['quantity']}")
def test_claim_row_is_well_formed(row):
    if check_claim_row(row, CLAIM_COLUMNS):
        assert row["unit"] and row["metric"] == row["metric"].strip()


def test_claims_load_as_a_gold_file():
    gold = read_gold(GOLD / "parser_claims.csv")
    assert len(gold.rows) == sum(1 for r in CLAIM_ROWS if r["quantity"])
    assert len(gold.sources) == len(POINTER_ROWS) and "set" in gold.columns


@pytest.mark.skipif(not (PARSER / builder.FIXTURES).is_dir() or builder.trafilatura_version() != builder.TRAFILATURA,
                    reason="no postlight/parser checkout (set NEWSCLAIMS_PARSER) or another trafilatura")
def test_sentences_and_quantities_match_the_checkout():
    records = builder.build(PARSER, POINTER_ROWS)  # checks every sha1
    check_quantities_in_texts(CLAIM_ROWS, [r["text"] for r in records])


def test_builder_reads_lines_of_the_text_and_refuses_drift(tmp_path):
    pytest.importorskip("trafilatura")
    check_line_builder(builder, tmp_path, builder.FIXTURES, "fixture", "example.com.html", "parser")


def test_builder_exits_1_with_a_message_on_a_missing_checkout(tmp_path, capsys):
    pytest.importorskip("trafilatura")
    status = builder.main(["--parser", str(tmp_path / "none"), "--out-dir", str(tmp_path / "out")])
    assert status == 1
    assert "build_parser_sentences: line 1: missing" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
