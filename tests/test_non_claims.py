"""Tests of pipeline.extract.non_claims: the context rules of non_claims.toml drop found quantities when
claims are made; every example runs through the real pipeline and is dropped by its own rule."""
from __future__ import annotations

import pytest

from pipeline.clean.segment import segment
from pipeline.extract.claim_rules import load_claim_rules
from pipeline.extract.non_claims import drop_non_claims, sift_non_claims
from pipeline.extract.quantities import Quantity, find_quantities
from pipeline.document import load_stages
from pipeline.extract.stage import extract_many
from pipeline.rules import Example, Rule
from pipeline.types import Article, Block, RawDoc

QUIET = load_stages(use_ner=False).extractor  # the rules compiled once a session
RULES = load_claim_rules()


def cases(which: str) -> list:
    return [pytest.param(rule, ex, id=f"{rule.id}:{n}") for rule in RULES.nonclaims
            for n, ex in enumerate(getattr(rule, which))]


def claims_of(text: str) -> list:
    """Claims of a one-sentence article (no NER)."""
    doc = RawDoc(doc_id="example00example", source="example.txt", text=text)
    art = Article(doc=doc, blocks=(Block(0, len(text), "paragraph", "test", text),))
    return extract_many([(art, segment(art))], QUIET)[0]


def test_context_rules_come_from_non_claims_toml():
    assert RULES.nonclaims and all(r.file == "non_claims.toml" for r in RULES.nonclaims)
    assert not {r.id for r in RULES.nonclaims} & {r.id for r, _ in QUIET.grammar.vetoes}


@pytest.mark.parametrize("rule, example", cases("examples"))
def test_context_rule_example(rule: Rule, example: Example):
    found = find_quantities(example.text, QUIET.grammar)
    assert [(q.start, q.end) for q in found] == list(example.spans)  # the grammar leaves them to this rule
    sifted = sift_non_claims(example.text, 0, found, RULES)
    assert all((q, (rule.id,)) in sifted.dropped for q in found)
    spans = {(c.start, c.end) for c in claims_of(example.text)}
    assert not spans & set(example.spans)


@pytest.mark.parametrize("rule, example", cases("counter_examples"))
def test_context_rule_counter_example(rule: Rule, example: Example):
    found = find_quantities(example.text, QUIET.grammar)
    assert [(q.start, q.end) for q in found] == list(example.spans)
    sifted = sift_non_claims(example.text, 0, found, RULES)
    assert not any(rule.id in why for _, why in sifted.dropped)
    assert set(example.spans) <= {(c.start, c.end) for c in claims_of(example.text)}


def test_dropped_count_takes_its_list_along_but_spares_digits_and_other_items():
    text = "Trade among these three provinces and one city rose, and the 12 banks hired two analysts."
    words = [Quantity(text.index(w), text.index(w) + len(w), w, 1.0, "count", "exact", "t", is_word=True)
             for w in ("three", "one", "two")]
    digits = Quantity(text.index("12"), text.index("12") + 2, "12", 12.0, "count", "exact", "t")
    kept = drop_non_claims(text, 0, [*words, digits], RULES)
    assert [f.text for f in kept] == ["12", "two"]
    dropped = sift_non_claims(text, 0, [*words, digits], RULES).dropped
    assert [(q.text, why) for q, why in dropped] == [("three", ("nonclaim.definite_word_count.v6",)),
                                                     ("one", ("nonclaim.definite_word_count.v6",))]


@pytest.mark.parametrize(("text", "kept"), [
    ("Trade among the three regions and one city rose.", ["three", "one"]),
    ("Three regions and one city signed. Trade among the three regions and one city rose.", ["Three", "one"]),
    ("A region signed. Later the region and the two ports signed.", ["two"]),
    ("The ports signed. Later the two ports signed.", []),
    ("Two loggers were hurt. Rescuers flew the two men out.", ["Two"]),
    ("Two loggers were hurt. Rescuers flew the three men out.", ["Two", "three"]),
    ("Two loggers were hurt. Rescuers flew the two drones out.", ["Two", "two"]),
    ("Two boys ran off. Police found the two at dawn.", ["Two"]),
    ("Police found the two at dawn.", []),
    ("The three recovered quickly.", []),
    ("If the two ever meet, sparks will fly.", []),
    ("The two men arrested were freed.", ["two"]),
    ("Doctors saw three cases and treated the three patients.", ["three"]),
    ("Poems for two voices won. The two men met later.", ["two", "two"]),
    ("Two young loggers were hurt. Police found the two at dawn.", ["Two"]),
    ("Two sufferers were treated. The two patients recovered.", ["Two"]),
])
def test_a_count_after_the_points_back_only_to_a_set_named_before_it(text, kept):
    """'the N noun' is a first mention, a claim, unless the text before it in its document names the noun, or
    the same number for a count of people; the sentence alone has nothing before it."""
    assert [c.quantity for c in claims_of(text)] == kept


