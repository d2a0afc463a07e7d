"""The ``markdown`` format: GitHub-flavoured Markdown for pull-request comments and wikis.

Headline score and band, the tier (for a rubric with tiers), the theme table, the criteria
below their max with the next step, gates, waivers and warnings. Every string taken from a
locality or rubric file goes through ``_escape.markdown``: it cannot end a table cell, form a
link, emphasis or raw HTML.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from devocheck.render import Item, RenderOptions, outcomes_of
from devocheck.render._escape import markdown as md
from devocheck.render._labels import kind_and_nation, label, status_label
from devocheck.render._overview import Overview, overview
from devocheck.render._words import (
    below_max,
    councils,
    exceptions,
    gate_sentence,
    interval_text,
    next_steps,
    requirement_label,
    theme_score,
    tier_headline,
    waiver_state,
    weight_verdict,
    why,
)
from devocheck.score.report import (
    FileResult,
    NotApplicable,
    NotAssessed,
    Report,
    RequirementResult,
    TierResult,
    cut,
    percent,
)

EXTENSION = ".md"


def render(items: Sequence[Item], options: RenderOptions) -> str:
    """One document; several outcomes get a summary table and a section each."""
    outcomes = outcomes_of(items)
    if len(outcomes) == 1:
        lines = list(_outcome(outcomes[0], level=1))
    else:
        several = len({o.rubric.id for o in outcomes if not isinstance(o, NotAssessed)}) > 1
        lines = ["# Devolution readiness", "", *_overview(overview(outcomes))]
        lines += ["", "## Places in this report", "", *_summary(outcomes, several)]
        for outcome in outcomes:
            lines += ["", *_outcome(outcome, level=2, several=several)]
    return "\n".join(lines) + "\n"


def _row(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"


def _overview(view: Overview) -> Iterator[str]:
    yield "## Overview"
    if view.rows:
        rank = ["Rank over weights (5-95%)"] if view.robustness else []
        yield ""
        yield "Assessed places ranked by score, highest first; = marks places with the same score."
        yield ""
        yield _row("Rank", "Locality", "Score", "Band", "Evidence coverage", *rank)
        yield _row("---:", "---", "---:", "---", "---:", *(["---:"] * len(rank)))
        for row in view.rows:
            ranks = [row.ranks or "-"] if rank else []
            band = md(label("band", row.band))
            yield _row(row.rank_label, md(row.name), row.score, band, row.coverage, *ranks)
        yield ""
        yield "### Theme scores by place"
        yield ""
        yield "Each theme's score, 0-100, in the order of the ranking; *no evidence* is not a 0."
        yield ""
        yield _row("Locality", *(md(title) for title in view.themes))
        yield _row("---", *(["---:"] * len(view.themes)))
        for row in view.rows:
            cells = (f"*{cell.text}*" if cell.heat in ("none", "na") else cell.text for cell in row.cells)
            yield _row(md(row.name), *cells)
    else:
        yield ""
        yield "No file in this report could be assessed."
    if view.apart:
        yield ""
        yield "### Not ranked"
        yield ""
        for entry in view.apart:
            yield f"- {md(entry.input)}: {md(entry.reason)}"


def _summary(outcomes: Sequence[FileResult], several: bool) -> Iterator[str]:
    """One row per outcome; a Rubric column when more than one rubric is in use."""

    def row(locality: str, rubric: str, *cells: str) -> str:
        return _row(locality, *((rubric,) if several else ()), *cells)

    yield row("Locality", "Rubric", "Score", "Band", "Gates failed", "File")
    yield row("---", "---", "---:", "---", "---:", "---")
    for outcome in outcomes:
        if isinstance(outcome, NotAssessed):
            yield row("not assessed", "n/a", "n/a", "invalid file", "n/a", md(outcome.input))
        elif isinstance(outcome, NotApplicable):
            name, rubric = md(outcome.locality.name), md(outcome.rubric.id)
            yield row(name, rubric, "n/a", "not applicable", "n/a", md(outcome.input))
        else:
            yield row(
                md(outcome.locality.name),
                md(outcome.rubric.id),
                outcome.score_display,
                md(label("band", outcome.band)),
                str(len(outcome.gate_failures)),
                md(outcome.input),
            )


def _outcome(outcome: FileResult, level: int, several: bool = False) -> Iterator[str]:
    if isinstance(outcome, NotAssessed):
        yield from _invalid(outcome, level)
    elif isinstance(outcome, NotApplicable):
        yield f"{'#' * level} {md(outcome.line)}"
    else:
        yield from _report(outcome, level, several)


def _invalid(result: NotAssessed, level: int) -> Iterator[str]:
    yield f"{'#' * level} ✘ {md(result.input)}: not assessed"
    yield ""
    for diagnostic in result.diagnostics:
        where = f"{diagnostic.position.line}:{diagnostic.position.column}"
        severity = md(label("severity", diagnostic.severity))
        message, code = md(diagnostic.message), md(diagnostic.code)
        yield f"- {severity} at line {where}: {message} ({code})"


def _report(report: Report, level: int, several: bool) -> Iterator[str]:
    h = "#" * (level + 1)
    place = report.locality
    rubric = report.rubric
    band = md(label("band", report.band))
    kind = kind_and_nation(place.kind, place.nation)
    against = f" ({md(rubric.id)})" if several else ""
    yield f"{'#' * level} {md(place.name)}{against}: {report.score_display} / 100, {band}"
    yield ""
    yield (
        f"**{report.score_display}** out of 100, band **{band}**; "
        f"evidence coverage {percent(report.evidence_coverage)}. "
        f"Locality {md(place.id)}{f' ({md(kind)})' if kind else ''} in {md(report.input)}, "
        f"assessed on {report.assessment_date.isoformat()} "
        f"against {md(rubric.title)} ({md(rubric.id)} v{rubric.version}) "
        f"by devocheck {md(report.tool_version)}."
    )
    gates = gate_sentence(report)
    if gates:
        yield ""
        yield f"> ✘ {md(gates)}"
    if report.tier is not None:
        yield from _tier(report.tier, h)
    yield ""
    yield f"{h} Themes"
    yield ""
    yield _row("Theme", "Weight", "Score")
    yield _row("---", "---:", "---:")
    for theme in report.themes:
        yield _row(md(theme.title), f"{theme.weight:g}", theme_score(theme))
    robustness = report.robustness
    if robustness is not None:
        yield ""
        yield f"{h} Robustness to weights"
        yield ""
        yield f"{'✔' if robustness.band_stable else '⚠'} {md(weight_verdict(report, robustness))}"
        yield ""
        yield md(interval_text(robustness))
    yield from _below_max(report, h)
    yield from _gates(report, h)
    if report.waivers:
        yield ""
        yield f"{h} Waivers"
        yield ""
        yield _row("Criterion", "Reason", "Expires", "State")
        yield _row("---", "---", "---", "---")
        for waiver in report.waivers:
            expires = waiver.expires.isoformat() if waiver.expires else "never"
            state = "in force" if waiver.in_force else f"{waiver_state(waiver)}: scored"
            yield _row(md(waiver.criterion), md(waiver.reason), expires, state)
    if report.footprints:
        yield from _footprints(report, h)
    if report.warnings:
        yield ""
        yield f"{h} Warnings"
        yield ""
        for warning in report.warnings:
            yield f"- line {warning.position.line}: {md(warning.message)}"
    yield ""
    url = f", {md(rubric.source_url)}" if rubric.source_url else ""
    yield f"<sub>Rubric source: {md(rubric.source)}{url}</sub>"


def _requirement(result: RequirementResult) -> str:
    return (
        f"- {md(requirement_label(result.status))} **{md(result.id)}** ({md(result.basis)}): "
        f"{md(result.description)} {md(result.facts)}. *Source: {md(result.source)}.*"
        + (f" Next step: {md(result.remediation)}" if result.remediation and result.blocking else "")
    )


def _tier(tier: TierResult, h: str) -> Iterator[str]:
    """The tier reached, the next tier's unmet and not-stated requirements first, the exceptions, the note."""
    yield ""
    yield f"{h} Tier"
    yield ""
    yield f"**{md(tier_headline(tier))}**"
    if tier.needs:
        yield ""
        yield f"What {md(tier.next or '')} needs (these block it first, before any criterion):"
        yield ""
        yield from (_requirement(result) for result in tier.needs)
    for heading, results in exceptions(tier):
        yield ""
        yield f"{md(heading)}:"
        yield ""
        yield from (_requirement(result) for result in results)
    yield ""
    yield f"> {md(tier.note)}"


