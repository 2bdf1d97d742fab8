"""Tests for pipeline.extract.units: every unit rule resolves, pint codes, prefix/suffix lookup."""
from __future__ import annotations

import pytest
import regex

from pipeline.errors import RulesError
from pipeline.rules import Rule
from pipeline.document import load_stages
from pipeline.extract.quantities import find_quantities
from pipeline.extract.units import (
    LOGARITHMIC_CODES, UNIT_KINDS, is_logarithmic, load_units, measured_by, pint_code, resolve, seconds_in, to_pint,
)

TABLE = load_units()


def test_every_rule_resolves_to_a_code() -> None:
    assert TABLE.units
    for rule, unit in TABLE.units:
        assert unit.kind in UNIT_KINDS
        assert unit.code or unit.kind == "registry", rule.id
        if unit.kind == "currency":
            assert regex.fullmatch(r"[A-Z]{3}", unit.code), (rule.id, unit.code)
        if unit.kind == "fx":  # an exchange rate (JPY/USD) or the currency a rate is quoted per (USD)
            assert regex.fullmatch(r"[A-Z]{3}(?:/[A-Z]{3})?", unit.code), (rule.id, unit.code)
        if rule.get("pint"):
            assert unit.code == pint_code(rule.get("pint"))


@pytest.mark.parametrize(
    "expression,code",
    [("kilometer", "km"), ("metric_ton", "t"), ("barrel/day", "bbl/d"), ("mile_per_hour", "mph"), ("hectare", "ha")],
)
def test_pint_code(expression: str, code: str) -> None:
    assert pint_code(expression) == code


def test_physical_codes_convert_with_pint() -> None:
    for rule, unit in TABLE.units:
        if rule.get("pint"):
            assert to_pint(1.0, unit.code).units == to_pint(1.0, pint_code(rule.get("pint"))).units


def _emitted_codes() -> set[str]:
    """Every physical unit code the unit rules can emit, rates included (numerator/denominator)."""
    physical = {u.code for _, u in TABLE.units if u.kind == "physical"}
    per = {u.code for _, u in TABLE.units if u.kind == "per"}
    return physical | {f"{a}/{b}" for a in physical for b in per if "/" not in a and not is_logarithmic(a)}


def test_every_emitted_physical_code_converts() -> None:
    for code in sorted(_emitted_codes()):
        assert to_pint(1.0, code).to_base_units() is not None, code


def test_logarithmic_units_are_levels_kept_as_written() -> None:
    assert is_logarithmic("dB") and not is_logarithmic("kg")
    assert to_pint(85.0, "dB").to_base_units().magnitude == pytest.approx(10 ** 8.5)  # a power ratio, no sum
    assert to_pint(85.0, "dB").units == to_pint(1.0, pint_code("decibel")).units
    assert {u.code for _, u in TABLE.units if u.kind == "physical"} >= LOGARITHMIC_CODES


@pytest.mark.parametrize("text, quantity", [
    ("The site logged 85 dB a day for a week.", "85 dB"),
    ("Noise above 70 decibels per hour is banned.", "above 70 decibels"),
])
def test_a_logarithmic_unit_takes_no_rate(text: str, quantity: str) -> None:
    grammar = load_stages(use_ner=False).extractor.grammar  # compiled once per test session
    found = [q for q in find_quantities(text, grammar) if q.unit == "dB"]
    assert [q.text for q in found] == [quantity]


def test_rate_codes_of_currencies_split_into_known_parts() -> None:
    per = {u.code for _, u in TABLE.units if u.kind == "per"}
    for p in per:
        to_pint(1.0, p)  # every denominator converts on its own ("share" is defined by the project)


@pytest.mark.parametrize("symbol, code", [("GHz", "GHz"), ("mAh", "mAh"), ("kV", "kV"), ("TeV", "TeV"), ("Mbps", "Mbps")])
def test_registry_reads_prefixed_symbols(symbol: str, code: str) -> None:
    from pipeline.extract.units import registry_code

    assert registry_code(symbol) == code
    assert to_pint(1.0, code).to_base_units() is not None


