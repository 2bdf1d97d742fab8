"""Configuration of the clean stage: the clutter and date rule files, loaded once, plus the ids switched off.

Code finds a clutter rule by the ``signal`` it carries (:meth:`CleanConfig.signal_rule`) or by a role field
(:meth:`CleanConfig.flagged`), never by its id: ids only name rules in outputs and for ``--disable``.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any, Iterable

import regex

from .dates import DATE_SCHEMA, check_date_rules
from ..errors import Errors, RulesError, UsageError
from ..literals import Need, NeedIndex
from ..rules import Rule, RuleFile, Schema, load_family, rules_dir

#: Role fields of a clutter rule: what the passes need to know about the blocks it decides.
ROLES: dict[str, str] = {
    "release_time": "a labelled publish/update time line: the page's release time when no date line sits "
                    "under the title; next to a teaser it goes with the teaser",
    "credit": "a photo, agency or editor credit line: the lower edge of a box around a caption",
    "comment_time": "a relative time stamp: under a short name line and over prose it makes a comment header",
    "comment_label": "a label over readers' comments: a commenter line under it starts a comment thread",
    "comment_action": "a comment action line: after a commenter line it confirms a comment thread",
    "teaser_title": "the blocks it decides are teaser titles: a blurb right under one is a teaser body",
    "teaser_body": "the blocks it decides are teaser bodies: the title-like line above one is its title",
    "title_may_override": "the metadata title may take a block it decided (a title shown twice or in a list)",
    "not_title": "a block it matches is never the headline, even one another rule (a link line) decided first",
    "media_caption": "a caption glued to a media label: a block it matches, whichever rule decided it, is no "
                     "article text, nor its copy printed again under it",
    "keep_inside_prose": "a block it decided between two article paragraphs is article text after all",
    "article_end": "furniture closing an article (a share bar, a comment count): no doubted paragraph under it",
    "model_may_override": "on a scraped dump, a block it decided inside the densest run of prose that the block "
                          "model scores as sure article text is kept after all",
}

#: Fields of a rule in rules/clutter.toml. An example of a pattern rule is the block itself; an example of
#: a signal rule is a table with a whole page as ``text``, the ``block`` the rule must decide on it and,
#: optionally, the page's metadata ``title`` (RawDoc.title). ``not_headline`` (the headline rule's) is a pattern of
#: lines that are never the headline (a photo caption, a posting line), ``reader_teaser`` one of lines addressed to
#: the reader as a tagline or teaser; both searched only by the title passes. ``announce`` (the introduced-list
#: rule's) is a pattern of a paragraph's last sentence pointing at a list or table under it.
CLUTTER_SCHEMA = Schema(
    fields={"pattern": str, "signal": str, "kind": str, "min_words": int, "max_words": int,
            "min_run": int, "reach": int, "date": bool, "extracted": bool, "frame": bool, "whole": bool, "single": bool,
            "threshold": float, "sure": float, "near": float, "weights": dict, "dialects": list,
            "min_stop_share": float, "heading_words": int, "not_headline": str, "reader_teaser": str,
            "digit_share": float, "max_lower": float, "function_share": float, "max_chars": int, "sentence_words": int,
            "announce": str,
            **{role: bool for role in ROLES}},
    required=("id", "kind"),
    patterns=("pattern", "not_headline", "reader_teaser", "announce"),
    example_fields={"block": str, "title": str},
)


@dataclass(frozen=True, eq=False)
class CleanConfig:
    """Loaded clutter and date rules plus the ids switched off."""

    rule_files: tuple[RuleFile, ...]
    disabled: frozenset[str] = frozenset()
    clutter: RuleFile | None = None
    dates: RuleFile | None = None
    _by_id: dict[str, Rule] = field(default_factory=dict, compare=False, repr=False)
    #: The clutter rule carrying each signal (switched off or not).
    _by_signal: dict[str, Rule] = field(default_factory=dict, compare=False, repr=False)
    #: Signals decided block by block, like patterns (the others name passes over the whole page).
    block_signals: frozenset[str] = frozenset()
    #: Template lines of the batch (:class:`~pipeline.clean.template.TemplateSet`), or None: no template pass.
    templates: Any = None

    def on(self, rule_id: str) -> bool:
        """True when the rule exists, is enabled in its file and not switched off."""
        rule = self._by_id.get(rule_id)
        return rule is not None and rule_id not in self.disabled and rule.get("enabled", True) is not False

    def signal_rule(self, signal: str) -> Rule:
        """The clutter rule carrying ``signal``, whether switched off or not (the loader makes sure there
        is one for every signal of :data:`~pipeline.clean.passes.SIGNALS`); KeyError for other names."""
        return self._by_signal[signal]

    def flagged(self, role: str) -> frozenset[str]:
        """Ids of the clutter rules with the role field ``role`` (one of :data:`ROLES`) set to true."""
        return self._roles[role]

    @cached_property
    def _roles(self) -> dict[str, frozenset[str]]:
        rules = self.clutter.rules if self.clutter else ()
        return {role: frozenset(r.id for r in rules if r.get(role, False) is True) for role in ROLES}

    @cached_property
    def for_extracted(self) -> CleanConfig:
        """This configuration without the rules marked ``extracted = false`` (text already extracted from markup)."""
        off = {r.id for r in self._by_id.values() if r.get("extracted", True) is False}
        return replace(self, disabled=self.disabled | off)

    @property
    def pattern_rules(self) -> tuple[Rule, ...]:
        """Enabled rules decided block by block (patterns and block signals), in file order."""
        rules = self.clutter.rules if self.clutter else ()
        return tuple(r for r in rules
                     if self.on(r.id) and (r.pattern is not None or r.get("signal") in self.block_signals))

    @cached_property
    def block_index(self) -> NeedIndex:
        """The words each of :attr:`block_tests` needs, found in one pass over a block."""
        return NeedIndex([t.needs for t in self.block_tests])

    @cached_property
    def block_tests(self) -> tuple[BlockTest, ...]:
        """:attr:`pattern_rules` unpacked once for the per-block loop."""
        return tuple(BlockTest(r.id, str(r.get("kind")), int(r.get("min_words", 0)), int(r.get("max_words", 10 ** 9)),
                               r.pattern, bool(r.get("date")),
                               r.get("signal") if r.get("signal") in self.block_signals else "", bool(r.get("frame")),
                               bool(r.get("whole")), r.needs, bool(r.get("single")))
                     for r in self.pattern_rules)

    @cached_property
    def release_tests(self) -> tuple[BlockTest, ...]:
        """The :attr:`block_tests` of the rules that mark a release time line (role ``release_time``)."""
        release = self.flagged("release_time")
        return tuple(t for t in self.block_tests if t.id in release)

    @cached_property
    def split_header_tests(self) -> tuple[tuple[int, BlockTest], ...]:
        """The commenter rules (``kind = "comment"``) a header split over several blocks is read with, each with
        its bit in :meth:`NeedIndex.possible` (rule ``k`` of :attr:`block_tests` is ``1 << k``): those with a
        pattern whose needed words hold no space and more than one character, so that joining blocks never
        makes a needed word."""
        return tuple((1 << k, t) for k, t in enumerate(self.block_tests)
                     if t.kind == "comment" and t.pattern is not None and t.needs
                     and all(len(w) > 1 and not any(c.isspace() for c in w) for w, _ in t.needs))


@dataclass(frozen=True)
class BlockTest:
    """A block-level rule unpacked for the per-block loop."""

    id: str
    kind: str
    min_words: int
    max_words: int
    pattern: regex.Pattern | None
    date: bool
    #: The block signal deciding the block instead of a pattern ("" for a pattern rule).
    signal: str
    #: Part of a box around a short blurb (gallery counter, newsletter label, comment action).
    frame: bool = False
    #: A list label whose whole list goes (the last line above the prose is not kept as a title).
    whole: bool = False
    #: Strings of which every match of the pattern holds one (:attr:`pipeline.rules.Rule.needs`; None: always
    #: run the pattern).
    needs: frozenset[Need] | None = None
    #: A label of one story ("Related Story"): the one line under it goes, even right above the prose.
    single: bool = False


def _signal_rules(clutter: RuleFile, signals: frozenset[str]) -> dict[str, Rule]:
    """The rule carrying each of ``signals``; RulesError (E100, E101, E102) naming file, rule and signal
    when a rule's signal has no pass, a signal has no rule, or two rules carry one signal."""
    by_signal: dict[str, Rule] = {}
    for rule in clutter.rules:
        signal = rule.get("signal")
        if signal is None:
            continue
        if signal not in signals:
            raise RulesError(Errors.E100.format(file=clutter.path, rule=rule.id, signal=signal,
                                                known=", ".join(sorted(signals))))
        if signal in by_signal:
            raise RulesError(Errors.E102.format(file=clutter.path, first=by_signal[signal].id, second=rule.id,
                                                signal=signal))
        by_signal[signal] = rule
    for signal in sorted(signals):
        if signal not in by_signal:
            raise RulesError(Errors.E101.format(file=clutter.path, signal=signal))
    return by_signal


