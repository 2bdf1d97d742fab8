"""Rebuild the trafilatura-evaluation claims sentences (a claims gold set) from a checkout of adbar/trafilatura,
whose saved pages the repository must not contain.

The sentences come from the saved web pages trafilatura (Apache-2.0) keeps for its own evaluation: the pages listed
in ``tests/evaldata.json``, saved under ``tests/eval/`` and ``tests/cache/``; English news and magazine articles
only, mostly 2015-2023. The article text of a page is ``trafilatura.extract(html, include_comments=False,
include_tables=False, favor_precision=True)`` of the page's bytes (trafilatura decodes them itself); its
paragraphs are the lines of that text. Only pointers are kept under ``benchmarks/gold/``:

- ``trafeval_sentences.csv``: ``n`` (1-based line), ``page`` (path under the checkout's ``tests/``, e.g.
  ``eval/<file>.html``), ``html_sha1`` (of the page's bytes), ``para`` (0-based line index in the extracted text),
  ``start``, ``end`` (character offsets in that line) and ``sha1`` (of the sentence, UTF-8).
- ``trafeval_claims.csv``: the gold claims (columns as ``news2020_claims.csv``, sources
  ``trafeval_sentences.jsonl#N``, ``set`` naming the draw).

    python benchmarks/build_trafeval_sentences.py --trafilatura DIR [--out-dir outputs/bench]

writes ``OUT/trafeval_sentences.jsonl`` (each line ``{"text": sentence, "id": "trafeval:<page file>:<n>"}``). Exit
status 1, writing nothing, when a page or a line is missing, a page's sha1 differs (another revision of the
checkout) or a sentence's sha1 differs on an unchanged page (another version of trafilatura: the pointers were
made with ``TRAFILATURA``); the message names the line.

- ``trafeval2_sentences.csv``, ``trafeval2_claims.csv``: a second draw (``check18``) from the pages of the first,
  sharing no sentence with it; build it with ``--pointers benchmarks/gold/trafeval2_sentences.csv`` and another
  ``--out-dir``. It was drawn by

    python benchmarks/build_trafeval_sentences.py --trafilatura DIR --select --seed 20261202 --total 150 \
        --per-page 2 --exclude benchmarks/gold/trafeval_sentences.csv benchmarks/gold/news2020_sentences.csv \
        benchmarks/gold/trafeval_seen.csv --out benchmarks/gold/trafeval2_sentences.csv

  (:func:`select`; ``--exclude`` takes pointer CSVs with a ``sha1`` column or JSONL files of ``{"text"}``;
  ``trafeval_seen.csv`` lists the candidates already read while developing the extractor). The pages hold 114
  sentences under the cap of 2 a page, so the draw stopped there.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import sys
from collections import Counter
from pathlib import Path, PurePosixPath

import regex

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_parser_sentences import (  # noqa: E402,F401 - the version the pointers were made with is read by the tests
    EXTRACT_OPTIONS, TRAFILATURA, pointed_sentences, trafilatura_version)
from build_sentences import pointer_set_main, read_pointers, sha1, split_sentences, write_csv  # noqa: E402

HERE = Path(__file__).resolve().parent
DEFAULT_POINTERS = HERE / "gold" / "trafeval_sentences.csv"
SENTENCES_OUT = "trafeval_sentences.jsonl"
#: Where the saved pages sit in a checkout of adbar/trafilatura (``page`` is relative to it).
TESTS = Path("tests")


def article_lines(html: bytes) -> list[str]:
    """The lines of trafilatura's article text of a page, extracted from its bytes."""
    import trafilatura

    text = trafilatura.extract(html, **EXTRACT_OPTIONS) or ""
    return text.split("\n")


def build(root: Path, pointers: list[dict[str, str]]) -> list[dict[str, str]]:
    """The JSONL records for ``pointers`` (rows of ``trafeval_sentences.csv``) read from the checkout ``root``
    (:func:`build_parser_sentences.pointed_sentences`)."""
    return pointed_sentences(root, pointers, folder=TESTS, key="page", option="--trafilatura",
                             repo="adbar/trafilatura", read_lines=article_lines,
                             id_of=lambda page, n: f"trafeval:{PurePosixPath(page).name}:{n}")


#: Columns of a pointer list.
POINTER_FIELDS = ["n", "page", "html_sha1", "para", "start", "end", "sha1"]
#: A number a candidate must hold: a digit or a number word (plurals of the scale words included).
_NUMBER = regex.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|trillions?|dozens?|half|quarters?|thirds?|"
    r"percent)\b", regex.I)
