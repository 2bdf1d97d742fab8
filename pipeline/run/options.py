"""What a run is told: :class:`Settings` decide the output bytes, :class:`RunOptions` only how the run goes."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from ..clean.template import TemplateSet
from ..document import BATCH_DOCS
from ..ingest.listing import IngestOptions

#: Largest shard by default (``--shard-mb``): tens of MB of input per task, not one article per task.
SHARD_BYTES = 32 * 1024 * 1024
#: Upper bound on files per shard, so a dump of many tiny files still spreads over the workers.
SHARD_FILES = 2000
#: Shards planned per worker: a worker that finishes early takes the next one, so all end close together.
SHARDS_PER_WORKER = 8
#: Smallest shard the planner makes on its own, in files and in bytes (smaller ones cost more than they share).
MIN_SHARD_FILES = 16
MIN_SHARD_BYTES = 256 * 1024


@dataclass(frozen=True)
class Settings:
    """What decides a run's output besides its inputs (part of every shard's resume key)."""

    rules_folder: str | None = None
    disabled: tuple[str, ...] = ()
    no_clean: bool = False
    use_ner: bool = True
    #: Metrics and clause subjects from the model's dependency parse (``--parse``).
    use_parser: bool = False
    ingest: IngestOptions = field(default_factory=IngestOptions)
    batch_docs: int = BATCH_DOCS
    #: Drop lines repeated on many documents of one site (``--no-templates``: keep them).
    templates: bool = True
    #: The batch's template lines, counted by the run before sharding (:mod:`pipeline.run.prepass`).
    template_set: TemplateSet | None = None

    def fingerprint(self) -> dict[str, Any]:
        """A JSON-able description of the settings, for resume keys and the manifest (the template set by
        its sha256)."""
        data = asdict(self)
        data["template_set"] = self.template_set.sha256 if self.template_set is not None else ""
        data["version"] = __version__
        return data


@dataclass(frozen=True)
class RunOptions:
    """How to run a batch (engine, parallelism, resume); none of it changes the outputs' bytes."""

    out: Path = Path("outputs/latest")
    workers: int = 1
    engine: str = "local"
    scheduler: str | None = None
    resume: bool = False
    progress: bool = False
    #: Largest shard in input bytes and in files; a small batch gets smaller shards (:func:`shard_limits`).
    shard_bytes: int = SHARD_BYTES
    shard_files: int = SHARD_FILES
    formats: tuple[str, ...] = ("csv",)
    #: Write into a non-empty ``out`` that is not a run folder (its other files are left alone).
    force_out: bool = False
    #: A Dask scheduler file (``--scheduler-file``): attach the dask engine to the scheduler it names.
    scheduler_file: str | None = None


@dataclass(frozen=True)
class ShardLimits:
    """Where the planner closes a shard: at ``files`` input files or ``bytes`` input bytes, whichever comes first."""

    files: int
    bytes: int


def shard_limits(files: int, size: int, options: RunOptions) -> ShardLimits:
    """Shard limits for a batch of ``files`` input files of ``size`` bytes in all.

    About :data:`SHARDS_PER_WORKER` shards per worker (an in-process run counts as one worker), none smaller
    than :data:`MIN_SHARD_FILES` files / :data:`MIN_SHARD_BYTES` bytes unless ``options`` cap them lower
    (``shard_files``, ``shard_bytes``). Shard boundaries never change an output byte, only how work is shared.
    """
    target = max(1, options.workers) * SHARDS_PER_WORKER
    by_files = max(MIN_SHARD_FILES, -(-max(files, 0) // target))
    by_bytes = max(MIN_SHARD_BYTES, -(-max(size, 0) // target))
    return ShardLimits(files=max(1, min(options.shard_files, by_files)),
                       bytes=max(1, min(options.shard_bytes, by_bytes)))
