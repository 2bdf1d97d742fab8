"""Cards of other stories after the article: runs of dated cards among the kept blocks, and zones of cards
(headline, deck, author, date) under a list label; a live page's entries, stamped with clock times, stay.
"""
from __future__ import annotations

from typing import Callable

import regex

from .features import Item, headline_case, last_mark
from ..rules import Rule
from .pagestate import Page, decide
from .patterns import CLOCK


#: Kept paragraph words above a run of cards that make it "after the article" (a live blog starts with its entries).
CARD_ARTICLE_WORDS = 100
#: A line that is only a clock time ("17.00", "09:52", "3.15pm"): a live page's entry stamp. Two of them in a zone
#: make it a live page's entries (one alone may be a price or a score).
_STAMP = regex.compile(r"(?i)^\W{0,2}(?:[01]?\d|2[0-3])[:.][0-5]\d(?:\s?[ap]\.?m\.?)?\W{0,2}$")
#: Stamp lines that make a zone a live page's entries.
LIVE_STAMPS = 2


#: Short lines between a card's blurb and the next card's date line: its picture's caption, headline, author.
CARD_HEAD_LINES = 3


def card_run_pass(page: Page, rule: Rule) -> None:
    """Cards of other stories after the article: a run of ``min_run`` date lines or more among the kept blocks
    after the article's first :data:`CARD_ARTICLE_WORDS` paragraph words, where between two of them the page
    keeps at most one paragraph of ``max_words`` words or fewer (the blurb of one card; a short line that ends
    no sentence may stand above it, its first line given apart) followed by at most :data:`CARD_HEAD_LINES`
    short lines (the picture caption, headline and author of the next): each card's headline, author, date
    and blurb go.
    Date lines with a clock time do not count (a live page stamps its entries with times). Linear in the
    page's blocks."""
    items = page.items
    min_run, max_words = int(rule.get("min_run", 3)), int(rule.get("max_words", 80))
    seq, words = [], 0
    for i, it in enumerate(items):
        if it.kind == "clutter":
            continue
        if words >= CARD_ARTICLE_WORDS:
            seq.append(i)
        elif it.kind == "paragraph":
            words += it.words

    def blurb(i: int) -> bool:
        return items[i].kind == "paragraph" and items[i].words <= max_words

    def head(i: int) -> bool:
        return items[i].kind in ("heading", "") and not items[i].prose and not items[i].dateline

    def blurb_blocks(part: list[int]) -> int:  # blocks of the blurb that opens ``part`` (0: none)
        if part and blurb(part[0]):
            return 1
        # a blurb whose first line the dump gave as a line of its own
        return 2 if len(part) > 1 and blurb(part[1]) and head(part[0]) and \
            last_mark(items[part[0]].vis) not in _SENTENCE_END else 0

    def gap_ok(part: list[int]) -> bool:  # between two date lines: [blurb] then a few short lines
        k = blurb_blocks(part)
        return len(part) - k <= CARD_HEAD_LINES and all(head(i) for i in part[k:])

    dates = [p for p, i in enumerate(seq) if items[i].dateline and not CLOCK.search(items[i].vis)]
    a = 0
    while a < len(dates):
        b = a
        while b + 1 < len(dates) and gap_ok(seq[dates[b] + 1:dates[b + 1]]):
            b += 1
        if b - a + 1 >= min_run:
            lo = dates[a]
            while lo > 0 and dates[a] - lo < 2 and head(seq[lo - 1]):
                lo -= 1
            hi = dates[b] + blurb_blocks(seq[dates[b] + 1:dates[b] + 3])
            for i in seq[lo:hi + 1]:
                decide(items[i], "clutter", rule.id, teaser=True)
        a = b + 1


#: A card's deck or caption stands at most this many kept blocks under its headline, author line or the list's
#: label.
CARD_DECK_REACH = 2
#: Marks that end a sentence: a kept block ending in one is a deck or a paragraph, not a headline (a headline
#: may ask a question).
_SENTENCE_END = frozenset(".!…。！:;")


