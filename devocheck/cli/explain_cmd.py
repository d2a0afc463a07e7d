"""``devocheck explain``: what a criterion asks, why it matters, and which facts it reads."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Annotated

import typer

from devocheck.cli.app import ExitCode, app
from devocheck.rubric import DEFAULT_RUBRIC

if TYPE_CHECKING:
    from devocheck.rubric.model import Criterion, Rubric

RubricOption = Annotated[
    str,
    typer.Option("--rubric", "-r", help="Built-in rubric id or rubric file (see `devocheck rubric list`)."),
]


def complete_criterion(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion: the criterion ids of the rubric chosen so far that start with ``incomplete``."""
    from devocheck.errors import DevocheckError
    from devocheck.rubric.model import load_rubric

    try:
        rubric = load_rubric(ctx.params.get("rubric") or DEFAULT_RUBRIC)
    except DevocheckError:
        return []
    return [criterion.id for criterion in rubric.criteria if criterion.id.startswith(incomplete)]


def _wrap(text: str, indent: str = "  ", hang: str = "  ") -> str:
    """``text`` filled to 96 columns, first line after ``indent``, the rest after ``hang``."""
    return textwrap.fill(" ".join(text.split()), width=96, initial_indent=indent, subsequent_indent=hang)


def suggestions(word: str, known: list[str]) -> list[str]:
    """Ids that contain ``word`` (a theme or the part after the dot), else the closest spellings."""
    from devocheck.validate.messages import did_you_mean

    containing = [name for name in known if word and word in name]
    return containing[:3] or did_you_mean(word, known, limit=3)


def criterion_page(rubric: Rubric, criterion: Criterion) -> str:
    """The explain page of one criterion, as plain text."""
    from devocheck.measure import METRICS

    theme = next(theme for theme in rubric.themes if theme.id == criterion.theme)
    lines = [
        f"{criterion.id}: {criterion.title}",
        f"  theme: {theme.id} ({theme.title}, theme weight {theme.weight:g})",
        f"  weight: {criterion.weight:g} within the theme; levels 0..{criterion.max_level}",
        "  gate: yes - at level 0 it caps the band at " + rubric.gate_cap if criterion.gate else "  gate: no",
        "",
        "Levels (each needs every level below it):",
        "  0  none of the below",
        *(_wrap(level.description, f"  {level.number}  ", "     ") for level in criterion.levels),
        "",
        "Why it matters:",
        _wrap(criterion.rationale),
    ]
    if criterion.cites:
        lines.append(_wrap(f"Source: {criterion.cites}"))
    lines += ["", "To improve:", _wrap(criterion.remediation)]
    lines += [
        _wrap(level.remediation, f"  to reach {level.number}: ", "    ")
        for level in criterion.levels
        if level.remediation
    ]
    lines.append("")
    evidence = (
        "its evidence condition holds"
        if criterion.evidence is not None
        else "these sections are present: " + ", ".join(criterion.reads)
    )
    lines.append(f"Evidence: the criterion has evidence when {evidence}.")
    reads = tuple(
        dict.fromkeys((*criterion.metrics, *(criterion.evidence.metrics if criterion.evidence else ())))
    )
    if reads:
        lines.append("Metrics it reads:")
        lines += [f"  {name}: {METRICS[name].description}" for name in reads]
    else:
        lines.append("Metrics it reads: none (its conditions test the data directly with schema:)")
    return "\n".join(lines)


def criteria_list(rubric: Rubric) -> str:
    """Every criterion of ``rubric``, grouped by theme, one line each."""
    lines = [f"{rubric.id} v{rubric.version}: {rubric.title}", ""]
    for theme in rubric.themes:
        lines.append(f"{theme.id} (weight {theme.weight:g}): {theme.title}")
        lines += [
            f"  {c.id:<34} w{c.weight:<3g} L{c.max_level}{'  gate' if c.gate else '      '}  {c.title}"
            for c in theme.criteria
        ]
    lines += ["", "devocheck explain ID shows one criterion in full."]
    return "\n".join(lines)


@app.command()
def explain(
    criterion: Annotated[
        str | None,
        typer.Argument(
            help="A criterion id; leave it out to list them all.",
            autocompletion=complete_criterion,
            show_default=False,
        ),
    ] = None,
    rubric: RubricOption = DEFAULT_RUBRIC,
) -> None:
    """Explain a criterion: its levels, why it matters, how to improve, the metrics it reads.

    Example: devocheck explain data-sharing.agreements
    """
    from devocheck.rubric.model import load_rubric

    rules = load_rubric(rubric)
    if criterion is None:
        typer.echo(criteria_list(rules))
        return
    by_id = {c.id: c for c in rules.criteria}
    if criterion not in by_id:
        close = suggestions(criterion, list(by_id))
        hint = f"did you mean {' or '.join(repr(c) for c in close)}? " if close else ""
        typer.echo(
            f"devocheck explain: no criterion '{criterion}' in {rules.id} "
            f"({hint}`devocheck explain` lists them)",
            err=True,
        )
        raise typer.Exit(ExitCode.INPUT)
    typer.echo(criterion_page(rules, by_id[criterion]))
