"""Per-document and per-shard processing: ingest -> clean -> segment -> extract, written as part files.

``process_shard`` is the one function every engine runs. It loads its configuration once per process,
never raises for a bad document (the document gets status ``error`` with a one-line reason), and writes
its part files atomically under fixed names, so a retried or resumed shard replaces its own output.
"""
from __future__ import annotations

import json
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from ..clean.page import CleanConfig, clean, load_clean_config, passthrough
from ..ids import doc_id
from ..outputs.writers import atomic_open, dumps_line
from ..extract.stage import Extractor, extract_many, load_extractor
from ..errors import Errors
from ..ingest.listing import InputFile, read_input
from .options import Settings
from ..clean.segment import segment
from ..types import BODY_KINDS, Article, Block, Claim, DocResult, RawDoc, Sentence

log = logging.getLogger(__name__)

PART_KINDS = ("documents", "claims", "clutter", "articles")
PREVIEW_CHARS = 80


@dataclass(frozen=True)
class Shard:
    """A group of input files processed together; ``key`` changes when inputs or settings change."""

    index: int
    files: tuple[InputFile, ...]
    key: str

    @property
    def name(self) -> str:
        """Fixed part-file stem of this shard."""
        return f"{self.index:05d}"

    @property
    def bytes(self) -> int:
        """Input bytes of the shard."""
        return sum(f.size for f in self.files)


@dataclass
class Stages:
    """Configuration loaded once per process."""

    clean: CleanConfig
    extractor: Extractor


_STAGES: dict[str, Stages] = {}


def load_stages(settings: Settings) -> Stages:
    """Clean and extract configuration for ``settings``, loaded once per process."""
    key = json.dumps(settings.fingerprint(), sort_keys=True, default=str)
    if key not in _STAGES:
        folder = Path(settings.rules_folder) if settings.rules_folder else None
        _STAGES[key] = Stages(
            clean=load_clean_config(folder, settings.disabled),
            extractor=load_extractor(folder, use_ner=settings.use_ner),
        )
    return _STAGES[key]


def one_line(exc: BaseException) -> str:
    """A one-line reason for a failed document."""
    text = " ".join(str(exc).split()) or exc.__class__.__name__
    return f"{exc.__class__.__name__}: {text}"[:300]


def _prepare(doc: RawDoc, stages: Stages, settings: Settings, timings: Counter) -> tuple[Article, list[Sentence]]:
    t0 = time.perf_counter()
    article = passthrough(doc) if settings.no_clean else clean(doc, stages.clean)
    t1 = time.perf_counter()
    sentences = segment(article)
    timings["clean"] += t1 - t0
    timings["segment"] += time.perf_counter() - t1
    return article, sentences


def _extract_batch(
    batch: list[tuple[DocResult, Article, list[Sentence]]], stages: Stages, timings: Counter
) -> None:
    """Attach claims to a batch of documents; a failing batch is retried one document at a time."""
    t0 = time.perf_counter()
    try:
        found = extract_many([(a, s) for _, a, s in batch], stages.extractor)
        for (result, _, _), claims in zip(batch, found, strict=True):
            result.claims = claims
    except Exception:  # noqa: BLE001 - isolate the poisoned document below
        for result, article, sentences in batch:
            try:
                result.claims = extract_many([(article, sentences)], stages.extractor)[0]
            except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
                log.debug("extract failed for %s", result.doc.source, exc_info=True)
                result.status, result.error, result.claims = "error", one_line(exc), []
    timings["extract"] += time.perf_counter() - t0


def process_documents(
    docs: Iterable[RawDoc], settings: Settings, timings: Counter | None = None
) -> Iterator[DocResult]:
    """Results for ``docs`` in input order; never raises for a bad document."""
    stages = load_stages(settings)
    timings = Counter() if timings is None else timings
    pending: list[tuple[DocResult, Article, list[Sentence]]] = []
    ready: list[DocResult] = []
    for doc in docs:
        result = DocResult(doc=doc, status="ok")
        if doc.error:
            result.status, result.error = "error", doc.error
        elif not doc.text.strip():
            result.status = "empty"
        else:
            try:
                article, sentences = _prepare(doc, stages, settings, timings)
                result.article = article
                pending.append((result, article, sentences))
            except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
                log.debug("clean/segment failed for %s", doc.source, exc_info=True)
                result.status, result.error = "error", one_line(exc)
        ready.append(result)
        if len(pending) >= settings.batch_docs:
            _extract_batch(pending, stages, timings)
            pending = []
            yield from ready
            ready = []
    if pending:
        _extract_batch(pending, stages, timings)
    yield from ready


def document_row(result: DocResult) -> dict[str, Any]:
    """The documents.csv row of a result."""
    doc, article = result.doc, result.article
    return {
        "doc_id": doc.doc_id,
        "source": doc.source,
        "status": result.status,
        "error": result.error,
        "title": article.title if article else doc.title,
        "published": article.published if article else doc.published,
        "chars": len(doc.text),
        "kept_blocks": len(article.body) if article else 0,
        "dropped_blocks": len(article.dropped) if article else 0,
        "claims": len(result.claims),
        "format": doc.format,
        "url": doc.url,
    }


