"""Titles and article text of small made-up pages in the three dump dialects (node lines, markdown, screen
dump), each with a headline or navigation trap: site names in the title line, kickers, date and byline lines
in the headline block, headings of menus and lists, a standfirst under the headline, reader notices, a
hard-wrapped headline, a breadcrumb of links under the headline and a second copy of the article."""
from __future__ import annotations

import textwrap
from typing import Callable

import pytest

from pipeline.clean import passes, titles
from pipeline.clean.pagestate import Page
from pipeline.clean.dumps import left_column
from pipeline.clean.features import Item
from pipeline.clean.titles import headline_text
from pipeline.clean.page import clean, load_clean_config
from pipeline.types import Article, RawDoc

CFG = load_clean_config()
HEADLINE = "Harbour cargo rises 12% in May"
BODY = (
    "The harbour board said cargo volumes rose 12% in May from a year earlier, the fastest growth since the new"
    " quay opened in 2019.",
    "Container traffic reached 410,000 boxes in the month, while bulk grain shipments fell by a fifth after a"
    " poor harvest in the south.",
    "Officials expect the second berth to open in the autumn, which they said would lift capacity by about a"
    " third over the next two years.",
)
NAV = ("Home", "World", "Business", "Sport", "Weather", "Opinion")
#: A breadcrumb as a markdown list, its last item the headline; the headline with soft hyphens in its words.
CRUMBS = "  * [Home](https://example.com/)\n  * [Ports](https://example.com/ports)\n  * "
QUOTED_LONG = ("'Not the end of the old quay': Harbour board adds two berths as cargo rises 12% in May, but"
               " promises to leave room for ferries")
SOFT = HEADLINE.replace("Harbour", "Har\u00adbour").replace("cargo", "car\u00adgo")


def nodes(title_line: str, top: list[str], headline: str, tail: tuple[str, ...] = ()) -> str:
    """A page as a DOM's text nodes come out: its title line, a menu, then one element per line group."""
    parts = [title_line, *NAV, *top, headline, *BODY, *tail, "Privacy policy", "Contact us"]
    return "\n\n\n\n" + "\n\n\n\n".join(parts) + "\n"


def markdown(top: list[str], heading: str, tail: tuple[str, ...] = ()) -> str:
    """A page written out as markdown: logo link, a link list for the menu, then blocks."""
    menu = "\n".join(f"  * [{n}](https://example.com/{n.lower()})" for n in NAV)
    blocks = ["[ ![logo](https://example.com/logo.png) ](https://example.com/)", menu, *top, heading, *BODY,
              *tail, "[Privacy](https://example.com/privacy) [Contact](https://example.com/contact)"]
    return "\n\n".join(blocks) + "\n"


def screen(top: list[str], headline: str, tail: tuple[str, ...] = ()) -> str:
    """A page as a text browser dumps it: numbered links, bullets, wrapped paragraphs, a list of targets."""
    menu = "\n".join(f"  • [{k}]{n}" for k, n in enumerate(NAV, 1))
    paras = ["\n".join(textwrap.wrap(p, 72)) for p in BODY]
    refs = "\n".join(f"[{k}] https://example.com/{n.lower()}" for k, n in enumerate(NAV, 1))
    blocks = [menu, *top, headline, *paras, *tail, "[7]Privacy [8]Contact", "References:", refs]
    return "\n\n".join(blocks) + "\n"


def screen_plain(top: list[str], headline: str, under: tuple[str, ...] = ()) -> str:
    """The same page dumped without link numbers (``w3m -dump`` as most people run it): bullets, no numbers,
    no list of targets, paragraphs wrapped at 78 columns."""
    menu = "\n".join(f"  • {n}" for n in NAV)
    more = ("Shipping lines added two weekly calls in the spring, the harbour master told reporters on Monday, and"
            " more are planned for the autumn when the dredging of the outer channel is finished.",
            "Freight rates fell slightly over the quarter, which helped exporters of timber and paper products,"
            " while the rail link to the inland terminal carried a record number of containers.")
    paras = ["\n".join(textwrap.wrap(p, 78)) for p in (*BODY, *more)]
    blocks = [menu, *top, headline, *under, *paras, "  • Privacy\n  • Contact"]
    return "\n\n".join(blocks) + "\n"


def _headline_page(text: str) -> tuple[Page, list[Item], set[int], dict[str, int]]:
    """The page of ``text`` run up to the headline pass, its items, the headline candidates' indexes and each
    item's index by its visible text."""
    from pipeline.clean.blocks import segment_blocks
    from pipeline.clean.dialect import detect
    from pipeline.clean.features import make_item
    from pipeline.clean.passes import run_until
    from pipeline.clean.titles import headline_candidates

    dialect = detect(text)
    items = [make_item(s, 20, dialect) for s in segment_blocks(text, dialect)]
    page = run_until(items, RawDoc(doc_id="d", source="d.txt", text=text), CFG, dialect, "title_headline")
    found = {i for i, _ in headline_candidates(page, CFG.signal_rule("title_headline"))}
    return page, items, found, {it.vis: i for i, it in enumerate(items)}


def _clean(text: str) -> Article:
    return clean(RawDoc(doc_id="d", source="d.txt", text=text), CFG)


PAGES = {
    "nodes-site-suffix": (nodes(f"{HEADLINE} | Example Times", ["Latest news"], HEADLINE), "nodes", HEADLINE),
    "nodes-kicker": (nodes(f"{HEADLINE} - Example Times", ["Most read"], f"PORT BOOM\n{HEADLINE}"), "nodes", HEADLINE),
    "nodes-date-line": (nodes(f"{HEADLINE} : Example Times", [], f"Monday 3 June 2024 9:22 am\n {HEADLINE}"),
                        "nodes", HEADLINE),
    "nodes-byline": (nodes(f"{HEADLINE} | Example Times", [], f"{HEADLINE} \nBy Jane Doe, \nExample Times"),
                     "nodes", HEADLINE),
    "nodes-analysis-byline": (nodes(f"{HEADLINE} | Example Times", [HEADLINE], "Analysis by \nJane Doe\n, Example Times"),
                              "nodes", HEADLINE),
    "markdown-list-heading": (markdown(["## Most read", "[Rail strike ends after two weeks](https://example.com/rail)"],
                                       f"# {HEADLINE}"), "markdown", HEADLINE),
    "markdown-site-h1": (markdown(["# [Example Times](https://example.com/)"], f"## {HEADLINE}"), "markdown", HEADLINE),
    "markdown-standfirst": (markdown([], f"# {HEADLINE}", ()).replace(
        BODY[0], "Grain exports slumped while boxes piled up on the new quay, officials said.\n\n" + BODY[0]),
        "markdown", HEADLINE),
    "screen-browser-notice": (screen(["We've detected you are on Internet Explorer. For the best experience, please"
                                      " update to a modern browser."], HEADLINE), "terminal", HEADLINE),
    "screen-linked-label": (screen(["[9]Skip to main content", "[10]Advertisement"], HEADLINE), "terminal", HEADLINE),
    "screen-caption-over-credit": (screen([HEADLINE, "Dock workers unload grain at the north quay (stock image) (",
                                            "Image: Harbour Pictures)"], "Harbour cargo boom"), "terminal", HEADLINE),
    "screen-side-caption": (screen(["Jo Lee, left, talks with Sam Roe at the harbour office"], HEADLINE), "terminal",
                            HEADLINE),
    "screen-market-notice": (screen(["Quotes delayed at least 15 minutes. Market data provided by Example Data."],
                                    HEADLINE), "terminal", HEADLINE),
    "screen-wrapped-headline": (screen([], "Harbour cargo rises 12% in May as grain exports slump after a poor\n"
                                           "harvest in the south"), "terminal",
                                "Harbour cargo rises 12% in May as grain exports slump after a poor harvest in the south"),
    "screen-linked-breadcrumb": (screen([HEADLINE], "[9]Ports > [10]Cargo Trade > [11]Harbour Boards"),
                                 "terminal", HEADLINE),
    "markdown-linked-breadcrumb": (markdown([f"# {HEADLINE}"], "[Ports](https://example.com/ports) > "
                                            "[Cargo Trade](https://example.com/cargo) > "
                                            "[Harbour Boards](https://example.com/boards)"), "markdown", HEADLINE),
    "nodes-second-copy": (nodes(f"{HEADLINE} | Example Times", [], HEADLINE, tail=("Share this article", *BODY)),
                          "nodes", HEADLINE),
    # the site's name shown again over the article (a logo's text) is no headline, though the title line holds it
    "nodes-site-name-shown": (nodes(f"{HEADLINE} - Harbour Trade Weekly", ["Harbour Trade Weekly"],
                                    HEADLINE), "nodes", HEADLINE),
    "nodes-site-name-over-title": (nodes("Tide tables for the week | Harbour Trade Weekly | Ports", [],
                                         "Harbour Trade Weekly | Ports"), "nodes", "Tide tables for the week"),
    # a kicker glued before the headline on its line, the breadcrumb's last item giving the headline alone
    "screen-glued-kicker": (screen(["[9]Home / [10]Ports / " + HEADLINE], "Port trade " + HEADLINE), "terminal",
                            HEADLINE),
    # ... but the headline shown again higher up, wrapped elsewhere, is no breadcrumb giving its tail alone
    "nodes-headline-wrapped-twice": (nodes("Old crane retires | Example Times", ["An Ode to the Old Harbour\n"
                                           "              Crane as It Lifts Its Last Cargo"], "An Ode to the Old\n"
                                           "                    Harbour Crane as It Lifts Its Last Cargo"), "nodes",
                                     "An Ode to the Old Harbour Crane as It Lifts Its Last Cargo"),
    # ... but a kicker the headline sets apart with a colon is written into it
    "screen-colon-kicker": (screen(["[9]Home / [10]Ports / " + HEADLINE], "Port trade: " + HEADLINE), "terminal",
                            "Port trade: " + HEADLINE),
    # ... and so is an opening clause the headline closes with a comma
    "screen-comma-clause": (screen(["[9]Home / [10]Ports / " + HEADLINE], "For the third spring, " + HEADLINE),
                            "terminal", "For the third spring, " + HEADLINE),
    # ... and so is a quoted lead-in closed before its colon
    "screen-quoted-lead-in": (screen(["[9]Home / [10]Ports / " + HEADLINE], "'Best month yet': " + HEADLINE),
                              "terminal", "'Best month yet': " + HEADLINE),
    "nodes-quoted-lead-in": (nodes(f"{HEADLINE} | Example Times", [], f"“Best month yet”: {HEADLINE}"), "nodes",
                             f"“Best month yet”: {HEADLINE}"),
    # a long headline opening with a quotation set apart by a colon is no standfirst under a section label
    "screen-quoted-long-headline": (screen(["Ports & Harbours"], QUOTED_LONG), "terminal", QUOTED_LONG),
    # a search form over a short headline: a line with a text box is a form, not the headline
    "screen-search-form": (screen(["Search harbour news and port reports [9][                    ] [10][Search]"],
                                  "Cargo rises"), "terminal", "Cargo rises"),
    # the site's name first and as long as the headline: the headline is no site name
    "nodes-site-name-first": (nodes("Harbour Trade Weekly | Cargo rises again", [], "Cargo rises again"),
                              "nodes", "Cargo rises again"),
    # a screen dump shows a picture's text and the heading on one line: the headline once
    "screen-glued-copy": (screen([], HEADLINE + HEADLINE), "terminal", HEADLINE),
    # dumped without link numbers: rows of a quotes table, widget prompts, a caption with its credit label,
    # a share label holding the headline and a section label in capitals are no headlines
    "screen-plain-quote-rows": (screen_plain(["DJIA 27,875.62 +31.33 +0.11%\n\nHBR HARBOUR BOARD INC. 225.86 "
                                              "-12.99 -5.44%\n\nBrent crude $62.10 -0.84 -1.3%"], HEADLINE),
                                "terminal", HEADLINE),
    "screen-plain-widgets": (screen_plain(["Log in or sign up", "Site search"], HEADLINE), "terminal", HEADLINE),
    "screen-plain-caption-credit": (screen_plain([], HEADLINE, ("Cranes on the new quay at dawn.Credit...Jane "
                                                                "Doe/The Example Times",)), "terminal", HEADLINE),
    "screen-plain-share-label": (screen_plain([], HEADLINE, ("Share All sharing options for: " + HEADLINE,)),
                                 "terminal", HEADLINE),
    "screen-plain-section-label": (screen_plain(["GROWING YOUR PORT BUSINESS"], HEADLINE), "terminal", HEADLINE),
    # a markdown page's one level-1 heading with a kicker glued before the headline the breadcrumb gives alone
    "markdown-h1-glued-kicker": (markdown([CRUMBS + HEADLINE], f"# Port trade {HEADLINE}"), "markdown", HEADLINE),
    # ... also when the heading marks where its words may break (soft hyphens, kept in the title)
    "markdown-h1-glued-kicker-soft-hyphens": (markdown([CRUMBS + HEADLINE], f"# Port trade {SOFT}"), "markdown",
                                              SOFT),
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_made_up_page_gives_its_headline_and_article(name: str) -> None:
    text, dialect, title = PAGES[name]
    art = _clean(text)
    assert art.dialect == dialect
    assert art.title == title
    kept = art.text
    for para in BODY:  # every paragraph of the article once, and no menu entry
        assert " ".join(kept.split()).count(para) == 1
    assert not any(line.strip() in NAV for line in kept.splitlines())
    assert "Internet Explorer" not in kept and "Quotes delayed" not in kept


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


PLAN = """Three days of a training menu

Breakfast, day one: 2 eggs, 1 slice rye toast, 1 cup spinach, 1 tsp. butter, 1 orange, 1 cup black coffee.

Lunch, day one: 4 oz. grilled chicken, 1 cup brown rice, 1 cup broccoli, 1 Tbsp. olive oil, 1 apple.

Day two

Breakfast, day two: 2 eggs, 1 slice rye toast, 1 cup spinach, 1 tsp. butter, 1 orange, 1 cup black coffee.

Lunch, day two: 4 oz. grilled chicken, 1 cup brown rice, 1 cup broccoli, 1 Tbsp. olive oil, 1 apple."""


@pytest.mark.parametrize(("stop_share", "dropped"), [("0.25", 0), ("0.0", 2)])
def test_a_plan_repeating_its_item_lines_is_no_second_copy(tmp_path, stop_share: str, dropped: int) -> None:
    """Item lines with few stop words (a menu, a plan) repeat on purpose: only prose makes a second copy."""
    import shutil

    from pipeline.rules import rules_dir

    folder = tmp_path / "rules"
    shutil.copytree(rules_dir(), folder)
    toml = folder / "clutter.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("min_stop_share = 0.25", f"min_stop_share = {stop_share}"),
                    encoding="utf-8")
    art = clean(RawDoc("d1", "plan.txt", PLAN), load_clean_config(folder))
    assert sum(b.rule == "clutter.repeated_prose.v1" for b in art.dropped) == dropped


