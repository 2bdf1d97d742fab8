"""Dump dialects and visible text (pipeline/clean/dialect.py), block evidence (pipeline/clean/evidence.py)."""
from __future__ import annotations

import pytest

from pipeline.clean import dialect as D
from pipeline.clean.blocks import segment_blocks
from pipeline.clean.page import load_clean_config
from pipeline.clean.evidence import FEATURES, block_features, densest_run
from pipeline.clean.features import make_item
from pipeline.clean.page import clean
from pipeline.types import RawDoc

CFG = load_clean_config()

NODES = ("Oil output rises - Example News\nHome\nWorld\n\n\n\nOil output rises\nThe ministry said crude output rose 5% in "
         "March from a year earlier, the \nstatistics office\n said, and \nexports\n rose too, as refiners in the region "
         "bought more crude at lower freight costs.\nExports also rose in the month, the customs office said in a statement on Tuesday, citing strong demand from refiners in the region and lower freight costs.\n")
MARKDOWN = ("[Home](https://example.com/) [World](https://example.com/world)\n\n  * [Markets](https://example.com/m)\n"
            "  * [Energy](https://example.com/e)\n  * [Weather](https://example.com/w)\n\n# Oil output rises\n\n"
            "The ministry said crude output rose 5% in March from a year earlier, the highest level since the northern fields opened in 2011, and that it expects a further rise this year.\n\nExports also rose in the month, the customs office said in a statement on Tuesday, citing strong demand from refiners in the region and lower freight costs.\n")
TERMINAL = "\n".join(f"[{i}]Menu item {i}" for i in range(12)) + "\n\nReferences:\n\n[1] https://example.com/\n"


@pytest.mark.parametrize("text,dialect", [(NODES, D.NODES), (MARKDOWN, D.MARKDOWN), (TERMINAL, D.TERMINAL),
                                          ("Oil output rises\n\nThe ministry said output rose.\n", D.PLAIN)])
def test_dialect_is_read_from_the_marks_of_the_page(text: str, dialect: str) -> None:
    assert D.detect(text) == dialect
    assert D.detect(text, extracted=True) == D.EXTRACTED


def test_markdown_visible_text_has_no_link_targets_or_marks() -> None:
    text, link = D.visible("# Oil [output](https://example.com/a-\nb) **rises** ![chart](https://example.com/c.png)",
                           D.MARKDOWN)
    assert text == "Oil output rises"
    assert 0.3 < link < 0.5
    assert D.visible("  * [Home](https://example.com/)", D.MARKDOWN) == ("Home", 1.0)


def test_a_markdown_link_with_a_title_after_its_target_is_a_link() -> None:
    # html2text writes a link's title attribute after the target, in quotes, and wraps long targets
    block = '## [Port handles record cargo](https://example.com/2024/05/\nport-cargo "Permanent Link to Port handles record cargo")'
    assert D.visible(block, D.MARKDOWN) == ("Port handles record cargo", 1.0)
    shown = D.shown(block, D.MARKDOWN)
    assert len(shown) == len(block) and shown.split() == ["##", "Port", "handles", "record", "cargo"]
    picture = 'Cargo ![A ship](/i/ship.jpg "The ship at the quay") rose'
    assert D.visible(picture, D.MARKDOWN) == ("Cargo rose", 0.0)


def test_a_picture_with_a_long_caption_as_its_alt_text_shows_none_of_it() -> None:
    """An agency photo's alt text is its whole caption (several hundred characters, escaped brackets, wrapped),
    and the picture is set in a link to a video: no word of the caption is shown."""
    caption = ("PORT ELLIS - MAY 2: Harbour master Jane Doe and the port's chief engineer walk along the new berth "
               "before the first ship docks on Monday, May 2, 2024 in Port Ellis. The authority said the berth will "
               "double the port's grain capacity and cut waiting times for bulk carriers, which had queued for up "
               "to a week in the spring while dredging of the outer channel went on. \\(Photo by John Roe/Harbour "
               "Pictures\\)")
    assert len(caption) > 400
    wrapped = "\n".join(caption[k:k + 78] for k in range(0, len(caption), 78))
    block = f"[![{wrapped}](https://img.example/berth.jpg)\n__](https://example.com/videos/berth)"
    assert D.visible(block, D.MARKDOWN)[0] == ""
    assert "Harbour" not in D.shown(block, D.MARKDOWN)


