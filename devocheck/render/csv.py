"""The ``csv`` format: one row per locality, for league tables across many places.

Columns: file, id, name, score, band, one column per theme (by theme id, in rubric order,
the union over all reports), evidence coverage and error; with ``assess --robustness``, also
the score's 5th percentile, median and 95th percentile over the weight draws, whether the band
held every one-at-a-time change, and in a batch the rank's median, 5th and 95th percentiles.
With more than one rubric, a
``rubric`` column follows the name and theme columns are named ``<rubric>:<theme>`` (two
rubrics can share a theme id); a rubric with tiers adds a ``tier`` column after the band.
Scores are 0..100 with one decimal, cut (not rounded) like every shown score; coverage is a
percentage, cut the same way. A file that could not be
assessed has only its file name and the error. Text cells are one line and never start
like a spreadsheet formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from devocheck.render import Item, RenderOptions, outcomes_of
from devocheck.render._escape import spreadsheet_cell
from devocheck.score.report import NotApplicable, NotAssessed, Report, cut

EXTENSION = ".csv"

#: Columns added by ``--robustness`` (scores 0..100 to one decimal; ranks empty outside a batch).
_ROBUSTNESS = [
    "score_p5",
    "score_median",
    "score_p95",
    "band_stable",
    "rank_median",
    "rank_p5",
    "rank_p95",
]


def render(items: Sequence[Item], options: RenderOptions) -> str:
    """One row per outcome. A ``rubric`` column appears when more than one rubric is in use, and a
    ``tier`` column (the tier reached, or ``none``) when some rubric has tiers."""
    outcomes = outcomes_of(items)
    reports = [outcome for outcome in outcomes if isinstance(outcome, Report)]
    rubrics = {o.rubric.id for o in outcomes if not isinstance(o, NotAssessed)}
    extra = Columns(rubric=len(rubrics) > 1, tier=any(report.tier for report in reports))
    themes = list(
        dict.fromkeys(extra.theme(report, theme.id) for report in reports for theme in report.themes)
    )
    robust = _ROBUSTNESS if any(report.robustness is not None for report in reports) else []
    header = ["file", "id", "name", *extra.rubric_cell("rubric"), "score", "band", *extra.tier_cell("tier")]
    header += [*themes, "evidence_coverage_pct", *robust, "error"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([spreadsheet_cell(cell) for cell in header])
    for outcome in outcomes:
        if isinstance(outcome, NotAssessed):
            errors = [str(d) for d in outcome.errors]
            row = [outcome.input, *[""] * (len(header) - 2), "; ".join(errors)]
        elif isinstance(outcome, NotApplicable):
            place = [outcome.input, outcome.locality.id, outcome.locality.name]
            place += [*extra.rubric_cell(outcome.rubric.id), "", "not-applicable", *extra.tier_cell("")]
            row = [*place, *[""] * (len(header) - len(place))]
        else:
            row = [*_row(outcome, themes, extra), *(_robustness(outcome) if robust else []), ""]
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
    theme_cells = ["" if (score := scores.get(theme)) is None else cut(score) for theme in themes]
    return [
        report.input,
        report.locality.id,
        report.locality.name,
        *extra.rubric_cell(report.rubric.id),
        report.score_display,
        report.band,
        *extra.tier_cell(report.tier.reached if report.tier else ""),
        *theme_cells,
        cut(100 * report.evidence_coverage),
    ]


def _robustness(report: Report) -> list[str]:
    block = report.robustness
    if block is None:
        return [""] * len(_ROBUSTNESS)
    ranks = [] if block.ranks is None else [block.ranks.median, block.ranks.p5, block.ranks.p95]
    return [
        cut(block.score_p5),
        cut(block.score_median),
        cut(block.score_p95),
        "yes" if block.band_stable else "no",
        *([f"{rank:g}" for rank in ranks] or ["", "", ""]),
    ]
