"""Compile the number rule files into one :class:`Grammar`: the master quantity pattern and its tables.

Rule families: ``numbers`` (number forms, word tables, counted noun), ``scales``, ``bounds``, ``units``
(via :mod:`pipeline.extract.units`) and ``non_claims`` (its ``pattern`` rules; the rules that look at a
found quantity's context are applied when claims are made, :mod:`pipeline.extract.non_claims`).
Everything is validated and compiled once per process.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from pathlib import Path

import regex

from ..literals import Need, NeedIndex, dispatch
from .numwords import WordTables, cardinal_pattern
from ..errors import Errors, RulesError
from ..rules import Rule, RuleFile, Schema, compile_pattern, load_compiled, load_family
from .claim_schema import SCHEMA as CLAIMS_SCHEMA
from .units import QUANTITY_EXAMPLE, SUFFIX_END, UnitTable, load_units, wrapped

log = logging.getLogger(__name__)

BOUNDS = ("exact", "approx", "over", "at_least", "under", "at_most")
#: The bound of a range ("between 3 and 4 million", "5-7%"): one quantity with a low and a high end.
RANGE = "range"
#: The ``position`` of a bounds rule for words that may stand between a bound word and its figure ("more than
#: [a record] 5,000", "at least [another] 30"): part of the span, no bound of their own.
INSIDE = "inside"
NUMBERS_SCHEMA = Schema(
    fields={
        "kind": str, "pattern": str, "values": dict, "share": bool, "share_context": str, "ratio_context": str,
        "stop": list, "heads": list, "max_words": int, "languages": list, "unit": str, "gate": list,
        "replaces": bool, "precheck": str,
    },
    patterns=("pattern", "share_context", "ratio_context", "precheck"),
    required=("id", "kind"),
    example_fields=QUANTITY_EXAMPLE,
    marks=True,
)
SCALES_SCHEMA = Schema(
    fields={"pattern": str, "factor": float, "attached": bool}, required=("id", "pattern", "factor"),
    example_fields=QUANTITY_EXAMPLE, marks=True,
)
BOUNDS_SCHEMA = Schema(
    fields={"pattern": str, "bound": str, "position": str, "range": bool}, required=("id", "pattern", "bound"),
    example_fields=QUANTITY_EXAMPLE, marks=True,
)
NON_CLAIMS_SCHEMA = Schema(
    fields={
        "pattern": str, "applies_to": str, "kind": str, "before": str, "after": str, "clause": str, "units": list,
        "word_numbers": bool, "guard": bool, "points_back": bool, "quantity": str,
    },
    patterns=("pattern", "before", "after", "clause", "quantity"),
    example_fields=QUANTITY_EXAMPLE,
    marks=True,
)
#: Fields of a non-claim rule that look at a found quantity's context (the rule has no ``pattern``).
CONTEXT_FIELDS = ("before", "after", "clause")


@dataclass(frozen=True, eq=False)
class Grammar:
    """Everything :func:`find_quantities` needs, compiled once."""

    rule_files: tuple[RuleFile, ...]
    master: regex.Pattern
    fallback: regex.Pattern
    #: Where a match of ``master`` may start (:func:`_starter`): searched instead of the master itself.
    starter: regex.Pattern
    precheck: regex.Pattern
    numbers: tuple[tuple[Rule, regex.Pattern], ...]
    words: WordTables
    scales: tuple[tuple[Rule, regex.Pattern], ...]
    bounds: tuple[tuple[Rule, regex.Pattern], ...]
    units: UnitTable
    vetoes: tuple[tuple[Rule, str], ...]
    noun: regex.Pattern | None
    not_range: tuple[regex.Pattern, ...] = ()
    heads: frozenset[str] = frozenset()
    #: The ``decimal_comma`` rule: its id, its languages, and the English-way writing that overrides them.
    comma_rule: str = ""
    comma_languages: frozenset[str] = frozenset()
    dot_evidence: regex.Pattern | None = None
    #: ``tally`` rules (ordinals that count: "a third case", "the fourth consecutive month") with their
    #: compiled patterns, and a cheap test that a text holds an ordinal at all.
    tallies: tuple[tuple[Rule, regex.Pattern], ...] = ()
    tally_precheck: regex.Pattern | None = None
    #: Aligned with ``tallies``: a rule's ``gate``, strings of which a text must hold one for the rule to run
    #: (with or without an ordinal: "world number 64"; exact or case-folded, as :data:`pipeline.literals.Need`),
    #: else None (it runs where ``tally_precheck`` matches).
    tally_gates: tuple[frozenset[Need] | None, ...] = ()
    #: Ids of the tally rules whose place replaces the bare count the number grammar read there
    #: (``replaces = true``: "slipped to [64] in the world" is a rank, not a count).
    tally_replaces: frozenset[str] = frozenset()
    #: The strings each of ``vetoes`` needs (:attr:`pipeline.rules.Rule.needs`), found in one pass over a text,
    #: so a rule is not run over text that holds none of them (:class:`~pipeline.literals.NeedIndex`).
    veto_index: NeedIndex | None = None
    #: ``bounds`` by the ``position`` of their rule ("before", "after", :data:`INSIDE`): a bound word is read by
    #: the rules of its place ("an estimated" before a figure is approx, though a rule of words inside may match it).
    placed_bounds: dict[str, tuple[tuple[Rule, regex.Pattern], ...]] = field(default_factory=dict)


def _enabled(rf: RuleFile) -> list[Rule]:
    return [r for r in rf.rules if r.get("enabled", True)]


_GLOBAL_FLAGS = regex.compile(r"\(\?([a-z]+)\)")


def _scoped(pattern: str) -> str:
    """Wrap a rule pattern so that a leading ``(?x)`` stays local to it inside the master alternation."""
    m = _GLOBAL_FLAGS.match(pattern)
    if m:
        return f"(?{m.group(1)}:" + pattern[m.end() :] + ")"
    return f"(?:{pattern})"


def word_tables(rules: list[Rule]) -> WordTables:
    """The word -> value tables of the ``values`` fields of number rules, by the rules' ``kind``."""

    def values(kind: str) -> dict:
        return {k: v for r in rules if r.get("kind") == kind for k, v in r.get("values", {}).items()}

    return WordTables(
        cardinals={k: float(v) for k, v in values("cardinal").items()},
        denominators={k: float(v) for k, v in values("fraction_words").items()},
        ordinals={k: int(v) for k, v in values("ordinal").items()},
        vulgar={k: float(v) for k, v in values("vulgar").items()},
        multiples={k: float(v) for k, v in values("multiple").items()},
        vague={" ".join(k.split()).lower(): (float(v[0]), float(v[1])) for k, v in values("vague").items()},
    )


