"""The ``sarif`` format: SARIF 2.1.0 for code-scanning tools (GitHub, GitLab, IDE viewers).

One run. The rubric's criteria are the rules; each criterion below its max is a result at
the YAML position of the section it reads (line 1 when the section is missing), with the
facts it read as related locations. Levels: ``warning`` for a failed gate or a criterion below
half marks, ``note`` otherwise; a criterion waived by the file is reported as suppressed.
``error`` is kept for what decides the exit status: files that could not be assessed (one
result per problem) and, from the run's ``Verdict``, each threshold or regression that fails
the run (rules ``devocheck/threshold``, ``devocheck/regression``); a check that missed without
failing the run is a ``warning``. The invocation records the exit status.

Artifact URIs are relative to the repository root (``uriBaseId`` ``%SRCROOT%``, defined in
``originalUriBaseIds`` when the root is known), as code scanning reads them; a file outside
the root keeps an absolute ``file:`` URI. Never ``..``.

``partialFingerprints["devocheck/v1"]`` hashes what identifies a finding, not where in the
file it is written or how bad it is (rubric, criterion, locality and file; for file problems
the code and the JSON pointer), so a finding keeps its identity as a file is edited and its
level moves, and two files holding the same locality id give two alerts, not one.

Output stays within GitHub code scanning's documented upload limits (docs/ci.md): at most
``MAX_RESULTS`` results (the most severe kept), ``MAX_RELATED`` related locations per result,
``MAX_MESSAGE`` characters per message, ``MAX_BYTES`` bytes; what is left out is counted in a
tool notification.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
from collections.abc import Iterator, Sequence
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from devocheck import __version__
from devocheck.model import WHOLE_FILE, Diagnostic, Position
from devocheck.render import Item, RenderOptions
from devocheck.render._escape import one_line
from devocheck.render._labels import status_label
from devocheck.render._paths import repo_relative
from devocheck.render._text import strip_control
from devocheck.render._words import why
from devocheck.score.policy import Check, Verdict
from devocheck.score.report import CriterionResult, FileResult, NotAssessed, Report

EXTENSION = ".sarif"

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
#: Criteria are documented at ``<DOCS_URI>#<criterion id>``.
DOCS_URI = "https://devocheck.dev/docs/criteria"
FINGERPRINT = "devocheck/v1"
ROOT = "%SRCROOT%"
#: GitHub code scanning keeps the top 5,000 results of a run by severity (25,000 accepted).
MAX_RESULTS = 5_000
#: GitHub code scanning keeps 100 locations of a result (1,000 accepted); related ones alike.
MAX_RELATED = 100
#: Message and description text kept under GitHub's 1,024-character cap on rule descriptions.
MAX_MESSAGE = 1_024
#: GitHub code scanning refuses a SARIF upload over 10 MB.
MAX_BYTES = 10_000_000
_SEVERITY = {"error": 0, "warning": 1, "note": 2, "none": 3}


def render(items: Sequence[Item], options: RenderOptions) -> str:
    reports = [item for item in items if isinstance(item, Report)]
    rules = _Rules()
    for report in reports:
        rules.add_criteria(report)
    results = [
        result
        for item in items
        for result in (
            _checks(item, rules, options) if isinstance(item, Verdict) else _results(item, rules, options)
        )
    ]
    results, left_out = fit(results)
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "devocheck",
                "version": reports[0].tool_version if reports else __version__,
                "informationUri": "https://devocheck.dev",
                "rules": rules.descriptors,
            }
        },
    }
    verdict = next((item for item in items if isinstance(item, Verdict)), None)
    if verdict is not None or left_out:
        run["invocations"] = [_invocation(verdict, left_out)]
    if options.root is not None:
        root = PurePosixPath(options.root.replace("\\", "/"))
        run["originalUriBaseIds"] = {ROOT: {"uri": root.as_uri().rstrip("/") + "/"}}
    run["columnKind"] = "unicodeCodePoints"
    run["results"] = results
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(_inert(log), indent=2, ensure_ascii=False) + "\n"


def fit(
    results: list[dict[str, Any]], max_results: int = MAX_RESULTS, max_bytes: int = MAX_BYTES
) -> tuple[list[dict[str, Any]], int]:
    """``results`` within code scanning's limits, and how many were left out.

    Within the limits, nothing changes. Past them, the most severe results are kept (failed
    checks and file problems are errors, so they are never the ones dropped while a note is
    kept), in their order, until ``max_results`` or the byte budget (with room for the rules
    and the envelope: half of ``max_bytes``) is reached.
    """
    sizes = [len(json.dumps(result, ensure_ascii=False).encode("utf-8")) for result in results]
    budget = max_bytes // 2
    if len(results) <= max_results and sum(sizes) <= budget:
        return results, 0
    order = sorted(range(len(results)), key=lambda i: _SEVERITY[results[i]["level"]])
    kept: set[int] = set()
    used = 0
    for index in order:
        if len(kept) == max_results or used + sizes[index] > budget:
            break
        kept.add(index)
        used += sizes[index]
    return [result for i, result in enumerate(results) if i in kept], len(results) - len(kept)


def _invocation(verdict: Verdict | None, left_out: int) -> dict[str, Any]:
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if verdict is not None:
        invocation["exitCode"] = verdict.exit_code
    if left_out:
        invocation["toolExecutionNotifications"] = [
            {
                "level": "warning",
                "message": {
                    "text": f"{left_out} results left out to stay within code scanning's upload limits "
                    f"(at most {MAX_RESULTS:,} results, {MAX_BYTES:,} bytes); the least severe went first"
                },
            }
        ]
    return invocation


def _text(text: str) -> str:
    """One line of at most ``MAX_MESSAGE`` characters (an ellipsis says it was cut)."""
    line = one_line(text)
    return line if len(line) <= MAX_MESSAGE else line[: MAX_MESSAGE - 1] + "…"


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
        for result in report.criteria:
            self._add(
                result.criterion,
                {
                    "name": _pascal(result.criterion),
                    "shortDescription": {"text": _text(result.title)},
                    "fullDescription": {"text": _text(why(result))},
                    "help": {"text": _text(result.remediation)},
                    "helpUri": f"{DOCS_URI}#{quote(result.criterion)}",
                    "defaultConfiguration": {"level": "warning"},
                    "properties": {
                        "tags": [result.theme, *(["gate"] if result.gate else [])],
                        "rubric": f"{report.rubric.id} v{report.rubric.version}",
                        "maxLevel": result.max_level,
                    },
                },
            )

    def add_check(self, kind: str) -> int:
        words = {
            "threshold": "A threshold the run holds every file to (fail-under, min-band, fail-on-gate)",
            "regression": "No locality scores worse than in the baseline, and none vanished from it",
            "baseline": "Localities match the baseline one for one",
            "input": "Each locality appears once in a run",
        }
        return self._add(
            f"devocheck/{kind}",
            {
                "name": _pascal(f"devocheck {kind}"),
                "shortDescription": {"text": words.get(kind, kind)},
                "helpUri": "https://devocheck.dev/docs/ci",
                "defaultConfiguration": {"level": "error"},
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


def _pascal(identifier: str) -> str:
    """``goals.shared-outcomes`` -> ``GoalsSharedOutcomes`` (SARIF's readable rule name)."""
    words = identifier.replace(".", " ").replace("-", " ").replace("_", " ").split()
    return "".join(word[:1].upper() + word[1:] for word in words)


def artifact_location(name: str, options: RenderOptions) -> dict[str, str]:
    """The file relative to the repository root (``uriBaseId`` ``%SRCROOT%``), or, outside it,
    an absolute ``file:`` URI."""
    relative = repo_relative(name, options)
    if relative is not None:
        return {"uri": quote(relative), "uriBaseId": ROOT}
    windows = PureWindowsPath(name)
    if windows.drive:
        return {"uri": windows.as_uri()}
    posix = PurePosixPath(name.replace("\\", "/"))
    if not posix.is_absolute():  # outside the root, relative: anchored at the working directory
        posix = PurePosixPath(options.cwd or "/") / posix
    return {"uri": PurePosixPath(posixpath.normpath(str(posix))).as_uri()}


def _location(
    file: str, position: Position, options: RenderOptions, message: str | None = None
) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": artifact_location(file, options)}
    if position.line > 0:  # not a problem with the file as a whole
        physical["region"] = {"startLine": position.line, "startColumn": position.column}
    location: dict[str, Any] = {"physicalLocation": physical}
    if message is not None:
        location["message"] = {"text": _text(message)}
    return location


def _fingerprint(*parts: str) -> dict[str, str]:
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return {FINGERPRINT: digest[:32]}


def _level(report: Report, result: CriterionResult) -> str:
    """Never ``error``: a criterion decides the exit status only through a threshold."""
    if result.criterion in report.gate_failures or result.score < 0.5:
        return "warning"
    return "note"


def _checks(verdict: Verdict, rules: _Rules, options: RenderOptions) -> Iterator[dict[str, Any]]:
    """Each check that missed: ``error`` when it fails the run, else ``warning``."""
    for check in verdict.checks:
        if not check.passed:
            yield _check_result(check, rules, options)


def _check_result(check: Check, rules: _Rules, options: RenderOptions) -> dict[str, Any]:
    file = repo_relative(check.file, options) or check.file
    return {
        "ruleId": f"devocheck/{check.kind}",
        "ruleIndex": rules.add_check(check.kind),
        "level": "error" if check.fails else "warning",
        "message": {"text": _text(f"{check.locality}: {check.name}: {check.message}")},
        "locations": [_location(check.file, WHOLE_FILE, options)],
        "partialFingerprints": _fingerprint(check.kind, check.name, check.locality, file),
        "properties": {"check": check.name, "enforced": check.enforced},
    }


def _results(outcome: FileResult, rules: _Rules, options: RenderOptions) -> Iterator[dict[str, Any]]:
    if isinstance(outcome, NotAssessed):
        for diagnostic in outcome.diagnostics:
            yield _diagnostic_result(diagnostic, rules, options)
        return
    report = outcome
    file = repo_relative(report.input, options) or report.input
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
                "text": _text(
                    f"{report.locality.name}: {result.title}: level {result.level} of {result.max_level}"
                    f" ({status_label(result.status)}); {result.facts}.{advice}"
                )
            },
            "locations": [_location(report.input, result.position, options)],
            "partialFingerprints": _fingerprint(report.rubric.id, result.criterion, report.locality.id, file),
            "properties": {"level": result.level, "maxLevel": result.max_level, "status": result.status},
        }
        if result.evidence:
            sarif["relatedLocations"] = [
                {
                    "id": number,
                    **_location(report.input, evidence.position, options, f"evidence: {evidence.pointer}"),
                }
                for number, evidence in enumerate(result.evidence[:MAX_RELATED], 1)
            ]
        if result.waiver is not None:
            sarif["suppressions"] = [{"kind": "inSource", "justification": _text(result.waiver.reason)}]
        yield sarif
    for warning in report.warnings:
        yield _diagnostic_result(warning, rules, options)


def _diagnostic_result(diagnostic: Diagnostic, rules: _Rules, options: RenderOptions) -> dict[str, Any]:
    file = repo_relative(diagnostic.file, options) or diagnostic.file
    return {
        "ruleId": diagnostic.code,
        "ruleIndex": rules.add_diagnostic(diagnostic.code),
        "level": "error" if diagnostic.severity == "error" else "warning",
        "message": {"text": _text(diagnostic.message)},
        "locations": [_location(diagnostic.file, diagnostic.position, options)],
        "partialFingerprints": _fingerprint(file, diagnostic.code, diagnostic.pointer),
    }
