"""Tests of pipeline.extract.claims: claim assembly (unit carry, lists, kinds and metrics of a sentence,
claim rows with subject, period and id, and the trace of the rules that decided each claim)."""
from __future__ import annotations

import dataclasses

import pytest
import regex

from pipeline.api import extract
from pipeline.document import load_stages
from pipeline.extract.claim_rules import load_claim_rules
from pipeline.extract.claims import (
    named_metric,
    Finding,
    analyse_sentence,
    article_claims,
    carry_units,
    claim_id,
    goods_counted,
    level_metric,
    named_metric,
    opening_at,
    past_model_name,
    person_for,
    possessed_name,
    trade_named,
    reads_tags,
    same_measure,
    share_bounds,
    shifted_period,
    traced_claims,
)
from pipeline.extract.ner import Entity, Token
from pipeline.extract.quantities import Quantity, find_quantities
from pipeline.types import Article, Block, RawDoc, Sentence

RULES = load_claim_rules()
GRAMMAR = load_stages(use_ner=False).extractor.grammar  # compiled once per test session (rules cache)


def quantity(text: str, q: str, unit: str, value: float | None = None, noun: str = "", nth: int = 0,
             base: int = 0) -> Quantity:
    """A stand-in grammar quantity: the ``nth`` occurrence of ``q`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(q, start + 1)
    digits = regex.search(r"\d+(?:\.\d+)?", q)
    val = value if value is not None else float(digits.group()) if digits else 0.0
    return Quantity(base + start, base + start + len(q), q, val, unit, "exact", "test.quantity", noun=noun)


# ------------------------------------------------------------------ sentences: lists and metric
def test_paired_changes_map_to_their_own_metric():
    text = ("In 2021, the region sold 1,200 cars among the four provinces, with a sales value of "
            "30 billion yuan, a year-on-year increase of 8.1% and 15.2%.")
    found = [
        quantity(text, "1,200", "count", 1200, noun="cars"),
        quantity(text, "four", "count", 4, noun="provinces"),
        quantity(text, "30 billion yuan", "CNY", 3e10),
        quantity(text, "8.1%", "%"),
        quantity(text, "15.2%", "%"),
    ]
    out = analyse_sentence(text, 0, found, RULES)
    assert [(f.kind, f.metric) for f in out[3:]] == [("change", "cars"), ("change", "sales value")]
    assert "group.list_connector.v1" in out[4].rules
    assert "group.modifier_count.v1" in out[1].trace  # 'among the four provinces' is no item of the list


def test_respectively_pairs_items_in_order():
    text = "Car sales and truck sales reached 500 and 300, up 5% and 7% respectively."
    found = [quantity(text, "500", "count", noun=""), quantity(text, "300", "count"),
             quantity(text, "5%", "%"), quantity(text, "7%", "%")]
    out = analyse_sentence(text, 0, found, RULES)
    assert [f.kind for f in out] == ["level", "level", "change", "change"]  # levels 'reached'
    assert out[3].rules[-1] == "group.list_connector.v1"
    assert "group.respectively.v1" in out[2].trace and "group.respectively.v1" in out[3].trace
    assert "group.respectively.v1" not in out[3].rules  # the rule column lists kind and list rules only


def test_change_inherits_metric_of_the_quantity_it_follows():
    text = "Exports totalled 4.5 billion dlrs, a rise of 12% on the year."
    found = [quantity(text, "4.5 billion dlrs", "USD", 4.5e9), quantity(text, "12%", "%")]
    out = analyse_sentence(text, 0, found, RULES)
    # the total, followed by its rise, is the level the rise reached
    assert [(f.kind, f.direction, f.metric) for f in out] == [("level", "up", "Exports"), ("change", "up", "Exports")]
    assert "metric.inherit" in out[1].trace


def test_count_metric_is_the_counted_noun():
    text = "The city opened 14 new libraries."
    out = analyse_sentence(text, 0, [quantity(text, "14", "count", noun="new libraries")], RULES)
    assert out[0].metric == "new libraries" and out[0].kind == "count"
    assert isinstance(out[0], Finding) and out[0].trace == ("test.quantity", "default.count.v1", "metric.noun")


@pytest.mark.parametrize(("text", "q", "noun", "metric"), [
    ("Its 240-strong majority was at risk.", "240", "strong majority", "majority"),
    ("The 60-odd delegates voted.", "60", "odd delegates", "delegates"),
    ("A 30-plus crowd waited.", "30", "plus crowd", "crowd"),
    ("Bids came from two relatively small firms.", "two", "relatively small firms", "small firms"),  # an adverb is passed
])
def test_a_word_joined_to_a_count_is_not_what_it_counts(text: str, q: str, noun: str, metric: str) -> None:
    out = analyse_sentence(text, 0, [quantity(text, q, "count", noun=noun)], RULES)
    assert out[0].metric == metric


@pytest.mark.parametrize(("text", "q", "metric"), [
    ("Only one bidder remained in the auction.", "one", "bidder"),  # a linking verb
    ("Just one minister resigned on Monday.", "one", "minister"),  # a verb by its form
    ("One lone director stayed on the board.", "One", "lone director"),
    ("One man killed in the blast was a guard.", "One", "man killed"),  # what befell the counted stays
])
def test_a_verb_after_the_counted_noun_is_no_part_of_it(text: str, q: str, metric: str) -> None:
    found = [f for f in find_quantities(text, GRAMMAR) if f.text == q]
    assert analyse_sentence(text, 0, found, RULES)[0].metric == metric


@pytest.mark.parametrize(("text", "metric"), [
    ("The lender took exceptional write-downs of $85m.", "exceptional write-downs"),
    ("The plan includes grants of £30m for farmers.", "grants"),
    ("The studio got royalties of $4m last year.", "royalties"),
])
def test_a_verb_taking_a_measure_is_no_part_of_its_metric(text: str, metric: str) -> None:
    from pipeline.api import extract

    assert extract(text)["metric"].tolist()[:1] == [metric]


def test_rule_windows_are_bounded_on_huge_input():
    text = "9" * 100000 + " rose " + "x" * 50000
    found = [Quantity(0, 100000, "9" * 100000, 9.0, "count", "exact", "t")]
    assert len(analyse_sentence(text, 0, found, RULES)) == 1


def test_parallel_figure_takes_the_kind_of_the_one_it_is_compared_with():
    text = "The browser had 92.9% of users in October, compared to 95.5% in June."
    out = analyse_sentence(text, 0, [quantity(text, "92.9%", "%"), quantity(text, "95.5%", "%")], RULES)
    assert [f.kind for f in out] == ["share", "share"] and "group.parallel.v1" in out[1].rules


def test_multiple_of_a_bare_number_takes_unit_x() -> None:
    from pipeline.api import extract

    frame = extract("Rainfall was 120mm, three times the monthly average.")
    row = frame[frame["quantity"] == "three times"].iloc[0]
    assert (row["value"], row["unit"], row["kind"]) == (3.0, "x", "ratio")


def test_index_level_takes_points():
    text = "The index dropped to 61.2 in March."
    findings = analyse_sentence(text, 0, find_quantities(text, GRAMMAR), RULES)
    assert [(f.quantity.value, f.quantity.unit, f.kind) for f in findings] == [(61.2, "pt", "level")]


@pytest.mark.parametrize(("text", "q"), [
    ("The FTSE 100 fell 1.2% to 8,105.3 on Tuesday.", "8,105.3"),  # a named index's level, no noun counted
    ("The Nikkei 225 index rose 0.8% to close at 38,412.6.", "38,412.6"),
    ("The Dow Jones Industrial Average closed at 39,000, its highest level this year.", "39,000"),
])
def test_a_bare_level_of_a_stock_index_is_in_points(text: str, q: str) -> None:
    from pipeline.api import extract

    frame = extract(text)
    row = frame[frame["quantity"] == q].iloc[0]
    assert (row["unit"], row["kind"], row["metric"]) == ("pt", "level", "index level")


def test_a_count_of_a_company_named_by_its_index_stays_a_count() -> None:
    from pipeline.api import extract

    frame = extract("Nasdaq-listed Acme hired 300 engineers.")
    assert (frame.iloc[0]["unit"], frame.iloc[0]["kind"]) == ("count", "count")


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
    ],
)
def test_bare_figure_keeps_count(text, quantity):
    assert (quantity, "count") in [(q, u) for q, _, u in carried(text)]


def test_carried_cents_are_valued_in_the_currency():
    rows = carried("The dividend was cut to 12.5 and 13.5 cents.")
    assert ("12.5", 0.125, "USD") in rows


def test_no_carry_forward_from_cents():
    rows = carried("The stock rose 50 cents to 22.75 on Friday.")
    assert ("22.75", 22.75, "count") in rows


def test_quantities_know_their_scale_and_subunit():
    scaled, cents, plain = find_quantities("It made 5 mln dlrs, 50 cts a share, and 12 sales.", GRAMMAR)
    assert (scaled.scaled, scaled.subunit) == (True, None)
    assert (cents.scaled, cents.subunit) == (False, 0.01)
    assert (plain.scaled, plain.subunit) == (False, None)


# ------------------------------------------------------------------ claims of an article
def test_claim_id_is_stable_and_short():
    a = claim_id("abc", 1, 5, "count")
    assert a == claim_id("abc", 1, 5, "count") and len(a) == 16 and a != claim_id("abc", 1, 5, "share")


def _lyon() -> tuple[Article, list[Sentence], list, list, list]:
    text = "Report\n\nIn 2019, Lyon hired 40 teachers. The budget grew by 6%.\n\nA total of 12 schools opened."
    doc = RawDoc(doc_id="d1", source="a.txt", text=text)
    p1, p2 = text.index("In 2019"), text.index("A total")
    blocks = (Block(p1, p2 - 2, "paragraph", text=text[p1 : p2 - 2]), Block(p2, len(text), "paragraph", text=text[p2:]))
    art = Article(doc=doc, title="Report", published="2020-01-02", blocks=blocks)
    s1 = text.index("The budget")
    sents = [Sentence(1, 1, p1, s1 - 1, text[p1 : s1 - 1]), Sentence(1, 2, s1, p2 - 2, text[s1 : p2 - 2]),
             Sentence(2, 3, p2, len(text), text[p2:])]
    found = [[quantity(text, "40", "count", noun="teachers")], [quantity(text, "6%", "%")],
             [quantity(text, "12", "count", noun="schools")]]
    years = [[(p1 + 3, p1 + 7, "2019")], [], []]
    lyon = text.index("Lyon")
    ents = [[Entity(lyon, lyon + 4, "GPE", "Lyon")], [], []]
    return art, sents, found, years, ents


def test_article_claims_rows_and_contexts():
    art, sents, found, years, ents = _lyon()
    text = art.doc.text
    claims = article_claims(art, sents, found, years, ents, RULES)
    assert [(c.kind, c.period, c.subject, c.paragraph) for c in claims] == [
        ("count", "2019", "Lyon", 1), ("change", "2019", "Lyon", 1), ("count", "2019", "", 2)]  # names none
    for c in claims:
        assert text[c.start : c.end] == c.quantity and c.published == "2020-01-02" and c.source == "a.txt"
        assert c.claim_id == claim_id("d1", c.start, c.end, c.kind)
    assert claims[1].rule == "test.quantity+kind.change_by.v2" and claims[1].direction == "up"


def test_traced_claims_are_the_claims_with_the_rules_that_decided_them():
    art, sents, found, years, ents = _lyon()
    traced = traced_claims(art, sents, found, years, ents, RULES)
    assert [t.claim for t in traced] == article_claims(art, sents, found, years, ents, RULES)
    for t in traced:
        assert set(t.claim.rule.split("+")) <= set(t.trace)
    assert "metric.np_verb.v1" in traced[1].trace
    # the third claim's period is the year the article opens with, found by the period rule
    assert "period.intro_year.v1" in traced[2].trace and "period.intro_year.v1" not in traced[0].trace


def test_respectively_lists_map_to_their_own_heads():
    text = "Car sales and truck sales reached 500 and 300, up 5% and 7%, respectively."
    found = [quantity(text, "500", "count"), quantity(text, "300", "count"),
             quantity(text, "5%", "%"), quantity(text, "7%", "%")]
    out = analyse_sentence(text, 0, found, RULES)
    assert [f.metric for f in out[2:]] == ["Car sales", "truck sales"]


def test_restated_amounts_share_a_metric():
    text = "A fine of $250,000 (£130,000) was paid."
    out = analyse_sentence(text, 0, [quantity(text, "$250,000", "USD"), quantity(text, "£130,000", "GBP")], RULES)
    assert [f.metric for f in out] == ["fine", "fine"] and "group.equivalent.v1" in out[1].trace
    text = "Aid totalled 3m euros (£2.1m; $4.1m)."
    found = [quantity(text, "3m euros", "EUR", 3e6), quantity(text, "£2.1m", "GBP"), quantity(text, "$4.1m", "USD")]
    assert [f.metric for f in analyse_sentence(text, 0, found, RULES)] == ["Aid", "Aid", "Aid"]
    text = "A fine of $250,000 in 2004 and £130,000 in 2005."  # no restatement: no sharing
    out = analyse_sentence(text, 0, [quantity(text, "$250,000", "USD"), quantity(text, "£130,000", "GBP")], RULES)
    assert "group.equivalent.v1" not in out[1].trace


def test_a_figure_restated_after_a_comma_and_or_measures_what_it_restates():
    text = "The council paid 64% of the repair bill, or £3.2m."
    out = analyse_sentence(text, 0, [quantity(text, "64%", "%"), quantity(text, "£3.2m", "GBP", 3.2e6)], RULES)
    assert [f.metric for f in out] == ["repair bill", "repair bill"] and "metric.inherit" in out[1].trace
    text = "The council paid 64% of the repair bill, and £3.2m went on roads."  # no restatement
    out = analyse_sentence(text, 0, [quantity(text, "64%", "%"), quantity(text, "£3.2m", "GBP", 3.2e6)], RULES)
    assert out[1].metric != "repair bill"


def test_ages_measure_age():
    text = "The 56-year-old said 12 people came."
    found = [quantity(text, "56-year-old", "year", 56.0), quantity(text, "12", "count", noun="people")]
    out = analyse_sentence(text, 0, found, RULES)
    if out[0].kind == "age":
        assert out[0].metric == "age"
    assert out[1].metric == "people"



def test_a_figure_whose_unit_says_what_it_measures_keeps_it_in_a_stat_line():
    from pipeline.api import extract

    rows = extract("Vance had 31 points, 12 rebounds and 9 assists.").set_index("quantity")
    assert rows.loc["31 points", "metric"] == "points"  # not the next figure's noun
    assert rows.loc["12", "metric"] == "rebounds" and rows.loc["9", "metric"] == "assists"


def test_a_time_span_takes_no_noun_another_figure_counts():
    text = "The mill will hire 2,000 people within eight weeks."
    found = [quantity(text, "2,000", "count", noun="people"), quantity(text, "within eight weeks", "week", 8.0)]
    tokens = [Token(m.start(), m.end(), m.group(), "NOUN" if m.group() == "people" else "VERB", "", k)
              for k, m in enumerate(regex.finditer(r"\w+|[^\w\s]", text))]
    out = analyse_sentence(text, 0, found, RULES, tokens)
    assert out[0].metric == "people"
    assert out[1].metric != "people"


def test_a_level_reached_after_a_comma_measures_what_moved():
    text = "Rents climbed 4% last year, to an average of £950 a month."
    out = analyse_sentence(text, 0, [quantity(text, "4%", "%"), quantity(text, "£950 a month", "GBP/month")], RULES)
    assert [f.metric for f in out] == ["Rents", "Rents"] and "metric.inherit" in out[1].trace


@pytest.mark.parametrize(("text", "first", "second", "metric"), [
    ("The club gave him a three-year deal worth £90,000 a week.", "three-year", "£90,000 a week", "deal"),
    ("She signed a five-year lease worth $2 million.", "five-year", "$2 million", "lease"),
])
def test_another_quantity_is_never_a_metric(text: str, first: str, second: str, metric: str):
    found = [quantity(text, first, "year"), quantity(text, second, "GBP/week" if "week" in second else "USD")]
    out = analyse_sentence(text, 0, found, RULES)
    assert out[0].metric == metric  # the noun the duration modifies, without the "worth" that follows it
    assert out[1].metric.lower() != first.lower()



@pytest.mark.parametrize(("metric", "unit", "kind", "out"), [
    ("Nvidia shares", "%", "change", "share price"), ("shares of Acme Corp", "USD", "level", "share price"),
    ("the stock", "%", "change", "the stock"), ("stock", "%", "change", "share price"),
    ("shares", "count", "count", "shares"), ("Nvidia shares", "count", "level", "Nvidia shares"),
    ("stock market", "%", "change", "stock market"),
])
def test_a_company_s_shares_moving_in_percent_or_money_measure_its_share_price(metric, unit, kind, out):
    f = Finding(Quantity(0, 2, "9%", 9.0, unit, "exact", "test.quantity"), kind, metric, (), ())
    assert named_metric(f, []) == out


# ------------------------------------------------------------------ which sentences the tagger must read
SENTENCES = [
    "The company employs 5,000 people in France.",
    "It has 300 stores and 12,000 workers.",
    "Revenue of the group was $4.2bn last year.",
    "Sales rose 5% in March.",
    "The firm paid a dividend of 40 cents.",
    "The deal is worth $4bn.",
    "Shares fell 3% to 250 pence.",
    "Its 2,400 branches sold 18 million policies.",
    "The bank said 1,200 jobs would go by 2006.",
]


def _all_tagged(text: str, pos: str) -> list[Token]:
    """Every word and sign of ``text`` as a token of part of speech ``pos`` (no parse)."""
    return [Token(m.start(), m.end(), m.group(), pos, "", k)
            for k, m in enumerate(regex.finditer(r"\w+|[^\w\s]", text))]


def _grammar_quantities(text: str) -> list[Quantity]:
    return [q for q in find_quantities(text, GRAMMAR) if q.value is not None]


@pytest.mark.parametrize("text", SENTENCES)
def test_sentences_that_ask_nothing_of_tokens_do_not_change_with_them(text):
    found = _grammar_quantities(text)
    assert found
    bare = analyse_sentence(text, 0, found, RULES)
    if not reads_tags(text, 0, found, RULES):
        for pos in ("VERB", "NOUN", "ADP"):
            assert analyse_sentence(text, 0, found, RULES, _all_tagged(text, pos)) == bare


def test_reads_tags_for_changes_missing_metrics_and_written_metrics():
    def reads(text: str) -> bool:
        return reads_tags(text, 0, _grammar_quantities(text), RULES)

    assert reads("Sales rose 5% in March.")  # a change
    assert reads("The deal is worth $4bn.")  # no cue metric
    assert reads("The firm paid a dividend of 40 cents.")  # a metric written before: is it a noun?
    assert not reads("The company employs 5,000 people in France.")  # the counted noun, after the number
    assert not reads("Revenue of the group was $4.2bn last year.")  # a joined metric, not written as such
    assert not reads_tags("No figures here.", 0, [], RULES)


@pytest.mark.parametrize(
    "text, quantity, metric",
    [
        ("Exports rose 3% in May and 4% in June.", "4%", "Exports"),  # the nearest earlier metric of its clause
        ("Fuel costs rose by £106m or 47.3% in the quarter.", "47.3%", "Fuel costs"),  # a change restated
        ("Net profit was 19bn kronor, compared with a loss of 10.8bn kronor.", "10.8bn kronor", "Net profit"),
        ("It listed 60 jobs in May, and its rival listed several hundred.", "several hundred", "jobs"),  # a bare count
        # a name is no metric to pass on: a level in money is then a price
        ("In London, Corus fell 2.2% to 55.57 pence.", "55.57 pence", "price"),
        ("Output grew 3% in May; 4% was expected.", "4%", ""),  # not across a clause break
    ],
)
def test_a_quantity_without_a_metric_takes_its_neighbours(text: str, quantity: str, metric: str):
    found = analyse_sentence(text, 0, _grammar_quantities(text), RULES)
    assert next(f.metric for f in found if f.quantity.text == quantity) == metric


@pytest.mark.parametrize(("text", "quantity", "bound"), [
    ("The probe flew more than 1,200 miles (1,931 kilometers) home.", "1,931 kilometers", "over"),
    ("The tank holds about 2,750 tons, or 2,500 metric tons, of water.", "2,500 metric tons", "approx"),
    ("It weighs about 5 kg (11 lb) empty.", "11 lb", "approx"),
    ("It cost about $5 million in 2004 and £3 million in 2005.", "£3 million", "exact"),  # no restatement
])
def test_a_restated_figure_keeps_the_bound_of_what_it_restates(text: str, quantity: str, bound: str):
    found = analyse_sentence(text, 0, _grammar_quantities(text), RULES)
    assert next(f.quantity.bound for f in found if f.quantity.text == quantity) == bound


@pytest.mark.parametrize(("unit", "metric"), [
    ("USD", "price"), ("GBP", "price"), ("USD/bbl", "price"), ("USD/year", ""), ("pt", "index level"),
    ("%", ""), ("count", ""),
])
def test_level_metric_by_unit(unit: str, metric: str):
    assert level_metric(unit) == metric


def _finding(metric: str, kind: str, unit: str) -> Finding:
    return Finding(Quantity(0, 2, "2%", 2.0, unit, "exact", "test.quantity"), kind, metric)


@pytest.mark.parametrize(("metric", "kind", "unit", "index", "expected"), [
    ("Corus", "change", "%", False, "share price"),       # an organisation's moving figure is its share price
    ("Corus", "level", "GBP", False, "share price"),
    ("Dow", "change", "%", True, "index level"),          # ... an index's, in a sentence moving in points
    ("Shanghai Composite", "change", "%", False, "index level"),
    ("Corus", "count", "count", False, "Corus"),          # not a change or a level
    ("exports", "change", "%", False, "exports"),         # no name of the sentence
])
def test_a_name_is_no_metric(metric: str, kind: str, unit: str, index: bool, expected: str):
    name = metric if metric[0].isupper() else "Corus"
    ents = [Entity(0, len(name), "ORG", name)]
    assert named_metric(_finding(metric, kind, unit), ents, index) == expected
    assert named_metric(_finding(metric, kind, unit), [], index) == metric  # only a name the NER found


@pytest.mark.parametrize(("text", "quantity", "metric"), [
    ("The stock suffered a 3% slide after the report.", "3%", ""),   # no parse: no subject read
    ("Die Exporte stiegen im März um 4 %.", "4 %", "Exporte"),       # the noun before the verb of movement
    ("The Sensex touched a new all-time high of 41,000 on Friday.", "41,000", "index level"),
    ("Gold hit a record high of $2,070 an ounce.", "$2,070 an ounce", "price"),
])
def test_movements_measure_what_moved(text: str, quantity: str, metric: str):
    found = analyse_sentence(text, 0, _grammar_quantities(text), RULES)
    assert next(f.metric for f in found if f.quantity.text == quantity) == metric


@pytest.mark.parametrize(("metric", "kind", "unit", "expected"), [
    ("Bitcoin", "change", "%", "Bitcoin price"),         # a traded asset moving in percent measures its price
    ("Brent crude", "level", "USD/bbl", "Brent crude price"),
    ("gold", "change", "USD", "gold price"),
    ("Bitcoin", "count", "count", "Bitcoin"),            # not a change or a level
    ("wheat", "change", "t", "wheat"),                   # a move in tonnes is no price
    ("price of copper", "change", "%", "price of copper"),  # a price named already: no second head
    ("gold prices", "level", "USD", "gold prices"),
])
def test_traded_goods_measure_their_price(metric: str, kind: str, unit: str, expected: str):
    assert named_metric(_finding(metric, kind, unit), [], rules=RULES) == expected


@pytest.mark.parametrize(("text", "quantity", "metric"), [
    ("Farmers harvested 2.1 million tonnes of wheat this year, down 25%.", "25%", "wheat"),
    ("India bought 1.1 million tonnes of palm oil last month, up 30%.", "30%", "palm oil"),
    ("Ukraine exported 4 million tonnes of corn in May, 20% less than in April.", "20%", "corn"),
    # no amount of the good before the figure: its price moved
    ("Copper dropped 1.5% to $8,200 a tonne.", "1.5%", "copper price"),
    ("Wheat rose 3% in Chicago after 2 days of losses.", "3%", "wheat price"),
])
def test_a_change_after_an_amount_of_goods_moves_that_amount_not_their_price(text: str, quantity: str,
                                                                            metric: str):
    claims = article_claims(*_one_paragraph(text), RULES)
    assert next(c.metric for c in claims if c.quantity == quantity) == metric


def test_goods_counted_reads_physical_amounts_before_the_figure_only():
    text = "Mines produced 120 tonnes of gold, down 4% in 3 days."
    items = _grammar_quantities(text)
    pct = next(q for q in items if q.text == "4%")
    assert goods_counted(items, pct.start)
    assert not goods_counted([q for q in items if q.unit != "t"], pct.start)  # a time span is no amount of goods


@pytest.mark.parametrize(("text", "metric", "expected"), [
    ("Arcelor shed 2.1% on Monday.", "Arcelor", "share price"),   # a proper noun before a verb of movement
    ("Zentrix jumped 2.1% on Monday.", "Zentrix", "share price"),
    ("December rose 2.1% on the year.", "December", "December"),  # a month is no company
    ("Zentrix has lost 2.1% of its market.", "Zentrix", "Zentrix"),  # no verb of movement right after it
])
def test_a_proper_noun_the_model_did_not_label_moving_in_percent_is_a_company(text: str, metric: str, expected: str):
    tokens = _all_tagged(text, "PROPN")
    assert named_metric(_finding(metric, "change", "%"), [], False, RULES, text, 0, tokens) == expected
    assert named_metric(_finding(metric, "change", "%"), [], False, RULES, text, 0, ()) == metric  # no tags: kept


@pytest.mark.parametrize(("text", "quantity", "metric"), [
    ("The company now expects revenue of $12 billion this year.", "$12 billion", "revenue"),
    ("The bakery chain warned operating costs of £40m would hit margins.", "£40m", "operating costs"),
    ("Net profit more than doubled to $4.1 billion.", "$4.1 billion", "Net profit"),
    ("The handset costs $799 in the US.", "$799", "price"),
])
def test_verbs_of_saying_and_bound_words_stay_out_of_metrics(text: str, quantity: str, metric: str):
    found = analyse_sentence(text, 0, _grammar_quantities(text), RULES)
    assert next(f.metric for f in found if f.quantity.text == quantity) == metric


@pytest.mark.parametrize(("period", "years", "expected"), [
    ("2004-Q4", -1, "2003-Q4"), ("FY2004", -1, "FY2003"), ("2004", -1, "2003"), ("2004-03", -1, "2003-03"),
    ("", -1, ""), ("2004-H1", 0, "2004-H1"),
])
def test_a_period_moved_by_years(period: str, years: int, expected: str):
    assert shifted_period(period, years) == expected


def test_a_moving_figure_of_an_index_named_as_its_clause_subject_measures_the_index_level():
    text = "The Nikkei 225 opened lower, but ended the day up 0.8%."
    art = Article(doc=RawDoc(doc_id="d" * 16, source="t.txt", text=text), blocks=(), published="")
    sents = [Sentence(0, 0, 0, len(text), text)]
    tokens = [Token(m.start(), m.end(), m.group(), "PROPN" if m.group() == "Nikkei" else
                    "NUM" if m.group() == "225" else "VERB" if m.group() in ("opened", "ended") else "X", "", k)
              for k, m in enumerate(regex.finditer(r"\w+|[^\w\s]", text))]
    tokens[0] = Token(0, 3, "The", "DET", "", 0)
    claims = article_claims(art, sents, [_grammar_quantities(text)], [[]], [[]], RULES, [tokens])
    assert [(c.quantity, c.subject, c.metric) for c in claims] == [("0.8%", "Nikkei 225", "index level")]


def test_only_a_sentence_that_states_figures_dates_the_next_ones():
    text = "The film was remade in 1967. The studio made 12 sequels. It sold 400 copies in 2019. It sold 90 more."
    doc = RawDoc(doc_id="d1", source="a.txt", text=text)
    art = Article(doc=doc, title="Report", published="", blocks=(Block(0, len(text), "paragraph", text=text),))
    cuts = [0, *(m.end() + 1 for m in regex.finditer(r"\.(?= )", text)), len(text) + 1]
    sents = [Sentence(1, k + 1, a, b - 1, text[a : b - 1]) for k, (a, b) in enumerate(zip(cuts, cuts[1:]))]
    found = [[], [quantity(text, "12", "count", noun="sequels")], [quantity(text, "400", "count", noun="copies")],
             [quantity(text, "90", "count")]]
    years = [[(text.index("1967"), text.index("1967") + 4, "1967")], [],
             [(text.index("2019"), text.index("2019") + 4, "2019")], []]
    claims = article_claims(art, sents, found, years, [[] for _ in sents], RULES)
    assert [(c.quantity, c.period) for c in claims] == [("12", ""), ("400", "2019"), ("90", "2019")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Plaid Cymru on 22%, the Conservatives on 18%.", [("22%", "Plaid Cymru"), ("18%", "Conservatives")]),
    ("A Survation poll found the Green Party is on 11%.", [("11%", "Green Party")]),
])
def test_a_party_on_a_percentage_is_the_subject_of_its_vote_share(text: str, expected: list[tuple[str, str]]):
    art = Article(doc=RawDoc(doc_id="d" * 16, source="t.txt", text=text), blocks=(), published="")
    survation = [Entity(text.index("Survation"), text.index("Survation") + 9, "ORG", "Survation")] \
        if "Survation" in text else []
    claims = article_claims(art, [Sentence(0, 0, 0, len(text), text)], [_grammar_quantities(text)], [[]],
                            [survation], RULES)
    assert [(c.quantity, c.subject, c.metric) for c in claims] == [(q, s, "vote share") for q, s in expected]


@pytest.mark.parametrize(("value", "metric"), [(24.5, "price"), (950_000_000, "price"), (3.1e9, "")])
def test_a_sum_of_billions_is_no_price(value: float, metric: str):
    assert level_metric("GBP", value) == metric


def test_a_lead_in_a_poll_gives_each_side_its_vote_share():
    text = "Labour lead the Conservatives by 39% to 34% with the Liberal Democrats on 19%."
    art = Article(doc=RawDoc(doc_id="d" * 16, source="t.txt", text=text), blocks=(), published="")
    claims = article_claims(art, [Sentence(0, 0, 0, len(text), text)], [_grammar_quantities(text)], [[]], [[]], RULES)
    assert [(c.quantity, c.subject, c.metric) for c in claims] == [
        ("39%", "Labour", "vote share"), ("34%", "Conservatives", "vote share"),
        ("19%", "Liberal Democrats", "vote share"),
    ]


def test_a_change_whose_tags_confirm_its_cue_metric_keeps_it():
    text = "Sales at Corvo rose 4% and profits at Linden fell 2%."
    pos = ("NOUN", "ADP", "PROPN", "VERB", "NUM", "NOUN", "CCONJ",
           "NOUN", "ADP", "PROPN", "VERB", "NUM", "NOUN", "PUNCT")
    words = list(regex.finditer(r"\w+|[^\w\s]", text))
    tokens = [Token(m.start(), m.end(), m.group(), p, "", k) for k, (m, p) in enumerate(zip(words, pos, strict=True))]
    found = analyse_sentence(text, 0, _grammar_quantities(text), RULES, tokens)
    assert [f.metric for f in found] == ["Sales", "profits"]


def _one_paragraph(text: str) -> tuple[Article, list[Sentence], list, list, list]:
    """An article of one paragraph whose sentences end at '. ', with the grammar's quantities and no entities."""
    doc = RawDoc(doc_id="d1", source="a.txt", text=text)
    art = Article(doc=doc, title="", published="2024-03-05", blocks=(Block(0, len(text), "paragraph", text=text),))
    starts = [0, *(m.end() for m in regex.finditer(r"\.\s", text))]
    ends = [*(s - 1 for s in starts[1:]), len(text)]
    sents = [Sentence(1, n + 1, s, e, text[s:e]) for n, (s, e) in enumerate(zip(starts, ends))]
    found = [[dataclasses.replace(q, start=q.start + s.start, end=q.end + s.start) for q in _grammar_quantities(s.text)]
             for s in sents]
    return art, sents, found, [[] for _ in sents], [[] for _ in sents]


