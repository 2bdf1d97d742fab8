"""Where the article starts (:func:`article_start`): the first prose block the block model keeps, at the latest the
start of the densest run of prose, moved under other stories' cards and under the article's own head (a headline
over its dated byline) that the run took in. The headline is looked for around it."""
from __future__ import annotations

import regex

from .block_model import model_scores
from .features import Item
from .furniture import NUMBERED_ITEM
from .pagestate import BLOCK_MODEL, Page, undecided
from .patterns import has_date
from .title_text import dated_headline


#: A letter or digit: a block without one is a rule line ('━━━━'), never the start of the article.
_LETTER_OR_DIGIT = regex.compile(r"[\p{L}\p{N}]")


#: A numbered list's item of at most this many words is a breadcrumb's ('1. nature', '2. news'), no start of the
#: article.
BREADCRUMB_WORDS = 3


def _breadcrumb_item(it: Item) -> bool:
    """True when a block is a numbered list's item of at most :data:`BREADCRUMB_WORDS` words (a breadcrumb set as a
    numbered list, '1. nature' / '2. news' / '3. article', over the site's tagline and the headline)."""
    return it.words <= BREADCRUMB_WORDS and NUMBERED_ITEM.match(it.span.text) is not None


def article_start(page: Page) -> int:
    """Index of the first block of the article: the first prose block the block model keeps, at the latest
    the start of the densest run of prose; when blocks a rule has dropped open that run (a cookie notice over
    the menus of a dump without links), the first prose block after them with a letter or digit (not a rule
    line left between a sign-up box and the headline) that is no numbered breadcrumb's item
    (:func:`_breadcrumb_item`)."""
    items = page.items
    scores, threshold = model_scores(page), float(page.cfg.signal_rule(BLOCK_MODEL).get("threshold", 0.5))
    first = next((i for i, it in enumerate(items) if undecided(it) and it.prose and it.words >= 15
                  and scores[i] >= threshold), len(items))
    lo, hi = page.run
    if hi <= lo:
        return first
    start = next((i for i in range(lo, hi) if undecided(items[i])), lo)
    if start > lo:  # blocks a rule dropped open the run: it starts at the first prose block after them (not a
        # rule line left between them)
        start = next((i for i in range(start, hi) if undecided(items[i]) and items[i].prose
                      and _LETTER_OR_DIGIT.search(items[i].vis) is not None and not _breadcrumb_item(items[i])), start)
    if start < first < len(items) and _headed(page, start + HEAD_AFTER_RUN, first):
        return first  # the run took in text over the article's headline and its dated byline
    top = min(first, start)
    below = _under_cards(page, top, hi) if top < hi else None
    if below is None and top < hi:
        below = _sure_under_head(page, top, hi, float(page.cfg.signal_rule(BLOCK_MODEL).get("sure", 0.85)))
    return top if below is None else below  # the run took in other stories' cards over the article's head


def _full_date(page: Page, k: int) -> bool:
    """True when block ``k`` holds a full date (one that gives a release date)."""
    found = has_date(page.items[k].vis, page.cfg)
    return found is not None and bool(found.iso)


def _sure_under_head(page: Page, lo: int, hi: int, sure: float) -> int | None:
    """The first prose block under the one headline with its dated byline among ``items[lo:hi]``
    (:func:`_headed`, at least :data:`HEAD_AFTER_RUN` blocks under ``lo``) when the block model is sure
    (``sure``) of more prose words under it than over it: the article's head under cards of other stories
    that give no date; else None (also when two or more lines stand over a dated line there, or the run holds
    another line with a full date: a thread of comments)."""
    items, scores = page.items, model_scores(page)

    def sure_words(a: int, b: int) -> int:
        return sum(items[k].words for k in range(a, b) if undecided(items[k]) and items[k].prose and scores[k] >= sure)

    heads = [m for m in range(lo + HEAD_AFTER_RUN, hi) if _headed(page, m, m + 1)]
    if len(heads) != 1 or sum(1 for k in range(lo, hi) if items[k].kind == "meta" and _full_date(page, k)) > 1:
        return None  # none, or a thread of comments (each under its commenter's dated line) or a list of cards
    m = heads[0]
    body = next((k for k in range(m + 1, hi) if undecided(items[k]) and items[k].prose and items[k].words), None)
    return body if body is not None and sure_words(body, hi) > sure_words(lo, m - 1) else None


