"""Tests of pipeline.extract.carry: the units, rates and bounds the figures of one sentence take from each
other."""
from __future__ import annotations

import pytest

from pipeline.api import extract
from pipeline.extract.carry import carry_units, same_measure, share_bounds
from pipeline.extract.claim_rules import load_claim_rules
from pipeline.extract.quantities import find_quantities

from standins import GRAMMAR

RULES = load_claim_rules()


# ------------------------------------------------------------------ bounds shared along a list
def shared(text: str) -> list[tuple[str, str]]:
    found = carry_units(text, 0, sorted(find_quantities(text, GRAMMAR), key=lambda f: f.start), RULES)
    return [(f.text, f.bound) for f in share_bounds(text, 0, found, RULES)]


@pytest.mark.parametrize(
    "text, bounds",
    [
        ("Some 40 Catholic, 25 Anglican and 10 Methodist churches were shut.",
         [("Some 40", "approx"), ("25", "approx"), ("10", "approx")]),
        ("It owns over 12 red or 8 blue vans.", [("over 12", "over"), ("8", "over")]),
        ("About 60 staff, and 15 volunteers stayed.", [("About 60", "approx"), ("15", "exact")]),
        ("Nearly 200 homes flooded and 30 roads closed.", [("Nearly 200", "approx"), ("30", "exact")]),
        ("Sales were 40 tonnes, about 20 in March and 10 in May.", [("40 tonnes", "exact"), ("about 20", "approx"), ("10", "exact")]),
        ("Entry is free for groups of over 6, 8 or 10.", [("over 6", "over"), ("8", "over"), ("10", "over")]),
        ("Tips of about $5, $10 and $15 are common.", [("about $5", "approx"), ("$10", "approx"), ("$15", "approx")]),
        ("Fees run about $5, but $10 at weekends.", [("about $5", "approx"), ("$10", "exact")]),
        ("Nearly a third, 31%, said no.", [("Nearly a third", "approx"), ("31%", "exact")]),
        ("Its limit is about 4 billion euros, 1.2 billion of which is used.",
         [("about 4 billion euros", "approx"), ("1.2 billion", "exact")]),
        ("The boat is just over 16 feet long and six feet wide.", [("over 16 feet", "over"), ("six feet", "exact")]),
        ("The panel is nearly 2 metres tall and 1 metre wide.", [("nearly 2 metres", "approx"), ("1 metre", "exact")]),
        ("It weighs under 3 kg empty and 5 kg full.", [("under 3 kg", "under"), ("5 kg", "exact")]),
        ("The fleet has more than 20 red and 30 blue cars.", [("more than 20", "over"), ("30", "over")]),
    ],
)
def test_a_bound_word_governs_the_later_members_of_its_list_only(text: str, bounds: list[tuple[str, str]]) -> None:
    assert shared(text) == bounds


# ------------------------------------------------------------------ units carried between figures
def carried(text: str) -> list[tuple[str, float, str]]:
    found = find_quantities(text, GRAMMAR)
    return [(f.text, f.value, f.unit) for f in carry_units(text, 0, found, RULES)]


@pytest.mark.parametrize(
    "text, quantity, unit",
    [
        ("Holdings were 2.82 billion Swedish crowns, compared with 2.89 billion in December.", "2.89 billion", "SEK"),
        ("Exports totalled 2.4 billion Taka in October, as against 2.58 billion in September.", "2.58 billion", "BDT"),
        ("Provisions rose to 865.9 mln marks from 366.7 mln.", "366.7 mln", "DEM"),
        ("It raised its rate to 13-3/4 from 13-1/2 pct on Wednesday.", "13-3/4", "%"),
        ("Traffic rose compared with eight and nine pct a year ago.", "eight", "%"),
        ("It comes with a 10- or 12-inch screen.", "10", "in"),  # two guesses of one pair, same order
        ("A rate of 1.71 Swiss francs to the dollar, against 1.69 in 1986.", "1.69", "CHF"),
    ],
)
def test_bare_figure_takes_its_neighbours_unit(text, quantity, unit):
    assert (quantity, unit) in [(q, u) for q, _, u in carried(text)]


