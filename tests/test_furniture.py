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
    ("Advertisement show ad", True),  # an ad slot's label and its button
    ("ADVERTISEMENT", True),
    ("Story continues below advertisement", False),  # not a label alone: other rules take it
    ("Advertisement spending on harbour radio falls", False),
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


@pytest.mark.parametrize("line, interface", [
    ("Accept & Close", True),
    ("Subscribe Search My Account Login", True),
    ("Log in | Sign up", True),
    ("Got it", True),
    ("Thank you for signing in.", True),
    ("Thanks for subscribing!", True),
    ("You are now logged in", True),
    ("Please sign in to continue reading", True),
    ("Sign in to your Harbour News account", True),
    ("I’ve Turned Off My Ad Blocker", True),
    ("We noticed you're using an ad blocker", True),
    ("Please disable your ad blocker to keep reading", True),
    ("↓ Zu den Kommentaren", True),
    ("Jump to comments", True),
    ("Comments are closed.", True),
    ("Show comments (12)", True),
    ("To learn more about commenting here please read our community guidelines", True),
    ("Help support the Harbour Trust's mission to restore the old quay", True),
    ("Support local journalism", True),
    ("Turn on push notifications", True),
    ("Link copied", True),
    ("Link copied!", True),
    ("Copied to clipboard", True),
    ("Copy link", True),
    ("Link kopiert", True),
    ("Link copied to a 2019 fraud ring, police say", False),
    ("Copy link between ferry and bus cut", False),
    ("English Español Français Deutsch", True),
    ("Thank you, nurses: the week the NHS turned 75", False),
    ("Thanks for the memories: harbour café closes after 90 years", False),
    ("Thank you for your service: the veterans who came home", False),
    ("Search and rescue teams reach the quay", False),
    ("Sign in to vote: polling stations open early", False),
    ("Close call for ferry in the fog", False),
    ("Accept the deal, union tells dockers", False),
    ("Save the date: harbour festival returns", False),
    ("Ad blockers cost publishers billions, study finds", False),
    ("Millions are using an ad blocker, survey finds", False),
    ("Support for the mission to Mars grows", False),
    ("Support our troops rally draws thousands", False),
    ("Read the comments of the minister on the port deal", False),
    ("Get alerts right: the new flood warning system", False),
    ("English Channel crossings rise in May", False),
])
def test_interface_text_is_no_headline(line: str, interface: bool) -> None:
    """Buttons, account links, sign-in, ad-blocker, comment, support and notification notices and language menus
    are what a site says about using it, never a headline; a headline in their words stays one."""
    assert furniture.not_headline(CFG.signal_rule("title_headline"), line) is interface


@pytest.mark.parametrize("line, promotion", [
    ("Sale: $2 for 2 months", True),
    ("Special offer: read for £1", True),
    ("Subscribe to Harbour Weekly! Save up to 65%", True),
    ("Digital access €3.99 for 3 months", True),
    ("Harbour pass to cost $40 per month", False),
    ("Read Now Or Checkout the archive", True),
    ("Browse the Harbour Weekly Archive", True),
    ("Cover of current issue", True),
    ("Go to the Harbour Post homepage", True),
    ("Back to home page", True),
    ("Visit Other Harbour Media Sites", True),
    ("Visit our store", True),
    ("Netflix raises prices to $15.49 a month", False),
    ("Ferry pass costs $40 for 2 months, council says", False),
    ("Sale of the harbour approved", False),
    ("Deal: harbour board and union agree", False),
    ("Subscribers save as fees fall", False),
    ("Researchers search the archives for the lost ship log", False),
    ("Cover of Time shows the harbour at dawn", False),
    ("Go back to the drawing board, minister told", False),
    ("Visit to the harbour site delayed", False),
])
def test_a_promotion_or_way_around_the_site_is_no_headline(line: str, promotion: bool) -> None:
    """A subscription or sale offer, a magazine's archive or cover, or a way to the home page or the publisher's
    other sites is the site talking about itself; a headline in those words stays one."""
    assert furniture.not_headline(CFG.signal_rule("title_headline"), line) is promotion


@pytest.mark.parametrize("line, menu", [
    ("हिन्दी বাংলা मराठी ગુજરાતી ಕನ್ನಡ தமிழ் മലയാളം తెలుగు", True),
    ("English Русский العربية", True),
    ("Deutsch Ελληνικά Русский 中文", True),
    ("東京の新しい駅が開業 JR東日本が発表", False),
    ("Putin (Путин) meets Xi (习近平) in Moscow", False),
    ("Zelensky says Україна will not cede land", False),
    ("Café prices rise in Zürich", False),
])
def test_a_language_menu_in_its_own_scripts_is_furniture(line: str, menu: bool) -> None:
    assert furniture.language_menu(line) is menu
    assert furniture.furniture_line(line) is menu
