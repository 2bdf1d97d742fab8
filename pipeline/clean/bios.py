"""Author bios: tail candidates (bios) with no prose after them, and a bio or contact line of a writer the
page's byline or author box names (the byline's names read by the byline rules, :func:`byline_names`).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from .features import Item
from ..rules import REGEX_TIMEOUT, Rule
from .pagestate import Page, decide, first_prose, undecided

if TYPE_CHECKING:
    from .config import BlockTest, CleanConfig


def tail_step(page: Page) -> None:
    """Tail candidates (author bios) are dropped when no other prose block follows them."""
    after = False
    for it in reversed(page.items):
        if it.role == "tail" and undecided(it):
            if after:
                it.rule = ""
            else:
                decide(it, "clutter", it.rule)
        elif undecided(it) and it.prose:
            after = True


#: The name a paragraph opens with (one to four capitalised words, a bracketed handle after them) and the verb
#: after it that tells what the person is or does: an author bio's opening ("Meg James is a reporter ...",
#: "Beaumont covers national politics ...").
_BIO_LEAD = regex.compile(
    r"^\W{0,3}(?!(?:He|She|It|They|This|That|The|There|Here|We|I|You|Our|His|Her|Its|Their)\s)"
    r"((?:\p{Lu}[\p{L}'’\-]*\.?\s{1,3}){1,4})(?:\([^)\n]{1,60}\)\s{1,3})?"
    r"(?:is|was|has\sbeen|has\swritten|covers|covered|writes|wrote|reports|teaches|edits|hosts|joined|previously)\b")
#: What a bio says of the writer's work (a role word or a writing verb) in its first sentence.
_BIO_ROLE = regex.compile(
    r"(?i)\b(?:reporter|correspondent|journalist|editor|writer|columnist|contributor|producer|commentator|critic|"
    r"photographer|presenter|blogger|anchor|author|freelance|covers|writes|has\swritten|reports\s(?:on|for)|staff)\b")
#: A line telling the reader how to reach or follow the named writer ("Follow Tia Roe on Twitter", "You can
#: email Jo Lee here, and read more of Jo Lee's articles here", "Sam Roe may be reached at ..."): ``name`` is the
#: writer's name.
_CONTACT = regex.compile(
    r"(?:\b(?i:follow|e-?mail|contact|write\sto|more\sof|articles\sby)\s{1,3}"
    r"(?P<name>\p{Lu}[\p{L}'’\-]{1,30}(?:\s\p{Lu}[\p{L}'’\-]{1,30}){0,2})(?:['’]s)?"
    r"\s{1,3}(?i:on|at|here|via|by|articles)\b"
    r"|(?P<name>\p{Lu}[\p{L}'’\-]{1,30}(?:\s\p{Lu}[\p{L}'’\-]{1,30}){0,2})"
    r"\s(?i:may|can)\sbe\s(?i:reached|contacted))")
#: Words of a name line may stand up to this many blocks over the bio, through short blocks only (the author
#: box's name, then its links: "Meg James" / "Follow Us" / "twitter" / "email" / bio).
AUTHOR_BOX_REACH = 8
#: A block of at most this many words is a short line of an author box (a name, a link, a label).
AUTHOR_BOX_LINE_WORDS = 5
#: A contact line of the writer has at most this many words.
CONTACT_WORDS = 40


def _name_words(text: str) -> set[str]:
    """Case-folded words of three letters or more of a name (or of any short line)."""
    return {w.casefold() for w in regex.findall(r"\p{L}[\p{L}'’\-]{2,}", text)}


#: The group of a byline rule's pattern that holds the names it gives ("By Meg James | Staff" -> "Meg James").
BYLINE_NAMES = "names"
#: Marks a byline may open with ("— By Meg James", "• By ...").
_BYLINE_LEAD = regex.compile(r"^\W{1,3}(?=\w)")


def byline_tests(cfg: CleanConfig) -> tuple[BlockTest, ...]:
    """The enabled pattern rules that read a byline's names: those whose pattern has the group
    :data:`BYLINE_NAMES` (``meta.byline.v1`` and the dated forms of ``rules/clutter.toml``)."""
    return tuple(t for t in cfg.block_tests
                 if t.pattern is not None and not t.signal and BYLINE_NAMES in t.pattern.groupindex)


def byline_names(items: list[Item], cfg: CleanConfig) -> set[str]:
    """Case-folded words of the names the page's bylines give ("By Meg James" -> {meg, james}), read from the
    :data:`BYLINE_NAMES` group of the byline rules (:func:`byline_tests`) on undecided or dropped lines and
    metadata of at most their ``max_words`` words; a node page's "By" cut from its name at the name's link reads
    the next line as the name."""
    tests = byline_tests(cfg)
    names: set[str] = set()
    if not tests:
        return names
    longest = max(t.max_words for t in tests)
    for i, it in enumerate(items):
        if it.kind not in ("", "meta", "clutter") or it.words > longest:
            continue
        text = _BYLINE_LEAD.sub("", " ".join(it.vis.split()))
        if text.casefold() == "by" and i + 1 < len(items) and items[i + 1].words <= 4:
            text = f"By {' '.join(items[i + 1].vis.split())}"
        words = len(text.split())
        for t in tests:
            m = t.pattern.match(text, timeout=REGEX_TIMEOUT) if t.min_words <= words <= t.max_words else None
            if m is not None and m.group(BYLINE_NAMES):
                names |= _name_words(m.group(BYLINE_NAMES))
                break
    return names


def _box_names(items: list[Item], i: int) -> set[str]:
    """Words of the short lines right over block ``i`` (through short blocks only, up to
    :data:`AUTHOR_BOX_REACH` blocks): the name line of an author box."""
    words: set[str] = set()
    for k in range(i - 1, max(-1, i - 1 - AUTHOR_BOX_REACH), -1):
        if items[k].words > AUTHOR_BOX_LINE_WORDS or items[k].kind == "title":
            break
        words |= _name_words(items[k].vis)
    return words


def author_box_pass(page: Page, rule: Rule) -> None:
    """An author bio or the writer's contact line below the article's lead goes, whatever follows it, when the
    page names the person it is about as its writer: the bio opens with a name (:data:`_BIO_LEAD`, a verb of what
    the person is or does after it) and says what the writer does (:data:`_BIO_ROLE`) or an author-bio rule
    (``kind = "tail"``) matches it, and every word of that name is a name of the page's byline
    (:func:`byline_names`) or of the short lines of an author box right over it (:func:`_box_names`), or the name
    is printed twice at its start ("Pamela Roe Pamela Roe is ..."); a contact line of :data:`CONTACT_WORDS` words
    or fewer names a byline's writer (:data:`_CONTACT`: "Follow Tia Roe on Twitter"). Blocks of more than
    ``max_words`` words are prose of the article."""
    items = page.items
    max_words = int(rule.get("max_words", 120))
    byline = byline_names(items, page.cfg)
    start = first_prose(items)
    for i in range(start + 1, len(items)):
        it = items[i]
        if not undecided(it) or not it.vis or it.words > max_words:
            continue
        text = " ".join(it.vis.split())
        lead = _BIO_LEAD.match(text)
        if lead is not None and (it.role == "tail" or _BIO_ROLE.search(text, 0, 300)):
            name = _name_words(lead.group(1))
            glued = lead.group(1).split()
            twice = len(glued) >= 2 and len(glued) % 2 == 0 and glued[: len(glued) // 2] == glued[len(glued) // 2:]
            if name and (name <= byline or twice or name <= _box_names(items, i)):
                decide(it, "clutter", rule.id)
                continue
        if it.words <= CONTACT_WORDS and byline:
            named = (_name_words(m.group("name")) for m in _CONTACT.finditer(text, timeout=REGEX_TIMEOUT))
            if any(name and name <= byline for name in named):
                decide(it, "clutter", rule.id)