@pytest.mark.parametrize("name,crumb", [("screen-linked-breadcrumb", "Cargo Trade"),
                                        ("markdown-linked-breadcrumb", "Cargo Trade")])
def test_a_breadcrumb_of_links_is_a_breadcrumb_not_a_link_line(name: str, crumb: str) -> None:
    """A row of links joined by '>' is decided as a breadcrumb, which no headline pass may take back."""
    art = _clean(PAGES[name][0])
    rules = [b.rule for b in art.dropped if crumb in b.text]
    assert rules == ["nav.breadcrumb.v1"]
    assert "nav.breadcrumb.v1" not in CFG.flagged("title_may_override")


def test_a_screen_headline_in_a_table_cell_beside_a_menu_cell() -> None:
    """A text browser lays a table's cells side by side: the headline is the left column only."""
    cell = ("Harbour cargo rises 12% in May as grain         [12]Home\n"
            "exports slump after a poor harvest              [13]All news")
    art = _clean(screen([], cell))
    assert art.dialect == "terminal"
    assert art.title == "Harbour cargo rises 12% in May as grain exports slump after a poor harvest"


@pytest.mark.parametrize("text,want", [
    ("Harbour cargo rises 12% in May           Home\nas grain exports slump                   All news",
     "Harbour cargo rises 12% in May\nas grain exports slump"),
    ("Harbour cargo rises 12% in May as grain exports slump\nafter a poor harvest in the south", None),
    ("Harbour cargo rises      12% in May\nas grain exports slump after a poor harvest", None),  # no gutter in line 2
    ("Harbour cargo rises 12% in May           Home", None),  # one line
])
def test_left_column(text: str, want: str | None) -> None:
    assert left_column(text) == want


STANDFIRST = "The harbour board said cargo volumes rose 12% in May, the fastest growth since the new quay opened."


@pytest.mark.parametrize("between,headline", [
    ([], True),
    (["Monday 3 June 2024"], True),  # a date line between them
    (["[20]Rail strike ends after two weeks"], False),  # a link between them: no headline of this standfirst
])
def test_a_standfirst_gives_way_to_the_headline_over_it(between: list[str], headline: bool) -> None:
    from pipeline.clean.titles import _over_standfirst

    page, items, found, at = _headline_page(screen([], "\n\n".join([HEADLINE, *between, STANDFIRST])))
    got = _over_standfirst(page, at[STANDFIRST], found)
    assert items[got].vis == (HEADLINE if headline else STANDFIRST)
    assert _over_standfirst(page, at[HEADLINE], found) == at[HEADLINE]  # a headline stays


@pytest.mark.parametrize("page,listed,headline", [
    (screen_plain, f"  • {HEADLINE}", True),  # a headline set as a list item of its own, right over its standfirst
    (screen, f"  • {HEADLINE}", True),
    (screen, "  • [20]Rail strike ends after two weeks", False),  # a link of a list: no headline
    (screen_plain, f"  • {HEADLINE}\n  • Rail strike ends after two weeks", False),  # a list of two lines
    (screen_plain, "  • Search the site: [                    ] [Go]", False),  # a menu's search box: no headline
])
def test_a_headline_set_as_a_list_item_over_its_standfirst(page, listed: str, headline: bool) -> None:
    from pipeline.clean.titles import _over_standfirst

    page_, items, found, at = _headline_page(page([], "\n\n".join([listed, STANDFIRST])))
    got = _over_standfirst(page_, at[STANDFIRST], found)
    assert items[got].vis == (HEADLINE if headline else STANDFIRST)


#: A deck in sentence case without its full stop: 12 to 15 words (fewer than a run-on standfirst needs).
DECK = "The harbour board says cargo grew faster than at any time in years"


@pytest.mark.parametrize("between,headline", [
    ([], True),  # right under the headline: a deck
    (["Monday 3 June 2024"], False),  # a line between them: the line above may be a section label
])
def test_a_deck_right_under_the_headline_gives_way_to_it(between: list[str], headline: bool) -> None:
    assert _deck_under(HEADLINE, between, DECK) == (HEADLINE if headline else DECK)


def test_a_headline_in_two_parts_under_a_label_stays() -> None:
    """A sentence-case headline with a colon between its parts is no deck of the label over it."""
    long = "Harbour 2024: second crane fails in a week as the board orders checks"
    assert _deck_under("Harbour news in brief", [], long) == long


def test_a_long_headline_in_title_case_is_no_deck() -> None:
    """A headline in title case of more than 16 words is no deck of the headline-case teaser over it; the same
    words in sentence case are."""
    long = "A Harbour Board Report About Cargo Volumes Sparked A Debate In And Around The Old Port Town"
    teaser = "Harbour Board Names New Chief Executive"
    assert len(long.split()) > 16
    assert _deck_under(teaser, [], long) == long
    deck = long[0] + long[1:].lower()
    assert _deck_under(teaser, [], deck) == teaser


def _deck_under(headline: str, between: list[str], deck: str) -> str:
    """The block _over_standfirst picks for ``deck`` on a screen dump with ``headline`` and ``between`` over it."""
    from pipeline.clean.titles import _over_standfirst

    page, items, found, at = _headline_page(screen([], "\n\n".join([headline, *between, deck])))
    return items[_over_standfirst(page, at[deck], found)].vis


#: A question deck: the question a short question headline asks, put at length.
QUESTION_DECK = "Are the new harbour tolls fair to the fishing boats that use the quay every day?"


@pytest.mark.parametrize("headline,deck,gives_way", [
    ("Harbour tolls too high?", QUESTION_DECK, True),  # a short question headline over its question deck
    ("Harbour tolls rise for a third year", QUESTION_DECK, False),  # a statement over it: not this rule's
    ("Harbour tolls too high?", DECK, False),  # a deck that asks nothing
    ("Tolls?", QUESTION_DECK, False),  # one word: a label
    ("HARBOUR TOLLS: TOO HIGH?", QUESTION_DECK, False),  # a label in capitals
    ("[9]Harbour tolls too high?", QUESTION_DECK, False),  # a link to another story
])
def test_a_question_deck_gives_way_to_the_question_headline_over_it(headline: str, deck: str,
                                                                     gives_way: bool) -> None:
    from pipeline.clean.titles import _over_question_deck

    page, items, found, at = _headline_page(screen([], "\n\n".join([headline, deck])))
    got = _over_question_deck(page, at[deck], found)
    assert got == (at[deck] - 1 if gives_way else at[deck])
    assert _over_question_deck(page, at[deck] - 1, found) == at[deck] - 1  # the headline stays


@pytest.mark.parametrize("between,headline", [
    ([], True),
    (["Dec 29 11:29 AM", "[9]Ports", "By Jane Doe"], True),  # a date, a section link and a byline between
    (["[9]Rail strike ends after two weeks of talks"], False),  # a link to another story between
])
def test_a_label_in_capitals_gives_way_to_the_headline_under_it(between: list[str], headline: bool) -> None:
    from pipeline.clean.titles import _under_kicker

    label = "HARBOUR NOTES DAILY"
    page, items, found, at = _headline_page(screen([], "\n\n".join([label, *between, HEADLINE])))
    assert items[_under_kicker(page, at[label], found)].vis == (HEADLINE if headline else label)


