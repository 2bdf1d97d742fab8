"""Find quantities in text: numbers (digits, words, fractions), scales, ranges, bounds and units.

All forms are rules as data (``rules/numbers.toml``, ``scales.toml``, ``bounds.toml``, ``units.toml``,
``non_claims.toml``), compiled once by :func:`load_grammar` (:mod:`pipeline.extract.grammar`) into one
master pattern; :func:`find_quantities` runs it and drops the numbers the pattern rules of ``non_claims.toml``
match (years, dates, times, identifiers, phones); :func:`sift_quantities` also says which rules dropped what.

Choices: a range ("21 to 23 dlrs", "between 3 and 4 million", "5-7%") is one quantity over the whole span,
``value`` the low end, ``value_max`` the high end, bound ``range``, both ends in the range's unit; a fraction of a whole with no unit is a
percentage ("about 1/4 of" -> 25.0, ``%``); cents and pence are valued in the main currency ("50 cts" -> 0.5
USD); a bare number gets unit ``count`` and the noun phrase after it in ``noun``; "X to Y" after a verb of
change ("rose 1-1/2 to 34-3/4") is two values, not a range. Digits are read by the document's decimal mark
(:func:`decimal_mark`, :func:`read_digits`): "4,2 %" is 4.2 in German text; a number no convention reads is
no quantity but is reported in ``Sifted.unread``. A part of one measure is that measure ("a quarter of a
mile" = 0.25 mi), as a part of a scale word is of that scale ("a quarter of a million" = 250000); an
attached "m" that a unit rule reads as metres ("the 400m hurdles") is no million; a height in feet and
inches is one length in feet ("5ft 9ins" = 5.75 ft); the parts of one duration are one duration, in the
smallest unit when all are weeks or shorter ("two hours 45 minutes" = 165 min) and in the first unit when
years or months are in it ("18 years and 187 days" = 18.512 year; pint's year of 365.25 days).
"""
from __future__ import annotations

import bisect
from collections.abc import Sequence
import logging
import math
from dataclasses import dataclass, replace
from functools import lru_cache

import regex

from .grammar import BOUNDS, INSIDE, ONE_WORDS, RANGE, Grammar, load_grammar
from ..literals import NeedIndex, holds
from .numwords import cardinal_value, closing_scale, fraction_words_value, ordinal_value, vague_ends
from ..rules import REGEX_TIMEOUT, Rule
from .units import Unit, is_logarithmic, rate_code, to_pint

log = logging.getLogger(__name__)

__all__ = [
    "Quantity", "Grammar", "Sifted", "load_grammar", "find_quantities", "sift_quantities", "scan_quantities",
    "find_years", "find_tallies", "parse_number", "parse_ordinal", "read_digits", "decimal_mark",
]


@dataclass(frozen=True)
class Quantity:
    """A number found in text, with its span, value after scale, unit code and bound.

    ``rule``: the ids of the rules that made it, joined with ``+``. ``value_max``: the high end of a range
    (bound ``range``; ``value`` is the low end), else None. ``noun``: the counted noun after a bare count. ``is_word``: spelled out.
    ``scaled``: a scale word multiplied it ("1.5 mln"). ``subunit``: the factor of the currency subunit
    it is written in ("50 cts": 0.01, see the ``subunit`` field of unit rules), else None.
    """

    start: int
    end: int
    text: str
    value: float
    unit: str
    bound: str
    rule: str
    value_max: float | None = None
    noun: str = ""
    is_word: bool = False
    scaled: bool = False
    subunit: float | None = None


# ---------------------------------------------------------------------------------------- parsing
def _which(pairs: tuple[tuple[Rule, regex.Pattern], ...], text: str, start: int, end: int) -> Rule | None:
    """The first rule whose pattern, tried at ``start`` of ``text``, ends exactly at ``end``."""
    for rule, pat in pairs:
        m = pat.match(text, start)
        if m is not None and m.end() == end:
            return rule
    for rule, pat in pairs:  # a pattern whose first alternative is a prefix of another
        if pat.fullmatch(text, start, end):
            return rule
    return None


_SPACES = regex.compile(r"[\s\u00a0\u202f\u2009]")
_DIGIT_BODY = regex.compile(r"([\d.,]*\d|\.\d+)([eE][+-]?\d{1,3})?")
_INDIAN = regex.compile(r"\d{1,2}(?:,\d\d){1,4},\d{3}")
#: A price with a decimal comma before exactly two digits of cents ("0,89 €", "14,85 EUR"): read so
#: next to a currency whatever the document's decimal mark (thousands are grouped in threes).
_CENT_COMMA = regex.compile(r"\d{1,3},\d\d")


def read_digits(s: str, decimal: str = ".", grouped: bool = False) -> float | None:
    """Value of a digit number by a writing convention; None when it cannot be read confidently.

    ``decimal``: the document's decimal mark ("." or ","). A number with both marks, or one mark
    repeated ("3.150.000", "2.345,6", "1,234,567.5"), reads the same under both. One separator before
    three digits after at most three ("250.000", "1,234") groups thousands unless it is the decimal
    mark; a comma before other than three digits ("4,2") is a decimal only under ``decimal=","``.
    ``grouped``: one separator before three digits always groups thousands (a currency with no
    subunit: "250.000 VND"). Spaces group thousands.
    """
    m = _DIGIT_BODY.fullmatch(_SPACES.sub("", s))
    if m is None:
        return None
    body, exp = m.group(1), m.group(2) or ""

    def num(whole: str, frac: str = "") -> float | None:
        try:
            return float(whole + ("." + frac if frac else "") + exp)
        except ValueError:
            return None

    if "." in body and "," in body:
        dec = "." if body.rfind(".") > body.rfind(",") else ","
        grp = "," if dec == "." else "."
        head, frac = body.rsplit(dec, 1)
        if dec in head or not _thousands(head, grp):
            return None
        return num(head.replace(grp, ""), frac)
    for sep in (".", ","):
        if sep not in body:
            continue
        parts = body.split(sep)
        if len(parts) > 2:  # "3.150.000", "1,234,567": grouping whatever the language
            return num(body.replace(sep, "")) if _thousands(body, sep) else None
        head, tail = parts
        if len(tail) == 3 and 1 <= len(head) <= 3 and (grouped or sep != decimal):
            return num(head + tail)
        if sep == decimal or sep == ".":
            return num(head, tail)
        return None  # "4,2" in a text that writes a decimal dot
    return num(body)


def _thousands(s: str, sep: str) -> bool:
    """True when ``s`` is digits grouped by ``sep`` in threes (or the Indian lakh grouping for commas)."""
    parts = s.split(sep)
    if len(parts) == 1:
        return True
    if 1 <= len(parts[0]) <= 3 and all(len(x) == 3 for x in parts[1:]):
        return True
    return sep == "," and _INDIAN.fullmatch(s) is not None


def _digits(s: str) -> float | None:
    return read_digits(s)


_FRACTION = regex.compile(r"(?:(\d{1,3})[ \t-]{1,2})?(\d{1,3})\s?[/⁄]\s?(\d{1,4})")
_SCIENTIFIC = regex.compile(r"([\d.]+)\s?[×xX*·]\s?10(?:\^\s?([-−+]?\d+)|([⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+))")
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺−", "0123456789-+-")


def _scientific(s: str) -> float | None:
    """Value of "6.02×10²³", "1.6×10^-19"."""
    m = _SCIENTIFIC.fullmatch(s.strip())
    if m is None:
        return None
    power = (m.group(2) or m.group(3)).translate(_SUPERSCRIPT)
    try:
        return float(f"{m.group(1)}e{int(power)}")
    except ValueError:
        return None


def _fraction(s: str) -> float | None:
    m = _FRACTION.fullmatch(s.strip())
    if m is None:
        return None
    whole, n, d = (float(x) if x else 0.0 for x in m.groups())
    if not d or (not whole and n >= d):
        return None
    return whole + n / d


#: What may open a scale group before its word: spaces and an article ("a million"), or a hyphen ("$1-billion").
_ARTICLE = regex.compile(r"-|\s{0,2}(?:(?i:an?)\s{1,2})?")


def _scale(m: regex.Match, name: str, text: str, g: Grammar, ids: list[str]) -> float:
    """The factor of the scale in group ``name`` (1.0 when absent); its rule id is added to ``ids``."""
    if not m[name]:
        return 1.0
    start = _ARTICLE.match(text, m.start(name)).end()
    rule = _which(g.scales, text, start, m.end(name))
    if rule is None:
        return 1.0
    ids.append(rule.id)
    return float(rule.get("factor"))


def _factor(m: regex.Match, name: str, text: str, g: Grammar) -> float:
    """The factor of the scale in group ``name`` without recording its rule."""
    return _scale(m, name, text, g, [])


def _tidy(x: float) -> float:
    """Drop float noise from scaling: 268.376 * 1e9 -> 268376000000.0 (12 significant digits)."""
    return float(f"{x:.12g}") if math.isfinite(x) else x


