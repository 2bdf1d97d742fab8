"""Rebuild the news-parser fixture sentences (a claims gold set) from public checkouts, which the repository
must not contain.

``benchmarks/gold/fixture_sentences.csv`` points at sentences of the reference article texts two open-source
news parsers keep as test fixtures (about 2010-2023): ``n`` (1-based line), ``folder`` (``np3k``: the
``tests/data/text`` folder of a checkout of codelucas/newspaper; ``np4k``: ``tests/data/txt`` of
AndyTheFactory/newspaper4k), ``file``, ``start``, ``end`` (character offsets in the file read as UTF-8) and the
sentence's ``sha1``. ``fixture_claims.csv`` holds the gold claims (columns as ``zyte_claims.csv``; sources
``fixture_sentences.jsonl#N``).

    python benchmarks/build_fixture_sentences.py --np3k DIR --np4k DIR [OUT]

Each JSONL line is ``{"text": sentence, "id": "fixture:<folder>:<file>:<start>"}``. Exit status 1 when a file is
missing or a sentence's sha1 no longer matches (a different revision of a checkout).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_sentences import read_pointers, sha1, write_jsonl  # noqa: E402

HERE = Path(__file__).resolve().parent
DEFAULT_POINTERS = HERE / "gold" / "fixture_sentences.csv"
DEFAULT_OUT = Path("outputs/bench/fixture_sentences.jsonl")
FOLDERS = {"np3k": Path("tests/data/text"), "np4k": Path("tests/data/txt")}


def build(roots: dict[str, Path], pointers: list[dict[str, str]]) -> list[dict[str, str]]:
    """The JSONL records for ``pointers`` read from the checkouts ``roots`` (folder name -> checkout root);
    raises ValueError on an unknown folder or a drifted sentence, OSError on a missing file."""
    texts: dict[tuple[str, str], str] = {}
    records = []
    for row in pointers:
        folder, name = row["folder"], row["file"]
        if folder not in roots:
            raise ValueError(f"line {row['n']}: unknown folder {folder!r}")
        if (folder, name) not in texts:
            texts[folder, name] = (roots[folder] / FOLDERS[folder] / name).read_bytes().decode("utf-8")
        text = texts[folder, name][int(row["start"]):int(row["end"])]
        if sha1(text) != row["sha1"]:
            raise ValueError(f"line {row['n']}: sha1 mismatch for {folder} {name}")
        records.append({"text": text, "id": f"fixture:{folder}:{name}:{row['start']}"})
    return records


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", nargs="?", type=Path, default=DEFAULT_OUT, help="JSONL to write")
    ap.add_argument("--np3k", type=Path, required=True, help="checkout of codelucas/newspaper")
    ap.add_argument("--np4k", type=Path, required=True, help="checkout of AndyTheFactory/newspaper4k")
    ap.add_argument("--pointers", type=Path, default=DEFAULT_POINTERS, help="pointer list (CSV)")
    args = ap.parse_args(argv)
    try:
        records = build({"np3k": args.np3k, "np4k": args.np4k}, read_pointers(args.pointers))
    except (OSError, ValueError) as exc:
        print(f"build_fixture_sentences: {exc}", file=sys.stderr)
        return 1
    write_jsonl(records, args.out)
    print(f"{len(records)} sentences -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