_DIGIT_KINDS = ("scientific", "vulgar", "fraction", "ratio", "multiple", "elapsed", "digits_and_fraction", "digits")
_WORD_KINDS = ("vague", "ratio", "multiple", "fraction_words", "cardinal", "scale_alone")


def _number_alternatives(rules: list[Rule], tables: WordTables,
                         lists: dict[str, str] | None = None) -> list[tuple[Rule, str]]:
    """Each number rule and its pattern text for the master alternation, in kind order; a ``{name}`` of the
    word ``lists`` (:func:`word_lists`) in a pattern is filled in, as :func:`fill_word_lists` does."""
    order = {
        "scientific": -1, "vulgar": 0, "fraction": 1, "ratio": 2, "multiple": 3, "elapsed": 3.5, "digits_and_fraction": 3.7, "digits": 4, "vague": 5, "fraction_words": 6,
        "cardinal": 7, "scale_alone": 8,
    }
    cardinal = cardinal_pattern(tables)
    out = []
    for r in sorted((r for r in rules if r.get("kind") in order), key=lambda r: order[r.get("kind")]):
        if r.get("kind") == "vague":  # the table's magnitudes, or a pattern of them: "{vague} or {vague}"
            out.append((r, _scoped(r.get("pattern").replace("{vague}", vague_pattern(tables)))
                        if r.get("pattern") else vague_pattern(tables)))
            continue
        pat = cardinal if r.get("kind") == "cardinal" else (r.get("pattern") or "").replace("{cardinal}", cardinal)
        if lists:
            pat = _WORD_LIST.sub(lambda m: lists.get(m.group(1), m.group(0)), pat)
        if pat:
            out.append((r, _scoped(pat)))
    return out


