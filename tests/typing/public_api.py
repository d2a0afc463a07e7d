"""A library user's script: ``mypy --strict --disallow-any-expr`` must find no ``Any`` in it.

Checked by tests/test_public_api.py; never imported by the test suite.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import devocheck
from devocheck import (
    DevocheckError,
    FileResult,
    NotApplicable,
    NotAssessed,
    RenderOptions,
    Report,
    Rubric,
    Thresholds,
    assess,
    load_locality,
    load_rubric,
    outcome,
    render_report,
    validate_file,
)


def score_of(path: Path) -> float | None:
    report: Report | NotApplicable = assess(path, today=date(2026, 11, 1))
    return None if isinstance(report, NotApplicable) else report.score


def band_or_problems(path: Path) -> str:
    result: FileResult = outcome(path, today=date(2026, 11, 1))
    if isinstance(result, NotAssessed):
        return "; ".join(d.message for d in result.errors)
    if isinstance(result, NotApplicable):
        return result.line
    return result.band


def passes(path: Path) -> bool:
    rubric: Rubric = load_rubric("ifg-2015")
    report = devocheck.assess(path, rubric=rubric, today=date(2026, 11, 1))
    if isinstance(report, NotApplicable):  # outside the rubric's scope: nothing to hold to a threshold
        return True
    return not Thresholds.for_rubric(rubric, fail_under=60.0, min_band="maturing").misses(report)


def good_enough(path: Path) -> list[str]:
    report = assess(path, today=date(2026, 11, 1))
    return [] if isinstance(report, NotApplicable) else Thresholds(fail_under=60).misses(report)


def markdown(path: Path) -> str:
    return render_report([assess(path, today=date(2026, 11, 1))], "markdown", RenderOptions(width=80))


def problems(path: Path) -> list[str]:
    try:
        load_locality(path)
    except DevocheckError as error:
        return [str(d) for d in error.diagnostics]
    return [str(d) for d in validate_file(path).diagnostics]


VERSION: str = devocheck.__version__
