"""The headline next to the candidate whose evidence weighs most, when that one is its standfirst or deck
(:func:`over_standfirst`, :func:`over_question_deck`, :func:`over_restated_deck`), a label in capitals over it
(:func:`under_kicker`) or a shortened copy of it under it (:func:`under_fuller_headline`)."""
from __future__ import annotations

from typing import Container, Mapping

import regex

from .features import Item, headline_case
from .pagestate import Page, undecided
from .title_text import BYLINE, headline_text, kicker_line, norm_title
from .furniture import FORM_FIELD, LIST_MARK, reader_teaser
from .headline_evidence import LINK_START, alike_headlines, byline_below, dated_below, headline_shape, slug_words


#: A standfirst: a sentence of this many words or more ending with a full stop, under the headline; the
#: headline-shaped line at most :data:`STANDFIRST_REACH` blocks above it (no link between) is the headline.
STANDFIRST_WORDS = 12
STANDFIRST_REACH = 3
#: A standfirst without its full stop: a line of at least this many words, not in headline case, under a
#: headline of at most half as many words; or of at least :data:`DECK_WORDS` words right under such a
#: headline (a deck in sentence case with nothing between it and the headline).
STANDFIRST_RUN_WORDS = 16
DECK_WORDS = 12
#: A headline's break between its parts ("Olympics: Second case in team - coach attacked"): a deck has none.
_HEADLINE_BREAK = regex.compile(r"[:|｜]|\s[–—\-]\s")


#: A quotation with its speaker after it ('“We have to cut jobs,” the chairman said'): prose, not a headline
#: (a headline quoting someone closes the quote with a colon).
_QUOTE_SAID = regex.compile(r"[\"“‘'][^\"”’]{3,300}[,!?.][\"”’']\s{1,3}[\p{L}\p{N}]")


def _standfirst(it: Item) -> bool:
    """True when a block reads as a standfirst sentence rather than a headline: 12 words or more ending with
    a full stop, or a quotation followed by its speaker."""
    text = it.vis.rstrip()
    return it.words >= STANDFIRST_WORDS and (text[-1:] == "." or text[-2:] in ('."', ".”")
                                             or _QUOTE_SAID.match(text) is not None)


#: A line longer than this many words reads in headline case when its first this many words do (a headline in
#: title case runs long: no deck is written so).
HEADLINE_CASE_WORDS = 16


#: A short headline over a standfirst: 2 or 3 words (fewer than a headline's shape asks), at least this share
#: of its words of four letters or more among the article's first words (all: a menu label such as 'Health
#: News' shares one at most).
SHORT_HEADLINE_LEAD = 1.0


#: A headline in parts: a colon or a spaced dash between them (not a bar, as a byline or title line has).
_HEADLINE_PARTS = regex.compile(r"[:：]\s|\s[–—\-]\s")
#: A headline opening with a quotation set apart by a colon ("'Not the end of search': Google adds ...").
_QUOTED_LEAD = regex.compile(r"[\"“‘'][^\"“”\n]{3,200}?[\"”’']\s{0,2}[:：]\s")


#: A label in capitals set apart from the headline after it by a bar or a colon ("BUDGET 3.0 | Sars gets R4bn").
_LABEL_APART = regex.compile(r"([^|｜:：\n]{3,60})\s{0,2}[|｜:：]\s")


def _set_apart(line: str) -> bool:
    """True when a line over a deck reads as its headline, not as another deck: in parts set apart by a colon
    or a spaced dash (:data:`_HEADLINE_PARTS`), opening with a label in capitals set apart by a bar or a colon
    (:func:`kicker_line`), or in headline case (:func:`~pipeline.clean.features.headline_case`: 'Family Gives Early
    Support to Tester' over 'Billionaire and his son nearly max out to Tester', a deck in sentence case)."""
    label = _LABEL_APART.match(line)
    return _HEADLINE_PARTS.search(line) is not None or label is not None and kicker_line(label.group(1)) \
        or headline_case(line)


