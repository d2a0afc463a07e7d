"""Metrics of ``data_sharing``: information-sharing agreements in force, governance and linkage."""

from __future__ import annotations

from devocheck.measure.base import (
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
    size,
    stated,
    within,
)

METRICS: list[Metric] = []
metric = collector(METRICS)


@metric("data_sharing.agreement_count", "Information-sharing agreements")
def _agreement_count(facts: Facts) -> Reading:
    return size(facts.agreements, "agreements")


def _in_force_items(facts: Facts) -> Items:
    return Items(facts.agreements.path, facts.in_force)


@metric(
    "data_sharing.in_force_count", "Agreements in force (signed on or before the date, review not overdue)"
)
def _in_force_count(facts: Facts) -> Reading:
    return count(facts.agreements, lambda a: in_force(a, facts.date), "agreements in force")


@metric("data_sharing.in_force_complete", "Every agreement in force has a lawful basis and a completed DPIA")
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
    "Share of core partners named by some agreement in force",
    "data_sharing",
    "partners",
)
def _core_in_force_share(facts: Facts) -> Reading:
    return within(_named_in_force(facts), facts.core, _IN_FORCE_PHRASE, as_share=True)


@metric(
    "data_sharing.every_core_partner_in_force", "Agreements in force name every core partner (true with none)"
)
def _every_core_in_force(facts: Facts) -> Reading:
    return within(_named_in_force(facts), facts.core, _IN_FORCE_PHRASE, as_share=False)


metric("data_sharing.ig_lead_named", "A named information-governance lead")(
    flag("data_sharing", "ig_lead_named", "information-governance lead named")
)
metric("data_sharing.shared_identifier_count", "Identifiers shared across partners")(
    listed("data_sharing", "shared_identifiers", "shared identifiers")
)
metric("data_sharing.linked_dataset_count", "Datasets linked across partners")(
    listed("data_sharing", "linked_datasets", "linked datasets")
)
