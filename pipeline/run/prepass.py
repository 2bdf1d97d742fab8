"""The pass over the whole batch before it is cut into shards: the site templates of
:mod:`pipeline.clean.template`.

It decodes every plain-text document and counts its lines (no cleaning, no HTML extraction); the set is
written to the run's ``parts/templates.json`` and travels to the workers inside
:class:`~pipeline.run.options.Settings` (forked or pickled with each shard), so every shard cleans with the
same set whatever the workers, shards or engine. Its sha256 is part of the settings' fingerprint, hence of
every shard's resume key: a ``--resume`` over the same inputs reads the stored set instead of counting
again, and one whose set changed redoes every shard.
"""
from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from .. import __version__
from ..clean.template import TemplateSet, count_templates, load_template_rule
from ..document import Stages
from ..ingest.listing import InputFile, format_of, read_input
from ..outputs.writers import atomic_open
from ..types import RawDoc
from .options import Settings

log = logging.getLogger(__name__)

#: File in ``parts/`` holding the batch's template lines (:meth:`TemplateSet.to_bytes`).
TEMPLATES = "templates.json"


def batch_key(files: Sequence[InputFile], settings: Settings, rule: object) -> str:
    """sha256 naming what the templates are counted from: the version, the settings (without templates), the
    rule and every input's source, size, modification time and byte range."""
    stats = []
    for item in files:
        try:
            mtime = item.path.stat().st_mtime_ns
        except OSError:
            mtime = 0
        stats.append([item.source, item.size, mtime, item.error, item.start, item.end])
    base = replace(settings, template_set=None).fingerprint()
    payload = json.dumps([__version__, base, repr(rule), stats], sort_keys=True, default=str)
    return hashlib.sha256(payload.encode("utf-8", "surrogateescape")).hexdigest()


#: Formats whose pages come out of the HTML extractor, which already leaves a site's template out: not
#: counted. Nor are HTML records of other files (JSON, JSON Lines, sniffed pages), which are read without
#: extraction, so the pass never runs the extractor at all.
EXTRACTED_FORMATS = frozenset({"html", "warc"})


def _documents(files: Sequence[InputFile], settings: Settings) -> Iterator[RawDoc]:
    for item in files:
        if format_of(item.source)[0] in EXTRACTED_FORMATS:
            continue
        for doc in read_input(item, settings.ingest, extract=False):
            if not doc.extracted:
                yield doc


def _stored(path: Path, batch: str) -> TemplateSet | None:
    try:
        stored = TemplateSet.from_bytes(path.read_bytes())
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.debug("no usable %s: %s", path, exc)
        return None
    return stored if stored.batch == batch else None


def template_settings(files: Sequence[InputFile], settings: Settings, parts: Path, resume: bool = False) -> Settings:
    """``settings`` with the template lines of the batch ``files`` (``template_set``), stored in
    ``parts/templates.json``; with ``resume``, the stored set when it was counted from the same inputs,
    settings and rule. ``settings`` unchanged when templates are off (``templates=False``, the rule switched
    off, no cleaning) or the batch is smaller than the rule's ``min_batch``. Raises what
    :func:`~pipeline.clean.template.load_template_rule` raises."""
    path = parts / TEMPLATES
    rule = load_template_rule(Path(settings.rules_folder) if settings.rules_folder else None)
    if not settings.templates or settings.no_clean or rule is None or sum(not f.error for f in files) == 0:
        path.unlink(missing_ok=True)
        return replace(settings, template_set=None)
    batch = batch_key(files, settings, rule)
    tset = _stored(path, batch) if resume else None
    if tset is None:
        tset = count_templates(_documents(files, settings), rule, batch)
        if tset is None:
            path.unlink(missing_ok=True)
            return replace(settings, template_set=None)
        parts.mkdir(parents=True, exist_ok=True)
        with atomic_open(path, "wb") as handle:
            handle.write(tset.to_bytes())
    else:
        log.info("templates: reusing %s (%d lines)", path, len(tset))
    return replace(settings, template_set=tset)


def with_templates(stages: Stages, settings: Settings) -> Stages:
    """``stages`` whose clean stage drops the template lines of ``settings.template_set`` (``stages`` itself
    when there are none)."""
    if settings.template_set is None:
        return stages
    return replace(stages, clean=replace(stages.clean, templates=settings.template_set))
