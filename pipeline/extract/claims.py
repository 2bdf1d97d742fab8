"""Claim assembly: the quantities of each sentence become :class:`~pipeline.types.Claim` rows.

For one sentence (:func:`analyse_sentence`): bare figures take the unit of the quantity they repeat
("2.82 billion crowns, compared with 2.89 billion": ``carry`` rules), each quantity gets its kind
(:mod:`.kinds`) and metric (:mod:`.metric`), lists of quantities share a kind and map to their own items
("respectively": ``group`` rules), and a figure compared with an earlier one takes its kind. For one
article (:func:`article_claims`): each finding gets a subject and a period (:mod:`.context`) and a
stable :func:`claim_id`. Values, units and bounds come from the number grammar (:mod:`.quantities`),
ranks from :mod:`.ranks`; quantities that are not claims were dropped before (:mod:`.non_claims`).
"""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace

import regex

from ..types import Article, Claim, Sentence
from .claim_rules import ClaimRules
from .context import (
    INDEX_NAME,
    article_subject,
    foreign_names,
    in_speaker_aside,
    named_country,
    named_over_attributive,
    named_subjects,
    opening_name,
    owner_referent,
    place_names,
    written_names,
    parse_subject,
    pick_subject,
    respective_subject,
    place_after,
    source_after,
    speaker_named,
    speaking,
    subject_entities,
    subject_scope,
)
from .period import (
    CALENDAR_WORDS,
    PERIOD_SOURCES,
    article_period,
    carried_period,
    comparison_bases,
    find_periods,
    merge_periods,
    pick_period,
    release_period,
    without_decades,
)
from .kinds import added_change, compared, context, context_matches, decide_direction, decide_kind, units_ok
from .metric import (
    CODED_MEASURE,
    ahead_metric,
    counted_cut,
    cue_metric,
    fixed_metric,
    fixed_subject,
    is_generic,
    movement_metric,
    movement_verb,
    named_possessor,
    own_clause_metric,
    parse_metric,
    past_verb,
    referent_opening,
    survey_metric,
    tag_metric,
    traded_price,
    verb_free,
)
from .ner import Entity, Token
from .quantities import Quantity
from .tables import results_line, table_cell
from .units import measured_by

log = logging.getLogger(__name__)

#: Characters before a quantity searched by ``modifier`` and ``parallel`` rules.
GROUP_CHARS = 60
#: Longest text between a bare figure and the quantity whose unit it takes.
CARRY_CHARS = 90
#: The comma, 'and' or 'or' joining two list members: a word of movement before it belongs to the earlier one.
_LIST_JOIN = regex.compile(r",|\b(?:and|or)\b")
#: Longest text between two members of one list ('5.9% below its peak employment, Arizona 4.1%').
LIST_GAP_CHARS = 40
#: Units a bare figure never takes from a neighbour (and no figure after them takes theirs).
_NO_CARRY_UNITS = frozenset(("count", "rank", "x"))
_CARRY_GAP = regex.compile(r"[;:()\[\]]")
#: Words after a bare figure that are not its own noun ("12.0 mln reported last week", "2.1 bn a year ago").
_NOT_OWN_NOUN = regex.compile(
    r"(?i)(?:[a-z]{2,}ed|an?|the|in|for|at|on|by|from|to|last|this|next|each|per|earlier|ago)\b"
)
#: The trace entry of a metric read from the dependency parse.
PARSE_METRIC = "metric.parse"
#: What a quantity of these kinds measures, unless its metric names it ("the 56-year-old": age; "a pension
#: age of 67" keeps "pension age").
KIND_METRICS = {"age": "age"}
#: What a quantity of these kinds measures when nothing at all names it ("stayed for [four years]").
KIND_FALLBACK = {"duration": "duration"}
#: The trace entry of a metric read from the parts of speech (no dependency parse).
TAG_METRIC = "metric.tags"
#: The trace entry of a metric read from the header of a figure's table column (:mod:`.tables`).
TABLE_METRIC = "metric.table_column"
#: The trace entry of the price of a traded good read from the verb it reaches a sum by (:func:`.metric.traded_price`).
TRADED_PRICE = "metric.traded_price"
#: The trace entry of a metric taken from the sentence before, which a pronoun opening the sentence refers to.
REFERENT_METRIC = "metric.referent"
#: The trace entry of a metric a later member of a list takes from the member before it.
LIST_METRIC = "metric.list_member"
#: Units of time: parts of one span ("2 hours 23 minutes") share a metric.
_TIME_UNITS = frozenset(("year", "month", "week", "day", "h", "min", "s"))
_LIST_GLUE = regex.compile(r"\s{0,3}(?:[,;.]|(?:and|or|but)\b)")


@dataclass(frozen=True)
class Finding:
    """A quantity with its kind and metric decided.

    ``rules``: the rule ids the claim's ``rule`` column lists (the quantity's rules, the kind rule, list
    and comparison rules). ``trace``: the id of every rule that decided something about the quantity:
    those of ``rules`` one by one, then the metric rule, the list rules that made it a list member or
    paired it with an earlier item, and a modifier rule that kept it out of such a pairing. ``subject``:
    the holder a fixed-metric rule read with its metric ("[Labour] on 32%"), '' when none.
    """

    quantity: Quantity
    kind: str
    metric: str
    rules: tuple[str, ...] = ()
    trace: tuple[str, ...] = ()
    direction: str = ""
    subject: str = ""


@dataclass(frozen=True)
class Traced:
    """A claim and the id of every rule that decided something about it (its finding's ``trace``, then
    the ``period`` rule when the period is the article's introduced year)."""

    claim: Claim
    trace: tuple[str, ...]


# ------------------------------------------------------------------------------------------ lists
def _groups(text: str, base: int, items: Sequence[Quantity], rules: ClaimRules) -> list[list[int]]:
    """Index lists of quantities that form one list ("20.3% and 112.5%"): same unit, joined by a connector."""
    if rules.connector is None:
        return []
    groups: list[list[int]] = []
    current = [0] if items else []
    for k in range(1, len(items)):
        a, b = items[k - 1], items[k]
        between = text[a.end - base : b.start - base]
        if a.unit == b.unit and len(between) <= LIST_GAP_CHARS and rules.connector.match(between):
            current.append(k)
        else:
            if len(current) > 1:
                groups.append(current)
            current = [k]
    if len(current) > 1:
        groups.append(current)
    return groups


#: A metric that only names a forecast or estimate a figure is set against ("previous forecast", "missing
#: forecasts", "consensus estimate"): never what the figure measures, which is what was forecast.
_FORECAST_NAME = regex.compile(
    r"(?i)(?:(?:the|a|an|its|their|previous|earlier|prior|original|initial|consensus|average|analysts?['’]?|market"
    r"|missing|beating|versus|topping)\s{1,3}){0,4}"
    r"(?:forecasts?|estimates?|guidance|expectations?|projections?|outlook|consensus)")


def same_measure(earlier: str, unit: str) -> bool:
    """True when a figure in ``unit`` may be set against an earlier one in ``earlier`` as the same measure: the
    same unit, or a sum of the currency an earlier rate is in, its "a share" or "a barrel" left unwritten
    ("$3.10 a share, up from a previous forecast of [$2.90]": USD/share and USD)."""
    return earlier == unit or (earlier.split("/", 1)[0] == unit and _MONEY.fullmatch(unit) is not None)


def _modifier(text: str, base: int, q: Quantity, rules: ClaimRules) -> str:
    """The id of the first ``modifier`` rule that marks ``q`` as part of a modifier, or ''."""
    before = text[max(0, q.start - base - GROUP_CHARS) : q.start - base]
    return next((r.id for r in rules.modifiers if units_ok(r, q.unit) and r.compiled["before"].search(before)), "")


# ------------------------------------------------------------------------------------------ unit carry
def _own_noun(q: Quantity, after: str) -> bool:
    """True when the words after ``q`` are its own counted noun ('4.31 billion shares'), not the next clause."""
    return bool(q.noun) and not _NOT_OWN_NOUN.match(q.noun) and not _LIST_GLUE.match(after)


def _carry_value(q: Quantity, donor: Quantity) -> float:
    """``q``'s value in the donor's unit (a figure next to cents or pence is valued in the main currency)."""
    return float(f"{q.value * donor.subunit:.12g}") if donor.subunit is not None else q.value


