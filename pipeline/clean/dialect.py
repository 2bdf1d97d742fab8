"""Dump dialects of scraped plain text, and the visible text of a block in each.

A page saved as plain text carries the marks of the tool that flattened it. The clean stage names four
dialects and reads each block through its dialect (offsets always stay those of the raw text):

- ``plain``: paragraphs as written (the seed's layout, wire copy, text typed or exported by hand);
- ``nodes``: one text node a line, as a DOM's text is written out node by node: a paragraph is cut at
  every inline link or emphasis, and the pieces keep the spaces that joined them, or (a scraper that
  strips every node) a short piece that does not end a sentence is followed by a line going on in
  lower case (see :func:`pipeline.clean.blocks.segment_blocks`);
- ``markdown``: markdown written from HTML: ``[text](url)`` links, ``![alt](src)`` images, ``# headings``,
  ``* item`` lists, ``|`` table rows, paragraphs wrapped near 80 columns;
- ``terminal``: a text browser's screen dump: paragraphs wrapped near 80 columns, numbered links
  (``[26]text``), ``•``/``□`` bullets and a ``References:`` list of the link targets at the end; or, dumped
  without link numbers (``w3m -dump`` as most people run it, ``lynx -dump -nolist``), told by its wrapping
  alone: no line wider than a screen, sentences broken at one width and going on in lower case on the next
  line, and the browser's bullets or indented text (:func:`screen_wrapped`).

``extracted`` names text the project extracted from markup itself (:attr:`RawDoc.extracted`).
"""
from __future__ import annotations

import regex

PLAIN, NODES, MARKDOWN, TERMINAL, EXTRACTED = "plain", "nodes", "markdown", "terminal", "extracted"
#: Every dialect :func:`detect` may name.
DIALECTS = (PLAIN, NODES, MARKDOWN, TERMINAL, EXTRACTED)

#: A page with this many stripped node cuts (:data:`_NODE_STRIPPED_CUT`, :data:`_NODE_PUNCT_CUT`) is a
#: ``nodes`` dump.
MIN_STRIPPED_CUTS = 2
#: A page of at least this many lines, nearly none blank (at most :data:`NODE_MAX_BLANK` of them), at least
#: :data:`NODE_MIN_SHORT` of them of one to three words (menu entries, link texts, labels): every text
#: node of a DOM written on its own line, stripped.
NODE_MIN_LINES = 40
NODE_MAX_BLANK = 0.02
NODE_MIN_SHORT = 0.5
#: The dialect is read from this many characters at the start of the page.
SCAN_CHARS = 200_000
_MD_LINK = regex.compile(r"\]\((?:https?:|/|#|mailto:|javascript:|\.\./)")
_MD_MARK = regex.compile(r"(?m)^(?:\s{0,8}[*+-]\s{1,3}\S|#{1,6}\s\S|\s{0,3}\|[^\n]*\|\s*$)")
_TERM_REF = regex.compile(r"\[\d{1,5}\]")
_TERM_LIST = regex.compile(r"(?m)^References:\s*$")
#: An entry of that list: a link number and its target address.
_TERM_TARGET = regex.compile(r"(?m)^\[\d{1,5}\] [a-z]{2,12}:\S")
#: A line boundary where one text node ends or starts with a space: a paragraph cut at an inline element.
_NODE_CUT = regex.compile(r"[^\s] +\n(?=\S)|[^\s]\n +(?=\S)")
#: A stripped text node cut at an inline element: a short line (at most 40 characters) that does not end a
#: sentence, then a line going on with a lower-case word (not a web address) or a comma, full stop, semicolon
#: or bracket.
_NODE_STRIPPED_CUT = regex.compile(r"(?m)^[^\n]{0,39}[^\s.!?…:;\"'”’»)\]|•*\-]\n"
                                   r"(?=(?!(?:https?|ftp)://|www\.)\p{Ll}|[,.;:)][^\n])")
#: The same cut after a longer line: a line that does not end a sentence, then one opening with a comma, full
#: stop, semicolon, colon or bracket and a space ("... according to data from\nEPEX Spot\n. Solar ..."): no
#: wrapping of plain text starts a line with its punctuation.
_NODE_PUNCT_CUT = regex.compile(r"(?m)^[^\n]{40,}[^\s.!?…:;\"'”’»)\]|•*\-]\n[,.;:)](?=[ \t]|$)")
#: Three or more blank lines in a row: the source's own line breaks between elements, written out as text.
_NODE_GAP = regex.compile(r"\n[ \t]*\n[ \t]*\n[ \t]*\n")

