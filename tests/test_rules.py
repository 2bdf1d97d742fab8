"""The rule-file loader (pipeline/rules.py): the one example contract, validation at load, the JSON Schema."""
from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from pipeline.errors import RulesError
from pipeline.document import load_stages
from pipeline.rules import (
    Example, Schema, family_sha256, json_schema, load_family, parse_example, parse_rule_file, rule_digests, rules_dir,
    unmark,
)

SCHEMA = Schema(fields={"pattern": str, "kind": str}, example_fields={"value": float, "unit": str}, marks=True)
PLAIN = Schema(fields={"pattern": str})


def _load(body: str, schema: Schema = SCHEMA):
    return parse_rule_file(body.encode(), "family.toml", schema)


@pytest.mark.parametrize("written, text, spans", [
    ("Sales rose [5%].", "Sales rose 5%.", ((11, 13),)),
    ("[3] of [4]", "3 of 4", ((0, 1), (5, 6))),
    (r"Figure \[1\] shows [7 km].", "Figure [1] shows 7 km.", ((17, 21),)),
    ("no marks", "no marks", ()),
])
def test_unmark_gives_text_and_spans(written: str, text: str, spans: tuple) -> None:
    assert unmark(written) == (text, spans)


@pytest.mark.parametrize("written", ["[open", "close]", "[a [b] c]"])
def test_unmark_rejects_unpaired_marks(written: str) -> None:
    with pytest.raises(ValueError):
        unmark(written)


def test_example_table_keeps_expected_fields() -> None:
    example = parse_example({"text": "It cost [5 dollars].", "value": 5, "unit": "USD"}, SCHEMA)
    assert example == Example("It cost 5 dollars.", ((8, 17),), {"value": 5, "unit": "USD"},
                              {"text": "It cost [5 dollars].", "value": 5, "unit": "USD"})
    assert example.marked == ("5 dollars",)


def test_unmarked_family_takes_the_whole_text_as_span() -> None:
    example = parse_example("Share this story [x]", PLAIN)
    assert example.spans == ((0, 20),) and example.text == "Share this story [x]"


@pytest.mark.parametrize("entry, reason", [
    ('{ text = "A [5%] rise", valeu = 5.0 }', "unknown example field 'valeu'"),
    ('{ text = "A [5%] rise", value = "five" }', "example field 'value' must be float"),
    ('{ value = 5.0 }', "needs a 'text' string"),
    ("3", "must be a string or a table"),
    ('"A [5% rise"', "without its ']'"),
])
def test_bad_example_is_a_rules_error_naming_file_rule_and_entry(entry: str, reason: str) -> None:
    body = f'[[rule]]\nid = "r.one.v1"\npattern = "x"\nexamples = ["[x]", {entry}]\n'
    with pytest.raises(RulesError) as info:
        _load(body)
    message = str(info.value)
    assert "[E009]" in message and "family.toml" in message and "r.one.v1" in message
    assert "examples entry 2" in message and reason in message


def test_counter_examples_are_examples_too() -> None:
    rules = _load('[[rule]]\nid = "r.v1"\npattern = "x"\ncounter_examples = [{ text = "[x]", unit = "km" }]\n')
    (example,) = rules.rules[0].counter_examples
    assert example.expect == {"unit": "km"} and example.spans == ((0, 1),)


def test_json_schema_states_fields_required_and_example_shape() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json_schema("family", SCHEMA)
    jsonschema.Draft202012Validator.check_schema(schema)
    good = {"rule": [{"id": "r.v1", "pattern": "x", "examples": ["[x]", {"text": "[x]", "value": 1.5}]}]}
    jsonschema.validate(good, schema)
    for bad in (
        {"rule": [{"id": "r.v1", "patern": "x"}]},
        {"rule": [{"id": "r.v1", "examples": [{"text": "[x]", "valeu": 1}]}]},
        {"rule": [{"pattern": "x"}]},
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, schema)


