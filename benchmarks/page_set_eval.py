"""Score the clean stage's title (and, roughly, its body) on a folder of saved HTML pages from any source.

A page set is a folder of ``*.html`` files and a titles CSV (page, site, lang, title; written once as a draft
with ``draft`` and then checked by eye). Each page is dumped in the scraper dialects of build_dumps.py (dumps
cached under ``outputs/pageset_dumps/``, keyed by the HTML's content), read by the project's ingest as a
plain-text file and cleaned with the default clean rules. Per dialect:

- ``title`` / ``title~``: share of pages whose ``Article.title`` matches the checked title, exactly or with a
  few more words (page_judge.py's rule);
- ``P`` / ``R`` / ``F1``: bag-of-words overlap of the kept text with a reference body (``--text DIR``, one
  ``<page>.txt`` a page), only where a reference is given; a machine-made reference is a rough check only. A
  reference that is empty or a note about the page in capitals ("MISSED LAST PARAGRAPH": no lower-case letter)
  is no body: the page is scored for its title only, and the notes are counted in the output.

Pages are split by site: sites sorted by name, even positions ``tune``, odd ``check``. Nothing of a page set is
copied into the repository: pass the folders on the command line. ``--dialect html`` also scores the HTML page
itself, read by the project's ingest as an ``.html`` file.

A parser's test fixtures make a page set too (``fixtures`` holds the saved pages, each
``src/extractors/custom/<site>/index.test.js`` reads one or more of them and asserts the title it expects):
``fixtures`` copies the pages and writes their titles CSV; a row whose expected title is not in the page's
text (the saved page is older than the expectation) gets ``on_page`` ``no`` and is not scored.

    python benchmarks/page_set_eval.py draft HTML_DIR OUT.csv [--site-from-json]
    python benchmarks/page_set_eval.py fixtures REPO_DIR HTML_DIR OUT.csv
    python benchmarks/page_set_eval.py score HTML_DIR TITLES.csv [--text DIR] [--part tune|check|all]
                                       [--dialect bs4 html2text w3m w3m-plain html] [--misses] [--show PAGE]
                                       [--json OUT]
"""
from __future__ import annotations

import argparse
import csv
import json
import logging
import re
import shutil
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_dumps import (ALL_DIALECTS, DIALECTS, cached_dump, derive_title, dump_bs4, registered_domain,  # noqa: E402
                         title_candidates)
from page_judge import judge, norm_title, read_dump  # noqa: E402
from pipeline.clean.page import load_clean_config  # noqa: E402
from pipeline.language import detect_language  # noqa: E402
from pipeline.ingest.decode import decode  # noqa: E402
from pipeline.types import RawDoc  # noqa: E402

DEFAULT_CACHE = ROOT / "outputs" / "pageset_dumps"
PARTS = ("tune", "check", "all")
HTML = "html"
FIELDS = ("page", "site", "lang", "title", "source", "og", "title_tag", "h1")
FIXTURE_FIELDS = (*FIELDS, "on_page", "url")
_TRAILING_NUMBER = re.compile(r"\d+$")
# a fixture test: the saved page it reads, then (before the next page) the url and the title it asserts
_JS_STRING = r"""(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`)"""
_FIXTURE = re.compile(r"readFileSync\(\s*['\"`]\./fixtures/(?P<file>[^'\"`]+\.html)")
_TEST_URL = re.compile(r"\burl\s*=\s*(?P<s>" + _JS_STRING + ")")
_TEST_TITLE = re.compile(r"assert\.equal\(\s*title\s*,\s*(?P<s>" + _JS_STRING + r"(?:\s*\+\s*" + _JS_STRING + r")*)\s*\)")
_JS_PIECE = re.compile(_JS_STRING)

log = logging.getLogger("page_set_eval")


# ------------------------------------------------------------------------------------------- the set


def page_site(html_file: Path, use_json: bool = False) -> str:
    """Site of a page: the registered domain of the ``url`` in a ``.json`` beside it (``use_json``), else the
    file name without its trailing page number (``example.com2.html`` -> ``example.com``)."""
    side = html_file.with_suffix(".json")
    if use_json and side.is_file():
        url = str(json.loads(side.read_text(encoding="utf-8")).get("url") or "")
        if url:
            return registered_domain(url)
    return _TRAILING_NUMBER.sub("", html_file.stem)


def site_parts(sites: set[str]) -> dict[str, str]:
    """Site -> ``tune`` (even position when sorted by name) or ``check`` (odd position)."""
    return {s: ("tune" if i % 2 == 0 else "check") for i, s in enumerate(sorted(sites))}


def read_html(path: Path) -> str:
    """The page's text, decoded as the project's ingest decodes HTML."""
    return decode(path.read_bytes(), html=True).text


