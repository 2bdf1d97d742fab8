"""The noun phrase a quantity's metric is read from, walked over the sentence's words without the model: back
from the words before a figure (:func:`noun_phrase`: "a transaction amount of" -> "transaction amount") and on
from the words after it (:func:`noun_phrase_after`, :func:`phrase_words`). The walker stops at the stop words of
the ``metric`` words rule and follows 'X of Y' chains through its determiners and prepositions; the nouns of
change and of peaks ("increase", "record") and the clause breaks it stops at are defined here for the other
metric readers.
"""
from __future__ import annotations

import logging
from collections.abc import Collection

import regex

from .claim_rules import ClaimRules
from .kinds import BEFORE_CHARS, CLAUSE_TURN

log = logging.getLogger(__name__)

#: Longest metric phrase, in words.
MAX_METRIC_WORDS = 8

#: A word (letters, digits and the signs inside words) or one other sign: what the walkers step over.
TOKEN = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}&'’\-]{0,40}|[^\s\p{L}\p{N}]")

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
    return word.lower() == "worth" and before.lower() in MEASURE_ADJECTIVES


#: The words for 'of' of French, Spanish and German pages: an 'X de Y' chain is read as 'X of Y' is (both
#: must also be ``prepositions`` of the metric words to be followed).
OF_WORDS = frozenset(("de", "del", "du", "von", "vom"))

#: Words that make a noun of time an adverb of time ("last year", "this quarter").
_TIME_LEADS = frozenset(("last", "this", "next", "previous", "same", "that", "each", "every", "per"))


def proper_name(words: list[str]) -> bool:
    """True when every word is capitalised or joins a name ('Bank of China')."""
    return all(w[:1].isupper() or w.lower() in ("of", "and", "&") for w in words)


