"""Turn the quantities of one sentence into claims: kind, metric, rank, paired lists, subject and period.

Kinds (closed list, :data:`KINDS`):

- ``count``  a number of things ("120 papers", "over 22000 high-tech enterprises");
- ``amount`` money or a physical quantity ("400.35 billion yuan", "24000 TEUs");
- ``share``  a part of a whole, in percent ("accounting for 28.8%", "4.2% of GDP", "about 1/4 of the total");
- ``change`` a rise or fall ("a year-on-year increase of 12.1%", "up 45.0%", "rose to X from Y");
- ``rank``   a position in a ranking ("ranking second in the country" -> 2, unit ``rank``);
- ``ratio``  a multiple ("three times", "a ratio of 1.5");
- ``level``  a rate or other level that is none of the above ("the unemployment rate was 7.1%").

Kinds come from the ``kind`` rules of ``rules/claims.toml`` (first match in file order), else from the
``default`` rule for the quantity's unit. Values, units and bounds come from the number grammar; this module
adds ranks (which the grammar leaves alone because most ordinals are not claims), drops quantities a
``nonclaim`` rule rejects, gives bare figures the unit of the quantity they repeat ("2.82 billion crowns,
compared with 2.89 billion": ``carry`` rules), maps lists of changes to their own items ("respectively"),
and attaches a metric (a short noun phrase found from cue rules), a subject (an entity from NER) and a
period (a year).
"""
from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import regex

from ..errors import Errors, RulesError
from .quantities import Quantity as Found
from ..rules import Rule, RuleFile, Schema, load_family
from ..types import Article, Claim, Sentence

log = logging.getLogger(__name__)

KINDS = ("count", "amount", "share", "change", "rank", "ratio", "level")
FAMILIES = ("kind", "default", "rank", "group", "metric", "subject", "period", "nonclaim")

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
        "ordinals": dict,
        "stop": list,
        "generic": list,
        "heads": list,
        "labels": list,
        "words": list,
        "word_numbers": bool,
        "count_unit": str,
    },
    required=("id", "family", "description"),
    patterns=("pattern", "before", "after", "clause"),
    marks=True,
)

#: Characters of context searched before and after a quantity.
BEFORE_CHARS = 200
AFTER_CHARS = 120
#: Longest opening clause without a quantity whose entity can still be a subject ("In Shanghai, ...").
INTRO_WORDS = 6
#: Longest metric phrase, in words.
MAX_METRIC_WORDS = 8

