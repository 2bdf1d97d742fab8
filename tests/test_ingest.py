"""Tests for pipeline.ingest.listing: listing under a root, dispatch by format, hostile files and bounds."""
from __future__ import annotations

import gzip
import hashlib
import json
import os
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.errors import UsageError
from pipeline.ingest.listing import (
    IngestOptions, InputFile, empty_reason, format_of, list_inputs, read_input, source_path, split_input,
)

OPTS = IngestOptions()


def status(doc) -> str:
    return "error" if doc.error else "empty" if not doc.text.strip() else "ok"


def read_all(root: Path, opts: IngestOptions = OPTS) -> dict:
    return {d.source: d for f in list_inputs([root], opts) for d in read_input(f, opts)}


def one(path: Path, opts: IngestOptions = OPTS):
    (f,) = list_inputs([path], opts)
    docs = list(read_input(f, opts))
    assert len(docs) == 1
    return docs[0]


HOSTILE_DIR = Path(__file__).parent / "data" / "hostile"


@pytest.fixture(scope="module")
def hostile() -> dict:
    """Every document of the committed hostile fixture folder (read only, so read once)."""
    return read_all(HOSTILE_DIR)


# Expected status and a fragment of the error reason for each committed hostile fixture.
HOSTILE = [
    ("utf8.txt", "ok", ""),
    ("utf8_bom.txt", "ok", ""),
    ("utf16le_bom.txt", "ok", ""),
    ("utf16be_bom.txt", "ok", ""),
    ("gb18030.txt", "ok", ""),
    ("gbk_page.html", "ok", ""),
    ("cp1252.txt", "ok", ""),
    ("invalid_utf8.txt", "ok", ""),
    ("binary.txt", "error", "binary file (png)"),
    ("nul_bytes.txt", "error", "binary file"),
    ("gzip_behind.txt", "ok", ""),
    ("truncated.txt.gz", "error", "truncated gzip data"),
    ("empty.txt", "empty", "zero bytes"),
    ("whitespace.txt", "empty", "whitespace only"),
    ("name with spaces.txt", "ok", ""),
    ("\u00fcn\u00efc\u00f8d\u00e9 \u540d\u5b57.txt", "ok", ""),
    ("-leading-dash.txt", "ok", ""),
    ("unknown.dat", "ok", ""),
    ("page_without_suffix", "ok", ""),
    ("malformed.jsonl#1", "ok", ""),
    ("malformed.jsonl#2", "error", "malformed JSON on line 2"),
    ("malformed.jsonl#4", "error", "malformed JSON on line 4"),
    ("malformed.jsonl#5", "error", "not a JSON object"),
    ("malformed.jsonl#6", "ok", ""),
    ("malformed.jsonl#7", "ok", ""),
    ("truncated.json#1", "ok", ""),
    ("truncated.json#2", "ok", ""),
    ("truncated.json#3", "error", "malformed JSON at item 3"),
    ("deep.json#1", "error", "malformed JSON at item 1"),
    # UTF-8 with a few bad bytes (also under a stale windows-1252 declaration) stays UTF-8
    ("mostly_utf8.txt", "ok", ""),
    ("mostly_utf8_declared.html", "ok", ""),
    # a record whose text field holds no text is an error naming the field and its type
    ("wrong_types.jsonl#1", "error", "field 'text' holds a number"),
    ("wrong_types.jsonl#2", "error", "field 'text' holds a list of number"),
    ("wrong_types.jsonl#3", "error", "field 'text' holds an object"),
    ("wrong_types.jsonl#4", "empty", "null text"),
    ("wrong_types.jsonl#5", "empty", "no text field"),
    ("wrong_types.jsonl#6", "empty", "whitespace only"),
    ("wrong_types.jsonl#7", "ok", ""),
    ("wrong_types.jsonl#8", "error", "field 'maintext' holds a boolean"),
    ("markup_only.html", "empty", "markup only"),
    # one bad WARC record is that record's row; the intact records after it are all read
    ("warc_bad_records.warc#1", "ok", ""),
    ("warc_bad_records.warc#2", "error", "Content-Length 470 does not match"),  # lies short
    ("warc_bad_records.warc#3", "ok", ""),  # charset=undefined: the bytes decide
    ("warc_bad_records.warc#4", "error", "without an HTTP payload"),
    ("warc_bad_records.warc#5", "ok", ""),
    ("warc_bad_records.warc#6", "error", "Content-Length 5670 does not match"),  # lies long
    ("warc_bad_records.warc#7", "ok", ""),
    ("warc_long_header.warc.gz#1", "error", "WARC header line longer than 65536 bytes"),
    ("warc_long_header.warc.gz#2", "ok", ""),
    ("warc_damaged_member.warc.gz#1", "ok", ""),
    ("warc_damaged_member.warc.gz#2", "error", "corrupt gzip data"),
    ("warc_damaged_member.warc.gz#3", "ok", ""),
    # a complete gzip member followed by bytes that are not gzip: the page is read, the tail ignored
    ("trailing_garbage.html.gz", "ok", ""),
    # a JSON array item nested too deeply is its own error row; the items after it are read
    ("deep_item.json#1", "ok", ""),
    ("deep_item.json#2", "error", "nested too deeply"),
    ("deep_item.json#3", "ok", ""),
]


