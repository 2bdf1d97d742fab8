"""Tests for pipeline.ingest.decode: BOMs, detection, binary and gzip sniffing, bounds."""
from __future__ import annotations

import codecs
import gzip
import tracemalloc

import pytest

from pipeline.ingest import decode as dec

TEXT = "Exports rose 4.5% to \u20ac1,250 million in 2023 \u2014 a record, officials said.\n"
ZH = "\u8be5\u6e2f\u53e32023\u5e74\u96c6\u88c5\u7bb1\u541e\u5410\u91cf\u8fbe\u5230320\u4e07\u6807\u51c6\u7bb1\uff0c\u540c\u6bd4\u589e\u957f4.5%\u3002\n"
WESTERN = "Caf\u00e9 owners in M\u00fcnchen said prices rose \u201cabout 5%\u201d \u2013 the highest since 2008.\n"
CYRILLIC = "\u042d\u043a\u0441\u043f\u043e\u0440\u0442 \u0432\u044b\u0440\u043e\u0441 \u043d\u0430 4,5% \u0432 2023 \u0433\u043e\u0434\u0443, \u0441\u043e\u043e\u0431\u0449\u0438\u043b\u043e \u043c\u0438\u043d\u0438\u0441\u0442\u0435\u0440\u0441\u0442\u0432\u043e.\n"


@pytest.mark.parametrize(
    "data,encoding",
    [
        (codecs.BOM_UTF8 + TEXT.encode(), "utf-8"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"), "utf-32-le"),
    ],
)
def test_bom_decides_and_is_stripped(data, encoding):
    out = dec.decode(data)
    assert out.encoding == encoding
    assert out.text == TEXT
    assert not out.error


@pytest.mark.parametrize(
    "text,codec,expected",
    [
        (TEXT, "utf-8", "utf-8"),
        (ZH * 3, "gb18030", "gb18030"),
        (ZH * 3, "gbk", "gb18030"),
        (WESTERN * 3, "cp1252", "cp1252"),
        (CYRILLIC * 3, "cp1251", "cp1251"),
        (TEXT * 3, "utf-16-le", "utf-16-le"),
        ("Plain ASCII text in UTF-16, 42 units.\n" * 3, "utf-16-le", "utf-16-le"),
        ("Plain ASCII text in UTF-16, 42 units.\n" * 3, "utf-16-be", "utf-16-be"),
    ],
)
def test_detects_encoding_without_bom(text, codec, expected):
    out = dec.decode(text.encode(codec))
    assert out.encoding == expected
    assert out.text == text


def test_invalid_utf8_bytes_are_replaced_not_fatal():
    data = TEXT.encode() + b"bad \xff\xfe\xc3 bytes\n" + TEXT.encode()
    out = dec.decode(data)
    assert out.encoding == "utf-8"
    assert out.text.count("\ufffd") == 3
    assert out.text.startswith(TEXT) and out.text.endswith(TEXT)
    assert "replaced invalid bytes" in out.notes


@pytest.mark.parametrize(
    "declared,expected",
    [("gb2312", "gb18030"), ("GBK", "gb18030"), ("utf-8", "utf-8"), ("windows-1251", "cp1251")],
)
def test_html_declared_charset(declared, expected):
    head = f'<html><head><meta charset="{declared}"><title>t</title></head><body><p>'
    text = head + (ZH if expected == "gb18030" else CYRILLIC if expected == "cp1251" else TEXT) + "</p>"
    out = dec.decode(text.encode(expected), html=True)
    assert out.encoding == expected
    assert out.text == text


@pytest.mark.parametrize(
    "data,kind",
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "png"),
        (b"%PDF-1.7\n%\xe2\xe3", "pdf"),
        (b"PK\x03\x04" + bytes(50), "zip"),
        (gzip.compress(b"hello", mtime=0), "gzip"),
        (b"head\x00\x00\x01\x02tail" * 40, "binary"),
        (bytes(range(1, 9)) * 100, "binary"),
    ],
)
def test_binary_is_reported(data, kind):
    assert dec.sniff_binary(data) == kind
    out = dec.decode(data)
    assert out.error == ("binary file" if kind == "binary" else f"binary file ({kind})")
    assert out.text == ""


@pytest.mark.parametrize("text", [TEXT, ZH, WESTERN, "", "\t\n\r\f plain \x1b[0m"])
def test_text_is_not_binary(text):
    assert dec.sniff_binary(text.encode()) == ""


def test_gunzip_round_trip_and_multi_member():
    data = gzip.compress(b"one ") + gzip.compress(b"two")
    assert dec.gunzip(data, 100) == b"one two"


@pytest.mark.parametrize(
    "data,limit,reason",
    [
        (gzip.compress(b"x" * 10_000, mtime=0)[:40], 100_000, "truncated"),
        (gzip.compress(b"x" * 10_000, mtime=0), 1_000, "too large"),
        (b"\x1f\x8b\x08\x00garbage-garbage", 1_000, "corrupt"),
    ],
)
def test_gunzip_bounds_and_damage(data, limit, reason):
    with pytest.raises(ValueError, match=reason):
        dec.gunzip(data, limit)