@pytest.mark.parametrize(("text", "subject", "source"), [
    ("Harvell Foods posted its results on Monday. Its annual profit rose 8%.", "Harvell Foods", "paragraph"),
    ("Quorna Labs met investors on Monday. The company's sales rose 8%.", "Quorna Labs", "paragraph"),
    ("Mayor Ines Vald spoke at noon. Bus fares fell 5% this year.", "", ""),  # nothing refers back to her
    ("The group posted its results on Monday. Its annual profit rose 8%.", "", ""),  # no name opens it
    ("In March the board met. Its annual profit rose 8%.", "", ""),
])
def test_a_name_opening_an_earlier_sentence_with_no_figure_is_the_paragraph_subject(
        text: str, subject: str, source: str) -> None:
    claim = article_claims(*_one_paragraph(text), RULES)[0]
    assert (claim.subject, claim.subject_source) == (subject, source)


def test_a_named_possessor_is_the_subject_and_a_traded_good_reaching_a_sum_its_price():
    text = "The club said Zorvex United's matchday revenue fell 4% to £60m. Bitcoin topped $70,000 on Monday."
    claims = article_claims(*_one_paragraph(text), RULES)
    rows = {c.quantity: (c.metric, c.subject) for c in claims}
    assert rows["4%"] == ("matchday revenue", "Zorvex United")
    assert rows["£60m"][0] == "matchday revenue"
    assert next(m for q, (m, _) in rows.items() if "70,000" in q) == "bitcoin price"  # opening the sentence


