"""The language of a document: the input's own tag when it gives one, else py3langid's guess.

The language decides how numbers with one separator are read ("4,2 %" in German, "250.000" in
Vietnamese: :func:`pipeline.extract.quantities.decimal_mark`), which function words the cleaner measures running
text with (:func:`pipeline.clean.stopwords.function_words`), and fills documents.csv ``language``.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import lru_cache
from itertools import islice

import regex

log = logging.getLogger(__name__)

#: Characters of a document's text the identifier reads (its start is enough, and bounds the cost).
SAMPLE_CHARS = 3000
#: Fewest letters a text needs before a guess is made.
MIN_LETTERS = 20
#: Lowest probability (py3langid, normalised over its languages) a guess needs to be kept.
MIN_PROBABILITY = 0.5

_LETTER = regex.compile(r"\p{L}")
_TAG = regex.compile(r"([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*")


@lru_cache(maxsize=1)
def _identifier():
    """py3langid's identifier with normalised probabilities, loaded once per process: from the on-disk
    cache (:mod:`pipeline.cache`, keyed by py3langid's version and its model file's size and mtime) when it
    holds one, as unpickling its arrays costs a tenth of decompressing the shipped model."""
    from importlib.metadata import version
    from pathlib import Path

    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    from .cache import load_or_build

    model = Path(MODEL_DIR) / MODEL_FILE
    stat = model.stat()
    parts = (version("py3langid"), model.name, str(stat.st_size), str(stat.st_mtime_ns))
    return load_or_build("langid", parts, lambda: LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True),
                         code_bound=False, keep=1)


def detect_language(text: str) -> str:
    """ISO 639-1 code of the language ``text`` is written in ("en", "de", "vi"), or "" when the text is too
    short (under :data:`MIN_LETTERS` letters) or the guess is below :data:`MIN_PROBABILITY`."""
    sample = text[:SAMPLE_CHARS]
    if sum(1 for _ in islice(_LETTER.finditer(sample), MIN_LETTERS)) < MIN_LETTERS:  # counted up to the floor
        return ""
    code, prob = _identifier().classify(sample)
    return str(code) if prob >= MIN_PROBABILITY else ""


def language_tag(value: str) -> str:
    """The primary language of a tag the input gives ("en-US" -> "en", "pt_BR" -> "pt"), "" if none."""
    m = _TAG.fullmatch(value.strip())
    return m.group(1).lower() if m else ""


def document_language(meta: Iterable[tuple[str, str]], text: str) -> tuple[str, bool]:
    """A document's language code and whether it was detected (False: the input's ``language`` tag)."""
    given = next((language_tag(v) for k, v in meta if k == "language" and language_tag(v)), "")
    if given:
        return given, False
    return detect_language(text), True


__all__ = ["detect_language", "document_language", "language_tag"]
