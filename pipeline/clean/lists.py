"""Lists and link runs: lists under a label ('Top stories') up to the next prose, runs of short lines outside
the article (menus, headline lists), lists the article introduces with a colon, numbered runs of a notice, bullet
runs of cut-off teasers, and the lists of the article that the block model keeps (:func:`plain_list_zones`).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from .features import Item, last_mark
from ..rules import REGEX_TIMEOUT, Rule
from .pagestate import BLOCK_MODEL, Page, decide, undecided
from .patterns import DATE_ONLY, date_line

if TYPE_CHECKING:
    from .config import CleanConfig


#: A list item of a dump: a bullet or a number mark ('* ', '• ', '1. ', '2) ') at the start of the block.
ITEM_MARK = regex.compile(r"[ \t]{0,12}(?:[*+•□◦▪]|-(?=\s)|\d{1,2}[.)](?=\s))\s")
#: A link anywhere in a block of a dump: a markdown link target or a screen dump's link number.
_ANY_LINK = regex.compile(r"\]\(|\[\d{1,5}\]")
#: A list of the article is at least this many items, each of at most this many words; two lists with a
#: short heading of at most this many words between them ('Method') are one.
PLAIN_LIST_ITEMS = 2
PLAIN_ITEM_WORDS = 40
LIST_HEADING_WORDS = 6


def linkless(it: Item) -> bool:
    """True when a block holds no link: none measured in its text and no link mark of the dump
    (:data:`_ANY_LINK`)."""
    return it.link == 0 and _ANY_LINK.search(it.span.text) is None


def _plain_item(it: Item) -> bool:
    """True when an undecided block is a list item without a link (:data:`ITEM_MARK`, :func:`linkless`)."""
    return undecided(it) and 1 <= it.words <= PLAIN_ITEM_WORDS and linkless(it) \
        and ITEM_MARK.match(it.span.text) is not None


def plain_list_zones(items: list[Item]) -> list[tuple[int, int]]:
    """(first, end) of each zone of lists of the article (ingredients, steps, key points; not a menu of
    links): runs of :data:`PLAIN_LIST_ITEMS` or more list items without links (:func:`_plain_item`) one
    after another, two runs with one short heading between them (:data:`LIST_HEADING_WORDS` words or fewer,
    no link) making one zone. Linear in the page's blocks."""
    runs, first = [], None
    for k, it in enumerate([*items, None]):
        ok = it is not None and _plain_item(it)
        if ok and first is None:
            first = k
        elif not ok and first is not None:
            if k - first >= PLAIN_LIST_ITEMS:
                runs.append((first, k))
            first = None
    zones: list[tuple[int, int]] = []
    for first, end in runs:
        if zones and first == zones[-1][1] + 1 and undecided(gap := items[first - 1]) and gap.short \
                and gap.words <= LIST_HEADING_WORDS and _ANY_LINK.search(gap.span.text) is None:
            zones[-1] = (zones[-1][0], end)
        else:
            zones.append((first, end))
    return zones


#: A line that is only a list's number ('1', '2.', '(3)', '#4'): a numbered list written one item a line puts
#: each number on a line of its own over the item it numbers ('Most read' / '1' / 'Markets rally ...').
_INDEX_LINE = regex.compile(r"[ \t]{0,12}[#(]?\d{1,2}[.)]?[ \t]*")


def _index_line(it: Item) -> bool:
    """True when the block is a list's number alone on its line (:data:`_INDEX_LINE`), which its digits make a
    figure line, read as prose: inside a list it is an item's number, not the article's text."""
    return it.words == 1 and _INDEX_LINE.fullmatch(it.vis) is not None


#: A list's number opening a line, glued to the item or set apart ('1Markets ...', '2. Pension ...', '3 Rail ...').
_ITEM_NUMBER = regex.compile(r"[\s*#>(\[-]{0,8}\d{1,2}(?!\d)(?:[.)]|(?=\s)|(?=\p{Lu}))")


def _numbered_items(items: list[Item], zone: list[int]) -> set[int]:
    """The blocks of a list zone that are numbered items: a number opens their line, or stands alone on the
    line over them (:func:`_index_line`)."""
    return {k for k in zone if _ITEM_NUMBER.match(items[k].vis) or k - 1 in zone and _index_line(items[k - 1])}


