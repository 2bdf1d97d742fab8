"""One document path: RawDoc (or text) -> clean (or passthrough) -> segment -> extract, in batches.

Every door takes its documents through :func:`process_documents`: the batch run (:mod:`pipeline.run.shards`),
``pipeline.extract`` and ``pipeline.extract_many`` (:mod:`pipeline.api`), the spaCy component and
``newsclaims explain``. The stage configuration is loaded once per process (:func:`load_stages`). NER runs
over the candidate sentences of a whole batch of documents at once; a failing batch is tried again one
document at a time, and a document that still fails becomes status ``error`` with a one-line reason.
"""
from __future__ import annotations

import bisect
import logging
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .clean.page import CleanConfig, load_clean_config, passthrough
from .clean.page import clean as clean_page
from .clean.segment import segment
from .errors import DocumentError, Errors
from .extract.claims import Entity
from .extract.claim_rules import load_claim_rules
from .extract.grammar import load_grammar
from .extract.stage import Extracted, Extractor, extract_documents, make_extractor
from .ids import doc_id
from .ingest.listing import empty_reason
from .rules import RuleFile, load_compiled
from .types import Article, DocResult, RawDoc, Sentence

log = logging.getLogger(__name__)

#: Documents whose candidate sentences go through NER together.
BATCH_DOCS = 64
#: Longest one-line reason of a failed document, in characters.
REASON_CHARS = 300


@dataclass(frozen=True)
class Stages:
    """The configuration of every stage, loaded once per process: clutter rules, grammar, claim rules, NER."""

    clean: CleanConfig
    extractor: Extractor

    @property
    def rule_files(self) -> tuple[RuleFile, ...]:
        """Every rule file the stages use (clean first, then extract)."""
        return (*self.clean.rule_files, *self.extractor.rule_files)


@lru_cache(maxsize=8)
def _loaded(folder: str | None, disabled: tuple[str, ...], use_ner: bool, use_parser: bool) -> Stages:
    rules = Path(folder) if folder else None

    def build_clean() -> CleanConfig:
        clean = load_clean_config(rules, disabled)
        _ = clean.block_index  # the per-block tests and the strings they need are cached with the rules
        return clean

    # Each part comes from the on-disk cache when it holds it for these very rule files (one entry a part, so
    # processes started together build different parts at once, and a loader called alone reads its part).
    clean = load_compiled("clean", rules, build_clean, "disabled", *disabled)
    grammar, claim_rules = load_grammar(rules), load_claim_rules(rules)
    return Stages(clean=clean, extractor=make_extractor(grammar, claim_rules, use_ner=use_ner, use_parser=use_parser))


def load_stages(rules: str | Path | None = None, disabled: Iterable[str] = (), use_ner: bool = True,
                use_parser: bool = False) -> Stages:
    """The stages for the rule folder ``rules`` (default: the packaged rules), loaded once per process.

    ``disabled``: clutter rule ids switched off. ``use_parser`` (with ``use_ner``) runs the model's
    dependency parser on sentences holding a quantity, for metrics and clause subjects from the grammar
    of the sentence (about twice the model's cost). Raises :class:`RulesError` for a broken rule file,
    :class:`UsageError` for an unknown rule id, :class:`ModelError` when ``use_ner`` and the model is missing.
    """
    return _loaded(str(rules) if rules else None, tuple(disabled), use_ner, use_ner and use_parser)


def text_doc(text: str, source: str = "<text>") -> RawDoc:
    """A document given as a text in memory; its doc_id comes from the text's UTF-8 bytes (lone surrogates kept)."""
    return RawDoc(doc_id=doc_id(text.encode("utf-8", "surrogatepass")), source=source, text=text)


def one_line(exc: BaseException) -> str:
    """A one-line reason for a failed document: ``ExceptionName: message``, at most 300 characters."""
    text = " ".join(str(exc).split()) or exc.__class__.__name__
    return f"{exc.__class__.__name__}: {text}"[:REASON_CHARS]


def sentence_entities(entities: Iterable[Entity], sentences: Sequence[Sentence]) -> list[list[Entity]]:
    """``entities`` (absolute offsets) grouped by the sentence that holds each whole; the others are left out."""
    starts = [s.start for s in sentences]
    out: list[list[Entity]] = [[] for _ in sentences]
    for ent in entities:
        k = bisect.bisect_right(starts, ent.start) - 1
        if k >= 0 and ent.end <= sentences[k].end:
            out[k].append(ent)
    return out


@dataclass
class Prepared:
    """A document read, cleaned and segmented (the steps before the model): its result so far and, when it is
    to be extracted, its article, sentences and given entities (``article`` None: failed or empty)."""

    result: DocResult
    article: Article | None = None
    sentences: list[Sentence] = field(default_factory=list)
    #: Each sentence's named entities (absolute offsets) given instead of the model's, or None.
    entities: list[list[Entity]] | None = None


def _failed(result: DocResult, exc: BaseException, strict: bool, step: str) -> None:
    """Record ``exc`` on ``result`` (status ``error``), or raise it as E120 when ``strict``."""
    reason = one_line(exc)
    if strict:
        raise DocumentError(Errors.E120.format(source=result.doc.source, reason=reason)) from exc
    log.debug("%s failed for %s", step, result.doc.source, exc_info=True)
    result.status, result.error, result.claims = "error", reason, []


