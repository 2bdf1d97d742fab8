"""Release-time parsing (pipeline/clean/dates.py) and the examples of rules/dates.toml."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.clean.dates import check_date_rules, find_date, load_date_rules, parse_datetime
from pipeline.errors import RulesError
from pipeline.rules import Example, Rule, rules_dir

RULES = load_date_rules()


def _cases(field: str) -> list:
    return [pytest.param(rule, ex, id=f"{rule.id}-{'' if field == 'examples' else 'not-'}{i}")
            for rule in RULES.rules for i, ex in enumerate(getattr(rule, field))]


def test_every_example_gives_its_iso_value() -> None:
    for rule in RULES.rules:
        assert rule.examples, rule.id
        assert all("iso" in ex.expect for ex in rule.examples), rule.id


@pytest.mark.parametrize("rule,example", _cases("examples"))
def test_rule_decides_its_examples(rule: Rule, example: Example) -> None:
    """Each example runs through find_date: its own rule finds the date (the clock rule: the time of day),
    and the line parses to the example's ISO value."""
    found = find_date(example.text, RULES)
    assert found is not None
    assert (found.clock if rule.get("clock") else found.rule) == rule.id
    assert found.iso == example.expect["iso"]
    assert parse_datetime(example.text, RULES) == example.expect["iso"]


@pytest.mark.parametrize("rule,example", _cases("counter_examples"))
def test_rule_does_not_decide_its_counter_examples(rule: Rule, example: Example) -> None:
    found = find_date(example.text, RULES)
    assert found is None or rule.id not in (found.rule, found.clock)


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
    assert parse_datetime("13 April 2024", RULES, disabled=["date.month_name_dmy.v1", "date.month_name_dmy_eu.v1"]) == ""
    found = find_date("13 April 2024", RULES, disabled=["date.month_name_dmy.v1"])
    assert found is not None and found.rule == "date.month_name_dmy_eu.v1"  # German April reads the same


def test_month_names_of_other_languages_read_as_their_months() -> None:
    """Month names whose first letters English lacks or shares with two months (French juin, juillet)."""
    for text, iso in (("3 juin 2021", "2021-06-03"), ("3 juillet 2021", "2021-07-03"), ("3. Mai 2021", "2021-05-03"),
                      ("3 dic 2021", "2021-12-03"), ("3 ottobre 2021", "2021-10-03"), ("3. Jänner 2021", "2021-01-03")):
        assert parse_datetime(text, RULES) == iso, text


def test_month_first_when_day_first_is_impossible() -> None:
    assert parse_datetime("04/13/2024", RULES) == "2024-04-13"
    assert parse_datetime("05/04/2024", RULES) == "2024-04-05"


def _dates_file(tmp_path: Path, text: str) -> Path:
    (tmp_path / "dates.toml").write_text(text, encoding="utf-8")
    return tmp_path


def test_clock_rule_is_found_by_its_field_not_its_id(tmp_path: Path) -> None:
    text = (rules_dir() / "dates.toml").read_text(encoding="utf-8").replace('id = "time.clock.v1"', 'id = "hour.v9"')
    rules = load_date_rules(_dates_file(tmp_path, text))
    found = find_date("Release time:Apr 13, 2024 22:22 PM", rules)
    assert found is not None and found.iso == "2024-04-13T22:22:00" and found.clock == "hour.v9"


def test_rule_without_the_clock_field_is_a_date_rule_and_rejected(tmp_path: Path) -> None:
    text = (rules_dir() / "dates.toml").read_text(encoding="utf-8").replace("clock = true\n", "")
    with pytest.raises(RulesError, match=r"E103.*dates\.toml.*time\.clock\.v1.*year, month, day"):
        load_date_rules(_dates_file(tmp_path, text))


def test_file_without_a_clock_rule_is_rejected(tmp_path: Path) -> None:
    text = (rules_dir() / "dates.toml").read_text(encoding="utf-8")
    text = text[:text.index('[[rule]]\nid = "time.clock.v1"')]
    with pytest.raises(RulesError, match=r"E104.*dates\.toml"):
        load_date_rules(_dates_file(tmp_path, text))
    assert check_date_rules(RULES) is RULES


