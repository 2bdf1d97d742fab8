"""Quality floors of every benchmark, pinned as data in ``benchmarks/baseline.json``.

Each measurement runs in this process and gives the figures its benchmark prints (precision/recall/F1 as
fractions, block and claim counts) and the sha256 of the data it was measured on, so that a changed corpus
is reported rather than compared. The file holds, per measurement, its parameters, that digest, *floors*
(figures that may not fall) and *ceilings* (counts that may not rise)::

    python benchmarks/baseline.py                                   # measure, compare; exit 1 on a worse figure
    python benchmarks/baseline.py --update [--only NAME ...]        # re-measure and rewrite the file
    python benchmarks/baseline.py --update --allow-lower --only NAME

``--update`` raises a floor (lowers a ceiling) when the figure got better and refuses to write anything when
one got worse, unless ``--allow-lower`` is given. Measurements (``--list``): ``seed_claims`` (the seed page
against ``tests/data/gold/seed_claims.csv``), ``corpus_claims`` (the 260 corpus sentences against
``benchmarks/gold/corpora_claims.csv``), ``clean_old`` / ``clean_new`` (``clean_eval.py --set old/new``),
``zyte`` (``zyte_eval.py``, our systems only), ``recognizers`` (``recognizers_eval.py``), ``zyte_claims``
(the Zyte sentences per split), ``peer_claims`` (``peer_reports.py`` per split) and ``zyte_dumps``
(``clean_real.py`` on the bs4 and html2text dumps per split). The research
corpora and benchmark data are read where the benchmark scripts read them (``../shared`` next to the
repository; ``NEWSCLAIMS_CORPORA`` overrides the corpora folder).
"""
from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import logging
import math
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from pipeline.errors import Errors, NewsclaimsError, UsageError  # noqa: E402

log = logging.getLogger("baseline")

BASELINE = HERE / "baseline.json"
#: Decimals kept of a pinned fraction: floors are rounded down and ceilings up, so the figure measured when
#: pinning always passes.
DIGITS = 6
#: Figures closer than this are equal (float sums may differ in their last bits from one platform to another).
TOL = 1e-9


class DataMissing(NewsclaimsError):
    """The data a measurement reads is not on this machine (E132)."""


@dataclass(frozen=True)
class Measured:
    """One measurement: the sha256 (hex) of the data measured, figures that may not fall (``floors``) and
    counts that may not rise (``ceilings``), by figure name."""

    sha256: str
    floors: dict[str, float] = field(default_factory=dict)
    ceilings: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Measurement:
    """How to measure one benchmark: what it is, its default parameters, the data it needs, the function."""

    about: str
    params: dict[str, Any]
    needs: Callable[[dict[str, Any]], list[Path]]
    run: Callable[[dict[str, Any]], Measured]


# ------------------------------------------------------------------------------------------- helpers


def bench_module(name: str) -> ModuleType:
    """A benchmark script of this folder, imported as a module (``clean_eval``, ``zyte_eval``...)."""
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    return importlib.import_module(name)


def file_digest(paths: Iterable[Path], base: Path = ROOT) -> str:
    """sha256 (hex) of files: each one's path (relative to ``base`` when inside it) and bytes, in the order given."""
    digest = hashlib.sha256()
    for path in paths:
        name = path.relative_to(base) if path.is_relative_to(base) else Path(path.name)
        digest.update(f"{name.as_posix()}\n".encode("utf-8"))
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _eval_figures(result: Any) -> tuple[dict[str, float], dict[str, float]]:
    """Floors and ceilings of a ``pipeline eval`` result: P/R/F1 and fp/fn per level, kind agreement."""
    floors: dict[str, float] = {"kind_agree": result.kind_agree}
    ceilings: dict[str, float] = {}
    for level, s in result.levels.items():
        floors.update({f"{level}.precision": s.precision, f"{level}.recall": s.recall, f"{level}.f1": s.f1,
                       f"{level}.tp": s.tp})
        ceilings.update({f"{level}.fp": s.fp, f"{level}.fn": s.fn})
    return floors, ceilings


