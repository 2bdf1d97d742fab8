"""What a quantity measures (its ``metric``): a short noun phrase found from the ``metric`` cues of
``rules/claims.toml`` ("a transaction amount of 400.35 billion yuan" -> "transaction amount").

:func:`parse_metric` reads the same from the sentence's dependency parse when the model's parser is on.
A cue's group ``cue`` ends (``before`` rules) or starts (``after`` rules) the noun phrase; the phrase walker
stops at the stop words of the ``metric`` words rule and follows 'X of Y' chains through its determiners
and prepositions.
"""
from __future__ import annotations

import logging
from collections.abc import Collection, Sequence

import regex

from .claim_rules import ClaimRules
from .kinds import BEFORE_CHARS, CLAUSE_TURN, context_matches, passes, tests_for_unit, units_ok
from .ner import Token

log = logging.getLogger(__name__)

#: Longest metric phrase, in words.
MAX_METRIC_WORDS = 8

_TOKEN = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}&'’\-]{0,40}|[^\s\p{L}\p{N}]")


#: A money supply aggregate ("M1", "M-3"): a measure named by a letter and a number, a word of a phrase (other
#: words with digits end one: "the RAV4 Hybrid's").
CODED_MEASURE = regex.compile(r"M-?[0-4]")


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
        wordlike = tok[0].isalnum() and (CODED_MEASURE.fullmatch(tok) is not None
                                         or not any(ch.isdigit() for ch in tok))
        if wordlike and (low not in rules.stop or i > 0 and noun_of_accounts(tokens[i - 1].group(), tok)):
            words.insert(0, tok)  # "[net worth]": a noun after an adjective of accounts, not "a deal worth"
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


def noun_of_accounts(before: str, word: str) -> bool:
    """True when stop word ``word`` is a noun after the adjective of accounts ``before`` ("net [worth]"), not the
    preposition-like word of "a deal [worth] $4bn"."""
    return word.lower() == "worth" and before.lower() in _MEASURE_ADJECTIVES


#: The words for 'of' of French, Spanish and German pages: an 'X de Y' chain is read as 'X of Y' is (both
#: must also be ``prepositions`` of the metric words to be followed).
OF_WORDS = frozenset(("de", "del", "du", "von", "vom"))

#: Words that make a noun of time an adverb of time ("last year", "this quarter").
_TIME_LEADS = frozenset(("last", "this", "next", "previous", "same", "that", "each", "every", "per"))


def _proper(words: list[str]) -> bool:
    """True when every word is capitalised or joins a name ('Bank of China')."""
    return all(w[:1].isupper() or w.lower() in ("of", "and", "&") for w in words)


def _common_phrase(words: list[str], head: list[str]) -> bool:
    """True when ``words``, the 'of' phrase of ``head``, are no name: the first is in lower case, or most are
    after a vague head ("the number of [Japanese films released]"; not "Zhangjiang High tech", "China")."""
    lower = sum(1 for w in words if not w[:1].isupper())
    return not words[0][:1].isupper() or head[-1].lower() in _OF_HEADS and 2 * lower > len(words)


#: An adverb set off by commas between a clause's subject and its verb ("The deficit, meanwhile, hit $166bn").
_ASIDE = regex.compile(r"(?i),\s{0,3}(?:meanwhile|however|though|too|also|instead|in\s{1,3}turn|by\s{1,3}contrast|"
                       r"in\s{1,3}contrast|for\s{1,3}example|for\s{1,3}instance|in\s{1,3}particular|overall|again)"
                       r"\s{0,3},\s{0,3}$")


#: Words of a forecast or estimate that may stand in a noun phrase before what is forecast ("the central bank
#: [forecast] growth of 2.7%", "the ministry [forecast] exports of $12bn"): never part of that measure.
STATED_IN = frozenset(("forecast", "forecasts", "estimate", "estimates", "projection", "projections", "prediction",
                       "predictions", "outlook"))


#: A relative pronoun after a word, with words of its clause after it ("the storm [that] hit the island").
_RELATIVE_PRONOUN = regex.compile(r"(?i)(?<=[\p{L}\p{N}%)])\s{1,3}(?:that|which|who)\s{1,3}(?=\p{L})")
#: Verbs of saying and thinking: "that" after one opens what is said, and a clause holding one reports another.
_SAYING = (r"(?:say|said|says|show|shows|showed|shown|find|finds|found|report|reports|reported|announce|announces|"
           r"announced|believe|believes|believed|think|thinks|thought|expect|expects|expected|estimate|estimates|"
           r"estimated|warn|warns|warned|note|notes|noted|add|adds|added|argue|argues|argued|claim|claims|claimed|"
           r"insist|insists|insisted|tell|tells|told|confirm|confirms|confirmed|reveal|reveals|revealed|suggest|"
           r"suggests|suggested|indicate|indicates|indicated|mean|means|meant|predict|predicts|predicted|hope|hopes|"
           r"hoped|fear|fears|feared|know|knows|knew|agree|agrees|agreed|ensure|ensures|ensured)")
_SAYS = regex.compile(r"(?i)\b(?:" + _SAYING + r")\b")
#: Subordinating words: one opens a clause of its own.
_SUBORDINATING = "if|unless|when|because|while|since|until|whether|although|though|once|where"
#: Words after which "that" is no relative pronoun: a verb of saying, a word that opens a clause ("unless [that]
#: vote"), an adjective of likelihood ("clear that").
_THAT_CLAUSE = regex.compile(
    r"(?i)" + _SAYING + r"|clear|likely|unlikely|possible|true|fact|sure|evident|so|such|now|given|" + _SUBORDINATING
    + r"|as|and|but|or|than|after|before"
)


def _before_relative(before: str, rules: ClaimRules) -> str:
    """``before`` (text that ends at the verb of a clause) cut before the last relative clause that qualifies the
    verb's subject ("The death toll from a storm [that hit the island] rose": the toll), or as it is: no such
    clause ("Officials said that sales rose", "unless that vote"), or one that holds no word of its own, a
    clause break, a subordinating word or a verb of saying ("The group that represents agents said that sales
    fell": the sales)."""
    for m in reversed(list(_RELATIVE_PRONOUN.finditer(before))):
        prev = _TOKEN.findall(before[: m.start()])
        rest = before[m.end() :]
        if not prev or not prev[-1][:1].islower() or prev[-1].lower() in rules.stop or prev[-1].lower() in rules.times \
                or _THAT_CLAUSE.fullmatch(prev[-1]):
            continue
        if _CLAUSE_BREAK.search(rest) or _SAYS.search(rest) or _SUBORDINATE.search(rest) \
                or all(w.lower() in rules.stop for w in _TOKEN.findall(rest)):
            return before
        return before[: m.start()]
    return before


#: Words that open a clause of their own inside what ends at a verb ("land that would flood [if] the sea rises").
_SUBORDINATE = regex.compile(r"(?i)\b(?:" + _SUBORDINATING + r")\b")


