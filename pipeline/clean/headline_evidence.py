"""Headline candidates and the evidence about each (:func:`headline_candidates`, :data:`HEADLINE_FEATURES`): the
title-like lines around the start of the article, with their length, case, repetition in the page's title lines and
URL slugs, their neighbours (a date or byline under them, alike headlines of a list next to them, a picture over
them), their distance from the article and, on a screen dump, an indent past the article's own column. The weights
of the evidence are the headline rule's in ``rules/clutter.toml``."""
from __future__ import annotations

from collections import Counter
from itertools import islice
from typing import TYPE_CHECKING, Callable, Container

import regex

from .features import Item, headline_case
from .dialect import MARKDOWN, NODES, SCREEN_COLUMNS, TERMINAL
from .stopwords import STOP_WORDS
from .segment import is_abbreviation
from ..rules import Rule
from .block_model import model_scores
from .dumps import url_slug_counts
from .pagestate import Page
from .patterns import has_date, never_title
from .title_text import BYLINE, dated_headline, norm_title, site_names, unglued
from .furniture import (
    LIST_MARK, PICTURE_CREDIT, YOU, form_prompt, furniture_line, glued_menu, menu_line, not_headline, reader_teaser,
)
from .article_start import CARD_OTHERS, CARD_REACH, article_start

if TYPE_CHECKING:
    from .config import CleanConfig


_MD_HEADING = regex.compile(r"(#{1,6})\s")


#: How many blocks above the start of the article the headline is looked for.
HEADLINE_WINDOW = 60
#: ... and how many blocks below it (a headline under a lead picture the block model took for the start).
HEADLINE_BELOW = 12


#: Evidence about a headline candidate (the ``weights`` of the headline rule are keyed by these names).
HEADLINE_FEATURES: tuple[str, ...] = (
    "mid_length", "few_words", "words", "repeated", "shown_twice", "in_title_line", "in_longer_line", "many_copies",
    "sentence", "md_h1", "md_h2", "capital", "headline_case", "date_below", "linked", "distance", "model", "title_line",
    "after_list", "slug", "lead_words", "below_start",
    "stop", "sentence_below", "headline_above", "you", "you_teaser", "ends_period", "own_slug", "title_cover",
    "sole_h1",
    "byline_below", "alike_below", "alike_above", "starts_link", "picture_above", "credit_below", "card",
    "indented",
)
#: A URL slug word pair found in this many link targets or more belongs to the page's own address (share
#: links repeat it).
OWN_SLUG_LINKS = 3


_APOSTROPHE = regex.compile(r"['’‘]")
#: Words of the article start that a headline is compared with.
LEAD_WORDS = 80


def _full_stop(text: str) -> bool:
    """True when a line ends with a full stop, unless the line is in headline case
    (:func:`~pipeline.clean.features.headline_case`) and the stop closes an abbreviation or initial: a headline may
    end with 'U.S.' or 'Inc.' ("Russia's Help to Iran Stirs Questions About Its Relations With U.S."), a sentence
    in sentence case ends there too ("Two chains merge to create the largest one in the U.S.")."""
    text = text.rstrip()
    return text[-1:] == "." and not (is_abbreviation(text, len(text) - 1) and headline_case(text))


def slug_words(text: str) -> list[str]:
    """Lower-cased letter and digit runs of a line as a URL slug spells them (apostrophes dropped)."""
    return regex.sub(r"[^\p{L}\p{N}]+", " ", _APOSTROPHE.sub("", text.lower())).split()


def _slug_share(words: list[str], slugs: Container[tuple[str, str]]) -> float:
    """Share of a line's word pairs found in the page's URL slugs (0 for a line of one word)."""
    pairs = list(zip(words, words[1:]))
    return sum(p in slugs for p in pairs) / len(pairs) if pairs and slugs else 0.0


def _lead_words(items: list[Item], start: int) -> frozenset[str]:
    """Words of four letters or more in the first :data:`LEAD_WORDS` words of the article from ``start``."""
    words: list[str] = []
    for it in items[start:]:
        if it.prose and not it.rule:
            words += slug_words(it.vis[:2000])
            if len(words) >= LEAD_WORDS:
                break
    return frozenset(w for w in words[:LEAD_WORDS] if len(w) >= 4)


