"""``devocheck explain``: what a criterion (or a tier, or a tier requirement) asks, why it
matters, and which facts it reads."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Annotated

import typer

from devocheck.cli.app import ExitCode, app
from devocheck.rubric import DEFAULT_RUBRIC

if TYPE_CHECKING:
    from devocheck.rubric.model import Criterion, Requirement, Rubric, Tier

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
    return [name for name in _explained(rubric) if name.startswith(incomplete)]


def _explained(rubric: Rubric) -> list[str]:
    """Everything ``explain`` has a page for: criteria, tiers and tier requirements."""
    return [
        *(criterion.id for criterion in rubric.criteria),
        *(tier.id for tier in rubric.tiers),
        *(requirement.id for requirement in rubric.requirements),
    ]


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


def _metric_lines(names: tuple[str, ...]) -> list[str]:
    from devocheck.measure import METRICS

    return [f"  {name}: {METRICS[name].description}" for name in names]


def requirement_page(rubric: Rubric, requirement: Requirement) -> str:
    """The explain page of one tier requirement: what it asks, its basis and source, what it reads."""
    tier = next(tier for tier in rubric.tiers if tier.id == requirement.tier)
    blocks = "must hold for the tier to be met" if requirement.blocking else "never blocks the tier"
    lines = [
        f"{requirement.id}: a requirement of tier {tier.id} ({tier.title})",
        f"  basis: {requirement.basis} ({blocks})",
        "",
        _wrap(requirement.description),
        _wrap(f"Source: {requirement.source}"),
    ]
    if requirement.remediation:
        lines += ["", "To meet it:", _wrap(requirement.remediation)]
    lines += [
        "",
        "It holds when its condition is true, is unmet when false, and is not stated when the facts",
        "it reads are absent and the stated ones do not decide it.",
        "Metrics it reads:",
        *_metric_lines(requirement.condition.metrics),
    ]
    if rubric.tier_note:
        lines += ["", _wrap(rubric.tier_note, "", "")]
    return "\n".join(lines)


def tier_page(rubric: Rubric, tier: Tier) -> str:
    """The explain page of one tier: its requirements and theirs below it."""
    index = rubric.tiers.index(tier)
    lines = [f"{tier.id}: {tier.title}"]
    if tier.description:
        lines.append(_wrap(tier.description))
    lines += ["", "Met when every statute and policy requirement below holds (guidance never blocks):"]
    for lower in rubric.tiers[: index + 1]:
        lines.append(
            f"  {lower.id}:"
            + ("  (every one holds for a body the law makes this tier)" if lower.deemed else "")
        )
        lines += [_wrap(f"{r.id} ({r.basis}): {r.description}", "    ", "      ") for r in lower.requirements]
    if rubric.tier_note:
        lines += ["", _wrap(rubric.tier_note, "", "")]
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
    if rubric.tiers:
        lines += ["", "Tiers, lowest first (requirements: statute and policy block, guidance never does):"]
        for tier in rubric.tiers:
            lines.append(f"{tier.id}: {tier.title}")
            lines += [f"  {r.id:<34} {r.basis:<9} {r.description}" for r in tier.requirements]
    what = "one criterion, tier or requirement" if rubric.tiers else "one criterion"
    lines += ["", f"devocheck explain ID shows {what} in full."]
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
    pages = {
        **{tier.id: tier_page(rules, tier) for tier in rules.tiers if tier.id == criterion},
        **{r.id: requirement_page(rules, r) for r in rules.requirements if r.id == criterion},
        **{c.id: criterion_page(rules, c) for c in rules.criteria if c.id == criterion},
    }
    if criterion not in pages:
        close = suggestions(criterion, _explained(rules))
        hint = f"did you mean {' or '.join(repr(c) for c in close)}? " if close else ""
        elsewhere = _other_builtin(criterion, rules.id)
        typer.echo(
            f"devocheck explain: no criterion '{criterion}' in {rules.id} "
            f"({elsewhere or hint}`devocheck explain` lists them)",
            err=True,
        )
        raise typer.Exit(ExitCode.INPUT)
    typer.echo(pages[criterion])


def _other_builtin(name: str, current: str) -> str:
    """``it is in strategic-authority-2026: add --rubric ...; `` when another built-in rubric has it."""
    from devocheck.rubric.catalog import list_builtin_rubrics
    from devocheck.rubric.model import load_rubric

    for other in list_builtin_rubrics():
        if other != current and name in _explained(load_rubric(other)):
            return f"it is in {other}: add --rubric {other}; "
    return ""