def _run_and_evaluate(inputs: list[Path], gold: Path, no_clean: bool) -> Any:
    """Run the pipeline on ``inputs`` into a temporary folder (as ``newsclaims run``) and score it against ``gold``."""
    from pipeline.outputs.evaluate import evaluate
    from pipeline.run.options import RunOptions, Settings
    from pipeline.run.runner import run

    with tempfile.TemporaryDirectory(prefix="newsclaims-baseline-") as tmp:
        run(inputs, Settings(no_clean=no_clean), RunOptions(out=Path(tmp) / "run"))
        return evaluate(gold, Path(tmp) / "run")


# ------------------------------------------------------------------------------------------- measurements


def _seed_needs(params: dict[str, Any]) -> list[Path]:
    return [ROOT / params["corpus"], ROOT / params["gold"]]


def measure_seed(params: dict[str, Any]) -> Measured:
    """``newsclaims run corpus`` then ``newsclaims eval --gold tests/data/gold/seed_claims.csv``."""
    corpus, gold = _seed_needs(params)
    floors, ceilings = _eval_figures(_run_and_evaluate([corpus], gold, no_clean=False))
    files = sorted(p for p in corpus.rglob("*") if p.is_file())
    return Measured(file_digest([*files, gold]), floors, ceilings)


def _corpora() -> Path:
    return bench_module("build_sentences").DEFAULT_CORPORA


def _corpus_needs(params: dict[str, Any]) -> list[Path]:
    return [_corpora(), HERE / params["pointers"], HERE / params["gold"]]


def measure_corpus(params: dict[str, Any]) -> Measured:
    """``build_sentences.py``, ``newsclaims run sentences.jsonl --no-clean``, ``newsclaims eval`` against the gold.

    The digest covers the sentences built (the text measured) and the gold rows."""
    bs = bench_module("build_sentences")
    corpora, pointers, gold = _corpus_needs(params)
    records = bs.build(corpora, bs.read_pointers(pointers))
    with tempfile.TemporaryDirectory(prefix="newsclaims-sentences-") as tmp:
        sentences = Path(tmp) / "sentences.jsonl"  # the name the gold rows' sources give
        bs.write_jsonl(records, sentences)
        digest = file_digest([sentences, gold], base=Path(tmp))
        floors, ceilings = _eval_figures(_run_and_evaluate([sentences], gold, no_clean=True))
    return Measured(digest, floors, ceilings)


def _clean_needs(params: dict[str, Any]) -> list[Path]:
    return [_corpora() / "reuters21578", _corpora() / "bbc_fulltext"]


def measure_clean(params: dict[str, Any]) -> Measured:
    """``clean_eval.py --set SET --pages N --seed S``: every row it prints (shapes and overall).

    The digest covers the pages built (text, gold spans, title and date)."""
    ce = bench_module("clean_eval")
    table, digest = ce.evaluate(params["pages"], params["seed"], ce.SETS[params["set"]], _corpora())
    floors: dict[str, float] = {}
    ceilings: dict[str, float] = {}
    for row, m in table.items():
        floors.update({f"{row}.P": m["p"], f"{row}.R": m["r"], f"{row}.F1": m["f"], f"{row}.title": m["title_ok"],
                       f"{row}.pub": m["pub_ok"]})
        ceilings.update({f"{row}.leaked": m["leaked"], f"{row}.teaser": m["leaked_teasers"],
                         f"{row}.dropped": m["dropped"]})
    return Measured(digest, floors, ceilings)


def _zyte_needs(params: dict[str, Any]) -> list[Path]:
    return [bench_module("zyte_eval").DEFAULT_BENCH / "ground-truth.json"]


