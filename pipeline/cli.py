"""The ``newsclaims`` command line: a thin layer over the library."""
from __future__ import annotations

import argparse
import contextlib
import gc
import logging
import math
import os
import re
import shutil
import signal
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .errors import Errors, NewsclaimsError, RulesError, UsageError

if TYPE_CHECKING:
    from .ingest.listing import IngestOptions

log = logging.getLogger(__name__)
#: Loggers shown only with --verbose: the libraries that read pages (trafilatura and the date and language
#: readers it calls; a page they cannot read becomes a documents.csv row) and Dask's event loop (tornado; the
#: errors it logs of callbacks a stopped run cut off are the stop itself, which the run reports).
QUIET_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer", "tornado")

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2
#: Exit status after SIGINT (Ctrl-C) and SIGTERM: 128 + the signal number, as shells report it.
EXIT_SIGINT, EXIT_SIGTERM = 130, 143
FORMATS = ("csv", "jsonl", "parquet", "xlsx")
#: What standard input may hold (``newsclaims run -``), by the suffix it is read with.
STDIN_FORMATS = ("txt", "jsonl", "html")


def _field_map(items: Sequence[str]) -> dict[str, str]:
    mapping = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key or not value:
            raise UsageError(f"--field takes NAME=FIELD (e.g. text=body), not {item!r}")
        mapping[key.strip()] = value.strip()
    return mapping


def _shard_mb(text: str) -> float:
    """``--shard-mb``: a finite number of megabytes above zero."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value <= 0 or value * 1024 * 1024 < 1:
        raise argparse.ArgumentTypeError(Errors.E173.format(value=text))
    return value


def _published_arg(text: str) -> str:
    """``--published``: an ISO 8601 date or datetime, written as the documents' ``published`` column writes it."""
    from .ingest.records import iso_date

    value = iso_date(text)
    if not value:
        raise argparse.ArgumentTypeError(Errors.E175.format(value=text))
    return value


def _input_arg(text: str) -> Path | str:
    """A run input: a local path, or an fsspec URL kept as written (``memory://``, ``s3://``...)."""
    from .ingest.listing import is_url

    return text if is_url(text) else Path(text)


def _out_arg(text: str) -> Path:
    """``--out``: a local folder (E222 for a URL: the run folder is locked and committed by renames)."""
    from .ingest.listing import is_url

    if is_url(text):
        raise argparse.ArgumentTypeError(Errors.E222.format(out=text))
    return Path(text)


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
    run.add_argument("inputs", nargs="*", type=_input_arg, metavar="INPUT",
                     help="files or folders, or fsspec URLs such as s3://bucket/dir (default: corpus/); "
                          "- reads standard input")
    run.add_argument("--format-in", choices=STDIN_FORMATS, default="txt",
                     help="what standard input (-) holds: plain text (default), JSON Lines records, or HTML")
    run.add_argument("--out", type=_out_arg, default=Path("outputs/latest"),
                     help="run folder (default: outputs/latest); - streams the claims as JSON Lines to stdout")
    run.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes (default: all cores)")
    run.add_argument("--engine", choices=("local", "dask"), default="local", help="where shards run")
    run.add_argument("--scheduler", metavar="tcp://HOST:PORT", help="attach the dask engine to this scheduler")
    run.add_argument("--resume", action="store_true",
                     help="redo only shards whose inputs changed or are missing; with none, leave the outputs alone")
    run.add_argument("--format", dest="formats", action="append", choices=FORMATS, default=[],
                     help="claims formats besides csv (repeatable); xlsx: claims.xlsx with claims and documents "
                          "sheets and a review drop-down")
    run.add_argument("--excel-csv", action="store_true",
                     help="write the CSV files with a UTF-8 byte-order mark, so spreadsheets decode them")
    run.add_argument("--no-clean", action="store_true", help="treat each record's text as the article as it is")
    run.add_argument("--no-templates", action="store_true",
                     help="keep lines repeated on many pages of one site (rule template.repeated_line.v1)")
    run.add_argument("--no-ner", action="store_true", help="skip spaCy (no subjects; faster)")
    run.add_argument("--parse", action="store_true",
                     help="metrics and clause subjects from spaCy's dependency parse (slower)")
    run.add_argument("--published", type=_published_arg, default=None, metavar="DATE",
                     help="release date (ISO 8601) of the documents whose input gives none, so that 'last year' "
                          "and the release-date period resolve; a date the page states wins")
    run.add_argument("--field", action="append", default=[], metavar="NAME=FIELD",
                     help="read record field FIELD as NAME (e.g. text=body) for JSON inputs")
    run.add_argument("--shard-mb", type=_shard_mb, default=32.0,
                     help="largest shard in input megabytes (default 32; a smaller batch gets smaller shards, "
                          "several per worker)")
    run.add_argument("--force-out", action="store_true",
                     help="write into a non-empty --out that is not a run folder (its other files are left alone)")
    run.add_argument("--review", type=Path, metavar="FILE",
                     help="a reviewed claims file of an earlier run (CSV as any spreadsheet saves it, .xlsx, "
                          ".jsonl, or a run folder): carry its decisions over by claim_id, else by content")
    run.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    run.add_argument("--scheduler-file", metavar="PATH",
                     help="attach the dask engine to the scheduler named in this Dask scheduler file "
                          "(implies --engine dask)")
    _common(run)

    explain = sub.add_parser("explain", help="show each block of a page: kept or dropped, kind, rule")
    explain.add_argument("page", type=Path, help="one input file, or FILE#N for the Nth record of a JSONL/JSON/WARC "
                         "file (as claims.csv names it)")
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

    comp = sub.add_parser("completion", help="print a shell completion script (bash or zsh)")
    comp.add_argument("shell", choices=("bash", "zsh"), help="the shell to complete in")
    return parser


