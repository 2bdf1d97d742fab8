"""Tests of pipeline.extract.metric: the noun phrase a quantity measures (rule examples run in
test_claim_rules through the real claim assembly)."""
from __future__ import annotations

import pytest

from pipeline.extract.claim_rules import load_claim_rules
from pipeline.extract.metric import (
    MAX_METRIC_WORDS,
    ahead_metric,
    cue_metric,
    is_generic,
    movement_metric,
    named_possessor,
    names_movement,
    noun_phrase,
    noun_phrase_after,
    own_clause_metric,
    pushed_object,
    referent_opening,
    survey_metric,
    traded_price,
    verb_free,
)

RULES = load_claim_rules()


@pytest.mark.parametrize(
    "before, metric",
    [
        ("The loan amount for the city's technology-based enterprises was ", "loan amount"),
        ("The total industrial output value of Pudong New Area is ", "total industrial output value"),
        ("the number of unemployed people rose to ", "number of unemployed people"),
        ("Shanghai's R&D investment accounts for ", "R&D investment"),
        ("it signed deals with a combined transaction amount of ", "combined transaction amount"),
        ("Gross domestic product (GDP) rose by ", "Gross domestic product"),
        ("the company was sold to Rosneft in a deal worth ", "deal"),
    ],
)
def test_cue_metric(before, metric):
    phrase, rule_id = cue_metric(before, RULES)
    assert phrase == metric and rule_id in {r.id for r in RULES.metric_cues}


@pytest.mark.parametrize(
    "after, metric",
    [(" fall in first quarter profits.", "first quarter profits"), (" of the population, he said", "population")],
)
def test_cue_metric_after(after, metric):
    phrase, rule_id = cue_metric("Then came ", RULES, after)
    assert phrase == metric and rule_id in {r.id for r in RULES.metric_after}


def test_no_cue_no_metric():
    assert cue_metric("Then ", RULES, " and so on") == ("", "")


def test_phrases_stop_at_stop_words_and_stay_short():
    assert noun_phrase("It said that the export volume ", RULES) == "export volume"
    assert noun_phrase_after("the grain harvest was good", RULES) == "grain harvest"
    long = " ".join(["word"] * 30) + " "
    assert len(noun_phrase(long, RULES).split()) == MAX_METRIC_WORDS


def test_generic_metrics():
    assert is_generic("", RULES) and is_generic("Total", RULES) and not is_generic("export volume", RULES)
    assert is_generic("range", RULES) and not is_generic("price range", RULES)


# ------------------------------------------------------------------ metric from the dependency parse
@pytest.mark.parametrize(("before", "metric"), [
    ("The trade gap, meanwhile, ", "trade gap"), ("Retail sales , however , ", "Retail sales"),
    ("Sales, said the firm, ", ""),  # no adverb: a clause of its own ends the phrase
])
def test_an_aside_between_subject_and_verb_is_passed(before: str, metric: str) -> None:
    assert noun_phrase(before, RULES) == metric


@pytest.mark.parametrize(("before", "metric"), [
    ("Narrow money M1 ", "Narrow money M1"), ("Broad money M-3 ", "Broad money M-3"),
    ("The bank said M2 ", "M2"),
    ("Group Q1 ", ""), ("a version of the RAV4 ", ""),  # a quarter or a model is no word of a measure
])
def test_a_money_supply_aggregate_is_a_phrase_word(before: str, metric: str) -> None:
    assert noun_phrase(before, RULES) == metric


from pipeline.extract import ner  # noqa: E402
from pipeline.extract.metric import parse_metric  # noqa: E402

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


# ------------------------------------------------------------------ metric from parts of speech
from pipeline.extract.metric import tag_metric  # noqa: E402
from pipeline.extract.ner import Token  # noqa: E402


def tagged(words: str) -> tuple[str, list[Token]]:
    """A sentence and its tokens from 'word/POS' items (no dependency parse: label '', head itself)."""
    text, tokens = "", []
    for n, item in enumerate(words.split()):
        word, pos = item.rsplit("/", 1)
        if text and word not in (".", ",", ")") and not text.endswith("("):
            text += " "
        tokens.append(Token(len(text), len(text) + len(word), word, pos, "", n))
        text += word
    return text, tokens


