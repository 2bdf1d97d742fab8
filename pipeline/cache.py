"""An on-disk cache of loaded rule objects, compiled patterns included, so a new process skips compiling.

An entry is one pickle named by the sha256 of everything it was built from: the caller's key parts (the
sha256 of each rule file's bytes, loader arguments) plus the package version, the sha256 of the package's
own source files, and the versions of ``regex`` and Python. A ``regex`` pattern pickles with its compiled
code, so loading an entry skips the slow pattern parser. A missing, stale or corrupt entry is rebuilt and
written again (atomically); a folder that cannot be written means no cache (logged at debug level). While
an entry is built its name is locked (an empty ``.<name>.lock`` file), so processes started together build
it once and the others read it. Using the cache never changes what a loader returns, and never raises.

Where: ``$NEWSCLAIMS_CACHE_DIR`` when set, else the user cache folder (``platformdirs.user_cache_dir``, e.g.
``~/.cache/newsclaims`` on Linux). ``NEWSCLAIMS_CACHE=off`` (or ``0``, ``false``, ``no``) switches it off.
"""
from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")

#: Environment variable naming the cache folder.
DIR_ENV = "NEWSCLAIMS_CACHE_DIR"
#: Environment variable switching the cache off (``off``, ``0``, ``false``, ``no``).
SWITCH_ENV = "NEWSCLAIMS_CACHE"
OFF = ("off", "0", "false", "no")
#: Entries of one name kept in the folder; older ones are removed when a new one is written.
KEEP = 8
#: Bumped when the layout of an entry changes.
FORMAT = "1"


def cache_dir() -> Path | None:
    """The cache folder: ``$NEWSCLAIMS_CACHE_DIR``, else the user cache folder; None when switched off
    (``NEWSCLAIMS_CACHE=off``) or when no user cache folder can be named."""
    if os.environ.get(SWITCH_ENV, "").strip().lower() in OFF:
        return None
    given = os.environ.get(DIR_ENV, "").strip()
    if given:
        return Path(given).expanduser()
    try:
        import platformdirs
    except ImportError:  # pragma: no cover - platformdirs is a dependency
        return None
    return Path(platformdirs.user_cache_dir("newsclaims", appauthor=False))


@lru_cache(maxsize=1)
def environment_digest() -> str:
    """sha256 of what every entry depends on besides its own key: the package version and source files (so
    an edited checkout never reads an entry built by other code), the ``regex`` and Python versions."""
    import regex

    from . import __version__

    digest = hashlib.sha256()
    for part in (FORMAT, __version__, regex.__version__, sys.version, sys.implementation.cache_tag or ""):
        digest.update(part.encode() + b"\0")
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"?")
        digest.update(b"\0")
    return digest.hexdigest()


def entry_key(name: str, parts: Iterable[str], code_bound: bool = True) -> str:
    """The sha256 naming the entry ``name`` built from ``parts`` in this environment (``code_bound``: also
    keyed by the package's source, see :func:`environment_digest`; else only by the entry format and Python)."""
    scope = environment_digest() if code_bound else f"{FORMAT}\0{sys.version}"
    digest = hashlib.sha256(f"{name}\0{scope}\0".encode())
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


def _read(path: Path, key: str) -> tuple[bool, object]:
    """``(True, value)`` of a readable entry with the right key; ``(False, None)`` otherwise."""
    try:
        with open(path, "rb") as handle:
            stored_key, value = pickle.load(handle)
    except FileNotFoundError:
        return False, None
    except Exception as exc:  # noqa: BLE001 - any broken entry is rebuilt, whatever unpickling raised
        log.debug("cache entry %s is unreadable (%s); rebuilding it", path, exc)
        return False, None
    if stored_key != key:
        log.debug("cache entry %s holds another key; rebuilding it", path)
        return False, None
    return True, value


def _write(folder: Path, name: str, key: str, value: object, keep: int = KEEP) -> None:
    """Write the entry atomically (a temporary file renamed into place); debug log when it cannot be."""
    import tempfile

    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}-", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump((key, value), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / f"{name}-{key}.pickle")
        tmp = None
    except Exception as exc:  # noqa: BLE001 - no cache is never an error
        log.debug("cannot write the cache entry %s in %s (%s); going on without it", name, folder, exc)
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    _prune(folder, name, keep)


def _prune(folder: Path, name: str, keep: int = KEEP) -> None:
    """Remove all but the ``keep`` newest entries of ``name``."""
    try:
        entries = sorted(folder.glob(f"{name}-*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in entries[keep:]:
            old.unlink(missing_ok=True)
    except OSError as exc:
        log.debug("cannot prune cache entries of %s in %s (%s)", name, folder, exc)


def load_or_build(name: str, parts: Iterable[str], build: Callable[[], T], code_bound: bool = True,
                  keep: int = KEEP) -> T:
    """The value ``build()`` gives, read from the cache entry ``name`` keyed by ``parts`` when it holds one,
    else built and stored. ``parts``: strings that together decide the value (e.g. rule file sha256s).
    ``code_bound=False`` for values that do not depend on the package's code (a third-party model: ``parts``
    must then name its version); ``keep``: entries of ``name`` kept (large values keep fewer).
    Errors of ``build`` propagate and nothing is stored; cache errors only log at debug level."""
    folder = cache_dir()
    if folder is None:
        return build()
    key = entry_key(name, parts, code_bound)
    path = folder / f"{name}-{key}.pickle"
    found, value = _read(path, key)
    if not found:
        with _building(folder, name):
            found, value = _read(path, key)  # built by another process while this one waited
            if not found:
                value = build()
                _write(folder, name, key, value, keep)
                return value
    log.debug("loaded %s from the cache %s", name, path)
    return value  # type: ignore[return-value]


@contextmanager
def _building(folder: Path, name: str) -> Iterator[None]:
    """Hold the lock of the entries ``name`` in ``folder`` (an exclusive ``flock`` on ``.<name>.lock``) while one
    is built: processes started together (a batch's workers, a parallel test session) wait for the first to
    build it and read its entry instead of compiling the same patterns each. No lock (never an error) where
    locks are missing or the folder cannot be written; the kernel frees a lock whose process died."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX
        yield
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = open(folder / f".{name}.lock", "ab")
    except OSError as exc:
        log.debug("cannot lock the cache entries %s in %s (%s); building without the lock", name, folder, exc)
        yield
        return
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX)
        except OSError as exc:
            log.debug("cannot lock the cache entries %s in %s (%s); building without the lock", name, folder, exc)
        yield


def clear(folder: Path | None = None) -> int:
    """Remove every entry, left-over temporary file and pint's cached definitions (the ``pint`` folder) from
    ``folder`` (default :func:`cache_dir`); the number of files removed. The empty lock files stay (a process
    may be holding one)."""
    folder = folder if folder is not None else cache_dir()
    removed = 0
    if folder is None or not folder.is_dir():
        return removed
    for path in [*folder.glob("*.pickle"), *folder.glob(".*.tmp"), *folder.glob("pint/*")]:
        try:
            path.unlink()
            removed += 1
        except OSError as exc:
            log.debug("cannot remove %s (%s)", path, exc)
    return removed
