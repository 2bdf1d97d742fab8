"""Tests of pipeline.extract.findings: the kind, metric and direction of each quantity of one sentence, lists
and their items, and which sentences the tagger must read."""
from __future__ import annotations

import pytest
import regex

from pipeline.extract.claim_rules import load_claim_rules
from pipeline.extract.findings import (
    Finding,
    analyse_sentence,
    moved_between,
    past_model_name,
    reads_tags,
    unit_words_only,
)
from pipeline.extract.ner import Token
from pipeline.extract.quantities import Quantity, find_quantities

from standins import GRAMMAR, all_tagged, grammar_quantities, quantity, tagged

RULES = load_claim_rules()


def _finding(text: str, quantity: str):
    """The finding of ``quantity`` (its text) in ``text`` analysed alone, without a parse."""
    found = analyse_sentence(text, 0, grammar_quantities(text), RULES)
    return next(f for f in found if f.quantity.text == quantity)


# ------------------------------------------------------------------ sentences: lists and metric
def test_paired_changes_map_to_their_own_metric():
    text = ("In 2021, the region sold 1,200 cars among the four provinces, with a sales value of "
            "30 billion yuan, a year-on-year increase of 8.1% and 15.2%.")
    found = [
        quantity(text, "1,200", "count", 1200, noun="cars"),
        quantity(text, "four", "count", 4, noun="provinces"),
        quantity(text, "30 billion yuan", "CNY", 3e10),
        quantity(text, "8.1%", "%"),
        quantity(text, "15.2%", "%"),
    ]
    out = analyse_sentence(text, 0, found, RULES)
    assert [(f.kind, f.metric) for f in out[3:]] == [("change", "cars"), ("change", "sales value")]
    assert "group.list_connector.v1" in out[4].rules
    assert "group.modifier_count.v1" in out[1].trace  # 'among the four provinces' is no item of the list


def test_respectively_pairs_items_in_order():
    text = "Car sales and truck sales reached 500 and 300, up 5% and 7% respectively."
    found = [quantity(text, "500", "count", noun=""), quantity(text, "300", "count"),
             quantity(text, "5%", "%"), quantity(text, "7%", "%")]
    out = analyse_sentence(text, 0, found, RULES)
    assert [f.kind for f in out] == ["level", "level", "change", "change"]  # levels 'reached'
    assert out[3].rules[-1] == "group.list_connector.v1"
    assert "group.respectively.v1" in out[2].trace and "group.respectively.v1" in out[3].trace
    assert "group.respectively.v1" not in out[3].rules  # the rule column lists kind and list rules only


def test_change_inherits_metric_of_the_quantity_it_follows():
    text = "Exports totalled 4.5 billion dlrs, a rise of 12% on the year."
    found = [quantity(text, "4.5 billion dlrs", "USD", 4.5e9), quantity(text, "12%", "%")]
    out = analyse_sentence(text, 0, found, RULES)
    # the total, followed by its rise, is the level the rise reached
    assert [(f.kind, f.direction, f.metric) for f in out] == [("level", "up", "Exports"), ("change", "up", "Exports")]
    assert "metric.inherit" in out[1].trace


@pytest.mark.parametrize(("metric", "span", "only"), [
    ("times", "300,000 times", True),
    ("KB", "over 51,200 KB", True),
    ("Times", "more than 2 million times", True),
    ("file size", "over 51,200 KB", False),
    ("views", "300,000 times", False),
    ("times", "300,000", False),
])
def test_a_unit_of_the_span_is_never_the_metric(metric: str, span: str, only: bool) -> None:
    assert unit_words_only(metric, span) is only


def test_a_metric_that_is_only_the_unit_word_is_dropped():
    text = "The video was viewed 300,000 times."
    out = analyse_sentence(text, 0, [quantity(text, "300,000", "count", noun="times")], RULES)
    assert out[0].metric == ""


