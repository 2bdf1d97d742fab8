"""Tests of the movement families of claim assembly (pipeline.extract.claims with the rules of claims.toml,
bounds.toml and non_claims.toml): changes written as a noun of warming or cooling, levels reached with a bound,
ranges of spelled-out numbers, counts more or fewer, points in time counted from another."""
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


@pytest.mark.parametrize("text, quantity, unit, bound, direction", [
    ("Global temperatures are on course for a warming of 4°C by 2100.", "4°C", "°C", "exact", "up"),
    ("The region saw cooling by half a degree over the decade.", "half a degree", "deg", "exact", "down"),
    ("Experts fear warming in excess of 2°C would melt the ice sheets.", "in excess of 2°C", "°C", "over", "up"),
    ("Any warming beyond 1.5 degrees would be dangerous.", "beyond 1.5 degrees", "deg", "over", "up"),
    ("The Arctic has experienced warming of nearly 3C since 1971.", "nearly 3C", "°C", "approx", "up"),
    ("A cooling of 0.3C followed the eruption.", "0.3C", "°C", "exact", "down"),
    ("Trends put the world on a path toward 3.6 degrees Fahrenheit (2°C) warming.", "3.6 degrees Fahrenheit", "°F",
     "exact", "up"),
    ("Trends put the world on a path toward 3.6 degrees Fahrenheit (2°C) warming.", "2°C", "°C", "exact", "up"),
    ("Scientists recorded a 3C increase in sea surface temperatures.", "3C", "°C", "exact", "up"),
])
def test_degrees_of_warming_or_cooling_are_changes(text, quantity, unit, bound, direction):
    value, _, got_unit, got_bound, kind, got_direction = row(text, quantity)
    assert (got_unit, got_bound, kind, got_direction) == (unit, bound, "change", direction)


@pytest.mark.parametrize("text, quantity", [
    ("Temperatures of 40C were recorded in Seville.", "40C"),
    ("Highs of 35 degrees are forecast for Friday.", "35 degrees"),
    ("The oven should be heated to 200C.", "200C"),
])
def test_temperatures_of_a_place_stay_levels(text, quantity):
    assert row(text, quantity)[4] == "level"


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


@pytest.mark.parametrize("text, quantity, low, high, unit", [
    ("The pair face a ban of between six months and two years.", "between six months and two years", 6, 24, "month"),
    ("A reply is due in 10 days to two weeks.", "10 days to two weeks", 10, 14, "day"),
    ("The ride takes between 40 minutes and 2 hours.", "between 40 minutes and 2 hours", 40, 120, "min"),
])
def test_a_range_of_two_units_of_time_is_one_range_in_the_smaller(text, quantity, low, high, unit):
    value, value_max, got_unit, bound, kind, _ = row(text, quantity)
    assert (value, value_max, got_unit, bound, kind) == (low, high, unit, "range", "duration")


@pytest.mark.parametrize("text, quantities", [
    ("Notes run from two weeks to one year.", ["two weeks", "one year"]),  # 52.18 weeks: no whole number
    ("Terms run from 18 months to four years and three months.", ["18 months", "four years and three months"]),
])
def test_units_of_time_that_make_no_clean_range_stay_two_figures(text, quantities):
    assert [c.quantity for c in claims_of(text)] == quantities


@pytest.mark.parametrize("text, quantities", [
    ("The lot holds 2 or 3 cars.", ["2", "3"]),
    ("Prices fell 3% or $1.20.", ["3%", "$1.20"]),
    ("Either two or ten members may vote.", ["two", "ten"]),
])
def test_other_alternatives_stay_two_figures(text, quantities):
    assert [c.quantity for c in claims_of(text)] == quantities


