"""Compare the claims of two runs: added, removed and changed claims, following claims whose id moved.

Meant for regression review after a rules change and for re-crawls. ``claim_id`` comes from the document's
bytes, so an edited article (one sentence added) gives every claim a new id, and a re-crawl that also names its
files differently a new source too. A claim of run B is paired with one of run A, in this order:

1. by ``claim_id``;
2. by content anchor (:func:`~pipeline.outputs.review.anchors`: same source, normalised sentence, quantity text
   and occurrence), then by the loose anchor (:func:`~pipeline.outputs.review.loose`: the source without its
   record number, for a crawl file whose records moved);
3. within a renamed document: a source only run A has and one only run B has whose claim sentences are nearly
   the same set (:func:`~pipeline.outputs.review.renamed_documents`, which ``--review`` uses too) are one
   document, and their claims pair by sentence, quantity and occurrence.

A pair is "changed" when one of :data:`COMPARED` differs (numbers compare as numbers), else the same; the
claims left over are added or removed. Positions (doc_id, paragraph, start, end), the source, the page's
metadata and the rule ids are not compared. Review columns are ignored; columns present in only one of the runs
are reported but not compared. Exit status like ``diff(1)``: 0 same, 1 different. Output order follows the
files (B's order for added and changed claims, A's for removed ones), so the report is the same on every run.
"""
from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .contract import REVIEW_COLUMNS
from .reader import claims_file, read_claims
from .review import (CLAIM_CONTENT, Renamed, anchors, loose, norm_id, renamed_anchor, renamed_documents, run_sources,
                     same_cell, sentence_sets)

log = logging.getLogger(__name__)

EXIT_SAME, EXIT_DIFFERENT = 0, 1
#: Columns shown for an added or removed claim in the text report.
SUMMARY_COLUMNS = ("source", "quantity", "value", "unit", "bound", "kind", "metric", "rule")
#: Columns that say what a claim claims: a pair differing in one of them is "changed".
COMPARED = (*CLAIM_CONTENT, "value_max", "direction")
#: How a pair was found: same claim_id, same content anchor (or loose anchor), or inside a renamed document.
BY_ID, BY_CONTENT, BY_RENAMED = "id", "content", "renamed"
#: Rows sharing a key are paired by how well they agree up to this many candidate pairs, beyond it in file order.
MATCH_LIMIT = 400

Rows = Sequence[Mapping[str, str]]
Pair = tuple[int, int]


@dataclass(frozen=True)
class Change:
    """One claim present in both runs whose compared columns differ.

    ``claim_id`` is the claim's id in run B (``before["claim_id"]`` its id in run A); ``paired`` one of
    :data:`BY_ID`, :data:`BY_CONTENT`, :data:`BY_RENAMED`.
    """

    claim_id: str
    before: dict[str, str]
    after: dict[str, str]
    fields: tuple[str, ...]
    paired: str = BY_ID


@dataclass
class RunDiff:
    """Claims added, removed and changed between run ``a`` and run ``b``, and how the others were paired."""

    a: Path
    b: Path
    added: list[dict[str, str]] = field(default_factory=list)
    removed: list[dict[str, str]] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    #: Columns (other than review columns) found in only one of the two runs.
    only_a: tuple[str, ...] = ()
    only_b: tuple[str, ...] = ()
    claims_a: int = 0
    claims_b: int = 0
    #: Claims of both runs (the same or changed) by how they were paired: ``{BY_ID: n, ...}``.
    paired: dict[str, int] = field(default_factory=lambda: dict.fromkeys((BY_ID, BY_CONTENT, BY_RENAMED), 0))
    renamed: list[Renamed] = field(default_factory=list)

    @property
    def same(self) -> bool:
        """True when no claim was added, removed or changed."""
        return not (self.added or self.removed or self.changed)

    @property
    def exit_status(self) -> int:
        """0 when the runs' claims are the same, 1 otherwise (as ``diff(1)``)."""
        return EXIT_SAME if self.same else EXIT_DIFFERENT

    def format(self, limit: int | None = None) -> str:
        """Text report: a summary line, then one line per added (+), removed (-) and changed (~) claim and per
        renamed document (R); ``limit``: at most that many lines of each of the four sorts."""
        paired = self.paired
        lines = [
            f"--- {self.a} ({self.claims_a} claims)",
            f"+++ {self.b} ({self.claims_b} claims)",
            f"{len(self.added)} added, {len(self.removed)} removed, {len(self.changed)} changed; "
            f"{sum(paired.values())} in both: {paired[BY_ID]} by claim_id, {paired[BY_CONTENT]} by content, "
            f"{paired[BY_RENAMED]} in {len(self.renamed)} renamed documents",
        ]
        if self.only_a:
            lines.append("columns only in A (not compared): " + ", ".join(self.only_a))
        if self.only_b:
            lines.append("columns only in B (not compared): " + ", ".join(self.only_b))
        sorts = [
            [f"+ {_describe(r)}" for r in self.added],
            [f"- {_describe(r)}" for r in self.removed],
            [_describe_change(c) for c in self.changed],
            [f"R {_clean(r.source_a)} -> {_clean(r.source_b)}: {r.claims} claims followed "
             f"({r.shared_sentences} of {r.sentences} claim sentences shared)" for r in self.renamed],
        ]
        for entries in sorts:
            if limit is not None and len(entries) > limit:
                entries = [*entries[:limit], f"... {len(entries) - limit} more"]
            lines += entries
        return "\n".join(lines)


