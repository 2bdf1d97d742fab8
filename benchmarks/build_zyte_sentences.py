"""Rebuild the modern-news gold sentences from the Zyte article-extraction benchmark, which the repository
must not contain.

The pointer list ``benchmarks/gold/zyte_sentences.csv`` names, for each line of the output JSONL, the benchmark
page id, the character span of one sentence in the page's *normalised body* (see :func:`normalise_body`), the
sha1 of the sentence text to detect drift, and the split (``dev`` or ``test``, assigned per page).

Usage::

    python benchmarks/build_zyte_sentences.py [OUT.jsonl] [--bench DIR] [--pointers CSV]
    # bench default: $NEWSCLAIMS_ZYTE, else ../shared/benchmarks/scrapinghub-article-extraction-benchmark
    python benchmarks/build_zyte_sentences.py --select [--seed N] [--total K] [--decoys F] [--topup K]
    python benchmarks/build_zyte_sentences.py --subset dev IN.csv OUT.csv   # keep the rows of one split
    python benchmarks/build_zyte_sentences.py --draw holdout [OUT.jsonl]     # the holdout draw's sentences
    python benchmarks/build_zyte_sentences.py --draw holdout --select [--seed N] [--total K] [--decoys F]

``--select`` draws the sentences afresh by a seeded choice; it is only run when the set is rebuilt (the gold
annotations refer to line numbers of the current pointer list). ``--subset`` copies a claims CSV (gold or a
run's ``claims.csv``) keeping only rows whose ``zyte_sentences.jsonl#N`` source is a sentence of one split.

``--draw holdout`` works on a second, later draw (``zyte_holdout_sentences.csv``, split ``holdout``, sources
``zyte_holdout_sentences.jsonl#N``): new sentences taken only from the ``test`` pages of
``benchmarks/gold/zyte_split.csv`` and never from the first draw's sentences (see :func:`select_holdout`).
"""
from __future__ import annotations

import argparse
import csv
import json
import logging
import os
import random
import sys
from dataclasses import dataclass
from pathlib import Path

import regex

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import build_sentences as base  # noqa: E402  (sibling script: same splitter, digest and writer)

log = logging.getLogger(__name__)

DEFAULT_BENCH = Path(os.environ.get(
    "NEWSCLAIMS_ZYTE",
    HERE.parent.parent / "shared" / "benchmarks" / "scrapinghub-article-extraction-benchmark",
))
DEFAULT_POINTERS = HERE / "gold" / "zyte_sentences.csv"
DEFAULT_OUT = Path("outputs/bench/zyte_sentences.jsonl")
SOURCE_NAME = "zyte_sentences.jsonl"
POINTER_FIELDS = ("n", "page", "start", "end", "sha1", "split")
SPLITS = ("dev", "test")
#: Page id -> site split (``dev``/``test``) of the clean-stage pointers; the holdout draw uses its test pages.
SITE_SPLIT = HERE / "gold" / "zyte_split.csv"


@dataclass(frozen=True)
class Draw:
    """One drawn sentence set: its pointer list, default JSONL, source name, splits and ``--select`` defaults."""

    pointers: Path
    out: Path
    source: str
    splits: tuple[str, ...]
    seed: int
    total: int
    decoys: float
    topup: int = 0


DRAWS = {
    "main": Draw(DEFAULT_POINTERS, DEFAULT_OUT, SOURCE_NAME, SPLITS, 20261201, 345, 0.17, 90),
    "holdout": Draw(HERE / "gold" / "zyte_holdout_sentences.csv", Path("outputs/bench/zyte_holdout_sentences.jsonl"),
                    "zyte_holdout_sentences.jsonl", ("holdout",), 20261129, 160, 0.2),
}