def _listed_headline(it: Item, may: Container[str]) -> bool:
    """True when a block is a headline set as a list item of its own ('• Harbour tolls rise for a third year'
    right over its standfirst): one line with a list mark, a headline's shape (:func:`headline_shape`), not
    opening with a link nor holding a form field ('• Text Input: [ ] [Submit]', a search box in a menu), undecided
    or decided by a rule the title may override (``may``)."""
    return (not it.kind or it.rule in may) and "\n" not in it.span.text.strip() \
        and LIST_MARK.match(it.span.text) is not None \
        and headline_shape(it) and LINK_START.match(it.span.text) is None and FORM_FIELD.search(it.vis) is None


def over_standfirst(page: Page, best: int, candidates: Container[int],
                    lead: Mapping[int, float] | None = None) -> int:
    """``best``, or the headline over it when ``best`` is a standfirst (:func:`_standfirst`) or a quoted sentence:
    the nearest candidate above it within :data:`STANDFIRST_REACH` blocks, with a headline's shape and fewer words,
    and no link line between them (right above it, also a headline set as a list item of its own,
    :func:`_listed_headline`, which is no candidate, unless the block above it is another list item of 4 words or
    more: a list of headlines); for a quoted sentence with no such headline above, the nearest candidate below it as
    near, of 4 to 30 words, not a sentence or a quote, no link line between. A standfirst without its full stop
    (:data:`STANDFIRST_RUN_WORDS` words or more, not in headline case nor opening with a quotation set apart by a
    colon, as a headline may) gives way likewise to a headline of at most half its words; a shorter one
    (:data:`DECK_WORDS` or more, with no colon or spaced dash between parts as a headline has, or a teaser addressed
    to the reader, :func:`reader_teaser`: 'Ferry fares: what you need to know before you sail') only to such a
    headline right above it, or to any headline-shaped one right above it when the deck closes the article's head
    (its date or byline line right under it, :func:`~pipeline.clean.headline_evidence.dated_below`,
    :func:`~pipeline.clean.headline_evidence.byline_below`) and that one reads as no headline of a list with the
    block over it (:func:`~pipeline.clean.headline_evidence.alike_headlines`). With no such headline, a standfirst
    gives way to a short one of 2 or 3 words as near, not a link, a sentence or a kicker in capitals
    (:func:`~pipeline.clean.title_text.kicker_line`: 'BLACK DEATH FEARS' over a long headline), whose words the
    article's first words repeat (``lead``: each candidate's share of them, :data:`SHORT_HEADLINE_LEAD` or more)."""
    items = page.items
    quoted = _quoted_sentence(items[best].vis)
    stop = _standfirst(items[best]) or quoted
    run_on = "" if stop else headline_text(items[best].head, page.cfg)  # without a date line in the block
    size = len(run_on.split())
    if not stop and (size < DECK_WORDS or headline_case(" ".join(run_on.split()[:HEADLINE_CASE_WORDS]))
                     or _QUOTED_LEAD.match(run_on)):
        return best
    # a deck has no break between parts, as a headline may, unless it is a teaser addressed to the reader
    deck = _HEADLINE_BREAK.search(run_on) is None or reader_teaser(page.cfg.signal_rule("title_headline"), run_on)
    may = page.cfg.flagged("title_may_override")
    # the deck closes the article's head: its date or byline line comes right under it
    head_closed = deck and (dated_below(items, best, page.cfg) or byline_below(items, best))
    for k in range(best - 1, max(-1, best - 1 - STANDFIRST_REACH), -1):
        deck_under = deck and k == best - 1  # a deck right under this candidate
        if k == best - 1 and _listed_headline(items[k], may) and items[k].words < items[best].words \
                and not (k > 0 and LIST_MARK.match(items[k - 1].span.text) and items[k - 1].words >= 4):
            return k
        if k in candidates and headline_shape(items[k]) and items[k].words < items[best].words \
                and (stop or 2 * items[k].words <= size and (size >= STANDFIRST_RUN_WORDS or deck_under)
                     or deck_under and (_set_apart(items[k].vis) or head_closed and not (
                         k > 0 and alike_headlines(items[k - 1], items[k], page.cfg)))):
            return k
        if items[k].link > 0.5:
            break
    if not stop and size < STANDFIRST_RUN_WORDS:
        return best
    for k in range(best - 1, max(-1, best - 1 - STANDFIRST_REACH), -1):
        if k in candidates and 2 <= items[k].words < 4 and (lead or {}).get(k, 0.0) >= SHORT_HEADLINE_LEAD \
                and items[k].link <= 0.5 and not items[k].prose and items[k].vis.rstrip()[-1:] not in ".:," \
                and not kicker_line(items[k].vis):
            return k
        if items[k].link > 0.5:
            break
    if quoted:  # a quoted claim over the headline (a fact check): the headline-shaped candidate under it
        for k in range(best + 1, min(len(items), best + 1 + STANDFIRST_REACH)):
            if k in candidates and 4 <= items[k].words <= 30 and items[k].vis.rstrip()[-1:] not in ".:,\"”" \
                    and items[k].link <= 0.5:
                return k
            if items[k].link > 0.5:
                break
    return best


