"""The ``sarif`` format: SARIF 2.1.0 for code-scanning tools (GitHub, GitLab, IDE viewers).

One run. The rubric's criteria are the rules; each criterion below its max is a result at
the YAML position of the section it reads (line 1 when the section is missing), with the
facts it read as related locations. Levels: ``error`` for a failed gate, ``warning`` below
half marks, ``note`` otherwise; a criterion waived by the file is reported as suppressed.
Files that could not be assessed give one result per validation problem.

``partialFingerprints["devocheck/v1"]`` hashes what identifies a finding, not where it is
written or how bad it is (rubric, criterion and locality; for file problems the code and the
JSON pointer), so a finding keeps its identity as a file is edited and its level moves.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from functools import cache
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from devocheck import __version__
from devocheck.model import Diagnostic, Position, ValidationResult
from devocheck.render import Outcome, RenderOptions
from devocheck.render._escape import one_line
from devocheck.render._text import strip_control
from devocheck.render._words import status_label
from devocheck.rubric.catalog import list_builtin_rubrics
from devocheck.rubric.model import Criterion, load_rubric
from devocheck.score.report import CriterionResult, Report, RubricInfo

DESCRIPTION = "SARIF 2.1.0 for code-scanning tools (rules = rubric criteria)"
EXTENSION = ".sarif"

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
#: Criteria are documented at ``<DOCS_URI>#<criterion id>``.
DOCS_URI = "https://devocheck.dev/docs/criteria"
FINGERPRINT = "devocheck/v1"


def render(outcomes: Sequence[Outcome], options: RenderOptions) -> str:
    reports = [outcome for outcome in outcomes if isinstance(outcome, Report)]
    rules = _Rules()
    for report in reports:
        rules.add_criteria(report)
    results = [result for outcome in outcomes for result in _results(outcome, rules)]
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "devocheck",
                        "version": reports[0].tool_version if reports else __version__,
                        "informationUri": "https://devocheck.dev",
                        "rules": rules.descriptors,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(_inert(log), indent=2, ensure_ascii=False) + "\n"


def _inert(value: Any) -> Any:
    """``value`` with control sequences stripped from every string, ids and paths included."""
    if isinstance(value, str):
        return strip_control(value)
    if isinstance(value, list):
        return [_inert(item) for item in value]
    if isinstance(value, dict):
        return {key: _inert(item) for key, item in value.items()}
    return value


class _Rules:
    """The run's rule descriptors, in first-seen order, and each one's index."""

    def __init__(self) -> None:
        self.descriptors: list[dict[str, Any]] = []
        self.index: dict[str, int] = {}

    def _add(self, rule_id: str, descriptor: dict[str, Any]) -> int:
        if rule_id not in self.index:
            self.index[rule_id] = len(self.descriptors)
            self.descriptors.append({"id": rule_id, **descriptor})
        return self.index[rule_id]

    def add_criteria(self, report: Report) -> None:
        known = _builtin_criteria(report.rubric)
        remediation = {step.criterion: step.remediation for step in report.plan}
        for result in report.criteria:
            criterion = known.get(result.criterion)
            full = result.rationale + (f" ({criterion.cites})" if criterion and criterion.cites else "")
            help_text = criterion.remediation if criterion else remediation.get(result.criterion, full)
            self._add(
                result.criterion,
                {
                    "name": _pascal(result.criterion),
                    "shortDescription": {"text": one_line(result.title)},
                    "fullDescription": {"text": one_line(full)},
                    "help": {"text": one_line(help_text)},
                    "helpUri": f"{DOCS_URI}#{quote(result.criterion)}",
                    "defaultConfiguration": {"level": "error" if result.gate else "warning"},
                    "properties": {
                        "tags": [result.theme, *(["gate"] if result.gate else [])],
                        "rubric": f"{report.rubric.id} v{report.rubric.version}",
                        "maxLevel": result.max_level,
                    },
                },
            )

    def add_diagnostic(self, code: str) -> int:
        return self._add(
            code,
            {
                "name": _pascal(code),
                "shortDescription": {"text": f"Locality file problem: {code}"},
                "helpUri": "https://devocheck.dev/docs/locality-format",
                "defaultConfiguration": {"level": "error"},
            },
        )


@cache
def _builtin_criteria(rubric: RubricInfo) -> Mapping[str, Criterion]:
    """The rubric's own records when it is a built-in of the same version (for citations and help).

    A report scored with a rubric file elsewhere still gets full rules from the report itself.
    """
    if rubric.id not in list_builtin_rubrics():
        return {}
    loaded = load_rubric(rubric.id)
    return {c.id: c for c in loaded.criteria} if loaded.version == rubric.version else {}


def _pascal(identifier: str) -> str:
    """``goals.shared-outcomes`` -> ``GoalsSharedOutcomes`` (SARIF's readable rule name)."""
    words = identifier.replace(".", " ").replace("-", " ").replace("_", " ").split()
    return "".join(word[:1].upper() + word[1:] for word in words)


def _uri(name: str) -> str:
    """The file as a URI reference: relative paths stay relative, with forward slashes."""
    windows = PureWindowsPath(name)
    if windows.drive or name.startswith("/"):
        return (windows if windows.drive else PurePosixPath(name)).as_uri()
    return quote(name.replace("\\", "/"))


def _location(file: str, position: Position, message: str | None = None) -> dict[str, Any]:
    location: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": {"uri": _uri(file)},
            "region": {"startLine": position.line, "startColumn": position.column},
        }
    }
    if message is not None:
        location["message"] = {"text": one_line(message)}
    return location