@pytest.mark.parametrize("short,gives_way", [
    ("Harbour cargo volumes", True),  # its words open the article
    ("Print page", False),  # a label over the standfirst: the article does not repeat it
    ("HARBOUR CARGO VOLUMES", False),  # a kicker in capitals over a long headline
])
def test_a_standfirst_gives_way_to_a_short_headline_the_article_repeats(short: str, gives_way: bool) -> None:
    from pipeline.clean.blocks import segment_blocks
    from pipeline.clean.passes import run_until
    from pipeline.clean.titles import _over_standfirst, headline_candidates
    from pipeline.clean.dialect import detect
    from pipeline.clean.features import make_item

    text = screen([], "\n\n".join([short, STANDFIRST]))
    dialect = detect(text)
    items = [make_item(s, 20, dialect) for s in segment_blocks(text, dialect)]
    page = run_until(items, RawDoc(doc_id="d", source="d.txt", text=text), CFG, dialect, "title_headline")
    found = dict(headline_candidates(page, CFG.signal_rule("title_headline")))
    lead = {i: ev["lead_words"] for i, ev in found.items()}
    at = {it.vis: i for i, it in enumerate(items)}
    assert _over_standfirst(page, at[STANDFIRST], found, lead) == (at[short] if gives_way else at[STANDFIRST])
    assert _over_standfirst(page, at[STANDFIRST], found) == at[STANDFIRST]  # nothing known of the article


#: Teasers of other stories above the article: a linked headline and a one-sentence blurb each.
TEASERS = [x for k, (head, blurb) in enumerate([
    ("Rail strike ends after two weeks", "Drivers returned to work on Monday after the union accepted a pay offer of"
                                         " four per cent over two years, the operator said."),
    ("Bridge repairs to close the ring road", "The council said the eastern half of the ring road would be shut"
                                              " for six weekends from September while engineers replace joints."),
    ("Library reopens after flood damage", "Readers queued outside the central library on Saturday as it opened"
                                           " its doors again eight months after the river burst its banks."),
    ("Ferry fares to rise in the spring", "The island ferry company will raise fares by about nine per cent in"
                                          " April, blaming fuel prices and the cost of a new vessel."),
    ("New school opens on the old airfield", "Two hundred pupils started lessons this week at the first school"
                                             " built on the former airfield site, which will hold 3,000 homes."),
    ("Market hall gets a new roof", "Traders said business had picked up since scaffolding came down around the"
                                    " market hall, whose roof was replaced over the winter months."),
    ("Cycle lanes planned for the high street", "Planners want to narrow the high street to one lane each way"
                                                " and give the space to cyclists and wider pavements for shoppers."),
], 1) for x in (f"## [{head}](https://example.com/story-{k})", blurb)]


@pytest.mark.parametrize("heading,want", [
    (f"# {HEADLINE}", HEADLINE),  # the page's one h1 is its headline, wherever it sits
    ("# ![Example Times](https://example.com/logo.png)", None),  # a logo in the h1 is no headline
])
def test_the_sole_markdown_h1_is_the_headline(monkeypatch, heading: str, want: str | None) -> None:
    # the article taken to start at the first teaser: the h1 lies far below the blocks searched around it
    monkeypatch.setattr(titles, "_article_start", lambda page: 2)
    art = _clean(markdown(["## Best Of", *TEASERS], heading))
    if want is None:
        assert "Example Times" not in art.title
    else:
        assert art.title == want



#: Headlines of other stories, linked (their addresses spell them), in a run of alike lines right above the
#: article; the page's own headline sits higher up, over its byline.
RELATED = ["Dock workers vote on a new pay offer at three southern ports",
           "Grain prices climb for a third week as the harvest outlook dims",
           "Ferry timetable cut back for the winter after fuel costs rise"]
OWN = "Harbour cargo climbs to a record as new berth opens early"


def _slug(line: str) -> str:
    return "-".join(line.lower().split())


@pytest.mark.parametrize("byline", ["By Jane Doe", "By [30]Jane Doe | Example Times"])
def test_the_headline_over_the_byline_beats_a_list_of_related_headlines(byline: str) -> None:
    """Linked headlines of other stories nearer to the article than the page's headline are not its headline."""
    share = "\n".join(f"  • [{k}]{n}" for k, n in enumerate(["Facebook", "Twitter", "Email", "Copy"], 12))
    popular = "\n".join(f"[{k}] {k - 15} {h}" for k, h in enumerate(["Rail strike ends", "Snow closes passes"], 16))
    related = [f"[{k}]{h}" for k, h in enumerate(RELATED, 20)]
    paras = ["\n".join(textwrap.wrap(p, 72)) for p in BODY]
    refs = [f"[{k}] https://news.example/2024/06/03/{_slug(h)}/" for k, h in enumerate(RELATED, 20)]
    blocks = ["  • [1]Home\n  • [2]World\n  • [3]Business", "Share this:", share, OWN, byline, "Most Popular",
              popular, "June 3, 2024 | 9:22am", "[18]Enlarge Image", "Cranes at the new berth.", "More On:",
              "[19]ports", *related, *paras, "[40]Privacy [41]Contact", "References:", "\n".join(refs)]
    art = _clean("\n\n".join(blocks) + "\n")
    assert art.dialect == "terminal"
    assert art.title == OWN
    for para in BODY:
        assert " ".join(art.text.split()).count(para) == 1


def _headline_candidates(text: str) -> list[str]:
    """The visible text of the headline candidates of a plain page."""
    from pipeline.clean.blocks import segment_blocks
    from pipeline.clean.features import make_item

    doc = RawDoc(doc_id="c", source="c.txt", text=text)
    items = [make_item(s, 20, "plain") for s in segment_blocks(text, "plain")]
    page = passes.run_until(items, doc, CFG, "plain", "title_headline")
    return [items[i].vis for i, _ in titles.headline_candidates(page, CFG.signal_rule("title_headline"))]


def _over_headline(line: str) -> str:
    """A plain page with ``line`` between its menu and the headline 'Harbour tolls rise for the third year'."""
    return (f"Home | World | Business\n\n{line}\n\nHarbour tolls rise for the third year\n\n"
            "The harbour board raised its tolls by 4% on Monday, the third increase in as many years, it said.\n\n"
            "Shipping firms said the rise would add about 2 million pounds to their annual costs this year.\n")


@pytest.mark.parametrize("line", ["Jo Lee (left) and Sam Roe at the harbour office", "Harbour chief Jo Lee (centre) at the quay",
                                  "Harbour sign. Photo illustration by Sam Roe, Example Times",
                                  "Image: the new quay seen from the harbour wall",
                                  "Posted on Oktober 27, 2015 by Admin", "---- by Jane Doe",
                                  "\\---- by Sam Roe, harbour editor"])
def test_a_caption_or_posting_line_is_never_a_headline_candidate(line: str) -> None:
    text = _over_headline(line)
    heads = _headline_candidates(text)
    assert "Harbour tolls rise for the third year" in heads and line not in heads


@pytest.mark.parametrize("line", ["This website looks best in a modern browser and on phones",
                                  "Delivered to your inbox", "We would be happy to send you alerts when news breaks here",
                                  "Add Harbour Daily to Home Screen", "48 shares 1,204 likes", "Harbour / 3 hrs ago",
                                  "See what your friends have read on Harbour Local sites",
                                  "Want More Good Stories Like This One?", "1. Tap the share icon on your browser",
                                  "Join the Harbour's Conversation"])
def test_a_notice_of_the_site_to_the_reader_is_never_the_headline(line: str) -> None:
    text = _over_headline(line)
    heads = _headline_candidates(text)
    assert "Harbour tolls rise for the third year" in heads and line not in heads
    assert _clean(text).title == "Harbour tolls rise for the third year"


@pytest.mark.parametrize("caption,after", [
    ("Jo Lee has led the harbour board since 2019", "Image: Jo Lee has led the harbour board since 2019"),
    ("The new quay seen from the harbour wall at dawn", "Photo: The new quay seen from the harbour wall at dawn"),
])
def test_a_caption_shown_again_with_its_label_is_never_a_headline_candidate(caption: str, after: str) -> None:
    """A line whose words come again within two blocks after a caption label ('Image: ...') is the caption."""
    text = (f"Home | World | Business\n\nHarbour tolls rise for the third year\n\n{caption}\n\n{after}\n\n"
            "The harbour board raised its tolls by 4% on Monday, the third increase in as many years, it said.\n\n"
            "Shipping firms said the rise would add about 2 million pounds to their annual costs this year.\n")
    heads = _headline_candidates(text)
    assert "Harbour tolls rise for the third year" in heads and caption not in heads


@pytest.mark.parametrize("above,below,picture,credit", [
    ("[harbour-q]", "Sam Roe, Associated Press", 1.0, 1.0),
    ("![The quay](https://example.com/quay.jpg)", "(Sam Roe / Reuters)", 1.0, 1.0),
    ("[12]Cargo", "Shipping firms said the rise would add costs.", 0.0, 0.0),
])
def test_a_caption_under_a_picture_and_over_its_credit_is_told_by_its_neighbours(
        above: str, below: str, picture: float, credit: float) -> None:
    """Evidence of a caption: a picture alone in the block above (a markdown image, a screen dump's picture
    name, not a link number), a photographer and agency credit under it."""
    from pipeline.clean.blocks import segment_blocks
    from pipeline.clean.features import make_item

    caption = "Dock workers unload grain at the east quay"
    paras = "\n\n".join(BODY)
    text = f"Home | World | Business\n\nHarbour tolls rise for the third year\n\n{above}\n\n{caption}\n\n{below}\n\n{paras}\n"
    doc = RawDoc(doc_id="c", source="c.txt", text=text)
    items = [make_item(s, 20, "plain") for s in segment_blocks(text, "plain")]
    page = passes.run_until(items, doc, CFG, "plain", "title_headline")
    ev = {items[i].vis: e for i, e in titles.headline_candidates(page, CFG.signal_rule("title_headline"))}
    assert (ev[caption]["picture_above"], ev[caption]["credit_below"]) == (picture, credit)
    assert ev["Harbour tolls rise for the third year"]["credit_below"] == 0.0


def test_a_screen_caption_between_its_picture_and_credit_is_not_the_headline() -> None:
    """Under the headline and its date line, a lead picture's caption that shares words with the article."""
    caption = "Harbour board chairman Jo Lee at the new east quay"
    paras = ["\n".join(textwrap.wrap(p, 72)) for p in BODY]
    menu = "\n".join(f"  • [{k}]{n}" for k, n in enumerate(NAV, 1))
    refs = "\n".join(f"[{k}] https://example.com/{n.lower()}" for k, n in enumerate(NAV, 1))
    text = "\n\n".join([menu, HEADLINE, "Example Times wire services\nPublished 9:22 AM June 3, 2024\n[chairman-q]\n"
                        f"{caption}\nSam Roe, Associated Press", *paras, "[7]Privacy [8]Contact", "References:", refs])
    art = _clean(text + "\n")
    assert art.dialect == "terminal"
    assert art.title == HEADLINE
    assert "Associated Press" not in art.text


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
    assert titles.dated_line(text, CFG) == want


DATED_HEADLINE = "Storm hits coast"


