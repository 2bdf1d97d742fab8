"""Tests of pipeline.extract.metric_tags: the metric read from the dependency parse and from the parts of
speech."""
from __future__ import annotations

import pytest

from pipeline.extract import ner
from pipeline.extract.claim_rules import load_claim_rules
from pipeline.extract.metric_tags import parse_metric, tag_metric
from pipeline.extract.ner import Token
from pipeline.extract.noun_phrase import MAX_METRIC_WORDS

from standins import span, tagged

RULES = load_claim_rules()

needs_model = pytest.mark.skipif(not ner.model_available(), reason="spaCy model package not installed")


@needs_model
@pytest.mark.parametrize(("text", "quantities", "metrics"), [
    ("The new model should extend the battery range by about 40 km.", ["about 40 km"], ["battery range"]),
    ("The gauge was up about 12 per cent, and profit dropped by $3 million to $12.5 million.",
     ["about 12 per cent", "$3 million", "$12.5 million"], ["gauge", "profit", "profit"]),
    ("Shanghai scientists have published 120 papers in Science.", ["120"], ["papers"]),
    ("The number of jobless people fell by 16 pct.", ["16 pct"], ["jobless people"]),
    ("It reported a 22% fall in first quarter profits.", ["22%"], ["first quarter profits"]),
    ("It rose 5% on Friday.", ["5%"], [""]),  # a pronoun subject names nothing measured
])
def test_parse_metric(text: str, quantities: list[str], metrics: list[str]):
    parsed = ner.parse([text], [0])[0]
    spans = [(text.index(q), text.index(q) + len(q)) for q in quantities]
    got = [parse_metric(parsed.tokens, s, e, RULES, spans) for s, e in spans]
    assert got == metrics
    for metric in got:  # short, lower case, never a unit word of a quantity
        assert metric == metric.lower() and len(metric.split()) <= MAX_METRIC_WORDS


def test_parse_metric_without_tokens_is_empty():
    assert parse_metric((), 0, 3, RULES) == ""


