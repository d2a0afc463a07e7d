"""The scored report: the only thing renderers see.

Records keep positions (line and column in the locality file) next to JSON pointers, so
every renderer (terminal, JSON, SARIF, markdown, annotations) can point at the facts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Decimal
from typing import TypeAlias

from devocheck.measure import FootprintRow, Metrics
from devocheck.model import Diagnostic, Document, Position, Record

#: Float noise below this is snapped away before a share is cut to a percentage.
_NOISE = Decimal("1e-9")


def _cut(value: Decimal, places: int) -> str:
    shown = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_DOWN)
    return str(abs(shown) if shown == 0 else shown)


def cut(value: float, places: int = 1) -> str:
    """``value`` cut towards zero (never rounded) to ``places`` decimals: ``59.96`` -> ``"59.9"``.

    Every score and gain a report shows goes through here, so a shown score never crosses a
    band or threshold boundary that the score itself did not (rounding would show 59.96 as
    60.0 beside the band ``emerging``). The float is cut exactly as it is, as the band is
    decided on it. A result of zero has no sign.
    """
    return _cut(Decimal(value), places)


def percent(share: float) -> str:
    """A 0..1 share as a whole percentage, cut: ``0.999`` -> ``99%`` (never a false ``100%``).

    Shares decide no band, so float noise is snapped away first: 0.29 (28.999999999999996 %)
    shows as ``29%``.
    """
    return f"{_cut((Decimal(share) * 100).quantize(_NOISE, rounding=ROUND_HALF_EVEN), 0)}%"


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
    cites: str | None
    """What in the rubric's source the criterion comes from."""
    remediation: str
    """How to improve, in the rubric's words."""
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
    """The citation of the work the rubric is drawn from."""
    source_url: str | None
    bands: tuple[str, ...]
    """The rubric's band names, lowest first."""
    gate_cap: str
    """The band a gate criterion at level 0 caps the report at."""


@dataclass(frozen=True, slots=True)
class LocalityInfo(Record):
    """Which place the report speaks for, as the file names it."""

    id: str
    name: str
    kind: str | None
    nation: str | None
    constituents: tuple[tuple[str, str | None], ...] = ()
    """(code, name) of each constituent council the file lists, in file order."""

    def council(self, code: str) -> str:
        """A constituent's name where the file gives one, else its code."""
        return next((name for known, name in self.constituents if known == code and name), code)


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
    """Unrounded, 0..100; shown cut to one decimal (``score_display``)."""
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
        """The score as every format shows it: cut, not rounded, to one decimal."""
        return cut(self.score)


@dataclass(frozen=True, slots=True)
class NotAssessed(Record):
    """A file that could not be assessed: the problems that stopped it, as data.

    ``diagnostics`` holds every problem found (errors, and any warnings beside them) in file
    order; ``document`` is what was read when the file loaded but did not validate (None when
    it could not be read or parsed).
    """

    input: str
    diagnostics: tuple[Diagnostic, ...]
    document: Document | None = None

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        """The problems that stopped the assessment (severity ``error``)."""
        return tuple(d for d in self.diagnostics if d.severity == "error")


#: What one input file gives: its scored report, or why there is none.
FileResult: TypeAlias = Report | NotAssessed


__all__ = [
    "STATUSES",
    "BandShare",
    "CriterionResult",
    "Evidence",
    "FileResult",
    "FootprintRow",
    "Improvement",
    "LocalityInfo",
    "NotAssessed",
    "OneAtATime",
    "RankInterval",
    "Report",
    "Robustness",
    "RubricInfo",
    "ThemeResult",
    "Waiver",
    "cut",
    "percent",
]