def test_a_link_whose_title_is_a_long_teaser_with_quotes_shows_only_its_text() -> None:
    """A blog's list of other posts: each link carries the post's first lines as its title, several hundred
    characters with quotes of their own that the dump leaves unescaped."""
    teaser = ("The harbour board met on Monday and said the berth would open \"when the dredging is done\". "
              * 6) + "\\[…\\]"
    assert len(teaser) > 300
    item = f'    * [Port opens new berth](https://blog.example/2024/05/berth.html "{teaser}")'
    assert D.visible(item, D.MARKDOWN) == ("Port opens new berth", 1.0)
    assert "dredging" not in D.shown(item, D.MARKDOWN)


def test_a_card_whose_picture_headline_and_teaser_are_one_link_is_all_link() -> None:
    """A 'you might also like' card written as one list item: picture, headline, date, deck and the teaser's
    first paragraphs all inside one link of several hundred characters."""
    teaser = " ".join(["The harbour board said the new berth would double grain capacity and cut queues."] * 8)
    assert len(teaser) > 500
    card = (f"    * [ ![](https://img.example/thumbs/berth.jpg) Port opens new berth 2024-05-02 GRAIN: {teaser}  By "
            "Jane Doe  ](https://example.com/news/2024/05/02/berth)")
    text, link = D.visible(card, D.MARKDOWN)
    assert text.startswith("Port opens new berth") and link == 1.0
    assert "img.example" not in D.shown(card, D.MARKDOWN) and "example.com" not in D.shown(card, D.MARKDOWN)


@pytest.mark.parametrize("block,text", [
    ("[Share](https://social.example/share?text=Port fees rise 5% in May&url=https://news.example/a) Cargo rose",
     "Share Cargo rose"),
    ("[ Email ](mailto:?subject=Harbour board votes to close the old berth&body=Read this: https://news.example/b)",
     "Email"),
    ("![The ferry at the quay on Monday.](data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0\n"
     "1 1'%3E%3C/svg%3E)", ""),
    ("[Tweet](/share?text=Ferry fares (adult) rise) The board met.", "Tweet The board met."),
])
def test_a_link_or_picture_whose_address_holds_spaces_shows_only_its_text(block: str, text: str) -> None:
    """A dump copies a share link's, a mail link's or an inline picture's address unencoded, spaces and all."""
    assert D.visible(block, D.MARKDOWN)[0] == text
    out = D.shown(block, D.MARKDOWN)
    assert len(out) == len(block) and out.split() == text.split()


def test_a_link_closing_at_the_start_of_a_block_shows_no_address() -> None:
    """A picture link wrapped around whole paragraphs: its closing ``](address)`` opens the block under them."""
    block = "](https://news.example/2024/05/ferry-fares)\nThe board met on Monday."
    assert D.visible(block, D.MARKDOWN) == ("The board met on Monday.", 0.0)
    assert D.shown(block, D.MARKDOWN).split() == ["The", "board", "met", "on", "Monday."]
    prose = "Brackets in prose [sic](see above) stay, as does a lone ](x) later."
    assert D.visible(prose, D.MARKDOWN)[0] == prose


def test_screen_dump_visible_text_has_no_link_numbers_or_bullets() -> None:
    text, link = D.visible("  • [12]Home", D.TERMINAL)
    assert text == "Home" and link == 1.0
    assert D.visible("Prices rose [3]sharply in March.", D.TERMINAL)[0] == "Prices rose sharply in March."


