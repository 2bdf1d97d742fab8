"""Tests for pipeline.extract.quantities: every rule's examples, parsing helpers, non-claims, robustness."""
from __future__ import annotations

import math
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.document import load_stages
from pipeline.errors import RulesError
from pipeline.extract.quantities import (
    Grammar,
    decimal_mark,
    Sifted,
    find_quantities,
    find_tallies,
    find_years,
    load_grammar,
    parse_number,
    parse_ordinal,
    read_digits,
    scan_quantities,
    sift_quantities,
)
from pipeline.rules import Example, Rule, rules_dir

GRAMMAR = load_stages(use_ner=False).extractor.grammar  # compiled once per test session (rules cache)
QUANTITY_FAMILIES = ("numbers", "scales", "bounds", "units")


def _cases(counter: bool) -> list:
    cases = []
    for rf in GRAMMAR.rule_files:
        family = rf.meta.get("family", rf.path)
        for rule in rf.rules:
            # an example of a rule that stops another reading is checked against a grammar compiled without the
            # rule (several seconds each): those run with the slow tests
            slow = rule.get("kind") == "not_range"
            for ex in rule.counter_examples if counter else rule.examples:
                cases.append(pytest.param(family, rule, ex, id=f"{rule.id}:{ex.text[:40]}",
                                          marks=[pytest.mark.slow] if slow else []))
    return cases


def _check_spans(example: Example) -> Sifted:
    decimal = decimal_mark(example.text, example.expect.get("language", ""), GRAMMAR)
    sifted = sift_quantities(example.text, GRAMMAR, decimal=decimal)
    assert [(q.start, q.end) for q in sifted.kept] == list(example.spans), [q.text for q in sifted.kept]
    return sifted


