"""Records of the measure stage, the shared lookups of one locality, and the shapes of metric.

A metric is a pure function of a ``Facts`` (the locality plus lookups several metrics share,
built once per assessment) returning a ``Reading``: the value, the key paths of the facts that
set it, and one line saying why. The section modules of this package define the metrics with
the ``collector`` decorator; ``devocheck.measure`` lists those modules (the registry).

Spec rules applied throughout: a rule over "every X" holds when there is no X, except a rule
over every core partner, which needs at least one; a share over an empty set is 0. An entry
that says nothing counts for nothing: text such as ``TBC`` is not *stated*, a list entry that
names fewer partners than its kind needs is left out of what is counted (see docs/scoring.md),
and a power whose ``from`` equals its ``to`` is not a move.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Any

from devocheck.load.dates import calendar_day
from devocheck.model import KeyPath, Record, json_pointer

Value = int | float | bool | None

_LOCAL_LEVELS = frozenset({"local_authority", "neighbourhood"})
_UPPER_LEVELS = frozenset({"combined_authority", "regional", "central"})
FOOTPRINT_CLASSES = ("coterminous", "larger", "split", "outside")


@dataclass(frozen=True, slots=True)
class FootprintRow(Record):
    """One partner's stated footprint compared with the devolution footprint."""

    partner: str
    name: str
    sector: str
    core: bool
    """The file marks the partner ``core: true`` (a council partner too)."""
    core_footprint: bool
    """Counted by the rubric: a core partner outside local government."""
    footprint_class: str
    """``coterminous``, ``larger``, ``split`` or ``outside`` (see the format page)."""
    missing: tuple[str, ...]
    """Constituent codes the partner does not cover."""
    extra: tuple[str, ...]
    """Codes the partner covers outside the constituents."""
    path: KeyPath


@dataclass(frozen=True, slots=True)
class Reading:
    """What a metric function returns: the value, the facts it rests on, and why, in words."""

    value: Value
    paths: tuple[KeyPath, ...]
    note: str


@dataclass(frozen=True, slots=True)
class MetricValue(Record):
    """One measured metric of one locality."""

    name: str
    value: Value
    evidence: bool
    """False when a section the metric reads is absent from the file."""
    paths: tuple[KeyPath, ...]
    """Key paths of the facts that set the value (offenders for a failed "every" rule)."""
    note: str
    """One line saying which facts set the value."""

    @property
    def pointers(self) -> tuple[str, ...]:
        return tuple(json_pointer(path) for path in self.paths)