@pytest.mark.parametrize("line,iso", [
    ("Published 3 March 2024", "2024-03-03"),
    ("Monday 3 June 2024 9:22 am", "2024-06-03T09:22:00"),
    ("03/06/2024 09:22", "2024-06-03T09:22:00"),
    ("June 3, 2024 - 11:28 AMT", "2024-06-03T11:28:00"),
])
@pytest.mark.parametrize("shape", ["nodes-under", "nodes-over", "nodes-no-title-line", "markdown", "screen"])
def test_a_headline_with_its_date_line_and_no_blank_line_between(shape: str, line: str, iso: str) -> None:
    """A short headline whose date line the dump put in the same line group: the headline is the title
    (without the date), the date line gives the release time, and the article is kept."""
    block = f"{line}\n {DATED_HEADLINE}" if shape == "nodes-over" else f"{DATED_HEADLINE} \n{line}"
    text = {"nodes-under": lambda: nodes(f"{DATED_HEADLINE} | Example Times", [], block),
            "nodes-over": lambda: nodes(f"{DATED_HEADLINE} | Example Times", [], block),
            "nodes-no-title-line": lambda: nodes("Example Times", [], block),
            "markdown": lambda: markdown([], block),
            "screen": lambda: screen([], block)}[shape]()
    art = _clean(text)
    assert (art.title, art.published) == (DATED_HEADLINE, iso)
    assert art.published_raw == line
    for para in BODY:
        assert " ".join(art.text.split()).count(para) == 1


def _evidence(text: str) -> dict[str, dict[str, float]]:
    """Headline evidence of the candidates of a page, by visible text."""
    from pipeline.clean.blocks import segment_blocks
    from pipeline.clean.dialect import detect
    from pipeline.clean.features import make_item

    dialect = detect(text)
    items = [make_item(s, 20, dialect) for s in segment_blocks(text, dialect)]
    page = passes.run_until(items, RawDoc(doc_id="e", source="e.txt", text=text), CFG, dialect, "title_headline")
    return {items[i].vis: ev for i, ev in titles.headline_candidates(page, CFG.signal_rule("title_headline"))}


DEK = "Officials credit a busier autumn and faster cranes for the jump"


@pytest.mark.parametrize("between,byline", [
    ([], 1.0),
    (["[31] New, [32] 15 comments"], 1.0),  # a comment count's links between headline and standfirst
    (["[31] Share", "[32] 15 comments"], 1.0),
    (["Tolls rise for the third year in a row"], 0.0),  # another headline between: the byline is not this one's
])
def test_a_byline_under_the_standfirst_is_the_headlines_across_link_lines(between: list[str], byline: float) -> None:
    text = screen([], "\n\n".join([HEADLINE, *between, DEK, "By [30]Jane Doe June 3, 2024"]))
    ev = _evidence(text)
    assert ev[HEADLINE]["byline_below"] == byline
    assert ev[DEK]["byline_below"] == 1.0


def test_story_cards_of_a_headline_over_its_date_are_no_headline() -> None:
    """Cards of other stories above the article, each a headline with its date on the next line: a list,
    not headlines with their date lines (a lone such block is one)."""
    cards = "\n\n".join(f"{h}\nJune 2, 2024" for h in RELATED)
    art = _clean(screen([cards], f"{OWN}\nJune 3, 2024"))
    assert (art.dialect, art.title, art.published) == ("terminal", OWN, "2024-06-03")


#: One-paragraph blurbs of the stories of :data:`RELATED`, as their cards give them.
BLURBS = ["The union said members would vote by the end of the month on the offer, which raises pay by 4%.",
          "Millers said bread prices would follow within weeks if the dry weather lasts into the summer.",
          "Two of the four evening crossings to the islands will stop from November until the spring."]


def _cards_over(kind: str, dated: str) -> str:
    """A page whose article (:data:`OWN` over its date line) sits under three cards of other stories, each a
    headline, the line ``dated`` and a one-paragraph blurb, in the dialect ``kind``."""
    if kind == "screen":
        cards = "\n\n".join(f"[{20 + k}]{h}\n{dated}\n\n" + "\n".join(textwrap.wrap(b, 72))
                             for k, (h, b) in enumerate(zip(RELATED, BLURBS)))
        return screen([cards], f"{OWN}\n\nJune 3, 2024")
    if kind == "markdown":
        cards = "\n\n".join(f"[{h}](https://news.example/{_slug(h)})\n\n{dated}\n\n{b}"
                             for h, b in zip(RELATED, BLURBS))
        return markdown([cards], f"{OWN}\n\nJune 3, 2024")
    cards = "\n\n\n\n".join(f"{h}\n\n\n\n{dated}\n\n\n\n{b}" for h, b in zip(RELATED, BLURBS))
    return nodes(f"{OWN} | Example Times", [cards], f"{OWN}\n\n\n\nJune 3, 2024")


@pytest.mark.parametrize("kind,dated", [
    ("screen", "June 2, 2024"), ("screen", "By Jo Lee | June 2, 2024"),
    ("markdown", "June 2, 2024"),
    ("nodes", "June 2, 2024"), ("nodes", "By Jo Lee | June 2, 2024"),
])
def test_story_cards_with_blurbs_over_the_article_are_not_its_start(kind: str, dated: str) -> None:
    """Cards of other stories (headline, date or dated byline, a one-paragraph blurb) in the densest run of prose
    over the article's own headline and date line: the article starts under that headline, which is the title,
    and the blurbs go."""
    art = _clean(_cards_over(kind, dated))
    text = " ".join(art.text.split())
    assert art.title == OWN
    assert all(para in text for para in BODY)
    assert not any(blurb in text for blurb in BLURBS)


def _undated_card(k: int, place: str) -> str:
    """A card of another story on a screen dump: a linked headline over a two-sentence blurb, no date."""
    blurb = (f"Councillors will vote next week on plans for the new {place}, which would cost about 40 million and open"
             f" in three years. Residents have until Friday to send their views on the plans to the council.")
    return f"[{20 + k}]Plans for the new {place} go to a vote\n\n" + "\n".join(textwrap.wrap(blurb, 72))


PLACES = ["ferry", "museum", "market", "school", "library", "bridge", "stadium", "theatre"]


def test_undated_cards_in_the_run_of_prose_give_way_to_the_headline_over_its_dated_line() -> None:
    """Cards of other stories without dates (a headline, a blurb of two sentences) open the densest run of prose
    far over the article's headline with its dated line: the article, which the block model is surer of, starts
    under that headline, which is the title, and the cards go."""
    cards = "\n\n".join(_undated_card(k, place) for k, place in enumerate(PLACES))
    art = _clean(screen([cards], f"{OWN}\n\nJune 3, 2024 at 9:45 am"))
    text = " ".join(art.text.split())
    assert (art.dialect, art.title, art.published) == ("terminal", OWN, "2024-06-03T09:45:00")
    assert all(para in text for para in BODY)
    assert not any(f"the new {place}" in text for place in PLACES)


def test_a_dated_card_under_the_article_does_not_move_its_start() -> None:
    """A card of another story with its date under the article (the prose the model is surest of over it) is no
    head of the article: the article keeps its headline and its text."""
    card = _undated_card(9, "park").replace("\n\n", "\nJune 2, 2024\n\n", 1)
    art = _clean(screen([], f"{OWN}\n\nJune 3, 2024 at 9:45 am", (card,)))
    text = " ".join(art.text.split())
    assert art.title == OWN
    assert all(para in text for para in BODY)


@pytest.mark.parametrize("below", [
    lambda k: f"By {['Jo Lee', 'Sam Roe', 'Ann Moss'][k]}",  # each card over its byline
    lambda k: f"June {k + 1}, 2024",  # ... or its date line
])
def test_story_cards_over_their_bylines_give_way_to_the_headline_over_the_standfirst(below) -> None:
    """A list of other stories' cards above the article, each a headline over its byline or date line with a link
    line between the cards: no card is the headline, though each has its byline; the line over the standfirst is."""
    cards = "\n\n".join(f"{h}\n\n{below(k)}\n\n  • [{20 + k}] [thumb]" for k, h in enumerate(RELATED))
    text = screen([cards], "\n\n".join([OWN, DEK + ", the harbour board said on Monday."]))
    ev = _evidence(text)
    assert all(ev[h]["card"] == 1.0 for h in RELATED if h in ev)
    assert ev[OWN]["card"] == 0.0
    assert _clean(text).title == OWN


@pytest.mark.parametrize("above, alike", [
    ("Credit Illustration by Kim Hale for the Harbour Post", 0.0),  # a picture's credit over the headline: no other headline
    ("Dock workers vote on a new pay offer", 1.0),  # another headline of a list
])
def test_a_pictures_credit_over_the_headline_is_no_neighbour_in_a_list(above: str, alike: float) -> None:
    text = screen([above], "\n\n".join([OWN, DEK + ", the harbour board said on Monday."]))
    assert _evidence(text)[OWN]["alike_above"] == alike


def test_a_headline_over_its_byline_with_one_label_over_a_date_near_is_no_card() -> None:
    """One other line over a date near the headline (a section label over the time stamp) makes no list of cards."""
    text = screen(["Harbour and shipping news\n\nPublished 22 hours ago"], f"{OWN}\n\nBy Jane Doe | Example Times")
    ev = _evidence(text)
    assert ev[OWN]["card"] == 0.0 and ev[OWN]["byline_below"] == 1.0
    assert _clean(text).title == OWN


@pytest.mark.parametrize("line,echoed", [
    ("Harbour cargo climbs to a record - Example Times", True),  # a title line
    ("Example Times | Ports | Harbour cargo climbs to a record", True),
    ("Share this story: Harbour cargo climbs to a record", True),  # a share label
    ("Harbour cargo climbs to a record image", True),  # a picture's label
    ("Harbour cargo climbs to a record as the new berth opens early in the spring", False),  # a longer headline
])
def test_a_line_echoes_a_headline_only_as_a_part_of_its_own(line: str, echoed: bool) -> None:
    """A short section heading that starts a longer headline ('How to retire early') takes no echo evidence
    from it; a title line, a share label or a picture's label repeating the headline gives it."""
    assert titles._echoed_in(line, titles._norm_title("Harbour cargo climbs to a record")) is echoed


QUESTION = "Did cargo through the harbour really double in a single year?"


@pytest.mark.parametrize("level", ["#", "##"])
def test_a_question_in_a_markdown_heading_at_the_start_of_the_article_is_the_headline(monkeypatch, level: str) -> None:
    """A fact check quotes the claim, then asks its question in a heading where the article starts: a heading
    ending in '?' (prose by its length) may be the headline; a question in a paragraph there may not."""
    top = ['"Cargo through the harbour doubled in a single year."', "— Jo Lee, harbour board chair, on Monday"]
    text = markdown(top, f"{level} {QUESTION}\n\nBy Jane Doe\n\nJune 3, 2024")
    # the article taken to start at the heading (block 9: logo, six menu items, the claim and its speaker above)
    monkeypatch.setattr(titles, "_article_start", lambda page: 9)
    assert _clean(text).title == QUESTION
    plain = markdown([f"# {HEADLINE}"], "Why does the new berth matter so much for the south of the country?")
    monkeypatch.setattr(titles, "_article_start", lambda page: 8)
    assert _clean(plain).title == HEADLINE


