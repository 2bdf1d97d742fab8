"""Tests of pipeline.extract.kinds: the kind of a quantity from its context (rule examples run in
test_claim_rules through the real claim assembly)."""
from __future__ import annotations

import pytest

from pipeline.extract.claim_rules import KINDS, load_claim_rules
from pipeline.extract.kinds import (
    AFTER_CHARS,
    BEFORE_CHARS,
    compared,
    context,
    context_matches,
    decide_direction,
    decide_kind,
    stood_before,
)
from pipeline.extract.quantities import Quantity

RULES = load_claim_rules()


@pytest.mark.parametrize(
    "sentence, q, unit, kind",
    [
        ("Exports rose 12.5% in March from a year earlier.", "12.5%", "%", "change"),
        ("Net profit fell to 3.1 mln dlrs from 4.6 mln dlrs.", "3.1 mln dlrs", "USD", "level"),
        ("Net profit fell to 3.1 mln dlrs from 4.6 mln dlrs.", "4.6 mln dlrs", "USD", "level"),
        ("The group holds a 51% stake in the bank.", "51%", "%", "share"),
        ("Services make up 70% of output.", "70%", "%", "share"),
        ("The jobless rate stood at 5.4% in May.", "5.4%", "%", "level"),
        ("Spending will be 0.5 percentage points lower.", "0.5 percentage points", "pp", "change"),
        ("Profits were three times higher than forecast.", "three", "count", "ratio"),
        ("The firm employs 3,200 people.", "3,200", "count", "count"),
        ("The deal is worth 1.5 billion euros.", "1.5 billion euros", "EUR", "amount"),
        ("Turnover grew 8% year-on-year.", "8%", "%", "change"),
        # rules that read the quantity's own text (its bound words)
        ("Tablets start at $329 this fall.", "start at $329", "USD", "level"),
        ("Seats are available from €89 each way.", "available from €89", "EUR", "level"),
        ("Patients 12 and older may get a booster.", "12 and older", "count", "age"),
        ("A tax rebate for the over-70s was promised.", "over-70s", "year", "age"),
        ("The console renders 120 fps in performance mode.", "120 fps", "fps", "level"),
        ("The sedan is rated at 38 mpg combined.", "38 mpg", "mpg", "level"),
        ("The afternoon peaked at 91 degrees downtown.", "91 degrees", "deg", "level"),
        # the price of one thing is a level, a scaled sum (a project's cost, a sale) an amount
        ("The entry model costs $799 in the US.", "$799", "USD", "level"),
        ("Headphones can be had for just $164.99 today.", "$164.99", "USD", "level"),
        ("The new tunnel will cost £1.4bn to build.", "£1.4bn", "GBP", "amount"),
        ("The group sold its stake for $300M last year.", "$300M", "USD", "amount"),
        ("Critics said the kettle earns its $45 price tag.", "$45", "USD", "level"),
        ("Voters baulked at the $2.4 billion price tag.", "$2.4 billion", "USD", "amount"),
        ("Readers can check them out for $7.49 a copy.", "$7.49", "USD", "level"),
    ],
)
def test_decide_kind(sentence, q, unit, kind):
    decided, rule_id, _ = decide_kind(*around(sentence, q), unit, RULES, q)
    assert decided == kind and decided in KINDS and rule_id


def test_default_kind_is_not_from_a_rule():
    kind, rule_id, from_rule = decide_kind("They saw ", " birds.", "count", RULES)
    assert (kind, from_rule) == ("count", False) and rule_id == RULES.defaults["count"][1]


def test_ranks_take_the_rank_default():
    assert decide_kind("came ", " in", "rank", RULES)[0] == "rank"


def test_context_windows_are_bounded():
    text = "x" * 1000 + "5%" + "y" * 1000
    q = Quantity(1010, 1012, "5%", 5.0, "%", "exact", "t")
    before, after = context(text, 10, q)
    assert before == "x" * BEFORE_CHARS and after == "y" * AFTER_CHARS


def around(sentence: str, q: str) -> tuple[str, str]:
    """The text of ``sentence`` before and after the first ``q`` in it."""
    s = sentence.index(q)
    return sentence[:s], sentence[s + len(q):]


def kind_and_direction(sentence: str, q: str, unit: str) -> tuple[str, str]:
    """The kind and direction the rules give quantity ``q`` of ``sentence`` read in ``unit``."""
    before, after = around(sentence, q)
    decided = decide_kind(before, after, unit, RULES, q)[0]
    return decided, decide_direction(before, after, q, decided, RULES)[0]


def test_every_context_pattern_must_match():
    rule = next(r for r in RULES.kinds if r.compiled.get("before") is not None and r.compiled.get("after") is not None)
    assert context_matches(rule, "the Nikkei closed at ", " on Friday")
    assert not context_matches(rule, "the Nikkei closed at ", " companies")


