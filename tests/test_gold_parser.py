"""The parser-fixture claims gold set: well-formed sentence pointers and claims covering every line, a builder that
rebuilds each sentence from a checkout's saved pages and refuses a drifted one (on a made-up checkout), and, when a
checkout of postlight/parser is present (``NEWSCLAIMS_PARSER``, else ``../data/postlight+parser`` beside the
repository) with the trafilatura the pointers were made with, every sentence's sha1 and every claim's
``text[start:end] == quantity`` against it."""
from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import pytest
from benchscripts import (SENTENCE_CLAIM_COLUMNS, check_claim_row, load_benchmark, read_table, sentence_sha1,
                          source_line)

from pipeline.outputs.evaluate import read_gold

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "gold"
PARSER = Path(os.environ.get("NEWSCLAIMS_PARSER", ROOT.parent / "data" / "postlight+parser"))
POINTER_COLUMNS = ["n", "fixture", "html_sha1", "para", "start", "end", "sha1"]
CLAIM_COLUMNS = SENTENCE_CLAIM_COLUMNS
SETS = {"check14": range(1, 181)}
_SHA1 = re.compile(r"[0-9a-f]{40}")

builder = load_benchmark("build_parser_sentences")

POINTER_HEADER, POINTER_ROWS = read_table(GOLD / "parser_sentences.csv")
CLAIM_HEADER, CLAIM_ROWS = read_table(GOLD / "parser_claims.csv")


def test_sentence_pointers_are_numbered_and_well_formed():
    assert POINTER_HEADER == POINTER_COLUMNS
    assert [int(r["n"]) for r in POINTER_ROWS] == list(range(1, 181))
    for row in POINTER_ROWS:
        assert re.fullmatch(r"[\w.+-]+\.html", row["fixture"]) and int(row["para"]) >= 0
        assert 0 <= int(row["start"]) < int(row["end"]) and 40 <= int(row["end"]) - int(row["start"]) <= 400
        assert _SHA1.fullmatch(row["sha1"]) and _SHA1.fullmatch(row["html_sha1"])
    assert len({r["sha1"] for r in POINTER_ROWS}) == len(POINTER_ROWS)  # no sentence drawn twice
    per_page: dict[str, int] = {}
    page_sha: dict[str, str] = {}
    for row in POINTER_ROWS:
        per_page[row["fixture"]] = per_page.get(row["fixture"], 0) + 1
        assert page_sha.setdefault(row["fixture"], row["html_sha1"]) == row["html_sha1"]
    assert max(per_page.values()) <= 3


def test_claims_cover_every_sentence_of_their_set():
    assert CLAIM_HEADER == CLAIM_COLUMNS
    lines = set()
    for row in CLAIM_ROWS:
        n = source_line(row)
        assert row["source"] == f"parser_sentences.jsonl#{n}" and n in SETS[row["set"]]
        lines.add(n)
    assert lines == set(range(1, len(POINTER_ROWS) + 1))  # every sentence read: a claim row or its source alone
    claimless = [source_line(r) for r in CLAIM_ROWS if not r["quantity"]]
    assert len(claimless) == len(set(claimless))
    assert not set(claimless) & {source_line(r) for r in CLAIM_ROWS if r["quantity"]}


def test_claim_spans_of_a_sentence_do_not_overlap():
    spans: dict[int, list[tuple[int, int]]] = {}
    for row in CLAIM_ROWS:
        if row["quantity"]:
            s, e = int(row["start"]), int(row["end"])
            assert all(e <= s2 or e2 <= s for s2, e2 in spans.get(source_line(row), [])), row
            spans.setdefault(source_line(row), []).append((s, e))


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
    texts = [r["text"] for r in records]
    for row in CLAIM_ROWS:
        if row["quantity"]:
            text = texts[source_line(row) - 1]
            assert text[int(row["start"]):int(row["end"])] == row["quantity"], row


_PAGE = """<html><head><title>Rates</title></head><body><article><h1>Rates</h1>
<p>The central bank raised its main rate by a quarter point to 4.5 percent on Wednesday, its third increase of
the year, and said more rises could follow if prices keep climbing.</p>
<p>About 300 economists had expected the move, and markets barely moved after the announcement was made public in
the afternoon.</p>
<p>Officials said the decision was unanimous among the nine members of the committee that sets the rate.</p>
</article></body></html>"""


def test_builder_reads_lines_of_the_text_and_refuses_drift(tmp_path):
    pytest.importorskip("trafilatura")
    folder = tmp_path / builder.FIXTURES
    folder.mkdir()
    raw = _PAGE.encode("utf-8")
    (folder / "example.com.html").write_bytes(raw)
    lines = builder.article_lines(raw)
    picks = [(i, ln) for i, ln in enumerate(lines) if re.search(r"\d|nine", ln)]
    assert picks, lines
    pointers = []
    for n, (i, ln) in enumerate(picks, 1):
        end = ln.index(".") + 1 if "." in ln[:-1] and ln.index(".") > 40 else len(ln)
        pointers.append({"n": str(n), "fixture": "example.com.html", "html_sha1": hashlib.sha1(raw).hexdigest(),
                         "para": str(i), "start": "0", "end": str(end), "sha1": sentence_sha1(ln[:end])})
    records = builder.build(tmp_path, pointers)
    assert [r["text"] for r in records] == [lines[i][:int(p["end"])] for (i, _), p in zip(picks, pointers)]
    assert records[0]["id"] == "parser:example.com.html:1"
    pointers[0]["sha1"] = "0" * 40
    with pytest.raises(ValueError, match="line 1: sha1 mismatch for the sentence .*trafilatura"):
        builder.build(tmp_path, pointers)
    pointers[0]["sha1"], pointers[0]["para"] = sentence_sha1(records[0]["text"]), "99"
    with pytest.raises(ValueError, match="line 1: no line 99"):
        builder.build(tmp_path, pointers)
    pointers[0]["para"], pointers[0]["html_sha1"] = str(picks[0][0]), "0" * 40
    with pytest.raises(ValueError, match="line 1: sha1 mismatch for the page"):
        builder.build(tmp_path, pointers)
    pointers[0]["fixture"] = "other.html"
    with pytest.raises(OSError, match="line 1: missing"):
        builder.build(tmp_path, pointers)


def test_builder_exits_1_with_a_message_on_a_missing_checkout(tmp_path, capsys):
    pytest.importorskip("trafilatura")
    status = builder.main(["--parser", str(tmp_path / "none"), "--out-dir", str(tmp_path / "out")])
    assert status == 1
    assert "build_parser_sentences: line 1: missing" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
