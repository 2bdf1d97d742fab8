"""Small helpers shared by the ingest modules: document ids and error documents."""
from __future__ import annotations

import hashlib

from .types import RawDoc


def doc_id(data: bytes) -> str:
    """Stable document id: the first 16 hex digits of the sha256 of the document's own bytes."""
    return hashlib.sha256(data).hexdigest()[:16]


def error_doc(source: str, reason: str, fmt: str = "txt") -> RawDoc:
    """A document that could not be read: empty text, ``error`` set, id from its source string."""
    line = " ".join(reason.split())[:300]
    return RawDoc(doc_id(source.encode("utf-8", "surrogateescape")), source, "", fmt, error=line)
