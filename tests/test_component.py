"""The spaCy component: nlp.add_pipe("newsclaims") puts the claims on doc._.claims."""
from __future__ import annotations

import os
import subprocess
import sys
from importlib.metadata import entry_points
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Span

from pipeline import component
from pipeline.api import extract
from pipeline.outputs.contract import CLAIM_COLUMNS, REVIEW_COLUMNS
from pipeline.extract.ner import MODEL, model_available

SEED = Path(__file__).parent / "data" / "seed" / "000_776d51a9b6409b01.txt"
TEXT = ("China's exports rose 12.5% to 400 billion yuan in 2022.\n\n"
        "In Shanghai, output reached 3,250 tonnes, about a quarter of the national total.")
SAME = ("claim_id", "quantity", "value", "unit", "bound", "kind", "start", "end", "rule")


@pytest.fixture(scope="module")
def blank() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("newsclaims")
    return nlp


def test_factory_is_registered() -> None:
    assert Language.has_factory("newsclaims")
    assert spacy.registry.factories.get(Language.get_factory_name("newsclaims")) is component.make_component


def test_factory_module_imports_no_stage() -> None:
    # spaCy imports the factory's module whenever it builds any pipeline: the rules, grammar and cleaning
    # stages load only when a newsclaims component is made.
    code = ("import sys, pipeline.component as c; "
            "print(sorted(m for m in sys.modules if m.startswith(('pipeline.document', 'pipeline.extract.grammar', "
            "'pipeline.clean', 'pipeline.extract.claims'))))")
    root = Path(__file__).resolve().parents[1]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root)
    assert out.stdout.strip() == "[]"


#: The lines pyproject.toml declares; a stand-in distribution with them proves spaCy finds the factory.
ENTRY_POINTS = '[spacy_factories]\nnewsclaims = "pipeline.component:make_component"\n'


def test_entry_point_when_installed() -> None:
    found = [e for e in entry_points(group="spacy_factories") if e.name == "newsclaims"]
    if not found:
        pytest.skip("project not installed: no spacy_factories entry point")
    assert found[0].load() is component.make_component


@pytest.mark.slow
def test_entry_point_resolves_without_import(tmp_path: Path) -> None:
    info = tmp_path / "newsclaims_probe-0.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: newsclaims-probe\nVersion: 0.0\n")
    (info / "entry_points.txt").write_text(ENTRY_POINTS.replace('"', ""))
    code = ("import sys, spacy; nlp = spacy.blank('en'); nlp.add_pipe('newsclaims'); "
            "print(sys.modules['pipeline.component'].__name__, len(nlp('Sales rose 5% to 3 mln.')._.claims))")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(Path(__file__).parents[1])])}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300,
                          cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    name, count = done.stdout.split()
    assert name == "pipeline.component" and int(count) > 0


@pytest.mark.parametrize("text", [TEXT, SEED.read_text(encoding="utf-8")])
def test_claims_match_the_api(blank: Language, text: str) -> None:
    doc = blank(text)
    frame = extract(text)
    assert [c["claim_id"] for c in doc._.claims] == list(frame["claim_id"])
    for claim, row in zip(doc._.claims, frame.to_dict("records"), strict=True):
        assert list(claim) == [c for c in CLAIM_COLUMNS if c not in REVIEW_COLUMNS]
        assert doc.text[claim["start"] : claim["end"]] == claim["quantity"]
        assert {k: claim[k] for k in SAME} == {k: row[k] for k in SAME}
    assert not any(c["subject"] for c in doc._.claims), "no NER in the pipeline: no subjects"


def test_span_group(blank: Language) -> None:
    doc = blank(TEXT)
    group = doc.spans["newsclaims"]
    assert len(group) == len(doc._.claims) > 0
    for span, claim in zip(group, doc._.claims, strict=True):
        assert isinstance(span, Span) and span.label_ == claim["kind"]
        assert span.start_char <= claim["start"] < claim["end"] <= span.end_char


def test_empty_doc_and_pipe(blank: Language) -> None:
    docs = list(blank.pipe(["", TEXT, "Nothing numeric."]))
    assert docs[0]._.claims == [] and len(docs[0].spans["newsclaims"]) == 0
    assert len(docs[1]._.claims) > 0 and docs[2]._.claims == []


def test_doc_ents_give_subjects() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("newsclaims", config={"spans_key": None})
    doc = nlp.make_doc(TEXT)
    doc.ents = [doc.char_span(0, 5, label="GPE"), doc.char_span(TEXT.index("Shanghai"), TEXT.index("Shanghai") + 8,
                                                                 label="GPE")]
    doc = nlp.get_pipe("newsclaims")(doc)
    subjects = {c["quantity"]: c["subject"] for c in doc._.claims}
    assert subjects["12.5%"] == "China" and subjects["3,250 tonnes"] == "Shanghai"
    assert "newsclaims" not in doc.spans


@pytest.mark.skipif(not model_available(MODEL), reason="spaCy model not installed")
def test_after_a_real_ner(monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.extract import ner

    def twice(*args, **kwargs):
        raise AssertionError("the component must use doc.ents, not run NER a second time")

    nlp = spacy.load(MODEL, exclude=["tagger", "parser", "attribute_ruler", "lemmatizer"])
    nlp.add_pipe("newsclaims", last=True)
    monkeypatch.setattr(ner, "entities", twice)
    monkeypatch.setattr(ner, "load_model", twice)
    doc = nlp(TEXT)
    ents = {e.text for e in doc.ents}
    assert doc._.claims and all(c["subject"] in ents for c in doc._.claims if c["subject"])
    assert any(c["subject"] for c in doc._.claims)


def test_config_round_trip(blank: Language, tmp_path: Path) -> None:
    blank.to_disk(tmp_path / "nlp")
    again = spacy.load(tmp_path / "nlp")
    assert again.pipe_names == ["newsclaims"]
    assert again.get_pipe_config("newsclaims") == blank.get_pipe_config("newsclaims")
    assert [c["claim_id"] for c in again(TEXT)._.claims] == [c["claim_id"] for c in blank(TEXT)._.claims]


def test_source_from_user_data(blank: Language) -> None:
    doc = blank.make_doc(TEXT)
    doc.user_data["source"] = "wire/1.txt"
    assert {c["source"] for c in blank.get_pipe("newsclaims")(doc)._.claims} == {"wire/1.txt"}
