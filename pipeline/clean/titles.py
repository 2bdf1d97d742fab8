"""Title passes over the blocks of a page: which block is the article's headline, from the page's metadata, tagged
headings, the headline model's candidates (:mod:`pipeline.clean.headline_evidence`, weights in ``rules/clutter.toml``,
moved off a deck or label by :mod:`pipeline.clean.decks`) and the shape of short title lines. The headline's text is
read by :mod:`pipeline.clean.title_text`, around the start of the article (:mod:`pipeline.clean.article_start`),
past page furniture (:mod:`pipeline.clean.furniture`), with its kicker and lead-in (:mod:`pipeline.clean.kickers`).

Each pass belongs to the rule of ``rules/clutter.toml`` whose ``signal`` names it and runs in the order of
:data:`~pipeline.clean.passes.STEPS`; it sets the page's ``title`` and decides the blocks it settles.
"""
from __future__ import annotations

from typing import Container, Mapping

import regex

from .features import Item
from .dialect import NODES
from ..rules import Rule
from .pagestate import Page, decide, first_prose, for_dialect, undecided
from .patterns import has_date
from .title_text import norm_title, same_title, strip_site, title_line_headlines
from .furniture import LIST_MARK, not_headline
from .article_start import article_start
from .headline_evidence import (
    LINK_START, alike_headlines, byline_below, headline_candidates, md_level, picture_block, slug_words,
    title_line_shape,
)
from .decks import over_question_deck, over_restated_deck, over_standfirst, under_fuller_headline, under_kicker
from .kickers import glued_kicker, lead_in, list_number


def _found_title(page: Page, i: int, rule: Rule) -> None:
    decide(page.items[i], "title", rule.id)
    page.title, page.title_settled = i, True


def title_metadata_pass(page: Page, rule: Rule) -> None:
    """The title given by crawler or HTML metadata or by the input record's own field, where a block shows it
    (before the first prose); without such a block, no title block at all: the given title stands (a record's
    body opening with a line of title shape, another story's headline or a section label, does not replace
    it)."""
    items, doc = page.items, page.doc
    if page.title_settled or not doc.title:
        return
    limit = min(first_prose(items), len(items))
    may = page.cfg.flagged("title_may_override")
    want = norm_title(doc.title)
    for i in range(limit):
        it = items[i]
        if (not it.rule or it.rule in may) and it.words <= 80 and same_title(norm_title(it.head), want):
            _found_title(page, i, rule)
            return
    page.title_settled = True


def title_tagged_pass(page: Page, rule: Rule) -> None:
    """The first undecided line with a tag suffix before the first prose (on pages of the rule's ``dialects``)."""
    items = page.items
    if page.title_settled or not for_dialect(page, rule):
        return
    for i in range(min(first_prose(items), len(items))):
        if undecided(items[i]) and items[i].tags:
            _found_title(page, i, rule)
            return


#: A headline the page shows gives the title line's story in its own words when at least this share of its words
#: of four letters or more, and this many of them, are in the title line ...
TITLE_LINE_SHARE = 1 / 4
TITLE_LINE_WORDS = 2
#: ... and its evidence weighs at most this much less than the title line's.
TITLE_LINE_MARGIN = 1.5


def _shown_over_title_line(page: Page, values: Mapping[int, float]) -> int:
    """The headline the page shows in place of its title line (block 0 of a node page: the ``<title>`` a DOM's
    text comes out with first, which a page often words otherwise than its headline): of the other candidates
    (``values``: each one's weighed evidence) over the start of the article or opening it, of 4 to 30 words with
    no full stop, colon or comma at its end, not a link nor opening with one (a sentence ending with '!' may be a
    headline), with :data:`TITLE_LINE_SHARE` or more and at least :data:`TITLE_LINE_WORDS` of its words of four
    letters or more in the title line and evidence weighing at most :data:`TITLE_LINE_MARGIN` less, the one
    weighing most; else 0. A headline shown twice or in the title line's words already weighs more than the
    title line."""
    items = page.items
    title = set(slug_words(items[0].vis))
    top, start = values.get(0, 0.0), article_start(page)
    best, best_value = 0, None
    for i, value in values.items():
        it = items[i]
        if not 0 < i <= start or value < top - TITLE_LINE_MARGIN or not 4 <= it.words <= 30 or it.link > 0.5 \
                or it.vis.rstrip()[-1:] in ".:," or LINK_START.match(it.span.text) is not None:
            continue
        words = [w for w in slug_words(it.vis) if len(w) >= 4]
        shared = sum(w in title for w in words)
        if shared >= max(TITLE_LINE_WORDS, TITLE_LINE_SHARE * len(words)) \
                and (best_value is None or value > best_value):
            best, best_value = i, value
    return best


