"""Rebuild the fundus claims sentences (a claims gold set) from a checkout of the fundus source tree, whose test
data the repository must not contain.

The sentences come from the hand-checked articles the news-crawling library fundus (flairNLP/fundus, MIT) keeps as
parser test data: ``tests/resources/parser/test_data/<country>/<Publisher>.json``, each mapping parser versions
(``V1``, ``V1_1``...) to one article with a ``body`` of ``summary`` paragraphs and ``sections`` (``headline``,
``paragraphs``). Only pointers are kept under ``benchmarks/gold/``:

- ``fundus_sentences.csv``: ``n`` (1-based line), ``country``, ``publisher``, ``version``, ``para`` (0-based index in
  the article's paragraphs: the summary's, then each section's, in order; headlines left out), ``start``, ``end``
  (character offsets in that paragraph) and ``sha1`` (of the sentence, UTF-8).
- ``fundus_claims.csv``: the gold claims (columns as ``news2020_claims.csv``, sources ``fundus_sentences.jsonl#N``,
  ``set`` naming the draw).
- ``fundus2_sentences.csv``, ``fundus2_claims.csv``: a second draw of the same articles (``check16``) sharing no
  sentence with the first, in the same columns; build it with ``--pointers benchmarks/gold/fundus2_sentences.csv``
  and another ``--out-dir``.
- ``fundus3_sentences.csv``, ``fundus3_claims.csv``: a third draw (``check17``, 150 sentences) sharing no sentence
  with the first two; ``--pointers benchmarks/gold/fundus3_sentences.csv`` and another ``--out-dir``.

    python benchmarks/build_fundus_sentences.py --fundus DIR [--out-dir outputs/bench]

writes ``OUT/fundus_sentences.jsonl`` (each line ``{"text": sentence, "id": "fundus:<publisher>:<version>:<n>"}``).
Exit status 1, writing nothing, when a file, version or paragraph is missing or a sentence's sha1 no longer matches
(another revision of the checkout); the message names the line.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_sentences import pointer_set_main, sha1  # noqa: E402

HERE = Path(__file__).resolve().parent
DEFAULT_POINTERS = HERE / "gold" / "fundus_sentences.csv"
SENTENCES_OUT = "fundus_sentences.jsonl"
#: Where the articles sit in a checkout of flairNLP/fundus.
TEST_DATA = Path("tests/resources/parser/test_data")


def paragraphs(article: dict) -> list[str]:
    """An article's paragraphs in reading order: the summary's, then each section's (headlines left out)."""
    body = article.get("body") or {}
    out = list(body.get("summary") or [])
    for section in body.get("sections") or []:
        out += list(section.get("paragraphs") or [])
    return out


def build(root: Path, pointers: list[dict[str, str]]) -> list[dict[str, str]]:
    """The JSONL records (``{"text", "id"}``, one a pointer row, in order) for ``pointers`` (rows of
    ``fundus_sentences.csv``) read from the checkout ``root``. Raises OSError on a missing file, ValueError on a
    missing version or paragraph or a sentence whose sha1 does not match; messages name the line."""
    files: dict[tuple[str, str], dict] = {}
    records = []
    for row in pointers:
        where = f"line {row['n']}"
        key = (row["country"], row["publisher"])
        if key not in files:
            path = root / TEST_DATA / row["country"] / f"{row['publisher']}.json"
            if not path.is_file():
                raise OSError(f"{where}: missing {path} (is --fundus a checkout of flairNLP/fundus?)")
            files[key] = json.loads(path.read_text(encoding="utf-8"))
        article = files[key].get(row["version"])
        if article is None:
            raise ValueError(f"{where}: no version {row['version']} in {row['country']}/{row['publisher']}.json")
        pars = paragraphs(article)
        para = int(row["para"])
        if not 0 <= para < len(pars):
            raise ValueError(f"{where}: no paragraph {para} in {row['publisher']} {row['version']}")
        text = pars[para][int(row["start"]):int(row["end"])]
        if sha1(text) != row["sha1"]:
            raise ValueError(f"{where}: sha1 mismatch for {row['publisher']} {row['version']} paragraph {para}: "
                             "another revision of the fundus checkout")
        records.append({"text": text, "id": f"fundus:{row['publisher']}:{row['version']}:{row['n']}"})
    return records


def main(argv: list[str] | None = None) -> int:
    return pointer_set_main(argv, prog="build_fundus_sentences", description=__doc__.split("\n")[0], source="fundus",
                            source_help="checkout of flairNLP/fundus (holds tests/)", build=build, pointers=DEFAULT_POINTERS,
                            out_name=SENTENCES_OUT)

if __name__ == "__main__":
    sys.exit(main())
