"""Every exit-code path of ``devocheck assess``: 0 all good, 1 a threshold missed, 2 bad input or usage.

An input error wins over a threshold failure: a run that could not read a file says nothing
trustworthy about the repository as a whole.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, REPO, Runner

NORTH = EXAMPLES / "north-shire.yaml"  # 72.9, maturing, gates passed
FENWOLD = EXAMPLES / "fenwold.yaml"  # 5.5 (100/18, cut), not-ready, gate data-sharing.agreements at 0
INVALID = REPO / "tests" / "golden" / "inputs" / "invalid.yaml"


def test_all_good_is_0(cli: Runner) -> None:
    result = cli("assess", NORTH, "--format", "json", "--fail-under", "70", "--min-band", "maturing")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["reports"][0]["score_display"] == "72.9"


@pytest.mark.parametrize(
    ("flags", "passing", "failing", "says"),
    [
        (("--fail-under", "{}"), "72", "73", "score 72.9 is under 73"),
        (("--min-band", "{}"), "maturing", "ready", "band maturing is below ready"),
    ],
)
def test_a_missed_threshold_is_1(
    cli: Runner, flags: tuple[str, str], passing: str, failing: str, says: str
) -> None:
    ok = cli("assess", NORTH, "--format", "csv", flags[0], passing)
    missed = cli("assess", NORTH, "--format", "csv", flags[0], failing)
    assert ok.exit_code == 0, ok.stderr
    assert missed.exit_code == 1
    assert f"north-shire.yaml: below threshold: {says}" in missed.stderr
    assert missed.stdout == ok.stdout  # the report is the same; only the verdict differs


def test_a_failed_gate_is_1_only_when_asked(cli: Runner) -> None:
    assert cli("assess", FENWOLD, "--format", "csv").exit_code == 0
    assert cli("assess", NORTH, "--format", "csv", "--fail-on-gate").exit_code == 0
    gated = cli("assess", FENWOLD, "--format", "csv", "--fail-on-gate")
    assert gated.exit_code == 1
    assert "gate at level 0: data-sharing.agreements" in gated.stderr


def test_one_file_below_fails_the_batch_and_the_summary_counts_it(cli: Runner) -> None:
    result = cli("assess", NORTH, FENWOLD, "--format", "csv", "--fail-under", "50")
    assert result.exit_code == 1
    assert "devocheck: 2 files: 2 assessed, 0 invalid, 1 below threshold" in result.stderr


@pytest.mark.parametrize(
    "bad",
    [INVALID, "no/such/file.yaml", "no-such-dir/*.yaml"],
    ids=["invalid", "missing", "empty-glob"],
)
def test_bad_input_is_2(cli: Runner, bad: Path | str) -> None:
    result = cli("assess", bad, "--format", "csv")
    assert result.exit_code == 2
    assert result.stderr.strip(), "a bad input is explained on stderr"


def test_input_error_beats_threshold_failure(cli: Runner) -> None:
    result = cli("assess", FENWOLD, INVALID, "--format", "csv", "--fail-on-gate", "--fail-under", "90")
    assert result.exit_code == 2
    assert "fenwold.yaml: below threshold" in result.stderr  # the miss is still reported
    assert "invalid.yaml:6:7: locality.id" in result.stderr
    assert "1 invalid, 1 below threshold" in result.stderr
    assert "fenwold" in result.stdout  # and the good file is still assessed


@pytest.mark.parametrize(
    "args",
    [
        ("--fail-under", "101"),
        ("--fail-under", "lots"),
        ("--min-band", "excellent"),
        ("--jobs", "0"),
        ("--format", "pdf"),
        ("--date", "yesterday"),
        ("--fail-on-regression",),
        ("--no-such-flag",),
    ],
)
def test_usage_errors_are_2(cli: Runner, args: tuple[str, ...]) -> None:
    result = cli("assess", NORTH, *args)
    assert result.exit_code == 2
    assert not result.stdout


def test_unknown_band_names_the_rubric_bands(cli: Runner) -> None:
    result = cli("assess", NORTH, "--min-band", "excellent")
    assert "not-ready, emerging, maturing, ready" in " ".join(result.stderr.split())


def test_an_unreadable_baseline_is_2(cli: Runner, tmp_path: Path) -> None:
    broken = tmp_path / "base.json"
    broken.write_text('{"report_version": 1,\n  oops}\n', encoding="utf-8")
    result = cli("assess", NORTH, "--baseline", broken)
    assert result.exit_code == 2
    assert f"{broken}:2:3: not JSON" in result.stderr
    other = tmp_path / "other.json"
    other.write_text('{"report_version": 7}', encoding="utf-8")
    assert "is not a devocheck report" in cli("assess", NORTH, "--baseline", other).stderr


def test_with_the_github_format_a_missed_threshold_is_an_error_annotation(cli: Runner) -> None:
    result = cli("assess", EXAMPLES, "--format", "github", "--fail-under", "70")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    misses = [line for line in lines if line.startswith("::error ") and "threshold" in line]
    assert misses == [  # named from the repository root, whatever the path given
        f"::error file=examples/{name}.yaml,title=devocheck below threshold%3A fail-under 70::"
        f"{name}: score {score} is under 70"
        for name, score in (("fenwold", "5.5"), ("hartmoor-severn", "64.0"))
    ]
    other = cli("assess", EXAMPLES, "--format", "json", "--fail-under", "70")
    assert "::error" not in other.stdout
