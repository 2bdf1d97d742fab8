"""Score the clean stage on a snippet gold: real pages with text that must be kept and text that must go.

The gold is a JSON file of page URL -> {"file", "with", "without", "title"?} (the layout of the evaluation
data that ships with the trafilatura source tree, ``tests/evaldata.json``, whose HTML files live in
``tests/cache/`` and ``tests/eval/``). Nothing of it is copied here: pass the path of a checkout.

Each page is dumped in the three scraper dialects of build_dumps.py (BeautifulSoup text, html2text markdown,
w3m screen dump; ``--dialect w3m-plain`` adds w3m's dump without link numbers; dumps are cached under
``outputs/snippet_dumps/``), read by the project's ingest as a plain-text file and cleaned with the default
clean rules. Per dialect, over the snippets the dump itself holds:

- ``with``: share of "with" snippets found in the kept text (title and body);
- ``without``: share of "without" snippets not found in it;
- ``hmean``: their harmonic mean;
- ``title`` / ``title~``: share of pages (with a gold title the dump shows) whose title matches it, exactly or
  with a few more words (page_judge.py's rule); ``no-title``: pages whose gold title no block of the dump holds
  (the gold comes from the page's metadata: a title line the dump does not show, or words the page shows
  differently), not scored.

Snippets and texts are compared as runs of case-folded word tokens (NFKC), after taking out markdown link
targets and w3m link numbers. The pages are split by site: sites in the order of their first file name, the
first half is ``dev`` (tune on it), the second half ``check``. ``en`` rows keep the pages whose title and
"with" snippets read as English.

    python benchmarks/snippet_eval.py CHECKOUT [--part dev|check|both] [--dialect bs4 html2text w3m w3m-plain]
                                      [--pages N] [--misses] [--show FILE] [--json OUT]
"""
from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_dumps import ALL_DIALECTS, DIALECTS, W3M_DIALECTS, cached_dump, registered_domain, w3m_path  # noqa: E402
from clean_real import title_cells  # noqa: E402
from page_judge import clean_dump, read_dump, title_match  # noqa: E402
from pipeline.clean.page import explain, load_clean_config  # noqa: E402
from pipeline.language import detect_language  # noqa: E402
from pipeline.types import Article  # noqa: E402

GOLD_FILE = Path("tests") / "evaldata.json"
HTML_DIRS = (Path("tests") / "cache", Path("tests") / "eval")
DEFAULT_CACHE = ROOT / "outputs" / "snippet_dumps"
PARTS = ("dev", "check")
_WORD = re.compile(r"\w+")
#: Markup a dialect adds around words: markdown link targets and images' sources, w3m link numbers.
_MARKUP = re.compile(r"\]\([^)\s]*\)|\[\d+\]")
#: Blank lines between the blocks of a dump.
_BLANK = re.compile(r"\n[ \t]*\n")

log = logging.getLogger("snippet_eval")


@dataclass(frozen=True)
class Page:
    """One gold page: its file, URL, site, part and snippets."""

    file: str
    path: Path
    url: str
    site: str
    part: str
    lang: str
    title: str
    with_: tuple[str, ...]
    without: tuple[str, ...]


@dataclass
class Score:
    """Counts of one page in one dialect (snippets the dump holds) and its title match."""

    file: str
    part: str
    lang: str
    dialect: str
    with_total: int
    with_kept: int
    without_total: int
    without_dropped: int
    title_ok: float | None  # None: no gold title, or one the dump does not show (:func:`shows_title`)
    title_loose: float | None
    missed: tuple[str, ...] = ()
    leaked: tuple[str, ...] = ()
    title_unshown: bool = False


def words(text: str) -> str:
    """``text`` as compared: markup taken out, NFKC, case-folded word tokens joined by one space, padded."""
    toks = _WORD.findall(unicodedata.normalize("NFKC", _MARKUP.sub(" ", text or "")).casefold())
    return " " + " ".join(toks) + " "


def holds(haystack: str, snippet: str) -> bool:
    """Whether the word run of ``snippet`` occurs in ``haystack`` (already passed through :func:`words`)."""
    return len(snippet) > 2 and snippet in haystack


