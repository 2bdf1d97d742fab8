"""Boxes in the page: a short blurb or list between frame lines (a gallery caption, what a subscription box
offers), and the embedded post above an embed signature.
"""
from __future__ import annotations

from .features import Item
from ..rules import Rule
from .pagestate import Page, decide, undecided


#: An embedded social post is at most this long.
MAX_POST_CHARS = 300


#: A promo box's list between two frame lines (its benefits): at most this many lines of at most
#: :data:`BOX_ITEM_WORDS` words each.
BOX_ITEMS = 6
BOX_ITEM_WORDS = 25


def box_pass(page: Page, rule: Rule) -> None:
    """A short blurb under a frame line and over a frame or credit line (gallery caption, newsletter blurb), or a
    short list there (up to :data:`BOX_ITEMS` lines of :data:`BOX_ITEM_WORDS` words, ``max_words`` in all: what a
    subscription box offers)."""
    items, rid = page.items, rule.id
    max_words = int(rule.get("max_words", 80))
    credits = page.cfg.flagged("credit")

    def bread(x: Item) -> bool:
        return x.frame or x.rule in credits

    n = len(items)
    for i in range(1, n - 1):
        if not (items[i - 1].frame and undecided(items[i])):
            continue
        end, words = i, 0
        while end < n - 1 and end - i < BOX_ITEMS and undecided(items[end]) and items[end].words <= BOX_ITEM_WORDS:
            words += items[end].words
            end += 1
        if end - i < 2 or words > max_words or not bread(items[end]):
            end = i + 1 if items[i].words <= max_words and bread(items[i + 1]) else i
        for it in items[i:end]:
            decide(it, "clutter", rid)


def attribution_step(page: Page) -> None:
    """The block just above an embed signature ('— Jane Doe (@jdoe) May 2, 2024') is the embedded post
    (when it is no longer than a post can be)."""
    items = page.items
    for i in range(1, len(items)):
        prev = items[i - 1]
        if items[i].role == "attribution" and undecided(prev) and len(prev.vis) <= MAX_POST_CHARS:
            decide(prev, "clutter", items[i].rule)