def measure_zyte(params: dict[str, Any]) -> Measured:
    """``zyte_eval.py`` for our two systems (``ours``, ``ours+clean``; trafilatura's own scores are not ours to
    pin), bag of words (``@1``) and 4-word shingles (``@4``)."""
    z = bench_module("zyte_eval")
    floors: dict[str, float] = {}
    for key, m in z.measure(z.DEFAULT_BENCH, params["limit"]).items():
        floors.update({f"{key}.P": m["precision"], f"{key}.R": m["recall"], f"{key}.F1": m["f1"],
                       f"{key}.F1_mean": m["f1_mean"], f"{key}.F1_median": m["f1_median"]})
    return Measured(z.corpus_digest(z.DEFAULT_BENCH, params["limit"]), floors)


def _recognizers_needs(params: dict[str, Any]) -> list[Path]:
    r = bench_module("recognizers_eval")
    return [r.DEFAULT_SPECS / f"{m}.json" for m in r.MODELS]


def measure_recognizers(params: dict[str, Any]) -> Measured:
    """``recognizers_eval.py``: P/R/F1 of value and value+unit matches per model and over all (fractions)."""
    r = bench_module("recognizers_eval")
    floors: dict[str, float] = {}
    for model, _, sc in r.measure(r.DEFAULT_SPECS, params["supported_only"]):
        for level, tp in (("value", sc.tp_value), ("value+unit", sc.tp_unit)):
            p, rec, f = sc.prf(tp)
            floors.update({f"{model}.{level}.P": p, f"{model}.{level}.R": rec, f"{model}.{level}.F1": f})
    return Measured(r.corpus_digest(r.DEFAULT_SPECS), floors)


def _zyte_claims_needs(params: dict[str, Any]) -> list[Path]:
    return [bench_module("build_zyte_sentences").DEFAULT_BENCH / "ground-truth.json", HERE / params["pointers"],
            HERE / params["gold"]]


def measure_zyte_claims(params: dict[str, Any]) -> Measured:
    """``build_zyte_sentences.py``, ``newsclaims run zyte_sentences.jsonl --no-clean`` and ``newsclaims eval``
    against each split's gold rows (``dev.*``, ``test.*``). The digest covers the sentences and the gold."""
    from pipeline.outputs.evaluate import evaluate
    from pipeline.run.options import RunOptions, Settings
    from pipeline.run.runner import run

    zs = bench_module("build_zyte_sentences")
    bench, pointers_csv, gold = _zyte_claims_needs(params)
    pointers = zs.read_pointers(pointers_csv)
    floors: dict[str, float] = {}
    ceilings: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="newsclaims-zyte-sentences-") as tmp:
        sentences = Path(tmp) / zs.SOURCE_NAME
        bench_module("build_sentences").write_jsonl(zs.build(zs.load_pages(bench.parent), pointers), sentences)
        digest = file_digest([sentences, gold], base=Path(tmp))
        run([sentences], Settings(no_clean=True), RunOptions(out=Path(tmp) / "run"))
        for split in zs.SPLITS:
            zs.subset(pointers, split, gold, Path(tmp) / f"{split}.csv")
            low, high = _eval_figures(evaluate(Path(tmp) / f"{split}.csv", Path(tmp) / "run"))
            floors.update({f"{split}.{k}": v for k, v in low.items()})
            ceilings.update({f"{split}.{k}": v for k, v in high.items()})
    return Measured(digest, floors, ceilings)


def _peer_needs(params: dict[str, Any]) -> list[Path]:
    pr = bench_module("peer_reports")
    return [pr.SENTENCES, pr.GOLD]


def measure_peer_claims(params: dict[str, Any]) -> Measured:
    """``peer_reports.py``: the sentences restating peer extractors' bug reports, per split (``dev.*``,
    ``test.*``)."""
    results = bench_module("peer_reports").measure()
    floors: dict[str, float] = {}
    ceilings: dict[str, float] = {}
    for split in ("dev", "test"):
        low, high = _eval_figures(results[split])
        floors.update({f"{split}.{k}": v for k, v in low.items()})
        ceilings.update({f"{split}.{k}": v for k, v in high.items()})
    return Measured(file_digest(_peer_needs(params)), floors, ceilings)