def vague_pattern(tables: WordTables) -> str:
    """A regex for the vague magnitudes of the word tables ("hundreds", "tens of thousands"), longest first."""
    if not tables.vague:
        return "(?!)"
    words = sorted(tables.vague, key=len, reverse=True)
    return "(?i:" + "|".join(r"\s{1,2}".join(regex.escape(w) for w in k.split()) for k in words) + r")\b"


#: Words that stand for one of the unit after them where a ``scale_alone`` rule finds them: articles, and the words
#: of time before "year and a half" ("the [next] year and a half", "the [past] decade and a half").
ONE_WORDS = frozenset(("a", "an", "next", "past", "last", "first", "coming", "following", "previous", "final"))


def _number_words(tables: WordTables) -> list[str]:
    words = set(tables.cardinals) | set(tables.denominators) | set(tables.multiples) | ONE_WORDS
    words |= {k.split()[0] for k in tables.vague}
    return sorted(words, key=lambda w: (-len(w), w))


def _gates(tables: WordTables) -> tuple[str, str]:
    """The look-aheads that open the digit forms (a digit, a point or a vulgar fraction follows) and the word
    forms (a number word follows) of the number alternatives."""
    words = _number_words(tables)
    firsts = "".join(sorted({c for w in words for c in (w[0].lower(), w[0].upper())}))
    chars = "".join(tables.vulgar)
    return rf"(?=[\d.{chars}])", rf"(?=[{firsts}])(?=(?i:{'|'.join(words)})\b)"


def _gated(alts: list[tuple[Rule, str]], tables: WordTables) -> str:
    """The number alternatives behind cheap look-aheads (:func:`_gates`): digit forms only at a digit, word
    forms only at a number word. The look-aheads only skip positions where no alternative could match; they
    make the master pattern several times faster."""
    digit_gate, word_gate = _gates(tables)
    digit = "|".join(p for r, p in alts if r.get("kind") in _DIGIT_KINDS) or "(?!)"
    word = "|".join(p for r, p in alts if r.get("kind") in _WORD_KINDS) or "(?!)"
    return rf"{digit_gate}(?:{digit})|{word_gate}(?:{word})"


def _noun_pattern(rules: list[Rule]) -> regex.Pattern | None:
    rule = next((r for r in rules if r.get("kind") == "noun"), None)
    if rule is None:
        return None
    stop = "|".join(regex.escape(w) for w in sorted(rule.get("stop", []), key=len, reverse=True)) or "(?!)"
    word = rf"(?!(?i:{stop})\b)[A-Za-z][\w'&-]{{0,30}}"
    n = max(int(rule.get("max_words", 5)) - 1, 0)
    gap = r"(?:[ \t]{1,2}|[ \t]?\n[ \t]{0,3})"  # a space, or one line break of a hard-wrapped paragraph
    return compile_pattern(rf"(?:[ \t-]{{1,3}}|[ \t]?\n[ \t]{{0,3}})({word}(?:{gap}{word}){{0,{n}}})", regex.VERSION1)


#: What may not come right before a quantity: a quantity starts a word ("COVID-19", "24/7" hold none);
#: a currency sign may follow a colon or slash ("$106m:£54.6m", "$5/£4": the second keeps its currency); an
#: ideograph or kana is a word of its own, so a figure may follow one ("占GDP的[4.2%]").
#: Where a quantity may start: not inside a word or after a joining mark, but a sum after a colon or slash, a
#: batting average after another (".217/[.260]/[.300]") and the children of a parent written as one word
#: ("a father-of-[three]", "mum-of-[two]").
_OPEN = (r"(?:(?<![^\W\p{Han}\p{Hiragana}\p{Katakana}]|[.,:/'’%=&?#@-])|(?<=[:/])(?=[$€£¥])|(?<=(?<![\w.])\.\d{3}/)(?=\.\d{3}\b)"
         r"|(?<=\b(?i:father|mother|mum|mom|dad|parent|grandmother|grandfather|grandparent|grandma|grandpa)s?-of-))")