# ------------------------------------------------------------------ the published JSON Schemas of the rule files
def _families() -> dict[str, Schema]:
    """Every rule family of ``rules/`` with the schema its loader enforces."""
    from pipeline.clean.config import CLUTTER_SCHEMA
    from pipeline.clean.template import TEMPLATE_SCHEMA
    from pipeline.clean.dates import DATE_SCHEMA
    from pipeline.extract.claim_rules import SCHEMA as CLAIMS_SCHEMA
    from pipeline.extract.grammar import BOUNDS_SCHEMA, NON_CLAIMS_SCHEMA, NUMBERS_SCHEMA, SCALES_SCHEMA
    from pipeline.extract.units import UNITS_SCHEMA

    return {"clutter": CLUTTER_SCHEMA, "dates": DATE_SCHEMA, "numbers": NUMBERS_SCHEMA, "scales": SCALES_SCHEMA,
            "bounds": BOUNDS_SCHEMA, "units": UNITS_SCHEMA, "non_claims": NON_CLAIMS_SCHEMA, "claims": CLAIMS_SCHEMA,
            "templates": TEMPLATE_SCHEMA}


def test_every_rule_file_has_a_family() -> None:
    assert {p.stem for p in rules_dir().glob("*.toml")} == set(_families())


@pytest.mark.parametrize("family", sorted(_families()))
def test_published_schema_is_the_loaders(family: str, update_golden: bool) -> None:
    """rules/schema/<family>.schema.json states what the loader enforces (rewritten with --update-golden)."""
    path = rules_dir() / "schema" / f"{family}.schema.json"
    text = json.dumps(json_schema(family, _families()[family]), indent=2, sort_keys=True) + "\n"
    if update_golden:
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.parametrize("family", sorted(_families()))
def test_rule_file_validates_against_its_published_schema(family: str) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((rules_dir() / "schema" / f"{family}.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(tomllib.loads((rules_dir() / f"{family}.toml").read_text(encoding="utf-8")), schema)


def test_rule_digests_are_those_of_the_loaded_rule_files() -> None:
    stages = load_stages(use_ner=False)
    loaded = {Path(f.path).name: f.sha256 for f in stages.rule_files}
    assert rule_digests() == dict(sorted(loaded.items()))


def test_family_sha256_follows_user_files_and_overlays(tmp_path: Path) -> None:
    from pipeline.extract.grammar import SCALES_SCHEMA

    replacing, overlaying = tmp_path / "replace", tmp_path / "overlay"
    replacing.mkdir()
    overlaying.mkdir()
    rule = '[[rule]]\nid = "scale.gross.v1"\npattern = "gross"\nfactor = 144\n'
    (replacing / "scales.toml").write_text(rule, encoding="utf-8")
    (overlaying / "scales.toml").write_text("[meta]\noverlay = true\n\n" + rule, encoding="utf-8")
    for folder in (None, replacing, overlaying, tmp_path):
        assert family_sha256("scales", folder) == load_family("scales", SCALES_SCHEMA, folder).sha256
    assert len({family_sha256("scales", f) for f in (None, replacing, overlaying)}) == 3
    with pytest.raises(RulesError, match="E007"):
        family_sha256("scales", tmp_path / "missing")


def test_a_rule_file_is_compiled_once_for_its_bytes_and_schema(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new process (the per-process memo cleared) reads a file it loaded before from the on-disk cache; the same
    bytes under another schema, or edited bytes, are validated again, and a broken file is rejected every time."""
    from pipeline import cache, rules

    monkeypatch.setenv(cache.DIR_ENV, str(tmp_path / "cache"))
    monkeypatch.delenv(cache.SWITCH_ENV, raising=False)
    parsed: list[str] = []
    real = rules.parse_rule_file

    def counted(data: bytes, name: str, schema: Schema):
        parsed.append(name)
        return real(data, name, schema)

    monkeypatch.setattr(rules, "parse_rule_file", counted)
    folder = tmp_path / "rules"
    folder.mkdir()
    path = folder / "family.toml"
    path.write_text('[[rule]]\nid = "x.v1"\npattern = "gross"\nkind = "word"\n', encoding="utf-8")

    def fresh(schema: Schema):
        rules._cached.cache_clear()  # as in a new process
        return load_family("family", schema, folder)

    first = fresh(SCHEMA)
    again = fresh(SCHEMA)
    assert len(parsed) == 1  # read from the entry
    assert again is not first and again.by_id()["x.v1"].pattern.match("gross")
    assert [r.id for r in again.rules] == [r.id for r in first.rules] and again.sha256 == first.sha256
    with pytest.raises(RulesError, match="E002"):  # another schema (no 'kind') is not served that entry
        fresh(PLAIN)
    path.write_text('[[rule]]\nid = "x.v1"\npattern = "(gross"\n', encoding="utf-8")
    for _ in range(2):
        with pytest.raises(RulesError, match="E004"):
            fresh(PLAIN)
    assert len(parsed) == 4
    rules._cached.cache_clear()