def carry_units(text: str, base: int, items: Sequence[Quantity], rules: ClaimRules) -> list[Quantity]:
    """Bare figures that repeat a neighbour's unit take it: '2.82 billion crowns, compared with 2.89 billion'
    (forward: a scaled or non-integer count after a quantity of the same scaling, through a ``carry`` link;
    never from a currency subunit, as in 'rose 50 cents to 22.75')
    and 'to 13-3/4 from 13-1/2 pct', 'eight and nine pct' (back: a count right before a quantity, through
    a ``carry_back`` link). A count followed by its own noun ('4.31 billion shares') keeps its unit.
    """
    out = list(items)
    if not rules.carries or len(out) < 2:
        return out
    for k, f in enumerate(out):
        if f.unit != "count" or _own_noun(f, text[f.end - base : f.end - base + 6]):
            continue
        done = False
        nxt = out[k + 1] if k + 1 < len(out) else None
        if nxt is not None and nxt.unit not in _NO_CARRY_UNITS and nxt.scaled == f.scaled:
            between = text[f.end - base : nxt.start - base]
            for rule, direction in rules.carries:
                if direction == "back" and rule.pattern.fullmatch(between):
                    out[k] = replace(f, unit=nxt.unit, value=_carry_value(f, nxt), rule=f"{f.rule}+{rule.id}")
                    done = True
                    break
        if done or f.is_word or not (f.scaled or not float(f.value).is_integer()):
            continue
        for j in range(k - 1, -1, -1):
            donor = out[j]
            if f.start - donor.end > CARRY_CHARS:
                break
            if donor.unit == "%" and f.value > 100:  # a percentage is no level of 15,230.4
                continue
            if donor.unit in _NO_CARRY_UNITS or donor.subunit is not None:
                break  # 'rose 50 cents to 22.75': the price is in dollars, the cents are the change
            if donor.scaled != f.scaled:
                break
            between = text[donor.end - base : f.start - base]
            if len(between) > CARRY_CHARS or _CARRY_GAP.search(between):
                break
            rule = next((r for r, d in rules.carries if d == "forward" and r.pattern.search(between)), None)
            if rule is not None:
                out[k] = replace(f, unit=donor.unit, value=_carry_value(f, donor), rule=f"{f.rule}+{rule.id}")
            break
    return out


#: The words between a rate and a later sum set against it that restates it ("$3.10 a share, up [from a previous
#: forecast of] $2.90", "$82 a barrel, up from", "45 cents a share from", "$1,850 a month, compared with"): they end
#: in a word of comparison, a forecast's "of" or "beating"/"missing"/"topping".
_SET_AGAINST = regex.compile(
    r"(?i)\b(?:from|against|versus|vs\.?|compared\s{1,3}(?:with|to)|than|beat(?:s|ing)?|miss(?:es|ed|ing)?|"
    r"topp?(?:s|ed|ing)?|(?:forecasts?|estimates?|guidance|expectations?|consensus|projections?|outlook|targets?)"
    r"\s{1,3}(?:of|for))\s{1,3}(?:(?:about|around|some|nearly|the|a|an)\s{1,3})?$"
)


def _same_order(value: float, other: float) -> bool:
    """True when ``value`` lies within a factor of ten of ``other`` (both positive)."""
    return value > 0 and other > 0 and other / 10 <= value <= other * 10


#: A word that opens a clause of circumstance after a figure ("fell 3.2% [after] the IMF cut its forecast", "as",
#: "because", "amid"): the names in it say why or when the figure moved, not whose it is.
_CIRCUMSTANCE = regex.compile(
    r"(?i)\b(?:after|as|because|since|when|while|whereas|before|despite|following|amid|until|once)\b")


def circumstance_name(name: Entity, q: Quantity, text: str, base: int) -> bool:
    """True when ``name`` stands after quantity ``q`` past a word opening a clause of circumstance in sentence
    ``text`` (at absolute offset ``base``): "Brent crude fell [3.2%] to $41.50 a barrel, after the [International
    Monetary Fund] cut its forecast" -> True; such a name is never the figure's subject from outside its clause. A
    span of time before such a word dates an event by another ("[two years] after launching Fox, Ailes got married"):
    False."""
    return q.unit not in _TIME_UNITS and name.start >= q.end \
        and _CIRCUMSTANCE.search(text, q.end - base, max(q.end - base, name.start - base)) is not None


def restated_rates(text: str, base: int, items: Sequence[Quantity]) -> list[Quantity]:
    """Sums with no per-unit of their own set against an earlier rate in the same currency take its unit: the
    earlier figure of a comparison restates the rate ("earnings of $3.10 a share, up from a previous forecast of
    [$2.90]" -> USD/share, "$82 a barrel, up from [$78]" -> USD/bbl, "45 cents a share from [40 cents]"). Not past
    a clause break or more than :data:`NEIGHBOUR_CHARS` characters, nor for a sum with a scale word ("$3 billion") or
    one more than ten times the rate or less than a tenth of it, a total beside it ("22 cts per share, vs [721,000
    dlrs]", "29 cts a share from the [2,750,000 dlr] sale")."""
    out = list(items)
    for k, f in enumerate(out):
        if "/" in f.unit or f.scaled or not k:
            continue
        donor = out[k - 1]
        rate, _, per = donor.unit.partition("/")
        between = text[donor.end - base : f.start - base]
        if (per and rate == f.unit and not donor.scaled and _same_order(f.value, donor.value)
                and len(between) <= NEIGHBOUR_CHARS
                and not _NEIGHBOUR_BREAK.search(between) and _SET_AGAINST.search(between)):
            out[k] = replace(f, unit=donor.unit)
    return out


def share_bounds(text: str, base: int, items: Sequence[Quantity], rules: ClaimRules) -> list[Quantity]:
    """A bound word written before the first member of a list governs the later members of the same unit that
    have none of their own ('about 100 Muslim, [100] Christian and [50] Jewish schools': all approx), through a
    ``shared_bound`` link; a member with its own noun or a new clause between ('about 300 members, and 40 new
    ones joined') breaks the list, and so does a figure in digits right after one in words, or the other way,
    with only a comma between: it restates the first ('almost a quarter, [22%], said')."""
    out = list(items)
    lead = ""
    for k, f in enumerate(out):
        if k and lead and f.bound == "exact" and f.unit == out[k - 1].unit:
            between = text[out[k - 1].end - base : f.start - base]
            restated = f.is_word != out[k - 1].is_word and not any(ch.isalpha() for ch in between)
            if between.lstrip().startswith(",") and not restated:
                # a bare comma joins a list only when the list goes on after this member ('over $50, [$75] or
                # $100'), not a figure set after a comma ('about 6.3 billion, [1.5 billion] of which')
                nxt = out[k + 1] if k + 1 < len(out) else None
                restated = nxt is None or nxt.unit != f.unit or not any(
                    r.pattern.fullmatch(text[f.end - base : nxt.start - base]) for r in rules.shared_bounds)
            rule = None if restated else next((r for r in rules.shared_bounds if r.pattern.fullmatch(between)), None)
            if rule is not None:
                out[k] = replace(f, bound=lead, rule=f"{f.rule}+{rule.id}")
                continue
        opens = f.text[:1].isalpha() and f.value_max is None and f.bound not in ("exact", "range")
        lead = f.bound if opens else ""  # 'about 100': the bound word opens the span
    return out


# ------------------------------------------------------------------------------------------ sentence
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


def _name_within(metric: str, text: str) -> bool:
    """True when ``metric`` is written as a name (every word capitalised) somewhere other than at the start of
    ``text``, where any word is capitalised ("In London, [Corus] fell" is a name; "[Exports] rose" need not be)."""
    if not _named(metric, text):
        return False
    return text.find(metric) > opening_at(text)


def _ids(*joined: str) -> tuple[str, ...]:
    """Rule ids one by one, in order, without repeats, from ids and ``+``-joined id lists."""
    return tuple(dict.fromkeys(i for j in joined for i in j.split("+") if i))


#: What :func:`cue_pass` gives for one sentence: its quantities with carried units, their kinds, their metrics,
#: and the positions whose metric a fixed-metric or ``ahead`` rule gave.
CuePass = tuple[list[Quantity], list[tuple[str, str, bool]], list[tuple[str, str]], set[int]]


#: A brand and model name between a count and what it counts: capitalised words, model numbers and words written
#: in camel case ("12 [Boeing 737] flights", "40 [Airbus A320neo] jets", "500 [Apple iPad] tablets"), then the
#: lower-case words after it.
_MODEL_RUN = regex.compile(
    r"^[ \t]{1,2}(?P<run>(?:(?:\p{Lu}[\p{L}\d&.-]*|[\p{L}-]*\d[\p{L}\d-]*|\p{Ll}+\p{Lu}[\p{L}\d]*)[ \t]{1,2}){1,4})"
    r"(?P<noun>\p{Ll}[\p{L}'’-]*(?:[ \t]{1,2}\p{Ll}[\p{L}'’-]*){0,2})"
)
#: A model number or a word in camel case: what tells a model name from a name that describes a group ("40 Tory MPs").
_MODEL_MARK = regex.compile(r"\d|\p{Ll}\p{Lu}")