def _value(rule: Rule, s: str, g: Grammar, decimal: str = ".") -> float | None:
    kind = rule.get("kind")
    if kind == "digits":
        return read_digits(s, decimal)
    if kind == "fraction":
        return _fraction(s)
    if kind == "scientific":
        return _scientific(s)
    if kind == "vulgar":
        head = s[:-1]
        return (float(head) if head else 0.0) + g.words.vulgar.get(s[-1], math.nan)
    if kind == "cardinal":
        return cardinal_value(s, g.words)
    if kind == "digits_and_fraction":  # "59 and a half": the whole number, then the fraction words after "and"
        head = _LEADING_DIGITS.match(s)
        part = fraction_words_value(_AND.split(s, maxsplit=1)[-1], g.words) if head else None
        return float(head.group()) + part if part is not None else None
    if kind == "fraction_words":
        return fraction_words_value(s, g.words)
    if kind == "scale_alone":  # a word standing alone for its number; an article there is one ("nearly [a year]"),
        # and so is the word of time that stands for it ("the [next] year and a half")
        return 1.0 if s.lower() in ONE_WORDS else g.words.cardinals.get(s.lower())
    if kind == "vague":
        ends = vague_ends(s, g.words)
        return ends[0] if ends is not None else None
    if kind == "multiple":
        low = s.lower()
        if low in g.words.multiples:
            return g.words.multiples[low]
        head = _FOLD.sub("", low)
        return parse_number(_FOR_SPLIT.split(head, maxsplit=1)[0], g) if head else None
    if kind == "elapsed":  # "7:39.89", "2:17:18": minutes and seconds, or hours, minutes and seconds
        parts = [p for p in _ELAPSED_SPLIT.split(s) if p]
        return _tidy(sum(float(p) * 60.0 ** k for k, p in enumerate(reversed(parts))))
    if kind == "ratio":
        parts = _RATIO_SPLIT.split(s, maxsplit=1)
        a, b = (parse_number(p, g) for p in parts) if len(parts) == 2 else (None, None)
        return a / b if a is not None and b and 0 < a < b else None
    return None


_OF = regex.compile(r"\s{1,2}of\s{1,2}")
_LEADING_DIGITS = regex.compile(r"\d+")
_AND = regex.compile(r"[\s-]{1,2}(?i:and)[\s-]{1,2}")
#: "in" before the currency of a vague sum ("hundreds of millions in dollars"); a currency only, so that
#: "thousands in Paris" or "millions in sales" keeps no unit.
_IN = regex.compile(r"\s{1,2}in\s{1,2}")
_OF_A = regex.compile(r"\s{1,3}(?:of\s{1,2})?(?i:an?)\s{1,2}")
#: Number kinds that may be a part of one measure ("a quarter of a mile" is 0.25 mi), and the unit kinds.
_PART_KINDS = ("fraction", "vulgar", "fraction_words")
_PART_UNITS = ("physical", "pp", "points", "percent", "currency")
_AGO = regex.compile(r"(?i)\s{1,2}(?:earlier|ago|before|later|after)\b")
_PER = regex.compile(r"\s{0,2}/\s{0,2}|\s{1,2}(?i:per|an?|each)\s{1,2}|-(?i:an?|per)-")
#: What may stand between a figure and a bound word after it: spaces, or a hyphen ("10,000-plus").
_BOUND_LEAD = " \t\n\r\u00a0-"
#: The bound of a multiple below one written as a verb ("more than halved" leaves under 0.5 x).
_BELOW_ONE = {"over": "under", "under": "over", "at_least": "at_most", "at_most": "at_least"}
#: A rate word that may instead open a span of time ("a year earlier"): "a", "an" or "each".
_WORD_PER = regex.compile(r"\s{1,2}(?i:an?|each)\s{1,2}")
_RATIO_SPLIT = regex.compile(r"(?:\s{1,2}[a-z]{3,15})?\s{1,2}(?i:in(?:\s{1,2}every)?|out\s{1,2}of)\s{1,2}")
#: What parts a split or a ratio to one ("2-for-1", "3-to-1"): the multiple is its first number.
_FOR_SPLIT = regex.compile(r"[\s-]{1,2}(?:for|to)[\s-]{1,2}")
#: What parts a time a race took: colons ("7:39.89"), or unit letters ("1m 45s", "2h 5m 3s").
_ELAPSED_SPLIT = regex.compile(r"\s{0,2}[:hms]\s{0,2}")
_FOLD = regex.compile(r"[\s-]?fold$|(?<=\d)[x×]$")  # "3-fold", "2x", "8×": the multiple's number


def parse_number(s: str, grammar: Grammar | None = None) -> float | None:
    """Value of a number written alone: "22,000", "twenty-five", "a dozen", "1/4" (0.25), "400.35"."""
    g = grammar or _default()
    s = s.strip()
    rule = _which(g.numbers, s, 0, len(s))
    if rule is not None:
        return _value(rule, s, g)
    return fraction_words_value(s, g.words) if s else None


def parse_ordinal(word: str, grammar: Grammar | None = None) -> int | None:
    """Value of an ordinal: "second" -> 2, "twenty-first" -> 21, "3rd" -> 3."""
    return ordinal_value(word, (grammar or _default()).words)


_DEFAULT: list[Grammar] = []


def _default() -> Grammar:
    if not _DEFAULT:
        _DEFAULT.append(load_grammar())
    return _DEFAULT[0]


# ---------------------------------------------------------------------------------------- finding
@dataclass
class _Candidate:
    quantity: Quantity
    num_start: int
    num_end: int
    bare: bool  # a count with no bound word
    count: bool = False  # no unit, currency, scale or sign (bound words allowed)


#: Smallest low end of a range that the high end's scale may leave unscaled ("$400,000 to $2 million").
SCALE_LOW_END = 1000.0


def _time_ratio(m: regex.Match, text: str, g: Grammar) -> float | None:
    """How many of the low end's unit of time one of the high end's is, when a range writes each end in its own
    unit and the one is a whole number of the other ("between seven months and two years": 12.0, "10 days to two
    weeks": 7.0); None when the two are no such pair ("two weeks to one year": 52.18 weeks, two figures) or the
    high end goes on with a smaller unit ("18 months to four years and three months"); 1.0 when the range writes
    no unit at its low end or the same at both."""
    if not (m["unit1"] and m["unit"]):
        return 1.0
    low = g.units.lookup(text, m.end("unit1") - len(m["unit1"].lstrip(" \t\n-")), m.end("unit1"), "pattern")
    high = g.units.lookup(text, m.end("unit") - len(m["unit"].lstrip(" \t\n-")), m.end("unit"), "pattern")
    if low is None or high is None or low.code == high.code:
        return 1.0
    if not (low.seconds and high.seconds) or _AND_SPAN.match(text, m.end()):
        return None
    ratio = high.seconds / low.seconds
    return ratio if ratio > 1 and ratio.is_integer() else None


#: A smaller unit of time joined to a span by "and" ("four years [and three months]").
_AND_SPAN = regex.compile(r"(?i)\s{1,2}and\s{1,2}(?:an?|\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven)"
                          r"\s{1,2}(?:months?|weeks?|days?|hours?|minutes?|seconds?)\b")


