"""The extract stage: sentences -> claims (rules find quantities and kinds; NER attaches subjects).

The model runs only on sentences that hold a candidate quantity, batched over all documents of a call:
NER on those of them that may name a place or organisation (:func:`~pipeline.extract.ner.may_name`), and
the tagger (parts of speech: metrics from the sentence grammar) on those whose claims ask the tokens
something (:func:`~pipeline.extract.claims.reads_tags`); or on request NER, the tagger and the dependency
parser.
"""
from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import regex

from ..errors import Errors, ModelError
from ..rules import RuleFile
from ..types import Article, Claim, Sentence
from . import ner
from .claim_rules import ClaimRules, load_claim_rules
from .claims import article_claims
from .findings import CuePass, cue_pass, reads_tags
from .context import AGE_REST, SOURCE_LEAD, SOURCE_VERBS, opening_word
from .controls import blank_sentences
from .ner import Entity
from .non_claims import drop_non_claims
from ..language import document_language
from .quantities import Grammar, Quantity, decimal_mark, find_quantities, find_years, load_grammar, scan_quantities
from .ranks import find_ranks, merge_ranks

log = logging.getLogger(__name__)

#: A sentence without four digits in a row names no year: no need to ask the grammar.
_YEARISH = regex.compile(r"\d{4}")
#: Characters after a sentence's last quantity that the tagger reads (the noun it counts, "... to $12.5 mln").
TAG_TAIL = 60
_TAIL_END = regex.compile(r"[;:!?]|\.(?!\d)")


@dataclass(frozen=True)
class Extractor:
    """Everything the stage needs, loaded once: the number grammar, the claim rules, NER on or off.

    The spaCy model itself is not held here (it is loaded on first use, once per process), so an
    extractor can be sent to worker processes.
    """

    grammar: Grammar
    rules: ClaimRules
    use_ner: bool = True
    model: str = ner.MODEL
    #: With ``use_ner``: also run the model's parser on candidate sentences (metrics from the parse).
    use_parser: bool = True
    #: With ``use_ner`` and without the parser: run the model's tagger (metrics from parts of speech).
    use_tagger: bool = True

    @property
    def rule_files(self) -> tuple[RuleFile, ...]:
        """Every rule file the stage uses (number grammar files, then claims.toml)."""
        return (*tuple(self.grammar.rule_files), self.rules.file)

    @property
    def model_info(self) -> dict[str, str]:
        """Name and version of the spaCy model."""
        return ner.model_info(self.model)


def load_extractor(folder: Path | None = None, use_ner: bool = True, use_parser: bool = True,
                   use_tagger: bool = True) -> Extractor:
    """Load and check the grammar and claim rules (:class:`RulesError` when broken).

    With ``use_ner`` the model package must be installed (:class:`ModelError` otherwise); it is loaded
    lazily on the first call that needs it. ``use_parser`` (only with ``use_ner``) adds the model's
    tagger and parser on the candidate sentences; else ``use_tagger`` (only with ``use_ner``) the tagger.
    """
    return make_extractor(load_grammar(folder), load_claim_rules(folder), use_ner=use_ner, use_parser=use_parser,
                          use_tagger=use_tagger)


def make_extractor(grammar: Grammar, rules: ClaimRules, use_ner: bool = True, use_parser: bool = True,
                   use_tagger: bool = True) -> Extractor:
    """An :class:`Extractor` of a loaded grammar and claim rules; with ``use_ner`` the model package must be
    installed (:class:`ModelError` E010 otherwise; nothing is loaded yet)."""
    if use_ner and not ner.model_available(ner.MODEL):
        raise ModelError(Errors.E010.format(model=ner.MODEL))
    rules = replace(rules, unit_measures=grammar.units.measures)
    return Extractor(grammar=grammar, rules=rules, use_ner=use_ner, use_parser=use_ner and use_parser,
                     use_tagger=use_ner and use_tagger)


#: A place named right after a sentence's last quantity ("and £899 [in Britain]"), or after the few words in lower
#: case that follow it ("destroyed 300 [homes without power in Florida]"): the model reads up to its end, so that
#: the quantity can take it as its subject.
_PLACE_TAIL = regex.compile(r"(?:\s{1,3}\p{Ll}[\p{L}'’-]{0,30}){0,4}?\s{1,3}(?:in|at|across|throughout)\s{1,3}(?:the\s{1,3})?\p{Lu}[\p{L}'’-]{1,30}"
                            r"(?:\s{1,2}\p{Lu}[\p{L}'’-]{1,30}){0,3}")


