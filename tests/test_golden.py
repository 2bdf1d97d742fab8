"""Golden regression test: the seed page's outputs, byte for byte.

The golden files under tests/data/golden/seed/ are written on purpose only, by running
``python -m pytest tests/test_golden.py --update-golden``; a normal run never rewrites them.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.run.options import RunOptions, Settings
from pipeline.run.runner import run

GOLDEN = Path(__file__).parent / "data" / "golden" / "seed"
FILES = ("claims.csv", "documents.csv", "clutter.csv", "articles.jsonl")


@pytest.fixture(scope="module")
def seed_outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("golden-run")
    run([Path(__file__).parent / "data" / "seed"], Settings(), RunOptions(out=out))
    return out


@pytest.mark.parametrize("name", FILES)
def test_seed_outputs_match_golden(name: str, seed_outputs: Path, shared_datadir: Path, update_golden: bool) -> None:
    produced = (seed_outputs / name).read_bytes()
    if update_golden:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        (GOLDEN / name).write_bytes(produced)
        pytest.skip(f"rewrote {GOLDEN / name}")
    expected = shared_datadir / "golden" / "seed" / name
    assert expected.is_file(), f"no golden file {name}: run pytest tests/test_golden.py --update-golden once"
    assert produced == expected.read_bytes(), (
        f"{name} differs from its golden copy; if the change is intended, review it with "
        "`newsclaims diff` and rewrite the golden files with --update-golden"
    )
