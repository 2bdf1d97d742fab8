"""Terminal control sequences are blanked before the number grammar reads a sentence."""
from __future__ import annotations

import pytest

from pipeline.extract.controls import CONTROL, blank_controls, blank_sentences
from pipeline.types import Sentence


@pytest.mark.parametrize("text", [
    "cut \x1b[0m to $7 billion",
    "cut \x1b[1;32m to 9",
    "grew \x9b44m fast",
    "read \x1b]8;;https://x.test/p9\x1b\\here\x1b]8;;\x1b\\ now",
    "read \x1b]2;title 55\x07 now",
    "a \x1bP1$r 12 \x1b\\ b",
    "save \x1b7 and \x1b8 restore \x1b(B",
    "nul\x00 bell\x07 del\x7f c1\x85 end",
])
def test_controls_blanked_to_same_length(text: str) -> None:
    out = blank_controls(text)
    assert len(out) == len(text)
    assert not CONTROL.search(out)
    assert not any(ord(c) < 0x20 and c not in "\t\n\r" or 0x7f <= ord(c) <= 0x9f for c in out)
    assert all(o in (t, " ") for o, t in zip(out, text, strict=True))


def test_tab_newline_cr_and_plain_text_kept() -> None:
    text = "a\tb\nc\r\nd 42 % — ü"
    assert blank_controls(text) is text


def test_blank_sentences_keeps_offsets() -> None:
    sents = [Sentence(0, 0, 10, 30, "up \x1b[0m to $4 million"), Sentence(0, 1, 31, 35, "fine")]
    out = blank_sentences(sents)
    assert out[0].text == "up      to $4 million" and (out[0].start, out[0].end) == (10, 30)
    assert out[1] is sents[1]


@pytest.mark.parametrize(("text", "wanted", "bogus"), [
    ("Profit fell \x1b[0m to $3 million last year.", "$3 million", ("0", "3,000,000")),
    ("The firm hired \x9b31m 40 new staff.", "40", ("31", "31m")),
    ("Sales hit \x1b]8;;https://shop.test/a8\x1b\\120 units\x1b]8;;\x1b\\ in May.", "120", ("8",)),
])
def test_escapes_make_no_claims(text: str, wanted: str, bogus: tuple[str, ...]) -> None:
    from pipeline.api import extract

    df = extract(text)
    quantities = list(df["quantity"])
    assert wanted in quantities
    assert not set(quantities) & set(bogus)
    assert df["value_max"].isna().all()  # no range across an escape
    for row in df.itertuples():
        assert text[row.start:row.end] == row.quantity
        assert not CONTROL.search(row.sentence)

