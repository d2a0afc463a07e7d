"""The ``junit`` format: JUnit XML, so CI dashboards list the checks and criteria as tests.

Its failures agree with the exit status: a run that exits 0 has no failing testcase, and one
that exits 1 has a failing testcase naming each threshold or regression that failed it.

One ``testsuite`` per locality. Each threshold the run holds the file to, and the comparison
with a baseline, is a ``testcase`` (class ``<locality>.checks``) that fails when it fails the
run; a check that missed without failing the run (a regression without
``--fail-on-regression``) passes, with the miss in ``system-out``. Each criterion is a
``testcase`` (class ``<locality>.<theme>``) that passes whatever its level, since levels
below the top fail nothing: the level, facts and next step are in its ``system-out``; a
waived criterion is ``skipped``. A file that could not be assessed is a suite with one
errored testcase; checks on localities absent from the run (vanished from the baseline) form
a last suite. Files are named from the repository root. Times are ``0``: the assessment is
not timed, and output stays byte-identical across runs.

Beyond Jenkins xUnit's ``junit-10.xsd``, testcases carry ``file`` and ``line`` and
``testsuites`` carries ``skipped``: extensions GitLab and pytest's readers accept.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.etree import ElementTree as ET

from devocheck.render import Item, RenderOptions, outcomes_of, verdict_of
from devocheck.render._escape import one_line
from devocheck.render._labels import status_label
from devocheck.render._paths import shown_file
from devocheck.render._text import plural
from devocheck.render._words import next_steps
from devocheck.score.policy import Check
from devocheck.score.report import NotAssessed, Report

EXTENSION = ".xml"


def render(items: Sequence[Item], options: RenderOptions) -> str:
    outcomes = outcomes_of(items)
    verdict = verdict_of(items)
    checks: dict[str, list[Check]] = {}
    for check in verdict.checks if verdict else ():
        checks.setdefault(check.file, []).append(check)
    suites = [
        _invalid(outcome, options)
        if isinstance(outcome, NotAssessed)
        else _report(outcome, checks.pop(outcome.input, []), options)
        for outcome in outcomes
    ]
    rest = [check for found in checks.values() for check in found]
    if rest:
        suite = _suite("devocheck: localities in the baseline", None, options)
        suite.extend(_check(check, options) for check in rest)
        suites.append(_count(suite))
    root = ET.Element("testsuites", name="devocheck")
    for counter in ("tests", "failures", "errors", "skipped"):
        root.set(counter, str(sum(int(suite.get(counter, "0")) for suite in suites)))
    root.set("time", "0")
    root.extend(suites)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _suite(name: str, file: str | None, options: RenderOptions) -> ET.Element:
    suite = ET.Element("testsuite", name=one_line(name))
    if file is not None:
        suite.set("file", one_line(shown_file(file, options)))
    return suite


def _count(suite: ET.Element) -> ET.Element:
    """Set the suite's counters from its testcases."""
    cases = suite.findall("testcase")
    for counter, tag in (
        ("tests", None),
        ("failures", "failure"),
        ("errors", "error"),
        ("skipped", "skipped"),
    ):
        suite.set(counter, str(sum(1 for case in cases if tag is None or case.find(tag) is not None)))
    suite.set("time", "0")
    return suite


def _case(name: str, classname: str, file: str, line: int | None, options: RenderOptions) -> ET.Element:
    case = ET.Element("testcase", name=one_line(name), classname=one_line(classname))
    case.set("file", one_line(shown_file(file, options)))
    if line is not None and line > 0:
        case.set("line", str(line))
    case.set("time", "0")
    return case


def _output(case: ET.Element, lines: Sequence[str]) -> None:
    ET.SubElement(case, "system-out").text = "\n".join(one_line(line) for line in lines)


def _check(check: Check, options: RenderOptions) -> ET.Element:
    case = _case(f"{check.kind}: {check.name}", f"{check.locality}.checks", check.file, None, options)
    if check.fails:
        failure = ET.SubElement(case, "failure", message=one_line(check.message), type=check.kind)
        failure.text = one_line(f"{check.locality} ({shown_file(check.file, options)}): {check.message}")
    elif not check.passed:
        _output(case, [f"missed, not enforced: {check.message}"])
    return case


def _report(report: Report, checks: Sequence[Check], options: RenderOptions) -> ET.Element:
    suite = _suite(f"{report.locality.id} ({shown_file(report.input, options)})", report.input, options)
    properties = ET.SubElement(suite, "properties")
    for name, value in (
        ("file", shown_file(report.input, options)),
        ("locality", report.locality.name),
        ("score", report.score_display),
        ("band", report.band),
        ("evidence_coverage", f"{report.evidence_coverage:.3f}"),
        ("rubric", f"{report.rubric.id} v{report.rubric.version}"),
        ("assessment_date", report.assessment_date.isoformat()),
    ):
        ET.SubElement(properties, "property", name=name, value=one_line(value))
    suite.extend(_check(check, options) for check in checks)
    steps = next_steps(report)
    for result in report.criteria:
        case = _case(
            f"{result.criterion}: {result.title}",
            f"{report.locality.id}.{result.theme}",
            report.input,
            result.position.line,
            options,
        )
        if result.waiver is not None:
            ET.SubElement(case, "skipped", message=one_line(f"waived: {result.waiver.reason}"))
        step = steps.get(result.criterion)
        _output(
            case,
            [
                f"level {result.level} of {result.max_level} ({status_label(result.status)}"
                f"{', gate' if result.gate else ''}): {result.facts}",
                *([f"why: {result.rationale}"] if result.level < result.max_level else []),
                *([f"next: {step.description}", f"how: {step.remediation}"] if step else []),
                f"at {shown_file(report.input, options)}:{result.position.line}:{result.position.column}",
            ],
        )
        suite.append(case)
    return _count(suite)


def _invalid(result: NotAssessed, options: RenderOptions) -> ET.Element:
    suite = _suite(shown_file(result.input, options), result.input, options)
    case = _case("valid locality file", "devocheck.validate", result.input, None, options)
    errors = list(result.errors)
    first = f", first: {errors[0]}" if errors else ""
    error = ET.SubElement(
        case,
        "error",
        message=one_line(f"not assessed: {plural(len(errors), 'problem')}{first}"),
        type="invalid",
    )
    error.text = "\n".join(one_line(str(d)) for d in result.diagnostics)
    suite.append(case)
    return _count(suite)
