"""Claim rows: the findings of each sentence (:mod:`.findings`) become :class:`~pipeline.types.Claim` rows.

For one article (:func:`article_claims`): each finding gets a subject and a period (:mod:`.context`,
:mod:`.period`), a metric that names a company, a traded good or an index is read as such, a person credited
with a figure is its subject, and each row a stable :func:`claim_id`. Values, units and bounds come from the
number grammar (:mod:`.quantities`), ranks from :mod:`.ranks`; quantities that are not claims were dropped before
(:mod:`.non_claims`).
"""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace

import regex

from ..types import Article, Claim, Sentence
from .carry import MONEY, TIME_UNITS
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
    parse_subject,
    pick_subject,
    place_after,
    place_names,
    reporting_body,
    respective_subject,
    source_after,
    speaker_named,
    speaking,
    subject_entities,
    subject_scope,
    written_names,
)
from .findings import CuePass, Finding, analyse_sentence, split_ids
from .kinds import context
from .metric import named_possessor, referent_opening, survey_metric, traded_price
from .metric_donors import LEVEL_METRICS, opening_at
from .ner import Entity, Token
from .noun_phrase import CODED_MEASURE
from .period import (
    CALENDAR_WORDS,
    PERIOD_SOURCES,
    SPAN,
    article_period,
    carried_period,
    comparison_bases,
    find_periods,
    find_spans,
    merge_periods,
    opening_year,
    pick_period,
    release_period,
    within_spans,
    without_decades,
)
from .quantities import Quantity
from .tables import results_line, table_cell

log = logging.getLogger(__name__)

#: The trace entry of a metric read from the header of a figure's table column (:mod:`.tables`).
TABLE_METRIC = "metric.table_column"
#: The trace entry of the price of a traded good read from the verb it reaches a sum by (:func:`.metric.traded_price`).
TRADED_PRICE = "metric.traded_price"
#: The trace entry of a metric taken from the sentence before, which a pronoun opening the sentence refers to.
REFERENT_METRIC = "metric.referent"
#: The trace entry of a metric a later member of a list takes from the member before it.
LIST_METRIC = "metric.list_member"