def draft_rows(html_dir: Path, use_json: bool = False) -> list[dict[str, str]]:
    """One draft row a page: build_dumps.derive_title's guess (or the ``title`` a side ``.json`` gives under
    ``expected``), the language of the page's text, and the candidates for checking by eye."""
    rows = []
    for path in sorted(html_dir.glob("*.html")):
        html = read_html(path)
        site = page_site(path, use_json)
        c = title_candidates(html)
        title, source = derive_title(html, "http://" + site + "/"), "derived"
        side = path.with_suffix(".json")
        if side.is_file():
            given = str(json.loads(side.read_text(encoding="utf-8")).get("expected", {}).get("title") or "")
            if given:
                title, source = " ".join(given.split()), "json"
        rows.append({"page": path.stem, "site": site, "lang": detect_language(" ".join(dump_bs4(html).split())[:4000]),
                     "title": title, "source": source, "og": c.og, "title_tag": c.title, "h1": " || ".join(c.h1)})
    return rows


def js_string(expr: str) -> str:
    """The value of a JavaScript string literal, or of several joined by ``+`` (common escapes only)."""
    out = []
    for piece in _JS_PIECE.findall(expr):
        body = piece[1:-1]
        out.append(re.sub(r"\\(u[0-9a-fA-F]{4}|.)", lambda m: chr(int(m.group(1)[1:], 16))
                          if m.group(1).startswith("u") and len(m.group(1)) == 5 else
                          {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), body))
    return "".join(out)


def fixture_titles(repo: Path) -> list[tuple[str, str, str]]:
    """(fixture file, url, expected title) of every fixture test under ``src/extractors/custom``."""
    found = []
    for test in sorted((repo / "src" / "extractors" / "custom").glob("*/index.test.js")):
        js = test.read_text(encoding="utf-8")
        reads = list(_FIXTURE.finditer(js))
        for i, m in enumerate(reads):
            end = reads[i + 1].start() if i + 1 < len(reads) else len(js)
            title = _TEST_TITLE.search(js, m.end(), end)
            url = _TEST_URL.search(js, reads[i - 1].end() if i else 0, end)
            if title:
                found.append((m.group("file"), js_string(url.group("s")) if url else "", js_string(title.group("s"))))
    return found


def fixture_rows(repo: Path, html_dir: Path) -> list[dict[str, str]]:
    """Copy each fixture page a test reads into ``html_dir`` and return its titles row: the asserted title,
    the site (registered domain of the test's url), the language of the page's text and ``on_page`` (``yes``
    when the title's words appear in the page's text as the ingest reads it)."""
    html_dir.mkdir(parents=True, exist_ok=True)
    rows, seen = [], set()
    for name, url, title in fixture_titles(repo):
        src = repo / "fixtures" / name
        if not src.is_file() or name in seen:
            continue
        seen.add(name)
        shutil.copyfile(src, html_dir / name)
        html = read_html(src)
        text = norm_title(dump_bs4(html))
        c = title_candidates(html)
        rows.append({"page": Path(name).stem, "site": registered_domain(url) if url else Path(name).stem,
                     "lang": detect_language(" ".join(dump_bs4(html).split())[:4000]), "title": " ".join(title.split()),
                     "source": "test", "og": c.og, "title_tag": c.title, "h1": " || ".join(c.h1),
                     "on_page": "yes" if norm_title(title) and norm_title(title) in text else "no", "url": url})
    return rows


def read_set(titles_csv: Path) -> list[dict[str, str]]:
    """The checked rows of a titles CSV, with their ``part``."""
    with titles_csv.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    part = site_parts({r["site"] for r in rows})
    return [{**r, "part": part[r["site"]]} for r in rows]


def dump(html_file: Path, dialect: str, cache: Path) -> Path | None:
    """Path of the page's dump in ``dialect`` (written once per HTML content); None when it cannot be made.
    The ``html`` input is the page itself."""
    if dialect == HTML:
        return html_file
    return cached_dump(html_file.read_bytes(), dialect, cache, name=html_file.name)


def read_page(html_file: Path, dialect: str, cache: Path, page: str, html_folder: str = HTML) -> RawDoc | None:
    """The RawDoc the project's ingest makes of the page in ``dialect`` (source ``<dialect>/<page>.txt``; the
    ``html`` input is the page itself, source ``<html_folder>/<file name>``); None when the dump cannot be made."""
    path = dump(html_file, dialect, cache)
    if path is None:
        return None
    return read_dump(path, f"{html_folder}/{html_file.name}" if dialect == HTML else f"{dialect}/{page}.txt")


# ------------------------------------------------------------------------------------------- scoring


def reference_body(path: Path | None) -> str | None:
    """The reference body in ``path`` (UTF-8 text), or None when there is no file, it is empty, or it is a note
    about the page rather than its text: capitals and no lower-case letter ("ONLY EXTRACTS ARTICLE UP UNTIL THE
    FIRST IMAGE"; a script without letter case, such as Chinese, is a body)."""
    if path is None or not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    note = any(c.isupper() for c in text) and not any(c.islower() for c in text)
    return text if text.strip() and not note else None


