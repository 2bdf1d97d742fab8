"""Plan shards, run them on an engine, resume finished ones, merge part files into the run's outputs.

Shards are sized for the batch and the workers (:func:`~pipeline.run.options.shard_limits`); ``--resume``
plans with the limits of the run it continues (``parts/plan.json``), so its finished shards are found again.
After the outputs are committed, ``parts/merged.json`` records what they were merged from; a ``--resume``
whose shards are all done, unchanged, and merged into outputs that are still as committed does nothing.
"""
from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import shutil
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import Errors, UsageError
from ..extract.ner import MODEL, model_info
from ..ingest.listing import InputFile, list_inputs, split_input
from ..outputs.contract import parquet_metadata
from ..outputs.report import ReportSections, write_report
from ..outputs.review import Review, ReviewSummary, folder_reviews, lacks_decisions, load_review
from ..outputs.writers import atomic_open, write_json
from ..outputs.xlsx import write_spreadsheets
from ..rules import rule_digests
from .engines import check_engine, prepare_pool_run, run_shards
from .folder import PARTS, check_inputs, open_run_folder
from .merge import ShardMerge
from .options import RunOptions, Settings, ShardLimits, shard_limits
from .progress import announce
from .shards import PART_KINDS, Shard, content_digest, done_path, part_path, stages_for

log = logging.getLogger(__name__)

#: File in ``parts/`` holding the shard limits of the run, so that ``--resume`` plans the same shards.
PLAN = "plan.json"
#: File in ``parts/`` written after the outputs were committed: what they were merged from, and their sizes
#: and modification times as committed.
MERGED = "merged.json"


@dataclass
class RunResult:
    """What a finished run reports back to the command line."""

    out: Path
    counts: Counter = field(default_factory=Counter)
    manifest: dict[str, Any] = field(default_factory=dict)
    #: What the review step did, when the run was given a reviewed claims file.
    review: ReviewSummary | None = None
    #: True when ``--resume`` found nothing to do: the outputs (and ``manifest``) are those of the earlier run.
    unchanged: bool = False


def rules_sha256(settings: Settings) -> dict[str, str]:
    """sha256 of every rules file the run uses, by file name, from the files' bytes alone
    (:func:`~pipeline.rules.rule_digests`; nothing is loaded or compiled). RulesError E007 for a missing file."""
    return rule_digests(settings.rules_folder)


def rules_fingerprint(rules: dict[str, str]) -> str:
    """sha256 naming the package version and the :func:`rules_sha256` ``rules``: a later run with the same
    fingerprint uses the very rule files an earlier run loaded and checked."""
    return hashlib.sha256(json.dumps([__version__, rules], sort_keys=True).encode()).hexdigest()


def check_rules(settings: Settings) -> None:
    """Load the stages ``settings`` ask for (from the compiled-rules cache when it has them; the run's first
    document needs them anyway), so that a broken rules file stops the run here, before any work. Raises
    RulesError, or UsageError for an unknown disabled rule id; the spaCy model is not loaded."""
    stages_for(settings)


def recorded_rules(parts: Path, fingerprint: str) -> dict[str, str] | None:
    """The :func:`rules_sha256` of the last merge in ``parts`` when its rule files had ``fingerprint``, else None."""
    record = _read_json(parts / MERGED)
    if not isinstance(record, dict) or record.get("rules_fingerprint") != fingerprint:
        return None
    rules = record.get("rules")
    return rules if isinstance(rules, dict) else None


def _stat_key(item: InputFile) -> list[Any]:
    try:
        mtime = item.path.stat().st_mtime_ns
    except OSError:
        mtime = 0
    return [item.source, item.size, mtime, item.error, item.start, item.end]


