"""Geometry of the robustness charts in the HTML report (``assess --robustness``).

Not a format (leading underscore). The score chart draws the rubric's bands as regions along
0..100 with the score's 5-95 % interval, median and score over them; the rank chart (after
COINr's ``plot_uncertainty``) draws each place's median rank and 5-95 % rank interval, best
first. Coordinates are SVG user units, rounded to 0.1 so the page is byte-stable.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from devocheck.render._words import rank_text, spread_text
from devocheck.score.report import Report, Robustness

#: Score chart: plot area from _LEFT to _LEFT + _WIDTH.
_LEFT, _WIDTH = 10.0, 580.0
#: Rank chart: label column, plot width, row height.
_LABEL, _PLOT, _ROW = 300.0, 280.0, 22.0
#: Longer place names are shortened in the rank chart (in full in its tooltip and the table).
_NAME = 42


def _x(score: float) -> float:
    return round(_LEFT + _WIDTH * min(max(score, 0.0), 100.0) / 100, 1)


@dataclass(frozen=True, slots=True)
class Region:
    """One band's stretch of the 0..100 axis and the share of draws that fell in it."""

    band: str
    x: float
    width: float
    middle: float
    share: float


@dataclass(frozen=True, slots=True)
class IntervalChart:
    regions: tuple[Region, ...]
    p5: float
    median: float
    p95: float
    score: float


def interval_chart(report: Report, robustness: Robustness) -> IntervalChart:
    """The score's interval over the band regions."""
    tops = [entry.min for entry in robustness.band_shares[1:]] + [100.0]
    regions = tuple(
        Region(
            entry.band,
            _x(entry.min),
            round(_x(top) - _x(entry.min), 1),
            round((_x(entry.min) + _x(top)) / 2, 1),
            entry.share,
        )
        for entry, top in zip(robustness.band_shares, tops, strict=True)
    )
    return IntervalChart(
        regions,
        _x(robustness.score_p5),
        _x(robustness.score_median),
        _x(robustness.score_p95),
        _x(report.score),
    )


@dataclass(frozen=True, slots=True)
class RankRow:
    """One place in the rank chart."""

    name: str
    short: str
    y: float
    p5: float
    median: float
    p95: float
    label: str
    """Median (5th-95th percentile), as the tables show it."""


@dataclass(frozen=True, slots=True)
class RankChart:
    rows: tuple[RankRow, ...]
    places: int
    height: float
    ticks: tuple[tuple[int, float], ...]
    """(rank, x) for the axis."""
    label_width: float
    plot_width: float
    draws: int
    spread: str
    """The spread of the weights, as ``±25%``."""


def rank_chart(reports: Sequence[Report]) -> RankChart | None:
    """Places with a rank interval, by median rank then 5th percentile then name; None for fewer than two."""
    ranked = [
        (report, report.robustness.ranks)
        for report in reports
        if report.robustness is not None and report.robustness.ranks is not None
    ]
    if len(ranked) < 2:
        return None
    places = len(ranked)

    def x(rank: float) -> float:
        return round(_LABEL + _PLOT * (rank - 1) / (places - 1), 1)

    ordered = sorted(ranked, key=lambda pair: (pair[1].median, pair[1].p5, pair[0].locality.name))
    rows = tuple(
        RankRow(
            report.locality.name,
            _shortened(report.locality.name),
            round(_ROW * (index + 0.5), 1),
            x(ranks.p5),
            x(ranks.median),
            x(ranks.p95),
            rank_text(ranks),
        )
        for index, (report, ranks) in enumerate(ordered)
    )
    step = max(1, round(places / 10))
    ticks = tuple((rank, x(rank)) for rank in sorted({1, *range(step, places + 1, step), places}))
    first = ranked[0][0].robustness
    assert first is not None
    height = round(_ROW * len(rows) + 24, 1)
    return RankChart(rows, places, height, ticks, _LABEL, _PLOT, first.draws, spread_text(first.spread))


def _shortened(name: str) -> str:
    return name if len(name) <= _NAME else name[: _NAME - 1].rstrip() + "…"
