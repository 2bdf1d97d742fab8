"""Tests of pipeline.extract.period: periods without a year, periods of the days
around the release date, and the year a headline or lead gives the article."""
from __future__ import annotations

import pytest
import regex

from pipeline.api import extract
from pipeline.extract.claim_rules import load_claim_rules
from pipeline.extract.period import (
    article_period, carried_period, comparison_bases, day_month, find_periods, find_spans, merge_periods, period_value,
    pick_period, within_spans, without_decades,
)

RULES = load_claim_rules()
MONTH = "{year}-{month:02d}"


@pytest.mark.parametrize(("month", "published", "value"), [
    ("December", "2005-01-20", "2004-12"),  # last December, one month back
    ("September", "1987-06-29", "1987-09"),  # three months ahead is nearer than nine back
    ("June", "2023-06-01", "2023-06"),  # the release month itself
    ("March", "", ""),  # no release date, no year written before it
])
def test_a_month_alone_is_the_one_nearest_the_release(month: str, published: str, value: str):
    assert period_value({"month": month}, MONTH, 0, published) == value


def test_a_month_alone_takes_the_year_written_before_it_first():
    assert period_value({"month": "March"}, MONTH, 0, "2023-06-01", "2019") == "2019-03"


@pytest.mark.parametrize(("relative", "published", "value"), [
    (-1, "2023-01-15", "2022-12"),
    (0, "2023-01-15", "2023-01"),
    (1, "2023-12-31", "2024-01"),
    (-1, "", ""),
])
def test_months_counted_from_the_release_month(relative: int, published: str, value: str):
    assert period_value({}, MONTH, relative, published) == value


@pytest.mark.parametrize(("day", "published", "value"), [
    ("Friday", "1987-04-05", "1987-04"),  # a Sunday: Friday the 3rd
    ("Friday", "1987-03-02", "1987-02"),  # a Monday: Friday the 27th of February
    ("yesterday", "2023-06-01", "2023-05"),
    ("this  week", "2023-06-01", "2023-06"),
    ("last week", "2023-06-05", "2023-05"),
    ("today", "", ""),
    ("someday", "2023-06-01", ""),
])
def test_a_day_named_from_the_release_is_valued_by_its_month(day: str, published: str, value: str):
    assert day_month(day, published, MONTH) == value


@pytest.mark.parametrize(("month", "template", "value"), [
    ("December", "{year}-Q{quarter}", "2004-Q4"),
    ("March", "{year}-Q{quarter}", "2004-Q1"),
    ("November", "{year}-Q{quarter}", ""),  # no quarter ends in November
    ("June", "{year}-H{half}", "2004-H1"),
])
def test_a_quarter_or_half_named_by_the_month_it_ends_in(month: str, template: str, value: str):
    assert period_value({"to_month": month, "year": "2004"}, template, 0, "") == value


@pytest.mark.parametrize(("text", "published", "periods"), [
    ("Orders fell in December and rose on 3 May 2021.", "2023-06-01", ["2022-12", "2021-05"]),
    ("Profit for the three months to 31 December rose.", "2005-02-03", ["2004-Q4"]),
    ("Sales in the six months to June, 2004 rose.", "", ["2004-H1"]),
    ("Volume in February last year was a record.", "1987-03-02", ["1986-02"]),
    ("Bonds closed higher on Friday and fell last month.", "1987-04-05", ["1987-04", "1987-03"]),
    ("The firm said on Friday that prices may rise.", "1987-04-05", []),  # when it was said; 'may' is a verb
    ("He scored twice in the first half.", "2023-06-01", []),  # a half of a match
    ("Its second-half quota is lower.", "2024-01-10", ["2023-H2"]),  # the second half of the year before
    ("Shares rose 3% this morning and fell last night.", "2023-06-01", []),  # parts of a day name no period
    ("Shares rose 3% tonight.", "2023-06-01", []),
])
def test_find_periods_without_a_year_written(text: str, published: str, periods: list[str]):
    assert [p[2] for p in find_periods(text, 0, RULES, published)] == periods


