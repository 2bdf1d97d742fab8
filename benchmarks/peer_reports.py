"""Claim extraction on the peer-reports set: 131 sentences restating input kinds that made other quantity
extractors fail, hand-annotated, split dev/test by report (see ``benchmarks/gold/README.md``).

    python benchmarks/peer_reports.py                        # run; figures per split, dev failures by family
    python benchmarks/peer_reports.py --run outputs/peer-run # score an existing run folder instead
    python benchmarks/peer_reports.py --show test            # the test split's failures (final scoring only)
    python benchmarks/peer_reports.py --subset dev OUT.csv   # dev gold rows, for ``newsclaims eval --gold OUT.csv RUN``

The sentences (``peer_reports.jsonl``) are the set's own text; each record also carries its ``family``, the
``report`` it restates (a URL) and its ``split``. The gold (``peer_reports.csv``) has the claim columns of
``zyte_claims.csv`` up to ``direction``, then ``family``, ``split`` and ``report``; a row with only these and
its ``source`` declares a sentence read and found to hold no claim.
"""
from __future__ import annotations

import argparse
import csv
import json
import logging
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / "benchmarks" / "gold"
SENTENCES = GOLD_DIR / "peer_reports.jsonl"
GOLD = GOLD_DIR / "peer_reports.csv"
SPLITS = ("dev", "test")
#: Levels reported per split, in order.
LEVELS = ("value", "value+unit", "value+unit+bound")

log = logging.getLogger("peer_reports")

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from pipeline.outputs.evaluate import EvalResult, Row, read_gold, score  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_sentences import write_csv  # noqa: E402  (sibling script: the gold CSV writer)


@dataclass(frozen=True)
class Sentence:
    """One line of the set: its run source (``peer_reports.jsonl#N``), text, family, report URL and split."""

    source: str
    text: str
    family: str
    report: str
    split: str


def read_sentences(path: Path = SENTENCES) -> list[Sentence]:
    """The sentences of the JSONL set, in line order; raises ValueError on a record without a needed field."""
    out: list[Sentence] = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            rec = json.loads(line)
            missing = {"text", "family", "report", "split"} - set(rec)
            if missing:
                raise ValueError(f"{path.name} line {n}: missing {', '.join(sorted(missing))}")
            out.append(Sentence(f"{path.name}#{n}", rec["text"], rec["family"], rec["report"], rec["split"]))
    return out


def run_pipeline(out: Path, sentences: Path = SENTENCES) -> Path:
    """Run the pipeline over the set as ``newsclaims run SENTENCES --no-clean --out OUT`` does; ``out``."""
    from pipeline.run.options import RunOptions, Settings
    from pipeline.run.runner import run

    run([sentences], Settings(no_clean=True), RunOptions(out=out))
    return out


def _rows_of(source: Path) -> list[Row]:
    from pipeline.outputs.reader import claims_file

    return read_gold(claims_file(source)).rows


def evaluate_split(split: str, run_rows: list[Row], sentences: list[Sentence], gold: Path = GOLD) -> EvalResult:
    """Score the run rows of one split's sentences against that split's gold rows (``split`` ``all``: every one)."""
    keep = {s.source for s in sentences if split in (s.split, "all")}
    gold_file = read_gold(gold)
    gold_rows = [r for r in gold_file.rows if _name(r.source) in keep]
    run_in = [r for r in run_rows if _name(r.source) in keep]
    return score(gold_rows, run_in, columns=gold_file.columns, ranges=True)


def _name(source: str) -> str:
    return source.rsplit("/", 1)[-1]


def measure(run_dir: Path | None = None) -> dict[str, EvalResult]:
    """Figures per split (``dev``, ``test``, ``all``): of ``run_dir`` when given, else of a fresh run in a
    temporary folder."""
    sentences = read_sentences()
    if run_dir is not None:
        rows = _rows_of(run_dir)
    else:
        with tempfile.TemporaryDirectory(prefix="newsclaims-peers-") as tmp:
            rows = _rows_of(run_pipeline(Path(tmp) / "run"))
    return {split: evaluate_split(split, rows, sentences) for split in (*SPLITS, "all")}


def failures(result: EvalResult, sentences: list[Sentence]) -> dict[str, list[tuple[Sentence, list[str]]]]:
    """Sentences with a missed, spurious or wrong-unit claim, grouped by family (families and sentences in set
    order), each with one line per problem."""
    problems: dict[str, list[str]] = defaultdict(list)
    for g in result.missed:
        problems[_name(g.source)].append(f"missed {g.quantity!r} = {_value(g)} {g.unit}")
    for r in result.spurious:
        problems[_name(r.source)].append(f"spurious {r.quantity!r} = {_value(r)} {r.unit}")
    for g, r in result.wrong_unit:
        problems[_name(g.source)].append(f"unit of {g.quantity!r}: {r.unit or '-'} (gold {g.unit})")
    grouped: dict[str, list[tuple[Sentence, list[str]]]] = defaultdict(list)
    for s in sentences:
        if s.source in problems:
            grouped[s.family].append((s, problems[s.source]))
    return dict(grouped)


def _value(row: Row) -> str:
    return f"{row.value:g}" + (f"-{row.value_max:g}" if row.value_max is not None else "")


def table(results: dict[str, EvalResult]) -> str:
    """One line per split and level: precision, recall, F1, tp, fp, fn."""
    lines = [f"{'split':<6}{'level':<18}{'P':>7}{'R':>7}{'F1':>7}{'tp':>5}{'fp':>5}{'fn':>5}"]
    for split, res in results.items():
        for level in LEVELS:
            s = res.levels[level]
            lines.append(f"{split:<6}{level:<18}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}"
                         f"{s.tp:>5}{s.fp:>5}{s.fn:>5}")
    return "\n".join(lines)


def subset(split: str, dst: Path, gold: Path = GOLD) -> int:
    """Copy the gold rows of one split (declaration rows included) to ``dst``; the rows written."""
    with gold.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        fields = list(reader.fieldnames or [])
        rows = [r for r in reader if r["split"] == split]
    write_csv(rows, fields, dst)
    return len(rows)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--run", type=Path, help="score this run folder (or claims CSV) instead of running the pipeline")
    ap.add_argument("--show", choices=(*SPLITS, "all"), default="dev", help="list the failing sentences of this split")
    ap.add_argument("--subset", nargs=2, metavar=("SPLIT", "OUT_CSV"), help="write one split's gold rows and stop")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    logging.getLogger("pipeline").setLevel(logging.WARNING)
    if args.subset:
        split, dst = args.subset
        if split not in SPLITS:
            log.error("split must be one of %s", ", ".join(SPLITS))
            return 2
        log.info("kept %d %s rows in %s", subset(split, Path(dst)), split, dst)
        return 0
    results = measure(args.run)
    print(table(results))
    sentences = [s for s in read_sentences() if args.show in (s.split, "all")]
    for family, items in sorted(failures(results[args.show], sentences).items()):
        print(f"\n{family}: {len(items)} failing sentence(s)")
        for s, problems in items:
            print(f"  {s.source.rsplit('#', 1)[1]:>4} {s.text}")
            for p in problems:
                print(f"         {p}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