def _build(m: regex.Match, text: str, g: Grammar, offset: int, decimal: str = ".") -> list[_Candidate] | None:
    """The candidate(s) of one master match: one quantity, or two for a range (low and high end).

    ``decimal``: the document's decimal mark (see :func:`read_digits`)."""
    if m["sign"] and m["bound"] and m["bound"][-1].isalpha() and m.start("sign") == m.end("bound"):
        return None  # "under-21", "over-65s": a compound word (an age group), not a negative number
    ids: list[str] = []
    n_rule = _which(g.numbers, text, m.start("num"), m.end("num"))
    if n_rule is None:
        return None
    ids.append(n_rule.id)
    value = _value(n_rule, m["num"], g, decimal)
    digits = n_rule.get("kind") == "digits"
    cent_comma = value is None and digits and bool(m["pre"] or m["unit"]) and _CENT_COMMA.fullmatch(m["num"])
    if cent_comma:  # "0,89 €", "14,85 EUR" in English text: checked against the unit below
        value = float(m["num"].replace(",", "."))
        ids.append(g.comma_rule or n_rule.id)
    if value is None:
        return None
    if digits and decimal != "." and g.comma_rule and value != read_digits(m["num"]):
        ids.append(g.comma_rule)  # "4,2 %" read by the document's decimal comma
    high = None
    r2 = None
    if m["num2"] is not None:
        r2 = _which(g.numbers, text, m.start("num2"), m.end("num2"))
        high = _value(r2, m["num2"], g, decimal) if r2 is not None else None
        if high is not None:
            value *= _shared_word_scale(m, n_rule, r2, g)  # "three to five million": the high end's scale word
        high_f = _factor(m, "scale", text, g)
        low_f = _factor(m, "scale1", text, g) if m["scale1"] else high_f
        if high is not None and not m["scale1"] and value >= SCALE_LOW_END and high <= value < high * high_f:
            low_f = 1.0  # "from $400,000 to $2 million": the scale belongs to the high end only
        if high is None or high * high_f * (_time_ratio(m, text, g) or 1.0) <= value * low_f:
            return None
    as_unit = None
    if m["scale"] and not (m["unit"] or m["pre"] or m["num2"]) and not m["scale"][0].isspace():
        as_unit = g.units.lookup(text, m.start("scale"), m.end("scale"), "pattern")  # "the 400m hurdles"
        as_unit = as_unit if as_unit is not None and as_unit.kind == "physical" else None
    factor = 1.0 if as_unit is not None else _scale(m, "scale", text, g, ids)
    low_factor = _scale(m, "scale1", text, g, ids) if m["scale1"] else factor
    if high is not None and not m["scale1"] and value >= SCALE_LOW_END and high <= value < high * factor:
        low_factor = 1.0
    scaled = len(ids) > 1  # a scale rule joined the number rule
    unit: Unit | None = None
    end = m.start("after") if m["after"] and m["after"].isspace() else m.end()  # "the [25 percent] cap": no words
    vague = n_rule.get("kind") == "vague" and high is None
    if vague:  # "hundreds of millions of euros": both ends of the convention, the unit after "of"
        high = vague_ends(m["num"], g.words)[1]
        high = None if high == value else high  # "a couple hundred": about one value
        of = _OF.match(text, end) if not (m["unit"] or m["pre"] or m["scale"]) else None
        found = g.units.match(text, of.end(), "pattern") if of else None
        inside = _IN.match(text, end) if found is None and not (m["unit"] or m["pre"] or m["scale"]) else None
        if inside is not None:
            found = g.units.match(text, inside.end(), "pattern")
            found = found if found is not None and found[0].kind == "currency" else None
        if found is not None:
            unit, end = found
    if m["unit"]:
        u_start = m.end("unit") - len(m["unit"].lstrip(" \t\n-"))
        unit = g.units.lookup(text, u_start, m.end("unit"), "pattern")
    if m["unit1"]:  # "between 150p and 160", "80% to 90%": the unit written after the low end
        u1_start = m.end("unit1") - len(m["unit1"].lstrip(" \t\n-"))
        unit1 = g.units.lookup(text, u1_start, m.end("unit1"), "pattern")
        if unit1 is None or m["pre2"]:
            return None
        if unit is not None and unit.code != unit1.code:
            ratio = _time_ratio(m, text, g)
            if ratio is None or ratio == 1.0:
                return None  # "5% to $7 billion": two quantities
            factor *= ratio  # "between seven months and two years": 7-24 months
            ids.append(unit.rule)
            unit = unit1
        unit = unit or unit1
    if unit is None and m["after"] and high is None and not (m["scale"] or m["pre"] or vague):
        gap = _GAP.match(text, end)  # "10 or more years", "500 or more km": the unit after a trailing bound
        found = g.units.match(text, gap.end(), "pattern") if gap else None
        if found is not None and found[0].kind == "physical":
            unit, end = found
    if m["pre"] and unit is not None and unit.kind == "physical" and not (m["scale"] or m["scale1"]):
        spaced = _scale_letter(text, m.end("unit") - len(m["unit"].lstrip(" \t\n-")), m.end("unit"), m, g)
        if spaced is not None:  # "$458 m", "€3 m": a currency before the figure makes the letter a scale
            ids.append(spaced.id)
            factor *= float(spaced.get("factor"))
            low_factor *= float(spaced.get("factor"))
            scaled, unit = True, None
    if m["pre"] and (unit is None or unit.kind != "currency"):
        unit = g.units.lookup(text, m.start("pre"), m.end("pre"), "prefix") or unit
    if as_unit is not None:
        unit = as_unit
    if cent_comma and (unit is None or unit.kind != "currency" or unit.decimals == 0 or m["num2"] is not None):
        return None  # a decimal comma is read only before the cents of a currency
    part_of_scale = False
    if unit is None and high is None and not m["scale"] and n_rule.get("kind") in _PART_KINDS:
        of = _OF_A.match(text, end)  # "a quarter of a mile", "half a cup": that part of the measure
        found = g.units.match(text, of.end(), "pattern") if of else None
        if found is not None and found[0].kind in _PART_UNITS:
            unit, end = found
        elif of is not None and (whole := _spaced_scale(text, of.end(), g)) is not None:
            s_rule, end = whole  # "a quarter of a million": that part of the scale
            ids.append(s_rule.id)
            factor *= float(s_rule.get("factor"))
            low_factor = factor
            part_of_scale = scaled = True
            gap = _GAP.match(text, end)
            found = g.units.match(text, gap.end(), "pattern") if gap else None
            if found is not None and found[0].kind in ("currency", "physical"):
                unit, end = found  # "three-quarters of a million dollars"
    if unit is not None:
        ids.append(unit.rule)
        factor *= unit.factor
        low_factor *= unit.factor
        if unit.decimals == 0 and not (m["scale"] or m["scale1"]):  # "250.000 VND" (not "12.011 trillion yen")
            value = read_digits(m["num"], decimal, grouped=True) if digits else value
            if high is not None and r2 is not None and r2.get("kind") == "digits":
                high = read_digits(m["num2"], decimal, grouped=True)
            if value is None or (m["num2"] is not None and high is None):
                return None
        elif unit.kind == "currency" and m["unit"] and not m["scale"]:
            value = _regrouped(m, value, high, decimal, digits, g, n_rule, ids)  # "3.500 euros" in English text
    if unit is not None and unit.kind == "currency" and m["unit"] and high is None and not m["scale"]:
        cents = _subunit_after(text, end, unit, g)  # "3 dollars 50 cents", "ten dollars and five cents"
        if cents is not None:
            value, end = value + cents[0], cents[1]
            ids.append(cents[2])
    if unit is not None and unit.code == "ft" and high is None and not (m["scale"] or m["after"]):
        inches = _inches_after(text, end, g)  # "5ft 9ins", "six feet two inches": one height in feet
        if inches is not None:
            value, end = value + inches[0] / 12.0, inches[1]
            ids.append(inches[2])
    if unit is not None and unit.code in _WEIGHT_PARTS and high is None and not (m["scale"] or m["after"]):
        part = _weight_part_after(text, end, unit, g)  # "2 lb 4 oz", "11st 4lb": one weight in its first unit
        if part is not None:
            value, end = value + part[0], part[1]
            ids.append(part[2])
    if unit is not None and unit.factor == 1.0 and high is None and not (m["scale"] or m["after"]) and unit.seconds:
        parts = _time_parts_after(text, end, unit, g)  # "two hours 45 minutes", "1hr 20min"
        if parts is not None:
            value, end, unit, part_ids = _combined_time(value, unit, parts)
            ids.extend(part_ids)
    if unit is not None and (unit.seconds or unit.kind == "physical") and high is None and not m["after"] \
            and value == int(value):
        half = _half_after(text, end, g)  # "an hour and a half", "a cup and a half": one duration or measure
        if half is not None:
            value, end = value + 0.5, half[0]
            ids.append(half[1])
    per = None
    rated = unit is not None and unit.kind in ("currency", "physical") and "/" not in unit.code
    if rated and not is_logarithmic(unit.code):  # a logarithmic unit ("85 dB") is a level, never a rate's numerator
        tail = _PER.match(text, end)  # "$71.30 per barrel", "$9.99 a month", "$10-a-month": a rate
        found = g.units.match(text, tail.end(), "denominator") if tail else None
        if found is not None and not (_AGO.match(text, found[1]) and _WORD_PER.fullmatch(tail.group())):
            # "30 mln dlrs a year earlier": no rate; "$4.99/month after a trial" is one
            per, end = found
            ids.append(per.rule)
        elif found is None and (per := _rate_past_brackets(text, m.start(), end, g)) is not None:
            ids.append(per.rule)  # "£20 ($38) a month": the rate after a bracketed restatement, both figures
    bounds: dict[str, str] = {}
    for name in ("bound", "between", "after"):
        if m[name]:
            b_start = m.start(name) + (len(m[name]) - len(m[name].lstrip(_BOUND_LEAD)))  # "10,000[-plus]"
            b_rule = _bound_rule(text, b_start, m.end(name), g, "after" if name == "after" else "before")
            if b_rule is not None:
                ids.append(b_rule.id)
                bounds[name] = b_rule.get("bound")
    if m["gap"]:  # "more than [a record] 5,000": words between a bound and its figure, no bound of their own
        ids.extend(r.id for r in [_bound_rule(text, m.start("gap"), m.end("gap"), g, INSIDE)] if r is not None)
    if not bounds:
        lead = _phrase_bound(text, m.start(), g)  # "an estimated net worth of [$186.3 billion]"
        if lead is not None:
            ids.append(lead.id)
            bounds["bound"] = lead.get("bound")
    sign = -1.0 if m["sign"] or m["sign0"] else 1.0
    code = unit.code if unit is not None else (n_rule.get("unit") or "count")  # "in 7:39.89": seconds
    if per is not None:
        code = rate_code(code, per.code)
    ratio_ctx = n_rule.compiled.get("ratio_context")
    if ratio_ctx is None and r2 is not None and _FOLD.search(m["num2"]) and r2.compiled.get("ratio_context"):
        ratio_ctx = r2.compiled.get("ratio_context")  # "3-12x": the high end's x is the unit of both
        ids.append(r2.id)
    if ratio_ctx is not None and unit is None and (ratio_ctx.match(text, m.end()) or _FOR_SPLIT.search(m["num"])):
        code = "x"  # "twice as much", "2-for-1": a multiple, not a count
    share_ctx = n_rule.compiled.get("share_context")
    if (
        n_rule.get("share")
        and unit is None
        and code != "x"  # "half the price": a multiple of a figure, not a part of a whole
        and not m["scale"]
        and not part_of_scale
        and value <= 1.0
        and high is None
        and (share_ctx is None or share_ctx.match(text, m.end()))
    ):
        value, code = value * 100.0, "%"
    value = _tidy(sign * value * low_factor)
    if high is not None:
        high = _tidy(high * factor)
    if not math.isfinite(value) or (high is not None and not math.isfinite(high)):
        return None
    noun, noun_end = "", end
    of = _OF.match(text, end) if vague else None  # "thousands [of people]": the noun after "of", counted per nothing
    if code == "count" and g.noun is not None:
        noun, noun_end = _noun_phrase(text, of.end() - 1 if of else end, g)
    if noun and code == "count" and of is None:
        per_time = _count_rate(text, noun, noun_end, g)  # "8 hospital admissions a day": count/d, the span kept
        if per_time is not None:
            code = rate_code(code, per_time.code)
            ids.append(per_time.rule)
    if noun and code == "count" and not (m["scale"] or m["pre"]):
        unsigned = sign * value
        value = _tidy(sign * _regrouped(m, unsigned, high, decimal, digits, g, n_rule, ids))  # "1.000 LED lights"
    word_kinds = ("cardinal", "fraction_words", "scale_alone", "multiple", "ratio", "vague")
    is_word = n_rule.get("kind") in word_kinds and not m["num"][0].isdigit()
    plain = code.split("/")[0] == "count" and not (m["pre"] or m["scale"] or m["sign"])  # "8 [admissions a day]" too
    rule = "+".join(ids)

    def make(v: float, v_max: float | None, bound: str, n1: int, bare: bool) -> _Candidate:
        q = Quantity(
            start=offset + m.start(), end=offset + end, text=text[m.start() : end], value=v, unit=code, bound=bound,
            rule=rule, value_max=v_max, noun=noun, is_word=is_word, scaled=scaled,
            subunit=unit.factor if unit is not None and unit.subunit else None,
        )
        return _Candidate(q, m.start("num"), n1, bare, plain)

    if vague:  # "dozens", "tens of thousands": a range by convention, bound approx
        return [make(value, high, "approx", m.end("num"), False)]
    if high is None:
        bound = bounds.get("after") or bounds.get("bound") or "exact"
        if code == "x" and value < 1.0 and n_rule.get("kind") == "multiple":
            bound = _BELOW_ONE.get(bound, bound)  # "more than halved": less than half is left
        bare = plain and not (m["bound"] or m["between"] or m["after"])
        return [make(value, None, bound, m.end("num"), bare)]
    # a range is one quantity over both ends: value the low end, value_max the high end
    return [make(value, high, RANGE, m.end("num2"), plain and not (m["bound"] or m["after"]))]