def _years(text: str) -> list[tuple[int, int, str]]:
    """Every four-digit year of ``text`` as a ``(start, end, value)`` span, the sentence at offset 100."""
    spans, at = [], text.find("20")
    while at >= 0:
        spans.append((100 + at, 100 + at + 4, text[at : at + 4]))
        at = text.find("20", at + 4)
    return spans


@pytest.mark.parametrize(("text", "bases"), [
    ("Profit was $3bn in 2004, up 27% from 2003.", ["2003"]),
    ("Gamers spent £1bn in 2004, 7% more than they did in 2003.", ["2003"]),
    ("Exports climbed 12% compared with 2001 and doubled since 2000.", ["2001", "2000"]),
    ("Exports rose to $5 billion in 2021 from $4 billion in 2020.", []),  # each level's own year after 'in'
])
def test_a_year_after_a_word_of_comparison_is_a_base_not_a_period(text: str, bases: list[str]):
    found = comparison_bases(text, 100, _years(text), RULES)
    assert [y[2] for y in found] == bases
    assert all(rule == "period.comparison_base.v1" for rule in found.values())


@pytest.mark.parametrize(("title", "text", "year"), [
    ("Turkey sees deficit in 1986", "Growth slowed.", "1986"),
    ("", "Rover 2004 results beat forecasts\n\nSales rose.", "2004"),  # a short first line is the headline
    ("Unilever shake-up", "The firm reported poor earnings for 2004.\n\nSales fell.", "2004"),
    ("Unilever shake-up", "Sales fell.\n\nThe firm reported earnings for 2004 on Friday.", ""),  # not the lead
    ("Awards night", "The club was founded in 1904 and has many members who come to dinner every year.", ""),
])
def test_article_period_from_headline_and_lead(title: str, text: str, year: str):
    assert article_period(text, RULES, title)[0] == year


@pytest.mark.parametrize(("groups", "template", "published", "value"), [
    ({"month": "January"}, MONTH, "1987-06-29", "1988-01"),  # "will be 20 dlrs in January"
    ({"month": "December"}, MONTH, "1987-06-29", "1987-12"),
    ({"quarter": "second"}, "{year}-Q{quarter}", "2023-06-01", "2023-Q2"),  # not yet ended
    ({"quarter": "first"}, "{year}-Q{quarter}", "2023-06-01", "2024-Q1"),
])
def test_a_part_of_a_year_ahead_is_the_next_one_not_yet_ended(groups: dict, template: str, published: str,
                                                             value: str):
    assert period_value(groups, template, 0, published, ahead=True) == value


def test_a_forward_looking_clause_takes_the_month_ahead():
    text = "He expected OPEC to raise prices when it meets on December 9; output fell in December."
    assert [p[2] for p in find_periods(text, 0, RULES, "1987-01-20")] == ["1987-12", "1986-12"]


def test_a_relative_period_right_after_a_figure_is_its_own_even_unvalued():
    text = "It could grow from 17 million last year to 55 million in 2006."
    years = [(100 + text.index("2006"), 100 + text.index("2006") + 4, "2006")]
    first, second = text.index("17 million"), text.index("55 million")
    assert pick_period(first, years, 100, text, first + len("17 million"), second) == ""
    assert pick_period(second, years, 100, text, second + len("55 million")) == "2006"


def test_a_year_opening_a_later_paragraph_is_not_the_articles() -> None:
    from pipeline.extract.claim_rules import load_claim_rules
    from pipeline.extract.period import INTRO_CHARS, article_period

    rules = load_claim_rules()
    lead = "Riverside Bakeries will close 18 shops, it said on Monday. " * 20
    assert len(lead) > INTRO_CHARS
    assert article_period(lead + "\n\nIn 2019 the firm moved to Leeds.", rules)[0] == ""
    assert article_period("In 2022, the city's R&D spending rose.\n\n" + lead, rules)[0] == "2022"