@pytest.mark.parametrize("source,expected,reason", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_fixture(hostile, source, expected, reason):
    doc = hostile[source]
    assert status(doc) == expected
    assert reason in (empty_reason(doc) if expected == "empty" else doc.error)
    assert "\n" not in doc.error and "Traceback" not in doc.error


def test_hostile_folder_is_fully_covered(hostile):
    assert set(hostile) == {h[0] for h in HOSTILE}, "every document has a row, hidden files are skipped"
    assert ".hidden.txt" not in hostile


def test_encodings_decode_to_the_same_text(hostile):
    plain = (HOSTILE_DIR / "utf8.txt").read_text(encoding="utf-8")
    for name in ("utf8.txt", "utf8_bom.txt", "utf16le_bom.txt", "utf16be_bom.txt", "name with spaces.txt"):
        assert hostile[name].text == plain
    assert "M\u00fcnchen" in hostile["cp1252.txt"].text and "\u20ac2.5" in hostile["cp1252.txt"].text
    assert "\u96c6\u88c5\u7bb1" in hostile["gb18030.txt"].text
    assert "\u96c6\u88c5\u7bb1" in hostile["gbk_page.html"].text and hostile["gbk_page.html"].extracted
    assert hostile["invalid_utf8.txt"].text.count("\ufffd") == 3
    assert "\u2014" in hostile["invalid_utf8.txt"].text


def test_gzip_behind_txt_is_decompressed_and_noted(hostile):
    doc = hostile["gzip_behind.txt"]
    assert doc.text.startswith("The harbour handled")
    assert any(k == "note" and "gzip data behind .txt" in v for k, v in doc.meta)


def test_unknown_suffixes_are_sniffed(hostile):
    assert hostile["unknown.dat"].format == "txt"
    page = hostile["page_without_suffix"]
    assert page.format == "html" and page.extracted and page.title == "Port report"
    assert page.published == "", "a year in the text is not a publication date"


def test_plain_text_offsets_refer_to_the_file(shared_datadir):
    path = shared_datadir / "hostile" / "utf8.txt"
    doc = one(path)
    assert doc.text == path.read_bytes().decode("utf-8")
    assert doc.doc_id == "d" + hashlib.sha256(path.read_bytes()).hexdigest()[:15]
    assert doc.source == "utf8.txt" and doc.format == "txt" and not doc.extracted


def test_html_file(shared_datadir):
    doc = one(shared_datadir / "ingest" / "article.html")
    assert doc.format == "html" and doc.extracted
    assert doc.title == "Harbour traffic hits record" and doc.published == "2023-05-02T09:15:00+08:00"
    assert doc.url == "https://news.example.org/economy/harbour-record"
    assert "\n\n" in doc.text and "All rights reserved" not in doc.text


def test_html_gz_and_txt_gz(tmp_path, shared_datadir):
    page = (shared_datadir / "ingest" / "article.html").read_bytes()
    (tmp_path / "a.html.gz").write_bytes(gzip.compress(page))
    (tmp_path / "b.txt.gz").write_bytes(gzip.compress(b"Plain 5% text.\n"))
    docs = read_all(tmp_path)
    assert docs["a.html.gz"].title == "Harbour traffic hits record"
    assert docs["b.txt.gz"].text == "Plain 5% text.\n"


# -- listing ------------------------------------------------------------------------------------

def test_missing_path_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match=r"\[E020\]"):
        list_inputs([tmp_path / "nope"], OPTS)


