"""The findings of one sentence (:func:`analyse_sentence`): each quantity with its kind and direction
(:mod:`.kinds`), its role in a movement or comparison, and its metric (fixed and cue rules, the parse or the parts
of speech, then a donor: :mod:`.metric_donors`); the members of a list share a kind and map to their own items
("respectively": ``group`` rules). :func:`cue_pass` reads what the rules alone give and tells whether the
sentence needs the model's tags (:func:`reads_tags`).
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import regex

from ..rules import Rule
from .carry import MONEY, TIME_UNITS, carry_units, restated_rates, same_measure, share_bounds
from .claim_rules import ClaimRules
from .kinds import (
    added_change,
    after_word,
    context,
    context_matches,
    decide_direction,
    decide_kind,
    direction_after_word,
    stood_before,
    units_ok,
)
from .metric import ahead_metric, cue_metric, fixed_metric, fixed_subject, is_generic, past_verb, verb_free
from .metric_clause import movement_metric, own_clause_metric
from .metric_donors import (
    DETERMINED,
    LEVEL_METRICS,
    counted_noun,
    declared_measure,
    level_metric,
    listed_items,
    metric_donor,
    name_within,
    noun_ended,
    unit_measure,
)
from .metric_tags import parse_metric, tag_metric
from .ner import Token
from .own_phrase import outside_phrase
from .quantities import Quantity

log = logging.getLogger(__name__)

#: Characters before a quantity searched by ``modifier`` and ``parallel`` rules.
GROUP_CHARS = 60

#: The comma, 'and' or 'or' joining two list members: a word of movement before it belongs to the earlier one.
_LIST_JOIN = regex.compile(r",|\b(?:and|or)\b")
#: Longest text between two members of one list ('5.9% below its peak employment, Arizona 4.1%').
LIST_GAP_CHARS = 40

#: The trace entry of a metric read from the dependency parse.
PARSE_METRIC = "metric.parse"
#: What a quantity of these kinds measures, unless its metric names it ("the 56-year-old": age; "a pension
#: age of 67" keeps "pension age").
KIND_METRICS = {"age": "age"}
#: What a quantity of these kinds measures when nothing at all names it ("stayed for [four years]").
KIND_FALLBACK = {"duration": "duration"}
#: The trace entry of a metric read from the parts of speech (no dependency parse).
TAG_METRIC = "metric.tags"


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


def _own_kind(text: str, base: int, items: Sequence[Quantity], k: int, rules: ClaimRules) -> bool:
    """True when a kind rule reads list member ``k`` from its own words: the text between it and the member
    before it, and the text after it. False when only words before the list decided its kind ("[Inflation] and
    wages rose 3% and [5%]": the rate word names what the list measures, the verb makes both changes)."""
    f = items[k]
    gap = text[items[k - 1].end - base : f.start - base]
    return decide_kind(gap, context(text, base, f)[1], f.unit, rules, f.text)[2]


#: A metric that only names a forecast or estimate a figure is set against ("previous forecast", "missing
#: forecasts", "consensus estimate"): never what the figure measures, which is what was forecast.
_FORECAST_NAME = regex.compile(
    r"(?i)(?:(?:the|a|an|its|their|previous|earlier|prior|original|initial|consensus|average|analysts?['’]?|market"
    r"|missing|beating|versus|topping)\s{1,3}){0,4}"
    r"(?:forecasts?|estimates?|guidance|expectations?|projections?|outlook|consensus)")


def _modifier(text: str, base: int, q: Quantity, rules: ClaimRules) -> str:
    """The id of the first ``modifier`` rule that marks ``q`` as part of a modifier, or ''."""
    before = text[max(0, q.start - base - GROUP_CHARS) : q.start - base]
    return next((r.id for r in rules.modifiers if units_ok(r, q.unit) and r.compiled["before"].search(before)), "")


def split_ids(*joined: str) -> tuple[str, ...]:
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
        metric, fixed = _first_metric(text, base, f, kinds[-1][0], rules)
        metrics.append(metric)
        if fixed:
            fixed_at.add(len(metrics) - 1)
    return items, kinds, metrics, fixed_at


def _first_metric(text: str, base: int, f: Quantity, kind: str, rules: ClaimRules) -> tuple[tuple[str, str], bool]:
    """``((metric, rule id), fixed)`` of quantity ``f`` of kind ``kind`` as the cue pass reads it: from a
    fixed-metric rule, the count noun, an ``ahead`` metric rule or the cue rules; ``fixed`` when a fixed-metric or
    ``ahead`` rule gave it."""
    before, after = context(text, base, f)
    fixed = fixed_metric(before, after, f.unit, rules, f.text, kind)
    noun = past_model_name(counted_noun(f, rules), after, rules)
    if not fixed[0] and not (f.unit == "count" and noun and not is_generic(noun.strip(), rules)):
        fixed = ahead_metric(before, after, f.unit, rules, kind, f.text)
    if fixed[0]:
        return fixed, True
    if f.unit == "count" and noun:
        return (noun.strip(), "metric.noun"), False
    return cue_metric(before, rules, after), False


_LETTER = regex.compile(r"\p{L}")


def _phrase_word(text: str, base: int, f: Quantity, kind_rule: str, rules: ClaimRules) -> tuple[int, int] | None:
    """Where (absolute offsets) the word of movement of the ``own_phrase`` kind rule of id ``kind_rule`` stands
    after quantity ``f`` past other words ("a 5% pay [rise]"); None for another rule or no words between."""
    rule = rules.own_phrase.get(kind_rule)
    at = after_word(context(text, base, f)[1], rule) if rule is not None else None
    return (f.end + at[0], f.end + at[1]) if at is not None else None


def _moves_past_words(text: str, base: int, f: Quantity, kind: tuple[str, str, bool], rules: ClaimRules) -> bool:
    """True when a word of movement after quantity ``f`` past other words gives its kind (an ``own_phrase`` rule)
    or, for a change, its direction ("a 6% sales [increase]"): whether it is the figure's own is asked of the tokens."""
    if _phrase_word(text, base, f, kind[1], rules) is not None:
        return True
    found = direction_after_word(context(text, base, f)[1], rules) if kind[0] == "change" else None
    return found is not None and _LETTER.search(found[0].string, 0, found[0].start("word")) is not None


def _phrase_kind(text: str, base: int, f: Quantity, kind: tuple[str, str, bool], rules: ClaimRules,
                 tokens: Sequence[Token]) -> tuple[str, str, bool]:
    """The kind of quantity ``f`` once the ``own_phrase`` rules whose word of movement the tokens put outside the
    figure's phrase are set aside ("getting to [5%] means faster growth": no change); ``kind`` when none is."""
    skip: set[str] = set()
    while (word := _phrase_word(text, base, f, kind[1], rules)) is not None \
            and outside_phrase(tokens, (f.start, f.end), word):
        skip.add(kind[1])
        before, after = context(text, base, f)
        kind = decide_kind(before, after, f.unit, rules, f.text, frozenset(skip))
    return kind


def reads_tags(text: str, base: int, found: Sequence[Quantity], rules: ClaimRules,
               cues: CuePass | None = None) -> bool:
    """True when :func:`analyse_sentence` reads the sentence's tokens for some quantity of ``found``: one
    without a fixed metric that is a change, has no or a generic cue metric, or whose cue metric is written
    before it (whether that ends in a noun is asked of the tokens), or one a word of movement after it, past other
    words, gives its kind or direction (whether the word is its own is asked of the tokens). False when tokens
    would change nothing.
    ``cues``: the sentence's :func:`cue_pass`, when the caller has it."""
    items, kinds, metrics, fixed_at = cues if cues is not None else cue_pass(text, base, found, rules)
    return any(
        k not in fixed_at and (kind[0] == "change" or is_generic(metric, rules)
                               or text.rfind(metric, 0, max(0, f.start - base)) >= 0)
        or _moves_past_words(text, base, f, kind, rules)
        for k, (f, kind, (metric, _)) in enumerate(zip(items, kinds, metrics, strict=True))
    )


def _named_currency(items: Sequence[Quantity], k: int) -> str:
    """The currency of the sum of ``items`` nearest to item ``k`` (an earlier one first; a rate's: "USD/bbl" ->
    USD), '' when the sentence names none."""
    money = [(abs(j - k), j > k, q.unit.split("/", 1)[0]) for j, q in enumerate(items)
             if j != k and MONEY.fullmatch(q.unit) and q.subunit is None]
    return min(money)[2] if money else ""


def _outside(tokens: Sequence[Token], f: Quantity) -> Callable[[int, int], bool] | None:
    """For :func:`~pipeline.extract.kinds.decide_direction`: whether the word of movement at offsets in the text
    after quantity ``f`` is outside its phrase, as the sentence's ``tokens`` say; None with no tokens."""
    if not tokens:
        return None
    return lambda start, end: outside_phrase(tokens, (f.start, f.end), (f.end + start, f.end + end))


def _amount_like(text: str, base: int, q: Quantity, kind: str, rules: ClaimRules) -> bool:
    """True for an amount, a sum of money added after "a further", "an additional", "an extra" or "another" (a
    change: "will spend a further [$300m]": spending; "settled 0.72 cent firmer" is no sum settled), or a level
    compared with where it stood before, which is still the object of its verb ("pays [£3m] in rent, up from
    £2m": payment)."""
    if kind == "change":
        return MONEY.fullmatch(q.unit) is not None and added_change(context(text, base, q)[0], rules) is not None
    return kind == "amount" or kind == "level" and stood_before(context(text, base, q)[1], rules) is not None


def analyse_sentence(text: str, base: int, found: Sequence[Quantity], rules: ClaimRules,
                     tokens: Sequence[Token] = (), cues: CuePass | None = None) -> list[Finding]:
    """Kind, metric and direction of each quantity of one sentence (``text`` starts at absolute offset
    ``base``). ``tokens``: the sentence's dependency parse, when the model's parser ran: a metric the
    parse finds is taken where the cue rules find none or a generic one, and for changes. ``cues``: the
    sentence's :func:`cue_pass` when the caller already made it (it is not changed)."""
    items, kinds, metrics, fixed_at = cues if cues is not None else cue_pass(text, base, found, rules)
    kinds, metrics, fixed_at = list(kinds), list(metrics), set(fixed_at)  # changed below; the caller's pass stays
    if tokens and rules.own_phrase:
        for k, f in enumerate(items):
            kind = _phrase_kind(text, base, f, kinds[k], rules, tokens)
            if kind != kinds[k]:  # "getting to [5%] means faster growth": the growth is not the figure's
                kinds[k] = kind
                metrics[k], fixed = _first_metric(text, base, f, kind[0], rules)
                (fixed_at.add if fixed else fixed_at.discard)(k)
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
                                                  money=MONEY.fullmatch(f.unit) is not None))
            if f.unit in TIME_UNITS and _counted_elsewhere(parsed_metrics[-1], k, items, rules):
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
                if not kinds[k][2] or not _own_kind(text, base, items, k, rules):
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
        heads = listed_items(named[-1]) if resp and named else []
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
        outside = _outside(tokens, f)
        direction, direction_rule = decide_direction(before, after, f.text, kind, rules, outside)
        was, parallel_rule = compared_with.get(k, (-1, ""))
        if was >= 0 and kind == "change" and out[was].direction and (
                not direction or _COMPARED_MOVE.search(text, items[was].end - base, f.start - base)):
            # "growth of 2.7%, down from the [2.9%] it forecast": the earlier growth, up like the figure set against it
            direction, direction_rule = out[was].direction, parallel_rule
        if was >= 0:
            out[was] = set_against_earlier(out[was], f, text[items[was].end - base : f.start - base], after, parallel_rule)
        head = list_heads.get(k)
        if (head is not None and kind in ("change", "level") and out[head].kind == kind and out[head].direction
                and (kind == "change" or not direction)):
            # a member with no word of movement of its own moves like the first ("5.9% below its peak, Arizona [4.1%]";
            # a level reached too: "rose to $4.10 in May and [$4.25] in June")
            gap = text[items[head].end - base : f.start - base]
            own = decide_direction(_LIST_JOIN.split(gap)[-1], after, f.text, kind, rules, outside)
            if not own[0]:
                direction, direction_rule = out[head].direction, rules.group_ids[0]
        if kind == "level" and not direction and k and out[k - 1].kind == "level" and not out[k - 1].direction:
            # "went from 2% to [5%]": no word says the way, the two figures do
            way, way_rule = moved_between(items[k - 1], f, text[items[k - 1].end - base : f.start - base], before, rules)
            if way:
                direction, direction_rule = way, way_rule
        if f.unit == "count" and kind_rule in rules.count_units:
            f = replace(f, unit=rules.count_units[kind_rule])
        if f.unit == "count" and kind_rule in rules.context_currency:
            f = replace(f, unit=_named_currency(items, k))  # "the floods cost [billions]": a sum, no count
        f = with_times(f, after)
        if metric and k not in fixed_at:
            metric = verb_free(past_verb(metric, text, base, f.start, tokens, rules) if tokens else metric, rules)
        if metric and any(metric.lower() == q.text.lower() for j, q in enumerate(items) if j != k):
            metric = ""  # another quantity ("a [two-year] contract worth £250,000 a week") is not what is measured
        if metric and unit_words_only(metric, f.text) and metric != KIND_METRICS.get(kind):
            metric = ""  # "viewed [300,000 times]", "[over 51,200 KB]": a unit is never what is measured ("[under age 5]"
            # still measures an age)
        trace = split_ids(*rule_ids, direction_rule, metric_rule if metric else "", *notes[k])
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