def _listed_lines(it: Item) -> bool:
    """True when every line of a block of two or more lines opens with a list mark ("- ", "• ", "1. "): a list
    written without blank lines, which reads as prose by its length."""
    lines = [line for line in it.span.text.split("\n") if line.strip()]
    return len(lines) >= 2 and all(ITEM_MARK.match(line) for line in lines)


#: The one line under a label of one story ("Related Story") is that story's headline when it has at least this
#: many words (a shorter line there is the article's own subheading).
SINGLE_STORY_WORDS = 5


def section_pass(page: Page, rule: Rule) -> None:
    """Lists under a label ("Top stories") up to the next prose (a block whose every line is a list item, or a
    list's number alone on its line (:func:`_index_line`), is still the list); the title-like line just above that
    prose stays, unless the label's rule takes the whole list (``whole``) and the list has two lines or more, the
    label names one story (``single``: its one line goes when it is a headline of :data:`SINGLE_STORY_WORDS` words
    or more), or that line is the last of two or more numbered items (:func:`_numbered_items`: 'Most read' / '1' /
    headline / '2' / headline), whichever rule dropped the others."""
    items, rid = page.items, rule.id
    dateline = page.cfg.signal_rule(DATE_ONLY).id
    i, n = 0, len(items)
    while i < n:
        if not items[i].section:
            i += 1
            continue
        j, zone = i + 1, []
        while j < n and not (undecided(items[j]) and items[j].prose and not _listed_lines(items[j])
                             and not _question_item(items[j]) and not _index_line(items[j])) and not items[j].section:
            if undecided(items[j]) or items[j].dateline:
                decide(items[j], "clutter", rid)
                zone.append(j)
            j += 1
        if j < n and items[j].prose and zone:
            k = j - 1
            while k > i and (items[k].kind == "meta" or items[k].dateline):
                k -= 1
            numbered = _numbered_items(items, zone)
            if k in zone and items[k].short and not items[k].dateline and not (items[i].whole and j - i > 2) \
                    and not (items[i].single and len(zone) == 1 and items[k].words >= SINGLE_STORY_WORDS) \
                    and not (k in numbered and len(numbered) >= 2):
                decide(items[k], "", "")
                for x in items[k + 1:j]:
                    if x.dateline:
                        decide(x, "meta", dateline)
        i = j


#: A question of at most this many words on the line under a list's previous line is one of its headlines.
QUESTION_HEADLINE_WORDS = 14


def _question_item(it: Item) -> bool:
    """True for a headline asked as a question in a list's own line group (no blank line above it): "Why are
    bus fares going up in the north?" under "Related stories" is an item of the list, not the article's prose."""
    return it.span.gap == 0 and it.words <= QUESTION_HEADLINE_WORDS and last_mark(it.vis) in "?？"


def _prose_next(items: list[Item], order: range) -> bool:
    """True when the first block in ``order`` that is not metadata or plain clutter is prose."""
    k = next((k for k in order if not (items[k].kind == "meta" or items[k].kind == "clutter" and not items[k].teaser)),
             None)
    return k is not None and undecided(items[k]) and items[k].prose


def link_run_pass(page: Page, rule: Rule) -> None:
    """Runs of short lines (menus, headline lists) outside the article body."""
    items, rid = page.items, rule.id
    min_run, max_words = int(rule.get("min_run", 3)), int(rule.get("max_words", 16))
    n, i = len(items), 0
    while i < n:
        j, end, run = i, i, []
        while j < n and (items[j].dateline and run or undecided(items[j]) and items[j].short
                         and not items[j].tags and items[j].words <= max_words):
            if not items[j].dateline:
                run.append(items[j])
                end = j + 1
            j += 1
        j = end
        if len(run) >= min_run:
            run = [x for x in items[i:j] if x.dateline] + run
            prose_after = _prose_next(items, range(j, n))
            prose_before = _prose_next(items, range(i - 1, -1, -1))
            if not (prose_before and prose_after):
                keep = run[-1] if prose_after else None
                for x in run:
                    if x is not keep:
                        decide(x, "clutter", rid)
        i = max(j, i + 1)


