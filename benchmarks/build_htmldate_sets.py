"""Rebuild the 2020 news sets (a claims gold set and a page set) from a checkout of the htmldate source tree, whose
test pages the repository must not contain.

Both sets are drawn from the saved pages htmldate (Apache-2.0) keeps for its evaluation: ``tests/test_set/`` listed by
``tests/eval_mediacloud_2020.json`` and ``tests/eval/`` listed by ``tests/eval_default.json``. Only pointers are kept
under ``benchmarks/gold/``:

- ``news2020_sentences.csv``: ``n`` (1-based line), ``set`` (``check11``: lines 1-160, ``check12``: 161-320, the
  two draws), ``json`` (the list naming the page), ``file`` (under the checkout's ``tests/``), ``start``, ``end``
  (character offsets in ``trafilatura.extract(html, include_comments=False, include_tables=False)``), ``sha1`` (of
  the sentence), ``page_sha1`` (of the page's bytes) and ``trafilatura`` (the version that made the text).
- ``news2020_pages.csv``: one row a page: ``name``, ``json``, ``url``, ``file``, ``sha1`` (page bytes),
  ``text_sha1`` (of ``trafilatura.extract(html)``), ``body_sha1`` (of the reference body), ``trafilatura``,
  ``site``, ``lang``, ``title`` (checked by eye), ``title_source`` (``derived``: the draft's guess kept; ``eye``:
  changed) and ``date`` (htmldate's gold publication date).
- ``news2020_body_edits.json``: per page, the corrections that turn the extractor's text into the reference body
  (see :data:`OPS`).

    python benchmarks/build_htmldate_sets.py --htmldate DIR [--out-dir outputs/bench] [--only sentences|pages]

writes ``OUT/news2020_sentences.jsonl`` (each line ``{"text": sentence, "id": "<set>:<page file>:<line in the
set>"}``) and ``OUT/news2020_pages/`` (``pages/<name>.html`` copies, ``pages/<name>.txt`` bodies, ``titles.csv``
as ``page_set_eval.py`` reads it, ``dates.csv``). Exit status 1, writing nothing more, when a file is missing or a
sha1 no longer matches: a page's bytes (another revision of the checkout), or the text made from unchanged bytes
(another version of trafilatura, or of BeautifulSoup/lxml for the bodies: the message names the version the
pointers were made with).
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import shutil
import sys
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_sentences import read_pointers, sha1, write_csv, write_jsonl  # noqa: E402

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold"
DEFAULT_SENTENCES = GOLD / "news2020_sentences.csv"
DEFAULT_PAGES = GOLD / "news2020_pages.csv"
DEFAULT_EDITS = GOLD / "news2020_body_edits.json"
DEFAULT_OUT = Path("outputs/bench")
SENTENCES_OUT = "news2020_sentences.jsonl"
PAGES_OUT = "news2020_pages"
#: The edit operations of ``news2020_body_edits.json`` (each edit ``{"op", "args", "why"}``), applied in order to
#: the lines of the extractor's text; a prefix names the first line (stripped) starting with it.
OPS = {
    "drop": "(prefix): drop every line starting with prefix",
    "drop_range": "(a, b): drop the lines from the one starting with a to the next one starting with b",
    "cut_from": "(prefix): drop that line and all after it",
    "cut_before": "(prefix): drop all before that line",
    "insert_before": "(anchor, [prefixes]): before the anchor line, the page's own blocks starting with the prefixes",
    "insert_after": "(anchor, [prefixes]): the same after the anchor line",
    "prepend": "([prefixes]): the page's own blocks first",
    "append": "([prefixes]): the page's own blocks last",
    "add_text_before": "(anchor, text): a short text (a heading) typed from the page, before the anchor line",
    "add_text_after": "(anchor, text): the same after the anchor line",
    "rebuild": "(css selector): the text is the page's own blocks matching the selector, in page order",
    "sub": "(regex, replacement): a substitution over the whole text (multiline)",
}
#: Tags whose text can be a block named by prefix (the smallest such element starting with it is taken).
BLOCK_TAGS = ["p", "h2", "h3", "h4", "h5", "li", "blockquote", "div", "span", "td"]
SPACE_BEFORE_PUNCT = re.compile(r" ([,.;:!?’”)])")

Extract = Callable[..., "str | None"]


class Drift(ValueError):
    """A pointer that no longer matches what the checkout and the installed extractor give."""


def trafilatura_version() -> str:
    """Version of the installed trafilatura ('none' when it is not installed)."""
    try:
        import trafilatura
    except ImportError:
        return "none"
    return str(trafilatura.__version__)


def default_extract(html: bytes, **options: Any) -> str | None:
    """``trafilatura.extract(html, **options)``: the text the pointers were made from."""
    import trafilatura
    return trafilatura.extract(html, **options)


def _blob_sha1(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


def _drift(what: str, recorded: str) -> str:
    """``what`` with the trafilatura version the pointers were made with and the installed one."""
    installed = trafilatura_version()
    if installed == recorded:
        return (f"{what} (pointers made with trafilatura {recorded}, the installed version: did one of its "
                "dependencies, such as lxml, or the pointer files change?)")
    return f"{what} (pointers made with trafilatura {recorded}, this is trafilatura {installed}: install {recorded})"


def read_page(root: Path, rel: str, expected_sha1: str, where: str) -> bytes:
    """The bytes of ``root/tests/rel``; raises OSError when it is missing, Drift when its sha1 is not
    ``expected_sha1`` (another revision of the checkout). ``where`` names the pointer in messages."""
    path = root / "tests" / rel
    if not path.is_file():
        raise OSError(f"{where}: missing {path} (is --htmldate a checkout of adbar/htmldate?)")
    data = path.read_bytes()
    if _blob_sha1(data) != expected_sha1:
        raise Drift(f"{where}: sha1 mismatch for {rel}: another revision of the htmldate checkout")
    return data


# ------------------------------------------------------------------------------------------- sentences


def build_sentences(root: Path, pointers: list[dict[str, str]],
                    extract: Extract = default_extract) -> list[dict[str, str]]:
    """The JSONL records (``{"text", "id"}``, one a pointer row, in order) for ``pointers`` (rows of
    ``news2020_sentences.csv``) read from the checkout ``root``; ``extract(html, include_comments=False,
    include_tables=False)`` makes a page's text. Line ids count from 1 in each ``set``. Raises OSError on a
    missing page, Drift on a page or sentence whose sha1 does not match."""
    texts: dict[str, str] = {}
    counts: dict[str, int] = {}
    records = []
    for row in pointers:
        where = f"line {row['n']}"
        rel = row["file"]
        if rel not in texts:
            data = read_page(root, rel, row["page_sha1"], where)
            texts[rel] = extract(data, include_comments=False, include_tables=False) or ""
        text = texts[rel][int(row["start"]):int(row["end"])]
        if sha1(text) != row["sha1"]:
            raise Drift(_drift(f"{where}: sha1 mismatch for the sentence of {rel}", row["trafilatura"]))
        counts[row["set"]] = counts.get(row["set"], 0) + 1
        records.append({"text": text, "id": f"{row['set']}:{Path(rel).name}:{counts[row['set']]}"})
    return records


# ------------------------------------------------------------------------------------------- page bodies


def _clean(text: str) -> str:
    return SPACE_BEFORE_PUNCT.sub(r"\1", " ".join(text.split()))


class Page:
    """A saved page's blocks, parsed once (BeautifulSoup with lxml; scripts, styles and noscript removed)."""

    def __init__(self, html: bytes, name: str) -> None:
        from bs4 import BeautifulSoup
        self.name = name
        self.soup = BeautifulSoup(html, "lxml")
        for node in self.soup(["script", "style", "noscript"]):
            node.decompose()

    def block(self, prefix: str) -> str:
        """Text (whitespace collapsed, no space before closing punctuation) of the smallest block element whose
        text starts with ``prefix``; raises Drift when none does."""
        best = None
        for el in self.soup.find_all(BLOCK_TAGS):
            text = _clean(el.get_text(" "))
            if text.startswith(prefix) and (best is None or len(text) < len(best)):
                best = text
        if best is None:
            raise Drift(f"{self.name}: no block of the page starts with {prefix!r}")
        return best

    def select(self, selector: str) -> list[str]:
        """Texts of the elements matching the CSS ``selector``, in page order, empty ones and repeats of the
        previous one left out."""
        lines: list[str] = []
        for el in self.soup.select(selector):
            text = _clean(el.get_text(" "))
            if text and (not lines or lines[-1] != text):
                lines.append(text)
        return lines


