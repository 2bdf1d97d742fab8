"""Classification passes over the blocks of a page: each decides some blocks' kind and names its rule.

The passes run in the order of :data:`STEPS`; a block decided by one pass is left alone by the later
ones. Pattern rules come first, then repetition, list shape, title, position and teaser signals. A pass
belongs to the rule of ``rules/clutter.toml`` whose ``signal`` names it (:data:`PASSES`), runs only while
that rule is on and reads its parameters from it; code finds rules by signal or by role field
(:meth:`CleanConfig.signal_rule`, :meth:`CleanConfig.flagged`), never by id.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Container, Iterable, Mapping

import regex

from .features import Item, headline_case, last_mark
from .dates import MAX_SCAN, DateMatch, find_date
from .dialect import MARKDOWN, NODES, PLAIN, TERMINAL, shown, visible
from .evidence import STOP_WORDS, block_features, block_words, score, stop_share
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


def has_date(text: str, cfg: CleanConfig) -> DateMatch | None:
    """The first date on ``text`` (only looked for when the text has a digit)."""
    if cfg.dates is None or not _DIGIT.search(text[:MAX_SCAN]):
        return None
    return find_date(text, cfg.dates, cfg.disabled)


def _date_line(text: str, cfg: CleanConfig) -> bool:
    """True when a line is a date and time and little else."""
    found = has_date(text, cfg)
    if found is None:
        return False
    rest = _CREDIT.sub(" ", text[: found.start] + " " + text[found.end:])
    left = [w for w in regex.findall(r"[\p{L}.]{2,}", rest) if w.lower().strip(".") not in _DATE_WORDS]
    return len(left) <= 1


#: A headline block may hold its date line (no blank line between them): blocks of at most this many lines
#: and words.
MAX_DATED_LINES = 3
MAX_DATED_WORDS = 45
#: ... and a date line has at most this many words.
DATE_LINE_WORDS = 15


def dated_line(text: str, cfg: CleanConfig) -> str | None:
    """The date line that opens or closes a block of 2 to :data:`MAX_DATED_LINES` lines with no blank line
    between ("Storm hits coast" / "Published 3 March 2024"): a line of at most :data:`DATE_LINE_WORDS` words
    that the date rules read as a date and little else, the other lines holding two words or more and no
    such date; None when the block is no such headline and date, or is a sentence that runs on into its
    closing date ("The board last met on" / "March 3, 1987.")."""
    lines = [x.strip() for x in text.split("\n") if x.strip()]
    if not 2 <= len(lines) <= MAX_DATED_LINES:
        return None
    for k in (0, len(lines) - 1):
        line = lines[k]
        if len(line.split()) <= DATE_LINE_WORDS and _date_line(line, cfg):
            rest = " ".join(lines[1:] if k == 0 else lines[:-1])
            words = regex.findall(r"\p{L}{2,}", rest)
            runs_on = k > 0 and (rest[-1:] in ",;:" or bool(words) and words[-1].lower() in STOP_WORDS)
            return line if len(words) >= 2 and not runs_on and not _date_line(rest, cfg) else None
    return None


def dated_headline(item: Item, dialect: str, cfg: CleanConfig) -> tuple[str, str] | None:
    """(headline, date line) of a block that is a headline with its date line on the line under or over it
    (:func:`dated_line`, on the block's lines as the dialect shows them): the headline as visible text
    without the date line, the date line as shown; None for any other block (cheap: only a block of at
    most :data:`MAX_DATED_WORDS` words holding a date is looked at line by line)."""
    if item.words > MAX_DATED_WORDS or "\n" not in item.span.text or has_date(item.vis, cfg) is None:
        return None
    line = dated_line(shown(item.span.text, dialect), cfg)
    if line is None:
        return None
    date = visible(line, dialect)[0]
    head = item.head
    if head.endswith(date):
        head = head[:-len(date)]
    elif head.startswith(date):
        head = head[len(date):]
    return head.strip(), line


def _date_only(item: Item, cfg: CleanConfig) -> bool:
    """True when the block is a date and time and little else (weekday, zone, labels)."""
    return _date_line(item.vis, cfg)


#: A block this much inside links is a link and nothing else.
LINK_ONLY_SHARE = 0.95


def _link_only(item: Item, cfg: CleanConfig) -> bool:
    """True when the block's visible text is all link text (only in dialects that show links)."""
    return item.link >= LINK_ONLY_SHARE and item.words > 0


#: Block signals: tests of one block coded here, run in file order with the pattern rules.
BLOCK_SIGNALS: dict[str, Callable[[Item, CleanConfig], bool]] = {DATE_ONLY: _date_only, "link_only": _link_only}


def _matches(item: Item, test: BlockTest, cfg: CleanConfig, text: str | None = None) -> bool:
    """True when a block-level rule applies to the block (its pattern searched in ``text``, default the
    block's visible text)."""
    if not test.min_words <= item.words <= test.max_words:
        return False
    if test.signal:
        return BLOCK_SIGNALS[test.signal](item, cfg)
    text = item.vis if text is None else text
    if len(text) > MAX_PATTERN_CHARS or not test.pattern.search(text, timeout=REGEX_TIMEOUT):
        return False
    return not test.date or has_date(text, cfg) is not None


def _set(item: Item, kind: str, rule: str, teaser: bool = False) -> None:
    item.kind, item.rule, item.teaser = kind, rule, teaser


def _free(item: Item) -> bool:
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
    #: (:func:`glued_kicker`).
    kicker_words: int = 0


#: The signal of the block model rule (its ``weights`` score every block of the page).
BLOCK_MODEL = "block_model"


def _for_dialect(page: Page, rule: Rule) -> bool:
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
#: ... of at most this many words each (a date line, a caption credit, a share label).
NEAR_GAP_WORDS = 8


def _near_runs(items: list[Item], scores: list[float], threshold: float, near: float) -> set[int]:
    """Blocks of "near" article text kept by their context (as jusText keeps its near-good paragraphs):
    undecided prose blocks of :data:`SMOOTH_WORDS` words or more that the model scores from ``near`` up to
    ``threshold``, in a run with kept prose (or the title) on both sides: the nearest block outside the run
    that is not filler (at most :data:`NEAR_GAP` blocks of :data:`NEAR_GAP_WORDS` words or fewer) is an
    undecided prose block scored ``threshold`` or more, or the title above. Linear in the page's blocks."""
    n = len(items)

    def is_near(k: int) -> bool:
        it = items[k]
        return _free(it) and it.prose and it.words >= SMOOTH_WORDS and near <= scores[k] < threshold

    def good(k: int) -> bool:
        it = items[k]
        return _free(it) and it.prose and it.words >= SMOOTH_WORDS and scores[k] >= threshold

    def filler(k: int) -> bool:
        return not is_near(k) and not good(k) and items[k].kind != "title" and items[k].words <= NEAR_GAP_WORDS

    def edge(k: int, step: int, title_ok: bool) -> bool:
        gaps = 0
        while 0 <= k < n and filler(k) and gaps < NEAR_GAP:
            k, gaps = k + step, gaps + 1
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
        if edge(i - 1, -1, True) and edge(run[-1] + 1, 1, False):
            kept.update(run)
        i = run[-1] + 1
    return kept


#: A list item of a dump: a bullet or a number mark ('* ', '• ', '1. ', '2) ') at the start of the block.
_ITEM_MARK = regex.compile(r"[ \t]{0,12}(?:[*+•□◦▪]|-(?=\s)|\d{1,2}[.)](?=\s))\s")
#: A link anywhere in a block of a dump: a markdown link target or a screen dump's link number.
_ANY_LINK = regex.compile(r"\]\(|\[\d{1,5}\]")
#: A list of the article is at least this many items, each of at most this many words; two lists with a
#: short heading of at most this many words between them ('Method') are one.
PLAIN_LIST_ITEMS = 2
PLAIN_ITEM_WORDS = 40
LIST_HEADING_WORDS = 6


def _plain_item(it: Item) -> bool:
    """True when an undecided block is a list item without a link (:data:`_ITEM_MARK`, :data:`_ANY_LINK`)."""
    return _free(it) and 1 <= it.words <= PLAIN_ITEM_WORDS and it.link == 0 \
        and _ITEM_MARK.match(it.span.text) is not None and _ANY_LINK.search(it.span.text) is None


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
        if zones and first == zones[-1][1] + 1 and _free(gap := items[first - 1]) and gap.short \
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
        return _free(items[k]) and not items[k].rule and items[k].prose

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
                and it.link == 0 and _ANY_LINK.search(it.span.text) is None and last_mark(it.vis) in ".!?":
            kept.add(k)
            gaps = 0
            continue
        if chain and it.kind == "clutter" and it.words <= NEAR_GAP_WORDS and gaps < NEAR_GAP:
            gaps += 1  # an embed the article runs past: 'Advertisement', 'Read more: ...', a video label
            continue
        chain = (chain or k == last) and free(k) and scores[k] >= threshold
        gaps = 0
    return kept


#: The article's lead under the title: prose blocks at most this many blocks below the title ...
LEAD_REACH = 10
#: ... and at most this many blocks above the first prose block the model keeps.
LEAD_BELOW = 8


def _lead(items: list[Item], title: int | None, good: Callable[[int], bool]) -> set[int]:
    """The article's lead (standfirst, first paragraph) that the model doubts for the short lines around it (a
    byline, a date, a photo credit): undecided prose blocks of :data:`SMOOTH_WORDS` words or more without links,
    ending a sentence, at most :data:`LEAD_REACH` blocks under the title and :data:`LEAD_BELOW` blocks above the
    first block ``good`` says is kept article prose, with no such block between the title and them. Linear in
    the page's blocks."""
    if title is None:
        return set()
    first = next((k for k in range(title + 1, len(items)) if good(k)), None)
    if first is None:
        return set()
    return {k for k in range(max(title + 1, first - LEAD_BELOW), min(first, title + 1 + LEAD_REACH))
            if _free(items[k]) and items[k].prose and items[k].words >= SMOOTH_WORDS and items[k].link == 0
            and _ANY_LINK.search(items[k].span.text) is None and last_mark(items[k].vis) in ".!?"}


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
                and good(last + 1) and all(items[x].link == 0 and _ANY_LINK.search(items[x].span.text) is None
                                           for x in range(first, last + 1)):
            out.update(range(first, last + 1))
        k = j + 1
    return out


def _model_pass(page: Page, rule: Rule) -> None:
    """On pages of the rule's ``dialects``: undecided blocks without visible text, and those the block model
    scores below the rule's ``threshold``, are not article text; blocks that rules marked
    ``model_may_override`` decided inside the densest run of prose are article text when the model scores
    them ``sure`` or higher. The longest prose block of the densest run stays (the page has an article). A
    short block the model scores low between two kept prose blocks (the nearest undecided blocks of :data:`SMOOTH_WORDS` words or
    more, at most :data:`SMOOTH_REACH` blocks away on each side, or the title above): an article heading
    (context smoothing). Lists without links (:func:`_plain_list_zones`) with kept prose or the title above
    and kept prose below or inside are article text, and count as kept prose for the smoothing; so are
    near article text in a run (:func:`_near_runs`) and the article's short closing lines
    (:func:`_tail_sentences`), and so is the first part of a paragraph an embed cut in two whose second part
    the model keeps (:func:`_cut_by_embed`). The article's lead under the title (:func:`_lead`) stays, and so
    does a short gap of dropped blocks between kept text and kept prose (:func:`_gaps`)."""
    if not _for_dialect(page, rule):
        return
    threshold = float(rule.get("threshold", 0.5))
    items, scores = page.items, model_scores(page)
    n = len(items)

    listed: set[int] = set()

    def good(k: int) -> bool:
        return k in listed or _free(items[k]) and items[k].words >= SMOOTH_WORDS and scores[k] >= threshold

    def side(rng: range) -> bool:
        k = next((k for k in rng if k in listed or _free(items[k]) and items[k].words >= SMOOTH_WORDS
                  or items[k].kind == "title"), None)
        return k is not None and (good(k) or items[k].kind == "title")

    for first, end in _plain_list_zones(items):  # lists of the article (ingredients, steps, key points)
        if side(range(first - 1, max(-1, first - 1 - SMOOTH_REACH), -1)) and (
                side(range(end, min(n, end + SMOOTH_REACH))) or any(good(k) for k in range(first, end))):
            listed.update(range(first, end))

    sure = float(rule.get("sure", 0.85))
    soft = page.cfg.flagged("model_may_override")
    near = rule.get("near")
    rescued = _near_runs(items, scores, threshold, float(near)) \
        | _tail_sentences(items, scores, threshold, float(near), page.run) if near is not None else set()
    run_start, run_end = page.run
    # the page has an article: the longest prose block of the densest run stays whatever its score
    anchor = max((k for k in range(run_start, run_end) if _free(items[k]) and items[k].prose),
                 key=lambda k: items[k].words, default=None)
    lead = _lead(items, page.title, good)
    drop: list[int] = []
    for i, (it, p) in enumerate(zip(items, scores)):
        if i == anchor:
            continue
        if it.rule in soft and p >= sure and run_start <= i < run_end and it.words:
            _set(it, "", "")  # a rule of page shapes against sure article text inside the prose run
            it.teaser = False
            continue
        if _free(it) and not it.vis:
            _set(it, "clutter", rule.id)  # markup only: an image, an empty link or list mark
            continue
        if not _free(it) or p >= threshold or i in rescued or i in listed:
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
        return _free(items[k]) and k not in dropped and bool(items[k].vis) or items[k].kind == "title"

    gaps = _gaps(items, drop, stays, good)
    for i in drop:
        if i not in gaps:
            _set(items[i], "clutter", rule.id)


def _pattern_pass(page: Page) -> None:
    """Block-level rules (patterns, block signals), the first match in file order decides."""
    items, cfg = page.items, page.cfg
    tests, index = cfg.block_tests, cfg.block_index
    seen: dict[str, BlockTest | None] = {}  # short lines repeat (menus, labels): decide each text once
    nodes = page.dialect == NODES
    for it in items:
        text = it.vis
        if text in seen:
            hit = seen[text]
        else:
            # a node dump's block of several lines is one sentence cut at its inline elements: read it whole
            flat = " ".join(text.split()) if nodes and "\n" in text else text
            possible = index.possible(flat)  # a rule whose needed words are missing cannot match
            hit = next((r for k, r in enumerate(tests) if possible >> k & 1
                        and r.min_words <= it.words <= r.max_words and _matches(it, r, cfg, flat)), None)
            if len(text) <= 200:
                seen[text] = hit
        if hit is None:
            continue
        it.frame = hit.frame
        if hit.kind == "meta":
            _set(it, "meta", hit.id)
            it.dateline = hit.signal == DATE_ONLY
        elif hit.kind == "tail":  # decided by :func:`_tail_pass`
            it.role, it.rule = "tail", hit.id
        else:
            it.role = hit.kind if hit.kind in ("comment", "attribution") else ""
            it.whole = hit.whole
            _set(it, "clutter", hit.id, teaser=hit.kind == "teaser")
            it.section, it.marker = hit.kind == "section", hit.kind == "marker"


def _adjacent_repeat_pass(page: Page, rule: Rule) -> None:
    """Adjacent duplicate lines (teaser titles): both copies go."""
    items, adjacent = page.items, rule.id
    for a, b in zip(items, items[1:]):
        if a.key == b.key and a.key and (_free(a) or a.rule == adjacent) and _free(b):
            _set(a, "clutter", adjacent, teaser=True)
            _set(b, "clutter", adjacent, teaser=True)


def _repeat_pass(page: Page, rule: Rule) -> None:
    """Later copies of short lines."""
    seen: set[str] = set()
    for it in page.items:
        if it.key in seen and _free(it) and not it.prose:
            _set(it, "clutter", rule.id)
        seen.add(it.key)


def _first_prose(items: list[Item]) -> int:
    """Index of the first undecided prose block (len(items) when none)."""
    return next((i for i, it in enumerate(items) if _free(it) and it.prose), len(items))


def _listed_lines(it: Item) -> bool:
    """True when every line of a block of two or more lines opens with a list mark ("- ", "• ", "1. "): a list
    written without blank lines, which reads as prose by its length."""
    lines = [line for line in it.span.text.split("\n") if line.strip()]
    return len(lines) >= 2 and all(_ITEM_MARK.match(line) for line in lines)


def _section_pass(page: Page, rule: Rule) -> None:
    """Lists under a label ("Top stories") up to the next prose (a block whose every line is a list item is
    still the list); the title-like line just above that prose stays."""
    items, rid = page.items, rule.id
    dateline = page.cfg.signal_rule(DATE_ONLY).id
    i, n = 0, len(items)
    while i < n:
        if not items[i].section:
            i += 1
            continue
        j, zone = i + 1, []
        while j < n and not (_free(items[j]) and items[j].prose and not _listed_lines(items[j])
                             and not _question_item(items[j])) and not items[j].section:
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
                        _set(x, "meta", dateline)
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
    return k is not None and _free(items[k]) and items[k].prose


def _link_run_pass(page: Page, rule: Rule) -> None:
    """Runs of short lines (menus, headline lists) outside the article body."""
    items, rid = page.items, rule.id
    min_run, max_words = int(rule.get("min_run", 3)), int(rule.get("max_words", 16))
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


def _found_title(page: Page, i: int, rule: Rule) -> None:
    _set(page.items[i], "title", rule.id)
    page.title, page.title_settled = i, True


def _title_metadata_pass(page: Page, rule: Rule) -> None:
    """The title given by crawler or HTML metadata, where a block shows it (before the first prose); on
    extracted text without such a block, no title block at all."""
    items, doc = page.items, page.doc
    if page.title_settled or not doc.title:
        return
    limit = min(_first_prose(items), len(items))
    may = page.cfg.flagged("title_may_override")
    want = _norm_title(doc.title)
    for i in range(limit):
        it = items[i]
        if (not it.rule or it.rule in may) and it.words <= 80 and _same_title(_norm_title(it.head), want):
            _found_title(page, i, rule)
            return
    if doc.extracted:
        page.title_settled = True


def _title_tagged_pass(page: Page, rule: Rule) -> None:
    """The first undecided line with a tag suffix before the first prose (on pages of the rule's ``dialects``)."""
    items = page.items
    if page.title_settled or not _for_dialect(page, rule):
        return
    for i in range(min(_first_prose(items), len(items))):
        if _free(items[i]) and items[i].tags:
            _found_title(page, i, rule)
            return


#: Separators between a headline and a site or section name in a page's title line.
_SITE_SEPARATOR = regex.compile(r"\s(?:[|｜•·:–—\-]|::|«|»|/)\s")
_MD_HEADING = regex.compile(r"(#{1,6})\s")
#: A list item of a markdown or screen dump (a menu entry, not a headline).
_LIST_MARK = regex.compile(r"\s{0,12}(?:[*+•□◦▪]|-(?=\s))\s")
#: A photo caption ("Jo Lee (left) and ...", "Photo illustration by ...", "Image: ...") or a posting line
#: ("Posted on 27 October by Admin"): never the headline, whatever the language of its date.
_NOT_HEADLINE = regex.compile(r"(?i)\((?:far\s)?(?:left|right|centre|center|top|bottom|front|back)\)|\bphoto(?:graph)?\s"
                              r"(?:illustration\s)?(?:by|courtesy)\b|\b(?:photo|image|picture)s?\s?:\s|"
                              r"^\W{0,3}(?:posted|published|updated)\s(?:on|at)\b")
#: A form field as a screen dump shows it: a text box or a drop-down list in brackets ending with blanks
#: ("Search: [          ]", "Sort by [date ]"). A line holding one is a form, never the headline.
_FORM_FIELD = regex.compile(r"\[[^\]\n]{0,60}[ _]\]")
#: How many blocks above the start of the article the headline is looked for.
HEADLINE_WINDOW = 60
#: ... and how many blocks below it (a headline under a lead picture the block model took for the start).
HEADLINE_BELOW = 12


def strip_site(title: str) -> str:
    """The headline of a title line that names the site or section too ("Headline - Site", "Site | Headline"):
    its longest part when every other part has at most four words; else the line."""
    parts = [p.strip() for p in _SITE_SEPARATOR.split(title) if p.strip()]
    if len(parts) < 2:
        return title
    longest = max(parts, key=lambda p: len(p.split()))
    if all(len(p.split()) <= 4 for p in parts if p is not longest) and len(longest.split()) >= 2:
        return longest
    return title


#: A byline line: "By Jane Doe", "Analysis by ...", "Words: ...", "Reporter: ...".
_BYLINE = regex.compile(r"(?i)^\W{0,3}(?:(?:(?:news\s)?analysis|opinion|commentary|story|written|posted|reported|"
                       r"words|photos?|text|video)\s{1,2}by|by|words|text|reporter|author)\b\s{0,2}[:：]?(?:\s|$)"
                       r"(?!\s{0,2}(?:the|a|an|this|that|then|far|now|way|all|means|design|default)\b)")
#: A kicker over a headline: one to six words in capitals ("BLACK DEATH FEARS").
KICKER_WORDS = 6


def _kicker(line: str) -> bool:
    """True when a line is a short label in capital letters (a kicker above the headline)."""
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and len(line.split()) <= KICKER_WORDS and all(c.isupper() for c in letters) \
        and any(c.isupper() for c in letters) and len(letters) >= 3


#: A kicker word in capitals set before the headline on its own line ("EXCLUSIVE Star quits show"), with no
#: colon or dash after it (a headline that writes "EXCLUSIVE: ..." keeps it), before a capitalised word in
#: mixed case.
_KICKER_START = regex.compile(r"(?:EXCLUSIVE|BREAKING(?:\sNEWS)?|WATCH|VIDEO|PICTURED|PICTURES|PHOTOS|REVEALED|OPINION"
                              r"|ANALYSIS|EXPLAINER|SPONSORED|PREMIUM)\s{1,3}(?=\p{Lu}\p{Ll})")


def _without_kicker(line: str) -> str:
    """The headline without a kicker word before it on the same line (:data:`_KICKER_START`)."""
    m = _KICKER_START.match(line)
    return line[m.end():] if m and any(c.islower() for c in line[m.end():]) else line


#: A headline a screen dump shows twice with nothing between ("Lemon cake from the trayLemon cake from the tray":
#: a picture's text and the heading on one line) has at least this many characters.
GLUED_MIN_CHARS = 8


def _unglued(line: str) -> str:
    """``line`` without the second copy of a text of :data:`GLUED_MIN_CHARS` characters or more that ends it
    glued to its first copy (no space between them); else the line. Short lines only (headlines)."""
    if len(line) > 400:
        return line
    for size in range(len(line) // 2, GLUED_MIN_CHARS - 1, -1):
        tail = line[-size:]
        if line[-2 * size:-size] == tail and not tail[0].isspace() and not line[-size - 1].isspace():
            return line[:-size]
    return line


def headline_text(text: str, cfg: CleanConfig) -> str:
    """The headline of a title block: without date lines, a capitalised kicker above a headline in mixed
    case or a kicker word before it on its line ("EXCLUSIVE Star quits show", :data:`_KICKER_START`), and a
    byline with what follows it; the remaining lines joined with single spaces (a line cut at an inline
    element, or hard-wrapped, continues the one above). One line: stripped. A headline shown twice on its
    line with nothing between is read once (:func:`_unglued`)."""
    lines = [_unglued(" ".join(x.split())) for x in text.split("\n")]
    lines = [x for x in lines if x]
    if len(lines) <= 1:
        return _without_kicker(lines[0]) if lines else ""
    kept: list[str] = []
    for k, line in enumerate(lines):
        if _BYLINE.match(line) and (kept or k + 1 < len(lines)):
            break  # a byline: it and what follows it (name, role, date) are not the headline
        if len(line.split()) <= 15 and _date_line(line, cfg):
            continue
        if not kept and _kicker(line) and any(c.islower() for x in lines[k + 1:] for c in x):
            continue
        kept.append(line if kept else _without_kicker(line))
    return regex.sub(r"\s+([,.;:!?])", r"\1", " ".join(kept)) if kept else " ".join(lines)


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


def _article_start(page: Page) -> int:
    """Index of the first block of the article: the first prose block the block model keeps, at the latest
    the start of the densest run of prose."""
    scores, threshold = model_scores(page), float(page.cfg.signal_rule(BLOCK_MODEL).get("threshold", 0.5))
    first = next((i for i, it in enumerate(page.items) if _free(it) and it.prose and it.words >= 15
                  and scores[i] >= threshold), len(page.items))
    return min(first, page.run[0]) if page.run[1] > page.run[0] else first


#: Evidence about a headline candidate (the ``weights`` of the headline rule are keyed by these names).
HEADLINE_FEATURES: tuple[str, ...] = (
    "mid_length", "few_words", "words", "repeated", "shown_twice", "in_title_line", "in_longer_line", "many_copies", "sentence", "md_h1", "md_h2", "capital",
    "headline_case", "date_below", "linked", "distance", "model", "title_line", "after_list", "slug", "lead_words", "below_start",
    "stop", "sentence_below", "headline_above", "you", "ends_period", "own_slug", "title_cover", "sole_h1",
    "byline_below", "alike_below", "alike_above", "starts_link", "picture_above", "credit_below",
)
#: A URL slug word pair found in this many link targets or more belongs to the page's own address (share
#: links repeat it).
OWN_SLUG_LINKS = 3
_YOU = regex.compile(r"(?i)\b(?:you|your|you're|yours)\b")
#: A link target in a dump: a URL, or a markdown link's site-relative target.
_URL = regex.compile(r"(?:https?://|file:///|\]\(/)[^\s)\]]{1,2000}")
_URL_PART = regex.compile(r"[/?&=#.;]|%2f|%3a|%3f|%3d|%26")
_SLUG_SPLIT = regex.compile(r"[-_+]|%20")
_APOSTROPHE = regex.compile(r"['’‘]")
#: Words of the article start that a headline is compared with.
LEAD_WORDS = 80


def _slug_words(text: str) -> list[str]:
    """Lower-cased letter and digit runs of a line as a URL slug spells them (apostrophes dropped)."""
    return regex.sub(r"[^\p{L}\p{N}]+", " ", _APOSTROPHE.sub("", text.lower())).split()


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


def _slug_share(words: list[str], slugs: Container[tuple[str, str]]) -> float:
    """Share of a line's word pairs found in the page's URL slugs (0 for a line of one word)."""
    pairs = list(zip(words, words[1:]))
    return sum(p in slugs for p in pairs) / len(pairs) if pairs and slugs else 0.0


def _lead_words(items: list[Item], start: int) -> frozenset[str]:
    """Words of four letters or more in the first :data:`LEAD_WORDS` words of the article from ``start``."""
    words: list[str] = []
    for it in items[start:]:
        if it.prose and not it.rule:
            words += _slug_words(it.vis[:2000])
            if len(words) >= LEAD_WORDS:
                break
    return frozenset(w for w in words[:LEAD_WORDS] if len(w) >= 4)


def _near(items: list[Item], order: range) -> int | None:
    """The first block in ``order`` that is not metadata, clutter or a date line (None when none)."""
    return next((k for k in order if items[k].kind not in ("meta", "clutter") and not items[k].dateline), None)


def _headline_shape(it: Item) -> bool:
    """True when a block reads as a headline: 4 to 30 words, no sentence end, not a link."""
    return 4 <= it.words <= 30 and it.vis.rstrip()[-1:] not in ".:," and it.link <= 0.5 and not it.prose


#: A block that starts with a link: a markdown link or a screen dump's link number (after a list or heading mark).
_LINK_START = regex.compile(r"[ \t]{0,12}(?:[*+•\-][ \t]+|#{1,6}[ \t]+)?(?:\*\*|__)?\[(?:\d{1,5}\][ ]?(?=\S)|[^\]\n]{1,300}\]\()")


#: A picture alone in its block: a markdown image (maybe inside a link) or a screen dump's picture name in
#: brackets (not a link number).
_PICTURE = regex.compile(r"[ \t]{0,12}(?:\[?!\[[^\]\n]{0,300}\]\([^)\n]{0,2000}\)(?:\]\([^)\n]{0,2000}\))?"
                         r"|\[(?!\d{1,5}\])[^\]\n]{1,80}\])[ \t]{0,3}")


def _picture(it: Item) -> bool:
    """True when a block is a picture and nothing else (:data:`_PICTURE`)."""
    return len(it.span.text) <= 2400 and _PICTURE.fullmatch(it.span.text) is not None


def _echoed_caption(items: list[Item], i: int, norm: str) -> bool:
    """True when a longer block within two blocks of block ``i`` labels its text as a picture's caption
    ('Image: <the same words>'): the block is the caption shown twice, not a headline."""
    for k in range(max(0, i - 2), min(len(items), i + 3)):
        if k != i and len(items[k].vis) <= 600 and _NOT_HEADLINE.search(items[k].vis) is not None \
                and norm in _norm_title(items[k].vis):
            return True
    return False


def _alike(a: Item, b: Item, cfg: CleanConfig) -> bool:
    """True when two blocks read as neighbours in a list of headlines: both of 4 to 30 words, no sentence
    end, neither a byline nor a date line, lengths within a factor of two, both links or neither, and two
    different headlines (less than half of their words shared: not one headline shown twice)."""
    if not (all(4 <= x.words <= 30 and x.vis.rstrip()[-1:] not in ".:!?" and x.kind != "meta" for x in (a, b))
            and max(a.words, b.words) <= 2 * min(a.words, b.words)
            and (_LINK_START.match(a.span.text) is None) == (_LINK_START.match(b.span.text) is None)):
        return False
    wa, wb = set(_slug_words(a.vis)), set(_slug_words(b.vis))
    return len(wa & wb) * 2 < min(len(wa), len(wb)) and not _BYLINE.match(a.vis) and not _BYLINE.match(b.vis) \
        and has_date(a.vis, cfg) is None and has_date(b.vis, cfg) is None


#: A byline this many blocks under a headline, not counting link lines taken for clutter between (a share
#: bar, a comment count), is the headline's; such lines are skipped up to :data:`BYLINE_SKIP` blocks.
BYLINE_REACH = 2
BYLINE_SKIP = 2


def _byline_below(items: list[Item], i: int) -> bool:
    """True when a byline is among the :data:`BYLINE_REACH` blocks under block ``i``, not counting up to
    :data:`BYLINE_SKIP` link lines taken for clutter (a comment count, a share bar)."""
    seen = skipped = 0
    for k in range(i + 1, min(len(items), i + 1 + BYLINE_REACH + BYLINE_SKIP)):
        if _BYLINE.match(items[k].vis) is not None:
            return True
        if items[k].kind == "clutter" and items[k].link > 0.5 and skipped < BYLINE_SKIP:
            skipped += 1
            continue
        seen += 1
        if seen >= BYLINE_REACH:
            return False
    return False


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
    """True when ``line`` repeats the headline ``norm`` (as :func:`_norm_title` gives it) as a part of its own
    set apart by a separator or a colon, or with at most :data:`ECHO_EXTRA_WORDS` words more: a title line, a
    share label or a picture's label, not a longer headline that starts with the same words."""
    return len(_norm_title(line).split()) <= len(norm.split()) + ECHO_EXTRA_WORDS \
        or any(_norm_title(part) == norm for part in _ECHO_SPLIT.split(line))


def site_names(lines: Iterable[str]) -> frozenset[str]:
    """Site and section names the page's title lines give after their headline (as :func:`_norm_title`
    gives them): of each line that :func:`strip_site` cuts to a headline before its last part, the parts after
    the headline with fewer words than it, one by one and, when all are, joined ("Headline of the day - Section
    | Site": "section", "site", "section site")."""
    out: set[str] = set()
    for line in lines:
        head = strip_site(line)
        if head is line:
            continue
        parts = [p.strip() for p in _SITE_SEPARATOR.split(line) if p.strip()]
        after = parts[parts.index(head) + 1:]
        # a part as long as the headline may be the headline itself ("Site Tech Blog | Managing Environments")
        shorter = [p for p in after if len(p.split()) < len(head.split())]
        out.update(_norm_title(p) for p in shorter)
        if len(shorter) == len(after):
            out.add(_norm_title(" ".join(after)))
    return frozenset(x for x in out if x)


def _md_level(it: Item) -> int:
    """Heading level of a markdown block ('# Title' is 1; 0 when the block is no heading)."""
    m = _MD_HEADING.match(it.span.text)
    return len(m.group(1)) if m else 0


def headline_candidates(page: Page, rule: Rule) -> list[tuple[int, dict[str, float]]]:
    """(block index, evidence) of every headline candidate of the page: title-like lines within
    :data:`HEADLINE_WINDOW` blocks above the start of the article, and on a page of node lines its first
    line (the page's title line)."""
    items = page.items
    start = _article_start(page)
    scores = model_scores(page)
    may = page.cfg.flagged("title_may_override")
    max_words = int(rule.get("max_words", 30))
    lo = max(0, start - HEADLINE_WINDOW)
    # lines a headline may be repeated in: the page's first lines (a title line) and those near the article
    others = [(k, _norm_title(items[k].vis)) for k in sorted({*range(min(5, len(items))), *range(lo, start)})
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
    lines = [0] if page.dialect == NODES and start > 0 and lo > 0 and _title_line(items[0]) else []
    below = list(range(start, min(len(items), start + HEADLINE_BELOW)))
    h1 = [k for k, x in enumerate(items) if page.dialect == MARKDOWN and _md_level(x) == 1]
    sole = h1[0] if len(h1) == 1 else None
    credits = page.cfg.flagged("credit")
    far = [sole] if sole is not None and not lo <= sole < start + HEADLINE_BELOW else []
    heads = page.dialect == MARKDOWN
    for i in [*lines, *range(lo, start), *below, *far]:
        it = items[i]
        if it.rule and it.rule not in may or it.words < 2 or it.words > max_words or it.prose and it.words > 20:
            continue
        if i >= start and it.prose and it.vis.rstrip()[-1:] in ".!?" and not (heads and _md_level(it)):
            continue  # a sentence of the article, not a headline under its start (a question in a heading may be)
        norm = _norm_title(it.vis)
        if not norm or it.vis[:1] in "([{!" or it.vis.rstrip()[-1:] in ":," or _LIST_MARK.match(it.span.text) \
                or _BYLINE.match(it.vis) or _NOT_HEADLINE.search(it.vis) or (
                it.words <= 15 and has_date(it.vis, page.cfg) is not None and not _lone_dated_headline(page, i)) \
                or _echoed_caption(items, i, norm) or norm in sites \
                or page.dialect == TERMINAL and _FORM_FIELD.search(it.vis) is not None:
            continue  # a caption credit, a label, a date line (not a headline with its date line), a caption,
            # the site's name or a form
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
        words = _slug_words(it.vis)
        title_line = i == 0 and page.dialect == NODES
        long_words = [w for w in words if len(w) >= 4]
        below_k = _near(items, range(i + 1, min(len(items), i + 3)))
        above_k = _near(items, range(i - 1, max(-1, i - 3), -1))
        out.append((i, {
            "mid_length": float(4 <= it.words <= 25),
            "few_words": float(it.words <= 3),
            "words": min(it.words, 15) / 15,
            "repeated": float(copies <= 2 and (shown_twice or in_title_line or in_longer_line)),
            "shown_twice": float(shown_twice),
            "in_title_line": float(in_title_line),
            "in_longer_line": float(in_longer_line),
            "many_copies": float(copies > 2),
            "sentence": float(it.vis.rstrip()[-1:] == "." and it.words >= 6),
            "md_h1": float(heading is not None and len(heading.group(1)) == 1),
            "md_h2": float(heading is not None and len(heading.group(1)) > 1),
            "capital": float(it.vis[:1].isupper() or it.vis[:1].isdigit()),
            "headline_case": float(headline_case(it.vis)),
            "date_below": float(nxt is not None and (nxt.kind == "meta" or nxt.words <= 25
                                                     and has_date(nxt.vis, page.cfg) is not None)),
            "linked": float(it.link > 0.5),
            "distance": min(abs(start - i), HEADLINE_WINDOW) / 10,
            "below_start": float(i >= start),
            "model": scores[i],
            "title_line": float(title_line),
            "after_list": float(prev is not None and (prev.kind == "clutter" or _LIST_MARK.match(prev.span.text)
                                                      is not None)),
            "slug": _slug_share(words, slugs),
            "lead_words": sum(w in lead for w in long_words) / len(long_words) if long_words else 0.0,
            "stop": sum(w in STOP_WORDS for w in words) / len(words) if words else 0.0,
            "sentence_below": float(below_k is not None and items[below_k].words >= max(12, it.words + 4)
                                    and items[below_k].vis.rstrip()[-1:] in ".!?\"”’"),
            "headline_above": float(above_k is not None and _headline_shape(items[above_k])),
            "you": float(_YOU.search(it.vis) is not None),
            "ends_period": float(it.vis.rstrip()[-1:] in ".!"),
            "own_slug": _slug_share(words, own),
            "title_cover": max(covers, default=0.0),
            "sole_h1": float(i == sole),
            "byline_below": float(_byline_below(items, i)),
            "alike_below": float(nxt is not None and _alike(it, nxt, page.cfg)),
            "alike_above": float(prev is not None and _alike(it, prev, page.cfg)),
            "starts_link": float(_LINK_START.match(it.span.text) is not None),
            "picture_above": float(prev is not None and _picture(prev)),
            "credit_below": float(nxt is not None and nxt.rule in credits),
        }))
    return out


#: A standfirst: a sentence of this many words or more ending with a full stop, under the headline; the
#: headline-shaped line at most :data:`STANDFIRST_REACH` blocks above it (no link between) is the headline.
STANDFIRST_WORDS = 12
STANDFIRST_REACH = 3
#: A standfirst without its full stop: a line of at least this many words, not in headline case, under a
#: headline of at most half as many words.
STANDFIRST_RUN_WORDS = 16


#: A quotation with its speaker after it ('“We have to cut jobs,” the chairman said'): prose, not a headline
#: (a headline quoting someone closes the quote with a colon).
_QUOTE_SAID = regex.compile(r"[\"“‘'][^\"”’]{3,300}[,!?.][\"”’']\s{1,3}[\p{L}\p{N}]")


def _standfirst(it: Item) -> bool:
    """True when a block reads as a standfirst sentence rather than a headline: 12 words or more ending with
    a full stop, or a quotation followed by its speaker."""
    text = it.vis.rstrip()
    return it.words >= STANDFIRST_WORDS and (text[-1:] == "." or text[-2:] in ('."', ".”")
                                             or _QUOTE_SAID.match(text) is not None)


#: A short headline over a standfirst: 2 or 3 words (fewer than a headline's shape asks), at least this share
#: of its words of four letters or more among the article's first words (all: a menu label such as 'Health
#: News' shares one at most).
SHORT_HEADLINE_LEAD = 1.0


def _over_standfirst(page: Page, best: int, candidates: Container[int],
                     lead: Mapping[int, float] | None = None) -> int:
    """``best``, or the headline over it when ``best`` is a standfirst (:func:`_standfirst`) or a quoted
    sentence: the nearest candidate above it within :data:`STANDFIRST_REACH` blocks, with a headline's shape
    and fewer words, and no link line between them; for a quoted sentence with no such headline above, the
    nearest candidate below it as near, of 4 to 30 words, not a sentence or a quote, no link line between.
    A standfirst without its full stop (:data:`STANDFIRST_RUN_WORDS` words or more, not in headline case)
    gives way likewise to a headline of at most half its words. With no such headline, a standfirst gives
    way to a short one of 2 or 3 words as near, not a link, a sentence or a kicker in capitals
    (:func:`_kicker`: 'BLACK DEATH FEARS' over a long headline), whose words the article's first words repeat (``lead``: each candidate's share of them, :data:`SHORT_HEADLINE_LEAD` or more)."""
    items = page.items
    quoted = _quoted_sentence(items[best].vis)
    stop = _standfirst(items[best]) or quoted
    run_on = "" if stop else headline_text(items[best].head, page.cfg)  # without a date line in the block
    if not stop and (len(run_on.split()) < STANDFIRST_RUN_WORDS or headline_case(run_on)):
        return best
    for k in range(best - 1, max(-1, best - 1 - STANDFIRST_REACH), -1):
        if k in candidates and _headline_shape(items[k]) and items[k].words < items[best].words \
                and (stop or 2 * items[k].words <= len(run_on.split())):
            return k
        if items[k].link > 0.5:
            break
    for k in range(best - 1, max(-1, best - 1 - STANDFIRST_REACH), -1):
        if k in candidates and 2 <= items[k].words < 4 and (lead or {}).get(k, 0.0) >= SHORT_HEADLINE_LEAD \
                and items[k].link <= 0.5 and not items[k].prose and items[k].vis.rstrip()[-1:] not in ".:," \
                and not _kicker(items[k].vis):
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


def _quoted_sentence(text: str) -> bool:
    """True when a block is one quoted sentence ending with its full stop inside the quote ('"Prices rose."')."""
    text = text.strip()
    return len(text) >= 8 and text[:1] in "\"“‘'" and text[-2:] in ('."', '.”', ".’", ".'")


def _title_headline_pass(page: Page, rule: Rule) -> None:
    """The page's headline: of the candidates of :func:`headline_candidates`, the one whose evidence
    weighs most with the rule's ``weights`` (when above ``threshold``), on pages of the rule's ``dialects``;
    when that one is a standfirst, the headline over it (:func:`_over_standfirst`)."""
    if page.title_settled or not _for_dialect(page, rule) or not page.items:
        return
    weights = rule.get("weights", {})
    best, best_score = None, float(rule.get("threshold", 0.0))
    found = headline_candidates(page, rule)
    sole = next((i for i, ev in found if ev["sole_h1"]), None)
    min_words = int(rule.get("min_words", 0) or 10**6)
    if sole is not None and _plain_heading(page.items[sole], min_words):
        under = _dated_heading_under(page, found, sole, min_words)
        _found_title(page, sole if under is None else under, rule)
        return
    for i, ev in found:
        value = weights.get("bias", 0.0) + sum(weights.get(k, 0.0) * v for k, v in ev.items())
        if value > best_score:
            best, best_score = i, value
    echo = _far_title_echo(page, {i for i, _ in found})
    if echo is not None and (best is None or _norm_title(page.items[best].vis) != _norm_title(page.items[echo].vis)):
        _found_title(page, echo, rule)
        return
    if best is not None:
        best = _over_standfirst(page, best, {i for i, _ in found}, {i: ev["lead_words"] for i, ev in found})
        page.title_line = best == 0 and page.dialect == NODES
        _found_title(page, best, rule)
        if not page.title_line:
            page.kicker_words = glued_kicker(page, best)


#: Where a breadcrumb or a title line sets its last part apart ("Home / Business / Headline", "• Headline").
_CRUMB_SPLIT = regex.compile(r"\s[/>»|•·›]\s|\n[ \t]*(?:[*+•□◦▪-][ \t]+)?")
#: A headline part the kicker test looks for has at least this many words; a kicker at most KICKER_WORDS.
KICKER_ECHO_WORDS = 3


def glued_kicker(page: Page, i: int) -> int:
    """How many words of the headline block ``i`` are a kicker glued before the headline on its line
    ("Property crisis Developer files for insolvency": a label and the headline in one heading), 0 when none:
    at most :data:`KICKER_WORDS` words before a run of :data:`KICKER_ECHO_WORDS` words or more that ends the
    headline and that the page gives without them, as a line or the last part of a line (a breadcrumb's last
    item, a title line) among the blocks from :data:`HEADLINE_WINDOW` above to two below. Not when the run
    starts in lower case or the kicker ends with a stop word (one sentence), nor when a colon or dash sets
    the kicker apart (written into the headline: 'Coronavirus: ...')."""
    items = page.items
    text = headline_text(items[i].head, page.cfg)
    words = _norm_title(text).split()
    if len(words) < KICKER_ECHO_WORDS + 1:
        return 0
    echoes: set[tuple[str, ...]] = set()
    for k in {*range(min(5, len(items))), *range(max(0, i - HEADLINE_WINDOW), min(len(items), i + 3))} - {i}:
        if len(items[k].vis) <= 600:
            parts = [_norm_title(x).split() for x in _CRUMB_SPLIT.split(items[k].vis)]
            echoes.update(tuple(x) for x in parts if len(x) >= KICKER_ECHO_WORDS)
    for cut in range(1, min(KICKER_WORDS, len(words) - KICKER_ECHO_WORDS) + 1):
        if tuple(words[cut:]) in echoes:
            rest = without_words(text, cut)
            gap = text[:len(text) - len(rest)]
            if rest[:1].isupper() or rest[:1].isdigit() or rest[:1] in "\"“„«‹'":
                if words[cut - 1] not in STOP_WORDS and not regex.search(r"[:：|–—-]\s*$", gap):
                    return cut
            return 0
    return 0


def without_words(text: str, count: int) -> str:
    """``text`` without its first ``count`` words (letter and digit runs, as :func:`_norm_title` counts them)
    and the marks after them (a colon or dash after a kicker; an opening quote stays)."""
    if count <= 0:
        return text
    end = 0
    for n, m in enumerate(regex.finditer(r"[\p{L}\p{N}]+", text), 1):
        end = m.end()
        if n == count:
            break
    return regex.sub(r"^[^\p{L}\p{N}\"“„«‹'(\[]+", "", text[end:]) or text


#: A title line's headline repeated far down a node page has at least this many words, and a prose block
#: of at least :data:`ECHO_PROSE_WORDS` words within :data:`ECHO_REACH` blocks under it (the article).
ECHO_WORDS = 4
ECHO_PROSE_WORDS = 15
ECHO_REACH = 6


def _far_title_echo(page: Page, candidates: Container[int]) -> int | None:
    """On a node page, the one block outside the headline candidates that repeats the headline of the page's
    title line (its first line, site name left out) with a date or byline line under it, no alike headline
    next to it or past a date line next to it (not a card of a list) and prose under it (:data:`ECHO_REACH`): the article's
    own headline, below teasers the block model took for the start of the article; None when there is no
    such block or more than one."""
    items = page.items
    if page.dialect != NODES or len(items) < 3 or not _title_line(items[0]):
        return None
    head = _norm_title(strip_site(items[0].vis))
    size = len(head.split())
    if size < ECHO_WORDS:
        return None
    may = page.cfg.flagged("title_may_override")
    found = []
    for k in range(1, len(items)):
        it = items[k]
        if k in candidates or it.rule and it.rule not in may or abs(it.words - size) > ECHO_WORDS \
                or _norm_title(it.vis) != head:
            continue
        nxt = items[k + 1] if k + 1 < len(items) else None
        dated = nxt is not None and (nxt.kind == "meta" or nxt.words <= 25 and has_date(nxt.vis, page.cfg) is not None)
        # a list's card: an alike headline next to it, or past the date line of one of them
        alike = any(0 < k + d < len(items) and _alike(it, items[k + d], page.cfg) for d in (-1, 1)) or any(
            0 < k + 2 * d < len(items) and items[k + d].kind == "meta" and _alike(it, items[k + 2 * d], page.cfg)
            for d in (-1, 1))
        prose = any(_free(x) and x.prose and x.words >= ECHO_PROSE_WORDS for x in items[k + 1:k + 1 + ECHO_REACH])
        if (dated or _byline_below(items, k)) and not alike and prose:
            found.append(k)
    return found[0] if len(found) == 1 else None


def _dated_heading_under(page: Page, found: list[tuple[int, dict[str, float]]], i: int,
                         min_words: int) -> int | None:
    """The candidate headline under a level-1 heading ``i`` that names the site over its menus: the last
    markdown heading of lower level between it and the start of the article with a list (a menu) between
    them, of ``min_words`` words or more and no sentence end, that has a date or byline line under it (a
    blog's name in the level-1 heading, the story's headline with its date under it; not a standfirst or a
    deck set as a heading under the headline); None when there is none."""
    start = _article_start(page)
    items = page.items
    menu = next((k for k in range(i + 1, start) if _LIST_MARK.match(items[k].span.text)), None)
    if menu is None:
        return None
    return max((k for k, ev in found if menu < k < start and _md_level(page.items[k]) > 1
                and page.items[k].words >= min_words and page.items[k].vis.rstrip()[-1:] not in ".:,"
                and (ev["date_below"] or ev["byline_below"])), default=None)


def _plain_heading(it: Item, min_words: int) -> bool:
    """True when a markdown heading reads as a headline: ``min_words`` words or more, no picture, not a link,
    no sentence end."""
    return it.words >= min_words and "![" not in it.span.text and it.link <= 0.5 \
        and it.vis.rstrip()[-1:] not in ".:,"


def _title_line(it: Item) -> bool:
    """True when a block can be a page's title line: 2 to 40 words, not a sentence, not decided otherwise."""
    return not it.rule and 2 <= it.words <= 40 and not it.vis.rstrip().endswith(".") and len(it.vis) <= 300


def _title_short_pass(page: Page, rule: Rule) -> None:
    """The longest title-like line before the first prose; else a title shown twice at the top of the page."""
    items, cfg = page.items, page.cfg
    if page.title_settled:
        return
    limit = min(_first_prose(items), len(items))
    max_words = int(rule.get("max_words", 60))
    cands = [i for i in range(limit) if _free(items[i]) and not items[i].prose and items[i].words <= max_words]
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
                _set(items[i + 1], "clutter", cfg.signal_rule("repeat").id)
            _found_title(page, i, rule)
            return


def _prose_words(items: list[Item]) -> int:
    """Words of the undecided prose blocks among ``items``."""
    return sum(it.words for it in items if _free(it) and it.prose)


def _longest_prose_run(items: list[Item]) -> int:
    """Words of the longest run of undecided prose blocks among ``items`` (metadata lines between them do
    not end a run; any other block does: teaser blurbs, each under its headline, make runs of one)."""
    best = run = 0
    for it in items:
        if _free(it) and it.prose:
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


def _before_title_pass(page: Page, rule: Rule) -> None:
    """Undecided blocks above the title; none when the prose above it is the article (:func:`_article_above`)."""
    if page.title is None:
        return
    items = page.items
    if _article_above(items, page.title, int(rule.get("min_words", 80))):
        return
    for it in items[:page.title]:
        if _free(it):
            _set(it, "clutter", rule.id)


def _inside_prose(items: list[Item], i: int) -> bool:
    """True when the nearest non-meta blocks on both sides are prose paragraphs (or the title above)."""
    def near(rng: range) -> bool:
        k = next((k for k in rng if items[k].kind != "meta"), None)
        return k is not None and (_free(items[k]) and items[k].prose or items[k].kind == "title" and k < i)
    return near(range(i - 1, -1, -1)) and near(range(i + 1, len(items)))


def _before_body_pass(page: Page, rule: Rule) -> None:
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
            _set(it, "", "")
    for it in items[page.title + 1:]:
        if _free(it) and it.prose:
            return
        if _free(it) and it.short:
            _set(it, "clutter", rule.id)


def _tagged_pass(page: Page, rule: Rule) -> None:
    """Lines with a tag suffix that are not the page title: teaser titles."""
    for it in page.items:
        if _free(it) and it.tags:
            _set(it, "clutter", rule.id, teaser=True)


def _inside_prose_step(page: Page) -> None:
    """Blocks of rules with ``keep_inside_prose`` between two article paragraphs are article text after all
    (a quotation trailing off inside the article is not a teaser)."""
    items, keep = page.items, page.cfg.flagged("keep_inside_prose")
    for i, it in enumerate(items):
        if it.rule in keep and _inside_prose(items, i):
            _set(it, "", "")
            it.prose = True


def _truncated_pass(page: Page, rule: Rule) -> None:
    """Blocks cut off mid-sentence outside the article prose: teaser bodies; not a block of
    :data:`CONTINUED_WORDS` words or more under the title, inside the densest run of prose, that undecided
    prose continues (:func:`_continued`; on pages the block model scores), nor the first part of a paragraph
    an embed cut in two (:func:`_cut_by_embed`)."""
    items = page.items
    min_words, max_words = int(rule.get("min_words", 12)), int(rule.get("max_words", 400))
    start = -1 if page.title is None else page.title
    model = page.cfg.signal_rule(BLOCK_MODEL)
    scored = page.cfg.on(model.id) and _for_dialect(page, model)

    def in_run(k: int) -> bool:
        model_scores(page)  # sets the densest run of prose
        return page.run[0] <= k < page.run[1]

    for i, it in enumerate(items):
        if _free(it) and it.truncated and min_words <= it.words <= max_words and not _inside_prose(items, i) \
                and not (scored and i > start and it.words >= CONTINUED_WORDS and _continued(items, i) and in_run(i)) \
                and _cut_by_embed(items, i) is None:
            _set(it, "clutter", rule.id, teaser=True)


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
        return k if gaps > 0 and _free(it) and it.vis[:1].islower() else None
    return None


#: A paragraph the dump broke in two has at least this many words before the break (a teaser blurb, also
#: wrapped across blocks by a screen dump, is shorter).
CONTINUED_WORDS = 45


def _continued(items: list[Item], i: int) -> bool:
    """True when the next block that is not metadata is an undecided prose block: the rest of a paragraph
    the dump broke in two (a teaser body is followed by the next teaser's title)."""
    k = next((k for k in range(i + 1, len(items)) if items[k].kind != "meta"), None)
    return k is not None and _free(items[k]) and items[k].prose


def _marker_blurb_pass(page: Page, rule: Rule) -> None:
    """A short blurb between a title-like line and a "Read more" line: a teaser body."""
    items = page.items
    max_words = int(rule.get("max_words", 80))
    for i in range(2, len(items)):
        title, prev, it = items[i - 2], items[i - 1], items[i]
        headed = title.short and title.kind in ("", "clutter") or title.dateline or title.teaser
        if it.marker and _free(prev) and prev.words <= max_words and headed:
            _set(prev, "clutter", rule.id, teaser=True)


def _teaser_title_pass(page: Page, rule: Rule) -> None:
    """Date lines around a teaser, and the title-like line above a teaser body: the teaser's title."""
    items, cfg, rid = page.items, page.cfg, rule.id
    max_words = int(rule.get("max_words", 40))
    bodies, release = cfg.flagged("teaser_body"), cfg.flagged("release_time")
    for t, it in enumerate(items):
        if not it.teaser or it.rule == rid:
            continue
        k, titles = t - 1, 0 if it.rule in bodies else 1
        while k >= 0:
            prev = items[k]
            if prev.kind == "meta" and (prev.dateline or prev.rule in release):
                _set(prev, "clutter", rid, teaser=True)
            elif titles < 1 and _free(prev) and not prev.prose and prev.words <= max_words:
                _set(prev, "clutter", rid, teaser=True)
                break
            else:
                break
            k -= 1
        nxt = items[t + 1] if t + 1 < len(items) else None
        if nxt is not None and nxt.kind == "meta" and (nxt.dateline or nxt.rule in release):
            _set(nxt, "clutter", rid, teaser=True)


def _blurb_after_title_pass(page: Page, rule: Rule) -> None:
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
        if not _free(it):
            continue
        k = i - 1
        while k > 0 and items[k].kind == "meta":
            k -= 1
        prev = items[k]
        under_title = prev.rule in titles and prev.words <= title_words
        # inside the teaser zone: a short line and a date line after another teaser open one more teaser
        dated = k < i - 1 and any(items[j].dateline or items[j].rule in release for j in range(k + 1, i))
        zone_title = (dated and _free(prev) and prev.short and prev.words <= title_words
                      and k > 0 and items[k - 1].teaser)
        if it.prose and (under_title or zone_title) and not prose_after and it.words <= max_words:
            _set(it, "clutter", rid, teaser=True)
            if zone_title:
                for j in range(k, i):
                    _set(items[j], "clutter", title_rule.id, teaser=True)
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


def _introduced_list_pass(page: Page, rule: Rule) -> None:
    """A list the article introduces: after a kept article paragraph, a line ending in a colon of at least
    ``min_words`` words ('The tour dates:', 'Here are the offers:'; not one opening with a list label such as
    'Related coverage', see :func:`_label_prefix`), then ``min_run`` or more lines that list
    shapes or the block model dropped (at most ``max_words`` words each): the lines are article text, as far
    as they look alike (see :func:`_list_end`). Lists followed by more article prose are kept already (the
    link-run pass leaves lines between prose alone)."""
    if page.title is None:
        return
    items, cfg = page.items, page.cfg
    min_run, max_words = int(rule.get("min_run", 3)), int(rule.get("max_words", 60))
    min_words = int(rule.get("min_words", 4))
    soft = {cfg.signal_rule(s).id for s in ("link_run", BLOCK_MODEL)}
    n, i = len(items), page.title + 1
    prose_seen = False
    while i < n:
        it = items[i]
        intro = (prose_seen and it.words >= min_words and it.vis.rstrip()[-1:] in _INTRO_END
                 and (_free(it) or it.rule in soft))
        if _free(it) and it.prose:
            prose_seen = True
        if not intro:
            i += 1
            continue
        end = i + 1
        while end < n and items[end].words <= max_words and items[end].rule in soft:
            end += 1
        stop = _list_end(items, i + 1, end, LIST_ITEM_WORDS)
        if stop - (i + 1) < min_run or _label_prefix(it.vis, cfg):
            i += 1
            continue
        _set(it, "", "")  # the introducing line: decided again by the passes after this one
        for x in items[i + 1:stop]:
            if x.words:  # markup only (an image between items) stays out
                _set(x, "paragraph", rule.id)
        i = stop


def _dangling_pass(page: Page, rule: Rule) -> None:
    """Short lines that no prose paragraph follows (before the next teaser or the end of the page)."""
    next_ok = False
    for it in reversed(page.items):
        if _free(it):
            if it.prose:
                next_ok = True
            elif it.short and not next_ok:
                _set(it, "clutter", rule.id)
        elif it.teaser or it.kind == "title":
            next_ok = False


def _heading_pass(page: Page, rule: Rule) -> None:
    """Short lines left undecided, of at most the rule's ``heading_words`` words, are article headings
    (longer ones are left to the paragraph step)."""
    most = int(rule.get("heading_words", 10 ** 6) or 10 ** 6)
    for it in page.items:
        if _free(it) and it.short and it.words <= most:
            _set(it, "heading", rule.id)


def _paragraph_step(page: Page) -> None:
    """Whatever is left is article text: paragraphs."""
    for it in page.items:
        if _free(it):
            _set(it, "paragraph", "")


#: An embedded social post is at most this long.
MAX_POST_CHARS = 300
#: A block of a comment thread or of a box is at most this long.
MAX_BOXED_WORDS = 250


def _comment_pass(page: Page, rule: Rule) -> None:
    """Readers' comments after the article: from the first commenter line (name and time) to the end of the page.

    A thread starts at a commenter line ('jsmith42 · 2 hours ago', or a short name line over a relative time
    line; the name line undecided or dropped, as a link, say) that follows prose, when a comments label is just
    above it or more commenter/action lines follow.
    It runs to the end of the page, or to a block too long to be a comment.
    """
    items, cfg, rid = page.items, page.cfg, rule.id
    times, labels, actions = cfg.flagged("comment_time"), cfg.flagged("comment_label"), cfg.flagged("comment_action")
    seen_prose, n, start = False, len(items), None
    for i, it in enumerate(items):
        if _free(it) and it.prose and not it.role:
            seen_prose = True
        if not seen_prose:
            continue
        if it.kind == "meta" and it.rule in times and 0 < i < n - 1:
            name, nxt = items[i - 1], items[i + 1]
            if ((_free(name) or name.kind == "clutter" and not name.teaser) and name.words <= 4
                    and len(name.vis) <= 40 and _free(nxt) and nxt.prose):
                _set(name, "clutter", rid)
                name.role = it.role = "comment"
        if it.role == "comment" and start is None:
            start = i
    if start is None:
        return
    k = start - 1
    while k >= 0 and items[k].kind == "clutter" and not items[k].teaser:
        k -= 1
    labelled = any(x.rule in labels or "comment" in x.key for x in items[k + 1:start])
    later = sum(x.role == "comment" or x.frame and x.rule in actions for x in items[start + 1:])
    if not (labelled or later):
        return
    for it in items[start:]:
        if _free(it) and it.words > MAX_BOXED_WORDS:
            break
        if _free(it) or it.kind == "meta":
            _set(it, "clutter", rid)


def _box_pass(page: Page, rule: Rule) -> None:
    """A short blurb under a frame line and over a frame or credit line (gallery caption, newsletter blurb)."""
    items, rid = page.items, rule.id
    max_words = int(rule.get("max_words", 80))
    credits = page.cfg.flagged("credit")

    def bread(x: Item) -> bool:
        return x.frame or x.rule in credits

    for i in range(1, len(items) - 1):
        prev, it, nxt = items[i - 1], items[i], items[i + 1]
        if _free(it) and it.words <= max_words and prev.frame and bread(nxt):
            _set(it, "clutter", rid)


def _attribution_step(page: Page) -> None:
    """The block just above an embed signature ('— Jane Doe (@jdoe) May 2, 2024') is the embedded post
    (when it is no longer than a post can be)."""
    items = page.items
    for i in range(1, len(items)):
        prev = items[i - 1]
        if items[i].role == "attribution" and _free(prev) and len(prev.vis) <= MAX_POST_CHARS:
            _set(prev, "clutter", items[i].rule)


def _dense_group_pass(page: Page, rule: Rule) -> None:
    """On a page whose paragraphs are blank-line separated, a line group after the article that alternates
    title-like lines and blurbs without blank lines is a list of teasers."""
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


def _tail_step(page: Page) -> None:
    """Tail candidates (author bios) are dropped when no other prose block follows them."""
    after = False
    for it in reversed(page.items):
        if it.role == "tail" and _free(it):
            if after:
                it.rule = ""
            else:
                _set(it, "clutter", it.rule)
        elif _free(it) and it.prose:
            after = True


#: Kept paragraph words above a run of cards that make it "after the article" (a live blog starts with its entries).
CARD_ARTICLE_WORDS = 100
#: A clock time in a date line: a live page stamps its entries with times, cards of other stories carry days.
_CLOCK = regex.compile(r"(?i)\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s?[ap]\.?m\b")


def _card_run_pass(page: Page, rule: Rule) -> None:
    """Cards of other stories after the article: a run of ``min_run`` date lines or more among the kept blocks
    after the article's first :data:`CARD_ARTICLE_WORDS` paragraph words, where between two of them the page
    keeps at most one paragraph of ``max_words`` words or fewer (the blurb of one card) followed by at most
    two short lines (the headline and author of the next): each card's headline, author, date and blurb go.
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

    def gap_ok(part: list[int]) -> bool:  # between two date lines: [blurb] then up to two short lines
        k = 1 if part and blurb(part[0]) else 0
        return len(part) - k <= 2 and all(head(i) for i in part[k:])

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
            hi = dates[b] + (1 if dates[b] + 1 < len(seq) and blurb(seq[dates[b] + 1]) else 0)
            for i in seq[lo:hi + 1]:
                _set(items[i], "clutter", rule.id, teaser=True)
        a = b + 1


#: Repeated prose is compared on word n-grams of this length.
SHINGLE = 5
#: A second copy of the article repeats at least this share of its words.
COPY_SHARE = 0.3


def _shingles(text: str, size: int) -> list[int]:
    """Hashes of the lower-cased word ``size``-grams of a text (the whole text when shorter)."""
    words = regex.findall(r"[\p{L}\p{N}]+", text.lower())
    if len(words) <= size:
        return [hash(tuple(words))] if words else []
    return [hash(tuple(words[k:k + size])) for k in range(len(words) - size + 1)]


def _repeated_prose_pass(page: Page, rule: Rule) -> None:
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
                _set(it, "clutter", rule.id)
        k = max(j, k + 1)


#: A pass of a signal rule: decides blocks of the page, naming ``rule`` (whose parameters it reads).
SignalPass = Callable[[Page, Rule], None]
#: A step that runs on every page, belonging to no rule of its own.
Step = Callable[[Page], None]

#: Every step of classification in the order they run: ``(signal, pass)`` for the pass of the rule
#: carrying that signal (run only while that rule is on), ``(None, step)`` for a step that always runs.
STEPS: tuple[tuple[str, SignalPass] | tuple[None, Step], ...] = (
    (None, _pattern_pass),
    ("adjacent_repeat", _adjacent_repeat_pass),
    ("repeat", _repeat_pass),
    ("section_zone", _section_pass),
    ("link_run", _link_run_pass),
    ("title_metadata", _title_metadata_pass),
    ("title_tagged", _title_tagged_pass),
    ("title_headline", _title_headline_pass),
    ("title_short", _title_short_pass),
    ("before_title", _before_title_pass),
    ("before_body", _before_body_pass),
    ("tagged", _tagged_pass),
    (None, _inside_prose_step),
    ("truncated", _truncated_pass),
    ("marker_blurb", _marker_blurb_pass),
    ("teaser_title", _teaser_title_pass),
    ("blurb_after_title", _blurb_after_title_pass),
    ("comment_thread", _comment_pass),
    ("framed", _box_pass),
    (None, _attribution_step),
    ("dense_group", _dense_group_pass),
    (None, _tail_step),
    (BLOCK_MODEL, _model_pass),
    ("introduced_list", _introduced_list_pass),
    ("dangling", _dangling_pass),
    ("heading", _heading_pass),
    (None, _paragraph_step),
    ("card_run", _card_run_pass),
    ("repeated_prose", _repeated_prose_pass),
)
#: The registry of page passes: signal -> pass.
PASSES: dict[str, SignalPass] = {signal: run for signal, run in STEPS if signal is not None}
#: Every signal a clutter rule may carry; each needs exactly one rule (see :func:`load_clean_config`).
SIGNALS: frozenset[str] = frozenset(PASSES) | frozenset(BLOCK_SIGNALS)


def run_until(items: list[Item], doc: RawDoc, cfg: CleanConfig, dialect: str, signal: str) -> Page:
    """The page as the steps before the pass of ``signal`` leave it (for training that pass's weights)."""
    page = Page(items, doc, cfg, dialect=dialect)
    for sig, run in STEPS:
        if sig == signal:
            break
        if sig is None:
            run(page)
        elif cfg.on(cfg.signal_rule(sig).id):
            run(page, cfg.signal_rule(sig))
    return page


def classify(items: list[Item], doc: RawDoc, cfg: CleanConfig, dialect: str = PLAIN) -> Page:
    """Decide every block's kind and rule in place; returns the page (its ``title``: index of the title
    block, or None; ``title_line``: that block is the page's title line)."""
    page = Page(items, doc, cfg, dialect=dialect)
    for signal, run in STEPS:
        if signal is None:
            run(page)
        else:
            rule = cfg.signal_rule(signal)
            if cfg.on(rule.id):
                run(page, rule)
    return page
