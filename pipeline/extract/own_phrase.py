"""Whether a word of movement written after a figure, past a few words, is the figure's own ("a 5% pay [rise]",
"1,200 jobs [were cut]") or the verb or object of another clause ("keeping warming below 1.5C requires deep
[cuts]", "getting to 5% means faster [growth]"), read from the sentence's tokens.

With the dependency parse the word is the figure's own when it governs the figure (the figure is in the word's
phrase, or the word's subject or object). With parts of speech only, the words between the two must be the
premodifiers of a noun phrase: an auxiliary or a finite verb between them ends the figure's phrase (a participle
before a noun, "a 3% [expected] decline", modifies it), and so does a plural-looking noun before an adjective
("1.5C [demands steep] cuts": a verb in -s the tagger read as a noun; "22 pct compound annual growth" keeps its
phrase). A conjunction between them ("5.5 pct and negative growth") leaves it unknown. With no tokens nothing is
known and the word counts.
"""
from __future__ import annotations

from collections.abc import Sequence

from .ner import Token

#: Parts of speech of words that stand between a figure and a noun of movement of its own phrase.
_PREMODIFIERS = frozenset(("NOUN", "PROPN", "ADJ", "ADV", "NUM", "PUNCT", "SYM", "ADP", "X"))
#: Endings of a participle that may modify the noun after it ("expected", "annualised", "rising", "grown").
_PARTICIPLE_ENDS = ("ed", "en", "ing", "wn")
#: Steps up the heads of a parse looked through for the word of movement.
_MAX_STEPS = 12


def outside_phrase(tokens: Sequence[Token], figure: tuple[int, int], word: tuple[int, int]) -> bool:
    """True when the tokens say the word of movement at absolute offsets ``word``, written after the figure at
    ``figure`` past at least one word, is not of the figure's phrase (module docstring). False with no tokens,
    or when nothing but punctuation stands between the two."""
    gap = [t for t in tokens if t.start >= figure[1] and t.end <= word[0]]
    if not any(t.text[:1].isalnum() for t in gap):
        return False
    if any(t.pos == "CCONJ" for t in gap):
        return False  # "last year's 5.5 pct and negative growth": the word may be shared, nothing is known
    if any(t.dep for t in tokens):
        return not _governs(tokens, figure, word)
    for k, t in enumerate(gap):
        nxt = gap[k + 1] if k + 1 < len(gap) else next((w for w in tokens if w.start >= word[0]), None)
        if t.pos == "AUX":
            return True
        if t.pos == "VERB":
            if not (t.text.lower().endswith(_PARTICIPLE_ENDS) and nxt is not None and nxt.pos in ("NOUN", "PROPN")):
                return True  # "requires", "means": a verb of a clause of its own
        elif t.pos not in _PREMODIFIERS:
            return True
        if (t.pos == "NOUN" and t.text.lower().endswith("s") and not t.text.lower().endswith("ss")
                and nxt is not None and nxt.pos == "ADJ" and nxt.end <= word[0]):
            return True  # "1.5C demands steep cuts": a verb in -s the tagger read as a noun, before its object
    return False


def _governs(tokens: Sequence[Token], figure: tuple[int, int], word: tuple[int, int]) -> bool:
    """True when a token of the word of movement is a head, directly or through other heads, of a token of the
    figure (the parse's ``head`` indexes the sentence's tokens; the root is its own head)."""
    heads = {k for k, t in enumerate(tokens) if t.start >= word[0] and t.end <= word[1]}
    for k, t in enumerate(tokens):
        if not (t.start >= figure[0] and t.end <= figure[1]):
            continue
        at = k
        for _ in range(_MAX_STEPS):
            up = tokens[at].head
            if up == at or not 0 <= up < len(tokens):
                break
            if up in heads:
                return True
            at = up
    return False