@contextlib.contextmanager
def _stdin_inputs(inputs: Sequence[Path], fmt: str) -> Iterator[list[Path]]:
    """``inputs`` with ``-`` replaced by a file holding standard input (``stdin.<fmt>``, removed afterwards).

    Raises :class:`UsageError` E191 when standard input is empty.
    """
    if Path("-") not in inputs:
        yield list(inputs)
        return
    data = sys.stdin.buffer.read()
    if not data.strip():
        raise UsageError(Errors.E191.format(what="standard input (-) is empty"))
    with tempfile.TemporaryDirectory(prefix="newsclaims-stdin-") as tmp:
        path = Path(tmp) / f"stdin.{fmt}"
        path.write_bytes(data)
        yield [path if p == Path("-") else p for p in inputs]


def _check_inputs(inputs: Sequence[Path], opts: IngestOptions) -> None:
    """:class:`UsageError` E191 when the inputs hold no file to read (E020 when one does not exist)."""
    from .ingest.listing import list_inputs

    if not list_inputs(list(inputs), opts):
        raise UsageError(Errors.E191.format(what="no input files in " + ", ".join(map(str, inputs))))


def _many(count: int, noun: str) -> str:
    """``count`` and ``noun``, plural unless the count is one: "1 document", "55 claims"."""
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


def cmd_run(args: argparse.Namespace) -> int:
    """``newsclaims run``; with ``--out -`` the run goes to a temporary folder and its claims.jsonl to stdout."""
    from .run.model_host import hosted_model, hosts_model, input_bytes

    if args.workers < 1:
        raise UsageError("--workers must be at least 1")
    use_ner, engine = not args.no_ner, "dask" if args.scheduler_file else args.engine
    to_stdout = str(args.out) == "-"
    formats = ("csv", *dict.fromkeys([*args.formats, *(["jsonl"] if to_stdout else [])]),
               *(("excel-csv",) if args.excel_csv else ()))
    report = sys.stderr if to_stdout else sys.stdout
    with contextlib.ExitStack() as stack:
        inputs = stack.enter_context(_stdin_inputs(args.inputs or [Path("corpus")], args.format_in))
        if hosts_model(input_bytes(inputs), use_ner, engine, args.resume):
            # first of all: the model loads beside everything the run does until it reads a sentence
            stack.enter_context(hosted_model(parse=args.parse, tag=not args.parse))
        from .ingest.listing import IngestOptions

        ingest = IngestOptions(field_map=_field_map(args.field), published=args.published or "")
        _check_inputs(inputs, ingest)
        from .run.options import RunOptions, Settings
        from .run.runner import run

        settings = Settings(
            rules_folder=args.rules, disabled=tuple(args.disable), no_clean=args.no_clean,
            templates=not args.no_templates, use_ner=use_ner, use_parser=args.parse and use_ner, ingest=ingest,
        )
        out = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="newsclaims-out-"))) / "run" \
            if to_stdout else args.out
        options = RunOptions(
            out=out, workers=args.workers, engine=engine,
            scheduler=args.scheduler, resume=args.resume, scheduler_file=args.scheduler_file,
            progress=not args.quiet, shard_bytes=max(1, int(args.shard_mb * 1024 * 1024)), formats=formats,
            force_out=args.force_out,
        )
        result = run(inputs, settings, options, review=args.review)
        if result.review is not None:
            print(result.review.format(), file=report)
        c = result.counts
        if result.unchanged:
            print(f"nothing changed since the last run: every shard is done and {result.out} is up to date",
                  file=report)
        elif (shards := result.manifest.get("counts", {})).get("shards_resumed"):
            print(f"resumed: {shards['shards_resumed']} of {shards['shards']} shards kept from the earlier run, "
                  f"{shards['shards_run']} run", file=report)
        print(
            f"{_many(c['documents'], 'document')} ({c['documents_ok']} ok, {c['documents_empty']} empty, "
            f"{c['documents_error']} error), {_many(c['claims'], 'claim')}, {_many(c['clutter'], 'clutter block')} "
            f"-> {'stdout' if to_stdout else result.out}", file=report,
        )
        if to_stdout:
            sys.stdout.flush()
            with open(out / "claims.jsonl", "rb") as claims:
                shutil.copyfileobj(claims, sys.stdout.buffer)
            sys.stdout.buffer.flush()
    return EXIT_OK


