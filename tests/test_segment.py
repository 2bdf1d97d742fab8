"""Sentence splitting keeps exact offsets and respects abbreviations, decimals and headings."""
from __future__ import annotations

import pytest

from pipeline.clean.segment import MAX_SENTENCE, segment, split_spans
from pipeline.types import Article, Block, RawDoc


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Profit rose 4.2 pct. Sales fell.", ["Profit rose 4.2 pct.", "Sales fell."]),
        ("Mr. Smith met U.S. officials. They agreed.", ["Mr. Smith met U.S. officials.", "They agreed."]),
        ("Output grew; Exports fell 3%.", ["Output grew;", "Exports fell 3%."]),
        ('He said "it is done." Then he left.', ['He said "it is done."', "Then he left."]),
        ("Revenue was $1.3bn. 120 jobs went.", ["Revenue was $1.3bn.", "120 jobs went."]),
        ("Costs rose to £39m. Officials now expect more.", ["Costs rose to £39m.", "Officials now expect more."]),
        ("It hit 34°C. Demand rose 18%.", ["It hit 34°C.", "Demand rose 18%."]),  # a degree, not an initial
        ("Water boils at 212 °F. Ice melts at 32 °F.", ["Water boils at 212 °F.", "Ice melts at 32 °F."]),
        ("John F. Kennedy spoke.", ["John F. Kennedy spoke."]),
        ("The track is 400m. Runners lap it.", ["The track is 400m.", "Runners lap it."]),
        ("It was signed by J. Smith in 2020.", ["It was signed by J. Smith in 2020."]),
        ("See vol. 12, pp. 45-67, and eq. 2. It holds.", ["See vol. 12, pp. 45-67, and eq. 2.", "It holds."]),
        ("He ran it in 9.8 sec. Then he rested.", ["He ran it in 9.8 sec.", "Then he rested."]),
        ("No boundary here", ["No boundary here"]),
        ("  padded sentence.  ", ["padded sentence."]),
    ],
)
def test_split_spans(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in split_spans(text)] == expected


def test_run_on_text_is_cut_into_bounded_sentences() -> None:
    text = "word " * 5000
    spans = split_spans(text)
    assert all(e - s <= MAX_SENTENCE for s, e in spans)
    assert " ".join(text[s:e] for s, e in spans) == text.strip()


def test_segment_offsets_point_into_raw_text() -> None:
    raw = "Title line\n\nA heading\n\nFirst one. Second one.\n\nThird paragraph here."
    doc = RawDoc(doc_id="d", source="s.txt", text=raw)

    def block(kind: str, needle: str) -> Block:
        start = raw.index(needle)
        return Block(start=start, end=start + len(needle), kind=kind, text=needle)

    article = Article(
        doc=doc,
        blocks=(
            block("title", "Title line"),
            block("heading", "A heading"),
            block("paragraph", "First one. Second one."),
            block("paragraph", "Third paragraph here."),
        ),
    )
    sentences = segment(article)
    assert [s.text for s in sentences] == ["A heading", "First one.", "Second one.", "Third paragraph here."]
    assert [s.paragraph for s in sentences] == [1, 2, 2, 3]
    assert [s.index for s in sentences] == [1, 2, 3, 4]
    assert sentences[0].heading and not sentences[1].heading
    assert all(raw[s.start : s.end] == s.text for s in sentences)
