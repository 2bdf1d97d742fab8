"""Score the clean stage's title and body on a folder of hand-checked publisher pages (one folder a country).

The layout: ``ROOT/<country>/<Publisher>_<date>.html.gz`` pages, a ``meta.info`` JSON a country (file name ->
``url``, ``crawl_date``) and a ``<Publisher>.json`` a publisher with one checked extraction a parser version
(``title``; ``body`` with ``summary`` and ``sections`` of ``headline`` and ``paragraphs``). A page is paired with
the version whose title occurs in the page; its reference body is the summary, the section headlines and the
paragraphs, in order. Only pages whose reference body reads as English are scored, unless ``--languages other``
(the pages in any other language, with a row a language of each input's body F1) or ``all`` is given.

Each page is read five ways: the four scraper dumps of build_dumps.py (cached as page_set_eval.py caches them)
and the HTML itself, read by the project's ingest as an ``.html`` file. Per input: share of right titles (exact,
and loose as page_judge.py counts them) and mean bag-of-words body F1 (clean_eval.prf).

Pages are split by publisher: publishers sorted by name, even positions ``tune``, odd ``check``. Nothing of the
pages is copied into the repository: the decompressed pages are cached under ``outputs/fundus_pages/``.

    python benchmarks/fundus_eval.py ROOT [--part tune|check|all] [--input bs4 html2text w3m w3m-plain html]
                                          [--languages en|other|all] [--misses] [--losses N] [--show PAGE]
                                          [--json OUT]
"""
from __future__ import annotations

import argparse
import gzip
import html as htmllib
import json
import logging
import re
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from page_judge import judge  # noqa: E402
from page_set_eval import DEFAULT_CACHE, PARTS, read_page, site_parts  # noqa: E402
from pipeline.clean.page import load_clean_config  # noqa: E402
from pipeline.language import detect_language  # noqa: E402

PAGE_CACHE = ROOT / "outputs" / "fundus_pages"
HTML = "html"
INPUTS = ("bs4", "html2text", "w3m", "w3m-plain", HTML)
_PAGE = re.compile(r"^(?P<publisher>.+?)_\d{4}_\d{2}_\d{2}\.html\.gz$")
_SPACE = re.compile(r"\s+")

log = logging.getLogger("fundus_eval")


@dataclass(frozen=True)
class GoldPage:
    """One page with its checked title and body."""

    page: str
    publisher: str
    country: str
    url: str
    html_file: Path
    title: str
    body: str


def _flat(text: str) -> str:
    return _SPACE.sub(" ", htmllib.unescape(text)).strip().lower()


def gold_body(version: dict) -> str:
    """Summary, section headlines and paragraphs of one checked extraction, one a line."""
    body = version.get("body") or {}
    lines = list(body.get("summary") or [])
    for section in body.get("sections") or []:
        lines += list(section.get("headline") or []) + list(section.get("paragraphs") or [])
    return "\n".join(lines)


def pick_version(page_text: str, versions: dict[str, dict]) -> dict | None:
    """The version whose title occurs in the page (the latest such version when more do)."""
    flat = _flat(page_text)
    hits = [v for _, v in sorted(versions.items()) if v.get("title") and _flat(v["title"]) in flat]
    return hits[-1] if hits else None


def cached_page(gz: Path, country: str, cache: Path) -> Path:
    """The decompressed page, written once under ``cache``."""
    out = cache / country / gz.name[: -len(".gz")]
    if not out.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(gzip.decompress(gz.read_bytes()))
    return out


def collect(root: Path, cache: Path = PAGE_CACHE) -> list[GoldPage]:
    """Every page of the layout paired with a checked version, sorted by country and page name."""
    pages = []
    for meta_file in sorted(root.glob("*/meta.info")):
        country, meta = meta_file.parent.name, json.loads(meta_file.read_text(encoding="utf-8"))
        for gz in sorted(meta_file.parent.glob("*.html.gz")):
            m = _PAGE.match(gz.name)
            side = meta_file.parent / f"{m['publisher']}.json" if m else None
            if not side or not side.is_file():
                continue
            html_file = cached_page(gz, country, cache)
            version = pick_version(html_file.read_text(encoding="utf-8", errors="replace"),
                                   json.loads(side.read_text(encoding="utf-8")))
            if version is None:
                log.info("%s/%s: no checked title found in the page", country, gz.name)
                continue
            pages.append(GoldPage(gz.name[: -len(".html.gz")], m["publisher"], country,
                                  str(meta.get(gz.name, {}).get("url") or ""), html_file,
                                  " ".join(version["title"].split()), gold_body(version)))
    return pages


def body_language(page: GoldPage) -> str:
    """ISO 639-1 code of the language the page's reference body reads as ("" when unknown)."""
    return detect_language(" ".join(page.body.split())[:4000]) if page.body else ""


