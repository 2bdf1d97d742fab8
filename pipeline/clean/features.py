"""Features of one block used by the clutter rules: length, ending, headline shape, tag suffix."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex

from .blocks import Span
from .dialect import CJK, CLOSERS, PLAIN, SENTENCE_END, visible

#: Words are counted in at most this many characters of a block.
MAX_COUNT_CHARS = 20000

#: A block cut off mid-sentence ends in a letter, digit, punctuation or math/currency sign (not an emoji).
_CUT_CATEGORY = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Nd", "Nl", "No", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po",
                           "Sm", "Sc"}).__contains__
_SENTENCE_INSIDE = regex.compile(r"\p{Ll}{2}[.!?。！？][\"'”’“‘»«)]{0,2}\s{1,4}[\"'“‘„‚«»(]{0,2}\p{Lu}")
_TAG_SPLIT = regex.compile(r"\s{1,3}[|｜]\s{1,3}")
_BULLET = regex.compile(r"^(?:[-•*–·▪►◦]|\d{1,2}[.)])\s")
#: A paragraph closed by its news agency's credit after the last sentence ("... into the US. PTI", "... said.
#: (AP)", "... on Friday. -- Reuters"): a finished paragraph, not a teaser cut off mid-sentence.
_AGENCY_CREDIT = regex.compile(
    r"[.!?][\"'”’)]?\s{1,3}(?:[-–—]{1,2}\s?)?[(\[]?(?:PTI|AP|AFP|IANS|Reuters|REUTERS|ANI|UNI)[)\]]?$")
#: A paragraph signed by its writer after a dash following its last sentence ("... their own family stories. --
#: Jane Roe", "... golden palette. — Roe"): a finished review or letter, not a teaser cut off mid-sentence. The
#: name is one to three capitalised words (initials allowed).
_SIGNED = regex.compile(r"[.!?][\"'”’)]?\s{1,3}(?:--|[–—])\s?"
                        r"\p{Lu}[\p{L}.'’-]{0,20}(?:\s\p{Lu}[\p{L}.'’-]{0,20}){0,2}$")
#: The credit or signature closing a paragraph is looked for in this many last characters.
CREDIT_CHARS = 60


@dataclass
class Item:
    """One block while it is being classified: its span, features and (once decided) kind and rule."""

    span: Span
    words: int
    prose: bool
    short: bool
    truncated: bool
    key: str
    tags: tuple[str, ...] = ()
    head: str = ""
    kind: str = ""
    rule: str = ""
    teaser: bool = False
    section: bool = False
    marker: bool = False
    dateline: bool = False
    frame: bool = False
    whole: bool = False
    single: bool = False
    #: Candidate decided by position later: ``tail`` (dropped when no prose follows), ``comment`` (a
    #: comment header: the comment thread starts here), ``attribution`` (the block above it is an embed).
    role: str = ""
    #: The visible text (link targets, list and heading marks removed; the span's text in plain text).
    vis: str = ""
    #: Share of the visible characters inside links (0 where the dialect does not show links).
    link: float = 0.0
    #: Probability that the block is article text, from the block model (-1: not scored).
    score: float = -1.0
    #: Why the deciding rule took the block, when the rule says (site templates: how many documents held it).
    reason: str = ""


def _ending(text: str) -> tuple[str, bool]:
    """Last character before closing quotes/brackets, and whether the block ends a sentence with them
    (a bracket, or a quote after sentence punctuation: a quote after a word is a cut-off quotation)."""
    end = text.rstrip()
    core = end.rstrip(CLOSERS)
    closed = len(core) < len(end) and (core[-1:] in SENTENCE_END or any(c in ")]）】" for c in end[len(core):]))
    return core[-1:], closed


def last_mark(text: str) -> str:
    """The block's last character before closing quotes and brackets ('' for an empty block)."""
    return _ending(text)[0]


def headline_case(text: str) -> bool:
    """Headline style ("Burmah Oil 1986 Profit Up 5 Pct."): the words of four letters or more capitalised."""
    words = text.split()
    long = [w for w in words if len(w) >= 4 and w[:1].isalpha()]
    return (len(words) <= 16 and text.count(",") <= 2 and ";" not in text and len(long) >= 3
            and sum(w[0].isupper() for w in long) >= 0.9 * len(long))


def _tabular(text: str) -> bool:
    """A table row or figure line: at most half of its tokens are words."""
    tokens = text.split()
    most = len(tokens) // 2  # words*2 <= tokens: stop at the first word over it (prose ends early)
    words = 0
    for t in tokens:
        if t[0].isalpha() or not t.isdigit() and any(c.isalpha() for c in t):
            words += 1
            if words > most:
                return False
    return bool(tokens)


def split_tags(text: str, max_tag_words: int = 5) -> tuple[str, tuple[str, ...]]:
    """Split ``"Title | tag | tag"`` into the title and its trailing short tags."""
    if "|" not in text and "｜" not in text:
        return text, ()
    parts = _TAG_SPLIT.split(text[:2000])
    tags: list[str] = []
    while len(parts) > 1 and len(parts[-1].split()) <= max_tag_words and 0 < len(parts[-1].strip()) <= 40:
        tags.insert(0, parts.pop().strip())
    head = " | ".join(p.strip() for p in parts)
    if not tags or len(head.split()) < 4:
        return text, ()
    return head, tuple(tags)


def _credited(text: str) -> bool:
    """True when the block closes with a news agency's credit (:data:`_AGENCY_CREDIT`) or its writer's signature
    (:data:`_SIGNED`) after its last sentence."""
    tail = max(0, len(text) - CREDIT_CHARS)
    return _AGENCY_CREDIT.search(text, tail) is not None or _SIGNED.search(text, tail) is not None


def count_words(text: str) -> int:
    """Whitespace words, with every two CJK characters counted as one word."""
    if len(text) > MAX_COUNT_CHARS:
        return 10 ** 6
    return len(text.split()) + len(CJK.findall(text)) // 2


def make_item(span: Span, heading_words: int, dialect: str = PLAIN) -> Item:
    """The features of one block (``heading_words``: longest line that can be a heading), measured on
    its visible text in the page's dialect."""
    text, link = visible(span.text, dialect)
    words = count_words(text)
    last, closed = _ending(text)
    table = len(text) <= 2000 and _tabular(text)
    short = (words <= heading_words and len(text) <= 200 and last not in ",;:，；：、" and not table
             and (last not in ".。．" or headline_case(text)) and (last not in "?!？！" or words <= 8))
    cut = not closed and last not in SENTENCE_END and last not in "~〜" \
        and _CUT_CATEGORY(unicodedata.category(last or " ")) and not _credited(text)
    truncated = cut and not short and not _BULLET.match(text) and not table
    if cut and short and words >= 12 and _SENTENCE_INSIDE.search(text):
        truncated, short = True, False
    key = " ".join(text[:5000].lower().split()) if len(text) <= 5000 else f"#{hash(text)}"
    head, tags = split_tags(text)
    return Item(span=span, words=words, prose=not short and not truncated, short=short, truncated=truncated,
                 key=key, tags=tags, head=head, vis=text, link=link)