_PARAGRAPHS = regex.compile(r"\s*\n\s*")
_SPACES = regex.compile(r"\s+")
_WORDS = regex.compile(r"[^\W\d_]+")
#: Function words that mark English prose (none of them is a common word of the other languages in the set).
_ENGLISH = frozenset("the and of that with is was for this are".split())
#: Numbers that are usually not claims: years, dates, clock times, and numbers inside names and identifiers.
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
          r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_FUNCTION = (r"(?:The|A|An|In|On|At|By|Of|For|To|From|With|About|Around|Nearly|Almost|Over|Under|Only|Just|"
             r"Some|All|And|But|Its|Their|His|Her|Our|These|Those|Than|Top|Last|Next|First|Another|Every)")
_NOT_CLAIM = regex.compile(
    r"\b(?:19|20)\d\d(?:'?s)?\b"                                   # years, decades
    rf"|\b{_MONTH}\s\d{{1,2}}(?:st|nd|rd|th)?\b"                    # Nov. 19, March 3rd
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s(?:of\s)?{_MONTH}"             # 19 November
    r"|\b\d{1,2}(?::\d\d)?\s?[ap]\.?m\.?"                           # clock times
    r"|\b\d{1,2}:\d\d\b"
    r"|\b[\p{L}-]*\p{L}\d[\p{L}\d-]*|\b\d+\p{L}*-?\p{Lu}[\p{L}\d]*"  # S10, A320neo, 4K, 5G
    rf"|\b(?!{_FUNCTION}\s)\p{{Ll}}{{0,3}}\p{{Lu}}\p{{L}}*\s\d{{1,2}}\b(?![-\s]?(?:%|percent|million|billion|year))"  # iPhone 11
    r"|\b\p{L}+-\d+\b"                                              # COVID-19, F-35
)


def normalise_body(article_body: str) -> str:
    """The gold text of a page as paragraphs: every line break starts a paragraph (joined by a blank line),
    inner whitespace collapsed, empty lines dropped."""
    paragraphs = (_SPACES.sub(" ", p).strip() for p in _PARAGRAPHS.split(article_body))
    return "\n\n".join(p for p in paragraphs if p)


def english_share(text: str) -> float:
    """Share (0..1) of the words of ``text`` that are common English function words."""
    words = [w.lower() for w in _WORDS.findall(text)]
    return sum(w in _ENGLISH for w in words) / len(words) if words else 0.0


def load_pages(bench: Path) -> dict[str, str]:
    """Page id -> normalised body, for every page of ``ground-truth.json``; OSError/ValueError when unreadable."""
    data = json.loads((bench / "ground-truth.json").read_text(encoding="utf-8"))
    return {page: normalise_body(item.get("articleBody") or "") for page, item in data.items()}


def is_candidate(sentence: str) -> bool:
    """An English prose sentence of 30-400 characters with a digit or number word."""
    return (
        30 <= len(sentence) <= 400
        and sentence[-1] in ".!?\"'\u2019\u201d)"
        and sum(c.islower() for c in sentence) > len(sentence) // 3
        and base._NUMBER_WORDS.search(sentence) is not None
        and any(w.lower() in _ENGLISH for w in _WORDS.findall(sentence))
    )


def looks_claimless(sentence: str) -> bool:
    """True when every number of ``sentence`` looks like a year, date, clock time or part of a name.

    A sampling device only (it picks the precision stratum of the draw); the gold says what is a claim.
    """
    return base._NUMBER_WORDS.search(_NOT_CLAIM.sub(" ", sentence)) is None


def assign_splits(pages: list[str], seed: int, test_share: float = 1 / 3) -> dict[str, str]:
    """Page id -> ``dev``/``test``: a seeded shuffle of the sorted ids, the first ``test_share`` of them test."""
    order = sorted(pages)
    random.Random(f"{seed}:split").shuffle(order)
    n_test = round(len(order) * test_share)
    return {page: ("test" if i < n_test else "dev") for i, page in enumerate(order)}