#: The ``role`` of the kind rule whose ``before`` pattern finds the later figure of a move from one figure to another
#: with no word of its way ("went from 2% to [5%]"): it moved up when it is the larger.
BETWEEN_ROLE = "between"
#: What stands between the two figures of such a move: "to" and a bound word.
_MOVED_TO = regex.compile(r"(?i)^\s{1,3}to\s{1,3}(?:(?:about|around|roughly|nearly|almost|some|just|only)\s{1,3})?$")


def _between_rule(rules: ClaimRules) -> Rule | None:
    """The kind rule of role :data:`BETWEEN_ROLE` (None when the rules have none)."""
    return next((r for r in rules.kinds if r.get("role") == BETWEEN_ROLE), None)


def moved_between(earlier: Quantity, later: Quantity, gap: str, before: str, rules: ClaimRules) -> tuple[str, str]:
    """``(way, rule id)``: the way a level ``later`` was reached from ``earlier`` when the text names no way, "up"
    when it is the larger, "down" when the smaller, for a move "from" ``earlier`` "to" ``later`` after a verb or noun
    that names none (the
    ``before`` pattern of the kind rule of role :data:`BETWEEN_ROLE` finds it in ``before``, the text before
    ``later``: "the rate went from 2% to [5%]": up; "moved from 4.5% to [4.25%]": down); ``gap``: the text between
    the two; the rule id is that kind rule's. ``("", "")`` when the two are not of one unit (a bare count takes the
    unit after it, a sum the rate after it: "from £900 to [£1,150 a month]"), are equal, or no such move holds them."""
    rule = _between_rule(rules)
    if (rule is None or earlier.value == later.value
            or not (earlier.unit == "count" or same_measure(later.unit, earlier.unit))
            or not _MOVED_TO.match(gap) or rule.compiled["before"].search(before) is None):
        return "", ""
    return ("up" if later.value > earlier.value else "down"), rule.id