@pytest.mark.parametrize(("words", "quantities", "metrics"), [
    ("Shanghai/PROPN registered/VERB 38,265/NUM technology/NOUN contracts/NOUN ./PUNCT",
     ["38,265"], ["technology contracts"]),
    ("The/DET gauge/NOUN was/AUX up/ADV about/ADV 12/NUM %/NOUN ./PUNCT", ["about 12 %"], ["gauge"]),
    ("Net/ADJ profit/NOUN dropped/VERB by/ADP $3m/NUM to/ADP $12m/NUM ./PUNCT", ["$3m", "$12m"],
     ["net profit", "net profit"]),
    ("They/PRON extend/VERB the/DET battery/NOUN range/NOUN by/ADP 40/NUM km/NOUN ./PUNCT", ["40 km"],
     ["battery range"]),
    ("Revenue/NOUN in/ADP the/DET first/ADJ quarter/NOUN rose/VERB 3/NUM %/NOUN ./PUNCT", ["3 %"], ["revenue"]),
    ("Toyota/PROPN shares/NOUN fell/VERB 3/NUM %/NOUN on/ADP Friday/PROPN to/ADP 870/NUM yen/NOUN ./PUNCT",
     ["3 %", "870 yen"], ["shares", "shares"]),
    ("Sales/NOUN growth/NOUN in/ADP 2019/NUM will/AUX be/AUX 3/NUM %/NOUN ./PUNCT", ["3 %"], ["sales"]),
    ("It/PRON rose/VERB 5/NUM %/NOUN on/ADP Friday/PROPN ./PUNCT", ["5 %"], [""]),
    ("Toyota/PROPN rose/VERB 5/NUM %/NOUN ./PUNCT", ["5 %"], [""]),  # a name is a subject, not a metric
    ("Prices/NOUN rose/VERB ,/PUNCT but/CCONJ it/PRON said/VERB 5/NUM %/NOUN ./PUNCT", ["5 %"], [""]),
    # a noun of change after 'a' is the movement: what moved is the clause's subject, or the phrase after 'in'
    ("Orders/NOUN posted/VERB a/DET gain/NOUN of/ADP 8/NUM %/NOUN ./PUNCT", ["8 %"], ["orders"]),
    ("The/DET fund/NOUN logged/VERB a/DET 4/NUM %/NOUN slide/NOUN ./PUNCT", ["4 %"], ["fund"]),
    ("The/DET chain/NOUN saw/VERB a/DET rise/NOUN of/ADP 3/NUM %/NOUN in/ADP rents/NOUN ./PUNCT", ["3 %"],
     ["rents"]),
    # a verb inside the phrase before is no part of the metric ("used" opening it may be)
    ("The/DET grocer/NOUN cut/VERB fees/NOUN by/ADP 9/NUM %/NOUN ./PUNCT", ["9 %"], ["fees"]),
    # a model number and its name between a count and what it counts
    ("Airco/PROPN built/VERB 31/NUM 320/NUM Falcon/PROPN planes/NOUN in/ADP May/PROPN ./PUNCT", ["31"], ["planes"]),
    ("It/PRON ordered/VERB 8/NUM 380/NUM freighters/NOUN ./PUNCT", ["8"], ["freighters"]),
    ("It/PRON sold/VERB 8/NUM 380/NUM ./PUNCT", ["8"], [""]),  # no noun after the number: nothing counted
    # a scale word is no part of the noun a later change takes; a record word before a level is no metric, the
    # clause's subject is
    ("Acme/PROPN delivered/VERB 1.8/NUM million/NUM vehicles/NOUN ,/PUNCT up/ADV 38/NUM %/NOUN ./PUNCT", ["38 %"],
     ["vehicles"]),
    ("Exports/NOUN hit/VERB a/DET record-high/ADJ $5bn/NUM ./PUNCT", ["$5bn"], ["exports"]),
    ("Inflation/NOUN hit/VERB a/DET near-record/NOUN 6/NUM %/NOUN ./PUNCT", ["6 %"], ["inflation"]),
    # a participle between a span and its noun is part of what the span measures
    ("Ortega/PROPN gave/VERB a/DET 90-minute/NUM televised/VERB address/NOUN ./PUNCT", ["90-minute"],
     ["televised address"]),
    ("The/DET club/NOUN sold/VERB 40/NUM signed/VERB shirts/NOUN ./PUNCT", ["40"], ["signed shirts"]),
    ("Crews/NOUN searched/VERB 12/NUM ,/PUNCT helped/VERB by/ADP dogs/NOUN ./PUNCT", ["12"], [""]),
    # growth with no noun before it names nothing that grew: the verb before it is no metric (the cue word is)
    ("It/PRON would/AUX eke/VERB out/ADP growth/NOUN of/ADP just/ADV 1.9/NUM %/NOUN ./PUNCT", ["1.9 %"], [""]),
    ("It/PRON saw/VERB growth/NOUN of/ADP 2/NUM %/NOUN ./PUNCT", ["2 %"], [""]),
    ("Export/NOUN growth/NOUN was/AUX 2/NUM %/NOUN ./PUNCT", ["2 %"], ["export"]),
    # a forecast a change is stated "in" is not what changed; a noun that changed is
    ("Pay/NOUN rose/VERB ,/PUNCT with/ADP growth/NOUN of/ADP 3/NUM %/NOUN in/ADP the/DET May/PROPN forecast/NOUN ./PUNCT",
     ["3 %"], [""]),
    ("The/DET firm/NOUN saw/VERB a/DET rise/NOUN of/ADP 3/NUM %/NOUN in/ADP turnover/NOUN ./PUNCT", ["3 %"],
     ["turnover"]),
    # a noun that only tells versions apart is no metric; one that names a thing is
    ("It/PRON makes/VERB a/DET 30°F/NUM version/NOUN ./PUNCT", ["30°F"], [""]),
    ("It/PRON makes/VERB a/DET 30°F/NUM sleeping/NOUN bag/NOUN ./PUNCT", ["30°F"], ["sleeping bag"]),
    # a range a level is set in measures what was set
    ("The/DET bank/NOUN lifted/VERB its/PRON policy/NOUN rate/NOUN to/ADP a/DET range/NOUN of/ADP 1/NUM %/NOUN ./PUNCT",
     ["1 %"], ["policy rate"]),
    # a phrase after a preposition that only qualifies the subject of a verb of movement is no metric
    ("Fuel/NOUN costs/NOUN at/ADP the/DET airline/NOUN jumped/VERB 9/NUM %/NOUN ./PUNCT", ["9 %"], ["fuel costs"]),
    ("Rents/NOUN on/ADP the/DET seafront/NOUN rose/VERB by/ADP 4/NUM %/NOUN ./PUNCT", ["4 %"], ["rents"]),
    # a name and a figure joined to an earlier clause, its verb left out, name no metric of their own
    ("Peru/PROPN will/AUX grow/VERB 3/NUM %/NOUN this/DET year/NOUN and/CCONJ Chile/PROPN 2/NUM %/NOUN ./PUNCT",
     ["3 %", "2 %"], ["", ""]),
    # a forecast or estimate before what is forecast is no part of it
    ("The/DET central/ADJ bank/NOUN forecast/NOUN inflation/NOUN of/ADP 4/NUM %/NOUN ./PUNCT", ["4 %"], ["inflation"]),
    # a word that makes a preposition with "to" after a figure is no noun it counts
    ("It/PRON got/VERB an/DET extra/ADJ $2m/NUM relative/ADJ to/ADP 2022/NUM ./PUNCT", ["$2m"], [""]),
    # a participle of movement after a comma moves the subject of the clause before it
    ("Orders/NOUN also/ADV increased/VERB ,/PUNCT growing/VERB 7/NUM %/NOUN ./PUNCT", ["7 %"], ["orders"]),
    ("Orders/NOUN were/AUX placed/VERB ,/PUNCT growing/VERB 7/NUM %/NOUN ./PUNCT", ["7 %"], [""]),
    # an aside opened by a participle in -ed is passed
    ("Sales/NOUN ,/PUNCT adjusted/VERB for/ADP fees/NOUN ,/PUNCT fell/VERB 2/NUM %/NOUN ./PUNCT", ["2 %"], ["sales"]),
    ("Fees/NOUN ,/PUNCT raised/VERB in/ADP May/PROPN ,/PUNCT fell/VERB 2/NUM %/NOUN ./PUNCT", ["2 %"], ["fees"]),
    # a relative clause between a clause's subject and its verb of movement is passed
    ("Sales/NOUN at/ADP the/DET shop/NOUN that/PRON serves/VERB Leeds/PROPN rose/VERB 12/NUM %/NOUN ./PUNCT",
     ["12 %"], ["sales"]),
    ("It/PRON is/AUX a/DET goal/NOUN that/PRON was/AUX met/VERB 4/NUM years/NOUN early/ADV ./PUNCT", ["4 years"], [""]),
    # those who expected or feared a figure are nothing it counts; people expected to do something are
    ("It/PRON raised/VERB more/ADJ than/ADP the/DET £100m/NUM analysts/NOUN had/AUX expected/VERB ./PUNCT",
     ["£100m"], [""]),
    ("It/PRON was/AUX below/ADP the/DET 2.5/NUM %/NOUN economists/NOUN feared/VERB ./PUNCT", ["2.5 %"], [""]),
    ("Organisers/NOUN welcomed/VERB 3/NUM million/NUM people/NOUN expected/VERB to/PART attend/VERB ./PUNCT",
     ["3 million"], ["people"]),
])
def test_tag_metric(words: str, quantities: list[str], metrics: list[str]):
    text, tokens = tagged(words)
    spans = [span(text, q) for q in quantities]
    got = [tag_metric(tokens, text, 0, s, e, RULES, spans) for s, e in spans]
    assert got == metrics


