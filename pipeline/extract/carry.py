"""What the figures of one sentence take from each other before their kinds are read: a bare figure takes the
unit of the quantity it repeats ("2.82 billion crowns, compared with 2.89 billion": ``carry`` rules,
:func:`carry_units`), a sum set against a rate takes the rate's code (:func:`restated_rates`), and a bound word
before the first member of a list governs its later members (:func:`share_bounds`).
"""
from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace

import regex

from .claim_rules import ClaimRules
from .period import SET_AGAINST_LEAD, SET_AGAINST_WORDS
from .quantities import Quantity

log = logging.getLogger(__name__)

#: Longest text between a bare figure and the quantity whose unit it takes.
CARRY_CHARS = 90

#: Units a bare figure never takes from a neighbour (and no figure after them takes theirs).
_NO_CARRY_UNITS = frozenset(("count", "rank", "x"))
_CARRY_GAP = regex.compile(r"[;:()\[\]]")
#: Words after a bare figure that are not its own noun ("12.0 mln reported last week", "2.1 bn a year ago").
NOT_OWN_NOUN = regex.compile(
    r"(?i)(?:[a-z]{2,}ed|an?|the|in|for|at|on|by|from|to|last|this|next|each|per|earlier|ago)\b"
)

#: Units of time: parts of one span ("2 hours 23 minutes") share a metric.
TIME_UNITS = frozenset(("year", "month", "week", "day", "h", "min", "s"))
_LIST_GLUE = regex.compile(r"\s{0,3}(?:[,;.]|(?:and|or|but)\b)")
_OR = regex.compile(r"(?i)\bor\b")
#: A unit glued by a hyphen to the end of a quantity, the unit of a compound modifier ("fourteen-night", "12-month").
_GLUED_UNIT = regex.compile(r"\w-\p{L}+$")


def same_measure(earlier: str, unit: str) -> bool:
    """True when a figure in ``unit`` may be set against an earlier one in ``earlier`` as the same measure: the
    same unit, or a sum of the currency an earlier rate is in, its "a share" or "a barrel" left unwritten
    ("$3.10 a share, up from a previous forecast of [$2.90]": USD/share and USD)."""
    return earlier == unit or (earlier.split("/", 1)[0] == unit and MONEY.fullmatch(unit) is not None)


def _own_noun(q: Quantity, after: str) -> bool:
    """True when the words after ``q`` are its own counted noun ('4.31 billion shares'), not the next clause."""
    return bool(q.noun) and not NOT_OWN_NOUN.match(q.noun) and not _LIST_GLUE.match(after)


def restates(q: Quantity, later: Quantity, between: str) -> bool:
    """True when ``later``, after "or", says ``q`` again in another unit rather than naming a second figure of one
    pair: the two are not within a factor of ten ("rose 240,000 or [0.9 pct]", "cut 1,200 or [8%]"), where the
    two guesses of a pair are ("8 or [9 pct]", "a 10- or [12-inch] screen"), or ``later`` is no larger than ``q``
    while two guesses go up ("rose 5 or [2.1%] to 240")."""
    return (_OR.search(between) is not None and q.value > 0 and later.value > 0
            and (not _same_order(q.value, later.value) or later.value <= q.value))


def _carry_value(q: Quantity, donor: Quantity) -> float:
    """``q``'s value in the donor's unit (a figure next to cents or pence is valued in the main currency)."""
    return float(f"{q.value * donor.subunit:.12g}") if donor.subunit is not None else q.value


