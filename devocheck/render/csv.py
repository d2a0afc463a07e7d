"""The ``csv`` format: one row per locality, for league tables across many places.

Columns: file, id, name, score, band, one column per theme (by theme id, in rubric order,
the union over all reports), evidence coverage and error; with ``assess --robustness``, also
the score's 5th percentile, median and 95th percentile over the weight draws, whether the band
held every one-at-a-time change, and in a batch the rank's median, 5th and 95th percentiles.
Scores are 0..100 with one decimal, cut (not rounded) like every shown score; coverage is a
percentage, cut the same way. A file that could not be
assessed has only its file name and the error. Text cells are one line and never start
like a spreadsheet formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from devocheck.render import Item, RenderOptions, outcomes_of
from devocheck.render._escape import spreadsheet_cell
from devocheck.score.report import NotAssessed, Report, cut

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
    outcomes = outcomes_of(items)
    reports = [outcome for outcome in outcomes if isinstance(outcome, Report)]
    themes = list(dict.fromkeys(theme.id for report in reports for theme in report.themes))
    robust = _ROBUSTNESS if any(report.robustness is not None for report in reports) else []
    header = ["file", "id", "name", "score", "band", *themes, "evidence_coverage_pct", *robust, "error"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([spreadsheet_cell(cell) for cell in header])
    for outcome in outcomes:
        if isinstance(outcome, NotAssessed):
            errors = [str(d) for d in outcome.errors]
            row = [outcome.input, *[""] * (len(header) - 2), "; ".join(errors)]
        else:
            row = [*_row(outcome, themes), *(_robustness(outcome) if robust else []), ""]
        writer.writerow([spreadsheet_cell(cell) for cell in row])
    return buffer.getvalue()


def _row(report: Report, themes: Sequence[str]) -> list[str]:
    scores = {theme.id: theme.score for theme in report.themes}
    theme_cells = ["" if (score := scores.get(theme)) is None else cut(score) for theme in themes]
    return [
        report.input,
        report.locality.id,
        report.locality.name,
        report.score_display,
        report.band,
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
