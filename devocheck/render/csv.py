"""The ``csv`` format: one row per locality, for league tables across many places.

Columns: file, id, name, score, band, one column per theme (by theme id, in rubric order,
the union over all reports), evidence coverage and error; with ``assess --robustness``, also
the score's 5th percentile, median and 95th percentile over the weight draws, whether the band
held every one-at-a-time change, and in a batch the rank's median, 5th and 95th percentiles.
Scores are 0..100 with one decimal; coverage is a percentage. A file that could not be
assessed has only its file name and the error. Text cells are one line and never start
like a spreadsheet formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from devocheck.model import ValidationResult
from devocheck.render import Outcome, RenderOptions
from devocheck.render._escape import spreadsheet_cell
from devocheck.score.report import Report

DESCRIPTION = "CSV league table: one row per locality with every theme score"
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


def render(outcomes: Sequence[Outcome], options: RenderOptions) -> str:
    reports = [outcome for outcome in outcomes if isinstance(outcome, Report)]
    themes = list(dict.fromkeys(theme.id for report in reports for theme in report.themes))
    robust = _ROBUSTNESS if any(report.robustness is not None for report in reports) else []
    header = ["file", "id", "name", "score", "band", *themes, "evidence_coverage_pct", *robust, "error"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([spreadsheet_cell(cell) for cell in header])
    for outcome in outcomes:
        if isinstance(outcome, ValidationResult):
            errors = [str(d) for d in outcome.diagnostics if d.severity == "error"]
            row = [outcome.source_name, *[""] * (len(header) - 2), "; ".join(errors)]
        else:
            row = [*_row(outcome, themes), *(_robustness(outcome) if robust else []), ""]
        writer.writerow([spreadsheet_cell(cell) for cell in row])
    return buffer.getvalue()


def _row(report: Report, themes: Sequence[str]) -> list[str]:
    scores = {theme.id: theme.score for theme in report.themes}
    theme_cells = ["" if scores.get(theme) is None else f"{scores[theme]:.1f}" for theme in themes]
    return [
        report.input,
        report.locality.id,
        report.locality.name,
        report.score_display,
        report.band,
        *theme_cells,
        f"{100 * report.evidence_coverage:.1f}",
    ]


def _robustness(report: Report) -> list[str]:
    block = report.robustness
    if block is None:
        return [""] * len(_ROBUSTNESS)
    ranks = [] if block.ranks is None else [block.ranks.median, block.ranks.p5, block.ranks.p95]
    return [
        f"{block.score_p5:.1f}",
        f"{block.score_median:.1f}",
        f"{block.score_p95:.1f}",
        "yes" if block.band_stable else "no",
        *([f"{rank:g}" for rank in ranks] or ["", "", ""]),
    ]