USER_DATES = """
[[rule]]
id = "my.date.v1"
pattern = '(?P<day>\\d{1,2})\\.(?P<month>\\d{1,2})\\.(?P<year>\\d{4})'
examples = [{ text = "13.4.2024", iso = "2024-04-13" }]

[[rule]]
id = "my.clock.v1"
clock = true
pattern = '(?P<hour>\\d\\d):(?P<minute>\\d\\d)(?::(?P<second>\\d\\d))?(?P<ampm>)(?P<tz>)'
examples = [{ text = "13.4.2024 10:30", iso = "2024-04-13T10:30:00" }]
"""


def test_a_date_pattern_over_the_regex_bound_is_named(monkeypatch) -> None:
    from pipeline.clean import dates
    from pipeline.errors import RuleTimeout

    monkeypatch.setattr(dates, "REGEX_TIMEOUT", 0.0)  # a tiny bound: every search runs over it at once
    with pytest.raises(RuleTimeout, match=r"^\[E230\] .*dates\.toml: rule date\.iso\.v1: .* bound of 0 s"):
        find_date("Release time: 2024-04-13 10:30", RULES)


@pytest.mark.slow
def test_a_custom_date_pattern_over_the_bound_makes_the_document_an_error(tmp_path: Path, monkeypatch) -> None:
    from pipeline.clean import dates
    from pipeline.document import load_stages, process_documents, text_doc

    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "dates.toml").write_text(USER_DATES, encoding="utf-8")
    stages = load_stages(rules, use_ner=False)
    page = "Harbour traffic\n\nRelease time: 13.4.2024 10:30\n\nThe port handled 4.1 million containers, up 12%.\n"
    (ok,) = process_documents([text_doc(page)], stages)
    assert ok.status == "ok", ok.error
    monkeypatch.setattr(dates, "REGEX_TIMEOUT", 0.0)
    (hit,) = process_documents([text_doc(page)], stages)
    assert hit.status == "error" and hit.claims == []
    assert hit.error.startswith("RuleTimeout: [E230] ") and "rule my.date.v1:" in hit.error


@pytest.mark.parametrize("text", ["Updated Nov 19, 9:41 AM", "Posted March 3 at 10:05 p.m. ET",
                                  "Updated Nov 19, 9:41 AM;Posted Nov 18, 8:19 PM"])
def test_a_month_and_day_without_a_year_is_a_date_line_with_no_release_date(text: str) -> None:
    found = find_date(text, RULES)
    assert found is not None and found.iso == "" and found.start < found.end
    assert parse_datetime(text, RULES) == ""


def test_a_full_date_on_the_line_wins_over_a_yearless_one() -> None:
    text = "Updated Nov 19, 9:41 AM; first posted Nov 18, 2019 8:19 PM"
    assert parse_datetime(text, RULES) == "2019-11-18T20:19:00"


def test_a_yearless_rule_needs_month_and_day_only(tmp_path: Path) -> None:
    text = USER_DATES + """
[[rule]]
id = "my.yearless.v1"
yearless = true
pattern = '(?P<day>\\d{1,2})/(?P<month>\\d{1,2})/ um'
examples = [{ text = "13/4/ um 10:30", iso = "" }]
"""
    rules = load_date_rules(_dates_file(tmp_path, text))
    found = find_date("Stand: 13/4/ um 10:30", rules)
    assert found is not None and found.rule == "my.yearless.v1" and found.iso == ""
    assert find_date("Stand: 31/2/ um 10:30", rules) is None  # no such day
    broken = text.replace("(?P<day>\\d{1,2})/(?P<month>", "(?P<d>\\d{1,2})/(?P<month>")
    with pytest.raises(RulesError, match=r"E103.*my\.yearless\.v1.*day"):
        load_date_rules(_dates_file(tmp_path, broken))
