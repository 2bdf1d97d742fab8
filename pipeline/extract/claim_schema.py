"""The schema of ``rules/claims.toml``: the fields a claim rule may have, which of them are patterns, and what an
example may say of the claim made from its marked quantity.

Kept apart from :mod:`pipeline.extract.claim_rules` (which sorts the rules into families) because the quantity
grammar (:mod:`pipeline.extract.grammar`) reads the file's named word lists too, and the claim rules read the
grammar's tables: both import the schema from here.
"""
from __future__ import annotations

from ..rules import Schema

#: What an example of a claim rule may say of the claim made from its marked quantity.
CLAIM_EXAMPLE: dict[str, type | tuple[type, ...]] = {
    "kind": str, "value": float, "unit": str, "bound": str, "metric": str, "period": str, "direction": str,
    "subject": str,
}

SCHEMA = Schema(
    fields={
        "family": str,
        "role": str,
        "kind": str,
        "units": list,
        "not_units": list,
        "pattern": str,
        "before": str,
        "after": str,
        "clause": str,
        "stop": list,
        "determiners": list,
        "prepositions": list,
        "generic": list,
        "links": list,
        "times": list,
        "verb_nouns": list,
        "agents": list,
        "undergone": list,
        "two_objects": list,
        "kept_names": list,
        "place_nouns": list,
        "scope": str,
        "countries": list,
        "verbs": list,
        "labels": list,
        "words": list,
        "count_unit": str,
        "direction": str,
        "after_words": list,
        "signs": list,
        "format": str,
        "metric": str,
        "clause_labels": list,
        "relative": int,
        "ahead": bool,
        "participles": bool,
        "own_phrase": bool,
        "context_currency": bool,
        "fallback": list,
        "quantity": str,
        "traded": list,
        "name": str,
        "shift": int,
        "paragraph": str,
    },
    required=("id", "family", "description"),
    patterns=("pattern", "before", "after", "clause", "quantity", "paragraph"),
    example_fields=CLAIM_EXAMPLE,
    marks=True,
)