def noun_phrase(before: str, rules: ClaimRules, qualifiers: Collection[str] = ()) -> str:
    """The noun phrase that ends ``before``, following 'X of Y' / 'X for Y' / 'X in Y' chains back to X;
    past an adverb set off by commas ("Retail sales, however, ").

    A chunk after 'a'/'an' ("in a deal") is its own phrase unless joined by 'of'; a name after any
    preposition ("claims against Yukos") gives way to the phrase before it, and so does any phrase after one
    of ``qualifiers`` (when ``before`` ends at the verb of its clause, the phrase is the clause's subject and
    what follows such a preposition only qualifies it: "The [death toll] from a fire in the city rose",
    "[Prices] at the pump fell").
    """
    before = _ASIDE.sub(" ", before[-BEFORE_CHARS:])  # "Retail sales[, however,] fell": the phrase before it
    if qualifiers:
        before = _before_relative(before, rules)
    tokens = list(_TOKEN.finditer(before))
    words, i = _chunk(tokens, len(tokens) - 1, rules)
    if words and words[-1].lower() in rules.times and i >= 0 and tokens[i].group().lower() in _TIME_LEADS:
        words, i = _chunk(tokens, i - 1, rules)  # "Profit [last year] was": the phrase before the time
    for _ in range(3):
        if not words or i < 1:
            break
        det = tokens[i].group().lower()
        if det in rules.determiners:
            i -= 1
        prep = tokens[i].group().lower()
        qualifier = prep in qualifiers
        if prep not in rules.prepositions or (det in ("a", "an") and prep != "of" and not qualifier):
            break
        if prep not in ("of", "for", "in") and prep not in OF_WORDS and not _proper(words) and not qualifier:
            break
        prev, j = _chunk(tokens, i - 1, rules)
        if qualifier and prev and _PHRASE_END.fullmatch(prev[-1]):
            break  # "[Based] on Friday's closing price": a participle, no noun the phrase qualifies
        if not prev or (prep == "in" and prev[-1].lower() in CHANGE_NOUNS and not _proper(words)
                        and words[-1].lower() not in rules.times):
            break  # "a fall in [the rate of inflation]": what fell is the phrase after 'in'
        # "the number of [Japanese films]"; "Bank of [China]" is a name
        if prep == "of" and _common_phrase(words, prev):
            words = [*prev, "of", *words]
        elif prep in OF_WORDS and not words[0][:1].isupper():
            # "le [taux de chômage]", "le [chiffre d'affaires de la société]": the article stays
            words = [*prev, tokens[i].group(), *([tokens[i + 1].group()] if det in rules.determiners else []), *words]
        else:
            words = prev
        i = j
    stated = [n for n, w in enumerate(words[:-1]) if w.lower() in STATED_IN]
    if stated:
        words = words[stated[-1] + 1 :]  # "the central bank [forecast] growth of 2.7%": what is forecast
    if words and words[0].endswith(("'s", "’s")):
        words = words[1:]
    return " ".join(words[:MAX_METRIC_WORDS])


#: Currency signs that open a figure written after a phrase.
_CURRENCY_SIGNS = frozenset("$€£¥₹₩₽")


def noun_phrase_after(after: str, rules: ClaimRules) -> str:
    """The noun phrase that starts ``after`` (leading determiners and possessives skipped)."""
    words: list[str] = []
    joined = False
    for m in _TOKEN.finditer(after[:BEFORE_CHARS]):
        tok = m.group()
        low = tok.lower()
        if (not words or joined) and (low in rules.determiners or tok.endswith(("'s", "’s"))):
            continue
        if tok[0].isalnum() and not any(ch.isdigit() for ch in tok) and low not in rules.stop:
            words.append(tok)
            joined = False
            if len(words) >= MAX_METRIC_WORDS - 2:
                break
            continue
        if low == "of" and len(words) == 1 and words[0].lower() in _OF_HEADS:
            words.append(tok)  # "a 12% increase in [the number of televisions sold]"
            joined = True
            continue
        if words and not joined and (tok[0].isdigit() or tok in _CURRENCY_SIGNS):
            return ""  # "[$200m] of the nearly $900m budget": the words before another figure qualify it
        break
    return " ".join(words[:-1] if joined else words)


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
        verbs = [m for m in _TOKEN.finditer(head[-BEFORE_CHARS:]) if m.group().lower() in rule.get("verbs", ())]
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


#: Words that end a phrase read after a quantity: adverbs ("previously"), participles ("beans [exported]",
#: "the £50m [given]") and adjectives ("times more [expensive]").
_PHRASE_END = regex.compile(
    r"(?i)\p{L}{2,}(?:ly|ed|ous|ful|able|ible)|\p{L}{5,}ive|given|taken|seen|made|paid|spent|sold|won|lost|held|left|"
    r"known|shown|done|begun|includes|include|included|says|said|means|meant|gives|gets|got|came|went"
)


#: A word in -ing after the first of a phrase is a participle ("vinyl [featuring] seven tracks"); first, it
#: may be a noun ("a £10m advertising campaign").
_PARTICIPLE = regex.compile(r"(?i)\p{L}{3,}ing")
_ARTICLES = frozenset(("a", "an", "the", "its", "their", "his", "her"))
#: A verb contracted to the word before it ("that['s]", "there['re]").
_CONTRACTED = regex.compile(r"['’](?:s|re|ll|ve|d)$")


def _phrase_words(after: str, rules: ClaimRules, lead: bool = False, changed: bool = False) -> list[str]:
    """The words of the noun phrase that starts ``after``: leading determiners and possessives skipped;
    a noun in the possessive right after the figure is the whole phrase ("the 12m [boat]'s hull");
    it ends at a stop word, a linking or movement verb (no phrase when that is a noun of change), an adverb,
    a participle or an adjective (:data:`_PHRASE_END`; a word in -ing after the first), before a word followed
    by an article or possessive (a verb: "the settlement [includes] the"), or at anything that is not a word;
    a noun in -ing that names a sum ("new [funding]": a noun of ``rules.verb_nouns``) is no participle.
    A stop word with a verb contracted to it ("that's") ends it too. ``lead``: a participle or adjective
    followed by a noun stays ("8 oz. [cooked] chicken", "two tablespoons of vegetarian [refried] beans"), and
    so does a noun of movement that is no noun of change ("500m euros in annual [savings]"). A noun of change
    ends the phrase and gives none ("a 5% annual [increase] in sales"), unless ``changed`` (the quantity is
    that change: "a 32% [pay] cut")."""
    tokens = [m.group() for m in _TOKEN.finditer(after[:BEFORE_CHARS])]
    words: list[str] = []
    for n, tok in enumerate(tokens):
        low = tok.lower()
        if n == 0 and tok.endswith(("'s", "’s")) and tok[:1].islower() and low[:-2] not in rules.stop:
            return [tok[:-2]]  # "the [12m] boat's rear section": the figure describes the boat
        if not words and (low in rules.determiners or tok.endswith(("'s", "’s"))):
            continue
        nxt = tokens[n + 1].lower() if n + 1 < len(tokens) else ""
        kept = lead and nxt[:1].isalpha() and nxt not in rules.stop and not _PHRASE_END.fullmatch(nxt)
        if (not tok[0].isalnum() or any(ch.isdigit() for ch in tok) or low in rules.stop or low in rules.links
                or (("'" in tok or "’" in tok) and _CONTRACTED.sub("", low) in rules.stop)
                or (_PHRASE_END.fullmatch(tok) and not kept)
                or (words and (nxt in _ARTICLES or _PARTICIPLE.fullmatch(tok) and not kept
                               and low not in rules.verb_nouns.values()))):
            break
        if low in rules.movements and words and not (lead and low not in CHANGE_NOUNS and _movement_noun(low, rules)):
            return [] if low in CHANGE_NOUNS and not changed else words  # "a 5% annual [increase] in sales"
        words.append(tok)
        if len(words) >= MAX_METRIC_WORDS - 2:
            break
    return words