#: A screen dump wraps at this many columns at most (wider lines are tables or long link targets).
MAX_SCREEN_WIDTH = 100
#: Wrapped lines end within this many columns of the wrap width (the next word did not fit).
WRAP_SLACK = 5
#: The wrap width is looked for this many columns below the 90th percentile line length.
WRAP_SEARCH = 15
#: A screen dump without link numbers: at least this many lines of 30 characters or more ...
SCREEN_MIN_LINES = 10
#: ... at most this share of them wider than :data:`MAX_SCREEN_WIDTH` (a word no browser can break, such as a
#: picture's long file name or a rule of box-drawing dashes, may stand wider) ...
SCREEN_MAX_WIDE = 0.02
#: ... at least this many of them broken mid-sentence at the wrap width (:func:`screen_wrapped`) ...
SCREEN_MIN_WRAPS = 3
#: ... at the width its lines pile up at or, when teaser lines cut short hide that pile, at the browser's
#: default screen of this many columns (a line of at most one column less).
SCREEN_COLUMNS = 80
#: ... and the browser's marks: this many bullets of a text browser (w3m's ``•``/``◦``/``☆``, not the
#: ``*``/``-`` of plain text and markdown) or this share of those lines indented (lynx sets its text in by
#: three columns).
SCREEN_MIN_BULLETS = 3
SCREEN_INDENTED = 0.6
#: The list bullets a text browser sets before an item, one per nesting level and list style.
SCREEN_BULLETS = "•◦▪‣○●■□☆★▸►"
_SCREEN_BULLET = regex.compile(rf"(?m)^[ \t]{{0,12}}[{SCREEN_BULLETS}][ \t]")
#: ... or this many pictures shown as their names in brackets on a line of their own ("[logo-compa]",
#: "[0819fd5e-8]": w3m writes an image's alt text or the start of its file name), not link numbers.
SCREEN_MIN_PICTURES = 2
_SCREEN_PICTURE = regex.compile(r"(?m)^[ \t]{0,12}\[(?!\d{1,5}\])[^\[\]\n]{1,60}\][ \t]*$")
#: ... or a horizontal rule as w3m draws it, a line of heavy box-drawing dashes across the screen: such a rule
#: also shows the screen's width, so that one sentence broken at that width (not :data:`SCREEN_MIN_WRAPS`)
#: is enough.
SCREEN_MIN_RULE = 20
_SCREEN_RULE = regex.compile(rf"(?m)^[ \t]{{0,12}}━{{{SCREEN_MIN_RULE},{MAX_SCREEN_WIDTH}}}[ \t]*$")
#: A sentence ends with one of these, before any of :data:`CLOSERS` (closing quotes and brackets: also the
#: closing marks of „German“ and ‚single‘ low-high quotes and of »guillemets« set inwards).
SENTENCE_END = frozenset(".!?…:;。！？")
#: A character of Chinese, Japanese or Korean script (a CJK text's words are not set apart by spaces).
CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
CLOSERS = "\"'”’“‘»«›)]）】」』"

# Markup removed to get the visible text of a block (applied in this order).
#: A link's or picture's title after its target ('[text](url "Permanent link to ...")'), maybe wrapped: up to
#: 1,000 characters (a blog's teaser of the post), quotes inside it left unescaped.
_MD_TITLE = r'(?:\s{1,3}"(?:[^"]|"(?!\s{0,3}\))){0,1000}")?'
#: A target written with spaces in it, as a dump copies a share link's or a picture's address without encoding
#: it (``https://x.example/share?text=Port fees rise``, ``mailto:?subject=Port fees rise&body=...``, an inline
#: picture ``data:image/svg+xml,%3Csvg xmlns='...' viewBox='0 0 1 1'%3E``): an address opening with a scheme or
#: a slash, up to its first closing bracket (brackets inside it in pairs), wrapped over lines but never across a
#: blank line; tried only when the target without spaces (and its title) does not close the link.
_MD_SPACED_TARGET = r"|(?=[A-Za-z][A-Za-z0-9+.\-]{1,15}:|/)(?:[^()\n]|\n(?![ \t]*\n)|\([^()\n]{0,200}\)){1,2000}?"
#: A picture: its alt text (an agency photo's whole caption, up to 1,500 characters) and its source.
_MD_IMAGE = regex.compile(r"!\[[^\]]{0,1500}\]\((?:(?:[^()\s]|\n){0,2000}" + _MD_TITLE + _MD_SPACED_TARGET + r")\)")
#: A link: its text (a card's picture, headline and teaser all in one link, up to 1,500 characters) and target.
#: A link's target in its brackets: an address (brackets inside it in pairs) and its title, or one with spaces.
_MD_LINK_TARGET = r"\((?:(?:[^()\s]|\n|\([^()\s]{0,200}\)){0,2000}" + _MD_TITLE + _MD_SPACED_TARGET + r")\)"
_MD_LINK_FULL = regex.compile(r"\[([^\[\]]{0,1500})\]" + _MD_LINK_TARGET)
#: The end of a link whose text started in a block above (a picture link around whole paragraphs, cut at their
#: blank lines): ``](target)`` opening the block.
_MD_LINK_TAIL = regex.compile(r"^[ \t]{0,12}\]" + _MD_LINK_TARGET)
_MD_PREFIX = regex.compile(r"(?m)^[ \t]{0,12}(?:[*+\->]|#{1,6}|\d{1,3}[.)])[ \t]+")
_MD_TABLE = regex.compile(r"(?m)^[\s|:\-]{3,}$|\|")
_MD_EMPH = regex.compile(r"(?<!\w)(?:\*\*|__|\*|_)(?=\S)|(?<=\S)(?:\*\*|__|\*|_)(?!\w)")
_TERM_BULLET = regex.compile(r"(?m)^[ \t]{0,12}[•□◦▪‣○●■*+\-][ \t]+")
_SPACE = regex.compile(r"[ \t]+")


