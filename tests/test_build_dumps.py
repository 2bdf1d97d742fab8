"""benchmarks/build_dumps.py and clean_real.py on a small page of our own (no benchmark data needed)."""
from __future__ import annotations

import gzip
import json
import logging
from pathlib import Path

import pytest
from benchscripts import load_benchmark

HEADLINE = "Harbour volumes reach a record in spring"


bd = load_benchmark("build_dumps")
cr = load_benchmark("clean_real")


@pytest.fixture
def page_html(shared_datadir: Path) -> str:
    return (shared_datadir / "dumps" / "page.html").read_text(encoding="utf-8")


def test_bs4_dump_is_text_of_every_node(page_html: str) -> None:
    pytest.importorskip("bs4")
    text = bd.dump_bs4(page_html, "https://news.example.org/a")
    lines = [ln.strip() for ln in text.split("\n")]
    assert HEADLINE in lines and "New berth" in lines and "Ports" in lines
    assert "trade with inland partners" in lines  # an inline link is a line of its own
    assert "should never appear" not in text and "font-family" not in text


def test_html2text_dump_is_markdown(page_html: str) -> None:
    pytest.importorskip("html2text")
    text = bd.dump_html2text(page_html, "https://news.example.org/a")
    lines = text.split("\n")
    assert f"# {HEADLINE}" in lines and "## New berth" in lines
    assert "  * [Ports](https://news.example.org/ports)" in lines
    assert any(ln.startswith("---|") for ln in lines)  # the table's rule line
    assert "should never appear" not in text


def test_w3m_dump_is_wrapped_text_with_references(page_html: str) -> None:
    if bd.w3m_path() is None:
        pytest.skip("w3m is not installed")
    text = bd.dump_w3m(page_html, cols=60)
    lines = text.split("\n")
    assert HEADLINE in [ln.strip() for ln in lines]
    assert "References:" in lines
    assert max(len(ln) for ln in lines if not ln.startswith("[")) <= 60
    assert "should never appear" not in text


def test_w3m_plain_dump_has_no_link_numbers(page_html: str) -> None:
    if bd.w3m_path() is None:
        pytest.skip("w3m is not installed")
    numbered = bd.dump_w3m(page_html, cols=60)
    text = bd.dump_w3m_plain(page_html, cols=60)
    assert HEADLINE in [ln.strip() for ln in text.split("\n")]
    assert "References:" not in text and "[1]" in numbered and "[1]" not in text
    assert max(len(ln) for ln in text.split("\n")) <= 60
    assert "w3m-plain" in bd.ALL_DIALECTS and "w3m-plain" not in bd.DIALECTS  # asked for by name only


def test_w3m_missing_skips_the_dialect(page_html: str, tmp_path: Path, monkeypatch, caplog) -> None:
    pytest.importorskip("bs4")
    pytest.importorskip("html2text")
    monkeypatch.setattr(bd, "w3m_path", lambda: None)
    assert bd.dump_w3m(page_html) is None
    bench = tmp_path / "bench"
    (bench / "html").mkdir(parents=True)
    (bench / "html" / "p1.html.gz").write_bytes(gzip.compress(page_html.encode("utf-8")))
    gold = {"p1": {"articleBody": "The harbour handled 1.2 million containers.", "url": "https://www.example.co.uk/a"}}
    (bench / "ground-truth.json").write_text(json.dumps(gold), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="build_dumps"):
        counts = bd.build(bench, tmp_path / "out", [*bd.DIALECTS, "w3m-plain"])
    assert counts["pages"] == 1 and counts["bs4"] == 1 and counts["html2text"] == 1
    assert "w3m" not in counts and "w3m-plain" not in counts
    assert "w3m is not installed" in caplog.text
    assert not (tmp_path / "out" / "w3m").exists()
    entry = json.loads((tmp_path / "out" / "manifest.jsonl").read_text(encoding="utf-8"))
    assert entry["site"] == "example.co.uk" and set(entry["chars"]) == {"gold", "bs4", "html2text"}
    assert (tmp_path / "out" / "gold" / "p1.txt").read_text(encoding="utf-8") == gold["p1"]["articleBody"]