def _dumps_needs(params: dict[str, Any]) -> list[Path]:
    return [bench_module("build_dumps").DEFAULT_BENCH / "ground-truth.json"]


def measure_zyte_dumps(params: dict[str, Any]) -> Measured:
    """``build_dumps.py`` and ``clean_real.py`` for the dialects in ``params`` (Python libraries only: w3m's
    output depends on the installed w3m): F1, P, R and title accuracy of the clean stage per split and dialect.
    The digest covers the HTML pages, the gold bodies, the split and the titles."""
    bd, cr, pj = bench_module("build_dumps"), bench_module("clean_real"), bench_module("page_judge")
    bench = bd.DEFAULT_BENCH
    gold = json.loads((bench / "ground-truth.json").read_text(encoding="utf-8"))
    split_of = {k: v["split"] for k, v in bd.read_split().items()}
    titles = bd.read_titles()
    cfg = cr.load_clean_config()
    pages = sorted(gold)
    rows = []
    with tempfile.TemporaryDirectory(prefix="newsclaims-dumps-") as tmp:
        for page in pages:
            html_text = bd.read_page(bench, page)[0]
            for dialect in params["dialects"]:
                path = Path(tmp) / f"{page}.{dialect}.txt"
                path.write_text(bd.DIALECTS[dialect](html_text, gold[page].get("url", "")) or "", encoding="utf-8")
                j = pj.judge(pj.read_dump(path, f"{dialect}/{page}.txt"), cfg,
                             titles.get(page, {}).get("title", ""), gold[page]["articleBody"])
                rows.append(cr.judged_row(page, split_of.get(page, ""), dialect, j))
    floors: dict[str, float] = {}
    for split in ("dev", "test"):
        for dialect in params["dialects"]:
            m = cr.summarise([r for r in rows if r.split == split and r.dialect == dialect])
            floors.update({f"{split}.{dialect}.{k}": m[k] for k in ("p", "r", "f1", "title") if m[k] is not None})
    files = [bench / "ground-truth.json", bd.SPLIT_CSV, bd.TITLES_CSV,
             *(bench / "html" / f"{page}.html.gz" for page in pages)]
    return Measured(file_digest(files, base=bench.parent), floors)


MEASUREMENTS: dict[str, Measurement] = {
    "seed_claims": Measurement(
        "the seed page (corpus/) against tests/data/gold/seed_claims.csv, as newsclaims eval prints it",
        {"corpus": "corpus", "gold": "tests/data/gold/seed_claims.csv"}, _seed_needs, measure_seed),
    "corpus_claims": Measurement(
        "260 Reuters/BBC sentences (build_sentences.py) run with --no-clean, against gold/corpora_claims.csv",
        {"pointers": "gold/sentences.csv", "gold": "gold/corpora_claims.csv"}, _corpus_needs, measure_corpus),
    "clean_old": Measurement(
        "clean_eval.py --set old: pages built from Reuters/BBC with the first clutter styles",
        {"set": "old", "pages": 950, "seed": 13}, _clean_needs, measure_clean),
    "clean_new": Measurement(
        "clean_eval.py --set new: pages with the clutter styles added later",
        {"set": "new", "pages": 950, "seed": 13}, _clean_needs, measure_clean),
    "zyte": Measurement(
        "zyte_eval.py: HTML main text on the 181 pages of the Zyte article-extraction benchmark",
        {"limit": 0}, _zyte_needs, measure_zyte),
    "zyte_claims": Measurement(
        "build_zyte_sentences.py: 435 modern web-news sentences run with --no-clean, per split against gold/zyte_claims.csv",
        {"pointers": "gold/zyte_sentences.csv", "gold": "gold/zyte_claims.csv"}, _zyte_claims_needs,
        measure_zyte_claims),
    "peer_claims": Measurement(
        "peer_reports.py: 131 sentences restating peer extractors' bug reports, per split",
        {}, _peer_needs, measure_peer_claims),
    "zyte_dumps": Measurement(
        "clean_real.py: the clean stage on BeautifulSoup and html2text dumps of the 181 Zyte pages, per split",
        {"dialects": ["bs4", "html2text"]}, _dumps_needs, measure_zyte_dumps),
    "recognizers": Measurement(
        "recognizers_eval.py: the quantity grammar on the Recognizers-Text English specs",
        {"supported_only": False}, _recognizers_needs, measure_recognizers),
}


