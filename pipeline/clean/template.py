"""Site templates: lines that recur on many documents of one site are page template, not article text.

A line is normalised much as line deduplication of web corpora does it (stripped, lower-cased, the
wide/typographic punctuation of :data:`WIDE_PUNCT` and control characters removed, runs of white space made one
space) but its digits are kept: a sentence a site writes from one pattern with other figures on every page
("The sector employs 1,411 workers") states a claim of its own on each page, so it is not template. The line is
then hashed with its site (``blake2b``, 8 bytes) into a :func:`line_key`.
:func:`count_templates` reads a whole batch once (before it is cut into shards) and counts, per site, in how
many documents each line occurs; the lines held by enough documents of their site form a
:class:`TemplateSet`. The rule ``template.repeated_line.v1`` (``rules/templates.toml``) says how many:

- at least ``min_docs`` documents and ``min_share`` of the site's documents for a short line;
- at least ``prose_docs`` documents and ``prose_share`` of the site's for a sentence-complete line of
  ``prose_words`` words or more (:func:`is_prose`), so that a paragraph an article quotes on a few pages of
  its site stays article text while a boilerplate paragraph on most pages (an "About us" box) goes;
- nothing at all in a batch of fewer than ``min_batch`` documents (a single page is cleaned as it always was).

The site of a document (:func:`site_of`) is the host of its URL when the record has one, else the folder of
its source in the input. The clean stage (:func:`mark_templates`) drops a heading or paragraph block whose
every line is template, never the title block or metadata lines, and never every paragraph of a page.
"""
from __future__ import annotations

import hashlib
import json
import logging
import math
import posixpath
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..errors import Errors, RulesError
from ..rules import Schema, load_family
from ..types import BODY_KINDS, RawDoc

log = logging.getLogger(__name__)

#: The rule id named in clutter.csv / articles.jsonl for a block dropped as site template.
RULE_ID = "template.repeated_line.v1"
#: Rule family (``rules/templates.toml``) holding the rule's parameters.
FAMILY = "templates"
#: Parameters of the rule, all required.
PARAMETERS: dict[str, type] = {"min_batch": int, "min_docs": int, "min_share": float, "prose_words": int,
                               "prose_docs": int, "prose_share": float}
TEMPLATE_SCHEMA = Schema(fields=dict(PARAMETERS), required=("id", *PARAMETERS))
#: Version of the templates file written to a run's ``parts/`` folder.
FORMAT = 2

#: Typographic and full-width punctuation removed by the normalisation (as web-corpus line deduplication
#: does; ASCII punctuation is kept, so a sentence still ends in ``.``).
WIDE_PUNCT = "，。、„”“«»１」「《》´∶：？！（）；–—．～’…━〈〉【】％►"
_DROP = str.maketrans(dict.fromkeys(WIDE_PUNCT + "".join(map(chr, [*range(0, 32), *range(127, 160)]))))
#: A sentence-complete line ends in one of these (after the normalisation).
_ENDS = (".", "!", "?", '"', "'", ")")


@dataclass(frozen=True)
class TemplateRule:
    """The parameters of ``template.repeated_line.v1`` (see the module docstring)."""

    id: str = RULE_ID
    min_batch: int = 8
    min_docs: int = 4
    min_share: float = 0.25
    prose_words: int = 12
    prose_docs: int = 6
    prose_share: float = 0.5

    def needed(self, site_docs: int, prose: bool) -> int:
        """Documents of a site of ``site_docs`` documents that must hold a line for it to be template."""
        docs, share = (self.prose_docs, self.prose_share) if prose else (self.min_docs, self.min_share)
        return max(docs, math.ceil(share * site_docs - 1e-9))


def load_template_rule(folder: Path | None = None) -> TemplateRule | None:
    """The rule of ``rules/templates.toml`` (``folder``'s file when it has one, else the built-in one); None
    when the file switches it off (``enabled = false``).

    RulesError E320 naming file and rule when it has no rule ``template.repeated_line.v1`` or a parameter
    is out of range (counts >= 1, shares in [0, 1]); the loader's own errors for a broken file.
    """
    family = load_family(FAMILY, TEMPLATE_SCHEMA, folder)
    rule = family.by_id().get(RULE_ID)
    if rule is None:
        raise RulesError(Errors.E320.format(file=family.path, rule=RULE_ID, reason="the rule is missing"))
    if rule.get("enabled", True) is False:
        return None
    values = {name: rule.get(name) for name in PARAMETERS}
    for name, value in values.items():
        bad = (not 0.0 <= value <= 1.0) if name.endswith("share") else value < 1
        if bad:
            raise RulesError(Errors.E320.format(file=family.path, rule=RULE_ID,
                                                reason=f"{name} = {value} is out of range"))
    return TemplateRule(id=RULE_ID, **{k: (float(v) if PARAMETERS[k] is float else v) for k, v in values.items()})