def test_plain_and_node_text_is_its_own_visible_text() -> None:
    assert D.visible("Home | News", D.PLAIN) == ("Home | News", 0.0)
    assert D.visible("Home | News", D.NODES) == ("Home | News", 0.0)


def test_densest_run_is_the_best_contiguous_sum() -> None:
    assert densest_run([-1, 2, 3, -1, 4, -9, 5]) == (1, 5)
    assert densest_run([-1.0, -2.0]) == (0, 0)
    assert densest_run([]) == (0, 0)


def test_features_have_one_value_per_name() -> None:
    spans = segment_blocks(MARKDOWN, D.MARKDOWN)
    items = [make_item(s, 20, D.MARKDOWN) for s in spans]
    vectors, run = block_features(items, D.MARKDOWN)
    assert len(vectors) == len(items) and all(len(v) == len(FEATURES) for v in vectors)
    assert run[1] > run[0]


def test_article_names_its_dialect_and_model_scores() -> None:
    art = clean(RawDoc(doc_id="t", source="t.md", text=MARKDOWN), CFG)
    assert art.dialect == D.MARKDOWN
    assert art.title == "Oil output rises"
    assert [b.text for b in art.body] == ["The ministry said crude output rose 5% in March from a year earlier, the highest level since the northern fields opened in 2011, and that it expects a further rise this year.",
                                          "Exports also rose in the month, the customs office said in a statement on Tuesday, citing strong demand from refiners in the region and lower freight costs."]
    assert all(b.score is not None and 0 <= b.score <= 1 for b in art.blocks + art.dropped)
    plain = clean(RawDoc(doc_id="t", source="t.txt", text="Oil output rises\n\nThe ministry said output rose.\n"), CFG)
    assert plain.dialect == D.PLAIN


def test_a_node_page_title_line_loses_its_site_name() -> None:
    art = clean(RawDoc(doc_id="t", source="t.txt", text=NODES), CFG)
    assert art.dialect == D.NODES
    assert art.title == "Oil output rises"
    assert "statistics office" in art.text


def test_rule_weights_name_the_features_of_their_pass() -> None:
    from pipeline.clean.headline_evidence import HEADLINE_FEATURES

    model = CFG.signal_rule("block_model").get("weights")
    assert set(model) == set(FEATURES)
    headline = CFG.signal_rule("title_headline").get("weights")
    assert set(headline) <= {"bias", *HEADLINE_FEATURES}


def test_a_blog_comment_thread_in_node_lines_is_dropped() -> None:
    body = ("The ministry said crude output rose 5% in March from a year earlier, the \nstatistics office\n said, and "
            "exports rose too, as refiners in the region bought more crude at lower freight costs.\n\n"
            "Exports also rose in the month, the customs office said in a statement on Tuesday, citing strong "
            "demand from refiners in the region and lower freight costs.\n\n")
    thread = ("3 Comments\n\n\n\nAlex \non \nSeptember 17, 2018 at 6:34 am \nsaid:\n\nGood news for the region at "
              "last, and about time too.\n\n\n\nJo Roe \non \nSeptember 18, 2018 at 9:02 am \nsaid:\n\nPrices at the pump "
              "have not fallen at all this year.\n\n\n\nHome\n\n\n\nContact\n")
    art = clean(RawDoc(doc_id="t", source="t.txt", text="Oil output rises - Example\n\n\n\n\nOil output rises\n" + body
                       + thread), CFG)
    assert art.dialect == D.NODES
    assert "statistics office" in art.text and "customs office" in art.text
    assert "Good news" not in art.text and "Prices at the pump" not in art.text
    assert any(b.rule == "comments.header_dated.v1" for b in art.dropped)


