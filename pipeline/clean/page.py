"""The clean stage: RawDoc -> Article (title, tags, published, kept blocks, dropped clutter blocks).

Blocks come from :mod:`pipeline.clean.blocks`, their features from :mod:`pipeline.clean.features`; the clutter
passes (one module a job, sharing :mod:`pipeline.clean.pagestate`) and :mod:`pipeline.clean.titles` (in the order
of :mod:`pipeline.clean.passes`), driven by ``rules/clutter.toml``, decide each block's kind and name the deciding
rule.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

import regex

from .features import Item, make_item, split_tags
from .blocks import blank_line_blocks, segment_blocks
from .dates import DateMatch
from .config import CLUTTER_SCHEMA, CleanConfig, read_clean_config
from .patterns import BLOCK_SIGNALS, has_date
from .dumps import left_column
from .passes import SIGNALS, classify
from .title_text import dated_headline, headline_text, strip_site, without_words
from .dialect import NODES, TERMINAL, detect, shown
from .template import FAMILY, TEMPLATE_SCHEMA, load_template_rule, mark_templates
from ..rules import load_family
from ..types import BODY_KINDS, Article, Block, RawDoc

__all__ = ["CLUTTER_SCHEMA", "CleanConfig", "clean", "explain", "load_clean_config", "passthrough", "split_tags"]

log = logging.getLogger(__name__)


def load_clean_config(folder: Path | None = None, disabled: Iterable[str] = ()) -> CleanConfig:
    """The clutter and date rules (from ``folder``, default the packaged rules) for the passes of
    :mod:`pipeline.clean.passes`, with the rule ids in ``disabled`` switched off.

    RulesError naming file and rule when a file is broken, a rule's signal has no pass or a pass has no
    rule, or the site-template rule is out of range (E320); UsageError for unknown ids in ``disabled``.
    """
    cfg = read_clean_config(folder, disabled, SIGNALS, frozenset(BLOCK_SIGNALS))
    load_template_rule(folder)  # checked with the others (E320); applied by a batch run (pipeline/run/prepass.py)
    return replace(cfg, rule_files=(*cfg.rule_files, load_family(FAMILY, TEMPLATE_SCHEMA, folder)))


#: Characters of the release-time line kept as ``published_raw``.
RAW_DATE_CHARS = 200


def _published(items: list[Item], title: int | None, cfg: CleanConfig, dialect: str) -> tuple[str, str]:
    """ISO date of the metadata line between title and body; else of the title block's own date line (a
    headline with its date on the line under or over it, :func:`~pipeline.clean.title_text.dated_headline`); else a
    release-time line; else one above the title; with that line as the page gives it (one line, at most
    :data:`RAW_DATE_CHARS` characters)."""
    if cfg.dates is None:
        return "", ""
    body = next((i for i, it in enumerate(items) if it.kind in ("paragraph", "heading")), len(items))
    dated, release = [], cfg.flagged("release_time")
    for i, it in enumerate(items):
        if it.kind == "meta":
            found = has_date(it.vis, cfg)
            if found is not None and found.iso:  # a yearless date line gives no release date
                start = it.vis.rfind("\n", 0, found.start) + 1  # where the date's line starts
                line = it.vis[start:].split("\n", 1)[0]
                found, line = _wrapped_clock(items, i, found, line, found.end - start, cfg)
                dated.append((i, found.iso, it.rule in release, " ".join(line.split())[:RAW_DATE_CHARS]))
    lo = -1 if title is None else title
    above = lo
    while above > 0 and items[above - 1].kind == "meta":
        above -= 1
    own = dated_headline(items[title], dialect, cfg) if title is not None else None
    found = has_date(own[1], cfg) if own is not None else None
    if own is not None and found is not None and found.iso:
        dated.append((title, found.iso, False, " ".join(own[1].split())[:RAW_DATE_CHARS]))
    # a standfirst of a paragraph or two between the headline and its byline and date line
    deck = [d for d in dated if lo < d[0] and _under_deck(items, lo + 1, d[0])]
    for choice in ([d for d in dated if lo < d[0] < body], [d for d in dated if d[0] == title],
                   [d for d in dated if d[2]],
                   [d for d in dated if above <= d[0] < lo], deck):
        if choice:
            return choice[0][1], choice[0][3]
    return "", ""


#: A date line's time of day goes on in the next block when that block has at most this many characters and
#: no word of :data:`CLOCK_TAIL_LETTERS` letters or more: a screen wrapped "Published 12 May 2024 at 4:46" /
#: "PM" (or "4:46 PM EDT" under "Published 12 May 2024 at"), not a label such as "Updated".
CLOCK_TAIL_CHARS, CLOCK_TAIL_LETTERS = 16, 5
_LONG_WORD = regex.compile(rf"\p{{L}}{{{CLOCK_TAIL_LETTERS},}}")


def _wrapped_clock(items: list[Item], i: int, found: DateMatch, line: str, date_end: int,
                   cfg: CleanConfig) -> tuple[DateMatch, str]:
    """The date of the date line ``line`` of block ``i`` (its date ends at ``date_end`` in the line) read on with
    the next block when the line ends with its date and time of day and that block is the rest of that time,
    wrapped by a screen (:data:`CLOCK_TAIL_CHARS`: "... at 4:46" / "PM"); else ``found`` and ``line`` as they
    are. A line with a date alone keeps it: a time under it stamps what follows (a live page's first entry)."""
    if not found.clock:
        return found, line
    nxt = items[i + 1].vis.strip() if i + 1 < len(items) else ""
    after = line[date_end:]  # the line after its date
    if not nxt or len(nxt) > CLOCK_TAIL_CHARS or _LONG_WORD.search(nxt) or after.strip():
        return found, line
    joined = f"{line} {nxt}"
    again = has_date(joined, cfg)
    if again is None or not again.clock or again.end <= len(line) or again.iso[:10] != found.iso[:10]:
        return found, line
    return again, joined


#: At most this many body blocks (and words in each) stand between a headline and the date line under its
#: standfirst.
DECK_BLOCKS, DECK_WORDS = 2, 60


def _under_deck(items: list[Item], start: int, end: int) -> bool:
    """True when ``items[start:end]`` hold at most :data:`DECK_BLOCKS` paragraphs or headings of at most
    :data:`DECK_WORDS` words each: a standfirst, not the article."""
    body = [it for it in items[start:end] if it.kind in ("paragraph", "heading")]
    return len(body) <= DECK_BLOCKS and all(it.words <= DECK_WORDS for it in body)


def _block(it: Item, dialect: str) -> Block:
    """The output block of a classified item (body blocks with their text as shown in the dialect)."""
    text = shown(it.span.text, dialect) if it.kind in BODY_KINDS else it.span.text
    return Block(start=it.span.start, end=it.span.end, kind=it.kind, rule=it.rule, text=it.span.text,
                 score=round(it.score, 4) if it.score >= 0 else None, shown=text if text != it.span.text else "",
                 reason=it.reason)


def clean(doc: RawDoc, cfg: CleanConfig) -> Article:
    """Segment ``doc.text`` into blocks, classify them, and return the article with its clutter set aside."""
    if doc.extracted:
        cfg = cfg.for_extracted
    heading_words = int(cfg.signal_rule("heading").get("max_words", 20))
    dialect = detect(doc.text, doc.extracted)
    items = [make_item(s, heading_words, dialect) for s in segment_blocks(doc.text, dialect)]
    page = classify(items, doc, cfg, dialect)
    if cfg.templates is not None:
        mark_templates(items, page.title, doc, cfg.templates)
    title = page.title
    title_text, tags = "", ()
    if title is not None:
        # a screen dump's headline in a table cell, with the next cell's text beside it: its own column
        column = left_column(shown(items[title].span.text, dialect)) if dialect == TERMINAL else None
        own = None if column else dated_headline(items[title], dialect, cfg)
        title_text, tags = headline_text(column or (own[0] if own else items[title].head), cfg), items[title].tags
        if page.title_line or dialect == NODES and title == 0:
            title_text = strip_site(title_text)  # a node dump's first line is the page's <title>
        title_text = " ".join(filter(None, (page.lead_in, without_words(title_text, page.kicker_words))))
    published, published_raw = _published(items, title, cfg, dialect)
    if not published:
        published, published_raw = doc.published, ""
    kept = tuple(_block(it, dialect) for it in items if it.kind != "clutter")
    dropped = tuple(_block(it, dialect) for it in items if it.kind == "clutter")
    log.debug("%s: %d blocks kept, %d dropped", doc.source, len(kept), len(dropped))
    return Article(doc=doc, title=title_text or doc.title, tags=tags, published=published,
                   blocks=kept, dropped=dropped, dialect=dialect,
                   published_raw=published_raw)


def passthrough(doc: RawDoc) -> Article:
    """No cleaning: every blank-line separated block is a paragraph, nothing is dropped."""
    blocks = tuple(Block(s.start, s.end, "paragraph", "", s.text) for s in blank_line_blocks(doc.text))
    return Article(doc=doc, title=doc.title, published=doc.published, blocks=blocks)


def explain(article: Article, width: int = 72, left_out: Sequence[str] = (),
            left_out_rule: str = "") -> list[str]:
    """One line per block in page order: offsets, KEEP/DROP, kind, deciding rule and a preview; then one DROP
    line per text block an HTML extractor left out before cleaning (``left_out``, no offsets: that text is not in
    the cleaned text), under ``left_out_rule``."""
    rows = [(b, "KEEP") for b in article.blocks] + [(b, "DROP") for b in article.dropped]
    rows.sort(key=lambda r: r[0].start)
    lines = [f"{b.start:>7}-{b.end:<7} {verdict} {b.kind:<9} {b.rule or '-':<34} {_preview(b.text, width)}"
             for b, verdict in rows]
    lines += [f"{'-':>7} {'':<7} DROP {'markup':<9} {left_out_rule:<34} {_preview(text, width)}" for text in left_out]
    return lines


def _preview(text: str, width: int) -> str:
    """``text`` on one line, cut to ``width`` characters with "..." when longer."""
    preview = " ".join(text[: width * 2].split())
    return preview[: width - 3] + "..." if len(preview) > width else preview
