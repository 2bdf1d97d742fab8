"""Classification passes over the blocks of a page: each decides some blocks' kind and names its rule.

The passes run in the order of :func:`classify`; a block decided by one pass is left alone by the later
ones. Pattern rules come first, then repetition, list shape, title, position and teaser signals.
"""
from __future__ import annotations

import regex

from .features import Item
from .config import BlockTest, CleanConfig
from .dates import MAX_SCAN, DateMatch, find_date
from ..rules import REGEX_TIMEOUT
from ..types import RawDoc

#: Labelled time lines (published, updated, modified).
RELEASE_TIME_RULES = frozenset({"meta.release_time.v1", "meta.modified_time.v1"})
#: Pattern rules only look at blocks up to this many characters.
MAX_PATTERN_CHARS = 3000
_DIGIT = regex.compile(r"\d")
#: A source/editor/byline credit that may share a line with the date.
_CREDIT = regex.compile(r"(?i)\b(?:source|editor|by|author|reporter|from|via)\b\s{0,2}[:：]?\s{0,2}[^|:：\n]{0,60}")
_DATE_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun "
    "at on updated published posted gmt utc bst edt est cst cdt pdt pst cet cest hkt jst ist sgt aest "
    "beijing time local am pm a.m. p.m. and".split())


def has_date(text: str, cfg: CleanConfig) -> DateMatch | None:
    """The first date on ``text`` (only looked for when the text has a digit)."""
    if cfg.dates is None or not _DIGIT.search(text[:MAX_SCAN]):
        return None
    return find_date(text, cfg.dates, cfg.disabled)


def _date_only(item: Item, cfg: CleanConfig) -> bool:
    """True when the block is a date and time and little else (weekday, zone, labels)."""
    found = has_date(item.span.text, cfg)
    if found is None:
        return False
    rest = _CREDIT.sub(" ", item.span.text[: found.start] + " " + item.span.text[found.end:])
    left = [w for w in regex.findall(r"[\p{L}.]{2,}", rest) if w.lower().strip(".") not in _DATE_WORDS]
    return len(left) <= 1


def _matches(item: Item, test: BlockTest, cfg: CleanConfig) -> bool:
    """True when a block-level rule applies to the block."""
    if not test.min_words <= item.words <= test.max_words:
        return False
    if test.date_only:
        return _date_only(item, cfg)
    if len(item.span.text) > MAX_PATTERN_CHARS or not test.pattern.search(item.span.text, timeout=REGEX_TIMEOUT):
        return False
    return not test.date or has_date(item.span.text, cfg) is not None


def _set(item: Item, kind: str, rule: str, teaser: bool = False) -> None:
    item.kind, item.rule, item.teaser = kind, rule, teaser


def _free(item: Item) -> bool:
    return not item.kind


def _pattern_pass(items: list[Item], cfg: CleanConfig) -> None:
    """Block-level rules (patterns, date-only lines), the first match in file order decides."""
    tests = cfg.block_tests
    seen: dict[str, BlockTest | None] = {}  # short lines repeat (menus, labels): decide each text once
    for it in items:
        text = it.span.text
        if text in seen:
            hit = seen[text]
        else:
            hit = next((r for r in tests if r.min_words <= it.words <= r.max_words and _matches(it, r, cfg)), None)
            if len(text) <= 200:
                seen[text] = hit
        if hit is None:
            continue
        it.frame = hit.frame
        if hit.kind == "meta":
            _set(it, "meta", hit.id)
            it.dateline = hit.date_only
        elif hit.kind == "tail":  # decided by :func:`_tail_pass`
            it.role, it.rule = "tail", hit.id
        else:
            it.role = hit.kind if hit.kind in ("comment", "attribution") else ""
            it.whole = hit.whole
            _set(it, "clutter", hit.id, teaser=hit.kind == "teaser")
            it.section, it.marker = hit.kind == "section", hit.kind == "marker"


