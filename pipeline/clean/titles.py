"""Title passes over the blocks of a page: which block is the article's headline, from the page's metadata, tagged
headings, the headline model's candidates (:func:`headline_candidates`, weights in ``rules/clutter.toml``) and the
shape of short title lines; and the helpers that read a headline out of a block (:func:`headline_text`,
:func:`strip_site`, :func:`site_names`, kickers, date lines over or under it).

Each pass belongs to the rule of ``rules/clutter.toml`` whose ``signal`` names it and runs in the order of
:data:`~pipeline.clean.passes.STEPS`; it sets the page's ``title`` and decides the blocks it settles.
"""
from __future__ import annotations

import functools
import unicodedata
from typing import TYPE_CHECKING, Callable, Container, Iterable, Mapping

import regex

from .features import Item, headline_case
from .dialect import MARKDOWN, NODES, SCREEN_BULLETS, TERMINAL, shown, visible
from .evidence import STOP_WORDS
from .segment import is_abbreviation
from ..rules import Rule
from .pagestate import BLOCK_MODEL, Page, decide, first_prose, for_dialect, undecided
from .patterns import date_line, has_date, never_title
from .block_model import model_scores
from .dumps import url_slug_counts

if TYPE_CHECKING:
    from .config import CleanConfig


#: A headline block may hold its date line (no blank line between them): blocks of at most this many lines
#: and words.
MAX_DATED_LINES = 3
MAX_DATED_WORDS = 45
#: ... and a date line has at most this many words.
DATE_LINE_WORDS = 15


def dated_line(text: str, cfg: CleanConfig) -> str | None:
    """The date line that opens or closes a block of 2 to :data:`MAX_DATED_LINES` lines with no blank line
    between ("Storm hits coast" / "Published 3 March 2024"): a line of at most :data:`DATE_LINE_WORDS` words
    that the date rules read as a date and little else, the other lines holding two words or more and no
    such date; None when the block is no such headline and date, or is a sentence that runs on into its
    closing date ("The board last met on" / "March 3, 1987.")."""
    lines = [x.strip() for x in text.split("\n") if x.strip()]
    if not 2 <= len(lines) <= MAX_DATED_LINES:
        return None
    for k in (0, len(lines) - 1):
        line = lines[k]
        if len(line.split()) <= DATE_LINE_WORDS and date_line(line, cfg):
            rest = " ".join(lines[1:] if k == 0 else lines[:-1])
            words = regex.findall(r"\p{L}{2,}", rest)
            runs_on = k > 0 and (rest[-1:] in ",;:" or bool(words) and words[-1].lower() in STOP_WORDS)
            return line if len(words) >= 2 and not runs_on and not date_line(rest, cfg) else None
    return None


def dated_headline(item: Item, dialect: str, cfg: CleanConfig) -> tuple[str, str] | None:
    """(headline, date line) of a block that is a headline with its date line on the line under or over it
    (:func:`dated_line`, on the block's lines as the dialect shows them): the headline as visible text
    without the date line, the date line as shown; None for any other block (cheap: only a block of at
    most :data:`MAX_DATED_WORDS` words holding a date is looked at line by line)."""
    if item.words > MAX_DATED_WORDS or "\n" not in item.span.text or has_date(item.vis, cfg) is None:
        return None
    line = dated_line(shown(item.span.text, dialect), cfg)
    if line is None:
        return None
    date = visible(line, dialect)[0]
    head = item.head
    if head.endswith(date):
        head = head[:-len(date)]
    elif head.startswith(date):
        head = head[len(date):]
    return head.strip(), line


#: A soft hyphen: where a word may break, shown only when a line breaks there ("Er\u00adin\u00adne\u00adrung").
SOFT_HYPHEN = "\u00ad"


def _norm_title(text: str) -> str:
    """Lower-cased letters and digits only (soft hyphens left out), for comparing titles."""
    return " ".join(regex.sub(r"[^\p{L}\p{N}]+", " ", text.replace(SOFT_HYPHEN, "").lower()).split())


def _same_title(got: str, want: str) -> bool:
    """Equal normalised titles, or one a prefix of the other covering 80% of it (a site name cut off)."""
    if not got or not want:
        return False
    short, long = sorted((got, want), key=len)
    return long.startswith(short) and len(short) >= 0.8 * len(long)


def _found_title(page: Page, i: int, rule: Rule) -> None:
    decide(page.items[i], "title", rule.id)
    page.title, page.title_settled = i, True


def title_metadata_pass(page: Page, rule: Rule) -> None:
    """The title given by crawler or HTML metadata or by the input record's own field, where a block shows it
    (before the first prose); without such a block, no title block at all: the given title stands (a record's
    body opening with a line of title shape, another story's headline or a section label, does not replace
    it)."""
    items, doc = page.items, page.doc
    if page.title_settled or not doc.title:
        return
    limit = min(first_prose(items), len(items))
    may = page.cfg.flagged("title_may_override")
    want = _norm_title(doc.title)
    for i in range(limit):
        it = items[i]
        if (not it.rule or it.rule in may) and it.words <= 80 and _same_title(_norm_title(it.head), want):
            _found_title(page, i, rule)
            return
    page.title_settled = True


def title_tagged_pass(page: Page, rule: Rule) -> None:
    """The first undecided line with a tag suffix before the first prose (on pages of the rule's ``dialects``)."""
    items = page.items
    if page.title_settled or not for_dialect(page, rule):
        return
    for i in range(min(first_prose(items), len(items))):
        if undecided(items[i]) and items[i].tags:
            _found_title(page, i, rule)
            return


#: Separators between a headline and a site or section name in a page's title line.
_SITE_SEPARATOR = regex.compile(r"\s(?:[|｜•·:–—\-]|::|«|»|/)\s")
_MD_HEADING = regex.compile(r"(#{1,6})\s")
#: A markdown heading mark left at the start of a line's visible text (a heading inside a list item, '* # ...').
_HEADING_MARK = regex.compile(r"^\s{0,12}#{1,6}\s")
#: A list item of a markdown or screen dump (a menu entry, not a headline).
_LIST_MARK = regex.compile(rf"\s{{0,12}}(?:[*+{SCREEN_BULLETS}]|-(?=\s))\s")
#: A form field as a screen dump (or a page of node lines with its form's text) shows it: a text box or a
#: drop-down list in brackets ending with blanks ("Search: [          ]", "Sort by [date ]"), a radio button
#: ("( ) Yes"). A line holding one is a form, never the headline.
_FIELD = r"\[[^\]\n]{0,60}[ _]\]|\([ *]\)\s"
_FORM_FIELD = regex.compile(_FIELD)
#: A line over a block opening with a form field in the next this many blocks is the form's prompt ("Sign up for
#: breaking news and more." over the e-mail box, a poll's question over its answers), never the headline.
FORM_REACH = 2
#: A block that opens with a form field (after a screen dump's link number): a form, not a menu row with a search
#: box in it.
_FORM_START = regex.compile(rf"[ \t]{{0,12}}(?:\[\d{{1,5}}\])?(?:{_FIELD})")
#: How many blocks above the start of the article the headline is looked for.
HEADLINE_WINDOW = 60
#: ... and how many blocks below it (a headline under a lead picture the block model took for the start).
HEADLINE_BELOW = 12


#: A title line's first or last part that ends with a web address names the site ("Die Achse des Guten.
#: ACHGUT.COM", "harbournews.example") when it has at most this many words, ...
SITE_ADDRESS_WORDS = 8
#: ... and the headline left has at least this many.
SITE_HEAD_WORDS = 3
_WEB_ADDRESS = regex.compile(r"(?i)(?<![\p{L}\p{N}.@/-])(?:www\.)?[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,6}"
                             r"\W{0,3}$")


#: A word of a site's name before its address: capitalised or in capitals, or a short function word ("Die Achse
#: des Guten").
_NAME_WORD = regex.compile(r"[\p{Lu}\p{N}][\p{L}\p{N}'’&.-]*|\p{Ll}{1,3}|[&+.-]")


def _address_part(part: str) -> bool:
    """True when a title line's part names the site by its web address: at most :data:`SITE_ADDRESS_WORDS`
    words, the last one the address, the others a name ("DIE ACHSE DES GUTEN. ACHGUT.COM", "Harbour Post |
    harbourpost.example"; not "Ferry line sells Harbourpost.com")."""
    words = part.split()
    return 0 < len(words) <= SITE_ADDRESS_WORDS and _WEB_ADDRESS.search(part.strip()) is not None \
        and all(_NAME_WORD.fullmatch(w) is not None for w in words[:-1])


def strip_site(title: str) -> str:
    """The headline of a title line that names the site or section too ("Headline - Site", "Site | Headline"):
    when its last or first part names the site by its web address (:func:`_address_part`: "Headline – what now?
    – Die Achse des Guten. ACHGUT.COM"), the line without that part (a headline of :data:`SITE_HEAD_WORDS` words
    or more, kept whole with its own dashes); else its longest part when every other part has at most four words;
    else the line."""
    seps = list(_SITE_SEPARATOR.finditer(title))
    if not seps:
        return title
    for rest, part in ((title[:seps[-1].start()], title[seps[-1].end():]),
                       (title[seps[0].end():], title[:seps[0].start()])):
        if _address_part(part) and len(rest.split()) >= SITE_HEAD_WORDS:
            return rest.strip()
    parts = [p.strip() for p in _SITE_SEPARATOR.split(title) if p.strip()]
    if len(parts) < 2:
        return title
    longest = max(parts, key=lambda p: len(p.split()))
    if all(len(p.split()) <= 4 for p in parts if p is not longest) and len(longest.split()) >= 2:
        return longest
    return title


#: A byline line: "By Jane Doe", "Analysis by ...", "Words: ...", "Reporter: ...".
_BYLINE = regex.compile(r"(?i)^\W{0,8}(?:(?:(?:news\s)?analysis|opinion|commentary|story|written|posted|reported|"
                       r"words|photos?|text|video)\s{1,2}by|by|words|text|reporter|author)\b\s{0,2}[:：]?(?:\s|$)"
                       r"(?!\s{0,2}(?:the|a|an|this|that|then|far|now|way|all|means|design|default)\b)")
