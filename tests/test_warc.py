"""Tests for pipeline.ingest.warc: WARC/WET records written with warcio, numbering, truncation."""
from __future__ import annotations

import io

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pipeline.ingest.warc import iter_warc

PARA = "The harbour handled {n} million containers in the first quarter, up 4.5 percent from a year earlier."
PAGE = ("<html><head><title>Harbour record</title><meta charset='{cs}'></head><body><article>"
        + "".join(f"<p>{PARA.format(n=i)} More words follow here to make the paragraph long enough.</p>"
                  for i in range(1, 6))
        + "</article><footer>All rights reserved</footer></body></html>")


def _response(writer, url, body: bytes, ctype="text/html; charset=utf-8", status="200 OK"):
    http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    return writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)


def write_warc(path, gz=True):
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=gz)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "test"}))  # 1
        req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)
        w.write_record(w.create_warc_record("https://example.org/a", "request", http_headers=req))  # 2
        w.write_record(_response(w, "https://example.org/a", PAGE.format(cs="utf-8").encode()))  # 3
        w.write_record(_response(w, "https://example.org/logo.png", b"\x89PNG\r\n\x1a\n", "image/png"))  # 4
        w.write_record(_response(w, "https://example.org/missing", b"<html>gone</html>", status="404 Not Found"))  # 5
        w.write_record(_response(w, "https://example.org/gbk", PAGE.format(cs="gbk").replace(
            "harbour", "\u6e2f\u53e3").encode("gbk"), "text/html; charset=gbk"))  # 6
        w.write_record(_response(w, "https://example.org/t.txt", b"Plain text 3%.", "text/plain"))  # 7


def write_wet(path):
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "test"}))
        for i, text in enumerate(["First page text, 12 million.", "Second page, 7%."]):
            rec = w.create_warc_record(f"https://example.org/{i}", "conversion",
                                       payload=io.BytesIO(text.encode()),
                                       warc_content_type="text/plain")
            w.write_record(rec)


@pytest.mark.parametrize("gz", [True, False])
def test_warc_documents_and_numbering(tmp_path, gz):
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    write_warc(path, gz)
    docs = list(iter_warc(path, path.name, "warc", 1_000_000))
    assert [d.source.rsplit("#", 1)[1] for d in docs] == ["3", "4", "5", "6", "7"]  # request, warcinfo: no row
    png, missing = docs[1], docs[2]
    assert (png.text, png.error, dict(png.meta)["empty"]) == ("", "", "not a text page (image/png)")
    assert missing.error == "HTTP 404" and missing.url == "https://example.org/missing"
    docs = [docs[0], docs[3], docs[4]]
    html = docs[0]
    assert html.extracted and html.format == "warc" and not html.error
    assert html.url == "https://example.org/a" and html.title == "Harbour record"
    assert html.text.split("\n\n")[0].startswith(PARA.format(n=1))
    assert "All rights reserved" not in html.text
    assert any(k == "crawl_date" for k, _ in html.meta)
    assert "\u6e2f\u53e3" in docs[1].text
    assert docs[2].text == "Plain text 3%." and not docs[2].extracted
    # the encoding each record was read with, as documents.csv shows it (a declared GBK read as GB18030)
    assert [dict(d.meta).get("encoding") for d in docs] == ["utf-8", "gb18030", "utf-8"]


def test_wet_conversion_records(tmp_path):
    path = tmp_path / "crawl.wet.gz"
    write_wet(path)
    docs = list(iter_warc(path, path.name, "wet", 1_000_000))
    assert [(d.source, d.format, d.text) for d in docs] == [
        ("crawl.wet.gz#2", "wet", "First page text, 12 million."),
        ("crawl.wet.gz#3", "wet", "Second page, 7%."),
    ]
    assert docs[0].url == "https://example.org/0"


