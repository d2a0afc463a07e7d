"""Golden files: every format, on examples assessed on their own assessment_date.

A change to a renderer shows up as a diff of tests/golden/<format>/. Cases ending in
``-robustness`` are rendered as ``assess --robustness`` (default draws, seed and spread)
gives them, in the formats that show it. After an intended
change, rewrite them with ``python3 dev.py golden`` (``pytest tests/test_golden.py
--update-golden``) and review the diff before committing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from devocheck.pipeline import outcome
from devocheck.render import Item, format_names, render, renderer
from devocheck.rubric.model import load_rubric
from devocheck.score.policy import Judge, Thresholds
from devocheck.score.robustness import Settings, with_robustness
from tests.conftest import REPO

GOLDEN = REPO / "tests" / "golden"

#: Case name -> input files (relative to the repository, as a user would name them).
CASES = {
    "fenwold": ("examples/fenwold.yaml",),
    "north-shire": ("examples/north-shire.yaml",),
    "batch": (
        "examples/hartmoor-severn.yaml",
        "examples/marrowdale.yaml",
        "tests/golden/inputs/invalid.yaml",
    ),
    "custom-rubric": (
        "examples/fenwold.yaml",
        "examples/hartmoor-severn.yaml",
        "examples/marrowdale.yaml",
    ),
    "north-shire-robustness": ("examples/north-shire.yaml",),
    "batch-robustness": (
        "examples/hartmoor-severn.yaml",
        "examples/marrowdale.yaml",
        "tests/golden/inputs/borderline.yaml",
        "tests/golden/inputs/invalid.yaml",
    ),
    # judged: rendered with the run's verdict (fail-under 70, min-band emerging, fail-on-gate)
    "judged": ("examples/north-shire.yaml", "examples/fenwold.yaml"),
}
#: Cases scored with a rubric other than the built-in default: five bands of its own, a gate
#: cap at "maturing", its own citations and source.
RUBRICS = {"custom-rubric": "tests/golden/inputs/custom-rubric.yaml"}
ROBUSTNESS = "-robustness"
JUDGED = {"judged"}
#: The formats that show robustness (the others print the same with or without it).
SHOW_ROBUSTNESS = ("csv", "html", "json", "markdown", "rich")
#: The formats that show the run's verdict (the others say it on stderr, through the CLI).
SHOW_VERDICT = ("github", "json", "junit", "sarif")
PAIRS = [
    (fmt, case)
    for fmt in format_names()
    for case in sorted(CASES)
    if (not case.endswith(ROBUSTNESS) or fmt in SHOW_ROBUSTNESS)
    and (case not in JUDGED or fmt in SHOW_VERDICT)
]


def outcomes(case: str) -> list[Item]:
    """What the assess command hands a renderer: a report per valid file, the diagnostics
    otherwise, and (judged cases) the run's verdict last."""
    rubric = RUBRICS.get(case, "ifg-2015")
    found = [outcome(name, rubric=rubric) for name in CASES[case]]
    if case.endswith(ROBUSTNESS):
        found = with_robustness(found, load_rubric(rubric), Settings())
    items: list[Item] = list(found)
    if case in JUDGED:
        bands = ("not-ready", "emerging", "maturing", "ready")
        judge = Judge(Thresholds(70, "emerging", bands, fail_on_gate=True))
        for item in found:
            judge.note(item)
        items.append(judge.verdict())
    return items


def golden_path(fmt: str, case: str) -> Path:
    return GOLDEN / fmt / f"{case}{renderer(fmt).EXTENSION}"


@pytest.mark.parametrize(("fmt", "case"), PAIRS)
def test_output_matches_golden_file(
    fmt: str, case: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    text = render(outcomes(case), fmt)
    path = golden_path(fmt, case)
    if request.config.getoption("--update-golden"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    assert path.is_file(), f"no golden file {path}: run `python3 dev.py golden`"
    assert text == path.read_bytes().decode("utf-8"), (
        f"{fmt} output for {case} changed; if intended, run `python3 dev.py golden` and review the diff"
    )


def test_batch_case_mixes_reports_and_an_invalid_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    kinds = [type(outcome).__name__ for outcome in outcomes("batch")]
    assert kinds == ["Report", "Report", "NotAssessed"]


def test_no_stale_golden_files() -> None:
    expected = {golden_path(fmt, case) for fmt, case in PAIRS}
    present = {path for path in GOLDEN.rglob("*") if path.is_file() and path.parent != GOLDEN / "inputs"}
    assert present <= expected, f"golden files for no current format or case: {sorted(present - expected)}"
