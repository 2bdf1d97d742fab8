"""Load rule files (``rules/*.toml``): validated, compiled once, rejected with file and rule id.

Every rule file has an optional ``[meta]`` table and a list of ``[[rule]]`` tables. Each rule needs an
``id``; which other fields a family allows, and which of them are regex patterns, is declared by the
module that uses the family through a :class:`Schema`.
"""
from __future__ import annotations

import hashlib
import logging
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, TypeVar

import regex

from .cache import load_or_build
from .errors import Errors, RulesError
from .literals import Need, needed_literals

log = logging.getLogger(__name__)

T = TypeVar("T")

#: Fields every rule may carry whatever its family.
COMMON_FIELDS: dict[str, type | tuple[type, ...]] = {
    "id": str,
    "description": str,
    "examples": list,
    "counter_examples": list,
    "enabled": bool,
}


@dataclass(frozen=True, eq=False)
class Schema:
    """What a rule family allows: field types, required fields, which fields are patterns, and the
    shape of its examples.

    ``example_fields``: the expected fields an example table may carry besides ``text`` (with their
    types). ``marks``: the family marks the spans its decision must find with ``[`` and ``]`` inside
    example texts (``\\[`` and ``\\]`` stand for literal brackets); without marks an example's whole text
    is its span.
    """

    fields: dict[str, type | tuple[type, ...]]
    required: tuple[str, ...] = ("id",)
    patterns: tuple[str, ...] = ("pattern",)
    flags: int = regex.VERSION1
    example_fields: dict[str, type | tuple[type, ...]] = field(default_factory=dict)
    marks: bool = False


@dataclass(frozen=True)
class Example:
    """One example (or counter-example) of a rule, in the one shape every family uses.

    Written in a rule file either as a string (the text alone) or as a table ``{ text = "...", field =
    value, ... }`` whose other fields are what the rule's decision must give (``value``, ``unit``,
    ``kind``, ``iso``...: the family's ``example_fields``). ``text`` has the marks removed; ``spans`` are
    the marked ``(start, end)`` offsets into it (the whole text when the family has no marks);
    ``expect`` the expected fields; ``written`` the entry as it stands in the file.
    """

    text: str
    spans: tuple[tuple[int, int], ...]
    expect: dict[str, Any]
    written: str | dict[str, Any]

    @property
    def marked(self) -> tuple[str, ...]:
        """The text of each marked span."""
        return tuple(self.text[a:b] for a, b in self.spans)


#: A mark: ``[`` or ``]`` not preceded by a backslash, or an escaped bracket.
_MARK = regex.compile(r"\\([\[\]])|([\[\]])")


