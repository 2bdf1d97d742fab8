"""pipeline.api.extract: claims.csv columns and dtypes, exact offsets, the same claims as a run."""
from __future__ import annotations

import csv
import hashlib
import shutil
from pathlib import Path

import pytest

from pipeline.api import COLUMNS, extract, extract_many
from pipeline.errors import DocumentError, UsageError
from pipeline.outputs.contract import CLAIM_COLUMNS, CLAIM_TYPES, REVIEW_COLUMNS

SEED = Path(__file__).parent / "data" / "seed" / "000_776d51a9b6409b01.txt"
BBC = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bbc_fulltext" / "raw"


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def check_frame(frame, text: str) -> None:
    """Columns and dtypes of claims.csv; every row's offsets give back its quantity."""
    base = [c for c in CLAIM_COLUMNS if c not in REVIEW_COLUMNS]
    assert list(frame.columns) == [*base, *REVIEW_COLUMNS] == list(COLUMNS)
    for column in frame.columns:
        expected = CLAIM_TYPES.get(column, "string")
        assert str(frame[column].dtype) == ("string" if expected == "string" else expected), column
    for row in frame.itertuples(index=False):
        assert text[row.start : row.end] == row.quantity
    assert frame["claim_id"].is_unique


@pytest.mark.slow
def test_seed_frame() -> None:
    text = seed_text()
    frame = extract(text)
    check_frame(frame, text)
    assert len(frame) > 0
    assert set(frame["doc_id"]) == {"d" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:15]}
    assert set(frame["source"]) == {"<text>"}
    assert (frame["review"] == "").all()


@pytest.mark.slow  # extracts a page twice with the spaCy model (seconds)
def test_clean_drops_clutter_claims_only() -> None:
    text = seed_text()
    plain, cleaned = extract(text), extract(text, clean=True, source="seed.txt")
    check_frame(cleaned, text)
    assert 0 < len(cleaned) <= len(plain)
    spans = set(zip(plain["start"], plain["end"], strict=True))
    assert set(zip(cleaned["start"], cleaned["end"], strict=True)) <= spans
    assert set(cleaned["source"]) == {"seed.txt"}


@pytest.mark.parametrize("text", ["", "   \n\n ", "No numbers here at all."])
def test_no_claims_gives_typed_empty_frame(text: str) -> None:
    frame = extract(text)
    assert frame.empty
    check_frame(frame, text)


@pytest.mark.skipif(not BBC.is_dir(), reason="BBC corpus not available")
def test_real_news_offsets() -> None:
    for path in sorted(BBC.glob("business/*.txt"))[:15]:
        text = path.read_text(encoding="latin-1")
        check_frame(extract(text, source=path.name), text)


def test_same_claims_as_a_run(tmp_path: Path) -> None:
    """The API and the batch runner agree claim for claim on the same page."""
    from pipeline.run.options import RunOptions, Settings
    from pipeline.run.runner import run

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / SEED.name)
    run([corpus], Settings(), RunOptions(out=tmp_path / "run"))
    with open(tmp_path / "run" / "claims.csv", encoding="utf-8", newline="") as handle:
        batch = list(csv.DictReader(handle))
    frame = extract(seed_text(), clean=True, source=SEED.name)
    assert list(frame["claim_id"]) == [r["claim_id"] for r in batch]
    for row, got in zip(batch, frame.to_dict("records"), strict=True):
        for column in ("quantity", "unit", "bound", "kind", "metric", "subject", "period", "rule"):
            assert str(got[column]) == row[column].lstrip("'"), column
        assert got["value"] == pytest.approx(float(row["value"]))
        assert (got["start"], got["end"]) == (int(row["start"]), int(row["end"]))
    # read back: the same typed frame as the API's
    import pipeline

    back = pipeline.read_claims(tmp_path / "run")
    assert back.dtypes.equals(frame.dtypes) and list(back.columns) == list(frame.columns)
    assert back.drop(columns=["doc_id", "source"]).equals(frame.drop(columns=["doc_id", "source"]))