@pytest.mark.parametrize(("metric", "text", "expected"), [
    ("zorvex shares", "Zorvex shares closed 3% higher at 412p.", "share price"),  # read in lower case, written as a name
    ("retail shares", "Analysts said retail shares closed 3% higher.", "retail shares"),
])
def test_shares_are_read_as_the_sentence_writes_them(metric: str, text: str, expected: str):
    assert named_metric(_finding(metric, "change", "%"), [], False, RULES, text, 0, ()) == expected


def test_a_pronoun_opening_a_sentence_takes_the_metric_of_the_sentence_before():
    text = "There were 31 open outbreaks in care homes. Seven of those were reported in the last week."
    claims = article_claims(*_one_paragraph(text), RULES)
    assert [c.metric for c in claims] == ["open outbreaks", "open outbreaks"]
    text = "There were 31 open outbreaks in care homes. Officials counted 7 in the last week."
    assert article_claims(*_one_paragraph(text), RULES)[1].metric != "open outbreaks"  # no pronoun: not carried


def test_an_adverb_after_a_count_is_not_what_it_counts():
    text = "Clinics could save millions annually."
    out = analyse_sentence(text, 0, [quantity(text, "millions", "count", 1e6, noun="annually")], RULES)
    assert out[0].metric != "annually"