def test_to_pint_converts() -> None:
    assert to_pint(1.0, "km").to("m").magnitude == pytest.approx(1000.0)


def test_bare_degrees_and_kps_rates_convert() -> None:
    """Degrees with no scale are the registry's angle degree; 'kps' rates are kilobits a second."""
    assert to_pint(180.0, "deg").to("radian").magnitude == pytest.approx(3.14159265, rel=1e-6)
    assert to_pint(256.0, "kbps").to("Mbps").magnitude == pytest.approx(0.256)


@pytest.mark.parametrize(
    "text,code",
    [("%", "%"), ("pct", "%"), ("per cent", "%"), ("percentage points", "pp"), ("dlrs", "USD"), ("yuan", "CNY"),
     ("stg", "GBP"), ("Hong Kong dollars", "HKD"), ("TEUs", "TEU"), ("tonnes", "t"), ("barrels per day", "bbl/d"),
     ("cts", "USD"), ("euros", "EUR"), ("kilometres", "km")],
)
def test_suffix_lookup(text: str, code: str) -> None:
    s = "5 " + text
    unit = TABLE.lookup(s, 2, len(s), "pattern")
    assert unit is not None and unit.code == code


def test_a_sign_ends_itself_before_a_glued_word() -> None:
    s = "33%of those polled"
    unit = TABLE.lookup(s, 2, 3, "pattern")
    assert unit is not None and unit.code == "%"
    assert TABLE.lookup("5 kmsq", 2, 4, "pattern") is None  # a letter after a unit of letters is no end


@pytest.mark.parametrize(
    "text,code", [("$", "USD"), ("US$", "USD"), ("£", "GBP"), ("€", "EUR"), ("RMB", "CNY"), ("HK$", "HKD")]
)
def test_prefix_lookup(text: str, code: str) -> None:
    unit = TABLE.lookup(text + "5", 0, len(text), "prefix")
    assert unit is not None and unit.code == code


@pytest.mark.parametrize("text", ["R50bn", "R3.5 billion", "R15,000", "R15 000", "R120 million"])
def test_rand_prefix_before_a_scaled_or_grouped_sum(text: str) -> None:
    unit = TABLE.lookup(text, 0, 1, "prefix")
    assert unit is not None and unit.code == "ZAR"


@pytest.mark.parametrize("text", ["R40 road", "R101", "R2 the droid"])
def test_rand_prefix_is_no_road_or_code(text: str) -> None:
    assert TABLE.lookup(text, 0, 1, "prefix") is None


@pytest.mark.parametrize("text,code", [("-5F", "°F"), ("20F.", "°F"), ("38C.", "°C"), ("40C ", "°C")])
def test_glued_temperature_scales(text: str, code: str) -> None:
    at = text.index(code[-1])
    unit = TABLE.lookup(text, at, at + 1, "pattern")
    assert unit is not None and unit.code == code


def test_glued_fahrenheit_is_no_model_suffix() -> None:
    assert TABLE.lookup("F-15F", 4, 5, "pattern") is None


def test_suffix_needs_a_boundary() -> None:
    assert TABLE.lookup("5 kms", 2, 4, "pattern") is None


def test_cents_are_valued_in_dollars() -> None:
    unit = TABLE.lookup("50 cts", 3, 6, "pattern")
    assert unit is not None and (unit.code, unit.factor, unit.subunit) == ("USD", 0.01, True)


def test_subunits_are_the_rules_that_say_so() -> None:
    subunits = {u.code for r, u in TABLE.units if u.subunit}
    assert subunits == {"USD", "GBP"}
    for rule, unit in TABLE.units:
        assert unit.subunit == bool(rule.get("subunit")) and (not unit.subunit or unit.factor < 1)


