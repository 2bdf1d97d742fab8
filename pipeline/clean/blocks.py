"""Block segmentation of a page: line groups with exact offsets into the raw text.

Blank lines separate groups. Inside a group every line is its own block (single-newline paragraph text,
title lines, link lists), unless the group is hard-wrapped prose, which stays one block. The page's dump
dialect (:mod:`pipeline.clean.dialect`) refines this: a line that a scraper cut at an inline link is joined
to the line that continues it (``nodes``; in every dialect a line starting with ``,`` ``.`` ``;`` ``:`` ``)``
continues the one above), markdown paragraphs and list items are one block each (``markdown``), and
wrapped paragraphs of a screen dump are one block each (``terminal``).
"""
from __future__ import annotations

import logging
import unicodedata
from dataclasses import dataclass
from itertools import islice
from typing import Iterator

import regex

from .dialect import (CJK, CLOSERS, EXTRACTED, MARKDOWN, MAX_SCREEN_WIDTH, NODES, PLAIN, SENTENCE_END, TERMINAL,
                      screen_width)
from .stopwords import STOP_WORDS

log = logging.getLogger(__name__)

#: Hard-wrapped text has lines no longer than this.
MAX_WRAP_WIDTH = 120
#: ... and every line but the last at least this share of the longest line.
MIN_WRAP_FILL = 0.5
#: A page is not wrapped at a group's width when one of its lines of at least :data:`PROSE_LINE_WORDS` words is
#: longer than that width by more than :data:`WRAP_MARGIN` columns.
PROSE_LINE_WORDS, WRAP_MARGIN = 8, 10
#: A page with this many lines broken off mid-sentence before a line going on in lower case is wrapped.
WRAP_EVIDENCE = 2


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


def _hard_wrapped(text: str, lines: list[tuple[int, int]], prose_width: int = 0) -> bool:
    """True when a line group reads as one paragraph wrapped at a fixed width. ``prose_width``: the length of
    the page's longest line of running text when it shows no wrapping (:func:`unwrapped_width`); a group whose
    lines could not all be wrapped there is a list of lines (:func:`_listed`)."""
    if len(lines) < 2:
        return False
    lengths = [e - s for s, e in lines]
    width = max(lengths)
    if width > MAX_WRAP_WIDTH or width < 30:
        return False
    if prose_width > width + WRAP_MARGIN and _listed(text, lines):
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


def _listed(text: str, lines: list[tuple[int, int]]) -> bool:
    """True when every line after the first starts with a capital or a digit and no line before the last ends
    in a function word, a comma or a hyphen: items of a list ("Cargo handled rose 8.5%" / "Average waiting
    time fell"), not one sentence cut at a width ("...the Office for" / "National Statistics")."""
    for (s, e), (ns, _) in zip(lines, lines[1:]):
        first = text[ns]
        if not (first.isupper() or first.isdigit()):
            return False
        last = text[s:e].rsplit(None, 1)[-1]
        if last[-1] in ",-‐–—;:(" or last.lower() in STOP_WORDS:
            return False
    return True


def unwrapped_width(text: str) -> int:
    """Length of the longest line of ``text`` with at least :data:`PROSE_LINE_WORDS` words, on a page that shows
    no wrapping (fewer than :data:`WRAP_EVIDENCE` lines that break off mid-sentence before a line going on in
    lower case); else 0. A page holding such a line is not wrapped at any narrower width."""
    best = wraps = 0
    prev_open = False
    for s, e in _lines(text):
        if prev_open and e > s and text[s].islower():
            wraps += 1
            if wraps >= WRAP_EVIDENCE:
                return 0
        prev_open = e > s and text[e - 1] not in SENTENCE_END and text[e - 1] not in CLOSERS
        if e - s > best and text.count(" ", s, e) >= PROSE_LINE_WORDS - 1:
            best = e - s
    return best


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
    """(blank lines before, non-blank lines stripped) of every line group."""
    for blanks, group in _raw_groups(text):
        yield blanks, [(s, e) for s, e, _, _ in group]


#: A line starting with one of these continues the line above (a text node after an inline element).
_CONTINUES = frozenset(",.;:!?)]}%”’»，。；：）、」』】")
_MD_ITEM = regex.compile(r"[ \t]{0,12}(?:[*+\-]|\d{1,3}[.)])[ \t]|#{1,6}[ \t]|>|\|")
_TERM_ITEM = regex.compile(r"[ \t]{0,12}(?:[•□◦▪‣○●■*+\-]|\d{1,3}[.)]"
                           r"|\[\d{1,5}\][ \t]{0,2}(?:https?|ftp|mailto|file|javascript):)[ \t]")


