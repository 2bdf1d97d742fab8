"""HTML to main text with trafilatura: blank-line separated blocks plus page metadata.

The extracted text is what every offset refers to for an HTML document, so it is built here once,
deterministically: one block per paragraph, heading, quote or table, list items and table rows one
per line inside their block, whitespace inside a line collapsed.

Around the extractor: a layout table (cells holding paragraphs or headings) gives each block of its cells
as a block of its own, and a cell of short lines beside a cell of prose (a navigation cell) is left out;
a list of sentences standing beside the article's paragraphs (``<ul>`` directly in ``<body>``) is put back
after the paragraph it follows; an ``<aside>`` holding the page's only long prose is read as the article;
a page whose only extracted text is a consent (cookie) notice has no article.

What the extractor leaves out is listed too (:attr:`HtmlResult.left_out`): the text blocks of the page's
``<body>`` (text between block-level elements, whitespace collapsed, without scripts, styles and other
non-text elements) that are neither in the kept text nor the page's title, in page order; read from the
parsed tree before the extractor changes it.

Each page is parsed once and extracted once (a second, balanced extraction of a fresh parse only when the
precise one is shorter than an article). Bounds, each making the page an ``error`` result that names it:
elements (counted inside libxml2 when the markup could exceed the bound), nesting depth, and time (a
watchdog thread, so the bound holds in any thread or engine).
"""
from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from typing import Any

from .bylines import author_names

log = logging.getLogger(__name__)

#: trafilatura settings used for every page (tuned on the Zyte benchmark for the general case).
SETTINGS: dict[str, Any] = {
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "favor_precision": True,
    "favor_recall": False,
    "deduplicate": False,
    # dates from the page's markup and metadata only: a year in the text is not a publication date
    "date_extraction_params": {"extensive_search": False, "original_date": True},
}
#: When the precise extraction keeps less than this share of the characters of an extraction with
#: trafilatura's balanced defaults, it has cut the article itself and the balanced one is used.
RECALL_SAFETY = 0.2
#: A precise extraction this long is an article: kept as it is. A shorter one (or none) is compared with a
#: balanced extraction of the page parsed again.
ARTICLE_CHARS = 500
#: A precise extraction keeping less than this share of the characters of the page's long blocks
#: (:data:`PROSE_BLOCK_CHARS` or more) is compared with a balanced extraction too.
PROSE_KEPT = 0.2
#: A block of the page this long is prose (an article's paragraph, a comment, a notice), not a menu.
PROSE_BLOCK_CHARS = 200
#: Seconds one page may take from parsing to blocks (per-page time bound): a watchdog thread interrupts the
#: page in whatever thread or engine it runs, and the page becomes an ``error`` document.
TIMEOUT = 30.0
#: Seconds between further interruptions of a page over its bound (when extractor code caught one).
REPEAT = 1.0
#: A page with more elements than this is reported instead of extracted (tag soup bound).
MAX_ELEMENTS = 50_000

#: libxml2 stops nesting at this depth: a page this deep has lost its deeper text.
MAX_DEPTH = 256
#: After a page of at least this many characters, the memory the extractor freed is handed back to the
#: system (its trees live in C memory that later Python objects do not reuse).
RELEASE_CHARS = 1_000_000

#: trafilatura metadata kept in ``RawDoc.meta`` (not its ``language``: trafilatura sets it only when asked to
#: keep one language; the document's language is read from its text, :mod:`pipeline.language`).
META_FIELDS = ("sitename", "author", "hostname")

_BLOCK_TAGS = {"p", "head", "quote", "code", "list", "table", "div", "section", "blockquote"}
_INLINE_BREAK = {"lb"}
#: Blocks inside a table cell that make the table a layout table.
_CELL_BLOCKS = {"p", "head", "list", "quote", "table", "div"}
#: A navigation cell: at least this many lines, each of at most NAV_WORDS words.
NAV_LINES, NAV_WORDS = 3, 3
#: An ``<aside>`` is read as the article when its paragraphs hold at least this many characters and more
#: than every paragraph outside it.
ASIDE_ARTICLE_CHARS = 300
#: A list put back beside the article: items of at least this many words on average, few of them links.
LIST_ITEM_WORDS = 4
#: A consent notice addressed to the reader (the page has no article when nothing else is extracted).
_CONSENT = re.compile(r"(?i)\b(?:cookies?|consent|privacy\s(?:policy|settings|notice)|accept\sall|"
                      r"personal\sdata|tracking\stechnologies)\b")


