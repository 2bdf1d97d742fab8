"""report.html: parsed back, every claim is highlighted with its data, clutter is greyed with its rule,
hostile text stays text, nothing external is referenced, and large runs are split into pages."""
from __future__ import annotations

import csv
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pipeline.outputs import report as report_mod
from pipeline.errors import UsageError
from pipeline.outputs.report import write_report
from runfolder import make_run

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>" onmouseover="alert(3)\' &amp; </div>'
#: Elements the report itself emits; anything else would be markup leaking from the inputs.
OWN_TAGS = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "input", "select", "option",
            "table", "thead", "tbody", "tr", "th", "td", "a", "section", "div", "span", "mark", "script", "nav",
            "strong", "label", "button", "code"}


class Page(HTMLParser):
    """What the tests look at in a report page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.marks: list[dict[str, str]] = []
        self.rows: dict[tuple[str, str], dict[str, str]] = {}
        self.section = ""
        self.drops: list[dict[str, str]] = []
        self.scripts: list[str] = []
        self.script_types: list[str] = []
        self.text: list[str] = []
        self._stack: list[tuple[str, dict[str, str]]] = []
        self._mark: dict[str, str] | None = None
        self._row: dict[str, str] | None = None
        self._cell: str | None = None
        self._drop: dict[str, str] | None = None
        self._drop_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append((tag, a))
        if tag in ("meta", "input"):
            return
        self._stack.append((tag, a))
        if tag == "section":
            self.section = a.get("id", "")
        elif self.section == "explorer" and tag in ("mark", "tr", "td"):
            pass  # the claims explorer's rows are checked in the browser test
        elif tag == "mark":
            self._mark = {**a, "text": "", "section": self.section}
            self.marks.append(self._mark)
        elif tag == "tr" and "data-claim-id" in a:
            self._row = {"claim_id": a["data-claim-id"], "class": a.get("class", "")}
            self.rows[(self.section, a["data-claim-id"])] = self._row
        elif tag == "td" and self._row is not None:
            self._cell = a.get("class", "")
            self._row[self._cell] = ""
        elif tag == "div" and "drop" in a.get("class", "").split():
            self._drop = {**a, "text": ""}
            self.drops.append(self._drop)
            self._drop_depth = len(self._stack)
        elif tag == "script":
            self.scripts.append("")
            self.script_types.append(a.get("type", ""))

    def handle_endtag(self, tag: str) -> None:
        while self._stack:
            open_tag, _ = self._stack.pop()
            if open_tag == "mark":
                self._mark = None
            elif open_tag == "tr":
                self._row = None
            elif open_tag == "td":
                self._cell = None
            elif open_tag == "div" and len(self._stack) < self._drop_depth:
                self._drop, self._drop_depth = None, 0
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._stack and self._stack[-1][0] == "script":
            self.scripts[-1] += data
        if self._mark is not None:
            self._mark["text"] += data
        if self._row is not None and self._cell is not None:
            self._row[self._cell] += data
        if self._drop is not None:
            self._drop["text"] += data


def parse(path: Path) -> Page:
    p = Page()
    p.feed(path.read_text(encoding="utf-8"))
    p.close()
    return p


def rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def marked_text(page: Page, section: str, claim_id: str) -> str:
    """The text of all highlight pieces that belong to ``claim_id`` in one section, in page order."""
    return "".join(m["text"] for m in page.marks if m["section"] == section and claim_id in m["data-claims"].split())


def assert_claims_highlighted(run: Path, pages: list[Page]) -> None:
    """Every claim: highlighted pieces spell its quantity, hover text holds its data, and its row exists."""
    claims = rows(run / "claims.csv")
    assert claims, "fixture without claims"
    for c in claims:
        found = [(p, sec) for p in pages for sec, cid in p.rows if cid == c["claim_id"]]
        assert found, f"no table row for {c['claim_id']}"
        for page, sec in found:
            row = page.rows[(sec, c["claim_id"])]
            assert "unplaced" not in row["class"], c
            assert marked_text(page, sec, c["claim_id"]) == c["quantity"].lstrip("'")
            titles = [m["title"] for m in page.marks
                      if m["section"] == sec and c["claim_id"] in m["data-claims"].split()]
            for name in report_mod.DETAIL_FIELDS:
                assert all(f"{c[name]}" in t for t in titles), (name, c[name])
            for name in ("quantity", "value", "value_max", "unit", "kind", "direction", "metric", "rule"):
                assert row[name] == c[name].lstrip("'")


def assert_self_contained(page: Page) -> None:
    """No external reference, no foreign markup, one script (ours), a strict CSP."""
    for tag, attrs in page.tags:
        assert tag in OWN_TAGS, f"unexpected element <{tag}>"
        assert "src" not in attrs, (tag, attrs)
        assert not [k for k in attrs if k.startswith("on")], (tag, attrs)
        href = attrs.get("href")
        if href is not None:
            assert href.startswith("#") or re.fullmatch(r"(\.\./)?[\w./-]+\.html(#[\w-]+)?", href), href
            assert "//" not in href and ":" not in href, href
    assert [t for t in page.script_types if t != "application/json"] == [""], "one script: ours"
    csp = [a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0]


ARTICLE = [
    ("title", "clutter.title.v1", "Exports rise"),
    ("meta", "clutter.meta.v1", "2023-05-01 10:00"),
    ("heading", "", "Exports rose 12.5% in the first quarter"),
    ("paragraph", "", "Exports reached 400 billion yuan, up 12.5 % year on year, and imports 3,250 mln."),
    ("clutter", "clutter.share_buttons.v1", "Share on Facebook | Print | 2 comments"),
    ("paragraph", "", "About 45% of firms reported growth; 7 provinces lagged."),
    ("clutter", "clutter.teaser.v2", "Related: Wages up 4% in 2022"),
]


@pytest.mark.parametrize("variant", ["txt", "source_text", "block_text"])
def test_every_claim_highlighted_and_clutter_greyed(tmp_path: Path, variant: str) -> None:
    spec = {"source": "a/b.txt", "title": "Exports rise", "blocks": ARTICLE,
            "extracted": variant == "source_text", "block_text": variant == "block_text"}
    run = make_run(tmp_path / "run", [spec, {**spec, "source": "copy.txt"}])
    out = write_report(run)
    assert out == run / "report.html"
    page = parse(out)
    assert_self_contained(page)
    assert_claims_highlighted(run, [page])
    assert len(page.marks) >= len(rows(run / "claims.csv")) > 0
    clutter = rows(run / "clutter.csv")
    assert len(page.drops) == len(clutter)
    for c in clutter:
        drop = next(d for d in page.drops if d["data-rule"] == c["rule"] and d["text"].count(c["rule"]))
        assert c["preview"] in " ".join(drop["text"].split())
    # Two documents with the same doc_id each get their own section and rows.
    assert "".join(page.text).count("Share on Facebook") == 2


def run_page(tmp_path: Path, text: str) -> Path:
    """The run folder of ``newsclaims run`` (no NER) over one page holding ``text``."""
    from pipeline.cli import main

    pages = tmp_path / "in"
    pages.mkdir()
    (pages / "page.txt").write_text(text, encoding="utf-8")
    run = tmp_path / "run"
    assert main(["run", str(pages), "--out", str(run), "-q", "--no-ner"]) == 0
    return run


def test_claims_table_shows_range_end_and_direction(tmp_path: Path) -> None:
    """A range's high end and a change's direction have their own cells in the document's claims table and in
    the hover text."""
    run = run_page(tmp_path, "Profit fell 6.2% to $40m. The plant will hire between 300 and 400 workers.\n")
    claims = {c["quantity"]: c for c in rows(run / "claims.csv")}
    page = parse(run / "report.html")
    shown = {row["quantity"]: row for (sec, _), row in page.rows.items() if sec != "explorer"}
    assert shown["6.2%"]["direction"] == "down" == claims["6.2%"]["direction"]
    assert shown["between 300 and 400"]["value_max"] == claims["between 300 and 400"]["value_max"] != ""
    assert shown["between 300 and 400"]["direction"] == ""
    title = next(m["title"] for m in page.marks if m["text"] == "between 300 and 400")
    assert f'{claims["between 300 and 400"]["value"]} to {claims["between 300 and 400"]["value_max"]}' in title
    assert_claims_highlighted(run, [page])


def test_overlapping_claims_are_split_not_lost(tmp_path: Path) -> None:
    run = make_run(tmp_path / "run", [{"blocks": [("paragraph", "", "Output rose 4.2% to 400 billion.")]}])
    claims = rows(run / "claims.csv")
    text = "Output rose 4.2% to 400 billion."
    extra = {**claims[0], "claim_id": "wide", "quantity": text[12:27], "start": "12", "end": "27", "kind": "change"}
    with open(run / "claims.csv", "a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, fieldnames=list(extra), lineterminator="\r\n").writerow(extra)
    empty = {**claims[0], "claim_id": "empty", "quantity": "", "start": "5", "end": "5"}
    with open(run / "claims.csv", "a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, fieldnames=list(empty), lineterminator="\r\n").writerow(empty)
    page = parse(write_report(run))
    assert "unplaced" in page.rows[("doc-1", "empty")]["class"]
    del page.rows[("doc-1", "empty")]
    with open(run / "claims.csv", encoding="utf-8", newline="") as handle:
        kept = [r for r in csv.DictReader(handle) if r["claim_id"] != "empty"]
    with open(run / "claims.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(kept[0]))
        writer.writeheader()
        writer.writerows(kept)
    assert_claims_highlighted(run, [page])
    assert any(len(m["data-claims"].split()) == 2 and "multi" in m["class"] for m in page.marks)
    assert not any(m["text"] == "" for m in page.marks)


def test_hostile_text_is_escaped(tmp_path: Path) -> None:
    blocks = [("heading", "", f"Title {HOSTILE}"), ("paragraph", "", f"Rose 5% {HOSTILE} to 7 mln."),
              ("clutter", f"rule{HOSTILE}", f"Teaser {HOSTILE}")]
    run = make_run(tmp_path / "run", [{"source": f"x{HOSTILE}.txt", "title": HOSTILE, "blocks": blocks,
                                       "error": HOSTILE, "doc_id": f"id{HOSTILE}"}])
    page = parse(write_report(run))
    assert_self_contained(page)
    assert_claims_highlighted(run, [page])
    text = "".join(page.text)
    assert text.count(HOSTILE) >= 5, "hostile strings must come back verbatim as text"
    assert page.drops[0]["data-rule"] == f"rule{HOSTILE}"


def test_status_and_errors_listed(tmp_path: Path) -> None:
    run = make_run(tmp_path / "run", [
        {"source": "ok.txt", "blocks": ARTICLE},
        {"source": "bad.html", "status": "error", "error": "DocumentError: cannot decode", "blocks": ARTICLE},
        {"source": "empty.txt", "status": "empty", "blocks": []},
    ])
    page = parse(write_report(run))
    table = [a for t, a in page.tags if t == "tr" and "data-status" in a]
    assert [a["data-status"] for a in table] == ["ok", "error", "empty"]
    assert "DocumentError: cannot decode" in "".join(page.text)
    assert_claims_highlighted(run, [page])


def test_misaligned_article_lists_claims_unplaced(tmp_path: Path) -> None:
    run = make_run(tmp_path / "run", [{"blocks": ARTICLE}])
    lines = (run / "articles.jsonl").read_text(encoding="utf-8").replace("Exports reached", "Exports hit")
    (run / "articles.jsonl").write_text(lines, encoding="utf-8")
    page = parse(write_report(run))
    claims = rows(run / "claims.csv")
    assert {cid for _, cid in page.rows} == {c["claim_id"] for c in claims}
    assert all("unplaced" in r["class"] for r in page.rows.values())
    assert "Exports hit" in "".join(page.text)


def test_large_runs_get_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report_mod, "MAX_INLINE_DOCS", 3)
    monkeypatch.setattr(report_mod, "INDEX_PAGE_ROWS", 2)
    monkeypatch.setattr(report_mod, "DOCS_PER_FILE", 2)
    specs = [{"source": f"p{i}.txt", "blocks": [("paragraph", "", f"Item {i}: sales rose {i + 1}0% to 3 mln.")]}
             for i in range(5)]
    specs[3]["doc_id"] = "../../escape"
    run = make_run(tmp_path / "run", specs)
    index = write_report(run)
    files = sorted(p.name for p in (run / "report").glob("*.html"))
    assert len(files) == 3 + 2  # two documents to a page, index pages 2 and 3
    pages = [parse(p) for p in (run / "report").glob("*.html")]
    for p in [parse(index), *pages]:
        assert_self_contained(p)
    assert_claims_highlighted(run, pages)
    # Every link of every page resolves to a file of the report.
    for path in [index, *(run / "report").glob("*.html")]:
        for tag, attrs in parse(path).tags:
            if tag == "a" and not attrs["href"].startswith("#"):
                assert (path.parent / attrs["href"].split("#")[0]).resolve().is_file(), (path.name, attrs["href"])
    # Back to a small run: the per-document pages of the earlier report are removed.
    monkeypatch.setattr(report_mod, "MAX_INLINE_DOCS", 200)
    write_report(run)
    assert not (run / "report").exists()


@pytest.mark.parametrize("large", [False, True])
def test_a_staged_report_names_the_folder_it_will_live_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          large: bool) -> None:
    if large:
        monkeypatch.setattr(report_mod, "MAX_INLINE_DOCS", 1)
    specs = [{"source": f"p{i}.txt", "blocks": [("paragraph", "", f"Sales rose {i + 1}0% to 3 mln.")]}
             for i in range(3)]
    staging = make_run(tmp_path / "weekly" / ".staging-abc", specs)
    index = write_report(staging, final=tmp_path / "weekly")
    html = "\n".join(p.read_text(encoding="utf-8") for p in [index, *(staging / "report").glob("*.html")])
    assert "newsclaims report: weekly" in html and "newsclaims run: weekly" in html
    assert ".staging" not in html


def test_huge_document_is_cut_to_stay_usable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report_mod, "MAX_DOC_CHARS", 400)
    monkeypatch.setattr(report_mod, "MAX_DOC_CLAIMS", 30)
    line = "Sales rose 12.5% to 9 mln, " * 200
    run = make_run(tmp_path / "run", [{"blocks": [("paragraph", "", line), ("paragraph", "", "Then 7 more.")]}])
    page = parse(write_report(run))
    text = "".join(page.text)
    claims = rows(run / "claims.csv")
    assert len(page.rows) == 30 < len(claims)
    assert f"all {len(claims)} are in claims.csv" in text
    assert f"{len(line) + len('Then 7 more.') - 400} more characters not shown" in text
    shown = [cid for _, cid in page.rows]
    for c in claims:
        if c["claim_id"] in shown and int(c["end"]) <= 400:
            assert marked_text(page, "doc-1", c["claim_id"]) == c["quantity"]


def test_review_decisions_and_broken_records(tmp_path: Path) -> None:
    run = make_run(tmp_path / "run", [{"source": "a.txt", "blocks": ARTICLE}, {"source": "b.txt", "blocks": ARTICLE}])
    claims = rows(run / "claims.csv")
    claims[0]["review"], claims[0]["review_note"] = "wrong", "unit is tonnes"
    with open(run / "claims.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(claims[0]))
        writer.writeheader()
        writer.writerows(claims)
    lines = (run / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    (run / "articles.jsonl").write_text(lines[0][:50] + "\n" + lines[1] + "\n", encoding="utf-8")
    page = parse(write_report(run))
    shown = page.rows[("doc-1", claims[0]["claim_id"])]
    assert (shown["review"], shown["review_note"]) == ("wrong", "unit is tonnes")
    assert "No article record" in "".join(page.text)
    assert all(m["section"] == "doc-2" for m in page.marks)


def test_review_decision_in_hover_text(tmp_path: Path) -> None:
    run = make_run(tmp_path / "run", [{"source": "a.txt", "blocks": ARTICLE}])
    claims = rows(run / "claims.csv")
    assert len(claims) > 1
    claims[0]["review"], claims[0]["review_note"] = "wrong", "unit is tonnes"
    with open(run / "claims.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(claims[0]))
        writer.writeheader()
        writer.writerows(claims)
    page = parse(write_report(run))
    decided = claims[0]["claim_id"]
    titles = [m["title"] for m in page.marks if decided in m["data-claims"].split()]
    assert titles and all("review: wrong" in t and "review_note: unit is tonnes" in t for t in titles)
    others = [m["title"] for m in page.marks if decided not in m["data-claims"].split()]
    assert others and not any("review" in t for t in others)


def test_not_a_run_folder(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="E063"):
        write_report(tmp_path)


def _bbc_pages(limit: int) -> list[dict[str, object]]:
    files = sorted((CORPORA / "bbc_fulltext" / "raw").glob("*/*.txt"))[:limit]
    pages = []
    for path in files:
        paras = [p.strip() for p in path.read_text(encoding="latin-1").split("\n\n") if p.strip()]
        blocks = [("heading", "", paras[0]), *[("paragraph", "", p) for p in paras[1:]]]
        blocks.insert(2, ("clutter", "clutter.test.v1", "Advertisement"))
        pages.append({"source": path.name, "title": paras[0], "blocks": blocks})
    return pages


@pytest.mark.skipif(not (CORPORA / "bbc_fulltext").is_dir(), reason="BBC corpus not available")
def test_real_news_text(tmp_path: Path) -> None:
    run = make_run(tmp_path / "run", _bbc_pages(40))
    pages = [parse(write_report(run)), *(parse(p) for p in (run / "report").glob("*.html"))]
    for page in pages:
        assert_self_contained(page)
    assert_claims_highlighted(run, pages)


def test_seed_run_end_to_end(tmp_path: Path) -> None:
    pytest.importorskip("pipeline.run.shards")
    from pipeline.run.options import RunOptions, Settings
    from pipeline.run.runner import run

    seed = Path(__file__).parent / "data" / "seed"
    out = tmp_path / "run"
    run([seed], Settings(use_ner=False), RunOptions(out=out))
    page = parse(write_report(out))
    assert_self_contained(page)
    assert_claims_highlighted(out, [page])
    assert len(page.drops) == len(rows(out / "clutter.csv"))


def _browser() -> str | None:
    for name in ("/usr/bin/chromium", "chromium", "chromium-browser", "chromium-headless-shell", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.mark.skipif(_browser() is None, reason="no headless Chromium installed")
@pytest.mark.slow
def test_renders_in_headless_browser(tmp_path: Path) -> None:
    blocks = [*ARTICLE, ("paragraph", "", f"Rose 5% {HOSTILE} to 7 mln.")]
    run = make_run(tmp_path / "run", [{"source": "a.txt", "title": "Exports", "blocks": blocks}])
    out = write_report(run)
    cmd = [str(_browser()), "--headless", "--disable-gpu", "--no-sandbox", f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run([*cmd, "--dump-dom", out.as_uri()], capture_output=True, text=True, timeout=120, check=True)
    rendered = Page()
    rendered.feed(dom.stdout)
    # The page's own script ran (the CSP hash matches) and nothing foreign became markup.
    assert any(t == "html" and a.get("data-script") == "ready" for t, a in rendered.tags)
    assert_self_contained(rendered)
    assert_claims_highlighted(run, [rendered])
    assert HOSTILE in "".join(rendered.text)
    png = tmp_path / "report.png"
    subprocess.run([*cmd, f"--screenshot={png}", "--window-size=1200,900", out.as_uri()], capture_output=True,
                   timeout=120, check=True)
    assert png.is_file() and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# --- the claims explorer in a real browser ------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):  # noqa: ANN201 - a selenium driver
    webdriver = pytest.importorskip("selenium.webdriver")
    driver_path = shutil.which("chromedriver")
    if driver_path is None or _browser() is None:
        pytest.skip("no chromium and chromedriver installed")
    downloads = tmp_path_factory.mktemp("downloads")
    options = webdriver.ChromeOptions()
    options.binary_location = str(_browser())
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000",
                f"--user-data-dir={tmp_path_factory.mktemp('profile')}"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=driver_path))
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.downloads = downloads
    yield driver
    driver.quit()


def wait_for(predicate, what: str, tries: int = 100):  # noqa: ANN001, ANN201
    """Poll ``predicate`` until it gives something true (the browser works asynchronously)."""
    import time

    for _ in range(tries):
        found = predicate()
        if found:
            return found
        time.sleep(0.05)
    raise AssertionError(f"the browser never showed: {what}")


ROWS_SCRIPT = """
return Array.from(document.querySelectorAll('#claims-body tr')).map(function(tr){
  var row={claim_id:tr.getAttribute('data-claim-id'),class:tr.className};
  tr.querySelectorAll('td').forEach(function(td){row[td.className]=td.textContent;});
  return row;});
