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
    assert [d.source.rsplit("#", 1)[1] for d in docs] == ["3", "6", "7"]
    html = docs[0]
    assert html.extracted and html.format == "warc" and not html.error
    assert html.url == "https://example.org/a" and html.title == "Harbour record"
    assert html.text.split("\n\n")[0].startswith(PARA.format(n=1))
    assert "All rights reserved" not in html.text
    assert any(k == "crawl_date" for k, _ in html.meta)
    assert "\u6e2f\u53e3" in docs[1].text
    assert docs[2].text == "Plain text 3%." and not docs[2].extracted


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
    assert all(not d.error for d in docs[:-1])


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