@pytest.mark.parametrize(("text", "periods", "carried"), [
    # the period of a figure set against another dates that figure, not the next sentences of the paragraph
    ("Unemployment rose to 4.2% in March from 3.9% in December.", ["March", "December"], "March"),
    ("Inflation eased to 3.1% in April from 3.4% in March.", ["April", "March"], "April"),
    ("Exports climbed 8% to $52 billion, up from $48 billion in January.", ["January"], ""),
    ("Retail sales rose 0.6% in May after a 0.2% drop in April.", ["May", "April"], "May"),
    ("Output grew 2.1% in the third quarter, compared with 1.8% in the second quarter.",
     ["third quarter", "second quarter"], "third quarter"),
    # a period of the sentence's own figures is passed on
    ("Sales rose 4% in March and 6% in April.", ["March", "April"], "April"),
])
def test_a_comparison_period_is_not_passed_on(text: str, periods: list[str], carried: str):
    years = [(text.index(p), text.index(p) + len(p), p) for p in periods]
    rule = "" if carried == periods[-1] else "period.compared_figure.v1"  # it set a later period aside
    assert carried_period(text, 0, years, RULES) == (carried, rule)


@pytest.mark.parametrize(("first", "second", "value"), [
    ("2022", "23", "FY2023"),
    ("1986", "87", "FY1987"),
    ("1999", "00", "FY2000"),  # the year after crosses the century
    ("2019", "2020", "FY2020"),
    ("2010", "15", ""),  # a span of years, no year across two
    ("2021", "2019", ""),
])
def test_a_year_across_two_is_named_by_the_year_it_ends_in(first: str, second: str, value: str):
    assert period_value({"from_year": first, "year": second}, "FY{year}", None, "") == value


# ------------------------------------------------------------------ the period of each quantity
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


@pytest.mark.parametrize(("text", "published", "periods"), [
    ("Profit rose in the first quarter of 2021 and in Q3 2019.", "", ["2021-Q1", "2019-Q3"]),
    ("Output grew in the second half of 2017.", "", ["2017-H2"]),
    ("Revenue in fiscal 2023 and FY19 rose.", "", ["FY2023", "FY2019"]),
    ("Inflation was 2% in March 2023.", "", ["2023-03"]),
    ("Profit rose last year and will rise this year.", "2023-06-01", ["2022", "2023"]),
    ("Profit rose last year.", "", []),  # no release date: no year to count back from
])
def test_find_periods(text: str, published: str, periods: list[str]):
    assert [p[2] for p in find_periods(text, 0, RULES, published)] == periods


def test_period_value_rejects_unknown_parts():
    assert period_value({"year": "2021", "quarter": "fifth"}, "{year}-Q{quarter}", None, "") == ""
    assert period_value({"year": "23"}, "FY{year}", None, "") == "FY2023"


def test_each_quantity_takes_the_period_written_after_it():
    text = "Exports rose to $5 billion in 2021 from $4 billion in 2020."
    years = [(text.index("2021"), text.index("2021") + 4, "2021"), (text.index("2020"), text.index("2020") + 4, "2020")]
    five, four = text.index("$5 billion"), text.index("$4 billion")
    assert pick_period(five, years, 0, text, five + 10, four) == "2021"
    assert pick_period(four, years, 0, text, four + 10, None) == "2020"
    quarter = find_periods("in the first quarter of 2021", 0, RULES)
    assert merge_periods([(24, 28, "2021")], quarter) == [(7, 28, "2021-Q1")]


def test_a_year_only_after_a_quantity_in_another_clause_is_not_its_period():
    text = "Sixteen priorities were named, with targets by 2030."
    years = [(text.index("2030"), text.index("2030") + 4, "2030")]
    assert pick_period(0, years, 0, text) == ""


@pytest.mark.parametrize(("text", "periods"), [
    ("Sales fell last quarter.", ["2023-Q1"]),
    ("Sales will grow next quarter and this quarter.", ["2023-Q3", "2023-Q2"]),
    ("Sales rose 3% compared with the previous quarter.", []),     # the base of a comparison
    ("Exports grew 7% compared with the previous year.", []),
    ("Sales were up 4% on last year.", []),
    ("Profit rose in the previous year.", ["2022"]),
    ("Die Exporte stiegen im März um 4 %.", ["2023-03"]),          # months of German, French, Spanish pages
    ("Les ventes ont progressé en octobre 2022.", ["2022-10"]),
    ("Las ventas subieron a finales de mayo.", ["2023-05"]),
    ("Die Preise steigen seit März.", []),                        # a month a span starts at
])
def test_relative_quarters_comparisons_and_foreign_months(text: str, periods: list[str]):
    assert [p[2] for p in find_periods(text, 0, RULES, "2023-06-01")] == periods


