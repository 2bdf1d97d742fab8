"""The kind of a quantity (:data:`~pipeline.extract.claim_rules.KINDS`) from the words around it.

Kinds come from the ``kind`` rules of ``rules/claims.toml`` (first match in file order), else from the
``default`` rule for the quantity's unit. A rule looks at the context of a quantity: ``before`` is
searched in the text before it, ``after`` matched at the text right after it, ``clause`` searched in the
text before it, ``quantity`` searched in its own text (bound words included); the context rules of
``rules/non_claims.toml`` have the same ``before``/``after``/``clause`` shape.
"""
from __future__ import annotations

import logging
from collections.abc import Callable

import regex

from ..rules import Rule
from .claim_rules import ClaimRules
from .quantities import Quantity

log = logging.getLogger(__name__)

#: Characters of context searched before and after a quantity.
BEFORE_CHARS = 200
AFTER_CHARS = 200


def context(text: str, base: int, q: Quantity) -> tuple[str, str]:
    """``(before, after)``: the text of the sentence ``text`` (at absolute offset ``base``) before and
    after quantity ``q``, at most :data:`BEFORE_CHARS` and :data:`AFTER_CHARS` characters."""
    s, e = q.start - base, q.end - base
    return text[max(0, s - BEFORE_CHARS) : s], text[e : e + AFTER_CHARS]


def units_ok(rule: Rule, unit: str) -> bool:
    """True when ``rule`` has no ``units`` field or ``unit`` is one of them (``*/*``: any rate, "USD/bbl"), and
    ``unit`` is none of its ``not_units``."""
    units = rule.get("units")
    if unit in (rule.get("not_units") or ()):
        return False
    return not units or unit in units or ("*/*" in units and "/" in unit)


#: The rules of a rule tuple that fit a unit, by ``(id of the tuple, unit)``; the tuple is kept with them, so an
#: id is never read for another tuple.
_UNIT_RULES: dict[tuple[int, str], tuple[tuple[Rule, ...], tuple[Rule, ...]]] = {}


def rules_for_unit(rules: tuple[Rule, ...], unit: str) -> tuple[Rule, ...]:
    """The rules of ``rules`` whose ``units`` fit ``unit`` (:func:`units_ok`), in order; made once per rule
    tuple and unit."""
    key = (id(rules), unit)
    hit = _UNIT_RULES.get(key)
    if hit is None or hit[0] is not rules:
        hit = (rules, tuple(r for r in rules if units_ok(r, unit)))
        _UNIT_RULES[key] = hit
    return hit[1]


#: A rule with its compiled ``quantity``, ``before``, ``after`` and ``clause`` patterns (None where it has none).
_Tests = tuple[Rule, regex.Pattern | None, regex.Pattern | None, regex.Pattern | None, regex.Pattern | None]
_UNIT_TESTS: dict[tuple[int, str], tuple[tuple[Rule, ...], tuple[_Tests, ...]]] = {}


def tests_for_unit(rules: tuple[Rule, ...], unit: str) -> tuple[_Tests, ...]:
    """The rules of :func:`rules_for_unit`, each as ``(rule, quantity, before, after, clause)``: its patterns
    read once (the tests of :func:`quantity_matches` and :func:`context_matches`; None where it has none)."""
    key = (id(rules), unit)
    hit = _UNIT_TESTS.get(key)
    if hit is None or hit[0] is not rules:
        hit = (rules, tuple((r, r.compiled.get("quantity"), r.compiled.get("before"), r.compiled.get("after"),
                             r.compiled.get("clause")) for r in rules_for_unit(rules, unit)))
        _UNIT_TESTS[key] = hit
    return hit[1]


