"""Metrics of ``partners``: core partners' footprints against the devolution footprint, and
the health, police and fire partners' footprints (read by the strategic-authority rubric).

Every footprint metric's note names the core partners whose footprint is unknown, since a
footprint left unstated must never look better than one stated and misaligned.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from devocheck.measure.base import (
    COUNT,
    FOOTPRINT_CLASSES,
    NO_CORE,
    SHARE,
    YES_NO,
    Facts,
    FootprintRow,
    Item,
    Metric,
    Reading,
    Value,
    collector,
    counted,
    items,
)

METRICS: list[Metric] = []
metric = collector(METRICS)


def _core_footprints(facts: Facts) -> tuple[FootprintRow, ...]:
    return tuple(row for row in facts.footprints if row.core_footprint)


def _unknown_note(facts: Facts) -> str:
    if not facts.unknown_footprints:
        return ""
    named = ", ".join(str(item.value.get("id")) for item in facts.unknown_footprints)
    return f"footprint not stated: {named}"


def _footprint_note(rows: Sequence[FootprintRow], unknown: str, facts: Facts) -> str:
    counts = ", ".join(
        f"{sum(r.footprint_class == c for r in rows)} {c}"
        for c in FOOTPRINT_CLASSES
        if any(r.footprint_class == c for r in rows)
    )
    odd = "; ".join(_footprint_detail(r, facts) for r in rows if r.footprint_class != "coterminous")
    return (
        counted(len(rows), "core footprints")
        + " stated"
        + (f" ({counts})" if rows else "")
        + (f"; {odd}" if odd else "")
        + (f"; {unknown}" if unknown else "")
    )


def _footprint_detail(row: FootprintRow, facts: Facts) -> str:
    parts = [f"{row.partner} is {row.footprint_class}"]
    if row.extra:
        parts.append(f"covers {', '.join(row.extra)} outside the area")
    if row.missing:
        parts.append(f"misses {facts.councils(row.missing)}")
    return ": ".join([parts[0], ", ".join(parts[1:])]) if len(parts) > 1 else parts[0]


def _footprint_reading(facts: Facts, value: Callable[[tuple[FootprintRow, ...]], Value]) -> Reading:
    rows = _core_footprints(facts)
    odd = (
        *(r.path for r in rows if r.footprint_class != "coterminous"),
        *(item.path for item in facts.unknown_footprints),
    )
    paths = odd or tuple(r.path for r in rows) or (("partners",),)
    note = _footprint_note(rows, _unknown_note(facts), facts) if facts.core else NO_CORE
    return Reading(value(rows), paths, note)


@metric("partners.core_count", COUNT, "Partners marked core")
def _core_count(facts: Facts) -> Reading:
    paths = tuple(item.path for item in facts.core)
    return Reading(
        len(paths), paths or (("partners",),), counted(len(paths), "core partners") if paths else NO_CORE
    )


metric(
    "partners.core_footprint_count",
    COUNT,
    "Core partners outside local government that state a non-empty `covers`",
    "partners",
    "locality",
)(lambda f: _footprint_reading(f, len))


@metric(
    "partners.core_footprint_unknown_count",
    COUNT,
    "Core partners outside local government whose footprint (`covers`) is not stated",
    "partners",
    "locality",
)
def _unknown_count(facts: Facts) -> Reading:
    return _footprint_reading(facts, lambda rows: len(facts.unknown_footprints))


def _class_count(name: str) -> None:
    metric(f"partners.core_{name}_count", COUNT, f"Core footprints that are {name}", "partners", "locality")(
        lambda f: _footprint_reading(f, lambda rows: sum(r.footprint_class == name for r in rows))
    )


for _name in FOOTPRINT_CLASSES:
    _class_count(_name)


@metric(
    "partners.core_coterminous_share",
    SHARE,
    "Share of core footprints that are coterminous",
    "partners",
    "locality",
)
def _coterminous_share(facts: Facts) -> Reading:
    return _footprint_reading(
        facts, lambda rows: sum(r.footprint_class == "coterminous" for r in rows) / len(rows) if rows else 0.0
    )


# --- public-service footprints (strategic-authority rubric) ---------------------------------

#: Sectors whose boundaries government aims to align with strategic authorities (ICB, police, fire).
PUBLIC_SERVICE_SECTORS = ("health", "police", "fire")


def _public_service(facts: Facts) -> tuple[Item, ...]:
    """Every partner, core or not, in a public-service sector."""
    rows = items(facts.data, "partners").rows
    return tuple(item for item in rows if item.value.get("sector") in PUBLIC_SERVICE_SECTORS)


def _public_service_rows(facts: Facts) -> tuple[FootprintRow, ...]:
    return tuple(row for row in facts.footprints if row.sector in PUBLIC_SERVICE_SECTORS)


@metric(
    "partners.public_service_footprint_count", COUNT, "Health, police and fire partners that state `covers`"
)
def _public_service_count(facts: Facts) -> Reading:
    rows = _public_service_rows(facts)
    paths = tuple(row.path for row in rows) or (("partners",),)
    return Reading(len(rows), paths, counted(len(rows), "public-service footprints") + " stated")


@metric(
    "partners.public_service_footprints_stated",
    YES_NO,
    "Every health, police and fire partner states `covers` (true; else unknown, as with none)",
    unknown=True,
)
def _public_service_stated(facts: Facts) -> Reading:
    partners = _public_service(facts)
    unstated = tuple(item for item in partners if not isinstance(item.value.get("covers"), list))
    if not partners:
        return Reading(None, (("partners",),), "no health, police or fire partner")
    if unstated:
        names = ", ".join(str(item.value.get("id")) for item in unstated)
        return Reading(None, tuple(item.path for item in unstated), f"footprint not stated: {names}")
    stated = f"{len(partners)} of {len(partners)} footprints stated"
    return Reading(True, tuple(item.path for item in partners), stated)


@metric(
    "partners.public_service_misaligned_count",
    COUNT,
    "Stated health, police and fire footprints that are split or outside the area",
)
def _public_service_misaligned(facts: Facts) -> Reading:
    rows = _public_service_rows(facts)
    odd = tuple(row for row in rows if row.footprint_class in {"split", "outside"})
    note = "; ".join(_footprint_detail(row, facts) for row in odd) or f"none of {len(rows)} split or outside"
    return Reading(len(odd), tuple(row.path for row in odd) or (("partners",),), note)


@metric(
    "partners.aligned_public_service_sectors",
    COUNT,
    "Of health, police and fire, the sectors whose every partner states a coterminous footprint",
)
def _aligned_sectors(facts: Facts) -> Reading:
    partners = _public_service(facts)
    classes = {row.partner: row.footprint_class for row in _public_service_rows(facts)}
    aligned = [
        sector
        for sector in PUBLIC_SERVICE_SECTORS
        if (ids := [str(p.value.get("id")) for p in partners if p.value.get("sector") == sector])
        and all(classes.get(partner) == "coterminous" for partner in ids)
    ]
    note = f"aligned: {', '.join(aligned)}" if aligned else "no public-service sector aligned"
    return Reading(len(aligned), tuple(p.path for p in partners) or (("partners",),), note)
