"""Headline candidates of small made-up pages and the evidence about each: captions, credits, forms, notices,
cards of other stories and reader teasers are no candidates or weigh against one."""
from __future__ import annotations

import textwrap

import pytest

from pipeline.clean import headline_evidence, passes
from pipeline.types import RawDoc

from titlepages import BODY, CFG, HEADLINE, OWN, RELATED, clean_text, nodes, screen, screen_page, screen_plain


def _headline_candidates(text: str) -> list[str]:
    """The visible text of the headline candidates of a plain page."""
    from pipeline.clean.blocks import segment_blocks
    from pipeline.clean.features import make_item

    doc = RawDoc(doc_id="c", source="c.txt", text=text)
    items = [make_item(s, 20, "plain") for s in segment_blocks(text, "plain")]
    page = passes.run_until(items, doc, CFG, "plain", "title_headline")
    return [items[i].vis for i, _ in headline_evidence.headline_candidates(page, CFG.signal_rule("title_headline"))]


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
    assert clean_text(text).title == "Harbour tolls rise for the third year"


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
    ev = {items[i].vis: e for i, e in headline_evidence.headline_candidates(page, CFG.signal_rule("title_headline"))}
    assert (ev[caption]["picture_above"], ev[caption]["credit_below"]) == (picture, credit)
    assert ev["Harbour tolls rise for the third year"]["credit_below"] == 0.0


def _evidence(text: str) -> dict[str, dict[str, float]]:
    """Headline evidence of the candidates of a page, by visible text."""
    from pipeline.clean.blocks import segment_blocks
    from pipeline.clean.dialect import detect
    from pipeline.clean.features import make_item

    dialect = detect(text)
    items = [make_item(s, 20, dialect) for s in segment_blocks(text, dialect)]
    page = passes.run_until(items, RawDoc(doc_id="e", source="e.txt", text=text), CFG, dialect, "title_headline")
    return {items[i].vis: ev for i, ev in headline_evidence.headline_candidates(page, CFG.signal_rule("title_headline"))}


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
    assert clean_text(text).title == OWN


@pytest.mark.parametrize("above, alike", [
    (["Credit Illustration by Kim Hale for the Harbour Post"], 0.0),  # a picture's credit over the headline: no other headline
    (["Grain prices climb for a third week", "Dock workers vote on a new pay offer"], 1.0),  # other headlines of a list
    (["Dock workers vote on a new pay offer"], 1.0),  # one line of its shape, no byline under the headline
])
def test_a_pictures_credit_over_the_headline_is_no_neighbour_in_a_list(above: list[str], alike: float) -> None:
    text = screen(above, "\n\n".join([OWN, DEK + ", the harbour board said on Monday."]))
    assert _evidence(text)[OWN]["alike_above"] == alike


@pytest.mark.parametrize("label, title", [
    ("Tech More: Shipping Freight Rates Ports Longform", False),  # a section and its tags in the headline's shape
    ("Free Article Join Over 1 Million Members And Get More Harbour Guidance", True),  # a promotion
    ("Food, Drink and Travel Section News", False),  # a section's name
])
def test_a_lone_line_of_the_headlines_shape_over_it_makes_no_list(label: str, title: bool) -> None:
    """Other stories' headlines come in runs of alike lines; one line of a headline's shape over the headline (a
    kicker or tag line, a promotion, a section's name) is no list: nothing weighs against the headline over its
    byline for it (over a promotion with the byline two lines down, the headline is then the title)."""
    own = "Why Harbour Firms Are Betting on eSports As Grain's Next Big Thing"
    text = screen_plain([label], own, ("By Jane Doe - Jan 9, 2024 at 10:05AM",))
    assert _evidence(text)[own]["alike_above"] == 0.0
    if title:
        assert clean_text(text).title == own


def test_a_category_line_over_the_date_under_the_headline_gives_way_to_it() -> None:
    """A line of fewer than 6 words over the date under a headline of its shape is a section or category line, no
    headline of its own: it still weighs as the lower of two alike lines."""
    own, line = "From adversity to advocacy: the harbour pilot's journey", "In Local News, News"
    text = screen_plain([], own, (line, "May 23, 2025"))
    assert _evidence(text)[line]["alike_above"] == 1.0
    assert clean_text(text).title == own