"""


def explorer_rows(driver) -> list[dict[str, str]]:  # noqa: ANN001
    """The explorer's shown rows (one round trip to the browser): claim_id, class and cells by class."""
    return driver.execute_script(ROWS_SCRIPT)


@pytest.mark.slow
def test_explorer_filters_decides_and_downloads_a_review_file(browser, tmp_path: Path) -> None:  # noqa: ANN001
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    from pipeline.outputs.review import load_review

    from pipeline.cli import main

    seed = Path(__file__).parent / "data" / "seed"
    run = tmp_path / "run"
    assert main(["run", str(seed), "--out", str(run), "-q", "--no-ner"]) == 0
    claims = rows(run / "claims.csv")
    assert len(claims) > 2 * report_mod.EXPLORER_PAGE_ROWS // 4
    browser.get((run / "report.html").as_uri())
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("data-script") == "ready"
    shown = explorer_rows(browser)
    assert len(shown) == min(len(claims), report_mod.EXPLORER_PAGE_ROWS)
    assert [r["claim_id"] for r in shown] == [c["claim_id"] for c in claims][: len(shown)]
    assert f"{len(claims)} matching claims" in browser.find_element(By.ID, "claim-count").text
    assert all(r["sentence"] and r["decision"] == "" for r in shown), "each claim with its sentence"

    # Filter: text search, then a unit; the table and the count follow.
    search = browser.find_element(By.ID, "q")
    search.send_keys("zhangjiang")
    zhang = [c for c in claims if "zhangjiang" in c["sentence"].lower()]
    assert 0 < len(zhang) < len(claims)
    wait_for(lambda: len(explorer_rows(browser)) == len(zhang), "the Zhangjiang claims")
    search.clear()
    search.send_keys(" ")  # an input event with no query: every claim again
    wait_for(lambda: len(explorer_rows(browser)) == len(claims), "all claims again")
    Select(browser.find_element(By.ID, "f-unit")).select_by_value("%")
    percent = [c for c in claims if c["unit"] == "%"]
    assert percent and len(percent) < len(claims)
    shown = wait_for(lambda: (r := explorer_rows(browser)) and len(r) == len(percent) and r, "the % claims")
    assert {r["unit"] for r in shown} == {"%"}

    # Decide: accept the first shown claim, reject the second with a note.
    first, second = shown[0]["claim_id"], shown[1]["claim_id"]
    browser.find_element(By.CSS_SELECTOR, f'tr[data-claim-id="{first}"] button[data-state="accepted"]').click()
    wait_for(lambda: explorer_rows(browser)[0]["class"] == "st-accepted", "the accepted row")
    browser.find_element(By.CSS_SELECTOR, f'tr[data-claim-id="{second}"] button[data-state="rejected"]').click()
    note = browser.find_element(By.CSS_SELECTOR, f'tr[data-claim-id="{second}"] input.note')
    note.send_keys("=wrong unit, \"tonnes\"\n")
    browser.find_element(By.ID, "q").click()  # leaving the note field commits it
    wait_for(lambda: "2 claims decided" in browser.find_element(By.ID, "decided-count").text, "two decisions")
    Select(browser.find_element(By.ID, "f-review")).select_by_value("accepted")
    wait_for(lambda: [r["claim_id"] for r in explorer_rows(browser)] == [first], "the review-state filter")

    browser.find_element(By.ID, "download").click()
    path = wait_for(lambda: next(iter(browser.downloads.glob("review*.csv")), None), "the downloaded review.csv")
    review = load_review(path)
    assert {k: r["review"] for k, r in review.decisions.items()} == {first: "accepted", second: "rejected"}
    assert review.decisions[second]["review_note"] == "'=wrong unit, \"tonnes\"", "formula guard, quotes kept"
    by_id = {c["claim_id"]: c for c in claims}
    assert review.decisions[first]["sentence"] == by_id[first]["sentence"]

    # The downloaded file carries the decisions into the next run.
    again = tmp_path / "again"
    assert main(["run", str(seed), "--out", str(again), "-q", "--no-ner", "--review", str(path)]) == 0
    decided = {c["claim_id"]: (c["review"], c["review_note"]) for c in rows(again / "claims.csv") if c["review"]}
    assert decided == {first: ("accepted", ""), second: ("rejected", "'=wrong unit, \"tonnes\"")}