def _attach(result: DocResult, done: Extracted) -> None:
    result.claims, result.language, result.unread_numbers = done.claims, done.language, done.unread_numbers


def _extract_batch(batch: list[Prepared], stages: Stages, strict: bool, timings: Counter) -> None:
    """Attach claims to a batch of documents; a failing batch is tried again one document at a time."""
    t0 = time.perf_counter()
    items = [(p.article, p.sentences) for p in batch if p.article is not None]  # a batch holds no other
    try:
        found = extract_documents(items, stages.extractor, entities=[p.entities for p in batch])
        for p, done in zip(batch, found, strict=True):
            _attach(p.result, done)
    except Exception:  # noqa: BLE001 - isolate the poisoned document below
        for p, item in zip(batch, items, strict=True):
            try:
                _attach(p.result, extract_documents([item], stages.extractor, entities=[p.entities])[0])
            except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
                _failed(p.result, exc, strict, "extract")
    timings["extract"] += time.perf_counter() - t0


def prepare_documents(
    docs: Iterable[RawDoc],
    stages: Stages,
    *,
    clean: bool = True,
    entities: Iterable[Sequence[Entity] | None] | None = None,
    strict: bool = False,
    timings: Counter | None = None,
) -> Iterator[Prepared]:
    """Each document of ``docs`` read, cleaned (or passed through) and segmented, in input order: the steps of
    :func:`process_documents` that do not need the model. Arguments as there; nothing is extracted."""
    timings = Counter() if timings is None else timings
    given = iter(entities) if entities is not None else None
    for doc in docs:
        ents = next(given, None) if given is not None else None
        result = DocResult(doc=doc, status="ok")
        if doc.error:
            result.status, result.error = "error", doc.error
            if strict:
                raise DocumentError(Errors.E120.format(source=doc.source, reason=doc.error))
        elif not doc.text.strip():
            result.status, result.error = "empty", empty_reason(doc)
        else:
            try:
                t0 = time.perf_counter()
                article = clean_page(doc, stages.clean) if clean else passthrough(doc)
                t1 = time.perf_counter()
                sentences = segment(article)
                timings["clean"] += t1 - t0
                timings["segment"] += time.perf_counter() - t1
            except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
                _failed(result, exc, strict, "clean/segment")
            else:
                result.article = article
                if not article.body:  # text, but no paragraph or heading of an article in it
                    result.status, result.error = "empty", no_body_reason(article)
                grouped = None if ents is None else sentence_entities(ents, sentences)
                yield Prepared(result, article, sentences, grouped)
                continue
        yield Prepared(result)


def no_body_reason(article: Article) -> str:
    """Why a cleaned page with text has no article body: every block was clutter, or only a title is left."""
    if article.dropped:
        return f"no article text: all {len(article.dropped)} blocks were dropped as clutter (see clutter.csv)"
    return "no article text: only a title" if article.title else "no article text"


def finish_documents(
    prepared: Iterable[Prepared],
    stages: Stages,
    *,
    batch_docs: int = BATCH_DOCS,
    strict: bool = False,
    timings: Counter | None = None,
) -> Iterator[DocResult]:
    """The :class:`DocResult` of each prepared document (:func:`prepare_documents`), in order, its claims
    extracted ``batch_docs`` documents at a time (one NER batch each)."""
    timings = Counter() if timings is None else timings
    pending: list[Prepared] = []
    ready: list[DocResult] = []
    for item in prepared:
        if item.article is not None:
            pending.append(item)
        ready.append(item.result)
        if len(pending) >= batch_docs:
            _extract_batch(pending, stages, strict, timings)
            pending = []
            yield from ready
            ready = []
    if pending:
        _extract_batch(pending, stages, strict, timings)
    yield from ready


def process_documents(
    docs: Iterable[RawDoc],
    stages: Stages,
    *,
    clean: bool = True,
    batch_docs: int = BATCH_DOCS,
    entities: Iterable[Sequence[Entity] | None] | None = None,
    strict: bool = False,
    timings: Counter | None = None,
) -> Iterator[DocResult]:
    """One :class:`DocResult` per document of ``docs``, in input order, yielded ``batch_docs`` at a time:
    :func:`prepare_documents` then :func:`finish_documents`.

    ``clean=False`` takes every blank-line separated block as article text (nothing dropped).
    ``entities``: aligned with ``docs``, each document's named entities (absolute offsets into its text) to
    attach instead of running the model, or None for a document the extractor's NER (if on) should read.
    A document that cannot be read, cleaned or extracted gets status ``error`` and a one-line reason;
    ``strict`` raises :class:`DocumentError` (E120) instead. ``timings`` adds up seconds per stage.
    """
    timings = Counter() if timings is None else timings
    prepared = prepare_documents(docs, stages, clean=clean, entities=entities, strict=strict, timings=timings)
    return finish_documents(prepared, stages, batch_docs=batch_docs, strict=strict, timings=timings)