def _shared_word_scale(m: regex.Match, low: Rule, high: Rule, g: Grammar) -> float:
    """The factor of the scale word a spelled-out range writes only after its high end, which the low end shares
    ("three to five million" -> 1e6, "between two and three billion dollars", "three hundred to five hundred
    billion"): both ends are spelled cardinals, the low end closes with no scale word of its own and is less
    than one of the high end's; else 1.0."""
    if m["scale1"] or low.get("kind") != "cardinal" or high.get("kind") != "cardinal":
        return 1.0
    factor = closing_scale(m["num2"], g.words)
    shared = factor > 1.0 and closing_scale(m["num"], g.words) == 1.0 and cardinal_value(m["num"], g.words) < 1000
    return factor if shared else 1.0


def _noun_phrase(text: str, pos: int, g: Grammar) -> tuple[str, int]:
    """The head phrase of the noun phrase a count names, read from ``pos`` ("1,200 [workers]"), and the offset in
    ``text`` right after its last word; ``('', pos)`` when no noun follows."""
    nm = g.noun.match(text, pos) if g.noun is not None else None
    if nm is None:
        return "", pos
    phrase = _head_phrase(nm.group(1), g.heads, g.words.cardinals)
    end = nm.start(1)
    for word in phrase.split():
        end = text.find(word, end) + len(word)
    return phrase, end


def _counted_noun(text: str, pos: int, g: Grammar) -> str:
    """The head phrase of the noun phrase a count names, read from ``pos`` ("1,200 [workers]"), or ''."""
    return _noun_phrase(text, pos, g)[0]


#: Codes of the ``per`` units of time a count may be counted in ("8 admissions a day": ``count/d``).
#: A possessive after the unit of time: a span the noun after it lasts ("2,000 workers a month's holiday"), no rate.
_OWNED = regex.compile(r"['’]s?\b")
COUNT_RATE_CODES = frozenset({"year", "month", "week", "d", "h"})


def _count_rate(text: str, noun: str, end: int, g: Grammar) -> Unit | None:
    """The unit of time a count is counted per, written right after ``noun``, the head phrase of
    :func:`_noun_phrase` that ends at offset ``end`` ("8 [hospital admissions] a day", "620 thousand new cases each
    week", "12 flights per week"), else None; the phrase must end on a plural noun (not a name: "10 Downing Street
    lasted an hour"); not a time ago ("100 engineers a year earlier"), nor a span owned ("2,000 workers a month's
    holiday")."""
    words = noun.split()
    if not words or not (words[-1].lower() in g.heads or _PLURAL.fullmatch(words[-1].lower())):
        return None
    tail = _PER.match(text, end)
    found = g.units.match(text, tail.end(), "denominator") if tail else None
    if found is None or found[0].code not in COUNT_RATE_CODES:
        return None
    return None if _AGO.match(text, found[1]) or _OWNED.match(text, found[1]) else found[0]


#: One dot before three digits ending in 00, after a whole part that is not zero: "1.000", "3.500".
_DOT_GROUP = regex.compile(r"[1-9]\d{0,2}\.\d00")


def _dot_grouped(m: regex.Match, high: float | None, decimal: str, digits: bool) -> bool:
    """True when a lone number ``m["num"]`` of a text that writes a decimal dot groups thousands with a
    dot: a caller checks that a currency word follows or a counted noun ("3.500 euros", "1.000 lights"),
    since no one prices to a tenth of a cent or counts things in thousandths."""
    return digits and decimal == "." and high is None and _DOT_GROUP.fullmatch(m["num"]) is not None


def _regrouped(m: regex.Match, value: float, high: float | None, decimal: str, digits: bool, g: Grammar,
               n_rule: Rule, ids: list[str]) -> float:
    """``value`` (unsigned), or the lone number ``m["num"]`` read with its one dot grouping thousands when
    :func:`_dot_grouped` says so ("3.500" -> 3500.0), the rule id of that reading then added to ``ids``."""
    if not _dot_grouped(m, high, decimal, digits):
        return value
    ids.append(g.comma_rule or n_rule.id)
    grouped = read_digits(m["num"], decimal, grouped=True)
    return value if grouped is None else grouped


def _bound_rule(text: str, start: int, end: int, g: Grammar, where: str = "before") -> Rule | None:
    """The bounds rule of position ``where`` ("before", "after" the figure, or ``inside``: the words between a
    bound and its figure) that reads ``text[start:end]``, or None; a bound read as one of :data:`BOUNDS`
    ("before" and "after" only). "300 [at most]" is read by the trailing rule, not by "at most" before a figure; a
    trailing bound no trailing rule reads whole falls back to every rule."""
    pairs = g.placed_bounds.get(where, g.bounds)
    rule = _which(pairs, text, start, end) or (_which(g.bounds, text, start, end) if where == "after" else None)
    return rule if rule is not None and (where == INSIDE or rule.get("bound") in BOUNDS) else None


#: The ``position`` of a bounds rule read in the words right before a quantity, outside its span: a bound word a
#: few words before the figure it bounds ("an estimated net worth of [$186.3 billion]").
PHRASE = "phrase"
#: How far before a quantity's start a ``phrase`` bounds rule may begin.
PHRASE_REACH = 72


@lru_cache(maxsize=8)
def _phrase_rules(g: Grammar) -> tuple[tuple[Rule, regex.Pattern], ...]:
    """The bounds rules of position :data:`PHRASE`, in file order."""
    return tuple(p for p in g.bounds if p[0].get("position") == PHRASE)


def _phrase_bound(text: str, start: int, g: Grammar) -> Rule | None:
    """The first ``phrase`` bounds rule whose pattern, searched in the :data:`PHRASE_REACH` characters before
    ``start``, ends exactly there (its pattern ends with ``$``: the quantity's own words stay its span), else
    None. Runs only at a quantity with no bound of its own."""
    lo = max(0, start - PHRASE_REACH)
    for rule, pat in _phrase_rules(g):
        if pat.search(text, lo, start, timeout=REGEX_TIMEOUT) is not None:
            return rule
    return None


