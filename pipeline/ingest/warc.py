"""WARC / WET files (plain or gzip) to RawDocs with warcio, streaming one record at a time.

Records are numbered from 1 in file order, counting every record (warcinfo and request records too),
so ``file.warc.gz#N`` names the N-th record whatever its kind. Documents are the ``response``,
``resource`` and ``conversion`` (WET text) records: each one gets exactly one RawDoc, so one
documents.csv row. HTML (main text through :mod:`pipeline.html`) and plain text are read; every other
document record is a row without text: ``empty`` for a payload that is not a text page ("not a text
page (image/png)"), an HTTP redirect or other non-2xx, non-error status ("HTTP 301"), ``error`` for an
HTTP error status ("HTTP 404") or a response record without an HTTP status line. A record without a
Content-Type is judged by its bytes (binary, HTML or plain text). ``request``, ``metadata``,
``warcinfo`` and ``revisit`` records describe a crawl, not a page: they are not documents and get no
row (their numbers are still counted). A truncated or corrupt file yields an error document for the
record that failed.
"""
from __future__ import annotations

import contextlib
import io
import logging
import re
import zlib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import IO

from .decode import decode, encoding_name, sniff_binary
from ..ids import doc_id, error_doc
from .html import extract_html
from .records import iso_date
from ..types import RawDoc

log = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TEXT_TYPES = ("text/plain",)
#: Content-Types that say nothing of the payload: its bytes decide (binary, HTML or plain text).
_UNTYPED = ("", "application/octet-stream", "binary/octet-stream", "application/warc-record")
_CHARSET = re.compile(r"charset\s{0,3}=\s{0,3}[\"']?([A-Za-z0-9_.:-]{1,40})", re.I)


def _content_type(rec) -> tuple[str, str]:
    """(mime type, charset) of a record's payload."""
    if rec.http_headers is not None:
        value = rec.http_headers.get_header("Content-Type") or ""
    else:
        value = rec.rec_headers.get_header("Content-Type") or ""
    mime = value.split(";")[0].strip().lower()
    m = _CHARSET.search(value)
    return mime, (m.group(1).lower() if m else "")


def _read(rec, limit: int) -> bytes | None:
    stream = rec.content_stream()
    data = stream.read(limit + 1)
    if len(data) > limit:
        while stream.read(1 << 20):
            pass
        return None
    return data


def _to_text(data: bytes, charset: str, html: bool) -> tuple[str, str]:
    """The record's text and the encoding it was read with (documents.csv ``encoding``): the charset its
    Content-Type declares (read as browsers do: :func:`~pipeline.ingest.decode.encoding_name`) when the bytes
    decode with it and carry no byte-order mark, else as
    :func:`~pipeline.ingest.decode.decode` finds it; ``("", "")`` for bytes that are no text."""
    name = encoding_name(charset) if charset else ""
    if name and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode(name), name
        except UnicodeError:  # an unusable declaration: the bytes decide
            pass
    dec = decode(data, html=html)
    return (dec.text, dec.encoding) if not dec.error else ("", "")


def _http_ok(rec) -> bool:
    """True when a response record's block starts with an HTTP status line."""
    headers = rec.http_headers
    if headers is None:
        return False
    return bool(re.fullmatch(r"[1-5]\d\d", (headers.get_statuscode() or "").strip()))


#: The WARC record types that are documents (one documents.csv row each).
DOCUMENT_RECORDS = ("response", "resource", "conversion")


def _status(rec) -> str:
    """The HTTP status code of a response record ("" when it has no HTTP headers)."""
    if rec.rec_type != "response" or rec.http_headers is None:
        return ""
    return (rec.http_headers.get_statuscode() or "").strip()


def _sniffed_type(rec, limit: int) -> tuple[str, bytes | None, str]:
    """(mime type, payload or None when too large, binary kind) of a record without a Content-Type."""
    data = _read(rec, limit)
    if data is None:
        return "", None, ""
    kind = sniff_binary(data[:4096])
    if kind:
        return "", data, kind
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    html = head.startswith((b"<!doctype html", b"<html", b"<head", b"<body")) or b"<html" in head[:512]
    return ("text/html" if html else "text/plain"), data, ""


