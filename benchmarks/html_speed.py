"""CPU cost of our HTML path against trafilatura's own, on the pages of the Zyte benchmark.

Measured in the same process over the same decompressed pages, each pass timed with
``time.process_time`` (CPU seconds of this process), passes alternated and repeated (``--repeat``,
default 3), medians quoted:

(a) ``trafilatura.extract(page_bytes)`` with trafilatura's defaults (what the Zyte scores call
    "trafilatura");
(b) our HTML path on the same bytes: ``decode`` then ``extract_html`` (bounds, blocks and metadata
    included), as the ingest stage runs it for one HTML file.

Prints both medians, their ratio ``ours / trafilatura``, and the pages whose extraction errored.
``--dump FILE`` also writes every field of our result for each page (one JSON line a page, outside the timing):
two versions' files are equal when a speed change left every output as it was.

    python benchmarks/html_speed.py [--bench DIR] [--repeat 3] [--limit N] [--dump FILE]
"""
from __future__ import annotations

import argparse
import dataclasses
import gzip
import json
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEFAULT_BENCH = ROOT.parent / "shared" / "benchmarks" / "scrapinghub-article-extraction-benchmark"


def load_pages(bench: Path, limit: int = 0) -> list[bytes]:
    """The benchmark's pages (decompressed bytes) in file-name order, the first ``limit`` when given."""
    paths = sorted((bench / "html").glob("*.html.gz"))[: limit or None]
    return [gzip.decompress(p.read_bytes()) for p in paths]


def trafilatura_pass(pages: Sequence[bytes]) -> list[str]:
    """trafilatura's own extraction of every page, default settings."""
    import trafilatura

    return [trafilatura.extract(raw) or "" for raw in pages]


def ours_pass(pages: Sequence[bytes]) -> list[str]:
    """Our HTML path on every page: decode, then extract_html; an error page gives ``"!" + error``."""
    from pipeline.ingest.decode import decode
    from pipeline.ingest.html import extract_html

    out = []
    for raw in pages:
        res = extract_html(decode(raw, html=True).text)
        out.append("!" + res.error if res.error else res.text)
    return out


def dump(pages: Sequence[bytes], path: Path) -> None:
    """Every field of our result for each page (decode, then extract_html), one JSON line a page in order."""
    from pipeline.ingest.decode import decode
    from pipeline.ingest.html import extract_html

    with path.open("w", encoding="utf-8") as out:
        for raw in pages:
            res = dataclasses.asdict(extract_html(decode(raw, html=True).text))
            out.write(json.dumps(res, ensure_ascii=False, sort_keys=True) + "\n")


def cpu(fn: Callable[[Sequence[bytes]], list[str]], pages: Sequence[bytes]) -> tuple[float, list[str]]:
    """(CPU seconds, result) of one pass."""
    t0 = time.process_time()
    out = fn(pages)
    return time.process_time() - t0, out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--limit", type=int, default=0, help="only the first N pages")
    ap.add_argument("--dump", type=Path, help="also write every field of our result, one JSON line a page")
    args = ap.parse_args(argv)
    pages = load_pages(args.bench, args.limit)
    if not pages:
        ap.error(f"no pages (*.html.gz) under {args.bench / 'html'}")
    trafilatura_pass(pages[:3])  # imports and lazy tables outside the timing
    ours_pass(pages[:3])
    times: dict[str, list[float]] = {"trafilatura": [], "ours": []}
    errors: list[str] = []
    for _ in range(args.repeat):
        t, _out = cpu(trafilatura_pass, pages)
        times["trafilatura"].append(t)
        t, out = cpu(ours_pass, pages)
        times["ours"].append(t)
        errors = [x for x in out if x.startswith("!")]
    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"pages: {len(pages)}, repeats: {args.repeat} (CPU seconds, process_time)")
    for k, v in times.items():
        print(f"{k:12s} median {med[k]:.3f} s  runs {', '.join(f'{x:.3f}' for x in v)}")
    print(f"ratio ours / trafilatura: {med['ours'] / med['trafilatura']:.2f}")
    if errors:
        print(f"pages with an error: {len(errors)}, e.g. {errors[0][1:]}")
    if args.dump:
        dump(pages, args.dump)
        print(f"results written to {args.dump}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
