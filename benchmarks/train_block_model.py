"""Train the block model (rule ``model.block.v1``) and the headline weights (rule ``title.headline.v1``) of
``rules/clutter.toml`` on the dev pages of the Zyte dumps.

Data: the plain-text dumps of the Zyte article-extraction benchmark pages written by build_dumps.py (all
three dialects), **dev split only** (benchmarks/gold/zyte_split.csv, split by site); the test split is
never read. Each page is segmented and measured exactly as the clean stage does it
(:func:`pipeline.clean.evidence.block_features`); a block's label is 1 when it is article text of the gold
``articleBody``: at least half of its word trigrams occur in the gold body (blocks of one to three words:
the block is a whole gold line, or occurs in the gold body next to a block that is article text).

``--snippets CHECKOUT`` adds weakly labelled blocks from a snippet gold (snippet_eval.py: the evaluation data
of the trafilatura source tree, read from a checkout, nothing of it copied), **dev half of its sites only**
(snippet_eval.py's split; the check half is never read here): each page is dumped in the three dialects
(the dumps snippet_eval.py caches) and measured as above; a block holding a "with" snippet is labelled 1, one
holding a "without" snippet 0, the others (and a block holding both) are left out. These blocks are weighted
``--snippet-weight`` times their square-root word count, always train and are never scored in the
cross-validation (which stays on the Zyte dev pages). The weights shipped in rules/clutter.toml are fitted
without it (on the Zyte dev pages alone).

Model: L2-regularised logistic regression fitted with Newton's method (numpy), blocks weighted by
the square root of their word count (the page score counts words). Cross-validation by site on dev reports
block accuracy and the page F1 of keeping the blocks the model scores >= 0.5; ``--write`` puts the weights
(one per feature name, rounded) into the model rule of rules/clutter.toml.

``--titles`` trains the headline weights instead: every headline candidate of a dump
(:func:`pipeline.clean.headline_evidence.headline_candidates`, on the page as the passes before the headline pass
leave it) is labelled 1 when it is the checked gold title (benchmarks/gold/zyte_titles.csv); where a
headline shown in the page is, the page's title line (which repeats it) is not. A conditional logit (per
page, a softmax over its candidates) is fitted on the candidates' evidence, and the candidate scoring
highest is the page's title. Cross-validation by site reports the share of dumps whose title is right.
``--title-dialects`` chooses the dump dialects (default the three above; ``w3m-plain`` adds screen dumps
without link numbers), and ``--snippets CHECKOUT`` adds the candidates of the snippet gold's dev half in those
dialects, labelled against each page's gold title (fold -1: always trained on, never scored). ``--free FEATURE ...``
refits only the named headline weights, the others held as rules/clutter.toml pins them (a new feature weighed
without moving what the pinned weights already settle).

    python benchmarks/train_block_model.py [--folds 5] [--l2 1e-3] [--titles] [--write]
                                           [--snippets CHECKOUT --snippet-weight 0.5]
    python benchmarks/train_block_model.py --titles --l2 1.0 --write      # the headline weights as pinned
    python benchmarks/train_block_model.py --titles --l2 1.0 --free you you_teaser --write   # ... then these two
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import logging
import re
import sys
from pathlib import Path
from typing import Sequence

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_dumps import ALL_DIALECTS, DEFAULT_OUT, DIALECTS, SPLIT_CSV, read_titles  # noqa: E402
from page_judge import norm_title, read_dump  # noqa: E402
from pipeline.clean.passes import run_until  # noqa: E402
from pipeline.clean.headline_evidence import HEADLINE_FEATURES, headline_candidates  # noqa: E402
from pipeline.clean.title_text import headline_text, strip_site  # noqa: E402
from clean_eval import prf  # noqa: E402
from snippet_eval import DEFAULT_CACHE as SNIPPET_CACHE, holds, load_pages, words  # noqa: E402
from snippet_eval import dump as snippet_dump  # noqa: E402
from pipeline.clean.blocks import segment_blocks  # noqa: E402
from pipeline.clean.page import load_clean_config  # noqa: E402
from pipeline.clean.dialect import detect  # noqa: E402
from pipeline.clean.evidence import FEATURES, block_features  # noqa: E402
from pipeline.clean.features import make_item  # noqa: E402

RULES = ROOT / "rules" / "clutter.toml"
MODEL_ID = "model.block.v1"
HEADLINE_ID = "title.headline.v1"
_TOKEN = re.compile(r"\w+")
log = logging.getLogger("train_block_model")


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def labels(vis: list[str], gold: str) -> list[int]:
    """1 for the blocks (visible texts, page order) that are text of the gold body, else 0."""
    g = _tokens(gold)
    tri = {tuple(g[i:i + 3]) for i in range(len(g) - 2)}
    lines = {tuple(_tokens(x)) for x in gold.split("\n") if x.strip()}
    joined = " " + " ".join(g) + " "
    out, short = [], []
    for i, text in enumerate(vis):
        t = _tokens(text)
        if len(t) >= 4:
            grams = [tuple(t[k:k + 3]) for k in range(len(t) - 2)]
            out.append(int(sum(x in tri for x in grams) >= 0.5 * len(grams)))
        elif t:
            out.append(int(tuple(t) in lines))
            if not out[-1] and (" " + " ".join(t) + " ") in joined:
                short.append(i)
        else:
            out.append(0)
    for i in short:
        if (i > 0 and out[i - 1]) or (i + 1 < len(out) and out[i + 1]):
            out[i] = 1
    return out


def page_rows(text: str, gold: str, heading_words: int) -> tuple[list[list[float]], list[int], list[int], list[str]]:
    """(features, labels, word counts, block texts) of one dump."""
    dialect = detect(text)
    items = [make_item(s, heading_words, dialect) for s in segment_blocks(text, dialect)]
    feats, _ = block_features(items, dialect)
    return feats, labels([it.vis for it in items], gold), [it.words for it in items], [it.span.text for it in items]


def snippet_labels(texts: list[str], with_: Sequence[str], without: Sequence[str]) -> list[int | None]:
    """1 for a block (text, page order) holding a "with" snippet, 0 for one holding a "without" snippet, None
    for the others and for a block holding both."""
    w_, wo = [words(s) for s in with_], [words(s) for s in without]
    out: list[int | None] = []
    for text in texts:
        t = words(text)
        keep, drop = any(holds(t, s) for s in w_), any(holds(t, s) for s in wo)
        out.append(None if keep == drop else int(keep))
    return out


def snippet_rows(checkout: Path, cache: Path | None, heading_words: int, weight: float) -> list[tuple]:
    """Rows (as the Zyte rows, fold -1: always trained on, never scored) of the weakly labelled blocks of the
    snippet gold's dev half, in the three dialects."""
    rows = []
    for page in load_pages(checkout):
        if page.part != "dev":
            continue
        for d in DIALECTS:
            path = snippet_dump(page, d, cache or SNIPPET_CACHE)
            if path is None:
                continue
            text = read_dump(path, f"{d}/{page.file}.txt").text
            dialect = detect(text)
            items = [make_item(s, heading_words, dialect) for s in segment_blocks(text, dialect)]
            feats, _ = block_features(items, dialect)
            ys = snippet_labels([it.span.text for it in items], page.with_, page.without)
            keep = [i for i, y in enumerate(ys) if y is not None]
            if keep:
                rows.append((page.file, d, -1, [feats[i] for i in keep], [ys[i] for i in keep],
                             [items[i].words for i in keep], [], "", weight))
    return rows


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, l2: float, steps: int = 30) -> np.ndarray:
    """Weights of an L2-regularised logistic regression (Newton's method, the bias not regularised)."""
    beta = np.zeros(x.shape[1])
    w = w / w.sum()
    reg = np.full(x.shape[1], l2)
    reg[0] = 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-np.clip(x @ beta, -30, 30)))
        grad = x.T @ (w * (p - y)) + reg * beta
        hess = (x * (w * p * (1 - p))[:, None]).T @ x + np.diag(reg) + 1e-9 * np.eye(x.shape[1])
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-6:
            break
    return beta