def span(text: str, q: str) -> tuple[int, int]:
    return text.index(q), text.index(q) + len(q)


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


@needs_model
@pytest.mark.parametrize("text, quantity, metric", [
    ("Shop prices in the region edged up 0.4% m/m in June.", "0.4%", "shop prices"),
    ("Factory orders slipped 1.3% q/q in the spring.", "1.3%", "factory orders"),
    ("Wages grew 5.2% y/y last month.", "5.2%", "wages"),
])
def test_an_abbreviation_with_a_slash_after_a_change_is_no_metric(text, quantity, metric):
    from pipeline.api import extract

    frame = extract(text)
    got = dict(zip(frame["quantity"], frame["metric"], strict=True))
    assert got[quantity].lower() == metric


def test_a_time_adverb_is_no_metric():
    assert noun_phrase("Profit last year ", RULES) == "Profit"
    assert noun_phrase("the number of visitors this year ", RULES) == "number of visitors"


@pytest.mark.parametrize(
    "before, after, unit, metric",
    [
        ("It won a ", " research grant from the council.", "USD", "research grant"),
        ("The settlement includes the ", " settlement includes the fund.", "GBP", "settlement"),  # a verb ends it
        ("They saw a ", " rise in sales.", "%", ""),  # a noun of change: no phrase
        ("It ran a ", " period of calm.", "day", ""),  # a noun of time alone
        ("The ", " Department for Trade grant.", "year", ""),  # a name
        ("It had ", " as many cases as reported.", "x", "cases"),
        ("It came in ", " times more expensive than before.", "count", ""),  # an adjective
        ("They sent a ", " vinyl featuring seven tracks.", "in", "vinyl"),  # a participle after the noun
    ],
)
def test_ahead_metric_reads_the_noun_phrase_a_quantity_is_part_of(before, after, unit, metric):
    phrase, rule_id = ahead_metric(before, after, unit, RULES)
    assert phrase == metric
    assert (rule_id in {r.id for r in RULES.metric_ahead}) if metric else rule_id == ""


@pytest.mark.parametrize(
    "before, after, unit, kind, metric",
    [
        # a rule with a kind reads that kind only: the change a compound names, the whole a share is part of
        ("Pilots would accept a ", " pay cut in return for shares.", "%", "change", "pay"),
        ("Rents saw a ", " annual increase.", "%", "change", ""),  # an adjective of time names nothing
        ("Shares rose 4%, adding ", " to its market value.", "USD", "change", "market value"),
        ("It has a ", " share of the handheld gaming market.", "%", "share", "handheld gaming market"),
        ("The low paid make up ", " of the digital have-nots.", "%", "share", "digital have-nots"),
        # a rule without a kind reads no change
        ("It won a ", " research grant from the council.", "USD", "change", ""),
    ],
)
def test_ahead_metric_of_a_kind(before, after, unit, kind, metric):
    assert ahead_metric(before, after, unit, RULES, kind)[0] == metric


@pytest.mark.parametrize(
    "before, metric",
    [
        ("The Bank of England held interest rates at ", "interest rates"),  # the object a verb keeps
        ("The rate held steady at ", "rate"),  # no object: the subject that is kept
    ],
)
def test_a_level_something_is_kept_at_measures_what_is_kept(before, metric):
    assert cue_metric(before, RULES)[0] == metric


