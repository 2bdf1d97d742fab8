"""Tests of pipeline.extract.context: the subject of a claim (its periods: tests/test_period.py)."""
from __future__ import annotations

import pytest
import regex

from pipeline.extract.claim_rules import load_claim_rules
from pipeline.extract.context import (
    age_holder,
    article_subject,
    HONORIFICS,
    OFFICES,
    attributive,
    dateline_end,
    named_over_attributive,
    named_subjects,
    written_names,
    people_named,
    pick_subject,
    place_names,
    reporting_body,
    source_after,
    speaker_named,
    speaking,
    subject_entities,
)
from pipeline.extract.ner import Entity, Token
from pipeline.extract.quantities import Quantity

RULES = load_claim_rules()


def quantity(text: str, q: str, unit: str) -> Quantity:
    start = text.index(q)
    return Quantity(start, start + len(q), q, 1.0, unit, "exact", "test.quantity")


def test_subject_prefers_clause_subject_over_names_in_lists():
    text = "Berlin researchers published 80 papers in Nature, Science and Cell, an increase of 9%."
    found = [quantity(text, "80", "count"), quantity(text, "9%", "%")]
    ents = [Entity(0, 6, "GPE", "Berlin"), Entity(text.index("Cell"), text.index("Cell") + 4, "ORG", "Cell")]
    assert pick_subject(text, 0, found[1], ents, found) == "Berlin"


def test_short_opening_clause_gives_the_subject():
    text = "In Shanghai, exports rose 5%."
    q = quantity(text, "5%", "%")
    assert pick_subject(text, 0, q, [Entity(3, 11, "GPE", "Shanghai")], [q]) == "Shanghai"


def test_person_label_on_a_zone_name_is_kept_digits_are_not():
    ents = [Entity(0, 20, "PERSON", "Pudong Free Trade Zone"), Entity(30, 35, "PERSON", "Li Wei"),
            Entity(40, 53, "PERSON", "VV116 COVID-19"), Entity(60, 72, "ORG", "the Ministry")]
    assert [e.text for e in subject_entities(ents, RULES)] == ["Pudong Free Trade Zone", "Ministry"]


def test_a_name_read_with_the_figure_after_it_keeps_the_name():
    # a list member's name and figure read as one name ("Brenna 0.7%") keep the name; an index's members stay out
    text = "Tolvik rose 2.3%, Brenna 0.7% and Ardo 1.5 percent; the FTSE 100 fell."
    ents = _ents(text, ("Brenna 0.7%", "ORG"), ("Ardo 1.5 percent", "ORG"), ("FTSE 100", "ORG"))
    got = subject_entities(ents, RULES)
    assert [(e.text, text[e.start : e.end]) for e in got] == [("Brenna", "Brenna"), ("Ardo", "Ardo")]


def test_the_article_subject_given_its_title_is_the_name_the_title_writes_first():
    ents = [Entity(0, 5, "GPE", "Japan"), Entity(9, 15, "ORG", "Nissan"), Entity(20, 25, "GPE", "Japan"),
            Entity(30, 33, "ORG", "Sun")]
    assert article_subject(ents, "Nissan cuts output in Japan") == "Nissan"  # however often Japan is named
    assert article_subject(ents, "Sun offers processing by the hour") == "Sun"
    assert article_subject(ents, "Sunny days ahead") == ""  # a name is a word of its own
    assert article_subject(ents, "Notes from the week") == "" and article_subject(ents) == "Japan"


def test_article_subject_prefers_places():
    ents = [Entity(0, 4, "ORG", "Acme"), Entity(10, 14, "ORG", "Acme"), Entity(20, 25, "GPE", "Paris")]
    assert article_subject(ents) == "Paris"
    assert article_subject(ents[:2]) == "Acme" and article_subject([]) == ""


# ------------------------------------------------------------------ subjects from the parse, periods per quantity
import pytest  # noqa: E402

from pipeline.extract import ner  # noqa: E402
from pipeline.extract.context import (  # noqa: E402
    foreign_names,
    parse_subject,
    place_after,
)

needs_model = pytest.mark.skipif(not ner.model_available(), reason="spaCy model package not installed")


@needs_model
@pytest.mark.parametrize(("text", "q", "subject"), [
    ("In New York, Toyota shares fell 3.1 percent on Friday.", "3.1 percent", "Toyota"),
    ("Analysts in London said Apple's iPod sales rose 5% in the quarter.", "5%", "Apple"),
    ("The company said profit rose 5%.", "5%", ""),
])
def test_parse_subject(text: str, q: str, subject: str):
    parsed = ner.parse([text], [0])[0]
    ents = subject_entities(parsed.entities, RULES)
    start = text.index(q)
    assert parse_subject(parsed.tokens, start, start + len(q), ents) == subject


def test_place_after_a_quantity_in_its_clause():
    text = "In 2022, 25273 contracts were exported among the provinces in the Yangtze River Delta, up 20.3%."
    yrd = text.index("Yangtze")
    ents = [Entity(yrd, yrd + len("Yangtze River Delta"), "LOC", "Yangtze River Delta")]
    found = [quantity(text, "25273", "count"), quantity(text, "20.3%", "%")]
    assert place_after(text, 0, found[0], ents, found) == "Yangtze River Delta"
    assert place_after(text, 0, found[1], ents, found) == ""


def _ents(text: str, *named: tuple[str, str]) -> list[Entity]:
    return [Entity(text.index(t), text.index(t) + len(t), label, t) for t, label in named]


def test_a_dateline_is_no_subject():
    text = "WASHINGTON — NASA said it was adding five companies."
    assert dateline_end(text) == len("WASHINGTON — ")
    assert dateline_end("SANTA FE, N.M. (AP) — A cat was found.") == len("SANTA FE, N.M. (AP) — ")
    assert dateline_end("NASA said five.") == 0
    assert dateline_end("OSLO/BERGEN, May 4 (Wirenews) - A ferry sank.") == len("OSLO/BERGEN, May 4 (Wirenews) - ")
    assert dateline_end("(Wirenews) -- A ferry sank.") == len("(Wirenews) -- ")
    assert dateline_end("Oslo-based Acme - a ferry firm - grew.") == 0
    q = quantity(text, "five", "count")
    ents = _ents(text, ("WASHINGTON", "GPE"), ("NASA", "ORG"))
    assert pick_subject(text, 0, q, ents, [q]) == "NASA"


