"""The block model pass: every block scored by the weights of the block model rule (:func:`model_scores`),
low scores dropped, and what its context keeps whatever the score (near article text, the article's last lines and
lead, long paragraphs of the densest run of prose, lists of the article, short gaps, a paragraph an embed cut).
"""
from __future__ import annotations

from collections import Counter
from typing import Callable

from .features import Item, last_mark
from .dialect import NODES
from .evidence import block_features, score
from ..rules import Rule
from .pagestate import BLOCK_MODEL, Page, decide, for_dialect, undecided
from .lists import linkless, plain_list_zones


def model_scores(page: Page) -> list[float]:
    """Probability that each block is article text, from the weights of the block model rule (computed
    once per page; every item's ``score`` is set too)."""
    if page.scores is None:
        weights = page.cfg.signal_rule(BLOCK_MODEL).get("weights", {})
        vectors, page.run = block_features(page.items, page.dialect, page.function_words)
        page.scores = [score(v, weights) for v in vectors]
        for it, p in zip(page.items, page.scores):
            it.score = p
    return page.scores


#: Context smoothing looks this many blocks away for the prose around a short block.
SMOOTH_REACH = 4
#: ... where prose is an undecided block of at least this many words that the model keeps.
SMOOTH_WORDS = 8


#: Between a run of near article text and the kept text around it, at most this many filler blocks ...
NEAR_GAP = 2
#: ... of at most this many words each (a date line, a caption credit, a share label); a short line the page
#: repeats this many times or more between its paragraphs, dropped as clutter, does not count.
NEAR_GAP_WORDS = 8
NEAR_FURNITURE = 3
#: ... when the run's blocks are paragraphs of at least this many words ending a sentence.
NEAR_PARAGRAPH_WORDS = 20


def _near_runs(items: list[Item], scores: list[float], threshold: float, near: float,
               dense: tuple[int, int] = (0, 0)) -> set[int]:
    """Blocks of "near" article text kept by their context (as jusText keeps its near-good paragraphs):
    undecided prose blocks of :data:`SMOOTH_WORDS` words or more that the model scores from ``near`` up to
    ``threshold``, in a run with kept prose (or the title) on both sides: the nearest block outside the run
    that is not filler (at most :data:`NEAR_GAP` blocks of :data:`NEAR_GAP_WORDS` words or fewer) is an
    undecided prose block scored ``threshold`` or more, or the title above. Inside the page's densest run of
    prose (``dense``: start, end), short lines the page repeats :data:`NEAR_FURNITURE` times or more that rules
    dropped ('Article content' between every two paragraphs) put no distance between a run of sentences and the
    paragraphs around it. Linear in the page's blocks."""
    n = len(items)

    def is_near(k: int) -> bool:
        it = items[k]
        return undecided(it) and it.prose and it.words >= SMOOTH_WORDS and near <= scores[k] < threshold

    def good(k: int) -> bool:
        it = items[k]
        return undecided(it) and it.prose and it.words >= SMOOTH_WORDS and scores[k] >= threshold

    def filler(k: int) -> bool:
        return not is_near(k) and not good(k) and items[k].kind != "title" and items[k].words <= NEAR_GAP_WORDS

    copies = Counter(it.key for it in items)

    def furniture(k: int) -> bool:
        return dense[0] <= k < dense[1] and items[k].kind == "clutter" and copies[items[k].key] >= NEAR_FURNITURE

    def edge(k: int, step: int, title_ok: bool, past_furniture: bool) -> bool:
        gaps = 0
        while 0 <= k < n and filler(k) and (gaps < NEAR_GAP or past_furniture and furniture(k)):
            k, gaps = k + step, gaps + (not (past_furniture and furniture(k)))
        return 0 <= k < n and (good(k) or title_ok and items[k].kind == "title")

    kept: set[int] = set()
    i = 0
    while i < n:
        if not is_near(i):
            i += 1
            continue
        run, j, gaps = [i], i + 1, 0
        while j < n and gaps <= NEAR_GAP:
            if is_near(j):
                run.append(j)
                gaps = 0
            elif filler(j):
                gaps += 1
            else:
                break
            j += 1
        # paragraphs, not a card's headline or one-line blurb
        sentences = all(items[k].words >= NEAR_PARAGRAPH_WORDS and last_mark(items[k].vis) in ".!?…" for k in run)
        if edge(i - 1, -1, True, sentences) and edge(run[-1] + 1, 1, False, sentences):
            kept.update(run)
        i = run[-1] + 1
    return kept