def test_sources_are_relative_posix_and_sorted(tmp_path):
    for rel in ("b/z.txt", "a.txt", "b/a b.txt", "c/d/e.jsonl", ".git/config", "b/.cache/x.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    files = list_inputs([tmp_path], OPTS)
    assert [f.source for f in files] == ["a.txt", "b/a b.txt", "b/z.txt", "c/d/e.jsonl"]
    assert all(isinstance(f, InputFile) and f.size == 1 and not f.error for f in files)
    hidden = list_inputs([tmp_path], IngestOptions(include_hidden=True))
    assert {".git/config", "b/.cache/x.txt"} <= {f.source for f in hidden}


def test_file_given_directly_uses_its_name(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "-x.txt").write_text("x")
    (f,) = list_inputs([tmp_path / "sub" / "-x.txt"], OPTS)
    assert f.source == "-x.txt" and not f.error


@pytest.fixture
def linked(tmp_path):
    root, outside = tmp_path / "root", tmp_path / "outside"
    (root / "sub").mkdir(parents=True)
    outside.mkdir()
    (root / "sub" / "real.txt").write_text("Inside 5%.")
    (outside / "secret.txt").write_text("Outside.")
    os.symlink(root / "sub" / "real.txt", root / "link_in.txt")
    os.symlink(outside / "secret.txt", root / "link_out.txt")
    os.symlink(outside, root / "dir_out")
    os.symlink(root, root / "sub" / "loop")
    os.symlink(root / "self", root / "self")
    os.symlink(root / "gone.txt", root / "broken.txt")
    os.mkfifo(root / "fifo.txt")
    return root


def test_symlinks_stay_inside_the_root(linked):
    files = {f.source: f.error for f in list_inputs([linked], OPTS)}
    assert files == {
        "broken.txt": "broken symlink",
        "dir_out": "symlink points outside the input root",
        "fifo.txt": "not a regular file",
        "link_in.txt": "",
        "link_out.txt": "symlink points outside the input root",
        "self": "symlink loop",
        "sub/loop": "symlink loop",
        "sub/real.txt": "",
    }


def test_error_inputs_become_error_docs(linked):
    docs = read_all(linked)
    assert docs["link_in.txt"].text == docs["sub/real.txt"].text == "Inside 5%."
    for source in ("broken.txt", "dir_out", "fifo.txt", "link_out.txt", "self", "sub/loop"):
        doc = docs[source]
        assert status(doc) == "error" and doc.text == ""
        assert doc.doc_id == "d" + hashlib.sha256(source.encode()).hexdigest()[:15]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file(tmp_path):
    p = tmp_path / "locked.txt"
    p.write_text("x")
    p.chmod(0)
    (f,) = list_inputs([tmp_path], OPTS)
    assert f.error == "permission denied"


# -- formats and bounds ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    "name,expected",
    [("a.txt", ("txt", False)), ("a.TXT", ("txt", False)), ("a.htm", ("html", False)),
     ("a.html.gz", ("html", True)), ("a.warc.gz", ("warc", True)), ("a.wet.gz", ("wet", True)),
     ("a.ndjson", ("jsonl", False)), ("a.jsonl.gz", ("jsonl", True)), ("a.json", ("json", False)),
     ("a.pdf", ("", False)), ("noext", ("", False)), ("a.gz", ("", True))],
)
def test_format_of(name, expected):
    assert format_of(name) == expected