# ------------------------------------------------------------------ a metric is a noun, never a verb
@pytest.mark.parametrize(("metric", "clean"), [
    ("die arbeitslosenquote fiel auf", "arbeitslosenquote"),   # the verb and the word after it go
    ("Kurse stiegen", "Kurse"),                                # a verb that ends the phrase goes
    ("stiegen", ""),
    ("money raised", "money raised"),                          # an English participle that ends it stays
    ("intention contract amount", "intention contract amount"),  # a word of movement before a noun stays
    ("core inflation", "core inflation"),                      # a noun of movement stays
    ("down payment", "down payment"),
    ("las ventas", "ventas"),
    ("trimmed costs", "costs"),                                # a verb that opens it goes
    ("slashed its forecast", "forecast"),
    ("fielen dagegen", ""),                                    # ... and with it the adverb after it
    ("growth forecast", "growth forecast"),                    # a noun of movement that opens it stays
    ("Tory MPs rebelled", "Tory MPs"),                         # what people did is no metric
    ("union members voted", "union members"),
    ("students walked out", "students"),
    ("searchers use", "searchers"),
    ("people killed", "people killed"),                        # what befell them stays
    ("British men freed", "British men freed"),
    ("workers employed", "workers employed"),
    ("homes built", "homes built"),                            # a participle after a thing stays
    ("contract", "contract"),                                  # a word of movement that is also a thing
    ("contracts", "contracts"),
    ("voters polled said", "voters polled"),                   # what people befallen did goes too
    ("voters questioned had", "voters questioned"),
    ("patients tested found", "patients tested"),
    ("patient remains", "patient"),                            # one person and what they did or where they stay
    ("child remained", "child"),
    ("victim killed", "victim killed"),
])
def test_verb_free(metric: str, clean: str):
    assert verb_free(metric, RULES) == clean


@pytest.mark.parametrize(("before", "metric"), [
    ("Die Exporte stiegen im Mai um ", "Exporte"),
    ("Le chiffre d'affaires a augmenté de ", "chiffre d'affaires"),
    ("Las exportaciones aumentaron un ", "exportaciones"),
    ("Pension costs jumped by ", "Pension costs"),
    ("They said it posted a gain of ", ""),       # a noun of movement has no subject phrase read here
    ("Output was flat; prices fell ", "prices"),  # the clause of the quantity only
    ("Exports rose, and a further ", ""),
    # a verb that takes the noun of movement as its object, and the article before it, are passed
    ("Las ventas registraron una baja del ", "ventas"),
    ("Der Umsatz verzeichnete einen Rückgang von ", "Umsatz"),
    ("Le bénéfice a enregistré une baisse de ", "bénéfice"),
    ("Le trafic est en hausse de ", "trafic"),      # "en hausse" after an auxiliary
    ("The prices are dropping an average of ", "prices"),
    # a modal or a verb of expecting before the verb of movement is passed
    ("The economy will grow at an annual rate of ", "economy"),
    ("Rents are expected to soar ", "Rents"),
    ("Fares could shrink by ", "Fares"),
    ("Bond yields continued to widen by ", "Bond yields"),
    # an object between the verb and "by" is what moved; an adverb or a phrase of time there is none
    ("Clinics could reduce waiting times by ", "waiting times"),
    ("The council raised its parking fees by ", "parking fees"),
    ("Sales rose sharply by ", "Sales"),
    ("Sales rose in March by ", "Sales"),
    # a phrasal verb of movement: a verb and the particle of its direction
    ("Inflation ticked up to ", "Inflation"),
    ("The yield inched higher to ", "yield"),
    ("Mortgage rates crept up to ", "Mortgage rates"),
    ("Euro area unemployment edged lower to ", "Euro area unemployment"),
])
def test_movement_metric_is_the_noun_before_the_verb(before: str, metric: str):
    assert movement_metric(before, RULES) == metric


@pytest.mark.parametrize(("phrase", "moved"), [
    ("gain", True), ("sales gains", True), ("new all-time high", True), ("record low", True),
    ("sales", False), ("high school", False), ("", False),
])
def test_names_movement(phrase: str, moved: bool):
    assert names_movement(phrase) is moved


def test_cue_metric_skips_a_noun_of_change():
    assert cue_metric("Sales posted a gain of ", RULES)[0] != "gain"
    assert cue_metric("the index touched a new high of ", RULES)[0] == ""


