"""The master pattern's starter: searched instead of the master, it must find the very same matches."""
from __future__ import annotations

import pytest

from pipeline.document import load_stages
from pipeline.extract.grammar import load_grammar
from pipeline.extract.quantities import _search

TEXTS = [
    "Exports rose 12% to 5 mln dlrs in 2023, up from $4.5 billion a year earlier.",
    "The plant employs more than 9,000 people and about a quarter of them work nights.",
    "Prices fell to between 3 and 4 million yuan, or negative $71.5 million in all.",
    "It was - 20 degrees Fahrenheit; at least two dozen flights were cancelled.",
    "COVID-19 cases reached 24/7 coverage on Channel 4 with 1/4 of the budget.",
    "Revenue of US$ 1.2bn, roughly three-quarters of which came from over 40 countries.",
    "No number here at all, just words and a few commas, one by one.",
    "Shares starting at €15 and priced from 20 to 30 euros sold out within 2 hours.",
    "Hundreds of millions of euros flowed in; a third went to 1½ projects and 6.02×10²³ atoms.",
    "Le prix est de 4,2 % et 250.000 VND, soit -5 points.",
    "A father-of-three and a mum-of-two won 8× more, half as many as the 3-for-1 split.",
]


@pytest.fixture(scope="module")
def grammar():
    return load_stages(use_ner=False).extractor.grammar  # compiled once per test session (rules cache)


def _spans(m) -> list[tuple[int, int]] | None:
    return None if m is None else [m.span(i) for i in range(len(m.groups()) + 1)]


@pytest.mark.parametrize("text", TEXTS)
def test_search_finds_what_the_master_finds(grammar, text):
    for pos in range(len(text) + 1):
        assert _spans(_search(text, pos, grammar)) == _spans(grammar.master.search(text, pos)), pos


@pytest.mark.parametrize("text", TEXTS)
def test_every_master_start_is_a_starter_match(grammar, text):
    starts = {m.start() for m in grammar.starter.finditer(text)}
    for m in grammar.master.finditer(text, overlapped=True):
        assert m.start() in starts


def test_starter_skips_text_without_numbers(grammar):
    assert list(grammar.starter.finditer("The company said that its sales were strong.")) == []


def test_number_rules_use_the_claim_word_lists(grammar):
    """range.change_context.v2 names {movement}: every verb of that list splits "from X to Y"."""
    from pipeline.extract.grammar import word_lists

    movement = word_lists()["movement"]
    assert any(movement in p.pattern for p in grammar.not_range)
    assert not any("{movement}" in p.pattern for p in grammar.not_range)


def test_master_pattern_fills_the_word_lists_of_number_rules(grammar):
    """number.multiple_to_level.v1 names {level_modifier}: the master pattern reads the filled list, so a
    level after 'to a record' is seen, and no '{name}' is left in it."""
    from pipeline.extract.quantities import find_quantities

    assert "{level_modifier}" not in grammar.master.pattern
    found = find_quantities("Its share doubled to a record 14% this year.", grammar)
    assert [(q.text, q.value, q.unit) for q in found][:1] == [("doubled", 2.0, "x")]


def test_unknown_word_list_is_an_error(tmp_path):
    from pipeline.errors import RulesError
    from pipeline.extract.grammar import load_grammar
    from pipeline.rules import rules_dir

    text = (rules_dir() / "numbers.toml").read_text(encoding="utf-8").replace("{movement}", "{movers}")
    (tmp_path / "numbers.toml").write_text(text, encoding="utf-8")
    with pytest.raises(RulesError, match=r"E321.*\{movers\}.*movement"):
        load_grammar(tmp_path)


def test_the_fallback_reads_one_figure_with_the_masters_groups(grammar):
    """The fallback pattern (no ranges, no ratios) has every group the master has, never sets those of a second
    figure, and reads a lone figure as the master does."""
    assert set(grammar.fallback.groupindex) == set(grammar.master.groupindex)
    second = ("scale1", "unit1", "rsep", "pre2", "num2")
    for text in TEXTS:
        for i in range(len(text)):
            m = grammar.fallback.match(text, i)
            if m is not None:
                assert all(m[name] is None for name in second), (text, i)
    for text, at in (("Exports rose 12.5% in 2023.", 13), ("more than 9,000 people", 0), ("US$ 1.2bn in all", 0)):
        assert _spans(grammar.fallback.match(text, at)) == _spans(grammar.master.match(text, at))


@pytest.mark.parametrize("text, found", [
    ("The singer, a father-of-three, spoke.", [("three", 3.0, "count")]),
    ("The mum-of-two from Leeds won.", [("two", 2.0, "count")]),
    ("A jack-of-all-trades, the man-of-two-minds type.", []),  # only a parent's children are read after "-of-"
    ("It makes half as much steel as it did.", [("half", 0.5, "x")]),
])
def test_the_children_of_a_parent_and_half_as_much(grammar, text, found):
    from pipeline.extract.quantities import find_quantities
    assert [(q.text, q.value, q.unit) for q in find_quantities(text, grammar)] == found
