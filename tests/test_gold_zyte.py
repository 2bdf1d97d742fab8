"""The modern-news gold set and its holdout draw: well-formed files, a deterministic sentence builder, a page-wise
split, exact offsets."""
from __future__ import annotations

import hashlib
import json
import os
import re
from collections import defaultdict
from pathlib import Path

import pytest
from benchscripts import GOLD_KINDS, check_claim_row, load_benchmark, read_table

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "gold"
POINTERS = GOLD / "zyte_sentences.csv"
CLAIMS = GOLD / "zyte_claims.csv"
HOLDOUT_POINTERS = GOLD / "zyte_holdout_sentences.csv"
HOLDOUT_CLAIMS = GOLD / "zyte_holdout_claims.csv"
SITE_SPLIT = GOLD / "zyte_split.csv"
BENCH = Path(os.environ.get(
    "NEWSCLAIMS_ZYTE", ROOT.parent / "shared" / "benchmarks" / "scrapinghub-article-extraction-benchmark"
))

POINTER_COLUMNS = ["n", "page", "start", "end", "sha1", "split"]
#: Today's evaluation reads the first eight columns; the rest follow them.
CLAIM_COLUMNS = ["source", "quantity", "value", "unit", "bound", "kind", "start", "end",
                 "value_max", "direction", "metric", "subject", "period"]
#: The unit codes benchmarks/gold/README.md lists for the modern-news set and its holdout draw.
TIME_UNITS = {"year", "month", "week", "day", "h", "min", "s", "ms"}
CURRENCIES = {"USD", "GBP", "EUR", "HKD", "INR", "JPY", "CNY", "CAD", "AUD", "CHF", "NGN"}
PHYSICAL = {
    "in", "mm", "m", "km", "mi", "yd", "ly", "µm", "GW", "W", "kWh", "hp", "PS", "lbf*ft", "N*m", "GB", "MP", "fps",
    "Hz", "TFLOPS", "kbps", "km/h", "mph", "mpg", "km/l", "l", "gal", "cup", "tsp", "oz", "g", "t", "ton", "kcal",
    "kcal/tbsp", "°F", "°C",
}
RATES = {"USD/W", "USD/bbl", "USD/t", "USD/share", "USD/month", "USD/year", "JPY/USD"}
UNITS = {"%", "pp", "pt", "count", "rank", "x"} | TIME_UNITS | CURRENCIES | PHYSICAL | RATES
BOUND_WORDS = [
    (r"(?:more than|over|just over|well over)\b", "over"),
    (r"(?:at least)\b", "at_least"),
    (r"(?:up to|as (?:much|many) as|within|a maximum)\b", "at_most"),
    (r"(?:less than|under|below|just short of)\b", "under"),
    (r"(?:about|around|some|nearly|almost|roughly|close to|an estimated)\b", "approx"),
    (r"(?:between)\b", "range"),
]
PERIOD = re.compile(r"(?:FY)?\d{4}(?:-(?:Q[1-4]|H[12]|\d{2}))?")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
#: Scale words a single stated number may be multiplied by (cents, thousand, lakh, million, crore, billion...).
SCALES = (0.01, 1, 1e3, 1e5, 1e6, 1e7, 1e9, 1e12)


builder = load_benchmark("build_zyte_sentences")


POINTER_HEADER, POINTER_ROWS = read_table(POINTERS)
CLAIM_HEADER, CLAIM_ROWS = read_table(CLAIMS)
SPLIT_OF = {int(r["n"]): r["split"] for r in POINTER_ROWS}
HOLDOUT_HEADER, HOLDOUT_ROWS = read_table(HOLDOUT_POINTERS)
HOLDOUT_CLAIM_HEADER, HOLDOUT_CLAIM_ROWS = read_table(HOLDOUT_CLAIMS)


def _line(row: dict[str, str]) -> int:
    return int(row["source"].rsplit("#", 1)[1])


# --- the files on their own -------------------------------------------------------------------------------

