"""Article text the clean stage must keep on scraped pages, on small made-up pages: paragraphs closing with a
quotation in the „German“, ‚single‘ or »inward guillemet« style, prose in Polish, an ordered list whose
numbers a node dump gives as text nodes of their own, and an article's lead a paywall cuts off with an ellipsis."""
from __future__ import annotations

import pytest

from pipeline.clean.blocks import Span, segment_blocks
from pipeline.clean.evidence import FEATURES, block_features, stop_share, block_words
from pipeline.clean.features import make_item
from pipeline.clean.page import clean, explain, load_clean_config
from pipeline.types import RawDoc

CFG = load_clean_config()


def _article(text: str, title: str = ""):
    return clean(RawDoc(doc_id="d", source="d.txt", text=text, title=title), CFG)


def _item(text: str):
    return make_item(Span(0, len(text), text, 0), heading_words=15)


# ------------------------------------------------------------------------------- quotations closing a paragraph


@pytest.mark.parametrize("text", [
    "Der Trainer lobte die Mannschaft nach dem Spiel: „Wir haben heute als Team gewonnen und bleiben oben.“",
    "Die Kapitänin sagte am Abend vor dem Finale im Hafenstadion: „Wir fahren nach Hause, und wir kommen wieder!“",
    "Der Bürgermeister zitierte den alten Spruch der Fischer am Hafen noch einmal: ‚Wer früh fährt, fängt viel.‘",
    "Die Ärztin erklärte den Eltern im Gespräch nach der Sprechstunde ganz ruhig: »Das Fieber sinkt bald wieder.«",
    "Le maire a répondu aux pêcheurs du port après la réunion du conseil : «Nous allons rouvrir le quai.»",
])
def test_a_paragraph_closing_with_a_quotation_after_its_full_stop_ends_a_sentence(text: str) -> None:
    it = _item(text)
    assert it.prose and not it.truncated
    vec = block_features([it], "nodes")[0][0]
    assert vec[FEATURES.index("terminal")] == 1.0


@pytest.mark.parametrize("text", [
    "Die Hafenbehörde stellte am Dienstag den neuen Plan für die Fähre vor und nannte ihn „Hafen 2030“",
    "Die Ärztin las den Eltern aus dem Ratgeber der Klinik für Kinder vor, dem Heft »Fieber im Winter«",
])
def test_a_quoted_name_after_a_word_still_leaves_its_sentence_open(text: str) -> None:
    it = _item(text)
    assert it.truncated and not it.prose
    vec = block_features([it], "nodes")[0][0]
    assert vec[FEATURES.index("terminal")] == 0.0


GERMAN_PAGE = """Startseite
Sport
Kontakt

Hafenstadt feiert den Aufstieg

Der FC Hafenstadt hat am Samstag mit einem 3:1 gegen die Gäste aus Nordheim den Aufstieg in die Regionalliga perfekt gemacht. Vor 4.000 Zuschauern trafen zweimal der Kapitän und einmal der junge Stürmer aus der eigenen Jugend.

Nach dem Abpfiff stürmten die Fans den Rasen, und die Mannschaft feierte noch lange mit ihnen in der Kurve. Der Verein kündigte für Sonntag einen Empfang am Rathaus an, zu dem alle Anhänger eingeladen sind.

Trainer Jan Berger sagte nach dem Spiel vor den Reportern in den Katakomben des Stadions: „Diese Mannschaft hat das ganze Jahr zusammengehalten. Heute hat sie sich dafür belohnt, und das hat sie verdient.“

Teilen
Drucken
"""


def test_the_last_paragraph_closing_with_a_german_quotation_is_no_cut_off_teaser() -> None:
    art = _article(GERMAN_PAGE)
    body = [b.text for b in art.body]
    assert any(b.startswith("Trainer Jan Berger sagte") for b in body), "\n".join(explain(art))
    assert not {"Teilen", "Drucken", "Startseite"} & set(body)


# ------------------------------------------------------------------------------------------------ Polish prose


def test_polish_function_words_count_as_stop_words() -> None:
    prose = block_words("Według danych urzędu liczba bezrobotnych w regionie spadła w marcu o 3 proc. i jest "
                        "najniższa od lat, a także niższa niż w sąsiednich powiatach.")
    menu = block_words("Kraj Świat Gospodarka Sport Kultura Zdrowie Nauka Opinie Galerie Kontakt")
    assert stop_share(prose) >= 0.25
    assert stop_share(menu) == 0.0


POLISH_PAGE = """Kraj
Świat
Gospodarka
Sport

Bezrobocie w regionie najniższe od lat

Stopa bezrobocia w regionie wyniosła w marcu 3,1 proc. i jest najniższa od lat, podał we wtorek urząd pracy. Liczba bezrobotnych spadła o 600 osób w porównaniu z lutym.

Dane te oznaczają, że region kolejny miesiąc pozostaje na pierwszym miejscu w kraju. Najwięcej ofert pracy zgłosiły firmy z branży budowlanej oraz handel.

Urząd zwraca uwagę, że na rynku pracy nadal brakuje kierowców i spawaczy. W ciągu roku liczba ofert dla nich wzrosła o 12 proc., a płace w tych zawodach są wyższe niż przed rokiem.

Udostępnij
Drukuj
"""