#: A question deck: a question of at least this many words right under a shorter question, its headline.
QUESTION_DECK_WORDS = 8


def _question(text: str) -> bool:
    """True when a line ends with a question mark (after a closing quote or bracket)."""
    return text.rstrip().rstrip("\"”’')]").endswith("?")


def over_question_deck(page: Page, best: int, candidates: Container[int]) -> int:
    """``best``, or the headline right above it when ``best`` is a question deck: a question of
    :data:`QUESTION_DECK_WORDS` words or more under a candidate that is a question of fewer words, not a link nor
    opening with one, nor a label in capitals (:func:`kicker_line`): a short question headline over the question its
    deck asks ('Harbour tolls too high?' / 'Are the new tolls fair to the boats that use the quay every day?');
    else ``best``."""
    items = page.items
    k = best - 1
    if k < 0 or k not in candidates or items[best].words < QUESTION_DECK_WORDS or not _question(items[best].vis):
        return best
    up = items[k]
    if _question(up.vis) and 2 <= up.words < items[best].words and _plain_line(up):
        return k
    return best


def _plain_line(it: Item) -> bool:
    """True when a block over a deck may be its headline: no link, not opening with one, no label in capitals
    (:func:`kicker_line`)."""
    return it.link <= 0.5 and LINK_START.match(it.span.text) is None and not kicker_line(it.vis)


#: A deck restating the headline right above it opens with the same this many words ...
RESTATED_OPENING = 2
#: ... and repeats at least this share of the headline's words of four letters or more, but less than this share
#: (more: the headline shown again, laid out otherwise).
RESTATED_SHARE = 1 / 3
RESTATED_MAX_SHARE = 3 / 4


def over_restated_deck(page: Page, best: int, candidates: Container[int]) -> int:
    """``best``, or the candidate right above it when ``best`` is a deck restating it: a line not in headline
    case (:func:`~pipeline.clean.features.headline_case`) opening with the same :data:`RESTATED_OPENING` words
    as the candidate above, which has 4 to 30 words, no sentence end, is not a link nor opens with one nor is a
    label in capitals, and :data:`RESTATED_SHARE` of whose words of four letters or more the deck repeats, but
    less than :data:`RESTATED_MAX_SHARE` (the same headline shown twice is no deck) ('Strong tornadoes possible in
    severe storm outbreak in central states' over 'Strong tornadoes are possible across the central states both
    Friday and Saturday'); else ``best``."""
    items = page.items
    k = best - 1
    if k < 0 or k not in candidates or headline_case(items[best].vis):
        return best
    up = items[k]
    above, deck = slug_words(up.vis), slug_words(items[best].vis)
    if len(above) <= RESTATED_OPENING or len(deck) <= RESTATED_OPENING or above == deck \
            or above[:RESTATED_OPENING] != deck[:RESTATED_OPENING]:
        return best
    long_words = [w for w in above if len(w) >= 4]
    deck_words = set(deck)
    shared = sum(w in deck_words for w in long_words)
    if 4 <= up.words <= 30 and up.vis.rstrip()[-1:] not in ".:," and _plain_line(up) \
            and long_words and RESTATED_SHARE * len(long_words) <= shared < RESTATED_MAX_SHARE * len(long_words):
        return k
    return best