@pytest.mark.parametrize(("subject", "expected"), [
    ("Morlan’s Vector Holdings", "Vector Holdings"),
    ("Zorvex's Quantel Capital Group", "Quantel Capital Group"),
    ("McDonald's Corp", "McDonald's Corp"),   # a one-word rest is part of the name
    ("Tesco", "Tesco"),
])
def test_a_possessor_read_into_a_subject_gives_way_to_the_name_it_owns(subject, expected):
    assert possessed_name(subject) == expected


@pytest.mark.parametrize(("subject", "expected"), [
    ("Landlord James Carter", "James Carter"),
    ("Farmer John Bell", "John Bell"),
    ("Economist Ana Ruiz", "Ana Ruiz"),
    ("Farmer Brothers Co", "Farmer Brothers Co"),  # a company's name
    ("Landlord Carter", "Landlord Carter"),  # a one-word rest may be the name itself
    ("Acme Steel Works", "Acme Steel Works"),  # no word of a trade
    ("American Theatre Wing", "American Theatre Wing"),  # a word of a people, not of a trade
])
def test_a_word_of_a_trade_opening_a_persons_name_is_no_part_of_the_subject(subject, expected):
    assert trade_named(subject, RULES.agents) == expected


def test_code_read_as_a_name_is_no_subject():
    text = "The '@classmethod wrapper ran 5 tests."
    art, sents, found, years, _ = _one_paragraph(text)
    at = text.index("'@classmethod")
    ents = [[Entity(at, at + len("'@classmethod"), "ORG", "'@classmethod")]]
    assert article_claims(art, sents, found, years, ents, RULES)[0].subject == ""
    ents = [[Entity(at + 2, at + len("'@classmethod"), "ORG", "classmethod")]]  # a word in lower case: no name
    assert article_claims(art, sents, found, years, ents, RULES)[0].subject == ""