def past_model_name(noun: str, after: str, rules: ClaimRules) -> str:
    """What a count counts past a brand and model name that opens its noun ``noun`` (``after``: the text right after
    the count): "12 Boeing 737 flights a week" -> flights, "40 Airbus A320neo jets" -> jets, "500 Apple iPad
    tablets" -> tablets, as "27 737 MAX jets" -> jets; the lower-case words after the name up to a function word,
    ending at the first plural. ``noun`` itself when it opens in lower case or the name holds no model number
    and no word in camel case ("40 Tory MPs" keeps Tory MPs)."""
    if not noun[:1].isupper():
        return noun
    found = _MODEL_RUN.match(after)
    if found is None or not _MODEL_MARK.search(found.group("run")):
        return noun
    words: list[str] = []
    for word in found.group("noun").split():
        low = word.lower()
        if low in rules.stop or low in rules.prepositions or low in rules.determiners or low in rules.links:
            break
        words.append(word)
        if low.endswith("s") and not low.endswith("ss"):
            break
    return " ".join(words) or noun


def cue_pass(text: str, base: int, found: Sequence[Quantity], rules: ClaimRules) -> CuePass:
    """The rule-only first pass of :func:`analyse_sentence` over one sentence (``text`` at absolute offset
    ``base``): its quantities in order with carried units, and of each its ``(kind, rule id, ruled)`` and its
    ``(metric, rule id)`` from a fixed-metric rule, the count noun, an ``ahead`` metric rule or the cue rules;
    and the positions whose metric a fixed-metric or ``ahead`` rule gave (no later step replaces those)."""
    items = share_bounds(text, base, carry_units(text, base, sorted(found, key=lambda f: f.start), rules), rules)
    kinds: list[tuple[str, str, bool]] = []
    metrics: list[tuple[str, str]] = []
    fixed_at: set[int] = set()
    for f in items:
        before, after = context(text, base, f)
        kinds.append(decide_kind(before, after, f.unit, rules, f.text))
        fixed = fixed_metric(before, after, f.unit, rules, f.text, kinds[-1][0])
        noun = past_model_name(counted_noun(f, rules), after, rules)
        if not fixed[0] and not (f.unit == "count" and noun and not is_generic(noun.strip(), rules)):
            fixed = ahead_metric(before, after, f.unit, rules, kinds[-1][0], f.text)
        if fixed[0]:
            metrics.append(fixed)
            fixed_at.add(len(metrics) - 1)
        elif f.unit == "count" and noun:
            metrics.append((noun.strip(), "metric.noun"))
        else:
            metrics.append(cue_metric(before, rules, after))
    return items, kinds, metrics, fixed_at


def reads_tags(text: str, base: int, found: Sequence[Quantity], rules: ClaimRules,
               cues: CuePass | None = None) -> bool:
    """True when :func:`analyse_sentence` reads the sentence's tokens for some quantity of ``found``: one
    without a fixed metric that is a change, has no or a generic cue metric, or whose cue metric is written
    before it (whether that ends in a noun is asked of the tokens). False when tokens would change nothing.
    ``cues``: the sentence's :func:`cue_pass`, when the caller has it."""
    items, kinds, metrics, fixed_at = cues if cues is not None else cue_pass(text, base, found, rules)
    return any(
        k not in fixed_at and (kind[0] == "change" or is_generic(metric, rules)
                               or text.rfind(metric, 0, max(0, f.start - base)) >= 0)
        for k, (f, kind, (metric, _)) in enumerate(zip(items, kinds, metrics, strict=True))
    )


def _amount_like(text: str, base: int, q: Quantity, kind: str, rules: ClaimRules) -> bool:
    """True for an amount, a sum of money added after "a further", "an additional", "an extra" or "another" (a
    change: "will spend a further [$300m]": spending; "settled 0.72 cent firmer" is no sum settled), or a level
    compared with where it stood before, which is still the object of its verb ("pays [£3m] in rent, up from
    £2m": payment)."""
    if kind == "change":
        return _MONEY.fullmatch(q.unit) is not None and added_change(context(text, base, q)[0], rules) is not None
    return kind == "amount" or kind == "level" and compared(context(text, base, q)[1], rules) is not None


def analyse_sentence(text: str, base: int, found: Sequence[Quantity], rules: ClaimRules,
                     tokens: Sequence[Token] = (), cues: CuePass | None = None) -> list[Finding]:
    """Kind, metric and direction of each quantity of one sentence (``text`` starts at absolute offset
    ``base``). ``tokens``: the sentence's dependency parse, when the model's parser ran: a metric the
    parse finds is taken where the cue rules find none or a generic one, and for changes. ``cues``: the
    sentence's :func:`cue_pass` when the caller already made it (it is not changed)."""
    items, kinds, metrics, fixed_at = cues if cues is not None else cue_pass(text, base, found, rules)
    kinds, metrics = list(kinds), list(metrics)  # changed below; the caller's pass stays as it was
    cue_metrics = [m for m, _ in metrics]
    spans = [(f.start, f.end) for f in items]
    #: The metric the parse gives where the cue rules give none, a generic one, or the quantity is a change.
    parsed_metrics: list[str] = []
    parsed = any(t.dep for t in tokens)
    grammar_rule = PARSE_METRIC if parsed else TAG_METRIC
    for k, f in enumerate(items):
        parsed_metrics.append("")
        if k in fixed_at or declared_measure(f, rules):
            continue  # a unit that says what its figures measure says it before any word the tags point to
        if tokens and (kinds[k][0] == "change" or is_generic(metrics[k][0], rules)
                       or not noun_ended(metrics[k][0], text, base, f.start, tokens)):
            parsed_metrics[-1] = (parse_metric(tokens, f.start, f.end, rules, spans) if parsed
                                  else tag_metric(tokens, text, base, f.start, f.end, rules, spans,
                                                  amount=_amount_like(text, base, f, kinds[k][0], rules),
                                                  money=_MONEY.fullmatch(f.unit) is not None))
            if f.unit in _TIME_UNITS and _counted_elsewhere(parsed_metrics[-1], k, items, rules):
                parsed_metrics[-1] = ""  # "hire 2,000 [people] within eight weeks": the people are the count's
            if not noun_ended(metrics[k][0], text, base, f.start, tokens):
                metrics[k] = (parsed_metrics[-1], grammar_rule if parsed_metrics[-1] else "")
    extra: list[list[str]] = [[] for _ in items]
    notes: list[list[str]] = [[] for _ in items]
    # figures set against an earlier one of their unit take its metric (no noun of their own)
    compared_at: set[int] = set()
    # a figure that took its kind from an earlier one of its unit -> it, rule
    compared_with: dict[int, tuple[int, str]] = {}
    # a figure set against a forecast -> the forecast's name, kept if nothing else names it
    forecast_names: dict[int, str] = {}
    for k, f in enumerate(items):
        if k == 0:
            continue
        before = text[max(0, f.start - base - GROUP_CHARS) : f.start - base]
        rule = next((r for r in rules.parallels if context_matches(r, before, context(text, base, f)[1])), None)
        same = ([j for j in range(k) if items[j].unit == f.unit]
                or [j for j in range(k) if same_measure(items[j].unit, f.unit)])  # its unit first, else its rate
        if rule is None or not same:
            continue
        if not kinds[k][2]:
            kinds[k] = (kinds[same[-1]][0], kinds[same[-1]][1], True)
            extra[k].append(rule.id)
            compared_with[k] = (same[-1], rule.id)
        if k not in fixed_at and _FORECAST_NAME.fullmatch(metrics[k][0]):
            forecast_names[k] = metrics[k][0]
            metrics[k] = ("", "")  # "up from a [previous forecast] of $2.90": what was forecast is measured
        donor = metrics[same[-1]][0]
        if (k not in fixed_at and donor and not is_generic(donor, rules) and donor != metrics[k][0]
                and (metrics[k][1] != "metric.noun" or "after" in rule.compiled)
                and kinds[k][0] not in ("rank", "age")):
            metrics[k] = (donor, rule.id)  # "rose 8%, beating forecasts of [6%]": what the forecast was of
            compared_at.add(k)
    paired: set[int] = set(compared_at)
    list_heads: dict[int, int] = {}  # a list member that took its kind from the list's first member -> that member
    for group in _groups(text, base, items, rules):
        head_kind, head_rule, head_ruled = kinds[group[0]]
        last = items[group[-1]]
        tail = text[last.end - base : last.end - base + 40]
        resp = rules.respectively is not None and rules.respectively.match(tail) is not None
        for k in group[1:]:
            notes[k].append(rules.group_ids[0])
        if head_ruled:
            for k in group[1:]:
                if not kinds[k][2]:
                    kinds[k] = (head_kind, head_rule, True)
                    list_heads[k] = group[0]
                extra[k].append(rules.group_ids[0])
        earlier: list[int] = []
        for k in range(group[0]):
            if kinds[k][0] in ("change", "rank"):
                continue
            modifier = _modifier(text, base, items[k], rules)
            if modifier:
                notes[k].append(modifier)
            else:
                earlier.append(k)
        named = [metrics[j][0] for j in (*earlier, group[0]) if metrics[j][0]]
        heads = _list_heads(named[-1]) if resp and named else []
        if (resp or kinds[group[0]][0] in ("change", "share")) and len(earlier) >= len(group):
            for k, src in zip(group, earlier[-len(group):], strict=True):
                metrics[k] = (metrics[src][0], rules.group_ids[1] if resp else rules.group_ids[0])
                notes[k].append(metrics[k][1])
                paired.add(k)
        if len(heads) == len(group):
            for k, head in zip(group, heads, strict=True):
                metrics[k] = (head, rules.group_ids[1])
                if rules.group_ids[1] not in notes[k]:
                    notes[k].append(rules.group_ids[1])
                paired.add(k)
    out: list[Finding] = []
    for k, f in enumerate(items):
        kind, kind_rule, _ = kinds[k]
        metric, metric_rule = metrics[k]
        if k not in paired and k not in fixed_at and (kind in ("change", "rank") or is_generic(metric, rules)):
            donor = metric_donor(text, base, k, items, [kd[0] for kd in kinds], [m for m, _ in metrics], rules)
            if parsed_metrics[k] and (kind == "change" or donor is None):
                if parsed_metrics[k] != metric.lower():  # the parts of speech confirm a cue metric, or replace it
                    metric, metric_rule = parsed_metrics[k], grammar_rule
            elif donor is not None:
                own = own_clause_metric(text[: f.start - base], items[donor].end - base, rules)
                metric, metric_rule = (own, "metric.movement") if own else (metrics[donor][0], "metric.inherit")
        if kind == "change" and is_generic(metric, rules):
            metric, metric_rule = "", ""  # "dropping an [average] of 20%" names no measure: the later steps look on
        if kind in KIND_METRICS and KIND_METRICS[kind] not in metric.lower().split():
            metric, metric_rule = KIND_METRICS[kind], ""
        rule_ids = tuple(r for r in (f.rule, kind_rule, *extra[k]) if r)
        before, after = context(text, base, f)
        direction, direction_rule = decide_direction(before, after, f.text, kind, rules)
        was, parallel_rule = compared_with.get(k, (-1, ""))
        if was >= 0 and kind == "change" and out[was].direction and (
                not direction or _COMPARED_MOVE.search(text, items[was].end - base, f.start - base)):
            # "growth of 2.7%, down from the [2.9%] it forecast": the earlier growth, up like the figure set against it
            direction, direction_rule = out[was].direction, parallel_rule
        head = list_heads.get(k)
        if (head is not None and kind in ("change", "level") and out[head].kind == kind and out[head].direction
                and (kind == "change" or not direction)):
            # a member with no word of movement of its own moves like the first ("5.9% below its peak, Arizona [4.1%]";
            # a level reached too: "rose to $4.10 in May and [$4.25] in June")
            gap = text[items[head].end - base : f.start - base]
            own = decide_direction(_LIST_JOIN.split(gap)[-1], after, f.text, kind, rules)
            if not own[0]:
                direction, direction_rule = out[head].direction, rules.group_ids[0]
        if f.unit == "count" and kind_rule in rules.count_units:
            f = replace(f, unit=rules.count_units[kind_rule])
        f = with_times(f, after)
        if metric and k not in fixed_at:
            metric = verb_free(past_verb(metric, text, base, f.start, tokens, rules) if tokens else metric, rules)
        if metric and any(metric.lower() == q.text.lower() for j, q in enumerate(items) if j != k):
            metric = ""  # another quantity ("a [two-year] contract worth £250,000 a week") is not what is measured
        trace = _ids(*rule_ids, direction_rule, metric_rule if metric else "", *notes[k])
        holder = fixed_subject(before, metric_rule, rules, after) if k in fixed_at else ""
        out.append(Finding(f, kind, metric, rule_ids, trace, direction, holder))
    filled = _fill_empty(text, base, _share_equivalents(text, base, _restated_bounds(text, base, out, rules), rules),
                         cue_metrics, rules)
    # a forecast's name stays where nothing names what was forecast ("compared with [prior guidance] of 4.0%")
    named = [replace(f, metric=forecast_names[k]) if not f.metric and k in forecast_names else f
             for k, f in enumerate(filled)]
    # a sum set against a rate restates it: its unit, once its kind and metric are read as a sum's
    rated = restated_rates(text, base, [f.quantity for f in named])
    return [f if q is f.quantity else replace(f, quantity=q) for f, q in zip(named, rated, strict=True)]


