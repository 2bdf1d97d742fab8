"""HTML to main text with trafilatura: blank-line separated blocks plus page metadata.

The extracted text is what every offset refers to for an HTML document, so it is built here once,
deterministically: one block per paragraph, heading, quote or table, list items and table rows one
per line inside their block, whitespace inside a line collapsed.

Around the extractor: a layout table (cells holding paragraphs or headings) gives each block of its cells
as a block of its own, and a cell of short lines beside a cell of prose (a navigation cell) is left out;
a list of sentences standing beside the article's paragraphs (``<ul>`` directly in ``<body>``) is put back
after the paragraph it follows; an ``<aside>`` holding the page's only long prose is read as the article;
a page whose only extracted text is a consent (cookie) notice has no article.
"""
from __future__ import annotations

import copy
import logging
import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

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
#: A precise extraction this long is an article: kept without the balanced comparison.
ARTICLE_CHARS = 1000
#: Seconds one page may take in trafilatura (enforced with SIGALRM in a main thread only).
TIMEOUT = 30.0
#: A page with more elements than this is reported instead of extracted (tag soup bound).
MAX_ELEMENTS = 50_000

#: libxml2 stops nesting at this depth: a page this deep has lost its deeper text.
MAX_DEPTH = 256

#: trafilatura metadata kept in ``RawDoc.meta``.
META_FIELDS = ("sitename", "author", "hostname", "categories", "tags", "language")

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


class ExtractionTimeout(Exception):
    """A page took longer than :data:`TIMEOUT` to extract."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`ExtractionTimeout` after ``seconds``; a no-op outside the main thread or on Windows."""
    main = threading.current_thread() is threading.main_thread()
    if seconds <= 0 or not main or not hasattr(signal, "setitimer"):
        yield
        return

    def fire(signum: int, frame: object) -> None:
        raise ExtractionTimeout()

    previous = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


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


def _size(tree: Any) -> tuple[int, int]:
    """(element count, maximum depth) of a parsed page; counting stops past :data:`MAX_ELEMENTS`."""
    from lxml import etree

    n = depth = deepest = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        if event == "start":
            n += 1
            depth += 1
            deepest = max(deepest, depth)
            if n > MAX_ELEMENTS:
                break
        else:
            depth -= 1
    return n, deepest


def _extract(tree: Any, url: str, opts: dict[str, Any]) -> Any:
    """trafilatura on ``tree`` with ``opts``; a precise result that lost the article falls back."""
    import trafilatura

    spare = copy.deepcopy(tree) if opts.get("favor_precision") else None
    doc = trafilatura.bare_extraction(tree, url=url or None, with_metadata=True, **opts)
    if spare is None or doc is not None and len(doc.text or "") >= ARTICLE_CHARS:
        return doc
    balanced = trafilatura.bare_extraction(spare, url=url or None, with_metadata=True,
                                           **{**opts, "favor_precision": False})
    kept = len(doc.text or "") if doc is not None else 0
    if balanced is not None and kept < RECALL_SAFETY * len(balanced.text or ""):
        log.debug("precise extraction kept %d chars of %d: using balanced", kept, len(balanced.text or ""))
        return balanced
    return doc


def extract_html(html: str, url: str = "", settings: dict[str, Any] | None = None) -> HtmlResult:
    """Main text and metadata of one decoded HTML page. Never raises for bad markup."""
    from trafilatura.utils import load_html

    try:
        tree = load_html(html)
    except Exception as exc:  # lxml raises many types on hostile markup
        return HtmlResult(error=f"unparsable HTML ({type(exc).__name__})")
    if tree is None:
        return HtmlResult(error="unparsable HTML")
    n, depth = _size(tree)
    if n > MAX_ELEMENTS:
        return HtmlResult(error=f"too many HTML elements (over {MAX_ELEMENTS})")
    opts = SETTINGS if settings is None else settings
    lists = _side_lists(tree)
    _aside_articles(tree)
    try:
        with time_limit(TIMEOUT):
            doc = _extract(tree, url, opts)
    except ExtractionTimeout:
        return HtmlResult(error=f"HTML extraction timed out (> {TIMEOUT:g} s)")
    except RecursionError:
        return HtmlResult(error="HTML nested too deeply")
    except Exception as exc:
        log.debug("trafilatura failed on %s", url, exc_info=True)
        return HtmlResult(error=f"HTML extraction failed ({type(exc).__name__})")
    blocks = blocks_of(doc.body) if doc is not None and doc.body is not None else []
    blocks = _put_back(blocks, lists)
    if _consent_only(blocks):
        log.debug("%s: only a consent notice was extracted", url)
        blocks = []
    if depth >= MAX_DEPTH:
        if not blocks:
            return HtmlResult(error=f"HTML nested too deeply (over {MAX_DEPTH - 1} levels)")
        log.debug("%s: nesting over %d levels, text may be cut", url, MAX_DEPTH - 1)
    if doc is None:
        return HtmlResult(url=url)
    meta = (("note", "HTML nested too deeply, text may be cut"),) if depth >= MAX_DEPTH else ()
    meta += tuple((k, ", ".join(map(str, v)) if isinstance(v, list) else str(v)) for k in META_FIELDS
                  if (v := getattr(doc, k, None)))
    return HtmlResult(
        text="\n\n".join(blocks),
        title=" ".join((doc.title or "").split()),
        published=doc.date or "",
        url=doc.url or url,
        meta=meta,
        blocks=tuple(blocks),
    )