def _find(lines: list[str], prefix: str, name: str) -> int:
    for i, line in enumerate(lines):
        if line.strip().startswith(prefix):
            return i
    raise Drift(f"{name}: no line of the extracted text starts with {prefix!r}")


def apply_edits(text: str, html: bytes, edits: list[dict[str, Any]], name: str = "page") -> str:
    """The reference body: ``text`` (the extractor's, split in lines) after ``edits`` (see :data:`OPS`; ``html``
    is the page, read only by the ops that take its blocks), blank lines and trailing spaces dropped, ending
    in a newline. Raises Drift when an anchor or prefix is found nowhere, ValueError on an unknown op."""
    lines = text.rstrip("\n").split("\n")
    page: Page | None = None

    def the_page() -> Page:
        nonlocal page
        if page is None:
            page = Page(html, name)
        return page

    for edit in edits:
        op, args = edit["op"], edit["args"]
        if op == "drop":
            _find(lines, args[0], name)
            lines = [line for line in lines if not line.strip().startswith(args[0])]
        elif op == "drop_range":
            i = _find(lines, args[0], name)
            j = _find(lines[i:], args[1], name) + i
            del lines[i:j + 1]
        elif op == "cut_from":
            lines = lines[:_find(lines, args[0], name)]
        elif op == "cut_before":
            lines = lines[_find(lines, args[0], name):]
        elif op in ("insert_before", "insert_after"):
            i = _find(lines, args[0], name) + (op == "insert_after")
            lines[i:i] = [the_page().block(p) for p in args[1]]
        elif op in ("add_text_before", "add_text_after"):
            i = _find(lines, args[0], name) + (op == "add_text_after")
            lines[i:i] = [args[1]]
        elif op == "prepend":
            lines[0:0] = [the_page().block(p) for p in args[0]]
        elif op == "append":
            lines += [the_page().block(p) for p in args[0]]
        elif op == "rebuild":
            lines = the_page().select(args[0])
        elif op == "sub":
            lines = re.sub(args[0], args[1], "\n".join(lines), flags=re.M).split("\n")
        else:
            raise ValueError(f"{name}: unknown edit {op!r}")
    kept = [line.rstrip() for line in lines if line.strip()]
    return "\n".join(kept) + "\n"


