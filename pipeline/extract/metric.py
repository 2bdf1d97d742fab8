"""What a quantity measures (its ``metric``) from the ``metric`` cues of ``rules/claims.toml`` ("a transaction
amount of 400.35 billion yuan" -> "transaction amount"): the fixed metric and subject of a matched rule, survey
shares, the noun phrase a cue ends (``before`` rules) or starts (``after`` rules), and the cuts that keep a verb
or a counted thing out of a phrase. The phrases are walked by :mod:`.noun_phrase`; a movement's clause is read by
:mod:`.metric_clause`, the model's parse and parts of speech by :mod:`.metric_tags`.
"""
from __future__ import annotations

import logging
from collections.abc import Sequence

import regex

from .claim_rules import ClaimRules
from .kinds import BEFORE_CHARS, context_matches, passes, tests_for_unit, units_ok
from .ner import Token
from .noun_phrase import (
    CHANGE_NOUNS,
    PEAK_NOUNS,
    TOKEN,
    is_change_noun,
    movement_noun,
    movement_verb,
    noun_of_accounts,
    noun_phrase,
    noun_phrase_after,
    phrase_words,
)

log = logging.getLogger(__name__)


def fixed_metric(before: str, after: str, unit: str, rules: ClaimRules, quantity: str = "",
                 kind: str = "") -> tuple[str, str]:
    """``(metric, rule id)`` of the first metric rule with a fixed ``metric`` whose contexts, units and
    ``quantity`` pattern (searched in the quantity's own text) match the quantity ("jailed for [four years]"
    -> "jail term"), or ``("", "")``. A rule with ``kind = "change"`` reads only changes ("shoppers can save
    [$100]" -> price), the others only quantities of other kinds. A rule whose ``before`` pattern has a group
    ``place`` holds only where that group, when it takes part, is one of the ``countries`` ("[Chile] grew
    [2.4%]" -> economic growth; not "Acme grew 12%")."""
    for rule, own, b, a, c in tests_for_unit(rules.metric_fixed, unit):
        if (rule.get("kind") == "change") == (kind == "change") and passes(own, b, a, c, quantity, before, after):
            metric = str(rule.get("metric"))
            found = b.search(before) if b is not None and ("place" in b.groupindex or metric in METRIC_TEMPLATES) \
                else None  # the before match, read once for its groups
            if b is not None and "place" in b.groupindex and not _named_country(found, rules):
                continue
            if metric in METRIC_TEMPLATES:
                metric = _filled(metric, found, before, rules)
                if not metric:
                    continue
            return metric, rule.id
    return "", ""


def _named_country(match: regex.Match | None, rules: ClaimRules) -> bool:
    """True when the ``before`` match ``match`` of a fixed-metric rule has no group ``place`` that took part, or
    that group's text is one of the ``countries`` of ``rules`` ("[New Zealand] shrank 0.2%")."""
    if match is None:
        return False
    place = match.group("place")
    return place is None or " ".join(place.split()) in rules.countries


#: Fixed metrics filled from the rule's ``before`` match: ``{phrase}`` is the noun phrase that ends where group
#: ``phrase`` ends ("In the [annual ranking] of universities, X ranked [third]"), ``{name}`` the text of group
#: ``phrase`` as written (a quoted name: 'named "[Centres of Excellence]", ranking first'), ``{verb}`` the noun
#: of ``rules.verb_nouns`` that names the object of the verb in group ``verb`` ("raising a total of [$5m]" ->
#: money raised).
METRIC_TEMPLATES = frozenset(("{phrase}", "{name}", "{verb}"))


def _filled(template: str, match: regex.Match | None, before: str, rules: ClaimRules) -> str:
    """The metric a :data:`METRIC_TEMPLATES` template names for the ``before`` match ``match``, '' when none."""
    if match is None:
        return ""
    if template == "{verb}":
        return rules.verb_nouns.get((match.group("verb") or "").lower(), "")
    end = match.end("phrase")
    if end < 0:
        return ""
    if template == "{name}":
        return " ".join(match.group("phrase").split())
    phrase = noun_phrase(before[:end], rules)
    return "" if not phrase or is_generic(phrase, rules) or phrase.split()[-1].lower() in rules.stop else phrase