def detect(text: str, extracted: bool = False) -> str:
    """The dialect of a page (one of :data:`DIALECTS`), from counts of each dialect's marks (linear time)."""
    if extracted:
        return EXTRACTED
    head = text[:SCAN_CHARS]
    lines = head.count("\n") + 1
    md_links = len(_MD_LINK.findall(head))
    md_marks = len(_MD_MARK.findall(head))
    if md_links >= 5 or md_links >= 2 and md_marks >= 5:
        return MARKDOWN
    refs = len(_TERM_REF.findall(head))
    listed = _TERM_LIST.search(text)
    if refs >= 10 and (listed is not None or refs >= 0.05 * lines):
        return TERMINAL
    if listed is not None and len(_TERM_TARGET.findall(text, listed.end(), listed.end() + 20_000)) >= 3:
        return TERMINAL  # a short page: few links, but the list of their targets at the end
    if screen_wrapped(head):
        return TERMINAL
    if (len(_NODE_CUT.findall(head)) >= 3 or len(_NODE_GAP.findall(head)) >= 5
            or len(_NODE_STRIPPED_CUT.findall(head)) + len(_NODE_PUNCT_CUT.findall(head)) >= MIN_STRIPPED_CUTS
            or _node_lines(head)):
        return NODES
    return PLAIN


def _width(lengths: list[int]) -> int:
    """The wrap width of lines of these lengths (see :func:`screen_width`)."""
    counts = [0] * (MAX_SCREEN_WIDTH + 1)
    total = 0
    for n in lengths:
        if 30 <= n <= MAX_SCREEN_WIDTH:
            counts[n] += 1
            total += 1
    if not total:
        return 80
    seen, p90 = 0, MAX_SCREEN_WIDTH
    for w, c in enumerate(counts):
        seen += c
        if seen >= 0.9 * total:
            p90 = w
            break
    best, width = -1, p90
    for w in range(max(30, p90 - WRAP_SEARCH), p90 + 1):
        pile = sum(counts[w - WRAP_SLACK + 1:w + 1])
        if pile >= best:
            best, width = pile, w
    return width


def screen_width(text: str) -> int:
    """Columns a screen dump was wrapped at: near the 90th percentile length of its lines of 30 to
    :data:`MAX_SCREEN_WIDTH` characters (tables and long link targets go past it), the width below which
    most lines end within :data:`WRAP_SLACK` columns (wrapped lines pile up there)."""
    return _width([len(line) for line in text.split("\n")])


def screen_wrapped(head: str) -> bool:
    """True when ``head`` reads as a text browser's screen dump without link numbers: at least
    :data:`SCREEN_MIN_LINES` lines of 30 characters or more, hardly any (:data:`SCREEN_MAX_WIDE`) wider than a
    screen but for one unbroken word, and the browser's bullets (enough alone: a short page or one in a script
    without spaces or lower case may break no sentence where a reader sees it), or its indented text,
    pictures named in brackets or rules drawn across the screen with :data:`SCREEN_MIN_WRAPS` sentences (one
    on a page with a rule) broken at the wrap width (:func:`screen_width`, or the default
    :data:`SCREEN_COLUMNS`; :func:`_wraps`). A BeautifulSoup dump's lines are as long as their paragraphs;
    plain hard-wrapped text has no browser marks."""
    lines = head.split("\n")
    lengths = [len(line.rstrip()) for line in lines]
    long = [n for n in lengths if n >= 30]
    wide = sum(1 for line, n in zip(lines, lengths) if n > MAX_SCREEN_WIDTH and " " in line.strip())
    if len(long) < SCREEN_MIN_LINES or wide > SCREEN_MAX_WIDE * len(long):
        return False
    if len(_SCREEN_BULLET.findall(head)) >= SCREEN_MIN_BULLETS:
        return True  # a browser's list items on lines no wider than a screen: a short page may wrap no sentence
    ruled = _SCREEN_RULE.search(head) is not None
    if not ruled and sum(
            1 for line, n in zip(lines, lengths) if n >= 30 and line[:2] == "  ") < SCREEN_INDENTED * len(long) \
            and len(_SCREEN_PICTURE.findall(head)) < SCREEN_MIN_PICTURES:
        return False
    needed = 1 if ruled else SCREEN_MIN_WRAPS
    return any(_wraps(lines, lengths, width) >= needed
               for width in dict.fromkeys((_width(lengths), SCREEN_COLUMNS - 1)))


