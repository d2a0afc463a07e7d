"""Words and small judgements shared by the formats (rich, markdown, html, junit, sarif).

Not a format (leading underscore). Status is always spelt out with a symbol and a word,
so no format has to rely on colour.
"""

from __future__ import annotations

from devocheck.rubric.model import NO_TIER
from devocheck.score.report import CriterionResult, Improvement, Report, RequirementResult, TierResult

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


#: Symbol and word for each tier requirement status.
REQUIREMENT_LABEL = {"holds": "✔ holds", "unmet": "✘ unmet", "not-stated": "? not stated"}


def requirement_label(status: str) -> str:
    return REQUIREMENT_LABEL.get(status, status)


def tier_headline(tier: TierResult) -> str:
    """``Tier reached: mayoral (Mayoral strategic authority); next: established (...)``."""
    reached = "none" if tier.reached == NO_TIER else f"{tier.reached} ({tier.title(tier.reached)})"
    above = f"next: {tier.next} ({tier.title(tier.next)})" if tier.next else "the top tier"
    return f"Tier reached: {reached}; {above}"


def requirement_line(result: RequirementResult) -> str:
    """One requirement that does not hold: id, basis, status, what it asks, the facts, the source."""
    return (
        f"{result.id} ({result.basis}, {requirement_label(result.status)}): {result.description}"
        f" Facts: {result.facts}. Source: {result.source}."
    )


def exceptions(tier: TierResult) -> list[tuple[str, tuple[RequirementResult, ...]]]:
    """Guidance requirements of the tiers met that do not hold, under headings such as
    ``Foundation strategic authority: needs a case-by-case exception`` (unmet) or ``...: not stated``."""
    groups: dict[str, list[RequirementResult]] = {}
    for result in tier.exceptions:
        what = "needs a case-by-case exception" if result.status == "unmet" else "not stated"
        groups.setdefault(f"{tier.title(result.tier)}: {what}", []).append(result)
    return [(heading, tuple(results)) for heading, results in groups.items()]


def tier_steps(report: Report) -> tuple[RequirementResult, ...]:
    """What the plan lists first: the statute and policy requirements that block the next tier."""
    return report.tier.blocking if report.tier else ()


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
