"""The corpora gold set: well-formed files, a deterministic sentence builder, exact offsets."""
from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

import pytest
from benchscripts import GOLD_KINDS, check_claim_row, load_benchmark, read_table

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "gold"
POINTERS = GOLD / "sentences.csv"
CLAIMS = GOLD / "corpora_claims.csv"
CORPORA = Path(os.environ.get("NEWSCLAIMS_CORPORA", ROOT.parent / "shared" / "corpora"))

POINTER_COLUMNS = ["n", "corpus", "file", "doc", "start", "end", "sha1"]
CLAIM_COLUMNS = ["source", "quantity", "value", "unit", "bound", "kind", "start", "end", "value_max"]
CURRENCIES = {
    "USD", "GBP", "EUR", "JPY", "CNY", "CAD", "AUD", "CHF", "DEM", "FRF", "NLG", "BEF", "ITL", "ESP", "NOK",
    "SEK", "DKK", "BDT", "ZMK", "XEU", "HKD", "NZD", "INR", "KRW", "ZAR",
}
PHYSICAL = {"t", "km", "bbl", "bbl/d", "oz", "TEU", "lb", "acre", "in", "mg", "GB", "s", "year", "month", "week", "day", "h", "min"}
#: Denominators of rates ("USD/share", "USD/bbl", "GBP/year").
PER = {"share", "bbl", "t", "year", "month"}
UNITS = {"%", "pp", "bp", "count", "rank", "x", "pt"} | CURRENCIES | PHYSICAL | {f"{c}/{p}" for c in CURRENCIES for p in PER}
#: Bound words at the start of a quantity and the bound they imply.
BOUND_WORDS = [
    (r"(?:more than|over|exceed)\b", "over"),
    (r"(?:at least)\b", "at_least"),
    (r"(?:up to|as (?:much|many) as|not to exceed)\b", "at_most"),
    (r"(?:less than|under|below|just under)\b", "under"),
    (r"(?:about|around|some|nearly|almost|estimated)\b", "approx"),
]
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


builder = load_benchmark("build_sentences")


POINTER_HEADER, POINTER_ROWS = read_table(POINTERS)
CLAIM_HEADER, CLAIM_ROWS = read_table(CLAIMS)


def _line(row: dict[str, str]) -> int:
    return int(row["source"].rsplit("#", 1)[1])


# --- the files on their own -------------------------------------------------------------------------------

def test_pointer_columns_and_numbering():
    assert POINTER_HEADER == POINTER_COLUMNS
    assert [int(r["n"]) for r in POINTER_ROWS] == list(range(1, len(POINTER_ROWS) + 1))


def test_pointer_rows_are_well_formed():
    for row in POINTER_ROWS:
        assert row["corpus"] in {"reuters", "bbc"}, row
        assert 0 <= int(row["start"]) < int(row["end"]), row
        assert re.fullmatch(r"[0-9a-f]{40}", row["sha1"]), row
        if row["corpus"] == "reuters":
            assert re.fullmatch(r"reut2-\d{3}\.sgm", row["file"]) and row["doc"].isdigit(), row
        else:
            topic, name = row["file"].split("/")
            assert topic in builder.BBC_TOPICS and name == row["doc"], row


def test_pointer_set_size_and_mix():
    corpora = [r["corpus"] for r in POINTER_ROWS]
    assert len(POINTER_ROWS) >= 160
    assert corpora.count("reuters") >= 90
    topics = {r["file"].split("/")[0] for r in POINTER_ROWS if r["corpus"] == "bbc"}
    assert topics == set(builder.BBC_TOPICS)
    assert len({r["sha1"] for r in POINTER_ROWS}) == len(POINTER_ROWS), "a sentence is listed twice"


def test_claim_columns():
    assert CLAIM_HEADER == CLAIM_COLUMNS


@pytest.mark.parametrize("row", CLAIM_ROWS, ids=lambda r: f"{r['source']}:{r['quantity']}")
def test_claim_row_is_well_formed(row):
    assert check_claim_row(row, CLAIM_COLUMNS, sentences=("sentences.jsonl", len(POINTER_ROWS)), units=UNITS,
                           negative=False)


@pytest.mark.parametrize("row", CLAIM_ROWS, ids=lambda r: f"{r['source']}:{r['quantity']}")
def test_claim_row_is_coherent(row):
    """Unit and kind agree; a leading bound word agrees with the bound; the value scales the digits. (A range's
    high end: :func:`check_claim_row`.)"""
    unit, kind, quantity = row["unit"], row["kind"], row["quantity"]
    if kind == "share":
        assert unit == "%"
    if kind == "rank" or unit == "rank":
        assert kind == "rank" and unit == "rank"
    if unit == "count":
        assert kind == "count"
    if unit == "x":
        assert kind == "ratio"
    for pattern, bound in BOUND_WORDS:
        if row["bound"] != "range" and re.match(pattern, quantity, re.I):
            assert row["bound"] == bound
            break
    numbers = _NUMBER.findall(quantity)
    compound = re.search(r"\d[-/]\d|\b(?:minutes?|hours?)\b", quantity)
    if len(numbers) == 1 and not compound:
        stated = float(numbers[0].replace(",", ""))
        if stated:
            ratio = float(row["value"]) / stated
            assert any(abs(ratio - s) <= 1e-9 * s for s in (0.01, 1, 1e3, 1e6, 1e9, 1e12)), ratio


