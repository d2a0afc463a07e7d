"""Score stage: a locality document, a rubric and a date -> a ``Report``. Pure.

Semantics (see the rubric page): a criterion's level is the highest L whose levels 1..L all
hold; its score is level / max. A theme scores 100 x the weighted mean of its criteria, the
overall score is the theme-weighted mean of the themes. Criteria under a waiver in force drop
out of both means; a theme left with none drops out. No evidence scores as level 0.

Each counted criterion has a *share* of the overall score: its theme's weight share times
its weight share within the theme (waived criteria and emptied themes excluded); the shares
sum to 1. Evidence coverage is read as the sum of the shares of criteria with evidence (the
share of the score that rests on evidence, so it weighs criteria exactly as the score does),
and the plan's gain for one more level is 100 x share / max_level, which is exactly the rise
in the overall score with everything else held.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from devocheck import __version__
from devocheck.measure import Metrics, day, facts, measure
from devocheck.measure.base import stated
from devocheck.model import START, Diagnostic, Document, json_pointer
from devocheck.rubric.model import Criterion, Rubric, Theme
from devocheck.score.report import (
    CriterionResult,
    Evidence,
    Improvement,
    LocalityInfo,
    Report,
    RubricInfo,
    ThemeResult,
    Waiver,
)

#: Gains closer than this are ties (ordered by criterion id instead).
_TIE = 9


def evaluate(document: Document, rubric: Rubric, assessment_date: date) -> Report:
    """Assess ``document`` against ``rubric`` as of ``assessment_date``."""
    shared = facts(document.data, assessment_date)
    metrics = measure(shared)
    waivers = _waivers(document, assessment_date)
    in_force = {waiver.criterion: waiver for waiver in waivers if waiver.in_force}
    themes = tuple(_theme(theme, document, metrics, in_force) for theme in rubric.themes)
    results = tuple(result for theme in themes for result in theme.criteria)
    active = tuple(result for result in results if result.status != "waived")
    shares = _shares(themes)
    score = _mean((theme.weight, theme.score) for theme in themes if theme.score is not None) or 0.0
    failures = tuple(result.criterion for result in active if result.gate and result.level == 0)
    return Report(
        tool_version=__version__,
        rubric=_rubric_info(rubric),
        locality=_locality(document.data["locality"]),
        input=document.source.name,
        sha256=document.source.sha256,
        assessment_date=assessment_date,
        score=score,
        band=band_of(rubric, score, capped=bool(failures)),
        uncapped_band=rubric.band(score),
        gate_failures=failures,
        cap_reason=_cap_reason(rubric, failures),
        evidence_coverage=min(
            1.0, math.fsum(shares[r.criterion] for r in active if r.status != "no-evidence")
        ),
        themes=themes,
        metrics=metrics,
        waivers=waivers,
        warnings=tuple(_expiry_warning(document, waiver) for waiver in waivers if not waiver.in_force),
        plan=_plan(rubric, active, shares),
        footprints=shared.footprints,
    )


def assessment_day(document: Document, assessment_date: date | None, today: date | None) -> date:
    """The day an assessment speaks for: ``assessment_date``, else the file's, else ``today``.

    The core never reads the clock, so a caller without either date passes ``today``;
    ``ValueError`` when all three are missing.
    """
    chosen = assessment_date or day(document.data.get("assessment_date")) or today
    if chosen is None:
        raise ValueError(
            "no assessment date: pass assessment_date or today (the library never reads the clock)"
        )
    return chosen


# --- means ------------------------------------------------------------------------------


def _mean(pairs: Iterable[tuple[float, float]]) -> float | None:
    """Weighted mean of (weight, value) pairs; None when there are none."""
    pairs = tuple(pairs)
    total = sum(weight for weight, _ in pairs)
    return sum(weight * value for weight, value in pairs) / total if pairs else None


def _counted(theme: ThemeResult) -> tuple[CriterionResult, ...]:
    return tuple(result for result in theme.criteria if result.status != "waived")


def _shares(themes: Iterable[ThemeResult]) -> dict[str, float]:
    """Each counted criterion's weight in the overall score; they sum to 1."""
    counted = tuple(theme for theme in themes if theme.score is not None)
    total = sum(theme.weight for theme in counted)
    shares = {}
    for theme in counted:
        inner = sum(result.weight for result in _counted(theme))
        for result in _counted(theme):
            shares[result.criterion] = theme.weight / total * result.weight / inner
    return shares


# --- criteria ---------------------------------------------------------------------------


def _theme(theme: Theme, document: Document, metrics: Metrics, waivers: Mapping[str, Waiver]) -> ThemeResult:
    results = tuple(_criterion(c, document, metrics, waivers.get(c.id)) for c in theme.criteria)
    mean = _mean((r.weight, r.score) for r in results if r.status != "waived")
    return ThemeResult(theme.id, theme.title, theme.weight, None if mean is None else 100 * mean, results)


def _level(criterion: Criterion, metrics: Metrics, data: Any) -> int:
    """The highest L such that levels 1..L all hold."""
    level = 0
    for step in criterion.levels:
        if not step.condition(metrics, data):
            break
        level = step.number
    return level


def _has_evidence(criterion: Criterion, metrics: Metrics, data: Mapping[str, Any]) -> bool:
    if criterion.evidence is not None:
        return criterion.evidence(metrics, data)
    return all(section in data for section in criterion.reads)


def _status(level: int, criterion: Criterion, evidence: bool, waiver: Waiver | None) -> str:
    if waiver is not None:
        return "waived"
    if not evidence:
        return "no-evidence"
    return "met" if level == criterion.max_level else ("partial" if level else "unmet")


