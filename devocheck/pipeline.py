"""Library API: assess one locality against a rubric.

    >>> from devocheck.pipeline import assess
    >>> report = assess("north-shire.yaml", today=date.today())  # doctest: +SKIP

The core never reads the clock: the date is the one passed, else the file's
``assessment_date``, else ``today`` as the caller passes it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from devocheck.errors import InputError
from devocheck.load.limits import Limits
from devocheck.load.loader import load
from devocheck.metrics import day
from devocheck.model import Document, ValidationResult
from devocheck.render.json import report_to_dict
from devocheck.rubric.model import Rubric, load_rubric
from devocheck.score.report import Report
from devocheck.score.scoring import evaluate
from devocheck.validate.locality import validate_document


def assess(
    source: Path | str | Document,
    *,
    rubric: str | Path | Rubric = "ifg-2015",
    assessment_date: date | None = None,
    today: date | None = None,
) -> Report:
    """Load (unless given a Document), validate and score ``source``; user errors raise ``DevocheckError``."""
    document = source if isinstance(source, Document) else load(Path(source))
    rules = rubric if isinstance(rubric, Rubric) else load_rubric(rubric)
    result = validate_document(document, [criterion.id for criterion in rules.criteria])
    if not result.ok:
        raise InputError(d for d in result.diagnostics if d.severity == "error")
    report = evaluate(document, rules, _date(document, assessment_date, today))
    if result.diagnostics:  # warnings only: a legacy date form, typographic quotes around a name
        return replace(report, warnings=(*result.diagnostics, *report.warnings))
    return report


def outcome(
    path: Path | str,
    *,
    rubric: str | Path | Rubric = "ifg-2015",
    assessment_date: date | None = None,
    today: date | None = None,
    limits: Limits | None = None,
) -> Report | ValidationResult:
    """Like ``assess``, but a file that cannot be assessed gives its diagnostics instead of raising.

    This is what a batch wants: one bad file is reported and the others go on. Rubric errors
    still raise, since no file could be assessed against a broken rubric.
    """
    name = str(path)
    try:
        document = load(Path(path), limits=limits or Limits())
        return assess(document, rubric=rubric, assessment_date=assessment_date, today=today)
    except InputError as exc:
        return ValidationResult(name, exc.diagnostics)


def _date(document: Document, assessment_date: date | None, today: date | None) -> date:
    """The day the assessment speaks for: the argument, else the file's, else today."""
    chosen = assessment_date or day(document.data.get("assessment_date")) or today
    if chosen is None:
        raise ValueError(
            "no assessment date: pass assessment_date or today (the library never reads the clock)"
        )
    return chosen


__all__ = ["assess", "outcome", "report_to_dict"]
