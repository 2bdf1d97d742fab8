"""The extract wing: sentences -> :class:`~pipeline.types.Claim` rows.

``grammar`` compiles the quantity rule files; ``quantities`` finds numbers with scale, unit and bound;
``numwords`` reads number words; ``units`` maps unit words to codes; ``claims`` decides kinds, ranks,
metrics, subjects and periods and assembles claims; ``ner`` runs the spaCy model; ``stage`` ties them.

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