_RECORD = re.compile(r"(.+)#(\d+)")


def _unescape(path: str) -> str:
    """A path as sources write it (``%23``/``%25`` for ``#``/``%``) as it is on disk."""
    return path.replace("%23", "#").replace("%25", "%")


def _multi_record(path: Path) -> bool:
    """True for an existing file read as several records: JSONL/JSON/WARC/WET by name, or WARC by content."""
    from .ingest.listing import format_of
    from .ingest.warc import looks_like_warc

    if not path.is_file():
        return False
    fmt = format_of(path.name)[0]
    if fmt:
        return fmt in ("jsonl", "json", "warc", "wet")
    try:
        return looks_like_warc(path)
    except OSError:
        return False


def _explain_target(page: Path) -> tuple[Path, int | None]:
    """The file to explain and the record number of ``FILE#N`` (None: every document of the file).

    ``X#N`` is record N of X whenever X (as on disk, or as sources write it, ``%23``/``%25`` for ``#``/``%``)
    is an existing multi-record file, even when a file literally named ``X#N`` sits next to it: that file is
    reached by its source spelling ``X%23N`` (and by ``X#N`` only when X does not exist).
    """
    text = str(page)
    found = _RECORD.fullmatch(text)
    if found:
        for file in dict.fromkeys((Path(found.group(1)), Path(_unescape(found.group(1))))):
            if _multi_record(file):
                return file, int(found.group(2))
    if page.exists():
        return page, None
    unescaped = Path(_unescape(found.group(1) if found else text))
    if not found and unescaped.exists():
        return unescaped, None
    if found:  # FILE#N of a file that is not multi-record (or of none: E020 names it)
        file = Path(found.group(1))
        return (file if file.exists() else unescaped), int(found.group(2))
    return page, None


def cmd_explain(args: argparse.Namespace) -> int:
    """``newsclaims explain``: each block of the page (KEEP/DROP, kind, rule), then its counts.

    ``FILE#N`` explains the record whose source is ``…#N`` (E192 when the file has no such record)."""
    from .clean.page import explain
    from .document import load_stages, process_documents
    from .ingest.listing import IngestOptions, list_inputs, read_input
    from .outputs.contract import EXTRACTOR_RULE
    from .outputs.writers import terminal_safe

    path, number = _explain_target(args.page)
    stages = load_stages(args.rules, args.disable, use_ner=False)
    opts = IngestOptions()
    docs = (d for item in list_inputs([path], opts) for d in read_input(item, opts))
    if number is not None:
        wanted, count, chosen = f"#{number}", 0, []
        for doc in docs:
            count += 1
            if doc.source.endswith(wanted):
                chosen.append(doc)
        if not chosen:
            raise UsageError(Errors.E192.format(path=path, number=number, count=count))
        docs = iter(chosen)
    for result in process_documents(docs, stages):  # page text is shown inert: no terminal escapes
        print(terminal_safe(f"# {result.doc.source}  doc_id={result.doc.doc_id}"))
        if result.status in ("error", "empty"):  # as documents.csv says it: status and reason
            print(terminal_safe(f"{result.status}: {result.error}"))
        article = result.article
        if article is None:
            continue
        left_out = result.doc.left_out
        for line in explain(article, left_out=left_out, left_out_rule=EXTRACTOR_RULE):
            print(terminal_safe(line))
        dropped = f"{len(article.dropped) + len(left_out)} dropped"
        if left_out:
            dropped += f" ({len(left_out)} left out of the HTML page's markup before cleaning)"
        print(f"# {len(article.blocks)} blocks kept, {dropped}, {len(result.claims)} claims")
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