@pytest.mark.parametrize("deck, byline", [
    ("The Harbour Post: While tolls rise again, the grain trade looks elsewhere", ()),  # no byline under it
    ("The harbour master explained the story behind the minor delay at the quay", ("By Jane Doe | Jan 9, 2024",)),
])
def test_a_deck_of_the_headlines_shape_under_it_still_gives_way_to_it(deck: str, byline: tuple[str, ...]) -> None:
    """A headline over a deck of its shape with no date or byline under the deck, or a deck in sentence case over
    them: the deck still weighs as the lower of two alike lines, and the headline over it is the title."""
    text = screen_plain([], OWN, (deck, *byline))
    assert _evidence(text)[deck]["alike_above"] == 1.0
    assert clean_text(text).title == OWN


def test_a_headline_over_its_byline_with_one_label_over_a_date_near_is_no_card() -> None:
    """One other line over a date near the headline (a section label over the time stamp) makes no list of cards."""
    text = screen(["Harbour and shipping news\n\nPublished 22 hours ago"], f"{OWN}\n\nBy Jane Doe | Example Times")
    ev = _evidence(text)
    assert ev[OWN]["card"] == 0.0 and ev[OWN]["byline_below"] == 1.0
    assert clean_text(text).title == OWN


def _candidates(text: str) -> set[str]:
    """The visible text of the headline candidates of a page."""
    from pipeline.clean.blocks import segment_blocks
    from pipeline.clean.dialect import detect
    from pipeline.clean.features import make_item
    from pipeline.clean.passes import run_until

    dialect = detect(text)
    items = [make_item(s, 20, dialect) for s in segment_blocks(text, dialect)]
    page = run_until(items, RawDoc(doc_id="d", source="d.txt", text=text), CFG, dialect, "title_headline")
    return {items[i].vis for i, _ in headline_evidence.headline_candidates(page, CFG.signal_rule("title_headline"))}


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
        assert headline_evidence.alike_headlines(items[1], items[0], CFG) is alike


def test_a_site_name_shown_twice_glued_over_its_notice_does_not_beat_the_headline() -> None:
    """A logo's text and link glued into one line, shown at the top of the page again and again, counts its
    words once (a short label), and the site's notice over the headline is no list of headlines."""
    logo = "Harbour InsiderHarbour Insider"
    page = screen_plain([logo, logo, logo, NOTICE], TITLE_CASED)
    assert clean_text(page).title == TITLE_CASED
    logos = [ev for line, ev in _evidence(page).items() if "Insider" in line]
    assert logos and all(ev["few_words"] == 1.0 for ev in logos)


@pytest.mark.parametrize("line,you,teaser", [
    ("Your guide to living by the sea", 0.0, 1.0),
    ("Ferry fares: what you need to know before you sail", 0.0, 1.0),
    ("Can you still take the ferry to the island?", 1.0, 0.0),
    ("Ferry fares rise again this summer", 0.0, 0.0),
])
def test_words_addressed_to_the_reader_weigh_apart_in_a_tagline_or_teaser(line: str, you: float, teaser: float) -> None:
    ev = _evidence(screen([line], HEADLINE))[line]
    assert (ev["you"], ev["you_teaser"]) == (you, teaser)


@pytest.mark.parametrize("line,stop", [
    ("Harbour Board Weighs New Tolls for Ships From the U.S.", False),  # a headline ending with an abbreviation
    ("Ferry Line Sold to Example Holdings Inc.", False),
    ("The harbour board sold the ferry line to a buyer from the U.S.", True),  # a sentence ends there too
    ("Harbour cargo rose 12% in May.", True),
    ("Harbour Cargo Rises 12% in May", False),
])
def test_an_abbreviation_ending_a_headline_is_no_full_stop(line: str, stop: bool) -> None:
    assert headline_evidence._full_stop(line) is stop