@pytest.mark.parametrize(("before", "after", "quantity", "kind", "direction"), [
    ("Toyota shares fell ", " on Friday", "3.1 percent", "change", "down"),
    ("Toyota shares rose ", " on Friday", "3.1 percent", "change", "up"),
    ("exports posted a ", " drop", "2.9 percent", "change", "down"),
    ("a ", " increase in sales", "12%", "change", "up"),
    ("inflation was ", " in May", "minus 0.4%", "change", "down"),
    ("The Dow shed 240 points, or ", ", to", "0.7%", "change", "down"),
    ("The Dow shed 240 points, or 0.7%, to ", " on Friday", "31,450.2", "level", "down"),
    ("Unemployment declined to 4.1% from ", ".", "4.3%", "level", ""),
    ("sales fell 3% but profit ", " in May", "5 mln dlrs", "change", ""),
    ("Toyota shares fell ", " yen", "3.1", "amount", ""),
    ("the rate was ", ".", "7.1%", "level", ""),
    # a word of movement that names a forecast or target gives way to the verb before it
    ("The bank cut its growth forecast to ", " for 2005.", "2%", "level", "down"),
    ("The IMF raised its inflation target by ", ".", "0.5 points", "change", "up"),
    ("a ", " growth rate", "3%", "change", "up"),  # no verb before it: the noun still says
    # a level right after "a record": up unless its movement says otherwise
    ("The market was worth a record ", " in 2004.", "£1.2bn", "level", "up"),
    ("Yields fell to a record ", " in May.", "2%", "level", "down"),
    ("The price of a ticket has gone up to ", ".", "£50", "level", "up"),
    ("Joblessness edged up to ", " in June.", "5.2%", "level", "up"),
    ("Up to ", " jobs could go.", "40", "count", ""),
])
def test_decide_direction(before: str, after: str, quantity: str, kind: str, direction: str):
    assert decide_direction(before, after, quantity, kind, RULES)[0] == direction


def test_decide_kind_without_the_quantity_text_skips_quantity_rules():
    kind, rule_id, _ = decide_kind("Tablets ", " this fall.", "USD", RULES)
    assert (kind, rule_id) == ("amount", "default.amount.v1")


@pytest.mark.parametrize(("sentence", "q", "kind", "direction"), [
    ("The shares closed at $24.50, up from $22.99 a week earlier.", "$24.50", "level", "up"),
    ("The shares closed at $24.50, up from $22.99 a week earlier.", "$22.99", "level", ""),  # the earlier level
    ("Unemployment stood at 2.8%, down from 3.1% in March.", "2.8%", "level", "down"),
    ("Unemployment stood at 2.8% (lower than 3.1% in March).", "2.8%", "level", "down"),
    ("Rates stood at 4%, compared with 3.5% in May.", "4%", "level", ""),
    ("Online orders more than tripled last year.", "more than tripled", "change", "up"),
    ("Losses nearly halved in the year.", "nearly halved", "change", "down"),
    ("Sales tripled to $2bn last year.", "tripled", "change", "up"),  # a bare verb is the whole span
    ("Profits quadrupled to £40m.", "quadrupled", "change", "up"),
    ("Losses halved to £3m.", "halved", "change", "down"),
])
def test_a_level_compared_with_where_it_stood_and_a_multiplying_verb_give_directions(sentence, q, kind, direction):
    assert decide_direction(*around(sentence, q), q, kind, RULES)[0] == direction


@pytest.mark.parametrize(("sentence", "q", "unit", "kind", "direction"), [
    # a level held with no movement has no direction, whatever word of movement stands before it
    ("Inflation held steady at 2.3% in June.", "2.3%", "%", "level", ""),
    ("Growth was flat at 1% in the spring.", "1%", "%", "level", ""),
    ("The bank left its key rate unchanged at 3.75%.", "3.75%", "%", "level", ""),
    ("Rates were raised in May and kept at 4% since.", "4%", "%", "level", ""),
    # a level crossed after a verb of going past a mark: up above, down below
    ("Petrol went above $2 a gallon in May.", "above $2 a gallon", "USD/gal", "level", "up"),
    ("The euro moved below $1.10 on Friday.", "below $1.10", "USD", "level", "down"),
    # a level revised down or up from where it stood
    ("The gap is put at 3.4 billion, revised down from 3.9 billion.", "3.4 billion", "count", "level", "down"),
    ("Reserves are now put at $2.1bn, revised up from $1.9bn.", "$2.1bn", "USD", "level", "up"),
    # a loss or deficit moves with its size: widening is up, narrowing down
    ("Losses widened to $7m from $5m.", "$7m", "USD", "level", "up"),
    ("The trade gap narrowed 12% in March.", "12%", "%", "change", "down"),
    # a change restated after a bare 'or', and 'by an average of' past the verb's object
    ("Its share price rose 3p or nearly 2% to 190p.", "nearly 2%", "%", "change", "up"),
    ("The chain cut fares on its northern routes by an average of 8%.", "8%", "%", "change", "down"),
    # the verb's object, led by a year or a possessive, between the verb and the percentage
    ("The bank slashed 1990 earnings 60 pct to 4 mln dlrs.", "60 pct", "%", "change", "down"),
    # a span of time before a noun of movement frames it
    ("It was the index's steepest one-day fall since 2001.", "one-day", "day", "duration", ""),
])
def test_movement_families(sentence, q, unit, kind, direction):
    before, after = around(sentence, q)
    decided, _, _ = decide_kind(before, after, unit, RULES, q)
    assert (decided, decide_direction(before, after, q, decided, RULES)[0]) == (kind, direction)