def test_pointer_columns_and_numbering():
    assert POINTER_HEADER == POINTER_COLUMNS
    assert [int(r["n"]) for r in POINTER_ROWS] == list(range(1, len(POINTER_ROWS) + 1))


def test_pointer_rows_are_well_formed():
    for row in POINTER_ROWS:
        assert re.fullmatch(r"[0-9a-f]{64}", row["page"]), row
        assert 0 <= int(row["start"]) < int(row["end"]), row
        assert 30 <= int(row["end"]) - int(row["start"]) <= 400, row
        assert re.fullmatch(r"[0-9a-f]{40}", row["sha1"]), row
        assert row["split"] in builder.SPLITS, row


def test_pointer_set_size_and_spread():
    assert len(POINTER_ROWS) >= 330
    assert len({r["sha1"] for r in POINTER_ROWS}) == len(POINTER_ROWS), "a sentence is listed twice"
    per_page: dict[str, int] = defaultdict(int)
    for row in POINTER_ROWS:
        per_page[row["page"]] += 1
    assert len(per_page) >= 120 and max(per_page.values()) <= 6


def test_split_is_by_page_about_two_thirds_dev():
    splits: dict[str, set[str]] = defaultdict(set)
    for row in POINTER_ROWS:
        splits[row["page"]].add(row["split"])
    assert all(len(s) == 1 for s in splits.values()), "a page is in both splits"
    pages = [s.pop() for s in splits.values()]
    assert 0.55 <= pages.count("dev") / len(pages) <= 0.75
    lines = list(SPLIT_OF.values())
    assert 0.55 <= lines.count("dev") / len(lines) <= 0.75


def test_claim_columns():
    assert CLAIM_HEADER == CLAIM_COLUMNS


def _well_formed(row: dict[str, str], source: str, n_lines: int) -> None:
    """The rows of every gold set (:func:`check_claim_row`), all claims, with this set's units and periods, a metric
    each and no negative value."""
    assert check_claim_row(row, CLAIM_COLUMNS, sentences=(source, n_lines), units=UNITS, negative=False, metric=True,
                           period=PERIOD)


def _coherent(row: dict[str, str]) -> None:
    """Unit and kind agree; a high end only on ranges and approximations; direction only on changes and levels;
    the value scales. (A range's high end and a change's direction: :func:`check_claim_row`.)"""
    unit, kind, quantity, bound = row["unit"], row["kind"], row["quantity"], row["bound"]
    if kind == "share":
        assert unit == "%"
    if kind == "rank" or unit == "rank":
        assert kind == "rank" and unit == "rank"
    if unit == "count":
        assert kind in {"count", "level"}, "a count is a count, or a level reached by a movement"
    if unit == "x" or kind == "ratio":
        assert kind == "ratio" and unit == "x"
    if kind in {"duration", "age"}:
        assert unit in TIME_UNITS
    if row["direction"] and kind != "change":
        assert kind == "level", "direction only on a change or a level reached by a movement"
    if row["value_max"]:
        assert bound in {"range", "approx"} and float(row["value_max"]) > float(row["value"])
    for pattern, expected in BOUND_WORDS:
        if re.match(pattern, quantity, re.I):
            assert bound == expected
            break
    numbers = _NUMBER.findall(quantity)
    compound = re.search(r"\d[-/ ]\d|\d\.\d{3}\b", quantity)
    if len(numbers) == 1 and not compound and not row["value_max"]:
        stated = float(numbers[0].replace(",", ""))
        if stated:
            ratio = float(row["value"]) / stated
            assert any(abs(ratio - s) <= 1e-9 * s for s in SCALES), ratio


def _spans_do_not_overlap(rows: list[dict[str, str]]) -> None:
    spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for row in rows:
        spans[_line(row)].append((int(row["start"]), int(row["end"])))
    for line, found in spans.items():
        found.sort()
        for (_, end), (start, _) in zip(found, found[1:]):
            assert end <= start, f"overlapping spans on line {line}"


