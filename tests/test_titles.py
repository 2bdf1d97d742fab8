"""Titles and article text of small made-up pages in the three dump dialects (node lines, markdown, screen
dump), each with a headline or navigation trap: site names in the title line, kickers, date and byline lines
in the headline block, headings of menus and lists, a standfirst under the headline, reader notices, a
hard-wrapped headline, a breadcrumb of links under the headline and a second copy of the article."""
from __future__ import annotations

import textwrap
from typing import Callable

import pytest

from pipeline.clean import furniture, headline_evidence, title_text, titles
from pipeline.clean.dumps import left_column
from pipeline.clean.pagestate import Page
from pipeline.clean.page import clean, load_clean_config
from pipeline.types import RawDoc

from titlepages import (
    BODY, CFG, HEADLINE, NAV, OWN, QUOTED_LONG, RELATED, STANDFIRST, clean_text, headline_page, nodes, screen,
    screen_plain,
)

#: A breadcrumb as a markdown list, its last item the headline; the headline with soft hyphens in its words.
CRUMBS = "  * [Home](https://example.com/)\n  * [Ports](https://example.com/ports)\n  * "
SOFT = HEADLINE.replace("Harbour", "Har\u00adbour").replace("cargo", "car\u00adgo")


def markdown(top: list[str], heading: str, tail: tuple[str, ...] = ()) -> str:
    """A page written out as markdown: logo link, a link list for the menu, then blocks."""
    menu = "\n".join(f"  * [{n}](https://example.com/{n.lower()})" for n in NAV)
    blocks = ["[ ![logo](https://example.com/logo.png) ](https://example.com/)", menu, *top, heading, *BODY,
              *tail, "[Privacy](https://example.com/privacy) [Contact](https://example.com/contact)"]
    return "\n\n".join(blocks) + "\n"


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
    art = clean_text(text)
    assert art.dialect == dialect
    assert art.title == title
    kept = art.text
    for para in BODY:  # every paragraph of the article once, and no menu entry
        assert " ".join(kept.split()).count(para) == 1
    assert not any(line.strip() in NAV for line in kept.splitlines())
    assert "Internet Explorer" not in kept and "Quotes delayed" not in kept


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
    art = clean_text(PAGES[name][0])
    rules = [b.rule for b in art.dropped if crumb in b.text]
    assert rules == ["nav.breadcrumb.v1"]
    assert "nav.breadcrumb.v1" not in CFG.flagged("title_may_override")


def test_a_screen_headline_in_a_table_cell_beside_a_menu_cell() -> None:
    """A text browser lays a table's cells side by side: the headline is the left column only."""
    cell = ("Harbour cargo rises 12% in May as grain         [12]Home\n"
            "exports slump after a poor harvest              [13]All news")
    art = clean_text(screen([], cell))
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


@pytest.mark.parametrize("short,gives_way", [
    ("Harbour cargo volumes", True),  # its words open the article
    ("Print page", False),  # a label over the standfirst: the article does not repeat it
    ("HARBOUR CARGO VOLUMES", False),  # a kicker in capitals over a long headline
])
def test_a_standfirst_gives_way_to_a_short_headline_the_article_repeats(short: str, gives_way: bool) -> None:
    from pipeline.clean.blocks import segment_blocks
    from pipeline.clean.passes import run_until
    from pipeline.clean.decks import over_standfirst
    from pipeline.clean.headline_evidence import headline_candidates
    from pipeline.clean.dialect import detect
    from pipeline.clean.features import make_item

    text = screen([], "\n\n".join([short, STANDFIRST]))
    dialect = detect(text)
    items = [make_item(s, 20, dialect) for s in segment_blocks(text, dialect)]
    page = run_until(items, RawDoc(doc_id="d", source="d.txt", text=text), CFG, dialect, "title_headline")
    found = dict(headline_candidates(page, CFG.signal_rule("title_headline")))
    lead = {i: ev["lead_words"] for i, ev in found.items()}
    at = {it.vis: i for i, it in enumerate(items)}
    assert over_standfirst(page, at[STANDFIRST], found, lead) == (at[short] if gives_way else at[STANDFIRST])
    assert over_standfirst(page, at[STANDFIRST], found) == at[STANDFIRST]  # nothing known of the article


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
    monkeypatch.setattr(headline_evidence, "article_start", lambda page: 2)
    monkeypatch.setattr(titles, "article_start", lambda page: 2)
    art = clean_text(markdown(["## Best Of", *TEASERS], heading))
    if want is None:
        assert "Example Times" not in art.title
    else:
        assert art.title == want


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
    art = clean_text("\n\n".join(blocks) + "\n")
    assert art.dialect == "terminal"
    assert art.title == OWN
    for para in BODY:
        assert " ".join(art.text.split()).count(para) == 1