@pytest.mark.parametrize(("text", "kept"), [
    ("Prices rose 40% in the 1990s.", []),
    ("Jobs fell 30% during the 1980's.", []),             # a decade after "the", with an apostrophe
    ("The index gained 9% in 1990's final quarter.", ["1990"]),  # a year's possessive stays
    ("Sales rose 5% in 1990.", ["1990"]),
    ("Since the early 2000s, rents rose 60% to 2020.", ["2020"]),
])
def test_a_decade_is_no_year(text: str, kept: list[str]):
    years = [(m.start() + 10, m.end() + 10, m.group()) for m in regex.finditer(r"\d{4}", text)]
    assert [y for _, _, y in without_decades(years, text, 10)] == kept


def test_a_figure_of_a_decade_has_no_period():
    frame = extract("Prices rose 40% in the 1990s. Sales rose 5% in 2019.")
    assert dict(zip(frame.quantity, frame.period)) == {"40%": "", "5%": "2019"}


def _periods(text: str, figures: list[str], years: list[tuple[str, str]]) -> list[str]:
    """The :func:`pick_period` of each of ``figures`` of sentence ``text`` (at offset 100) with the sentence's
    quantities as ``spans``; ``years``: (written text, value) of its periods."""
    spans = [(text.index(f), text.index(f) + len(f)) for f in figures]
    found = [(100 + text.index(w), 100 + text.index(w) + len(w), v) for w, v in years]
    return [pick_period(s, found, 100, text, e, next((t for t, _ in spans if t >= e), None), spans)
            for s, e in spans]


@pytest.mark.parametrize(
    "text, figures, years, periods",
    [
        ("Average ticket prices climbed to $180 from $150 last year.", ["$180", "$150"], [("last year", "2023")],
         ["", "2023"]),
        ("Sales rose 5% to $4 billion in 2023.", ["5%", "$4 billion"], [("2023", "2023")], ["2023", "2023"]),
        ("Exports rose to $5 billion in 2021 from $4 billion in 2020.", ["$5 billion", "$4 billion"],
         [("2021", "2021"), ("2020", "2020")], ["2021", "2020"]),
        ("It plans 2 GW by 2026, and the average cost of a panel fell 15% to $120.", ["2 GW", "15%", "$120"],
         [("2026", "2026")], ["2026", "", ""]),
        ("In 2022, revenue rose to $3 billion from $2.5 billion.", ["$3 billion", "$2.5 billion"],
         [("2022", "2022")], ["2022", "2022"]),
        # a target's year opening the sentence dates every clause of it
        ("By 2028, the trust aims to convert 110,000 flats, while the agency aims to convert 62,000.",
         ["110,000", "62,000"], [("2028", "2028")], ["2028", "2028"]),
        ('"By the end of 2030, the port will handle 5 million boxes, and the rail link 2 million."',
         ["5 million", "2 million"], [("2030", "2030")], ["2030", "2030"]),
    ],
)
def test_a_period_after_a_figure_set_against_another_or_a_target_year_dates_no_other(
        text: str, figures: list[str], years: list[tuple[str, str]], periods: list[str]):
    assert _periods(text, figures, years) == periods


