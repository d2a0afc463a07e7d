"""Words and small judgements shared by the formats (rich, markdown, html, junit, sarif).

Not a format (leading underscore). Labels for coded values live in ``_labels``.
"""

from __future__ import annotations

from collections.abc import Iterable

from devocheck.render._labels import label
from devocheck.score.report import CriterionResult, Improvement, Report, ThemeResult


def gate_sentence(report: Report) -> str | None:
    """What the failed gates did, in words; the cap is mentioned only when it lowered the band."""
    if not report.gate_failures:
        return None
    which = ", ".join(report.gate_failures)
    if report.band != report.uncapped_band:
        return (
            f"Band capped at {label('band', report.band)}: a gate criterion at level 0 ({which}) holds it "
            f"there; the score alone would give {label('band', report.uncapped_band)}."
        )
    return f"Gate failed: {which} at level 0 (the cap did not lower the band)."


def below_max(report: Report) -> tuple[CriterionResult, ...]:
    """Criteria short of their top level, waived ones included, in rubric order."""
    return tuple(result for result in report.criteria if result.level < result.max_level)


def standing(report: Report, step: Improvement) -> str:
    """Where the file stands on the step's criterion now: the facts that hold it at its level."""
    return next((r.facts for r in report.criteria if r.criterion == step.criterion), "")


def councils(report: Report, codes: Iterable[str]) -> str:
    """Constituent councils by the names the file gives them (codes where it gives none)."""
    return ", ".join(report.locality.council(code) for code in codes)


def next_steps(report: Report) -> dict[str, Improvement]:
    """The improvement plan keyed by criterion id."""
    return {step.criterion: step for step in report.plan}


def percent(share: float) -> str:
    """A 0..1 share as a whole percentage (``0.4166`` -> ``42%``)."""
    return f"{share:.0%}"


def no_evidence(theme: ThemeResult) -> bool:
    """Every criterion of the theme that counts has no evidence: its 0 is not a real zero."""
    counted = [result for result in theme.criteria if result.status != "waived"]
    return bool(counted) and all(result.status == "no-evidence" for result in counted)


def theme_score(theme: ThemeResult) -> str:
    """A theme score for display: ``no evidence`` and ``n/a (all waived)`` are not numbers."""
    if theme.score is None:
        return "n/a (all waived)"
    return "no evidence" if no_evidence(theme) else f"{theme.score:.1f}"


def more_steps(report: Report, shown: int) -> str | None:
    """The plan past its first ``shown`` steps, in words, for formats that show only the first."""
    rest = report.plan[shown:]
    if not rest:
        return None
    names = ", ".join(step.criterion for step in rest)
    return f"Smaller steps also open ({len(rest)}): {names}."