def test_a_screen_caption_between_its_picture_and_credit_is_not_the_headline() -> None:
    """Under the headline and its date line, a lead picture's caption that shares words with the article."""
    caption = "Harbour board chairman Jo Lee at the new east quay"
    paras = ["\n".join(textwrap.wrap(p, 72)) for p in BODY]
    menu = "\n".join(f"  • [{k}]{n}" for k, n in enumerate(NAV, 1))
    refs = "\n".join(f"[{k}] https://example.com/{n.lower()}" for k, n in enumerate(NAV, 1))
    text = "\n\n".join([menu, HEADLINE, "Example Times wire services\nPublished 9:22 AM June 3, 2024\n[chairman-q]\n"
                        f"{caption}\nSam Roe, Associated Press", *paras, "[7]Privacy [8]Contact", "References:", refs])
    art = clean_text(text + "\n")
    assert art.dialect == "terminal"
    assert art.title == HEADLINE
    assert "Associated Press" not in art.text


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
    art = clean_text(text)
    assert (art.title, art.published) == (DATED_HEADLINE, iso)
    assert art.published_raw == line
    for para in BODY:
        assert " ".join(art.text.split()).count(para) == 1


def test_story_cards_of_a_headline_over_its_date_are_no_headline() -> None:
    """Cards of other stories above the article, each a headline with its date on the next line: a list,
    not headlines with their date lines (a lone such block is one)."""
    cards = "\n\n".join(f"{h}\nJune 2, 2024" for h in RELATED)
    art = clean_text(screen([cards], f"{OWN}\nJune 3, 2024"))
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
    art = clean_text(_cards_over(kind, dated))
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
    art = clean_text(screen([cards], f"{OWN}\n\nJune 3, 2024 at 9:45 am"))
    text = " ".join(art.text.split())
    assert (art.dialect, art.title, art.published) == ("terminal", OWN, "2024-06-03T09:45:00")
    assert all(para in text for para in BODY)
    assert not any(f"the new {place}" in text for place in PLACES)


def test_a_dated_card_under_the_article_does_not_move_its_start() -> None:
    """A card of another story with its date under the article (the prose the model is surest of over it) is no
    head of the article: the article keeps its headline and its text."""
    card = _undated_card(9, "park").replace("\n\n", "\nJune 2, 2024\n\n", 1)
    art = clean_text(screen([], f"{OWN}\n\nJune 3, 2024 at 9:45 am", (card,)))
    text = " ".join(art.text.split())
    assert art.title == OWN
    assert all(para in text for para in BODY)


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
    assert headline_evidence._echoed_in(line, title_text.norm_title("Harbour cargo climbs to a record")) is echoed


QUESTION = "Did cargo through the harbour really double in a single year?"


@pytest.mark.parametrize("level", ["#", "##"])
def test_a_question_in_a_markdown_heading_at_the_start_of_the_article_is_the_headline(monkeypatch, level: str) -> None:
    """A fact check quotes the claim, then asks its question in a heading where the article starts: a heading
    ending in '?' (prose by its length) may be the headline; a question in a paragraph there may not."""
    top = ['"Cargo through the harbour doubled in a single year."', "— Jo Lee, harbour board chair, on Monday"]
    text = markdown(top, f"{level} {QUESTION}\n\nBy Jane Doe\n\nJune 3, 2024")
    # the article taken to start at the heading (block 9: logo, six menu items, the claim and its speaker above)
    monkeypatch.setattr(headline_evidence, "article_start", lambda page: 9)
    monkeypatch.setattr(titles, "article_start", lambda page: 9)
    assert clean_text(text).title == QUESTION
    plain = markdown([f"# {HEADLINE}"], "Why does the new berth matter so much for the south of the country?")
    monkeypatch.setattr(headline_evidence, "article_start", lambda page: 8)
    monkeypatch.setattr(titles, "article_start", lambda page: 8)
    assert clean_text(plain).title == HEADLINE


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
    art = clean_text(text)
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
    art = clean_text(text)
    assert art.dialect == dialect
    assert art.title == HEADLINE


