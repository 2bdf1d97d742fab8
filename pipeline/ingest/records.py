"""Crawler records (JSONL lines, JSON lists) to RawDocs: field mapping, dates, HTML fields.

A record is a JSON object. Its text comes from the first present field of :data:`FIELDS` ``text``
(news-please ``maintext`` first), or from an HTML field through :mod:`pipeline.html`; an explicit
``--field text=body`` mapping (``IngestOptions.field_map``) is tried before the defaults. Field names
may be dotted paths into nested objects (``article.body``).
"""
from __future__ import annotations

import email.utils
import json
import logging
import re
import zlib
from collections.abc import Iterator, Mapping
from datetime import datetime, timezone
from typing import IO, Any

from .bylines import author_names
from .html import extract_html
from ..types import RawDoc
from ..ids import doc_id, error_doc

log = logging.getLogger(__name__)

#: Default field names per role, tried in order after any mapped name.
FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("maintext", "text", "content", "body", "article_text", "articleBody", "full_text", "raw_text"),
    "html": ("html", "raw_html", "content_html", "html_content", "page_html"),
    "title": ("title", "headline", "name"),
    "published": ("date_publish", "published", "date_published", "datePublished", "published_at",
                  "publish_date", "pubdate", "date"),
    "url": ("url", "link", "canonical_url", "source_url", "uri"),
}
#: Other fields kept in ``RawDoc.meta`` when present.
META_FIELDS = ("source_domain", "language", "authors", "author", "description", "date_download", "date_modify")
#: Fields that may give a record's language tag ("de", "en-US"), tried in order; kept as meta ``language``.
LANGUAGE_FIELDS = ("language", "lang", "inLanguage", "locale")
#: Roles a ``--field role=name`` mapping may name.
ROLES = tuple(FIELDS)

#: A universal-time zone written as a word after an ISO date and time ("2014-01-26 21:32:46 UTC").
_UTC_WORD = re.compile(r"(?i)(?<=\d)\s*(?:UTC|GMT|Z)$")
#: Another zone written as its abbreviation ("2014-01-26 21:32:46 EST"): the date and time stand without an offset.
_ZONE_WORD = re.compile(r"(?<=\d)\s+[A-Z]{2,5}$")
_HTML_LOOK = re.compile(r"\A\s{0,200}<(?:!doctype\s+html|html|head|body|article|div|p|section)\b", re.I)


def _get(record: Mapping[str, Any], path: str) -> Any:
    cur: Any = record
    for part in path.split("."):
        if not isinstance(cur, Mapping) or part not in cur:
            return None
        cur = cur[part]
    return cur


def _as_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "\n\n".join(v.strip() for v in value if v.strip())
    return ""


def _pick(record: Mapping[str, Any], role: str, field_map: Mapping[str, str]) -> str:
    names = ((field_map[role],) if role in field_map else ()) + FIELDS[role]
    for name in names:
        value = _as_text(_get(record, name))
        if value.strip():
            return value
    return ""


