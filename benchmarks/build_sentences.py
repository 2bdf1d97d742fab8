"""Rebuild the gold sentence set from the research corpora, which the repository must not contain.

The pointer list ``benchmarks/gold/sentences.csv`` names, for each line of the output JSONL, the corpus, file,
document and the character span of one sentence in the document's *normalised body* (see
:func:`reuters_bodies` and :func:`bbc_body`), with the sha1 of the sentence text to detect drift.

Usage::

    python benchmarks/build_sentences.py [OUT.jsonl] [--corpora DIR] [--pointers CSV]
    # corpora default: $NEWSCLAIMS_CORPORA, else ../shared/corpora next to the repository
    python benchmarks/build_sentences.py --select [--seed N] [--reuters K] [--bbc K]   # rewrite the pointer list

``--select`` draws the sentences afresh by a seeded random choice; it is only run when the set is rebuilt
(the gold annotations refer to line numbers of the current pointer list).
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import html
import json
import logging
import os
import random
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import regex

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
DEFAULT_CORPORA = Path(os.environ.get("NEWSCLAIMS_CORPORA", HERE.parent.parent / "shared" / "corpora"))
DEFAULT_POINTERS = HERE / "gold" / "sentences.csv"
DEFAULT_OUT = Path("outputs/bench/sentences.jsonl")
POINTER_FIELDS = ("n", "corpus", "file", "doc", "start", "end", "sha1")
BBC_TOPICS = ("business", "entertainment", "politics", "sport", "tech")

_STORY = regex.compile(r'<REUTERS\b[^>]{0,400}?\bNEWID="(\d{1,6})"[^>]{0,100}>(.*?)</REUTERS>', regex.S)
_BODY = regex.compile(r"<BODY>(.*?)</BODY>", regex.S)
_CONTROL = regex.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_PARA_BREAK = regex.compile(r"\n(?=[ \t])")
_SPACES = regex.compile(r"\s+")
_SIGNOFF = regex.compile(r"\s*\bReuter\W{0,3}$", regex.I)
#: A sentence ends at . ! or ? (optionally closed by quotes/brackets) followed by space and a capital,
#: digit or opening quote.
_SENT_END = regex.compile(r"""[.!?]['"\u2019\u201d)]{0,2}(?=\s{1,5}['"\u2018\u201c(]{0,2}[\p{Lu}\d])""")
_ABBREV = frozenset(
    "mr mrs ms dr prof st jr sr inc corp co ltd plc bros cos no nos vs jan feb mar apr aug sept sep oct nov dec "
    "gov sen rep gen col lt capt sgt ave dept est approx fig cf etc u.s u.k e.g i.e".split()
)
_LAST_WORD = regex.compile(r"([\p{L}.]{1,12})\.$")
_NUMBER_WORDS = regex.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion|dozen|half|quarter|third)\b",
    regex.I,
)


@dataclass(frozen=True)
class Doc:
    """One corpus document: where it lives and its normalised body."""

    corpus: str
    file: str
    doc: str
    body: str


def sha1(text: str) -> str:
    """Hex sha1 of the UTF-8 bytes of ``text``."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def normalise_reuters(raw: str) -> str:
    """Unwrap a Reuters BODY: entities decoded, paragraphs (indented lines) kept, sign-off dropped."""
    text = _CONTROL.sub("", html.unescape(raw))
    paragraphs = (_SPACES.sub(" ", p).strip() for p in _PARA_BREAK.split(text))
    body = "\n\n".join(p for p in paragraphs if p)
    return _SIGNOFF.sub("", body).strip()


def reuters_bodies(path: Path) -> Iterator[Doc]:
    """Every story of one ``reut2-NNN.sgm`` file that has a BODY, in file order."""
    raw = path.read_text(encoding="latin-1")
    for story in _STORY.finditer(raw):
        body = _BODY.search(story.group(2))
        if body:
            text = normalise_reuters(body.group(1))
            if text:
                yield Doc("reuters", path.name, story.group(1), text)


def read_bbc(path: Path) -> str:
    """A BBC file's text: UTF-8, or Latin-1 for the odd file that is not."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def bbc_body(raw: str) -> str:
    """The BBC article without its title line: paragraphs with inner whitespace collapsed."""
    lines = raw.replace("\r\n", "\n").split("\n", 1)
    rest = lines[1] if len(lines) > 1 else ""
    paragraphs = (_SPACES.sub(" ", p).strip() for p in regex.split(r"\n\s*\n", rest))
    return "\n\n".join(p for p in paragraphs if p)