def _screen_lines(text: str, it: Item) -> list[str]:
    """The lines of a block as a screen dump ``text`` (the page its span indexes) shows them, with the spaces
    before the first one."""
    return [x.rstrip() for x in text[text.rfind("\n", 0, it.span.start) + 1:it.span.end].split("\n") if x.strip()]


def _pad(line: str) -> int:
    """Blank columns before a screen line's text (spaces, or a no-break space a browser prints for one)."""
    return len(line) - len(line.lstrip())


def _centred(line: str) -> bool:
    """True when a screen line stands in the middle of a :data:`~pipeline.clean.dialect.SCREEN_COLUMNS` wide
    screen (as many spaces before it as would fill the screen after it, give or take one: the browser centres
    in a column or two less than the screen): a centred heading, not an indented one. A line indented by a few
    spaces that nearly fills the screen reads as centred too (it cannot be told apart)."""
    pad = _pad(line)
    return pad > 0 and abs(pad + len(line) - (SCREEN_COLUMNS - 1)) <= 1


#: The article's own column is the one most lines of its first this many prose blocks start at.
ARTICLE_COLUMN_BLOCKS = 5


def article_column(page: Page, start: int) -> int:
    """Screen column (0: the left margin) of the article's text on a screen dump: the one most lines of its first
    :data:`ARTICLE_COLUMN_BLOCKS` prose blocks from ``start`` that no rule decided start at, the leftmost on ties
    (a caption or list item opening the article may be indented, a table row may hold a sidebar's text; 0 when
    there is none)."""
    prose = islice((it for it in page.items[start:] if it.prose and not it.rule), ARTICLE_COLUMN_BLOCKS)
    pads = Counter(_pad(x) for it in prose for x in _screen_lines(page.doc.text, it))
    return min(pads, key=lambda c: (-pads[c], c), default=0)


def indented(text: str, it: Item, column: int) -> bool:
    """True when a block of a screen dump ``text`` is indented to the right of the article's ``column`` the way
    the browser sets the text of a list item or box under its bullet (a gallery's or related story's headline:
    '    Photos of the day: ...'): every line starts at one column past ``column``, and a block of one line is not
    centred (:func:`_centred`: a centred page's headline)."""
    lines = _screen_lines(text, it)
    pads = {_pad(x) for x in lines}
    return len(pads) == 1 and min(pads) > column and not (len(lines) == 1 and _centred(lines[0]))


def _near(items: list[Item], order: range) -> int | None:
    """The first block in ``order`` that is not metadata, clutter or a date line (None when none)."""
    return next((k for k in order if items[k].kind not in ("meta", "clutter") and not items[k].dateline), None)


def headline_shape(it: Item) -> bool:
    """True when a block reads as a headline: 4 to 30 words, no sentence end, not a link."""
    return 4 <= it.words <= 30 and it.vis.rstrip()[-1:] not in ".:," and it.link <= 0.5 and not it.prose


#: A block that starts with a link: a markdown link or a screen dump's link number (after a list or heading mark).
LINK_START = regex.compile(r"[ \t]{0,12}(?:[*+•\-][ \t]+|#{1,6}[ \t]+)?(?:\*\*|__)?"
                           r"\[(?:\d{1,5}\][ ]?(?=\S)|[^\]\n]{1,300}\]\()")


#: A picture alone in its block: a markdown image (maybe inside a link) or a screen dump's picture name in
#: brackets (not a link number).
_PICTURE = regex.compile(r"[ \t]{0,12}(?:\[?!\[[^\]\n]{0,300}\]\([^)\n]{0,2000}\)(?:\]\([^)\n]{0,2000}\))?"
                         r"|\[(?!\d{1,5}\])[^\]\n]{1,80}\])[ \t]{0,3}")


def picture_block(it: Item) -> bool:
    """True when a block is a picture and nothing else (:data:`_PICTURE`)."""
    return len(it.span.text) <= 2400 and _PICTURE.fullmatch(it.span.text) is not None


