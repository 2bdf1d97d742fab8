"""The block model pass's helpers (:mod:`pipeline.clean.block_model`): near article text kept by its context, the
article's lead, short gaps between kept text, long paragraphs of the densest run the model doubts."""
from __future__ import annotations

import pytest

from pipeline.clean.block_model import GAP_BLOCKS, _gaps, _lead, _near_runs, _run_paragraphs
from pipeline.clean.blocks import Span
from pipeline.clean.features import make_item


def _items(texts: list[str], heading_words: int = 20, gap: int = 1) -> list:
    """Items of ``texts`` one after another (two characters between them), each ``gap`` blank lines below the last."""
    out, pos = [], 0
    for t in texts:
        out.append(make_item(Span(pos, pos + len(t), t, gap), heading_words))
        pos += len(t) + 2
    return out


def _item(text: str):
    """One item of ``text`` at the start of the page."""
    return _items([text], heading_words=15, gap=0)[0]


# ------------------------------------------------------------------------------------------- near article text



def test_near_article_text_between_kept_prose_is_kept_and_alone_it_is_not() -> None:
    prose = "Die Gruppe spielt in diesem Sommer dreißig Konzerte in Städten des Landes, sagte der Veranstalter."
    texts = ["Harbour band sets a summer tour", prose, prose + " Eins.", "Share", prose + " Zwei.", prose + " Drei."]
    items = _items(texts)
    items[0].kind = "title"
    scores = [0.1, 0.9, 0.35, 0.05, 0.4, 0.9]
    assert _near_runs(items, scores, 0.5, 0.25) == {2, 4}
    # with nothing kept below the run, near text stays out (a teaser blurb at the foot of a page)
    assert _near_runs(items, scores[:5] + [0.1], 0.5, 0.25) == set()
    # a block scored under ``near`` is not kept by its context
    assert _near_runs(items, [0.1, 0.9, 0.2, 0.05, 0.2, 0.9], 0.5, 0.25) == set()


def test_a_line_repeated_between_every_two_paragraphs_puts_no_distance_between_them() -> None:
    """'Article content' set between every two paragraphs of the article, and a pull-quote heading: a paragraph
    the model doubts, three lines from the kept text above, is near article text all the same; a card's
    one-line blurb under its section label is not."""
    para = ("The harbour authority said cargo volumes rose in May on strong demand for grain, and that the new "
            "berth had taken some of the load off the older quays near the river mouth.")
    doubt = ("Port economist Jane Doe said the larger-than-expected rise in grain traffic was welcome, but that "
             "one strong month did not make a trend for the quays.")
    label = "Article content"
    texts = [para, label, "'Welcome surprise': Harbour Bank", label, doubt, label, label, para + " Again.", label]
    items = _items(texts)
    for k, t in enumerate(texts):
        if t == label:
            items[k].kind = "clutter"
    scores = [0.9, 0.5, 0.36, 0.4, 0.45, 0.4, 0.4, 0.9, 0.5]
    assert _near_runs(items, scores, 0.5, 0.25, (0, len(items))) == {4}
    # outside the page's densest run of prose, the repeated line is filler like any other
    assert _near_runs(items, scores, 0.5, 0.25) == set()
    # a card's blurb (a short sentence under its section label) is no paragraph
    blurb = "The agency is the fifth company to sign the deal with the guild."
    items = _items([t if t != doubt else blurb for t in texts])
    for k, t in enumerate(texts):
        if t == label:
            items[k].kind = "clutter"
    assert _near_runs(items, scores, 0.5, 0.25, (0, len(items))) == set()


# ------------------------------------------------------------------------------------------- lead and gaps


def test_a_lead_is_prose_under_the_title_over_the_first_kept_paragraph() -> None:
    prose = "The first boat leaves on Monday, and tickets cost less than the old fares."
    texts = ["Harbour town opens a ferry line", prose, "By Jane Doe", prose + " Again.", "Weather today"]
    items = _items(texts)
    items[0].kind = "title"
    kept = {3}
    assert _lead(items, 0, kept.__contains__) == {1}
    # no title, or no kept paragraph under it: no lead
    assert _lead(items, None, kept.__contains__) == set()
    assert _lead(items, 0, set().__contains__) == set()
    # a line without a sentence end, or with a link, is no lead
    items = _items([texts[0], "The first boat leaves on Monday from the old pier at the harbour", *texts[2:]])
    items[0].kind = "title"
    assert _lead(items, 0, kept.__contains__) == set()
    items = _items([texts[0], "[The first boat](https://ferry.example/boat) leaves on Monday from the old pier.",
                    *texts[2:]])
    items[0].kind = "title"
    assert _lead(items, 0, kept.__contains__) == set()


def test_a_lead_ending_in_a_colon_introduces_the_entries_under_it() -> None:
    """A running story's lead ends in a colon before its timed entries: it is the lead all the same; a short
    label with a colon ('Read more:') is not."""
    lead = "PORT ELLIS (Wire) — The latest on the storm that closed the harbour bridge (all times local):"
    texts = ["The latest: storm closes the harbour bridge", "Updated 9:40 pm", lead, "9 p.m.",
             "Crews say the bridge will stay closed overnight while engineers check the cables for damage."]
    items = _items(texts)
    items[0].kind = "title"
    assert _lead(items, 0, {4}.__contains__) == {2}
    items = _items([texts[0], texts[1], "Read more:", *texts[3:]])
    items[0].kind = "title"
    assert _lead(items, 0, {4}.__contains__) == set()