def read_clean_config(folder: Path | None, disabled: Iterable[str], signals: frozenset[str],
                      block_signals: frozenset[str]) -> CleanConfig:
    """Load ``rules/clutter.toml`` and ``rules/dates.toml`` (from ``folder``, dates from the default folder
    when ``folder`` has none) for the clutter passes named by ``signals`` (``block_signals`` of them decided
    block by block). RulesError naming file and rule when a file is broken or a signal has no pass or no
    rule; unknown ids in ``disabled`` raise UsageError. :func:`pipeline.clean.page.load_clean_config` gives
    the passes of :mod:`pipeline.clean.passes`."""
    clutter = load_family("clutter", CLUTTER_SCHEMA, folder)
    by_signal = _signal_rules(clutter, signals)
    date_folder = folder if folder is not None and (Path(folder) / "dates.toml").exists() else rules_dir()
    dates = check_date_rules(load_family("dates", DATE_SCHEMA, date_folder))
    by_id = {**dates.by_id(), **clutter.by_id()}
    off = frozenset(disabled)
    unknown = sorted(off - set(by_id))
    if unknown:
        raise UsageError(Errors.E021.format(ids=", ".join(unknown)))
    return CleanConfig(rule_files=(clutter, dates), disabled=off, clutter=clutter, dates=dates, _by_id=by_id,
                       _by_signal=by_signal, block_signals=block_signals)