def test_offsets_are_absolute():
    text = "All three companies denied it."
    q = Quantity(104, 109, "three", 3.0, "count", "exact", "t", is_word=True)
    assert drop_non_claims(text, 100, [q], RULES) == []


@pytest.mark.parametrize(("text", "kept"), [
    ("Aid reached the families in sector 12 on Monday.", []),
    ("Voters of ward 3 elected 2 councillors.", ["2"]),
    ("Smoke covered an area 40 miles long.", ["40 miles"]),
    ("The piece moves in 6/8 time before a 4/4 coda.", []),
])
def test_places_named_by_a_number_and_time_signatures_are_no_claims(text, kept):
    assert [c.quantity for c in claims_of(text)] == kept


def test_video_resolutions_are_names_not_pence():
    assert [c.quantity for c in claims_of("The console renders at 1080p, not 1440p, for 80p a day.")] == ["80p a day"]


@pytest.mark.parametrize(("text", "kept"), [
    ("The Kestrel 220 jets will be replaced by 30 new aircraft.", ["30"]),
    ("Orbiter 4 astronauts trained for two years.", ["two years"]),
    ("Tuesday 5 people died in the floods.", ["5"]),
    ("Officials said on Friday 30 homes were destroyed.", ["30"]),
    ("Some 40 people were hurt when the bus overturned.", ["Some 40"]),
    ("Production of the 777X slipped, and 12 jets were delayed.", ["12"]),
    ("Leeds 2 Hull 1 was the upset of the day.", []),
    ("It refreshed its 13- and 15-inch laptops for $999.", ["$999"]),
])
def test_numbers_inside_names_are_no_counts(text, kept):
    """A name with its number, a model with a suffix, a score line or a size listed before a device holds no
    claim; counts after a word of time or an opening adverb stay."""
    assert [c.quantity for c in claims_of(text)] == kept


@pytest.mark.parametrize(("text", "expected"), [
    ("The yen fell to 108.55 per dollar after the data.", [("108.55 per dollar", "JPY/USD", "exact", "level", "down")]),
    ("The note was down 5/32 by midday.", [("5/32", "pt", "exact", "change", "down")]),
    ("Offenders face up to a $40,000 fine.", [("up to a $40,000", "USD", "at_most", "amount", "")]),
])
def test_market_quotes_and_bounds_across_an_article(text, expected):
    """Exchange rates are levels in a currency per currency, bond moves in 32nds are points of par, and a bound
    word keeps its bound across an article."""
    assert [(c.quantity, c.unit, c.bound, c.kind, c.direction) for c in claims_of(text)] == expected


@pytest.mark.parametrize(("text", "kept"), [
    ("Orvana's 848 fleet was grounded after 12 incidents.", ["12"]),
    ("The 848 was grounded, and Orvana's 1,200 pilots waited.", ["1,200"]),
    ("Dealers said Kestrel's 718 remains its best seller.", []),
    ("Nigeria's 774 local government areas got 3% more.", ["774", "3%"]),
    ("Prices rose to 213 cents from April's 207.", ["213 cents", "207"]),
    ("Both 2023 models sold out, and 4,000 buyers waited.", ["4,000"]),
    ("The rights are in Section 14(1) of the charter.", []),
    ("Only one of the 12 pumps works.", ["one", "12"]),
    ("It is just one of the costs of a 30-storey tower.", ["30"]),
])
def test_names_years_and_sections_that_hold_numbers_are_no_counts(text, kept):
    """A model named after a possessive or 'the', a year before the plural it names and a subsection are no
    claims; counts after a possessive keep their plural noun, 'only one of' counts and storeys are counted."""
    assert [c.quantity for c in claims_of(text)] == kept


@pytest.mark.parametrize(("text", "kept"), [
    ("13.08 Police say the road is shut. 13.20 Fire crews arrive, and 40 people leave.", ["40"]),
    ("00.30 The count goes on. Turnout was 61.5 per cent, up 2.5 points.", ["61.5 per cent", "2.5 points"]),
    ("The index rose 13.08 points to 4,120.", ["13.08 points", "4,120"]),
    ("Kestrel sold 2.0 million handsets running Android 14 and Ubuntu 22.04.", ["2.0 million"]),
    ("Troops fired 120 rounds from a 7.62mm rifle and 30 155mm shells.", ["120", "30"]),
    ("A .50 calibre rifle and a 12-gauge shotgun were among 14 guns seized.", ["14"]),
    ("The rain reached 120 mm, and the pipe is 150 mm wide.", ["120 mm", "150 mm"]),
    ("The hall opens at 16hrs; it was open 16hrs a day in 2023.", ["16hrs a day"]),
])
def test_stamps_versions_calibres_and_clocks_are_no_claims_but_their_figures_are(text, kept):
    """A live-blog entry's time stamp, a version, a weapon's calibre and a clock written with 'hrs' are no claims;
    the points, counts of rounds, millimetres of rain and hours a day around them stay claims."""
    assert [c.quantity for c in claims_of(text)] == kept


