"""Words and small judgements shared by the formats (rich, markdown, html, junit, sarif).

Not a format (leading underscore). Labels for coded values live in ``_labels``.
"""

from __future__ import annotations

from collections.abc import Iterable

from devocheck.measure.base import stated
from devocheck.render._labels import label
from devocheck.score.report import (
    CriterionResult,
    Improvement,
    RankInterval,
    Report,
    Robustness,
    RubricInfo,
    ThemeResult,
    Waiver,
    cut,
)


def gate_sentence(report: Report) -> str | None:
    """What the failed gates did, in words; the cap is mentioned only when it lowered the band."""
    if not report.gate_failures:
        return None
    which = ", ".join(report.gate_failures)
    if report.band != report.uncapped_band:
        return (
            f"Band capped: a gate criterion at level 0 ({which}) caps the band at "
            f"{label('band', report.rubric.gate_cap)}; the score alone would give "
            f"{label('band', report.uncapped_band)}."
        )
    return f"Gate failed: {which} at level 0 (the cap did not lower the band)."


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


def waiver_state(waiver: Waiver) -> str:
    """Why a waiver does or does not apply: ``in force``, ``expired`` or ``no reason given``."""
    if waiver.in_force:
        return "in force"
    return "expired" if stated(waiver.reason) else "no reason given"


def no_evidence(theme: ThemeResult) -> bool:
    """Every criterion of the theme that counts has no evidence: its 0 is not a real zero."""
    counted = [result for result in theme.criteria if result.status != "waived"]
    return bool(counted) and all(result.status == "no-evidence" for result in counted)


def theme_score(theme: ThemeResult) -> str:
    """A theme score for display: ``no evidence`` and ``n/a (all waived)`` are not numbers."""
    if theme.score is None:
        return "n/a (all waived)"
    return "no evidence" if no_evidence(theme) else cut(theme.score)


def more_steps(report: Report, shown: int) -> str | None:
    """The plan past its first ``shown`` steps, in words, for formats that show only the first."""
    rest = report.plan[shown:]
    if not rest:
        return None
    names = ", ".join(step.criterion for step in rest)
    return f"Smaller steps also open ({len(rest)}): {names}."


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
    band = label("band", report.band)
    if not flips:
        return f"Band {band} holds when any one theme's weight moves {spread}."
    changes = "; ".join(
        f"{titles.get(entry.theme, entry.theme)} weighted {abs(entry.factor - 1) * 100:g}% "
        f"{'less' if entry.factor < 1 else 'more'} gives {label('band', entry.band)} ({cut(entry.score)})"
        for entry in flips
    )
    return f"Band {band} flips when one theme's weight moves {spread}: {changes}."


def interval_text(robustness: Robustness) -> str:
    """The Monte Carlo score interval and the share of draws in each band that any fell in."""
    shares = ", ".join(
        f"{label('band', entry.band)} {share_text(entry.share)}"
        for entry in reversed(robustness.band_shares)
        if entry.share
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
