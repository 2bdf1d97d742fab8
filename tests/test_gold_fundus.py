"""The fundus claims gold sets (``fundus_*``, draw check13, ``fundus2_*``, draw check16, and ``fundus3_*``, draw
check17, each held out from those before it): well-formed sentence pointers and claims covering every line, no
sentence of one set overlapping another's, a builder that rebuilds each sentence from a checkout's articles and refuses a drifted one (on a made-up checkout),
and, when a checkout of flairNLP/fundus is present (``NEWSCLAIMS_FUNDUS``, else ``../data/flairNLP+fundus`` beside
the repository), every sentence's sha1 and every claim's ``text[start:end] == quantity`` against it."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from benchscripts import (SENTENCE_CLAIM_COLUMNS, check_claim_row, check_claims_cover_lines,
                          check_quantities_in_texts, claim_rows, load_benchmark, pair_tables, sentence_sha1)

from pipeline.outputs.evaluate import read_gold

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "gold"
FUNDUS = Path(os.environ.get("NEWSCLAIMS_FUNDUS", ROOT.parent / "data" / "flairNLP+fundus"))
POINTER_COLUMNS = ["n", "country", "publisher", "version", "para", "start", "end", "sha1"]
CLAIM_COLUMNS = SENTENCE_CLAIM_COLUMNS
#: Each pair of files (``<name>_sentences.csv``, ``<name>_claims.csv``) and the draws its claims name.
PAIRS = {"fundus": {"check13": range(1, 181)}, "fundus2": {"check16": range(1, 181)},
         "fundus3": {"check17": range(1, 151)}}
_SHA1 = re.compile(r"[0-9a-f]{40}")

builder = load_benchmark("build_fundus_sentences")

TABLES = pair_tables(GOLD, PAIRS)
ALL_CLAIM_ROWS = claim_rows(TABLES)
pairs = pytest.mark.parametrize("name", list(PAIRS))


@pairs
def test_sentence_pointers_are_numbered_and_well_formed(name):
    (header, rows), _ = TABLES[name]
    assert header == POINTER_COLUMNS
    assert [int(r["n"]) for r in rows] == list(range(1, len(rows) + 1))
    assert len(rows) == max(r.stop for r in PAIRS[name].values()) - 1
    for row in rows:
        assert re.fullmatch(r"[a-z]+", row["country"]) and re.fullmatch(r"\w+", row["publisher"])
        assert re.fullmatch(r"V\d+(?:_\d+)?", row["version"]) and int(row["para"]) >= 0
        assert 0 <= int(row["start"]) < int(row["end"]) and 40 <= int(row["end"]) - int(row["start"]) <= 400
        assert _SHA1.fullmatch(row["sha1"])
    assert len({r["sha1"] for r in rows}) == len(rows)  # no sentence drawn twice
    per_article: dict[tuple[str, str], int] = {}
    for row in rows:
        key = (row["publisher"], row["version"])
        per_article[key] = per_article.get(key, 0) + 1
    assert max(per_article.values()) <= 3


def test_the_sets_share_no_sentence():
    spans: dict[tuple[str, str, str, str], list[tuple[int, int]]] = {}
    for name in PAIRS:
        for row in TABLES[name][0][1]:
            key = (row["country"], row["publisher"], row["version"], row["para"])
            s, e = int(row["start"]), int(row["end"])
            assert all(e <= s2 or e2 <= s for s2, e2 in spans.get(key, [])), (name, row["n"])
            spans.setdefault(key, []).append((s, e))


@pairs
def test_claims_cover_every_sentence_of_their_set_without_overlap(name):
    (_, pointer_rows), (claim_header, claim_rows) = TABLES[name]
    check_claims_cover_lines(claim_header, claim_rows, "fundus_sentences.jsonl", PAIRS[name], len(pointer_rows))


@pytest.mark.parametrize("name,row", ALL_CLAIM_ROWS, ids=lambda v: v if isinstance(v, str) else
                         f"{v['source']}:{v['quantity']}")
def test_claim_row_is_well_formed(name, row):
    if check_claim_row(row, CLAIM_COLUMNS):
        assert row["unit"] and row["metric"] == row["metric"].strip()


@pairs
def test_claims_load_as_a_gold_file(name):
    (_, pointer_rows), (_, claim_rows) = TABLES[name]
    gold = read_gold(GOLD / f"{name}_claims.csv")
    assert len(gold.rows) == sum(1 for r in claim_rows if r["quantity"])
    assert len(gold.sources) == len(pointer_rows) and "set" in gold.columns


@pytest.mark.skipif(not (FUNDUS / builder.TEST_DATA).is_dir(), reason="no fundus checkout (set NEWSCLAIMS_FUNDUS)")
@pairs
def test_sentences_and_quantities_match_the_checkout(name):
    (_, pointer_rows), (_, claim_rows) = TABLES[name]
    records = builder.build(FUNDUS, pointer_rows)  # checks every sha1
    check_quantities_in_texts(claim_rows, [r["text"] for r in records])


def _article(summary: list[str], sections: list[list[str]]) -> dict:
    return {"title": "T", "publishing_date": "2024-05-01",
            "body": {"summary": summary, "sections": [{"headline": ["H"], "paragraphs": p} for p in sections]}}


def test_builder_reads_paragraphs_in_order_and_refuses_drift(tmp_path):
    folder = tmp_path / builder.TEST_DATA / "uk"
    folder.mkdir(parents=True)
    data = {"V1": _article(["Sales rose 4% in May."], [["Intro.", "About 300 people came. Then it rained."]]),
            "V1_1": _article([], [["It cost $5 million to build."]])}
    (folder / "Paper.json").write_text(json.dumps(data), encoding="utf-8")
    s2 = "About 300 people came."
    pointers = [
        {"n": "1", "country": "uk", "publisher": "Paper", "version": "V1", "para": "0", "start": "0", "end": "21",
         "sha1": sentence_sha1("Sales rose 4% in May.")},
        {"n": "2", "country": "uk", "publisher": "Paper", "version": "V1", "para": "2", "start": "0",
         "end": str(len(s2)), "sha1": sentence_sha1(s2)},
        {"n": "3", "country": "uk", "publisher": "Paper", "version": "V1_1", "para": "0", "start": "0", "end": "28",
         "sha1": sentence_sha1("It cost $5 million to build.")},
    ]
    records = builder.build(tmp_path, pointers)
    assert records == [{"text": "Sales rose 4% in May.", "id": "fundus:Paper:V1:1"},
                       {"text": s2, "id": "fundus:Paper:V1:2"},
                       {"text": "It cost $5 million to build.", "id": "fundus:Paper:V1_1:3"}]
    pointers[1]["sha1"] = "0" * 40
    with pytest.raises(ValueError, match="line 2: sha1 mismatch"):
        builder.build(tmp_path, pointers)
    pointers[1]["sha1"], pointers[2]["version"] = sentence_sha1(s2), "V2"
    with pytest.raises(ValueError, match="line 3: no version V2"):
        builder.build(tmp_path, pointers)
    pointers[2]["publisher"] = "Other"
    with pytest.raises(OSError, match="line 3: missing"):
        builder.build(tmp_path, pointers)


def test_builder_exits_1_with_a_message_on_a_missing_checkout(tmp_path, capsys):
    status = builder.main(["--fundus", str(tmp_path / "none"), "--out-dir", str(tmp_path / "out")])
    assert status == 1
    assert "build_fundus_sentences: line 1: missing" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
