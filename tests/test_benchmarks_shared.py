"""Steps the benchmark scripts share: the page text of a synthetic page's parts (clean_eval.join_parts, used by
clean_eval.py and template_eval.py) and the numbered pointer list (build_sentences.read_pointers, which
build_zyte_sentences.py extends with a split check)."""
from __future__ import annotations

from pathlib import Path

import pytest

from benchscripts import load_benchmark

clean_eval = load_benchmark("clean_eval")
template_eval = load_benchmark("template_eval")
zyte_builder = load_benchmark("build_zyte_sentences")


def test_parts_are_joined_and_each_span_points_at_its_text() -> None:
    parts = [("title", "Harbour tolls rise"), ("teaser", "Ferry fares fall"), ("_join", "Read more"),
             ("body", "Tolls rose 12% last year.")]
    text, spans = clean_eval.join_parts(parts, "\n\n")
    assert text == "Harbour tolls rise\n\nFerry fares fall\nRead more\n\nTolls rose 12% last year."
    assert [(role, text[s:e]) for role, s, e in spans] == parts
    assert clean_eval.join_parts([], "\n\n") == ("", [])


def test_both_synthetic_pages_render_through_the_shared_join() -> None:
    page = clean_eval.Page("mix", sep="\n")
    page.add("title", "Harbour tolls rise")
    page.add("body", "Tolls rose 12% last year.")
    assert page.render() == ("Harbour tolls rise\nTolls rose 12% last year.",
                             [("title", 0, 18), ("body", 19, 44)])
    site = template_eval.Site("Fenwick Gazette", "fenwick.example", ["Home", "News"], "pipes", [], [], [], "", "", "",
                              True)
    gen = template_eval.GenPage(site, [("clutter", "Home | News"), ("body", "Tolls rose.")])
    assert gen.render() == ("Home | News\n\nTolls rose.", [("clutter", 0, 11), ("body", 13, 24)])


def _pointers(path: Path, rows: list[tuple[str, str]]) -> Path:
    path.write_text("n,page,start,end,sha1,split\n" + "".join(f"{n},p{n},0,5,x,{split}\n" for n, split in rows),
                    encoding="utf-8")
    return path


def test_a_zyte_pointer_list_is_checked_for_its_numbers_and_its_splits(tmp_path: Path) -> None:
    good = _pointers(tmp_path / "good.csv", [("1", "dev"), ("2", "test")])
    assert [r["page"] for r in zyte_builder.read_pointers(good)] == ["p1", "p2"]
    with pytest.raises(ValueError, match="row 2 has n=3"):
        zyte_builder.read_pointers(_pointers(tmp_path / "gap.csv", [("1", "dev"), ("3", "dev")]))
    with pytest.raises(ValueError, match="row 2 has split='holdout'"):
        zyte_builder.read_pointers(_pointers(tmp_path / "h.csv", [("1", "dev"), ("2", "holdout")]), ("dev", "test"))