def _repeat_pass(items: list[Item], cfg: CleanConfig) -> None:
    """Adjacent duplicate lines (teaser titles) and later copies of short lines."""
    adjacent, later = "teaser.repeated_title.v1", "clutter.repeated_block.v1"
    if cfg.on(adjacent):
        for a, b in zip(items, items[1:]):
            if a.key == b.key and a.key and (_free(a) or a.rule == adjacent) and _free(b):
                _set(a, "clutter", adjacent, teaser=True)
                _set(b, "clutter", adjacent, teaser=True)
    if cfg.on(later):
        seen: set[str] = set()
        for it in items:
            if it.key in seen and _free(it) and not it.prose:
                _set(it, "clutter", later)
            seen.add(it.key)


def _first_prose(items: list[Item]) -> int:
    """Index of the first undecided prose block (len(items) when none)."""
    return next((i for i, it in enumerate(items) if _free(it) and it.prose), len(items))


def _section_pass(items: list[Item], cfg: CleanConfig) -> None:
    """Lists under a label ("Top stories") up to the next prose; the title-like line just above that prose stays."""
    rid = "section.list_zone.v1"
    if not cfg.on(rid):
        return
    i, n = 0, len(items)
    while i < n:
        if not items[i].section:
            i += 1
            continue
        j, zone = i + 1, []
        while j < n and not (_free(items[j]) and items[j].prose) and not items[j].section:
            if _free(items[j]) or items[j].dateline:
                _set(items[j], "clutter", rid)
                zone.append(j)
            j += 1
        if j < n and items[j].prose and zone:
            k = j - 1
            while k > i and (items[k].kind == "meta" or items[k].dateline):
                k -= 1
            if k in zone and items[k].short and not items[k].dateline and not (items[i].whole and len(zone) >= 2):
                _set(items[k], "", "")
                for x in items[k + 1:j]:
                    if x.dateline:
                        _set(x, "meta", "meta.dateline.v1")
        i = j


def _prose_next(items: list[Item], order: range) -> bool:
    """True when the first block in ``order`` that is not metadata or plain clutter is prose."""
    k = next((k for k in order if not (items[k].kind == "meta" or items[k].kind == "clutter" and not items[k].teaser)),
             None)
    return k is not None and _free(items[k]) and items[k].prose


