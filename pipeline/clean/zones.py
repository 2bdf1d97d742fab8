"""The page's zones around the article: blocks above the title, short lines between the title and the lead,
short lines no prose follows; what is left at the end is headings and paragraphs.
"""
from __future__ import annotations

from .features import Item
from ..rules import Rule
from .pagestate import Page, decide, undecided


def _prose_words(items: list[Item]) -> int:
    """Words of the undecided prose blocks among ``items``."""
    return sum(it.words for it in items if undecided(it) and it.prose)


def _longest_prose_run(items: list[Item]) -> int:
    """Words of the longest run of undecided prose blocks among ``items`` (metadata lines between them do
    not end a run; any other block does: teaser blurbs, each under its headline, make runs of one)."""
    best = run = 0
    for it in items:
        if undecided(it) and it.prose:
            run += it.words
            best = max(best, run)
        elif it.kind != "meta":
            run = 0
    return best


def _article_above(items: list[Item], title: int, min_words: int) -> bool:
    """True when the title was picked below the article: a run of prose paragraphs above it
    (:func:`_longest_prose_run`) holds at least ``min_words`` words and no fewer than all the prose under
    it (a related headline, caption, date line or section label under the story taken for its title)."""
    above = _longest_prose_run(items[:title])
    return above >= min_words and above >= _prose_words(items[title + 1:])


def before_title_pass(page: Page, rule: Rule) -> None:
    """Undecided blocks above the title; none when the prose above it is the article (:func:`_article_above`)."""
    if page.title is None:
        return
    items = page.items
    if _article_above(items, page.title, int(rule.get("min_words", 80))):
        return
    for it in items[:page.title]:
        if undecided(it):
            decide(it, "clutter", rule.id)


def before_body_pass(page: Page, rule: Rule) -> None:
    """Short lines between the title and the lead paragraph. A list zone that ran on past the title (a list
    label above the headline, no prose between; copies of the headline may stand around it) ends at the title:
    the blocks under the title that it took, up to the first block it did not take, are decided again (the
    short ones here)."""
    if page.title is None:
        return
    zone, items = page.cfg.signal_rule("section_zone").id, page.items
    above = page.title - 1
    while above >= 0 and items[above].key == items[page.title].key:  # the headline shown twice
        above -= 1
    if above >= 0 and items[above].rule == zone:
        for it in items[page.title + 1:]:
            if it.key == items[page.title].key:
                continue
            if it.rule != zone:
                break
            decide(it, "", "")
    for it in items[page.title + 1:]:
        if undecided(it) and it.prose:
            return
        if undecided(it) and it.short:
            decide(it, "clutter", rule.id)


def dangling_pass(page: Page, rule: Rule) -> None:
    """Short lines that no prose paragraph follows (before the next teaser or the end of the page)."""
    next_ok = False
    for it in reversed(page.items):
        if undecided(it):
            if it.prose:
                next_ok = True
            elif it.short and not next_ok:
                decide(it, "clutter", rule.id)
        elif it.teaser or it.kind == "title":
            next_ok = False


def heading_pass(page: Page, rule: Rule) -> None:
    """Short lines left undecided, of at most the rule's ``heading_words`` words, are article headings
    (longer ones are left to the paragraph step)."""
    most = int(rule.get("heading_words", 10 ** 6) or 10 ** 6)
    for it in page.items:
        if undecided(it) and it.short and it.words <= most:
            decide(it, "heading", rule.id)


def paragraph_step(page: Page) -> None:
    """Whatever is left is article text: paragraphs."""
    for it in page.items:
        if undecided(it):
            decide(it, "paragraph", "")
