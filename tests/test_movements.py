"""Tests of the movement families of claim assembly (pipeline.extract.claims with the rules of claims.toml,
bounds.toml and non_claims.toml): ranges of spelled-out numbers, points in time counted from another."""
from __future__ import annotations

import pytest

from test_claim_rules import QUIET, article_of

from pipeline.extract.stage import extract_many
from pipeline.types import Claim


def claims_of(text: str) -> list[Claim]:
    """The claims of one sentence through the stage's door, no NER."""
    return extract_many([article_of(text)], QUIET)[0]


def row(text: str, quantity: str) -> tuple[float, float | None, str, str, str, str]:
    """``(value, value_max, unit, bound, kind, direction)`` of the claim written ``quantity`` in ``text``."""
    found = [c for c in claims_of(text) if c.quantity == quantity]
    assert len(found) == 1, [(c.quantity, c.kind) for c in claims_of(text)]
    c = found[0]
    return c.value, c.value_max, c.unit, c.bound, c.kind, c.direction


@pytest.mark.parametrize("text, quantity, low, high", [
    ("A cluster of two or three on a plate resembles a still life.", "two or three", 2, 3),
    ("The firm hired three or four new engineers.", "three or four", 3, 4),
    ("Only four or five shops remain open.", "four or five", 4, 5),
    ("Five or six companies bid for the contract.", "Five or six", 5, 6),
    ("Two or three of the banks may fail.", "Two or three", 2, 3),
    ("Six or eight weeks of talks lie ahead, and two or four teams may join.", "two or four", 2, 4),
])
def test_spelled_out_numbers_joined_by_or_are_one_range(text, quantity, low, high):
    value, value_max, unit, bound, kind, _ = row(text, quantity)
    assert (value, value_max, unit, bound, kind) == (low, high, "count", "range", "count")


@pytest.mark.parametrize("text, quantities", [
    ("The lot holds 2 or 3 cars.", ["2", "3"]),
    ("Prices fell 3% or $1.20.", ["3%", "$1.20"]),
    ("Either two or ten members may vote.", ["two", "ten"]),
])
def test_other_alternatives_stay_two_figures(text, quantities):
    assert [c.quantity for c in claims_of(text)] == quantities


@pytest.mark.parametrize("text", [
    "They picked up the guns again five years later.",
    "Cady returns to piece together an accident two years prior.",
    "Twenty years from now, we will look back and wonder.",
    "The bill passed three years earlier.",
    "Almost 30 years later, the views are the same.",
    "Fourteen months later the police raided the firm.",
    "Ten years on, the scandal still resonates.",
    "The war ended 75 years ago.",
])
def test_a_time_counted_from_another_is_no_claim(text):
    assert claims_of(text) == []


@pytest.mark.parametrize("text, quantity, unit", [
    ("The project was finished two weeks earlier than planned.", "two weeks", "week"),
    ("The plant shut two years prior to the merger.", "two years", "year"),
    ("It came seven years after he fled.", "seven years", "year"),
    ("Profits rose for the third year in a row.", "third", "year"),
])
def test_spans_that_measure_stay_durations(text, quantity, unit):
    _, _, got_unit, _, kind, _ = row(text, quantity)
    assert (got_unit, kind) == (unit, "duration")
