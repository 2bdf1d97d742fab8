"""The run folder (``--out``): owned through a marker file, locked while a run works in it, and changed as a whole.

Rules:

- A run writes only into a folder that is empty, missing, or already a run folder (it holds the marker file
  :data:`MARKER`, or is a run folder of an older version with ``manifest.json``, ``claims.csv`` and
  ``documents.csv``); any other non-empty folder is refused (E170) unless the run is told to take it over
  (``--force-out``). No input may lie inside ``--out`` (E172).
- One run at a time: a second run on the same folder stops at once (E171). The lock is an OS file lock, so a
  killed run never leaves a stale lock behind.
- Outputs are written into a hidden staging folder inside ``--out`` and moved into place together at the end;
  a run that fails or is killed before that leaves the previous run's files as they were. A commit cut short
  (kill -9 between two renames) is finished by the next run; staging folders of killed runs are removed.
- Outputs of an earlier run that this run does not write (``claims.parquet`` of a run with ``--format parquet``,
  a ``report/`` folder) are removed; nothing else in the folder is touched. ``parts/`` holds the per-shard
  part files that ``--resume`` reuses.
- Files and folders are created with the process umask.
"""
from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

from .. import __version__
from ..errors import Errors, UsageError
from ..outputs.writers import atomic_open, umask_mode

log = logging.getLogger(__name__)

#: The file that marks a folder as a newsclaims run folder (its outputs are listed in it).
MARKER = ".newsclaims-run.json"
#: The lock file held (flock) while a run works in the folder.
LOCK = ".newsclaims.lock"
#: Prefix of staging folders; the commit journal inside one lists the entries being moved into place.
STAGING_PREFIX = ".staging-"
JOURNAL = ".commit.json"
#: Folder of the per-shard part files.
PARTS = "parts"
#: Output names a run of an earlier version may have left (removed when this run does not write them).
LEGACY_OUTPUTS = ("claims.csv", "documents.csv", "clutter.csv", "articles.jsonl", "claims.jsonl",
                  "claims.parquet", "manifest.json", "review_orphans.csv", "report.html", "report")
#: Files every run folder of an earlier version holds.
_LEGACY_SIGNS = ("manifest.json", "claims.csv", "documents.csv")
_OWN = frozenset({MARKER, LOCK})


def is_run_folder(path: Path) -> bool:
    """True when ``path`` is a folder a run made (its marker, or the files of an older run folder)."""
    path = Path(path)
    if (path / MARKER).is_file():
        return True
    return all((path / name).is_file() for name in _LEGACY_SIGNS)


def _inside(child: Path, parent: Path) -> bool:
    try:
        child.relative_to(parent)
    except ValueError:
        return False
    return True


def check_inputs(inputs: Sequence[Path], out: Path) -> None:
    """Raise UsageError (E172) when an input is ``out`` itself or lies inside it (the run would rewrite it)."""
    out_real = Path(os.path.realpath(out))
    for item in inputs:
        if _inside(Path(os.path.realpath(item)), out_real):
            raise UsageError(Errors.E172.format(input=item, out=out))


def _read_marker(out: Path) -> list[str]:
    try:
        data = json.loads((out / MARKER).read_text(encoding="utf-8"))
        names = data.get("outputs", [])
    except (OSError, ValueError, AttributeError):
        return []
    return [n for n in names if isinstance(n, str) and _plain_name(n)]


def _plain_name(name: str) -> bool:
    """A single entry name (no separators, not ``.``/``..``): the only kind a marker may name."""
    return bool(name) and name not in (".", "..") and "/" not in name and os.sep not in name and "\0" not in name


def _write_marker(out: Path, outputs: Sequence[str]) -> None:
    with atomic_open(out / MARKER, "w", encoding="utf-8", newline="\n") as handle:
        json.dump({"made_by": "newsclaims", "version": __version__, "outputs": sorted(outputs)}, handle, indent=1)
        handle.write("\n")


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