@dataclass(frozen=True)
class HtmlResult:
    """Main text and metadata of one page; ``error`` set when it could not be extracted."""

    text: str = ""
    title: str = ""
    published: str = ""
    url: str = ""
    meta: tuple[tuple[str, str], ...] = ()
    error: str = ""
    blocks: tuple[str, ...] = field(default=(), repr=False)
    #: Text blocks of the page the extractor left out, in page order (see :func:`page_blocks`).
    left_out: tuple[str, ...] = field(default=(), repr=False)


class ExtractionTimeout(BaseException):
    """A page went over :data:`TIMEOUT`.

    A ``BaseException`` (as ``KeyboardInterrupt`` is), so the extractor's own ``except Exception`` handlers
    cannot swallow it; :attr:`TimeLimit.expired` still tells when something did.
    """


def _interrupt(ident: int, exc: type[BaseException] | None) -> bool:
    """Raise ``exc`` in the thread ``ident`` at its next Python instruction (None clears a pending one)."""
    import ctypes

    set_async = getattr(getattr(ctypes, "pythonapi", None), "PyThreadState_SetAsyncExc", None)
    if set_async is None:  # not CPython: no way to interrupt another thread
        return False
    return set_async(ctypes.c_ulong(ident), ctypes.py_object(exc) if exc is not None else None) == 1


class TimeLimit:
    """Raise :class:`ExtractionTimeout` in the thread that enters it once the block has run ``seconds``.

    ``with TimeLimit(seconds) as bound: ...``. A watchdog thread interrupts the block wherever it runs (any
    thread: a process pool's worker, a Dask task); no signals. The interruption lands between Python
    instructions, so one long call inside C code finishes first; it is repeated every :data:`REPEAT`
    seconds until the block ends, and none is left pending after it. ``expired`` is set once the bound was
    hit, even when the block caught the interruption itself. ``seconds <= 0`` means no bound.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self.armed = False
        self._ident = 0
        self._done = threading.Event()
        self._lock = threading.Lock()
        self._dog: threading.Thread | None = None

    def __enter__(self) -> TimeLimit:
        if self.seconds > 0:
            self._ident, self.armed = threading.get_ident(), True
            self._dog = threading.Thread(target=self._watch, name="html-time-bound", daemon=True)
            self._dog.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _watch(self) -> None:
        wait = self.seconds
        while not self._done.wait(wait):
            with self._lock:  # never fires once stop() has disarmed it
                if not self.armed:
                    return
                self.expired = True
                if not _interrupt(self._ident, ExtractionTimeout):
                    log.warning("cannot interrupt a page over the %g s bound on this Python", self.seconds)
                    return
            wait = REPEAT

    def stop(self) -> None:
        """End the bound (idempotent): stop the watchdog and clear an interruption not delivered yet; one
        delivered meanwhile is caught here (``expired`` tells). The watchdog fires no more once disarmed, but
        one more interruption may be on its way while a first is being caught: each level below catches one."""
        try:
            try:
                self._disarm()
            except ExtractionTimeout:
                self._disarm()
        except ExtractionTimeout:
            self._disarm()

    def _disarm(self) -> None:
        with self._lock:
            self.armed = False
        self._done.set()
        if self._dog is not None and self._dog.ident is not None:
            self._dog.join()
        if self.expired:
            _interrupt(self._ident, None)


def _line(parts: list[str]) -> str:
    return " ".join("".join(parts).split())


def _inline(el: Any) -> str:
    """Text of an element without block children; ``<lb/>`` becomes a line break."""
    lines: list[list[str]] = [[]]

    def walk(node: Any) -> None:
        if node.text:
            lines[-1].append(node.text)
        for child in node:
            if child.tag in _INLINE_BREAK:
                lines.append([])
            elif isinstance(child.tag, str):
                walk(child)
            if child.tail:
                lines[-1].append(child.tail)

    walk(el)
    return "\n".join(s for s in (_line(p) for p in lines) if s)


def _list_lines(el: Any) -> list[str]:
    out: list[str] = []
    for item in el:
        if item.tag == "list":
            out.extend(_list_lines(item))
            continue
        nested = [c for c in item if c.tag == "list"]
        for c in nested:
            item.remove(c)
        text = _inline(item).replace("\n", " ")
        if text:
            out.append(text)
        for c in nested:
            out.extend(_list_lines(c))
    return out


def _table_lines(el: Any) -> list[str]:
    out = []
    for row in el.iter("row"):
        cells = [_inline(c).replace("\n", " ") for c in row if c.tag == "cell"]
        line = "\t".join(c for c in cells if c)
        if line:
            out.append(line)
    return out


def _layout_table(el: Any) -> bool:
    """True when a table's cells hold paragraphs or headings (a page laid out with a table)."""
    return any(isinstance(c.tag, str) and c.tag in _CELL_BLOCKS for cell in el.iter("cell") for c in cell)