def test_a_level_moved_from_is_not_compared_with_the_change_after_it():
    sentence = "The firm raised its dividend to 74 cts a share, from 67 cts, an increase of 10.5 pct."
    assert decide_direction(*around(sentence, "67 cts"), "67 cts", "level", RULES)[0] == ""
    assert decide_direction(*around(sentence, "74 cts a share"), "74 cts a share", "level", RULES)[0] == "up"


def test_a_high_or_low_moved_from_gives_no_direction_to_the_level_reached():
    sentence = "Zinc recovered from a five-year low of 610 dlrs a tonne to near 700 dlrs."
    assert decide_direction(*around(sentence, "700 dlrs"), "700 dlrs", "level", RULES)[0] == "up"
    sentence = "Lead slid from a two-year high of 500 dlrs a tonne to 430 dlrs."
    assert decide_direction(*around(sentence, "430 dlrs"), "430 dlrs", "level", RULES)[0] == "down"


@pytest.mark.parametrize(("sentence", "q", "unit", "kind", "direction"), [
    # a verb that moves a bare object of one or two words before the percentage
    ("The carmaker aims to cut emissions 50% by 2030.", "50%", "%", "change", "down"),
    ("The brewer wants to boost sales 20% next year.", "20%", "%", "change", "up"),
    ("The fund raised its stake to 20%.", "20%", "%", "share", ""),  # a share a movement reached
    # a verb of movement between 'growth' and the figure: the level growth moved to
    ("Growth is seen slowing to 1.5% in 2025.", "1.5%", "%", "level", "down"),
    ("Growth is expected to slow to 1.1% in 2024.", "1.1%", "%", "level", "down"),
    ("Growth came in at 2.1% in the quarter.", "2.1%", "%", "change", "up"),
    # a level stood or came in at with no verb of movement in its clause
    ("Inflation stood at 3.2% in May.", "3.2%", "%", "level", ""),
    ("Annual inflation came in at 2.9% in March.", "2.9%", "%", "level", ""),
    ("Inflation peaked at 9.1% in June.", "9.1%", "%", "level", "up"),
    ("Output slowed to an annualized 1.6% in the quarter.", "1.6%", "%", "level", "down"),
    # nouns of movement, money restating a percentage move, a price a thing comes in at
    ("The trial found a 60% improvement in survival.", "60%", "%", "change", "up"),
    ("Shares fell 3% or $1.20 to $38.", "$1.20", "USD", "change", "down"),
    ("The phone comes in at Rs 42,900.", "Rs 42,900", "INR", "level", ""),
    # verbs of market copy, gaps to forecasts, levels crossed back
    ("Oil has given up 10% since March.", "10%", "%", "change", "down"),
    ("The rupee depreciated 2% in a week.", "2%", "%", "change", "down"),
    ("Profit came in 12% above forecasts.", "12%", "%", "change", "up"),
    ("Revenue was 3% short of estimates.", "3%", "%", "change", "down"),
    ("Its 301 MPs were 17 short of the number needed.", "17", "count", "count", ""),
    ("The index climbed back above 4,000.", "above 4,000", "pt", "level", "up"),
])
def test_modern_movement_forms(sentence, q, unit, kind, direction):
    assert kind_and_direction(sentence, q, unit) == (kind, direction)


@pytest.mark.parametrize(("sentence", "q", "unit", "kind", "direction"), [
    # a price paid or charged for a thing or a use; a scaled sum stays the amount of a deal
    ("Riders pay Rs 200 for a half-hour trip.", "Rs 200", "INR", "level", ""),
    ("The salon charges $60 for a cut.", "$60", "USD", "level", ""),
    ("The fund paid $40m for the tower.", "$40m", "USD", "amount", ""),
    # the price a stock stands at
    ("The stock is $9.75 this morning.", "$9.75", "USD", "level", ""),
    # a margin of points between two sides
    ("She kept the seat by a margin of 9 points.", "9 points", "pp", "amount", ""),
    # grades, ratings and scores given
    ("The tackle earned a 64.3 run-defense grade.", "64.3", "count", "level", ""),
    ("The hotel has a guest rating of 8.9 on the site.", "8.9", "count", "level", ""),
    ("Three players moved up two grades.", "two", "count", "count", ""),
    # a premium to a price, an average per game
    ("The offer is a 25% premium to Monday's close.", "25%", "%", "change", "up"),
    ("The guard is averaging 7.2 assists per game.", "7.2", "count", "level", ""),
])
def test_prices_paid_grades_margins_and_averages(sentence, q, unit, kind, direction):
    assert kind_and_direction(sentence, q, unit) == (kind, direction)


