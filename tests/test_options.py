"""Shard limits: several shards per worker for small batches, a floor on shard size, the caps of the options."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.ingest.listing import InputFile
from pipeline.run.options import (
    MIN_SHARD_BYTES, MIN_SHARD_FILES, SHARDS_PER_WORKER, RunOptions, Settings, ShardLimits, shard_limits,
)
from pipeline.run.runner import plan_shards

PAGE = 5_000


def pages(n: int, size: int = PAGE) -> list[InputFile]:
    return [InputFile(path=Path(f"/in/{i:05d}.txt"), source=f"{i:05d}.txt", size=size) for i in range(n)]


def planned(n: int, workers: int, **options: int) -> list[int]:
    """Files per shard of ``n`` pages planned for ``workers``."""
    files = pages(n)
    shards = plan_shards(files, Settings(use_ner=False), {}, RunOptions(workers=workers, **options))
    assert [f for s in shards for f in s.files] == files  # every file once, in order
    return [len(s.files) for s in shards]


@pytest.mark.parametrize("n, workers", [(300, 2), (2000, 2), (2000, 1), (5000, 4)])
def test_a_batch_gets_several_shards_per_worker(n: int, workers: int) -> None:
    sizes = planned(n, workers)
    assert workers * SHARDS_PER_WORKER <= len(sizes) <= workers * SHARDS_PER_WORKER + 1
    assert len(set(sizes[:-1])) == 1 and sizes[-1] <= sizes[0]  # even shards; only the last one may be short


def test_a_small_batch_is_not_cut_below_the_floor() -> None:
    sizes = planned(40, 2)
    assert sizes == [MIN_SHARD_FILES, MIN_SHARD_FILES, 40 - 2 * MIN_SHARD_FILES]
    assert planned(5, 4) == [5]


def test_the_options_cap_the_shards() -> None:
    assert planned(300, 2, shard_files=10) == [10] * 30
    assert set(planned(300, 2, shard_bytes=3 * PAGE)) == {3}


def test_limits_follow_bytes_when_files_are_large() -> None:
    limits = shard_limits(10, 10 * 64 * 1024 * 1024, RunOptions(workers=2))
    assert limits == ShardLimits(files=MIN_SHARD_FILES, bytes=RunOptions().shard_bytes)
    limits = shard_limits(1, 16 * 1024 * 1024, RunOptions(workers=2))  # one JSON Lines dump: cut in ranges
    assert limits.bytes == 1024 * 1024 and limits.bytes >= MIN_SHARD_BYTES


def test_limits_of_an_empty_batch_are_the_floor() -> None:
    assert shard_limits(0, 0, RunOptions(workers=3)) == ShardLimits(files=MIN_SHARD_FILES, bytes=MIN_SHARD_BYTES)
