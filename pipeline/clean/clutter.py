"""Classification passes over the blocks of a page that decide what is clutter: each decides some blocks'
kind and names its rule, and what the passes share (:class:`Page`, date lines, the block model's scores).

The passes run in the order of :data:`~pipeline.clean.passes.STEPS`; a block decided by one pass is left alone by
the later ones. A pass belongs to the rule of ``rules/clutter.toml`` whose ``signal`` names it, runs only while
that rule is on and reads its parameters from it; code finds rules by signal or by role field
(:meth:`CleanConfig.signal_rule`, :meth:`CleanConfig.flagged`), never by id. The title passes are in
:mod:`pipeline.clean.titles`.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

import regex

from .features import Item, headline_case, last_mark
from .dates import MAX_SCAN, DateMatch, find_date
from .dialect import NODES, PLAIN, shown, visible
from .evidence import block_features, block_words, score, stop_share
from ..rules import REGEX_TIMEOUT, Rule
from ..types import RawDoc

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


def _matches(item: Item, test: BlockTest, cfg: CleanConfig, text: str | None = None, words: int | None = None) -> bool:
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
    return any(t.id in flagged and _matches(item, t, cfg) for t in cfg.block_tests)


def decide(item: Item, kind: str, rule: str, teaser: bool = False) -> None:
    item.kind, item.rule, item.teaser = kind, rule, teaser


def undecided(item: Item) -> bool:
    return not item.kind


@dataclass
class Page:
    """What the passes share: the blocks of the page, its document, the configuration, the title so far."""

    items: list[Item]
    doc: RawDoc
    cfg: CleanConfig
    #: Index of the title block, once a title pass has found it.
    title: int | None = None
    #: A title pass has settled the title: found it, or found that extracted text does not show it.
    title_settled: bool = False
    #: The page's dump dialect (:mod:`pipeline.clean.dialect`).
    dialect: str = PLAIN
    #: Block model scores, once :func:`model_scores` has computed them.
    scores: list[float] | None = None
    #: (start, end) block indices of the densest run of prose (set with the scores).
    run: tuple[int, int] = (0, 0)
    #: The title is the page's title line (which may name the site too), not a headline shown in the page.
    title_line: bool = False
    #: Words of a kicker the title block shows before the headline on its line, left out of the title
    #: (:func:`~pipeline.clean.titles.glued_kicker`).
    kicker_words: int = 0
    #: A lead-in printed on its own line over the headline, set before it in the title
    #: (:func:`~pipeline.clean.titles.lead_in`).
    lead_in: str = ""
    #: Per block, the bit mask of the block rules that may match it (:meth:`NeedIndex.possible`, rule ``k`` of
    #: :attr:`CleanConfig.block_tests` is bit ``1 << k``), once :func:`pattern_pass` has run.
    possible: list[int] = field(default_factory=list)


#: The signal of the block model rule (its ``weights`` score every block of the page).
BLOCK_MODEL = "block_model"


def for_dialect(page: Page, rule: Rule) -> bool:
    """True when the rule's pass runs on the page's dialect (a rule without ``dialects`` runs on all)."""
    dialects = rule.get("dialects")
    return dialects is None or page.dialect in dialects


def model_scores(page: Page) -> list[float]:
    """Probability that each block is article text, from the weights of the block model rule (computed
    once per page; every item's ``score`` is set too)."""
    if page.scores is None:
        weights = page.cfg.signal_rule(BLOCK_MODEL).get("weights", {})
        vectors, page.run = block_features(page.items, page.dialect)
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


#: A list item of a dump: a bullet or a number mark ('* ', '• ', '1. ', '2) ') at the start of the block.
_ITEM_MARK = regex.compile(r"[ \t]{0,12}(?:[*+•□◦▪]|-(?=\s)|\d{1,2}[.)](?=\s))\s")
#: A link anywhere in a block of a dump: a markdown link target or a screen dump's link number.
_ANY_LINK = regex.compile(r"\]\(|\[\d{1,5}\]")
#: A list of the article is at least this many items, each of at most this many words; two lists with a
#: short heading of at most this many words between them ('Method') are one.
PLAIN_LIST_ITEMS = 2
PLAIN_ITEM_WORDS = 40
LIST_HEADING_WORDS = 6


def _linkless(it: Item) -> bool:
    """True when a block holds no link: none measured in its text and no link mark of the dump
    (:data:`_ANY_LINK`)."""
    return it.link == 0 and _ANY_LINK.search(it.span.text) is None


def _plain_item(it: Item) -> bool:
    """True when an undecided block is a list item without a link (:data:`_ITEM_MARK`, :func:`_linkless`)."""
    return undecided(it) and 1 <= it.words <= PLAIN_ITEM_WORDS and _linkless(it) \
        and _ITEM_MARK.match(it.span.text) is not None


def _plain_list_zones(items: list[Item]) -> list[tuple[int, int]]:
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


#: The article's own last short paragraphs: at least this many words each.
TAIL_SENTENCE_WORDS = 3


def _tail_sentences(items: list[Item], scores: list[float], threshold: float, near: float,
                    run: tuple[int, int]) -> set[int]:
    """The article's own last paragraphs: undecided prose blocks of :data:`TAIL_SENTENCE_WORDS` words or more
    ending a sentence, without links and not taken by a rule, that the model scores from ``near`` up to
    ``threshold``, one after another under the last prose block of :data:`SMOOTH_WORDS` words or more of the
    densest run of prose (``run``) that it keeps, or under the kept prose after that block, metadata lines
    and up to :data:`NEAR_GAP` dropped lines of :data:`NEAR_GAP_WORDS` words or fewer (an embed: an
    advertisement label, a 'Read more' link, a video label) between them left aside (a short closing line the model doubts for its length; a card title of another
    story under the article ends the chain).
    Linear in the page's blocks."""
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
                and _linkless(it) and last_mark(it.vis) in ".!?":
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
            if undecided(items[k]) and items[k].prose and items[k].words >= SMOOTH_WORDS and _linkless(items[k])
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
                and good(last + 1) and all(_linkless(items[x]) for x in range(first, last + 1)):
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
    :func:`_anchor`). A
    short block the model scores low between two kept prose blocks (the nearest undecided blocks of :data:`SMOOTH_WORDS` words or
    more, at most :data:`SMOOTH_REACH` blocks away on each side, or the title above): an article heading
    (context smoothing). Lists without links (:func:`_plain_list_zones`) with kept prose or the title above
    and kept prose below or inside are article text, and count as kept prose for the smoothing; so are
    near article text in a run (:func:`_near_runs`) and the article's short closing lines
    (:func:`_tail_sentences`), and long paragraphs of the densest run it doubts with kept prose under them
    (:func:`_run_paragraphs`, the rule's ``min_words``); so is the first part of a paragraph an embed cut in two whose second part
    the model keeps (:func:`_cut_by_embed`). The article's lead under the title (:func:`_lead`) stays, and so
    does a short gap of dropped blocks between kept text and kept prose (:func:`_gaps`)."""
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

    for first, end in _plain_list_zones(items):  # lists of the article (ingredients, steps, key points)
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
        if it.truncated and (rest := _cut_by_embed(items, i)) is not None and scores[rest] >= threshold:
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
                        and r.min_words <= it.words <= r.max_words and _matches(it, r, cfg, flat)), None)
            if len(text) <= 200:
                seen[text] = hit, possible
        page.possible.append(possible)
        if hit is None:
            continue
        it.frame = hit.frame
        if hit.kind == "meta":
            decide(it, "meta", hit.id)
            it.dateline = hit.signal == DATE_ONLY
        elif hit.kind == "tail":  # decided by :func:`tail_step`
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
        hit = next((t for t in tests if _matches(it, t, cfg, line, it.words + nxt.words)), None)
        if hit is not None:
            decide(it, "meta", hit.id)
            decide(nxt, "meta", hit.id)
            nxt.dateline = False


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
            hit = next((t for b, t in tests if possible & b and _matches(items[i], t, cfg, joined, words)), None)
            if hit is not None:
                for x in items[i:j + 1]:
                    decide(x, "clutter", hit.id)
                items[i].role = "comment"
                i = j
                break
        i += 1


#: Blocks that may stand between two copies of a story card's headline (its section label, given again over
#: the copy).
REPEAT_REACH = 2


def adjacent_repeat_pass(page: Page, rule: Rule) -> None:
    """Duplicate lines next to each other (teaser titles, a story card's headline given as a picture's link
    and as a heading): both copies go. Up to :data:`REPEAT_REACH` blocks may stand between the two copies
    when each of them is a short line of ``max_words`` words or fewer and one of them a line the page gives
    at least twice (the card's section label over each copy, its picture's alt text beside it). Linear in the
    page's blocks."""
    items, adjacent = page.items, rule.id
    label_words = int(rule.get("max_words", 0))
    counts = Counter(it.key for it in items if it.key and it.words <= label_words)

    def short(it: Item) -> bool:
        return bool(it.key) and it.words <= label_words and not it.prose

    for i, a in enumerate(items):
        if not a.key or not (undecided(a) or a.rule == adjacent):
            continue
        reach = 0 if short(a) else REPEAT_REACH  # a label pairs only with a copy right under it
        for j in range(i + 1, min(len(items), i + 2 + reach)):
            b = items[j]
            if b.key == a.key:
                gap = items[i + 1:j]
                if undecided(b) and (not gap or any(counts[x.key] >= 2 for x in gap)):
                    decide(a, "clutter", adjacent, teaser=True)
                    decide(b, "clutter", adjacent, teaser=True)
                break
            if not short(b):
                break


def repeat_pass(page: Page, rule: Rule) -> None:
    """Later copies of short lines."""
    seen: set[str] = set()
    for it in page.items:
        if it.key in seen and undecided(it) and not it.prose:
            decide(it, "clutter", rule.id)
        seen.add(it.key)


def first_prose(items: list[Item]) -> int:
    """Index of the first undecided prose block (len(items) when none)."""
    return next((i for i, it in enumerate(items) if undecided(it) and it.prose), len(items))


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
    return len(lines) >= 2 and all(_ITEM_MARK.match(line) for line in lines)


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


#: A screen dump's table laid out as two columns: the right column starts this far in or further, after a
#: gap of at least :data:`COLUMN_GAP` spaces on one of the lines.
COLUMN_MIN = 24
COLUMN_GAP = 3
_GAP = regex.compile(r" {%d,}(?=\S)" % COLUMN_GAP)


def left_column(text: str) -> str | None:
    """The left column of a block of two or more lines laid out side by side (a screen dump of a table
    whose cells sit next to each other: a headline wrapped in its cell, a menu in the next), as lines; None
    when no column boundary runs through every line. ``text`` as :func:`~pipeline.clean.dialect.shown`
    gives it (offsets kept)."""
    lines = [x.rstrip() for x in text.split("\n")]
    lines = [x for x in lines if x.strip()]
    if len(lines) < 2 or len(text) > 2000:
        return None
    starts = sorted({m.end() for x in lines for m in _GAP.finditer(x) if m.end() >= COLUMN_MIN})
    for c in starts:
        right = [x[c:].strip() for x in lines]
        if any(right) and all(x[:c].strip() and (len(x) <= c or x[c - 1] == " ") for x in lines):
            return "\n".join(x[:c].rstrip() for x in lines)
    return None
#: A link target in a dump: a URL, or a markdown link's site-relative target.
_URL = regex.compile(r"(?:https?://|file:///|\]\(/)[^\s)\]]{1,2000}")
_URL_PART = regex.compile(r"[/?&=#.;]|%2f|%3a|%3f|%3d|%26")
_SLUG_SPLIT = regex.compile(r"[-_+]|%20")


def url_slug_counts(text: str) -> dict[tuple[str, str], int]:
    """Word pairs of the hyphenated slugs in the link targets shown in a dump (markdown targets, a screen
    dump's reference list), each with the number of link targets spelling it: a page's own address,
    repeated by its share links, spells its headline (linear in the text)."""
    counts: dict[tuple[str, str], int] = {}
    for url in _URL.findall(text):
        pairs: set[tuple[str, str]] = set()
        for part in _URL_PART.split(url.lower()):
            words = [w for w in _SLUG_SPLIT.split(part) if w]
            pairs.update(zip(words, words[1:]))
        for p in pairs:
            counts[p] = counts.get(p, 0) + 1
    return counts


def url_slugs(text: str) -> frozenset[tuple[str, str]]:
    """The word pairs of :func:`url_slug_counts`."""
    return frozenset(url_slug_counts(text))


def _prose_words(items: list[Item]) -> int:
    """Words of the undecided prose blocks among ``items``."""
    return sum(it.words for it in items if undecided(it) and it.prose)


def _longest_prose_run(items: list[Item]) -> int:
    """Words of the longest run of undecided prose blocks among ``items`` (metadata lines between them do
    not end a run; any other block does: teaser blurbs, each under its headline, make runs of one)."""
    best = run = 0
    for it in items:
        if undecided(it) and it.prose:
            run += it.words
            best = max(best, run)
        elif it.kind != "meta":
            run = 0
    return best


def _article_above(items: list[Item], title: int, min_words: int) -> bool:
    """True when the title was picked below the article: a run of prose paragraphs above it
    (:func:`_longest_prose_run`) holds at least ``min_words`` words and no fewer than all the prose under
    it (a related headline, caption, date line or section label under the story taken for its title)."""
    above = _longest_prose_run(items[:title])
    return above >= min_words and above >= _prose_words(items[title + 1:])


def before_title_pass(page: Page, rule: Rule) -> None:
    """Undecided blocks above the title; none when the prose above it is the article (:func:`_article_above`)."""
    if page.title is None:
        return
    items = page.items
    if _article_above(items, page.title, int(rule.get("min_words", 80))):
        return
    for it in items[:page.title]:
        if undecided(it):
            decide(it, "clutter", rule.id)


def _inside_prose(items: list[Item], i: int) -> bool:
    """True when the nearest non-meta blocks on both sides are prose paragraphs (or the title above)."""
    def near(rng: range) -> bool:
        k = next((k for k in rng if items[k].kind != "meta"), None)
        return k is not None and (undecided(items[k]) and items[k].prose or items[k].kind == "title" and k < i)
    return near(range(i - 1, -1, -1)) and near(range(i + 1, len(items)))


def before_body_pass(page: Page, rule: Rule) -> None:
    """Short lines between the title and the lead paragraph. A list zone that ran on past the title (a list
    label above the headline, no prose between; copies of the headline may stand around it) ends at the title:
    the blocks under the title that it took, up to the first block it did not take, are decided again (the
    short ones here)."""
    if page.title is None:
        return
    zone, items = page.cfg.signal_rule("section_zone").id, page.items
    above = page.title - 1
    while above >= 0 and items[above].key == items[page.title].key:  # the headline shown twice
        above -= 1
    if above >= 0 and items[above].rule == zone:
        for it in items[page.title + 1:]:
            if it.key == items[page.title].key:
                continue
            if it.rule != zone:
                break
            decide(it, "", "")
    for it in items[page.title + 1:]:
        if undecided(it) and it.prose:
            return
        if undecided(it) and it.short:
            decide(it, "clutter", rule.id)


def tagged_pass(page: Page, rule: Rule) -> None:
    """Lines with a tag suffix that are not the page title: teaser titles."""
    for it in page.items:
        if undecided(it) and it.tags:
            decide(it, "clutter", rule.id, teaser=True)


def cut_lead_pass(page: Page, rule: Rule) -> None:
    """The article's lead cut off with an ellipsis right under the title (a paywall shows only the article's
    start): the first block under the title that a rule with ``keep_inside_prose`` took, of ``min_words`` words
    or more, not a link or list item (:data:`LIST_ITEM_LINK`, :data:`_ITEM_MARK`), at most :data:`LEAD_REACH` blocks
    down, with no undecided prose block between the title and it (a date line, a caption, a deck may stand
    between), when no other teaser stands within :data:`LEAD_REACH` blocks over the title or under the lead (a
    list of teasers stays one)."""
    if page.title is None:
        return
    items, keep = page.items, page.cfg.flagged("keep_inside_prose")
    min_words, reach = int(rule.get("min_words", 20)), LEAD_REACH
    end = min(len(items), page.title + 1 + reach)
    lead = next((k for k in range(page.title + 1, end) if items[k].rule in keep
                 or undecided(items[k]) and items[k].prose), None)
    if lead is None or items[lead].rule not in keep or items[lead].words < min_words \
            or items[lead].link > LIST_ITEM_LINK or _ITEM_MARK.match(items[lead].span.text):
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
    an embed cut in two (:func:`_cut_by_embed`)."""
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
                and not _under_title(items, start, i) and _cut_by_embed(items, i) is None:
            decide(it, "clutter", rule.id, teaser=True)


def _under_title(items: list[Item], title: int, i: int) -> bool:
    """True when block ``i`` stands right under the title block ``title``, only metadata lines (a date, a
    byline) between: the article's standfirst or lead, however it ends, not a teaser of another story."""
    return 0 <= title < i and all(it.kind == "meta" for it in items[title + 1:i])


def _cut_by_embed(items: list[Item], i: int) -> int | None:
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


def introduced_list_pass(page: Page, rule: Rule) -> None:
    """A list the article introduces: after a kept article paragraph, a line ending in a colon of at least
    ``min_words`` words ('The tour dates:', 'Here are the offers:'; not one opening with a list label such as
    'Related coverage', see :func:`_label_prefix`), then ``min_run`` or more lines that list
    shapes or the block model dropped, or the teaser shapes when they end in a number (a calendar's lines,
    cut off by their shape; teasers of other pages end in words or an ellipsis); at most ``max_words`` words
    each: the lines are article text, as far as they look alike (see :func:`_list_end`). Lists followed by
    more article prose are kept already (the link-run pass leaves lines between prose alone)."""
    if page.title is None:
        return
    items, cfg = page.items, page.cfg
    min_run, max_words = int(rule.get("min_run", 3)), int(rule.get("max_words", 60))
    min_words = int(rule.get("min_words", 4))
    soft = {cfg.signal_rule(s).id for s in ("link_run", BLOCK_MODEL)}
    teaser = {cfg.signal_rule(s).id for s in ("truncated", "teaser_title")}

    def listed(x: Item) -> bool:  # dropped by a list shape or the model, or by a teaser shape and ends in a number
        return x.rule in soft or x.rule in teaser and x.vis.rstrip()[-1:].isdigit()

    n, i = len(items), page.title + 1
    prose_seen = False
    while i < n:
        it = items[i]
        intro = (prose_seen and it.words >= min_words and it.vis.rstrip()[-1:] in _INTRO_END
                 and (undecided(it) or it.rule in soft))
        if undecided(it) and it.prose:
            prose_seen = True
        if not intro:
            i += 1
            continue
        end = i + 1
        while end < n and items[end].words <= max_words and listed(items[end]):
            end += 1
        stop = _list_end(items, i + 1, end, LIST_ITEM_WORDS)
        if stop - (i + 1) < min_run or _label_prefix(it.vis, cfg):
            i += 1
            continue
        decide(it, "", "")  # the introducing line: decided again by the passes after this one
        for x in items[i + 1:stop]:
            if x.words:  # markup only (an image between items) stays out
                decide(x, "paragraph", rule.id)
        i = stop


def dangling_pass(page: Page, rule: Rule) -> None:
    """Short lines that no prose paragraph follows (before the next teaser or the end of the page)."""
    next_ok = False
    for it in reversed(page.items):
        if undecided(it):
            if it.prose:
                next_ok = True
            elif it.short and not next_ok:
                decide(it, "clutter", rule.id)
        elif it.teaser or it.kind == "title":
            next_ok = False


def heading_pass(page: Page, rule: Rule) -> None:
    """Short lines left undecided, of at most the rule's ``heading_words`` words, are article headings
    (longer ones are left to the paragraph step)."""
    most = int(rule.get("heading_words", 10 ** 6) or 10 ** 6)
    for it in page.items:
        if undecided(it) and it.short and it.words <= most:
            decide(it, "heading", rule.id)


def paragraph_step(page: Page) -> None:
    """Whatever is left is article text: paragraphs."""
    for it in page.items:
        if undecided(it):
            decide(it, "paragraph", "")


#: An embedded social post is at most this long.
MAX_POST_CHARS = 300
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
        while end < n and end - last <= COMMENT_BLOCKS and undecided(items[end]) and items[end].words <= MAX_BOXED_WORDS \
                and _commenter(items, end, times) < 0:
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


#: A promo box's list between two frame lines (its benefits): at most this many lines of at most
#: :data:`BOX_ITEM_WORDS` words each.
BOX_ITEMS = 6
BOX_ITEM_WORDS = 25


def box_pass(page: Page, rule: Rule) -> None:
    """A short blurb under a frame line and over a frame or credit line (gallery caption, newsletter blurb), or a
    short list there (up to :data:`BOX_ITEMS` lines of :data:`BOX_ITEM_WORDS` words, ``max_words`` in all: what a
    subscription box offers)."""
    items, rid = page.items, rule.id
    max_words = int(rule.get("max_words", 80))
    credits = page.cfg.flagged("credit")

    def bread(x: Item) -> bool:
        return x.frame or x.rule in credits

    n = len(items)
    for i in range(1, n - 1):
        if not (items[i - 1].frame and undecided(items[i])):
            continue
        end, words = i, 0
        while end < n - 1 and end - i < BOX_ITEMS and undecided(items[end]) and items[end].words <= BOX_ITEM_WORDS:
            words += items[end].words
            end += 1
        if end - i < 2 or words > max_words or not bread(items[end]):
            end = i + 1 if items[i].words <= max_words and bread(items[i + 1]) else i
        for it in items[i:end]:
            decide(it, "clutter", rid)


#: A line repeats the caption under it when they share at least this share of the words of the shorter one
#: (a picture's text may carry its source's words, a caption its credit's).
CAPTION_REPEAT_SHARE = 0.6
#: ... and it has at least this many words.
CAPTION_REPEAT_WORDS = 3


def _shown_words(it: Item) -> set[str]:
    """The words a block shows, lower-cased (:func:`block_words` of its visible text)."""
    return {w.lower() for w in block_words(it.vis)}


def caption_repeat_step(page: Page) -> None:
    """A picture's text (its alt text, as a markdown dump prints it) on the block right above a caption with
    its credit, repeating the caption's words, goes with the caption under the caption's rule."""
    items, credits = page.items, page.cfg.flagged("credit")
    for prev, it in zip(items, items[1:]):
        if it.rule in credits and undecided(prev) and prev.words >= CAPTION_REPEAT_WORDS:
            words = _shown_words(prev)
            caption = _shown_words(it)
            shared = len(words & caption)
            if shared >= max(CAPTION_REPEAT_WORDS, CAPTION_REPEAT_SHARE * min(len(words), len(caption))):
                decide(prev, "clutter", it.rule)


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


#: Blocks under a media caption searched for the caption's copy (the player's title and description between).
MEDIA_COPY_REACH = 3
#: Share of a block's words that are a media caption's for the block to be the caption's copy.
MEDIA_COPY_SHARE = 0.9


def media_copy_pass(page: Page, rule: Rule) -> None:
    """The copy of a media caption (a block a rule flagged ``media_caption`` matches, whichever rule decided
    it: '...employees.video'): the player's description printed again within :data:`MEDIA_COPY_REACH` blocks
    under it, most of its words (:data:`MEDIA_COPY_SHARE`) the caption's, is no article text."""
    items, cfg = page.items, page.cfg
    flagged = cfg.flagged("media_caption")
    tests = [t for t in cfg.block_tests if t.id in flagged]
    for i, it in enumerate(items):
        if it.kind in ("meta", "title") or not (it.rule in flagged or any(_matches(it, t, cfg) for t in tests)):
            continue
        if undecided(it):
            decide(it, "clutter", rule.id)
        caption = _shown_words(it)
        for nxt in items[i + 1:i + 1 + MEDIA_COPY_REACH]:
            if not undecided(nxt):
                continue
            words = _shown_words(nxt)
            if len(words) >= CAPTION_REPEAT_WORDS and len(words & caption) >= MEDIA_COPY_SHARE * len(words):
                decide(nxt, "clutter", rule.id)
                break


def attribution_step(page: Page) -> None:
    """The block just above an embed signature ('— Jane Doe (@jdoe) May 2, 2024') is the embedded post
    (when it is no longer than a post can be)."""
    items = page.items
    for i in range(1, len(items)):
        prev = items[i - 1]
        if items[i].role == "attribution" and undecided(prev) and len(prev.vis) <= MAX_POST_CHARS:
            decide(prev, "clutter", items[i].rule)


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


def tail_step(page: Page) -> None:
    """Tail candidates (author bios) are dropped when no other prose block follows them."""
    after = False
    for it in reversed(page.items):
        if it.role == "tail" and undecided(it):
            if after:
                it.rule = ""
            else:
                decide(it, "clutter", it.rule)
        elif undecided(it) and it.prose:
            after = True


#: Kept paragraph words above a run of cards that make it "after the article" (a live blog starts with its entries).
CARD_ARTICLE_WORDS = 100
#: A clock time in a date line: a live page stamps its entries with times, cards of other stories carry days.
_CLOCK = regex.compile(r"(?i)\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s?[ap]\.?m\b")
#: A line that is only a clock time ("17.00", "09:52", "3.15pm"): a live page's entry stamp. Two of them in a zone
#: make it a live page's entries (one alone may be a price or a score).
_STAMP = regex.compile(r"(?i)^\W{0,2}(?:[01]?\d|2[0-3])[:.][0-5]\d(?:\s?[ap]\.?m\.?)?\W{0,2}$")
#: Stamp lines that make a zone a live page's entries.
LIVE_STAMPS = 2


#: Short lines between a card's blurb and the next card's date line: its picture's caption, headline, author.
CARD_HEAD_LINES = 3


def card_run_pass(page: Page, rule: Rule) -> None:
    """Cards of other stories after the article: a run of ``min_run`` date lines or more among the kept blocks
    after the article's first :data:`CARD_ARTICLE_WORDS` paragraph words, where between two of them the page
    keeps at most one paragraph of ``max_words`` words or fewer (the blurb of one card; a short line that ends
    no sentence may stand above it, its first line given apart) followed by at most :data:`CARD_HEAD_LINES`
    short lines (the picture caption, headline and author of the next): each card's headline, author, date
    and blurb go.
    Date lines with a clock time do not count (a live page stamps its entries with times). Linear in the
    page's blocks."""
    items = page.items
    min_run, max_words = int(rule.get("min_run", 3)), int(rule.get("max_words", 80))
    seq, words = [], 0
    for i, it in enumerate(items):
        if it.kind == "clutter":
            continue
        if words >= CARD_ARTICLE_WORDS:
            seq.append(i)
        elif it.kind == "paragraph":
            words += it.words

    def blurb(i: int) -> bool:
        return items[i].kind == "paragraph" and items[i].words <= max_words

    def head(i: int) -> bool:
        return items[i].kind in ("heading", "") and not items[i].prose and not items[i].dateline

    def blurb_blocks(part: list[int]) -> int:  # blocks of the blurb that opens ``part`` (0: none)
        if part and blurb(part[0]):
            return 1
        # a blurb whose first line the dump gave as a line of its own
        return 2 if len(part) > 1 and blurb(part[1]) and head(part[0]) and \
            last_mark(items[part[0]].vis) not in _SENTENCE_END else 0

    def gap_ok(part: list[int]) -> bool:  # between two date lines: [blurb] then a few short lines
        k = blurb_blocks(part)
        return len(part) - k <= CARD_HEAD_LINES and all(head(i) for i in part[k:])

    dates = [p for p, i in enumerate(seq) if items[i].dateline and not _CLOCK.search(items[i].vis)]
    a = 0
    while a < len(dates):
        b = a
        while b + 1 < len(dates) and gap_ok(seq[dates[b] + 1:dates[b + 1]]):
            b += 1
        if b - a + 1 >= min_run:
            lo = dates[a]
            while lo > 0 and dates[a] - lo < 2 and head(seq[lo - 1]):
                lo -= 1
            hi = dates[b] + blurb_blocks(seq[dates[b] + 1:dates[b] + 3])
            for i in seq[lo:hi + 1]:
                decide(items[i], "clutter", rule.id, teaser=True)
        a = b + 1


#: A card's deck or caption stands at most this many kept blocks under its headline, author line or the list's
#: label.
CARD_DECK_REACH = 2
#: Marks that end a sentence: a kept block ending in one is a deck or a paragraph, not a headline (a headline
#: may ask a question).
_SENTENCE_END = frozenset(".!…。！:;")


def card_zone_pass(page: Page, rule: Rule) -> None:
    """Cards of other stories under a list label after the article ("More from The Example Weekly": picture
    caption, headline, deck, author): the kept blocks between the label and the next label (or the page's end)
    go when the zone keeps ``min_run`` other blocks or more, each a deck or caption of ``max_words`` words or
    fewer at most :data:`CARD_DECK_REACH` kept blocks under a title-like line (a heading, or a line of
    ``heading_words`` words or fewer without a full stop or in headline case) or the label, at least as many
    title-like lines (a headline and an author line a card), and no date line with a clock time (a live page's
    entries); or when ``min_run`` date lines or more (without a clock time) stand right under a title-like
    line there (cards with their own headline and date, blurbs of any length; under a box of such cards
    without blurbs, two paragraphs in a row and no date line further down are the article going on). The
    article's own text below an embedded label has longer paragraphs or more paragraphs than headings, and no
    dated headlines; a live page's entries are stamped with lines that are only a clock time
    (:data:`LIVE_STAMPS` of them or more in the zone). Only labels
    below the article's first :data:`CARD_ARTICLE_WORDS` kept paragraph words count. Linear in the page's
    blocks."""
    items = page.items
    min_run, max_words = int(rule.get("min_run", 3)), int(rule.get("max_words", 40))
    head_words = int(rule.get("heading_words", 24))

    def titled(it: Item) -> bool:
        return it.kind == "heading" or it.words <= head_words and (last_mark(it.vis) not in _SENTENCE_END
                                                                   or headline_case(it.vis))

    words, labels = 0, []
    for i, it in enumerate(items):
        if it.section:
            labels.append((i, words >= CARD_ARTICLE_WORDS))
        elif it.kind == "paragraph":
            words += it.words
    for (i, after), (end, _) in zip(labels, labels[1:] + [(len(items), False)]):
        if not after:
            continue
        kept = [k for k in range(i + 1, end) if items[k].kind in ("paragraph", "heading")]
        if sum(bool(_STAMP.match(items[k].vis.strip())) for k in range(i + 1, end)) >= LIVE_STAMPS:
            continue  # a live page's entries, stamped with clock times
        dated = [k for k in range(i + 2, end)
                 if items[k].dateline and not _CLOCK.search(items[k].vis) and titled(items[k - 1])]
        if kept and len(dated) >= min_run:
            # cards with a headline and a date line each (blurbs of any length); when the cards have no blurb
            # (a box of links), two paragraphs in a row right under the last one and no date line further down
            # (a thread's posts) are the article going on
            rest = [k for k in kept if k > dated[-1]]
            goes_on = len(rest) > 1 and all(items[k].kind == "paragraph" for k in rest[:2]) and not any(
                items[k].kind == "paragraph" for k in kept if k < dated[-1]) and not any(
                items[k].dateline for k in range(dated[-1] + 1, end))
            for k in kept:
                if not (goes_on and k > dated[-1]):
                    decide(items[k], "clutter", rule.id, teaser=True)
        elif _card_decks(items, kept, titled, i, end, min_run, max_words):  # decks under headlines
            for k in kept:
                decide(items[k], "clutter", rule.id, teaser=True)


def _card_decks(items: list[Item], kept: list[int], titled: Callable[[Item], bool], label: int, end: int,
                min_run: int, max_words: int) -> bool:
    """True when the ``kept`` blocks of a zone (blocks ``label`` + 1 to ``end``) are cards: ``min_run`` decks or
    more of at most ``max_words`` words, each at most :data:`CARD_DECK_REACH` kept blocks under a ``titled``
    line or the label, at least as many ``titled`` lines, and no date line with a clock time."""
    heads = [titled(items[k]) for k in kept]
    decks = len(heads) - sum(heads)
    if decks < min_run or sum(heads) < max(min_run, decks) or any(
            items[k].dateline and _CLOCK.search(items[k].vis) for k in range(label + 1, end)):
        return False
    last = -1  # the label stands above the first card
    for pos, (k, head) in enumerate(zip(kept, heads)):
        if head:
            last = pos
        elif items[k].words > max_words or pos - last > CARD_DECK_REACH:
            return False
    return True


#: Repeated prose is compared on word n-grams of this length.
SHINGLE = 5
#: A second copy of the article repeats at least this share of its words.
COPY_SHARE = 0.3


_SHINGLE_WORD = regex.compile(r"[\p{L}\p{N}]+")


def _shingles(text: str, size: int) -> list[int]:
    """Hashes of the lower-cased word ``size``-grams of a text (the whole text when shorter)."""
    words = _SHINGLE_WORD.findall(text.lower())
    if len(words) <= size:
        return [hash(tuple(words))] if words else []
    return [hash(tuple(words[k:k + size])) for k in range(len(words) - size + 1)]


def repeated_prose_pass(page: Page, rule: Rule) -> None:
    """Article paragraphs whose words the page has already given in kept blocks above (a second copy of
    the article, as a script or a printable version writes it out again): at least a ``threshold`` share
    of their word :data:`SHINGLE`-grams were seen, in runs of two such paragraphs or more that repeat at
    least :data:`COPY_SHARE` of the words of the other paragraphs. Only prose takes part: paragraphs of
    ``min_words`` words or more of which at least ``min_stop_share`` are stop words (a recipe or a plan
    repeats its item lines on purpose). Linear in the page's words."""
    size, share = SHINGLE, float(rule.get("threshold", 0.7))
    min_words = int(rule.get("min_words", 8))
    min_stop = float(rule.get("min_stop_share", 0.0))
    seen: set[int] = set()
    paragraphs: list[tuple[Item, bool]] = []  # (paragraph, repeated)
    for it in page.items:
        if it.kind not in ("paragraph", "heading"):
            continue
        grams = _shingles(it.vis, size)
        if it.kind == "paragraph" and it.words >= min_words and stop_share(block_words(it.vis)) >= min_stop:
            paragraphs.append((it, bool(grams) and sum(g in seen for g in grams) >= share * len(grams)))
        seen.update(grams)
    # a copy is a run of two repeated paragraphs or more that gives a good share of the article's words
    # again (one repeated alone is a refrain; a few repeated at the end, a fault of the article itself)
    first = sum(it.words for it, repeated in paragraphs if not repeated)
    k = 0
    while k < len(paragraphs):
        j = k
        while j < len(paragraphs) and paragraphs[j][1]:
            j += 1
        if j - k >= 2 and sum(it.words for it, _ in paragraphs[k:j]) >= COPY_SHARE * first:
            for it, _ in paragraphs[k:j]:
                decide(it, "clutter", rule.id)
        k = max(j, k + 1)


#: A horizontal rule kept as text: box-drawing characters a screen dump draws, or a markdown or plain-text rule.
_RULE_LINE = regex.compile(r"^[ \t]{0,12}(?:[\u2500-\u257F]{3,}|(?:[*\-_~=][ \t]{0,3}){3,})[ \t]{0,12}$")


def rule_line_pass(page: Page, rule: Rule) -> None:
    """Horizontal rules kept as article text ('━━━━', '* * *'): they go once every other pass has read the page
    with them where they stand."""
    for it in page.items:
        if it.kind in ("paragraph", "heading") and len(it.vis) <= MAX_PATTERN_CHARS and _RULE_LINE.match(it.vis):
            decide(it, "clutter", rule.id)


#: The name a paragraph opens with (one to four capitalised words, a bracketed handle after them) and the verb
#: after it that tells what the person is or does: an author bio's opening ("Meg James is a reporter ...",
#: "Beaumont covers national politics ...").
_BIO_LEAD = regex.compile(
    r"^\W{0,3}(?!(?:He|She|It|They|This|That|The|There|Here|We|I|You|Our|His|Her|Its|Their)\s)"
    r"((?:\p{Lu}[\p{L}'’\-]*\.?\s{1,3}){1,4})(?:\([^)\n]{1,60}\)\s{1,3})?"
    r"(?:is|was|has\sbeen|has\swritten|covers|covered|writes|wrote|reports|teaches|edits|hosts|joined|previously)\b")
#: What a bio says of the writer's work (a role word or a writing verb) in its first sentence.
_BIO_ROLE = regex.compile(
    r"(?i)\b(?:reporter|correspondent|journalist|editor|writer|columnist|contributor|producer|commentator|critic|"
    r"photographer|presenter|blogger|anchor|author|freelance|covers|writes|has\swritten|reports\s(?:on|for)|staff)\b")
#: A line telling the reader how to reach or follow the named writer ("Follow Tia Roe on Twitter", "You can
#: email Jo Lee here, and read more of Jo Lee's articles here", "Sam Roe may be reached at ..."): ``name`` is the
#: writer's name.
_CONTACT = regex.compile(
    r"(?:\b(?i:follow|e-?mail|contact|write\sto|more\sof|articles\sby)\s{1,3}"
    r"(?P<name>\p{Lu}[\p{L}'’\-]{1,30}(?:\s\p{Lu}[\p{L}'’\-]{1,30}){0,2})(?:['’]s)?\s{1,3}(?i:on|at|here|via|by|articles)\b"
    r"|(?P<name>\p{Lu}[\p{L}'’\-]{1,30}(?:\s\p{Lu}[\p{L}'’\-]{1,30}){0,2})\s(?i:may|can)\sbe\s(?i:reached|contacted))")
#: Words of a name line may stand up to this many blocks over the bio, through short blocks only (the author
#: box's name, then its links: "Meg James" / "Follow Us" / "twitter" / "email" / bio).
AUTHOR_BOX_REACH = 8
#: A block of at most this many words is a short line of an author box (a name, a link, a label).
AUTHOR_BOX_LINE_WORDS = 5
#: A contact line of the writer has at most this many words.
CONTACT_WORDS = 40


def _name_words(text: str) -> set[str]:
    """Case-folded words of three letters or more of a name (or of any short line)."""
    return {w.casefold() for w in regex.findall(r"\p{L}[\p{L}'’\-]{2,}", text)}


#: The group of a byline rule's pattern that holds the names it gives ("By Meg James | Staff" -> "Meg James").
BYLINE_NAMES = "names"
#: Marks a byline may open with ("— By Meg James", "• By ...").
_BYLINE_LEAD = regex.compile(r"^\W{1,3}(?=\w)")


def byline_tests(cfg: CleanConfig) -> tuple[BlockTest, ...]:
    """The enabled pattern rules that read a byline's names: those whose pattern has the group
    :data:`BYLINE_NAMES` (``meta.byline.v1`` and the dated forms of ``rules/clutter.toml``)."""
    return tuple(t for t in cfg.block_tests
                 if t.pattern is not None and not t.signal and BYLINE_NAMES in t.pattern.groupindex)


def byline_names(items: list[Item], cfg: CleanConfig) -> set[str]:
    """Case-folded words of the names the page's bylines give ("By Meg James" -> {meg, james}), read from the
    :data:`BYLINE_NAMES` group of the byline rules (:func:`byline_tests`) on undecided or dropped lines and
    metadata of at most their ``max_words`` words; a node page's "By" cut from its name at the name's link reads
    the next line as the name."""
    tests = byline_tests(cfg)
    names: set[str] = set()
    if not tests:
        return names
    longest = max(t.max_words for t in tests)
    for i, it in enumerate(items):
        if it.kind not in ("", "meta", "clutter") or it.words > longest:
            continue
        text = _BYLINE_LEAD.sub("", " ".join(it.vis.split()))
        if text.casefold() == "by" and i + 1 < len(items) and items[i + 1].words <= 4:
            text = f"By {' '.join(items[i + 1].vis.split())}"
        words = len(text.split())
        for t in tests:
            m = t.pattern.match(text, timeout=REGEX_TIMEOUT) if t.min_words <= words <= t.max_words else None
            if m is not None and m.group(BYLINE_NAMES):
                names |= _name_words(m.group(BYLINE_NAMES))
                break
    return names


def _box_names(items: list[Item], i: int) -> set[str]:
    """Words of the short lines right over block ``i`` (through short blocks only, up to
    :data:`AUTHOR_BOX_REACH` blocks): the name line of an author box."""
    words: set[str] = set()
    for k in range(i - 1, max(-1, i - 1 - AUTHOR_BOX_REACH), -1):
        if items[k].words > AUTHOR_BOX_LINE_WORDS or items[k].kind == "title":
            break
        words |= _name_words(items[k].vis)
    return words


def author_box_pass(page: Page, rule: Rule) -> None:
    """An author bio or the writer's contact line below the article's lead goes, whatever follows it, when the
    page names the person it is about as its writer: the bio opens with a name (:data:`_BIO_LEAD`, a verb of what
    the person is or does after it) and says what the writer does (:data:`_BIO_ROLE`) or an author-bio rule
    (``kind = "tail"``) matches it, and every word of that name is a name of the page's byline
    (:func:`byline_names`) or of the short lines of an author box right over it (:func:`_box_names`), or the name
    is printed twice at its start ("Pamela Roe Pamela Roe is ..."); a contact line of :data:`CONTACT_WORDS` words
    or fewer names a byline's writer (:data:`_CONTACT`: "Follow Tia Roe on Twitter"). Blocks of more than ``max_words`` words are prose
    of the article."""
    items = page.items
    max_words = int(rule.get("max_words", 120))
    byline = byline_names(items, page.cfg)
    start = first_prose(items)
    for i in range(start + 1, len(items)):
        it = items[i]
        if not undecided(it) or not it.vis or it.words > max_words:
            continue
        text = " ".join(it.vis.split())
        lead = _BIO_LEAD.match(text)
        if lead is not None and (it.role == "tail" or _BIO_ROLE.search(text, 0, 300)):
            name = _name_words(lead.group(1))
            glued = lead.group(1).split()
            twice = len(glued) >= 2 and len(glued) % 2 == 0 and glued[: len(glued) // 2] == glued[len(glued) // 2:]
            if name and (name <= byline or twice or name <= _box_names(items, i)):
                decide(it, "clutter", rule.id)
                continue
        if it.words <= CONTACT_WORDS and byline:
            named = (_name_words(m.group("name")) for m in _CONTACT.finditer(text, timeout=REGEX_TIMEOUT))
            if any(name and name <= byline for name in named):
                decide(it, "clutter", rule.id)


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
            and stamp.dateline and bool(_CLOCK.search(stamp.vis))
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
