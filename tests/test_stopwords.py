"""The clean wing's function words (:mod:`pipeline.clean.stopwords`): the short list of the languages most pages are
in, jusText's stop list joined for a page in another language, and the page language that picks it
(:func:`pipeline.clean.passes.page_function_words`); made-up pages in Turkish and Swedish."""
from __future__ import annotations

import pytest

from pipeline.clean.blocks import segment_blocks
from pipeline.clean.features import make_item
from pipeline.clean.page import clean, explain, load_clean_config
from pipeline.clean import passes
from pipeline.clean.stopwords import STOP_WORDS, function_words
from pipeline.types import RawDoc

CFG = load_clean_config()

TURKISH_PAGE = """Liman haberleri - Güncel haberler
Ara
Uygulamamızı indirin
Gündem
Ekonomi
Dünya
Spor
Magazin
Sağlık
Teknoloji
Yazılar
Politika
Eğitim
Ankara
İstanbul
Tüm Haberler

Limanda yük trafiği yüzde 8 arttı

Giriş: 03.07.2024 - 18:24
facebook
whatsapp
mail

Liman idaresi, geçen yıl limanda elleçlenen yük miktarının bir önceki yıla göre yüzde 8 artarak 41 milyon tona ulaştığını ve bunun son on yılın en yüksek seviyesi olduğunu açıkladı.

YENİ RIHTIM YOLDA

İdare, artışın büyük bölümünün konteyner taşımacılığından geldiğini, dökme yük ve araç taşımacılığının ise bir önceki yılla aynı düzeyde kaldığını bildirdi.

Açıklamada, yapımı süren yeni rıhtımın da bu yıl içinde hizmete gireceği ve böylece limanın yıllık kapasitesinin yaklaşık yüzde 20 artacağı belirtildi.

Gemilerin limanda bekleme süresi ise yeni randevu sistemi ile birlikte ortalama iki günden bir güne indi ve bu da taşıma maliyetlerini düşürdü.

BEKLEME SÜRESİ KISALDI

Yetkililer, bunun özellikle bölgedeki ihracatçılar için önemli bir kazanç olduğunu ve yeni yatırımların da bu sayede hızlanacağını söyledi.

Limanda çalışan işçi sayısının da geçen yıl 300 kişi artarak 2.100'e çıktığı, bu yıl ise yeni rıhtım için ek işçi alınacağı kaydedildi.

Paylaş
Yazdır
"""

SWEDISH_PAGE = """Hamnnytt - Senaste nytt
Sök
Ladda ner appen
Nyheter
Ekonomi
Världen
Sport
Nöje
Hälsa
Teknik
Debatt
Politik
Skola
Stockholm
Göteborg
Alla nyheter

Hamnens godsvolymer ökade med 8 procent

Publicerad: 03.07.2024 - 18:24
facebook
whatsapp
mail

Hamnen uppger att mängden gods som hanterades förra året ökade med 8 procent till 41 miljoner ton, vilket är den högsta nivån på tio år.

NY KAJ PÅ VÄG

Det mesta av ökningen kom enligt hamnen från containertrafiken, medan bulk och bilar låg kvar på samma nivå som året innan.

Den nya kajen som nu byggs ska tas i bruk under året, och den kommer enligt hamnen att öka kapaciteten med ungefär 20 procent.

Väntetiden för fartygen har samtidigt minskat från två dagar till en, sedan hamnen införde ett nytt system för att boka tider vid kajen.

KORTARE VÄNTAN

Det är en viktig vinst för exportörerna i regionen, och det gör att nya investeringar kan komma snabbare, säger hamnens vd.

Antalet anställda i hamnen har också ökat med 300 till 2 100 under förra året, och fler ska anställas när den nya kajen öppnar.

Dela
Skriv ut
"""