def english(pages: list[GoldPage]) -> list[GoldPage]:
    """Pages whose reference body reads as English."""
    return [p for p in pages if body_language(p) == "en"]


def in_languages(pages: list[GoldPage], which: str) -> list[GoldPage]:
    """The pages ``--languages`` picks: ``en`` (English), ``other`` (any other language read), ``all``."""
    if which == "en":
        return english(pages)
    return [p for p in pages if p.body and (which == "all" or body_language(p) not in ("en", ""))]


def with_parts(pages: list[GoldPage]) -> list[tuple[GoldPage, str]]:
    """Each page with its part, split by publisher (page_set_eval.site_parts)."""
    part = site_parts({p.publisher for p in pages})
    return [(p, part[p.publisher]) for p in pages]


@dataclass
class Row:
    """One page in one input: title found, its match and body scores."""

    page: str
    publisher: str
    part: str
    input: str
    got: str
    gold: str
    exact: bool
    loose: bool
    p: float
    r: float
    f1: float


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("root", type=Path)
    ap.add_argument("--part", choices=PARTS, default="tune")
    ap.add_argument("--input", nargs="*", choices=INPUTS, default=list(INPUTS))
    ap.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    ap.add_argument("--languages", choices=("en", "other", "all"), default="en",
                    help="pages whose reference body is English (default), in another language, or all")
    ap.add_argument("--misses", action="store_true", help="list the pages whose title is wrong")
    ap.add_argument("--losses", type=int, default=0, metavar="N", help="list the N lowest body F1 rows")
    ap.add_argument("--show", metavar="PAGE", help="print the explain view of one page and stop")
    ap.add_argument("--json", type=Path, help="write per-page rows and summaries here")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    cfg = load_clean_config()
    pages = with_parts(in_languages(collect(args.root), args.languages))
    if args.show:
        pages = [(p, part) for p, part in pages if p.page == args.show]
    else:
        pages = [(p, part) for p, part in pages if args.part == "all" or part == args.part]
    rows: list[Row] = []
    for page, part in pages:
        for inp in args.input:
            doc = read_page(page.html_file, inp, args.cache, page.page, page.country)
            if doc is None:
                continue
            j = judge(doc, cfg, page.title, page.body)
            rows.append(Row(page.page, page.publisher, part, inp, j.article.title, page.title, j.exact, j.loose,
                            j.p, j.r, j.f1))
            if args.show:
                print(f"== {inp}: title {j.article.title!r} (gold {page.title!r}) P {j.p:.3f} R {j.r:.3f}")
                print("\n".join(j.view()))
    if args.show:
        return 0
    names = {"en": "English", "other": "non-English", "all": ""}
    print(f"{len(pages)} {names[args.languages]} pages ({args.part}), {len({p.publisher for p, _ in pages})} publishers"
          .replace("  ", " "))
    print(f"{'input':<11}{'pages':>6}{'title':>7}{'title~':>8}{'P':>8}{'R':>8}{'F1':>8}")
    summaries = {}
    for inp in args.input:
        sel = [r for r in rows if r.input == inp]
        if not sel:
            continue
        s = {"pages": len(sel), "title": statistics.mean(r.exact for r in sel),
             "title_loose": statistics.mean(r.loose for r in sel), "p": statistics.mean(r.p for r in sel),
             "r": statistics.mean(r.r for r in sel), "f1": statistics.mean(r.f1 for r in sel)}
        summaries[inp] = s
        print(f"{inp:<11}{s['pages']:>6}{s['title']:>7.2f}{s['title_loose']:>8.2f}{s['p']:>8.4f}{s['r']:>8.4f}"
              f"{s['f1']:>8.4f}")
    if args.languages != "en":
        lang = {p.page: body_language(p) for p, _ in pages}
        for code in sorted({lang[r.page] for r in rows}, key=lambda c: (-sum(lang[r.page] == c for r in rows), c)):
            sel = [r for r in rows if lang[r.page] == code]
            cells = "  ".join(f"{inp} {statistics.mean(r.f1 for r in sel if r.input == inp):.3f}"
                              for inp in args.input if any(r.input == inp for r in sel))
            print(f"language {code or '?':<4} pages {len({r.page for r in sel}):>3}  body F1  {cells}")
    if args.misses:
        for r in rows:
            if not r.exact:
                print(f"MISS {r.input:<10} {r.page:<34} got {r.got[:70]!r}  gold {r.gold[:70]!r}")
    for r in sorted(rows, key=lambda r: r.f1)[: args.losses]:
        print(f"LOSS {r.input:<10} {r.page:<34} P {r.p:.3f} R {r.r:.3f} F1 {r.f1:.3f}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"part": args.part, "summary": summaries, "rows": [r.__dict__ for r in rows]},
                                        indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