def test_a_short_gap_the_model_drops_between_kept_text_is_article_text() -> None:
    texts = ["Para one.", "North Pier", "Fish Market", "Old Lighthouse", "Para two.", "Share", "[Home](/)",
             "Para three."]
    items = _items(texts)
    kept = {0, 4, 7}
    # three dropped lines between two kept paragraphs: kept; a link line in a run keeps the run out
    assert _gaps(items, [1, 2, 3, 5, 6], kept.__contains__, kept.__contains__) == {1, 2, 3}
    # a run longer than GAP_BLOCKS, or without kept prose right under it, stays dropped
    long = _items(["Para one."] + [f"Pier {k}" for k in range(GAP_BLOCKS + 1)] + ["Para two."])
    assert _gaps(long, list(range(1, GAP_BLOCKS + 2)), {0, GAP_BLOCKS + 2}.__contains__,
                 {0, GAP_BLOCKS + 2}.__contains__) == set()
    assert _gaps(items, [1, 2, 3], kept.__contains__, {0, 7}.__contains__) == set()


# ------------------------------------------------------------------------------- paragraphs the model doubts in the run

_LONG = ("The ferry company, which runs four crossings a day to the islands, welcomed the plan but asked the board to "
         "wait until the new season starts in May, when its timetable is set for the summer months ahead, and said the "
         "money should go to dredging the channel.")
_SHORT_PARA = "The board will vote on the plan in May, the chair said after the meeting."


def _run_page(middle: str, closing: str = _LONG) -> list:
    texts = ["Harbour board weighs fees", _LONG, "[ferry]", middle, "The ferries, Island Line", _LONG, closing]
    return [_item(t) for t in texts]


def test_a_long_paragraph_the_model_doubts_between_kept_prose_of_the_run_is_kept() -> None:
    items = _run_page(_LONG.replace("ferry", "bus"))
    scores = [0.2, 0.9, 0.1, 0.4, 0.3, 0.8, 0.9]
    assert _run_paragraphs(items, scores, 0.5, 0.25, (0, len(items)), 40) == {3}


@pytest.mark.parametrize("middle, score, run", [
    (_SHORT_PARA, 0.4, (0, 7)),                      # a short paragraph: the model's doubt stands
    (_LONG.replace("ferry", "bus"), 0.1, (0, 7)),    # scored below `near`
    (_LONG.replace("ferry", "bus"), 0.4, (4, 7)),    # outside the densest run of prose
])
def test_a_doubted_paragraph_short_scored_very_low_or_outside_the_run_is_left_to_the_model(
        middle: str, score: float, run: tuple[int, int]) -> None:
    items = _run_page(middle)
    scores = [0.2, 0.9, 0.1, score, 0.3, 0.8, 0.9]
    assert _run_paragraphs(items, scores, 0.5, 0.25, run, 40) == set()


def test_a_doubted_paragraph_closing_the_run_is_no_rescue_a_sites_blurb_or_bio_stands_there() -> None:
    bio = ("Jo Lee is a harbour reporter who grew up in the town and now lives on the coast with her husband, two sons "
           "and two cats; before joining the paper she wrote about ferries and fishing for ten years for the county's "
           "weekly.")
    items = _run_page(_LONG.replace("ferry", "bus"), closing=bio)
    scores = [0.2, 0.9, 0.1, 0.9, 0.3, 0.8, 0.4]
    assert _run_paragraphs(items, scores, 0.5, 0.25, (0, len(items)), 40) == set()


def _decided(text: str, kind: str, rule: str):
    it = _item(text)
    it.kind, it.rule = kind, rule
    return it


def test_a_doubted_paragraph_under_the_articles_share_bar_is_left_to_the_model() -> None:
    """An author's bio under the share bar closing the article (a rule with the role ``article_end``) is no
    paragraph of the article, even with readers' comments kept under it."""
    share = _decided("Facebook Twitter Pinterest Email", "clutter", "share.social_names.v1")
    bio = ("Jo Lee is a harbour reporter who grew up in the town and now lives on the coast with her husband, two "
           "sons and two cats; before joining the paper she wrote about ferries and fishing for the weekly paper.")
    items = [_item(_LONG), share, _item(bio), _item(_LONG.replace("ferry", "bus"))]
    scores = [0.9, 0.1, 0.4, 0.8]
    run = (0, len(items))
    assert _run_paragraphs(items, scores, 0.5, 0.25, run, 40, frozenset({"share.social_names.v1"})) == set()
    assert _run_paragraphs(items, scores, 0.5, 0.25, run, 40) == {2}


def test_the_lead_under_a_share_bar_under_the_title_is_still_the_articles() -> None:
    items = [_decided("Harbour board weighs fees", "title", "title.headline.v1"),
             _decided("Facebook Twitter Pinterest Email", "clutter", "share.social_names.v1"),
             _item(_LONG.replace("ferry", "bus")), _item(_LONG)]
    scores = [0.2, 0.1, 0.4, 0.8]
    assert _run_paragraphs(items, scores, 0.5, 0.25, (0, len(items)), 40, frozenset({"share.social_names.v1"})) == {2}
