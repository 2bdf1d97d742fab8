"""A standfirst, deck, label in capitals or shortened copy chosen over the headline gives way to it."""
from __future__ import annotations

import pytest

from pipeline.clean import decks

from titlepages import BODY, HEADLINE, QUOTED_LONG, STANDFIRST, headline_page, screen, screen_page, screen_plain


@pytest.mark.parametrize("between,headline", [
    ([], True),
    (["Monday 3 June 2024"], True),  # a date line between them
    (["[20]Rail strike ends after two weeks"], False),  # a link between them: no headline of this standfirst
])
def test_a_standfirst_gives_way_to_the_headline_over_it(between: list[str], headline: bool) -> None:
    from pipeline.clean.decks import over_standfirst

    page, items, found, at = headline_page(screen([], "\n\n".join([HEADLINE, *between, STANDFIRST])))
    got = over_standfirst(page, at[STANDFIRST], found)
    assert items[got].vis == (HEADLINE if headline else STANDFIRST)
    assert over_standfirst(page, at[HEADLINE], found) == at[HEADLINE]  # a headline stays


@pytest.mark.parametrize("page,listed,headline", [
    (screen_plain, f"  • {HEADLINE}", True),  # a headline set as a list item of its own, right over its standfirst
    (screen, f"  • {HEADLINE}", True),
    (screen, "  • [20]Rail strike ends after two weeks", False),  # a link of a list: no headline
    (screen_plain, f"  • {HEADLINE}\n  • Rail strike ends after two weeks", False),  # a list of two lines
    (screen_plain, "  • Search the site: [                    ] [Go]", False),  # a menu's search box: no headline
])
def test_a_headline_set_as_a_list_item_over_its_standfirst(page, listed: str, headline: bool) -> None:
    from pipeline.clean.decks import over_standfirst

    page_, items, found, at = headline_page(page([], "\n\n".join([listed, STANDFIRST])))
    got = over_standfirst(page_, at[STANDFIRST], found)
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


#: A headline of more than half its deck's words, and the deck (no full stop, no break between parts) under it.
CLOSED_HEAD = "Harbour cargo rises at the fastest pace in years"
CLOSED_DECK = "The board says grain and container traffic both grew in May despite the rail strike"


@pytest.mark.parametrize("top, under, headline", [
    ([], ["By Jane Doe"], True),  # headline, deck, byline: the deck closes the article's head
    ([], ["Monday 3 June 2024"], True),  # ... or its date line
    (["Harbour Journal"], ["By Jane Doe | 3 June 2024"], True),
    ([], [], False),  # nothing closes the head under the deck: the line over it may be another story's headline
    (["Ferry fares to rise by a tenth from next month"], ["By Jane Doe"], False),  # a list of headlines over it
])
def test_a_deck_closing_the_head_gives_way_to_the_headline_right_above_it(top: list[str], under: list[str],
                                                                          headline: bool) -> None:
    """A deck right over the article's date or byline line gives way to the headline-shaped line right above it,
    however near their lengths are (a screen dump without links shows no other mark of the headline); not when
    that line reads as one of a list of headlines, nor without such a line under the deck."""
    from pipeline.clean.decks import over_standfirst

    for dump in (screen, screen_plain):
        page, items, found, at = headline_page(dump(top, "\n\n".join([CLOSED_HEAD, CLOSED_DECK, *under])))
        got = items[over_standfirst(page, at[CLOSED_DECK], found)].vis
        assert got == (CLOSED_HEAD if headline else CLOSED_DECK), dump.__name__


def _deck_under(headline: str, between: list[str], deck: str) -> str:
    """The block over_standfirst picks for ``deck`` on a screen dump with ``headline`` and ``between`` over it."""
    from pipeline.clean.decks import over_standfirst

    page, items, found, at = headline_page(screen([], "\n\n".join([headline, *between, deck])))
    return items[over_standfirst(page, at[deck], found)].vis


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
    from pipeline.clean.decks import over_question_deck

    page, items, found, at = headline_page(screen([], "\n\n".join([headline, deck])))
    got = over_question_deck(page, at[deck], found)
    assert got == (at[deck] - 1 if gives_way else at[deck])
    assert over_question_deck(page, at[deck] - 1, found) == at[deck] - 1  # the headline stays


@pytest.mark.parametrize("between,headline", [
    ([], True),
    (["Dec 29 11:29 AM", "[9]Ports", "By Jane Doe"], True),  # a date, a section link and a byline between
    (["[9]Rail strike ends after two weeks of talks"], False),  # a link to another story between
])
def test_a_label_in_capitals_gives_way_to_the_headline_under_it(between: list[str], headline: bool) -> None:
    from pipeline.clean.decks import under_kicker

    label = "HARBOUR NOTES DAILY"
    page, items, found, at = headline_page(screen([], "\n\n".join([label, *between, HEADLINE])))
    assert items[under_kicker(page, at[label], found)].vis == (HEADLINE if headline else label)


@pytest.mark.parametrize("line, lead", [
    (QUOTED_LONG, True),
    ("“Not the end of the old quay”: harbour board adds two berths as cargo rises 12% in May", True),
    ("Harbour board adds two berths as cargo rises 12% in May, officials said on Monday", False),
    ("'The quay is full,' the harbour master said as cargo rose 12% in May and berths filled", False),
])
def test_a_headline_opening_with_a_quotation_set_apart_by_a_colon(line: str, lead: bool) -> None:
    assert bool(decks._QUOTED_LEAD.match(line)) is lead


@pytest.mark.parametrize("headline, gives_way", [
    ("'Best month yet': harbour cargo rises 12% in May", True),
    ("Harbour cargo rises - and the quay fills up", True),
    ("Harbour cargo rises again as grain exports slump in the south", False),
])
def test_a_deck_gives_way_to_a_headline_in_parts_right_above_it(headline: str, gives_way: bool) -> None:
    deck = "Beyond the record month, officials say the port is barely keeping up with demand"
    assert decks.over_standfirst(screen_page([headline, deck, *BODY]), 1, {0, 1}) == (0 if gives_way else 1)


@pytest.mark.parametrize("headline, gives_way", [
    ("Harbour Board Adds Two Berths as Cargo Rises", True),
    ("PORT BOOM | Harbour cargo rises 12% in May", True),
    ("Harbour news | cargo rises again as grain exports slump", False),
])
def test_a_deck_gives_way_to_a_title_cased_or_labelled_headline_right_above_it(headline: str, gives_way: bool) -> None:
    """A deck in sentence case under a headline in headline case, or under one that opens with a label in
    capitals set apart by a bar, gives way to it; a line with a section name before a bar does not take it."""
    deck = "Officials say the port is barely keeping up with demand from shippers in the south"
    assert decks.over_standfirst(screen_page([headline, deck, *BODY]), 1, {0, 1}) == (0 if gives_way else 1)


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
    assert decks.over_standfirst(screen_page([headline, deck, *BODY]), 1, {0, 1}) == (0 if gives_way else 1)


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
    from pipeline.clean.decks import over_restated_deck

    page, items, found, at = headline_page(screen([], "\n\n".join([above, deck])))
    assert over_restated_deck(page, at[deck], found) == (at[deck] - 1 if gives_way else at[deck])


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
    from pipeline.clean.decks import _shortened

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
    from pipeline.clean.decks import under_fuller_headline

    page, items, found, at = headline_page(screen([], "\n\n".join([FULL_HEADLINE, *between, short])))
    assert under_fuller_headline(page, at[short], found) == (at[FULL_HEADLINE] if gives_way else at[short])