def clutter_rows(result: DocResult) -> Iterator[dict[str, Any]]:
    """clutter.csv rows of a result, one per dropped block."""
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


def _block_record(block: Block) -> dict[str, Any]:
    """A block of articles.jsonl; title, meta and clutter blocks keep their text (the body is in ``text``)."""
    record: dict[str, Any] = {"start": block.start, "end": block.end, "kind": block.kind, "rule": block.rule}
    if block.kind not in BODY_KINDS:
        record["text"] = block.text
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
        "blocks": [_block_record(b) for b in blocks],
        "status": result.status,
    }
    if doc.extracted:
        record["source_text"] = doc.text
    return record


def claim_record(claim: Claim) -> dict[str, Any]:
    """A claim as a plain dict in claims.csv column order."""
    return claim.as_row()


def part_path(parts: Path, shard: Shard, kind: str) -> Path:
    """Fixed path of one part file of a shard."""
    return parts / f"{shard.name}.{kind}.jsonl"


def done_path(parts: Path, shard: Shard) -> Path:
    """Marker written last: the shard's key and summary."""
    return parts / f"{shard.name}.done.json"


def iter_shard_docs(shard: Shard, settings: Settings, timings: Counter) -> Iterator[RawDoc]:
    """Documents of every file of the shard; a file that cannot be listed becomes one error document."""
    for item in shard.files:
        t0 = time.perf_counter()
        for doc in read_input(item, settings.ingest):
            timings["ingest"] += time.perf_counter() - t0
            yield doc
            t0 = time.perf_counter()


def record_lost_shard(shard: Shard, parts: Path, reason: str) -> dict[str, Any]:
    """Part files for a shard whose worker kept dying: one ``error`` row per input file, nothing else.

    Its done marker carries a key that never matches, so ``--resume`` tries the shard again.
    """
    parts.mkdir(parents=True, exist_ok=True)
    for kind in PART_KINDS:
        with atomic_open(part_path(parts, shard, kind), "w", encoding="utf-8", newline="\n") as handle:
            if kind != "documents":
                continue
            for item in shard.files:
                doc = RawDoc(doc_id=doc_id(item.source.encode("utf-8")), source=item.source, text="")
                handle.write(dumps_line(document_row(DocResult(doc=doc, status="error", error=reason))))
    counts = {"documents": len(shard.files), "status_error": len(shard.files)}
    summary = {"shard": shard.index, "key": "lost:" + shard.key, "counts": counts, "timings": {}}
    with atomic_open(done_path(parts, shard), "w", encoding="utf-8") as handle:
        json.dump(summary, handle, sort_keys=True)
    return summary


def give_up(shard: Shard, parts: Path, reason: str) -> dict[str, Any]:
    """Log a shard whose worker died on every try and record its files as ``error`` rows with ``reason``."""
    log.error(Errors.E043.format(shards=shard.name))
    return record_lost_shard(shard, parts, reason)


def process_shard(
    shard: Shard, settings: Settings, parts: Path, progress: Callable[[int, int], None] | None = None
) -> dict[str, Any]:
    """Process every document of ``shard`` and write its part files; returns the shard summary."""
    timings: Counter = Counter()
    counts: Counter = Counter()
    parts.mkdir(parents=True, exist_ok=True)
    handles = {}
    opened = [atomic_open(part_path(parts, shard, kind), "w", encoding="utf-8", newline="\n") for kind in PART_KINDS]
    try:
        for kind, ctx in zip(PART_KINDS, opened, strict=True):
            handles[kind] = ctx.__enter__()
        for result in process_documents(iter_shard_docs(shard, settings, timings), settings, timings):
            t0 = time.perf_counter()
            handles["documents"].write(dumps_line(document_row(result)))
            for row in clutter_rows(result):
                handles["clutter"].write(dumps_line(row))
            for claim in result.claims:
                handles["claims"].write(dumps_line(claim_record(claim)))
            handles["articles"].write(dumps_line(article_record(result)))
            timings["write"] += time.perf_counter() - t0
            words = len(result.doc.text.split())
            counts["documents"] += 1
            counts[f"status_{result.status}"] += 1
            counts["claims"] += len(result.claims)
            counts["clutter"] += len(result.article.dropped) if result.article else 0
            counts["words"] += words
            if progress:
                progress(1, words)
    except BaseException as exc:
        for ctx in reversed(opened[: len(handles)]):
            ctx.__exit__(type(exc), exc, exc.__traceback__)
        raise
    for ctx in reversed(opened):
        ctx.__exit__(None, None, None)
    summary = {"shard": shard.index, "key": shard.key, "counts": dict(counts), "timings": dict(timings)}
    with atomic_open(done_path(parts, shard), "w", encoding="utf-8") as handle:
        json.dump(summary, handle, sort_keys=True)
    return summary
