"""Found quantities that are not claims, by their context: the context rules of ``rules/non_claims.toml``.

The pattern rules of the same file drop numbers while the grammar finds quantities
(:func:`~pipeline.extract.quantities.sift_quantities`); the context rules run here, on the quantities of
one sentence, when claims are made ("exported among the three provinces": "three" refers back to a known
set and reports nothing new). A rule with ``points_back`` drops a count only when the text before it in its
document names the set it counts (:func:`names_set_before`): "the three provinces" is a first mention,
and a claim, in a document that has not named provinces before.
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
#: Up to three words right after a count: the noun it counts is among them ("the two [new drugs]").
_NEXT_WORDS = regex.compile(r"\s{1,3}([\p{L}'’-]{2,30})(?:\s{1,3}([\p{L}'’-]{2,30}))?(?:\s{1,3}([\p{L}'’-]{2,30}))?")
#: Plurals that do not end in -s, and their singulars.
_IRREGULAR = {"men": "man", "women": "woman", "children": "child", "people": "person", "police": "police",
              "staff": "staff", "feet": "foot", "teeth": "tooth", "mice": "mouse", "geese": "goose"}
_SINGULAR = {v: k for k, v in _IRREGULAR.items()}
#: Endings of plural nouns of doers: people.
_DOERS = ("ers", "ors", "ists", "ians", "ants", "ents")
#: A possessive ending: "the two actors' friendship" counts actors.
_POSSESSIVE = regex.compile(r"(?:['’]s?)$")


def _bare(word: str) -> str:
    return _POSSESSIVE.sub("", word)


def counted_noun(after: str, rules: ClaimRules) -> str:
    """The noun a count counts, from the text ``after`` it: the first plural among the next three words in
    lower case before a function word, a verb in -ed or punctuation ("the two new [drugs]", "the three
    [provinces] and one city"); "" when there is none ("the two of them", "the three recovered", "if the two
    ever met")."""
    m = _NEXT_WORDS.match(after)
    if m is None:
        return ""
    words: list[str] = []
    for word in (w for w in m.groups() if w):
        low = _bare(word.lower())
        if not word.islower() or low in rules.stop or low in rules.determiners or low in rules.prepositions \
                or low in rules.links or low.endswith("ed"):
            break
        words.append(low)
    return next((w for w in words if _plural(w)), "")


def _plural(word: str) -> bool:
    return word in _IRREGULAR or (word.endswith("s") and not word.endswith(("ss", "us", "is")))


def noun_forms(noun: str) -> tuple[str, ...]:
    """The singular and plural of ``noun`` ("provinces" -> province, provinces; "men" -> man, men)."""
    if noun in _IRREGULAR or noun in _SINGULAR:
        return tuple(sorted({noun, _IRREGULAR.get(noun, noun), _SINGULAR.get(noun, noun)}))
    if noun.endswith("ies") and len(noun) > 4:
        stem = noun[:-3] + "y"
    elif noun.endswith(("ches", "shes", "sses", "xes", "zes")):
        stem = noun[:-2]
    elif _plural(noun):
        stem = noun[:-1]
    else:
        stem = noun
    plural = stem[:-1] + "ies" if stem.endswith("y") and stem[-2:-1] not in "aeiou" else (
        stem + "es" if stem.endswith(("ch", "sh", "ss", "x", "z")) else stem + "s")
    return tuple(sorted({noun, stem, plural}))


def people_noun(noun: str, rules: ClaimRules) -> bool:
    """True when ``noun`` names people: one of ``rules.agents`` (singular or plural) or a plural of a doer
    ("loggers", "sufferers", "cyclists", "musicians")."""
    return noun.endswith(_DOERS) or any(form in rules.agents for form in noun_forms(noun))


def names_set_before(q: Quantity, after: str, document: str, start: int, end: int, rules: ClaimRules) -> bool:
    """True when ``document[:end]``, the text before count ``q`` (its sentence starts at ``start``), names the
    set ``q`` counts: the noun it counts, singular or plural ("Three provinces signed. ... among the three
    provinces"); the same number before a word earlier in its sentence ("studied three cases and treated the
    three patients"); for a count of people, the same number before a noun of people, up to two words on, in
    an earlier sentence ("Two young loggers were hurt. ... the two men"). A count with no noun after it ("the
    two were freed", "the three above") always points back."""
    noun = counted_noun(after, rules)
    if not noun:
        return True
    if regex.compile(r"(?i)\b(?:" + "|".join(noun_forms(noun)) + r")\b").search(document, 0, end):
        return True
    words = [q.text.lower()]
    if q.value is not None and q.value == int(q.value):
        words.append(str(int(q.value)))
    number = regex.compile(r"(?i)(?<![\d.,])\b(?:" + "|".join(regex.escape(w) for w in words)
                           + r")((?:\s{1,3}[\p{L}'’-]{2,30}){1,3})")
    if number.search(document, start, end) is not None:
        return True
    return people_noun(noun, rules) and any(
        people_noun(_bare(w.lower()), rules) for m in number.finditer(document, 0, start) for w in m.group(1).split())


def is_non_claim(rule: Rule, q: Quantity, before: str, after: str) -> bool:
    """True when context rule ``rule`` applies to quantity ``q`` between ``before`` and ``after`` (a rule with
    ``points_back`` asks :func:`names_set_before` too, in :func:`sift_non_claims`); a rule's ``quantity``
    pattern must match the quantity's own text whole ("one")."""
    if rule.get("word_numbers") and not q.is_word:
        return False
    own = rule.compiled.get("quantity")
    if own is not None and own.fullmatch(q.text) is None:
        return False
    return units_ok(rule, q.unit) and context_matches(rule, before, after)


def sift_non_claims(text: str, base: int, found: Sequence[Quantity], rules: ClaimRules,
                    document: str | None = None, at: int = 0) -> Sifted:
    """The quantities of sentence ``text`` (at absolute offset ``base``) a context rule keeps, sorted, and
    those it drops with the rule's id.

    ``document``: the text of the sentence's document, the sentence starting at ``at`` in it; a rule with
    ``points_back`` reads the document up to the quantity (None: the sentence is the document).
    A dropped word count takes the word counts of its own list with it ("the three provinces and one
    city": "one" goes with "three", for the same rule).
    """
    if document is None:
        document, at = text, 0
    kept: list[Quantity] = []
    dropped: list[tuple[Quantity, tuple[str, ...]]] = []
    last: tuple[Quantity, tuple[str, ...]] | None = None
    for q in sorted(found, key=lambda x: x.start):
        before, after = context(text, base, q)
        rule = next((r for r in rules.nonclaims if is_non_claim(r, q, before, after)
                     and (not r.get("points_back") or names_set_before(q, after, document, at,
                                                                       at + q.start - base, rules))), None)
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


def drop_non_claims(text: str, base: int, found: Sequence[Quantity], rules: ClaimRules,
                    document: str | None = None, at: int = 0) -> list[Quantity]:
    """Quantities of a sentence minus those a context rule of ``non_claims.toml`` rejects (sorted); ``document``
    and ``at`` as for :func:`sift_non_claims`."""
    return sift_non_claims(text, base, found, rules, document, at).kept
