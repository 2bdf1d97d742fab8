"""What a quantity measures (its ``metric``): a short noun phrase found from the ``metric`` cues of
``rules/claims.toml`` ("a transaction amount of 400.35 billion yuan" -> "transaction amount").

A cue's group ``cue`` ends (``before`` rules) or starts (``after`` rules) the noun phrase; the phrase walker
stops at the stop words of the ``metric`` words rule and follows 'X of Y' chains through its determiners
and prepositions.
"""
from __future__ import annotations

import logging

import regex

from .claim_rules import ClaimRules
from .kinds import BEFORE_CHARS

log = logging.getLogger(__name__)

#: Longest metric phrase, in words.
MAX_METRIC_WORDS = 8

_TOKEN = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}&'’\-]{0,40}|[^\s\p{L}\p{N}]")


def _chunk(tokens: list[regex.Match], i: int, rules: ClaimRules) -> tuple[list[str], int]:
    """Words of the noun chunk ending at token ``i`` (walking back) and the index of the stop token.

    A parenthesis right at the end ("Gross domestic product (GDP)") is skipped.
    """
    words: list[str] = []
    if i >= 0 and tokens[i].group() == ")":
        j = i
        while j > max(-1, i - 8) and tokens[j].group() != "(":
            j -= 1
        if j >= 0 and tokens[j].group() == "(":
            i = j - 1
    while i >= 0 and len(words) < MAX_METRIC_WORDS:
        tok = tokens[i].group()
        low = tok.lower()
        wordlike = tok[0].isalnum() and not any(ch.isdigit() for ch in tok)
        if wordlike and low not in rules.stop:
            words.insert(0, tok)
            i -= 1
            continue
        if low == "and" and words and i > 0:
            prev = tokens[i - 1].group()
            if prev[0].isalpha() and prev.lower() not in rules.stop:
                words.insert(0, tok)
                i -= 1
                continue
        break
    while words and words[0].lower() == "and":
        words.pop(0)
    return words, i


def _proper(words: list[str]) -> bool:
    """True when every word is capitalised or joins a name ('Bank of China')."""
    return all(w[:1].isupper() or w.lower() in ("of", "and", "&") for w in words)


def noun_phrase(before: str, rules: ClaimRules) -> str:
    """The noun phrase that ends ``before``, following 'X of Y' / 'X for Y' / 'X in Y' chains back to X.

    A chunk after 'a'/'an' ("in a deal") is its own phrase unless joined by 'of'; a name after any
    preposition ("claims against Yukos") gives way to the phrase before it.
    """
    tokens = list(_TOKEN.finditer(before[-BEFORE_CHARS:]))
    words, i = _chunk(tokens, len(tokens) - 1, rules)
    for _ in range(3):
        if not words or i < 1:
            break
        det = tokens[i].group().lower()
        if det in rules.determiners:
            i -= 1
        prep = tokens[i].group().lower()
        if prep not in rules.prepositions or (det in ("a", "an") and prep != "of"):
            break
        if prep not in ("of", "for", "in") and not _proper(words):
            break
        prev, j = _chunk(tokens, i - 1, rules)
        if not prev:
            break
        if prep == "of" and not words[0][:1].isupper():
            words = [*prev, "of", *words]
        else:
            words = prev
        i = j
    if words and words[0].endswith(("'s", "’s")):
        words = words[1:]
    return " ".join(words[:MAX_METRIC_WORDS])


def noun_phrase_after(after: str, rules: ClaimRules) -> str:
    """The noun phrase that starts ``after`` (leading determiners and possessives skipped)."""
    words: list[str] = []
    for m in _TOKEN.finditer(after[:BEFORE_CHARS]):
        tok = m.group()
        low = tok.lower()
        if not words and (low in rules.determiners or tok.endswith(("'s", "’s"))):
            continue
        if tok[0].isalnum() and not any(ch.isdigit() for ch in tok) and low not in rules.stop:
            words.append(tok)
            if len(words) >= MAX_METRIC_WORDS - 2:
                break
            continue
        break
    return " ".join(words)


def cue_metric(before: str, rules: ClaimRules, after: str = "") -> tuple[str, str]:
    """``(metric, rule id)`` from the first metric cue with a noun phrase: before the quantity, then after."""
    for rule in rules.metric_cues:
        match = rule.compiled["before"].search(before)
        if match is None:
            continue
        phrase = noun_phrase(before[: match.start("cue")], rules)
        if phrase:
            return phrase, rule.id
    for rule in rules.metric_after:
        match = rule.compiled["after"].match(after)
        if match is None:
            continue
        phrase = noun_phrase_after(after[match.end("cue") :], rules)
        if phrase:
            return phrase, rule.id
    return "", ""


def is_generic(metric: str, rules: ClaimRules) -> bool:
    """True when ``metric`` is empty or a generic phrase ("total", "increase") that says nothing measured."""
    return not metric or metric.lower() in rules.generic
