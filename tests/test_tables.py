"""pipeline.extract.tables: a figure in a table row measures its column's header and belongs to the row's label."""
from __future__ import annotations

import pytest

from pipeline.api import extract
from pipeline.extract.tables import results_line, table_cell

STANDINGS = ("Final standings after the season finale:\n\n"
             "Pos.\tDriver\tPoints\tWins\tTop 5\n"
             "1\tKarla Mendes\t504\t5\t17\n"
             "2\tOwen Pratt\t503\t7\t15\n")
QUOTES = ("Shares of the two grocers fell before the bell.\n\n"
          "Ticker\tCompany\tLast\tChange\tChange %\n\n"
          "GRC\tGROCERCO HOLDINGS INC.\t41.20\t-2.05\t-4.74%\n\n"
          "FRM\tFARMSTEAD FOODS\t18.75\t-0.40\t-2.09%\n")
MARKDOWN = ("| Team | Played | Goals |\n"
            "|------|-------:|------:|\n"
            "| Harbour Town | 12 | 31 |\n")


def _at(text: str, figure: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(figure, start + 1)
    return start, start + len(figure)


@pytest.mark.parametrize(("text", "figure", "nth", "metric", "label"), [
    (STANDINGS, "504", 0, "points", "Karla Mendes"),
    (STANDINGS, "17", 0, "top 5", "Karla Mendes"),
    (STANDINGS, "7", 1, "wins", "Owen Pratt"),
    (QUOTES, "-4.74%", 0, "change", "GROCERCO HOLDINGS INC."),  # rows in blocks of their own
    (QUOTES, "18.75", 0, "last", "FARMSTEAD FOODS"),
    (MARKDOWN, "31", 0, "goals", "Harbour Town"),  # a markdown table under its rule line
])
def test_a_cell_measures_its_column_header(text: str, figure: str, nth: int, metric: str, label: str) -> None:
    cell = table_cell(text, *_at(text, figure, nth))
    assert cell is not None and (cell.metric, cell.label, cell.whole) == (metric, label, True)


@pytest.mark.parametrize(("text", "figure"), [
    ("Pos.\tDriver\tPoints\n1\tKarla Mendes\t504\n", "Points"),  # no figure: a header cell itself
    ("2019\t2020\t2021\n4.1\t4.6\t5.2\n", "4.6"),  # a first row of figures is no header
    ("Team\tPlayed\tWon\tPoints\nHarbour Town\t12\t31\n", "31"),  # a cell left out: columns unknown
    ("Karla Mendes won with 504 points.\n", "504"),  # no table
    ("Rank\tName\n\nThe winner scored 504 points.\n", "504"),  # prose under a header is no row
])
def test_no_header_no_column(text: str, figure: str) -> None:
    start, end = _at(text, figure)
    assert table_cell(text, start, end) is None


def test_a_figure_with_words_in_its_cell_is_not_the_whole_cell() -> None:
    text = "Pos\tPlayer\tSnaps\tNotes\nCB\tDale Ortiz\t63\t4 tackles (4 combined).\n"
    cell = table_cell(text, *_at(text, "4 tackles"))
    assert cell is not None and cell.metric == "notes" and not cell.whole


def test_claims_of_a_table_take_header_and_row_label() -> None:
    rows = extract(STANDINGS).set_index("quantity")
    assert rows.loc["504", "metric"] == "points"
    assert rows.loc["504", "subject"] == "Karla Mendes"
    assert rows.loc["503", "subject"] == "Owen Pratt"


def test_the_row_label_is_a_name_not_a_note() -> None:
    text = "Pos\tPlayer\tSnaps\tNotes\nLB\tSione Takitaki\t6\tNo stats registered.\n"
    cell = table_cell(text, *_at(text, "6"))
    assert cell is not None and (cell.metric, cell.label) == ("snaps", "Sione Takitaki")


def test_a_markdown_table_in_a_page_is_kept_and_read() -> None:
    """A markdown table is no menu line: its rows stay in the article, each figure under its header, the
    row's name its subject (over any organisation the row also names), a place column a rank."""
    page = ("Verstappen wins the title\n\n"
            "Max Verstappen won the championship on Sunday, finishing the season with 575 points after a dominant "
            "year in which he won 19 races.\n\n"
            "| Pos | Driver | Team | Points |\n|---|---|---|---|\n"
            "| 1 | Max Verstappen | Red Bull | 575 |\n| 2 | Sergio Perez | Red Bull | 285 |\n\n"
            "The season ends in Abu Dhabi next week.\n")
    rows = extract(page, clean=True)
    table = rows[rows["sentence"].str.startswith("|")]
    assert list(zip(table["quantity"], table["kind"], table["metric"], table["subject"])) == [
        ("1", "rank", "pos", "Max Verstappen"), ("575", "count", "points", "Max Verstappen"),
        ("2", "rank", "pos", "Sergio Perez"), ("285", "count", "points", "Sergio Perez")]


RESULTS = ("Harbour Mills Inc said it had a weaker first quarter.\n\n"
           "Shr loss 12 cts vs profit nine cts\n\n"
           "Net loss 84,500 vs profit 131,200\n\n"
           "Revs 6,318,000 vs 5,904,000\n\n"
           "Avg shrs 4.6 mln vs 4.2 mln\n\n"
           "Parent company pre-tax profit 2.44 billion vs 2.38 billion\n")


@pytest.mark.parametrize(("figure", "metric"), [
    ("84,500", "net loss"), ("131,200", "net profit"),  # the figure after "vs profit" measures the profit
    ("6,318,000", "revs"), ("5,904,000", "revs"), ("4.6 mln", "avg shrs"), ("4.2 mln", "avg shrs"),
    ("2.38 billion", "parent company pre-tax profit"),  # a label of five words, its side word its last
])
def test_a_results_line_label_measures_its_figures(figure: str, metric: str) -> None:
    cell = results_line(RESULTS, *_at(RESULTS, figure))
    assert cell is not None and (cell.metric, cell.label, cell.whole) == (metric, "", True)


@pytest.mark.parametrize(("text", "figure"), [
    ("Sales rose 5% in May vs 3% a year ago, the firm said.", "5%"),  # a sentence, not a results line
    ("Revs 6,318,000 and falling", "6,318,000"),  # no figure set against it
])
def test_no_results_line_no_label(text: str, figure: str) -> None:
    assert results_line(text, *_at(text, figure)) is None


def test_claims_of_a_results_line_take_its_label() -> None:
    rows = extract(RESULTS).set_index("quantity")
    assert rows.loc["6,318,000", "metric"] == "revs" and rows.loc["5,904,000", "metric"] == "revs"
    assert rows.loc["131,200", "metric"] == "net profit"
    assert rows.loc["nine cts", "metric"] == "shr profit"  # a number word is a figure of the line too
