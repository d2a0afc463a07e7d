"""Which tier of a framework a locality meets today, and what stands between it and the next. Pure.

A rubric's tiers are data (``devocheck.rubric.Tier``, lowest first). Each requirement is a
condition judged in three values (``devocheck.rubric.conditions``): true *holds*, false *unmet*,
unknown *not-stated* (the facts it reads are absent and the stated ones do not decide it). A
tier is met when every ``statute`` and ``policy`` requirement of it and of every lower tier
holds; ``guidance`` requirements never block, and one that does not hold is listed as needing
a case-by-case exception (or as not stated). A tier whose ``deemed`` condition holds has every
requirement held (a body the law makes that tier by definition).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from devocheck.measure import MetricValue
from devocheck.model import Record
from devocheck.rubric.model import NO_TIER, Applicability, Requirement, Tier

#: The statuses of a tier requirement.
TIER_STATUSES = ("holds", "unmet", "not-stated")
_STATUS = {True: "holds", False: "unmet", None: "not-stated"}


@dataclass(frozen=True, slots=True)
class RequirementResult(Record):
    """One requirement of one tier, judged for one locality."""

    tier: str
    id: str
    basis: str
    """``statute``, ``policy`` or ``guidance``."""
    status: str
    """``holds``, ``unmet`` or ``not-stated``."""
    description: str
    source: str
    remediation: str | None
    facts: str
    """One line: the facts the requirement read (or why it holds by definition)."""

    @property
    def blocking(self) -> bool:
        """A statute or policy requirement that does not hold: the tier cannot be met."""
        return self.basis != "guidance" and self.status != "holds"


@dataclass(frozen=True, slots=True)
class TierResult(Record):
    """The highest tier met, the next one, and every requirement's status, lowest tier first."""

    reached: str
    """A tier id, or ``none``."""
    next: str | None
    """The tier above ``reached``; None above the top tier."""
    titles: tuple[tuple[str, str], ...]
    """(id, title) of every tier, lowest first."""
    note: str
    """Said wherever the tier is shown (designation is not the tool's to make)."""
    requirements: tuple[RequirementResult, ...]

    def title(self, tier: str) -> str:
        return dict(self.titles).get(tier, tier)

    @property
    def met(self) -> tuple[str, ...]:
        """The tiers met, lowest first."""
        ids = [tier for tier, _ in self.titles]
        return tuple(ids[: ids.index(self.reached) + 1]) if self.reached != NO_TIER else ()

    @property
    def needs(self) -> tuple[RequirementResult, ...]:
        """The next tier's requirements that do not hold (blocking ones first, then guidance)."""
        missing = [r for r in self.requirements if r.tier == self.next and r.status != "holds"]
        return tuple(sorted(missing, key=lambda r: not r.blocking))

    @property
    def blocking(self) -> tuple[RequirementResult, ...]:
        """The statute and policy requirements that keep the next tier out of reach."""
        return tuple(r for r in self.needs if r.blocking)

    @property
    def exceptions(self) -> tuple[RequirementResult, ...]:
        """Guidance requirements of the tiers met that do not hold (a case-by-case exception)."""
        met = set(self.met)
        return tuple(r for r in self.requirements if r.tier in met and r.status != "holds")


def applies(applicability: Applicability | None, metrics: Mapping[str, MetricValue], data: Any) -> bool:
    """Whether a rubric applies: everywhere but where its applicability condition is false."""
    return applicability is None or applicability.condition.judge(metrics, data) is not False


def _judge(
    requirement: Requirement, deemed: bool, metrics: Mapping[str, MetricValue], data: Any
) -> RequirementResult:
    if deemed:
        status, facts = "holds", "holds by definition for this kind"
    else:
        status = _STATUS[requirement.condition.judge(metrics, data)]
        facts = "; ".join(dict.fromkeys(metrics[name].note for name in requirement.condition.metrics))
    return RequirementResult(
        tier=requirement.tier,
        id=requirement.id,
        basis=requirement.basis,
        status=status,
        description=requirement.description,
        source=requirement.source,
        remediation=requirement.remediation,
        facts=facts,
    )


def evaluate_tiers(
    tiers: Sequence[Tier], note: str, metrics: Mapping[str, MetricValue], data: Any
) -> TierResult:
    """The tier result of a locality's ``metrics`` and ``data`` for ``tiers`` (lowest first)."""
    results: list[RequirementResult] = []
    reached = NO_TIER
    climbing = True
    for tier in tiers:
        deemed = tier.deemed is not None and tier.deemed(metrics, data)
        judged = [_judge(requirement, deemed, metrics, data) for requirement in tier.requirements]
        results.extend(judged)
        climbing = climbing and not any(result.blocking for result in judged)
        if climbing:
            reached = tier.id
    ids = [tier.id for tier in tiers]
    above = ids.index(reached) + 1 if reached != NO_TIER else 0
    return TierResult(
        reached=reached,
        next=ids[above] if above < len(ids) else None,
        titles=tuple((tier.id, tier.title) for tier in tiers),
        note=note,
        requirements=tuple(results),
    )


__all__ = ["TIER_STATUSES", "RequirementResult", "TierResult", "applies", "evaluate_tiers"]