def test_an_age_describes_the_person_set_against_it():
    after = "The 41-year-old Dr Hannah Berg was appointed by Northwind in May."
    q = quantity(after, "41-year", "year")
    people = _ents(after, ("Hannah Berg", "PERSON"))
    assert age_holder(after, 0, q, people) == "Hannah Berg"
    assert pick_subject(after, 0, q, _ents(after, ("Northwind", "ORG")), [q], people) == "Hannah Berg"
    apposed = "Gerald Fenn, the firm's 37-year-old founder, said sales at Northwind rose."
    q = quantity(apposed, "37-year", "year")
    assert age_holder(apposed, 0, q, _ents(apposed, ("Gerald Fenn", "PERSON"))) == "Gerald Fenn"
    other = "Lena Ortiz said that, in Leeds, a 30-year-old man was held."  # an apposition ends at a comma
    q = quantity(other, "30-year", "year")
    assert age_holder(other, 0, q, _ents(other, ("Lena Ortiz", "PERSON"))) == ""
    kin = "One neighbour, Tom Reyes, said his 8-year-old nephew was inside."
    q = quantity(kin, "8-year", "year")
    assert age_holder(kin, 0, q, _ents(kin, ("Tom Reyes", "PERSON"))) == "Tom Reyes"
    span = "Gerald Fenn ran the firm for 37 years."  # a duration, not an age
    assert age_holder(span, 0, quantity(span, "37 years", "year"), _ents(span, ("Gerald Fenn", "PERSON"))) == ""


def test_a_person_opening_the_sentence_is_its_subject_unless_a_speaker():
    text = "Assange, who denies it, has avoided extradition to Sweden for seven years."
    q = quantity(text, "seven years", "year")
    people = _ents(text, ("Assange", "PERSON"))
    assert pick_subject(text, 0, q, _ents(text, ("Sweden", "GPE")), [q]) == "Sweden"
    assert pick_subject(text, 0, q, _ents(text, ("Sweden", "GPE")), [q], people) == "Assange"
    said = "Cook said Apple employs about 450 people."
    q = quantity(said, "about 450", "count")
    assert pick_subject(said, 0, q, _ents(said, ("Apple", "ORG")), [q], _ents(said, ("Cook", "PERSON"))) == "Apple"



def test_a_speaker_in_apposition_is_not_what_they_count():
    # the count reported is about the clause after "said", never about who reports it
    text = "The trainer, Mia Holt, said 9 runners had pulled out."
    q = quantity(text, "9", "count")
    assert pick_subject(text, 0, q, [], [q], _ents(text, ("Mia Holt", "PERSON"))) == ""
    named = "The trainer, Mia Holt, said Northwind had lost 9 runners."
    q = quantity(named, "9", "count")
    ents = _ents(named, ("Northwind", "ORG"))
    assert pick_subject(named, 0, q, ents, [q], _ents(named, ("Mia Holt", "PERSON"))) == "Northwind"

@pytest.mark.parametrize(("text", "q", "named", "subject"), [
    # a person who says a figure, past asides set off by commas or right before it, is not whom it is about
    ("Maria Gomez, 38, a teacher, said rents in Leeds had risen by 15%.", "15%",
     [("Maria Gomez", "PERSON"), ("Leeds", "GPE")], "Leeds"),
    ("Dr Ann Kerr said 30% of patients waited more than four hours.", "30%", [("Ann Kerr", "PERSON")], ""),
    ("Prime Minister Yulia Tymoshenko said as many as 3,000 firms could be listed.", "as many as 3,000",
     [("Yulia Tymoshenko", "PERSON")], ""),
    # a one-word name that opens the speaker's title of office is no body of the sentence
    ("Defense Minister Hulusi Akar said Turkish forces destroyed eight helicopters.", "eight",
     [("Defense", "ORG"), ("Hulusi Akar", "PERSON"), ("Turkish", "NORP")], "Turkish"),
    # a verb that takes the figure as its object keeps its person; a longer name before an office is a body
    ("Kevin Yearout has added about 80 jobs.", "about 80", [("Kevin Yearout", "PERSON")], "Kevin Yearout"),
    ("Indiana House Speaker Brian Bosma backed a budget that rose by 2.5%.", "2.5%",
     [("Indiana House", "ORG"), ("Brian Bosma", "PERSON")], "Indiana House"),
])
def test_a_speaker_and_the_office_they_hold_are_not_what_they_report(text: str, q: str, named: list, subject: str):
    f = quantity(text, q, "%" if "%" in q else "count")
    ents = _ents(text, *named)
    places = [e for e in place_names(text, 0, ents, RULES.place_nouns, RULES.body_nouns) if e.label != "PERSON"]
    assert pick_subject(text, 0, f, places, [f], ents) == subject


@pytest.mark.parametrize(("text", "named", "people"), [
    # a name an age follows in apposition, or one a personal title opens, is a person's whatever the model said
    ("Smith, 45, a nurse, said costs rose 10%.", [("Smith", "ORG")], [("Smith", "PERSON")]),
    ("Mr Cable said 40% of pensioners paid more.", [("Mr Cable", "ORG")], [("Mr Cable", "PERSON")]),
    ("Defense Minister Hulusi Akar said eight.", [("Defense", "ORG"), ("Hulusi Akar", "PERSON")],
     [("Hulusi Akar", "PERSON")]),
    # a place an age follows, or a title that opens a firm's name, stays
    ("General Motors cut 4,000 jobs.", [("General Motors", "ORG")], [("General Motors", "ORG")]),
    ("Paris, 12, Lyon, 9.", [("Paris", "GPE")], [("Paris", "GPE")]),
])
def test_people_are_read_by_the_words_around_them(text: str, named: list, people: list):
    assert [(e.text, e.label) for e in people_named(text, 0, _ents(text, *named))] == people


def test_a_phrase_the_model_reads_as_a_name_in_lower_case_is_none():
    text = "Italy's national hotel federation said the sector had shed 106,000 jobs."
    q = quantity(text, "106,000", "count")
    ents = subject_entities(_ents(text, ("Italy", "GPE"), ("national hotel federation", "ORG")), RULES)
    assert [e.text for e in ents] == ["Italy"]
    assert pick_subject(text, 0, q, ents, [q]) == "Italy"  # whose federation it is
    assert [e.text for e in subject_entities(_ents("上海 grew 5%.", ("上海", "GPE")), RULES)] == ["上海"]


def test_a_possessive_chain_gives_the_entity_it_ends_in():
    text = "Hong Kong's Hang Seng Index was last trading up about 1%."
    q = quantity(text, "about 1%", "%")
    ents = _ents(text, ("Hong Kong", "GPE"), ("Hang Seng Index", "ORG"))
    assert pick_subject(text, 0, q, ents, [q]) == "Hang Seng Index"