#: The account and local-weather widgets of a page header, and a date line without a year under the headline.
WIDGET = ["Customize Your Weather", "Enter City and State or Zip Code",
          "Your weather is set to Newark. You can change the location at any time.",
          "Change your current location »", "You are signed in as", "Edit Profile | Sign Out"]
STAMP = "Updated Jun 3, 9:41 AM; Posted Jun 2, 8:19 PM"


@pytest.mark.parametrize("dialect", ["nodes", "markdown", "terminal"])
def test_header_widgets_and_a_yearless_date_line_under_the_headline(dialect: str) -> None:
    """Widget prompts above the article are no headline; the date line without a year under the headline is
    kept as a date line (metadata), but gives no release date."""
    text = {"nodes": lambda: nodes(f"{HEADLINE} | Example Times", WIDGET, f"{HEADLINE}\n\n\n\n{STAMP}"),
            "markdown": lambda: markdown(WIDGET, f"{HEADLINE}\n\n{STAMP}"),
            "terminal": lambda: screen(WIDGET, f"{HEADLINE}\n\n{STAMP}")}[dialect]()
    art = _clean(text)
    assert art.dialect == dialect
    assert art.title == HEADLINE
    assert art.published == ""
    assert [b.kind for b in art.blocks if b.text.strip() == STAMP] == ["meta"]
    kept = " ".join(art.text.split())
    assert all(" ".join(p.split()) in kept for p in BODY)
    assert not any(w.split(".")[0] in kept for w in WIDGET)
    assert {b.rule for b in art.dropped if any(w[:12] in b.text for w in WIDGET)} == {"ui.account_widget.v1"}


#: A standfirst without its full stop under the headline, and the byline under the standfirst.
RUN_ON = "The harbour board said cargo volumes rose sharply in May as the new quay took ships from rival ports"


@pytest.mark.parametrize("dialect", ["markdown", "terminal"])
def test_a_standfirst_without_its_full_stop_gives_way_to_the_headline_over_it(dialect: str) -> None:
    top = f"{HEADLINE}\n\n" + "\n".join(textwrap.wrap(RUN_ON, 72)) + "\n\nBy Jane Doe, Harbour Reporter"
    text = markdown([], top) if dialect == "markdown" else screen([], top)
    art = _clean(text)
    assert art.dialect == dialect
    assert art.title == HEADLINE


def test_a_blog_name_in_the_level_1_heading_over_its_menus_is_no_headline() -> None:
    """A blog names itself in its one '# ' heading, over its menus; the story's headline is a lower heading
    (a link to the post) with its date line under it."""
    menu = "\n".join(f"  * [{n}](https://example.com/{n.lower()})" for n in NAV)
    text = "\n\n".join(["# The Harbour Watch Blog", "Notes from the quayside, every week", "### Categories", menu,
                        f"## [{HEADLINE}](https://example.com/2024/06/cargo)", "Posted by admin on June 3, 2024",
                        *BODY, "[Privacy](https://example.com/privacy) [Contact](https://example.com/contact)"]) + "\n"
    art = _clean(text)
    assert art.dialect == "markdown"
    assert art.title == HEADLINE
    assert art.published == "2024-06-03"
    # with no menu between them, the level-1 heading is the headline and the one under it a deck
    deck = "## Officials expect the second berth to lift capacity by a third"
    art = _clean(markdown([], f"# {HEADLINE}\n\n[Jane Doe](https://example.com/jd)\n\n{deck}\n\nJune 3, 2024"))
    assert art.title == HEADLINE


#: Teaser headlines and blurbs of a node page's menus, as a DOM's text nodes come out.
NODE_TEASERS = [x for k in range(0, len(TEASERS), 2) for x in (TEASERS[k].split("[")[1].split("]")[0], TEASERS[k + 1])]


@pytest.mark.parametrize("echo_in_list", [False, True])
def test_the_title_lines_headline_with_its_date_far_below_teasers_is_the_headline(monkeypatch, echo_in_list: bool) -> None:
    """Teasers with blurbs over the article (a menu of other stories) can start the densest prose: the line
    repeating the title line's headline with its date under it, and the article under that, is the headline
    wherever it stands; a copy of it in a list of dated cards (most read) is not."""
    monkeypatch.setattr(titles, "_article_start", lambda page: 3)  # the article taken to start at a teaser
    dated = [] if echo_in_list else [HEADLINE, "November 19, 2019 at 9:45 am", "By Jane Doe"]
    cards = [NODE_TEASERS[0], "November 18, 2019", HEADLINE, "November 19, 2019", NODE_TEASERS[2],
             "November 17, 2019"] if echo_in_list else []
    parts = [f"{HEADLINE} – Example Times", "Skip to main content", "Latest stories", *NODE_TEASERS, *dated,
             *BODY, *cards, "Privacy policy", "Contact us"]
    art = _clean("\n\n\n\n" + "\n\n\n\n".join(parts) + "\n")
    assert art.dialect == "nodes"
    assert art.title == HEADLINE  # from the title line, or from its echo
    kept = " ".join(art.text.split())
    assert all(p in kept for p in BODY)
    assert (NODE_TEASERS[1] in kept) == echo_in_list  # the teasers over the echo go with it
    assert (art.published == "2019-11-19T09:45:00") != echo_in_list


def test_a_question_headline_in_a_related_list_above_the_article_is_one_of_its_items() -> None:
    """A plain page: a related list (its label and headlines in one line group, one headline a question)
    stands above the headline, byline and date line; the list goes and the headline is the title."""
    page = "\n".join(NAV) + "\n\nRelated stories\nCouncil tax bills set to rise again next April\n" \
        "Why are bus fares going up in the north again this year?\nFive things to know about the new tram line\n\n" \
        f"{HEADLINE}\nBy Jane Doe, Business reporter\nUpdated Nov 19, 9:41 AM\n\n" + "\n\n".join(BODY) + "\n"
    art = _clean(page)
    assert art.title == HEADLINE
    kept = " ".join(art.text.split())
    assert "bus fares" not in kept and "Council tax" not in kept and "tram line" not in kept
    assert all(kept.count(para) == 1 for para in BODY)


#: A caption under a story, the kind of line a title pass can take for the page's title.
CAPTION = "Cranes unload grain at the new quay"
#: One more paragraph: the article runs to more words than a title's cut-off asks for.
MORE = ("Shipping lines have asked the board to extend opening hours at the quay, and the board said it would"
        " decide on the request before the end of the summer season.")


@pytest.mark.parametrize("teasers,kept", [
    (False, True),  # the article's paragraphs in one run above the caption: they stay
    (True, False),  # teaser blurbs, each under its own headline, above a title: they go
])
def test_prose_above_a_title_taken_too_low_is_the_article(teasers: bool, kept: bool) -> None:
    """The blocks above the title go, unless a run of prose paragraphs above it is longer than all the prose
    under it: then the title was taken below the article (a caption), and the article stays."""
    from pipeline.clean.blocks import segment_blocks
    from pipeline.clean.zones import before_title_pass
    from pipeline.clean.passes import run_until
    from pipeline.clean.dialect import detect
    from pipeline.clean.features import make_item

    story = (*BODY, MORE)
    above = [x for k, p in enumerate(story) for x in (f"Harbour story number {k + 1} of the week", p)] if teasers \
        else [HEADLINE, *story]
    under = ["Share this story"] if not teasers else list(BODY) + ["The quay handled a record load in June."]
    text = screen([*above, CAPTION], under[0], tuple(under[1:]))
    dialect = detect(text)
    items = [make_item(s, 20, dialect) for s in segment_blocks(text, dialect)]
    rule = CFG.signal_rule("before_title")
    page = run_until(items, RawDoc(doc_id="d", source="d.txt", text=text), CFG, dialect, "before_title")
    page.title = next(i for i, it in enumerate(items) if it.vis == CAPTION)
    before_title_pass(page, rule)
    paras = [it for it in items[:page.title] if it.vis.replace("\n", " ") in story]
    assert len(paras) == len(story)
    assert all((it.rule != rule.id) == kept for it in paras)


def test_a_headline_link_with_a_wrapped_title_after_its_target_is_the_headline() -> None:
    """A post's headline is a link to the post whose target carries a title ('[...](url "Permanent link to
    ...")'), wrapped over lines as a markdown writer wraps them: it reads as the link's words, so the headline
    is taken over a subheading further down the article."""
    menu = "\n".join(f"  * [{n}](https://example.com/{n.lower()})" for n in NAV)
    link = (f"## [{HEADLINE}](https://example.com/2024/06/harbour-cargo-\nrises-12-in-may \"Permanent Link to"
            f" Harbour cargo rises\n12% in May\")")
    text = "\n\n".join([menu, link, "June 3, 2024 at 08:45 AM", BODY[0], "## Grain shipments fall by a fifth",
                        *BODY[1:], "[Privacy](https://example.com/privacy) [Contact](https://example.com/contact)"])
    art = _clean(text + "\n")
    assert art.dialect == "markdown"
    assert art.title == HEADLINE
    assert "Permanent" not in art.text and "https" not in art.title


@pytest.mark.parametrize("line, caption", [
    ("Rep. Jo Lee, left, talks with Rep. Sam Roe at the harbour office", True),
    ("Jo Lee, second from right, and Sam Roe open the quay", True),
    ("Mayor Ann Roe, center, speaks to dock workers on Monday", True),
    ("Dock workers unload grain at the north quay (stock image)", True),
    ("Left, right and centre unite on harbour plan", False),
    ("Stock image rules tighten for harbour photographers", False),
    ("Harbour board turns right, left and back on fees", False),
])
def test_a_caption_naming_who_stands_where_is_no_headline(line: str, caption: bool) -> None:
    assert titles.not_headline(CFG.signal_rule("title_headline"), line) is caption


@pytest.mark.parametrize("line", ["Skip to main content", "Advertisement", "Jump to main content"])
def test_an_interface_label_is_never_the_headline_even_as_a_link(line: str) -> None:
    # no headline shown: the linked label is the only title-like line over the article
    page = screen([], f"[9]{line}")
    art = clean(RawDoc(doc_id="t", source="t.txt", text=page), CFG)
    assert art.title != line
    assert line not in art.text


def screen_page(blocks: list[str]) -> "Page":
    """A screen-dump page of ``blocks`` (one blank line between them) with each block's features measured,
    before any pass has run."""
    from pipeline.clean.blocks import segment_blocks
    from pipeline.clean.pagestate import Page
    from pipeline.clean.dialect import TERMINAL
    from pipeline.clean.features import make_item

    text = "\n\n".join(blocks)
    items = [make_item(b, 20, TERMINAL) for b in segment_blocks(text, TERMINAL)]
    return Page(items, RawDoc(doc_id="t", source="t.txt", text=text), CFG, dialect=TERMINAL)


