"""Score the number/unit grammar on the public Recognizers-Text English specs (report only).

The specs are read at run time from ``--specs`` (default ``../shared/benchmarks/recognizers-text-specs``
next to the repository); nothing of them is stored in the project. Usage::

    python benchmarks/recognizers_eval.py [--specs DIR] [--supported-only] [--errors N]

For each model file the predictions of the matching type are scored against the gold results of each
sentence: NumberModel (every quantity), NumberRangeModel (ranges and bounded quantities), PercentModel
(unit ``%``), CurrencyModel (ISO currencies), DimensionModel (physical units). A prediction matches a
gold result on *value* when the numbers agree (relative tolerance 1e-6), and on *value+unit* when the
unit agrees too (for ranges: the bound). Conventions mapped before scoring, not fitted: a fraction of a
whole is a percentage here (gold 0.25 = 25 %), cents/pence are valued in the main currency, and two
physical codes of one pint unit agree (the project's ``cup`` and pint's ``cp``).
Cases marked ``NotSupported`` are optional in the specs; ``--supported-only`` leaves them out.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import logging
import math
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.extract.quantities import Grammar, Quantity, find_quantities, load_grammar  # noqa: E402
from pipeline.extract.units import pint_code, to_pint  # noqa: E402

log = logging.getLogger("recognizers_eval")

DEFAULT_SPECS = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "recognizers-text-specs"
MODELS = ("NumberModel", "NumberRangeModel", "PercentModel", "CurrencyModel", "DimensionModel")

#: Currency names of the specs without an isoCurrency field, to the ISO codes the grammar documents.
CURRENCY_NAMES = {
    "dollar": "USD", "pound": "GBP", "british pound": "GBP", "euro": "EUR", "chinese yuan": "CNY",
    "japanese yen": "JPY", "franc": "FRF", "rupee": "INR", "peseta": "ESP", "netherlands guilder": "NLG",
    "finnish markka": "FIM", "turkish lira": "TRY", "mexican peso": "MXN", "swiss franc": "CHF",
    "bitcoin": "BTC",
}
#: Subunits valued in the main currency.
SUBUNITS = {"cent": ("USD", 0.01), "pence": ("GBP", 0.01), "penny": ("GBP", 0.01)}


@dataclass
class Gold:
    values: tuple[float, ...]
    unit: str | None


@dataclass
class Score:
    gold: int = 0
    pred: int = 0
    tp_value: int = 0
    tp_unit: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    def prf(self, tp: int) -> tuple[float, float, float]:
        p = tp / self.pred if self.pred else 0.0
        r = tp / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _num(s) -> float | None:
    try:
        return float(str(s).replace(",", ""))
    except (TypeError, ValueError):
        return None


def _dimension_code(name: str) -> str | None:
    expr = name.lower()
    for word, power in (("square ", "**2"), ("cubic ", "**3")):
        if expr.startswith(word):
            expr = expr[len(word) :] + power
    expr = expr.replace(" per ", "/").replace(" ", "_")
    try:
        return pint_code(expr)
    except Exception:  # unknown to pint: scored as a miss on value+unit
        return None


def gold_of(model: str, res: dict) -> Gold | None:
    r = res.get("Resolution") or {}
    raw = r.get("value")
    if model == "NumberRangeModel":
        text = str(raw or "")
        if len(text) < 3:
            return None
        lo, _, hi = text[1:-1].partition(",")
        ends = tuple(v for v in (_num(lo), _num(hi)) if v is not None)
        if lo and hi:
            kind = "range"
        elif lo:
            kind = "over" if text[0] == "(" else "at_least"
        else:
            kind = "under" if text[-1] == ")" else "at_most"
        return Gold(ends, kind) if ends else None
    if model == "PercentModel":
        v = _num(str(raw or "").rstrip("%"))
        return None if v is None else Gold((v,), "%")
    v = _num(raw)
    if v is None:
        return None
    if model == "NumberModel":
        if r.get("subtype") == "fraction" and 0 < abs(v) < 1:
            return Gold((v, v * 100.0), None)
        return Gold((v,), None)
    unit = str(r.get("unit") or "")
    if model == "CurrencyModel":
        if unit.lower() in SUBUNITS:
            code, factor = SUBUNITS[unit.lower()]
            return Gold((v * factor,), code)
        return Gold((v,), r.get("isoCurrency") or CURRENCY_NAMES.get(unit.lower(), unit))
    return Gold((v,), _dimension_code(unit))


def typed(model: str, qs: list[Quantity], grammar: Grammar) -> list[Quantity]:
    # an exchange rate (kind fx) is typed by its numerator below, like any rate
    kinds = {u.code: u.kind for _, u in grammar.units.units if u.kind not in ("per", "registry", "fx")}
    kinds.update({q.unit: "physical" for q in qs if "registry" in q.rule and q.unit not in kinds})
    kinds.update({q.unit: kinds.get(q.unit.split("/")[0], "") for q in qs if "/" in q.unit})  # a rate: its numerator
    if model == "PercentModel":
        return [q for q in qs if q.unit == "%"]
    if model == "CurrencyModel":
        return [q for q in qs if kinds.get(q.unit) == "currency"]
    if model == "DimensionModel":
        return [q for q in qs if kinds.get(q.unit) == "physical"]
    if model == "NumberRangeModel":  # a range is one quantity (value and value_max), or an open bound
        return [q for q in qs if q.value_max is not None or q.bound not in ("exact", "approx")]
    return qs


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def matches(model: str, q: Quantity, g: Gold) -> tuple[bool, bool]:
    """(value matches, value and unit match) for one prediction against one gold result."""
    if model == "NumberRangeModel":
        ends = (q.value, q.value_max) if q.value_max is not None else (q.value,)
        if q.unit == "%" and all(abs(v) <= 1 for v in g.values):  # a share of a whole, given as a fraction
            ends = tuple(e / 100.0 for e in ends)
        ok = len(ends) == len(g.values) and all(_close(a, b) for a, b in zip(sorted(ends), sorted(g.values)))
        kind = "range" if q.value_max is not None else q.bound
        return ok, ok and kind == g.unit
    ok = any(_close(q.value, v) for v in g.values)
    return ok, ok and (g.unit is None or q.unit == g.unit or _same_pint_unit(q.unit, g.unit))


def _same_pint_unit(code: str, gold: str) -> bool:
    """True when two physical codes name one pint unit ("cup" and pint's symbol "cp")."""
    try:
        return to_pint(1.0, code).units == to_pint(1.0, gold).units
    except Exception:  # not a pint unit
        return False


def score_model(model: str, cases: list[dict], grammar: Grammar) -> Score:
    sc = Score()
    for case in cases:
        golds = [g for g in (gold_of(model, r) for r in case.get("Results", [])) if g is not None]
        preds = typed(model, find_quantities(case["Input"], grammar), grammar)
        sc.gold += len(golds)
        sc.pred += len(preds)
        used: set[int] = set()
        for g in golds:
            best = None
            for i, q in enumerate(preds):
                if i in used:
                    continue
                v, u = matches(model, q, g)
                if v and (best is None or (u and not best[1])):
                    best = (i, u)
            if best is None:
                got = [(q.text, q.value, q.unit) for q in preds]
                sc.misses.append(f"{case['Input'][:100]!r} gold={g.values} {g.unit} got={got}")
                continue
            used.add(best[0])
            sc.tp_value += 1
            sc.tp_unit += int(best[1])
        for i, q in enumerate(preds):
            if i not in used:
                sc.extras.append(f"{case['Input'][:100]!r} extra={(q.text, q.value, q.unit, q.bound)}")
    return sc


def spec_paths(specs: Path = DEFAULT_SPECS) -> list[Path]:
    """The model files of MODELS found under ``specs``, in MODELS order (a missing one is logged)."""
    found = []
    for model in MODELS:
        path = specs / f"{model}.json"
        if path.exists():
            found.append(path)
        else:
            log.warning("missing %s", path)
    return found


def corpus_digest(specs: Path = DEFAULT_SPECS) -> str:
    """sha256 (hex) of the spec files scored: each file's name and bytes, in MODELS order."""
    digest = hashlib.sha256()
    for path in spec_paths(specs):
        digest.update(f"{path.name}\n".encode("utf-8"))
        digest.update(path.read_bytes())
    return digest.hexdigest()


def measure(specs: Path = DEFAULT_SPECS, supported_only: bool = False,
            grammar: Grammar | None = None) -> list[tuple[str, int, Score]]:
    """(model, cases, score) of every model file found, in MODELS order, then ``("ALL (micro)", 0, total)``."""
    grammar = grammar or load_grammar()
    total = Score()
    out = []
    for path in spec_paths(specs):
        cases = json.loads(path.read_text(encoding="utf-8"))
        if supported_only:
            cases = [c for c in cases if not c.get("NotSupported")]
        sc = score_model(path.stem, cases, grammar)
        for name in ("gold", "pred", "tp_value", "tp_unit"):
            setattr(total, name, getattr(total, name) + getattr(sc, name))
        out.append((path.stem, len(cases), sc))
    out.append(("ALL (micro)", 0, total))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--specs", type=Path, default=DEFAULT_SPECS)
    ap.add_argument("--supported-only", action="store_true", help="leave out cases marked NotSupported")
    ap.add_argument("--errors", type=int, default=0, help="print up to N missed gold results per model")
    args = ap.parse_args(argv)
    grammar = load_grammar()
    prf = f"{'P':>5} {'R':>5} {'F1':>5}"
    print(f"{'model':18} {'cases':>5} {'gold':>5} {'pred':>5} | {prf} (value) | {prf} (value+unit)")
    *models, (_, _, total) = measure(args.specs, args.supported_only, grammar)
    for model, cases, sc in models:
        pv, pu = sc.prf(sc.tp_value), sc.prf(sc.tp_unit)
        print(f"{model:18} {cases:5d} {sc.gold:5d} {sc.pred:5d} | " + " ".join(f"{100 * x:5.1f}" for x in pv)
              + "         | " + " ".join(f"{100 * x:5.1f}" for x in pu))
        for line in sc.misses[: args.errors]:
            print("   miss:", line)
        for line in sc.extras[: args.errors]:
            print("   extra:", line)
    pv, pu = total.prf(total.tp_value), total.prf(total.tp_unit)
    print(f"{'ALL (micro)':18} {'':5} {total.gold:5d} {total.pred:5d} | " + " ".join(f"{100 * x:5.1f}" for x in pv)
          + "         | " + " ".join(f"{100 * x:5.1f}" for x in pu))
    return 0


if __name__ == "__main__":
    sys.exit(main())