def passes(own: regex.Pattern | None, b: regex.Pattern | None, a: regex.Pattern | None, c: regex.Pattern | None,
           quantity: str, before: str, after: str) -> bool:
    """True when every pattern given of a rule's :func:`tests_for_unit` tuple (``own``: its ``quantity`` pattern,
    ``b``/``a``/``c``: ``before``/``after``/``clause``) matches as :func:`quantity_matches` and
    :func:`context_matches` ask."""
    # the anchored ``after`` match is the cheapest test, so it runs before the searches of the text before
    return ((own is None or own.search(quantity) is not None) and (a is None or a.match(after) is not None)
            and (b is None or b.search(before) is not None) and (c is None or c.search(before) is not None))


def context_matches(rule: Rule, before: str, after: str) -> bool:
    """True when every context pattern (``before``, ``after``, ``clause``) of ``rule`` matches."""
    return passes(None, rule.compiled.get("before"), rule.compiled.get("after"), rule.compiled.get("clause"), "",
                  before, after)


def quantity_matches(rule: Rule, quantity: str) -> bool:
    """True when ``rule`` has no ``quantity`` pattern or it is found in the quantity's own text (its bound
    words included: "[starts at $999]", "[18 and older]")."""
    return passes(rule.compiled.get("quantity"), None, None, None, quantity, "", "")


def decide_kind(before: str, after: str, unit: str, rules: ClaimRules, quantity: str = "",
                skip: frozenset[str] = frozenset()) -> tuple[str, str, bool]:
    """``(kind, rule id, from_rule)`` for a quantity with ``unit`` and text ``quantity`` between ``before``
    and ``after``; ``from_rule`` is False when the kind is the default of the unit. The rules of ids ``skip``
    are not tried (ones found not to hold for the sentence's grammar)."""
    if unit == "rank":
        kind, rid = rules.defaults.get("rank", ("rank", ""))
        return kind, rid, True
    for rule, own, b, a, c in tests_for_unit(rules.kinds, unit):
        if rule.id not in skip and passes(own, b, a, c, quantity, before, after):
            return rule.get("kind"), rule.id, True
    kind, rid = rules.defaults.get(unit) or rules.defaults.get("*", ("amount", ""))
    return kind, rid, False


#: The ``direction`` of a level-reached rule for a level held with no movement ("unchanged at [5.25%]").
HELD = "none"
#: The end of the text before a level a movement started from ("raised it to 74 cts, from [67 cts], an
#: increase of 10.5 pct"): what follows it tells the move's size, not where this level stood before.
_FROM_LEVEL = regex.compile(r"(?i)\bfrom\s{1,3}(?:[\w-]{1,20}\s{1,3}){0,2}$")
#: Characters before a quantity searched for the word of its movement.
DIRECTION_CHARS = 90
#: Words that turn a sentence to a clause of its own (a contrast, or "and that" opening a second reported clause):
#: the break the direction window and the metric window share.
CLAUSE_TURN = r"\b(?:but|while|whereas|although|though)\b|\band\s{1,3}that\b"
#: Verbs a level stands, is quoted or is held at with a subject of its own after "and": no movement reaches past them.
_STANDING = (r"stood|stands|remain(?:s|ed)?|was|were|is|are|sat|sits|closed|ended|finished|traded|trades|hovered|held"
             r"|stayed|was\s{1,3}quoted|were\s{1,3}quoted")
#: Where the movement of an earlier clause stops reaching a quantity.
#: A comma and "and" opening a clause of its own ("fell 5%[, and the firm said] it will spend a further $1.5bn";
#: not a list's next member: "rose 5% in Paris, and 3% in Lyon"), and "and that" opening a second reported
#: clause ("said costs had fallen by a third [and that] margins improved 2.5 points"), and "and" before a subject of
#: its own and a verb of standing or being ("raised rates to 11.25% [and inflation remains] high, at 6.85%", "rose
#: 3% [and the index closed] at 7,650", "[and vacancy rates remain low], at 2.5%": "high" or "low" there says where
#: the level stands, not a movement; not "rose 3% and closed at", nor after a pronoun: "and it closed at").
_DIRECTION_BREAK = regex.compile(
    r"(?i)[;:!?]|\.\s|" + CLAUSE_TURN +
    r"|,\s{1,3}and\s{1,3}(?:the|it|its|they|their|he|she|we|i|said|says|added|announced|plans?|planned|expects?"
    r"|expected|will|would)\b"
    r"|\band\s{1,3}(?!(?:it|they|he|she|we|i|then|later|now|" + _STANDING + r")\b)(?:[\p{L}\p{N}'’&.-]{1,25}\s{1,3}){1,4}?"
    r"(?:" + _STANDING + r")\b(?:\s{1,3}(?:high|low)\b)?")