def _cell_blocks(cell: Any) -> list[str]:
    """Blocks of one layout-table cell: its text before the first block, then each block."""
    out: list[str] = []
    lead = _line([cell.text or ""])
    if lead:
        out.append(lead)
    out.extend(blocks_of(cell))
    return out


def _layout_blocks(el: Any) -> list[str]:
    """Blocks of a layout table, cell by cell; a cell of short lines next to a cell with prose (a
    navigation cell) is left out."""
    cells = [_cell_blocks(c) for row in el.iter("row") for c in row if c.tag == "cell"]
    prose = any(len(b.split()) > 12 for blocks in cells for b in blocks)
    out: list[str] = []
    for blocks in cells:
        lines = [x for b in blocks for x in b.split("\n")]
        if prose and len(lines) >= NAV_LINES and all(len(x.split()) <= NAV_WORDS for x in lines):
            continue
        out.extend(blocks)
    return out


def blocks_of(body: Any) -> list[str]:
    """Blocks of trafilatura's XML ``body``, in document order."""
    out: list[str] = []
    for el in body:
        if not isinstance(el.tag, str):
            continue
        if el.tag == "list":
            lines = _list_lines(el)
            text = "\n".join(lines)
        elif el.tag == "table" and _layout_table(el):
            out.extend(_layout_blocks(el))
            text = _line([el.tail or ""])
        elif el.tag == "table":
            text = "\n".join(_table_lines(el))
        elif any(isinstance(c.tag, str) and c.tag in _BLOCK_TAGS for c in el):
            out.extend(blocks_of(el))
            text = _line([el.tail or ""])  # stray text after nested blocks
        else:
            text = _inline(el)
        if text:
            out.append(text)
    return out


#: HTML elements that start and end a text block of the page (the text between them is one block).
PAGE_BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "br", "button", "caption", "center", "dd", "details",
    "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hgroup", "hr", "label", "legend", "li", "main", "menu", "nav", "ol", "option", "p",
    "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})
#: Elements whose content is not text a reader sees.
HIDDEN_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "math", "head", "iframe", "object",
                         "select", "textarea", "canvas"})


#: Per thread: the stylesheet copying a page's text with an empty ``<s/>`` at the start and the end of every
#: block-level element and nothing of hidden ones, and the XPath of the copied text runs (compiled on first use).
_MARKS = threading.local()


def _block_marks() -> tuple[Any, Any]:
    """(stylesheet, text runs) of :data:`_MARKS` for this thread."""
    marks = getattr(_MARKS, "compiled", None)
    if marks is None:
        from lxml import etree

        style = f"""<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
          <xsl:template match="/"><r><xsl:apply-templates/></r></xsl:template>
          <xsl:template match="{'|'.join(sorted(PAGE_BLOCK_TAGS))}"><s/><xsl:apply-templates/><s/></xsl:template>
          <xsl:template match="{'|'.join(sorted(HIDDEN_TAGS))}"/>
        </xsl:stylesheet>"""
        marks = _MARKS.compiled = (etree.XSLT(etree.XML(style)), etree.XPath("/r/text()", smart_strings=False))
    return marks


def page_blocks(tree: Any) -> list[str]:
    """Text blocks of the ``<body>`` of a parsed page in page order: the text between block-level elements
    (:data:`PAGE_BLOCK_TAGS`), whitespace collapsed, without the content of :data:`HIDDEN_TAGS` and comments
    (linear in the size of the tree). The text is copied between block marks inside libxslt
    (:func:`_block_marks`), which follows a tree as deep as the HTML parser builds one (:data:`MAX_DEPTH`)."""
    body = tree.find(".//body") if tree.tag != "body" else tree
    if body is None:
        return []
    style, runs = _block_marks()
    out = []
    for run in runs(style(body)):
        text = " ".join(run.split())
        if text:
            out.append(text)
    return out


