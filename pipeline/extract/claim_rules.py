"""The claim rules of ``rules/claims.toml``, validated and sorted into families: :class:`ClaimRules`.

Families (field ``family``): ``kind``, ``default``, ``rank``, ``group``, ``direction``, ``metric``,
``subject``, ``period`` and ``words`` (named word lists other patterns use as ``{name}``); the header comment of the rules file says what each field does. Two tables the claim rules
need are written once in other rule files and read from there: the number words that value ranks
("second", "number two": ``numbers.toml``) and the context rules of ``non_claims.toml`` (found quantities
that are not claims).
"""
from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import regex

from ..errors import Errors, RulesError
from ..literals import NeedIndex
from ..rules import Rule, RuleFile, compile_pattern, load_compiled, load_family
from .claim_schema import CLAIM_EXAMPLE, SCHEMA
from .grammar import NON_CLAIMS_SCHEMA, load_word_tables, split_non_claims
from .numwords import WordTables

log = logging.getLogger(__name__)

KINDS = ("count", "amount", "share", "change", "rank", "ratio", "level", "duration", "age")
#: The end of a word of movement: no "up" of a bound "up to" ("up to 40 jobs"), but the "up" of a verb of
#: movement before "to" ("has gone up to £50", "edged up to 4.6%").
_NOT_UP_TO = (r"(?![\w-])(?<!(?<!\b(?:go|goes|going|gone|went|edged|edging|moved|moving|inched|inching|crept|"
              r"ticked|nudged|shot|revised|marked|notched|pushed|bumped|climbed|jumped)\s{1,3})\bup(?=\s{1,3}to\b))")
#: The start of a word of movement before a figure: no letter or hyphen before it, except a high or low glued to
#: the span of time it is the highest or lowest in ("a decades[-low] 3.5%", "a 50-year[-high] 7.1%").
_BEFORE_LEAD = r"(?:(?<![\w-])|(?<=\w-)(?=(?:high|low|peak|trough)s?\b))"
FAMILIES = ("kind", "default", "rank", "group", "direction", "metric", "subject", "period", "words")
#: Values of the ``direction`` column (besides empty).
DIRECTIONS = ("up", "down")
#: Roles of ``group`` rules.
GROUP_ROLES = ("connector", "respectively", "modifier", "parallel", "carry", "carry_back", "carry_list",
               "carry_gapped", "equivalent", "alternative", "part", "shared_bound")