#: A word that makes a sentence likely to hold a claim: a movement, a bound, an ordinal or rank, an age, money, a share.
_KEYWORD = regex.compile(
    r"[$£€¥%]|\b(?:rose|rise[sn]?|rising|fell|falls?|fallen|drop(?:ped|s)?|jump(?:ed|s)?|surg(?:ed|es?)|climb(?:ed|s)?|"
    r"increas(?:ed?|es|ing)|decreas(?:ed?|es|ing)|grew|grow(?:s|n)?|cut|doubled|tripled|declin(?:ed?|es)|up|down|"
    r"more than|less than|fewer than|over|under|about|nearly|almost|around|roughly|at least|at most|up to|"
    r"first|second|third|fourth|fifth|\d+(?:st|nd|rd|th)|No\.|ranked|years? old|aged?|percent|per cent|"
    r"dollars?|pounds|euros?)\b", regex.I)
#: Line openings of no part of an article (captions, credits, prompts, link lists).
_NOT_ARTICLE = regex.compile(r"(?:Photo|Image|Credit|Sign up|Subscribe|Read more|Related|More:|Click|Follow|"
                             r"Advertisement|©|\(Photo)", regex.I)
#: Other lines of no part of an article: a caption's credit, a contact line (an e-mail address), a related link
#: dated at its end, a subscription prompt.
_NOT_ARTICLE_IN = regex.compile(r"\bPhoto(?:graph)?:|\S@\S+\.\w|^[-•*–]\s.{0,200}\s-\s\p{Lu}\p{Ll}+ \d{1,2}, \d{4}$|"
                                r"\bsubscri(?:be|ption)\b", regex.I)
#: The attribution line under an embedded post (``— Name (@handle) Month D, YYYY``): it and the post above it go.
_EMBED_BY = regex.compile(r"\s*[—–-]\s.{0,80}\(@\w+\)\s+\p{Lu}\p{Ll}+\.? \d{1,2}, \d{4}\s*$")
#: Pages whose article ends before their text does, at this line: a paywall notice, a card advertisement, a list of
#: recommended stories.
ARTICLE_ENDS = {"eval/haitiantimes.com-family.html": 3, "eval/thepointsguy.com.alaska.html": 8,
                "cache/knowtechie.com.rally.html": 9}
_BULLET = regex.compile(r"[-•*–]\s+")
_CLOCK = regex.compile(r"\b[ap]\.m\.$", regex.I)


def line_sentences(line: str) -> list[tuple[int, int]]:
    """Spans of the sentences of one article line: :func:`build_sentences.split_sentences`, not split after
    ``a.m.``/``p.m.``, trailing spaces left out and a list bullet opening the line no part of its first sentence."""
    spans: list[tuple[int, int]] = []
    for s, e in split_sentences(line):
        while e > s and line[e - 1].isspace():
            e -= 1
        bullet = _BULLET.match(line, s) if s == 0 else None
        if bullet:
            s = bullet.end()
        if spans and _CLOCK.search(line, spans[-1][0], spans[-1][1]):
            spans[-1] = (spans[-1][0], e)
        elif e > s:
            spans.append((s, e))
    return spans


def is_candidate(sentence: str) -> bool:
    """A prose sentence of 40-400 characters, at least a third lower-case letters, with a digit or number word."""
    return (40 <= len(sentence) <= 400 and sum(c.islower() for c in sentence) > len(sentence) // 3
            and _NUMBER.search(sentence) is not None)


def excluded_sha1s(paths: list[Path]) -> set[str]:
    """The sha1s of the sentences of ``paths``: a CSV's ``sha1`` column, a JSONL's ``text`` fields."""
    out: set[str] = set()
    for path in paths:
        if path.suffix == ".jsonl":
            with path.open(encoding="utf-8") as fh:
                out.update(sha1(json.loads(line)["text"]) for line in fh if line.strip())
        else:
            with path.open(newline="", encoding="utf-8") as fh:
                out.update(row["sha1"] for row in csv.DictReader(fh))
    return out


def page_candidates(lines: list[str], exclude: set[str], taken: list[tuple[int, int, int]],
                    end: int | None = None) -> list[tuple[int, int, int]]:
    """``(para, start, end)`` of a page's candidates in text order: article lines only (before line ``end``; not a
    caption, credit, prompt, contact line, dated related link, nor an embedded post or its attribution), repeats within the page dropped, and so is every sentence whose sha1 is in ``exclude`` or whose
    span overlaps one of ``taken``."""
    seen: set[str] = set()
    out = []
    embeds = {i for i, line in enumerate(lines) if _EMBED_BY.match(line)}
    for para, line in enumerate(lines[:end]):
        if (_NOT_ARTICLE.match(line.lstrip()) or _NOT_ARTICLE_IN.search(line.strip()) or para in embeds
                or para + 1 in embeds):
            continue
        for s, e in line_sentences(line):
            digest = sha1(line[s:e])
            if not is_candidate(line[s:e]) or digest in seen:
                continue
            seen.add(digest)
            if digest in exclude or any(p == para and s < b and a < e for p, a, b in taken):
                continue
            out.append((para, s, e))
    return out


