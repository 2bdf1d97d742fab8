"""Captions and their copies: a picture's text repeating the caption under it, and the copy of a media
caption that a player prints under it.
"""
from __future__ import annotations

from .features import Item
from .evidence import block_words
from ..rules import Rule
from .pagestate import Page, decide, undecided
from .patterns import block_matches


#: A line repeats the caption under it when they share at least this share of the words of the shorter one
#: (a picture's text may carry its source's words, a caption its credit's).
CAPTION_REPEAT_SHARE = 0.6
#: ... and it has at least this many words.
CAPTION_REPEAT_WORDS = 3


def _shown_words(it: Item) -> set[str]:
    """The words a block shows, lower-cased (:func:`block_words` of its visible text)."""
    return {w.lower() for w in block_words(it.vis)}


def caption_repeat_step(page: Page) -> None:
    """A picture's text (its alt text, as a markdown dump prints it) on the block right above a caption with
    its credit, repeating the caption's words, goes with the caption under the caption's rule."""
    items, credits = page.items, page.cfg.flagged("credit")
    for prev, it in zip(items, items[1:]):
        if it.rule in credits and undecided(prev) and prev.words >= CAPTION_REPEAT_WORDS:
            words = _shown_words(prev)
            caption = _shown_words(it)
            shared = len(words & caption)
            if shared >= max(CAPTION_REPEAT_WORDS, CAPTION_REPEAT_SHARE * min(len(words), len(caption))):
                decide(prev, "clutter", it.rule)


#: Blocks under a media caption searched for the caption's copy (the player's title and description between).
MEDIA_COPY_REACH = 3
#: Share of a block's words that are a media caption's for the block to be the caption's copy.
MEDIA_COPY_SHARE = 0.9


def media_copy_pass(page: Page, rule: Rule) -> None:
    """The copy of a media caption (a block a rule flagged ``media_caption`` matches, whichever rule decided
    it: '...employees.video'): the player's description printed again within :data:`MEDIA_COPY_REACH` blocks
    under it, most of its words (:data:`MEDIA_COPY_SHARE`) the caption's, is no article text."""
    items, cfg = page.items, page.cfg
    flagged = cfg.flagged("media_caption")
    tests = [t for t in cfg.block_tests if t.id in flagged]
    for i, it in enumerate(items):
        if it.kind in ("meta", "title") or not (it.rule in flagged or any(block_matches(it, t, cfg) for t in tests)):
            continue
        if undecided(it):
            decide(it, "clutter", rule.id)
        caption = _shown_words(it)
        for nxt in items[i + 1:i + 1 + MEDIA_COPY_REACH]:
            if not undecided(nxt):
                continue
            words = _shown_words(nxt)
            if len(words) >= CAPTION_REPEAT_WORDS and len(words & caption) >= MEDIA_COPY_SHARE * len(words):
                decide(nxt, "clutter", rule.id)
                break
