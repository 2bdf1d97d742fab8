"""newsclaims: numeric claims from scraped news pages, with exact provenance.

``pipeline.extract(text)`` gives the claims of one text as a DataFrame, ``pipeline.extract_many`` those of a
list of texts in one DataFrame, ``pipeline.read_claims(run_dir)`` a run's claims (see :mod:`pipeline.api`).
"""
from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

from . import extract  # noqa: E402  (the extract wing; calling it is pipeline.api.extract)

__all__ = ["__version__", "extract", "extract_many", "read_claims"]


def __getattr__(name: str) -> Any:
    """``pipeline.extract_many`` and ``pipeline.read_claims`` are those of :mod:`pipeline.api`, imported on
    first use."""
    if name in ("extract_many", "read_claims"):
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
