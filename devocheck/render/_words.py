"""Words and small judgements shared by the formats (rich, markdown, html, junit, sarif).

Not a format (leading underscore). Status is always spelt out with a symbol and a word,
so no format has to rely on colour.
"""

from __future__ import annotations

from devocheck.score.report import CriterionResult, Improvement, Report

#: Symbol and word for each criterion status.
STATUS_LABEL = {
    "met": "✔ met",
    "partial": "◐ partial",
    "unmet": "✘ unmet",
    "no-evidence": "? no evidence",
    "waived": "○ waived",
}


def status_label(status: str) -> str:
    return STATUS_LABEL.get(status, status)


def cap_label(report: Report) -> str:
    """How to head the gate-cap message: the cap only "capped" the band if it lowered it."""
    return "Band capped" if report.band != report.uncapped_band else "Gate failed"


def below_max(report: Report) -> tuple[CriterionResult, ...]:
    """Criteria short of their top level, waived ones included, in rubric order."""
    return tuple(result for result in report.criteria if result.level < result.max_level)


def next_steps(report: Report) -> dict[str, Improvement]:
    """The improvement plan keyed by criterion id."""
    return {step.criterion: step for step in report.plan}


def percent(share: float) -> str:
    """A 0..1 share as a whole percentage (``0.4166`` -> ``42%``)."""
    return f"{share:.0%}"


def theme_score(score: float | None) -> str:
    """A theme score for display; themes whose criteria are all waived have none."""
    return "n/a (waived)" if score is None else f"{score:.1f}"