#: A running time ('3:49', '1:02:15') ...
_RUNNING_TIME = r"(?:\d{1,2}:)?\d{1,2}:[0-5]\d"
#: ... alone in its block, maybe after a video player's label and told twice, as a screen dump prints a player
#: ('VIDEO5:2605:26', 'Video 2:31', '▶ 03:49', '01:34', 'Now playing 0:45 / 2:10').
_PLAYER = regex.compile(r"[ \t]{0,12}(?:[▶►]\s{0,2})?(?:(?i:video|watch|play|now playing)\s{0,2}[:|]?\s{0,2})?"
                        + _RUNNING_TIME + r"(?:\s{0,3}/?\s{0,3}" + _RUNNING_TIME + r")?\s{0,3}")


def player_block(it: Item) -> bool:
    """True when a block is a video player's label with the video's running time and nothing else (:data:`_PLAYER`):
    the line under it is the video's title, as a caption under a picture."""
    return len(it.span.text) <= 80 and _PLAYER.fullmatch(it.span.text) is not None


def _echoed_caption(items: list[Item], i: int, norm: str, rule: Rule) -> bool:
    """True when a longer block within two blocks of block ``i`` labels its text as a picture's caption
    ('Image: <the same words>', :func:`not_headline`): the block is the caption shown twice, not a
    headline."""
    for k in range(max(0, i - 2), min(len(items), i + 3)):
        if k != i and len(items[k].vis) <= 600 and not_headline(rule, items[k].vis) \
                and norm in norm_title(items[k].vis):
            return True
    return False


def alike_headlines(a: Item, b: Item, cfg: CleanConfig) -> bool:
    """True when two blocks read as neighbours in a list of headlines: both of 4 to 30 words, no sentence
    end, neither a byline nor a date line, lengths within a factor of two, both links or neither, and two
    different headlines (less than half of their words shared: not one headline shown twice); neither one
    a line a rule flagged ``not_title`` took (what the site says about itself over its headline is no other
    headline) nor one the headline rule finds is no headline (:func:`not_headline`: a picture's credit or caption
    over the headline)."""
    if not (all(4 <= x.words <= 30 and x.vis.rstrip()[-1:] not in ".:!?" and x.kind != "meta" for x in (a, b))
            and max(a.words, b.words) <= 2 * min(a.words, b.words)
            and (LINK_START.match(a.span.text) is None) == (LINK_START.match(b.span.text) is None)):
        return False
    wa, wb = set(slug_words(a.vis)), set(slug_words(b.vis))
    return len(wa & wb) * 2 < min(len(wa), len(wb)) and not BYLINE.match(a.vis) and not BYLINE.match(b.vis) \
        and has_date(a.vis, cfg) is None and has_date(b.vis, cfg) is None \
        and not any(x.rule and never_title(x, cfg) for x in (a, b)) \
        and not any(not_headline(cfg.signal_rule("title_headline"), x.vis) for x in (a, b))


#: A byline this many blocks under a headline, not counting link lines taken for clutter between (a share
#: bar, a comment count), is the headline's; such lines are skipped up to :data:`BYLINE_SKIP` blocks.
BYLINE_REACH = 2
BYLINE_SKIP = 2


def byline_below(items: list[Item], i: int) -> bool:
    """True when a byline is among the :data:`BYLINE_REACH` blocks under block ``i``, not counting up to
    :data:`BYLINE_SKIP` link lines taken for clutter (a comment count, a share bar)."""
    seen = skipped = 0
    for k in range(i + 1, min(len(items), i + 1 + BYLINE_REACH + BYLINE_SKIP)):
        if BYLINE.match(items[k].vis) is not None:
            return True
        if items[k].kind == "clutter" and items[k].link > 0.5 and skipped < BYLINE_SKIP:
            skipped += 1
            continue
        seen += 1
        if seen >= BYLINE_REACH:
            return False
    return False


def dated_below(items: list[Item], i: int, cfg: CleanConfig) -> bool:
    """True when the block under block ``i`` is metadata or a short line with a date (a headline's date line)."""
    nxt = items[i + 1] if i + 1 < len(items) else None
    return nxt is not None and (nxt.kind == "meta" or nxt.words <= 25 and has_date(nxt.vis, cfg) is not None)