def bbc_doc(root: Path, rel: str) -> Doc:
    """The BBC document ``rel`` (``topic/NNN.txt``) under the corpus root."""
    return Doc("bbc", rel, Path(rel).name, bbc_body(read_bbc(root / "bbc_fulltext" / "raw" / rel)))


def split_sentences(body: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``body``, never crossing a paragraph break."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for para in body.split("\n\n"):
        start = 0
        for m in _SENT_END.finditer(para):
            last = _LAST_WORD.search(para, max(0, m.start() - 14), m.start() + 1)
            if last and (last.group(1).lower() in _ABBREV or regex.fullmatch(r"(?:\p{L}\.){0,4}\p{Lu}", last.group(1))):
                continue
            spans.append((pos + start, pos + m.end()))
            start = m.end()
            while start < len(para) and para[start].isspace():
                start += 1
        if start < len(para):
            spans.append((pos + start, pos + len(para)))
        pos += len(para) + 2
    return spans


def is_candidate(sentence: str) -> bool:
    """A prose sentence with a digit or number word (tables and headings fail the shape test)."""
    return (
        40 <= len(sentence) <= 400
        and sentence[-1] in ".!?\"'\u201d)"
        and sum(c.islower() for c in sentence) > len(sentence) // 3
        and _NUMBER_WORDS.search(sentence) is not None
    )


def candidates(doc: Doc) -> list[tuple[int, int]]:
    """Spans of the candidate sentences of ``doc``."""
    return [(s, e) for s, e in split_sentences(doc.body) if is_candidate(doc.body[s:e])]


def select(root: Path, seed: int, n_reuters: int, n_bbc: int) -> list[dict[str, str]]:
    """Seeded draw: one candidate sentence from each of ``k`` random documents per corpus/BBC topic.

    Each pool has its own generator, so changing one pool's size leaves the others' draws unchanged;
    a sentence already drawn (Reuters repeats some stories) is skipped.
    """
    seen: set[str] = set()
    reuters = [d for p in sorted((root / "reuters21578" / "raw").glob("reut2-*.sgm")) for d in reuters_bodies(p)]
    pools = [("reuters", reuters, n_reuters)]
    bbc_root = root / "bbc_fulltext" / "raw"
    per_topic = [n_bbc // len(BBC_TOPICS) + (i < n_bbc % len(BBC_TOPICS)) for i in range(len(BBC_TOPICS))]
    for topic, k in zip(BBC_TOPICS, per_topic):
        docs = [bbc_doc(root, f"{topic}/{p.name}") for p in sorted((bbc_root / topic).glob("*.txt"))]
        pools.append((topic, docs, k))
    rows: list[dict[str, str]] = []
    for name, docs, k in pools:
        rng = random.Random(f"{seed}:{name}")
        order = list(range(len(docs)))
        rng.shuffle(order)
        taken = 0
        for i in order:
            if taken == k:
                break
            spans = candidates(docs[i])
            if not spans:
                continue
            s, e = rng.choice(spans)
            d = docs[i]
            digest = sha1(d.body[s:e])
            if digest in seen:
                continue
            seen.add(digest)
            rows.append({"corpus": d.corpus, "file": d.file, "doc": d.doc, "start": str(s), "end": str(e),
                         "sha1": digest})
            taken += 1
        log.info("%s: %d sentences from %d documents", name, taken, len(docs))
    for n, row in enumerate(rows, 1):
        row["n"] = str(n)
    return rows


def read_pointers(path: Path) -> list[dict[str, str]]:
    """The pointer list, checked to be numbered 1..N in order."""
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for i, row in enumerate(rows, 1):
        if int(row["n"]) != i:
            raise ValueError(f"{path}: row {i} has n={row['n']}")
    return rows


def build(root: Path, pointers: list[dict[str, str]]) -> list[dict[str, str]]:
    """The JSONL records for ``pointers``; raises ValueError when a sentence's sha1 has drifted."""
    cache: dict[str, dict[str, Doc]] = {}
    records = []
    for row in pointers:
        if row["corpus"] == "reuters":
            if row["file"] not in cache:
                path = root / "reuters21578" / "raw" / row["file"]
                cache[row["file"]] = {d.doc: d for d in reuters_bodies(path)}
            doc = cache[row["file"]][row["doc"]]
        elif row["corpus"] == "bbc":
            doc = bbc_doc(root, row["file"])
        else:
            raise ValueError(f"line {row['n']}: unknown corpus {row['corpus']!r}")
        text = doc.body[int(row["start"]):int(row["end"])]
        if sha1(text) != row["sha1"]:
            raise ValueError(f"line {row['n']}: sha1 mismatch for {row['corpus']} {row['file']} {row['doc']}")
        records.append({"text": text, "id": f"{row['corpus']}:{row['file']}:{row['doc']}:{row['start']}"})
    return records


def write_jsonl(records: list[dict[str, str]], out: Path) -> None:
    """One JSON object per line, line N = record N."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="\n") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


def pointer_set_main(argv: list[str] | None, *, prog: str, description: str, source: str, source_help: str,
                     build: Callable[[Path, list[dict[str, str]]], list[dict[str, str]]],
                     pointers: Path, out_name: str) -> int:
    """The command line of a sentence set kept as pointers into a public checkout: ``--<source> DIR`` (the
    checkout), ``--out-dir`` (default outputs/bench) and ``--pointers`` (default ``pointers``); ``build`` reads
    the checkout and the pointer rows into JSONL records, written to ``out-dir/out_name``. Exit 0, or 1 with
    one line naming the fault when ``build`` raises OSError or ValueError."""
    ap = argparse.ArgumentParser(prog=prog, description=description)
    ap.add_argument(f"--{source}", dest="root", type=Path, required=True, help=source_help)
    ap.add_argument("--out-dir", type=Path, default=Path("outputs/bench"), help="folder for the JSONL")
    ap.add_argument("--pointers", type=Path, default=pointers, help="sentence pointers (CSV)")
    args = ap.parse_args(argv)
    try:
        records = build(args.root, read_pointers(args.pointers))
    except (OSError, ValueError) as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        return 1
    out = args.out_dir / out_name
    write_jsonl(records, out)
    print(f"{len(records)} sentences -> {out}")
    return 0

def write_csv(rows: list[dict[str, str]], fields: list[str], out: Path) -> None:
    """``rows`` as a CSV file with header ``fields`` (\\n line ends), its folder made when missing."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", nargs="?", type=Path, default=DEFAULT_OUT, help="JSONL to write")
    ap.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA, help="root of the research corpora")
    ap.add_argument("--pointers", type=Path, default=DEFAULT_POINTERS, help="pointer list (CSV)")
    ap.add_argument("--select", action="store_true", help="draw a new pointer list instead of building")
    ap.add_argument("--seed", type=int, default=20261125, help="seed of the --select draw")
    ap.add_argument("--reuters", type=int, default=150, help="Reuters sentences to draw")
    ap.add_argument("--bbc", type=int, default=110, help="BBC sentences to draw, spread over the five topics")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not args.corpora.is_dir():
        log.error("corpora not found: %s", args.corpora)
        return 2
    if args.select:
        rows = select(args.corpora, args.seed, args.reuters, args.bbc)
        args.pointers.parent.mkdir(parents=True, exist_ok=True)
        with args.pointers.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=POINTER_FIELDS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        log.info("wrote %d pointers to %s", len(rows), args.pointers)
        return 0
    try:
        records = build(args.corpora, read_pointers(args.pointers))
    except (ValueError, KeyError, OSError) as exc:
        log.error("%s", exc)
        return 1
    write_jsonl(records, args.out)
    log.info("wrote %d sentences to %s", len(records), args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
