"""Per-shard processing: the documents of a shard through the one document path, written as part files.

``process_shard`` is the one function every engine runs. The stages are loaded once per process; a bad
document never raises (it gets status ``error`` with a one-line reason, see :mod:`pipeline.document`);
the part files are written atomically under fixed names, so a retried or resumed shard replaces its own
output. Row shapes come from :mod:`pipeline.outputs.contract`.
"""
from __future__ import annotations

import hashlib
import json
import logging
import pickle
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..document import Prepared, Stages, finish_documents, load_stages, prepare_documents, process_documents
from ..errors import Errors
from ..ids import doc_id
from ..ingest.listing import InputFile, open_input, read_input
from ..outputs.contract import article_record, claim_rows, clutter_rows, document_row
from ..outputs.writers import atomic_open, dumps_line, printable
from ..types import DocResult, RawDoc
from .model_host import SMALL_BATCH_BYTES
from .options import Settings
from .prepass import with_templates

log = logging.getLogger(__name__)

PART_KINDS = ("documents", "claims", "clutter", "articles")


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


def stages_for(settings: Settings) -> Stages:
    """The stages ``settings`` ask for (rules folder, disabled clutter rules, NER), loaded once per process."""
    return load_stages(settings.rules_folder, settings.disabled, use_ner=settings.use_ner,
                       use_parser=settings.use_parser)


#: A small page the stages read once before a pool is forked, so every lazily built part (the model too,
#: when asked: the page names a company and a place) is ready in the workers.
WARM_TEXT = ("Acme Corp said in London on Monday that sales rose 5.2% to $3.4 million in 2021, "
             "up from 2.9 million euros a year earlier.\n")


#: Input bytes from which a pool's run loads the spaCy model before forking its workers (a batch that big
#: surely has a sentence that needs it); a smaller batch leaves it to the first worker sentence that does
#: (or, run in one process, to a companion process: :mod:`pipeline.run.model_host`).
WARM_MODEL_BYTES = SMALL_BATCH_BYTES


def warm_stages(settings: Settings, model: bool = True) -> Stages:
    """Load the stages ``settings`` ask for and run one small page through them, in this process; with
    ``model`` (and NER on) the spaCy model is loaded too, as the run's documents will use it, else it is left
    to the first sentence that needs it.

    Done before a process pool is forked: the workers share the loaded rules and model (copy-on-write)
    instead of loading their own. Raises what :func:`stages_for` raises.
    """
    stages = stages_for(settings)
    warm = stages if model else replace(stages, extractor=replace(stages.extractor, use_ner=False))
    doc = RawDoc(doc_id=doc_id(WARM_TEXT.encode()), source="<warm-up>", text=WARM_TEXT)
    for _ in process_documents([doc], warm, clean=not settings.no_clean, batch_docs=settings.batch_docs):
        pass
    return stages


def part_path(parts: Path, shard: Shard, kind: str) -> Path:
    """Fixed path of one part file of a shard."""
    return parts / f"{shard.name}.{kind}.jsonl"


def done_path(parts: Path, shard: Shard) -> Path:
    """Marker written last: the shard's key and summary."""
    return parts / f"{shard.name}.done.json"


def prepared_path(parts: Path, shard: Shard) -> Path:
    """File holding the shard's documents read, cleaned and segmented ahead of its run (:func:`prepare_shard`)."""
    return parts / f"{shard.name}.prepared.pickle"


def prepare_shard(shard: Shard, settings: Settings, parts: Path, stop: Callable[[], bool]) -> bool:
    """Read, clean and segment the documents of ``shard`` (the steps before the model) and keep them in
    :func:`prepared_path` with the shard's key and content digest, for :func:`process_shard` to go on from.

    Done while the run's first process loads the model, in a process that has no model: its results are
    those :func:`process_shard` would compute. ``stop()`` is asked after each document; True ends the work
    and nothing is written (returns False). Raises what reading or writing the file raises.
    """
    timings: Counter = Counter()
    digest = content_digest(shard)  # before reading, as process_shard does
    stages = with_templates(stages_for(settings), settings)
    prepared: list[Prepared] = []
    for item in prepare_documents(iter_shard_docs(shard, settings, timings), stages, clean=not settings.no_clean,
                                  timings=timings):
        prepared.append(item)
        if stop():
            return False
    with atomic_open(prepared_path(parts, shard), "wb") as handle:
        pickle.dump((shard.key, digest, dict(timings), prepared), handle, protocol=pickle.HIGHEST_PROTOCOL)
    return True


