"""The one translator of JSON Schema errors into messages for people, and the one "did you mean".

Locality files, rubrics and rubric cases files are all checked against a JSON Schema; each
error becomes one ``file:line:col`` diagnostic that names the field path as the user wrote it
(``goals.outcomes[0].statement``), says what is wrong in plain words (no regular expressions,
no Python or jsonschema wording) and, where the cause is known, what to write instead:

* one message per problem: a typo of a required key is one message at the typo, not "missing"
  plus "unknown"; a value gets one message however many schema rules it breaks;
* office-software slips (``devocheck.load.office``) replace the schema's message for the same
  value: a no-break space in an id, an en dash or a day-first date, a thousands separator, a
  currency sign or a percentage in a number;
* a date in the legacy form ``2026-9-1`` is a warning, read as the day it names.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from devocheck.load import office
from devocheck.load.dates import calendar_day, date_slip
from devocheck.load.limits import MAX_PROBLEMS
from devocheck.model import Diagnostic, Document, Fix, KeyPath, Slip, dotted_path

#: One cutoff for every "did you mean": difflib's similarity ratio, 0 to 1. At 0.6 ``comissioning``
#: finds ``commissioning`` and ``statment`` finds ``statement``, while unrelated words find nothing.
CUTOFF = 0.6


def did_you_mean(word: object, choices: Iterable[object], *, limit: int = 1) -> list[str]:
    """The known names closest to ``word``, best first (at most ``limit``; none when nothing is close)."""
    return difflib.get_close_matches(str(word), [str(choice) for choice in choices], n=limit, cutoff=CUTOFF)


def closest(word: object, choices: Iterable[object]) -> str | None:
    """The single closest known name, or None."""
    found = did_you_mean(word, choices)
    return found[0] if found else None


_PATTERN_NAMES = {
    "^[a-z0-9][a-z0-9-]{0,62}$": "an id (lowercase letters, digits and hyphens, at most 63)",
    "^[a-z0-9][a-z0-9._-]{0,62}$": (
        "an id (lowercase letters, digits, dots, underscores and hyphens, at most 63)"
    ),
    "^[ENSW][0-9]{8}$": "an ONS GSS area code (E, N, S or W and eight digits, e.g. E08000003)",
}
_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "object": "a mapping of keys",
    "array": "a list",
    "null": "empty (null)",
}
_YAML11_BOOLEANS = {"yes", "no", "on", "off", "y", "n", "Yes", "No", "On", "Off", "YES", "NO", "ON", "OFF"}
#: Which message wins when one value breaks several rules (the first in this order).
_PRECEDENCE = ("type", "const", "enum", "format", "pattern")
#: Codes of the cross-reference rules (``devocheck.validate.semantics``) a slip may explain.
_CROSS = ("ref.", "duplicate.")


def shown(value: object) -> str:
    """A value as the user would write it in YAML, for messages."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "an empty value"
    if isinstance(value, str):
        return office.shown(value)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of keys"
    return str(value)


def _got(value: object) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if value is None:
        return "an empty value"
    return "a list" if isinstance(value, list) else "a mapping of keys"


def plural(count: int, word: str, words: str | None = None) -> str:
    """``1 problem``, ``2 problems``."""
    return f"{count:,} {word if count == 1 else (words or word + 's')}"


