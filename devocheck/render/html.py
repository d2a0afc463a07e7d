"""The ``html`` format: one self-contained page to read on screen, print on A4 and share.

Chart geometry is computed here and the page is laid out by ``templates/report.html.j2``
with Jinja2 autoescaping on, and every value passes through ``strip_control`` on its way
out, so no input text reaches the page as markup or control characters. Styles and charts
are inline: the page makes no request of any kind.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, Template
from markupsafe import Markup

from devocheck.render import Item, RenderOptions, outcomes_of
from devocheck.render._text import strip_control
from devocheck.render._uncertainty import interval_chart, rank_chart
from devocheck.render._words import (
    band_tone,
    cap_label,
    interval_text,
    rank_text,
    share_text,
    source_link,
    status_label,
    theme_score,
    waiver_state,
    weight_verdict,
    why,
)
from devocheck.score.report import NotAssessed, Report, ThemeResult, cut, percent

EXTENSION = ".html"

#: Radar chart canvas: centre and radius of the 100 ring, in SVG user units.
_CX, _CY, _R = 300.0, 200.0, 140.0
_RINGS = (25, 50, 75, 100)
#: Criterion bar width in SVG user units.
BAR_WIDTH = 120


@dataclass(frozen=True, slots=True)
class Axis:
    """One spoke of the radar chart: a theme, where its label goes, where its score lands."""

    theme: str
    label: str
    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str
    point_x: float
    point_y: float


@dataclass(frozen=True, slots=True)
class Ring:
    """A grid ring at ``value``, labelled between the first two axes (clear of their labels)."""

    value: int
    points: str
    label_x: float
    label_y: float


@dataclass(frozen=True, slots=True)
class Radar:
    axes: tuple[Axis, ...]
    polygon: str
    rings: tuple[Ring, ...]
    cx: float
    cy: float


def render(items: Sequence[Item], options: RenderOptions) -> str:
    outcomes = outcomes_of(items)
    reports = [outcome for outcome in outcomes if isinstance(outcome, Report)]
    return _template().render(
        outcomes=[
            {"invalid": outcome}
            if isinstance(outcome, NotAssessed)
            else {
                "report": outcome,
                "radar": radar(outcome.themes),
                "interval": outcome.robustness and interval_chart(outcome, outcome.robustness),
            }
            for outcome in outcomes
        ],
        robustness=any(report.robustness is not None for report in reports),
        ranked=any(report.robustness is not None and report.robustness.ranks for report in reports),
        rank_chart=rank_chart(reports),
        weight_verdict=weight_verdict,
        interval_text=interval_text,
        rank_text=rank_text,
        share_text=share_text,
        title=reports[0].locality.name if len(outcomes) == 1 and reports else "Devolution readiness",
        several=len(outcomes) > 1,
        status_label=status_label,
        cap_label=cap_label,
        band_tone=band_tone,
        source_link=source_link,
        why=why,
        percent=percent,
        cut=cut,
        waiver_state=waiver_state,
        theme_score=theme_score,
        bar_width=BAR_WIDTH,
    )


@cache
def _template() -> Template:
    environment = Environment(
        loader=PackageLoader("devocheck.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # a macro's output is Markup whose values were finalized when it was rendered
        finalize=lambda value: (
            strip_control(value) if isinstance(value, str) and not isinstance(value, Markup) else value
        ),
    )
    return environment.get_template("report.html.j2")


def _point(angle: float, radius: float) -> tuple[float, float]:
    return round(_CX + radius * math.sin(angle), 1), round(_CY - radius * math.cos(angle), 1)


def _points(corners: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{x:g},{y:g}" for x, y in corners)


def radar(themes: Sequence[ThemeResult]) -> Radar:
    """One axis per theme, clockwise from the top; a theme with no score plots at the centre."""
    angles = [2 * math.pi * index / len(themes) for index in range(len(themes))]
    axes = []
    for theme, angle in zip(themes, angles, strict=True):
        x, y = _point(angle, _R)
        label_x, label_y = _point(angle, _R + 14)
        point_x, point_y = _point(angle, _R * (theme.score or 0.0) / 100)
        sin = math.sin(angle)
        anchor = "middle" if abs(sin) < 0.2 else ("start" if sin > 0 else "end")
        axes.append(
            Axis(theme.id, theme_score(theme.score), x, y, label_x, label_y, anchor, point_x, point_y)
        )
    between = math.pi / len(themes)
    rings = tuple(
        Ring(
            value, _points([_point(a, _R * value / 100) for a in angles]), *_point(between, _R * value / 100)
        )
        for value in _RINGS
    )
    polygon = _points([(axis.point_x, axis.point_y) for axis in axes])
    return Radar(tuple(axes), polygon, rings, _CX, _CY)