def _lead(bounds: list[Rule], units: UnitTable) -> str:
    """What may come before a quantity's number: a bound ("more than", "between") and the words a bounds rule of
    position :data:`INSIDE` lets stand between it and the figure (group ``gap``), a sign before a currency,
    a currency prefix, a sign ("plus or minus 3 points" is a margin either way, no sign)."""
    before = [r for r in bounds if r.get("position", "before") == "before" and not r.get("range")]
    between = [r for r in bounds if r.get("range")]
    inside = [r for r in bounds if r.get("position") == INSIDE]
    prefix = units.alternation("prefix") or "(?!)"
    return (
        rf"(?:(?P<between>{_alt(between)})\s{{1,3}}(?:{_approx(bounds)}\s{{0,3}})?"
        rf"|(?P<bound>{_alt(before)})\s{{0,3}}(?:(?P<gap>{_alt(inside)})\s{{1,3}})?)?"
        r"(?P<sign0>[-−](?=[$€£¥])|(?i:negative)\s{1,2}(?=[$€£¥]))?"  # "-$23 million", "negative $71.5 million"
        rf"(?:(?P<pre>{prefix})\s{{0,2}})?"
        r"(?P<sign>[-−](?=[\d.])|(?<!(?i:plus\s{1,3}or|\+/)\s{0,3})(?i:minus|negative)(?:\s{1,2}|-(?=\d))"
        r"|[-−]\x20(?=\d[\d.,]{0,8}\s{0,2}(?:[°º]|(?i:degrees?)\b)))?"  # "- 20 degrees Fahrenheit"
    )


def _approx(bounds: list[Rule]) -> str:
    """The words of approximation that may open either end of a range after "between" ("between about 3 and
    5 percent", "between ~3x and ~12x"): the ``approx`` bounds written before a figure."""
    return f"(?:{_alt([r for r in bounds if r.get('bound') == 'approx' and r.get('position', 'before') == 'before'])})"


def _alt(rs: list[Rule]) -> str:
    return "|".join(_scoped(r.get("pattern")) for r in rs) or "(?!)"


def _master(numbers: str, scales: list[Rule], bounds: list[Rule], units: UnitTable, ranges: bool = True) -> str:
    """One pattern for a whole quantity; ``ranges=False`` leaves out ranges (the fallback pattern)."""
    after = [r for r in bounds if r.get("position") == "after"]
    attached = "|".join(_scoped(r.get("pattern")) for r in scales if r.get("attached")) or "(?!)"
    spaced = "|".join(_scoped(r.get("pattern")) for r in scales if not r.get("attached")) or "(?!)"
    prefix = units.alternation("prefix") or "(?!)"
    suffix = _suffixes(units)
    # a scale word is spaced or hyphened ("$1 billion", "US$1-billion", "a 10-million-pound deal")
    scale = rf"(?:{attached})|\s{{0,2}}(?:(?i:an?)\s{{1,2}})?(?:{spaced})|-(?:{spaced})"
    rsep = (
        r"-(?i:to)-|\s{0,2}[-–—~−]\s{0,2}|\s{1,3}(?i:to|through|or)\s{1,3}"
        rf"|(?(between)\s{{1,3}}(?i:and)\s{{1,3}}(?:{_approx(bounds)}\s{{0,3}})?|(?!))"
    )
    second = (
        rf"(?:(?P<scale1>{scale})?"
        rf"(?P<unit1>(?:\s{{0,2}}|-)(?:{suffix}))?"
        rf"(?P<rsep>{rsep})"
        rf"(?:(?P<pre2>{prefix})\s{{0,2}})?(?P<num2>{numbers}))?"
        if ranges
        # no range: the second figure's groups are there (never set), its pieces are not (nothing to compile)
        else "(?:(?P<scale1>(?!))(?P<unit1>(?!))(?P<rsep>(?!))(?P<pre2>(?!))(?P<num2>(?!)))?"
    )
    return (
        _OPEN
        + _lead(bounds, units)
        + rf"(?P<num>{numbers})"
        + second
        + rf"(?P<scale>{scale})?"
        rf"(?P<unit>(?:\s{{0,2}}|-)(?:{suffix}))?"
        # "200 megabytes of traffic or more": a measure's floor or ceiling after the noun it measures
        rf"(?P<of_noun>(?(unit)|(?(pre)|(?!)))\s{{1,2}}(?i:of)\s{{1,2}}\p{{Ll}}{{2,20}}(?=\s{{1,3}}(?:{_alt(after)})))?"
        rf"(?P<after>(?:\s{{0,3}}|-)(?:{_alt(after)}))?"  # "10,000-plus" as "10,000 plus"
        # no digit right after, but the inches after a foot mark ("5'10\"", read on by the inches reader)
        # a CJK scale or unit may be followed by any character ("1400万人", "420亿元。")
        r"(?:(?<=[^\w]|[\p{Han}\p{Hiragana}\p{Katakana}])|(?!\w))(?:(?<=\d['’′])(?=\d{1,2}(?:\.\d)?[\"”″])|(?![.,/:]?\d))"
    )


