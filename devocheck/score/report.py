"""The scored report: the only thing renderers see.

Records keep positions (line and column in the locality file) next to JSON pointers, so
every renderer (terminal, JSON, SARIF, markdown, annotations) can point at the facts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from devocheck.metrics import FootprintRow, Metrics
from devocheck.model import Diagnostic, Position, Record

#: The statuses a criterion can have.
STATUSES = ("met", "partial", "unmet", "no-evidence", "waived")


@dataclass(frozen=True, slots=True)
class Evidence(Record):
    """A fact a criterion read: where it is in the data and in the file."""

    pointer: str
    position: Position


@dataclass(frozen=True, slots=True)
class Waiver(Record):
    """A criterion set aside on purpose by the locality file."""

    criterion: str
    reason: str
    expires: date | None
    in_force: bool
    """Up to and including ``expires`` (for ever when absent)."""
    position: Position


@dataclass(frozen=True, slots=True)
class CriterionResult(Record):
    """How one locality fares on one criterion, and the facts that decided it."""

    criterion: str
    theme: str
    title: str
    level: int
    max_level: int
    score: float
    """level / max_level, 0..1 (kept for waived criteria, which drop out of the means)."""
    status: str
    """One of ``STATUSES``."""
    gate: bool
    weight: float
    rationale: str
    facts: str
    """One line saying which facts set the level."""
    evidence: tuple[Evidence, ...]
    position: Position
    """The section the criterion reads (line 1 when it is missing)."""
    waiver: Waiver | None


@dataclass(frozen=True, slots=True)
class ThemeResult(Record):
    """One theme's score and its criteria, in rubric order."""

    id: str
    title: str
    weight: float
    score: float | None
    """0..100; None when every criterion of the theme is waived."""
    criteria: tuple[CriterionResult, ...]


@dataclass(frozen=True, slots=True)
class Improvement(Record):
    """The next step up for one criterion and what it would add to the overall score."""

    criterion: str
    title: str
    from_level: int
    to_level: int
    gain: float
    """Rise in the overall score (0..100 scale), everything else held."""
    description: str
    """What the next level asks for."""
    remediation: str


@dataclass(frozen=True, slots=True)
class RubricInfo(Record):
    """Which rubric a report was scored against (enough to reproduce it)."""

    id: str
    version: int
    title: str
    source: str


@dataclass(frozen=True, slots=True)
class LocalityInfo(Record):
    """Which place the report speaks for, as the file names it."""

    id: str
    name: str
    kind: str | None
    nation: str | None


@dataclass(frozen=True, slots=True)
class OneAtATime(Record):
    """The overall score and band with one theme's weight multiplied by ``factor``, the rest held."""

    theme: str
    factor: float
    score: float
    """Unrounded, 0..100."""
    band: str
    """After any gate cap, as the report's band."""


@dataclass(frozen=True, slots=True)
class RankInterval(Record):
    """A place's rank (1 = highest score) over the draws of a batch: median and 5th-95th percentiles."""

    median: float
    p5: float
    p95: float


@dataclass(frozen=True, slots=True)
class BandShare(Record):
    """One band of the rubric, where it starts, and the share of weight draws that fell in it."""

    band: str
    min: float
    """The band's lowest score (0..100)."""
    share: float
    """0..1."""


@dataclass(frozen=True, slots=True)
class Robustness(Record):
    """How the score and band move when the rubric's weights move (``devocheck.score.robustness``).

    Levels, waivers, evidence and gates are those of the report; only weights change.
    """

    draws: int
    seed: int
    spread: float
    """Each Monte Carlo factor is uniform on [1 - spread, 1 + spread]; one-at-a-time uses both ends."""
    one_at_a_time: tuple[OneAtATime, ...]
    """Themes in rubric order (all-waived themes left out), the lower factor first."""
    band_stable: bool
    """Every one-at-a-time band equals the report's band."""
    score_p5: float
    score_median: float
    score_p95: float
    band_shares: tuple[BandShare, ...]
    """Every band of the rubric, lowest first; the shares sum to 1."""
    ranks: RankInterval | None
    """In a batch of two or more places scored with the rubric; None otherwise."""

    def share_at_least(self, band: str) -> float:
        """The share of draws whose band is ``band`` or higher (0..1)."""
        names = [entry.band for entry in self.band_shares]
        return math.fsum(entry.share for entry in self.band_shares[names.index(band) :])


@dataclass(frozen=True, slots=True)
class Report(Record):
    """One locality assessed against one rubric on one date."""

    tool_version: str
    rubric: RubricInfo
    locality: LocalityInfo
    input: str
    sha256: str
    assessment_date: date
    score: float
    """Unrounded, 0..100; display with one decimal."""
    band: str
    """After any gate cap."""
    uncapped_band: str
    gate_failures: tuple[str, ...]
    """Gate criteria at level 0 and not waived."""
    cap_reason: str | None
    evidence_coverage: float
    """Share, 0..1, of the overall score's weight resting on criteria that had evidence."""
    themes: tuple[ThemeResult, ...]
    metrics: Metrics
    waivers: tuple[Waiver, ...]
    warnings: tuple[Diagnostic, ...]
    plan: tuple[Improvement, ...]
    footprints: tuple[FootprintRow, ...]
    robustness: Robustness | None = None
    """Present only when asked for (``assess --robustness``), added after scoring."""

    @property
    def criteria(self) -> tuple[CriterionResult, ...]:
        return tuple(result for theme in self.themes for result in theme.criteria)

    @property
    def score_display(self) -> str:
        return f"{self.score:.1f}"


__all__ = [
    "STATUSES",
    "BandShare",
    "CriterionResult",
    "Evidence",
    "FootprintRow",
    "Improvement",
    "LocalityInfo",
    "OneAtATime",
    "RankInterval",
    "Report",
    "Robustness",
    "RubricInfo",
    "ThemeResult",
    "Waiver",
]
