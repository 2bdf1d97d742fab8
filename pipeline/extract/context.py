"""The subject of a claim: the place, organisation or person named by NER that its figure is about.

Subjects come from the entities of the claim's clause (labels and name endings from the ``subject``
rules of ``rules/claims.toml``; with the parse, the entity inside the subject of the verb that governs the
quantity first), else from an earlier sentence of its paragraph, else from the article (the
``subject_source`` column says which). A claim's period is :mod:`pipeline.extract.period`'s.
"""
from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache

import regex

from ..rules import Rule
from .claim_rules import ClaimRules
from .kinds import context_matches
from .ner import Entity, Token
from .period import CALENDAR_WORDS, CLAUSE_BREAK as _SEGMENT_BREAK
from .quantities import Quantity

log = logging.getLogger(__name__)

#: Longest opening clause without a quantity whose entity can still be a subject ("In Shanghai, ...").
INTRO_WORDS = 6

#: A name made of a capitalised word and a small number ("Formula 1", "Channel 4", "Radio 1"): an organisation
#: or event even when the model calls it a person (no person is named with a number).
_NUMBERED_NAME = regex.compile(r"(?:the\s)?\p{Lu}\p{Ll}{2,}\s\d{1,2}")
#: A place fronted before the clause it frames ("In Manchester, rents rose 4%"): its name, which the model
#: may miss or call a date.
_FRONTED_PLACE = regex.compile(
    r"^[\s\"“‘'(]{0,3}(?:In|At|Across|Throughout|Around)\s{1,3}(?:the\s{1,3})?"
    r"(?P<name>\p{Lu}[\p{L}'’.-]{2,}(?:\s{1,2}(?:(?:of|upon|on|de|del|la|le)\s{1,2})?\p{Lu}[\p{L}'’.-]{1,}){0,3}),\s"
)
#: Words that open a fronted phrase but name no place (months, weekdays, seasons, parts of a text).
_NOT_PLACES = frozenset((
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "spring", "summer", "autumn", "winter", "addition", "total", "contrast", "particular", "fact", "short",
    "general", "response", "practice", "theory", "comparison", "recent", "future", "order", "truth",
))


#: A name and the figure right after it that the model read as one name, as it does with the members of a list
#: ("Amazon 1.8% and [Meta 0.7%]", "[Idaho 2.1 percent]"): a percentage, a sum or a decimal, never an index's
#: member count ("FTSE 100").
_NAME_AND_FIGURE = regex.compile(
    r"(?P<name>\p{Lu}[\p{L}&.'’-]*(?:\s\p{Lu}[\p{L}&.'’-]*){0,3})\s{1,2}"
    r"(?:[$€£]\d[\d.,]*|\d[\d,]*(?:\.\d+)?\s{0,2}(?:%|percent|per\s?cent|pct)|\d[\d,]*\.\d+)"
)
#: A vague count the model may read as a name when it opens a sentence ("[Millions] of people", "Thousands").
_VAGUE_COUNT = regex.compile(r"(?i)(?:tens|dozens|hundreds|thousands|millions|billions)")


def subject_entities(entities: Sequence[Entity], rules: ClaimRules, clause: bool = False,
                     quantities: Sequence[Quantity] = ()) -> list[Entity]:
    """Entities that may be a claim's subject (place or organisation), leading 'the' removed; with
    ``clause``, also those of the labels accepted only as the grammatical subject of a claim's clause
    (people: ``clause_labels`` of the ``subject`` rules). A noun of people that acts (``rules.agents``:
    "Farmers", "Neighbours") is none, whatever label but a nationality's the model gave it, and so is a vague
    count ("Millions"), a phrase written all in lower case ("Italy's [national hotel federation]": the name is
    Italy's, the possessor), and so is a word inside one of ``quantities``, a unit written capitalised ("1,000
    [Watts]", "40 [Kelvin]")."""
    out = []
    for ent in entities:
        if any(q.start < ent.end and ent.start < q.end for q in quantities):
            continue  # "the heater draws 1,000 [Watts]": the unit is what the figure measures in, no name
        text = ent.text
        numbered = ent.label in ("ORG", "PERSON") and _NUMBERED_NAME.fullmatch(text) is not None
        if not numbered and (listed := _NAME_AND_FIGURE.fullmatch(text)):
            text = listed.group("name")  # "Amazon 1.8% and [Meta] 0.7%": the model read the member's figure in
        if any(ch.isdigit() for ch in text) and not numbered:
            continue
        if ent.label != "NORP" and text.lower() in rules.agents or _VAGUE_COUNT.fullmatch(text):
            continue  # "[Farmers] planted 90 million acres", "[Millions] of people": no names
        if any(c.islower() for c in text) and not any(c.isupper() for c in text):
            continue  # "Italy's [national hotel federation] said": a phrase in lower case, no name
        ok = numbered or ent.label in rules.subject_labels or (clause and ent.label in rules.subject_clause_labels) or (
            ent.label == "PERSON" and text.split()[-1].strip(".,") in rules.subject_words
        )
        if not ok:
            continue
        start = ent.start
        if text.lower().startswith("the "):
            text, start = text[4:], start + 4
        words, lead = text.split(" "), 0
        if ent.label == "PERSON" and len(words) >= 3 and words[0].lower() in rules.nationalities:
            # "[Kenyan] Bernard Lagat": the person, whose name still opens where the model's did
            text, lead = " ".join(words[1:]), len(words[0]) + 1
        if text.endswith(("'s", "’s")):
            text = text[:-2]
        text = text.rstrip("'’")
        if "(" in text and ")" not in text:
            text = text[: text.index("(")].rstrip()  # "Shanghai Composite (SHCOMP" -> "Shanghai Composite"
        out.append(Entity(start, start + lead + len(text), ent.label, text.strip(' "“”')))
    return out


def _by_start(ents: Iterable[Entity]) -> list[Entity]:
    """``ents`` in the order they are written (by absolute start offset)."""
    return sorted(ents, key=lambda e: e.start)


#: What follows a nationality or group read as an adjective: a word in lower case ("the [Indian] missile strike"),
#: not a verb, conjunction or preposition ("the 48-year-old [Australian] was evicted").
_ATTRIBUTIVE_NEXT = regex.compile(
    r"^[\s-]{1,2}(?!(?:was|were|is|are|has|had|have|said|says|will|would|could|can|may|and|or|but|who|which|"
    r"in|of|at|on|to|from|for|by|with)\b)\p{Ll}"
)


def attributive(text: str, base: int, ent: Entity) -> bool:
    """Whether ``ent`` (an entity of the sentence ``text`` at absolute offset ``base``) is a nationality or group
    written as an adjective before a common noun ("the [Indian] missile strike", "the [Spanish] city of Valencia",
    "[Israeli] figures say"): it qualifies the noun, it is not whom the claim is about. A plural that names the
    people themselves ("Democrats won 3 seats") stays a subject."""
    return ent.label == "NORP" and not ent.text.endswith("s") \
        and _ATTRIBUTIVE_NEXT.match(text[ent.end - base : ent.end - base + 12]) is not None


#: The words in lower case between a country or nationality and the name it describes ("US [mortgage firm]
#: Freddie Mac", "Japanese [carmaker] Toyota", "UK[-based bank] Standard Chartered"): at most three, no verb of
#: saying or being, no conjunction, preposition or article.
_DESCRIPTOR = regex.compile(
    r"^(?:-based)?\s{1,2}(?:(?!(?:was|were|is|are|has|had|have|said|says|will|would|could|can|may|and|or|but|who|which|"
    r"in|of|at|on|to|from|for|by|with|the|a|an)\b)\p{Ll}[\p{L}-]{1,20}\s{1,2}){1,3}$"
)
_DESCRIBING_LABELS = frozenset(("GPE", "NORP"))


def describes(text: str, base: int, ent: Entity, ents: Sequence[Entity]) -> bool:
    """Whether ``ent``, a country or nationality of the sentence ``text`` (at absolute offset ``base``), only
    describes the name of ``ents`` that follows it past a few words in lower case ("[US] mortgage firm Freddie
    Mac", "[Japanese] carmaker Toyota", "[UK] supermarket Tesco"): whom the sentence is about is that name."""
    return ent.label in _DESCRIBING_LABELS and any(
        e.start > ent.end and e.label not in _DESCRIBING_LABELS
        and _DESCRIPTOR.match(text[ent.end - base : e.start - base]) is not None for e in ents)


