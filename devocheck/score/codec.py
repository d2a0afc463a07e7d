"""The canonical dict form of a report (``report_version`` 2), and back.

What the ``json`` format prints, what ``diff`` compares and what a baseline file holds: kept
in the score stage so that diffs and baselines never depend on a renderer. Field order is
explicit and nothing depends on the clock or on the input's dict order, so the same file,
rubric and date always give the same dict. The shape is documented by
``devocheck/schemas/report.schema.json``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from devocheck.model import Diagnostic, Position
from devocheck.score.report import FileResult, NotAssessed, Report, cut

if TYPE_CHECKING:
    from devocheck.score.report import CriterionResult, Improvement, Robustness, ThemeResult, Waiver

REPORT_VERSION = 2
#: Saved reports of these versions can be compared (version 2 changed the file's envelope only).
READABLE_VERSIONS = (1, REPORT_VERSION)


def result_to_dict(result: FileResult) -> dict[str, Any]:
    """A report, or the diagnostics of a file that could not be assessed, as a dict."""
    return not_assessed_to_dict(result) if isinstance(result, NotAssessed) else report_to_dict(result)


def _at(position: Position) -> dict[str, int]:
    return {"line": position.line, "column": position.column}


def diagnostic_to_dict(diagnostic: Diagnostic) -> dict[str, Any]:
    """One problem as the JSON report and ``validate --format json`` both write it (line and
    column null for a problem with the file as a whole)."""
    return {
        "file": diagnostic.file,
        **({"line": None, "column": None} if diagnostic.whole_file else _at(diagnostic.position)),
        "path": diagnostic.pointer,
        "message": diagnostic.message,
        "code": diagnostic.code,
        "severity": diagnostic.severity,
    }


def not_assessed_to_dict(result: NotAssessed) -> dict[str, Any]:
    """A file that could not be assessed, and why."""
    return {
        "report_version": REPORT_VERSION,
        "input": result.input,
        "valid": False,
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
            "constituents": [{"code": code, "name": name} for code, name in report.locality.constituents],
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
                "core": row.core,
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
        "score_display": None if theme.score is None else cut(theme.score),
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


def as_report_dict(report: Report | Mapping[str, Any], name: str = "report") -> Mapping[str, Any]:
    """The JSON form of ``report``; ``ValueError`` if a mapping is not one locality's report.

    A mapping is one entry of a saved report (``report_version`` 1 or 2).
    """
    if isinstance(report, Report):
        return report_to_dict(report)
    if report.get("report_version") not in READABLE_VERSIONS:
        versions = " or ".join(str(v) for v in READABLE_VERSIONS)
        raise ValueError(f"{name} is not a devocheck report (report_version {versions})")
    if not report.get("valid", False):
        raise ValueError(f"{name} is the report of a file that could not be assessed")
    for field in ("score", "band", "criteria", "locality", "input"):
        if field not in report:
            raise ValueError(f"{name} has no '{field}'")
    return report