def plan_shards(files: Sequence[InputFile], settings: Settings, rules: dict[str, str], options: RunOptions,
                limits: ShardLimits | None = None) -> list[Shard]:
    """Group input files (in order) into shards of at most ``limits`` (default: :func:`shard_limits` for these
    files and ``options``); each gets a resume key. Large JSON Lines files are cut into line-aligned ranges."""
    if limits is None:
        limits = shard_limits(len(files), sum(f.size for f in files), options)
    groups: list[list[InputFile]] = []
    size = 0
    for item in (part for f in files for part in split_input(f, limits.bytes)):
        if not groups or size + item.size > limits.bytes or len(groups[-1]) >= limits.files:
            groups.append([])
            size = 0
        groups[-1].append(item)
        size += item.size
    base = json.dumps([settings.fingerprint(), rules], sort_keys=True, default=str)
    shards = []
    for index, group in enumerate(groups, start=1):
        payload = json.dumps([base, [_stat_key(f) for f in group]], sort_keys=True)
        shards.append(Shard(index=index, files=tuple(group), key=hashlib.sha256(payload.encode()).hexdigest()))
    return shards


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def run_limits(files: Sequence[InputFile], parts: Path, options: RunOptions) -> ShardLimits:
    """The shard limits of this run: with ``--resume``, those of the run it continues (``parts/plan.json``,
    within the caps of ``options``); else :func:`shard_limits` for ``files``."""
    saved = _read_json(parts / PLAN) if options.resume else None
    if isinstance(saved, dict) and all(isinstance(saved.get(k), int) and saved[k] > 0 for k in ("files", "bytes")):
        return ShardLimits(files=min(saved["files"], options.shard_files),
                           bytes=min(saved["bytes"], options.shard_bytes))
    return shard_limits(len(files), sum(f.size for f in files), options)


def _save_limits(parts: Path, limits: ShardLimits) -> None:
    data = {"files": limits.files, "bytes": limits.bytes}
    if _read_json(parts / PLAN) != data:
        with atomic_open(parts / PLAN, "w", encoding="utf-8", newline="\n") as handle:
            json.dump(data, handle, sort_keys=True)