class Translator:
    """Turns one document's schema errors into diagnostics; ``codes`` prefixes each code."""

    def __init__(self, document: Document, codes: str) -> None:
        self.document = document
        self.codes = codes
        self.slips = {slip.path: slip for slip in document.slips}

    def diagnostic(
        self,
        path: KeyPath,
        kind: str,
        message: str,
        *,
        key: bool = False,
        hint: str | None = None,
        fix: Fix | None = None,
        severity: str = "error",
        position: Any = None,
    ) -> Diagnostic:
        positions = self.document.positions
        where = position or (positions.key(path) if key else positions.value(path))
        return Diagnostic(
            self.document.source.name,
            where,
            f"{self.codes}.{kind}",
            f"{dotted_path(path)}: {message}",
            path,
            hint,
            severity,
            fix,
        )

    def translate(self, errors: Iterable[Any], limit: int) -> list[Diagnostic]:
        """One diagnostic per problem, in file order, at most ``limit`` + 1 (the last says it stopped)."""
        by_path: dict[KeyPath, list[Any]] = {}
        unknown: list[Any] = []
        required: list[Any] = []
        for error in errors:
            error = _deepest(error)
            path: KeyPath = tuple(error.absolute_path)
            if error.validator == "additionalProperties":
                unknown.append(error)
            elif error.validator == "required":
                required.append(error)
            else:
                by_path.setdefault(path, []).append(error)
            if len(by_path) + len(unknown) + len(required) > limit:
                break
        found: dict[tuple[KeyPath, str], Diagnostic] = {}
        typos: set[tuple[KeyPath, str]] = set()
        for error in unknown:
            for diagnostic, missing in self.unknown_keys(error):
                found.setdefault((diagnostic.path, diagnostic.code), diagnostic)
                if missing:
                    typos.add((diagnostic.path[:-1], missing))
        for error in required:
            path = tuple(error.absolute_path)
            for name in error.validator_value:
                if name not in error.instance and (path, name) not in typos:
                    message = f"missing required key '{name}'"
                    diagnostic = self.diagnostic(path, "required", message, key=True)
                    found.setdefault(((*path, name), diagnostic.code), diagnostic)
        for path, value_errors in by_path.items():
            diagnostic = self.value(path, value_errors)
            found.setdefault((path, diagnostic.code), diagnostic)
        return sorted(found.values(), key=Diagnostic.sort_key)

    def unknown_keys(self, error: Any) -> Iterator[tuple[Diagnostic, str | None]]:
        """One diagnostic per unknown key, at that key, and the required key it is a typo of (if any)."""
        path: KeyPath = tuple(error.absolute_path)
        schema: Mapping[str, Any] = error.schema
        instance: Mapping[str, Any] = error.instance
        known = list(schema.get("properties", {}))
        required = set(schema.get("required", ()))
        for key in instance:
            if key in known or str(key).startswith("x-"):  # keys of one's own, allowed everywhere
                continue
            hint = closest(key, known)
            missing = hint if hint in required and hint not in instance else None
            if hint and missing:
                message = f"unknown key '{key}' (did you mean '{hint}'? it is required)"
            elif hint:
                message = f"unknown key '{key}' (did you mean '{hint}'?)"
            else:
                message = f"unknown key '{key}' (keys of your own must start with 'x-')"
            yield self.diagnostic((*path, key), "unknown-key", message, key=True, hint=hint), missing

    def value(self, path: KeyPath, errors: list[Any]) -> Diagnostic:
        """The one message for a value that breaks one or more rules."""
        errors.sort(key=lambda e: _PRECEDENCE.index(e.validator) if e.validator in _PRECEDENCE else 99)
        error = errors[0]
        instance = error.instance
        is_date = any(e.validator == "format" and e.validator_value == "date" for e in errors)
        if is_date and isinstance(instance, str):
            return self.date(path, instance)
        slip = self.slips.get(path)
        numeric = error.validator == "type" and {"integer", "number"} & set(_listed(error.validator_value))
        if slip is not None and isinstance(instance, str) and not numeric:
            return self.characters(path, slip)
        if error.validator == "type":
            return self.type(path, error)
        return self.rule(path, error)

    def explained(self, problems: Iterable[Diagnostic]) -> list[Diagnostic]:
        """``problems`` with each error at a value holding office characters said as that slip."""
        return [
            self.characters(problem.path, self.slips[problem.path])
            if problem.severity == "error"
            and problem.path in self.slips
            and problem.code.startswith(("ref.", "duplicate."))
            else problem
            for problem in problems
        ]

    def characters(self, path: KeyPath, slip: Slip) -> Diagnostic:
        """A value whose only fault is a character office software put there."""
        if office.wrapped_in_typographic_quotes(slip.written):
            meant = office.corrected(slip.written[1:-1])
            message = f"{shown(slip.written)} is in typographic quotes, read as part of it: write {meant}"
        else:
            names = " and a ".join(slip.names)
            message = f"{office.shown(slip.written)} is written with a {names}: write {slip.corrected}"
        return self.diagnostic(path, "office-character", message, fix=slip.fix, position=slip.position)

    def date(self, path: KeyPath, written: str) -> Diagnostic:
        character = self.slips.get(path)
        if character is not None and date_slip(written) is None:
            return self.characters(path, character)
        day = calendar_day(written)
        if day is not None:  # the legacy form 2026-9-1 (a rule other than format failed otherwise)
            message = f"{shown(written)}: write {day.isoformat()}, with a two-digit month and day"
            legacy = self.plain_fix(path, written, day.isoformat())
            return self.diagnostic(path, "date-form", message, fix=legacy, severity="warning")
        slip = date_slip(written)
        fix = character.fix if character is not None else None
        if slip is not None and slip[1] is not None:
            how, meant = slip[0], slip[1]
            reading = ""
            if how == "is written day first":
                reading = f" (read day first, the UK way: {meant:%-d %B %Y})"
            message = f"{shown(written)} {how}: write {meant.isoformat()}{reading}"
            position = character.position if character is not None else None
            return self.diagnostic(path, "date", message, fix=fix, position=position)
        stripped = written.strip()
        if stripped != written and calendar_day(stripped):
            message = f"{shown(written)} has spaces around the date: write {stripped}"
            return self.diagnostic(path, "date", message, fix=self.plain_fix(path, written, stripped))
        if _looks_like_a_day(written):
            message = f"{shown(written)} is not a day of the calendar{_why_not(written)}: correct it"
            return self.diagnostic(path, "date", message)
        message = f"{shown(written)} is not a date: write it year-month-day, such as 2026-06-30"
        return self.diagnostic(path, "date", message, fix=fix)

    def plain_fix(self, path: KeyPath, old: str, new: str) -> Fix:
        return Fix(self.document.positions.text_start(path), old, new)

    def type(self, path: KeyPath, error: Any) -> Diagnostic:
        wanted = [str(name) for name in _listed(error.validator_value)]
        instance = error.instance
        expected = " or ".join(_TYPE_NAMES.get(name, name) for name in wanted)
        message = f"expected {expected}, got {_got(instance)}"
        written = self.document.positions.scalar_text(path)
        numeric = {"integer", "number"} & set(wanted)
        if "string" in wanted and written is not None and not isinstance(instance, str):
            message += f': write "{written}" in quotes to keep it as text'
        elif "boolean" in wanted and isinstance(instance, str) and instance in _YAML11_BOOLEANS:
            message += f": '{instance}' is text here; write true or false"
        elif numeric and isinstance(instance, str):
            slip = self.slips.get(path)
            reading = self.number(path, instance, whole="number" not in wanted)
            if reading is None and slip is not None:
                return self.characters(path, slip)
            if reading is not None and slip is not None:  # e.g. 310<no-break space>000: said at the character
                return replace(reading, position=slip.position)
            return reading or self.diagnostic(path, "type", message)
        return self.diagnostic(path, "type", message)

    def number(self, path: KeyPath, written: str, *, whole: bool) -> Diagnostic | None:
        """A number written as people write it in documents: 310,000 / £24m / 65% / "1"."""
        reading = read_number(written, whole=whole)
        if reading is None:
            return None
        how, meant, mechanical = reading
        if not how and office.SUSPECT.search(written):
            return None  # only an office character: said where it is, by ``characters``
        quoted = self.document.positions.text_start(path) != self.document.positions.value(path)
        if quoted and not how:
            how, mechanical = "is in quotes, so it is text", False
        fix = self.plain_fix(path, written, meant) if mechanical and not quoted else None
        message = f"{shown(written)} {how}: write {meant}" + (", without quotes" if quoted else "")
        return self.diagnostic(path, "number", message, fix=fix)

    def rule(self, path: KeyPath, error: Any) -> Diagnostic:
        kind: str = error.validator
        instance = error.instance
        wanted = error.validator_value
        hint = None
        if kind == "enum":
            hint = closest(instance, wanted)
            message = f"{shown(instance)} is not one of: {', '.join(map(str, wanted))}"
            if hint:
                message += f" (did you mean '{hint}'?)"
        elif kind == "const":
            message = f"must be {shown(wanted)}, not {shown(instance)}"
        elif kind == "pattern":
            if wanted == "\\S":
                message = "must not be blank"
            else:
                form = _PATTERN_NAMES.get(wanted, "written in the form this field needs")
                message = f"{shown(instance)} is not {form}"
        elif kind == "format":
            message = f"{shown(instance)} is not a valid {wanted}"
        elif kind in ("minimum", "exclusiveMinimum", "maximum"):
            bound = {"minimum": "or more", "exclusiveMinimum": "more than", "maximum": "or less"}[kind]
            message = f"{shown(instance)} is too {'large' if kind == 'maximum' else 'small'}: " + (
                f"must be more than {wanted}" if kind == "exclusiveMinimum" else f"must be {wanted} {bound}"
            )
        elif kind == "minItems":
            message = f"needs at least {plural(wanted, 'entry', 'entries')}"
        elif kind == "uniqueItems":
            repeated = next((item for i, item in enumerate(instance) if item in instance[:i]), None)
            message = f"lists {shown(repeated)} more than once"
        elif kind == "minLength":
            message = "must not be empty"
        elif kind == "minProperties":
            message = "needs at least one key"
        else:
            message = f"{shown(instance)} is not allowed here"
        return self.diagnostic(path, kind, message, hint=hint)


