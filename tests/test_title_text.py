"""The headline read out of a title block: date lines, kickers, bylines, share icons and site names left out."""
from __future__ import annotations

import pytest

from pipeline.clean import title_text
from pipeline.clean.title_text import headline_text

from titlepages import CFG, HEADLINE, screen


@pytest.mark.parametrize("block,want", [
    ("PORT BOOM\nHarbour cargo rises", "Harbour cargo rises"),
    ("Harbour cargo rises \nBy Jane Doe, \nExample Times", "Harbour cargo rises"),
    ("Monday 3 June 2024 9:22 am\n Harbour cargo rises", "Harbour cargo rises"),
    ("Harbour cargo rises in May as grain\nexports slump", "Harbour cargo rises in May as grain exports slump"),
    ("Harbour cargo rises", "Harbour cargo rises"),
    ("NATO\nBY THE NUMBERS", "NATO BY THE NUMBERS"),
    ("EXCLUSIVE Harbour cargo rises", "Harbour cargo rises"),  # a kicker word on the headline's line
    ("BREAKING NEWS Harbour cargo rises", "Harbour cargo rises"),
    ("Monday 3 June 2024 9:22 am\nEXCLUSIVE Harbour cargo rises", "Harbour cargo rises"),
    ("EXCLUSIVE: Harbour cargo rises", "EXCLUSIVE: Harbour cargo rises"),  # written into the headline
    ("NASA Harbour probe lands", "NASA Harbour probe lands"),  # capitals that are no kicker word
    ("WATCH OUT", "WATCH OUT"),
    ("Harbour cargo risesHarbour cargo rises", "Harbour cargo rises"),  # shown twice with nothing between
    ("Ports - Harbour cargo risesHarbour cargo rises", "Ports - Harbour cargo rises"),
    # a picture's text naming the site glued before the heading, wrapped: the heading alone
    ("harbourpost.example - Harbour cargo risesHarbour cargo\nrises", "Harbour cargo rises"),
    ("Talk Talk Talk Talk", "Talk Talk Talk Talk"),  # words repeated with spaces are the headline's own
    ("Cargo, cargo", "Cargo, cargo"),
    ("# Harbour cargo rises", "Harbour cargo rises"),  # a heading mark left by a heading inside a list item
    ("Harbour picks C# and F# for its new system", "Harbour picks C# and F# for its new system"),
    # a title-cased headline and its deck in sentence case on one screen line, maybe wrapped
    ("Harbour Board Weighs New Fees for Night Calls A plan to charge ships by the\nhour",
     "Harbour Board Weighs New Fees for Night Calls"),
    ("Why the Old Quay Must Close The harbour master explains", "Why the Old Quay Must Close"),
    ("Harbour Fees: A guide to the new charges", "Harbour Fees: A guide to the new charges"),  # a subtitle
    ("Port of Ellis Chief Anna Berg warns of slowdown", "Port of Ellis Chief Anna Berg warns of slowdown"),
    ("Harbour Unveils New iPhone Berths The company said", "Harbour Unveils New iPhone Berths The company said"),
    ("Harbour cargo rises in May The board said", "Harbour cargo rises in May The board said"),
])
def test_headline_text_of_a_title_block(block: str, want: str) -> None:
    assert headline_text(block, CFG) == want


@pytest.mark.parametrize("text,want", [
    ("Storm hits coast\nPublished 3 March 2024", "Published 3 March 2024"),
    ("Wednesday 20 November 2019 9:22 am\n Ferry fares rise by a tenth", "Wednesday 20 November 2019 9:22 am"),
    ("Storm hits coast\nhomes flooded\n3 March 2024", "3 March 2024"),
    ("The board last met on\nMarch 3, 1987.", None),  # a sentence running on into its date
    ("Rates were cut,\n3 March 2024", None),
    ("Nov. 19, 2019\n5:53 PM", None),  # a date and a time: no headline
    ("Storm hits coast\nBy Jane Doe", None),
    ("Storm hits coast", None),
    ("Storm\nhits\nthe\n3 March 2024", None),  # more lines than a headline and its date line
])
def test_the_date_line_of_a_headline_block(text: str, want: str | None) -> None:
    assert title_text.dated_line(text, CFG) == want


@pytest.mark.parametrize(("line", "head"), [
    ("Harbour fees rise – what comes next? – THE HARBOUR POST. HARBOURPOST.COM",
     "Harbour fees rise – what comes next?"),
    ("harbourpost.example | Tide tables and berths for the week ahead at the north quay",
     "Tide tables and berths for the week ahead at the north quay"),
    ("Harbour fees rise at the quay – Harbour Post – www.harbourpost.example", "Harbour fees rise at the quay"),
    # an address inside the headline, a part too long to be a name
    ("Ferry line sells its quay to Harbourpost.com – and the board is not pleased",
     "Ferry line sells its quay to Harbourpost.com – and the board is not pleased"),
    ("Harbour fees rise at the old quay – why the board says it costs too much for harbourpost.com",
     "Harbour fees rise at the old quay – why the board says it costs too much for harbourpost.com"),
])
def test_a_title_line_part_naming_the_site_by_its_address_is_left_out(line: str, head: str) -> None:
    assert title_text.strip_site(line) == head


@pytest.mark.parametrize(("block", "want"), [
    (f"{HEADLINE}\n[icon-tumbl] Tumblr", HEADLINE), (f"{HEADLINE} [share-icon]", HEADLINE),
    (f"{HEADLINE} [Video]", f"{HEADLINE} [Video]"),  # a label in brackets, not a picture's file name
])
def test_a_share_icon_closing_the_title_block_is_no_part_of_the_headline(block: str, want: str) -> None:
    assert headline_text(block, CFG) == want


@pytest.mark.parametrize(("block", "want"), [
    (f"{HEADLINE}\nJane Doe\n, The Harbour Post", HEADLINE),  # a byline cut at the name's link
    (f"{HEADLINE}\nJane Ann Doe\n, USA TODAY", HEADLINE),
    ("Storm hits\nHarbour City\n, mayor says", "Storm hits Harbour City, mayor says"),  # the headline cut at a link
    ("Talks in\nNew York\n, Paris", "Talks in New York, Paris"),  # a name after a stop word goes on the headline
    (f"{HEADLINE}\nJane Doe\n and \nAP", HEADLINE),  # a second writer or the agency after 'and'
    (f"{HEADLINE}\nJane Doe\nand Sam Roe", HEADLINE),
    ("Storm hits\nHarbour City\nand ports", "Storm hits Harbour City and ports"),  # no name after 'and'
    ("Ferries wait in\nHarbour City\nand Ellis Bay", "Ferries wait in Harbour City and Ellis Bay"),
])
def test_a_name_over_its_outlet_under_the_headline_is_no_part_of_it(block: str, want: str) -> None:
    assert headline_text(block, CFG) == want


@pytest.mark.parametrize(("line", "named", "not_named"), [
    ("Storm hits coast - then floods the port - Harbour Post", "storm hits coast then floods the port", "harbour post"),
    ("Harbour Post | Storm hits the coast", "storm hits the coast", "harbour post"),
    ("Storm hits the coast tonight | Harbour Post Daily News", "storm hits the coast tonight",
     "harbour post daily news"),
    ("Lost in Port: Storm hits the coast", "lost in port storm hits the coast", "storm hits the coast"),
])
def test_the_headline_a_title_line_names(line: str, named: str, not_named: str) -> None:
    """A title line names its headline whole, without its site's name, or before its last separator or after
    its first one when the part cut off is a short name; never the site's name alone."""
    got = title_text.title_line_headlines(line)
    assert named in got and not_named not in got