class Metrics(Mapping[str, MetricValue]):
    """A read-only mapping of metric name to value, in registry order."""

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[str, MetricValue]) -> None:
        self._values = MappingProxyType(dict(values))

    def __getitem__(self, name: str) -> MetricValue:
        return self._values[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"Metrics({dict(self._values)!r})"

    def __reduce__(self) -> tuple[type[Metrics], tuple[dict[str, MetricValue]]]:
        """Pickled as a plain dict: reports come back from ``assess --jobs N`` worker processes."""
        return (Metrics, (dict(self._values),))


@dataclass(frozen=True, slots=True)
class Item:
    """A list entry of the locality and where it sits."""

    path: KeyPath
    value: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Items:
    """A list of the locality (empty when absent) and its key path."""

    path: KeyPath
    rows: tuple[Item, ...]


@dataclass(frozen=True, slots=True)
class Facts:
    """A locality with the lookups several metrics share, built once per assessment."""

    data: Mapping[str, Any]
    date: date
    sectors: Mapping[str, str]
    core: tuple[Item, ...]
    """Partners marked ``core: true``."""
    constituents: frozenset[str]
    council_names: Mapping[str, str]
    """Constituent code -> the name the file gives it (codes without a name are left out)."""
    footprints: tuple[FootprintRow, ...]
    """Partners that state a non-empty ``covers``, in file order."""
    unknown_footprints: tuple[Item, ...]
    """Core partners outside local government whose footprint is not stated."""
    outcomes: Items
    arrangements: Items
    sites: Items
    agreements: Items
    counted_agreements: Items
    """Agreements naming two or more partners (fewer shares nothing)."""
    in_force: tuple[Item, ...]
    """Counted agreements in force on the date."""
    powers: Items
    """Powers that move (``from`` differs from ``to``); a non-move is left out of every count."""

    def section(self, name: str) -> Mapping[str, Any]:
        value = self.data.get(name)
        return value if isinstance(value, Mapping) else {}

    def councils(self, codes: Iterable[str]) -> str:
        """Constituents by the names the file gives them (codes where it gives none), comma-separated."""
        return ", ".join(self.council_names.get(code, code) for code in codes)


@dataclass(frozen=True, slots=True)
class Kind:
    """What values a metric takes, so that a rubric condition can be checked against them.

    ``low`` and ``high`` bound the value (``high`` None: no upper bound); ``whole`` says it is
    a whole number. A yes/no metric is ``true`` or ``false`` and is never compared as a number.
    """

    word: str
    """The kind's name in the docs: ``yes/no``, ``count``, ``share``, ``years``."""
    noun: str
    """The kind in a sentence: ``X is a count``."""
    meaning: str
    """What its values are, in words (``a whole number, 0 or more``)."""
    low: float
    high: float | None
    whole: bool

    def fits(self, value: Value) -> bool:
        """Whether ``value`` is one this kind takes (a metric's value always is)."""
        if isinstance(value, bool):
            return self is YES_NO
        if self is YES_NO or value is None:
            return False
        in_range = self.low <= value and (self.high is None or value <= self.high)
        return in_range and (not self.whole or float(value).is_integer())


YES_NO = Kind("yes/no", "yes/no", "true or false", 0, 1, whole=True)
COUNT = Kind("count", "a count", "a whole number, 0 or more", 0, None, whole=True)
SHARE = Kind("share", "a share", "a number from 0 to 1; 0.5 is half", 0, 1, whole=False)
YEARS = Kind("years", "a number of years", "a whole number, 0 or more", 0, None, whole=True)
#: Every kind of metric value, in the order the docs list them.
KINDS = (YES_NO, COUNT, SHARE, YEARS)


@dataclass(frozen=True, slots=True)
class Metric:
    """A registered metric: stable name, value kind, description, sections read, and its function."""

    name: str
    kind: Kind
    description: str
    sections: tuple[str, ...]
    function: Callable[[Facts], Reading]
    unknown: bool = False
    """True when the value is None (unknown) while the facts it reads are not stated."""


MetricDecorator = Callable[[Callable[[Facts], Reading]], Metric]


def collector(into: list[Metric]) -> Callable[..., MetricDecorator]:
    """A ``metric(name, kind, description, *sections)`` decorator that appends to ``into``.

    ``kind`` is what values the metric takes (``YES_NO``, ``COUNT``, ``SHARE``, ``YEARS``);
    ``unknown`` marks a metric that is None when the facts it reads are not stated;
    ``sections`` are the top-level keys the metric reads (their absence is *no evidence*),
    by default the part of ``name`` before the dot.
    """

    def metric(
        name: str, kind: Kind, description: str, *sections: str, unknown: bool = False
    ) -> MetricDecorator:
        def register(function: Callable[[Facts], Reading]) -> Metric:
            entry = Metric(name, kind, description, sections or (name.split(".", 1)[0],), function, unknown)
            into.append(entry)
            return entry

        return register

    return metric


# --- reading the data -------------------------------------------------------------------


def items(data: Mapping[str, Any], *path: str) -> Items:
    """The list at ``path`` (empty when absent), keeping only its mapping entries."""
    node: Any = data
    for part in path:
        node = node.get(part) if isinstance(node, Mapping) else None
    rows = node if isinstance(node, list) else []
    return Items(path, tuple(Item((*path, i), row) for i, row in enumerate(rows) if isinstance(row, Mapping)))


def day(value: Any) -> date | None:
    """A date as the format writes it (``devocheck.load.dates``), or a date; None when absent."""
    if isinstance(value, date):
        return value
    return calendar_day(value) if isinstance(value, str) else None


def ids(value: Any) -> frozenset[str]:
    """The distinct string ids of a list (empty when not a list)."""
    return frozenset(v for v in value if isinstance(v, str)) if isinstance(value, list) else frozenset()


#: Text that stands in for a fact not yet known; a field holding it is not *stated*.
PLACEHOLDERS = frozenset(
    {"tbc", "tbd", "tba", "to be confirmed", "to be decided", "to be agreed", "todo", "n/a", "na", "none"}
)


def stated(value: Any) -> bool:
    """Whether a field holds something: not absent, null, blank, or placeholder text such as ``TBC``."""
    if isinstance(value, str):
        text = value.strip().strip(".?!-_*").strip().lower()
        return bool(text) and text not in PLACEHOLDERS
    return value is not None


def partnered(row: Mapping[str, Any], at_least: int) -> bool:
    """Whether an entry names ``at_least`` distinct partners."""
    return len(ids(row.get("partners"))) >= at_least


def moves(power: Mapping[str, Any]) -> bool:
    """A power moves when its ``from`` level differs from its ``to`` level."""
    return power.get("from") != power.get("to")


def in_force(agreement: Mapping[str, Any], on: date) -> bool:
    """Signed on or before ``on`` and its review not overdue (the format page's *in force*)."""
    signed, review = day(agreement.get("signed")), day(agreement.get("review_due"))
    return signed is not None and signed <= on and (review is None or review >= on)


def moved_up(power: Mapping[str, Any]) -> bool:
    """Moved from local authority or neighbourhood to a combined authority or higher."""
    return power.get("from") in _LOCAL_LEVELS and power.get("to") in _UPPER_LEVELS


def footprint_class(covers: frozenset[str], constituents: frozenset[str]) -> str:
    """Classify a footprint *P* against the constituents *C* as the format page defines."""
    if covers == constituents:
        return "coterminous"
    if covers > constituents:
        return "larger"
    return "split" if covers & constituents else "outside"


def _core_footprint(partner: Mapping[str, Any]) -> bool:
    return partner.get("core") is True and partner.get("sector") != "local_government"


def _footprints(partners: Items, constituents: frozenset[str]) -> tuple[FootprintRow, ...]:
    rows = []
    for item in partners.rows:
        partner = item.value
        covers = ids(partner.get("covers"))
        if not covers:
            continue
        sector = str(partner.get("sector", ""))
        rows.append(
            FootprintRow(
                partner=str(partner.get("id", "")),
                name=str(partner.get("name", "")),
                sector=sector,
                core=partner.get("core") is True,
                core_footprint=_core_footprint(partner),
                footprint_class=footprint_class(covers, constituents),
                missing=tuple(sorted(constituents - covers)),
                extra=tuple(sorted(covers - constituents)),
                path=(*item.path, "covers"),
            )
        )
    return tuple(rows)


def facts(data: Mapping[str, Any], assessment_date: date) -> Facts:
    """The shared lookups of one locality on one date."""
    partners = items(data, "partners")
    constituents = frozenset(
        c.value["code"]
        for c in items(data, "locality", "constituents").rows
        if isinstance(c.value.get("code"), str)
    )
    agreements = items(data, "data_sharing", "agreements")
    counted = Items(agreements.path, tuple(a for a in agreements.rows if partnered(a.value, 2)))
    powers = items(data, "powers")
    return Facts(
        data=data,
        date=assessment_date,
        sectors={str(p.value.get("id")): str(p.value.get("sector")) for p in partners.rows},
        core=tuple(p for p in partners.rows if p.value.get("core") is True),
        constituents=constituents,
        council_names={
            c.value["code"]: c.value["name"]
            for c in items(data, "locality", "constituents").rows
            if isinstance(c.value.get("code"), str) and isinstance(c.value.get("name"), str)
        },
        footprints=_footprints(partners, constituents),
        unknown_footprints=tuple(
            p for p in partners.rows if _core_footprint(p.value) and not ids(p.value.get("covers"))
        ),
        outcomes=items(data, "goals", "outcomes"),
        arrangements=items(data, "commissioning", "arrangements"),
        sites=items(data, "co_location", "sites"),
        agreements=agreements,
        counted_agreements=counted,
        in_force=tuple(a for a in counted.rows if in_force(a.value, assessment_date)),
        powers=Items(powers.path, tuple(p for p in powers.rows if moves(p.value))),
    )


# --- shapes of metric ---------------------------------------------------------------------

Predicate = Callable[[Mapping[str, Any]], bool]


def count(rows: Items, test: Predicate, phrase: str) -> Reading:
    """How many items pass ``test``; points at those that do (or at the list when none)."""
    hits = tuple(item.path for item in rows.rows if test(item.value))
    return Reading(len(hits), hits or (rows.path,), f"{len(hits)} of {len(rows.rows)} {phrase}")


def counted(number: int, phrase: str) -> str:
    """``2 linked datasets``, ``1 linked dataset``: ``phrase`` is plural, its noun last."""
    return f"{number} {phrase if number != 1 else phrase.removesuffix('s')}"


def size(rows: Items, phrase: str) -> Reading:
    """How many items there are; points at each (or at the list when empty)."""
    paths = tuple(item.path for item in rows.rows)
    return Reading(len(paths), paths or (rows.path,), counted(len(paths), phrase))


def every(rows: Items, test: Predicate, phrase: str) -> Reading:
    """Whether every item passes ``test`` (true when there are none); points at offenders."""
    misses = tuple(item.path for item in rows.rows if not test(item.value))
    passed = len(rows.rows) - len(misses)
    return Reading(not misses, misses or (rows.path,), f"{passed} of {len(rows.rows)} {phrase}")


def share(rows: Items, test: Predicate, phrase: str) -> Reading:
    """The share of items passing ``test`` (0 of none); points at those that fail."""
    hits = count(rows, test, phrase)
    misses = tuple(item.path for item in rows.rows if not test(item.value))
    value = int(hits.value or 0) / len(rows.rows) if rows.rows else 0.0
    return Reading(value, misses or hits.paths, hits.note)


def most(rows: Items, measure: Callable[[Mapping[str, Any]], int], phrase: str) -> Reading:
    """The largest ``measure`` over the items (0 of none); points at the item that has it."""
    best = max(rows.rows, key=lambda item: measure(item.value), default=None)
    if best is None:
        return Reading(0, (rows.path,), f"no {phrase}")
    top = measure(best.value)
    return Reading(top, (best.path,), f"at most {top} {phrase}")


def flag(section: str, key: str, phrase: str) -> Callable[[Facts], Reading]:
    """A yes/no field of a section: true only when it is ``true``."""

    def read(facts: Facts) -> Reading:
        value = facts.section(section).get(key) is True
        return Reading(value, ((section, key),), f"{phrase}: {'yes' if value else 'no'}")

    return read


def stated_flag(value: Any, path: KeyPath, phrase: str) -> Reading:
    """A yes/no fact as written, or unknown (``None``) when the file does not state it."""
    if not isinstance(value, bool):
        return Reading(None, (path,), f"{phrase}: not stated")
    return Reading(value, (path,), f"{phrase}: {'yes' if value else 'no'}")


def listed(section: str, key: str, phrase: str) -> Callable[[Facts], Reading]:
    """How many distinct stated entries a list field of a section has (0 when absent)."""

    def read(facts: Facts) -> Reading:
        value = facts.section(section).get(key)
        number = len({entry for entry in value if stated(entry)}) if isinstance(value, list) else 0
        return Reading(number, ((section, key),), counted(number, phrase))

    return read


#: What the facts line says when a rule over every core partner has none to go over.
NO_CORE = "no core partner is declared"


def within(named: frozenset[str], partners: Sequence[Item], phrase: str, as_share: bool) -> Reading:
    """Core partners named in ``named``: the share (0 of none), or whether all are.

    A rule over every core partner needs at least one: with none declared it is false, and the
    note says so, so that leaving ``core`` off every partner never scores higher.
    """
    if not partners:
        return Reading(0.0 if as_share else False, (("partners",),), NO_CORE)
    core = Items(("partners",), tuple(partners))
    return (share if as_share else every)(core, lambda p: p.get("id") in named, phrase)


def sector_count(facts: Facts, row: Mapping[str, Any]) -> int:
    """How many sectors the partners named by ``row`` come from."""
    return len({facts.sectors[p] for p in ids(row.get("partners")) if p in facts.sectors})
