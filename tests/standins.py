"""Stand-ins for the extract tests: sentences with their tokens written as 'word/POS' items, quantities found
by the number grammar or placed by hand, without the model."""
from __future__ import annotations

import regex

from pipeline.document import load_stages
from pipeline.extract.ner import Token
from pipeline.extract.quantities import Quantity, find_quantities


def tagged(words: str) -> tuple[str, list[Token]]:
    """A sentence and its tokens from 'word/POS' items (no dependency parse: label '', head itself)."""
    text, tokens = "", []
    for n, item in enumerate(words.split()):
        word, pos = item.rsplit("/", 1)
        if text and word not in (".", ",", ")") and not text.endswith("("):
            text += " "
        tokens.append(Token(len(text), len(text) + len(word), word, pos, "", n))
        text += word
    return text, tokens


def span(text: str, q: str) -> tuple[int, int]:
    return text.index(q), text.index(q) + len(q)


GRAMMAR = load_stages(use_ner=False).extractor.grammar  # compiled once per test session (rules cache)


def quantity(text: str, q: str, unit: str, value: float | None = None, noun: str = "", nth: int = 0,
             base: int = 0) -> Quantity:
    """A stand-in grammar quantity: the ``nth`` occurrence of ``q`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(q, start + 1)
    digits = regex.search(r"\d+(?:\.\d+)?", q)
    val = value if value is not None else float(digits.group()) if digits else 0.0
    return Quantity(base + start, base + start + len(q), q, val, unit, "exact", "test.quantity", noun=noun)


def all_tagged(text: str, pos: str) -> list[Token]:
    """Every word and sign of ``text`` as a token of part of speech ``pos`` (no parse)."""
    return [Token(m.start(), m.end(), m.group(), pos, "", k)
            for k, m in enumerate(regex.finditer(r"\w+|[^\w\s]", text))]


def grammar_quantities(text: str) -> list[Quantity]:
    return [q for q in find_quantities(text, GRAMMAR) if q.value is not None]
