"""Words and small judgements shared by the formats (rich, markdown, html, junit, sarif).

Not a format (leading underscore). Status is always spelt out with a symbol and a word,
so no format has to rely on colour.
"""

from __future__ import annotations

from devocheck.measure.base import stated
from devocheck.score.report import (
    CriterionResult,
    Improvement,
    RankInterval,
    Report,
    Robustness,
    RubricInfo,
    Waiver,
    cut,
)

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


#: The tones a band is shown in, lowest first (colours are picked by tone, never by band name).
BAND_TONES = ("low", "mid-low", "mid-high", "high")


def band_tone(report: Report, band: str | None = None) -> str:
    """The tone of ``band`` (default: the report's): its place among the rubric's bands.

    Spread over ``BAND_TONES``: four bands get one tone each; a rubric with other names or
    another number of bands is coloured by the same scale, lowest band ``low``, highest ``high``.
    """
    bands = report.rubric.bands
    top = len(bands) - 1
    if top <= 0:
        return BAND_TONES[-1]
    return BAND_TONES[round(bands.index(band or report.band) * (len(BAND_TONES) - 1) / top)]


def source_link(rubric: RubricInfo) -> str | None:
    """The rubric's source URL when it is a web address a reader can follow (http or https)."""
    url = rubric.source_url
    return url if url is not None and url.startswith(("https://", "http://")) else None


def why(result: CriterionResult) -> str:
    """Why a criterion matters, with what in the rubric's source it comes from."""
    return result.rationale + (f" ({result.cites})" if result.cites else "")


def cap_label(report: Report) -> str:
    """How to head the gate-cap message: the cap only "capped" the band if it lowered it."""
    return "Band capped" if report.band != report.uncapped_band else "Gate failed"


def below_max(report: Report) -> tuple[CriterionResult, ...]:
    """Criteria short of their top level, waived ones included, in rubric order."""
    return tuple(result for result in report.criteria if result.level < result.max_level)


def next_steps(report: Report) -> dict[str, Improvement]:
    """The improvement plan keyed by criterion id."""
    return {step.criterion: step for step in report.plan}


def waiver_state(waiver: Waiver) -> str:
    """Why a waiver does or does not apply: ``in force``, ``expired`` or ``no reason given``."""
    if waiver.in_force:
        return "in force"
    return "expired" if stated(waiver.reason) else "no reason given"


def theme_score(score: float | None) -> str:
    """A theme score for display; themes whose criteria are all waived have none."""
    return "n/a (waived)" if score is None else cut(score)


# --- robustness to weights (assess --robustness) ------------------------------------------


def spread_text(spread: float) -> str:
    """``0.25`` -> ``±25%``."""
    return f"±{spread * 100:g}%"


def share_text(share: float) -> str:
    """A 0..1 share of draws as a percentage that never rounds a few draws to 0% or all."""
    text = f"{share:.0%}"
    if share in (0, 1) or text not in ("0%", "100%"):
        return text
    text = f"{share:.1%}"
    if text == "0.0%":
        return "<0.1%"
    return ">99.9%" if text == "100.0%" else text


def weight_verdict(report: Report, robustness: Robustness) -> str:
    """Whether the band survives any one theme's weight moving by the spread; if not, which
    themes flip it, to what."""
    spread = spread_text(robustness.spread)
    titles = {theme.id: theme.title for theme in report.themes}
    flips = [entry for entry in robustness.one_at_a_time if entry.band != report.band]
    if not flips:
        return f"Band {report.band} holds when any one theme's weight moves {spread}."
    changes = "; ".join(
        f"{titles.get(entry.theme, entry.theme)} weighted {abs(entry.factor - 1) * 100:g}% "
        f"{'less' if entry.factor < 1 else 'more'} gives {entry.band} ({cut(entry.score)})"
        for entry in flips
    )
    return f"Band {report.band} flips when one theme's weight moves {spread}: {changes}."


def interval_text(robustness: Robustness) -> str:
    """The Monte Carlo score interval and the share of draws in each band that any fell in."""
    shares = ", ".join(
        f"{entry.band} {share_text(entry.share)}" for entry in reversed(robustness.band_shares) if entry.share
    )
    return (
        f"With every weight moved at random within {spread_text(robustness.spread)} "
        f"({robustness.draws:,} draws, seed {robustness.seed}): score {cut(robustness.score_p5)} to "
        f"{cut(robustness.score_p95)} (5-95%), median {cut(robustness.score_median)}; bands: {shares}."
    )


def rank_text(ranks: RankInterval | None) -> str:
    """A rank interval as ``2 (1-3)``: median (5th-95th percentile); ``-`` when there is none."""
    if ranks is None:
        return "-"
    return f"{ranks.median:g} ({ranks.p5:g}-{ranks.p95:g})"