@pytest.mark.parametrize("row", CLAIM_ROWS, ids=lambda r: f"{r['source']}:{r['quantity']}")
def test_claim_row_is_well_formed(row):
    _well_formed(row, builder.SOURCE_NAME, len(POINTER_ROWS))


@pytest.mark.parametrize("row", CLAIM_ROWS, ids=lambda r: f"{r['source']}:{r['quantity']}")
def test_claim_row_is_coherent(row):
    _coherent(row)


def test_set_has_claims_and_claimless_sentences_in_both_splits():
    with_claims = {_line(r) for r in CLAIM_ROWS}
    assert len(CLAIM_ROWS) >= 400 and len(with_claims) >= 250
    assert len(POINTER_ROWS) - len(with_claims) >= 60
    for split in builder.SPLITS:
        lines = {n for n, s in SPLIT_OF.items() if s == split}
        assert len(lines & with_claims) >= 60 and len(lines - with_claims) >= 20
    assert {r["kind"] for r in CLAIM_ROWS} == GOLD_KINDS
    assert len({r["unit"] for r in CLAIM_ROWS}) >= 25


def test_claim_spans_do_not_overlap():
    _spans_do_not_overlap(CLAIM_ROWS)


# --- the holdout draw -----------------------------------------------------------------------------------------

HOLDOUT = builder.DRAWS["holdout"]


def test_holdout_pointer_columns_and_numbering():
    assert HOLDOUT_HEADER == POINTER_COLUMNS
    assert [int(r["n"]) for r in HOLDOUT_ROWS] == list(range(1, len(HOLDOUT_ROWS) + 1))
    assert builder.read_pointers(HOLDOUT_POINTERS, HOLDOUT.splits) == HOLDOUT_ROWS


def test_holdout_pointers_are_new_sentences_of_test_pages():
    site_split = builder.read_site_split(SITE_SPLIT)
    assert 150 <= len(HOLDOUT_ROWS) <= 170
    for row in HOLDOUT_ROWS:
        assert row["split"] == "holdout", row
        assert site_split[row["page"]] == "test", row
        assert re.fullmatch(r"[0-9a-f]{40}", row["sha1"]), row
        assert 30 <= int(row["end"]) - int(row["start"]) <= 400, row
    assert len({r["sha1"] for r in HOLDOUT_ROWS}) == len(HOLDOUT_ROWS), "a sentence is listed twice"
    assert not {r["sha1"] for r in HOLDOUT_ROWS} & {r["sha1"] for r in POINTER_ROWS}, "a sentence of the first draw"
    first = defaultdict(list)
    for row in POINTER_ROWS:
        first[row["page"]].append((int(row["start"]), int(row["end"])))
    for row in HOLDOUT_ROWS:
        start, end = int(row["start"]), int(row["end"])
        assert all(end <= s or e <= start for s, e in first[row["page"]]), f"line {row['n']} overlaps the first draw"


def test_holdout_claim_columns_and_coverage():
    assert HOLDOUT_CLAIM_HEADER == CLAIM_COLUMNS
    with_claims = {_line(r) for r in HOLDOUT_CLAIM_ROWS}
    assert len(HOLDOUT_CLAIM_ROWS) >= 150 and len(with_claims) >= 100
    assert len(HOLDOUT_ROWS) - len(with_claims) >= 25, "claimless sentences measure precision"
    assert [_line(r) for r in HOLDOUT_CLAIM_ROWS] == sorted(_line(r) for r in HOLDOUT_CLAIM_ROWS)
    _spans_do_not_overlap(HOLDOUT_CLAIM_ROWS)


@pytest.mark.parametrize("row", HOLDOUT_CLAIM_ROWS, ids=lambda r: f"{r['source']}:{r['quantity']}")
def test_holdout_claim_row_is_well_formed_and_coherent(row):
    _well_formed(row, HOLDOUT.source, len(HOLDOUT_ROWS))
    _coherent(row)


