"""benchmarks/memory.py: the peaks it reports come from the kernel and count worker processes."""
from __future__ import annotations

import sys

import pytest

from benchscripts import load_benchmark

#: A parent holding 40 MiB that starts a child holding 60 MiB, both alive together for a while.
TWO_PROCESSES = (
    "import subprocess, sys, time\n"
    "held = bytearray(40 * 2**20)\n"
    "child = subprocess.Popen([sys.executable, '-c', 'import time; b = bytearray(60 * 2**20); time.sleep(1.5)'])\n"
    "child.wait()\n"
)


@pytest.mark.slow  # starts two interpreters that hold memory for a second and a half
def test_peaks_of_a_run_and_its_child_processes() -> None:
    memory = load_benchmark("memory")
    use = memory.measure([sys.executable, "-c", TWO_PROCESSES], every=0.05)
    assert use.status == 0
    assert 60 <= use.max_rss < 100  # the largest single process: the child
    assert 40 <= use.run_rss < 60  # the run's own process
    assert use.tree_rss >= 100  # both at once
    assert 0 < use.tree_pss <= use.tree_rss
    assert use.cpu > 0