def unmark(written: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Text without marks and the marked spans of an example text; ValueError when marks do not pair."""
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    length = 0
    last = 0
    for m in _MARK.finditer(written):
        piece = written[last:m.start()]
        out.append(piece)
        length += len(piece)
        last = m.end()
        if m.group(1):
            out.append(m.group(1))
            length += 1
        elif m.group(2) == "[":
            if open_at is not None:
                raise ValueError("a '[' inside a marked span")
            open_at = length
        else:
            if open_at is None:
                raise ValueError("a ']' without its '['")
            spans.append((open_at, length))
            open_at = None
    if open_at is not None:
        raise ValueError("a '[' without its ']'")
    out.append(written[last:])
    return "".join(out), tuple(spans)


def parse_example(entry: Any, schema: Schema) -> Example:
    """An :class:`Example` from a rule file entry; ValueError saying what is wrong with it."""
    if isinstance(entry, str):
        written_text, expect = entry, {}
    elif isinstance(entry, dict):
        if not isinstance(entry.get("text"), str):
            raise ValueError("an example table needs a 'text' string")
        expect = {k: v for k, v in entry.items() if k != "text"}
        for key, value in expect.items():
            if key not in schema.example_fields:
                allowed = ", ".join(["text", *sorted(schema.example_fields)])
                raise ValueError(f"unknown example field '{key}' (allowed: {allowed})")
            wanted = schema.example_fields[key]
            wanted = (int, float) if wanted is float else wanted
            if not isinstance(value, wanted) or (isinstance(value, bool) and wanted is not bool):
                raise ValueError(f"example field '{key}' must be {_type_name(schema.example_fields[key])}")
        written_text = entry["text"]
    else:
        raise ValueError("an example must be a string or a table with a 'text' field")
    if schema.marks:
        text, spans = unmark(written_text)
    else:
        text, spans = written_text, ((0, len(written_text)),)
    return Example(text=text, spans=spans, expect=expect, written=entry)


@dataclass(frozen=True)
class Rule:
    """One validated rule: its raw fields plus compiled patterns."""

    id: str
    file: str
    data: dict[str, Any]
    compiled: dict[str, regex.Pattern] = field(default_factory=dict)
    #: Examples the rule must decide, each run through the family's real decision by the tests.
    examples: tuple[Example, ...] = ()
    #: Examples the rule must not decide.
    counter_examples: tuple[Example, ...] = ()

    def get(self, name: str, default: Any = None) -> Any:
        """A field of the rule, or ``default``."""
        return self.data.get(name, default)

    @property
    def pattern(self) -> regex.Pattern | None:
        """The rule's main compiled pattern, if it has one."""
        return self.compiled.get("pattern")

    @cached_property
    def needs(self) -> frozenset[Need] | None:
        """Strings of which every match of :attr:`pattern` holds one, exact or case-folded, read from the
        compiled pattern and its flags (:func:`pipeline.literals.needed_literals`): text that holds none of them
        cannot match. None when the rule has no pattern or no such strings are known (it must be run)."""
        pattern = self.pattern
        if pattern is None:
            return None
        return needed_literals(pattern.pattern.removeprefix(SIMPLE_CASE), bool(pattern.flags & regex.IGNORECASE))


@dataclass(frozen=True)
class RuleFile:
    """A loaded rule file: path, sha256 of its bytes, meta table and rules in file order."""

    path: str
    sha256: str
    meta: dict[str, Any]
    rules: tuple[Rule, ...]

    def by_id(self) -> dict[str, Rule]:
        """Rules keyed by id."""
        return {r.id: r for r in self.rules}


def rules_dir() -> Path:
    """The folder holding the default rule files: ``rules/`` of a source checkout, else the installed copy."""
    checkout = Path(__file__).resolve().parent.parent / "rules"
    if any(checkout.glob("*.toml")):
        return checkout
    from importlib import resources

    return Path(str(resources.files("pipeline.rule_data")))


#: Seconds one rule search may take before the document is reported as hitting a bound (TimeoutError).
REGEX_TIMEOUT = 2.0

#: Simple case folding: VERSION1 folds case fully by default, which makes (?i) patterns tens of times
#: slower and changes nothing for the rules here (no "ß" = "ss" matching is wanted).
SIMPLE_CASE = "(?-f)"


def compile_pattern(text: str, flags: int = regex.VERSION1) -> regex.Pattern:
    """Compile a rule pattern once: VERSION1 syntax with simple case folding."""
    return regex.compile(SIMPLE_CASE + text if flags & regex.VERSION1 else text, flags)


#: A ``{name}`` that the ``regex`` syntax reads as fuzzy matching constraints (``{s<=1}``, ``{e}``): a word
#: list named so (``{sized_rise}``) breaks the pattern before its words are filled in.
_FUZZY_NAME = regex.compile(r"\{([deis][a-z_]*)\}")


def _fuzzy_hint(text: object) -> str:
    """A hint for a pattern that failed to compile: names of word lists in it that start with d, e, i or s."""
    names = _FUZZY_NAME.findall(text) if isinstance(text, str) else []
    if not names:
        return ""
    many = len(names) > 1
    return (f" (the word list name{'s' if many else ''} {', '.join('{' + n + '}' for n in names)} "
            f"start{'' if many else 's'} with d, e, i or s, which patterns read as fuzzy matching: rename "
            f"{'them' if many else 'it'})")


def _type_name(t: type | tuple[type, ...]) -> str:
    if isinstance(t, tuple):
        return " or ".join(x.__name__ for x in t)
    return t.__name__


def _check_rule(raw: dict[str, Any], name: str, schema: Schema) -> Rule:
    rid = raw.get("id", "?")
    allowed = {**COMMON_FIELDS, **schema.fields}
    for key, value in raw.items():
        if key not in allowed:
            raise RulesError(
                Errors.E002.format(file=name, rule=rid, field=key, allowed=", ".join(sorted(allowed)))
            )
        expected = allowed[key]
        if expected is float:
            expected = (int, float)
        if not isinstance(value, expected) or (isinstance(value, bool) and expected is not bool):
            raise RulesError(
                Errors.E006.format(file=name, rule=rid, field=key, expected=_type_name(allowed[key]))
            )
    for key in schema.required:
        if key not in raw:
            raise RulesError(Errors.E005.format(file=name, rule=rid, field=key))
    compiled: dict[str, regex.Pattern] = {}
    for key in schema.patterns:
        if key in raw:
            try:
                compiled[key] = compile_pattern(raw[key], schema.flags)
            except (regex.error, TypeError) as exc:
                reason = f"{exc}{_fuzzy_hint(raw[key])}"
                raise RulesError(Errors.E004.format(file=name, rule=rid, field=key, reason=reason)) from None
    cases: dict[str, tuple[Example, ...]] = {}
    for key in ("examples", "counter_examples"):
        parsed = []
        for n, entry in enumerate(raw.get(key, []), start=1):
            try:
                parsed.append(parse_example(entry, schema))
            except ValueError as exc:
                raise RulesError(Errors.E009.format(file=name, rule=rid, field=key, n=n, reason=exc)) from None
        cases[key] = tuple(parsed)
    return Rule(id=rid, file=name, data=dict(raw), compiled=compiled, examples=cases["examples"],
                counter_examples=cases["counter_examples"])


def parse_rule_file(data: bytes, name: str, schema: Schema) -> RuleFile:
    """Validate and compile the rules in ``data`` (the bytes of a TOML file called ``name``)."""
    try:
        doc = tomllib.loads(data.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise RulesError(Errors.E001.format(file=name, reason=exc)) from None
    unknown = set(doc) - {"meta", "rule"}
    if unknown:
        raise RulesError(
            Errors.E002.format(file=name, rule="-", field=sorted(unknown)[0], allowed="meta, rule")
        )
    rules: list[Rule] = []
    seen: set[str] = set()
    raw_rules = doc.get("rule", [])
    if not isinstance(raw_rules, list):
        raise RulesError(Errors.E006.format(file=name, rule="-", field="rule", expected="a list of tables"))
    for raw in raw_rules:
        rule = _check_rule(raw, name, schema)
        if rule.id in seen:
            raise RulesError(Errors.E003.format(file=name, rule=rule.id))
        seen.add(rule.id)
        rules.append(rule)
    return RuleFile(
        path=name,
        sha256=hashlib.sha256(data).hexdigest(),
        meta=dict(doc.get("meta", {})),
        rules=tuple(rules),
    )


def load_rule_file(path: Path, schema: Schema) -> RuleFile:
    """Read, validate and compile one rule file; raises :class:`RulesError` naming file and rule."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        raise RulesError(Errors.E007.format(file=path)) from None
    return parse_rule_file(data, Path(path).name, schema)


def schema_digest(schema: Schema) -> str:
    """sha256 of everything in ``schema`` that decides how a file is validated and compiled (its fields and
    their types, required and pattern fields, regex flags, example fields, marks): part of a cache key."""
    return hashlib.sha256(repr(sorted(vars(schema).items())).encode()).hexdigest()


@lru_cache(maxsize=64)
def _cached(path: str, mtime_ns: int, schema: Schema) -> RuleFile:
    """The validated and compiled file at ``path``, once per process (keyed by its modification time), read from
    the on-disk cache (:mod:`pipeline.cache`) when an entry holds it for these very bytes, file name and schema,
    so a new process does not compile it again; a broken file is never stored and is rejected on every load."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        raise RulesError(Errors.E007.format(file=path)) from None
    name = Path(path).name
    parts = (name, hashlib.sha256(data).hexdigest(), schema_digest(schema))
    return load_or_build(f"rules-{Path(path).stem}", parts, lambda: parse_rule_file(data, name, schema))


def overlay_rules(base: RuleFile, user: RuleFile) -> RuleFile:
    """``base`` with ``user``'s rules on top: a user rule replaces the base rule of the same id in place, new
    ids follow in the user file's order, and ids listed in the user file's ``[meta] disable`` are switched
    off (``enabled = false``). Raises :class:`RulesError` E006 (``disable`` not a list of ids), E193 (an id
    to disable that no rule has)."""
    disable = user.meta.get("disable", [])
    if not isinstance(disable, list) or not all(isinstance(d, str) for d in disable):
        raise RulesError(Errors.E006.format(file=user.path, rule="-", field="meta.disable",
                                            expected="a list of rule ids"))
    mine = {r.id: r for r in user.rules}
    known = {r.id for r in base.rules} | set(mine)
    for rule_id in disable:
        if rule_id not in known:
            raise RulesError(Errors.E193.format(file=user.path, rule=rule_id))
    rules = [mine.pop(r.id, r) for r in base.rules] + list(mine.values())
    off = set(disable)
    rules = [replace(r, data={**r.data, "enabled": False}) if r.id in off else r for r in rules]
    combined = hashlib.sha256(f"{base.sha256}+{user.sha256}".encode()).hexdigest()
    return RuleFile(path=user.path, sha256=combined, meta={**base.meta, **user.meta}, rules=tuple(rules))


@lru_cache(maxsize=64)
def _overlaid(base_key: tuple[str, int], user_key: tuple[str, int], schema: Schema) -> RuleFile:
    return overlay_rules(_cached(*base_key, schema), _cached(*user_key, schema))


def _key(path: Path) -> tuple[str, int]:
    try:
        return str(path), path.stat().st_mtime_ns
    except OSError:
        raise RulesError(Errors.E007.format(file=path)) from None


def _family_paths(family: str, folder: Path | None) -> tuple[Path, Path | None]:
    """The built-in file of ``family`` and the user folder's file that takes its place (None: none does);
    :class:`RulesError` E007 when ``folder`` is not a folder."""
    builtin = rules_dir() / f"{family}.toml"
    if folder is None:
        return builtin, None
    folder = Path(folder)
    if not folder.is_dir():
        raise RulesError(Errors.E007.format(file=folder))
    path = folder / f"{family}.toml"
    return builtin, (path if path.is_file() else None)


def load_family(family: str, schema: Schema, folder: Path | None = None) -> RuleFile:
    """The rules of ``family``, cached per process.

    Without ``folder``: the built-in ``<family>.toml`` (:func:`rules_dir`). With a user ``folder``: its
    ``<family>.toml`` when it has one, else the built-in file; a user file whose ``[meta]`` says
    ``overlay = true`` is laid over the built-in file instead of replacing it (:func:`overlay_rules`).
    Raises :class:`RulesError` E007 when the folder or the built-in file is missing.
    """
    builtin, path = _family_paths(family, folder)
    if path is None:
        return _cached(*_key(builtin), schema)
    user_key = _key(path)
    user = _cached(*user_key, schema)
    if user.meta.get("overlay") is True and path.resolve() != builtin.resolve():
        return _overlaid(_key(builtin), user_key, schema)
    return user


def _file_sha256(path: Path) -> tuple[bytes, str]:
    try:
        data = path.read_bytes()
    except OSError:
        raise RulesError(Errors.E007.format(file=path)) from None
    return data, hashlib.sha256(data).hexdigest()


def _says_overlay(data: bytes) -> bool:
    """True when the TOML ``data`` has ``[meta] overlay = true`` (False when it is not valid TOML: the
    loader reports that)."""
    try:
        meta = tomllib.loads(data.decode("utf-8")).get("meta")
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        return False
    return isinstance(meta, dict) and meta.get("overlay") is True


def family_sha256(family: str, folder: Path | None = None) -> str:
    """The :attr:`RuleFile.sha256` that :func:`load_family` gives for ``family`` and ``folder``, from the
    files' bytes alone (nothing is validated or compiled): the sha256 of the file used, or for an overlay
    the sha256 of ``"<built-in sha256>+<user sha256>"``. :class:`RulesError` E007 for a missing file or folder."""
    builtin, path = _family_paths(family, folder)
    if path is None:
        return _file_sha256(builtin)[1]
    data, sha = _file_sha256(path)
    if _says_overlay(data) and path.resolve() != builtin.resolve():
        return hashlib.sha256(f"{_file_sha256(builtin)[1]}+{sha}".encode()).hexdigest()
    return sha


def families() -> tuple[str, ...]:
    """Names of the rule families: the stems of the built-in rule files, sorted."""
    return tuple(sorted(p.stem for p in rules_dir().glob("*.toml")))


def rule_digests(folder: Path | str | None = None) -> dict[str, str]:
    """sha256 of every rule file (family) the stages use with the rule folder ``folder``, by file name
    (``numbers.toml``...), sorted: what :attr:`RuleFile.sha256` of each loaded family would be, computed
    from the bytes without compiling. :class:`RulesError` E007 for a missing file or folder."""
    where = Path(folder) if folder else None
    return {f"{name}.toml": family_sha256(name, where) for name in families()}


def load_compiled(name: str, folder: Path | str | None, build: Callable[[], T], *extra: str) -> T:
    """What ``build()`` gives for the rule folder ``folder`` (None: the built-in rules), read from the on-disk
    cache entry ``name`` (:mod:`pipeline.cache`) when one holds it for these very rule files (the sha256 of each,
    :func:`rule_digests`) and the strings ``extra`` (the loader's other arguments), else built and stored; a
    process that finds another building the entry waits for it rather than compiling the same patterns twice.
    For loaders whose whole result follows from the rule files: a grammar, the claim rules, the clutter passes.
    :class:`RulesError` E007 for a missing file or folder; errors of ``build`` propagate and nothing is stored."""
    key = [f"{file}={sha}" for file, sha in rule_digests(folder).items()] + list(extra)
    return load_or_build(name, key, build)


#: JSON Schema type names of the Python types rule fields are declared with.
_JSON_TYPES = {str: "string", int: "integer", float: "number", bool: "boolean", list: "array", dict: "object"}


def _json_type(t: type | tuple[type, ...]) -> dict[str, Any]:
    kinds = [_JSON_TYPES[x] for x in (t if isinstance(t, tuple) else (t,))]
    return {"type": kinds[0] if len(kinds) == 1 else kinds}


def json_schema(family: str, schema: Schema) -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) of the rule file ``<family>.toml``, for editors that check TOML.

    It states what the loader enforces: the ``meta`` table, each rule's allowed fields and their types,
    the required fields, and the one example shape (a string, or a table with ``text`` plus the family's
    expected fields). Patterns and marks are checked by the loader only.
    """
    example = {
        "oneOf": [
            {"type": "string"},
            {
                "type": "object",
                "properties": {"text": {"type": "string"},
                               **{k: _json_type(v) for k, v in sorted(schema.example_fields.items())}},
                "required": ["text"],
                "additionalProperties": False,
            },
        ]
    }
    fields = {**COMMON_FIELDS, **schema.fields}
    properties: dict[str, Any] = {k: _json_type(v) for k, v in sorted(fields.items())}
    properties["examples"] = properties["counter_examples"] = {"type": "array", "items": example}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"newsclaims rules: {family}.toml",
        "type": "object",
        "properties": {
            "meta": {"type": "object"},
            "rule": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": properties,
                    "required": sorted(set(schema.required)),
                    "additionalProperties": False,
                },
            },
        },
        "additionalProperties": False,
    }