@pytest.mark.parametrize("url, site", [
    ("https://news.sky.com/story/x", "sky.com"),
    ("https://www.express.co.uk/news/1", "express.co.uk"),
    ("http://comoeducarseusfilhos.com.br/blog/x", "comoeducarseusfilhos.com.br"),
    ("https://hosted.ap.org/a/b", "ap.org"),
    ("http://www.wday.ru/articles/x", "wday.ru"),
    ("https://WWW.Example.COM./x", "example.com"),
])
def test_registered_domain(url: str, site: str) -> None:
    assert bd.registered_domain(url) == site


def test_site_split_is_deterministic() -> None:
    sites = [f"site{i}.example" for i in range(60)]
    first = bd.split_sites(sites)
    assert bd.split_sites(list(reversed(sites)) + sites[:5]) == first  # order and repeats do not matter
    assert sum(v == "test" for v in first.values()) == 20 and set(first.values()) == {"dev", "test"}
    assert bd.split_sites(sites, seed="another seed") != first


def test_split_file_covers_sites_whole() -> None:
    rows = bd.read_split()
    by_site: dict[str, set[str]] = {}
    for row in rows.values():
        by_site.setdefault(row["site"], set()).add(row["split"])
    assert all(len(s) == 1 for s in by_site.values())  # a site is never on both sides
    assert set(bd.read_titles()) == set(rows)


def test_title_from_markup(page_html: str) -> None:
    pytest.importorskip("bs4")
    assert bd.strip_site("Opinion | A headline - Example News", ["Example News"]) == "A headline"
    assert bd.strip_site("Review - shoots for the moon - VG247", ["VG247"]) == "Review - shoots for the moon"
    assert bd.derive_title(page_html, "https://news.example.org/a") == HEADLINE


def test_scorer_gives_one_for_identical_text() -> None:
    text = "The harbour handled 1.2 million containers, the most since records began."
    assert cr.prf(text, text) == (1.0, 1.0, 1.0)
    assert cr.prf(text.upper(), text) == (1.0, 1.0, 1.0)
    p, r, f = cr.prf("The harbour", text)
    assert p == 1.0 and 0 < r < 1 and 0 < f < 1


def test_title_normalisation() -> None:
    assert cr.norm_title("‘Meth. We’re on it.’ — A  Title") == cr.norm_title("'meth we're ON it' a title")
    assert cr.norm_title("A title") != cr.norm_title("A title, longer")


def test_paragraphs_and_justext_baseline() -> None:
    pytest.importorskip("justext")
    body = ("The harbour handled 1.2 million containers in the spring quarter, the most since records began, "
            "the port authority said on Monday, citing stronger trade with inland partners and a new berth "
            "that opened in March and took a fifth of the traffic while waiting times for ships fell.")
    cut = body.index(" the port")
    dump = "News\n \nBusiness\n\n" + body[:cut] + "\n" + body[cut + 1:] + "\n\nShare: Facebook Email\n"
    assert cr.paragraphs(dump) == ["News", "Business", body, "Share: Facebook Email"]
    assert cr.paragraphs("a\nb", mode="line") == ["a", "b"]
    kept = cr.justext_text(dump)
    assert body in kept and "Facebook" not in kept


@pytest.mark.parametrize("got, exact, loose", [
    ("Harbour volumes reach a record in spring", True, True),
    ("Harbour volumes reach a record in spring - Example Harbour News", False, True),
    ("The Harbour Review: Harbour volumes reach a record in spring", False, True),
    ("Harbour volumes reach a record", False, False),
    ("Skip to content", False, False),
    ("", False, False),
])
def test_title_match(got: str, exact: bool, loose: bool) -> None:
    assert cr.title_match(got, HEADLINE) == (exact, loose)
