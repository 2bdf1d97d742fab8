"""Tests for pipeline.language: the input's tag first, else py3langid's guess."""
from __future__ import annotations

import pytest

from pipeline.language import detect_language, document_language, language_tag


@pytest.mark.parametrize(
    "text,code",
    [
        ("Die Inflation lag im Mai bei 4,2 Prozent, wie das Statistische Bundesamt am Mittwoch mitteilte.", "de"),
        ("Giá phòng khách sạn ở Hà Nội là 250.000 đồng mỗi đêm trong tháng này.", "vi"),
        ("The central bank raised its main rate by a quarter point on Thursday, citing inflation.", "en"),
        ("Le taux de chômage a baissé à 7,1 % au troisième trimestre, selon l'Insee.", "fr"),
    ],
)
def test_detect_language(text: str, code: str) -> None:
    assert detect_language(text) == code


def test_too_short_a_text_has_no_language() -> None:
    assert detect_language("Up 3%.") == ""


@pytest.mark.parametrize("tag,code", [("en-US", "en"), ("pt_BR", "pt"), ("DE", "de"), ("English language", ""), ("", "")])
def test_language_tag(tag: str, code: str) -> None:
    assert language_tag(tag) == code


def test_the_input_tag_wins_over_the_guess() -> None:
    text = "The central bank raised its main rate by a quarter point on Thursday."
    assert document_language((("language", "de-DE"),), text) == ("de", False)
    assert document_language((), text) == ("en", True)
