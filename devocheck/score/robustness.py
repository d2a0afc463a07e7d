"""Robustness of a score to its weights: uncertainty and sensitivity analysis. Pure.

Weights in a rubric are value judgements (OECD/JRC, *Handbook on Constructing Composite
Indicators*, 2008, step 8; COINr's ``get_sensitivity`` and ``plot_uncertainty``). This module
asks how far a report's score, band and rank move when the weights move, and nothing else:
criterion levels, waivers, evidence and gate failures are those the report already holds, so
no file is read or measured again, and any rubric works.

* One at a time: each theme's weight times ``1 - spread`` and ``1 + spread``, the others held.
* Monte Carlo: ``draws`` weightings; in each, every theme and criterion weight is multiplied by
  its own factor, uniform on ``[1 - spread, 1 + spread]``. Score percentiles (5th, median,
  95th, linear interpolation as numpy's default), the share of draws in each band, and in a
  batch each place's rank per draw (1 = highest; ties share the best rank), summed up the same way.

Factors belong to a theme or criterion id: the factors of one id come from
``random.Random("<seed>/<theme|criterion>/<id>")``, whose ``random()`` sequence Python keeps
the same across versions, so a seed gives the same factors whatever else is in the run, and
every place of a batch meets the same weights in a draw (common random numbers). Scores are
recomputed with the scorer's own arithmetic (the same sums in the same order), so at factor 1
they equal the report's score to the last bit, and a score on a band boundary stays in its band.
"""

from __future__ import annotations

import math
import random
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from operator import mul, truediv
from typing import TYPE_CHECKING, TypeVar

from devocheck.score.report import (
    BandShare,
    CriterionResult,
    OneAtATime,
    RankInterval,
    Report,
    Robustness,
    ThemeResult,
)
from devocheck.score.scoring import band_of

if TYPE_CHECKING:
    from devocheck.rubric.model import Rubric

T = TypeVar("T")

#: The percentiles reported, as fractions.
P5, MEDIAN, P95 = 0.05, 0.5, 0.95


@dataclass(frozen=True, slots=True)
class Settings:
    """What the analysis is asked for (``assess --robustness --draws N --seed S --spread E``).

    Raises ``ValueError`` for fewer than one draw or a spread outside [0, 1): at 1 a weight
    could fall to 0.
    """

    draws: int = 1000
    seed: int = 0
    spread: float = 0.25

    def __post_init__(self) -> None:
        if self.draws < 1:
            raise ValueError(f"draws must be at least 1, not {self.draws}")
        if not 0 <= self.spread < 1:
            raise ValueError(f"spread must be at least 0 and below 1, not {self.spread:g}")


def factors(kind: str, ident: str, settings: Settings) -> list[float]:
    """The ``settings.draws`` weight factors of one theme or criterion (``kind``), in draw order."""
    stream = random.Random(f"{settings.seed}/{kind}/{ident}")
    low, width = 1 - settings.spread, 2 * settings.spread
    return [low + width * stream.random() for _ in range(settings.draws)]


def percentile(ordered: Sequence[float], fraction: float) -> float:
    """The ``fraction`` (0..1) percentile of ascending ``ordered`` values, interpolated linearly
    between order statistics exactly as ``numpy.percentile``'s default (``method="linear"``)."""
    where = (len(ordered) - 1) * fraction
    low = math.floor(where)
    below, above = ordered[low], ordered[min(low + 1, len(ordered) - 1)]
    step, gap = where - low, above - below
    return below + gap * step if step < 0.5 else above - gap * (1 - step)


def ranks(scores: Sequence[float]) -> list[int]:
    """Each score's rank, 1 for the highest; tied scores share the best rank of their tie."""
    descending = sorted(scores, reverse=True)
    # the last position written for a score is its first in the descending order
    first = {score: position for position, score in reversed(list(enumerate(descending, 1)))}
    return list(map(first.__getitem__, scores))


