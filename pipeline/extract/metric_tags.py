"""What a quantity measures, read from the model's analysis of its sentence (only sentences holding a
quantity): :func:`parse_metric` from the dependency parse (the noun a number counts or modifies, the subject of
the verb of movement, 'of' chains) and :func:`tag_metric` from the parts of speech alone (the noun after the
figure, else the noun phrase the walk back from it reaches).
"""
from __future__ import annotations

import logging
from collections.abc import Sequence

from .claim_rules import ClaimRules
from .metric import POSSESSIVE, THRESHOLD_NOUNS, VARIANT_NOUNS
from .ner import Token
from .noun_phrase import (
    ARTICLES,
    CHANGE_NOUNS,
    MAX_METRIC_WORDS,
    MEASURE_ADJECTIVES,
    OF_HEADS,
    STATED_IN,
    is_change_noun,
    is_peak,
    noun_phrase,
)

log = logging.getLogger(__name__)

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
    if head.text.lower() in OF_HEADS:
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
    if owner > k and owner < len(tokens) and tokens[owner].text in POSSESSIVE:
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
    if len(words) == 1 and words[0].text.lower() in OF_HEADS and k < len(tokens) and tokens[k].text.lower() == "of":
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
            or last in rules.stop or is_peak(last):
        return ""
    return " ".join(words).lower()


#: Auxiliaries the tagger may read as verbs, and 'to' of an infinitive.
_AUXILIARIES = frozenset(("is", "are", "was", "were", "be", "been", "am", "has", "have", "had", "will", "would", "to"))


def _named_change(words: Sequence[str], pos: dict[str, str], rules: ClaimRules) -> bool:
    """True when the noun of change that ends ``words`` is part of a measure's name: a ``fallback`` phrase
    ("economic growth") or after an adjective of accounts ("net loss"); ``pos``: parts of speech by word."""
    if len(words) < 2:
        return False
    return (" ".join(words[-2:]).lower() in rules.fallback
            or pos.get(words[-2]) == "ADJ" and words[-2].lower() in MEASURE_ADJECTIVES)


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
    if first >= 2 and tokens[first - 1].text.lower() == "of" and is_change_noun(tokens[first - 2].text) \
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
        if (tok.pos == "NOUN" and is_change_noun(low) and k > 0
                and tokens[k - 1].text.lower() in ("a", "an", "its", "their")):
            verb = True  # "Sales posted a [gain] of 8%": what gained is the clause's subject
            k -= 2
            continue
        if tok.pos in ("NOUN", "ADJ") and is_peak(low):
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
                and tokens[k - 1].text.lower() not in ARTICLES:
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
