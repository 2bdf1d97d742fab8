"""Unit rules (``rules/units.toml``): surface forms before/after a number, normalised to one code.

Physical units are normalised through pint: a rule names a pint unit expression and its code is pint's
short symbol ("kilometer" -> "km", "barrel/day" -> "bbl/d"). Percent, percentage points and currencies
(ISO 4217) carry their code in the rule.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import regex

from ..cache import cache_dir
from ..errors import Errors, RulesError
from ..rules import Rule, RuleFile, Schema, load_family

log = logging.getLogger(__name__)

#: Kinds of unit rules. ``fx`` is an exchange rate: a currency quoted per another ("108.55 per dollar" where the
#: sentence names the yen: JPY/USD), or, as a ``denominator``, the currency a rate is quoted per ("yen per dollar");
#: its codes are ISO 4217 codes joined by "/", which pint does not convert.
UNIT_KINDS = ("percent", "pp", "points", "currency", "physical", "per", "registry", "fx")

#: What an example of a quantity rule (numbers, scales, bounds, units) may say of its first marked quantity.
#: ``language`` is not checked: it is the language of the document the example stands in (default English).
QUANTITY_EXAMPLE: dict[str, type | tuple[type, ...]] = {
    "value": float, "value_max": float, "unit": str, "bound": str, "noun": str, "language": str,
}
UNITS_SCHEMA = Schema(
    fields={
        "kind": str,
        "pattern": str,
        "prefix": str,
        "denominator": str,
        "code": str,
        "pint": str,
        "factor": float,
        "subunit": bool,
        "decimals": int,
        "measures": str,
    },
    required=("id", "kind"),
    patterns=("pattern", "prefix", "denominator"),
    example_fields=QUANTITY_EXAMPLE,
    marks=True,
)


@dataclass(frozen=True)
class Unit:
    """One unit rule, resolved: its code, kind and value factor; ``subunit`` for cents and pence;
    ``decimals`` 0 for a currency with no subunit in use (its numbers group thousands), else None."""

    rule: str
    kind: str
    code: str
    factor: float = 1.0
    subunit: bool = False
    decimals: int | None = None
    #: Seconds in one ``code`` when it is a unit of time (:func:`seconds_in`), else None: set when the rule is
    #: resolved, so reading a duration never needs the registry.
    seconds: float | None = None
    #: What a figure in ``code`` measures when nothing names it: the rule's ``measures`` field, else for a physical
    #: unit its dimension (:func:`measured_by`); '' when nothing.
    measures: str = ""


@lru_cache(maxsize=1)
def unit_registry():  # pragma: no cover - trivial
    """The pint registry, built once per process (pint keeps its parsed definitions in a ``pint`` folder of
    the project's cache, :mod:`pipeline.cache`, when that is on; built without it when it cannot be used)."""
    import pint

    folder = cache_dir()
    registry = None
    if folder is not None:
        try:
            registry = pint.UnitRegistry(on_redefinition="ignore", cache_folder=folder / "pint")
        except Exception as exc:  # noqa: BLE001 - a cache pint cannot use means building without it
            log.debug("pint cannot use its cache in %s (%s); building the registry without it", folder, exc)
    if registry is None:
        registry = pint.UnitRegistry(on_redefinition="ignore")
    for line in REGISTRY_DEFINITIONS:
        registry.define(line)
    return registry


#: Units the project's codes use that pint lacks (every physical code converts with :func:`to_pint`).
REGISTRY_DEFINITIONS = (
    "TEU = [twenty_foot_equivalent_unit]",
    "share = [share]",
    "mpg = mile / gallon",
    "flop = [floating_point_operation]",
    "FLOPS = flop / second",
    "MFLOPS = 1e6 * FLOPS",
    "GFLOPS = 1e9 * FLOPS",
    "TFLOPS = 1e12 * FLOPS",
    "PFLOPS = 1e15 * FLOPS",
    "kbps = 1e3 * bit / second",
    "Mbps = 1e6 * bit / second",
    "Gbps = 1e9 * bit / second",
    "parts_per_billion = 1e-9 = ppb",
    "frame = [frame]",
    # frames per second, not pint's feet per second; megapixels, not megapoise (M + P)
    "fps = frame / second = frames_per_second",
    "pixel_count = [pixel_count]",
    "MP = 1e6 * pixel_count = megapixel",
)


#: Codes of logarithmic units (pint's decibel): a figure in one is a level on a scale ("85 dB", "a 110-decibel
#: siren"), never a count or a magnitude. pint keeps such a quantity logarithmic, so ``to_pint(85, "dB")`` adds as
#: levels do and its ``to_base_units()`` is the dimensionless power ratio 10**8.5: a figure in one is kept as
#: written, never scaled, summed or converted to a base unit.
LOGARITHMIC_CODES = frozenset({"dB"})


def is_logarithmic(code: str) -> bool:
    """True when ``code`` is a logarithmic unit (:data:`LOGARITHMIC_CODES`): its figure is a level, kept as written."""
    return code in LOGARITHMIC_CODES


#: The project's time codes a rate writes as pint's symbol when they count what is done per period: "three days a
#: week" is ``d/week`` (as "16 hours a day" is ``h/d``), while "14 days" alone stays ``day``.
RATE_NUMERATOR_CODES = {"day": "d"}


def rate_code(numerator: str, denominator: str) -> str:
    """The code of a rate: ``numerator`` per ``denominator`` ("USD", "bbl" -> "USD/bbl"; "day", "week" -> "d/week")."""
    return f"{RATE_NUMERATOR_CODES.get(numerator, numerator)}/{denominator}"


def pint_code(expression: str) -> str:
    """pint's short symbol for a unit expression: "kilometer" -> "km", "barrel/day" -> "bbl/d"."""
    unit = unit_registry().Unit(expression)
    return format(unit, "~P").replace(" ", "")


def to_pint(value: float, code: str):
    """A pint Quantity for a physical value and its unit code (for conversions downstream)."""
    return unit_registry().Quantity(value, code)


def resolve(rule: Rule) -> Unit:
    """The :class:`Unit` a rule stands for; raises :class:`RulesError` when it names no valid unit."""
    kind = rule.get("kind")
    if kind not in UNIT_KINDS:
        expected = " or ".join(UNIT_KINDS)
        raise RulesError(Errors.E006.format(file=rule.file, rule=rule.id, field="kind", expected=expected))
    code = rule.get("code")
    if rule.get("pint"):
        try:
            code = pint_code(rule.get("pint"))
        except Exception as exc:  # pint raises several error types
            raise RulesError(Errors.E004.format(file=rule.file, rule=rule.id, field="pint", reason=exc)) from None
    if not code and kind != "registry":
        raise RulesError(Errors.E005.format(file=rule.file, rule=rule.id, field="code"))
    return Unit(rule=rule.id, kind=kind, code=code, factor=float(rule.get("factor", 1.0)),
                subunit=bool(rule.get("subunit", False)), decimals=rule.get("decimals"),
                seconds=seconds_in(code) if kind == "physical" else None,
                measures=rule.get("measures") or (measured_by(code) if kind == "physical" else ""))


@lru_cache(maxsize=64)
def seconds_in(code: str) -> float | None:
    """Seconds in one ``code`` of time by the pint registry ("min" -> 60.0, "year" -> 31557600.0, a Julian
    year of 365.25 days; "month" is a twelfth of it), or None when ``code`` is no unit of time."""
    try:
        one = to_pint(1.0, code)
        return float(one.to("second").magnitude) if one.check("[time]") else None
    except Exception:  # pint raises several error types
        return None


#: What a physical figure measures when nothing in its sentence names it, by the dimension of its unit: the
#: first reference unit here of the same dimension names it ("355 hp": power, "2 kg": weight, "12 °C":
#: temperature). Dimensionless units (bytes, degrees of angle) and rates of output name nothing.
DIMENSION_METRICS = (
    ("kg", "weight"), ("m", "length"), ("m**2", "area"), ("m**3", "volume"), ("s", "duration"),
    ("m/s", "speed"), ("W", "power"), ("J", "energy"), ("K", "temperature"), ("Hz", "frequency"),
    ("mpg", "fuel economy"), ("fps", "frame rate"), ("MP", "resolution"),
)
#: Units a dimension alone would misname: bit rates (a frequency by dimension) by their ending, and torque
#: (an energy by dimension) by its codes.
RATE_ENDING, TORQUE_CODES = "bps", frozenset({"lbf*ft", "N*m"})


@lru_cache(maxsize=256)
def measured_by(code: str) -> str:
    """What a figure in the physical unit ``code`` measures when nothing names it, by :data:`DIMENSION_METRICS`
    ("hp" -> "power", "GHz" -> "frequency", "Mbps" -> "data rate", "lbf*ft" -> "torque"); '' when the
    registry does not know ``code`` or its dimension has no name here."""
    if code.endswith(RATE_ENDING):
        return "data rate"
    if code in TORQUE_CODES:
        return "torque"
    try:
        registry = unit_registry()
        dimension = registry.get_dimensionality(code)
        return next((name for ref, name in DIMENSION_METRICS if registry.get_dimensionality(ref) == dimension), "")
    except Exception:  # pint raises several error types
        return ""


@lru_cache(maxsize=512)
def registry_code(symbol: str) -> str:
    """pint's code for a unit symbol with an SI prefix ("GHz", "mAh", "kV"), or '' when pint has none."""
    try:
        return pint_code(symbol)
    except Exception:  # pint raises several error types
        return ""


def _from_registry(unit: Unit, written: str) -> Unit | None:
    """``unit`` itself, or for a ``registry`` rule the physical unit pint reads in ``written`` (None if none)."""
    if unit.kind != "registry":
        return unit
    code = registry_code(written.strip())
    return Unit(rule=unit.rule, kind="physical", code=code, seconds=seconds_in(code)) if code else None


#: What must follow a unit written after a number: no letter or digit ("km" does not match "kms"), but the
#: inches may follow a foot mark ("5'10\""), and a sign ends itself ("33%of voters": a glued word is the next).
SUFFIX_END = "(?:(?<=[%‰])|(?![A-Za-z0-9])|(?<=\\d['’′]))"


#: An escape or a character class of a pattern: a ``\\s`` among them is a space between the words of a unit.
_UNIT_SPACE = regex.compile(r"\\.|\[\^?\]?(?:\\.|[^\]])*\]")
#: What a space between the words of a unit may be: one space, or a line break and the indent after it
#: ("98 per\n    cent", as a screen dump wraps a line).
WRAPPED_SPACE = r"(?:\n[ \t]{1,12}|\s)"


def _wrap(m: regex.Match) -> str:
    part = m.group()
    if part == "\\s":
        return WRAPPED_SPACE
    if part.startswith("[") and not part.startswith("[^") and "\\s" in part:
        return f"(?:\\n[ \\t]{{1,12}}|{part})"  # "square[\\s-]{1,2}metres"
    return part


def wrapped(pattern: str) -> str:
    """``pattern`` with each ``\\s`` (alone or in a character class) matching a line break and its indent too,
    so that a unit of two words wrapped over two lines reads as on one ("per\\n    cent", "square\\n  metres")."""
    return _UNIT_SPACE.sub(_wrap, pattern)


def _with_end(rule: Rule, field: str) -> str:
    return f"(?:{wrapped(rule.get(field))})" + (SUFFIX_END if field in ("pattern", "denominator") else "")


@dataclass(frozen=True, eq=False)
class UnitTable:
    """Resolved unit rules plus the prefix and suffix alternations used by the number grammar."""

    file: RuleFile
    units: tuple[tuple[Rule, Unit], ...]
    _lookups: dict = field(default_factory=dict)

    @property
    def measures(self) -> dict[str, str]:
        """Unit code -> what a figure in it measures when nothing names it (:attr:`Unit.measures`), for the
        table's physical units that have a name; a rule's own ``measures`` field is keyed by its id instead
        (its code may be shared: sport points are a ``count``)."""
        return {(r.id if r.get("measures") else u.code): u.measures for r, u in self.units if u.measures}

    def alternation(self, field: str) -> str:
        """All rules' ``field`` patterns as one non-capturing alternation, in file order."""
        return "|".join(_with_end(r, field) for r, _ in self.units if r.get(field))

    def _compiled(self, field: str) -> list[tuple[regex.Pattern, Unit]]:
        if field not in self._lookups:
            self._lookups[field] = [
                (regex.compile(_with_end(r, field), regex.VERSION1), u) for r, u in self.units if r.get(field)
            ]
        return self._lookups[field]

    def lookup(self, text: str, start: int, end: int, field: str) -> Unit | None:
        """The first unit whose ``field`` pattern, tried at ``start`` of ``text``, ends at ``end``.

        Matching inside the whole text (not a slice) lets a pattern's look-arounds see its context.
        """
        for pat, unit in self._compiled(field):
            m = pat.match(text, start)
            if m is not None and m.end() == end:
                resolved = _from_registry(unit, m.group())
                if resolved is not None:
                    return resolved
        return None


    def match(self, text: str, start: int, field: str) -> tuple[Unit, int] | None:
        """The first unit whose ``field`` pattern matches at ``start`` of ``text``, with the end of the match."""
        for pat, unit in self._compiled(field):
            m = pat.match(text, start)
            if m is not None:
                resolved = _from_registry(unit, m.group())
                if resolved is not None:
                    return resolved, m.end()
        return None


def load_units(folder: Path | None = None) -> UnitTable:
    """Load and resolve ``units.toml``."""
    rf = load_family("units", UNITS_SCHEMA, folder)
    pairs = tuple((r, resolve(r)) for r in rf.rules if r.get("enabled", True))
    log.debug("loaded %d unit rules", len(pairs))
    table = UnitTable(file=rf, units=pairs)
    for name in UNITS_SCHEMA.patterns:  # compiled now, so that a cached grammar holds them compiled
        table._compiled(name)
    return table


__all__ = [
    "Unit", "UnitTable", "UNITS_SCHEMA", "LOGARITHMIC_CODES", "is_logarithmic", "load_units", "measured_by", "pint_code",
    "rate_code", "to_pint",
]
