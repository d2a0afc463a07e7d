"""Rubric unit tests: small locality snippets paired with the levels their author expects.

A cases file (YAML) reads::

    assessment_date: "2026-11-01"         # optional: the default date of every case
    cases:
      - name: one outcome written down     # unique; mismatches are reported by it
        assessment_date: "2026-11-01"     # optional, for this case only
        given:                            # a locality file, without the boilerplate
          goals: {outcomes: [{id: a, statement: Fewer families in crisis}]}
        expect:
          levels: {goals.shared-outcomes: 1, goals.prioritisation: 0}
          status: {commissioning.joint: no-evidence}
          score: 4.2                      # optional: as the report shows it, one decimal
          band: not-ready                 # optional: after any gate cap

``given`` gets ``schema_version: 1`` and a ``locality`` named after the case when it has
none, and must then be a valid locality file: its problems are reported at their line in
the cases file. The date of a case is its own, else the file's, else the snippet's
``assessment_date``, else the ``today`` the caller passes. Pure: the caller loads the file.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from devocheck.errors import InputError
from devocheck.load.limits import MAX_PROBLEMS
from devocheck.measure import day
from devocheck.model import Diagnostic, Document, KeyPath, Position, PositionLookup
from devocheck.rubric.model import Rubric
from devocheck.score.report import STATUSES, Report, cut
from devocheck.score.scoring import assessment_day, evaluate
from devocheck.starter import slug
from devocheck.validate.messages import Translator, closest

_DATE = {"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
CASES_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["cases"],
    "additionalProperties": False,
    "patternProperties": {"^x-": {}},
    "properties": {
        "assessment_date": _DATE,
        "cases": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["name", "given", "expect"],
                "additionalProperties": False,
                "patternProperties": {"^x-": {}},
                "properties": {
                    "name": {"type": "string", "pattern": "\\S"},
                    "assessment_date": _DATE,
                    "given": {"type": "object"},
                    "expect": {
                        "type": "object",
                        "minProperties": 1,
                        "additionalProperties": False,
                        "properties": {
                            "levels": {
                                "type": "object",
                                "additionalProperties": {"type": "integer", "minimum": 0},
                            },
                            "status": {"type": "object", "additionalProperties": {"enum": list(STATUSES)}},
                            "score": {"type": "number", "minimum": 0, "maximum": 100},
                            "band": {"type": "string"},
                        },
                    },
                },
            },
        },
    },
}


@dataclass(frozen=True, slots=True)
class Expectation:
    """One expected fact of a case's report, and where the author wrote it."""

    kind: str
    """``level``, ``status``, ``score`` or ``band``."""
    criterion: str | None
    """The criterion a ``level`` or ``status`` is about."""
    value: int | float | str
    position: Position


@dataclass(frozen=True, slots=True)
class Case:
    """A named snippet, the date it is assessed on, and what its author expects."""

    name: str
    document: Document
    assessment_date: date | None
    expectations: tuple[Expectation, ...]


@dataclass(frozen=True, slots=True)
class CaseResult:
    """A case's outcome: no mismatches means it passes."""

    name: str
    mismatches: tuple[Diagnostic, ...]

    @property
    def passed(self) -> bool:
        return not self.mismatches


class _Within(PositionLookup):
    """Positions of a snippet nested at ``prefix`` of the cases file."""

    __slots__ = ("_outer", "_prefix")

    def __init__(self, outer: PositionLookup, prefix: KeyPath) -> None:
        self._outer = outer
        self._prefix = prefix

    def key(self, path: KeyPath) -> Position:
        return self._outer.key((*self._prefix, *path))

    def value(self, path: KeyPath) -> Position:
        return self._outer.value((*self._prefix, *path))

    def text_start(self, path: KeyPath) -> Position:
        return self._outer.text_start((*self._prefix, *path))

    def scalar_text(self, path: KeyPath) -> str | None:
        return self._outer.scalar_text((*self._prefix, *path))


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(CASES_SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)


def builtin_cases(rubric_file: Path) -> Path:
    """Where the cases of a rubric file live by convention: ``cases/<stem>.cases.yaml`` beside it."""
    return rubric_file.parent / "cases" / f"{rubric_file.stem}.cases.yaml"


def load_cases(document: Document, rubric: Rubric) -> tuple[Case, ...]:
    """The cases of a loaded cases file; every problem raises one positioned ``InputError``."""
    problems = Translator(document, "cases.schema").translate(
        _validator().iter_errors(document.data), MAX_PROBLEMS
    )
    if problems:
        raise InputError(problems)
    cases = tuple(
        _case(document, rubric, raw, ("cases", i), problems) for i, raw in enumerate(document.data["cases"])
    )
    seen: dict[str, int] = {}
    for i, case in enumerate(cases):
        if case.name in seen:
            where = ("cases", i, "name")
            message = f"case name '{case.name}' is already used by case {seen[case.name] + 1}"
            problems.append(
                Diagnostic(
                    document.source.name, document.positions.value(where), "cases.duplicate", message, where
                )
            )
        seen.setdefault(case.name, i)
    if problems:
        raise InputError(sorted(problems, key=Diagnostic.sort_key))
    return cases


