"""newsclaims: numeric claims from scraped news pages, with exact provenance.

``pipeline.extract(text)`` gives the claims of one text as a DataFrame (see :mod:`pipeline.api`).
"""
from __future__ import annotations

__version__ = "0.1.0"

from . import extract  # noqa: E402  (the extract wing; calling it is pipeline.api.extract)

__all__ = ["__version__", "extract"]