@pytest.mark.parametrize(("sentence", "q", "direction"), [
    ("Smokers faced a 40% higher risk of stroke.", "40%", "up"),
    ("The treated group had a 15% lower rate of infection.", "15%", "down"),
])
def test_a_percentage_before_a_higher_or_lower_risk_is_its_change(sentence, q, direction):
    before, after = around(sentence, q)
    decided = decide_kind(before, after, "%", RULES, q)[0]
    assert (decided, decide_direction(before, after, q, decided, RULES)[0]) == ("change", direction)


@pytest.mark.parametrize(("sentence", "q", "unit"), [
    ("The grant pays $1,200 per student each year.", "$1,200", "USD"),
    ("Rooms cost £95 a night in August.", "£95", "GBP"),
])
def test_a_sum_for_each_of_a_thing_is_its_price(sentence, q, unit):
    assert decide_kind(*around(sentence, q), unit, RULES, q)[0] == "level"


@pytest.mark.parametrize(("sentence", "q", "unit", "kind", "direction"), [
    # a level topped or surpassed; a count that topped a figure stays a count
    ("Ether topped $4,000 on Monday.", "topped $4,000", "USD", "level", "up"),
    ("The Nasdaq surpassed 15,000 points.", "surpassed 15,000 points", "pt", "level", "up"),
    ("Downloads topped 5 million in a week.", "topped 5 million", "count", "count", ""),
    # prices that range from one figure to another
    ("Seat prices range from $20 to $90.", "$20 to $90", "USD", "level", ""),
    # ages: a group of people over an age, a person named by a role who turned an age
    ("Residents over 70 may ride free.", "over 70", "count", "age", ""),
    ("The singer turned 60 in June.", "60", "count", "age", ""),
])
def test_levels_topped_price_ranges_and_ages(sentence, q, unit, kind, direction):
    assert kind_and_direction(sentence, q, unit) == (kind, direction)


@pytest.mark.parametrize(("sentence", "q", "kind"), [
    ("The study found that 41% had never voted.", "41%", "share"),
    ("In a new poll, 58% say the war was a mistake.", "58%", "share"),
    ("Costs rose 4% said the firm.", "4%", "change"),
])
def test_a_percentage_of_a_group_that_says_or_has_is_a_share(sentence, q, kind):
    assert decide_kind(*around(sentence, q), "%", RULES, q)[0] == kind


@pytest.mark.parametrize(("sentence", "q", "unit", "kind", "direction"), [
    ("Bees lived 12% longer in the trial.", "12%", "%", "change", "up"),
    ("The probe sees galaxies 50 times dimmer.", "50", "count", "ratio", ""),
    ("The centre averaged 11.4 rebounds last year.", "11.4", "count", "level", ""),
])
def test_comparatives_multiples_and_averages(sentence, q, unit, kind, direction):
    assert kind_and_direction(sentence, q, unit) == (kind, direction)


def test_a_named_age_limit_is_an_age_and_a_record_high_is_reached_going_up():
    sentence = "The state raised the smoking age to 21."
    assert decide_kind(*around(sentence, "21"), "count", RULES, "21")[0] == "age"
    sentence = "Shares ended at a record high of $41.20."
    assert decide_direction(*around(sentence, "$41.20"), "$41.20", "level", RULES)[0] == "up"


@pytest.mark.parametrize(("sentence", "q", "kind"), [
    ("The probability of a strike this year is 20%.", "20%", "share"),
    ("The risk of a shortage climbed to 45%.", "45%", "level"),
])
def test_a_percentage_a_chance_is_at_is_a_share(sentence, q, kind):
    assert decide_kind(*around(sentence, q), "%", RULES, q)[0] == kind


@pytest.mark.parametrize(("sentence", "q", "unit", "kind", "direction"), [
    # a sign written on a percentage: minus opens the span, a plus stands right before it
    ("Factory orders were -1.3% on the month.", "-1.3%", "%", "change", "down"),
    ("Factory orders were +2.1% on the month.", "2.1%", "%", "change", "up"),
    ("Orders showed a change of minus 0.7% in June.", "minus 0.7%", "%", "change", "down"),
    ("The central bank held its deposit rate at -0.5% for a year.", "-0.5%", "%", "level", ""),
    # a movement back: eased back, fell back, climbed back
    ("Copper eased back 1.1% on Thursday.", "1.1%", "%", "change", "down"),
    ("The shares fell back 4% after the open.", "4%", "%", "change", "down"),
    ("The index climbed back 2.5% in a week.", "2.5%", "%", "change", "up"),
])
def test_signs_and_movements_back_give_directions(sentence, q, unit, kind, direction):
    assert kind_and_direction(sentence, q, unit) == (kind, direction)