#: Where a title line sets the site's name apart after its headline: a bar, dash or dot ("Headline – Site"; not a
#: slash or colon, which a headline uses too: "Can fish feel pain / suffer?").
_SUFFIX_SITE = regex.compile(r"\s[|｜•·–—\-]\s")


def _title_line_copy(page: Page, i: int) -> bool:
    """True when block ``i`` of a node page shows the page's title line again, word for word (the ``<title>``
    a DOM's text gives first, printed again over the article: "Headline – Site" twice), and that line names the
    site after its headline (:func:`strip_site` cuts its end past a bar or dash, :data:`_SUFFIX_SITE`, with no
    figure or sentence end in it): the copy names it too. A part before the headline, after a slash, or a date,
    number or question after it is left alone ("BUDGET 3.0 | Harbour fees rise", "The harbour (2024) – the long
    way in", "Press coverage – August 2013", "Can fish feel pain / suffer?": the headline's own)."""
    first = page.items[0].vis
    if i <= 0 or len(first) > 300 or norm_title(page.items[i].vis) != norm_title(first):
        return False
    head = strip_site(first)
    cut = first[len(head):] if head != first and first.startswith(head) else ""
    return _SUFFIX_SITE.match(cut) is not None and not any(c.isdigit() for c in cut) \
        and cut.rstrip()[-1:] not in ".!?"


def title_headline_pass(page: Page, rule: Rule) -> None:
    """The page's headline: of the candidates of :func:`headline_candidates`, the one whose evidence
    weighs most with the rule's ``weights`` (when above ``threshold``), on pages of the rule's ``dialects``;
    when that one is a standfirst, the headline over it (:func:`over_standfirst`)."""
    if page.title_settled or not for_dialect(page, rule) or not page.items:
        return
    weights = rule.get("weights", {})
    best, best_score = None, float(rule.get("threshold", 0.0))
    found = headline_candidates(page, rule)
    sole = next((i for i, ev in found if ev["sole_h1"]), None)
    min_words = int(rule.get("min_words", 0) or 10**6)
    if sole is not None and _plain_heading(page.items[sole], min_words):
        under = _dated_heading_under(page, found, sole, min_words)
        best = sole if under is None else under
        _found_title(page, best, rule)
        page.kicker_words, page.lead_in = glued_kicker(page, best), lead_in(page, best)
        return
    values = {i: weights.get("bias", 0.0) + sum(weights.get(k, 0.0) * v for k, v in ev.items()) for i, ev in found}
    for i, value in values.items():
        if value > best_score:
            best, best_score = i, value
    if best == 0 and page.dialect == NODES:
        best = _shown_over_title_line(page, values)
    if best == 0:
        part = _title_line_part(page)
        if part is not None:
            _found_title(page, part, rule)
            return
    candidates = {i for i, _ in found}
    echo = _far_title_echo(page, candidates)
    if echo is not None and (best is None or norm_title(page.items[best].vis) != norm_title(page.items[echo].vis)):
        _found_title(page, echo, rule)
        return
    repeat = _title_line_repeat(page, best, candidates)
    if repeat is not None:
        page.title_line = repeat == 0 or _title_line_copy(page, repeat)
        _found_title(page, repeat, rule)
        return
    if best is not None:
        moved = over_standfirst(page, best, candidates, {i: ev["lead_words"] for i, ev in found})
        moved = over_question_deck(page, moved, candidates)
        moved = over_restated_deck(page, moved, candidates)
        moved = under_kicker(page, moved, candidates)
        moved = under_fuller_headline(page, moved, candidates)
        if not _kept_for_title_line(page, best, moved):
            best = moved
        page.title_line = page.dialect == NODES and (best == 0 or _title_line_copy(page, best))
        _found_title(page, best, rule)
        if not page.title_line:
            page.kicker_words = glued_kicker(page, best) or list_number(page, best)
            page.lead_in = lead_in(page, best)


#: A title line's headline repeated far down a node page has at least this many words, and a prose block
#: of at least :data:`ECHO_PROSE_WORDS` words within :data:`ECHO_REACH` blocks under it (the article).
ECHO_WORDS = 4
ECHO_PROSE_WORDS = 15
ECHO_REACH = 6


