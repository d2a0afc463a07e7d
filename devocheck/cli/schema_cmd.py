"""``devocheck schema``: print a shipped JSON Schema (for editors and other tools)."""

from __future__ import annotations

import enum
from typing import Annotated

import typer

from devocheck.cli.app import app


class SchemaName(enum.StrEnum):
    LOCALITY = "locality"
    RUBRIC = "rubric"
    REPORT = "report"


@app.command()
def schema(
    name: Annotated[
        SchemaName,
        typer.Argument(help="locality: the input format; rubric: rubric files; report: --format json."),
    ],
) -> None:
    """Print a JSON Schema (Draft 2020-12): locality, rubric or report.

    Example: devocheck schema locality > locality.schema.json
    """
    from devocheck.schemas import schema_text

    typer.echo(schema_text(name.value), nl=False)