#: The source of a sentence's figures named after its last quantity ("fell 0.8% in March, according to
#: Halifax", "rose 3%, figures from the Bank of England showed", "fell 12%, the SMMT said"): it may be their
#: subject, so the model reads up to it.
_WORD = r"\p{Lu}(?:[\p{L}'’&-]|\.(?=\p{L})){0,30}"
_NAME = _WORD + r"(?:\s{1,2}(?:(?:of|for|and)\s{1,2})?" + _WORD + "){0,5}"
_SOURCE_TAIL = regex.compile(
    r"[^.;:!?]{0,80}?,\s{1,3}(?:(?i:" + SOURCE_LEAD + r")\s{1,3}(?i:the\s{1,3})?" + _NAME
    + r"|(?i:the\s{1,3})?" + _NAME + r"\s{1,3}(?i:has\s{1,3})?(?i:" + SOURCE_VERBS + r")\b)")

#: A name right after an age written as a compound adjective ("the 41-year-old [Dr Hannah Berg]"): the person it
#: describes, so the model reads up to it.
_AGE_TAIL = regex.compile(r"(?i:" + AGE_REST + r")[\s\"“‘'’]{1,3}" + _NAME)


def place_tail(text: str, end: int) -> int:
    """Where the entities a sentence's claims may use end, for a sentence ``text`` whose last quantity ends
    at ``end`` (sentence offsets): after a place named right after that quantity ("and £899 in Britain"), a
    source named later ("fell 0.8% in March, according to Halifax") or a person an age describes ("the
    41-year-old Dr Hannah Berg"), whichever ends later, else ``end``."""
    tails = (_PLACE_TAIL.match(text, end), _SOURCE_TAIL.match(text, end), _AGE_TAIL.match(text, end))
    return max((m.end() for m in tails if m is not None), default=end)


def tag_cut(text: str, end: int) -> int:
    """Where the tagger stops reading ``text`` whose last quantity ends at ``end`` (sentence offsets):
    the end of the clause after it, at most :data:`TAG_TAIL` characters on, at a word's end."""
    tail = text[end : end + TAG_TAIL]
    stop = _TAIL_END.search(tail)
    if stop is not None:
        return end + stop.start()
    if end + TAG_TAIL >= len(text):
        return len(text)
    space = tail.rfind(" ")
    return end + (space if space > 0 else len(tail))


def sentence_quantities(sentence: Sentence, ex: Extractor,
                        raw: Sequence[Quantity] | None = None, document: str | None = None,
                        at: int = 0) -> list[Quantity]:
    """Candidate quantities of one sentence: grammar quantities and ranks, absolute offsets.

    ``raw``: the sentence's :func:`find_quantities` result when the caller already has it; ``document``: the
    text of the sentence's document, the sentence starting at ``at`` in it (None: the sentence alone).
    """
    if raw is None:
        raw = find_quantities(sentence.text, ex.grammar, offset=sentence.start)
    found = [q for q in raw if q.value is not None and math.isfinite(q.value)]
    found = drop_non_claims(sentence.text, sentence.start, found, ex.rules, document, at)
    ranks = find_ranks(sentence.text, ex.rules, offset=sentence.start)
    return merge_ranks(found, ranks) if ranks else found


def _starts(sents: Sequence[Sentence]) -> list[int]:
    """Where each sentence starts in the text of its sentences joined by single spaces."""
    starts, at = [], 0
    for s in sents:
        starts.append(at)
        at += len(s.text) + 1
    return starts


@dataclass(frozen=True)
class Extracted:
    """What the stage made of one document: its claims, its language (ISO 639-1, "" when unknown;
    ``detected``: guessed from the text, not given by the input) and how many digit numbers it could
    not read by its language's convention (``unread_numbers``: "4,2" in English text)."""

    claims: list[Claim]
    language: str = ""
    detected: bool = False
    unread_numbers: int = 0


def extract_many(
    items: Sequence[tuple[Article, list[Sentence]]],
    ex: Extractor,
    entities: Sequence[Sequence[Sequence[Entity]] | None] | None = None,
) -> list[list[Claim]]:
    """Claims of each ``(article, sentences)`` item, in input order; one NER batch over all of them.

    ``entities``: for each item, the named entities of each of its sentences (aligned with them), or None.
    The model (when ``ex.use_ner``) reads only the candidate sentences of items without given entities.
    """
    return [e.claims for e in extract_documents(items, ex, entities)]


