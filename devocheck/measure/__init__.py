"""Measure stage: locality data -> named, documented facts that rubric conditions test.

Every metric has a stable name (``section.snake_case``), a one-line description, the
top-level sections it reads (their absence is *no evidence*) and a pure function of the
locality. Rubrics never see the raw data except through these names (or a ``schema:``
leaf), so the logic that is harder than a threshold lives here, in code, tested once.

The registry is explicit: one module per locality section, listed in ``SECTIONS`` below, each
with a ``METRICS`` list. A new metric goes into its section's module; a new section gets a
module here and a line in ``SECTIONS``.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import date
from types import MappingProxyType, ModuleType
from typing import Any

from devocheck.measure import (
    co_location,
    commissioning,
    data_sharing,
    funding,
    goals,
    governance,
    learning,
    locality,
    partners,
    powers,
)
from devocheck.measure.base import (
    COUNT,
    KINDS,
    SHARE,
    YEARS,
    YES_NO,
    Facts,
    FootprintRow,
    Kind,
    Metric,
    Metrics,
    MetricValue,
    Reading,
    day,
    facts,
    footprint_class,
)
from devocheck.measure.powers import SERVICE_REFORM

#: The section modules, in the order their metrics are listed.
SECTIONS: tuple[ModuleType, ...] = (
    locality,
    partners,
    goals,
    commissioning,
    co_location,
    data_sharing,
    powers,
    funding,
    learning,
    governance,
)


def _registry(sections: tuple[ModuleType, ...]) -> Mapping[str, Metric]:
    found: dict[str, Metric] = {}
    for module in sections:
        for entry in module.METRICS:
            assert entry.name not in found, f"metric {entry.name} defined twice"
            found[entry.name] = entry
    return MappingProxyType(found)


#: Every metric, by name, in registry order.
METRICS: Mapping[str, Metric] = _registry(SECTIONS)


def compute_metrics(data: Mapping[str, Any], assessment_date: date) -> Metrics:
    """Every registered metric of ``data`` on ``assessment_date``."""
    return measure(facts(data, assessment_date))


def measure(shared: Facts, names: Collection[str] | None = None) -> Metrics:
    """The registered metrics named in ``names`` (every one when None), in registry order, of a
    locality whose shared lookups are already built."""
    values = {}
    for entry in METRICS.values():
        if names is not None and entry.name not in names:
            continue
        reading = entry.function(shared)
        evidence = all(section in shared.data for section in entry.sections)
        values[entry.name] = MetricValue(entry.name, reading.value, evidence, reading.paths, reading.note)
    return Metrics(values)


__all__ = [
    "COUNT",
    "KINDS",
    "METRICS",
    "SECTIONS",
    "SERVICE_REFORM",
    "SHARE",
    "YEARS",
    "YES_NO",
    "Facts",
    "FootprintRow",
    "Kind",
    "Metric",
    "MetricValue",
    "Metrics",
    "Reading",
    "compute_metrics",
    "day",
    "facts",
    "footprint_class",
    "measure",
]