@pytest.mark.parametrize(("before", "after", "paragraph", "expected"), [
    ("A poll of 1,600 Britons found ", " back rejoining the EU, while", "A poll of 1,600 Britons found ",
     ("back rejoining the EU", "Britons")),
    ("and ", " have been bullied online.", "The study of 3,000 teenagers found 45% use TikTok and ",
     ("bullied online", "teenagers")),
    ("The panel found that ", " plan to hire.", "Respondents were picked at random. The panel found that ",
     ("plan to hire", "")),
    ("Sales rose and ", " was added.", "Sales rose and ", ("", "")),  # no survey in the paragraph
])
def test_a_share_of_people_asked_in_a_survey_measures_what_they_do(before, after, paragraph, expected):
    metric, group, _ = survey_metric(before, after, paragraph, "%", RULES)
    assert (metric, group) == expected


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


@pytest.mark.parametrize(("before", "metric"), [
    ("The central bank of Ostria kept rates on hold at ", "rates"),
    ("The board held its key interest rate steady at ", "key interest rate"),
    ("Ministers left the duty unchanged at ", "duty"),
    ("Analysts are predicting annual inflation of ", "annual inflation"),
])
def test_a_level_kept_somewhere_measures_what_is_kept(before: str, metric: str):
    assert cue_metric(before, RULES)[0] == metric


def test_the_of_phrase_of_a_vague_head_is_kept_unless_it_is_a_name():
    assert noun_phrase("The number of Korean cars exported ", RULES) == "number of Korean cars exported"
    assert noun_phrase("The total output of Qarlo High tech ", RULES) == "total output"
    assert noun_phrase_after("the number of phones sold during", RULES) == "number of phones sold"


@pytest.mark.parametrize(
    "before, after, unit, metric",
    [
        ("Top the rice with ", ". braised tofu and herbs.", "oz", "braised tofu"),  # an opening participle stays
        ("Stir in ", " of smoked paprika.", "tsp", "smoked paprika"),
        ("Mix ", " of mild refried beans with salsa.", "tbsp", "mild refried beans"),  # and one inside
        ("Pour ", " into the bowl.", "cup", ""),
        ("Warm ", " of milk heated slowly.", "ml", "milk"),  # a participle before an adverb ends it
        ("The firm booked ", " in annual savings.", "EUR", "annual savings"),  # a noun of movement, no change
        ("It raised ", " in new funding.", "USD", "new funding"),  # a noun in -ing naming a sum
        ("Shares hit ", " in late trading.", "USD", ""),
    ],
)
def test_ahead_metric_keeps_participles(before: str, after: str, unit: str, metric: str):
    assert ahead_metric(before, after, unit, RULES)[0] == metric


def test_a_contracted_stop_word_ends_a_phrase():
    assert ahead_metric("It has a ", " engine that’s quiet.", "l", RULES)[0] == "engine"


@pytest.mark.parametrize(("text", "quantity", "metric"), [
    ("It weighs 2 kg.", "2 kg", "weight"),  # nothing names it: the unit's dimension does
    ("The engine makes 355 hp.", "355 hp", "power"),  # a verb of money names no physical amount
    ("It peaks at 3.8GHz.", "3.8GHz", "frequency"),  # a unit read with the registry's prefixes
    ("Anthony Davis scored 31 points in the win.", "31 points", "points"),  # what the unit rule says it measures
    ("The actor made 4.2m euros last year.", "4.2m euros", "earnings"),  # a sum stays the verb's noun
    ("A storm dumped about 2 inches of rain.", "about 2 inches", "rain"),  # what the sentence names wins
])
def test_a_physical_figure_nothing_names_measures_its_dimension(text: str, quantity: str, metric: str) -> None:
    from pipeline.api import extract

    rows = extract(text).set_index("quantity")
    assert rows.loc[quantity, "metric"] == metric