def test_tag_metric_of_amounts_objects_and_restatements():
    text, tokens = tagged("Marsh/PROPN agreed/VERB to/PART pay/VERB $850m/NUM to/PART settle/VERB ./PUNCT")
    s, e = span(text, "$850m")
    assert tag_metric(tokens, text, 0, s, e, RULES, [(s, e)], amount=True) == "payment"
    assert tag_metric(tokens, text, 0, s, e, RULES, [(s, e)]) == ""  # verb nouns name amounts only
    text, tokens = tagged("Marsh/PROPN posted/VERB a/DET $676m/NUM (/PUNCT £352m/NUM )/PUNCT loss/NOUN ./PUNCT")
    spans = [span(text, "$676m"), span(text, "£352m")]
    assert [tag_metric(tokens, text, 0, s, e, RULES, spans, amount=True) for s, e in spans] == ["loss", "loss"]
    text, tokens = tagged("It/PRON defers/VERB $135m/NUM in/ADP debt/NOUN ./PUNCT")
    s, e = span(text, "$135m")
    assert tag_metric(tokens, text, 0, s, e, RULES, [(s, e)], amount=True) == "debt"


@pytest.mark.parametrize(("words", "quantity", "metric"), [
    ("Britain/PROPN is/AUX pledging/VERB £960m/NUM to/ADP the/DET fund/NOUN ./PUNCT", "£960m", "pledge"),
    ("The/DET plan/NOUN will/AUX save/VERB $94m/NUM ./PUNCT", "$94m", "saving"),
    ("The/DET club/NOUN is/AUX fetching/VERB £2m/NUM ./PUNCT", "£2m", "sale price"),
])
def test_every_form_of_a_verb_names_its_amount(words: str, quantity: str, metric: str):
    text, tokens = tagged(words)
    s, e = span(text, quantity)
    assert tag_metric(tokens, text, 0, s, e, RULES, [(s, e)], amount=True) == metric