#: "up from" or "down from" between a change and a figure set against it: how the two compare, not a movement of the
#: later one.
_COMPARED_MOVE = regex.compile(r"\b(?i:up|down)\s{1,3}from\b")

#: The word "times" right after a bare count or multiple, part of its span ("visited the region [270 times]",
#: "[10 times] as many cases").
_TIMES_AFTER = regex.compile(r"\s{1,2}times\b")


def with_times(q: Quantity, after: str) -> Quantity:
    """``q`` with the word "times" right after it taken into its span when ``q`` is a bare count or a multiple
    ("[270 times] since leaving office", "[over 42 times]", "[20 times] its launch price"); else ``q``."""
    m = _TIMES_AFTER.match(after) if q.unit in ("count", "x") else None
    if m is None:
        return q
    return replace(q, end=q.end + m.end(), text=q.text + after[: m.end()])


#: What may stand between a quantity with no metric and the earlier one whose metric it takes: no clause
#: break (; : brackets, a full stop, a dash) and at most this many characters.
NEIGHBOUR_CHARS = 80
_LIST_COMMA = regex.compile(r"\s{0,3},\s{0,3}(?:(?:and|or)\s{1,3})?")
_NEIGHBOUR_BREAK = regex.compile(r"[;:()\[\]—–]|\.(?!\d)|\b(?:but|while|whereas|although|though|because)\b")
#: A comma that opens the level a movement reached or left ("rose 2%[, to] an average of £231,000"): no clause
#: break between the change and that level.
_REACHED_COMMA = regex.compile(r",(?=\s{1,3}(?:to|from)\s)")
#: What stands between a figure and the same figure restated in another unit after ", or": at most a short phrase of
#: what the first counts or is a part of ("cut 1,350 [jobs, or] 9%", "73% [of the bill, or] $4.5m").
_RESTATED = regex.compile(r"[^,;:()\[\]—–]{0,40},\s{0,3}or\s{1,3}")


def _counted_elsewhere(metric: str, k: int, items: Sequence[Quantity], rules: ClaimRules) -> bool:
    """True when ``metric`` is the noun another quantity of the sentence than ``k`` counts ("hire [2,000]
    people within eight weeks": people), so that it measures that quantity and not quantity ``k``."""
    low = metric.strip().lower()
    return bool(low) and any(j != k and counted_noun(q, rules).strip().lower() == low for j, q in enumerate(items))


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
    bare = b.unit == "count" and not (noun and not _NOT_OWN_NOUN.match(noun))  # "531 [recognized]" is bare
    physical = bool(unit_measure(b, rules))
    broken = False
    for j in range(k - 1, -1, -1):
        a = items[j]
        between = text[a.end - base : b.start - base]
        if (a.unit == b.unit and len(between) <= NEIGHBOUR_CHARS and rules.compared_base is not None
                and rules.compared_base.search(between) and not _NEIGHBOUR_BREAK.search(between)
                and not is_generic(metrics[j], rules)
                and kinds[j] not in ("rank", "age")):
            return j  # "rose 0.7% in the quarter, compared with [0.5%]": the base of a comparison
        restated = _RESTATED.fullmatch(between) is not None  # "cut 1,350 jobs, or [9%]": the same move again
        broken = broken or len(between) > NEIGHBOUR_CHARS or bool(_NEIGHBOUR_BREAK.search(between)) or (
            "," in _REACHED_COMMA.sub("", between) and not _LIST_COMMA.fullmatch(between) and not restated)
        if broken and not (kinds[j] not in ("change", "rank") and (
                same_measure(a.unit, b.unit) and (bare or b.unit != "count") or kinds[k] in ("change", "share", "rank")
                or bare)):
            continue
        if a.unit in _TIME_UNITS and b.unit not in _TIME_UNITS or a.unit != b.unit and physical:
            continue  # "35% off ... [4ms] [120Hz]": a physical figure measures its own dimension
        related = (a.unit == b.unit or kinds[k] in ("level", "change", "share", "rank") or b.unit == "count"
                   or kinds[j] == "change" or restated)
        if (related and not is_generic(metrics[j], rules) and kinds[j] not in ("rank", "age")
                and not (_name_within(metrics[j], text) and not _DETERMINED.search(text[: text.find(metrics[j])]))):
            return j
    return None


