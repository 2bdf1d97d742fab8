"""Small made-up pages in the three dump dialects (node lines, markdown, screen dump) and the helpers that clean
them, for the title tests."""
from __future__ import annotations

import textwrap

from pipeline.clean.pagestate import Page
from pipeline.clean.features import Item
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
QUOTED_LONG = ("'Not the end of the old quay': Harbour board adds two berths as cargo rises 12% in May, but"
               " promises to leave room for ferries")


def nodes(title_line: str, top: list[str], headline: str, tail: tuple[str, ...] = ()) -> str:
    """A page as a DOM's text nodes come out: its title line, a menu, then one element per line group."""
    parts = [title_line, *NAV, *top, headline, *BODY, *tail, "Privacy policy", "Contact us"]
    return "\n\n\n\n" + "\n\n\n\n".join(parts) + "\n"


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


def headline_page(text: str) -> tuple[Page, list[Item], set[int], dict[str, int]]:
    """The page of ``text`` run up to the headline pass, its items, the headline candidates' indexes and each
    item's index by its visible text."""
    from pipeline.clean.blocks import segment_blocks
    from pipeline.clean.dialect import detect
    from pipeline.clean.features import make_item
    from pipeline.clean.passes import run_until
    from pipeline.clean.headline_evidence import headline_candidates

    dialect = detect(text)
    items = [make_item(s, 20, dialect) for s in segment_blocks(text, dialect)]
    page = run_until(items, RawDoc(doc_id="d", source="d.txt", text=text), CFG, dialect, "title_headline")
    found = {i for i, _ in headline_candidates(page, CFG.signal_rule("title_headline"))}
    return page, items, found, {it.vis: i for i, it in enumerate(items)}


def clean_text(text: str) -> Article:
    return clean(RawDoc(doc_id="d", source="d.txt", text=text), CFG)


STANDFIRST = "The harbour board said cargo volumes rose 12% in May, the fastest growth since the new quay opened."
#: Headlines of other stories, linked (their addresses spell them), in a run of alike lines right above the
#: article; the page's own headline sits higher up, over its byline.
RELATED = ["Dock workers vote on a new pay offer at three southern ports",
           "Grain prices climb for a third week as the harvest outlook dims",
           "Ferry timetable cut back for the winter after fuel costs rise"]
OWN = "Harbour cargo climbs to a record as new berth opens early"


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