def fixed_subject(before: str, rule_id: str, rules: ClaimRules, after: str = "") -> str:
    """The text of group ``subject`` of the ``before`` pattern of fixed-metric rule ``rule_id`` in the text
    ``before`` a quantity ("[Labour] on 32%" -> "Labour"), else of its ``after`` pattern in the text ``after``
    it ("the $80 [Soundfreaq Sound Spot]"), '' when the rule has no such group or none."""
    rule = next((r for r in rules.metric_fixed if r.id == rule_id), None)
    if rule is None:
        return ""
    for key, text in (("before", before), ("after", after)):
        pattern = rule.compiled.get(key)
        if pattern is not None and "subject" in pattern.groupindex:
            m = pattern.search(text) if key == "before" else pattern.match(text)
            return (m.group("subject") or "") if m is not None else ""
    return ""


#: Words before a verb that are not part of what a share of people do ("[30%] have been bullied online").
_AUXILIARY_LEAD = regex.compile(r"(?i)^(?:(?:have|has|had|are|were|is|was|do|does|did|would|will|could|can|been|now|"
                                r"also|still|already|currently|actually|regularly)\s{1,2})+")


def survey_metric(before: str, after: str, paragraph: str, unit: str, rules: ClaimRules) -> tuple[str, str, str]:
    """``(metric, subject, rule id)`` of a share of people in a paragraph about a survey: the first
    ``metric_survey`` rule whose ``units``, ``before`` and ``after`` patterns match the quantity's context and whose
    ``paragraph`` pattern is found in ``paragraph`` (the paragraph's text up to the quantity) gives the verb phrase of
    its ``after`` group ``phrase``, auxiliaries and stop words at its end cut ("[30%] have been bullied online" ->
    "bullied online"; "did not know" -> "not know"), and the last ``paragraph`` group ``group`` found, the people
    asked ("a poll of 1,600 [Britons]"; '' when none). ``("", "", "")`` when no rule matches."""
    for rule in rules.metric_survey:
        if not units_ok(rule, unit) or not context_matches(rule, before, after):
            continue
        found = list(rule.compiled["paragraph"].finditer(paragraph))
        if not found:
            continue
        words = _AUXILIARY_LEAD.sub("", rule.compiled["after"].match(after).group("phrase")).split()
        while words and words[-1].lower() in rules.stop:
            words.pop()  # "sold their music via [the]"
        phrase = " ".join(words)
        if not phrase:
            continue
        group = next((m.group("group") for m in reversed(found) if m.groupdict().get("group")), "")
        return phrase, group or "", rule.id
    return "", "", ""


def cue_metric(before: str, rules: ClaimRules, after: str = "") -> tuple[str, str]:
    """``(metric, rule id)`` from the first metric cue with a noun phrase: before the quantity (a cue with an
    ``after`` pattern too only where that matches ``after``), then after."""
    for rule in rules.metric_cues:
        match = rule.compiled["before"].search(before)
        if match is None:
            continue
        tail = rule.compiled.get("after")
        if tail is not None and tail.match(after) is None:
            continue
        head = before[: match.start("cue")]
        verbs = [m for m in TOKEN.finditer(head[-BEFORE_CHARS:]) if m.group().lower() in rule.get("verbs", ())]
        phrase = ""
        # "[held] interest rates steady at 3.5%": the verb that keeps them; "rates [held] steady": its subject
        if verbs:
            phrase = noun_phrase(head[-BEFORE_CHARS:][verbs[-1].end() :], rules)
            head = head[-BEFORE_CHARS:][: verbs[-1].start()] if not phrase else ""
        phrase = phrase or noun_phrase(head, rules, frozenset(w.lower() for w in rule.get("prepositions", ())))
        if phrase and (not names_movement(phrase) or phrase.lower() in rules.fallback):  # "forecast [growth] of 2.7%"
            return phrase, rule.id
    for rule in rules.metric_after:
        match = rule.compiled["after"].match(after)
        if match is None:
            continue
        phrase = noun_phrase_after(after[match.end("cue") :], rules)
        if phrase:
            return phrase, rule.id
    return "", ""