def named_over_attributive(text: str, base: int, ents: Sequence[Entity], first: int,
                           place_nouns: frozenset[str] = frozenset()) -> list[Entity]:
    """The subject entities ``ents`` of the sentence ``text`` (at absolute offset ``base``) less its nationalities
    written as adjectives (:func:`attributive`) when another name stands before its first figure (at absolute
    offset ``first``; not a dateline's): "the [Indian] missile strike on the Subhan Mosque rose to 13" -> Subhan
    Mosque; all of them when none does ("The Thai baht lost 0.3% against the US dollar" keeps Thai). ``ents``
    come with their places named (:func:`place_names`: "the Russian drone attack on the port of [Odesa]" is a
    place); a nationality before a noun of ``place_nouns`` and "of" and the place after it gives way to that
    place ("the [Spanish] city of Valencia")."""
    placed = [e for e in ents if attributive(text, base, e) and _names_place(text, base, e, ents, place_nouns)
              or describes(text, base, e, ents)]
    if placed:  # "the [Spanish] city of Valencia": the place it qualifies is named, wherever the figures stand
        ents = [e for e in ents if e not in placed]
    named = [e for e in ents if not attributive(text, base, e)]
    opening = base + dateline_end(text)  # a dateline's place ("WASHINGTON (AP) — ") is no name of the clause
    return named if any(opening <= e.start and e.end <= first for e in named) else list(ents)


#: "the NOUN of " right before a name ("the port of [Odesa]", "the Ukrainian port of [Odesa]"): a noun of place
#: makes the name a place.
_NOUN_OF = regex.compile(r"\b[Tt]he\s{1,3}(?:\p{Lu}[\p{L}-]{2,20}\s{1,3})?(?P<noun>\w+)\s{1,3}of\s{1,3}$")
#: A noun and "of" right after a nationality ("the Spanish [city of] Valencia").
_NOUN_OF_AFTER = regex.compile(r"^\s{1,3}(?P<noun>\w+)\s{1,3}of\s{1,3}")


def _names_place(text: str, base: int, ent: Entity, ents: Sequence[Entity], place_nouns: frozenset[str]) -> bool:
    """True when ``ent`` (a nationality of the sentence ``text`` at absolute offset ``base``) stands before a
    noun of ``place_nouns`` and "of" that another entity of ``ents`` follows ("the Spanish city of Valencia")."""
    found = _NOUN_OF_AFTER.match(text[ent.end - base : ent.end - base + 30])
    return found is not None and found["noun"].lower() in place_nouns \
        and any(o.start == ent.end + found.end() for o in ents)


def place_names(text: str, base: int, ents: Sequence[Entity], place_nouns: frozenset[str],
                body_nouns: frozenset[str]) -> list[Entity]:
    """The entities ``ents`` of the sentence ``text`` (at absolute offset ``base``), a nationality or person named
    right after "the NOUN of" or "the Adjective NOUN of" with a noun of ``place_nouns`` relabelled a place (GPE):
    "the Spanish city of [Valencia]" is a place whatever label the model gave it; a body a country or
    nationality describes with a noun of ``body_nouns`` an organisation (:func:`described_bodies`: "Italian
    energy group [Eni]"); and people read as people (:func:`people_named`: "[Smith], 45, a nurse, said")."""
    return described_bodies(text, base, people_named(text, base, [
        Entity(e.start, e.end, "GPE", e.text) if e.label in ("NORP", "PERSON")
        and _place_of(text[: e.start - base], place_nouns) else e for e in ents]), body_nouns)


#: A country or nationality's descriptor of at most three words in lower case ending in a noun of a body, and the
#: capitalised name after it: ``noun`` the last descriptor word, ``name`` the name (up to four words).
_BODY_NAME = regex.compile(
    r"(?:-based)?(?:\s{1,2}(?!(?:was|were|is|are|has|had|have|said|says|will|would|and|or|but|who|which|in|of|at|"
    r"on|to|from|for|by|with|the|a|an)\b)\p{Ll}[\p{L}-]{1,20}){0,2}?\s{1,2}(?P<noun>\p{Ll}[\p{L}-]{1,20})\s{1,2}"
    r"(?P<name>\p{Lu}[\p{L}\p{N}&.'’-]*(?:\s{1,2}\p{Lu}[\p{L}\p{N}&.'’-]*){0,3})"
)
#: Labels the model gives an organisation's name it does not know as one ("Italian energy group [Eni]": PERSON).
_MISREAD_BODY_LABELS = frozenset(("PERSON", "PRODUCT", "WORK_OF_ART", "FAC", "LOC", "GPE", "NORP"))


def described_bodies(text: str, base: int, ents: Sequence[Entity], body_nouns: frozenset[str]) -> list[Entity]:
    """``ents`` of the sentence ``text`` (at absolute offset ``base``) with the name a country or nationality
    describes as a body (at most three words in lower case ending in a noun of ``body_nouns``, the ``bodies``
    subject rule's words, or in "maker"
    between them: "Swiss drugmaker [Roche]", "Danish shipping group [Maersk]") read as an organisation (ORG):
    relabelled when the model called it a person, place or product, added when the model named nothing there
    ("Dutch chip equipment maker [ASML]"); its possessive's "'s" is left out. Other entities are kept as they are."""
    out = list(ents)
    for ent in ents:
        if ent.label not in _DESCRIBING_LABELS:
            continue
        found = _BODY_NAME.match(text, ent.end - base)
        if found is None or not (found["noun"] in body_nouns or found["noun"].endswith("maker")):
            continue
        name = regex.sub(r"['’]s?$", "", found["name"])
        start = base + found.start("name")
        at = next((n for n, e in enumerate(out) if e.start == start), None)
        if at is not None:
            if out[at].label in _MISREAD_BODY_LABELS:
                out[at] = Entity(out[at].start, out[at].end, "ORG", out[at].text)
        elif name and not any(e.start < start + len(name) and start < e.end for e in out):
            out.append(Entity(start, start + len(name), "ORG", name))
    return _by_start(out)


def _place_of(before: str, place_nouns: frozenset[str]) -> bool:
    """True when ``before`` ends in "the NOUN of " with a noun of ``place_nouns`` ("the city of ")."""
    found = _NOUN_OF.search(before[-40:])
    return found is not None and found["noun"].lower() in place_nouns


#: A dateline opening a sentence ("WASHINGTON — ", "SANTA FE, N.M. (AP) — ", "OSLO/BERGEN, May 4 (Wirenews) - ", a
#: news agency's alone: "(Wirenews) -- "): its places and agency are not subjects.
_DATELINE = regex.compile(
    r"^\s{0,2}(?:\p{Lu}[\p{Lu}.'’/-]+(?:[\s,]{1,3}(?:\p{Lu}[\p{Lu}\p{Ll}.'’-]*|\d{1,2}(?=[\s,]))){0,4}\s{0,2}"
    r"(?:\([\p{L} .]{1,20}\)\s{0,2})?|\([\p{L} .]{1,20}\)\s{0,2})[—–-]{1,2}\s{1,3}"
)
#: What may open a sentence before its subject: an opening quote.
_OPENING = regex.compile(r"^[\s\"“‘'(]{0,3}")
#: A preposition right before an entity: the entity is no subject of its clause ("avoided extradition [to] Sweden").
_OBLIQUE = regex.compile(
    r"(?i)\b(?:to|in|into|from|at|on|for|with|against|by|of|over|across|near|via|toward|towards|"
    r"through|under|behind|beyond|within|outside|inside)\s{1,3}(?:the\s{1,3})?$"
)
#: A reporting verb after a person who opens a sentence: the person is its speaker, not the clause's
#: subject ("Cook said Apple employs about 450", "Philip Shaw, chief economist at Investec, said").
_REPORTING = regex.compile(
    r"(?i)^(?:\s{0,2},[^,.;:]{1,80},(?:[^,.;:]{1,80},){0,2})?\s{1,3}"
    r"(?:(?:has|had|have|also|later|earlier|previously|again|then)\s{1,3}){0,2}"
    r"(?:said|says|told|tells|added|adds|announced|noted|notes|explained|"
    r"wrote|writes|argued|argues|claimed|claims|insisted|insists|believes|believed|thinks|thought|warned|warns|"
    r"stated|states|reported|reports|estimated|estimates|predicted|predicts|acknowledged|acknowledges|"
    r"revealed|reveals|confirmed|confirms|disclosed|discloses|admitted|admits)\b"
)
#: What may stand between a verb and the figure it takes as its object ("added [about 80] jobs", "added a further").
_TO_OBJECT = regex.compile(r"^\s{1,3}(?:(?:a|an|another|some|a\s{1,3}further|nearly|almost)\s{1,3})?$")
#: Verbs of :data:`_REPORTING` that only say or tell: a figure right after one opens the clause it reports ("said
#: [30%] of patients waited"), never its object as after "added" or "reported" ("has added [about 80] jobs").
_SAYING_ONLY = frozenset((
    "said", "says", "told", "tells", "wrote", "writes", "argued", "argues", "insisted", "insists", "believes",
    "believed", "thinks", "thought", "warned", "warns", "stated", "states", "noted", "notes", "explained",
    "acknowledged", "acknowledges", "admitted", "admits", "claimed", "claims",
))