def _far_title_echo(page: Page, candidates: Container[int]) -> int | None:
    """On a node page, the one block outside the headline candidates that repeats the headline of the page's title
    line (its first line, site name left out) with a date or byline line under it, no alike headline next to it or
    past a date line next to it (not a card of a list) and prose under it (:data:`ECHO_REACH`): the article's own
    headline, below teasers the block model took for the start of the article; None when there is no such block or
    more than one."""
    items = page.items
    if page.dialect != NODES or len(items) < 3 or not title_line_shape(items[0]):
        return None
    head = norm_title(strip_site(items[0].vis))
    size = len(head.split())
    if size < ECHO_WORDS:
        return None
    may = page.cfg.flagged("title_may_override")
    found = []
    for k in range(1, len(items)):
        it = items[k]
        if k in candidates or it.rule and it.rule not in may or abs(it.words - size) > ECHO_WORDS \
                or norm_title(it.vis) != head:
            continue
        nxt = items[k + 1] if k + 1 < len(items) else None
        dated = nxt is not None and (nxt.kind == "meta" or nxt.words <= 25 and has_date(nxt.vis, page.cfg) is not None)
        # a list's card: an alike headline next to it, or past the date line of one of them
        alike = any(0 < k + d < len(items) and alike_headlines(it, items[k + d], page.cfg) for d in (-1, 1)) \
            or any(0 < k + 2 * d < len(items) and items[k + d].kind == "meta"
                   and alike_headlines(it, items[k + 2 * d], page.cfg) for d in (-1, 1))
        prose = any(undecided(x) and x.prose and x.words >= ECHO_PROSE_WORDS for x in items[k + 1:k + 1 + ECHO_REACH])
        if (dated or byline_below(items, k)) and not alike and prose:
            found.append(k)
    return found[0] if len(found) == 1 else None


#: A block repeats the title line's headline when it holds at least this many words (a site or section name of
#: a few words is shown on every page of the site).
REPEAT_WORDS = 4
#: The headline the title line names stands at most this many blocks under the start of the article (further
#: down, a list of the site's stories may show it again).
REPEAT_BELOW = 12


def _title_words(text: str) -> set[str]:
    """The distinct words of four letters or more of a line, as a URL slug spells them."""
    return {w for w in slug_words(text) if len(w) >= 4}


def _agrees_with_title_line(page: Page, i: int | None, line: str) -> bool:
    """True when block ``i`` is the title line or gives the same story: half of its words of four letters or more
    (:func:`_title_words`), and :data:`TITLE_LINE_WORDS` at least, are in the title ``line``."""
    if i is None:
        return False
    if i == 0:
        return True
    words = _title_words(page.items[i].vis)
    shared = len(words & _title_words(line))
    return shared >= TITLE_LINE_WORDS and 2 * shared >= len(words)


def _kept_for_title_line(page: Page, best: int, moved: int) -> bool:
    """True when the candidate weighing most (``best``) stays the headline though a deck, label or kicker rule
    moved off it to block ``moved``: on a node page, ``best`` gives the story of the page's title line
    (:func:`_agrees_with_title_line`) and ``moved`` does not (a line over the headline taken for it when the
    headline read as a standfirst)."""
    if page.dialect != NODES or moved == best or best == 0:
        return False
    line = page.items[0].vis
    return norm_title(page.items[best].vis) in _title_line_forms(line) \
        and not _agrees_with_title_line(page, moved, line)


def _title_line_forms(line: str) -> set[str]:
    """The headline a title line names (:func:`title_line_headlines`: with or without the site's name) of
    :data:`REPEAT_WORDS` words or more (empty when there is none)."""
    return {f for f in title_line_headlines(line) if len(f.split()) >= REPEAT_WORDS}


def _title_line(page: Page) -> str | None:
    """The text of a node page's title line (block 0, the ``<title>`` a DOM's text gives first) when it has a title
    line's shape (2 to 40 words, at most 300 characters, no full stop at its end); else None."""
    items = page.items
    if page.dialect != NODES or len(items) < 3:
        return None
    line = items[0].vis
    if len(line) > 300 or not 2 <= items[0].words <= 40 or line.rstrip().endswith("."):
        return None
    return line


def _shown_again(page: Page, forms: Container[str], first_line: bool) -> int | None:
    """The block that prints one of ``forms`` (headlines as :func:`norm_title` gives them) again, whatever rule
    took it (a link to the page itself, a block the block model doubted): the nearest one over the start of the
    article, else the first one at most :data:`REPEAT_BELOW` blocks under it; with ``first_line`` a block's first
    line is enough (the headline over its deck in one block). None when there is none but between two alike
    headlines (:func:`alike_headlines`: a card in a run of other stories' headlines; one alike line next to it may
    be its deck)."""
    items = page.items
    start = article_start(page)
    found = []
    for k in range(1, min(len(items), start + REPEAT_BELOW + 1)):
        it = items[k]
        if norm_title(it.vis.partition("\n")[0] if first_line else it.vis) not in forms:
            continue
        if all(0 < k + d < len(items) and alike_headlines(it, items[k + d], page.cfg) for d in (-1, 1)):
            continue  # a card in a run of other stories' headlines
        found.append(k)
    over = [k for k in found if k <= start]
    return over[-1] if over else found[0] if found else None


