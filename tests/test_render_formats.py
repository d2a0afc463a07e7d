"""Each format opens cleanly in the tool it is meant for (parsers and official schemas)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import html5lib
import pytest
from jsonschema import Draft7Validator

from devocheck.pipeline import outcome
from devocheck.render import Outcome, render
from devocheck.score.report import Report
from tests.conftest import EXAMPLES, SHARED

SVG = "{http://www.w3.org/2000/svg}"
SARIF_SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def batch() -> list[Outcome]:
    files = [
        EXAMPLES / "north-shire.yaml",
        EXAMPLES / "fenwold.yaml",
        Path(__file__).parent / "golden" / "inputs" / "invalid.yaml",
    ]
    return [outcome(path) for path in files]


def reports(outcomes: list[Outcome]) -> list[Report]:
    return [item for item in outcomes if isinstance(item, Report)]


def test_html_parses_cleanly_with_one_radar_axis_per_theme(batch: list[Outcome]) -> None:
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    tree = parser.parse(render(batch, "html"))
    radars = tree.findall(f".//{SVG}svg[@class='radar']")
    assert len(radars) == len(reports(batch))
    for radar, report in zip(radars, reports(batch), strict=True):
        assert len(radar.findall(f"{SVG}line[@class='axis']")) == len(report.themes)
        assert radar.find(f"{SVG}title") is not None and radar.find(f"{SVG}desc") is not None
        assert radar.get("role") == "img"
        assert {theme.id for theme in report.themes} <= set("".join(radar.itertext()).split())


def test_html_makes_no_external_request(batch: list[Outcome]) -> None:
    text = render(batch, "html")
    tree = html5lib.parse(text, namespaceHTMLElements=False)
    for element in tree.iter():
        for attribute in ("src", "href", "srcset", "data", "poster", "action"):
            value = element.get(attribute)
            if value is not None and not (element.tag == "a" and attribute == "href"):
                assert not re.match(r"\s*(https?:)?//", value), f"<{element.tag} {attribute}={value}>"
    assert tree.findall(".//link") == [] and tree.findall(".//script") == []
    styles = "".join("".join(style.itertext()) for style in tree.iter("style"))
    assert "@import" not in styles and not re.search(r"url\(", styles)


def test_sarif_validates_against_the_official_schema(batch: list[Outcome]) -> None:
    log = json.loads(render(batch, "sarif"))
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"the official SARIF schema is not at {SARIF_SCHEMA} (shared files absent)")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    errors = sorted(Draft7Validator(schema).iter_errors(log), key=str)
    assert errors == [], errors[0].message if errors else ""


def test_sarif_results_rules_and_fingerprints(batch: list[Outcome]) -> None:
    (run,) = json.loads(render(batch, "sarif"))["runs"]
    rules = run["tool"]["driver"]["rules"]
    criteria = [result for report in reports(batch) for result in report.criteria]
    assert {rule["id"] for rule in rules} >= {result.criterion for result in criteria}
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    below = [r for r in criteria if r.level < r.max_level]
    criterion_results = [r for r in run["results"] if r["ruleId"] in {c.criterion for c in criteria}]
    assert len(criterion_results) == len(below)
    fenwold = next(report for report in reports(batch) if report.locality.id == "fenwold")
    levels = {
        r["ruleId"]: r["level"]
        for r in criterion_results
        if "fenwold" in r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    }
    assert [levels[gate] for gate in fenwold.gate_failures] == ["error"] * len(fenwold.gate_failures)
    again = json.loads(render(batch, "sarif"))["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in again] == [r["partialFingerprints"] for r in run["results"]]
    fingerprints = [json.dumps(r["partialFingerprints"]) for r in criterion_results]
    assert len(set(fingerprints)) == len(fingerprints)


def test_sarif_fingerprint_ignores_where_and_how_badly(batch: list[Outcome]) -> None:
    """Editing the file (positions move) or improving a level keeps each finding's identity."""
    import dataclasses

    report = reports(batch)[0]
    shifted = dataclasses.replace(
        report,
        themes=tuple(
            dataclasses.replace(
                theme,
                criteria=tuple(
                    dataclasses.replace(c, position=dataclasses.replace(c.position, line=c.position.line + 7))
                    for c in theme.criteria
                ),
            )
            for theme in report.themes
        ),
    )
    before, after = (json.loads(render([r], "sarif"))["runs"][0]["results"] for r in (report, shifted))
    assert [r["partialFingerprints"] for r in before] == [r["partialFingerprints"] for r in after]
    assert [r["locations"] for r in before] != [r["locations"] for r in after]


def test_junit_has_a_testcase_per_criterion_and_an_error_per_invalid_file(batch: list[Outcome]) -> None:
    root = ET.fromstring(render(batch, "junit"))
    suites = root.findall("testsuite")
    assert len(suites) == len(batch)
    for suite, item in zip(suites, batch, strict=True):
        cases = suite.findall("testcase")
        if isinstance(item, Report):
            assert len(cases) == len(item.criteria) == int(suite.get("tests", "-1"))
            failed = [c for c in item.criteria if c.waiver is None and c.level < c.max_level]
            assert len(suite.findall("testcase/failure")) == len(failed) == int(suite.get("failures", "-1"))
            assert len(suite.findall("testcase/skipped")) == sum(c.waiver is not None for c in item.criteria)
        else:
            assert len(cases) == 1 and len(suite.findall("testcase/error")) == 1
    assert int(root.get("tests", "-1")) == sum(int(s.get("tests", "0")) for s in suites)


def test_csv_has_one_row_per_file_and_a_column_per_theme(batch: list[Outcome]) -> None:
    rows = list(csv.DictReader(io.StringIO(render(batch, "csv"))))
    assert [row["file"] for row in rows] == [
        item.input if isinstance(item, Report) else item.source_name for item in batch
    ]
    for row, item in zip(rows, batch, strict=True):
        if isinstance(item, Report):
            assert row["id"] == item.locality.id and row["score"] == item.score_display and row["error"] == ""
            assert all(row[theme.id] for theme in item.themes if theme.score is not None)
        else:
            assert row["score"] == "" and row["error"].startswith(item.source_name)