def test_jsonl_gz_streams_and_truncation_is_reported(tmp_path):
    lines = b"".join(json.dumps({"text": f"Record {i} rose {i}%."}).encode() + b"\n" for i in range(2000))
    data = gzip.compress(lines)
    (tmp_path / "full.jsonl.gz").write_bytes(data)
    (tmp_path / "cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    docs = read_all(tmp_path)
    assert sum(1 for s in docs if s.startswith("full")) == 2000 and docs["full.jsonl.gz#2000"].text
    cut = [d for s, d in docs.items() if s.startswith("cut")]
    assert cut[-1].error and all(not d.error for d in cut[:-1]) and len(cut) > 10


def test_field_map_reaches_records(tmp_path):
    (tmp_path / "r.jsonl").write_text(json.dumps({"body": "Mapped 7%.", "text": "no"}) + "\n")
    docs = read_all(tmp_path, IngestOptions(field_map={"text": "body"}))
    assert docs["r.jsonl#1"].text == "Mapped 7%."


def test_published_dates_only_the_documents_without_one(tmp_path):
    (tmp_path / "page.txt").write_text("Sales rose 7% last year.\n", encoding="utf-8")
    (tmp_path / "r.jsonl").write_text(json.dumps({"text": "Up 3%.", "published": "2021-06-30"}) + "\n"
                                      + json.dumps({"text": "Down 2%."}) + "\n", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02" * 100)
    docs = read_all(tmp_path, IngestOptions(published="2005-03-01"))
    assert docs["page.txt"].published == "2005-03-01" and docs["r.jsonl#2"].published == "2005-03-01"
    assert docs["r.jsonl#1"].published.startswith("2021-06-30"), "the record's own date wins"
    assert docs["bad.txt"].error and not docs["bad.txt"].published
    assert read_all(tmp_path)["page.txt"].published == ""


@pytest.mark.parametrize("value", ["2005-13-01", "March 2005", "yesterday"])
def test_published_must_be_an_iso_date(value):
    with pytest.raises(UsageError, match="E175"):
        IngestOptions(published=value)


def test_warc_dispatch(tmp_path):
    from test_warc import write_warc, write_wet

    write_warc(tmp_path / "c.warc.gz")
    write_wet(tmp_path / "c.wet.gz")
    docs = read_all(tmp_path)
    assert {s: d.format for s, d in docs.items()} == {
        "c.warc.gz#3": "warc", "c.warc.gz#4": "warc", "c.warc.gz#5": "warc", "c.warc.gz#6": "warc",
        "c.warc.gz#7": "warc",
        "c.wet.gz#2": "wet", "c.wet.gz#3": "wet"}


def test_file_over_max_bytes(tmp_path):
    (tmp_path / "big.txt").write_bytes(b"a\n" * 600)
    doc = one(tmp_path / "big.txt", IngestOptions(max_bytes=1000))
    assert doc.error == "too large (1200 bytes > 1000)"


def test_gzip_bomb_behind_txt(tmp_path):
    (tmp_path / "bomb.txt").write_bytes(gzip.compress(bytes(20_000_000)))
    doc = one(tmp_path / "bomb.txt", IngestOptions(max_bytes=1_000_000))
    assert doc.error.startswith("too large after decompression")


@pytest.mark.parametrize(
    "make,n,expected",
    [(lambda k: b"word " * k, 500_000, "error"), (lambda k: b"1," * k, 25_000, "ok"),
     (lambda k: b"9" * k, 12_500, "ok"), (lambda k: b"line of text\n" * k, 187_500, "ok")],
    ids=["20mb-single-line", "digit-list", "nines", "20mb-many-lines"],
)
def test_big_inputs_finish_fast(tmp_path, make, n, expected, cost_growth):
    found = {}

    def ingest(k):
        (tmp_path / "big.txt").write_bytes(make(k))
        found[k] = one(tmp_path / "big.txt")

    growth = cost_growth(ingest, n)
    assert growth.below_quadratic, growth
    doc = found[8 * n]
    assert status(doc) == expected
    if expected == "error":
        assert doc.error == "line longer than 1000000 characters (20000000)"


def test_max_line_applies_to_records(tmp_path):
    (tmp_path / "r.jsonl").write_text(json.dumps({"text": "x" * 5000}) + "\n" + json.dumps({"text": "ok"}) + "\n")
    docs = read_all(tmp_path, IngestOptions(max_line=1000))
    assert docs["r.jsonl#1"].error.startswith("line longer than 1000") and docs["r.jsonl#2"].text == "ok"


@pytest.mark.slow
def test_html_bombs_are_reported(tmp_path, cost_growth):
    found = {}

    def bombs(k):  # nested k/40 deep and 3k elements: over both bounds already at the small size
        (tmp_path / "deep.html").write_text("<html><body>" + "<div>" * (k // 40) + "<p>x</p>" + "</div>" * (k // 40))
        (tmp_path / "soup.html").write_text("<html><body>" + "<p><b>x</b><i>y 1,2</i>" * k)
        found[k] = read_all(tmp_path)

    growth = cost_growth(bombs, 17_000)
    assert growth.below_quadratic, growth
    for docs in found.values():
        assert docs["deep.html"].error.startswith("HTML nested too deeply")
        assert docs["soup.html"].error.startswith("too many HTML elements")


def test_unexpected_failure_is_contained(tmp_path, monkeypatch):
    import pipeline.ingest.listing as ingest

    def boom(*args, **kwargs):
        raise RuntimeError("kaput\nsecond line")

    monkeypatch.setattr(ingest, "_single", boom)
    (tmp_path / "a.txt").write_text("x")
    doc = one(tmp_path / "a.txt")
    assert doc.error == "unreadable (RuntimeError: kaput second line)"


@pytest.mark.parametrize("name,data", [("e.jsonl", b""), ("blank.jsonl", b"\n\n  \n"), ("e.warc", b""),
                                       ("e.json", b"[]")])
def test_multi_record_file_without_documents_still_gets_a_row(tmp_path, name, data):
    (tmp_path / name).write_bytes(data)
    (doc,) = read_all(tmp_path).values()
    assert doc.source == name and status(doc) == "empty"


@pytest.mark.parametrize("name", ["x.jsonl", "x.jsonl.gz"])
def test_binary_jsonl_is_one_error(tmp_path, name):
    data = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 50
    (tmp_path / name).write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    (doc,) = read_all(tmp_path).values()
    assert doc.error == "binary file (png)"


def test_undecodable_file_name_gets_a_printable_source(tmp_path):
    name = os.fsencode(tmp_path) + b"/caf\xe9 \xff.txt"
    with open(name, "wb") as fh:
        fh.write(b"Sales rose 3%.")
    with open(os.fsencode(tmp_path) + b"/caf\xe8 \xff.txt", "wb") as fh:
        fh.write(b"Sales rose 4%.")
    docs = read_all(tmp_path)
    assert sorted(docs) == ["caf\\xe8 \\xff.txt", "caf\\xe9 \\xff.txt"]  # distinct, as the names are
    assert docs["caf\\xe9 \\xff.txt"].text == "Sales rose 3%."
    for doc in docs.values():
        doc.source.encode("utf-8")  # writable to UTF-8 outputs


def test_warc_behind_unknown_suffix_is_sniffed(tmp_path):
    from test_warc import write_warc

    write_warc(tmp_path / "crawl.bin")
    docs = read_all(tmp_path)
    assert sorted(docs) == ["crawl.bin#3", "crawl.bin#4", "crawl.bin#5", "crawl.bin#6", "crawl.bin#7"]


SUFFIXES = ["txt", "html", "jsonl", "json", "warc", "wet.gz", "txt.gz", "dat"]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=2000),
                      st.text(max_size=500).map(lambda t: t.encode("utf-8", "surrogatepass")),
                      st.binary(max_size=300).map(gzip.compress)),
       suffix=st.sampled_from(SUFFIXES))
def test_arbitrary_bytes_never_raise(tmp_path, data, suffix):
    path = tmp_path / f"input.{suffix}"
    path.write_bytes(data)
    docs = list(read_input(InputFile(path, path.name, len(data)), OPTS))
    assert docs, "every file gets at least one row"
    for doc in docs:
        assert doc.source.startswith(path.name)
        assert "\n" not in doc.error and len(doc.doc_id) == 16
        assert not (doc.error and doc.text)


def test_unknown_field_role_is_a_usage_error():
    with pytest.raises(UsageError, match=r"\[E022\].*bodytext"):
        IngestOptions(field_map={"bodytext": "body"})


def test_a_file_swapped_for_an_outside_link_after_listing_is_not_read(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    page = root / "a.txt"
    page.write_text("Exports rose 12% in 1987.", encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("Secret 42 tonnes.", encoding="utf-8")
    (item,) = list_inputs([root], OPTS)
    page.unlink()
    page.symlink_to(secret)  # swapped between listing and reading
    (doc,) = list(read_input(item, OPTS))
    assert doc.error.startswith("symlink points outside the input root") and "Secret" not in doc.text


def test_a_jsonl_that_shrinks_after_listing_says_which_ranges_were_lost(tmp_path):
    from pipeline.ingest.listing import split_input

    path = tmp_path / "dump.jsonl"
    lines = [json.dumps({"text": f"Exports rose {i}% in 1987."}) for i in range(1, 41)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (item,) = list_inputs([path], OPTS)
    ranges = split_input(item, 300)
    assert len(ranges) > 3
    with open(path, "r+b") as fh:
        fh.truncate(ranges[1].end + 10)  # cut inside the third range
    docs = [d for r in ranges for d in read_input(r, OPTS)]
    lost = [d for d in docs if d.error.startswith("file shrank")]
    assert [d.source for d in lost] == [f"dump.jsonl#{r.first_line}" for r in ranges[2:]]
    assert sum(1 for d in docs if not d.error) >= ranges[2].first_line - 1


# -- sources of several roots, names holding '#' -------------------------------------------------

def _write(root: Path, rel: str, text: str = "Sales rose 4% in 2021.") -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_two_roots_with_the_same_names_give_distinct_sources(tmp_path):
    for root in ("2024", "2025"):
        _write(tmp_path / root, "a.txt")
        _write(tmp_path / root, "sub/b.txt")
    sources = [f.source for f in list_inputs([tmp_path / "2025", tmp_path / "2024"], OPTS)]
    assert sources == ["2024/a.txt", "2024/sub/b.txt", "2025/a.txt", "2025/sub/b.txt"]
    assert sources == [f.source for f in list_inputs([tmp_path / "2024", tmp_path / "2025"], OPTS)]


def test_roots_of_the_same_name_are_told_apart_by_their_parents(tmp_path):
    for parent in ("x", "y"):
        _write(tmp_path / parent / "data", "a.txt")
    sources = {f.source for f in list_inputs([tmp_path / "x" / "data", tmp_path / "y" / "data"], OPTS)}
    assert sources == {"x/data/a.txt", "y/data/a.txt"}


@pytest.mark.parametrize("names, expected", [
    (("a/p.txt", "b/q.txt"), {"p.txt", "q.txt"}),  # files named on their own keep their names
    (("a/p.txt", "b/p.txt"), {"a/p.txt", "b/p.txt"}),  # unless the names collide
])
def test_files_given_directly_keep_distinct_sources(tmp_path, names, expected):
    paths = [_write(tmp_path, name) for name in names]
    assert {f.source for f in list_inputs(paths, OPTS)} == expected


def test_a_root_named_twice_is_listed_once(tmp_path):
    _write(tmp_path / "in", "a.txt")
    assert [f.source for f in list_inputs([tmp_path / "in", tmp_path / "in" / "."], OPTS)] == ["a.txt"]


def test_hash_and_percent_in_names_are_escaped_so_record_numbers_stay_unambiguous(tmp_path):
    _write(tmp_path, "a.jsonl", '{"text": "one 1%"}\n{"text": "two 2%"}\n')
    _write(tmp_path, "a.jsonl#2", "Exports rose 3% in 2020.")
    _write(tmp_path, "50%#1/x.txt")
    docs = read_all(tmp_path)
    assert sorted(docs) == ["50%25%231/x.txt", "a.jsonl#1", "a.jsonl#2", "a.jsonl%232"]
    assert docs["a.jsonl#2"].text == "two 2%"
    assert docs["a.jsonl%232"].text.startswith("Exports rose 3%")


@pytest.mark.parametrize("source, path", [
    ("a.jsonl#12", "a.jsonl"), ("a.jsonl%232", "a.jsonl#2"), ("50%25%231/x.txt#3", "50%#1/x.txt"), ("b.txt", "b.txt"),
])
def test_source_path_undoes_the_escapes(source, path):
    assert source_path(source) == path


# -- fsspec URL inputs ----------------------------------------------------------------------------

@pytest.fixture
def memory_root():
    """A folder on fsspec's in-memory file system, removed afterwards."""
    fsspec = pytest.importorskip("fsspec")
    fs = fsspec.filesystem("memory")
    root = f"/newsclaims-test-{os.getpid()}-{id(fs)}"
    yield fs, root
    if fs.exists(root):
        fs.rm(root, recursive=True)


def test_memory_url_inputs_are_listed_and_read_through_fsspec(memory_root, tmp_path):
    fs, root = memory_root
    page = "Exports rose 4.5% to 12 billion yuan in 2021."
    fs.pipe({f"{root}/a.txt": page.encode(), f"{root}/sub/b.jsonl": b'{"text": "one 1%"}\n{"text": "two 2%"}\n',
             f"{root}/.hidden/c.txt": b"x", f"{root}/n#1.txt": b"Sales fell 2%."})
    files = list_inputs([f"memory://{root}"], OPTS)
    assert [f.source for f in files] == ["a.txt", "n%231.txt", "sub/b.jsonl"]
    assert all(f.url.startswith("memory://") and not f.error for f in files)
    docs = {d.source: d for f in files for d in read_input(f, OPTS)}
    assert docs["a.txt"].text == page
    assert [docs["sub/b.jsonl#1"].text, docs["sub/b.jsonl#2"].text] == ["one 1%", "two 2%"]
    # the same bytes on disk give the same doc_id: a URL changes where a file is read from, not what it is
    assert docs["a.txt"].doc_id == one(_write(tmp_path, "a.txt", page)).doc_id


def test_file_url_reads_the_same_as_the_path(tmp_path):
    pytest.importorskip("fsspec")
    _write(tmp_path / "in", "a.txt")
    _write(tmp_path / "in", "b/c.jsonl", '{"text": "one 1%"}\n')
    by_path = {d.source: (d.doc_id, d.text) for d in read_all(tmp_path / "in").values()}
    files = list_inputs([(tmp_path / "in").as_uri()], OPTS)
    assert all(f.url for f in files)
    assert {d.source: (d.doc_id, d.text) for f in files for d in read_input(f, OPTS)} == by_path


def test_missing_url_is_a_usage_error(memory_root):
    _, root = memory_root
    with pytest.raises(UsageError, match=r"\[E020\]"):
        list_inputs([f"memory://{root}/nope"], OPTS)


def test_url_of_an_unknown_file_system_is_one_usage_error():
    pytest.importorskip("fsspec")
    with pytest.raises(UsageError, match=r"\[E223\] input nosuchfs://b/x"):
        list_inputs(["nosuchfs://b/x"], OPTS)


def test_large_jsonl_url_is_split_in_line_aligned_ranges(memory_root):
    fs, root = memory_root
    lines = [json.dumps({"text": f"Item {i} rose {i}% in 2020."}) for i in range(1, 41)]
    fs.pipe(f"{root}/big.jsonl", ("\n".join(lines) + "\n").encode())
    (item,) = list_inputs([f"memory://{root}/big.jsonl"], OPTS)
    ranges = split_input(item, 200)
    assert len(ranges) > 3 and all(r.url == item.url for r in ranges)
    docs = [d for r in ranges for d in read_input(r, OPTS)]
    assert [d.source for d in docs] == [f"big.jsonl#{i}" for i in range(1, 41)]
    assert [d.text for d in docs] == [json.loads(line)["text"] for line in lines]


def test_a_run_reads_memory_urls_and_resume_sees_edits_through_fsspec(memory_root, tmp_path):
    from pipeline.run.options import RunOptions, Settings
    from pipeline.run.runner import run

    fs, root = memory_root
    fs.pipe({f"{root}/a.txt": b"Exports rose 4% in 2021.", f"{root}/b.txt": b"Imports fell 3% in 2022."})
    settings, out = Settings(use_ner=False), tmp_path / "run"
    options = RunOptions(out=out, workers=1, shard_bytes=10)
    first = run([f"memory://{root}"], settings, options)
    assert first.counts["documents"] == 2 and first.counts["claims"] == 2
    fs.pipe(f"{root}/b.txt", b"Imports fell 7% in 2022.")  # same size: only the content digest tells
    again = run([f"memory://{root}"], settings, replace(options, resume=True))
    assert (again.manifest["counts"]["shards_run"], again.manifest["counts"]["shards_resumed"]) == (1, 1)
    assert "7%" in (out / "claims.csv").read_text(encoding="utf-8")


def test_explain_takes_a_record_or_a_file_with_hash_in_its_name(tmp_path, capsys):
    from pipeline.cli import main

    _write(tmp_path, "a.jsonl", '{"text": "Exports rose 5% in May."}\n{"text": "Imports fell 3% in June."}\n')
    _write(tmp_path, "a.jsonl#2", "Sales grew 9% in July.")
    assert main(["explain", str(tmp_path / "a.jsonl#2")]) == 0  # record 2 of a.jsonl: # starts a record number
    out = capsys.readouterr().out
    assert "# a.jsonl#2 " in out and "Imports fell" in out and "Sales grew" not in out
    assert main(["explain", str(tmp_path / "a.jsonl%232")]) == 0  # the file, as claims.csv names it
    assert "# a.jsonl%232 " in capsys.readouterr().out
    (tmp_path / "a.jsonl").unlink()
    assert main(["explain", str(tmp_path / "a.jsonl#2")]) == 0  # no a.jsonl: the file of that name
    assert "Sales grew" in capsys.readouterr().out


def test_labels_never_start_one_another(tmp_path):
    """Tails that would nest (x, then x/y) grow until no source under one label can equal one under another."""
    _write(tmp_path / "1" / "x", "y/z.txt")
    _write(tmp_path / "2" / "x" / "y", "z.txt")
    _write(tmp_path / "3" / "y", "z.txt")
    _write(tmp_path / "1" / "x", "inner/w.txt")
    roots = [tmp_path / "1" / "x", tmp_path / "2" / "x" / "y", tmp_path / "3" / "y", tmp_path / "1" / "x" / "inner"]
    sources = [f.source for f in list_inputs(roots, OPTS)]
    assert len(sources) == len(set(sources)) == 4  # the inner root is listed once, under its outer one
    assert "1/x/inner/w.txt" in sources