@lru_cache(maxsize=4)
def _without(rule_id: str, file: str) -> Grammar:
    """The grammar of the project's rule files with rule ``rule_id`` of ``file`` disabled."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name in ("numbers", "scales", "bounds", "units", "non_claims"):
            text = (rules_dir() / f"{name}.toml").read_text(encoding="utf-8")
            if name == Path(file).stem:
                text = text.replace(f'id = "{rule_id}"\n', f'id = "{rule_id}"\nenabled = false\n', 1)
            (folder / f"{name}.toml").write_text(text, encoding="utf-8")
        return load_grammar(folder)


@pytest.mark.parametrize("family,rule,example", _cases(counter=False))
def test_rule_example(family: str, rule: Rule, example: Example) -> None:
    sifted = _check_spans(example)
    found = sifted.kept
    if family == "non_claims" and rule.pattern is None:
        pass  # a context rule: the grammar leaves the marked quantities to it (tests/test_non_claims.py)
    elif family == "non_claims" and rule.get("guard"):
        assert rule.pattern.search(example.text), f"{rule.id} does not match {example.text!r}"
    elif family == "non_claims":
        assert any(rule.id in why for _, why in sifted.dropped), f"{rule.id} drops nothing in {example.text!r}"
    elif rule.get("kind") == "noun":
        assert found and found[0].noun and "noun" in example.expect
    elif rule.get("kind") == "not_range":  # without the rule, "X to Y" is read another way
        other = find_quantities(example.text, _without(rule.id, rule.file))
        assert [(q.start, q.end, q.value, q.bound) for q in other] != [
            (q.start, q.end, q.value, q.bound) for q in found]
    else:
        assert any(rule.id in q.rule.split("+") for q in found), [q.rule for q in found]
    if example.expect:
        q = found[0]
        for key in ("value", "value_max"):
            if key in example.expect:
                assert getattr(q, key) == pytest.approx(example.expect[key], rel=1e-3)
        for key in ("unit", "bound", "noun"):
            if key in example.expect:
                assert getattr(q, key) == example.expect[key]


@pytest.mark.parametrize("family,rule,example", _cases(counter=True))
def test_rule_counter_example(family: str, rule: Rule, example: Example) -> None:
    sifted = _check_spans(example)
    assert not any(rule.id in q.rule.split("+") for q in sifted.kept)
    assert not any(rule.id in why for _, why in sifted.dropped)
    if rule.get("kind") == "not_range":  # the rule leaves "X to Y" as it is
        other = find_quantities(example.text, _without(rule.id, rule.file))
        assert [(q.start, q.end, q.value, q.bound) for q in other] == [
            (q.start, q.end, q.value, q.bound) for q in sifted.kept]


def test_every_rule_has_examples() -> None:
    for rf in GRAMMAR.rule_files:
        for rule in rf.rules:
            if rule.get("kind") != "ordinal":
                assert rule.examples, f"{rule.id} has no examples"


def test_rule_ids_are_versioned() -> None:
    for rf in GRAMMAR.rule_files:
        for rule in rf.rules:
            assert regex.fullmatch(r"[a-z0-9_]+(?:\.[a-z0-9_]+)*\.v\d+", rule.id), rule.id


@pytest.mark.parametrize(
    "text,value",
    [
        ("22,000", 22000.0),
        ("400.35", 400.35),
        ("16988", 16988.0),
        ("twenty-five", 25.0),
        ("a dozen", 12.0),
        ("one hundred and six", 106.0),
        ("two million three hundred thousand", 2300000.0),
        ("1/4", 0.25),
        ("7 3/4", 7.75),
        ("Four", 4.0),
        ("half", 0.5),
        ("2½", 2.5),
    ],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text, GRAMMAR) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "abc", "C919", "one two", "1,5"])
def test_parse_number_rejects(text: str) -> None:
    assert parse_number(text, GRAMMAR) is None


@pytest.mark.parametrize(
    "word,value",
    [("first", 1), ("second", 2), ("Third", 3), ("twenty-first", 21), ("20th", 20), ("3rd", 3), ("1st", 1)],
)
def test_parse_ordinal(word: str, value: int) -> None:
    assert parse_ordinal(word, GRAMMAR) == value


def test_parse_ordinal_rejects() -> None:
    assert parse_ordinal("apple", GRAMMAR) is None


def test_offsets_are_absolute() -> None:
    text = "Sales rose 12.1% to 400.35 billion yuan."
    for q in find_quantities(text, GRAMMAR, offset=1000):
        assert text[q.start - 1000 : q.end - 1000] == q.text


def test_range_is_one_quantity_with_both_ends() -> None:
    (q,) = find_quantities("Prices will rise between 3 and 4 million yuan.", GRAMMAR)
    assert (q.text, q.value, q.value_max, q.bound, q.unit) == ("between 3 and 4 million yuan", 3e6, 4e6, "range", "CNY")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("between $40 and $45 a share", [(40.0, 45.0, "USD/share", "range")]),
        ("speeds of 20 to 30 km/h", [(20.0, 30.0, "km/h", "range")]),
        ("It expects 2-3 million visitors.", [(2e6, 3e6, "count", "range")]),
        ("Bitcoin slid from $41,200 to $39,870.", [(41200.0, None, "USD", "exact"), (39870.0, None, "USD", "exact")]),
        ("It fell from 612,000 tonnes in 2018 to 590,000 tonnes in 2019.",
         [(612000.0, None, "t", "exact"), (590000.0, None, "t", "exact")]),
        # prices to the cent after a verb of change are a change and a level
        ("Biogen fell $28.63 to $38.65.", [(28.63, None, "USD", "exact"), (38.65, None, "USD", "exact")]),
        ("Shares rose 12p to 345p.", [(0.12, None, "GBP", "exact"), (3.45, None, "GBP", "exact")]),
        ("Yields may rise 0.25 to 0.50 percentage points.", [(0.25, 0.5, "pp", "range")]),
        # a dash between digits and a spelled-out number joins no range
        ("It was on November 3\u2014nine days before the news.", [(9.0, None, "day", "exact")]),
        ("It takes 3-4 days or three-four weeks.", [(3.0, 4.0, "day", "range"), (3.0, 4.0, "week", "range")]),
        # a multiple at the low end is a multiple and a level
        ("Spending would almost double to $3bn.", [(2.0, None, "x", "approx"), (3e9, None, "USD", "exact")]),
        # a minus sign between two numbers joins a range like a dash
        ("Bake for 12\u221215 minutes in 10\u221220% cream.", [(12.0, 15.0, "min", "range"), (10.0, 20.0, "%", "range")]),
        # a player's line of successes in tries after a verb of a game's line: its first number, no range
        ("Ortiz went 2-13 at the plate this week.", [(2.0, None, "count", "exact")]),
        ("The lefty is 0-6 with three walks since May.", [(0.0, None, "count", "exact"), (3.0, None, "count", "exact")]),
        ("Prices went 3-4% higher.", [(3.0, 4.0, "%", "range")]),
        ("Crowds of 2-13 thousand went by.", [(2000.0, 13000.0, "count", "range")]),
    ],
)
def test_ranges_and_movements(text: str, expected: list) -> None:
    found = find_quantities(text, GRAMMAR)
    assert [(q.value, q.value_max, q.unit, q.bound) for q in found] == expected


def test_and_without_between_is_two_quantities() -> None:
    found = find_quantities("a year-on-year increase of 20.3% and 112.5%", GRAMMAR)
    assert [q.value for q in found] == [20.3, 112.5]


@pytest.mark.parametrize(
    "text, expected",
    [
        # one spaced group of three digits fuses only after a currency sign or before a scale word
        ("In 2019 45 farms closed and 3 4 5 remained.", [45.0, 3.0, 4.0, 5.0]),
        ("On June 5 100 people died.", [100.0]),
        ("Of 12 150 beds were free.", [12.0, 150.0]),
        ("Reserves were $3 120 million.", [3.12e9]),
        # a fiscal year's tail is no range's low end
        ("Sales rose in 2016–17 to 420 000 tonnes.", [420000.0]),
        # a sign opens a price only written right before its currency sign; a spaced dash only a temperature
        ("Costs minus $5 million in fees.", [5e6]),
        ("- 20 people were hurt.", [20.0]),
        ("It rose to - 3 °C at noon.", [-3.0]),
        # a decimal comma next to a currency only before two digits of cents, never for a currency with no subunit
        ("Scores were 4,2 and 3,1 at 12,50 percent.", []),
        ("A room was 1,500 EUR or 250,00 yen.", [1500.0]),
        ("Milk costs 1,19 € a litre.", [1.19]),
    ],
)
def test_digit_forms_of_prices_and_signs(text: str, expected: list) -> None:
    assert [q.value for q in find_quantities(text, GRAMMAR)] == pytest.approx(expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("It cost 7 dollars 25 cents.", [("7 dollars 25 cents", 7.25, "USD")]),
        ("It cost 5 dollars and 150 cents.", [("5 dollars", 5.0, "USD"), ("150 cents", 1.5, "USD")]),
        ("She paid 20 dollars and 5 euros.", [("20 dollars", 20.0, "USD"), ("5 euros", 5.0, "EUR")]),
        ("They paid 3 million dollars and 40 cents a share.",
         [("3 million dollars", 3e6, "USD"), ("40 cents a share", 0.4, "USD/share")]),
        ("A pint is two pounds and thirty pence.", [("two pounds and thirty pence", 2.3, "GBP")]),
    ],
)
def test_cents_complete_a_whole_price(text: str, expected: list) -> None:
    assert [(q.text, q.value, q.unit) for q in find_quantities(text, GRAMMAR)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a spaced scale letter after a figure with a currency sign is a scale, not metres
        ("The port cost $45 m to build.", [("$45 m", 4.5e7, "USD")]),
        ("Bids of €7 m and ¥2 bn came in.", [("€7 m", 7e6, "EUR"), ("¥2 bn", 2e9, "JPY")]),
        ("The mast is 45 m tall.", [("45 m", 45.0, "m")]),
        # a second currency after a colon or a slash keeps its sign
        ("Takings were $80m:£41.2m.", [("$80m", 8e7, "USD"), ("£41.2m", 4.12e7, "GBP")]),
        ("Seats cost $7/£5 each.", [("$7", 7.0, "USD"), ("£5", 5.0, "GBP")]),
        ("It ran 24/7 at 3:30.", []),
        # a rate after a bracketed restatement rates both figures; each keeps its own span
        ("Fees are €12 ($14) per week.", [("€12", 12.0, "EUR/week"), ("$14", 14.0, "USD/week")]),
        ("It paid €12 ($14) for that.", [("€12", 12.0, "EUR"), ("$14", 14.0, "USD")]),
        ("It earns £9 (a record) a year ago.", [("£9", 9.0, "GBP")]),
    ],
)
def test_currency_forms_around_signs_and_brackets(text: str, expected: list) -> None:
    assert [(q.text, q.value, q.unit) for q in find_quantities(text, GRAMMAR)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "In 2022, under the epidemic, the city grew.",
        "Release time:Apr 13, 2024 22:22 PM",
        "from 8:00 a.m. to 8:00 p.m. daily from July 1st to 2nd",
        "The first C919 large passenger aircraft has been delivered",
        "VV116 COVID-19 therapeutic drugs and CC312",
        "companies in the Fortune 500 list",
        "the 2.0 version upgraded from the 1.0 version",
        "On the 20th, the camp opened; the second round began.",
        "Precisely Positioned 3D Scene",
        "Call +86 21 6321 1234 now.",
        "Before 2019, there was no such drug.",
        "Posted 3 hours ago",
        "В 2019 г. рецепт стал известен.",
    ],
)
def test_non_claims_give_nothing(text: str) -> None:
    assert find_quantities(text, GRAMMAR) == []


def test_find_years() -> None:
    text = "In 2022, 16988 firms were admitted, up from 2021; over 2000 firms left. FY2023 looks better."
    years = [t for _, _, t in find_years(text, GRAMMAR)]
    assert years == ["2022", "2021", "FY2023"]
    for s, e, t in find_years(text, GRAMMAR, offset=7):
        assert text[s - 7 : e - 7] == t


@pytest.mark.parametrize("text", [
    "Brent traded at $82.21 a barrel by 1400 GMT.",
    "Trading resumed after 0930 ET.",
    "Shares were up 2% by 1330 local time.",
])
def test_a_24_hour_clock_is_no_year_and_no_claim(text: str) -> None:
    """A four-digit clock with a time zone or 'hours' after a word of time is neither a year nor a figure."""
    clock = regex.search(r"\b\d{4}\b", text).group()
    assert find_years(text, GRAMMAR) == []
    assert [q.text for q in find_quantities(text, GRAMMAR) if q.text.startswith(clock)] == []


def test_no_number_fast_path() -> None:
    assert find_quantities("No numbers at all here, just words.", GRAMMAR) == []


@pytest.mark.parametrize(
    "make,n",
    [(lambda k: "9" * k, 12_500), (lambda k: "1," * k, 6_250), (lambda k: "a" * k + " 5%", 125_000),
     (lambda k: "one " * k, 250), (lambda k: "- " * k + "5", 6_250), (lambda k: "$" * k, 12_500)],
    ids=["nines", "digit-list", "long-word", "number-words", "dashes", "dollars"],
)
def test_pathological_inputs_are_fast(make, n: int, cost_growth) -> None:
    """Linear time: the cost of 8x the input grows far less than a quadratic cost would."""
    found = {}
    growth = cost_growth(lambda k: found.__setitem__(k, find_quantities(make(k), GRAMMAR)), n)
    assert growth.below_quadratic, growth
    text = make(8 * n)
    for q in found[8 * n]:
        assert math.isfinite(q.value) and text[q.start : q.end] == q.text


NUMBERISH = st.text(alphabet=st.sampled_from(list("0123456789 ,.-/%$£€a bmkMBone twohalf")), max_size=80)


@settings(max_examples=300, deadline=None)
@given(NUMBERISH | st.text(max_size=80))
def test_property_provenance(text: str) -> None:
    found = find_quantities(text, GRAMMAR, offset=3)
    last_end = -1
    for q in found:
        assert text[q.start - 3 : q.end - 3] == q.text
        assert math.isfinite(q.value)
        assert q.start >= last_end
        last_end = q.end


def test_grammar_lists_rule_files() -> None:
    assert isinstance(GRAMMAR, Grammar)
    names = {Path(rf.path).name for rf in GRAMMAR.rule_files}
    assert names == {"numbers.toml", "scales.toml", "bounds.toml", "units.toml", "non_claims.toml"}


def _copy_rules(tmp_path: Path) -> Path:
    for name in ("numbers", "scales", "bounds", "units", "non_claims"):
        shutil.copy(rules_dir() / f"{name}.toml", tmp_path / f"{name}.toml")
    return tmp_path


def test_broken_pattern_names_file_and_rule(tmp_path: Path) -> None:
    folder = _copy_rules(tmp_path)
    path = folder / "scales.toml"
    path.write_text(path.read_text().replace("(?i:thousand)\\b", "(?i:thousand"), encoding="utf-8")
    with pytest.raises(RulesError, match=r"scales\.toml.*scale\.thousand\.v1"):
        load_grammar(folder)


def test_unknown_field_is_rejected(tmp_path: Path) -> None:
    folder = _copy_rules(tmp_path)
    path = folder / "bounds.toml"
    text = path.read_text().replace('\nbound = "over"\n', '\nbound = "over"\ncolour = "red"\n')
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RulesError, match=r"bound\.over\.v1.*colour"):
        load_grammar(folder)


@pytest.mark.slow
def test_disabled_rule_is_skipped(tmp_path: Path) -> None:
    folder = _copy_rules(tmp_path)
    path = folder / "units.toml"
    text = path.read_text().replace('id = "unit.teu.v1"', 'id = "unit.teu.v1"\nenabled = false')
    path.write_text(text, encoding="utf-8")
    grammar = load_grammar(folder)
    (q,) = find_quantities("A 24000 TEUs ship.", grammar)
    assert q.unit == "count"


def test_noun_stops_before_a_number_word() -> None:
    found = find_quantities("Sales grew 4 pct against six and seven pct a year earlier.", GRAMMAR)
    assert [q.text for q in found] == ["4 pct", "six", "seven pct"]
    assert found[1].noun == ""


def test_a_non_claim_at_one_end_drops_the_whole_range() -> None:
    assert find_quantities("It ran 2001 to 2003 and then stopped.", GRAMMAR) == []


@pytest.mark.slow
def test_bad_applies_to_is_a_rules_error(tmp_path: Path) -> None:
    folder = _copy_rules(tmp_path)
    path = folder / "non_claims.toml"
    text = path.read_text().replace('applies_to = "bare"', 'applies_to = "sometimes"', 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RulesError, match="applies_to"):
        load_grammar(folder)


def test_find_years_spans_and_ranges() -> None:
    text = "Output for 2021/22 rose, and donations between 2001 and 2003 were banned."
    assert [t for _, _, t in find_years(text, GRAMMAR)] == ["2021/22", "2001", "2003"]


def test_seed_page_quantities_and_non_claims() -> None:
    text = (Path(__file__).parents[1] / "corpus" / "000_776d51a9b6409b01.txt").read_text(encoding="utf-8")
    found = find_quantities(text, GRAMMAR)
    texts = {q.text for q in found}
    for expected in ("Four", "eight", "about 1/4", "over 22000", "400.35 billion yuan", "trillion yuan", "24000 TEUs"):
        assert expected in texts
    for q in found:
        assert text[q.start : q.end] == q.text
        assert not regex.search(r"C919|VV116|COVID|CC312|Fortune|version|\d:\d\d", text[q.start - 10 : q.end + 10])
        assert not regex.fullmatch(r"(?:19|20)\d\d", q.text)
    years = {t for _, _, t in find_years(text, GRAMMAR)}
    assert "2022" in years


@pytest.mark.parametrize(
    "text, value",
    [("Sales rose threefold.", 3.0), ("Costs rose tenfold since 1990.", 10.0), ("A 2.5-fold rise.", 2.5),
     ("Output grew five-fold.", 5.0), ("It saw a 10 fold jump.", 10.0)],
)
def test_fold_multiples_are_ratios(text: str, value: float) -> None:
    found = find_quantities(text, GRAMMAR)
    assert [(q.value, q.unit) for q in found] == [(value, "x")]


@pytest.mark.parametrize(
    "text",
    ["Replacements: Everitt for Mapletoft (53), Hodgson for Edwards (77).", "He lives at 10 Downing Street.",
     "The Group of Seven met.", "It trades S and P 500 futures.", "It aired on BBC Four.",
     "It was the 50th quarter of growth."],
)
def test_names_and_periods_are_not_quantities(text: str) -> None:
    assert find_quantities(text, GRAMMAR) == []


def test_decimal_price_range_is_not_a_date() -> None:
    found = find_quantities("It bought shares at 5.30-6.875 dlrs a share.", GRAMMAR)
    assert [(q.value, q.value_max, q.unit, q.bound) for q in found] == [(5.3, 6.875, "USD/share", "range")]


def test_hyphenated_to_range() -> None:
    found = find_quantities("It expects 8.25-to-8.50 dlrs a share.", GRAMMAR)
    assert [(q.value, q.value_max, q.unit) for q in found] == [(8.25, 8.5, "USD/share")]


@pytest.mark.parametrize(
    "text,decimal,value",
    [
        ("3.150.000", ".", 3150000.0),
        ("3.150.000", ",", 3150000.0),
        ("2.345,6", ".", 2345.6),
        ("2,345.6", ",", 2345.6),
        ("250.000", ".", 250.0),
        ("250.000", ",", 250000.0),
        ("1,234", ".", 1234.0),
        ("1,234", ",", 1.234),
        ("1,49", ",", 1.49),
        ("1.5", ",", 1.5),
        ("1234.567", ",", 1234.567),
        ("45,67,890.50", ".", 4567890.5),
        ("2.5e7", ".", 2.5e7),
        (".5", ",", 0.5),
    ],
)
def test_read_digits_by_convention(text: str, decimal: str, value: float) -> None:
    assert read_digits(text, decimal) == pytest.approx(value)


@pytest.mark.parametrize("text", ["4,2", "1,49", "1.234.5", "1,23,4", "2.345,6,7"])
def test_read_digits_leaves_unreadable_shapes(text: str) -> None:
    assert read_digits(text, ".") is None


def test_grouped_reads_one_separator_as_thousands() -> None:
    assert read_digits("250.000", ".", grouped=True) == 250000.0
    assert read_digits("1,500", ",", grouped=True) == 1500.0


def test_unread_numbers_are_reported_not_dropped_silently() -> None:
    scan = scan_quantities("Scores were 4,2 and 3,1 on 13.04.2024, up 1.5%.", GRAMMAR, offset=10)
    assert [q.text for q in scan.kept] == ["1.5%"]
    assert scan.unread == ((22, 25), (30, 33))
    german = scan_quantities("Es waren 4,2 %.", GRAMMAR, decimal=",")
    assert [q.value for q in german.kept] == [4.2] and german.unread == ()


@pytest.mark.parametrize(
    "text, found",
    [
        ("上海的研发投入占GDP的4.2%。", ["4.2%"]),  # a figure right after an ideograph starts a word
        ("全国平均水平为2.55%，", ["2.55%"]),
        ("東京の気温は35°C。", ["35°C"]),  # and after kana
        ("COVID-19 and 24/7 hold none; Ab3 neither.", []),  # a letter or sign before a figure still holds it
    ],
)
def test_a_figure_after_an_ideograph_is_read(text: str, found: list[str]) -> None:
    assert [q.text for q in scan_quantities(text, GRAMMAR).kept] == found


def test_scan_keeps_what_the_explaining_sift_keeps() -> None:
    # scan_quantities skips the non-claim rules' windows whose candidates an earlier rule already dropped;
    # sift_quantities reads them all to name every rule: both keep the same quantities, on every rule example
    texts = {ex.text for rf in GRAMMAR.rule_files for rule in rf.rules for ex in (*rule.examples, *rule.counter_examples)}
    texts |= {"In 2021 the 3 firms sold 1,200 cars on May 5, 2022, up 4% from 2020, at 10:30 am on 555-1234."}
    for text in sorted(texts):
        assert scan_quantities(text, GRAMMAR).kept == sift_quantities(text, GRAMMAR).kept, text


@pytest.mark.parametrize(
    "text,language,mark",
    [
        ("Die Inflation lag bei 4,2 %.", "de", ","),
        ("Die Inflation lag bei 4,2 %.", "de-AT", ","),
        ("Sales of 1,234,567 units.", "de", "."),
        ("Inflation was 4.2%.", "en", "."),
        ("Inflation was 4.2%.", "", "."),
    ],
)
def test_decimal_mark(text: str, language: str, mark: str) -> None:
    assert decimal_mark(text, language, GRAMMAR) == mark


@pytest.mark.parametrize(
    "text, quantity, value, unit",
    [
        ("Officials reported a fourth death on Sunday.", "fourth", 4.0, "count"),
        ("The index fell for a sixth straight session.", "sixth", 6.0, "count"),
        ("Prices rose for the ninth consecutive year.", "ninth", 9.0, "year"),
        ("The fair, now in its 25th year, opens today.", "25th", 25.0, "year"),
        ("The club marks its centenary with a 100th anniversary dinner.", "100th", 100.0, "year"),
        ("She climbed to the 12th spot in the standings.", "12th", 12.0, "rank"),
    ],
)
def test_ordinals_that_count(text: str, quantity: str, value: float, unit: str) -> None:
    found = [(q.text, q.value, q.unit) for q in find_quantities(text, GRAMMAR)]
    assert (quantity, value, unit) in found


@pytest.mark.parametrize(
    "text",
    ["It was the first time in years.", "The second half was dull.", "The third quarter ended.",
     "Her second album sold well.", "The 21st century began.", "His fourth film flopped."],
)
def test_ordinals_that_name_an_item_are_not_quantities(text: str) -> None:
    assert find_quantities(text, GRAMMAR) == []


@pytest.mark.parametrize(
    "text",
    ["Unemployment rose to 4,2 percent in May.", "It sold 12,5 tonnes of coffee.",
     "Bread prices were up 0,5 percent."],
)
def test_an_unread_decimal_comma_leaks_no_unit(text: str) -> None:
    """(Two digits after a comma next to a currency read as cents in any language: "€4,50" is
    4.5 EUR, tested with the currency forms.)"""
    scan = scan_quantities(text, GRAMMAR)
    assert scan.kept == [] and scan.unread


def test_a_hyphened_bound_is_no_sign() -> None:
    assert [(q.value, q.bound) for q in find_quantities("a tax cut for under-25s", GRAMMAR)] == [(25.0, "under")]
    assert find_quantities("He won the under-21 tournament.", GRAMMAR) == []


def test_a_symbol_bound_keeps_its_sign() -> None:
    assert [(q.value, q.bound) for q in find_quantities("when it is <-30", GRAMMAR)] == [(-30.0, "under")]


@pytest.mark.parametrize(
    "text, quantity, low, high",
    [
        ("The pilot, a woman in her mid-40s, landed safely.", "mid-40s", 44.0, 46.0),
        ("Most of the new members are in their early 20s.", "early 20s", 20.0, 23.0),
        ("He took up painting in his late 70s.", "late 70s", 77.0, 79.0),
        ("Both founders are in their 30s.", "30s", 30.0, 39.0),
    ],
)
def test_an_age_by_its_decade_is_an_approximate_span_of_years(text: str, quantity: str, low: float, high: float) -> None:
    found = [(q.text, q.value, q.value_max, q.unit, q.bound) for q in find_quantities(text, GRAMMAR)]
    assert found == [(quantity, low, high, "year", "approx")]


@pytest.mark.parametrize(
    "text, found",
    [
        ("No one under the age of 14 years old may ride.", [("under the age of 14 years old", 14.0, "year", "under")]),
        ("Drivers over age 80 years must retest.", [("over age 80 years", 80.0, "year", "over")]),
        ("Pilots stop flying near age 65 years.", [("near age 65 years", 65.0, "year", "approx")]),
        ("Most nurses retire around age 61.", [("around age 61", 61.0, "year", "approx")]),
        ("Kids under the age of 6 ride free; 30 years old is the cut-off.", [("under the age of 6", 6.0, "year", "under"),
                                                                              ("30 years", 30.0, "year", "exact")]),
    ],
)
def test_an_age_threshold_takes_the_place_of_its_figure_in_years(text: str, found: list) -> None:
    """An age threshold with the word age keeps its bound with 'years' or 'years old' after the figure; a figure
    in years elsewhere in the sentence stays as the grammar read it."""
    assert [(q.text, q.value, q.unit, q.bound) for q in find_quantities(text, GRAMMAR)] == found


@pytest.mark.parametrize(
    "text, value, unit",
    [
        ("Volunteers planted 2.000 trees along the canal.", 2000.0, "count"),
        ("The upgrade cost 7.500 euros per flat.", 7500.0, "EUR"),
        ("The sample held 2.125 grams of salt.", 2.125, "g"),
        ("A coffee there costs £3.400 in the old catalogue.", 3.4, "GBP"),
    ],
)
def test_a_dot_groups_thousands_in_english_text_only_before_a_currency_word_or_counted_noun(
    text: str, value: float, unit: str
) -> None:
    assert [(q.value, q.unit) for q in find_quantities(text, GRAMMAR)] == [(value, unit)]


@pytest.mark.parametrize(("text", "span", "unit", "noun"), [
    ("It was his eighth win of the season.", "eighth", "count", "win"),
    ("June set the 13th consecutive monthly record.", "13th", "count", "consecutive monthly record"),
    ("Sales fell for the fourth consecutive month.", "fourth", "month", ""),
])
def test_a_counting_ordinal_names_what_it_counts(text: str, span: str, unit: str, noun: str):
    (q,) = find_tallies(text, GRAMMAR)
    assert (q.text, q.unit, q.noun) == (span, unit, noun)


@pytest.mark.parametrize(("text", "quantity", "value", "unit", "noun"), [
    ("A quarter of a million people came.", "A quarter of a million", 250000.0, "count", "people"),
    ("It cost three-quarters of a million dollars.", "three-quarters of a million dollars", 750000.0, "USD", ""),
    ("Half a million homes lost power.", "Half a million", 500000.0, "count", "homes"),
    ("He ran a quarter of a mile.", "a quarter of a mile", 0.25, "mi", ""),
    ("A third of the vote went to them.", "A third", 100 / 3, "%", ""),
])
def test_a_part_of_a_scale_or_measure_is_that_part(text: str, quantity: str, value: float, unit: str, noun: str):
    (q,) = find_quantities(text, GRAMMAR)
    assert (q.text, q.unit, q.noun) == (quantity, unit, noun)
    assert q.value == pytest.approx(value)


@pytest.mark.parametrize(("text", "quantity", "value"), [
    ("He is described as being 5ft 9ins tall.", "5ft 9ins", 5.75),
    ("The man is six feet two inches tall.", "six feet two inches", 6 + 2 / 12),
    ("It stands 5\u2032 10\u2033 high.", "5\u2032 10\u2033", 5 + 10 / 12),
    ("He is 6 feet 4 in the shade.", "6 feet", 6.0),
    ("The wall is 10ft, 3 inches of snow fell.", "10ft", 10.0),
])
def test_inches_complete_a_height_in_feet(text: str, quantity: str, value: float):
    q = find_quantities(text, GRAMMAR)[0]
    assert (q.text, q.unit) == (quantity, "ft")
    assert q.value == pytest.approx(value)


@pytest.mark.parametrize(("text", "quantity", "value", "unit", "bound"), [
    ("We sat with him for an hour and a half.", "an hour and a half", 1.5, "h", "exact"),
    ("Talks dragged on for nearly a month and a half.", "nearly a month and a half", 1.5, "month", "approx"),
    ("They met two days and a half later.", "two days and a half", 2.5, "day", "exact"),
    ("The plant ran 3 weeks and a half-day shift.", "3 weeks", 3.0, "week", "exact"),
    ("He served a year and a half of his term.", "a year and a half", 1.5, "year", "exact"),
])
def test_and_a_half_completes_a_span_of_time(text: str, quantity: str, value: float, unit: str, bound: str):
    q = find_quantities(text, GRAMMAR)[0]
    assert (q.text, q.unit, q.bound) == (quantity, unit, bound)
    assert q.value == pytest.approx(value)


@pytest.mark.parametrize(("text", "quantity", "value", "unit"), [
    ("The final lasted two hours 45 minutes.", "two hours 45 minutes", 165.0, "min"),
    ("The trip takes 1hr 20min by train.", "1hr 20min", 80.0, "min"),
    ("He ran the last leg in 3 min 12 sec.", "3 min 12 sec", 192.0, "s"),
    ("She won in two hours, 23 minutes and 10 seconds.", "two hours, 23 minutes and 10 seconds", 8590.0, "s"),
    ("He won in 14 minutes 32.93 seconds.", "14 minutes 32.93 seconds", 872.93, "s"),
    ("The record stands at eight minutes, 04.69 seconds.", "eight minutes, 04.69 seconds", 484.69, "s"),
    ("The ship sailed for three days and 12 hours.", "three days and 12 hours", 84.0, "h"),
    ("He served 2 years, 5 months and 9 days in jail.", "2 years, 5 months and 9 days", 2 + 5 / 12 + 9 / 365.25, "year"),
    ("She scored at 18 years and 187 days.", "18 years and 187 days", 18 + 187 / 365.25, "year"),
])
def test_the_parts_of_a_duration_are_one_duration(text: str, quantity: str, value: float, unit: str):
    (q,) = find_quantities(text, GRAMMAR)
    assert (q.text, q.unit) == (quantity, unit)
    assert q.value == pytest.approx(value, abs=1e-4)


@pytest.mark.parametrize(("text", "quantities"), [
    ("It took 45 minutes, 2 hours for the rest.", ["45 minutes", "2 hours"]),  # a larger unit after
    ("He waited 3 hours, 90 minutes of it outside.", ["3 hours", "90 minutes"]),  # a part of a whole hour or more
    ("They spent 5 years, 3 of them abroad.", ["5 years", "3"]),  # no unit
    ("It rose for 3 days, about 12 hours each.", ["3 days", "about 12 hours"]),  # a bound: a new figure
    ("It ran for 2-3 hours 20 minutes late.", ["2-3 hours", "20 minutes"]),  # a range
])
def test_durations_that_are_not_parts_of_one(text: str, quantities: list[str]):
    assert [q.text for q in find_quantities(text, GRAMMAR)] == quantities


@pytest.mark.parametrize(("text", "quantity", "value"), [
    ("She has slipped to 64 in the world.", "64", 64.0),
    ("He dropped to nine in the world after a year out.", "nine", 9.0),
    ("Spain's world number two lost in Paris.", "number two", 2.0),
    ("The Swiss world No 7 beat her again.", "No 7", 7.0),
])
def test_a_place_in_the_world_is_a_rank_not_a_count(text: str, quantity: str, value: float):
    (q,) = find_quantities(text, GRAMMAR)
    assert (q.text, q.value, q.unit) == (quantity, value, "rank")


def test_a_place_rule_runs_on_text_with_no_ordinal():
    assert GRAMMAR.tally_precheck.search("the world number 64") is None  # no ordinal: only gated rules run
    gated = {rule.id for (rule, _), gate in zip(GRAMMAR.tallies, GRAMMAR.tally_gates) if gate is not None}
    assert {"number.tally_world_number.v1", "number.tally_in_the_world.v1"} <= gated
    assert "number.tally_in_the_world.v1" in GRAMMAR.tally_replaces
    (q,) = find_tallies("the world number 64", GRAMMAR)
    assert (q.value, q.unit) == (64.0, "rank")


@pytest.mark.parametrize("text", [
    "Sales rose to 64 million in the world.",
    "The firm was the first in the world to do it.",
    "A number of players went to Number 10 to see him.",
])
def test_no_place_without_its_ranking_words(text: str):
    assert all(q.unit != "rank" for q in find_quantities(text, GRAMMAR))


@pytest.mark.parametrize("text, quantity, unit", [
    ("They had waited for 10 or more years for news.", "10 or more years", "year"),
    ("Homes 50 or more metres from the shore were flooded.", "50 or more metres", "m"),
    ("Firms with 500 or more staff must report.", "500 or more", "count"),
])
def test_a_unit_after_a_trailing_bound_belongs_to_the_figure(text, quantity, unit):
    found = find_quantities(text, GRAMMAR)
    assert [(q.text, q.unit, q.bound) for q in found] == [(quantity, unit, "at_least")]


@pytest.mark.parametrize("text, quantity, inches", [
    ("The 6-foot-4 forward signed on Friday.", "6-foot-4", 76),
    ("The six-foot-two striker scored twice.", "six-foot-two", 74),
    ("A 10-foot-wide gap opened.", "10-foot", 120),
    ("The 5-foot-10 guard came off the bench.", "5-foot-10", 70),
    ("A 6-foot-8 rookie grabbed the rebound.", "6-foot-8", 80),
    ("The seven-foot-one center blocked the shot.", "seven-foot-one", 85),
    ("The four-foot-eleven gymnast stuck the landing.", "four-foot-eleven", 59),
])
def test_inches_hyphened_to_feet_make_one_height(text, quantity, inches):
    q = find_quantities(text, GRAMMAR)[0]
    assert (q.text, q.unit) == (quantity, "ft")
    assert math.isclose(q.value * 12, inches)


@pytest.mark.parametrize(("text", "value", "span"), [
    ("The margin of error is plus or minus 3.5 percentage points.", 3.5, "3.5 percentage points"),
    ("Results are accurate to +/- 2 points.", 2.0, "2 points"),
    ("The low was minus 4 degrees.", -4.0, "minus 4 degrees"),
])
def test_plus_or_minus_is_a_margin_either_way_not_a_sign(text, value, span):
    (q,) = find_quantities(text, GRAMMAR)
    assert (q.value, q.text) == (value, span)


@pytest.mark.parametrize(("text", "values"), [
    ("The new chip is 3x faster than the old one.", [(3.0, "x")]),
    ("Demand for the drug is 12.5x higher.", [(12.5, "x")]),
    ("The 4x4 towed a 2x2 frame at 1920x1080.", []),
])
def test_a_glued_x_is_a_multiple(text, values):
    assert [(q.value, q.unit) for q in find_quantities(text, GRAMMAR)] == values


@pytest.mark.parametrize(("text", "quantity", "unit"), [
    ("The plan costs $4.99/month after a free trial.", "$4.99/month", "USD/month"),
    ("Rent is $1,800 per month before utilities.", "$1,800 per month", "USD/month"),
    ("Earnings were $30 million a year earlier.", "$30 million", "USD"),
    ("Sales hit $2 billion a quarter later.", "$2 billion", "USD"),
])
def test_a_slash_or_per_rate_stands_before_a_time_word_a_or_an_does_not(text, quantity, unit):
    (q,) = find_quantities(text, GRAMMAR)
    assert (q.text, q.unit) == (quantity, unit)


@pytest.mark.parametrize(("text", "expected"), [
    ("Repairs could take two or three years.", [(2.0, 3.0, "year", "range")]),
    ("Shipping takes 3 or 4 weeks now.", [(3.0, 4.0, "week", "range")]),
    ("Prices may rise 2 or 3 percent.", [(2.0, 3.0, "%", "range")]),
    ("Stocks fell 3% or $1.20 on the day.", [(3.0, None, "%", "exact"), (1.2, None, "USD", "exact")]),
    ("She owns 2 or 3 bikes.", [(2.0, None, "count", "exact"), (3.0, None, "count", "exact")]),
    ("Roughly 30 or 40 boats sank.", [(30.0, 40.0, "count", "range")]),
    ("Around eight or nine pupils left early.", [(8.0, 9.0, "count", "range")]),
    ("About 12 or 9 of them stayed.", [(12.0, None, "count", "approx"), (9.0, None, "count", "exact")]),
    ("About 5 or six people came.", [(5.0, None, "count", "approx"), (6.0, None, "count", "exact")]),
])
def test_x_or_y_before_one_unit_is_a_range(text, expected):
    found = find_quantities(text, GRAMMAR)
    assert [(q.value, q.value_max, q.unit, q.bound) for q in found] == expected


@pytest.mark.parametrize("text, quantity, value, bound", [
    ("A crowd of 10,000-plus watched the final.", "10,000-plus", 10000.0, "at_least"),
    ("Shares in 300-plus firms changed hands.", "300-plus", 300.0, "at_least"),
    ("She earns a £90,000-plus salary.", "£90,000-plus", 90000.0, "at_least"),
    ("He signed for £45 million plus add-ons.", "£45 million plus", 45e6, "at_least"),
    ("It drew 50 or so people.", "50 or so", 50.0, "approx"),
])
def test_a_floor_written_after_the_figure_is_its_bound(text, quantity, value, bound):
    (q,) = sift_quantities(text, GRAMMAR).kept
    assert (q.text, q.value, q.bound) == (quantity, value, bound)


@pytest.mark.parametrize("text, quantity, value, unit", [
    ("The suspect is 5 feet 3 inches tall.", "5 feet 3 inches", 5.25, "ft"),
    ("He is 6 ft 1 in tall.", "6 ft 1 in", 6 + 1 / 12, "ft"),
    ("The 6-foot-2 quarterback threw twice.", "6-foot-2", 6 + 2 / 12, "ft"),
    ("The baby weighed 2 lb 4 oz at birth.", "2 lb 4 oz", 2.25, "lb"),
    ("The baby weighed 7lbs 6oz.", "7lbs 6oz", 7.375, "lb"),
    ("The jockey rode at 9st 7lb.", "9st 7lb", 9.5, "stone"),
    ("He weighs 14 stone 7 pounds.", "14 stone 7 pounds", 14.5, "stone"),
    ("The meeting lasted 2 hours and 15 minutes.", "2 hours and 15 minutes", 135.0, "min"),
    ("He held his breath for 3 min 20 sec.", "3 min 20 sec", 200.0, "s"),
    ("She won the 800m in 1m 45s.", "1m 45s", 105.0, "s"),
])
def test_a_measure_in_two_units_is_one_quantity(text, quantity, value, unit):
    (q,) = [q for q in sift_quantities(text, GRAMMAR).kept if q.text == quantity]
    assert (q.unit, q.bound) == (unit, "exact") and q.value == pytest.approx(value, abs=1e-6)
    assert not [k for k in sift_quantities(text, GRAMMAR).kept if q.start < k.start < q.end]


def test_a_smaller_part_of_a_whole_unit_or_more_stays_apart():
    texts = [q.text for q in sift_quantities("The box held 2 lb 20 oz of tea.", GRAMMAR).kept]
    assert texts == ["2 lb", "20 oz"]


@pytest.mark.parametrize("text, quantity, low, high, unit", [
    ("Inflation will run between about 3 and 5 percent.", "between about 3 and 5 percent", 3.0, 5.0, "%"),
    ("Prices rose between roughly 10% and 15%.", "between roughly 10% and 15%", 10.0, 15.0, "%"),
    ("Valuations of between ~5x and ~8x earnings are common.", "between ~5x and ~8x", 5.0, 8.0, "x"),
    ("The fund targets ~3-12x returns.", "~3-12x", 3.0, 12.0, "x"),
    ("The deal is worth roughly $2-3 billion.", "roughly $2-3 billion", 2e9, 3e9, "USD"),
    ("Turnout was around 40-45%.", "around 40-45%", 40.0, 45.0, "%"),
])
def test_an_approximate_range_is_one_range(text, quantity, low, high, unit):
    (q,) = sift_quantities(text, GRAMMAR).kept
    assert (q.text, q.value, q.value_max, q.unit, q.bound) == (quantity, low, high, unit, "range")



@pytest.mark.parametrize(("text", "expected"), [
    ("The state lost N500m to fraud, and nurses wore N95 masks.", [("N500m", 5e8, "NGN")]),
    ("Nairobi borrowed Sh2.5bn and paid KSh 1,500 in fees.", [("Sh2.5bn", 2.5e9, "KES"), ("KSh 1,500", 1500.0, "KES")]),
    ("It ships with a 72W charger and uses 5W-30 oil.", [("72W", 72.0, "W")]),
    ("The 12V pump fills a 2L tank in an Audi A4L.", [("12V", 12.0, "V"), ("2L", 2.0, "l")]),
    ("Kampala lost USh5bn, Dodoma TSh2.5bn and Accra GH¢5m.", [("USh5bn", 5e9, "UGX"), ("TSh2.5bn", 2.5e9, "TZS"), ("GH¢5m", 5e6, "GHS")]),
    ("Windhoek approved N$5m and Dhaka Tk 50 crore.", [("N$5m", 5e6, "NAD"), ("Tk 50 crore", 5e8, "BDT")]),
    ("The tent weighs less than a pound.", [("less than a pound", 1.0, "lb")]),
    ("It queued for nearly a mile.", [("nearly a mile", 1.0, "mi")]),
])
def test_glued_currencies_watts_and_one_unit_of_measure(text: str, expected: list) -> None:
    """A glued N or Sh before a scaled or grouped sum is the naira or the Kenyan shilling (USh, TSh, GH¢, N$ and Tk
    the Ugandan and Tanzanian shillings, the cedi, the Namibian dollar and the taka), a glued W is watts
    (not an oil grade), and 'a' after a bound word before a unit of measure is one of it."""
    found = find_quantities(text, GRAMMAR)
    assert [(q.text, q.value, q.unit) for q in found] == [(t, pytest.approx(v), u) for t, v, u in expected]



@pytest.mark.parametrize(("text", "number", "noun"), [
    # a hard-wrapped paragraph: one line break is a space
    ("Audi fits the car with five cameras and twelve\nultrasonic sensors.", "twelve", "ultrasonic sensors"),
    ("There were 3248 cases, including 584\ndeaths.", "584", "deaths"),
    ("The index fell for a seventh straight\n  session.", "seventh", "straight session"),
    # a blank line ends the paragraph, and the noun with it
    ("Readers sent 40\n\nLetters to the editor", "40", ""),
])
def test_counted_noun_across_a_wrapped_line(text: str, number: str, noun: str) -> None:
    (q,) = [q for q in find_quantities(text, GRAMMAR) if q.text == number]
    assert q.noun == noun
