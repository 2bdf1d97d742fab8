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
#: A part of a byline that is its date, not a person: a month alone ("April"), or any part holding a digit
#: ("April 10, 2024", "2 hours ago"); "May Lee" is a person.
DATE_PART = re.compile(
    r"(?i)^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?$|\d"
)
#: Separator of the authors in one cell.
SEPARATOR = "; "


def author_names(value: Any) -> str:
    """The people of an author field as one cell: ``"Jane Doe; Ann Lee"`` from a list of names, a ``;``-joined
    string or either with role parts ("Energy Correspondent", also after a comma: "Ann Lee, Energy
    Correspondent"), which are left out, and date parts an extractor split off a byline ("By Lena Ortiz | April
    10, 2024" read as ``Lena Ortiz; April``: :data:`DATE_PART`), which are dropped; a field that names only roles
    is kept as given (a role beats an empty cell). Non-string items of a list are written with ``str``;
    blank parts are dropped; "" for None or an empty list."""
    if value is None:
        return ""
    items = value if isinstance(value, (list, tuple)) else [value]
    parts = [p.strip() for item in items for p in str(item).split(";")]
    parts = [p for p in parts if p and not (len(parts) > 1 and DATE_PART.search(p))]
    people = [person for p in parts if (person := _without_role(p))]
    return SEPARATOR.join(people or parts)


def _without_role(part: str) -> str:
    """``part`` without its comma-separated role pieces ("Ann Lee, Energy Correspondent" -> "Ann Lee"; "Doe,
    Jane" stays); "" when every piece is a role."""
    if not ROLE.search(part):
        return part
    return ", ".join(p.strip() for p in part.split(",") if p.strip() and not ROLE.search(p))
