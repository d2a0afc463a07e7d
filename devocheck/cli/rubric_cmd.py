"""``devocheck rubric list | show | check | test``: browse, check and unit-test rubrics."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from devocheck.cli.app import ExitCode, app

if TYPE_CHECKING:
    from devocheck.rubric.model import Rubric

rubric_app = typer.Typer(
    name="rubric",
    help="Browse the built-in rubrics, check a rubric file, and run its unit tests.\n\n"
    "Example: devocheck rubric check my-rubric.yaml",
    no_args_is_help=True,
)
app.add_typer(rubric_app)


def complete_rubric(incomplete: str) -> list[str]:
    """Shell completion: built-in rubric ids (files complete as files in the shell)."""
    from devocheck.rubric.catalog import list_builtin_rubrics

    return [name for name in list_builtin_rubrics() if name.startswith(incomplete)]


RubricArgument = Annotated[
    str,
    typer.Argument(
        help="A built-in rubric id or a rubric file.", autocompletion=complete_rubric, show_default=False
    ),
]


def _summary(rubric: Rubric) -> str:
    gates = sum(criterion.gate for criterion in rubric.criteria)
    return (
        f"{len(rubric.themes)} themes, {len(rubric.criteria)} criteria ({gates} gates), "
        f"bands {' < '.join(band.name for band in rubric.bands)}"
    )


@rubric_app.command("list")
def list_rubrics() -> None:
    """List the built-in rubrics.

    Example: devocheck rubric list
    """
    from devocheck.rubric.catalog import list_builtin_rubrics
    from devocheck.rubric.model import load_rubric

    for name in list_builtin_rubrics():
        rubric = load_rubric(name)
        typer.echo(f"{rubric.id}  v{rubric.version}  {rubric.title}\n    {_summary(rubric)}")


@rubric_app.command()
def show(rubric: RubricArgument) -> None:
    """Show a rubric as a tree: bands, themes, criteria and what each level requires.

    Example: devocheck rubric show ifg-2015
    """
    from rich.console import Console
    from rich.markup import escape
    from rich.tree import Tree

    from devocheck.rubric.model import load_rubric

    rules = load_rubric(rubric)
    root = Tree(f"[bold]{escape(rules.id)}[/] v{rules.version}: {escape(rules.title)}")
    root.add(f"source: {escape(rules.source)}")
    bands = root.add("bands (a failed gate caps the band at " + escape(rules.gate_cap) + ")")
    for band in rules.bands:
        bands.add(f"{escape(band.name)}: from {band.min:g}")
    for theme in rules.themes:
        branch = root.add(f"[bold]{escape(theme.id)}[/] (weight {theme.weight:g}): {escape(theme.title)}")
        for criterion in theme.criteria:
            gate = ", [red]gate[/]" if criterion.gate else ""
            label = f"[cyan]{escape(criterion.id)}[/] (weight {criterion.weight:g}{gate})"
            node = branch.add(f"{label}: {escape(criterion.title)}")
            for level in criterion.levels:
                node.add(f"{level.number}. {escape(level.description)}")
    Console(highlight=False).print(root)


@rubric_app.command()
def check(
    file: Annotated[Path, typer.Argument(help="The rubric file to check.", show_default=False)],
) -> None:
    """Check a rubric file: meta-schema, unique ids, weights, levels, conditions, bands.

    Every problem is printed as file:line:col: message (exit 2). A level reached by a locality
    that states nothing it reads is a warning (exit 0).

    Example: devocheck rubric check my-rubric.yaml
    """
    from devocheck.cli.output import compiler_line
    from devocheck.load.loader import load
    from devocheck.rubric.catalog import builtin_rubric_dir, list_builtin_rubrics
    from devocheck.rubric.model import load_rubric
    from devocheck.score.probe import vacuous_levels

    rubric = load_rubric(file)
    for warning in vacuous_levels(rubric, load(file)):
        typer.echo(compiler_line(warning))
    typer.echo(f"{file}: ok: {rubric.id} v{rubric.version}, {_summary(rubric)}")
    if rubric.id in list_builtin_rubrics() and Path(rubric.file).parent != builtin_rubric_dir().resolve():
        typer.echo(
            f"{file}: warning: id '{rubric.id}' is a built-in rubric's; reports scored with this file"
            " will be taken for the built-in one's (give the rubric an id of its own)",
            err=True,
        )


@rubric_app.command()
def test(
    rubric: RubricArgument,
    cases: Annotated[
        Path | None,
        typer.Argument(
            help="The cases file; default: cases/<rubric>.cases.yaml beside the rubric.", show_default=False
        ),
    ] = None,
) -> None:
    """Run a rubric's unit tests: assess each case's snippet and compare with the expected levels.

    Each mismatch is printed as file:line:col: case 'NAME': what was expected and what came out;
    exit 1 when any case fails, 2 when a file is invalid.

    Example: devocheck rubric test my-rubric.yaml my-rubric.cases.yaml
    """
    from datetime import date

    from devocheck.load.loader import load
    from devocheck.rubric.model import load_rubric
    from devocheck.score.cases import builtin_cases, load_cases, run_cases

    rules = load_rubric(rubric)
    path = cases if cases is not None else builtin_cases(Path(rules.file))
    results = run_cases(load_cases(load(path), rules), rules, date.today())
    for result in results:
        for mismatch in result.mismatches:
            typer.echo(str(mismatch))
    failed = sum(not result.passed for result in results)
    typer.echo(f"{len(results) - failed} of {len(results)} cases pass ({path})", err=True)
    raise typer.Exit(ExitCode.THRESHOLD if failed else ExitCode.OK)
