"""The ``markdown`` format: GitHub-flavoured Markdown for pull-request comments and wikis.

Headline score and band, the theme table, the criteria below their max with the next step,
gates, waivers and warnings. Every string taken from a locality or rubric file goes through
``_escape.markdown``: it cannot end a table cell, form a link, emphasis or raw HTML.
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
    gate_sentence,
    interval_text,
    next_steps,
    theme_score,
    waiver_state,
    weight_verdict,
    why,
)
from devocheck.score.report import FileResult, NotAssessed, Report, cut, percent

EXTENSION = ".md"


def render(items: Sequence[Item], options: RenderOptions) -> str:
    """One document; several outcomes get a summary table and a section each."""
    outcomes = outcomes_of(items)
    if len(outcomes) == 1:
        lines = list(_outcome(outcomes[0], level=1))
    else:
        lines = ["# Devolution readiness", "", *_overview(overview(outcomes))]
        lines += ["", "## Places in this report", "", *_summary(outcomes)]
        for outcome in outcomes:
            lines += ["", *_outcome(outcome, level=2)]
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


def _summary(outcomes: Sequence[FileResult]) -> Iterator[str]:
    yield _row("Locality", "Score", "Band", "Gates failed", "File")
    yield _row("---", "---:", "---", "---:", "---")
    for outcome in outcomes:
        if isinstance(outcome, NotAssessed):
            yield _row("not assessed", "n/a", "invalid file", "n/a", md(outcome.input))
        else:
            yield _row(
                md(outcome.locality.name),
                outcome.score_display,
                md(label("band", outcome.band)),
                str(len(outcome.gate_failures)),
                md(outcome.input),
            )


def _outcome(outcome: FileResult, level: int) -> Iterator[str]:
    if isinstance(outcome, NotAssessed):
        yield from _invalid(outcome, level)
    else:
        yield from _report(outcome, level)


def _invalid(result: NotAssessed, level: int) -> Iterator[str]:
    yield f"{'#' * level} ✘ {md(result.input)}: not assessed"
    yield ""
    for diagnostic in result.diagnostics:
        where = f"{diagnostic.position.line}:{diagnostic.position.column}"
        severity = md(label("severity", diagnostic.severity))
        message, code = md(diagnostic.message), md(diagnostic.code)
        yield f"- {severity} at line {where}: {message} ({code})"


def _report(report: Report, level: int) -> Iterator[str]:
    h = "#" * (level + 1)
    place = report.locality
    rubric = report.rubric
    band = md(label("band", report.band))
    kind = kind_and_nation(place.kind, place.nation)
    yield f"{'#' * level} {md(place.name)}: {report.score_display} / 100, {band}"
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
