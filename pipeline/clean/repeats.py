"""Repeats: duplicate lines next to each other (a story card's headline twice), later copies of short lines,
and a second copy of the article's prose.
"""
from __future__ import annotations

from collections import Counter

import regex

from .features import Item, last_mark
from .evidence import block_words, stop_share
from ..rules import Rule
from .pagestate import Page, decide, undecided


#: Blocks that may stand between two copies of a story card's headline (its section label, given again over
#: the copy).
REPEAT_REACH = 2


def adjacent_repeat_pass(page: Page, rule: Rule) -> None:
    """Duplicate lines next to each other (teaser titles, a story card's headline given as a picture's link
    and as a heading): both copies go. Up to :data:`REPEAT_REACH` blocks may stand between the two copies
    when each of them is a short line of ``max_words`` words or fewer and one of them a line the page gives
    at least twice (the card's section label over each copy, its picture's alt text beside it). Linear in the
    page's blocks."""
    items, adjacent = page.items, rule.id
    label_words = int(rule.get("max_words", 0))
    counts = Counter(it.key for it in items if it.key and it.words <= label_words)

    def short(it: Item) -> bool:
        return bool(it.key) and it.words <= label_words and not it.prose

    for i, a in enumerate(items):
        if not a.key or not (undecided(a) or a.rule == adjacent):
            continue
        reach = 0 if short(a) else REPEAT_REACH  # a label pairs only with a copy right under it
        for j in range(i + 1, min(len(items), i + 2 + reach)):
            b = items[j]
            if b.key == a.key:
                gap = items[i + 1:j]
                if undecided(b) and (not gap or any(counts[x.key] >= 2 for x in gap)):
                    decide(a, "clutter", adjacent, teaser=True)
                    decide(b, "clutter", adjacent, teaser=True)
                break
            if not short(b):
                break


def repeat_pass(page: Page, rule: Rule) -> None:
    """Later copies of short lines."""
    seen: set[str] = set()
    for it in page.items:
        if it.key in seen and undecided(it) and not it.prose:
            decide(it, "clutter", rule.id)
        seen.add(it.key)


#: Repeated prose is compared on word n-grams of this length.
SHINGLE = 5
#: A second copy of the article repeats at least this share of its words.
COPY_SHARE = 0.3


_SHINGLE_WORD = regex.compile(r"[\p{L}\p{N}]+")


def _shingles(text: str, size: int) -> list[int]:
    """Hashes of the lower-cased word ``size``-grams of a text (the whole text when shorter)."""
    words = _SHINGLE_WORD.findall(text.lower())
    if len(words) <= size:
        return [hash(tuple(words))] if words else []
    return [hash(tuple(words[k:k + size])) for k in range(len(words) - size + 1)]


def repeated_prose_pass(page: Page, rule: Rule) -> None:
    """Article paragraphs whose words the page has already given in kept blocks above (a second copy of
    the article, as a script or a printable version writes it out again): at least a ``threshold`` share
    of their word :data:`SHINGLE`-grams were seen, in runs of two such paragraphs or more that repeat at
    least :data:`COPY_SHARE` of the words of the other paragraphs. Only prose takes part: paragraphs of
    ``min_words`` words or more of which at least ``min_stop_share`` are stop words (a recipe or a plan
    repeats its item lines on purpose). Linear in the page's words."""
    size, share = SHINGLE, float(rule.get("threshold", 0.7))
    min_words = int(rule.get("min_words", 8))
    min_stop = float(rule.get("min_stop_share", 0.0))
    seen: set[int] = set()
    paragraphs: list[tuple[Item, bool]] = []  # (paragraph, repeated)
    for it in page.items:
        if it.kind not in ("paragraph", "heading"):
            continue
        grams = _shingles(it.vis, size)
        if it.kind == "paragraph" and it.words >= min_words and stop_share(block_words(it.vis)) >= min_stop:
            paragraphs.append((it, bool(grams) and sum(g in seen for g in grams) >= share * len(grams)))
        seen.update(grams)
    # a copy is a run of two repeated paragraphs or more that gives a good share of the article's words
    # again (one repeated alone is a refrain; a few repeated at the end, a fault of the article itself)
    first = sum(it.words for it, repeated in paragraphs if not repeated)
    k = 0
    while k < len(paragraphs):
        j = k
        while j < len(paragraphs) and paragraphs[j][1]:
            j += 1
        if j - k >= 2 and sum(it.words for it, _ in paragraphs[k:j]) >= COPY_SHARE * first:
            for it, _ in paragraphs[k:j]:
                decide(it, "clutter", rule.id)
        k = max(j, k + 1)


#: The list of headlines over the article holds at least this many other headlines.
LISTED_HEADLINES = 2


def next_story_pass(page: Page, rule: Rule) -> None:
    """A second story the page prints under the article (a river of stories, the next one loaded under the
    first): when the article's headline is given twice, once in a list of other stories' headlines and once over
    the article (either of them the title), the first line under the article's kept prose that repeats another
    headline of that list (a line of ``min_words`` words or more not ending in a full stop, standing at most
    ``reach`` blocks from the headline's first copy, :data:`LISTED_HEADLINES` of them at least; not within
    ``reach`` blocks under its last copy and not given in the article above it: the article's own deck or
    headline given again), with a date, time or byline line at most ``reach`` blocks under it, starts the next
    story: it and every undecided block after it go. Linear in the page's blocks."""
    title, items = page.title, page.items
    if title is None or not items[title].key:
        return
    min_words, reach = int(rule.get("min_words", 6)), int(rule.get("reach", 4))
    head = items[title].key
    copies = [k for k in range(1, len(items)) if items[k].key == head]  # block 0: a node dump's <title> line
    if len(copies) < 2:
        return
    first, last = copies[0], copies[-1]
    own = {items[k].key for k in range(last, min(len(items), last + reach + 1))}  # the article's deck, byline
    listed = {items[k].key for k in range(max(1, first - reach), min(last, first + reach + 1))
              if items[k].key not in own and items[k].words >= min_words and last_mark(items[k].vis) != "."}
    if len(listed) < LISTED_HEADLINES:  # one line beside the headline: its picture's caption, not a list
        return
    prose, seen = False, set()  # seen: lines of the article so far (its own headline given again in it)
    for i in range(last + 1, len(items)):
        it = items[i]
        if undecided(it) and it.prose:
            prose = True
        elif prose and it.key in listed and it.key not in seen and any(
                x.kind == "meta" for x in items[i + 1:i + 1 + reach]):
            for x in items[i:]:
                if undecided(x) or x is it:
                    decide(x, "clutter", rule.id)
            return
        seen.add(it.key)
