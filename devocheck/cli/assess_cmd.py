"""``devocheck assess``: score locality files against a rubric and render the reports."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from devocheck.cli.app import ExitCode, app
from devocheck.cli.options import DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, MaxDepth, MaxFileSize, input_limits

if TYPE_CHECKING:
    from devocheck.render import Outcome


def _parse_date(text: str | date) -> date:
    if isinstance(text, date):
        return text
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(f"{text!r} is not a date: write YYYY-MM-DD") from None


def _check_format(name: str) -> str:
    from devocheck.render import format_names

    if name not in format_names():
        raise typer.BadParameter(f"unknown format {name!r}; choose from {', '.join(format_names())}")
    return name


@app.command()
def assess(
    paths: Annotated[
        list[str], typer.Argument(help="Locality files, directories (searched for *.yaml/*.yml) or globs.")
    ],
    rubric: Annotated[
        str, typer.Option("--rubric", "-r", help="Built-in rubric id or a rubric file.")
    ] = "ifg-2015",
    on: Annotated[
        date | None,
        typer.Option(
            "--date",
            metavar="YYYY-MM-DD",
            parser=_parse_date,
            help="Assess as of this day [default: the file's assessment_date, else today].",
        ),
    ] = None,
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            callback=_check_format,
            help="rich, json, markdown, html, sarif, junit, csv, ... (see `devocheck formats`).",
        ),
    ] = "rich",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write here instead of stdout; a directory gets one file per input."
        ),
    ] = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="Worker processes [default: number of CPUs].")
    ] = None,
    width: Annotated[
        int | None, typer.Option(help="Width of the rich report [default: the terminal's].")
    ] = None,
    max_file_size: MaxFileSize = DEFAULT_MAX_BYTES,
    max_depth: MaxDepth = DEFAULT_MAX_DEPTH,
) -> None:
    """Score localities against a rubric: where each place stands, why, and what to do next.

    Example: devocheck assess examples/north-shire.yaml --format html -o report.html
    """
    from functools import partial

    from devocheck.assess import outcome
    from devocheck.batch import default_jobs, ordered_map
    from devocheck.cli.inputs import expand_inputs
    from devocheck.model import ValidationResult
    from devocheck.rubric import load_rubric

    files, problems = expand_inputs(paths)
    load_rubric(rubric)  # a broken rubric stops here, once, with its position
    assess_one = partial(
        outcome,
        rubric=rubric,
        assessment_date=on,
        today=date.today(),
        limits=input_limits(max_file_size, max_depth),
    )
    outcomes: list[Outcome] = [ValidationResult(p.file, (p,)) for p in problems]
    outcomes.extend(ordered_map(assess_one, [str(f) for f in files], jobs or default_jobs()))
    for result in outcomes:
        if isinstance(result, ValidationResult):
            for diagnostic in result.diagnostics:
                typer.echo(str(diagnostic), err=True)
    _emit(outcomes, output_format, output, width)
    invalid = any(isinstance(result, ValidationResult) for result in outcomes)
    raise typer.Exit(ExitCode.INPUT if invalid or not outcomes else ExitCode.OK)


def _emit(outcomes: list[Outcome], output_format: str, output: Path | None, width: int | None) -> None:
    """Render to stdout, to one file, or to one file per input in a directory."""
    from devocheck.cli.output import write_atomically
    from devocheck.model import ValidationResult
    from devocheck.render import RenderOptions, render, renderer

    if output is None:
        color = output_format == "rich" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
        options = RenderOptions(width=width or _terminal_width(), color=color)
        typer.echo(render(outcomes, output_format, options), nl=False)
        return
    options = RenderOptions(width=width or 100, color=False)
    if output.is_dir():
        extension = renderer(output_format).EXTENSION
        for item in outcomes:
            name = Path(item.source_name if isinstance(item, ValidationResult) else item.input).stem
            write_atomically(output / f"{name}{extension}", [render([item], output_format, options)])
        return
    write_atomically(output, [render(outcomes, output_format, options)])


def _terminal_width() -> int:
    import shutil

    return max(60, min(shutil.get_terminal_size((100, 24)).columns, 120))