#: A kicker over a headline: one to six words in capitals ("BLACK DEATH FEARS").
KICKER_WORDS = 6


def _kicker(line: str) -> bool:
    """True when a line is a short label in capital letters (a kicker above the headline)."""
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and len(line.split()) <= KICKER_WORDS and all(c.isupper() for c in letters) \
        and any(c.isupper() for c in letters) and len(letters) >= 3


#: A kicker word in capitals set before the headline on its own line ("EXCLUSIVE Star quits show"), with no
#: colon or dash after it (a headline that writes "EXCLUSIVE: ..." keeps it), before a capitalised word in
#: mixed case.
_KICKER_START = regex.compile(r"(?:EXCLUSIVE|BREAKING(?:\sNEWS)?|WATCH|VIDEO|PICTURED|PICTURES|PHOTOS|REVEALED|OPINION"
                              r"|ANALYSIS|EXPLAINER|SPONSORED|PREMIUM)\s{1,3}(?=\p{Lu}\p{Ll})")


def _without_kicker(line: str) -> str:
    """The headline without a kicker word before it on the same line (:data:`_KICKER_START`)."""
    m = _KICKER_START.match(line)
    return line[m.end():] if m and any(c.islower() for c in line[m.end():]) else line


#: A headline a screen dump shows twice with nothing between ("Lemon cake from the trayLemon cake from the tray":
#: a picture's text and the heading on one line) has at least this many characters.
GLUED_MIN_CHARS = 8


#: What a picture's text sets before a headline it repeats: the site's address ("example.com - ").
_ADDRESS_BEFORE = regex.compile(r"\s{0,3}[\w-]+(?:\.[\w-]+)*\.\p{L}{2,10}\s{0,3}[-|:–—]?\s{0,3}")


