"""Page furniture a headline never is, line by line: menus, breadcrumbs, tag lists, glued menu labels, date lines
printed twice, figures, pictures' credits, lines that run on, language menus, forms and their prompts
(:func:`furniture_line`, :func:`form_prompt`, :func:`glued_menu`), and the headline rule's patterns for captions,
posting lines, interface text and teasers addressed to the reader (:func:`not_headline`, :func:`reader_teaser`)."""
from __future__ import annotations

import functools
import unicodedata
from typing import Iterable

import regex

from .features import Item
from .dialect import SCREEN_BULLETS
from .stopwords import STOP_WORDS
from ..rules import Rule


#: A list item of a markdown or screen dump (a menu entry, not a headline).
LIST_MARK = regex.compile(rf"\s{{0,12}}(?:[*+{SCREEN_BULLETS}]|-(?=\s))\s")
#: An item of a numbered list ("4. Harbour fees rise"): its number.
NUMBERED_ITEM = regex.compile(r"[ \t]{0,12}(\d{1,3})\.[ \t]+(?=\S)")
#: A form field as a screen dump (or a page of node lines with its form's text) shows it: a text box or a
#: drop-down list in brackets ending with blanks ("Search: [          ]", "Sort by [date ]"), a radio button
#: ("( ) Yes"). A line holding one is a form, never the headline.
_FIELD = r"\[[^\]\n]{0,60}[ _]\]|\([ *]\)\s"
FORM_FIELD = regex.compile(_FIELD)
#: A line over a block opening with a form field in the next this many blocks is the form's prompt ("Sign up for
#: breaking news and more." over the e-mail box, a poll's question over its answers), never the headline.
FORM_REACH = 2
#: A block that opens with a form field (after a screen dump's link number): a form, not a menu row with a search
#: box in it.
_FORM_START = regex.compile(rf"[ \t]{{0,12}}(?:\[\d{{1,5}}\])?(?:{_FIELD})")


#: Menu labels a screen dump shows glued together ("NewsSportBusinessLifestyleCulture"): a short line with at
#: least this many joins of a small letter and a capital inside a word (a name such as "McDonald" or "iPhone"
#: has one).
GLUED_MENU_JOINS = 3
_GLUED_JOIN = regex.compile(r"\p{Ll}\p{Lu}")


def form_prompt(items: list[Item], i: int) -> bool:
    """True when block ``i`` of a screen dump or node page holds a form field or is a form's prompt: one of the
    :data:`FORM_REACH` blocks under it opens with a field (:data:`_FORM_START`)."""
    return FORM_FIELD.search(items[i].vis) is not None or any(
        _FORM_START.match(items[k].span.text) is not None for k in range(i + 1, min(len(items), i + 1 + FORM_REACH)))


def glued_menu(line: str) -> bool:
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


def menu_line(line: str) -> bool:
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
PICTURE_CREDIT = regex.compile(r"(?i)©|(?:shutterstock|istock(?:photo)?|getty\s?images|picture[\s-]alliance|imago"
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


#: A language menu: words written in at least this many scripts on one line ('हिन्दी বাংলা मराठी ગુજરાતી ...',
#: 'English Русский العربية').
MENU_SCRIPTS = 3
#: Scripts one language writes together, counted as one (a Japanese headline mixes kanji, kana and Latin letters).
_SCRIPT_GROUPS = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "HANGUL": "CJK", "BOPOMOFO": "CJK", "FULLWIDTH": "CJK",
                  "HALFWIDTH": "CJK", "IDEOGRAPHIC": "CJK"}


def _word_script(word: str) -> str:
    """The script of ``word``'s letters ('LATIN', 'DEVANAGARI', 'CJK' ...: the first word of a letter's Unicode
    name, East Asian scripts grouped by :data:`_SCRIPT_GROUPS`) when it has two letters or more, all in one
    script; '' otherwise (a figure, a mark, a word mixing scripts)."""
    scripts = {unicodedata.name(c, "").partition(" ")[0] for c in word if c.isalpha()}
    if len(scripts) != 1 or sum(c.isalpha() for c in word) < 2:
        return ""
    script = scripts.pop()
    return _SCRIPT_GROUPS.get(script, script)


