"""Configuration of the clean stage: the clutter and date rule files, loaded once, plus the ids switched off."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Iterable

import regex

from .dates import DATE_SCHEMA
from ..errors import Errors, UsageError
from ..rules import Rule, RuleFile, Schema, load_family, rules_dir

#: Fields of a rule in rules/clutter.toml.
CLUTTER_SCHEMA = Schema(
    fields={"pattern": str, "signal": str, "kind": str, "min_words": int, "max_words": int,
            "min_run": int, "date": bool, "extracted": bool, "frame": bool, "whole": bool},
    required=("id", "kind"),
)


@dataclass(frozen=True, eq=False)
class CleanConfig:
    """Loaded clutter and date rules plus the ids switched off."""

    rule_files: tuple[RuleFile, ...]
    disabled: frozenset[str] = frozenset()
    clutter: RuleFile | None = None
    dates: RuleFile | None = None
    _by_id: dict[str, Rule] = field(default_factory=dict, compare=False, repr=False)

    def on(self, rule_id: str) -> bool:
        """True when the rule exists, is enabled in its file and not switched off."""
        rule = self._by_id.get(rule_id)
        return rule is not None and rule_id not in self.disabled and rule.get("enabled", True) is not False

    @cached_property
    def for_extracted(self) -> CleanConfig:
        """This configuration without the rules marked ``extracted = false`` (text already extracted from markup)."""
        off = {r.id for r in self._by_id.values() if r.get("extracted", True) is False}
        return CleanConfig(self.rule_files, self.disabled | off, self.clutter, self.dates, self._by_id)

    def param(self, rule_id: str, name: str, default: int) -> int:
        """A numeric parameter of a rule, or ``default``."""
        rule = self._by_id.get(rule_id)
        return int(rule.get(name, default)) if rule else default

    @property
    def pattern_rules(self) -> tuple[Rule, ...]:
        """Enabled rules decided block by block (patterns and the date-only signal), in file order."""
        rules = self.clutter.rules if self.clutter else ()
        return tuple(r for r in rules if self.on(r.id) and (r.pattern is not None or r.get("signal") == "date_only"))

    @cached_property
    def block_tests(self) -> tuple[BlockTest, ...]:
        """:attr:`pattern_rules` unpacked once for the per-block loop."""
        return tuple(BlockTest(r.id, str(r.get("kind")), int(r.get("min_words", 0)), int(r.get("max_words", 10 ** 9)),
                                r.pattern, bool(r.get("date")), r.get("signal") == "date_only", bool(r.get("frame")),
                                bool(r.get("whole")))
                     for r in self.pattern_rules)


@dataclass(frozen=True)
class BlockTest:
    """A block-level rule unpacked for the per-block loop."""

    id: str
    kind: str
    min_words: int
    max_words: int
    pattern: regex.Pattern | None
    date: bool
    date_only: bool
    #: Part of a box around a short blurb (gallery counter, newsletter label, comment action).
    frame: bool = False
    #: A list label whose whole list goes (the last line above the prose is not kept as a title).
    whole: bool = False


def load_clean_config(folder: Path | None = None, disabled: Iterable[str] = ()) -> CleanConfig:
    """Load ``rules/clutter.toml`` and ``rules/dates.toml``; unknown ids in ``disabled`` raise UsageError."""
    clutter = load_family("clutter", CLUTTER_SCHEMA, folder)
    date_folder = folder if folder is not None and (Path(folder) / "dates.toml").exists() else rules_dir()
    dates = load_family("dates", DATE_SCHEMA, date_folder)
    by_id = {**dates.by_id(), **clutter.by_id()}
    off = frozenset(disabled)
    unknown = sorted(off - set(by_id))
    if unknown:
        raise UsageError(Errors.E021.format(ids=", ".join(unknown)))
    return CleanConfig(rule_files=(clutter, dates), disabled=off, clutter=clutter, dates=dates, _by_id=by_id)