_SPACES = regex.compile(r"\s+")
#: The same figure restated in brackets right after a quantity, or the bracket that closes one ("6 feet (1.8
#: meters) closer"): a word of movement or comparison after it is the quantity's own.
_RESTATED_AFTER = regex.compile(r"\s{0,2}\((?=[^()]{0,8}\d)[^()\n]{1,30}\)|\)|")
#: A share's own ", up from" / ", down from" in its sentence: only that sets it against where it stood before
#: ("[45%] of the vote, up from 40%", "(down from 52% in March)"; "[4.2%], higher than the national rate" compares
#: it with another whole).
_SHARE_UP_FROM = regex.compile(r"(?i)^[^.;:]{0,180}?[,(\-–—]\s{0,3}(?:(?:revised|restated)\s{1,3})?(?:up|down)\b[^.;:,]{0,25}?\bfrom\b")
#: A plus sign written right before a quantity's span, the span's own sign ("growth of [+3.2%]"): the number
#: grammar leaves a plus out of the span, a minus in.
_PLUS_BEFORE = regex.compile(r"(?:^|[\s(\[:=/])([+\u2212])\s?$")
#: What a word of movement names when it opens a measure of expectations or aims ("cut its [growth] forecast
#: to 2%", "raised the [inflation] target"): the measure, not the way it moved.
_NAMED_AIM = regex.compile(r"(?i)\s{1,3}(?:forecasts?|targets?|outlook|estimates?|projections?|expectations?|guidance)\b")
#: The text before a word of movement that names what a forecast or target is of ("cut its forecast for global
#: [growth] to 2.9%", "lowered its estimate of wage [growth]"): the word names the measure, not the way it moved.
_AIM_OF = regex.compile(r"(?i)\b(?:forecasts?|targets?|outlook|estimates?|projections?|expectations?|guidance)"
                        r"\s{1,3}(?:for|of)\s{1,3}(?:[\w&.-]{1,20}\s{1,3}){0,4}$")
#: A word of movement in the past tense is the verb whose object is the forecast or target after it
#: ("[undershot] forecasts by 0.2 points", "[lowered] estimates by 5%"), not a noun naming it.
_PAST_VERB = regex.compile(r"(?i)(?:ed|shot)$")
#: The text before a word of movement that names the high or low a movement started from ("climbed from a
#: 13-year [low] of 8 dlrs to near 18 dlrs"): the word names that level, not the way the movement went.
_FROM_MARK = regex.compile(r"(?i)\bfrom\s{1,3}(?:an?|its|their|the)\s{1,3}(?:[\w-]{1,20}\s{1,3}){0,3}$")


#: The ``role`` of a ``direction`` rule whose ``after`` pattern finds the high or low of a span a level stands at
#: ("[19%], its highest in 45 years"), not where it stood before: it gives the level its direction, no earlier figure.
MARK_ROLE = "mark"


def compared(after: str, rules: ClaimRules, marks: bool = True) -> Rule | None:
    """The ``direction`` rule whose ``after`` pattern finds, in the text ``after`` a level, where it stood before
    ("[$24.50], up from $22.99") or, with ``marks``, the high or low of a span it stands at (role
    :data:`MARK_ROLE`: "[19%], its highest in 45 years"); None when none does."""
    return next((r for r in rules.compared
                 if (marks or r.get("role") != MARK_ROLE) and r.compiled["after"].match(after)), None)


