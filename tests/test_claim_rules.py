"""Tests of pipeline.extract.claim_rules: the claims rule file loads and checks, and every example and
counter-example of every claim rule runs through the real claim assembly and is decided by its own rule."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
import regex

from pipeline.errors import RulesError
from pipeline.extract.claim_rules import CLAIM_EXAMPLE, KINDS, SCHEMA, build_claim_rules, load_claim_rules
from pipeline.extract import claims as claims_module
from pipeline.extract.claims import Traced, traced_claims
from pipeline.extract.kinds import decide_kind
from pipeline.document import load_stages
from pipeline.extract.stage import Extractor, extract_many
from pipeline.rules import Example, Rule, parse_rule_file
from pipeline.clean.segment import segment
from pipeline.outputs.contract import CLAIM_COLUMNS
from pipeline.types import Article, Block, RawDoc, Sentence

QUIET: Extractor = load_stages(use_ner=False).extractor  # the rules compiled once a session
RULES = QUIET.rules
PARAGRAPH = regex.compile(r"[^\n]+(?:\n[^\n]+)*")
#: The release date of every example article ('last year' in an example is 2022).
PUBLISHED = "2023-06-01"


def article_of(text: str) -> tuple[Article, list[Sentence]]:
    """A cleaned article of ``text`` (blank lines split paragraphs) and its sentences."""
    doc = RawDoc(doc_id="example00example", source="example.txt", text=text)
    blocks = tuple(Block(m.start(), m.end(), "paragraph", "test", m.group()) for m in PARAGRAPH.finditer(text))
    art = Article(doc=doc, blocks=blocks, published=PUBLISHED)
    return art, segment(art)


def door_traces(texts: Sequence[str]) -> list[list[Traced]]:
    """The claims of each of ``texts`` (one example article each, no NER), each with the rules that decided
    it, from one run of the stage's door (``extract_many``) over all of them.

    The traces are those the door's own claim assembly makes (``traced_claims``, recorded as the door calls
    it), so they are the trace of what the pipeline makes; each is checked against the claims the door gives.
    """
    made: list[list[Traced]] = []

    def recorded(*args, **kwargs) -> list[Traced]:
        traced = traced_claims(*args, **kwargs)
        made.append(traced)
        return traced

    items = [article_of(text) for text in texts]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(claims_module, "traced_claims", recorded)
        claims = extract_many(items, QUIET)
    assert len(made) == len(items), "the door assembles each article's claims through traced_claims"
    for traced, door in zip(made, claims, strict=True):
        assert [t.claim for t in traced] == door
    return made


#: The door's traces of each rule's examples or counter-examples, by (rule id, which), then by example text.
_BATCHES: dict[tuple[str, str], dict[str, list[Traced]] | None] = {}


def example_claims(rule: Rule, which: str, example: Example) -> list[Traced]:
    """The traced claims of ``example``, one of ``rule``'s ``which`` ("examples" or "counter_examples"): all
    of them are extracted by one run of the door at the first one asked for. When that run fails, each
    example is run alone, so an example that breaks the door names itself."""
    key = (rule.id, which)
    if key not in _BATCHES:
        texts = list(dict.fromkeys(ex.text for ex in getattr(rule, which)))
        try:
            _BATCHES[key] = dict(zip(texts, door_traces(texts), strict=True))
        except Exception:  # noqa: BLE001 - each example is then run on its own, below
            _BATCHES[key] = None
    batch = _BATCHES[key]
    return batch[example.text] if batch is not None else door_traces([example.text])[0]


def cases(which: str) -> list:
    return [
        pytest.param(rule, ex, id=f"{rule.id}:{n}")
        for rule in RULES.file.rules
        for n, ex in enumerate(getattr(rule, which))
    ]


# ------------------------------------------------------------------ the rules file
def test_rules_file_loads_with_every_family():
    assert RULES.kinds and RULES.ranks and RULES.connector and RULES.metric_cues and RULES.periods
    assert RULES.defaults["count"][0] == "count" and RULES.defaults["*"][0] == "amount"
    assert RULES.nonclaims and all(r.file == "non_claims.toml" for r in RULES.nonclaims)


@pytest.mark.parametrize("before", [
    "rose 0.7% in the quarter, compared with ", "30 mln marks vs. ", "sales of 5%, as against the ",
    "Les ventes ont progressé de 3 %, contre ", "Umsatz 4 % gegenüber ", "una subida del 3 % frente al "])
def test_one_word_list_names_the_compared_base_for_kinds_and_metrics(before: str):
    parallel = next(r for r in RULES.parallels if r.id == "group.parallel.v1")
    assert RULES.compared_base is not None and RULES.compared_base.search(before)
    assert parallel.compiled["before"].search(before.removesuffix("the "))


def test_every_decided_kind_is_in_the_closed_list():
    for rule in RULES.kinds:
        assert rule.get("kind") in KINDS
    assert {k for k, _ in RULES.defaults.values()} <= set(KINDS)


def test_stop_words_hold_the_determiners_and_prepositions():
    assert RULES.determiners and RULES.prepositions
    assert RULES.determiners | RULES.prepositions <= RULES.stop


def test_rank_words_are_the_number_word_tables():
    assert RULES.words.ordinals["twelfth"] == 12 and RULES.words.cardinals["two"] == 2
    for word in ("first", "second", "twelfth"):
        assert RULES.rank_precheck.search(f"it came {word} in the table")
    assert not RULES.rank_precheck.search("sales fell last year")  # an ordinal word no rank pattern names


@pytest.mark.parametrize(
    "body, error",
    [
        ('[[rule]]\nid = "x.v1"\nfamily = "nope"\ndescription = "d"\n', "family"),
        ('[[rule]]\nid = "x.v1"\nfamily = "kind"\nkind = "weird"\nbefore = "a$"\ndescription = "d"\n', "kind"),
        ('[[rule]]\nid = "x.v1"\nfamily = "kind"\nkind = "share"\ndescription = "d"\n', "E005"),
        ('[[rule]]\nid = "x.v1"\nfamily = "group"\nrole = "other"\npattern = "a"\ndescription = "d"\n', "role"),
        ('[[rule]]\nid = "x.v1"\nfamily = "group"\nrole = "carry"\ndescription = "d"\n', "E005"),
        ('[[rule]]\nid = "x.v1"\nfamily = "metric"\nverb_nouns = ["paid"]\ndescription = "d"\n', "verb_nouns"),
        ('[[rule]]\nid = "x.v1"\nfamily = "metric"\nahead = true\nbefore = "a $"\ndescription = "d"\n', "E005"),
        ('[[rule]]\nid = "x.v1"\nfamily = "direction"\ndirection = "sideways"\nwords = ["fell"]\ndescription = "d"\n',
         "direction"),
        ('[[rule]]\nid = "x.v1"\nfamily = "kind"\nkind = "share"\nbefore = "(a"\ndescription = "d"\n', "E004"),
        ('[[rule]]\nid = "x.v1"\nfamily = "kind"\nkind = "share"\nbefore = "a$"\ndescription = "d"\n'
         'examples = [{ text = "a [5%]", knd = "share" }]\n', "knd"),
        ('[[rule]]\nid = "x.v1"\nfamily = "kind"\nkind = "share"\nbefore = "a$"\ndescription = "d"\n'
         'examples = ["a [5% of it"]\n', "E009"),
        ('[[rule]]\nid = "x.v1"\nfamily = "kind"\nkind = "change"\nbefore = "{moves}$"\ndescription = "d"\n', "E330"),
        ('[[rule]]\nid = "x.v1"\nfamily = "words"\nname = "moves"\ndescription = "d"\n', "E005"),
        ('[[rule]]\nid = "w.v1"\nfamily = "words"\nname = "moves"\nwords = ["(rose"]\ndescription = "d"\n'
         '[[rule]]\nid = "x.v1"\nfamily = "kind"\nkind = "change"\nbefore = "{moves}$"\ndescription = "d"\n', "E004"),
    ],
)
def test_broken_rules_are_rejected_with_file_and_rule(body, error):
    with pytest.raises(RulesError, match=error) as info:
        build_claim_rules(parse_rule_file(body.encode(), "claims.toml", SCHEMA), RULES.words)
    assert "claims.toml" in str(info.value) and "x.v1" in str(info.value)


def test_a_word_list_name_read_as_fuzzy_matching_is_named_in_the_error():
    body = ('[[rule]]\nid = "w.v1"\nfamily = "words"\nname = "sized_rise"\nwords = ["rose"]\ndescription = "d"\n'
            '[[rule]]\nid = "x.v1"\nfamily = "kind"\nkind = "change"\nbefore = "{sized_rise}$"\ndescription = "d"\n')
    with pytest.raises(RulesError, match=r"E004.*\{sized_rise\} starts with d, e, i or s"):
        build_claim_rules(parse_rule_file(body.encode(), "claims.toml", SCHEMA), RULES.words)


def test_disabled_rule_is_skipped(tmp_path: Path):
    rules_folder = Path(__file__).parents[1] / "rules"
    for name in ("numbers", "non_claims"):
        (tmp_path / f"{name}.toml").write_bytes((rules_folder / f"{name}.toml").read_bytes())
    data = (rules_folder / "claims.toml").read_text(encoding="utf-8")
    data = data.replace('id = "kind.share_of.v1"\n', 'id = "kind.share_of.v1"\nenabled = false\n')
    (tmp_path / "claims.toml").write_text(data, encoding="utf-8")
    rules = load_claim_rules(tmp_path)
    assert "kind.share_of.v1" in {r.id for r in RULES.kinds}
    assert "kind.share_of.v1" not in {r.id for r in rules.kinds}
    assert decide_kind("spending of ", " of GDP", "%", rules)[1] != "kind.share_of.v1"


# ------------------------------------------------------------------ every example, through the real assembly
def test_every_rule_with_patterns_has_examples():
    for rule in RULES.file.rules:
        if rule.compiled:
            assert rule.examples, f"{rule.id} has no examples"


def test_example_fields_are_claim_columns():
    assert set(CLAIM_EXAMPLE) <= set(CLAIM_COLUMNS)


def _claim_at(traced: list[Traced], span: tuple[int, int]) -> Traced | None:
    return next((t for t in traced if (t.claim.start, t.claim.end) == span), None)


@pytest.mark.parametrize("rule, example", cases("examples"))
def test_rule_example(rule: Rule, example: Example):
    traced = example_claims(rule, "examples", example)
    made = [(t.claim.quantity, t.claim.kind, t.claim.rule, t.trace) for t in traced]
    assert example.spans, "an example marks the claim its rule decides"
    for span in example.spans:
        t = _claim_at(traced, span)
        assert t is not None, (example.text[span[0] : span[1]], made)
        assert rule.id in t.trace, made
    first = _claim_at(traced, example.spans[0]).claim
    expect = dict(example.expect)
    if rule.get("family") == "kind":
        expect.setdefault("kind", rule.get("kind"))
    for key, value in expect.items():
        if key == "value":
            assert first.value == pytest.approx(value, rel=1e-6), made
        else:
            assert getattr(first, key) == value, made


@pytest.mark.parametrize("rule, example", cases("counter_examples"))
def test_rule_counter_example(rule: Rule, example: Example):
    traced = example_claims(rule, "counter_examples", example)
    made = [(t.claim.quantity, t.claim.kind, t.claim.rule, t.trace) for t in traced]
    if not example.spans:
        assert all(rule.id not in t.trace for t in traced), made
    for span in example.spans:
        t = _claim_at(traced, span)
        assert t is None or rule.id not in t.trace, made


def test_direction_words_are_found_by_field():
    assert RULES.direction_before["fell"][0] == "down" and RULES.direction_before["rose"][0] == "up"
    assert RULES.direction_after["drop"][0] == "down" and RULES.direction_signs["minus"][0] == "down"
    assert RULES.reached and all(r.get("family") == "direction" for r in RULES.reached)
    assert not RULES.direction_before_re.search("up to 4km")  # 'up to' is a bound, not a rise


def test_named_word_lists_fill_the_patterns_that_name_them():
    body = ('[[rule]]\nid = "w.v1"\nfamily = "words"\nname = "moves"\nwords = ["ros(?:e|en)", "fell"]\n'
            'description = "d"\n[[rule]]\nid = "k.v1"\nfamily = "kind"\nkind = "change"\n'
            'before = "\\\\b{moves}\\\\s$"\ndescription = "d"\n')
    rules = build_claim_rules(parse_rule_file(body.encode(), "claims.toml", SCHEMA), RULES.words)
    before = rules.kinds[0].compiled["before"]
    assert before.search("Sales rose ") and before.search("Sales fell ") and not before.search("Sales {moves} ")
    assert rules.kinds[0].get("before") == "\\b{moves}\\s$"  # the rule as written is kept
    # the project's movement verbs are written once and fill the kind patterns that move
    assert all("{movement}" not in r.compiled["before"].pattern for r in RULES.kinds if r.compiled.get("before"))
    assert any("{movement}" in (r.get("before") or "") for r in RULES.kinds)
