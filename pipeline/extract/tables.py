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

A results table of a company report is written as lines of a label, a figure and the figures it is set
against (``Net 1,482,300 vs 1,377,900``, ``Avg shrs 4.6 mln vs 4.2 mln``, ``Net loss 84,500 vs profit
131,200``): the label says what each figure of its line measures (a figure after "vs profit" on a line of a
loss measures the profit).
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
#: A figure of a results line: digits (a fraction, a bracket, a sign) or a small number word, and up to three
#: short words of scale or unit ("4.6 mln", "nine cts", "4.41 dlrs", "5.72 billion francs").
_RESULT = (r"(?:[-+(]?\d[\d,./-]*\)?|nil|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
           r"(?:\s{1,2}[\p{L}.]{1,8}){0,3}?")
#: The sides a figure of a results line may be on, before it ("Net loss 84,500 vs profit 131,200").
_SIDES = r"(?:(?:loss|profit|gain)\s{1,2})?"
#: A line of a results table: a label of one to six words, a figure, and one or more "vs" figures.
_RESULTS_LINE = regex.compile(
    r"\s*(?P<label>\p{Lu}[\p{L}.&'’/-]*(?:\s{1,2}\p{L}[\p{L}.&'’/-]*){0,5}?)\s{1,3}"
    r"(?:(?P<side>loss|profit|gain)\s{1,2})?" + _RESULT
    + r"(?:\s{1,3}vs\.?\s{1,3}" + _SIDES + _RESULT + r")+\s*\.?\s*")
#: A side word right before a figure of a results line: the side it measures.
_SIDE_BEFORE = regex.compile(r"(?:^|\s)(loss|profit|gain)\s{1,2}$")


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


def results_line(text: str, start: int, end: int) -> TableCell | None:
    """What the figure at ``text[start:end]`` (absolute offsets into a document's text) measures when its line
    is a line of a results table (``Revs 6,318,000 vs 5,904,000`` -> "revs"): its label lower-cased, the
    label's side replaced by the figure's own ("Net loss 84,500 vs [profit] 131,200" -> "net profit"); None
    when the line is no such line. The label names no one the row is about; as the line holds nothing but it
    and figures, it says what each figure measures better than any word beside it (``whole``)."""
    line_start, line_end = _line_at(text, start)
    if end > line_end:
        return None
    line = _RESULTS_LINE.fullmatch(text, line_start, line_end)
    if line is None or start < line.end("label"):
        return None
    words = [*line.group("label").lower().split(), *([line.group("side")] if line.group("side") else [])]
    side = _SIDE_BEFORE.search(text, line.end("label"), start)
    if side and words[-1] in ("loss", "profit", "gain"):
        words[-1] = side.group(1)
    elif side:
        words.append(side.group(1))
    return TableCell(metric=" ".join(words), label="", whole=True)
