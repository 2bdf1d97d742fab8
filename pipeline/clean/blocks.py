"""Block segmentation of a page: line groups with exact offsets into the raw text.

Blank lines separate groups. Inside a group every line is its own block (single-newline paragraph text,
title lines, link lists), unless the group is hard-wrapped prose, which stays one block.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Iterator

log = logging.getLogger(__name__)

#: Hard-wrapped text has lines no longer than this.
MAX_WRAP_WIDTH = 120
#: ... and every line but the last at least this share of the longest line.
MIN_WRAP_FILL = 0.5


@dataclass(frozen=True)
class Span:
    """A block of the page: ``text == page[start:end]``, stripped, never empty."""

    start: int
    end: int
    text: str
    #: Number of blank lines between this block and the previous one (0: same line group).
    gap: int


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every line, without its line break."""
    pos, n = 0, len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        if nl < 0:
            yield pos, n
            return
        yield pos, nl
        pos = nl + 1


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _hard_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """True when a line group reads as one paragraph wrapped at a fixed width."""
    if len(lines) < 2:
        return False
    lengths = [e - s for s, e in lines]
    width = max(lengths)
    if width > MAX_WRAP_WIDTH or width < 30:
        return False
    for (s, e), (ns, ne) in zip(lines, lines[1:]):
        if text[s:e] == text[ns:ne]:
            return False
        if text[ns - 1] in " \t" and text[e - 1] in ".!?\"'":
            continue  # a paragraph ends here; the next one starts indented
        if e - s < MIN_WRAP_FILL * width:
            return False
        nxt = text[ns:ne].split(None, 1)
        # greedy wrapping: the next line's first word would not have fitted on this line
        if nxt and (e - s) + 1 + len(nxt[0]) <= width:
            return False
    return True


def _wrapped_paragraphs(text: str, lines: list[tuple[int, int]]) -> Iterator[list[tuple[int, int]]]:
    """Split a hard-wrapped group where a line is indented (a new paragraph in wire copy)."""
    current: list[tuple[int, int]] = []
    for s, e in lines:
        if current and s > 0 and text[s - 1] in (" ", "\t"):
            yield current
            current = []
        current.append((s, e))
    if current:
        yield current


def _groups(text: str) -> Iterator[tuple[int, list[tuple[int, int]]]]:
    """(blank lines before, non-blank lines) of every line group."""
    blanks, group = 0, []
    for s, e in _lines(text):
        s2, e2 = _strip(text, s, e)
        if s2 == e2:
            if group:
                yield blanks, group
                group, blanks = [], 0
            blanks += 1
            continue
        group.append((s2, e2))
    if group:
        yield blanks, group


def segment_blocks(text: str) -> list[Span]:
    """Blocks of ``text`` in page order with exact offsets (linear time)."""
    spans: list[Span] = []
    for blanks, group in _groups(text):
        if _hard_wrapped(text, group):
            parts = [(p[0][0], p[-1][1]) for p in _wrapped_paragraphs(text, group)]
        else:
            parts = group
        for i, (s, e) in enumerate(parts):
            spans.append(Span(s, e, text[s:e], blanks if i == 0 else 0))
    return spans


def blank_line_blocks(text: str) -> list[Span]:
    """Blocks separated by blank lines only (one block per line group), for pass-through cleaning."""
    spans = []
    for blanks, group in _groups(text):
        s, e = group[0][0], group[-1][1]
        spans.append(Span(s, e, text[s:e], blanks))
    return spans