def _unglued(line: str) -> str:
    """``line`` without the second copy of a text of :data:`GLUED_MIN_CHARS` characters or more that ends it
    glued to its first copy (no space between them); the second copy alone when only the site's address stands
    before the first ("example.com - Lemon cakeLemon cake" -> "Lemon cake"); else the line. Short lines only
    (headlines)."""
    if len(line) > 400:
        return line
    for size in range(len(line) // 2, GLUED_MIN_CHARS - 1, -1):
        tail = line[-size:]
        if line[-2 * size:-size] == tail and not tail[0].isspace() and not line[-size - 1].isspace():
            return tail if _ADDRESS_BEFORE.fullmatch(line[:-2 * size]) else line[:-size]
    return line


#: Menu labels a screen dump shows glued together ("NewsSportBusinessLifestyleCulture"): a short line with at
#: least this many joins of a small letter and a capital inside a word (a name such as "McDonald" or "iPhone"
#: has one).
GLUED_MENU_JOINS = 3
_GLUED_JOIN = regex.compile(r"\p{Ll}\p{Lu}")


def _form_prompt(items: list[Item], i: int) -> bool:
    """True when block ``i`` of a screen dump or node page holds a form field or is a form's prompt: one of the
    :data:`FORM_REACH` blocks under it opens with a field (:data:`_FORM_START`)."""
    return _FORM_FIELD.search(items[i].vis) is not None or any(
        _FORM_START.match(items[k].span.text) is not None for k in range(i + 1, min(len(items), i + 1 + FORM_REACH)))


def _glued_menu(line: str) -> bool:
    """True when a line is a run of menu labels glued together (:data:`GLUED_MENU_JOINS`), never the headline."""
    return len(line) <= 300 and len(_GLUED_JOIN.findall(line)) >= GLUED_MENU_JOINS


#: A date line a blog prints twice glued, published and updated ("29. Dezember 202230. Dezember 2022", "March 3,
#: 2019March 5, 2019"): a year glued to the next date's day or month. Such a line (a posting line, a byline with
#: its dates) is never the headline.
_GLUED_DATES = regex.compile(r"(?<!\d)(?:19|20)\d{2}(?:\d{1,2}\.\s{0,2}\p{L}|\p{Lu}\p{Ll}{2,}\.?\s{1,2}\d)")
#: A separator between the items of a menu, tagline or breadcrumb on one line ("Strategy – Design – Print",
#: "Home / Business / Harbour fees rise").
_ITEM_SEPARATOR = regex.compile(r"\s(?:››|»»|::|[|｜•·–—\-/>›»])\s")
#: Of those, the ones a breadcrumb uses (a path of sections down to the page).
_CRUMB_MARKS = frozenset("/>›»")
#: A menu or tagline of such items: at least this many items of at most MENU_ITEM_WORDS words each, or
#: MENU_ITEMS - 1 of one word each ("Office 365 – HBDI – Part three" is a headline).
MENU_ITEMS = 4
MENU_ITEM_WORDS = 2
#: A breadcrumb's sections before the page's own name have at most this many words each.
CRUMB_WORDS = 3
#: Items of a tag or category list set in alphabetical order ("Art, Food and Drink, Society, Travel", "Auto
#: Design Interview Mode Travel Watches"): at least this many comma-set items or this many words, ...
SORTED_ITEMS = 5
SORTED_WORDS = 6
#: ... with at most one step back in the order per this many items (a tag of two words breaks it once).
SORTED_STEP = 6


def _first_letter(word: str) -> str:
    """The first letter of ``word``, case-folded and without its accent ('Ägypten' -> 'a'); '' when none."""
    if word[:1].isascii() and word[:1].isalpha():
        return word[0].lower()
    for c in unicodedata.normalize("NFKD", word):
        if c.isalpha():
            return c.casefold()
    return ""


def _sorted_list(line: str) -> bool:
    """True when a line is a tag or category list in alphabetical order: :data:`SORTED_ITEMS` comma-set items
    or :data:`SORTED_WORDS` words with no stop word (twice as many with some), at most one step back in the order per
    :data:`SORTED_STEP` items."""
    parts = [x for x in line.split(",") if x.strip()]
    if len(parts) >= SORTED_ITEMS:
        keys: Iterable[str] = (_first_letter(x.strip()) for x in parts)
        allowed = len(parts)
    else:
        words = line.split()
        if len(words) < SORTED_WORDS or len(words) < 2 * SORTED_WORDS and any(w.lower() in STOP_WORDS for w in words):
            return False  # a tag of a long list may hold a stop word ('Art and Design')
        keys, allowed = (_first_letter(w) for w in words), len(words)
    allowed, before = allowed // SORTED_STEP, ""
    for key in keys:
        if not key:
            return False
        if key < before:
            allowed -= 1
            if allowed < 0:
                return False
        before = key
    return True


def _menu_line(line: str) -> bool:
    """True when a line is a menu, tagline or breadcrumb, never the headline: :data:`MENU_ITEMS` items or more
    of at most :data:`MENU_ITEM_WORDS` words each set apart by one separator, or one less of one word each
    ("Strategy – Design – Print"), or
    a path of sections before the page's own name ("Home / Business / Harbour fees rise": two breadcrumb marks or
    more, the sections of at most :data:`CRUMB_WORDS` words)."""
    marks = [m.group().strip() for m in _ITEM_SEPARATOR.finditer(line)]
    if len(marks) < MENU_ITEMS - 2 or len(set(marks)) > 1:
        return False
    parts = [len(x.split()) for x in _ITEM_SEPARATOR.split(line)]
    if len(parts) >= MENU_ITEMS and all(n <= MENU_ITEM_WORDS for n in parts) or all(n == 1 for n in parts):
        return True
    return marks[0][0] in _CRUMB_MARKS and all(n <= CRUMB_WORDS for n in parts[:-1])


def _figures_line(line: str) -> bool:
    """True when a line holds more bare figures or single letters than words ('1945 1960 1980 2000', '5000 600
    top bottom', a calendar's 'M T W T F S S'): a scale, a chart's labels or a calendar, never the headline."""
    tokens = line.split()
    letters = sum(len(t) >= 2 and (t.isalpha() or sum(c.isalpha() for c in t) >= 2) for t in tokens)
    return letters < len(tokens) - letters


#: A picture's copyright mark or stock agency credit ('... © Jo Lee', '... Shutterstock / Jo Lee', '(Foto: picture
#: alliance/dpa)'): the line is a caption, never the headline. (A caption repeating the headline is no sign that
#: the headline is a caption: the picture's text often is the headline.)
_PICTURE_CREDIT = regex.compile(r"(?i)©|(?:shutterstock|istock(?:photo)?|getty\s?images|picture[\s-]alliance|imago"
                                r"(?:\simages)?|stock\.adobe\.com)\s?/|/\s?(?:shutterstock|istock(?:photo)?|getty\s?images"
                                r"|stock\.adobe\.com|dpa|imago)\b")


def _said_twice(line: str) -> bool:
    """True when a line is one text of two words or more said twice with a space between ('Tugs at dawn Tugs at
    dawn'): a picture's alternative text and its title side by side, never the headline."""
    words = line.split()
    half = len(words) // 2
    return half >= 2 and len(words) % 2 == 0 and words[:half] == words[half:]


#: Words a headline never ends on: a line ending so runs on into the next ("Sign in to your account or" over
#: "register").
RUN_ON_WORDS = frozenset({"and", "or", "but", "nor", "the", "a", "an", "your", "our", "their", "my", "its"})
#: A line that runs on: ending on a dash ("New York CNN —", "WASHINGTON (CNN) --"), or on a word of
#: :data:`RUN_ON_WORDS` (its last word, up to two marks after it).
_RUN_ON_DASH = regex.compile(r"\s[–—-]{1,2}$")
_LAST_WORD = regex.compile(r"\b(\p{L}+)\W{0,2}$")
#: A web address with its scheme (a picture's or a link's address printed as text: "logo https://...").
_SCHEME_ADDRESS = regex.compile(r"(?i)\b(?:https?|ftp)://")


def _run_on(line: str) -> bool:
    """True when a line ends where no headline does (:data:`_RUN_ON_DASH`, :data:`_LAST_WORD`): on a dash or on a
    word of :data:`RUN_ON_WORDS` (not a single-letter word in capitals, an initial: "Vitamin A")."""
    line = line.rstrip()
    if _RUN_ON_DASH.search(line):
        return True
    last = _LAST_WORD.search(line)
    return last is not None and last.group(1).lower() in RUN_ON_WORDS and last.group(1) != "A"


def furniture_line(line: str) -> bool:
    """True when a line is page furniture a headline never is: a date line printed twice glued
    (:data:`_GLUED_DATES`), a menu, tagline or breadcrumb (:func:`_menu_line`), a tag list in alphabetical order
    (:func:`_sorted_list`), a line of figures (:func:`_figures_line`), a picture's text said twice
    (:func:`_said_twice`), a line holding a web address with its scheme (:data:`_SCHEME_ADDRESS`) or a line that
    runs on into the next (:func:`_run_on`: a wire dateline on its line, "New York CNN —")."""
    return _GLUED_DATES.search(line) is not None or _menu_line(line) or _sorted_list(line) or _figures_line(line) \
        or _said_twice(line) or _SCHEME_ADDRESS.search(line) is not None or _run_on(line)


#: A headline in title case and its deck after it on one line ("Harbour Board Weighs New Fees A plan to charge
#: ships by the hour": a heading and the standfirst in it shown side by side): at least this many words of the
#: headline before the deck ...
SIDE_HEAD_WORDS = 4
#: ... and at least this many words of the deck.
SIDE_DECK_WORDS = 3


def without_deck(line: str) -> str:
    """The headline of a line that holds it in title case and its deck after it in sentence case: the words
    before the deck's first word, when that word is a capitalised function word ("A", "The", "How") and the
    next word of four letters or more that is no function word is the first in lower case since the line's
    start, at least :data:`SIDE_HEAD_WORDS` words in and :data:`SIDE_DECK_WORDS` words before the end, after a
    headline word that is no function word and ends in no colon or dash (a headline and its subtitle); else
    the line."""
    words = line.split()
    if len(words) < SIDE_HEAD_WORDS + SIDE_DECK_WORDS:
        return line
    for k, w in enumerate(words):
        if len(w) >= 4 and w.isalpha() and w.lower() not in STOP_WORDS and not w[0].isupper():
            if not w.islower():
                return line
            j = k - 1
            first, last = words[j], words[j - 1]
            if j < SIDE_HEAD_WORDS or len(words) - j < SIDE_DECK_WORDS or not first[0].isupper() \
                    or first.lower() not in STOP_WORDS or last.lower() in STOP_WORDS or last[-1] in ":：-–—|":
                return line
            return " ".join(words[:j])
    return line


#: A link a screen dump shows as its picture's name in brackets (w3m writes the start of the file name, in lower
#: case) and a word or two, closing the headline's block ("... over coronavirus" / "[icon-tumbl] Tumblr": a share
#: link under the headline); not a link number.
_ICON_LINK = regex.compile(r"\s\[[\p{Ll}\d][\p{Ll}\d_-]{2,11}\](?:\s[^\s\[\]]+){0,2}$")


#: A writer's name of 2 or 3 words opening with capitals, on its own line under the headline.
_NAME_LINE = regex.compile(r"\p{Lu}[\p{L}'’.-]+(?:\s\p{Lu}[\p{L}'’.-]*){1,2}")
#: ... and the outlet the writer works for: 1 to 5 words opening with capitals ("The Detroit News", "USA TODAY"),
#: "of", "and" or "for" between.
_OUTLET = regex.compile(r"\p{Lu}[\p{L}'’.&-]*(?:\s(?:\p{Lu}[\p{L}'’.&-]*|of|and|for)){0,4}")


def _name_then_outlet(above: str, lines: list[str], k: int) -> bool:
    """True when ``lines[k]`` is a byline without "By" that a node dump cut at its name's link: a name
    (:data:`_NAME_LINE`) over a line opening with a comma and the outlet (:data:`_OUTLET`: "Mark Hicks" /
    ", The Detroit News"), under a line ``above`` not ending on a stop word; not a headline cut at a link in its
    words ("Harbour City" / ", mayor says", "Talks in" / "New York" / ", Paris")."""
    if k + 1 >= len(lines) or not _NAME_LINE.fullmatch(lines[k]) or not lines[k + 1].startswith(","):
        return False
    last = regex.findall(r"\p{L}+", above)
    if not last or last[-1].lower() in STOP_WORDS:
        return False
    return _OUTLET.fullmatch(lines[k + 1][1:].strip()) is not None


def headline_text(text: str, cfg: CleanConfig) -> str:
    """The headline of a title block: without date lines, a capitalised kicker above a headline in mixed case or a kicker
    word before it on its line ("EXCLUSIVE Star quits show", :data:`_KICKER_START`), a byline (also a name over ",
    Outlet", :func:`_name_then_outlet`) with what follows it and a share link shown as its icon's name closing the block
    (:data:`_ICON_LINK`); the remaining lines joined with single spaces (a line cut at an inline element, or
    hard-wrapped, continues the one above). One line: stripped. A headline shown twice on its line with nothing between
    (wrapped or not) is read once (:func:`_unglued`). A heading mark left at the start of a line (a heading inside a
    list item) is no part of it, nor a deck after the headline on its line (:func:`without_deck`)."""
    text = _ICON_LINK.sub("", text.rstrip())
    lines = [_unglued(" ".join(_HEADING_MARK.sub("", x).split())) for x in text.split("\n")]
    lines = [x for x in lines if x]
    if len(lines) <= 1:
        return without_deck(_without_kicker(lines[0])) if lines else ""
    kept: list[str] = []
    for k, line in enumerate(lines):
        if _BYLINE.match(line) and (kept or k + 1 < len(lines)) or kept and _name_then_outlet(kept[-1], lines, k):
            break  # a byline: it and what follows it (name, role, date) are not the headline
        if len(line.split()) <= 15 and date_line(line, cfg):
            continue
        if not kept and _kicker(line) and any(c.islower() for x in lines[k + 1:] for c in x):
            continue
        kept.append(line if kept else _without_kicker(line))
    # a wrapped headline glued to a picture's text holding it is read once too
    return without_deck(_unglued(regex.sub(r"\s+([,.;:!?])", r"\1", " ".join(kept)))) if kept else " ".join(lines)


#: A letter or digit: a block without one is a rule line ('━━━━'), never the start of the article.
_LETTER_OR_DIGIT = regex.compile(r"[\p{L}\p{N}]")


def _article_start(page: Page) -> int:
    """Index of the first block of the article: the first prose block the block model keeps, at the latest
    the start of the densest run of prose; when blocks a rule has dropped open that run (a cookie notice over
    the menus of a dump without links), the first prose block after them with a letter or digit (not a rule
    line left between a sign-up box and the headline)."""
    items = page.items
    scores, threshold = model_scores(page), float(page.cfg.signal_rule(BLOCK_MODEL).get("threshold", 0.5))
    first = next((i for i, it in enumerate(items) if undecided(it) and it.prose and it.words >= 15
                  and scores[i] >= threshold), len(items))
    lo, hi = page.run
    if hi <= lo:
        return first
    start = next((i for i in range(lo, hi) if undecided(items[i])), lo)
    if start > lo:  # blocks a rule dropped open the run: it starts at the first prose block after them (not a
        # rule line left between them)
        start = next((i for i in range(start, hi) if undecided(items[i]) and items[i].prose
                      and _LETTER_OR_DIGIT.search(items[i].vis) is not None), start)
    if start < first < len(items) and _headed(page, start + HEAD_AFTER_RUN, first):
        return first  # the run took in text over the article's headline and its dated byline
    top = min(first, start)
    below = _under_cards(page, top, hi) if top < hi else None
    if below is None and top < hi:
        below = _sure_under_head(page, top, hi, float(page.cfg.signal_rule(BLOCK_MODEL).get("sure", 0.85)))
    return top if below is None else below  # the run took in other stories' cards over the article's head


def _full_date(page: Page, k: int) -> bool:
    """True when block ``k`` holds a full date (one that gives a release date)."""
    found = has_date(page.items[k].vis, page.cfg)
    return found is not None and bool(found.iso)


def _sure_under_head(page: Page, lo: int, hi: int, sure: float) -> int | None:
    """The first prose block under the one headline with its dated byline among ``items[lo:hi]``
    (:func:`_headed`, at least :data:`HEAD_AFTER_RUN` blocks under ``lo``) when the block model is sure
    (``sure``) of more prose words under it than over it: the article's head under cards of other stories
    that give no date; else None (also when two or more lines stand over a dated line there, or the run holds
    another line with a full date: a thread of comments)."""
    items, scores = page.items, model_scores(page)

    def sure_words(a: int, b: int) -> int:
        return sum(items[k].words for k in range(a, b) if undecided(items[k]) and items[k].prose and scores[k] >= sure)

    heads = [m for m in range(lo + HEAD_AFTER_RUN, hi) if _headed(page, m, m + 1)]
    if len(heads) != 1 or sum(1 for k in range(lo, hi) if items[k].kind == "meta" and _full_date(page, k)) > 1:
        return None  # none, or a thread of comments (each under its commenter's dated line) or a list of cards
    m = heads[0]
    body = next((k for k in range(m + 1, hi) if undecided(items[k]) and items[k].prose and items[k].words), None)
    return body if body is not None and sure_words(body, hi) > sure_words(lo, m - 1) else None


#: Prose blocks a head ends with (a headline and its date line, :func:`_dated_heads`) open the article when at
#: least this many of them follow it before the next head; one or none under a head: a card's blurb.
CARD_BLURBS = 1
#: Cards of other stories over the article are looked for from this many blocks over where it seems to start
#: (the densest run of prose may open with the last card's blurb).
CARD_LOOKBACK = 12


def _dated_heads(page: Page, lo: int, hi: int) -> list[tuple[int, int]]:
    """(headline, first block under its date) of each headline with its date among ``items[lo:hi]``: a
    title-like line over a dated metadata line (:func:`_headed`), or a block of no prose holding both
    (:func:`dated_headline`)."""
    items, out = page.items, []
    for k in range(lo, hi):
        it = items[k]
        if it.kind not in ("", "clutter") or it.prose:
            continue
        if k + 1 < hi and _headed(page, k + 1, k + 2, linked=True):
            out.append((k, k + 2))
        elif dated_headline(it, page.dialect, page.cfg) is not None:
            out.append((k, k + 1))
    return out


def _under_cards(page: Page, lo: int, hi: int) -> int | None:
    """The first prose block under the article's head when the article, taken to start at ``lo`` (the run of
    prose ending at ``hi``), opens with other stories' cards: :data:`CARD_OTHERS` heads or more (a headline with
    its date) in a row from at most :data:`CARD_LOOKBACK` blocks over ``lo``, each with :data:`CARD_BLURBS`
    prose block or none under it (and no more prose from ``lo`` to the first), then a head under ``lo`` with more
    prose under it than a card holds (the article); else None."""
    items = page.items

    def prose(a: int, b: int) -> list[int]:
        return [k for k in range(a, b) if undecided(items[k]) and items[k].prose and items[k].words > 0]

    heads = _dated_heads(page, max(0, lo - CARD_LOOKBACK), hi)
    if len(heads) <= CARD_OTHERS or len(prose(lo, heads[0][0])) > CARD_BLURBS:
        return None
    for n, (head, under) in enumerate(heads):
        body = prose(under, heads[n + 1][0] if n + 1 < len(heads) else hi)
        if len(body) > CARD_BLURBS:
            return body[0] if n >= CARD_OTHERS and body[0] > lo else None
    return None


#: A headline with its dated byline under it moves the start of the article from the start of the densest run
#: to the first prose the model keeps when it stands at least this many blocks into the run.
HEAD_AFTER_RUN = 2


def _headed(page: Page, lo: int, hi: int, linked: bool = False) -> bool:
    """True when among ``items[lo:hi]`` a title-like line (undecided, or with ``linked`` also a link line a rule
    dropped; not prose, no sentence end) stands over a metadata line with a full date (a byline and date line):
    the head of the article that starts under it (or of a card of another story)."""
    items = page.items
    for m in range(max(lo, 1), hi):
        it, head = items[m], items[m - 1]
        if it.kind == "meta" and (undecided(head) or linked and head.kind == "clutter") and not head.prose \
                and 4 <= head.words <= 30 \
                and head.vis.rstrip()[-1:] not in ".!?:" and _full_date(page, m):
            return True
    return False


#: Evidence about a headline candidate (the ``weights`` of the headline rule are keyed by these names).
HEADLINE_FEATURES: tuple[str, ...] = (
    "mid_length", "few_words", "words", "repeated", "shown_twice", "in_title_line", "in_longer_line", "many_copies",
    "sentence", "md_h1", "md_h2", "capital", "headline_case", "date_below", "linked", "distance", "model", "title_line",
    "after_list", "slug", "lead_words", "below_start",
    "stop", "sentence_below", "headline_above", "you", "you_teaser", "ends_period", "own_slug", "title_cover",
    "sole_h1",
    "byline_below", "alike_below", "alike_above", "starts_link", "picture_above", "credit_below", "card",
)
#: A URL slug word pair found in this many link targets or more belongs to the page's own address (share
#: links repeat it).
OWN_SLUG_LINKS = 3
#: A word addressed to the reader: weighed as ``you`` in a line, as ``you_teaser`` in a tagline or teaser
#: (:func:`reader_teaser`).
_YOU = regex.compile(r"(?i)\b(?:you|your|you're|yours)\b")


def _finds(rule: Rule, field: str, line: str) -> bool:
    """True when the pattern of ``rule``'s ``field`` is found in ``line`` (False when the rule has none)."""
    pattern = rule.compiled.get(field)
    return pattern is not None and pattern.search(line) is not None


def reader_teaser(rule: Rule, line: str) -> bool:
    """True when the headline rule's ``reader_teaser`` pattern finds ``line`` is a tagline or teaser addressed
    to the reader ('Your guide to a better future', 'What you need to know about: ...', 'Everything you need
    to know'), which a headline rarely is but as a question or a how-to."""
    return _finds(rule, "reader_teaser", line)


_APOSTROPHE = regex.compile(r"['’‘]")
#: Words of the article start that a headline is compared with.
LEAD_WORDS = 80


def _full_stop(text: str) -> bool:
    """True when a line ends with a full stop, unless the line is in headline case
    (:func:`~pipeline.clean.features.headline_case`) and the stop closes an abbreviation or initial: a headline may
    end with 'U.S.' or 'Inc.' ("Russia's Help to Iran Stirs Questions About Its Relations With U.S."), a sentence
    in sentence case ends there too ("Two chains merge to create the largest one in the U.S.")."""
    text = text.rstrip()
    return text[-1:] == "." and not (is_abbreviation(text, len(text) - 1) and headline_case(text))


def _slug_words(text: str) -> list[str]:
    """Lower-cased letter and digit runs of a line as a URL slug spells them (apostrophes dropped)."""
    return regex.sub(r"[^\p{L}\p{N}]+", " ", _APOSTROPHE.sub("", text.lower())).split()


def _slug_share(words: list[str], slugs: Container[tuple[str, str]]) -> float:
    """Share of a line's word pairs found in the page's URL slugs (0 for a line of one word)."""
    pairs = list(zip(words, words[1:]))
    return sum(p in slugs for p in pairs) / len(pairs) if pairs and slugs else 0.0


def _lead_words(items: list[Item], start: int) -> frozenset[str]:
    """Words of four letters or more in the first :data:`LEAD_WORDS` words of the article from ``start``."""
    words: list[str] = []
    for it in items[start:]:
        if it.prose and not it.rule:
            words += _slug_words(it.vis[:2000])
            if len(words) >= LEAD_WORDS:
                break
    return frozenset(w for w in words[:LEAD_WORDS] if len(w) >= 4)


def _near(items: list[Item], order: range) -> int | None:
    """The first block in ``order`` that is not metadata, clutter or a date line (None when none)."""
    return next((k for k in order if items[k].kind not in ("meta", "clutter") and not items[k].dateline), None)


def _headline_shape(it: Item) -> bool:
    """True when a block reads as a headline: 4 to 30 words, no sentence end, not a link."""
    return 4 <= it.words <= 30 and it.vis.rstrip()[-1:] not in ".:," and it.link <= 0.5 and not it.prose


#: A block that starts with a link: a markdown link or a screen dump's link number (after a list or heading mark).
_LINK_START = regex.compile(r"[ \t]{0,12}(?:[*+•\-][ \t]+|#{1,6}[ \t]+)?(?:\*\*|__)?"
                            r"\[(?:\d{1,5}\][ ]?(?=\S)|[^\]\n]{1,300}\]\()")


#: A picture alone in its block: a markdown image (maybe inside a link) or a screen dump's picture name in
#: brackets (not a link number).
_PICTURE = regex.compile(r"[ \t]{0,12}(?:\[?!\[[^\]\n]{0,300}\]\([^)\n]{0,2000}\)(?:\]\([^)\n]{0,2000}\))?"
                         r"|\[(?!\d{1,5}\])[^\]\n]{1,80}\])[ \t]{0,3}")


def _picture(it: Item) -> bool:
    """True when a block is a picture and nothing else (:data:`_PICTURE`)."""
    return len(it.span.text) <= 2400 and _PICTURE.fullmatch(it.span.text) is not None


def not_headline(rule: Rule, line: str) -> bool:
    """True when the headline rule's ``not_headline`` pattern finds ``line`` is no headline, whatever the
    language of its date: a photo caption ('Jo Lee (left) and ...', '... (stock image)', 'Photo illustration
    by ...', 'Image: ...', 'A file photograph shows ...', a caption ending with its agency credit '... REUTERS/Jane
    Roe', a picture's credit 'Credit: Jane Roe', 'Credit Illustration by ...', its alt text as a site writes it
    by machine 'This image may contain Text and Rug'), a posting line in any language ('Posted on 27 October by
    Admin', 'Veröffentlicht von Jana'), a menu's or icons' labels ('Menü Hafenverband', 'Facebook Icon Twitter
    Icon') or a German credit line ('Artikel von Jana Muster')."""
    pattern = rule.compiled.get("not_headline")
    return pattern is not None and _found_in(pattern, line)


@functools.lru_cache(maxsize=4096)
def _found_in(pattern: regex.Pattern, line: str) -> bool:
    """Whether ``pattern`` is found in ``line``, remembered: the headline passes ask it of the same lines again
    and again (each candidate's neighbours)."""
    return pattern.search(line) is not None


def _echoed_caption(items: list[Item], i: int, norm: str, rule: Rule) -> bool:
    """True when a longer block within two blocks of block ``i`` labels its text as a picture's caption
    ('Image: <the same words>', :func:`not_headline`): the block is the caption shown twice, not a
    headline."""
    for k in range(max(0, i - 2), min(len(items), i + 3)):
        if k != i and len(items[k].vis) <= 600 and not_headline(rule, items[k].vis) \
                and norm in _norm_title(items[k].vis):
            return True
    return False


def _alike(a: Item, b: Item, cfg: CleanConfig) -> bool:
    """True when two blocks read as neighbours in a list of headlines: both of 4 to 30 words, no sentence
    end, neither a byline nor a date line, lengths within a factor of two, both links or neither, and two
    different headlines (less than half of their words shared: not one headline shown twice); neither one
    a line a rule flagged ``not_title`` took (what the site says about itself over its headline is no other
    headline) nor one the headline rule finds is no headline (:func:`not_headline`: a picture's credit or caption
    over the headline)."""
    if not (all(4 <= x.words <= 30 and x.vis.rstrip()[-1:] not in ".:!?" and x.kind != "meta" for x in (a, b))
            and max(a.words, b.words) <= 2 * min(a.words, b.words)
            and (_LINK_START.match(a.span.text) is None) == (_LINK_START.match(b.span.text) is None)):
        return False
    wa, wb = set(_slug_words(a.vis)), set(_slug_words(b.vis))
    return len(wa & wb) * 2 < min(len(wa), len(wb)) and not _BYLINE.match(a.vis) and not _BYLINE.match(b.vis) \
        and has_date(a.vis, cfg) is None and has_date(b.vis, cfg) is None \
        and not any(x.rule and never_title(x, cfg) for x in (a, b)) \
        and not any(not_headline(cfg.signal_rule("title_headline"), x.vis) for x in (a, b))


#: A byline this many blocks under a headline, not counting link lines taken for clutter between (a share
#: bar, a comment count), is the headline's; such lines are skipped up to :data:`BYLINE_SKIP` blocks.
BYLINE_REACH = 2
BYLINE_SKIP = 2


def _byline_below(items: list[Item], i: int) -> bool:
    """True when a byline is among the :data:`BYLINE_REACH` blocks under block ``i``, not counting up to
    :data:`BYLINE_SKIP` link lines taken for clutter (a comment count, a share bar)."""
    seen = skipped = 0
    for k in range(i + 1, min(len(items), i + 1 + BYLINE_REACH + BYLINE_SKIP)):
        if _BYLINE.match(items[k].vis) is not None:
            return True
        if items[k].kind == "clutter" and items[k].link > 0.5 and skipped < BYLINE_SKIP:
            skipped += 1
            continue
        seen += 1
        if seen >= BYLINE_REACH:
            return False
    return False


#: A headline over its date or byline line is a story card of a list when at least :data:`CARD_OTHERS` other such
#: headlines start within :data:`CARD_REACH` blocks of it, above or below (one may be a section label over its date).
CARD_REACH = 6
CARD_OTHERS = 2


def _dated(items: list[Item], i: int, cfg: CleanConfig) -> bool:
    """True when the block under block ``i`` is metadata or a short line with a date (a headline's date line)."""
    nxt = items[i + 1] if i + 1 < len(items) else None
    return nxt is not None and (nxt.kind == "meta" or nxt.words <= 25 and has_date(nxt.vis, cfg) is not None)


def _other_cards(items: list[Item], i: int, over_meta: Callable[[int], bool]) -> bool:
    """True when :data:`CARD_OTHERS` lines or more over their date or byline line (``over_meta``: a line with a
    headline's shape, :func:`_headline_shape`, and :func:`_dated` or :func:`_byline_below`) start within
    :data:`CARD_REACH` blocks of block ``i``, not right next to it: block ``i`` over its own date or byline is then
    a card of a list of stories ('Readability Is a Myth' / 'By Noah Roe' / 'The Web Cannot Vote' / 'By Emma Lee' /
    ...); the article's headline has its date and byline alone."""
    found = 0
    for k in range(max(0, i - CARD_REACH), min(len(items), i + CARD_REACH + 1)):
        if abs(k - i) >= 2 and over_meta(k):
            found += 1
            if found >= CARD_OTHERS:
                return True
    return False


def _over_start(items: list[Item], i: int, start: int) -> bool:
    """True when block ``i`` stands right over the start of the article, only metadata lines (its date or byline)
    between."""
    return i < start and all(it.kind == "meta" for it in items[i + 1:start])


def _lone_dated_headline(page: Page, i: int) -> bool:
    """True when block ``i`` is a headline with its date line (:func:`dated_headline`) and neither block next
    to it is one too (a list of story cards, each a headline over its date, is no headline)."""
    items = page.items
    if dated_headline(items[i], page.dialect, page.cfg) is None:
        return False
    return not any(0 <= k < len(items) and dated_headline(items[k], page.dialect, page.cfg) is not None
                   for k in (i - 1, i + 1))


#: Where a line that repeats a headline sets it apart from a site name or a label ("Headline - Site",
#: "Share this story: Headline").
_ECHO_SPLIT = regex.compile(r"\s[|｜•·–—\-/«»]\s|:\s|::")


#: ... or with at most this many words more (a picture's label, a site name without a separator).
ECHO_EXTRA_WORDS = 2


def _echoed_in(line: str, norm: str) -> bool:
    """True when ``line`` repeats the headline ``norm`` (as :func:`_norm_title` gives it) as a part of its own
    set apart by a separator or a colon, or with at most :data:`ECHO_EXTRA_WORDS` words more: a title line, a
    share label or a picture's label, not a longer headline that starts with the same words."""
    return len(_norm_title(line).split()) <= len(norm.split()) + ECHO_EXTRA_WORDS \
        or any(_norm_title(part) == norm for part in _ECHO_SPLIT.split(line))


def site_names(lines: Iterable[str]) -> frozenset[str]:
    """Site and section names the page's title lines give after their headline (as :func:`_norm_title`
    gives them): of each line that :func:`strip_site` cuts to a headline before its last part, the parts after
    the headline with fewer words than it, one by one and, when all are, joined ("Headline of the day - Section
    | Site": "section", "site", "section site")."""
    out: set[str] = set()
    for line in lines:
        head = strip_site(line)
        if head is line:
            continue
        parts = [p.strip() for p in _SITE_SEPARATOR.split(line) if p.strip()]
        if head in parts:
            after = parts[parts.index(head) + 1:]
        else:  # a part naming the site by its address, cut off the end (or the start) of the line
            after = parts[-1:] if line.strip().startswith(head) else []
        # a part as long as the headline may be the headline itself ("Site Tech Blog | Managing Environments")
        shorter = [p for p in after if len(p.split()) < len(head.split())]
        out.update(_norm_title(p) for p in shorter)
        if len(shorter) == len(after):
            out.add(_norm_title(" ".join(after)))
    return frozenset(x for x in out if x)


def _md_level(it: Item) -> int:
    """Heading level of a markdown block ('# Title' is 1; 0 when the block is no heading)."""
    m = _MD_HEADING.match(it.span.text)
    return len(m.group(1)) if m else 0


def headline_candidates(page: Page, rule: Rule) -> list[tuple[int, dict[str, float]]]:
    """(block index, evidence) of every headline candidate of the page: title-like lines within
    :data:`HEADLINE_WINDOW` blocks above the start of the article, and on a page of node lines its first
    line (the page's title line)."""
    items = page.items
    start = _article_start(page)
    scores = model_scores(page)
    may = page.cfg.flagged("title_may_override")
    max_words = int(rule.get("max_words", 30))
    lo = max(0, start - HEADLINE_WINDOW)
    # lines a headline may be repeated in: the page's first lines (a title line) and those near the article
    others = [(k, _norm_title(items[k].vis)) for k in sorted({*range(min(5, len(items))), *range(lo, start)})
              if len(items[k].vis) <= 300]
    sites = site_names(items[k].vis for k in range(min(5, len(items))) if len(items[k].vis) <= 300)
    slug_counts = url_slug_counts(page.doc.text) if page.dialect in (MARKDOWN, TERMINAL) else {}
    slugs = frozenset(slug_counts)
    own = frozenset(p for p, c in slug_counts.items() if c >= OWN_SLUG_LINKS)
    lead = _lead_words(items, start)
    keys: dict[str, int] = {}
    for it in items[:start + 1]:
        keys[it.key] = keys.get(it.key, 0) + 1
    out = []
    lines = [0] if page.dialect == NODES and start > 0 and lo > 0 and _title_line(items[0]) else []
    below = list(range(start, min(len(items), start + HEADLINE_BELOW)))
    h1 = [k for k, x in enumerate(items) if page.dialect == MARKDOWN and _md_level(x) == 1]
    sole = h1[0] if len(h1) == 1 else None
    credits = page.cfg.flagged("credit")
    far = [sole] if sole is not None and not lo <= sole < start + HEADLINE_BELOW else []
    heads = page.dialect == MARKDOWN
    shapes: dict[int, bool] = {}

    def over_meta(k: int) -> bool:  # a headline-shaped line over its date or byline (once a block)
        if k not in shapes:
            shapes[k] = _headline_shape(items[k]) and (_dated(items, k, page.cfg) or _byline_below(items, k))
        return shapes[k]

    for i in [*lines, *range(lo, start), *below, *far]:
        it = items[i]
        if it.rule and it.rule not in may or it.words < 2 or it.words > max_words or it.prose and it.words > 20:
            continue
        if i >= start and it.prose and it.vis.rstrip()[-1:] in ".!?" and not (heads and _md_level(it)):
            continue  # a sentence of the article, not a headline under its start (a question in a heading may be)
        norm = _norm_title(it.vis)
        once = _unglued(it.vis)  # a line shown twice glued ('Harbour PostHarbour Post') counts its words once
        size = it.words if once == it.vis else min(it.words, len(once.split()))
        if not norm or it.vis[:1] in "([{!" or it.vis.rstrip()[-1:] in ":,(" or _LIST_MARK.match(it.span.text) \
                or _BYLINE.match(it.vis) or not_headline(rule, it.vis) or (
                it.words <= 15 and has_date(it.vis, page.cfg) is not None and not _lone_dated_headline(page, i)) \
                or _echoed_caption(items, i, norm, rule) or norm in sites \
                or page.dialect in (TERMINAL, NODES) and _form_prompt(items, i) or _glued_menu(it.vis) \
                or it.rule in may and never_title(it, page.cfg) \
                or _PICTURE_CREDIT.search(it.vis) is not None \
                or not (i == 0 and page.dialect == NODES) and (furniture_line(it.vis) or _menu_line(
                    it.span.text.strip().partition("\n")[0])):  # a breadcrumb over its date line in one block
            continue  # a caption credit, a label, a line cut before its bracket (a caption over its credit),
            # a date line (not a headline with its date line), a caption, the site's name, a form or an interface
            # label, a menu, breadcrumb or tag list (a node page's title line sets its site name apart likewise)
        copies = keys.get(it.key, 0)
        shown_twice = copies == 2 and any(items[k].key == it.key for k in range(max(0, i - 3), min(start, i + 4))
                                          if k != i)
        covers = [len(norm) / len(o) for k, o in others if k != i and k < 5 and norm in o] \
            if len(norm) >= 12 and page.dialect == NODES else []
        in_title_line = bool(covers)
        in_longer_line = len(norm) >= 12 and any(k != i and norm in o and len(o) > len(norm)
                                                 and _echoed_in(items[k].vis, norm) for k, o in others)
        heading = _MD_HEADING.match(it.span.text) if page.dialect == MARKDOWN else None
        nxt = items[i + 1] if i + 1 < len(items) else None
        prev = items[i - 1] if i > 0 else None
        words = _slug_words(it.vis)
        title_line = i == 0 and page.dialect == NODES
        long_words = [w for w in words if len(w) >= 4]
        below_k = _near(items, range(i + 1, min(len(items), i + 3)))
        teaser = reader_teaser(rule, it.vis)
        above_k = _near(items, range(i - 1, max(-1, i - 3), -1))
        dated, byline = _dated(items, i, page.cfg), _byline_below(items, i)
        # a story card of a list, over its date or byline (not the head right over the start of the article)
        card = (dated or byline) and not _over_start(items, i, start) and _other_cards(items, i, over_meta)
        out.append((i, {
            "mid_length": float(4 <= size <= 25),
            "few_words": float(size <= 3),
            "words": min(size, 15) / 15,
            "repeated": float(copies <= 2 and (shown_twice or in_title_line or in_longer_line)),
            "shown_twice": float(shown_twice),
            "in_title_line": float(in_title_line),
            "in_longer_line": float(in_longer_line),
            "many_copies": float(copies > 2),
            "sentence": float(_full_stop(it.vis) and it.words >= 6),
            "md_h1": float(heading is not None and len(heading.group(1)) == 1),
            "md_h2": float(heading is not None and len(heading.group(1)) > 1),
            "capital": float(it.vis[:1].isupper() or it.vis[:1].isdigit()),
            "headline_case": float(headline_case(it.vis)),
            "date_below": float(dated and not card),
            "linked": float(it.link > 0.5),
            "distance": min(abs(start - i), HEADLINE_WINDOW) / 10,
            "below_start": float(i >= start),
            "model": scores[i],
            "title_line": float(title_line),
            "after_list": float(prev is not None and (prev.kind == "clutter" or _LIST_MARK.match(prev.span.text)
                                                      is not None)),
            "slug": _slug_share(words, slugs),
            "lead_words": sum(w in lead for w in long_words) / len(long_words) if long_words else 0.0,
            "stop": sum(w in STOP_WORDS for w in words) / len(words) if words else 0.0,
            "sentence_below": float(below_k is not None and items[below_k].words >= max(12, it.words + 4)
                                    and items[below_k].vis.rstrip()[-1:] in ".!?\"”’"),
            "headline_above": float(above_k is not None and _headline_shape(items[above_k])),
            "you": float(_YOU.search(it.vis) is not None and not teaser),
            "you_teaser": float(teaser),
            "ends_period": float(_full_stop(it.vis) or it.vis.rstrip()[-1:] == "!"),
            "own_slug": _slug_share(words, own),
            "title_cover": max(covers, default=0.0),
            "sole_h1": float(i == sole),
            "byline_below": float(byline and not card),
            "alike_below": float(nxt is not None and _alike(it, nxt, page.cfg)),
            "alike_above": float(prev is not None and _alike(it, prev, page.cfg)),
            "starts_link": float(_LINK_START.match(it.span.text) is not None),
            "picture_above": float(prev is not None and _picture(prev)),
            "credit_below": float(nxt is not None and nxt.rule in credits),
            "card": float(card),
        }))
    return out


#: A standfirst: a sentence of this many words or more ending with a full stop, under the headline; the
#: headline-shaped line at most :data:`STANDFIRST_REACH` blocks above it (no link between) is the headline.
STANDFIRST_WORDS = 12
STANDFIRST_REACH = 3
#: A standfirst without its full stop: a line of at least this many words, not in headline case, under a
#: headline of at most half as many words; or of at least :data:`DECK_WORDS` words right under such a
#: headline (a deck in sentence case with nothing between it and the headline).
STANDFIRST_RUN_WORDS = 16
DECK_WORDS = 12
#: A headline's break between its parts ("Olympics: Second case in team - coach attacked"): a deck has none.
_HEADLINE_BREAK = regex.compile(r"[:|｜]|\s[–—\-]\s")


#: A quotation with its speaker after it ('“We have to cut jobs,” the chairman said'): prose, not a headline
#: (a headline quoting someone closes the quote with a colon).
_QUOTE_SAID = regex.compile(r"[\"“‘'][^\"”’]{3,300}[,!?.][\"”’']\s{1,3}[\p{L}\p{N}]")


def _standfirst(it: Item) -> bool:
    """True when a block reads as a standfirst sentence rather than a headline: 12 words or more ending with
    a full stop, or a quotation followed by its speaker."""
    text = it.vis.rstrip()
    return it.words >= STANDFIRST_WORDS and (text[-1:] == "." or text[-2:] in ('."', ".”")
                                             or _QUOTE_SAID.match(text) is not None)


#: A line longer than this many words reads in headline case when its first this many words do (a headline in
#: title case runs long: no deck is written so).
HEADLINE_CASE_WORDS = 16


#: A short headline over a standfirst: 2 or 3 words (fewer than a headline's shape asks), at least this share
#: of its words of four letters or more among the article's first words (all: a menu label such as 'Health
#: News' shares one at most).
SHORT_HEADLINE_LEAD = 1.0


#: A headline in parts: a colon or a spaced dash between them (not a bar, as a byline or title line has).
_HEADLINE_PARTS = regex.compile(r"[:：]\s|\s[–—\-]\s")
#: A headline opening with a quotation set apart by a colon ("'Not the end of search': Google adds ...").
_QUOTED_LEAD = regex.compile(r"[\"“‘'][^\"“”\n]{3,200}?[\"”’']\s{0,2}[:：]\s")


#: A label in capitals set apart from the headline after it by a bar or a colon ("BUDGET 3.0 | Sars gets R4bn").
_LABEL_APART = regex.compile(r"([^|｜:：\n]{3,60})\s{0,2}[|｜:：]\s")


def _set_apart(line: str) -> bool:
    """True when a line over a deck reads as its headline, not as another deck: in parts set apart by a colon
    or a spaced dash (:data:`_HEADLINE_PARTS`), opening with a label in capitals set apart by a bar or a colon
    (:func:`_kicker`), or in headline case (:func:`~pipeline.clean.features.headline_case`: 'Family Gives Early
    Support to Tester' over 'Billionaire and his son nearly max out to Tester', a deck in sentence case)."""
    label = _LABEL_APART.match(line)
    return _HEADLINE_PARTS.search(line) is not None or label is not None and _kicker(label.group(1)) \
        or headline_case(line)


def _listed_headline(it: Item, may: Container[str]) -> bool:
    """True when a block is a headline set as a list item of its own ('• Harbour tolls rise for a third year'
    right over its standfirst): one line with a list mark, a headline's shape (:func:`_headline_shape`), not
    opening with a link nor holding a form field ('• Text Input: [ ] [Submit]', a search box in a menu), undecided
    or decided by a rule the title may override (``may``)."""
    return (not it.kind or it.rule in may) and "\n" not in it.span.text.strip() \
        and _LIST_MARK.match(it.span.text) is not None \
        and _headline_shape(it) and _LINK_START.match(it.span.text) is None and _FORM_FIELD.search(it.vis) is None


def _over_standfirst(page: Page, best: int, candidates: Container[int],
                     lead: Mapping[int, float] | None = None) -> int:
    """``best``, or the headline over it when ``best`` is a standfirst (:func:`_standfirst`) or a quoted sentence:
    the nearest candidate above it within :data:`STANDFIRST_REACH` blocks, with a headline's shape and fewer words,
    and no link line between them (right above it, also a headline set as a list item of its own,
    :func:`_listed_headline`, which is no candidate, unless the block above it is another list item of 4 words or
    more: a list of headlines); for a quoted sentence with no such headline above, the nearest candidate below it as
    near, of 4 to 30 words, not a sentence or a quote, no link line between. A standfirst without its full stop
    (:data:`STANDFIRST_RUN_WORDS` words or more, not in headline case nor opening with a quotation set apart by a
    colon, as a headline may) gives way likewise to a headline of at most half its words; a shorter one
    (:data:`DECK_WORDS` or more, with no colon or spaced dash between parts as a headline has, or a teaser addressed
    to the reader, :func:`reader_teaser`: 'Ferry fares: what you need to know before you sail') only to such a
    headline right above it. With no such headline, a standfirst gives way to a short one of 2 or 3 words as near,
    not a link, a sentence or a kicker in capitals (:func:`_kicker`: 'BLACK DEATH FEARS' over a long headline), whose
    words the article's first words repeat (``lead``: each candidate's share of them, :data:`SHORT_HEADLINE_LEAD` or
    more)."""
    items = page.items
    quoted = _quoted_sentence(items[best].vis)
    stop = _standfirst(items[best]) or quoted
    run_on = "" if stop else headline_text(items[best].head, page.cfg)  # without a date line in the block
    size = len(run_on.split())
    if not stop and (size < DECK_WORDS or headline_case(" ".join(run_on.split()[:HEADLINE_CASE_WORDS]))
                     or _QUOTED_LEAD.match(run_on)):
        return best
    # a deck has no break between parts, as a headline may, unless it is a teaser addressed to the reader
    deck = _HEADLINE_BREAK.search(run_on) is None or reader_teaser(page.cfg.signal_rule("title_headline"), run_on)
    may = page.cfg.flagged("title_may_override")
    for k in range(best - 1, max(-1, best - 1 - STANDFIRST_REACH), -1):
        deck_under = deck and k == best - 1  # a deck right under this candidate
        if k == best - 1 and _listed_headline(items[k], may) and items[k].words < items[best].words \
                and not (k > 0 and _LIST_MARK.match(items[k - 1].span.text) and items[k - 1].words >= 4):
            return k
        if k in candidates and _headline_shape(items[k]) and items[k].words < items[best].words \
                and (stop or 2 * items[k].words <= size and (size >= STANDFIRST_RUN_WORDS or deck_under)
                     or deck_under and _set_apart(items[k].vis)):
            return k
        if items[k].link > 0.5:
            break
    if not stop and size < STANDFIRST_RUN_WORDS:
        return best
    for k in range(best - 1, max(-1, best - 1 - STANDFIRST_REACH), -1):
        if k in candidates and 2 <= items[k].words < 4 and (lead or {}).get(k, 0.0) >= SHORT_HEADLINE_LEAD \
                and items[k].link <= 0.5 and not items[k].prose and items[k].vis.rstrip()[-1:] not in ".:," \
                and not _kicker(items[k].vis):
            return k
        if items[k].link > 0.5:
            break
    if quoted:  # a quoted claim over the headline (a fact check): the headline-shaped candidate under it
        for k in range(best + 1, min(len(items), best + 1 + STANDFIRST_REACH)):
            if k in candidates and 4 <= items[k].words <= 30 and items[k].vis.rstrip()[-1:] not in ".:,\"”" \
                    and items[k].link <= 0.5:
                return k
            if items[k].link > 0.5:
                break
    return best


#: A question deck: a question of at least this many words right under a shorter question, its headline.
QUESTION_DECK_WORDS = 8


def _question(text: str) -> bool:
    """True when a line ends with a question mark (after a closing quote or bracket)."""
    return text.rstrip().rstrip("\"”’')]").endswith("?")


def _over_question_deck(page: Page, best: int, candidates: Container[int]) -> int:
    """``best``, or the headline right above it when ``best`` is a question deck: a question of
    :data:`QUESTION_DECK_WORDS` words or more under a candidate that is a question of fewer words, not a link nor
    opening with one, nor a label in capitals (:func:`_kicker`): a short question headline over the question its
    deck asks ('Harbour tolls too high?' / 'Are the new tolls fair to the boats that use the quay every day?');
    else ``best``."""
    items = page.items
    k = best - 1
    if k < 0 or k not in candidates or items[best].words < QUESTION_DECK_WORDS or not _question(items[best].vis):
        return best
    up = items[k]
    if _question(up.vis) and 2 <= up.words < items[best].words and _plain_line(up):
        return k
    return best


def _plain_line(it: Item) -> bool:
    """True when a block over a deck may be its headline: no link, not opening with one, no label in capitals
    (:func:`_kicker`)."""
    return it.link <= 0.5 and _LINK_START.match(it.span.text) is None and not _kicker(it.vis)


#: A deck restating the headline right above it opens with the same this many words ...
RESTATED_OPENING = 2
#: ... and repeats at least this share of the headline's words of four letters or more, but less than this share
#: (more: the headline shown again, laid out otherwise).
RESTATED_SHARE = 1 / 3
RESTATED_MAX_SHARE = 3 / 4


def _over_restated_deck(page: Page, best: int, candidates: Container[int]) -> int:
    """``best``, or the candidate right above it when ``best`` is a deck restating it: a line not in headline
    case (:func:`~pipeline.clean.features.headline_case`) opening with the same :data:`RESTATED_OPENING` words
    as the candidate above, which has 4 to 30 words, no sentence end, is not a link nor opens with one nor is a
    label in capitals, and :data:`RESTATED_SHARE` of whose words of four letters or more the deck repeats, but
    less than :data:`RESTATED_MAX_SHARE` (the same headline shown twice is no deck) ('Strong tornadoes possible in
    severe storm outbreak in central states' over 'Strong tornadoes are possible across the central states both
    Friday and Saturday'); else ``best``."""
    items = page.items
    k = best - 1
    if k < 0 or k not in candidates or headline_case(items[best].vis):
        return best
    up = items[k]
    above, deck = _slug_words(up.vis), _slug_words(items[best].vis)
    if len(above) <= RESTATED_OPENING or len(deck) <= RESTATED_OPENING or above == deck \
            or above[:RESTATED_OPENING] != deck[:RESTATED_OPENING]:
        return best
    long_words = [w for w in above if len(w) >= 4]
    deck_words = set(deck)
    shared = sum(w in deck_words for w in long_words)
    if 4 <= up.words <= 30 and up.vis.rstrip()[-1:] not in ".:," and _plain_line(up) \
            and long_words and RESTATED_SHARE * len(long_words) <= shared < RESTATED_MAX_SHARE * len(long_words):
        return k
    return best


#: How many blocks under a label in capitals its headline may sit, past date, byline and section link lines.
KICKER_REACH = 4
#: A section link line between a label and the headline has at most this many words.
SECTION_LINK_WORDS = 3


def _under_kicker(page: Page, best: int, candidates: Container[int]) -> int:
    """``best``, or the headline under it when ``best`` is a label in capitals (:func:`_kicker`: a section
    name, kicker or blog name such as 'GROWING YOUR BUSINESS' over the headline): the first candidate with a
    headline's shape (:func:`_headline_shape`) not in capitals within :data:`KICKER_REACH` blocks, past only
    date and byline lines and short section links ('Beauty'); else ``best``."""
    items = page.items
    if not _kicker(items[best].vis):
        return best
    for k in range(best + 1, min(len(items), best + 1 + KICKER_REACH)):
        it = items[k]
        if k in candidates and _headline_shape(it) and any(c.islower() for c in it.vis):
            return k
        if not (it.kind == "meta" or it.dateline or _BYLINE.match(it.vis)
                or it.link > 0.5 and it.words <= SECTION_LINK_WORDS):
            return best
    return best


#: A shortened headline's words of four letters or more are compared without a plural or possessive 's'.
_PLURAL_S = regex.compile(r"(?<=\p{L}{3})s$")


def _long_word_stems(text: str) -> list[str]:
    """Words of four letters or more of a line, lower-cased, apostrophes and a final 's' dropped ("Page's" and
    "Pages" -> "page")."""
    return [_PLURAL_S.sub("", w) for w in _slug_words(text) if len(w) >= 4]


def _shortened(short: str, full: str) -> bool:
    """True when ``short`` restates the headline ``full`` in fewer words: every word of four letters or more of
    ``short`` (two at least) is one of ``full``'s, ``full`` has more words, and ``full`` does not hold ``short``
    as it stands (a breadcrumb's item, glued to the menu before it or not, a headline without its kicker or site
    name: left to the kicker and site rules)."""
    mine, theirs = _long_word_stems(short), set(_long_word_stems(full))
    norm, whole = _norm_title(short), _norm_title(full)
    if len(mine) < 2 or len(norm.split()) >= len(whole.split()) or not all(w in theirs for w in mine):
        return False
    return norm not in whole


#: How many blocks above a shortened headline the headline it shortens may stand, past decided blocks and lines of
#: at most :data:`SHORTENED_PASS_WORDS` words.
SHORTENED_REACH = 12
SHORTENED_PASS_WORDS = 3


def _under_fuller_headline(page: Page, best: int, candidates: Container[int]) -> int:
    """``best``, or the headline above it that ``best`` shortens (:func:`_shortened`: a caption or a second,
    shorter heading over the article that a screen dump prints under the headline, "Alabama Workers Immigration
    Law" under "Alabama Workers Leave State As Immigration Law Takes Effect"): the nearest candidate within
    :data:`SHORTENED_REACH` blocks above with a headline's shape (:func:`_headline_shape`), no link nor a label in
    capitals (:func:`_plain_line`), past only decided blocks (menus, date lines, share links) and lines of at most
    :data:`SHORTENED_PASS_WORDS` words (an author's name); else ``best``."""
    items = page.items
    for k in range(best - 1, max(-1, best - 1 - SHORTENED_REACH), -1):
        it = items[k]
        if k in candidates and _headline_shape(it) and _plain_line(it):
            return k if _shortened(items[best].vis, it.vis) else best
        if undecided(it) and it.words > SHORTENED_PASS_WORDS:
            return best
    return best


def _quoted_sentence(text: str) -> bool:
    """True when a block is one quoted sentence ending with its full stop inside the quote ('"Prices rose."')."""
    text = text.strip()
    return len(text) >= 8 and text[:1] in "\"“‘'" and text[-2:] in ('."', '.”', ".’", ".'")


#: A headline the page shows gives the title line's story in its own words when at least this share of its words
#: of four letters or more, and this many of them, are in the title line ...
TITLE_LINE_SHARE = 1 / 4
TITLE_LINE_WORDS = 2
#: ... and its evidence weighs at most this much less than the title line's.
TITLE_LINE_MARGIN = 1.5


def _shown_over_title_line(page: Page, values: Mapping[int, float]) -> int:
    """The headline the page shows in place of its title line (block 0 of a node page: the ``<title>`` a DOM's
    text comes out with first, which a page often words otherwise than its headline): of the other candidates
    (``values``: each one's weighed evidence) over the start of the article or opening it, of 4 to 30 words with
    no full stop, colon or comma at its end, not a link nor opening with one (a sentence ending with '!' may be a
    headline), with :data:`TITLE_LINE_SHARE` or more and at least :data:`TITLE_LINE_WORDS` of its words of four
    letters or more in the title line and evidence weighing at most :data:`TITLE_LINE_MARGIN` less, the one
    weighing most; else 0. A headline shown twice or in the title line's words already weighs more than the
    title line."""
    items = page.items
    title = set(_slug_words(items[0].vis))
    top, start = values.get(0, 0.0), _article_start(page)
    best, best_value = 0, None
    for i, value in values.items():
        it = items[i]
        if not 0 < i <= start or value < top - TITLE_LINE_MARGIN or not 4 <= it.words <= 30 or it.link > 0.5 \
                or it.vis.rstrip()[-1:] in ".:," or _LINK_START.match(it.span.text) is not None:
            continue
        words = [w for w in _slug_words(it.vis) if len(w) >= 4]
        shared = sum(w in title for w in words)
        if shared >= max(TITLE_LINE_WORDS, TITLE_LINE_SHARE * len(words)) \
                and (best_value is None or value > best_value):
            best, best_value = i, value
    return best


#: Where a title line sets the site's name apart after its headline: a bar, dash or dot ("Headline – Site"; not a
#: slash or colon, which a headline uses too: "Can fish feel pain / suffer?").
_SUFFIX_SITE = regex.compile(r"\s[|｜•·–—\-]\s")


def _title_line_copy(page: Page, i: int) -> bool:
    """True when block ``i`` of a node page shows the page's title line again, word for word (the ``<title>``
    a DOM's text gives first, printed again over the article: "Headline – Site" twice), and that line names the
    site after its headline (:func:`strip_site` cuts its end past a bar or dash, :data:`_SUFFIX_SITE`, with no
    figure or sentence end in it): the copy names it too. A part before the headline, after a slash, or a date,
    number or question after it is left alone ("BUDGET 3.0 | Harbour fees rise", "The harbour (2024) – the long
    way in", "Press coverage – August 2013", "Can fish feel pain / suffer?": the headline's own)."""
    first = page.items[0].vis
    if i <= 0 or len(first) > 300 or _norm_title(page.items[i].vis) != _norm_title(first):
        return False
    head = strip_site(first)
    cut = first[len(head):] if head != first and first.startswith(head) else ""
    return _SUFFIX_SITE.match(cut) is not None and not any(c.isdigit() for c in cut) \
        and cut.rstrip()[-1:] not in ".!?"


def title_headline_pass(page: Page, rule: Rule) -> None:
    """The page's headline: of the candidates of :func:`headline_candidates`, the one whose evidence
    weighs most with the rule's ``weights`` (when above ``threshold``), on pages of the rule's ``dialects``;
    when that one is a standfirst, the headline over it (:func:`_over_standfirst`)."""
    if page.title_settled or not for_dialect(page, rule) or not page.items:
        return
    weights = rule.get("weights", {})
    best, best_score = None, float(rule.get("threshold", 0.0))
    found = headline_candidates(page, rule)
    sole = next((i for i, ev in found if ev["sole_h1"]), None)
    min_words = int(rule.get("min_words", 0) or 10**6)
    if sole is not None and _plain_heading(page.items[sole], min_words):
        under = _dated_heading_under(page, found, sole, min_words)
        best = sole if under is None else under
        _found_title(page, best, rule)
        page.kicker_words, page.lead_in = glued_kicker(page, best), lead_in(page, best)
        return
    values = {i: weights.get("bias", 0.0) + sum(weights.get(k, 0.0) * v for k, v in ev.items()) for i, ev in found}
    for i, value in values.items():
        if value > best_score:
            best, best_score = i, value
    if best == 0 and page.dialect == NODES:
        best = _shown_over_title_line(page, values)
    candidates = {i for i, _ in found}
    echo = _far_title_echo(page, candidates)
    if echo is not None and (best is None or _norm_title(page.items[best].vis) != _norm_title(page.items[echo].vis)):
        _found_title(page, echo, rule)
        return
    if best is not None:
        best = _over_standfirst(page, best, candidates, {i: ev["lead_words"] for i, ev in found})
        best = _over_question_deck(page, best, candidates)
        best = _over_restated_deck(page, best, candidates)
        best = _under_kicker(page, best, candidates)
        best = _under_fuller_headline(page, best, candidates)
        page.title_line = page.dialect == NODES and (best == 0 or _title_line_copy(page, best))
        _found_title(page, best, rule)
        if not page.title_line:
            page.kicker_words = glued_kicker(page, best) or _list_number(page, best)
            page.lead_in = lead_in(page, best)


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
    if body[-1:] in ".!?:;," or any(not is_abbreviation(body, e) for e in ends) or _BYLINE.match(body) \
            or body.split()[-1].islower() and body.split()[-1] in STOP_WORDS or has_date(body, page.cfg) is not None \
            or not_headline(rule, body) or reader_teaser(rule, body) or _YOU.search(body) \
            or never_title(it, page.cfg) or furniture_line(body) or _glued_menu(body) \
            or page.dialect in (TERMINAL, NODES) and _form_prompt(items, k) \
            or _norm_title(head).startswith(_norm_title(body)):
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
    words = _norm_title(text).split()
    if len(words) < KICKER_ECHO_WORDS + 1:
        return 0
    whole = " ".join(words)
    echoes: set[tuple[str, ...]] = set()
    for k in {*range(min(5, len(items))), *range(max(0, i - HEADLINE_WINDOW), min(len(items), i + 3))} - {i}:
        if len(items[k].vis) <= 600 and _norm_title(items[k].vis) != whole:
            # the block's lines too: a breadcrumb over its date line in one block ends on its own line
            lines = items[k].vis if page.dialect != TERMINAL else f"{items[k].vis}\n{shown(items[k].span.text, TERMINAL)}"
            parts = [_norm_title(x).split() for x in _CRUMB_SPLIT.split(lines)]
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


#: An item of a numbered list ("4. Harbour fees rise"): its number.
_NUMBERED = regex.compile(r"[ \t]{0,12}(\d{1,3})\.[ \t]+(?=\S)")


def _list_number(page: Page, i: int) -> int:
    """1 when block ``i`` is an item of a numbered list right under the item before it ("3. Business" / "4.
    Harbour fees rise": a breadcrumb set as a numbered list, its last item the page's headline): its number is
    no word of the headline; else 0 ("1. FC Harbour wins the cup" alone keeps its number)."""
    if i == 0:
        return 0
    # the number as the headline's text shows it (a markdown list's number is a mark left out of it)
    here, above = _NUMBERED.match(page.items[i].head), _NUMBERED.match(page.items[i - 1].span.text)
    return int(here is not None and above is not None and int(here.group(1)) == int(above.group(1)) + 1)


def without_words(text: str, count: int) -> str:
    """``text`` without its first ``count`` words (letter and digit runs, as :func:`_norm_title` counts them)
    and the marks after them (a colon or dash after a kicker; an opening quote stays)."""
    if count <= 0:
        return text
    end = 0
    for n, m in enumerate(regex.finditer(r"[\p{L}\p{N}]+", text), 1):
        end = m.end()
        if n == count:
            break
    return regex.sub(r"^[^\p{L}\p{N}\"“„«‹'(\[]+", "", text[end:]) or text


#: A title line's headline repeated far down a node page has at least this many words, and a prose block
#: of at least :data:`ECHO_PROSE_WORDS` words within :data:`ECHO_REACH` blocks under it (the article).
ECHO_WORDS = 4
ECHO_PROSE_WORDS = 15
ECHO_REACH = 6


def _far_title_echo(page: Page, candidates: Container[int]) -> int | None:
    """On a node page, the one block outside the headline candidates that repeats the headline of the page's title
    line (its first line, site name left out) with a date or byline line under it, no alike headline next to it or
    past a date line next to it (not a card of a list) and prose under it (:data:`ECHO_REACH`): the article's own
    headline, below teasers the block model took for the start of the article; None when there is no such block or
    more than one."""
    items = page.items
    if page.dialect != NODES or len(items) < 3 or not _title_line(items[0]):
        return None
    head = _norm_title(strip_site(items[0].vis))
    size = len(head.split())
    if size < ECHO_WORDS:
        return None
    may = page.cfg.flagged("title_may_override")
    found = []
    for k in range(1, len(items)):
        it = items[k]
        if k in candidates or it.rule and it.rule not in may or abs(it.words - size) > ECHO_WORDS \
                or _norm_title(it.vis) != head:
            continue
        nxt = items[k + 1] if k + 1 < len(items) else None
        dated = nxt is not None and (nxt.kind == "meta" or nxt.words <= 25 and has_date(nxt.vis, page.cfg) is not None)
        # a list's card: an alike headline next to it, or past the date line of one of them
        alike = any(0 < k + d < len(items) and _alike(it, items[k + d], page.cfg) for d in (-1, 1)) or any(
            0 < k + 2 * d < len(items) and items[k + d].kind == "meta" and _alike(it, items[k + 2 * d], page.cfg)
            for d in (-1, 1))
        prose = any(undecided(x) and x.prose and x.words >= ECHO_PROSE_WORDS for x in items[k + 1:k + 1 + ECHO_REACH])
        if (dated or _byline_below(items, k)) and not alike and prose:
            found.append(k)
    return found[0] if len(found) == 1 else None


def _dated_heading_under(page: Page, found: list[tuple[int, dict[str, float]]], i: int,
                         min_words: int) -> int | None:
    """The candidate headline under a level-1 heading ``i`` that names the site over its menus: the last
    markdown heading of lower level between it and the start of the article with a list (a menu) between
    them, of ``min_words`` words or more and no sentence end, that has a date or byline line under it (a
    blog's name in the level-1 heading, the story's headline with its date under it; not a standfirst or a
    deck set as a heading under the headline); None when there is none."""
    start = _article_start(page)
    items = page.items
    menu = next((k for k in range(i + 1, start) if _LIST_MARK.match(items[k].span.text)), None)
    if menu is None:
        return None
    return max((k for k, ev in found if menu < k < start and _md_level(page.items[k]) > 1
                and page.items[k].words >= min_words and page.items[k].vis.rstrip()[-1:] not in ".:,"
                and (ev["date_below"] or ev["byline_below"])), default=None)


def _plain_heading(it: Item, min_words: int) -> bool:
    """True when a markdown heading reads as a headline: ``min_words`` words or more, no picture, not a link,
    no sentence end."""
    return it.words >= min_words and "![" not in it.span.text and it.link <= 0.5 \
        and it.vis.rstrip()[-1:] not in ".:,"


def _title_line(it: Item) -> bool:
    """True when a block can be a page's title line: 2 to 40 words, not a sentence, not decided otherwise."""
    return not it.rule and 2 <= it.words <= 40 and not it.vis.rstrip().endswith(".") and len(it.vis) <= 300


def title_short_pass(page: Page, rule: Rule) -> None:
    """The longest title-like line before the first prose (not a picture's name alone, :func:`_picture`); else a
    title shown twice at the top of the page."""
    items, cfg = page.items, page.cfg
    if page.title_settled:
        return
    limit = min(first_prose(items), len(items))
    max_words = int(rule.get("max_words", 60))
    cands = [i for i in range(limit) if undecided(items[i]) and not items[i].prose and items[i].words <= max_words
             and not _picture(items[i])]
    over_meta = [i for i in cands if i + 1 < len(items) and items[i + 1].kind == "meta"]
    if cands:  # the longest line (titles are longer than labels and menu leftovers), the last on ties
        _found_title(page, max(reversed(over_meta or cands), key=lambda k: items[k].words), rule)
        return
    # a title shown twice at the top of the page
    shown_twice = cfg.signal_rule("adjacent_repeat").id
    for i in range(limit):
        it = items[i]
        if it.rule == shown_twice and it.words <= max_words:
            if i + 1 < len(items) and items[i + 1].key == it.key:
                decide(items[i + 1], "clutter", cfg.signal_rule("repeat").id)
            _found_title(page, i, rule)
            return