def shows_title(dump_text: str, title: str) -> bool:
    """Whether one blank-line separated block of the dump holds the word run of ``title`` (a headline wrapped
    over lines of its block counts; words gathered from several blocks do not)."""
    want = words(title)
    return any(holds(words(block), want) for block in _BLANK.split(dump_text))


def split_parts(files_by_site: dict[str, list[str]]) -> dict[str, str]:
    """Site -> ``dev`` or ``check``: sites in the order of their first file name, the first half is dev."""
    order = sorted(files_by_site, key=lambda s: (min(files_by_site[s]), s))
    half = (len(order) + 1) // 2
    return {s: ("dev" if i < half else "check") for i, s in enumerate(order)}


def load_pages(checkout: Path) -> list[Page]:
    """The gold pages whose HTML file is in the checkout, in file name order."""
    gold = json.loads((checkout / GOLD_FILE).read_text(encoding="utf-8"))
    found: list[tuple[str, Path, str, dict]] = []
    for url, entry in gold.items():
        path = next((checkout / d / entry["file"] for d in HTML_DIRS if (checkout / d / entry["file"]).is_file()),
                    None)
        if path is None:
            log.warning("%s: no HTML file", entry["file"])
            continue
        found.append((entry["file"], path, url, entry))
    by_site: dict[str, list[str]] = {}
    for file, _, url, _ in found:
        by_site.setdefault(registered_domain(url), []).append(file)
    part = split_parts(by_site)
    pages = []
    for file, path, url, e in sorted(found, key=lambda x: x[0]):
        title = str(e.get("title") or "")
        lang = detect_language(" ".join([title, *e.get("with", [])]))
        pages.append(Page(file, path, url, registered_domain(url), part[registered_domain(url)], lang, title,
                          tuple(e.get("with", [])), tuple(e.get("without", []))))
    return pages


def dump(page: Page, dialect: str, cache: Path) -> Path | None:
    """Path of the page's dump in ``dialect`` (written once per HTML content); None when it cannot be made."""
    return cached_dump(page.path.read_bytes(), dialect, cache, url=page.url, name=page.file)


def score(page: Page, dialect: str, dump_text: str, art: Article) -> Score:
    """Counts of one cleaned dump against the page's snippets (only snippets the dump holds count)."""
    whole, kept = words(dump_text), words(art.title + "\n" + art.text)
    with_ = [s for s in page.with_ if holds(whole, words(s))]
    without = [s for s in page.without if holds(whole, words(s))]
    missed = tuple(s for s in with_ if not holds(kept, words(s)))
    leaked = tuple(s for s in without if holds(kept, words(s)))
    unshown = bool(page.title) and not shows_title(dump_text, page.title)
    exact, loose = title_match(art.title, page.title) if page.title and not unshown else (None, None)
    return Score(page.file, page.part, page.lang, dialect, len(with_), len(with_) - len(missed), len(without),
                 len(without) - len(leaked), None if exact is None else float(exact),
                 None if loose is None else float(loose), missed, leaked, unshown)


def summary(rows: list[Score]) -> dict[str, float | int | None]:
    """Pages, snippet shares (summed over pages), their harmonic mean and title shares."""
    wt, wk = sum(r.with_total for r in rows), sum(r.with_kept for r in rows)
    nt, nd = sum(r.without_total for r in rows), sum(r.without_dropped for r in rows)
    kept = wk / wt if wt else 0.0
    dropped = nd / nt if nt else 0.0
    titles = [r.title_ok for r in rows if r.title_ok is not None]
    loose = [r.title_loose for r in rows if r.title_loose is not None]
    return {"pages": len(rows), "with": kept, "without": dropped,
            "hmean": 2 * kept * dropped / (kept + dropped) if kept + dropped else 0.0,
            "title": sum(titles) / len(titles) if titles else None,
            "title_loose": sum(loose) / len(loose) if loose else None, "titles": len(titles),
            "no_title": sum(r.title_unshown for r in rows), "with_n": wt, "without_n": nt}


