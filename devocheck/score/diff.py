"""Change over time: what moved between two assessments of a place, and why.

Works on the canonical JSON form of a report (``report_version`` 1), so a report saved by
``assess --format json`` months ago compares with one made now; a ``Report`` is turned
into that form first. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from devocheck.render._text import strip_control
from devocheck.render.json import REPORT_VERSION, report_to_dict
from devocheck.score.report import Report

#: Score differences smaller than this are arithmetic noise, not change.
_EPSILON = 1e-9


@dataclass(frozen=True, slots=True)
class CriterionChange:
    """A criterion whose level moved, with the facts that set each level."""

    criterion: str
    title: str
    old_level: int
    new_level: int
    max_level: int
    old_facts: str
    new_facts: str
    gate: bool

    @property
    def dropped(self) -> bool:
        return self.new_level < self.old_level


@dataclass(frozen=True, slots=True)
class ReportDiff:
    """Two assessments of one place side by side: score, band and every criterion that moved."""

    locality: str
    old_input: str
    new_input: str
    old_score: float
    new_score: float
    old_band: str
    new_band: str
    changes: tuple[CriterionChange, ...]
    """In rubric order (the new report's)."""
    added: tuple[str, ...]
    """Criteria only the new report has (the rubric changed)."""
    removed: tuple[str, ...]
    notes: tuple[str, ...]
    """Why the two may not compare like for like (another rubric or place)."""

    @property
    def score_change(self) -> float:
        return self.new_score - self.old_score

    @property
    def regressed(self) -> bool:
        """The score fell or any criterion dropped a level."""
        return self.score_change < -_EPSILON or any(change.dropped for change in self.changes)

    @property
    def unchanged(self) -> bool:
        return abs(self.score_change) <= _EPSILON and not (self.changes or self.added or self.removed)


def as_report_dict(report: Report | Mapping[str, Any], name: str = "report") -> Mapping[str, Any]:
    """The JSON form of ``report``; ``ValueError`` if a mapping is not a valid report_version 1 report."""
    if isinstance(report, Report):
        return report_to_dict(report)
    if report.get("report_version") != REPORT_VERSION:
        raise ValueError(f"{name} is not a devocheck report (report_version {REPORT_VERSION})")
    if not report.get("valid", False):
        raise ValueError(f"{name} is the report of a file that could not be assessed")
    for field in ("score", "band", "criteria", "locality", "input"):
        if field not in report:
            raise ValueError(f"{name} has no '{field}'")
    return report


def diff_reports(old: Report | Mapping[str, Any], new: Report | Mapping[str, Any]) -> ReportDiff:
    """What changed from ``old`` to ``new``; ``ValueError`` if either is not a report."""
    before, after = as_report_dict(old, "the old report"), as_report_dict(new, "the new report")
    old_criteria = {c["id"]: c for c in before["criteria"]}
    new_criteria = {c["id"]: c for c in after["criteria"]}
    changes = tuple(
        CriterionChange(
            criterion=key,
            title=now["title"],
            old_level=old_criteria[key]["level"],
            new_level=now["level"],
            max_level=now["max_level"],
            old_facts=old_criteria[key]["facts"],
            new_facts=now["facts"],
            gate=bool(now["gate"]),
        )
        for key, now in new_criteria.items()
        if key in old_criteria and old_criteria[key]["level"] != now["level"]
    )
    return ReportDiff(
        locality=after["locality"]["id"],
        old_input=before["input"],
        new_input=after["input"],
        old_score=float(before["score"]),
        new_score=float(after["score"]),
        old_band=before["band"],
        new_band=after["band"],
        changes=changes,
        added=tuple(key for key in new_criteria if key not in old_criteria),
        removed=tuple(key for key in old_criteria if key not in new_criteria),
        notes=tuple(_notes(before, after)),
    )


def _notes(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    notes = []
    if before["locality"]["id"] != after["locality"]["id"]:
        notes.append(f"different localities: {before['locality']['id']} and {after['locality']['id']}")
    old_rubric, new_rubric = before.get("rubric", {}), after.get("rubric", {})
    if (old_rubric.get("id"), old_rubric.get("version")) != (new_rubric.get("id"), new_rubric.get("version")):
        notes.append(
            f"different rubrics: {old_rubric.get('id')} v{old_rubric.get('version')} "
            f"and {new_rubric.get('id')} v{new_rubric.get('version')}"
        )
    return notes


def diff_text(diff: ReportDiff) -> str:
    """The change in words, one criterion per paragraph: for terminals and CI logs."""
    sign = "+" if diff.score_change >= 0 else ""
    band = diff.new_band if diff.old_band == diff.new_band else f"{diff.old_band} -> {diff.new_band}"
    lines = [
        f"{diff.locality}: score {diff.old_score:.1f} -> {diff.new_score:.1f} "
        f"({sign}{diff.score_change:.1f}), band {band}",
    ]
    lines.extend(f"  note: {note}" for note in diff.notes)
    if diff.unchanged:
        lines.append("  no criterion moved")
    for change in diff.changes:
        word = "dropped" if change.dropped else "rose"
        gate = " (gate)" if change.gate else ""
        lines.append(
            f"  {'▼' if change.dropped else '▲'} {change.criterion}{gate} {word} "
            f"{change.old_level} -> {change.new_level} of {change.max_level}: {change.title}"
        )
        lines.append(f"      was: {change.old_facts}")
        lines.append(f"      now: {change.new_facts}")
    lines.extend(f"  + {key}: new criterion" for key in diff.added)
    lines.extend(f"  - {key}: no longer assessed" for key in diff.removed)
    return strip_control("\n".join(lines)) + "\n"


def diff_to_dict(diff: ReportDiff) -> dict[str, Any]:
    """The change as JSON, for machines."""
    return {
        "locality": diff.locality,
        "old": {"input": diff.old_input, "score": diff.old_score, "band": diff.old_band},
        "new": {"input": diff.new_input, "score": diff.new_score, "band": diff.new_band},
        "score_change": diff.score_change,
        "regressed": diff.regressed,
        "criteria": [
            {
                "id": change.criterion,
                "title": change.title,
                "gate": change.gate,
                "direction": "down" if change.dropped else "up",
                "old_level": change.old_level,
                "new_level": change.new_level,
                "max_level": change.max_level,
                "old_facts": change.old_facts,
                "new_facts": change.new_facts,
            }
            for change in diff.changes
        ],
        "added": list(diff.added),
        "removed": list(diff.removed),
        "notes": list(diff.notes),
    }


__all__ = ["CriterionChange", "ReportDiff", "as_report_dict", "diff_reports", "diff_text", "diff_to_dict"]
