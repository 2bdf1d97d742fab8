"""Readers' comments: threads after the article (commenter lines, a comments label, action lines), threads
printed above it, blog threads of name line, dated line and text, and commenter headers a dump split over blocks.
"""
from __future__ import annotations

from .features import Item
from ..rules import Rule
from .pagestate import Page, decide, first_prose, undecided
from .patterns import CLOCK, block_matches


#: A commenter header a dump split at its inline links ('On May 2, 2015, at 9:12 PM,' / 'harbourfan' / 'wrote:')
#: spans at most this many blocks of at most :data:`SPLIT_HEADER_WORDS` words each.
SPLIT_HEADER_BLOCKS, SPLIT_HEADER_WORDS = 4, 8


def split_header_step(page: Page) -> None:
    """Commenter headers that a dump wrote over several short blocks, split where a name or a date was a link:
    2 to :data:`SPLIT_HEADER_BLOCKS` short blocks in a row (undecided, or decided as a date line or clutter
    by a block rule) whose text read as one line matches a commenter rule (a ``kind = "comment"`` rule) are one
    commenter header: dropped with that rule, the first block starting a comment like a one-line header. A
    short line over a relative time line (a ``comment_time`` rule's) is left to :func:`comment_pass`, which
    reads it as a name only over prose (a story card's section over its age is none). A rule is tried only on
    blocks that hold, between them, a word it needs (:attr:`Page.possible`; a needed word, with no space in it,
    is never made by the join of two blocks); a rule that needs a mere character (a name and a relative time on
    one line) or words with spaces is not tried."""
    items, cfg = page.items, page.cfg
    tests = cfg.split_header_tests
    if not tests or len(page.possible) != len(items):
        return
    bits, times = sum(b for b, _ in tests), cfg.flagged("comment_time")
    short = [0 < it.words <= SPLIT_HEADER_WORDS and not it.role and not it.teaser and it.kind in ("", "meta", "clutter")
             for it in items]
    i, n = 0, len(items)
    while i < n:
        if not short[i]:
            i += 1
            continue
        words, possible = items[i].words, page.possible[i] & bits
        for j in range(i + 1, min(n, i + SPLIT_HEADER_BLOCKS)):
            if not short[j] or j == i + 1 and items[j].rule in times:
                break
            words, possible = words + items[j].words, possible | page.possible[j] & bits
            if not possible:
                continue
            joined = " ".join(" ".join(x.vis.split()) for x in items[i:j + 1])
            hit = next((t for b, t in tests if possible & b and block_matches(items[i], t, cfg, joined, words)), None)
            if hit is not None:
                for x in items[i:j + 1]:
                    decide(x, "clutter", hit.id)
                items[i].role = "comment"
                i = j
                break
        i += 1


#: A block of a comment thread or of a box is at most this long.
MAX_BOXED_WORDS = 250


#: A commenter line that starts with a section name of the menus ("Politics 22 hours ago") is a story card's
#: section and age when it has at most this many words.
CARD_LINE_WORDS = 8


def _menu_name_first(it: Item, menu: set[str]) -> bool:
    """True when a one-line commenter block starts with a name of the page's menus (a story card's section)."""
    text = it.vis.lower()
    return it.words <= CARD_LINE_WORDS and any(text.startswith(m + " ") for m in menu if m)


#: A commenter's name line has at most this many words and characters.
COMMENTER_WORDS, COMMENTER_CHARS = 4, 40


def _name_line(it: Item) -> bool:
    """True when block ``it`` may be a commenter's name line: at most :data:`COMMENTER_WORDS` words and
    :data:`COMMENTER_CHARS` characters, undecided or dropped (as a link, say) but not as a teaser."""
    return ((undecided(it) or it.kind == "clutter" and not it.teaser)
            and it.words <= COMMENTER_WORDS and len(it.vis) <= COMMENTER_CHARS)


def _menu_names(items: list[Item], first: int) -> set[str]:
    """Lower-cased short lines over the page's first prose (block ``first``): names of its menus (a story
    card's section), never a commenter's name."""
    return {it.vis.lower() for it in items[:first] if len(it.vis) <= COMMENTER_CHARS}


