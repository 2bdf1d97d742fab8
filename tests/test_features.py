"""Block features: a table row or figure line is told by its share of word tokens."""
from __future__ import annotations

import pytest

from pipeline.clean.features import _tabular


@pytest.mark.parametrize(("text", "tabular"), [
    ("2021 2022 2023 Revenue", True),  # one word in four
    ("Revenue 12.5 13.1 Total", True),  # two words in four: half is still a table
    ("Revenue 12.5 Total rose", False),  # three in four
    ("Q1 12 13 14", True),  # a token with a letter and digits is a word
    ("12% 3,400 -5 (7)", True),
    ("Exports rose 12% to 5 mln dlrs in 2023.", False),
    ("収入 12 13", True),  # letters of any script are words
    ("", False),
    ("   ", False),
])
def test_tabular(text, tabular):
    assert _tabular(text) is tabular
