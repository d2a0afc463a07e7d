"""Metrics of ``co_location``: sites where organisations work under one roof, and whom they reach.

A site with fewer than two partners is no co-location: its front door, team and areas are
left out of what is counted.
"""

from __future__ import annotations

from devocheck.measure.base import (
    COUNT,
    SHARE,
    Facts,
    Items,
    Metric,
    Reading,
    collector,
    count,
    ids,
    most,
    partnered,
    sector_count,
    size,
)

METRICS: list[Metric] = []
metric = collector(METRICS)


@metric("co_location.site_count", COUNT, "Co-located sites")
def _site_count(facts: Facts) -> Reading:
    return size(facts.sites, "sites")


@metric("co_location.max_site_partners", COUNT, "Most partners under one roof")
def _max_site_partners(facts: Facts) -> Reading:
    return most(facts.sites, lambda s: len(ids(s.get("partners"))), "partners at one site")


@metric(
    "co_location.sites_3_partners_2_sectors", COUNT, "Sites with 3 or more partners from 2 or more sectors"
)
def _broad_sites(facts: Facts) -> Reading:
    return count(
        facts.sites,
        lambda s: len(ids(s.get("partners"))) >= 3 and sector_count(facts, s) >= 2,
        "sites have 3+ partners from 2+ sectors",
    )


def _shared(facts: Facts) -> Items:
    return Items(facts.sites.path, tuple(s for s in facts.sites.rows if partnered(s.value, 2)))


@metric(
    "co_location.shared_front_door_count", COUNT, "Sites of two or more partners with a shared front door"
)
def _front_door(facts: Facts) -> Reading:
    return count(
        _shared(facts), lambda s: s.get("shared_front_door") is True, "shared sites have a shared front door"
    )


@metric(
    "co_location.integrated_team_count", COUNT, "Sites where staff of two or more partners work as one team"
)
def _integrated(facts: Facts) -> Reading:
    return count(
        _shared(facts), lambda s: s.get("integrated_team") is True, "shared sites have an integrated team"
    )


@metric(
    "co_location.constituents_covered_share",
    SHARE,
    "Share of constituents served by some site of two or more partners",
    "co_location",
    "locality",
)
def _coverage(facts: Facts) -> Reading:
    sites = _shared(facts).rows
    served = frozenset().union(*(ids(s.value.get("areas")) for s in sites))
    covered = facts.constituents & served
    share = len(covered) / len(facts.constituents) if facts.constituents else 0.0
    missing = sorted(facts.constituents - served)
    note = f"{len(covered)} of {len(facts.constituents)} constituents served by a shared site" + (
        f" (not {facts.councils(missing)})" if missing else ""
    )
    paths = tuple(s.path for s in sites if ids(s.value.get("areas")) & covered)
    return Reading(share, paths or (facts.sites.path,), note)
