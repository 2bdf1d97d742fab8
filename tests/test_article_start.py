"""Where the article starts on small made-up pages: under rule lines and the article's own dated head."""
from __future__ import annotations

import textwrap

import pytest

from pipeline.clean import article_start

from titlepages import BODY, HEADLINE, headline_page, screen_page, screen_plain


@pytest.mark.parametrize("between, start", [("━" * 40, 2), ("[1807171037]", 1), ("1. news", 2),
                                            ("1. nature\n\n2. news\n\n3. article", 4)])
def test_the_article_starts_after_a_rule_line_left_under_a_sign_up_box(between: str, start: int) -> None:
    """Blocks a rule dropped open the densest run of prose (a sign-up box) and a rule line stands under them:
    the article starts at the first prose block after them with a letter or digit, so the headline further
    down stays within reach; a picture's name there (a video carousel) may start it, a numbered breadcrumb's
    items of a word or two ('1. nature' / '2. news') do not."""
    page = screen_page(["Thanks for subscribing!", between, *BODY])
    items = page.items
    items[0].kind, items[0].rule = "clutter", "ui.sign_up_notice.v1"
    page.scores, page.run = [0.0] * len(items), (0, len(items))
    assert article_start.article_start(page) == start


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
    page, items, _, _ = headline_page(text)
    blurb_at, lead_at = (next(i for i, it in enumerate(items) if it.vis.startswith(p[:40])) for p in (blurb, BODY[0]))
    page.scores = [0.9 if i >= lead_at and items[i].prose else 0.2 for i in range(len(items))]
    page.run = (blurb_at, len(items) - 1)
    assert article_start.article_start(page) == (lead_at if moved else blurb_at)