@pytest.mark.parametrize(("text", "first", "later", "ways"), [
    ("Profit came in at £1.9bn for the first half, compared with £1.6bn a year earlier.", "£1.9bn", "£1.6bn", ["up", ""]),
    ("Exports were £2.1bn in the U.K. in 2023, compared with £2.4bn in 2022.", "£2.1bn", "£2.4bn", ["down", ""]),
    ("Profit came in at £1.9bn, compared with £1.6bn for its rivals.", "£1.9bn", "£1.6bn", ["", ""]),
])
def test_a_figure_compared_with_where_it_stood_earlier_takes_that_way(text: str, first: str, later: str,
                                                                      ways: list[str]) -> None:
    found = [quantity(text, q, "GBP", float(q[1:-2]) * 1e9) for q in (first, later)]
    out = analyse_sentence(text, 0, found, RULES)
    assert [f.direction for f in out] == ways
    assert out[0].kind == "level" or not ways[0]


def test_count_metric_is_the_counted_noun():
    text = "The city opened 14 new libraries."
    out = analyse_sentence(text, 0, [quantity(text, "14", "count", noun="new libraries")], RULES)
    assert out[0].metric == "new libraries" and out[0].kind == "count"
    assert isinstance(out[0], Finding) and out[0].trace == ("test.quantity", "default.count.v1", "metric.noun")


@pytest.mark.parametrize(("text", "q", "noun", "metric"), [
    ("Its 240-strong majority was at risk.", "240", "strong majority", "majority"),
    ("The 60-odd delegates voted.", "60", "odd delegates", "delegates"),
    ("A 30-plus crowd waited.", "30", "plus crowd", "crowd"),
    ("Bids came from two relatively small firms.", "two", "relatively small firms", "small firms"),  # an adverb is passed
])
def test_a_word_joined_to_a_count_is_not_what_it_counts(text: str, q: str, noun: str, metric: str) -> None:
    out = analyse_sentence(text, 0, [quantity(text, q, "count", noun=noun)], RULES)
    assert out[0].metric == metric


@pytest.mark.parametrize(("text", "q", "metric"), [
    ("Only one bidder remained in the auction.", "one", "bidder"),  # a linking verb
    ("Just one minister resigned on Monday.", "one", "minister"),  # a verb by its form
    ("One lone director stayed on the board.", "One", "lone director"),
    ("One man killed in the blast was a guard.", "One", "man killed"),  # what befell the counted stays
])
def test_a_verb_after_the_counted_noun_is_no_part_of_it(text: str, q: str, metric: str) -> None:
    found = [f for f in find_quantities(text, GRAMMAR) if f.text == q]
    assert analyse_sentence(text, 0, found, RULES)[0].metric == metric


def test_rule_windows_are_bounded_on_huge_input():
    text = "9" * 100000 + " rose " + "x" * 50000
    found = [Quantity(0, 100000, "9" * 100000, 9.0, "count", "exact", "t")]
    assert len(analyse_sentence(text, 0, found, RULES)) == 1


def test_parallel_figure_takes_the_kind_of_the_one_it_is_compared_with():
    text = "The browser had 92.9% of users in October, compared to 95.5% in June."
    out = analyse_sentence(text, 0, [quantity(text, "92.9%", "%"), quantity(text, "95.5%", "%")], RULES)
    assert [f.kind for f in out] == ["share", "share"] and "group.parallel.v1" in out[1].rules


def test_index_level_takes_points():
    text = "The index dropped to 61.2 in March."
    findings = analyse_sentence(text, 0, find_quantities(text, GRAMMAR), RULES)
    assert [(f.quantity.value, f.quantity.unit, f.kind) for f in findings] == [(61.2, "pt", "level")]


def test_respectively_lists_map_to_their_own_heads():
    text = "Car sales and truck sales reached 500 and 300, up 5% and 7%, respectively."
    found = [quantity(text, "500", "count"), quantity(text, "300", "count"),
             quantity(text, "5%", "%"), quantity(text, "7%", "%")]
    out = analyse_sentence(text, 0, found, RULES)
    assert [f.metric for f in out[2:]] == ["Car sales", "truck sales"]


def test_restated_amounts_share_a_metric():
    text = "A fine of $250,000 (£130,000) was paid."
    out = analyse_sentence(text, 0, [quantity(text, "$250,000", "USD"), quantity(text, "£130,000", "GBP")], RULES)
    assert [f.metric for f in out] == ["fine", "fine"] and "group.equivalent.v1" in out[1].trace
    text = "Aid totalled 3m euros (£2.1m; $4.1m)."
    found = [quantity(text, "3m euros", "EUR", 3e6), quantity(text, "£2.1m", "GBP"), quantity(text, "$4.1m", "USD")]
    assert [f.metric for f in analyse_sentence(text, 0, found, RULES)] == ["Aid", "Aid", "Aid"]
    text = "A fine of $250,000 in 2004 and £130,000 in 2005."  # no restatement: no sharing
    out = analyse_sentence(text, 0, [quantity(text, "$250,000", "USD"), quantity(text, "£130,000", "GBP")], RULES)
    assert "group.equivalent.v1" not in out[1].trace