def test_package_level_extract() -> None:
    import pipeline
    import pipeline.run.shards  # noqa: F401 - imports every stage module

    text = "Exports rose 12.1% to 400.35 billion yuan in 2022."
    assert pipeline.extract(text).equals(extract(text))


MANY = [
    "Exports rose 12.1% to 400.35 billion yuan in 2022.",
    "No numbers here at all.",
    "",
    "In Shanghai, output reached 3,250 tonnes, about a quarter of the national total.",
]


def test_extract_many_is_one_frame_in_text_order() -> None:
    frame = extract_many(MANY)
    assert list(frame.columns) == list(COLUMNS)
    assert list(dict.fromkeys(frame["source"])) == ["<text>#1", "<text>#4"]
    for n, text in enumerate(MANY, start=1):
        part = frame[frame["source"] == f"<text>#{n}"].reset_index(drop=True)
        check_frame(part, text)
        assert part.equals(extract(text, source=f"<text>#{n}")), n


def test_extract_many_runs_ner_once_per_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.extract import ner

    calls: list[int] = []

    def counting(real):
        def call(texts, offsets, *args, **kwargs):
            calls.append(len(texts))
            return real(texts, offsets, *args, **kwargs)
        return call

    # NER alone, or NER with the tagger (the default): one call either way
    monkeypatch.setattr(ner, "entities", counting(ner.entities))
    monkeypatch.setattr(ner, "parse", counting(ner.parse))
    frame = extract_many(MANY * 3, sources=[f"t{i}" for i in range(12)])
    assert len(calls) == 1 and calls[0] >= 6, "one model batch over every candidate sentence of all texts"
    assert set(frame["source"]) == {"t0", "t3", "t4", "t7", "t8", "t11"}
    assert frame["subject"].str.len().gt(0).any()


def test_package_level_extract_many() -> None:
    import pipeline

    assert pipeline.extract_many(MANY[:1]).equals(extract_many(MANY[:1]))
    assert "extract_many" in pipeline.__all__


def test_extract_many_usage_errors() -> None:
    with pytest.raises(UsageError, match="E122"):
        extract_many("one string")
    with pytest.raises(UsageError, match="E121"):
        extract_many(["a", "b"], sources=["only one"])


def test_a_text_that_fails_raises_a_document_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline import document

    real = document.extract_documents

    def broken(items, extractor, entities=None):
        if any("Sales" in article.doc.text for article, _ in items):
            raise ValueError("boom")
        return real(items, extractor, entities)

    monkeypatch.setattr(document, "extract_documents", broken)
    with pytest.raises(DocumentError, match=r"E120.*<text>#2.*ValueError: boom"):
        extract_many(["No numbers.", "Sales rose 5%."])


def test_read_claims_of_a_spreadsheet_resave(tmp_path: Path) -> None:
    """Text stays text (ids, periods), numbers are typed, whatever a spreadsheet guessed."""
    import pandas as pd

    import pipeline
    from pipeline.outputs.contract import CLAIM_TYPES

    frame = extract("In 1999, exports rose 5% to 7 million tonnes.", source="a.txt")
    frame.to_csv(tmp_path / "claims.csv", index=False)
    guessed = pd.read_csv(tmp_path / "claims.csv", dtype={"period": float})
    guessed.to_csv(tmp_path / "resaved.csv", index=False, sep=";")
    back = pipeline.read_claims(tmp_path / "resaved.csv")
    assert back.dtypes.to_dict() == frame.dtypes.to_dict()
    assert list(back["period"]) == list(frame["period"]) == ["1999"] * len(frame)
    assert back[list(CLAIM_TYPES)].equals(frame[list(CLAIM_TYPES)])
    assert list(back["claim_id"]) == list(frame["claim_id"])
