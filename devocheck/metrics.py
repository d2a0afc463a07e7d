"""Measure stage: locality data -> named, documented facts that rubric conditions test.

Every metric has a stable name (``section.snake_case``), a one-line description, the
top-level sections it reads (their absence is *no evidence*) and a pure function of the
locality. Rubrics never see the raw data except through these names (or a ``schema:``
leaf), so the logic that is harder than a threshold lives here, in code, tested once.

Spec rules applied throughout: a rule over "every X" holds when there is no X, and a
share over an empty set is 0.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Any

from devocheck.model import KeyPath, Record, json_pointer

Value = int | float | bool | None

SERVICE_REFORM = frozenset(
    {
        "health",
        "social_care",
        "public_health",
        "employment_support",
        "housing",
        "justice",
        "children_and_families",
        "welfare",
    }
)
_LOCAL_LEVELS = frozenset({"local_authority", "neighbourhood"})
_UPPER_LEVELS = frozenset({"combined_authority", "regional", "central"})
FOOTPRINT_CLASSES = ("coterminous", "larger", "split", "outside")


@dataclass(frozen=True, slots=True)
class FootprintRow(Record):
    """One partner's stated footprint compared with the devolution footprint."""

    partner: str
    name: str
    sector: str
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
    constituents: frozenset[str]
    footprints: tuple[FootprintRow, ...]
    outcomes: Items
    arrangements: Items
    sites: Items
    agreements: Items
    in_force: tuple[Item, ...]
    powers: Items

    def section(self, name: str) -> Mapping[str, Any]:
        value = self.data.get(name)
        return value if isinstance(value, Mapping) else {}


@dataclass(frozen=True, slots=True)
class Metric:
    """A registered metric: stable name, description, sections read, and its function."""

    name: str
    description: str
    sections: tuple[str, ...]
    function: Callable[[Facts], Reading]


_REGISTRY: dict[str, Metric] = {}
#: Every metric, by name, in definition order.
METRICS: Mapping[str, Metric] = MappingProxyType(_REGISTRY)


def metric(name: str, description: str, *sections: str) -> Callable[[Callable[[Facts], Reading]], Metric]:
    """Register the decorated function as metric ``name``."""

    def register(function: Callable[[Facts], Reading]) -> Metric:
        assert name not in _REGISTRY, name
        _REGISTRY[name] = Metric(name, description, sections or (name.split(".", 1)[0],), function)
        return _REGISTRY[name]

    return register


# --- reading the data -------------------------------------------------------------------


def _items(data: Mapping[str, Any], *path: str) -> Items:
    node: Any = data
    for part in path:
        node = node.get(part) if isinstance(node, Mapping) else None
    rows = node if isinstance(node, list) else []
    return Items(path, tuple(Item((*path, i), row) for i, row in enumerate(rows) if isinstance(row, Mapping)))


