from __future__ import annotations

import pytest

from pipeline.ingest.bylines import author_names


@pytest.mark.parametrize(
    "value,expected",
    [
        (["Jane Doe", "Ann Lee"], "Jane Doe; Ann Lee"),
        ("Jane Doe; Energy Correspondent", "Jane Doe"),
        ("Jane Doe; Ann Lee; Staff Writer", "Jane Doe; Ann Lee"),
        (["Jane Doe", "Political Editor"], "Jane Doe"),
        ("Ann Lee, Energy Correspondent", "Ann Lee"),
        ("Doe, Jane", "Doe, Jane"),
        ("Business Desk", "Business Desk"),  # only a role: kept rather than lost
        ("  Jane Doe ;; ", "Jane Doe"),
        ([], ""),
        (None, ""),
        ([7, "Jane Doe"], "Jane Doe"),  # written with str, then a part holding a digit is a date, no person
        ("Lena Ortiz; April", "Lena Ortiz"),  # "By Lena Ortiz | April 10, 2024" as an extractor splits it
        (["Ann Lee", "May 2, 2023"], "Ann Lee"),
        ("Jane Doe; 2 hours ago", "Jane Doe"),
        ("May Lee; April Ryan", "May Lee; April Ryan"),
        ("April", "April"),  # alone: kept as given
    ],
)
def test_author_names_keep_the_people(value, expected):
    assert author_names(value) == expected