@pytest.mark.parametrize(("sentence", "q", "unit", "kind", "direction"), [
    # an offer of 'up to' a saving or a figure off names a ceiling, not a movement
    ("Members can save up to £150 on each ticket.", "up to £150", "GBP", "amount", ""),
    ("Save up to 30% on winter coats.", "up to 30%", "%", "level", ""),
    ("Take up to 25% off all rugs this week.", "up to 25%", "%", "level", ""),
    # a saving or a figure off with no ceiling stays a change down
    ("Members can save £150 on each ticket.", "£150", "GBP", "change", "down"),
    ("Take 25% off all rugs this week.", "25%", "%", "change", "down"),
])
def test_offers_up_to_a_figure_have_no_direction(sentence, q, unit, kind, direction):
    assert kind_and_direction(sentence, q, unit) == (kind, direction)


@pytest.mark.parametrize(("sentence", "q", "unit", "kind", "direction"), [
    # a verb that moves its object up or down to a figure: a level reached, no bound
    ("The band cranked the amps up to 11 for the encore.", "11", "count", "level", "up"),
    ("Traders pushed the price up to $84 a barrel.", "$84 a barrel", "USD/bbl", "level", "up"),
    # 'down to' after what a thing was used or rated in, or after temperatures: how far its use reaches
    ("I used this jacket on trips down to 15°F last winter.", "15°F", "°F", "level", ""),
    ("The bag kept me warm in temperatures down to 20°F.", "20°F", "°F", "level", ""),
    ("Prices have come down to £40 since March.", "£40", "GBP", "level", "down"),
])
def test_levels_pushed_to_and_uses_reaching_down_to(sentence, q, unit, kind, direction):
    assert kind_and_direction(sentence, q, unit) == (kind, direction)


@pytest.mark.parametrize(("sentence", "q", "unit", "direction"), [
    # a model name between a count and ', down from' / ', up from' does not break the comparison
    ("The maker shipped 19 A330neo jets in June, down from 23 a year earlier.", "19", "count", "down"),
    ("The line built 640 F-150 trucks a day, up from 600 in May.", "640", "count", "up"),
    ("The yard delivered 7 737 MAX freighters in May, down from 11.", "7", "count", "down"),
    ("The airline took 5 787 Dreamliner jets this year, up from 3.", "5", "count", "up"),
    # a figure that is no model name still breaks it
    ("Costs beat the plan by nine billion to reach 164 billion forints, up from 152 billion.", "nine billion", "count", ""),
])
def test_a_model_name_may_stand_between_a_level_and_where_it_stood(sentence, q, unit, direction):
    assert kind_and_direction(sentence, q, unit)[1] == direction


@pytest.mark.parametrize(("sentence", "q", "unit", "kind", "direction"), [
    # warming: degrees of warming, or above pre-industrial times or an average, are a rise
    ("Models see 2.7 degrees of warming by 2100.", "2.7 degrees", "deg", "change", "up"),
    ("Last year was 1.48 degrees above pre-industrial levels.", "1.48 degrees", "deg", "change", "up"),
    ("The lake has warmed by 0.8 degrees since 1990.", "0.8 degrees", "deg", "change", "up"),
    ("It was 28 degrees in London on Monday.", "28 degrees", "deg", "level", ""),
    # the warming thresholds of climate news: 1.5 or 2 degrees in a sentence about the climate, or before a goal
    ("Leaders vowed to limit global heating to 1.5C.", "1.5C", "°C", "change", "up"),
    ("The 2C target now looks out of reach.", "2C", "°C", "change", "up"),
    ("\"Over 2 degrees is a catastrophe for the climate,\" she said.", "Over 2 degrees", "deg", "change", "up"),
    ("It was 2C in Leeds at dawn.", "2C", "°C", "level", ""),
    ("Climate data show it was 12C in Leeds at dawn.", "12C", "°C", "level", ""),
])
def test_degrees_of_warming_are_a_rise(sentence, q, unit, kind, direction):
    assert kind_and_direction(sentence, q, unit) == (kind, direction)


@pytest.mark.parametrize(("sentence", "q", "unit", "kind", "direction"), [
    # a percentage before 'higher'/'lower' and a sum, price, pay or value is a change of it
    ("Members get a 25% lower fare on weekdays.", "25%", "%", "change", "down"),
    ("The scheme promises 10% higher take-home pay.", "10%", "%", "change", "up"),
    ("About 30% said fares were higher.", "About 30%", "%", "share", ""),
])
def test_a_percentage_higher_or_lower_before_a_sum_is_its_change(sentence, q, unit, kind, direction):
    assert kind_and_direction(sentence, q, unit) == (kind, direction)


