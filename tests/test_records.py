"""Tests for pipeline.ingest.records: crawler fields, field mapping, dates, malformed and truncated input."""
from __future__ import annotations

import io
import json

import pytest

from pipeline.ingest import records as R

BODY = "Exports rose 4.5% to 1,250 units in 2023."
PAGE = ("<html><head><title>Port page</title></head><body><article>"
        + "".join(f"<p>{BODY} Paragraph {i} adds some more words to make it an article.</p>" for i in range(5))
        + "</article></body></html>")


def one(record, field_map=None, fmt="jsonl"):
    raw = json.dumps(record).encode()
    return R.record_doc(record, "f.jsonl#1", raw, fmt, field_map or {})


def test_news_please_record():
    doc = one({"title": " Port  record ", "maintext": BODY, "date_publish": "2023-05-02 09:15:00",
               "url": "https://example.org/a", "language": "en", "source_domain": "example.org",
               "description": "lead"})
    assert (doc.text, doc.title, doc.published, doc.url) == (BODY, "Port record", "2023-05-02T09:15:00",
                                                           "https://example.org/a")
    assert ("language", "en") in doc.meta and ("source_domain", "example.org") in doc.meta
    assert not doc.error and not doc.extracted and doc.format == "jsonl"


@pytest.mark.parametrize(("record", "tag"), [
    ({"lang": "de"}, "de"), ({"inLanguage": "fr-FR"}, "fr-FR"), ({"locale": "es_ES"}, "es_ES"),
    ({"language": "en", "lang": "de"}, "en"), ({"lang": " "}, None), ({"lang": ["de"]}, None),
])
def test_a_language_tag_under_any_usual_field_name_is_kept_as_language(record, tag):
    meta = one({"text": BODY, "source_domain": "example.org", **record}).meta
    assert [v for k, v in meta if k == "language"] == ([tag] if tag else [])
    assert meta[0] == ("source_domain", "example.org")


@pytest.mark.parametrize("name", ["maintext", "text", "content", "body", "articleBody"])
def test_generic_text_fields(name):
    assert one({name: BODY}).text == BODY


def test_maintext_wins_over_text():
    assert one({"text": "other", "maintext": BODY}).text == BODY


def test_paragraph_list_is_joined_with_blank_lines():
    assert one({"text": ["First.", " ", "Second."]}).text == "First.\n\nSecond."


@pytest.mark.parametrize("record", [{"html": PAGE, "url": "https://example.org/p"},
                                    {"content": PAGE, "url": "https://example.org/p"}])
def test_html_fields_go_through_extraction(record):
    doc = one(record)
    assert doc.extracted and not doc.error
    assert doc.text.startswith(BODY) and "<p>" not in doc.text
    assert "\n\n" in doc.text
    assert doc.url == "https://example.org/p"
    assert doc.title == "Port page"


@pytest.mark.parametrize(
    "record,field_map",
    [({"body_text": BODY, "text": "no"}, {"text": "body_text"}),
     ({"article": {"body": BODY}}, {"text": "article.body"}),
     ({"page": PAGE, "text": "ignored"}, {"html": "page"})],
)
def test_field_mapping(record, field_map):
    assert one(record, field_map).text.startswith(BODY)


def test_field_mapping_for_metadata():
    doc = one({"body": BODY, "headline_x": "T", "when": "2023-01-02", "link_x": "u"},
              {"title": "headline_x", "published": "when", "url": "link_x"})
    assert (doc.title, doc.published, doc.url) == ("T", "2023-01-02", "u")


@pytest.mark.parametrize(
    "value,expected",
    [("2023-05-02", "2023-05-02"),
     ("2023-05-02 09:15:00", "2023-05-02T09:15:00"),
     ("2023-05-02T09:15:00Z", "2023-05-02T09:15:00+00:00"),
     ("2014-01-26 21:32:46 UTC", "2014-01-26T21:32:46+00:00"), ("2014-01-26 21:32 gmt", "2014-01-26T21:32:00+00:00"),
     ("2014-01-26T21:32:46.000+0000", "2014-01-26T21:32:46+00:00"), ("UTC", ""), ("2014-01-26 21:32 EST", "2014-01-26T21:32:00"), ("2014-01-26 today", ""),
     ("Tue, 02 May 2023 09:15:00 +0800", "2023-05-02T09:15:00+08:00"),
     (1683018900, "2023-05-02T09:15:00+00:00"),
     (1683018900000, "2023-05-02T09:15:00+00:00"),
     ("yesterday", ""), ("", ""), (None, ""), (True, ""), ("9" * 500, "")],
)
def test_iso_date(value, expected):
    assert R.iso_date(value) == expected


def test_unreadable_date_is_kept_in_meta():
    doc = one({"text": BODY, "date": "last Tuesday"})
    assert doc.published == "" and ("published_raw", "last Tuesday") in doc.meta


@pytest.mark.parametrize("record,kind", [([1, 2], "list"), ("text", "str"), (3, "int"), (None, "NoneType")])
def test_non_object_record_is_an_error(record, kind):
    doc = one(record)
    assert doc.error == f"record is not a JSON object ({kind})" and doc.text == ""


def test_record_without_text_is_empty_not_error():
    doc = one({"title": "Only a title"})
    assert doc.text == "" and doc.error == ""