def _clean(text: str) -> str:
    """One line of text: control characters (line breaks, escapes) shown as spaces."""
    return "".join(ch if ch.isprintable() else " " for ch in text)


def _show(text: str, width: int = 80) -> str:
    text = _clean(text)
    return repr(text if len(text) <= width else text[: width - 1] + "…")


def _describe(row: Mapping[str, str]) -> str:
    cells = " ".join(_show(row.get(c, ""), 60) for c in SUMMARY_COLUMNS)
    return f"{_clean(row.get('claim_id', ''))} {cells}"


def _moved(before: str, after: str) -> str:
    """``after``, or ``before -> after`` when they differ (one line)."""
    return _clean(after) if before == after else f"{_clean(before)} -> {_clean(after)}"


def _describe_change(change: Change) -> str:
    """``~ ID SOURCE: column: 'old' -> 'new'; ...``, the id and source as ``A -> B`` when they moved."""
    parts = "; ".join(
        f"{c}: {_show(change.before.get(c, ''))} -> {_show(change.after.get(c, ''))}" for c in change.fields
    )
    ids = _moved(norm_id(change.before.get("claim_id", change.claim_id)), change.claim_id)
    sources = _moved(change.before.get("source", ""), change.after.get("source", ""))
    return f"~ {ids} {sources}: {parts}"


def _index(rows: Rows, path: Path) -> dict[str, int]:
    """Row number by normalised claim_id (the last of repeated ids, with a warning)."""
    found: dict[str, int] = {}
    for number, row in enumerate(rows):
        cid = norm_id(row["claim_id"])
        if cid in found:
            log.warning("%s: claim_id %s appears more than once; the last row is compared", path, cid)
        found[cid] = number
    return found


def _differs(before: str, after: str) -> bool:
    """True when two cells differ; numbers compare as numbers ("4.20" equals "4.2", "1999.0" equals "1999")."""
    return before != after and not same_cell(before, after)


def _changed_fields(before: Mapping[str, str], after: Mapping[str, str], columns: Sequence[str]) -> tuple[str, ...]:
    return tuple(c for c in columns if _differs(before.get(c, ""), after.get(c, "")))


def _match(group_a: Sequence[int], group_b: Sequence[int], rows_a: Rows, rows_b: Rows,
           columns: Sequence[str]) -> list[Pair]:
    """One-to-one pairs of rows sharing a key: the pairs that agree on most compared columns first, then in file
    order (a count and a share read from the same figure keep their own partners). Groups larger than
    :data:`MATCH_LIMIT` pairs (a stock sentence in every record of a crawl file) pair in file order."""
    if len(group_a) == 1 and len(group_b) == 1 or len(group_a) * len(group_b) > MATCH_LIMIT:
        return list(zip(group_a, group_b, strict=False))
    ranked = sorted((len(_changed_fields(rows_a[i], rows_b[j], columns)), i, j) for i in group_a for j in group_b)
    taken_a: set[int] = set()
    taken_b: set[int] = set()
    pairs = []
    for _, i, j in ranked:
        if i not in taken_a and j not in taken_b:
            taken_a.add(i)
            taken_b.add(j)
            pairs.append((i, j))
    return pairs


def pair_by(key_a: Callable[[int], Hashable | None], key_b: Callable[[int], Hashable | None],
            free_a: Sequence[int], free_b: Sequence[int], rows_a: Rows, rows_b: Rows,
            columns: Sequence[str]) -> list[Pair]:
    """Pairs (row of A, row of B) among the free rows whose keys are equal (a key of None pairs with nothing),
    one-to-one, in A's file order."""
    groups_a: dict[Hashable, list[int]] = {}
    groups_b: dict[Hashable, list[int]] = {}
    for groups, key, free in ((groups_a, key_a, free_a), (groups_b, key_b, free_b)):
        for number in free:
            found = key(number)
            if found is not None:
                groups.setdefault(found, []).append(number)
    pairs: list[Pair] = []
    for found, group in groups_a.items():
        if found in groups_b:
            pairs += _match(group, groups_b[found], rows_a, rows_b, columns)
    return sorted(pairs)