def ahead_metric(before: str, after: str, unit: str, rules: ClaimRules, kind: str = "",
                 quantity: str = "") -> tuple[str, str]:
    """``(metric, rule id)`` from the first ``ahead`` metric rule whose ``before`` (when it has one) and
    ``after`` match and whose units fit, whose ``quantity`` pattern, when it has one, is found in the
    quantity's own text ``quantity``, and whose ``kind``, when it has one, is the quantity's ``kind`` (a
    rule without one reads no change): the noun phrase after its group ``cue`` (:func:`phrase_words`:
    "a [$5-million] grant" -> "grant", "[10 times] as many cases" -> "cases"); a phrase that ends in a noun
    of change, a generic or a stop word gives none, and so do a name ("a [five-year] Department for ...")
    and a noun of time alone ("a [90-day] consultation period" names one, "a [90-day] period" none).
    ``("", "")`` when none."""
    for rule in rules.metric_ahead:
        wanted = rule.get("kind") or ""
        if not units_ok(rule, unit) or (wanted != kind if wanted else kind == "change"):
            continue
        match = rule.compiled["after"].match(after)  # the anchored match first: the cheapest test
        if match is None:
            continue
        cond = rule.compiled.get("before")
        if cond is not None and cond.search(before) is None:
            continue
        own = rule.compiled.get("quantity")
        if own is not None and own.search(quantity) is None:
            continue
        words = acted_cut(phrase_words(after[match.end("cue") :], rules, bool(rule.get("participles")),
                                        changed=wanted == "change"), rules)
        last = words[-1].lower() if words else ""
        if (not last or (last in CHANGE_NOUNS or last.rstrip("s") in CHANGE_NOUNS) and not _measures_named(words, rules)
                or last in rules.stop
                or (last in rules.times and len(words) < 2) or " ".join(words).lower() in rules.generic
                or all(w[:1].isupper() for w in words)):
            continue
        return " ".join(words), rule.id
    return "", ""


def _measures_named(words: list[str], rules: ClaimRules) -> bool:
    """True when ``words``, a phrase ending in a noun of change, name measures rather than a change: the noun
    in the plural after a word of its own that is no stop word ("£4bn in [tax cuts]", "$2bn in [trading
    losses]"; not "a $5m [increase]", "£4bn in [cuts]")."""
    last = words[-1].lower()
    return len(words) > 1 and last.endswith("s") and last not in CHANGE_NOUNS and words[-2].lower() not in rules.stop


def names_movement(phrase: str) -> bool:
    """True when ``phrase`` ends in a noun of change or of a peak ("a [gain] of 8%", "a new all-time [high] of
    41,000"): it names how a figure moved, not what moved."""
    last = phrase.rsplit(None, 1)[-1].lower() if phrase.strip() else ""
    return is_change_noun(last) or last in PEAK_NOUNS


def verb_free(metric: str, rules: ClaimRules) -> str:
    """``metric`` cut before its first verb of movement (one that ends it, or that a stop word follows) and
    stripped of the stop words that end it ("die arbeitslosenquote fiel auf" -> "arbeitslosenquote") and of a
    verb of movement that opens it ("trimmed costs" -> "costs"); a noun of movement ("sales growth",
    "inflation"), another word of movement before a noun ("intention contract amount") and a participle that
    ends it ("money raised") stay; a verb (:data:`_ACTED`) after a noun of people (``rules.agents``) ends it,
    unless it says what befell them (``rules.undergone``: "Labour MPs voted" -> "Labour MPs", "people
    killed" stays). A metric is never a verb."""
    words = metric.split()
    if (words and words[0].lower() in rules.movements and not movement_noun(words[0].lower(), rules)
            and not (len(words) == 1 and words[0].lower() in THING_NOUNS)):
        words = words[1:]  # the verb of "[trimmed] costs by $40 million", "[fielen] dagegen auf", "[stiegen]"
    for n, word in enumerate(words):
        low = word.lower()
        if n and low in rules.movements and not movement_noun(low, rules) and (
                words[n + 1].lower() in rules.stop if n + 1 < len(words) else not _PARTICIPLE_END.fullmatch(low)):
            words = words[:n]
            break
    words = acted_cut(words, rules)
    while words and words[-1].lower() in rules.stop and not (len(words) > 1 and noun_of_accounts(*words[-2:])):
        words.pop()
    while words and words[0].lower() in rules.determiners:
        words.pop(0)
    return " ".join(words)