def _reports(text: str, base: int, person: Entity, f: Quantity) -> bool:
    """Whether ``person`` opens a reporting clause ("Cook said Apple employs about 450", "Maria Gomez, 38, a
    teacher, said rents rose 15%"): a verb of reporting follows the name, past up to three asides set off by
    commas, unless the verb takes the figure ``f`` as its object ("Kevin Yearout has added [about 80] jobs"), which
    makes the person whom the claim is about; a verb that only says never does ("Dr Ann Kerr said [30%] of
    patients")."""
    said = _REPORTING.match(text[person.end - base :])
    if said is None:
        return False
    return said.group().split()[-1].lower() in _SAYING_ONLY \
        or _TO_OBJECT.match(text[person.end - base + said.end() : f.start - base]) is None


def speaking(text: str, base: int, people: Sequence[Entity],
             quantities: Sequence[Quantity]) -> list[tuple[Entity, int]]:
    """The persons of ``people`` (label PERSON) who speak in the sentence ``text`` (at absolute offset ``base``),
    each with the absolute offset where their verb of reporting ends: the verb follows the person, past up to
    three asides ("Maria Gomez, 38, a nurse at Riverside Hospital, said costs rose 10%"), and does not take the
    first of ``quantities`` after it as its object ("Kevin Yearout, 45, has added about 80 jobs": the person the
    figure is about; see :func:`_reports`)."""
    out = []
    for person in people:
        said = _REPORTING.match(text[person.end - base :]) if person.label == "PERSON" else None
        if said is None:
            continue
        after = person.end + said.end()
        reported = next((q for q in quantities if q.start >= after), None)
        if reported is None or _reports(text, base, person, reported):
            out.append((person, after))
    return out


def speaker_named(name: str, speakers: Sequence[tuple[Entity, int]]) -> bool:
    """Whether ``name`` is one of ``speakers`` (the sentence's, from :func:`speaking`): a speaker is the subject of
    no figure they report, so a subject their own clause gives them (their age) is not carried to the others."""
    return any(person.text == name for person, _ in speakers)


def in_speaker_aside(ent: Entity, speakers: Sequence[tuple[Entity, int]]) -> bool:
    """Whether ``ent`` stands between one of ``speakers`` (the sentence's, from :func:`speaking`) and their verb of
    reporting, in an aside that describes them ("Maria Gomez, a nurse at [Riverside Hospital], said costs rose
    10%"): a name of the speaker's, not of what they report."""
    return any(person.end <= ent.start and ent.end <= end for person, end in speakers)


#: A possessive between two entities: the second is what the clause is about ("Hong Kong's [Hang Seng Index]").
_POSSESSIVE = regex.compile(r"^['’]s?\s{1,3}$")


def dateline_end(text: str) -> int:
    """Where a dateline that opens ``text`` ends ("WASHINGTON — NASA said": 13), or 0."""
    m = _DATELINE.match(text)
    return m.end() if m is not None and len(m.group().split()) <= 8 else 0


#: Words of a stock index's name ("Shanghai Composite", "the Dow", "FTSE 100").
INDEX_NAME = regex.compile(
    r"(?i)\b(?:index|composite|average|dow|ftse|nasdaq|nikkei|sensex|nifty|dax|cac|hang\s{1,2}seng|kospi|"
    r"s&p|stoxx|russell|topix|ibex|asx)\b"
)
#: Nouns after a company's name that make its figure a share price ("Acme [shares] fell 12%").
SHARE_WORDS = frozenset(("shares", "share", "stock", "stocks"))
#: Titles that open a person's name ("Mr Ebbers"): such a name is no organisation.
HONORIFICS = frozenset(("Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Dame", "Lord", "Lady", "Prof", "Professor",
                        "President", "Prime", "Chancellor", "Senator", "Sen", "Rep", "Judge", "Justice", "Pope",
                        "King", "Queen", "Prince", "Princess", "General", "Gen", "Captain", "Capt", "Chief"))
#: Titles of office and rank written before a person's name ("[Congressman] Tom Avery", "[Sheriff] Ana Ruiz") that
#: may also open an organisation's or a thing's name ("Major League", "Deputy Leader"), so they are not
#: ``HONORIFICS``; no word is in both.
OFFICES = frozenset((
    "Minister", "Premier", "Governor", "Gov", "Lieutenant", "Lt", "Mayor", "Deputy", "Secretary",
    "Speaker", "Ambassador", "Envoy", "Commissioner", "Congressman", "Congresswoman", "Congressmember",
    "Representative", "Assemblyman", "Assemblywoman", "Assemblymember", "Councillor", "Councilor",
    "Councilman", "Councilwoman", "Alderman", "Alderwoman", "Attorney", "Solicitor", "Magistrate", "Sheriff",
    "Marshal", "Constable", "Commander", "Cmdr", "Admiral", "Adm", "Commodore", "Brigadier", "Brig", "Colonel", "Col",
    "Major", "Maj", "Sergeant", "Sgt", "Corporal", "Cpl", "Private", "Pvt", "Detective", "Det",
    "Inspector", "Superintendent", "Supt", "Officer", "Trooper", "Rev", "Reverend", "Pastor", "Father", "Sister",
    "Brother", "Rabbi", "Imam", "Bishop", "Archbishop", "Cardinal", "Dean", "Chairman", "Chairwoman", "Coach",
))
#: Titles and ranks that may open a sentence before the person who opens its clause ("[Senator] Hale Brandt
#: tweeted", "[Prime Minister] Ana Ruiz is", "[Lt. Col.] Omar Haddad said"): the person still opens it.
_TITLES = regex.compile(
    r"(?:(?:" + "|".join(sorted(HONORIFICS | OFFICES, key=len, reverse=True)) + r")\.?\s{1,2}){0,3}"
)
#: What stands between a name and the person whose title of office it opens ("[Defense] Minister Hulusi Akar",
#: "[Treasury] Secretary Janet Yellen", "[Finance] Deputy Minister Ana Ruiz"): an office, and more titles.
_OFFICE_OF = regex.compile(
    r"\s{1,2}(?:" + "|".join(sorted(OFFICES, key=len, reverse=True)) + r")\.?\s{1,2}"
    r"(?:(?:" + "|".join(sorted(HONORIFICS | OFFICES, key=len, reverse=True)) + r")\.?\s{1,2}){0,2}"
)
#: An age set off by commas right after a name ("Smith[, 45,] a nurse"): the name is a person's.
_AGE_APPOSED = regex.compile(r",\s{1,2}\d{1,3},")
#: Titles that only a person's name opens ("[Mr] Cable", "[Dr] Ann Kerr"; not "General Motors", "King Digital").
_PERSONAL_TITLES = frozenset(("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Sir", "Dame", "Prof", "Professor"))


def people_named(text: str, base: int, ents: Sequence[Entity]) -> list[Entity]:
    """``ents`` of the sentence ``text`` (at absolute offset ``base``) as the words around them say of people: a
    one-word name right before a title of office and the person who holds it only says which office (dropped:
    "[Defense] Minister Hulusi Akar said Turkish forces destroyed eight helicopters" is not about a body named
    Defense; a longer name is a body, "[Indiana House] Speaker Brian Bosma" stays), and a
    name the model called anything but a place that an age follows in apposition, or one a personal title opens,
    is a person (relabelled PERSON: "[Smith], 45, a nurse, said costs rose 10%", "[Mr Cable] said 40% of
    pensioners"). Other entities are kept as they are."""
    people = [e for e in ents if e.label == "PERSON"]
    out = []
    for e in ents:
        office = _OFFICE_OF.match(text, e.end - base) if e.label != "PERSON" and " " not in e.text.strip() else None
        if office is not None and any(p.start == base + office.end() for p in people):
            continue
        if e.label != "PERSON" and (e.label != "GPE" and _AGE_APPOSED.match(text, e.end - base)
                                    or e.text.split(maxsplit=1)[0].rstrip(".") in _PERSONAL_TITLES):
            e = Entity(e.start, e.end, "PERSON", e.text)
        out.append(e)
    return out


#: A subordinating word that may open a sentence before the person who opens its clause ("[When] Mina Alvarez was
#: six months pregnant", "[And when] Hale Brandt tweeted 12 times").
_SUBORDINATE = regex.compile(
    r"(?i:(?:and|but|so)\s{1,2})?(?i:when|whenever|after|as|because|if|although|though|while|since|before|once|until)"
    r"\s{1,2}"
)
#: The number of members that ends an index's name ("FTSE [100]", "S&P [500]", "Nikkei [225]").
_INDEX_MEMBERS = regex.compile(r"\s{1,2}\d{2,4}(?![\d.,%])")
#: The body a country or nationality names right after it: the name and the body are one subject ("the [U.S.
#: government]", "the [Japanese government]").
_GOVERNMENT = regex.compile(r"\s{1,2}(?:government|administration)\b")
#: Labels of a country or a nationality that a government may follow.
_STATE_LABELS = frozenset(("GPE", "NORP"))
#: Labels of entities that are never an unlabelled name's stand-in (a person, a date, a figure).
_NOT_NAMES = frozenset(("PERSON", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL", "NORP",
                        "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"))