@pytest.mark.parametrize("text, quantity, kind, direction", [
    ("The firm hired 40 more people this year.", "40", "count", ""),
    ("The label is making 5,000 more copies of each single than planned.", "5,000", "change", "up"),
    ("Cutting the limit would lead to 230 fewer serious injuries.", "230", "change", "down"),
    ("The plant will have 10 fewer jobs.", "10", "change", "down"),
    ("There will be 2,000 fewer nurses by 2025.", "2,000", "change", "down"),
    ("He needs two more wins to clinch the title.", "two", "count", ""),
    ("The council hired an extra 500 staff.", "500", "count", ""),
    ("The Nasdaq gave up 2% in late trading.", "2%", "change", "down"),
    ("Gold gave back 1.2% on Friday.", "1.2%", "change", "down"),
    ("The Dow erased early gains of 200 points.", "200 points", "change", "up"),
    ("Shares recovered after losses of 3% last week.", "3%", "change", "down"),
    ("The firm reported losses of $3m for the year.", "$3m", "amount", ""),
    ("Oil could recover to $45-$50 a barrel.", "$45-$50 a barrel", "level", "up"),
    ("Oil could recover to $50 a barrel.", "$50 a barrel", "level", "up"),
    ("The sell-off wiped $3bn off the company's market value.", "$3bn", "change", "down"),
])
def test_movements_with_no_verb_of_size(text, quantity, kind, direction):
    assert row(text, quantity)[4:] == (kind, direction)


@pytest.mark.parametrize("text, quantity, bound", [
    ("Analysts expect at least a five pct rise in profits.", "at least a five pct", "at_least"),
    ("It could mean at least a seven per cent fall in output.", "at least a seven per cent", "at_least"),
    ("Analysts see at least a 10% fall in sales.", "at least a 10%", "at_least"),
    ("Shares could fall as much as 7%.", "as much as 7%", "at_most"),
    ("Prices are some 30% higher than last year.", "some 30%", "approx"),
    ("Sales roughly doubled in the quarter.", "roughly doubled", "approx"),
])
def test_bounds_hold_on_spelled_numbers_and_through_an_article(text, quantity, bound):
    assert row(text, quantity)[3] == bound


@pytest.mark.parametrize("text, quantity, bound", [
    ("Inflation rose to nearly 6 per cent in March.", "nearly 6 per cent", "approx"),
    ("Shares climbed to more than $4 in early trading.", "more than $4", "over"),
    ("Bitcoin tumbled to less than $20,000.", "less than $20,000", "under"),
    ("The death toll rose to more than 200.", "more than 200", "over"),
])
def test_levels_reached_keep_their_bound_and_the_movement(text, quantity, bound):
    _, _, _, got_bound, kind, direction = row(text, quantity)
    assert (got_bound, kind) == (bound, "level") and direction in ("up", "down")


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


@pytest.mark.parametrize("text, quantity, kind, direction", [
    ("The phrase was searched 7x more than the other.", "7x", "ratio", ""),
    ("The new chip is 2x faster than the old one.", "2x", "ratio", ""),
    ("It was searched seven times more than the other.", "seven times", "ratio", ""),
    ("Analysts expect a 3x increase in orders.", "3x", "change", "up"),
])
def test_a_glued_multiple_before_a_comparative_is_a_ratio(text, quantity, kind, direction):
    assert row(text, quantity)[4:] == (kind, direction)


@pytest.mark.parametrize("text, rows", [
    ("Employment fell by 24,000 or 0.9 pct to 2.1 million in the quarter.",
     [("24,000", 24000, "count", "change", "down"), ("0.9 pct", 0.9, "%", "change", "down"),
      ("2.1 million", 2.1e6, "count", "level", "down")]),
    ("Wages grew 2.1 percent to 3.2 billion.",
     [("2.1 percent", 2.1, "%", "change", "up"), ("3.2 billion", 3.2e9, "count", "level", "up")]),
    ("Sales rose 5 or 2.1% to 240 units.",
     [("5", 5, "count", "change", "up"), ("2.1%", 2.1, "%", "change", "up"), ("240", 240, "count", "level", "up")]),
    ("Spending in May fell a revised $3.5 billion, or 0.9%, to $374.9 billion.",
     [("$3.5 billion", 3.5e9, "USD", "change", "down"), ("0.9%", 0.9, "%", "change", "down"),
      ("$374.9 billion", 3.749e11, "USD", "level", "down")]),
    ("March saw an increase in orders for durable factory goods of $6.4 billion, or 6.7%, to $101.9 billion.",
     [("$6.4 billion", 6.4e9, "USD", "change", "up"), ("6.7%", 6.7, "%", "change", "up"),
      ("$101.9 billion", 1.019e11, "USD", "level", "up")]),
])
def test_a_change_restated_after_or_then_a_level_reached_is_no_range(text, rows):
    got = [(c.quantity, c.value, c.unit, c.kind, c.direction) for c in claims_of(text)]
    assert got == [(q, pytest.approx(v), u, k, d) for q, v, u, k, d in rows]


