"""Tests of pipeline.extract.claims: every rule's examples, kinds, ranks, lists, metric, subject and period."""
from __future__ import annotations

from pathlib import Path

import pytest
import regex

from pipeline.extract.claims import (
    KINDS,
    SCHEMA,
    ClaimRules,
    Entity,
    Found,
    analyse_sentence,
    article_claims,
    article_period,
    build_claim_rules,
    carry_units,
    claim_id,
    cue_metric,
    decide_kind,
    drop_non_claims,
    find_ranks,
    load_claim_rules,
    match_kind_rule,
    merge_ranks,
    noun_phrase,
    noun_phrase_after,
    pick_period,
    pick_subject,
    subject_entities,
)
from pipeline.errors import RulesError
from pipeline.extract.quantities import find_quantities, load_grammar
from pipeline.rules import parse_rule_file
from pipeline.types import Article, Block, RawDoc, Sentence

RULES = load_claim_rules()
BRACKET = regex.compile(r"\[([^\]]*)\]")


def unmark(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Text without [brackets] and the spans the brackets marked."""
    spans, out, pos = [], [], 0
    for m in BRACKET.finditer(text):
        out.append(text[pos : m.start()])
        start = sum(len(x) for x in out)
        out.append(m.group(1))
        spans.append((start, start + len(m.group(1))))
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), spans


def cases(family: str, which: str) -> list:
    return [
        pytest.param(rule, ex, id=f"{rule.id}:{n}")
        for rule in RULES.file.rules
        if rule.get("family") == family
        for n, ex in enumerate(rule.get(which, []))
    ]


def quantity(text: str, q: str, unit: str, value: float | None = None, noun: str = "", nth: int = 0,
             base: int = 0) -> Found:
    """A stand-in grammar quantity: the ``nth`` occurrence of ``q`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(q, start + 1)
    digits = regex.search(r"\d+(?:\.\d+)?", q)
    val = value if value is not None else float(digits.group()) if digits else 0.0
    return Found(base + start, base + start + len(q), q, val, unit, "exact", "test.quantity", noun=noun)


# ------------------------------------------------------------------ the rules file and its examples
def test_rules_file_loads_with_every_family():
    assert RULES.kinds and RULES.ranks and RULES.connector and RULES.metric_cues and RULES.periods
    assert RULES.defaults["count"][0] == "count" and RULES.defaults["*"][0] == "amount"
    assert set(RULES.file.meta["kinds"]) == set(KINDS)


@pytest.mark.parametrize("rule, example", cases("kind", "examples"))
def test_kind_rule_examples(rule, example):
    text, spans = unmark(example)
    (s, e), = spans
    assert match_kind_rule(rule, text[max(0, s - 200) : s], text[e:])


@pytest.mark.parametrize("rule, example", cases("kind", "counter_examples"))
def test_kind_rule_counter_examples(rule, example):
    text, spans = unmark(example)
    (s, e), = spans
    assert not match_kind_rule(rule, text[max(0, s - 200) : s], text[e:])


@pytest.mark.parametrize("rule, example", cases("rank", "examples"))
def test_rank_rule_examples(rule, example):
    text, spans = unmark(example)
    ranks = [(f.start, f.end) for f in find_ranks(text, RULES) if f.rule == rule.id]
    assert spans[0] in ranks


@pytest.mark.parametrize("rule, example", cases("rank", "counter_examples"))
def test_rank_rule_counter_examples(rule, example):
    assert find_ranks(unmark(example)[0], RULES) == []


@pytest.mark.parametrize("rule, example", cases("group", "examples"))
def test_group_rule_examples(rule, example):
    text, spans = unmark(example)
    for s, e in spans:
        if rule.get("role") in ("modifier", "parallel"):
            assert rule.compiled["before"].search(text[:s])
        elif rule.get("role") == "respectively":
            assert rule.pattern.match(text[s:])
        else:
            assert rule.pattern.match(text[s:e])


@pytest.mark.parametrize("rule, example", cases("group", "counter_examples"))
def test_group_rule_counter_examples(rule, example):
    text, spans = unmark(example)
    for s, e in spans:
        if rule.get("role") in ("modifier", "parallel"):
            assert not rule.compiled["before"].search(text[:s])
        else:
            assert not rule.pattern.match(text[s:e])


@pytest.mark.parametrize("rule, example", cases("metric", "examples"))
def test_metric_rule_examples(rule, example):
    text, spans = unmark(example)
    before, after = text[: spans[0][0]], text[spans[0][1] :]
    if rule.compiled.get("before") is not None:
        match = rule.compiled["before"].search(before)
        assert match and noun_phrase(before[: match.start("cue")], RULES)
    else:
        match = rule.compiled["after"].match(after)
        assert match and noun_phrase_after(after[match.end("cue") :], RULES)


@pytest.mark.parametrize("rule, example", cases("period", "examples"))
def test_period_rule_examples(rule, example):
    assert rule.pattern.search(example)


@pytest.mark.parametrize("rule, example", cases("period", "counter_examples"))
def test_period_rule_counter_examples(rule, example):
    assert not rule.pattern.search(example)


@pytest.mark.parametrize(
    "body, error",
    [
        ('[[rule]]\nid = "x.v1"\nfamily = "nope"\ndescription = "d"\n', "family"),
        ('[[rule]]\nid = "x.v1"\nfamily = "kind"\nkind = "weird"\nbefore = "a$"\ndescription = "d"\n', "kind"),
        ('[[rule]]\nid = "x.v1"\nfamily = "kind"\nkind = "share"\ndescription = "d"\n', "E005"),
        ('[[rule]]\nid = "x.v1"\nfamily = "group"\nrole = "other"\npattern = "a"\ndescription = "d"\n', "role"),
        ('[[rule]]\nid = "x.v1"\nfamily = "kind"\nkind = "share"\nbefore = "(a"\ndescription = "d"\n', "E004"),
    ],
)
def test_broken_rules_are_rejected_with_file_and_rule(body, error):
    with pytest.raises(RulesError, match=error) as info:
        build_claim_rules(parse_rule_file(body.encode(), "claims.toml", SCHEMA))
    assert "claims.toml" in str(info.value) and "x.v1" in str(info.value)


def test_disabled_rule_is_skipped(tmp_path: Path):
    data = Path(__file__).parents[1].joinpath("rules", "claims.toml").read_text(encoding="utf-8")
    data = data.replace('id = "kind.share_of.v1"\n', 'id = "kind.share_of.v1"\nenabled = false\n')
    (tmp_path / "claims.toml").write_text(data, encoding="utf-8")
    rules = load_claim_rules(tmp_path)
    assert "kind.share_of.v1" in {r.id for r in RULES.kinds}
    assert "kind.share_of.v1" not in {r.id for r in rules.kinds}
    assert decide_kind("spending of ", " of GDP", "%", rules)[1] != "kind.share_of.v1"


# ------------------------------------------------------------------ kinds
@pytest.mark.parametrize(
    "sentence, q, unit, kind",
    [
        ("Exports rose 12.5% in March from a year earlier.", "12.5%", "%", "change"),
        ("Net profit fell to 3.1 mln dlrs from 4.6 mln dlrs.", "3.1 mln dlrs", "USD", "change"),
        ("Net profit fell to 3.1 mln dlrs from 4.6 mln dlrs.", "4.6 mln dlrs", "USD", "change"),
        ("The group holds a 51% stake in the bank.", "51%", "%", "share"),
        ("Services make up 70% of output.", "70%", "%", "share"),
        ("The jobless rate stood at 5.4% in May.", "5.4%", "%", "level"),
        ("Spending will be 0.5 percentage points lower.", "0.5 percentage points", "pp", "change"),
        ("Profits were three times higher than forecast.", "three", "count", "ratio"),
        ("The firm employs 3,200 people.", "3,200", "count", "count"),
        ("The deal is worth 1.5 billion euros.", "1.5 billion euros", "EUR", "amount"),
        ("Turnover grew 8% year-on-year.", "8%", "%", "change"),
    ],
)
def test_decide_kind(sentence, q, unit, kind):
    s = sentence.index(q)
    assert decide_kind(sentence[:s], sentence[s + len(q) :], unit, RULES)[0] == kind


def test_every_decided_kind_is_in_the_closed_list():
    for rule in RULES.kinds:
        assert rule.get("kind") in KINDS
    assert {k for k, _ in RULES.defaults.values()} <= set(KINDS)


# ------------------------------------------------------------------ ranks
def test_rank_value_span_and_precedence_over_grammar_quantity():
    text = "The port handled 40 mln TEU, ranking third in the world, and the bank ranks No. 2 in Asia."
    ranks = find_ranks(text, RULES)
    assert [(r.text, r.value, r.unit) for r in ranks] == [("third", 3.0, "rank"), ("2", 2.0, "rank")]
    grammar_two = quantity(text, "2", "count")
    merged = merge_ranks([quantity(text, "40 mln TEU", "TEU", 4e7), grammar_two], ranks)
    assert [m.unit for m in merged] == ["TEU", "rank", "rank"]


@pytest.mark.parametrize("text", ["the second round of talks", "for the first time", "the third quarter"])
def test_ordinals_that_are_not_ranks(text):
    assert find_ranks(text, RULES) == []


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


def test_respectively_pairs_items_in_order():
    text = "Car sales and truck sales reached 500 and 300, up 5% and 7% respectively."
    found = [quantity(text, "500", "count", noun=""), quantity(text, "300", "count"),
             quantity(text, "5%", "%"), quantity(text, "7%", "%")]
    out = analyse_sentence(text, 0, found, RULES)
    assert [f.kind for f in out] == ["count", "count", "change", "change"]
    assert out[3].rules[-1] == "group.list_connector.v1"


@pytest.mark.parametrize(
    "before, metric",
    [
        ("The loan amount for the city's technology-based enterprises was ", "loan amount"),
        ("The total industrial output value of Pudong New Area is ", "total industrial output value"),
        ("the number of unemployed people rose to ", "number of unemployed people"),
        ("Shanghai's R&D investment accounts for ", "R&D investment"),
        ("it signed deals with a combined transaction amount of ", "combined transaction amount"),
        ("Gross domestic product (GDP) rose by ", "Gross domestic product"),
        ("the company was sold to Rosneft in a deal worth ", "deal"),
    ],
)
def test_cue_metric(before, metric):
    assert cue_metric(before, RULES)[0] == metric


@pytest.mark.parametrize(
    "after, metric",
    [(" fall in first quarter profits.", "first quarter profits"), (" of the population, he said", "population")],
)
def test_cue_metric_after(after, metric):
    assert cue_metric("Then came ", RULES, after)[0] == metric


def test_change_inherits_metric_of_the_quantity_it_follows():
    text = "Exports totalled 4.5 billion dlrs, a rise of 12% on the year."
    found = [quantity(text, "4.5 billion dlrs", "USD", 4.5e9), quantity(text, "12%", "%")]
    out = analyse_sentence(text, 0, found, RULES)
    assert [(f.kind, f.metric) for f in out] == [("amount", "Exports"), ("change", "Exports")]


def test_count_metric_is_the_counted_noun():
    text = "The city opened 14 new libraries."
    out = analyse_sentence(text, 0, [quantity(text, "14", "count", noun="new libraries")], RULES)
    assert out[0].metric == "new libraries" and out[0].kind == "count"


# ------------------------------------------------------------------ subject and period
def test_subject_prefers_clause_subject_over_names_in_lists():
    text = "Berlin researchers published 80 papers in Nature, Science and Cell, an increase of 9%."
    found = [quantity(text, "80", "count", noun="papers"), quantity(text, "9%", "%")]
    ents = [Entity(0, 6, "GPE", "Berlin"), Entity(text.index("Cell"), text.index("Cell") + 4, "ORG", "Cell")]
    assert pick_subject(text, 0, found[1], ents, found) == "Berlin"


def test_person_label_on_a_zone_name_is_kept_digits_are_not():
    ents = [Entity(0, 20, "PERSON", "Pudong Free Trade Zone"), Entity(30, 35, "PERSON", "Li Wei"),
            Entity(40, 53, "PERSON", "VV116 COVID-19"), Entity(60, 72, "ORG", "the Ministry")]
    assert [e.text for e in subject_entities(ents, RULES)] == ["Pudong Free Trade Zone", "Ministry"]


def test_period_from_clause_then_nearest_year():
    text = "In 2021, sales rose 5%, while in 2022 they fell 3%."
    years = [(3, 7, "2021"), (32, 36, "2022")]
    assert pick_period(text.index("5%"), years, 0, text) == "2021"
    assert pick_period(text.index("3%"), years, 0, text) == "2022"
    assert pick_period(0, [], 0, text) == ""


def test_article_period_from_introduction():
    assert article_period("Report.\n\nIn 2022, the city grew.", RULES) == "2022"
    assert article_period("The 2022 Report was released.", RULES) == ""


def test_claim_id_is_stable_and_short():
    a = claim_id("abc", 1, 5, "count")
    assert a == claim_id("abc", 1, 5, "count") and len(a) == 16 and a != claim_id("abc", 1, 5, "share")


def test_article_claims_rows_and_contexts():
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
    claims = article_claims(art, sents, found, years, ents, RULES)
    assert [(c.kind, c.period, c.subject, c.paragraph) for c in claims] == [
        ("count", "2019", "Lyon", 1), ("change", "2019", "Lyon", 1), ("count", "2019", "Lyon", 2)]
    for c in claims:
        assert text[c.start : c.end] == c.quantity and c.published == "2020-01-02" and c.source == "a.txt"
        assert c.claim_id == claim_id("d1", c.start, c.end, c.kind)
    assert claims[1].rule == "test.quantity+kind.change_by.v1"


def test_rule_windows_are_bounded_on_huge_input():
    text = "9" * 100000 + " rose " + "x" * 50000
    found = [Found(0, 100000, "9" * 100000, 9.0, "count", "exact", "t")]
    out = analyse_sentence(text, 0, found, RULES)
    assert len(out) == 1 and isinstance(RULES, ClaimRules)


# ------------------------------------------------------------------ not claims
@pytest.mark.parametrize("rule, example", cases("nonclaim", "examples"))
def test_nonclaim_rule_examples(rule, example):
    text, spans = unmark(example)
    (s, e), = spans
    f = Found(s, e, text[s:e], 3.0, "count", "exact", "t", is_word=True)
    assert drop_non_claims(text, 0, [f], RULES) == []


@pytest.mark.parametrize("rule, example", cases("nonclaim", "counter_examples"))
def test_nonclaim_rule_counter_examples(rule, example):
    text, spans = unmark(example)
    (s, e), = spans
    f = Found(s, e, text[s:e], 3.0, "count", "exact", "t", is_word=True)
    assert drop_non_claims(text, 0, [f], RULES) == [f]


def test_nonclaim_takes_its_list_along_but_spares_digits_and_other_items():
    text = "Trade among the three provinces and one city rose, and the 12 banks hired two analysts."
    words = [Found(text.index(w), text.index(w) + len(w), w, 1.0, "count", "exact", "t", is_word=True)
             for w in ("three", "one", "two")]
    digits = Found(text.index("12"), text.index("12") + 2, "12", 12.0, "count", "exact", "t")
    kept = drop_non_claims(text, 0, [*words, digits], RULES)
    assert [f.text for f in kept] == ["12", "two"]


def test_parallel_figure_takes_the_kind_of_the_one_it_is_compared_with():
    text = "The browser had 92.9% of users in October, compared to 95.5% in June."
    out = analyse_sentence(text, 0, [quantity(text, "92.9%", "%"), quantity(text, "95.5%", "%")], RULES)
    assert [f.kind for f in out] == ["share", "share"] and "group.parallel.v1" in out[1].rules


def test_multiple_of_a_bare_number_takes_unit_x() -> None:
    from pipeline.api import extract

    frame = extract("Rainfall was 120mm, three times the monthly average.")
    row = frame[frame["quantity"] == "three"].iloc[0]
    assert (row["value"], row["unit"], row["kind"]) == (3.0, "x", "ratio")


# ------------------------------------------------------------------ units carried between figures
GRAMMAR = load_grammar()


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


def test_index_level_takes_points():
    findings = analyse_sentence("The index dropped to 61.2 in March.", 0,
                                find_quantities("The index dropped to 61.2 in March.", GRAMMAR), RULES)
    assert [(f.found.value, f.found.unit, f.kind) for f in findings] == [(61.2, "pt", "level")]
