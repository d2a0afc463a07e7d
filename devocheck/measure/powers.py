"""Metrics of ``powers``: what the deal moves, service reform against growth, local delivery, funding.

Only powers that move count: one whose ``from`` equals its ``to`` is left out of every metric
(``validate`` warns at its position). A power is funded when ``funded`` is true and its
``funding_gbp``, if stated, is not 0.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from devocheck.measure.base import (
    COUNT,
    SHARE,
    YES_NO,
    Facts,
    Items,
    Metric,
    Reading,
    collector,
    count,
    every,
    moved_up,
    share,
    size,
)
from devocheck.model import KeyPath

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

METRICS: list[Metric] = []
metric = collector(METRICS)


def _reform(power: Mapping[str, Any]) -> bool:
    return power.get("domain") in SERVICE_REFORM


def _reform_items(facts: Facts) -> Items:
    return Items(facts.powers.path, tuple(p for p in facts.powers.rows if _reform(p.value)))


def _stranded(power: Mapping[str, Any]) -> bool:
    return moved_up(power) and power.get("local_delivery") is not True


@metric("powers.count", COUNT, "Powers the deal moves (a power whose `from` equals its `to` does not move)")
def _power_count(facts: Facts) -> Reading:
    return size(facts.powers, "powers")


@metric(
    "powers.service_reform_count",
    COUNT,
    "Service-reform powers (health, care, employment support, housing, ...)",
)
def _reform_count(facts: Facts) -> Reading:
    return count(facts.powers, _reform, "powers are service reform")


@metric("powers.service_reform_share", SHARE, "Share of powers that are service reform")
def _reform_share(facts: Facts) -> Reading:
    hits = count(facts.powers, _reform, "powers are service reform")
    value = int(hits.value or 0) / len(facts.powers.rows) if facts.powers.rows else 0.0
    return Reading(value, hits.paths, hits.note)


@metric(
    "powers.moved_up_without_local_delivery", COUNT, "Powers moved up from local level without local delivery"
)
def _stranded_count(facts: Facts) -> Reading:
    return count(facts.powers, _stranded, "powers moved up without local delivery")


@metric(
    "powers.service_reform_moved_up_without_local_delivery",
    COUNT,
    "Service-reform powers moved up from local level without local delivery",
)
def _reform_stranded(facts: Facts) -> Reading:
    return count(_reform_items(facts), _stranded, "service-reform powers moved up without local delivery")


@metric("powers.every_service_reform_funded", YES_NO, "Every service-reform power is funded (true with none)")
def _reform_funded(facts: Facts) -> Reading:
    return every(_reform_items(facts), _funded, "service-reform powers funded")


def _funded(power: Mapping[str, Any]) -> bool:
    return power.get("funded") is True and power.get("funding_gbp") != 0


@metric("powers.funded_share", SHARE, "Share of powers that are funded")
def _funded_share(facts: Facts) -> Reading:
    return share(facts.powers, _funded, "powers funded")


# --- areas of competence (strategic-authority rubric) ---------------------------------------

#: The seven areas of competence of the English Devolution and Community Empowerment Act 2026 (s.2).
AREAS_OF_COMPETENCE = (
    "transport_and_local_infrastructure",
    "skills_and_employment",
    "housing_and_strategic_planning",
    "economic_development_and_regeneration",
    "environment_and_climate_change",
    "health_wellbeing_and_public_service_reform",
    "public_safety",
)
#: The area of competence of a power that does not state one, by its domain (culture, other: none).
AREA_BY_DOMAIN = {
    "transport": "transport_and_local_infrastructure",
    "infrastructure": "transport_and_local_infrastructure",
    "skills": "skills_and_employment",
    "employment_support": "skills_and_employment",
    "housing": "housing_and_strategic_planning",
    "planning": "housing_and_strategic_planning",
    "business_support": "economic_development_and_regeneration",
    "trade_and_investment": "economic_development_and_regeneration",
    "energy": "environment_and_climate_change",
    "health": "health_wellbeing_and_public_service_reform",
    "social_care": "health_wellbeing_and_public_service_reform",
    "public_health": "health_wellbeing_and_public_service_reform",
    "children_and_families": "health_wellbeing_and_public_service_reform",
    "welfare": "health_wellbeing_and_public_service_reform",
    "justice": "public_safety",
}
#: The level a power moves to that is the authority itself, by ``locality.kind``
#: (``combined_authority`` always is).
_OWN_LEVEL = {
    "greater_london_authority": "regional",
    "county_council": "local_authority",
    "unitary_authority": "local_authority",
}


def _held_by_authority(power: Mapping[str, Any], kind: Any) -> bool:
    """The power moves to the authority itself (powers that do not move are already left out)."""
    to = power.get("to")
    return to == "combined_authority" or to == _OWN_LEVEL.get(kind)


@metric(
    "powers.areas_of_competence_held",
    COUNT,
    "Distinct areas of competence of the powers that move to the authority itself (0 to 7)",
)
def _areas_held(facts: Facts) -> Reading:
    kind = facts.section("locality").get("kind")
    held: dict[str, KeyPath] = {}
    for item in facts.powers.rows:
        area = item.value.get("area_of_competence") or AREA_BY_DOMAIN.get(str(item.value.get("domain")))
        if area is not None and _held_by_authority(item.value, kind):
            held.setdefault(area, item.path)
    names = ", ".join(area.replace("_", " ") for area in AREAS_OF_COMPETENCE if area in held)
    note = f"{len(held)} of {len(AREAS_OF_COMPETENCE)} areas of competence held" + (
        f": {names}" if names else ""
    )
    return Reading(len(held), tuple(held.values()) or (facts.powers.path,), note)