def test_a_polish_articles_paragraphs_are_the_densest_run_of_prose_and_kept_whole() -> None:
    items = [make_item(s, heading_words=15, dialect="nodes") for s in segment_blocks(POLISH_PAGE, "nodes")]
    start, end = block_features(items, "nodes")[1]
    assert [it.vis[:12] for it in items[start:end] if it.words >= 12] == ["Stopa bezrob", "Dane te ozna",
                                                                          "Urząd zwraca"]
    art = _article(POLISH_PAGE)
    body = [b.text for b in art.body]
    for start in ("Stopa bezrobocia", "Dane te oznaczają", "Urząd zwraca uwagę"):
        assert any(b.startswith(start) for b in body), "\n".join(explain(art))
    assert not {"Kraj", "Świat", "Udostępnij", "Drukuj"} & set(body)


# ------------------------------------------------------------------------------- ordered list numbers as nodes


def test_a_node_dumps_list_number_on_its_own_line_goes_with_its_item() -> None:
    text = "Zubereitung\n\n1.\n Die Äpfel waschen und würfeln.\n2.\n Die Pfanne erhitzen.\n3)\nServieren.\n"
    blocks = [s.text for s in segment_blocks(text, "nodes")]
    assert blocks == ["Zubereitung", "1.\n Die Äpfel waschen und würfeln.", "2.\n Die Pfanne erhitzen.",
                      "3)\nServieren."]


def test_a_list_number_joins_only_a_line_of_words_and_only_at_the_start_of_a_block() -> None:
    numbers = [s.text for s in segment_blocks("1.\n2.\n3.\n", "nodes")]
    assert numbers == ["1.", "2.", "3."]  # a column of numbers is no list item
    other = [s.text for s in segment_blocks("1.\nStep\n\nStep\n", "plain")]
    assert other == ["1.", "Step", "Step"]  # only node dumps give a number a line of its own


STEPS_PAGE = """Start
Rezepte
Kontakt

Apfel-Porridge mit Zimt

Dieses Porridge ist in zehn Minuten fertig und hält bis zum Mittag satt. Wir haben es mit Haferdrink gekocht, es gelingt aber genauso mit Milch oder mit Wasser.

1.
 Haferdrink mit Haferflocken und Zimt in einem Topf aufkochen und zwei Minuten köcheln lassen.
2.
 Äpfel waschen, entkernen und in kleine Würfel schneiden.
3.
 Das Porridge in Schalen füllen und mit den Äpfeln bestreuen.

Wer es süßer mag, gibt noch einen Löffel Honig darüber. Reste halten sich gut verschlossen einen Tag im Kühlschrank und lassen sich am nächsten Morgen wieder aufwärmen.

Teilen
Drucken
"""


def test_steps_numbered_in_nodes_of_their_own_stay_between_the_articles_paragraphs() -> None:
    art = _article(STEPS_PAGE)
    body = [" ".join(b.text.split()) for b in art.body]
    for step in ("1. Haferdrink mit Haferflocken", "2. Äpfel waschen", "3. Das Porridge in Schalen"):
        assert any(b.startswith(step) for b in body), "\n".join(explain(art))
    assert not {"Teilen", "Drucken", "Rezepte"} & set(body)


# ---------------------------------------------------------------------------------- a lead cut off by a paywall


PAYWALL_PAGE = """Abonnieren
Anmelden

Hafenrat berät über neue Gebühren

12.03.2024

Schiffe warten am Montag vor dem Hafen auf einen Liegeplatz am Terminal der

So will der Hafen Staus vermeiden

Der Hafenrat stimmt am Dienstag über einen Plan ab, Schiffe künftig nach Stunden zahlen zu lassen. Die großen Reedereien warnen vor Millionenkosten und davor, dass Ladung in andere Häfen abwandert …

Möchten Sie weiterlesen?

Jetzt abonnieren
"""

TEASER_LIST_PAGE = """Hafen-Nachrichten

Hafenrat berät über neue Gebühren

Der Hafenrat stimmt am Dienstag über einen Plan ab, Schiffe künftig nach Stunden zahlen zu lassen. Die großen Reedereien warnen vor Millionenkosten …

Fähre fährt wieder nach Fahrplan

Nach drei Wochen Bauarbeiten am Anleger fährt die Fähre zur Insel ab Montag wieder nach dem alten Fahrplan. Die Reederei entschuldigte sich bei den Pendlern …

Neuer Kran für das Containerterminal

Der größte Kran des Hafens ist am Wochenende aus China angekommen und soll im Mai in Betrieb gehen. Er kann Schiffe mit bis zu 24 Reihen entladen …
"""


def test_a_lead_cut_off_with_an_ellipsis_under_its_title_is_the_articles_text() -> None:
    art = _article(PAYWALL_PAGE, title="Hafenrat berät über neue Gebühren")
    lead = [b for b in art.body if b.text.startswith("Der Hafenrat stimmt")]
    assert lead and lead[0].rule == "lead.cut_lead.v1", "\n".join(explain(art))
    assert not {"Abonnieren", "Jetzt abonnieren", "Möchten Sie weiterlesen?"} & {b.text for b in art.body}


def test_the_first_of_a_list_of_teasers_cut_off_with_an_ellipsis_stays_a_teaser() -> None:
    art = _article(TEASER_LIST_PAGE)
    assert not [b for b in art.blocks if b.rule == "lead.cut_lead.v1"], "\n".join(explain(art))
    assert not [b for b in art.body if b.text.endswith("…")]
