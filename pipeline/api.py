"""Python API: the claims of texts as a pandas DataFrame with the claims.csv columns and dtypes.

``pipeline.extract`` takes one text, ``pipeline.extract_many`` a list of texts at once (NER batched over
them); both take the one document path of :mod:`pipeline.document`, as a run does. ``pipeline.read_claims``
reads a run folder's claims back as the same typed frame.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .document import load_stages, process_documents, text_doc
from .errors import Errors, UsageError
from .outputs.contract import CLAIM_COLUMNS, CLAIM_TYPES, claim_row, claim_rows
from .outputs.reader import read_claims as read_claims_table
from .outputs.reader import shown, text_cell
from .types import RawDoc

if TYPE_CHECKING:
    import pandas as pd

log = logging.getLogger(__name__)

#: Columns of the returned frames: exactly those of claims.csv, review columns last.
COLUMNS = CLAIM_COLUMNS


def frame(records: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Claim records as a DataFrame with the claims.csv columns: int64 offsets, float64 value, text as strings."""
    import pandas as pd

    data = pd.DataFrame.from_records([claim_row(r) for r in records], columns=list(COLUMNS))
    return data.astype({c: CLAIM_TYPES.get(c, "string") for c in COLUMNS})


def claims_frame(docs: Iterable[RawDoc], clean: bool = False) -> pd.DataFrame:
    """Claims of ``docs`` in one DataFrame, documents in input order (:class:`DocumentError` E120 on a failure)."""
    rows: list[dict[str, Any]] = []
    for result in process_documents(docs, load_stages(), clean=clean, strict=True):
        log.debug("%s: %d claims", result.doc.source, len(result.claims))
        rows += claim_rows(result.claims)
    return frame(rows)


def extract(text: str, *, clean: bool = False, source: str = "<text>") -> pd.DataFrame:
    """Claims of ``text``, one row per claim, with the claims.csv columns and dtypes.

    ``clean=False`` treats every blank-line separated block as article text; ``clean=True`` first drops
    page clutter with the clutter rules. Offsets ``start``/``end`` index ``text`` itself. Raises
    :class:`~pipeline.errors.DocumentError` (E120) when the text cannot be processed.
    """
    return claims_frame([text_doc(text, source)], clean)


def extract_many(texts: Iterable[str], *, clean: bool = False, sources: Iterable[str] | None = None) -> pd.DataFrame:
    """Claims of every text in one DataFrame (claims.csv columns and dtypes), texts in input order.

    The ``source`` of the Nth text (counted from 1) is ``<text>#N`` unless ``sources`` names each text, and
    ``doc_id`` comes from each text's bytes: both tell the texts' rows apart. ``clean`` and offsets as in
    :func:`extract`. NER reads the candidate sentences of many texts at once, which is faster than one
    :func:`extract` per text. Raises :class:`~pipeline.errors.UsageError` when ``texts`` is one string
    (E122) or ``sources`` and ``texts`` differ in number (E121), :class:`~pipeline.errors.DocumentError`
    (E120) for a text that fails.
    """
    if isinstance(texts, str):
        raise UsageError(Errors.E122)
    texts = list(texts)
    names = [f"<text>#{n}" for n in range(1, len(texts) + 1)] if sources is None else list(sources)
    if len(names) != len(texts):
        raise UsageError(Errors.E121.format(texts=len(texts), sources=len(names)))
    return claims_frame((text_doc(t, name) for t, name in zip(texts, names, strict=True)), clean)


def read_claims(run_dir: str | Path) -> pd.DataFrame:
    """The claims of a run folder (or of a claims file: CSV as written or as a spreadsheet re-saved it,
    ``.xlsx``, ``.jsonl``) as a DataFrame with the claims.csv columns and dtypes: int64 offsets, float64
    value (NaN when blank), every other column a string (ids and periods stay text: a period a spreadsheet
    turned into ``1999.0`` reads ``1999``); an offset column with a
    blank or broken cell is pandas' nullable Int64 instead. Columns the file lacks
    are blank; extra columns are dropped. Raises :class:`~pipeline.errors.UsageError` E060 (no claims file),
    E061 (no claim_id column), E062/E190 (unreadable)."""
    import pandas as pd

    _, rows = read_claims_table(Path(run_dir))
    records = [{c: shown(r.get(c, "")) for c in COLUMNS} for r in rows]
    for record in records:
        record["period"] = text_cell(record["period"])
    data = pd.DataFrame.from_records(records, columns=list(COLUMNS))
    for column, kind in CLAIM_TYPES.items():
        numbers = pd.to_numeric(data[column].replace("", None), errors="coerce")
        if kind == "int64":
            data[column] = numbers.astype("Int64" if numbers.isna().any() else "int64")
        else:
            data[column] = numbers.astype("float64")
    return data.astype({c: "string" for c in COLUMNS if c not in CLAIM_TYPES})
