"""newsclaims: numeric claims from scraped news pages, with exact provenance."""
from __future__ import annotations

__version__ = "0.1.0"