def _fill_empty(text: str, base: int, found: list[Finding], cue_metrics: Sequence[str],
                rules: ClaimRules) -> list[Finding]:
    """Findings where one left without a metric takes, in order: the metric of its :func:`metric_donor`
    (the rule the sentence pass uses too: "Shares fell 1% to [510.75 pence]", "rose 3%, 4% and [5%]"); else
    its cue metric when that is a generic word that still names a measure (the ``fallback`` words: "growth
    was [2%]"); else, for a change or a level a movement reached, the noun before its verb of movement
    (:func:`~pipeline.extract.metric.movement_metric`: "Die [Exporte] stiegen um 4 %"; a name only after a
    determiner); else what its kind measures (:data:`KIND_FALLBACK`: "for [four years]" -> duration); else
    for a level what its unit measures (:func:`level_metric`: a price, an index level; no price for a level
    compared with where it stood before, or its bracketed conversion: "worth [£38.5m] ([52m euros]), up from
    £35.7m" is a sum); else for a physical figure the dimension of its unit (:func:`unit_measure`: "[355 hp]"
    -> power).
    ``cue_metrics``: the cue pass's metric of each finding."""
    out = list(found)
    for k, b in enumerate(out):
        if b.metric:
            continue
        if declared := declared_measure(b.quantity, rules):  # the unit says it: before any neighbour's metric
            out[k] = replace(b, metric=declared, trace=_ids(*b.trace, "metric.unit"))
            continue
        donor = metric_donor(text, base, k, [f.quantity for f in out], [f.kind for f in out],
                             [f.metric for f in out], rules)
        own = own_clause_metric(text[: b.quantity.start - base], out[donor].quantity.end - base, rules) \
            if donor is not None else ""
        if own:
            out[k] = replace(b, metric=own, trace=_ids(*b.trace, "metric.movement"))
        elif donor is not None:
            out[k] = replace(b, metric=out[donor].metric, trace=_ids(*b.trace, "metric.inherit"))
        moved = movement_metric(context(text, base, b.quantity)[0], rules) \
            if not out[k].metric and (b.kind == "change" or b.direction) else ""
        if moved and _name_within(moved, text) and not _DETERMINED.search(text[: text.find(moved)]):
            moved = ""  # "In London, [Corus] fell": a name is no metric ("Die [Exporte] stiegen" is a noun)
        if not out[k].metric and cue_metrics[k].lower() in rules.fallback:
            out[k] = replace(b, metric=cue_metrics[k], trace=_ids(*b.trace, "metric.fallback"))
        elif moved:
            out[k] = replace(b, metric=moved, trace=_ids(*b.trace, "metric.movement"))
        elif not out[k].metric and b.kind in KIND_FALLBACK:
            out[k] = replace(b, metric=KIND_FALLBACK[b.kind], trace=_ids(*b.trace, "metric.kind"))
        elif not out[k].metric and (b.kind == "level" or b.kind == "change" and b.quantity.unit in LEVEL_METRICS) \
                and (measured := level_metric(b.quantity.unit, b.quantity.value)) \
                and (measured != "price"
                     or compared(_BRACKET_CLOSE.sub("", context(text, base, b.quantity)[1]), rules) is None):
            out[k] = replace(b, metric=measured, trace=_ids(*b.trace, "metric.kind"))
        elif not out[k].metric and (measured := unit_measure(b.quantity, rules)):
            out[k] = replace(b, metric=measured, trace=_ids(*b.trace, "metric.dimension"))
    return out


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


#: A money unit: an ISO 4217 code, alone or per some unit ("USD", "USD/bbl").
_MONEY = regex.compile(r"[A-Z]{3}(?:/[\w*]+)?")
#: A price per some time is pay or spending, not a price ("around $60,000 a year").
_PER_TIME = regex.compile(r".*/(?:year|month|week|day|h|min)")
#: The rest of a bracket a conversion stands in ("£38.5m ([52m euros][), up from]"): what follows it follows the sum.
_BRACKET_CLOSE = regex.compile(r"^[^()]{0,40}\)")
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
    return "price" if _MONEY.fullmatch(unit) and not _PER_TIME.fullmatch(unit) else ""


#: A determiner right before a capitalised phrase: a noun, not a name, in languages that capitalise nouns.
_DETERMINED = regex.compile(r"(?i)\b(?:der|die|das|den|dem|des|le|la|les|el|los|las)\s{1,3}$")


def _list_heads(metric: str) -> list[str]:
    """The items of a metric that lists several ("car sales and truck sales", "exports, imports and
    output"): each of them, or [] when it names one thing."""
    parts = [p.strip() for p in regex.split(r"\s*,\s*|\s+and\s+", metric) if p.strip()]
    return parts if len(parts) > 1 else []


#: What stands between a figure and its restatement in brackets: "(" or a semicolon inside them.
_BRACKETED = regex.compile(r"[(;]")
#: Bounds a figure restated in another unit takes from the one it restates.
_RESTATED_BOUNDS = frozenset(("approx", "over", "under", "at_least", "at_most"))
#: What stands between a figure and its restatement: an opening bracket, or ", or".
_RESTATING = regex.compile(r"\s{0,2}(?:\(|,\s{0,2}or\s{1,3})")


def _restated_bounds(text: str, base: int, found: list[Finding], rules: ClaimRules) -> list[Finding]:
    """Findings where a figure restating the one before it in brackets or after ", or" (an ``equivalent``
    rule matches the text between, or ``alternative`` for one unit) with no bound word of its own takes that
    one's bound: "more than 1,200 miles ([1,931 kilometers])", "about 2,750 tons, or [2,500 metric tons]"."""
    out = list(found)
    for k in range(1, len(out)):
        a, b = out[k - 1], out[k]
        if b.quantity.bound != "exact" or a.quantity.bound not in _RESTATED_BOUNDS \
                or "count" in (a.quantity.unit, b.quantity.unit):
            continue
        between = text[a.quantity.end - base : b.quantity.start - base]
        if not _RESTATING.fullmatch(between):
            continue
        group = rules.alternatives if a.quantity.unit == b.quantity.unit else rules.equivalents
        rule = next((r for r in group if r.pattern.fullmatch(between)), None)
        if rule is not None:
            out[k] = replace(b, quantity=replace(b.quantity, bound=a.quantity.bound), trace=_ids(*b.trace, rule.id))
    return out


def _share_equivalents(text: str, base: int, found: list[Finding], rules: ClaimRules) -> list[Finding]:
    """Findings where a quantity restating the one before it in another unit (``equivalent`` rules:
    "$250,000 (£130,000)") and that one share a metric: the one without a metric takes the other's. A
    restatement in brackets or after a semicolon inside them is the same figure: it also takes the kind
    and direction of the one it restates ("costs about $250 ([£129])": a level, like the dollar price)."""
    out = list(found)
    for k in range(1, len(out)):
        a, b = out[k - 1], out[k]
        between = text[a.quantity.end - base : b.quantity.start - base]
        rule = next((r for r in rules.equivalents if r.pattern.fullmatch(between)), None)
        units = (a.quantity.unit, b.quantity.unit)
        if rule is None or units[0] == units[1] or {"count", "%"} & set(units):
            continue
        if (a.kind, a.direction) != (b.kind, b.direction) and _BRACKETED.search(between) \
                and "rank" not in (a.kind, b.kind):
            out[k] = b = replace(b, kind=a.kind, direction=a.direction, rules=_ids(*b.rules, rule.id),
                                   trace=_ids(*b.trace, rule.id))
        if bool(a.metric) == bool(b.metric):
            continue
        if a.metric:
            out[k] = replace(b, metric=a.metric, trace=_ids(*b.trace, rule.id))
        else:
            out[k - 1] = replace(a, metric=b.metric, trace=_ids(*a.trace, rule.id))
    return _share_linked(text, base, out, rules)


def _share_linked(text: str, base: int, found: list[Finding], rules: ClaimRules) -> list[Finding]:
    """Findings where one of two neighbouring quantities has no metric and the other has: alternatives and
    parts of one figure of the same unit (``alternative`` rules: "five or six years", "14 minutes 32.93 seconds") and
    a change restated as a percentage ("rose by £106m or 47.3%") share it either way; a part counted in a whole
    (``part`` rules: "two out of 16 dancers", "one of 1,466 novelists") takes the whole's."""
    out = list(found)
    for k in range(1, len(out)):
        a, b = out[k - 1], out[k]
        if bool(a.metric) == bool(b.metric) or is_generic(a.metric or b.metric, rules):
            continue
        if declared_measure((b if a.metric else a).quantity, rules):
            continue  # "25 points, 11 rebounds": a figure whose unit says what it measures keeps that
        between = text[a.quantity.end - base : b.quantity.start - base]
        same = (a.quantity.unit == b.quantity.unit or {a.quantity.unit, b.quantity.unit} <= _TIME_UNITS
                or b.quantity.unit == "%" and a.kind == "change" and b.kind in ("change", "level")
                and regex.search(r"\bor\b", between) is not None)
        rule = next((r for r in rules.alternatives if r.pattern.fullmatch(between)), None) if same else None
        if rule is not None and a.metric:
            out[k] = replace(b, metric=a.metric, trace=_ids(*b.trace, rule.id))
            continue
        if rule is None and a.kind not in ("change", "rank") and (a.quantity.unit in ("count", b.quantity.unit)
                                                                 or a.kind == "share" and b.quantity.unit == "count"):
            rule = next((r for r in rules.parts if r.pattern.fullmatch(between)), None)
        if rule is not None and b.metric:
            out[k - 1] = replace(a, metric=b.metric, trace=_ids(*a.trace, rule.id))
    return out