@dataclass(frozen=True)
class ClaimRules:
    """The claim rules of one ``claims.toml``, sorted into families, with the tables they read elsewhere."""

    file: RuleFile
    #: Number words of ``numbers.toml``: ordinal and cardinal words give a rank its value.
    words: WordTables
    kinds: tuple[Rule, ...]
    #: unit code (or "*") -> (kind, id of the ``default`` rule) for quantities no ``kind`` rule decided.
    defaults: dict[str, tuple[str, str]]
    ranks: tuple[Rule, ...]
    #: A cheap test that a text may hold a rank (``None``: search every text).
    rank_precheck: regex.Pattern | None
    connector: regex.Pattern | None
    respectively: regex.Pattern | None
    metric_cues: tuple[Rule, ...]
    metric_after: tuple[Rule, ...]
    #: The ``prepositions`` of ``metric_cues``, lower case: after one a phrase only qualifies the subject of a
    #: clause's verb ("[Prices] at the pump rose", "[Ticket prices] at the stadium climbed 15%").
    clause_prepositions: frozenset[str]
    #: Words that end a metric phrase: ``stop``, ``determiners`` and ``prepositions`` of the metric words.
    stop: frozenset[str]
    determiners: frozenset[str]
    prepositions: frozenset[str]
    generic: frozenset[str]
    #: Linking verbs (and auxiliaries) through which a quantity's clause reaches its subject ("was", "costs").
    links: frozenset[str]
    #: Nouns of time: never a metric ("up 5% on the year").
    times: frozenset[str]
    subject_labels: frozenset[str]
    #: Entity labels accepted only as the grammatical subject of a claim's clause, read from the parse.
    subject_clause_labels: frozenset[str]
    subject_words: frozenset[str]
    periods: tuple[Rule, ...]
    #: News outlets and agencies (the ``words`` of the ``subject`` rule with role ``outlets``): a figure they are
    #: said to report is never about them ("according to Bloomberg").
    outlets: frozenset[str] = frozenset()
    #: Nouns of a business or other body (the ``words`` of the ``subject`` rule with role ``bodies``): the name a
    #: country or nationality describes with one of them is an organisation ("Italian energy [group] Eni").
    body_nouns: frozenset[str] = frozenset()
    #: Words for a person's nationality (the ``words`` of the ``subject`` rule with role ``nationalities``, lower
    #: case) that the model reads into the person's name ("[Kenyan] Bernard Lagat"): no part of it.
    nationalities: frozenset[str] = frozenset()
    #: ``period`` rules with a ``format``: periods written in a claim's clause ("fiscal 2023" -> FY2023).
    clause_periods: tuple[Rule, ...] = ()
    #: The words each of ``clause_periods`` needs, found in one pass over a sentence.
    period_index: NeedIndex = field(default_factory=lambda: NeedIndex(()))
    #: ``period`` rules with a ``shift`` (years) and an ``after`` pattern matched right after a quantity: its
    #: period is the one it would have moved by that many years ("from $1.4bn [a year earlier]": -1).
    period_shifts: tuple[Rule, ...] = ()
    #: ``period`` rules with only a ``before`` pattern, matched right before a year or written period: that
    #: period is the base of a comparison ("up 27% [from] 2003"), never a figure's period.
    period_bases: tuple[Rule, ...] = ()
    #: ``period`` rules of role ``compared`` with a ``before`` pattern, matched right before a year or written
    #: period: a figure set against another ("from 3.9% in [December]"), which that period dates alone.
    period_compared: tuple[Rule, ...] = ()
    #: ``period`` rules of role ``span`` with a ``pattern``: a stretch of time that is no single period ("between
    #: 2010 and 2015", "over the past five years", "in the Middle Ages"), which leaves the figures it dates none.
    period_spans: tuple[Rule, ...] = ()
    modifiers: tuple[Rule, ...] = ()
    #: Context rules of ``non_claims.toml``: found quantities they match are not claims.
    nonclaims: tuple[Rule, ...] = ()
    parallels: tuple[Rule, ...] = ()
    #: The words that introduce the base a figure is compared with, right before it (the ``compared_base``
    #: word list, as the ``parallel`` rule reads it): "rose 0.7%, [compared with] 0.5%". None: no such list.
    compared_base: regex.Pattern | None = None
    #: unit carry rules: (rule, direction) with direction "forward" (unit written before) or "back".
    carries: tuple[tuple[Rule, str], ...] = ()
    #: ``group`` rules of role ``shared_bound``: their ``pattern`` matches the whole text between two members of
    #: a list whose first member's bound word governs the later ones ("about 100 Muslim, [100] Christian").
    shared_bounds: tuple[Rule, ...] = ()
    #: ids of the connector and respectively rules (they label list decisions).
    group_ids: tuple[str, str] = ("", "")
    #: kind rule id -> the unit a bare count takes when that rule decides its kind ("three times" -> "x").
    count_units: dict[str, str] = field(default_factory=dict)
    #: kind rule id -> the rule, for ``kind`` rules with ``own_phrase``: the word of movement their ``after``
    #: pattern ends in must be of the figure's phrase ("a 5% pay [rise]"), so the rule does not hold where the
    #: sentence's tokens put a verb between ("getting to 5% means faster [growth]").
    own_phrase: dict[str, Rule] = field(default_factory=dict)
    #: ids of ``kind`` rules with ``context_currency``: a bare count they decide is a sum in the currency its
    #: sentence or, before it, its article names ("the floods cost [billions]"), else in no unit.
    context_currency: frozenset[str] = frozenset()
    #: Direction words: lower-cased word -> (direction, rule id), for words before a quantity
    #: ("fell 3%"), right after it ("a 2.9 percent drop") and signs that open its span ("minus 0.4%").
    direction_before: dict[str, tuple[str, str]] = field(default_factory=dict)
    direction_after: dict[str, tuple[str, str]] = field(default_factory=dict)
    direction_signs: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: Patterns (alternations of the words above, longest first) that find them; None when there are none.
    direction_before_re: regex.Pattern | None = None
    direction_after_re: regex.Pattern | None = None
    #: ``direction`` rules with a ``before`` pattern: a level whose text before matches was reached by a
    #: movement ("rose 5% to [$27.2 billion]") and takes the movement's direction.
    reached: tuple[Rule, ...] = ()
    #: ``direction`` rules with an ``after`` pattern and a ``direction``: a level whose text after matches
    #: is compared with where it stood before ("[$24.50], up from $22.99") and takes that direction.
    compared: tuple[Rule, ...] = ()
    #: One-word movement words of the ``direction`` rules ("fell", "up"): verbs a clause's subject is
    #: reached through.
    movements: frozenset[str] = frozenset()
    #: Nouns of people and groups that act ("mps", "workers"): a past-tense verb after one is its clause's
    #: verb and ends a metric ("Labour MPs [voted]"), unless it is a participle of ``undergone``
    #: ("people [killed]").
    agents: frozenset[str] = frozenset()
    undergone: frozenset[str] = frozenset()
    #: Verbs of ``verb_nouns`` that take a second object before their amount ("cost [the carmaker] $1bn",
    #: "fined the bank £12m"): the amount is still measured by the verb's noun, never by that object.
    two_objects: frozenset[str] = frozenset()
    #: Capitalised words that name a kind of measure, not who holds it ("[Euro] zone inflation", "[Treasury]
    #: yields", "[Christmas] sales"): they stay, lower case, at the head of a metric where a name is dropped.
    kept_names: frozenset[str] = frozenset()
    #: Common nouns of place that make the name after "the NOUN of" a place whatever label the model gave it
    #: ("the port of [Odesa]", "the city of [Kherson]").
    place_nouns: frozenset[str] = frozenset()
    #: ``subject`` rules with a ``scope``: their ``before`` / ``after`` patterns find a figure said of the whole
    #: country the article is about ("the national average of [2.55%]": scope ``country``) or of the world
    #: ("the global average of [3%]": scope ``world``).
    subject_scopes: tuple[Rule, ...] = ()
    #: Names of countries, from the ``countries`` of the subject rules: the one an article names most is the
    #: subject of its figures of scope ``country``.
    countries: tuple[str, ...] = ()
    #: ``group`` rules of role ``equivalent``: their ``pattern`` matches the whole text between a quantity
    #: and the next one that restates it in another unit ("$250,000 (£130,000)"); the two share a metric.
    equivalents: tuple[Rule, ...] = ()
    #: ``group`` rules of role ``alternative``: their ``pattern`` matches the whole text between two
    #: quantities of one unit that are alternatives or parts of one figure ("five [or] six years", "14 minutes
    #: 32.93 seconds"); the two share a metric.
    alternatives: tuple[Rule, ...] = ()
    #: ``group`` rules of role ``part``: their ``pattern`` matches the whole text between a part and the
    #: whole it is counted in ("two [out of] 16 dancers"); the part takes the whole's metric.
    parts: tuple[Rule, ...] = ()
    #: Verb -> the noun naming an amount that is its object ("paid" -> "payment"), from ``verb_nouns``.
    verb_nouns: dict[str, str] = field(default_factory=dict)
    #: ``metric`` rules with a fixed ``metric``: their context patterns (``before``, ``after``, ``units``)
    #: all match -> that metric ("jailed for [four years]" -> "jail term").
    metric_fixed: tuple[Rule, ...] = ()
    #: ``metric`` rules with ``ahead``: tried before the cue rules; their ``after`` group ``cue`` is followed by
    #: the noun phrase the quantity is part of ("a [$5-million] grant", "[10 times] as many cases"), when
    #: their ``before`` (if any) matches too.
    metric_ahead: tuple[Rule, ...] = ()
    #: ``metric`` rules with a ``paragraph`` pattern, found in the paragraph up to a quantity (a survey named):
    #: the quantity's metric is the verb phrase of their ``after`` group ``phrase`` ("[66%] buy goods
    #: online"), its subject the ``paragraph`` group ``group`` (the people asked) when there is one.
    metric_survey: tuple[Rule, ...] = ()
    #: Generic words that still name a measure when nothing better is found ("growth was [2%]").
    fallback: frozenset[str] = frozenset()
    #: Traded goods and assets whose move in percent or money is a move of their price ("bitcoin", "crude").
    traded: frozenset[str] = frozenset()
    #: Unit code -> what a physical figure measures when nothing names it ("hp" -> "power"): the unit table's
    #: (:attr:`~pipeline.extract.units.UnitTable.measures`), given when the extractor is made.
    unit_measures: dict[str, str] = field(default_factory=dict)


