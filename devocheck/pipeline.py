"""Library API: assess one locality against a rubric.

    >>> from devocheck import assess
    >>> report = assess("north-shire.yaml", today=date.today())  # doctest: +SKIP

The core never reads the clock: the date is the one passed, else the file's
``assessment_date``, else ``today`` as the caller passes it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from devocheck.errors import InputError
from devocheck.load.limits import Limits
from devocheck.load.loader import load
from devocheck.model import Diagnostic, Document
from devocheck.rubric import DEFAULT_RUBRIC
from devocheck.rubric.model import Rubric, load_rubric
from devocheck.score.report import FileResult, NotAssessed, Report
from devocheck.score.scoring import assessment_day, evaluate
from devocheck.validate.locality import validate_document


def assess(
    source: Path | str | Document,
    *,
    rubric: str | Path | Rubric = DEFAULT_RUBRIC,
    assessment_date: date | None = None,
    today: date | None = None,
) -> Report:
    """Load (unless given a Document), validate and score ``source``; user errors raise ``DevocheckError``.

    A file that does not validate raises ``InputError`` carrying its errors
    (``outcome`` returns them as data instead). ``assessment_date`` and ``today`` are
    ``datetime.date`` values (a ``datetime`` is a ``TypeError``, whatever the file says).
    """
    _check_days(assessment_date, today)
    document = source if isinstance(source, Document) else load(Path(source))
    result = _assess(document, _rubric(rubric), assessment_date, today)
    if isinstance(result, NotAssessed):
        raise InputError(result.errors)
    return result


def outcome(
    path: Path | str,
    *,
    rubric: str | Path | Rubric = DEFAULT_RUBRIC,
    assessment_date: date | None = None,
    today: date | None = None,
    limits: Limits | None = None,
) -> FileResult:
    """Like ``assess``, but a file that cannot be assessed gives a ``NotAssessed`` instead of raising.

    This is what a batch wants: one bad file is reported and the others go on. A file that
    loads but does not validate keeps its document and every diagnostic (warnings too).
    Rubric errors still raise, since no file could be assessed against a broken rubric.
    """
    _check_days(assessment_date, today)
    rules = _rubric(rubric)
    try:
        document = load(Path(path), limits=limits or Limits())
    except InputError as exc:
        return NotAssessed(str(path), exc.diagnostics)
    return _assess(document, rules, assessment_date, today)


def _check_days(assessment_date: object, today: object) -> None:
    """Dates are checked where they enter, so a wrong type fails on every file alike."""
    for name, value in (("assessment_date", assessment_date), ("today", today)):
        if value is not None and (isinstance(value, datetime) or not isinstance(value, date)):
            raise TypeError(
                f"{name} must be a datetime.date, not {type(value).__name__}"
                + (" (pass its .date())" if isinstance(value, datetime) else "")
            )


def _rubric(rubric: str | Path | Rubric) -> Rubric:
    return rubric if isinstance(rubric, Rubric) else load_rubric(rubric)


def _assess(
    document: Document, rubric: Rubric, assessment_date: date | None, today: date | None
) -> FileResult:
    """Validate ``document`` and score it, or say why it cannot be: one path, no exceptions."""
    checked = validate_document(document, [criterion.id for criterion in rubric.criteria])
    if not checked.ok:
        return NotAssessed(document.source.name, checked.diagnostics, document)
    report = evaluate(document, rubric, assessment_day(document, assessment_date, today))
    if not checked.diagnostics:
        return report
    # validation warnings (a power that does not move) travel with the report
    warnings = sorted((*checked.diagnostics, *report.warnings), key=Diagnostic.sort_key)
    return replace(report, warnings=tuple(warnings))


__all__ = ["assess", "outcome"]