def completion_script(shell: str) -> str:
    """A bash (or zsh, through bashcompinit) completion script for every sub-command and option."""
    parser = build_parser()
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    cases = []
    for name, sub in subparsers.choices.items():
        options = sorted(o for a in sub._actions for o in a.option_strings if o.startswith("--"))
        choices = {o: list(a.choices) for a in sub._actions if a.choices for o in a.option_strings}
        values = "".join(f'            {o}) COMPREPLY=($(compgen -W "{" ".join(map(str, c))}" -- "$cur")); return;;\n'
                         for o, c in sorted(choices.items()) if o.startswith("--"))
        cases.append(f'        {name})\n          case "$prev" in\n{values}'
                     f'            --out|--rules|--review|--gold) COMPREPLY=($(compgen -f -- "$cur")); return;;\n'
                     f'          esac\n'
                     f'          if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W "{" ".join(options)}" -- "$cur"));'
                     f' else COMPREPLY=($(compgen -f -- "$cur")); fi;;')
    script = "\n".join([
        "# newsclaims completion: eval \"$(newsclaims completion " + shell + ")\"",
        "_newsclaims() {",
        '    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}" cmd="${COMP_WORDS[1]}"',
        "    if [[ $COMP_CWORD -eq 1 ]]; then",
        f'        COMPREPLY=($(compgen -W "{" ".join(subparsers.choices)} --help --version" -- "$cur")); return',
        "    fi",
        '    case "$cmd" in',
        *cases,
        "    esac",
        "}",
        "complete -o filenames -F _newsclaims newsclaims",
    ])
    if shell == "zsh":
        script = "autoload -U +X bashcompinit && bashcompinit\n" + script
    return script + "\n"


def cmd_completion(args: argparse.Namespace) -> int:
    """``newsclaims completion SHELL``: print the completion script."""
    sys.stdout.write(completion_script(args.shell))
    return EXIT_OK


COMMANDS = {"run": cmd_run, "explain": cmd_explain, "diff": cmd_diff, "eval": cmd_eval, "completion": cmd_completion}


class Stopped(BaseException):
    """Raised in the main thread when the process gets SIGTERM (ends the run like Ctrl-C)."""


def _on_sigterm(signum: int, frame: object) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # one stop is enough; shut down quietly
    raise Stopped(signum)


def _stopped_line(args: argparse.Namespace, exc: BaseException) -> str:
    """What a stopped command prints: for a run, how many shards are done and how to continue."""
    what = "stopped (SIGTERM)" if isinstance(exc, Stopped) else "interrupted"
    if args.command != "run":
        return what
    parts = Path(args.out) / "parts"
    done = len(list(parts.glob("*.done.json"))) if parts.is_dir() else 0
    return (f"{what}; {done} finished shard(s) are kept in {parts}; run the same command with --resume to "
            "continue from there")


def program() -> None:
    """The ``newsclaims`` program: :func:`main` on the process's arguments, then exit with its status. What the
    command made is left to the exit (its objects frozen out of the interpreter's last garbage collection, which
    would walk them all only to free memory the process gives back anyway)."""
    status = main()
    gc.freeze()
    raise SystemExit(status)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``newsclaims``; returns the exit status (130 after Ctrl-C, 143 after SIGTERM)."""
    args = build_parser().parse_args(argv)
    verbose = getattr(args, "verbose", False)
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if not verbose:  # what these log is already a documents.csv row or the run's own message
        for name in QUIET_LOGGERS:
            logging.getLogger(name).setLevel(logging.CRITICAL)
    before = None
    with contextlib.suppress(ValueError):  # only the main thread may set handlers
        before = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        return _dispatch(args)
    finally:
        if before is not None:
            signal.signal(signal.SIGTERM, before)


def _dispatch(args: argparse.Namespace) -> int:
    """Run the sub-command; every failure becomes one line on stderr and an exit status."""
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
    except (KeyboardInterrupt, Stopped) as exc:
        print(f"newsclaims: {_stopped_line(args, exc)}", file=sys.stderr)
        return EXIT_SIGTERM if isinstance(exc, Stopped) else EXIT_SIGINT
    except Exception as exc:  # noqa: BLE001 - the last line of defence prints one line, not a traceback
        log.debug("unexpected failure", exc_info=True)
        print(f"newsclaims: error: {exc.__class__.__name__}: {exc}", file=sys.stderr)
        return EXIT_FAIL
