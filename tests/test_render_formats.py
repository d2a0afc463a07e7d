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
from devocheck.render import render
from devocheck.score.report import FileResult, Report
from tests.conftest import EXAMPLES, SHARED

SVG = "{http://www.w3.org/2000/svg}"
SARIF_SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def batch() -> list[FileResult]:
    files = [
        EXAMPLES / "north-shire.yaml",
        EXAMPLES / "fenwold.yaml",
        Path(__file__).parent / "golden" / "inputs" / "invalid.yaml",
    ]
    return [outcome(path) for path in files]


def reports(outcomes: list[FileResult]) -> list[Report]:
    return [item for item in outcomes if isinstance(item, Report)]


def test_html_parses_cleanly_with_one_radar_axis_per_theme(batch: list[FileResult]) -> None:
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    tree = parser.parse(render(batch, "html"))
    radars = tree.findall(f".//{SVG}svg[@class='radar']")
    assert len(radars) == len(reports(batch))
    for radar, report in zip(radars, reports(batch), strict=True):
        assert len(radar.findall(f"{SVG}line[@class='axis']")) == len(report.themes)
        assert radar.find(f"{SVG}title") is not None and radar.find(f"{SVG}desc") is not None
        assert radar.get("role") == "img"
        labels = [label.text for label in radar.findall(f"{SVG}text[@class='label']")]
        assert [label.split(":")[0] for label in labels] == [str(n) for n in range(1, len(report.themes) + 1)]
        description = "".join(radar.find(f"{SVG}desc").itertext())
        assert all(theme.title in description for theme in report.themes)


def test_html_makes_no_external_request(batch: list[FileResult]) -> None:
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


def test_sarif_validates_against_the_official_schema(batch: list[FileResult]) -> None:
    log = json.loads(render(batch, "sarif"))
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    errors = sorted(Draft7Validator(schema).iter_errors(log), key=str)
    assert errors == [], errors[0].message if errors else ""


def test_sarif_results_rules_and_fingerprints(batch: list[FileResult]) -> None:
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
    # a failed gate fails nothing by itself (only --fail-on-gate does, as a threshold): a warning
    assert [levels[gate] for gate in fenwold.gate_failures] == ["warning"] * len(fenwold.gate_failures)
    assert all(r["level"] != "error" for r in criterion_results)
    again = json.loads(render(batch, "sarif"))["runs"][0]["results"]
    assert [r["partialFingerprints"] for r in again] == [r["partialFingerprints"] for r in run["results"]]
    fingerprints = [json.dumps(r["partialFingerprints"]) for r in criterion_results]
    assert len(set(fingerprints)) == len(fingerprints)


def test_sarif_fingerprint_ignores_where_and_how_badly(batch: list[FileResult]) -> None:
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


def test_junit_has_a_passing_testcase_per_criterion_and_an_error_per_invalid_file(
    batch: list[FileResult],
) -> None:
    """Without a verdict (no thresholds), criteria below their top fail nothing: no failure."""
    root = ET.fromstring(render(batch, "junit"))
    suites = root.findall("testsuite")
    assert len(suites) == len(batch)
    for suite, item in zip(suites, batch, strict=True):
        cases = suite.findall("testcase")
        if isinstance(item, Report):
            assert len(cases) == len(item.criteria) == int(suite.get("tests", "-1"))
            assert suite.findall("testcase/failure") == [] and suite.get("failures") == "0"
            below = [c for c in item.criteria if c.level < c.max_level]
            notes = [case.findtext("system-out", "") for case in cases]
            assert sum(note.startswith("level ") and " of " in note for note in notes) == len(item.criteria)
            assert sum(f"level {c.level} of {c.max_level}" in "".join(notes) for c in below) == len(below)
            assert len(suite.findall("testcase/skipped")) == sum(c.waiver is not None for c in item.criteria)
        else:
            assert len(cases) == 1 and len(suite.findall("testcase/error")) == 1
    assert int(root.get("tests", "-1")) == sum(int(s.get("tests", "0")) for s in suites)


def test_csv_has_one_row_per_file_and_a_column_per_theme(batch: list[FileResult]) -> None:
    rows = list(csv.DictReader(io.StringIO(render(batch, "csv"))))
    assert [row["file"] for row in rows] == [item.input for item in batch]
    for row, item in zip(rows, batch, strict=True):
        if isinstance(item, Report):
            assert row["id"] == item.locality.id and row["score"] == item.score_display and row["error"] == ""
            assert all(row[theme.id] for theme in item.themes if theme.score is not None)
        else:
            assert row["score"] == "" and row["error"].startswith(item.input)


def test_the_typed_tables_list_every_format_and_every_optional_hook() -> None:
    """tests/typing/renderers.py is what mypy checks against the Protocols: it must be complete."""
    from devocheck.render import Piecewise, Streaming, format_names, renderer
    from tests.typing.renderers import FORMATS, PIECEWISE, STREAMING

    names = format_names()
    assert sorted(FORMATS) == names
    assert sorted(STREAMING) == [name for name in names if isinstance(renderer(name), Streaming)]
    assert sorted(PIECEWISE) == [name for name in names if isinstance(renderer(name), Piecewise)]
    assert all(isinstance(renderer(name), Streaming) for name in PIECEWISE), "a piece is part of a stream"