def test_documents_row_names_the_dialect() -> None:
    from pipeline.clean.page import clean, load_clean_config, passthrough
    from pipeline.outputs.contract import DOCUMENT_COLUMNS, document_row
    from pipeline.types import DocResult, RawDoc

    text = ("[Home](https://example.com/) [World](https://example.com/world) [Sport](https://example.com/s)\n\n"
            "# Port traffic rises\n\nCargo volumes at the port rose 4% in May, the authority said on Monday, "
            "citing demand for grain. See [the report](https://example.com/r) and [data](https://example.com/d).\n")
    doc = RawDoc(doc_id="d", source="d.md", text=text)
    cleaned = document_row(DocResult(doc=doc, status="ok", article=clean(doc, load_clean_config())))
    assert "dialect" in DOCUMENT_COLUMNS and cleaned["dialect"] == "markdown"
    assert document_row(DocResult(doc=doc, status="ok", article=passthrough(doc)))["dialect"] == ""
    assert document_row(DocResult(doc=doc, status="error", error="unreadable"))["dialect"] == ""


def test_shown_blanks_link_markup_and_keeps_offsets() -> None:
    from pipeline.clean.dialect import shown

    md = "Cargo rose [4% in May](https://example.com/a-b) and ![chart](/c.png) [![x](/i.png)](/p) ends.\nNext"
    out = shown(md, "markdown")
    assert len(out) == len(md) and out.split() == ["Cargo", "rose", "4%", "in", "May", "and", "ends.", "Next"]
    assert all(c == md[k] for k, c in enumerate(out) if c != " ")
    term = "Cargo rose [12]4% in May, [13]the port said."
    assert shown(term, "terminal").split() == ["Cargo", "rose", "4%", "in", "May,", "the", "port", "said."]
    assert shown(md, "plain") == md and shown(md, "nodes") == md


def test_sentences_of_a_markdown_page_point_at_raw_characters() -> None:
    from pipeline.clean.page import clean, load_clean_config
    from pipeline.clean.segment import segment
    from pipeline.types import RawDoc

    text = ("[Home](https://example.com/) [World](https://example.com/world) [Sport](https://example.com/s)\n\n"
            "# Port traffic rises\n\nCargo volumes at the port rose [4% in May](https://example.com/may-cargo),"
            " the authority said on Monday, citing demand for grain from [mills](https://example.com/m).\n\n"
            "Exports grew 3% in the month, the customs office said in a statement, the highest since 2011.\n")
    art = clean(RawDoc(doc_id="d", source="d.md", text=text), load_clean_config())
    assert "https" not in art.text and "4% in May" in art.text
    sentences = segment(art)
    assert any("4% in May" in s.text for s in sentences)
    for s in sentences:
        raw = text[s.start:s.end]
        assert len(raw) == len(s.text) and s.text[0] == raw[0] and s.text[-1] == raw[-1]
        assert all(c == raw[k] for k, c in enumerate(s.text) if c != " ")


_PROSE = ("The port authority said cargo volumes rose in May on strong demand for grain and coal from inland mills, "
          "and that the new berth opened in March had taken some of the load off the older quays near the river. "
          "Shipping lines added two weekly calls in the spring, the harbour master told reporters on Monday, and "
          "more are planned for the autumn when the dredging of the outer channel is finished. "
          "Freight rates fell slightly over the quarter, which helped exporters of timber and paper products, "
          "while the rail link to the inland terminal carried a record number of containers in the month.")


def _screen(bullet: str, indent: str, width: int = 80) -> str:
    """A made-up screen dump: a menu of bullets, a headline and the prose wrapped at ``width`` columns."""
    import textwrap

    menu = "\n".join(f"{indent}{bullet} {w}" for w in ("Home", "News", "Business", "Sport", "Weather"))
    body = "\n\n".join(textwrap.fill(p.strip() + ".", width, initial_indent=indent, subsequent_indent=indent)
                       for p in _PROSE.split(". ") if p.strip())
    return f"{menu}\n\n{indent}Port handles record cargo in May\n\n{body}\n"


@pytest.mark.parametrize("text", [_screen("•", "  "), _screen("☆", ""), _screen("*", "   ", 77)],
                         ids=["w3m-bullets", "w3m-stars", "lynx-indented"])