def _open(text: str, s: int, e: int) -> bool:
    """True when the line does not end a sentence."""
    core = text[s:e].rstrip(CLOSERS)
    return not core or core[-1] not in SENTENCE_END


#: A stripped node dump: a line in upper case continues an open sentence of at least this many words
#: when it has at most :data:`MAX_INLINE_WORDS` words and a lower-case line or a full stop follows it.
MIN_OPEN_WORDS = 6
_OPENERS = frozenset("([{“‘«„‚")
#: A line of a node dump that starts with a closing quote (straight or curly) followed by punctuation or a
#: lower-case word, or with a hyphen glued to a word ("-Meldung"), goes on with the line above: the text
#: after a quoted link or emphasis ('"' / 'und einer'), or the rest of a compound cut at a link.
_QUOTE_GOES_ON = regex.compile(r"[\"“'](?:[,.;:!?)\]]|[ \t]{0,2}\p{Ll})|-\p{L}")
_ADDRESS = regex.compile(r"(?:https?|ftp)://|www\.")
#: ... on a line of at most this many words ("Written by", "Words and pictures by").
MAX_BYLINE_WORDS = 4
#: A line of one of these words (or ending in one) is a byline cut at the author's link: the name on the next line
#: goes on it.
_BYLINE_WORDS = frozenset({"By", "by", "BY", "Von", "von", "Par", "par", "Por", "por", "Door", "door", "Di", "Av",
                           "Af"})
MAX_INLINE_WORDS = 6
_WORD = regex.compile(r"\S+")
#: A line of a node dump holding only an ordered list's number ("3.", "12)"): the item's text follows it.
_ITEM_NUMBER = regex.compile(r"\d{1,3}[.)]")


def _goes_on(text: str, a_end: int, b: tuple[int, int], after: tuple[int, int] | None) -> bool:
    """True when line ``b`` reads as the rest of an open sentence ending at ``a_end``: it starts with a
    lower-case word, or with a figure (a digit or currency sign) after a short lower-case word ("rose by",
    "about"; a bare figure only when the line after it goes on) or, holding words, with the line after it
    going on in lower case ("1.2 million barrels / last week"; not a date, a web address or a count under a
    headline)."""
    first = text[b[0]]
    if first.islower():
        return not _ADDRESS.match(text, b[0], b[1])
    if text[a_end - 1] in _OPENERS or text[a_end - 1] in "\"'" and text[a_end - 2:a_end - 1].isspace():
        return True  # "the most common disorder (" / "1" / ")."; 'a "' / 'quoted words' 
    if not (first.isdigit() or unicodedata.category(first) == "Sc"):
        return False
    goes_on = after is not None and (text[after[0]] in _CONTINUES or text[after[0]].islower()
                                     and not _ADDRESS.match(text, after[0], after[1]))
    last = text[max(0, a_end - 12):a_end].split()[-1:]
    if last and last[0].isalpha() and last[0].islower() and len(last[0]) <= 5:
        # "rose by" / "4%" / "in May"; "costs about" / "£2m"; not a date line under a headline
        return goes_on or any(c.isalpha() for c in text[b[0]:b[1]])
    # a figure with its words, in a sentence that goes on below it
    return goes_on and any(w.isalpha() for w in text[b[0]:b[1]].split()[1:4])


#: Dashes that set off a clause inside a sentence ("... short" / "—" / "as mine was" / "—" / "is grateful ...").
_DASHES = frozenset("—–")
#: A tweet's signature under it ("— Jane Roe (@janeroe) May 3, 2024"): a dash line that is no clause.
_HANDLE = regex.compile(r"\(@\w")


def _dash_goes_on(text: str, a: tuple[int, int], b: tuple[int, int], after: tuple[int, int] | None) -> bool:
    """True when line ``b`` opens with a dash that sets off a clause of the open sentence on line ``a``: the
    words after the dash, or on the line ``after`` when the dash stands alone on ``b``, go on in lower case
    ("Blue Is The Warmest Color" / "—it follows five cars ..."); not a tweet's signature ("— jo (@jo) May 3"),
    nor a dash under a web address."""
    rest = text[b[0] + 1:b[1]].lstrip()
    if not rest and after is not None:
        rest = text[after[0]:after[1]]
    last = text[a[0]:a[1]].split()[-1:]
    return rest[:1].islower() and not _HANDLE.search(rest) and not (last and _ADDRESS.match(last[0]))


