"""The claim rules of ``rules/claims.toml``, validated and sorted into families: :class:`ClaimRules`.

Families (field ``family``): ``kind``, ``default``, ``rank``, ``group``, ``metric``, ``subject`` and
``period``; the header comment of the rules file says what each field does. Two tables the claim rules
need are written once in other rule files and read from there: the number words that value ranks
("second", "number two": ``numbers.toml``) and the context rules of ``non_claims.toml`` (found quantities
that are not claims).
"""
from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import regex

from ..errors import Errors, RulesError
from ..rules import Rule, RuleFile, Schema, load_family
from .grammar import NON_CLAIMS_SCHEMA, load_word_tables, split_non_claims
from .numwords import WordTables

log = logging.getLogger(__name__)

KINDS = ("count", "amount", "share", "change", "rank", "ratio", "level", "duration", "age")
FAMILIES = ("kind", "default", "rank", "group", "metric", "subject", "period")
#: Roles of ``group`` rules.
GROUP_ROLES = ("connector", "respectively", "modifier", "parallel", "carry", "carry_back")

#: What an example of a claim rule may say of the claim made from its marked quantity.
CLAIM_EXAMPLE: dict[str, type | tuple[type, ...]] = {
    "kind": str, "value": float, "unit": str, "bound": str, "metric": str, "period": str,
}

SCHEMA = Schema(
    fields={
        "family": str,
        "role": str,
        "kind": str,
        "units": list,
        "pattern": str,
        "before": str,
        "after": str,
        "clause": str,
        "stop": list,
        "determiners": list,
        "prepositions": list,
        "generic": list,
        "labels": list,
        "words": list,
        "count_unit": str,
    },
    required=("id", "family", "description"),
    patterns=("pattern", "before", "after", "clause"),
    example_fields=CLAIM_EXAMPLE,
    marks=True,
)


@dataclass(frozen=True)
class ClaimRules:
    """The claim rules of one ``claims.toml``, sorted into families, with the tables they read elsewhere."""

    file: RuleFile
    #: Number words of ``numbers.toml``: ordinal and cardinal words give a rank its value.
    words: WordTables
    kinds: tuple[Rule, ...]
    #: unit code (or "*") -> (kind, id of the ``default`` rule) for quantities no ``kind`` rule decided.
    defaults: dict[str, tuple[str, str]]
    ranks: tuple[Rule, ...]
    #: A cheap test that a text may hold a rank (``None``: search every text).
    rank_precheck: regex.Pattern | None
    connector: regex.Pattern | None
    respectively: regex.Pattern | None
    metric_cues: tuple[Rule, ...]
    metric_after: tuple[Rule, ...]
    #: Words that end a metric phrase: ``stop``, ``determiners`` and ``prepositions`` of the metric words.
    stop: frozenset[str]
    determiners: frozenset[str]
    prepositions: frozenset[str]
    generic: frozenset[str]
    subject_labels: frozenset[str]
    subject_words: frozenset[str]
    periods: tuple[Rule, ...]
    modifiers: tuple[Rule, ...] = ()
    #: Context rules of ``non_claims.toml``: found quantities they match are not claims.
    nonclaims: tuple[Rule, ...] = ()
    parallels: tuple[Rule, ...] = ()
    #: unit carry rules: (rule, direction) with direction "forward" (unit written before) or "back".
    carries: tuple[tuple[Rule, str], ...] = ()
    #: ids of the connector and respectively rules (they label list decisions).
    group_ids: tuple[str, str] = ("", "")
    #: kind rule id -> the unit a bare count takes when that rule decides its kind ("three times" -> "x").
    count_units: dict[str, str] = field(default_factory=dict)


def _bad(rf: RuleFile, rule: Rule, name: str, expected: str) -> RulesError:
    return RulesError(Errors.E006.format(file=rf.path, rule=rule.id, field=name, expected=expected))


def _missing(rf: RuleFile, rule: Rule, name: str) -> RulesError:
    return RulesError(Errors.E005.format(file=rf.path, rule=rule.id, field=name))


