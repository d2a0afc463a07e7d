"""Validate stage: a loaded locality -> positioned diagnostics.

Valid files take a fast path: the schema compiled once per process into a yes/no check
(``devocheck.validate.fastcheck``, about twice the speed of jsonschema's general validator and
built in under a millisecond). Only a file that fails it goes through jsonschema, whose
detailed errors become ``file:line:col`` diagnostics with "did you mean" hints. Rules a
schema cannot state live in ``devocheck.validate.semantics``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Collection, Iterator, Mapping
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from devocheck.errors import InputError
from devocheck.load.limits import MAX_PROBLEMS
from devocheck.load.loader import DEFAULT_LIMITS, Limits, load
from devocheck.model import Diagnostic, Document, KeyPath, ValidationResult, dotted_path
from devocheck.schemas import load_schema

_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_PATTERN_NAMES = {
    "^[a-z0-9][a-z0-9-]{0,62}$": "an id (lowercase letters, digits and hyphens, at most 63)",
    "^[ENSW][0-9]{8}$": "an ONS GSS area code (E, N, S or W and eight digits, e.g. E08000003)",
}
_JSON_TYPES = {
    str: "a string",
    bool: "true or false",
    int: "a whole number",
    float: "a number",
    list: "a list",
    dict: "a mapping",
    type(None): "empty (null)",
}
_YAML11_BOOLEANS = {"yes", "no", "on", "off", "y", "n", "Yes", "No", "On", "Off", "YES", "NO", "ON", "OFF"}


def is_iso_date(value: object) -> bool:
    """``format: date``: a real calendar day written ``YYYY-MM-DD``."""
    if not isinstance(value, str):
        return True
    if not _ISO_DATE.match(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


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
    """Every way ``document`` breaks the locality schema; empty when it conforms."""
    if fast_check()(document.data):
        return []
    found: dict[tuple[KeyPath, str, str], Diagnostic] = {}
    for error in _full_validator().iter_errors(document.data):
        for diagnostic in _describe(document, _deepest(error)):
            found.setdefault((diagnostic.path, diagnostic.code, diagnostic.message), diagnostic)
        if len(found) > MAX_PROBLEMS:
            break
    problems = sorted(found.values(), key=Diagnostic.sort_key)
    if len(problems) <= MAX_PROBLEMS:
        return problems
    stop = Diagnostic(
        document.source.name,
        problems[MAX_PROBLEMS].position,
        "schema.too-many-problems",
        f"stopped after {MAX_PROBLEMS} problems: fix these and run again",
    )
    return [*problems[:MAX_PROBLEMS], stop]


def _deepest(error: Any) -> Any:
    """For ``anyOf``/``oneOf``, the branch error that explains most (jsonschema's best match)."""
    from jsonschema.exceptions import best_match

    while error.context:
        error = best_match(error.context)
    return error


def _describe(document: Document, error: Any) -> Iterator[Diagnostic]:
    path: KeyPath = tuple(error.absolute_path)
    kind: str = error.validator
    where = dotted_path(path)
    if kind == "additionalProperties":
        yield from _unknown_keys(document, path, error.schema, error.instance)
        return
    if kind == "required":
        missing = next((name for name in error.validator_value if name not in error.instance), "?")
        message = f"{where}: missing required key '{missing}'"
        yield _diagnostic(document, path, "schema.required", message, key=True)
        return
    hint = None
    if kind == "enum":
        hint = _closest(error.instance, error.validator_value)
        allowed = ", ".join(map(str, error.validator_value))
        message = f"{where}: {error.instance!r} is not one of: {allowed}"
    elif kind == "type":
        message = f"{where}: {_type_message(document, path, error.instance, error.validator_value)}"
    elif kind == "pattern":
        wanted = _PATTERN_NAMES.get(error.validator_value, f"the pattern {error.validator_value}")
        message = f"{where}: {error.instance!r} is not {wanted}"
    elif kind == "format":
        message = f"{where}: {error.instance!r} is not a valid {error.validator_value} (YYYY-MM-DD)"
    elif kind == "const":
        message = f"{where}: must be {error.validator_value!r}, not {error.instance!r}"
    else:
        message = f"{where}: {error.message}"
    if hint:
        message += f" (did you mean '{hint}'?)"
    yield _diagnostic(document, path, f"schema.{kind}", message, hint=hint)


def _unknown_keys(
    document: Document, path: KeyPath, schema: Mapping[str, Any], instance: Mapping[str, Any]
) -> Iterator[Diagnostic]:
    """One diagnostic per unknown key, at that key, with the nearest known key as a hint."""
    known = list(schema.get("properties", {}))
    patterns = [re.compile(p) for p in schema.get("patternProperties", {})]
    for key in instance:
        if key in known or any(p.search(key) for p in patterns):
            continue
        hint = _closest(key, known)
        message = f"{dotted_path((*path, key))}: unknown key '{key}'"
        message += f" (did you mean '{hint}'?)" if hint else " (keys of your own must start with 'x-')"
        yield _diagnostic(document, (*path, key), "schema.unknown-key", message, hint=hint, key=True)


def _type_message(document: Document, path: KeyPath, instance: object, wanted: object) -> str:
    wanted_types = wanted if isinstance(wanted, list) else [wanted]
    got = _JSON_TYPES.get(type(instance), type(instance).__name__)
    message = f"expected {' or '.join(map(str, wanted_types))}, got {got}"
    written = document.positions.scalar_text(path)
    if "string" in wanted_types and written is not None and not isinstance(instance, str):
        message += f': write "{written}" in quotes to keep it as text'
    elif "boolean" in wanted_types and isinstance(instance, str) and instance in _YAML11_BOOLEANS:
        message += f": '{instance}' is text here; write true or false"
    return message


def _closest(word: object, choices: Collection[object]) -> str | None:
    matches = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return matches[0] if matches else None


def _diagnostic(
    document: Document, path: KeyPath, code: str, message: str, *, hint: str | None = None, key: bool = False
) -> Diagnostic:
    position = document.positions.key(path) if key else document.positions.value(path)
    return Diagnostic(document.source.name, position, code, message, path, hint)


def validate_document(document: Document, criterion_ids: Collection[str] | None = None) -> ValidationResult:
    """Schema, then (only on a schema-valid document) the semantic rules."""
    from devocheck.validate.semantics import check_semantics

    problems = schema_diagnostics(document)
    if not problems:
        problems = sorted(check_semantics(document, criterion_ids), key=Diagnostic.sort_key)
    return ValidationResult(document.source.name, tuple(problems), document)


def validate_file(
    path: Path, *, criterion_ids: Collection[str] | None = None, limits: Limits = DEFAULT_LIMITS
) -> ValidationResult:
    """Load and validate one file; unreadable or unparseable files give diagnostics, not exceptions."""
    try:
        document = load(path, limits=limits)
    except InputError as exc:
        return ValidationResult(str(path), exc.diagnostics)
    return validate_document(document, criterion_ids)