#: How many blocks under a label in capitals its headline may sit, past date, byline and section link lines.
KICKER_REACH = 4
#: A section link line between a label and the headline has at most this many words.
SECTION_LINK_WORDS = 3


def under_kicker(page: Page, best: int, candidates: Container[int]) -> int:
    """``best``, or the headline under it when ``best`` is a label in capitals (:func:`kicker_line`: a section
    name, kicker or blog name such as 'GROWING YOUR BUSINESS' over the headline): the first candidate with a
    headline's shape (:func:`headline_shape`) not in capitals within :data:`KICKER_REACH` blocks, past only
    date and byline lines and short section links ('Beauty'); else ``best``."""
    items = page.items
    if not kicker_line(items[best].vis):
        return best
    for k in range(best + 1, min(len(items), best + 1 + KICKER_REACH)):
        it = items[k]
        if k in candidates and headline_shape(it) and any(c.islower() for c in it.vis):
            return k
        if not (it.kind == "meta" or it.dateline or BYLINE.match(it.vis)
                or it.link > 0.5 and it.words <= SECTION_LINK_WORDS):
            return best
    return best


#: A shortened headline's words of four letters or more are compared without a plural or possessive 's'.
_PLURAL_S = regex.compile(r"(?<=\p{L}{3})s$")


def _long_word_stems(text: str) -> list[str]:
    """Words of four letters or more of a line, lower-cased, apostrophes and a final 's' dropped ("Page's" and
    "Pages" -> "page")."""
    return [_PLURAL_S.sub("", w) for w in slug_words(text) if len(w) >= 4]


def _shortened(short: str, full: str) -> bool:
    """True when ``short`` restates the headline ``full`` in fewer words: every word of four letters or more of
    ``short`` (two at least) is one of ``full``'s, ``full`` has more words, and ``full`` does not hold ``short``
    as it stands (a breadcrumb's item, glued to the menu before it or not, a headline without its kicker or site
    name: left to the kicker and site rules)."""
    mine, theirs = _long_word_stems(short), set(_long_word_stems(full))
    norm, whole = norm_title(short), norm_title(full)
    if len(mine) < 2 or len(norm.split()) >= len(whole.split()) or not all(w in theirs for w in mine):
        return False
    return norm not in whole


#: How many blocks above a shortened headline the headline it shortens may stand, past decided blocks and lines of
#: at most :data:`SHORTENED_PASS_WORDS` words.
SHORTENED_REACH = 12
SHORTENED_PASS_WORDS = 3


def under_fuller_headline(page: Page, best: int, candidates: Container[int]) -> int:
    """``best``, or the headline above it that ``best`` shortens (:func:`_shortened`: a caption or a second,
    shorter heading over the article that a screen dump prints under the headline, "Alabama Workers Immigration
    Law" under "Alabama Workers Leave State As Immigration Law Takes Effect"): the nearest candidate within
    :data:`SHORTENED_REACH` blocks above with a headline's shape (:func:`headline_shape`), no link nor a label in
    capitals (:func:`_plain_line`), past only decided blocks (menus, date lines, share links) and lines of at most
    :data:`SHORTENED_PASS_WORDS` words (an author's name); else ``best``."""
    items = page.items
    for k in range(best - 1, max(-1, best - 1 - SHORTENED_REACH), -1):
        it = items[k]
        if k in candidates and headline_shape(it) and _plain_line(it):
            return k if _shortened(items[best].vis, it.vis) else best
        if undecided(it) and it.words > SHORTENED_PASS_WORDS:
            return best
    return best


def _quoted_sentence(text: str) -> bool:
    """True when a block is one quoted sentence ending with its full stop inside the quote ('"Prices rose."')."""
    text = text.strip()
    return len(text) >= 8 and text[:1] in "\"“‘'" and text[-2:] in ('."', '.”', ".’", ".'")