def left_out(page: list[str], kept: list[str], title: str = "") -> tuple[str, ...]:
    """The blocks of ``page`` (:func:`page_blocks`) that are not kept: neither the page's title nor found,
    as a run of whole words, in the ``kept`` blocks (whitespace collapsed).

    Each block is looked up from the kept positions of its rarest word, so the cost stays near linear in the
    page's words (a plain substring search per block is quadratic on long pages)."""
    words = " ".join(kept).split()
    where: dict[str, list[int]] = {}
    for i, w in enumerate(words):
        where.setdefault(w, []).append(i)
    title = " ".join(title.split())

    def found(block: str) -> bool:
        run = block.split()
        if not run:
            return True
        if not where.keys() >= set(run):  # a word the kept text does not have
            return False
        j = min(range(len(run)), key=lambda k: len(where[run[k]]))
        n = len(run)
        return any(words[p - j : p - j + n] == run for p in where[run[j]] if p >= j)

    return tuple(b for b in page if b != title and not found(b))


def _text(el: Any) -> str:
    return " ".join("".join(el.itertext()).split())


def _aside_articles(tree: Any) -> None:
    """Read an ``<aside>`` as the article (renamed ``<article>`` in place) when its paragraphs hold the
    page's only long prose."""
    asides = [a for a in tree.iter("aside")]
    if not asides:
        return
    inside = {id(p) for a in asides for p in a.iter("p")}
    outside = sum(len(_text(p)) for p in tree.iter("p") if id(p) not in inside)
    for a in asides:
        chars = sum(len(_text(p)) for p in a.iter("p"))
        if chars >= ASIDE_ARTICLE_CHARS and chars > outside:
            a.tag = "article"


def _side_lists(tree: Any) -> list[tuple[str, list[str]]]:
    """(text of the paragraph before it, items) of each list of sentences standing directly in
    ``<body>`` after a paragraph: the extractor drops such lists with the figures in them."""
    body = tree.find(".//body")
    if body is None:
        return []
    out = []
    for el in body:
        if not isinstance(el.tag, str) or el.tag not in ("ul", "ol"):
            continue
        prev = el.getprevious()
        while prev is not None and (not isinstance(prev.tag, str) or not _text(prev)):
            prev = prev.getprevious()
        if prev is None or prev.tag != "p":
            continue
        items = [_text(li) for li in el.iter("li")]
        items = [x for x in items if x]
        links = sum(len(_text(a)) for a in el.iter("a"))
        if items and sum(len(x.split()) for x in items) >= LIST_ITEM_WORDS * len(items) \
                and links * 2 < sum(map(len, items)):
            out.append((_text(prev), items))
    return out


def _put_back(blocks: list[str], lists: list[tuple[str, list[str]]]) -> list[str]:
    """``blocks`` with each side list inserted after the block equal to the paragraph before it (when that
    block is there and the list is not)."""
    if not lists:
        return blocks
    have = set(blocks)
    out = list(blocks)
    for before, items in lists:
        text = "\n".join(items)
        if text in have or before not in have:
            continue
        at = out.index(before) + 1
        out.insert(at, text)
        have.add(text)
    return out


def _consent_only(blocks: list[str]) -> bool:
    """True when every extracted block is a consent notice or a button label beside one."""
    return bool(blocks) and any(_CONSENT.search(b) for b in blocks) and all(
        _CONSENT.search(b) or len(b.split()) <= 3 for b in blocks)


def _too_many_elements(html: str, tree: Any) -> bool:
    """True when the parsed page has more than :data:`MAX_ELEMENTS` elements. A page with fewer ``<`` than
    that cannot have more (the common case: no count); else the elements are counted inside libxml2."""
    return html.count("<") > MAX_ELEMENTS and tree.xpath("count(//*)") > MAX_ELEMENTS


def _too_deep(tree: Any) -> bool:
    """True when the parsed page reaches :data:`MAX_DEPTH` levels (libxml2 stopped reading it there)."""
    return bool(tree.xpath("boolean(/" + "/".join(["*"] * MAX_DEPTH) + ")"))


