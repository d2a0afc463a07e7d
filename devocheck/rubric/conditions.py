"""The rubric condition language, compiled once per rubric into closures.

A condition is one of

* a leaf ``{metric: NAME, OP: VALUE}`` with OP one of ``gte gt lte lt eq ne``, or
  ``{metric: NAME}`` alone, which holds when the value is truthy;
* ``{all: [...]}``, ``{any: [...]}``, ``{not: {...}}``;
* ``{schema: <JSON Schema>}``, which holds when the locality data validates against the
  fragment (Draft 2020-12): the escape hatch for testing any field, ``x-`` fields included.
  Its ``$ref`` s must resolve within the fragment (nothing is fetched).

Keys starting with ``x-`` are the author's notes, ignored here as everywhere in a rubric.

An absent value (``None``) fails every comparison, ``ne`` included. Ordered comparisons
(``gte gt lte lt``) hold only for numeric values, never for booleans.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from devocheck.errors import RubricError
from devocheck.measure import MetricValue
from devocheck.model import Diagnostic, Document, KeyPath, Position
from devocheck.validate.messages import closest

Test = Callable[[Mapping[str, MetricValue], Any], bool]

_ORDERED: dict[str, Callable[[Any, Any], bool]] = {
    "gte": operator.ge,
    "gt": operator.gt,
    "lte": operator.le,
    "lt": operator.lt,
}
_EQUALITY: dict[str, Callable[[Any, Any], bool]] = {"eq": operator.eq, "ne": operator.ne}
OPERATORS = (*_ORDERED, *_EQUALITY)
FORMS = ("metric", "all", "any", "not", "schema")


@dataclass(frozen=True, slots=True)
class Condition:
    """A compiled condition and the metrics it reads (for evidence and explanations)."""

    test: Test
    metrics: tuple[str, ...]

    def __call__(self, metrics: Mapping[str, MetricValue], data: Any) -> bool:
        return self.test(metrics, data)


def _never(metrics: Mapping[str, MetricValue], data: Any) -> bool:
    return False


_INVALID = Condition(_never, ())


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _suggest(word: str, choices: Collection[str]) -> str:
    close = closest(word, choices)
    return f" (did you mean '{close}'?)" if close else ""


class Compiler:
    """Compiles the conditions of one rubric document, collecting positioned problems."""

    def __init__(self, document: Document, metrics: Collection[str]) -> None:
        self.document = document
        self.known = metrics
        self.problems: list[Diagnostic] = []

    def fail(self, position: Position, code: str, message: str, path: KeyPath) -> Condition:
        self.problems.append(Diagnostic(self.document.source.name, position, code, message, path))
        return _INVALID

    def raise_problems(self) -> None:
        """Raise every problem found so far as one ``RubricError``."""
        if self.problems:
            raise RubricError(self.problems)

    def compile(self, node: Any, path: KeyPath) -> Condition:
        """Compile the condition at ``path``; a problem is recorded and yields a false condition."""
        positions = self.document.positions
        if not isinstance(node, Mapping) or not node:
            return self.fail(
                positions.value(path), "rubric.condition", "a condition must be a non-empty mapping", path
            )
        node = {key: value for key, value in node.items() if not str(key).startswith("x-")}
        for key in node:
            if key not in FORMS and key not in OPERATORS:
                hint = _suggest(str(key), (*FORMS, *OPERATORS))
                return self.fail(
                    positions.key((*path, key)),
                    "rubric.condition-key",
                    f"unknown condition key '{key}'{hint}",
                    (*path, key),
                )
        forms = [key for key in node if key in FORMS]
        if len(forms) != 1:
            return self.fail(
                positions.key(path),
                "rubric.condition",
                "a condition is exactly one of: " + ", ".join(FORMS),
                path,
            )
        form = forms[0]
        if form == "metric":
            return self._leaf(node, path)
        if set(node) != {form}:
            extra = next(key for key in node if key != form)
            return self.fail(
                positions.key((*path, extra)),
                "rubric.condition",
                f"'{extra}' belongs in a metric leaf, not beside '{form}'",
                (*path, extra),
            )
        return {"all": self._all, "any": self._any, "not": self._not, "schema": self._schema}[form](
            node[form], (*path, form)
        )

    def _leaf(self, node: Mapping[str, Any], path: KeyPath) -> Condition:
        positions = self.document.positions
        name = node["metric"]
        if not isinstance(name, str) or name not in self.known:
            message = f"unknown metric '{name}'{_suggest(str(name), self.known)}"
            return self.fail(
                positions.value((*path, "metric")), "rubric.unknown-metric", message, (*path, "metric")
            )
        ops = [key for key in node if key != "metric"]
        if len(ops) > 1:
            return self.fail(
                positions.key((*path, ops[1])),
                "rubric.condition",
                "one operator per leaf: combine leaves with all:",
                (*path, ops[1]),
            )
        if not ops:
            return Condition(lambda m, d: bool(m[name].value), (name,))
        op, wanted = ops[0], node[ops[0]]
        if op in _ORDERED:
            if not _is_number(wanted):
                return self.fail(
                    positions.value((*path, op)), "rubric.condition", f"'{op}' needs a number", (*path, op)
                )
            compare = _ORDERED[op]
            return Condition(
                lambda m, d: _is_number(m[name].value) and compare(m[name].value, wanted),
                (name,),
            )
        if wanted is not None and not isinstance(wanted, int | float | bool):
            return self.fail(
                positions.value((*path, op)),
                "rubric.condition",
                f"'{op}' needs a number, true, false or null",
                (*path, op),
            )
        equal = _EQUALITY[op]
        return Condition(lambda m, d: m[name].value is not None and equal(m[name].value, wanted), (name,))

    def _parts(self, node: Any, path: KeyPath) -> tuple[Condition, ...] | None:
        if not isinstance(node, list) or not node:
            self.fail(
                self.document.positions.value(path), "rubric.condition", "needs a list of conditions", path
            )
            return None
        return tuple(self.compile(part, (*path, i)) for i, part in enumerate(node))

    def _all(self, node: Any, path: KeyPath) -> Condition:
        parts = self._parts(node, path)
        if parts is None:
            return _INVALID
        return Condition(lambda m, d: all(p.test(m, d) for p in parts), _reads(parts))

    def _any(self, node: Any, path: KeyPath) -> Condition:
        parts = self._parts(node, path)
        if parts is None:
            return _INVALID
        return Condition(lambda m, d: any(p.test(m, d) for p in parts), _reads(parts))

    def _not(self, node: Any, path: KeyPath) -> Condition:
        inner = self.compile(node, path)
        return Condition(lambda m, d: not inner.test(m, d), inner.metrics)

    def _schema(self, node: Any, path: KeyPath) -> Condition:
        from jsonschema import Draft202012Validator, SchemaError  # only rubrics with schema leaves pay

        try:
            Draft202012Validator.check_schema(node)
        except SchemaError as error:
            where = (*path, *error.absolute_path)
            return self.fail(
                self.document.positions.value(where),
                "rubric.schema-condition",
                f"invalid JSON Schema: {error.message}",
                where,
            )
        unresolved = [self._unresolvable(node, ref, where) for ref, where in _refs(node, path)]
        if any(unresolved):
            return _INVALID
        validator = Draft202012Validator(node, format_checker=Draft202012Validator.FORMAT_CHECKER)
        return Condition(lambda m, d: validator.is_valid(d), ())

    def _unresolvable(self, root: Any, ref: str, path: KeyPath) -> bool:
        """Record a ``$ref`` that does not resolve within ``root``; True when it does not."""
        from referencing import Registry
        from referencing.exceptions import Unresolvable
        from referencing.jsonschema import DRAFT202012

        base = "urn:devocheck:schema-condition"
        resolver = Registry().with_resource(base, DRAFT202012.create_resource(root)).resolver(base)
        try:
            resolver.lookup(ref)
        except Unresolvable:
            self.fail(
                self.document.positions.value(path),
                "rubric.schema-condition",
                f"$ref '{ref}' does not resolve within this schema condition (nothing is fetched)",
                path,
            )
            return True
        return False


def _refs(node: Any, path: KeyPath) -> Iterator[tuple[str, KeyPath]]:
    """Every ``$ref`` in a JSON Schema fragment, with its key path."""
    if isinstance(node, Mapping):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value, (*path, key)
            else:
                yield from _refs(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _refs(value, (*path, i))


def _reads(parts: tuple[Condition, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(name for part in parts for name in part.metrics))


__all__ = ["FORMS", "OPERATORS", "Compiler", "Condition"]
