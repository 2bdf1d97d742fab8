"""The ``newsclaims`` command line: a thin layer over the library."""
from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .errors import NewsclaimsError, RulesError, UsageError

log = logging.getLogger(__name__)

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2
FORMATS = ("csv", "jsonl", "parquet", "xlsx")


def _field_map(items: Sequence[str]) -> dict[str, str]:
    mapping = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key or not value:
            raise UsageError(f"--field takes NAME=FIELD (e.g. text=body), not {item!r}")
        mapping[key.strip()] = value.strip()
    return mapping


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--rules", metavar="DIR", help="folder of rule files (default: the project's rules/)")
    p.add_argument("--disable", metavar="RULE_ID", action="append", default=[],
                   help="switch off a clutter rule by id (repeatable)")
    p.add_argument("-v", "--verbose", action="store_true", help="log details, with tracebacks")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every sub-command."""
    parser = argparse.ArgumentParser(prog="newsclaims", description=__doc__)
    parser.add_argument("--version", action="version", version=f"newsclaims {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="extract claims from input pages into a run folder")
    run.add_argument("inputs", nargs="*", type=Path, metavar="INPUT",
                     help="files or folders (default: corpus/)")
    run.add_argument("--out", type=Path, default=Path("outputs/latest"), help="run folder (default: outputs/latest)")
    run.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes (default: all cores)")
    run.add_argument("--engine", choices=("local", "dask"), default="local", help="where shards run")
    run.add_argument("--scheduler", metavar="tcp://HOST:PORT", help="attach the dask engine to this scheduler")
    run.add_argument("--resume", action="store_true", help="redo only shards whose inputs changed or are missing")
    run.add_argument("--format", dest="formats", action="append", choices=FORMATS, default=[],
                     help="claims formats besides csv (repeatable); xlsx: claims.xlsx with claims and documents "
                          "sheets and a review drop-down")
    run.add_argument("--excel-csv", action="store_true",
                     help="write the CSV files with a UTF-8 byte-order mark, so spreadsheets decode them")
    run.add_argument("--no-clean", action="store_true", help="treat each record's text as the article as it is")
    run.add_argument("--no-ner", action="store_true", help="skip spaCy (no subjects; faster)")
    run.add_argument("--field", action="append", default=[], metavar="NAME=FIELD",
                     help="read record field FIELD as NAME (e.g. text=body) for JSON inputs")
    run.add_argument("--shard-mb", type=float, default=32.0, help="input megabytes per shard (default 32)")
    run.add_argument("--review", type=Path, metavar="FILE",
                     help="a reviewed claims file of an earlier run (CSV as any spreadsheet saves it, .xlsx, "
                          ".jsonl, or a run folder): carry its decisions over by claim_id, else by content")
    run.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    _common(run)

    explain = sub.add_parser("explain", help="show each block of a page: kept or dropped, kind, rule")
    explain.add_argument("page", type=Path, help="one input file")
    _common(explain)

    df = sub.add_parser("diff", help="added, removed and changed claims between two runs (exit 1 if any)")
    df.add_argument("run_a", type=Path, help="earlier run folder (or its claims.csv)")
    df.add_argument("run_b", type=Path, help="later run folder (or its claims.csv)")
    df.add_argument("--limit", type=int, default=None, help="show at most N changes of each sort")
    df.add_argument("-v", "--verbose", action="store_true", help="log details")

    ev = sub.add_parser("eval", help="precision/recall/F1 of a run against gold rows")
    ev.add_argument("--gold", type=Path, required=True, help="gold CSV (source, value, unit, bound[, start, end])")
    ev.add_argument("run_dir", type=Path, help="run folder holding claims.csv")
    ev.add_argument("-v", "--verbose", action="store_true", help="log details")
    return parser


def cmd_run(args: argparse.Namespace) -> int:
    """``newsclaims run``."""
    from .ingest.listing import IngestOptions
    from .run.options import RunOptions, Settings
    from .run.runner import run

    if args.workers < 1:
        raise UsageError("--workers must be at least 1")
    settings = Settings(
        rules_folder=args.rules, disabled=tuple(args.disable), no_clean=args.no_clean,
        use_ner=not args.no_ner, ingest=IngestOptions(field_map=_field_map(args.field)),
    )
    options = RunOptions(
        out=args.out, workers=args.workers, engine=args.engine, scheduler=args.scheduler, resume=args.resume,
        progress=not args.quiet, shard_bytes=max(1, int(args.shard_mb * 1024 * 1024)),
        formats=("csv", *dict.fromkeys(args.formats), *(("excel-csv",) if args.excel_csv else ())),
    )
    result = run(args.inputs or [Path("corpus")], settings, options, review=args.review)
    if result.review is not None:
        print(result.review.format())
    c = result.counts
    print(
        f"{c['documents']} documents ({c['documents_ok']} ok, {c['documents_empty']} empty, "
        f"{c['documents_error']} error), {c['claims']} claims, {c['clutter']} clutter blocks -> {result.out}"
    )
    return EXIT_OK


def cmd_explain(args: argparse.Namespace) -> int:
    """``newsclaims explain``: each block of the page (KEEP/DROP, kind, rule), then its counts."""
    from .clean.page import explain
    from .document import load_stages, process_documents
    from .ingest.listing import IngestOptions, list_inputs, read_input

    stages = load_stages(args.rules, args.disable, use_ner=False)
    opts = IngestOptions()
    for item in list_inputs([args.page], opts):
        for result in process_documents(read_input(item, opts), stages):
            print(f"# {result.doc.source}  doc_id={result.doc.doc_id}")
            if result.status == "error":
                print(f"error: {result.error}")
            article = result.article
            if article is None:
                continue
            for line in explain(article):
                print(line)
            print(f"# {len(article.blocks)} blocks kept, {len(article.dropped)} dropped, {len(result.claims)} claims")
    return EXIT_OK


def cmd_diff(args: argparse.Namespace) -> int:
    """``newsclaims diff``: 0 when the runs have the same claims, 1 when they differ."""
    from .outputs.diff import diff_runs

    result = diff_runs(args.run_a, args.run_b)
    print(result.format(limit=args.limit))
    return result.exit_status


def cmd_eval(args: argparse.Namespace) -> int:
    """``newsclaims eval``."""
    from .outputs.evaluate import evaluate

    print(evaluate(args.gold, args.run_dir).format())
    return EXIT_OK


COMMANDS = {"run": cmd_run, "explain": cmd_explain, "diff": cmd_diff, "eval": cmd_eval}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``newsclaims``; returns the exit status."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        return COMMANDS[args.command](args)
    except (RulesError, UsageError) as exc:
        print(f"newsclaims: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except NewsclaimsError as exc:
        print(f"newsclaims: error: {exc}", file=sys.stderr)
        return EXIT_FAIL
    except BrokenPipeError:  # output piped into `head` and closed early: not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        print("newsclaims: interrupted; run again with --resume to continue", file=sys.stderr)
        return EXIT_FAIL
    except Exception as exc:  # noqa: BLE001 - the last line of defence prints one line, not a traceback
        log.debug("unexpected failure", exc_info=True)
        print(f"newsclaims: error: {exc.__class__.__name__}: {exc}", file=sys.stderr)
        return EXIT_FAIL
