"""What the page prints with the chosen headline that is no part of it: a kicker glued before it on its line
(:func:`glued_kicker`), a lead-in ending with a colon on the line over it (:func:`lead_in`), a numbered list's
number (:func:`list_number`)."""
from __future__ import annotations

import regex

from .dialect import NODES, TERMINAL, shown
from .stopwords import STOP_WORDS
from .segment import is_abbreviation
from .pagestate import Page, undecided
from .patterns import has_date, never_title
from .title_text import BYLINE, KICKER_WORDS, headline_text, norm_title, without_words
from .furniture import NUMBERED_ITEM, YOU, form_prompt, furniture_line, glued_menu, not_headline, reader_teaser
from .headline_evidence import HEADLINE_WINDOW


#: A headline's lead-in printed on its own line right over it, ending with a colon ("Tanz in der Lokremise:" /
#: "Mit allen Wassern gewaschen"; the colon may stand alone on a line between): 2 to this many words.
LEAD_IN_WORDS = 8


def lead_in(page: Page, i: int) -> str:
    """The lead-in of the headline block ``i`` that the page prints on its own line right over it ("Before &
    After:" over "Replacing Tiny Details in This Kitchen"; a ``<span>`` of the heading that a dump sets apart),
    with its colon; '' when there is none: the line over the headline (past a line holding only the colon) has
    2 to :data:`LEAD_IN_WORDS` words, one line, no sentence end in it ('St.' is none), its colon closing it after
    a word that is no stop word in lower case (a label running on into the headline: 'All sharing options
    for:'), and is undecided or a line the title may take, not a byline, date, caption, interface label, form
    prompt, menu or teaser addressed to the reader (:func:`not_headline`, :func:`reader_teaser`); the headline
    opens with a capital, digit or quote and does not repeat it."""
    items = page.items
    if page.title_line or i < 1:
        return ""
    k, colon = i - 1, ""
    if items[k].vis.strip() == ":" and k > 0:
        k, colon = k - 1, ":"
    it, rule = items[k], page.cfg.signal_rule("title_headline")
    line = " ".join(it.vis.split()) + colon
    head = headline_text(items[i].head, page.cfg)
    may = page.cfg.flagged("title_may_override")
    if not (2 <= it.words <= LEAD_IN_WORDS and line.endswith(":") and "\n" not in it.span.text.strip()
            and (undecided(it) or it.rule in may) and (head[:1].isupper() or head[:1].isdigit()
                                                       or head[:1] in "\"“„«‹'")):
        return ""
    body = line[:-1].rstrip()
    ends = (m.start() for m in regex.finditer(r"[.!?](?=\s)", body))
    if body[-1:] in ".!?:;," or any(not is_abbreviation(body, e) for e in ends) or BYLINE.match(body) \
            or body.split()[-1].islower() and body.split()[-1] in STOP_WORDS or has_date(body, page.cfg) is not None \
            or not_headline(rule, body) or reader_teaser(rule, body) or YOU.search(body) \
            or never_title(it, page.cfg) or furniture_line(body) or glued_menu(body) \
            or page.dialect in (TERMINAL, NODES) and form_prompt(items, k) \
            or norm_title(head).startswith(norm_title(body)):
        return ""
    return f"{body}:"


#: Where a breadcrumb or a title line sets its last part apart ("Home / Business / Headline", "• Headline").
_CRUMB_SPLIT = regex.compile(r"\s[/>»|•·›]\s|\n[ \t]*(?:[*+•□◦▪-][ \t]+)?")
#: A headline part the kicker test looks for has at least this many words; a kicker at most KICKER_WORDS.
KICKER_ECHO_WORDS = 3


#: The marks after a quoted lead-in of a headline: a closing quote, then a colon or dash ("'Ends the debate':
#: economists weigh in").
_CLOSED_APART = regex.compile(r"[\"”’'»›)\]]+\s*[:：|–—-]")


def glued_kicker(page: Page, i: int) -> int:
    """How many words of the headline block ``i`` are a kicker glued before the headline on its line
    ("Property crisis Developer files for insolvency": a label and the headline in one heading), 0 when none:
    at most :data:`KICKER_WORDS` words before a run of :data:`KICKER_ECHO_WORDS` words or more that ends the
    headline and that the page gives without them, as a line or the last part of a line (a breadcrumb's last
    item, a title line) among the blocks from :data:`HEADLINE_WINDOW` above to two below. Not when the run
    starts in lower case or the kicker ends with a stop word (one sentence), nor when a colon or dash sets
    the kicker apart, after a closing quote too (written into the headline: 'Coronavirus: ...', "'Ends the
    debate': ..."), nor when a comma ends it (a clause of the headline: 'For Harbour Festival Week, Ferries Run
    All Night'). A block giving the whole headline again, wrapped elsewhere ("An Ode to the Rosetta" /
    "Spacecraft as It Flings ..."), gives no run: its lines are one headline, not a breadcrumb."""
    items = page.items
    text = headline_text(items[i].head, page.cfg)
    words = norm_title(text).split()
    if len(words) < KICKER_ECHO_WORDS + 1:
        return 0
    whole = " ".join(words)
    echoes: set[tuple[str, ...]] = set()
    for k in {*range(min(5, len(items))), *range(max(0, i - HEADLINE_WINDOW), min(len(items), i + 3))} - {i}:
        if len(items[k].vis) <= 600 and norm_title(items[k].vis) != whole:
            # the block's lines too: a breadcrumb over its date line in one block ends on its own line
            lines = items[k].vis if page.dialect != TERMINAL else f"{items[k].vis}\n{shown(items[k].span.text, TERMINAL)}"
            parts = [norm_title(x).split() for x in _CRUMB_SPLIT.split(lines)]
            echoes.update(tuple(x) for x in parts if len(x) >= KICKER_ECHO_WORDS)
    for cut in range(1, min(KICKER_WORDS, len(words) - KICKER_ECHO_WORDS) + 1):
        if tuple(words[cut:]) in echoes:
            rest = without_words(text, cut)
            gap = text[:len(text) - len(rest)]
            if rest[:1].isupper() or rest[:1].isdigit() or rest[:1] in "\"“„«‹'":
                if words[cut - 1] not in STOP_WORDS and not regex.search(r"[:：|–—,-]\s*$", gap) \
                        and not _CLOSED_APART.match(rest):
                    return cut
            return 0
    return 0




def list_number(page: Page, i: int) -> int:
    """1 when block ``i`` is an item of a numbered list right under the item before it ("3. Business" / "4.
    Harbour fees rise": a breadcrumb set as a numbered list, its last item the page's headline): its number is
    no word of the headline; else 0 ("1. FC Harbour wins the cup" alone keeps its number)."""
    if i == 0:
        return 0
    # the number as the headline's text shows it (a markdown list's number is a mark left out of it)
    here, above = NUMBERED_ITEM.match(page.items[i].head), NUMBERED_ITEM.match(page.items[i - 1].span.text)
    return int(here is not None and above is not None and int(here.group(1)) == int(above.group(1)) + 1)