# ------------------------------------------------------------------------------------------ claims
#: Labels of the entities whose moving figure is a share price or an index level ("[Corus] fell 2.2% to
#: 55.57 pence", "the [Dow] shed 240 points"), not the entity itself.
_TRADED_LABELS = frozenset(("ORG",))
#: A metric naming a company's shares ("shares", "Nvidia shares", "shares of Acme Corp", "the stock"), whose
#: move in percent or money is its share price.
_SHARES = regex.compile(r"(?:[\p{Lu}\d][\w.&'’-]*\s{1,2}){0,4}(?:[Ss]hares?|[Ss]tocks?)(?:\s{1,2}of\s{1,2}.{1,60})?")
#: Words that already name a price ("the price of gold", "gold prices").
_PRICE_WORDS = frozenset(("price", "prices", "value", "valuation"))


def _tagged_name(metric: str, text: str, base: int, tokens: Sequence[Token], rules: ClaimRules) -> bool:
    """True when every word of ``metric``, where the sentence ``text`` (at absolute offset ``base``) first
    writes it, is tagged a proper noun by the parts of speech ``tokens``, it names no month or weekday, and a
    verb of movement follows it ("[Arcelor] shed 2.1%"; not "[BT] has lost 10% of market share")."""
    at = text.find(metric) if tokens and metric else -1
    if at < 0 or metric.lower() in CALENDAR_WORDS:  # "[December] rose 28%" is no share price
        return False
    inside = [t for t in tokens if base + at <= t.start < base + at + len(metric)]
    following = text[at + len(metric) :].split(maxsplit=1)
    return (bool(inside) and all(t.pos == "PROPN" for t in inside)
            and bool(following) and following[0].lower() in rules.movements)


#: Units of no amount of goods: shares, changes, counts, multiples and ranks.
_NO_GOODS = frozenset(("%", "pp", "bp", "count", "x", "rank"))


def goods_counted(items: Sequence[Quantity], start: int) -> bool:
    """True when a quantity of ``items`` (a sentence's) starting before absolute offset ``start`` is an amount
    of goods in a physical unit other than time, or a rate of one ("2.1 million [tonnes] of wheat", "45 million
    [barrels]", "1 mln [bpd]"): a change after it moves that amount, not the price of the goods."""
    return any(q.start < start and q.unit not in _TIME_UNITS and q.unit not in _NO_GOODS
               and not _MONEY.fullmatch(q.unit) for q in items)


def named_metric(finding: Finding, entities: Sequence[Entity], index: bool = False,
                 rules: ClaimRules | None = None, text: str = "", base: int = 0,
                 tokens: Sequence[Token] = (), goods: bool = False) -> str:
    """The metric of ``finding``, unless it is the name of an organisation of its sentence (``entities``) and
    the finding a change or level: then what such a name's figure measures: "index level" when the sentence moves in
    index points (``index``: "the [Dow] shed 240 points, or 0.7%, to 31,450.2"), else "share price" in percent or
    money ("[Corus] fell 2.2% to 55.57 pence"); a company's shares moving in percent or money ("[Nvidia shares] jumped
    9%") are its "share price" too. A traded good or asset (``traded`` words of the metric rules, ``rules``) moving in
    percent or money is measured by its price ("[Bitcoin] fell 6.5% to $58,200" -> "Bitcoin price"); a name the model
    did not tag as an organisation but the parts of speech ``tokens`` of the sentence ``text`` (at absolute offset
    ``base``) call a proper noun counts as one ("[Acme] fell 8%"). A metric is never a name. ``goods``: the sentence
    states an amount of goods before the figure (:func:`goods_counted`: "2.1 million tonnes of wheat, down [25%]"),
    which the figure moves: no price is added."""
    metric, unit = finding.metric, finding.quantity.unit
    if not metric or finding.kind not in ("change", "level"):
        return metric
    moneyish = unit == "%" or bool(_MONEY.fullmatch(unit))
    if moneyish and _SHARES.fullmatch(_as_written(metric, text)):
        return "share price"  # "[Nvidia shares] jumped 9% to $135.58", "[Shares of Acme] rose": one metric
    if rules is not None and moneyish and not goods and metric.split()[-1].lower() in rules.traded:
        if _PRICE_WORDS.intersection(metric.lower().split()):
            return metric  # "the [price of gold] rose 2%": named already
        return f"{metric} price"  # "[Bitcoin] fell 6.5%", "[Brent crude] rose 2% to $84 a barrel"
    if not any(e.label in _TRADED_LABELS and e.text.lower() == metric.lower() for e in entities) \
            and not (moneyish and rules is not None and _tagged_name(metric, text, base, tokens, rules)) \
            or CODED_MEASURE.fullmatch(metric.split()[-1]):  # "[M2] fell 1.9%": a money supply, no company
        return metric
    if unit == "pt" or (index or INDEX_NAME.search(metric)) and unit in ("pt", "%", "count"):
        return LEVEL_METRICS["pt"]
    return "share price" if unit == "%" or _MONEY.fullmatch(unit) else metric


def _as_written(phrase: str, text: str) -> str:
    """``phrase`` as the sentence ``text`` writes it (a metric read from the parts of speech comes in lower case:
    "tesco shares" -> "Tesco shares"), or ``phrase`` when the sentence does not hold it."""
    at = text.lower().find(phrase.lower()) if phrase and text else -1
    return text[at : at + len(phrase)] if at >= 0 else phrase


#: The text of an entity that may be a subject: a name opening with a letter or digit, with none of the signs of
#: code or markup ("'@classmethod", "setUpClass(cls)" are no names).
_NAME_TEXT = regex.compile(r"[\p{L}\p{N}][^@(){}<>\[\]|#*_]*")
#: A possessor before a name of two or more capitalised words ("[Morlan’s ]Vector Holdings").
_POSSESSOR_LEAD = regex.compile(r"^[^'’]+['’]s\s{1,3}(?=\p{Lu}[\w.&-]*\s{1,3}\p{Lu})")


#: What stands between a figure and the person it is credited to ("[2] for Larry Ogunjobi").
_CREDITED = regex.compile(r"\s{1,3}for\s{1,3}")


def _names_in(name: str, title: str) -> bool:
    """Whether ``title`` writes ``name`` as a word or words of its own (case aside); never for an empty name."""
    return bool(name) and regex.search(rf"(?i)(?<![\p{{L}}\d]){regex.escape(name)}(?![\p{{L}}\d])", title) is not None


def person_for(text: str, base: int, f: Quantity, people: Sequence[Entity]) -> str:
    """The person a count is credited to with "for" right after it, before any subject its clause names: "(2 for
    Larry Ogunjobi, 3 for Myles Garrett)" -> Larry Ogunjobi, Myles Garrett. ``people``: the sentence's persons,
    ``text`` the sentence at absolute offset ``base``; '' when none follows."""
    return next((p.text for p in people if p.start >= f.end
                 and _CREDITED.fullmatch(text[f.end - base : p.start - base])), "")


def possessed_name(subject: str) -> str:
    """``subject`` without a possessor the entity recogniser read into it, when a name of two or more
    capitalised words follows it: "Morlan’s Vector Holdings" -> "Vector Holdings" (whose claim it is); a
    one-word rest stays a part of the name ("McDonald's Corp")."""
    lead = _POSSESSOR_LEAD.match(subject)
    return subject[lead.end() :] if lead is not None else subject


#: The last word of a company's name ("Farmer Brothers [Co]"): no person's name a trade could open.
_BODY_END = regex.compile(
    r"\b(?:Co|Corp|Corporation|Inc|Ltd|LLC|Plc|PLC|Group|Brothers|Bros|Holdings|Company|Partners)\.?$")
#: How a word of a trade ends ("farm[er]", "investo[r]", "econom[ist]", "tena[nt]", "land[lord]", "nur[se]"): a
#: word of a people the ``agents`` list also holds ("American", "Briton") is none.
_TRADE_END = regex.compile(r"(?:er|or|ist|nt|man|lord|se)$")
#: A capitalised word opening a name of at least two more capitalised words ("[Landlord] James Carter").
_TRADE_LEAD = regex.compile(r"^(\p{Lu}\p{Ll}{2,20})\s{1,3}(?=\p{Lu}[\w.'’-]*\s{1,3}\p{Lu})")


def trade_named(subject: str, agents: frozenset[str]) -> str:
    """``subject`` without the word of a trade the entity recogniser read into a person's name, when that word
    names one of the people of ``agents`` (the ``agents`` list of rules/claims.toml, in the plural) and a name
    of two or more capitalised words follows it: "Landlord James Carter" -> "James Carter", "Economist Ana
    Ruiz" -> "Ana Ruiz"; a name ending as a company's does keeps it ("Farmer Brothers Co"), and so does one opened
    by a word of a people ("American Theatre Wing")."""
    lead = _TRADE_LEAD.match(subject)
    if lead is None:
        return subject
    word, rest = lead.group(1).lower(), subject[lead.end() :]
    if _BODY_END.search(rest):
        return subject  # "Farmer Brothers Co": a company's name
    trade = _TRADE_END.search(word) is not None and (word + "s" in agents or word + "es" in agents)
    return rest if trade else subject


