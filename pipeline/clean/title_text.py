"""Reading a headline out of a title block: the headline without its date line (:func:`dated_headline`), kicker,
byline, share link or deck (:func:`headline_text`), a title line without its site or section name
(:func:`strip_site`, :func:`site_names`), and titles compared as their letters and digits (:func:`norm_title`)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

import regex

from .features import Item
from .dialect import shown, visible
from .stopwords import STOP_WORDS
from .patterns import date_line, has_date

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


def norm_title(text: str) -> str:
    """Lower-cased letters and digits only (soft hyphens left out), for comparing titles."""
    return " ".join(regex.sub(r"[^\p{L}\p{N}]+", " ", text.replace(SOFT_HYPHEN, "").lower()).split())


def same_title(got: str, want: str) -> bool:
    """Equal normalised titles, or one a prefix of the other covering 80% of it (a site name cut off)."""
    if not got or not want:
        return False
    short, long = sorted((got, want), key=len)
    return long.startswith(short) and len(short) >= 0.8 * len(long)


#: Separators between a headline and a site or section name in a page's title line.
_SITE_SEPARATOR = regex.compile(r"\s(?:[|｜•·:–—\-]|::|«|»|/)\s")


#: A markdown heading mark left at the start of a line's visible text (a heading inside a list item, '* # ...').
_HEADING_MARK = regex.compile(r"^\s{0,12}#{1,6}\s")


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


#: A part of a title line set apart from its headline by a separator names the site or section when it has at most
#: this many words.
SITE_NAME_WORDS = 4


def strip_site(title: str) -> str:
    """The headline of a title line that names the site or section too ("Headline - Site", "Site | Headline"):
    when its last or first part names the site by its web address (:func:`_address_part`: "Headline – what now?
    – Die Achse des Guten. ACHGUT.COM"), the line without that part (a headline of :data:`SITE_HEAD_WORDS` words
    or more, kept whole with its own dashes); else its longest part when every other part has at most
    :data:`SITE_NAME_WORDS` words; else the line."""
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
    if all(len(p.split()) <= SITE_NAME_WORDS for p in parts if p is not longest) and len(longest.split()) >= 2:
        return longest
    return title


#: A byline line: "By Jane Doe", "Analysis by ...", "Words: ...", "Reporter: ...".
BYLINE = regex.compile(r"(?i)^\W{0,8}(?:(?:(?:news\s)?analysis|opinion|commentary|story|written|posted|reported|"
                      r"words|photos?|text|video)\s{1,2}by|by|words|text|reporter|author)\b\s{0,2}[:：]?(?:\s|$)"
                      r"(?!\s{0,2}(?:the|a|an|this|that|then|far|now|way|all|means|design|default)\b)")
#: A kicker over a headline: one to six words in capitals ("BLACK DEATH FEARS").
KICKER_WORDS = 6


def kicker_line(line: str) -> bool:
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


def unglued(line: str) -> str:
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
    ", The Detroit News") or with "and" and a second writer or the agency, there or on the line under it ("Jo
    Lee" / "and" / "AP"), under a line ``above`` not ending on a stop word; not a headline cut at a link in its
    words ("Harbour City" / ", mayor says", "Talks in" / "New York" / ", Paris", "Harbour City" / "and ports")."""
    if k + 1 >= len(lines) or not _NAME_LINE.fullmatch(lines[k]):
        return False
    nxt = lines[k + 1]
    if nxt.startswith(","):
        outlet = nxt[1:].strip()
    elif nxt == "and" or nxt.startswith("and "):  # a second writer or the agency: "Jo Lee" / "and" / "AP"
        outlet = nxt[3:].strip() or (lines[k + 2] if k + 2 < len(lines) else "")
    else:
        return False
    last = regex.findall(r"\p{L}+", above)
    if not last or last[-1].lower() in STOP_WORDS:
        return False
    return _OUTLET.fullmatch(outlet) is not None


def headline_text(text: str, cfg: CleanConfig) -> str:
    """The headline of a title block: without date lines, a capitalised kicker above a headline in mixed case or a kicker
    word before it on its line ("EXCLUSIVE Star quits show", :data:`_KICKER_START`), a byline (also a name over ",
    Outlet", :func:`_name_then_outlet`) with what follows it and a share link shown as its icon's name closing the block
    (:data:`_ICON_LINK`); the remaining lines joined with single spaces (a line cut at an inline element, or
    hard-wrapped, continues the one above). One line: stripped. A headline shown twice on its line with nothing between
    (wrapped or not) is read once (:func:`unglued`). A heading mark left at the start of a line (a heading inside a
    list item) is no part of it, nor a deck after the headline on its line (:func:`without_deck`)."""
    text = _ICON_LINK.sub("", text.rstrip())
    lines = [unglued(" ".join(_HEADING_MARK.sub("", x).split())) for x in text.split("\n")]
    lines = [x for x in lines if x]
    if len(lines) <= 1:
        return without_deck(_without_kicker(lines[0])) if lines else ""
    kept: list[str] = []
    for k, line in enumerate(lines):
        if BYLINE.match(line) and (kept or k + 1 < len(lines)) or kept and _name_then_outlet(kept[-1], lines, k):
            break  # a byline: it and what follows it (name, role, date) are not the headline
        if len(line.split()) <= 15 and date_line(line, cfg):
            continue
        if not kept and kicker_line(line) and any(c.islower() for x in lines[k + 1:] for c in x):
            continue
        kept.append(line if kept else _without_kicker(line))
    # a wrapped headline glued to a picture's text holding it is read once too
    return without_deck(unglued(regex.sub(r"\s+([,.;:!?])", r"\1", " ".join(kept)))) if kept else " ".join(lines)


def site_names(lines: Iterable[str]) -> frozenset[str]:
    """Site and section names the page's title lines give after their headline (as :func:`norm_title`
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
        out.update(norm_title(p) for p in shorter)
        if len(shorter) == len(after):
            out.add(norm_title(" ".join(after)))
    return frozenset(x for x in out if x)


def title_line_headlines(line: str) -> frozenset[str]:
    """The ways a title line may name its headline, as :func:`norm_title` gives them: the whole line, the line
    without its site's name (:func:`strip_site`), and the line before its last separator or after its first one
    (:data:`_SITE_SEPARATOR`) when the part cut off has at most :data:`SITE_NAME_WORDS` words and fewer than the
    part kept (a headline with dashes of its own before the site's name: "Storm hits coast - then floods the port
    - Harbour Post")."""
    out = {line, strip_site(line)}
    seps = list(_SITE_SEPARATOR.finditer(line))
    if seps:
        for head, name in ((line[:seps[-1].start()], line[seps[-1].end():]),
                           (line[seps[0].end():], line[:seps[0].start()])):
            if len(name.split()) <= min(SITE_NAME_WORDS, len(head.split()) - 1):
                out.add(head)
    return frozenset(x for x in map(norm_title, out) if x)


def without_words(text: str, count: int) -> str:
    """``text`` without its first ``count`` words (letter and digit runs, as :func:`norm_title` counts them)
    and the marks after them (a colon or dash after a kicker; an opening quote stays)."""
    if count <= 0:
        return text
    end = 0
    for n, m in enumerate(regex.finditer(r"[\p{L}\p{N}]+", text), 1):
        end = m.end()
        if n == count:
            break
    return regex.sub(r"^[^\p{L}\p{N}\"“„«‹'(\[]+", "", text[end:]) or text
