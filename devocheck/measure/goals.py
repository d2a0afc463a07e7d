"""Metrics of ``goals``: shared outcomes, who is signed up, how they are measured and ranked."""

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
    day,
    every,
    ids,
    most,
    partnered,
    size,
    stated,
    within,
)

METRICS: list[Metric] = []
metric = collector(METRICS)


def _stated(facts: Facts) -> Items:
    """Outcomes whose statement says something: "some outcome ..." metrics count only these
    (a ``TBC`` outcome's partners, priority or budget are not a shared goal's); "every
    outcome ..." metrics still go over all of them."""
    rows = tuple(o for o in facts.outcomes.rows if stated(o.value.get("statement")))
    return Items(facts.outcomes.path, rows)


@metric("goals.outcome_count", COUNT, "Shared outcomes stated")
def _outcome_count(facts: Facts) -> Reading:
    return size(facts.outcomes, "outcomes")


@metric(
    "goals.signed_outcome_count", COUNT, "Outcomes with a stated statement and at least one partner signed up"
)
def _signed_outcomes(facts: Facts) -> Reading:
    return count(
        facts.outcomes,
        lambda o: stated(o.get("statement")) and partnered(o, 1),
        "outcomes stated with a partner signed up",
    )


@metric("goals.max_outcome_partners", COUNT, "Most partners signed up to a single stated outcome")
def _max_outcome_partners(facts: Facts) -> Reading:
    return most(_stated(facts), lambda o: len(ids(o.get("partners"))), "partners signed up to one outcome")


@metric("goals.every_outcome_has_cohort", YES_NO, "Every outcome names the citizens it is for")
def _every_cohort(facts: Facts) -> Reading:
    return every(facts.outcomes, lambda o: stated(o.get("cohort")), "outcomes name a cohort")


_MEASURABLE = ("measure", "baseline", "target", "target_year")


@metric(
    "goals.every_outcome_measurable", YES_NO, "Every outcome states measure, baseline, target and target_year"
)
def _every_measurable(facts: Facts) -> Reading:
    return every(
        facts.outcomes,
        lambda o: all(stated(o.get(k)) for k in _MEASURABLE),
        "outcomes measurable and targeted",
    )


def _signed_up(facts: Facts) -> frozenset[str]:
    return frozenset().union(*(ids(o.value.get("partners")) for o in _stated(facts).rows))


@metric(
    "goals.core_partners_signed_share",
    SHARE,
    "Share of core partners signed up to some stated outcome",
    "goals",
    "partners",
)
def _core_signed_share(facts: Facts) -> Reading:
    return within(_signed_up(facts), facts.core, "core partners signed up to an outcome", as_share=True)


@metric(
    "goals.every_core_partner_signed",
    YES_NO,
    "Every core partner is signed up to some stated outcome (false when none is declared)",
)
def _every_core_signed(facts: Facts) -> Reading:
    return within(_signed_up(facts), facts.core, "core partners signed up to an outcome", as_share=False)


@metric(
    "goals.reviewed_within_365_days",
    YES_NO,
    "Outcomes last reviewed within 365 days before the assessment date",
)
def _reviewed(facts: Facts) -> Reading:
    reviewed = day(facts.section("goals").get("last_reviewed"))
    if reviewed is None:
        return Reading(False, (("goals", "last_reviewed"),), "outcomes never reviewed")
    age = (facts.date - reviewed).days
    return Reading(
        0 <= age <= 365, (("goals", "last_reviewed"),), f"last reviewed {age} days before the date"
    )


@metric("goals.prioritised_outcome_count", COUNT, "Stated outcomes with a priority")
def _prioritised(facts: Facts) -> Reading:
    return count(_stated(facts), lambda o: o.get("priority") is not None, "stated outcomes prioritised")


@metric("goals.priority1_outcome_count", COUNT, "Stated outcomes given priority 1")
def _priority1_count(facts: Facts) -> Reading:
    return count(_stated(facts), _top, "stated outcomes have priority 1")


def _top(outcome: Mapping[str, Any]) -> bool:
    return outcome.get("priority") == 1 and not isinstance(outcome.get("priority"), bool)


@metric("goals.budget_aligned_outcome_count", COUNT, "Stated outcomes with budgets aligned to them")
def _budget_aligned(facts: Facts) -> Reading:
    return count(_stated(facts), lambda o: o.get("budget_aligned") is True, "stated outcomes budget-aligned")


@metric(
    "goals.priority1_budget_aligned_and_commissioned",
    YES_NO,
    "Every priority-1 outcome is budget-aligned and served by a joint arrangement (true with none)",
    "goals",
)
def _priority1(facts: Facts) -> Reading:
    served = frozenset().union(
        *(ids(a.value.get("outcomes")) for a in facts.arrangements.rows if partnered(a.value, 2))
    )
    top = Items(facts.outcomes.path, tuple(o for o in facts.outcomes.rows if _top(o.value)))
    return every(
        top,
        lambda o: o.get("budget_aligned") is True and o.get("id") in served,
        "priority-1 outcomes budget-aligned and commissioned",
    )
