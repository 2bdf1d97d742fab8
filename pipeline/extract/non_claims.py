"""Found quantities that are not claims, by their context: the context rules of ``rules/non_claims.toml``.

The pattern rules of the same file drop numbers while the grammar finds quantities
(:func:`~pipeline.extract.quantities.sift_quantities`); the context rules run here, on the quantities of
one sentence, when claims are made ("exported among the three provinces": "three" refers back to a known
set and reports nothing new).
"""
from __future__ import annotations

import logging
from collections.abc import Sequence

import regex

from ..rules import Rule
from .claim_rules import ClaimRules
from .kinds import context, context_matches, units_ok
from .quantities import Quantity, Sifted

log = logging.getLogger(__name__)

#: The words between two spelled-out counts of one list ("three provinces and one city").
_LIST_TAIL = regex.compile(r"\s{1,3}(?:[\p{L}-]{1,30}\s{1,3}){0,3}(?:and|or)\s{1,3}")


def is_non_claim(rule: Rule, q: Quantity, before: str, after: str) -> bool:
    """True when context rule ``rule`` applies to quantity ``q`` between ``before`` and ``after``."""
    if rule.get("word_numbers") and not q.is_word:
        return False
    return units_ok(rule, q.unit) and context_matches(rule, before, after)


def sift_non_claims(text: str, base: int, found: Sequence[Quantity], rules: ClaimRules) -> Sifted:
    """The quantities of sentence ``text`` (at absolute offset ``base``) a context rule keeps, sorted, and
    those it drops with the rule's id.

    A dropped word count takes the word counts of its own list with it ("the three provinces and one
    city": "one" goes with "three", for the same rule).
    """
    kept: list[Quantity] = []
    dropped: list[tuple[Quantity, tuple[str, ...]]] = []
    last: tuple[Quantity, tuple[str, ...]] | None = None
    for q in sorted(found, key=lambda x: x.start):
        before, after = context(text, base, q)
        rule = next((r for r in rules.nonclaims if is_non_claim(r, q, before, after)), None)
        if rule is not None:
            log.debug("not a claim: %r", q.text)
            last = (q, (rule.id,))
            dropped.append(last)
            continue
        if last is not None and q.is_word and last[0].unit == q.unit and _LIST_TAIL.fullmatch(
            text[last[0].end - base : q.start - base]
        ):
            last = (q, last[1])
            dropped.append(last)
            continue
        last = None
        kept.append(q)
    return Sifted(kept, dropped)


def drop_non_claims(text: str, base: int, found: Sequence[Quantity], rules: ClaimRules) -> list[Quantity]:
    """Quantities of a sentence minus those a context rule of ``non_claims.toml`` rejects (sorted)."""
    return sift_non_claims(text, base, found, rules).kept