def test_a_blog_name_in_the_level_1_heading_over_its_menus_is_no_headline() -> None:
    """A blog names itself in its one '# ' heading, over its menus; the story's headline is a lower heading
    (a link to the post) with its date line under it."""
    menu = "\n".join(f"  * [{n}](https://example.com/{n.lower()})" for n in NAV)
    text = "\n\n".join(["# The Harbour Watch Blog", "Notes from the quayside, every week", "### Categories", menu,
                        f"## [{HEADLINE}](https://example.com/2024/06/cargo)", "Posted by admin on June 3, 2024",
                        *BODY, "[Privacy](https://example.com/privacy) [Contact](https://example.com/contact)"]) + "\n"
    art = clean_text(text)
    assert art.dialect == "markdown"
    assert art.title == HEADLINE
    assert art.published == "2024-06-03"
    # with no menu between them, the level-1 heading is the headline and the one under it a deck
    deck = "## Officials expect the second berth to lift capacity by a third"
    art = clean_text(markdown([], f"# {HEADLINE}\n\n[Jane Doe](https://example.com/jd)\n\n{deck}\n\nJune 3, 2024"))
    assert art.title == HEADLINE


#: Teaser headlines and blurbs of a node page's menus, as a DOM's text nodes come out.
NODE_TEASERS = [x for k in range(0, len(TEASERS), 2) for x in (TEASERS[k].split("[")[1].split("]")[0], TEASERS[k + 1])]


@pytest.mark.parametrize("echo_in_list", [False, True])
def test_the_title_lines_headline_with_its_date_far_below_teasers_is_the_headline(monkeypatch, echo_in_list: bool) -> None:
    """Teasers with blurbs over the article (a menu of other stories) can start the densest prose: the line
    repeating the title line's headline with its date under it, and the article under that, is the headline
    wherever it stands; a copy of it in a list of dated cards (most read) is not."""
    monkeypatch.setattr(headline_evidence, "article_start", lambda page: 3)
    monkeypatch.setattr(titles, "article_start", lambda page: 3)  # the article taken to start at a teaser
    dated = [] if echo_in_list else [HEADLINE, "November 19, 2019 at 9:45 am", "By Jane Doe"]
    cards = [NODE_TEASERS[0], "November 18, 2019", HEADLINE, "November 19, 2019", NODE_TEASERS[2],
             "November 17, 2019"] if echo_in_list else []
    parts = [f"{HEADLINE} – Example Times", "Skip to main content", "Latest stories", *NODE_TEASERS, *dated,
             *BODY, *cards, "Privacy policy", "Contact us"]
    art = clean_text("\n\n\n\n" + "\n\n\n\n".join(parts) + "\n")
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
    art = clean_text(page)
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
    art = clean_text(text + "\n")
    assert art.dialect == "markdown"
    assert art.title == HEADLINE
    assert "Permanent" not in art.text and "https" not in art.title


@pytest.mark.parametrize("line", ["Skip to main content", "Advertisement", "Jump to main content"])
def test_an_interface_label_is_never_the_headline_even_as_a_link(line: str) -> None:
    # no headline shown: the linked label is the only title-like line over the article
    page = screen([], f"[9]{line}")
    art = clean(RawDoc(doc_id="t", source="t.txt", text=page), CFG)
    assert art.title != line
    assert line not in art.text


def test_a_glued_menu_over_a_long_headline_does_not_take_its_place(monkeypatch) -> None:
    """A screen dump without links shows the menu's labels glued on one line over a long headline in sentence
    case: the headline stays the title (the glued line is no shorter headline over a deck)."""
    page = screen_plain(["NewsSportBusinessWeatherGoing OutHomes & GardensOpinion"], RUN_ON)
    assert clean_text(page).title == RUN_ON
    monkeypatch.setattr(furniture, "GLUED_MENU_JOINS", 99)
    assert clean_text(page).title != RUN_ON