def analyse(reports: Sequence[Report], rubric: Rubric, settings: Settings) -> list[Robustness | None]:
    """The robustness of each report's score, in order; None for a report of another rubric.

    Reports scored with ``rubric`` (same id and version) share every draw's factors and are
    ranked against each other in each draw when there are two or more of them.
    """
    applies = [
        report.rubric.id == rubric.id and report.rubric.version == rubric.version for report in reports
    ]
    places = [report for report, ok in zip(reports, applies, strict=True) if ok]
    weights = Weightings.drawn(rubric, settings)
    draws = [weights.scores(report) for report in places]
    rank_lists = _rank_intervals(draws) if len(places) > 1 else [None] * len(places)
    found = iter(
        _robustness(report, rubric, settings, scores, interval)
        for report, scores, interval in zip(places, draws, rank_lists, strict=True)
    )
    return [next(found) if ok else None for ok in applies]


def with_robustness(outcomes: Iterable[Report | T], rubric: Rubric, settings: Settings) -> list[Report | T]:
    """``outcomes`` (reports and anything else, such as files that could not be assessed) with
    each report of ``rubric`` given its ``robustness`` block; the batch is ranked together."""
    items = list(outcomes)
    reports = [item for item in items if isinstance(item, Report)]
    blocks = iter(analyse(reports, rubric, settings))
    return [replace(item, robustness=next(blocks)) if isinstance(item, Report) else item for item in items]


# --- recomputing scores under other weights -----------------------------------------------


class Weightings:
    """``columns`` weightings of a rubric: each theme and criterion weight times its factor.

    ``*_factors`` give an id's ``columns`` factors; an id not given keeps its weight (factor 1).
    Rows that places share (an id's weights, a criterion's weighted scores at one level, the sum
    of a set of weights, a theme's scores for one set of levels) are computed once per run, so a
    batch costs little more per place than its overall means.
    """

    def __init__(
        self,
        theme_factors: Mapping[str, Sequence[float]],
        criterion_factors: Mapping[str, Sequence[float]],
        columns: int,
    ) -> None:
        self.theme_factors = theme_factors
        self.criterion_factors = criterion_factors
        self.columns = columns
        self._rows: dict[tuple[object, ...], list[float]] = {}

    @classmethod
    def drawn(cls, rubric: Rubric, settings: Settings) -> Weightings:
        """The Monte Carlo draws: every id of ``rubric`` gets its own seeded factors."""
        return cls(
            {theme.id: factors("theme", theme.id, settings) for theme in rubric.themes},
            {criterion.id: factors("criterion", criterion.id, settings) for criterion in rubric.criteria},
            settings.draws,
        )

    def scores(self, report: Report) -> list[float]:
        """The report's overall score under each weighting.

        The scorer's arithmetic (``devocheck.score.scoring``), sum for sum in the same order: a theme
        scores 100 x the weighted mean of its counted criteria (waived ones drop out), the
        overall score is the weighted mean of the themes that keep a criterion, 0 when none does.
        """
        counted = [
            (theme, results)
            for theme in report.themes
            if (results := tuple(r for r in theme.criteria if r.status != "waived"))
        ]
        if not counted:
            return [0.0] * self.columns
        weights = [("theme", theme.id, theme.weight) for theme, _ in counted]
        products = [
            list(map(mul, self._weights(key), self._theme_scores(theme, results)))
            for key, (theme, results) in zip(weights, counted, strict=True)
        ]
        return list(map(truediv, map(sum, zip(*products, strict=True)), self._total(weights)))

    def _theme_scores(self, theme: ThemeResult, results: tuple[CriterionResult, ...]) -> list[float]:
        """100 x the weighted mean of the counted criteria, under each weighting."""
        levels = tuple((r.criterion, r.weight, r.score) for r in results)
        key = ("theme scores", theme.id, levels)
        found = self._rows.get(key)
        if found is None:
            products = [self._products(ident, weight, score) for ident, weight, score in levels]
            totals = self._total([("criterion", ident, weight) for ident, weight, _ in levels])
            found = [100 * mean for mean in map(truediv, map(sum, zip(*products, strict=True)), totals)]
            self._rows[key] = found
        return found

    def _products(self, ident: str, weight: float, score: float) -> list[float]:
        """A criterion's weight times its score, under each weighting."""
        key = ("products", ident, weight, score)
        found = self._rows.get(key)
        if found is None:
            found = [each * score for each in self._weights(("criterion", ident, weight))]
            self._rows[key] = found
        return found

    def _total(self, keys: Sequence[tuple[str, str, float]]) -> list[float]:
        """The sum of a set of weights, under each weighting."""
        key = ("total", *keys)
        found = self._rows.get(key)
        if found is None:
            found = list(map(sum, zip(*map(self._weights, keys), strict=True)))
            self._rows[key] = found
        return found

    def _weights(self, key: tuple[str, str, float]) -> list[float]:
        """A theme's or criterion's weight (``key``: kind, id, weight) times its factors."""
        found = self._rows.get(key)
        if found is None:
            kind, ident, weight = key
            row = (self.theme_factors if kind == "theme" else self.criterion_factors).get(ident)
            found = [weight] * self.columns if row is None else [weight * factor for factor in row]
            self._rows[key] = found
        return found


