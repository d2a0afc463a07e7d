"""The shared example scores 72.9 (maturing), and the JSON report is stable and schema-valid."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from devocheck.model import Diagnostic, Position
from devocheck.pipeline import assess
from devocheck.render import render
from devocheck.schemas import load_schema
from devocheck.score.codec import report_to_dict
from devocheck.score.report import NotAssessed
from tests.conftest import SHARED

EXAMPLE = SHARED / "spec" / "example-locality.yaml"


def validator() -> Draft202012Validator:
    return Draft202012Validator(load_schema("report"), format_checker=Draft202012Validator.FORMAT_CHECKER)


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


def test_json_report_is_deterministic_and_matches_its_schema() -> None:
    first, second = render([assess(EXAMPLE)], "json"), render([assess(EXAMPLE)], "json")
    assert first == second
    document = json.loads(first)
    validator().validate(document)
    assert (document["report_version"], document["verdict"]) == (2, None)
    (data,) = document["reports"]
    assert (data["report_version"], data["score_display"], data["band"]) == (2, "72.9", "maturing")
    assert list(data)[:3] == ["report_version", "tool", "rubric"]
    assert report_to_dict(assess(EXAMPLE)) == data


def test_one_shape_whatever_the_count_and_invalid_files_as_diagnostics() -> None:
    invalid = NotAssessed(
        "bad.yaml",
        (Diagnostic("bad.yaml", Position(3, 5), "schema.unknown-key", "unknown key 'x'", ("locality", "x")),),
    )
    shapes = []
    for outcomes in ([], [invalid], [assess(EXAMPLE), invalid]):
        document = json.loads(render(outcomes, "json"))
        validator().validate(document)
        shapes.append(sorted(document))
        assert len(document["reports"]) == len(outcomes)
    assert shapes == [["report_version", "reports", "tool", "verdict"]] * 3
    data = document["reports"]
    assert data[1] == {
        "report_version": 2,
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