@pytest.mark.parametrize(("sentence", "q", "direction"), [
    # what a value was estimated to be worth is where it stands; what it is estimated to reach is a level reached
    ("The sector was estimated to be worth $80bn in 2021.", "$80bn", ""),
    ("The sector is estimated to reach $120bn by 2030.", "$120bn", "up"),
])
def test_an_estimate_of_worth_is_no_level_reached(sentence, q, direction):
    assert decide_direction(*around(sentence, q), q, "level", RULES)[0] == direction


@pytest.mark.parametrize(("sentence", "q", "unit", "kind", "direction"), [
    # 'a'/'an' and adjectives between a verb of movement and its percentage
    ("Factory output grew an annualised 3.3% in the spring.", "3.3%", "%", "change", "up"),
    ("Exports slid a larger-than-forecast 2.2% in July.", "2.2%", "%", "change", "down"),
    # a figure above or below pre-crisis levels or a seasonal average is a gap, a change
    ("Bookings are 12% below pre-Covid levels.", "12%", "%", "change", "down"),
    ("Prices sit 9% above long-term averages.", "9%", "%", "change", "up"),
    # a value that overshot, outpaced, missed or lagged another by a figure: the gap, with its verb's way
    ("Core inflation overshot the target by 0.4 points.", "0.4 points", "pt", "change", "up"),
    ("The trust underperformed its index by 3% last year.", "3%", "%", "change", "down"),
    ("The brewer lowered estimates by 5% on Monday.", "5%", "%", "change", "down"),
    # a side leading or trailing another by points stays a margin
    ("The mayor trails her rival by 6 points.", "6 points", "pt", "amount", ""),
])
def test_adjectives_gaps_and_verbs_before_forecasts(sentence, q, unit, kind, direction):
    assert kind_and_direction(sentence, q, unit) == (kind, direction)


@pytest.mark.parametrize(("sentence", "q", "unit", "kind", "direction"), [
    # a share set against where it stood before takes that way; a share a movement reached takes none
    ("The party won 45% of the vote, up from 40%.", "45%", "%", "share", "up"),
    ("Some 38% of voters backed him, down from 44% in May.", "Some 38%", "%", "share", "down"),
    ("Its stake rose to 20% of the firm.", "20%", "%", "share", ""),
    # jobs added or cut are a change in the number of jobs; people laid off stay a count
    ("The carmaker will cut 1,200 jobs at its plant.", "1,200", "count", "change", "down"),
    ("The jobless rate fell as 54,000 positions were added in June.", "54,000", "count", "change", "up"),
    ("The company laid off 274 maintenance employees.", "274", "count", "count", ""),
])
def test_shares_compared_and_jobs_added_or_cut(sentence, q, unit, kind, direction):
    assert kind_and_direction(sentence, q, unit) == (kind, direction)


@pytest.mark.parametrize(("sentence", "q", "unit", "kind", "direction"), [
    # a scaled sum over a span of time is a flow of money, a price or pay per span a level
    ("The retailer spends £30m a year on advertising.", "£30m a year", "GBP/year", "amount", ""),
    ("The scheme costs taxpayers about £4bn a year.", "about £4bn a year", "GBP/year", "amount", ""),
    ("Members pay £60 a year for access.", "£60 a year", "GBP/year", "level", ""),
    # a price in brackets after the name of a thing, a price bought or sold for; a fine stays an amount
    ("The Kindle Paperwhite ($139) is light.", "$139", "USD", "level", ""),
    ("He sold his old bike for $350.", "$350", "USD", "level", ""),
    ("The penalty ($900) was waived.", "$900", "USD", "amount", ""),
    # a yes or no vote of a percentage is a share of the votes cast
    ("The strike won a yes vote of 71%.", "71%", "%", "share", ""),
])
def test_flows_prices_in_brackets_and_votes(sentence, q, unit, kind, direction):
    assert kind_and_direction(sentence, q, unit) == (kind, direction)


