"""The page-set title benchmark (benchmarks/page_set_eval.py): sites of saved pages, the by-site split, the draft
titles file and the score of a made-up page in the node-lines dialect (offline: no w3m, no network)."""
from __future__ import annotations

import csv
import json
from pathlib import Path

from benchscripts import SNIPPET_PAGE, load_benchmark

page_set = load_benchmark("page_set_eval")


def test_a_page_names_its_site_by_its_file_or_by_the_url_beside_it(tmp_path: Path) -> None:
    page = tmp_path / "example.co.uk2.html"
    page.write_text("<html></html>", encoding="utf-8")
    assert page_set.page_site(page) == "example.co.uk"
    other = tmp_path / "test_harbour.html"
    other.write_text("<html></html>", encoding="utf-8")
    other.with_suffix(".json").write_text(json.dumps({"url": "https://news.harbour.co.uk/a/1"}), encoding="utf-8")
    assert page_set.page_site(other, use_json=True) == "harbour.co.uk"
    assert page_set.page_site(other) == "test_harbour"


def test_sites_sorted_by_name_alternate_between_tune_and_check() -> None:
    parts = page_set.site_parts({"c.com", "a.com", "b.org", "d.net"})
    assert [parts[s] for s in sorted(parts)] == ["tune", "check", "tune", "check"]


def test_draft_and_score_a_page(tmp_path: Path) -> None:
    html_dir = tmp_path / "html"
    html_dir.mkdir()
    (html_dir / "harbour.example1.html").write_text(SNIPPET_PAGE, encoding="utf-8")
    rows = page_set.draft_rows(html_dir)
    assert [r["page"] for r in rows] == ["harbour.example1"] and rows[0]["site"] == "harbour.example"
    assert rows[0]["title"] and rows[0]["source"] == "derived"
    titles = tmp_path / "titles.csv"
    with titles.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, page_set.FIELDS, lineterminator="\n")
        w.writeheader()
        w.writerows([{**rows[0], "lang": "en"}])
    out = tmp_path / "report.json"
    assert page_set.main(["score", str(html_dir), str(titles), "--part", "all", "--dialect", "bs4",
                          "--cache", str(tmp_path / "cache"), "--json", str(out)]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["summary"]["bs4"]["pages"] == 1
    assert report["summary"]["bs4"]["title"] == 1.0  # the clean stage finds the page's headline
    assert [r["gold"] for r in report["rows"]] == [rows[0]["title"]]