def capped(problems: list[Diagnostic], translator: Translator) -> list[Diagnostic]:
    """At most ``MAX_PROBLEMS`` diagnostics, and a last one saying the rest were not looked for."""
    if len(problems) <= MAX_PROBLEMS:
        return problems
    stop = Diagnostic(
        translator.document.source.name,
        problems[MAX_PROBLEMS].position,
        f"{translator.codes}.too-many-problems",
        f"stopped after {MAX_PROBLEMS} problems: fix these and run again",
    )
    return [*problems[:MAX_PROBLEMS], stop]


def _deepest(error: Any) -> Any:
    """For ``anyOf``/``oneOf``, the branch error that explains most (jsonschema's best match)."""
    from jsonschema.exceptions import best_match

    while error.context:
        error = best_match(error.context)
    return error


def _listed(value: object) -> list[object]:
    return value if isinstance(value, list) else [value]


def _why_not(text: str) -> str:
    """`` (February 2026 has 28 days)`` for a day past the month's end; ``''`` otherwise."""
    year, month, day = (int(part) for part in text.split("-"))
    if not 1 <= month <= 12:
        return f" (there is no month {month})"
    days = (date(year + month // 12, month % 12 + 1, 1) - date(year, month, 1)).days
    return f" ({date(year, month, 1):%B %Y} has {days} days)" if day > days else ""


def _looks_like_a_day(text: str) -> bool:
    parts = text.split("-")
    return len(parts) == 3 and all(part.isascii() and part.isdigit() for part in parts)


_CURRENCY = ("£", "$", "€")
_CURRENCY_WORDS = ("gbp", "pounds", "pound")
_MULTIPLIERS = {
    "k": 1_000,
    "thousand": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "million": 1_000_000,
    "bn": 1_000_000_000,
    "billion": 1_000_000_000,
}
_UNITS = ("years", "year", "yrs", "yr", "people", "residents")


def read_number(written: str, *, whole: bool) -> tuple[str, str, bool] | None:
    """How a number written as text slipped, the number meant, and whether the fix is mechanical.

    ``("is written with thousands separators", "310000", True)`` for ``310,000``; None when the
    text is no number at all.
    """
    text = office.corrected(written).strip()
    habits: list[str] = []
    lowered = text.lower()
    if lowered.startswith(_CURRENCY):
        habits.append("has a currency sign")
        text, lowered = text[1:].strip(), lowered[1:].strip()
    for word in _CURRENCY_WORDS:
        if lowered.endswith(word):
            habits.append("names the currency")
            text, lowered = text[: -len(word)].strip(), lowered[: -len(word)].strip()
            break
    if text.endswith("%"):
        habits.append("has a percent sign")
        text = text[:-1].strip()
    for unit in _UNITS:
        if lowered.endswith(" " + unit) or (
            lowered.endswith(unit) and lowered[: -len(unit)].strip().replace(",", "").isdigit()
        ):
            habits.append("has a unit")
            text = text[: -len(unit)].strip()
            lowered = text.lower()
            break
    scale = 1
    for word, factor in sorted(_MULTIPLIERS.items(), key=lambda item: -len(item[0])):
        if (
            lowered.endswith(word)
            and lowered[: -len(word)].strip().replace(".", "", 1).replace(",", "").isdigit()
        ):
            habits.append(f"is written with '{word}' for {factor:,}")
            text, scale = text[: -len(word)].strip(), factor
            break
    groups = text.replace(" ", ",").split(",")
    separated = len(groups) > 1
    if separated:
        if not (1 <= len(groups[0]) <= 3 and all(len(g.split(".")[0]) == 3 for g in groups[1:])):
            return None
        habits.append("is written with thousands separators")
        text = "".join(groups)
    try:
        number = float(text) if "." in text else int(text)
    except ValueError:
        return None
    number *= scale
    if isinstance(number, float) and number.is_integer() and (whole or scale > 1):
        number = int(number)
    if whole and not isinstance(number, int):
        return None
    how = " and ".join(dict.fromkeys(habits))
    mechanical = habits == ["is written with thousands separators"] and written == written.strip()
    return how, str(number), mechanical


def office_warnings(document: Document, skip: Collection[KeyPath]) -> list[Diagnostic]:
    """Typographic quotes around a free-text value: read as part of it, so a warning with the fix."""
    translator = Translator(document, "office")
    warnings = []
    for slip in document.slips:
        if slip.path in skip or not office.wrapped_in_typographic_quotes(slip.written):
            continue
        inner = slip.written[1:-1]
        message = (
            f"the typographic quotes around '{inner}' are read as part of the text: "
            f'write straight quotes, "{inner}", or none'
        )
        fix = slip.fix if slip.fix is not None and '"' not in inner and "\\" not in inner else None
        warnings.append(
            translator.diagnostic(
                slip.path, "quotes", message, fix=fix, severity="warning", position=slip.position
            )
        )
    return warnings


__all__ = [
    "CUTOFF",
    "Translator",
    "closest",
    "did_you_mean",
    "office_warnings",
    "plural",
    "read_number",
    "shown",
]