_GAP = regex.compile(r"\s{1,2}(?=\S)")
#: A short bracketed restatement after a figure ("£20 [($38)] a month"), and the closing bracket after the
#: figure inside one ("($38[)] a month").
_RESTATED = regex.compile(r"\s{0,2}\([^()\n]{1,30}\)|\)")


def _rate_past_brackets(text: str, start: int, end: int, g: Grammar) -> Unit | None:
    """The denominator unit of a rate written after a bracketed restatement of the figure that spans
    ``text[start:end]`` ("£20 ($38) a month", also for "$38" inside the brackets), else None. The figure
    keeps its own span: the words of the rate are read, not taken."""
    rm = _RESTATED.match(text, end)
    if rm is None or (rm.group() == ")" and not text[max(0, start - 3) : start].rstrip().endswith("(")):
        return None
    tail = _PER.match(text, rm.end())
    found = g.units.match(text, tail.end(), "denominator") if tail else None
    return found[0] if found is not None and not _AGO.match(text, found[1]) else None


def _scale_letter(text: str, start: int, end: int, m: regex.Match, g: Grammar) -> Rule | None:
    """The attached scale rule that reads all of ``text[start:end]`` (the "m" of "$458 m"), when the
    currency prefix of match ``m`` is one; else None."""
    pre = g.units.lookup(text, m.start("pre"), m.end("pre"), "prefix")
    if pre is None or pre.kind != "currency" or end - start > 2:
        return None
    for rule, pat in g.scales:
        if rule.get("attached") and (sm := pat.match(text, start)) is not None and sm.end() == end:
            return rule
    return None


def _spaced_scale(text: str, pos: int, g: Grammar) -> tuple[Rule, int] | None:
    """``(rule, end)`` of the scale word written at ``pos`` ("million" in "a quarter of a million"), or None
    (attached scales such as the "m" of "5m" are no words of their own)."""
    for rule, pat in g.scales:
        if rule.get("attached"):
            continue
        sm = pat.match(text, pos)
        if sm is not None and sm.end() > pos:
            return rule, sm.end()
    return None


#: The inches after a length in feet: digits or a number word, then an inch word or sign ("in", "ins" and
#: a straight or curly double quote only attached to digits: "5ft 9ins", "5'10\"", not "6 feet 4 in the
#: shade"; a spaced "in" before tall, high, long, wide, deep or a comma: "6 ft 1 in tall").
_INCHES = regex.compile(
    r"\s{0,2}(?:(?i:and)\s{1,2})?"
    r"(?:(\d{1,2}(?:\.\d)?)(?:\s{0,2}(?:(?i:inches|inch)\b|″)|(?:(?i:ins?)\b\.?|[\"”])"
    r"|\s(?i:in)\b(?=\s{1,2}(?i:tall|high|long|wide|deep)\b|\s{0,2}[,;)]))"  # "6 ft 1 in tall"
    r"|((?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven))\s{1,2}(?i:inches|inch)\b)"
    # a height written "6-foot-4", "six-foot-two": the inches hyphened to the feet, no unit after them
    r"|(?<=(?i:foot|feet|ft))-(?:(\d{1,2})|((?i:one|two|three|four|five|six|seven|eight|nine|ten|eleven)))"
    r"(?![\d.,%-]|\s{0,2}(?i:inch|inches|ins?|cm|mm|m)\b)"
)


def _inches_after(text: str, pos: int, g: Grammar) -> tuple[float, int, str] | None:
    """``(inches, end, rule id)`` of the inches that complete a height in feet at ``pos`` ("5ft [9ins]",
    "six feet [two inches]", "5′ [10″]", "6-foot[-4]"): fewer than twelve; else None."""
    im = _INCHES.match(text, pos)
    if im is None:
        return None
    n = parse_number(next(part for part in im.groups() if part), g)
    if n is None or not 0 <= n < 12:
        return None
    inch = next((r for r, u in g.units.units if u.code == "in" and u.kind == "physical"), None)
    return n, im.end(), inch.id if inch is not None else "unit.inch.v1"


#: The smaller unit that may complete a weight written in two units ("2 lb 4 oz", "11st 4lb", "14 stone 2
#: pounds"); the figure stays in its first unit, as a height in feet does ("5ft 9ins" = 5.75 ft).
_WEIGHT_PARTS = {"lb": "oz", "stone": "lb"}
_PART_JOIN = regex.compile(r",?\s{0,2}(?i:and\s{1,2})?(?=\d)")


@lru_cache(maxsize=8)
def _per_unit(big: str, small: str) -> float:
    """How many ``small`` make one ``big``, by the pint registry: 16 oz in a lb, 14 lb in a stone."""
    return float(to_pint(1.0, big).to(small).magnitude)


def _weight_part_after(text: str, pos: int, unit: Unit, g: Grammar) -> tuple[float, int, str] | None:
    """``(value in the first unit, end, rule id)`` of the smaller unit that completes a weight at ``pos``
    ("[2 lb] 4 oz", "[11st] 4lb"): a plain number of :data:`_WEIGHT_PARTS`' unit, less than one of the
    first unit; else None."""
    part = _plain_part(text, pos, _PART_JOIN, g)
    if part is None:
        return None
    end, sub, n = part
    if sub is None or sub.code != _WEIGHT_PARTS[unit.code] or n is None:
        return None
    per = _per_unit(unit.code, sub.code)
    return (n / per, end, sub.rule) if 0 <= n < per else None


def _plain_part(text: str, pos: int, join: regex.Pattern[str],
                g: Grammar) -> tuple[int, Unit | None, float | None] | None:
    """``(end, unit, value)`` of the plain figure with a unit that ``join`` leads to at ``pos`` (no scale, sign,
    bound or cue word): the next part of a compound measure, read by the grammar's fallback pattern (unit None
    when its word is no known unit, value None when its number cannot be read); None when no such figure follows."""
    joined = join.match(text, pos)
    m = g.fallback.match(text, joined.end()) if joined else None
    if m is None or not m["unit"] or m["scale"] or m["sign"] or m["bound"] or m["pre"] or m["after"]:
        return None
    sub = g.units.lookup(text, m.end("unit") - len(m["unit"].lstrip(" \t\n-")), m.end("unit"), "pattern")
    rule = _which(g.numbers, text, m.start("num"), m.end("num"))
    return m.end(), sub, _value(rule, m["num"], g) if rule is not None else None


#: What joins the parts of one duration: a comma, "and", or a space ("2 years, 5 months and 9 days",
#: "two hours 45 minutes", "1hr 20min").
_TIME_JOIN = regex.compile(r",?\s{0,2}(?i:and\s{1,2})?(?=\w)")
#: Units of time whose parts keep exact sums in the smallest one ("1hr 20min" = 80 min); a duration with a
#: year or month in it is read in its first unit ("18 years and 187 days" = 18.51 year).
_EXACT_TIME = frozenset({"week", "day", "h", "min", "s"})


def _time_parts_after(text: str, pos: int, first: Unit, g: Grammar) -> list[tuple[float, Unit, int]] | None:
    """``[(value, unit, end), ...]`` of the smaller units of time that complete a duration in ``first`` at
    ``pos`` ("[two hours] 45 minutes", "[2 years], 5 months and 9 days", "[3 min] 12 sec"): each part a plain
    number (no bound, scale, sign or range) of a smaller unit than the one before, less than one of it; None
    when no part follows."""
    parts: list[tuple[float, Unit, int]] = []
    last = first.seconds or 0.0
    while (part := _plain_part(text, pos, _TIME_JOIN, g)) is not None:
        end, sub, n = part
        size = sub.seconds if sub is not None else None
        if size is None or sub.factor != 1.0 or size >= last or n is None or not 0 <= n * size < last:
            break
        parts.append((n, sub, end))
        pos, last = end, size
    return parts or None


def _combined_time(value: float, first: Unit, parts: list[tuple[float, Unit, int]]) -> tuple[float, int, Unit, list[str]]:
    """``(value, end, unit, rule ids)`` of one duration from its first part and the smaller ``parts``: in
    the smallest unit when all are weeks or shorter ("2 hours 45 minutes" = 165 min), else in the first unit
    ("2 years, 5 months and 9 days" = 2.441 year). The unit keeps the first part's rule."""
    seconds = value * (first.seconds or 1.0) + sum(n * (u.seconds or 1.0) for n, u, _ in parts)
    units = [first, *(u for _, u, _ in parts)]
    target = units[-1] if all(u.code in _EXACT_TIME for u in units) else first
    total = seconds / (target.seconds or 1.0)
    ids = [u.rule for _, u, _ in parts]
    return (round(total, 4) if target is not units[-1] else _tidy(total), parts[-1][2], replace(target, rule=first.rule),
            ids)