def _fingerprint(*parts: str) -> dict[str, str]:
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return {FINGERPRINT: digest[:32]}


def _level(report: Report, result: CriterionResult) -> str:
    if result.criterion in report.gate_failures:
        return "error"
    return "warning" if result.score < 0.5 else "note"


def _results(outcome: Outcome, rules: _Rules) -> Iterator[dict[str, Any]]:
    if isinstance(outcome, ValidationResult):
        for diagnostic in outcome.diagnostics:
            yield _diagnostic_result(diagnostic, rules)
        return
    report = outcome
    steps = {step.criterion: step for step in report.plan}
    for result in report.criteria:
        if result.level >= result.max_level:
            continue
        step = steps.get(result.criterion)
        advice = f" Next: {step.description}" if step else ""
        sarif: dict[str, Any] = {
            "ruleId": result.criterion,
            "ruleIndex": rules.index[result.criterion],
            "level": _level(report, result),
            "message": {
                "text": one_line(
                    f"{report.locality.name}: {result.title}: level {result.level} of {result.max_level}"
                    f" ({status_label(result.status)}); {result.facts}.{advice}"
                )
            },
            "locations": [_location(report.input, result.position)],
            "partialFingerprints": _fingerprint(report.rubric.id, result.criterion, report.locality.id),
            "properties": {"level": result.level, "maxLevel": result.max_level, "status": result.status},
        }
        if result.evidence:
            sarif["relatedLocations"] = [
                {"id": number, **_location(report.input, evidence.position, f"evidence: {evidence.pointer}")}
                for number, evidence in enumerate(result.evidence, 1)
            ]
        if result.waiver is not None:
            sarif["suppressions"] = [{"kind": "inSource", "justification": one_line(result.waiver.reason)}]
        yield sarif
    for warning in report.warnings:
        yield _diagnostic_result(warning, rules)


def _diagnostic_result(diagnostic: Diagnostic, rules: _Rules) -> dict[str, Any]:
    return {
        "ruleId": diagnostic.code,
        "ruleIndex": rules.add_diagnostic(diagnostic.code),
        "level": "error" if diagnostic.severity == "error" else "warning",
        "message": {"text": one_line(diagnostic.message)},
        "locations": [_location(diagnostic.file, diagnostic.position)],
        "partialFingerprints": _fingerprint(diagnostic.file, diagnostic.code, diagnostic.pointer),
    }