@pytest.mark.parametrize("language, words", [("tr", {"ve", "bir", "bu", "için"}), ("sv", {"och", "att", "som", "för"}),
                                             ("hu", {"és", "hogy", "az", "nem"}), ("no", {"og", "ikke", "som"})])
def test_a_language_the_short_list_does_not_hold_gets_justexts_stop_list(language: str, words: set[str]) -> None:
    assert words <= function_words(language)
    assert STOP_WORDS < function_words(language)


@pytest.mark.parametrize("language", ["en", "de", "pl", "", "xx", "zu"])
def test_the_listed_languages_and_unknown_ones_keep_the_short_list(language: str) -> None:
    assert function_words(language) is STOP_WORDS


@pytest.mark.parametrize("page, paragraphs, menu", [
    (TURKISH_PAGE, ("Liman idaresi, geçen", "İdare, artışın", "Açıklamada, yapımı", "Gemilerin limanda", "Yetkililer, bunun", "Limanda çalışan"), {"Gündem", "Paylaş", "Yazdır"}),
    (SWEDISH_PAGE, ("Hamnen uppger", "Det mesta", "Den nya kajen", "Väntetiden för", "Det är en", "Antalet anställda"), {"Nyheter", "Dela", "Skriv ut"}),
])
def test_an_articles_paragraphs_in_another_language_are_its_densest_run_and_kept(page, paragraphs, menu) -> None:
    art = clean(RawDoc(doc_id="d", source="d.txt", text=page), CFG)
    body = [b.text for b in art.body]
    for start in paragraphs:
        assert any(b.startswith(start) for b in body), "\n".join(explain(art))
    assert not menu & set(body)


def _items(page: str) -> list:
    return [make_item(s, 15) for s in segment_blocks(page, "plain")]


def test_the_page_language_is_read_from_its_prose_and_an_input_tag_wins(monkeypatch) -> None:
    read: list[tuple[str, str]] = []  # (text read, language read) of each read
    real = passes.document_language

    def reading(meta, text):
        language = real(meta, text)
        read.append((text, language[0]))
        return language

    monkeypatch.setattr(passes, "document_language", reading)
    assert passes.page_function_words(_items(TURKISH_PAGE), _doc(TURKISH_PAGE)) == function_words("tr")
    assert passes.page_function_words(_items(SWEDISH_PAGE), _doc(SWEDISH_PAGE)) == function_words("sv")
    assert [language for _, language in read] == ["tr", "sv"]
    assert not any(menu in text for text, _ in read for menu in ("Gündem", "Paylaş", "Nyheter", "Dela"))  # prose only
    tagged = RawDoc(doc_id="d", source="d.txt", text=SWEDISH_PAGE, meta=(("language", "nb-NO"),))
    assert passes.page_function_words(_items(SWEDISH_PAGE), tagged) == function_words("nb") != function_words("sv")
    assert passes.page_function_words(_items("Home\nNews\n"), _doc("Home\nNews\n")) is STOP_WORDS
    assert read[-1] == ("Home\nNews", "")  # no block long enough: every block is read, and no language found


def _doc(page: str) -> RawDoc:
    return RawDoc(doc_id="d", source="d.txt", text=page)


def test_a_page_whose_prose_holds_the_short_lists_words_is_not_read_for_its_language(monkeypatch) -> None:
    english = "Harbour\n\n" + "The harbour board said on Monday that the cargo it handled in May rose by a tenth.\n\n" * 3
    read: list[str] = []
    monkeypatch.setattr(passes, "document_language", lambda meta, text: (read.append("read"), ("tr", True))[1])
    assert passes.page_function_words(_items(english), RawDoc(doc_id="d", source="d.txt", text=english)) is STOP_WORDS
    assert read == []  # listed-language prose: no language read
    assert passes.page_function_words(_items(TURKISH_PAGE), RawDoc(doc_id="d", source="d.txt", text=TURKISH_PAGE)) \
        == function_words("tr")
    assert read == ["read"]
