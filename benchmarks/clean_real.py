"""Score the clean stage on real pages: plain-text dumps of the Zyte benchmark pages (see build_dumps.py).

Each dump (``outputs/dumps/<dialect>/<page>.txt``) is read by the project's ingest as a plain-text file and
cleaned with the default clean rules; the kept main text (``Article.text``) is scored against the page's gold
``articleBody``, and ``Article.title`` against the checked gold title (benchmarks/gold/zyte_titles.csv).
Systems, in one table per split:

- ``newsclaims``: the clean stage on the dump;
- ``keep-all``: the whole dump (the floor any cleaner must beat on precision);
- ``justext``: jusText (English stoplist, default settings) on the dump's paragraphs: each line of a ``bs4``
  dump, the blank-line separated line groups (each joined into one line) of the wrapped ``html2text`` and
  ``w3m`` dumps (``--justext-split line|blank`` forces one way for every dialect);
- (dialect ``nodes``, with ``--dialect nodes``) the same page as BeautifulSoup ``get_text("\n", strip=True)``
  writes it, made from the HTML on the fly: one stripped text node a line, no blank lines, a paragraph
  cut at every inline link or emphasis;
- ``trafilatura``: trafilatura with default settings on the original HTML (dialect ``html``), title from
  its metadata.

Scores: bag-of-words precision / recall / F1 of lower-cased word tokens (the scorer of clean_eval.py),
mean over pages, and the median F1; title: share of pages whose title matches the gold one after
normalisation (NFKC, case-folded word tokens), and (``title~``) share where it matches with up to 8 more
words before or after it (a site name or section kept with the headline). The split (benchmarks/gold/zyte_split.csv) is by site:
tune on ``dev``; ``--split test`` only for the final figure.

    python benchmarks/build_dumps.py                       # once: the dumps under outputs/dumps/
    python benchmarks/clean_real.py [--split dev|test|all] [--dialect bs4 html2text w3m w3m-plain] [--pages N]
                                    [--english] [--json OUT] [--show PAGE]
"""
from __future__ import annotations

import argparse
import html
import json
import logging
import re
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_dumps import (ALL_DIALECTS, DEFAULT_BENCH, DEFAULT_OUT, DIALECTS, read_page, read_split,  # noqa: E402
                         read_titles)
from clean_eval import prf  # noqa: E402
# norm_title: the title rule stays reachable as clean_real.norm_title
from page_judge import Judgement, judge, norm_title, read_dump, title_match  # noqa: E402,F401
from pipeline.clean.page import load_clean_config  # noqa: E402
from pipeline.types import RawDoc  # noqa: E402

SPLITS = ("dev", "test", "all")
#: Dialect made here from the HTML, not read from build_dumps.py's folders.
NODES = "nodes"
SYSTEMS = ("newsclaims", "keep-all", "justext")
#: How jusText gets paragraphs from each dialect by default: lines (one text node a line) or line groups.
JUSTEXT_SPLIT = {"bs4": "line", "html2text": "blank", "w3m": "blank", "w3m-plain": "blank"}
_BLANK = re.compile(r"\n[ \t\r\f\v]*\n")

log = logging.getLogger("clean_real")


def paragraphs(text: str, mode: str = "blank") -> list[str]:
    """Paragraphs of a dump: blank-line separated groups with their lines joined (``blank``), or lines."""
    parts = _BLANK.split(text) if mode == "blank" else text.split("\n")
    return [p for p in (" ".join(x.split()) for x in parts) if p]


def justext_text(text: str, mode: str = "blank") -> str:
    """Main text jusText keeps from a plain-text dump (English stoplist, default settings)."""
    import justext

    paras = paragraphs(text, mode)
    if not paras:
        return ""
    markup = "<html><body>" + "".join(f"<p>{html.escape(p)}</p>" for p in paras) + "</body></html>"
    kept = justext.justext(markup.encode("utf-8"), justext.get_stoplist("English"), encoding="utf-8")
    return "\n\n".join(p.text for p in kept if not p.is_boilerplate)


def node_dump(html_text: str) -> str:
    """One stripped text node a line: BeautifulSoup ``get_text("\\n", strip=True)`` (lxml parser)."""
    from bs4 import BeautifulSoup

    return BeautifulSoup(html_text, "lxml").get_text("\n", strip=True)


def node_doc(bench: Path, page: str) -> RawDoc:
    """The RawDoc of a page's :func:`node_dump`, as the ingest reads a plain-text file."""
    text = node_dump(read_page(bench, page)[0])
    return RawDoc(doc_id=page, source=f"{NODES}/{page}.txt", text=text)


