"""Metrics of ``learning``: evaluation, sharing what works, the front line and central government."""

from __future__ import annotations

from devocheck.measure.base import YES_NO, Metric, collector, flag

METRICS: list[Metric] = []
metric = collector(METRICS)

for _key, _phrase in (
    ("evaluation_plan", "evaluation planned"),
    ("shares_learning", "what works is shared with peers"),
    ("frontline_involvement", "front-line staff shape the design"),
    ("joint_training", "staff of different partners train together"),
    ("central_sponsor", "a named sponsor in central government"),
):
    metric(f"learning.{_key}", YES_NO, _phrase[0].upper() + _phrase[1:])(flag("learning", _key, _phrase))