def _bad(rf: RuleFile, rule: Rule, name: str, expected: str) -> RulesError:
    return RulesError(Errors.E006.format(file=rf.path, rule=rule.id, field=name, expected=expected))


def _missing(rf: RuleFile, rule: Rule, name: str) -> RulesError:
    return RulesError(Errors.E005.format(file=rf.path, rule=rule.id, field=name))


#: A named word list in a pattern: ``{movement}``.
_WORD_LIST = regex.compile(r"\{([a-z][a-z_]*)\}")


def fill_word_lists(rf: RuleFile) -> RuleFile:
    r"""``rf`` with every ``{name}`` in a pattern replaced by the alternation of the ``words`` of the ``words``
    rule called ``name`` (its items are pattern pieces, tried in file order: ``{movement}`` -> ``(?:ris\w{0,3}|
    rose|...)``), and those patterns compiled again; :class:`RulesError` (E330) for a name no rule defines,
    E004 for a pattern that no longer compiles."""
    lists: dict[str, str] = {}
    for rule in rf.rules:
        if rule.get("family") == "words":
            if not rule.get("name") or not rule.get("words"):
                raise _missing(rf, rule, "name" if not rule.get("name") else "words")
            lists[rule.get("name")] = "(?:" + "|".join(rule.get("words")) + ")"
    out: list[Rule] = []
    for rule in rf.rules:
        compiled = dict(rule.compiled)
        for key in SCHEMA.patterns:
            text = rule.get(key)
            if not isinstance(text, str) or _WORD_LIST.search(text) is None:
                continue
            for name in _WORD_LIST.findall(text):
                if name not in lists:
                    raise RulesError(Errors.E330.format(file=rf.path, rule=rule.id, field=key, name=name,
                                                        known=", ".join(sorted(lists)) or "none"))
            try:
                compiled[key] = compile_pattern(_WORD_LIST.sub(lambda m: lists[m.group(1)], text), SCHEMA.flags)
            except regex.error as exc:
                raise RulesError(Errors.E004.format(file=rf.path, rule=rule.id, field=key, reason=exc)) from None
        out.append(replace(rule, compiled=compiled) if compiled != rule.compiled else rule)
    return replace(rf, rules=tuple(out))