@dataclass
class Row:
    """Scores of one system on one page."""

    page: str
    split: str
    dialect: str
    system: str
    p: float
    r: float
    f: float
    title_ok: float | None  # None: the system gives no title
    title_loose: float | None  # the gold title with a few more words before or after it


def score_page(page: str, split: str, dialect: str, path: Path | RawDoc, cfg, gold: str, title: str,
               justext_split: str, timing: dict[str, list[float]]) -> list[Row]:
    """Rows of every dump system for one page and dialect (``timing[dialect]`` gets [words, seconds])."""
    doc = path if isinstance(path, RawDoc) else read_dump(path, f"{dialect}/{page}.txt")
    j = judge(doc, cfg, title, gold)
    t = timing.setdefault(dialect, [0.0, 0.0])
    t[0] += len(doc.text.split())
    t[1] += j.seconds
    rows = [judged_row(page, split, dialect, j),
            Row(page, split, dialect, "keep-all", *prf(doc.text, gold), None, None),
            Row(page, split, dialect, "justext", *prf(justext_text(doc.text, justext_split), gold), None, None)]
    return rows


def judged_row(page: str, split: str, dialect: str, j: Judgement) -> Row:
    """The ``newsclaims`` row of one page judged against its gold body (title shares None without a gold title)."""
    return Row(page, split, dialect, "newsclaims", j.p, j.r, j.f1, *_shares(j.exact, j.loose))


def trafilatura_row(page: str, split: str, html_text: str, gold: str, title: str) -> Row:
    """trafilatura (default settings) on the original HTML, title from its metadata."""
    import trafilatura

    body = trafilatura.extract(html_text) or ""
    meta = trafilatura.extract_metadata(html_text)
    got = (meta.title if meta is not None else "") or ""
    return Row(page, split, "html", "trafilatura", *prf(body, gold),
               *_shares(*(title_match(got, title) if title else (None, None))))


def _shares(exact: bool | None, loose: bool | None) -> tuple[float | None, float | None]:
    return (None, None) if exact is None else (float(exact), float(loose))


def summarise(rows: list[Row]) -> dict[str, float | int | None]:
    """Pages, mean P/R/F1, median F1 and title accuracy, exact and loose (None when no row has a title)."""
    titles = [r.title_ok for r in rows if r.title_ok is not None]
    loose = [r.title_loose for r in rows if r.title_loose is not None]
    return {"pages": len(rows), "p": statistics.mean(r.p for r in rows), "r": statistics.mean(r.r for r in rows),
            "f1": statistics.mean(r.f for r in rows), "f1_median": statistics.median(r.f for r in rows),
            "title": statistics.mean(titles) if titles else None, "title_loose": statistics.mean(loose) if loose else None}


def title_cells(summary: dict[str, float | int | None]) -> tuple[str, str]:
    """The printed title shares of a summary: exact and loose, two decimals, '-' where no title was given."""
    return tuple("-" if summary[k] is None else f"{summary[k]:.2f}" for k in ("title", "title_loose"))


def table(rows: list[Row], splits: list[str], dialects: list[str]) -> list[str]:
    """Printable lines: one per split, dialect and system."""
    out = [f"{'split':<6}{'dialect':<11}{'system':<13}{'pages':>6}{'P':>8}{'R':>8}{'F1':>8}{'F1 med':>8}"
           f"{'title':>7}{'title~':>8}"]
    for split in splits:
        pick = [r for r in rows if split == "all" or r.split == split]
        for dialect in dialects + ["html"]:
            for system in SYSTEMS + ("trafilatura",):
                sel = [r for r in pick if r.dialect == dialect and r.system == system]
                if not sel:
                    continue
                m = summarise(sel)
                title, loose = title_cells(m)
                out.append(f"{split:<6}{dialect:<11}{system:<13}{m['pages']:>6}{m['p']:>8.4f}{m['r']:>8.4f}"
                           f"{m['f1']:>8.4f}{m['f1_median']:>8.4f}{title:>7}{loose:>8}")
    return out