def extract_documents(
    items: Sequence[tuple[Article, list[Sentence]]],
    ex: Extractor,
    entities: Sequence[Sequence[Sequence[Entity]] | None] | None = None,
) -> list[Extracted]:
    """As :func:`extract_many`, with each document's language and count of unread numbers.

    A document's numbers are read by its language's convention (the input's ``language`` tag, else
    py3langid's guess on its body): "4,2 %" is 4.2 in German text and unread in English text.
    """
    items = [(article, blank_sentences(sents)) for article, sents in items]  # terminal escapes are not numbers
    given = list(entities) if entities is not None else [None] * len(items)
    bodies = [" ".join(s.text for s in sents) for _, sents in items]
    langs = [document_language(a.doc.meta, body) for (a, _), body in zip(items, bodies)]
    marks = [
        decimal_mark(body, lang, ex.grammar) if sents else "."
        for (_, sents), body, (lang, _) in zip(items, bodies, langs)
    ]
    scans = [
        [scan_quantities(s.text, ex.grammar, offset=s.start, decimal=mark) for s in sents]
        for (_, sents), mark in zip(items, marks)
    ]
    raw = [[sc.kept for sc in doc] for doc in scans]
    found = [[sentence_quantities(s, ex, r, body, at) for s, r, at in zip(sents, rs, _starts(sents))]
             for (_, sents), rs, body in zip(items, raw, bodies)]
    years = [
        [find_years(s.text, ex.grammar, s.start, r) if _YEARISH.search(s.text) else [] for s, r in zip(sents, rs)]
        for (_, sents), rs in zip(items, raw)
    ]
    wanted = [(i, j) for i, g in enumerate(given) if g is None for j, f in enumerate(found[i]) if f]
    ents: list[list[list[Entity]]] = [
        [[] for _ in sents] if g is None else [list(e) for e in g] for (_, sents), g in zip(items, given, strict=True)
    ]
    tokens: list[list[tuple[ner.Token, ...]]] = [[() for _ in sents] for _, sents in items]
    cues: list[list[CuePass | None]] = [[None for _ in sents] for _, sents in items]
    # How far each candidate sentence's entities may reach (sentence offsets): its last quantity, or a place
    # named right after it.
    reach = [place_tail(items[i][1][j].text, found[i][j][-1].end - items[i][1][j].start)
             for i, j in wanted] if ex.use_ner else []
    if ex.use_ner and ex.use_parser and wanted:
        # The parser reads the whole sentence; subjects are still looked for before the last quantity only.
        texts = [items[i][1][j].text for i, j in wanted]
        offsets = [items[i][1][j].start for i, j in wanted]
        for (i, j), r, parsed in zip(wanted, reach, ner.parse(texts, offsets, ex.model), strict=True):
            ents[i][j] = [e for e in parsed.entities if e.end <= items[i][1][j].start + r]
            tokens[i][j] = parsed.tokens
    elif ex.use_ner and ex.use_tagger and wanted:
        # The tagger reads up to the clause after the last quantity; subjects come from before it.
        # It reads on to a source named after that clause (", according to the Labor Department") for NER to find.
        cuts = [tag_cut(items[i][1][j].text, found[i][j][-1].end - items[i][1][j].start) for i, j in wanted]
        texts = [items[i][1][j].text[: max(r, cut)] for (i, j), r, cut in zip(wanted, reach, cuts, strict=True)]
        offsets = [items[i][1][j].start for i, j in wanted]
        # The tagger reads only sentences where the claims stage asks the tokens something; NER only
        # those that may name a place or organisation.
        for i, j in wanted:  # made once: the claims step below takes the same pass
            cues[i][j] = cue_pass(items[i][1][j].text, items[i][1][j].start, found[i][j], ex.rules)
        tag = [reads_tags(items[i][1][j].text, items[i][1][j].start, found[i][j], ex.rules, cues[i][j])
               for i, j in wanted]
        log.debug("extract: tagging %d of %d candidate sentences", sum(tag), len(tag))
        # Entities are kept up to the last quantity only: NER reads a few words past it, not the whole clause.
        unnamed = [not on and opening_word(items[i][1][j].text, ex.rules, items[i][0].text)
                   for (i, j), on in zip(wanted, tag, strict=True)]
        parses = ner.parse(texts, offsets, ex.model, dependencies=False, tag=tag, stop=ex.rules.stop,
                           names_until=reach, tag_unnamed=unnamed)
        for (i, j), r, parsed in zip(wanted, reach, parses, strict=True):
            ents[i][j] = [e for e in parsed.entities if e.end <= items[i][1][j].start + r]
            tokens[i][j] = parsed.tokens
    elif ex.use_ner and wanted:
        # Subjects are looked for before a quantity only: the model reads up to the last one.
        texts = [items[i][1][j].text[:r] for (i, j), r in zip(wanted, reach, strict=True)]
        offsets = [items[i][1][j].start for i, j in wanted]
        for (i, j), sent_ents in zip(wanted, ner.entities(texts, offsets, ex.model, stop=ex.rules.stop), strict=True):
            ents[i][j] = sent_ents
    log.debug("extract: %d documents, %d candidate sentences", len(items), len(wanted))
    return [
        Extracted(
            claims=article_claims(article, sents, found[i], years[i], ents[i], ex.rules, tokens[i], cues[i],
                                  langs[i][0]),
            language=langs[i][0],
            detected=langs[i][1],
            unread_numbers=sum(len(sc.unread) for sc in scans[i]),
        )
        for i, (article, sents) in enumerate(items)
    ]
