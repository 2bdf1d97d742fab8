"""What a dump shows beside its text: a screen dump's table laid out as two columns (:func:`left_column`), and
the word pairs of the slugs of the link targets it prints (:func:`url_slug_counts`).
"""
from __future__ import annotations

import regex


#: A screen dump's table laid out as two columns: the right column starts this far in or further, after a
#: gap of at least :data:`COLUMN_GAP` spaces on one of the lines.
COLUMN_MIN = 24
COLUMN_GAP = 3
_GAP = regex.compile(r" {%d,}(?=\S)" % COLUMN_GAP)


def left_column(text: str) -> str | None:
    """The left column of a block of two or more lines laid out side by side (a screen dump of a table
    whose cells sit next to each other: a headline wrapped in its cell, a menu in the next), as lines; None
    when no column boundary runs through every line. ``text`` as :func:`~pipeline.clean.dialect.shown`
    gives it (offsets kept)."""
    lines = [x.rstrip() for x in text.split("\n")]
    lines = [x for x in lines if x.strip()]
    if len(lines) < 2 or len(text) > 2000:
        return None
    starts = sorted({m.end() for x in lines for m in _GAP.finditer(x) if m.end() >= COLUMN_MIN})
    for c in starts:
        right = [x[c:].strip() for x in lines]
        if any(right) and all(x[:c].strip() and (len(x) <= c or x[c - 1] == " ") for x in lines):
            return "\n".join(x[:c].rstrip() for x in lines)
    return None


#: A link target in a dump: a URL, or a markdown link's site-relative target.
_URL = regex.compile(r"(?:https?://|file:///|\]\(/)[^\s)\]]{1,2000}")
_URL_PART = regex.compile(r"[/?&=#.;]|%2f|%3a|%3f|%3d|%26")
_SLUG_SPLIT = regex.compile(r"[-_+]|%20")


def url_slug_counts(text: str) -> dict[tuple[str, str], int]:
    """Word pairs of the hyphenated slugs in the link targets shown in a dump (markdown targets, a screen
    dump's reference list), each with the number of link targets spelling it: a page's own address,
    repeated by its share links, spells its headline (linear in the text)."""
    counts: dict[tuple[str, str], int] = {}
    for url in _URL.findall(text):
        pairs: set[tuple[str, str]] = set()
        for part in _URL_PART.split(url.lower()):
            words = [w for w in _SLUG_SPLIT.split(part) if w]
            pairs.update(zip(words, words[1:]))
        for p in pairs:
            counts[p] = counts.get(p, 0) + 1
    return counts


def url_slugs(text: str) -> frozenset[tuple[str, str]]:
    """The word pairs of :func:`url_slug_counts`."""
    return frozenset(url_slug_counts(text))