@pytest.mark.parametrize(("text", "q", "ents", "people", "subject"), [
    # a relative clause is about the name right before its comma
    ("She went to Oslo for a meeting of the Nordic Council, which gave $2 million to the fund.", "$2 million",
     [("Oslo", "GPE"), ("Nordic Council", "ORG")], [], "Nordic Council"),
    ("He ran on the reform in Ohio, which gave cover to more than 300,000 workers.", "more than 300,000",
     [("Ohio", "GPE")], [], "Ohio"),
    ("Fans cheered the Hornets, who have won nine of 10.", "nine", [("Hornets", "ORG")], [], "Hornets"),
    # ... unless the relative clause names its own
    ("She met the Nordic Council, which said Sweden gave $2 million.", "$2 million",
     [("Nordic Council", "ORG"), ("Sweden", "GPE")], [], "Sweden"),
    # a figure in apposition to a person (an age) is the person's
    ("A jury in Tulsa later convicted Harlan Price, 47, of fraud.", "47", [("Tulsa", "GPE")],
     [("Harlan Price", "PERSON")], "Harlan Price"),
    # an opening participle clause with no name is about the name that opens the next clause
    ("Lately, having won three times in a row, Moreno is on a roll.", "three times", [],
     [("Moreno", "PERSON")], "Moreno"),
    # a person's relative clause, also after an apposition, is about what the person did, past other names in it
    ("Writer Ines Moll, who has visited Peru 12 times, gave tips.", "12 times", [("Peru", "GPE")],
     [("Ines Moll", "PERSON")], "Ines Moll"),
    ("Karl Benn, a nurse who has worked in Leeds for 12 years, said so.", "12 years", [("Leeds", "GPE")],
     [("Karl Benn", "PERSON")], "Karl Benn"),
    ("Acme, a firm that works in Leeds, hired 12 staff.", "12", [("Acme", "ORG"), ("Leeds", "GPE")], [], "Acme"),
    # a person opening the sentence after a title or rank still opens it
    ("Senator Hale Brandt tweeted 12 times about the vote.", "12 times", [], [("Hale Brandt", "PERSON")],
     "Hale Brandt"),
    ("Lt. Col. Omar Haddad led 300 troops into the town.", "300", [], [("Omar Haddad", "PERSON")], "Omar Haddad"),
    ("Congresswoman Lina Oduya sent 30 letters to the agency.", "30", [], [("Lina Oduya", "PERSON")], "Lina Oduya"),
    ("Sheriff Dale Prince made 14 arrests at the fair.", "14", [], [("Dale Prince", "PERSON")], "Dale Prince"),
    ("Gov. Rosa Quint signed 9 bills on Friday.", "9", [], [("Rosa Quint", "PERSON")], "Rosa Quint"),
    ("Pastor Jon Ekwe fed 200 families at Easter.", "200", [], [("Jon Ekwe", "PERSON")], "Jon Ekwe"),
    # ... and so does one opening a clause framed by a subordinating word
    ("And when Hale Brandt tweeted 12 times, the vote was lost.", "12 times", [], [("Hale Brandt", "PERSON")],
     "Hale Brandt"),
    ("When Ana Ruiz was six months pregnant, she moved.", "six months", [], [("Ana Ruiz", "PERSON")], "Ana Ruiz"),
    ("Senator Hale Brandt said the storm flooded 12 towns.", "12", [], [("Hale Brandt", "PERSON")], ""),
    ("Mayor Ida Roth also revealed that 12 more arrests were made.", "12", [], [("Ida Roth", "PERSON")], ""),
    # an exchange and ticker in brackets are no clause of their own: the company before them is the subject
    ("Pellam Rail Co. (NYSE: PLR) cut 40 routes.", "40", [("Pellam Rail Co.", "ORG"), ("NYSE", "ORG"),
                                                         ("PLR", "ORG")], [], "Pellam Rail Co."),
    ("Shares of Dunmore Labs (NASDAQ: DNML) hit 12 highs.", "12", [("Dunmore Labs", "ORG"), ("DNML", "ORG")], [],
     "Dunmore Labs"),
])
def test_the_shape_of_a_clause_gives_its_subject(text: str, q: str, ents: list, people: list, subject: str):
    found = quantity(text, q, "count")
    assert pick_subject(text, 0, found, _ents(text, *ents), [found], _ents(text, *people)) == subject


def test_a_title_of_office_is_listed_once():
    assert not OFFICES & HONORIFICS
    assert {"Congressman", "Mayor", "Sheriff", "Rabbi", "Councillor", "Admiral"} <= OFFICES


def _tagged(text: str, *pos: str) -> list[Token]:
    """The words and signs of ``text`` as tokens with the parts of speech ``pos`` in order."""
    words = list(regex.finditer(r"\w+|[^\w\s]", text))
    assert len(words) == len(pos), [m.group() for m in words]
    return [Token(m.start(), m.end(), m.group(), p, "", k) for k, (m, p) in enumerate(zip(words, pos))]


@pytest.mark.parametrize(("text", "pos", "ents", "names"), [
    # an opening proper noun the model left unlabelled, before a verb or "shares", is a subject
    ("Tesla cut prices by 5%", ("PROPN", "VERB", "NOUN", "ADP", "NUM", "NOUN"), [], ["Tesla"]),
    ("Acme shares fell 12%", ("PROPN", "NOUN", "VERB", "NUM", "NOUN"), [], ["Acme"]),
    ("The Globex Group raised fees 3%", ("DET", "PROPN", "PROPN", "VERB", "NOUN", "NUM", "NOUN"), [], ["Globex Group"]),
    # ... but not a person's title and name, a title of a work, or a name before a comma
    ("Mr Ebbers faces 85 years", ("PROPN", "PROPN", "VERB", "NUM", "NOUN"), [], []),
    ("A Grand Day sold 90000", ("DET", "PROPN", "PROPN", "VERB", "NUM"), [], []),
    ("Zentrix, the maker, sold 90", ("PROPN", "PUNCT", "DET", "NOUN", "PUNCT", "VERB", "NUM"), [], []),
    # an opening noun before a noun is no organisation, whatever the model said
    ("House prices in London rose 3%", ("NOUN", "NOUN", "ADP", "PROPN", "VERB", "NUM", "NOUN"),
     [("House", "ORG"), ("London", "GPE")], ["London"]),
    # an index keeps the number of its members
    ("The FTSE 100 gained 40 points", ("DET", "PROPN", "NUM", "VERB", "NUM", "NOUN"), [("FTSE", "ORG")], ["FTSE 100"]),
    # a country or nationality and the government it names are one subject; an organisation keeps its own name
    ("The Kenyan government cut taxes 8%", ("DET", "ADJ", "NOUN", "VERB", "NOUN", "NUM", "NOUN"), [("Kenyan", "NORP")],
     ["Kenyan government"]),
    ("Ruritania administration staff fell 8%", ("PROPN", "NOUN", "NOUN", "VERB", "NUM", "NOUN"),
     [("Ruritania", "GPE")], ["Ruritania administration"]),
    ("Acme government sales fell 8%", ("PROPN", "NOUN", "NOUN", "VERB", "NUM", "NOUN"), [("Acme", "ORG")], ["Acme"]),
])
def test_named_subjects_read_the_parts_of_speech(text: str, pos: tuple[str, ...], ents: list, names: list[str]):
    found = _ents(text, *ents)
    assert [e.text for e in named_subjects(text, 0, found, found, _tagged(text, *pos))] == names


def test_written_names_are_capitalised_inside_a_sentence():
    text = "Morrisons Cuts Prices. Prices fell at Morrisons, Tesco and Aldi. Analysts said so."
    assert written_names(text) == frozenset(("Morrisons", "Tesco", "Aldi"))