@pytest.mark.parametrize(("metric", "sentence", "names", "expected"), [
    ("Unemployment", "Unemployment fell to 4.1%.", frozenset(), "unemployment"),
    ("House prices", "“House prices rose 4%,” she said.", frozenset(), "house prices"),
    ("Brent crude price", "Brent crude rose 2%.", frozenset({"Brent"}), "Brent crude price"),  # a name inside
    ("OPEC output", "OPEC output rose 2%.", frozenset(), "OPEC output"),  # an acronym
    ("sales", "Sales rose 2%.", frozenset(), "sales"),
    ("Sales", "Its Sales rose 2%.", frozenset(), "Sales"),  # capitalised, but not by opening the sentence
    ("Cargo handled", "* Cargo handled rose 8.5%", frozenset(), "cargo handled"),  # a list item's marker
    ("Revenue", "• Revenue climbed 12%", frozenset(), "revenue"),
    ("Exports", "1. Exports grew 6% in May", frozenset(), "exports"),
    ("Net debt", "a) Net debt fell to £2.3bn", frozenset(), "net debt"),
    ("Cargo", "* Handled Cargo rose 8.5%", frozenset(), "Cargo"),
])
def test_a_metric_opening_its_sentence_is_lower_case(metric: str, sentence: str, names: frozenset[str],
                                                      expected: str) -> None:
    from pipeline.extract.claims import sentence_case

    assert sentence_case(metric, sentence, names) == expected


@pytest.mark.parametrize(("metric", "sentence", "names", "expected"), [
    ("manchester United's revenue", "Manchester United's revenue rose 8%.", frozenset(), ("revenue", "Manchester United")),
    ("united's matchday revenue", "He said Manchester United's matchday revenue fell.", frozenset(),
     ("matchday revenue", "Manchester United")),
    ("Zorvex's cloud sales", "Analysts said Zorvex's cloud sales doubled.", frozenset(), ("cloud sales", "Zorvex")),
    ("Zorvex's cloud sales", "Zorvex's cloud sales doubled.", frozenset({"Zorvex"}), ("cloud sales", "Zorvex")),
    # a possessive written in lower case, or capitalised only as the sentence opens, is no name
    ("women's football attendances", "Crowds at women's football attendances rose.", frozenset(),
     ("women's football attendances", "")),
    ("Children's book sales", "Children's book sales rose 4%.", frozenset(), ("Children's book sales", "")),
    ("Zorvex's", "Shares in Zorvex's rose.", frozenset(), ("Zorvex's", "")),  # nothing after the name
])
def test_a_named_possessor_leaves_the_metric(metric, sentence, names, expected):
    assert named_possessor(metric, sentence, names) == expected


@pytest.mark.parametrize(("before", "quantity", "expected"), [
    ("Bitcoin ", "topped $70,000", "Bitcoin price"),        # the verb is the figure's own bound word
    ("On Monday gold hit ", "$2,400", "gold price"),
    ("Brent crude has reached ", "$91", "Brent crude price"),
    ("Bitcoin ", "$70,000", ""),                             # no verb between them
    ("The company sold its gold for ", "$3m", ""),           # the good is no subject of a linking verb
    ("Shares in Zorvex hit ", "$40", ""),                    # no traded good
])
def test_a_traded_good_reaching_a_sum_measures_its_price(before, quantity, expected):
    assert traded_price(before, quantity, RULES) == expected


@pytest.mark.parametrize(("sentence", "expected"), [
    ("That jumped to 12 last week.", True),
    ("Seven of those were reported in the last week.", True),
    ("It has increased from 6 in August to 67.3 in October.", True),
    ("It is expected to rise 2% next year.", True),
    ("That was a 5% rise.", False),                  # a pronoun of the situation
    ("That's $200 off the regular rate.", False),
    ("Italy's output rose 2%.", False),
])
def test_a_pronoun_opening_a_sentence_refers_to_what_the_one_before_measured(sentence, expected):
    assert referent_opening(sentence) is expected


