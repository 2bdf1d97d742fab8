"""The 2020 news sets (htmldate's test pages): well-formed sentence pointers, claims, page pointers and body edits,
and a builder that rebuilds sentences and bodies from a checkout and refuses a drifted one (on a made-up page
folder in ``tests/data/mini_htmldate``, with a stand-in for the extractor: no checkout needed)."""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from benchscripts import check_claim_row, load_benchmark, read_table

from pipeline.outputs.evaluate import read_gold

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "benchmarks" / "gold"
POINTER_COLUMNS = ["n", "set", "json", "file", "start", "end", "sha1", "page_sha1", "trafilatura"]
CLAIM_COLUMNS = ["source", "quantity", "value", "unit", "bound", "kind", "start", "end",
                 "value_max", "direction", "metric", "subject", "period", "set"]
PAGE_COLUMNS = ["name", "json", "url", "file", "sha1", "text_sha1", "body_sha1", "trafilatura", "site", "lang",
                "title", "title_source", "date"]
LISTS = {"eval_mediacloud_2020.json": "test_set/", "eval_default.json": "eval/"}
SETS = {"check11": range(1, 161), "check12": range(161, 321)}
_SHA1 = re.compile(r"[0-9a-f]{40}")
#: Longest text an edit may carry: edits hold prefixes, anchors and short headings, never a paragraph.
MAX_FRAGMENT = 80

builder = load_benchmark("build_htmldate_sets")

POINTER_HEADER, POINTER_ROWS = read_table(GOLD / "news2020_sentences.csv")
CLAIM_HEADER, CLAIM_ROWS = read_table(GOLD / "news2020_claims.csv")
PAGE_HEADER, PAGE_ROWS = read_table(GOLD / "news2020_pages.csv")
EDITS = json.loads((GOLD / "news2020_body_edits.json").read_text(encoding="utf-8"))


