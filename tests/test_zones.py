"""The zones around the article (:mod:`pipeline.clean.zones`): a data widget closing the page, told by the shape of
its lines (:func:`trailing_data_run`)."""
from __future__ import annotations

import pytest

from pipeline.clean.blocks import Span
from pipeline.clean.features import make_item
from pipeline.clean.zones import DataRunLimits, line_shape, trailing_data_run

LIMITS = DataRunLimits()
ARTICLE = [
    "The regional assembly met on Tuesday to vote on the budget for next year, which raises the fees ships pay to "
    "use the harbour and sets aside money to dredge the main channel before the storms.",
    "The finance committee said the plan would bring in about 12 million a year once the new fees are in force, "
    "and that most of it would go to the port's roads and berths.",
]


def _items(texts: list[str]) -> list:
    """Items of ``texts`` one after another (two characters between them), one blank line above each."""
    out, pos = [], 0
    for t in texts:
        out.append(make_item(Span(pos, pos + len(t), t, 1), 15))
        pos += len(t) + 2
    return out


# cells of a district table, a results box, a league table, a market table: no sentence, mostly figures
WIDGETS = {
    "district table": ["State", "Cases", "Active", "Recovered", "Deaths", "DistrictCases", "North Harbour3029",
                       "Pune660", "Old Quay (west)465", "Saltmarsh96", "Details Awaited*2153", "6817 387",
                       "5559 252", "957 117"],
    "results box": ["Results", "Party", "Seats", "Harbour Party 41", "Coast Alliance 37", "Greens 12",
                    "Independents 11", "412,330 38.2%", "351,904 32.6%", "120,511 11.2%", "95,118 8.8%",
                    "Counted: 99.6%"],
    "weather": ["Weather", "Harbour City", "Now 14°", "Mon 12° 5°", "Tue 14° 6°", "Wed Showers 11° 4°",
                "Thu 13° 7°", "Fri 15° 8°", "Sat 16° 9°", "Sun 15° 8°", "Wind 24 km/h", "Humidity 71%",
                "Sunrise 07:12", "Sunset 16:48"],
}


@pytest.mark.parametrize("name", sorted(WIDGETS))
def test_a_data_widget_after_the_article_is_the_run(name: str) -> None:
    items = _items(ARTICLE + WIDGETS[name])
    assert trailing_data_run(items, LIMITS) == list(range(len(items) - 1, len(ARTICLE) - 1, -1))


def test_one_block_of_table_lines_counts_its_lines() -> None:
    table = "\n".join(f"Harbour {k} 20 {k} 3 4 {40 - k}" for k in range(12))
    items = _items(ARTICLE + [table])
    assert trailing_data_run(items, LIMITS) == [2]


def test_a_table_between_two_paragraphs_is_the_articles() -> None:
    """The prose under a table stops the run: a results table inside a sports report stays."""
    assert trailing_data_run(_items(ARTICLE[:1] + WIDGETS["district table"] + ARTICLE[1:]), LIMITS) == []


def test_a_short_table_closing_the_article_stays() -> None:
    assert trailing_data_run(_items(ARTICLE + WIDGETS["results box"][:8]), LIMITS) == []


def test_bullet_points_with_figures_closing_the_article_stay() -> None:
    """Key figures told with verbs and small words are the article's list, not a widget's cells."""
    bullets = [f"- Cargo rose {k}% to {40 + k} million tonnes" for k in range(14)]
    assert trailing_data_run(_items(ARTICLE + bullets), LIMITS) == []


def test_a_sentence_among_the_lines_ends_the_run_above_it() -> None:
    widget = WIDGETS["district table"]
    texts = ARTICLE + widget[:3] + ["The figures are updated at noon every day."] + widget[3:]
    assert trailing_data_run(_items(texts), LIMITS) == []  # 11 lines under the sentence: too few
    assert trailing_data_run(_items(texts + widget), LIMITS) != []


def test_a_run_without_an_article_above_it_stays() -> None:
    assert trailing_data_run(_items(WIDGETS["district table"]), LIMITS) == []


def test_dropped_blocks_and_metadata_do_not_end_the_run() -> None:
    items = _items(ARTICLE + WIDGETS["district table"])
    items[5].kind, items[6].kind = "clutter", "meta"
    run = trailing_data_run(items, LIMITS)
    assert 5 not in run and 6 not in run and min(run) == len(ARTICLE)


@pytest.mark.parametrize("line,sentence", [
    ("Details Awaited*2153", False),
    ("Dadra And Nagar Haveli And Daman And Diu12", False),  # a place name with 'and' in it
    ("Updated daily.", False),
    ("The figures are updated daily.", True),
    ("figures from the health ministry of the state", True),  # half its words function words
    ("軽い打ち心地を実現し、キー入力がはかどる！", True),  # a sentence in a script without spaces
])
def test_line_shape_reads_a_sentence(line: str, sentence: bool) -> None:
    assert line_shape(line, LIMITS).sentence is sentence