def merge_stamp(parts: Path, shards: Sequence[Shard], options: RunOptions, reviewed: bool) -> str:
    """sha256 naming what a merge reads: every shard's key and done marker (as written), the formats and
    whether a review file was applied."""
    marks = []
    for shard in shards:
        try:
            stat = done_path(parts, shard).stat()
            marks.append([shard.key, stat.st_size, stat.st_mtime_ns])
        except OSError:
            marks.append([shard.key, None, None])
    payload = json.dumps([__version__, list(options.formats), reviewed, marks], sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()


def _signature(path: Path) -> list[Any] | None:
    """Kind, size and modification time of an output (None when it is gone)."""
    try:
        stat = path.lstat()
    except OSError:
        return None
    if path.is_dir() and not path.is_symlink():
        return ["dir", 0, 0]
    return ["file", stat.st_size, stat.st_mtime_ns]


def _record_merge(out: Path, parts: Path, stamp: str, committed: Sequence[str], rules: dict[str, str],
                  fingerprint: str) -> None:
    record = {"stamp": stamp, "outputs": {name: _signature(out / name) for name in committed}, "rules": rules,
              "rules_fingerprint": fingerprint}
    with atomic_open(parts / MERGED, "w", encoding="utf-8", newline="\n") as handle:
        json.dump(record, handle, sort_keys=True)


def unchanged_outputs(out: Path, parts: Path, stamp: str) -> dict[str, Any] | None:
    """The manifest of the outputs in ``out`` when they were merged from exactly ``stamp`` and every one is
    still as committed (same kind, size and modification time); else None."""
    record = _read_json(parts / MERGED)
    if not isinstance(record, dict) or record.get("stamp") != stamp or not isinstance(record.get("outputs"), dict):
        return None
    for name, signature in record["outputs"].items():
        if not isinstance(name, str) or "/" in name or os.sep in name or _signature(out / name) != signature:
            return None
    manifest = _read_json(out / "manifest.json")
    return manifest if isinstance(manifest, dict) and "manifest.json" in record["outputs"] else None


def is_done(parts: Path, shard: Shard) -> bool:
    """True when the shard's part files exist and were made from the same inputs and settings.

    The size and modification time of the inputs (in the shard's key) are checked first; only a shard
    that passes is read again to compare its content digest.
    """
    marker = done_path(parts, shard)
    try:
        summary = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if summary.get("key") != shard.key or not all(part_path(parts, shard, k).exists() for k in PART_KINDS):
        return False
    return summary.get("digest") == content_digest(shard)


def _sum_summaries(parts: Path, shards: Sequence[Shard]) -> tuple[Counter, Counter]:
    counts: Counter = Counter()
    timings: Counter = Counter()
    for shard in shards:
        summary = json.loads(done_path(parts, shard).read_text(encoding="utf-8"))
        counts.update(summary.get("counts", {}))
        timings.update(summary.get("timings", {}))
    return counts, timings


def _typed_in_folder(out: Path, merged: Any, decisions: Review | None,
                     review: Path | None) -> tuple[Review | None, Path | None]:
    """The decisions to carry and their file, once the run will write the run folder ``out`` again (``merged``:
    the record of the folder's last merge).

    Without a review file, the decisions in the folder's own claims.csv or claims.xlsx (:func:`folder_reviews`:
    typed there, or carried there by an earlier run; the more recently modified file) are carried, so a run never
    writes over them; when the other file also holds decisions typed since the last merge that the carried one
    lacks, the run stops before any work (UsageError E176). With a review file that is not the folder's own, a
    folder file edited since the last merge whose decisions the review file lacks stops the run (E174).
    """
    held = folder_reviews(out)
    if not held:
        return decisions, review
    committed = merged.get("outputs", {}) if isinstance(merged, dict) else {}

    def typed_since(own: Review) -> bool:
        return committed.get(own.path.name) != _signature(own.path)

    if decisions is None:
        newest = held[0]
        for older in held[1:]:
            if typed_since(older) and lacks_decisions(newest, older):
                raise UsageError(Errors.E176.format(older=older.path, newer=newest.path))
        log.info("no --review given: carrying the review decisions of %s", newest.path)
        return newest, newest.path
    for own in held:
        if own.path.resolve() in (decisions.path.resolve(), (decisions.path / own.path.name).resolve()):
            continue
        if typed_since(own) and lacks_decisions(decisions, own):
            raise UsageError(Errors.E174.format(own=own.path, given=decisions.path))
    return decisions, review


def run(inputs: Sequence[Path], settings: Settings, options: RunOptions, review: Path | None = None) -> RunResult:
    """Run the whole batch and write the run folder; rules and the review file are checked before any work.

    ``review``: a reviewed claims.csv (or run folder) of an earlier run; its decisions are put on the claims
    with the same claim_id in every claims file and the report, the others go to review_orphans.csv.
    The run folder's rules (marker, lock, staged commit) are those of :mod:`~pipeline.run.folder`; raises
    UsageError E170-E172 before any work when the folder may not be used.
    """
    started = datetime.now(timezone.utc)
    t0 = time.perf_counter()
    announce(options, "loading rules ...")
    check_engine(options)
    decisions = load_review(review) if review is not None else None
    out = Path(options.out)
    rules = rules_sha256(settings)
    fingerprint = rules_fingerprint(rules)
    # a resume over the rule files its last merge checked has nothing to check again
    if not (options.resume and recorded_rules(out / PARTS, fingerprint) == rules):
        check_rules(settings)
    check_inputs(inputs, out)
    with open_run_folder(out, force=options.force_out) as folder:
        files = list_inputs(list(inputs), settings.ingest)
        parts = folder.parts
        carried = _typed_in_folder(out, _read_json(parts / MERGED), decisions, review)  # checked before any work
        limits = run_limits(files, parts, options)
        if not options.resume and parts.exists():
            shutil.rmtree(parts)
        parts.mkdir(parents=True, exist_ok=True)
        # before sharding: one set for all (counted beside the model's load when the pool will need it)
        # left by a killed run: temporary files (finished part files never are) and documents prepared ahead
        for stale in [*parts.glob(".*.tmp"), *parts.glob("*.prepared.pickle")]:
            stale.unlink(missing_ok=True)
        plan = functools.partial(plan_shards, files, rules=rules, options=options, limits=limits)
        settings, prepared = prepare_pool_run(files, settings, parts, options, plan)
        shards = plan(settings)
        _save_limits(parts, limits)
        todo = [s for s in shards if not (options.resume and is_done(parts, s))]
        log.info("%d input files in %d shards; %d to run", len(files), len(shards), len(todo))
        reviewed = decisions is not None
        if not todo and not reviewed:
            earlier = unchanged_outputs(out, parts, merge_stamp(parts, shards, options, reviewed))
            if earlier is not None:
                log.info("run folder %s: all %d shards done and merged; nothing changed", out, len(shards))
                return RunResult(out=out, counts=Counter(earlier.get("counts", {})), manifest=earlier,
                                 unchanged=True)
        decisions, review = carried
        parallel = options.engine != "local" or (options.workers > 1 and len(todo) > 1)
        announce(options, f"{len(files):,} input files ({sum(f.size for f in files) / 1e6:,.1f} MB) in "
                          f"{len(shards):,} shards; {len(todo):,} to run"
                          + (f" on {options.workers} workers" if todo and parallel else ""))
        t_run = time.perf_counter()
        staging = folder.staging()
        model = model_info(MODEL) if settings.use_ner else {}
        provenance = parquet_metadata(__version__, rules, model)
        # shards are merged in order beside the run as they finish; the finished ones of a resumed run first
        # the report's sections are rendered as the shards are merged, while the later shards still run
        sections = ReportSections(staging)
        merger = ShardMerge(staging, parts, shards, options.formats, decisions, provenance, sections)
        try:
            running = {s.index for s in todo}
            for shard in shards:
                if shard.index not in running:
                    merger.ready(shard)
            if todo:
                run_shards(todo, settings, parts, options, total_bytes=sum(f.size for s in todo for f in s.files),
                           on_done=merger.shard_done, prepared=prepared)
            stamp = merge_stamp(parts, shards, options, reviewed)
            announce(options, "writing outputs ...")
            t_merge = time.perf_counter()
            counts = merger.finish()
        except BaseException:
            merger.stop()
            sections.discard()
            shutil.rmtree(staging, ignore_errors=True)
            raise
        summary = decisions.finish(staging, counts["claims"], final_dir=out) if decisions is not None else None
        if summary is not None and review is not None and not reviewed:
            summary.typed_in_folder = review
        write_spreadsheets(staging, options.formats)
        stage_counts, timings = _sum_summaries(parts, shards)
        timings["run"] = t_merge - t_run
        timings["merge"] = time.perf_counter() - t_merge
        timings["total"] = time.perf_counter() - t0
        manifest = {
            "version": __version__,
            "started": started.isoformat(timespec="seconds"),
            "finished": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "inputs": {
                "paths": [str(p) for p in inputs],
                "files": len(files),
                "bytes": sum(f.size for f in files),
            },
            "counts": {**dict(counts), "words": stage_counts.get("words", 0), "shards": len(shards),
                       "shards_run": len(todo), "shards_resumed": len(shards) - len(todo)},
            "rules": rules,
            "model": model,
            "settings": settings.fingerprint(),
            "engine": {"name": options.engine, "workers": options.workers},
            "timings_seconds": {k: round(v, 3) for k, v in sorted(timings.items())},
        }
        if summary is not None:
            manifest["review"] = {"file": str(review), "decisions": summary.decisions, "carried": summary.carried,
                                  "by_id": summary.by_id, "by_anchor": summary.by_anchor,
                                  "orphans": summary.orphans, "changed": len(summary.changed)}
        write_json(staging / "manifest.json", manifest)
        write_report(staging, previous=out, final=out, sections=sections)
        committed = folder.commit(staging)
        _record_merge(out, parts, stamp, committed, rules, fingerprint)
    log.info("run folder %s: %s", out, ", ".join(committed))
    return RunResult(out=out, counts=counts, manifest=manifest, review=summary)
