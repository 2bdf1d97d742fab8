"""Carry reviewers' decisions from an earlier reviewed claims file over to a new run: a run step.

A decision is a row whose ``review`` or ``review_note`` cell is not blank. The run loads the decisions
before any work (:func:`load_review`) and puts each one on its claim while it merges, before any claims
file is written, so every claims format and report.html show it. A decision finds its claim by
``claim_id`` first; when the id is gone (the article was edited, so its document id and every offset
moved) by its content anchor: the document source, the normalised sentence, the quantity text and which
occurrence of that quantity in the sentence it is (a record of a crawl file that moved, ``crawl.jsonl#7``
now ``#8``, still matches when no record at its old number has the same content), and in a document renamed
since the review (its file is no longer read, and a document under a new source holds mostly the same claim
sentences: :func:`renamed_documents`, as ``diff`` pairs them) by the same anchor under the new source (a file
renamed with the same bytes keeps its claim ids). Decisions that find no claim are written to
``review_orphans.csv`` as the reviewed file had them (its header and cells as written, columns in its order),
so no decision is ever dropped silently.

The reviewed file may have been through a spreadsheet (see :func:`~pipeline.outputs.reader.read_sheet`):
ids and cells are compared as normalised text, numbers as numbers (``1999.0`` equals ``1999``).
"""
from __future__ import annotations

import logging
import math
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .contract import REVIEW_COLUMNS, REVIEW_STATES, is_run_folder
from .reader import (CLAIMS_FILE, DOCUMENTS_FILE, WORKBOOK_FILE, RawTable, Table, claims_file, read_claims_sheet,
                     read_csv, read_raw_sheet, sheet_table, shown)
from .writers import write_cells

log = logging.getLogger(__name__)

ORPHANS_FILE = "review_orphans.csv"
#: Columns that say what a claim claims: a carried decision whose claim differs in one of them is "changed".
#: Positions (doc_id, paragraph, start, end) and page metadata move when the article is edited elsewhere.
CLAIM_CONTENT = ("sentence", "quantity", "value", "unit", "bound", "kind", "metric", "subject", "period")

Anchor = tuple[str, str, str, int]


def output_columns(header: Sequence[str]) -> list[str]:
    """The header with the review columns moved (or added) to the end."""
    return [c for c in header if c not in REVIEW_COLUMNS] + list(REVIEW_COLUMNS)


def has_decision(row: Mapping[str, Any]) -> bool:
    """True when a reviewer wrote something in the row's review columns."""
    return any(str(row.get(c) or "").strip() for c in REVIEW_COLUMNS)


def norm_text(value: Any) -> str:
    """A cell as comparable text: formula apostrophe removed, Unicode NFKC, whitespace runs as one space."""
    text = shown("" if value is None else str(value))
    return " ".join(unicodedata.normalize("NFKC", text).split())


def norm_id(value: Any) -> str:
    """A claim id as comparable text (case, surrounding spaces and a text-forcing apostrophe ignored)."""
    return norm_text(value).lstrip("'").lower()


def _number(text: str, decimal_comma: bool) -> float | None:
    if decimal_comma and "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def same_cell(before: Any, after: Any, decimal_comma: bool = False) -> bool:
    """True when two cells say the same: equal normalised text, or equal numbers (``1999.0`` == ``1999``;
    ``4,2`` == ``4.2`` when the file used decimal commas)."""
    a, b = norm_text(before), norm_text(after)
    if a == b:
        return True
    x, y = _number(a, decimal_comma), _number(b, False)
    return x is not None and y is not None and x == y


def same_decision(one: Mapping[str, Any], other: Mapping[str, Any]) -> bool:
    """True when two reviewed rows carry the same review cells (normalised text)."""
    return all(norm_text(one.get(c, "")) == norm_text(other.get(c, "")) for c in REVIEW_COLUMNS)


def decision_state(value: Any) -> str:
    """A review cell as one of :data:`REVIEW_STATES` when it names one (any case), else the text as written."""
    text = norm_text(value)
    return text.lower() if text.lower() in REVIEW_STATES else text


def _start(row: Mapping[str, Any]) -> float:
    number = _number(norm_text(row.get("start", "")), False)
    return number if number is not None else math.inf


def anchor_base(row: Mapping[str, Any]) -> tuple[str, str, str]:
    """Source, normalised sentence and quantity text of a claim row."""
    return norm_text(row.get("source", "")), norm_text(row.get("sentence", "")), norm_text(row.get("quantity", ""))


