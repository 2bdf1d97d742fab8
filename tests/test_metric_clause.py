"""Tests of pipeline.extract.metric_clause: what a figure of a movement measures, read from its clause."""
from __future__ import annotations

import pytest

from pipeline.extract.claim_rules import load_claim_rules
from pipeline.extract.metric_clause import movement_metric, own_clause_metric, pushed_object


RULES = load_claim_rules()


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


@pytest.mark.parametrize(("before", "metric"), [
    ("Ticket prices at the stadium climbed ", "Ticket prices"),
    ("Fees at the clinic on Main Street jumped ", "Fees"),
    ("Orders from abroad fell ", "Orders"),
])
def test_a_verb_of_movement_measures_its_subject_not_the_phrase_qualifying_it(before: str, metric: str) -> None:
    assert movement_metric(before, RULES) == metric


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