def _wraps(lines: list[str], lengths: list[int], width: int) -> int:
    """How many sentences of these lines break at ``width`` columns (up to :data:`SCREEN_MIN_WRAPS`): the line
    does not end a sentence and the next goes on with a lower-case word that would not have fitted on it."""
    wraps = 0
    for line, n, nxt in zip(lines, lengths, lines[1:]):
        if not 30 <= n <= width or line.rstrip(" \t" + CLOSERS)[-1:] in SENTENCE_END:
            continue
        word = nxt.split(None, 1)[:1]
        if word and word[0][0].islower() and n + 1 + len(word[0]) > width:
            wraps += 1
            if wraps >= SCREEN_MIN_WRAPS:
                break
    return wraps


def _node_lines(head: str) -> bool:
    """True when the lines of ``head`` read as stripped text nodes (see :data:`NODE_MIN_LINES`); the line break
    that ends the file's last line opens no blank line."""
    lines = head.split("\n")
    if len(lines) > 1 and not lines[-1].strip():
        lines.pop()
    if len(lines) < NODE_MIN_LINES:
        return False
    blank = short = 0
    for line in lines:
        n = len(line.split(None, 3))
        blank += n == 0
        short += 0 < n <= 3
    return blank <= NODE_MAX_BLANK * len(lines) and short >= NODE_MIN_SHORT * (len(lines) - blank)


def _blank(chars: list[str], start: int, end: int) -> None:
    """Blank ``chars[start:end]`` with spaces, keeping line breaks."""
    for k in range(start, end):
        if chars[k] != "\n":
            chars[k] = " "


def shown(text: str, dialect: str) -> str:
    """The text of a block as a reader sees it, with the same length: link targets and image sources with
    their brackets (``markdown``), link numbers (``terminal``) blanked with spaces, so that an offset into
    it is an offset into the raw block (line breaks kept; every other dialect: the text itself)."""
    if dialect == MARKDOWN and "](" in text:
        chars = list(text)
        if m := _MD_LINK_TAIL.match(text):
            _blank(chars, m.start(), m.end())
        for m in _MD_IMAGE.finditer(text):
            _blank(chars, m.start(), m.end())
        blanked = "".join(chars)
        for m in _MD_LINK_FULL.finditer(blanked):
            _blank(chars, m.start(), m.start(1))
            _blank(chars, m.end(1), m.end())
        return "".join(chars)
    if dialect == TERMINAL and "[" in text:
        chars = list(text)
        for m in _TERM_REF.finditer(text):
            _blank(chars, m.start(), m.end())
        return "".join(chars)
    return text


def visible(text: str, dialect: str) -> tuple[str, float]:
    """(visible text, link share) of one block: the words a reader sees, without link targets, image
    sources, list, heading and table marks or link numbers; the share of its visible characters inside
    links (0 where the dialect does not show links)."""
    if dialect == MARKDOWN:
        if "](" not in text and "|" not in text and "#" not in text and "*" not in text and "_" not in text:
            return _SPACE.sub(" ", text).strip(), 0.0
        out = _MD_IMAGE.sub(" ", _MD_LINK_TAIL.sub(" ", text, count=1))
        linked = 0

        def link(m: regex.Match) -> str:
            nonlocal linked
            inner = _MD_PREFIX.sub("", m.group(1))
            linked += len(" ".join(inner.split()))
            return " " + inner + " "

        out = _MD_LINK_FULL.sub(link, out)
        out = _MD_PREFIX.sub("", out)
        out = _MD_TABLE.sub(" ", out)
        out = _MD_EMPH.sub("", out)
        out = " ".join(out.split())
        return out, (min(1.0, linked / len(out)) if out else 0.0)
    if dialect == TERMINAL:
        if "[" not in text and not _TERM_BULLET.search(text):
            return " ".join(text.split()), 0.0
        refs = list(_TERM_REF.finditer(text))
        out = _TERM_BULLET.sub("", _TERM_REF.sub("", text))
        out = " ".join(out.split())
        if not refs or not out:
            return out, 0.0
        # a link runs from its number to the end of its line at most; count words up to 4 after each number
        linked = sum(len(" ".join(text[m.end():text.find("\n", m.end()) % (len(text) + 1)].split()[:4]))
                     for m in refs)
        return out, min(1.0, linked / len(out))
    return text, 0.0
