"""Change over time: ``devocheck diff`` and ``assess --baseline --fail-on-regression``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from devocheck.pipeline import assess
from devocheck.render._diff import diff_text
from devocheck.score.diff import diff_reports
from tests.conftest import EXAMPLES, Runner

NORTH = EXAMPLES / "north-shire.yaml"
#: ways-of-working.frontline drops 2 -> 1; ways-of-working.central rises 0 -> 1.
DROP = ("joint_training: true", "joint_training: false")
RISE = ("central_sponsor: false", "central_sponsor: true")


def variant(folder: Path, name: str, *edits: tuple[str, str]) -> Path:
    text = NORTH.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_one_drop_and_one_rise_are_both_named_with_their_facts(tmp_path: Path) -> None:
    change = diff_reports(assess(NORTH), assess(variant(tmp_path, "next.yaml", DROP, RISE)))
    moved = {c.criterion: (c.old_level, c.new_level) for c in change.changes}
    assert moved == {"ways-of-working.frontline": (2, 1), "ways-of-working.central": (0, 1)}
    assert change.regressed  # a level fell, even though the score rose
    text = diff_text(change)
    assert "▼ ways-of-working.frontline dropped 2 -> 1 of 2" in text
    assert "▲ ways-of-working.central rose 0 -> 1 of 1" in text
    assert "was: staff of different partners train together: yes" in text
    assert "now: a named sponsor in central government: yes" in text


def test_no_change(tmp_path: Path) -> None:
    change = diff_reports(assess(NORTH), assess(NORTH))
    assert change.unchanged and not change.regressed
    assert "no criterion moved" in diff_text(change)


def test_diff_command_on_locality_files_and_on_saved_reports(cli: Runner, tmp_path: Path) -> None:
    new = variant(tmp_path, "north-shire.yaml", DROP, RISE)
    text = cli("diff", NORTH, new)
    assert text.exit_code == 0, text.stderr
    assert "ways-of-working.frontline dropped" in text.stdout
    assert "ways-of-working.central rose" in text.stdout
    old_json, new_json = tmp_path / "old.json", tmp_path / "new.json"
    old_json.write_text(cli("assess", NORTH, "-f", "json").stdout, encoding="utf-8")
    new_json.write_text(cli("assess", new, "-f", "json").stdout, encoding="utf-8")
    machine = cli("diff", old_json, new_json, "--format", "json")
    data = json.loads(machine.stdout)
    assert [(c["id"], c["direction"]) for c in data["criteria"]] == [
        ("ways-of-working.frontline", "down"),
        ("ways-of-working.central", "up"),
    ]
    assert data["regressed"] is True
    assert cli("diff", old_json, new_json, "--fail-on-regression").exit_code == 1
    assert cli("diff", new_json, new_json, "--fail-on-regression").exit_code == 0


def test_diff_refuses_what_is_not_one_report(cli: Runner, tmp_path: Path) -> None:
    batch = tmp_path / "batch.json"
    batch.write_text(cli("assess", NORTH, EXAMPLES / "fenwold.yaml", "-f", "json").stdout, encoding="utf-8")
    result = cli("diff", batch, NORTH)
    assert result.exit_code == 2
    assert f"{batch}:1:1: holds 2 reports; diff compares one with one" in result.stderr


@pytest.fixture
def baseline(cli: Runner, tmp_path: Path) -> Path:
    path = tmp_path / "baseline.json"
    path.write_text(cli("assess", NORTH, "-f", "json").stdout, encoding="utf-8")
    return path


def test_fail_on_regression_exits_1_on_a_drop(cli: Runner, tmp_path: Path, baseline: Path) -> None:
    dropped = variant(tmp_path, "north-shire.yaml", DROP)
    result = cli("assess", dropped, "-f", "csv", "--baseline", baseline, "--fail-on-regression")
    assert result.exit_code == 1
    assert "▼ ways-of-working.frontline dropped 2 -> 1" in result.stderr
    assert cli("assess", dropped, "-f", "csv", "--baseline", baseline).exit_code == 0  # shown, not gated


def test_fail_on_regression_exits_0_on_a_rise(cli: Runner, tmp_path: Path, baseline: Path) -> None:
    risen = variant(tmp_path, "north-shire.yaml", RISE)
    result = cli("assess", risen, "-f", "csv", "--baseline", baseline, "--fail-on-regression")
    assert result.exit_code == 0, result.stderr
    assert "▲ ways-of-working.central rose 0 -> 1" in result.stderr


def test_a_batch_baseline_matches_by_locality_and_names_newcomers(
    cli: Runner, tmp_path: Path, baseline: Path
) -> None:
    result = cli("assess", NORTH, EXAMPLES / "fenwold.yaml", "-f", "csv", "--baseline", baseline)
    assert result.exit_code == 0
    assert "fenwold is not in the baseline (new)" in result.stderr
    assert "north-shire: score 72.9 -> 72.9 (+0.0), band maturing" in result.stderr
    assert "0 regressed" in result.stderr


def version_1(baseline: Path) -> Path:
    """The baseline as if it had been made with version 1 of the rubric."""
    report = json.loads(baseline.read_text(encoding="utf-8"))
    for entry in report["reports"]:
        entry["rubric"]["version"] = 1
    path = baseline.with_name("baseline-v1.json")
    path.write_text(json.dumps(report), encoding="utf-8")
    return path


RUBRIC_NOTE = (
    "note: rubric version changed: ifg-2015 v1 -> v2; a change in score may be the rubric's, not the place's"
)


def test_a_rubric_version_change_is_said_and_does_not_count_as_a_regression(
    baseline: Path, tmp_path: Path
) -> None:
    dropped = assess(variant(tmp_path, "north-shire.yaml", DROP))
    (old,) = json.loads(version_1(baseline).read_text(encoding="utf-8"))["reports"]
    change = diff_reports(old, dropped)
    assert change.rubric_changed and change.regressed
    assert not change.counts_as_regression()
    assert change.counts_as_regression(across_rubric_versions=True)
    assert RUBRIC_NOTE in diff_text(change)
    same = diff_reports(json.loads(baseline.read_text(encoding="utf-8"))["reports"][0], dropped)
    assert not same.rubric_changed and same.counts_as_regression()


def test_fail_on_regression_across_rubric_versions_only_when_asked(
    cli: Runner, tmp_path: Path, baseline: Path
) -> None:
    dropped = variant(tmp_path, "north-shire.yaml", DROP)
    old = version_1(baseline)
    result = cli("assess", dropped, "-f", "csv", "--baseline", old, "--fail-on-regression")
    assert result.exit_code == 0, result.stderr
    assert RUBRIC_NOTE in result.stderr
    asked = ("--fail-on-regression", "--regression-across-rubric-versions")
    assert cli("assess", dropped, "-f", "csv", "--baseline", old, *asked).exit_code == 1
    assert cli("diff", old, dropped, "--fail-on-regression").exit_code == 0
    assert cli("diff", old, dropped, *asked).exit_code == 1
    data = json.loads(cli("diff", old, dropped, "--format", "json").stdout)
    assert (data["regressed"], data["rubric_changed"]) == (True, True)