def _link_run_pass(items: list[Item], cfg: CleanConfig) -> None:
    """Runs of short lines (menus, headline lists) outside the article body."""
    rid = "list.link_run.v1"
    if not cfg.on(rid):
        return
    min_run, max_words = cfg.param(rid, "min_run", 3), cfg.param(rid, "max_words", 16)
    n, i = len(items), 0
    while i < n:
        j, end, run = i, i, []
        while j < n and (items[j].dateline and run or _free(items[j]) and items[j].short
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
                        _set(x, "clutter", rid)
        i = max(j, i + 1)


def _norm_title(text: str) -> str:
    """Lower-cased letters and digits only, for comparing titles."""
    return " ".join(regex.sub(r"[^\p{L}\p{N}]+", " ", text.lower()).split())


def _same_title(got: str, want: str) -> bool:
    """Equal normalised titles, or one a prefix of the other covering 80% of it (a site name cut off)."""
    if not got or not want:
        return False
    short, long = sorted((got, want), key=len)
    return long.startswith(short) and len(short) >= 0.8 * len(long)


#: Decisions the metadata title may override (a title shown twice, or inside a headline list).
_TITLE_MAY_OVERRIDE = frozenset({"", "teaser.repeated_title.v1", "clutter.repeated_block.v1", "list.link_run.v1",
                                 "section.list_zone.v1"})


def _title_pass(items: list[Item], doc: RawDoc, cfg: CleanConfig) -> int | None:
    """Pick the title block; returns its index or None."""
    first = _first_prose(items)
    limit = min(first, len(items))
    if doc.title and cfg.on("title.metadata.v1"):
        want = _norm_title(doc.title)
        for i in range(limit):
            it = items[i]
            if it.rule in _TITLE_MAY_OVERRIDE and it.words <= 80 and _same_title(_norm_title(it.head), want):
                _set(it, "title", "title.metadata.v1")
                return i
        if doc.extracted:
            return None
    max_words = cfg.param("title.short_line.v1", "max_words", 60)
    if cfg.on("title.tagged_line.v1"):
        for i in range(limit):
            if _free(items[i]) and items[i].tags:
                _set(items[i], "title", "title.tagged_line.v1")
                return i
    if cfg.on("title.short_line.v1"):
        cands = [i for i in range(limit) if _free(items[i]) and not items[i].prose and items[i].words <= max_words]
        over_meta = [i for i in cands if i + 1 < len(items) and items[i + 1].kind == "meta"]
        if cands:  # the longest line (titles are longer than labels and menu leftovers), the last on ties
            i = max(reversed(over_meta or cands), key=lambda k: items[k].words)
            _set(items[i], "title", "title.short_line.v1")
            return i
        # a title shown twice at the top of the page
        for i in range(limit):
            it = items[i]
            if it.rule == "teaser.repeated_title.v1" and it.words <= max_words:
                if i + 1 < len(items) and items[i + 1].key == it.key:
                    _set(items[i + 1], "clutter", "clutter.repeated_block.v1")
                _set(it, "title", "title.short_line.v1")
                return i
    return None


def _before_title_pass(items: list[Item], title: int | None, cfg: CleanConfig) -> None:
    """Undecided blocks above the title."""
    rid = "position.before_title.v1"
    if title is None or not cfg.on(rid):
        return
    for it in items[:title]:
        if _free(it):
            _set(it, "clutter", rid)


def _inside_prose(items: list[Item], i: int) -> bool:
    """True when the nearest non-meta blocks on both sides are prose paragraphs (or the title above)."""
    def near(rng: range) -> bool:
        k = next((k for k in rng if items[k].kind != "meta"), None)
        return k is not None and (_free(items[k]) and items[k].prose or items[k].kind == "title" and k < i)
    return near(range(i - 1, -1, -1)) and near(range(i + 1, len(items)))


def _before_body_pass(items: list[Item], title: int | None, cfg: CleanConfig) -> None:
    """Short lines between the title and the lead paragraph."""
    rid = "position.before_body.v1"
    if title is None or not cfg.on(rid):
        return
    for it in items[title + 1:]:
        if _free(it) and it.prose:
            return
        if _free(it) and it.short:
            _set(it, "clutter", rid)


def _teaser_pass(items: list[Item], cfg: CleanConfig) -> None:
    """Teaser titles and bodies: tag suffixes, cut-off or ellipsis blurbs, blurbs above "Read more"."""
    if cfg.on("teaser.tagged_title.v1"):
        for it in items:
            if _free(it) and it.tags:
                _set(it, "clutter", "teaser.tagged_title.v1", teaser=True)
    for i, it in enumerate(items):  # a quotation trailing off inside the article is not a teaser
        if it.rule == "teaser.ellipsis_end.v1" and _inside_prose(items, i):
            _set(it, "", "")
            it.prose = True
    if cfg.on("teaser.truncated_body.v1"):
        min_words = cfg.param("teaser.truncated_body.v1", "min_words", 12)
        max_words = cfg.param("teaser.truncated_body.v1", "max_words", 400)
        for i, it in enumerate(items):
            if _free(it) and it.truncated and min_words <= it.words <= max_words and not _inside_prose(items, i):
                _set(it, "clutter", "teaser.truncated_body.v1", teaser=True)
    if cfg.on("teaser.read_more_blurb.v1"):
        max_words = cfg.param("teaser.read_more_blurb.v1", "max_words", 80)
        for i in range(2, len(items)):
            title, prev, it = items[i - 2], items[i - 1], items[i]
            headed = title.short and title.kind in ("", "clutter") or title.dateline or title.teaser
            if it.marker and _free(prev) and prev.words <= max_words and headed:
                _set(prev, "clutter", "teaser.read_more_blurb.v1", teaser=True)
    rid = "teaser.title_before_teaser.v1"
    if not cfg.on(rid):
        return
    max_words = cfg.param(rid, "max_words", 40)
    bodies = ("teaser.truncated_body.v1", "teaser.read_more_end.v1", "teaser.ellipsis_end.v1",
              "teaser.read_more_blurb.v1")
    for t, it in enumerate(items):
        if not it.teaser or it.rule == rid:
            continue
        k, titles = t - 1, 0 if it.rule in bodies else 1
        while k >= 0:
            prev = items[k]
            if prev.kind == "meta" and (prev.dateline or prev.rule in RELEASE_TIME_RULES):
                _set(prev, "clutter", rid, teaser=True)
            elif titles < 1 and _free(prev) and not prev.prose and prev.words <= max_words:
                _set(prev, "clutter", rid, teaser=True)
                break
            else:
                break
            k -= 1
        nxt = items[t + 1] if t + 1 < len(items) else None
        if nxt is not None and nxt.kind == "meta" and (nxt.dateline or nxt.rule in RELEASE_TIME_RULES):
            _set(nxt, "clutter", rid, teaser=True)


#: Rules that mark a block as the title of a teaser.
_TEASER_TITLES = frozenset({"teaser.repeated_title.v1", "teaser.tagged_title.v1", "teaser.title_before_teaser.v1"})


def _blurb_after_title_pass(items: list[Item], cfg: CleanConfig) -> None:
    """Blurbs right under a teaser title with no article prose after them: teaser bodies, complete or not."""
    rid = "teaser.blurb_after_title.v1"
    if not cfg.on(rid):
        return
    max_words = cfg.param(rid, "max_words", 400)
    title_words = cfg.param("teaser.title_before_teaser.v1", "max_words", 40)
    prose_after = False
    for i in range(len(items) - 1, 0, -1):
        it = items[i]
        if not _free(it):
            continue
        k = i - 1
        while k > 0 and items[k].kind == "meta":
            k -= 1
        prev = items[k]
        under_title = prev.rule in _TEASER_TITLES and prev.words <= title_words
        # inside the teaser zone: a short line and a date line after another teaser open one more teaser
        dated = k < i - 1 and any(items[j].dateline or items[j].rule in RELEASE_TIME_RULES for j in range(k + 1, i))
        zone_title = (dated and _free(prev) and prev.short and prev.words <= title_words
                      and k > 0 and items[k - 1].teaser)
        if it.prose and (under_title or zone_title) and not prose_after and it.words <= max_words:
            _set(it, "clutter", rid, teaser=True)
            if zone_title:
                for j in range(k, i):
                    _set(items[j], "clutter", "teaser.title_before_teaser.v1", teaser=True)
        elif it.prose:
            prose_after = True


def _dangling_pass(items: list[Item], cfg: CleanConfig) -> None:
    """Short lines that no prose paragraph follows (before the next teaser or the end of the page)."""
    rid = "position.dangling_heading.v1"
    if not cfg.on(rid):
        return
    next_ok = False
    for it in reversed(items):
        if _free(it):
            if it.prose:
                next_ok = True
            elif it.short and not next_ok:
                _set(it, "clutter", rid)
        elif it.teaser or it.kind == "title":
            next_ok = False


def _final_pass(items: list[Item], cfg: CleanConfig) -> None:
    """Whatever is left is article text: short lines are headings, the rest paragraphs."""
    heading = cfg.on("heading.short_line.v1")
    for it in items:
        if _free(it):
            if it.short and heading:
                _set(it, "heading", "heading.short_line.v1")
            else:
                _set(it, "paragraph", "")


_CREDITS = frozenset({"media.caption_credit.v1", "media.caption_with_credit.v1", "media.agency_credit.v1",
                      "meta.editor_source.v1"})
#: An embedded social post is at most this long.
MAX_POST_CHARS = 300
#: A block of a comment thread or of a box is at most this long.
MAX_BOXED_WORDS = 250


def _comment_pass(items: list[Item], cfg: CleanConfig) -> None:
    """Readers' comments after the article: from the first commenter line (name and time) to the end of the page.

    A thread starts at a commenter line ('jsmith42 · 2 hours ago', or a short name line over a relative time
    line) that follows prose, when a comments label is just above it or more commenter/action lines follow.
    It runs to the end of the page, or to a block too long to be a comment.
    """
    rid = "comments.thread.v1"
    if not cfg.on(rid):
        return
    seen_prose, n, start = False, len(items), None
    for i, it in enumerate(items):
        if _free(it) and it.prose and not it.role:
            seen_prose = True
        if not seen_prose:
            continue
        if it.kind == "meta" and it.rule == "meta.relative_time.v2" and 0 < i < n - 1:
            name, nxt = items[i - 1], items[i + 1]
            if _free(name) and name.words <= 4 and len(name.span.text) <= 40 and _free(nxt) and nxt.prose:
                _set(name, "clutter", rid)
                name.role = it.role = "comment"
        if it.role == "comment" and start is None:
            start = i
    if start is None:
        return
    k = start - 1
    while k >= 0 and items[k].kind == "clutter" and not items[k].teaser:
        k -= 1
    labelled = any(x.rule in ("comments.counter.v1", "comments.label.v1") or "comment" in x.key
                   for x in items[k + 1:start])
    later = sum(x.role == "comment" or x.frame and x.rule == "comments.action.v1" for x in items[start + 1:])
    if not (labelled or later):
        return
    for it in items[start:]:
        if _free(it) and it.words > MAX_BOXED_WORDS:
            break
        if _free(it) or it.kind == "meta":
            _set(it, "clutter", rid)


def _box_pass(items: list[Item], cfg: CleanConfig) -> None:
    """A short blurb under a frame line and over a frame or credit line (gallery caption, newsletter blurb)."""
    rid = "box.framed_blurb.v1"
    if not cfg.on(rid):
        return
    max_words = cfg.param(rid, "max_words", 80)

    def bread(x: Item) -> bool:
        return x.frame or x.rule in _CREDITS

    for i in range(1, len(items) - 1):
        prev, it, nxt = items[i - 1], items[i], items[i + 1]
        if _free(it) and it.words <= max_words and prev.frame and bread(nxt):
            _set(it, "clutter", rid)


def _attribution_pass(items: list[Item], cfg: CleanConfig) -> None:
    """The block just above an embed signature ('— Jane Doe (@jdoe) May 2, 2024') is the embedded post
    (when it is no longer than a post can be)."""
    for i in range(1, len(items)):
        prev = items[i - 1]
        if items[i].role == "attribution" and _free(prev) and len(prev.span.text) <= MAX_POST_CHARS:
            _set(prev, "clutter", items[i].rule)


def _dense_group_pass(items: list[Item], cfg: CleanConfig) -> None:
    """On a page whose paragraphs are blank-line separated, a line group after the article that alternates
    title-like lines and blurbs without blank lines is a list of teasers."""
    rid = "list.dense_group.v1"
    if not cfg.on(rid):
        return
    if sum(it.prose and it.span.gap > 0 for it in items) < 2:
        return
    groups, cur = [], []
    for i, it in enumerate(items):
        if cur and it.span.gap > 0:
            groups.append(cur)
            cur = []
        cur.append(i)
    if cur:
        groups.append(cur)
    first = _first_prose(items)
    prose_after = False
    for g in reversed(groups):
        free_prose = any(_free(items[k]) and items[k].prose and items[k].role != "tail" for k in g)
        pairs = sum(items[a].short and items[b].words >= 5 and not items[b].tags
                    and (not items[b].short or items[b].words >= items[a].words + 3) for a, b in zip(g, g[1:]))
        if g[0] > first and len(g) >= 4 and pairs >= 2 and not prose_after:
            for k in g:
                if _free(items[k]):
                    _set(items[k], "clutter", rid, teaser=True)
            continue
        prose_after = prose_after or free_prose


def _tail_pass(items: list[Item], cfg: CleanConfig) -> None:
    """Tail candidates (author bios) are dropped when no other prose block follows them."""
    after = False
    for it in reversed(items):
        if it.role == "tail" and _free(it):
            if after:
                it.rule = ""
            else:
                _set(it, "clutter", it.rule)
        elif _free(it) and it.prose:
            after = True


def classify(items: list[Item], doc: RawDoc, cfg: CleanConfig) -> int | None:
    """Decide every block's kind and rule in place; returns the index of the title block, or None."""
    _pattern_pass(items, cfg)
    _repeat_pass(items, cfg)
    _section_pass(items, cfg)
    _link_run_pass(items, cfg)
    title = _title_pass(items, doc, cfg)
    _before_title_pass(items, title, cfg)
    _before_body_pass(items, title, cfg)
    _teaser_pass(items, cfg)
    _blurb_after_title_pass(items, cfg)
    _comment_pass(items, cfg)
    _box_pass(items, cfg)
    _attribution_pass(items, cfg)
    _dense_group_pass(items, cfg)
    _tail_pass(items, cfg)
    _dangling_pass(items, cfg)
    _final_pass(items, cfg)
    return title