@pytest.mark.parametrize(("text", "pos", "names", "subjects"), [
    # a name the tagger read as a noun, written capitalised elsewhere on the page, before a verb and its object
    ("Morrisons cut prices by 5%", ("NOUN", "VERB", "NOUN", "ADP", "NUM", "NOUN"), {"Morrisons"}, ["Morrisons"]),
    ("Greggs opened 150 shops", ("NOUN", "VERB", "NUM", "NOUN"), {"Greggs"}, []),   # the figure follows the verb
    ("Prices rose 5%", ("NOUN", "VERB", "NUM", "NOUN"), set(), []),                 # never written as a name
    ("Halfords raised its dividend", ("NOUN", "VERB", "PRON", "NOUN"), set(), []),  # the page does not say
])
def test_opening_noun_written_as_a_name_is_a_subject(text: str, pos: tuple[str, ...], names: set[str],
                                                      subjects: list[str]):
    tokens = _tagged(text, *pos)
    assert [e.text for e in named_subjects(text, 0, [], [], tokens, frozenset(names))] == subjects


@pytest.mark.parametrize(("text", "pos", "names", "subjects"), [
    # a word in title case opening the sentence before a noun in lower case, never written as a name elsewhere
    ("Villa prices fell 2%", ("PROPN", "NOUN", "VERB", "NUM", "NOUN"), {"Halverton"}, []),
    ("Quorra sales fell 2%", ("PROPN", "NOUN", "VERB", "NUM", "NOUN"), {"Quorra"}, ["Quorra"]),   # written inside
    ("OPEC output fell 2%", ("PROPN", "NOUN", "VERB", "NUM", "NOUN"), {"Halverton"}, ["OPEC"]),   # no title case
    ("The Brindle order fell 2%", ("DET", "PROPN", "NOUN", "VERB", "NUM", "NOUN"), {"Halverton"}, ["Brindle"]),
    # one opening word the tagger reads as a common noun or an adjective, never written as a name elsewhere
    ("Bruised ribs kept 3 players out", ("ADJ", "NOUN", "VERB", "NUM", "NOUN", "ADV"), {"Halverton"}, []),
    ("Rowers crossed 40 km", ("NOUN", "VERB", "NUM", "NOUN"), {"Halverton"}, []),
    ("Rowers crossed 40 km", ("NOUN", "VERB", "NUM", "NOUN"), {"Rowers"}, ["Rowers"]),  # a name on this page
])
def test_an_opening_word_never_written_as_a_name_before_a_noun_is_none(text: str, pos: tuple[str, ...],
                                                                      names: set[str], subjects: list[str]):
    first = text.split()[1] if text.startswith("The ") else text.split()[0]
    found = _ents(text, (first, "ORG"))
    assert [e.text for e in named_subjects(text, 0, found, found, _tagged(text, *pos), frozenset(names))] == subjects


@pytest.mark.parametrize(("text", "q", "ents", "subject"), [
    ("Sales at Corvo rose 4% and profits at Linden fell 2%.", "2%", [("Corvo", "ORG"), ("Linden", "ORG")], "Linden"),
    ("Exports to Brazil rose 5% while imports from Chile fell 3%.", "3%", [("Brazil", "GPE"), ("Chile", "GPE")],
     "Chile"),
    # not a list of names, an aside or a name far into the second clause
    ("Plants in 11 towns of Ontario and Quebec face a strike by 400 staff.", "400",
     [("Ontario", "GPE"), ("Quebec", "GPE")], "Ontario"),
    ("Corvo will test a 8Mbps line and then plans to take over the network from Linden to offer 15Mbps.", "15Mbps",
     [("Corvo", "ORG"), ("Linden", "ORG")], "Corvo"),
])
def test_a_clause_coordinated_after_a_figure_has_its_own_subject(text: str, q: str, ents: list, subject: str):
    earlier = next(m.group() for m in regex.finditer(r"\d[\d.,]*\S*", text) if m.group().rstrip(".") != q)
    found = sorted([quantity(text, earlier.rstrip("."), "count"), quantity(text, q, "count")], key=lambda f: f.start)
    assert pick_subject(text, 0, found[-1], _ents(text, *ents), found) == subject


@pytest.mark.parametrize(("text", "q", "ents", "subject"), [
    ("House prices fell 0.8% in March, according to Halifax.", "0.8%", [("Halifax", "ORG")], "Halifax"),
    ("Car sales fell 12%, figures from the Vehicle Board showed.", "12%", [("Vehicle Board", "ORG")],
     "Vehicle Board"),
    ("Retail sales fell 1.2%, the Statistics Office said.", "1.2%", [("Statistics Office", "ORG")],
     "Statistics Office"),
    ("Output fell 3%, Corvo said.", "3%", [("Corvo", "ORG")], ""),   # a name without 'the' may be a person
    ("Output fell 3% at Corvo.", "3%", [("Corvo", "ORG")], ""),
])
def test_a_source_named_after_a_figure(text: str, q: str, ents: list, subject: str):
    assert source_after(text, 0, quantity(text, q, "%"), _ents(text, *ents)) == subject


def test_a_news_outlet_reporting_a_figure_is_not_its_subject():
    assert "Bloomberg" in RULES.outlets and "Bloomberg" not in RULES.subject_words
    assert "Agency" in RULES.subject_words and "Agency" not in RULES.outlets
    text = "Its profit climbed 9%, according to Bloomberg."
    found = quantity(text, "9%", "%")
    assert source_after(text, 0, found, _ents(text, ("Bloomberg", "ORG"))) == "Bloomberg"  # no outlets given
    assert source_after(text, 0, found, _ents(text, ("Bloomberg", "ORG")), RULES.outlets) == ""
    text = "Car sales fell 12%, the Vehicle Board said, according to Reuters."
    found = quantity(text, "12%", "%")
    ents = _ents(text, ("Vehicle Board", "ORG"), ("Reuters", "ORG"))
    assert source_after(text, 0, found, ents, RULES.outlets) == "Vehicle Board"


def test_named_subjects_without_tags_change_only_index_names():
    text = "The FTSE 100 gained 40 points and Acme rose"
    found = _ents(text, ("FTSE", "ORG"))
    assert [e.text for e in named_subjects(text, 0, found, found, ())] == ["FTSE 100"]
    assert named_subjects("Acme rose 5%", 0, [], [], ()) == []


# ------------------------------------------------------------------ fronted places, numbered names, places per figure
@pytest.mark.parametrize(("text", "ents", "names"), [
    # a capitalised name fronted before its clause is a place, whatever date label the model gave it
    ("In Leeds, rents rose 4% last year.", [("Leeds", "DATE")], ["Leeds"]),
    ("Across Northumbria, bus fares fell 3%.", [("3%", "PERCENT")], ["Northumbria"]),
    ("In the Vale of Glamorgan, 120 homes were flooded.", [("120", "CARDINAL")], ["Vale of Glamorgan"]),
    ("In Leeds, rents rose 4% last year.", [], []),   # a sentence the model did not read
    # ... but not a month, a weekday or a season, nor a name the model calls a person
    ("In March, sales rose 4%.", [("March", "DATE")], []),
    ("In Summer, prices rise 2%.", [("2%", "PERCENT")], []),
    ("In Smithson, the council hired 40 staff.", [("Smithson", "PERSON")], []),
])
def test_a_name_fronted_before_its_clause_is_a_place(text: str, ents: list, names: list[str]):
    found = _ents(text, *ents)
    subjects = subject_entities(found, RULES)
    assert [e.text for e in named_subjects(text, 0, subjects, found, ())] == names