@dataclass(frozen=True)
class Traced:
    """A claim and the id of every rule that decided something about it (its finding's ``trace``, then
    the ``period`` rule when the period is the article's introduced year)."""

    claim: Claim
    trace: tuple[str, ...]


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
    return q.unit not in TIME_UNITS and name.start >= q.end \
        and _CIRCUMSTANCE.search(text, q.end - base, max(q.end - base, name.start - base)) is not None


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
    return any(q.start < start and q.unit not in TIME_UNITS and q.unit not in _NO_GOODS
               and not MONEY.fullmatch(q.unit) for q in items)


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
    moneyish = unit == "%" or bool(MONEY.fullmatch(unit))
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
    return "share price" if unit == "%" or MONEY.fullmatch(unit) else metric


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
        # its sentence or (see below) an earlier one of its paragraph, else the release date's, else (no release
        # date) the article's
        known = paragraph_year or ("" if article.published else default_period)
        context_years = [*([(sent.start - 1, sent.start, known[:4])] if known else []), *sent_years]
        written = find_periods(sent.text, sent.start, rules, article.published, context_years)
        period_rules = {value: rid for _, _, value, rid in written}
        if written:
            sent_years = merge_periods(sent_years, written)
        stretches = find_spans(sent.text, sent.start, rules) if rules.period_spans else []
        if stretches:  # "between 2010 and 2015": no year of a stretch of time is a period
            sent_years, stretches = within_spans(sent_years, written, stretches, sent.text, sent.start)
        bases = comparison_bases(sent.text, sent.start, sent_years, rules) if sent_years and rules.period_bases else {}
        own_years = [y for y in sent_years if y not in bases]
        dated = sorted([*own_years, *((s, e, SPAN) for s, e, _ in stretches)])
        dated_all = sorted([*sent_years, *((s, e, SPAN) for s, e, _ in stretches)]) if stretches else sent_years
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
                                      trace=split_ids(*finding.trace, surveyed[2]))
            following = next((s for s in starts if s >= f.end), None)
            limit = following - sent.start if following is not None else None
            period = pick_period(f.start - sent.start, dated, sent.start, sent.text, f.end - sent.start, limit,
                                 spans)
            span_rule = ""
            if period == SPAN:  # a stretch of time dates it: no period ("rose 40% between 2010 and 2015")
                period = ""
                span_rule = next((rid for s, e, rid in stretches if (s, e, SPAN) in dated), "")
            base_rule = ""
            if bases:  # a base of comparison that would have been the period: its rule decided
                passed = pick_period(f.start - sent.start, dated_all, sent.start, sent.text, f.end - sent.start, limit,
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
                                          and not circumstance_name(e, f, sent.text, sent.start)
                                          and not reporting_body(sent.text, sent.start, e)]):
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
                finding = replace(finding, trace=split_ids(*finding.trace, scope.id))
            metric = named_metric(finding, ents, index, rules, sent.text, sent.start, toks if english else (),
                                  goods_counted(items, f.start))
            if cell is not None and (cell.whole or not metric):
                metric, finding = cell.metric, replace(finding, trace=split_ids(*finding.trace, TABLE_METRIC))
            unit, metric = index_reading(finding.kind, f.unit, metric, subject if source == "clause" else "")
            if not unit and rules.context_currency.intersection(finding.rules):
                # "the floods cost [billions]" with no currency in its sentence: the one the article named before it
                unit = next((c.claim.unit.split("/", 1)[0] for c in reversed(out) if MONEY.fullmatch(c.claim.unit)), "")
            if not metric and len(out) > first and rules.group_ids[0] in finding.trace:
                # a later member of a list ("Alphabet rose 2.3%, Amazon [1.8%]") measures what the member before it does
                prior = out[-1].claim
                if prior.metric and prior.kind == finding.kind and prior.unit == unit \
                        and not any(prior.metric.lower() == e.text.lower() for e in all_ents):
                    metric, finding = prior.metric, replace(finding, trace=split_ids(*finding.trace, LIST_METRIC))
            if english:
                metric, owner = named_possessor(metric, sent.text, names)
                if owner and source != "clause":  # "Manchester United's revenue": whose revenue it is
                    subject, source = owner, "clause"
                if MONEY.fullmatch(unit) and finding.kind in ("amount", "level", "change"):
                    priced = traded_price(sent.text[: f.start - sent.start], f.text, rules)
                    if priced and (not metric or metric.lower() in priced.lower()):  # "Bitcoin topped $70,000"
                        metric, finding = priced, replace(finding, trace=split_ids(*finding.trace, TRADED_PRICE))
                metric = sentence_case(metric, sent.text, names)
                if not metric and earlier.get(unit) and referent_opening(sent.text):
                    metric, finding = earlier[unit], replace(finding, trace=split_ids(*finding.trace, REFERENT_METRIC))
            if cell is not None and cell.place and unit == "count":  # a figure in a column of places
                unit, finding = "rank", replace(finding, kind="rank")
            # the first period found, nearest first: the sentence's, the paragraph's, the article's, the release's
            # (none but the sentence's own in a sentence of a decade: "rose 40% in the 1990s" has none)
            candidates = (period, paragraph_period, default_period, released)
            period_source, chosen = next(
                ((where, value) for where, value in zip(PERIOD_SOURCES, candidates)
                 if value and not ((decade or span_rule) and where != "sentence")), ("", ""))
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
            out.append(Traced(claim, split_ids(*finding.trace, "metric.named" if metric != finding.metric else "",
                                          period_rules.get(period, ""),
                                          period_rule if period_source == "article" else "",
                                          paragraph_rule if period_source == "paragraph" else "",
                                          shift.id if shift is not None else "", base_rule, span_rule)))
        if sent_years and (not article.published or items or opening_year(sent.text)):
            # the year a later "third quarter" is in; on a page with a release date, not a year told in passing
            # ("Mercury died in 1991. ... In September ...": the September nearest the release), only one of a
            # sentence that states figures or opens with it ("In 2019 sales were slow.")
            paragraph_year = sent_years[-1][2]
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