def source_file(source: str) -> str:
    """A source without its record number (``crawl.jsonl#7`` -> ``crawl.jsonl``; a file's own source as it is)."""
    return source.rsplit("#", 1)[0]


def loose(anchor: Anchor) -> Anchor:
    """An anchor without the record number of its source (:func:`source_file`): it still holds when records are
    added to or removed from a crawl file before this one."""
    return (source_file(anchor[0]), *anchor[1:])


def anchors(rows: Sequence[Mapping[str, Any]]) -> list[Anchor]:
    """The content anchor of each row: :func:`anchor_base` plus the rank of the row's start among the distinct
    starts of the rows with the same base (the first ``5%`` of a sentence is 0, the second 1)."""
    starts: dict[tuple[str, str, str], set[float]] = defaultdict(set)
    bases = [anchor_base(r) for r in rows]
    for base, row in zip(bases, rows, strict=True):
        starts[base].add(_start(row))
    ranks = {base: {s: n for n, s in enumerate(sorted(found))} for base, found in starts.items()}
    return [(*base, ranks[base][_start(row)]) for base, row in zip(bases, rows, strict=True)]


#: Two documents are one renamed document when their claim sentences overlap at least this much
#: (shared / all distinct sentences of the two; 1.0 for the same set).
RENAMED_OVERLAP = 0.5


@dataclass(frozen=True)
class Renamed:
    """A document of run A found under another source in run B, and how many of its claims were paired there."""

    source_a: str
    source_b: str
    shared_sentences: int
    sentences: int
    claims: int = 0


def sentence_sets(anchored: Sequence[Anchor]) -> dict[str, set[str]]:
    """The normalised sentences of each source's claims, by normalised source (sources in first-seen order)."""
    found: dict[str, set[str]] = {}
    for source, sentence, *_ in anchored:
        found.setdefault(source, set()).add(sentence)
    return found


def renamed_documents(sentences_a: Mapping[str, set[str]], sentences_b: Mapping[str, set[str]],
                      sources_a: AbstractSet[str], sources_b: AbstractSet[str]) -> list[Renamed]:
    """Documents found under a new source: pairs (source of A that run B lacks, source of B that run A lacks) whose
    claim sentence sets overlap by at least :data:`RENAMED_OVERLAP` (shared over all distinct sentences of the
    two), one-to-one, the most overlapping first (ties in source order). ``sources_a``/``sources_b``: every
    normalised source each run has (its documents.csv and its claims)."""
    gone = {s: found for s, found in sentences_a.items() if s not in sources_b}
    new = {s: found for s, found in sentences_b.items() if s not in sources_a}
    holders: dict[str, list[str]] = {}
    for source, found in new.items():
        for sentence in found:
            holders.setdefault(sentence, []).append(source)
    ranked = []
    for source_a, found in gone.items():
        shared = Counter(s for sentence in found for s in holders.get(sentence, ()))
        for source_b, count in shared.items():
            union = len(found) + len(new[source_b]) - count
            if count >= RENAMED_OVERLAP * union:
                ranked.append((-count / union, -count, source_a, source_b, union))
    taken: set[str] = set()
    pairs = []
    for _, count, source_a, source_b, union in sorted(ranked):
        if source_a not in taken and source_b not in taken:
            taken.update((source_a, source_b))
            pairs.append(Renamed(source_a, source_b, -count, union))
    return sorted(pairs, key=lambda r: (r.source_a, r.source_b))


def renamed_anchor(anchor: Anchor, moved: Mapping[str, str]) -> Anchor | None:
    """A content anchor as it reads in the renamed document of the other run (``moved``: normalised source of
    this run's document -> the other run's source of it); None for a claim outside the renamed documents."""
    target = moved.get(anchor[0])
    return None if target is None else (target, *anchor[1:])


def run_sources(path: Path, rows: Sequence[Mapping[str, Any]]) -> set[str]:
    """Normalised sources of a run: those of the documents.csv beside its claims.csv (every document, even one
    without claims), and those of its claim rows."""
    found = {norm_text(r.get("source", "")) for r in rows}
    documents = path.parent / DOCUMENTS_FILE
    if path.name == CLAIMS_FILE and documents.is_file():
        found.update(norm_text(r.get("source", "")) for r in read_csv(documents)[1])
    return found