def stood_before(after: str, rules: ClaimRules) -> Rule | None:
    """The ``direction`` rule that finds, in the text ``after`` a level, where it stood before: :func:`compared`
    without the rules of a high or low it stands at ("[674.50 cents an ounce], its highest since 1985" is still a
    price)."""
    return compared(after, rules, marks=False)


def added_change(before: str, rules: ClaimRules, quantity: str = "") -> Rule | None:
    """The first ``direction`` rule of ``kind = "change"`` whose ``before`` pattern matches the text ``before`` a
    figure and whose ``quantity`` pattern, when it has one, finds the figure's own text ``quantity``: the figure is
    added to an earlier sum ("spend [an additional] $3m", "pledged [a further] £2bn") or is a rise by what it is
    ("keep warming [below 1.5C]"); None when none does."""
    return next((r for r in rules.reached if r.get("kind") == "change" and r.compiled["before"].search(before)
                 and (r.compiled.get("quantity") is None or (quantity and quantity_matches(r, quantity)))), None)


#: The last word of a match of a kind rule's ``after`` pattern: the word of movement of an ``own_phrase`` rule.
LAST_WORD = regex.compile(r"[\p{L}-]+$")


def after_word(after: str, rule: Rule) -> tuple[int, int] | None:
    """Where, in the text ``after`` a figure, the word of movement of the ``own_phrase`` kind rule ``rule``
    stands (offsets in ``after``), when words stand between the figure and it ("a 5% pay [rise]"); None when
    the rule's ``after`` does not match or the word follows the figure right away."""
    m = rule.compiled["after"].match(after)
    word = LAST_WORD.search(after, 0, m.end()) if m is not None else None
    if word is None or not regex.search(r"\p{L}", after, pos=0, endpos=word.start()):
        return None
    return word.start(), word.end()


def direction_after_word(after: str, rules: ClaimRules) -> tuple[regex.Match, int] | None:
    """The match of a word of movement written right after a figure, or past a few words ("a 2.9 percent
    [drop]", "a 6% sales [increase]"), in the text ``after`` it, and where the text it was matched in starts
    (past the figure restated in brackets: "[about 6 feet] (1.8 meters) [closer]"); None when there is none."""
    if rules.direction_after_re is None:
        return None
    lead = _RESTATED_AFTER.match(after).end()
    m = rules.direction_after_re.match(after[lead:])
    return (m, lead) if m is not None else None