def test_a_figure_credited_to_a_person_with_for_is_about_that_person():
    text = "Both were fined (2 for Tomas Wren, 3 for Ade Ola)."
    found = [quantity(text, "2", "count"), quantity(text, "3", "count")]
    people = [Entity(text.index("Tomas"), text.index("Tomas") + 10, "PERSON", "Tomas Wren"),
              Entity(text.index("Ade"), text.index("Ade") + 7, "PERSON", "Ade Ola")]
    assert [person_for(text, 0, q, people) for q in found] == ["Tomas Wren", "Ade Ola"]
    assert person_for("He gave 2 to Tomas Wren.", 0, quantity("He gave 2 to Tomas Wren.", "2", "count"), people) == ""


def _paragraphs(*paragraphs: str, title: str = "") -> tuple[Article, list[Sentence], list, list]:
    """An article of one sentence per paragraph (joined by blank lines), with the grammar's quantities."""
    text = "\n\n".join(paragraphs)
    doc = RawDoc(doc_id="d1", source="a.txt", text=text)
    starts = [0, *(m.end() for m in regex.finditer(r"\n\n", text))]
    sents = [Sentence(n + 1, n + 1, s, s + len(p), p) for n, (s, p) in enumerate(zip(starts, paragraphs))]
    blocks = tuple(Block(s.start, s.end, "paragraph", text=s.text) for s in sents)
    art = Article(doc=doc, title=title, published="2024-03-05", blocks=blocks)
    found = [[dataclasses.replace(q, start=q.start + s.start, end=q.end + s.start) for q in _grammar_quantities(s.text)]
             for s in sents]
    return art, sents, found, [[] for _ in sents]


