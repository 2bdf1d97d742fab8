"""Bytes to text: byte-order marks, declared and detected encodings, binary and gzip sniffing.

Every function here is linear in the input size and never raises for bad bytes: invalid sequences
are replaced (U+FFFD) and a file that is not text at all is reported through :class:`Decoded.error`.
"""
from __future__ import annotations

import codecs
import logging
import re
import zlib
from dataclasses import dataclass

log = logging.getLogger(__name__)

#: Bytes fed to the encoding detector: enough for a verdict, bounded for huge single-line files.
DETECT_SAMPLE = 256 * 1024
#: Share of control bytes (other than tab, newline, carriage return, form feed, escape) above which
#: a sample is binary.
CONTROL_RATIO = 0.10

#: Share of NUL bytes up to which a sample is still text (the NULs are replaced).
NUL_RATIO = 0.001

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: Magic numbers of common binary formats: (prefix, name).
_MAGIC = (
    (b"\x1f\x8b", "gzip"),
    (b"PK\x03\x04", "zip"),
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"\x7fELF", "elf"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole2"),
    (b"PAR1", "parquet"),
    (b"SQLite format 3\x00", "sqlite"),
    (b"RIFF", "riff"),
    (b"OggS", "ogg"),
    (b"ID3", "mp3"),
    (b"wOFF", "woff"),
    (b"wOF2", "woff2"),
)

#: Single-byte code pages of Latin scripts, among which Windows-1252 is preferred when it fits.
_LATIN = frozenset(codecs.lookup(n).name for n in (
    "cp1250", "cp1252", "cp1254", "cp1257", "cp1258", "cp775", "cp850", "cp852", "cp858", "cp437",
    "latin-1", "iso8859-2", "iso8859-3", "iso8859-4", "iso8859-9", "iso8859-10", "iso8859-13",
    "iso8859-14", "iso8859-15", "iso8859-16", "mac-latin2", "mac-roman", "mac-iceland", "mac-turkish"))
_CONTROL = bytes(c for c in range(32) if c not in (9, 10, 12, 13, 27))
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s{0,5}=\s{0,5}["']?\s{0,5}([A-Za-z0-9_.:-]{1,40})""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]{0,100}?encoding\s{0,5}=\s{0,5}["']([A-Za-z0-9_.:-]{1,40})""", re.I)
#: Declared names that mean something wider in practice (WHATWG encoding standard).
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "iso-8859-1": "cp1252", "latin-1": "cp1252",
            "latin1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252", "iso-8859-9": "cp1254",
            "tis-620": "cp874", "ks_c_5601-1987": "cp949", "euc-kr": "cp949", "shift_jis": "cp932",
            "x-sjis": "cp932", "big5": "big5hkscs"}


@dataclass(frozen=True)
class Decoded:
    """Result of :func:`decode`: the text, the encoding used, notes, or an error."""

    text: str = ""
    encoding: str = ""
    notes: tuple[str, ...] = ()
    error: str = ""


#: Magic numbers made of printable ASCII: they name a format only when the bytes are not clean text.
_TEXT_LIKE_MAGIC = frozenset({"gif", "bzip2", "parquet", "riff", "ogg", "mp3", "woff", "woff2"})


def sniff_binary(data: bytes) -> str:
    """Name of the binary format of ``data`` ("gzip", "pdf", "binary", ...), or "" for text."""
    sample = data[:DETECT_SAMPLE]
    for magic, name in _MAGIC:
        if data.startswith(magic):
            if name in _TEXT_LIKE_MAGIC and _clean_text(sample):
                break  # a text that happens to start with "ID3", "BZh", "RIFF"...
            return name
    if not sample or bom_encoding(sample):
        return ""
    nuls = sample.count(0)
    if nuls:
        # UTF-16 without BOM shows NULs on every other byte; a few stray NULs in text are replaced.
        if _utf16_without_bom(sample) or nuls <= NUL_RATIO * len(sample):
            return ""
        return "binary"
    controls = len(sample) - len(sample.translate(None, _CONTROL))
    if controls > CONTROL_RATIO * len(sample):
        return "binary"
    return ""


def binary_reason(kind: str) -> str:
    """The one-line reason for a binary input: "binary file (png)", or "binary file" when no format is known."""
    return "binary file" if kind == "binary" else f"binary file ({kind})"


def _clean_text(sample: bytes) -> bool:
    """True for valid UTF-8 (a character cut at the end allowed) without NUL or other control bytes."""
    return _is_utf8(sample, cut_ok=True) and len(sample.translate(None, _CONTROL + b"\x00")) == len(sample)


def is_gzip(data: bytes) -> bool:
    """True when ``data`` starts with the gzip magic number."""
    return data[:2] == b"\x1f\x8b"


def gunzip(data: bytes, limit: int) -> bytes:
    """Decompress gzip ``data`` (all members; bytes after the last complete member that are not gzip are
    ignored); raise ValueError past ``limit`` bytes or when corrupt or cut."""
    out = bytearray()
    d = zlib.decompressobj(wbits=31)
    rest = data
    while rest:
        try:
            out += d.decompress(rest, max(1, limit + 1 - len(out)))
        except zlib.error as exc:
            raise ValueError(f"corrupt gzip data ({exc})") from None
        if len(out) > limit:
            raise ValueError(f"too large after decompression (> {limit} bytes)")
        if d.unconsumed_tail:
            rest = d.unconsumed_tail
            continue
        if d.eof:
            rest = d.unused_data.lstrip(b"\x00")
            if rest and not is_gzip(rest):
                log.debug("ignoring %d bytes of trailing data after the last gzip member", len(rest))
                break  # trailing garbage after a complete member (a download tool's footer): the data is whole
            d = zlib.decompressobj(wbits=31) if rest else d
            continue
        raise ValueError("truncated gzip data")
    if not d.eof:
        raise ValueError("truncated gzip data")
    return bytes(out)