def normalise(line: str) -> str:
    """``line`` as compared across documents: stripped, lower case, wide punctuation and control characters
    removed, white space runs one space, digits kept ("" for a blank line)."""
    line = line.strip()
    if not line:
        return ""
    line = " ".join(line.lower().split()).translate(_DROP)  # a white space control became a space first
    return " ".join(line.split())


def is_prose(normal: str, rule: TemplateRule) -> bool:
    """True for a normalised line of at least ``rule.prose_words`` words that ends a sentence."""
    return normal.endswith(_ENDS) and len(normal.split()) >= rule.prose_words


def site_of(doc: RawDoc) -> str:
    """The site of a document: ``host:<name>`` (lower case, without ``www.``) of its URL when it has one with
    a host, else ``folder:<folder of its source>`` (``folder:`` for the input root)."""
    if doc.url:
        try:
            host = (urlsplit(doc.url.strip()).hostname or "").rstrip(".")
        except ValueError:
            host = ""
        if host:
            return "host:" + host.removeprefix("www.")
    source = doc.source.split("#", 1)[0].replace("\\", "/")
    return "folder:" + posixpath.dirname(source)


def line_key(site: str, normal: str) -> int:
    """64-bit key of a normalised line on a site (blake2b of both, 8 bytes, big-endian)."""
    data = f"{site}\0{normal}".encode("utf-8", "surrogatepass")
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "big")


class TemplateSet:
    """The template lines of a batch: :func:`line_key` -> number of documents of the site holding the line.

    Immutable; equal and hashed by :attr:`sha256`, the digest of :meth:`to_bytes` (what a run stores in
    ``parts/``). ``batch`` names the inputs and settings it was counted from (``--resume`` reuses it when they
    are the same)."""

    __slots__ = ("_lines", "rule", "batch", "documents", "sites", "_bytes", "sha256")

    def __init__(self, lines: dict[int, int], rule: TemplateRule, batch: str = "", documents: int = 0,
                 sites: int = 0) -> None:
        self._lines = dict(sorted(lines.items()))
        self.rule, self.batch, self.documents, self.sites = rule, batch, documents, sites
        self._bytes = json.dumps(
            {"format": FORMAT, "rule": asdict(rule), "batch": batch, "documents": documents, "sites": sites,
             "lines": {f"{k:016x}": v for k, v in self._lines.items()}},
            sort_keys=True, separators=(",", ":")).encode("ascii") + b"\n"
        self.sha256 = hashlib.sha256(self._bytes).hexdigest()

    def __len__(self) -> int:
        return len(self._lines)

    def count(self, key: int) -> int:
        """Documents of its site holding the line ``key``; 0 when it is not template."""
        return self._lines.get(key, 0)

    def to_bytes(self) -> bytes:
        """The set as one line of JSON (keys as 16 hex digits, sorted)."""
        return self._bytes

    @classmethod
    def from_bytes(cls, data: bytes) -> TemplateSet:
        """The set :meth:`to_bytes` wrote; ValueError (or KeyError/TypeError) for anything else."""
        record = json.loads(data)
        if record.get("format") != FORMAT:
            raise ValueError(f"templates file format {record.get('format')!r}, expected {FORMAT}")
        lines = {int(k, 16): int(v) for k, v in record["lines"].items()}
        made = cls(lines, TemplateRule(**record["rule"]), record["batch"], record["documents"], record["sites"])
        if made.to_bytes() != data:
            raise ValueError("templates file is not in its canonical form")
        return made

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TemplateSet) and other.sha256 == self.sha256

    def __hash__(self) -> int:
        return hash(self.sha256)

    def __deepcopy__(self, memo: dict[int, Any]) -> TemplateSet:
        return self  # immutable

    def __reduce__(self) -> tuple[Any, ...]:
        return (TemplateSet.from_bytes, (self._bytes,))

    def __repr__(self) -> str:
        return f"TemplateSet({len(self)} lines, {self.sites} sites, {self.documents} documents, {self.sha256[:12]})"