def show(page: str, dumps: Path, dialects: list[str], gold: str, title: str, cfg,
         bench: Path = DEFAULT_BENCH) -> list[str]:
    """The explain view (every block, KEEP/DROP, kind, rule) of one page in each dialect, with its scores."""
    lines = [f"page {page}", f"gold title: {title}"]
    for d in dialects:
        path = dumps / d / f"{page}.txt"
        if d == NODES:
            doc = node_doc(bench, page)
        elif not path.exists():
            lines.append(f"== {d}: no dump")
            continue
        else:
            doc = read_dump(path, f"{d}/{page}.txt")
        j = judge(doc, cfg, title, gold)
        lines.append(f"== {d}: title {j.article.title!r} ({j.verdict}), published {j.article.published!r}"
                     f", P {j.p:.3f} R {j.r:.3f} F1 {j.f1:.3f}")
        lines.extend(j.view())
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    ap.add_argument("--dumps", type=Path, default=DEFAULT_OUT, help="folder written by build_dumps.py")
    ap.add_argument("--split", choices=SPLITS, default="dev")
    ap.add_argument("--dialect", nargs="*", choices=sorted((*ALL_DIALECTS, NODES)), default=list(DIALECTS),
                    help=f"dump dialects to score ({NODES}: made from the HTML, not in the default set)")
    ap.add_argument("--pages", type=int, default=0, help="only the first N pages of the split (sorted by id)")
    ap.add_argument("--english", action="store_true", help="only pages whose language is English (zyte_titles.csv)")
    ap.add_argument("--justext-split", choices=("auto", "blank", "line"), default="auto",
                    help="paragraphs for jusText: lines, blank-line groups, or per dialect (auto)")
    ap.add_argument("--no-trafilatura", action="store_true", help="leave out the trafilatura row")
    ap.add_argument("--json", type=Path, help="write per-page rows and summaries here")
    ap.add_argument("--show", metavar="PAGE", help="print the explain view of one page (id or id prefix) and stop")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    manifest = args.dumps / "manifest.jsonl"
    if not manifest.exists():
        log.error("no dumps at %s: run benchmarks/build_dumps.py first", args.dumps)
        return 1
    gold = json.loads((args.bench / "ground-truth.json").read_text(encoding="utf-8"))
    split_of = {k: v["split"] for k, v in read_split().items()}
    titles = read_titles()
    dialects = [d for d in args.dialect if d == NODES or (args.dumps / d).is_dir()]
    for d in set(args.dialect) - set(dialects):
        log.warning("no %s dumps under %s (skipped)", d, args.dumps)
    cfg = load_clean_config()
    if args.show:
        found = [k for k in gold if k.startswith(args.show)]
        if len(found) != 1:
            log.error("%s matches %d pages", args.show, len(found))
            return 2
        page = found[0]
        if split_of.get(page) == "test" and args.split == "dev":
            log.error("%s is a test page: pass --split test (or all) to look at it", page)
            return 2
        print("\n".join(show(page, args.dumps, dialects, gold[page]["articleBody"],
                             titles.get(page, {}).get("title", ""), cfg, args.bench)))
        return 0
    pages = sorted(k for k in gold if args.split == "all" or split_of.get(k) == args.split)
    if args.english:
        pages = [k for k in pages if titles.get(k, {}).get("lang") == "en"]
    pages = pages[: args.pages or None]
    rows: list[Row] = []
    timing: dict[str, list[float]] = {}
    t0 = time.time()
    for n, page in enumerate(pages, 1):
        body, title, split = gold[page]["articleBody"], titles.get(page, {}).get("title", ""), split_of.get(page, "")
        for d in dialects:
            path = args.dumps / d / f"{page}.txt"
            if d == NODES:
                rows += score_page(page, split, d, node_doc(args.bench, page), cfg, body, title, "line", timing)
            elif path.exists():
                mode = JUSTEXT_SPLIT.get(d, "blank") if args.justext_split == "auto" else args.justext_split
                rows += score_page(page, split, d, path, cfg, body, title, mode, timing)
        if not args.no_trafilatura:
            rows.append(trafilatura_row(page, split, read_page(args.bench, page)[0], body, title))
        if n % 20 == 0:
            log.info("%d/%d pages", n, len(pages))
    if not rows:
        log.error("no pages to score")
        return 1
    splits = ["dev", "test", "all"] if args.split == "all" else [args.split]
    print(f"{len(pages)} pages ({args.split}{', English only' if args.english else ''}), {time.time() - t0:.1f} s")
    print("\n".join(table(rows, splits, dialects)))
    print("P/R/F1: bag-of-words overlap (lower-cased word tokens) of the kept text with the gold body, mean over"
          " pages; F1 med: median; title: share of pages with the gold title (normalised; title~: also with up to 8"
          " more words before or after it, a site name kept), - where the system gives none.")
    for d in dialects:
        words, secs = timing.get(d, [0.0, 0.0])
        if secs:
            print(f"clean stage on {d}: {words / secs:,.0f} words/s ({words:,.0f} words, {secs:.1f} s CPU)")
    if args.json:
        pairs = sorted({(r.dialect, r.system) for r in rows})
        summary = {f"{s}/{d}/{m}": summarise(sel) for s in splits for d, m in pairs
                   if (sel := [r for r in rows if (s == "all" or r.split == s) and r.dialect == d and r.system == m])}
        report = {"split": args.split, "pages": pages, "summary": summary, "rows": [r.__dict__ for r in rows]}
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