def _names(sents: list[Sentence], *names: tuple[str, str]) -> list[list[Entity]]:
    """Entities (text, label) at each place the sentences write them."""
    return [sorted((Entity(s.start + m.start(), s.start + m.end(), label, name)
                    for name, label in names for m in regex.finditer(regex.escape(name), s.text)),
                   key=lambda e: e.start) for s in sents]


_BRENMOOR = ("Brenmoor Tools sold 40,000 drills in March.",
             "Brenmoor Tools hired 35 engineers for the Quillby plant.",
             "The recipe needs 2 cups of flour.",
             "Bake for 20 minutes, Ostrava Bakers advised.")


@pytest.mark.parametrize(("title", "expected"), [
    ("Notes from the week", ("", "")),  # the article's most named organisation is not in its title: none
    ("Brenmoor Tools hires", ("Brenmoor Tools", "article")),  # the title names it: the article's subject
])
def test_a_figure_whose_clause_names_none_takes_the_article_subject_only_when_the_title_names_it(title, expected):
    art, sents, found, years = _paragraphs(*_BRENMOOR, title=title)
    claims = article_claims(art, sents, found, years,
                            _names(sents, ("Brenmoor Tools", "ORG"), ("Ostrava Bakers", "ORG")), RULES)
    rows = {c.quantity: (c.subject, c.subject_source) for c in claims}
    assert rows["40,000"] == ("Brenmoor Tools", "clause")
    assert rows["2 cups"] == expected


def test_a_figure_whose_clause_names_none_takes_a_name_of_its_own_sentence():
    art, sents, found, years = _one_paragraph("Crews worked 12 hours. At Halvik Port the line carries 40 trains.")[:4]
    ents = _names(sents, ("Halvik Port", "GPE"))
    claims = article_claims(art, sents, found, years, ents, RULES)
    assert claims[0].subject == ""  # a name of another sentence is not its own
    text = "After talks with Halvik Rail and the unions on Monday, crews ran 40 trains."
    art, sents, found, years = _one_paragraph(text)[:4]
    claims = article_claims(art, sents, found, years, _names(sents, ("Halvik Rail", "ORG")), RULES)
    assert (claims[0].subject, claims[0].subject_source) == ("Halvik Rail", "paragraph")