def comment_pass(page: Page, rule: Rule) -> None:
    """Readers' comments after the article: from the first commenter line (name and time) to the end of the page.

    A thread starts at a commenter line ('jsmith42 · 2 hours ago', or a short name line over a relative time
    line; the name line undecided or dropped, as a link, say, and not a section name of the menus above the
    article: a story card's section and age) that follows prose, when a comments label is just above it, more
    commenter/action lines follow or a comments label (a comment form's 'Leave a Reply') closes its comment.
    It runs to the end of the page (to the headline, when it starts above it), or to a block too long to be a
    comment.
    """
    items, cfg, rid = page.items, page.cfg, rule.id
    times, labels, actions = cfg.flagged("comment_time"), cfg.flagged("comment_label"), cfg.flagged("comment_action")
    seen_prose, n, start = False, len(items), None
    above = cfg.signal_rule("comment_above").id
    menu = _menu_names(items, first_prose(items))
    for i, it in enumerate(items):
        if undecided(it) and it.prose and not it.role:
            seen_prose = True
        if not seen_prose:
            continue
        if it.kind == "meta" and it.rule in times and 0 < i < n - 1:
            name, nxt = items[i - 1], items[i + 1]
            if _name_line(name) and undecided(nxt) and nxt.prose and name.vis.lower() not in menu:
                decide(name, "clutter", rid)
                name.role = it.role = "comment"
        if it.role == "comment" and start is None and not _menu_name_first(it, menu) and it.rule != above:
            start = i  # not a comment above the article (:func:`comment_above_pass`)
    if start is None:
        return
    k = start - 1
    while k >= 0 and items[k].kind == "clutter" and not items[k].teaser:
        k -= 1
    labelled = any(x.rule in labels or "comment" in x.key for x in items[k + 1:start])
    later = sum(x.role == "comment" or x.frame and x.rule in actions for x in items[start + 1:])
    later = later or any(x.rule in labels for x in items[start + 1:start + 2 + COMMENT_BLOCKS])  # a form under it
    if not (labelled or later):
        return
    stop = page.title if page.title is not None and page.title > start else n  # a thread above the headline
    for it in items[start:stop]:
        if undecided(it) and it.words > MAX_BOXED_WORDS:
            break
        if undecided(it) or it.kind == "meta":
            decide(it, "clutter", rid)


#: A comment's text under its commenter header is at most this many blocks; the last comment of a thread
#: above the article, one block of at most this many words.
COMMENT_BLOCKS, LAST_COMMENT_WORDS = 3, 60
#: Prose of at least this many words (or a sentence) outside a comment is the article (the search for comments
#: above it stops).
ARTICLE_PROSE_WORDS = 15


def _commenter(items: list[Item], k: int, times: frozenset[str]) -> int:
    """Index of the last line of the commenter header at ``k`` ('jsmith42 · 2 hours ago'; a short name line
    over a relative time line: the time line's), or -1 when block ``k`` starts none."""
    it = items[k]
    if it.role == "comment":
        return k
    nxt = items[k + 1] if k + 1 < len(items) else None
    if nxt is not None and nxt.kind == "meta" and nxt.rule in times and _name_line(it):
        return k + 1
    return -1


def comment_above_pass(page: Page, rule: Rule) -> None:
    """Readers' comments printed above the article, decided before the headline is looked for (the first prose
    of such a page is a comment's, not the article's lead). From the top of the page to the first prose outside
    a comment (a sentence, or :data:`ARTICLE_PROSE_WORDS` words or more), every comment: a commenter header
    (:func:`_commenter`) and its text (up to :data:`COMMENT_BLOCKS` blocks of at most :data:`MAX_BOXED_WORDS`
    words) up to a comment action line ('Reply', '12 likes') or the next commenter header; the last one under
    such a comment, with text that runs on into the article, with its first block when that has at most
    :data:`LAST_COMMENT_WORDS` words. They go when the thread shows itself as one: a comments label over it, an
    action line under a comment, or two comments or more."""
    items, cfg, rid = page.items, page.cfg, rule.id
    times, labels, actions = cfg.flagged("comment_time"), cfg.flagged("comment_label"), cfg.flagged("comment_action")
    n, k = len(items), 0
    labelled = False
    comments: list[tuple[int, int, int, str]] = []  # header, its last line, end of its text, what follows
    while k < n:
        it = items[k]
        last = _commenter(items, k, times)
        if last < 0:
            if undecided(it) and it.prose and (it.words >= ARTICLE_PROSE_WORDS or it.vis.rstrip()[-1:] in ".!?"):
                break  # the article
            labelled = labelled or it.rule in labels or it.kind == "clutter" and "comment" in it.key
            k += 1
            continue
        end = last + 1
        while end < n and end - last <= COMMENT_BLOCKS and undecided(items[end]) \
                and items[end].words <= MAX_BOXED_WORDS and _commenter(items, end, times) < 0:
            end += 1
        follows = "" if end >= n or end == last + 1 else "action" if items[end].rule in actions \
            else "header" if _commenter(items, end, times) >= 0 else ""
        comments.append((k, last, end, follows))
        k = end if follows else last + 2
    if not (labelled or len(comments) >= 2 or any(f == "action" for *_, f in comments)):
        return
    for i, (head, last, end, follows) in enumerate(comments):
        if not follows:
            if i == 0 or i < len(comments) - 1 or not comments[i - 1][3] or last + 1 >= n \
                    or not undecided(items[last + 1]) or items[last + 1].words > LAST_COMMENT_WORDS:
                continue  # the last comment of a thread, under a comment closed above it
            end = last + 2
        for x in items[head:end]:
            if undecided(x) or x.kind == "meta":
                decide(x, "clutter", rid)
            x.role = "comment"