@pytest.mark.parametrize(("text", "found"), [
    ("Between 2010 and 2015, exports grew 40%.", ["Between 2010 and 2015"]),
    ("There were 3,248 cases from 1999 to 2021.", ["from 1999 to 2021"]),
    ("Output grew 4% a year in 2010-15 and 2% in 2016.", ["2010-15"]),
    ("Pay rose 3% between 2011-12 and 2017-18.", ["between 2011-12 and 2017-18"]),
    ("The firm cut 2,000 jobs over the past five years.", ["the past five years"]),
    ("Prices doubled in the past decade and will rise over the next two decades.",
     ["the past decade", "the next two decades"]),
    ("In recent years the town grew.", ["In recent years"]),
    ("A medieval world population of about 300 million.", ["medieval world"]),
    ("Wages in the 18th century and during the Second World War.", ["the 18th century", "the Second World War"]),
    # the year to the release, a century that is now and a single year are no stretch of time
    ("Sales rose 12% in the past year, in the 21st century and in 2015.", []),
])
def test_stretches_of_time_are_found(text: str, found: list[str]):
    assert [text[s - 7 : e - 7] for s, e, _ in find_spans(text, 7, RULES)] == found


def test_the_years_of_a_stretch_date_nothing_and_a_year_across_two_is_no_stretch():
    text = "Sales rose 4% between 2010 and 2015 and 6% in the 2022-23 season."
    years = [(m.start(), m.end(), m.group()) for m in regex.finditer(r"\d{4}(?:-\d\d)?", text)]
    written = find_periods(text, 0, RULES)
    years = merge_periods(years, written)
    kept, stretches = within_spans(years, written, find_spans(text, 0, RULES), text)
    assert [v for _, _, v in kept] == ["FY2023"]
    assert [text[s:e] for s, e, _ in stretches] == ["between 2010 and 2015"]


def test_a_stretch_after_a_word_of_comparison_is_a_base():
    text = "Output rose 24% on 2003 and was 21% more than the average of the past five years."
    _, stretches = within_spans([], [], find_spans(text, 0, RULES), text)
    assert stretches == []


@pytest.mark.parametrize(("text", "periods"), [
    ("Between 2010 and 2015, exports grew 40%.", {"40%": ""}),
    ("Profit was $5 billion in 2023, after growing 40% between 2015 and 2020.", {"$5 billion": "2023", "40%": ""}),
    ("A study found 340 children died from 1999 to 2021, including 105 babies.", {"340": "", "105": ""}),
    ("Over the past decade, rents rose 60%.", {"60%": ""}),
    ("Built in the 18th century, the house sold for £2m in 2019.", {"£2m": "2019"}),
])
def test_a_figure_a_stretch_of_time_dates_has_no_period(text: str, periods: dict[str, str]):
    frame = extract(text)
    assert {q: p for q, p in zip(frame.quantity, frame.period) if q in periods} == periods


@pytest.mark.parametrize(("text", "periods"), [
    # an event's or a thing's year dates the figures of its own clause
    ("The 2012 Olympics drew 8 million visitors.", {"8 million": "2012"}),
    ("France won World Cup 2018 with 4 goals in the final.", {"4": "2018"}),
    # not those of another clause, unless its phrase is set before the main clause or opens the sentence
    ("Lee, who ran his 2017 election campaign on it, wants to merge 42 schemes.", {"42": ""}),
    ("In a 2014 survey of staff, 78% said they were tired.", {"78%": "2014"}),
    ("A 2022 survey of firms, published today, finds 69% agree.", {"69%": "2022"}),
    # a year after 'in' dates the clauses after it as before
    ("Lee, who ran for office in 2017, wants to merge 42 schemes.", {"42": "2017"}),
    # a break inside brackets is none
    ("It lifted its 2004 dividend to 70 cents (£0.48; $0.98) from 55 cents.", {"$0.98": "2004", "55 cents": "2004"}),
])
def test_an_events_year_dates_the_figures_of_its_own_clause(text: str, periods: dict[str, str]):
    frame = extract(text)
    assert {q: p for q, p in zip(frame.quantity, frame.period) if q in periods} == periods