def test_tag_metric_without_tokens_is_empty():
    assert tag_metric((), "Sales rose 5%.", 0, 11, 13, RULES) == ""


@needs_model
def test_tag_metric_with_the_tagger():
    text = "The gauge was up about 12 per cent, and profit dropped by $3 million to $12.5 million."
    parsed = ner.parse([text], [0], dependencies=False)[0]
    assert parsed.tokens and all(t.dep == "" for t in parsed.tokens)
    spans = [span(text, q) for q in ("about 12 per cent", "$3 million", "$12.5 million")]
    got = [tag_metric(parsed.tokens, text, 0, s, e, RULES, spans) for s, e in spans]
    assert got == ["gauge", "profit", "profit"]


# ------------------------------------------------------------------ verbs, objects and asides
@pytest.mark.parametrize(("words", "quantity", "metric"), [
    # the subject an average is of, not the average ("rents rose to an average of")
    ("Fares/NOUN climbed/VERB to/ADP an/DET average/NOUN of/ADP £48/NUM ./PUNCT", "£48", "fares"),
    # the subject past an aside between commas
    ("Orders/NOUN in/ADP the/DET quarter/NOUN ,/PUNCT including/VERB spares/NOUN ,/PUNCT grew/VERB by/ADP "
     "6/NUM %/NOUN ./PUNCT", "6 %", "orders"),
    # 'have since' is no clause opener
    ("Bookings/NOUN have/VERB since/ADV settled/VERB at/ADP 900/NUM ./PUNCT", "900", "bookings"),
    # a participle of selling closes the subject's phrase
    ("The/DET number/NOUN sold/VERB will/AUX reach/VERB 7/NUM million/NUM ./PUNCT", "7 million", "number sold"),
    # a leading verb after an auxiliary is no part of the metric; a measure named by a noun of change stays
    ("Banks/NOUN are/AUX forecasting/VERB economic/ADJ growth/NOUN of/ADP 3/NUM %/NOUN ./PUNCT", "3 %",
     "economic growth"),
    # a noun of change's 'number of' phrase
    ("They/PRON saw/VERB a/DET 9/NUM %/NOUN rise/NOUN in/ADP the/DET number/NOUN of/ADP visitors/NOUN ./PUNCT",
     "9 %", "number of visitors"),
])
def test_tag_metric_reads_past_verbs_averages_and_asides(words: str, quantity: str, metric: str):
    assert metric_alone(tagged, words, quantity) == metric


def glued(words: str) -> tuple[str, list[Token]]:
    """As :func:`tagged`, but an item opening with '+' is written with no space before it ("pre/ADJ +-/PUNCT
    +tax/NOUN": "pre-tax" as the tokenizer splits it)."""
    text, tokens = "", []
    for n, item in enumerate(words.split()):
        word, pos = item.rsplit("/", 1)
        joined = word.startswith("+")
        word = word.removeprefix("+")
        if text and not joined and word not in (".", ","):
            text += " "
        tokens.append(Token(len(text), len(text) + len(word), word, pos, "", n))
        text += word
    return text, tokens


def metric_alone(read, words: str, quantity: str) -> str:
    """The metric tag_metric gives ``quantity`` when it is the sentence's only figure; ``read`` turns the
    ``word/TAG`` notation into text and tokens (``tagged`` or ``glued``)."""
    text, tokens = read(words)
    s, e = span(text, quantity)
    return tag_metric(tokens, text, 0, s, e, RULES, [(s, e)])


