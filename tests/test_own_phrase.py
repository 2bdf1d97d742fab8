"""Tests of pipeline.extract.own_phrase and its use by the findings: a word of movement written after a figure past
other words moves the figure only when the sentence's tokens keep it in the figure's phrase ("a 3% pay rise"), not
when it belongs to a clause of its own ("keeping warming below 1.5C requires deep cuts")."""
from __future__ import annotations

import pytest

from pipeline.extract.claim_rules import load_claim_rules
from pipeline.extract.findings import analyse_sentence, reads_tags
from pipeline.extract.ner import Token
from pipeline.extract.own_phrase import outside_phrase

from standins import grammar_quantities, span, tagged

RULES = load_claim_rules()


def _outside(words: str, figure: str, word: str) -> bool:
    text, tokens = tagged(words)
    return outside_phrase(tokens, span(text, figure), span(text, word))


@pytest.mark.parametrize("words, figure, word", [
    ("Workers/NOUN won/VERB a/DET 3%/NOUN pay/NOUN rise/NOUN ./PUNCT", "3%", "rise"),
    ("Analysts/NOUN see/VERB a/DET 3%/NOUN expected/VERB decline/NOUN ./PUNCT", "3%", "decline"),
    ("It/PRON posted/VERB a/DET 5%/NOUN seasonally/ADV adjusted/VERB rise/NOUN ./PUNCT", "5%", "rise"),
    ("It/PRON will/AUX show/VERB 22/NUM pct/NOUN compound/NOUN annual/ADJ growth/NOUN ./PUNCT", "22 pct", "growth"),
    ("Last/ADJ year/NOUN 's/PART 5.5/NUM pct/NOUN and/CCONJ negative/ADJ growth/NOUN hurt/VERB ./PUNCT",
     "5.5 pct", "growth"),
    ("A/DET 3%/NOUN rise/NOUN ./PUNCT", "3%", "rise"),
])
def test_a_word_of_the_figures_own_phrase_is_not_outside(words, figure, word):
    assert not _outside(words, figure, word)


@pytest.mark.parametrize("words, figure, word", [
    ("Keeping/VERB warming/VERB below/ADP 1.5C/NOUN requires/VERB deep/ADJ cuts/NOUN ./PUNCT", "1.5C", "cuts"),
    ("Getting/VERB to/PART 5%/NOUN means/VERB faster/ADJ growth/NOUN ./PUNCT", "5%", "growth"),
    ("Limiting/VERB warming/NOUN to/ADP 1.5C/ADJ demands/NOUN steep/ADJ cuts/NOUN ./PUNCT", "1.5C", "cuts"),
    ("A/DET 5%/NOUN levy/NOUN would/AUX bring/VERB lower/ADJ prices/NOUN ./PUNCT", "5%", "lower"),
])
def test_a_word_of_another_clause_is_outside(words, figure, word):
    assert _outside(words, figure, word)


def _parsed(text: str, heads: list[int]) -> list[Token]:
    """Tokens of ``text`` (words split at spaces, a final full stop apart) with the parse's ``heads``."""
    words = text[:-1].split() + ["."]
    tokens, at = [], 0
    for w, h in zip(words, heads, strict=True):
        start = text.index(w, at)
        tokens.append(Token(start, start + len(w), w, "NOUN" if w != "." else "PUNCT", "dep", h))
        at = start + len(w)
    return tokens


def test_with_the_parse_the_word_must_govern_the_figure():
    text = "Limiting warming to 1.5C demands steep cuts."
    tokens = _parsed(text, [4, 0, 0, 2, 4, 6, 4, 4])  # 'cuts' the object of 'demands'; '1.5C' under 'Limiting'
    assert outside_phrase(tokens, span(text, "1.5C"), span(text, "cuts"))
    text = "Workers won a 3% pay rise."
    tokens = _parsed(text, [1, 1, 5, 5, 5, 1, 1])  # '3%' and 'pay' modify 'rise'
    assert not outside_phrase(tokens, span(text, "3%"), span(text, "rise"))


def _analysed(words: str, figure: str):
    text, tokens = tagged(words)
    found = analyse_sentence(text, 0, grammar_quantities(text), RULES, tokens)
    return next(f for f in found if f.quantity.text == figure)


def test_a_word_of_movement_of_another_clause_gives_no_direction():
    words = ("Keeping/VERB warming/VERB below/ADP 1.5C/NOUN requires/VERB deep/ADJ cuts/NOUN in/ADP emissions/NOUN"
             " ./PUNCT")
    found = _analysed(words, "below 1.5C")
    assert (found.kind, found.direction) == ("change", "up")  # the warming's way, not the cuts'


def test_a_noun_of_movement_of_another_clause_makes_no_change():
    found = _analysed("Getting/VERB to/PART 5%/NOUN means/VERB faster/ADJ growth/NOUN ./PUNCT", "5%")
    assert (found.kind, found.direction) == ("level", "")


def test_a_noun_of_movement_of_the_figures_phrase_still_makes_a_change():
    found = _analysed("Workers/NOUN won/VERB a/DET 3%/NOUN pay/NOUN rise/NOUN ./PUNCT", "3%")
    assert (found.kind, found.direction) == ("change", "up")


def test_without_tokens_the_word_counts_as_before():
    text = "Getting to 5% means faster growth."
    found = analyse_sentence(text, 0, grammar_quantities(text), RULES)
    assert found[0].kind == "change"


def test_the_tagger_reads_a_sentence_whose_word_of_movement_stands_past_other_words():
    text = "Keeping warming below 1.5C requires deep cuts in emissions."
    assert reads_tags(text, 0, grammar_quantities(text), RULES)
