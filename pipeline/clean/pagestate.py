"""What the classification passes over a page's blocks share: the :class:`Page` they decide, how a pass
decides a block (:func:`decide`, :func:`undecided`), whether a rule's pass runs on the page's dialect, and the first
prose block.

The passes run in the order of :data:`~pipeline.clean.passes.STEPS`; a block decided by one pass is left alone by
the later ones. A pass belongs to the rule of ``rules/clutter.toml`` whose ``signal`` names it, runs only while
that rule is on and reads its parameters from it; code finds rules by signal or by role field
(:meth:`CleanConfig.signal_rule`, :meth:`CleanConfig.flagged`), never by id. The clutter passes are in the modules
of their job (:mod:`~pipeline.clean.patterns`, :mod:`~pipeline.clean.block_model`, :mod:`~pipeline.clean.lists`,
:mod:`~pipeline.clean.teasers`, :mod:`~pipeline.clean.comments`, :mod:`~pipeline.clean.cards`,
:mod:`~pipeline.clean.boxes`, :mod:`~pipeline.clean.captions`, :mod:`~pipeline.clean.repeats`,
:mod:`~pipeline.clean.bios`, :mod:`~pipeline.clean.zones`), the title passes in :mod:`pipeline.clean.titles`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .features import Item
from .dialect import PLAIN
from .stopwords import STOP_WORDS
from ..rules import Rule
from ..types import RawDoc

if TYPE_CHECKING:
    from .config import CleanConfig


def decide(item: Item, kind: str, rule: str, teaser: bool = False) -> None:
    """Set the block's ``kind`` ('' for undecided), deciding ``rule`` (its id) and whether it is a teaser."""
    item.kind, item.rule, item.teaser = kind, rule, teaser


def undecided(item: Item) -> bool:
    """True when no pass has decided the block's kind yet."""
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
    #: Block model scores, once :func:`~pipeline.clean.block_model.model_scores` has computed them.
    scores: list[float] | None = None
    #: (start, end) block indices of the densest run of prose (set with the scores).
    run: tuple[int, int] = (0, 0)
    #: The title is the page's title line (which may name the site too), not a headline shown in the page.
    title_line: bool = False
    #: Words of a kicker the title block shows before the headline on its line, left out of the title
    #: (:func:`~pipeline.clean.kickers.glued_kicker`).
    kicker_words: int = 0
    #: A lead-in printed on its own line over the headline, set before it in the title
    #: (:func:`~pipeline.clean.kickers.lead_in`).
    lead_in: str = ""
    #: Per block, the bit mask of the block rules that may match it (:meth:`NeedIndex.possible`, rule ``k`` of
    #: :attr:`CleanConfig.block_tests` is bit ``1 << k``), once :func:`~pipeline.clean.patterns.pattern_pass` has
    #: run.
    possible: list[int] = field(default_factory=list)
    #: The function words its blocks are measured with (:func:`~pipeline.clean.stopwords.function_words` of the
    #: page's language, :func:`page_words`).
    function_words: frozenset[str] = STOP_WORDS


#: The signal of the block model rule (its ``weights`` score every block of the page).
BLOCK_MODEL = "block_model"


def for_dialect(page: Page, rule: Rule) -> bool:
    """True when the rule's pass runs on the page's dialect (a rule without ``dialects`` runs on all)."""
    dialects = rule.get("dialects")
    return dialects is None or page.dialect in dialects


def first_prose(items: list[Item]) -> int:
    """Index of the first undecided prose block (len(items) when none)."""
    return next((i for i, it in enumerate(items) if undecided(it) and it.prose), len(items))
