"""The context of a claim: its subject (a place or organisation named by NER) and its period (a year).

Subjects come from the entities of the claim's sentence (labels and name endings from the ``subject``
rules of ``rules/claims.toml``), else from the article; periods from the years of the sentence, else of
its paragraph, else from a ``period`` rule that finds the year the article's account is introduced with.
"""
from __future__ import annotations

import logging
from collections.abc import Sequence

import regex

from .claim_rules import ClaimRules
from .ner import Entity
from .quantities import Quantity

log = logging.getLogger(__name__)

#: Longest opening clause without a quantity whose entity can still be a subject ("In Shanghai, ...").
INTRO_WORDS = 6
#: Characters at the start of an article searched for the year its account is introduced with.
INTRO_CHARS = 20000

#: Where a sentence splits into clauses.
_SEGMENT_BREAK = regex.compile(r"[,;:]\s")


def subject_entities(entities: Sequence[Entity], rules: ClaimRules) -> list[Entity]:
    """Entities that may be a claim's subject (place or organisation), leading 'the' removed."""
    out = []
    for ent in entities:
        text = ent.text
        if any(ch.isdigit() for ch in text):
            continue
        ok = ent.label in rules.subject_labels or (
            ent.label == "PERSON" and text.split()[-1].strip(".,") in rules.subject_words
        )
        if not ok:
            continue
        start = ent.start
        if text.lower().startswith("the "):
            text, start = text[4:], start + 4
        if text.endswith(("'s", "’s")):
            text = text[:-2]
        text = text.rstrip("'’")
        out.append(Entity(start, start + len(text), ent.label, text.strip(' "“”')))
    return out


def pick_subject(text: str, base: int, f: Quantity, entities: Sequence[Entity], quantities: Sequence[Quantity]) -> str:
    """The subject of quantity ``f``: the first entity before it in its clause, else in an earlier clause.

    Clauses are split at ', ' and '; '. An earlier clause counts when it holds a quantity (a main clause,
    not an item of a list of names), opens with the entity and goes on ("Lyon has reached a new level"),
    or is a short opening ("In Shanghai, ..."); only an entity before its first quantity counts (the
    clause's own subject, not a name inside a counted noun).
    """
    cuts = [0, *(m.end() for m in _SEGMENT_BREAK.finditer(text)), len(text) + 1]
    local = f.start - base
    seg = max(k for k in range(len(cuts) - 1) if cuts[k] <= local)
    ents = [e for e in entities if not any(e.start < q.end and q.start < e.end for q in quantities)]
    for k in range(seg, -1, -1):
        lo, hi = base + cuts[k], base + cuts[k + 1]
        own = [q.start for q in quantities if lo <= q.start < hi]
        limit = f.start if k == seg else min(own or [hi])
        here = [e for e in ents if lo <= e.start and e.end <= limit]
        if not here:
            continue
        if k != seg and not own:
            clause = text[lo - base : hi - base]
            intro = k == 0 and len(clause.split()) <= INTRO_WORDS
            opener = here[0].start - lo <= 4 and len(clause.split()) >= len(here[0].text.split()) + 3
            if not (intro or opener):
                continue
        return here[0].text
    return ""


def article_subject(entities: Sequence[Entity]) -> str:
    """The place or organisation named most often in the article (GPE first), or ''."""
    counts: dict[str, int] = {}
    for label in ("GPE", None):
        for ent in entities:
            if label is None or ent.label == label:
                counts[ent.text] = counts.get(ent.text, 0) + 1
        if counts:
            return max(counts, key=lambda t: counts[t])
    return ""


def pick_period(local: int, years: Sequence[tuple[int, int, str]], base: int, text: str) -> str:
    """The year of the quantity at ``local``: nearest in its clause, else nearest before it, else after."""
    if not years:
        return ""
    cuts = [0, *(m.end() for m in _SEGMENT_BREAK.finditer(text)), len(text) + 1]
    k = max(n for n in range(len(cuts) - 1) if cuts[n] <= local)
    spots = [(y[0] - base, y[2]) for y in years]
    same = [y for y in spots if cuts[k] <= y[0] < cuts[k + 1]]
    if same:
        return min(same, key=lambda y: abs(y[0] - local))[1]
    before = [y for y in spots if y[0] < local]
    return before[-1][1] if before else spots[0][1]


def article_period(text: str, rules: ClaimRules) -> tuple[str, str]:
    """``(year, rule id)``: the year an article's account is introduced with ("In 2022, ...") and the
    ``period`` rule that found it, or ``("", "")``."""
    for rule in rules.periods:
        match = rule.pattern.search(text[:INTRO_CHARS])
        if match:
            return match.group("year"), rule.id
    return "", ""
