"""Change over time: what moved between two assessments of a place, and why.

Works on the canonical JSON form of a report (``report_version`` 1, ``devocheck.score.codec``),
so a report saved by ``assess --format json`` months ago compares with one made now; a
``Report`` is turned into that form first. Pure: no I/O. The change in words for people is
``devocheck.render.diff_text``.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from devocheck.score.codec import as_report_dict
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
    name: str
    """The place's name, as the new report gives it."""
    old_date: str
    new_date: str
    """Assessment dates, ISO 8601."""
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
    rubric_changed: bool = False
    """The two were scored with different rubrics or rubric versions: a score change may be the
    rubric's, not the place's."""

    @property
    def score_change(self) -> float:
        return self.new_score - self.old_score

    @property
    def regressed(self) -> bool:
        """The score fell or any criterion dropped a level."""
        return self.score_change < -_EPSILON or any(change.dropped for change in self.changes)

    def counts_as_regression(self, across_rubric_versions: bool = False) -> bool:
        """Whether ``regressed`` should fail a run: not when the rubric changed, unless asked.

        A fall between reports scored with different rubric versions may be the rubric's doing
        (version 2 of ``ifg-2015`` stopped counting placeholders), so it fails a run only when
        the caller says a rubric change is no excuse (``--regression-across-rubric-versions``).
        """
        return self.regressed and (across_rubric_versions or not self.rubric_changed)

    @property
    def unchanged(self) -> bool:
        return abs(self.score_change) <= _EPSILON and not (self.changes or self.added or self.removed)


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
        name=after["locality"].get("name", after["locality"]["id"]),
        old_date=str(before.get("assessment_date", "")),
        new_date=str(after.get("assessment_date", "")),
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
        rubric_changed=_rubric(before) != _rubric(after),
    )


def _rubric(report: Mapping[str, Any]) -> tuple[Any, Any]:
    rubric = report.get("rubric", {})
    return rubric.get("id"), rubric.get("version")


def _notes(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    notes = []
    if before["locality"]["id"] != after["locality"]["id"]:
        notes.append(f"different localities: {before['locality']['id']} and {after['locality']['id']}")
    (old_id, old_version), (new_id, new_version) = _rubric(before), _rubric(after)
    if old_id != new_id:
        notes.append(f"different rubrics: {old_id} v{old_version} and {new_id} v{new_version}")
    elif old_version != new_version:
        notes.append(
            f"rubric version changed: {new_id} v{old_version} -> v{new_version}; "
            "a change in score may be the rubric's, not the place's"
        )
    return notes


def diff_to_dict(diff: ReportDiff) -> dict[str, Any]:
    """The change as JSON, for machines."""
    return {
        "locality": diff.locality,
        "old": {"input": diff.old_input, "score": diff.old_score, "band": diff.old_band},
        "new": {"input": diff.new_input, "score": diff.new_score, "band": diff.new_band},
        "score_change": diff.score_change,
        "regressed": diff.regressed,
        "rubric_changed": diff.rubric_changed,
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


class Baseline:
    """Saved reports to compare a run with: matched by locality id, else by file.

    A locality whose id changed is found by its file (and the old id is named); ``missing``
    lists the saved localities the run never matched (a file deleted, or left out of the run).
    """

    def __init__(self, reports: Sequence[Mapping[str, Any]]) -> None:
        self._by_id = {str(report["locality"]["id"]): report for report in reports}
        self._by_file = {_same_file(str(report["input"])): report for report in reports}
        self._matched: set[str] = set()

    def match(self, report: Report) -> tuple[Mapping[str, Any] | None, str | None]:
        """The saved report for ``report`` (or None: a new locality) and, when it was found by
        file because the id changed, the old id."""
        before = self._by_id.get(report.locality.id)
        renamed_from = None
        if before is None:
            before = self._by_file.get(_same_file(report.input))
            if before is None or str(before["locality"]["id"]) in self._matched:
                return None, None
            renamed_from = str(before["locality"]["id"])
        self._matched.add(str(before["locality"]["id"]))
        return before, renamed_from

    def missing(self) -> list[Mapping[str, Any]]:
        """Saved reports no report of the run matched, in the baseline's order."""
        return [report for key, report in self._by_id.items() if key not in self._matched]


def _same_file(name: str) -> str:
    """A file name as written in a report, normalised for comparison (``./a//b.yaml`` -> ``a/b.yaml``)."""
    return posixpath.normpath(name.replace("\\", "/"))


__all__ = ["Baseline", "CriterionChange", "ReportDiff", "as_report_dict", "diff_reports", "diff_to_dict"]