@pytest.mark.parametrize(("sentence", "q", "unit", "kind", "direction"), [
    # a sum after 'an additional', 'a further', 'another' is a rise unless a verb says down
    ("Donors gave another $12m to the appeal.", "$12m", "USD", "change", "up"),
    ("The ministry will cut a further £80m from the budget.", "£80m", "GBP", "change", "down"),
    ("The airline lost another $90m in the spring.", "$90m", "USD", "amount", ""),
    ("Premiums slipped an additional 1.1% in June.", "1.1%", "%", "change", "down"),
    ("Fees are off by another 2% this term.", "2%", "%", "change", "down"),
    # a near-record or record-high level is a high reached
    ("Food inflation rose to a near-record 19.2% in March.", "19.2%", "%", "level", "up"),
    ("Bond yields hit a record-high 5.1% on Friday.", "5.1%", "%", "level", "up"),
    ("The rand slid to a near 20-year low of R19.8.", "R19.8", "ZAR", "level", "down"),
    # lengths moved, and lengths before a comparative of distance or size
    ("The lake dropped almost 3 metres over the summer.", "almost 3 metres", "m", "change", "down"),
    ("The coast creeps about 2 feet closer every decade.", "about 2 feet", "ft", "change", "down"),
    ("The new bridge is 40 metres longer than the old one.", "40 metres", "m", "change", "up"),
    # a comparative and 'by', a percentage before a comparative and 'than', a gap to a budget
    ("Its profit margin was narrower by 3 points.", "3 points", "pt", "change", "down"),
    ("The battery offers 25% longer life than before.", "25%", "%", "change", "up"),
    ("Spending ran 9% above budget last year.", "9%", "%", "change", "up"),
    # a total taken to a figure is a level reached going up
    ("A late goal took the club's tally to 61 points.", "61 points", "pt", "level", "up"),
])
def test_additional_sums_records_lengths_comparatives_and_totals(sentence, q, unit, kind, direction):
    assert kind_and_direction(sentence, q, unit) == (kind, direction)


@pytest.mark.parametrize(("sentence", "q", "unit", "kind", "direction"), [
    # a figure right after 'reached' with no noun of its own is a level reached, up
    ("Pension assets reached £1.9tn at the end of June.", "£1.9tn", "GBP", "level", "up"),
    ("The number of cases reached 412 on Friday.", "412", "count", "level", "up"),
    ("The charity reached 300 villages last year.", "300", "count", "count", ""),
    # the next member of a list after a level reached, dated by a named year or quarter
    ("Rates will rise to 4% in the first quarter and 4.5% in the third quarter.", "4.5%", "%", "level", "up"),
    # a percentage before 'faster'/'slower' and a speed or download
    ("Subscribers saw 25% faster downloads after the upgrade.", "25%", "%", "change", "up"),
])
def test_levels_reached_by_reach_later_list_members_and_speeds(sentence, q, unit, kind, direction):
    assert kind_and_direction(sentence, q, unit) == (kind, direction)


@pytest.mark.parametrize(("sentence", "q", "unit", "kind", "direction"), [
    # an average or asking price is the price of one thing; an extra sum per span is a rise
    ("The typical asking price is now £310,000 in the town.", "£310,000", "GBP", "level", ""),
    ("Drivers will pay an additional $3 a day to park.", "$3 a day", "USD/day", "change", "up"),
])
def test_average_prices_and_extra_sums_per_span(sentence, q, unit, kind, direction):
    assert kind_and_direction(sentence, q, unit) == (kind, direction)


@pytest.mark.parametrize(("sentence", "q", "unit", "kind", "direction"), [
    # a clause of its own after ", and" takes no movement from the clause before it
    ("Output fell 5% in May, and the firm said it will spend a further $1.5bn on the plant.", "$1.5bn", "USD",
     "change", "up"),
    ("Output fell 5% in May, and said it will spend an additional $2m on repairs.", "$2m", "USD", "change", "up"),
    # the new clause's own movement still counts
    ("Output fell 5% in May, and it fell another 3% in June.", "3%", "%", "change", "down"),
])
def test_a_clause_after_and_stops_an_earlier_movement(sentence, q, unit, kind, direction):
    assert kind_and_direction(sentence, q, unit) == (kind, direction)


@pytest.mark.parametrize(("sentence", "q", "unit", "kind"), [
    ("The driver, 58, was taken to hospital.", "58", "count", "age"),
    ("The pedestrian, 71, died later.", "71", "count", "age"),
    ("Tom Reid (34) was fined on Monday.", "34", "count", "age"),
    ("The singer died at 77 in a Paris hospital.", "77", "count", "age"),
    ("Pupils under 16 ride free on the buses.", "under 16", "count", "age"),
    ("The festival is for those 21+ only.", "21+", "count", "age"),
    # counts stay counts
    ("Everitt for Mapletoft (53) came on late.", "53", "count", "count"),
    ("The firm, 40 staff in all, closed.", "40", "count", "count"),
])
def test_ages_after_people_in_commas_brackets_and_bounds(sentence, q, unit, kind):
    decided, _, _ = decide_kind(*around(sentence, q), unit, RULES, q)
    assert decided == kind


@pytest.mark.parametrize(("sentence", "q", "unit", "kind", "direction"), [
    ("He said battery costs had fallen by a third and that margins improved 2.5 percentage points.",
     "2.5 percentage points", "pp", "change", ""),
    ("She said prices fell 4% last year and that rents climbed 3 percentage points.", "3 percentage points", "pp",
     "change", "up"),
    ("The bank said loans had shrunk and that its deposits were 14% of assets.", "14%", "%", "share", ""),
    ("Officials said exports had dropped sharply and that 40,000 jobs were created.", "40,000", "count",
     "change", "up"),
])
def test_and_that_opens_a_second_reported_clause_the_earlier_movement_does_not_reach(sentence, q, unit, kind,
                                                                                     direction):
    assert kind_and_direction(sentence, q, unit) == (kind, direction)


