"""Merge the shards' part files into the run's outputs, in shard order, while the other shards still run.

Shards finish in any order; :class:`ShardMerge` takes each finished shard as soon as every shard before it
is merged too (a ready prefix), so the files grow in shard order whatever the order of finishing or the
number of workers, and only the last shards are left to merge when the run ends. Each output file is
written by the writer of :mod:`~pipeline.outputs.writers` in a thread of its own, fed row lists through a
queue; nothing is started before :meth:`ShardMerge.shard_done` is first called (after a pool is forked).
"""
from __future__ import annotations

import logging
import queue
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ..errors import Errors, NewsclaimsError
from ..outputs.contract import (
    CLAIM_COLUMNS, CLUTTER_COLUMNS, DOCUMENT_COLUMNS, PARQUET_TYPES, claim_row, duplicate_row,
)
from ..outputs.reader import read_jsonl
from ..outputs.review import Review
from ..outputs.report import ReportSections
from ..outputs.writers import as_read, write_csv, write_jsonl, write_parquet
from .shards import Shard, part_path

log = logging.getLogger(__name__)

_END = object()
_STOP = object()
#: Seconds a stopped merge waits for each writer to drop its file (at once unless it is stuck in a write,
#: e.g. on a hung network disk); the writers are daemon threads, so one left behind does not hold the exit.
STOP_WAIT = 10.0


class _Feed:
    """Rows handed over in lists by the merging thread, read by one writer thread as one iterator."""

    def __init__(self) -> None:
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()

    def put(self, rows: list[dict[str, Any]]) -> None:
        if rows:
            self._queue.put(rows)

    def end(self, stop: bool = False) -> None:
        """No more rows: the writer finishes its file, or (``stop``) fails so that nothing is committed."""
        self._queue.put(_STOP if stop else _END)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        while True:
            item = self._queue.get()
            if item is _END:
                return
            if item is _STOP:
                raise NewsclaimsError(Errors.E310)
            yield from item


class _Writer(threading.Thread):
    """One output file written from a :class:`_Feed` in a thread; keeps the row count or the error."""

    def __init__(self, name: str, write: Callable[[Iterable[dict[str, Any]]], int]) -> None:
        super().__init__(name=f"merge {name}", daemon=True)
        self.feed = _Feed()
        self.count = 0
        self.error: BaseException | None = None
        self._write = write

    def run(self) -> None:
        try:
            self.count = self._write(self.feed)
        except BaseException as exc:  # noqa: BLE001 - handed to the merging thread, which raises it
            self.error = exc


