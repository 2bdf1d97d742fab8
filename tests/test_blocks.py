"""Block segmentation (pipeline/clean/blocks.py): exact offsets, line groups, hard-wrapped prose, dump dialects."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import pytest

from pipeline.clean.blocks import blank_line_blocks, segment_blocks
from pipeline.clean.dialect import DIALECTS, EXTRACTED, MARKDOWN, NODES, PLAIN, TERMINAL


def _check_offsets(text: str, spans) -> None:
    last = -1
    for s in spans:
        assert text[s.start:s.end] == s.text
        assert s.text and s.text == s.text.strip()
        assert s.start > last
        last = s.end


def test_blank_lines_separate_blocks_with_exact_offsets() -> None:
    text = "Title line\n\n  First paragraph here.  \n\n\nSecond paragraph.\n"
    spans = segment_blocks(text)
    assert [s.text for s in spans] == ["Title line", "First paragraph here.", "Second paragraph."]
    assert [s.gap for s in spans] == [0, 1, 2]
    _check_offsets(text, spans)


def test_single_newline_paragraphs_are_separate_blocks() -> None:
    text = ("First paragraph of extracted text, which is long enough to be a paragraph of its own.\n"
            "Second paragraph follows on the next line without a blank line in between it and the first.\n"
            "Short heading\n"
            "Third paragraph.")
    spans = segment_blocks(text)
    assert len(spans) == 4
    assert spans[1].gap == 0
    _check_offsets(text, spans)


def test_repeated_title_lines_are_two_blocks() -> None:
    line = "Summer camp opens for 73 campers from 13 cities | Youth | Culture"
    spans = segment_blocks(f"{line}\n{line}\n\nBody text.")
    assert [s.text for s in spans[:2]] == [line, line]


def test_hard_wrapped_paragraph_stays_one_block() -> None:
    text = ("The company said its net profit rose 12 pct in the first quarter\n"
            "compared with a year earlier, helped by higher sales of its main\n"
            "products in Europe and lower interest costs.\n"
            "    A new paragraph starts with an indented line in wire copy and\n"
            "carries on here until the end of the sentence.")
    spans = segment_blocks(text)
    assert len(spans) == 2
    assert spans[0].text.endswith("lower interest costs.")
    assert spans[1].text.startswith("A new paragraph")
    _check_offsets(text, spans)


_LONG_PROSE = ("Container traffic at the port rose 12% in the first quarter to 410,000 units, the port authority said on "
               "Thursday in its report.")


@pytest.mark.parametrize("dialect", [PLAIN, EXTRACTED])
@pytest.mark.parametrize("items", [
    ["Cargo handled rose 8.5% to 9.6 million tonnes", "Average ship waiting time fell from 5 days to 3 days",
     "About 1,200 new dock workers were hired"],
    ["Exports rose 4% to $12.1 billion in the quarter", "2,400 jobs were added at the two plants this year"],
])
def test_a_list_of_lines_on_an_unwrapped_page_is_a_block_per_line(items: list[str], dialect: str) -> None:
    text = f"{_LONG_PROSE}\n\n" + "\n".join(items) + f"\n\n{_LONG_PROSE}"
    spans = segment_blocks(text, dialect)
    assert [s.text for s in spans] == [_LONG_PROSE, *items, _LONG_PROSE]
    _check_offsets(text, spans)


@pytest.mark.parametrize("lines", [
    # a sentence cut at a narrow width: the line ends in a function word, or the next starts in lower case
    ["The council said that rents rose 6% according to the Office for", "National Statistics and the Treasury."],
    ["The council said that rents in the city rose 6% last year, putting", "pressure on families and on the budget."],
])
def test_a_sentence_wrapped_at_a_narrow_width_stays_one_block_on_an_unwrapped_page(lines: list[str]) -> None:
    text = f"{_LONG_PROSE}\n\n" + "\n".join(lines)
    assert [s.text for s in segment_blocks(text)][1:] == ["\n".join(lines)]


def test_a_page_wrapped_elsewhere_keeps_capitalised_lines_of_a_paragraph_whole() -> None:
    # two sentences broken before a lower-case word show the page is wrapped: a long unwrapped line (a teaser)
    # does not make the capitalised lines of another paragraph a list
    wrapped = ("The company said its net profit rose 12 pct in the first quarter\n"
               "compared with a year earlier, helped by higher sales of its main\n"
               "products in Europe and lower interest costs.")
    quote = ('"They will temper it," said Judy Weissman, an analyst with Shearson\n'
             'Lehman Bros. "The main drop will probably come in July."')
    text = f"{wrapped}\n\n{quote}\n\n{_LONG_PROSE}"
    assert [s.text for s in segment_blocks(text)] == [wrapped, quote, _LONG_PROSE]


def test_a_wrapped_page_keeps_a_short_wrapped_paragraph_whole() -> None:
    # no line of the page is wider than the paragraph's own lines: its lines are wrapped, not listed
    lines = ["Cargo handled at the port rose 8.5% in the year", "Average waiting times fell to three days"]
    assert [s.text for s in segment_blocks("\n".join(lines))] == ["\n".join(lines)]


def test_short_menu_lines_are_not_treated_as_wrapped_prose() -> None:
    spans = segment_blocks("Home\nNews\nWorld\nBusiness")
    assert [s.text for s in spans] == ["Home", "News", "World", "Business"]


def test_blank_line_blocks_keep_line_groups_whole() -> None:
    text = "Title\nSubtitle\n\nParagraph one.\nStill paragraph one.\n\n\nParagraph two."
    spans = blank_line_blocks(text)
    assert [s.text for s in spans] == ["Title\nSubtitle", "Paragraph one.\nStill paragraph one.", "Paragraph two."]
    _check_offsets(text, spans)


def test_empty_and_blank_text() -> None:
    assert segment_blocks("") == []
    assert segment_blocks(" \n\n\t\n") == []


def test_crlf_line_ends() -> None:
    text = "Title\r\n\r\nParagraph one.\r\nParagraph two.\r\n"
    spans = segment_blocks(text)
    assert [s.text for s in spans] == ["Title", "Paragraph one.", "Paragraph two."]
    _check_offsets(text, spans)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .,\n\n \t|>\r")), max_size=300))
def test_offsets_are_exact_for_any_text(text: str) -> None:
    for dialect in DIALECTS:
        _check_offsets(text, segment_blocks(text, dialect))
    _check_offsets(text, blank_line_blocks(text))


def test_pathological_inputs_are_linear(cost_growth) -> None:
    found = {}
    for make, n in ((lambda k: "9" * k, 250_000), (lambda k: "ab\n" * k, 12_500)):
        growth = cost_growth(lambda k: found.__setitem__(make(1), segment_blocks(make(k))), n)
        assert growth.below_quadratic, growth
    assert len(found["9"]) == 1
    assert len(found["ab\n"]) == 100_000


# ------------------------------------------------------------------------------------------- dialects


def test_node_lines_cut_at_inline_links_are_joined() -> None:
    text = ("Oil output rises\n\nThe ministry said output rose, the \nstatistics office\n said on Tuesday, and \n"
            "exports\n rose too\n.\nA second paragraph starts here.\n")
    spans = segment_blocks(text, NODES)
    assert [s.text for s in spans] == [
        "Oil output rises",
        "The ministry said output rose, the \nstatistics office\n said on Tuesday, and \nexports\n rose too\n.",
        "A second paragraph starts here."]
    _check_offsets(text, spans)


def test_node_lines_cut_at_quoted_links_and_hyphenated_compounds_are_joined() -> None:
    # no space marks the cuts: an opening quote ends a line, a closing quote or a glued hyphen starts one
    text = ('Harbour fees rise\n\nThe port blamed a "\nrecord backlog\n" and rising „\nfuel costs\n“, the agency said.\n'
            "The Reuters\n-report came on Monday after the harbour board met.\nA new paragraph starts here.\n"
            "Menu\n- Home\n")
    spans = segment_blocks(text, NODES)
    assert [s.text for s in spans] == [
        "Harbour fees rise",
        'The port blamed a "\nrecord backlog\n" and rising „\nfuel costs\n“, the agency said.',
        "The Reuters\n-report came on Monday after the harbour board met.",
        "A new paragraph starts here.", "Menu", "- Home"]
    _check_offsets(text, spans)


def test_plain_lines_join_only_before_a_continuing_punctuation_mark() -> None:
    text = "Oil output rises\nThe ministry said output rose \nexports rose\n, the office said.\n"
    assert [s.text for s in segment_blocks(text, PLAIN)] == [
        "Oil output rises", "The ministry said output rose", "exports rose\n, the office said."]


def test_markdown_paragraphs_items_and_headings_are_blocks() -> None:
    text = ("# Oil output [rises](https://example.com/a-very-long-\nlink)\n\nThe ministry said output rose 5% in March\n"
            "from a year earlier.\n\n  * [Home](https://example.com/)\n  * [World](https://example.com/world\n"
            "/more)\n\n> A quoted line\n> goes on here.\n")
    spans = segment_blocks(text, MARKDOWN)
    assert [s.text.split("\n")[0] for s in spans] == [
        "# Oil output [rises](https://example.com/a-very-long-", "The ministry said output rose 5% in March",
        "* [Home](https://example.com/)", "* [World](https://example.com/world", "> A quoted line"]
    assert spans[-1].text.endswith("goes on here.")
    _check_offsets(text, spans)


def test_screen_dump_paragraphs_are_joined_at_the_wrap_width() -> None:
    line = "The ministry said crude output rose five percent in March from a year earlier"
    text = (f"{line}\nand exports rose too.\nShort line\nAnother line that does not continue\n\n"
            "  • [3]Home\n  • [4]World\n\nReferences:\n\n[3] https://example.com/\n[4] https://example.com/w\n")
    spans = segment_blocks(text, TERMINAL)
    assert [s.text for s in spans][:3] == [f"{line}\nand exports rose too.", "Short line",
                                           "Another line that does not continue"]
    assert "[3] https://example.com/" in [s.text for s in spans]
    _check_offsets(text, spans)


@pytest.mark.parametrize("dialect", DIALECTS)
def test_large_inputs_in_every_dialect(dialect: str) -> None:
    text = ("word [link](https://example.com/x) [12]more \n" * 20_000) + "9" * 200_000
    spans = segment_blocks(text, dialect)
    _check_offsets(text, spans)


def test_screen_width_is_where_wrapped_lines_pile_up() -> None:
    from pipeline.clean.dialect import screen_width

    words = ("the port authority said cargo volumes rose in may on demand for grain and coal from inland mills "
             * 40).split()
    lines, cur = [], ""
    for w in words:
        if len(cur) + 1 + len(w) > 79:
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}".strip()
    wide = ["| Port | Tonnes | Change | Share of total | Ships | Berths | Cranes | Notes on the quarter |"] * 4
    width = screen_width("\n".join(lines[:12] + wide + lines[12:]) + "\n")
    assert 75 <= width <= 79


def test_a_screen_dumps_table_cell_keeps_its_wrapped_paragraphs_whole() -> None:
    """A text browser lays an old page's table out in columns: the article's cell is indented, and its lines
    are wrapped at the screen's width counted from the start of the line, not from the indent; a line of a
    cell beside another (a gap of spaces in it) is measured from its text as before."""
    pad = " " * 22
    lines = ["The harbour board said cargo volumes rose 12% in May from a year",  # each next word starts
             "Earlier, when the new quay at Harbour City opened to ships from the",  # with a capital
             "North, and container traffic reached 410,000 boxes in the month."]
    cell = "\n".join(pad + line for line in lines)
    beside = "[1]Home" + " " * 15 + "Grain exports fell.\n[2]News"
    screen = "Wrapped at eighty columns as the text browser does it for a page with no table in it a"
    text = "\n\n".join([pad + "Harbour cargo rises 12% in May", cell, beside] + [screen] * 3) + "\n"
    spans = segment_blocks(text, TERMINAL)
    _check_offsets(text, spans)
    assert " ".join(lines) in [" ".join(s.text.split()) for s in spans]
    assert "Harbour cargo rises 12% in May" in [s.text for s in spans]
    assert [s.text for s in spans if "Home" in s.text or "News" in s.text] == [beside.split("\n")[0], "[2]News"]


@pytest.mark.parametrize("spacer", [" ", "\u00a0", "\u200b", " \u200b "])
def test_node_lines_join_across_a_line_of_only_spaces(spacer: str) -> None:
    # a space node between two links of one sentence stands on a line of its own; it does not end the sentence
    # a line above or under it that is no piece of a cut sentence stays apart: a headline over its byline, a
    # caption over a paragraph, a menu
    text = (f"Rail fares go up\n\nFrom \nMonday\n{spacer}\nNorthern Rail\n riders pay 5% more, \nthe operator\n said.\n"
            f"Rail fares go up\n{spacer}\nby Jo Park\n\nCommuters wait at Leeds station \non Monday\n{spacer}\n"
            f'"Fares rise again for the third year in a row," \nshe said\n.\n\nBy Jo Park, in \nTravel\n ·\n{spacer}\n'
            f"12 May 2024, 09:30\n\nRead more\n{spacer}\nTravel news\n")
    spans = segment_blocks(text, NODES)
    assert [" ".join(s.text.replace("\u200b", " ").split()) for s in spans] == [
        "Rail fares go up", "From Monday Northern Rail riders pay 5% more, the operator said.", "Rail fares go up",
        "by Jo Park", "Commuters wait at Leeds station on Monday",
        '"Fares rise again for the third year in a row," she said .', "By Jo Park, in Travel ·", "12 May 2024, 09:30",
        "Read more",
        "Travel news"]
    assert [s.gap for s in spans] == [0, 1, 0, 1, 1, 1, 1, 1, 1, 1]
    _check_offsets(text, spans)


@pytest.mark.parametrize("spacer", [" ", "\u00a0"])
def test_a_link_opening_a_sentence_joins_its_rest_across_a_line_of_only_spaces(spacer: str) -> None:
    # a paragraph that opens with a link ("The mayor resigned" / " " / "on Monday after ..."), under a finished
    # sentence or a blank line, is one sentence; a short lower-case line or a byline under a headline is not
    rest = "on Monday after six years in office, and a week after the vote on the harbour plan."
    text = (f"The council met on Friday.\nThe mayor resigned\n{spacer}\n{rest}\n\n"
            f"Harbour tolls\n{spacer}\n{rest}\n\n"
            f"Rail fares go up\n{spacer}\nby Jo Park and Ann Lee for the Travel desk\n\n"
            f"Read more\n{spacer}\nmore stories\n")
    spans = segment_blocks(text, NODES)
    assert [" ".join(s.text.split()) for s in spans] == [
        "The council met on Friday.", f"The mayor resigned {rest}", f"Harbour tolls {rest}", "Rail fares go up",
        "by Jo Park and Ann Lee for the Travel desk", "Read more", "more stories"]
    _check_offsets(text, spans)


def test_node_lines_join_at_a_dash_that_sets_off_a_clause() -> None:
    # a clause set off by dashes, each dash a text node of its own or glued to the clause, goes on with the
    # open sentence above it when the words after the dash go on in lower case; a tweet's signature, a dash
    # line under a web address or over a capitalised line does not
    text = ("Anyone whose career in politics was short\n—\nas mine was\n—\nis grateful for the question.\n"
            "Films such as \nHarbour Lights\n—it follows five gleaming cars through town.\n\n"
            "No planes in or out at the airport https://t.co/Ab12Cd\n— tall glass of tea (@tea_jo) May 3, 2024\n\n"
            "Ferries stop on Sunday\n—\nHarbour Post staff\n")
    spans = segment_blocks(text, NODES)
    assert [" ".join(s.text.split()) for s in spans] == [
        "Anyone whose career in politics was short — as mine was — is grateful for the question.",
        "Films such as Harbour Lights —it follows five gleaming cars through town.",
        "No planes in or out at the airport https://t.co/Ab12Cd", "— tall glass of tea (@tea_jo) May 3, 2024",
        "Ferries stop on Sunday", "—", "Harbour Post staff"]
    _check_offsets(text, spans)


@pytest.mark.parametrize("spacer", [" ", "\u00a0"])
def test_prose_cut_at_a_link_joins_its_rest_across_a_line_of_only_spaces(spacer: str) -> None:
    # a paragraph's line holding a finished sentence and open at its end, cut at a link, goes on in lower case
    # under a line of only spaces; a headline (no sentence finished inside it) does not
    rest = "wanted to keep the old ferry, but for reasons of cost voted for the new one."
    text = (f"People ask this all the time. Every member of the harbour board I have met\n{spacer}\n{rest}\n\n"
            f"Harbour board votes on the future of the old ferry service in May\n{spacer}\n{rest}\n")
    spans = segment_blocks(text, NODES)
    assert [" ".join(s.text.split()) for s in spans] == [
        f"People ask this all the time. Every member of the harbour board I have met {rest}",
        "Harbour board votes on the future of the old ferry service in May", rest]
    _check_offsets(text, spans)


def test_a_line_of_only_spaces_stops_the_join_in_other_dialects() -> None:
    text = "From \nMonday\n \nNorthern Rail\n riders pay more.\n"
    assert [s.text for s in segment_blocks(text, PLAIN)] == ["From", "Monday", "Northern Rail", "riders pay more."]


@pytest.mark.parametrize("text, blocks", [
    # a Japanese sentence cut at its links: the rest opens in hiragana (a particle) and holds a full stop
    ("気象庁は13日、\n宮崎県\nに1メートルの津波注意報を出した。\n", ["気象庁は13日、\n宮崎県\nに1メートルの津波注意報を出した。"]),
    # a list of places in running text, cut at each name's link: an ideographic comma goes on either way
    ("高鍋町\n、\n新富町、\n宮崎市\n", ["高鍋町\n、\n新富町、\n宮崎市"]),
    # a menu's words, in hiragana or not, stay lines of their own
    ("皇室\nおくやみ\n社会\n", ["皇室", "おくやみ", "社会"]),
    ("経済\nビジネス\nマーケット\n", ["経済", "ビジネス", "マーケット"]),
])
def test_cjk_prose_cut_at_links_joins_and_a_menu_does_not(text: str, blocks: list[str]) -> None:
    spans = segment_blocks(text, NODES)
    assert [s.text for s in spans] == blocks
    _check_offsets(text, spans)
