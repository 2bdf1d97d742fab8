"""Tests of pipeline.extract.context: the subject and the period of a claim."""
from __future__ import annotations

from pipeline.extract.claim_rules import load_claim_rules
from pipeline.extract.context import (
    article_period,
    article_subject,
    pick_period,
    pick_subject,
    subject_entities,
)
from pipeline.extract.ner import Entity
from pipeline.extract.quantities import Quantity

RULES = load_claim_rules()


def quantity(text: str, q: str, unit: str) -> Quantity:
    start = text.index(q)
    return Quantity(start, start + len(q), q, 1.0, unit, "exact", "test.quantity")


def test_subject_prefers_clause_subject_over_names_in_lists():
    text = "Berlin researchers published 80 papers in Nature, Science and Cell, an increase of 9%."
    found = [quantity(text, "80", "count"), quantity(text, "9%", "%")]
    ents = [Entity(0, 6, "GPE", "Berlin"), Entity(text.index("Cell"), text.index("Cell") + 4, "ORG", "Cell")]
    assert pick_subject(text, 0, found[1], ents, found) == "Berlin"


def test_short_opening_clause_gives_the_subject():
    text = "In Shanghai, exports rose 5%."
    q = quantity(text, "5%", "%")
    assert pick_subject(text, 0, q, [Entity(3, 11, "GPE", "Shanghai")], [q]) == "Shanghai"


def test_person_label_on_a_zone_name_is_kept_digits_are_not():
    ents = [Entity(0, 20, "PERSON", "Pudong Free Trade Zone"), Entity(30, 35, "PERSON", "Li Wei"),
            Entity(40, 53, "PERSON", "VV116 COVID-19"), Entity(60, 72, "ORG", "the Ministry")]
    assert [e.text for e in subject_entities(ents, RULES)] == ["Pudong Free Trade Zone", "Ministry"]


def test_article_subject_prefers_places():
    ents = [Entity(0, 4, "ORG", "Acme"), Entity(10, 14, "ORG", "Acme"), Entity(20, 25, "GPE", "Paris")]
    assert article_subject(ents) == "Paris"
    assert article_subject(ents[:2]) == "Acme" and article_subject([]) == ""


def test_period_from_clause_then_nearest_year():
    text = "In 2021, sales rose 5%, while in 2022 they fell 3%."
    years = [(3, 7, "2021"), (32, 36, "2022")]
    assert pick_period(text.index("5%"), years, 0, text) == "2021"
    assert pick_period(text.index("3%"), years, 0, text) == "2022"
    assert pick_period(0, [], 0, text) == ""


def test_article_period_from_introduction():
    year, rule_id = article_period("Report.\n\nIn 2022, the city grew.", RULES)
    assert year == "2022" and rule_id in {r.id for r in RULES.periods}
    assert article_period("The 2022 Report was released.", RULES) == ("", "")