_TOKEN = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}&'’\-]{0,40}|[^\s\p{L}\p{N}]")
_SEGMENT_BREAK = regex.compile(r"[,;:]\s")
_DETERMINERS = frozenset(("the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those"))
_LIST_TAIL = regex.compile(r"\s{1,3}(?:[\p{L}-]{1,30}\s{1,3}){0,3}(?:and|or)\s{1,3}")
_PREPOSITIONS = frozenset(("of", "for", "in", "on", "at", "to", "from", "against", "with", "by", "among"))
_DIGIT_ORDINAL = regex.compile(r"(\d{1,4})(?:st|nd|rd|th)?", regex.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    """A quantity with its kind and metric decided; rule ids of every rule that contributed."""

    found: Found
    kind: str
    metric: str
    rules: tuple[str, ...] = ()


@dataclass(frozen=True)
class Entity:
    """A named entity with absolute offsets (see :mod:`pipeline.ner`)."""

    start: int
    end: int
    label: str
    text: str


@dataclass(frozen=True)
class ClaimRules:
    """The claim rules of one ``claims.toml``, sorted into families."""

    file: RuleFile
    kinds: tuple[Rule, ...]
    defaults: dict[str, tuple[str, str]]
    ranks: tuple[Rule, ...]
    ordinals: dict[str, int]
    connector: regex.Pattern | None
    respectively: regex.Pattern | None
    metric_cues: tuple[Rule, ...]
    metric_after: tuple[Rule, ...]
    stop: frozenset[str]
    generic: frozenset[str]
    heads: frozenset[str]
    subject_labels: frozenset[str]
    subject_words: frozenset[str]
    periods: tuple[Rule, ...]
    modifiers: tuple[Rule, ...] = ()
    nonclaims: tuple[Rule, ...] = ()
    parallels: tuple[Rule, ...] = ()
    #: unit carry rules: (rule, direction) with direction "forward" (unit written before) or "back".
    carries: tuple[tuple[Rule, str], ...] = ()
    rank_precheck: regex.Pattern | None = None
    group_ids: tuple[str, str] = ("", "")
    #: kind rule id -> the unit a bare count takes when that rule decides its kind ("three times" -> "x").
    count_units: dict[str, str] = field(default_factory=dict)


def _bad(rf: RuleFile, rule: Rule, name: str, expected: str) -> RulesError:
    return RulesError(Errors.E006.format(file=rf.path, rule=rule.id, field=name, expected=expected))


def build_claim_rules(rf: RuleFile) -> ClaimRules:
    """Sort a validated ``claims`` rule file into families; raises :class:`RulesError` when inconsistent."""
    fam: dict[str, list[Rule]] = {f: [] for f in FAMILIES}
    for rule in rf.rules:
        family = rule.get("family")
        if family not in FAMILIES:
            raise _bad(rf, rule, "family", "one of " + ", ".join(FAMILIES))
        if rule.get("kind") is not None and rule.get("kind") not in KINDS:
            raise _bad(rf, rule, "kind", "one of " + ", ".join(KINDS))
        if family in ("kind", "nonclaim") and not (rule.compiled.get("before") or rule.compiled.get("after")
                                     or rule.compiled.get("clause")):
            raise RulesError(Errors.E005.format(file=rf.path, rule=rule.id, field="before"))
        if family in ("kind", "default") and rule.get("kind") is None:
            raise RulesError(Errors.E005.format(file=rf.path, rule=rule.id, field="kind"))
        if rule.get("enabled", True):
            fam[family].append(rule)
    defaults = {u: (r.get("kind"), r.id) for r in fam["default"] for u in r.get("units", [])}
    ordinals: dict[str, int] = {}
    words: dict[str, set[str]] = {"stop": set(), "generic": set(), "heads": set()}
    labels: set[str] = set()
    subject_words: set[str] = set()
    for rule in fam["rank"]:
        for key, value in rule.get("ordinals", {}).items():
            if not isinstance(value, int):
                raise _bad(rf, rule, "ordinals", "a table of integers")
            ordinals[key.lower()] = value
    for rule in fam["metric"]:
        for key in words:
            words[key].update(w.lower() for w in rule.get(key, []))
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
        if role in ("carry", "carry_back"):
            if rule.pattern is None:
                raise RulesError(Errors.E005.format(file=rf.path, rule=rule.id, field="pattern"))
            carries.append((rule, "forward" if role == "carry" else "back"))
            continue
        if role in ("modifier", "parallel"):
            if rule.compiled.get("before") is None:
                raise RulesError(Errors.E005.format(file=rf.path, rule=rule.id, field="before"))
            (modifiers if role == "modifier" else parallels).append(rule)
            continue
        if role not in ("connector", "respectively"):
            raise _bad(rf, rule, "role", "one of connector, respectively, modifier, parallel, carry, carry_back")
        if rule.pattern is None:
            raise RulesError(Errors.E005.format(file=rf.path, rule=rule.id, field="pattern"))
        if role == "respectively":
            respectively, ids[1] = rule.pattern, rule.id
        else:
            connector, ids[0] = rule.pattern, rule.id
    return ClaimRules(
        file=rf,
        kinds=tuple(fam["kind"]),
        defaults=defaults,
        ranks=tuple(r for r in fam["rank"] if r.pattern is not None),
        ordinals=ordinals,
        connector=connector,
        respectively=respectively,
        metric_cues=tuple(r for r in fam["metric"] if r.compiled.get("before") is not None),
        metric_after=tuple(r for r in fam["metric"] if r.compiled.get("after") is not None),
        stop=frozenset(words["stop"]),
        generic=frozenset(words["generic"]),
        heads=frozenset(words["heads"]),
        subject_labels=frozenset(labels),
        subject_words=frozenset(subject_words),
        periods=tuple(r for r in fam["period"] if r.pattern is not None),
        modifiers=tuple(modifiers),
        parallels=tuple(parallels),
        carries=tuple(carries),
        nonclaims=tuple(fam["nonclaim"]),
        rank_precheck=_rank_precheck(ordinals),
        group_ids=(ids[0], ids[1]),
        count_units={r.id: r.get("count_unit") for r in fam["kind"] if r.get("count_unit")},
    )


def _rank_precheck(ordinals: dict[str, int]) -> regex.Pattern:
    """A cheap test that a text may hold a rank: an ordinal word, a digit ordinal, 'number' or 'No.'."""
    words = sorted((w for w in ordinals if w.endswith(("st", "nd", "rd", "th"))), key=len, reverse=True)
    alternatives = [*(regex.escape(w) for w in words), r"\d{1,4}(?:st|nd|rd|th)", "number", r"No\."]
    return regex.compile(r"(?i)\b(?:" + "|".join(alternatives) + r")(?!\w)")


def load_claim_rules(folder: Path | None = None) -> ClaimRules:
    """Load and check ``<folder>/claims.toml`` (default: the project's rules)."""
    return build_claim_rules(load_family("claims", SCHEMA, folder))


# ------------------------------------------------------------------------------------------ ranks
def ordinal_value(word: str, rules: ClaimRules) -> int | None:
    """The value of an ordinal word or digit ordinal ("second" -> 2, "3rd" -> 3)."""
    word = word.strip().lower()
    if word in rules.ordinals:
        return rules.ordinals[word]
    match = _DIGIT_ORDINAL.fullmatch(word)
    return int(match.group(1)) if match else None


def find_ranks(text: str, rules: ClaimRules, offset: int = 0) -> list[Found]:
    """Rank claims of ``text``: the span is group ``span`` if the rule has one, else the ordinal ("second")."""
    out: list[Found] = []
    if rules.rank_precheck is not None and rules.rank_precheck.search(text) is None:
        return out
    for rule in rules.ranks:
        for match in rule.pattern.finditer(text):
            s, e = match.span("span") if "span" in rule.pattern.groupindex else match.span("ordinal")
            if s < 0 or match.start("ordinal") < 0:
                continue
            value = ordinal_value(match.group("ordinal"), rules)
            if value is None:
                continue
            out.append(Found(offset + s, offset + e, text[s:e], float(value), "rank", "exact", rule.id))
    out.sort(key=lambda f: f.start)
    kept: list[Found] = []
    for f in out:
        if not kept or f.start >= kept[-1].end:
            kept.append(f)
    return kept


def merge_ranks(quantities: Sequence[Found], ranks: Sequence[Found]) -> list[Found]:
    """Quantities plus ranks, sorted; a grammar quantity overlapping a rank gives way to it."""
    kept = [q for q in quantities if not any(q.start < r.end and r.start < q.end for r in ranks)]
    return sorted([*kept, *ranks], key=lambda f: f.start)


# ------------------------------------------------------------------------------------------ non-claims
def is_non_claim(rule: Rule, f: Found, before: str, after: str) -> bool:
    """True when ``nonclaim`` rule ``rule`` applies to quantity ``f`` in its context."""
    if rule.get("word_numbers") and not f.is_word:
        return False
    return _unit_ok(rule, f.unit) and match_kind_rule(rule, before, after)


def drop_non_claims(text: str, base: int, found: Sequence[Found], rules: ClaimRules) -> list[Found]:
    """Quantities of a sentence minus those a ``nonclaim`` rule rejects.

    A rejected word count takes the word counts of its own list with it ("the three provinces and one
    city": "one" goes with "three").
    """
    out: list[Found] = []
    dropped: Found | None = None
    for f in sorted(found, key=lambda x: x.start):
        s, e = f.start - base, f.end - base
        before, after = text[max(0, s - BEFORE_CHARS) : s], text[e : e + AFTER_CHARS]
        if any(is_non_claim(r, f, before, after) for r in rules.nonclaims):
            log.debug("not a claim: %r", f.text)
            dropped = f
            continue
        if dropped is not None and f.is_word and dropped.unit == f.unit and _LIST_TAIL.fullmatch(
            text[dropped.end - base : s]
        ):
            dropped = f
            continue
        dropped = None
        out.append(f)
    return out


# ------------------------------------------------------------------------------------------ kinds
def _unit_ok(rule: Rule, unit: str) -> bool:
    units = rule.get("units")
    return not units or unit in units


def match_kind_rule(rule: Rule, before: str, after: str) -> bool:
    """True when every pattern of a ``kind`` rule matches the context of a quantity."""
    b, a, c = rule.compiled.get("before"), rule.compiled.get("after"), rule.compiled.get("clause")
    if b is not None and b.search(before) is None:
        return False
    if a is not None and a.match(after) is None:
        return False
    return c is None or c.search(before) is not None


def decide_kind(before: str, after: str, unit: str, rules: ClaimRules) -> tuple[str, str, bool]:
    """``(kind, rule id, from_rule)`` for a quantity with ``unit`` between ``before`` and ``after``."""
    if unit == "rank":
        kind, rid = rules.defaults.get("rank", ("rank", ""))
        return kind, rid, True
    for rule in rules.kinds:
        if _unit_ok(rule, unit) and match_kind_rule(rule, before, after):
            return rule.get("kind"), rule.id, True
    kind, rid = rules.defaults.get(unit) or rules.defaults.get("*", ("amount", ""))
    return kind, rid, False


# ------------------------------------------------------------------------------------------ metric
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
        if det in _DETERMINERS:
            i -= 1
        prep = tokens[i].group().lower()
        if prep not in _PREPOSITIONS or (det in ("a", "an") and prep != "of"):
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
        if not words and (low in _DETERMINERS or tok.endswith(("'s", "’s"))):
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


def _generic(metric: str, rules: ClaimRules) -> bool:
    return not metric or metric.lower() in rules.generic


# ------------------------------------------------------------------------------------------ sentence
def _groups(text: str, base: int, items: Sequence[Found], rules: ClaimRules) -> list[list[int]]:
    """Index lists of quantities that form one list ("20.3% and 112.5%"): same unit, joined by a connector."""
    if rules.connector is None:
        return []
    groups: list[list[int]] = []
    current = [0] if items else []
    for k in range(1, len(items)):
        a, b = items[k - 1], items[k]
        between = text[a.end - base : b.start - base]
        if a.unit == b.unit and len(between) <= 20 and rules.connector.match(between):
            current.append(k)
        else:
            if len(current) > 1:
                groups.append(current)
            current = [k]
    if len(current) > 1:
        groups.append(current)
    return groups


def _modifier(text: str, base: int, f: Found, rules: ClaimRules) -> bool:
    before = text[max(0, f.start - base - 60) : f.start - base]
    return any(_unit_ok(r, f.unit) and r.compiled["before"].search(before) for r in rules.modifiers)


#: Longest text between a bare figure and the quantity whose unit it takes.
CARRY_CHARS = 90
_NO_CARRY_UNITS = frozenset(("count", "rank", "x"))
_SUBUNIT_RULE = regex.compile(r"(?:cents|pence)\.v\d")
_SCALED_RULE = regex.compile(r"(?:^|\+)scale\.")
_CARRY_GAP = regex.compile(r"[;:()\[\]]")
#: Words after a bare figure that are not its own noun ("12.0 mln reported last week", "2.1 bn a year ago").
_NOT_OWN_NOUN = regex.compile(r"(?i)(?:[a-z]{2,}ed|an?|the|in|for|at|on|by|from|to|last|this|next|each|per|earlier|ago)\b")


_LIST_GLUE = regex.compile(r"\s{0,3}(?:[,;.]|(?:and|or|but)\b)")


def _own_noun(f: Found, after: str) -> bool:
    """True when the words after ``f`` are its own counted noun ('4.31 billion shares'), not the next clause."""
    return bool(f.noun) and not _NOT_OWN_NOUN.match(f.noun) and not _LIST_GLUE.match(after)


def _scaled(f: Found) -> bool:
    return _SCALED_RULE.search(f.rule) is not None


def _carry_value(f: Found, donor: Found) -> float:
    """``f``'s value in the donor's unit (cents and pence are valued in the main currency)."""
    return float(f"{f.value * 0.01:.12g}") if _SUBUNIT_RULE.search(donor.rule) else f.value


def carry_units(text: str, base: int, items: Sequence[Found], rules: ClaimRules) -> list[Found]:
    """Bare figures that repeat a neighbour's unit take it: '2.82 billion crowns, compared with 2.89 billion'
    (forward: a scaled or non-integer count after a quantity of the same scaling, through a ``carry`` link;
    never from cents or pence, as in 'rose 50 cents to 22.75')
    and 'to 13-3/4 from 13-1/2 pct', 'eight and nine pct' (back: a count right before a quantity, through
    a ``carry_back`` link). A count followed by its own noun ('4.31 billion shares') keeps its unit.
    """
    out = list(items)
    if not rules.carries or len(out) < 2:
        return out
    for k, f in enumerate(out):
        if f.unit != "count" or _own_noun(f, text[f.end - base : f.end - base + 6]):
            continue
        done = False
        nxt = out[k + 1] if k + 1 < len(out) else None
        if nxt is not None and nxt.unit not in _NO_CARRY_UNITS and _scaled(nxt) == _scaled(f):
            between = text[f.end - base : nxt.start - base]
            for rule, direction in rules.carries:
                if direction == "back" and rule.pattern.fullmatch(between):
                    out[k] = replace(f, unit=nxt.unit, value=_carry_value(f, nxt), rule=f"{f.rule}+{rule.id}")
                    done = True
                    break
        if done or f.is_word or not (_scaled(f) or not float(f.value).is_integer()):
            continue
        for j in range(k - 1, -1, -1):
            donor = out[j]
            if f.start - donor.end > CARRY_CHARS:
                break
            if donor.unit == "%" and f.value > 100:  # a percentage is no level of 15,230.4
                continue
            if donor.unit in _NO_CARRY_UNITS or _SUBUNIT_RULE.search(donor.rule):
                break  # 'rose 50 cents to 22.75': the price is in dollars, the cents are the change
            if _scaled(donor) != _scaled(f):
                break
            between = text[donor.end - base : f.start - base]
            if len(between) > CARRY_CHARS or _CARRY_GAP.search(between):
                break
            rule = next((r for r, d in rules.carries if d == "forward" and r.pattern.search(between)), None)
            if rule is not None:
                out[k] = replace(f, unit=donor.unit, value=_carry_value(f, donor), rule=f"{f.rule}+{rule.id}")
            break
    return out


def analyse_sentence(text: str, base: int, found: Sequence[Found], rules: ClaimRules) -> list[Finding]:
    """Kind and metric of each quantity of one sentence (``text`` starts at absolute offset ``base``)."""
    items = carry_units(text, base, sorted(found, key=lambda f: f.start), rules)
    kinds: list[tuple[str, str, bool]] = []
    metrics: list[tuple[str, str]] = []
    for f in items:
        s, e = f.start - base, f.end - base
        before, after = text[max(0, s - BEFORE_CHARS) : s], text[e : e + AFTER_CHARS]
        kinds.append(decide_kind(before, after, f.unit, rules))
        if f.unit == "count" and f.noun:
            metrics.append((f.noun.strip(), "metric.noun"))
        else:
            metrics.append(cue_metric(before, rules, after))
    extra: list[list[str]] = [[] for _ in items]
    for k, f in enumerate(items):
        if kinds[k][2] or k == 0:
            continue
        before = text[max(0, f.start - base - 60) : f.start - base]
        rule = next((r for r in rules.parallels if r.compiled["before"].search(before)), None)
        same = [j for j in range(k) if items[j].unit == f.unit]
        if rule is not None and same:
            kinds[k] = (kinds[same[-1]][0], kinds[same[-1]][1], True)
            extra[k].append(rule.id)
    paired: set[int] = set()
    for group in _groups(text, base, items, rules):
        head_kind, head_rule, head_ruled = kinds[group[0]]
        last = items[group[-1]]
        tail = text[last.end - base : last.end - base + 40]
        resp = rules.respectively is not None and rules.respectively.match(tail) is not None
        if head_ruled:
            for k in group[1:]:
                if not kinds[k][2]:
                    kinds[k] = (head_kind, head_rule, True)
                extra[k].append(rules.group_ids[0])
        earlier = [k for k in range(group[0])
                   if kinds[k][0] not in ("change", "rank") and not _modifier(text, base, items[k], rules)]
        if (resp or kinds[group[0]][0] in ("change", "share")) and len(earlier) >= len(group):
            for k, src in zip(group, earlier[-len(group):], strict=True):
                metrics[k] = (metrics[src][0], rules.group_ids[1] if resp else rules.group_ids[0])
                paired.add(k)
    out: list[Finding] = []
    for k, f in enumerate(items):
        kind, kind_rule, _ = kinds[k]
        metric, metric_rule = metrics[k]
        if k not in paired and (kind in ("change", "rank") or _generic(metric, rules)):
            related = kind in ("change", "share", "rank") or f.unit == "count"
            prev = [j for j in range(k) if kinds[j][0] not in ("change", "rank") and metrics[j][0]
                    and (related or items[j].unit == f.unit)]
            if prev:
                metric, metric_rule = metrics[prev[-1]][0], "metric.inherit"
        rule_ids = tuple(r for r in (f.rule, kind_rule, *extra[k]) if r)
        if f.unit == "count" and kind_rule in rules.count_units:
            f = replace(f, unit=rules.count_units[kind_rule])
        out.append(Finding(f, kind, metric, rule_ids))
    return out


# ------------------------------------------------------------------------------------------ subject
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


def pick_subject(text: str, base: int, f: Found, entities: Sequence[Entity], quantities: Sequence[Found]) -> str:
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


# ------------------------------------------------------------------------------------------ period
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


def article_period(text: str, rules: ClaimRules) -> str:
    """The year an article's account is introduced with ("In 2022, ..."), or ''."""
    for rule in rules.periods:
        match = rule.pattern.search(text[:20000])
        if match:
            return match.group("year")
    return ""


# ------------------------------------------------------------------------------------------ claims
def claim_id(doc_id: str, start: int, end: int, kind: str) -> str:
    """Stable id of a claim: the first 16 hex digits of sha1 of ``doc_id:start:end:kind``."""
    return hashlib.sha1(f"{doc_id}:{start}:{end}:{kind}".encode()).hexdigest()[:16]


def article_claims(
    article: Article,
    sentences: Sequence[Sentence],
    found: Sequence[Sequence[Found]],
    years: Sequence[Sequence[tuple[int, int, str]]],
    entities: Sequence[Sequence[Entity]],
    rules: ClaimRules,
) -> list[Claim]:
    """Claims of one article; ``found``, ``years`` and ``entities`` are aligned with ``sentences``.

    Period: a year in the claim's sentence, else the last year of an earlier sentence of the same
    paragraph, else the article's introduced year ("In 2022, ..."). Subject: an entity of the sentence
    (:func:`pick_subject`), else the place or organisation the article names most.
    """
    doc = article.doc
    subjects = [subject_entities(ents, rules) for ents in entities]
    default_subject = article_subject([e for ents in subjects for e in ents])
    default_period = article_period(article.text, rules)
    claims: list[Claim] = []
    paragraph, paragraph_period = -1, ""
    for sent, items, sent_years, ents in zip(sentences, found, years, subjects, strict=True):
        if sent.paragraph != paragraph:
            paragraph, paragraph_period = sent.paragraph, ""
        for finding in analyse_sentence(sent.text, sent.start, items, rules):
            f = finding.found
            period = pick_period(f.start - sent.start, sent_years, sent.start, sent.text)
            subject = pick_subject(sent.text, sent.start, f, ents, items) or default_subject
            claims.append(
                Claim(
                    claim_id=claim_id(doc.doc_id, f.start, f.end, finding.kind),
                    doc_id=doc.doc_id,
                    source=doc.source,
                    title=article.title,
                    published=article.published,
                    paragraph=sent.paragraph,
                    sentence=sent.text,
                    quantity=f.text,
                    value=f.value,
                    unit=f.unit,
                    bound=f.bound,
                    kind=finding.kind,
                    metric=finding.metric,
                    subject=subject,
                    period=period or paragraph_period or default_period,
                    start=f.start,
                    end=f.end,
                    rule="+".join(dict.fromkeys(finding.rules)),
                )
            )
        if sent_years:
            paragraph_period = sent_years[-1][2]
    return claims