#: The regularisation that holds a weight at its pinned value when only some weights are refitted (``--free``).
HELD = 1e9


def fit_rank(groups: list[tuple[np.ndarray, np.ndarray]], l2: float, steps: int = 50,
             base: np.ndarray | None = None, free: Sequence[bool] | None = None) -> np.ndarray:
    """Weights of an L2-regularised conditional logit: per page, the softmax over its candidates of their
    scores puts as much mass as it can on the gold ones (``groups``: (candidate vectors, 0/1 labels) of the
    pages with a gold candidate). Newton-like steps with the candidates' score covariance as curvature and
    step halving; the first column (the bias, the same for every candidate of a page) stays 0. With ``base``
    and ``free``, only the weights ``free`` marks are fitted, regularised towards ``base``; the others keep
    their ``base`` values."""
    d = groups[0][0].shape[1]
    base = np.zeros(d) if base is None else np.asarray(base, dtype=float)
    beta = base.copy()
    reg = np.full(d, l2)
    if free is not None:
        reg[~np.asarray(free, dtype=bool)] = HELD
    reg[0] = 1.0

    def loss_grad(b: np.ndarray) -> tuple[float, np.ndarray, np.ndarray]:
        off = b - base
        loss, grad, curv = 0.5 * float(reg @ (off * off)), reg * off, np.diag(reg)
        for x, y in groups:
            z = x @ b
            z = z - z.max()
            p = np.exp(z) / np.exp(z).sum()
            q = p * y / (p * y).sum()
            loss -= float(np.log((p * y).sum()))
            mean = p @ x
            grad = grad + mean - q @ x
            xc = x - mean
            curv = curv + (xc * p[:, None]).T @ xc
        n = len(groups)
        return loss / n, grad / n, curv / n

    loss, grad, curv = loss_grad(beta)
    for _ in range(steps):
        step = np.linalg.solve(curv + 1e-9 * np.eye(d), grad)
        t = 1.0
        while t > 1e-4:
            nl, ng, nc = loss_grad(beta - t * step)
            if nl <= loss:
                break
            t /= 2
        else:
            break
        beta, improved = beta - t * step, loss - nl
        loss, grad, curv = nl, ng, nc
        if improved < 1e-8:
            break
    beta[0] = 0.0
    return beta


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dumps", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--l2", type=float, default=1e-3)
    ap.add_argument("--steps", type=int, default=30, help="Newton steps at most")
    ap.add_argument("--cache", type=Path, help="also save the measured blocks here (numpy, for experiments)")
    ap.add_argument("--titles", action="store_true", help="train the headline weights instead")
    ap.add_argument("--cv-clean", action="store_true",
                    help="also score the whole clean stage on each held-out fold with the weights of the other folds "
                         "(with --titles: its title)")
    ap.add_argument("--wrong", type=Path, help="with --cv-clean --titles: write the dumps whose cross-validated "
                    "title is wrong here (TSV: fold, dialect, page, title given, gold title)")
    ap.add_argument("--title-dialects", nargs="*", choices=sorted(ALL_DIALECTS), default=list(DIALECTS),
                    help="with --titles: the dump dialects whose headline candidates train and are scored "
                         "(w3m-plain: build_dumps.py --dialects w3m-plain first)")
    ap.add_argument("--write", action="store_true", help="write the weights into rules/clutter.toml")
    ap.add_argument("--free", nargs="+", metavar="FEATURE",
                    help="with --titles: refit only these headline weights, the others held as rules/clutter.toml "
                         "pins them")
    ap.add_argument("--snippets", type=Path, metavar="CHECKOUT",
                    help="also train on weakly labelled blocks of the dev half of a snippet gold (snippet_eval.py)")
    ap.add_argument("--snippet-weight", type=float, default=0.5,
                    help="weight of a weakly labelled block relative to a Zyte dev block of the same length")
    ap.add_argument("--snippet-cache", type=Path, help="folder of the snippet dumps (snippet_eval.py's default)")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    cfg = load_clean_config()
    if args.titles:
        return train_titles(args, cfg)
    heading_words = int(cfg.signal_rule("heading").get("max_words", 20))
    with open(SPLIT_CSV, encoding="utf-8") as fh:
        split = {r["page"]: r for r in csv.DictReader(fh)}
    pages = sorted(p for p, r in split.items() if r["split"] == "dev")
    sites = sorted({split[p]["site"] for p in pages})
    fold_of = {s: int(hashlib.sha1(s.encode()).hexdigest(), 16) % args.folds for s in sites}
    rows = []  # (page, dialect, fold, feats, labels, words, texts, gold)
    for page in pages:
        gold = (args.dumps / "gold" / f"{page}.txt").read_text(encoding="utf-8")
        for d in DIALECTS:
            path = args.dumps / d / f"{page}.txt"
            if path.exists():
                f, y, n, texts = page_rows(path.read_text(encoding="utf-8"), gold, heading_words)
                if f:
                    rows.append((page, d, fold_of[split[page]["site"]], f, y, n, texts, gold, 1.0))
    log.info("%d dumps, %d blocks", len(rows), sum(len(r[3]) for r in rows))
    if args.snippets:
        weak = snippet_rows(args.snippets, args.snippet_cache, heading_words, args.snippet_weight)
        log.info("snippet gold (dev half): %d dumps, %d labelled blocks (%d article)", len(weak),
                 sum(len(r[3]) for r in weak), sum(sum(r[4]) for r in weak))
        rows.extend(weak)
    if args.cache:
        np.save(args.cache, np.array(rows, dtype=object), allow_pickle=True)

    def stack(sel):
        x = np.array([v for r in sel for v in r[3]], dtype=float)
        y = np.array([v for r in sel for v in r[4]], dtype=float)
        w = np.sqrt(np.array([max(1, v) for r in sel for v in r[5]], dtype=float))
        w *= np.array([r[8] for r in sel for _ in r[5]], dtype=float)
        return x, y, w

    scores: dict[str, list[float]] = {d: [] for d in DIALECTS}
    acc = []
    for k in range(args.folds):
        train = [r for r in rows if r[2] != k]
        test = [r for r in rows if r[2] == k]
        beta = fit(*stack(train), args.l2, args.steps)
        for r in test:
            x = np.array(r[3])
            p = 1 / (1 + np.exp(-np.clip(x @ beta, -30, 30)))
            kept = "\n\n".join(t for t, q in zip(r[6], p) if q >= 0.5)
            scores[r[1]].append(prf(kept, r[7])[2])
            acc.extend((p >= 0.5) == np.array(r[4], dtype=bool))
    print(f"cross-validated by site ({args.folds} folds): block accuracy {np.mean(acc):.3f}")
    for d, f in scores.items():
        if f:
            print(f"  {d:<10} page F1 of the model alone {np.mean(f):.4f} ({len(f)} pages)")
    if args.cv_clean:
        cv_clean(args, rows, stack)
    beta = fit(*stack(rows), args.l2, args.steps)
    weights = {name: round(float(b), 3) for name, b in zip(FEATURES, beta)}
    print(json.dumps(weights))
    if args.write:
        write_weights(weights)
    return 0


