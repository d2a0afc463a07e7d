"""The batch overview builder (``devocheck.render._overview``): ranking, ties, heatmap cells, files apart."""

from __future__ import annotations

from dataclasses import replace

import pytest

from devocheck.pipeline import assess, outcome
from devocheck.render._overview import Cell, overview
from devocheck.rubric.model import load_rubric
from devocheck.score.report import FileResult, Report
from devocheck.score.robustness import Settings, with_robustness
from tests.conftest import EXAMPLES, REPO

INVALID = REPO / "tests" / "golden" / "inputs" / "invalid.yaml"


@pytest.fixture(scope="module")
def places() -> dict[str, Report]:
    return {path.stem: assess(path) for path in sorted(EXAMPLES.glob("*.yaml"))}


def test_ranked_by_score_best_first_each_linked_to_its_place_in_the_batch(places: dict[str, Report]) -> None:
    batch = [places["fenwold"], places["marrowdale"], places["north-shire"], places["hartmoor-severn"]]
    view = overview(batch)
    assert [row.name for row in view.rows] == [
        "Marrowdale Mayoral Combined Authority",
        "North Shire Combined Authority",
        "Hartmoor and Severn Combined Authority",
        "Fenwold Combined County Authority",
    ]
    assert [row.position for row in view.rows] == [2, 3, 4, 1]
    assert [row.rank_label for row in view.rows] == ["1", "2", "3", "4"]
    assert [(row.score, row.band, row.coverage) for row in view.rows] == [
        ("98.1", "ready", "100%"),
        ("72.9", "maturing", "100%"),
        ("64.0", "emerging", "100%"),
        ("5.5", "not-ready", "41%"),
    ]
    assert [row.tone for row in view.rows] == ["high", "mid-high", "mid-low", "low"]
    assert view.apart == () and view.robustness is False
    assert all(row.ranks is None for row in view.rows)


@pytest.mark.parametrize(
    ("scores", "labels"),
    [
        ([50.0, 50.0, 40.0], ["=1", "=1", "3"]),
        ([50.0, 40.0, 40.0], ["1", "=2", "=2"]),
        ([40.0, 40.0, 40.0], ["=1", "=1", "=1"]),
        ([59.96, 60.0, 59.9], ["1", "2", "3"]),  # 59.96 shows as 59.9 but is not tied with 59.9
    ],
)
def test_equal_scores_share_a_rank_and_are_listed_by_name(
    places: dict[str, Report], scores: list[float], labels: list[str]
) -> None:
    names = ["Cwm", "Abbey", "Bryn"]
    report = places["north-shire"]
    batch = [
        replace(report, score=score, locality=replace(report.locality, name=name))
        for score, name in zip(scores, names, strict=True)
    ]
    rows = overview(batch).rows
    assert [row.rank_label for row in rows] == labels
    expected = sorted(zip(scores, names, strict=True), key=lambda pair: (-pair[0], pair[1]))
    assert [row.name for row in rows] == [name for _, name in expected]


def test_no_evidence_is_shown_as_such_not_as_a_zero(places: dict[str, Report]) -> None:
    view = overview([places["fenwold"]])
    (row,) = view.rows
    assert view.themes[1] == "Commissioning that joins services up"
    assert row.cells[1] == Cell("no evidence", "none")
    assert row.cells[4] == Cell("0.0", "heat-0")  # a real 0: evidence that meets no level
    assert row.cells[0] == Cell("27.7", "heat-1")


def test_heat_steps_by_fifths_of_the_score(places: dict[str, Report]) -> None:
    report = places["north-shire"]
    theme = report.themes[0]
    expected = {0.0: "heat-0", 19.99: "heat-0", 20.0: "heat-1", 79.9: "heat-3", 80.0: "heat-4", 100: "heat-4"}
    for score, heat in expected.items():
        themes = (replace(theme, score=score), *report.themes[1:])
        assert overview([replace(report, themes=themes)]).rows[0].cells[0].heat == heat, score
    waived = (replace(theme, score=None), *report.themes[1:])
    assert overview([replace(report, themes=waived)]).rows[0].cells[0] == Cell("all waived", "na")


def test_a_theme_a_report_lacks_is_not_applicable(places: dict[str, Report]) -> None:
    full, short = places["north-shire"], places["marrowdale"]
    view = overview([full, replace(short, themes=short.themes[:-1])])
    marrowdale = next(row for row in view.rows if row.name.startswith("Marrowdale"))
    assert len(view.themes) == len(full.themes)
    assert marrowdale.cells[-1] == Cell("n/a", "na")


def test_files_not_assessed_are_listed_apart_not_ranked(places: dict[str, Report]) -> None:
    batch: list[FileResult] = [outcome(INVALID), places["fenwold"]]
    view = overview(batch)
    assert [row.position for row in view.rows] == [2]
    assert [(entry.position, entry.input) for entry in view.apart] == [(1, str(INVALID))]
    assert overview([outcome(INVALID)]).rows == ()


def test_rank_intervals_only_with_robustness(places: dict[str, Report]) -> None:
    batch = list(places.values())
    assert overview(batch).robustness is False
    robust = with_robustness(batch, load_rubric("ifg-2015"), Settings(draws=200))
    view = overview(robust)
    assert view.robustness is True
    assert [row.ranks for row in view.rows] == ["1 (1-1)", "2 (2-2)", "3 (3-3)", "4 (4-4)"]
    single = overview(with_robustness([places["fenwold"]], load_rubric("ifg-2015"), Settings(draws=200)))
    assert single.robustness is False and single.rows[0].ranks is None  # one place has no rank