@pytest.mark.parametrize(
    "text, figures, years, periods",
    [
        # a target's year right after a figure of another statement dates that figure alone
        ("Output reached 1.6 GW and the state plans 30 GW of solar by 2030.", ["1.6 GW", "30 GW"],
         [("2030", "2030")], ["", "2030"]),
        ("Costs will fall from $0.23 today to $0.10 by 2030.", ["$0.23", "$0.10"], [("2030", "2030")], ["", "2030"]),
        # the change and the level it moves to share it, as do figures of one phrase
        ("Sales will rise 5% to $4 billion by 2025.", ["5%", "$4 billion"], [("2025", "2025")], ["2025", "2025"]),
        ("The plan gives two hours of sport to 75% of pupils by 2026.", ["two hours", "75%"], [("2026", "2026")],
         ["2026", "2026"]),
        ("The deal runs until at least 2008 and is worth $40 million.", ["$40 million"], [("2008", "2008")],
         ["2008"]),
    ],
)
def test_a_targets_year_dates_the_figure_it_follows(text: str, figures: list[str], years: list[tuple[str, str]],
                                                     periods: list[str]):
    assert _periods(text, figures, years) == periods


def _article_periods(text: str, published: str) -> dict[str, str]:
    """The period of each claim of the article ``text`` (blank lines split paragraphs) released on ``published``."""
    from pipeline.clean.segment import segment
    from pipeline.document import load_stages
    from pipeline.extract.stage import extract_many
    from pipeline.types import Article, Block, RawDoc

    doc = RawDoc(doc_id="period00example0", source="example.txt", text=text)
    blocks = tuple(Block(m.start(), m.end(), "paragraph", "test", m.group())
                   for m in regex.finditer(r"[^\n]+(?:\n[^\n]+)*", text))
    art = Article(doc=doc, blocks=blocks, published=published)
    return {c.quantity: c.period for c in extract_many([(art, segment(art))], load_stages(use_ner=False).extractor)[0]}


@pytest.mark.parametrize(("text", "published", "periods"), [
    # a year told in passing dates a later month of the paragraph only on a page without a release date
    ("The singer died in 1991. In September his estate was valued at £10 million.", "2024-06-10",
     {"£10 million": "2024-09"}),
    ("The singer died in 1991. In September his estate was valued at £10 million.", "", {"£10 million": "1991-09"}),
    ("The club was founded in 1905. Crowds reached 30,000 in March.", "2024-06-10", {"30,000": "2024-03"}),
    # a year a sentence opens with, or one of a sentence that states figures, still does
    ("In 2019 sales were slow. Orders fell 3% in March.", "2023-06-01", {"3%": "2019-03"}),
    ("Sales fell 5% in 2019. Orders fell 3% in March.", "2023-06-01", {"5%": "2019", "3%": "2019-03"}),
    ("The plant opened in 2019 and orders fell 3% in March.", "2023-06-01", {"3%": "2019-03"}),
])
def test_a_year_told_in_passing_dates_no_later_month_on_a_dated_page(text: str, published: str,
                                                                      periods: dict[str, str]):
    assert _article_periods(text, published) == periods


@pytest.mark.parametrize(("text", "periods"), [
    ("Sales were 5% higher in January of 2013.", {"5%": "2013-01"}),
    ("March 29, 2008: the club drew 115,000 fans.", {"115,000": "2008-03"}),
    ("On 12 March 2008 the club drew 15,000 fans.", {"15,000": "2008-03"}),
    ("Riots in the 2021 July unrest left 350 people dead.", {"350": "2021-07"}),
    ("The 1985 December quarter showed a 13 mln dlr deficit.", {"13 mln dlr": "1985"}),
    ("Staff logged 171 hours from 20 March to 27 March 2004.", {"171 hours": "2004-03"}),
    ("Holders may buy shares at 6 dlrs between Feb 26, 2028 and Feb 26, 2032.", {"6 dlrs": ""}),
    # a span of months is no month
    ("Two races take place in July-August 2022.", {"Two": ""}),
    ("Holders may buy shares at 6 dlrs between June 1 2027 and May 31 2030.", {"6 dlrs": ""}),
    ("Sales rose 4% in March 2021 and 6% in May 2021.", {"4%": "2021-03", "6%": "2021-05"}),
])
def test_dates_give_their_month_and_spans_of_months_none(text: str, periods: dict[str, str]):
    frame = extract(text)
    assert {q: p for q, p in zip(frame.quantity, frame.period) if q in periods} == periods