def json_type(value: Any) -> str:
    """The JSON name of a parsed value's type: object, list, number, boolean, string or null."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, Mapping):
        return "object"
    if isinstance(value, list):
        return "list"
    return "string" if isinstance(value, str) else type(value).__name__


def _text_field(record: Mapping[str, Any], field_map: Mapping[str, str]) -> tuple[str, str, str, str]:
    """(text, html, why empty, error) of a record: the first text (or HTML) field with text in it.

    A field that holds a number, an object, a list of non-strings or a boolean is an error naming the field
    and its type when no other field gives text; otherwise the reason it is empty (null text, no text field,
    whitespace only)."""
    roles = ("html",) if "html" in field_map else ("text", "html")
    wrong, null, blank = "", "", ""
    for role in roles:
        names = ((field_map[role],) if role in field_map else ()) + FIELDS[role]
        for name in names:
            value = _get(record, name)
            if value is None:
                if not null and _present(record, name):
                    null = name
                continue
            text = _as_text(value)
            if text.strip():
                return (text, "", "", "") if role == "text" else ("", text, "", "")
            if isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                blank = blank or name
            elif not wrong:
                kinds = sorted({json_type(v) for v in value}) if isinstance(value, list) else []
                kind = json_type(value)
                article = "an" if kind == "object" else "a"
                wrong = f"field '{name}' holds {article} {kind}" + (f" of {'/'.join(kinds)}" if kinds else "")
    if wrong:
        return "", "", "", f"{wrong}, not text (name the text field with --field text=NAME)"
    if blank:
        return "", "", f"whitespace only (field '{blank}')", ""
    if null:
        return "", "", f"null text (field '{null}')", ""
    return "", "", "no text field (looked for: " + ", ".join(FIELDS["text"][:4]) + ", ...)", ""


def _present(record: Mapping[str, Any], path: str) -> bool:
    head, _, last = path.rpartition(".")
    parent = _get(record, head) if head else record
    return isinstance(parent, Mapping) and last in parent


def iso_date(value: Any) -> str:
    """An ISO 8601 date or datetime for a crawler date value, or "" when it cannot be read: ISO forms (a zone
    written "UTC", "GMT" or "Z" read as +00:00; another zone's abbreviation, "EST", left out: no offset),
    e-mail dates ("Tue, 02 May 2023 09:15:00 +0800") and Unix times in seconds or milliseconds."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 < value < 1e13:
        seconds = value / 1000 if value > 1e11 else value
        return datetime.fromtimestamp(seconds, tz=timezone.utc).isoformat()
    if not isinstance(value, str) or not value.strip() or len(value) > 100:
        return ""
    s = value.strip()
    try:
        dt = datetime.fromisoformat(_ZONE_WORD.sub("", _UTC_WORD.sub("+00:00", s)))
    except ValueError:
        try:
            dt = email.utils.parsedate_to_datetime(s)
        except (TypeError, ValueError, IndexError):
            return ""
    if len(s) <= 10 and dt.hour == dt.minute == dt.second == 0 and dt.tzinfo is None:
        return dt.date().isoformat()
    return dt.isoformat()


def record_doc(record: Any, source: str, raw: bytes, fmt: str, field_map: Mapping[str, str],
               extract: bool = True) -> RawDoc:
    """The RawDoc of one parsed record; ``raw`` are its bytes (for ``doc_id``). With ``extract`` False a
    record whose text is HTML is not run through the HTML extractor: its doc is flagged ``extracted`` with
    no text (for passes that only look at plain-text documents)."""
    did = doc_id(raw)
    if not isinstance(record, Mapping):
        return RawDoc(did, source, "", fmt, error=f"record is not a JSON object ({type(record).__name__})")
    title = " ".join(_pick(record, "title", field_map).split())
    published_raw = next((v for n in ((field_map.get("published"),) + FIELDS["published"])
                          if n and (v := _get(record, n)) not in (None, "")), None)
    published = iso_date(published_raw)
    url = _pick(record, "url", field_map).strip()
    language = next((v for k in LANGUAGE_FIELDS if isinstance(v := record.get(k), str) and v.strip()), "")
    meta = [(k, author_names(v) if k in ("author", "authors") else str(v)) for k in META_FIELDS
            if (v := language if k == "language" else record.get(k)) not in (None, "", [])]
    if published_raw is not None:
        meta.append(("published_raw", str(published_raw)[:100]))
    text, html, why_empty, error = _text_field(record, field_map)
    if error:
        return RawDoc(did, source, "", fmt, url=url, title=title, published=published, error=error,
                      meta=tuple(meta))
    if why_empty:
        meta.append(("empty", why_empty))
    if text and _HTML_LOOK.match(text):
        text, html = "", text
    if html and not extract:
        return RawDoc(did, source, "", fmt, url=url, title=title, published=published, extracted=True,
                      meta=tuple(meta))
    if html:
        res = extract_html(html, url)
        if res.error:
            return RawDoc(did, source, "", fmt, url=url, title=title, error=res.error)
        return RawDoc(did, source, res.text, fmt, url=url or res.url, title=title or res.title,
                      published=published or res.published, extracted=True,
                      meta=tuple(meta) + res.meta, left_out=res.left_out)
    return RawDoc(did, source, text, fmt, url=url, title=title, published=published, meta=tuple(meta))


def _loads(raw: bytes) -> Any:
    try:
        return json.loads(raw)
    except UnicodeDecodeError:
        # JSON text is UTF-8 (RFC 8259): bad bytes are replaced, not re-guessed
        return json.loads(raw.decode("utf-8", errors="replace"))


def iter_jsonl(stream: IO[bytes], source: str, max_bytes: int,
               field_map: Mapping[str, str], first_line: int = 1, extract: bool = True) -> Iterator[RawDoc]:
    """One RawDoc per non-blank line of a JSONL stream; a bad line is an error doc, the rest go on.

    ``first_line`` is the line number of the stream's first line (when reading a range of a file);
    ``extract`` as in :func:`record_doc`.
    """
    n = first_line - 1
    while True:
        try:
            line = stream.readline(max_bytes + 1)
        except (EOFError, OSError, zlib.error) as exc:
            yield error_doc(f"{source}#{n + 1}", f"truncated or corrupt data at line {n + 1} ({exc})", "jsonl")
            return
        if not line:
            return
        n += 1
        src = f"{source}#{n}"
        if len(line) > max_bytes and not line.endswith(b"\n"):
            size = len(line)
            while (more := stream.readline(1 << 20)) and not more.endswith(b"\n"):
                size += len(more)
            size += len(more)
            yield error_doc(src, f"too large ({size} bytes > {max_bytes})", "jsonl")
            continue
        raw = line.rstrip(b"\r\n")
        if n == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            continue
        try:
            record = _loads(raw)
        except (ValueError, RecursionError) as exc:
            reason = str(exc).split("\n")[0][:120]
            yield RawDoc(doc_id(raw), src, "", "jsonl", error=f"malformed JSON on line {n}: {reason}")
            continue
        yield record_doc(record, src, raw, "jsonl", field_map, extract)


_WS = re.compile(r"[ \t\r\n]*")


def _container(value: Any) -> list[Any] | None:
    """The record list inside a ``{"articles": [...]}`` style wrapper, if that is its only list."""
    if not isinstance(value, dict):
        return None
    lists = [v for v in value.values() if isinstance(v, list) and v and isinstance(v[0], dict)]
    return lists[0] if len(lists) == 1 and not any(_pick(value, r, {}) for r in ("text", "html")) else None


_PLAIN = re.compile(r'[^"\\\[\]{},]+')


def _skip_item(text: str, pos: int) -> int:
    """End of the JSON value starting at ``pos`` found by brackets and strings alone (for an item that could
    not be parsed, so the items after it are still read), or -1 when the text ends first."""
    depth, i, size = 0, pos, len(text)
    while i < size:
        c = text[i]
        if c == '"':
            i += 1
            while i < size and text[i] != '"':
                i += 2 if text[i] == "\\" else 1
        elif c in "[{":
            depth += 1
        elif c in "]}":
            depth -= 1
            if depth < 0:
                return i
            if depth == 0:
                return i + 1
        elif c == "," and depth == 0:
            return i
        else:
            m = _PLAIN.match(text, i)
            if m:
                i = m.end()
                continue
        i += 1
    return -1


def iter_json(text: str, source: str, field_map: Mapping[str, str], extract: bool = True) -> Iterator[RawDoc]:
    """RawDocs of a JSON file: a list of records (``#N`` per item, kept up to a truncation) or one record;
    ``extract`` as in :func:`record_doc`."""
    dec = json.JSONDecoder()
    pos = _WS.match(text).end()
    if text[pos:pos + 1] != "[":
        try:
            value, end = dec.raw_decode(text, pos)
        except (ValueError, RecursionError) as exc:
            yield RawDoc(doc_id(text.encode("utf-8", "replace")), source, "", "json",
                         error=f"malformed JSON: {str(exc)[:120]}")
            return
        items = _container(value)
        if items is None:
            yield record_doc(value, source, text.encode("utf-8", "replace"), "json", field_map, extract)
            return
        for i, item in enumerate(items, 1):
            raw = json.dumps(item, ensure_ascii=False, sort_keys=True).encode()
            yield record_doc(item, f"{source}#{i}", raw, "json", field_map, extract)
        return
    pos += 1
    n = 0
    while True:
        pos = _WS.match(text, pos).end()
        if text[pos:pos + 1] == "]":
            return
        n += 1
        src = f"{source}#{n}"
        try:
            item, end = dec.raw_decode(text, pos)
        except (ValueError, RecursionError) as exc:
            reason = "truncated" if pos >= len(text) else str(exc).split("\n")[0][:120]
            if isinstance(exc, RecursionError):
                reason = "nested too deeply"
            yield RawDoc(doc_id(src.encode()), src, "", "json", error=f"malformed JSON at item {n}: {reason}")
            end = _skip_item(text, pos)
            if end < 0:
                return
            pos = _WS.match(text, end).end()
            if text[pos:pos + 1] == ",":
                pos += 1
            continue
        yield record_doc(item, src, text[pos:end].encode("utf-8", "replace"), "json", field_map, extract)
        pos = _WS.match(text, end).end()
        sep = text[pos:pos + 1]
        if sep == ",":
            pos += 1
        elif sep != "]":
            what = "truncated" if not sep else f"unexpected {sep!r}"
            nxt = f"{source}#{n + 1}"
            yield RawDoc(doc_id(nxt.encode()), nxt, "", "json",
                         error=f"malformed JSON after item {n}: {what}")
            return