def _record_doc(rec, src: str, fmt: str, limit: int, extract: bool = True) -> RawDoc | None:
    """The RawDoc of one record: None for a record that is not a document (request, metadata...); with
    ``extract`` False an HTML record is flagged ``extracted`` with no text instead of being extracted."""
    rtype = rec.rec_type
    if not rtype:
        return error_doc(src, f"corrupt WARC record {src.rsplit('#', 1)[1]}: no WARC-Type", fmt)
    if rtype not in DOCUMENT_RECORDS:
        return None
    url = rec.rec_headers.get_header("WARC-Target-URI") or ""
    crawl = rec.rec_headers.get_header("WARC-Date") or ""
    meta = (("crawl_date", crawl),) if crawl else ()
    out_fmt = "wet" if rtype == "conversion" else fmt

    def no_text(reason: str, error: bool = False) -> RawDoc:
        if error:
            return replace(error_doc(src, reason, out_fmt), url=url, meta=meta)
        return RawDoc(error_doc(src, "").doc_id, src, "", out_fmt, url=url, meta=meta + (("empty", reason),))

    mime, charset = _content_type(rec)
    status = _status(rec)
    if rtype == "response" and rec.http_headers is not None and not _http_ok(rec):
        return no_text("response record without an HTTP payload (no HTTP status line)", error=True)
    if status and not status.startswith("2"):
        reason = f"HTTP {status}"
        return no_text(reason, error=True) if status[0] in "45" else no_text(f"{reason}, no page")
    data: bytes | None = b""
    if rtype == "conversion" and not mime:
        mime = "text/plain"
    elif mime in _UNTYPED:
        mime, data, kind = _sniffed_type(rec, limit)
        if kind:
            return no_text(f"not a text page ({kind})")
    if mime not in _HTML_TYPES + _TEXT_TYPES:
        log.debug("%s: %s record of type %r has no text", src, rtype, mime)
        return no_text(f"not a text page ({mime[:60]})")
    is_html = rtype != "conversion" and mime in _HTML_TYPES
    if data == b"":
        data = _read(rec, limit)
    if data is None:
        return error_doc(src, f"too large (> {limit} bytes)", out_fmt)
    did = doc_id(data)
    if is_html and not extract:
        return RawDoc(did, src, "", out_fmt, url=url, extracted=True, meta=meta)
    text, encoding = _to_text(data, charset, is_html)
    meta += (("encoding", encoding),) if encoding else ()
    if not is_html:
        return RawDoc(did, src, text, out_fmt, url=url, meta=meta)
    res = extract_html(text, url)
    if res.error:
        return RawDoc(did, src, "", out_fmt, url=url, error=res.error, meta=meta)
    return RawDoc(did, src, res.text, out_fmt, url=url or res.url, title=res.title,
                  published=iso_date(res.published) or res.published, extracted=True, meta=meta + res.meta,
                  left_out=res.left_out)


def looks_like_warc(path: Path) -> bool:
    """True when the file (plain or gzip) starts with a ``WARC/`` version line."""
    with open(path, "rb") as fh:
        head = fh.read(4096)
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(wbits=31).decompress(head, 16)
        except zlib.error:
            return False
    return head.startswith(b"WARC/")


#: Longest WARC header line read (bytes); a longer one makes its record an error.
MAX_HEADER_LINE = 64 * 1024
#: Largest WARC header (all lines) read (bytes).
MAX_HEADER = 1024 * 1024
#: Bytes read from the file at a time.
_CHUNK = 1 << 16
_START = re.compile(rb"WARC/\d{1,3}\.\d{1,3}\r?\n")