def test_bad_pint_unit_is_a_rules_error() -> None:
    data = {"id": "unit.bogus.v1", "kind": "physical", "pint": "florp"}
    rule = Rule(id="unit.bogus.v1", file="units.toml", data=data)
    with pytest.raises(RulesError, match=r"units\.toml.*unit\.bogus\.v1"):
        resolve(rule)


def test_bad_kind_is_a_rules_error() -> None:
    rule = Rule(id="unit.bogus.v1", file="units.toml", data={"id": "unit.bogus.v1", "kind": "smell", "code": "x"})
    with pytest.raises(RulesError, match="kind"):
        resolve(rule)


def test_missing_code_is_a_rules_error() -> None:
    rule = Rule(id="unit.bogus.v1", file="units.toml", data={"id": "unit.bogus.v1", "kind": "currency"})
    with pytest.raises(RulesError, match="code"):
        resolve(rule)


@pytest.mark.parametrize(("code", "seconds"), [
    ("s", 1.0), ("min", 60.0), ("h", 3600.0), ("day", 86400.0), ("week", 604800.0),
    ("month", 2629800.0), ("year", 31557600.0), ("km", None), ("USD", None),
])
def test_seconds_in_a_unit_of_time(code: str, seconds: float | None) -> None:
    assert seconds_in(code) == seconds


def test_resolved_units_carry_their_seconds() -> None:
    """Each physical unit knows the seconds in one of its code when it is a unit of time (what reading a
    duration needs, without the registry); other kinds never count as time."""
    times = set()
    for rule, unit in TABLE.units:
        if unit.kind == "physical":
            assert unit.seconds == seconds_in(unit.code), rule.id
            if unit.seconds:
                times.add(unit.code)
        else:
            assert unit.seconds is None, rule.id
    assert {"s", "min", "h", "day", "week", "month", "year"} <= times


@pytest.mark.parametrize(("code", "measures"), [
    ("hp", "power"), ("kW", "power"), ("kg", "weight"), ("oz", "weight"), ("km", "length"), ("ft²", "area"),
    ("l", "volume"), ("mph", "speed"), ("km/h", "speed"), ("GHz", "frequency"), ("Mbps", "data rate"),
    ("kWh", "energy"), ("lbf*ft", "torque"), ("°C", "temperature"), ("mpg", "fuel economy"), ("min", "duration"),
    ("GB", ""), ("USD", ""), ("t/d", ""), ("nonsense-unit", ""),
])
def test_what_a_unit_measures_by_its_dimension(code: str, measures: str) -> None:
    assert measured_by(code) == measures


def test_the_table_knows_what_its_physical_units_measure() -> None:
    measures = TABLE.measures
    assert measures["hp"] == "power" and measures["kg"] == "weight"
    assert "USD" not in measures and "%" not in measures


@pytest.mark.parametrize(("code", "dimension"), [("fps", "[frame] / [time]"), ("MP", "[pixel_count]")])
def test_frame_rates_and_megapixels_are_not_pints_feet_per_second_or_megapoise(code: str, dimension: str) -> None:
    assert str(to_pint(1.0, code).dimensionality) == dimension
    assert measured_by(code) in ("frame rate", "resolution")


from pipeline.extract.units import wrapped  # noqa: E402


@pytest.mark.parametrize(
    "pattern, text, matches",
    [
        (r"per\s?cent", "per\n    cent", True),
        (r"per\s?cent", "per\ncent", True),
        (r"square[\s-]{1,2}metres", "square\n  metres", True),
        (r"square[\s-]{1,2}metres", "square-metres", True),
        (r"a[^\s]b", "a\n b", False),  # a negated class is left alone
        (r"a\\s", "a\\s", True),  # an escaped backslash before an 's' is no space
        (r"per\s?cent", "per\n\n    cent", False),  # a blank line ends the unit
    ],
)
def test_a_unit_of_two_words_reads_across_a_line_break_and_its_indent(pattern, text, matches):
    assert (regex.fullmatch(wrapped(pattern), text) is not None) == matches
