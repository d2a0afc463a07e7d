"""The ``junit`` format: JUnit XML so CI dashboards list the criteria as tests.

One ``testsuite`` per locality and one ``testcase`` per criterion: a ``failure`` when it is
below its max (the rationale as the message, the facts and next step as the body), ``skipped``
when waived. A file that could not be assessed is a suite with one errored testcase. Times
are ``0``: the assessment is not timed, and output stays byte-identical across runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.etree import ElementTree as ET

from devocheck.model import ValidationResult
from devocheck.render import Outcome, RenderOptions
from devocheck.render._escape import one_line
from devocheck.render._text import plural
from devocheck.render._words import next_steps, status_label
from devocheck.score.report import Report

DESCRIPTION = "JUnit XML: one testsuite per locality, one testcase per criterion"
EXTENSION = ".xml"


def render(outcomes: Sequence[Outcome], options: RenderOptions) -> str:
    root = ET.Element("testsuites", name="devocheck")
    suites = [
        _invalid(outcome) if isinstance(outcome, ValidationResult) else _report(outcome)
        for outcome in outcomes
    ]
    for counter in ("tests", "failures", "errors", "skipped"):
        root.set(counter, str(sum(int(suite.get(counter, "0")) for suite in suites)))
    root.set("time", "0")
    root.extend(suites)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _suite(name: str, tests: int, failures: int, errors: int, skipped: int) -> ET.Element:
    return ET.Element(
        "testsuite",
        name=one_line(name),
        tests=str(tests),
        failures=str(failures),
        errors=str(errors),
        skipped=str(skipped),
        time="0",
    )


def _report(report: Report) -> ET.Element:
    criteria = report.criteria
    waived = [r for r in criteria if r.waiver is not None]
    failed = [r for r in criteria if r.waiver is None and r.level < r.max_level]
    suite = _suite(f"{report.locality.id} ({report.input})", len(criteria), len(failed), 0, len(waived))
    properties = ET.SubElement(suite, "properties")
    for name, value in (
        ("file", report.input),
        ("locality", report.locality.name),
        ("score", report.score_display),
        ("band", report.band),
        ("evidence_coverage", f"{report.evidence_coverage:.3f}"),
        ("rubric", f"{report.rubric.id} v{report.rubric.version}"),
        ("assessment_date", report.assessment_date.isoformat()),
    ):
        ET.SubElement(properties, "property", name=name, value=one_line(value))
    steps = next_steps(report)
    for result in criteria:
        case = ET.SubElement(
            suite,
            "testcase",
            name=one_line(f"{result.criterion}: {result.title}"),
            classname=one_line(f"{report.locality.id}.{result.theme}"),
            file=one_line(report.input),
            line=str(result.position.line),
            time="0",
        )
        if result.waiver is not None:
            ET.SubElement(case, "skipped", message=one_line(f"waived: {result.waiver.reason}"))
        elif result.level < result.max_level:
            failure = ET.SubElement(
                case, "failure", message=one_line(result.rationale), type=one_line(result.status)
            )
            step = steps.get(result.criterion)
            lines = [
                f"level {result.level} of {result.max_level} ({status_label(result.status)}"
                f"{', gate' if result.gate else ''}): {result.facts}",
                *([f"next: {step.description}", f"how: {step.remediation}"] if step else []),
                f"at {report.input}:{result.position.line}:{result.position.column}",
            ]
            failure.text = "\n".join(one_line(line) for line in lines)
    return suite


def _invalid(result: ValidationResult) -> ET.Element:
    suite = _suite(result.source_name, 1, 0, 1, 0)
    case = ET.SubElement(
        suite,
        "testcase",
        name="valid locality file",
        classname="devocheck.validate",
        file=one_line(result.source_name),
        time="0",
    )
    errors = [d for d in result.diagnostics if d.severity == "error"]
    first = f", first: {errors[0]}" if errors else ""
    error = ET.SubElement(
        case,
        "error",
        message=one_line(f"not assessed: {plural(len(errors), 'problem')}{first}"),
        type="invalid",
    )
    error.text = "\n".join(one_line(str(d)) for d in result.diagnostics)
    return suite