#: "up from" or "down from" between a change and a figure set against it: how the two compare, not a movement of the
#: later one.
_COMPARED_MOVE = regex.compile(r"\b(?i:up|down)\s{1,3}from\b")

#: The words between a figure and the one it is set against when that one is where it stood earlier: a comma and
#: "compared with", "against" or "versus", past up to ten words with no figure but a year ("[£1.9bn] for the first half,
#: compared with £1.6bn a year earlier").
_SET_AGAINST_GAP = regex.compile(
    r"(?i)^(?:\s{1,3}(?!(?:and|but|or|while|whereas|which|who|that)\b)(?:(?-i:\p{Lu}\.(?:\p{Lu}\.)+)|[\p{L}'’/-]{1,20}|(?:19|20)\d\d)){0,10}\s{0,3},\s{0,3}"
    r"(?:compared\s{1,3}(?:with|to)|against|versus|vs\.?)\s{1,3}(?:(?:the|a|an|about|around|some|nearly|roughly)\s{1,3})?$")
#: The time after the later figure (and up to two words of its own noun: "769 paid pages a year ago") that says it is
#: where the earlier one stood before: "a year earlier", "a year ago", "in the same period last year", "last year", "in 2022", "the previous quarter".
_EARLIER_TIME = regex.compile(
    r"(?i)^\s{0,3}(?:\([^()]{1,30}\)\s{0,3})?(?:\s{0,3}(?!(?:for|of|at|by|to|on|from|with|in|and|or)\b)\p{Ll}[\p{Ll}-]{1,15}){0,2}\s{0,3}(?:(?:a|one|two|three)\s{1,3}(?:years?|months?|quarters?|weeks?)\s{1,3}(?:earlier|ago|before)"
    r"|(?:in|for|during|over)\s{1,3}(?:the\s{1,3})?(?:same|corresponding|year-(?:earlier|ago)|previous|prior|preceding)\b"
    r"|(?:in|for)\s{1,3}(?:fiscal\s{1,3})?(?:19|20)\d\d\b|last\s{1,3}(?:year|month|quarter|week)\b"
    r"|(?:at\s{1,3})?(?:the\s{1,3})?(?:previous|prior|preceding)\s{1,3}(?:year|quarter|month|week|session)\b)")