#: A paragraph of the densest run kept for its own evidence has less than this share of its characters in links.
RUN_LINK_SHARE = 0.2


def _run_paragraphs(items: list[Item], scores: list[float], threshold: float, near: float, run: tuple[int, int],
                    min_words: int, end_rules: frozenset[str] = frozenset()) -> set[int]:
    """Paragraphs of the article that the model doubts for their neighbours (a long paragraph between a picture's
    label and a heading, whose context features read as a list's): undecided prose blocks (finished, not cut off)
    of ``min_words`` words or more inside the page's densest run of prose (``run``: start, end), with under
    :data:`RUN_LINK_SHARE` of their characters in links, that the model scores ``near`` or higher, with prose it
    keeps (scored ``threshold`` or more) below them in the run: not a site's blurb or an author's bio closing the
    run; nor one under a share bar or comment count (blocks of
    ``end_rules``, the rules with the role ``article_end``) under kept prose or such a paragraph, with no such
    paragraph, kept prose or the title between them (an author's bio under the article's share bar; not the lead
    under a share bar under the title). Linear in the page's blocks."""
    def doubted(k: int) -> bool:
        it = items[k]
        return undecided(it) and it.prose and it.words >= min_words and it.link < RUN_LINK_SHARE \
            and near <= scores[k] < threshold

    def kept(k: int) -> bool:
        it = items[k]
        return undecided(it) and it.prose and it.words >= SMOOTH_WORDS and scores[k] >= threshold

    def past_the_end(k: int) -> bool:
        """A share bar or a comment count between the paragraph and the prose above it: the article ended."""
        furniture = False
        for j in range(k - 1, run[0] - 1, -1):
            if items[j].kind == "title":
                return False
            if kept(j) or doubted(j):
                return furniture
            furniture = furniture or items[j].rule in end_rules
        return False

    last = next((k for k in range(run[1] - 1, run[0] - 1, -1) if kept(k)), run[0])
    return {k for k in range(run[0], last) if doubted(k) and not past_the_end(k)}


#: The article's own last short paragraphs: at least this many words each.
TAIL_SENTENCE_WORDS = 3


def _tail_sentences(items: list[Item], scores: list[float], threshold: float, near: float,
                    run: tuple[int, int]) -> set[int]:
    """The article's own last paragraphs: undecided prose blocks of :data:`TAIL_SENTENCE_WORDS` words or more
    ending a sentence, without links and not taken by a rule, that the model scores from ``near`` up to
    ``threshold``, one after another under the last prose block of :data:`SMOOTH_WORDS` words or more of the
    densest run of prose (``run``) that it keeps, or under the kept prose after that block, metadata lines
    and up to :data:`NEAR_GAP` dropped lines of :data:`NEAR_GAP_WORDS` words or fewer (an embed: an
    advertisement label, a 'Read more' link, a video label) between them left aside (a short closing line the
    model doubts for its length; a card title of another story under the article ends the chain). Linear in the
    page's blocks."""
    def free(k: int) -> bool:
        return undecided(items[k]) and not items[k].rule and items[k].prose

    last = max((k for k in range(run[0], run[1]) if free(k) and items[k].words >= SMOOTH_WORDS
                and scores[k] >= threshold), default=None)
    kept: set[int] = set()
    chain = False
    gaps = 0
    for k in range(last if last is not None else len(items), len(items)):
        it = items[k]
        if it.kind == "meta":  # a time stamp or credit line inside the article
            continue
        if chain and free(k) and it.words >= TAIL_SENTENCE_WORDS and near <= scores[k] < threshold \
                and linkless(it) and last_mark(it.vis) in ".!?":
            kept.add(k)
            gaps = 0
            continue
        if chain and it.kind == "clutter" and it.words <= NEAR_GAP_WORDS and gaps < NEAR_GAP:
            gaps += 1  # an embed the article runs past: 'Advertisement', 'Read more: ...', a video label
            continue
        chain = (chain or k == last) and free(k) and scores[k] >= threshold
        gaps = 0
    return kept