@pytest.mark.parametrize("text, quantity, low, high", [
    ("Sales rose 3 to 4 million.", "3 to 4 million", 3e6, 4e6),
    ("Prices rose 3% to 5% a year.", "3% to 5%", 3, 5),
    ("Prices rose 8 or 9 pct last year.", "8 or 9 pct", 8, 9),
])
def test_a_range_of_one_kind_of_figure_stays_a_range(text, quantity, low, high):
    value, value_max, _, bound, _, _ = row(text, quantity)
    assert (value, value_max, bound) == (pytest.approx(low), pytest.approx(high), "range")


@pytest.mark.parametrize("text, rows", [
    ("The company cut 1,200 or 8 percent of its jobs.",
     [("1,200", "change", "down", "jobs"), ("8 percent", "change", "down", "jobs")]),
    ("The carrier will eliminate about 2,000, or 10 percent, of its positions.",
     [("about 2,000", "change", "down", "positions"), ("10 percent", "change", "down", "positions")]),
    ("Acme shed 300, or 5%, of its staff.", [("300", "change", "down", None), ("5%", "change", "down", "staff")]),
    ("Employers added 40,000 or 2 percent to payrolls.",
     [("40,000", "change", "up", "payrolls"), ("2 percent", "change", "up", "payrolls")]),
    ("The bank will cut 1,350 jobs, or 9% of its workforce, by June.",
     [("1,350", "change", "down", "jobs"), ("9%", "change", "down", "workforce")]),
])
def test_a_count_cut_or_added_restated_as_a_share_of_the_whole_is_two_changes(text, rows):
    got = {c.quantity: (c.kind, c.direction, c.metric) for c in claims_of(text)}
    for quantity, kind, direction, metric in rows:
        assert got[quantity][:2] == (kind, direction), got
        if metric is not None:
            assert got[quantity][2] == metric, got


@pytest.mark.parametrize("text, quantity", [
    ("It sold 240 units, or 0.7% of output.", "0.7%"),
    ("Its sales grew by 2 million cars, or 5% of the market.", "5%"),
    ("The firm cut 1,200 jobs and 8 percent of its stores.", "8 percent"),
    ("It raised its stake to 816,000 shares, or 11.3% of the total.", "11.3%"),
])
def test_a_part_of_a_whole_after_another_verb_stays_a_share(text, quantity):
    assert row(text, quantity)[4:] == ("share", "")


@pytest.mark.parametrize("text, quantity, unit", [
    ("The floods cost billions.", "billions", ""),
    ("Piracy costs the music industry millions every year.", "millions", ""),
    ("Parents are expected to spend millions on games.", "millions", ""),
    ("The budget of $3bn was overrun and the delays could cost the airline hundreds of millions more.",
     "hundreds of millions", "USD"),
    ("The dating apps are a stream of revenue worth millions.", "millions", ""),
])
def test_a_vague_sum_after_a_verb_of_costing_is_an_amount(text, quantity, unit):
    _, _, got_unit, bound, kind, _ = row(text, quantity)
    assert (got_unit, bound, kind) == (unit, "approx", "amount")


def test_a_vague_sum_takes_the_currency_its_article_named_before():
    text = "The council set aside £2m for repairs last year. Officials now say the floods cost billions."
    assert [(c.quantity, c.unit, c.kind) for c in claims_of(text)] == [
        ("£2m", "GBP", "amount"), ("billions", "GBP", "amount")]


@pytest.mark.parametrize("text, quantity", [
    ("The closures could cost thousands of jobs.", "thousands"),
    ("Crowds paid tribute to thousands who died.", "thousands"),
    ("The war cost millions of lives.", "millions"),
])
def test_a_vague_count_of_what_something_costs_stays_a_count(text, quantity):
    assert row(text, quantity)[2:5:2] == ("count", "count")


@pytest.mark.parametrize("text, quantity, kind, direction", [
    ("He lost the popular vote by nearly 3 million votes.", "nearly 3 million", "count", ""),
    ("She won the seat by 1,200 votes.", "1,200", "count", ""),
    ("Chelsea beat them by two goals.", "two", "count", ""),
    ("The party's vote fell by 4,000 votes.", "4,000", "change", "down"),
])
def test_votes_or_goals_a_side_won_or_lost_by_are_a_margin(text, quantity, kind, direction):
    assert row(text, quantity)[4:] == (kind, direction)
