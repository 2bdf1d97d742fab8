"""Tests of pipeline.extract.ner: the model loads once with only tok2vec+ner; offsets; a missing model is E010."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.extract import ner
from pipeline.errors import ModelError

needs_model = pytest.mark.skipif(not ner.model_available(), reason="spaCy model package not installed")


@needs_model
def test_model_keeps_only_what_ner_needs_and_is_loaded_once():
    nlp = ner.load_model()
    assert nlp.pipe_names == ["ner"]  # the model's NER has token vectors of its own: the shared ones go
    assert ner.load_model() is nlp
    assert ner.load_model(tag=True).pipe_names == ["tok2vec", "tagger", "ner"]


@needs_model
def test_the_tokenizer_is_the_one_the_package_stores():
    import spacy

    whole = spacy.load(ner.MODEL, exclude=list(ner.EXCLUDE))
    nlp = ner.load_model()
    assert nlp.tokenizer.to_bytes(exclude=["vocab"]) == whole.tokenizer.to_bytes(exclude=["vocab"])
    text = "U.S. exports didn't rise 5.5% to $12bn (e.g. in Jan.), the co-op's CEO said."
    assert [t.text for t in nlp.make_doc(text)] == [t.text for t in whole.make_doc(text)]


@needs_model
def test_a_tokenizer_unlike_the_stored_one_is_read_from_the_package():
    import spacy
    from spacy.symbols import ORTH

    nlp = spacy.load(ner.MODEL, exclude=[*ner.EXCLUDE, "tokenizer"])
    assert ner.stored_tokenizer(nlp) is True
    nlp.tokenizer.add_special_case("zorblax", [{ORTH: "zorb"}, {ORTH: "lax"}])
    assert len(nlp.make_doc("zorblax")) == 2
    assert ner.stored_tokenizer(nlp) is False
    assert len(nlp.make_doc("zorblax")) == 1


@needs_model
def test_dropping_the_unread_token_vectors_keeps_the_entities():
    import spacy

    whole = spacy.load(ner.MODEL, exclude=list(ner.EXCLUDE))
    assert whole.pipe_names == list(ner.KEEP)
    texts = ["Shanghai registered 38265 technology contracts.", "BP and Shell paid $4bn to Nigeria in 2004."]
    got = ner.entities(texts, [0, 0], stop=frozenset())
    assert got == [[ner.Entity(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents]
                   for doc in whole.pipe(texts)]


@needs_model
def test_entities_carry_absolute_offsets_in_input_order():
    texts = ["Shanghai registered 38265 technology contracts.", "Exports from Germany rose 5%."]
    offsets = [100, 500]
    out = ner.entities(texts, offsets)
    assert len(out) == 2
    for text, base, ents in zip(texts, offsets, out, strict=True):
        for e in ents:
            assert text[e.start - base : e.end - base] == e.text
    assert ("Shanghai", "GPE") in {(e.text, e.label) for e in out[0]}
    assert ("Germany", "GPE") in {(e.text, e.label) for e in out[1]}


@needs_model
def test_model_info_names_the_package_version():
    assert ner.model_info() == {"name": ner.MODEL, "version": "3.8.0"}


def test_no_texts_needs_no_model():
    assert ner.entities([], []) == []


def test_missing_model_is_a_model_error():
    with pytest.raises(ModelError, match="E010"):
        ner.load_model("en_core_web_nonexistent_model")
    assert not ner.model_available("en_core_web_nonexistent_model")
    assert ner.model_info("en_core_web_nonexistent_model")["version"] == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The total output rose 12% to 400 tonnes", False),
        ("it rose by 5 pct", False),
        ("Exports from Shanghai rose 12%", True),
        ("Shanghai registered 38265 contracts", True),
        ('Sales at "Acme" fell 3%', True),
        ("The bank's profit fell to 5 mln dlrs (U.S.)", True),
    ],
)
def test_may_name(text: str, expected: bool) -> None:
    assert ner.may_name(text) is expected


def test_stop_words_are_the_claim_rules_stop_words() -> None:
    from pipeline.extract.claim_rules import load_claim_rules

    assert ner.stop_words() == load_claim_rules().stop
    assert ner.may_name("it rose 5 pct") is False and ner.may_name("it rose 5 pct", frozenset()) is True


def test_importing_the_extract_wing_does_not_import_spacy() -> None:
    code = ("import sys, pipeline.extract.stage, pipeline.extract.ner, pipeline.extract.claims; "
            "print(any(m == 'spacy' or m.startswith('spacy.') for m in sys.modules))")
    root = Path(__file__).parents[1]  # run from the checkout, whatever copy of the package is installed
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root)
    assert out.stdout.strip() == "False"


def test_entities_skip_texts_without_names_and_keep_alignment() -> None:
    texts = ["it rose 5 pct", "Exports from Shanghai rose 12%", "it rose 5 pct"]
    out = ner.entities(texts, [0, 100, 200])
    assert out[0] == [] and out[2] == []
    assert any(e.text == "Shanghai" and e.start == 113 for e in out[1])


@needs_model
@pytest.mark.slow
def test_parse_gives_entities_and_tokens_with_absolute_offsets():
    texts = ["Toyota shares fell 3.1 percent.", "Toyota shares fell 3.1 percent."]
    out = ner.parse(texts, [10, 200])
    assert len(out) == 2 and out[0].tokens and out[0].entities
    for text, base, parsed in zip(texts, [10, 200], out, strict=True):
        for tok in parsed.tokens:
            assert text[tok.start - base : tok.end - base] == tok.text
            assert 0 <= tok.head < len(parsed.tokens)
    fell = next(t for t in out[0].tokens if t.text == "fell")
    assert fell.pos == "VERB" and fell.dep == "ROOT"
    assert ner.parse([], []) == []
    assert ner.load_model(parse=True).has_pipe("parser") and not ner.load_model().has_pipe("parser")


@needs_model
def test_tagger_reads_only_the_flagged_texts_and_entities_stay_the_same():
    texts = ["Toyota shares fell 3.1 percent.", "Exports from Germany rose 5% in March.",
             "Toyota shares fell 3.1 percent.", "Shell paid $4bn to BP."]
    offsets = [0, 100, 200, 300]
    full = ner.parse(texts, offsets, dependencies=False)
    some = ner.parse(texts, offsets, dependencies=False, tag=[False, True, False, False])
    assert [p.entities for p in some] == [p.entities for p in full]
    assert some[1].tokens == full[1].tokens and some[1].tokens
    assert some[0].tokens == () and some[3].tokens == ()
    assert all(not p.tokens for p in ner.parse(texts, offsets, dependencies=False, tag=[False] * 4))


@needs_model
def test_texts_that_name_nothing_and_need_no_tags_leave_the_model_unloaded(monkeypatch) -> None:
    texts = ["the shares fell 3% in march.", "it rose 5 pct", "the shares fell 3% in march."]
    stop = frozenset({"the", "it"})
    read = ner.parse(texts, [0, 40, 80], dependencies=False, tag=[False] * 3, stop=stop)

    def no_model(*args, **kwargs):
        raise AssertionError("the model was loaded")

    monkeypatch.setattr(ner, "load_model", no_model)
    skipped = ner.parse(texts, [0, 40, 80], dependencies=False, tag=[False] * 3, stop=stop)
    assert skipped == read == [ner.Parsed()] * 3
    assert ner.entities(texts, [0, 40, 80], stop=stop) == [[], [], []]


@needs_model
def test_tag_docs_give_the_entities_and_tags_of_the_whole_pipeline():
    nlp = ner.load_model(tag=True)
    texts = ["Apple sold 5 million iPods in Japan.", "The Bank of England kept rates at 4.75%."]
    docs = ner.tag_docs(nlp, texts, [True, False])
    for text, doc, on in zip(texts, docs, [True, False], strict=True):
        whole = nlp(text)
        assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == \
            [(e.start_char, e.end_char, e.label_) for e in whole.ents]
        assert doc.has_annotation("TAG") is on
        if on:
            assert [t.tag_ for t in doc] == [t.tag_ for t in whole]


@needs_model
def test_texts_that_cannot_name_get_tags_and_no_entities():
    texts = ["the shares fell 3% in march, to 250 pence.", "Toyota shares fell 3.1 percent."]
    out = ner.parse(texts, [0, 50], dependencies=False, stop=frozenset({"the"}))
    assert out[0].entities == () and out[0].tokens
    assert out[1].entities and out[1].tokens


def test_name_end_is_a_few_words_past_the_asked_end():
    text = "Acme Corp sold 5 mln tonnes to Brazil, Chile and Peru in 2023, it said on Monday."
    until = text.index("tonnes") + len("tonnes")
    end = ner.name_end(text, until)
    assert text[until:end].split() == text[until:].split()[: ner.NAME_CONTEXT]
    assert ner.name_end(text, len(text) - 3) == len(text)
    assert ner.name_end("5 mln", 0) == 5


@needs_model
def test_entities_asked_until_a_point_are_those_of_the_whole_text():
    texts = ["Shares of Toyota Motor Corp rose 3.1% in Tokyo after Honda and Nissan Motor reported results on Friday.",
             "The Bank of England kept rates at 4.75% while the European Central Bank in Frankfurt held.",
             "Exports from New South Wales rose 12% to A$5 billion, the Australian Bureau of Statistics said."]
    offsets = [0, 200, 400]
    until = [texts[0].index("%") + 1, texts[1].index("%") + 1, texts[2].index("billion") + 7]
    whole = ner.parse(texts, offsets, dependencies=False, stop=frozenset())
    asked = ner.parse(texts, offsets, dependencies=False, stop=frozenset(), names_until=until)
    for base, u, w, a in zip(offsets, until, whole, asked, strict=True):
        assert a.tokens == w.tokens
        assert a.entities == tuple(e for e in w.entities if e.end - base <= u)
    assert ("Toyota Motor Corp", "ORG") in {(e.text, e.label) for e in asked[0].entities}


@needs_model
@pytest.mark.parametrize("how", ["entities", "tags", pytest.param("parse", marks=pytest.mark.slow)])
def test_words_read_by_the_model_are_not_kept_in_its_vocabulary(how: str, monkeypatch) -> None:
    monkeypatch.setattr(ner, "VOCAB_GROWTH", -1)  # as in a process that has read a very large batch
    made_up = ["Zorblaxia", "Quentrovar", "Plimsworth-Ardenne"]
    text = f"{made_up[0]} Corp told {made_up[1]} in {made_up[2]} that sales rose 5% to $3 million."
    nlp = ner.load_model(ner.MODEL, parse=how == "parse", tag=how == "tags")  # the very pipeline the calls use
    strings_before = len(nlp.vocab.strings)
    if how == "entities":
        found = ner.entities([text], [10])[0]
    else:
        parsed = ner.parse([text], [10], dependencies=how == "parse")[0]
        found = list(parsed.entities)
        assert [t.text for t in parsed.tokens][:2] == [made_up[0], "Corp"]
    assert any(made_up[0] in e.text for e in found)  # the values were read out before the words were dropped
    assert all(word not in nlp.vocab.strings for word in made_up)
    assert len(nlp.vocab.strings) == strings_before


def test_batches_keep_order_and_bound_items_and_characters() -> None:
    words = ["aa", "bbbb", "c", "dddddddddd", "ee", "f", "gg"]
    got = list(ner.batches(words, len, batch_size=3, max_chars=5))
    assert got == [["aa"], ["bbbb", "c"], ["dddddddddd"], ["ee", "f", "gg"]]
    assert [w for batch in got for w in batch] == words
    assert list(ner.batches(words, len, batch_size=2, max_chars=100)) == [words[0:2], words[2:4], words[4:6], words[6:]]
    assert list(ner.batches([], len)) == []


@needs_model
def test_entities_and_tags_do_not_depend_on_the_batches(monkeypatch) -> None:
    texts = ["Acme Corp said in London on Monday that sales rose 5.2% to $3.4 million.",
             "Shanghai registered 38265 technology contracts worth 81.5 billion yuan in 2004.",
             "BP and Shell paid $4bn to Nigeria, the ministry in Abuja said on Tuesday.",
             "the index fell 3 points"]
    offsets = [0, 100, 200, 300]
    whole = ner.parse(texts, offsets, dependencies=False, names_until=[20, 200, 30, 5])
    monkeypatch.setattr(ner, "BATCH_CHARS", 60)  # about one text a batch
    assert ner.parse(texts, offsets, dependencies=False, names_until=[20, 200, 30, 5]) == whole
    assert ner.entities(texts, offsets) == [list(p.entities) for p in ner.parse(texts, offsets, dependencies=False)]
    assert any(p.entities for p in whole) and all(p.tokens for p in whole)


@needs_model
def test_threads_reading_at_once_get_what_one_thread_gets() -> None:
    from concurrent.futures import ThreadPoolExecutor

    texts = [f"Vendor{i} Holdings of Town{i} said on Monday sales rose {i}% to ${i} million in Region{i}."
             for i in range(40)]
    alone = [ner.parse([t], [0], dependencies=False) for t in texts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(lambda t: ner.parse([t], [0], dependencies=False), texts))
    assert together == alone
    assert any(p[0].entities for p in alone)


@needs_model
def test_words_are_kept_until_the_vocabulary_has_grown_enough(monkeypatch) -> None:
    nlp = ner.load_model(ner.MODEL, parse=False, tag=False)
    monkeypatch.setattr(ner, "VOCAB_GROWTH", len(nlp.vocab) - ner._VOCAB_BASE[id(nlp)] + 10)
    ner.entities(["Vorquellan Mining sold 4,000 tonnes to Daskeroon in 2003."], [0])
    assert "Vorquellan" in nlp.vocab.strings  # a small batch: the words stay (the tokenizer keeps its cache)
    ner.entities([" ".join(f"Blenwick{i}" for i in range(20)) + " Corp paid $5 million."], [0])
    ner.entities(["Trosmelgar Holdings paid Yarvinde $7 million."], [0])  # past the bound: a memory zone
    assert "Trosmelgar" not in nlp.vocab.strings and "Vorquellan" in nlp.vocab.strings


@needs_model
def test_texts_are_tagged_too_when_nothing_is_named_over_their_first_word():
    texts = ["Quenlo delivered 40,000 scooters.", "Shell paid $4bn to BP.", "Quenlo delivered 40,000 scooters."]
    plain = ner.parse(texts[:2], [0, 100], dependencies=False, tag=[False, False])
    asked = ner.parse(texts[:2], [0, 100], dependencies=False, tag=[False, False], tag_unnamed=[True, True])
    assert [p.entities for p in asked] == [p.entities for p in plain]
    assert not plain[0].tokens and asked[0].tokens and asked[0].tokens[0].pos == "PROPN"
    assert asked[1].entities[0].text == "Shell" and not asked[1].tokens  # the model names it: no tags needed
    again = ner.parse(texts, [0, 100, 200], dependencies=False, tag=[False] * 3, tag_unnamed=[True, True, False])
    assert again[0].tokens and again[2].tokens  # one text read once for both


@needs_model
@pytest.mark.parametrize("text", [
    "The coin was struck in 305 A.D. and found near the wall.",
    "The temple dates from 450 BC, the guide said.",
])
def test_an_era_after_a_year_is_no_name(text: str) -> None:
    era = "A.D." if "A.D." in text else "BC"
    assert all(e.text.rstrip(".") != era.rstrip(".") for e in ner.entities([text], [0])[0])
    parsed = ner.parse([text], [0], dependencies=False)[0]
    assert parsed.entities and all(e.text.rstrip(".") != era.rstrip(".") for e in parsed.entities)


def test_one_line_reads_a_hard_wrapped_sentence_as_one_line() -> None:
    text = "The index fell for a seventh straight\nsession in\r\nNew\tYork."
    flat = ner.one_line(text)
    assert flat == "The index fell for a seventh straight session in  New York."
    assert len(flat) == len(text)


def _cut(text: str, *names: tuple[str, str]) -> list[tuple[int, int, str, str]]:
    return [(text.index(n), text.index(n) + len(n), label, n) for n, label in names]


@pytest.mark.parametrize(("text", "names", "whole"), [
    # a name the model cut after a word that joins its parts is read whole, with the part it made a name of its own
    ("The National Institute on Alcohol Abuse and Alcoholism said binge drinking fell 4%.",
     [("The National Institute on Alcohol Abuse and", "ORG"), ("Alcoholism", "ORG")],
     [("The National Institute on Alcohol Abuse and Alcoholism", "ORG")]),
    ("The National Transition Government of Liberia will remain in place until 11 October.",
     [("National Transition Government of", "ORG"), ("11 October", "DATE")],
     [("National Transition Government of Liberia", "ORG"), ("11 October", "DATE")]),
    ("Shares of Harlow &  Gale's rival rose 5%.", [("Harlow &", "ORG")], [("Harlow &  Gale", "ORG")]),
    # a name that ends as a name, or a cut with no capitalised word after it, is kept as it is
    ("Bank of America and Wells Fargo cut rates by 0.25%.",
     [("Bank of America", "ORG"), ("Wells Fargo", "ORG")], [("Bank of America", "ORG"), ("Wells Fargo", "ORG")]),
    ("The Office of and for 12 people.", [("The Office of", "ORG")], [("The Office of", "ORG")]),
])
def test_a_name_cut_after_a_joining_word_is_read_whole(text: str, names: list, whole: list) -> None:
    assert [(n, label) for _, _, label, n in ner.joined_names(text, _cut(text, *names))] == whole
