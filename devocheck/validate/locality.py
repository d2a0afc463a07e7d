"""Validate stage: a loaded locality -> positioned diagnostics.

Valid files take a fast path: the schema compiled once per process into a yes/no check
(``devocheck.validate.fastcheck``, about twice the speed of jsonschema's general validator and
built in under a millisecond). Only a file that fails it goes through jsonschema, whose
detailed errors become ``file:line:col`` diagnostics with "did you mean" hints. Rules a
schema cannot state live in ``devocheck.validate.semantics``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from functools import cache
from pathlib import Path
from typing import Any

from devocheck.errors import InputError
from devocheck.load.dates import calendar_day, is_padded
from devocheck.load.limits import MAX_PROBLEMS
from devocheck.load.loader import DEFAULT_LIMITS, Limits, load
from devocheck.model import Diagnostic, Document, ValidationResult
from devocheck.schemas import load_schema


def is_iso_date(value: object) -> bool:
    """``format: date``: a real calendar day written ``YYYY-MM-DD`` (``devocheck.load.dates``)."""
    if not isinstance(value, str):
        return True
    return is_padded(value) and calendar_day(value) is not None


@cache
def fast_check() -> Callable[[Any], bool]:
    """The locality schema as a yes/no check (``devocheck.validate.fastcheck``); built once per process."""
    from devocheck.validate.fastcheck import compile_check

    return compile_check(load_schema("locality"), {"date": is_iso_date})


@cache
def _full_validator() -> Any:
    """jsonschema's validator, for the positioned error report of an invalid file."""
    from jsonschema import Draft202012Validator, FormatChecker

    checker = FormatChecker(formats=())
    checker.checks("date")(is_iso_date)
    return Draft202012Validator(load_schema("locality"), format_checker=checker)


def schema_diagnostics(document: Document) -> list[Diagnostic]:
    """Every way ``document`` breaks the locality schema, one message each; empty when it conforms.

    A date in the legacy form ``2026-9-1`` gives a warning, not an error.
    """
    if fast_check()(document.data):
        return []
    from devocheck.validate.messages import Translator, capped

    translator = Translator(document, "schema")
    return capped(
        translator.translate(_full_validator().iter_errors(document.data), MAX_PROBLEMS), translator
    )


def validate_document(document: Document, criterion_ids: Collection[str] | None = None) -> ValidationResult:
    """Schema, then (only on a schema-valid document) the semantic rules; office-software warnings."""
    from devocheck.validate.semantics import check_semantics

    problems = schema_diagnostics(document)
    if not any(problem.severity == "error" for problem in problems):
        problems.extend(check_semantics(document, criterion_ids))
    if document.slips:
        from devocheck.validate.messages import Translator, office_warnings

        problems = Translator(document, "schema").explained(problems)
        problems.extend(office_warnings(document, {problem.path for problem in problems}))
    return ValidationResult(document.source.name, tuple(sorted(problems, key=Diagnostic.sort_key)), document)


def validate_file(
    path: Path, *, criterion_ids: Collection[str] | None = None, limits: Limits = DEFAULT_LIMITS
) -> ValidationResult:
    """Load and validate one file; unreadable or unparseable files give diagnostics, not exceptions."""
    try:
        document = load(path, limits=limits)
    except InputError as exc:
        return ValidationResult(str(path), exc.diagnostics)
    return validate_document(document, criterion_ids)
