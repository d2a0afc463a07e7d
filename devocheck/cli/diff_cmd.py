"""``devocheck diff OLD NEW``: what moved between two assessments of a place, and why."""

from __future__ import annotations

import enum
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from devocheck.cli.app import ExitCode, app
from devocheck.cli.options import DEFAULT_RUBRIC, AssessmentDate, RubricRef


class DiffFormat(enum.StrEnum):
    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"


def load_reports(path: Path) -> list[dict[str, Any]]:
    """The reports in a saved JSON report file: the envelope ``assess --format json`` writes
    (``report_version`` 2), or, from version 1, one report object or a list of them.

    Entries for files that could not be assessed are skipped; anything that is not a
    devocheck report is an ``InputError`` at its position.
    """
    import json

    from devocheck.errors import InputError
    from devocheck.model import Position
    from devocheck.score.codec import as_report_dict

    name = str(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError.at(
            name, f"cannot read: {(exc.strerror or str(exc)).lower()}", code="io.read"
        ) from None
    except UnicodeDecodeError:
        raise InputError.at(name, "not UTF-8 text", code="io.encoding") from None
    except json.JSONDecodeError as exc:
        position = Position(exc.lineno, exc.colno)
        raise InputError.at(name, f"not JSON: {exc.msg}", code="json.syntax", position=position) from None
    envelope = isinstance(data, dict) and isinstance(data.get("reports"), list)
    several = envelope or isinstance(data, list)
    entries = data["reports"] if envelope else data if isinstance(data, list) else [data]
    reports = []
    for index, entry in enumerate(entries):
        if isinstance(entry, dict) and entry.get("valid") is False:
            continue
        where = f"entry {index}" if several else "the file"
        try:
            reports.append(dict(as_report_dict(entry if isinstance(entry, dict) else {}, where)))
        except ValueError as exc:
            raise InputError.at(name, str(exc), code="report.invalid") from None
    return reports


def _side(path: Path, rubric: str, on: date | None, today: date) -> dict[str, Any]:
    """A JSON report file as saved, or a locality file assessed now."""
    from devocheck.errors import InputError

    if path.suffix == ".json":
        reports = load_reports(path)
        if len(reports) != 1:
            raise InputError.at(
                str(path), f"holds {len(reports)} reports; diff compares one with one", code="report.count"
            )
        return reports[0]
    from devocheck.pipeline import assess
    from devocheck.score.codec import report_to_dict

    return report_to_dict(assess(path, rubric=rubric, assessment_date=on, today=today))


@app.command()
def diff(
    old: Annotated[Path, typer.Argument(help="The earlier locality file, or a JSON report saved from it.")],
    new: Annotated[Path, typer.Argument(help="The later locality file, or a JSON report saved from it.")],
    output_format: Annotated[
        DiffFormat,
        typer.Option(
            "--format", "-f", help="text for people, markdown or html for a paper, json for machines."
        ),
    ] = DiffFormat.TEXT,
    rubric: RubricRef = DEFAULT_RUBRIC,
    on: AssessmentDate = None,
    fail_on_regression: Annotated[
        bool,
        typer.Option(
            "--fail-on-regression",
            help="Exit 1 if the score or any criterion level fell (not across rubric versions unless asked).",
        ),
    ] = False,
    across_rubric_versions: Annotated[
        bool,
        typer.Option(
            "--regression-across-rubric-versions",
            help="With --fail-on-regression: also fail when the two reports used different rubric versions.",
        ),
    ] = False,
) -> None:
    """Compare two assessments: score and band change, and every criterion whose level moved, with its facts.

    Locality files are assessed with --rubric on --date; JSON reports carry their own.

    Example: devocheck diff last-year.json examples/north-shire.yaml --format html > change.html
    """
    import json

    from devocheck.render._diff import diff_text
    from devocheck.score.diff import diff_reports, diff_to_dict

    today = date.today()
    from devocheck.cli.inputs import shown

    change = diff_reports(_side(shown(old), rubric, on, today), _side(shown(new), rubric, on, today))
    if output_format is DiffFormat.JSON:
        typer.echo(json.dumps(diff_to_dict(change), indent=2, ensure_ascii=False))
    elif output_format in (DiffFormat.MARKDOWN, DiffFormat.HTML):
        from devocheck.render import _diff

        paper = _diff.markdown if output_format is DiffFormat.MARKDOWN else _diff.html
        typer.echo(paper(change), nl=False)
    else:
        typer.echo(diff_text(change), nl=False)
    failed = fail_on_regression and change.counts_as_regression(across_rubric_versions)
    raise typer.Exit(ExitCode.THRESHOLD if failed else ExitCode.OK)