def read_edits(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Page name -> its edits, from a body edits JSON (``{"trafilatura", "pages": {name: {"edits": [...]}}}``)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {name: entry["edits"] for name, entry in data["pages"].items()}


def build_pages(root: Path, rows: list[dict[str, str]], edits: dict[str, list[dict[str, Any]]],
                extract: Extract = default_extract) -> list[tuple[str, bytes, str]]:
    """``(name, page bytes, reference body)`` for each row of ``news2020_pages.csv`` read from the checkout
    ``root``; ``extract(html)`` makes the text the edits start from. Raises OSError on a missing page, Drift on a
    page, text or body whose sha1 does not match (or an edit that no longer applies), ValueError on a page with
    no edit list."""
    out = []
    for row in rows:
        name = row["name"]
        if name not in edits:
            raise ValueError(f"{name}: no edit list for the page (an empty list means none needed)")
        data = read_page(root, row["file"], row["sha1"], name)
        text = extract(data) or ""
        if sha1(text) != row["text_sha1"]:
            raise Drift(_drift(f"{name}: sha1 mismatch for the extracted text of {row['file']}", row["trafilatura"]))
        try:
            body = apply_edits(text, data, edits[name], name)
        except Drift as exc:
            raise Drift(_drift(str(exc), row["trafilatura"])) from None
        if sha1(body) != row["body_sha1"]:
            raise Drift(f"{name}: sha1 mismatch for the rebuilt body (another version of BeautifulSoup or lxml?)")
        out.append((name, data, body))
    return out


def write_page_set(rows: list[dict[str, str]], pages: list[tuple[str, bytes, str]], out: Path) -> None:
    """Write the page set folder ``out``: ``pages/<name>.html`` and ``pages/<name>.txt``, ``titles.csv``
    (page, site, lang, title, source) and ``dates.csv`` (name, date), rows sorted by name. The folder's old
    ``pages/`` is removed first."""
    if (out / "pages").exists():
        shutil.rmtree(out / "pages")
    (out / "pages").mkdir(parents=True)
    for name, data, body in pages:
        (out / "pages" / f"{name}.html").write_bytes(data)
        (out / "pages" / f"{name}.txt").write_text(body, encoding="utf-8", newline="\n")
    ordered = sorted(rows, key=lambda r: r["name"])
    write_csv([{"page": r["name"], "site": r["site"], "lang": r["lang"], "title": r["title"],
                "source": r["title_source"]} for r in ordered], ["page", "site", "lang", "title", "source"],
              out / "titles.csv")
    write_csv([{"name": r["name"], "date": r["date"]} for r in ordered], ["name", "date"], out / "dates.csv")


def read_rows(path: Path) -> list[dict[str, str]]:
    """The rows of a CSV file (as dicts)."""
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--htmldate", type=Path, required=True, help="checkout of adbar/htmldate (holds tests/)")
    ap.add_argument("--out-dir", type=Path, default=DEFAULT_OUT, help="folder for the JSONL and the page set")
    ap.add_argument("--only", choices=("sentences", "pages"), help="build one of the two sets")
    ap.add_argument("--sentences", type=Path, default=DEFAULT_SENTENCES, help="sentence pointers (CSV)")
    ap.add_argument("--pages", type=Path, default=DEFAULT_PAGES, help="page pointers, titles and dates (CSV)")
    ap.add_argument("--edits", type=Path, default=DEFAULT_EDITS, help="body edits (JSON)")
    args = ap.parse_args(argv)
    try:
        records = pages = rows = None
        if args.only != "pages":
            records = build_sentences(args.htmldate, read_pointers(args.sentences))
        if args.only != "sentences":
            rows = read_rows(args.pages)
            pages = build_pages(args.htmldate, rows, read_edits(args.edits))
    except (OSError, ValueError, ImportError) as exc:
        print(f"build_htmldate_sets: {exc}", file=sys.stderr)
        return 1
    if records is not None:
        write_jsonl(records, args.out_dir / SENTENCES_OUT)
        print(f"{len(records)} sentences -> {args.out_dir / SENTENCES_OUT}")
    if pages is not None and rows is not None:
        write_page_set(rows, pages, args.out_dir / PAGES_OUT)
        print(f"{len(pages)} pages -> {args.out_dir / PAGES_OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