def set_against_earlier(earlier: Finding, later: Quantity, gap: str, after: str, rule_id: str) -> Finding:
    """``earlier`` (an amount, count, level or share with no direction) set against where it stood before: a
    figure ``later`` of its unit after ``gap`` (", compared with", "against", "versus") and a time before it in the
    text ``after`` it ("[£1.9bn] for the first half, compared with £1.6bn a year earlier"). Returns it as the level
    it reached (a share keeps its kind), up when it is the larger, down when the smaller; else ``earlier``."""
    q = earlier.quantity
    if (earlier.direction or earlier.kind not in ("amount", "count", "level", "share") or q.unit != later.unit
            or q.value == later.value or q.bound == "range" or later.bound == "range"
            or not _SET_AGAINST_GAP.match(gap) or not _EARLIER_TIME.match(after)):
        return earlier
    kind = "share" if earlier.kind == "share" else "level"
    return replace(earlier, kind=kind, direction="up" if q.value > later.value else "down",
                   trace=(*earlier.trace, rule_id))


#: The word "times" right after a bare count or multiple, part of its span ("visited the region [270 times]",
#: "[10 times] as many cases").
_TIMES_AFTER = regex.compile(r"\s{1,2}times\b")


def unit_words_only(metric: str, span: str) -> bool:
    """True when every word of ``metric`` is a word of the quantity's own ``span`` past its figure: the unit or
    multiple it is written in ("times" of "[300,000 times]", "KB" of "[over 51,200 KB]"), not the noun it measures."""
    words = set(regex.findall(r"[\p{L}]+", span.lower()))
    return bool(words) and all(w in words for w in regex.findall(r"[\p{L}]+", metric.lower()))


