"""Teasers of other stories: lines with a tag suffix, blocks cut off mid-sentence outside the article, blurbs
between a title-like line and a 'Read more' line or under a teaser title, their titles and date lines, line groups
of titles and blurbs after the article; and what keeps a block of such shapes inside the article (a lead cut off
under the title, a quotation trailing off between paragraphs).
"""
from __future__ import annotations

from .features import Item
from ..rules import Rule
from .pagestate import BLOCK_MODEL, Page, decide, first_prose, for_dialect, undecided
from .lists import ITEM_MARK, LIST_ITEM_LINK
from .block_model import LEAD_REACH, cut_by_embed, model_scores


def _inside_prose(items: list[Item], i: int) -> bool:
    """True when the nearest non-meta blocks on both sides are prose paragraphs (or the title above)."""
    def near(rng: range) -> bool:
        k = next((k for k in rng if items[k].kind != "meta"), None)
        return k is not None and (undecided(items[k]) and items[k].prose or items[k].kind == "title" and k < i)
    return near(range(i - 1, -1, -1)) and near(range(i + 1, len(items)))


def tagged_pass(page: Page, rule: Rule) -> None:
    """Lines with a tag suffix that are not the page title: teaser titles."""
    for it in page.items:
        if undecided(it) and it.tags:
            decide(it, "clutter", rule.id, teaser=True)


def cut_lead_pass(page: Page, rule: Rule) -> None:
    """The article's lead cut off with an ellipsis right under the title (a paywall shows only the article's
    start): the first block under the title that a rule with ``keep_inside_prose`` took, of ``min_words`` words
    or more, not a link or list item (:data:`~pipeline.clean.lists.LIST_ITEM_LINK`,
    :data:`~pipeline.clean.lists.ITEM_MARK`), at most :data:`~pipeline.clean.block_model.LEAD_REACH` blocks down,
    with no undecided prose block between the title and it (a date line, a caption, a deck may stand between),
    when no other teaser stands within :data:`~pipeline.clean.block_model.LEAD_REACH` blocks over the title or
    under the lead (a list of teasers stays one)."""
    if page.title is None:
        return
    items, keep = page.items, page.cfg.flagged("keep_inside_prose")
    min_words, reach = int(rule.get("min_words", 20)), LEAD_REACH
    end = min(len(items), page.title + 1 + reach)
    lead = next((k for k in range(page.title + 1, end) if items[k].rule in keep
                 or undecided(items[k]) and items[k].prose), None)
    if lead is None or items[lead].rule not in keep or items[lead].words < min_words \
            or items[lead].link > LIST_ITEM_LINK or ITEM_MARK.match(items[lead].span.text):
        return  # a share widget's copy of the lead is a link or a list item
    if any(it.teaser for it in items[max(0, page.title - reach):page.title] + items[lead + 1:lead + 1 + reach]):
        return
    decide(items[lead], "paragraph", rule.id)
    items[lead].prose = True


def inside_prose_step(page: Page) -> None:
    """Blocks of rules with ``keep_inside_prose`` between two article paragraphs are article text after all
    (a quotation trailing off inside the article is not a teaser)."""
    items, keep = page.items, page.cfg.flagged("keep_inside_prose")
    for i, it in enumerate(items):
        if it.rule in keep and _inside_prose(items, i):
            decide(it, "", "")
            it.prose = True


def truncated_pass(page: Page, rule: Rule) -> None:
    """Blocks cut off mid-sentence outside the article prose: teaser bodies; not a block of
    :data:`CONTINUED_WORDS` words or more under the title, inside the densest run of prose, that undecided
    prose continues (:func:`_continued`; on pages the block model scores), nor the first part of a paragraph
    an embed cut in two (:func:`~pipeline.clean.block_model.cut_by_embed`)."""
    items = page.items
    min_words, max_words = int(rule.get("min_words", 12)), int(rule.get("max_words", 400))
    start = -1 if page.title is None else page.title
    model = page.cfg.signal_rule(BLOCK_MODEL)
    scored = page.cfg.on(model.id) and for_dialect(page, model)

    def in_run(k: int) -> bool:
        model_scores(page)  # sets the densest run of prose
        return page.run[0] <= k < page.run[1]

    for i, it in enumerate(items):
        if undecided(it) and it.truncated and min_words <= it.words <= max_words and not _inside_prose(items, i) \
                and not (scored and i > start and it.words >= CONTINUED_WORDS and _continued(items, i) and in_run(i)) \
                and not _under_title(items, start, i) and cut_by_embed(items, i) is None:
            decide(it, "clutter", rule.id, teaser=True)


def _under_title(items: list[Item], title: int, i: int) -> bool:
    """True when block ``i`` stands right under the title block ``title``, only metadata lines (a date, a
    byline) between: the article's standfirst or lead, however it ends, not a teaser of another story."""
    return 0 <= title < i and all(it.kind == "meta" for it in items[title + 1:i])


#: A paragraph the dump broke in two has at least this many words before the break (a teaser blurb, also
#: wrapped across blocks by a screen dump, is shorter).
CONTINUED_WORDS = 45