@pytest.mark.slow
def test_direction_filter_reads_the_direction_column(browser, tmp_path: Path) -> None:  # noqa: ANN001
    """Values are magnitudes ("fell 6.2%" is 6.2, down): the filter shows the claims whose direction column
    says so, levels a movement reached included."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    run = run_page(tmp_path, "Profit fell 6.2% to $40m. Revenue rose 3% to $900m. The firm has 120 staff.\n")
    claims = rows(run / "claims.csv")
    down = sorted(c["claim_id"] for c in claims if c["direction"] == "down")
    assert len(down) == 2 and len(claims) == 5
    browser.get((run / "report.html").as_uri())
    Select(browser.find_element(By.ID, "f-dir")).select_by_value("down")
    wait_for(lambda: sorted(r["claim_id"] for r in explorer_rows(browser)) == down, "the two claims that fell")
    assert {r["direction"] for r in explorer_rows(browser)} == {"down"}, "the direction has its own cell"
    Select(browser.find_element(By.ID, "f-dir")).select_by_value("none")
    wait_for(lambda: [r["claim_id"] for r in explorer_rows(browser)]
             == [c["claim_id"] for c in claims if not c["direction"]], "the claims with no direction")


def test_explorer_shows_hostile_text_as_text(browser, tmp_path: Path) -> None:  # noqa: ANN001
    from selenium.webdriver.common.by import By

    run = make_run(tmp_path / "run", [{"source": f"x{HOSTILE}.txt",
                                       "blocks": [("paragraph", "", f"Rose 5% {HOSTILE} to 7 mln.")]}])
    browser.get(write_report(run).as_uri())
    shown = explorer_rows(browser)
    assert len(shown) == len(rows(run / "claims.csv")) and all(HOSTILE in r["sentence"] for r in shown)
    assert all(HOSTILE in r["source"] for r in shown)
    assert not browser.find_elements(By.CSS_SELECTOR, "#claims-body img, #claims-body script")
    assert browser.execute_script("return document.querySelectorAll('img').length") == 0


def test_document_filter_hides_the_documents_too(browser, tmp_path: Path) -> None:  # noqa: ANN001
    from selenium.webdriver.common.by import By

    run = make_run(tmp_path / "run", [{"source": "alpha.txt", "blocks": ARTICLE},
                                      {"source": "beta.txt", "blocks": ARTICLE}])
    browser.get(write_report(run).as_uri())
    browser.find_element(By.ID, "filter").send_keys("beta")
    shown = lambda: browser.execute_script(  # noqa: E731
        "return Array.from(document.querySelectorAll('section.doc')).filter(function(s){"
        "return s.style.display!=='none';}).map(function(s){return s.id;})")
    wait_for(lambda: shown() == ["doc-2"], "only the beta document")
    browser.find_element(By.CSS_SELECTOR, "section#doc-2 nav a[href='#doc-1']")  # previous-document link


def test_indexed_csv_reads_back_each_documents_rows(tmp_path: Path) -> None:
    from pipeline.outputs.reader import IndexedCsv, read_csv

    path = tmp_path / "claims.csv"
    path.write_bytes("\ufeffdoc_id,source,sentence,start\r\n"
                     "d1,a.txt,\"two\r\nlines, and \"\"quotes\"\"\",1\r\n"
                     "d2,b.txt,Straße 4 %,2\r\n"
                     "\r\n"
                     "d1,a.txt,short row\r\n"
                     "d2,b.txt,extra,3,cells,dropped\r\n".encode("utf-8"))
    seen: list[str] = []
    index = IndexedCsv(path, lambda r: r["doc_id"], lambda r: seen.append(r["sentence"]))
    rows = read_csv(path)[1]
    assert index.rows == len(rows) == len(seen) == 4
    for key in ("d1", "d2"):
        assert index.group(key) == [r for r in rows if r["doc_id"] == key]
    assert index.group("none") == [] and IndexedCsv(tmp_path / "missing.csv", str).rows == 0


def test_paged_report_reads_the_same_rows_as_the_whole_run(tmp_path: Path) -> None:
    """The large-run reader (an index over claims.csv and clutter.csv) answers as loading them whole does,
    with a document's rows scattered over the file."""
    specs = [{"source": f"p{i}.txt", "blocks": [("paragraph", "", f"Item {i}: sales rose {i + 1}0% to 3 mln."),
                                                 ("clutter", "nav.menu.v1", "Home | News")]} for i in range(4)]
    run = make_run(tmp_path / "run", specs)
    for name in ("claims.csv", "clutter.csv"):  # interleave the documents' rows
        lines = (run / name).read_bytes().split(b"\r\n")
        (run / name).write_bytes(b"\r\n".join([lines[0], *reversed([x for x in lines[1:] if x])]) + b"\r\n")
    whole, index = report_mod.load_run(run), report_mod.RunIndex(run)
    assert whole.counts() == index.counts() and min(index.counts()) > 0 and whole.options() == index.options()
    assert whole.claim_keys() == index.claim_keys() and whole.documents == index.documents
    for doc in whole.documents:
        key = (doc["doc_id"], doc["source"])
        assert whole.claims_of(key) == index.claims_of(key) and whole.clutter_of(key) == index.clutter_of(key)
    links = ["x"] * len(whole.documents)
    assert report_mod.explorer(whole, links, "k") == report_mod.explorer(index, links, "k")


