"""The metric of a figure whose own words name none: the noun a count counts (:func:`counted_noun`), the
neighbour in its list or comparison it takes one from (:func:`metric_donor`), the measure its unit declares
(:func:`unit_measure`, :func:`declared_measure`), a level's measure read from its unit (:func:`level_metric`),
and the heads of a list read with 'respectively'; with the checks that a metric is a noun written in the
sentence (:func:`noun_ended`).
"""
from __future__ import annotations

import logging
from collections.abc import Sequence

import regex

from .carry import MONEY, NEIGHBOUR_BREAK, NEIGHBOUR_CHARS, NOT_OWN_NOUN, TIME_UNITS, same_measure
from .claim_rules import ClaimRules
from .metric import counted_cut, is_generic
from .ner import Token
from .noun_phrase import movement_verb
from .quantities import Quantity
from .units import measured_by

log = logging.getLogger(__name__)


def noun_ended(metric: str, text: str, base: int, limit: int, tokens: Sequence[Token]) -> bool:
    """True when the last place ``metric`` is written before absolute offset ``limit`` ends in a word the
    parse calls a noun (a metric is never a verb: "Apple Watches start", "it's priced"); True when the
    parse does not cover it."""
    if not metric:
        return True
    at = text.rfind(metric, 0, max(0, limit - base))
    if at < 0:
        return True
    last = base + at + len(metric) - 1
    tok = next((t for t in tokens if t.start <= last < t.end), None)
    return tok is None or tok.pos in ("NOUN", "PROPN")


def _named(metric: str, text: str) -> bool:
    """True when ``metric`` is written in ``text`` as a name (every word capitalised: "Trump")."""
    return bool(metric) and metric in text and all(w[:1].isupper() for w in metric.split())


def name_within(metric: str, text: str) -> bool:
    """True when ``metric`` is written as a name (every word capitalised) somewhere other than at the start of
    ``text``, where any word is capitalised ("In London, [Corus] fell" is a name; "[Exports] rose" need not be)."""
    if not _named(metric, text):
        return False
    return text.find(metric) > opening_at(text)


_LIST_COMMA = regex.compile(r"\s{0,3},\s{0,3}(?:(?:and|or)\s{1,3})?")

#: A comma that opens the level a movement reached or left ("rose 2%[, to] an average of £231,000"): no clause
#: break between the change and that level.
_REACHED_COMMA = regex.compile(r",(?=\s{1,3}(?:to|from)\s)")
#: What stands between a figure and the same figure restated in another unit after ", or": at most a short phrase of
#: what the first counts or is a part of ("cut 1,350 [jobs, or] 9%", "73% [of the bill, or] $4.5m").
_RESTATED = regex.compile(r"[^,;:()\[\]—–]{0,40},\s{0,3}or\s{1,3}")

#: Words joined to a count by a hyphen that say how it stands, not what it counts: the noun after them is the
#: counted one ("its 161-[strong] majority", "the 50-[odd] delegates", "a 40-[plus] crowd").
_COUNT_LINKS = frozenset(("strong", "odd", "plus"))


#: An adverb after a figure, never what it counts ("save millions [annually]", "15 and 20 [respectively]").
_ADVERB_LY = regex.compile(r"\p{L}{2,}(?:al|ive|ous|ed|ful|ent|ant|ate|less|ib|ab|ar|ic)ly|only|nearly|roughly|apiece")


def counted_noun(q: Quantity, rules: ClaimRules) -> str:
    """The noun the grammar read after quantity ``q`` (past a word of :data:`_COUNT_LINKS`: "a 6,000-strong
    [community]"), or '' when it starts with a stop word ("300 [shown]"), a verb of movement in the past
    tense ("averaged 13.7 million and [peaked] at") or is an adverb alone ("save millions [annually]"); an adverb
    before the noun is passed ("two [relatively] smaller organisations"), and a verb after it ends it
    (:func:`~pipeline.extract.metric.counted_cut`: "one bidder [remained]")."""
    words = q.noun.split() if q.noun else []
    if words and words[0].lower() in _COUNT_LINKS:
        words = words[1:]
    if len(words) > 1 and _ADVERB_LY.fullmatch(words[0].lower()):
        words = words[1:]  # "two [relatively] smaller organisations"
    many = q.value != 1 or q.value_max is not None
    words = counted_cut(words, rules, many)  # "one bidder [remained]": the clause's verb is no part of the noun
    first = words[0].lower() if words else ""
    verb = movement_verb(first, rules) and first.endswith("ed") or _ADVERB_LY.fullmatch(first) is not None
    return " ".join(words) if first and first not in rules.stop and not verb else ""


