"""The period of a claim: the year, quarter, half, month or fiscal year its figure is for.

A figure's period comes from the years and written periods of its sentence (the ``period`` rules of
``rules/claims.toml`` that have a ``format``: "the first quarter of 2021", "fiscal 2023", "last year"), else
from the last one an earlier sentence of its paragraph passed on, else from a ``period`` rule that finds the
year the article's account is introduced with (its opening, headline or lead), else from the release date (the
``period_source`` column says which). A period is a year, quarter, half, month or fiscal year ("2021",
"2021-Q1", "2021-H2", "2021-03", "FY2021"); a day or week named from the release date ("on Friday", "this
week") is given as its month. Years set against a figure as the base of a comparison ("up 27% from 2003") are
never its period; a figure a stretch of time dates ("between 2010 and 2015", "over the past five years", the
``period`` rules of role ``span``) has none.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import regex

from ..rules import Rule
from .claim_rules import ClaimRules

#: Characters at the start of an article searched for the year its account is introduced with (its lead: a year
#: opening a later paragraph dates that paragraph, not the article).
INTRO_CHARS = 1000

#: Where a sentence splits into clauses (a figure's clause, for its period here and its subject in
#: :mod:`pipeline.extract.context`): not at the colon of an exchange and ticker in brackets ("Acme Corp.
#: (NYSE: ACM) fell 2%" is one clause, about Acme Corp.).
CLAUSE_BREAK = regex.compile(r"[,;]\s|:\s(?![A-Z][A-Z.]{0,6}\))")

_QUARTERS = {"first": 1, "1st": 1, "q1": 1, "second": 2, "2nd": 2, "q2": 2, "third": 3, "3rd": 3, "q3": 3,
             "fourth": 4, "4th": 4, "q4": 4, "final": 4, "last": 4}
_HALVES = {"first": 1, "1st": 1, "h1": 1, "second": 2, "2nd": 2, "h2": 2, "latter": 2, "last": 2, "final": 2}
#: Month names (English, German, French, Spanish) and abbreviations -> 1-12.
_MONTHS = {m: n for n, names in enumerate((
    ("january", "jan", "januar", "jänner", "janvier", "enero"),
    ("february", "feb", "februar", "février", "fevrier", "febrero"),
    ("march", "mar", "märz", "maerz", "mars", "marzo"),
    ("april", "apr", "avril", "abril"),
    ("may", "mai", "mayo"),
    ("june", "jun", "juni", "juin", "junio"),
    ("july", "jul", "juli", "juillet", "julio"),
    ("august", "aug", "août", "aout", "agosto"),
    ("september", "sep", "sept", "septembre", "septiembre", "setiembre"),
    ("october", "oct", "oktober", "octobre", "octubre"),
    ("november", "nov", "novembre", "noviembre"),
    ("december", "dec", "dezember", "décembre", "decembre", "diciembre")), start=1) for m in names}


def _year(text: str) -> int | None:
    digits = text.strip("'’ ")
    if not digits.isdigit():
        return None
    return int(digits) + 2000 if len(digits) == 2 else int(digits)


def _year_after(first: str, second: str) -> int | None:
    """The year ``second`` of a year across two ("1986/87", "1999/00", "2022-2023": 1987, 2000, 2023), read in
    the century of ``first``; None when it is not the year after ``first`` ("2010-15")."""
    start, end = _year(first), _year(second)
    if start is None or end is None:
        return None
    if len(second.strip("'’ ")) == 2:
        end = start - start % 100 + end % 100 + (100 if end % 100 < start % 100 else 0)
    return end if end == start + 1 else None


#: The last month of each quarter and half: a period of the release year that has not ended at the
#: release date is the previous year's.
_QUARTER_END = {1: 3, 2: 6, 3: 9, 4: 12}
_HALF_END = {1: 6, 2: 12}


def period_value(groups: dict[str, str | None], template: str, relative: int | None, published: str,
                 context_year: str = "", ahead: bool = False) -> str:
    """The ISO-like value of a period match: ``template`` filled with ``year`` (four digits; a two-digit
    year is 20YY), ``quarter`` (1-4), ``half`` (1-2) and ``month`` (01-12); '' when a part is missing or unknown.
    Group ``to_month`` is the month a quarter or half ends in ("the three months to December": quarter 4); group
    ``from_year`` is the year a period across two years starts in ("2022-23"), which must be the year before ``year``
    ("2010-15" is no period). A rule with ``relative`` and no year written takes the year of ``published`` plus it;
    with ``relative`` 0 and a part of a year ("the first quarter"), ``context_year`` (a year the text gave before)
    first, else the release year, or the year before when that part had not ended by the release date ("the fourth
    quarter" in an article of 2023-06-01: 2022-Q4); a month alone ("in December") is the one nearest the release date.
    With ``ahead`` (the clause looks forward: "will rise in January") a part of a year without its year is the next
    one not yet ended at the release date. A template with a month and no month written counts ``relative`` in months
    from the release month ("last month"), one with a quarter and no quarter written in quarters from the release
    quarter ("last quarter"); group ``day`` ("today", "yesterday", "this week", a weekday) is a day at or before the
    release date, valued by its month (:func:`day_month`)."""
    parts: dict[str, int] = {}
    for name, table in (("quarter", _QUARTERS), ("half", _HALVES), ("month", _MONTHS)):
        word = (groups.get(name) or "").lower().rstrip(".")
        if word in table:
            parts[name] = table[word]
    end = _MONTHS.get((groups.get("to_month") or "").lower().rstrip("."), 0)
    if end:
        if "{quarter" in template and end % 3 == 0:
            parts["quarter"] = end // 3
        elif "{half" in template and end % 6 == 0:
            parts["half"] = end // 6
    if groups.get("day"):
        return day_month(groups["day"] or "", published, template)
    if "{month" in template and "month" not in parts and relative is not None and groups.get("year") is None:
        return _months_from_release(relative, published, template)
    if "{quarter" in template and "quarter" not in parts and relative is not None and groups.get("year") is None \
            and not groups.get("to_month"):
        return _quarters_from_release(relative, published, template)
    if any("{" + name in template and name not in parts for name in ("quarter", "half", "month")):
        return ""
    year = _year(groups.get("year") or "")
    if groups.get("from_year"):
        year = _year_after(groups["from_year"] or "", groups.get("year") or "")
        if year is None:
            return ""  # "2010-15": a span of years, no year across two
    if year is None and relative is not None:
        if relative == 0 and parts and _year(context_year) is not None:
            year = _year(context_year)
        elif published[:4].isdigit():
            year = int(published[:4]) + relative
            month = int(published[5:7]) if published[5:7].isdigit() else 0
            ends = [_QUARTER_END.get(parts.get("quarter", 0), 0), _HALF_END.get(parts.get("half", 0), 0),
                    parts.get("month", 0)]
            if relative == 0 and month and ahead:
                year += 1 if max(ends) < month else 0
            elif relative == 0 and month and set(parts) == {"month"} and "{month" in template:
                year += _nearest_year_shift(parts["month"], month)
            elif relative == 0 and month and max(ends) >= month:
                year -= 1
    if year is None or not 1900 <= year <= 2100:
        return ""
    return template.format(year=year, **parts)


def _nearest_year_shift(month: int, release_month: int) -> int:
    """-1 or 0: the year of the ``month`` nearest a release in ``release_month`` (six months back at most:
    "in December" in January is last December, "in September" in June is this one)."""
    return -1 if month - release_month >= 6 else 0


def _release_date(published: str) -> date | None:
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _quarters_from_release(relative: int, published: str, template: str) -> str:
    """``template`` filled with the release date's quarter plus ``relative`` quarters ("last quarter": -1);
    '' without a release date."""
    if not (published[:4].isdigit() and published[5:7].isdigit()):
        return ""
    n = int(published[:4]) * 4 + (int(published[5:7]) - 1) // 3 + relative
    return template.format(year=n // 4, quarter=n % 4 + 1)


def _months_from_release(relative: int, published: str, template: str) -> str:
    """``template`` filled with the release month plus ``relative`` months ("last month": -1); '' without
    a release date."""
    when = _release_date(published)
    if when is None:
        return ""
    n = when.year * 12 + when.month - 1 + relative
    return template.format(year=n // 12, month=n % 12 + 1)


#: Days back from the release date of the ``day`` words a period rule finds.
_DAYS_BACK = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
              "yesterday": 1, "this week": 0, "last week": 7}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
#: Whole month and weekday words, lower case (the month table's names and abbreviations, and the weekdays):
#: they open sentences but name no company.
CALENDAR_WORDS = frozenset(_MONTHS) | frozenset(_WEEKDAYS)


#: Longest text between a quantity and the period written right after it ("$5 billion [in 2021]").
PERIOD_GAP = 40
_PERIOD_LEAD = regex.compile(
    r"(?i)^[^,;:()]{0,40}?\b(?:in|for|during|of|at\s{1,3}the\s{1,3}end\s{1,3}of|by|through|since)"
    r"\s{1,3}(?:the\s{1,3})?$"
)
#: A period relative to the release written right after a quantity ("from 17 million [last year] to 55 million in
#: 2006"): the quantity's own, even when no release date values it, so no other year of its clause is.
_OWN_RELATIVE = regex.compile(
    r"(?i)\s{0,3},?\s{0,3}(?:(?:in|during|for)\s{1,3})?(?:last|this|next|the\s{1,3}previous)"
    r"\s{1,3}(?:year|month|quarter|week)\b"
)


#: A target's "by" or a horizon's "until", "through" right before a period ("aims to reach 2 GW [by] 2026", "by the
#: end of 2030", "until at least 2008"): the year a plan is to be met, which dates only the figures of its own
#: clause, and only the figure it follows when it follows one.
_TARGET_BY = regex.compile(r"(?i)\b(?:by|until|till|through)\s{1,3}(?:at\s{1,3}least\s{1,3})?"
                           r"(?:the\s{1,3}end\s{1,3}of\s{1,3})?$")
#: The text between a figure and a target's year written right after it ("[30 GW] of solar by 2030").
_TARGET_LEAD = regex.compile(r"(?i)^[^,;:()]{0,40}?\b(?:by|until|till|through)\s{1,3}(?:at\s{1,3}least\s{1,3})?"
                             r"(?:the\s{1,3}end\s{1,3}of\s{1,3})?$")
#: A word between two figures that starts another statement ("reached 1.6 GW [and] plans 30 GW by 2030"): a target's
#: year right after the second is not the first one's.
_OTHER_PLAN = regex.compile(r"(?i)\b(?:and|but|while|whereas|as|with)\b")


#: The words that set a figure against another ("[from] $150", "[compared with] 5%"), and the words that may stand
#: between them and the figure: the pieces of :data:`SET_AGAINST` and of the restated rate's pattern (:mod:`.carry`).
SET_AGAINST_WORDS = r"from|compared\s{1,3}(?:with|to)|against|versus|vs\.?|than"
SET_AGAINST_LEAD = r"(?:(?:the|a|an|about|around|some|nearly|roughly)\s{1,3}){0,2}$"
#: The words that set a figure against another right before it.
SET_AGAINST = regex.compile(r"(?i)\b(?:" + SET_AGAINST_WORDS + r")\s{1,3}" + SET_AGAINST_LEAD)


def _later_target(text: str, start: int) -> bool:
    """True when the period at ``start`` (sentence offsets) is a target's year ("by 2026") written after the
    sentence's opening: one that opens the sentence ("By 2028, the trust aims to convert 110,000 flats") dates
    every clause of it."""
    m = _TARGET_BY.search(text, 0, start)
    return m is not None and bool(text[:m.start()].strip(" \t\"'“‘(["))


def _owned(y: tuple[int, int, str], base: int, text: str, spans: Sequence[tuple[int, int]], local: int) -> bool:
    """True when period ``y`` (absolute offsets) is written right after a figure of ``spans`` (sentence offsets)
    other than the one at ``local`` that is set against another, through 'in', 'for', a comma... or as a period
    relative to the release ("to $180 from [$150] last year": last year is $150's own, not $180's; "rose 5% to
    $4 billion in 2023" dates the 5% too), or when it is a target's year right after a later figure of another
    statement ("reached 1.6 GW and plans [30 GW] by 2030": 2030 is 30 GW's) or after the figure a figure set against
    another moves to ("from 19% to [37%] by 2009": not 19%'s; "rise 5% to $4 billion by 2025" dates the 5% too)."""
    s = y[0] - base
    here = next((qe for qs, qe in spans if qs == local), local)
    moved_from = SET_AGAINST.search(text, 0, local) is not None  # "from [19%] to 37% by 2009"
    return any(qs != local and qe <= s
               and ((_PERIOD_LEAD.match(text[qe:s]) or _OWN_RELATIVE.match(text, qe))
                    and SET_AGAINST.search(text, 0, qs)
                    or _TARGET_LEAD.match(text[qe:s]) and here <= qs
                    and (moved_from or _OTHER_PLAN.search(text, here, qs) is not None))
               for qs, qe in spans)


def pick_period(local: int, years: Sequence[tuple[int, int, str]], base: int, text: str,
                end: int | None = None, limit: int | None = None, spans: Sequence[tuple[int, int]] = ()) -> str:
    """The period of the quantity at ``local`` (sentence offsets): a period written right after it, before
    ``limit`` (the next quantity), through 'in', 'for', 'during'... ("$5 billion in 2021 from $4 billion in
    2020": 2021, then 2020), else the nearest in its clause, else the nearest before it; a period only
    after it in another clause is not its own, nor any when a period relative to the release right after it
    found no value ("from 17 million last year to 55 million in 2006": none for 17 million). ``spans``: the
    sentence's quantities ``(start, end)`` at sentence offsets: a period written right after another of them is
    that one's own and dates no other ("climbed to $180 from $150 last year": none for $180), and a target's year
    ("by 2026") dates no figure of another clause unless it opens the sentence ("By 2028, ..."), nor do a stretch
    of time (:data:`SPAN`, which the caller turns into no period) or an event's year ("his 2017 campaign") unless
    set before the figure's clause (:func:`_kept_to_clause`).
    ``years``: ``(start, end, value)`` spans at absolute offsets (``base`` = the sentence's start);
    ``end``: where the quantity ends."""
    if not years:
        return ""
    if end is not None:
        stop = min(limit if limit is not None else len(text), end + PERIOD_GAP + 30)
        for y in years:
            s = y[0] - base
            if end <= s and y[1] - base <= stop and _PERIOD_LEAD.match(text[end:s]):
                return y[2]
        own = _OWN_RELATIVE.match(text, end)
        if own is not None:  # "17 million last year": that period, unvalued without a release date, is its own
            return next((y[2] for y in years if end <= y[0] - base < own.end()), "")
    cuts = [0, *(m.end() for m in CLAUSE_BREAK.finditer(text)), len(text) + 1]
    k = max(n for n in range(len(cuts) - 1) if cuts[n] <= local)
    if spans:
        years = [y for y in years if not _owned(y, base, text, spans, local)]
    spots = [(y[0] - base, y[2]) for y in years]
    same = [y for y in spots if cuts[k] <= y[0] < cuts[k + 1]]
    if same:
        return min(same, key=lambda y: abs(y[0] - local))[1]
    before = [y for y in spots if y[0] < cuts[k] and not (spans and _later_target(text, y[0]))
              and not _kept_to_clause(text, y[0], y[1], cuts, local) or cuts[k] <= y[0] < local]
    return before[-1][1] if before else ""


#: What a sentence's periods hold for a stretch of time that is no single period (:func:`find_spans`): a figure
#: it dates has no period, none from its paragraph, article or release date either.
SPAN = "span"

#: The words a phrase set before a sentence's main clause opens with ("[In] a 2014 survey, 78% said", "[Over] the
#: past decade, prices doubled").
_FRONTED = regex.compile(r"(?i)[\s\"'“‘(]*(?:in|at|during|for|after|before|since|between|from|over|under|throughout"
                         r"|across|within|until|through|according\s{1,3}to)\b")
#: A year written as part of a name or right before a noun after a determiner or a possessive: the year of an event
#: or a thing ("a [2016] deal", "the [2012] Olympics", "his [2017] election campaign", "the agency's [2020] budget",
#: "Euro [2004]", "World Cup [2018]"). The end of the text before the year, and the start of the text after it.
_NAMED_BEFORE = regex.compile(
    r"(?:\b(?i:a|an|the|his|her|its|their|our|my|your)|[\p{L}.]['’]s|(?<![.!?:;]\s{0,3}|^\s{0,3})"
    r"(?!(?:In|At|By|For|From|Since|During|Until|Till|Through|Before|After|Of|To|And|Or|But|Between|On|Over|Under"
    r"|Fiscal|FY|Q[1-4]|H[12]|January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b)\b\p{Lu}[\p{L}]{1,20})\s{1,3}$")
_DETERMINER = regex.compile(r"(?i)(?:a|an|the|his|her|its|their|our|my|your)\b|[\p{L}.]['’]s")
_NAMED_AFTER = regex.compile(r"\s{1,3}(?!(?i:and|or|to|was|were|is|are|saw|had|has|when|as)\b)\p{L}")


def _named_year(text: str, start: int, end: int) -> bool:
    """True when the four-digit year at ``start``-``end`` of ``text`` is an event's or a thing's
    (:data:`_NAMED_BEFORE`): after a determiner or possessive with a noun after it ("a 2016 deal"), or after a
    capitalised word ("Euro 2004")."""
    if not regex.fullmatch(r"(?:19|20)\d\d", text[start:end]):
        return False
    lead = _NAMED_BEFORE.search(text, max(0, start - 40), start)
    if lead is None:
        return False
    capital = _DETERMINER.match(text, lead.start(), start) is None
    return capital or bool(_NAMED_AFTER.match(text, end))


#: The text between a clause break and a figure that opens its clause, the next member of a list.
_LIST_ITEM = regex.compile(r"(?i)\s{0,3}(?:(?:and|or|nor)\s{1,3})?"
                           r"(?:(?:the|a|an|about|some|nearly|almost|around|roughly|over|under|up\s{1,3}to)\s{1,3})?")


def _kept_to_clause(text: str, start: int, value: str, cuts: Sequence[int], local: int) -> bool:
    """True when the period ``value`` at ``start`` (sentence offsets) dates no figure of a later clause: a stretch
    of time (:data:`SPAN`) or an event's year (:func:`_named_year`: "Macron, who included it in his 2017 election
    campaign, wants to replace dozens of schemes"), unless its clause is a phrase set before the main one ("In a 2014
    survey, 78% said", "Between 2014 and 2021, 58 homes were built"), or, for an event's year, opens the sentence
    ("A 2022 survey of firms, published today, finds 69% ..."); a break inside brackets is none ("its 2004 dividend
    of 70 cents (£0.48; $0.98)"), nor one before the next member of a list ("prices between 1987 and 1990 cannot be
    cut below 50 cents per lb, 6.50 dlrs per hundredweight and 4.50 dlrs per bushel")."""
    span = value == SPAN
    if not span and not _named_year(text, start, start + len(value)):
        return False
    depth, breaks = 0, []  # the clause breaks between the period and the figure that no bracket holds
    for n in range(start, local):
        depth += {"(": 1, ")": -1}.get(text[n], 0)
        if depth <= 0 and CLAUSE_BREAK.match(text, n):
            breaks.append(n)
    if not breaks:  # "its 2004 dividend of 70 cents (£0.48; $0.98) from 55 cents": one clause, a restatement inside
        return False
    if _LIST_ITEM.fullmatch(text, cuts[max(n for n in range(len(cuts) - 1) if cuts[n] <= local)], local):
        return False  # a figure opening its clause is the next member of a list ("below 50 cents, 6.50 dlrs and ...")
    j = max(n for n in range(len(cuts) - 1) if cuts[n] <= start)
    if _FRONTED.match(text, cuts[j]):
        return False
    return span or j > 0


def find_spans(text: str, base: int, rules: ClaimRules) -> list[tuple[int, int, str]]:
    """Stretches of time ``text`` (at absolute offset ``base``) writes that are no single year, quarter or month,
    found by the ``period`` rules of role ``span`` ("between 2010 and 2015", "2010-15", "over the past five years",
    "in the Middle Ages"): ``(start, end, rule id)`` at absolute offsets; one inside another an earlier rule found
    is left out (spans that overlap are both kept: "April/January [1986]/87", where the year across two is a period)."""
    out: list[tuple[int, int, str]] = []
    for rule in rules.period_spans:
        for m in rule.pattern.finditer(text):
            s, e = base + m.start(), base + m.end()
            if e > s and not any(a <= s and e <= b for a, b, _ in out):
                out.append((s, e, rule.id))
    return sorted(out)


#: The words that make a stretch of time right after them the base of a comparison ("21% more than [the average of]
#: the past five years"): it dates no figure.
_SPAN_BASE = regex.compile(r"(?i)\b(?:than|compared\s{1,3}(?:with|to)|against|versus|vs\.?)\s{1,3}"
                           r"(?:(?:in|during|over)\s{1,3})?(?:(?:the|a|an|its|their)\s{1,3})?"
                           r"(?:(?:average|mean|level|levels|total|rate|pace|norm|figures?)\s{1,3}"
                           r"(?:of|for|in|over|during)\s{1,3})?$")


def within_spans(years: Sequence[tuple[int, int, str]], written: Sequence[tuple[int, int, str, str]],
                 spans: Sequence[tuple[int, int, str]], text: str = "", base: int = 0
                 ) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]:
    """``(years, spans)``: the ``years`` (years and written periods, ``(start, end, value)`` at absolute offsets)
    outside every one of ``spans`` (:func:`find_spans`), and the spans no ``written`` period (:func:`find_periods`)
    covers whole (a year across two, "the 2022-23 season", is a period, FY2023; "2010-15" is a span) and that are
    not the base of a comparison in ``text`` (the sentence, which starts at ``base``: "24% higher than the average
    of the past five years")."""
    kept_spans = [sp for sp in spans if not any(w[0] <= sp[0] and sp[1] <= w[1] for w in written)]
    kept = [y for y in years if not any(s <= y[0] and y[1] <= e for s, e, _ in kept_spans)]
    return kept, [sp for sp in kept_spans if not (text and _SPAN_BASE.search(text, max(0, sp[0] - base - 60),
                                                                              sp[0] - base))]


#: A year a sentence opens with ("In 2019 sales were slow.", "By the end of 2004, ..."): not one told in passing.
_OPENING_YEAR = regex.compile(r"(?i)[\s\"'“‘(]*(?:in|for|during|throughout|by|since"
                              r"|at\s{1,3}the\s{1,3}(?:end|start)\s{1,3}of)\s{1,3}(?:(?:early|mid|late)[\s-]{1,3})?"
                              r"(?:the\s{1,3}(?:fiscal\s{1,3})?year\s{1,3})?(?:19|20)\d\d\b")


def opening_year(text: str) -> bool:
    """True when sentence ``text`` opens with a year after 'In', 'For', 'By the end of'... ("In 2019 sales were
    slow."): the year the account is set in, which a later month or quarter of its paragraph without a year takes."""
    return _OPENING_YEAR.match(text) is not None


def article_period(text: str, rules: ClaimRules, title: str = "") -> tuple[str, str]:
    """``(year, rule id)``: the year an article's account is introduced with ("In 2022, ...", a headline
    "Deficit in 1986", a lead "earnings for 2004") and the ``period`` rule that found it, or ``("", "")``.
    The rules search ``title``, a blank line, then ``text`` (its first :data:`INTRO_CHARS` characters)."""
    head = f"{title}\n\n{text[:INTRO_CHARS]}"
    for rule in rules.periods:
        match = rule.pattern.search(head)
        if match:
            return match.group("year"), rule.id
    return "", ""


#: Values of the ``period_source`` column: where a claim's period was found, in the order they are tried.
PERIOD_SOURCES = ("sentence", "paragraph", "article", "release")
_RELEASE_MONTH = regex.compile(r"(\d{4})-(\d{2})")


def release_period(published: str) -> str:
    """The month of an ISO release date as a period ("2024-04-13T22:22:00" -> "2024-04"); "" without one."""
    match = _RELEASE_MONTH.match(published)
    return f"{match.group(1)}-{match.group(2)}" if match else ""


def day_month(day: str, published: str, template: str) -> str:
    """The month (``template`` with ``year`` and ``month``) of a day named relative to the release date:
    ``day`` is a word of :data:`_DAYS_BACK` or a weekday (the last such day at or before the release date);
    '' without a full release date or for an unknown word."""
    when = _release_date(published)
    word = " ".join(day.lower().split())
    if when is None:
        return ""
    if word in _DAYS_BACK:
        back = _DAYS_BACK[word]
    elif word in _WEEKDAYS:
        back = (when.weekday() - _WEEKDAYS.index(word)) % 7
    else:
        return ""
    then = when - timedelta(days=back)
    return template.format(year=then.year, month=then.month)


def find_periods(text: str, base: int, rules: ClaimRules, published: str = "",
                 years: Sequence[tuple[int, int, str]] = ()) -> list[tuple[int, int, str, str]]:
    """Periods written in ``text`` (at absolute offset ``base``) by the ``period`` rules that have a
    ``format``: ``(start, end, value, rule id)``, e.g. "the first quarter of 2021" -> "2021-Q1", "fiscal 2023" ->
    "FY2023", "March 2023" -> "2023-03", "last year" -> the year before ``published`` (none without it),
    "the first quarter" -> the year of the last of ``years`` (``(start, end, value)`` at absolute offsets)
    written before it, else of the release date (:func:`period_value`)."""
    out: list[tuple[int, int, str, str]] = []
    possible = rules.period_index.possible(text)
    for k, rule in enumerate(rules.clause_periods):
        if not possible >> k & 1:  # text without a word the rule needs cannot match
            continue
        for m in rule.pattern.finditer(text):
            before = [v for s, _, v in years if s < base + m.start() and v.isdigit()]
            value = period_value(m.groupdict(), rule.get("format"), rule.get("relative"), published,
                                 before[-1] if before else "", bool(rule.get("ahead")))
            if value and not any(s < base + m.end() and base + m.start() < e for s, e, _, _ in out):
                out.append((base + m.start(), base + m.end(), value, rule.id))
    return sorted(out)


#: How far back a ``period`` base rule looks before a year ("than they did in 2003").
_BASE_REACH = 40


def _set_against(text: str, base: int, years: Sequence[tuple[int, int, str]], rules: Sequence[Rule], reach: int
                 ) -> dict[tuple[int, int, str], str]:
    """The ``years`` (``(start, end, value)`` at absolute offsets, ``base`` = the text's start) whose last
    ``reach`` characters before them one of ``rules`` finds with its ``before`` pattern, each with the first
    such rule's id."""
    out: dict[tuple[int, int, str], str] = {}
    for y in years:
        lead = text[max(0, y[0] - base - reach) : max(0, y[0] - base)]
        rule = next((r for r in rules if r.compiled["before"].search(lead)), None)
        if rule is not None:
            out[y] = rule.id
    return out


def comparison_bases(text: str, base: int, years: Sequence[tuple[int, int, str]], rules: ClaimRules
                     ) -> dict[tuple[int, int, str], str]:
    """The years and written periods of ``text`` (``(start, end, value)`` at absolute offsets, ``base`` = the
    text's start) that are the base of a comparison by a ``period`` base rule ("up 27% from 2003", "7% more
    than in 2003"), each with that rule's id: they are never a figure's period."""
    return _set_against(text, base, years, rules.period_bases, _BASE_REACH)


#: How far back :func:`carried_period` looks before a year for a figure set against another.
_COMPARED_REACH = 60


def carried_period(text: str, base: int, years: Sequence[tuple[int, int, str]], rules: ClaimRules
                   ) -> tuple[str, str]:
    """``(period, rule id)``: the period a sentence stating figures passes on to the next sentences of its
    paragraph, the last of its ``years`` (``(start, end, value)`` at absolute offsets, ``base`` = the text's
    start) not written after a figure set against another (a ``period`` rule of role ``compared``: "Unemployment
    rose to 4.2% in March from 3.9% in [December]" passes March on; "Exports climbed 8%, up from $48 billion
    in [January]" passes nothing), '' when there is none; with the id of the rule that set a later year aside,
    '' when none did. That figure keeps its own period."""
    compared = _set_against(text, base, years, rules.period_compared, _COMPARED_REACH)
    own = [y for y in years if y not in compared]
    later = [rid for y, rid in compared.items() if not own or y[0] > own[-1][0]]
    return (own[-1][2] if own else ""), (later[-1] if later else "")


def merge_periods(years: Sequence[tuple[int, int, str]], periods: Sequence[tuple[int, int, str, str]]
                  ) -> list[tuple[int, int, str]]:
    """Years and written periods (:func:`find_periods`) as ``(start, end, value)`` in text order; a year
    inside a period ("2021" of "first quarter of 2021") gives way to it."""
    kept = [y for y in years if not any(p[0] <= y[0] and y[1] <= p[1] for p in periods)]
    return sorted([*kept, *((s, e, v) for s, e, v, _ in periods)])


#: What follows a year that makes it a decade ("the 1990[s]"; "the 1980['s]" only after "the": "1990's final
#: quarter" is the year's): ten years, no single one.
_DECADE_TAIL = regex.compile(r"s\b|['’]s\b(?<=\bthe\s{1,3}(?:(?:early|late|mid)[\s-]{1,3})?\d{4}['’]s)")


def without_decades(years: Sequence[tuple[int, int, str]], text: str, base: int) -> list[tuple[int, int, str]]:
    """``years`` (``(start, end, year)`` at absolute offsets, of the sentence ``text`` that starts at ``base``)
    without the years a decade is written with ("prices rose 40% in the [1990]s": no period 1990): a decade
    is no year, quarter, half or month, so a figure in one has no period of its own."""
    return [y for y in years if not (y[2].endswith("0") and _DECADE_TAIL.match(text, y[1] - base))]