#: A line of a list without numbers has at least this many words (a tag or a share button has fewer).
LIST_ITEM_WORDS = 3
#: ... less than this share of its characters in links, and no address (a list of links or images is not
#: the article's list).
LIST_ITEM_LINK = 0.5
_NUMBERED = regex.compile(r"[\s*+#>\-]{0,8}(?:\*\*)?(\d{1,3})[.)](?=\s)")
_INTRO_END = frozenset(":：")


def _number(it: Item) -> int | None:
    """The number a numbered list item starts with ('3) ...', '3. ...'), or None."""
    m = _NUMBERED.match(it.span.text[:40])
    return int(m.group(1)) if m else None


def _list_end(items: list[Item], first: int, end: int, min_words: int) -> int:
    """End (exclusive) of the list that starts at ``first`` among candidate items up to ``end``: a numbered
    list runs while its numbers count up (at most two other lines after each number, as many after the
    last one as after the one before it); another list while its lines have at least ``min_words`` words
    and are not links (:data:`LIST_ITEM_LINK`)."""
    start = _number(items[first]) if first < end else None
    if start is None:
        k = first
        while (k < end and items[k].words >= min_words and items[k].link < LIST_ITEM_LINK
               and "://" not in items[k].vis):
            k += 1
        return k
    want, k, last, gap = start + 1, first + 1, first + 1, 0
    while k < end:
        n = _number(items[k])
        if n == want:
            gap, want, last = k - last, want + 1, k + 1
        elif n is not None or k - last >= 2:
            break
        k += 1
    return min(end, last + gap) if want > start + 1 else first


#: A line opening with a list label of this many words or fewer ('Related coverage from ...:') labels a list.
LABEL_PREFIX_WORDS = 3


def _label_prefix(text: str, cfg: CleanConfig) -> bool:
    """True when the first words of ``text`` are a list label of the section rules ('Related coverage ...')."""
    words = text.split()[:LABEL_PREFIX_WORDS]
    labels = [t.pattern for t in cfg.block_tests if t.kind == "section" and t.pattern is not None]
    return any(p.search(" ".join(words[:k]), timeout=REGEX_TIMEOUT) for k in range(1, len(words) + 1) for p in labels)


#: The last sentence of a paragraph: what follows its last sentence end.
_LAST_SENTENCE = regex.compile(r"(?<=[.!?…])\s+(?=\S)")


def _announces(rule: Rule, text: str) -> bool:
    """True when the last sentence of ``text`` points at a list or table under it (the rule's ``announce``
    pattern: 'See below for the full list of winners.', 'The following table lists all contributions.')."""
    pattern = rule.compiled.get("announce")
    last = " ".join(_LAST_SENTENCE.split(text.strip())[-1][:400].split())  # a wrapped sentence on one line
    return pattern is not None and pattern.search(last, timeout=REGEX_TIMEOUT) is not None


def _list_line(it: Item, above: set[str], rules: set[str], cfg: CleanConfig) -> bool:
    """True when ``it`` may be a line of a list a paragraph announced: undecided, dropped by one of ``rules`` or a
    date line (a table's cell), and no copy of a line of ``above`` (the site's menu given again)."""
    fresh = not it.key or it.key not in above
    return fresh and (not it.rule or it.rule in rules or it.kind == "meta" and date_line(it.vis, cfg))


