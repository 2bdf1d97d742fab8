"""Peak memory of whole ``python -m pipeline run`` processes: over batches of pages, and over one big page.

Builds the inputs in a temporary folder from the research corpora (deleted afterwards; the corpora never enter
the repository): ``--pages N`` batches of N seed-shaped pages (as ``throughput.py`` builds them), and
``--page-mb X`` single pages of X MB (distinct seed-shaped pages joined by blank lines). Each case runs as a
fresh process, with the model and (``--no-ner-too``) without it. Given folders or files (``--input``) run
as they are.

For each run it reports, from the kernel:

- ``max RSS``: the peak resident set of the largest single process (the run, or one worker): the kernel's
  high-water mark ``VmHWM`` of each process, read while it runs; ``run RSS``: that of the run's own process
  (it merges the shards and writes the report), so ``max RSS`` above it is a worker's. ``/usr/bin/time -v`` reports the same
  ("Maximum resident set size"), but ``ru_maxrss`` also carries the size of whatever process started the run,
  which a benchmark's own process would inflate;
- ``tree RSS``: the largest sum of the resident sets of the run and all its worker processes seen at once
  (sampled every ``--every`` seconds); forked workers share the pages loaded before the fork, which this
  counts once per process;
- ``tree PSS``: the same sum of proportional set sizes (``/proc/PID/smaps_rollup``; a shared page is split
  between the processes sharing it), the memory the run really takes from the machine;
- CPU seconds of the run and its workers (user + system), and wall seconds.

RSS figures are exact under any load; wall seconds are not. Needs psutil (installed with the ``dask`` extra).

Usage::

    python benchmarks/memory.py --pages 300 2000 --page-mb 1 10 [--workers 2] [--no-ner-too]
"""
from __future__ import annotations

import argparse
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for path in (str(HERE), str(ROOT)):
    if path not in sys.path:
        sys.path.insert(0, path)

log = logging.getLogger("memory")

MB = 1024 * 1024


@dataclass(frozen=True)
class Case:
    """One input of the benchmark: a name and the file or folder the run reads."""

    name: str
    path: Path


@dataclass(frozen=True)
class Usage:
    """What one run took: peaks in MiB, seconds, and its exit status."""

    max_rss: float
    run_rss: float
    tree_rss: float
    tree_pss: float
    cpu: float
    wall: float
    status: int


def _proc_kib(pid: int, name: str, field: str) -> int:
    """The ``field`` line of ``/proc/PID/name`` in KiB (0 when the process is gone or it is not reported)."""
    try:
        with open(f"/proc/{pid}/{name}", encoding="ascii") as handle:
            for line in handle:
                if line.startswith(field):
                    return int(line.split()[1])
    except (OSError, ValueError):
        return 0
    return 0


