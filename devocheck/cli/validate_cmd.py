"""``devocheck validate``: schema and semantic checks, compiler-style output."""

from __future__ import annotations

import enum
import json
from typing import Annotated

import typer

from devocheck.cli.app import ExitCode, app
from devocheck.cli.options import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_DEPTH,
    MaxDepth,
    MaxFileSize,
    RubricRef,
    input_limits,
)


class ProblemFormat(enum.StrEnum):
    TEXT = "text"
    JSON = "json"


@app.command()
def validate(
    paths: Annotated[
        list[str], typer.Argument(help="Locality files, directories (searched for *.yaml/*.yml) or globs.")
    ],
    output_format: Annotated[
        ProblemFormat,
        typer.Option("--format", "-f", help="text: file:line:col: message lines; json: a list."),
    ] = ProblemFormat.TEXT,
    rubric: RubricRef = "ifg-2015",
    max_file_size: MaxFileSize = DEFAULT_MAX_BYTES,
    max_depth: MaxDepth = DEFAULT_MAX_DEPTH,
) -> None:
    """Check locality files against the format: every problem as file:line:col: message.

    Example: devocheck validate examples/
    """
    from devocheck.cli.inputs import expand_inputs
    from devocheck.rubric.catalog import criterion_ids as rubric_criterion_ids
    from devocheck.validate.locality import validate_file

    files, problems = expand_inputs(paths)
    criterion_ids = rubric_criterion_ids(rubric)  # what waivers may name; a broken rubric stops here
    limits = input_limits(max_file_size, max_depth)
    for path in files:
        problems.extend(validate_file(path, criterion_ids=criterion_ids, limits=limits).diagnostics)
    problems.sort(key=lambda d: d.sort_key())
    if output_format is ProblemFormat.JSON:
        from devocheck.render.json import diagnostic_to_dict

        typer.echo(json.dumps([diagnostic_to_dict(d) for d in problems], indent=2, ensure_ascii=False))
    else:
        for problem in problems:
            typer.echo(str(problem))
    bad_files = len({p.file for p in problems})
    summary = f"{len(files) - bad_files} of {len(files)} files valid" if files else "no files checked"
    typer.echo(summary + (f"; {len(problems)} problems" if problems else ""), err=True)
    raise typer.Exit(ExitCode.INPUT if problems else ExitCode.OK)