@dataclass
class ReviewSummary:
    """What a carry-over did."""

    claims: int = 0
    decisions: int = 0
    by_id: int = 0
    by_anchor: int = 0
    #: Decisions of :attr:`by_anchor` that followed their document under a new source (renamed since the review).
    renamed: int = 0
    orphans: int = 0
    #: Claim ids (new) whose decision was carried although the claim's content changed since the review.
    changed: list[str] = field(default_factory=list)
    #: Claim ids reviewed more than once with different decisions (the last one is kept).
    conflicts: list[str] = field(default_factory=list)
    orphans_path: Path | None = None
    #: The run folder's own claims file the decisions were read from when no review file was given.
    typed_in_folder: Path | None = None

    @property
    def carried(self) -> int:
        """Decisions that found their claim, by id or by anchor."""
        return self.by_id + self.by_anchor

    def format(self) -> str:
        """One human-readable paragraph."""
        lines = [
            f"{self.decisions} review decisions: {self.by_id} carried by claim_id, {self.by_anchor} by content "
            f"anchor ({self.renamed} followed a renamed document), {len(self.changed)} on changed claims, "
            f"{self.orphans} orphaned -> {self.orphans_path}"
        ]
        if self.typed_in_folder is not None:
            lines.append(f"(decisions read from the run folder's own {self.typed_in_folder}; no --review given)")
        if self.changed:
            lines.append(f"{len(self.changed)} carried decisions sit on claims that changed: "
                         + " ".join(self.changed[:20]))
        if self.conflicts:
            lines.append(f"{len(self.conflicts)} claims reviewed twice with different decisions: "
                         + " ".join(self.conflicts[:20]))
        return "\n".join(lines)