def written_names(text: str) -> frozenset[str]:
    """The capitalised words of ``text`` written after a word in lower case or a comma ("shares in
    [Morrisons]"): words the page writes as names, not capitalised only because they open a sentence or a
    headline in title case."""
    return frozenset(m.group(1) for m in _WRITTEN_NAME.finditer(text))


#: A capitalised word after a word in lower case or a comma (a name written inside a sentence).
_WRITTEN_NAME = regex.compile(r"(?<=(?:(?<![\w\x27’-])\p{Ll}{1,20}|,)\s{1,2})(\p{Lu}[\p{Ll}\x27’]{2,})\b")


#: A word in title case, the shape of the words :func:`written_names` finds ("House"; not "OPEC", "U.S.").
_TITLE_WORD = regex.compile(r"\p{Lu}\p{Ll}{2,}")


#: "The" and one capitalised word in the plural opening a sentence before the verb of its clause, or before an aside
#: opened by "having" ("The [Warriors] made 18", "The [Sabres], having lost eight"): a team, band or other body
#: whose name the model does not know. Not before a verb of saying ("The Times said": a speaker).
_THE_PLURAL_NAME = regex.compile(
    r"[\s\"“‘'(]{0,3}The\s{1,2}(?P<name>\p{Lu}\p{Ll}{2,20}s)"
    r"(?:,\s{1,2}having\b|\s{1,2}(?:(?:have|has|had|are|were|will|"
    r"would|could|also|still|now|then|just)\s{1,2})?(?!(?:said|says|reported|reports|told|wrote|claimed|noted|added)\b)"
    r"(?:won|lost|beat|drew|made|scored|gained|spent|sold|signed|paid|need|needs|sit|lie|remain|finished|took|hit|"
    r"\p{Ll}{2,}ed|been)\b)"
)


def named_subjects(text: str, base: int, entities: Sequence[Entity], found: Sequence[Entity],
                   tokens: Sequence[Token], names: frozenset[str] = frozenset(),
                   countries: Sequence[str] = ()) -> list[Entity]:
    """The subject entities of one sentence (``entities``, from :func:`subject_entities`) checked against the
    sentence ``text`` (at absolute offset ``base``), all its entities ``found`` and its parts of speech ``tokens``
    (empty when the tagger did not read it): an index name takes the number of members after it ("FTSE 100"), a
    country or nationality the word "government" or "administration" ("the U.S. government"); a capitalised name
    fronted before the clause it frames that the model gave no label or a date's is a place ("In [Manchester], rents
    rose 4%"; only in a sentence the model read); a name made of a word and a number is a subject only when it opens
    the sentence ("[Formula 1] will stage 24 races", not "a copy of Spiderman 2"); a one-word entity opening the
    sentence that the tagger calls a common noun before another noun, or calls a proper noun in title case that opens
    it before a noun in lower case when the page (``names``) never writes it capitalised inside a sentence, is no name
    ("[House] prices in London rose"); and a proper noun (or run of them) opening the sentence, after at most "the",
    that the model gave no label or one a name may carry is a subject too ("[Tesla] cut prices by 5%", "[Acme] shares
    fell 12%") when a verb or "shares" follows it, unless that is a verb of saying (a country of ``countries`` stays:
    "[Nigeria] said oil output rose 3%") or a title opens it ("Mr Ebbers"); so is one opening word the tagger calls a
    common noun that the page writes capitalised inside a sentence too (``names``, from :func:`written_names`), when
    its verb has a word after it before any figure ("[Morrisons] cut prices by 5%" on a page that also says "shares in
    Morrisons"; not "Exports rose 4%")."""
    out: list[Entity] = []
    for e in entities:
        m = _INDEX_MEMBERS.match(text, e.end - base) if INDEX_NAME.search(e.text) else None
        if m is None and e.label in _STATE_LABELS and (g := _GOVERNMENT.match(text, e.end - base)):
            out.append(Entity(e.start, base + g.end(), "ORG", text[e.start - base : g.end()]))  # "the U.S. government"
            continue
        out.append(Entity(e.start, base + m.end(), e.label, text[e.start - base : m.end()]) if m else e)
    lead = len(text) - len(text.lstrip(' "“‘\'('))
    out = [e for e in out if not (_NUMBERED_NAME.fullmatch(e.text) and e.start - base > lead + 4)]  # "Formula 1" opens
    fronted = _FRONTED_PLACE.match(text) if found else None  # only where the model read the sentence
    if fronted is not None and fronted.group("name").split()[0].lower() not in _NOT_PLACES:
        lo, hi = base + fronted.start("name"), base + fronted.end("name")
        if not any(e.start < hi and lo < e.end and (e in out or e.label not in ("DATE", "TIME")) for e in found) \
                and not any(e.start < hi and lo < e.end for e in out):
            out = _by_start([*out, Entity(lo, hi, "GPE", fronted.group("name"))])
    team = _THE_PLURAL_NAME.match(text)
    if team is not None and not any(e.start < base + team.end("name") and base + team.start("name") < e.end
                                    for e in found):
        lo = base + team.start("name")  # "The [Warriors] made 18 three-pointers": a team the model does not know
        out = _by_start([*out, Entity(lo, lo + len(team.group("name")), "ORG", team.group("name"))])
    if not tokens:
        return out
    inside = [t for t in tokens if base <= t.start < base + len(text)]
    k = 0
    while k < len(inside) and k < 3 and (inside[k].pos == "PUNCT" or inside[k].text.lower() == "the"):
        k += 1  # "The FTSE 100", '"Acme'; not "A Grand Don't Come for Free" (a title)
    if k + 1 < len(inside) and inside[k + 1].pos == "NOUN" and inside[k + 1].text.lower() not in SHARE_WORDS and (
            inside[k].pos == "NOUN" or inside[k].pos == "PROPN" and names and inside[k].text not in names
            and _TITLE_WORD.fullmatch(inside[k].text) and inside[k + 1].text[:1].islower()
            and not any(t.text.lower() == "the" for t in inside[:k])):
        # "[House] prices in London": a noun modifying a noun, or a word in title case opening the sentence
        # before a noun in lower case that the page never writes capitalised inside a sentence; "Apple shares",
        # "OPEC production", "The Northwest order" stay names
        first = inside[k]
        out = [e for e in out if not (e.start == first.start and e.end == first.end)]
    elif k < len(inside) and names and inside[k].pos in ("NOUN", "ADJ") and inside[k].text not in names:
        # "[Farmers] planted 90 million acres", "[Broken] bones and bruises": one opening word the tagger reads as
        # a common noun or adjective, which the page never writes capitalised inside a sentence, is no name
        first = inside[k]
        out = [e for e in out if not (e.start == first.start and e.end == first.end)]
    run = []
    while k < len(inside) and inside[k].pos == "PROPN":
        run.append(inside[k])
        k += 1
    if not run and k + 2 < len(inside) and inside[k].pos == "NOUN" and inside[k].text in names \
            and inside[k + 1].pos in ("VERB", "AUX") and inside[k + 2].pos in ("NOUN", "DET", "PRON", "ADJ", "ADP"):
        # "[Morrisons] cut prices": a name the tagger read as a plural noun, its verb's object after it; not
        # "Exports rose 4%", whose figure follows the verb (what moved, not who moved it)
        run.append(inside[k])
        k += 1
    if not run or k >= len(inside) or any(e.start < run[-1].end and run[0].start < e.end for e in out):
        return out
    if inside[k].pos == "NUM" and k + 1 < len(inside) and INDEX_NAME.search(" ".join(t.text for t in run)) \
            and _INDEX_MEMBERS.fullmatch(" " + inside[k].text):
        run.append(inside[k])  # "The [Nikkei 225] ended the day up 0.8%"
        k += 1
    after = inside[k]
    if run[0].text.rstrip(".") in HONORIFICS or not (
            after.pos in ("VERB", "AUX") or after.pos == "NOUN" and after.text.lower() in SHARE_WORDS):
        return out  # "Mr Ebbers, 63,": a person; "Elvis' Wooden Heart": no clause subject
    if any(e.start < run[-1].end and run[0].start < e.end and e.label in _NOT_NAMES for e in found):
        return out
    name = text[run[0].start - base : run[-1].end - base]
    country = name in countries
    if _REPORTING.match(text[run[-1].end - base :]) and not country or not name[:1].isupper():
        return out
    return _by_start([*out, Entity(run[0].start, run[-1].end, "GPE" if country else "ORG", name)])


#: A name that a French, Spanish or German noun phrase belongs to ("Le bénéfice net de [TotalEnergies]", "Las
#: exportaciones de [México]", "Der Umsatz von [Siemens]"): capitalised words after 'de', 'del', 'du', 'd'',
#: 'von' or 'vom'.
_GENITIVE_NAME = regex.compile(
    r"(?:(?<=\s)(?P<of>de|del|du|von|vom)\s{1,2}|(?<=\s)(?P<of>d)['’])"
    r"(?P<name>\p{Lu}[\p{L}&.’'-]{1,}(?:\s{1,2}\p{Lu}[\p{L}&.’'-]{1,}){0,3})"
)
#: Languages whose names after 'de' are subjects even where the model marked none (in German every noun is
#: capitalised: there only a name inside an entity counts).
GENITIVE_LANGUAGES = frozenset(("fr", "es"))