def build_claim_rules(rf: RuleFile, words: WordTables, non_claims: Sequence[Rule] = ()) -> ClaimRules:
    """Sort a validated ``claims`` rule file into families, its named word lists filled in
    (:func:`fill_word_lists`); raises :class:`RulesError` when inconsistent.

    ``words``: the number word tables (:func:`~pipeline.extract.grammar.load_word_tables`);
    ``non_claims``: the context rules of ``non_claims.toml``.
    """
    rf = fill_word_lists(rf)
    fam: dict[str, list[Rule]] = {f: [] for f in FAMILIES}
    for rule in rf.rules:
        family = rule.get("family")
        if family not in FAMILIES:
            raise _bad(rf, rule, "family", "one of " + ", ".join(FAMILIES))
        if rule.get("kind") is not None and rule.get("kind") not in KINDS:
            raise _bad(rf, rule, "kind", "one of " + ", ".join(KINDS))
        if family == "kind" and not any(rule.compiled.get(k) is not None for k in ("before", "after", "clause", "quantity")):
            raise _missing(rf, rule, "before")
        if family in ("kind", "default") and rule.get("kind") is None:
            raise _missing(rf, rule, "kind")
        if family == "metric" and rule.get("ahead") and rule.compiled.get("after") is None:
            raise _missing(rf, rule, "after")
        if rule.get("enabled", True):
            fam[family].append(rule)
    defaults = {u: (r.get("kind"), r.id) for r in fam["default"] for u in r.get("units", [])}
    lists: dict[str, set[str]] = {"stop": set(), "determiners": set(), "prepositions": set(), "generic": set(),
                                  "links": set(), "times": set(), "fallback": set(), "traded": set(),
                                  "agents": set(), "undergone": set(), "two_objects": set(),
                                  "kept_names": set(), "place_nouns": set()}
    for rule in fam["metric"]:
        for key, seen in lists.items():
            seen.update(w.lower() for w in rule.get(key, []))
    verb_nouns: dict[str, str] = {}
    for rule in fam["metric"]:
        for pair in rule.get("verb_nouns", []):
            verb, sep, noun = pair.partition(":")
            if not sep or not verb.strip() or not noun.strip():
                raise _bad(rf, rule, "verb_nouns", "'verb:noun' items")
            verb_nouns[verb.strip().lower()] = noun.strip()
    labels: set[str] = set()
    clause_labels: set[str] = set()
    subject_words: set[str] = set()
    outlets: set[str] = set()
    bodies: set[str] = set()
    nationalities: set[str] = set()
    for rule in fam["subject"]:
        labels.update(rule.get("labels", []))
        clause_labels.update(rule.get("clause_labels", []))
        {"outlets": outlets, "bodies": bodies, "nationalities": nationalities}.get(rule.get("role"), subject_words).update(rule.get("words", []))
    connector = respectively = None
    ids = ["", ""]
    modifiers: list[Rule] = []
    parallels: list[Rule] = []
    carries: list[tuple[Rule, str]] = []
    equivalents: list[Rule] = []
    alternatives: list[Rule] = []
    parts: list[Rule] = []
    shared_bounds: list[Rule] = []
    for rule in fam["group"]:
        role = rule.get("role")
        if role not in GROUP_ROLES:
            raise _bad(rf, rule, "role", "one of " + ", ".join(GROUP_ROLES))
        if role in ("modifier", "parallel"):
            if rule.compiled.get("before") is None:
                raise _missing(rf, rule, "before")
            (modifiers if role == "modifier" else parallels).append(rule)
            continue
        if rule.pattern is None:
            raise _missing(rf, rule, "pattern")
        if role in ("carry", "carry_back", "carry_list", "carry_gapped"):
            carries.append((rule, {"carry": "forward", "carry_back": "back", "carry_gapped": "gapped"}.get(role, "list")))
        elif role == "equivalent":
            equivalents.append(rule)
        elif role == "alternative":
            alternatives.append(rule)
        elif role == "part":
            parts.append(rule)
        elif role == "shared_bound":
            shared_bounds.append(rule)
        elif role == "respectively":
            respectively, ids[1] = rule.pattern, rule.id
        else:
            connector, ids[0] = rule.pattern, rule.id
    ranks = tuple(r for r in fam["rank"] if r.pattern is not None)
    tables: dict[str, dict[str, tuple[str, str]]] = {"words": {}, "after_words": {}, "signs": {}}
    reached: list[Rule] = []
    compared: list[Rule] = []
    for rule in fam["direction"]:
        if rule.compiled.get("before") is not None:
            reached.append(rule)
            continue
        way = rule.get("direction")
        if way not in DIRECTIONS:
            raise _bad(rf, rule, "direction", "one of " + ", ".join(DIRECTIONS))
        if rule.compiled.get("after") is not None:
            compared.append(rule)
            continue
        for key, table in tables.items():
            for word in rule.get(key, []):
                table.setdefault(word.lower(), (way, rule.id))
    cues = tuple(r for r in fam["metric"] if r.compiled.get("before") is not None and not r.get("metric")
                 and not r.get("ahead") and not r.get("paragraph"))
    return ClaimRules(
        file=rf,
        words=words,
        kinds=tuple(fam["kind"]),
        defaults=defaults,
        ranks=ranks,
        rank_precheck=_rank_precheck(ranks, words),
        connector=connector,
        respectively=respectively,
        metric_cues=cues,
        clause_prepositions=frozenset(w.lower() for r in cues for w in r.get("prepositions", ())),
        metric_after=tuple(r for r in fam["metric"] if r.compiled.get("after") is not None and not r.get("metric")
                           and not r.get("ahead") and not r.get("paragraph") and r.compiled.get("before") is None),
        metric_survey=tuple(r for r in fam["metric"] if r.get("paragraph") and not r.get("metric")),
        metric_ahead=tuple(r for r in fam["metric"] if r.get("ahead") and not r.get("metric")),
        fallback=frozenset(lists["fallback"]),
        traded=frozenset(lists["traded"]),
        metric_fixed=tuple(r for r in fam["metric"] if r.get("metric")),
        stop=frozenset(lists["stop"] | lists["determiners"] | lists["prepositions"]),
        determiners=frozenset(lists["determiners"]),
        prepositions=frozenset(lists["prepositions"]),
        generic=frozenset(lists["generic"]),
        links=frozenset(lists["links"]),
        times=frozenset(lists["times"]),
        subject_labels=frozenset(labels),
        subject_clause_labels=frozenset(clause_labels),
        subject_words=frozenset(subject_words),
        outlets=frozenset(outlets),
        body_nouns=frozenset(w.lower() for w in bodies),
        nationalities=frozenset(w.lower() for w in nationalities),
        periods=tuple(r for r in fam["period"] if r.pattern is not None and r.get("format") is None
                      and r.get("role") is None),
        clause_periods=(clause_periods := tuple(r for r in fam["period"]
                                                if r.pattern is not None and r.get("format") is not None)),
        period_index=NeedIndex([r.needs for r in clause_periods]),
        period_shifts=tuple(r for r in fam["period"] if r.get("shift") is not None and r.compiled.get("after") is not None),
        period_bases=tuple(r for r in fam["period"] if r.pattern is None and r.get("shift") is None
                           and r.get("role") is None and r.compiled.get("before") is not None),
        period_compared=tuple(r for r in fam["period"] if r.get("role") == "compared" and r.compiled.get("before")),
        period_spans=tuple(r for r in fam["period"] if r.get("role") == "span" and r.pattern is not None),
        modifiers=tuple(modifiers),
        nonclaims=tuple(non_claims),
        parallels=tuple(parallels),
        compared_base=_word_list_end(rf, "compared_base"),
        carries=tuple(carries),
        shared_bounds=tuple(shared_bounds),
        group_ids=(ids[0], ids[1]),
        count_units={r.id: r.get("count_unit") for r in fam["kind"] if r.get("count_unit")},
        own_phrase={r.id: r for r in fam["kind"] if r.get("own_phrase") and r.compiled.get("after") is not None},
        context_currency=frozenset(r.id for r in fam["kind"] if r.get("context_currency")),
        direction_before=tables["words"],
        direction_after=tables["after_words"],
        direction_signs=tables["signs"],
        direction_before_re=_alternation(tables["words"], not_moving_lead(rf), _NOT_UP_TO),
        direction_after_re=_alternation(tables["after_words"], _AFTER_LEAD, r"(?![\w-])"),
        reached=tuple(reached),
        compared=tuple(compared),
        movements=frozenset(w for w in tables["words"] if " " not in w),
        equivalents=tuple(equivalents),
        alternatives=tuple(alternatives),
        parts=tuple(parts),
        verb_nouns=verb_nouns,
        agents=frozenset(lists["agents"]),
        undergone=frozenset(lists["undergone"]),
        two_objects=frozenset(lists["two_objects"]),
        kept_names=frozenset(lists["kept_names"]),
        place_nouns=frozenset(lists["place_nouns"]),
        subject_scopes=tuple(r for r in fam["subject"] if r.get("scope")),
        countries=tuple(dict.fromkeys(c for r in fam["subject"] for c in r.get("countries", []))),
    )


