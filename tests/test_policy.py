"""Thresholds: the policy a run holds reports to, decided on the unrounded score."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from devocheck.pipeline import assess
from devocheck.score.policy import Thresholds
from devocheck.score.report import Report
from tests.conftest import EXAMPLES

BANDS = ("not-ready", "emerging", "maturing", "ready")


@pytest.fixture(scope="module")
def report() -> Report:
    return assess(EXAMPLES / "north-shire.yaml", today=date(2026, 11, 1))


@pytest.mark.parametrize(
    ("score", "band", "gates", "thresholds", "misses"),
    [
        (60.0, "maturing", (), Thresholds(60, None, BANDS, False), []),
        (59.99, "emerging", (), Thresholds(60, None, BANDS, False), ["score 59.9 is under 60"]),
        (72.9, "maturing", (), Thresholds(None, "maturing", BANDS, False), []),
        (72.9, "maturing", (), Thresholds(None, "ready", BANDS, False), ["band maturing is below ready"]),
        (72.9, "emerging", ("g.x",), Thresholds(None, None, BANDS, False), []),
        (72.9, "emerging", ("g.x",), Thresholds(None, None, BANDS, True), ["gate at level 0: g.x"]),
        (
            30.0,
            "not-ready",
            ("g.x", "g.y"),
            Thresholds(40, "emerging", BANDS, True),
            ["score 30.0 is under 40", "band not-ready is below emerging", "gate at level 0: g.x, g.y"],
        ),
        (30.0, "not-ready", ("g.x",), Thresholds(None, None, BANDS, False), []),
    ],
)
def test_misses(
    report: Report,
    score: float,
    band: str,
    gates: tuple[str, ...],
    thresholds: Thresholds,
    misses: list[str],
) -> None:
    assert thresholds.misses(replace(report, score=score, band=band, gate_failures=gates)) == misses


def test_an_unknown_band_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown band 'great'"):
        Thresholds(None, "great", BANDS, False)


@pytest.mark.parametrize(
    ("thresholds", "score", "band", "gates", "misses"),
    [
        (Thresholds(), 10.0, "not-ready", ("g.x",), []),
        (Thresholds(fail_under=60), 60.0, "maturing", (), []),
        (Thresholds(fail_under=60), 59.99, "emerging", (), ["score 59.9 is under 60"]),
        (Thresholds(min_band="maturing"), 72.9, "maturing", (), []),
        (Thresholds(min_band="ready"), 72.9, "maturing", (), ["band maturing is below ready"]),
        (Thresholds(fail_on_gate=True), 72.9, "emerging", ("g.x",), ["gate at level 0: g.x"]),
        (
            Thresholds(fail_under=80, min_band="ready", fail_on_gate=True),
            72.9,
            "emerging",
            ("g.x",),
            ["score 72.9 is under 80", "band emerging is below ready", "gate at level 0: g.x"],
        ),
    ],
    ids=["nothing", "score-at", "score-under", "band-at", "band-under", "gate", "all-three"],
)
def test_thresholds_by_keyword_use_the_reports_own_bands(
    report: Report,
    thresholds: Thresholds,
    score: float,
    band: str,
    gates: tuple[str, ...],
    misses: list[str],
) -> None:
    """``Thresholds(fail_under=60)`` needs nothing else: left empty, the bands are the report's."""
    assert thresholds.bands == ()
    assert report.rubric.bands == BANDS
    assert thresholds.misses(replace(report, score=score, band=band, gate_failures=gates)) == misses


def test_a_band_the_reports_rubric_lacks_is_refused_when_checked(report: Report) -> None:
    with pytest.raises(ValueError, match="unknown band 'great'; the rubric has not-ready, emerging"):
        Thresholds(min_band="great").misses(report)