#: "and a half" after a whole span of time or measure ("an hour [and a half]", "a cup [and a half]"); not a half
#: of something after it.
_AND_A_HALF = regex.compile(r"\s{1,2}(?i:and)\s{1,2}(?i:an?)\s{1,2}(?i:half)\b(?!\s{0,2}(?:-|(?i:a|an|the|per|percent|times)\b))")


_HALF_RULE = "number.digits_and_fraction.v1"


def _half_after(text: str, pos: int, g: Grammar) -> tuple[int, str] | None:
    """``(end, rule id)`` of the "and a half" that completes a span of time or a measure at ``pos`` ("[an hour]
    and a half" = 1.5 h, "[two years] and a half" = 2.5 year, "[a cup] and a half" = 1.5 cup); else None."""
    hm = _AND_A_HALF.match(text, pos)
    if hm is None:
        return None
    return hm.end(), next((r.id for r, _ in g.numbers if r.get("kind") == "digits_and_fraction"), _HALF_RULE)


_AND_SUBUNIT = regex.compile(r",?\s{1,2}(?i:and\s{1,2})?(?=\w)")


def _subunit_after(text: str, pos: int, unit: Unit, g: Grammar) -> tuple[float, int, str] | None:
    """``(value in the main unit, end, rule id)`` of the subunit amount that completes a price at ``pos``
    ("[3 dollars] 50 cents", "[thirteen dollars] and forty-five cents"): a whole number of the same
    currency's subunit, less than one main unit, with no bound, scale or sign; else None."""
    if unit.factor != 1.0:
        return None
    part = _plain_part(text, pos, _AND_SUBUNIT, g)
    if part is None:
        return None
    end, sub, n = part
    if sub is None or not sub.subunit or sub.code != unit.code or n is None or n != int(n) or n * sub.factor >= 1:
        return None
    return n * sub.factor, end, sub.rule


#: Words kept of a noun phrase that has no plural head.
_SINGULAR_WORDS = 3
_PLURAL = regex.compile(r"[a-z]{2,}[^su']s")


def _head_phrase(phrase: str, heads: frozenset[str], numbers: dict[str, float] | None = None) -> str:
    """Cut a noun phrase after its first plural noun or before a number word; drop a dangling 'and'/'or'."""
    words = phrase.split()
    while words and words[0].lower() in ("and", "or", "&"):
        words.pop(0)
    for i, w in enumerate(words):
        if numbers and w.lower() in numbers:
            words = words[:i]
            break
        low = w.lower()
        if low in heads or _PLURAL.fullmatch(low):
            words = words[: i + 1]
            break
    else:
        words = words[:_SINGULAR_WORDS]  # no plural head: "one Iraqi woman", not the whole clause
    while words and words[-1].lower() in ("and", "or", "&"):
        words.pop()
    return " ".join(words)


def _veto_spans(text: str, g: Grammar, cands: list[_Candidate],
                settle: bool = False) -> dict[str, list[tuple[int, int, str]]]:
    """Spans of non-claim matches near the candidates (with the rule id), by the candidates they apply to
    (``"any"``, ``"count"``, ``"bare"``: :func:`_applies`).

    The text is read in windows of :data:`VETO_REACH` characters around the candidates' numbers (overlapping
    windows merged), each rule in file order only in the windows holding a word it needs. With ``settle``
    (only whether each candidate is dropped is asked, not by which rules), a rule skips a window whose every
    candidate it applies to an earlier rule's match already overlaps: its matches there could drop nothing more.
    """
    windows: list[list[int]] = []
    members: list[list[int]] = []  # indexes into ``cands`` of each window's candidates
    for i, c in enumerate(cands):
        lo, hi = max(0, c.num_start - VETO_REACH), min(len(text), c.num_end + VETO_REACH)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], hi)
            members[-1].append(i)
        else:
            windows.append([lo, hi])
            members.append([i])
    wanted = {"any": True, "count": any(c.count for c in cands), "bare": any(c.bare for c in cands)}
    spans: dict[str, list[tuple[int, int, str]]] = {"any": [], "count": [], "bare": []}
    index = g.veto_index if g.veto_index is not None else NeedIndex((None,) * len(g.vetoes))
    masked = [(lo, hi, index.possible(text[lo:hi]), own) for (lo, hi), own in zip(windows, members)]
    anywhere = 0
    for _, _, mask, _ in masked:
        anywhere |= mask
    vetoes = g.vetoes
    dropped = [False] * len(cands)
    while anywhere:  # the rules some window holds a needed word of, in file order
        k = (anywhere & -anywhere).bit_length() - 1
        anywhere &= anywhere - 1
        rule, applies_to = vetoes[k]
        if not wanted[applies_to]:
            continue
        finditer, rule_id, bit, out = rule.pattern.finditer, rule.id, 1 << k, spans[applies_to]
        for lo, hi, mask, own in masked:
            if not mask & bit:  # a window without a word the rule needs cannot match
                continue
            if not settle:
                out.extend((m.start(), m.end(), rule_id) for m in finditer(text, lo, hi))
                continue
            live = [cands[i] for i in own if not dropped[i] and _applies(cands[i], applies_to)]
            if not live:
                continue
            for m in finditer(text, lo, hi):
                a, b = m.span()
                out.append((a, b, rule_id))
                for i in own:
                    c = cands[i]
                    if a < c.num_end and c.num_start < b and _applies(c, applies_to):
                        dropped[i] = True
    return spans


def _applies(c: _Candidate, applies_to: str) -> bool:
    """Whether a non-claim rule that applies to ``applies_to`` (``"any"`` number, a ``"count"`` with no unit,
    currency, scale or sign, a ``"bare"`` count with no bound word either) applies to candidate ``c``."""
    return applies_to == "any" or (c.count if applies_to == "count" else c.bare)