def card_zone_pass(page: Page, rule: Rule) -> None:
    """Cards of other stories under a list label after the article ("More from The Example Weekly": picture
    caption, headline, deck, author): the kept blocks between the label and the next label (or the page's end)
    go when the zone keeps ``min_run`` other blocks or more, each a deck or caption of ``max_words`` words or
    fewer at most :data:`CARD_DECK_REACH` kept blocks under a title-like line (a heading, or a line of
    ``heading_words`` words or fewer without a full stop or in headline case) or the label, at least as many
    title-like lines (a headline and an author line a card), and no date line with a clock time (a live page's
    entries); or when ``min_run`` date lines or more (without a clock time) stand right under a title-like
    line there (cards with their own headline and date, blurbs of any length; under a box of such cards
    without blurbs, two paragraphs in a row and no date line further down are the article going on). The
    article's own text below an embedded label has longer paragraphs or more paragraphs than headings, and no
    dated headlines; a live page's entries are stamped with lines that are only a clock time
    (:data:`LIVE_STAMPS` of them or more in the zone). Only labels
    below the article's first :data:`CARD_ARTICLE_WORDS` kept paragraph words count. Linear in the page's
    blocks."""
    items = page.items
    min_run, max_words = int(rule.get("min_run", 3)), int(rule.get("max_words", 40))
    head_words = int(rule.get("heading_words", 24))

    def titled(it: Item) -> bool:
        return it.kind == "heading" or it.words <= head_words and (last_mark(it.vis) not in _SENTENCE_END
                                                                   or headline_case(it.vis))

    words, labels = 0, []
    for i, it in enumerate(items):
        if it.section:
            labels.append((i, words >= CARD_ARTICLE_WORDS))
        elif it.kind == "paragraph":
            words += it.words
    for (i, after), (end, _) in zip(labels, labels[1:] + [(len(items), False)]):
        if not after:
            continue
        kept = [k for k in range(i + 1, end) if items[k].kind in ("paragraph", "heading")]
        if sum(bool(_STAMP.match(items[k].vis.strip())) for k in range(i + 1, end)) >= LIVE_STAMPS:
            continue  # a live page's entries, stamped with clock times
        dated = [k for k in range(i + 2, end)
                 if items[k].dateline and not CLOCK.search(items[k].vis) and titled(items[k - 1])]
        if kept and len(dated) >= min_run:
            # cards with a headline and a date line each (blurbs of any length); when the cards have no blurb
            # (a box of links), two paragraphs in a row right under the last one and no date line further down
            # (a thread's posts) are the article going on
            rest = [k for k in kept if k > dated[-1]]
            goes_on = len(rest) > 1 and all(items[k].kind == "paragraph" for k in rest[:2]) and not any(
                items[k].kind == "paragraph" for k in kept if k < dated[-1]) and not any(
                items[k].dateline for k in range(dated[-1] + 1, end))
            for k in kept:
                if not (goes_on and k > dated[-1]):
                    decide(items[k], "clutter", rule.id, teaser=True)
        elif _card_decks(items, kept, titled, i, end, min_run, max_words):  # decks under headlines
            for k in kept:
                decide(items[k], "clutter", rule.id, teaser=True)


def _card_decks(items: list[Item], kept: list[int], titled: Callable[[Item], bool], label: int, end: int,
                min_run: int, max_words: int) -> bool:
    """True when the ``kept`` blocks of a zone (blocks ``label`` + 1 to ``end``) are cards: ``min_run`` decks or
    more of at most ``max_words`` words, each at most :data:`CARD_DECK_REACH` kept blocks under a ``titled``
    line or the label, at least as many ``titled`` lines, and no date line with a clock time."""
    heads = [titled(items[k]) for k in kept]
    decks = len(heads) - sum(heads)
    if decks < min_run or sum(heads) < max(min_run, decks) or any(
            items[k].dateline and CLOCK.search(items[k].vis) for k in range(label + 1, end)):
        return False
    last = -1  # the label stands above the first card
    for pos, (k, head) in enumerate(zip(kept, heads)):
        if head:
            last = pos
        elif items[k].words > max_words or pos - last > CARD_DECK_REACH:
            return False
    return True