#: Blocks that may stand between a comments label and the first comment's name line (dropped labels, counts).
THREAD_LABEL_REACH = 3
#: Without a label, the next comment's name line stands at most this many blocks under a comment's.
THREAD_REACH = 8


def _dated_header(items: list[Item], i: int, menu: set[str]) -> bool:
    """True when block ``i`` is a commenter's name line over the comment's date line: a short line (undecided, or
    dropped and not a teaser; not a name of the menus over the article) over a date line that gives a clock time
    ("Jane Roe" / "August 8, 2018 at 3:17 pm"), over the comment's undecided text."""
    if i + 2 >= len(items):
        return False
    name, stamp, text = items[i], items[i + 1], items[i + 2]
    return (_name_line(name) and not name.role and name.words > 0 and name.vis.lower() not in menu
            and stamp.dateline and bool(CLOCK.search(stamp.vis))
            and undecided(text) and text.words > 0)


def dated_thread_pass(page: Page, rule: Rule) -> None:
    """Readers' comments a blog prints as name line, date line with a clock time and text ("Gaye" / "August 8, 2018
    at 3:17 pm" / "Thanks for this ..."), under a comments label ("10 thoughts on “...”", "2 comments": a rule
    flagged ``comment_label``, at most :data:`THREAD_LABEL_REACH` blocks over the first name line) or with a
    comment action line ("Reply": a rule flagged ``comment_action``) between two such comments, after the
    article's prose: from that name line to the end of the page (or the headline, a block of more than
    ``max_words`` words, or the first block more than :data:`THREAD_REACH` blocks under the last name line: an
    article a page prints under its comments), undecided blocks and date lines go."""
    items, cfg, rid = page.items, page.cfg, rule.id
    labels = cfg.flagged("comment_label")
    limit = int(rule.get("max_words", MAX_BOXED_WORDS))
    prose = first_prose(items)
    menu = _menu_names(items, prose)
    actions = cfg.flagged("comment_action")
    headers = [i for i in range(prose + 1, len(items)) if _dated_header(items, i, menu)]

    def shown(k: int, i: int) -> bool:
        """Header ``i`` (the ``k``-th) starts a thread: a comments label over it, or a comment action line
        between it and the next header of at most :data:`THREAD_REACH` blocks below."""
        if any(x.rule in labels for x in items[max(0, i - THREAD_LABEL_REACH):i]):
            return True
        nxt = headers[k + 1] if k + 1 < len(headers) else None
        return nxt is not None and nxt - i <= THREAD_REACH and any(x.rule in actions for x in items[i + 2:nxt])

    start = next((i for k, i in enumerate(headers) if shown(k, i)), None)
    if start is None:
        return
    stop = page.title if page.title is not None and page.title > start else len(items)
    heads, last = set(headers), start
    for j in range(start, stop):
        it = items[j]
        last = j if j in heads else last
        if (undecided(it) or it.kind == "meta") and j - last > THREAD_REACH:
            break  # past the last comment's reach: what follows is no comment (an article printed under them)
        if undecided(it) and it.words > limit:
            break
        if undecided(it) or it.kind == "meta":
            decide(it, "clutter", rid)