class _Stream:
    """Decompressed bytes of a WARC file (plain, or gzip of one or many members) with look-ahead.

    A corrupt gzip member is skipped to the next member header; ``damage`` then says what was lost, and
    ``cut`` is set when the file ends inside a member.
    """

    def __init__(self, fh: IO[bytes]) -> None:
        self._fh = fh
        self._buf = bytearray()
        self._eof = False
        self.damage = ""
        self.cut = False
        self._gz = fh.read(2) == b"\x1f\x8b"
        fh.seek(0)
        self._z = zlib.decompressobj(wbits=31) if self._gz else None
        self._raw = b""

    def _more(self) -> bytes:
        if not self._gz:
            return self._fh.read(_CHUNK)
        out = bytearray()
        while not out:
            if not self._raw:
                self._raw = self._fh.read(_CHUNK)
                if not self._raw:
                    if self._z is not None and self._started:
                        self.cut = True
                    return bytes(out)
            if self._z is None:
                self._z, self._started = zlib.decompressobj(wbits=31), False
            data = self._raw
            if not self._started:
                data = data.lstrip(b"\x00")  # padding between members
                if not data:
                    self._raw = b""
                    continue
            try:
                out += self._z.decompress(data, _CHUNK)
                self._started = True
            except zlib.error as exc:
                self.damage = f"corrupt gzip data ({exc})"
                self._raw = self._resync(data[1:])
                self._z = None
                continue
            if self._z.eof:  # the rest of the input is in unused_data (unconsumed_tail may repeat it)
                self._raw = self._z.unused_data
                self._z = None
            else:
                self._raw = self._z.unconsumed_tail
        return bytes(out)

    _started = False

    def _resync(self, data: bytes) -> bytes:
        """The raw bytes from the next gzip member header on (reading on through the file)."""
        while True:
            at = data.find(b"\x1f\x8b\x08")
            if at >= 0:
                return data[at:]
            keep = data[-2:]
            more = self._fh.read(_CHUNK)
            if not more:
                return b""
            data = keep + more

    def _fill(self) -> bool:
        if self._eof:
            return False
        try:
            chunk = self._more()
        except (OSError, EOFError) as exc:
            self.damage, chunk = f"unreadable data ({exc})", b""
        if not chunk:
            self._eof = True
            return False
        self._buf += chunk
        return True

    def readline(self, limit: int) -> bytes:
        """Bytes up to and including the next newline, at most ``limit`` of them (b"" at the end)."""
        start = 0
        while True:
            at = self._buf.find(b"\n", start, limit)
            if at >= 0:
                return self._take(at + 1)
            if len(self._buf) >= limit:
                return self._take(limit)
            start = len(self._buf)
            if not self._fill():
                return self._take(len(self._buf))

    def read(self, n: int) -> bytes:
        """Up to ``n`` bytes (fewer only at the end of the data)."""
        while len(self._buf) < n and self._fill():
            pass
        return self._take(min(n, len(self._buf)))

    def peek(self, n: int) -> bytes:
        """The next ``n`` bytes without consuming them."""
        while len(self._buf) < n and self._fill():
            pass
        return bytes(self._buf[:n])

    def unread(self, data: bytes) -> None:
        """Put ``data`` back in front of the stream."""
        self._buf[:0] = data

    def _take(self, n: int) -> bytes:
        data = bytes(self._buf[:n])
        del self._buf[:n]
        return data


def _skip_to_start(stream: _Stream) -> int:
    """Skip to the next line that starts a WARC record (left unread); returns the bytes skipped."""
    skipped = 0
    at_line_start = True
    while True:
        line = stream.readline(_CHUNK)
        if not line:
            return skipped
        if at_line_start and _START.fullmatch(line):
            stream.unread(line)
            return skipped
        skipped += len(line)
        at_line_start = line.endswith(b"\n")


def _field(header: list[bytes], name: bytes) -> bytes | None:
    prefix = name.lower() + b":"
    for line in header[1:]:
        if line.lower().startswith(prefix):
            return line[len(prefix):].strip()
    return None


def _trailer_ok(stream: _Stream) -> bytes | None:
    """Consume the line ends after a block; their bytes when the next record (or the end) follows, else None."""
    seen = b""
    while len(seen) < 8:
        nxt = stream.peek(2)
        if nxt.startswith(b"\r\n"):
            seen += stream.read(2)
        elif nxt.startswith(b"\n"):
            seen += stream.read(1)
        else:
            break
    head = stream.peek(5)
    if not head or (seen and head == b"WARC/"):
        return seen
    stream.unread(seen)
    return None


