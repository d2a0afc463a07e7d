"""The shared example scores 72.9 (maturing), and the JSON report is stable and schema-valid."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from devocheck.model import Diagnostic, Position, ValidationResult
from devocheck.pipeline import assess, report_to_dict
from devocheck.render import render
from devocheck.schemas import load_schema

EXAMPLE = Path(__file__).resolve().parents[2] / "shared" / "spec" / "example-locality.yaml"
needs_example = pytest.mark.skipif(
    not EXAMPLE.is_file(), reason=f"shared spec example not found at {EXAMPLE}"
)


def validator() -> Draft202012Validator:
    return Draft202012Validator(load_schema("report"), format_checker=Draft202012Validator.FORMAT_CHECKER)


@needs_example
def test_example_scores_72_9_maturing_on_its_own_date() -> None:
    report = assess(EXAMPLE)
    assert report.assessment_date.isoformat() == "2026-11-01"
    assert (report.score_display, report.band, report.gate_failures) == ("72.9", "maturing", ())
    assert report.score == pytest.approx(1312.5 / 18)
    assert [w.criterion for w in report.waivers if w.in_force] == ["co-location.coverage"]
    police = next(row for row in report.footprints if row.partner == "ns-police")
    assert (police.footprint_class, police.extra) == ("larger", ("E08000904",))
    coterminosity = next(r for r in report.criteria if r.criterion == "geography.coterminosity")
    assert "ns-police" in coterminosity.facts
    assert coterminosity.evidence[0].position == Position(22, 6)


@needs_example
def test_json_report_is_deterministic_and_matches_its_schema() -> None:
    first, second = render([assess(EXAMPLE)], "json"), render([assess(EXAMPLE)], "json")
    assert first == second
    data = json.loads(first)
    validator().validate(data)
    assert (data["report_version"], data["score_display"], data["band"]) == (1, "72.9", "maturing")
    assert list(data)[:3] == ["report_version", "tool", "rubric"]
    assert report_to_dict(assess(EXAMPLE)) == data


@needs_example
def test_several_outcomes_render_as_a_list_and_invalid_files_as_diagnostics() -> None:
    invalid = ValidationResult(
        "bad.yaml",
        (Diagnostic("bad.yaml", Position(3, 5), "schema.unknown-key", "unknown key 'x'", ("locality", "x")),),
    )
    data = json.loads(render([assess(EXAMPLE), invalid], "json"))
    assert isinstance(data, list)
    for item in data:
        validator().validate(item)
    assert data[1] == {
        "report_version": 1,
        "input": "bad.yaml",
        "valid": False,
        "diagnostics": [
            {
                "file": "bad.yaml",
                "line": 3,
                "column": 5,
                "path": "/locality/x",
                "message": "unknown key 'x'",
                "code": "schema.unknown-key",
                "severity": "error",
            }
        ],
    }
