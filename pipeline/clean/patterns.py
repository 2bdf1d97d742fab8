"""The rules of one block: the pattern rules and block signals of ``rules/clutter.toml`` tried on each block
(:func:`pattern_pass`, the first match in file order decides), date lines (:func:`has_date`, :func:`date_line`),
a release-time label cut from its date, and horizontal rules kept as text.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

import regex

from .features import Item
from .dates import MAX_SCAN, DateMatch, find_date
from .dialect import NODES
from ..rules import REGEX_TIMEOUT, Rule
from .pagestate import Page, decide, undecided

if TYPE_CHECKING:
    from .config import BlockTest, CleanConfig


#: The block signal of date lines: a block that is a date and time and little else.
DATE_ONLY = "date_only"
#: Pattern rules only look at blocks up to this many characters.
MAX_PATTERN_CHARS = 3000
_DIGIT = regex.compile(r"\d")
#: A source/editor/byline credit that may share a line with the date.
_CREDIT = regex.compile(r"(?i)\b(?:source|editor|by|author|reporter|from|via)\b\s{0,2}[:：]?\s{0,2}[^|:：\n]{0,60}")
_DATE_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun "
    "at on updated published posted gmt utc bst edt est cst cdt pdt pst cet cest hkt jst ist sgt aest "
    "beijing time local am pm a.m. p.m. and "
    # German, French, Spanish, Italian and Dutch weekdays and release words
    "montag dienstag mittwoch donnerstag freitag samstag sonntag mo di mi do fr sa so uhr um veröffentlicht "
    "aktualisiert stand lundi mardi mercredi jeudi vendredi samedi dimanche le publié mis jour lunes martes "
    "miércoles jueves viernes sábado domingo el publicado actualizado lunedì martedì mercoledì giovedì venerdì "
    "sabato domenica pubblicato maandag dinsdag woensdag donderdag vrijdag zaterdag zondag gepubliceerd".split())


#: How long ago a page was updated, beside its date ('Updated 14 hours ago', '3 mins ago'): part of a date line.
_AGO = regex.compile(r"(?i)\b(?:\d{1,3}|an?)\s(?:sec(?:ond)?s?|min(?:ute)?s?|hours?|hrs?|days?|weeks?)\sago\b")


def has_date(text: str, cfg: CleanConfig) -> DateMatch | None:
    """The first date on ``text`` (only looked for when the text has a digit)."""
    if cfg.dates is None or not _DIGIT.search(text[:MAX_SCAN]):
        return None
    return find_date(text, cfg.dates, cfg.disabled)


def date_line(text: str, cfg: CleanConfig) -> bool:
    """True when a line is a date and time and little else (a credit, weekday and zone words, how long ago)."""
    found = has_date(text, cfg)
    if found is None:
        return False
    rest = _AGO.sub(" ", _CREDIT.sub(" ", text[: found.start] + " " + text[found.end:]))
    left = [w for w in regex.findall(r"[\p{L}.]{2,}", rest) if w.lower().strip(".") not in _DATE_WORDS]
    return len(left) <= 1


def _date_only(item: Item, cfg: CleanConfig) -> bool:
    """True when the block is a date and time and little else (weekday, zone, labels)."""
    return date_line(item.vis, cfg)


#: A block this much inside links is a link and nothing else.
LINK_ONLY_SHARE = 0.95


def _link_only(item: Item, cfg: CleanConfig) -> bool:
    """True when the block's visible text is all link text (only in dialects that show links)."""
    return item.link >= LINK_ONLY_SHARE and item.words > 0


#: Block signals: tests of one block coded here, run in file order with the pattern rules.
BLOCK_SIGNALS: dict[str, Callable[[Item, CleanConfig], bool]] = {DATE_ONLY: _date_only, "link_only": _link_only}


def block_matches(item: Item, test: BlockTest, cfg: CleanConfig, text: str | None = None,
                  words: int | None = None) -> bool:
    """True when a block-level rule applies to the block (its pattern searched in ``text``, default the
    block's visible text, of ``words`` words, default the block's)."""
    if not test.min_words <= (item.words if words is None else words) <= test.max_words:
        return False
    if test.signal:
        return BLOCK_SIGNALS[test.signal](item, cfg)
    text = item.vis if text is None else text
    if len(text) > MAX_PATTERN_CHARS or not test.pattern.search(text, timeout=REGEX_TIMEOUT):
        return False
    return not test.date or has_date(text, cfg) is not None


