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