def ahead_metric(before: str, after: str, unit: str, rules: ClaimRules, kind: str = "",
                 quantity: str = "") -> tuple[str, str]:
    """``(metric, rule id)`` from the first ``ahead`` metric rule whose ``before`` (when it has one) and
    ``after`` match and whose units fit, whose ``quantity`` pattern, when it has one, is found in the
    quantity's own text ``quantity``, and whose ``kind``, when it has one, is the quantity's ``kind`` (a
    rule without one reads no change): the noun phrase after its group ``cue`` (:func:`_phrase_words`:
    "a [$5-million] grant" -> "grant", "[10 times] as many cases" -> "cases"); a phrase that ends in a noun
    of change, a generic or a stop word gives none, and so do a name ("a [five-year] Department for ...")
    and a noun of time alone ("a [90-day] consultation period" names one, "a [90-day] period" none).
    ``("", "")`` when none."""
    for rule in rules.metric_ahead:
        wanted = rule.get("kind") or ""
        if not units_ok(rule, unit) or (wanted != kind if wanted else kind == "change"):
            continue
        cond = rule.compiled.get("before")
        if cond is not None and cond.search(before) is None:
            continue
        own = rule.compiled.get("quantity")
        if own is not None and own.search(quantity) is None:
            continue
        match = rule.compiled["after"].match(after)
        if match is None:
            continue
        words = acted_cut(_phrase_words(after[match.end("cue") :], rules, bool(rule.get("participles")),
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
    return _is_change_noun(last) or last in PEAK_NOUNS


def verb_free(metric: str, rules: ClaimRules) -> str:
    """``metric`` cut before its first verb of movement (one that ends it, or that a stop word follows) and
    stripped of the stop words that end it ("die arbeitslosenquote fiel auf" -> "arbeitslosenquote") and of a
    verb of movement that opens it ("trimmed costs" -> "costs"); a noun of movement ("sales growth",
    "inflation"), another word of movement before a noun ("intention contract amount") and a participle that
    ends it ("money raised") stay; a verb (:data:`_ACTED`) after a noun of people (``rules.agents``) ends it,
    unless it says what befell them (``rules.undergone``: "Labour MPs voted" -> "Labour MPs", "people
    killed" stays). A metric is never a verb."""
    words = metric.split()
    if (words and words[0].lower() in rules.movements and not _movement_noun(words[0].lower(), rules)
            and not (len(words) == 1 and words[0].lower() in THING_NOUNS)):
        words = words[1:]  # the verb of "[trimmed] costs by $40 million", "[fielen] dagegen auf", "[stiegen]"
    for n, word in enumerate(words):
        low = word.lower()
        if n and low in rules.movements and not _movement_noun(low, rules) and (
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


def _movement_noun(word: str, rules: ClaimRules) -> bool:
    """True when a word of movement is (also) a noun: a noun of change, a word that follows a change ("a 3%
    drop"), a peak, or a noun by its ending ("inflation", "savings")."""
    return (_is_change_noun(word) or word.removesuffix("es") in CHANGE_NOUNS or word in rules.direction_after
            or word in PEAK_NOUNS or word.endswith(("tion", "sion", "ment", "ings", "ness")))


def movement_verb(word: str, rules: ClaimRules) -> bool:
    """True when ``word`` (lower case) is a verb of movement and no noun ("fell", "peaked"; not "increase")."""
    return word in rules.movements and not _movement_noun(word, rules)


def movement_metric(before: str, rules: ClaimRules) -> str:
    """The noun phrase right before the verb of movement nearest before a quantity in its clause, past an
    adverb ("profit more than doubled") and an auxiliary ("Die [Exporte] stiegen im März um", "Le [chiffre
    d'affaires] a augmenté de"), or '' (no
    such verb, a noun of movement, no phrase before it)."""
    if rules.direction_before_re is None:
        return ""
    window = before[-BEFORE_CHARS:]
    cut = max((m.end() for m in _CLAUSE_BREAK.finditer(window)), default=0)
    window = window[cut:]
    found = list(rules.direction_before_re.finditer(window))
    if not found:
        return ""
    word = found[-1].group("word").lower()
    if " " in word and not (word.startswith("en ") or _PHRASAL_MOVE.search(word)) or _movement_noun(word, rules):
        return ""
    moved = _moved_object(window[found[-1].end() :], rules)
    if moved:
        return moved  # "hospitals could reduce [wait times] by 50%": what the verb moved, not who moved it
    head = window[: found[-1].start()].rstrip()
    light = _LIGHT_VERB.search(head)
    if light is not None:
        head = head[: light.start()].rstrip()  # "Las [ventas] registraron una baja del 3 %"
    adverb = _ADVERB.search(head)
    if adverb is not None:
        head = head[: adverb.start()].rstrip()  # "Net profit [more than] doubled to $4.1 billion"
    aux = _AUX.search(head) or _MODAL.search(head)
    if aux is not None:
        head = head[: aux.start()].rstrip()
    phrase = verb_free(noun_phrase(head, rules, rules.clause_prepositions), rules)
    return "" if not phrase or names_movement(phrase) else phrase


#: A phrasal verb of movement among the direction words: a verb and the particle of its direction ("edged up",
#: "ticked up", "inched higher", "crept lower"); its subject names the metric as a one-word verb's does.
_PHRASAL_MOVE = regex.compile(r"^\p{L}+(?:ed|ing|pt)\s(?:up|down|higher|lower)$")


#: The object of a verb of movement right before "by" and its quantity ("reduce [wait times] by 50%").
_OBJECT_BY = regex.compile(r"(?i)^\s{1,3}(?P<object>(?:[\p{L}'’&-]{1,25}\s{1,3}){1,5}?)by\s{1,3}$")


def _moved_object(tail: str, rules: ClaimRules) -> str:
    """The noun phrase between a verb of movement and the "by" before its quantity (``tail``: the text after
    the verb), what the verb moved ("cut [its prices] by", "raised [the tax] by"), or '' ("rose by", "fell
    sharply by", "rose in March by": no object)."""
    found = _OBJECT_BY.match(tail)
    if found is None:
        return ""
    words = found.group("object").split()
    first = words[0].lower()
    if (first not in rules.determiners and (first in rules.stop or first in rules.prepositions)) \
            or any(w.lower().endswith("ly") for w in words):
        return ""
    phrase = verb_free(noun_phrase(found.group("object"), rules), rules)
    return "" if not phrase or names_movement(phrase) or _proper(phrase.split()) else phrase


#: Where a clause ends, for :func:`movement_metric`; not a comma before the level a movement reached
#: ("Las exportaciones cayeron un 3,1 %[,] hasta 52.400 millones"), nor a decimal comma ("3[,]1 %"); "and
#: that" opens a second reported clause ("said costs had fallen by a third [and that] margins improved").
_CLAUSE_BREAK = regex.compile(r"[;:!?]|,(?!\d|\s{1,3}(?:to|hasta|al|à|auf)\s)|\.\s|" + CLAUSE_TURN)
#: Bound words and adverbs between a noun and its verb of movement ("profit [more than] doubled", "sales
#: [sharply] fell").
_ADVERB = regex.compile(r"(?i)(?:^|\s)(?:(?:more|less|fewer)\s{1,3}than|nearly|almost|roughly|about|sharply|"
                        r"steeply|slightly|only|just|also|now|all\s{1,3}but)$")
#: A verb that takes a noun of movement as its object, with the noun's article, in the languages the direction
#: words cover ("registraron una [baja]", "verzeichnete einen [Rückgang]", "a enregistré une [hausse]",
#: "posted a [drop]"): the phrase before it names what moved.
_LIGHT_VERB = regex.compile(
    r"(?i)(?:^|\s)(?:(?:ha|han|a|ont|hat|haben)\s{1,3})?(?:registr\p{L}{0,6}|anot\p{L}{0,6}|experiment\p{L}{0,6}|"
    r"sufri\p{L}{0,6}|sufr\p{L}{0,6}|verzeichne\p{L}{0,3}|erlitt\p{L}{0,3}|enregistr\p{L}{0,4}|connu|connaît|"
    r"accus\p{L}{0,4}|subi|posted|posts|recorded|records|saw|sees|suffered|reported)\s{1,3}"
    r"(?:un|una|une|einen|eine|ein|a|an)$"
)
#: Auxiliaries between a noun and its verb of movement in the languages the direction words cover.
_AUX = regex.compile(
    r"(?i)(?:^|\s)(?:(?:has|have|had|hat|haben|ist|sind|a|ont|est|sont|ha|han|is|are|was|were)(?:\s{1,3}been)?)$"
)
#: A modal or a verb of expecting between a noun and the verb of movement it is to make ("the [economy] will
#: grow at an annual rate of 4%", "exports are expected to rise 5%", "prices continue to fall").
_MODAL = regex.compile(
    r"(?i)(?:^|\s)(?:(?:will|would|could|may|might|should|can|must|shall)(?:\s{1,3}(?:not|also|still|now))?|"
    r"(?:is|are|was|were)\s{1,3}(?:expected|forecast|predicted|projected|set|likely|unlikely|due|poised|seen|tipped)"
    r"\s{1,3}to|(?:continues?|continued|seems?|seemed|appears?|appeared|looks?|began|begins?|started|starts?)"
    r"\s{1,3}to)$"
)


def traded_price(before: str, quantity: str, rules: ClaimRules) -> str:
    """"<good> price" for a sum of money that a traded good or asset (``traded`` words of the metric rules)
    reaches as the subject of its clause, through linking verbs only ("Bitcoin topped [$70,000]", "Gold hit
    [$2,400]", "Brent crude has reached [$90]" -> "Bitcoin price", "Gold price", "Brent crude price"); a verb
    must come between them (before the figure or as the figure's own first word), and the good's case is the
    page's. ``before`` is the sentence's text before the figure, ``quantity`` its own text. '' when none."""
    tokens = [m.group() for m in _TOKEN.finditer(before[-BEFORE_CHARS:])]
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


_POSSESSIVE = ("'s", "’s")
#: Words written capitalised before a possessive: the rest of its name ("[Manchester] United's").
_NAME_BEFORE = regex.compile(r"(?:\p{Lu}[\p{L}\p{N}&.-]*\s{1,3}){1,4}$")


def named_possessor(metric: str, sentence: str, names: frozenset[str]) -> tuple[str, str]:
    """``(metric, possessor)``: a metric whose words after a name's possessive say what is measured loses the
    name, which is whose it is ("Manchester United's revenue" -> ``("revenue", "Manchester United")``, "Apple's
    iPhone sales" -> ``("iPhone sales", "Apple")``). A possessive the ``sentence`` writes in lower case is no
    name and stays ("women's football"), and so does one opening the sentence unless the page writes it
    capitalised inside a sentence (``names``). ``(metric, "")`` when there is no such name."""
    words = metric.split()
    at = next((k for k in range(len(words) - 2, -1, -1) if words[k].endswith(_POSSESSIVE)), -1)
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


# ------------------------------------------------------------------------------------------ parse
#: Nouns that name a change, not what changed ("an increase of 5% in sales": the metric is "sales").
CHANGE_NOUNS = frozenset((
    "increase", "rise", "growth", "gain", "jump", "surge", "drop", "decline", "decrease", "fall", "reduction",
    "cut", "slump", "slide", "loss", "hike", "boost", "change", "upturn", "downturn", "improvement", "dip",
    "plunge", "rebound",
))
#: Nouns of a peak or trough a level reached ("a record [high] of"): no metric.
PEAK_NOUNS = frozenset(("high", "highs", "low", "lows", "peak", "peaks", "trough", "record"))


def _peak(word: str) -> bool:
    """True when ``word`` (lower case) is a noun of :data:`PEAK_NOUNS` or a compound ending in one ("a
    [near-record] 6%", "[record-high]")."""
    return word.rsplit("-", 1)[-1] in PEAK_NOUNS
#: Nouns that say nothing alone and give way to their 'of' phrase ("the number of jobless people").
_OF_HEADS = frozenset(("number", "share", "total", "proportion", "percentage", "amount", "level", "rate",
                       "value", "sum", "majority", "half", "quarter", "third", "part", "portion"))
#: Dependency labels of a noun's left modifiers kept in its phrase.
_MODIFIERS = frozenset(("compound", "amod", "nmod"))
#: Dependency labels of a verb's subject.
_SUBJECTS = frozenset(("nsubj", "nsubjpass"))
_NOUNS = frozenset(("NOUN",))


def _phrase(tokens: Sequence[Token], i: int, rules: ClaimRules, spans: Sequence[tuple[int, int]]) -> str:
    """The lower-cased noun phrase headed by token ``i`` (its compound and adjective modifiers, head last),
    following a vague head's 'of' phrase; '' when the head is no common noun or is a stop word."""
    head = tokens[i]
    if (head.pos not in _NOUNS or head.text.lower() in rules.stop
            or any(s < head.end and head.start < e for s, e in spans)):
        return ""
    if head.text.lower() in _OF_HEADS:
        for j, t in enumerate(tokens):
            if t.head == i and t.dep == "prep" and t.text.lower() == "of":
                obj = next((k for k, u in enumerate(tokens) if u.head == j and u.dep == "pobj"), None)
                if obj is not None:
                    inner = _phrase(tokens, obj, rules, spans)
                    if inner:
                        return inner
    words: list[str] = []

    def left(k: int) -> None:
        for j in range(max(0, k - 6), k):
            t = tokens[j]
            if t.head != k or t.dep not in _MODIFIERS:
                continue
            inside = any(s < t.end and t.start < e for s, e in spans)
            if inside or t.pos in ("PROPN", "NUM") or not t.text[:1].isalpha() or t.text.lower() in rules.stop:
                continue
            left(j)
            words.append(t.text.lower())

    left(i)
    words.append(head.text.lower())
    return " ".join(words[-MAX_METRIC_WORDS // 2 :])


def _verb_metric(tokens: Sequence[Token], v: int, via: str, rules: ClaimRules,
                 spans: Sequence[tuple[int, int]]) -> str:
    """The metric of a quantity governed by verb ``v``: its object when the quantity came through 'by'
    ("extend the battery range by 40 km"), else its subject ("profit dropped by $3 million"), climbing
    through conjoined and complement verbs that have none."""
    for _ in range(3):
        if via == "by":
            obj = next((k for k, t in enumerate(tokens) if t.head == v and t.dep == "dobj" and k != v), None)
            if obj is not None:
                phrase = _phrase(tokens, obj, rules, spans)
                if phrase:
                    return phrase
        subj = next((k for k, t in enumerate(tokens) if t.head == v and t.dep in _SUBJECTS and k != v), None)
        if subj is not None:
            return _phrase(tokens, subj, rules, spans)
        if tokens[v].dep in ("conj", "xcomp", "advcl", "ccomp", "relcl") and tokens[v].head != v:
            v = tokens[v].head
            continue
        break
    return ""


def parse_metric(tokens: Sequence[Token], start: int, end: int, rules: ClaimRules,
                 spans: Sequence[tuple[int, int]] = ()) -> str:
    """What the quantity at ``start:end`` measures, from the sentence's dependency parse (``tokens``):
    the noun it counts or modifies ("120 [papers]"), the noun whose 'of' phrase it is ("a [transaction
    amount] of 400 bn"), the object or subject of the verb it goes with ("[profit] dropped by $3 million",
    "extend the [battery range] by 40 km", "[the gauge] was up 12%"); '' when the parse says none.
    ``spans``: every quantity of the sentence (their words are never part of a metric).
    """
    inside = [k for k, t in enumerate(tokens) if t.start < end and start < t.end]
    if not inside:
        return ""
    own = set(inside)
    anchor = next((k for k in inside if tokens[k].head not in own), inside[-1])
    cur, via = anchor, ""
    for _ in range(4):
        tok = tokens[cur]
        h = tok.head
        if h == cur:
            return ""
        head = tokens[h]
        if tok.dep in ("nummod", "quantmod", "compound", "amod", "nmod", "npadvmod") and head.pos in _NOUNS:
            if head.text.lower() not in CHANGE_NOUNS:
                return _phrase(tokens, h, rules, spans)
            prep = next((j for j, t in enumerate(tokens) if t.head == h and t.dep == "prep"
                         and t.text.lower() in ("in", "of")), None)
            obj = next((k for k, t in enumerate(tokens) if prep is not None and t.head == prep and t.dep == "pobj"),
                       None)
            if obj is not None and tokens[obj].pos in _NOUNS:
                return _phrase(tokens, obj, rules, spans)
            cur = h
            continue
        if tok.dep == "pobj" and head.pos == "ADP":
            word = head.text.lower()
            gov = head.head
            if word == "of" and tokens[gov].pos in _NOUNS and tokens[gov].text.lower() not in CHANGE_NOUNS:
                return _phrase(tokens, gov, rules, spans)
            if tokens[gov].pos in ("VERB", "AUX"):
                return _verb_metric(tokens, gov, word, rules, spans)
            cur, via = gov, word
            continue
        if head.pos in ("VERB", "AUX") and tok.dep in ("dobj", "attr", "npadvmod", "advmod", "acomp", "oprd", "nsubj",
                                                       "prep", "appos", "conj"):
            if tok.dep == "nsubj":
                return ""
            return _verb_metric(tokens, h, via, rules, spans)
        if tok.dep in ("appos", "conj") and head.pos in _NOUNS:
            cur = h
            continue
        if head.pos in ("ADV", "ADP", "NUM", "SYM", "ADJ") and tok.dep != "nsubj":
            cur = h  # a broken number phrase ('$3 million to $12.5 million') or an adverb ('up 12%')
            continue
        return ""
    return ""


# ------------------------------------------------------------------------------------------ tags
#: Parts of speech a phrase of nouns is made of ("technology contracts", "battery range").
_NOMINAL = frozenset(("NOUN", "PROPN", "ADJ"))
#: Parts of speech the walk back from a quantity to its clause's subject passes over.
_PASSED = frozenset(("ADV", "ADP", "PART", "DET", "NUM", "SYM", "ADJ", "X"))
#: Words that open another clause: the walk back stops there.
_CLAUSE_OPENERS = frozenset((
    "but", "while", "whereas", "that", "which", "who", "whom", "whose", "when", "where", "because", "although",
    "though", "if", "unless", "after", "before", "since", "as", "than", "or",
))
_PUNCT_STOPS = frozenset((",", ";", ":", "(", ")", "—", "–", '"', "“", "”"))


def _is_change_noun(word: str) -> bool:
    """True when ``word`` is a noun of change, singular or plural ("gain", "gains")."""
    low = word.lower()
    return low in CHANGE_NOUNS or low.rstrip("s") in CHANGE_NOUNS


def _covered(tok: Token, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s < tok.end and tok.start < e for s, e in spans)


def _noun_read_as_verb(tokens: Sequence[Token], k: int, rules: ClaimRules) -> bool:
    """True when token ``k``, right after 'a <quantity>', is a noun the tagger read as a verb: a bare
    word with no object after it ("a £35m bid.", "a $337m hit in the quarter")."""
    tok = tokens[k]
    low = tok.text.lower()
    if tok.pos != "VERB" or not tok.text.isalpha() or low in rules.stop or low in rules.links or low.endswith("ed"):
        return False
    return k + 1 >= len(tokens) or tokens[k + 1].pos in ("PUNCT", "ADP", "CCONJ")


def _past_brackets(tokens: Sequence[Token], k: int, spans: Sequence[tuple[int, int]]) -> int:
    """Index of the first token from ``k`` on past a bracketed restatement of the quantity ("$676m
    [(£352m)] loss") and a closing bracket ("(£352m[)] loss")."""
    if k < len(tokens) and tokens[k].text == "(":
        j = k + 1
        while j < len(tokens) and (_covered(tokens[j], spans) or tokens[j].text in (";", ",")):
            j += 1
        if j > k + 1 and j < len(tokens) and tokens[j].text == ")":
            return j + 1
    if k < len(tokens) and tokens[k].text == ")":
        return k + 1
    if k + 1 < len(tokens) and tokens[k].text in ('"', "“", "‘") and tokens[k + 1].text[:1].islower():
        return k + 1  # 'a $2bn ["]funding gap"'
    return _past_model(tokens, k, spans)


def _past_model(tokens: Sequence[Token], k: int, spans: Sequence[tuple[int, int]]) -> int:
    """Index of the first token from ``k`` on past a model number and the capitalised words of its name
    between a count and what it counts ("27 [737 MAX] jets", "12 [747] freighters"), or ``k``."""
    if k + 1 >= len(tokens) or not tokens[k].text.isdigit() or _covered(tokens[k], spans):
        return k
    j = k + 1
    while j < len(tokens) and j - k <= 2 and tokens[j].text[:1].isupper() and tokens[j].pos == "PROPN":
        j += 1
    return j if j < len(tokens) and tokens[j].pos == "NOUN" and tokens[j].text[:1].islower() else k


def _of_phrase(tokens: Sequence[Token], k: int, rules: ClaimRules, spans: Sequence[tuple[int, int]]) -> str:
    """The noun phrase after 'of' or 'in' at token ``k`` ("$5bn [of aid]", "$135m [in debt]"), or ''."""
    if k >= len(tokens) or tokens[k].text.lower() not in ("of", "in"):
        return ""
    k += 1
    while k < len(tokens) and tokens[k].pos == "DET":
        k += 1
    return _noun_after(tokens, k, rules, spans)


def _abbreviation(tokens: Sequence[Token], k: int) -> bool:
    """True when token ``k`` is part of a short abbreviation written with a slash, which names no thing:
    "0.2% [m/m]", "3.1% [y/y]", "1.1% [q/q]" (each side at most three characters)."""
    def short(j: int) -> bool:
        return 0 <= j < len(tokens) and len(tokens[j].text) <= 3

    return short(k) and (short(k + 2) and tokens[k + 1].text == "/" or short(k - 2) and tokens[k - 1].text == "/")


#: Words that make a preposition with "to" after them ("[relative] to", "[owing] to", "[due] to"): no noun.
_LEADS_TO = frozenset(("relative", "owing", "due", "thanks", "prior", "compared", "according", "close", "next",
                       "contrary", "equivalent"))


def _glued(tokens: Sequence[Token], k: int) -> Token:
    """Token ``k``, or the one word it opens with hyphens and no space between ("pre-tax", "like-for-like",
    "first-half", which the tokenizer splits), as one token with the part of speech of its last part (an
    adjective when that part is no noun or adjective)."""
    j = k
    while (j + 2 < len(tokens) and tokens[j + 1].text == "-" and tokens[j + 1].start == tokens[j].end
           and tokens[j + 2].start == tokens[j + 1].end and tokens[j + 2].text[:1].isalpha()):
        j += 2
    if j == k:
        return tokens[k]
    last = tokens[j]
    return Token(tokens[k].start, last.end, "".join(t.text for t in tokens[k : j + 1]),
                 last.pos if last.pos in _NOMINAL else "ADJ", last.dep, last.head)


#: Possessive determiners: "a 10% increase in [its] revenues" is of the revenues.
_POSSESSIVE_DETERMINERS = frozenset(("its", "their", "his", "her", "our", "my", "your"))


def _past_owner(tokens: Sequence[Token], k: int) -> int:
    """Index of the first token from ``k`` on past determiners, a possessive determiner and a possessor that
    opens the phrase there ("in [the company's] pre-tax profit", "in [its] revenues", "in [Tesco's] sales")."""
    while k < len(tokens) and (tokens[k].pos == "DET" or tokens[k].text.lower() in _POSSESSIVE_DETERMINERS):
        k += 1
    owner = k
    while owner < len(tokens) and owner - k < 4 and tokens[owner].pos in ("NOUN", "PROPN"):
        owner += 1
    if owner > k and owner < len(tokens) and tokens[owner].text in _POSSESSIVE:
        return owner + 1
    return k


def _noun_after(tokens: Sequence[Token], k: int, rules: ClaimRules, spans: Sequence[tuple[int, int]]) -> str:
    """The phrase of nouns that starts at token ``k`` and ends in a common noun ("technology contracts",
    "pre-tax profits": a word written with hyphens is one), or '' (a noun of time, a noun of change, no noun).
    After a noun of change and 'in' or 'of' it is the phrase that changed, past its determiner and
    possessor ("a 10% increase in [its revenues]", "a 3% rise in the company's [pre-tax profit]")."""
    words: list[Token] = []
    while k < len(tokens) and len(words) < 4:
        tok = _glued(tokens, k)
        low = tok.text.lower()
        if _covered(tok, spans) or low in rules.stop and tok is tokens[k] or not tok.text[:1].isalpha():
            break
        participle = (not words and tok.pos == "VERB" and low.endswith("ed") and k + 1 < len(tokens)
                      and tokens[k + 1].pos == "NOUN")  # "a two-hour [taped] interview"
        if tok.pos not in _NOMINAL and not participle or _abbreviation(tokens, k):
            break
        words.append(tok)
        k += 1 + sum(1 for t in tokens[k + 1 :] if t.end <= tok.end)
    if words and words[0].text.lower() in _LEADS_TO and k < len(tokens) and tokens[k].text.lower() == "to":
        return ""  # "an additional $7.5bn [relative] to last year": a preposition of two words, no noun
    while words and words[-1].pos != "NOUN":
        words.pop()
    if words and words[-1].text.lower() in CHANGE_NOUNS and k < len(tokens) and tokens[k].text.lower() in ("in", "of"):
        return _noun_after(tokens, _past_owner(tokens, k + 1), rules, spans)
    while len(words) > 1 and words[-1].text.lower() in CHANGE_NOUNS and words[-2].pos == "NOUN":
        words.pop()  # "a 53% pay rise": what rises is pay
    if not words or words[-1].text.lower() in rules.times or words[-1].text.lower() in CHANGE_NOUNS \
            or len(words) == 1 and words[0].text.lower() in VARIANT_NOUNS | THRESHOLD_NOUNS:
        return ""
    if len(words) == 1 and words[0].text.lower() in _OF_HEADS and k < len(tokens) and tokens[k].text.lower() == "of":
        inner = _of_phrase(tokens, k, rules, spans)  # "in [the number of televisions] sold"
        return f"{words[0].text.lower()} of {inner}" if inner else ""
    if len(words) < len(tokens) and k < len(tokens) and tokens[k].pos == "NOUN":
        return ""  # the phrase goes on past what the tagger read as its end
    if words[-1].text.lower() in rules.agents and _expecting(tokens, k):
        return ""  # "above the $2.1 billion [analysts] had expected": who expected it, nothing it counts
    return " ".join(t.text.lower() for t in words)


#: Auxiliaries that may stand between those who expected a figure and the verb ("analysts [had] expected").
_EXPECTING_AUX = frozenset(("had", "have", "has", "were", "was", "are", "is", "been", "widely", "originally"))


def _expecting(tokens: Sequence[Token], k: int) -> bool:
    """True when the tokens from ``k`` are a verb of expecting or fearing (:data:`_ESTIMATED`, "feared"), past
    auxiliaries, that says what was expected and not what will be done ("analysts had expected", "economists
    forecast"; not "people expected to attend")."""
    while k < len(tokens) and tokens[k].text.lower() in _EXPECTING_AUX:
        k += 1
    return k < len(tokens) and tokens[k].text.lower() in _ESTIMATED | {"feared"} \
        and not (k + 1 < len(tokens) and tokens[k + 1].text.lower() == "to")


def _common(words: list[str], window: Sequence[Token], rules: ClaimRules) -> str:
    """``words`` of a noun phrase as a metric: lower case, names that open it dropped ("Toyota shares" ->
    "shares"; not a word of ``rules.kept_names``: "euro zone inflation"), a noun of change that ends it dropped
    ("sales growth" -> "sales"); '' when no common noun is left or it ends in a noun of time. ``window``: the tagged
    tokens the phrase was read from."""
    pos = {t.text: t.pos for t in window}
    verbs = [n for n, w in enumerate(words[:-1])
             if (n or _after_auxiliary(w, window)) and pos.get(w) in ("VERB", "AUX")]
    if verbs:
        words = words[verbs[-1] + 1 :]  # "the retailer [cut] prices": a metric is never a verb ("used copies" is)
    while len(words) > 1 and (words[-1].lower() in CHANGE_NOUNS and not _named_change(words, pos, rules)
                              or words[-1].lower() in rules.prepositions):
        words = words[:-1]  # "sales growth" -> sales; "economic growth" stays
    while words and pos.get(words[0]) == "PROPN" and len(words) > 1 and words[0].lower() not in rules.kept_names:
        words = words[1:]  # "Toyota shares" -> shares; "Euro zone inflation" keeps its kind of measure
    while words and words[0].lower() in ("of", "and", "in", "for"):
        words = words[1:]
    if not words or all(pos.get(w) == "PROPN" for w in words):
        return ""
    last = words[-1].lower()
    if last in rules.times or last in CHANGE_NOUNS and not _named_change(words, pos, rules) \
            or last in rules.stop or _peak(last):
        return ""
    return " ".join(words).lower()


#: Auxiliaries the tagger may read as verbs, and 'to' of an infinitive.
_AUXILIARIES = frozenset(("is", "are", "was", "were", "be", "been", "am", "has", "have", "had", "will", "would", "to"))


#: Adjectives that make a noun of change a measure of its own ("[net] loss", "[operating] loss").
_MEASURE_ADJECTIVES = frozenset(("net", "gross", "operating", "pre-tax", "pretax", "extraordinary", "underlying"))


def _named_change(words: Sequence[str], pos: dict[str, str], rules: ClaimRules) -> bool:
    """True when the noun of change that ends ``words`` is part of a measure's name: a ``fallback`` phrase
    ("economic growth") or after an adjective of accounts ("net loss"); ``pos``: parts of speech by word."""
    if len(words) < 2:
        return False
    return (" ".join(words[-2:]).lower() in rules.fallback
            or pos.get(words[-2]) == "ADJ" and words[-2].lower() in _MEASURE_ADJECTIVES)


def _after_auxiliary(word: str, window: Sequence[Token]) -> bool:
    """True when ``word`` is written in ``window`` right after an auxiliary or 'to' ("is [forecasting]
    economic growth"), after a preposition when it ends in -ing ("after [enjoying] growth") or after a noun
    when it does not ("net [excludes] extraordinary loss"): a verb, even where it opens a phrase."""
    at = next((n for n, t in enumerate(window) if t.text == word), -1)
    if at <= 0:
        return False
    prev = window[at - 1]
    return (prev.pos == "AUX" or prev.text.lower() in _AUXILIARIES
            or prev.pos == "ADP" and word.lower().endswith("ing")  # "after [enjoying] spectacular growth"
            # "net [excludes] extraordinary loss"
            or prev.pos in ("NOUN", "PROPN") and not word.lower().endswith("ing"))


def _phrase_start(tokens: Sequence[Token], k: int) -> int:
    """Index of the first token of the noun phrase that ends at token ``k`` (nouns, adjectives,
    determiners, numbers and possessives)."""
    while k > 0 and (tokens[k - 1].pos in ("NOUN", "PROPN", "ADJ", "DET", "NUM", "PART")
                     and tokens[k - 1].text.lower() not in ("not", "to")):
        k -= 1
    return k


def tag_metric(tokens: Sequence[Token], text: str, base: int, start: int, end: int, rules: ClaimRules,
               spans: Sequence[tuple[int, int]] = (), amount: bool = False, money: bool = True) -> str:
    """What the quantity at ``start:end`` measures, from the parts of speech of its sentence (``tokens``,
    no dependency parse; ``text`` starts at absolute offset ``base``): the noun phrase it counts or
    modifies ("38,265 [technology contracts]"), else the noun phrase its clause reaches back to through
    movement verbs (the ``direction`` words), linking verbs (``rules.links``), adverbs and prepositions, other
    quantities of the movement and, with 'by', any verb ("[profit] dropped by $3 million to $12.5
    million", "[the gauge] was up 12%", "extend [the battery range] by 40 km"), 'X of Y' and 'X in Y'
    chains followed back to X. A phrase of time or place before the movement verb ("on Friday", "in
    the first quarter") is passed over. With ``amount`` and ``money`` (a sum, not a physical amount: "the
    engine makes 355 hp" is no earnings), an amount that is the object of a verb of ``rules.verb_nouns`` is
    measured by its noun ("agreed to pay $850m": payment). Lower case, head noun
    last; '' when none (a pronoun, a name). ``spans``: every quantity of the sentence (never part of a
    metric).
    """
    inside = [k for k, t in enumerate(tokens) if t.start < end and start < t.end]
    if not inside:
        return ""
    nxt = _past_brackets(tokens, inside[-1] + 1, spans)
    after = _noun_after(tokens, nxt, rules, spans)
    if not after and amount and nxt < len(tokens) and tokens[nxt].text.lower() in ("loss", "losses", "cut", "cuts"):
        after = tokens[nxt].text.lower()  # "a $676m loss"
    if not after and inside[0] > 0 and tokens[inside[0] - 1].text.lower() in ("a", "an") and nxt < len(tokens) \
            and _noun_read_as_verb(tokens, nxt, rules):
        after = tokens[nxt].text.lower()  # "a £35m bid.", "a $337m hit in the fourth quarter"
    if after:
        return after
    first = inside[0]
    if first >= 2 and tokens[first - 1].text.lower() == "of" and _is_change_noun(tokens[first - 2].text) \
            and nxt < len(tokens) and tokens[nxt].text.lower() == "in":
        changed = _of_phrase(tokens, nxt, rules, spans)  # "a gain of 12% [in turnover]"
        if changed and changed.split()[-1] not in _FORECASTS:  # "growth of 3.4% in the July forecast" names no measure
            return changed
    found = _walk_back(tokens, text, base, inside[0], rules, spans, amount and money)
    if found or not amount:
        return found
    return _of_phrase(tokens, nxt, rules, spans)


#: Nouns of a forecast or estimate: the one a change is "in" is where it was stated, not what changed.
_FORECASTS = STATED_IN | frozenset(("report", "survey", "update"))
#: Participles of estimating that may stand between a verb and its amount ("took more than the [expected] $18m").
_ESTIMATED = frozenset(("expected", "estimated", "forecast", "predicted", "projected", "anticipated", "hoped"))
#: Participles of selling and making that close a noun phrase ("the number [sold]").
_SOLD = frozenset(("sold", "made", "bought", "built", "paid", "shipped", "delivered", "produced", "issued"))
#: Words that join a clause whose verb is left out, a name and its figure, to the clause before it ("grow 6.5%
#: [and] China 4.5%").
_GAP_JOINS = frozenset(("and", ",", "but", "while", "whereas"))
#: Words that open an aside between a clause's subject and its verb ("Sales in the quarter, [including] vans,
#: rose 5%").
_ASIDE_OPENERS = frozenset(("including", "excluding", "which", "who", "especially", "particularly", "mainly",
                            "mostly", "largely", "notably", "led", "driven", "boosted", "helped", "hit", "adjusted"))


def _aside_start(tokens: Sequence[Token], k: int) -> int:
    """Index of the comma that opens an aside closed by the comma at token ``k`` (", including vans and
    utility vehicles,", ", launched in May,": an opener of :data:`_ASIDE_OPENERS` or a participle in -ed; at
    most 12 tokens, no other punctuation in it), or -1."""
    for j in range(k - 1, max(-1, k - 14), -1):
        t = tokens[j].text
        if t == ",":
            opener = tokens[j + 1] if j + 1 < k else None
            return j if opener is not None and j > 0 and (
                opener.text.lower() in _ASIDE_OPENERS
                or opener.pos == "VERB" and opener.text.lower().endswith("ed")) else -1  # ", launched in May,"
        if tokens[j].pos == "PUNCT" or t in _PUNCT_STOPS:
            return -1
    return -1


def _clause_free_phrase(text: str, base: int, head: Token, window: Sequence[Token], rules: ClaimRules,
                        subject: bool = False) -> list[str]:
    """Words of the noun phrase ending at token ``head`` (:func:`noun_phrase`), or, when its 'X in Y' chain
    led back to a clause whose verb ends X (the tags of ``window`` call it a verb: "the increase in full-time
    jobs [came] in the youth category, which jumped"), the phrase after that verb (youth category).
    ``subject``: the phrase is the subject of the clause's verb, so a phrase after one of
    ``rules.clause_prepositions`` only qualifies it ("[Fuel costs] at the airline jumped 9%")."""
    words = noun_phrase(text[: head.end - base], rules, rules.clause_prepositions if subject else ()).split()
    tags = {t.text: t.pos for t in window}
    if len(words) > 1 and tags.get(words[-1]) == "VERB" and words[-1].lower() not in _SOLD:
        verb = next((t for t in reversed(window) if t.text == words[-1] and t.end <= head.start), None)
        if verb is not None:
            return noun_phrase(text[verb.end - base : head.end - base], rules).split()
    return words


def _walk_back(tokens: Sequence[Token], text: str, base: int, first: int, rules: ClaimRules,
               spans: Sequence[tuple[int, int]], amount: bool) -> str:
    """The metric :func:`tag_metric` finds walking back from the quantity's first token ``first``."""
    movements = rules.movements
    k, verb = first - 1, False
    while k >= 0:
        tok = tokens[k]
        low = tok.text.lower()
        if _covered(tok, spans):
            k -= 1
            continue
        if low == "as" and k >= 2 and tokens[k - 1].pos in ("ADJ", "ADV") and tokens[k - 2].text.lower() == "as":
            k -= 3  # "as low as 15.3%"
            continue
        if low in ("which", "that") and k >= 2 and tokens[k - 1].text == "," and tokens[k - 2].pos == "NOUN":
            k -= 1  # "the gadget, which costs $250": the noun the clause is about
            continue
        if low == "," and (tokens[k + 1].text.lower() in ("which", "that") or k > 0 and _covered(tokens[k - 1], spans)
                           or tokens[k + 1].text.lower() in ("up", "down") and tokens[k + 1].pos != "VERB"):
            k -= 1  # "the gadget, which costs", "up 56 pence, or 7.6%, at 797p"
            continue
        if low == "or" and k >= 2 and tokens[k - 1].text == "," and _covered(tokens[k - 2], spans):
            k -= 2
            continue
        if low == "and" and k + 1 < first and tokens[k + 1].text.lower() in ("by", "to"):
            k -= 1  # "up by 0.4% on the month and by 12.6% on a year earlier"
            continue
        if low == "," and k > 0:
            aside = _aside_start(tokens, k)
            if aside >= 0:
                k = aside - 1  # "Sales in the quarter[, including vans,] rose by 17.8%": past the aside
                continue
        if low == "than" and k > 0 and tokens[k - 1].text.lower() in ("more", "less", "fewer"):
            k -= 2  # "took [more than] the expected $18m"
            continue
        if low in _ESTIMATED and k > 0 and tokens[k - 1].text.lower() == "the":
            k -= 1  # "the [expected] $18m": an adjective
            continue
        if low == "since" and k > 0 and tokens[k - 1].text.lower() in ("have", "has", "had"):
            k -= 1  # "ratings have [since] settled down to about 12 million": an adverb
            continue
        if low == "," and verb and k + 1 < first and tokens[k + 1].text.lower() in movements \
                and tokens[k + 1].text.lower().endswith("ing"):
            k -= 1  # "The number of visitors increased[,] growing 18%": the participle's subject is the clause's
            continue
        if low in _PUNCT_STOPS or low in _CLAUSE_OPENERS:
            return ""
        if low == "and":
            if k > 0 and _covered(tokens[k - 1], spans):
                k -= 1
                continue
            return ""
        if tok.pos == "PRON":
            return ""
        if tok.pos in ("NOUN", "PROPN", "ADJ") and low in rules.stop and low not in rules.prepositions:
            k -= 1  # "fell 25% year-on-year to 85,000"
            continue
        if (tok.pos == "NOUN" and _is_change_noun(low) and k > 0
                and tokens[k - 1].text.lower() in ("a", "an", "its", "their")):
            verb = True  # "Sales posted a [gain] of 8%": what gained is the clause's subject
            k -= 2
            continue
        if tok.pos in ("NOUN", "ADJ") and _peak(low):
            j = k - 1
            while j >= 1 and tokens[j].text == "-":
                j -= 2  # "a near[-]record 6%" as the tokenizer splits it
            if j >= 0 and tokens[j].text.lower() in ("a", "an", "the"):
                verb = True  # "Inflation hit a [near-record] 6%": what reached it is the clause's subject
                k = j - 1
                continue
        if tok.pos == "NOUN" and low in rules.generic and k > 0 and tokens[k - 1].text.lower() in ("a", "an", "the") \
                and tokens[k + 1].text.lower() == "of":
            k -= 2  # "rents rose to [an average] of £1,250": what the average is of is the clause's subject
            continue
        if tok.pos == "NOUN" and low in rules.fallback and k > 0 and tokens[k - 1].pos not in _NOMINAL \
                and tokens[k - 1].text.lower() not in _ARTICLES:
            return ""  # "would eke out [growth] of 2.7%": no noun says what grew, the cue's own word measures it
        if tok.pos in ("NOUN", "PROPN") and not (tok.pos == "PROPN" and low in movements):
            opening = _phrase_start(tokens, k)
            if not verb and opening > 0 and tokens[opening - 1].text.lower() in _GAP_JOINS \
                    and all(tokens[j].pos == "PROPN" for j in range(opening, k + 1)):
                return ""  # "India will grow 6.5% and [China] 4.5%": whose figure, the verb and metric left out
            if amount and not verb and opening > 0 and tokens[opening - 1].text.lower() in rules.two_objects \
                    and tokens[opening - 1].pos == "VERB" and all(
                        tokens[j].pos in ("ADV", "DET", "ADJ") or _covered(tokens[j], spans)
                        for j in range(k + 1, first)):
                return rules.verb_nouns.get(tokens[opening - 1].text.lower(), "")  # "cost [the carmaker] $1bn"
            lead = tokens[opening - 1].text.lower() if opening > 0 else ""
            adjunct = (tok.pos == "PROPN" or low in rules.times) and lead in rules.prepositions and lead != "of"
            if adjunct or low in rules.times:
                if verb and not adjunct:
                    return ""
                k = opening - 2 if adjunct else opening - 1
                continue
            return _common(_clause_free_phrase(text, base, tok, tokens[max(0, k - 12) : k + 1], rules, verb),
                           tokens[max(0, k - 12) : k + 1], rules)
        if tok.pos in ("VERB", "AUX"):
            if amount and not verb and low in rules.verb_nouns and all(
                    tokens[j].pos in ("ADV", "DET", "ADJ", "NUM", "SYM") or _covered(tokens[j], spans)
                    or tokens[j].text.lower() == "than" or tokens[j].text.lower() in _ESTIMATED
                    for j in range(k + 1, first)):
                return rules.verb_nouns[low]  # "took [more than the expected] $18m"
            if verb and tok.pos == "VERB" and k > 0 and tokens[k - 1].pos == "NOUN" and low not in movements \
                    and low not in rules.links and low in _SOLD:
                # "the number [sold] to reach 59 million": a participle closing the subject's phrase
                return _common(noun_phrase(text[: tok.end - base], rules).split(), tokens[max(0, k - 12) : k + 1],
                               rules)
            rel = k - 1 - (k > 1 and tokens[k - 1].pos in ("AUX", "ADV"))
            if verb and tok.pos == "VERB" and low not in rules.links and low not in movements and rel > 0 \
                    and tokens[rel].text.lower() in ("that", "which", "who") \
                    and tokens[rel - 1].pos in ("NOUN", "PROPN"):
                k = rel - 1  # "Sales at the shop [that opened] in May rose 12%": the noun the clause is about
                continue
            through_by = any(tokens[j].text.lower() == "by" for j in range(k + 1, first))
            if low in rules.links or low in movements or through_by:
                verb = True
                k -= 1
                continue
            return ""
        if tok.pos in _PASSED or low in movements or low == "-":
            if tok.pos == "ADP" and low in rules.prepositions and low not in ("by", "to", "from", "at", "of",
                                                                               "on", "in", "for", "with"):
                return ""
            k -= 1
            continue
        return ""
    return ""


#: A verb that pushes its object past or to a level, the object and the word of the line ("could [push
#: unemployment] above", "to bring [inflation] below"); the word may open the quantity's own span ("[above 4.5%]").
_PUSHED_OBJECT = regex.compile(
    r"(?i)\b(?:push(?:es|ed|ing)?|driv(?:e|es|en|ing)|drove|send(?:s|ing)?|sent|bring(?:s|ing)?|brought|"
    r"forc(?:e|es|ed|ing)|tip(?:s|ped|ping)?|nudg(?:e|es|ed|ing))\s{1,3}"
    r"(?P<object>(?:[\p{L}'’&-]{1,25}\s{1,3}){1,5}?)"
    r"(?:(?:above|below|beyond|past|under|over|to|towards?|back\s{1,3}(?:to|above|below)|up\s{1,3}to|down\s{1,3}to)"
    r"\s{1,3})?$"
)


def pushed_object(before: str, rules: ClaimRules) -> str:
    """The noun phrase a verb of pushing moves to, past or below the quantity right after ``before`` ("a
    slowdown could push [unemployment] above 4.5%", "to bring [the jobless rate] below 5%"), or '' (no such
    verb, or no noun phrase after it: "pushed up to 4%", "pushed it above 4%")."""
    found = _PUSHED_OBJECT.search(before[-BEFORE_CHARS:])
    if found is None:
        return ""
    words = found.group("object").split()
    first = words[0].lower()
    if first not in rules.determiners and (first in rules.stop or first in rules.prepositions):
        return ""
    phrase = verb_free(noun_phrase(found.group("object"), rules), rules)
    return "" if not phrase or names_movement(phrase) or _proper(phrase.split()) else phrase


def own_clause_metric(before: str, donor_end: int, rules: ClaimRules) -> str:
    """The metric a quantity's own clause names, which wins over one carried from an earlier figure: the object
    a verb pushes to or past it (:func:`pushed_object`), else the subject of its verb of movement
    (:func:`movement_metric`), when written after the figure it would carry from (``before``: the sentence's text
    before the quantity; ``donor_end``: where that figure ends in it), read only when a clause break or turn stands
    between them. "The bank kept its key rate at 5.25%, while inflation eased to [6.9%]" -> inflation, "could push unemployment [above 4.5%]" -> unemployment;
    "Shares fell 1% to [510.75 pence]" names none after the 1%: ''."""
    tail = before[donor_end:]
    if _CLAUSE_BREAK.search(tail) is None:
        return ""  # no clause between them: the figure is still the earlier one's ("rose 3%, 4% and 5%")
    phrase = pushed_object(tail, rules) or movement_metric(tail, rules)
    return phrase if phrase and phrase.lower() in tail.lower() else ""