def bom_encoding(data: bytes) -> str:
    """Encoding named by a byte-order mark at the start of ``data``, or ""."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return ""


def _utf16_without_bom(sample: bytes) -> str:
    even, odd = sample[0::2], sample[1::2]
    n = max(1, len(sample) // 2)
    if odd.count(0) > 0.4 * n and even.count(0) < 0.05 * n:
        return "utf-16-le"
    if even.count(0) > 0.4 * n and odd.count(0) < 0.05 * n:
        return "utf-16-be"
    return ""


def _is_utf8(data: bytes, cut_ok: bool = False) -> bool:
    """True for valid UTF-8; with ``cut_ok`` a character cut at the end of a sample is allowed."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return cut_ok and exc.reason == "unexpected end of data" and exc.start >= len(data) - 3
    return True


def _utf8_or_none(data: bytes) -> str | None:
    """``data`` decoded as UTF-8, or None when it is not valid UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _fits(sample: bytes, encoding: str) -> bool:
    """True when ``sample`` decodes in ``encoding`` with at most one bad byte per 1000."""
    text = sample.decode(encoding, errors="replace")
    return text.count("\ufffd") <= len(sample) // 1000


def encoding_name(declared: str) -> str:
    """Python's name of the encoding a page or header declares, read as browsers read it (WHATWG: a declared
    ISO-8859-1 is Windows-1252, GB2312 is GB18030...); "" for a name Python does not know."""
    name = declared.strip().lower()
    try:
        return codecs.lookup(_ALIASES.get(name, name)).name
    except LookupError:
        return ""


def declared_encoding(data: bytes) -> str:
    """Encoding declared in the first bytes of an HTML/XML page (meta charset, XML declaration)."""
    head = data[:4096]
    m = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    if not m:
        return ""
    name = encoding_name(m.group(1).decode("ascii"))
    if not name:
        return ""
    # A page cannot really be UTF-16 once its declaration was readable as ASCII.
    return "" if name.startswith(("utf-16", "utf-32")) else name


def _mostly_utf8(sample: bytes) -> bool:
    """True when ``sample`` is UTF-8 with a few bad bytes: it holds valid non-ASCII UTF-8 characters, and
    either they outnumber the invalid bytes or the invalid bytes are at most 1 % of the sample (and the valid
    characters are more than one chance pair of Latin-1 letters)."""
    text = sample.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if not bad:
        return False  # valid UTF-8 is decided by the callers' own checks
    wide = [c for c in text if c > "\x7f" and c != "\ufffd"]
    good = len(wide)
    if good == 0:
        return False
    if good >= bad:
        return True
    return bad * 100 <= len(sample) and (good >= 2 or wide[0] >= "\u0800")


def detect_encoding(data: bytes) -> str:
    """Best guess for ``data`` without a BOM.

    Valid UTF-8 (or mostly UTF-8 with a few bad bytes) is UTF-8; otherwise charset-normalizer decides
    on a sample, and a Latin-script verdict becomes Windows-1252 when that decodes the bytes cleanly
    (short Western texts are otherwise often labelled with rarer Latin code pages).
    """
    sample = data[:DETECT_SAMPLE]
    utf16 = _utf16_without_bom(sample)
    if utf16:
        return utf16
    if _is_utf8(data) or len(data) > len(sample) and _is_utf8(sample, cut_ok=True):
        return "utf-8"
    if _mostly_utf8(sample):
        return "utf-8"
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    if best is None:
        return "cp1252"
    name = codecs.lookup(best.encoding).name
    if name in _LATIN and _clean_cp1252(sample):
        return "cp1252"
    # Chinese pages detected as GB2312/GBK decode best as their superset GB18030.
    return "gb18030" if name in ("gb2312", "gbk") else name


def _clean_cp1252(sample: bytes) -> bool:
    try:
        sample.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def decode(data: bytes, html: bool = False) -> Decoded:
    """Decode ``data`` to text; for HTML a declared charset counts after a BOM. Never raises."""
    if not data:
        return Decoded("", "utf-8")
    kind = sniff_binary(data)
    if kind:
        return Decoded(error=binary_reason(kind))
    notes: list[str] = []
    enc = bom_encoding(data)
    text: str | None = None
    if enc:
        notes.append(f"bom:{enc}")
        body = data[len(next(b for b, n in _BOMS if n == enc)):]
    else:
        body = data
        declared = declared_encoding(data) if html else ""
        if declared:
            notes.append(f"declared:{declared}")
        no_nul = b"\x00" not in data[:DETECT_SAMPLE]
        if no_nul:
            text = _utf8_or_none(data)  # valid UTF-8 is decoded once, not checked and then decoded again
        if text is not None or no_nul and _mostly_utf8(data[:DETECT_SAMPLE]):
            # valid UTF-8 (or UTF-8 with a few bad bytes) is UTF-8 whatever a (often stale) template declares;
            # the bad bytes become U+FFFD and every valid character is kept
            enc = "utf-8"
        elif declared and _fits(data[:DETECT_SAMPLE], declared):
            enc = declared
        else:
            enc = detect_encoding(data)
    if text is None:
        text = body.decode(enc, errors="replace")
    if "\ufffd" in text:
        notes.append("replaced invalid bytes")
    if "\x00" in text:
        text = text.replace("\x00", "\ufffd")
        notes.append("replaced NUL characters")
    log.debug("decoded %d bytes as %s", len(data), enc)
    return Decoded(text, enc, tuple(notes))