def metric_donor(text: str, base: int, k: int, items: Sequence[Quantity], kinds: Sequence[str],
                 metrics: Sequence[str], rules: ClaimRules) -> int | None:
    """Index of the quantity whose metric quantity ``k`` of a sentence takes when it has none or a generic
    one, or a change's parse finds none: the nearest earlier one of its clause (no clause break between them:
    ; : brackets, a full stop, a dash, 'but'...; a comma only as a list's; at most :data:`NEIGHBOUR_CHARS`)
    that has a metric that is no generic and no name, is no rank or age, gives no time span's metric to
    another unit nor any metric to a physical figure of another unit (one whose unit has a dimension: "4ms",
    "120Hz"), and is related to it: the same unit, or ``k`` a change, level, share, rank or count, or
    itself a change ("Shares fell 1% to [510.75 pence]", "rose 3%, 4% and [5%]"). Past a clause break, a
    quantity that is no change or rank gives its metric to one of its unit (not to a count with a noun of
    its own: "a profit of 19bn kronor, compared with a loss of [10.8bn kronor]"), and to a change, share,
    rank or bare count of any unit ("Exports totalled $4.5bn, a rise of [12%]", "laid off 60 employees ...
    and Gannett laid off [several hundred]")."""
    b = items[k]
    noun = counted_noun(b, rules)
    bare = b.unit == "count" and not (noun and not NOT_OWN_NOUN.match(noun))  # "531 [recognized]" is bare
    physical = bool(unit_measure(b, rules))
    broken = False
    for j in range(k - 1, -1, -1):
        a = items[j]
        between = text[a.end - base : b.start - base]
        if (a.unit == b.unit and len(between) <= NEIGHBOUR_CHARS and rules.compared_base is not None
                and rules.compared_base.search(between) and not NEIGHBOUR_BREAK.search(between)
                and not is_generic(metrics[j], rules)
                and kinds[j] not in ("rank", "age")):
            return j  # "rose 0.7% in the quarter, compared with [0.5%]": the base of a comparison
        restated = _RESTATED.fullmatch(between) is not None  # "cut 1,350 jobs, or [9%]": the same move again
        broken = broken or len(between) > NEIGHBOUR_CHARS or bool(NEIGHBOUR_BREAK.search(between)) or (
            "," in _REACHED_COMMA.sub("", between) and not _LIST_COMMA.fullmatch(between) and not restated)
        if broken and not (kinds[j] not in ("change", "rank") and (
                same_measure(a.unit, b.unit) and (bare or b.unit != "count") or kinds[k] in ("change", "share", "rank")
                or bare)):
            continue
        if a.unit in TIME_UNITS and b.unit not in TIME_UNITS or a.unit != b.unit and physical:
            continue  # "35% off ... [4ms] [120Hz]": a physical figure measures its own dimension
        related = (a.unit == b.unit or kinds[k] in ("level", "change", "share", "rank") or b.unit == "count"
                   or kinds[j] == "change" or restated)
        if (related and not is_generic(metrics[j], rules) and kinds[j] not in ("rank", "age")
                and not (name_within(metrics[j], text) and not DETERMINED.search(text[: text.find(metrics[j])]))):
            return j
    return None


#: The unit rule of a symbol read with the registry's prefixes ("3.8GHz"): its codes are not in the unit table.
_REGISTRY_RULE = regex.compile(r"(?:^|\+)unit\.registry[\w.]*(?:\+|$)")


def unit_measure(q: Quantity, rules: ClaimRules) -> str:
    """What the physical figure ``q`` measures by the dimension of its unit ("355 hp" -> power), for the unit
    table's codes (:attr:`ClaimRules.unit_measures`) and those read with the registry's prefixes ("3.8GHz" ->
    frequency); '' for other units (money, counts, percentages, rates)."""
    measured = rules.unit_measures.get(q.unit, "")
    if not measured and _REGISTRY_RULE.search(q.rule):
        measured = measured_by(q.unit)
    return measured


def declared_measure(q: Quantity, rules: ClaimRules) -> str:
    """What a unit rule that read ``q`` says its figures measure (its ``measures`` field: "scored [31 points]"
    -> points), '' when none says."""
    return next((rules.unit_measures[r] for r in q.rule.split("+") if r in rules.unit_measures), "")


#: A price per some time is pay or spending, not a price ("around $60,000 a year").
_PER_TIME = regex.compile(r".*/(?:year|month|week|day|h|min)")

#: A sum of money this large is an aggregate (a deficit, a valuation, a turnover), never the price of a thing.
AGGREGATE_SUM = 1e9
#: What a level measures when nothing names it, by unit: index points an index level, money a price.
LEVEL_METRICS = {"pt": "index level"}


def level_metric(unit: str, value: float | None = None) -> str:
    """What a ``level`` in ``unit`` (of ``value``, when known) measures when nothing in its sentence names it:
    ``pt`` an index level, money (an ISO 4217 code, or one per some unit) a price, unless a sum of
    :data:`AGGREGATE_SUM` or more (a deficit, a valuation: no price); '' otherwise."""
    if unit in LEVEL_METRICS:
        return LEVEL_METRICS[unit]
    if value is not None and value >= AGGREGATE_SUM:
        return ""
    return "price" if MONEY.fullmatch(unit) and not _PER_TIME.fullmatch(unit) else ""


#: A determiner right before a capitalised phrase: a noun, not a name, in languages that capitalise nouns.
DETERMINED = regex.compile(r"(?i)\b(?:der|die|das|den|dem|des|le|la|les|el|los|las)\s{1,3}$")


def listed_items(metric: str) -> list[str]:
    """The items of a metric that lists several ("car sales and truck sales", "exports, imports and
    output"): each of them, or [] when it names one thing."""
    parts = [p.strip() for p in regex.split(r"\s*,\s*|\s+and\s+", metric) if p.strip()]
    return parts if len(parts) > 1 else []


#: What may stand before a sentence's first word: space, quotes, brackets, and the marker of a list item ("* ",
#: "• ", "- ", "1. ", "a) ").
_SENTENCE_LEAD = regex.compile(r"(?:[\s\"'“‘«(\[]|[*•·▪◦‣–—-](?=\s)|(?:\d{1,2}|\p{Ll})[.)](?=\s))*")


def opening_at(text: str) -> int:
    """Where the first word of sentence ``text`` starts: past space, quotes, brackets and a list item's marker
    ("* Cargo handled rose 8.5%" -> 2)."""
    return _SENTENCE_LEAD.match(text).end()  # type: ignore[union-attr]
