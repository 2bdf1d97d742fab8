"""WARC / WET files (plain or gzip) to RawDocs with warcio, streaming one record at a time.

Records are numbered from 1 in file order, counting every record (warcinfo and request records too),
so ``file.warc.gz#N`` names the N-th record. Documents are: ``response`` and ``resource`` records
holding HTML (main text through :mod:`pipeline.html`) or plain text, and ``conversion`` records (WET
text). Other records (warcinfo, request, metadata, revisit, images, scripts...) are not documents
and are skipped. A truncated or corrupt file yields an error document for the record that failed.
"""
from __future__ import annotations

import contextlib
import io
import logging
import re
import zlib
from collections.abc import Iterator
from pathlib import Path

from .decode import decode
from ..ids import doc_id, error_doc
from .html import extract_html
from .records import iso_date
from ..types import RawDoc

log = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TEXT_TYPES = ("text/plain",)
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


def _to_text(data: bytes, charset: str, html: bool) -> str:
    if charset and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    dec = decode(data, html=html)
    return dec.text if not dec.error else ""


def _record_doc(rec, src: str, fmt: str, limit: int) -> RawDoc | None:
    rtype = rec.rec_type
    if not rtype:
        return error_doc(src, f"corrupt WARC record {src.rsplit('#', 1)[1]}: no WARC-Type", fmt)
    if rtype not in ("response", "resource", "conversion"):
        return None
    mime, charset = _content_type(rec)
    is_html = rtype != "conversion" and mime in _HTML_TYPES
    if not is_html and mime not in _TEXT_TYPES and not (rtype == "conversion" and not mime):
        log.debug("%s: skipping %s record of type %r", src, rtype, mime)
        return None
    if rtype == "response" and rec.http_headers is not None:
        status = rec.http_headers.get_statuscode() or ""
        if status and not status.startswith("2"):
            log.debug("%s: skipping HTTP %s response", src, status)
            return None
    url = rec.rec_headers.get_header("WARC-Target-URI") or ""
    crawl = rec.rec_headers.get_header("WARC-Date") or ""
    meta = (("crawl_date", crawl),) if crawl else ()
    out_fmt = "wet" if rtype == "conversion" else fmt
    data = _read(rec, limit)
    if data is None:
        return error_doc(src, f"too large (> {limit} bytes)", out_fmt)
    did = doc_id(data)
    text = _to_text(data, charset, is_html)
    if not is_html:
        return RawDoc(did, src, text, out_fmt, url=url, meta=meta)
    res = extract_html(text, url)
    if res.error:
        return RawDoc(did, src, "", out_fmt, url=url, error=res.error, meta=meta)
    return RawDoc(did, src, res.text, out_fmt, url=url or res.url, title=res.title,
                  published=iso_date(res.published) or res.published, extracted=True, meta=meta + res.meta)


def _truncated(rec) -> bool:
    """Read what is left of a record's block; True when the file ended before its Content-Length."""
    raw = rec.raw_stream
    while raw.read(1 << 20):
        pass
    return getattr(raw, "limit", 0) > 0


def _gzip_complete(path: Path) -> bool:
    """False when a gzip file ends inside a member (plain files count as complete)."""
    with open(path, "rb") as fh:
        if fh.read(2) != b"\x1f\x8b":
            return True
        fh.seek(0)
        d, fed = zlib.decompressobj(wbits=31), False
        try:
            while chunk := fh.read(1 << 20):
                while chunk:
                    if not fed and chunk[:1] == b"\x00":
                        chunk = chunk.lstrip(b"\x00")  # zero padding between or after members
                        continue
                    fed = True
                    d.decompress(chunk, 1 << 20)
                    chunk = d.unconsumed_tail
                    if d.eof:
                        chunk = d.unused_data
                        d, fed = zlib.decompressobj(wbits=31), False
        except zlib.error:
            return False
    return not fed


def _looks_like_warc(path: Path) -> bool:
    with open(path, "rb") as fh:
        head = fh.read(4096)
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(wbits=31).decompress(head, 16)
        except zlib.error:
            return False
    return head.startswith(b"WARC/")


def iter_warc(path: Path, source: str, fmt: str, max_bytes: int) -> Iterator[RawDoc]:
    """RawDocs of the document records of one WARC/WET file, ``source#N`` per record."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    if path.stat().st_size == 0:
        return
    if not _looks_like_warc(path):
        yield error_doc(source, "not a WARC file (no WARC/ header)", fmt)
        return
    n = 0
    warnings = io.StringIO()  # warcio writes its warnings to stderr; keep them for the log
    with open(path, "rb") as fh:
        it = iter(ArchiveIterator(fh))
        while True:
            rec = None
            try:
                with contextlib.redirect_stderr(warnings):
                    rec = next(it)
                    n += 1
                    doc = _record_doc(rec, f"{source}#{n}", fmt, max_bytes)
                    cut = _truncated(rec)
            except StopIteration:
                if not _gzip_complete(path):
                    yield error_doc(f"{source}#{n + 1}", f"truncated WARC record {n + 1} (gzip data cut)", fmt)
                return
            except Exception as exc:  # warcio raises many kinds of errors on damaged input
                k = n if rec is not None else n + 1
                log.debug("%s: record %d", source, k, exc_info=True)
                reason = type(exc).__name__
                if isinstance(exc, ArchiveLoadFailed):
                    reason = str(exc).split("\n")[0][:120]
                yield error_doc(f"{source}#{k}", f"corrupt WARC record {k}: {reason}", fmt)
                return
            finally:
                if warnings.tell():
                    log.debug("%s: warcio: %s", source, warnings.getvalue().strip())
                    warnings.seek(0)
                    warnings.truncate()
            if cut:
                yield error_doc(f"{source}#{n}", f"truncated WARC record {n}", doc.format if doc else fmt)
                return
            if doc is not None:
                yield doc
