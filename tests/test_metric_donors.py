"""Tests of pipeline.extract.metric_donors: the metric of a figure whose own words name none."""
from __future__ import annotations

import pytest

from pipeline.extract.metric_donors import level_metric, opening_at


@pytest.mark.parametrize(("unit", "metric"), [
    ("USD", "price"), ("GBP", "price"), ("USD/bbl", "price"), ("USD/year", ""), ("pt", "index level"),
    ("%", ""), ("count", ""),
])
def test_level_metric_by_unit(unit: str, metric: str):
    assert level_metric(unit) == metric


@pytest.mark.parametrize(("value", "metric"), [(24.5, "price"), (950_000_000, "price"), (3.1e9, "")])
def test_a_sum_of_billions_is_no_price(value: float, metric: str):
    assert level_metric("GBP", value) == metric


@pytest.mark.parametrize(
    "text, at",
    [("* Cargo handled rose 8.5%", 2), ("“House prices rose", 1), ("1. Exports grew", 3), ("Exports grew", 0),
     ("- Exports grew", 2), ("2025 exports", 0)],
)
def test_a_sentence_opens_past_quotes_and_a_list_marker(text: str, at: int):
    assert opening_at(text) == at