def carry_units(text: str, base: int, items: Sequence[Quantity], rules: ClaimRules) -> list[Quantity]:
    """Bare figures that repeat a neighbour's unit take it: '2.82 billion crowns, compared with 2.89 billion'
    (forward: a scaled or non-integer count after a quantity of the same scaling, through a ``carry`` link;
    never from a currency subunit, as in 'rose 50 cents to 22.75')
    and 'to 13-3/4 from 13-1/2 pct', 'eight and nine pct' (back: a count right before a quantity, through
    a ``carry_back`` link; not when the quantity after "or" restates the figure in another unit, as in 'rose
    240,000 or 0.9 pct': :func:`restates`), and '3 hours by train and 5 by car' (a gapped clause: :func:`_gapped`).
    A count followed by its own noun ('4.31 billion shares') keeps its unit.
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
            for rule, direction in rules.carries if not restates(f, nxt, between) else ():
                if direction == "back" and rule.pattern.fullmatch(between):
                    out[k] = replace(f, unit=nxt.unit, value=_carry_value(f, nxt), rule=f"{f.rule}+{rule.id}")
                    done = True
                    break
        if done:
            continue
        if k > 0 and _gapped(text, base, out, k, rules):
            continue
        if f.is_word or not (f.scaled or not float(f.value).is_integer()):
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
    return _carry_along_list(text, base, out, rules)


def _gapped(text: str, base: int, out: list[Quantity], k: int, rules: ClaimRules) -> bool:
    """A bare figure of a second clause that leaves out the verb and the unit of the first takes the unit of the
    quantity right before it, when the words after each are the same preposition's phrase ("three hours by train
    and [5] by car", "$40 for adults and [25] for children", "35C in Madrid and [38] in Seville"), through a
    ``carry_gapped`` link whose group ``prep`` names that preposition. Replaces ``out[k]`` and returns True when
    it took a unit."""
    f, donor = out[k], out[k - 1]
    if (donor.unit in _NO_CARRY_UNITS or donor.scaled != f.scaled or f.value_max is not None
            or (donor.unit == "%" and f.value > 100)):
        return False
    between = text[donor.end - base : f.start - base]
    after = text[f.end - base : f.end - base + 24]
    for rule, direction in rules.carries:
        m = rule.pattern.fullmatch(between) if direction == "gapped" else None
        if m is not None and regex.match(rf"\s{{1,3}}{regex.escape(m.group('prep'))}\b", after, flags=regex.I):
            out[k] = replace(f, unit=donor.unit, value=_carry_value(f, donor), rule=f"{f.rule}+{rule.id}")
            return True
    return False


def _carry_along_list(text: str, base: int, items: list[Quantity], rules: ClaimRules) -> list[Quantity]:
    """Bare figures of a list before a last member with a unit take it, back along the list ("[seven], [ten], or
    fourteen-night holidays", "[3], 5 and 10 kg bags"), through a ``carry_list`` link (a list's comma): only when
    the next member carries the unit glued by a hyphen, as a compound modifier does ("fourteen-night", "or
    seven-night"), is a range of two guesses joined by "or" ("seven, [10 or 14 nights]"), or took it from its own
    next member, so a figure before a comma and another figure ("rose 12,
    5 pct of sales") keeps its own. Items in sentence order; returns a new list."""
    links = [r for r, d in rules.carries if d == "list"]
    out = list(items)
    took = [False] * len(out)
    for k in range(len(out) - 2, -1, -1):
        f, nxt = out[k], out[k + 1]
        if (f.unit != "count" or nxt.unit in _NO_CARRY_UNITS or nxt.scaled != f.scaled
                or _own_noun(f, text[f.end - base : f.end - base + 6])):
            continue
        between = text[f.end - base : nxt.start - base]
        own = text[nxt.start - base : nxt.end - base]
        glued = _GLUED_UNIT.search(own) is not None or (nxt.value_max is not None and _OR.search(own) is not None)
        carried = took[k + 1] or glued or any(f"+{r.id}" in nxt.rule for r, d in rules.carries if d == "back")
        rule = next((r for r in links if r.pattern.fullmatch(between)), None) if carried else None
        if rule is not None and not restates(f, nxt, between):
            out[k] = replace(f, unit=nxt.unit, value=_carry_value(f, nxt), rule=f"{f.rule}+{rule.id}")
            took[k] = True
    return out


#: The words between a rate and a later sum set against it that restates it ("$3.10 a share, up [from a previous
#: forecast of] $2.90", "$82 a barrel, up from", "45 cents a share from", "$1,850 a month, compared with"): they end
#: in a word of comparison, a forecast's "of" or "beating"/"missing"/"topping".
_SET_AGAINST = regex.compile(
    r"(?i)\b(?:" + SET_AGAINST_WORDS + r"|beat(?:s|ing)?|miss(?:es|ed|ing)?|topp?(?:s|ed|ing)?|"
    r"(?:forecasts?|estimates?|guidance|expectations?|consensus|projections?|outlook|targets?)\s{1,3}(?:of|for))"
    r"\s{1,3}" + SET_AGAINST_LEAD
)


def _same_order(value: float, other: float) -> bool:
    """True when ``value`` lies within a factor of ten of ``other`` (both positive)."""
    return value > 0 and other > 0 and other / 10 <= value <= other * 10


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
                and not NEIGHBOUR_BREAK.search(between) and _SET_AGAINST.search(between)):
            out[k] = replace(f, unit=donor.unit)
    return out


#: A word between two list members other than the list's own 'and' or 'or' ('16 feet [long] and six feet').
_WORD_BETWEEN = regex.compile(r"(?i)\b(?!(?:and|or)\b)\p{L}")
#: Units of figures that are no physical measure: counts, parts, points, multiples and ranks.
_NO_MEASURE_UNITS = frozenset(("count", "%", "pp", "bp", "pt", "x", "rank"))


def own_measure(unit: str, between: str) -> bool:
    """True when a figure in ``unit`` after the text ``between`` it and the list member before it is a measure of its
    own: a physical unit (no count, share, point or sum of money) with a word standing between the two ('16 feet
    long and [six feet] wide', 'nearly 2 metres tall and [1 metre] wide'): the word closes the first measure."""
    return (unit not in _NO_MEASURE_UNITS and MONEY.fullmatch(unit) is None
            and _WORD_BETWEEN.search(between) is not None)


def share_bounds(text: str, base: int, items: Sequence[Quantity], rules: ClaimRules) -> list[Quantity]:
    """A bound word written before the first member of a list governs the later members of the same unit that
    have none of their own ('about 100 Muslim, [100] Christian and [50] Jewish schools': all approx), through a
    ``shared_bound`` link; a member with its own noun or a new clause between ('about 300 members, and 40 new
    ones joined') breaks the list, and so does a figure in digits right after one in words, or the other way,
    with only a comma between: it restates the first ('almost a quarter, [22%], said'). A word between two measures
    of a physical unit ends the first, each then a measure of its own ('just over 16 feet long and [six feet] wide':
    exact; 'under 3 kg empty and [5 kg] full'), while counts, shares and sums share the noun after the last
    member ('more than 20 red and [30] blue cars': over)."""
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
            if own_measure(f.unit, between):
                restated = True  # 'just over 16 feet long and [six feet] wide': the first measure ends at its word
            rule = None if restated else next((r for r in rules.shared_bounds if r.pattern.fullmatch(between)), None)
            if rule is not None:
                out[k] = replace(f, bound=lead, rule=f"{f.rule}+{rule.id}")
                continue
        opens = f.text[:1].isalpha() and f.value_max is None and f.bound not in ("exact", "range")
        lead = f.bound if opens else ""  # 'about 100': the bound word opens the span
    return out


#: What may stand between a quantity with no metric and the earlier one whose metric it takes: no clause
#: break (; : brackets, a full stop, a dash) and at most this many characters.
NEIGHBOUR_CHARS = 80

NEIGHBOUR_BREAK = regex.compile(r"[;:()\[\]—–]|\.(?!\d)|\b(?:but|while|whereas|although|though|because)\b")

#: A money unit: an ISO 4217 code, alone or per some unit ("USD", "USD/bbl").
MONEY = regex.compile(r"[A-Z]{3}(?:/[\w*]+)?")
