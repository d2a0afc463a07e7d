"""Policy: what a report must reach for a run to pass (``--fail-under``, ``--min-band``,
``--fail-on-gate``, ``--min-band-share``).

Kept apart from the rubric, as definition is kept apart from policy: a rubric says what each
level means; a repository or CI job says how good is good enough. Pure, so a library caller can
hold reports to the same thresholds as the CLI.
"""

from __future__ import annotations

from dataclasses import dataclass

from devocheck.rubric.model import Rubric
from devocheck.score.report import Report


@dataclass(frozen=True, slots=True)
class Thresholds:
    """What each assessed file must reach for the run to pass; None or False checks nothing.

    Every field has a default, so ``Thresholds(fail_under=60)`` checks the score alone and
    ``Thresholds(min_band="maturing")`` the band of each report on its own rubric's bands.
    ``ValueError`` when ``min_band`` is not one of ``bands`` (or, with ``bands`` left empty,
    of the report's rubric, when ``misses`` is called).
    """

    fail_under: float | None = None
    min_band: str | None = None
    bands: tuple[str, ...] = ()
    """The rubric's band names, lowest first; empty: each report's own rubric's bands."""
    fail_on_gate: bool = False
    min_band_share: float | None = None
    """Share of robustness draws (0..1) in which ``min_band`` or higher must hold; checked on
    reports that carry a ``robustness`` block."""

    @classmethod
    def for_rubric(
        cls,
        rubric: Rubric,
        *,
        fail_under: float | None = None,
        min_band: str | None = None,
        fail_on_gate: bool = False,
    ) -> Thresholds:
        """Thresholds over ``rubric``'s bands, e.g. ``Thresholds.for_rubric(rubric, fail_under=60)``.

        ``ValueError`` when ``min_band`` is not one of the rubric's bands.
        """
        return cls(fail_under, min_band, tuple(band.name for band in rubric.bands), fail_on_gate)

    def __post_init__(self) -> None:
        if self.bands:
            _known_band(self.min_band, self.bands)
        if self.min_band_share is not None and self.min_band is None:
            raise ValueError("min_band_share needs min_band: the band that must hold")

    def misses(self, report: Report) -> list[str]:
        """Why ``report`` falls short, in words; empty when it passes."""
        bands = self.bands or report.rubric.bands
        _known_band(self.min_band, bands)
        found = []
        if self.fail_under is not None and report.score < self.fail_under:
            # the shown score is cut, never rounded, so it is under the threshold too
            found.append(f"score {report.score_display} is under {self.fail_under:g}")
        if self.min_band is not None and bands.index(report.band) < bands.index(self.min_band):
            found.append(f"band {report.band} is below {self.min_band}")
        elif self.min_band is not None and self.min_band_share is not None and report.robustness is not None:
            # the band holds as scored: does it hold under other reasonable weights?
            share = report.robustness.share_at_least(self.min_band)
            if share < self.min_band_share:
                shown, wanted = f"{share:.1%}", f"{self.min_band_share:.1%}"
                if shown == wanted:  # rounding would hide the miss
                    shown = f"{share:.4%}"
                found.append(
                    f"band {self.min_band} or higher in {shown} of {report.robustness.draws} weight draws, "
                    f"under {wanted}"
                )
        if self.fail_on_gate and report.gate_failures:
            found.append(f"gate at level 0: {', '.join(report.gate_failures)}")
        return found


def _known_band(band: str | None, bands: tuple[str, ...]) -> None:
    """``ValueError`` unless ``band`` is None or one of ``bands``."""
    if band is not None and band not in bands:
        raise ValueError(f"unknown band {band!r}; the rubric has {', '.join(bands)}")