def split_records(stream: _Stream, max_bytes: int) -> Iterator[tuple[bytes, str]]:
    """The records of a WARC stream in file order: ``(record bytes, "")`` or ``(b"", reason)`` for a damaged one.

    Header lines are bounded (:data:`MAX_HEADER_LINE`, :data:`MAX_HEADER`); a record whose Content-Length
    does not end it at the next record (or the end of the file) is an error and the next record is found
    by its ``WARC/`` line, so one bad record never hides the intact ones after it.
    """
    while True:
        line = stream.readline(MAX_HEADER_LINE + 1)
        while line in (b"\r\n", b"\n"):
            line = stream.readline(MAX_HEADER_LINE + 1)
        if stream.damage:  # a damaged gzip member between two records: that record is lost
            yield b"", stream.damage
            stream.damage = ""
            if not line:
                return
            if _START.fullmatch(line):
                stream.unread(line)
                continue
        if not line:
            if stream.cut:
                yield b"", "truncated (gzip data cut)"
            return
        if not _START.fullmatch(line):
            _skip_to_start(stream)
            yield b"", "no WARC/ line where a record starts"
            continue
        header, size, bad = [line], len(line), ""
        while True:
            h = stream.readline(MAX_HEADER_LINE + 1)
            if not h:
                bad = "truncated (the file ends inside the WARC header)"
                break
            if len(h) > MAX_HEADER_LINE:
                bad = f"WARC header line longer than {MAX_HEADER_LINE} bytes"
                break
            header.append(h)
            size += len(h)
            if h in (b"\r\n", b"\n"):
                break
            if size > MAX_HEADER:
                bad = f"WARC header longer than {MAX_HEADER} bytes"
                break
        if not bad and _field(header, b"WARC-Type") is None:
            bad = "no WARC-Type"
        length_text = _field(header, b"Content-Length") if not bad else b"0"
        if not bad and (length_text is None or not length_text.isdigit()):
            bad = "no valid Content-Length"
        if bad:
            _skip_to_start(stream)
            yield b"", bad
            if bad.startswith("truncated"):
                return
            continue
        length = int(length_text)
        if length > max_bytes:
            _skip_to_start(stream)
            yield b"", f"too large (> {max_bytes} bytes)"
            continue
        block = stream.read(length)
        damage = stream.damage
        trailer = _trailer_ok(stream) if len(block) == length else None
        if trailer is not None and not damage:
            yield b"".join(header) + block + b"\r\n\r\n", ""
            continue
        stream.unread(block)
        actual = _skip_to_start(stream)
        if damage or (stream.cut and not stream.peek(1)):
            yield b"", f"truncated ({damage or 'gzip data cut'})"
            if not stream.peek(1):
                return
        elif len(block) < length and not stream.peek(1):
            yield b"", f"truncated (the file ends {length - len(block)} bytes before its Content-Length)"
        else:
            yield b"", f"Content-Length {length} does not match its block of {actual} bytes"


def _parse(archive_iterator, data: bytes):
    """The warcio record of one record's bytes; HTTP headers are parsed only for a response record whose
    block is HTTP (Content-Type application/http, or none given)."""
    rec = next(iter(archive_iterator(io.BytesIO(data), no_record_parse=True)))
    ctype = (rec.rec_headers.get_header("Content-Type") or "").strip().lower()
    if rec.rec_type == "response" and (not ctype or ctype.startswith("application/http")):
        rec = next(iter(archive_iterator(io.BytesIO(data))))
    return rec


def iter_warc(path: Path, source: str, fmt: str, max_bytes: int, extract: bool = True) -> Iterator[RawDoc]:
    """RawDocs of the document records of one WARC/WET file, ``source#N`` per record (``extract`` as in
    :func:`_record_doc`).

    Records are split by :func:`split_records` and each is read by warcio on its own, so an exception in
    one record is that record's error row only.
    """
    from warcio.archiveiterator import ArchiveIterator

    if path.stat().st_size == 0:
        return
    if not looks_like_warc(path):
        yield error_doc(source, "not a WARC file (no WARC/ header)", fmt)
        return
    warnings = io.StringIO()  # warcio writes its warnings to stderr; keep them for the log
    with open(path, "rb") as fh:
        for n, (data, reason) in enumerate(split_records(_Stream(fh), max_bytes), start=1):
            src = f"{source}#{n}"
            if reason:
                if reason.startswith("truncated"):
                    reason = f"truncated WARC record {n} {reason.removeprefix('truncated').strip()}"
                elif not reason.startswith("too large"):
                    reason = f"corrupt WARC record {n}: {reason}"
                yield error_doc(src, reason, fmt)
                continue
            try:
                with contextlib.redirect_stderr(warnings):
                    rec = _parse(ArchiveIterator, data)
                    doc = _record_doc(rec, src, fmt, max_bytes, extract)
            except Exception as exc:  # warcio raises many kinds of errors on damaged records
                log.debug("%s: record %d", source, n, exc_info=True)
                detail = " ".join(str(exc).split())[:120]
                yield error_doc(src, f"corrupt WARC record {n}: {type(exc).__name__}: {detail}", fmt)
                continue
            finally:
                if warnings.tell():
                    log.debug("%s: warcio: %s", source, warnings.getvalue().strip())
                    warnings.seek(0)
                    warnings.truncate()
            if doc is not None:
                yield doc