#: What may stand between a change and its word of movement after it: a hyphen, and up to two words that are no
#: preposition, article or conjunction ("a 6% [sales] increase", "a 0.25 point [interest rate] cut"; not "fell 3%
#: after gains").
_AFTER_LEAD = (r"^\s{0,3}(?:-\s{0,2})?(?:(?!(?:after|before|since|from|than|amid|while|with|this|that|these|those|"
               r"last|next|and|but|the|its|their|his|her|our|for|over|under|below|above|into|onto|until|when|was|"
               r"were|is|are|has|had|have|will|would)\b)[a-z][a-z-]{2,20}\s{1,2}){0,2}")


#: The ``words`` list of phrases where a word of movement names no movement ("set [up]", "[contracted] with").
NOT_MOVING = "not_moving"


def not_moving_lead(rf: RuleFile) -> str:
    """The start of a word of movement before a figure (:data:`_BEFORE_LEAD`), never where a phrase of the ``words``
    list :data:`NOT_MOVING` starts ("the dryer is wide when set [up], at 66cm": no word of movement)."""
    rule = next((r for r in rf.rules if r.get("family") == "words" and r.get("name") == NOT_MOVING), None)
    return _BEFORE_LEAD if rule is None else _BEFORE_LEAD + "(?!(?:" + "|".join(rule.get("words")) + "))"


