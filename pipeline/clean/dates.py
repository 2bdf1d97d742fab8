"""Release-time parsing: the first date on a line (plus its time of day) as ISO 8601."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable

import regex

from ..errors import Errors, RulesError, RuleTimeout
from ..rules import REGEX_TIMEOUT, Rule, RuleFile, Schema, load_family

log = logging.getLogger(__name__)

#: Fields of a rule in rules/dates.toml. ``clock = true`` marks the time-of-day rule (searched on the rest
#: of the line once a date rule has found the date); every other rule finds a calendar date, or with
#: ``yearless = true`` a month and day without a year (a date line that gives no release date: its ISO
#: value is "", and it is read only on a line with no full date). An example table gives the ISO 8601
#: value its text must parse to: ``{ text = "13 April 2024", iso = "2024-04-13" }``.
DATE_SCHEMA = Schema(fields={"pattern": str, "clock": bool, "yearless": bool}, required=("id", "pattern"),
                     example_fields={"iso": str})
#: Named groups a date rule's pattern must have, those a yearless date rule's must have, and those a clock
#: rule's pattern must have.
DATE_GROUPS = ("year", "month", "day")
YEARLESS_GROUPS = ("month", "day")
#: A leap year: the year a yearless month and day is checked against (29 February is a day).
_ANY_YEAR = 2000
CLOCK_GROUPS = ("hour", "minute", "second", "ampm", "tz")
#: Only this many characters of a line are searched for a date.
MAX_SCAN = 400

_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
#: First three letters of month names in German, French, Spanish, Italian and Dutch that English lacks.
_MONTHS.update({"jän": 1, "ene": 1, "gen": 1, "fév": 2, "mär": 3, "maa": 3, "avr": 4, "abr": 4, "mai": 5,
                "mag": 5, "mei": 5, "giu": 6, "lug": 7, "aoû": 8, "ago": 8, "set": 9, "okt": 10, "ott": 10,
                "dez": 12, "déc": 12, "dic": 12})
#: Month names whose first three letters name two months (French juin, juillet): told apart by four.
_MONTHS4 = {"juin": 6, "juil": 7}


@dataclass(frozen=True)
class DateMatch:
    """A date found on a line: ISO 8601 value and the span of the date and time text."""

    iso: str
    start: int
    end: int
    #: Id of the date rule that found the date.
    rule: str
    #: Id of the clock rule that found the time of day ("" when the line gives none).
    clock: str = ""


def check_date_rules(rules: RuleFile) -> RuleFile:
    """``rules`` when every date rule has the groups year, month and day, every clock rule hour, minute,
    second, ampm and tz, and one rule is the clock; RulesError (E103, E104) naming file and rule otherwise."""
    for rule in rules.rules:
        clock = rule.get("clock", False)
        wanted = CLOCK_GROUPS if clock else YEARLESS_GROUPS if rule.get("yearless", False) else DATE_GROUPS
        missing = [g for g in wanted if g not in rule.pattern.groupindex]
        if missing:
            raise RulesError(Errors.E103.format(file=rules.path, rule=rule.id, groups=", ".join(missing),
                                                what="clock" if clock else "date"))
    if not any(r.get("clock", False) for r in rules.rules):
        raise RulesError(Errors.E104.format(file=rules.path))
    return rules


def load_date_rules(folder: Path | None = None) -> RuleFile:
    """Load ``rules/dates.toml`` (validated, compiled once per process); RulesError when broken."""
    return check_date_rules(load_family("dates", DATE_SCHEMA, folder))


def _month(raw: str) -> int:
    low = raw.lower()
    return int(raw) if raw.isdigit() else _MONTHS4.get(low[:4]) or _MONTHS.get(low[:3], 0)


def _calendar(m: regex.Match) -> tuple[int, int, int] | None:
    """(year, month, day) of a date match, month and day swapped when only that order is a date; None when
    it is no date. A yearless match has year 0."""
    year = int(m.group("year")) if "year" in m.re.groupindex else 0
    month, day = _month(m.group("month")), int(m.group("day"))
    if month > 12 and day <= 12:
        month, day = day, month
    try:
        date(year or _ANY_YEAR, month, day)
    except ValueError:
        return None
    return year, month, day


def _offset(tz: str | None) -> str:
    if not tz:
        return ""
    tz = tz.upper().replace(" ", "")
    if tz in ("Z", "UTC", "GMT"):
        return "+00:00"
    digits = tz.lstrip("UTCGM")
    sign, rest = digits[0], digits[1:].replace(":", "")
    if len(rest) <= 2:
        hours, minutes = int(rest), 0
    else:
        hours, minutes = int(rest[:-2]), int(rest[-2:])
    if hours > 14 or minutes > 59:
        return ""
    return f"{sign}{hours:02d}:{minutes:02d}"


def _clock(m: regex.Match) -> str:
    hour, minute = int(m.group("hour")), int(m.group("minute"))
    second = int(m.group("second") or 0)
    ampm = (m.group("ampm") or "").lower()
    if ampm == "p" and hour < 12:
        hour += 12
    elif ampm == "a" and hour == 12:
        hour = 0
    if hour > 23:
        return ""
    return f"T{hour:02d}:{minute:02d}:{second:02d}{_offset(m.group('tz'))}"


def _timed_out(rule: Rule) -> RuleTimeout:
    return RuleTimeout(Errors.E230.format(file=rule.file, rule=rule.id, seconds=REGEX_TIMEOUT))


def find_date(text: str, rules: RuleFile, disabled: Iterable[str] = ()) -> DateMatch | None:
    """The earliest valid date in ``text`` with the time of day found elsewhere on the line, or None.

    A yearless date (a rule with ``yearless = true``) is found only when the line holds no full date; its
    ``iso`` is "" (the line is a date line, but gives no release date). ``rules`` is a checked dates rule
    file (:func:`check_date_rules`); ids in ``disabled`` are skipped. Raises :class:`RuleTimeout` (E230)
    when a pattern runs over the per-regex time bound.
    """
    off = set(disabled)
    head = text[:MAX_SCAN]
    best: tuple[int, tuple[int, int, int], regex.Match, Rule] | None = None
    partial: tuple[int, regex.Match, Rule] | None = None
    clock: Rule | None = None
    for rule in rules.rules:
        if rule.id in off or not rule.get("enabled", True):
            continue
        if rule.get("clock", False):
            clock = clock or rule
            continue
        try:
            for m in rule.pattern.finditer(head, timeout=REGEX_TIMEOUT):
                ymd = _calendar(m)
                if ymd is not None:
                    if not ymd[0]:
                        if partial is None or m.start() < partial[0]:
                            partial = (m.start(), m, rule)
                    elif best is None or m.start() < best[0]:
                        best = (m.start(), ymd, m, rule)
                    break
        except TimeoutError:
            raise _timed_out(rule) from None
    if best is None:
        return None if partial is None else DateMatch(iso="", start=partial[1].start(), end=partial[1].end(),
                                                      rule=partial[2].id)
    _, (y, mo, d), m, rule = best
    iso, start, end, clock_id = f"{y:04d}-{mo:02d}-{d:02d}", m.start(), m.end(), ""
    if clock is not None:
        rest = head
        for a, b in ((m.start(), m.end()), (partial[1].span() if partial is not None else (0, 0))):
            rest = rest[:a] + " " * (b - a) + rest[b:]  # the time of a yearless date is its own
        try:
            t = clock.pattern.search(rest, timeout=REGEX_TIMEOUT)
        except TimeoutError:
            raise _timed_out(clock) from None
        if t is not None and (suffix := _clock(t)):
            iso += suffix
            start, end, clock_id = min(start, t.start()), max(end, t.end()), clock.id
    return DateMatch(iso=iso, start=start, end=end, rule=rule.id, clock=clock_id)


def parse_datetime(text: str, rules: RuleFile, disabled: Iterable[str] = ()) -> str:
    """ISO 8601 of the first date on ``text`` ("2024-04-13T22:22:00"), or "" when there is none."""
    found = find_date(text, rules, disabled)
    return found.iso if found else ""