def sha(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def test_sentence_pointers_are_numbered_and_well_formed():
    assert POINTER_HEADER == POINTER_COLUMNS
    assert [int(r["n"]) for r in POINTER_ROWS] == list(range(1, 321))
    for row in POINTER_ROWS:
        assert int(row["n"]) in SETS[row["set"]]
        assert row["file"].startswith(LISTS[row["json"]]) and row["file"].endswith(".html")
        assert 0 <= int(row["start"]) < int(row["end"]) and 40 <= int(row["end"]) - int(row["start"]) <= 400
        assert _SHA1.fullmatch(row["sha1"]) and _SHA1.fullmatch(row["page_sha1"])
    assert len({r["trafilatura"] for r in POINTER_ROWS}) == 1
    assert len({r["sha1"] for r in POINTER_ROWS}) == 320  # no sentence drawn twice
    pages = {}
    for row in POINTER_ROWS:  # one digest a page file
        assert pages.setdefault(row["file"], row["page_sha1"]) == row["page_sha1"]


def test_claims_cover_every_sentence_of_their_set():
    assert CLAIM_HEADER == CLAIM_COLUMNS
    sets = {int(r["n"]): r["set"] for r in POINTER_ROWS}
    lines = set()
    for row in CLAIM_ROWS:
        n = int(row["source"].rsplit("#", 1)[1])
        assert row["source"] == f"news2020_sentences.jsonl#{n}" and sets[n] == row["set"]
        lines.add(n)
    assert lines == set(sets)  # every sentence was read: a claim row or a row with its source alone


@pytest.mark.parametrize("row", CLAIM_ROWS, ids=lambda r: f"{r['source']}:{r['quantity']}")
def test_claim_row_is_well_formed(row):
    if check_claim_row(row, CLAIM_COLUMNS):
        assert row["unit"]


def test_claims_load_as_a_gold_file():
    gold = read_gold(GOLD / "news2020_claims.csv")
    assert len(gold.rows) == sum(1 for r in CLAIM_ROWS if r["quantity"])
    assert len(gold.sources) == 320 and "set" in gold.columns


def test_page_rows_hold_pointers_titles_and_dates():
    assert PAGE_HEADER == PAGE_COLUMNS
    names = [r["name"] for r in PAGE_ROWS]
    assert len(names) == len(set(names)) == 90
    for row in PAGE_ROWS:
        assert re.fullmatch(r"[a-z0-9-]+\d", row["name"]) and row["file"].startswith(LISTS[row["json"]])
        assert all(_SHA1.fullmatch(row[c]) for c in ("sha1", "text_sha1", "body_sha1"))
        assert row["lang"] == "en" and row["title"] == " ".join(row["title"].split()) != ""
        assert row["title_source"] in {"derived", "eye"} and re.fullmatch(r"\d{4}-\d\d-\d\d", row["date"])
        assert row["url"].startswith(("http://", "https://")) and row["site"]
    assert len({r["trafilatura"] for r in PAGE_ROWS}) == 1


def _texts(args: list) -> list[str]:
    return [x for a in args for x in (a if isinstance(a, list) else [a])]


def test_body_edits_are_data_of_known_ops_and_short_fragments():
    assert list(EDITS["pages"]) == [r["name"] for r in PAGE_ROWS]
    for name, entry in EDITS["pages"].items():
        assert set(entry) <= {"edits", "note"} and isinstance(entry["edits"], list), name  # [] = checked, no change
        for edit in entry["edits"]:
            assert edit["op"] in builder.OPS and edit["why"], name
            assert all(isinstance(t, str) and len(t) <= MAX_FRAGMENT for t in _texts(edit["args"])), name
            assert _texts(edit["args"])[0], name  # a sub's replacement may be empty, nothing else
            if edit["op"] == "sub":
                re.compile(edit["args"][0])


# ------------------------------------------------------------------------------------------- the builder


def fake_extract(html: bytes, **options) -> str:
    """A stand-in for the extractor: the article's paragraphs that open a line of the page, one a line."""
    text = html.decode("utf-8")
    article = text[text.index("<article>"):text.index("</article>")]
    return "\n".join(re.findall(r"^<p>(.*?)</p>$", article, re.M))


def _pointer(root: Path, n: int, set_: str, rel: str, sentence: str) -> dict[str, str]:
    data = (root / "tests" / rel).read_bytes()
    start = fake_extract(data).index(sentence)
    return {"n": str(n), "set": set_, "json": "x", "file": rel, "start": str(start),
            "end": str(start + len(sentence)), "sha1": sha(sentence),
            "page_sha1": hashlib.sha1(data).hexdigest(), "trafilatura": "0.0"}


@pytest.fixture
def mini(shared_datadir: Path) -> Path:
    return shared_datadir / "mini_htmldate"


def test_builder_reads_sentences_by_offsets_and_numbers_them_per_set(mini):
    pointers = [_pointer(mini, 1, "check11", "test_set/1001.html", "A return ticket will cost $12.50, up from $12."),
                _pointer(mini, 2, "check11", "test_set/1001.html", "About 3,000 people take the ferry each day."),
                _pointer(mini, 3, "check12", "eval/2002.html", "Prices fell by about a third.")]
    records = builder.build_sentences(mini, pointers, fake_extract)
    assert records == [
        {"text": "A return ticket will cost $12.50, up from $12.", "id": "check11:1001.html:1"},
        {"text": "About 3,000 people take the ferry each day.", "id": "check11:1001.html:2"},
        {"text": "Prices fell by about a third.", "id": "check12:2002.html:1"}]
    pointers[2]["start"] = str(int(pointers[2]["start"]) + 1)
    with pytest.raises(builder.Drift, match=r"line 3: sha1 mismatch .* trafilatura 0\.0"):
        builder.build_sentences(mini, pointers, fake_extract)
    pointers[0]["page_sha1"] = "0" * 40
    with pytest.raises(builder.Drift, match="line 1: .*another revision of the htmldate checkout"):
        builder.build_sentences(mini, pointers, fake_extract)


EDIT_LIST = {
    "harbour-gazette1": [{"op": "drop", "args": ["READ MORE:"], "why": "related link"},
                         {"op": "cut_from", "args": ["Share this"], "why": "share row"},
                         {"op": "sub", "args": [r"\$12\.50", "$12.50 (was $11)"], "why": "made up"}],
    "valley-times1": [{"op": "prepend", "args": [["Growers in the valley"]], "why": "lead missed"},
                      {"op": "add_text_after", "args": ["The co-operative", "Prices"], "why": "subheading"}],
}


def _page_rows(mini: Path) -> list[dict[str, str]]:
    rows = []
    for name, rel, body in [
            ("harbour-gazette1", "test_set/1001.html",
             "Fares on the island ferry will rise 4% in July, the operator said on Tuesday.\n"
             "A return ticket will cost $12.50 (was $11), up from $12.\nAbout 3,000 people take the ferry each day.\n"),
            ("valley-times1", "eval/2002.html",
             "Growers in the valley picked twice as many apples as last year.\n"
             "The co-operative counted 1.2 million crates, against 600,000 in 2018.\nPrices\n"
             "Prices fell by about a third.\n")]:
        data = (mini / "tests" / rel).read_bytes()
        rows.append({"name": name, "json": "x", "url": "https://example.com/", "file": rel,
                     "sha1": hashlib.sha1(data).hexdigest(), "text_sha1": sha(fake_extract(data)),
                     "body_sha1": sha(body), "trafilatura": "0.0", "site": name[:-1], "lang": "en",
                     "title": name, "title_source": "derived", "date": "2020-06-02"})
    return rows


def test_builder_rebuilds_bodies_from_the_extracted_text_and_the_page(mini, tmp_path):
    rows = _page_rows(mini)
    pages = builder.build_pages(mini, rows, EDIT_LIST, fake_extract)
    assert [sha(body) for _, _, body in pages] == [r["body_sha1"] for r in rows]
    builder.write_page_set(rows, pages, tmp_path / "set")
    copy = tmp_path / "set" / "pages" / "valley-times1.html"
    assert copy.read_bytes() == (mini / "tests" / "eval" / "2002.html").read_bytes()
    assert (tmp_path / "set" / "pages" / "valley-times1.txt").read_text(encoding="utf-8").startswith("Growers")
    assert (tmp_path / "set" / "titles.csv").read_text().splitlines()[0] == "page,site,lang,title,source"
    assert (tmp_path / "set" / "dates.csv").read_text().splitlines() == [
        "name,date", "harbour-gazette1,2020-06-02", "valley-times1,2020-06-02"]


def test_builder_refuses_drifted_text_bodies_and_edits(mini):
    rows = _page_rows(mini)
    rows[0]["text_sha1"] = "0" * 40
    with pytest.raises(builder.Drift, match="harbour-gazette1: .*extracted text.*trafilatura 0.0"):
        builder.build_pages(mini, rows, EDIT_LIST, fake_extract)
    rows = _page_rows(mini)
    rows[1]["body_sha1"] = "0" * 40
    with pytest.raises(builder.Drift, match="valley-times1: sha1 mismatch for the rebuilt body"):
        builder.build_pages(mini, rows, EDIT_LIST, fake_extract)
    edits = {**EDIT_LIST, "valley-times1": [{"op": "prepend", "args": [["Orchards in the hills"]], "why": ""}]}
    with pytest.raises(builder.Drift, match="no block of the page starts with 'Orchards in the hills'"):
        builder.build_pages(mini, _page_rows(mini), edits, fake_extract)
    with pytest.raises(ValueError, match="valley-times1: no edit list"):
        builder.build_pages(mini, _page_rows(mini), {"harbour-gazette1": EDIT_LIST["harbour-gazette1"]},
                            fake_extract)


def test_apply_edits_rebuild_takes_the_pages_own_blocks(mini):
    html = (mini / "tests" / "eval" / "2002.html").read_bytes()
    body = builder.apply_edits("ignored", html, [{"op": "rebuild", "args": ["article p"], "why": ""}])
    assert body.splitlines() == ["Growers in the valley picked twice as many apples as last year.",
                                 "The co-operative counted 1.2 million crates, against 600,000 in 2018.",
                                 "Prices fell by about a third."]


def test_builder_exits_1_with_a_message_on_a_missing_checkout(tmp_path, capsys):
    status = builder.main(["--htmldate", str(tmp_path / "none"), "--out-dir", str(tmp_path / "out")])
    assert status == 1
    assert "build_htmldate_sets: line 1: missing" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()

