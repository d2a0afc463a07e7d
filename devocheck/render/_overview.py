"""The portfolio overview of a batch, built once for the HTML and Markdown formats.

Not a format (leading underscore). ``overview`` turns a batch's outcomes into an ``Overview``:
a league table of the assessed places ranked by score, a heatmap of theme scores by place,
and the files that could not be assessed, listed apart and not ranked. Renderers only lay
it out, so both formats rank, cut and word the same figures the same way.

Ranking: highest score first; places with exactly the same score share a rank (standard
competition ranking, ``1, 1, 3``) and are listed by name, then file. Scores and theme scores
are shown cut to one decimal (``score.report.cut``), never rounded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from devocheck.render._words import band_tone, no_evidence, rank_text
from devocheck.score.report import FileResult, NotAssessed, Report, ThemeResult, cut, percent

#: Heatmap shades: a theme score's fifth of 0..100 (``heat-0`` for below 20 .. ``heat-4`` from 80).
HEAT_STEPS = 5


@dataclass(frozen=True, slots=True)
class Cell:
    """One theme score of one place in the heatmap."""

    text: str
    """The score cut to one decimal, ``no evidence``, ``all waived`` or ``n/a`` (theme not in the rubric)."""
    heat: str
    """The cell's shade: ``heat-0`` .. ``heat-4`` by score, else ``none`` (no evidence), ``na``."""


@dataclass(frozen=True, slots=True)
class Row:
    """One assessed place in the league table and the heatmap."""

    rank: int
    """1 for the highest score; tied places share the rank."""
    tied: bool
    """Another place has the same score (the rank is shown ``=1``)."""
    position: int
    """1-based place of the file in the batch as given: its section's anchor is ``place-N``."""
    name: str
    input: str
    score: str
    """Cut to one decimal."""
    band: str
    tone: str
    """The band's place among the rubric's bands (``low`` .. ``high``), for its colour."""
    coverage: str
    """Evidence coverage as a whole percentage."""
    gates_failed: int
    ranks: str | None
    """Rank over the weight draws as ``median (p5-p95)``; None without ``--robustness``."""
    cells: tuple[Cell, ...]
    """One per ``Overview.themes`` entry."""

    @property
    def rank_label(self) -> str:
        return f"={self.rank}" if self.tied else str(self.rank)


@dataclass(frozen=True, slots=True)
class Apart:
    """A file listed apart from the ranking, and why."""

    position: int
    input: str
    reason: str


@dataclass(frozen=True, slots=True)
class Overview:
    """A batch at a glance: ``rows`` best first, theme columns, files not ranked."""

    rows: tuple[Row, ...]
    themes: tuple[str, ...]
    """Theme titles, the heatmap's columns: the rubric's order, first appearance across the batch."""
    apart: tuple[Apart, ...]
    robustness: bool
    """Some place carries a rank interval over the weight draws (``assess --robustness``)."""


def overview(outcomes: Sequence[FileResult]) -> Overview:
    """The overview of ``outcomes`` (in the batch's order; ``position`` counts from 1)."""
    reports = [(index, outcome) for index, outcome in enumerate(outcomes, 1) if isinstance(outcome, Report)]
    columns: dict[str, str] = {}
    for _, report in reports:
        for theme in report.themes:
            columns.setdefault(theme.id, theme.title)
    ordered = sorted(reports, key=lambda pair: (-pair[1].score, pair[1].locality.name, pair[1].input))
    counts: dict[float, int] = {}
    for _, report in ordered:
        counts[report.score] = counts.get(report.score, 0) + 1
    rows: list[Row] = []
    for number, (position, report) in enumerate(ordered, 1):
        first = rows[-1].rank if rows and ordered[number - 2][1].score == report.score else number
        by_id = {theme.id: theme for theme in report.themes}
        block = report.robustness
        rows.append(
            Row(
                rank=first,
                tied=counts[report.score] > 1,
                position=position,
                name=report.locality.name,
                input=report.input,
                score=report.score_display,
                band=report.band,
                tone=band_tone(report),
                coverage=percent(report.evidence_coverage),
                gates_failed=len(report.gate_failures),
                ranks=None if block is None or block.ranks is None else rank_text(block.ranks),
                cells=tuple(_cell(by_id.get(theme)) for theme in columns),
            )
        )
    apart = tuple(
        Apart(index, outcome.input, "has errors, so it was not assessed")
        for index, outcome in enumerate(outcomes, 1)
        if isinstance(outcome, NotAssessed)
    )
    return Overview(tuple(rows), tuple(columns.values()), apart, any(row.ranks for row in rows))


def _cell(theme: ThemeResult | None) -> Cell:
    if theme is None:
        return Cell("n/a", "na")
    if theme.score is None:
        return Cell("all waived", "na")
    if no_evidence(theme):
        return Cell("no evidence", "none")
    step = min(int(theme.score * HEAT_STEPS // 100), HEAT_STEPS - 1)
    return Cell(cut(theme.score), f"heat-{step}")
