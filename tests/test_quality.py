"""The quality gate: every figure pinned in benchmarks/baseline.json still holds; and how that file is updated.

The gate (marked slow: about a minute) runs each benchmark in this process on the data it was pinned on. Data
that is not on this machine (``../shared`` next to the repository) skips its measurement, unless
``NEWSCLAIMS_REQUIRE_DATA=1`` (set by ``.ci/run``), which turns the skip into a failure. A digest that differs
from the pinned one fails: the floors describe other data, and comparing against them would say nothing.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from benchscripts import load_benchmark

from pipeline.errors import Errors, UsageError



baseline = load_benchmark("baseline")
PINNED = baseline.load()


# ------------------------------------------------------------------------------------------- the gate


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(PINNED))
def test_pinned_quality_holds(name: str) -> None:
    entry = PINNED[name]
    try:
        measured = baseline.measure(name, entry["params"])
    except baseline.DataMissing as exc:
        if os.environ.get("NEWSCLAIMS_REQUIRE_DATA") == "1":
            pytest.fail(str(exc))
        pytest.skip(str(exc))
    assert measured.sha256 == entry["sha256"], Errors.E133.format(name=name, pinned=entry["sha256"],
                                                                  now=measured.sha256)
    problems = baseline.compare(name, entry, measured)
    assert not problems, "\n".join(problems)


def test_every_measurement_is_pinned() -> None:
    assert sorted(PINNED) == sorted(baseline.MEASUREMENTS)
    for name, entry in PINNED.items():
        assert entry["floors"], name
        assert len(entry["sha256"]) == 64 and int(entry["sha256"], 16) >= 0


# ------------------------------------------------------------------------------------------- updating the file


FIGURES = {"f1": 0.9, "recall": 0.8}
COUNTS = {"dropped": 3}


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch):
    """A measurement ``fake`` whose figures the test sets: ``fake.floors``, ``fake.ceilings``, ``fake.sha256``."""

    class Fake:
        floors = dict(FIGURES)
        ceilings = dict(COUNTS)
        sha256 = "a" * 64
        needs: list[Path] = []

        def run(self, params):
            return baseline.Measured(self.sha256, dict(self.floors), dict(self.ceilings))

    f = Fake()
    measurements = {"fake": baseline.Measurement("a fake", {"size": 1}, lambda params: f.needs, f.run)}
    monkeypatch.setattr(baseline, "MEASUREMENTS", measurements)
    return f


@pytest.fixture
def pinned(tmp_path: Path, fake) -> Path:
    """A baseline file pinning the fake measurement's first figures."""
    path = tmp_path / "baseline.json"
    assert baseline.main(["--update", "--file", str(path)]) == 0
    return path


def test_update_pins_every_figure(pinned: Path) -> None:
    entry = json.loads(pinned.read_text())["fake"]
    assert entry["floors"] == FIGURES and entry["ceilings"] == COUNTS
    assert entry["params"] == {"size": 1} and entry["sha256"] == "a" * 64


@pytest.mark.parametrize("kind,figure,value", [("floors", "f1", 0.89), ("ceilings", "dropped", 4)])
def test_update_refuses_a_worse_figure(pinned: Path, fake, kind: str, figure: str, value: float) -> None:
    before = pinned.read_bytes()
    getattr(fake, kind)[figure] = value
    assert baseline.main(["--update", "--file", str(pinned)]) == 1
    assert pinned.read_bytes() == before
    refusals = baseline.update(["fake"], pinned)
    verb = "lower" if kind == "floors" else "raise"
    assert refusals == [Errors.E130.format(name="fake", verb=verb, figure=figure, old=(FIGURES | COUNTS)[figure],
                                           new=value)]
    assert pinned.read_bytes() == before


def test_update_refuses_to_drop_a_figure(pinned: Path, fake) -> None:
    del fake.floors["recall"]
    (refusal,) = baseline.update(["fake"], pinned)
    assert "[E130]" in refusal and "recall" in refusal and "not measured" in refusal


def test_allow_lower_writes_the_worse_figure(pinned: Path, fake) -> None:
    fake.floors["f1"] = 0.5
    fake.ceilings["dropped"] = 7
    assert baseline.main(["--update", "--allow-lower", "--file", str(pinned)]) == 0
    entry = json.loads(pinned.read_text())["fake"]
    assert entry["floors"]["f1"] == 0.5 and entry["ceilings"]["dropped"] == 7


def test_better_figures_move_the_floor_up(pinned: Path, fake) -> None:
    fake.floors["f1"] = 0.95
    fake.ceilings["dropped"] = 1
    assert baseline.update(["fake"], pinned) == []
    entry = json.loads(pinned.read_text())["fake"]
    assert entry["floors"]["f1"] == 0.95 and entry["ceilings"]["dropped"] == 1


def test_floors_round_down_and_ceilings_up(pinned: Path, fake) -> None:
    fake.floors["f1"] = 2 / 3
    fake.ceilings["dropped"] = 1 / 3
    baseline.update(["fake"], pinned, allow_lower=True)
    entry = json.loads(pinned.read_text())["fake"]
    assert entry["floors"]["f1"] == 0.666666 and entry["ceilings"]["dropped"] == 0.333334
    assert baseline.check(["fake"], pinned) == []


def test_check_reports_worse_figures_and_changed_data(pinned: Path, fake) -> None:
    assert baseline.check(["fake"], pinned) == []
    assert baseline.main(["--file", str(pinned)]) == 0
    fake.floors["f1"] = 0.8
    fake.ceilings["dropped"] = 5
    assert baseline.check(["fake"], pinned) == [
        Errors.E134.format(name="fake", figure="f1", value=0.8, floor=0.9),
        Errors.E135.format(name="fake", figure="dropped", value=5, ceiling=3),
    ]
    assert baseline.main(["--file", str(pinned)]) == 1
    fake.sha256 = "b" * 64
    (problem,) = baseline.check(["fake"], pinned)
    assert problem.startswith("[E133] fake: the data measured has changed")


def test_missing_data_is_reported(pinned: Path, fake, tmp_path: Path) -> None:
    fake.needs = [tmp_path / "nowhere"]
    with pytest.raises(baseline.DataMissing, match=r"\[E132\]"):
        baseline.measure("fake")
    assert baseline.check(["fake"], pinned) == [Errors.E132.format(name="fake", path=tmp_path / "nowhere")]


def test_bad_file_and_unknown_names_are_usage_errors(tmp_path: Path, fake) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"fake": {"floors": {}}}')
    with pytest.raises(UsageError, match=r"\[E131\].*missing ceilings, params, sha256"):
        baseline.load(bad)
    assert baseline.main(["--update", "--only", "nothing", "--file", str(tmp_path / "b.json")]) == 1
    assert not (tmp_path / "b.json").exists()
