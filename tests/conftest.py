"""Shared test options and fixtures.

The default run (``python -m pytest -q``) leaves out tests marked ``slow`` or ``cluster`` (see ``addopts`` in
pyproject.toml); ``-m "slow or cluster"`` runs them. ``NEWSCLAIMS_TEST_SIZE=small`` (or ``full``, the default)
sets how much work the slow tests that read :func:`suite_size` do. Hypothesis runs derandomized and without
deadlines (profile ``house``), so a run gives the same examples on any machine under any load;
``--hypothesis-profile=explore`` draws fresh random examples, more of them.
"""
from __future__ import annotations

import gc
import hashlib
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

DATA = Path(__file__).parent / "data"
SIZES = ("small", "full")

settings.register_profile("house", deadline=None, derandomize=True, database=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("explore", deadline=None, max_examples=1000)
settings.load_profile("house")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite golden files under tests/data/golden from the current code (on purpose only)",
    )


def pytest_configure(config: pytest.Config) -> None:
    size = os.environ.get("NEWSCLAIMS_TEST_SIZE", "full")
    if size not in SIZES:
        raise pytest.UsageError(f"NEWSCLAIMS_TEST_SIZE must be one of {', '.join(SIZES)}, not {size!r}")
    # A session started in the background of a non-interactive shell inherits SIGINT ignored, and so do its
    # workers and the runs they start. The tests that stop a run with Ctrl-C need it delivered: each process
    # of the session (controller and workers) takes Python's own handler back, which its children inherit.
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    # The compiled-rules cache of the tests (and of the runs they start) lives in a folder of the checkout's
    # test sessions, never in the user's cache folder. Worker processes of a parallel session (pytest-xdist)
    # inherit the folder their controller named, so the rules are compiled once, not once per worker.
    if hasattr(config, "workerinput"):
        return  # a worker of a parallel session: the controller's folder is in the inherited environment
    os.environ["NEWSCLAIMS_CACHE_DIR"] = str(_session_cache(config))
    if config.getoption("dist", "no") != "no" and not config.getoption("collectonly"):
        _start_builders(config)


#: What the builders of a parallel session compile, one process each: the number grammar (the largest part),
#: and the other stages then the whole (which reads the grammar the first one wrote).
BUILDERS = (
    "from pipeline.extract.grammar import load_grammar; load_grammar()",
    "from pipeline.document import load_stages; load_stages(use_ner=False)",
)


def _start_builders(config: pytest.Config) -> None:
    """Start compiling the rules into the session's cache folder in the background (:data:`BUILDERS`, with this
    session's package) while the workers start: a worker that needs a part still being built waits for its
    entry (the cache's lock) and reads it, so the rules are compiled once, not once per worker, and no core
    waits for the compiling before the workers start. A builder of a broken rule file or module fails quietly:
    the workers' collection reports it. Builders still running when the session ends are stopped."""
    import pipeline

    package_root = str(Path(pipeline.__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))}
    builders = [subprocess.Popen([sys.executable, "-c", code], env=env, cwd=package_root, stdin=subprocess.DEVNULL,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for code in BUILDERS]

    def stop() -> None:
        for builder in builders:
            if builder.poll() is None:
                builder.kill()
            builder.wait()

    config.add_cleanup(stop)


#: Folder (in the temporary folder) of the compiled-rules cache kept between test sessions of one checkout.
CACHE_PREFIX = "newsclaims-test-cache-"


def _session_cache(config: pytest.Config) -> Path:
    """The compiled-rules cache folder of this session: ``<tmp>/newsclaims-test-cache-<uid>-<checkout>``, kept
    between sessions (an entry is keyed by the sha256 of the rule files and the package's source, so an edit
    is never served a stale entry), made readable and writable by this user only. When that folder belongs
    to another user or others may write it, a fresh folder removed at the session's end (the rules are then
    compiled once per session)."""
    checkout = hashlib.sha256(str(config.rootpath.resolve()).encode()).hexdigest()[:12]
    kept = Path(tempfile.gettempdir()) / f"{CACHE_PREFIX}{os.getuid()}-{checkout}"
    try:
        kept.mkdir(mode=0o700, exist_ok=True)
        info = kept.lstat()
        if stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o077:
            return kept
    except OSError:
        pass
    folder = tempfile.mkdtemp(prefix=CACHE_PREFIX)
    config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))
    return Path(folder)


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when the run was asked to rewrite golden files."""
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def suite_size() -> str:
    """``small`` or ``full``: how much work slow tests do (``NEWSCLAIMS_TEST_SIZE``, default ``full``)."""
    return os.environ.get("NEWSCLAIMS_TEST_SIZE", "full")


# ------------------------------------------------------------------------------------------- cost growth


@dataclass(frozen=True)
class Growth:
    """CPU seconds of one job at size ``n`` (``small``) and ``factor * n`` (``big``)."""

    factor: int
    small: float
    big: float

    #: Below this the small run is too short to time; it is counted as this long (errs towards passing).
    RESOLUTION = 0.005

    @property
    def ratio(self) -> float:
        """big / small: about ``factor`` for linear cost, ``factor ** 2`` for quadratic."""
        return self.big / max(self.small, self.RESOLUTION)

    @property
    def below_quadratic(self) -> bool:
        """True when the cost grew less than half as fast as a quadratic one would (linear: 2/factor of that)."""
        return self.ratio < self.factor**2 / 2

    def __str__(self) -> str:
        return (f"cost grew x{self.ratio:.1f} for x{self.factor} input "
                f"({self.small:.4f} s -> {self.big:.4f} s CPU); quadratic would be x{self.factor ** 2}")


def _cpu_seconds(job: Callable[[], Any], repeat: int) -> float:
    """Least CPU time (this process) of ``repeat`` runs of ``job``, garbage collection paused."""
    best = float("inf")
    for _ in range(repeat):
        gc.disable()  # a collection pause inside one run would be noise
        try:
            t0 = time.process_time()
            job()
            best = min(best, time.process_time() - t0)
        finally:
            gc.enable()
    return best


def measure_growth(run: Callable[[int], Any], n: int, factor: int = 8) -> Growth:
    """How the CPU cost of ``run(size)`` grows from ``n`` to ``factor * n``.

    CPU time of this process, not wall-clock time, and a ratio, not a limit in seconds: other processes and a
    slow machine change neither much. The small size is timed best of two (the first run also warms caches);
    a ratio that looks quadratic is measured again (best of three small, two big runs) before it is reported:
    a loaded machine's page faults on a large input's first run are noise. Garbage collection is paused
    inside each timed run, so no collection is forced before them: a full one costs a test process holding
    a whole session's collected tests far more than the runs it would precede."""
    small = _cpu_seconds(lambda: run(n), 2)
    big = _cpu_seconds(lambda: run(factor * n), 1)
    growth = Growth(factor, small, big)
    if not growth.below_quadratic:
        growth = Growth(factor, min(small, _cpu_seconds(lambda: run(n), 3)),
                        min(big, _cpu_seconds(lambda: run(factor * n), 2)))
    return growth


@pytest.fixture
def cost_growth() -> Callable[..., Growth]:
    """:func:`measure_growth`: ``cost_growth(run, n, factor=8)`` gives a :class:`Growth`; assert
    ``growth.below_quadratic`` to guard linear time on an input built by ``run(size)``."""
    return measure_growth
