"""The output contract: the columns and the row shapes of every file of a run folder, in one place.

Every writer (claims.csv, claims.jsonl, claims.parquet, the part files, the API's DataFrame) takes its
columns and rows from here, so a column is added or renamed once. The claims columns are the fields of
:class:`~pipeline.types.Claim` in order, then the review columns.
"""
from __future__ import annotations

import ast
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import fields
from datetime import datetime
from pathlib import Path
from typing import Any

from ..types import BODY_KINDS, Block, Claim, DocResult

#: The file that marks a folder as a newsclaims run folder (the outputs a run committed are listed in it).
MARKER = ".newsclaims-run.json"
#: Files every run folder of an earlier version holds (made before the marker existed).
_LEGACY_SIGNS = ("manifest.json", "claims.csv", "documents.csv")


def is_run_folder(path: Path | str) -> bool:
    """True when ``path`` is a folder a run made: it holds :data:`MARKER`, or the files of an older run folder.
    Input listing skips such folders; the run wing writes only into them (or into empty ones)."""
    path = Path(path)
    if (path / MARKER).is_file():
        return True
    return all((path / name).is_file() for name in _LEGACY_SIGNS)


#: Columns a reviewer fills in; claims files end with them.
REVIEW_COLUMNS = ("review", "review_note")
#: The decisions offered in the ``review`` column (workbook drop-down, report buttons); free text is kept too.
REVIEW_STATES = ("accepted", "rejected", "corrected")
#: claims.csv / claims.jsonl / claims.parquet columns: the Claim fields in order, then the review columns.
CLAIM_COLUMNS = (*(f.name for f in fields(Claim)), *REVIEW_COLUMNS)
#: Typed columns of the claims files (from the Claim field types); every other column is text.
_TYPED = {"int": "int64", "float": "float64", "float | None": "float64"}
CLAIM_TYPES = {
    f.name: _TYPED[name] for f in fields(Claim) if (name := str(getattr(f.type, "__name__", f.type))) in _TYPED
}
#: claims.parquet columns stored as dictionaries (text with few distinct values: int32 codes into a list of
#: strings; pandas reads them as ``category``).
DICTIONARY_COLUMNS = ("unit", "bound", "kind", "rule", "direction", "subject_source", "period_source", "review")
#: claims.parquet column types: :data:`CLAIM_TYPES`, the dictionary columns, and ``published`` as a UTC
#: timestamp (see :func:`~pipeline.outputs.writers.utc_instant`); every other column is text.
PARQUET_TYPES = {**CLAIM_TYPES, **dict.fromkeys(DICTIONARY_COLUMNS, "dictionary"), "published": "timestamp"}
#: Prefix of the keys of claims.parquet's key-value metadata (the run's provenance).
PARQUET_META_PREFIX = "newsclaims."
#: Claim columns compared to tell whether a claim's content changed (everything but its id and the review).
CONTENT_COLUMNS = tuple(c for c in CLAIM_COLUMNS if c != "claim_id" and c not in REVIEW_COLUMNS)

#: documents.csv columns taken from ``RawDoc.meta``: the first of the keys the input carries; empty when none.
META_COLUMNS = {
    "language": ("language",),
    "crawl_date": ("crawl_date", "date_download"),
    "author": ("author", "authors"),
    "sitename": ("sitename", "source_domain", "hostname"),
    "encoding": ("encoding",),
}
#: ``dialect``: the dump dialect the clean stage read the text in (plain, nodes, markdown, terminal or
#: extracted; pipeline/clean/dialect.py ``DIALECTS``), empty when the document was not cleaned.
DOCUMENT_COLUMNS = (
    "doc_id", "source", "status", "error", "title", "published", "chars", "kept_blocks", "dropped_blocks",
    "claims", "format", "dialect", "url", *META_COLUMNS, "duplicate_of", "unread_numbers", "published_raw",
)
CLUTTER_COLUMNS = ("doc_id", "source", "start", "end", "rule", "preview")
#: Keys of an articles.jsonl record, in order (``source_text`` follows for text extracted from markup).
ARTICLE_FIELDS = ("doc_id", "source", "title", "tags", "published", "text", "blocks", "status")
#: Characters of a dropped block shown in clutter.csv.
PREVIEW_CHARS = 80
#: clutter.csv rule of text the HTML extractor left out of a page (RawDoc.left_out).
EXTRACTOR_RULE = "html.extractor.v1"


def iso_published(text: Any) -> str:
    """A release time as ISO 8601: ``2023-03-01T14:05:00+08:00`` with its UTC offset when one is known,
    ``2023-03-01T14:05:00`` without, ``2023-03-01`` when only the date is known; "" when blank or not ISO 8601
    (the text as given is kept in documents.csv's ``published_raw``)."""
    value = text.strip() if isinstance(text, str) else ""
    if not value:
        return ""
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return ""
    if "T" not in value.upper() and " " not in value and len(value) <= 10:
        return moment.date().isoformat()
    return moment.isoformat()


def parquet_metadata(version: str, rules: Mapping[str, str], model: Mapping[str, Any]) -> dict[str, str]:
    """claims.parquet's key-value metadata: package version, sha256 of every rules file (JSON object by file
    name), spaCy model name and version (JSON object, empty without NER), under keys starting with
    :data:`PARQUET_META_PREFIX`. No run time: the same inputs and rules give the same file bytes (the run's
    times are in the manifest)."""
    return {
        f"{PARQUET_META_PREFIX}version": version,
        f"{PARQUET_META_PREFIX}rules_sha256": json.dumps(dict(rules), sort_keys=True),
        f"{PARQUET_META_PREFIX}model": json.dumps(dict(model), sort_keys=True, default=str),
    }