def test_a_name_made_of_a_word_and_a_number_is_an_organisation():
    text = "Channel 4 will show 30 races."
    found = [Entity(0, 9, "PERSON", "Channel 4")]
    assert [e.text for e in subject_entities(found, RULES)] == ["Channel 4"]
    assert subject_entities([Entity(0, 9, "DATE", "March 2020")], RULES) == []


def test_a_place_named_after_an_earlier_figure_is_that_figures():
    text = "The tablet costs $499 in the US and £449 in Britain."
    found = [quantity(text, "$499", "USD"), quantity(text, "£449", "GBP")]
    ents = _ents(text, ("US", "GPE"), ("Britain", "GPE"))
    assert [pick_subject(text, 0, f, ents, found) or place_after(text, 0, f, ents, found) for f in found] == [
        "US", "Britain"]


@pytest.mark.parametrize(("text", "language", "entities", "names"), [
    # a determiner is no place; the name an 'X de Y' phrase belongs to is
    ("Las exportaciones de México cayeron un 3 %.", "es", [("Las", "GPE"), ("de México", "PERSON")],
     [("México", "ORG")]),
    # a phrase the model called a name gives way to the name after 'von'
    ("Der Umsatz von Siemens stieg um 4 %.", "de", [("Der Umsatz von Siemens", "PERSON")], [("Siemens", "ORG")]),
    # on French pages a name after 'de' is one even where the model marked none
    ("Le bénéfice net de TotalEnergies a atteint 4 milliards d'euros.", "fr", [], [("TotalEnergies", "ORG")]),
    # a phrase with a word in lower case is no name; dates are kept as they are
    ("Las ventas crecieron un 3 % en julio.", "es", [("Las ventas", "ORG"), ("julio", "DATE")], [("julio", "DATE")]),
])
def test_names_of_pages_not_in_english_are_mended(text, language, entities, names):
    ents = [Entity(text.index(t), text.index(t) + len(t), label, t) for t, label in entities]
    mended = foreign_names(text, 0, ents, RULES, language)
    assert [(e.text, e.label) for e in mended] == names
    assert all(text[e.start : e.end] == e.text for e in mended)


def test_a_nationality_written_as_an_adjective_is_no_subject():
    text = "The toll from the Indian missile strike on the Rawa Mosque rose to 13, and Canadians bought 40% more."
    indian = Entity(text.index("Indian"), text.index("Indian") + 6, "NORP", "Indian")
    canadians = Entity(text.index("Canadians"), text.index("Canadians") + 9, "NORP", "Canadians")
    mosque = Entity(text.index("Rawa"), text.index("Rawa") + 11, "FAC", "Rawa Mosque")
    assert attributive(text, 0, indian)
    assert not attributive(text, 0, canadians)  # the people themselves
    assert not attributive(text, 0, mosque)
    noun = "The 48-year-old Australian was jailed for 50 weeks."
    assert not attributive(noun, 0, Entity(noun.index("Australian"), noun.index("Australian") + 10, "NORP", "Australian"))


def test_a_person_whose_verb_takes_the_figure_is_the_subject():
    text = "Dana Whitcombe has added about 80 jobs to her bakery."
    q = quantity(text, "about 80", "count")
    person = [Entity(0, 14, "PERSON", "Dana Whitcombe")]
    assert pick_subject(text, 0, q, [], [q], person) == "Dana Whitcombe"
    said = "Dana Whitcombe said the bakery added about 80 jobs."
    q = quantity(said, "about 80", "count")
    assert pick_subject(said, 0, q, [], [q], person) == ""  # the speaker is not whom the figure is about


def test_a_nationality_as_an_adjective_gives_way_only_to_another_name():
    text = "The Thai baht lost 0.3% while the Indian rupee held at the Reserve Bank's band."
    thai = Entity(text.index("Thai"), text.index("Thai") + 4, "NORP", "Thai")
    indian = Entity(text.index("Indian"), text.index("Indian") + 6, "NORP", "Indian")
    bank = Entity(text.index("Reserve Bank"), text.index("Reserve Bank") + 12, "ORG", "Reserve Bank")
    figure = text.index("0.3%")
    assert named_over_attributive(text, 0, [thai, indian, bank], figure) == [thai, indian, bank]  # bank after it
    before = "At the Reserve Bank's band, the Thai baht lost 0.3%."
    bank = Entity(7, 19, "ORG", "Reserve Bank")
    thai = Entity(before.index("Thai"), before.index("Thai") + 4, "NORP", "Thai")
    assert named_over_attributive(before, 0, [bank, thai], before.index("0.3%")) == [bank]
    assert named_over_attributive(text, 0, [thai, indian], figure) == [thai, indian]  # no other name: they stand
    dated = "LIMA (AP) — The Peruvian primary opened as 10 candidates met."
    lima = Entity(0, 4, "GPE", "LIMA")
    peruvian = Entity(dated.index("Peruvian"), dated.index("Peruvian") + 8, "NORP", "Peruvian")
    assert named_over_attributive(dated, 0, [lima, peruvian], dated.index("10")) == [lima, peruvian]


@pytest.mark.parametrize(("text", "name"), [
    ("The Varnian drone attack on the port of Odesa killed 12 people.", "Odesa"),
    ("The Varnian shelling of the city of Kherson wounded 8 people.", "Kherson"),
    ("Varnian raids on the town of Eastport destroyed 40 homes.", "Eastport"),
    ("The Varnian strike on the region of Lowmark killed 20 people.", "Lowmark"),
    ("A Varnian missile hit the village of Hollin and wounded 5 people.", "Hollin"),
])
def test_a_name_the_model_calls_a_group_after_the_port_of_is_a_place(text: str, name: str):
    group = Entity(text.index("Varnian"), text.index("Varnian") + 7, "NORP", "Varnian")
    place = Entity(text.index(name), text.index(name) + len(name), "NORP", name)
    placed = place_names(text, 0, [group, place], RULES.place_nouns, RULES.body_nouns)
    kept = named_over_attributive(text, 0, placed, regex.search(r"\d", text).start(), RULES.place_nouns)
    assert [(e.text, e.label) for e in kept] == [(name, "GPE")]


def test_a_group_not_after_a_noun_of_place_stays_a_group():
    text = "The Varnian drone attack on the Odesan fleet killed 12 people."
    varnian = Entity(4, 11, "NORP", "Varnian")
    odesan = Entity(text.index("Odesan"), text.index("Odesan") + 6, "NORP", "Odesan")
    assert named_over_attributive(text, 0, [varnian, odesan], text.index("12"), RULES.place_nouns) == [varnian, odesan]
    people = "Voters in the port of Eastport said Varnians won 3 seats."
    varnians = Entity(people.index("Varnians"), people.index("Varnians") + 8, "NORP", "Varnians")
    assert named_over_attributive(people, 0, [varnians], people.index("3"), RULES.place_nouns) == [varnians]