def select(root: Path, earlier: list[dict[str, str]], exclude: set[str], seed: int, total: int,
           per_page: int) -> list[dict[str, str]]:
    """Seeded draw of up to ``total`` sentences from the pages of ``earlier`` (rows of a pointer list), at most
    ``per_page`` a page, none overlapping a row of ``earlier`` or with its sha1 in ``exclude``.

    Pages are ordered by how few sentences ``earlier`` took from them (ties in a seeded order, ``"<seed>:pages"``),
    then taken in turn in rounds, each giving every page one more sentence, until ``total``. Slots alternate
    between a keyword pick (a seeded choice among the page's remaining candidates matching ``_KEYWORD``; a page
    with none gives a spaced pick and the next slot takes the keyword) and a spaced pick (the remaining candidate
    nearest the middle of the page's list). Rows come out in the order of ``earlier``'s pages, then line and
    offset, numbered from 1."""
    used = Counter(row["page"] for row in earlier)
    order = list(dict.fromkeys(row["page"] for row in earlier))
    taken = {page: [(int(r["para"]), int(r["start"]), int(r["end"]))
                    for r in earlier if r["page"] == page] for page in order}
    rng = random.Random(f"{seed}:pages")
    ranked = sorted(order, key=lambda page: (used[page], rng.random()))
    pools: dict[str, list[tuple[int, int, int]]] = {}
    lines: dict[str, list[str]] = {}
    sums: dict[str, str] = {}
    for page in ranked:
        raw = (root / TESTS / page).read_bytes()
        sums[page] = hashlib.sha1(raw).hexdigest()
        lines[page] = article_lines(raw)
        pools[page] = page_candidates(lines[page], exclude, taken[page], ARTICLE_ENDS.get(page))
    drawn: list[tuple[str, int, int, int]] = []
    owe_keyword = False
    slot = 0
    for _ in range(per_page):
        for page in ranked:
            pool = pools[page]
            if len(drawn) == total or not pool:
                continue
            prng = random.Random(f"{seed}:{page}:{len(pool)}")
            keyed = [c for c in pool if _KEYWORD.search(lines[page][c[0]][c[1]:c[2]])]
            want = slot % 2 == 0 or owe_keyword
            if want and keyed:
                pick, owe_keyword = prng.choice(keyed), False
            else:
                pick, owe_keyword = pool[(len(pool) - 1) // 2], want
            pool.remove(pick)
            drawn.append((page, *pick))
            slot += 1
    rank = {page: i for i, page in enumerate(order)}
    drawn.sort(key=lambda t: (rank[t[0]], t[1], t[2]))
    return [{"n": str(n), "page": page, "html_sha1": sums[page], "para": str(para), "start": str(s),
             "end": str(e), "sha1": sha1(lines[page][para][s:e])} for n, (page, para, s, e) in enumerate(drawn, 1)]


def select_main(argv: list[str]) -> int:
    """``--select``: draw a new pointer list (:func:`select`) and write it to ``--out``."""
    ap = argparse.ArgumentParser(prog="build_trafeval_sentences --select", description=select.__doc__.split("\n")[0])
    ap.add_argument("--select", action="store_true", required=True)
    ap.add_argument("--trafilatura", dest="root", type=Path, required=True, help="checkout of adbar/trafilatura")
    ap.add_argument("--pages-from", type=Path, default=DEFAULT_POINTERS, help="pointer list whose pages are drawn from")
    ap.add_argument("--seed", type=int, default=20261202)
    ap.add_argument("--total", type=int, default=150)
    ap.add_argument("--per-page", type=int, default=2)
    ap.add_argument("--exclude", type=Path, nargs="*", default=[], help="pointer CSVs (sha1) or JSONL (text) to leave out")
    ap.add_argument("--out", type=Path, required=True, help="pointer list to write")
    args = ap.parse_args(argv)
    earlier = read_pointers(args.pages_from)
    rows = select(args.root, earlier, excluded_sha1s([args.pages_from, *args.exclude]), args.seed, args.total,
                  args.per_page)
    write_csv(rows, POINTER_FIELDS, args.out)
    print(f"{len(rows)} sentences from {len({r['page'] for r in rows})} pages -> {args.out}")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "--select" in argv:
        return select_main(argv)
    return pointer_set_main(argv, prog="build_trafeval_sentences", description=__doc__.split("\n")[0],
                            source="trafilatura", source_help="checkout of adbar/trafilatura (holds tests/eval/ "
                            "and tests/cache/)", build=build, pointers=DEFAULT_POINTERS, out_name=SENTENCES_OUT)


if __name__ == "__main__":
    sys.exit(main())
