"""Plain-text dumps of the Zyte (Scrapinghub) article-extraction benchmark pages, as naive scrapers write them.

Each of the 181 HTML pages becomes three plain-text dumps, one per scraper dialect (see DIALECTS):

- ``bs4``: BeautifulSoup ``get_text("\\n")`` of the whole document (lxml parser), untouched: one line per
  text node, runs of blank and space-only lines, no script or style text;
- ``html2text``: html2text with its default settings: markdown (``# headings``, ``* item`` lists, pipe
  tables, inline ``[text](url)`` links, ``![alt](src)`` images), paragraphs wrapped at 78 columns;
- ``w3m``: ``w3m -dump`` at 80 columns with numbered links and the ``References:`` list at the end
  (skipped, with a message, when the ``w3m`` program is not installed).

One more dialect is made only when asked for (``--dialects w3m-plain``), so the default set and the figures
pinned on it stay as they are:

- ``w3m-plain``: ``w3m -dump`` at 80 columns as most people run it: no link numbers and no reference list,
  only the wrapped screen text (``lynx -dump -nolist`` writes alike).

Next to them go the gold body (``gold/<page>.txt``, the benchmark's ``articleBody``) and a manifest
(``manifest.jsonl``, one JSON object per page: page, url, site, split, html_sha1, title, lang, chars per
dump).
Page text belongs to its publishers, so it is only written under ``outputs/`` (kept out of version control);
the repository keeps pointers only: ``benchmarks/gold/zyte_titles.csv`` (checked gold titles and page
languages) and
``benchmarks/gold/zyte_split.csv`` (dev/test split by site).

    python benchmarks/build_dumps.py [--bench DIR] [--out DIR] [--dialects bs4 html2text w3m w3m-plain] [--pages N]
    python benchmarks/build_dumps.py --write-split        # rewrite benchmarks/gold/zyte_split.csv
    python benchmarks/build_dumps.py --draft-titles FILE  # derived titles to check by eye (not the gold file)
"""
from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import logging
import re
import shutil
import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BENCH = ROOT.parent / "shared" / "benchmarks" / "scrapinghub-article-extraction-benchmark"
DEFAULT_OUT = ROOT / "outputs" / "dumps"
GOLD_DIR = ROOT / "benchmarks" / "gold"
TITLES_CSV = GOLD_DIR / "zyte_titles.csv"
SPLIT_CSV = GOLD_DIR / "zyte_split.csv"
#: Seed of the site split; changing it gives another split (and invalidates tuning done on dev).
SPLIT_SEED = "zyte-split-1"
#: Share of sites that go to the test split.
TEST_SHARE = 1 / 3
#: Columns of w3m's dump and seconds allowed per page.
W3M_COLS = 80
W3M_TIMEOUT = 60.0

log = logging.getLogger("build_dumps")


# ------------------------------------------------------------------------------------------- dialects


def cached_dump(data: bytes, dialect: str, cache: Path, url: str = "", name: str = "") -> Path | None:
    """Path of the dump in ``dialect`` of the HTML page ``data`` (bytes, decoded as the pipeline decodes HTML),
    written once per page content and dialect under ``cache/<dialect>/``; None when the dialect cannot dump it
    (logged with ``name``, the page's file name: one page is reported, not fatal)."""
    from pipeline.ingest.decode import decode

    out = cache / dialect / f"{hashlib.sha1(data + dialect.encode()).hexdigest()[:20]}.txt"
    if out.exists():
        return out
    try:
        text = ALL_DIALECTS[dialect](decode(data, html=True).text, url)
    except Exception as exc:  # noqa: BLE001 - any dumper failure is one page's problem
        log.warning("%s: %s failed: %s: %s", name, dialect, type(exc).__name__, exc)
        return None
    if text is None:
        return None
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return out


def dump_bs4(html: str, url: str = "") -> str:
    """BeautifulSoup ``get_text("\\n")`` of the whole document (lxml parser), as it comes."""
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "lxml").get_text("\n")


def dump_html2text(html: str, url: str = "") -> str:
    """html2text markdown with default settings (links resolved against ``url``), as it comes."""
    import html2text

    return html2text.HTML2Text(baseurl=url).handle(html)