@pytest.mark.parametrize("line, lead", [
    (QUOTED_LONG, True),
    ("“Not the end of the old quay”: harbour board adds two berths as cargo rises 12% in May", True),
    ("Harbour board adds two berths as cargo rises 12% in May, officials said on Monday", False),
    ("'The quay is full,' the harbour master said as cargo rose 12% in May and berths filled", False),
])
def test_a_headline_opening_with_a_quotation_set_apart_by_a_colon(line: str, lead: bool) -> None:
    assert bool(titles._QUOTED_LEAD.match(line)) is lead


@pytest.mark.parametrize("headline, gives_way", [
    ("'Best month yet': harbour cargo rises 12% in May", True),
    ("Harbour cargo rises - and the quay fills up", True),
    ("Harbour cargo rises again as grain exports slump in the south", False),
])
def test_a_deck_gives_way_to_a_headline_in_parts_right_above_it(headline: str, gives_way: bool) -> None:
    deck = "Beyond the record month, officials say the port is barely keeping up with demand"
    assert titles._over_standfirst(screen_page([headline, deck, *BODY]), 1, {0, 1}) == (0 if gives_way else 1)


@pytest.mark.parametrize("headline, gives_way", [
    ("Harbour Board Adds Two Berths as Cargo Rises", True),
    ("PORT BOOM | Harbour cargo rises 12% in May", True),
    ("Harbour news | cargo rises again as grain exports slump", False),
])
def test_a_deck_gives_way_to_a_title_cased_or_labelled_headline_right_above_it(headline: str, gives_way: bool) -> None:
    """A deck in sentence case under a headline in headline case, or under one that opens with a label in
    capitals set apart by a bar, gives way to it; a line with a section name before a bar does not take it."""
    deck = "Officials say the port is barely keeping up with demand from shippers in the south"
    assert titles._over_standfirst(screen_page([headline, deck, *BODY]), 1, {0, 1}) == (0 if gives_way else 1)


@pytest.mark.parametrize("line, glued", [
    ("NewsSportBusinessWeatherGoing OutHomes & GardensOpinion", True),
    ("HomeWorldBusinessSport", True),
    ("McDonald's opens iPhone store", False),
    ("YouTube and PlayStation deal", False),
])
def test_menu_labels_glued_together_are_no_headline(line: str, glued: bool) -> None:
    assert titles._glued_menu(line) is glued


def test_a_glued_menu_over_a_long_headline_does_not_take_its_place(monkeypatch) -> None:
    """A screen dump without links shows the menu's labels glued on one line over a long headline in sentence
    case: the headline stays the title (the glued line is no shorter headline over a deck)."""
    page = screen_plain(["NewsSportBusinessWeatherGoing OutHomes & GardensOpinion"], RUN_ON)
    assert _clean(page).title == RUN_ON
    monkeypatch.setattr(titles, "GLUED_MENU_JOINS", 99)
    assert _clean(page).title != RUN_ON


#: Lines over a headline that are no headline: a byline with the writer's job, a line naming the site's owner,
#: a picture's caption with its credit after a bar.
@pytest.mark.parametrize("line, rule", [
    ("Jane Doe Deputy Content Hub Director\n08:39, 06 Jan 2026", "meta.staff_byline.v1"),
    ("A division of Example Institute", "footer.owner_line.v1"),
    ("Should she win, the mayor will succeed another harbour socialist. | Jane Roe/PA Images via Getty Images",
     "media.caption_credit_label.v1"),
])
def test_a_job_byline_owner_line_or_credited_caption_is_not_the_headline(line: str, rule: str) -> None:
    art = _clean(screen_plain([line], HEADLINE))
    assert art.title == HEADLINE
    assert [b.rule for b in art.dropped + art.blocks if b.text.strip() == line.strip()] == [rule]


def _candidates(text: str) -> set[str]:
    """The visible text of the headline candidates of a page."""
    from pipeline.clean.blocks import segment_blocks
    from pipeline.clean.dialect import detect
    from pipeline.clean.features import make_item
    from pipeline.clean.passes import run_until

    dialect = detect(text)
    items = [make_item(s, 20, dialect) for s in segment_blocks(text, dialect)]
    page = run_until(items, RawDoc(doc_id="d", source="d.txt", text=text), CFG, dialect, "title_headline")
    return {items[i].vis for i, _ in titles.headline_candidates(page, CFG.signal_rule("title_headline"))}


PROMPT = "Sign up for breaking news, reviews and the best harbour deals, and more."
POLL = "Do you expect the harbour to open a third berth before the end of next year?"


@pytest.mark.parametrize("top, prompt", [
    ([PROMPT, "[12][ ] [13][ ]"], PROMPT),  # a sign-up prompt over its e-mail box
    ([POLL, "( ) Yes, before the summer\n( ) No, not before 2027"], POLL),  # a poll's question over its answers
])
def test_a_forms_prompt_is_no_headline_candidate(top: list[str], prompt: str) -> None:
    found = _candidates(screen(top, HEADLINE))
    assert prompt not in found
    assert HEADLINE in found


def test_a_menu_row_with_a_search_box_under_the_headline_leaves_it_a_candidate() -> None:
    text = screen([], f"{HEADLINE}\n\n[9]Follow Us [10]Search Keyword: [ ] [11]Go")
    assert HEADLINE in _candidates(text)


@pytest.mark.parametrize("bullet", ["☆", "○", "■"])
def test_an_item_of_a_nested_screen_list_is_no_headline_candidate(bullet: str) -> None:
    item = "Home and garden buying guides"
    found = _candidates(screen([f"  • [12]Home\n    □ [13]Garden\n      {bullet} [14]{item}"], HEADLINE))
    assert HEADLINE in found
    assert not any(item in x for x in found)


def test_a_forms_prompt_on_a_page_of_node_lines_is_no_headline_candidate() -> None:
    prompt = "Receive updates by email from the Harbour Times\n[                    ] SUBMIT"
    found = _candidates(nodes(f"{HEADLINE} | Harbour Times", [prompt], HEADLINE))
    assert not any("Receive updates" in x for x in found)
    assert HEADLINE in found


@pytest.mark.parametrize("line, caption", [
    ("Harbour board chair Ann Roe at the quay on Monday. File photo of the north berth", True),
    ("A file photograph shows dock workers unloading grain at the north quay", True),
    ("Archive pictures of the old harbour go on show in the town museum", False),
    ("Dock workers walk past the harbour office in Portsmouth May 13, 2014. REUTERS/Jane Roe/Files", True),
    ("Harbour master Jo Lee speaks on Monday. (AP Photo/Sam Roe)", True),
    ("Reuters/Ipsos poll finds harbour fees unpopular", False),
    # a caption's sentence closed before its agency credit in brackets; a headline closes with no full stop
    ("Crowds fill the quay for the tall ships. (The Associated Press)", True),
    ("You are what you eat. (Reuters)", True),
    ("Harbour fees rise again (Reuters)", False),
])
def test_a_caption_calling_its_picture_a_file_photo_is_no_headline(line: str, caption: bool) -> None:
    assert titles.not_headline(CFG.signal_rule("title_headline"), line) is caption


@pytest.mark.parametrize("line, caption", [
    ("Credit: Jane Roe for the Harbour Times", True),  # a picture's credit line
    ("Credit Illustration by Sam Lee", True),
    ("Credit Photograph by Jo Moss / Harbour Post", True),
    ("This image may contain Boat Vessel and Harbour", True),  # alt text a site writes by machine
    ("Image may contain: 2 people, dock and sea", True),
    ("Credit card fees rise for harbour traders", False),  # a headline about credit
    ("Credit & Debt", False),
    ("This image of the old quay may be the oldest one", False),
])
def test_a_pictures_credit_or_machine_alt_text_is_no_headline(line: str, caption: bool) -> None:
    assert titles.not_headline(CFG.signal_rule("title_headline"), line) is caption


NOTICE = "This site works best in modern web browsers and with scripts turned on"
TITLE_CASED = "Harbour Board Adds Two Berths as Cargo Rises"


def test_what_the_site_says_about_itself_over_the_headline_is_no_other_headline() -> None:
    """A site notice right over the headline is no neighbour in a list of headlines; another headline is."""
    from pipeline.clean.blocks import segment_blocks
    from pipeline.clean.dialect import TERMINAL
    from pipeline.clean.features import make_item
    from pipeline.clean.passes import run_until

    for above, alike in ((NOTICE, False), ("Rail Strike Ends After Two Weeks of Talks", True)):
        text = "\n\n".join([above, TITLE_CASED, *BODY])
        items = [make_item(b, 20, TERMINAL) for b in segment_blocks(text, TERMINAL)]
        run_until(items, RawDoc(doc_id="t", source="t.txt", text=text), CFG, TERMINAL, "title_headline")
        assert titles._alike(items[1], items[0], CFG) is alike


def test_a_site_name_shown_twice_glued_over_its_notice_does_not_beat_the_headline() -> None:
    """A logo's text and link glued into one line, shown at the top of the page again and again, counts its
    words once (a short label), and the site's notice over the headline is no list of headlines."""
    logo = "Harbour InsiderHarbour Insider"
    page = screen_plain([logo, logo, logo, NOTICE], TITLE_CASED)
    assert _clean(page).title == TITLE_CASED
    logos = [ev for line, ev in _evidence(page).items() if "Insider" in line]
    assert logos and all(ev["few_words"] == 1.0 for ev in logos)



@pytest.mark.parametrize("line", [
    "Updated [hour]:[minute] [AMPM] [timezone], [monthFull] [day], [year]",
    "[14]More ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ An account already exists for this address, please log in.",
])
def test_an_unfilled_date_template_or_a_label_over_a_rule_line_is_never_the_headline(line: str) -> None:
    art = _clean(screen(["[9]Harbour Times", line], "By Jane Doe"))
    assert art.title != line.split("━")[0] and "[hour]" not in art.title and "━" not in art.title
    assert line not in art.text


@pytest.mark.parametrize("between, start", [("━" * 40, 2), ("[1807171037]", 1)])
def test_the_article_starts_after_a_rule_line_left_under_a_sign_up_box(between: str, start: int) -> None:
    """Blocks a rule dropped open the densest run of prose (a sign-up box) and a rule line stands under them:
    the article starts at the first prose block after them with a letter or digit, so the headline further
    down stays within reach; a picture's name there (a video carousel) may start it."""
    page = screen_page(["Thanks for subscribing!", between, *BODY])
    items = page.items
    items[0].kind, items[0].rule = "clutter", "ui.sign_up_notice.v1"
    page.scores, page.run = [0.0] * len(items), (0, len(items))
    assert titles._article_start(page) == start


def test_a_pictures_name_alone_over_the_article_is_never_the_short_title() -> None:
    """On a page dumped as plain lines, the longest line over the first prose is the title, but a picture's
    name in brackets never is."""
    page = "\n\n".join(["[c6a172]", "Harbour news", *BODY]) + "\n"
    assert _clean(page).title == "Harbour news"
    assert _clean("\n\n".join(["[c6a172]", *BODY]) + "\n").title != "[c6a172]"


def node_page(blocks: list[str]) -> "Page":
    """A page of node lines of ``blocks`` (blank lines between them) with each block's features measured."""
    from pipeline.clean.blocks import segment_blocks
    from pipeline.clean.pagestate import Page
    from pipeline.clean.dialect import NODES
    from pipeline.clean.features import make_item

    text = "\n\n\n\n".join(blocks)
    items = [make_item(b, 20, NODES) for b in segment_blocks(text, NODES)]
    return Page(items, RawDoc(doc_id="t", source="t.txt", text=text), CFG, dialect=NODES)