class RunFolder:
    """An open, locked run folder: stage outputs with :meth:`staging`, move them into place with :meth:`commit`."""

    def __init__(self, out: Path, lock: IO[str]) -> None:
        self.out = out
        self._lock = lock

    @property
    def parts(self) -> Path:
        """The folder of per-shard part files."""
        return self.out / PARTS

    def staging(self) -> Path:
        """A new, empty hidden staging folder inside the run folder."""
        path = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=self.out))
        path.chmod(umask_mode(0o777))
        return path

    def commit(self, staging: Path) -> list[str]:
        """Move every entry of ``staging`` into the run folder, remove earlier outputs not written again,
        record the outputs in the marker and remove ``staging``; returns the committed names."""
        names = sorted(n for n in os.listdir(staging) if n != JOURNAL and _plain_name(n))
        with atomic_open(staging / JOURNAL, "w", encoding="utf-8") as handle:
            json.dump({"outputs": names}, handle)
        _finish_commit(self.out, staging, names)
        return names

    def close(self) -> None:
        """Release the lock."""
        with contextlib.suppress(OSError):
            self._lock.close()


def _finish_commit(out: Path, staging: Path, names: Sequence[str]) -> None:
    """Move ``names`` from ``staging`` into ``out`` (again safe after an interruption), then tidy up."""
    trash = staging / ".replaced"
    for name in names:
        src, dst = staging / name, out / name
        if not os.path.lexists(src):
            continue  # moved before an interruption
        if dst.is_dir() and not dst.is_symlink():
            trash.mkdir(exist_ok=True)
            os.replace(dst, trash / name)
        os.replace(src, dst)
    earlier = set(_read_marker(out)) if (out / MARKER).exists() else set(LEGACY_OUTPUTS)
    for name in sorted(earlier - set(names) - _OWN - {PARTS}):
        if os.path.lexists(out / name):
            log.info("removing %s: an output of an earlier run that this run does not write", out / name)
            _remove(out / name)
    _write_marker(out, names)
    shutil.rmtree(staging, ignore_errors=True)


def _recover(out: Path) -> None:
    """Finish a commit that a killed run left half done; remove staging folders of killed runs."""
    for entry in sorted(out.glob(STAGING_PREFIX + "*")):
        journal = entry / JOURNAL
        try:
            names = [n for n in json.loads(journal.read_text(encoding="utf-8"))["outputs"] if _plain_name(n)]
        except (OSError, ValueError, KeyError, TypeError):
            names = None
        if names is not None:
            log.warning("finishing the commit of a run that was stopped while moving its outputs into %s", out)
            _finish_commit(out, entry, names)
        else:
            log.info("removing %s, left by a run that did not finish", entry)
            shutil.rmtree(entry, ignore_errors=True)
    for stale in out.glob(".*.tmp"):  # temporary files of a killed writer
        with contextlib.suppress(OSError):
            stale.unlink()


def _lock(out: Path) -> IO[str]:
    import fcntl

    handle = open(out / LOCK, "a", encoding="utf-8")  # noqa: SIM115 - held open for the whole run
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        handle.close()
        raise UsageError(Errors.E171.format(out=out)) from exc
    return handle


@contextlib.contextmanager
def open_run_folder(out: Path, force: bool = False) -> Iterator[RunFolder]:
    """Create or take over ``out`` as a run folder and hold its lock for the block.

    Raises UsageError: E170 (a non-empty folder that is not a run folder, unless ``force``), E171 (another
    run is working in it), E030 (it cannot be created or written).
    """
    out = Path(out)
    try:
        if out.exists() and not out.is_dir():
            raise UsageError(Errors.E030.format(path=out, reason="it is a file, not a folder"))
        out.mkdir(parents=True, exist_ok=True)
        if not is_run_folder(out) and any(n not in _OWN for n in os.listdir(out)) and not force:
            raise UsageError(Errors.E170.format(out=out))
        lock = _lock(out)
    except OSError as exc:
        raise UsageError(Errors.E030.format(path=out, reason=exc.strerror or exc)) from exc
    folder = RunFolder(out, lock)
    try:
        _recover(out)
        if not (out / MARKER).exists():
            _write_marker(out, [n for n in LEGACY_OUTPUTS if (out / n).exists()] if is_run_folder(out) else [])
        yield folder
    finally:
        folder.close()