def build_claim_rules(rf: RuleFile, words: WordTables, non_claims: Sequence[Rule] = ()) -> ClaimRules:
    """Sort a validated ``claims`` rule file into families; raises :class:`RulesError` when inconsistent.

    ``words``: the number word tables (:func:`~pipeline.extract.grammar.load_word_tables`);
    ``non_claims``: the context rules of ``non_claims.toml``.
    """
    fam: dict[str, list[Rule]] = {f: [] for f in FAMILIES}
    for rule in rf.rules:
        family = rule.get("family")
        if family not in FAMILIES:
            raise _bad(rf, rule, "family", "one of " + ", ".join(FAMILIES))
        if rule.get("kind") is not None and rule.get("kind") not in KINDS:
            raise _bad(rf, rule, "kind", "one of " + ", ".join(KINDS))
        if family == "kind" and not any(rule.compiled.get(k) is not None for k in ("before", "after", "clause")):
            raise _missing(rf, rule, "before")
        if family in ("kind", "default") and rule.get("kind") is None:
            raise _missing(rf, rule, "kind")
        if rule.get("enabled", True):
            fam[family].append(rule)
    defaults = {u: (r.get("kind"), r.id) for r in fam["default"] for u in r.get("units", [])}
    lists: dict[str, set[str]] = {"stop": set(), "determiners": set(), "prepositions": set(), "generic": set()}
    for rule in fam["metric"]:
        for key, seen in lists.items():
            seen.update(w.lower() for w in rule.get(key, []))
    labels: set[str] = set()
    subject_words: set[str] = set()
    for rule in fam["subject"]:
        labels.update(rule.get("labels", []))
        subject_words.update(rule.get("words", []))
    connector = respectively = None
    ids = ["", ""]
    modifiers: list[Rule] = []
    parallels: list[Rule] = []
    carries: list[tuple[Rule, str]] = []
    for rule in fam["group"]:
        role = rule.get("role")
        if role not in GROUP_ROLES:
            raise _bad(rf, rule, "role", "one of " + ", ".join(GROUP_ROLES))
        if role in ("modifier", "parallel"):
            if rule.compiled.get("before") is None:
                raise _missing(rf, rule, "before")
            (modifiers if role == "modifier" else parallels).append(rule)
            continue
        if rule.pattern is None:
            raise _missing(rf, rule, "pattern")
        if role in ("carry", "carry_back"):
            carries.append((rule, "forward" if role == "carry" else "back"))
        elif role == "respectively":
            respectively, ids[1] = rule.pattern, rule.id
        else:
            connector, ids[0] = rule.pattern, rule.id
    ranks = tuple(r for r in fam["rank"] if r.pattern is not None)
    return ClaimRules(
        file=rf,
        words=words,
        kinds=tuple(fam["kind"]),
        defaults=defaults,
        ranks=ranks,
        rank_precheck=_rank_precheck(ranks, words),
        connector=connector,
        respectively=respectively,
        metric_cues=tuple(r for r in fam["metric"] if r.compiled.get("before") is not None),
        metric_after=tuple(r for r in fam["metric"] if r.compiled.get("after") is not None),
        stop=frozenset(lists["stop"] | lists["determiners"] | lists["prepositions"]),
        determiners=frozenset(lists["determiners"]),
        prepositions=frozenset(lists["prepositions"]),
        generic=frozenset(lists["generic"]),
        subject_labels=frozenset(labels),
        subject_words=frozenset(subject_words),
        periods=tuple(r for r in fam["period"] if r.pattern is not None),
        modifiers=tuple(modifiers),
        nonclaims=tuple(non_claims),
        parallels=tuple(parallels),
        carries=tuple(carries),
        group_ids=(ids[0], ids[1]),
        count_units={r.id: r.get("count_unit") for r in fam["kind"] if r.get("count_unit")},
    )


def _rank_precheck(ranks: Sequence[Rule], words: WordTables) -> regex.Pattern:
    """A cheap test that a text may hold a rank: an ordinal word a rank pattern names, a digit ordinal,
    'number' or 'No.'."""
    named = [
        w for w in words.ordinals
        if w.endswith(("st", "nd", "rd", "th"))
        and any(regex.search(rf"(?i)(?<![a-z]){regex.escape(w)}(?![a-z])", r.get("pattern", "")) for r in ranks)
    ]
    ordered = sorted(named, key=len, reverse=True)
    alternatives = [*(regex.escape(w) for w in ordered), r"\d{1,4}(?:st|nd|rd|th)", "number", r"No\."]
    return regex.compile(r"(?i)\b(?:" + "|".join(alternatives) + r")(?!\w)")


def load_claim_rules(folder: Path | None = None) -> ClaimRules:
    """Load and check ``<folder>/claims.toml`` (default: the project's rules) with the number words of
    ``numbers.toml`` and the context rules of ``non_claims.toml``; :class:`RulesError` when broken."""
    non_claims = split_non_claims(load_family("non_claims", NON_CLAIMS_SCHEMA, folder))[1]
    return build_claim_rules(load_family("claims", SCHEMA, folder), load_word_tables(folder), non_claims)
