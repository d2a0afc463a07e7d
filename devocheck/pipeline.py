"""Library API: assess one locality against one rubric, or against several.

    >>> from devocheck import assess
    >>> report = assess("north-shire.yaml", today=date.today())  # doctest: +SKIP

The core never reads the clock: the date is the one passed, else the file's
``assessment_date``, else ``today`` as the caller passes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from devocheck.errors import InputError
from devocheck.load.limits import Limits
from devocheck.load.loader import load
from devocheck.measure import facts
from devocheck.model import Diagnostic, Document
from devocheck.rubric import DEFAULT_RUBRIC
from devocheck.rubric.model import Rubric, load_rubric
from devocheck.score.report import FileResult, NotApplicable, NotAssessed, Report
from devocheck.score.scoring import assessment_day, evaluate
from devocheck.validate.locality import validate_document


def assess(
    source: Path | str | Document,
    *,
    rubric: str | Path | Rubric = DEFAULT_RUBRIC,
    assessment_date: date | None = None,
    today: date | None = None,
) -> Report | NotApplicable:
    """Load (unless given a Document), validate and score ``source``; user errors raise ``DevocheckError``.

    A file that does not validate raises ``InputError`` carrying its errors
    (``outcome`` returns them as data instead). A rubric that does not apply to the place
    (its ``applicability``) gives a ``NotApplicable``. ``assessment_date`` and ``today`` are
    ``datetime.date`` values (a ``datetime`` is a ``TypeError``, whatever the file says).
    """
    _check_days(assessment_date, today)
    document = source if isinstance(source, Document) else load(Path(source))
    (result,) = _assess(document, [_rubric(rubric)], assessment_date, today)
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
    (result,) = outcomes(path, rubrics=[rubric], assessment_date=assessment_date, today=today, limits=limits)
    return result


def outcomes(
    path: Path | str,
    *,
    rubrics: Sequence[str | Path | Rubric] = ("ifg-2015",),
    assessment_date: date | None = None,
    today: date | None = None,
    limits: Limits | None = None,
) -> tuple[FileResult, ...]:
    """One result per rubric, in the order given; a file that cannot be assessed gives one
    ``NotAssessed`` instead.

    The file is loaded and validated once, with every rubric in use: a waiver that names no
    rubric must match a criterion of one of them, and one naming a rubric not in use is ignored.
    Rubric errors raise, since no file could be assessed against a broken rubric.
    """
    _check_days(assessment_date, today)
    rules = [_rubric(rubric) for rubric in rubrics]
    try:
        document = load(Path(path), limits=limits or Limits())
    except InputError as exc:
        return (NotAssessed(str(path), exc.diagnostics),)
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
    document: Document, rubrics: Sequence[Rubric], assessment_date: date | None, today: date | None
) -> tuple[FileResult, ...]:
    """Validate ``document`` once (waivers against every rubric in use) and score it against each,
    or say why it cannot be: one path, no exceptions."""
    in_use = {rubric.id: [criterion.id for criterion in rubric.criteria] for rubric in rubrics}
    checked = validate_document(document, in_use)
    if not checked.ok:
        return (NotAssessed(document.source.name, checked.diagnostics, document),)
    on = assessment_day(document, assessment_date, today)
    shared = facts(document.data, on)  # the lookups every rubric's metrics share, built once
    results = tuple(evaluate(document, rubric, on, shared) for rubric in rubrics)
    if not checked.diagnostics:
        return results
    # validation warnings (a power that does not move, a mayor dated for a kind without one)
    # travel with each report of the file
    return tuple(
        replace(
            result, warnings=tuple(sorted((*checked.diagnostics, *result.warnings), key=Diagnostic.sort_key))
        )
        if isinstance(result, Report)
        else result
        for result in results
    )


__all__ = ["assess", "outcome", "outcomes"]
