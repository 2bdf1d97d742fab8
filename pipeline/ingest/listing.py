"""Ingest: list input files under their roots and read each into RawDocs, whatever its format.

Listing (:func:`list_inputs`) walks folders recursively in sorted order, skips hidden files and
folders (names starting with "."), skips run folders (outputs of a run, see :mod:`pipeline.run.folder`),
follows symlinks only while they stay inside the input root, and
turns every file it cannot read (symlink out of the root or in a loop, broken link, special file,
permission denied) into an :class:`InputFile` with ``error`` set. An input given as an fsspec URL
(``file://``, ``memory://``, ``s3://``, ``gs://`` with the file system's package installed) is listed, read
and digested through fsspec; plain paths never go through it.

Sources (:func:`list_inputs`): the path relative to the input root. With several inputs each is prefixed
by the shortest tail of the input's own path that tells it apart from the others (``2024/a.txt`` and
``2025/a.txt``), so two roots holding the same names never give the same source. In file and folder names
``%`` and ``#`` are written ``%25`` and ``%23``: ``#`` in a source only ever starts a record number.

Reading (:func:`read_input`) dispatches on the file name (``.gz`` of any text format is decompressed; unknown suffixes are
sniffed) and never raises for bad content: a bad file or record becomes a RawDoc with ``error``.

Bounds (see :class:`IngestOptions`): a file or record over ``max_bytes`` (after decompression) and
a document whose text has a line over ``max_line`` characters are reported, not processed; HTML
bounds (element count, nesting depth, extraction time) are in :mod:`pipeline.html`. A multi-record
file without any document still yields one empty RawDoc, so every input file has a row.
"""
from __future__ import annotations

import contextlib
import errno
import gzip
import logging
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import IO, Any

from . import decode as dec
from ..ids import doc_id, error_doc
from ..errors import Errors, UsageError
from .html import extract_html
from .records import ROLES, iso_date, iter_json, iter_jsonl
from ..types import RawDoc
from .warc import iter_warc
from ..outputs.contract import is_run_folder

log = logging.getLogger(__name__)

#: The note of a file named ``.gz`` whose bytes are not gzip data (also part of its error when it cannot be read).
NOT_GZIP = "not gzip data despite .gz name"
#: Format of each known suffix (a trailing ``.gz`` is handled on top of these).
SUFFIXES = {
    ".txt": "txt", ".text": "txt", ".md": "txt",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".warc": "warc", ".wet": "wet", ".arc": "warc",
}


@dataclass(frozen=True)
class IngestOptions:
    """How inputs are read. ``field_map`` maps a record role (text, html, title, published, url)
    to the field name holding it (``--field text=body``)."""

    field_map: Mapping[str, str] = field(default_factory=dict)
    #: Largest file, or record of a multi-record file, read (bytes after decompression).
    max_bytes: int = 50_000_000
    #: Longest line a plain-text document may have (characters); longer ones are reported.
    max_line: int = 1_000_000
    #: Read hidden files and folders (names starting with ".") too.
    include_hidden: bool = False
    #: Release date (ISO 8601, as :func:`~pipeline.ingest.records.iso_date` writes it) of the documents whose
    #: input carries none (``--published``): plain-text pages without a dateline, records without the field.
    published: str = ""

    def __post_init__(self) -> None:
        unknown = sorted(set(self.field_map) - set(ROLES))
        if unknown:
            raise UsageError(Errors.E022.format(roles=", ".join(unknown), allowed=", ".join(ROLES)))
        if self.published and iso_date(self.published) != self.published:
            raise UsageError(Errors.E175.format(value=self.published))


@dataclass(frozen=True)
class InputFile:
    """One file to read; ``error`` set when it cannot be read at all.

    A large JSON Lines file is read in line-aligned byte ranges (:func:`split_input`): ``start``/``end``
    bound the range (``end`` -1: to the end) and ``first_line`` is the line number of its first line.
    """

    path: Path
    source: str
    size: int
    error: str = ""
    start: int = 0
    end: int = -1
    first_line: int = 1
    #: Real path of the input root the file was listed under ("" for a file named on its own): reading
    #: checks again that the file still resolves inside it.
    root: str = ""
    #: The fsspec URL of an input given as a URL ("" for a local path); ``path`` then only names it.
    url: str = ""

    @property
    def whole(self) -> bool:
        """True when the item is the whole file, not a range of it."""
        return self.start == 0 and self.end < 0


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def _printable(name: str) -> str:
    """A file name as valid UTF-8 text: each undecodable byte of the name is shown as ``\\xNN``, so two names
    that differ only in such bytes keep different sources; ``%`` and ``#`` are written ``%25`` and ``%23``,
    so ``#`` in a source always starts a record number (``a.jsonl#2``: record 2, ``a.jsonl%232``: a file)."""
    text = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return text.replace("%", "%25").replace("#", "%23")


