"""The ``github`` format: GitHub Actions workflow commands, shown as annotations on the lines that matter.

One line per finding, ``::error file=F,line=L,col=C,title=T::message``, the file named from
the repository root. ``error`` is kept for what decides the exit status: a threshold or a
regression that fails the run (from the run's ``Verdict``) and a file that could not be
assessed. ``warning`` for a criterion below half marks or a failed gate (a gate fails the run
only with ``--fail-on-gate``, and then as a threshold), for a check that missed without
failing the run, and for a file's warnings; ``notice`` for a criterion below its top level and
for each file's score and band. Waived criteria are not annotated.

GitHub shows at most ``ANNOTATIONS_PER_LEVEL`` annotations of each level per step and drops
the rest silently, so the lines come out errors first (failed checks before file problems),
at most that many per level; what is left out follows inside a collapsed log group, and one
closing notice says how many were left out.

Escaping follows the runner's rules (``@actions/core`` ``escapeData``/``escapeProperty``):
``%``, CR and LF in every part; ``:`` and ``,`` as well in properties, where they would end
the property.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from devocheck.model import Position
from devocheck.render import Item, Prerendered, RenderOptions, unwrap
from devocheck.render._labels import status_label
from devocheck.render._paths import shown_file
from devocheck.render._text import plural, strip_control
from devocheck.score.policy import Check, Verdict
from devocheck.score.report import CriterionResult, FileResult, NotAssessed, Report

EXTENSION = ".txt"
#: GitHub shows this many annotations of each level (error, warning, notice) per step.
ANNOTATIONS_PER_LEVEL = 10
LEVELS = ("error", "warning", "notice")


@dataclass(frozen=True, slots=True)
class Annotation:
    """One workflow command, before it is written."""

    level: str
    file: str
    position: Position | None
    title: str
    message: str

    def line(self) -> str:
        return command(self.level, self.file, self.position, self.title, self.message)


def render(items: Sequence[Item], options: RenderOptions) -> str:
    return "".join(stream(items, options))


def stream(items: Iterable[Item | Prerendered], options: RenderOptions) -> Iterator[str]:
    """The annotations within GitHub's limits, holding at most ``ANNOTATIONS_PER_LEVEL`` per level.

    Findings past the limit are written at once, as plain lines inside a collapsed log group;
    the annotations kept follow the group, errors first, when the run's verdict has arrived
    (its failed checks take the first error places), then one closing notice counts what was
    left out.
    """
    cap = Cap()
    for entry in items:
        item = entry if isinstance(entry, Verdict) else unwrap(entry)
        found = _verdict(item, options) if isinstance(item, Verdict) else _annotations(item, options)
        for annotation in found:
            # failed checks before file problems; each file's score before its criteria's notices
            first = annotation.level == "error" if isinstance(item, Verdict) else annotation.position is None
            yield from cap.add(annotation, first=first)
    yield from cap.close()


class Cap:
    """Keeps the annotations GitHub will show; turns the rest into plain log lines as they come."""

    def __init__(self, per_level: int = ANNOTATIONS_PER_LEVEL) -> None:
        self.per_level = per_level
        self.kept: dict[str, list[Annotation]] = {level: [] for level in LEVELS}
        self.left_out: dict[str, int] = dict.fromkeys(LEVELS, 0)
        self.grouped = False
        self.firsts: dict[str, int] = dict.fromkeys(LEVELS, 0)

    def add(self, annotation: Annotation, *, first: bool = False) -> Iterator[str]:
        """Keep ``annotation`` (ahead of those of its level kept, after the earlier ``first`` ones,
        when ``first``); yield what falls out."""
        kept = self.kept[annotation.level]
        if first:
            kept.insert(self.firsts[annotation.level], annotation)
            self.firsts[annotation.level] += 1
        else:
            kept.append(annotation)
        if len(kept) > self.per_level:
            yield from self._leave_out(kept.pop())

    def _leave_out(self, annotation: Annotation) -> Iterator[str]:
        if not self.grouped:
            self.grouped = True
            yield f"::group::devocheck: findings past GitHub's {self.per_level} annotations per level\n"
        self.left_out[annotation.level] += 1
        where = annotation.file or "(run)"
        if annotation.position is not None and annotation.position.line > 0:
            where += f":{annotation.position.line}:{annotation.position.column}"
        yield escape_data(f"{annotation.level}: {where}: {annotation.title}: {annotation.message}") + "\n"

    def close(self) -> Iterator[str]:
        """The kept annotations, errors first, and the closing notice when something was left out."""
        notices = self.kept["notice"]
        if any(self.left_out.values()) and len(notices) == self.per_level:
            yield from self._leave_out(notices.pop())  # the closing notice takes a notice's place
        if self.grouped:
            yield "::endgroup::\n"
        for level in LEVELS:
            yield from (annotation.line() for annotation in self.kept[level])
        total = sum(self.left_out.values())
        if total:
            counts = ", ".join(plural(n, level) for level, n in self.left_out.items() if n)
            yield command(
                "notice",
                None,
                None,
                "devocheck",
                f"{plural(total, 'more finding')} not annotated ({counts}): GitHub shows "
                f"{self.per_level} annotations of each level per step; all are in the log group "
                "above, and in --format json",
            )


def escape_data(text: str) -> str:
    """Control characters dropped (they could restyle a log), then the runner's escapes."""
    return strip_control(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, file: str | None, position: Position | None, title: str, message: str) -> str:
    """One workflow command line; ``position`` None annotates the file as a whole, ``file`` None
    the run."""
    properties = [] if file is None else [("file", file)]
    if file is not None and position is not None and position.line > 0:
        properties += [("line", str(position.line)), ("col", str(position.column))]
    properties.append(("title", title))
    rendered = ",".join(f"{name}={escape_property(value)}" for name, value in properties)
    return f"::{level} {rendered}::{escape_data(message)}\n"