@dataclass
class Review:
    """The decisions of a reviewed claims file, put on claim rows as they stream to the writers.

    A run calls :meth:`expect` with the sources it reads, then :meth:`apply_all` on each shard's claim rows (the
    documents renamed since the review are noted before their rows are matched). :meth:`apply` may see the same
    rows more than once: what it records does not depend on how often, as long as the first pass sees every row.
    """

    path: Path
    header: list[str]
    #: Decisions by normalised claim_id, in file order.
    decisions: dict[str, dict[str, str]]
    conflicts: list[str] = field(default_factory=list)
    #: File used decimal commas (a ``;``-separated export): ``4,2`` is the number 4.2.
    decimal_comma: bool = False
    #: The reviewed file's header as written, and each decision's row as written (by decision id).
    raw_header: list[str] = field(default_factory=list)
    raw_rows: dict[str, list[str]] = field(default_factory=dict)
    #: Each decision's content anchor (by decision id), its occurrence counted among every row of the reviewed
    #: file, decided or not, as the new run's rows are counted.
    anchored: dict[str, Anchor] = field(default_factory=dict)
    by_anchor: dict[Anchor, list[str]] = field(default_factory=dict)
    by_loose: dict[Anchor, list[str]] = field(default_factory=dict)
    #: Decision id -> new claim id, for decisions carried by id and by anchor, in first-seen order.
    carried_id: dict[str, str] = field(default_factory=dict)
    carried_anchor: dict[str, str] = field(default_factory=dict)
    #: The reverse of :attr:`carried_anchor`: new claim id -> the decision id it took by anchor.
    _anchor_taken: dict[str, str] = field(default_factory=dict)
    changed: dict[str, None] = field(default_factory=dict)
    #: The reviewed file's claim sentences by source (:func:`sentence_sets`, every row, decided or not) and every
    #: source it names (:func:`run_sources`): what a document renamed since the review is recognised by.
    sentences: dict[str, set[str]] = field(default_factory=dict)
    sources: set[str] = field(default_factory=set)
    #: Those of :attr:`sentences` whose file this run does not read (:meth:`expect`): renamed or removed since.
    gone: dict[str, set[str]] = field(default_factory=dict)
    #: Normalised source of a document of this run -> the reviewed file's source it was renamed from.
    moved: dict[str, str] = field(default_factory=dict)
    #: Decision ids of :attr:`carried_anchor` carried inside a renamed document.
    carried_renamed: dict[str, None] = field(default_factory=dict)
    _gone_by_sentence: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    _starts: dict[tuple[str, str, str], list[float]] = field(default_factory=lambda: defaultdict(list))

    def __post_init__(self) -> None:
        if not self.anchored:  # no other rows known: occurrences counted among the decided rows
            ids = list(self.decisions)
            self.anchored = dict(zip(ids, anchors([self.decisions[k] for k in ids]), strict=True))
        for key, anchor in self.anchored.items():
            self.by_anchor.setdefault(anchor, []).append(key)
            self.by_loose.setdefault(loose(anchor), []).append(key)

    def _anchor(self, row: Mapping[str, Any]) -> Anchor:
        base = anchor_base(row)
        seen = self._starts[base]
        start = _start(row)
        if start not in seen:
            seen.append(start)
        return (*base, seen.index(start))

    def expect(self, sources: Iterable[str]) -> None:
        """Note the sources of the files this run reads (a record's source without its number): a reviewed document
        whose file is not among them (:attr:`gone`) may be found under a new source (:meth:`apply_all`)."""
        listed = {norm_text(s) for s in sources}
        self.gone = {s: found for s, found in self.sentences.items()
                     if s not in listed and source_file(s) not in listed}
        self._gone_by_sentence.clear()
        for source, found in self.gone.items():
            for sentence in found:
                self._gone_by_sentence[sentence].append(source)

    def note_renamed(self, rows: Sequence[Mapping[str, Any]]) -> None:
        """Pair the documents of ``rows`` (claim rows of whole documents, a shard's) that the reviewed file does not
        name with the reviewed documents gone from this run whose claim sentences they mostly share
        (:func:`renamed_documents`, as ``diff`` pairs them); each reviewed document is paired once, with the first
        close document the run meets. Only gone documents sharing a claim sentence with ``rows`` are compared."""
        if not self.gone:
            return
        found = {s: sentences for s, sentences in sentence_sets(anchors(rows)).items()
                 if s not in self.moved and s not in self.sources}
        taken = set(self.moved.values())
        near = {g for sentences in found.values() for s in sentences for g in self._gone_by_sentence.get(s, ())
                if g not in taken}
        gone = {g: self.gone[g] for g in sorted(near)}
        for renamed in renamed_documents(gone, found, self.sources, frozenset()):  # gone: this run lacks them
            self.moved[renamed.source_b] = renamed.source_a

    def _free(self, keys: Iterable[str]) -> list[str]:
        """Those of the decision ids ``keys`` not carried yet."""
        return [k for k in keys if k not in self.carried_anchor and k not in self.carried_id]

    def _find(self, cid: str, row: Mapping[str, Any]) -> str | None:
        """The decision id for claim ``cid``: its own, else an unused decision with the same anchor, else one with
        the same anchor but another record number in the same file, else one with the same anchor in the document
        this one was renamed from (same kind preferred)."""
        if cid in self.decisions:
            self.carried_id[cid] = cid
            return cid
        anchor = self._anchor(row)
        if cid in self._anchor_taken:
            return self._anchor_taken[cid]
        free = self._free(self.by_anchor.get(anchor, ())) or self._free(self.by_loose.get(loose(anchor), ()))
        before = None if free else renamed_anchor(anchor, self.moved)
        if before is not None:
            free = self._free(self.by_anchor.get(before, ()))
        if not free:
            return None
        kind = norm_text(row.get("kind", ""))
        key = next((k for k in free if norm_text(self.decisions[k].get("kind", "")) == kind), free[0])
        self.carried_anchor[key] = cid
        self._anchor_taken.setdefault(cid, key)
        if before is not None:
            self.carried_renamed[key] = None
        return key

    def apply_all(self, rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
        """:meth:`apply` on each of ``rows`` (the claim rows of whole documents), after :meth:`note_renamed`."""
        self.note_renamed(rows)
        return [self.apply(r) for r in rows]

    def apply(self, row: dict[str, Any]) -> dict[str, Any]:
        """``row`` (a claims-file row) with the review cells of its claim's decision, if it has one
        (a new dict then; ``row`` itself otherwise)."""
        cid = norm_id(row.get("claim_id", ""))
        key = self._find(cid, row)
        if key is None:
            return row
        decision = self.decisions[key]
        if any(c in decision and not same_cell(decision[c], row.get(c, ""), self.decimal_comma)
               for c in CLAIM_CONTENT):
            self.changed[str(row.get("claim_id", ""))] = None
        cells = {c: norm_text(decision.get(c, "")) for c in REVIEW_COLUMNS}
        cells["review"] = decision_state(cells["review"])
        return {**row, **cells}

    def finish(self, run_dir: Path, claims: int, final_dir: Path | None = None) -> ReviewSummary:
        """Write ``review_orphans.csv`` (always) into ``run_dir``: the header and rows of the decisions that found
        no claim, as the reviewed file had them; the summary of the carry-over. ``final_dir``: where the file
        will be once the run's outputs are moved into place (``run_dir`` when not given), the path the summary
        and the warning name."""
        orphans = [self.raw_rows.get(k) or [r.get(h.strip(), "") for h in self.raw_header or self.header]
                   for k, r in self.decisions.items() if k not in self.carried_id and k not in self.carried_anchor]
        summary = ReviewSummary(
            claims=claims, decisions=len(self.decisions), by_id=len(self.carried_id),
            by_anchor=len(self.carried_anchor), renamed=len(self.carried_renamed), orphans=len(orphans),
            changed=list(self.changed),
            conflicts=list(self.conflicts), orphans_path=Path(final_dir or run_dir) / ORPHANS_FILE,
        )
        write_cells(Path(run_dir) / ORPHANS_FILE, self.raw_header or self.header, orphans)
        if summary.orphans:
            log.warning("%d review decisions have no claim in this run; see %s", summary.orphans,
                        summary.orphans_path)
        if summary.changed:
            log.warning("%d carried review decisions sit on claims that changed", len(summary.changed))
        return summary


def decisions(rows: Iterable[dict[str, str]]) -> tuple[dict[str, dict[str, str]], list[str]]:
    """Reviewed rows with a decision, by normalised claim_id (the last of duplicates wins), and the ids
    reviewed twice with different decisions."""
    found, conflicts, _ = numbered_decisions(rows)
    return found, conflicts


def numbered_decisions(
    rows: Iterable[dict[str, str]],
) -> tuple[dict[str, dict[str, str]], list[str], dict[str, int]]:
    """:func:`decisions` with the row number (0-based) each decision was read from."""
    found: dict[str, dict[str, str]] = {}
    conflicts: list[str] = []
    numbers: dict[str, int] = {}
    for number, row in enumerate(rows):
        if not has_decision(row):
            continue
        cid = norm_id(row.get("claim_id", ""))
        old = found.get(cid)
        if old is not None and not same_decision(old, row):
            conflicts.append(cid)
        found[cid] = row
        numbers[cid] = number
    return found, conflicts, numbers


def load_review(path: Path) -> Review:
    """The decisions of a reviewed claims file (CSV as any spreadsheet exports it, ``.xlsx``, JSON Lines, or a
    run folder holding claims.csv), read whole before any work.

    Raises :class:`UsageError`: E060 (no such file), E061 (no claim_id column), E062 (not readable),
    E190 (damaged: unterminated quote, NUL bytes, broken JSON line or workbook).
    """
    raw, table = read_claims_sheet(Path(path))
    return _review(Path(path), raw, table)


def _review(path: Path, raw: RawTable, table: Table) -> Review:
    """The :class:`Review` of a claims table read from ``path``, as the file holds it (``raw``) and by column."""
    (raw_header, raw_rows), (header, rows) = raw, table
    found, conflicts, numbers = numbered_decisions(rows)
    decimal_comma = any(
        "," in r.get("value", "") and "." not in r.get("value", "") for r in found.values()
    )
    anchored = anchors(rows)
    return Review(path=path, header=header, decisions=found, conflicts=conflicts, decimal_comma=decimal_comma,
                  raw_header=list(raw_header), raw_rows={k: list(raw_rows[n]) for k, n in numbers.items()},
                  anchored={k: anchored[n] for k, n in numbers.items()},
                  sentences=sentence_sets(anchored), sources=run_sources(claims_file(path), rows))


def _typed(path: Path) -> Review | None:
    """The decisions of the claims file ``path`` of a run folder; None for a file without a claim_id column (an
    older run's, or no claims table). A damaged file raises as :func:`load_review` does."""
    raw = read_raw_sheet(path)
    table = sheet_table(path, raw)
    return _review(path, raw, table) if "claim_id" in table[0] else None


def folder_reviews(out: Path) -> list[Review]:
    """The decisions in the run folder ``out``'s own claims files, so that a run into it never writes over
    decisions a reviewer typed there: one :class:`Review` for each of its claims.csv and claims.xlsx that holds a
    review decision, the more recently modified first (each file read once); empty when neither does or ``out``
    is no run folder.

    Raises :class:`UsageError` E062/E190 (as :func:`load_review`) when either file is unreadable or damaged.
    """
    out = Path(out)
    if not is_run_folder(out):
        return []
    files = sorted((out / name for name in (CLAIMS_FILE, WORKBOOK_FILE) if (out / name).is_file()),
                   key=lambda f: f.stat().st_mtime_ns, reverse=True)
    return [r for r in map(_typed, files) if r is not None and r.decisions]


def lacks_decisions(have: Review, other: Review) -> bool:
    """True when ``other`` holds a decision that ``have`` lacks or holds with other review cells."""
    return any(key not in have.decisions or not same_decision(row, have.decisions[key])
               for key, row in other.decisions.items())