def _criterion(
    criterion: Criterion, document: Document, metrics: Metrics, waiver: Waiver | None
) -> CriterionResult:
    data = document.data
    evidence = _has_evidence(criterion, metrics, data)
    level = _level(criterion, metrics, data) if evidence else 0
    decisive = (
        _decisive(criterion, level) if evidence else criterion.evidence.metrics if criterion.evidence else ()
    )
    paths = tuple(dict.fromkeys(path for name in decisive for path in metrics[name].paths))
    if not paths:
        paths = tuple((section,) for section in criterion.reads)
    return CriterionResult(
        criterion=criterion.id,
        theme=criterion.theme,
        title=criterion.title,
        level=level,
        max_level=criterion.max_level,
        score=level / criterion.max_level,
        status=_status(level, criterion, evidence, waiver),
        gate=criterion.gate,
        weight=criterion.weight,
        rationale=criterion.rationale,
        cites=criterion.cites,
        remediation=criterion.remediation,
        facts=_facts(criterion, metrics, data, decisive, evidence, level),
        evidence=tuple(Evidence(json_pointer(path), document.positions.key(path)) for path in paths),
        position=document.positions.key((criterion.reads[0],)) if evidence else START,
        waiver=waiver,
    )


def _decisive(criterion: Criterion, level: int) -> tuple[str, ...]:
    """Metrics of the level that set the result: the first that fails, or the top one when all hold."""
    return criterion.levels[min(level, criterion.max_level - 1)].condition.metrics


def _facts(
    criterion: Criterion,
    metrics: Metrics,
    data: Mapping[str, Any],
    decisive: Iterable[str],
    evidence: bool,
    level: int,
) -> str:
    """One line: the notes of the metrics that decided the level, or why there is no evidence."""
    notes = "; ".join(dict.fromkeys(metrics[name].note for name in decisive))
    if not evidence:
        absent = [section for section in criterion.reads if section not in data]
        what = f"{', '.join(absent)} absent" if absent else notes
        return f"no evidence: {what}"
    if notes:
        return notes
    return (
        "every level holds"
        if level == criterion.max_level
        else f"not yet: {criterion.levels[level].description}"
    )


# --- waivers, gates, plan ---------------------------------------------------------------


def _waivers(document: Document, on: date) -> tuple[Waiver, ...]:
    """The file's waivers. Validation has checked that each names a criterion of the rubric."""
    raw = document.data.get("waivers")
    return tuple(
        Waiver(
            criterion=str(entry.get("criterion")),
            reason=str(entry.get("reason", "")),
            expires=(expires := day(entry.get("expires"))),
            in_force=(expires is None or expires >= on) and stated(entry.get("reason")),
            position=document.positions.key(("waivers", i)),
        )
        for i, entry in enumerate(raw if isinstance(raw, list) else [])
    )


def _expiry_warning(document: Document, waiver: Waiver) -> Diagnostic:
    if not stated(waiver.reason):
        message = (
            f"waiver for {waiver.criterion} gives no reason ('{waiver.reason}'): the criterion is scored"
        )
        return Diagnostic(
            document.source.name, waiver.position, "waiver.no-reason", message, severity="warning"
        )
    message = f"waiver for {waiver.criterion} expired on {waiver.expires}: the criterion is scored"
    return Diagnostic(document.source.name, waiver.position, "waiver.expired", message, severity="warning")


def _rubric_info(rubric: Rubric) -> RubricInfo:
    return RubricInfo(
        id=rubric.id,
        version=rubric.version,
        title=rubric.title,
        source=rubric.source,
        source_url=rubric.source_url,
        bands=tuple(band.name for band in rubric.bands),
        gate_cap=rubric.gate_cap,
    )


def _locality(locality: Mapping[str, Any]) -> LocalityInfo:
    listed = locality.get("constituents")
    constituents = tuple(
        (str(entry["code"]), str(entry["name"]) if isinstance(entry.get("name"), str) else None)
        for entry in (listed if isinstance(listed, list) else [])
        if isinstance(entry, Mapping) and isinstance(entry.get("code"), str)
    )
    return LocalityInfo(
        locality["id"], locality["name"], locality.get("kind"), locality.get("nation"), constituents
    )


def band_of(rubric: Rubric, score: float, *, capped: bool) -> str:
    """The band of an unrounded ``score``, no higher than the rubric's gate cap when ``capped``
    (a gate criterion at level 0)."""
    band = rubric.band(score)
    if not capped:
        return band
    names = [b.name for b in rubric.bands]
    return names[min(names.index(band), names.index(rubric.gate_cap))]


def _cap_reason(rubric: Rubric, failures: tuple[str, ...]) -> str | None:
    if not failures:
        return None
    which = ", ".join(failures)
    return f"gate criteria at level 0 ({which}) cap the band at {rubric.gate_cap}"


def _plan(
    rubric: Rubric, active: Iterable[CriterionResult], shares: Mapping[str, float]
) -> tuple[Improvement, ...]:
    """For each criterion below its max, the overall gain from one more level, largest first."""
    by_id = {criterion.id: criterion for criterion in rubric.criteria}
    steps = (
        _step(by_id[result.criterion], result, shares[result.criterion])
        for result in active
        if result.level < result.max_level
    )
    return tuple(sorted(steps, key=lambda step: (-round(step.gain, _TIE), step.criterion)))


def _step(criterion: Criterion, result: CriterionResult, share: float) -> Improvement:
    """One level up: what it asks, how to get there (the level's own remediation, if any), what it adds."""
    level = criterion.levels[result.level]
    return Improvement(
        criterion=result.criterion,
        title=result.title,
        from_level=result.level,
        to_level=result.level + 1,
        gain=100 * share / result.max_level,
        description=level.description,
        remediation=level.remediation or criterion.remediation,
    )


__all__ = ["band_of", "evaluate"]
