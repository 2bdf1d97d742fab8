"""What a run shows while it works: a first line at once, then a bar of documents done with words/s and ETA.

Everything goes to stderr and only on a terminal (and not with ``--quiet``); off a terminal a run is silent.
Workers of a process pool report each document as it is written: every worker writes small fixed-size
records (shard, documents so far, words so far) into one pipe the run reads (:class:`ProgressPipe`). A write
of at most ``PIPE_BUF`` bytes is atomic and takes no lock, so a worker killed mid-write cannot block the
others, and a full pipe drops a record instead of waiting (the next one carries the running totals).
"""
from __future__ import annotations

import contextlib
import errno
import os
import struct
import sys
import time
from collections.abc import Callable, Iterable
from typing import Any, TextIO

from .options import RunOptions
from .shards import Shard

#: The bar when the documents to come are known, and when they are not (records of JSON Lines, WARC files).
KNOWN = "{desc}: {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} docs [{elapsed}<{remaining}, {rate_fmt}{postfix}]"
UNKNOWN = "{desc}: {n_fmt} docs [{elapsed}, {rate_fmt}{postfix}]"
#: One progress record: shard index, documents and words of that shard so far.
RECORD = struct.Struct("<iqq")


def shown(options: RunOptions, stream: TextIO | None = None) -> bool:
    """True when progress is wanted (not ``--quiet``) and ``stream`` (default stderr) is a terminal."""
    stream = stream if stream is not None else sys.stderr
    try:
        return bool(options.progress and stream.isatty())
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False


def announce(options: RunOptions, message: str, stream: TextIO | None = None) -> None:
    """Print ``newsclaims: message`` on stderr (or ``stream``) when progress is shown; else nothing."""
    stream = stream if stream is not None else sys.stderr
    if shown(options, stream):
        print(f"newsclaims: {message}", file=stream, flush=True)


def _clock(seconds: float) -> str:
    seconds = int(max(0.0, seconds))
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60:02d}:{rest % 60:02d}"


class Progress:
    """Documents done (bar, with ETA) and words/s over a run's shards; silent unless :func:`shown`.

    ``total_docs``: the documents the shards hold when known (every input a one-document file), else None:
    the bar then counts without a total and the ETA comes from the input bytes of finished shards
    (``total_bytes``). Unfinished shards count through :meth:`report` (running totals of one shard);
    :meth:`shard_done` puts a shard's final counts in their place.
    """

    def __init__(self, options: RunOptions, total_bytes: int, total_docs: int | None = None,
                 stream: TextIO | None = None) -> None:
        self._stream = stream if stream is not None else sys.stderr
        self._show = shown(options, self._stream)
        self.total_bytes = total_bytes
        self.total_docs = total_docs
        self.bar: Any = None
        self.docs = 0
        self.words = 0
        self.bytes_done = 0
        self._live: dict[int, tuple[int, int]] = {}
        self._t0 = time.perf_counter()

    def __enter__(self) -> Progress:
        self._t0 = time.perf_counter()
        if self._show:
            from tqdm import tqdm

            self.bar = tqdm(total=self.total_docs, unit=" docs", desc="newsclaims", file=self._stream,
                            smoothing=0.1, mininterval=0.2, dynamic_ncols=True,
                            bar_format=KNOWN if self.total_docs is not None else UNKNOWN)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self._postfix()
            self.bar.close()

    def _add(self, docs: int, words: int) -> None:
        self.docs += docs
        self.words += words
        if self.bar is not None:
            if self.bar.total is not None and self.docs > self.bar.total:
                self.bar.total = self.docs  # a file held more documents than counted
            self._postfix()
            self.bar.update(docs)

    def _postfix(self) -> None:
        elapsed = max(time.perf_counter() - self._t0, 1e-9)
        text = f"{self.words / elapsed:,.0f} words/s"
        if self.total_docs is None and 0 < self.bytes_done < self.total_bytes:
            left = elapsed * (self.total_bytes - self.bytes_done) / self.bytes_done
            text += f", ETA {_clock(left)}"
        self.bar.set_postfix_str(text, refresh=False)

    def report(self, index: int, docs: int, words: int) -> None:
        """Running totals of the unfinished shard ``index`` (documents and words written so far)."""
        before = self._live.get(index, (0, 0))
        self._live[index] = (docs, words)
        self._add(docs - before[0], words - before[1])

    def counter(self, shard: Shard) -> Callable[[int, int], None]:
        """A ``process_shard`` progress callback (documents, words just written) for ``shard`` in this process."""
        totals = [0, 0]

        def advance(docs: int, words: int) -> None:
            totals[0] += docs
            totals[1] += words
            self.report(shard.index, totals[0], totals[1])

        return advance

    def shard_done(self, shard: Shard, summary: dict[str, Any] | None) -> None:
        """Count a finished shard (its summary carries document and word counts) in place of its reports."""
        counts = (summary or {}).get("counts", {})
        before = self._live.pop(shard.index, (0, 0))
        self.bytes_done += shard.bytes
        self._add(counts.get("documents", 0) - before[0], counts.get("words", 0) - before[1])


class ProgressPipe:
    """A pipe that pool workers (forked from this process) write progress records into; :meth:`drain` reads it.

    Made before the workers are forked (they inherit :attr:`fd`); closed by :meth:`close`.
    """

    def __init__(self) -> None:
        self._read, self.fd = os.pipe()
        os.set_blocking(self._read, False)
        os.set_blocking(self.fd, False)
        self._rest = b""

    def drain(self, progress: Progress) -> None:
        """Pass every record waiting in the pipe to ``progress.report``."""
        while True:
            try:
                data = os.read(self._read, RECORD.size * 512)
            except BlockingIOError:
                return
            except OSError:
                return
            if not data:
                return
            data = self._rest + data
            cut = len(data) - len(data) % RECORD.size
            self._rest = data[cut:]
            for index, docs, words in RECORD.iter_unpack(data[:cut]):
                progress.report(index, docs, words)

    def close(self) -> None:
        """Close both ends."""
        for fd in (self._read, self.fd):
            with contextlib.suppress(OSError):
                os.close(fd)


def pipe_counter(fd: int, index: int) -> Callable[[int, int], None]:
    """A ``process_shard`` progress callback for a worker: writes the shard's running totals to pipe ``fd``."""
    totals = [0, 0]

    def advance(docs: int, words: int) -> None:
        totals[0] += docs
        totals[1] += words
        try:
            os.write(fd, RECORD.pack(index, totals[0], totals[1]))
        except OSError as exc:  # full (the next record carries the totals) or closed: progress only
            if exc.errno not in (errno.EAGAIN, errno.EWOULDBLOCK, errno.EPIPE, errno.EBADF):
                raise

    return advance


def expected_documents(shards: Iterable[Shard]) -> int | None:
    """Documents the shards will give when every input is a one-document file, else None (records unknown)."""
    from ..ingest.listing import format_of

    total = 0
    for shard in shards:
        for item in shard.files:
            if not item.error and (format_of(item.path.name)[0] in ("jsonl", "json", "warc", "wet") or not item.whole):
                return None
            total += 1
    return total