def test_a_screen_dump_without_link_numbers_is_read_by_its_wrapping(text: str) -> None:
    assert "[1]" not in text and "References" not in text
    assert D.detect(text) == D.TERMINAL
    spans = segment_blocks(text, D.TERMINAL)
    # each wrapped paragraph is one block again, its first line kept with the rest
    assert any(s.text.startswith(("The port authority", "   The port authority")) and "the older quays" in s.text
               for s in spans)


def test_lines_as_long_as_their_paragraphs_or_unmarked_wrapping_are_no_screen_dump() -> None:
    import textwrap

    # the same page as one text node a line: bullets, but every paragraph on one line as long as it is
    one_line = "\n".join(" ".join(g.split("\n")) for g in _screen("•", "  ").split("\n\n"))
    assert not D.screen_wrapped(one_line) and D.detect(one_line) != D.TERMINAL
    # wire copy hard-wrapped at 70 columns: no bullets, no indented text of a browser
    wire = "\n\n".join(textwrap.fill(p.strip() + ".", 70) for p in _PROSE.split(". ") if p.strip())
    assert D.detect("Port handles record cargo\n\n" + wire) == D.PLAIN


def test_a_screen_dump_is_read_by_its_wrapping_under_many_teasers_cut_short() -> None:
    """Teaser headlines cut short at varied lengths under a menu of bullets outnumber the wrapped lines of a
    short article: the lines do not pile up at the wrap width, but the prose still breaks at the browser's
    default 80 columns."""
    import textwrap

    teasers = [f"        {w} harbour board weighs new fees for the {'old ' * (k % 5)}quay"
               for k, w in enumerate(("Rail", "Ferry", "Grain", "Timber", "Coal", "Tug", "Crane", "Berth", "Pilot",
                                      "Dock", "Canal", "Lock", "Pier", "Wharf", "Barge", "Buoy") * 6)]
    body = "\n\n".join(textwrap.fill(p.strip() + ".", 79) for p in _PROSE.split(". ")[:3])
    text = "\n".join(f"  • {w}" for w in ("Home", "News", "Business", "Sport")) + "\n\n" + "\n\n".join(teasers) \
        + "\n\nPort handles record cargo in May\n\n" + body + "\n"
    lengths = [len(line.rstrip()) for line in text.split("\n")]
    assert D._width(lengths) < D.SCREEN_COLUMNS - 5  # the teasers hide the pile at the wrap width
    assert D.screen_wrapped(text) and D.detect(text) == D.TERMINAL


def test_a_screen_dump_without_bullets_is_told_by_its_pictures_named_in_brackets() -> None:
    """A short page dumped without link numbers, bullets or indentation: the pictures the browser names in
    brackets on their own lines ('[logo-compa]') mark it as a screen dump; hard-wrapped wire copy with one
    bracketed note stays plain text."""
    import textwrap

    wrapped = "\n\n".join(textwrap.fill(p.strip() + ".", 79) for p in _PROSE.split(". ") if p.strip())
    page = f"[logo-compa]\n\nPort handles record cargo in May\n\n[0819fd5e-8]\n\nHarbour Pictures\n\n{wrapped}\n"
    assert D.detect(page) == D.TERMINAL
    wire = "\n\n".join(textwrap.fill(p.strip() + ".", 70) for p in _PROSE.split(". ") if p.strip())
    assert D.detect(f"Port handles record cargo\n\n[Photo]\n\n{wire}") == D.PLAIN


def test_a_picture_name_or_rule_wider_than_the_screen_leaves_a_screen_dump_one() -> None:
    """The browser cannot break one long word: a picture's file name or a rule of box-drawing dashes stands
    wider than the screen in a dump that is wrapped everywhere else; a line of several words that wide is no
    screen's line."""
    page = _screen("•", "  ")
    long_lines = sum(len(line) >= 30 for line in page.split("\n"))
    name = "Harbour-master-greets-the-first-ship-at-the-new-berth-on-Monday,-May-2,-2024-in-Port-Ellis-" * 2
    rule = "━" * 120
    extra = max(1, int(D.SCREEN_MAX_WIDE * long_lines) + 1)
    wide_words = "\n\n".join([name[:130], rule] * extra)
    assert D.detect(f"{wide_words}\n\n{page}") == D.TERMINAL
    wide_lines = "\n\n".join([" ".join(["harbour"] * 16)] * (extra * 2))
    assert not D.screen_wrapped(f"{wide_lines}\n\n{page}")


