"""What a figure of a movement measures, read from its clause: the subject of the verb of movement ("profit
dropped by $3 million" -> profit: :func:`movement_metric`), the object a verb moves by the figure ("extend the
battery range by 40 km") or pushes past it (:func:`pushed_object`), and the metric of a later figure's own
clause, which wins over one carried from an earlier figure (:func:`own_clause_metric`).
"""
from __future__ import annotations

import logging

import regex

from .claim_rules import ClaimRules
from .kinds import BEFORE_CHARS
from .metric import names_movement, verb_free
from .noun_phrase import CLAUSE_BREAK, movement_noun, noun_phrase, proper_name

log = logging.getLogger(__name__)


def movement_metric(before: str, rules: ClaimRules) -> str:
    """The noun phrase right before the verb of movement nearest before a quantity in its clause, past an
    adverb ("profit more than doubled") and an auxiliary ("Die [Exporte] stiegen im März um", "Le [chiffre
    d'affaires] a augmenté de"), or '' (no
    such verb, a noun of movement, no phrase before it)."""
    if rules.direction_before_re is None:
        return ""
    window = before[-BEFORE_CHARS:]
    cut = max((m.end() for m in CLAUSE_BREAK.finditer(window)), default=0)
    window = window[cut:]
    found = list(rules.direction_before_re.finditer(window))
    if not found:
        return ""
    word = found[-1].group("word").lower()
    if " " in word and not (word.startswith("en ") or _PHRASAL_MOVE.search(word)) or movement_noun(word, rules):
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
    return "" if not phrase or names_movement(phrase) or proper_name(phrase.split()) else phrase


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
    return "" if not phrase or names_movement(phrase) or proper_name(phrase.split()) else phrase


def own_clause_metric(before: str, donor_end: int, rules: ClaimRules) -> str:
    """The metric a quantity's own clause names, which wins over one carried from an earlier figure: the object
    a verb pushes to or past it (:func:`pushed_object`), else the subject of its verb of movement
    (:func:`movement_metric`), when written after the figure it would carry from (``before``: the sentence's text
    before the quantity; ``donor_end``: where that figure ends in it), read only when a clause break or turn stands
    between them. "The bank kept its key rate at 5.25%, while inflation eased to [6.9%]" -> inflation, "could push unemployment [above 4.5%]" -> unemployment;
    "Shares fell 1% to [510.75 pence]" names none after the 1%: ''."""
    tail = before[donor_end:]
    if CLAUSE_BREAK.search(tail) is None:
        return ""  # no clause between them: the figure is still the earlier one's ("rose 3%, 4% and 5%")
    phrase = pushed_object(tail, rules) or movement_metric(tail, rules)
    return phrase if phrase and phrase.lower() in tail.lower() else ""