@needs_model
@pytest.mark.parametrize("text, quantity, metric", [
    ("The economy shrank at an annualised rate of 1.2%.", "1.2%", "economy"),
    ("Japan's economy contracted at an annualized pace of 2.1% in the third quarter.", "2.1%", "economy"),
    ("Inflation ticked up to 4.0% from 3.9% in March.", "4.0%", "inflation"),
    ("Euro zone inflation ticked up to 2.6% in May.", "2.6%", "euro zone inflation"),
    ("Core inflation nudged up to 3.1% from 3%.", "3.1%", "core inflation"),
    ("Euro zone inflation rose 0.3% in October.", "0.3%", "euro zone inflation"),
    ("Christmas sales rose 4%.", "4%", "christmas sales"),
    ("Mortgage approvals inched up to 61,000 in March.", "61,000", "mortgage approvals"),
])
def test_a_movement_names_what_moved(text, quantity, metric):
    from pipeline.api import extract

    frame = extract(text)
    got = dict(zip(frame["quantity"], frame["metric"], strict=True))
    assert got[quantity].lower() == metric


@pytest.mark.parametrize(("before", "metric"), [
    ("The death toll from the earthquake climbed to ", "death toll"),
    ("Prices at the pump rose to ", "Prices"),
    ("Demand for copper from builders rose to ", "Demand"),
    ("The queue at a Paris bakery grew to ", "queue"),
    ("Exports to China fell to ", "Exports"),  # a name after the preposition gave way before too
    ("The number of complaints against the airline reached ", "number of complaints"),
])
def test_a_phrase_after_a_preposition_qualifies_the_subject_of_the_verb(before: str, metric: str) -> None:
    assert cue_metric(before, RULES)[0] == metric


@pytest.mark.parametrize(("before", "metric"), [
    ("Ticket prices at the stadium climbed ", "Ticket prices"),
    ("Fees at the clinic on Main Street jumped ", "Fees"),
    ("Orders from abroad fell ", "Orders"),
])
def test_a_verb_of_movement_measures_its_subject_not_the_phrase_qualifying_it(before: str, metric: str) -> None:
    assert movement_metric(before, RULES) == metric


@pytest.mark.parametrize(("before", "metric"), [
    ("The central bank forecast growth of ", "growth"),
    ("The ministry forecast exports of ", "exports"),
    ("The forecast growth of ", "growth"),
])
def test_a_forecast_is_no_part_of_what_it_forecasts(before: str, metric: str) -> None:
    assert cue_metric(before, RULES)[0] == metric


@pytest.mark.parametrize(("before", "metric"), [
    ("The death toll from a storm that hit the island of Evia rose to ", "death toll"),
    ("The number of cars that were sold rose to ", "number of cars"),
    ("Officials said that exports rose to ", "exports"),  # what is said, no relative clause
    ("The group that represents agents said on Friday that sales fell to ", "sales"),
    ("Homes stand on land that would flood if the sea rose to ", "sea"),  # a clause of its own after it
    ("Crews dug after a slip that razed a shed The death toll from a landslide that buried a road rose to ",
     "death toll"),                                                      # the last such clause
])
def test_a_relative_clause_after_a_verbs_subject_is_no_part_of_it(before: str, metric: str) -> None:
    assert cue_metric(before, RULES)[0] == metric


def test_net_worth_is_one_noun_a_deal_worth_a_sum_is_not() -> None:
    assert cue_metric("The net worth of the family rose to ", RULES)[0] == "net worth of family"
    assert noun_phrase("the net worth of Spanish households ", RULES) == "net worth"
    assert verb_free("net worth", RULES) == "net worth"
    assert noun_phrase("the deal worth", RULES) == ""  # a stop word ends the phrase: no noun before it


def test_words_before_another_figure_name_no_whole() -> None:
    assert noun_phrase_after("the nearly $900 million budget", RULES) == ""
    assert noun_phrase_after("the county's voters", RULES) == "voters"


@pytest.mark.parametrize(("after", "metric"), [
    (" boat's rear section", "boat"),       # a possessive right after the figure: what the figure describes
    (" cargo ship sank", "cargo ship"),
])
def test_a_possessive_after_a_figure_is_what_it_describes(after: str, metric: str) -> None:
    assert ahead_metric("The ", after, "m", RULES)[0] == metric