def _unpaired(kept_a: Sequence[int], kept_b: Sequence[int],
              pairs: Mapping[int, tuple[int, str]]) -> tuple[list[int], list[int]]:
    """The rows of A and of B (row numbers, in file order) that ``pairs`` (row of B -> row of A, how) lacks."""
    taken = {i for i, _ in pairs.values()}
    return sorted(i for i in kept_a if i not in taken), sorted(j for j in kept_b if j not in pairs)


def _pair_by_content(path_a: Path, rows_a: Rows, kept_a: list[int], path_b: Path, rows_b: Rows, kept_b: list[int],
                     pairs: dict[int, tuple[int, str]], columns: Sequence[str],
                     ) -> tuple[dict[int, tuple[int, str]], list[Renamed]]:
    """``pairs`` (row of B -> row of A and how it was paired) with the rows ``kept_a``/``kept_b`` that are not in
    it paired by content anchor, loose anchor and within renamed documents; and the renamed documents."""
    pairs = dict(pairs)
    anchors_a, anchors_b = anchors(rows_a), anchors(rows_b)

    def free() -> tuple[list[int], list[int]]:
        return _unpaired(kept_a, kept_b, pairs)

    def add(found: list[Pair], how: str) -> None:
        pairs.update((j, (i, how)) for i, j in found)

    add(pair_by(anchors_a.__getitem__, anchors_b.__getitem__, *free(), rows_a, rows_b, columns), BY_CONTENT)
    add(pair_by(lambda i: loose(anchors_a[i]), lambda j: loose(anchors_b[j]), *free(), rows_a, rows_b, columns),
        BY_CONTENT)
    free_a, free_b = free()
    renamed = renamed_documents(
        sentence_sets([anchors_a[i] for i in free_a]), sentence_sets([anchors_b[j] for j in free_b]),
        run_sources(path_a, rows_a), run_sources(path_b, rows_b),
    )
    moved = {r.source_a: r.source_b for r in renamed}
    found = pair_by(lambda i: renamed_anchor(anchors_a[i], moved), anchors_b.__getitem__, free_a, free_b,
                    rows_a, rows_b, columns)
    add(found, BY_RENAMED)
    followed = Counter(anchors_a[i][0] for i, _ in found)
    return pairs, [Renamed(r.source_a, r.source_b, r.shared_sentences, r.sentences, followed[r.source_a])
                   for r in renamed]


def diff_runs(a: Path, b: Path) -> RunDiff:
    """Added, removed and changed claims from run ``a`` to run ``b`` (folders or claims files), pairing claims by
    claim_id, content anchor and renamed document (see the module docstring).

    Raises :class:`UsageError` E060 (no claims file), E061 (no claim_id column), E062 (unreadable), E190
    (damaged), as :func:`~pipeline.outputs.reader.read_claims`.
    """
    path_a, path_b = claims_file(Path(a)), claims_file(Path(b))
    header_a, rows_a = read_claims(path_a)
    header_b, rows_b = read_claims(path_b)
    columns = [c for c in COMPARED if c in header_a and c in header_b]
    result = RunDiff(
        a=Path(a), b=Path(b), claims_a=len(rows_a), claims_b=len(rows_b),
        only_a=tuple(c for c in header_a if c not in header_b and c not in REVIEW_COLUMNS),
        only_b=tuple(c for c in header_b if c not in header_a and c not in REVIEW_COLUMNS),
    )
    index_a, index_b = _index(rows_a, path_a), _index(rows_b, path_b)
    pairs: dict[int, tuple[int, str]] = {index_b[cid]: (i, BY_ID) for cid, i in index_a.items() if cid in index_b}
    if len(pairs) < min(len(index_a), len(index_b)):  # some claim of each run is left: look at content
        pairs, result.renamed = _pair_by_content(path_a, rows_a, list(index_a.values()), path_b, rows_b,
                                                 list(index_b.values()), pairs, columns)
    for j in sorted(index_b.values()):
        if j not in pairs:
            result.added.append(rows_b[j])
            continue
        i, how = pairs[j]
        result.paired[how] += 1
        fields = _changed_fields(rows_a[i], rows_b[j], columns)
        if fields:
            result.changed.append(Change(norm_id(rows_b[j]["claim_id"]), rows_a[i], rows_b[j], fields, how))
    result.removed = [rows_a[i] for i in _unpaired(list(index_a.values()), [], pairs)[0]]
    return result
