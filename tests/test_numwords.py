"""Tests for pipeline.extract.numwords: the values of vague magnitudes, alone and joined."""
from __future__ import annotations

import pytest

from pipeline.document import load_stages
from pipeline.extract.numwords import vague_ends

TABLES = load_stages(use_ner=False).extractor.grammar.words


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ("hundreds", (100.0, 1000.0)),
        ("Tens of  thousands", (10000.0, 100000.0)),
        ("dozens or hundreds", (24.0, 1000.0)),
        ("tens or even hundreds of billions", (1e10, 1e12)),
        ("hundreds of millions or even billions", (1e8, 1e10)),
        ("thousands, or perhaps millions", (1000.0, 1e7)),
        ("tens to hundreds of millions", (1e7, 1e9)),
    ],
)
def test_vague_ends_of_one_magnitude_or_two_joined(text: str, ends: tuple[float, float]) -> None:
    assert vague_ends(text, TABLES) == ends


@pytest.mark.parametrize("text", ["millions or thousands", "tens or hundreds", "hundreds or scores", "a dozen"])
def test_no_vague_ends_for_a_falling_pair_or_an_unknown_word(text: str) -> None:
    assert vague_ends(text, TABLES) is None