def _other_cards(items: list[Item], i: int, over_meta: Callable[[int], bool]) -> bool:
    """True when :data:`CARD_OTHERS` lines or more over their date or byline line (``over_meta``: a line with a
    headline's shape, :func:`headline_shape`, and :func:`dated_below` or :func:`byline_below`) start within
    :data:`CARD_REACH` blocks of block ``i``, not right next to it: block ``i`` over its own date or byline is then
    a card of a list of stories ('Readability Is a Myth' / 'By Noah Roe' / 'The Web Cannot Vote' / 'By Emma Lee' /
    ...); the article's headline has its date and byline alone."""
    found = 0
    for k in range(max(0, i - CARD_REACH), min(len(items), i + CARD_REACH + 1)):
        if abs(k - i) >= 2 and over_meta(k):
            found += 1
            if found >= CARD_OTHERS:
                return True
    return False


def _over_start(items: list[Item], i: int, start: int) -> bool:
    """True when block ``i`` stands right over the start of the article, only metadata lines (its date or byline)
    between."""
    return i < start and all(it.kind == "meta" for it in items[i + 1:start])


def _lone_dated_headline(page: Page, i: int) -> bool:
    """True when block ``i`` is a headline with its date line (:func:`dated_headline`) and neither block next
    to it is one too (a list of story cards, each a headline over its date, is no headline)."""
    items = page.items
    if dated_headline(items[i], page.dialect, page.cfg) is None:
        return False
    return not any(0 <= k < len(items) and dated_headline(items[k], page.dialect, page.cfg) is not None
                   for k in (i - 1, i + 1))


#: Where a line that repeats a headline sets it apart from a site name or a label ("Headline - Site",
#: "Share this story: Headline").
_ECHO_SPLIT = regex.compile(r"\s[|｜•·–—\-/«»]\s|:\s|::")


#: ... or with at most this many words more (a picture's label, a site name without a separator).
ECHO_EXTRA_WORDS = 2


def _echoed_in(line: str, norm: str) -> bool:
    """True when ``line`` repeats the headline ``norm`` (as :func:`norm_title` gives it) as a part of its own
    set apart by a separator or a colon, or with at most :data:`ECHO_EXTRA_WORDS` words more: a title line, a
    share label or a picture's label, not a longer headline that starts with the same words."""
    return len(norm_title(line).split()) <= len(norm.split()) + ECHO_EXTRA_WORDS \
        or any(norm_title(part) == norm for part in _ECHO_SPLIT.split(line))


#: A headline with its date or byline under it gives way to none of its shape alone over it (no list of
#: headlines) when it has at least this many words (a shorter line over a date is a section or category line:
#: 'In Local News, News').
LONE_PAIR_WORDS = 6


def _sentence_case(text: str) -> bool:
    """True when a line is written in sentence case, as a deck is: fewer than half of its words of four letters or
    more after the first are capitalised ('The actress explained the story behind her coat'; not 'Why Harbour Firms
    Are Betting on eSports')."""
    long = [w for w in text.split()[1:] if len(w) >= 4 and w[:1].isalpha()]
    return 2 * sum(w[:1].isupper() for w in long) < len(long)


def _run_of_alike(alike_pair: Callable[[int], bool], k: int) -> bool:
    """True when the alike pair of blocks ``k - 1`` and ``k`` (``alike_pair(k)``) stands in a run of three alike
    lines or more, the pair over it or under it alike too: other stories' headlines come in runs of similar
    lines; a lone pair is a headline with a label, kicker, promotion or deck of its shape next to it (a line over
    the headline's date or byline, of :data:`LONE_PAIR_WORDS` words or more and not in sentence case, gives way to
    none over it: 'Free Article Join Over 1 Million Members' over 'Why Harbour Firms Are Betting on Grain' / 'By
    Jane Doe - Jan 9, 2024'; otherwise the line over it is the headline, the lower one its deck or category line)."""
    return alike_pair(k - 1) or alike_pair(k + 1)


def md_level(it: Item) -> int:
    """Heading level of a markdown block ('# Title' is 1; 0 when the block is no heading)."""
    m = _MD_HEADING.match(it.span.text)
    return len(m.group(1)) if m else 0