def _suffixes(units: UnitTable) -> str:
    """The units written after a number, one alternation in file order (as ``units.alternation("pattern")``)
    that tries at each position only the units that can start with its character (:func:`dispatch`)."""
    patterns = [r.get("pattern") for r, _ in units.units if r.get("pattern")]
    return dispatch([f"(?:{wrapped(p)})" + SUFFIX_END for p in patterns], patterns)


def _starter(bounds: list[Rule], units: UnitTable, tables: WordTables) -> str:
    """Where a quantity of the master pattern may start: the same opening and lead as :func:`_master`, then
    the look-ahead of a number form (:func:`_gates`). Every start of a master match is a match of this (far
    smaller, so far cheaper to search) pattern; the master is then tried only there."""
    digit_gate, word_gate = _gates(tables)
    return _OPEN + "(?=" + _lead(bounds, units) + f"(?:{digit_gate}|{word_gate}))"


def _precheck(tables: WordTables, rules: list[Rule]) -> regex.Pattern:
    """What a text must hold to hold a quantity: a digit, a vulgar fraction, a number word other than an
    article or a word of :data:`ONE_WORDS`, or the ``precheck`` of a number rule with neither ("nearly [a year]")."""
    words = [w for w in _number_words(tables) if w not in ONE_WORDS]
    chars = "".join(tables.vulgar)
    extra = "".join(f"|(?:{r.get('precheck')})" for r in rules if r.get("precheck"))
    return compile_pattern(rf"[\d{chars}]|(?i:\b(?:{'|'.join(words)})\b){extra}", regex.VERSION1)


def ordinal_pattern(tables: WordTables, first: bool = False) -> str:
    """A regex for an ordinal that may count ("third", "30th"); ``first`` adds "first" and "1st"
    (never a tally, but a place can be first). "last" is no ordinal here."""
    words = sorted((w for w, v in tables.ordinals.items() if v > (0 if first else 1)), key=len, reverse=True)
    digits = r"\d{1,3}(?:st|nd|rd|th)" if first else r"(?!1st)\d{1,3}(?:st|nd|rd|th)"
    return "(?:" + "|".join([*words, digits]) + ")"


def _tallies(rules: list[Rule], tables: WordTables) -> tuple[
        tuple[tuple[Rule, regex.Pattern], ...], regex.Pattern | None, frozenset[str], tuple[frozenset[Need] | None, ...]]:
    """The ``tally`` rules, ``{ordinal}`` (second, 30th) and ``{ordinal1}`` (first too) filled in; a
    precheck for any ordinal or age group ("over-65s", "under-18", "over 65s"); the ids of the rules that replace a
    bare count (``replaces``); and each rule's compiled ``gate`` (None without one)."""
    subs = {"{ordinal}": ordinal_pattern(tables), "{ordinal1}": ordinal_pattern(tables, first=True)}
    out = []
    for r in rules:
        if r.get("kind") != "tally" or not r.get("pattern"):
            continue
        pat = r.get("pattern")
        for k, v in subs.items():
            pat = pat.replace(k, v)
        out.append((r, compile_pattern(pat, regex.VERSION1)))
    if not out:
        return (), None, frozenset(), ()
    check = compile_pattern(rf"(?i)\b{subs['{ordinal1}']}\b|\b(?:over|under)(?:-\d|\s\d{{1,2}}s\b)|\d0['’]?s\b", regex.VERSION1)
    replaces = frozenset(r.id for r, _ in out if r.get("replaces"))
    gates = tuple(frozenset((w if w != w.casefold() else w.casefold(), w != w.casefold()) for w in r.get("gate"))
                  if r.get("gate") else None for r, _ in out)
    return tuple(out), check, replaces, gates