def day(value: Any) -> date | None:
    """An ISO date string (or date) as a date; None when absent or not a date."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _ids(value: Any) -> frozenset[str]:
    return frozenset(v for v in value if isinstance(v, str)) if isinstance(value, list) else frozenset()


def _stated(value: Any) -> bool:
    return value is not None and value != ""


def _in_force(agreement: Mapping[str, Any], on: date) -> bool:
    signed, review = day(agreement.get("signed")), day(agreement.get("review_due"))
    return signed is not None and signed <= on and (review is None or review >= on)


def _moved_up(power: Mapping[str, Any]) -> bool:
    return power.get("from") in _LOCAL_LEVELS and power.get("to") in _UPPER_LEVELS


def footprint_class(covers: frozenset[str], constituents: frozenset[str]) -> str:
    """Classify a footprint *P* against the constituents *C* as the format page defines."""
    if covers == constituents:
        return "coterminous"
    if covers > constituents:
        return "larger"
    return "split" if covers & constituents else "outside"


def _footprints(partners: Items, constituents: frozenset[str]) -> tuple[FootprintRow, ...]:
    rows = []
    for item in partners.rows:
        partner = item.value
        if not isinstance(partner.get("covers"), list):
            continue
        covers = _ids(partner["covers"])
        sector = str(partner.get("sector", ""))
        rows.append(
            FootprintRow(
                partner=str(partner.get("id", "")),
                name=str(partner.get("name", "")),
                sector=sector,
                core_footprint=partner.get("core") is True and sector != "local_government",
                footprint_class=footprint_class(covers, constituents),
                missing=tuple(sorted(constituents - covers)),
                extra=tuple(sorted(covers - constituents)),
                path=(*item.path, "covers"),
            )
        )
    return tuple(rows)


def facts(data: Mapping[str, Any], assessment_date: date) -> Facts:
    """The shared lookups of one locality on one date."""
    partners = _items(data, "partners")
    constituents = frozenset(
        c.value["code"]
        for c in _items(data, "locality", "constituents").rows
        if isinstance(c.value.get("code"), str)
    )
    agreements = _items(data, "data_sharing", "agreements")
    return Facts(
        data=data,
        date=assessment_date,
        sectors={str(p.value.get("id")): str(p.value.get("sector")) for p in partners.rows},
        core=tuple(p for p in partners.rows if p.value.get("core") is True),
        constituents=constituents,
        footprints=_footprints(partners, constituents),
        outcomes=_items(data, "goals", "outcomes"),
        arrangements=_items(data, "commissioning", "arrangements"),
        sites=_items(data, "co_location", "sites"),
        agreements=agreements,
        in_force=tuple(a for a in agreements.rows if _in_force(a.value, assessment_date)),
        powers=_items(data, "powers"),
    )


def compute_metrics(data: Mapping[str, Any], assessment_date: date) -> Metrics:
    """Every registered metric of ``data`` on ``assessment_date``."""
    return measure(facts(data, assessment_date))


def measure(shared: Facts) -> Metrics:
    """Every registered metric of a locality whose shared lookups are already built."""
    values = {}
    for entry in METRICS.values():
        reading = entry.function(shared)
        evidence = all(section in shared.data for section in entry.sections)
        values[entry.name] = MetricValue(entry.name, reading.value, evidence, reading.paths, reading.note)
    return Metrics(values)


# --- shapes of metric ---------------------------------------------------------------------

Predicate = Callable[[Mapping[str, Any]], bool]


def _count(items: Items, test: Predicate, phrase: str) -> Reading:
    """How many items pass ``test``; points at those that do (or at the list when none)."""
    hits = tuple(item.path for item in items.rows if test(item.value))
    return Reading(len(hits), hits or (items.path,), f"{len(hits)} of {len(items.rows)} {phrase}")


def _counted(count: int, phrase: str) -> str:
    """``2 linked datasets``, ``1 linked dataset``: ``phrase`` is plural, its noun last."""
    return f"{count} {phrase if count != 1 else phrase.removesuffix('s')}"


def _size(items: Items, phrase: str) -> Reading:
    """How many items there are; points at each (or at the list when empty)."""
    paths = tuple(item.path for item in items.rows)
    return Reading(len(paths), paths or (items.path,), _counted(len(paths), phrase))


def _every(items: Items, test: Predicate, phrase: str) -> Reading:
    """Whether every item passes ``test`` (true when there are none); points at offenders."""
    misses = tuple(item.path for item in items.rows if not test(item.value))
    passed = len(items.rows) - len(misses)
    return Reading(not misses, misses or (items.path,), f"{passed} of {len(items.rows)} {phrase}")


def _share(items: Items, test: Predicate, phrase: str) -> Reading:
    """The share of items passing ``test`` (0 of none); points at those that fail."""
    count = _count(items, test, phrase)
    misses = tuple(item.path for item in items.rows if not test(item.value))
    share = int(count.value or 0) / len(items.rows) if items.rows else 0.0
    return Reading(share, misses or count.paths, count.note)


def _most(items: Items, measure: Callable[[Mapping[str, Any]], int], phrase: str) -> Reading:
    """The largest ``measure`` over the items (0 of none); points at the item that has it."""
    best = max(items.rows, key=lambda item: measure(item.value), default=None)
    if best is None:
        return Reading(0, (items.path,), f"no {phrase}")
    top = measure(best.value)
    return Reading(top, (best.path,), f"at most {top} {phrase}")


def _flag(section: str, key: str, phrase: str) -> Callable[[Facts], Reading]:
    def read(facts: Facts) -> Reading:
        value = facts.section(section).get(key) is True
        return Reading(value, ((section, key),), f"{phrase}: {'yes' if value else 'no'}")

    return read


def _listed(section: str, key: str, phrase: str) -> Callable[[Facts], Reading]:
    def read(facts: Facts) -> Reading:
        value = facts.section(section).get(key)
        count = len(value) if isinstance(value, list) else 0
        return Reading(count, ((section, key),), _counted(count, phrase))

    return read


def _within(ids: frozenset[str], partners: Sequence[Item], phrase: str, share: bool) -> Reading:
    """Core partners named in ``ids``: the share, or whether all are (true when there are none)."""
    core = Items(("partners",), tuple(partners))
    return (_share if share else _every)(core, lambda p: p.get("id") in ids, phrase)


# --- partners: footprints -----------------------------------------------------------------


def _core_footprints(facts: Facts) -> tuple[FootprintRow, ...]:
    return tuple(row for row in facts.footprints if row.core_footprint)


def _footprint_note(rows: Sequence[FootprintRow]) -> str:
    counts = ", ".join(
        f"{sum(r.footprint_class == c for r in rows)} {c}"
        for c in FOOTPRINT_CLASSES
        if any(r.footprint_class == c for r in rows)
    )
    odd = "; ".join(_footprint_detail(r) for r in rows if r.footprint_class != "coterminous")
    return (
        _counted(len(rows), "core footprints")
        + " stated"
        + (f" ({counts})" if rows else "")
        + (f"; {odd}" if odd else "")
    )


def _footprint_detail(row: FootprintRow) -> str:
    parts = [f"{row.partner} is {row.footprint_class}"]
    if row.extra:
        parts.append(f"covers {', '.join(row.extra)} outside the area")
    if row.missing:
        parts.append(f"misses {', '.join(row.missing)}")
    return ": ".join([parts[0], ", ".join(parts[1:])]) if len(parts) > 1 else parts[0]


def _footprint_reading(facts: Facts, value: Callable[[tuple[FootprintRow, ...]], Value]) -> Reading:
    rows = _core_footprints(facts)
    odd = tuple(r.path for r in rows if r.footprint_class != "coterminous")
    return Reading(value(rows), odd or tuple(r.path for r in rows) or (("partners",),), _footprint_note(rows))


metric(
    "partners.core_footprint_count",
    "Core partners outside local government that state `covers`",
    "partners",
    "locality",
)(lambda f: _footprint_reading(f, len))


def _class_count(name: str) -> None:
    metric(f"partners.core_{name}_count", f"Core footprints that are {name}", "partners", "locality")(
        lambda f: _footprint_reading(f, lambda rows: sum(r.footprint_class == name for r in rows))
    )


for _name in FOOTPRINT_CLASSES:
    _class_count(_name)


@metric(
    "partners.core_coterminous_share", "Share of core footprints that are coterminous", "partners", "locality"
)
def _coterminous_share(facts: Facts) -> Reading:
    return _footprint_reading(
        facts, lambda rows: sum(r.footprint_class == "coterminous" for r in rows) / len(rows) if rows else 0.0
    )


# --- goals ----------------------------------------------------------------------------


@metric("goals.outcome_count", "Shared outcomes stated")
def _outcome_count(facts: Facts) -> Reading:
    return _size(facts.outcomes, "outcomes")


@metric("goals.max_outcome_partners", "Most partners signed up to a single outcome")
def _max_outcome_partners(facts: Facts) -> Reading:
    return _most(facts.outcomes, lambda o: len(_ids(o.get("partners"))), "partners signed up to one outcome")


@metric("goals.every_outcome_has_cohort", "Every outcome names the citizens it is for")
def _every_cohort(facts: Facts) -> Reading:
    return _every(facts.outcomes, lambda o: _stated(o.get("cohort")), "outcomes name a cohort")


_MEASURABLE = ("measure", "baseline", "target", "target_year")


@metric("goals.every_outcome_measurable", "Every outcome states measure, baseline, target and target_year")
def _every_measurable(facts: Facts) -> Reading:
    return _every(
        facts.outcomes,
        lambda o: all(_stated(o.get(k)) for k in _MEASURABLE),
        "outcomes measurable and targeted",
    )


def _signed_up(facts: Facts) -> frozenset[str]:
    return frozenset().union(*(_ids(o.value.get("partners")) for o in facts.outcomes.rows))


@metric(
    "goals.core_partners_signed_share",
    "Share of core partners signed up to some outcome",
    "goals",
    "partners",
)
def _core_signed_share(facts: Facts) -> Reading:
    return _within(_signed_up(facts), facts.core, "core partners signed up to an outcome", share=True)


@metric("goals.every_core_partner_signed", "Every core partner is signed up to some outcome (true with none)")
def _every_core_signed(facts: Facts) -> Reading:
    return _within(_signed_up(facts), facts.core, "core partners signed up to an outcome", share=False)


@metric("goals.reviewed_within_365_days", "Outcomes last reviewed within 365 days before the assessment date")
def _reviewed(facts: Facts) -> Reading:
    reviewed = day(facts.section("goals").get("last_reviewed"))
    if reviewed is None:
        return Reading(False, (("goals", "last_reviewed"),), "outcomes never reviewed")
    age = (facts.date - reviewed).days
    return Reading(
        0 <= age <= 365, (("goals", "last_reviewed"),), f"last reviewed {age} days before the date"
    )


@metric("goals.prioritised_outcome_count", "Outcomes with a priority")
def _prioritised(facts: Facts) -> Reading:
    return _count(facts.outcomes, lambda o: o.get("priority") is not None, "outcomes prioritised")


@metric("goals.budget_aligned_outcome_count", "Outcomes with budgets aligned to them")
def _budget_aligned(facts: Facts) -> Reading:
    return _count(facts.outcomes, lambda o: o.get("budget_aligned") is True, "outcomes budget-aligned")


@metric(
    "goals.priority1_budget_aligned_and_commissioned",
    "Every priority-1 outcome is budget-aligned and served by an arrangement",
    "goals",
)
def _priority1(facts: Facts) -> Reading:
    served = frozenset().union(*(_ids(a.value.get("outcomes")) for a in facts.arrangements.rows))
    top = Items(facts.outcomes.path, tuple(o for o in facts.outcomes.rows if o.value.get("priority") == 1))
    return _every(
        top,
        lambda o: o.get("budget_aligned") is True and o.get("id") in served,
        "priority-1 outcomes budget-aligned and commissioned",
    )


# --- commissioning ----------------------------------------------------------------------


@metric("commissioning.arrangement_count", "Joint commissioning arrangements")
def _arrangement_count(facts: Facts) -> Reading:
    return _size(facts.arrangements, "arrangements")


@metric("commissioning.max_arrangement_partners", "Most partners in one arrangement")
def _max_arrangement_partners(facts: Facts) -> Reading:
    return _most(facts.arrangements, lambda a: len(_ids(a.get("partners"))), "partners in one arrangement")


def _sector_count(facts: Facts, row: Mapping[str, Any]) -> int:
    return len({facts.sectors[p] for p in _ids(row.get("partners")) if p in facts.sectors})


@metric(
    "commissioning.max_arrangement_sectors",
    "Most sectors spanned by one arrangement's partners",
    "commissioning",
)
def _max_arrangement_sectors(facts: Facts) -> Reading:
    return _most(facts.arrangements, lambda a: _sector_count(facts, a), "sectors in one arrangement")


@metric("commissioning.pooled_budget_count", "Arrangements with a pooled budget")
def _pooled(facts: Facts) -> Reading:
    return _count(facts.arrangements, _pooled_budget, "arrangements pool their budget")


def _pooled_budget(arrangement: Mapping[str, Any]) -> bool:
    budget = arrangement.get("budget")
    return isinstance(budget, Mapping) and budget.get("type") == "pooled"


@metric(
    "commissioning.every_arrangement_outcomes_based",
    "Every arrangement is outcomes-based and serves at least one shared outcome",
)
def _every_outcomes_based(facts: Facts) -> Reading:
    return _every(
        facts.arrangements,
        lambda a: a.get("outcomes_based") is True and bool(_ids(a.get("outcomes"))),
        "arrangements outcomes-based and serving an outcome",
    )


def _term(arrangement: Mapping[str, Any]) -> int | float | None:
    term = arrangement.get("term_years")
    return term if isinstance(term, int | float) and not isinstance(term, bool) else None


@metric("commissioning.term_stated_count", "Arrangements that state term_years")
def _term_stated(facts: Facts) -> Reading:
    return _count(facts.arrangements, lambda a: _term(a) is not None, "arrangements state a term")


@metric("commissioning.max_term_years", "Longest arrangement term in years (0 when none is stated)")
def _max_term(facts: Facts) -> Reading:
    return _most(facts.arrangements, lambda a: int(_term(a) or 0), "years of arrangement term")


@metric("commissioning.every_term_at_least_3_years", "Every arrangement runs 3 years or more")
def _every_long(facts: Facts) -> Reading:
    return _every(facts.arrangements, lambda a: (_term(a) or 0) >= 3, "arrangements run 3 years or more")


@metric(
    "commissioning.vcse_arrangement_count",
    "Arrangements in which voluntary and community providers take part",
)
def _vcse(facts: Facts) -> Reading:
    return _count(
        facts.arrangements, lambda a: a.get("includes_vcse") is True, "arrangements include the VCSE"
    )


# --- co-location ------------------------------------------------------------------------


@metric("co_location.site_count", "Co-located sites")
def _site_count(facts: Facts) -> Reading:
    return _size(facts.sites, "sites")


@metric("co_location.max_site_partners", "Most partners under one roof")
def _max_site_partners(facts: Facts) -> Reading:
    return _most(facts.sites, lambda s: len(_ids(s.get("partners"))), "partners at one site")


@metric("co_location.sites_3_partners_2_sectors", "Sites with 3 or more partners from 2 or more sectors")
def _broad_sites(facts: Facts) -> Reading:
    return _count(
        facts.sites,
        lambda s: len(_ids(s.get("partners"))) >= 3 and _sector_count(facts, s) >= 2,
        "sites have 3+ partners from 2+ sectors",
    )


@metric("co_location.shared_front_door_count", "Sites with a shared front door")
def _front_door(facts: Facts) -> Reading:
    return _count(facts.sites, lambda s: s.get("shared_front_door") is True, "sites have a shared front door")


@metric("co_location.integrated_team_count", "Sites where staff of several partners work as one team")
def _integrated(facts: Facts) -> Reading:
    return _count(facts.sites, lambda s: s.get("integrated_team") is True, "sites have an integrated team")


@metric(
    "co_location.constituents_covered_share",
    "Share of constituents served by some co-located site",
    "co_location",
    "locality",
)
def _coverage(facts: Facts) -> Reading:
    served = frozenset().union(*(_ids(s.value.get("areas")) for s in facts.sites.rows))
    covered = facts.constituents & served
    share = len(covered) / len(facts.constituents) if facts.constituents else 0.0
    missing = sorted(facts.constituents - served)
    note = f"{len(covered)} of {len(facts.constituents)} constituents served by a site" + (
        f" (not {', '.join(missing)})" if missing else ""
    )
    paths = tuple(s.path for s in facts.sites.rows if _ids(s.value.get("areas")) & covered)
    return Reading(share, paths or (facts.sites.path,), note)


# --- data sharing -----------------------------------------------------------------------


@metric("data_sharing.agreement_count", "Information-sharing agreements")
def _agreement_count(facts: Facts) -> Reading:
    return _size(facts.agreements, "agreements")


def _in_force_items(facts: Facts) -> Items:
    return Items(facts.agreements.path, facts.in_force)


@metric(
    "data_sharing.in_force_count", "Agreements in force (signed on or before the date, review not overdue)"
)
def _in_force_count(facts: Facts) -> Reading:
    return _count(facts.agreements, lambda a: _in_force(a, facts.date), "agreements in force")


@metric("data_sharing.in_force_complete", "Every agreement in force has a lawful basis and a completed DPIA")
def _complete(facts: Facts) -> Reading:
    return _every(
        _in_force_items(facts),
        lambda a: _stated(a.get("lawful_basis")) and a.get("dpia_completed") is True,
        "agreements in force have a lawful basis and a DPIA",
    )


def _named_in_force(facts: Facts) -> frozenset[str]:
    return frozenset().union(*(_ids(a.value.get("partners")) for a in facts.in_force))


@metric(
    "data_sharing.core_partners_in_force_share",
    "Share of core partners named by some agreement in force",
    "data_sharing",
    "partners",
)
def _core_in_force_share(facts: Facts) -> Reading:
    return _within(_named_in_force(facts), facts.core, "core partners in an agreement in force", share=True)


@metric(
    "data_sharing.every_core_partner_in_force", "Agreements in force name every core partner (true with none)"
)
def _every_core_in_force(facts: Facts) -> Reading:
    return _within(_named_in_force(facts), facts.core, "core partners in an agreement in force", share=False)


metric("data_sharing.ig_lead_named", "A named information-governance lead")(
    _flag("data_sharing", "ig_lead_named", "information-governance lead named")
)
metric("data_sharing.shared_identifier_count", "Identifiers shared across partners")(
    _listed("data_sharing", "shared_identifiers", "shared identifiers")
)
metric("data_sharing.linked_dataset_count", "Datasets linked across partners")(
    _listed("data_sharing", "linked_datasets", "linked datasets")
)


# --- powers -------------------------------------------------------------------------------


def _reform(power: Mapping[str, Any]) -> bool:
    return power.get("domain") in SERVICE_REFORM


def _reform_items(facts: Facts) -> Items:
    return Items(facts.powers.path, tuple(p for p in facts.powers.rows if _reform(p.value)))


def _stranded(power: Mapping[str, Any]) -> bool:
    return _moved_up(power) and power.get("local_delivery") is not True


@metric("powers.count", "Powers the deal moves")
def _power_count(facts: Facts) -> Reading:
    return _size(facts.powers, "powers")


@metric(
    "powers.service_reform_count", "Service-reform powers (health, care, employment support, housing, ...)"
)
def _reform_count(facts: Facts) -> Reading:
    return _count(facts.powers, _reform, "powers are service reform")


@metric("powers.service_reform_share", "Share of powers that are service reform")
def _reform_share(facts: Facts) -> Reading:
    count = _count(facts.powers, _reform, "powers are service reform")
    share = int(count.value or 0) / len(facts.powers.rows) if facts.powers.rows else 0.0
    return Reading(share, count.paths, count.note)


@metric("powers.moved_up_without_local_delivery", "Powers moved up from local level without local delivery")
def _stranded_count(facts: Facts) -> Reading:
    return _count(facts.powers, _stranded, "powers moved up without local delivery")


@metric(
    "powers.service_reform_moved_up_without_local_delivery",
    "Service-reform powers moved up from local level without local delivery",
)
def _reform_stranded(facts: Facts) -> Reading:
    return _count(_reform_items(facts), _stranded, "service-reform powers moved up without local delivery")


@metric("powers.every_service_reform_funded", "Every service-reform power is funded (true with none)")
def _reform_funded(facts: Facts) -> Reading:
    return _every(_reform_items(facts), _funded, "service-reform powers funded")


def _funded(power: Mapping[str, Any]) -> bool:
    return power.get("funded") is True


@metric("powers.funded_share", "Share of powers that are funded")
def _funded_share(facts: Facts) -> Reading:
    return _share(facts.powers, _funded, "powers funded")


# --- funding and learning ---------------------------------------------------------------


@metric("funding.settlement_years", "Length of the longest committed multi-year settlement (0 when unstated)")
def _settlement(facts: Facts) -> Reading:
    years = facts.section("funding").get("settlement_years")
    value = years if isinstance(years, int) and not isinstance(years, bool) else 0
    return Reading(value, (("funding", "settlement_years"),), f"{value}-year settlement")


metric("funding.single_pot", "Funding comes as one flexible pot")(
    _flag("funding", "single_pot", "single pot")
)

for _key, _phrase in (
    ("evaluation_plan", "evaluation planned"),
    ("shares_learning", "what works is shared with peers"),
    ("frontline_involvement", "front-line staff shape the design"),
    ("joint_training", "staff of different partners train together"),
    ("central_sponsor", "a named sponsor in central government"),
):
    metric(f"learning.{_key}", _phrase[0].upper() + _phrase[1:])(_flag("learning", _key, _phrase))


__all__ = [
    "METRICS",
    "SERVICE_REFORM",
    "Facts",
    "FootprintRow",
    "Metric",
    "MetricValue",
    "Metrics",
    "Reading",
    "compute_metrics",
    "day",
    "facts",
    "footprint_class",
    "measure",
]