def test_a_lone_opening_word_of_a_page_not_in_english_is_not_the_article_subject():
    art, sents, found, years = _paragraphs("Тесто заверните в пленку на 1 час.", "Вам понадобится 300 г муки.",
                                           title="Тесто для пиццы")
    ents = _names(sents, ("Тесто", "ORG"))
    rows = {c.quantity: c.subject for c in article_claims(art, sents, found, years, ents, RULES, language="ru")}
    assert rows["300 г"] == ""  # a word the English model reads as a name only where it opens a sentence
    art, sents, found, years = _paragraphs("На кухне Тесто Плюс продали 40 пицц.", "Вам понадобится 300 г муки.",
                                           title="Тесто Плюс")
    ents = _names(sents, ("Тесто Плюс", "ORG"))
    rows = {c.quantity: c.subject for c in article_claims(art, sents, found, years, ents, RULES, language="ru")}
    assert rows["300 г"] == "Тесто Плюс"


@pytest.mark.parametrize("text,quantity,value,unit,bound,kind,direction", [
    ("The 30-year bond lost 9/32 on the day.", "9/32", 0.28125, "pt", "exact", "change", "down"),
    ("The benchmark note up 1-8/32 after the auction.", "1-8/32", 1.25, "pt", "exact", "change", "up"),
    ("Residents up to age 21 ride free.", "up to age 21", 21.0, "year", "at_most", "age", ""),
    ("Patients under the age of 12 were excluded.", "under the age of 12", 12.0, "year", "under", "age", ""),
    ("In Madrid 70 taxis blocked the road.", "70", 70.0, "count", "exact", "count", ""),
    ("The group bought a 250-square-kilometre ranch.", "250-square-kilometre", 250.0, "km²", "exact", "amount", ""),
    ("She won the 10,000m in a time of 29:58.", "29:58", 1798.0, "s", "exact", "duration", ""),
    ("The insurer is tripling its payout to $9 a share.", "tripling", 3.0, "x", "exact", "change", "up"),
    ("The site received 40 gigabytes of traffic or more.", "40 gigabytes of traffic or more", 40.0, "GB", "at_least",
     "amount", ""),
])
def test_small_families_read_their_value_bound_and_direction(text, quantity, value, unit, bound, kind, direction):
    from pipeline.api import extract

    row = extract(text).set_index("quantity").loc[quantity]
    assert (row["value"], row["unit"], row["bound"], row["kind"]) == (value, unit, bound, kind)
    assert (row["direction"] or "") == direction


@pytest.mark.parametrize("text", ["The fix ships in Windows 11 next month.", "The train left at 7:15 a.m. sharp.",
                                  "We meet at 10:30 and leave by 9:45."])
def test_names_and_clock_times_stay_no_claims(text):
    from pipeline.api import extract

    assert extract(text).empty


@pytest.mark.parametrize(("text", "kinds"), [
    # members of a list of changes that name their own place or thing take the first member's kind and direction
    ("Prices fell 3% in Madrid, 2% in Seville and 1% in Bilbao.", [("change", "down")] * 3),
    ("Wheat rose 4%, maize 3% and soy beans 2%.", [("change", "up")] * 3),
    ("Rents were up 7%, in Leeds 5% and in York 4%.", [("change", "up")] * 3),
    # a verb in -ing or -ed opens a new clause: no list
    ("Costs rose 5%, reaching 12% of sales.", [("change", "up"), ("share", "")]),
    # later members of a list of levels reached move like the first; a list of levels held moves neither way
    ("Fares rose to $3.10 in March and $3.35 in April.", [("level", "up")] * 2),
    ("Highs reached 19 degrees in Lille, 22 degrees in Dijon and 25 degrees in Lyon.", [("level", "up")] * 3),
    ("Rates were kept at 1% and 2%.", [("level", "")] * 2),
])
def test_members_of_a_list_of_changes_share_its_kind(text: str, kinds: list[tuple[str, str]]) -> None:
    from pipeline.api import extract

    frame = extract(text)
    assert list(zip(frame["kind"], frame["direction"])) == kinds


@pytest.mark.parametrize(("text", "expected"), [
    # a particle of a phrasal verb is no bound; a verb that moves its object up to a figure reached it
    ("Subscribers fork over $9 a month for it.", ("$9 a month", "exact")),
    ("The crew turned the boiler up to 90C at dawn.", ("90C", "exact")),
    ("Guests may bring up to 4 friends.", ("up to 4", "at_most")),
    # a span of time passed is a bound; one a thing passed after is not
    ("The siege passed 100 days on Friday.", ("passed 100 days", "over")),
    ("The motion passed 3 days after the vote.", ("3 days", "exact")),
])
def test_particles_and_spans_passed_as_bounds(text: str, expected: tuple[str, str]) -> None:
    assert [(q.text, q.bound) for q in find_quantities(text, GRAMMAR)] == [expected]


@pytest.mark.parametrize(("text", "quantity", "unit"), [
    # "times" after a bare count or a multiple is part of its span
    ("She has toured the island 31 times since 2001.", "31 times", "count"),
    ("Rents are now eight times what they were in 1990.", "eight times", "x"),
    ("He has flown there over 50 times.", "over 50 times", "count"),
    # not after a figure with a unit of its own
    ("It ran 5 km three days a week, 40 minutes at a time.", "40 minutes", "min"),
])
def test_times_is_part_of_a_bare_count_or_multiple(text: str, quantity: str, unit: str) -> None:
    from pipeline.api import extract

    frame = extract(text)
    row = frame[frame["quantity"].str.startswith(quantity.split()[0])].iloc[0]
    assert (row["quantity"], row["unit"]) == (quantity, unit)
    assert text[int(row["start"]):int(row["end"])] == row["quantity"]


def _tagged(words: str) -> tuple[str, list[Token]]:
    """A sentence and its tokens from 'word/POS' items (no dependency parse)."""
    text, tokens = "", []
    for n, item in enumerate(words.split()):
        word, pos = item.rsplit("/", 1)
        if text and word not in (".", ","):
            text += " "
        tokens.append(Token(len(text), len(text) + len(word), word, pos, "", n))
        text += word
    return text, tokens


@pytest.mark.parametrize("words, q, unit, metric", [
    ("The/DET firm/NOUN will/AUX spend/VERB a/DET further/ADJ $300m/NUM on/ADP plants/NOUN ./PUNCT", "$300m", "USD",
     "spending"),
    ("The/DET city/NOUN will/AUX borrow/VERB an/DET additional/ADJ £40m/NUM ./PUNCT", "£40m", "GBP", "borrowing"),
    ("Profit/NOUN fell/VERB by/ADP $12m/NUM ./PUNCT", "$12m", "USD", "Profit"),  # what moved, not a verb's object
    ("December/PROPN settled/VERB 0.72/NUM cent/NOUN firmer/ADJ at/ADP 55.47/NUM cents/NOUN ./PUNCT", "0.72 cent", "USD",
     ""),  # no sum added: no settlement
])
def test_a_sum_added_takes_the_noun_of_the_verb_it_is_the_object_of(words: str, q: str, unit: str,
                                                                     metric: str) -> None:
    text, tokens = _tagged(words)
    out = analyse_sentence(text, 0, [quantity(text, q, unit)], RULES, tokens)
    assert (out[0].kind, out[0].metric) == ("change", metric)