def test_set_has_claims_and_claimless_sentences():
    with_claims = {_line(r) for r in CLAIM_ROWS}
    assert len(with_claims) >= 150
    assert len(POINTER_ROWS) - len(with_claims) >= 20
    assert len({r["unit"] for r in CLAIM_ROWS}) >= 10 and {r["kind"] for r in CLAIM_ROWS} == GOLD_KINDS


def test_claim_spans_do_not_overlap():
    spans: dict[int, list[tuple[int, int]]] = {}
    for row in CLAIM_ROWS:
        spans.setdefault(_line(row), []).append((int(row["start"]), int(row["end"])))
    for line, found in spans.items():
        found.sort()
        for (_, end), (start, _) in zip(found, found[1:]):
            assert end <= start, f"overlapping spans on line {line}"


# --- the builder on a small made-up corpus -------------------------------------------------------------------

def test_normalise_reuters_unwraps_and_drops_signoff():
    raw = "&lt;Acme> said profit rose\n12 pct &amp; more.\n    Second para\nhere.\n Reuter\n\x03"
    assert builder.normalise_reuters(raw) == "<Acme> said profit rose 12 pct & more.\n\nSecond para here."


@pytest.mark.parametrize(
    "body, expected",
    [
        ("It rose 5 pct. Sales were 3.2 mln dlrs.", ["It rose 5 pct.", "Sales were 3.2 mln dlrs."]),
        ("Acme Inc. said U.S. sales rose. Mr. Smith left.", ["Acme Inc. said U.S. sales rose.", "Mr. Smith left."]),
        ("One para.\n\nTwo para with 1.5 mln.", ["One para.", "Two para with 1.5 mln."]),
        ('He said "it is 7.1%." Then 12 left.', ['He said "it is 7.1%."', "Then 12 left."]),
    ],
)
def test_split_sentences(body, expected):
    assert [body[s:e] for s, e in builder.split_sentences(body)] == expected


def test_candidate_filter():
    assert builder.is_candidate("Profits rose to 4.5 mln dlrs in the first quarter of the year.")
    assert builder.is_candidate("The company hired two hundred people across the region last year.")
    assert not builder.is_candidate("There is no figure of any kind in this particular sentence.")
    assert not builder.is_candidate("Shr 1.20 dlrs vs 1.10 dlrs Net 4.5 mln vs 4.0 mln Revs 20 mln")


def test_reuters_bodies_skips_stories_without_body(shared_datadir):
    docs = list(builder.reuters_bodies(shared_datadir / "mini_corpora" / "reuters21578" / "raw" / "reut2-000.sgm"))
    assert [d.doc for d in docs] == ["1", "3"]
    assert "\n" not in docs[1].body and not docs[0].body.endswith("Reuter")
    assert "<Acme Corp>" in docs[0].body and "&amp;" not in docs[0].body


def test_bbc_body_drops_title(shared_datadir):
    doc = builder.bbc_doc(shared_datadir / "mini_corpora", "tech/001.txt")
    assert not doc.body.startswith("A tech headline") and doc.body.count("\n\n") == 1


def test_select_then_build_round_trip(shared_datadir, tmp_path):
    root = shared_datadir / "mini_corpora"
    rows = builder.select(root, seed=7, n_reuters=2, n_bbc=5)
    assert rows == builder.select(root, seed=7, n_reuters=2, n_bbc=5), "selection is not deterministic"
    assert [r["n"] for r in rows] == [str(i) for i in range(1, len(rows) + 1)]
    assert {r["corpus"] for r in rows} == {"reuters", "bbc"} and len(rows) == 7
    records = builder.build(root, rows)
    for row, rec in zip(rows, records):
        assert hashlib.sha1(rec["text"].encode()).hexdigest() == row["sha1"]
        assert builder.is_candidate(rec["text"])
    out = tmp_path / "s.jsonl"
    builder.write_jsonl(records, out)
    assert [json.loads(line)["text"] for line in out.read_text(encoding="utf-8").splitlines()] == [
        r["text"] for r in records
    ]


def test_build_detects_drift(shared_datadir):
    root = shared_datadir / "mini_corpora"
    rows = builder.select(root, seed=7, n_reuters=1, n_bbc=0)
    rows[0]["sha1"] = "0" * 40
    with pytest.raises(ValueError, match="sha1 mismatch"):
        builder.build(root, rows)


# --- against the real corpora, when present ---------------------------------------------------------------------

needs_corpora = pytest.mark.skipif(not CORPORA.is_dir(), reason=f"research corpora not found at {CORPORA}")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> list[str]:
    out = tmp_path_factory.mktemp("bench") / "sentences.jsonl"
    assert builder.main([str(out), "--corpora", str(CORPORA), "--pointers", str(POINTERS)]) == 0
    return [json.loads(line)["text"] for line in out.read_text(encoding="utf-8").splitlines()]


@needs_corpora
@pytest.mark.slow
def test_builder_reproduces_every_sentence(built):
    assert len(built) == len(POINTER_ROWS)
    for row, text in zip(POINTER_ROWS, built):
        assert hashlib.sha1(text.encode("utf-8")).hexdigest() == row["sha1"]


@needs_corpora
def test_every_gold_span_is_exact(built):
    for row in CLAIM_ROWS:
        text = built[_line(row) - 1]
        assert text[int(row["start"]):int(row["end"])] == row["quantity"], row
