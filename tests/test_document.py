"""The one document path: statuses in input order, batches, a poisoned document isolated, given entities."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from pipeline import document
from pipeline.document import load_stages, process_documents, sentence_entities, text_doc
from pipeline.errors import DocumentError
from pipeline.extract import ner
from pipeline.extract.claims import Entity
from pipeline.ids import error_doc
from pipeline.types import Sentence

TEXT = ("China's exports rose 12.5% to 400 billion yuan in 2022.\n\n"
        "In Shanghai, output reached 3,250 tonnes, about a quarter of the national total.")


@pytest.fixture(scope="module")
def stages():
    return load_stages(use_ner=False)


def test_stages_are_loaded_once(stages) -> None:
    assert load_stages(use_ner=False) is stages
    names = [Path(rf.path).name for rf in stages.rule_files]
    assert "clutter.toml" in names and "claims.toml" in names


def test_statuses_in_input_order(stages) -> None:
    docs = [text_doc(TEXT, "a"), text_doc("  \n", "b"), error_doc("c", "cannot decode"), text_doc("No numbers.", "d")]
    results = list(process_documents(docs, stages, clean=False, batch_docs=2))
    assert [(r.doc.source, r.status) for r in results] == [("a", "ok"), ("b", "empty"), ("c", "error"), ("d", "ok")]
    assert results[0].claims and not results[3].claims
    assert results[2].error == "cannot decode" and results[2].article is None


def test_a_poisoned_document_is_isolated(stages, monkeypatch: pytest.MonkeyPatch) -> None:
    real = document.extract_documents
    calls: list[int] = []

    def poisoned(items, extractor, entities=None):
        calls.append(len(items))
        if any("POISON" in article.doc.text for article, _ in items):
            raise ValueError("poisoned\ndocument")
        return real(items, extractor, entities)

    monkeypatch.setattr(document, "extract_documents", poisoned)
    docs = [text_doc(TEXT, "a"), text_doc("POISON 12 tonnes.", "b"), text_doc(TEXT + " ", "c")]
    timings: Counter = Counter()
    results = list(process_documents(docs, stages, timings=timings))
    assert calls == [3, 1, 1, 1], "the batch once, then each document alone"
    assert [r.status for r in results] == ["ok", "error", "ok"]
    assert results[1].error == "ValueError: poisoned document" and results[1].claims == []
    assert results[0].claims and results[2].claims
    assert {"clean", "segment", "extract"} <= set(timings)
    with pytest.raises(DocumentError, match=r"E120.*\bb\b.*poisoned"):
        list(process_documents(docs, stages, strict=True))


def test_given_entities_attach_subjects_without_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_model(*args, **kwargs):
        raise AssertionError("the model must not run for a document whose entities are given")

    monkeypatch.setattr(ner, "entities", no_model)
    shanghai = TEXT.index("Shanghai")
    ents = [Entity(0, 5, "GPE", "China"), Entity(shanghai, shanghai + 8, "GPE", "Shanghai")]
    stages = load_stages()  # NER on: given entities still win
    [result] = process_documents([text_doc(TEXT)], stages, clean=False, entities=[ents])
    subjects = {c.quantity: c.subject for c in result.claims}
    assert subjects["12.5%"] == "China" and subjects["3,250 tonnes"] == "Shanghai"


def test_sentence_entities_keeps_whole_entities_per_sentence() -> None:
    sentences = [Sentence(1, 0, 0, 10, "x" * 10), Sentence(1, 1, 11, 20, "y" * 9)]
    ents = [Entity(0, 3, "GPE", "a"), Entity(8, 12, "ORG", "across"), Entity(12, 15, "GPE", "b")]
    assert sentence_entities(ents, sentences) == [[ents[0]], [ents[2]]]