# --- the builder on a small made-up benchmark ----------------------------------------------------------------

ARTICLES = {
    "a" * 64: "Acme sold 4,500 cars in the quarter, up 12% from a year earlier.\nThe chief, 61, said so. "
              "It is the third-largest maker of the region.\n\nThe iPhone 11 launched in 2019 and on Nov. 19 again.",
    "b" * 64: "Prices rose to $5 billion as two hundred people joined the firm during the week.\n\n"
              "The event began at 10 a.m. on March 3 and it was the first in 2020 of its kind.",
    "c" * 64: "Der Umsatz stieg um 12 Prozent auf 4,5 Milliarden Euro im dritten Quartal des Jahres 2019.",
    "d" * 64: "The league has 30 teams and the season lasts for about six months of the year.\n"
              "Windows 10 was released in 2015 as the last version of the system.",
}


@pytest.fixture
def bench(tmp_path: Path) -> Path:
    gt = {page: {"articleBody": body, "url": f"https://example.com/{page[:4]}"} for page, body in ARTICLES.items()}
    (tmp_path / "ground-truth.json").write_text(json.dumps(gt), encoding="utf-8")
    return tmp_path


def test_normalise_body_makes_paragraphs():
    assert builder.normalise_body("One  two.\nThree.\n\n\n Four \n") == "One two.\n\nThree.\n\nFour"


def test_english_share_tells_languages_apart():
    assert builder.english_share(ARTICLES["a" * 64]) > 0.05
    assert builder.english_share(ARTICLES["c" * 64]) == 0.0


def test_candidate_filter():
    assert builder.is_candidate("Acme sold 4,500 cars in the quarter, up 12% from a year earlier.")
    assert not builder.is_candidate("Der Umsatz stieg um 12 Prozent auf 4,5 Milliarden Euro im Jahr.")
    assert not builder.is_candidate("There is no figure of any kind in this particular sentence.")
    assert not builder.is_candidate("Rockledge 14 11 6 15 44 Palm Bay 20 18 17 15 70")


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The iPhone 11 launched in 2019 and on Nov. 19 again.", True),
        ("The event began at 10 a.m. on March 3 and it was held in the 1990s.", True),
        ("Windows 10 and the Galaxy S10 met COVID-19 in 2020.", True),
        ("Acme sold 4,500 cars in the quarter.", False),
        ("The 14 companies can bid on the work.", False),
        ("A 43-year-old man fell ill in 2019.", False),
        ("Two people said it was done.", False),
    ],
)
def test_looks_claimless(sentence, expected):
    assert builder.looks_claimless(sentence) is expected


def test_assign_splits_is_deterministic_and_about_a_third_test():
    pages = [f"{i:064x}" for i in range(30)]
    split = builder.assign_splits(pages, seed=3)
    assert split == builder.assign_splits(list(reversed(pages)), seed=3)
    assert list(split.values()).count("test") == 10


def test_select_then_build_round_trip(bench, tmp_path):
    pages = builder.load_pages(bench)
    rows = builder.select(pages, seed=7, total=4, decoys=0.25, topup=1)
    assert rows == builder.select(pages, seed=7, total=4, decoys=0.25, topup=1), "selection is not deterministic"
    assert [r["n"] for r in rows] == [str(i) for i in range(1, len(rows) + 1)]
    assert "c" * 64 not in {r["page"] for r in rows}, "a German page was drawn"
    assert len(rows) == 5 and len({r["sha1"] for r in rows}) == 5
    claimless = [r for r in rows[:4] if builder.looks_claimless(pages[r["page"]][int(r["start"]):int(r["end"])])]
    assert len(claimless) == 1
    by_page = defaultdict(set)
    for r in rows:
        by_page[r["page"]].add(r["split"])
    assert all(len(s) == 1 for s in by_page.values())
    records = builder.build(pages, rows)
    for row, rec in zip(rows, records):
        assert hashlib.sha1(rec["text"].encode()).hexdigest() == row["sha1"]
        assert builder.is_candidate(rec["text"]) and rec["id"] == f"zyte:{row['page']}:{row['start']}"
    assert builder.has_figure(records[-1]["text"])