class ShardMerge:
    """Write claims.csv, documents.csv, clutter.csv and articles.jsonl (and claims.jsonl / claims.parquet when
    ``formats`` ask) into ``out`` from the part files of ``shards``, in shard order, as shards are done.

    Every claims file gets the same rows: those of :mod:`~pipeline.outputs.contract`, with the decisions of
    ``review`` already on them; ``provenance`` is claims.parquet's key-value metadata. A document whose bytes
    repeat an earlier one (same doc_id, status ok) keeps its documents.csv row (with ``duplicate of ...`` in
    ``error`` and no claims of its own), so that every claim_id appears once. Call :meth:`shard_done` for each
    shard as it is done, then :meth:`finish`; :meth:`stop` when the run fails. ``report``: takes each merged
    shard's rows as the files will hold them, to render the report's sections while the run goes on.
    """

    def __init__(self, out: Path, parts: Path, shards: Sequence[Shard], formats: Sequence[str] = ("csv",),
                 review: Review | None = None, provenance: dict[str, str] | None = None,
                 report: ReportSections | None = None) -> None:
        self.out, self.parts, self.review, self.report = Path(out), Path(parts), review, report
        if review is not None:  # a reviewed document whose file is not read here may be under a new name
            review.expect(f.source for s in shards for f in s.files)
        self.order = sorted(shards, key=lambda s: s.index)
        self.formats, self.provenance = tuple(formats), provenance
        self._ready: set[int] = set()
        self._next = 0
        self._writers: dict[str, _Writer] = {}
        #: doc_id of each document (status ok) merged so far -> the source of its first copy
        self._first: dict[str, str] = {}
        #: source of a document repeating an earlier one -> the source of that first copy
        self.duplicates: dict[str, str] = {}
        self.statuses: Counter = Counter()

    def _start(self) -> None:
        out = self.out
        outputs: dict[str, Callable[[Iterable[dict[str, Any]]], int]] = {
            "claims": lambda rows: write_csv(out / "claims.csv", CLAIM_COLUMNS, rows),
            "documents": lambda rows: write_csv(out / "documents.csv", DOCUMENT_COLUMNS, rows),
            "clutter": lambda rows: write_csv(out / "clutter.csv", CLUTTER_COLUMNS, rows),
            "articles": lambda rows: write_jsonl(out / "articles.jsonl", rows),
        }
        if "jsonl" in self.formats:
            outputs["claims_jsonl"] = lambda rows: write_jsonl(out / "claims.jsonl", rows)
        if "parquet" in self.formats:
            outputs["claims_parquet"] = lambda rows: write_parquet(out / "claims.parquet", CLAIM_COLUMNS, rows,
                                                                   PARQUET_TYPES, self.provenance)
        self._writers = {name: _Writer(name, write) for name, write in outputs.items()}
        for writer in self._writers.values():
            writer.start()

    def shard_done(self, shard: Shard) -> None:
        """Note ``shard`` as done and merge every shard whose earlier shards are all merged too; raises what
        a writer raised (e.g. a full disk)."""
        self.ready(shard)
        self._advance()

    def _advance(self) -> None:
        if not self._writers:
            self._start()
        while self._next < len(self.order) and self.order[self._next].index in self._ready:
            self._merge(self.order[self._next])
            self._next += 1
        self._check()

    def ready(self, shard: Shard) -> None:
        """Note ``shard`` as done without merging anything yet (its part files are from an earlier run)."""
        self._ready.add(shard.index)

    def _merge(self, shard: Shard) -> None:
        documents = list(read_jsonl(part_path(self.parts, shard, "documents")))
        for row in documents:
            self.statuses[row["status"]] += 1
            if row["status"] == "ok":
                earlier = self._first.setdefault(row["doc_id"], row["source"])
                if earlier != row["source"]:
                    self.duplicates[row["source"]] = earlier
        dups = self.duplicates
        claims = [claim_row(r) for r in read_jsonl(part_path(self.parts, shard, "claims")) if r["source"] not in dups]
        if self.review is not None:
            claims = self.review.apply_all(claims)
        for name in ("claims", "claims_jsonl", "claims_parquet"):
            if name in self._writers:
                self._writers[name].feed.put(claims)
        documents = [r if r["source"] not in dups else duplicate_row(r, dups[r["source"]]) for r in documents]
        self._writers["documents"].feed.put(documents)
        clutter = [r for r in read_jsonl(part_path(self.parts, shard, "clutter")) if r["source"] not in dups]
        self._writers["clutter"].feed.put(clutter)
        articles = list(read_jsonl(part_path(self.parts, shard, "articles")))
        self._writers["articles"].feed.put(articles)
        if self.report is not None:
            self.report.add(as_read(DOCUMENT_COLUMNS, documents), as_read(CLAIM_COLUMNS, claims),
                            as_read(CLUTTER_COLUMNS, clutter), articles)

    def _check(self) -> None:
        for writer in self._writers.values():
            if writer.error is not None:
                self.stop()
                raise writer.error

    def finish(self) -> Counter:
        """Merge what is left (every shard must be done), close the files and return the counts: claims,
        documents, clutter, articles, documents_ok / _empty / _error and duplicates."""
        for shard in self.order:
            self._ready.add(shard.index)
        self._advance()
        for writer in self._writers.values():
            writer.feed.end()
        for writer in self._writers.values():
            writer.join()
        self._check()
        counts: Counter = Counter({name: self._writers[name].count
                                   for name in ("claims", "documents", "clutter", "articles")})
        for status in ("ok", "empty", "error"):
            counts[f"documents_{status}"] = self.statuses[status]
        counts["duplicates"] = len(self.duplicates)
        return counts

    def stop(self) -> None:
        """End every writer without committing its file (the run failed or was stopped, perhaps while the
        writers were being started: one never started is not waited for, one stuck in a write is waited for
        :data:`STOP_WAIT` seconds, E312 in the log)."""
        for writer in self._writers.values():
            writer.feed.end(stop=True)
        for name, writer in self._writers.items():
            if writer.ident is not None:
                writer.join(timeout=STOP_WAIT)
                if writer.is_alive():
                    log.warning(Errors.E312.format(name=name, seconds=STOP_WAIT))
