"""Metrics of the ``governance`` section: leadership, assurance and scrutiny.

Read by the strategic-authority rubric. ``governance`` left out makes every metric here
unknown (``None``). Inside it, the format defines two absences: ``mayor_since`` absent means
no mayor in post, ``interventions`` absent means none; any other field left out is unknown.
*D - 18 months* is the same day 18 calendar months earlier, clamped to that month's last day.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from datetime import date
from typing import Any

from devocheck.measure.base import COUNT, YES_NO, Facts, Metric, Reading, collector, day, stated_flag

METRICS: list[Metric] = []
metric = collector(METRICS)

#: The months a mayor must have been in post, and the window an intervention counts as recent.
TRACK_MONTHS = 18


def months_before(on: date, months: int) -> date:
    """The same day of the month ``months`` calendar months before ``on``, clamped to the month's end.

    ``months_before(date(2026, 8, 31), 18) == date(2025, 2, 28)``.
    """
    index = on.year * 12 + on.month - 1 - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(on.day, last))


def _governance(facts: Facts) -> Mapping[str, Any] | None:
    value = facts.data.get("governance")
    return value if isinstance(value, Mapping) else None


#: What every metric here reads when ``governance`` is left out.
_ABSENT = Reading(None, (("governance",),), "governance not stated")


@metric(
    "governance.mayor_in_post_18_months",
    YES_NO,
    "A mayor in post since D - 18 months or earlier (false with no mayor; unknown without governance)",
    unknown=True,
)
def _mayor_18_months(facts: Facts) -> Reading:
    governance = _governance(facts)
    if governance is None:
        return _ABSENT
    since = day(governance.get("mayor_since"))
    path = (("governance", "mayor_since"),)
    if since is None:
        return Reading(False, path, "no mayor in post")
    cutoff = months_before(facts.date, TRACK_MONTHS)
    if since > facts.date:
        return Reading(False, path, f"mayor takes office on {since}, after the assessment date")
    return Reading(since <= cutoff, path, f"mayor in post since {since} (18 months back is {cutoff})")


@metric(
    "governance.assurance_framework_published",
    YES_NO,
    "The local assurance framework was published on or before the assessment date (unknown when not stated)",
    unknown=True,
)
def _assurance(facts: Facts) -> Reading:
    governance = _governance(facts)
    if governance is None:
        return _ABSENT
    published = day(governance.get("assurance_framework_published"))
    path = (("governance", "assurance_framework_published"),)
    if published is None:
        return Reading(None, path, "assurance framework: not stated")
    held = published <= facts.date
    return Reading(held, path, f"assurance framework published {published}" + ("" if held else " (later)"))


@metric(
    "governance.recent_intervention_count",
    COUNT,
    "Interventions dated after D - 18 months and on or before D (unknown without governance)",
    unknown=True,
)
def _recent_interventions(facts: Facts) -> Reading:
    governance = _governance(facts)
    if governance is None:
        return _ABSENT
    cutoff = months_before(facts.date, TRACK_MONTHS)
    rows = governance.get("interventions")
    entries = rows if isinstance(rows, list) else []
    recent = tuple(
        ("governance", "interventions", i)
        for i, entry in enumerate(entries)
        if isinstance(entry, Mapping)
        and (when := day(entry.get("date"))) is not None
        and cutoff < when <= facts.date
    )
    note = f"{len(recent)} of {len(entries)} interventions after {cutoff}"
    return Reading(len(recent), recent or (("governance", "interventions"),), note)


def _flag(key: str, description: str, phrase: str) -> None:
    def read(facts: Facts) -> Reading:
        governance = _governance(facts)
        if governance is None:
            return _ABSENT
        return stated_flag(governance.get(key), ("governance", key), phrase)

    metric(f"governance.{key}", YES_NO, description, unknown=True)(read)


for _key, _description, _phrase in (
    (
        "material_accounting_concerns",
        "The auditor has raised material concerns about the accounts (unknown when not stated)",
        "material accounting concerns",
    ),
    (
        "major_programmes_track_record",
        "A track record of delivering major programmes (unknown when not stated)",
        "track record of major programmes",
    ),
    (
        "scrutiny_committee",
        "An overview and scrutiny committee is in place (unknown when not stated)",
        "scrutiny committee",
    ),
    (
        "publishes_performance",
        "Performance against the agreed outcomes is published (unknown when not stated)",
        "performance published",
    ),
):
    _flag(_key, _description, _phrase)


__all__ = ["METRICS", "TRACK_MONTHS", "months_before"]
