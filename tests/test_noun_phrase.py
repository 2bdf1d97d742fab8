"""Tests of pipeline.extract.noun_phrase: the noun phrase a metric is read from, walked over the words before
and after a figure."""
from __future__ import annotations

import pytest

from pipeline.extract.claim_rules import load_claim_rules
from pipeline.extract.metric import cue_metric, verb_free
from pipeline.extract.noun_phrase import MAX_METRIC_WORDS, noun_phrase, noun_phrase_after, phrase_words


RULES = load_claim_rules()


def test_phrases_stop_at_stop_words_and_stay_short():
    assert noun_phrase("It said that the export volume ", RULES) == "export volume"
    assert noun_phrase_after("the grain harvest was good", RULES) == "grain harvest"
    long = " ".join(["word"] * 30) + " "
    assert len(noun_phrase(long, RULES).split()) == MAX_METRIC_WORDS


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


def test_a_time_adverb_is_no_metric():
    assert noun_phrase("Profit last year ", RULES) == "Profit"
    assert noun_phrase("the number of visitors this year ", RULES) == "number of visitors"


def test_the_of_phrase_of_a_vague_head_is_kept_unless_it_is_a_name():
    assert noun_phrase("The number of Korean cars exported ", RULES) == "number of Korean cars exported"
    assert noun_phrase("The total output of Qarlo High tech ", RULES) == "total output"
    assert noun_phrase_after("the number of phones sold during", RULES) == "number of phones sold"


def test_net_worth_is_one_noun_a_deal_worth_a_sum_is_not() -> None:
    assert cue_metric("The net worth of the family rose to ", RULES)[0] == "net worth of family"
    assert noun_phrase("the net worth of Spanish households ", RULES) == "net worth"
    assert verb_free("net worth", RULES) == "net worth"
    assert noun_phrase("the deal worth", RULES) == ""  # a stop word ends the phrase: no noun before it


def test_words_before_another_figure_name_no_whole() -> None:
    assert noun_phrase_after("the nearly $900 million budget", RULES) == ""
    assert noun_phrase_after("the county's voters", RULES) == "voters"


def test_a_participle_before_a_preposition_is_no_subject() -> None:
    assert cue_metric("Based on the closing price of ", RULES)[0] == "closing price"
    assert noun_phrase("The death toll from the storm ", RULES) == "storm"  # only a verb's subject is followed back
    # a cue that is no verb: the phrase after 'with' is what is measured
    assert cue_metric("it signed deals with a combined transaction amount of ", RULES)[0] == "combined transaction amount"


@pytest.mark.parametrize(
    "after, phrase",
    [
        ("donations covering the cost of his clothes", "donations"),
        ("the thrifts reporting profits had", "thrifts"),
        ("the total outstanding common stock", "total outstanding common stock"),  # an adjective in -ing
        ("money laundering.", "money laundering"),  # a noun in -ing at the end
        ("new affordable homes", "new affordable homes"),
        ("the cars sold the year before", "cars"),
    ],
)
def test_a_participle_after_a_plural_opens_a_clause(after: str, phrase: str) -> None:
    assert noun_phrase_after(after, RULES) == phrase


@pytest.mark.parametrize(
    "after, words",
    [
        ("the national average.", ["national", "average"]),
        ("the annual total from the Netherlands", ["annual", "total"]),
        ("the full-year total, up from", ["full-year", "total"]),
        ("prices average $5 a week", ["prices"]),  # a verb before a figure
    ],
)
def test_average_and_total_after_a_word_of_their_phrase_are_nouns(after: str, words: list[str]) -> None:
    assert phrase_words(after, RULES) == words