def test_first_draw_does_not_move_with_the_topup(bench):
    pages = builder.load_pages(bench)
    assert builder.select(pages, seed=7, total=4, decoys=0.25, topup=2)[:4] == \
        builder.select(pages, seed=7, total=4, decoys=0.25, topup=0)


def test_build_detects_drift(bench):
    pages = builder.load_pages(bench)
    rows = builder.select(pages, seed=7, total=1, decoys=0.0)
    rows[0]["sha1"] = "0" * 40
    with pytest.raises(ValueError, match="sha1 mismatch"):
        builder.build(pages, rows)


def test_main_select_build_and_subset(bench, tmp_path):
    pointers, out = tmp_path / "p.csv", tmp_path / "s.jsonl"
    assert builder.main(["--select", "--bench", str(bench), "--pointers", str(pointers), "--total", "5",
                         "--topup", "0"]) == 0
    assert builder.main([str(out), "--bench", str(bench), "--pointers", str(pointers)]) == 0
    texts = [json.loads(line)["text"] for line in out.read_text(encoding="utf-8").splitlines()]
    rows = builder.read_pointers(pointers)
    assert len(texts) == len(rows) == 5
    claims = tmp_path / "claims.csv"
    claims.write_text("source,value\n" + "".join(f"zyte_sentences.jsonl#{r['n']},1\n" for r in rows),
                      encoding="utf-8")
    for split in builder.SPLITS:
        kept = tmp_path / f"{split}.csv"
        assert builder.main(["--pointers", str(pointers), "--subset", split, str(claims), str(kept)]) == 0
        _, got = read_table(kept)
        assert [g["source"] for g in got] == [f"zyte_sentences.jsonl#{r['n']}" for r in rows if r["split"] == split]
    assert builder.main(["--pointers", str(pointers), "--subset", "train", str(claims), str(tmp_path / "x")]) == 2


SITES = {"a" * 64: "test", "b" * 64: "test", "c" * 64: "test", "d" * 64: "dev"}


def test_select_holdout_draws_new_sentences_of_test_pages_only(bench):
    pages = builder.load_pages(bench)
    body = pages["a" * 64]
    taken = body[:body.index(".") + 1]
    exclude = {hashlib.sha1(taken.encode()).hexdigest()}
    rows = builder.select_holdout(pages, SITES, exclude, seed=7, total=3, decoys=2 / 3)
    assert rows == builder.select_holdout(pages, SITES, exclude, seed=7, total=3, decoys=2 / 3)
    assert [r["n"] for r in rows] == ["1", "2", "3"] and {r["split"] for r in rows} == {"holdout"}
    assert {r["page"] for r in rows} <= {"a" * 64, "b" * 64}, "a dev page or a German page was drawn"
    texts = [pages[r["page"]][int(r["start"]):int(r["end"])] for r in rows]
    assert taken not in texts and len(set(texts)) == 3
    assert sum(builder.looks_claimless(t) for t in texts) == 2
    assert all(builder.has_figure(t) for t in texts if not builder.looks_claimless(t))
    assert len(builder.select_holdout(pages, SITES, exclude, seed=7, total=9, decoys=0.5)) == 3, \
        "only the two strata are drawn from (here two decoys and one sentence with a figure)"