def _parse(html: str) -> Any:
    """The page's tree as trafilatura reads it, with asides holding the article renamed; None when
    nothing could be parsed. Raises what lxml raises on hostile markup."""
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is not None:
        _aside_articles(tree)
    return tree


#: trafilatura's author search (``extract_author``: its ``AUTHOR_DISCARD_XPATHS``, then its ``AUTHOR_XPATHS`` in
#: order) as tests of one element's tag and attributes with the same patterns (an XPath ``re:test`` is a Python
#: ``re.search`` of the attribute's value, ``''`` when it is missing), so that one walk over the tree does what a
#: copy of it and five XPath passes did. Elements dropped before the search (with what they hold):
_DROP_TAGS = frozenset({"a", "div", "section", "span"})
_DROP_ID = re.compile(r"^comments|comment-?list|ProductReviews")
_DROP_CLASS = re.compile(r"^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram|"
                         r"article-(?:share|support)|print|category|meta-date|meta-reviewer")
#: The three byline searches, most specific first: tags (None: any), then class and id patterns (None: no id test).
_BYLINE_TAGS = (frozenset({"a", "address", "div", "link", "p", "span", "strong"}),
                frozenset({"a", "div", "h3", "h4", "p", "span"}), None)
_BYLINE_CLASS = (re.compile(r"author-?name|AuthorName|authorName"),
                 re.compile(r"author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name"),
                 re.compile(r"[Aa]uthor|screenname|writer|[Bb]yline"))
_BYLINE_ID = (None, re.compile(r"author|zuozhe|bianji|xiaobian"), re.compile(r"[Aa]uthor"))
#: trafilatura's bounds on a byline's length (characters, exclusive).
BYLINE_CHARS = (2, 120)


def _dropped(tag: str, cls: str, ident: str, comp: str) -> bool:
    """True when the author search leaves an element and what it holds out (comments, sidebars, dates,
    figures): its tag, class, id and ``data-component``."""
    return tag in ("time", "figure") or tag in _DROP_TAGS and (
        ident == "comments" or cls in ("comments", "title", "date") or "Figure" in comp
        or bool(ident and _DROP_ID.search(ident)) or bool(cls and _DROP_CLASS.search(cls)))


def _bylines(el: Any, tag: str, cls: str, ident: str, prop: str, comp: str) -> tuple[bool, bool, bool]:
    """Whether each of the three byline searches selects ``el`` (its tag, class, id, ``itemprop`` and
    ``data-component`` given)."""
    first = tag == "author" or tag in _BYLINE_TAGS[0] and (
        ident == "author" or cls == "author" or prop == "author name" or el.get("rel") == "author"
        or el.get("data-testid") in ("AuthorCard", "AuthorURL") or bool(cls and _BYLINE_CLASS[0].search(cls)))
    if not (cls or ident or prop or comp):
        return first, False, False
    second = tag in _BYLINE_TAGS[1] and (
        cls in ("byline", "username", "byl", "BBL") or "author" in prop
        or bool(ident and _BYLINE_ID[1].search(ident)) or bool(cls and _BYLINE_CLASS[1].search(cls)))
    third = "Byline" in comp or "author" in prop \
        or bool(ident and _BYLINE_ID[2].search(ident)) or bool(cls and _BYLINE_CLASS[2].search(cls))
    return first, second, third


def page_author(tree: Any) -> str | None:
    """The author named in the page's markup, as trafilatura's ``extract_author`` finds it: the first element
    a byline search selects (:data:`_BYLINE_TAGS`), outside comments, sidebars, dates and figures, whose text
    (without those) has a length within :data:`BYLINE_CHARS`; found in one walk over the tree, without a
    copy of it."""
    from copy import deepcopy

    from lxml.etree import iterwalk
    from trafilatura.htmlprocessing import prune_unwanted_nodes
    from trafilatura.json_metadata import normalize_authors
    from trafilatura.metadata import extract_author
    from trafilatura.utils import trim
    from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS

    found: tuple[list[Any], list[Any], list[Any]] = ([], [], [])
    drops: list[Any] = []
    walker = iterwalk(tree, events=("start",))
    for _, el in walker:
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if tag == "rel":  # an element's <rel> child is tested on its text: trafilatura's own search
            return extract_author(tree)
        get = el.get
        cls, ident, prop, comp = get("class", ""), get("id", ""), get("itemprop", ""), get("data-component", "")
        if el is not tree and _dropped(tag, cls, ident, comp):
            drops.append(el)
            walker.skip_subtree()
            continue
        for hits, hit in zip(found, _bylines(el, tag, cls, ident, prop, comp)):
            if hit:
                hits.append(el)
    if not any(found):
        return None
    holders = {a for d in drops for a in d.iterancestors()}
    low, high = BYLINE_CHARS
    for hits in found:
        for el in hits:
            if el in holders:  # its text without what the search leaves out
                el = prune_unwanted_nodes(deepcopy(el), AUTHOR_DISCARD_XPATHS)
            content = trim(" ".join(el.itertext()))
            if content and low < len(content) < high:
                return normalize_authors(None, content)
    return None