#: Prose blocks a head ends with (a headline and its date line, :func:`_dated_heads`) open the article when at
#: least this many of them follow it before the next head; one or none under a head: a card's blurb.
CARD_BLURBS = 1
#: Cards of other stories over the article are looked for from this many blocks over where it seems to start
#: (the densest run of prose may open with the last card's blurb).
CARD_LOOKBACK = 12


def _dated_heads(page: Page, lo: int, hi: int) -> list[tuple[int, int]]:
    """(headline, first block under its date) of each headline with its date among ``items[lo:hi]``: a
    title-like line over a dated metadata line (:func:`_headed`), or a block of no prose holding both
    (:func:`dated_headline`)."""
    items, out = page.items, []
    for k in range(lo, hi):
        it = items[k]
        if it.kind not in ("", "clutter") or it.prose:
            continue
        if k + 1 < hi and _headed(page, k + 1, k + 2, linked=True):
            out.append((k, k + 2))
        elif dated_headline(it, page.dialect, page.cfg) is not None:
            out.append((k, k + 1))
    return out


def _under_cards(page: Page, lo: int, hi: int) -> int | None:
    """The first prose block under the article's head when the article, taken to start at ``lo`` (the run of
    prose ending at ``hi``), opens with other stories' cards: :data:`CARD_OTHERS` heads or more (a headline with
    its date) in a row from at most :data:`CARD_LOOKBACK` blocks over ``lo``, each with :data:`CARD_BLURBS`
    prose block or none under it (and no more prose from ``lo`` to the first), then a head under ``lo`` with more
    prose under it than a card holds (the article); else None."""
    items = page.items

    def prose(a: int, b: int) -> list[int]:
        return [k for k in range(a, b) if undecided(items[k]) and items[k].prose and items[k].words > 0]

    heads = _dated_heads(page, max(0, lo - CARD_LOOKBACK), hi)
    if len(heads) <= CARD_OTHERS or len(prose(lo, heads[0][0])) > CARD_BLURBS:
        return None
    for n, (head, under) in enumerate(heads):
        body = prose(under, heads[n + 1][0] if n + 1 < len(heads) else hi)
        if len(body) > CARD_BLURBS:
            return body[0] if n >= CARD_OTHERS and body[0] > lo else None
    return None


#: A headline with its dated byline under it moves the start of the article from the start of the densest run
#: to the first prose the model keeps when it stands at least this many blocks into the run.
HEAD_AFTER_RUN = 2


def _headed(page: Page, lo: int, hi: int, linked: bool = False) -> bool:
    """True when among ``items[lo:hi]`` a title-like line (undecided, or with ``linked`` also a link line a rule
    dropped; not prose, no sentence end) stands over a metadata line with a full date (a byline and date line):
    the head of the article that starts under it (or of a card of another story)."""
    items = page.items
    for m in range(max(lo, 1), hi):
        it, head = items[m], items[m - 1]
        if it.kind == "meta" and (undecided(head) or linked and head.kind == "clutter") and not head.prose \
                and 4 <= head.words <= 30 \
                and head.vis.rstrip()[-1:] not in ".!?:" and _full_date(page, m):
            return True
    return False


#: A headline over its date or byline line is a story card of a list when at least :data:`CARD_OTHERS` other such
#: headlines start within :data:`CARD_REACH` blocks of it, above or below (one may be a section label over its date).
CARD_REACH = 6
CARD_OTHERS = 2
