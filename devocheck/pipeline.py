"""Library API: assess one locality against a rubric.

    >>> from devocheck.pipeline import assess
    >>> report = assess("north-shire.yaml", today=date.today())  # doctest: +SKIP

The core never reads the clock: the date is the one passed, else the file's
``assessment_date``, else ``today`` as the caller passes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from devocheck.errors import InputError
from devocheck.load.limits import Limits
from devocheck.load.loader import load
from devocheck.metrics import day, facts
from devocheck.model import Document, ValidationResult
from devocheck.render.json import report_to_dict
from devocheck.rubric.model import Rubric, load_rubric
from devocheck.score.report import NotApplicable, Report
from devocheck.score.scoring import evaluate
from devocheck.validate.locality import validate_document


def assess(
    source: Path | str | Document,
    *,
    rubric: str | Path | Rubric = "ifg-2015",
    assessment_date: date | None = None,
    today: date | None = None,
) -> Report | NotApplicable:
    """Load (unless given a Document), validate and score ``source``; user errors raise ``DevocheckError``.

    A rubric that does not apply to the place (``applicability``) gives a ``NotApplicable``.
    """
    document = source if isinstance(source, Document) else load(Path(source))
    rules = _rubric(rubric)
    _validate(document, [rules])
    return evaluate(document, rules, _date(document, assessment_date, today))


def outcomes(
    path: Path | str,
    *,
    rubrics: Sequence[str | Path | Rubric] = ("ifg-2015",),
    assessment_date: date | None = None,
    today: date | None = None,
    limits: Limits | None = None,
) -> tuple[Report | NotApplicable | ValidationResult, ...]:
    """One outcome per rubric, in the order given; a file that cannot be assessed gives one
    ``ValidationResult`` instead.

    The file is loaded and validated once, with every rubric in use: a waiver that names no
    rubric must match a criterion of one of them, and one naming a rubric not in use is ignored.
    Rubric errors raise, since no file could be assessed against a broken rubric.
    """
    rules = [_rubric(rubric) for rubric in rubrics]
    try:
        document = load(Path(path), limits=limits or Limits())
        _validate(document, rules)
    except InputError as exc:
        return (ValidationResult(str(path), exc.diagnostics),)
    on = _date(document, assessment_date, today)
    shared = facts(document.data, on)  # the lookups every rubric's metrics share, built once
    return tuple(evaluate(document, rubric, on, shared) for rubric in rules)


def outcome(
    path: Path | str,
    *,
    rubric: str | Path | Rubric = "ifg-2015",
    assessment_date: date | None = None,
    today: date | None = None,
    limits: Limits | None = None,
) -> Report | NotApplicable | ValidationResult:
    """Like ``assess``, but a file that cannot be assessed gives its diagnostics instead of raising.

    This is what a batch wants: one bad file is reported and the others go on. Rubric errors
    still raise, since no file could be assessed against a broken rubric.
    """
    (result,) = outcomes(path, rubrics=[rubric], assessment_date=assessment_date, today=today, limits=limits)
    return result


def _rubric(rubric: str | Path | Rubric) -> Rubric:
    return rubric if isinstance(rubric, Rubric) else load_rubric(rubric)


def _validate(document: Document, rubrics: Sequence[Rubric]) -> None:
    """Raise the document's errors, its waivers checked against every rubric in use."""
    in_use = {rubric.id: [criterion.id for criterion in rubric.criteria] for rubric in rubrics}
    result = validate_document(document, in_use)
    if not result.ok:
        raise InputError(d for d in result.diagnostics if d.severity == "error")


def _date(document: Document, assessment_date: date | None, today: date | None) -> date:
    """The day the assessment speaks for: the argument, else the file's, else today."""
    chosen = assessment_date or day(document.data.get("assessment_date")) or today
    if chosen is None:
        raise ValueError(
            "no assessment date: pass assessment_date or today (the library never reads the clock)"
        )
    return chosen


__all__ = ["assess", "outcome", "outcomes", "report_to_dict"]
