"""Words a pattern cannot match without: a cheap test that lets a rule be skipped where it cannot match.

:func:`needed_literals` reads a pattern's structure (with the standard library's regex parser, which reads the
forms rule files use) and returns strings of which every match must hold at least one ("ago" or "read" for
"5 minutes ago" / "3 min read"), each exact where the pattern is case-sensitive ("No" of "No. 5") and
case-folded where it is not. Text that holds none of them cannot match. A positive look-ahead's words count too
(its text must be there); named groups are read as plain groups (so a name used in two branches is fine); a
small class is one of its characters. Patterns the parser reads differently from ``regex`` (fuzzy matching,
nested or POSIX sets, named lists, references to named groups...) or cannot read get no such strings: they are
always run. :class:`NeedIndex` finds the strings of many rules in one pass over a text.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Sequence

import ahocorasick
import regex

try:  # Python 3.11+
    from re import _constants as C
    from re import _parser as P
except ImportError:  # pragma: no cover - Python before 3.11
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse as P  # type: ignore[no-redef]

log = logging.getLogger(__name__)

#: Forms of ``regex`` that the standard parser reads otherwise (or not at all): such patterns get no test (and
#: those of :func:`_set_operation`).
_FOREIGN = regex.compile(r"\{\s*[eids]\s*[<=]|\\[LmMGKXNhRg]|\(\?[rV&|]|\(\?P[>=]|\(\?\(DEFINE|\(\?&")
#: What ``regex`` reads as a set operator inside a class (version 1), the standard parser as two characters.
_SET_OPERATORS = ("--", "&&", "||", "~~")


def _set_operation(pattern: str) -> bool:
    """True when a class of ``pattern`` holds an unescaped ``[`` (a nested set or a POSIX class such as
    ``[[:alpha:]]`` in ``regex``, a plain bracket to the standard parser) or a set operator (``[\\w--\\d]``). A
    class that opens with a colon (``[:：]``) is a plain class to both."""
    inside = False
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if not inside:
            if c == "[":
                inside = True
                i += 1
                if pattern.startswith("^", i):
                    i += 1
                if pattern.startswith("]", i):  # a bracket first in a class is one of its characters
                    i += 1
                continue
        elif c == "[" or pattern.startswith(_SET_OPERATORS, i):
            return True
        elif c == "]":
            inside = False
        i += 1
    return False


#: A named group's opening, read as a plain group (``regex`` allows one name in several branches, the standard
#: parser does not).
_NAMED = regex.compile(r"\(\?P?<[A-Za-z_]\w*>")
#: Property classes (``\p{L}``) read as a word class: any class is no literal here.
_PROPERTY = regex.compile(r"\\[pP]\{[^}]{1,40}\}|\\[pP][A-Za-z]")
_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)
_REPEATS = tuple(op for op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)) if op is not None)


#: Most characters a class may have to count as "one of these" (a wider class needs nothing).
_MAX_CLASS = 8

#: A string a match holds: ``(text, exact)``, exact text as written (a case-sensitive part of the pattern),
#: the other case-folded (a case-insensitive part, or a class of one letter in either case).
Need = tuple[str, bool]


def _better(a: frozenset[Need] | None, b: frozenset[Need] | None) -> frozenset[Need] | None:
    """The stronger of two requirements: any requirement beats none; then the longer shortest string, then
    fewer strings, then more of them exact."""
    if a is None:
        return b
    if b is None:
        return a

    def rank(x: frozenset[Need]) -> tuple[int, int, int]:
        return min(len(t) for t, _ in x), -len(x), sum(e for _, e in x)

    return a if rank(a) >= rank(b) else b


def _sequence(items: list, icase: bool) -> frozenset[Need] | None:
    """What a sequence of parsed items needs (``icase``: read case-insensitively): its best literal run or
    its best needing item."""
    best: frozenset[Need] | None = None
    run: list[str] = []
    exact = not icase

    def close() -> None:
        nonlocal best, run, exact
        if run:
            text = "".join(run)
            best = _better(best, frozenset({(text, True) if exact else (text.casefold(), False)}))
        run, exact = [], not icase

    for op, av in items:
        if op is C.LITERAL:
            run.append(chr(av))
            continue
        if op is C.IN:  # a small class: one of its characters ("[Kk]" is one letter, the run goes on)
            chars = _class(av)
            folded = {c.casefold() for c in chars} if chars is not None else set()
            if chars is not None and len(chars) == 1 and not icase:
                run.append(next(iter(chars)))
                continue
            if len(folded) == 1:
                run.append(folded.pop())
                exact = False
                continue
            close()
            if chars is not None and 1 < len(chars) <= _MAX_CLASS and all(folded):
                best = _better(best, frozenset((f, False) for f in folded) if icase
                               else frozenset((c, True) for c in chars))
            continue
        if op is C.ASSERT and av[0] == 1:  # a look-ahead: what it needs is there too, the run goes on
            best = _better(best, _sequence(list(av[1]), icase))
            continue
        if op in _ZERO_WIDTH:  # consumes nothing: the run goes on across it
            continue
        close()
        if op is C.SUBPATTERN:  # (group, flags added, flags removed, items)
            add, remove = (av[1], av[2]) if len(av) == 4 else (0, 0)
            inner = (icase or bool(add & C.SRE_FLAG_IGNORECASE)) and not remove & C.SRE_FLAG_IGNORECASE
            best = _better(best, _sequence(list(av[-1]), inner))
        elif getattr(C, "ATOMIC_GROUP", None) is not None and op is C.ATOMIC_GROUP:
            best = _better(best, _sequence(list(av), icase))
        elif op is C.BRANCH:
            best = _better(best, _branch(av[1], icase))
        elif op in _REPEATS and av[0] >= 1:
            best = _better(best, _sequence(list(av[2]), icase))
    close()
    return best


def _branch(branches: list, icase: bool) -> frozenset[Need] | None:
    """What an alternation needs: one of what each branch needs (nothing when a branch needs nothing)."""
    out: set[Need] = set()
    for b in branches:
        need = _sequence(list(b), icase)
        if need is None:
            return None
        out |= need
    return frozenset(out)


def needed_literals(pattern: str, ignore_case: bool = False) -> frozenset[Need] | None:
    """Strings of which every match of ``pattern`` (``regex`` syntax; ``ignore_case``: compiled with
    IGNORECASE) holds one, each exact or case-folded (:data:`Need`), or None when no such strings are known
    (the pattern must always be run). An empty string is never among them."""
    if _FOREIGN.search(pattern) or _set_operation(pattern):
        return None
    try:
        parsed = P.parse(_NAMED.sub("(?:", _PROPERTY.sub(r"\\w", pattern)))
    except Exception:  # noqa: BLE001 - any form the standard parser refuses means "no test"
        return None
    if any(op is C.LITERAL and av == ord("{") for op, av in _walk(list(parsed))):
        return None  # a brace the standard parser took literally may be a repeat form of regex
    icase = ignore_case or bool(parsed.state.flags & C.SRE_FLAG_IGNORECASE)
    need = _sequence(list(parsed), icase)
    return need if need and all(t for t, _ in need) else None


def _walk(items: list):
    """Every parsed item, nested ones included."""
    for op, av in items:
        yield op, av
        if op is C.SUBPATTERN:
            yield from _walk(list(av[-1]))
        elif op is C.BRANCH:
            for b in av[1]:
                yield from _walk(list(b))
        elif op in _REPEATS:
            yield from _walk(list(av[2]))
        elif op in (C.ASSERT, C.ASSERT_NOT):
            yield from _walk(list(av[1]))
        elif getattr(C, "ATOMIC_GROUP", None) is not None and op is C.ATOMIC_GROUP:
            yield from _walk(list(av))


def holds(text: str, needs: frozenset[Need] | None) -> bool:
    """True when ``text`` holds one of ``needs`` (exact ones as written, the others in its case-folded form;
    always True for None)."""
    if needs is None:
        return True
    folded = text.casefold()
    return any(t in (text if exact else folded) for t, exact in needs)


class NeedIndex:
    """The needs of many rules (each a :func:`needed_literals` result, None for "always run"), found in a text
    in one pass: Aho-Corasick automata of every exact and every case-folded string, each string carrying the
    bit mask of the rules that need it. ``possible(text)`` is a mask whose bit ``i`` is set exactly when
    ``holds(text, needs[i])``."""

    def __init__(self, needs: Sequence[frozenset[Need] | None]) -> None:
        self.needs = tuple(needs)
        self.always = sum(1 << i for i, need in enumerate(self.needs) if need is None)
        masks: tuple[dict[str, int], dict[str, int]] = ({}, {})  # case-folded, exact
        for i, need in enumerate(self.needs):
            for text, exact in need or ():
                masks[exact][text] = masks[exact].get(text, 0) | 1 << i
        self._folded, self._exact = (_automaton(m) for m in masks)

    def possible(self, text: str) -> int:
        """Bit mask of the rules that may match ``text`` (rule ``i`` is bit ``1 << i``)."""
        mask = self.always
        if text:
            if self._exact is not None:
                for _, bits in self._exact.iter(text):
                    mask |= bits
            if self._folded is not None:
                for _, bits in self._folded.iter(text.casefold()):
                    mask |= bits
        return mask


def _automaton(masks: dict[str, int]) -> ahocorasick.Automaton | None:
    """An Aho-Corasick automaton of the strings of ``masks``, each giving its mask; None without strings."""
    if not masks:
        return None
    automaton = ahocorasick.Automaton()
    for word in sorted(masks):
        automaton.add_word(word, masks[word])
    automaton.make_automaton()
    return automaton


#: Largest character range a first-character set spells out (a wider one means "any character").
_MAX_RANGE = 256


def first_chars(pattern: str) -> frozenset[str] | None:
    """The characters a match of ``pattern`` (``regex`` syntax) can start with, as written (a case-insensitive
    part counts its characters as written too: test them case-insensitively), or None when unknown: a class
    like ``\\w`` or ``.``, a form the standard parser reads otherwise, or a pattern that can match nothing."""
    if _FOREIGN.search(pattern) or _set_operation(pattern):
        return None
    try:
        parsed = P.parse(_PROPERTY.sub(r"\\w", pattern))  # a class: never a known first character
    except Exception:  # noqa: BLE001 - any form the standard parser refuses means "unknown"
        return None
    if any(op is C.LITERAL and av == ord("{") for op, av in _walk(list(parsed))):
        return None
    found = _first(list(parsed))
    if found is None or found[1]:  # unknown, or the pattern can match the empty string
        return None
    return frozenset(found[0])


def _first(items: list) -> tuple[set[str], bool] | None:
    """(first characters, can be empty) of a sequence of parsed items; None when unknown."""
    chars: set[str] = set()
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op is C.LITERAL:
            return chars | {chr(av)}, False
        if op is C.IN:
            got = _class(av)
            return (chars | got, False) if got is not None else None
        if op is C.SUBPATTERN:
            sub = _first(list(av[-1]))
        elif getattr(C, "ATOMIC_GROUP", None) is not None and op is C.ATOMIC_GROUP:
            sub = _first(list(av))
        elif op is C.BRANCH:
            subs = [_first(list(b)) for b in av[1]]
            if any(s is None for s in subs):
                return None
            sub = (set().union(*(s[0] for s in subs)), any(s[1] for s in subs))
        elif op in _REPEATS:
            inner = _first(list(av[2]))
            sub = None if inner is None else (inner[0], inner[1] or av[0] == 0)
        else:
            return None  # any character, a group reference, a conditional...
        if sub is None:
            return None
        chars |= sub[0]
        if not sub[1]:
            return chars, False
    return chars, True


def _class(items: list) -> set[str] | None:
    """The characters of a parsed class made of single characters and small ranges only."""
    out: set[str] = set()
    for op, av in items:
        if op is C.LITERAL:
            out.add(chr(av))
        elif op is C.RANGE and av[1] - av[0] < _MAX_RANGE:
            out.update(chr(c) for c in range(av[0], av[1] + 1))
        else:
            return None  # a negated class, a category (\d, \s)...
    return out


def dispatch(alternatives: list[str], sources: list[str] | None = None) -> str:
    """One alternation of ``alternatives`` (patterns) that tries at each position only those that can start
    with its character, in their order: a look-ahead per character (case-insensitive), then the alternatives
    whose :func:`first_chars` hold it. It matches exactly as ``"|".join(alternatives)`` (only alternatives that
    cannot match at a position are left out there); when any alternative's first characters are unknown it is
    that plain alternation. ``sources`` (aligned): the patterns whose first characters are read, when an
    alternative wraps its pattern in a form the standard parser refuses ("(?:(?x)...)")."""
    firsts = [first_chars(a) for a in (sources if sources is not None else alternatives)]
    if not alternatives or any(f is None for f in firsts):
        return "|".join(alternatives) or "(?!)"
    keys: dict[str, set[int]] = {}
    for i, chars in enumerate(firsts):
        for c in chars:  # type: ignore[union-attr]
            keys.setdefault(_simple_fold(c), set()).add(i)
    # Keys that match each other case-insensitively ("µ" and "μ") share one look-ahead and one group, so a
    # character passes the look-ahead of one group at most and meets its alternatives in their order.
    merged: list[tuple[set[str], set[int]]] = []
    for k in sorted(keys):
        near = [m for m in merged if any(_same(k, x) for x in m[0])]
        chars_, idx = {k}, set(keys[k])
        for m in near:
            chars_ |= m[0]
            idx |= m[1]
            merged.remove(m)
        merged.append((chars_, idx))
    groups: dict[tuple[int, ...], list[str]] = {}
    for chars_, idx in merged:
        groups.setdefault(tuple(sorted(idx)), []).extend(chars_)
    parts = []
    for idx, chars in groups.items():
        cls = "".join(regex.escape(c) for c in sorted(chars))
        parts.append(f"(?=(?i:[{cls}]))(?:" + "|".join(alternatives[i] for i in idx) + ")")
    return "|".join(parts)


def _same(a: str, b: str) -> bool:
    """True when characters ``a`` and ``b`` match each other case-insensitively (``regex``'s simple folding)."""
    return a == b or bool(regex.fullmatch(f"(?i){regex.escape(a)}", b) or regex.fullmatch(f"(?i){regex.escape(b)}", a))


def _simple_fold(c: str) -> str:
    """A key under which characters that match each other case-insensitively (``regex``'s simple case
    folding) meet: a character matching none of its lower and upper case forms keeps its own key."""
    low = c.lower()
    return low if len(low) == 1 and regex.fullmatch(f"(?i){regex.escape(low)}", c) else c


__all__ = ["Need", "NeedIndex", "dispatch", "first_chars", "holds", "needed_literals"]
