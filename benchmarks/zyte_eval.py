"""Score HTML main-text extraction on the Zyte (Scrapinghub) article-extraction benchmark.

Compares (a) trafilatura with default settings, (b) our ingest (``pipeline.ingest.listing`` HTML path) and
(c) ours followed by ``pipeline.clean.page`` when that module exists, against the gold ``articleBody``.
Scores are token overlaps of the predicted and gold text: bag of words (``--ngram 1``) and the
benchmark's own 4-word shingles (``--ngram 4``); per-page precision/recall are normalised as the
benchmark does, and reported as the benchmark does (F1 of mean P and mean R) plus mean and median of
per-page F1.

    python benchmarks/zyte_eval.py [--bench DIR] [--workers N] [--limit N] [--json OUT]
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import importlib.util
import json
import os
import re
import statistics
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_BENCH = ROOT.parent / "shared" / "benchmarks" / "scrapinghub-article-extraction-benchmark"
_TOKEN = re.compile(r"\w+")
NGRAMS = (1, 4)


def tokens(text: str) -> list[str]:
    """Word tokens as the benchmark counts them."""
    return _TOKEN.findall(text or "")


def overlap(gold: str, pred: str, n: int) -> tuple[float, float, float]:
    """(tp, fp, fn) over n-gram multisets, normalised to sum 1 as the benchmark does."""
    def grams(text: str) -> Counter:
        t = tokens(text)
        return Counter(tuple(t[i:i + n]) for i in range(max(1, len(t) - n + 1)) if t[i:i + n])

    g, p = grams(gold), grams(pred)
    tp = sum((g & p).values())
    fp = sum((p - g).values())
    fn = sum((g - p).values())
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)


def page_scores(tp: float, fp: float, fn: float) -> tuple[float, float, float]:
    """Precision, recall, F1 of one page (benchmark conventions for empty sides)."""
    if fp == fn == 0:
        return 1.0, 1.0, 1.0
    p = 0.0 if tp == fp == 0 else tp / (tp + fp)
    r = 0.0 if tp == fn == 0 else tp / (tp + fn)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def summary(rows: list[tuple[float, float, float]]) -> dict[str, float]:
    """Benchmark-style F1 (of mean P and mean R), mean and median per-page F1."""
    ps, rs, fs = zip(*(page_scores(*r) for r in rows))
    mp, mr = statistics.mean(ps), statistics.mean(rs)
    return {"precision": mp, "recall": mr, "f1": 2 * mp * mr / (mp + mr) if mp + mr else 0.0,
            "f1_mean": statistics.mean(fs), "f1_median": statistics.median(fs)}


def _predict(path: str, baseline: bool = True) -> dict[str, str]:
    """Predictions of every system for one page (trafilatura's own only when ``baseline``)."""
    from pipeline.ingest.listing import IngestOptions, InputFile, read_input

    raw = gzip.decompress(Path(path).read_bytes())
    out = {}
    if baseline:
        import trafilatura

        out["trafilatura"] = trafilatura.extract(raw) or ""
    f = InputFile(Path(path), Path(path).name, os.path.getsize(path))
    docs = list(read_input(f, IngestOptions()))
    doc = docs[0]
    out["ours"] = doc.text
    if importlib.util.find_spec("pipeline.clean.page") is not None:
        from pipeline.clean.page import clean, load_clean_config

        try:
            out["ours+clean"] = clean(doc, load_clean_config()).text if doc.text else ""
        except Exception as exc:  # the cleaner may be unfinished; report, do not crash the benchmark
            out["ours+clean"] = ""
            out["clean_error"] = f"{type(exc).__name__}: {exc}"
    return out


def pages(bench: Path, limit: int = 0) -> tuple[dict, list[str], list[str]]:
    """The gold records, the page ids scored (sorted, the first ``limit`` when given) and their HTML paths."""
    gold = json.loads((bench / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(gold)[: limit or None]
    return gold, ids, [str(bench / "html" / f"{i}.html.gz") for i in ids]


def corpus_digest(bench: Path, limit: int = 0) -> str:
    """sha256 (hex) of the data scored: the gold file, then each page's id and gzipped HTML in id order."""
    digest = hashlib.sha256((bench / "ground-truth.json").read_bytes())
    for i, path in zip(*pages(bench, limit)[1:]):
        digest.update(f"\n{i}\n".encode("utf-8"))
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()


def score(gold: dict, ids: list[str], preds: list[dict[str, str]], systems: list[str]) -> dict[str, dict]:
    """Summaries (see :func:`summary`) and per-page F1 by ``system@n`` for every system and n in NGRAMS."""
    out: dict[str, dict] = {}
    for n in NGRAMS:
        for s in systems:
            rows = [overlap(gold[i]["articleBody"], p[s], n) for i, p in zip(ids, preds)]
            out[f"{s}@{n}"] = {"summary": summary(rows), "pages": {i: page_scores(*r)[2] for i, r in zip(ids, rows)}}
    return out


def measure(bench: Path = DEFAULT_BENCH, limit: int = 0) -> dict[str, dict[str, float]]:
    """Summaries by ``system@n`` of our systems only (no trafilatura baseline), predicted in this process."""
    gold, ids, paths = pages(bench, limit)
    preds = [_predict(p, baseline=False) for p in paths]
    failed = [p["clean_error"] for p in preds if "clean_error" in p]
    if failed:
        raise RuntimeError(f"clean raised on {len(failed)} pages, e.g. {failed[0]}")
    systems = [s for s in preds[0] if not s.endswith("_error")]
    return {k: v["summary"] for k, v in score(gold, ids, preds, systems).items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--limit", type=int, default=0, help="score only the first N pages")
    ap.add_argument("--json", type=Path, help="write per-page and summary scores here")
    args = ap.parse_args(argv)
    gold, ids, paths = pages(args.bench, args.limit)
    t0 = time.time()
    with ProcessPoolExecutor(args.workers) as pool:
        preds = list(pool.map(_predict, paths, chunksize=4))
    elapsed = time.time() - t0
    systems = [s for s in preds[0] if not s.endswith("_error")]
    errors = sum(1 for p in preds if "clean_error" in p)
    report: dict = {"pages": len(ids), "seconds": round(elapsed, 1), "summary": {}, "pages_scores": {}}
    print(f"{len(ids)} pages, {elapsed:.1f} s")
    if errors:
        print(f"clean raised on {errors} pages, e.g. {next(p['clean_error'] for p in preds if 'clean_error' in p)}")
    scores = score(gold, ids, preds, systems)
    for n in NGRAMS:
        label = "bag of words" if n == 1 else f"{n}-word shingles (benchmark scorer)"
        print(f"\n{label}:")
        print(f"  {'system':<12} {'P':>6} {'R':>6} {'F1':>6} {'F1 mean':>8} {'F1 median':>9}")
        for s in systems:
            m = scores[f"{s}@{n}"]["summary"]
            report["summary"][f"{s}@{n}"] = m
            report["pages_scores"][f"{s}@{n}"] = scores[f"{s}@{n}"]["pages"]
            print(f"  {s:<12} {m['precision']:6.3f} {m['recall']:6.3f} {m['f1']:6.3f} "
                  f"{m['f1_mean']:8.3f} {m['f1_median']:9.3f}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