def test_a_second_report_renders_only_the_pages_that_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report_mod, "MAX_INLINE_DOCS", 3)
    monkeypatch.setattr(report_mod, "DOCS_PER_FILE", 2)
    specs = [{"source": f"p{i}.txt", "blocks": [("paragraph", "", f"Item {i}: sales rose {i + 1}0% to 3 mln.")]}
             for i in range(6)]
    run = make_run(tmp_path / "run", specs)
    write_report(run)
    rendered: list[str] = []
    real = report_mod.render_document
    monkeypatch.setattr(report_mod, "render_document",
                        lambda doc, *a, **k: rendered.append(doc["source"]) or real(doc, *a, **k))
    write_report(run, previous=run)
    assert rendered == [], "nothing changed: every page is taken from the earlier report"
    claims = (run / "claims.csv").read_text(encoding="utf-8").replace("Item 3: sales", "Item 3: SALES")
    (run / "claims.csv").write_text(claims, encoding="utf-8", newline="")
    write_report(run, previous=run)
    assert sorted(rendered) == ["p2.txt", "p3.txt"], "only the page holding the changed document"
    again = {p.name: p.read_bytes() for p in (run / "report").iterdir()}
    fresh = tmp_path / "fresh"
    shutil.copytree(run, fresh)
    shutil.rmtree(fresh / "report")
    write_report(fresh)
    assert {p.name: p.read_bytes() for p in (fresh / "report").iterdir()} == again


