"""Block features: a table row or figure line is told by its share of word tokens."""
from __future__ import annotations

import pytest

from pipeline.clean.blocks import Span
from pipeline.clean.features import _tabular, make_item


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


_CUT = "The ferry will run twice an hour from April after passenger numbers rose by a third last summer"


@pytest.mark.parametrize(("ending", "truncated"), [
    (". PTI", False), (". (AP)", False), (". -- Reuters", False), (". [AFP]", False), (".\nIANS", False),
    ("", True),  # cut off mid-sentence
    (" PTI", True),  # the credit must follow a finished sentence
    (" in the harbour of Uni", True),
])
def test_a_paragraph_ending_in_a_news_agencys_credit_is_finished(ending: str, truncated: bool) -> None:
    text = _CUT + ending
    assert make_item(Span(0, len(text), text, 0), heading_words=12).truncated is truncated


@pytest.mark.parametrize(("ending", "truncated"), [
    (". -- Jane Roe", False), (". — Roe", False), (".\" --\nAnn M. Smith", False), ("! – J.R.", False),
    (". -- Jane Roe, who", True),  # a name going on: the sentence is open again
    (" -- Jane Roe", True),  # the signature must follow a finished sentence
    (". -- and then the", True),  # words in lower case after the dash: no name
])
def test_a_paragraph_signed_by_its_writer_after_a_dash_is_finished(ending: str, truncated: bool) -> None:
    text = _CUT + ending
    assert make_item(Span(0, len(text), text, 0), heading_words=12).truncated is truncated