def foreign_names(text: str, base: int, entities: Sequence[Entity], rules: ClaimRules, language: str) -> list[Entity]:
    """The entities of a sentence of a page not in English (``language``, ISO 639-1; the English model reads
    its names badly) with its names mended: a name entity (a label of the ``subject`` rules) that is a
    determiner or stop word of the metric rules is none ("Las"); one that opens with a determiner and holds a
    name after 'de' or 'von' is that name, an organisation ("Der Umsatz von [Siemens]"), and so is one that
    opens with 'de' or 'von' ("de [México]"); one holding another
    word in lower case is a phrase, none ("las ventas"); on French and Spanish pages a name a noun phrase
    belongs to is an organisation too ("Las exportaciones de [México]"). ``text`` starts at absolute offset
    ``base``; other entities (dates, numbers) are kept as they are."""
    names = rules.subject_labels | rules.subject_clause_labels
    out: list[Entity] = []
    for e in entities:
        if e.label not in names:
            out.append(e)
            continue
        first = e.text.split(maxsplit=1)[0].lower() if e.text.strip() else ""
        named = _GENITIVE_NAME.search(e.text) if first in rules.determiners else _GENITIVE_NAME.match(" " + e.text, 1)
        if named is not None:
            lo = e.start + named.start("name") - (0 if first in rules.determiners else 1)
            out.append(Entity(lo, lo + len(named.group("name")), "ORG", named.group("name")))
        elif e.text.lower() not in rules.stop and not any(
                w[:1].islower() and w.lower() not in rules.stop for w in e.text.split()):
            out.append(e)
    if language not in GENITIVE_LANGUAGES:
        return out
    for m in _GENITIVE_NAME.finditer(text):
        lo, hi = base + m.start("name"), base + m.end("name")
        if not any(e.start < hi and lo < e.end and e.label in names for e in out):
            out.append(Entity(lo, hi, "ORG", m.group("name")))
    return _by_start(out)


#: The rest of an age written as a compound adjective after its figure ("41-[year-old]", "41[-year-old]"): it
#: describes the person it is set against.
AGE_REST = r"(?:[\s-]{0,2}(?:years?|yrs?))?[\s-]{1,2}old\b"
_AGE_WORD = regex.compile("^" + AGE_REST, regex.I)
#: What may stand between such an age and the person it describes: a title, a quote mark ("the 41-year-old [Dr
#: Hannah Berg]", "41-year-old ‘[Ann Lee]").
_AGE_TO_PERSON = regex.compile(r"^[\s\"“‘'’]{1,3}(?:\p{Lu}\p{Ll}{0,4}\.?\s{1,2})?[\"“‘'’]?$")
#: What may stand between a person and an age in the apposition after the name ("[Gerald Fenn], the firm's
#: 37-year-old founder,").
_AGE_APPOSITION = regex.compile(r"^,\s{1,2}[^,;:.()\"“”]{0,60}$")

#: A possessive pronoun of one person right before an age ("said [her] 15-year-old son"): the age is told of
#: the person named before it.
_KIN_AGE = regex.compile(r"\b(?:his|her)\s{1,2}$", regex.I)


def age_holder(text: str, base: int, f: Quantity, people: Sequence[Entity]) -> str:
    """The person an age written as "N-year-old" describes: the person right after it, past a title ("The
    41-year-old [Dr Hannah Berg] was appointed"), else the person whose apposition holds it ("[Gerald Fenn], the
    firm's 37-year-old founder, said"), else the person named last before "his" or "her" right before it ("Lena
    Ortiz said her 15-year-old son had left"); '' when it is no such age or no person is set against it.
    ``people``: the sentence's persons, ``text`` the sentence at absolute offset ``base``."""
    close = _AGE_WORD.match(text[f.end - base : f.end - base + 16]) if f.unit == "year" else None
    if close is None:
        return ""
    after = f.end + close.end()
    right = next((p for p in people if after <= p.start and _AGE_TO_PERSON.match(text[after - base : p.start - base])),
                 None)
    if right is not None:
        return right.text
    left = [p for p in people if p.end <= f.start and _AGE_APPOSITION.match(text[p.end - base : f.start - base])]
    if left:
        return left[-1].text
    before = [p for p in people if p.end <= f.start]
    return before[-1].text if before and _KIN_AGE.search(text[: f.start - base]) else ""


#: A relative clause of place opening a figure's clause after a comma ("behind Bristol, [where] rents climbed 6.1%"):
#: the clause is about the name written right before the comma. Not "in which", as often a document's or a
#: deal's ("a challenge under the Convention, in which he sought £5,000").
_RELATIVE_PLACE = regex.compile(r"(?i)\s{0,2}where\b")
#: What may stand between that name and the relative clause: a closing quote or bracket, then the comma.
_BEFORE_RELATIVE = regex.compile(r"^[\s\"”’')]{0,3},\s{0,2}$")


def _relative_place(text: str, base: int, cuts: Sequence[int], seg: int, ents: Sequence[Entity]) -> Entity | None:
    """The name a relative clause of place is about when clause ``seg`` of ``text`` (split at ``cuts``, offsets
    relative to ``text``; absolute offset ``base``) opens with "where" ("behind [Bristol], where
    rents climbed 6.1%"): the last of ``ents`` that ends right before the comma opening it; None otherwise."""
    if seg == 0 or _RELATIVE_PLACE.match(text, cuts[seg]) is None:
        return None
    return next((e for e in reversed(ents) if e.end - base <= cuts[seg]
                 and _BEFORE_RELATIVE.match(text[e.end - base : cuts[seg]])), None)


def _nationality_before(text: str, base: int, at: int, entities: Sequence[Entity],
                        people: Sequence[Entity]) -> Entity | None:
    """The country or nationality of ``entities`` that opens the sentence ``text`` (absolute offset ``base``) at
    absolute offset ``at`` and stands right before one of ``people``, one space between ("[Czech] Jiri Novak won",
    "[American] Serena Williams earned"): it only describes that person, who is whom the clause is about; None
    otherwise."""
    return next((e for e in entities if e.start == at and e.label in _DESCRIBING_LABELS
                 and any(p.start == e.end + 1 and p.label == "PERSON" and text[e.end - base] == " " for p in people)),
                None)


