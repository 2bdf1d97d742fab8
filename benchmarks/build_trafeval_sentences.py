"""Rebuild the trafilatura-evaluation claims sentences (a claims gold set) from a checkout of adbar/trafilatura,
whose saved pages the repository must not contain.

The sentences come from the saved web pages trafilatura (Apache-2.0) keeps for its own evaluation: the pages listed
in ``tests/evaldata.json``, saved under ``tests/eval/`` and ``tests/cache/``; English news and magazine articles
only, mostly 2015-2023. The article text of a page is ``trafilatura.extract(html, include_comments=False,
include_tables=False, favor_precision=True)`` of the page's bytes (trafilatura decodes them itself); its
paragraphs are the lines of that text. Only pointers are kept under ``benchmarks/gold/``:

- ``trafeval_sentences.csv``: ``n`` (1-based line), ``page`` (path under the checkout's ``tests/``, e.g.
  ``eval/<file>.html``), ``html_sha1`` (of the page's bytes), ``para`` (0-based line index in the extracted text),
  ``start``, ``end`` (character offsets in that line) and ``sha1`` (of the sentence, UTF-8).
- ``trafeval_claims.csv``: the gold claims (columns as ``news2020_claims.csv``, sources
  ``trafeval_sentences.jsonl#N``, ``set`` naming the draw).

    python benchmarks/build_trafeval_sentences.py --trafilatura DIR [--out-dir outputs/bench]

writes ``OUT/trafeval_sentences.jsonl`` (each line ``{"text": sentence, "id": "trafeval:<page file>:<n>"}``). Exit
status 1, writing nothing, when a page or a line is missing, a page's sha1 differs (another revision of the
checkout) or a sentence's sha1 differs on an unchanged page (another version of trafilatura: the pointers were
made with ``TRAFILATURA``); the message names the line.
"""
from __future__ import annotations

import sys
from pathlib import Path, PurePosixPath

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_parser_sentences import (  # noqa: E402,F401 - the version the pointers were made with is read by the tests
    EXTRACT_OPTIONS, TRAFILATURA, pointed_sentences, trafilatura_version)
from build_sentences import pointer_set_main  # noqa: E402

HERE = Path(__file__).resolve().parent
DEFAULT_POINTERS = HERE / "gold" / "trafeval_sentences.csv"
SENTENCES_OUT = "trafeval_sentences.jsonl"
#: Where the saved pages sit in a checkout of adbar/trafilatura (``page`` is relative to it).
TESTS = Path("tests")


def article_lines(html: bytes) -> list[str]:
    """The lines of trafilatura's article text of a page, extracted from its bytes."""
    import trafilatura

    text = trafilatura.extract(html, **EXTRACT_OPTIONS) or ""
    return text.split("\n")


def build(root: Path, pointers: list[dict[str, str]]) -> list[dict[str, str]]:
    """The JSONL records for ``pointers`` (rows of ``trafeval_sentences.csv``) read from the checkout ``root``
    (:func:`build_parser_sentences.pointed_sentences`)."""
    return pointed_sentences(root, pointers, folder=TESTS, key="page", option="--trafilatura",
                             repo="adbar/trafilatura", read_lines=article_lines,
                             id_of=lambda page, n: f"trafeval:{PurePosixPath(page).name}:{n}")


def main(argv: list[str] | None = None) -> int:
    return pointer_set_main(argv, prog="build_trafeval_sentences", description=__doc__.split("\n")[0],
                            source="trafilatura", source_help="checkout of adbar/trafilatura (holds tests/eval/ "
                            "and tests/cache/)", build=build, pointers=DEFAULT_POINTERS, out_name=SENTENCES_OUT)


if __name__ == "__main__":
    sys.exit(main())