def past_verb(metric: str, text: str, base: int, limit: int, tokens: Sequence[Token], rules: ClaimRules) -> str:
    """``metric``, written in the sentence ``text`` (at absolute offset ``base``) before absolute offset
    ``limit``, less its words up to the last verb inside it that the tags ``tokens`` find: the subject and verb
    of a clause before its object ("[farmers lost] crops worth $40m" -> crops, "[owns] shares worth £2bn" ->
    shares). A verb that ends it ("money raised"), opens it in a form other than the present in -s ("cooked
    chicken") or follows no noun ("newly recognized centres", "foreign-funded platforms") stays, and so does a
    metric whose last word is no noun or a noun of time ``rules.times`` ("shares closed yesterday"), or that the
    tags do not cover."""
    at = text.rfind(metric, 0, max(0, limit - base)) if metric else -1
    if at < 0:
        return metric
    lo, hi = base + at, base + at + len(metric)
    inside = [t for t in tokens if lo <= t.start and t.end <= hi]
    cut = max((n for n, t in enumerate(inside[:-1]) if t.pos == "VERB" and (
        t.text.lower().endswith("s") if n == 0
        else inside[n - 1].pos in ("NOUN", "PROPN") and inside[n - 1].end < t.start)), default=-1)
    if cut < 0 or inside[-1].pos not in ("NOUN", "PROPN") or inside[-1].text.lower() in rules.times:
        return metric  # "shares closed [yesterday]": no object after the verb
    return text[inside[cut + 1].start - base : hi - base]


#: Words of movement that are also nouns of things: alone, a metric names the thing ("a [contract] worth
#: £11.5m", "two new [contracts] of $5m"), not the verb ("output may contract").
THING_NOUNS = frozenset(("contract", "contracts"))
#: Nouns that only tell versions of a thing apart: no metric ("the [180 cm] version" measures a length).
VARIANT_NOUNS = frozenset(("version", "versions", "model", "models", "edition", "editions", "variant", "variants",
                           "option", "options"))
#: Nouns of a line a level crosses or stays at: the figure itself, no metric ("above the [$50] mark", "the
#: [30,000] level", "the [£1bn] barrier"): what reached it is the clause's subject.
THRESHOLD_NOUNS = frozenset(("mark", "marks", "barrier", "barriers", "threshold", "thresholds", "milestone",
                             "milestones", "level", "levels"))


def acted_cut(words: list[str], rules: ClaimRules) -> list[str]:
    """``words`` of a phrase cut before a verb (:data:`_ACTED`) that follows a noun of people or groups
    (``rules.agents``), or what befell people ("those surveyed [found]"), and says what they did, not what
    befell them (``rules.undergone``): "Labour MPs [voted]", "two other clubs [want]" -> the people; "people
    killed" stays."""
    for n in range(1, len(words)):
        low, prev = words[n].lower(), words[n - 1].lower()
        if (prev in rules.agents or prev in rules.undergone) and _ACTED.fullmatch(low) and low not in rules.undergone:
            return words[:n]
    return words


def counted_cut(words: list[str], rules: ClaimRules, many: bool = False) -> list[str]:
    """``words`` of the noun phrase a count names less the verb of its clause that ends it after the counted
    noun: a linking verb (``rules.links``), a verb of movement, or a verb by its form (:data:`_ACTED`) that
    says what the things counted did, not what befell them (``rules.undergone``): "one bidder [remained]",
    "one minister [resigned]" -> the noun; "one man killed" stays, and so does a word before a noun ("30-denier
    [recycled] polyester", "two foreign-funded [open] platforms"). A word in capitals is a name, no verb.
    ``many``: the count is more than one, so a word in -s that ends the phrase is its plural noun, not a verb
    in the present tense of one ("12 new [shops]", "two extra [drives]"; "one bidder [remains]" is cut). A line
    in the singular (:data:`THRESHOLD_NOUNS`) after a count of more than one is none of its things: [] ("above
    the 8,000 [mark]")."""
    if many and len(words) == 1 and words[0].lower() in THRESHOLD_NOUNS and not words[0].lower().endswith("s"):
        return []
    low = words[-1].lower() if len(words) > 1 else ""
    if many and _PRESENT_OF_ONE.fullmatch(low):
        return words
    if low and words[-1].islower() and (low in rules.links or movement_verb(low, rules)
                                        or _ACTED.fullmatch(low) and low not in rules.undergone):
        return words[:-1]
    return words


#: A verb in the present tense of one thing (or a plural noun): a word in -s, not in -ss or -us.
_PRESENT_OF_ONE = regex.compile(r"\p{L}{2,}(?<![su])s")


#: A verb by its form after a noun of people: the past tense ("voted", "rebelled", "quit") or a common verb
#: in the present tense ("44% of searchers [use] one engine").
_ACTED = regex.compile(r"\p{L}{2,}ed|quit|went|came|took|ran|fought|stood|met|spent|sold|paid|gave|(?:use|buy|want|"
                       r"say|think|believe|prefer|own|live|work|read|watch|play|spend|get|support|oppose|agree|"
                       r"expect|plan|intend|feel|fear|visit|shop|vote|pay|earn|log|download|access|send|listen|"
                       r"eat|drink|travel|drive|smoke|rent|need|see|hear|know|find|tell|remain|stay)s?|go|goes|found|"
                       r"said|told|had|has|have|felt|thought|saw|knew|got")