def test_a_figure_restated_after_a_comma_and_or_measures_what_it_restates():
    text = "The council paid 64% of the repair bill, or £3.2m."
    out = analyse_sentence(text, 0, [quantity(text, "64%", "%"), quantity(text, "£3.2m", "GBP", 3.2e6)], RULES)
    assert [f.metric for f in out] == ["repair bill", "repair bill"] and "metric.inherit" in out[1].trace
    text = "The council paid 64% of the repair bill, and £3.2m went on roads."  # no restatement
    out = analyse_sentence(text, 0, [quantity(text, "64%", "%"), quantity(text, "£3.2m", "GBP", 3.2e6)], RULES)
    assert out[1].metric != "repair bill"


def test_ages_measure_age():
    text = "The 56-year-old said 12 people came."
    found = [quantity(text, "56-year-old", "year", 56.0), quantity(text, "12", "count", noun="people")]
    out = analyse_sentence(text, 0, found, RULES)
    if out[0].kind == "age":
        assert out[0].metric == "age"
    assert out[1].metric == "people"


def test_a_time_span_takes_no_noun_another_figure_counts():
    text = "The mill will hire 2,000 people within eight weeks."
    found = [quantity(text, "2,000", "count", noun="people"), quantity(text, "within eight weeks", "week", 8.0)]
    tokens = [Token(m.start(), m.end(), m.group(), "NOUN" if m.group() == "people" else "VERB", "", k)
              for k, m in enumerate(regex.finditer(r"\w+|[^\w\s]", text))]
    out = analyse_sentence(text, 0, found, RULES, tokens)
    assert out[0].metric == "people"
    assert out[1].metric != "people"


def test_a_level_reached_after_a_comma_measures_what_moved():
    text = "Rents climbed 4% last year, to an average of £950 a month."
    out = analyse_sentence(text, 0, [quantity(text, "4%", "%"), quantity(text, "£950 a month", "GBP/month")], RULES)
    assert [f.metric for f in out] == ["Rents", "Rents"] and "metric.inherit" in out[1].trace


@pytest.mark.parametrize(("text", "first", "second", "metric"), [
    ("The club gave him a three-year deal worth £90,000 a week.", "three-year", "£90,000 a week", "deal"),
    ("She signed a five-year lease worth $2 million.", "five-year", "$2 million", "lease"),
])
def test_another_quantity_is_never_a_metric(text: str, first: str, second: str, metric: str):
    found = [quantity(text, first, "year"), quantity(text, second, "GBP/week" if "week" in second else "USD")]
    out = analyse_sentence(text, 0, found, RULES)
    assert out[0].metric == metric  # the noun the duration modifies, without the "worth" that follows it
    assert out[1].metric.lower() != first.lower()