def _case(
    document: Document, rubric: Rubric, raw: Mapping[str, Any], path: KeyPath, problems: list[Diagnostic]
) -> Case:
    from devocheck.validate.locality import validate_document

    name: str = raw["name"]
    given = dict(raw["given"])
    given.setdefault("schema_version", 1)
    given.setdefault("locality", {"id": slug(name, "case"), "name": name})
    snippet = Document(document.source, given, _Within(document.positions, (*path, "given")))
    result = validate_document(snippet, [criterion.id for criterion in rubric.criteria])
    problems.extend(
        replace(d, message=f"case '{name}': {d.message}") for d in result.diagnostics if d.severity == "error"
    )
    expectations = tuple(_expectations(document, rubric, raw["expect"], (*path, "expect"), problems))
    chosen = raw.get("assessment_date") or document.data.get("assessment_date")
    return Case(name, snippet, day(chosen), expectations)


def _expectations(
    document: Document, rubric: Rubric, raw: Mapping[str, Any], path: KeyPath, problems: list[Diagnostic]
) -> Iterable[Expectation]:
    positions = document.positions
    top = {criterion.id: criterion.max_level for criterion in rubric.criteria}
    for kind, table in (("level", raw.get("levels", {})), ("status", raw.get("status", {}))):
        section = (*path, "levels" if kind == "level" else "status")
        for criterion, value in table.items():
            where = (*section, criterion)
            if criterion not in top:
                problems.append(_unknown(document, where, criterion, top, rubric.id))
            elif kind == "level" and value > top[criterion]:
                message = f"{criterion} has levels 0..{top[criterion]}; {value} cannot be reached"
                problems.append(
                    Diagnostic(document.source.name, positions.value(where), "cases.level", message, where)
                )
            else:
                yield Expectation(kind, criterion, value, positions.value(where))
    if "score" in raw:
        yield Expectation("score", None, raw["score"], positions.value((*path, "score")))
    if "band" in raw:
        bands = [band.name for band in rubric.bands]
        if raw["band"] not in bands:
            where = (*path, "band")
            message = f"'{raw['band']}' is not a band of {rubric.id} (bands: {', '.join(bands)})"
            problems.append(
                Diagnostic(document.source.name, positions.value(where), "cases.band", message, where)
            )
        else:
            yield Expectation("band", None, raw["band"], positions.value((*path, "band")))


def _unknown(
    document: Document, where: KeyPath, criterion: str, known: Collection[str], rubric: str
) -> Diagnostic:
    close = closest(criterion, known)
    hint = f" (did you mean '{close}'?)" if close else ""
    message = f"no criterion '{criterion}' in {rubric}{hint}"
    return Diagnostic(
        document.source.name, document.positions.key(where), "cases.unknown-criterion", message, where
    )


def _actual(report: Report, expectation: Expectation) -> int | float | str:
    if expectation.kind == "score":
        return report.score
    if expectation.kind == "band":
        return report.band
    result = next(r for r in report.criteria if r.criterion == expectation.criterion)
    return result.level if expectation.kind == "level" else result.status


def _matches(expectation: Expectation, actual: int | float | str) -> bool:
    if expectation.kind == "score":
        assert isinstance(actual, float) and not isinstance(expectation.value, str)
        return Decimal(cut(actual)) == Decimal(str(expectation.value))  # as the report shows it
    return actual == expectation.value


def _mismatch(case: Case, report: Report, expectation: Expectation, actual: int | float | str) -> Diagnostic:
    if expectation.kind == "score":
        said = f"score: expected {expectation.value}, got {report.score_display}"
    elif expectation.kind == "band":
        said = f"band: expected {expectation.value}, got {actual}" + (
            f" ({report.cap_reason})" if report.cap_reason else ""
        )
    else:
        result = next(r for r in report.criteria if r.criterion == expectation.criterion)
        expected = f"expected {expectation.kind} {expectation.value}"
        said = f"{expectation.criterion}: {expected}, got {actual} ({result.facts})"
    return Diagnostic(
        case.document.source.name, expectation.position, "case.mismatch", f"case '{case.name}': {said}"
    )


def run_case(case: Case, rubric: Rubric, today: date) -> CaseResult:
    """Score the case's snippet (validated by ``load_cases``) and compare each expectation with it."""
    report = evaluate(case.document, rubric, assessment_day(case.document, case.assessment_date, today))
    mismatches = tuple(
        _mismatch(case, report, expectation, actual)
        for expectation in case.expectations
        if not _matches(expectation, actual := _actual(report, expectation))
    )
    return CaseResult(case.name, mismatches)


def run_cases(cases: Iterable[Case], rubric: Rubric, today: date) -> tuple[CaseResult, ...]:
    """Every case's result, in file order."""
    return tuple(run_case(case, rubric, today) for case in cases)


__all__ = [
    "CASES_SCHEMA",
    "Case",
    "CaseResult",
    "Expectation",
    "builtin_cases",
    "load_cases",
    "run_case",
    "run_cases",
]