@dataclass
class Row:
    """One page in one dialect: title found, its match, and body scores (None without a reference)."""

    page: str
    part: str
    dialect: str
    got: str
    gold: str
    exact: bool
    loose: bool
    f1: float | None


def summary(rows: list[Row]) -> dict[str, float | int | None]:
    """Pages, title shares (exact, loose) and mean body F1 where a reference was given."""
    f1 = [r.f1 for r in rows if r.f1 is not None]
    return {"pages": len(rows), "title": statistics.mean(r.exact for r in rows),
            "title_loose": statistics.mean(r.loose for r in rows), "f1": statistics.mean(f1) if f1 else None}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    dr = sub.add_parser("draft", help="write a draft titles CSV to check by eye")
    dr.add_argument("html_dir", type=Path)
    dr.add_argument("out", type=Path)
    dr.add_argument("--site-from-json", action="store_true", help="site from the url of a .json beside each page")
    fx = sub.add_parser("fixtures", help="a parser's test fixtures as a page set: copy the pages, write titles")
    fx.add_argument("repo", type=Path, help="folder holding fixtures/ and src/extractors/custom/")
    fx.add_argument("html_dir", type=Path)
    fx.add_argument("out", type=Path)
    sc = sub.add_parser("score", help="score the clean stage against a checked titles CSV")
    sc.add_argument("html_dir", type=Path)
    sc.add_argument("titles", type=Path)
    sc.add_argument("--text", type=Path, help="folder of reference bodies, <page>.txt")
    sc.add_argument("--part", choices=PARTS, default="tune")
    sc.add_argument("--dialect", nargs="*", choices=sorted([*ALL_DIALECTS, HTML]), default=list(DIALECTS))
    sc.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    sc.add_argument("--misses", action="store_true", help="list the pages whose title is wrong")
    sc.add_argument("--show", metavar="PAGE", help="print the explain view of one page and stop")
    sc.add_argument("--json", type=Path, help="write per-page rows and summaries here")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if args.cmd in ("draft", "fixtures"):
        rows = (draft_rows(args.html_dir, args.site_from_json) if args.cmd == "draft"
                else fixture_rows(args.repo, args.html_dir))
        args.out.parent.mkdir(parents=True, exist_ok=True)
        with args.out.open("w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, FIELDS if args.cmd == "draft" else FIXTURE_FIELDS, lineterminator="\n")
            w.writeheader()
            w.writerows(rows)
        log.info("%d pages -> %s", len(rows), args.out)
        return 0
    cfg = load_clean_config()
    pages = [r for r in read_set(args.titles) if r["lang"] == "en" and r["title"] and r.get("on_page") != "no"]
    if args.show:
        pick = [r for r in pages if r["page"] == args.show]
        if not pick:
            log.error("%s: no such English page", args.show)
            return 2
        pages = pick
    else:
        pages = [r for r in pages if args.part == "all" or r["part"] == args.part]
    rows: list[Row] = []
    notes: list[str] = []  # pages whose reference file is a note or empty: scored for the title only
    for entry in pages:
        html_file = args.html_dir / f"{entry['page']}.html"
        ref = args.text / f"{entry['page']}.txt" if args.text else None
        body = reference_body(ref)
        if ref is not None and ref.is_file() and body is None:
            notes.append(entry["page"])
        for d in args.dialect:
            doc = read_page(html_file, d, args.cache, entry["page"])
            if doc is None:
                continue
            j = judge(doc, cfg, entry["title"], body)
            rows.append(Row(entry["page"], entry["part"], d, j.article.title, entry["title"], j.exact, j.loose, j.f1))
            if args.show:
                print(f"== {d}: title {j.article.title!r} (gold {entry['title']!r}, {'ok' if j.exact else 'wrong'})")
                print("\n".join(j.view()))
    if args.show:
        return 0
    print(f"{len(pages)} English pages ({args.part}), {len({p['site'] for p in pages})} sites"
          + (f"; {len(notes)} reference files empty or a note, no body scored: {' '.join(notes)}" if notes else ""))
    print(f"{'dialect':<11}{'pages':>6}{'title':>7}{'title~':>8}{'F1':>8}")
    for d in args.dialect:
        sel = [r for r in rows if r.dialect == d]
        if sel:
            m = summary(sel)
            f1 = "-" if m["f1"] is None else f"{m['f1']:.4f}"
            print(f"{d:<11}{m['pages']:>6}{m['title']:>7.2f}{m['title_loose']:>8.2f}{f1:>8}")
    if args.misses:
        for r in rows:
            if not r.exact:
                print(f"MISS {r.dialect:<10} {r.page:<32} got {r.got[:70]!r}  gold {r.gold[:70]!r}")
    if args.json:
        report = {"part": args.part, "summary": {d: summary([r for r in rows if r.dialect == d])
                                                 for d in args.dialect if any(r.dialect == d for r in rows)},
                  "rows": [r.__dict__ for r in rows]}
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