def _common_phrase(words: list[str], head: list[str]) -> bool:
    """True when ``words``, the 'of' phrase of ``head``, are no name: the first is in lower case, or most are
    after a vague head ("the number of [Japanese films released]"; not "Zhangjiang High tech", "China")."""
    lower = sum(1 for w in words if not w[:1].isupper())
    return not words[0][:1].isupper() or head[-1].lower() in OF_HEADS and 2 * lower > len(words)


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
        prev = TOKEN.findall(before[: m.start()])
        rest = before[m.end() :]
        if not prev or not prev[-1][:1].islower() or prev[-1].lower() in rules.stop or prev[-1].lower() in rules.times \
                or _THAT_CLAUSE.fullmatch(prev[-1]):
            continue
        if CLAUSE_BREAK.search(rest) or _SAYS.search(rest) or _SUBORDINATE.search(rest) \
                or all(w.lower() in rules.stop for w in TOKEN.findall(rest)):
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
    tokens = list(TOKEN.finditer(before))
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
        if prep not in ("of", "for", "in") and prep not in OF_WORDS and not proper_name(words) and not qualifier:
            break
        prev, j = _chunk(tokens, i - 1, rules)
        if qualifier and prev and _PHRASE_END.fullmatch(prev[-1]):
            break  # "[Based] on Friday's closing price": a participle, no noun the phrase qualifies
        if not prev or (prep == "in" and prev[-1].lower() in CHANGE_NOUNS and not proper_name(words)
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
    """The noun phrase that starts ``after`` (leading determiners and possessives skipped); a participle after its
    first word that opens a clause ends it (:func:`_opens_clause`: "£5,000 of [donations] covering the cost")."""
    words: list[str] = []
    joined = False
    tokens = [m.group() for m in TOKEN.finditer(after[:BEFORE_CHARS])]
    for n, tok in enumerate(tokens):
        low = tok.lower()
        if (not words or joined) and (low in rules.determiners or tok.endswith(("'s", "’s"))):
            continue
        if words and not joined and _opens_clause(tok, words[-1], tokens[n + 1].lower() if n + 1 < len(tokens) else "",
                                                  rules):
            break  # "£5,000 of donations [covering] the cost", "$2m in grants [supporting] research"
        if tok[0].isalnum() and not any(ch.isdigit() for ch in tok) and low not in rules.stop:
            words.append(tok)
            joined = False
            if len(words) >= MAX_METRIC_WORDS - 2:
                break
            continue
        if low == "of" and len(words) == 1 and words[0].lower() in OF_HEADS:
            words.append(tok)  # "a 12% increase in [the number of televisions sold]"
            joined = True
            continue
        if words and not joined and (tok[0].isdigit() or tok in _CURRENCY_SIGNS):
            return ""  # "[$200m] of the nearly $900m budget": the words before another figure qualify it
        break
    return " ".join(words[:-1] if joined else words)


#: Words that end a phrase read after a quantity: adverbs ("previously"), participles ("beans [exported]",
#: "the £50m [given]") and adjectives ("times more [expensive]").
_PHRASE_END = regex.compile(
    r"(?i)\p{L}{2,}(?:ly|ed|ous|ful|able|ible)|\p{L}{5,}ive|given|taken|seen|made|paid|spent|sold|won|lost|held|left|"
    r"known|shown|done|begun|includes|include|included|says|said|means|meant|gives|gets|got|came|went"
)


#: Linking verbs that are nouns of a measure after a word of their phrase ("the national [average]", "the annual
#: [total] from"; "prices average $5" keeps the verb).
_LINK_NOUNS = frozenset(("average", "total"))


def _phrase_ends(nxt: str, rules: ClaimRules) -> bool:
    """True when ``nxt`` (lower case, "" at the end) ends a noun phrase: nothing, a closing mark, a preposition or a
    stop word (not a figure or its currency sign: "prices average $5")."""
    return not nxt or nxt[:1] in _CLOSING_MARKS or nxt in rules.prepositions or nxt in rules.stop


_CLOSING_MARKS = frozenset(".,;:!?)]\"'”’—–-")


def _plural(word: str) -> bool:
    """True when ``word`` reads as a plural noun ("grants", "donations"; not "gas", "press"): a word in -ing after
    it opens a clause ("$2m in grants [supporting] research")."""
    low = word.lower()
    return len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is"))


def _opens_clause(tok: str, prev: str, nxt: str, rules: ClaimRules) -> bool:
    """True when ``tok``, after ``prev`` in a noun phrase and before ``nxt`` (lower case, "" at the end), opens
    a clause: a word in -ing after a plural and before another word ("donations [covering] the cost", "grants
    [supporting] research"; "the total [outstanding] common stock" is an adjective, and a noun in -ing at the
    end stays: "money laundering", as does a noun of a sum: "new funding"), or a participle or adverb of
    :data:`_PHRASE_END` before an article or possessive ("cars [sold] the year before")."""
    if _PARTICIPLE.fullmatch(tok) and tok.lower() not in rules.verb_nouns.values():
        return _plural(prev) and nxt[:1].isalpha()
    return _PHRASE_END.fullmatch(tok) is not None and (nxt in ARTICLES or nxt in rules.determiners)


#: A word in -ing after the first of a phrase is a participle ("vinyl [featuring] seven tracks"); first, it
#: may be a noun ("a £10m advertising campaign").
_PARTICIPLE = regex.compile(r"(?i)\p{L}{3,}ing")
ARTICLES = frozenset(("a", "an", "the", "its", "their", "his", "her"))
#: A verb contracted to the word before it ("that['s]", "there['re]").
_CONTRACTED = regex.compile(r"['’](?:s|re|ll|ve|d)$")


def phrase_words(after: str, rules: ClaimRules, lead: bool = False, changed: bool = False) -> list[str]:
    """The words of the noun phrase that starts ``after``: leading determiners and possessives skipped;
    a noun in the possessive right after the figure is the whole phrase ("the 12m [boat]'s hull");
    it ends at a stop word, a linking or movement verb (no phrase when that is a noun of change), an adverb,
    a participle or an adjective (:data:`_PHRASE_END`; a word in -ing after the first, also with ``lead`` after a
    plural: "$2m in [grants] supporting research"), before a word followed
    by an article or possessive (a verb: "the settlement [includes] the"), or at anything that is not a word;
    a noun in -ing that names a sum ("new [funding]": a noun of ``rules.verb_nouns``) is no participle.
    A stop word with a verb contracted to it ("that's") ends it too. ``lead``: a participle or adjective
    followed by a noun stays ("8 oz. [cooked] chicken", "two tablespoons of vegetarian [refried] beans"), and
    so does a noun of movement that is no noun of change ("500m euros in annual [savings]"). A noun of change
    ends the phrase and gives none ("a 5% annual [increase] in sales"), unless ``changed`` (the quantity is
    that change: "a 32% [pay] cut")."""
    tokens = [m.group() for m in TOKEN.finditer(after[:BEFORE_CHARS])]
    words: list[str] = []
    for n, tok in enumerate(tokens):
        low = tok.lower()
        if n == 0 and tok.endswith(("'s", "’s")) and tok[:1].islower() and low[:-2] not in rules.stop:
            return [tok[:-2]]  # "the [12m] boat's rear section": the figure describes the boat
        if not words and (low in rules.determiners or tok.endswith(("'s", "’s"))):
            continue
        nxt = tokens[n + 1].lower() if n + 1 < len(tokens) else ""
        kept = lead and nxt[:1].isalpha() and nxt not in rules.stop and not _PHRASE_END.fullmatch(nxt)
        if (not tok[0].isalnum() or any(ch.isdigit() for ch in tok) or low in rules.stop
                or (low in rules.links and not (words and low in _LINK_NOUNS and _phrase_ends(nxt, rules)))
                or (("'" in tok or "’" in tok) and _CONTRACTED.sub("", low) in rules.stop)
                or (_PHRASE_END.fullmatch(tok) and not kept)
                or (words and (nxt in ARTICLES or _PARTICIPLE.fullmatch(tok) and (not kept or _plural(words[-1]))
                               and low not in rules.verb_nouns.values()))):
            break
        if low in rules.movements and words and not (lead and low not in CHANGE_NOUNS and movement_noun(low, rules)):
            return [] if low in CHANGE_NOUNS and not changed else words  # "a 5% annual [increase] in sales"
        words.append(tok)
        if len(words) >= MAX_METRIC_WORDS - 2:
            break
    return words


def movement_noun(word: str, rules: ClaimRules) -> bool:
    """True when a word of movement is (also) a noun: a noun of change, a word that follows a change ("a 3%
    drop"), a peak, or a noun by its ending ("inflation", "savings")."""
    return (is_change_noun(word) or word.removesuffix("es") in CHANGE_NOUNS or word in rules.direction_after
            or word in PEAK_NOUNS or word.endswith(("tion", "sion", "ment", "ings", "ness")))


def movement_verb(word: str, rules: ClaimRules) -> bool:
    """True when ``word`` (lower case) is a verb of movement and no noun ("fell", "peaked"; not "increase")."""
    return word in rules.movements and not movement_noun(word, rules)


#: Where a clause ends, for :func:`movement_metric`; not a comma before the level a movement reached
#: ("Las exportaciones cayeron un 3,1 %[,] hasta 52.400 millones"), nor a decimal comma ("3[,]1 %"); "and
#: that" opens a second reported clause ("said costs had fallen by a third [and that] margins improved").
CLAUSE_BREAK = regex.compile(r"[;:!?]|,(?!\d|\s{1,3}(?:to|hasta|al|à|auf)\s)|\.\s|" + CLAUSE_TURN)

#: Nouns that name a change, not what changed ("an increase of 5% in sales": the metric is "sales").
CHANGE_NOUNS = frozenset((
    "increase", "rise", "growth", "gain", "jump", "surge", "drop", "decline", "decrease", "fall", "reduction",
    "cut", "slump", "slide", "loss", "hike", "boost", "change", "upturn", "downturn", "improvement", "dip",
    "plunge", "rebound",
))
#: Nouns of a peak or trough a level reached ("a record [high] of"): no metric.
PEAK_NOUNS = frozenset(("high", "highs", "low", "lows", "peak", "peaks", "trough", "record"))


def is_peak(word: str) -> bool:
    """True when ``word`` (lower case) is a noun of :data:`PEAK_NOUNS` or a compound ending in one ("a
    [near-record] 6%", "[record-high]")."""
    return word.rsplit("-", 1)[-1] in PEAK_NOUNS


#: Nouns that say nothing alone and give way to their 'of' phrase ("the number of jobless people").
OF_HEADS = frozenset(("number", "share", "total", "proportion", "percentage", "amount", "level", "rate",
                       "value", "sum", "majority", "half", "quarter", "third", "part", "portion"))


def is_change_noun(word: str) -> bool:
    """True when ``word`` is a noun of change, singular or plural ("gain", "gains")."""
    low = word.lower()
    return low in CHANGE_NOUNS or low.rstrip("s") in CHANGE_NOUNS


#: Adjectives that make a noun of change a measure of its own ("[net] loss", "[operating] loss").
MEASURE_ADJECTIVES = frozenset(("net", "gross", "operating", "pre-tax", "pretax", "extraordinary", "underlying"))
