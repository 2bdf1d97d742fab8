"""Tests of pipeline.extract.metric: the metric read from the cue rules, survey shares and the cuts that keep
verbs and counted things out of it (rule examples run in test_claim_rules through the real claim assembly)."""
from __future__ import annotations

import pytest

from pipeline.extract import ner
from pipeline.extract.claim_rules import load_claim_rules
from pipeline.extract.metric import (
    THRESHOLD_NOUNS,
    ahead_metric,
    counted_cut,
    cue_metric,
    fixed_metric,
    fixed_subject,
    is_generic,
    named_possessor,
    names_movement,
    past_verb,
    referent_opening,
    survey_metric,
    traded_price,
    verb_free,
)

from standins import tagged

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


def test_generic_metrics():
    assert is_generic("", RULES) and is_generic("Total", RULES) and not is_generic("export volume", RULES)
    assert is_generic("range", RULES) and not is_generic("price range", RULES)


needs_model = pytest.mark.skipif(not ner.model_available(), reason="spaCy model package not installed")


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


@pytest.mark.parametrize(("before", "metric"), [
    ("The central bank of Ostria kept rates on hold at ", "rates"),
    ("The board held its key interest rate steady at ", "key interest rate"),
    ("Ministers left the duty unchanged at ", "duty"),
    ("Analysts are predicting annual inflation of ", "annual inflation"),
])
def test_a_level_kept_somewhere_measures_what_is_kept(before: str, metric: str):
    assert cue_metric(before, RULES)[0] == metric


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


@pytest.mark.parametrize(("after", "metric"), [
    (" boat's rear section", "boat"),       # a possessive right after the figure: what the figure describes
    (" cargo ship sank", "cargo ship"),
])
def test_a_possessive_after_a_figure_is_what_it_describes(after: str, metric: str) -> None:
    assert ahead_metric("The ", after, "m", RULES)[0] == metric


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
