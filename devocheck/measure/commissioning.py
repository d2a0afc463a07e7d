"""Metrics of ``commissioning``: joint arrangements, their partners, budgets and terms.

"Some arrangement ..." metrics count only *joint* arrangements (two or more partners): a
pooled budget, a long term or voluntary providers in an arrangement that joins nobody up say
nothing about joint commissioning. "Every arrangement ..." metrics go over all of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from devocheck.measure.base import (
    COUNT,
    YEARS,
    YES_NO,
    Facts,
    Items,
    Metric,
    Reading,
    collector,
    count,
    every,
    ids,
    most,
    partnered,
    sector_count,
    size,
)

METRICS: list[Metric] = []
metric = collector(METRICS)


@metric("commissioning.arrangement_count", COUNT, "Joint commissioning arrangements")
def _arrangement_count(facts: Facts) -> Reading:
    return size(facts.arrangements, "arrangements")


@metric("commissioning.max_arrangement_partners", COUNT, "Most partners in one arrangement")
def _max_arrangement_partners(facts: Facts) -> Reading:
    return most(facts.arrangements, lambda a: len(ids(a.get("partners"))), "partners in one arrangement")


@metric(
    "commissioning.max_arrangement_sectors",
    COUNT,
    "Most sectors spanned by one arrangement's partners",
    "commissioning",
)
def _max_arrangement_sectors(facts: Facts) -> Reading:
    return most(facts.arrangements, lambda a: sector_count(facts, a), "sectors in one arrangement")


def _joint(facts: Facts) -> Items:
    rows = tuple(a for a in facts.arrangements.rows if partnered(a.value, 2))
    return Items(facts.arrangements.path, rows)


@metric(
    "commissioning.pooled_budget_count",
    COUNT,
    "Joint arrangements (two or more partners) with a pooled budget",
)
def _pooled(facts: Facts) -> Reading:
    return count(_joint(facts), _pooled_budget, "joint arrangements pool their budget")


def _pooled_budget(arrangement: Mapping[str, Any]) -> bool:
    budget = arrangement.get("budget")
    return isinstance(budget, Mapping) and budget.get("type") == "pooled"


@metric(
    "commissioning.every_arrangement_outcomes_based",
    YES_NO,
    "Every arrangement is outcomes-based and serves at least one shared outcome",
)
def _every_outcomes_based(facts: Facts) -> Reading:
    return every(
        facts.arrangements,
        lambda a: a.get("outcomes_based") is True and bool(ids(a.get("outcomes"))),
        "arrangements outcomes-based and serving an outcome",
    )


def _term(arrangement: Mapping[str, Any]) -> int | float | None:
    term = arrangement.get("term_years")
    return term if isinstance(term, int | float) and not isinstance(term, bool) else None


@metric("commissioning.term_stated_count", COUNT, "Joint arrangements that state term_years")
def _term_stated(facts: Facts) -> Reading:
    return count(_joint(facts), lambda a: _term(a) is not None, "joint arrangements state a term")


@metric(
    "commissioning.max_term_years", YEARS, "Longest joint arrangement term in years (0 when none is stated)"
)
def _max_term(facts: Facts) -> Reading:
    return most(_joint(facts), lambda a: int(_term(a) or 0), "years of joint arrangement term")


@metric("commissioning.every_term_at_least_3_years", YES_NO, "Every arrangement runs 3 years or more")
def _every_long(facts: Facts) -> Reading:
    return every(facts.arrangements, lambda a: (_term(a) or 0) >= 3, "arrangements run 3 years or more")


@metric(
    "commissioning.vcse_arrangement_count",
    COUNT,
    "Joint arrangements in which voluntary and community providers take part",
)
def _vcse(facts: Facts) -> Reading:
    return count(
        _joint(facts), lambda a: a.get("includes_vcse") is True, "joint arrangements include the VCSE"
    )