def _take_prepared(shard: Shard, parts: Path) -> tuple[str, Counter, list[Prepared]] | None:
    """The content digest, timings and documents :func:`prepare_shard` kept for ``shard`` (the file is
    removed), or None when it kept none for this key."""
    path = prepared_path(parts, shard)
    try:
        with open(path, "rb") as handle:
            key, digest, timings, prepared = pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError) as exc:
        log.debug("no prepared documents for shard %s: %s", shard.name, exc)
        return None
    finally:
        path.unlink(missing_ok=True)
    return (digest, Counter(timings), prepared) if key == shard.key else None


def content_digest(shard: Shard) -> str:
    """sha256 over the bytes of every input (range) of the shard: ``--resume`` compares it, so an edit that
    keeps a file's size and modification time (``cp -p``, ``rsync -t``) is still seen."""
    digest = hashlib.sha256()
    for item in shard.files:
        digest.update(f"{item.source}\0{item.start}\0{item.end}\0".encode("utf-8", "surrogateescape"))
        if item.error:
            continue
        try:
            with open_input(item) as handle:
                handle.seek(item.start)
                left = item.end - item.start if item.end >= 0 else -1
                while left != 0:
                    chunk = handle.read(1 << 20 if left < 0 else min(1 << 20, left))
                    if not chunk:
                        break
                    digest.update(chunk)
                    left -= len(chunk) if left > 0 else 0
        except OSError as exc:
            digest.update(f"unreadable {exc.errno}".encode())
    return digest.hexdigest()


def iter_shard_docs(shard: Shard, settings: Settings, timings: Counter) -> Iterator[RawDoc]:
    """Documents of every file of the shard; a file that cannot be listed becomes one error document."""
    for item in shard.files:
        t0 = time.perf_counter()
        for doc in read_input(item, settings.ingest):
            timings["ingest"] += time.perf_counter() - t0
            yield doc
            t0 = time.perf_counter()


def _document(result: DocResult) -> dict[str, Any]:
    """The documents row of a result, its reason on one line without control characters."""
    row = document_row(result)
    row["error"] = printable(row["error"])
    return row


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
                handle.write(dumps_line(_document(DocResult(doc=doc, status="error", error=reason))))
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
    shard: Shard, settings: Settings, parts: Path, progress: Callable[[int, int], None] | None = None,
    stages: Stages | None = None, prepared: bool = False,
) -> dict[str, Any]:
    """Process every document of ``shard`` and write its part files; returns the shard summary.

    ``stages``: stages already loaded for ``settings`` (e.g. sent to a cluster worker); default
    :func:`stages_for`. The clean stage drops the batch's template lines (``settings.template_set``).
    ``prepared``: go on from the documents :func:`prepare_shard` kept for this shard in this run, when it kept
    them for the same key (else they are read and cleaned here).
    """
    timings: Counter = Counter()
    counts: Counter = Counter()
    parts.mkdir(parents=True, exist_ok=True)
    kept = _take_prepared(shard, parts) if prepared else None
    # the digest is taken before reading: a file edited during the run is redone by --resume
    digest = kept[0] if kept is not None else content_digest(shard)
    stages = with_templates(stages or stages_for(settings), settings)
    if kept is not None:
        timings.update(kept[1])
        ready: Iterable[Prepared] = kept[2]
    else:
        ready = prepare_documents(iter_shard_docs(shard, settings, timings), stages, clean=not settings.no_clean,
                                  timings=timings)
    handles = {}
    opened = [atomic_open(part_path(parts, shard, kind), "w", encoding="utf-8", newline="\n") for kind in PART_KINDS]
    try:
        for kind, ctx in zip(PART_KINDS, opened, strict=True):
            handles[kind] = ctx.__enter__()
        results = finish_documents(ready, stages, batch_docs=settings.batch_docs, timings=timings)
        for result in results:
            t0 = time.perf_counter()
            handles["documents"].write(dumps_line(_document(result)))
            for row in clutter_rows(result):
                handles["clutter"].write(dumps_line(row))
            for row in claim_rows(result.claims):
                handles["claims"].write(dumps_line(row))
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
    summary = {"shard": shard.index, "key": shard.key, "digest": digest, "counts": dict(counts),
               "timings": dict(timings)}
    with atomic_open(done_path(parts, shard), "w", encoding="utf-8") as handle:
        json.dump(summary, handle, sort_keys=True)
    return summary
