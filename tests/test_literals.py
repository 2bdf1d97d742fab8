"""Words a pattern cannot match without: every match holds one of them; unknown forms get no test."""
from __future__ import annotations

import pytest
import regex

from pipeline.extract.grammar import load_grammar
from hypothesis import given, strategies as st

from pipeline.literals import NeedIndex, dispatch, first_chars, holds_any, needed_words


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


_WORDS = st.text(alphabet="abcß.%", min_size=1, max_size=4)


@given(st.lists(st.one_of(st.none(), st.frozensets(_WORDS, min_size=1, max_size=4)), max_size=8),
       st.text(alphabet="abcß.% ", max_size=30))
def test_need_index_says_what_holds_any_says(needs, text):
    """Bit ``i`` of the one-pass mask is set exactly when the text holds one of rule ``i``'s words."""
    mask = NeedIndex(needs).possible(text)
    assert [bool(mask >> i & 1) for i in range(len(needs))] == [holds_any(text, n) for n in needs]


def test_need_index_pickles():
    import pickle

    index = pickle.loads(pickle.dumps(NeedIndex([frozenset({"ago"}), None, frozenset({"read", "min"})])))
    assert index.possible("3 min ago") == 0b111
    assert index.possible("later") == 0b010


def test_holds_any():
    assert holds_any("5 minutes ago", frozenset({"ago"}))
    assert not holds_any("5 minutes later", frozenset({"ago", "read"}))
    assert holds_any("anything", None)


def _rules_with_needs():
    """Every loaded rule with a pattern: non-claim, clutter and claim rules (periods, cues...)."""
    from pipeline.clean.page import load_clean_config
    from pipeline.extract.claim_rules import load_claim_rules

    g = load_grammar()
    claim_rules = load_claim_rules(None)
    clutter = load_clean_config(None, ()).clutter
    seen = {}
    for rule in (*(r for r, _ in g.vetoes), *clutter.rules, *claim_rules.clause_periods):
        if rule.pattern is not None:
            seen[rule.id] = rule
    return list(seen.values())


@pytest.mark.slow  # every match of every rule over all rule examples (seconds); the rule-example tests run the
# same examples through the filtered passes
def test_every_match_is_at_a_needed_word():
    """The rules' own examples: from where each match starts (a look-ahead's words come after it), the text
    holds one of the words the rule needs; the non-claim rules' own need test says the same."""
    g = load_grammar()
    checked = 0
    for (rule, _), need in zip(g.vetoes, g.veto_needs, strict=True):
        for ex in (*rule.examples, *rule.counter_examples):
            for m in rule.pattern.finditer(ex.text):
                assert holds_any(ex.text[m.start():].casefold(), need), (rule.id, m.group())
    for rule in _rules_with_needs():
        for ex in (*rule.examples, *rule.counter_examples):
            for m in rule.pattern.finditer(ex.text):
                assert holds_any(ex.text[m.start():].casefold(), rule.needs), (rule.id, m.group())
                checked += rule.needs is not None
    assert checked > 200


def test_most_rules_have_a_need_test():
    """Named groups, look-aheads and small classes are read, so few patterns must always be run."""
    rules = _rules_with_needs()
    assert sum(r.needs is not None for r in rules) / len(rules) > 0.8


@pytest.mark.parametrize(("pattern", "needs"), [
    (r"(?P<q>first|second)\squarter|(?P<q>Q)[1-4]", {"quarter", "q"}),  # one name in two branches
    (r"\d{1,2}(?=\s(?:km|miles)\b)", {"km", "miles"}),  # a look-ahead's words
    (r"\d(?!\s(?:km|miles))x", {"x"}),  # a negative look-ahead needs nothing
    (r"\b[48][Kk]\b", {"k"}),  # a class of one letter in either case
    (r"[\"“]\d{1,4}[\"”]", {'"', "“"}),  # a small class: one of its characters
    (r"\d(?P=x)", None),  # a reference to a name: not read
])
def test_needed_words_reads_regex_forms(pattern, needs):
    assert needed_words(pattern) == (frozenset(needs) if needs is not None else None)


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