def jsonl(*lines: bytes, max_bytes: int = 10_000):
    return list(R.iter_jsonl(io.BytesIO(b"\n".join(lines) + b"\n"), "f.jsonl", max_bytes, {}))


def test_jsonl_keeps_good_lines_and_reports_bad_ones_by_line_number():
    good = json.dumps({"text": BODY}).encode()
    docs = jsonl(good, b'{"text": "cut', b"", b"[1, 2", b"\xef\xbb\xbfnot json", good)
    assert [d.source for d in docs] == ["f.jsonl#1", "f.jsonl#2", "f.jsonl#4", "f.jsonl#5", "f.jsonl#6"]
    assert [bool(d.error) for d in docs] == [False, True, True, True, False]
    assert docs[1].error.startswith("malformed JSON on line 2")
    assert docs[0].text == docs[4].text == BODY


def test_jsonl_doc_id_is_hash_of_the_line():
    import hashlib

    line = json.dumps({"text": BODY}).encode()
    (doc,) = jsonl(line)
    assert doc.doc_id == "d" + hashlib.sha256(line).hexdigest()[:15]


def test_jsonl_bom_and_crlf_and_legacy_bytes():
    docs = list(R.iter_jsonl(io.BytesIO(b'\xef\xbb\xbf{"text": "a"}\r\n{"text": "caf\xe9 5%"}\r\n'), "f", 1000, {}))
    assert [d.text for d in docs] == ["a", "caf\ufffd 5%"]  # JSON is UTF-8: bad bytes replaced


def test_jsonl_line_over_limit_is_reported_and_skipped():
    big = json.dumps({"text": "x" * 5_000}).encode()
    docs = jsonl(big, json.dumps({"text": BODY}).encode(), max_bytes=1_000)
    assert docs[0].error.startswith("too large (") and docs[0].source == "f.jsonl#1"
    assert docs[1].text == BODY and docs[1].source == "f.jsonl#2"


def test_jsonl_deeply_nested_line_is_an_error():
    (doc,) = jsonl(b"[" * 100_000, max_bytes=1_000_000)
    assert doc.error.startswith("malformed JSON on line 1")


def test_json_list_numbers_items():
    text = json.dumps([{"text": "a"}, {"text": "b"}, {"text": "c"}])
    assert [(d.source, d.text) for d in R.iter_json(text, "f.json", {})] == [
        ("f.json#1", "a"), ("f.json#2", "b"), ("f.json#3", "c")]


@pytest.mark.parametrize("cut", [0.5, 0.9, 0.99])
def test_truncated_json_list_keeps_complete_items(cut):
    text = json.dumps([{"text": f"item {i}"} for i in range(10)])
    text = text[: int(len(text) * cut)]
    docs = list(R.iter_json(text, "f.json", {}))
    good = [d for d in docs if not d.error]
    assert [d.text for d in good] == [f"item {i}" for i in range(len(good))]
    assert docs[-1].error and docs[-1].source == f"f.json#{len(good) + 1}"
    assert len(good) >= int(9 * cut) - 1


def test_json_single_object_and_wrapper():
    (doc,) = R.iter_json(json.dumps({"text": BODY}), "f.json", {})
    assert doc.source == "f.json" and doc.text == BODY
    docs = list(R.iter_json(json.dumps({"count": 2, "articles": [{"text": "a"}, {"text": "b"}]}), "f.json", {}))
    assert [(d.source, d.text) for d in docs] == [("f.json#1", "a"), ("f.json#2", "b")]


@pytest.mark.parametrize("text", ["", "   ", "{", "nul", "[1, 2,, 3]", '"just a string"'])
def test_broken_json_files_never_raise(text):
    docs = list(R.iter_json(text, "f.json", {}))
    assert docs and all(d.error and not d.text for d in docs)


# --- wrong field types are errors; every empty record says why --------------------------------------------

def test_wrong_field_types_are_errors_and_empty_records_say_why(shared_datadir):
    from pipeline.ingest.listing import IngestOptions, empty_reason, list_inputs, read_input

    opts = IngestOptions()
    docs = [d for f in list_inputs([shared_datadir / "hostile" / "wrong_types.jsonl"], opts) for d in read_input(f, opts)]
    got = {d.title: (d.error, empty_reason(d) if not d.error and not d.text.strip() else "") for d in docs}
    assert got["number"][0].startswith("field 'text' holds a number, not text")
    assert got["list"][0].startswith("field 'text' holds a list of number, not text")
    assert got["object"][0].startswith("field 'text' holds an object, not text")
    assert got["bool"][0].startswith("field 'maintext' holds a boolean, not text")
    assert got["null"] == ("", "null text (field 'text')")
    assert got["no field"][1].startswith("no text field")
    assert got["blank"] == ("", "whitespace only (field 'text')")
    assert got["ok"] == ("", "")


def test_a_wrong_typed_field_does_not_hide_a_good_one():
    doc = one({"text": 12, "body": BODY})
    assert doc.text == BODY and not doc.error


def test_an_author_list_is_one_cell_of_names():
    meta = dict(one({"text": BODY, "authors": ["Jane Doe", "Ann Lee, Energy Correspondent"]}).meta)
    assert meta["authors"] == "Jane Doe; Ann Lee"
    meta = dict(one({"text": BODY, "author": "Jane Doe; Energy Correspondent"}).meta)
    assert meta["author"] == "Jane Doe"
