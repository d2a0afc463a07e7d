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
from devocheck.model import Diagnostic


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
    fix: Annotated[
        bool,
        typer.Option(
            "--fix",
            help="Rewrite, in place, the slips that cannot change the meaning (invisible characters, "
            "typographic quotes and dashes in dates and ids, thousands separators, 2026-9-1), "
            "printing each change; comments and layout are kept.",
        ),
    ] = False,
) -> None:
    """Check locality files against the format: every problem as file:line:col: message.

    Example: devocheck validate examples/
    """
    from devocheck.cli.inputs import expand_inputs
    from devocheck.rubric.catalog import criterion_ids as rubric_criterion_ids
    from devocheck.validate.locality import validate_file
    from devocheck.validate.messages import plural

    files, problems = expand_inputs(paths)
    criterion_ids = rubric_criterion_ids(rubric)  # what waivers may name; a broken rubric stops here
    limits = input_limits(max_file_size, max_depth)
    for path in files:
        if fix:
            from devocheck.cli.fix import fix_file

            fix_file(path, criterion_ids, limits)
        problems.extend(validate_file(path, criterion_ids=criterion_ids, limits=limits).diagnostics)
    problems.sort(key=lambda d: d.sort_key())
    if output_format is ProblemFormat.JSON:
        from devocheck.render.json import diagnostic_to_dict

        typer.echo(json.dumps([diagnostic_to_dict(d) for d in problems], indent=2, ensure_ascii=False))
    else:
        for problem in problems:
            typer.echo(str(problem) if problem.severity == "error" else _warning_line(problem))
    errors = [p for p in problems if p.severity == "error"]
    warnings = len(problems) - len(errors)
    bad_files = len({p.file for p in errors})
    summary = (
        f"{len(files) - bad_files} of {plural(len(files), 'file')} valid" if files else "no files checked"
    )
    summary += f"; {plural(len(errors), 'problem')}" if errors else ""
    summary += f"; {plural(warnings, 'warning')}" if warnings else ""
    typer.echo(summary, err=True)
    raise typer.Exit(ExitCode.INPUT if errors else ExitCode.OK)


def _warning_line(problem: Diagnostic) -> str:
    """``file:line:col: warning: message``, as compilers write a warning."""
    where = f"{problem.file}:{problem.position.line}:{problem.position.column}"
    return f"{where}: warning: {problem.message}"