def _continued(items: list[Item], i: int) -> bool:
    """True when the next block that is not metadata is an undecided prose block: the rest of a paragraph
    the dump broke in two (a teaser body is followed by the next teaser's title)."""
    k = next((k for k in range(i + 1, len(items)) if items[k].kind != "meta"), None)
    return k is not None and undecided(items[k]) and items[k].prose


def marker_blurb_pass(page: Page, rule: Rule) -> None:
    """A short blurb between a title-like line and a "Read more" line: a teaser body."""
    items = page.items
    max_words = int(rule.get("max_words", 80))
    for i in range(2, len(items)):
        title, prev, it = items[i - 2], items[i - 1], items[i]
        headed = title.short and title.kind in ("", "clutter") or title.dateline or title.teaser
        if it.marker and undecided(prev) and prev.words <= max_words and headed:
            decide(prev, "clutter", rule.id, teaser=True)


def teaser_title_pass(page: Page, rule: Rule) -> None:
    """Date lines around a teaser, and the title-like line above a teaser body: the teaser's title. A date line
    right under a byline (a credit kept as metadata) is the byline's, not the teaser's."""
    items, cfg, rid = page.items, page.cfg, rule.id
    max_words = int(rule.get("max_words", 40))
    bodies, release = cfg.flagged("teaser_body"), cfg.flagged("release_time")

    def dated(k: int) -> bool:
        """A date line at ``k`` that belongs to no byline above it."""
        it = items[k]
        if not (it.kind == "meta" and (it.dateline or it.rule in release)):
            return False
        above = items[k - 1] if k > 0 else None
        return not (above is not None and above.kind == "meta" and not above.dateline
                    and above.rule not in release and it.span.gap == 0)

    for t, it in enumerate(items):
        if not it.teaser or it.rule == rid:
            continue
        k, titles = t - 1, 0 if it.rule in bodies else 1
        while k >= 0:
            prev = items[k]
            if dated(k):
                decide(prev, "clutter", rid, teaser=True)
            elif titles < 1 and undecided(prev) and not prev.prose and prev.words <= max_words:
                decide(prev, "clutter", rid, teaser=True)
                break
            else:
                break
            k -= 1
        nxt = items[t + 1] if t + 1 < len(items) else None
        if nxt is not None and dated(t + 1):
            decide(nxt, "clutter", rid, teaser=True)


def blurb_after_title_pass(page: Page, rule: Rule) -> None:
    """Blurbs right under a teaser title with no article prose after them: teaser bodies, complete or not.

    The longest teaser title and the rule naming one opened inside the teaser zone are those of the
    ``teaser_title`` pass."""
    items, cfg, rid = page.items, page.cfg, rule.id
    max_words = int(rule.get("max_words", 400))
    title_rule = cfg.signal_rule("teaser_title")
    title_words = int(title_rule.get("max_words", 40))
    titles, release = cfg.flagged("teaser_title"), cfg.flagged("release_time")
    prose_after = False
    for i in range(len(items) - 1, 0, -1):
        it = items[i]
        if not undecided(it):
            continue
        k = i - 1
        while k > 0 and items[k].kind == "meta":
            k -= 1
        prev = items[k]
        under_title = prev.rule in titles and prev.words <= title_words
        # inside the teaser zone: a short line and a date line after another teaser open one more teaser
        dated = k < i - 1 and any(items[j].dateline or items[j].rule in release for j in range(k + 1, i))
        zone_title = (dated and undecided(prev) and prev.short and prev.words <= title_words
                      and k > 0 and items[k - 1].teaser)
        if it.prose and (under_title or zone_title) and not prose_after and it.words <= max_words:
            decide(it, "clutter", rid, teaser=True)
            if zone_title:
                for j in range(k, i):
                    decide(items[j], "clutter", title_rule.id, teaser=True)
        elif it.prose:
            prose_after = True


#: Words of a prose block that reads as an article paragraph, longer than a teaser's blurb or a product's line.
PARAGRAPH_WORDS = 30


def _paragraph(it: Item) -> bool:
    """True when an undecided prose block has :data:`PARAGRAPH_WORDS` words or more."""
    return undecided(it) and it.prose and it.words >= PARAGRAPH_WORDS


def dense_group_pass(page: Page, rule: Rule) -> None:
    """On a page whose paragraphs are blank-line separated, a line group after the article that alternates
    title-like lines and blurbs without blank lines is a list of teasers (not when two undecided prose
    paragraphs of :data:`PARAGRAPH_WORDS` words or more follow each other in it: that is article text)."""
    items, rid = page.items, rule.id
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
    first = first_prose(items)
    prose_after = False
    for g in reversed(groups):
        free_prose = any(undecided(items[k]) and items[k].prose and items[k].role != "tail" for k in g)
        pairs = sum(items[a].short and items[b].words >= 5 and not items[b].tags
                    and (not items[b].short or items[b].words >= items[a].words + 3) for a, b in zip(g, g[1:]))
        # paragraph after paragraph: article text (a teaser's blurb is followed by the next title)
        running = any(_paragraph(items[a]) and _paragraph(items[b]) for a, b in zip(g, g[1:]))
        if g[0] > first and len(g) >= 4 and pairs >= 2 and not running and not prose_after:
            for k in g:
                if undecided(items[k]):
                    decide(items[k], "clutter", rid, teaser=True)
            continue
        prose_after = prose_after or free_prose
