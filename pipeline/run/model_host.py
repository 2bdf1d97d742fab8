"""The spaCy model of a small batch, loaded in a process beside the run while the run reads its pages.

A run of a few pages spends most of its time getting the model ready (importing spaCy and reading the model's
weights: about 0.8 s of one core here), and only then reads its first sentence with it. For a small batch
(under :data:`SMALL_BATCH_BYTES` of input) the model is loaded instead by a companion process forked when the
run starts: the run goes on importing its stages, reading, cleaning and segmenting the pages on one core while
the model loads on the other, and what the model reads (:func:`pipeline.extract.ner.parse` and
:func:`~pipeline.extract.ner.entities`) is asked of the companion: the same functions on the same model, so
the same results. The companion is ended with the run (and killed with it: :func:`die_with_parent`); when it
dies early, the run loads a model of its own and goes on.

A larger batch loads the model in the run's own process (or before forking its workers), where reading
thousands of sentences costs far more than loading it.
"""
from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from ..extract import ner
from .processes import die_with_parent, linux_fork, stop_pool

log = logging.getLogger(__name__)

#: Input (bytes, all files) under which a run's model is loaded beside it (:func:`hosts_model`).
SMALL_BATCH_BYTES = 32 * 1024
#: Seconds the companion gets to end on SIGTERM once the run is done (it holds nothing to save).
END_GRACE = 0.5


def hosts_model(total_bytes: int, use_ner: bool, engine: str = "local", resume: bool = False) -> bool:
    """True when a run over ``total_bytes`` of input should load its model beside it: NER on, the local engine,
    not a resume (which may need no model at all), a batch under :data:`SMALL_BATCH_BYTES`, on Linux (where the
    run's pools fork too: a forked process shares what this one has imported) and no model loaded here yet."""
    return (use_ner and engine == "local" and not resume and total_bytes < SMALL_BATCH_BYTES
            and linux_fork() and not ner.load_model.cache_info().currsize)


def input_bytes(inputs: Sequence[str | os.PathLike[str]], limit: int = SMALL_BATCH_BYTES) -> int:
    """Bytes of the files at or under the local paths ``inputs``, counted only up to ``limit`` (a walk stops
    there, so a large folder costs little): what :func:`hosts_model` needs to know before the inputs are listed.
    A URL or a path that cannot be read counts as ``limit`` (not known to be small)."""
    total = 0
    for item in inputs:
        if "://" in str(item):
            return limit
        try:
            if not os.path.isdir(item):
                total += os.stat(item).st_size
            else:
                for folder, _dirs, files in os.walk(item, onerror=_raise):
                    for name in files:
                        total += os.lstat(os.path.join(folder, name)).st_size
                        if total >= limit:
                            return limit
        except OSError:
            return limit
        if total >= limit:
            return limit
    return total


def _raise(error: OSError) -> None:
    """``os.walk``'s error handler: a folder that cannot be read ends the count."""
    raise error


def _load(name: str, parse: bool, tag: bool) -> None:
    """In the companion: import spaCy and load the model as the run's first sentence would."""
    ner.set_reader(None)
    ner.load_model(name, parse=parse, tag=tag)


def _read(function: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    """In the companion: :func:`pipeline.extract.ner.parse` or ``entities`` with these arguments."""
    if function not in ("parse", "entities"):
        raise ValueError(f"the model's companion process reads with parse or entities, not {function!r}")
    return getattr(ner, function)(*args, **kwargs)


class _Companion:
    """The companion process (a one-process pool) and the reader :func:`hosted_model` gives to ``ner``."""

    def __init__(self, name: str, parse: bool, tag: bool) -> None:
        self.pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"),
                                        initializer=die_with_parent)
        self.pool.submit(_load, name, parse, tag)  # forks here: the model loads while the run goes on

    def read(self, function: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        """What ``ner.<function>(*args, **kwargs)`` gives in the companion; in this process once it has died."""
        try:
            return self.pool.submit(_read, function, args, kwargs).result()
        except BrokenProcessPool:
            log.warning("the model's companion process died; loading the model in the run's own process")
            ner.set_reader(None)
            return getattr(ner, function)(*args, **kwargs)


@contextlib.contextmanager
def hosted_model(name: str = ner.MODEL, parse: bool = False, tag: bool = True) -> Iterator[None]:
    """A block in which the model ``name`` (loaded as ``ner.load_model(name, parse=parse, tag=tag)``) reads texts
    in a companion process started here; at its end the companion is ended (SIGTERM, then killed after
    :data:`END_GRACE` seconds) and ``ner`` reads in this process again. Errors of the model (E010) are raised
    where the run first asks it to read, as without a companion."""
    companion = _Companion(name, parse, tag)
    previous = ner.set_reader(companion.read)
    try:
        yield
    finally:
        ner.set_reader(previous)
        stop_pool(companion.pool, grace=END_GRACE)


__all__ = ["END_GRACE", "SMALL_BATCH_BYTES", "hosted_model", "hosts_model", "input_bytes"]
