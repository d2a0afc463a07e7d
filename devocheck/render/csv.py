"""The ``csv`` format: one row per locality, for league tables across many places.

Columns: file, id, name, score, band, one column per theme (by theme id, in rubric order,
the union over all reports), evidence coverage and error. With more than one rubric, a
``rubric`` column follows the name and theme columns are named ``<rubric>:<theme>`` (two
rubrics can share a theme id); a rubric with tiers adds a ``tier`` column after the band.
Scores are 0..100 with one decimal; coverage is a percentage. A file that could not be
assessed has only its file name and the error. Text cells are one line and never start
like a spreadsheet formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from devocheck.model import ValidationResult
from devocheck.render import Outcome, RenderOptions
from devocheck.render._escape import spreadsheet_cell
from devocheck.score.report import NotApplicable, Report

DESCRIPTION = "CSV league table: one row per locality with every theme score"
EXTENSION = ".csv"


def render(outcomes: Sequence[Outcome], options: RenderOptions) -> str:
    """One row per outcome. A ``rubric`` column appears when more than one rubric is in use, and a
    ``tier`` column (the tier reached, or ``none``) when some rubric has tiers."""
    reports = [outcome for outcome in outcomes if isinstance(outcome, Report)]
    rubrics = {o.rubric.id for o in outcomes if not isinstance(o, ValidationResult)}
    extra = Columns(rubric=len(rubrics) > 1, tier=any(report.tier for report in reports))
    themes = list(
        dict.fromkeys(extra.theme(report, theme.id) for report in reports for theme in report.themes)
    )
    header = ["file", "id", "name", *extra.rubric_cell("rubric"), "score", "band", *extra.tier_cell("tier")]
    header += [*themes, "evidence_coverage_pct", "error"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([spreadsheet_cell(cell) for cell in header])
    for outcome in outcomes:
        if isinstance(outcome, ValidationResult):
            errors = [str(d) for d in outcome.diagnostics if d.severity == "error"]
            row = [outcome.source_name, *[""] * (len(header) - 2), "; ".join(errors)]
        elif isinstance(outcome, NotApplicable):
            place = [outcome.input, outcome.locality.id, outcome.locality.name]
            place += [*extra.rubric_cell(outcome.rubric.id), "", "not-applicable", *extra.tier_cell("")]
            row = [*place, *[""] * (len(header) - len(place))]
        else:
            row = _row(outcome, themes, extra)
        writer.writerow([spreadsheet_cell(cell) for cell in row])
    return buffer.getvalue()


@dataclass(frozen=True, slots=True)
class Columns:
    """The columns a batch needs beyond the fixed ones (kept out when they would say nothing)."""

    rubric: bool
    tier: bool

    def rubric_cell(self, value: str) -> list[str]:
        return [value] if self.rubric else []

    def tier_cell(self, value: str) -> list[str]:
        return [value] if self.tier else []

    def theme(self, report: Report, theme: str) -> str:
        """A theme's column: its id, or ``<rubric>:<id>`` when rubrics are mixed."""
        return f"{report.rubric.id}:{theme}" if self.rubric else theme


def _row(report: Report, themes: Sequence[str], extra: Columns) -> list[str]:
    scores = {extra.theme(report, theme.id): theme.score for theme in report.themes}
    theme_cells = ["" if scores.get(theme) is None else f"{scores[theme]:.1f}" for theme in themes]
    return [
        report.input,
        report.locality.id,
        report.locality.name,
        *extra.rubric_cell(report.rubric.id),
        report.score_display,
        report.band,
        *extra.tier_cell(report.tier.reached if report.tier else ""),
        *theme_cells,
        f"{100 * report.evidence_coverage:.1f}",
        "",
    ]
