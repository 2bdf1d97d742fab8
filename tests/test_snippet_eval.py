"""benchmarks/snippet_eval.py on a tiny made-up snippet gold (no benchmark data needed)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from benchscripts import SNIPPET_PAGE, load_benchmark

se = load_benchmark("snippet_eval")

PAGE = SNIPPET_PAGE


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    (tmp_path / "tests" / "cache").mkdir(parents=True)
    (tmp_path / "tests" / "cache" / "example.org.harbour.html").write_text(PAGE, encoding="utf-8")
    gold = {"https://example.org/harbour": {
        "file": "example.org.harbour.html", "title": "Harbour fees rise",
        "with": ["harbour fees will rise by 4%", "face a record backlog", "a sentence the page does not hold"],
        "without": ["All rights reserved", "not on the page either"]},
        "https://example.org/missing": {"file": "no-such-file.html", "with": ["x"], "without": []}}
    (tmp_path / "tests" / "evaldata.json").write_text(json.dumps(gold), encoding="utf-8")
    return tmp_path


def test_words_compare_word_runs_without_markup() -> None:
    text = se.words("The [harbour](https://example.org/h) fees\nrose [12] by 4%.")
    assert se.holds(text, se.words("harbour fees rose by 4"))
    assert not se.holds(text, se.words("fees rose sharply"))
    assert not se.holds(text, se.words("rose by 4%, the"))


def test_sites_split_in_halves_by_their_first_file_name() -> None:
    part = se.split_parts({"b.org": ["b.org.x.html"], "a.org": ["z.html", "a.org.y.html"], "c.org": ["c.html"]})
    assert part == {"a.org": "dev", "b.org": "dev", "c.org": "check"}


def test_only_snippets_the_dump_holds_are_counted(checkout: Path, capsys) -> None:
    pytest.importorskip("bs4")
    pages = se.load_pages(checkout)
    assert [p.file for p in pages] == ["example.org.harbour.html"]  # the page without an HTML file is left out
    assert se.main([str(checkout), "--dialect", "bs4", "--cache", str(checkout / "dumps"), "--part", "dev",
                    "--json", str(checkout / "out.json")]) == 0
    report = json.loads((checkout / "out.json").read_text(encoding="utf-8"))
    [row] = report["rows"]
    assert (row["with_total"], row["without_total"]) == (2, 1)
    assert row["with_kept"] == 2 and row["without_dropped"] == 1 and row["title_ok"] == 1.0
    assert report["summary"]["dev/bs4"]["hmean"] == 1.0
    assert "dev    all   bs4" in capsys.readouterr().out


def test_no_checkout_is_a_clear_error(caplog) -> None:
    assert se.main([]) == 1
    assert "evaldata.json" in caplog.text
