"""Value spelled-out numbers and fractions from the word tables of ``rules/numbers.toml``."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

import regex

log = logging.getLogger(__name__)

_TOKENS = regex.compile(r"[a-z]+")
_AND_FRACTION = regex.compile(
    r"[\s-]{1,2}and[\s-]{1,2}((?:an?|one|two|three|four|five|six|seven|eight|nine)[\s-]{1,2}[a-z]+)$"
)
_SCALES = ("thousand", "million", "billion", "trillion")
#: Digit words read after "point" ("two point four five" = 2.45).
_DIGIT_WORDS = {"zero": 0, "oh": 0, "nought": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9}
_POINT = regex.compile(r"[\s-]{1,2}point[\s-]{1,2}")
_MULTIPLIERS = ("hundred", "dozen")


@dataclass(frozen=True)
class WordTables:
    """Word -> value tables: cardinals, fraction denominators, ordinals, vulgar fractions, multiples, and
    the (low, high) ends of vague magnitudes."""

    cardinals: dict[str, float]
    denominators: dict[str, float]
    ordinals: dict[str, int]
    vulgar: dict[str, float]
    multiples: dict[str, float] = field(default_factory=dict)
    #: Vague magnitudes: "hundreds" -> (100, 1000), "tens of thousands" -> (10000, 100000).
    vague: dict[str, tuple[float, float]] = field(default_factory=dict)

    @property
    def units(self) -> list[str]:
        """Cardinal words below twenty."""
        return [w for w, v in self.cardinals.items() if v < 20 and w not in _MULTIPLIERS]

    @property
    def tens(self) -> list[str]:
        """Twenty, thirty ... ninety."""
        return [w for w, v in self.cardinals.items() if 20 <= v < 100]


#: What joins two vague magnitudes into one guess: "tens or even hundreds", "dozens or hundreds", "hundreds to
#: thousands", "thousands upon thousands", "hundreds and hundreds".
_VAGUE_JOIN = regex.compile(r",?\s{1,2}(?:or|to|upon|and)\s{1,2}(?:(?:even|perhaps|possibly|maybe|potentially)\s{1,2})?")


def vague_ends(text: str, tables: WordTables) -> tuple[float, float] | None:
    """The (low, high) ends of a vague magnitude ("hundreds" -> (100, 1000)) or of two joined by "or", "to",
    "upon" or "and", smaller first or one said twice ("thousands upon thousands" -> (1000, 10000)), as one guess from the low end of the first to the high end of the second ("tens or even
    hundreds of billions" -> (1e10, 1e12): a bare "tens" takes the scale the second writes after "of"); None when
    ``text`` is neither."""
    key = " ".join(text.lower().split())
    if key in tables.vague:
        return tables.vague[key]
    parts = _VAGUE_JOIN.split(key, maxsplit=1)
    if len(parts) != 2 or parts[1] not in tables.vague:
        return None
    first, second = parts
    of = second.find(" of ")
    low = tables.vague.get(first) or (tables.vague.get(first + second[of:]) if of > 0 else None)
    high = tables.vague[second]
    return (low[0], high[1]) if low is not None and low[0] <= high[0] else None


def cardinal_value(text: str, tables: WordTables) -> float | None:
    """Value of a well-formed spelled-out cardinal: "one hundred and six" -> 106, "a dozen" -> 12."""
    low = text.lower().strip()
    point = _POINT.search(low)
    if point is not None:  # "two point four": the digits after "point" are decimals
        whole = cardinal_value(low[: point.start()], tables)
        digits = [_DIGIT_WORDS.get(t) for t in _TOKENS.findall(low[point.end() :])]
        if whole is None or not digits or None in digits:
            return None
        return float(f"{int(whole)}." + "".join(str(d) for d in digits))
    half = 0.0
    tail = _AND_FRACTION.search(low)
    if tail and tail.group(1).split()[-1].split("-")[-1] in tables.denominators:
        half = fraction_words_value(tail.group(1), tables) or 0.0
        low = low[: tail.start()]
        last = low.split()[-1] if low.split() else ""
        if last in _SCALES:  # "three million and a half" = 3.5 million
            half *= tables.cardinals.get(last, 1.0)
    total = 0.0
    current = 0.0
    seen = False
    for tok in _TOKENS.findall(low):
        if tok == "and":
            continue
        if tok in ("a", "an"):
            current = current or 1.0
            continue
        value = tables.cardinals.get(tok)
        if value is None:
            return None
        seen = True
        if tok in _MULTIPLIERS:
            current = (current or 1.0) * value
        elif tok in _SCALES:
            total += (current or 1.0) * value
            current = 0.0
        else:
            current += value
    if not seen:
        return None
    return total + current + half


def closing_scale(text: str, tables: WordTables) -> float:
    """The scale word that closes a spelled-out cardinal, as a factor: "five hundred billion" -> 1e9,
    "three million" -> 1e6; 1.0 when none closes it ("three", "two hundred")."""
    toks = _TOKENS.findall(text.lower())
    return tables.cardinals.get(toks[-1], 1.0) if toks and toks[-1] in _SCALES else 1.0


def fraction_words_value(text: str, tables: WordTables) -> float | None:
    """Value of a spelled-out fraction of a whole: "two-thirds" -> 0.667, "half" -> 0.5."""
    toks = [t for t in _TOKENS.findall(text.lower())]
    if not toks or toks[-1] not in tables.denominators:
        return None
    den = tables.denominators[toks[-1]]
    num = 1.0
    if len(toks) > 1 and toks[-2] not in ("a", "an"):
        num = tables.cardinals.get(toks[-2], 0.0)
        if not num:
            return None
    return num / den


def ordinal_value(word: str, tables: WordTables) -> int | None:
    """Value of an ordinal: "second" -> 2, "twenty-first" -> 21, "20th" -> 20."""
    low = word.strip().lower()
    m = regex.fullmatch(r"(\d{1,9})(?:st|nd|rd|th)", low)
    if m:
        return int(m.group(1))
    toks = _TOKENS.findall(low)
    if not toks or toks[-1] not in tables.ordinals:
        return None
    last = tables.ordinals[toks[-1]]
    if len(toks) == 1:
        return last
    head = cardinal_value(" ".join(toks[:-1]), tables)
    return None if head is None else int(head) + last


def cardinal_pattern(tables: WordTables) -> str:
    """A regex for well-formed English cardinals built from the word tables (case-insensitive)."""

    def alt(words: list[str]) -> str:
        return "|".join(sorted(words, key=len, reverse=True))

    dens = alt(list(tables.denominators))
    not_fraction = f"(?![\\s-]{{1,2}}(?:{dens})\\b)"
    unit = f"(?:{alt(tables.units)})\\b"
    tens = f"(?:{alt(tables.tens)})"
    ones = alt([w for w in tables.units if 0 < tables.cardinals[w] < 10])
    small = f"(?:{tens}(?:(?:\\s{{0,3}}-\\s{{0,3}}|\\s{{1,3}})(?:{ones})\\b|\\b)|{unit}){not_fraction}"
    # "the next hundred years": a bare "hundred" after a word of a stretch and before a plural
    bare = "(?<=\\b(?-i:next|last|past|first)\\s{1,2})hundred\\b(?=\\s{1,2}(?-i:[a-z]{3,15}s)\\b)"
    hund = f"(?:(?:{small}|an?\\b)\\s{{1,2}}hundred\\b(?:\\s{{1,2}}(?:and\\s{{1,2}})?{small})?|{small}|{bare})"
    scale = f"(?:{alt([w for w in _SCALES if w in tables.cardinals])})\\b"
    numerator = "(?:an?|one|two|three|four|five|six|seven|eight|nine)"
    half = f"(?:[\\s-]{{1,2}}and[\\s-]{{1,2}}{numerator}[\\s-]{{1,2}}(?:{dens})\\b)?"
    big = (
        f"(?:{hund}|an?\\b)\\s{{1,2}}{scale}"
        f"(?:,?\\s{{1,2}}(?:and\\s{{1,2}})?{hund}\\s{{1,2}}{scale}){{0,3}}"
        f"(?:,?\\s{{1,2}}(?:and\\s{{1,2}})?{hund}(?![\\s-]{{1,2}}{scale}))?"
    )
    dozen = f"(?:{small}|an?\\b)\\s{{1,2}}dozen\\b"
    digit = "|".join(sorted(_DIGIT_WORDS, key=len, reverse=True))
    point = f"(?:\\s{{1,2}}point(?:\\s{{1,2}}(?:{digit})\\b){{1,6}})?"
    return f"(?i:{dozen}|{big}{half}|{hund}{half}{point})"