#: The article's lead under the title: prose blocks at most this many undecided blocks below the title ...
LEAD_REACH = 10
#: ... and at most this many undecided blocks above the first prose block the model keeps.
LEAD_BELOW = 8
#: Marks that end a lead: a sentence's end, or a colon before what the article lists ('(all times local):').
LEAD_ENDS = ".!?:"


def _lead(items: list[Item], title: int | None, good: Callable[[int], bool]) -> set[int]:
    """The article's lead (standfirst, first paragraph) that the model doubts for the short lines around it (a
    byline, a date, a photo credit): undecided prose blocks of :data:`SMOOTH_WORDS` words or more without links,
    ending a sentence or a colon (:data:`LEAD_ENDS`), at most :data:`LEAD_REACH` undecided blocks under the title
    and :data:`LEAD_BELOW` undecided blocks above the first block ``good`` says is kept article prose, with no
    such block between the title and them. Blocks rules already decided (a share bar, a byline, a menu) do not
    count: they put no distance between the headline and its lead. Linear in the page's blocks."""
    if title is None:
        return set()
    first = next((k for k in range(title + 1, len(items)) if good(k)), None)
    if first is None:
        return set()
    return {k for k in range(max(title + 1, first - LEAD_BELOW), min(first, title + 1 + LEAD_REACH))
            if undecided(items[k]) and items[k].prose and items[k].words >= SMOOTH_WORDS and linkless(items[k])
            and last_mark(items[k].vis) in LEAD_ENDS}


#: A gap of at most this many blocks the model drops between kept article text is article text.
GAP_BLOCKS = 3


def _gaps(items: list[Item], drop: list[int], kept: Callable[[int], bool], good: Callable[[int], bool]) -> set[int]:
    """Blocks of the article the model doubts between its kept text (a list's short items, a table's cells, a
    line of code, a question of an interview): runs of at most :data:`GAP_BLOCKS` blocks of ``drop`` (indices
    in page order) without links, right under a block ``kept`` says stays and right over a block ``good``
    says is kept article prose. Linear in the page's blocks."""
    out: set[int] = set()
    k = 0
    while k < len(drop):
        j = k
        while j + 1 < len(drop) and drop[j + 1] == drop[j] + 1:
            j += 1
        first, last = drop[k], drop[j]
        if last - first < GAP_BLOCKS and first > 0 and last + 1 < len(items) and kept(first - 1) \
                and good(last + 1) and all(linkless(items[x]) for x in range(first, last + 1)):
            out.update(range(first, last + 1))
        k = j + 1
    return out


#: A block cut off mid-sentence stands for the article when it has more than this many times the words of the
#: densest run's longest finished paragraph (a whole article a dump wrote as one block, ending in a link).
ANCHOR_CUT_TIMES = 2


def _anchor(items: list[Item], run: tuple[int, int]) -> int | None:
    """Index of the block of the densest run ``run`` (start, end) that is the page's article whatever the block
    model scores it: its longest undecided prose block, or its longest undecided block cut off mid-sentence when
    that has more than :data:`ANCHOR_CUT_TIMES` times its words; None when the run has neither."""
    start, end = run
    finished = max((k for k in range(start, end) if undecided(items[k]) and items[k].prose),
                   key=lambda k: items[k].words, default=None)
    cut = max((k for k in range(start, end) if undecided(items[k]) and items[k].truncated),
              key=lambda k: items[k].words, default=None)
    if cut is not None and (finished is None or items[cut].words > ANCHOR_CUT_TIMES * items[finished].words):
        return cut
    return finished