def source_path(source: str) -> str:
    """The relative file path a source names, record number dropped and ``%23``/``%25`` undone."""
    return re.sub(r"#\d+$", "", source).replace("%23", "#").replace("%25", "%")


_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]+://")


def is_url(text: str | os.PathLike) -> bool:
    """True when ``text`` is an fsspec URL (``scheme://...``) rather than a local path."""
    return bool(_URL.match(str(text)))


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _entry(
    path: Path, source: str, root_real: str | None, ancestors: frozenset[str]
) -> tuple[InputFile | None, str]:
    """(InputFile or None, real folder path to walk or "") for one path under a root."""
    try:
        st = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return InputFile(path, source, 0, "symlink loop"), ""
        if os.path.islink(path):
            return InputFile(path, source, 0, "broken symlink"), ""
        return InputFile(path, source, 0, f"cannot stat ({exc.strerror})"), ""
    real = os.path.realpath(path)
    if root_real is not None and not _inside(real, root_real):
        return InputFile(path, source, 0, "symlink points outside the input root"), ""
    if stat.S_ISDIR(st.st_mode):
        if real in ancestors:
            return InputFile(path, source, 0, "symlink loop"), ""
        return None, real
    if not stat.S_ISREG(st.st_mode):
        return InputFile(path, source, 0, "not a regular file"), ""
    if not os.access(path, os.R_OK):
        return InputFile(path, source, st.st_size, "permission denied"), ""
    return InputFile(path, source, st.st_size, root=root_real or ""), ""


def _walk(root: Path, opts: IngestOptions, label: str = "") -> Iterator[InputFile]:
    root_real = os.path.realpath(root)
    stack: list[tuple[Path, str, frozenset[str]]] = [(root, label, frozenset({root_real}))]
    while stack:
        folder, prefix, ancestors = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            yield InputFile(folder, prefix.rstrip("/") or ".", 0, f"cannot list folder ({exc.strerror})")
            continue
        subdirs = []
        for e in entries:
            if _is_hidden(e.name) and not opts.include_hidden:
                continue
            source = prefix + _printable(e.name)
            item, real = _entry(Path(e.path), source, root_real, ancestors)
            if item is not None:
                yield item
            elif real and is_run_folder(Path(e.path)):
                log.warning("skipping %s: a run folder, not input", e.path)
            elif real:
                subdirs.append((Path(e.path), source + "/", ancestors | {real}))
        stack.extend(reversed(subdirs))


def _labels(paths: Sequence[str]) -> list[str]:
    """For each input, the shortest tail of its path (whole components) that tells it apart: no other input's
    label equals it or starts with it, so sources under different labels can never meet."""
    parts = [[p for p in PurePosixPath(path.split("://", 1)[-1]).parts if p not in ("/", "")] for path in paths]
    take = [1] * len(parts)

    def tail(i: int) -> list[str]:
        return parts[i][-take[i]:]

    while True:  # every input whose tail another one starts with (or equals) takes one more component
        grow = {i for i in range(len(parts)) for j in range(len(parts))
                if i != j and take[i] < len(parts[i]) and take[j] >= take[i] and tail(j)[: take[i]] == tail(i)}
        if not grow:
            break
        for i in grow:
            take[i] += 1
    return ["/".join(_printable(c) for c in tail(i)) or "." for i in range(len(parts))]


def _identity(path: str) -> str:
    return path.rstrip("/") if is_url(path) else os.path.realpath(path)


def _within(ident: str, others: Sequence[str]) -> bool:
    """True when ``ident`` lies inside one of the (folder) inputs ``others``."""
    return any(ident.startswith(o.rstrip("/") + "/") for o in others)