# ------------------------------------------------------------------ which sentences the tagger must read
SENTENCES = [
    "The company employs 5,000 people in France.",
    "It has 300 stores and 12,000 workers.",
    "Revenue of the group was $4.2bn last year.",
    "Sales rose 5% in March.",
    "The firm paid a dividend of 40 cents.",
    "The deal is worth $4bn.",
    "Shares fell 3% to 250 pence.",
    "Its 2,400 branches sold 18 million policies.",
    "The bank said 1,200 jobs would go by 2006.",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_sentences_that_ask_nothing_of_tokens_do_not_change_with_them(text):
    found = grammar_quantities(text)
    assert found
    bare = analyse_sentence(text, 0, found, RULES)
    if not reads_tags(text, 0, found, RULES):
        for pos in ("VERB", "NOUN", "ADP"):
            assert analyse_sentence(text, 0, found, RULES, all_tagged(text, pos)) == bare


def test_reads_tags_for_changes_missing_metrics_and_written_metrics():
    def reads(text: str) -> bool:
        return reads_tags(text, 0, grammar_quantities(text), RULES)

    assert reads("Sales rose 5% in March.")  # a change
    assert reads("The deal is worth $4bn.")  # no cue metric
    assert reads("The firm paid a dividend of 40 cents.")  # a metric written before: is it a noun?
    assert not reads("The company employs 5,000 people in France.")  # the counted noun, after the number
    assert not reads("Revenue of the group was $4.2bn last year.")  # a joined metric, not written as such
    assert not reads_tags("No figures here.", 0, [], RULES)


@pytest.mark.parametrize(
    "text, quantity, metric",
    [
        ("Exports rose 3% in May and 4% in June.", "4%", "Exports"),  # the nearest earlier metric of its clause
        ("Fuel costs rose by £106m or 47.3% in the quarter.", "47.3%", "Fuel costs"),  # a change restated
        ("Net profit was 19bn kronor, compared with a loss of 10.8bn kronor.", "10.8bn kronor", "Net profit"),
        ("It listed 60 jobs in May, and its rival listed several hundred.", "several hundred", "jobs"),  # a bare count
        # a name is no metric to pass on: a level in money is then a price
        ("In London, Corus fell 2.2% to 55.57 pence.", "55.57 pence", "price"),
        ("Output grew 3% in May; 4% was expected.", "4%", ""),  # not across a clause break
    ],
)
def test_a_quantity_without_a_metric_takes_its_neighbours(text: str, quantity: str, metric: str):
    assert _finding(text, quantity).metric == metric


@pytest.mark.parametrize(("text", "quantity", "bound"), [
    ("The probe flew more than 1,200 miles (1,931 kilometers) home.", "1,931 kilometers", "over"),
    ("The tank holds about 2,750 tons, or 2,500 metric tons, of water.", "2,500 metric tons", "approx"),
    ("It weighs about 5 kg (11 lb) empty.", "11 lb", "approx"),
    ("It cost about $5 million in 2004 and £3 million in 2005.", "£3 million", "exact"),  # no restatement
])
def test_a_restated_figure_keeps_the_bound_of_what_it_restates(text: str, quantity: str, bound: str):
    assert _finding(text, quantity).quantity.bound == bound


@pytest.mark.parametrize(("text", "quantity", "metric"), [
    ("The stock suffered a 3% slide after the report.", "3%", ""),   # no parse: no subject read
    ("Die Exporte stiegen im März um 4 %.", "4 %", "Exporte"),       # the noun before the verb of movement
    ("The Sensex touched a new all-time high of 41,000 on Friday.", "41,000", "index level"),
    ("Gold hit a record high of $2,070 an ounce.", "$2,070 an ounce", "price"),
])
def test_movements_measure_what_moved(text: str, quantity: str, metric: str):
    assert _finding(text, quantity).metric == metric


@pytest.mark.parametrize(("text", "quantity", "metric"), [
    ("The company now expects revenue of $12 billion this year.", "$12 billion", "revenue"),
    ("The bakery chain warned operating costs of £40m would hit margins.", "£40m", "operating costs"),
    ("Net profit more than doubled to $4.1 billion.", "$4.1 billion", "Net profit"),
    ("The handset costs $799 in the US.", "$799", "price"),
])
def test_verbs_of_saying_and_bound_words_stay_out_of_metrics(text: str, quantity: str, metric: str):
    assert _finding(text, quantity).metric == metric


def test_a_change_whose_tags_confirm_its_cue_metric_keeps_it():
    text = "Sales at Corvo rose 4% and profits at Linden fell 2%."
    pos = ("NOUN", "ADP", "PROPN", "VERB", "NUM", "NOUN", "CCONJ",
           "NOUN", "ADP", "PROPN", "VERB", "NUM", "NOUN", "PUNCT")
    words = list(regex.finditer(r"\w+|[^\w\s]", text))
    tokens = [Token(m.start(), m.end(), m.group(), p, "", k) for k, (m, p) in enumerate(zip(words, pos, strict=True))]
    found = analyse_sentence(text, 0, grammar_quantities(text), RULES, tokens)
    assert [f.metric for f in found] == ["Sales", "profits"]


def test_an_adverb_after_a_count_is_not_what_it_counts():
    text = "Clinics could save millions annually."
    out = analyse_sentence(text, 0, [quantity(text, "millions", "count", 1e6, noun="annually")], RULES)
    assert out[0].metric != "annually"


@pytest.mark.parametrize("words, q, unit, metric", [
    ("The/DET firm/NOUN will/AUX spend/VERB a/DET further/ADJ $300m/NUM on/ADP plants/NOUN ./PUNCT", "$300m", "USD",
     "spending"),
    ("The/DET city/NOUN will/AUX borrow/VERB an/DET additional/ADJ £40m/NUM ./PUNCT", "£40m", "GBP", "borrowing"),
    ("Profit/NOUN fell/VERB by/ADP $12m/NUM ./PUNCT", "$12m", "USD", "Profit"),  # what moved, not a verb's object
    ("December/PROPN settled/VERB 0.72/NUM cent/NOUN firmer/ADJ at/ADP 55.47/NUM cents/NOUN ./PUNCT", "0.72 cent", "USD",
     ""),  # no sum added: no settlement
])
def test_a_sum_added_takes_the_noun_of_the_verb_it_is_the_object_of(words: str, q: str, unit: str,
                                                                     metric: str) -> None:
    text, tokens = tagged(words)
    out = analyse_sentence(text, 0, [quantity(text, q, unit)], RULES, tokens)
    assert (out[0].kind, out[0].metric) == ("change", metric)


@pytest.mark.parametrize(
    "noun, after, counted",
    [
        ("Boeing", " Boeing 737 flights a week.", "flights"),
        ("Airbus A320neo jets", " Airbus A320neo jets last month.", "jets"),
        ("Apple iPad tablets", " Apple iPad tablets to pupils.", "tablets"),
        ("Leopard", " Leopard 2 tanks by 2026.", "tanks"),
        ("Tory MPs", " Tory MPs rebelled.", "Tory MPs"),
        ("new shops", " new shops.", "new shops"),
    ],
)
def test_a_count_counts_past_a_brand_and_model_name(noun: str, after: str, counted: str):
    assert past_model_name(noun, after, RULES) == counted


@pytest.mark.parametrize("text, member, kind, direction", [
    ("Inflation and wages rose 3% and 5% last year.", "5%", "change", "up"),
    ("Unemployment in Spain and Italy fell to 11% and 7%, respectively.", "7%", "level", "down"),
    ("Interest costs rose 8% and 11% in the two years.", "11%", "change", "up"),
    ("Deaths fell by 12% and hospital admissions by 9%.", "9%", "change", "down"),
    ("The yen fell 1.1% against the dollar and 0.8% versus the euro.", "0.8%", "change", "down"),
    ("Sales rose 5% in May and inflation 3%.", "3%", "level", ""),  # its own rate word: no member of the movement
])
def test_a_list_member_read_only_by_words_before_the_list_moves_like_the_first(text: str, member: str, kind: str,
                                                                               direction: str):
    got = _finding(text, member)
    assert (got.kind, got.direction) == (kind, direction)


@pytest.mark.parametrize("text, first, second, ways", [
    ("The rate went from 2% to 5% in a year.", "2%", "5%", ("", "up")),
    ("The population went from 12,000 to 9,500 in a decade.", "12,000", "9,500", ("", "down")),
    ("The interest rate moved from 4.5% to 4.25% on Thursday.", "4.5%", "4.25%", ("", "down")),
    ("Mortgage payments went from $1,800 to $2,600 a month.", "$1,800", "$2,600 a month", ("", "up")),
    ("Profit rose from $2m to $3m.", "$2m", "$3m", ("", "up")),  # a word of movement says the way
])
def test_a_move_that_names_no_way_goes_the_way_its_two_figures_do(text: str, first: str, second: str,
                                                                   ways: tuple[str, str]):
    got = (_finding(text, first), _finding(text, second))
    assert [f.kind for f in got] == ["level", "level"]
    assert tuple(f.direction for f in got) == ways


@pytest.mark.parametrize(
    "text, way",
    [("The rate went from 2% to 5%.", "up"), ("The rate moved from 4.5% to 4.25%.", "down"), ("Rates were 2% in May and 5% in June.", "")],
)
def test_a_move_from_one_figure_to_another_gives_its_way_and_rule(text: str, way: str) -> None:
    first, later = sorted(grammar_quantities(text), key=lambda f: f.start)
    got = moved_between(first, later, text[first.end : later.start], text[: later.start], RULES)
    assert got == ((way, "kind.level_moved_to.v1") if way else ("", ""))
    assert _finding(text, later.text).direction == way
