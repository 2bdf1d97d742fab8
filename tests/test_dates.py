"""Release-time parsing (pipeline/dates.py) and the examples of rules/dates.toml."""
from __future__ import annotations

import pytest

from pipeline.clean.dates import find_date, load_date_rules, parse_datetime

RULES = load_date_rules()


def _cases(field: str) -> list:
    out = []
    for rule in RULES.rules:
        if field == "examples":
            expected = rule.get("expected", [])
            assert len(expected) == len(rule.get("examples", [])), f"{rule.id}: one expected value per example"
            out += [pytest.param(rule.id, ex, want, id=f"{rule.id}-{i}")
                    for i, (ex, want) in enumerate(zip(rule.get("examples", []), expected))]
        else:
            out += [pytest.param(rule.id, ex, id=f"{rule.id}-not-{i}") for i, ex in enumerate(rule.get("counter_examples", []))]
    return out


@pytest.mark.parametrize("rule_id,text,expected", _cases("examples"))
def test_rule_examples_parse_to_expected(rule_id: str, text: str, expected: str) -> None:
    assert parse_datetime(text, RULES) == expected


@pytest.mark.parametrize("rule_id,text", _cases("counter_examples"))
def test_rule_counter_examples_do_not_match(rule_id: str, text: str) -> None:
    rule = RULES.by_id()[rule_id]
    found = find_date(text, RULES)
    assert found is None or found.rule != rule_id


def test_seed_release_time_keeps_24_hour_clock_with_pm() -> None:
    assert parse_datetime("Release time:Apr 13, 2024 22:22 PM", RULES) == "2024-04-13T22:22:00"


@pytest.mark.parametrize("text,expected", [
    ("Apr 13, 2024 12:00 PM", "2024-04-13T12:00:00"),
    ("Apr 13, 2024 12:30 AM", "2024-04-13T00:30:00"),
    ("Apr 13, 2024 1:05 pm", "2024-04-13T13:05:00"),
    ("Apr 13, 2024 25:10", "2024-04-13"),
])
def test_am_pm_and_impossible_clock(text: str, expected: str) -> None:
    assert parse_datetime(text, RULES) == expected


@pytest.mark.parametrize("text", ["", "no date here", "Feb 30, 2024", "2024-02-30", "31/31/2024", "9" * 100000])
def test_no_valid_date_gives_empty_string(text: str) -> None:
    assert parse_datetime(text, RULES) == ""


def test_earliest_date_on_the_line_wins() -> None:
    text = "Updated 2024-05-01 08:00, first published 13 April 2024"
    assert parse_datetime(text, RULES) == "2024-05-01T08:00:00"


def test_disabled_date_rule_is_skipped() -> None:
    assert parse_datetime("13 April 2024", RULES, disabled=["date.month_name_dmy.v1"]) == ""


def test_month_first_when_day_first_is_impossible() -> None:
    assert parse_datetime("04/13/2024", RULES) == "2024-04-13"
    assert parse_datetime("05/04/2024", RULES) == "2024-04-05"
