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
    from devocheck.cli.output import compiler_line
    from devocheck.rubric.ids import criterion_ids as rubric_criterion_ids
    from devocheck.validate.locality import validate_file

    files, problems = expand_inputs(paths)
    criterion_ids = rubric_criterion_ids(rubric)  # what waivers may name; a broken rubric stops here
    limits = input_limits(max_file_size, max_depth)
    for path in files:
        problems.extend(validate_file(path, criterion_ids=criterion_ids, limits=limits).diagnostics)
    problems.sort(key=lambda d: d.sort_key())
    if output_format is ProblemFormat.JSON:
        from devocheck.score.codec import diagnostic_to_dict

        typer.echo(json.dumps([diagnostic_to_dict(d) for d in problems], indent=2, ensure_ascii=False))
    else:
        for problem in problems:
            typer.echo(compiler_line(problem))
    errors = [p for p in problems if p.severity == "error"]
    bad_files = len({p.file for p in errors})
    summary = f"{len(files) - bad_files} of {len(files)} files valid" if files else "no files checked"
    warned = len(problems) - len(errors)
    summary += f"; {len(errors)} problems" if errors else ""
    summary += f"; {warned} warnings" if warned else ""
    typer.echo(summary, err=True)
    raise typer.Exit(ExitCode.INPUT if errors else ExitCode.OK)