def w3m_path() -> str | None:
    """Path of the ``w3m`` program, or None when it is not installed."""
    return shutil.which("w3m")


def dump_w3m(html: str, url: str = "", cols: int = W3M_COLS, numbered: bool = True) -> str | None:
    """``w3m -dump`` of the page (UTF-8 in and out; numbered links and the reference list unless
    ``numbered`` is False); None without w3m.

    Raises ``subprocess.TimeoutExpired`` past W3M_TIMEOUT seconds and ``RuntimeError`` when w3m fails.
    """
    exe = w3m_path()
    if exe is None:
        return None
    cmd = [exe, "-dump", "-T", "text/html", "-cols", str(cols), "-I", "UTF-8", "-O", "UTF-8"]
    if numbered:
        cmd += ["-o", "display_link_number=1"]
    res = subprocess.run(cmd, input=html.encode("utf-8"), capture_output=True, timeout=W3M_TIMEOUT,
                         env={"HOME": "/nonexistent", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"})
    if res.returncode != 0:
        raise RuntimeError(f"w3m exited with {res.returncode}: {res.stderr.decode('utf-8', 'replace')[:200]}")
    return res.stdout.decode("utf-8", "replace")


def dump_w3m_plain(html: str, url: str = "", cols: int = W3M_COLS) -> str | None:
    """``w3m -dump`` as most people run it: no link numbers, no reference list (see :func:`dump_w3m`)."""
    return dump_w3m(html, url, cols, numbered=False)


#: Dialect name -> function (html, url) -> dump text (None when the dialect cannot run here): the default set.
DIALECTS: dict[str, Callable[..., str | None]] = {"bs4": dump_bs4, "html2text": dump_html2text, "w3m": dump_w3m}
#: Dialects made only when asked for by name.
EXTRA_DIALECTS: dict[str, Callable[..., str | None]] = {"w3m-plain": dump_w3m_plain}
#: Every dialect a script may be asked for.
ALL_DIALECTS: dict[str, Callable[..., str | None]] = {**DIALECTS, **EXTRA_DIALECTS}
#: Dialects written by the ``w3m`` program (skipped when it is not installed).
W3M_DIALECTS = ("w3m", "w3m-plain")


# ------------------------------------------------------------------------------------------- sites and split

#: Second-level labels under a country code that are not registrable on their own (co.uk, com.br...).
_SECOND_LEVEL = {"co", "com", "org", "net", "ac", "gov", "edu", "or", "ne", "go", "gob", "nic"}


def registered_domain(url: str) -> str:
    """The registered domain of ``url``'s host: ``https://news.sky.com/x`` -> ``sky.com``,
    ``www.express.co.uk`` -> ``express.co.uk`` (two labels, three under a country code's co/com/org...)."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    labels = [x for x in host.split(".") if x]
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def _rank(site: str, seed: str) -> str:
    return hashlib.sha1(f"{seed}\0{site}".encode("utf-8")).hexdigest()


def split_sites(sites: Iterable[str], seed: str = SPLIT_SEED, test_share: float = TEST_SHARE) -> dict[str, str]:
    """Site -> ``dev`` or ``test``: sites ordered by a seeded sha1, the first round(n * test_share) are test.

    Deterministic for a seed and a set of sites, whatever their order.
    """
    uniq = sorted(set(sites), key=lambda s: (_rank(s, seed), s))
    n_test = round(len(uniq) * test_share)
    return {s: ("test" if i < n_test else "dev") for i, s in enumerate(uniq)}


def read_split(path: Path = SPLIT_CSV) -> dict[str, dict[str, str]]:
    """Page id -> {page, site, split} from the split file."""
    with path.open(newline="", encoding="utf-8") as fh:
        return {row["page"]: row for row in csv.DictReader(fh)}


def write_split(gold: dict[str, dict], path: Path = SPLIT_CSV) -> dict[str, str]:
    """Write ``page,site,split`` rows (sorted by page) for every page of ``gold``; returns page -> split."""
    site_of = {k: registered_domain(v["url"]) for k, v in gold.items()}
    split = split_sites(site_of.values())
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["page", "site", "split"])
        for k in sorted(gold):
            w.writerow([k, site_of[k], split[site_of[k]]])
    return {k: split[site_of[k]] for k in gold}


# ------------------------------------------------------------------------------------------- titles

_SEP = re.compile(r"\s+(?:[-|–—·:]|::|--)\s+")
#: Trailing title segments that name a section rather than the article.
_SECTIONS = {"news", "world", "opinion", "editorial", "science", "uk news", "breaking news", "smart news", "auto news",
             "world news", "us news", "sport", "sports", "business", "politics", "tech", "entertainment"}


@dataclass(frozen=True)
class TitleCandidates:
    """Title strings found in a page's markup (whitespace collapsed)."""

    og: str
    title: str
    h1: tuple[str, ...]
    site_name: str


def _squash(text: str) -> str:
    return re.sub(r"\W+", "", unicodedata.normalize("NFKC", text).casefold())


def title_candidates(html: str) -> TitleCandidates:
    """og:title, <title>, the non-empty <h1> texts and og:site_name of a page."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")

    def meta(key: str) -> str:
        m = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
        return " ".join(str(m.get("content") or "").split()) if m else ""

    h1 = tuple(t for t in (" ".join(x.get_text(" ").split()) for x in soup.find_all("h1")) if t)
    title = " ".join(soup.title.get_text().split()) if soup.title else ""
    return TitleCandidates(meta("og:title"), title, h1, meta("og:site_name"))


def strip_site(title: str, site_names: Iterable[str]) -> str:
    """``title`` without trailing " - Site" / " | Section" segments and a leading "Opinion | "."""
    keys = [k for k in (_squash(s) for s in site_names) if len(k) >= 3]
    title = re.sub(r"^(?:Opinion|Column|Editorial)\s*\|\s*", "", title.strip())
    while True:
        parts = _SEP.split(title)
        if len(parts) < 2:
            return title
        last = parts[-1]
        sq = _squash(last)
        site_like = any(k in sq or (len(sq) >= 3 and sq in k) for k in keys)
        if not (site_like or last.casefold() in _SECTIONS or sq.endswith(("com", "net", "org"))):
            return title
        title = title[: title.rfind(last)].rstrip()
        title = re.sub(r"\s*(?:[-|–—·:]|::|--)$", "", title).rstrip()


def _tokens(text: str) -> set[str]:
    return set(re.findall(r"\w+", unicodedata.normalize("NFKC", text).casefold()))


def derive_title(html: str, url: str) -> str:
    """A first guess of the headline: the <h1> that matches og:title / <title> (site suffix removed), else
    og:title, else <title>. Check it by eye: the gold titles are in TITLES_CSV."""
    c = title_candidates(html)
    core = registered_domain(url).split(".")[0]
    names = [c.site_name, core, registered_domain(url)]
    base = [t for t in (strip_site(c.og, names), strip_site(c.title, names)) if t]
    best, score = "", 0.0
    for h in c.h1:
        ht = _tokens(h)
        for b in base:
            bt = _tokens(b)
            j = len(ht & bt) / len(ht | bt) if ht | bt else 0.0
            if j > score:
                best, score = h, j
    if score >= 0.5:
        return best
    return base[0] if base else (c.h1[0] if c.h1 else "")


def read_titles(path: Path = TITLES_CSV) -> dict[str, dict[str, str]]:
    """Page id -> {page, title, lang, html_sha1, check} from the checked titles file ({} when it is missing)."""
    if not path.exists():
        return {}
    with path.open(newline="", encoding="utf-8") as fh:
        return {row["page"]: row for row in csv.DictReader(fh)}


# ------------------------------------------------------------------------------------------- pages


def load_gold(bench: Path) -> dict[str, dict]:
    """Page id -> {"articleBody", "url"} of the benchmark."""
    return json.loads((bench / "ground-truth.json").read_text(encoding="utf-8"))


def read_page(bench: Path, page: str) -> tuple[str, str]:
    """(HTML text, sha1 of the decompressed HTML bytes) of one page."""
    raw = gzip.decompress((bench / "html" / f"{page}.html.gz").read_bytes())
    return raw.decode("utf-8", "replace"), hashlib.sha1(raw).hexdigest()


def build(bench: Path, out: Path, dialects: list[str], pages: int = 0) -> dict[str, int]:
    """Write the dumps, gold bodies and manifest of the first ``pages`` pages (all when 0) under ``out``.

    Returns counts: pages, dumps written per dialect, pages whose html sha1 differs from the titles file.
    """
    gold = load_gold(bench)
    titles = read_titles()
    split = read_split() if SPLIT_CSV.exists() else {}
    if set(dialects) & set(W3M_DIALECTS) and w3m_path() is None:
        log.warning("w3m is not installed (apt-get install -y w3m): the w3m dialects are skipped")
        dialects = [d for d in dialects if d not in W3M_DIALECTS]
    for d in dialects + ["gold"]:
        (out / d).mkdir(parents=True, exist_ok=True)
    counts = {"pages": 0, "sha1_mismatch": 0, **{d: 0 for d in dialects}}
    ids = sorted(gold)[: pages or None]
    with (out / "manifest.jsonl").open("w", encoding="utf-8") as manifest:
        for n, page in enumerate(ids, 1):
            html, sha1 = read_page(bench, page)
            url = gold[page]["url"]
            row = titles.get(page, {})
            if row and row["html_sha1"] != sha1:
                counts["sha1_mismatch"] += 1
                log.warning("%s: html sha1 %s differs from the titles file (%s)", page, sha1, row["html_sha1"])
            entry = {"page": page, "url": url, "site": registered_domain(url),
                     "split": split.get(page, {}).get("split", ""), "html_sha1": sha1,
                     "title": row.get("title", ""), "lang": row.get("lang", ""), "chars": {}}
            (out / "gold" / f"{page}.txt").write_text(gold[page]["articleBody"], encoding="utf-8")
            entry["chars"]["gold"] = len(gold[page]["articleBody"])
            for d in dialects:
                try:
                    text = ALL_DIALECTS[d](html, url)
                except Exception as exc:  # one page that a dialect cannot dump is reported, not fatal
                    log.warning("%s: %s failed: %s: %s", page, d, type(exc).__name__, exc)
                    continue
                if text is None:
                    continue
                (out / d / f"{page}.txt").write_text(text, encoding="utf-8")
                entry["chars"][d] = len(text)
                counts[d] += 1
            manifest.write(json.dumps(entry, ensure_ascii=False) + "\n")
            counts["pages"] += 1
            if n % 20 == 0:
                log.info("%d/%d pages", n, len(ids))
    return counts


def write_draft_titles(bench: Path, path: Path) -> int:
    """Write page, derived title, og:title, <title>, h1s and html sha1 as TSV for checking by eye."""
    gold = load_gold(bench)
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["page", "derived", "og", "title", "h1", "html_sha1"])
        for page in sorted(gold):
            html, sha1 = read_page(bench, page)
            c = title_candidates(html)
            w.writerow([page, derive_title(html, gold[page]["url"]), c.og, c.title, " || ".join(c.h1), sha1])
    return len(gold)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--dialects", nargs="*", choices=sorted(ALL_DIALECTS), default=list(DIALECTS))
    ap.add_argument("--pages", type=int, default=0, help="only the first N pages (sorted by id)")
    ap.add_argument("--write-split", action="store_true", help=f"rewrite {SPLIT_CSV.relative_to(ROOT)} and stop")
    ap.add_argument("--draft-titles", type=Path, metavar="FILE", help="write derived titles (TSV) and stop")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not (args.bench / "ground-truth.json").exists():
        log.error("no benchmark at %s (--bench DIR)", args.bench)
        return 1
    if args.write_split:
        split = write_split(load_gold(args.bench))
        log.info("%s: %d pages, %d dev, %d test", SPLIT_CSV, len(split), sum(v == "dev" for v in split.values()),
                 sum(v == "test" for v in split.values()))
        return 0
    if args.draft_titles:
        log.info("%d draft titles in %s", write_draft_titles(args.bench, args.draft_titles), args.draft_titles)
        return 0
    counts = build(args.bench, args.out, args.dialects, args.pages)
    log.info("%s -> %s", counts, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
