"""Repeats (:mod:`pipeline.clean.repeats`): the next story a page prints under the article, told by its headline
given again from a list of headlines that holds the article's own (:func:`~pipeline.clean.repeats.next_story_pass`)."""
from __future__ import annotations

from pipeline.clean.page import clean, load_clean_config
from pipeline.types import RawDoc

CFG = load_clean_config()

LIST = ("Speed Reads\n\nHarbour fees rise for the first time in ten years\n\n6:14 a.m.\n\n"
        "Ferry operator adds a night crossing to the islands\n\n5:28 p.m.\n\n"
        "Rail link to the port opens two months early\n\n3:58 p.m.\n\nSee more Speed Reads\n\n")
ARTICLE = ("Harbour fees rise for the first time in ten years\n\nBy Jane Roe\n\n6:14 a.m.\n\n"
           "The harbour board raised its fees on Monday for the first time in ten years, citing the cost of dredging.\n\n"
           "Shipping lines will pay 4% more per call from June, and cruise ships 6% more, the board said.\n\n")
NEXT = ("The island ferry will run a night crossing from May, the operator said, after a year of complaints.\n\n"
        "Tickets for the new crossing go on sale next week at the same price as the day service.")


def _kept(text: str) -> str:
    art = clean(RawDoc(doc_id="d", source="d.txt", text=text), CFG)
    return "\n".join(b.text for b in art.blocks)


def test_the_next_story_under_a_listed_headline_with_its_time_goes() -> None:
    kept = _kept(LIST + ARTICLE + "Ferry operator adds a night crossing to the islands\n\n5:28 p.m.\n\n" + NEXT)
    assert "raised its fees" in kept and "4% more" in kept
    assert "night crossing from May" not in kept and "Tickets" not in kept


def test_a_listed_line_with_no_date_or_byline_under_it_starts_nothing() -> None:
    kept = _kept(LIST + ARTICLE + "Ferry operator adds a night crossing to the islands\n\n" + NEXT)
    assert "Tickets for the new crossing" in kept


def test_without_the_articles_headline_in_the_list_nothing_goes() -> None:
    """A dated subheading repeating a line of a menu that does not hold the article's headline stays."""
    top = LIST.replace("Harbour fees rise for the first time in ten years\n\n6:14 a.m.\n\n", "")
    kept = _kept(top + ARTICLE + "Ferry operator adds a night crossing to the islands\n\n5:28 p.m.\n\n" + NEXT)
    assert "Tickets for the new crossing" in kept