@pytest.mark.parametrize("top", [
    ["Art, Food and Drink, Harbour Life, Sailing, Travel"],  # a blog's categories, links unseen
    ["Boats Cargo Docks Ferries Harbour Ships Tugs"],
    ["Jane Roe | 29. Mai 202330. Mai 2023 | Hafen"],
])
def test_page_furniture_over_a_screen_dumps_headline_is_no_candidate(top: list[str]) -> None:
    found = _candidates(screen_plain(top, HEADLINE, ("By Jane Doe",)))
    assert top[0] not in found
    assert HEADLINE in found


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


#: A gallery of other stories a screen dump sets under a bullet, its headline indented under it and wrapped.
GALLERY = ("  •  \n    Harbour photos of the week: tugs, ferries and the grain ships waiting out\n"
           "    the storm off the north quay")


def test_a_line_indented_under_a_bullet_past_the_articles_column_is_indented() -> None:
    centred = "Harbour cargo rises 12% in May as grain ships stay away"
    pad = (79 - len(centred)) // 2
    page = screen_page([GALLERY, " " * pad + centred, OWN, *BODY])
    items = {it.vis.split("\n")[0].strip()[:20]: it for it in page.items}
    column = headline_evidence.article_column(page, 3)
    assert column == 0
    text = page.doc.text
    assert headline_evidence.indented(text, items["Harbour photos of th"], column)
    assert not headline_evidence.indented(text, items[centred[:20]], column)  # a centred page's headline
    assert not headline_evidence.indented(text, items[OWN[:20]], column)
    # an article laid out in an indented cell: its own column
    assert not headline_evidence.indented(text, items["Harbour photos of th"], 4)


def test_another_storys_headline_indented_over_the_byline_gives_way_to_the_headline_at_the_articles_margin() -> None:
    """A gallery's headline a screen dump sets under a bullet between the headline's date line and the byline
    (the byline under it weighs for it, and won without the indent) is indented past the article's column: the
    headline at the margin wins."""
    text = screen_plain([], OWN, ("April 21, 2020 at 5:52 pm", GALLERY, "By Jo Lee"))
    assert clean_text(text).title == OWN


def test_the_articles_column_is_where_most_of_its_lines_start() -> None:
    """A table row holding the article's first lines and a sidebar's text, printed from a no-break space, does not
    move the article's column off the one its paragraphs keep."""
    cell = " " * 19
    row = (f"\u00a0{cell[1:]}The harbour board said cargo volumes rose 12% in May from a year earlier,"
           f"{' ' * 8}Subscribe\n{cell}the fastest growth since the new quay opened in 2019 and the busiest month")
    paras = ["\n".join(cell + x for x in textwrap.wrap(p, 60)) for p in BODY]
    page = screen_page([f"{cell}{OWN}", row, *paras])
    assert headline_evidence.article_column(page, 1) == 19
    assert not headline_evidence.indented(page.doc.text, page.items[0], 19)


@pytest.mark.parametrize("line,player", [
    ("VIDEO5:2605:26", True),  # a player's label and running time, told twice, glued
    ("Video 2:31", True), ("▶ 03:49", True), ("01:34", True), ("Now playing 0:45 / 2:10", True),
    ("Video", False), ("Updated 3:45", False), ("10:30 am", False), ("The 3:10 to Yuma", False),
])
def test_a_video_players_label_with_its_running_time_is_a_player(line: str, player: bool) -> None:
    page = screen_page([HEADLINE, line, *BODY])
    assert headline_evidence.player_block(page.items[1]) is player


def test_a_videos_title_under_its_player_gives_way_to_the_headline_over_the_byline() -> None:
    """The title of a video set at the top of the article, under its player's label and running time, weighs as a
    caption under its picture (evidence ``picture_above``): the article's headline over its date and byline, above
    the player, is the title (the video's title in the article's words won without it, the byline giving no 'By')."""
    headline = "Grain ships stay away from the south as harvest fails"
    for video in ("Harbour board on cargo volumes and the new quay",
                  "Harbour board says cargo volumes rose since the new quay opened"):
        text = screen_plain([], headline, ("Published Tue, Jun 4 2024 10:32 AM", "Jane Doe@janedoe", "VIDEO3:4903:49",
                                           video))
        assert _evidence(text)[video]["picture_above"] == 1.0
        assert clean_text(text).title == headline
