"""Rebuild the parser-fixture claims sentences (a claims gold set) from a checkout of postlight/parser, whose
saved pages the repository must not contain.

The sentences come from the saved web pages the parser library postlight/parser (MIT/Apache-2.0) keeps as test
fixtures: ``fixtures/<site>.html``, one or two pages a site, most of them news and magazine articles of 2016-2019.
The article text of a page is ``trafilatura.extract(html, include_comments=False, include_tables=False,
favor_precision=True)`` of the page read as UTF-8 (undecodable bytes replaced); its paragraphs are the lines of
that text. Only pointers are kept under ``benchmarks/gold/``:

- ``parser_sentences.csv``: ``n`` (1-based line), ``fixture`` (file name under ``fixtures/``), ``html_sha1`` (of the
  page's bytes), ``para`` (0-based line index in the extracted text), ``start``, ``end`` (character offsets in that
  line) and ``sha1`` (of the sentence, UTF-8).
- ``parser_claims.csv``: the gold claims (columns as ``news2020_claims.csv``, sources ``parser_sentences.jsonl#N``,
  ``set`` naming the draw).

    python benchmarks/build_parser_sentences.py --parser DIR [--out-dir outputs/bench]

writes ``OUT/parser_sentences.jsonl`` (each line ``{"text": sentence, "id": "parser:<fixture>:<n>"}``). Exit status
1, writing nothing, when a page or a line is missing, a page's sha1 differs (another revision of the checkout) or a
sentence's sha1 differs on an unchanged page (another version of trafilatura: the pointers were made with
``TRAFILATURA``); the message names the line.
"""
from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_sentences import pointer_set_main, sha1  # noqa: E402

HERE = Path(__file__).resolve().parent
DEFAULT_POINTERS = HERE / "gold" / "parser_sentences.csv"
SENTENCES_OUT = "parser_sentences.jsonl"
#: Where the saved pages sit in a checkout of postlight/parser.
FIXTURES = Path("fixtures")
#: The trafilatura version the pointers were made with, and the options of its extract call.
TRAFILATURA = "2.3.1"
EXTRACT_OPTIONS = {"include_comments": False, "include_tables": False, "favor_precision": True}


def trafilatura_version() -> str:
    """Version of the installed trafilatura ('none' when it is not installed)."""
    try:
        import trafilatura
    except ImportError:
        return "none"
    return str(trafilatura.__version__)


def article_lines(html: bytes) -> list[str]:
    """The lines of trafilatura's article text of a page (its bytes read as UTF-8, bad bytes replaced)."""
    import trafilatura

    text = trafilatura.extract(html.decode("utf-8", errors="replace"), **EXTRACT_OPTIONS) or ""
    return text.split("\n")


def _drift(what: str) -> str:
    installed = trafilatura_version()
    if installed == TRAFILATURA:
        return f"{what} (pointers made with trafilatura {TRAFILATURA}, the installed version: did one of its " \
               "dependencies change?)"
    return f"{what} (pointers made with trafilatura {TRAFILATURA}, this is trafilatura {installed}: " \
           f"install {TRAFILATURA})"


def pointed_sentences(root: Path, pointers: list[dict[str, str]], *, folder: Path, key: str, option: str, repo: str,
                      read_lines: Callable[[bytes], list[str]],
                      id_of: Callable[[str, str], str]) -> list[dict[str, str]]:
    """The JSONL records (``{"text", "id"}``, one a pointer row, in order) for ``pointers`` whose column ``key``
    names a page under ``root / folder`` (``root``: a checkout of the repository ``repo`` given as ``option``),
    each page's lines read once by ``read_lines`` from its bytes; ``id_of(page, n)`` is a record's id. Raises OSError on a missing page or
    trafilatura, ValueError on a page or sentence whose sha1 does not match or a missing line; messages name the
    line."""
    if trafilatura_version() == "none":
        raise OSError(f"trafilatura is not installed (the pointers were made with trafilatura {TRAFILATURA})")
    pages: dict[str, list[str]] = {}
    records = []
    for row in pointers:
        where = f"line {row['n']}"
        page = row[key]
        if page not in pages:
            path = root / folder / page
            if not path.is_file():
                raise OSError(f"{where}: missing {path} (is {option} a checkout of {repo}?)")
            raw = path.read_bytes()
            if hashlib.sha1(raw).hexdigest() != row["html_sha1"]:
                raise ValueError(f"{where}: sha1 mismatch for the page {page}: another revision of the "
                                 f"{repo.rsplit('/', 1)[-1]} checkout")
            pages[page] = read_lines(raw)
        lines = pages[page]
        para = int(row["para"])
        if not 0 <= para < len(lines):
            raise ValueError(_drift(f"{where}: no line {para} in the text of {page}"))
        text = lines[para][int(row["start"]):int(row["end"])]
        if sha1(text) != row["sha1"]:
            raise ValueError(_drift(f"{where}: sha1 mismatch for the sentence of {page} line {para}"))
        records.append({"text": text, "id": id_of(page, row["n"])})
    return records


def build(root: Path, pointers: list[dict[str, str]]) -> list[dict[str, str]]:
    """The JSONL records for ``pointers`` (rows of ``parser_sentences.csv``) read from the checkout ``root``
    (:func:`pointed_sentences`)."""
    return pointed_sentences(root, pointers, folder=FIXTURES, key="fixture", option="--parser",
                             repo="postlight/parser", read_lines=article_lines, id_of=lambda page, n: f"parser:{page}:{n}")


def main(argv: list[str] | None = None) -> int:
    return pointer_set_main(argv, prog="build_parser_sentences", description=__doc__.split("\n")[0], source="parser",
                            source_help="checkout of postlight/parser (holds fixtures/)", build=build, pointers=DEFAULT_POINTERS,
                            out_name=SENTENCES_OUT)

if __name__ == "__main__":
    sys.exit(main())