def decide_direction(before: str, after: str, quantity: str, kind: str, rules: ClaimRules,
                     outside: Callable[[int, int], bool] | None = None) -> tuple[str, str]:
    """``(direction, rule id)`` of a quantity whose span is ``quantity``, between ``before`` and ``after``.

    Only a ``change`` or a ``level`` a movement reached (a ``direction`` rule with a ``before`` pattern
    matches, "rose 5% to [$27.2 billion]") has one (a share it reached, "rose to [4.2%] of GDP", has none): a
    sign opening the span ("minus 0.4%", also a plus written right before it: "+3.2%"), else a word right after it ("a 2.9 percent [drop]"), else the
    nearest movement word before it in its clause ("[fell] 3.1%", "[shed] 240 points, or 0.7%"; one that opens
    the name of a forecast or target gives way to an earlier one: "[cut] its growth forecast to 2%"). A level
    compared with where it stood before (a ``direction`` rule with an ``after`` pattern matches: "[$24.50], up
    from $22.99"; a share too: "[45%] of the vote, up from 40%") takes that rule's direction first, unless it is itself the level moved from ("to 74 cts, from
    [67 cts], an increase of 10.5 pct"); a change whose span ends in a word of movement takes its
    direction ("[more than tripled]"); a word after it past other words counts only when ``outside`` (given the
    word's offsets in ``after``) does not find it outside the figure's phrase ("keeping warming below [1.5C]
    requires deep cuts": the cuts are not the figure's). A level reached by a rule with a ``direction`` of its own
    takes that one when no word of movement says ("worth a record [£1.2bn]": up); one whose ``direction`` is
    :data:`HELD` gives none ("unchanged at [5.25%]"). A change with no word of movement takes the ``direction`` of the
    first ``direction`` rule of ``kind = "change"`` whose ``before`` matches ("spend an additional [$3m]": up); those
    rules never decide a level. ``("", "")`` when none says.
    """
    reached, own = "", ""
    if kind == "share":  # a share set against where it stood before: "[45%] of the vote, up from 40%"
        earlier = (compared(after, rules) if _FROM_LEVEL.search(before) is None and _SHARE_UP_FROM.match(after)
                   else None)
        return (earlier.get("direction"), earlier.id) if earlier is not None else ("", "")
    if kind == "level":
        earlier = compared(after, rules) if _FROM_LEVEL.search(before) is None else None
        if earlier is not None:
            return earlier.get("direction"), earlier.id
        by = next((r for r in rules.reached if r.get("kind") != "change" and quantity_matches(r, quantity)
                   and r.compiled["before"].search(before)), None)
        if by is None:
            return "", ""
        reached, own = by.id, by.get("direction") or ""
        if own == HELD:
            return "", reached  # "held steady at [1.8%]": no movement, whatever word stands before it
    elif kind != "change":
        return "", ""
    lead = quantity.lstrip()
    plus = _PLUS_BEFORE.search(before)
    if plus is not None:
        lead = plus.group(1) + lead
    for sign, found in rules.direction_signs.items():
        if lead.lower().startswith(sign) and (not sign[-1].isalpha() or lead[len(sign):len(sign) + 1] in (" ", "")):
            return found[0], "+".join(r for r in (found[1], reached) if r)
    tail = lead.rsplit(None, 1)[-1].lower() if kind == "change" and lead else ""
    if tail in rules.direction_before and tail.isalpha():
        return rules.direction_before[tail]  # "[more than tripled]", "[tripled]": the verb is the span's last word
    # past the same figure restated in brackets: "[about 6 feet] (1.8 meters) closer", "6 feet ([1.8 meters]) closer"
    found = direction_after_word(after, rules) if kind == "change" else None
    if found is not None:
        m, lead = found
        gap = after[lead : lead + m.start("word")]
        if (outside is None or not regex.search(r"\p{L}", gap)
                or not outside(lead + m.start("word"), lead + m.end("word"))):
            way, rid = rules.direction_after[_SPACES.sub(" ", m.group("word").lower())]
            return way, rid
    if rules.direction_before_re is None:
        return "", ""
    window = before[-DIRECTION_CHARS:]
    cuts = list(_DIRECTION_BREAK.finditer(window))
    if cuts:
        window = window[cuts[-1].end():]
    words = list(rules.direction_before_re.finditer(window))
    if not words and kind == "change":  # a rise with no word of movement: "spend an additional [$3m]"
        by = added_change(before, rules, quantity)
        return (by.get("direction") or "", by.id) if by is not None else ("", "")
    if not words:
        return (own, reached) if own else ("", "")
    # a word of movement naming a forecast or target, or what one is of, gives way to a verb before it ("cut its
    # growth forecast", "cut its forecast for global growth")
    named = [w for w in words
             if (not _NAMED_AIM.match(window, w.end()) or _PAST_VERB.search(w.group("word")))
             and _AIM_OF.search(window, 0, w.start()) is None] or words
    # a high or low a movement started from names that level ("from a 13-year low of 8 dlrs to near 18 dlrs")
    named = [w for w in named if _FROM_MARK.search(window, 0, w.start()) is None] or named
    way, rid = rules.direction_before[_SPACES.sub(" ", named[-1].group("word").lower())]
    return way, "+".join(r for r in (rid, reached) if r)