def cv_clean(args: argparse.Namespace, rows: list, stack) -> None:
    """Page F1 of the whole clean stage on each held-out fold, with block weights fitted on the other folds
    (the rule file is copied to a temporary folder with those weights)."""
    import shutil
    import tempfile

    from pipeline.clean.page import clean

    f1: dict[str, list[float]] = {d: [] for d in DIALECTS}
    by_fold: dict[tuple[int, str], list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for k in range(args.folds):
            beta = fit(*stack([r for r in rows if r[2] != k]), args.l2, args.steps)
            shutil.copy(ROOT / "rules" / "dates.toml", folder / "dates.toml")
            text = RULES.read_text(encoding="utf-8")
            (folder / "clutter.toml").write_text(text, encoding="utf-8")
            write_weights({n: round(float(b), 3) for n, b in zip(FEATURES, beta)}, MODEL_ID, folder / "clutter.toml")
            cfg = load_clean_config(folder)
            for r in rows:
                if r[2] == k:
                    doc = read_dump(args.dumps / r[1] / f"{r[0]}.txt", f"{r[1]}/{r[0]}.txt")
                    f1[r[1]].append(prf(clean(doc, cfg).text, r[7])[2])
                    by_fold.setdefault((k, r[1]), []).append(f1[r[1]][-1])
    print("whole clean stage, block weights cross-validated by site:")
    for d, v in f1.items():
        if v:
            print(f"  {d:<10} page F1 {np.mean(v):.4f} ({len(v)} pages)  by fold: "
                  + " ".join(f"{np.mean(by_fold.get((k, d), [0])):.4f}" for k in range(args.folds)))


def title_rows(doc, gold: str, cfg, heading_words: int) -> tuple[list[list[float]], list[int]] | None:
    """(evidence vectors, labels) of the headline candidates of one dump against its normalised gold title
    (see the module docstring); None when the dump has no candidate."""
    from pipeline.clean.dialect import detect as detect_dialect

    rule = cfg.signal_rule("title_headline")
    dialect = detect_dialect(doc.text)
    items = [make_item(s, heading_words, dialect) for s in segment_blocks(doc.text, dialect)]
    pg = run_until(items, doc, cfg, dialect, "title_headline")
    cands = headline_candidates(pg, rule)
    if not cands:
        return None
    vecs = [[1.0] + [ev[k] for k in HEADLINE_FEATURES] for _, ev in cands]
    heads = [headline_text(items[i].head, cfg) for i, _ in cands]
    ys = [int(norm_title(strip_site(h) if ev["title_line"] else h) == gold) for h, (_, ev) in zip(heads, cands)]
    if any(y and not ev["title_line"] for y, (_, ev) in zip(ys, cands)):
        # the headline shown in the page is the answer; the title line only where none is shown
        ys = [0 if ev["title_line"] else y for y, (_, ev) in zip(ys, cands)]
    return vecs, ys


def snippet_title_rows(checkout: Path, cache: Path | None, dialects: Sequence[str], cfg,
                       heading_words: int) -> list[tuple]:
    """Title rows (fold -1: always trained on, never scored) of the snippet gold's dev half: each page's
    dumps in ``dialects`` against the page's gold title, where it has one."""
    rows = []
    for page in load_pages(checkout):
        gold = norm_title(page.title)
        if page.part != "dev" or not gold:
            continue
        for d in dialects:
            path = snippet_dump(page, d, cache or SNIPPET_CACHE)
            found = None if path is None else title_rows(read_dump(path, f"{d}/{page.file}.txt"), gold, cfg,
                                                         heading_words)
            if found is not None:
                rows.append((-1, d, *found))
    return rows


def train_titles(args: argparse.Namespace, cfg) -> int:
    """Fit and cross-validate the headline weights (see the module docstring)."""
    heading_words = int(cfg.signal_rule("heading").get("max_words", 20))
    with open(SPLIT_CSV, encoding="utf-8") as fh:
        split = {r["page"]: r for r in csv.DictReader(fh)}
    titles = read_titles()
    pages = sorted(p for p, r in split.items() if r["split"] == "dev")
    rows = []  # (fold, dialect, candidate vectors, labels)
    fold_of_page = {p: int(hashlib.sha1(split[p]["site"].encode()).hexdigest(), 16) % args.folds for p in pages}
    for page in pages:
        gold = norm_title(titles.get(page, {}).get("title", ""))
        fold = fold_of_page[page]
        for d in args.title_dialects:
            path = args.dumps / d / f"{page}.txt"
            if not gold or not path.exists():
                continue
            found = title_rows(read_dump(path, f"{d}/{page}.txt"), gold, cfg, heading_words)
            if found is not None:
                rows.append((fold, d, *found))
    if args.snippets:
        rows += snippet_title_rows(args.snippets, args.snippet_cache, args.title_dialects, cfg, heading_words)
    log.info("%d dumps with candidates, %d with the gold title among them", len(rows), sum(any(r[3]) for r in rows))

    def groups(sel):
        return [(np.array(r[2], dtype=float), np.array(r[3], dtype=float)) for r in sel if any(r[3])]

    held = pinned_weights(cfg, args.free)
    right: dict[str, list[int]] = {d: [] for d in args.title_dialects}
    by_fold: dict[tuple[int, str], list[int]] = {}
    for k in range(args.folds):
        beta = fit_rank(groups([r for r in rows if r[0] != k]), args.l2, **held)
        for r in rows:
            if r[0] == k:
                z = np.array(r[2]) @ beta
                ok = int(r[3][int(np.argmax(z))] == 1)
                right[r[1]].append(ok)
                by_fold.setdefault((k, r[1]), []).append(ok)
    print(f"cross-validated by site ({args.folds} folds): title right among dumps with candidates")
    for d, v in right.items():
        if v:
            print(f"  {d:<10} {np.mean(v):.3f} ({len(v)} dumps)  by fold: "
                  + " ".join(f"{np.mean(by_fold.get((k, d), [0])):.3f}" for k in range(args.folds)))
    if args.cv_clean:
        cv_titles(args, rows, groups, pages, fold_of_page, titles, held)
    beta = fit_rank(groups(rows), args.l2, **held)
    weights = {name: round(float(b), 3) for name, b in zip(("bias",) + HEADLINE_FEATURES, beta)}
    print(json.dumps(weights))
    if args.write:
        write_weights(weights, HEADLINE_ID)
    return 0


def pinned_weights(cfg, free: Sequence[str] | None) -> dict:
    """``fit_rank``'s keywords to refit only the headline weights named in ``free`` (the others held at the values
    rules/clutter.toml pins; a feature it has no weight for at 0); no keywords when ``free`` is None (a full
    refit)."""
    if free is None:
        return {}
    unknown = set(free) - set(HEADLINE_FEATURES)
    if unknown:
        raise SystemExit(f"--free: no such headline feature: {', '.join(sorted(unknown))}")
    pinned = cfg.signal_rule("title_headline").get("weights", {})
    names = ("bias",) + HEADLINE_FEATURES
    return {"base": np.array([float(pinned.get(n, 0.0)) for n in names]), "free": [n in free for n in names]}


def cv_titles(args: argparse.Namespace, rows: list, groups, pages: list[str], fold_of_page: dict[str, int],
              titles: dict, held: dict | None = None) -> None:
    """Title accuracy of the whole clean stage on each held-out fold (every dev dump), with headline weights
    fitted on the other folds (the rule file is copied to a temporary folder with those weights)."""
    import shutil
    import tempfile

    from page_judge import title_match
    from pipeline.clean.page import clean

    right: dict[tuple[int, str], list[int]] = {}
    wrong: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copy(ROOT / "rules" / "dates.toml", folder / "dates.toml")
        for k in range(args.folds):
            beta = fit_rank(groups([r for r in rows if r[0] != k]), args.l2, **(held or {}))
            (folder / "clutter.toml").write_text(RULES.read_text(encoding="utf-8"), encoding="utf-8")
            write_weights({n: round(float(b), 3) for n, b in zip(("bias",) + HEADLINE_FEATURES, beta)}, HEADLINE_ID,
                          folder / "clutter.toml")
            cfg = load_clean_config(folder)
            for page in pages:
                gold = titles.get(page, {}).get("title", "")
                if fold_of_page[page] != k or not gold:
                    continue
                for d in args.title_dialects:
                    path = args.dumps / d / f"{page}.txt"
                    if path.exists():
                        got = clean(read_dump(path, f"{d}/{page}.txt"), cfg).title
                        ok = int(title_match(got, gold)[0])
                        right.setdefault((k, d), []).append(ok)
                        if not ok:
                            wrong.append(f"{k}\t{d}\t{page}\t{got}\t{gold}")
    if args.wrong:
        args.wrong.write_text("".join(f"{x}\n" for x in wrong), encoding="utf-8")
    print("whole clean stage, headline weights cross-validated by site: title right")
    for d in args.title_dialects:
        v = [x for k in range(args.folds) for x in right.get((k, d), [])]
        if v:
            print(f"  {d:<10} {np.mean(v):.3f} ({len(v)} dumps)  by fold: "
                  + " ".join(f"{np.mean(right.get((k, d), [0])):.3f}" for k in range(args.folds)))


def write_weights(weights: dict[str, float], rule_id: str = MODEL_ID, path: Path = RULES) -> None:
    """Replace the ``weights`` line of a rule in ``path`` (rules/clutter.toml)."""
    text = path.read_text(encoding="utf-8")
    start = text.index(f'id = "{rule_id}"')
    line = text.index("\nweights = ", start) + 1
    end = text.index("\n", line)
    body = ", ".join(f'{k} = {v}' for k, v in weights.items())
    path.write_text(text[:line] + f"weights = {{ {body} }}" + text[end:], encoding="utf-8")
    log.debug("weights written to %s", path)


if __name__ == "__main__":
    sys.exit(main())