def index_reading(kind: str, unit: str, metric: str, subject: str) -> tuple[str, str]:
    """``(unit, metric)`` of a change or level of a stock index: one in percent or points with no metric whose
    clause's ``subject`` ('' when the subject is not the clause's own) names an index measures "index level"
    ("[the Hang Seng Index] ... but was last trading up [about 1%]"); a bare number ("count") with no noun it
    counts is in index points when that subject names an index or its metric is an index's name ("The FTSE 100
    fell 1.2% to [8,105.3]", "the index rose to [38,412.6]"). Other claims keep ``unit`` and ``metric``."""
    if kind not in ("change", "level"):
        return unit, metric
    of_index = INDEX_NAME.search(subject) is not None
    if not metric and unit in ("%", "pt") and of_index:
        return unit, LEVEL_METRICS["pt"]
    if unit == "count" and (of_index and metric in ("", LEVEL_METRICS["pt"]) or INDEX_NAME.fullmatch(metric)):
        return "pt", LEVEL_METRICS["pt"]
    return unit, metric


#: A word capitalised as a sentence opens ("Unemployment", "House"; not "OPEC", "iPhone").
_OPENING_WORD = regex.compile(r"\p{Lu}\p{Ll}+")
#: What may stand before a sentence's first word: space, quotes, brackets, and the marker of a list item ("* ",
#: "• ", "- ", "1. ", "a) ").
_SENTENCE_LEAD = regex.compile(r"(?:[\s\"'“‘«(\[]|[*•·▪◦‣–—-](?=\s)|(?:\d{1,2}|\p{Ll})[.)](?=\s))*")


def opening_at(text: str) -> int:
    """Where the first word of sentence ``text`` starts: past space, quotes, brackets and a list item's marker
    ("* Cargo handled rose 8.5%" -> 2)."""
    return _SENTENCE_LEAD.match(text).end()  # type: ignore[union-attr]


def sentence_case(metric: str, sentence: str, names: frozenset[str]) -> str:
    """``metric`` with its first word in lower case when that word is capitalised only because it opens the
    sentence ("Unemployment fell 0.2 points" -> unemployment, "House prices rose" -> house prices); a word the
    page writes capitalised inside a sentence (``names``, :func:`~pipeline.extract.context.written_names`) or
    an acronym keeps its case."""
    first = metric.split(" ", 1)[0]
    if not _OPENING_WORD.fullmatch(first) or first in names or not sentence.startswith(first, opening_at(sentence)):
        return metric
    return first.lower() + metric[len(first):]


#: The year of a period value ("2004", "2004-Q4", "FY2004", "2004-03").
_PERIOD_YEAR = regex.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def shifted_period(period: str, years: int) -> str:
    """``period`` (a period value, '' for none) moved by ``years`` years: "2004-Q4", -1 -> "2003-Q4"."""
    if not years or not period:
        return period
    return _PERIOD_YEAR.sub(lambda m: str(int(m.group()) + years), period, count=1)


def claim_id(doc_id: str, start: int, end: int, kind: str) -> str:
    """Stable id of a claim of 16 characters: ``c`` then the first 15 hex digits of sha1 of
    ``doc_id:start:end:kind`` (the letter keeps spreadsheets from reading the id as a number)."""
    return "c" + hashlib.sha1(f"{doc_id}:{start}:{end}:{kind}".encode()).hexdigest()[:15]


#: Characters of a paragraph before a quantity searched for the survey its share of people comes from.
PARAGRAPH_CHARS = 1500


def _last_opening_name(sentences: Sequence[str], rules: ClaimRules, page: str) -> str:
    """The name opening the last of ``sentences`` that opens with one
    (:func:`~pipeline.extract.context.opening_name`, read against the ``page``), or ''; read only when a
    sentence refers back to it, not for every sentence."""
    return next((name for text in reversed(sentences) if (name := opening_name(text, rules, page))), "")