def pick_subject(text: str, base: int, f: Quantity, entities: Sequence[Entity], quantities: Sequence[Quantity],
                 people: Sequence[Entity] = ()) -> str:
    """The subject of quantity ``f``: the first entity before it in its clause, else in an earlier clause.

    Clauses are split at ', ' and '; '. An earlier clause counts when it holds a quantity (a main clause,
    not an item of a list of names), opens with the entity and goes on ("Lyon has reached a new level"),
    or is a short opening ("In Shanghai, ..."); only an entity before its first quantity counts (the
    clause's own subject, not a name inside a counted noun). Entities of a dateline ("WASHINGTON — ")
    are skipped; ``people`` (the entities accepted as a clause's grammatical subject: persons) count
    when they open the sentence ("[Assange], who denies it, has avoided ..."). An entity after a
    preposition in the quantity's clause gives way to the entity that opens the sentence; an entity
    followed by a possessive gives way to the entity right after it ("Hong Kong's [Hang Seng Index]"); a
    place named after an earlier quantity of the clause ("$999 in the US and [£899] in Britain") is that
    quantity's: the place named after this one, if any, is taken instead. A clause coordinated after an
    earlier figure ("Sales at Tesco rose 4% and profits at [Sainsbury's] fell 2%") has its own subject.
    """
    held = age_holder(text, base, f, people)
    if held:
        return held
    people = people_named(text, base, people)  # "[Defense] Minister Hulusi Akar said": no speaker of its own
    cuts = [0, *(m.end() for m in _SEGMENT_BREAK.finditer(text)), len(text) + 1]
    local = f.start - base
    seg = max(k for k in range(len(cuts) - 1) if cuts[k] <= local)
    owner = _clause_owner(text, base, f, cuts, seg, _by_start([*entities, *people]))
    if owner:
        return owner
    skip = dateline_end(text)
    opening = base + skip + _OPENING.match(text[skip:]).end()  # type: ignore[union-attr]
    titled = base + _TITLES.match(text, opening - base).end()  # "[Senator] Hale Brandt"
    nationality = _nationality_before(text, base, titled, entities, people)
    if nationality is not None:  # "[Czech] Jiri Novak won 62 matches": the person the nationality describes
        entities = [e for e in entities if e is not nationality]
        people = [p for p in people if (p.start, p.end) != (nationality.start, nationality.end)]
        titled = nationality.end + 1
    framed = _SUBORDINATE.match(text, opening - base)  # "[And when] Hale Brandt tweeted"
    framed_at = base + _TITLES.match(text, framed.end()).end() if framed is not None else titled
    known = {(e.start, e.end) for e in entities}
    cands = _by_start([*entities, *(p for p in people
                                    if p.start in (opening, titled, framed_at) and (p.start, p.end) not in known
                                    and not _reports(text, base, p, f) and not describes(text, base, p, entities))])
    ents = [e for e in cands if e.start >= base + skip and not reporting_body(text, base, e)
            and not any(e.start < q.end and q.start < e.end for q in quantities)]
    opener = ents[0] if ents and ents[0].start in (opening, titled, framed_at) else None
    for k in range(seg, -1, -1):
        lo, hi = base + cuts[k], base + cuts[k + 1]
        own = [q.start for q in quantities if lo <= q.start < hi]
        limit = f.start if k == seg else min(own or [hi])
        here = [e for e in ents if lo <= e.start and e.end <= limit]
        if not here and k == seg and (relative := _relative_place(text, base, cuts, seg, ents)) is not None:
            return relative.text  # "behind Bristol, where rents climbed [6.1%]"
        if not here:
            continue
        if k != seg and not own:
            clause = text[lo - base : hi - base]
            intro = k == 0 and len(clause.split()) <= INTRO_WORDS
            head = here[0].start - lo <= 4 and len(clause.split()) >= len(here[0].text.split()) + 3
            if not (intro or head or here[0] is opener):
                continue
        chosen = here[0]
        if k == seg:
            chosen = _coordinated(text, base, f, quantities, here, lo) or _reported(text, base, chosen, here) or chosen
        if (k == seg and opener is not None and opener.start < lo
                and _OBLIQUE.search(text[max(0, chosen.start - base - 30) : chosen.start - base])
                and not _POSSESSIVE.match(text[chosen.end - base : chosen.end - base + 3] + " ")):
            chosen = opener
        if k == seg and chosen.label in _PLACE_LABELS:
            earlier = [q for q in quantities if lo <= q.start and q.end <= chosen.start]
            if earlier and _PLACE_PREP.search(text[earlier[-1].end - base : chosen.start - base][-40:]):
                # "$999 in [the US] and £899 in Britain": the place is the earlier figure's
                return place_after(text, base, f, entities, quantities) or _possessed(text, base, chosen, ents, limit)
        return _possessed(text, base, chosen, ents, limit)
    return ""


def subject_scope(before: str, after: str, rules: ClaimRules) -> Rule | None:
    """The first ``subject_scopes`` rule whose context patterns match a figure's ``before`` and ``after``
    text: its ``scope`` says the figure is the whole country's ("above the national average of [2.4%]",
    "compared with [3.8%] nationwide") or the world's ("the global average of [3%]"); None when none."""
    return next((r for r in rules.subject_scopes if context_matches(r, before, after)), None)


@lru_cache(maxsize=8)
def _country_pattern(countries: tuple[str, ...]) -> regex.Pattern:
    """The names ``countries`` as one pattern, longest first, each a whole word."""
    names = sorted(countries, key=len, reverse=True)
    return regex.compile(r"(?<![\p{L}\p{N}])(?:" + "|".join(regex.escape(n) for n in names) + r")(?![\p{L}\p{N}])")


def named_country(text: str, countries: tuple[str, ...]) -> str:
    """The name of ``countries`` that ``text`` (an article's title, a newline, then its text) writes most,
    the first written on a tie, when it is the article's country: written in the title or at least twice;
    '' when it names none so (a country named once in passing, "Canada ranks No. 2", is not where the
    article is)."""
    if not countries:
        return ""
    title_end = text.find("\n")
    found = list(_country_pattern(countries).finditer(text))
    seen = Counter(m.group() for m in found)
    if not seen:
        return ""
    name = max(seen, key=seen.__getitem__)
    in_title = any(m.group() == name and m.start() < title_end for m in found)
    return name if seen[name] >= 2 or in_title else ""


#: Words that name the source of a figure right before its name ("fell 0.8%, [according to] Halifax", "[figures
#: from] the ONS"), an alternation also read by the model's reach (:func:`pipeline.extract.stage.place_tail`),
#: and a verb of reporting right after it ("rose 3%, the SMMT [said]").
SOURCE_LEAD = (r"(?:according\s{1,3}to|(?:figures|data|statistics|numbers|research|estimates"
               r"|a\s{1,3}(?:survey|report|study|poll))\s{1,3}(?:from|by))")
#: Verbs of reporting after the name of a figure's source (an alternation).
SOURCE_VERBS = r"(?:said|says|reported|reports|showed|shows|found|finds)"
_SOURCE_BEFORE = regex.compile(r"(?i)\b" + SOURCE_LEAD + r"\s{1,3}(?:the\s{1,3})?$")
_COMMA_THE = regex.compile(r"(?i),\s{1,3}the\s{1,3}$")
_SOURCE_SAID = regex.compile(r"(?i)^\s{1,3}(?:has\s{1,3})?" + SOURCE_VERBS + r"\b")


#: Words that name a body as the one reporting or measuring a figure right before its name: the words of a source
#: (:data:`SOURCE_LEAD`) and more nouns of a study ("[according to] the Lancet Commission", "[figures from] the
#: Building Societies Association", "[a survey by] Gallup", "[according to a new] CBS News poll"), up to two
#: determiners or words of recency between.
_REPORTER_BEFORE = regex.compile(
    r"(?i)\b(?:" + SOURCE_LEAD + r"|(?:analysis|projections?|surveys?|reports?|stud(?:y|ies)|polls?|census|tally"
    r"|modell?ing)\s{1,3}(?:from|by))"
    r"\s{1,3}(?:(?:the|a|an|its|their|new|latest|recent|annual|monthly|weekly)\s{1,3}){0,2}$"
)
#: What follows a body that finds or measures a figure: a verb of finding ("the World Health Organization [found
#: that]", "the ONS [showed that]"), or its instrument or study in the possessive ("the US Embassy['s monitor]",
#: "Gallup['s latest poll]"). "Tesla showed a profit" keeps Tesla: "showed" needs "that".
_REPORTER_AFTER = regex.compile(
    r"(?i)^(?:\s{1,3}(?:has\s{1,3}|have\s{1,3}|had\s{1,3})?(?:found|finds|(?:showed|shows|shown)\s{1,3}that)\b"
    r"|['’]s?\s{1,3}(?:[\p{Ll}-]{2,20}\s{1,3}){0,2}(?:monitors?|surveys?|polls?|study|studies|analysis|research"
    r"|tally|census|estimates?|tracker|sensors?)\b)"
)


def reporting_body(text: str, base: int, ent: Entity) -> bool:
    """Whether ``ent`` (an entity of the sentence ``text`` at absolute offset ``base``) only reports or measures the
    figures of its sentence, so is never their subject: a body that is no place or person after "according to",
    "figures from", "a survey by" ("[according to] the Lancet Commission, 9 million deaths"), or before a verb of
    finding or its instrument in the possessive ("the World Health Organization [found that] 11 of 12 cities",
    "the US Embassy['s monitor] read 408"). A place reports nothing ("data from Poland shows": Poland's), nor does a
    person (a speaker: see :func:`speaking`)."""
    if ent.label in _PLACE_LABELS or ent.label == "PERSON":
        return False
    lo, hi = ent.start - base, ent.end - base
    if _REPORTER_AFTER.match(text[hi : hi + 60]):
        return True
    return _REPORTER_BEFORE.search(text[max(0, lo - 60) : lo]) is not None


def source_after(text: str, base: int, f: Quantity, ents: Sequence[Entity],
                 outlets: frozenset[str] = frozenset()) -> str:
    """The source named after quantity ``f`` of the sentence ``text`` (at absolute offset ``base``; ``ents``:
    its subject entities), or '': the entity after "according to", "figures from", "a survey by" ("House
    prices fell [0.8%], according to [Halifax]"), or an institution that opens a clause with a verb of
    reporting ("Car sales fell [12%], the [SMMT] said"; not "..., Smith said"). A news outlet or agency
    (``outlets``) that reports a figure is never what the figure is about ("according to [Bloomberg]")."""
    for e in ents:
        if e.start < f.end or e.text in outlets:
            continue
        lead = text[max(0, e.start - base - 40) : e.start - base]
        if _SOURCE_BEFORE.search(lead):
            return e.text
        if _COMMA_THE.search(lead) and _SOURCE_SAID.match(text[e.end - base :]):
            return e.text
    return ""


