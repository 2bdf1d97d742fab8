"""Split the main body of an article into sentences, keeping offsets into ``RawDoc.text``."""
from __future__ import annotations

import logging

import regex

from ..types import Article, Sentence

log = logging.getLogger(__name__)

#: Words after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st no nos vs etc inc ltd co corp plc bros dept gov sen rep gen col lt
    capt sgt jan feb mar apr jun jul aug sep sept oct nov dec approx est fig figs vol op al e.g i.e u.s u.k
    u.n e.u a.m p.m""".split()
)

# A candidate boundary: terminal punctuation (with closing quotes/brackets) then space and a likely start.
_BOUNDARY = regex.compile(r"""[.!?;]['"”’)\]]{0,3}(?=\s{1,20}['"“‘(\[]{0,3}[\p{Lu}\p{N}@])""")
_WORD_BEFORE = regex.compile(r"([\p{L}.]{1,12})\.$")
#: Abbreviations that locate a passage of a cited work; their full stop ends no sentence when a number follows
#: ("pp. 45-67", "sec. 4", "eq. 2", "ch. 7"), though "ran it in 9.8 sec. Then" ends one.
_LOCATORS = frozenset("pp eq eqs ch chap sec secs para paras iss".split())
_NUMBER_AFTER = regex.compile(r"\s{1,3}\d")
#: Sentences longer than this are cut at the next space so one run-on line cannot blow up later stages.
MAX_SENTENCE = 2000


def is_abbreviation(text: str, dot: int) -> bool:
    """True when the full stop at ``dot`` closes an abbreviation or an initial."""
    match = _WORD_BEFORE.search(text, max(0, dot - 13), dot + 1)
    if not match:
        return False
    word = match.group(1).lower()
    before = text[match.start(1) - 1] if match.start(1) > 0 else ""
    if len(word) == 1 and before and (before.isdigit() or before in "°º"):
        return False  # a unit or scale letter after digits ("rose to £39m.") or a degree ("34°C."), not an initial
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()) or word.count(".") >= 1


def _locator(text: str, dot: int) -> bool:
    """True when the full stop at ``dot`` closes an abbreviation of :data:`_LOCATORS` right before a number."""
    match = _WORD_BEFORE.search(text, max(0, dot - 13), dot + 1)
    return bool(match) and match.group(1).lower() in _LOCATORS and _NUMBER_AFTER.match(text, dot + 1) is not None


def split_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` (stripped of surrounding white space), in order."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if text[match.start()] == "." and (is_abbreviation(text, match.start()) or _locator(text, match.start())):
            continue
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        while e - s > MAX_SENTENCE:
            cut = text.rfind(" ", s, s + MAX_SENTENCE)
            cut = cut if cut > s else s + MAX_SENTENCE
            out.append((s, cut))
            s = cut + 1 if text[cut : cut + 1] == " " else cut
        if e > s:
            out.append((s, e))
    return out


def segment(article: Article) -> list[Sentence]:
    """Sentences of the article body; headings are one sentence each, paragraphs numbered from 1."""
    sentences: list[Sentence] = []
    for para, block in enumerate(article.body, start=1):
        heading = block.kind == "heading"
        text = block.visible_text
        spans = [(0, len(text))] if heading else split_spans(text)
        for s, e in spans:
            sentences.append(
                Sentence(
                    paragraph=para,
                    index=len(sentences) + 1,
                    start=block.start + s,
                    end=block.start + e,
                    text=text[s:e],
                    heading=heading,
                )
            )
    return sentences
