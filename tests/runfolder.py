"""Helpers that build small run folders for the review, diff and report tests."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from pipeline.outputs.contract import CLAIM_COLUMNS, CLUTTER_COLUMNS, DOCUMENT_COLUMNS, REVIEW_COLUMNS
from pipeline.outputs.writers import write_csv, write_json, write_jsonl

#: claims.csv columns without, and with, the review columns at the end.
BASE_COLUMNS = tuple(c for c in CLAIM_COLUMNS if c not in REVIEW_COLUMNS)
REVIEWED_COLUMNS = (*BASE_COLUMNS, *REVIEW_COLUMNS)


def claim(cid: str, **over: object) -> dict[str, object]:
    """A claims.csv row with plausible values; ``over`` replaces columns."""
    row: dict[str, object] = {
        "claim_id": cid, "doc_id": "d" * 16, "source": "a.txt", "title": "T", "published": "2023-01-02",
        "paragraph": 1, "sentence": "Output rose 4.2% in 2022.", "quantity": "4.2%", "value": 4.2, "value_max": "", "unit": "%",
        "bound": "exact", "kind": "share", "metric": "output", "subject": "", "period": "2022",
        "start": 12, "end": 16, "rule": "claim.share.v1", "direction": "", "subject_source": "", "period_source": "",
    }
    row.update(over)
    return row


def write_run(folder: Path, rows: list[dict[str, object]], columns: tuple[str, ...] = BASE_COLUMNS) -> Path:
    """A folder holding just claims.csv with ``rows``."""
    folder.mkdir(parents=True, exist_ok=True)
    write_csv(folder / "claims.csv", columns, rows)
    return folder


#: Quantities the fake extractor of :func:`make_run` finds: percentages and money amounts.
_QUANTITY = re.compile(r"(?:[$£]\s?)?\d[\d,]{0,15}(?:\.\d{1,6})?(?:\s?%| ?(?:mln|bln|million|billion)\b)?")


def make_run(folder: Path, pages: list[dict[str, object]]) -> Path:
    """A complete run folder (all contract files) from page specs.

    Each page: ``source``, ``blocks`` as ``(kind, rule, text)`` triples joined by blank lines into the raw
    text, optional ``status``/``error``, ``extracted`` (keep ``source_text``), ``block_text`` (store each
    block's text in articles.jsonl). Claims: every number in a body block, one per match, kind ``count``.
    """
    folder.mkdir(parents=True, exist_ok=True)
    docs, claims, clutter, articles = [], [], [], []
    for n, spec in enumerate(pages):
        parts = list(spec.get("blocks", []))  # type: ignore[arg-type]
        raw = "\n\n".join(text for _, _, text in parts)
        doc_id = str(spec.get("doc_id") or hashlib.sha256(raw.encode()).hexdigest()[:16])
        source = str(spec.get("source", f"page{n}.txt"))
        status = str(spec.get("status", "ok"))
        blocks, pos = [], 0
        for kind, rule, text in parts:
            blocks.append({"start": pos, "end": pos + len(text), "kind": kind, "rule": rule, "text": text})
            pos += len(text) + 2
        body = [b for b in blocks if b["kind"] in ("heading", "paragraph")]
        found = []
        for para, b in enumerate(body, start=1):
            for m in _QUANTITY.finditer(str(b["text"])):
                s, e = int(b["start"]) + m.start(), int(b["start"]) + m.end()
                found.append(claim(
                    hashlib.sha256(f"{doc_id}:{s}:{e}".encode()).hexdigest()[:16], doc_id=doc_id, source=source,
                    title=spec.get("title", ""), paragraph=para, quantity=m.group(),
                    sentence=str(b["text"])[max(0, m.start() - 100) : m.end() + 100],
                    value=float(re.sub(r"[^\d.]", "", m.group()) or 0), unit="count", kind="count",
                    metric=f"metric of {m.group()}", subject="", period="", start=s, end=e, rule="test.number.v1",
                ))
        if status != "ok":
            found, blocks, body = [], [], []
        claims += found
        for b in blocks:
            if b["kind"] == "clutter":
                clutter.append({"doc_id": doc_id, "source": source, "start": b["start"], "end": b["end"],
                                "rule": b["rule"], "preview": " ".join(str(b["text"]).split())[:80]})
        docs.append({"doc_id": doc_id, "source": source, "status": status, "error": spec.get("error", ""),
                     "title": spec.get("title", ""), "published": "", "chars": len(raw), "kept_blocks": len(body),
                     "dropped_blocks": sum(b["kind"] == "clutter" for b in blocks), "claims": len(found),
                     "format": "txt", "url": ""})
        record = {"doc_id": doc_id, "source": source, "title": spec.get("title", ""), "tags": [], "published": "",
                  "text": "\n\n".join(str(b["text"]) for b in body),
                  "blocks": [{k: v for k, v in b.items() if k != "text" or spec.get("block_text")} for b in blocks],
                  "status": status}
        if spec.get("extracted"):
            record["source_text"] = raw
        articles.append(record)
    write_csv(folder / "claims.csv", REVIEWED_COLUMNS, claims)
    write_csv(folder / "documents.csv", DOCUMENT_COLUMNS, docs)
    write_csv(folder / "clutter.csv", CLUTTER_COLUMNS, clutter)
    write_jsonl(folder / "articles.jsonl", articles)
    write_json(folder / "manifest.json", {"version": "test", "started": "", "finished": "", "counts": {}})
    return folder
