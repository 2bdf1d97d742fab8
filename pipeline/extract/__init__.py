"""The extract wing: sentences -> :class:`~pipeline.types.Claim` rows.

``grammar`` compiles the quantity rule files; ``quantities`` finds numbers with scale, unit and bound;
``numwords`` reads number words; ``units`` maps unit words to codes. ``claim_rules`` loads the claim
rules; ``non_claims`` drops found quantities that are not claims by their context; ``ranks`` finds
ranks; ``kinds`` decides kinds; ``metric`` finds what is measured; ``context`` picks subjects; ``period``
picks periods; ``claims`` assembles claims; ``ner`` runs the spaCy model (imported only when it is used);
``stage`` ties them.

The package is also callable, because the API function of the same name lives here too:
``pipeline.extract(text)`` is :func:`pipeline.api.extract`.
"""
from __future__ import annotations

import sys
import types
from typing import Any


class _ExtractWing(types.ModuleType):
    """The ``pipeline.extract`` package; calling it runs :func:`pipeline.api.extract`."""

    def __call__(self, text: str, **options: Any) -> Any:
        from ..api import extract

        return extract(text, **options)


sys.modules[__name__].__class__ = _ExtractWing
