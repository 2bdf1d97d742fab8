"""Pages written one stripped text node a line (pipeline/clean/dialect.py ``nodes``, pipeline/clean/blocks.py):
the dialect is read, the pieces of a sentence cut at inline links are joined before the title is chosen, and
no long line is a heading."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.clean import dialect as D
from pipeline.clean.blocks import segment_blocks
from pipeline.clean.page import clean, load_clean_config
from pipeline.types import RawDoc

CFG = load_clean_config()

#: page -> (title, sentences of the body kept whole, text that must not be kept)
PAGES = {
    "byline_quote.txt": (
        "Harbour tolls rise for the third year",
        ["The harbour board raised its tolls by 4% on Monday, the third increase in as many years, according to "
         "figures published by the board on its website.",
         "Shipping firms said the rise would add about £2m to their annual costs, and some warned that smaller lines "
         "could move to rival ports along the coast.",
         "The board said traffic through the port grew by 6% last year, to 3.1 million tonnes, the highest level "
         "since records began."],
        ["Skip to content", "Share this article", "Council approves", "Coastline Post"]),
    "no_title_line.txt": (
        "Oil prices slip as stocks build",
        ["Crude stocks in the region rose by 1.2 million barrels last week, the energy agency said on Wednesday, "
         "the fourth weekly build in a row.",
         "Benchmark prices fell 1.5% to $81 a barrel in early trading, as traders weighed the larger than expected "
         "build against signs of stronger demand in Asia."],
        ["Subscribe", "Gas prices hit", "Privacy policy"]),
    "citations_list.txt": (
        "Five ways to cut home heating bills",
        ["Heating makes up more than half of a typical household's energy use, according to the energy agency ( 1 ).",
         "Turning the thermostat down by one degree can cut a bill by about 10%, a 2021 study found, and most people "
         "do not notice the change.",
         "Loft insulation pays for itself within about three years, the agency says, and grants cover up to £1,500 "
         "of the cost for low-income households ."],
        ["Related articles", "Winter fuel", "Example Living"]),
    "live_scores.txt": (
        "City beat United to reach the final",
        ["City reached the cup final for the third time in four years with a 2-1 win over United at a packed "
         "stadium on Saturday.",
         "The final will be played at the national stadium on 25 May, and tickets go on sale to members on Monday "
         "at 9am ."],
        ["Skip to main content", "Top stories", "Rain delays"]),
}


def _clean(path: Path):
    return clean(RawDoc(doc_id=path.stem, source=path.name, text=path.read_text(encoding="utf-8")), CFG)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_a_stripped_node_page_keeps_its_headline_and_whole_sentences(shared_datadir: Path, name: str) -> None:
    title, sentences, dropped = PAGES[name]
    art = _clean(shared_datadir / "clean" / "nodes" / name)
    assert art.dialect == D.NODES
    assert art.title == title
    body = [" ".join(b.text.split()) for b in art.body]
    for sentence in sentences:
        assert sentence in body
    for text in dropped:
        assert text not in art.text


@pytest.mark.parametrize("name", sorted(PAGES))
def test_no_heading_of_a_node_page_is_over_fifteen_words(shared_datadir: Path, name: str) -> None:
    art = _clean(shared_datadir / "clean" / "nodes" / name)
    assert [b.text for b in art.body if b.kind == "heading" and len(b.text.split()) > 15] == []


def test_a_long_unpunctuated_quotation_between_paragraphs_is_a_paragraph_not_a_heading() -> None:
    quote = ("“We tell every customer to start with the loft, because the heat that escapes through an uninsulated "
             "roof is the biggest single loss in most houses we visit”")
    text = ("Loft grants widened\n\nThe agency widened its loft insulation grants on Monday to cover another "
            f"200,000 homes, it said in a statement.\n\n{quote}\n\nThe grants cover up to £1,500 of the cost for "
            "low-income households, the agency said.\n")
    art = clean(RawDoc(doc_id="q", source="q.txt", text=text), CFG)
    assert [b.kind for b in art.body if b.text == quote] == ["paragraph"]


@pytest.mark.parametrize("text,dialect", [
    ("Port news\nHome\nWorld\nThe port said cargo rose by\n4%\nin May, and\nexports\nrose too.\nBy\nJo Lee\n"
     "Traffic through the\nnorth terminal\nfell.\n", D.NODES),
    ("\n".join(["Home", "World", "Business", "Sport"] * 10 + ["The port said cargo rose in May."]), D.NODES),
    # a short page: one open piece going on in lower case, and a long line whose sentence goes on after a link
    ("Home\nNews\nFerry fares rise 8% on the island route\nBy Ana Cole\nFares on the island route rose 8% on Friday, "
     "in a rise set by the\noperator last month, the council said in\nits statement on the winter timetable and fares\n"
     ". About 2,000 people have signed a petition.\nShare\n", D.NODES),
    # hard-wrapped wire copy: its lines go on in lower case, but none is a short open piece
    ("Port cargo rises\n\nThe port said cargo volumes rose 4% in May from a year earlier, helped\nby demand for "
     "grain and a rebound in container traffic, which had\nfallen for three months in a row.\n\nExports of "
     "machinery also rose, the customs office said in a\nstatement on Tuesday.\n", D.PLAIN),
    # a numbered list with web addresses under each item is not a node dump
    ("Gifts\n\n1) A boxed set of films\nhttps://shop.example.com/a1\n2) A model train\nhttps://shop.example.com/b2\n"
     "3) A tin robot\nhttps://shop.example.com/c3\n4) A board game\nhttps://shop.example.com/d4\n", D.PLAIN),
])
def test_the_dialect_of_a_stripped_node_page(text: str, dialect: str) -> None:
    assert D.detect(text) == dialect


@pytest.mark.parametrize("lines,joined", [
    (["The port said cargo rose by", "4%", "in May."], ["The port said cargo rose by\n4%\nin May."]),
    (["Trade grew, the", "customs office", "said on Tuesday."], ["Trade grew, the\ncustoms office\nsaid on Tuesday."]),
    (["A new poll from the polling firm", "Example Research", "finds support rising."],
     ["A new poll from the polling firm\nExample Research\nfinds support rising."]),
    (["By", "Jo Lee"], ["By\nJo Lee"]),
    (["Harbour tolls rise for the third year", "13/06/2024"], ["Harbour tolls rise for the third year", "13/06/2024"]),
    (["Ten offers worth a look this weekend", "3.409", "views"], ["Ten offers worth a look this weekend", "3.409\nviews"]),
    (["1) A boxed set of films", "https://shop.example.com/a1", "2) A model train"],
     ["1) A boxed set of films", "https://shop.example.com/a1", "2) A model train"]),
    (["Home", "World", "Business"], ["Home", "World", "Business"]),
])
def test_pieces_of_a_sentence_are_joined_and_other_lines_are_not(lines: list[str], joined: list[str]) -> None:
    assert [s.text for s in segment_blocks("\n".join(lines), D.NODES)] == joined