@pytest.mark.parametrize(
    "text, quantity",
    [
        ("Volume rose to 9.95 billion shares from 4.31 billion a year earlier.", "4.31 billion"),  # donor is a count
        ("GDP is $17 trillion for a population of 1.4 billion.", "1.4 billion"),  # no comparison link
        ("Sales were 5 mln dlrs; 3 mln were exported.", "3 mln"),  # another clause
        ("It paid 2 mln dlrs and hired 1.5 mln workers.", "1.5 mln"),  # its own noun
        ("It paid $5 and sold 12 units.", "12"),  # integer without scale
        ("Exports were 5 mln dlrs, against 3.5 in May.", "3.5"),  # not scaled like its neighbour
        ("Jobless claims rose by around 240,000 or 0.9 pct in March.", "around 240,000"),  # restated in another unit
        ("The firm will cut 1,200 or 8 percent of its jobs.", "1,200"),  # restated in another unit
        ("Sales rose 5 or 2.1% to 240 units.", "5"),  # restated: two guesses of a pair go up
    ],
)
def test_bare_figure_keeps_count(text, quantity):
    assert (quantity, "count") in [(q, u) for q, _, u in carried(text)]


@pytest.mark.parametrize(
    "text, units",
    [
        ("Tour operators offer seven, ten, or fourteen-night holidays.", ["day", "day", "day"]),
        ("Choose from 3, 6 or 12-month plans.", ["month", "month"]),
        ("They sold 5, 10 and 20-litre cans.", ["l", "l", "l"]),
        ("Sales rose 12, 5 pct of the total.", ["count", "%"]),  # no list: the next figure has its own unit
        ("Claims rose 12, or 3 pct, last week.", ["count", "%"]),  # a restatement, not a list's last member
    ],
)
def test_a_list_takes_the_unit_of_its_last_member_back(text: str, units: list[str]):
    assert [u for _, _, u in carried(text)] == units


@pytest.mark.parametrize(
    "text, units",
    [
        ("The ferry takes two hours by day and 3 by night.", ["h", "h"]),
        ("Seats cost €12 for members and 18 for guests.", ["EUR", "EUR"]),
        ("Rents rose 4% in Leeds, 6% in York and 9 in Hull.", ["%", "%", "%"]),
        ("Snow lay 30cm deep in the hills and 12 in the valleys.", ["cm", "cm"]),
        ("The car did 0-60 in 4 seconds on wet roads and 3 on dry.", ["s", "s"]),
        ("It logged 80 mm of rain in May, while 45 fell in June.", ["mm", "count"]),  # another clause's verb
        ("It hired 40 nurses in May and 12 doctors in June.", ["count", "count"]),  # its own noun
        ("Its vans took 4 hours in May and 3 after the thaw.", ["h", "count"]),  # another preposition
    ],
)
def test_a_gapped_clause_takes_the_unit_of_the_first(text: str, units: list[str]):
    assert [u for _, _, u in carried(text)][-len(units):] == units


def test_carried_cents_are_valued_in_the_currency():
    rows = carried("The dividend was cut to 12.5 and 13.5 cents.")
    assert ("12.5", 0.125, "USD") in rows


def test_no_carry_forward_from_cents():
    rows = carried("The stock rose 50 cents to 22.75 on Friday.")
    assert ("22.75", 22.75, "count") in rows


@pytest.mark.parametrize(("earlier", "unit", "same"), [
    ("USD", "USD", True),
    ("USD/share", "USD", True),    # "$3.10 a share, up from a previous forecast of [$2.90]"
    ("GBP/bbl", "GBP", True),
    ("USD/share", "GBP", False),
    ("t/d", "t", False),           # only sums of money leave their rate unwritten
    ("%", "pp", False),
])
def test_same_measure_lets_a_sum_stand_for_a_rate_of_its_currency(earlier: str, unit: str, same: bool):
    assert same_measure(earlier, unit) is same


@pytest.mark.parametrize(
    "text, quantity, unit",
    [
        ("The company expects earnings of $3.10 a share, up from a previous forecast of $2.90.", "$2.90", "USD/share"),
        ("Brent traded at $82 a barrel, up from $78 last week.", "$78", "USD/bbl"),
        ("The dividend was raised to 45 cents a share from 40 cents.", "40 cents", "USD/share"),
        ("Rents averaged $1,850 a month, compared with $1,700 a year earlier.", "$1,700", "USD/month"),
        ("Net gain was 22 cts per share, vs 721,000 dlrs a year ago.", "721,000 dlrs", "USD"),  # a total beside it
        ("Brent rose to $82 a barrel, while the fund lost $78.", "$78", "USD"),  # past a clause break
        ("Earnings were $3.10 a share, on sales of $4 billion.", "$4 billion", "USD"),
    ],
)
def test_a_sum_set_against_a_rate_restates_its_unit(text: str, quantity: str, unit: str):
    rows = extract(text).set_index("quantity")
    assert rows.loc[quantity, "unit"] == unit
