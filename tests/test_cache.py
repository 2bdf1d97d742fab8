"""The on-disk cache of compiled rules: hits give the same objects' behaviour, broken entries are rebuilt,
rule edits invalidate, and an unusable folder means no cache (never an error)."""
from __future__ import annotations

import json
import logging
import os
import pickle
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import regex

from pipeline import cache, document
from pipeline.document import process_documents, text_doc
from pipeline.extract import grammar
from pipeline.rules import rules_dir

TEXTS = (
    "Exports rose 12.5% to $4.2 billion in 2023, while about 1/4 of the 3,000 workers left.\n\n"
    "The new chip runs at 3.2 GHz and the line carries 450,000 barrels per day over 1,200 km.",
    "Sales fell between 3 and 4 million units; the firm ranks 2nd in Asia with 18 percent of the market.",
)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh cache folder for one test."""
    where = tmp_path / "cache"
    monkeypatch.delenv(cache.SWITCH_ENV, raising=False)
    monkeypatch.setenv(cache.DIR_ENV, str(where))
    return where


class Counter:
    """A build function that counts its calls."""

    def __init__(self, value: object) -> None:
        self.value, self.calls = value, 0

    def __call__(self) -> object:
        self.calls += 1
        return self.value


def test_second_load_reads_the_entry(folder: Path) -> None:
    build = Counter({"a": [1, 2, 3]})
    assert cache.load_or_build("thing", ["x"], build) == {"a": [1, 2, 3]}
    assert cache.load_or_build("thing", ["x"], build) == {"a": [1, 2, 3]}
    assert build.calls == 1
    assert len(list(folder.glob("thing-*.pickle"))) == 1


def test_other_key_parts_make_another_entry(folder: Path) -> None:
    first, second = Counter(1), Counter(2)
    assert cache.load_or_build("thing", ["x"], first) == 1
    assert cache.load_or_build("thing", ["y"], second) == 2
    assert (first.calls, second.calls) == (1, 1)


@pytest.mark.parametrize("garbage", [b"", b"not a pickle", pickle.dumps(("another key", 5))])
def test_a_corrupt_entry_is_rebuilt(folder: Path, garbage: bytes) -> None:
    build = Counter([7])
    cache.load_or_build("thing", ["x"], build)
    (entry,) = folder.glob("thing-*.pickle")
    entry.write_bytes(garbage)
    assert cache.load_or_build("thing", ["x"], build) == [7]
    assert build.calls == 2
    assert cache.load_or_build("thing", ["x"], build) == [7]
    assert build.calls == 2


def test_an_unwritable_folder_means_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             caplog: pytest.LogCaptureFixture) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(cache.DIR_ENV, str(blocker / "cache"))
    build = Counter("value")
    with caplog.at_level(logging.DEBUG, logger="pipeline.cache"):
        assert cache.load_or_build("thing", ["x"], build) == "value"
        assert cache.load_or_build("thing", ["x"], build) == "value"
    assert build.calls == 2
    assert "without it" in caplog.text


@pytest.mark.parametrize("switch", ["off", "OFF", "0", "false", "no"])
def test_switched_off(folder: Path, monkeypatch: pytest.MonkeyPatch, switch: str) -> None:
    monkeypatch.setenv(cache.SWITCH_ENV, switch)
    assert cache.cache_dir() is None
    build = Counter(3)
    cache.load_or_build("thing", ["x"], build)
    cache.load_or_build("thing", ["x"], build)
    assert build.calls == 2
    assert not folder.exists()


def test_errors_of_the_build_propagate_and_nothing_is_stored(folder: Path) -> None:
    def broken() -> object:
        raise ValueError("bad rule")

    with pytest.raises(ValueError, match="bad rule"):
        cache.load_or_build("thing", ["x"], broken)
    assert not list(folder.glob("*.pickle")) if folder.exists() else True


def test_a_process_waits_for_an_entry_another_builds_and_reads_it(folder: Path) -> None:
    """Two builders of one entry at once (threads here, processes in a run: the lock is the same): the second
    waits for the first and reads its entry instead of building it too."""
    started, release = threading.Event(), threading.Event()

    def slow() -> str:
        started.set()
        assert release.wait(60)
        return "built once"

    first = threading.Thread(target=cache.load_or_build, args=("thing", ["k"], slow))
    first.start()
    assert started.wait(60)
    second_build = Counter("built twice")
    got: list[object] = []
    second = threading.Thread(target=lambda: got.append(cache.load_or_build("thing", ["k"], second_build)))
    second.start()
    second.join(0.5)
    assert second.is_alive() and not got  # waiting for the first builder
    release.set()
    first.join(60)
    second.join(60)
    assert got == ["built once"] and second_build.calls == 0


def test_old_entries_are_pruned(folder: Path) -> None:
    for n in range(cache.KEEP + 3):
        cache.load_or_build("thing", [str(n)], Counter(n))
    assert len(list(folder.glob("thing-*.pickle"))) == cache.KEEP
    assert cache.clear(folder) == cache.KEEP
    assert not list(folder.glob("*.pickle"))


def test_an_entry_free_of_the_code_survives_a_code_change_and_keeps_as_asked(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build = Counter("model")
    cache.load_or_build("model", ["1.0"], build, code_bound=False, keep=1)
    monkeypatch.setattr(cache, "environment_digest", lambda: "other code")
    assert cache.load_or_build("model", ["1.0"], build, code_bound=False, keep=1) == "model"
    assert build.calls == 1
    cache.load_or_build("model", ["2.0"], Counter("new"), code_bound=False, keep=1)
    assert len(list(folder.glob("model-*.pickle"))) == 1


def test_a_regex_pattern_unpickles_without_the_pattern_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    pattern = regex.compile(r"(?-f)(?i)(?P<n>\d+(?:[.,]\d+)?)\s{0,2}(?:per\s?cent|%)", regex.VERSION1)
    data = pickle.dumps(pattern)

    def no_parse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the pattern was parsed again")

    monkeypatch.setattr(regex._regex_core, "_parse_pattern", no_parse)
    again = pickle.loads(data)
    assert again.pattern == pattern.pattern and again.flags == pattern.flags
    assert again.search("up 12.5 Per cent").group("n") == "12.5"


def _claims(stages: document.Stages) -> list:
    results = process_documents([text_doc(t, f"t{n}") for n, t in enumerate(TEXTS)], stages, strict=True)
    return [(r.doc.source, r.claims) for r in results]


def _fresh(rules: Path | None = None) -> document.Stages:
    document._loaded.cache_clear()
    return document.load_stages(rules, use_ner=False)


@pytest.mark.slow
def test_stages_from_the_cache_extract_the_same(folder: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    builds = Counter(None)
    real = grammar.build_grammar

    def counted(*args: object, **kwargs: object) -> object:
        builds()
        return real(*args, **kwargs)

    monkeypatch.setattr(grammar, "build_grammar", counted)
    built = _fresh()
    assert builds.calls == 1
    cached = _fresh()
    assert builds.calls == 1  # read from the entry
    assert cached.extractor.grammar is not built.extractor.grammar
    expected = _claims(built)
    assert any(claims for _, claims in expected)
    assert _claims(cached) == expected
    assert [f.sha256 for f in cached.rule_files] == [f.sha256 for f in built.rule_files]

    # An edited rule file is not read from the entry of the unedited one.
    rules = tmp_path / "rules"
    shutil.copytree(rules_dir(), rules)
    units = rules / "units.toml"
    units.write_text(units.read_text(encoding="utf-8") + '\n[[rule]]\nid = "unit.gizmo.v1"\nkind = "physical"\n'
                     'pattern = "gizmoes"\ncode = "gizmo"\n', encoding="utf-8")
    text = "The firm shipped 40 gizmoes last year."
    assert not any(c.unit == "gizmo" for c in _claims_of(text, cached))
    assert any(c.unit == "gizmo" for c in _claims_of(text, _fresh(rules)))
    assert builds.calls == 2
    assert len(list(folder.glob("grammar-*.pickle"))) == 2
    document._loaded.cache_clear()


def _claims_of(text: str, stages: document.Stages) -> list:
    (result,) = process_documents([text_doc(text)], stages, strict=True)
    return result.claims


HEAVY = ("spacy", "pint", "pandas", "pyarrow", "openpyxl", "dask", "trafilatura", "lxml")


def _heavy_imports(code: str) -> list[str]:
    """The heavy modules a fresh interpreter has imported after running ``code``."""
    script = f"import json, sys\n{code}\nprint(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))"
    root = str(Path(__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([root, os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_warm_start_imports_no_heavy_library() -> None:
    """With the session's cache folder (warm when other tests loaded the stages first)."""
    assert _heavy_imports("import pipeline, pipeline.cli") == []
    load = "from pipeline.document import load_stages\nload_stages()"
    _heavy_imports(load)  # fills the cache (and may import pint to resolve unit codes)
    assert _heavy_imports(load) == []