def _round_robin(lists: list[tuple[str, list[tuple[int, int]]]], quota: int, seen: set[str],
                 pages: dict[str, str]) -> list[tuple[str, int, int]]:
    """Take the first item of every list in turn, then the second, ... until ``quota`` items are taken."""
    taken: list[tuple[str, int, int]] = []
    depth = max((len(spans) for _, spans in lists), default=0)
    for r in range(depth):
        for page, spans in lists:
            if len(taken) == quota:
                return taken
            if r < len(spans):
                s, e = spans[r]
                digest = base.sha1(pages[page][s:e])
                if digest not in seen:
                    seen.add(digest)
                    taken.append((page, s, e))
    return taken


def has_figure(sentence: str) -> bool:
    """True when ``sentence`` keeps a digit once years, dates, clock times and names are set aside."""
    return regex.search(r"\d", _NOT_CLAIM.sub(" ", sentence)) is not None


def select(pages: dict[str, str], seed: int, total: int, decoys: float, topup: int = 0,
           min_english: float = 0.02) -> list[dict[str, str]]:
    """Seeded draw of ``total`` sentences, spread over as many English pages as possible, then ``topup`` more.

    Pages with at least ``min_english`` English function words are used. Each page's candidates are shuffled
    and split into two strata by :func:`looks_claimless`; about ``decoys`` (0..1) of the draw comes from that
    stratum, the rest from the other. Within a stratum the pages (in one seeded order) give one sentence each
    in turn, then a second, and so on. Rows come out in page order, then text order, numbered from 1.
    The top-up is a second draw, made the same way from the sentences not yet drawn that pass
    :func:`has_figure`; its rows follow the first draw's (so the first draw's numbering never moves).
    """
    rng = random.Random(f"{seed}:pages")
    english = sorted(p for p, body in pages.items() if english_share(body) >= min_english)
    rng.shuffle(english)
    split = assign_splits(english, seed)
    plain: list[tuple[str, list[tuple[int, int]]]] = []
    claimless: list[tuple[str, list[tuple[int, int]]]] = []
    for page in english:
        body = pages[page]
        spans = [(s, e) for s, e in base.split_sentences(body) if is_candidate(body[s:e])]
        page_rng = random.Random(f"{seed}:{page}")
        page_rng.shuffle(spans)
        plain.append((page, [sp for sp in spans if not looks_claimless(body[sp[0]:sp[1]])]))
        claimless.append((page, [sp for sp in spans if looks_claimless(body[sp[0]:sp[1]])]))
    n_claimless = round(total * decoys)
    seen: set[str] = set()
    drawn = _round_robin(claimless, n_claimless, seen, pages)
    drawn += _round_robin(plain, total - len(drawn), seen, pages)
    rank = {page: i for i, page in enumerate(english)}
    drawn.sort(key=lambda t: (rank[t[0]], t[1]))
    figures = [(page, [sp for sp in spans if has_figure(pages[page][sp[0]:sp[1]])]) for page, spans in plain]
    extra = _round_robin(figures, topup, seen, pages)
    extra.sort(key=lambda t: (rank[t[0]], t[1]))
    log.info("%d English pages of %d; %d sentences (%d from the claimless stratum) from %d pages, %d top-up",
             len(english), len(pages), len(drawn), min(n_claimless, len(drawn)), len({t[0] for t in drawn}),
             len(extra))
    return [{"n": str(n), "page": page, "start": str(s), "end": str(e), "sha1": base.sha1(pages[page][s:e]),
             "split": split[page]} for n, (page, s, e) in enumerate(drawn + extra, 1)]