def list_inputs(paths: Sequence[Path | str], opts: IngestOptions) -> list[InputFile]:
    """Every input file under ``paths`` (files or folders, local paths or fsspec URLs), sorted by source.

    One input folder: sources are paths relative to it; several inputs: each source starts with the input's
    label (see the module docstring), so sources stay distinct. An input named twice, or lying inside another
    input, is listed once.
    Raises :class:`UsageError` (E020) for a path that does not exist at all, E223 for a URL whose file
    system cannot be used (its package missing, say).
    """
    given: list[str] = []
    seen: set[str] = set()
    for p in paths:
        text = str(p) if is_url(p) else os.fspath(p)
        if not is_url(text) and not os.path.lexists(text):
            raise UsageError(Errors.E020.format(path=p))
        ident = _identity(text)
        if ident in seen:
            log.warning("input %s is named twice; listing it once", p)
            continue
        seen.add(ident)
        given.append(text)
    idents = [_identity(g) for g in given]
    inner = [_within(i, idents) for i in idents]
    for text, nested in zip(given, inner, strict=True):
        if nested:
            log.warning("input %s lies inside another input; listing it once, under that one", text)
    given = [g for g, nested in zip(given, inner, strict=True) if not nested]
    labels = _labels([g if is_url(g) else os.path.abspath(g) for g in given]) if len(given) > 1 else [""] * len(given)
    out: list[InputFile] = []
    for text, label in zip(given, labels, strict=True):
        if is_url(text):
            out.extend(_list_url(text, label, opts))
            continue
        p = Path(text)
        if os.path.isdir(p) and is_run_folder(p):
            log.warning("skipping %s: a run folder, not input", p)
        elif os.path.isdir(p):
            out.extend(_walk(p, opts, label + "/" if label else ""))
        else:
            item, _ = _entry(p, label or _printable(p.name), None, frozenset())
            out.append(item)
    return sorted(out, key=lambda f: f.source)


def _filesystem(url: str) -> tuple[Any, str]:
    """(fsspec file system, path within it) of ``url``; :class:`UsageError` E223 when it cannot be had."""
    try:
        import fsspec
    except ImportError as exc:
        raise UsageError(Errors.E223.format(url=url, reason="URL inputs need fsspec (pip install fsspec)")) from exc
    try:
        return fsspec.core.url_to_fs(url)
    except (ImportError, ValueError) as exc:
        raise UsageError(Errors.E223.format(url=url, reason=" ".join(str(exc).split())[:200])) from exc


def _list_url(url: str, label: str, opts: IngestOptions) -> list[InputFile]:
    """The files under ``url`` (a file or a folder) through fsspec, hidden names left out unless asked."""
    fs, root = _filesystem(url)
    try:
        if not fs.exists(root):
            raise UsageError(Errors.E020.format(path=url))
        if not fs.isdir(root):
            info = fs.info(root)
            name = PurePosixPath(root).name
            return [_url_item(fs, root, label or _printable(name), int(info.get("size") or 0))]
        found = fs.find(root, withdirs=False, detail=True)
    except OSError as exc:
        raise UsageError(Errors.E223.format(url=url, reason=" ".join(str(exc).split())[:200])) from exc
    base = PurePosixPath(fs._strip_protocol(root))
    items = []
    for path, info in sorted(found.items()):
        rel = PurePosixPath(fs._strip_protocol(path)).relative_to(base).parts
        if not opts.include_hidden and any(_is_hidden(part) for part in rel):
            continue
        source = "/".join(_printable(part) for part in rel)
        items.append(_url_item(fs, path, f"{label}/{source}" if label else source, int(info.get("size") or 0)))
    return items


def _url_item(fs: Any, path: str, source: str, size: int) -> InputFile:
    url = fs.unstrip_protocol(path)
    return InputFile(Path(url), source, size, url=url)


@contextlib.contextmanager
def open_input(item: InputFile) -> Iterator[IO[bytes]]:
    """The input's bytes as a binary file (through fsspec for a URL input)."""
    if not item.url:
        with open(item.path, "rb") as handle:
            yield handle
        return
    fs, path = _filesystem(item.url)
    with fs.open(path, "rb") as handle:
        yield handle


