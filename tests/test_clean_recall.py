"""Article text the clean stage must keep on scraped pages, on small made-up pages: paragraphs closing with a
quotation in the „German“, ‚single‘ or »inward guillemet« style."""
from __future__ import annotations

import pytest

from pipeline.clean.blocks import Span
from pipeline.clean.evidence import FEATURES, block_features
from pipeline.clean.features import make_item
from pipeline.clean.page import clean, explain, load_clean_config
from pipeline.types import RawDoc

CFG = load_clean_config()


def _article(text: str):
    return clean(RawDoc(doc_id="d", source="d.txt", text=text), CFG)


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