from pipeline.extract.context import named_country, subject_scope  # noqa: E402


@pytest.mark.parametrize(
    "before, after, scope",
    [
        ("Rents in Leeds rose 5%, against the national rate of ", ".", "country"),
        ("Its output grew 4%, beating the country's average of about ", ".", "country"),
        ("In Perth, 12% rent privately, versus ", " nationwide.", "country"),
        ("Wages in Milan rose 6%, above the world average of ", ".", "world"),
        ("The firm cut ", " jobs nationwide.", None),  # nothing set against it: the firm's
        ("Rents in Leeds rose ", " last year.", None),
        ("The National Trust spent ", " on repairs.", None),
    ],
)
def test_a_figure_of_the_whole_nation_or_world_has_that_scope(before: str, after: str, scope: str | None) -> None:
    rule = subject_scope(before, after, RULES)
    assert (rule.get("scope") if rule is not None else None) == scope


def test_the_country_an_article_writes_most_is_named() -> None:
    text = "Kenya and Uganda agreed a deal. Kenya's ports grew 4%. Nairobi, the capital of Kenya, grew 6%."
    assert named_country(text, RULES.countries) == "Kenya"
    assert named_country("Rents in Leeds rose 5%.", RULES.countries) == ""
    assert named_country("Kenya grew.", ()) == ""


def test_a_country_named_once_in_passing_is_not_the_articles() -> None:
    """The article's country is written in its title or at least twice: one passing mention is no setting."""
    body = "In Denver, rents rose 5% in May. Nationally, rents rose 3%. Canada ranks No. 2 among G7 economies."
    assert named_country("Rents climb in Denver\n" + body, RULES.countries) == ""
    assert named_country("Canada's rents climb\n" + body, RULES.countries) == "Canada"
    assert named_country("Rents climb\n" + body + " Canada grew 2%.", RULES.countries) == "Canada"


from pipeline.extract.context import named_over_attributive, place_names  # noqa: E402


def test_a_name_after_a_nationality_and_a_noun_of_place_is_that_place() -> None:
    text = "Floods left 40 homes empty in the Portuguese town of Braga on Monday."
    norp = Entity(text.index("Portuguese"), text.index("Portuguese") + 10, "NORP", "Portuguese")
    town = Entity(text.index("Braga"), text.index("Braga") + 5, "PERSON", "Braga")
    placed = place_names(text, 0, [norp, town], RULES.place_nouns, RULES.body_nouns)
    assert [e.label for e in placed] == ["NORP", "GPE"]
    kept = named_over_attributive(text, 0, placed, text.index("40"), RULES.place_nouns)
    assert [e.text for e in kept] == ["Braga"]  # the nationality gives way though the place follows the figure


def test_a_person_after_a_noun_that_is_no_place_stays_a_person() -> None:
    text = "The wife of Braga paid $40."
    person = Entity(text.index("Braga"), text.index("Braga") + 5, "PERSON", "Braga")
    assert place_names(text, 0, [person], RULES.place_nouns, RULES.body_nouns)[0].label == "PERSON"


@pytest.mark.parametrize(("text", "named", "body"), [
    # the model reads the body a nationality describes as a person, a product or nothing: it is an organisation
    ("Italian energy group Ostra raised its dividend by 6%.", [("Italian", "NORP"), ("Ostra", "PERSON")], "Ostra"),
    ("Danish shipping group Kelmo cut 10,000 jobs.", [("Danish", "NORP"), ("Kelmo", "PRODUCT")], "Kelmo"),
    ("Dutch chip equipment maker ASVL reported orders of 9.2 billion euros.", [("Dutch", "NORP")], "ASVL"),
    ("Brazilian planemaker Avira's jets sold 181 seats.", [("Brazilian", "NORP")], "Avira"),
    ("US-based bank Harlow Trust lost $3bn.", [("US", "GPE")], "Harlow Trust"),
])
def test_a_body_a_nationality_describes_is_an_organisation(text: str, named: list, body: str) -> None:
    placed = place_names(text, 0, _ents(text, *named), RULES.place_nouns, RULES.body_nouns)
    assert [(e.text, e.label) for e in placed if e.label == "ORG"] == [(body, "ORG")]
    kept = named_over_attributive(text, 0, [e for e in placed if e.label in ("ORG", "GPE", "NORP")], len(text))
    assert [e.text for e in kept] == [body]


@pytest.mark.parametrize(("text", "named"), [
    # a person a nationality describes by what they do, or a nationality before a verb, keeps its label
    ("British actor Hugh Lane earned $5m.", [("British", "NORP"), ("Hugh Lane", "PERSON")]),
    ("The Swiss group said Roche cut 300 jobs.", [("Swiss", "NORP"), ("Roche", "PERSON")]),
])
def test_a_name_a_nationality_does_not_describe_as_a_body_keeps_its_label(text: str, named: list) -> None:
    ents = _ents(text, *named)
    assert place_names(text, 0, ents, RULES.place_nouns, RULES.body_nouns) == ents


@pytest.mark.parametrize(("text", "pos", "subjects"), [
    # an unlabelled opening country before a verb of saying is whose the figure is; a person or firm is its speaker
    ("Ghana said cocoa output fell 10%", ("PROPN", "VERB", "NOUN", "NOUN", "VERB", "NUM", "NOUN"), ["Ghana"]),
    ("Smith said cocoa output fell 10%", ("PROPN", "VERB", "NOUN", "NOUN", "VERB", "NUM", "NOUN"), []),
])
def test_an_opening_country_before_a_verb_of_saying_is_a_subject(text: str, pos: tuple[str, ...],
                                                                   subjects: list[str]) -> None:
    found = named_subjects(text, 0, [], [], _tagged(text, *pos), frozenset(), RULES.countries)
    assert [e.text for e in found] == subjects


@pytest.mark.parametrize("word", ["Farmers", "Neighbours", "Growers"])
def test_a_noun_of_people_read_as_a_name_is_no_subject(word: str):
    ents = [Entity(0, len(word), label, word) for label in ("ORG", "GPE", "PERSON")]
    assert subject_entities(ents, RULES, clause=True) == []
    assert [e.text for e in subject_entities([Entity(0, 7, "ORG", "Farmway")], RULES)] == ["Farmway"]
    assert subject_entities([Entity(0, 8, "ORG", "Millions")], RULES) == []


def test_a_unit_written_capitalised_inside_a_quantity_is_no_subject_entity():
    text = "The heater draws 1,000 Watts, Ardo said."
    q = quantity(text, "1,000 Watts", "W")
    ents = _ents(text, ("Watts", "ORG"), ("Ardo", "ORG"))
    assert [e.text for e in subject_entities(ents, RULES, quantities=[q])] == ["Ardo"]
    assert [e.text for e in subject_entities(ents, RULES)] == ["Watts", "Ardo"]