def load_word_tables(folder: Path | None = None) -> WordTables:
    """The number word tables of ``numbers.toml`` (cardinals, ordinals, fractions...) without the grammar."""
    return word_tables(_enabled(load_family("numbers", NUMBERS_SCHEMA, folder)))


APPLIES_TO = ("any", "count", "bare")


def _applies_to(rule: Rule) -> str:
    value = rule.get("applies_to", "any")
    if value not in APPLIES_TO:
        expected = " or ".join(APPLIES_TO)
        raise RulesError(Errors.E006.format(file=rule.file, rule=rule.id, field="applies_to", expected=expected))
    return value


def split_non_claims(rf: RuleFile) -> tuple[tuple[tuple[Rule, str], ...], tuple[Rule, ...]]:
    """The enabled rules of ``non_claims.toml`` in two groups: ``(rule, applies_to)`` for rules with a
    ``pattern`` (checked while quantities are found), and the rules with ``before``/``after``/``clause``
    patterns (checked on the quantities found, when claims are made). :class:`RulesError` (E110) for a
    rule with both or neither.
    """
    spans: list[tuple[Rule, str]] = []
    context: list[Rule] = []
    for rule in _enabled(rf):
        has_context = any(rule.compiled.get(k) is not None for k in CONTEXT_FIELDS)
        if (rule.pattern is not None) == has_context:
            raise RulesError(Errors.E110.format(file=rf.path, rule=rule.id))
        if has_context:
            context.append(rule)
        else:
            spans.append((rule, _applies_to(rule)))
    return tuple(spans), tuple(context)


#: A named word list in a pattern: ``{movement}``. The grammar's own pieces (``{cardinal}``, ``{ordinal}``, ``{vague}``)
#: are filled in later, where they are used.
_WORD_LIST = regex.compile(r"\{([a-z][a-z_]*)\}")
_OWN_PIECES = frozenset({"cardinal", "ordinal", "vague"})


def word_lists(folder: Path | None = None) -> dict[str, str]:
    r"""The named word lists of the ``words`` rules of ``claims.toml`` ("movement" -> ``(?:ris\w{0,3}|rose|...)``,
    items tried in the order written), so the number rules name the same verbs as the claim rules."""
    rf = load_family("claims", CLAIMS_SCHEMA, folder)
    return {
        r.get("name"): "(?:" + "|".join(r.get("words")) + ")"
        for r in rf.rules
        if r.get("family") == "words" and r.get("name") and r.get("words")
    }


def fill_word_lists(rf: RuleFile, schema: Schema, lists: dict[str, str]) -> RuleFile:
    """``rf`` with every ``{name}`` in a pattern field replaced by the word list ``lists[name]``
    (:func:`word_lists`) and that pattern compiled again. :class:`RulesError` E321 for a name no list has,
    E004 for a pattern that no longer compiles."""
    out: list[Rule] = []
    for rule in rf.rules:
        compiled = dict(rule.compiled)
        for key in schema.patterns:
            text = rule.get(key)
            if not isinstance(text, str):
                continue
            names = [n for n in _WORD_LIST.findall(text) if n not in _OWN_PIECES]
            if not names:
                continue
            unknown = next((n for n in names if n not in lists), None)
            if unknown is not None:
                raise RulesError(Errors.E321.format(file=rf.path, rule=rule.id, field=key, name=unknown,
                                                    known=", ".join(sorted(lists)) or "none"))
            filled = _WORD_LIST.sub(lambda m: lists.get(m.group(1), m.group(0)), text)
            try:
                compiled[key] = compile_pattern(filled, schema.flags)
            except regex.error as exc:
                raise RulesError(Errors.E004.format(file=rf.path, rule=rule.id, field=key, reason=exc)) from None
        out.append(replace(rule, compiled=compiled) if compiled != rule.compiled else rule)
    return replace(rf, rules=tuple(out))