#: Where a page states its release time in its markup: meta tags and ``<time datetime>``, then JSON-LD.
_RELEASE_XPATH = ('//meta[@property="article:published_time" or @name="article:published_time" '
                  'or @property="og:published_time" or @itemprop="datePublished" or @name="pubdate" '
                  'or @name="publishdate" or @name="date" or @name="dc.date"]/@content | //time/@datetime')
_LD_RELEASE = re.compile(r'"datePublished"\s*:\s*"([^"]{10,40})"')
#: A time of day right after the date: "T21:05", " 21:05".
_CLOCK = re.compile(r"[T ]\d{1,2}:\d{2}")


def release_time(tree: Any, day: str) -> str:
    """The page's release date ``day`` (``YYYY-MM-DD``, as the date finder gives it) with its time of day and
    offset when the page's markup states them for that day ("2024-05-22T21:05:00Z" in ``article:published_time``,
    a ``<time datetime>`` or JSON-LD ``datePublished``); else ``day``. The date finder keeps only the day."""
    if not day:
        return day
    found = [str(v) for v in tree.xpath(_RELEASE_XPATH)]
    found += [m[1] for text in tree.xpath('//script[@type="application/ld+json"]/text()')
              for m in _LD_RELEASE.finditer(str(text))]
    for value in found:
        value = value.strip()
        if value.startswith(day) and _CLOCK.match(value, len(day)) and len(value) <= 40:
            return value
    return day


def _metadata(tree: Any, url: str, opts: dict[str, Any]) -> Any:
    """The page's metadata (a trafilatura ``Document``: title, author, url, hostname, date, sitename), read
    from the unpruned ``tree`` in the order and with the checks of trafilatura's ``extract_metadata``, but
    without the categories, tags and licence it also looks for: no output reads them, and their searches
    over the whole tree were about a third of the metadata's time."""
    from courlan import extract_domain
    from htmldate import find_date
    from trafilatura.metadata import (
        META_URL, examine_meta, extract_meta_json, extract_sitename, extract_title, extract_url)
    from trafilatura.settings import set_date_params

    meta = examine_meta(tree)
    if meta.author and " " not in meta.author:
        meta.author = None
    try:
        meta = extract_meta_json(tree, meta)
    except Exception:  # the extractor's JSON-LD reader has bugs of its own; the meta tags stay
        log.debug("JSON-LD metadata unreadable", exc_info=True)
    meta.title = heading_headline(meta.title or extract_title(tree) or "", tree)
    meta.author = meta.author or page_author(tree)
    meta.url = meta.url or extract_url(tree, url or None)
    if meta.url:
        meta.hostname = extract_domain(meta.url, fast=True)
    dates = dict(opts.get("date_extraction_params") or set_date_params(True))
    dates["url"] = meta.url
    meta.date = release_time(tree, find_date(tree, **dates) or "")
    meta.sitename = meta.sitename or extract_sitename(tree)
    if meta.sitename:
        meta.sitename = meta.sitename.lstrip("@")
        if meta.sitename and "." not in meta.sitename and not meta.sitename[0].isupper():
            meta.sitename = meta.sitename.title()
    elif meta.url and (site := META_URL.match(meta.url)):
        meta.sitename = site[1]
    if meta.author and _site_part(meta.author, meta.sitename or "", meta.hostname or ""):
        meta.author = page_author(tree)  # the site named as the page's author ("lefigaro.fr"): no person
    meta.clean_and_trim()
    return meta


