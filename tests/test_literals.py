"""Words a pattern cannot match without: every match holds one of them; unknown forms get no test."""
from __future__ import annotations

import pytest
import regex

from pipeline.extract.grammar import load_grammar
from pipeline.extract.literals import dispatch, first_chars, holds_any, needed_words


@pytest.mark.parametrize(("pattern", "needs"), [
    (r"(?i)\d{1,3}\s{0,2}(?:days?|weeks?)\s{1,2}ago\b|\b\d{1,3}\s{0,2}min\s{1,2}read\b", {"ago", "read"}),
    (r"\bQ[1-4]\b|\bH[12]\b", {"q", "h"}),
    (r"(?<=\bthe\s)(?:one|two)\s{1,2}(?:months?|weeks?)\b", {"month", "week"}),  # the longer words
    (r"\bone\b(?<=\b(?i:a|an)\s{1,2}\p{Ll}{1,20}\s{1,2}one)", {"one"}),
    (r"(?x) \b Fortune \s{1,2} \d{1,3} \b", {"fortune"}),
    (r"(?:ab)++x", {"ab"}),
    (r"(?:foo|\d)bar?", {"ba"}),  # a group with a branch that needs nothing: the run after it still counts
])
def test_needed_words(pattern, needs):
    assert needed_words(pattern) == frozenset(needs)


@pytest.mark.parametrize("pattern", [
    r"\d{1,4}",  # no literal at all
    r"(?:cat){e<=1}",  # fuzzy matching: read otherwise by the standard parser
    r"[[:alpha:]]+dog",  # a POSIX class
    r"\L<words>",  # a named list
    r"x{2,}(?|a|b)",  # a branch reset
])
def test_foreign_or_literal_free_patterns_get_no_test(pattern):
    assert needed_words(pattern) is None


def test_holds_any():
    assert holds_any("5 minutes ago", frozenset({"ago"}))
    assert not holds_any("5 minutes later", frozenset({"ago", "read"}))
    assert holds_any("anything", None)


@pytest.mark.slow  # every match of every non-claim rule over all rule examples (seconds); the rule-example tests
# run the same examples through the filtered pass
def test_every_non_claim_match_holds_a_needed_word():
    """The non-claim rules' own examples: each match holds one of the words its rule needs."""
    g = load_grammar()
    checked = 0
    for (rule, _), need in zip(g.vetoes, g.veto_needs, strict=True):
        if need is None:
            continue
        for ex in (*rule.examples, *rule.counter_examples):
            for m in rule.pattern.finditer(ex.text):
                assert holds_any(m.group().casefold(), need), (rule.id, m.group())
                checked += 1
    assert checked > 50


def test_case_folded_text_finds_case_insensitive_matches():
    need = needed_words(r"(?i)\bstrasse\b")
    assert need == frozenset({"strasse"})
    m = regex.search(r"(?i)\bstrasse\b", "Die STRASSE")
    assert m is not None and holds_any(m.group().casefold(), need)


@pytest.mark.parametrize(("pattern", "chars"), [
    (r"(?i:km|kilomet(?:re|er)s?)", {"k"}),
    (r"(?:metric\s{1,2})?tonnes?", {"m", "t"}),
    (r"(?<=\d)%|\bper\s?cent\b", {"%", "p"}),
    (r"[$€]|US\$", {"$", "€", "U"}),
    (r"(?x) (?i:pounds?) (?=\s\p{L})", {"p"}),
])
def test_first_chars(pattern, chars):
    assert first_chars(pattern) == frozenset(chars)


@pytest.mark.parametrize("pattern", [r"\w+s", r".x", r"(?:ab)?", r"[^a]b", r"\p{Sc}\d"])
def test_first_chars_unknown(pattern):
    assert first_chars(pattern) is None


UNITS = [r"(?:km)(?![A-Za-z0-9])", r"(?:(?i:kg|kilos?))(?![A-Za-z0-9])", r"(?:%)", r"(?:µg|μm)", r"(?:K)",
         r"(?:(?i:metres?)|m)(?![A-Za-z0-9])", r"(?:mi|miles?)(?![A-Za-z0-9])"]


@pytest.mark.parametrize("text", [
    "5 km away", "5 KG of rice", "3 Kilos", "40% more", "7 µg", "2 μm wide", "300 K", "100 metres", "9 m", "12 miles",
    "8 kmh", "no unit here", "4 Km", "1 mile",
])
def test_dispatch_matches_as_the_plain_alternation(text):
    plain = regex.compile(r"(?:\s{0,2})(?:" + "|".join(UNITS) + r")", regex.V1)
    split = regex.compile(r"(?:\s{0,2})(?:" + dispatch(UNITS) + r")", regex.V1)
    assert "(?=(?i:[" in split.pattern
    for pos in range(len(text)):
        a, b = plain.match(text, pos), split.match(text, pos)
        assert (a and a.span()) == (b and b.span()), pos


def test_dispatch_keeps_the_plain_alternation_when_a_first_character_is_unknown():
    assert dispatch([r"\w+", "km"]) == r"\w+|km"