def headline_candidates(page: Page, rule: Rule) -> list[tuple[int, dict[str, float]]]:
    """(block index, evidence) of every headline candidate of the page: title-like lines within
    :data:`HEADLINE_WINDOW` blocks above the start of the article, and on a page of node lines its first
    line (the page's title line)."""
    items = page.items
    start = article_start(page)
    scores = model_scores(page)
    may = page.cfg.flagged("title_may_override")
    max_words = int(rule.get("max_words", 30))
    lo = max(0, start - HEADLINE_WINDOW)
    # lines a headline may be repeated in: the page's first lines (a title line) and those near the article
    others = [(k, norm_title(items[k].vis)) for k in sorted({*range(min(5, len(items))), *range(lo, start)})
              if len(items[k].vis) <= 300]
    sites = site_names(items[k].vis for k in range(min(5, len(items))) if len(items[k].vis) <= 300)
    slug_counts = url_slug_counts(page.doc.text) if page.dialect in (MARKDOWN, TERMINAL) else {}
    slugs = frozenset(slug_counts)
    own = frozenset(p for p, c in slug_counts.items() if c >= OWN_SLUG_LINKS)
    lead = _lead_words(items, start)
    keys: dict[str, int] = {}
    for it in items[:start + 1]:
        keys[it.key] = keys.get(it.key, 0) + 1
    out = []
    lines = [0] if page.dialect == NODES and start > 0 and lo > 0 and title_line_shape(items[0]) else []
    below = list(range(start, min(len(items), start + HEADLINE_BELOW)))
    h1 = [k for k, x in enumerate(items) if page.dialect == MARKDOWN and md_level(x) == 1]
    sole = h1[0] if len(h1) == 1 else None
    credits = page.cfg.flagged("credit")
    far = [sole] if sole is not None and not lo <= sole < start + HEADLINE_BELOW else []
    heads = page.dialect == MARKDOWN
    column = article_column(page, start) if page.dialect == TERMINAL else None
    shapes: dict[int, bool] = {}

    def over_meta(k: int) -> bool:  # a headline-shaped line over its date or byline (once a block)
        if k not in shapes:
            shapes[k] = headline_shape(items[k]) and (dated_below(items, k, page.cfg) or byline_below(items, k))
        return shapes[k]

    pairs: dict[int, bool] = {}

    def alike_pair(k: int) -> bool:  # blocks k - 1 and k read as neighbours in a list of headlines (once a pair)
        if k not in pairs:
            pairs[k] = 0 < k < len(items) and alike_headlines(items[k - 1], items[k], page.cfg)
        return pairs[k]

    for i in [*lines, *range(lo, start), *below, *far]:
        it = items[i]
        if it.rule and it.rule not in may or it.words < 2 or it.words > max_words or it.prose and it.words > 20:
            continue
        if i >= start and it.prose and it.vis.rstrip()[-1:] in ".!?" and not (heads and md_level(it)):
            continue  # a sentence of the article, not a headline under its start (a question in a heading may be)
        norm = norm_title(it.vis)
        once = unglued(it.vis)  # a line shown twice glued ('Harbour PostHarbour Post') counts its words once
        size = it.words if once == it.vis else min(it.words, len(once.split()))
        if not norm or it.vis[:1] in "([{!" or it.vis.rstrip()[-1:] in ":,(" or LIST_MARK.match(it.span.text) \
                or BYLINE.match(it.vis) or not_headline(rule, it.vis) or (
                it.words <= 15 and has_date(it.vis, page.cfg) is not None and not _lone_dated_headline(page, i)) \
                or _echoed_caption(items, i, norm, rule) or norm in sites \
                or page.dialect in (TERMINAL, NODES) and form_prompt(items, i) or glued_menu(it.vis) \
                or it.rule in may and never_title(it, page.cfg) \
                or PICTURE_CREDIT.search(it.vis) is not None \
                or not (i == 0 and page.dialect == NODES) and (furniture_line(it.vis) or menu_line(
                    it.span.text.strip().partition("\n")[0])):  # a breadcrumb over its date line in one block
            continue  # a caption credit, a label, a line cut before its bracket (a caption over its credit),
            # a date line (not a headline with its date line), a caption, the site's name, a form or an interface
            # label, a menu, breadcrumb or tag list (a node page's title line sets its site name apart likewise)
        copies = keys.get(it.key, 0)
        shown_twice = copies == 2 and any(items[k].key == it.key for k in range(max(0, i - 3), min(start, i + 4))
                                          if k != i)
        covers = [len(norm) / len(o) for k, o in others if k != i and k < 5 and norm in o] \
            if len(norm) >= 12 and page.dialect == NODES else []
        in_title_line = bool(covers)
        in_longer_line = len(norm) >= 12 and any(k != i and norm in o and len(o) > len(norm)
                                                 and _echoed_in(items[k].vis, norm) for k, o in others)
        heading = _MD_HEADING.match(it.span.text) if page.dialect == MARKDOWN else None
        nxt = items[i + 1] if i + 1 < len(items) else None
        prev = items[i - 1] if i > 0 else None
        words = slug_words(it.vis)
        title_line = i == 0 and page.dialect == NODES
        long_words = [w for w in words if len(w) >= 4]
        below_k = _near(items, range(i + 1, min(len(items), i + 3)))
        teaser = reader_teaser(rule, it.vis)
        above_k = _near(items, range(i - 1, max(-1, i - 3), -1))
        dated, byline = dated_below(items, i, page.cfg), byline_below(items, i)
        # a story card of a list, over its date or byline (not the head right over the start of the article)
        card = (dated or byline) and not _over_start(items, i, start) and _other_cards(items, i, over_meta)
        out.append((i, {
            "mid_length": float(4 <= size <= 25),
            "few_words": float(size <= 3),
            "words": min(size, 15) / 15,
            "repeated": float(copies <= 2 and (shown_twice or in_title_line or in_longer_line)),
            "shown_twice": float(shown_twice),
            "in_title_line": float(in_title_line),
            "in_longer_line": float(in_longer_line),
            "many_copies": float(copies > 2),
            "sentence": float(_full_stop(it.vis) and it.words >= 6),
            "md_h1": float(heading is not None and len(heading.group(1)) == 1),
            "md_h2": float(heading is not None and len(heading.group(1)) > 1),
            "capital": float(it.vis[:1].isupper() or it.vis[:1].isdigit()),
            "headline_case": float(headline_case(it.vis)),
            "date_below": float(dated and not card),
            "linked": float(it.link > 0.5),
            "distance": min(abs(start - i), HEADLINE_WINDOW) / 10,
            "below_start": float(i >= start),
            "model": scores[i],
            "title_line": float(title_line),
            "after_list": float(prev is not None and (prev.kind == "clutter" or LIST_MARK.match(prev.span.text)
                                                      is not None)),
            "slug": _slug_share(words, slugs),
            "lead_words": sum(w in lead for w in long_words) / len(long_words) if long_words else 0.0,
            "stop": sum(w in STOP_WORDS for w in words) / len(words) if words else 0.0,
            "sentence_below": float(below_k is not None and items[below_k].words >= max(12, it.words + 4)
                                    and items[below_k].vis.rstrip()[-1:] in ".!?\"”’"),
            "headline_above": float(above_k is not None and headline_shape(items[above_k])),
            "you": float(YOU.search(it.vis) is not None and not teaser),
            "you_teaser": float(teaser),
            "ends_period": float(_full_stop(it.vis) or it.vis.rstrip()[-1:] == "!"),
            "own_slug": _slug_share(words, own),
            "title_cover": max(covers, default=0.0),
            "sole_h1": float(i == sole),
            "byline_below": float(byline and not card),
            "alike_below": float(alike_pair(i + 1)),
            "alike_above": float(alike_pair(i) and (_run_of_alike(alike_pair, i) or not (dated or byline)
                                                    or it.words < LONE_PAIR_WORDS or _sentence_case(it.vis))),
            "starts_link": float(LINK_START.match(it.span.text) is not None),
            "picture_above": float(prev is not None and (picture_block(prev) or player_block(prev))),
            "credit_below": float(nxt is not None and nxt.rule in credits),
            "card": float(card),
            "indented": float(column is not None and indented(page.doc.text, it, column)),
        }))
    return out


def title_line_shape(it: Item) -> bool:
    """True when a block can be a page's title line: 2 to 40 words, not a sentence, not decided otherwise."""
    return not it.rule and 2 <= it.words <= 40 and not it.vis.rstrip().endswith(".") and len(it.vis) <= 300