#: Lines over a headline that are no headline: a byline with the writer's job, a line naming the site's owner,
#: a picture's caption with its credit after a bar.
@pytest.mark.parametrize("line, rule", [
    ("Jane Doe Deputy Content Hub Director\n08:39, 06 Jan 2026", "meta.staff_byline.v1"),
    ("A division of Example Institute", "footer.owner_line.v1"),
    ("Should she win, the mayor will succeed another harbour socialist. | Jane Roe/PA Images via Getty Images",
     "media.caption_credit_label.v1"),
])
def test_a_job_byline_owner_line_or_credited_caption_is_not_the_headline(line: str, rule: str) -> None:
    art = clean_text(screen_plain([line], HEADLINE))
    assert art.title == HEADLINE
    assert [b.rule for b in art.dropped + art.blocks if b.text.strip() == line.strip()] == [rule]


@pytest.mark.parametrize("line", [
    "Updated [hour]:[minute] [AMPM] [timezone], [monthFull] [day], [year]",
    "[14]More ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ An account already exists for this address, please log in.",
])
def test_an_unfilled_date_template_or_a_label_over_a_rule_line_is_never_the_headline(line: str) -> None:
    art = clean_text(screen(["[9]Harbour Times", line], "By Jane Doe"))
    assert art.title != line.split("━")[0] and "[hour]" not in art.title and "━" not in art.title
    assert line not in art.text


def test_a_pictures_name_alone_over_the_article_is_never_the_short_title() -> None:
    """On a page dumped as plain lines, the longest line over the first prose is the title, but a picture's
    name in brackets never is."""
    page = "\n\n".join(["[c6a172]", "Harbour news", *BODY]) + "\n"
    assert clean_text(page).title == "Harbour news"
    assert clean_text("\n\n".join(["[c6a172]", *BODY]) + "\n").title != "[c6a172]"


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


def test_a_screen_dumps_headline_with_its_deck_on_one_line_is_the_title_without_it() -> None:
    """A browser lays a title-cased headline and the deck inside its heading side by side and wraps them as one
    line: the title is the headline, the block holding both is kept."""
    head = "Harbour Board Weighs New Fees for Night Calls"
    deck = "A plan to charge ships by the hour of their stay at the quay"
    both = textwrap.fill(f"{head} {deck}", 78)
    assert "\n" in both
    art = clean_text(screen_plain([], both, ("By Jane Doe",)))
    assert art.dialect == "terminal"
    assert art.title == head
    assert any("charge ships by the" in b.text for b in art.blocks)


@pytest.mark.parametrize("crumbs, want", [
    ([" 1. Home", " 2. Ports"], HEADLINE),  # a breadcrumb as a numbered list, the headline its last item
    ([" 1. Home"], "3. " + HEADLINE),  # a number that does not follow the item above is part of the headline
])
def test_the_number_of_a_numbered_breadcrumbs_last_item_is_no_part_of_the_headline(crumbs: list[str],
                                                                                    want: str) -> None:
    art = clean_text(screen_plain(["\n".join(crumbs + [f" 3. {HEADLINE}"])], "", ("By Jane Doe",)))
    assert art.title == want


@pytest.mark.parametrize("site", ["Harbour Post", "The Harbour Post. HARBOURPOST.COM"])
def test_the_title_line_printed_again_over_the_article_names_the_site_as_it_does(site: str) -> None:
    """A node page printing its title line again over the article (the copy is the headline candidate) gives
    the headline without the site's name, as the title line itself would."""
    line = f"{HEADLINE} – {site}"
    art = clean_text(nodes(line, [], line))
    assert art.title == HEADLINE


@pytest.mark.parametrize("line", [f"PORT BOOM | {HEADLINE}", f"The harbour report (2024) – {HEADLINE}",
                                  "Harbour Press Coverage – August 2013", "Can harbour seals feel the cold / suffer?"])
def test_a_copy_of_the_title_line_keeps_a_part_before_the_headline(line: str) -> None:
    """A part set apart before the headline (a label in capitals, the headline's first part) or a date after it
    is the headline's own, not the site's name."""
    assert clean_text(nodes(line, [], line)).title == line


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
    assert clean_text(nodes(f"{HEADLINE} | Example Times", top, HEADLINE)).title == title
    assert clean_text(screen(top, HEADLINE)).title == title


@pytest.mark.parametrize("between", [[], ["Monday 3 June 2024", "[4]facebook [5]twitter"], ["Jane Doe"]])
@pytest.mark.parametrize("dump", [screen, screen_plain])
def test_a_screen_dumps_shortened_headline_over_the_byline_leaves_the_title_to_the_headline(between: list[str],
                                                                                           dump: Callable) -> None:
    full = "Harbour Cargo Rises in May as Grain Ships Stay Away"
    art = clean_text(dump([], "\n\n".join([full, *between, "Harbour Grain Cargo Rises", "By Jane Doe"])))
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