def never_title(item: Item, cfg: CleanConfig) -> bool:
    """True when a rule flagged ``not_title`` matches the block (an interface label such as a skip link),
    whichever rule decided it first (a link line in a dump that shows links)."""
    flagged = cfg.flagged("not_title")
    return any(t.id in flagged and block_matches(item, t, cfg) for t in cfg.block_tests)


def pattern_pass(page: Page) -> None:
    """Block-level rules (patterns, block signals), the first match in file order decides."""
    items, cfg = page.items, page.cfg
    tests, index = cfg.block_tests, cfg.block_index
    seen: dict[str, tuple[BlockTest | None, int]] = {}  # short lines repeat (menus, labels): decide each text once
    nodes = page.dialect == NODES
    page.possible = []
    for it in items:
        text = it.vis
        if text in seen:
            hit, possible = seen[text]
        else:
            # a node dump's block of several lines is one sentence cut at its inline elements: read it whole
            flat = " ".join(text.split()) if nodes and "\n" in text else text
            possible = index.possible(flat)  # a rule whose needed words are missing cannot match
            hit = next((r for k, r in enumerate(tests) if possible >> k & 1
                        and r.min_words <= it.words <= r.max_words and block_matches(it, r, cfg, flat)), None)
            if len(text) <= 200:
                seen[text] = hit, possible
        page.possible.append(possible)
        if hit is None:
            continue
        it.frame = hit.frame
        if hit.kind == "meta":
            decide(it, "meta", hit.id)
            it.dateline = hit.signal == DATE_ONLY
        elif hit.kind == "tail":  # decided by :func:`~pipeline.clean.bios.tail_step`
            it.role, it.rule = "tail", hit.id
        else:
            it.role = hit.kind if hit.kind in ("comment", "attribution") else ""
            it.whole, it.single = hit.whole, hit.single
            decide(it, "clutter", hit.id, teaser=hit.kind == "teaser")
            it.section, it.marker = hit.kind == "section", hit.kind == "marker"


#: A date label line has at most this many words ("Posted on", "Last updated at").
DATE_LABEL_WORDS = 4


def labelled_date_step(page: Page) -> None:
    """A short undecided line right over a date line, read with it as one line, that a ``release_time`` rule
    matches ("Posted on" / "May 1, 2015"; a label cut from its date at the date's link) is the page's release
    time line: both lines are metadata of that rule. Runs right after :func:`pattern_pass`."""
    items, cfg = page.items, page.cfg
    tests = cfg.release_tests
    for it, nxt in zip(items, items[1:]):
        if not (nxt.dateline and undecided(it) and nxt.span.gap == 0 and it.words <= DATE_LABEL_WORDS):
            continue
        line = f"{' '.join(it.vis.split())} {' '.join(nxt.vis.split())}"
        hit = next((t for t in tests if block_matches(it, t, cfg, line, it.words + nxt.words)), None)
        if hit is not None:
            decide(it, "meta", hit.id)
            decide(nxt, "meta", hit.id)
            nxt.dateline = False


#: A clock time in a date line: a live page stamps its entries with times, cards of other stories carry days.
CLOCK = regex.compile(r"(?i)\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s?[ap]\.?m\b")


#: A horizontal rule kept as text: box-drawing characters a screen dump draws, or a markdown or plain-text rule.
_RULE_LINE = regex.compile(r"^[ \t]{0,12}(?:[\u2500-\u257F]{3,}|(?:[*\-_~=][ \t]{0,3}){3,})[ \t]{0,12}$")


def rule_line_pass(page: Page, rule: Rule) -> None:
    """Horizontal rules kept as article text ('━━━━', '* * *'): they go once every other pass has read the page
    with them where they stand."""
    for it in page.items:
        if it.kind in ("paragraph", "heading") and len(it.vis) <= MAX_PATTERN_CHARS and _RULE_LINE.match(it.vis):
            decide(it, "clutter", rule.id)