def select_holdout(pages: dict[str, str], site_split: dict[str, str], exclude: set[str], seed: int, total: int,
                   decoys: float, min_english: float = 0.02) -> list[dict[str, str]]:
    """Seeded draw of ``total`` new sentences from the English ``test`` pages of ``site_split``, split ``holdout``.

    Candidates are those of :func:`select` whose sha1 is not in ``exclude`` (the sentences of an earlier draw).
    About ``decoys`` (0..1) of the draw comes from the :func:`looks_claimless` stratum, the rest from the
    candidates that pass :func:`has_figure`; candidates with neither (number words only) are not drawn. Pages
    are shuffled (``"<seed>:pages"``) and each page's candidates too (``"<seed>:<page>"``); within a stratum the
    pages give one sentence each in turn, then a second, and so on. Rows come out in page order, then text
    order, numbered from 1.
    """
    rng = random.Random(f"{seed}:pages")
    chosen = sorted(p for p, body in pages.items()
                    if site_split.get(p) == "test" and english_share(body) >= min_english)
    rng.shuffle(chosen)
    figures: list[tuple[str, list[tuple[int, int]]]] = []
    claimless: list[tuple[str, list[tuple[int, int]]]] = []
    for page in chosen:
        body = pages[page]
        spans = [(s, e) for s, e in base.split_sentences(body)
                 if is_candidate(body[s:e]) and base.sha1(body[s:e]) not in exclude]
        random.Random(f"{seed}:{page}").shuffle(spans)
        claimless.append((page, [sp for sp in spans if looks_claimless(body[sp[0]:sp[1]])]))
        figures.append((page, [sp for sp in spans if not looks_claimless(body[sp[0]:sp[1]])
                               and has_figure(body[sp[0]:sp[1]])]))
    seen = set(exclude)
    drawn = _round_robin(claimless, round(total * decoys), seen, pages)
    n_decoys = len(drawn)
    drawn += _round_robin(figures, total - len(drawn), seen, pages)
    rank = {page: i for i, page in enumerate(chosen)}
    drawn.sort(key=lambda t: (rank[t[0]], t[1]))
    log.info("%d English test pages; %d sentences (%d from the claimless stratum) from %d pages",
             len(chosen), len(drawn), n_decoys, len({t[0] for t in drawn}))
    return [{"n": str(n), "page": page, "start": str(s), "end": str(e), "sha1": base.sha1(pages[page][s:e]),
             "split": "holdout"} for n, (page, s, e) in enumerate(drawn, 1)]


def read_site_split(path: Path) -> dict[str, str]:
    """Page id -> ``dev``/``test`` from ``zyte_split.csv`` (columns ``page``, ``site``, ``split``)."""
    with path.open(newline="", encoding="utf-8") as fh:
        return {row["page"]: row["split"] for row in csv.DictReader(fh)}


def read_pointers(path: Path, splits: tuple[str, ...] = SPLITS + ("holdout",)) -> list[dict[str, str]]:
    """The pointer list, checked to be numbered 1..N in order (build_sentences.read_pointers) with a split of
    ``splits``."""
    rows = base.read_pointers(path)
    for i, row in enumerate(rows, 1):
        if row["split"] not in splits:
            raise ValueError(f"{path}: row {i} has split={row['split']!r}")
    return rows


def build(pages: dict[str, str], pointers: list[dict[str, str]]) -> list[dict[str, str]]:
    """The JSONL records for ``pointers``; raises ValueError when a page is missing or a sha1 has drifted."""
    records = []
    for row in pointers:
        if row["page"] not in pages:
            raise ValueError(f"line {row['n']}: page {row['page']} not in the benchmark")
        text = pages[row["page"]][int(row["start"]):int(row["end"])]
        if base.sha1(text) != row["sha1"]:
            raise ValueError(f"line {row['n']}: sha1 mismatch for page {row['page']}")
        records.append({"text": text, "id": f"zyte:{row['page']}:{row['start']}"})
    return records


