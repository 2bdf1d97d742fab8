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
        ([7, "Jane Doe"], "7; Jane Doe"),
    ],
)
def test_author_names_keep_the_people(value, expected):
    assert author_names(value) == expected