def _below_max(report: Report, h: str) -> Iterator[str]:
    yield ""
    yield f"{h} Criteria below their max"
    yield ""
    short = below_max(report)
    if not short:
        yield "Every criterion is at its top level."
        return
    steps = next_steps(report)
    yield _row("Criterion", "Level", "Status", "What set it", "Next step (gain)")
    yield _row("---", "---:", "---", "---", "---")
    for result in short:
        step = steps.get(result.criterion)
        if step is None:
            advice = "waived"
        else:
            advice = f"{md(step.description)} {md(step.remediation)} (+{cut(step.gain)})"
            advice = f"Level {step.to_level}: {advice}"
        gate = " ◆ gate" if result.gate else ""
        yield _row(
            f"**{md(result.criterion)}**{gate}: {md(result.title)}",
            f"{result.level}/{result.max_level}",
            md(status_label(result.status)),
            md(result.facts),
            advice,
        )
    yield ""
    yield "Why they matter:"
    yield ""
    for result in short:
        yield f"- **{md(result.criterion)}**: {md(why(result))}"


def _footprints(report: Report, h: str) -> Iterator[str]:
    yield ""
    yield f"{h} Partner footprints against the devolution area"
    yield ""
    yield _row("Partner", "Sector", "Core", "Footprint", "Misses", "Adds")
    yield _row("---", "---", "---", "---", "---", "---")
    for row in report.footprints:
        misses = councils(report, row.missing)
        yield _row(
            md(row.name or row.partner),
            md(label("sector", row.sector)),
            "yes" if row.core else "no",
            md(label("footprint", row.footprint_class)),
            md(misses) or "-",
            md(", ".join(row.extra)) or "-",
        )


def _gates(report: Report, h: str) -> Iterator[str]:
    gates = [result for result in report.criteria if result.gate]
    if not gates:
        return
    yield ""
    yield f"{h} Gates"
    yield ""
    yield f"A gate criterion at level 0 caps the band at {md(label('band', report.rubric.gate_cap))}."
    yield ""
    for result in gates:
        if result.criterion in report.gate_failures:
            verdict = "✘ **failed**: at level 0"
        elif result.status == "waived":
            verdict = "○ waived"
        else:
            verdict = f"✔ passed at level {result.level}/{result.max_level}"
        yield f"- {md(result.criterion)} ({md(result.title)}): {verdict}"
