"""newsclaims: numeric claims from scraped news pages, with exact provenance."""
from __future__ import annotations

__version__ = "0.1.0"

from .api import extract  # noqa: E402  (pipeline.extract(text) -> DataFrame)

__all__ = ["__version__", "extract"]