@pytest.mark.parametrize(("text", "kept"), [
    ("- ↑ 5.0 5.1 5.2 A Field Guide to Moths, Chapter 4.", []),
    ("Orders went ↑ 3.5% after 20 stores opened.", ["3.5%", "20"]),
    ("Proceedings of the Workshop on Sensor Networks: 55–61.", []),
    ("Tickets: 40–60.", ["40–60"]),
    ("Sleep for 8 hours can cut the risk by 12% ( 9 ).", ["8 hours", "12%"]),
    ("Backed by award 448120, the lab hired 14 staff.", ["14"]),
    ("Half of 300 patients had type 2 diabetes, and 40 owned 3-D printers.", ["Half", "300", "40"]),
    ("Soils stored 5 Mg C ha −1 yr −1 across 30 plots.", ["5 Mg", "30"]),
])
def test_footnotes_citations_grants_and_named_types_are_no_claims(text, kept):
    """A footnote's backlinks, a cited work's pages, a reference mark with spaces, a grant's number, a type of
    diabetes, 3-D and a unit's negative power are no claims; a figure after an arrow, a count after a colon and the counts around them stay."""
    assert [c.quantity for c in claims_of(text)] == kept


@pytest.mark.parametrize(("text", "kept"), [
    ("A hot bath makes one feel calm, and it lets one think.", []),
    ("The fund helps one school in each of 12 towns.", ["one", "12"]),
    ("The audit left one plain takeaway: spend less.", []),
    ("The only one still open was the bakery; the last one shut at 9.", ["9"]),
])
def test_one_as_anybody_or_a_is_no_count(text, kept):
    """'one' as anybody after a verb of making or letting, 'the only one' and 'one' before a takeaway count nothing."""
    assert [c.quantity for c in claims_of(text)] == kept


@pytest.mark.parametrize(("text", "kept"), [
    ("She sat in seat 22C, three rows from the exit.", ["three"]),
    ("Boarding for the Rome flight moved to gate 31D.", []),
    ("The lorry overturned near junction 14, and 2 people were hurt.", ["2"]),
    ("Tailbacks stretched between junctions 4 and 6 for 9 miles.", ["9 miles"]),
    ("He caught the 43 bus, which was 20 minutes late.", ["20 minutes"]),
    ("The council cut 12 bus routes in May.", ["12"]),
    ("The helpline is open 24 hours a day, seven days a week.", []),
    ("The shop is open 10 hours a day.", ["10 hours a day"]),
    ("The flat has a three-car garage and 4 bedrooms.", ["4"]),
    ("He starred in 21 Jump Street before he turned to drama.", []),
])
def test_places_routes_garages_titles_and_spans_that_say_always(text, kept):
    """A seat, gate or junction, a bus route, a garage's size, a title and a span per the whole period it
    fills name or describe: no claim; figures next to them stay."""
    assert [c.quantity for c in claims_of(text)] == kept


@pytest.mark.parametrize(("text", "kept"), [
    ("Forms go to P.O. Box 40912, and 35 came back.", ["35"]),
    ("The method is in Hydrology 41: 233-240, and in vol. 12, no. 3, pp. 45-67.", []),
    ("The trial ran in ch. 7. It enrolled 80 patients.", ["80"]),
    ("The club, Class 5-1A champions, filed a 10-K and won 14 games.", ["14"]),
    ("The Ostra 2C relay satellite failed, and 3 engineers flew out.", ["3"]),
    ("Overnight lows of 2C and 5C hit the valley.", ["2C", "5C"]),
    ("The carrier flies the 737-800 and ordered 12 more.", ["12"]),
    ("The coach says the striker is 100 percent fit, and I agree with him 100%.", []),
    ("The fund owns 100 percent of the port, and fares rose 100% in a year.", ["100 percent", "100%"]),
    ("She won the women's 8km race by 40 metres.", ["40 metres"]),
])
def test_addresses_references_codes_models_and_full_percentages_give_no_claims(text, kept):
    """A post-office box, a journal's volume and pages, a locator after its abbreviation (whose full stop ends no
    sentence before a number), a class code or filing, a model named by a digit and a letter or a variant, a full
    percentage of belief or fit and a race named by its distance are no claims; figures beside them stay."""
    assert [c.quantity for c in claims_of(text)] == kept