def _wrapped(width: int) -> str:
    import textwrap

    return "\n\n".join(textwrap.fill(p.strip() + ".", width) for p in _PROSE.split(". ") if p.strip())


def test_a_short_screen_dump_is_told_by_a_rule_drawn_across_the_screen() -> None:
    """w3m draws a horizontal rule as heavy dashes across the screen's width: with such a rule one sentence
    broken at that width marks a short page as a screen dump, whose wrapped lines join again (a deck whose
    second line starts with a name is one block); wire copy under a typed rule of hyphens stays plain."""
    import textwrap

    deck = textwrap.fill("“We have to cut some costs and close two of the old sheds,” the port chairman "
                         "Robert Lindqvist said in a note to staff on Monday", 79)
    assert "\n" in deck and deck.split("\n")[1][0].isupper()  # the deck's second line starts with a name
    body = textwrap.fill(_PROSE.split(". ")[0] + ".", 79)
    menu = "\n".join(("Home", "News", "Business", "Sport", "Weather"))
    short = "\n".join(f"{w} fees for the quay rise again, the board said on Monday." for w in ("Rail", "Ferry", "Grain"))
    page = f"{menu}\n{'━' * 79}\n\nPort handles record cargo in May\n\n{deck}\n\n{body}\n\n{short}\n{short}\n{short}\n"
    assert D._wraps(page.split("\n"), [len(x) for x in page.split("\n")], 79) < D.SCREEN_MIN_WRAPS
    assert D.detect(page) == D.TERMINAL
    assert any(s.text == deck for s in segment_blocks(page, D.TERMINAL))
    assert D.detect(page.replace("━" * 79, "-" * 79)) != D.TERMINAL


def test_a_short_screen_dump_with_a_browsers_bullets_needs_no_wrapped_sentence() -> None:
    """A short page whose every sentence ends at its line's end (or in a script with no spaces) breaks no
    sentence at the screen's width: a menu of a browser's bullets on lines no wider than a screen still marks
    it as a screen dump; the same lines without the bullets do not."""
    menu = "\n".join(f"  • {w}" for w in ("Home", "News", "Business", "Sport", "Weather"))
    lines = [f"The {w} berth handled more grain in May than in any month before." for w in
             ("north", "south", "east", "west", "old", "new", "inner", "outer", "river", "canal", "ferry", "coal")]
    page = f"{menu}\n\nPort handles record cargo in May\n\n" + "\n\n".join(lines) + "\n"
    assert D._wraps(page.split("\n"), [len(x) for x in page.split("\n")], 79) == 0
    assert D.detect(page) == D.TERMINAL
    assert D.detect(page.replace("  • ", "")) != D.TERMINAL


@pytest.mark.parametrize("end", ["", "\n", "\r\n"])
def test_a_short_node_page_ending_its_last_line_with_a_line_break_is_a_node_page(end: str) -> None:
    """The line break that closes a file's last line opens no blank line: a page of stripped text nodes just
    long enough to tell (one blank line in 45 would be too many) stays a node page."""
    short = [f"Menu {i}" for i in range(D.NODE_MIN_LINES // 2 + 1)]
    prose = [f"The ministry said crude output rose {i}% in March from a year earlier, the customs office said."
             for i in range(D.NODE_MIN_LINES // 2 + 1)]
    text = "\n".join(short + prose) + end
    assert len(short + prose) < 1 / D.NODE_MAX_BLANK
    assert D.detect(text) == D.NODES
    assert D.detect(text + "\n\n\n") == D.PLAIN