class _Spans:
    """Disjoint sorted intervals (merged from possibly overlapping spans) for fast overlap tests."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for a, b in sorted(spans):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        self.starts = [a for a, _ in merged]
        self.ends = [b for _, b in merged]

    def overlaps(self, s: int, e: int) -> bool:
        i = bisect.bisect_left(self.starts, e) - 1  # last interval starting before e
        return i >= 0 and self.ends[i] > s


#: How far before its number a quantity may start (bound words and currency prefix).
LEFT_REACH = 48
#: How far around a number the non-claim rules look.
VETO_REACH = 64


_SEPARATED = regex.compile(r"\d[.,]\d")


def _unread(m: regex.Match, decimal: str) -> list[tuple[int, int]]:
    """Spans of the digit numbers of a match that no convention reads ("4,2" in a dot-decimal text)."""
    return [
        m.span(name) for name in ("num", "num2")
        if m[name] and _SEPARATED.search(m[name]) and m[name][0] in "0123456789."
        and read_digits(m[name], decimal) is None
    ]


def _search(text: str, pos: int, g: Grammar) -> regex.Match | None:
    """The first match of the master pattern starting at ``pos`` or later (as ``g.master.search``): the master
    is tried only where its small starter pattern says a quantity may start, so most positions cost a
    fraction of a master attempt."""
    for start in g.starter.finditer(text, pos, timeout=REGEX_TIMEOUT):
        m = g.master.match(text, start.start(), timeout=REGEX_TIMEOUT)
        if m is not None:
            return m
    return None


def _candidates(text: str, g: Grammar, offset: int, decimal: str = ".",
                unread: list[tuple[int, int]] | None = None) -> list[_Candidate]:
    core = g.precheck.search(text)  # every quantity holds a digit or number word ...
    out: list[_Candidate] = []
    pos = 0
    while core is not None:
        m = _search(text, max(pos, core.start() - LEFT_REACH), g)  # ... at most LEFT_REACH chars in
        if m is None:
            break
        if m["num2"] is not None and _not_a_range(m, text, g):
            m = g.fallback.match(text, m.start()) or m
        c = _build(m, text, g, offset, decimal)
        if c is None and unread is not None:
            unread.extend(_unread(m, decimal))
        if c is None and m["num2"] is not None and _DIGIT_PAIR.fullmatch(m.group(0)):
            pos = m.end()  # "6-4", "2-1": a score or code, not a range
        else:
            if c is None:  # "12 in one day" is no ratio, "one - fourth" no range: read it without either
                m2 = g.fallback.match(text, m.start())
                if m2 is not None:
                    m, c = m2, _build(m2, text, g, offset, decimal)
            if c is not None:
                out.extend(c)
            pos = max(m.end(), m.start() + 1, c[-1].quantity.end - offset if c else 0)  # past "and 50 cents"
        core = g.precheck.search(text, pos)
    return out


_DIGIT_PAIR = regex.compile(r"\d{1,4}\s?[-–]\s?\d{1,4}")
_YEAR = regex.compile(r"(?:1[89]|2[01])\d\d")
#: "from $1,200", "from US$5", "from the current $154,000", "from an average of $3.10" right before a range's low end.
_FROM = regex.compile(r"(?i)\bfrom\s{1,3}(?:(?:the|its|their|his|her|our)\s{1,2}(?:current|previous|existing|present|old|"
                      r"original|initial|earlier|prior|former)\s{1,3}|an?\s{1,2}average\s{1,2}of\s{1,3})?"
                      r"(?:\p{Sc}|[A-Z]{1,3}\p{Sc}?)?$")
#: A fiscal year's first year right before a number ("2012–13 to 885 000 tonnes": 13 ends the year).
_FISCAL_HEAD = regex.compile(r"(?<!\d)(?:1[89]|2[01])\d\d[-–/]$")
_DASHES = ("-", "–", "—", "~", "−")
#: Feet hyphened between two numbers: a height in feet and inches ("5-foot-10"), not a range.
_FEET_HYPHEN = regex.compile(r"-(?i:foot|feet|ft)-")
#: A player's line of successes in tries written with a dash after a verb of a game's line, the smaller number
#: first ("went 1-11 at the plate", "is 0-4 with two walks"): its first number is the tally, no range.
_TALLY_VERB = regex.compile(r"(?i)\b(?:went|goes|going|is|was|has\s{1,2}gone|had\s{1,2}gone)\s{1,2}$")
_TALLY_CUE = regex.compile(
    r"(?i)\s{1,2}(?:at\s{1,2}the\s{1,2}plate|from\s{1,2}(?:the\s{1,2}(?:field|floor|line|arc)|deep|three)|with\s{1,2}(?:an?|one|two|three|\d)\b"
    r"|in\s{1,2}(?:his|her|the|their)\s{1,2}(?:last|past|first|next|previous)\b|against\s{1,2}(?:left|right)|over\s{1,2}(?:his|her|the)\s{1,2}(?:last|past)\b|since\b)")
#: Two decimals or more: a price to the cent.
_CENTS = regex.compile(r"\.\d\d")
#: After a verb of change, "X to Y" with Y at most this many times X is a range ("grew 3 to 4 percent");
#: a wider pair is a change then a level ("rose 1-1/2 to 34-3/4").
MOVE_RATIO = 2.5
#: Characters before "X to Y" searched for the verb or noun of a movement ("increase the efficiency of solar
#: cells from 23% to 35%").
CHANGE_REACH = 90


def _not_a_range(m: regex.Match, text: str, g: Grammar) -> bool:
    """True when the "X to Y" of a range match is two values: a year at the low end only ("590,000 tonnes in
    2018 to 590,000 tonnes", "in 2012–13 to 885 000 tonnes"), a dash between a digit number and a spelled-out
    one ("November 3—nine days"), a multiple at the low end ("almost double to $3bn"), or a movement after a verb of change (``not_range`` rules): "from X to Y",
    two prices to the cent ("fell $28.63 to $38.65"), a height in feet and inches ("5-foot-10"), "X or Y" unless one unit after Y alone
    joins them ("two or three years" is a range, "3% or $1.20" two figures), or Y more than :data:`MOVE_RATIO` times X, each end with its
    scale ("rose by 24,000 to 1.33 million"; "grow 3 to 4 million" shares the scale: a range), or a low end with a
    unit of its own before a bare high end with a scale ("0.9 pct to 2.1 million": a percent and a count)."""
    if _YEAR.fullmatch(m["num"]) and not _YEAR.fullmatch(m["num2"]):
        return True
    if m["unit1"] and m["scale"] and not (m["scale1"] or m["unit"] or m["pre2"]):
        return True  # "fell 0.9 pct to 2.1 million": a unit closes the low end, the scale of a bare high end is not its
    if m["rsep"].strip().lower() == "or" and (
        m["unit1"] or m["scale1"] or m["pre2"]
        or not (m["unit"] or _approx_alternatives(m, text, g) or _spelled_alternatives(m, g))
    ):
        return True  # "3% or $1.20", "2 or 3 cars": two figures; "two or three years", "two or three cars" one range
    if _FEET_HYPHEN.fullmatch(text, m.end("num"), m.start("num2")):
        return True  # "a 5-foot-10 guard": a height in feet and inches, no range
    if m["rsep"].strip() in _DASHES and m["num"][0].isalpha() != m["num2"][0].isalpha():
        return True  # "November 3—nine days before": a dash between digits and a word joins no range
    low = _which(g.numbers, text, m.start("num"), m.end("num"))
    if low is not None and low.get("kind") == "multiple" and not (_FOLD.search(m["num"]) and _FOLD.search(m["num2"])):
        return True  # "would almost double to $3bn": a multiple and a level; "between 3x and 12x" is a range
    if _FISCAL_HEAD.search(text, max(0, m.start("num") - 5), m.start("num")):
        return True
    if _tally_line(m, text):
        return True
    if not (m["rsep"] and m["rsep"].strip().lower() in ("to", "through")):
        return False
    if not _change_before(text, m.start("num"), g):
        return False
    if _FROM.search(text, max(0, m.start("num") - 40), m.start("num")):
        return True
    if m["pre"] and _CENTS.search(m["num"]) and _CENTS.search(m["num2"]):
        return True  # "fell $28.63 to $38.65": prices to the cent are a change and a level, no range
    low, high = parse_number(m["num"], g), parse_number(m["num2"], g)
    if not (low and high):
        return True
    high_f = _factor(m, "scale", text, g)
    low_f = _factor(m, "scale1", text, g) if m["scale1"] else high_f
    if not m["scale1"] and low >= SCALE_LOW_END and high <= low < high * high_f:
        low_f = 1.0  # "rose by 24,000 to 1.33 million": the scale belongs to the high end only
    return not high * high_f <= MOVE_RATIO * low * low_f


def _tally_line(m: regex.Match, text: str) -> bool:
    """True when a dashed digit pair is a player's line of successes in tries ("went 1-11 at the plate"): a verb
    of a game's line before it, the smaller number first and a word of the game's setting after it."""
    if m["rsep"].strip() not in _DASHES or not (m["num"].isdigit() and m["num2"].isdigit()) or m["unit"] or m["scale"]:
        return False
    if int(m["num"]) > int(m["num2"]) or not _TALLY_VERB.search(text, max(0, m.start() - 16), m.start()):
        return False
    return _TALLY_CUE.match(text, m.end()) is not None


def _approx_alternatives(m: regex.Match, text: str, g: Grammar) -> bool:
    """True when "X or Y" with no unit after Y follows a word of approximation and Y is the larger, both written
    alike: "about 10 or 11", "some 200 or 300" are one vague amount, a range ("2 or 3 cars" stays two figures)."""
    if not m["bound"]:
        return False
    rule = _bound_rule(text, m.start("bound"), m.end("bound"), g)
    if rule is None or rule.get("bound") != "approx" or m["num"][0].isdigit() != m["num2"][0].isdigit():
        return False
    low, high = parse_number(m["num"], g), parse_number(m["num2"], g)
    return bool(low and high and low < high)


#: The widest gap between two small spelled-out numbers joined by "or" that still guesses one amount ("six or
#: eight"), and the largest such number ("eleven or twelve").
SPELLED_OR_GAP = 2
SPELLED_OR_MAX = 20


def _spelled_alternatives(m: regex.Match, g: Grammar) -> bool:
    """True when "X or Y" joins two small spelled-out numbers from two up, Y just above X: a guess at one amount,
    a range ("two or three on a plate", "four or five shops"; "2 or 3 cars" in digits stays two figures, and "one
    or two" is read by the rules of "one": a pronoun in "one or two will do", two counts before a plural)."""
    if not (m["num"].isalpha() and m["num2"].isalpha()):
        return False
    low, high = parse_number(m["num"], g), parse_number(m["num2"], g)
    return bool(low and high and 2 <= low < high <= min(low + SPELLED_OR_GAP, SPELLED_OR_MAX))


def _change_before(text: str, start: int, g: Grammar) -> bool:
    """True when the text before ``start`` makes "X to Y" a change (not_range rules: "from", "rose")."""
    lo = max(0, start - CHANGE_REACH)
    return any(p.search(text, lo, start) for p in g.not_range)


@dataclass(frozen=True)
class Sifted:
    """What the grammar made of a text: the quantities it keeps, and those non-claim rules dropped.

    ``dropped``: each dropped quantity with the ids of the non-claim rules whose matches overlap its number
    (or, for a range, the text from its low to its high number).
    """

    kept: list[Quantity]
    dropped: list[tuple[Quantity, tuple[str, ...]]]
    #: Spans (``offset`` added) of digit numbers the document's convention cannot read ("4,2" in English
    #: text), non-claim forms (dates, identifiers...) left out.
    unread: tuple[tuple[int, int], ...] = ()


def _unread_kept(text: str, g: Grammar, spans: list[tuple[int, int]], offset: int) -> tuple[tuple[int, int], ...]:
    """The unread spans no non-claim rule (of those that apply to any number) overlaps, with ``offset``."""
    out: list[tuple[int, int]] = []
    for s, e in dict.fromkeys(spans):
        lo, hi = max(0, s - VETO_REACH), min(len(text), e + VETO_REACH)
        vetoed = any(
            m.start() < e and s < m.end()
            for rule, applies_to in g.vetoes if applies_to == "any"
            for m in rule.pattern.finditer(text, lo, hi)
        )
        if not vetoed:
            out.append((offset + s, offset + e))
    return tuple(out)


def find_tallies(text: str, g: Grammar, offset: int = 0) -> list[Quantity]:
    """Ordinals that count (``tally`` rules of ``numbers.toml``): "a [third] case" (3, ``count``), "the
    [fourth] consecutive month" (4, ``month``), "its [50th] anniversary" (50, ``year``), "the
    [14th]-ranked" (14, ``rank``), "the [over-65s]" (65, ``year``, bound over). The span is group ``span``,
    else the ordinal; the unit is the rule's ``unit``, else the unit the pattern's group ``unit`` names, else
    ``count``; the bound is what the bound rules read in group ``bound``, else exact. A rule with a group
    ``part`` reads an age by its decade ("her [mid-50s]": 54 to 56 years, bound approx): the offsets of the
    low and high end by the part word come from the rule's ``values``, 0 to 9 without one; a group ``high`` above
    the figure makes a range up to it ("[around age 16 or 17]": 16 to 17 years, bound range). A count takes the
    noun phrase after its span as ``noun`` ("the 13th consecutive monthly record"). The place may be a
    spelled-out whole number ("world number [two]": 2). A rule with a ``gate`` runs only where the gate
    matches; the others where the text holds an ordinal. Sorted, non-overlapping (earlier rule first)."""
    if not g.tallies:
        return []
    ordinal = g.tally_precheck is not None and g.tally_precheck.search(text) is not None
    gates = g.tally_gates or (None,) * len(g.tallies)
    pairs = zip(g.tallies, gates) if ordinal else [(t, gate) for t, gate in zip(g.tallies, gates) if gate]
    if not pairs:
        return []
    out: list[Quantity] = []
    for (rule, pat), gate in pairs:
        if not holds(text, gate):
            continue  # the rule cannot match here
        for m in pat.finditer(text, timeout=REGEX_TIMEOUT):
            s, e = m.span("span") if "span" in pat.groupindex else m.span("ordinal")
            if any(s < q.end - offset and q.start - offset < e for q in out):
                continue
            word = m["ordinal"]
            value = int(word) if word.isdigit() else ordinal_value(word, g.words) or _whole(word, g)
            if value is None or value < 1:
                continue
            code = rule.get("unit") or ""
            if not code and "unit" in pat.groupindex and m["unit"]:
                found = g.units.lookup(text, m.start("unit"), m.end("unit"), "pattern")
                code = found.code if found is not None else ""
            ids, bound = [rule.id], "exact"
            if "bound" in pat.groupindex and m["bound"]:
                b_rule = _bound_rule(text, m.start("bound"), m.end("bound"), g)
                if b_rule is not None:
                    ids.append(b_rule.id)
                    bound = b_rule.get("bound")
            high = None
            if "high" in pat.groupindex and m["high"] and int(m["high"]) > value:
                high, bound = float(m["high"]), RANGE  # "around age 16 or 17": one guess at an age, a range
            if "part" in pat.groupindex:  # an age by its decade: "mid-50s" is 54 to 56, "40s" 40 to 49, about
                low, top = (rule.get("values") or {}).get((m["part"] or "").lower(), (0, 9))
                value, high, bound = value + low, float(value + top), "approx"
            noun = _counted_noun(text, e, g) if not code and g.noun is not None else ""  # "his [eighth] win"
            out.append(Quantity(offset + s, offset + e, text[s:e], float(value), code or "count", bound, "+".join(ids),
                                value_max=high, noun=noun))
    return sorted(out, key=lambda q: q.start)


def _whole(word: str, g: Grammar) -> int | None:
    """A spelled-out whole number a tally rule caught as its place ("world number [two]"), else None."""
    value = cardinal_value(word, g.words)
    return int(value) if value is not None and value == int(value) else None


def _with_tallies(kept: list[Quantity], tallies: list[Quantity], replaces: frozenset[str] = frozenset()) -> list[Quantity]:
    """Grammar quantities plus the tallies that overlap none of them, sorted. A tally of a rule in
    ``replaces`` first takes the place of the bare counts (unit ``count``) and of the figures in its own unit
    ("under the age of 8 [years] old"), bound exact, it overlaps."""
    if not tallies:
        return kept
    places = [t for t in tallies if t.rule.split("+", 1)[0] in replaces]
    if places:
        kept = [q for q in kept if not (q.bound == "exact" and q.value_max is None
                                        and any(q.unit in ("count", t.unit) and q.start < t.end and t.start < q.end
                                                for t in places))]
    taken = _Spans([(q.start, q.end) for q in kept])
    return sorted([*kept, *(t for t in tallies if not taken.overlaps(t.start, t.end))], key=lambda q: q.start)


def _sift(text: str, grammar: Grammar, offset: int, explain: bool, decimal: str = ".") -> Sifted:
    """Candidates of ``text`` minus those whose numbers overlap a non-claim match that applies to them
    (a range goes whole, from its low to its high number); with ``explain`` the dropped ones are listed with the rules that dropped them."""
    missed: list[tuple[int, int]] = []
    cands = _candidates(text, grammar, offset, decimal, missed)
    unread = _unread_kept(text, grammar, missed, offset) if missed else ()
    tallies = find_tallies(text, grammar, offset)
    if not cands:
        return Sifted(tallies, [], unread)
    found = _veto_spans(text, grammar, cands, settle=not explain)
    spans = {k: _Spans([(a, b) for a, b, _ in v]) for k, v in found.items()}
    dropped: list[tuple[Quantity, tuple[str, ...]]] = []
    keep = []
    for c in cands:
        s, e = c.num_start, c.num_end
        if (
            spans["any"].overlaps(s, e)
            or (c.count and spans["count"].overlaps(s, e))
            or (c.bare and spans["bare"].overlaps(s, e))
        ):
            rules: tuple[str, ...] = ()
            if explain:
                kinds = ("any", *(("count",) if c.count else ()), *(("bare",) if c.bare else ()))
                rules = tuple(dict.fromkeys(r for k in kinds for a, b, r in found[k] if a < e and s < b))
                dropped.append((c.quantity, rules))
            continue
        keep.append(c.quantity)
    return Sifted(_with_tallies(keep, tallies, grammar.tally_replaces), dropped, unread)


def sift_quantities(text: str, grammar: Grammar, offset: int = 0, decimal: str = ".") -> Sifted:
    """The quantities of ``text`` (as :func:`find_quantities`) and the candidates non-claim rules dropped,
    each with the rules that dropped it (slower than :func:`find_quantities`: for tests and reports)."""
    return _sift(text, grammar, offset, explain=True, decimal=decimal)


def scan_quantities(text: str, grammar: Grammar, offset: int = 0, decimal: str = ".") -> Sifted:
    """The quantities of ``text`` (``kept``, as :func:`find_quantities`) and the spans of the numbers it
    could not read (``unread``); ``dropped`` is left empty."""
    return _sift(text, grammar, offset, explain=False, decimal=decimal)


def find_quantities(text: str, grammar: Grammar, offset: int = 0, decimal: str = ".") -> list[Quantity]:
    """Quantities in ``text``, sorted by start, non-overlapping; offsets are ``offset`` + local index.

    ``decimal``: the document's decimal mark, "." or "," (:func:`decimal_mark`); "1,49" is a quantity
    only under ",", "250.000" is 250 under "." and 250000 under ",".
    """
    return _sift(text, grammar, offset, explain=False, decimal=decimal).kept


def decimal_mark(text: str, language: str, grammar: Grammar) -> str:
    """The decimal mark of a document: "," when ``language`` (ISO 639-1, or a tag like "de-AT") writes a
    decimal comma (the ``decimal_comma`` rule) and ``text`` writes no number the English way, else "."."""
    code = language.strip().lower().replace("_", "-").split("-")[0]
    if code not in grammar.comma_languages:
        return "."
    if grammar.dot_evidence is not None and grammar.dot_evidence.search(text):
        return "."
    return ","


def find_years(text: str, grammar: Grammar, offset: int = 0,
               quantities: Sequence[Quantity] | None = None) -> list[tuple[int, int, str]]:
    """Spans of years and fiscal years (not part of a quantity) for period attachment.

    ``quantities``: the text's :func:`find_quantities` result when the caller already has it.
    """
    spans: list[tuple[int, int]] = []
    for rule, _ in grammar.vetoes:
        if rule.get("kind") != "year":
            continue
        has_group = "year" in rule.pattern.groupindex
        spans.extend(m.span("year") if has_group and m["year"] else m.span() for m in rule.pattern.finditer(text))
    if not spans:
        return []
    if quantities is None:
        quantities = find_quantities(text, grammar, offset)
    taken = _Spans([(q.start - offset, q.end - offset) for q in quantities])
    out: list[tuple[int, int, str]] = []
    reach = -1
    for s, e in sorted(set(spans), key=lambda x: (x[0], -x[1])):
        if e <= reach:  # inside a longer year span ("2021" in "2021/22")
            continue
        reach = e
        if not taken.overlaps(s, e):
            out.append((offset + s, offset + e, text[s:e]))
    return out
