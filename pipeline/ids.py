"""Small helpers shared by the ingest modules: document ids and error documents."""
from __future__ import annotations

import hashlib

from .types import RawDoc


#: First letter of every document id, so no spreadsheet reads an id as a number (``1e5``, ``0123``).
DOC_PREFIX = "d"


def doc_id(data: bytes) -> str:
    """Stable document id of 16 characters: ``d`` then the first 15 hex digits of the sha256 of the document's
    own bytes (text a spreadsheet keeps as text)."""
    return DOC_PREFIX + hashlib.sha256(data).hexdigest()[:15]


def error_doc(source: str, reason: str, fmt: str = "txt") -> RawDoc:
    """A document that could not be read: empty text, ``error`` set, id from its source string."""
    line = " ".join(reason.split())[:300]
    return RawDoc(doc_id(source.encode("utf-8", "surrogateescape")), source, "", fmt, error=line)
