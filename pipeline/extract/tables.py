"""Figures in the rows of a table: the column's header says what a cell measures, the row's label whose it is.

A table reaches the text as one line a row: cells split by tabs (what the HTML path writes for a data table,
and what a tab-separated paste gives) or by pipes (a markdown table: ``| Team | Points |`` over ``|---|---|``).
The rows of one table are consecutive lines of that kind, blank lines between them allowed (some pages put
every row in a block of its own). The table's first row is its header when none of its cells is a bare figure
(``Pos. | Driver | Points | Top 5``); a figure in a later row's cell measures that column's header
(``Points`` -> "points") and belongs to the row's label, its longest cell that is a name (``Kyle Busch``); a
figure filling a cell of a column of places (``Pos``, ``Rank``) is a rank.
Rows of another cell count than the header's (cells left empty are dropped by the HTML path, so columns
would be misread) give nothing.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

#: A cell holding nothing but a figure (a data cell, never a header): "5040", "-12.99", "-5.44%", "$1.2bn".
_FIGURE_CELL = regex.compile(r"[-+−–]?[$€£¥]?\s?[\d.,]+\s?(?:%|[kKmMbB]n?)?")
#: The line under a markdown table's header: dashes, colons and pipes only.
_RULE_LINE = regex.compile(r"\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*")
#: Words of a header cell kept in its metric: letters (with inner apostrophes, hyphens and dots) and digits.
_HEADER_WORD = regex.compile(r"[\p{L}\d][\p{L}\d'’.-]*")
#: A row label: a name, every word capitalised, no digit ("Kyle Busch", "THE HOME DEPOT INC.", "T.J. Carrie").
_NAME_CELL = regex.compile(r"\p{Lu}[^\s\d]*(?:\s{1,2}[\p{Lu}&][^\s\d]*){0,7}")
#: Headers of a column of places in an order ("Pos.", "Rank"): its figures are ranks.
PLACE_HEADERS = frozenset({"pos", "position", "rank", "ranking", "place", "rk"})
#: Lines looked back over for the header (blank lines included).
MAX_ROWS = 400


@dataclass(frozen=True)
class TableCell:
    """Where a figure stands in a table: its column's header as a metric (lower-cased words of the header
    cell), the row's label (its longest cell that is a name, every word capitalised, as written; '' when
    none) and whether the figure is the whole of its cell (then the header says what it measures better than
    any word beside it)."""

    metric: str
    label: str
    whole: bool

    @property
    def place(self) -> bool:
        """True when the column holds places in an order ("Pos", "Rank", "Place"): a figure there is a rank."""
        return self.whole and self.metric in PLACE_HEADERS


def _cells(line: str) -> tuple[str, list[str]] | None:
    """``(separator, cells)`` of a table row, None when ``line`` is no row (fewer than two cells)."""
    if "\t" in line:
        sep = "\t"
    elif line.count("|") >= 2:
        sep = "|"
    else:
        return None
    body = line.strip()
    if sep == "|":
        body = body.removeprefix("|").removesuffix("|")
    cells = [c.strip() for c in body.split(sep)]
    return (sep, cells) if len(cells) >= 2 else None


def _line_at(text: str, pos: int) -> tuple[int, int]:
    """``(start, end)`` of the line of ``text`` holding offset ``pos`` (end before its newline)."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _header_metric(cell: str) -> str:
    """The metric a header cell names: its words lower-cased ("Change %" -> "change", "Pos." -> "pos")."""
    return " ".join(w.rstrip(".").lower() for w in _HEADER_WORD.findall(cell)).strip()


def table_cell(text: str, start: int, end: int) -> TableCell | None:
    """The column header and row label of the figure at ``text[start:end]`` (absolute offsets into a
    document's text) when it stands in one cell of a table row under a header row; None otherwise."""
    line_start, line_end = _line_at(text, start)
    if end > line_end:
        return None
    row = _cells(text[line_start:line_end])
    if row is None:
        return None
    sep, cells = row
    before = text[line_start:start]
    if sep == "|" and before.lstrip().startswith("|"):
        before = before.lstrip()[1:]
    column = before.count(sep)
    if sep in text[start:end] or column >= len(cells):
        return None
    header: list[str] | None = None
    pos, seen = line_start, 0
    while pos > 0 and seen < MAX_ROWS:
        prev_start, prev_end = _line_at(text, pos - 1)
        pos, seen = prev_start, seen + 1
        line = text[prev_start:prev_end]
        if not line.strip() or _RULE_LINE.fullmatch(line) and sep == "|":
            continue
        found = _cells(line)
        if found is None or found[0] != sep:
            break  # the table starts below this line: the row under it was its first
        header = found[1]
    if header is None or len(header) != len(cells) or any(_FIGURE_CELL.fullmatch(c) for c in header):
        return None
    metric = _header_metric(header[column])
    if not metric:
        return None
    labels = [c for i, c in enumerate(cells) if i != column and _NAME_CELL.fullmatch(c)]
    return TableCell(metric=metric, label=max(labels, key=len) if labels else "",
                     whole=cells[column] == " ".join(text[start:end].split()))