# --- summing up ---------------------------------------------------------------------------


def _robustness(
    report: Report, rubric: Rubric, settings: Settings, scores: list[float], interval: RankInterval | None
) -> Robustness:
    capped = bool(report.gate_failures)
    scores.sort()
    names = [band.name for band in rubric.bands]

    def level(score: float) -> int:
        return names.index(band_of(rubric, score, capped=capped))

    # bands rise with the score, so each band's draws are a run of the sorted scores
    edges = [bisect_left(scores, index, key=level) for index in range(len(names))] + [len(scores)]
    one = _one_at_a_time(report, rubric, settings)
    return Robustness(
        draws=settings.draws,
        seed=settings.seed,
        spread=settings.spread,
        one_at_a_time=one,
        band_stable=all(entry.band == report.band for entry in one),
        score_p5=percentile(scores, P5),
        score_median=percentile(scores, MEDIAN),
        score_p95=percentile(scores, P95),
        band_shares=tuple(
            BandShare(band.name, band.min, (edges[index + 1] - edges[index]) / len(scores))
            for index, band in enumerate(rubric.bands)
        ),
        ranks=interval,
    )


def _one_at_a_time(report: Report, rubric: Rubric, settings: Settings) -> tuple[OneAtATime, ...]:
    """Each counted theme's weight times the lower, then the upper factor, the others held."""
    cases = [
        (theme.id, factor)
        for theme in report.themes
        if any(result.status != "waived" for result in theme.criteria)
        for factor in (1 - settings.spread, 1 + settings.spread)
    ]
    theme_factors = {
        theme.id: [factor if which == theme.id else 1.0 for which, factor in cases] for theme in report.themes
    }
    scores = Weightings(theme_factors, {}, len(cases)).scores(report)
    capped = bool(report.gate_failures)
    return tuple(
        OneAtATime(theme, factor, score, band_of(rubric, score, capped=capped))
        for (theme, factor), score in zip(cases, scores, strict=True)
    )


def _rank_intervals(draws: Sequence[Sequence[float]]) -> list[RankInterval]:
    """Each place's rank in every draw, summed up as median and 5th-95th percentiles."""
    per_draw = [ranks(column) for column in zip(*draws, strict=True)]
    intervals = []
    for place in zip(*per_draw, strict=True):
        ordered = sorted(place)
        intervals.append(
            RankInterval(percentile(ordered, MEDIAN), percentile(ordered, P5), percentile(ordered, P95))
        )
    return intervals


__all__ = [
    "MEDIAN",
    "P5",
    "P95",
    "Settings",
    "Weightings",
    "analyse",
    "factors",
    "percentile",
    "ranks",
    "with_robustness",
]
