"""Ranks: positions in a ranking ("ranking second in the country" -> 2, unit ``rank``).

The number grammar leaves ordinals alone (most are not claims: "the second round"); the ``rank`` rules of
``rules/claims.toml`` find the ones that are, and the word tables of ``rules/numbers.toml`` value them.
"""
from __future__ import annotations

import logging
from collections.abc import Sequence

import regex

from ..errors import Errors, RuleTimeout
from ..rules import REGEX_TIMEOUT
from .claim_rules import ClaimRules
from .numwords import WordTables
from .quantities import Quantity

log = logging.getLogger(__name__)

_DIGIT_ORDINAL = regex.compile(r"(\d{1,4})(?:st|nd|rd|th)?", regex.IGNORECASE)
#: A place written with a hash before its digits ("opened at #1"), which the word-bounded precheck cannot see.
_HASH_PLACE = regex.compile(r"\#\d")


def rank_value(word: str, words: WordTables) -> int | None:
    """The value of the rank word a rank rule caught: an ordinal word ("second" -> 2), a cardinal word
    ("number two" -> 2) or digits with or without an ordinal suffix ("3rd", "No. 3", "#1" -> 3, 3, 1)."""
    low = word.strip().lower()
    if low in words.ordinals:
        return words.ordinals[low]
    if low in words.cardinals:
        return int(words.cardinals[low])
    match = _DIGIT_ORDINAL.fullmatch(low)
    return int(match.group(1)) if match else None


def find_ranks(text: str, rules: ClaimRules, offset: int = 0) -> list[Quantity]:
    """Rank claims of ``text``: the span is group ``span`` if the rule has one, else the ordinal ("second").

    Raises :class:`RuleTimeout` (E230) when a rule's pattern runs over the per-regex time bound."""
    out: list[Quantity] = []
    if rules.rank_precheck is not None and rules.rank_precheck.search(text) is None \
            and _HASH_PLACE.search(text) is None:
        return out
    for rule in rules.ranks:
        try:
            for match in rule.pattern.finditer(text, timeout=REGEX_TIMEOUT):
                s, e = match.span("span") if "span" in rule.pattern.groupindex else match.span("ordinal")
                if s < 0 or match.start("ordinal") < 0:
                    continue
                value = rank_value(match.group("ordinal"), rules.words)
                if value is None:
                    continue
                out.append(Quantity(offset + s, offset + e, text[s:e], float(value), "rank", "exact", rule.id))
        except TimeoutError:
            raise RuleTimeout(Errors.E230.format(file=rule.file, rule=rule.id, seconds=REGEX_TIMEOUT)) from None
    out.sort(key=lambda f: f.start)
    kept: list[Quantity] = []
    for f in out:
        if not kept or f.start >= kept[-1].end:
            kept.append(f)
    return kept


def merge_ranks(quantities: Sequence[Quantity], ranks: Sequence[Quantity]) -> list[Quantity]:
    """Quantities plus ranks, sorted; a grammar quantity overlapping a rank gives way to it."""
    kept = [q for q in quantities if not any(q.start < r.end and r.start < q.end for r in ranks)]
    return sorted([*kept, *ranks], key=lambda f: f.start)
