"""Metrics of ``funding``: the length of the settlement and whether it is one pot."""

from __future__ import annotations

from devocheck.measure.base import YEARS, YES_NO, Facts, Metric, Reading, collector, flag

METRICS: list[Metric] = []
metric = collector(METRICS)


@metric(
    "funding.settlement_years",
    YEARS,
    "Length of the longest committed multi-year settlement (0 when unstated)",
)
def _settlement(facts: Facts) -> Reading:
    years = facts.section("funding").get("settlement_years")
    value = years if isinstance(years, int) and not isinstance(years, bool) else 0
    return Reading(value, (("funding", "settlement_years"),), f"{value}-year settlement")


metric("funding.single_pot", YES_NO, "Funding comes as one flexible pot")(
    flag("funding", "single_pot", "single pot")
)
