"""Page furniture a headline never is: menus, breadcrumbs, tag lists, glued labels, captions and credits, posting
lines, teasers addressed to the reader."""
from __future__ import annotations

import pytest

from pipeline.clean import furniture

from titlepages import CFG, HEADLINE


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
    assert furniture.not_headline(CFG.signal_rule("title_headline"), line) is caption


@pytest.mark.parametrize("line, glued", [
    ("NewsSportBusinessWeatherGoing OutHomes & GardensOpinion", True),
    ("HomeWorldBusinessSport", True),
    ("McDonald's opens iPhone store", False),
    ("YouTube and PlayStation deal", False),
])
def test_menu_labels_glued_together_are_no_headline(line: str, glued: bool) -> None:
    assert furniture.glued_menu(line) is glued


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
    assert furniture.not_headline(CFG.signal_rule("title_headline"), line) is caption


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
    assert furniture.not_headline(CFG.signal_rule("title_headline"), line) is caption


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
    assert furniture.reader_teaser(rule, line) is teaser


@pytest.mark.parametrize("line, is_furniture", [
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
def test_a_menu_breadcrumb_tag_list_or_glued_date_line_is_page_furniture(line: str, is_furniture: bool) -> None:
    assert furniture.furniture_line(line) is is_furniture


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
    assert furniture.not_headline(CFG.signal_rule("title_headline"), line) is posting


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
    assert furniture.not_headline(CFG.signal_rule("title_headline"), line) is label


@pytest.mark.parametrize("line", [
    "New York CNN —", "WASHINGTON (CNN) --",  # wire datelines
    "Sign in to your Harbour Post account or", "Read the full story and",  # a line running on into the next
    "Menu Sections logo https://www.harbourpost.example/ports/",  # a web address printed as text
])
def test_a_line_no_headline_is_shaped_so_is_furniture(line: str) -> None:
    assert furniture.furniture_line(line)


@pytest.mark.parametrize("line", [
    HEADLINE, "Cargo rises - and the quay fills up", "Why ferries need vitamin A", "MOSCOW — Putin Warns West",
    "PORT ELLIS — The Harbour Post",  # a byline's place and outlet: left to the weights
    "Rock and Roll", "Harbour fees rise -- and then?", "Ports - Harbour Post",
])
def test_a_headline_is_no_furniture(line: str) -> None:
    assert not furniture.furniture_line(line)