from pipeline.extract.context import respective_subject  # noqa: E402


@pytest.mark.parametrize(("text", "figures", "names", "subjects"), [
    # each figure of a "respectively" list is about the name at its place in a list of as many names
    ("France and Italy grew 0.7% and 0.5% respectively.", ["0.7%", "0.5%"], ["France", "Italy"],
     ["France", "Italy"]),
    ("Ford, Vauxhall and Nissan cut output by 4%, 6% and 9% respectively.", ["4%", "6%", "9%"],
     ["Ford", "Vauxhall", "Nissan"], ["Ford", "Vauxhall", "Nissan"]),
    ("Toyota and Honda sold 1.2 million and 800,000 cars, respectively.", ["1.2 million", "800,000"],
     ["Toyota", "Honda"], ["Toyota", "Honda"]),
    ("Stocks in Tokyo and Hong Kong closed down 1.1% and 0.9% respectively.", ["1.1%", "0.9%"],
     ["Tokyo", "Hong Kong"], ["Tokyo", "Hong Kong"]),
    ("Sainsbury's and Tesco raised prices by 2% and 3%, respectively.", ["2%", "3%"], ["Sainsbury", "Tesco"],
     ["Sainsbury", "Tesco"]),
    ("The Dow and the Nasdaq gained 0.5% and 0.8%, respectively.", ["0.5%", "0.8%"], ["Dow", "Nasdaq"],
     ["Dow", "Nasdaq"]),
    # the names may stand between the figures and "respectively"
    ("Prices rose 5% and 3% in France and Germany respectively.", ["5%", "3%"], ["France", "Germany"],
     ["France", "Germany"]),
    # no "respectively", a list of another length, a figure alone: none
    ("France and Italy grew 0.7% and 0.5% last year.", ["0.7%", "0.5%"], ["France", "Italy"], ["", ""]),
    ("France, Spain and Italy grew 0.7% and 0.5% respectively.", ["0.7%", "0.5%"], ["France", "Spain", "Italy"],
     ["", ""]),
    ("France and Italy grew 0.7%; Spain, 4% respectively.", ["0.7%", "4%"], ["France", "Italy"], ["", ""]),
])
def test_a_figure_of_a_respectively_list_is_about_the_name_at_its_place(text: str, figures: list[str],
                                                                        names: list[str], subjects: list[str]):
    found = [quantity(text, q, "%") for q in figures]
    ents = _ents(text, *((n, "GPE") for n in names))
    assert [respective_subject(text, 0, q, ents, found) for q in found] == subjects


from pipeline.extract.context import describes  # noqa: E402


@pytest.mark.parametrize(("text", "q", "named", "subject"), [
    # a country or nationality before a few words in lower case and a name only describes that name
    ("US mortgage firm Freddie Mac restated earnings by $5bn.", "$5bn", [("US", "GPE"), ("Freddie Mac", "ORG")],
     "Freddie Mac"),
    ("Japanese carmaker Toyota sold 10.5 million vehicles.", "10.5 million", [("Japanese", "NORP"), ("Toyota", "ORG")],
     "Toyota"),
    ("UK-based bank Marlow Chartered will spend $3.3bn.", "$3.3bn", [("UK", "GPE"), ("Marlow Chartered", "ORG")],
     "Marlow Chartered"),
    # a country before a verb, a preposition or no name stays
    ("US sales at GM sank 12.7%.", "12.7%", [("US", "GPE"), ("GM", "ORG")], "US"),
    ("US oil prices have fallen by 6%.", "6%", [("US", "GPE")], "US"),
    ("France cut 300 jobs at Acme.", "300", [("France", "GPE"), ("Acme", "ORG")], "France"),
])
def test_a_country_describing_a_name_gives_way_to_it(text: str, q: str, named: list, subject: str):
    f = quantity(text, q, "%")
    ents = _ents(text, *named)
    subjects = named_over_attributive(text, 0, ents, f.start)
    assert pick_subject(text, 0, f, subjects, [f], people=[e for e in ents if e.start == 0]) == subject
    assert describes(text, 0, ents[0], ents) == (subject != ents[0].text)


@pytest.mark.parametrize(("text", "q", "named", "subject"), [
    # a name before a verb of saying or expecting reports the figure of the name its clause gives after the verb
    ("The IMF said Greece's economy would shrink 4% this year.", "4%", [("IMF", "ORG"), ("Greece", "GPE")], "Greece"),
    ("Reuters reported that Volkswagen would cut 30,000 jobs.", "30,000", [("Reuters", "ORG"), ("Volkswagen", "ORG")],
     "Volkswagen"),
    ("Analysts at Citigroup expect Apple to sell 80 million phones.", "80 million",
     [("Citigroup", "ORG"), ("Apple", "ORG")], "Apple"),
    ("Officials in Beijing said China's imports fell 4.5%.", "4.5%", [("Beijing", "GPE"), ("China", "GPE")], "China"),
    # the clause names nobody after the verb, or only after a preposition: the name before it stays
    ("Tesla said it delivered 1.8 million cars.", "1.8 million", [("Tesla", "ORG")], "Tesla"),
    ("Toyota said sales in Japan rose 5%.", "5%", [("Toyota", "ORG"), ("Japan", "GPE")], "Toyota"),
    ("Acme bought Brix for $5m.", "$5m", [("Acme", "ORG"), ("Brix", "ORG")], "Acme"),
])
def test_a_reported_figure_is_of_the_name_after_the_verb_of_saying(text: str, q: str, named: list, subject: str):
    f = quantity(text, q, "%")
    assert pick_subject(text, 0, f, _ents(text, *named), [f]) == subject


@pytest.mark.parametrize(("text", "q", "named", "subject"), [
    # a name later in the reported clause, or the one told, is no subject of it
    ("PacifiCorp said it acquired Thomas Nationwide for 25 mln dlrs.", "25 mln dlrs",
     [("PacifiCorp", "ORG"), ("Thomas Nationwide", "ORG")], "PacifiCorp"),
    ("Polycast told the Securities and Exchange Commission it sold 119,800 shares.", "119,800",
     [("Polycast", "ORG"), ("Securities and Exchange Commission", "ORG")], "Polycast"),
    ("Qwest said on Wednesday that MCI had rejected a deal worth $8bn.", "$8bn", [("Qwest", "ORG"), ("MCI", "ORG")],
     "MCI"),
])
def test_only_the_name_opening_a_reported_clause_is_its_subject(text: str, q: str, named: list, subject: str):
    f = quantity(text, q, "%")
    assert pick_subject(text, 0, f, _ents(text, *named), [f]) == subject


