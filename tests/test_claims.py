"""Tests of pipeline.extract.claims: claim rows with subject, period and id (names read as metrics, people
credited with figures, paragraph and article subjects), and the trace of the rules that decided each claim."""
from __future__ import annotations

import dataclasses

import pytest
import regex

from pipeline.api import extract
from pipeline.extract.claim_rules import load_claim_rules
from pipeline.extract.claims import (
    article_claims,
    claim_id,
    goods_counted,
    named_metric,
    person_for,
    possessed_name,
    shifted_period,
    traced_claims,
    trade_named,
)
from pipeline.extract.findings import Finding
from pipeline.extract.ner import Entity, Token
from pipeline.extract.quantities import Quantity, find_quantities
from pipeline.types import Article, Block, RawDoc, Sentence

from standins import GRAMMAR, all_tagged, grammar_quantities, quantity

RULES = load_claim_rules()


@pytest.mark.parametrize(("text", "metric"), [
    ("The lender took exceptional write-downs of $85m.", "exceptional write-downs"),
    ("The plan includes grants of £30m for farmers.", "grants"),
    ("The studio got royalties of $4m last year.", "royalties"),
])
def test_a_verb_taking_a_measure_is_no_part_of_its_metric(text: str, metric: str) -> None:
    from pipeline.api import extract

    assert extract(text)["metric"].tolist()[:1] == [metric]


def test_multiple_of_a_bare_number_takes_unit_x() -> None:
    from pipeline.api import extract

    frame = extract("Rainfall was 120mm, three times the monthly average.")
    row = frame[frame["quantity"] == "three times"].iloc[0]
    assert (row["value"], row["unit"], row["kind"]) == (3.0, "x", "ratio")


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


def test_a_figure_whose_unit_says_what_it_measures_keeps_it_in_a_stat_line():
    from pipeline.api import extract

    rows = extract("Vance had 31 points, 12 rebounds and 9 assists.").set_index("quantity")
    assert rows.loc["31 points", "metric"] == "points"  # not the next figure's noun
    assert rows.loc["12", "metric"] == "rebounds" and rows.loc["9", "metric"] == "assists"


@pytest.mark.parametrize(("metric", "unit", "kind", "out"), [
    ("Nvidia shares", "%", "change", "share price"), ("shares of Acme Corp", "USD", "level", "share price"),
    ("the stock", "%", "change", "the stock"), ("stock", "%", "change", "share price"),
    ("shares", "count", "count", "shares"), ("Nvidia shares", "count", "level", "Nvidia shares"),
    ("stock market", "%", "change", "stock market"),
])
def test_a_company_s_shares_moving_in_percent_or_money_measure_its_share_price(metric, unit, kind, out):
    f = Finding(Quantity(0, 2, "9%", 9.0, unit, "exact", "test.quantity"), kind, metric, (), ())
    assert named_metric(f, []) == out


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
    items = grammar_quantities(text)
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
    tokens = all_tagged(text, "PROPN")
    assert named_metric(_finding(metric, "change", "%"), [], False, RULES, text, 0, tokens) == expected
    assert named_metric(_finding(metric, "change", "%"), [], False, RULES, text, 0, ()) == metric  # no tags: kept


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
    claims = article_claims(art, sents, [grammar_quantities(text)], [[]], [[]], RULES, [tokens])
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
    claims = article_claims(art, [Sentence(0, 0, 0, len(text), text)], [grammar_quantities(text)], [[]],
                            [survation], RULES)
    assert [(c.quantity, c.subject, c.metric) for c in claims] == [(q, s, "vote share") for q, s in expected]


def test_a_lead_in_a_poll_gives_each_side_its_vote_share():
    text = "Labour lead the Conservatives by 39% to 34% with the Liberal Democrats on 19%."
    art = Article(doc=RawDoc(doc_id="d" * 16, source="t.txt", text=text), blocks=(), published="")
    claims = article_claims(art, [Sentence(0, 0, 0, len(text), text)], [grammar_quantities(text)], [[]], [[]], RULES)
    assert [(c.quantity, c.subject, c.metric) for c in claims] == [
        ("39%", "Labour", "vote share"), ("34%", "Conservatives", "vote share"),
        ("19%", "Liberal Democrats", "vote share"),
    ]


def _one_paragraph(text: str) -> tuple[Article, list[Sentence], list, list, list]:
    """An article of one paragraph whose sentences end at '. ', with the grammar's quantities and no entities."""
    doc = RawDoc(doc_id="d1", source="a.txt", text=text)
    art = Article(doc=doc, title="", published="2024-03-05", blocks=(Block(0, len(text), "paragraph", text=text),))
    starts = [0, *(m.end() for m in regex.finditer(r"\.\s", text))]
    ends = [*(s - 1 for s in starts[1:]), len(text)]
    sents = [Sentence(1, n + 1, s, e, text[s:e]) for n, (s, e) in enumerate(zip(starts, ends))]
    found = [[dataclasses.replace(q, start=q.start + s.start, end=q.end + s.start) for q in grammar_quantities(s.text)]
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
    found = [[dataclasses.replace(q, start=q.start + s.start, end=q.end + s.start) for q in grammar_quantities(s.text)]
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
