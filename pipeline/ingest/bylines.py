"""Author names as inputs give them: a crawler's list, a ``;``-joined string, or a byline whose parts name a role.

Extractors and crawlers write a byline's parts as separate authors ("Jane Doe, Energy Correspondent" becomes
``Jane Doe; Energy Correspondent``); documents.csv's ``author`` keeps the people only.
"""
from __future__ import annotations

import re
from typing import Any

#: A part of a byline that names a role, not a person ("Energy Correspondent", "Staff Writer", "Editor").
ROLE = re.compile(
    r"(?i)\b(?:correspondents?|editors?|reporters?|writers?|columnists?|journalists?|analysts?|presenters?|"
    r"contributors?|staff|desk)\b"
)
#: Separator of the authors in one cell.
SEPARATOR = "; "


def author_names(value: Any) -> str:
    """The people of an author field as one cell: ``"Jane Doe; Ann Lee"`` from a list of names, a ``;``-joined
    string or either with role parts ("Energy Correspondent", also after a comma: "Ann Lee, Energy
    Correspondent"), which are left out; a field that names only roles is kept as given (a role beats an empty
    cell). Non-string items of a list are written with ``str``;
    blank parts are dropped; "" for None or an empty list."""
    if value is None:
        return ""
    items = value if isinstance(value, (list, tuple)) else [value]
    parts = [p.strip() for item in items for p in str(item).split(";")]
    parts = [p for p in parts if p]
    people = [person for p in parts if (person := _without_role(p))]
    return SEPARATOR.join(people or parts)


def _without_role(part: str) -> str:
    """``part`` without its comma-separated role pieces ("Ann Lee, Energy Correspondent" -> "Ann Lee"; "Doe,
    Jane" stays); "" when every piece is a role."""
    if not ROLE.search(part):
        return part
    return ", ".join(p.strip() for p in part.split(",") if p.strip() and not ROLE.search(p))