def with_times(q: Quantity, after: str) -> Quantity:
    """``q`` with the word "times" right after it taken into its span when ``q`` is a bare count or a multiple
    ("[270 times] since leaving office", "[over 42 times]", "[20 times] its launch price"); else ``q``."""
    m = _TIMES_AFTER.match(after) if q.unit in ("count", "x") else None
    if m is None:
        return q
    return replace(q, end=q.end + m.end(), text=q.text + after[: m.end()])


def _counted_elsewhere(metric: str, k: int, items: Sequence[Quantity], rules: ClaimRules) -> bool:
    """True when ``metric`` is the noun another quantity of the sentence than ``k`` counts ("hire [2,000]
    people within eight weeks": people), so that it measures that quantity and not quantity ``k``."""
    low = metric.strip().lower()
    return bool(low) and any(j != k and counted_noun(q, rules).strip().lower() == low for j, q in enumerate(items))


def _fill_empty(text: str, base: int, found: list[Finding], cue_metrics: Sequence[str],
                rules: ClaimRules) -> list[Finding]:
    """Findings where one left without a metric takes, in order: the metric of its :func:`metric_donor`
    (the rule the sentence pass uses too: "Shares fell 1% to [510.75 pence]", "rose 3%, 4% and [5%]"); else
    its cue metric when that is a generic word that still names a measure (the ``fallback`` words: "growth
    was [2%]"); else, for a change or a level a movement reached, the noun before its verb of movement
    (:func:`~pipeline.extract.metric_clause.movement_metric`: "Die [Exporte] stiegen um 4 %"; a name only after a
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
            out[k] = replace(b, metric=declared, trace=split_ids(*b.trace, "metric.unit"))
            continue
        donor = metric_donor(text, base, k, [f.quantity for f in out], [f.kind for f in out],
                             [f.metric for f in out], rules)
        own = own_clause_metric(text[: b.quantity.start - base], out[donor].quantity.end - base, rules) \
            if donor is not None else ""
        if own:
            out[k] = replace(b, metric=own, trace=split_ids(*b.trace, "metric.movement"))
        elif donor is not None:
            out[k] = replace(b, metric=out[donor].metric, trace=split_ids(*b.trace, "metric.inherit"))
        moved = movement_metric(context(text, base, b.quantity)[0], rules) \
            if not out[k].metric and (b.kind == "change" or b.direction) else ""
        if moved and name_within(moved, text) and not DETERMINED.search(text[: text.find(moved)]):
            moved = ""  # "In London, [Corus] fell": a name is no metric ("Die [Exporte] stiegen" is a noun)
        if not out[k].metric and cue_metrics[k].lower() in rules.fallback:
            out[k] = replace(b, metric=cue_metrics[k], trace=split_ids(*b.trace, "metric.fallback"))
        elif moved:
            out[k] = replace(b, metric=moved, trace=split_ids(*b.trace, "metric.movement"))
        elif not out[k].metric and b.kind in KIND_FALLBACK:
            out[k] = replace(b, metric=KIND_FALLBACK[b.kind], trace=split_ids(*b.trace, "metric.kind"))
        elif not out[k].metric and (b.kind == "level" or b.kind == "change" and b.quantity.unit in LEVEL_METRICS) \
                and (measured := level_metric(b.quantity.unit, b.quantity.value)) \
                and (measured != "price"
                     or stood_before(_BRACKET_CLOSE.sub("", context(text, base, b.quantity)[1]), rules) is None):
            out[k] = replace(b, metric=measured, trace=split_ids(*b.trace, "metric.kind"))
        elif not out[k].metric and (measured := unit_measure(b.quantity, rules)):
            out[k] = replace(b, metric=measured, trace=split_ids(*b.trace, "metric.dimension"))
    return out


#: The rest of a bracket a conversion stands in ("£38.5m ([52m euros][), up from]"): what follows it follows the sum.
_BRACKET_CLOSE = regex.compile(r"^[^()]{0,40}\)")

#: What stands between a figure and its restatement in brackets: "(" or a semicolon inside them.
_BRACKETED = regex.compile(r"[(;]")
#: Bounds a figure restated in another unit takes from the one it restates.
_RESTATED_BOUNDS = frozenset(("approx", "over", "under", "at_least", "at_most"))
#: What stands between a figure and its restatement: an opening bracket, or "or" with or without a comma before it.
_RESTATING = regex.compile(r"\s{0,2}(?:\(|,?\s{0,2}or\s{1,3})")


def _restated_bounds(text: str, base: int, found: list[Finding], rules: ClaimRules) -> list[Finding]:
    """Findings where a figure restating the one before it in brackets or after "or" (an ``equivalent``
    rule matches the text between, or ``alternative`` for one unit) with no bound word of its own takes that
    one's bound: "more than 1,200 miles ([1,931 kilometers])", "about 2,750 tons, or [2,500 metric tons]",
    "about 17% or [3.3 billion barrels]"; a bare count neither gives nor takes one ("about 100 people or 20
    families")."""
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
            out[k] = replace(b, quantity=replace(b.quantity, bound=a.quantity.bound), trace=split_ids(*b.trace, rule.id))
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
        if set(units) <= TIME_UNITS and any(r.pattern.fullmatch(between) for r in rules.alternatives):
            continue  # "two hours or [90 minutes]": alternatives of one span, read by _share_linked
        if (a.kind, a.direction) != (b.kind, b.direction) and _BRACKETED.search(between) \
                and "rank" not in (a.kind, b.kind):
            out[k] = b = replace(b, kind=a.kind, direction=a.direction, rules=split_ids(*b.rules, rule.id),
                                   trace=split_ids(*b.trace, rule.id))
        if bool(a.metric) == bool(b.metric):
            continue
        if a.metric:
            out[k] = replace(b, metric=a.metric, trace=split_ids(*b.trace, rule.id))
        else:
            out[k - 1] = replace(a, metric=b.metric, trace=split_ids(*a.trace, rule.id))
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
        same = (a.quantity.unit == b.quantity.unit or {a.quantity.unit, b.quantity.unit} <= TIME_UNITS
                or b.quantity.unit == "%" and a.kind == "change" and b.kind in ("change", "level")
                and regex.search(r"\bor\b", between) is not None)
        rule = next((r for r in rules.alternatives if r.pattern.fullmatch(between)), None) if same else None
        if rule is not None and a.metric:
            out[k] = replace(b, metric=a.metric, trace=split_ids(*b.trace, rule.id))
            continue
        if rule is None and a.kind not in ("change", "rank") and (a.quantity.unit in ("count", b.quantity.unit)
                                                                 or a.kind == "share" and b.quantity.unit == "count"):
            rule = next((r for r in rules.parts if r.pattern.fullmatch(between)), None)
        if rule is not None and b.metric:
            out[k - 1] = replace(a, metric=b.metric, trace=split_ids(*a.trace, rule.id))
    return out