def test_a_participle_before_a_preposition_is_no_subject() -> None:
    assert cue_metric("Based on the closing price of ", RULES)[0] == "closing price"
    assert noun_phrase("The death toll from the storm ", RULES) == "storm"  # only a verb's subject is followed back
    # a cue that is no verb: the phrase after 'with' is what is measured
    assert cue_metric("it signed deals with a combined transaction amount of ", RULES)[0] == "combined transaction amount"


from pipeline.extract.metric import fixed_metric, fixed_subject  # noqa: E402


@pytest.mark.parametrize(
    "before, after, unit, metric",
    [
        ("The charity collected a total of ", " for flood victims.", "GBP", "collections"),
        ("The utility borrowed a further ", " last year.", "EUR", "borrowing"),
        ("The agency reviewed 300 permits in March, and ", " of those were refused.", "count", "permits"),
        ("Many old lighthouses still stand on the coast, ", " of which are open to visitors.", "count",
         "lighthouses"),
        ("In the yearly league table of hospitals in the region, St Mary's came ", " again.", "rank",
         "yearly league table"),
        ('Nine farms were certified as "Organic Leaders", placing ', " in the province.", "rank",
         "Organic Leaders"),
    ],
)
def test_fixed_metric_filled_from_the_context(before: str, after: str, unit: str, metric: str) -> None:
    assert fixed_metric(before, after, unit, RULES)[0] == metric


@pytest.mark.parametrize(
    "before, after, unit",
    [
        ("The firm booked a total of ", " in orders.", "USD"),  # 'booked' names no sum
        ("The bank lists ", " of its branches.", "count"),  # 'of its' is no part of a group
        ("In the city, the hotel ranked ", ".", "rank"),  # no ranking frames the clause
        ("It ", " of them were sold.", "count"),  # no plural noun before it
    ],
)
def test_fixed_metric_templates_name_nothing_without_their_words(before: str, after: str, unit: str) -> None:
    assert fixed_metric(before, after, unit, RULES)[0] == ""


@pytest.mark.parametrize(
    "before, metric, subject",
    [
        ("Forecasters say Portugal should grow ", "economic growth", "Portugal"),
        ("The eurozone is seen to contract by ", "economic growth", "eurozone"),
        ("Last year Sri Lanka shrank ", "economic growth", "Sri Lanka"),
        ("Orders at Acme Corp grew ", "", ""),  # a company is no country
        ("Revenue expanded ", "", ""),  # a measure opening the sentence is no place
    ],
)
def test_a_country_that_moves_measures_its_growth(before: str, metric: str, subject: str) -> None:
    found, rule_id = fixed_metric(before, " in 2025.", "%", RULES, kind="change")
    assert found == metric
    assert (fixed_subject(before, rule_id, RULES) if rule_id else "") == subject


def test_a_country_that_moves_names_no_level() -> None:
    # a level a country's growth stands at is read by the rules of levels, not as a country's change
    assert fixed_metric("Portugal should grow ", " in 2025.", "%", RULES, kind="level")[0] != "economic growth"


from pipeline.extract.metric import past_verb  # noqa: E402


@pytest.mark.parametrize(
    "words, metric, kept",
    [
        ("Divers/NOUN recovered/VERB coins/NOUN worth/ADJ $/SYM 2m/NUM", "Divers recovered coins", "coins"),
        ("She/PRON keeps/VERB paintings/NOUN worth/ADJ $/SYM 9m/NUM", "keeps paintings", "paintings"),
        ("The/DET money/NOUN raised/VERB was/AUX $/SYM 5m/NUM", "money raised", "money raised"),
        ("Add/VERB chopped/VERB onions/NOUN of/ADP 200/NUM g/NOUN", "chopped onions", "chopped onions"),
        ("Newly/ADV listed/VERB firms/NOUN of/ADP 40/NUM", "Newly listed firms", "Newly listed firms"),
        ("Acme/PROPN shares/NOUN closed/VERB yesterday/NOUN at/ADP 30/NUM", "Acme shares closed yesterday",
         "Acme shares closed yesterday"),
    ],
)
def test_past_verb_drops_a_clause_subject_and_verb_before_the_object(words: str, metric: str, kept: str) -> None:
    text, tokens = tagged(words)
    assert past_verb(metric, text, 0, len(text), tokens, RULES) == kept


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


