"""Choosing rubrics: `--rubric` more than once (and in config), every format naming the rubric of
each result, a rubric that does not apply as one line with exit 0, and the JSON report schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from devocheck.schemas import load_schema
from tests.conftest import EXAMPLES, REPO, Runner

TAMSWORTH = EXAMPLES / "tamsworth-vale.yaml"
NORTH = EXAMPLES / "north-shire.yaml"
GLENMOR = REPO / "tests" / "golden" / "inputs" / "glenmor.yaml"
BOTH = ("--rubric", "ifg-2015", "--rubric", "strategic-authority-2026")


def test_each_file_is_assessed_against_each_rubric_in_the_order_given(cli: Runner) -> None:
    result = cli("assess", TAMSWORTH, NORTH, *BOTH, "--format", "json")
    assert result.exit_code == 0
    pairs = [(r["locality"]["id"], r["rubric"]["id"]) for r in json.loads(result.stdout)["reports"]]
    assert pairs == [
        ("tamsworth-vale", "ifg-2015"),
        ("tamsworth-vale", "strategic-authority-2026"),
        ("north-shire", "ifg-2015"),
        ("north-shire", "strategic-authority-2026"),
    ]


def test_a_waiver_of_one_rubric_does_not_stop_the_other(cli: Runner) -> None:
    """north-shire waives an ifg-2015 criterion; before waivers named their rubric it could not be
    assessed against another rubric at all."""
    result = cli("assess", NORTH, "--rubric", "strategic-authority-2026", "--format", "json")
    assert result.exit_code == 0, result.stderr
    (report,) = json.loads(result.stdout)["reports"]
    assert report["waivers"] == []
    assert report["tier"]["reached"] == "mayoral"


def test_a_rubric_that_does_not_apply_is_one_line_and_exit_0(cli: Runner) -> None:
    result = cli(
        "assess", GLENMOR, "--rubric", "strategic-authority-2026", "--fail-under", "90", "--width", "400"
    )
    assert result.exit_code == 0
    assert result.stdout.strip().splitlines() == [
        f"○ {GLENMOR.relative_to(REPO)}: strategic-authority-2026 does not apply to Glenmor and"
        " Strathcairn: The strategic-authority framework is England's; it does not apply to a place"
        " in another nation of the UK."
    ]
    (data,) = json.loads(cli("assess", GLENMOR, "-r", "strategic-authority-2026", "-f", "json").stdout)[
        "reports"
    ]
    assert (data["applicable"], data["score"], data["band"]) == (False, None, None)
    assert "tier" not in data


def test_thresholds_name_the_rubric_when_several_are_in_use(cli: Runner) -> None:
    result = cli("assess", TAMSWORTH, *BOTH, "--fail-under", "72")
    assert result.exit_code == 1
    said = "below threshold (strategic-authority-2026): score 71.4 is under 72"
    assert f"{TAMSWORTH.relative_to(REPO)}: {said}" in result.stderr
    assert "(ifg-2015)" not in result.stderr


def test_output_directory_gets_one_file_per_input_and_rubric(cli: Runner, tmp_path: Path) -> None:
    out = tmp_path / "reports"
    result = cli("assess", TAMSWORTH, *BOTH, "--format", "json", "--output", f"{out}/")
    assert result.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "tamsworth-vale.ifg-2015.json",
        "tamsworth-vale.strategic-authority-2026.json",
    ]


def test_config_may_list_rubrics(cli: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "devocheck.toml").write_text(
        'rubric = ["ifg-2015", "strategic-authority-2026"]\nformat = "csv"\n'
    )
    monkeypatch.chdir(tmp_path)
    result = cli("assess", TAMSWORTH)
    assert result.exit_code == 0
    rows = result.stdout.splitlines()
    assert rows[0].startswith("file,id,name,rubric,score,band,tier,")
    assert [row.split(",")[3] for row in rows[1:]] == ["ifg-2015", "strategic-authority-2026"]
    (tmp_path / "devocheck.toml").write_text("rubric = [1]\n")
    bad = cli("assess", TAMSWORTH)
    assert bad.exit_code == 2
    assert "rubric must be ID|FILE (a string), or a list of them" in bad.stderr


def test_validate_checks_waivers_against_every_rubric_given(cli: Runner, tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(
        "schema_version: 1\nlocality: {id: p, name: P}\n"
        "waivers:\n  - {criterion: geography.scale, reason: R}\n"
    )
    assert cli("validate", path).exit_code == 2
    assert cli("validate", path, "--rubric", "strategic-authority-2026").exit_code == 0
    assert cli("validate", path, *BOTH).exit_code == 0


def test_rubric_list_shows_both_builtins(cli: Runner) -> None:
    listed = cli("rubric", "list").stdout
    assert "ifg-2015  v" in listed
    assert "strategic-authority-2026  v1" in listed


@pytest.mark.parametrize("case", ["tamsworth-vale-sa", "wexcombe-sa", "two-rubrics", "north-shire", "batch"])
def test_json_goldens_follow_the_report_schema(case: str) -> None:
    validator = Draft202012Validator(
        load_schema("report"), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    data = json.loads((REPO / "tests" / "golden" / "json" / f"{case}.json").read_text(encoding="utf-8"))
    for report in data if isinstance(data, list) else [data]:
        errors = [error.message for error in validator.iter_errors(report)]
        assert errors == [], report.get("input")


def test_every_format_says_which_rubric_and_shows_the_tier() -> None:
    golden = REPO / "tests" / "golden"
    for path in (golden / fmt for fmt in ("rich", "markdown", "html", "github", "junit", "sarif", "csv")):
        text = next(path.glob("two-rubrics.*")).read_text(encoding="utf-8")
        assert "strategic-authority-2026" in text, path
        assert "ifg-2015" in text, path
        assert "mayoral" in text and "foundation" in text, path
        assert "does not apply" in text or "not-applicable" in text or "notApplicable" in text, path
    for fmt, suffix in (("rich", "txt"), ("markdown", "md"), ("html", "html"), ("github", "txt")):
        text = (golden / fmt / f"tamsworth-vale-sa.{suffix}").read_text(encoding="utf-8")
        assert "Secretary of State" in text, fmt
        assert "mayor-18-months" in text, fmt


def _explained() -> list[str]:
    from devocheck.rubric.model import load_rubric

    rubric = load_rubric("strategic-authority-2026")
    return [
        *(c.id for c in rubric.criteria),
        *(t.id for t in rubric.tiers),
        *(r.id for r in rubric.requirements),
    ]


@pytest.mark.parametrize("name", _explained())
def test_explain_has_a_page_for_every_criterion_tier_and_requirement(cli: Runner, name: str) -> None:
    result = cli("explain", name, "--rubric", "strategic-authority-2026")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"{name}: ")


def test_explain_points_at_the_rubric_that_has_the_criterion(cli: Runner) -> None:
    result = cli("explain", "geography.scale")
    assert result.exit_code == 2
    assert "it is in strategic-authority-2026: add --rubric strategic-authority-2026" in result.stderr
    listed = cli("explain", "--rubric", "strategic-authority-2026").stdout
    assert "Tiers, lowest first" in listed and "mayor-18-months" in listed


def test_rubric_show_draws_the_tiers_and_where_the_rubric_applies(cli: Runner) -> None:
    shown = " ".join(cli("rubric", "show", "strategic-authority-2026", "--help").stdout.split())
    assert "tiers" in shown
    flat = " ".join(cli("rubric", "show", "strategic-authority-2026").stdout.replace("│", " ").split())
    assert "applies: The strategic-authority framework is England's" in flat
    assert "mayor-18-months (policy): A mayor has been in post for 18 months or more." in flat
    assert "Secretary of State's decision" in flat
