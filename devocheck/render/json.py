"""The ``json`` format: the canonical, versioned, machine-readable report.

Field order is explicit and nothing depends on the clock or on dict ordering of the input,
so the same file, rubric and date always give byte-identical output. The shape is
documented by ``devocheck/schemas/report.schema.json`` (``report_version`` 1).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain
from typing import TYPE_CHECKING, Any

from devocheck.model import Diagnostic, Position, ValidationResult
from devocheck.render import Prerendered

if TYPE_CHECKING:
    from devocheck.render import Outcome, RenderOptions
    from devocheck.score.report import CriterionResult, Improvement, Report, Robustness, ThemeResult, Waiver

DESCRIPTION = "Canonical JSON report (report_version 1), described by the report JSON Schema"
EXTENSION = ".json"
REPORT_VERSION = 1


def render(outcomes: Sequence[Outcome], options: RenderOptions) -> str:
    """One object for one outcome, a list for several."""
    return "".join(stream(outcomes, options))


def piece(outcome: Outcome, options: RenderOptions) -> str:
    """One outcome as ``render`` prints it alone (without the final newline)."""
    return json.dumps(_outcome(outcome), indent=2, ensure_ascii=False)


def stream(outcomes: Iterable[Outcome | Prerendered], options: RenderOptions) -> Iterator[str]:
    """The same text as ``render``, one report at a time, so a batch never holds every report.

    One outcome is held back until the next arrives: a single outcome is an object, not a list.
    """
    texts = (item.text if isinstance(item, Prerendered) else piece(item, options) for item in outcomes)
    first = next(texts, None)
    if first is None:
        yield "[]\n"
        return
    second = next(texts, None)
    if second is None:
        yield first + "\n"
        return
    yield "[\n" + _indented(first)
    for text in chain([second], texts):
        yield ",\n" + _indented(text)
    yield "\n]\n"


def _indented(text: str) -> str:
    """An object's text as an element of the list ``render`` prints (indented one level)."""
    return "  " + text.replace("\n", "\n  ")


def _outcome(outcome: Outcome) -> dict[str, Any]:
    return validation_to_dict(outcome) if isinstance(outcome, ValidationResult) else report_to_dict(outcome)


def _at(position: Position) -> dict[str, int]:
    return {"line": position.line, "column": position.column}


def diagnostic_to_dict(diagnostic: Diagnostic) -> dict[str, Any]:
    """One problem as the JSON report and ``validate --format json`` both write it."""
    return {
        "file": diagnostic.file,
        **_at(diagnostic.position),
        "path": diagnostic.pointer,
        "message": diagnostic.message,
        "code": diagnostic.code,
        "severity": diagnostic.severity,
    }


def validation_to_dict(result: ValidationResult) -> dict[str, Any]:
    """A file that could not be assessed, and why."""
    return {
        "report_version": REPORT_VERSION,
        "input": result.source_name,
        "valid": result.ok,
        "diagnostics": [diagnostic_to_dict(d) for d in result.diagnostics],
    }


def report_to_dict(report: Report) -> dict[str, Any]:
    """The canonical JSON form of a report."""
    return {
        "report_version": REPORT_VERSION,
        "tool": {"name": "devocheck", "version": report.tool_version},
        "rubric": {
            "id": report.rubric.id,
            "version": report.rubric.version,
            "title": report.rubric.title,
            "source": report.rubric.source,
        },
        "locality": {
            "id": report.locality.id,
            "name": report.locality.name,
            "kind": report.locality.kind,
            "nation": report.locality.nation,
        },
        "input": report.input,
        "sha256": report.sha256,
        "valid": True,
        "assessment_date": report.assessment_date.isoformat(),
        "score": report.score,
        "score_display": report.score_display,
        "band": report.band,
        "uncapped_band": report.uncapped_band,
        "gate_failures": list(report.gate_failures),
        "cap_reason": report.cap_reason,
        "evidence_coverage": report.evidence_coverage,
        "themes": [_theme(theme) for theme in report.themes],
        "criteria": [_criterion(result) for result in report.criteria],
        "metrics": {
            name: {
                "value": value.value,
                "evidence": value.evidence,
                "note": value.note,
                "pointers": list(value.pointers),
            }
            for name, value in report.metrics.items()
        },
        "waivers": [_waiver(waiver) for waiver in report.waivers],
        "warnings": [diagnostic_to_dict(warning) for warning in report.warnings],
        "plan": [_improvement(step) for step in report.plan],
        "footprints": [
            {
                "partner": row.partner,
                "name": row.name,
                "sector": row.sector,
                "core_footprint": row.core_footprint,
                "class": row.footprint_class,
                "missing": list(row.missing),
                "extra": list(row.extra),
            }
            for row in report.footprints
        ],
        **({} if report.robustness is None else {"robustness": _robustness(report.robustness)}),
    }


def _robustness(block: Robustness) -> dict[str, Any]:
    ranks = block.ranks
    return {
        "draws": block.draws,
        "seed": block.seed,
        "spread": block.spread,
        "one_at_a_time": [
            {"theme": entry.theme, "factor": entry.factor, "score": entry.score, "band": entry.band}
            for entry in block.one_at_a_time
        ],
        "band_stable": block.band_stable,
        "score_p5": block.score_p5,
        "score_median": block.score_median,
        "score_p95": block.score_p95,
        "band_shares": {entry.band: entry.share for entry in block.band_shares},
        **(
            {} if ranks is None else {"rank_median": ranks.median, "rank_p5": ranks.p5, "rank_p95": ranks.p95}
        ),
    }


def _theme(theme: ThemeResult) -> dict[str, Any]:
    return {
        "id": theme.id,
        "title": theme.title,
        "weight": theme.weight,
        "score": theme.score,
        "score_display": None if theme.score is None else f"{theme.score:.1f}",
        "criteria": [result.criterion for result in theme.criteria],
    }


def _criterion(result: CriterionResult) -> dict[str, Any]:
    return {
        "id": result.criterion,
        "theme": result.theme,
        "title": result.title,
        "level": result.level,
        "max_level": result.max_level,
        "score": result.score,
        "status": result.status,
        "gate": result.gate,
        "weight": result.weight,
        "rationale": result.rationale,
        "facts": result.facts,
        **_at(result.position),
        "evidence": [{"pointer": e.pointer, **_at(e.position)} for e in result.evidence],
        "waived": result.waiver is not None,
    }


def _waiver(waiver: Waiver) -> dict[str, Any]:
    return {
        "criterion": waiver.criterion,
        "reason": waiver.reason,
        "expires": None if waiver.expires is None else waiver.expires.isoformat(),
        "in_force": waiver.in_force,
        **_at(waiver.position),
    }


def _improvement(step: Improvement) -> dict[str, Any]:
    return {
        "criterion": step.criterion,
        "title": step.title,
        "from_level": step.from_level,
        "to_level": step.to_level,
        "gain": step.gain,
        "description": step.description,
        "remediation": step.remediation,
    }
