"""Metrics of ``data_sharing``: information-sharing agreements in force, governance and linkage.

Agreements are *counted* when they name two or more partners (an agreement with fewer shares
nothing); "some agreement" metrics go over counted agreements only. The "every agreement in
force" rule goes over all agreements in force, counted or not: were it over counted ones,
emptying the partner list of an agreement without a lawful basis would raise the level.
"""

from __future__ import annotations

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
    flag,
    ids,
    in_force,
    listed,
    partnered,
    size,
    stated,
    within,
)

METRICS: list[Metric] = []
metric = collector(METRICS)


@metric("data_sharing.agreement_count", COUNT, "Information-sharing agreements")
def _agreement_count(facts: Facts) -> Reading:
    return size(facts.agreements, "agreements")


@metric(
    "data_sharing.counted_agreement_count",
    COUNT,
    "Agreements naming two or more partners (counted agreements)",
)
def _counted_count(facts: Facts) -> Reading:
    return count(facts.agreements, lambda a: partnered(a, 2), "agreements name two or more partners")


def _in_force_items(facts: Facts) -> Items:
    """Every agreement in force on the date, counted or not."""
    return Items(
        facts.agreements.path, tuple(a for a in facts.agreements.rows if in_force(a.value, facts.date))
    )


@metric(
    "data_sharing.in_force_count",
    COUNT,
    "Counted agreements in force (signed on or before the date, review not overdue)",
)
def _in_force_count(facts: Facts) -> Reading:
    return count(facts.counted_agreements, lambda a: in_force(a, facts.date), "counted agreements in force")


@metric(
    "data_sharing.in_force_complete",
    YES_NO,
    "Every agreement in force (counted or not) has a lawful basis and a completed DPIA",
)
def _complete(facts: Facts) -> Reading:
    return every(
        _in_force_items(facts),
        lambda a: stated(a.get("lawful_basis")) and a.get("dpia_completed") is True,
        "agreements in force have a lawful basis and a DPIA",
    )


_IN_FORCE_PHRASE = "core partners in an agreement in force"


def _named_in_force(facts: Facts) -> frozenset[str]:
    return frozenset().union(*(ids(a.value.get("partners")) for a in facts.in_force))


@metric(
    "data_sharing.core_partners_in_force_share",
    SHARE,
    "Share of core partners named by some counted agreement in force",
    "data_sharing",
    "partners",
)
def _core_in_force_share(facts: Facts) -> Reading:
    return within(_named_in_force(facts), facts.core, _IN_FORCE_PHRASE, as_share=True)


@metric(
    "data_sharing.every_core_partner_in_force",
    YES_NO,
    "Counted agreements in force name every core partner (false when none is declared)",
)
def _every_core_in_force(facts: Facts) -> Reading:
    return within(_named_in_force(facts), facts.core, _IN_FORCE_PHRASE, as_share=False)


metric("data_sharing.ig_lead_named", YES_NO, "A named information-governance lead")(
    flag("data_sharing", "ig_lead_named", "information-governance lead named")
)
metric("data_sharing.shared_identifier_count", COUNT, "Identifiers shared across partners")(
    listed("data_sharing", "shared_identifiers", "shared identifiers")
)
metric("data_sharing.linked_dataset_count", COUNT, "Datasets linked across partners")(
    listed("data_sharing", "linked_datasets", "linked datasets")
)
