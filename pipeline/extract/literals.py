"""Words a pattern cannot match without: a cheap test that lets a rule be skipped where it cannot match.

:func:`needed_words` reads a pattern's structure (with the standard library's regex parser, which reads the
forms rule files use) and returns strings of which every match must hold at least one, case-folded ("ago" or
"read" for "5 minutes ago" / "3 min read"). Text that holds none of them (case-folded too) cannot match.
Patterns the parser reads differently from ``regex`` (fuzzy matching, nested or POSIX sets, named lists...)
or cannot read get no such strings: they are always run.
"""
from __future__ import annotations

import logging
import re

import regex

try:  # Python 3.11+
    from re import _constants as C
    from re import _parser as P
except ImportError:  # pragma: no cover - Python before 3.11
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse as P  # type: ignore[no-redef]

log = logging.getLogger(__name__)

#: Forms of ``regex`` that the standard parser reads otherwise (or not at all): such patterns get no test.
_FOREIGN = regex.compile(r"\[\[|\[:|\{\s*[eids]\s*[<=]|\\[LmMGKXNhR]|\(\?[rV&|]|\(\?P>|\(\?\(DEFINE|\(\?<[A-Za-z]")
#: Property classes (``\p{L}``) read as a word class: any class is no literal here.
_PROPERTY = regex.compile(r"\\[pP]\{[^}]{1,40}\}|\\[pP][A-Za-z]")
_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)
_REPEATS = tuple(op for op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)) if op is not None)


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The stronger of two requirements: any requirement beats none; then the longer shortest string."""
    if a is None:
        return b
    if b is None:
        return a
    return a if (min(map(len, a)), -len(a)) >= (min(map(len, b)), -len(b)) else b


def _sequence(items: list) -> frozenset[str] | None:
    """What a sequence of parsed items needs: its best literal run or its best needing item."""
    best: frozenset[str] | None = None
    run: list[str] = []

    def close() -> None:
        nonlocal best, run
        if run:
            best = _better(best, frozenset({"".join(run).casefold()}))
        run = []

    for op, av in items:
        if op is C.LITERAL:
            run.append(chr(av))
            continue
        if op in _ZERO_WIDTH:  # consumes nothing: the run goes on across it
            continue
        close()
        if op is C.SUBPATTERN:
            best = _better(best, _sequence(list(av[-1])))
        elif getattr(C, "ATOMIC_GROUP", None) is not None and op is C.ATOMIC_GROUP:
            best = _better(best, _sequence(list(av)))
        elif op is C.BRANCH:
            best = _better(best, _branch(av[1]))
        elif op in _REPEATS and av[0] >= 1:
            best = _better(best, _sequence(list(av[2])))
    close()
    return best


def _branch(branches: list) -> frozenset[str] | None:
    """What an alternation needs: one of what each branch needs (nothing when a branch needs nothing)."""
    out: set[str] = set()
    for b in branches:
        need = _sequence(list(b))
        if need is None:
            return None
        out |= need
    return frozenset(out)


def needed_words(pattern: str) -> frozenset[str] | None:
    """Case-folded strings of which every match of ``pattern`` (``regex`` syntax) holds one, or None when no
    such strings are known (the pattern must always be run). An empty string is never among them."""
    if _FOREIGN.search(pattern):
        return None
    try:
        parsed = P.parse(_PROPERTY.sub(r"\\w", pattern))
    except Exception:  # noqa: BLE001 - any form the standard parser refuses means "no test"
        return None
    if any(op is C.LITERAL and av == ord("{") for op, av in _walk(list(parsed))):
        return None  # a brace the standard parser took literally may be a repeat form of regex
    need = _sequence(list(parsed))
    return need if need and all(need) else None


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


def holds_any(folded: str, needs: frozenset[str] | None) -> bool:
    """True when case-folded text ``folded`` holds one of ``needs`` (always True for None)."""
    return needs is None or any(w in folded for w in needs)


__all__ = ["holds_any", "needed_words"]
