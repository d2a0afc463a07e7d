"""The ``html`` format: one self-contained page to read on screen, on a phone, print on A4 and share.

Chart geometry is computed here and the page is laid out by ``templates/report.html.j2``
with Jinja2 autoescaping on, and every value passes through ``strip_control`` on its way
out, so no input text reaches the page as markup or control characters. Styles and charts
are inline: the page makes no request of any kind.

Layout choices (tested in Chromium by ``tests/test_browser.py``): from 320 px up nothing
scrolls sideways (wide tables become stacked rows below 40 rem, long words wrap anywhere);
printed on A4, headings stay with what follows, table rows and plan items are not split, and
each page's margin names the place, rubric and assessment date. Radar labels are the theme's
number and score, so they can be large enough to read (>= 11 px on a 320 px screen, >= 9 pt
printed); the theme table beside the chart gives the titles.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, Template
from markupsafe import Markup

from devocheck.render import Item, RenderOptions, outcomes_of
from devocheck.render._labels import kind_and_nation, label, status_label
from devocheck.render._overview import overview
from devocheck.render._text import strip_control
from devocheck.render._uncertainty import interval_chart, rank_chart
from devocheck.render._words import (
    band_tone,
    councils,
    gate_sentence,
    interval_text,
    no_evidence,
    share_text,
    source_link,
    standing,
    theme_score,
    waiver_state,
    weight_verdict,
    why,
)
from devocheck.score.report import NotAssessed, Report, ThemeResult, cut, percent

EXTENSION = ".html"

#: Radar chart canvas (SVG user units): the viewBox, the centre and radius of the 100 ring, and
#: the label offset. Labels are ``FONT`` units high: the chart is at most 100% of a 320 px
#: screen's column (~296 px) and 80 mm printed, so they stay >= 11 px and >= 9 pt.
WIDTH, HEIGHT = 460, 400
_CX, _CY, _R, _LABEL = 230.0, 200.0, 125.0, 20.0
FONT = 23
_RINGS = (25, 50, 75, 100)
#: Rings with a label: four labels at a readable size would crowd the centre.
_LABELLED = (50, 100)
#: Criterion bar width in SVG user units.
BAR_WIDTH = 120


@dataclass(frozen=True, slots=True)
class Axis:
    """One spoke of the radar chart: a theme, where its label goes, where its score lands."""

    number: int
    label: str
    """The score, ``?`` for no evidence, ``-`` when every criterion is waived."""
    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str
    point_x: float
    point_y: float
    missing: bool
    """No evidence (or all waived): the point sits at the centre, hollow."""


@dataclass(frozen=True, slots=True)
class Ring:
    """A grid ring at ``value``, labelled between the first two axes (clear of their labels)."""

    value: int
    points: str
    label_x: float
    label_y: float
    labelled: bool


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
    single = reports[0] if len(outcomes) == 1 and reports else None
    return template("report.html.j2").render(
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
        overview=overview(outcomes),
        rank_chart=rank_chart(reports),
        weight_verdict=weight_verdict,
        interval_text=interval_text,
        share_text=share_text,
        title=single.locality.name if single else "Devolution readiness",
        several=len(outcomes) > 1,
        page_header=page_header,
        status_label=status_label,
        label=label,
        kind_and_nation=kind_and_nation,
        gate_sentence=gate_sentence,
        standing=standing,
        councils=councils,
        band_tone=band_tone,
        source_link=source_link,
        why=why,
        percent=percent,
        cut=cut,
        waiver_state=waiver_state,
        theme_score=theme_score,
        bar_width=BAR_WIDTH,
        radar_width=WIDTH,
        radar_height=HEIGHT,
    )


def page_header(report: Report) -> str:
    """What each printed page of ``report`` says at its top: place, rubric, assessment date."""
    rubric = report.rubric
    place = report.locality.name
    return f"{place} · rubric {rubric.id} v{rubric.version} · assessed {report.assessment_date}"


def css_string(text: str) -> Markup:
    """``text`` as a quoted CSS string, every character but ASCII letters, digits and spaces hex-escaped.

    Safe inside ``<style>`` whatever the text holds: no quote, backslash, ``<`` or newline
    survives as itself, so it can neither end the string nor the style element.
    """
    # an escape ends at the space after it (CSS consumes that one space), so none runs into the text
    body = "".join(ch if ch.isascii() and (ch.isalnum() or ch == " ") else f"\\{ord(ch):x} " for ch in text)
    return Markup(f'"{body}"')


@cache
def template(name: str) -> Template:
    """A page template (``report.html.j2``, ``diff.html.j2``), autoescaped, control characters stripped."""
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
    environment.filters["css_string"] = lambda text: css_string(strip_control(str(text)))
    environment.globals["radar_font"] = FONT  # the shared stylesheet sizes chart text
    return environment.get_template(name)


def _point(angle: float, radius: float) -> tuple[float, float]:
    return round(_CX + radius * math.sin(angle), 1), round(_CY - radius * math.cos(angle), 1)


def _points(corners: Sequence[tuple[float, float]]) -> str:
    return " ".join(f"{x:g},{y:g}" for x, y in corners)


def radar(themes: Sequence[ThemeResult]) -> Radar:
    """One axis per theme, clockwise from the top, labelled with its number (1-based) and score.

    A theme with no evidence, or all waived, plots hollow at the centre and reads ``?`` or ``-``
    rather than a score of 0.
    """
    angles = [2 * math.pi * index / len(themes) for index in range(len(themes))]
    axes = []
    for number, (theme, angle) in enumerate(zip(themes, angles, strict=True), 1):
        x, y = _point(angle, _R)
        label_x, label_y = _point(angle, _R + _LABEL)
        missing = theme.score is None or no_evidence(theme)
        point_x, point_y = _point(angle, 0.0 if missing else _R * (theme.score or 0.0) / 100)
        sin = math.sin(angle)
        anchor = "middle" if abs(sin) < 0.2 else ("start" if sin > 0 else "end")
        shown = "-" if theme.score is None else "?" if missing else cut(theme.score, 0)
        axes.append(
            Axis(number, f"{number}: {shown}", x, y, label_x, label_y, anchor, point_x, point_y, missing)
        )
    between = math.pi / len(themes)
    rings = tuple(
        Ring(
            value,
            _points([_point(a, _R * value / 100) for a in angles]),
            *_point(between, _R * value / 100),
            value in _LABELLED,
        )
        for value in _RINGS
    )
    polygon = _points([(axis.point_x, axis.point_y) for axis in axes])
    return Radar(tuple(axes), polygon, rings, _CX, _CY)