@pytest.mark.parametrize(("sentence", "q", "unit", "kind", "direction"), [
    ("The fund cut its forecast for global growth to 2.9% this year.", "2.9%", "%", "level", "down"),
    ("The agency lowered its outlook for oil demand growth to 1.1%.", "1.1%", "%", "level", "down"),
    ("Economists trimmed their estimate of wage growth to 0.8%.", "0.8%", "%", "level", "down"),
    ("The board reduced its projection for the rise in prices to 3.5%.", "3.5%", "%", "level", "down"),
    ("The bank lifted its forecast for GDP growth to 2.5% from 2.1%.", "2.5%", "%", "level", "up"),
    ("The fund upgraded its forecast for British growth to 0.5%.", "0.5%", "%", "level", "up"),
    # with no verb before it, the word of movement the forecast is of still says
    ("The forecast for growth of 1.8% was beaten.", "1.8%", "%", "change", "up"),
])
def test_a_word_of_movement_naming_what_a_forecast_is_of_gives_way_to_the_verb(sentence, q, unit, kind,
                                                                                direction):
    assert kind_and_direction(sentence, q, unit) == (kind, direction)


@pytest.mark.parametrize("sentence, q, unit, direction", [
    # 'and' before a subject of its own and a verb of standing ends the earlier movement's reach
    ("The bank cut its key rate to 4% and unemployment stood at 5.2%.", "5.2%", "%", ""),
    ("Shares rose 3% and the index closed at 7,650.", "7,650", "pt", ""),
    ("Gold fell 2% to $1,900 and silver traded at $23.", "$23", "USD", ""),
    ("The central bank raised rates to 11.25% and inflation remains high, at 6.85%.", "6.85%", "%", ""),
    ("Rents rose 8% and vacancy rates remain low, at 2.5%.", "2.5%", "%", ""),
    # ... not the movement's own subject going on, a pronoun, or a movement of the new subject
    ("The index rose 2% and closed at 4,500.", "4,500", "pt", "up"),
    ("Sales fell 3% and profit dropped to $1 billion.", "$1 billion", "USD", "down"),
    ("Shares fell 5% to end at 210 pence.", "210 pence", "GBP", "down"),
])
def test_a_clause_with_a_subject_of_its_own_after_and_stops_the_movement(sentence, q, unit, direction):
    before, after = around(sentence, q)
    decided, _, _ = decide_kind(before, after, unit, RULES, q)
    assert (decided, decide_direction(before, after, q, decided, RULES)[0]) == ("level", direction)


@pytest.mark.parametrize("sentence, q, direction", [
    ("Turnout was 64 per cent (down from 70 per cent in 2019).", "64 per cent", "down"),
    ("Labour won 34% of the vote (up from 32%).", "34%", "up"),
    ("Exports account for 30% of output (up from 25%).", "30%", "up"),
    ("Roughly 70% of staff (about 300 people) work remotely.", "Roughly 70%", ""),
    ("About 60% of homes have fibre (compared with 40% in 2020).", "About 60%", ""),
])
def test_a_share_set_against_where_it_stood_in_brackets_takes_that_way(sentence, q, direction):
    before, after = around(sentence, q)
    assert decide_direction(before, after, q, "share", RULES)[0] == direction


@pytest.mark.parametrize("after, way, earlier", [
    (", its highest in 45 years.", "up", False),
    (" in October, the highest since 2007.", "up", False),
    (", a 22-year high.", "up", False),
    (", the lowest level since 1969.", "down", False),
    (", up from 4.8% a year earlier.", "up", True),
    (", the highest in Europe.", "", False),  # the highest of a place: no movement
    (" - its biggest ever one-day fall.", "", False),  # a movement, no high
])
def test_a_high_or_low_after_a_level_gives_its_way_and_no_earlier_figure(after: str, way: str, earlier: bool):
    rule = compared(after, RULES)
    assert (rule.get("direction") if rule is not None else "") == way
    assert (stood_before(after, RULES) is not None) == earlier


@pytest.mark.parametrize("sentence, q, direction", [
    ("The economy suffered a 4% quarter-on-quarter decline.", "4%", "down"),
    ("Revenue posted a 6% quarter-over-quarter increase.", "6%", "up"),
    ("Orders showed a 5% better-than-expected rise.", "5%", "up"),
])
def test_a_long_compound_may_stand_between_a_change_and_its_noun_of_movement(sentence: str, q: str, direction: str):
    s = sentence.index(q)
    before, after = sentence[:s], sentence[s + len(q):]
    assert decide_direction(before, after, q, "change", RULES)[0] == direction