#: A participle that may close a metric phrase ("money [raised]", "jobs [lost]"), unlike a verb inside it.
_PARTICIPLE_END = regex.compile(r"\p{L}{2,}ed|lost|cut|shed|sunk|shrunk|slid|brought|grown|risen|fallen")


def traded_price(before: str, quantity: str, rules: ClaimRules) -> str:
    """"<good> price" for a sum of money that a traded good or asset (``traded`` words of the metric rules)
    reaches as the subject of its clause, through linking verbs only ("Bitcoin topped [$70,000]", "Gold hit
    [$2,400]", "Brent crude has reached [$90]" -> "Bitcoin price", "Gold price", "Brent crude price"); a verb
    must come between them (before the figure or as the figure's own first word), and the good's case is the
    page's. ``before`` is the sentence's text before the figure, ``quantity`` its own text. '' when none."""
    tokens = [m.group() for m in TOKEN.finditer(before[-BEFORE_CHARS:])]
    k = len(tokens) - 1
    while k >= 0 and tokens[k].lower() in rules.links:
        k -= 1
    linked = k < len(tokens) - 1 or quantity[:1].isalpha()
    if k < 0 or not linked or tokens[k].lower() not in rules.traded:
        return ""
    words = [tokens[k]]
    if k > 0 and tokens[k - 1].lower() in rules.traded:
        words.insert(0, tokens[k - 1])  # "Brent crude"
    return " ".join([*words, "price"])


POSSESSIVE = ("'s", "’s")
#: Words written capitalised before a possessive: the rest of its name ("[Manchester] United's").
_NAME_BEFORE = regex.compile(r"(?:\p{Lu}[\p{L}\p{N}&.-]*\s{1,3}){1,4}$")


def named_possessor(metric: str, sentence: str, names: frozenset[str]) -> tuple[str, str]:
    """``(metric, possessor)``: a metric whose words after a name's possessive say what is measured loses the
    name, which is whose it is ("Manchester United's revenue" -> ``("revenue", "Manchester United")``, "Apple's
    iPhone sales" -> ``("iPhone sales", "Apple")``). A possessive the ``sentence`` writes in lower case is no
    name and stays ("women's football"), and so does one opening the sentence unless the page writes it
    capitalised inside a sentence (``names``). ``(metric, "")`` when there is no such name."""
    words = metric.split()
    at = next((k for k in range(len(words) - 2, -1, -1) if words[k].endswith(POSSESSIVE)), -1)
    if at < 0:
        return metric, ""
    word = words[at]
    found = regex.search(r"(?i)(?<![\p{L}\p{N}])" + regex.escape(word) + r"(?![\p{L}\p{N}])", sentence)
    if found is None or not sentence[found.start()].isupper():
        return metric, ""
    lead = _NAME_BEFORE.search(sentence[: found.start()])
    start = lead.start() if lead is not None else found.start()
    if lead is None and not sentence[:start].strip(" \t\"'“‘«([") and word[:-2] not in names:
        return metric, ""  # an opening word capitalised as the sentence opens
    return " ".join(words[at + 1 :]), sentence[start : found.end() - 2].strip()


#: A sentence opening with a pronoun that stands for what the sentence before measured ("[That] jumped to 12
#: last week", "[Seven of those] were reported", "[It] has increased from 6 to 67.3").
_REFERENT = regex.compile(
    r"(?i)^[\s\"'“‘(]{0,3}(?:(?:it|that|this|these|those|they)\b"
    r"(?![’']s\b|\s{1,3}(?:is|was|are|were)\s{1,3}(?:a|an|the|said|thought|believed|hoped|feared)\b)"
    r"|[\w-]{1,20}\s{1,3}of\s{1,3}(?:those|these|them)\b)"
)


def referent_opening(sentence: str) -> bool:
    """True when ``sentence`` opens with a pronoun standing for what the sentence before it measured, so that a
    figure of it no phrase names measures the same ("There were 8 admissions a day. [That] jumped to 12.");
    not "That was a ...", "That's $200 off" (a pronoun of the situation)."""
    return _REFERENT.match(sentence) is not None


def is_generic(metric: str, rules: ClaimRules) -> bool:
    """True when ``metric`` is empty or a generic phrase ("total", "increase") that says nothing measured."""
    return not metric or metric.lower() in rules.generic
