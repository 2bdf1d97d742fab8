"""The page-set title benchmark (benchmarks/page_set_eval.py): sites of saved pages, the by-site split, the draft
titles file, a parser's test fixtures read as a page set and the score of a made-up page in the node-lines
dialect (offline: no w3m, no network)."""
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


def test_fixture_tests_give_each_page_its_asserted_title(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "fixtures").mkdir(parents=True)
    (repo / "fixtures" / "harbour.example.html").write_text(SNIPPET_PAGE, encoding="utf-8")
    (repo / "fixtures" / "old.example.html").write_text(SNIPPET_PAGE, encoding="utf-8")
    headline = page_set.draft_rows(repo / "fixtures")[0]["title"]
    quoted = headline.replace("'", "\\'")
    tests = {"harbour.example": f"""
      url = 'https://www.harbour.example/2016/a.html';
      const html = fs.readFileSync('./fixtures/harbour.example.html');
      const {{ title }} = await result;
      assert.equal(
        title,
        '{quoted[:10]}' +
          '{quoted[10:]}'
      );""", "old.example": """
      url =
        "https://news.old.example/b";
      const html = fs.readFileSync("./fixtures/old.example.html");
      assert.equal(title, `A headline the saved page \\`never\\` shows`);"""}
    for site, js in tests.items():
        (repo / "src" / "extractors" / "custom" / site).mkdir(parents=True)
        (repo / "src" / "extractors" / "custom" / site / "index.test.js").write_text(js, encoding="utf-8")
    assert page_set.fixture_titles(repo) == [
        ("harbour.example.html", "https://www.harbour.example/2016/a.html", headline),
        ("old.example.html", "https://news.old.example/b", "A headline the saved page `never` shows")]
    rows = page_set.fixture_rows(repo, tmp_path / "html")
    assert [(r["page"], r["site"], r["on_page"]) for r in rows] == [
        ("harbour.example", "harbour.example", "yes"), ("old.example", "old.example", "no")]
    assert (tmp_path / "html" / "harbour.example.html").read_text(encoding="utf-8") == SNIPPET_PAGE


def test_a_reference_that_is_empty_or_a_note_in_capitals_is_no_body(tmp_path: Path) -> None:
    body = tmp_path / "a.txt"
    body.write_text("The council approved 45 new homes.\n", encoding="utf-8")
    note = tmp_path / "b.txt"
    note.write_text("MISSED TINY PARAGRAPH AT THE VERY END\n", encoding="utf-8")
    empty = tmp_path / "c.txt"
    empty.write_text("", encoding="utf-8")
    assert page_set.reference_body(body) == "The council approved 45 new homes.\n"
    assert page_set.reference_body(note) is None
    assert page_set.reference_body(empty) is None
    assert page_set.reference_body(tmp_path / "missing.txt") is None
    cjk = tmp_path / "d.txt"
    cjk.write_text("市议会批准了45套新住房。\n", encoding="utf-8")
    assert page_set.reference_body(cjk) == "市议会批准了45套新住房。\n"
    assert page_set.reference_body(None) is None