#: Documents of one site whose lines are counted; shares are taken of the counted documents.
MAX_SITE_DOCS = 5000


def count_templates(docs: Iterable[RawDoc], rule: TemplateRule, batch: str = "") -> TemplateSet | None:
    """The template lines of a batch of documents (in any order, the same result for every site of at most
    :data:`MAX_SITE_DOCS` documents).

    Documents with an error or with the bytes of an earlier one (same ``doc_id``) are not counted. None when
    the batch has fewer than ``rule.min_batch`` documents. A site's lines are counted over its first
    :data:`MAX_SITE_DOCS` documents (in batch order), which is enough to see its template and bounds the
    counting's memory per site: about 13 bytes per distinct line of each counted document.
    """
    keys, sites, prose = array("Q"), array("I"), array("B")
    site_ids: dict[str, int] = {}
    site_docs: list[int] = []
    seen: set[str] = set()
    for doc in docs:
        if doc.error or doc.doc_id in seen:
            continue
        seen.add(doc.doc_id)
        site = site_of(doc)
        sid = site_ids.setdefault(site, len(site_ids))
        if sid == len(site_docs):
            site_docs.append(0)
        if site_docs[sid] >= MAX_SITE_DOCS:
            continue
        site_docs[sid] += 1
        mine: dict[int, bool] = {}
        for line in doc.text.split("\n"):
            normal = normalise(line)
            if normal:
                key = line_key(site, normal)
                if key not in mine:
                    mine[key] = is_prose(normal, rule)
        keys.extend(mine)
        sites.extend([sid] * len(mine))
        prose.extend(mine.values())
    if len(seen) < rule.min_batch:
        log.debug("templates: %d documents, fewer than %d: none", len(seen), rule.min_batch)
        return None
    lines: dict[int, int] = {}
    if keys:
        import numpy as np

        found, first, counts = np.unique(np.frombuffer(keys, dtype=np.uint64), return_index=True,
                                         return_counts=True)
        site_arr = np.frombuffer(sites, dtype=np.uint32)[first]
        prose_arr = np.frombuffer(prose, dtype=np.uint8)[first].astype(bool)
        docs_arr = np.asarray(site_docs, dtype=np.int64)[site_arr]
        need = np.maximum(np.where(prose_arr, rule.prose_docs, rule.min_docs),
                          np.ceil(np.where(prose_arr, rule.prose_share, rule.min_share) * docs_arr - 1e-9))
        keep = counts >= need
        lines = dict(zip(found[keep].tolist(), counts[keep].tolist()))
    tset = TemplateSet(lines, rule, batch, len(seen), len(site_ids))
    log.info("templates: %d lines over %d sites of %d documents", len(tset), tset.sites, tset.documents)
    return tset


def template_counts(lines: Sequence[str], site: str, templates: TemplateSet) -> list[int]:
    """For the non-blank lines of a block, the documents of the site holding each (0: not template)."""
    return [templates.count(line_key(site, normal)) for normal in map(normalise, lines) if normal]


def mark_templates(items: Sequence[Any], title: int | None, doc: RawDoc, templates: TemplateSet) -> int:
    """Turn the heading and paragraph blocks of ``items`` (classified :class:`~pipeline.clean.features.Item`)
    whose every line is template into clutter decided by :data:`RULE_ID`, with the smallest document count
    as ``reason``; the block ``title`` and every other kind are left alone, and nothing is dropped when no
    paragraph would be left. Returns the number of blocks dropped."""
    site = site_of(doc)
    found: list[tuple[int, int]] = []
    for i, it in enumerate(items):
        if i == title or it.kind not in BODY_KINDS:
            continue
        counts = template_counts(it.span.text.split("\n"), site, templates)
        if counts and min(counts) > 0:
            found.append((i, min(counts)))
    if not found:
        return 0
    dropping = {i for i, _ in found}
    if not any(it.kind == "paragraph" and i not in dropping for i, it in enumerate(items)):
        return 0
    for i, docs in found:
        items[i].kind, items[i].rule = "clutter", RULE_ID
        items[i].reason = f"line(s) on {docs} documents of the site"
    return len(found)