class TreeSampler(threading.Thread):
    """Samples the summed RSS and PSS of a process and all its descendants, and the largest peak RSS of any of
    them, until :meth:`stop`."""

    def __init__(self, pid: int, every: float) -> None:
        super().__init__(daemon=True)
        self.pid, self.every = pid, every
        self.rss = self.pss = self.hwm = self.root_hwm = 0
        self._halt = threading.Event()

    def run(self) -> None:
        import psutil

        try:
            root = psutil.Process(self.pid)
        except psutil.NoSuchProcess:
            return
        while not self._halt.is_set():
            try:
                procs = [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            rss = pss = 0
            for proc in procs:
                try:
                    rss += proc.memory_info().rss
                except psutil.NoSuchProcess:
                    continue
                pss += _proc_kib(proc.pid, "smaps_rollup", "Pss:") * 1024
                peak = _proc_kib(proc.pid, "status", "VmHWM:") * 1024
                self.hwm = max(self.hwm, peak)
                if proc.pid == self.pid:
                    self.root_hwm = max(self.root_hwm, peak)
            self.rss, self.pss = max(self.rss, rss), max(self.pss, pss)
            self._halt.wait(self.every)

    def stop(self) -> None:
        """End the sampling (the peaks stay readable)."""
        self._halt.set()
        self.join()


def measure(argv: Sequence[str], every: float) -> Usage:
    """Run ``argv`` as a child process and measure it (see the module docstring)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    sampler = TreeSampler(proc.pid, every)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    sampler.stop()
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.returncode:
        log.warning("exit %d: %s", proc.returncode, err.strip()[-500:])
    return Usage(max_rss=sampler.hwm / MB, run_rss=sampler.root_hwm / MB, tree_rss=sampler.rss / MB, tree_pss=sampler.pss / MB,
                 cpu=usage.ru_utime + usage.ru_stime, wall=wall, status=proc.returncode)


def build_cases(root: Path, folder: Path, pages: Sequence[int], page_mb: Sequence[float], seed: int) -> list[Case]:
    """Write the page batches and the big pages under ``folder``; one case each."""
    from throughput import build_pages, write_pages

    wanted = max([*pages, 0]) + (4000 if page_mb else 0)
    drawn = build_pages(root, wanted, seed=seed) if wanted else []
    cases = []
    for n in pages:
        write_pages(drawn[:n], folder / f"pages-{n}")
        cases.append(Case(f"{n} pages", folder / f"pages-{n}"))
    for mb in page_mb:
        size, parts, i = 0, [], 0
        pool = drawn[max([*pages, 0]):] or drawn
        while size < mb * 1e6:
            page = pool[i % len(pool)]
            parts.append(page)
            size += len(page.encode("utf-8")) + 1
            i += 1
        target = folder / f"page-{mb:g}mb" / "page.txt"
        target.parent.mkdir(parents=True)
        target.write_text("\n".join(parts), encoding="utf-8")
        cases.append(Case(f"one {mb:g} MB page", target.parent))
    return cases


def main(argv: Sequence[str] | None = None) -> int:
    """Command line; prints one row per run."""
    from build_sentences import DEFAULT_CORPORA

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, nargs="*", default=[], help="batch sizes in pages (e.g. 300 2000)")
    parser.add_argument("--page-mb", type=float, nargs="*", default=[], help="sizes of single pages in MB")
    parser.add_argument("--input", type=Path, nargs="*", default=[], help="files or folders to run as they are")
    parser.add_argument("--workers", type=int, default=2, help="--workers of each run (default 2)")
    parser.add_argument("--engine", choices=("local", "dask"), default="local", help="--engine of each run")
    parser.add_argument("--no-ner-too", action="store_true", help="also run each case with --no-ner")
    parser.add_argument("--every", type=float, default=0.2, help="seconds between two samples of the tree")
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA, help="folder holding the corpora")
    parser.add_argument("--seed", type=int, default=0, help="seed of the page draw")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    work = Path(tempfile.mkdtemp(prefix="newsclaims-memory-"))
    try:
        cases = build_cases(args.corpora, work / "in", args.pages, args.page_mb, args.seed)
        cases += [Case(str(p), p) for p in args.input]
        print(f"{'case':<22} {'model':<6} {'max RSS':>9} {'run RSS':>9} {'tree RSS':>9} {'tree PSS':>9} {'CPU s':>7} "
              f"{'wall s':>7}  (MiB; workers={args.workers}, engine={args.engine})")
        for case in cases:
            for ner in (True, False) if args.no_ner_too else (True,):
                out = work / "out"
                shutil.rmtree(out, ignore_errors=True)
                cmd = [sys.executable, "-m", "pipeline", "run", str(case.path), "--out", str(out), "--quiet",
                       "--workers", str(args.workers), "--engine", args.engine, *([] if ner else ["--no-ner"])]
                use = measure(cmd, args.every)
                flag = "" if use.status == 0 else f"  exit {use.status}"
                print(f"{case.name:<22} {'yes' if ner else 'no':<6} {use.max_rss:>9.0f} {use.run_rss:>9.0f} "
                      f"{use.tree_rss:>9.0f} {use.tree_pss:>9.0f} {use.cpu:>7.1f} {use.wall:>7.1f}{flag}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
