"""Metrics of the ``locality`` section read by the strategic-authority rubric.

Kinds, population, contiguity and nation, as ``rubric-strategic-authority-2026`` derives
them. A fact the file leaves out is *unknown*: the metric's value is ``None``, which a
condition treats as unknown (never as false, never as true).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from devocheck.measure.base import COUNT, YES_NO, Facts, Metric, Reading, collector, stated_flag
from devocheck.model import MAYORAL_KINDS, KeyPath

METRICS: list[Metric] = []
metric = collector(METRICS)

#: Kinds of a single council that can be a foundation strategic authority on its own.
SINGLE_COUNCIL_KINDS = frozenset({"county_council", "unitary_authority"})
#: Kinds of a combined body: an authority kind that is not a single council.
COMBINED_KINDS = frozenset(
    {
        "combined_authority",
        "mayoral_combined_authority",
        "combined_county_authority",
        "mayoral_combined_county_authority",
        "greater_london_authority",
    }
)
#: Kinds of body that can be a strategic authority.
AUTHORITY_KINDS = COMBINED_KINDS | SINGLE_COUNCIL_KINDS

_KIND = (("locality", "kind"),)


def _locality(facts: Facts) -> Mapping[str, Any]:
    return facts.section("locality")


def _kind_reading(facts: Facts, kinds: frozenset[str], phrase: str) -> Reading:
    """Whether the stated kind is one of ``kinds``; unknown when the kind is left out."""
    kind = _locality(facts).get("kind")
    if kind is None:
        return Reading(None, _KIND, "kind not stated")
    held = kind in kinds
    return Reading(held, _KIND, f"{kind} is {'' if held else 'not '}{phrase}")


@metric(
    "locality.authority_kind",
    YES_NO,
    "The kind can be a strategic authority (unknown when kind is left out)",
    unknown=True,
)
def _authority_kind(facts: Facts) -> Reading:
    return _kind_reading(facts, AUTHORITY_KINDS, "a kind of strategic authority")


@metric(
    "locality.mayoral_kind",
    YES_NO,
    "The kind has a directly elected mayor (unknown when kind is left out)",
    unknown=True,
)
def _mayoral_kind(facts: Facts) -> Reading:
    return _kind_reading(facts, MAYORAL_KINDS, "a mayoral kind")


@metric(
    "locality.established_by_statute",
    YES_NO,
    "The kind is an established mayoral strategic authority by the Act itself (Greater London Authority)",
    unknown=True,
)
def _established_by_statute(facts: Facts) -> Reading:
    return _kind_reading(facts, frozenset({"greater_london_authority"}), "established by statute")


@metric(
    "locality.sound_shape",
    YES_NO,
    "A combined kind of 2 or more constituents, or a county or unitary council (unknown without kind)",
    unknown=True,
)
def _sound_shape(facts: Facts) -> Reading:
    kind = _locality(facts).get("kind")
    count = len(facts.constituents)
    if kind is None:
        return Reading(None, _KIND, "kind not stated")
    if kind in SINGLE_COUNCIL_KINDS:
        return Reading(True, _KIND, f"a single council ({kind})")
    sound = kind in COMBINED_KINDS and count >= 2
    paths = (*_KIND, ("locality", "constituents"))
    return Reading(sound, paths, f"{kind} of {count} constituent{'' if count == 1 else 's'}")


@metric(
    "locality.contiguous",
    YES_NO,
    "The constituents' areas form one contiguous whole (unknown when not stated)",
    unknown=True,
)
def _contiguous(facts: Facts) -> Reading:
    return _flag_of(facts, "contiguous", "one contiguous area")


@metric(
    "locality.encloses_non_member",
    YES_NO,
    "The area surrounds a council that is not a member (unknown when not stated)",
    unknown=True,
)
def _encloses(facts: Facts) -> Reading:
    return _flag_of(facts, "encloses_non_member", "surrounds a non-member council")


def _flag_of(facts: Facts, key: str, phrase: str) -> Reading:
    return stated_flag(_locality(facts).get(key), ("locality", key), phrase)


@metric(
    "locality.in_england",
    YES_NO,
    "The locality is in England (unknown when nation is left out)",
    unknown=True,
)
def _in_england(facts: Facts) -> Reading:
    nation = _locality(facts).get("nation")
    path = (("locality", "nation"),)
    if nation is None:
        return Reading(None, path, "nation not stated")
    return Reading(nation == "england", path, f"nation: {nation}")


@metric(
    "locality.population_total",
    COUNT,
    "Residents of all constituents together (unknown unless every constituent states a population)",
    unknown=True,
)
def _population_total(facts: Facts) -> Reading:
    rows = [row for row in facts.data["locality"].get("constituents", []) if isinstance(row, Mapping)]
    unstated = [i for i, row in enumerate(rows) if not isinstance(row.get("population"), int)]
    if unstated or not rows:
        codes = ", ".join(str(rows[i].get("code")) for i in unstated)
        missing = tuple(("locality", "constituents", i) for i in unstated) or (("locality", "constituents"),)
        return Reading(None, missing, f"population not stated for {codes or 'any constituent'}")
    total = sum(int(row["population"]) for row in rows)
    paths: tuple[KeyPath, ...] = tuple(
        ("locality", "constituents", i, "population") for i in range(len(rows))
    )
    return Reading(total, paths, f"{total:,} residents in {len(rows)} constituents")


__all__ = ["AUTHORITY_KINDS", "COMBINED_KINDS", "METRICS", "SINGLE_COUNCIL_KINDS"]
