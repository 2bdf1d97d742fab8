"""Words a pattern cannot match without: every match holds one of them; unknown forms get no test."""
from __future__ import annotations

import pickle

import pytest
import regex
from hypothesis import given, strategies as st

from pipeline.literals import NeedIndex, dispatch, first_chars, holds, needed_literals


def exact(*words):
    return {(w, True) for w in words}


def folded(*words):
    return {(w, False) for w in words}


@pytest.mark.parametrize(("pattern", "needs"), [
    (r"(?i)\d{1,3}\s{0,2}(?:days?|weeks?)\s{1,2}ago\b|\b\d{1,3}\s{0,2}min\s{1,2}read\b", folded("ago", "read")),
    (r"\bQ[1-4]\b|\bH[12]\b", exact("Q", "H")),
    (r"(?<=\bthe\s)(?:one|two)\s{1,2}(?:months?|weeks?)\b", exact("month", "week")),  # the longer words
    (r"\bone\b(?<=\b(?i:a|an)\s{1,2}\p{Ll}{1,20}\s{1,2}one)", exact("one")),
    (r"(?x) \b Fortune \s{1,2} \d{1,3} \b", exact("Fortune")),
    (r"(?:ab)++x", exact("ab")),
    (r"(?:foo|\d)bar?", exact("ba")),  # a group with a branch that needs nothing: the run after it still counts
    (r"(?P<q>first|second)\squarter|(?P<q>Q)[1-4]", exact("quarter", "Q")),  # one name in two branches
    (r"\d{1,2}(?=\s(?:km|miles)\b)", exact("km", "miles")),  # a look-ahead's words
    (r"\d(?!\s(?:km|miles))x", exact("x")),  # a negative look-ahead needs nothing
    (r"\b[48][Kk]\b", folded("k")),  # a class of one letter in either case
    (r"[\"“]\d{1,4}[\"”]", exact('"', "“")),  # a small class: one of its characters
    (r"No\.\s\d|(?i:number)\s\d", exact("No.") | folded("number")),  # case-sensitive where the pattern is
    (r"(?i)\bSTRASSE\b", folded("strasse")),
    (r"^\W{0,3}Watch\s{0,2}[:：]\s{0,2}\p{Lu}", exact("Watch")),  # a class opening with a colon is a plain class
    (r"\d{1,2}[:.]\d\d\s?[ap]m", exact("m")),
])
def test_needed_literals(pattern, needs):
    assert needed_literals(pattern) == frozenset(needs)


def test_a_pattern_compiled_ignoring_case_needs_folded_strings():
    assert needed_literals(r"No\.\s\d", ignore_case=True) == frozenset(folded("no."))


@pytest.mark.parametrize("pattern", [
    r"\d{1,4}",  # no literal at all
    r"(?:cat){e<=1}",  # fuzzy matching: read otherwise by the standard parser
    r"[[:alpha:]]+dog",  # a POSIX class
    r"[x[:alpha:]]+dog",  # a POSIX class after another member
    r"[a[bc]]dog",  # a nested set (version 1)
    r"[\w--\d]+dog",  # a set difference (version 1)
    r"\L<words>",  # a named list
    r"x{2,}(?|a|b)",  # a branch reset
    r"(?P<x>a)\d(?P=x)",  # a reference to a name
])
def test_foreign_or_literal_free_patterns_get_no_test(pattern):
    assert needed_literals(pattern) is None


def test_holds():
    assert holds("5 minutes AGO", frozenset(folded("ago")))
    assert not holds("5 minutes ago", frozenset(exact("AGO")))
    assert not holds("5 minutes later", frozenset(folded("ago", "read")))
    assert holds("anything", None)


_NEED = st.tuples(st.text(alphabet="abAcßSS.%", min_size=1, max_size=4), st.booleans()).map(
    lambda n: n if n[1] else (n[0].casefold(), False))


@given(st.lists(st.one_of(st.none(), st.frozensets(_NEED, min_size=1, max_size=4)), max_size=8),
       st.text(alphabet="abAcßSs.% ", max_size=30))
def test_need_index_says_what_holds_says(needs, text):
    """Bit ``i`` of the one-pass mask is set exactly when the text holds one of rule ``i``'s strings."""
    mask = NeedIndex(needs).possible(text)
    assert [bool(mask >> i & 1) for i in range(len(needs))] == [holds(text, n) for n in needs]


def test_need_index_pickles():
    index = pickle.loads(pickle.dumps(NeedIndex([frozenset(folded("ago")), None, frozenset(exact("read", "Min"))])))
    assert index.possible("3 Min AGO") == 0b111
    assert index.possible("3 min later") == 0b010


def _rules_with_needs():
    """Every loaded rule with a pattern: non-claim, clutter and period rules (of the stages compiled once a
    session)."""
    from pipeline.document import load_stages

    stages = load_stages(use_ner=False)
    g = stages.extractor.grammar
    clutter = stages.clean.clutter
    seen = {}
    for rule in (*(r for r, _ in g.vetoes), *clutter.rules, *stages.extractor.rules.clause_periods):
        if rule.pattern is not None:
            seen[rule.id] = rule
    return list(seen.values())


@pytest.mark.slow  # every match of every rule over all rule examples (seconds); the rule-example tests run the
# same examples through the filtered passes
def test_every_match_is_at_a_needed_word():
    """The rules' own examples: from where each match starts (a look-ahead's words come after it), the text
    holds one of the strings the rule needs."""
    checked = 0
    for rule in _rules_with_needs():
        for ex in (*rule.examples, *rule.counter_examples):
            for m in rule.pattern.finditer(ex.text):
                assert holds(ex.text[m.start():], rule.needs), (rule.id, m.group())
                checked += rule.needs is not None
    assert checked > 200


def test_most_rules_have_a_need_test():
    """Named groups, look-aheads and small classes are read, so few patterns must always be run."""
    rules = _rules_with_needs()
    assert sum(r.needs is not None for r in rules) / len(rules) > 0.8


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