def model_pass(page: Page, rule: Rule) -> None:
    """On pages of the rule's ``dialects``: undecided blocks without visible text, and those the block model
    scores below the rule's ``threshold``, are not article text; blocks that rules marked
    ``model_may_override`` decided inside the densest run of prose are article text when the model scores
    them ``sure`` or higher. The longest prose block of the densest run stays (the page has an article;
    :func:`_anchor`). A short block the model scores low between two kept prose blocks (the nearest undecided
    blocks of :data:`SMOOTH_WORDS` words or more, at most :data:`SMOOTH_REACH` blocks away on each side, or the
    title above): an article heading (context smoothing). Lists without links
    (:func:`~pipeline.clean.lists.plain_list_zones`) with kept prose or the title above and kept prose below or
    inside are article text, and count as kept prose for the smoothing; so are near article text in a run
    (:func:`_near_runs`) and the article's short closing lines (:func:`_tail_sentences`), and long paragraphs of
    the densest run it doubts with kept prose under them (:func:`_run_paragraphs`, the rule's ``min_words``); so
    is the first part of a paragraph an embed cut in two whose second part the model keeps
    (:func:`cut_by_embed`). The article's lead under the title (:func:`_lead`) stays, and so does a short gap of
    dropped blocks between kept text and kept prose (:func:`_gaps`)."""
    if not for_dialect(page, rule):
        return
    threshold = float(rule.get("threshold", 0.5))
    items, scores = page.items, model_scores(page)
    n = len(items)

    listed: set[int] = set()

    def good(k: int) -> bool:
        return k in listed or undecided(items[k]) and items[k].words >= SMOOTH_WORDS and scores[k] >= threshold

    def side(rng: range) -> bool:
        k = next((k for k in rng if k in listed or undecided(items[k]) and items[k].words >= SMOOTH_WORDS
                  or items[k].kind == "title"), None)
        return k is not None and (good(k) or items[k].kind == "title")

    for first, end in plain_list_zones(items):  # lists of the article (ingredients, steps, key points)
        if side(range(first - 1, max(-1, first - 1 - SMOOTH_REACH), -1)) and (
                side(range(end, min(n, end + SMOOTH_REACH))) or any(good(k) for k in range(first, end))):
            listed.update(range(first, end))

    sure = float(rule.get("sure", 0.85))
    soft = page.cfg.flagged("model_may_override")
    near = rule.get("near")
    rescued = _near_runs(items, scores, threshold, float(near), page.run) \
        | _tail_sentences(items, scores, threshold, float(near), page.run) if near is not None else set()
    if near is not None and rule.get("min_words") is not None and page.dialect != NODES:  # links shown
        rescued |= _run_paragraphs(items, scores, threshold, float(near), page.run, int(rule.get("min_words")),
                                   page.cfg.flagged("article_end"))
    run_start, run_end = page.run
    # the page has an article: the longest prose block of the densest run stays whatever its score
    anchor = _anchor(items, page.run)
    lead = _lead(items, page.title, good)
    drop: list[int] = []
    for i, (it, p) in enumerate(zip(items, scores)):
        if i == anchor:
            continue
        if it.rule in soft and p >= sure and run_start <= i < run_end and it.words:
            decide(it, "", "")  # a rule of page shapes against sure article text inside the prose run
            it.teaser = False
            continue
        if undecided(it) and not it.vis:
            decide(it, "clutter", rule.id)  # markup only: an image, an empty link or list mark
            continue
        if not undecided(it) or p >= threshold or i in rescued or i in listed:
            continue
        if it.truncated and (rest := cut_by_embed(items, i)) is not None and scores[rest] >= threshold:
            continue  # a paragraph an embed cut in two, whose second part is article text
        if it.short and side(range(i - 1, max(-1, i - 1 - SMOOTH_REACH), -1)) \
                and side(range(i + 1, min(n, i + 1 + SMOOTH_REACH))):
            continue
        if i in lead:
            continue
        drop.append(i)
    dropped = set(drop)

    def stays(k: int) -> bool:
        return undecided(items[k]) and k not in dropped and bool(items[k].vis) or items[k].kind == "title"

    gaps = _gaps(items, drop, stays, good)
    for i in drop:
        if i not in gaps:
            decide(items[i], "clutter", rule.id)


def cut_by_embed(items: list[Item], i: int) -> int | None:
    """The block that goes on with block ``i`` when ``i`` is the first part of a paragraph an embed cut in
    two: past at most :data:`NEAR_GAP` dropped or metadata lines of :data:`NEAR_GAP_WORDS` words or fewer
    ('Advertisement', a video label), an undecided block going on with the sentence in lower case; None
    otherwise."""
    gaps = 0
    for k in range(i + 1, len(items)):
        it = items[k]
        if it.kind in ("clutter", "meta") and it.words <= NEAR_GAP_WORDS and gaps < NEAR_GAP:
            gaps += 1
            continue
        return k if gaps > 0 and undecided(it) and it.vis[:1].islower() else None
    return None