def _title_line_repeat(page: Page, best: int | None, candidates: Container[int]) -> int | None:
    """On a node page whose headline candidate weighing most (``best``, None when there is none) does not give the
    story of the page's title line (:func:`_agrees_with_title_line`), the block that prints the title line's
    headline again, with or without its site name (:func:`_title_line_forms`; :func:`_shown_again`): the page's
    headline. A block opening with the headline and going on with its deck on a line of its own gives the title
    line itself (block 0, when it is a candidate), which names the headline alone. None when no block repeats it
    or the title line is no title line's shape (:func:`_title_line`)."""
    line = _title_line(page)
    if line is None or _agrees_with_title_line(page, best, line):
        return None
    forms = _title_line_forms(line)
    k = _shown_again(page, forms, first_line=True) if forms else None
    if k is not None and norm_title(page.items[k].vis) not in forms and 0 in candidates:
        return 0
    return k


def _title_line_part(page: Page) -> int | None:
    """When the title line is the headline candidate weighing most, the block printing a part of it that cutting
    the site's name (:func:`strip_site`) does not give (:func:`_title_line_forms`: the line before its last
    separator or after its first one, :func:`_shown_again`): the page shows which part is its headline
    ('Derek Jarman · The Garden' of 'Derek Jarman · The Garden | Harbour Notes'); None when it shows none."""
    line = _title_line(page)
    if line is None:
        return None
    forms = _title_line_forms(line) - {norm_title(line), norm_title(strip_site(line))}
    return _shown_again(page, forms, first_line=False) if forms else None


def _dated_heading_under(page: Page, found: list[tuple[int, dict[str, float]]], i: int,
                         min_words: int) -> int | None:
    """The candidate headline under a level-1 heading ``i`` that names the site over its menus: the last
    markdown heading of lower level between it and the start of the article with a list (a menu) between
    them, of ``min_words`` words or more and no sentence end, that has a date or byline line under it (a
    blog's name in the level-1 heading, the story's headline with its date under it; not a standfirst or a
    deck set as a heading under the headline); None when there is none."""
    start = article_start(page)
    items = page.items
    menu = next((k for k in range(i + 1, start) if LIST_MARK.match(items[k].span.text)), None)
    if menu is None:
        return None
    return max((k for k, ev in found if menu < k < start and md_level(page.items[k]) > 1
                and page.items[k].words >= min_words and page.items[k].vis.rstrip()[-1:] not in ".:,"
                and (ev["date_below"] or ev["byline_below"])), default=None)


def _plain_heading(it: Item, min_words: int) -> bool:
    """True when a markdown heading reads as a headline: ``min_words`` words or more, no picture, not a link,
    no sentence end."""
    return it.words >= min_words and "![" not in it.span.text and it.link <= 0.5 \
        and it.vis.rstrip()[-1:] not in ".:,"


def title_short_pass(page: Page, rule: Rule) -> None:
    """The longest title-like line before the first prose (not a picture's name alone, :func:`picture_block`, nor a
    line the headline rule's ``not_headline`` finds: 'Sign in to your account'); else a title shown twice at the
    top of the page."""
    items, cfg = page.items, page.cfg
    if page.title_settled:
        return
    limit = min(first_prose(items), len(items))
    max_words = int(rule.get("max_words", 60))
    headline = cfg.signal_rule("title_headline")
    cands = [i for i in range(limit) if undecided(items[i]) and not items[i].prose and items[i].words <= max_words
             and not picture_block(items[i]) and not not_headline(headline, items[i].vis)]
    over_meta = [i for i in cands if i + 1 < len(items) and items[i + 1].kind == "meta"]
    if cands:  # the longest line (titles are longer than labels and menu leftovers), the last on ties
        _found_title(page, max(reversed(over_meta or cands), key=lambda k: items[k].words), rule)
        return
    # a title shown twice at the top of the page
    shown_twice = cfg.signal_rule("adjacent_repeat").id
    for i in range(limit):
        it = items[i]
        if it.rule == shown_twice and it.words <= max_words:
            if i + 1 < len(items) and items[i + 1].key == it.key:
                decide(items[i + 1], "clutter", cfg.signal_rule("repeat").id)
            _found_title(page, i, rule)
            return
