"""The order of the classification passes over a page's blocks (:data:`STEPS`), the registry of passes by the
signal of their rule (:data:`PASSES`), and :func:`classify`, which runs them.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from .features import Item
from .dialect import PLAIN
from ..rules import Rule
from ..types import RawDoc
from .pagestate import BLOCK_MODEL, Page
from .evidence import block_words, stop_share
from .stopwords import STOP_WORDS, function_words
from ..language import document_language
from .patterns import BLOCK_SIGNALS, labelled_date_step, pattern_pass, rule_line_pass
from .lists import ellipsis_list_pass, introduced_list_pass, link_run_pass, numbered_run_step, section_pass
from .block_model import model_pass
from .teasers import (
    blurb_after_title_pass, cut_lead_pass, dense_group_pass, inside_prose_step, marker_blurb_pass, tagged_pass,
    teaser_title_pass, truncated_pass,
)
from .comments import comment_above_pass, comment_pass, dated_thread_pass, split_header_step
from .cards import card_run_pass, card_zone_pass
from .boxes import attribution_step, box_pass
from .captions import caption_repeat_step, media_copy_pass
from .repeats import adjacent_repeat_pass, next_story_pass, repeat_pass, repeated_prose_pass
from .bios import author_box_pass, tail_step
from .zones import before_body_pass, before_title_pass, dangling_pass, data_run_pass, heading_pass, paragraph_step
from .titles import title_headline_pass, title_metadata_pass, title_short_pass, title_tagged_pass

if TYPE_CHECKING:
    from .config import CleanConfig


#: A pass of a signal rule: decides blocks of the page, naming ``rule`` (whose parameters it reads).
SignalPass = Callable[[Page, Rule], None]
#: A step that runs on every page, belonging to no rule of its own.
Step = Callable[[Page], None]

#: Every step of classification in the order they run: ``(signal, pass)`` for the pass of the rule
#: carrying that signal (run only while that rule is on), ``(None, step)`` for a step that always runs.
STEPS: tuple[tuple[str, SignalPass] | tuple[None, Step], ...] = (
    (None, pattern_pass),
    (None, labelled_date_step),
    (None, split_header_step),
    (None, caption_repeat_step),
    (None, numbered_run_step),
    ("ellipsis_list", ellipsis_list_pass),
    ("media_copy", media_copy_pass),
    ("adjacent_repeat", adjacent_repeat_pass),
    ("repeat", repeat_pass),
    ("section_zone", section_pass),
    ("link_run", link_run_pass),
    ("comment_above", comment_above_pass),
    ("title_metadata", title_metadata_pass),
    ("title_tagged", title_tagged_pass),
    ("title_headline", title_headline_pass),
    ("title_short", title_short_pass),
    ("before_title", before_title_pass),
    ("before_body", before_body_pass),
    ("cut_lead", cut_lead_pass),
    ("tagged", tagged_pass),
    (None, inside_prose_step),
    ("truncated", truncated_pass),
    ("marker_blurb", marker_blurb_pass),
    ("teaser_title", teaser_title_pass),
    ("blurb_after_title", blurb_after_title_pass),
    ("comment_thread", comment_pass),
    ("dated_thread", dated_thread_pass),
    ("framed", box_pass),
    (None, attribution_step),
    ("dense_group", dense_group_pass),
    ("author_box", author_box_pass),
    (None, tail_step),
    (BLOCK_MODEL, model_pass),
    ("next_story", next_story_pass),
    ("introduced_list", introduced_list_pass),
    ("data_run", data_run_pass),
    ("dangling", dangling_pass),
    ("heading", heading_pass),
    (None, paragraph_step),
    ("card_run", card_run_pass),
    ("repeated_prose", repeated_prose_pass),
    ("card_zone", card_zone_pass),
    ("rule_line", rule_line_pass),
)
#: The registry of page passes: signal -> pass.
PASSES: dict[str, SignalPass] = {signal: run for signal, run in STEPS if signal is not None}
#: Every signal a clutter rule may carry; each needs exactly one rule (see :func:`load_clean_config`).
SIGNALS: frozenset[str] = frozenset(PASSES) | frozenset(BLOCK_SIGNALS)


def run_until(items: list[Item], doc: RawDoc, cfg: CleanConfig, dialect: str, signal: str) -> Page:
    """The page as the steps before the pass of ``signal`` leave it (for training that pass's weights)."""
    page = Page(items, doc, cfg, dialect=dialect, function_words=page_function_words(items, doc))
    for sig, run in STEPS:
        if sig == signal:
            break
        if sig is None:
            run(page)
        elif cfg.on(cfg.signal_rule(sig).id):
            run(page, cfg.signal_rule(sig))
    return page


#: Blocks of at least this many words make the sample the page's language is read from.
LANGUAGE_SAMPLE_WORDS = 12


def _prose(items: list[Item]) -> list[str]:
    """The visible text of the page's blocks of :data:`LANGUAGE_SAMPLE_WORDS` words or more."""
    return [it.vis for it in items if it.words >= LANGUAGE_SAMPLE_WORDS]


def _sample(items: list[Item], prose: list[str]) -> str:
    """The text the page's language is read from: its ``prose`` (:func:`_prose`), else every block, a line each."""
    return "\n".join(prose or [it.vis for it in items])


#: A page whose prose has at least this share of :data:`~pipeline.clean.stopwords.STOP_WORDS` is in a language the list
#: holds (English prose has 0.4 or more, an unlisted language under 0.1): its language is not read.
LISTED_SHARE = 0.2


def page_function_words(items: list[Item], doc: RawDoc) -> frozenset[str]:
    """The function words the page's blocks are measured with (:func:`~pipeline.clean.stopwords.function_words`):
    those of the input's ``language`` tag when it gives one; else the short list when its prose (blocks of
    :data:`LANGUAGE_SAMPLE_WORDS` words or more) already has :data:`LISTED_SHARE` of it, as a listed language's
    has; else those of the language py3langid reads from that prose (menus and labels, often in another language,
    left out; every block when no block is that long), the short list alone when none is read
    (:func:`pipeline.language.document_language`). The prose and its text are gathered once for both."""
    prose = _prose(items)
    sample = _sample(items, prose)
    if prose and not any(k == "language" for k, _ in doc.meta) and stop_share(block_words(sample)) >= LISTED_SHARE:
        return STOP_WORDS
    return function_words(document_language(doc.meta, sample)[0])


def classify(items: list[Item], doc: RawDoc, cfg: CleanConfig, dialect: str = PLAIN) -> Page:
    """Decide every block's kind and rule in place; returns the page (its ``title``: index of the title
    block, or None; ``title_line``: that block is the page's title line)."""
    page = Page(items, doc, cfg, dialect=dialect, function_words=page_function_words(items, doc))
    for signal, run in STEPS:
        if signal is None:
            run(page)
        else:
            rule = cfg.signal_rule(signal)
            if cfg.on(rule.id):
                run(page, rule)
    return page