#: A relative pronoun opening a clause: the clause is about the name right before its comma.
_RELATIVE = regex.compile(r"(?i)^\s{0,2}(?:who|which|whose)\b")
#: An apposition that opens a relative clause about the person before it (", [a nurse who] has worked ...").
_APPOSED_WHO = regex.compile(r"(?i)^\s{0,2}(?:an?|the)\s[^,;:()\"“”]{0,80}?\bwho\b")
#: An opening participle clause ("having scored four times, [Parise] is"): its subject opens the next clause.
_PARTICIPLE_OPENING = regex.compile(r"(?i)^\s{0,2}(?:having|being|after|while)?\s{0,2}\p{L}{3,}ing\b|^\s{0,2}having\b")
#: What may stand between a name and the comma that ends it, or a figure in apposition ("Webb, [51],").
_TO_COMMA = regex.compile(r"^['’\")\s]{0,3},\s{0,2}$")
_APPOSITION_END = regex.compile(r"^\s{0,2}(?:[,.;)]|$)")


#: A conjunction that opens a second clause of a sentence between two of its figures ("Sales at Tesco rose 4%
#: [and] profits at Sainsbury's fell 2%").
_COORDINATE = regex.compile(r"(?i)\b(?:and|but|while|whereas)\s{1,3}")
#: What may not stand between such a conjunction and the subject of its clause (a dash or bracket opens an aside).
_LEAD_BREAK = regex.compile(r"[-–—()\[\]]")


def _coordinated(text: str, base: int, f: Quantity, quantities: Sequence[Quantity], here: Sequence[Entity],
                 lo: int) -> Entity | None:
    """The first entity of ``here`` (the entities of the clause of ``f`` that starts at absolute offset ``lo``)
    named after the first conjunction that follows an earlier figure of the clause, before ``f``, and joins no two
    names, at most four words on and with no dash or bracket between: the subject of a second coordinated clause
    ("Sales at Tesco rose 4% and profits at [Sainsbury's] fell [2%]"), or None."""
    earlier = [q for q in quantities if lo <= q.start and q.end <= f.start]
    if not earlier:
        return None
    at = earlier[-1].end
    for cut in _COORDINATE.finditer(text[at - base : f.start - base]):
        if any(0 <= at + cut.start() - e.end <= 2 for e in here):
            continue  # "Ontario and Quebec", "Merrill Lynch and Co.": a list of names, no new clause
        first = next((e for e in here if e.start >= at + cut.end()), None)
        lead = text[at + cut.end() - base : first.start - base] if first is not None else ""
        return first if len(lead.split()) <= 4 and not _LEAD_BREAK.search(lead) else None
    return None


#: A verb of expecting after a name, which then reports the clause after it, as a verb of saying does ("Analysts at
#: Citigroup [expect] Apple to sell 80 million").
_EXPECTING = regex.compile(r"(?i)^\s{1,3}(?:expects?|expected|forecasts?|projects?|projected)\b")


#: Verbs of saying whose object is the one told, not what is said ("told [the SEC] it sold 119,800 shares").
_TELLING = frozenset(("told", "tells"))
#: What may stand between a verb of saying and the name opening the clause it reports ("said[ on Wednesday that ]MCI
#: had rejected", "reported[ that ]Volkswagen", "said[ the ]Bundesbank"); a name later in that clause is no
#: subject of it ("said it acquired [Thomas Nationwide]").
_REPORTED_LEAD = regex.compile(
    r"(?i)(?:\s{1,3}(?:on|in|last|this)\s{1,3}\p{L}+)?(?:\s{1,3}that)?\s{1,3}(?:the\s{1,3})?"
)


def _reported(text: str, base: int, speaker: Entity, here: Sequence[Entity]) -> Entity | None:
    """The name of ``here`` (the names of a figure's clause before it) that opens the clause reported by the verb
    of saying or expecting after ``speaker`` (:data:`_REPORTED_LEAD`): whose the reported figure is, not the
    speaker's ("The IMF said [Greece]'s economy would shrink 4%", "Reuters reported that [Volkswagen] would cut
    30,000 jobs", "Officials in Beijing said [China]'s imports fell"); None when no name opens that clause ("Tesla
    said it delivered 1.8 million cars", "said sales in Japan rose": the speaker's), the verb is one of telling or
    no such verb follows the speaker."""
    rest = text[speaker.end - base :]
    verb = _REPORTING.match(rest) or _EXPECTING.match(rest)
    if verb is None or verb.group().split()[-1].lower() in _TELLING:
        return None
    at = speaker.end + verb.end()
    return next((e for e in here if e.start >= at and _REPORTED_LEAD.fullmatch(text[at - base : e.start - base])), None)


def _clause_owner(text: str, base: int, f: Quantity, cuts: Sequence[int], seg: int,
                  entities: Sequence[Entity]) -> str:
    """The entity a quantity's clause is about by its shape, or '': the name right before a relative clause
    ("the [Republican Governors Association], which gave nearly $5.9 million"), a person's even past other
    names inside it or an apposition before its "who" ("[Karen Mills], a nurse who has worked in Leeds for 12
    years"); a name the quantity stands in
    apposition to ("convicting [Webb], 51, of"); the name that opens the clause after an opening participle
    clause ("having scored four times during a streak, [Parise] is"). ``cuts``: where the sentence's clauses
    start (sentence offsets), ``seg``: the quantity's clause."""
    local = f.start - base
    for e in entities:
        if e.end <= f.start and _TO_COMMA.match(text[e.end - base : local]) \
                and _APPOSITION_END.match(text[f.end - base : f.end - base + 3]) and not f.text[:1].isalpha():
            return e.text  # "Elizabeth A. Burton, [32], of"
    if seg == 0:
        return ""
    clause = text[cuts[seg] : local]
    who = _APPOSED_WHO.match(clause)
    if _RELATIVE.match(clause) or who:
        comma = cuts[seg] - 2
        before = [e for e in entities if e.end - base <= comma + 1 and _TO_COMMA.match(text[e.end - base : cuts[seg]])]
        inside = [e for e in entities if base + cuts[seg] <= e.start < f.start]
        if before and (before[-1].label == "PERSON" and (who or clause.lstrip().lower().startswith("who"))
                       or not inside and not who):
            return before[-1].text  # "[Maria Lopez], who has visited Spain over 30 times": what the person did
    if _PARTICIPLE_OPENING.match(clause) and seg + 1 < len(cuts) - 1 and not any(e.start < f.start for e in entities):
        nxt = base + cuts[seg + 1]
        opener = [e for e in entities if nxt <= e.start <= nxt + 4]
        if opener:
            return opener[0].text
    return ""


def _possessed(text: str, base: int, ent: Entity, ents: Sequence[Entity], limit: int) -> str:
    """The entity a possessive chain that starts at ``ent`` ends in, before ``limit``: "Hong Kong's Hang Seng
    Index" -> "Hang Seng Index"; ``ent`` itself when no possessive follows it."""
    for _ in range(3):
        nxt = next((e for e in ents if ent.end <= e.start <= ent.end + 4 and e.end <= limit), None)
        if nxt is None or not _POSSESSIVE.match(text[ent.end - base : nxt.start - base]):
            break
        ent = nxt
    return ent.text


def _title_at(name: str, title: str) -> int:
    """Where ``title`` first writes ``name`` as a word or words of its own (case aside), or -1."""
    if (name + title).isascii() and name.lower() not in title.lower():
        return -1  # not there in any case: no pattern is compiled for it (one per name, most names of a page new)
    found = regex.search(rf"(?i)(?<![\p{{L}}\d]){regex.escape(name)}(?![\p{{L}}\d])", title) if name.strip() else None
    return found.start() if found is not None else -1


def article_subject(entities: Sequence[Entity], title: str | None = None) -> str:
    """The place or organisation named most often in the article (GPE first), or ''; given the article's
    ``title``, the title's main entity: of the names of ``entities`` the title writes, the one it writes first
    ("Nissan cuts output in Japan" -> Nissan, however often the article names Japan), '' when it writes none."""
    if title is not None:
        placed = [(at, e.text) for e in entities if (at := _title_at(e.text, title)) >= 0]
        return min(placed, key=lambda p: (p[0], -len(p[1])))[1] if placed else ""
    counts: dict[str, int] = {}
    for label in ("GPE", None):
        for ent in entities:
            if label is None or ent.label == label:
                counts[ent.text] = counts.get(ent.text, 0) + 1
        if counts:
            return max(counts, key=lambda t: counts[t])
    return ""


#: Values of the ``subject_source`` column: where a claim's subject was found.
SUBJECT_SOURCES = ("clause", "paragraph", "article")
#: Prepositions after a quantity that can introduce its place ("exported among ... in the Yangtze River Delta").
_PLACE_PREP = regex.compile(r"(?i)\b(?:in|at|across|among|throughout)\s{1,3}(?:the\s{1,3})?$")
_PLACE_LABELS = frozenset(("GPE", "LOC", "FAC"))
#: A quotation between a quantity and a place: the place is part of a title ('selected as "Top ... in China"').
_QUOTES = regex.compile(r"[\"“”]")


def _descendants(tokens: Sequence[Token], root: int, depth: int = 3) -> set[int]:
    """Indexes of ``root`` and the tokens below it, at most ``depth`` levels down."""
    seen, frontier = {root}, {root}
    for _ in range(depth):
        frontier = {k for k, t in enumerate(tokens) if t.head in frontier and k not in seen}
        if not frontier:
            break
        seen |= frontier
    return seen