def _extract(tree: Any, url: str, opts: dict[str, Any], again: Callable[[], Any] | None = None,
             page_prose: int = 0) -> Any:
    """trafilatura on ``tree`` with ``opts``: ``(metadata, extraction)``, the extraction ``None`` when it
    found nothing. A precise extraction shorter than :data:`ARTICLE_CHARS`, or than :data:`PROSE_KEPT` of
    ``page_prose`` (the characters of the page's long blocks, :func:`prose_chars`: the article cut after its
    first paragraphs), is compared with a balanced extraction of ``again()`` (a fresh tree of the same page:
    trafilatura changes the tree it reads) and gives way when it kept less than :data:`RECALL_SAFETY` of its
    text. The metadata is read once, from
    the first tree, before the extractor prunes it (:func:`_metadata`)."""
    import trafilatura

    meta = _metadata(tree, url, opts)
    page_url = url or meta.url or None
    doc = trafilatura.bare_extraction(tree, url=page_url, **opts)
    kept = len(doc.text or "") if doc is not None else 0
    if not opts.get("favor_precision") or again is None or kept >= max(ARTICLE_CHARS, PROSE_KEPT * page_prose):
        return meta, doc
    fresh = again()
    if fresh is None:
        return meta, doc
    balanced = trafilatura.bare_extraction(fresh, url=page_url, **{**opts, "favor_precision": False})
    if balanced is not None and kept < RECALL_SAFETY * len(balanced.text or ""):
        log.debug("precise extraction kept %d chars of %d: using balanced", kept, len(balanced.text or ""))
        return meta, balanced
    return meta, doc


#: Separators between a headline and the names after it in a page's title ("Headline - Site | by Jo Lee").
_TITLE_SEPARATOR = re.compile(r"\s(?:[|｜•·*–—\-]|::)\s")
#: A byline standing as a part of a title: "by Jo Lee", "By Ann de la Rosa".
_TITLE_BYLINE = re.compile(r"(?i)^by\s+\w[\w.'’\-]*(?:\s+[\w.'’\-]+){0,4}$")
_NOT_LETTERS = re.compile(r"[\W_]+")
#: Fewest words the headline keeps when site names and bylines are cut from the title.
TITLE_HEAD_WORDS = 3


def _site_part(part: str, sitename: str, host: str) -> bool:
    """True when a title part (or an author field) names the site: its letters are the site name's, a name of
    the host under its top-level domain ("Taipei Times" on www.taipeitimes.com) or the whole host's
    ("Lefigaro Fr" on www.lefigaro.fr)."""
    key = _NOT_LETTERS.sub("", part).lower()
    if not key:
        return False
    labels = host.lower().removeprefix("www.").split(".")
    return key == _NOT_LETTERS.sub("", sitename).lower() or key in labels[:-1] or key == "".join(labels)


def title_headline(title: str, sitename: str = "", host: str = "") -> str:
    """The headline of a page's metadata title, the parts after it that name the site or give a byline cut
    off ("Headline - Taipei Times", "Headline | The Gateway Pundit | by Jo Lee") as long as the headline
    keeps :data:`TITLE_HEAD_WORDS` words; else the title as it is."""
    seps = list(_TITLE_SEPARATOR.finditer(title))
    keep = len(seps)
    while keep > 0:
        part = title[seps[keep - 1].end():seps[keep].start() if keep < len(seps) else len(title)].strip()
        if not (_site_part(part, sitename, host) or _TITLE_BYLINE.match(part)):
            break
        keep -= 1
    if keep == len(seps):
        return title
    head = title[:seps[keep].start()].strip()
    return head if len(head.split()) >= TITLE_HEAD_WORDS else title


def heading_headline(title: str, tree: Any) -> str:
    """The text of one of the page's first ``<h1>`` headings when ``title`` opens with it and goes on after a
    title separator ("How to Save Money on Groceries - Your Money Today - Your Life - MSN Lifestyle" under
    ``<h1>How to Save Money on Groceries</h1>``: the parts after it are sections and the site, whatever their
    names); else ``title``. The heading keeps at least :data:`TITLE_HEAD_WORDS` words."""
    if not _TITLE_SEPARATOR.search(title):
        return title
    folded = title.casefold()
    for heading in islice(tree.iter("h1"), 3):
        text = " ".join(heading.text_content().split())
        if len(text.split()) >= TITLE_HEAD_WORDS and folded.startswith(text.casefold()) \
                and _TITLE_SEPARATOR.match(title, len(text)):
            return text
    return title


