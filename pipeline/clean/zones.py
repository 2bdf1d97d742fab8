"""The page's zones around the article: blocks above the title, short lines between the title and the lead,
short lines no prose follows, a run of data lines closing the page; what is left at the end is headings and
paragraphs.
"""
from __future__ import annotations

from dataclasses import dataclass, fields

from .features import Item, count_words, last_mark
from .stopwords import STOP_WORDS
from ..rules import Rule
from .pagestate import Page, decide, undecided


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


#: Marks that end a sentence on a line of a data run's page (a line ending so is no cell, label or figure).
_SENTENCE_MARKS = frozenset(".!?…。！？")


@dataclass(frozen=True)
class DataRunLimits:
    """What a run of lines closing the page must look like to be a data widget (parameters of the data run
    rule): at least ``min_run`` lines, each of at most ``max_words`` words and ``max_chars`` characters; at
    least ``digit_share`` of them holding a digit; at most ``max_lower`` of their words (those opening with a
    letter) in lower case; no line a sentence (one of ``sentence_words`` words or more ending in a sentence mark,
    or one whose words are ``function_share`` or more function words, two at least); above the run, the article:
    ``min_words`` words or more of prose blocks ending a sentence."""

    min_run: int = 12
    max_words: int = 10
    max_chars: int = 60
    digit_share: float = 0.5
    max_lower: float = 0.3
    sentence_words: int = 4
    function_share: float = 0.4
    min_words: int = 50


def data_run_limits(rule: Rule) -> DataRunLimits:
    """The limits of the data run rule's parameters (the defaults of :class:`DataRunLimits` where it gives none)."""
    return DataRunLimits(**{f.name: type(f.default)(rule.get(f.name, f.default)) for f in fields(DataRunLimits)})


@dataclass(frozen=True)
class LineShape:
    """The shape of one line of a block: ``words`` (whitespace words, two CJK characters counting as one),
    ``digit`` (it holds a digit), ``lower`` and ``alpha`` (its words opening with a lower-case letter, and with any
    letter), ``sentence`` (it reads as a sentence: see :class:`DataRunLimits`), ``fits`` (short enough for a data
    run)."""

    words: int
    digit: bool
    lower: int
    alpha: int
    sentence: bool
    fits: bool


def line_shape(line: str, limits: DataRunLimits) -> LineShape:
    """The :class:`LineShape` of one line of visible text under ``limits``."""
    tokens = line.split()
    words = count_words(line)  # two CJK characters count as a word: a line in a script without spaces
    alpha = [t for t in tokens if t[0].isalpha()]
    function = sum(t.lower().strip(".,;:!?\"'()") in STOP_WORDS for t in tokens)
    sentence = (words >= limits.sentence_words and last_mark(line) in _SENTENCE_MARKS
                or function >= 2 and function >= limits.function_share * len(tokens))
    return LineShape(words=words, digit=any(c.isdigit() for c in line),
                     lower=sum(t[0].islower() for t in alpha), alpha=len(alpha), sentence=sentence,
                     fits=words <= limits.max_words and len(line.strip()) <= limits.max_chars)


def _sentence_block(it: Item, limits: DataRunLimits) -> bool:
    """True when an undecided block is prose ending a sentence (the article's text above a data run)."""
    return undecided(it) and it.prose and it.words >= limits.sentence_words and last_mark(it.vis) in _SENTENCE_MARKS


def trailing_data_run(items: list[Item], limits: DataRunLimits) -> list[int]:
    """Indices of the undecided blocks of a data widget closing the page (a table of figures, a ticker, a score
    or results box, a weather or market widget kept after the article): going up from the end of the page past
    blocks already dropped or taken as metadata, the undecided blocks whose lines all fit a data run and none
    reads as a sentence (:func:`line_shape`), up to the first block that does not; the run is a widget when it
    holds ``min_run`` lines or more of the digit and word-shape profile of :class:`DataRunLimits` and the
    article stands above it (``min_words`` words of prose blocks ending a sentence). Empty otherwise
    (a table or a list of figures between two paragraphs is the article's: the prose under it stops the run).
    Linear in the page's blocks."""
    run: list[int] = []
    lines = digits = lower = alpha = 0
    k = len(items) - 1
    while k >= 0:
        it = items[k]
        if it.kind in ("clutter", "meta") or undecided(it) and not it.vis.strip():
            k -= 1
            continue
        if not undecided(it):
            break
        shapes = [line_shape(line, limits) for line in it.vis.splitlines() if line.strip()]
        if not shapes or any(s.sentence or not s.fits for s in shapes):
            break
        run.append(k)
        lines += len(shapes)
        digits += sum(s.digit for s in shapes)
        lower += sum(s.lower for s in shapes)
        alpha += sum(s.alpha for s in shapes)
        k -= 1
    if lines < limits.min_run or digits < limits.digit_share * lines or lower > limits.max_lower * alpha:
        return []
    prose = sum(it.words for it in items[:k + 1] if _sentence_block(it, limits))
    return run if prose >= limits.min_words else []


def data_run_pass(page: Page, rule: Rule) -> None:
    """A data widget the page keeps after the article (:func:`trailing_data_run`) is page furniture."""
    for k in trailing_data_run(page.items, data_run_limits(rule)):
        decide(page.items[k], "clutter", rule.id)


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
