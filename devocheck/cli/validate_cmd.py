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
    DEFAULT_RUBRIC,
    MaxDepth,
    MaxFileSize,
    RubricRef,
    input_limits,
)
from devocheck.cli.output import write_stdout


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
        typer.Option(
            "--format",
            "-f",
            help="text: file:line:col: message lines; json: one record per file (valid or not, "
            "with its problems), as the JSON report's entries.",
        ),
    ] = ProblemFormat.TEXT,
    rubric: RubricRef = DEFAULT_RUBRIC,
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
    from devocheck.cli.output import compiler_line
    from devocheck.model import ValidationResult
    from devocheck.rubric.ids import criterion_ids as rubric_criterion_ids
    from devocheck.validate.locality import validate_file
    from devocheck.validate.messages import plural

    files, unmatched = expand_inputs(paths)
    criterion_ids = rubric_criterion_ids(rubric)  # what waivers may name; a broken rubric stops here
    limits = input_limits(max_file_size, max_depth)
    if fix:
        from devocheck.cli.fix import fix_file

        for path in files:
            fix_file(path, criterion_ids, limits)
    results = [ValidationResult(p.file, (p,)) for p in unmatched] + [
        validate_file(path, criterion_ids=criterion_ids, limits=limits) for path in files
    ]
    problems = sorted((d for result in results for d in result.diagnostics), key=lambda d: d.sort_key())
    if output_format is ProblemFormat.JSON:
        from devocheck.score.codec import REPORT_VERSION, diagnostic_to_dict

        records = [
            {
                "report_version": REPORT_VERSION,
                "input": result.source_name,
                "valid": result.ok,
                "diagnostics": [diagnostic_to_dict(d) for d in result.diagnostics],
            }
            for result in results
        ]
        write_stdout(json.dumps(records, indent=2, ensure_ascii=False) + "\n", terminal=False)
    else:
        for problem in problems:
            typer.echo(compiler_line(problem))
    invalid = sum(not result.ok for result in results[len(unmatched) :])
    errors = sum(d.severity == "error" for d in problems)
    summary = f"{len(files) - invalid} of {plural(len(files), 'file')} valid" if files else "no files checked"
    counts = [plural(errors, "problem")] if errors else []
    counts += [plural(len(problems) - errors, "warning")] if len(problems) > errors else []
    typer.echo(summary + (f"; {', '.join(counts)}" if counts else ""), err=True)
    raise typer.Exit(ExitCode.INPUT if errors else ExitCode.OK)  # warnings are said, not failed on
