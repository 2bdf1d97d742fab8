"""A kicker glued before the headline on its line, told by the page giving the headline without it."""
from __future__ import annotations

from pipeline.clean import kickers

from titlepages import headline_page, screen, screen_plain


def test_a_breadcrumb_over_its_date_line_shows_the_kicker_glued_before_the_headline() -> None:
    """A screen dump without links: the breadcrumb's last item (the headline alone) ends its own line over the
    date line in one block, so the words before the headline below are a kicker glued to it."""
    head = "Harbour liens: what buyers and sellers should know"
    crumb = f"home / HarbourStream / {head}\nHarbourStream - 21. Januar 2022"
    page, items, found, at = headline_page(screen_plain([crumb], f"Avoid losses {head}", ("By Jane Doe",)))
    assert at[f"Avoid losses {head}"] in found
    assert not any(items[i].vis.startswith("home /") for i in found)  # the breadcrumb is no candidate
    assert kickers.glued_kicker(page, at[f"Avoid losses {head}"]) == 2
