"""The run folder (``--out``): owned through a marker file, locked while a run works in it, and changed as a whole.

Rules:

- A run writes only into a folder that is empty, missing, or already a run folder
  (:func:`~pipeline.outputs.contract.is_run_folder`: it holds the marker file, or is a run folder of an older version
  with ``manifest.json``, ``claims.csv`` and ``documents.csv``); any other non-empty folder is refused (E170)
  unless the run is told to take it over (``--force-out``). No input may lie inside ``--out`` (E172).
- One run at a time: a second run on the same folder stops at once (E171). The lock is an OS file lock, so a
  killed run never leaves a stale lock behind.
- Outputs are written into a hidden staging folder inside ``--out`` and moved into place together at the end;
  a run that fails or is killed before that leaves the previous run's files as they were. A commit cut short
  (kill -9 between two renames) is finished by the next run; staging folders of killed runs are removed.
- Outputs of an earlier run that this run does not write (``claims.parquet`` of a run with ``--format parquet``,
  the pages in ``report/``) are removed; nothing else in the folder is touched. ``parts/`` holds the per-shard
  part files that ``--resume`` reuses.
- Output folders (``report/``) are owned file by file: the marker lists each file a run committed in them.
  A run replaces and removes only those files; files a user put in ``report/`` stay (a run refuses with
  E296, before moving anything, when it would write a file of the same name). A ``report/`` or ``parts/``
  that no run made (a folder taken over with ``--force-out``) is refused before any work (E295).
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
from ..outputs.contract import MARKER, is_run_folder
from ..outputs.writers import atomic_open, umask_mode

log = logging.getLogger(__name__)

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
_OWN = frozenset({MARKER, LOCK})
#: Entries a run writes as folders (what they hold, for E295): refused when a run did not make them.
OUTPUT_FOLDERS = {"report": "report pages", PARTS: "part files"}


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


def _read_marker_files(out: Path) -> dict[str, list[str] | None]:
    """The files each output folder named in the marker holds that a run committed, as relative POSIX paths
    (None: a folder of a run that did not list its files, so none of them is known to be a run's)."""
    try:
        data = json.loads((out / MARKER).read_text(encoding="utf-8"))
        listed = data.get("files", {})
        names = data.get("outputs", [])
    except (OSError, ValueError, AttributeError):
        return {}
    found: dict[str, list[str] | None] = {}
    if isinstance(names, list):
        found |= {n: None for n in names if isinstance(n, str) and n in OUTPUT_FOLDERS}
    if isinstance(listed, dict):
        for name, files in listed.items():
            if isinstance(name, str) and _plain_name(name):
                found[name] = ([f for f in files if isinstance(f, str) and _plain_path(f)]
                               if isinstance(files, list) else None)
    return found


def _plain_path(rel: str) -> bool:
    """A relative path of plain names (no ``..``, not absolute): the only kind a marker may list in a folder."""
    parts = rel.split("/")
    return all(_plain_name(part) for part in parts)


def _write_marker(out: Path, outputs: Sequence[str], files: dict[str, list[str] | None] | None = None) -> None:
    with atomic_open(out / MARKER, "w", encoding="utf-8", newline="\n") as handle:
        json.dump({"made_by": "newsclaims", "version": __version__, "outputs": sorted(outputs),
                   "files": {k: (sorted(v) if v is not None else None) for k, v in sorted((files or {}).items())}},
                  handle, indent=1)
        handle.write("\n")


def _folder_files(folder: Path) -> list[str]:
    """Every file (and symlink) under ``folder``, as sorted relative POSIX paths."""
    found = []
    for root, dirs, names in os.walk(folder):
        base = Path(root).relative_to(folder)
        found += [(base / n).as_posix() for n in names]
        found += [(base / d).as_posix() for d in dirs if os.path.islink(os.path.join(root, d))]
    return sorted(found)


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
        record the outputs in the marker and remove ``staging``; returns the committed names.

        Raises UsageError (E296, before anything is moved) when a file of an output folder would replace a
        file no run made.
        """
        names = sorted(n for n in os.listdir(staging) if n != JOURNAL and _plain_name(n))
        files = {n: _folder_files(staging / n) for n in names
                 if (staging / n).is_dir() and not (staging / n).is_symlink()}
        try:
            _check_commit(self.out, names, files)
        except UsageError:
            shutil.rmtree(staging, ignore_errors=True)  # never to be committed
            raise
        with atomic_open(staging / JOURNAL, "w", encoding="utf-8") as handle:
            json.dump({"outputs": names, "files": files}, handle)
        _finish_commit(self.out, staging, names, files)
        return names

    def close(self) -> None:
        """Release the lock."""
        with contextlib.suppress(OSError):
            self._lock.close()


def _check_commit(out: Path, names: Sequence[str], files: dict[str, list[str]]) -> None:
    """Raise UsageError (E295/E296) when moving ``names`` (``files``: those that are folders, with their files)
    into ``out`` would replace something no run made."""
    owned = _read_marker_files(out)
    for name in names:
        dst = out / name
        if name not in files and dst.is_dir() and not dst.is_symlink():
            raise UsageError(Errors.E296.format(path=dst, folder=out))
    for name, new in files.items():
        dst = out / name
        if not os.path.lexists(dst):
            continue
        if name not in owned or not dst.is_dir() or dst.is_symlink():
            raise UsageError(Errors.E295.format(path=dst, what=OUTPUT_FOLDERS.get(name, name), out=out))
        known = owned[name]
        for rel in new:
            target = dst / rel
            if not os.path.lexists(target):
                continue
            if (target.is_dir() and not target.is_symlink()) or (known is not None and rel not in known):
                raise UsageError(Errors.E296.format(path=target, folder=dst))


def _merge_folder(src: Path, dst: Path, new: Sequence[str], earlier: Sequence[str] | None) -> None:
    """Move the files ``new`` from ``src`` into ``dst`` one by one, then remove the files of ``earlier``
    (what a run committed there before) not written again; other files in ``dst`` are left as they are."""
    for rel in new:
        source, target = src / rel, dst / rel
        if not os.path.lexists(source):
            continue  # moved before an interruption
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
    _remove_files(dst, sorted(set(earlier or ()) - set(new)))


def _remove_files(folder: Path, files: Sequence[str]) -> None:
    """Remove ``files`` (relative paths) from ``folder``, then the folders they leave empty (and ``folder``)."""
    for rel in files:
        path = folder / rel
        if os.path.lexists(path) and not (path.is_dir() and not path.is_symlink()):
            log.info("removing %s: an output of an earlier run that this run does not write", path)
            path.unlink()
    parents = sorted({(folder / rel).parent for rel in files} | {folder}, key=lambda p: len(p.parts), reverse=True)
    for parent in parents:
        with contextlib.suppress(OSError):  # not empty, or gone: left as it is
            parent.rmdir()


def _finish_commit(out: Path, staging: Path, names: Sequence[str], files: dict[str, list[str]]) -> None:
    """Move ``names`` from ``staging`` into ``out`` (again safe after an interruption), then tidy up.

    Output folders in ``files`` that already exist in ``out`` are merged file by file: only files a run
    committed (listed in the marker) are replaced or removed.
    """
    owned = _read_marker_files(out)
    for name in names:
        src, dst = staging / name, out / name
        if name in files and dst.is_dir() and not dst.is_symlink():
            _merge_folder(src, dst, files[name], owned.get(name))
            continue
        if not os.path.lexists(src):
            continue  # moved before an interruption
        os.replace(src, dst)
    earlier = set(_read_marker(out)) if (out / MARKER).exists() else set(LEGACY_OUTPUTS)
    kept: dict[str, list[str] | None] = dict(files)
    for name in sorted(earlier - set(names) - _OWN - {PARTS}):
        path = out / name
        if not os.path.lexists(path):
            continue
        if path.is_dir() and not path.is_symlink():
            listed = owned.get(name)
            if listed is None:
                log.warning("leaving %s as it is: the run that wrote it did not list its files", path)
            else:
                _remove_files(path, listed)
            if path.exists():
                kept[name] = [] if listed is not None else None  # still the run's folder, holding none of its files
        else:
            log.info("removing %s: an output of an earlier run that this run does not write", path)
            path.unlink()
    for name, listed in owned.items():  # run folders kept from still earlier runs
        if name not in kept and name not in names and (out / name).is_dir():
            kept[name] = [f for f in listed if os.path.lexists(out / name / f)] if listed is not None else None
    _write_marker(out, names, kept)
    shutil.rmtree(staging, ignore_errors=True)


def _recover(out: Path) -> None:
    """Finish a commit that a killed run left half done; remove staging folders of killed runs."""
    for entry in sorted(out.glob(STAGING_PREFIX + "*")):
        journal = entry / JOURNAL
        try:
            data = json.loads(journal.read_text(encoding="utf-8"))
            names = [n for n in data["outputs"] if _plain_name(n)]
            files = {k: [f for f in v if _plain_path(f)] for k, v in data.get("files", {}).items()
                     if k in names and isinstance(v, list)}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            names = None
        if names is not None:
            log.warning("finishing the commit of a run that was stopped while moving its outputs into %s", out)
            _finish_commit(out, entry, names, files)
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
        taken_over = not is_run_folder(out) and any(n not in _OWN for n in os.listdir(out))
        if taken_over and not force:
            raise UsageError(Errors.E170.format(out=out))
        if taken_over:
            for name, what in OUTPUT_FOLDERS.items():
                if os.path.lexists(out / name):
                    raise UsageError(Errors.E295.format(path=out / name, what=what, out=out))
        lock = _lock(out)
    except OSError as exc:
        raise UsageError(Errors.E030.format(path=out, reason=exc.strerror or exc)) from exc
    folder = RunFolder(out, lock)
    try:
        _recover(out)
        if not (out / MARKER).exists():
            _write_marker(out, [n for n in LEGACY_OUTPUTS if (out / n).exists()] if is_run_folder(out) else [])
        owned = _read_marker_files(out)
        for name, what in OUTPUT_FOLDERS.items():
            if name != PARTS and name not in owned and os.path.lexists(out / name):
                raise UsageError(Errors.E295.format(path=out / name, what=what, out=out))
        yield folder
    finally:
        folder.close()