@pytest.mark.parametrize(("text", "person", "expected"), [
    ("Maria Gomez, 38, a nurse at the clinic, said costs rose 10% while waiting times grew from 14 days to 21 days.",
     "Maria Gomez", {"38": "Maria Gomez", "10%": "", "14 days": "", "21 days": ""}),
    ("Tom Baker, 52, said battery costs had fallen by 30% since 2021.", "Tom Baker", {"52": "Tom Baker", "30%": ""}),
    ("Ana Ruiz, 41, a baker, told reporters flour prices rose 12%.", "Ana Ruiz", {"41": "Ana Ruiz", "12%": ""}),
    ("Lena Ortiz, 29, said rents rose 4%. Bus fares climbed 3%.", "Lena Ortiz", {"4%": "", "3%": ""}),
    ("Kevin Yearout, 45, has added about 80 jobs.", "Kevin Yearout", {"about 80": "Kevin Yearout"}),
    ("Ivo Marsh, 52, a trader at Quarren Capital, said prices fell 4%.", "Ivo Marsh", {"52": "Ivo Marsh", "4%": ""}),
    ("Ivo Marsh said prices at Quarren Capital fell 4%.", "Ivo Marsh", {"4%": "Quarren Capital"}),  # what is reported
])
def test_a_speaker_is_carried_to_no_figure_they_report(text: str, person: str, expected: dict[str, str]) -> None:
    art, sents, found, years, _ = _one_paragraph(text)
    claims = article_claims(art, sents, found, years, _names(sents, (person, "PERSON"), ("Quarren Capital", "ORG")),
                            RULES)
    rows = {c.quantity: c.subject for c in claims}
    assert {q: rows.get(q) for q in expected} == expected


@pytest.mark.parametrize(("title", "expected"), [
    ("Rents rise for a fifth month in Brisport", ("Brisport", "article")),
    ("Rents rise for a fifth month", ("", "")),  # the title names no name of the article
])
def test_a_fronted_place_the_model_missed_can_be_the_article_subject(title: str, expected: tuple[str, str]) -> None:
    art, sents, found, years = _paragraphs("In Brisport, rents rose 4% in April.",
                                           "About 30% of households rent privately.", title=title)
    ents = _names(sents, ("Brisport", "DATE"))  # the model read the place as a date
    rows = {c.quantity: (c.subject, c.subject_source) for c in article_claims(art, sents, found, years, ents, RULES)}
    assert rows["4%"] == ("Brisport", "clause")
    assert rows["About 30%"] == expected


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


@pytest.mark.parametrize(("text", "quantity", "kind", "metric"), [
    ("The company now sees earnings of $3.10 a share, up from a previous forecast of $2.90.", "$2.90", "level",
     "earnings"),
    ("Acme expects profit of $1.45 a share, down from an earlier forecast of $1.60.", "$1.60", "level", "profit"),
    ("Gold will average $2,100 an ounce, up from an earlier forecast of $1,950.", "$1,950", "level", "gold price"),
    # a figure of its own unit is the one it is set against, before a rate of it
    ("The firm earned 1.02 billion dlrs, or 10.26 dlrs a share, compared with 996.2 mln dlrs.", "996.2 mln dlrs",
     "amount", "earnings"),
    # with nothing naming what was forecast, the forecast's name stays
    ("Comparable sales growth will be 3.5%, compared with prior guidance of 4.0%.", "4.0%", "change",
     "prior guidance"),
])
def test_a_figure_set_against_a_forecast_takes_the_kind_and_metric_of_what_was_forecast(
        text: str, quantity: str, kind: str, metric: str):
    row = extract(text).set_index("quantity").loc[quantity]
    assert (row.kind, row.metric) == (kind, metric)


@pytest.mark.parametrize(
    "text, metrics",
    [
        ("The central bank kept its benchmark rate unchanged at 7.5% on Thursday, while inflation eased to 6.9% in "
         "January from 7.2% in December.", {"7.5%": "benchmark rate", "6.9%": "inflation", "7.2%": "inflation"}),
        ("The bank kept its key rate at 5.25%, warning that a slowdown could push unemployment above 4.5%.",
         {"5.25%": "key rate", "above 4.5%": "unemployment"}),
        ("Shares fell 1% to 510.75 pence.", {"1%": "share price", "510.75 pence": "share price"}),
    ],
)
def test_a_clause_own_subject_wins_over_a_metric_carried_from_an_earlier_clause(text: str, metrics: dict):
    rows = extract(text).set_index("quantity")
    assert {q: rows.loc[q, "metric"] for q in metrics} == metrics


@pytest.mark.parametrize(
    "noun, after, counted",
    [
        ("Boeing", " Boeing 737 flights a week.", "flights"),
        ("Airbus A320neo jets", " Airbus A320neo jets last month.", "jets"),
        ("Apple iPad tablets", " Apple iPad tablets to pupils.", "tablets"),
        ("Leopard", " Leopard 2 tanks by 2026.", "tanks"),
        ("Tory MPs", " Tory MPs rebelled.", "Tory MPs"),
        ("new shops", " new shops.", "new shops"),
    ],
)
def test_a_count_counts_past_a_brand_and_model_name(noun: str, after: str, counted: str):
    assert past_model_name(noun, after, RULES) == counted


@pytest.mark.parametrize(
    "text, at",
    [("* Cargo handled rose 8.5%", 2), ("“House prices rose", 1), ("1. Exports grew", 3), ("Exports grew", 0),
     ("- Exports grew", 2), ("2025 exports", 0)],
)
def test_a_sentence_opens_past_quotes_and_a_list_marker(text: str, at: int):
    assert opening_at(text) == at


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


@pytest.mark.parametrize(
    "text, figure, subject",
    [
        ("Brent crude fell 3.2% to $41.50 a barrel, after the International Monetary Fund cut its forecast for "
         "global growth to 2.9%.", "3.2%", ""),
        ("Wheat futures jumped 5% because Russia cut exports by 10%.", "5%", ""),
        ("Tesla shares rose 5% after Ford cut prices by 8%.", "5%", "Tesla"),
        ("In 1998, two years after launching Fox, Ailes got married for the third time, to a woman named Elizabeth "
         "Tilson, a 37-year-old producer who had worked for him at CNBC.", "two years", "Fox, Ailes"),  # a span of time
    ],
)
def test_a_name_in_a_clause_of_circumstance_after_a_figure_is_not_its_subject(text: str, figure: str, subject: str):
    rows = extract(text).set_index("quantity")
    assert rows.loc[figure, "subject"] == subject