from pipeline.extract.metric import counted_cut  # noqa: E402


@pytest.mark.parametrize(
    "words, many, kept",
    [
        (["new", "shops"], True, ["new", "shops"]),  # a count of twelve: "shops" is the plural noun
        (["extra", "drives"], True, ["extra", "drives"]),
        (["bidder", "remains"], False, ["bidder"]),  # one bidder: the verb of its clause
        (["bidders", "remained"], True, ["bidders"]),  # a past tense is cut whatever the count
        (["new", "buses"], True, ["new", "buses"]),
    ],
)
def test_counted_cut_keeps_a_plural_noun_of_a_count_of_more_than_one(words, many, kept):
    assert counted_cut(words, RULES, many) == kept


from pipeline.extract.metric import THRESHOLD_NOUNS, counted_cut  # noqa: E402


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


def test_a_line_after_a_count_is_none_of_its_things():
    assert "mark" in THRESHOLD_NOUNS
    assert counted_cut(["mark"], RULES, many=True) == []  # "above the 8,000 [mark]"
    assert counted_cut(["marks"], RULES, many=True) == ["marks"]  # "scored 15 [marks]"
    assert counted_cut(["levels"], RULES, many=True) == ["levels"]  # "on three [levels]"
    assert counted_cut(["mark"], RULES) == ["mark"]  # "one mark"


@pytest.mark.parametrize(("text", "quantity", "metric"), [
    ("He said battery costs had fallen by a third and that margins improved 2.5 percentage points.",
     "2.5 percentage points", ""),
    ("She said prices fell 4% last year and that rents climbed 3 percentage points.", "3 percentage points", "rents"),
    ("The firm said sales had dropped and that profit rose 6%.", "6%", "profit"),
])
def test_and_that_opens_a_second_reported_clause_the_earlier_noun_does_not_reach(text: str, quantity: str,
                                                                                 metric: str) -> None:
    from pipeline.api import extract

    rows = extract(text).set_index("quantity")
    assert rows.loc[quantity, "metric"] == metric


@pytest.mark.parametrize(
    "before, metric",
    [
        ("warning that a slowdown could push unemployment ", "unemployment"),
        ("hoping to bring inflation below ", "inflation"),
        ("a move expected to push borrowing costs ", "borrowing costs"),
        ("which could send the jobless rate ", "jobless rate"),
        ("demand pushed prices up to ", "prices"),
        ("the rally pushed it above ", ""),
        ("the bank pushed up to ", ""),
        ("Exports rose to ", ""),
    ],
)
def test_pushed_object_is_what_a_verb_of_pushing_moves(before: str, metric: str):
    assert pushed_object(before, RULES) == metric


@pytest.mark.parametrize(
    "sentence, donor, figure, metric",
    [
        ("The bank kept its benchmark rate unchanged at 7.5% on Thursday, while inflation eased to 6.9% in January",
         "7.5%", "6.9%", "inflation"),
        ("The bank kept its key rate at 5.25%, warning that a slowdown could push unemployment above 4.5%",
         "5.25%", "above 4.5%", "unemployment"),
        ("The bank held its overnight rate at 5%, as inflation slowed to 2.9%", "5%", "2.9%", "inflation"),
        ("Shares fell 1% to 510.75 pence", "1%", "510.75 pence", ""),
        ("Revenue rose 3%, 4% and 5%", "4%", "5%", ""),
    ],
)
def test_own_clause_metric_wins_only_when_written_after_the_donor(sentence: str, donor: str, figure: str,
                                                                  metric: str):
    at = sentence.index(figure)
    assert own_clause_metric(sentence[:at], sentence.index(donor) + len(donor), RULES) == metric