def language_menu(line: str) -> bool:
    """True when a line's words are written in :data:`MENU_SCRIPTS` scripts or more and at least half of them
    in other scripts than Latin: a menu of the site's editions, each language's name in its own script, never the
    headline (a headline may quote a name or two in their own scripts: 'Putin (Путин) meets Xi (习近平)')."""
    if line.isascii():
        return False
    scripts = [_word_script(w) for w in line.split()]
    others = sum(s not in ("", "LATIN") for s in scripts)
    return len(set(scripts) - {""}) >= MENU_SCRIPTS and 2 * others >= len(scripts)


def furniture_line(line: str) -> bool:
    """True when a line is page furniture a headline never is: a date line printed twice glued
    (:data:`_GLUED_DATES`), a menu, tagline or breadcrumb (:func:`menu_line`), a tag list in alphabetical order
    (:func:`_sorted_list`), a line of figures (:func:`_figures_line`), a picture's text said twice
    (:func:`_said_twice`), a line holding a web address with its scheme (:data:`_SCHEME_ADDRESS`), a line that
    runs on into the next (:func:`_run_on`: a wire dateline on its line, "New York CNN —") or a language menu
    (:func:`language_menu`)."""
    return _GLUED_DATES.search(line) is not None or menu_line(line) or _sorted_list(line) or _figures_line(line) \
        or _said_twice(line) or _SCHEME_ADDRESS.search(line) is not None or _run_on(line) or language_menu(line)


#: A word addressed to the reader: weighed as ``you`` in a line, as ``you_teaser`` in a tagline or teaser
#: (:func:`reader_teaser`).
YOU = regex.compile(r"(?i)\b(?:you|your|you're|yours)\b")


def _finds(rule: Rule, field: str, line: str) -> bool:
    """True when the pattern of ``rule``'s ``field`` is found in ``line`` (False when the rule has none)."""
    pattern = rule.compiled.get(field)
    return pattern is not None and pattern.search(line) is not None


def reader_teaser(rule: Rule, line: str) -> bool:
    """True when the headline rule's ``reader_teaser`` pattern finds ``line`` is a tagline or teaser addressed
    to the reader ('Your guide to a better future', 'What you need to know about: ...', 'Everything you need
    to know'), which a headline rarely is but as a question or a how-to."""
    return _finds(rule, "reader_teaser", line)


def not_headline(rule: Rule, line: str) -> bool:
    """True when the headline rule's ``not_headline`` pattern finds ``line`` is no headline, whatever the
    language of its date: a photo caption ('Jo Lee (left) and ...', '... (stock image)', 'Photo illustration
    by ...', 'Image: ...', 'A file photograph shows ...', a caption ending with its agency credit '... REUTERS/Jane
    Roe', a picture's credit 'Credit: Jane Roe', 'Credit Illustration by ...', its alt text as a site writes it
    by machine 'This image may contain Text and Rug'), a posting line in any language ('Posted on 27 October by
    Admin', 'Veröffentlicht von Jana'), a menu's or icons' labels ('Menü Hafenverband', 'Facebook Icon Twitter
    Icon'), a German credit line ('Artikel von Jana Muster') or interface text: buttons and account links alone
    ('Accept & Close'), sign-in, ad-blocker, comment, support and notification notices ('Thank you for signing in.',
    'Jump to comments') and a menu of language names ('English Español Français Deutsch')."""
    pattern = rule.compiled.get("not_headline")
    return pattern is not None and _found_in(pattern, line)


@functools.lru_cache(maxsize=4096)
def _found_in(pattern: regex.Pattern, line: str) -> bool:
    """Whether ``pattern`` is found in ``line``, remembered: the headline passes ask it of the same lines again
    and again (each candidate's neighbours)."""
    return pattern.search(line) is not None