def _verdict(verdict: Verdict, options: RenderOptions) -> list[Annotation]:
    """Failed checks as errors (each fails the run), missed unenforced ones as warnings."""
    missed = [check for check in verdict.checks if not check.passed]
    return [_check(check, options) for check in missed if check.fails] + [
        _check(check, options) for check in missed if not check.fails
    ]


def _check(check: Check, options: RenderOptions) -> Annotation:
    what = {"threshold": "below threshold", "regression": "regression"}.get(check.kind, check.kind)
    return Annotation(
        "error" if check.fails else "warning",
        shown_file(check.file, options),
        None,
        f"devocheck {what}: {check.name}",
        f"{check.locality}: {check.message}",
    )


def _annotations(outcome: FileResult, options: RenderOptions) -> Iterator[Annotation]:
    if isinstance(outcome, NotAssessed):
        for diagnostic in outcome.diagnostics:
            yield Annotation(
                "error" if diagnostic.severity == "error" else "warning",
                shown_file(diagnostic.file, options),
                diagnostic.position,
                f"devocheck {diagnostic.code}",
                diagnostic.message,
            )
        return
    report = outcome
    file = shown_file(report.input, options)
    cap = f" (capped: {report.cap_reason})" if report.cap_reason else ""
    yield Annotation(
        "notice",
        file,
        None,
        f"devocheck {report.rubric.id}",
        f"{report.locality.name}: score {report.score_display}/100, band {report.band}{cap}",
    )
    steps = {step.criterion: step for step in report.plan}
    for result in report.criteria:
        if result.level >= result.max_level or result.waiver is not None:
            continue
        step = steps.get(result.criterion)
        advice = f" Next: {step.description}" if step else ""
        gate = " (gate failed: caps the band)" if result.criterion in report.gate_failures else ""
        yield Annotation(
            _level(report, result),
            file,
            result.position,
            f"{result.criterion}: level {result.level}/{result.max_level}{gate}",
            f"{result.title}: {status_label(result.status)}; {result.facts}.{advice}",
        )
    for warning in report.warnings:
        yield Annotation(
            "warning",
            shown_file(warning.file, options),
            warning.position,
            f"devocheck {warning.code}",
            warning.message,
        )


def _level(report: Report, result: CriterionResult) -> str:
    """Never ``error``: a criterion decides the exit status only through a threshold."""
    if result.criterion in report.gate_failures or result.score < 0.5:
        return "warning"
    return "notice"