def test_gzip_bomb_stops_at_limit():
    bomb = gzip.compress(bytes(50_000_000))
    tracemalloc.start()
    try:
        with pytest.raises(ValueError, match="too large"):
            dec.gunzip(bomb, 1_000_000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 5_000_000  # a few times the limit, nowhere near the 50 MB the bomb holds


@pytest.mark.parametrize(
    "make,n",
    [(lambda k: b"9" * k, 12_500), (lambda k: b"1," * k, 25_000), (lambda k: b"word " * k, 500_000),
     (lambda k: ("Caf\u00e9 " * k).encode("cp1252"), 125_000)],
    ids=["nines", "digit-list", "20mb-line", "legacy-4mb"],
)
def test_decoding_is_fast_on_big_inputs(make, n, cost_growth):
    found = {}
    growth = cost_growth(lambda k: found.__setitem__(k, dec.decode(make(k))), n)
    assert growth.below_quadratic, growth
    assert len(found[8 * n].text) == len(make(8 * n))  # one character per byte for these inputs


@pytest.mark.parametrize(
    "declared,codec,text",
    [("utf-8", "gb18030", ZH * 4), ("shift_jis", "utf-8", ZH * 4), ("iso-8859-1", "utf-8", WESTERN)],
    ids=["utf8-declared-gbk-bytes", "sjis-declared-utf8-bytes", "latin1-declared-utf8-bytes"],
)
def test_wrong_declaration_loses_to_the_bytes(declared, codec, text):
    page = f'<html><head><meta charset="{declared}"></head><body><p>{text}</p></body></html>'
    assert dec.decode(page.encode(codec), html=True).text == page


def test_stray_nul_bytes_in_text_are_replaced_and_noted():
    data = (TEXT * 200).encode() + b"\x00" + (TEXT * 200).encode()
    out = dec.decode(data)
    assert not out.error
    assert out.text == TEXT * 200 + "\ufffd" + TEXT * 200
    assert "replaced NUL characters" in out.notes


# --- UTF-8 with a few bad bytes -------------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@pytest.mark.parametrize("name", ["mostly_utf8.txt", "mostly_utf8_declared.html"])
def test_mostly_utf8_page_is_utf8_with_replacement_characters(shared_datadir, name):
    data = (shared_datadir / "hostile" / name).read_bytes()
    out = dec.decode(data, html=name.endswith(".html"))
    assert out.encoding == "utf-8"
    assert "Zürich insurer’s profit rose to €3.75 billion" in out.text
    assert "Ã" not in out.text and "â€" not in out.text
    assert 0 < out.text.count("\ufffd") <= 20
    assert "replaced invalid bytes" in out.notes


def test_a_latin1_page_with_one_chance_utf8_pair_stays_latin1():
    text = ("Les soci\u00e9t\u00e9s de Z\u00fcrich ont gagn\u00e9 12 % en 2023. " * 4 + "GR\u00dc\u00df\u00bb. ").encode("cp1252")
    out = dec.decode(text)
    assert out.encoding == "cp1252"
    assert "soci\u00e9t\u00e9s" in out.text


#: Text that decodes to itself: no NUL or other control characters, no surrogates, no byte-order mark.
_TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufeff\ufffd")
                | st.sampled_from("\t\n\r"), max_size=400)
#: Bytes that are never valid UTF-8 on their own.
_BAD = st.sampled_from([b"\xff", b"\xfe", b"\xc0", b"\xc1", b"\xf8", b"\x80", b"\xbf", b"\xe2", b"\xf0\x9f"])


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_any_bytes_decode_without_exception(data):
    out = dec.decode(data)
    assert isinstance(out.text, str) and (out.error == "" or out.text == "")
    out_html = dec.decode(data, html=True)
    assert isinstance(out_html.text, str)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_valid_utf8_stays_exactly_itself(text):
    out = dec.decode(text.encode("utf-8"))
    assert out.text == text
    assert out.encoding == "utf-8"


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.lists(st.tuples(st.floats(0, 1), _BAD), min_size=1, max_size=3))
def test_utf8_page_with_a_few_bad_bytes_keeps_every_valid_character(body, bad):
    # a page: the generated text inside ordinary UTF-8 prose with a few non-ASCII characters
    text = "Zürich insurer’s profit rose to €3.75 billion in 2023. " * 3 + body + " Paragraph ends here.\n" * 4
    chars = list(text)
    cuts = sorted({int(f * len(chars)) for f, _ in bad})
    data, last = b"", 0
    for cut, (_, junk) in zip(cuts, bad):
        data += "".join(chars[last:cut]).encode() + junk
        last = cut
    data += "".join(chars[last:]).encode()
    out = dec.decode(data)
    assert out.encoding == "utf-8"
    assert out.text.replace("\ufffd", "") == text