@pytest.mark.parametrize("shown, margin, takes_over", [
    # the page's headline words the title line's story otherwise, even as an exclamation
    ("Take a tour of the old harbour crane before it is sold at auction!", 1.0, True),
    ("Old harbour crane goes under the hammer after 60 years on the quay", 1.0, True),
    # ... but not when its evidence weighs far less, nor as another story or a sentence of the article
    ("Old harbour crane goes under the hammer after 60 years on the quay", 3.0, False),
    ("Rail strike ends after two weeks of talks in the north", 1.0, False),
    ("The old harbour crane will be sold at auction on Monday, the board said.", 1.0, False),
])
def test_a_headline_the_page_shows_takes_over_from_its_title_line(shown: str, margin: float, takes_over: bool) -> None:
    page = node_page(["Old harbour crane to be sold at auction | Example Times", "Home", shown, *BODY])
    i = next(k for k, it in enumerate(page.items) if it.vis.startswith(shown[:20]))
    assert titles._shown_over_title_line(page, {0: 5.0, i: 5.0 - margin}) == (i if takes_over else 0)


@pytest.mark.parametrize("line,teaser", [
    ("Your guide to living by the sea", True),
    ("What you need to know about: the new harbour tolls", True),
    ("Everything you need to know", True),
    ("Here's what you missed at the harbour this week", True),
    ("You won't believe what the tide left behind...", True),
    # a headline may address the reader as a question or a how-to, or not at all
    ("Can you still take the ferry to the island?", False),
    ("How to keep your boat safe in a storm", False),
    ("What the new harbour tolls mean for fishermen", False),
    ("Harbour cargo rises 12% in May", False),
])
def test_a_tagline_or_teaser_addressed_to_the_reader(line: str, teaser: bool) -> None:
    rule = CFG.signal_rule("title_headline")
    assert titles.reader_teaser(rule, line) is teaser


@pytest.mark.parametrize("line,you,teaser", [
    ("Your guide to living by the sea", 0.0, 1.0),
    ("Ferry fares: what you need to know before you sail", 0.0, 1.0),
    ("Can you still take the ferry to the island?", 1.0, 0.0),
    ("Ferry fares rise again this summer", 0.0, 0.0),
])
def test_words_addressed_to_the_reader_weigh_apart_in_a_tagline_or_teaser(line: str, you: float, teaser: float) -> None:
    ev = _evidence(screen([line], HEADLINE))[line]
    assert (ev["you"], ev["you_teaser"]) == (you, teaser)


@pytest.mark.parametrize("deck, gives_way", [
    ("The big question: can you still afford the ferry to the island?", True),
    ("Ferry fares: what you need to know before you book your summer crossing", True),
    # a line in parts not addressed to the reader may be the headline itself
    ("Ferry fares: island families say the board has priced them out this year", False),
])
def test_a_teaser_deck_addressed_to_the_reader_gives_way_to_the_headline_right_above_it(deck: str,
                                                                                       gives_way: bool) -> None:
    """A deck that addresses the reader ('The big question: can you ...?') is a deck even when a colon sets its
    lead-in apart, as a headline's parts are: it gives way to the title-cased headline right above it."""
    headline = "Harbour Board Raises Ferry Fares for the Summer"
    assert titles._over_standfirst(screen_page([headline, deck, *BODY]), 1, {0, 1}) == (0 if gives_way else 1)


@pytest.mark.parametrize("line,stop", [
    ("Harbour Board Weighs New Tolls for Ships From the U.S.", False),  # a headline ending with an abbreviation
    ("Ferry Line Sold to Example Holdings Inc.", False),
    ("The harbour board sold the ferry line to a buyer from the U.S.", True),  # a sentence ends there too
    ("Harbour cargo rose 12% in May.", True),
    ("Harbour Cargo Rises 12% in May", False),
])
def test_an_abbreviation_ending_a_headline_is_no_full_stop(line: str, stop: bool) -> None:
    assert titles._full_stop(line) is stop


#: A deck restating the headline over it: the same opening words, a third of the headline's longer words again.
RESTATED = "Harbour cargo grew faster in May than at any time since the new quay opened"


@pytest.mark.parametrize("above,deck,gives_way", [
    (HEADLINE, RESTATED, True),  # a deck restating the headline right above it
    ("Harbour cargo figures for every port in the region this spring", RESTATED, False),  # the same opening, little else
    ("Rail strike ends after two weeks", RESTATED, False),  # another story's headline
    ("Harbour cargo grew faster in May than at any time", RESTATED, False),  # the same line shown again, cut short
    ("[9]Harbour cargo rises 12% in May", RESTATED, False),  # a link to another story
    (HEADLINE, "Harbour Cargo Grew Faster in May Than at Any Time Since the Quay Opened", False),  # headline case
])
def test_a_deck_restating_the_headline_gives_way_to_it(above: str, deck: str, gives_way: bool) -> None:
    from pipeline.clean.titles import _over_restated_deck

    page, items, found, at = _headline_page(screen([], "\n\n".join([above, deck])))
    assert _over_restated_deck(page, at[deck], found) == (at[deck] - 1 if gives_way else at[deck])


@pytest.mark.parametrize(("byline", "moved"), [("By Jane Doe - Jan 9, 2017 at 10:05AM", True),
                                               ("By Jane Doe", False)])
def test_the_article_starts_under_a_headline_and_dated_byline_inside_the_densest_run(byline: str,
                                                                                     moved: bool) -> None:
    """When the densest run of prose took in text over the article's headline (a site's blurb the block model
    leaves out), a headline over a dated byline further into the run moves the start of the article to the
    first prose the model keeps, under them; an undated byline does not."""
    blurb = ("Founded in 2003 by two sisters, the Harbour Post helps readers in the port towns of the coast follow"
             " their money, with news, guides and columns.")
    text = screen_plain(["Who Runs the Harbour Post?", "Our purpose: smarter, happier readers",
                         "\n".join(textwrap.wrap(blurb, 78))], HEADLINE, (byline,))
    page, items, _, _ = _headline_page(text)
    blurb_at, lead_at = (next(i for i, it in enumerate(items) if it.vis.startswith(p[:40])) for p in (blurb, BODY[0]))
    page.scores = [0.9 if i >= lead_at and items[i].prose else 0.2 for i in range(len(items))]
    page.run = (blurb_at, len(items) - 1)
    assert titles._article_start(page) == (lead_at if moved else blurb_at)


def test_a_screen_dumps_headline_with_its_deck_on_one_line_is_the_title_without_it() -> None:
    """A browser lays a title-cased headline and the deck inside its heading side by side and wraps them as one
    line: the title is the headline, the block holding both is kept."""
    head = "Harbour Board Weighs New Fees for Night Calls"
    deck = "A plan to charge ships by the hour of their stay at the quay"
    both = textwrap.fill(f"{head} {deck}", 78)
    assert "\n" in both
    art = _clean(screen_plain([], both, ("By Jane Doe",)))
    assert art.dialect == "terminal"
    assert art.title == head
    assert any("charge ships by the" in b.text for b in art.blocks)


@pytest.mark.parametrize("line, furniture", [
    ("Jane Roe | 29. Mai 202330. Mai 2023 | Hafen", True),  # published and updated dates printed glued
    ("Posted March 3, 2019March 5, 2019 by admin", True),
    ("Harbour fees rise for the 2023 season", False),
    ("Start / Wirtschaft / Hafen / Hafengebühren steigen zum dritten Mal", True),  # a breadcrumb over the page
    ("Home ›› Northern Ports ›› Harbour fees rise", True),
    ("Ships – Ports – Freight", True),  # a tagline of one-word items
    ("Cargo – Freight Rail – Ports – Jobs", True),  # a menu of four short items
    ("Office 2024 – Harbour – part two", False),  # a headline in three short parts
    ("Harbour fees rise - what it means for ferries", False),
    ("Cargo / Ferries: harbour board doubles night tolls", False),
    ("Art, Food and Drink, Harbour Life, Sailing, Travel", True),  # categories in alphabetical order
    ("Boats Cargo Docks Ferries Harbour Ships Tugs", True),  # a tag list in alphabetical order
    ("Harbour Board Adds Two Berths as Cargo Rises", False),  # a headline in title case
    ("Ferries, tugs, barges and yachts crowd the harbour", False),
    ("1950 1970 1990 2010 2030", True),  # a chart's scale
    ("M T W T F S S", True),  # a calendar's weekdays
    ("2024 in 10 charts", False),
    ("Tugs at the north quay Tugs at the north quay", True),  # a picture's text and title side by side
    ("Talk Talk", False),
    ("Ship to shore, shore to ship", False),
])
def test_a_menu_breadcrumb_tag_list_or_glued_date_line_is_page_furniture(line: str, furniture: bool) -> None:
    assert titles.furniture_line(line) is furniture


@pytest.mark.parametrize("top", [
    ["Art, Food and Drink, Harbour Life, Sailing, Travel"],  # a blog's categories, links unseen
    ["Boats Cargo Docks Ferries Harbour Ships Tugs"],
    ["Jane Roe | 29. Mai 202330. Mai 2023 | Hafen"],
])
def test_page_furniture_over_a_screen_dumps_headline_is_no_candidate(top: list[str]) -> None:
    found = _candidates(screen_plain(top, HEADLINE, ("By Jane Doe",)))
    assert top[0] not in found
    assert HEADLINE in found


@pytest.mark.parametrize("crumbs, want", [
    ([" 1. Home", " 2. Ports"], HEADLINE),  # a breadcrumb as a numbered list, the headline its last item
    ([" 1. Home"], "3. " + HEADLINE),  # a number that does not follow the item above is part of the headline
])
def test_the_number_of_a_numbered_breadcrumbs_last_item_is_no_part_of_the_headline(crumbs: list[str],
                                                                                    want: str) -> None:
    art = _clean(screen_plain(["\n".join(crumbs + [f" 3. {HEADLINE}"])], "", ("By Jane Doe",)))
    assert art.title == want


@pytest.mark.parametrize("line, posting", [
    ("Veröffentlicht von Jana Muster", True),
    ("Veröffentlicht am 3. Mai 2024 von Admin", True),
    ("Abgelegt unter Hafen, Schiffe", True),
    ("Publié le 3 mai 2024 par Admin", True),
    ("Publicado por Ana Ruiz", True),
    ("Filed under Ports, Shipping", True),
    ("Erschienen im Hafen-Newsletter 12/2024", True),
    ("Veröffentlichte Zahlen zeigen mehr Fracht im Hafen", False),
    ("Filed complaints against the harbour board double", False),
])
def test_a_posting_line_in_any_language_is_no_headline(line: str, posting: bool) -> None:
    assert titles.not_headline(CFG.signal_rule("title_headline"), line) is posting