def _shown_rows(run: Path, name: str) -> list[dict[str, str]]:
    with open(run / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("repeat", [False, True])
def test_sections_given_while_merging_make_the_same_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          repeat: bool) -> None:
    """Sections rendered shard by shard give the pages rendered from the folder; a run whose documents
    repeat a (doc_id, source) key is rendered from the folder instead."""
    import json

    monkeypatch.setattr(report_mod, "MAX_INLINE_DOCS", 3)
    monkeypatch.setattr(report_mod, "DOCS_PER_FILE", 2)
    specs = [{"source": f"p{i}.txt", "blocks": [("paragraph", "", f"Item {i}: sales rose {i + 1}0% to 3 mln."),
                                                 ("clutter", "nav.menu.v1", "=1+2 Home | News")]} for i in range(5)]
    run = make_run(tmp_path / "run", specs)
    write_report(run)
    expected = {p.name: p.read_bytes() for p in (run / "report").iterdir()}
    expected["report.html"] = (run / "report.html").read_bytes()
    docs, claims, clutter = (_shown_rows(run, n) for n in ("documents.csv", "claims.csv", "clutter.csv"))
    articles = [json.loads(line) for line in (run / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    if repeat:
        docs[3] = {**docs[3], "doc_id": docs[1]["doc_id"], "source": docs[1]["source"]}
    sections = report_mod.ReportSections(run)
    for lo, hi in ((0, 2), (2, 5)):  # two shards
        keys = {(d["doc_id"], d["source"]) for d in docs[lo:hi]}
        sections.add(docs[lo:hi], [c for c in claims if (c["doc_id"], c["source"]) in keys],
                     [c for c in clutter if (c["doc_id"], c["source"]) in keys],
                     [a for a in articles if (a["doc_id"], a["source"]) in keys])
    assert sections.usable is not repeat
    shutil.rmtree(run / "report")
    rendered: list[str] = []
    real = report_mod.render_document
    monkeypatch.setattr(report_mod, "render_document", lambda doc, *a, **k: rendered.append(doc["source"])
                        or real(doc, *a, **k))
    write_report(run, sections=sections)
    assert rendered == ([] if not repeat else [d["source"] for d in _shown_rows(run, "documents.csv")])
    made = {p.name: p.read_bytes() for p in (run / "report").iterdir()}
    assert {**made, "report.html": (run / "report.html").read_bytes()} == expected
    assert not list(run.glob(".report-sections.*")), "the spool is removed"


def test_rows_the_html_extractor_left_out_each_count_as_a_dropped_block(tmp_path: Path) -> None:
    """Clutter rows without offsets (rule html.extractor.v1) have no place in the text, yet each is a dropped
    block: the whole-run reader, the indexed reader and the sections given while merging count them alike."""
    import json

    specs = [{"source": f"p{i}.txt", "blocks": [("paragraph", "", f"Item {i}: sales rose {i + 1}0% to 3 mln."),
                                                 ("clutter", "nav.menu.v1", "Home | News")]} for i in range(2)]
    run = make_run(tmp_path / "run", specs)
    docs = _shown_rows(run, "documents.csv")
    with (run / "clutter.csv").open("a", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        for text in ("Most read", "Sign in", "Most read"):
            writer.writerow([docs[0]["doc_id"], docs[0]["source"], "", "", "html.extractor.v1", text])
    claims, clutter = _shown_rows(run, "claims.csv"), _shown_rows(run, "clutter.csv")
    assert len(clutter) == 5
    whole, index = report_mod.load_run(run), report_mod.RunIndex(run)
    assert whole.counts() == index.counts() == (len(claims), 5)
    key = (docs[0]["doc_id"], docs[0]["source"])
    assert whole.clutter_of(key) == index.clutter_of(key) and len(whole.clutter_of(key)) == 4
    articles = [json.loads(line) for line in (run / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    sections = report_mod.ReportSections(run)
    sections.add(docs, claims, clutter, articles)
    assert sections.counts() == (len(claims), 5)