def test_record_over_limit_is_reported(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    write_warc(path)
    docs = list(iter_warc(path, path.name, "warc", 100))
    assert docs[0].error.startswith("too large") and docs[0].source == "crawl.warc.gz#3"
    assert docs[-1].text == "Plain text 3%."


@pytest.mark.parametrize("keep", [0.5, 0.8, 0.95])
def test_truncated_warc_keeps_good_records(tmp_path, keep):
    path = tmp_path / "crawl.warc.gz"
    write_warc(path)
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    docs = list(iter_warc(path, path.name, "warc", 1_000_000))
    assert docs, "a truncated file still reports something"
    assert docs[-1].error and "WARC record" in docs[-1].error
    assert all(d.error in ("", "HTTP 404") for d in docs[:-1])


@pytest.mark.parametrize("data", [b"", b"not a warc at all\n" * 10, b"\x1f\x8b\x08\x00garbage"])
def test_garbage_warc_never_raises(tmp_path, data, capsys):
    path = tmp_path / "x.warc"
    path.write_bytes(data)
    docs = list(iter_warc(path, path.name, "warc", 1_000))
    assert all(d.error for d in docs)
    assert len(docs) == (0 if not data else 1)
    assert capsys.readouterr().err == "", "warcio warnings do not reach the terminal"


@pytest.mark.parametrize(
    "data,reason",
    [(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 999\r\n\r\nshort", "truncated WARC record 1"),
     (b"WARC/1.0\r\ngarbage\r\n\r\n" * 5, "corrupt WARC record 1: no WARC-Type")],
    ids=["no-target-uri", "no-type"],
)
def test_damaged_headers_are_reported_by_record(tmp_path, data, reason, capsys):
    path = tmp_path / "x.warc"
    path.write_bytes(data)
    docs = list(iter_warc(path, path.name, "warc", 1_000))
    assert docs[0].error.startswith(reason) and docs[0].source == "x.warc#1"
    assert capsys.readouterr().err == ""


def test_a_lying_content_length_is_an_error_not_a_cut_document(shared_datadir):
    path = shared_datadir / "hostile" / "warc_bad_records.warc"
    docs = {d.source.rsplit("#", 1)[1]: d for d in iter_warc(path, path.name, "warc", 1_000_000)}
    assert sorted(docs) == ["1", "2", "3", "4", "5", "6", "7"]
    ok = [d for d in docs.values() if not d.error]
    assert {d.url for d in ok} == {f"https://example.org/{n}" for n in (1, 3, 5, 7)}
    assert all(d.text.endswith("officials said on Monday.") for d in ok)  # none is cut short


def test_a_huge_header_line_is_bounded(tmp_path):
    import gzip

    from pipeline.ingest import warc as W

    line = b"X-Junk: " + b"A" * (W.MAX_HEADER_LINE * 40) + b"\r\n"
    good = (b"WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: https://example.org/t.txt\r\n"
            b"Content-Type: text/plain\r\nContent-Length: 14\r\n\r\nPlain text 3%.\r\n\r\n")
    path = tmp_path / "big.warc.gz"
    path.write_bytes(gzip.compress(b"WARC/1.0\r\nWARC-Type: resource\r\n" + line + b"\r\n\r\n") + gzip.compress(good))
    docs = list(iter_warc(path, path.name, "warc", 1_000_000))
    assert "header line longer" in docs[0].error
    assert docs[1].text == "Plain text 3%."


def _raw(rtype: str, url: str, ctype: str, body: bytes) -> bytes:
    """One gzip member holding a WARC record whose block has no HTTP headers."""
    import gzip

    head = (f"WARC/1.0\r\nWARC-Type: {rtype}\r\nWARC-Target-URI: {url}\r\nWARC-Date: 2024-05-02T00:00:00Z\r\n"
            f"WARC-Record-ID: <urn:x:{url}>\r\n" + (f"Content-Type: {ctype}\r\n" if ctype else "") +
            f"Content-Length: {len(body)}\r\n\r\n").encode()
    return gzip.compress(head + body + b"\r\n\r\n", mtime=0)


def write_mixed(path):
    """Every kind of record: crawl records (no rows) and document records (one row each)."""
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=True)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "test"}))  # 1: not a document
        req = StatusAndHeaders("GET /p HTTP/1.1", [("Host", "example.org")], is_http_request=True)
        w.write_record(w.create_warc_record("https://example.org/p", "request", http_headers=req))  # 2: not
        w.write_record(_response(w, "https://example.org/p.pdf", b"%PDF-1.4\n%...", "application/pdf"))  # 3
        w.write_record(_response(w, "https://example.org/gone", b"<html>no</html>", status="500 Oops"))  # 4
        w.write_record(_response(w, "https://example.org/old", b"", status="301 Moved Permanently"))  # 5
        w.write_record(w.create_warc_record("https://example.org/m", "metadata", payload=io.BytesIO(b"a: 1"),
                                            warc_content_type="application/warc-fields"))  # 6: not
        fh.write(_raw("response", "https://example.org/bare", "application/octet-stream", b"\x00\x01 raw"))  # 7
        fh.write(_raw("resource", "https://example.org/r.txt", "", b"Untyped text: 41 sheep."))  # 8
        fh.write(_raw("resource", "https://example.org/r.png", "", b"\x89PNG\r\n\x1a\n\x00\x00"))  # 9
        w.write_record(w.create_warc_record("https://example.org/r.jpg", "resource",
                                            payload=io.BytesIO(b"\xff\xd8\xff\xe0"), warc_content_type="image/jpeg"))
        fh.write(_raw("response", "https://example.org/bare.html", "text/html",
                      b"<html><body><p>Bare page with 12 boats in the harbour today.</p></body></html>"))  # 11


def test_every_document_record_gets_one_row(tmp_path):
    path = tmp_path / "mixed.warc.gz"
    write_mixed(path)
    docs = {d.source.rsplit("#", 1)[1]: d for d in iter_warc(path, path.name, "warc", 1_000_000)}
    assert sorted(docs, key=int) == ["3", "4", "5", "7", "8", "9", "10", "11"]
    empty = {n: dict(d.meta).get("empty", "") for n, d in docs.items()}
    assert empty["3"] == "not a text page (application/pdf)" and not docs["3"].error
    assert docs["4"].error == "HTTP 500"
    assert empty["5"] == "HTTP 301, no page" and not docs["5"].error
    assert empty["7"] == "not a text page (binary)" and not docs["7"].error
    assert docs["8"].text == "Untyped text: 41 sheep."
    assert empty["9"].startswith("not a text page (png") and empty["10"] == "not a text page (image/jpeg)"
    assert "12 boats" in docs["11"].text
    for d in docs.values():  # each row is text, or one reason on one line
        assert d.text or d.error or empty[d.source.rsplit("#", 1)[1]]
        assert "\n" not in d.error and all(d.url for d in docs.values())
    again = [(d.source, d.doc_id, d.error, d.meta) for d in iter_warc(path, path.name, "warc", 1_000_000)]
    assert again == [(d.source, d.doc_id, d.error, d.meta) for d in docs.values()]