@pytest.mark.parametrize("line, label", [
    ("Menü Hafenverband Nord Vorstand", True),  # a menu toggle's label before the site's name
    ("Navigation Harbour Board of the North", True),
    ("Ouvrir le menu Radio du Port", True),
    ("Facebook Icon Twitter Icon E-Mail Icon", True),  # icon labels
    ("Created with Sketch.Created with Sketch.", True),  # a drawing program's mark in a picture's title
    ("Фото из архива порта", True),  # 'Photo from the port's archive'
    ("Foto von Jana Muster", True),
    ("Jana Muster (l.) und Max Roe im Hafen", True),  # a caption naming who stands where, in German
    ("Artikel von Jana Muster", True),  # a byline in German without 'Von' first
    ("Text von Max Roe, Fotos von Jana Muster", True),
    ("Artikel von Alexa von Heyden", True),
    ("Text von Goethe neu entdeckt", False),  # a headline: words go on after the name
    ("Texte vom Hafen: eine Lesung", False),
    ("Menus get pricier at harbour cafes", False),
    ("Navigation rules change for the outer channel", False),
    ("Photo finish decides the harbour regatta", False),
])
def test_an_interface_label_or_caption_in_other_words_is_no_headline(line: str, label: bool) -> None:
    assert titles.not_headline(CFG.signal_rule("title_headline"), line) is label


@pytest.mark.parametrize("caption", [
    "Tugs at the north quay at dawn© Jo Lee / Example Stock",  # a picture's copyright mark
    "Tugs at the north quay at dawn Shutterstock / Jo Lee",
    "Schlepper am Nordkai (Foto: picture alliance/dpa)",
])
def test_a_caption_with_its_pictures_credit_is_no_candidate(caption: str) -> None:
    found = _candidates(screen_plain([caption], HEADLINE, ("By Jane Doe",)))
    assert caption not in found
    assert HEADLINE in found


def test_a_pictures_credited_copy_of_the_headline_leaves_the_headline_a_candidate() -> None:
    """A picture whose text is the headline, credited under the headline, is no sign the headline is a caption."""
    found = _candidates(screen_plain([], HEADLINE, ("By Jane Doe", f"{HEADLINE}© Jo Lee / Example Stock")))
    assert HEADLINE in found


def test_a_breadcrumb_over_its_date_line_shows_the_kicker_glued_before_the_headline() -> None:
    """A screen dump without links: the breadcrumb's last item (the headline alone) ends its own line over the
    date line in one block, so the words before the headline below are a kicker glued to it."""
    head = "Harbour liens: what buyers and sellers should know"
    crumb = f"home / HarbourStream / {head}\nHarbourStream - 21. Januar 2022"
    page, items, found, at = _headline_page(screen_plain([crumb], f"Avoid losses {head}", ("By Jane Doe",)))
    assert at[f"Avoid losses {head}"] in found
    assert not any(items[i].vis.startswith("home /") for i in found)  # the breadcrumb is no candidate
    assert titles.glued_kicker(page, at[f"Avoid losses {head}"]) == 2


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
    assert titles.strip_site(line) == head


@pytest.mark.parametrize("site", ["Harbour Post", "The Harbour Post. HARBOURPOST.COM"])
def test_the_title_line_printed_again_over_the_article_names_the_site_as_it_does(site: str) -> None:
    """A node page printing its title line again over the article (the copy is the headline candidate) gives
    the headline without the site's name, as the title line itself would."""
    line = f"{HEADLINE} – {site}"
    art = _clean(nodes(line, [], line))
    assert art.title == HEADLINE


@pytest.mark.parametrize("line", [f"PORT BOOM | {HEADLINE}", f"The harbour report (2024) – {HEADLINE}",
                                  "Harbour Press Coverage – August 2013", "Can harbour seals feel the cold / suffer?"])
def test_a_copy_of_the_title_line_keeps_a_part_before_the_headline(line: str) -> None:
    """A part set apart before the headline (a label in capitals, the headline's first part) or a date after it
    is the headline's own, not the site's name."""
    assert _clean(nodes(line, [], line)).title == line


@pytest.mark.parametrize(("top", "title"), [
    (["Harbour report:"], f"Harbour report: {HEADLINE}"),
    (["Before & After:"], f"Before & After: {HEADLINE}"),
    (["Tanz in der alten Lokremise", ":"], f"Tanz in der alten Lokremise: {HEADLINE}"),
    # no lead-in: one word, a byline, a date, a line addressed to the reader, no colon, a sentence
    (["Ports:"], HEADLINE),
    (["By Jane Doe:"], HEADLINE),
    (["Updated 3 June 2024:"], HEADLINE),
    (["What you need to know:"], HEADLINE),
    (["Harbour report"], HEADLINE),
    (["The board met on Monday. It said:"], HEADLINE),
    (["All sharing options for:"], HEADLINE),
])
def test_a_lead_in_printed_on_its_own_line_over_the_headline_opens_the_title(top: list[str], title: str) -> None:
    """A lead-in of the headline that a dump sets on its own line right over it, its colon closing it (or on a
    line of its own), is part of the title, in every dialect."""
    assert _clean(nodes(f"{HEADLINE} | Example Times", top, HEADLINE)).title == title
    assert _clean(screen(top, HEADLINE)).title == title


FULL_HEADLINE = "Harbour Board Raises Night Fees As Cargo Traffic Keeps Growing"


@pytest.mark.parametrize(("short", "full", "shortened"), [
    ("Harbour Board Night Fees", FULL_HEADLINE, True),  # the headline's words, fewer of them
    ("Night Fees: The Harbour Board's Plan", "The Harbour Board's Plan for Night Fees Explained", True),  # reordered
    ("Traffic Keeps Growing", FULL_HEADLINE, False),  # the headline's end: a kicker before it, left to that rule
    ("Harbour Board Raises Night Fees", FULL_HEADLINE, False),  # its start: a title line's site name after it
    ("Harbour Board Names New Chair", FULL_HEADLINE, False),  # another story of the same board
    ("5 Harbour Fees Explained", "HomeNewsPorts5 Harbour Fees Explained for Ferry Owners", False),  # a glued crumb
    ("Night", FULL_HEADLINE, False),  # one word
    (FULL_HEADLINE, "Harbour Fees", False),  # longer than the line above
])
def test_a_headline_shortened_is_told_by_its_words(short: str, full: str, shortened: bool) -> None:
    from pipeline.clean.titles import _shortened

    assert _shortened(short, full) is shortened


@pytest.mark.parametrize(("between", "short", "gives_way"), [
    ([], "Harbour Board Night Fees", True),  # right under the headline
    (["Jane Doe", "[4]facebook [5]twitter [6]email"], "Harbour Board Night Fees", True),  # past a name and share links
    ([], "Harbour Board Names New Chair", False),  # another story
    (["The board met on Monday and heard from the ferry companies, who asked for a delay of a year."],
     "Harbour Board Night Fees", False),  # prose between: not the headline's copy
])
def test_a_shortened_headline_under_the_headline_gives_way_to_it(between: list[str], short: str,
                                                                  gives_way: bool) -> None:
    """A screen dump prints a second, shorter heading or a caption in the headline's words under the headline
    (past its author and share links): the title is the fuller headline above."""
    from pipeline.clean.titles import _under_fuller_headline

    page, items, found, at = _headline_page(screen([], "\n\n".join([FULL_HEADLINE, *between, short])))
    assert _under_fuller_headline(page, at[short], found) == (at[FULL_HEADLINE] if gives_way else at[short])


@pytest.mark.parametrize("between", [[], ["Monday 3 June 2024", "[4]facebook [5]twitter"], ["Jane Doe"]])
@pytest.mark.parametrize("dump", [screen, screen_plain])
def test_a_screen_dumps_shortened_headline_over_the_byline_leaves_the_title_to_the_headline(between: list[str],
                                                                                           dump: Callable) -> None:
    full = "Harbour Cargo Rises in May as Grain Ships Stay Away"
    art = _clean(dump([], "\n\n".join([full, *between, "Harbour Grain Cargo Rises", "By Jane Doe"])))
    assert art.dialect == "terminal"
    assert art.title == full


RECORD_BODY = """{top}Ferry Fares To Rise Next Month

The harbour board voted on Tuesday to raise the quay fees that ferry operators pay by 12 percent, the first rise in
six years, after a long debate in the council chamber.

Operators said they would pass the cost on to passengers from June. The board said the money would go to repairs of
the old pier and the breakwater."""


@pytest.mark.parametrize("top", ["", "Harbour Life\n\n"])
@pytest.mark.parametrize(("given", "block"), [
    ("Harbour board raises quay fees by 12 percent", None),  # the record's own title, not shown in its body
    ("Ferry Fares To Rise Next Month", "Ferry Fares To Rise Next Month"),  # shown: that line is the title block
    ("", "Ferry Fares To Rise Next Month"),  # no title given: the body's headline
])
def test_a_records_own_title_wins_over_a_title_shaped_first_line(top: str, given: str, block: str | None) -> None:
    """A JSONL record's ``title`` field is the document's title even when its body opens with a line of title
    shape (another headline, a section label); a body line showing that title is the title block."""
    import json

    from pipeline.ingest.records import record_doc

    record = {"title": given, "text": RECORD_BODY.format(top=top)}
    doc = record_doc(record, "f.jsonl#1", json.dumps(record).encode(), "jsonl", {})
    art = clean(doc, CFG)
    assert art.title == (given or block)
    assert [b.text for b in art.blocks if b.kind == "title"] == ([block] if block else [])
    assert any(b.text.startswith("The harbour board voted") for b in art.body)


@pytest.mark.parametrize("line", [
    "New York CNN —", "WASHINGTON (CNN) --",  # wire datelines
    "Sign in to your Harbour Post account or", "Read the full story and",  # a line running on into the next
    "Menu Sections logo https://www.harbourpost.example/ports/",  # a web address printed as text
])
def test_a_line_no_headline_is_shaped_so_is_furniture(line: str) -> None:
    assert titles.furniture_line(line)


@pytest.mark.parametrize("line", [
    HEADLINE, "Cargo rises - and the quay fills up", "Why ferries need vitamin A", "MOSCOW — Putin Warns West",
    "PORT ELLIS — The Harbour Post",  # a byline's place and outlet: left to the weights
    "Rock and Roll", "Harbour fees rise -- and then?", "Ports - Harbour Post",
])
def test_a_headline_is_no_furniture(line: str) -> None:
    assert not titles.furniture_line(line)


@pytest.mark.parametrize("dump", [screen, screen_plain])
@pytest.mark.parametrize("above", ["New York CNN —", "WASHINGTON (CNN) --", "Sign in to your account or"])
def test_a_dateline_or_run_on_line_over_the_article_is_no_candidate(dump: Callable, above: str) -> None:
    """A wire dateline on its line over the lead, or a widget's line running on into a link under it, is no
    headline candidate; the headline above stays one and is the title."""
    text = dump([], "\n\n".join([HEADLINE, "By Jane Doe", above]))
    page, items, found, at = _headline_page(text)
    assert at[above] not in found and at[HEADLINE] in found
    assert _clean(text).title == HEADLINE


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
])
def test_a_name_over_its_outlet_under_the_headline_is_no_part_of_it(block: str, want: str) -> None:
    assert headline_text(block, CFG) == want
