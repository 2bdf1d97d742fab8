"""Tests of pipeline.extract.ner: the model loads once with only tok2vec+ner; offsets; a missing model is E010."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.extract import ner
from pipeline.errors import ModelError

needs_model = pytest.mark.skipif(not ner.model_available(), reason="spaCy model package not installed")


@needs_model
def test_model_keeps_only_what_ner_needs_and_is_loaded_once():
    nlp = ner.load_model()
    assert nlp.pipe_names == list(ner.KEEP)
    assert ner.load_model() is nlp


@needs_model
def test_entities_carry_absolute_offsets_in_input_order():
    texts = ["Shanghai registered 38265 technology contracts.", "Exports from Germany rose 5%."]
    offsets = [100, 500]
    out = ner.entities(texts, offsets)
    assert len(out) == 2
    for text, base, ents in zip(texts, offsets, out, strict=True):
        for e in ents:
            assert text[e.start - base : e.end - base] == e.text
    assert ("Shanghai", "GPE") in {(e.text, e.label) for e in out[0]}
    assert ("Germany", "GPE") in {(e.text, e.label) for e in out[1]}


@needs_model
def test_model_info_names_the_package_version():
    assert ner.model_info() == {"name": ner.MODEL, "version": "3.8.0"}


def test_no_texts_needs_no_model():
    assert ner.entities([], []) == []


def test_missing_model_is_a_model_error():
    with pytest.raises(ModelError, match="E010"):
        ner.load_model("en_core_web_nonexistent_model")
    assert not ner.model_available("en_core_web_nonexistent_model")
    assert ner.model_info("en_core_web_nonexistent_model")["version"] == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The total output rose 12% to 400 tonnes", False),
        ("it rose by 5 pct", False),
        ("Exports from Shanghai rose 12%", True),
        ("Shanghai registered 38265 contracts", True),
        ('Sales at "Acme" fell 3%', True),
        ("The bank's profit fell to 5 mln dlrs (U.S.)", True),
    ],
)
def test_may_name(text: str, expected: bool) -> None:
    assert ner.may_name(text) is expected


def test_stop_words_are_the_claim_rules_stop_words() -> None:
    from pipeline.extract.claim_rules import load_claim_rules

    assert ner.stop_words() == load_claim_rules().stop
    assert ner.may_name("it rose 5 pct") is False and ner.may_name("it rose 5 pct", frozenset()) is True


def test_importing_the_extract_wing_does_not_import_spacy() -> None:
    code = ("import sys, pipeline.extract.stage, pipeline.extract.ner, pipeline.extract.claims; "
            "print(any(m == 'spacy' or m.startswith('spacy.') for m in sys.modules))")
    root = Path(__file__).parents[1]  # run from the checkout, whatever copy of the package is installed
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root)
    assert out.stdout.strip() == "False"


def test_entities_skip_texts_without_names_and_keep_alignment() -> None:
    texts = ["it rose 5 pct", "Exports from Shanghai rose 12%", "it rose 5 pct"]
    out = ner.entities(texts, [0, 100, 200])
    assert out[0] == [] and out[2] == []
    assert any(e.text == "Shanghai" and e.start == 113 for e in out[1])


@needs_model
def test_parse_gives_entities_and_tokens_with_absolute_offsets():
    texts = ["Toyota shares fell 3.1 percent.", "Toyota shares fell 3.1 percent."]
    out = ner.parse(texts, [10, 200])
    assert len(out) == 2 and out[0].tokens and out[0].entities
    for text, base, parsed in zip(texts, [10, 200], out, strict=True):
        for tok in parsed.tokens:
            assert text[tok.start - base : tok.end - base] == tok.text
            assert 0 <= tok.head < len(parsed.tokens)
    fell = next(t for t in out[0].tokens if t.text == "fell")
    assert fell.pos == "VERB" and fell.dep == "ROOT"
    assert ner.parse([], []) == []
    assert ner.load_model(parse=True).has_pipe("parser") and not ner.load_model().has_pipe("parser")