def _word_list_end(rf: RuleFile, name: str) -> regex.Pattern | None:
    """A case-insensitive pattern: a word of the ``words`` rule called ``name`` ending the text, an article
    or "the" between ("compared with the"), or None when no rule has that name."""
    rule = next((r for r in rf.rules if r.get("family") == "words" and r.get("name") == name), None)
    if rule is None:
        return None
    words = "|".join(rule.get("words"))
    return compile_pattern(r"(?i)\b(?:" + words + r")\s{1,3}(?:the\s{1,3}|l[ae]s?\s{1,3}|los\s{1,3})?$", SCHEMA.flags)


def _alternation(words: dict[str, tuple[str, str]], lead: str, trail: str) -> regex.Pattern | None:
    """A case-insensitive pattern whose group ``word`` is one of ``words`` (longest first), or None."""
    if not words:
        return None
    ordered = sorted(words, key=len, reverse=True)
    body = "|".join(regex.escape(w).replace(r"\ ", r"\s{1,3}") for w in ordered)
    return regex.compile(rf"(?i){lead}(?P<word>{body}){trail}")


def _rank_precheck(ranks: Sequence[Rule], words: WordTables) -> regex.Pattern:
    """A cheap test that a text may hold a rank: an ordinal word a rank pattern names, a digit ordinal,
    'number', 'No.' or 'No' before a digit."""
    named = [
        w for w in words.ordinals
        if w.endswith(("st", "nd", "rd", "th"))
        and any(regex.search(rf"(?i)(?<![a-z]){regex.escape(w)}(?![a-z])", r.get("pattern", "")) for r in ranks)
    ]
    ordered = sorted(named, key=len, reverse=True)
    alternatives = [*(regex.escape(w) for w in ordered), r"\d{1,4}(?:st|nd|rd|th)", "number", r"No\.",
                    r"No(?=\s{0,3}\d)"]
    return regex.compile(r"(?i)\b(?:" + "|".join(alternatives) + r")(?!\w)")


def load_claim_rules(folder: Path | None = None) -> ClaimRules:
    """Load and check ``<folder>/claims.toml`` (default: the project's rules) with the number words of
    ``numbers.toml`` and the context rules of ``non_claims.toml``; :class:`RulesError` when broken."""
    def build() -> ClaimRules:
        non_claims = split_non_claims(load_family("non_claims", NON_CLAIMS_SCHEMA, folder))[1]
        return build_claim_rules(load_family("claims", SCHEMA, folder), load_word_tables(folder), non_claims)

    return load_compiled("claim_rules", folder, build)  # compiled once for these rule files (on-disk cache)
