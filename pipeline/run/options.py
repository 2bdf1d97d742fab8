"""What a run is told: :class:`Settings` decide the output bytes, :class:`RunOptions` only how the run goes."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from ..document import BATCH_DOCS
from ..ingest.listing import IngestOptions

#: Default shard size: tens of MB of input per task, not one article per task.
SHARD_BYTES = 32 * 1024 * 1024
#: Upper bound on files per shard, so a dump of many tiny files still spreads over the workers.
SHARD_FILES = 2000


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

    def fingerprint(self) -> dict[str, Any]:
        """A JSON-able description of the settings, for resume keys and the manifest."""
        data = asdict(self)
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
    shard_bytes: int = SHARD_BYTES
    shard_files: int = SHARD_FILES
    formats: tuple[str, ...] = ("csv",)
    #: Write into a non-empty ``out`` that is not a run folder (its other files are left alone).
    force_out: bool = False
    #: A Dask scheduler file (``--scheduler-file``): attach the dask engine to the scheduler it names.
    scheduler_file: str | None = None
