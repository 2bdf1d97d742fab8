"""Lists of the article (:mod:`pipeline.clean.lists`): a list a paragraph announces under it in its last sentence
(:func:`~pipeline.clean.lists.introduced_list_pass`), told from a menu the page gives again."""
from __future__ import annotations

import pytest

from pipeline.clean.lists import _announces
from pipeline.clean.page import clean, load_clean_config
from pipeline.types import RawDoc

CFG = load_clean_config()
RULE = CFG.signal_rule("introduced_list")

MENU = "Home\nNews\nSport\nContact"
HEAD = (f"{MENU}\n\nHarbour awards go to a dairy and a boatyard\n\n"
        "The Harbour Business Awards were handed out on Friday night at the town hall, in front of 300 guests.\n\n"
        "The judges read more than 200 entries this year, twice as many as last year, the chamber said.\n\n")
WINNERS = "BEST NEW BUSINESS\n\nQuay Coffee\n\nHarbour Bikes\n\nBEST EMPLOYER\n\nPort Elm Dairy\n\nNorth Quay Boatyard"


def _kept(text: str) -> str:
    art = clean(RawDoc(doc_id="d", source="d.txt", text=text), CFG)
    return "\n".join(b.text for b in art.blocks)


@pytest.mark.parametrize("paragraph", [
    "See below for the full list of winners in each category.",
    "The judges met twice. Below is a list of this year's winners, with the runners-up.",
    "The following table lists every award and its winner.",
    "The chamber named the winners. Here are the results of each category.",
    "The winners, in the order the judges read them out, are as follows.",
    "The winners are listed below.",
])
def test_a_last_sentence_pointing_at_a_list_announces_it(paragraph: str) -> None:
    assert _announces(RULE, paragraph)


@pytest.mark.parametrize("paragraph", [
    "See below for the full list of winners. The chamber will hold the dinner again next year.",
    "Fees for the smallest boats stay below the level of 2015, the board said.",
    "In the following years are the harbour's best, the mayor said.",
    "The list of winners was read out by the mayor.",
])
def test_a_paragraph_whose_last_sentence_points_at_nothing_announces_nothing(paragraph: str) -> None:
    assert not _announces(RULE, paragraph)


def test_an_announced_list_of_short_lines_is_article_text_up_to_the_menu_given_again() -> None:
    kept = _kept(HEAD + "See below for the full list of winners in each category.\n\n" + WINNERS + "\n\n" + MENU)
    assert "Harbour Bikes" in kept and "North Quay Boatyard" in kept and "BEST EMPLOYER" in kept
    assert "Contact" not in kept


def test_a_list_under_a_paragraph_announcing_nothing_stays_out() -> None:
    kept = _kept(HEAD + "The winners will be honoured again at the chamber's dinner in May.\n\n" + WINNERS
                 + "\n\n" + MENU)
    assert "Harbour Bikes" not in kept
