"""Tests of pipeline.extract.ranks: rank values, spans and precedence (rule examples run in
test_claim_rules through the real claim assembly)."""
from __future__ import annotations

import pytest

from pipeline.extract.claim_rules import load_claim_rules
from pipeline.extract.quantities import Quantity
from pipeline.extract.ranks import find_ranks, merge_ranks, rank_value

RULES = load_claim_rules()


def test_rank_value_span_and_precedence_over_grammar_quantity():
    text = "The port handled 40 mln TEU, ranking third in the world, and the bank ranks No. 2 in Asia."
    ranks = find_ranks(text, RULES)
    # the "No." written before a place is part of its span, as in "climbed to [No 1]"
    assert [(r.text, r.value, r.unit) for r in ranks] == [("third", 3.0, "rank"), ("No. 2", 2.0, "rank")]
    two = text.index("2 in Asia")
    grammar_two = Quantity(two, two + 1, "2", 2.0, "count", "exact", "test.quantity")
    teu = text.index("40 mln TEU")
    merged = merge_ranks([Quantity(teu, teu + 10, "40 mln TEU", 4e7, "TEU", "exact", "t"), grammar_two], ranks)
    assert [m.unit for m in merged] == ["TEU", "rank", "rank"]


def test_rank_offsets_are_absolute():
    text = "Shanghai ranked first in the country."
    (rank,) = find_ranks(text, RULES, offset=100)
    assert text[rank.start - 100 : rank.end - 100] == "first" and rank.rule in {r.id for r in RULES.ranks}


@pytest.mark.parametrize("text", ["the second round of talks", "for the first time", "the third quarter"])
def test_ordinals_that_are_not_ranks(text):
    assert find_ranks(text, RULES) == []


@pytest.mark.parametrize(
    "word, value",
    [("second", 2), ("Twelfth", 12), ("two", 2), ("ten", 10), ("3rd", 3), ("3", 3), ("113th", 113)],
)
def test_rank_value_reads_the_number_word_tables(word, value):
    assert rank_value(word, RULES.words) == value


def test_rank_value_rejects_other_words():
    assert rank_value("apple", RULES.words) is None


def test_a_rank_pattern_over_the_regex_bound_makes_the_document_an_error(monkeypatch):
    from pipeline.document import load_stages, process_documents, text_doc
    from pipeline.errors import RuleTimeout
    from pipeline.extract import ranks

    text = "Shanghai ranked first in the country, with exports up 12%."
    monkeypatch.setattr(ranks, "REGEX_TIMEOUT", 0.0)  # a tiny bound: every search runs over it at once
    with pytest.raises(RuleTimeout, match=r"^\[E230\] .*claims\.toml: rule rank\.\S+: .* bound of 0 s"):
        find_ranks(text, RULES)
    (result,) = process_documents([text_doc(text)], load_stages(use_ner=False), clean=False)
    assert result.status == "error" and result.error.startswith("RuleTimeout: [E230] ")


@pytest.mark.parametrize(("text", "span", "value"), [
    ("The remake opened at #2 at the box office.", "#2", 2.0),
    ("Her album went to No 3 in Ireland.", "No 3", 3.0),
    ("Iowa, the No. 1 grower of corn, had a dry summer.", "No. 1", 1.0),
    ("Samsung overtook Apple as the world's No. 1 phone maker.", "No. 1", 1.0),
])
def test_places_written_with_no_or_a_hash(text, span, value):
    assert [(r.text, r.value) for r in find_ranks(text, RULES)] == [(span, value)]


@pytest.mark.parametrize("text", [
    "He wore the No. 9 shirt for the club.",
    "Take the No 38 bus to the station.",
    "A No 10 spokesman declined to comment.",
    "There is no 1 answer to the question.",
])
def test_numbers_of_shirts_buses_and_downing_street_are_no_places(text):
    assert find_ranks(text, RULES) == []
