"""Python API: the claims of one text as a pandas DataFrame with the claims.csv columns."""
from __future__ import annotations

import logging
from functools import lru_cache
from typing import TYPE_CHECKING

from .ids import doc_id
from .outputs.writers import CLAIM_COLUMNS, CLAIM_TYPES
from .outputs.review import REVIEW_COLUMNS
from .types import RawDoc

if TYPE_CHECKING:
    import pandas as pd

    from .clean.page import CleanConfig
    from .extract.stage import Extractor

log = logging.getLogger(__name__)

#: Columns of the returned frame: exactly those of claims.csv, review columns last.
COLUMNS = (*(c for c in CLAIM_COLUMNS if c not in REVIEW_COLUMNS), *REVIEW_COLUMNS)


@lru_cache(maxsize=1)
def _extractor() -> Extractor:
    from .extract.stage import load_extractor

    return load_extractor()


@lru_cache(maxsize=1)
def _clean_config() -> CleanConfig:
    from .clean.page import load_clean_config

    return load_clean_config()


def frame(records: list[dict[str, object]]) -> pd.DataFrame:
    """Claim records as a DataFrame with the claims.csv columns: int64 offsets, float64 value, text as strings."""
    import pandas as pd

    blank = dict.fromkeys(REVIEW_COLUMNS, "")
    data = pd.DataFrame.from_records([{**blank, **r} for r in records], columns=list(COLUMNS))
    return data.astype({c: CLAIM_TYPES.get(c, "string") for c in COLUMNS})


def extract(text: str, *, clean: bool = False, source: str = "<text>") -> pd.DataFrame:
    """Claims of ``text``, one row per claim, with the claims.csv columns and dtypes.

    ``clean=False`` treats every blank-line separated block as article text; ``clean=True`` first drops
    page clutter with the clutter rules. Offsets ``start``/``end`` index ``text`` itself.
    """

    from .clean.page import clean as clean_page
    from .clean.page import passthrough
    from .extract.stage import extract_many
    from .clean.segment import segment

    doc = RawDoc(doc_id=doc_id(text.encode("utf-8", "surrogatepass")), source=source, text=text)
    if not text.strip():
        return frame([])
    article = clean_page(doc, _clean_config()) if clean else passthrough(doc)
    claims = extract_many([(article, segment(article))], _extractor())[0]
    log.debug("%s: %d claims", source, len(claims))
    return frame([c.as_row() for c in claims])