#: A line opening in hiragana (a particle, an ending) can not start a sentence.
_HIRAGANA = regex.compile(r"\p{Hiragana}")
#: Marks of a clause of CJK prose: its comma and full stop.
_CJK_CLAUSE = frozenset("、。，")


def _cjk_goes_on(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """True when line ``b`` of CJK text goes on with line ``a`` that a link cut: ``a`` ends in an ideographic
    comma ("新富町、" / "宮崎市"), or ``b`` opens in hiragana after a CJK character and holds a comma or full stop
    of its own ("宮崎県" / "に1メートルの津波注意報を出した。"; not a menu's word in hiragana, "おくやみ")."""
    first, last = text[b[0]], text[a[1] - 1]
    if not CJK.match(first):
        return False
    if last in "、，":
        return True
    return bool(_HIRAGANA.match(first)) and bool(CJK.match(last)) and not _CJK_CLAUSE.isdisjoint(text[b[0]:b[1]])


def _node_join(text: str, a: tuple[int, int], raw_a_end: int, b: tuple[int, int], raw_b_start: int,
               nodes: bool, block_start: int = -1, after: tuple[int, int] | None = None) -> bool:
    """True when line ``b`` continues line ``a`` (``raw_*``: the line's limits before stripping spaces;
    ``block_start``: where the block that ``a`` ends starts; ``after``: the line after ``b``, if any)."""
    first = text[b[0]]
    if first in _CONTINUES:
        return True
    if not nodes:
        return False
    if (block_start < 0 or block_start == a[0]) and _ITEM_NUMBER.fullmatch(text, a[0], a[1]) and first.isalpha():
        return True  # an ordered list's number, a text node of its own, over its item ("32." / "Buy flowers.")
    spaced = raw_a_end > a[1] or raw_b_start < b[0]  # a text node ended or started with a space
    if spaced:
        return _open(text, *a) or first.islower() or first.isdigit()
    # a stripped node dump: no space marks the cut, so the sentence must be open and go on
    head = text[a[0]:a[1]].split()
    if first.isupper() and head[-1] in _BYLINE_WORDS and len(head) <= MAX_BYLINE_WORDS and head[0][0].isupper():
        return True  # "By" / "Written by" over the author's name
    if a[1] - a[0] == 1 and text[a[0]] in _DASHES and 0 <= block_start < a[0] and first.islower():
        return True  # the clause after a dash joined to the sentence above ("—" / "as mine was")
    if not _open(text, *a) or text[a[1] - 1] in "•|*-–—":
        return False
    if _cjk_goes_on(text, a, b):
        return True
    if first in _DASHES and _dash_goes_on(text, a, b, after):
        return True
    if first in "([":
        return True  # "according to the energy agency" / "(" / "1" / ")."
    if _QUOTE_GOES_ON.match(text, b[0], b[1]) and (first != "-" or text[a[1] - 1].isalnum()):
        return True  # 'fell victim to "structural bias' / '" and rising costs'; 'the dpa' / '-report'

    if _goes_on(text, a[1], b, after):
        return True
    start = a[0] if block_start < 0 else block_start
    # the block's words, counted up to MIN_OPEN_WORDS: a block grown line by line is not read again each time
    words = sum(1 for _ in islice(_WORD.finditer(text, start, a[1]), MIN_OPEN_WORDS))
    last = text[a[1] - 1]
    if not first.isupper() or words < MIN_OPEN_WORDS or not (last.islower() or last == ",") \
            or len(text[b[0]:b[1]].split()) > MAX_INLINE_WORDS:
        return False
    return not _open(text, *b) and text[b[1] - 1] == "." or after is not None and (
        text[after[0]] in _CONTINUES or text[after[0]].islower())


def _joined(text: str, group: list[tuple[int, int, int, int]], nodes: bool) -> list[tuple[int, int]]:
    """Lines of a group with the lines that continue a line joined to it."""
    parts: list[list[int]] = []
    prev = None
    for k, (s, e, rs, re_) in enumerate(group):
        after = group[k + 1][:2] if k + 1 < len(group) else None
        if prev is not None and _node_join(text, (prev[0], prev[1]), prev[3], (s, e), rs, nodes, parts[-1][0], after):
            parts[-1][1] = e
        else:
            parts.append([s, e])
        prev = (s, e, rs, re_)
    return [(s, e) for s, e in parts]


#: Lines of a screen dump indented alike by this many columns or more are text in a table cell (a list
#: item's lines are indented less): whether such a line was wrapped is judged on its columns from the
#: start of the line.
CELL_INDENT = 10


def _cell_line(text: str, s: int, e: int, rs: int) -> bool:
    """True when a screen line reads as a line of a table cell's text: indented :data:`CELL_INDENT` columns
    or more, ending within :data:`MAX_SCREEN_WIDTH` columns, no gap of three spaces in it (a second cell
    beside it)."""
    return s - rs >= CELL_INDENT and e - rs <= MAX_SCREEN_WIDTH and "   " not in text[s:e]


def _marked(text: str, group: list[tuple[int, int, int, int]], item: regex.Pattern,
            width: int = 0) -> list[tuple[int, int]]:
    """Markdown and screen-dump groups: a line matching ``item`` (list item, heading, table row) starts a
    block, except a quoted line (``>``) under another; other lines continue the block above, in a screen
    dump only when the line above was wrapped there (the next word would not have fitted within ``width``
    columns, counted from the start of the line for two lines of a table cell, :func:`_cell_line`) or does
    not end a sentence and the line continues it (lower-case or digit start); a markdown
    line ending in two spaces (a hard line break) ends its block."""
    parts: list[list[int]] = []
    hard_break = False
    prev_quote = False
    for s, e, rs, re_ in group:
        quote = text[s] == ">"
        starts = item.match(text, rs, re_) is not None and not (quote and prev_quote)
        prev_quote = quote
        if parts and not starts and not hard_break:
            if width:
                last, last_raw = parts[-1][2], parts[-1][3]
                if last - last_raw == s - rs and _cell_line(text, last, parts[-1][1], last_raw) \
                        and _cell_line(text, s, e, rs):
                    last = last_raw  # a table cell's lines: columns count from the start of the line
                first = text[s:e].split(None, 1)[0]
                wrapped = (parts[-1][1] - last) + 1 + len(first) > width - 1 or (
                    _open(text, last, parts[-1][1]) and (first[0].islower() or first[0].isdigit()))
            else:
                wrapped = True
            if wrapped:
                parts[-1][1] = e
                parts[-1][2], parts[-1][3] = s, rs
                continue
        parts.append([s, e, s, rs])
        hard_break = not width and re_ - e >= 2
    return [(s, e) for s, e, _, _ in parts]


#: Spaces of no width: a line of only these (and spaces) is blank.
_INVISIBLE = "\u200b\u2060\ufeff"


def _raw_groups(text: str) -> Iterator[tuple[int, list[tuple[int, int, int, int]]]]:
    """(blank lines before, lines) of every line group; a line is (start, end) stripped and unstripped."""
    for blanks, group, _ in _spaced_groups(text):
        yield blanks, group


def _spaced_groups(text: str) -> Iterator[tuple[int, list[tuple[int, int, int, int]], int]]:
    """(blank lines before, lines, spacer) of every line group; ``spacer`` is where the one blank line before
    the group ends when that line holds spaces (a space node between two inline elements), else -1."""
    blanks, group, spacer = 0, [], -1
    for s, e in _lines(text):
        s2, e2 = _strip(text, s, e)
        if s2 == e2 or not text[s2:e2].strip(_INVISIBLE):
            if group:
                yield blanks, group, spacer
                group, blanks = [], 0
            blanks += 1
            spacer = e if blanks == 1 and e > s else -1
            continue
        group.append((s2, e2, s, e))
    if group:
        yield blanks, group, spacer


#: A line ending in one of these ends a list of items or a byline ("in News , Business ·"), not a sentence piece.
_SEPARATORS = frozenset("•·|*-–—/")


#: A line of prose cut at a link: at least this many words, a sentence finished inside it.
MIN_CUT_PROSE_WORDS = 12
_INNER_END = regex.compile(r"\w[.!?][\"'”’)]?\s+[\p{Lu}\"“‘(]")


def _cut_prose(text: str, a: tuple[int, int, int, int]) -> bool:
    """True when line ``a`` is a paragraph's prose cut off at a link: :data:`MIN_CUT_PROSE_WORDS` words or
    more with a sentence finished inside it ("Yes, people ask this. ... Every birth mom I have met all"; a
    headline or a menu line finishes none)."""
    return len(text[a[0]:a[1]].split()) >= MIN_CUT_PROSE_WORDS and _INNER_END.search(text, a[0], a[1]) is not None


def _spacer_join(text: str, prev: tuple[int, int, int, int] | None, a: tuple[int, int, int, int],
                 b: tuple[int, int, int, int], after: tuple[int, int, int, int] | None) -> bool:
    """True when line ``b`` continues line ``a`` across a line of only spaces (lines as stripped and raw limits;
    ``prev``: the line over ``a`` in its group, ``after``: the line under ``b`` in its group): a sentence cut at
    its links with a space node between two of them ("When " / "President" / " " / "Trump's" / " advisers
    suggested ..."). ``a`` must be a piece that goes on from the line over it, its sentence still open (not
    ending in a separator such as "·"), and ``b`` go on in lower case, or be a piece of at most
    :data:`MAX_INLINE_WORDS` words (a link's text) that goes on into the line under it. A link that opens a
    sentence ("Pochettino was sacked" / " " / "last night after ...": ``a`` of at most :data:`MAX_INLINE_WORDS`
    words under a finished sentence or none) joins only a ``b`` going on in lower case with more words than that,
    not a byline ("by Jo Park"); so does a line of prose cut off at a link (:func:`_cut_prose`)."""
    if not _open(text, a[0], a[1]) or text[a[1] - 1] in _SEPARATORS:
        return False
    first = text[b[0]]
    if prev is None or not _node_join(text, prev[:2], prev[3], a[:2], a[2], True):
        opens = prev is None or not _open(text, prev[0], prev[1])
        rest = text[b[0]:b[1]].split()
        goes_on = first.islower() and len(rest) > MAX_INLINE_WORDS and rest[0] not in _BYLINE_WORDS \
            and not _ADDRESS.match(text, b[0], b[1])
        return goes_on and (opens and len(text[a[0]:a[1]].split()) <= MAX_INLINE_WORDS or _cut_prose(text, a))
    if first in _CONTINUES or first.islower():
        return True
    return after is not None and (b[3] > b[1] or after[2] < after[0]) and (
        text[after[0]] in _CONTINUES or text[after[0]].islower()) and len(text[b[0]:b[1]].split()) <= MAX_INLINE_WORDS


def _node_groups(text: str) -> Iterator[tuple[int, list[tuple[int, int, int, int]]]]:
    """Line groups of a node dump, a group after a line of only spaces joined to the one above when its
    first line goes on with the sentence cut there (:func:`_spacer_join`); the line over the spacer then counts
    as ending in a space."""
    blanks, group = 0, []
    for b, raw, spacer in _spaced_groups(text):
        if group and spacer >= 0 and _spacer_join(text, group[-2] if len(group) > 1 else None, group[-1], raw[0],
                                                   raw[1] if len(raw) > 1 else None):
            s, e, rs, _ = group[-1]
            group[-1] = (s, e, rs, spacer)
            group.extend(raw)
            continue
        if group:
            yield blanks, group
        blanks, group = b, list(raw)
    if group:
        yield blanks, group


def segment_blocks(text: str, dialect: str = PLAIN) -> list[Span]:
    """Blocks of ``text`` in page order with exact offsets (linear time), read in the page's dialect."""
    spans: list[Span] = []
    width = screen_width(text) if dialect == TERMINAL else 0
    prose_width = unwrapped_width(text) if dialect in (PLAIN, EXTRACTED) else 0
    for blanks, raw in (_node_groups(text) if dialect == NODES else _raw_groups(text)):
        group = [(s, e) for s, e, _, _ in raw]
        if dialect == MARKDOWN:
            parts = _marked(text, raw, _MD_ITEM)
        elif dialect == TERMINAL:
            parts = _marked(text, raw, _TERM_ITEM, width)
        elif dialect != NODES and _hard_wrapped(text, group, prose_width):
            parts = [(p[0][0], p[-1][1]) for p in _wrapped_paragraphs(text, group)]
        elif len(raw) > 1:
            parts = _joined(text, raw, dialect == NODES)
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