@pytest.mark.parametrize("dump", [screen, screen_plain])
@pytest.mark.parametrize("above", ["New York CNN —", "WASHINGTON (CNN) --", "Sign in to your account or"])
def test_a_dateline_or_run_on_line_over_the_article_is_no_candidate(dump: Callable, above: str) -> None:
    """A wire dateline on its line over the lead, or a widget's line running on into a link under it, is no
    headline candidate; the headline above stays one and is the title."""
    text = dump([], "\n\n".join([HEADLINE, "By Jane Doe", above]))
    page, items, found, at = headline_page(text)
    assert at[above] not in found and at[HEADLINE] in found
    assert clean_text(text).title == HEADLINE


#: A standfirst printed with the headline in one block of node lines, on a line of its own.
OWN_DECK = "Officials say the second berth will open in the autumn and lift capacity by a third"


@pytest.mark.parametrize(("headline", "best", "want"), [
    (OWN, "Forum rules", OWN),  # a line the model preferred, of another story: the title line's headline
    (f"{OWN} \n{OWN_DECK}", "Forum rules", 0),  # the headline with its deck in one block: the title line
    (OWN, OWN, None),  # the model's line gives the title line's story already
    (OWN, None, OWN),  # no candidate weighed enough
])
def test_the_title_lines_headline_printed_again_is_the_headline(headline: str, best: str | None,
                                                                want: str | int | None) -> None:
    """On a node page, a block printing the title line's headline again (site name left out) is the headline
    whatever rule took it, when the candidate weighing most tells another story."""
    text = nodes(f"{OWN} | Example Times", ["Terms of use", "Forum rules"], headline)
    page, items, found, at = headline_page(text)
    got = titles._title_line_repeat(page, None if best is None else at[best], found)
    assert got == (at.get(want) if isinstance(want, str) else want)


def test_the_title_lines_headline_in_a_list_of_headlines_is_a_card() -> None:
    """The title line's headline printed in a run of other stories' headlines of its shape (a card of a list
    of the site's stories) is not taken for the headline by its words alone."""
    text = nodes(f"{OWN} | Example Times", [RELATED[0], OWN, RELATED[1], "Forum rules"], "Harbour news")
    page, items, found, at = headline_page(text)
    assert titles._title_line_repeat(page, at["Forum rules"], found) is None


@pytest.mark.parametrize(("moved", "kept"), [
    ("Forum rules", True),  # a line of another story over the headline: the headline stays
    ("Harbour cargo climbs to a record", False),  # a shorter line of the title line's story
])
def test_a_headline_repeating_the_title_line_is_not_moved_off(moved: str, kept: bool) -> None:
    """A candidate printing the title line's headline again stays the headline when a deck or label rule would
    move off it to a line that does not tell the title line's story."""
    text = nodes(f"{OWN} | Example Times", ["Terms of use", moved], OWN)
    page, items, found, at = headline_page(text)
    assert titles._kept_for_title_line(page, at[OWN], at[moved]) is kept


@pytest.mark.parametrize(("shown", "part"), [
    (f"{OWN} · Harbour cargo", True),  # the page shows which part of the title line is the headline
    (OWN, False),  # the part cutting the site's name gives: the title line stays the title block
    ("Harbour Notes", False),  # the site's name alone
])
def test_the_part_of_the_title_line_the_page_shows_is_the_headline(shown: str, part: bool) -> None:
    """When the title line weighs most and cutting its site's name would take the wrong parts, a block printing
    the line before its last separator (or after its first one) shows the headline as the page gives it."""
    text = nodes(f"{OWN} · Harbour cargo | Harbour Notes", ["Terms of use"], shown)
    page, items, found, at = headline_page(text)
    assert titles._title_line_part(page) == (at[shown] if part else None)


def test_the_short_line_title_is_never_an_interface_line() -> None:
    page = "\n\n".join([
        "Sign in to your Harbour Times account or",
        "register",
        "Ferry tolls rise again",
        "The port authority raised its ferry tolls for the third time this year, citing fuel costs and repairs "
        "to the quay, and said more rises could follow before the summer season opens.",
    ])
    got = clean(RawDoc(doc_id="d", source="p.txt", text=page), load_clean_config()).title
    assert got == "Ferry tolls rise again"