def prose_chars(blocks: list[str]) -> int:
    """Characters of the blocks of :data:`PROSE_BLOCK_CHARS` or more (a page's prose, before extraction)."""
    return sum(len(b) for b in blocks if len(b) >= PROSE_BLOCK_CHARS)


def _timed_out() -> HtmlResult:
    return HtmlResult(error=f"HTML extraction timed out (over the per-page bound of {TIMEOUT:g} s)")


def extract_html(html: str, url: str = "", settings: dict[str, Any] | None = None) -> HtmlResult:
    """Main text and metadata of one decoded HTML page. Never raises for bad markup.

    Bounds (each makes the page an ``error`` result naming it): more than :data:`MAX_ELEMENTS` elements,
    no text above :data:`MAX_DEPTH` levels, more than :data:`TIMEOUT` seconds (:class:`TimeLimit`).
    """
    import trafilatura  # noqa: F401 - imported before the bound: an import is never interrupted half-way
    import trafilatura.utils  # noqa: F401

    bound = TimeLimit(TIMEOUT)
    try:
        with bound:
            res = _extract_page(html, url, SETTINGS if settings is None else settings)
    except ExtractionTimeout:
        bound.stop()  # again, in case the interruption landed before the block's exit could stop it
        return _timed_out()
    if len(html) >= RELEASE_CHARS:
        _release_memory()
    if bound.expired:  # the interruption was caught inside the extractor: the page still went over
        return _timed_out()
    return res


@lru_cache(maxsize=1)
def _libc() -> Any:
    import ctypes

    try:
        return ctypes.CDLL("libc.so.6")
    except OSError:  # not glibc
        return None


def _release_memory() -> None:
    """Hand the memory freed on the C heap back to the system (glibc's ``malloc_trim``; elsewhere nothing)."""
    trim = getattr(_libc(), "malloc_trim", None)
    if trim is not None:
        trim(0)


def _extract_page(html: str, url: str, opts: dict[str, Any]) -> HtmlResult:
    try:
        tree = _parse(html)
    except Exception as exc:  # lxml raises many types on hostile markup
        return HtmlResult(error=f"unparsable HTML ({type(exc).__name__})")
    if tree is None:
        return HtmlResult(error="unparsable HTML")
    if _too_many_elements(html, tree):
        return HtmlResult(error=f"too many HTML elements (over {MAX_ELEMENTS})")
    deep = _too_deep(tree)
    lists = _side_lists(tree)
    whole = page_blocks(tree)  # before the extractor prunes the tree
    try:
        meta_doc, doc = _extract(tree, url, opts, again=lambda: _parse(html), page_prose=prose_chars(whole))
    except RecursionError:
        return HtmlResult(error="HTML nested too deeply")
    except Exception as exc:
        log.debug("trafilatura failed on %s", url, exc_info=True)
        return HtmlResult(error=f"HTML extraction failed ({type(exc).__name__})")
    del tree
    blocks = blocks_of(doc.body) if doc is not None and doc.body is not None else []
    blocks = _put_back(blocks, lists)
    if _consent_only(blocks):
        log.debug("%s: only a consent notice was extracted", url)
        blocks = []
    if deep:
        if not blocks:
            return HtmlResult(error=f"HTML nested too deeply (over {MAX_DEPTH - 1} levels)")
        log.debug("%s: nesting over %d levels, text may be cut", url, MAX_DEPTH - 1)
    if doc is None:
        return HtmlResult(url=url, left_out=left_out(whole, []))
    meta = (("note", "HTML nested too deeply, text may be cut"),) if deep else ()
    meta += tuple((k, author_names(v) if k == "author" else ", ".join(map(str, v)) if isinstance(v, list) else str(v))
                  for k in META_FIELDS if (v := getattr(meta_doc, k, None)))
    title = title_headline(" ".join((meta_doc.title or "").split()), meta_doc.sitename or "",
                           meta_doc.hostname or "")
    return HtmlResult(
        text="\n\n".join(blocks),
        title=title,
        published=meta_doc.date or "",
        url=meta_doc.url or url,
        meta=meta,
        blocks=tuple(blocks),
        left_out=left_out(whole, blocks, title),
    )