def load_grammar(folder: Path | None = None) -> Grammar:
    """Load, validate and compile every number rule file (default folder: the project's ``rules/``).
    Patterns of ``numbers.toml`` may name the word lists of ``claims.toml`` as ``{name}`` (:func:`word_lists`).
    A grammar compiled before for the same rule files is read from the on-disk cache
    (:func:`pipeline.rules.load_compiled`). :class:`RulesError` naming file and rule for a broken file."""
    return load_compiled("grammar", folder, lambda: build_grammar(folder))


def build_grammar(folder: Path | None = None) -> Grammar:
    """The :class:`Grammar` of the rule files of ``folder``, compiled here (:func:`load_grammar` without the
    cache)."""
    num_rf = load_family("numbers", NUMBERS_SCHEMA, folder)
    lists: dict[str, str] = {}
    if any(_WORD_LIST.search(str(r.get(k) or "")) for r in num_rf.rules for k in NUMBERS_SCHEMA.patterns):
        lists = word_lists(folder)
        num_rf = fill_word_lists(num_rf, NUMBERS_SCHEMA, lists)
    scale_rf = load_family("scales", SCALES_SCHEMA, folder)
    bound_rf = load_family("bounds", BOUNDS_SCHEMA, folder)
    veto_rf = load_family("non_claims", NON_CLAIMS_SCHEMA, folder)
    units = load_units(folder)
    num_rules = _enabled(num_rf)
    tables = word_tables(num_rules)
    alts = _number_alternatives(num_rules, tables, lists)
    numbers = _gated(alts, tables)
    # the fallback reads one figure alone: no ratio, no pair of vague magnitudes ("millions or thousands")
    alone = [(r, p) for r, p in alts if r.get("kind") != "ratio" and not (r.get("kind") == "vague" and r.get("pattern"))]
    simple = _gated(alone, tables)
    scales, bounds = _enabled(scale_rf), _enabled(bound_rf)
    master = compile_pattern(_master(numbers, scales, bounds, units), regex.VERSION1)
    fallback = compile_pattern(_master(simple, scales, bounds, units, ranges=False), regex.VERSION1)

    def checks(rules: list[Rule], alts: list[tuple[Rule, str]] | None = None) -> tuple:
        pairs = alts or [(r, _scoped(r.get("pattern"))) for r in rules]
        return tuple((r, compile_pattern(p, regex.VERSION1)) for r, p in pairs)

    vetoes = split_non_claims(veto_rf)[0]
    bound_checks = checks(bounds)
    return Grammar(
        rule_files=(num_rf, scale_rf, bound_rf, units.file, veto_rf),
        master=master,
        fallback=fallback,
        starter=compile_pattern(_starter(bounds, units, tables), regex.VERSION1),
        precheck=_precheck(tables, num_rules),
        numbers=checks(num_rules, alts),
        words=tables,
        scales=checks(scales),
        bounds=bound_checks,
        placed_bounds={where: tuple(p for p in bound_checks if p[0].get("position", "before") == where)
                       for where in ("before", "after", INSIDE)},
        units=units,
        vetoes=vetoes,
        veto_index=NeedIndex([rule.needs for rule, _ in vetoes]),
        noun=_noun_pattern(num_rules),
        not_range=tuple(r.pattern for r in num_rules if r.get("kind") == "not_range" and r.pattern is not None),
        heads=frozenset(w for r in num_rules if r.get("kind") == "noun" for w in r.get("heads", [])),
        **dict(zip(("tallies", "tally_precheck", "tally_replaces", "tally_gates"), _tallies(num_rules, tables))),
        **_decimal_comma(num_rules),
    )


def _decimal_comma(rules: list[Rule]) -> dict:
    rule = next((r for r in rules if r.get("kind") == "decimal_comma"), None)
    if rule is None:
        return {}
    langs = frozenset(str(x).lower() for x in rule.get("languages", []))
    return {"comma_rule": rule.id, "comma_languages": langs, "dot_evidence": rule.pattern}