# ------------------------------------------------------------------------------------------- the file


def load(path: Path = BASELINE) -> dict[str, dict[str, Any]]:
    """The pinned entries by measurement name; raises UsageError (E131) on a malformed file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(Errors.E131.format(path=path, reason=exc)) from exc
    if not isinstance(data, dict):
        raise UsageError(Errors.E131.format(path=path, reason="not a JSON object"))
    for name, entry in data.items():
        missing = {"params", "sha256", "floors", "ceilings"} - set(entry if isinstance(entry, dict) else ())
        if missing:
            raise UsageError(Errors.E131.format(path=path, reason=f"{name}: missing {', '.join(sorted(missing))}"))
    return data


def save(data: dict[str, dict[str, Any]], path: Path = BASELINE) -> None:
    """Write the entries, sorted, one figure a line (stable diffs)."""
    path.write_text(json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def _round(value: float, up: bool) -> float:
    if float(value).is_integer():
        return int(value)
    near = round(value, DIGITS)
    if abs(near - value) <= TOL:
        return near
    scaled = value * 10**DIGITS
    return (math.ceil(scaled) if up else math.floor(scaled)) / 10**DIGITS


def entry_of(name: str, params: dict[str, Any], measured: Measured) -> dict[str, Any]:
    """The file entry pinning ``measured`` exactly (floors rounded down, ceilings up)."""
    return {"about": MEASUREMENTS[name].about if name in MEASUREMENTS else name, "params": params,
            "sha256": measured.sha256,
            "floors": {k: _round(v, up=False) for k, v in measured.floors.items()},
            "ceilings": {k: _round(v, up=True) for k, v in measured.ceilings.items()}}


def compare(name: str, entry: dict[str, Any], measured: Measured) -> list[str]:
    """Messages (E134-E136) for every pinned figure that is worse than pinned or was not measured; the digest
    is the caller's to check."""
    problems = []
    for figure, floor in entry["floors"].items():
        value = measured.floors.get(figure)
        if value is None:
            problems.append(Errors.E136.format(name=name, figure=figure))
        elif value < floor - TOL:
            problems.append(Errors.E134.format(name=name, figure=figure, value=value, floor=floor))
    for figure, ceiling in entry["ceilings"].items():
        value = measured.ceilings.get(figure)
        if value is None:
            problems.append(Errors.E136.format(name=name, figure=figure))
        elif value > ceiling + TOL:
            problems.append(Errors.E135.format(name=name, figure=figure, value=value, ceiling=ceiling))
    return problems


def merge(name: str, old: dict[str, Any] | None, params: dict[str, Any],
          measured: Measured) -> tuple[dict[str, Any], list[str]]:
    """The entry pinning ``measured`` and the refusals (E130): each pinned figure it would make worse (a lower
    floor, a higher ceiling, a figure no longer measured). A figure that got better moves its floor up."""
    new = entry_of(name, params, measured)
    if old is None:
        return new, []
    refusals = []
    checks = (("floors", "lower", lambda a, b: a < b - TOL), ("ceilings", "raise", lambda a, b: a > b + TOL))
    for kind, verb, worse in checks:
        for figure, pinned in old[kind].items():
            now = new[kind].get(figure)
            if now is None or worse(now, pinned):
                refusals.append(Errors.E130.format(name=name, verb=verb, figure=figure, old=pinned,
                                                   new="not measured" if now is None else now))
    return new, refusals