def test_main_holdout_select_build_and_subset(bench, tmp_path):
    site_split, first = tmp_path / "split.csv", tmp_path / "first.csv"
    site_split.write_text("page,site,split\n" + "".join(f"{p},example.com,{s}\n" for p, s in SITES.items()),
                          encoding="utf-8")
    assert builder.main(["--select", "--bench", str(bench), "--pointers", str(first), "--total", "1",
                         "--decoys", "0", "--topup", "0"]) == 0
    pointers, out = tmp_path / "holdout.csv", tmp_path / "holdout.jsonl"
    assert builder.main(["--draw", "holdout", "--select", "--bench", str(bench), "--pointers", str(pointers),
                         "--site-split", str(site_split), "--exclude", str(first), "--total", "2",
                         "--decoys", "0.5"]) == 0
    rows = builder.read_pointers(pointers, HOLDOUT.splits)
    assert len(rows) == 2 and not {r["sha1"] for r in rows} & {r["sha1"] for r in builder.read_pointers(first)}
    assert builder.main([str(out), "--draw", "holdout", "--bench", str(bench), "--pointers", str(pointers)]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [rec["id"] for rec in records] == [f"zyte:{r['page']}:{r['start']}" for r in rows]
    claims, kept = tmp_path / "claims.csv", tmp_path / "kept.csv"
    claims.write_text("source,value\nzyte_holdout_sentences.jsonl#2,1\nzyte_sentences.jsonl#1,1\n", encoding="utf-8")
    assert builder.main(["--draw", "holdout", "--pointers", str(pointers), "--subset", "holdout", str(claims),
                         str(kept)]) == 0
    assert [g["source"] for g in read_table(kept)[1]] == ["zyte_holdout_sentences.jsonl#2", "zyte_holdout_sentences.jsonl#1"]
    assert builder.main(["--draw", "holdout", "--pointers", str(pointers), "--subset", "dev", str(claims),
                         str(kept)]) == 2


def test_main_reports_a_missing_benchmark(tmp_path):
    assert builder.main([str(tmp_path / "s.jsonl"), "--bench", str(tmp_path / "nowhere")]) == 2


# --- against the real benchmark, when present -------------------------------------------------------------------

needs_bench = pytest.mark.skipif(not (BENCH / "ground-truth.json").is_file(),
                                 reason=f"Zyte benchmark not found at {BENCH}")


#: Each draw: the builder's arguments, its pointer rows and its gold claim rows.
DRAWS = {
    "main": (["--pointers", str(POINTERS)], POINTER_ROWS, CLAIM_ROWS),
    "holdout": (["--draw", "holdout"], HOLDOUT_ROWS, HOLDOUT_CLAIM_ROWS),
}


@pytest.fixture(scope="module", params=sorted(DRAWS))
def built(request, tmp_path_factory) -> tuple[list[str], list[dict[str, str]], list[dict[str, str]]]:
    """One draw rebuilt from the benchmark: its sentences, pointer rows and gold claim rows."""
    args, pointers, claims = DRAWS[request.param]
    out = tmp_path_factory.mktemp("bench") / f"{request.param}.jsonl"
    assert builder.main([str(out), "--bench", str(BENCH), *args]) == 0
    return [json.loads(line)["text"] for line in out.read_text(encoding="utf-8").splitlines()], pointers, claims


@needs_bench
def test_builder_reproduces_every_sentence(built):
    texts, pointers, _ = built
    assert len(texts) == len(pointers)
    for row, text in zip(pointers, texts):
        assert hashlib.sha1(text.encode("utf-8")).hexdigest() == row["sha1"]


@needs_bench
def test_every_gold_span_is_exact(built):
    texts, _, claims = built
    for row in claims:
        text = texts[_line(row) - 1]
        assert text[int(row["start"]):int(row["end"])] == row["quantity"], row


@needs_bench
def test_select_reproduces_the_pointer_list():
    pages = builder.load_pages(BENCH)
    rows = builder.select(pages, seed=20261201, total=345, decoys=0.17, topup=90)
    assert rows == POINTER_ROWS


@needs_bench
def test_select_holdout_reproduces_the_pointer_list():
    pages = builder.load_pages(BENCH)
    earlier = {r["sha1"] for r in POINTER_ROWS}
    rows = builder.select_holdout(pages, builder.read_site_split(SITE_SPLIT), earlier, seed=HOLDOUT.seed,
                                  total=HOLDOUT.total, decoys=HOLDOUT.decoys)
    assert rows == HOLDOUT_ROWS