def parse_subject(tokens: Sequence[Token], start: int, end: int, entities: Sequence[Entity]) -> str:
    """The entity of ``entities`` that the clause of the quantity at ``start:end`` is about, from the
    dependency parse: inside the grammatical subject of the verb that governs the quantity ("[Toyota]
    shares fell 3.1%", "[Apple]'s iPod sales rose 5%"), else inside the noun the quantity counts or
    belongs to ("the loan amount for [Shanghai]'s enterprises was ..."); '' when the parse names none."""
    inside = [k for k, t in enumerate(tokens) if t.start < end and start < t.end]
    if not inside or not entities:
        return ""
    own = set(inside)
    cur = next((k for k in inside if tokens[k].head not in own), inside[-1])
    for _ in range(6):
        tok = tokens[cur]
        if tok.pos in ("VERB", "AUX"):
            subj = next((k for k, t in enumerate(tokens) if t.head == cur and t.dep in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                zone = [tokens[k] for k in _descendants(tokens, subj)]
                found = [e for e in entities if any(t.start < e.end and e.start < t.end for t in zone)]
                if found:
                    return min(found, key=lambda e: e.start).text
                return ""
        if tok.head == cur:
            break
        cur = tok.head
    return ""


def place_after(text: str, base: int, f: Quantity, entities: Sequence[Entity], quantities: Sequence[Quantity]) -> str:
    """A place or building named after quantity ``f`` in its clause, before the next quantity, through a preposition
    of place ("25273 contracts were exported among ... in [the Yangtze River Delta]"), not inside a quoted
    title, or ''."""
    cuts = [0, *(m.end() for m in _SEGMENT_BREAK.finditer(text)), len(text) + 1]
    local = f.end - base
    hi = base + min([c for c in cuts if c > local] or [len(text)])
    nxt = min([q.start for q in quantities if q.start >= f.end] or [hi])
    for e in entities:
        if e.label in _PLACE_LABELS and f.end <= e.start and e.end <= min(hi, nxt):
            between = text[f.end - base : e.start - base]
            if _PLACE_PREP.search(between[-40:]) and not _QUOTES.search(between):
                return e.text
    return ""


#: What joins two figures of one list ("4%[, ]6%[ and ]9%").
_FIGURE_JOIN = regex.compile(r"(?i)^\s{0,2}(?:,\s{0,2}(?:and\s{1,3}|or\s{1,3})?|and\s{1,3}|or\s{1,3})$")
#: What joins two names of one list ("Ford[, ]General Motors[ and ]Chrysler", "the Dow[ and the ]S&P 500",
#: "Sainsbury[’s and ]Tesco").
_NAME_JOIN = regex.compile(r"(?i)^(?:['’]s?)?\s{0,2}(?:,\s{0,2}(?:and\s{1,3})?|and\s{1,3}|&\s{1,3})(?:the\s{1,3})?$")
#: "respectively" after a list of figures, past what they count or are part of and a list of names, within its
#: clause ("800,000 cars[, respectively]", "18% and 16% of US trade[, respectively]", "5% and 3% in France and
#: Germany [respectively]"); group ``at``: where the word starts.
_RESPECTIVELY = regex.compile(r"(?i)[^.;:!?\d]{0,60}?(?<![\p{L}-])(?P<at>respectively)\b")


def _runs(ents: Sequence[Entity], text: str, base: int) -> list[list[Entity]]:
    """``ents`` (in order) cut into runs of names that :data:`_NAME_JOIN` joins."""
    runs: list[list[Entity]] = []
    for e in ents:
        if runs and _NAME_JOIN.match(text[runs[-1][-1].end - base : e.start - base]):
            runs[-1].append(e)
        else:
            runs.append([e])
    return runs


def respective_subject(text: str, base: int, f: Quantity, entities: Sequence[Entity],
                       quantities: Sequence[Quantity]) -> str:
    """The name a figure of a "respectively" list is about: the name at the figure's place in a list of as many
    names joined by commas and "and", the nearest such list before the figures in their sentence, else one
    between them and "respectively" ("[France] and [Italy] grew [0.7%] and [0.5%] respectively": France,
    Italy; "Prices rose 5% and 3% in France and Germany respectively"); '' when ``f`` is in no such list or
    the names do not match its length. ``text`` is the sentence at absolute offset ``base``."""
    if "respectively" not in text.lower():  # asked for every claim: most sentences have no such list
        return ""
    qs = sorted(quantities, key=lambda q: q.start)
    at = next((n for n, q in enumerate(qs) if q.start == f.start and q.end == f.end), -1)
    if at < 0:
        return ""
    first = last = at
    while first > 0 and _FIGURE_JOIN.match(text[qs[first - 1].end - base : qs[first].start - base]):
        first -= 1
    while last + 1 < len(qs) and _FIGURE_JOIN.match(text[qs[last].end - base : qs[last + 1].start - base]):
        last += 1
    size = last - first + 1
    tail = _RESPECTIVELY.match(text, qs[last].end - base)
    if size < 2 or tail is None:
        return ""
    names = sorted({(e.start, e.end): e for e in entities
                    if not any(e.start < q.end and q.start < e.end for q in qs)}.values(), key=lambda e: e.start)
    before = [r for r in _runs([e for e in names if e.end <= qs[first].start], text, base) if len(r) == size]
    after = [r for r in _runs([e for e in names if qs[last].end <= e.start and e.end <= base + tail.start("at")],
                              text, base) if len(r) == size]
    chosen = before[-1] if before else after[0] if after else []
    return chosen[at - first].text if chosen else ""



#: The first word of a sentence, past quotes and brackets, when capitalised: a name may open the sentence.
_OPENING_WORD = regex.compile(r"[\s\"“‘'(]{0,3}(\p{Lu}[\p{L}&'’.-]{0,30})(?=[\s,])")
#: What may follow a word written in lower case inside a sentence.
_WORD_ENDS = (" ", ",", ".", ";", ":")


def opening_word(text: str, rules: ClaimRules, page: str = "") -> bool:
    """True when sentence ``text`` opens with a capitalised word that may be a name: no stop word,
    determiner, preposition, noun of time, month, weekday or title, and not written in lower case between
    spaces and punctuation elsewhere on its ``page`` ("[Tesla] delivered", not "The", "But", "In", "March",
    "Mr", nor "Shares" on a page that says "shares"). The tagger then reads the sentence when the entity
    recogniser finds no name in it, so that an opening name it does not know can still be the clause's
    subject."""
    m = _OPENING_WORD.match(text)
    if m is None:
        return False
    word = m.group(1).rstrip(".")
    low = word.lower()
    if (low in rules.stop or low in rules.determiners or low in rules.prepositions or low in rules.times
            or low in CALENDAR_WORDS or word in HONORIFICS):
        return False
    return not any(f" {low}{end}" in page for end in _WORD_ENDS)


#: A run of capitalised words opening a sentence before a word in lower case ("[Tesco] reported", "[Pellam
#: Rail] said"): the name that opens the clause.
_OPENING_NAME = regex.compile(
    r"[\s\"“‘'(]{0,3}(\p{Lu}[\p{L}&'’.-]{0,30}(?:\s\p{Lu}[\p{L}&'’.-]{0,30}){0,3})\s{1,2}\p{Ll}"
)


#: A possessive opening a sentence that refers back to a body named before ("[Its] revenue", "[The company's] profit").
_OWNER_REFERENT = regex.compile(
    r"[\s\"“‘'(]{0,3}(?:Its|Their|The\s{1,2}(?:company|firm|group|bank|lender|retailer|carrier|insurer|maker|chain|"
    r"club|council|agency|airline|brewer|miner|charity|university)['’]s?)\s"
)


def owner_referent(text: str) -> bool:
    """True when sentence ``text`` opens with a possessive that refers back to a body named before it ("[Its]
    quarterly revenue climbed 11%", "[The company's] profit fell"): its figures are that body's."""
    return _OWNER_REFERENT.match(text) is not None


def opening_name(text: str, rules: ClaimRules, page: str = "") -> str:
    """The name that opens sentence ``text`` and its clause, read without the model: the capitalised words
    before its first word in lower case when the first may be a name (:func:`opening_word`: "[Tesco] reported
    results on Tuesday", not "The firm", "In May"), past a title ("Sheriff Dana Colt"), and no noun of people
    that acts (``rules.agents``: "Analysts"); '' when none. A sentence with no figure names this way the body a
    later sentence of its paragraph refers back to (:func:`owner_referent`)."""
    m = _OPENING_NAME.match(text)
    if m is None:
        return ""
    name = m.group(1)
    name = name[_TITLES.match(name).end() :].rstrip(".")  # "[Sheriff] Dana Colt": the person
    if not name or not opening_word(name + " ", rules, page) or name.lower() in rules.agents:
        return ""
    return name