def table(rows: list[Score], parts: list[str], dialects: list[str]) -> list[str]:
    """Printable lines: one per part, language group and dialect."""
    out = [f"{'part':<7}{'lang':<6}{'dialect':<11}{'pages':>6}{'with':>8}{'without':>9}{'hmean':>8}{'title':>7}"
           f"{'title~':>8}{'no-title':>9}"]
    for part in parts:
        for lang in ("all", "en"):
            for d in dialects:
                sel = [r for r in rows if r.part == part and r.dialect == d and (lang == "all" or r.lang == lang)]
                if not sel:
                    continue
                m = summary(sel)
                t, tl = title_cells(m)
                out.append(f"{part:<7}{lang:<6}{d:<11}{m['pages']:>6}{m['with']:>8.4f}{m['without']:>9.4f}"
                           f"{m['hmean']:>8.4f}{t:>7}{tl:>8}{m['no_title']:>9}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("checkout", nargs="?", type=Path, help=f"folder holding {GOLD_FILE} and the HTML files")
    ap.add_argument("--part", choices=(*PARTS, "both"), default="both")
    ap.add_argument("--dialect", nargs="*", choices=sorted(ALL_DIALECTS), default=list(DIALECTS))
    ap.add_argument("--pages", type=int, default=0, help="only the first N pages of each part (file name order)")
    ap.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="folder of the cached dumps")
    ap.add_argument("--misses", action="store_true", help="list missed and leaked snippets per page (dev only)")
    ap.add_argument("--show", metavar="FILE", help="print the explain view of one dev page and stop")
    ap.add_argument("--json", type=Path, help="write per-page rows and summaries here")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if args.checkout is None or not (args.checkout / GOLD_FILE).is_file():
        log.error("give the path of a checkout holding %s (e.g. of the trafilatura source tree)", GOLD_FILE)
        return 1
    dialects = list(args.dialect)
    if set(dialects) & set(W3M_DIALECTS) and w3m_path() is None:
        log.warning("w3m is not installed: the w3m dialects are skipped")
        dialects = [d for d in dialects if d not in W3M_DIALECTS]
    parts = list(PARTS) if args.part == "both" else [args.part]
    pages = load_pages(args.checkout)
    cfg = load_clean_config()
    if args.show:
        page = next((p for p in pages if p.file == args.show), None)
        if page is None or page.part != "dev":
            log.error("%s is no dev page", args.show)
            return 2
        print(f"{page.file} {page.url}\ngold title: {page.title}")
        for d in dialects:
            path = dump(page, d, args.cache)
            if path is None:
                continue
            art, _ = clean_dump(read_dump(path, f"{d}/{page.file}.txt"), cfg)
            s = score(page, d, path.read_text(encoding="utf-8"), art)
            print(f"== {d}: title {art.title!r}; missed {list(s.missed)}; leaked {list(s.leaked)}")
            print("\n".join(explain(art)))
        return 0
    chosen = [p for part in parts for p in [q for q in pages if q.part == part][: args.pages or None]]
    rows: list[Score] = []
    for n, page in enumerate(chosen, 1):
        for d in dialects:
            path = dump(page, d, args.cache)
            if path is None:
                continue
            art, _ = clean_dump(read_dump(path, f"{d}/{page.file}.txt"), cfg)
            rows.append(score(page, d, path.read_text(encoding="utf-8"), art))
        if n % 100 == 0:
            log.info("%d/%d pages", n, len(chosen))
    if not rows:
        log.error("no pages to score")
        return 1
    n_sites = {p: len({q.site for q in chosen if q.part == p}) for p in parts}
    print(f"{len(chosen)} pages ({', '.join(f'{p}: {n_sites[p]} sites' for p in parts)})")
    print("\n".join(table(rows, parts, dialects)))
    print("with: share of 'with' snippets kept; without: share of 'without' snippets dropped (snippets the dump"
          " holds, summed over pages); hmean: their harmonic mean; title: share of pages with the gold title"
          " among those whose dump shows it in one block (title~: a few more words allowed); no-title: pages whose"
          " gold title no block of the dump holds (not scored).")
    if args.misses:
        for r in rows:
            if r.part == "dev" and (r.missed or r.leaked):
                print(f"{r.file}\t{r.dialect}\tmissed {list(r.missed)}\tleaked {list(r.leaked)}")
    if args.json:
        report = {"summary": {f"{p}/{d}": summary([r for r in rows if r.part == p and r.dialect == d])
                              for p in parts for d in dialects if any(r.part == p and r.dialect == d for r in rows)},
                  "rows": [r.__dict__ for r in rows]}
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