def introduced_list_pass(page: Page, rule: Rule) -> None:
    """A list the article introduces: after a kept article paragraph, a line ending in a colon of at least
    ``min_words`` words ('The tour dates:', 'Here are the offers:'; not one opening with a list label such as
    'Related coverage', see :func:`_label_prefix`), then ``min_run`` or more lines that list
    shapes or the block model dropped, or the teaser shapes when they end in a number (a calendar's lines,
    cut off by their shape; teasers of other pages end in words or an ellipsis); at most ``max_words`` words
    each: the lines are article text, as far as they look alike (see :func:`_list_end`). Lists followed by
    more article prose are kept already (the link-run pass leaves lines between prose alone).

    A paragraph whose last sentence announces a list or table under it (:func:`_announces`) introduces one too,
    of lines of any length up to ``max_words`` words: those the list or teaser shapes, the block model or the
    repeat rules dropped (a name given in two of its parts), a heading or a date line (a table's cells), up to
    the first line another rule dropped or that repeats a line from above the paragraph (the site's menu given
    again)."""
    if page.title is None:
        return
    items, cfg = page.items, page.cfg
    min_run, max_words = int(rule.get("min_run", 3)), int(rule.get("max_words", 60))
    min_words = int(rule.get("min_words", 4))
    soft = {cfg.signal_rule(s).id for s in ("link_run", BLOCK_MODEL)}
    teaser = {cfg.signal_rule(s).id for s in ("truncated", "teaser_title")}
    loose = soft | teaser | {cfg.signal_rule(s).id for s in ("repeat", "adjacent_repeat")}

    def listed(x: Item) -> bool:  # dropped by a list shape or the model, or by a teaser shape and ends in a number
        return x.rule in soft or x.rule in teaser and x.vis.rstrip()[-1:].isdigit()

    n, i = len(items), page.title + 1
    prose_seen = False
    above = {x.key for x in items[:i]}  # the lines above the paragraph (a menu given again ends its list)
    while i < n:
        it = items[i]
        told = it.vis.rstrip()[-1:] in _INTRO_END
        announced = not told and prose_seen and undecided(it) and it.prose and _announces(rule, it.vis)
        intro = (prose_seen and it.words >= min_words and (told or announced)
                 and (undecided(it) or it.rule in soft))
        if undecided(it) and it.prose:
            prose_seen = True
        above.add(it.key)
        if not intro:
            i += 1
            continue
        end = i + 1
        if announced:
            while end < n and items[end].words <= max_words and _list_line(items[end], above, loose, cfg):
                end += 1
        else:
            while end < n and items[end].words <= max_words and listed(items[end]):
                end += 1
        stop = _list_end(items, i + 1, end, 1 if announced else LIST_ITEM_WORDS)
        if stop - (i + 1) < min_run or _label_prefix(it.vis, cfg):
            i += 1
            continue
        if not announced:
            decide(it, "", "")  # the introducing line: decided again by the passes after this one
        for x in items[i + 1:stop]:
            if x.words and x.kind != "title":  # markup only (an image between items) stays out
                decide(x, "paragraph", rule.id)
        i = stop


def numbered_run_step(page: Page) -> None:
    """A numbered item right under the item before it in number, which a block rule dropped as clutter (a
    page's house rules "1. Be civil." / "2. Comments are moderated before they appear." / "3. Do not post
    links."), goes with it under that rule: the rest of the run is the same notice."""
    items = page.items
    for prev, it in zip(items, items[1:]):
        if undecided(it) and prev.kind == "clutter" and not (prev.teaser or prev.section or prev.marker or prev.role):
            n = _number(it)
            if n is not None and n > 1 and _number(prev) == n - 1:
                decide(it, "clutter", prev.rule)


#: A block ending in an ellipsis (a blurb cut off: "... may soon...", "... said …").
_ELLIPSIS_END = regex.compile(r"(?:\.{3}|…)[\s.]{0,3}$")
#: A block opening with a bullet mark, as the dump wrote it (a list item of a screen or markdown dump).
_BULLET_MARK = regex.compile(r"[\s>]{0,8}[-•*–·▪►◦]\s")


def ellipsis_list_pass(page: Page, rule: Rule) -> None:
    """A run of bullet items cut off with an ellipsis (a ticker of other stories: "• Port strike ends after talks,
    union says the deal may..."), an item's ellipsis maybe on a line the dump split off under its bullet, is
    teasers: at least the rule's ``min_run`` items cut off, and at most one in three items of the run not.
    Decided before any pass that keeps a blurb inside prose, since the run reads as prose."""
    items, min_items = page.items, int(rule.get("min_run", 3))
    i = 0
    while i < len(items):
        j, cut, whole, open_item = i, 0, 0, False
        while j < len(items):
            bullet = bool(_BULLET_MARK.match(items[j].span.text))
            ends = bool(_ELLIPSIS_END.search(items[j].vis[-12:]))
            if not (bullet or ends and open_item):
                break
            if bullet:
                whole += open_item
                open_item = True
            if ends:
                cut, open_item = cut + 1, False
            j += 1
        whole += open_item
        if cut >= min_items and 3 * whole <= cut:
            for it in items[i:j]:
                if undecided(it) or it.teaser:
                    decide(it, "clutter", rule.id, teaser=True)
        i = max(j, i + 1)