def traced_claims(
    article: Article,
    sentences: Sequence[Sentence],
    found: Sequence[Sequence[Quantity]],
    years: Sequence[Sequence[tuple[int, int, str]]],
    entities: Sequence[Sequence[Entity]],
    rules: ClaimRules,
    tokens: Sequence[Sequence[Token]] | None = None,
    cues: Sequence[CuePass | None] | None = None,
    language: str = "",
) -> list[Traced]:
    """The claims of :func:`article_claims`, each with the ids of the rules that decided it."""
    english = language in ("", "en")
    doc = article.doc
    if not english:  # the English model reads names of other languages badly
        entities = [foreign_names(sent.text, sent.start, ents, rules, language)
                    for sent, ents in zip(sentences, entities, strict=True)]
    subjects = [named_over_attributive(sent.text, sent.start,
                                       [e for e in subject_entities(place_names(sent.text, sent.start, ents,
                                                                                rules.place_nouns, rules.body_nouns),
                                                                    rules, quantities=items)
                                        if _NAME_TEXT.fullmatch(e.text)],
                                       min((q.start for q in items), default=sent.start + len(sent.text)),
                                       rules.place_nouns)
                for sent, ents, items in zip(sentences, entities, found, strict=True)]
    speakers = [[e for e in subject_entities(ents, rules, clause=True, quantities=items)
                 if _NAME_TEXT.fullmatch(e.text)]
                for ents, items in zip(entities, found, strict=True)]
    names = written_names(article.text) if english else frozenset()
    parses = tokens if tokens is not None else [() for _ in sentences]
    # the subject entities checked against each sentence, with the names the model missed ("In [Manchester], rents
    # rose 4%", where it read a date)
    checked = [named_subjects(sent.text, sent.start, ents, all_ents, toks if english else (), names, rules.countries)
               for sent, ents, all_ents, toks in zip(sentences, subjects, entities, parses, strict=True)]
    # names that may stand for a figure whose clause names none: not a place read after its sentence's last figure
    # (for that figure), nor a name with no letter ("½"), nor, on a page not in English, a lone word opening its
    # sentence (a verb or noun the English model reads as a name: "Нарежьте")
    standing = [[e for e in ents if items and e.end <= max(q.end for q in items) and any(c.isalpha() for c in e.text)
                 and (english or " " in e.text.strip() or sent.text[: e.start - sent.start].strip(" \t\"'«“—-"))]
                for sent, ents, items in zip(sentences, subjects, found, strict=True)]
    # the title's main entity, the name of the article its title writes first, stands for the article
    default_subject = article_subject([e for ents, named, own in zip(subjects, checked, standing, strict=True)
                                       for e in (*ents, *named) if english or e in own], article.title)
    if not _names_in(default_subject, article.title):
        default_subject = ""
    default_period, period_rule = article_period(article.text, rules, article.title)
    released = release_period(article.published)  # the last resort: when the claim is stated
    country: str | None = None  # the country the article names most, read when a figure is said of the country
    out: list[Traced] = []
    paragraph, paragraph_period, paragraph_subject, paragraph_year = -1, "", "", ""
    paragraph_rule = ""  # the rule that kept a compared figure's period from being passed on
    plain: list[str] = []  # the paragraph's sentences with no figure, whose opening name a later one may refer to
    earlier: dict[str, str] = {}  # unit -> metric of its last claim in the paragraph's earlier sentences
    paragraph_start = 0
    fixed_ids = {r.id for r in rules.metric_fixed}
    passes = cues if cues is not None else [None for _ in sentences]
    for sent, items, sent_years, ents, named, toks, people, cue, all_ents, own_names in zip(
            sentences, found, years, subjects, checked, parses, speakers, passes, entities, standing, strict=True):
        if sent.paragraph != paragraph:
            paragraph, paragraph_period, paragraph_subject, paragraph_year = sent.paragraph, "", "", ""
            plain = []
            earlier = {}
            paragraph_start = sent.start
        sentence_subject = ""
        in_years = without_decades(sent_years, sent.text, sent.start)  # "in the 1990s" dates no single year
        decade = len(in_years) < len(sent_years)  # nor does any fallback date the sentence's figures
        sent_years = in_years
        if not items and english and sent.text.rstrip().endswith("."):
            plain.append(sent.text)  # "[Tesco] reported results on Tuesday. Its revenue climbed 11%."
        first = len(out)  # the sentence's own claims are out[first:]
        # a part of a year written without its year ("the fourth quarter") takes the year written before it in
        # the paragraph, else the release date's, else (no release date) the article's
        known = paragraph_year or ("" if article.published else default_period)
        context_years = [*([(sent.start - 1, sent.start, known[:4])] if known else []), *sent_years]
        written = find_periods(sent.text, sent.start, rules, article.published, context_years)
        period_rules = {value: rid for _, _, value, rid in written}
        if written:
            sent_years = merge_periods(sent_years, written)
        bases = comparison_bases(sent.text, sent.start, sent_years, rules) if sent_years and rules.period_bases else {}
        own_years = [y for y in sent_years if y not in bases]
        people = [p for p in people if p in named or not any(p.start == e.start for e in ents)]
        ents = named
        starts = sorted(q.start for q in items)
        spans = [(q.start - sent.start, q.end - sent.start) for q in items]
        index = any(q.unit == "pt" for q in items)
        speakers = speaking(sent.text, sent.start, people, items)  # who reports the sentence's figures
        for finding in analyse_sentence(sent.text, sent.start, items, rules, toks, cue):
            f = finding.quantity
            if rules.metric_survey and f.unit == "%" and finding.kind not in ("change", "rank") \
                    and not fixed_ids.intersection(finding.trace):
                paragraph_before = doc.text[max(paragraph_start, f.start - PARAGRAPH_CHARS) : f.start]
                surveyed = survey_metric(*context(sent.text, sent.start, f), paragraph_before, f.unit, rules)
                if surveyed[0]:
                    finding = replace(finding, metric=surveyed[0], subject=surveyed[1] or finding.subject,
                                      trace=_ids(*finding.trace, surveyed[2]))
            following = next((s for s in starts if s >= f.end), None)
            limit = following - sent.start if following is not None else None
            period = pick_period(f.start - sent.start, own_years, sent.start, sent.text, f.end - sent.start, limit,
                                 spans)
            base_rule = ""
            if bases:  # a base of comparison that would have been the period: its rule decided
                passed = pick_period(f.start - sent.start, sent_years, sent.start, sent.text, f.end - sent.start, limit,
                                     spans)
                base_rule = next((rid for y, rid in bases.items() if y[2] == passed and passed != period), "")
            subject = (respective_subject(sent.text, sent.start, f, [*ents, *people], items) or finding.subject
                       or parse_subject(toks, f.start, f.end, people)
                       or (person_for(sent.text, sent.start, f, people) if f.unit == "count" else "")
                       or pick_subject(sent.text, sent.start, f, ents, items, people)
                       or place_after(sent.text, sent.start, f, ents, items)
                       or source_after(sent.text, sent.start, f, ents, rules.outlets))
            subject = trade_named(possessed_name(subject), rules.agents)
            source = "clause" if subject else ""
            if not subject and (sentence_subject or paragraph_subject):
                subject, source = sentence_subject or paragraph_subject, "paragraph"
            elif (not subject and owner_referent(sent.text)
                  and (opener := _last_opening_name(plain, rules, article.text))):
                subject, source = opener, "paragraph"  # "Its quarterly revenue": the body named before
            elif not subject and default_subject:
                subject, source = default_subject, "article"
            elif not subject and (own := [e for e in own_names if not in_speaker_aside(e, speakers)
                                          and not circumstance_name(e, f, sent.text, sent.start)]):
                subject, source = article_subject(own), "paragraph"  # a name of its own sentence, out of its clause
            if source == "clause" and not speaker_named(subject, speakers):
                sentence_subject = subject  # a speaker's is the subject of no figure they report
            # a figure in a table row: its column's header measures it, the row's label is whose it is
            cell = table_cell(doc.text, f.start, f.end) if "\t" in sent.text or "|" in sent.text else None
            if cell is None and " vs" in sent.text:  # a line of a results table: its label measures its figures
                cell = results_line(doc.text, f.start, f.end)
            if cell is not None and cell.label:  # the row is the figure's clause
                subject, source = cell.label, "clause"
            scope = subject_scope(*context(sent.text, sent.start, f), rules) if rules.subject_scopes else None
            if scope is not None and cell is None:  # "the national average of [2.55%]": the country's, not the region's
                if country is None:
                    # names are read only where the model reads them: with no entity found, no country either
                    country = named_country(article.title + "\n" + article.text, rules.countries) \
                        if any(entities) else ""
                subject, source = (country, "article") if scope.get("scope") == "country" and country else ("", "")
                finding = replace(finding, trace=_ids(*finding.trace, scope.id))
            metric = named_metric(finding, ents, index, rules, sent.text, sent.start, toks if english else (),
                                  goods_counted(items, f.start))
            if cell is not None and (cell.whole or not metric):
                metric, finding = cell.metric, replace(finding, trace=_ids(*finding.trace, TABLE_METRIC))
            unit, metric = index_reading(finding.kind, f.unit, metric, subject if source == "clause" else "")
            if not metric and len(out) > first and rules.group_ids[0] in finding.trace:
                # a later member of a list ("Alphabet rose 2.3%, Amazon [1.8%]") measures what the member before it does
                prior = out[-1].claim
                if prior.metric and prior.kind == finding.kind and prior.unit == unit \
                        and not any(prior.metric.lower() == e.text.lower() for e in all_ents):
                    metric, finding = prior.metric, replace(finding, trace=_ids(*finding.trace, LIST_METRIC))
            if english:
                metric, owner = named_possessor(metric, sent.text, names)
                if owner and source != "clause":  # "Manchester United's revenue": whose revenue it is
                    subject, source = owner, "clause"
                if _MONEY.fullmatch(unit) and finding.kind in ("amount", "level", "change"):
                    priced = traded_price(sent.text[: f.start - sent.start], f.text, rules)
                    if priced and (not metric or metric.lower() in priced.lower()):  # "Bitcoin topped $70,000"
                        metric, finding = priced, replace(finding, trace=_ids(*finding.trace, TRADED_PRICE))
                metric = sentence_case(metric, sent.text, names)
                if not metric and earlier.get(unit) and referent_opening(sent.text):
                    metric, finding = earlier[unit], replace(finding, trace=_ids(*finding.trace, REFERENT_METRIC))
            if cell is not None and cell.place and unit == "count":  # a figure in a column of places
                unit, finding = "rank", replace(finding, kind="rank")
            # the first period found, nearest first: the sentence's, the paragraph's, the article's, the release's
            # (none but the sentence's own in a sentence of a decade: "rose 40% in the 1990s" has none)
            candidates = (period, paragraph_period, default_period, released)
            period_source, chosen = next(
                ((where, value) for where, value in zip(PERIOD_SOURCES, candidates)
                 if value and not (decade and where != "sentence")), ("", ""))
            shift = next((r for r in rules.period_shifts
                          if r.compiled["after"].match(sent.text[f.end - sent.start : f.end - sent.start + 80])), None)
            claim = Claim(
                claim_id=claim_id(doc.doc_id, f.start, f.end, finding.kind),
                doc_id=doc.doc_id,
                source=doc.source,
                title=article.title,
                published=article.published,
                paragraph=sent.paragraph,
                sentence=sent.text,
                quantity=f.text,
                value=f.value,
                value_max=f.value_max,
                unit=unit,
                bound=f.bound,
                kind=finding.kind,
                metric=metric,
                subject=subject,
                period=shifted_period(chosen, shift.get("shift") if shift is not None else 0),
                start=f.start,
                end=f.end,
                rule="+".join(dict.fromkeys(finding.rules)),
                direction=finding.direction,
                subject_source=source,
                period_source=period_source,
            )
            out.append(Traced(claim, _ids(*finding.trace, "metric.named" if metric != finding.metric else "",
                                          period_rules.get(period, ""),
                                          period_rule if period_source == "article" else "",
                                          paragraph_rule if period_source == "paragraph" else "",
                                          shift.id if shift is not None else "", base_rule)))
        if sent_years:
            paragraph_year = sent_years[-1][2]  # the year a later "third quarter" is in
        if own_years and items:
            # only a sentence that states figures sets the period of the next ones: the year of an event told
            # in passing ("turned into a film by Huston in 1967") dates none of them, nor a base of comparison
            paragraph_period, paragraph_rule = carried_period(sent.text, sent.start, own_years, rules)
        paragraph_subject = sentence_subject or paragraph_subject
        earlier.update((c.claim.unit, c.claim.metric) for c in out[first:] if c.claim.metric)
    return out


def article_claims(
    article: Article,
    sentences: Sequence[Sentence],
    found: Sequence[Sequence[Quantity]],
    years: Sequence[Sequence[tuple[int, int, str]]],
    entities: Sequence[Sequence[Entity]],
    rules: ClaimRules,
    tokens: Sequence[Sequence[Token]] | None = None,
    cues: Sequence[CuePass | None] | None = None,
    language: str = "",
) -> list[Claim]:
    """Claims of one article; ``found``, ``years``, ``entities``, ``tokens`` (the parse, when the
    parser ran) and ``cues`` (each sentence's :func:`cue_pass` where the caller made it) are aligned with
    ``sentences``; ``language`` (ISO 639-1, '' when unknown): the parts of speech make names of unlabelled
    words only on English pages.

    Period: a year in the claim's sentence, else the last year of an earlier sentence of the same paragraph that
    states figures, else the article's introduced year ("In 2022, ..."). Subject: an entity of the sentence
    (:func:`~pipeline.extract.context.pick_subject`), else the subject of an earlier sentence of the paragraph, else
    the place or organisation the article names most when its title names it too, else the one its own sentence names
    most, else none.
    """
    return [t.claim for t in traced_claims(article, sentences, found, years, entities, rules, tokens, cues, language)]