def claim_row(values: Mapping[str, Any]) -> dict[str, Any]:
    """A claims-file row in :data:`CLAIM_COLUMNS` order from a claim's fields (review cells blank when absent)."""
    return {c: values.get(c, "") for c in CLAIM_COLUMNS}


def claim_rows(claims: list[Claim]) -> list[dict[str, Any]]:
    """The claims-file rows of ``claims``, review cells blank, ``published`` as :func:`iso_published` gives it."""
    rows = [claim_row(c.as_row()) for c in claims]
    for row in rows:
        row["published"] = iso_published(row["published"])
    return rows


def _listed(value: str) -> str:
    """A metadata value; a list written as Python or JSON text (``['A', 'B']``) becomes ``A; B``."""
    text = value.strip()
    if text.startswith("[") and text.endswith("]"):
        try:
            items = ast.literal_eval(text)
        except (ValueError, SyntaxError):
            return text
        if isinstance(items, list):
            return "; ".join(str(i).strip() for i in items if str(i).strip())
    return text


def meta_cells(meta: Iterable[tuple[str, str]], language: str = "") -> dict[str, str]:
    """The :data:`META_COLUMNS` cells of a document's metadata pairs; ``language`` (the one the text was
    read in) fills the language cell when the input gives none."""
    found: dict[str, str] = {}
    for key, value in meta:
        if value and key not in found:
            found[key] = value
    cells = {c: _listed(next((found[k] for k in keys if k in found), "")) for c, keys in META_COLUMNS.items()}
    if not cells["language"]:
        cells["language"] = language
    return cells


def published_raw(result: DocResult) -> str:
    """The release time as the input gave it: the page's release-time line, else the input's own value (a
    record's date field, the date the HTML declares)."""
    doc, article = result.doc, result.article
    if article is not None and article.published_raw:
        return article.published_raw
    given = next((value for key, value in doc.meta if key == "published_raw"), "")
    return given or doc.published


def document_row(result: DocResult) -> dict[str, Any]:
    """The documents.csv row of a result (``published`` in ISO 8601, see :func:`iso_published`)."""
    doc, article = result.doc, result.article
    return {
        "doc_id": doc.doc_id,
        "source": doc.source,
        "status": result.status,
        "error": result.error,
        "title": article.title if article else doc.title,
        "published": iso_published(article.published if article else doc.published),
        "chars": len(doc.text),
        "kept_blocks": len(article.body) if article else 0,
        "dropped_blocks": len(article.dropped) + len(doc.left_out) if article else 0,  # = its clutter.csv rows
        "claims": len(result.claims),
        "format": doc.format,
        "dialect": article.dialect if article else "",
        "url": doc.url,
        **meta_cells(doc.meta, language=result.language),
        "duplicate_of": "",
        "unread_numbers": result.unread_numbers,
        "published_raw": published_raw(result),
    }


def duplicate_row(row: Mapping[str, Any], first: str) -> dict[str, Any]:
    """The documents.csv row of a document whose bytes repeat the one at source ``first``."""
    return {**row, "error": f"duplicate of {first}", "claims": 0, "dropped_blocks": 0, "duplicate_of": first,
            "unread_numbers": 0}


def clutter_rows(result: DocResult) -> Iterator[dict[str, Any]]:
    """clutter.csv rows of a result, one per dropped block, then one per text block of its markup the HTML
    extractor left out (rule :data:`EXTRACTOR_RULE`, no offsets: the text is not in the extracted text)."""
    if result.article is None:
        return
    for block in result.article.dropped:
        yield {
            "doc_id": result.doc.doc_id,
            "source": result.doc.source,
            "start": block.start,
            "end": block.end,
            "rule": block.rule,
            "preview": " ".join(block.text.split())[:PREVIEW_CHARS],
        }
    for text in result.doc.left_out:
        yield {"doc_id": result.doc.doc_id, "source": result.doc.source, "start": "", "end": "",
               "rule": EXTRACTOR_RULE, "preview": text[:PREVIEW_CHARS]}


def block_record(block: Block) -> dict[str, Any]:
    """A block of articles.jsonl; title, meta and clutter blocks keep their text (the body is in ``text``)."""
    record: dict[str, Any] = {"start": block.start, "end": block.end, "kind": block.kind, "rule": block.rule}
    if block.kind not in BODY_KINDS:
        record["text"] = block.text
    if block.reason:
        record["reason"] = block.reason
    return record


def article_record(result: DocResult) -> dict[str, Any]:
    """The articles.jsonl record of a result (``source_text`` kept for text extracted from markup)."""
    doc, article = result.doc, result.article
    blocks = sorted((*article.blocks, *article.dropped), key=lambda b: b.start) if article else []
    record: dict[str, Any] = {
        "doc_id": doc.doc_id,
        "source": doc.source,
        "title": article.title if article else doc.title,
        "tags": list(article.tags) if article else [],
        "published": article.published if article else doc.published,
        "text": article.text if article else "",
        "blocks": [block_record(b) for b in blocks],
        "status": result.status,
    }
    if doc.extracted:
        record["source_text"] = doc.text
    return record
