"""The scoring step of the page benchmarks (benchmarks/page_judge.py): a made-up harbour page read as the HTML
itself and as a BeautifulSoup dump (page_set_eval.read_page), cleaned, its title matched and its kept text scored
against a reference body (offline: no w3m, no network)."""
from __future__ import annotations

from pathlib import Path

import pytest

from benchscripts import load_benchmark

judging = load_benchmark("page_judge")
page_set = load_benchmark("page_set_eval")
clean_eval = load_benchmark("clean_eval")

HEADLINE = "Quay tolls raise 12% more in a year"


@pytest.fixture(scope="module")
def cfg():
    from pipeline.clean.page import load_clean_config

    return load_clean_config()


@pytest.fixture
def page(shared_datadir: Path) -> Path:
    return shared_datadir / "judge" / "quay.html"


@pytest.fixture
def body(shared_datadir: Path) -> str:
    return (shared_datadir / "judge" / "quay_body.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("dialect, source", [("html", "harbour/quay.html"), ("bs4", "bs4/quay.txt")])
def test_a_page_is_read_in_its_input_and_judged(page: Path, body: str, cfg, tmp_path: Path, dialect: str,
                                                 source: str) -> None:
    doc = page_set.read_page(page, dialect, tmp_path / "cache", "quay", html_folder="harbour")
    assert doc is not None and doc.source == source
    j = judging.judge(doc, cfg, HEADLINE, body)
    assert (j.exact, j.loose, j.verdict) == (True, True, "ok")
    assert j.r == 1.0  # every word of the article is kept
    keep_all = clean_eval.prf(doc.text, body)
    assert j.p > keep_all[0] and j.f1 > keep_all[2]  # more precise than the whole input
    assert (j.p, j.r, j.f1) == clean_eval.prf(j.article.text, body)
    assert j.seconds >= 0.0
    view = j.view()
    assert any(HEADLINE in line and "KEEP" in line for line in view)
    assert any("KEEP" in line and "4.8 million pounds" in line for line in view)


def test_a_dump_drops_the_menu_and_footer_in_its_explain_view(page: Path, cfg, tmp_path: Path) -> None:
    j = judging.judge(page_set.read_page(page, "bs4", tmp_path, "quay"), cfg)
    dropped = [line for line in j.view() if "DROP" in line]
    assert any("Weather" in line for line in dropped) and any("Copyright 2026" in line for line in dropped)


def test_a_title_with_more_words_is_loose_and_without_gold_nothing_is_scored(page: Path, cfg, tmp_path: Path) -> None:
    doc = page_set.read_page(page, "html", tmp_path, "quay")
    j = judging.judge(doc, cfg, "Quay tolls raise")
    assert (j.exact, j.loose, j.verdict) == (False, True, "loose")
    assert (j.p, j.r, j.f1) == (None, None, None)
    bare = judging.judge(doc, cfg)
    assert (bare.exact, bare.loose, bare.p, bare.r, bare.f1) == (None, None, None, None, None)
    assert bare.verdict == "wrong" and bare.article.title == j.article.title
    other = judging.judge(doc, cfg, "Ferry fares fall again", "")
    assert (other.exact, other.loose, other.verdict) == (False, False, "wrong")
    assert (other.p, other.r, other.f1) == (0.0, 0.0, 0.0)  # an empty reference is scored: nothing of it is kept
