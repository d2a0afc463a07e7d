"""The ``github`` format: GitHub Actions workflow commands, shown as annotations on the lines that matter.

One line per finding, ``::error file=F,line=L,col=C,title=T::message``. Levels follow the
``sarif`` format: ``error`` for a file problem and for a failed gate, ``warning`` for a
criterion below half marks, ``notice`` for one below its top level; waived criteria are not
annotated. Each assessed file also gets a ``notice`` with its score and band.

Escaping follows the runner's rules (``@actions/core`` ``escapeData``/``escapeProperty``):
``%``, CR and LF in every part; ``:`` and ``,`` as well in properties, where they would end
the property.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from devocheck.model import Position, ValidationResult
from devocheck.render import Outcome, RenderOptions
from devocheck.render._text import strip_control
from devocheck.render._words import status_label
from devocheck.score.report import CriterionResult, Report

DESCRIPTION = "GitHub Actions annotations (workflow commands) for problems, failed gates and weak criteria"
EXTENSION = ".txt"


def render(outcomes: Sequence[Outcome], options: RenderOptions) -> str:
    return "".join(stream(outcomes, options))


def stream(outcomes: Iterable[Outcome], options: RenderOptions) -> Iterator[str]:
    """Each outcome's annotations as soon as it arrives (the lines are independent)."""
    for outcome in outcomes:
        yield "".join(_annotations(outcome))


def escape_data(text: str) -> str:
    """Control characters dropped (they could restyle a log), then the runner's escapes."""
    return strip_control(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, file: str, position: Position | None, title: str, message: str) -> str:
    """One workflow command line; ``position`` None annotates the file as a whole."""
    properties = [("file", file)]
    if position is not None:
        properties += [("line", str(position.line)), ("col", str(position.column))]
    properties.append(("title", title))
    rendered = ",".join(f"{name}={escape_property(value)}" for name, value in properties)
    return f"::{level} {rendered}::{escape_data(message)}\n"


def _annotations(outcome: Outcome) -> Iterator[str]:
    if isinstance(outcome, ValidationResult):
        for diagnostic in outcome.diagnostics:
            level = "error" if diagnostic.severity == "error" else "warning"
            yield command(
                level,
                diagnostic.file,
                diagnostic.position,
                f"devocheck {diagnostic.code}",
                diagnostic.message,
            )
        return
    report = outcome
    capped = f" (capped: {report.cap_reason})" if report.cap_reason else ""
    yield command(
        "notice",
        report.input,
        None,
        f"devocheck {report.rubric.id}",
        f"{report.locality.name}: score {report.score_display}/100, band {report.band}{capped}",
    )
    steps = {step.criterion: step for step in report.plan}
    for result in report.criteria:
        if result.level >= result.max_level or result.waiver is not None:
            continue
        step = steps.get(result.criterion)
        advice = f" Next: {step.description}" if step else ""
        gate = " (gate failed: caps the band)" if result.criterion in report.gate_failures else ""
        yield command(
            _level(report, result),
            report.input,
            result.position,
            f"{result.criterion}: level {result.level}/{result.max_level}{gate}",
            f"{result.title}: {status_label(result.status)}; {result.facts}.{advice}",
        )
    for warning in report.warnings:
        yield command("warning", warning.file, warning.position, f"devocheck {warning.code}", warning.message)


def _level(report: Report, result: CriterionResult) -> str:
    if result.criterion in report.gate_failures:
        return "error"
    return "warning" if result.score < 0.5 else "notice"
