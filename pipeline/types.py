"""Dataclasses passed between the stages: RawDoc -> Article -> Sentence -> Claim."""
from __future__ import annotations

from dataclasses import dataclass, field, fields

#: Block kinds kept in the main article text.
BODY_KINDS = ("heading", "paragraph")
#: Every block kind the cleaner may assign.
BLOCK_KINDS = ("title", "meta", "heading", "paragraph", "clutter")


@dataclass(frozen=True)
class RawDoc:
    """One input document as read from disk, before any cleaning.

    ``text`` is the text every offset refers to. ``error`` is set (and ``text`` empty) when the
    document could not be read; such a document still flows to documents.csv with status ``error``.
    """

    doc_id: str
    source: str
    text: str
    format: str = "txt"
    url: str = ""
    title: str = ""
    published: str = ""
    error: str = ""
    #: True when ``text`` was extracted from markup (HTML, WARC): articles.jsonl then keeps it whole.
    extracted: bool = False
    meta: tuple[tuple[str, str], ...] = ()
    #: Text blocks of the markup the extractor left out of ``text``, in page order (listed in clutter.csv).
    left_out: tuple[str, ...] = ()


@dataclass(frozen=True)
class Block:
    """A line-group of the raw text with exact offsets, its kind and the rule that decided it."""

    start: int
    end: int
    kind: str
    rule: str = ""
    text: str = ""
    #: Probability that the block is article text, from the block model (None where the model did not run).
    score: float | None = None
    #: ``text`` as a reader sees it, of the same length (a dump's link targets blanked with spaces; see
    #: pipeline/clean/dialect.py ``shown``); "" when it is ``text`` itself.
    shown: str = ""
    #: Why the deciding rule took the block, when the rule says (``template.repeated_line.v1``: how many
    #: documents of the site held its lines); "" otherwise.
    reason: str = ""

    @property
    def visible_text(self) -> str:
        """The block's text as read: :attr:`shown` when set, else :attr:`text` (offsets are the same)."""
        return self.shown or self.text


@dataclass(frozen=True)
class Article:
    """The cleaned page: metadata plus kept and dropped blocks (offsets into ``doc.text``)."""

    doc: RawDoc
    title: str = ""
    tags: tuple[str, ...] = ()
    published: str = ""
    blocks: tuple[Block, ...] = ()
    dropped: tuple[Block, ...] = ()
    #: The dump dialect the text was read in: plain, nodes, markdown, terminal or extracted
    #: (see pipeline/clean/dialect.py); "" when the page was not cleaned.
    dialect: str = ""
    #: The line ``published`` was read from, as the page gave it ("" when it came with the input).
    published_raw: str = ""

    @property
    def body(self) -> tuple[Block, ...]:
        """Headings and paragraphs of the main article, in page order."""
        return tuple(b for b in self.blocks if b.kind in BODY_KINDS)

    @property
    def text(self) -> str:
        """Main body text: headings and paragraphs separated by blank lines."""
        return "\n\n".join(b.visible_text for b in self.body)


@dataclass(frozen=True)
class Sentence:
    """A sentence of the main body; ``start``/``end`` index ``RawDoc.text``."""

    paragraph: int
    index: int
    start: int
    end: int
    text: str
    heading: bool = False


@dataclass(frozen=True)
class Claim:
    """One numeric claim with provenance; field order is the claims.csv column order.

    ``value_max``: the high end of a range (bound ``range``; ``value`` is the low end), else None.
    """

    claim_id: str
    doc_id: str
    source: str
    title: str
    published: str
    paragraph: int
    sentence: str
    quantity: str
    value: float
    value_max: float | None
    unit: str
    bound: str
    kind: str
    metric: str
    subject: str
    period: str
    start: int
    end: int
    rule: str
    #: ``up`` or ``down`` for a change or a level a movement reached; empty otherwise.
    direction: str = ""
    #: Where ``subject`` was found: ``clause`` (the claim's own clause), ``paragraph`` (an earlier sentence
    #: of its paragraph) or ``article`` (the place or organisation the article names most); empty with it.
    subject_source: str = ""
    #: Where ``period`` was found: ``sentence`` (written in the claim's sentence), ``paragraph`` (an earlier
    #: sentence of its paragraph that states figures), ``article`` (the year the article is introduced with, or
    #: its headline or opening paragraph gives) or ``release`` (none written: the month of the release date, the
    #: time the claim is stated at; inferred); empty with it.
    period_source: str = ""

    def as_row(self) -> dict[str, object]:
        """The claim's fields as a plain dict, in claims.csv column order."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass
class DocResult:
    """Everything one document contributes to the outputs."""

    doc: RawDoc
    status: str
    error: str = ""
    article: Article | None = None
    claims: list[Claim] = field(default_factory=list)
    #: The language the extract stage read the document in (ISO 639-1; "" when unknown).
    language: str = ""
    #: Digit numbers the document's convention could not read ("4,2" in English text).
    unread_numbers: int = 0