def subset(pointers: list[dict[str, str]], split: str, src: Path, dst: Path, source: str = SOURCE_NAME) -> int:
    """Copy the claims CSV ``src`` to ``dst`` keeping the rows of sentences in ``split``; the rows kept.

    A gold file (no ``claim_id`` column) also gets a row with only its source for each sentence of the
    split that holds no claim: it declares the sentence covered, so ``newsclaims eval`` scores exactly the
    split's sentences even against a run over all of them. ``source`` is the JSONL name the sources carry.
    """
    lines = {f"{source}#{row['n']}" for row in pointers if row["split"] == split}
    with src.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        fields = list(reader.fieldnames or [])
        rows = [r for r in reader if r.get("source", "").rsplit("/", 1)[-1] in lines]
    if "claim_id" not in fields:
        named = {r.get("source", "") for r in rows}
        rows += [{"source": s} for s in sorted(lines - named, key=lambda s: int(s.rsplit("#", 1)[1]))]
    base.write_csv(rows, fields, dst)
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", nargs="?", type=Path, help="JSONL to write (default: the draw's, under outputs/bench)")
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH, help="folder of the benchmark's ground-truth.json")
    ap.add_argument("--draw", choices=sorted(DRAWS), default="main",
                    help="main: zyte_sentences (dev/test); holdout: zyte_holdout_sentences (holdout)")
    ap.add_argument("--pointers", type=Path, help="pointer list (CSV; default: the draw's)")
    ap.add_argument("--select", action="store_true", help="draw a new pointer list instead of building")
    ap.add_argument("--seed", type=int, help="seed of the --select draw and of the split (main 20261201, "
                    "holdout 20261129)")
    ap.add_argument("--total", type=int, help="sentences to draw (main 345, holdout 160)")
    ap.add_argument("--decoys", type=float, help="share of the draw from the claimless stratum (main 0.17, "
                    "holdout 0.2)")
    ap.add_argument("--topup", type=int, help="main draw: sentences with figures drawn after the first draw (90)")
    ap.add_argument("--site-split", type=Path, default=SITE_SPLIT,
                    help="holdout --select: page split whose test pages are drawn from (zyte_split.csv)")
    ap.add_argument("--exclude", type=Path, default=DEFAULT_POINTERS,
                    help="holdout --select: pointer list whose sentences are never drawn again (zyte_sentences.csv)")
    ap.add_argument("--subset", nargs=3, metavar=("SPLIT", "IN_CSV", "OUT_CSV"),
                    help="keep the claim rows of one split (dev or test; holdout with --draw holdout)")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    draw = DRAWS[args.draw]
    pointers = args.pointers or draw.pointers
    if args.subset:
        split, src, dst = args.subset
        if split not in draw.splits:
            log.error("split must be one of %s", ", ".join(draw.splits))
            return 2
        try:
            kept = subset(read_pointers(pointers, draw.splits), split, Path(src), Path(dst), draw.source)
        except (ValueError, KeyError, OSError, csv.Error) as exc:
            log.error("%s", exc)
            return 1
        log.info("kept %d %s rows in %s", kept, split, dst)
        return 0
    if not (args.bench / "ground-truth.json").is_file():
        log.error("benchmark not found: %s", args.bench)
        return 2
    try:
        pages = load_pages(args.bench)
    except (ValueError, OSError) as exc:
        log.error("%s", exc)
        return 1
    if args.select:
        seed = draw.seed if args.seed is None else args.seed
        total = draw.total if args.total is None else args.total
        decoys = draw.decoys if args.decoys is None else args.decoys
        if args.draw == "holdout":
            try:
                earlier = {row["sha1"] for row in read_pointers(args.exclude)}
                rows = select_holdout(pages, read_site_split(args.site_split), earlier, seed, total, decoys)
            except (ValueError, KeyError, OSError, csv.Error) as exc:
                log.error("%s", exc)
                return 1
        else:
            rows = select(pages, seed, total, decoys, draw.topup if args.topup is None else args.topup)
        base.write_csv(rows, list(POINTER_FIELDS), pointers)
        log.info("wrote %d pointers to %s", len(rows), pointers)
        return 0
    try:
        records = build(pages, read_pointers(pointers, draw.splits))
    except (ValueError, KeyError, OSError) as exc:
        log.error("%s", exc)
        return 1
    out = args.out or draw.out
    base.write_jsonl(records, out)
    log.info("wrote %d sentences to %s", len(records), out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