def measure(name: str, params: dict[str, Any] | None = None) -> Measured:
    """Run measurement ``name`` with ``params`` (its defaults when None); raises DataMissing (E132)."""
    m = MEASUREMENTS[name]
    params = m.params if params is None else params
    for path in m.needs(params):
        if not path.exists():
            raise DataMissing(Errors.E132.format(name=name, path=path))
    return m.run(params)


def _names(only: list[str] | None) -> list[str]:
    unknown = sorted(set(only or ()) - set(MEASUREMENTS))
    if unknown:
        raise UsageError(Errors.E137.format(names=", ".join(unknown), known=", ".join(MEASUREMENTS)))
    return [n for n in MEASUREMENTS if not only or n in only]


def update(names: list[str], path: Path = BASELINE, allow_lower: bool = False) -> list[str]:
    """Re-measure ``names`` (with the parameters pinned, else the defaults) and rewrite the file; returns the
    refusals (E130). While there are refusals nothing is written, unless ``allow_lower``."""
    data = load(path) if path.exists() else {}
    refusals = []
    for name in names:
        old = data.get(name)
        params = old["params"] if old else MEASUREMENTS[name].params
        measured = measure(name, params)
        if old and old["sha256"] != measured.sha256:
            log.warning("%s: the data measured has changed (sha256 %.12s... -> %.12s...)", name, old["sha256"],
                        measured.sha256)
        entry, refused = merge(name, old, params, measured)
        refusals += refused
        data[name] = entry
    if refusals and not allow_lower:
        return refusals
    save(data, path)
    return refusals


def check(names: list[str], path: Path = BASELINE) -> list[str]:
    """Measure ``names`` and compare with the pinned entries: every problem found (E132-E136)."""
    data = load(path)
    problems = []
    for name in names:
        if name not in data:
            problems.append(f"{name}: not pinned in {path.name} (python benchmarks/baseline.py --update --only {name})")
            continue
        entry = data[name]
        try:
            measured = measure(name, entry["params"])
        except DataMissing as exc:
            problems.append(str(exc))
            continue
        if measured.sha256 != entry["sha256"]:
            problems.append(Errors.E133.format(name=name, pinned=entry["sha256"], now=measured.sha256))
        else:
            problems += compare(name, entry, measured)
        log.info("%s: measured", name)
    return problems


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: 0 when every figure holds (or the file was written), 1 otherwise."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--update", action="store_true", help="re-measure and rewrite the pinned figures")
    ap.add_argument("--allow-lower", action="store_true", help="with --update: accept figures worse than pinned")
    ap.add_argument("--only", nargs="+", metavar="NAME", help="these measurements only (default: all)")
    ap.add_argument("--file", type=Path, default=BASELINE, help="baseline file (default: benchmarks/baseline.json)")
    ap.add_argument("--list", action="store_true", help="list the measurements and exit")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if args.list:
        for name, m in MEASUREMENTS.items():
            print(f"{name:<14} {m.about}")
        return 0
    try:
        names = _names(args.only)
        if args.update:
            refusals = update(names, args.file, args.allow_lower)
            for line in refusals:
                log.log(logging.WARNING if args.allow_lower else logging.ERROR, "%s", line)
            if refusals and not args.allow_lower:
                log.error("nothing written to %s", args.file)
                return 1
            log.info("wrote %s", args.file)
            return 0
        problems = check(names, args.file)
    except NewsclaimsError as exc:
        log.error("%s", exc)
        return 1
    for line in problems:
        log.error("%s", line)
    if not problems:
        log.info("every pinned figure holds (%s)", ", ".join(names))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