@pytest.mark.parametrize(("words", "quantity", "metric"), [
    # what a noun of change after a figure is "in" changed, whatever the clause's subject, past a possessor, and a
    # word written with hyphens is one word of it
    ("The/DET group/NOUN saw/VERB a/DET 7.5/NUM +%/NOUN fall/NOUN in/ADP pre/ADJ +-/PUNCT +tax/NOUN profits/NOUN "
     "./PUNCT", "7.5%", "pre-tax profits"),
    ("Retailers/NOUN suffered/VERB a/DET 2.1/NUM +%/NOUN slide/NOUN in/ADP like/INTJ +-/PUNCT +for/ADP +-/PUNCT "
     "+like/ADJ sales/NOUN ./PUNCT", "2.1%", "like-for-like sales"),
    ("It/PRON led/VERB to/ADP a/DET 10/NUM +%/NOUN increase/NOUN in/ADP its/PRON revenues/NOUN ./PUNCT", "10%",
     "revenues"),
    ("Analysts/NOUN expect/VERB a/DET 3/NUM +%/NOUN rise/NOUN in/ADP the/DET company/NOUN +'s/PART pre/ADJ +-/ADJ "
     "+tax/ADJ profit/NOUN ./PUNCT", "3%", "pre-tax profit"),
    ("Builders/NOUN saw/VERB a/DET 2/NUM +%/NOUN dip/NOUN in/ADP new/ADJ +-/PUNCT +home/NOUN sales/NOUN ./PUNCT",
     "2%", "new-home sales"),
    ("It/PRON runs/VERB 10/NUM high/ADJ +-/PUNCT +speed/NOUN trains/NOUN ./PUNCT", "10", "high-speed trains"),
    # a time after 'in' is no measure: the clause's subject is; a hyphen with a space is no joint
    ("The/DET chain/NOUN saw/VERB a/DET 5/NUM +%/NOUN rise/NOUN in/ADP 2003/NUM ./PUNCT", "5%", "chain"),
    ("Fares/NOUN rose/VERB 5/NUM +%/NOUN -/PUNCT tax/NOUN included/VERB ./PUNCT", "5%", "fares"),
])
def test_a_change_noun_after_a_figure_measures_what_it_is_in(words: str, quantity: str, metric: str):
    assert metric_alone(glued, words, quantity) == metric


@pytest.mark.parametrize(("words", "quantity", "metric"), [
    ("The/DET strike/NOUN cost/VERB the/DET ferry/NOUN operator/NOUN £9m/NUM ./PUNCT", "£9m", "cost"),
    ("A/DET court/NOUN fined/VERB the/DET lender/NOUN $30m/NUM ./PUNCT", "$30m", "fine"),
    ("The/DET singer/NOUN made/VERB $12m/NUM last/ADJ year/NOUN ./PUNCT", "$12m", "earnings"),
    ("The/DET film/NOUN took/VERB more/ADJ than/ADP the/DET expected/VERB $40m/NUM ./PUNCT", "$40m", "takings"),
    ('A/DET $3bn/NUM "/PUNCT funding/NOUN gap/NOUN "/PUNCT remains/VERB ./PUNCT', "$3bn", "funding gap"),
])
def test_an_amount_after_a_second_object_or_an_estimate_is_the_verbs_noun(words: str, quantity: str, metric: str):
    test_every_form_of_a_verb_names_its_amount(words, quantity, metric)


@pytest.mark.parametrize("words, q, metric", [
    ("Most/ADJ of/ADP the/DET growth/NOUN in/ADP exports/NOUN came/VERB in/ADP the/DET car/NOUN sector/NOUN ,/PUNCT "
     "which/PRON rose/VERB by/ADP 12%/NUM ./PUNCT", "12%", "car sector"),
    ("The/DET biggest/ADJ gains/NOUN came/VERB in/ADP the/DET energy/NOUN sector/NOUN ,/PUNCT which/PRON "
     "climbed/VERB 4%/NUM ./PUNCT", "4%", "energy sector"),
    ("The/DET number/NOUN of/ADP cars/NOUN sold/VERB in/ADP the/DET region/NOUN ,/PUNCT which/PRON rose/VERB "
     "by/ADP 9%/NUM ./PUNCT", "9%", "number of cars sold"),  # a participle closing the phrase stays in it
])
def test_tag_metric_never_ends_in_the_verb_of_an_earlier_clause(words: str, q: str, metric: str) -> None:
    assert metric_alone(tagged, words, q) == metric


@pytest.mark.parametrize(("words", "quantity", "metric"), [
    # a line a level crosses is the figure itself: what reached it is the clause's subject
    ("Oil/NOUN prices/NOUN fell/VERB below/ADP the/DET $60/NUM mark/NOUN ./PUNCT", "$60", "oil prices"),
    ("Gold/NOUN prices/NOUN climbed/VERB past/ADP the/DET $2,000/NUM barrier/NOUN ./PUNCT", "$2,000", "gold prices"),
    ("Inflation/NOUN stayed/VERB below/ADP the/DET 2/NUM +%/NOUN threshold/NOUN ./PUNCT", "2%", "inflation"),
    # a noun of the things a figure counts stays
    ("It/PRON sold/VERB 40/NUM marker/NOUN pens/NOUN ./PUNCT", "40", "marker pens"),
])
def test_a_line_a_level_crosses_is_no_metric(words: str, quantity: str, metric: str):
    assert metric_alone(glued, words, quantity) == metric