@pytest.mark.parametrize(("text", "team"), [
    # "The" and a capitalised plural before the clause's verb: a team or band the model does not know
    ("The Warriors made 18 three-pointers.", "Warriors"),
    ("The Sabres, having lost eight of their 10 games, have been playing awfully.", "Sabres"),
    ("The Celtics won 64 games.", "Celtics"),
    ("The Harriers have scored 40 goals this season.", "Harriers"),
    # a speaker, a name the model read, a singular word or a capitalised word in the middle are left alone
    ("The Times said 40 jobs would go.", ""),
    ("The Yankees won 101 games.", "Yankees"),
    ("The Government has spent £4bn.", ""),
    ("Then The Warriors made 18 three-pointers.", ""),
])
def test_the_and_a_capitalised_plural_opening_a_clause_is_a_name(text: str, team: str) -> None:
    found = _ents(text, ("Yankees", "ORG")) if "Yankees" in text else []
    named = named_subjects(text, 0, found, found, ())
    assert [e.text for e in named] == ([team] if team else [])


@pytest.mark.parametrize(("text", "person", "speaks"), [
    ("Maria Gomez, 38, a nurse at the clinic, said costs rose 10%.", "Maria Gomez", True),
    ("Tom Baker, 52, said battery costs had fallen by a third.", "Tom Baker", True),
    ("Ana Ruiz, 41, a baker in Leeds, told reporters flour prices rose 12%.", "Ana Ruiz", True),
    ("Ivo Marsh, 60, has also warned that 300 jobs could go.", "Ivo Marsh", True),
    ("Kevin Yearout, 45, has added about 80 jobs.", "Kevin Yearout", False),  # the verb takes the figure
    ("Lena Ortiz, 29, ran 12 marathons.", "Lena Ortiz", False),  # no verb of reporting
    ("Priya Das, 33, reported 14 cases.", "Priya Das", False),
])
def test_a_person_before_a_verb_of_reporting_is_a_speaker(text: str, person: str, speaks: bool) -> None:
    people = _ents(text, (person, "PERSON"))
    found = [quantity(text, m.group(), "count") for m in regex.finditer(r"(?:about )?\d+%?", text)]
    assert speaker_named(person, speaking(text, 0, people, found)) is speaks
    assert speaker_named(person, speaking(text, 0, _ents(text, (person, "ORG")), found)) is False  # a body: no speaker


@pytest.mark.parametrize(("text", "q", "subject"), [
    ("The city ranks second behind Brisport, where rents climbed 6.1%.", "6.1%", "Brisport"),
    ("Demand moved to Tarnow, where output rose 12% last year.", "12%", "Tarnow"),
    ("Most buyers came from Velmar Bay, where 40 stores opened.", "40", "Velmar Bay"),
    ("Ida Marsh filed a claim under the Velmar Charter, in which she sought 5,000.", "5,000", ""),  # no place
    ('Shoppers flocked to "Ostley," where sales jumped 9%.', "9%", "Ostley"),
    ("Rents rose most where demand was high, 8% in all.", "8%", ""),  # no name before the clause
    ("Brisport ranks second, where rents climbed 6.1%.", "6.1%", "Brisport"),  # the name opening the sentence
])
def test_a_relative_clause_of_place_is_about_the_name_before_it(text: str, q: str, subject: str) -> None:
    names = [n for n in ("Brisport", "Tarnow", "Velmar Bay", "Ostley", "Velmar Charter") if n in text]
    ents = _ents(text, *((n, "GPE") for n in names))
    f = quantity(text, q, "%" if q.endswith("%") else "count")
    assert pick_subject(text, 0, f, ents, [f]) == subject


def test_a_relative_clause_of_place_is_about_the_nearest_name():
    text = "Sales fell in Dornik but grew in Tarnow, where output rose 12%."
    f = quantity(text, "12%", "%")
    assert pick_subject(text, 0, f, _ents(text, ("Dornik", "GPE"), ("Tarnow", "GPE")), [f]) == "Tarnow"


@pytest.mark.parametrize(("text", "q", "named", "subject"), [
    # a body that reports or measures a figure is not what the figure is about
    ("Figures from the Building Societies Association showed approvals fell 32%.", "32%",
     [("Building Societies Association", "ORG")], ""),
    ("According to the Lancet Commission, 9 million deaths a year are caused by pollution.", "9 million",
     [("Lancet Commission", "ORG")], ""),
    ("A survey by Gallup found that 54% of voters approve.", "54%", [("Gallup", "ORG")], ""),
    ("The World Health Organization found that 11 cities breached safe limits.", "11",
     [("World Health Organization", "ORG")], ""),
    ("The US Embassy's monitor read 408 on Tuesday.", "408", [("US Embassy", "ORG")], ""),
    ("Data from the ONS showed that Tesco's sales rose 4%.", "4%", [("ONS", "ORG"), ("Tesco", "ORG")], "Tesco"),
    # a place reports nothing; a body whose own figure it is stays
    ("Data from Poland shows that positivity rose to 5.8%.", "5.8%", [("Poland", "GPE")], "Poland"),
    ("Tesla showed a profit of $3bn.", "$3bn", [("Tesla", "ORG")], "Tesla"),
])
def test_a_body_that_reports_a_figure_is_not_its_subject(text: str, q: str, named: list, subject: str):
    unit = "%" if q.endswith("%") else "USD" if q.startswith("$") else "count"
    f = quantity(text, q, unit)
    ents = _ents(text, *named)
    assert pick_subject(text, 0, f, ents, [f]) == subject


def test_a_reporting_body_is_no_place_or_person():
    text = "According to Amina Salum and Kenya, 34 shops closed."
    people = _ents(text, ("Amina Salum", "PERSON"), ("Kenya", "GPE"))
    assert not any(reporting_body(text, 0, e) for e in people)


@pytest.mark.parametrize(("text", "q", "named", "people", "subject"), [
    # a nationality right before the person it describes gives way to that person
    ("Czech Jiri Novak won 62 matches last season.", "62", [("Czech", "NORP")], [("Jiri Novak", "PERSON")],
     "Jiri Novak"),
    ("German Angela Merkel served 16 years as chancellor.", "16 years", [("German", "NORP")],
     [("Angela Merkel", "PERSON")], "Angela Merkel"),
    # not before a person, or not right before one: the nationality stands
    ("Czech exports rose 5% last year.", "5%", [("Czech", "NORP")], [], "Czech"),
    ("German, Anna Weber said, 12 shops closed.", "12", [("German", "NORP")], [("Anna Weber", "PERSON")], "German"),
])
def test_a_nationality_before_a_person_describes_that_person(text: str, q: str, named: list, people: list,
                                                             subject: str):
    f = quantity(text, q, "%" if q.endswith("%") else "count")
    ents = _ents(text, *named)
    assert pick_subject(text, 0, f, ents, [f], [*ents, *_ents(text, *people)]) == subject


def test_a_nationality_read_into_a_persons_name_is_no_part_of_it():
    ents = [Entity(0, 20, "PERSON", "Kenyan Bernard Lagat"), Entity(30, 45, "ORG", "Swiss Bank Corp"),
            Entity(50, 58, "PERSON", "Dutch Ed")]
    got = subject_entities(ents, RULES, clause=True)
    assert [(e.text, e.start, e.end) for e in got] == [("Bernard Lagat", 0, 20), ("Swiss Bank Corp", 30, 45),
                                                      ("Dutch Ed", 50, 58)]