@contextlib.contextmanager
def local_copy(item: InputFile) -> Iterator[Path]:
    """A local path holding the input's bytes (a temporary copy for a URL input), for readers that need one."""
    if not item.url:
        yield item.path
        return
    with tempfile.TemporaryDirectory(prefix="newsclaims-url-") as tmp:
        copy = Path(tmp) / (item.path.name or "input")
        with open_input(item) as src, open(copy, "wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
        yield copy


def format_of(name: str) -> tuple[str, bool]:
    """(format, gzipped) from a file name; format "" when the suffix is unknown."""
    lower = name.lower()
    gz = lower.endswith(".gz")
    if gz:
        lower = lower[:-3]
    return SUFFIXES.get(os.path.splitext(lower)[1], ""), gz


def _sniff_stream(fh) -> str:
    """An error reason when a stream opens with binary data, else ""; the stream is rewound."""
    try:
        head = fh.read(4096)
    except (EOFError, OSError):
        head = b""  # damage is reported by the reader at the line where it happens
    fh.seek(0)
    kind = dec.sniff_binary(head)
    return dec.binary_reason(kind) if kind else ""


def sniff_format(data: bytes) -> str:
    """Format of content with an unknown suffix: "warc", "html", "txt" (binary is found by decode)."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"warc/"):
        return "warc"
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml")) or b"<html" in head[:512]:
        return "html"
    return "txt"


def read_input(f: InputFile, opts: IngestOptions, extract: bool = True) -> Iterator[RawDoc]:
    """One RawDoc per document of ``f`` (per record for JSONL/JSON/WARC). Never raises for bad content.

    With ``extract`` False nothing goes through the HTML extractor: an HTML page, record or WARC record
    gives a doc flagged ``extracted`` with no text (for passes that read plain-text documents only)."""
    if f.error:
        yield error_doc(f.source, f.error, format_of(f.source)[0] or "txt")
        return
    if f.root and not f.url and not _inside(os.path.realpath(f.path), f.root):
        # replaced by a link out of the input root after it was listed: never followed
        yield error_doc(f.source, "symlink points outside the input root (the file was replaced after listing)",
                        format_of(f.source)[0] or "txt")
        return
    done = 0
    try:
        for doc in _read(f, opts, extract):
            done += 1
            yield _bounded(_dated(doc, opts.published), opts.max_line)
    except MemoryError:
        yield error_doc(f.source if f.whole and not done else f"{f.source}#{f.first_line + done}", "out of memory")
    except Exception as exc:  # last line of defence: one bad file must not stop the batch
        log.debug("reading %s failed", f.source, exc_info=True)
        src = f.source if f.whole and not done else f"{f.source}#{f.first_line + done}"
        yield error_doc(src, f"unreadable ({type(exc).__name__}: {str(exc)[:120]})")
        return
    if not done and f.whole:
        # a multi-record file without any document still gets its row (status empty)
        fmt = format_of(f.path.name)[0] or "txt"
        yield RawDoc(error_doc(f.source, "").doc_id, f.source, "", fmt, meta=(("empty", "no documents in file"),))


class _Range:
    """A binary stream cut off at byte ``end`` (line-aligned), for reading one range of a JSON Lines file."""

    def __init__(self, fh, end: int) -> None:
        self._fh, self._end = fh, end

    def readline(self, limit: int = -1) -> bytes:
        left = self._end - self._fh.tell()
        if left <= 0:
            return b""
        return self._fh.readline(left if limit < 0 else min(limit, left))


#: Bytes read at a time while counting lines to align ranges.
_COUNT_CHUNK = 1 << 20


def split_input(item: InputFile, chunk: int) -> list[InputFile]:
    """Line-aligned ranges of about ``chunk`` bytes of an uncompressed JSON Lines file; else ``[item]``."""
    fmt, gz = format_of(item.path.name)
    if item.error or fmt != "jsonl" or gz or not item.whole or item.size <= chunk:
        return [item]
    ranges: list[InputFile] = []
    start, line = 0, 1
    with open_input(item) as fh:
        if _sniff_stream(fh):
            return [item]  # binary: reported whole by the reader
        while start < item.size:
            fh.seek(min(start + chunk, item.size))
            fh.readline()  # to the end of the line the cut falls in
            end = min(fh.tell(), item.size)
            ranges.append(replace(item, size=end - start, start=start, end=end, first_line=line))
            fh.seek(start)
            pos = start
            while pos < end:
                data = fh.read(min(_COUNT_CHUNK, end - pos))
                if not data:
                    break
                line += data.count(b"\n")
                pos += len(data)
            start = end
    return ranges


def _read(f: InputFile, opts: IngestOptions, extract: bool = True) -> Iterator[RawDoc]:
    fmt, gz = format_of(f.path.name)
    if fmt in ("warc", "wet"):
        with local_copy(f) as path:
            yield from iter_warc(path, f.source, fmt, opts.max_bytes, extract)
        return
    if fmt == "jsonl":
        with open_input(f) as raw_fh, (gzip.open(raw_fh, "rb") if gz else contextlib.nullcontext(raw_fh)) as fh:
            if f.whole:
                kind = _sniff_stream(fh)
                if kind:
                    yield error_doc(f.source, kind, fmt)
                    return
                yield from iter_jsonl(fh, f.source, opts.max_bytes, opts.field_map, extract=extract)
            else:
                now = fh.seek(0, os.SEEK_END)
                if now < f.end:  # the file shrank after it was listed: say which lines were lost
                    yield error_doc(f"{f.source}#{f.first_line}", f"file shrank from its listed size while the "
                                    f"run read it (bytes {max(now, f.start)}-{f.end} of this range are gone)", fmt)
                    if now <= f.start:
                        return
                fh.seek(f.start)
                stream = _Range(fh, min(f.end, now))
                yield from iter_jsonl(stream, f.source, opts.max_bytes, opts.field_map, first_line=f.first_line,
                                      extract=extract)
        return
    if f.size > opts.max_bytes:
        yield error_doc(f.source, f"too large ({f.size} bytes > {opts.max_bytes})", fmt or "txt")
        return
    with open_input(f) as handle:
        raw = handle.read()
    did = doc_id(raw)
    data, notes = raw, []
    if dec.is_gzip(raw):
        try:
            data = dec.gunzip(raw, opts.max_bytes)
        except ValueError as exc:
            yield RawDoc(did, f.source, "", fmt or "txt", error=str(exc))
            return
        if not gz:
            suffix = os.path.splitext(f.path.name)[1] or "a suffix-less"
            notes.append(("note", f"gzip data behind {suffix} name, decompressed"))
    elif gz:
        notes.append(("note", NOT_GZIP))
    if not fmt:
        fmt = sniff_format(data)
        if fmt == "warc":
            with local_copy(f) as path:
                yield from iter_warc(path, f.source, fmt, opts.max_bytes, extract)
            return
    if fmt == "json":
        text = dec.decode(data)
        if text.error:
            yield RawDoc(did, f.source, "", fmt, error=text.error)
            return
        yield from iter_json(text.text, f.source, opts.field_map, extract)
        return
    if fmt == "html" and not extract:
        yield RawDoc(did, f.source, "", fmt, extracted=True)
        return
    yield _single(did, f.source, data, fmt, tuple(notes), opts)


def _dated(doc: RawDoc, published: str) -> RawDoc:
    """``doc`` with the release date ``published`` when its input gave none (and it was read)."""
    return replace(doc, published=published) if published and not doc.published and not doc.error else doc


def _longest_line(text: str) -> int:
    return max(map(len, text.split("\n")))


def _bounded(doc: RawDoc, max_line: int) -> RawDoc:
    """``doc``, or an error doc when its text has a line over ``max_line`` characters."""
    if len(doc.text) <= max_line:
        return doc
    longest = _longest_line(doc.text)
    if longest <= max_line:
        return doc
    return replace(doc, text="", error=f"line longer than {max_line} characters ({longest})")


def empty_reason(doc: RawDoc) -> str:
    """Why ``doc`` (read without error) has no text: zero bytes, whitespace only, null text, no text field,
    markup only, no documents in file."""
    given = next((v for k, v in doc.meta if k == "empty"), "")
    if given:
        return given
    if doc.text:
        return "whitespace only"
    return "markup only (no text in the page)" if doc.extracted else "zero bytes"


def _single(did: str, source: str, data: bytes, fmt: str, notes: tuple, opts: IngestOptions) -> RawDoc:
    """The RawDoc of a one-document file (plain text or HTML)."""
    text = dec.decode(data, html=fmt == "html")
    if text.error:
        return RawDoc(did, source, "", fmt, error=text.error)
    meta = notes + (("encoding", text.encoding),) + tuple(("decode", n) for n in text.notes)
    if fmt == "html":
        res = extract_html(text.text)
        if res.error:  # with what the file's name promised and its bytes did not hold
            why = "; ".join([res.error, *(v for k, v in notes if (k, v) == ("note", NOT_GZIP))])
            return RawDoc(did, source, "", fmt, error=why, meta=meta)
        return RawDoc(did, source, res.text, fmt, url=res.url, title=res.title,
                      published=iso_date(res.published) or res.published, extracted=True,
                      meta=meta + res.meta, left_out=res.left_out)
    return RawDoc(did, source, text.text, fmt, meta=meta)
