"""Tests of the movement families of claim assembly (pipeline.extract.claims with the rules of claims.toml,
bounds.toml and non_claims.toml): points in time counted from another."""
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
