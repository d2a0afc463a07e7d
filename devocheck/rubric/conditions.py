"""The rubric condition language, compiled once per rubric into closures.

A condition is one of

* a leaf ``{metric: NAME, OP: VALUE}`` with OP one of ``gte gt lte lt eq ne``, or
  ``{metric: NAME}`` alone, which holds when the value is truthy;
* ``{all: [...]}``, ``{any: [...]}``, ``{not: {...}}``;
* ``{schema: <JSON Schema>}``, which holds when the locality data validates against the
  fragment (Draft 2020-12): the escape hatch for testing any field, ``x-`` fields included.
  Its ``$ref`` s must resolve within the fragment (nothing is fetched).

Keys starting with ``x-`` are the author's notes, ignored here as everywhere in a rubric.

Evaluation is three-valued (Kleene): a leaf over a metric whose value is absent (``None``:
the facts it reads are not stated) is *unknown*, whatever its operator. ``all`` is false when
any part is false, else unknown when any part is unknown, else true; ``any`` is true when any
part is true, else unknown when any is unknown, else false; ``not`` keeps unknown unknown.
A level or an evidence test holds only when its condition is true, so an unknown never
holds, even under ``not``; a tier requirement that is unknown is *not stated*. Ordered
comparisons (``gte gt lte lt``) hold only for numeric values, never for booleans.

A comparison must fit the metric's kind (``devocheck.measure.Kind``): a yes/no metric is
tested alone or with ``eq``/``ne`` and ``true``/``false``; a count, share or number of years is
compared with a number it can take (whole for counts and years, 0..1 for shares), and never so
that the comparison holds for every value or for none. ``null`` is refused except with
``eq``/``ne`` on a metric that may be unknown (``Metric.unknown``): ``{metric: m, ne: null}``
then tests that its facts are stated.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from devocheck.errors import RubricError
from devocheck.measure import YES_NO, Kind, Metric, MetricValue
from devocheck.model import Diagnostic, Document, KeyPath, Position, dotted_path
from devocheck.validate.messages import closest

#: A three-valued judgement: True, False, or None for unknown (the facts are not stated).
Truth = bool | None
Judge = Callable[[Mapping[str, MetricValue], Any], Truth]

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

    judge: Judge
    """True, False or None (unknown) for a locality's metrics and data."""
    metrics: tuple[str, ...]

    def __call__(self, metrics: Mapping[str, MetricValue], data: Any) -> bool:
        """Whether the condition holds: true, not merely unknown."""
        return self.judge(metrics, data) is True


def _never(metrics: Mapping[str, MetricValue], data: Any) -> Truth:
    return False


_INVALID = Condition(_never, ())


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _suggest(word: str, choices: Collection[str]) -> str:
    close = closest(word, choices)
    return f" (did you mean '{close}'?)" if close else ""


class Compiler:
    """Compiles the conditions of one rubric document, collecting positioned problems."""

    def __init__(self, document: Document, metrics: Mapping[str, Metric]) -> None:
        self.document = document
        self.known = metrics
        self.problems: list[Diagnostic] = []

    def fail(self, position: Position, code: str, message: str, path: KeyPath) -> Condition:
        """Record a problem at ``path``, worded as the schema translator words its own."""
        text = f"{dotted_path(path)}: {message}"
        self.problems.append(Diagnostic(self.document.source.name, position, code, text, path))
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
                hint = _suggest(str(key), (*FORMS, *OPERATORS)) or " (keys of your own must start with 'x-')"
                return self.fail(
                    positions.key((*path, key)),
                    "rubric.schema.unknown-key",
                    f"unknown key '{key}'{hint}",
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
            return Condition(lambda m, d: _unknown_or(m[name].value, bool), (name,))
        op, wanted = ops[0], node[ops[0]]
        if op in _ORDERED and not _is_number(wanted):
            return self.fail(
                positions.value((*path, op)), "rubric.condition", f"'{op}' needs a number", (*path, op)
            )
        if op in _EQUALITY and wanted is not None and not isinstance(wanted, int | float | bool):
            return self.fail(
                positions.value((*path, op)),
                "rubric.condition",
                f"'{op}' needs a number, true or false",
                (*path, op),
            )
        misfit = _misfit(self.known[name], op, wanted)
        if misfit:
            return self.fail(positions.value((*path, op)), "rubric.metric-kind", misfit, (*path, op))
        if op in _ORDERED:
            compare = _ORDERED[op]
            return Condition(
                lambda m, d: _unknown_or(m[name].value, lambda v: _is_number(v) and compare(v, wanted)),
                (name,),
            )
        equal = _EQUALITY[op]
        return Condition(lambda m, d: _unknown_or(m[name].value, lambda v: equal(v, wanted)), (name,))

    def _parts(self, node: Any, path: KeyPath) -> tuple[Condition, ...] | None:
        if not isinstance(node, list) or not node:
            self.fail(
                self.document.positions.value(path), "rubric.condition", "needs a list of conditions", path
            )
            return None
        return tuple(self.compile(part, (*path, i)) for i, part in enumerate(node))

    def _all(self, node: Any, path: KeyPath) -> Condition:
        return self._join(node, path, decisive=False)

    def _any(self, node: Any, path: KeyPath) -> Condition:
        return self._join(node, path, decisive=True)

    def _join(self, node: Any, path: KeyPath, *, decisive: bool) -> Condition:
        """``all`` (a false part decides) or ``any`` (a true part decides), in Kleene's logic."""
        parts = self._parts(node, path)
        if parts is None:
            return _INVALID

        def judge(m: Mapping[str, MetricValue], d: Any) -> Truth:
            result: Truth = not decisive
            for part in parts:
                value = part.judge(m, d)
                if value is decisive:
                    return decisive
                if value is None:
                    result = None
            return result

        return Condition(judge, _reads(parts))

    def _not(self, node: Any, path: KeyPath) -> Condition:
        inner = self.compile(node, path)

        def judge(m: Mapping[str, MetricValue], d: Any) -> Truth:
            value = inner.judge(m, d)
            return None if value is None else not value

        return Condition(judge, inner.metrics)

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


# --- does a comparison fit the metric's kind? -------------------------------------------------


def _misfit(metric: Metric, op: str, wanted: Any) -> str | None:
    """Why ``{metric: name, op: wanted}`` does not fit the metric's kind, with the fix; None when it fits.

    ``null`` fits only ``eq``/``ne`` on a metric that may be unknown (``Metric.unknown``).
    """
    name, kind = metric.name, metric.kind
    said = f"'{op}: {_yaml(wanted)}'"
    if wanted is None and metric.unknown and op in _EQUALITY:
        return None
    if wanted is None:
        verdict = "never holds" if op == "eq" else "holds for every file"
        return (
            f"{name} is never null (a metric of a section left out is 0, false or a share of 0), "
            f"so {said} {verdict}: to test that the section is left out, write "
            f"{{not: {{schema: {{required: [{name.split('.', 1)[0]}]}}}}}}"
        )
    if kind is YES_NO:
        if isinstance(wanted, bool):
            return None
        return f"{name} is yes/no: write {_yes_no_fix(name, op, wanted)}"
    if isinstance(wanted, bool):
        some = "gte: 1" if kind.whole else "gt: 0"
        fix = some if wanted == (op == "eq") else "eq: 0"
        return f"{name} is {kind.noun} ({kind.meaning}), not yes/no: write {{metric: {name}, {fix}}}"
    if kind.whole and not float(wanted).is_integer():
        return f"{name} is {kind.noun} ({kind.meaning}), so {_whole_fix(op, wanted)}"
    constant = _constant(kind, op, wanted)
    if constant is None:
        return None
    percent = kind.high == 1 and 1 < wanted <= 100 and float(wanted).is_integer()
    hint = f"; did you mean '{op}: {wanted / 100:g}'?" if percent else ""
    return (
        f"{name} is {kind.noun} ({kind.meaning}), so {said} {constant}: "
        f"compare it with a value some files reach and others do not{hint}"
    )


def _yaml(value: Any) -> str:
    """A condition value as YAML writes it."""
    if value is None or isinstance(value, bool):
        return {None: "null", True: "true", False: "false"}[value]
    return f"{value:g}"


def _yes_no_fix(name: str, op: str, wanted: float) -> str:
    """The yes/no condition a numeric comparison of a yes/no metric was meant as."""
    compare = {**_ORDERED, **_EQUALITY}[op]
    on_yes, on_no = compare(1, wanted), compare(0, wanted)
    if on_yes and not on_no:
        return f"{{metric: {name}}} or {{metric: {name}, eq: true}}"
    if on_no and not on_yes:
        return f"{{not: {{metric: {name}}}}} or {{metric: {name}, eq: false}}"
    verdict = "holds for both yes and no" if on_yes else "holds for neither yes nor no"
    return f"{{metric: {name}}} (yes) or {{metric: {name}, eq: false}} (no); '{op}: {wanted:g}' {verdict}"


def _whole_fix(op: str, wanted: float) -> str:
    """The whole-number comparison that means the same as ``op: wanted`` on whole numbers."""
    if op in ("eq", "ne"):
        verdict = "never holds" if op == "eq" else "holds for every file"
        return f"'{op}: {wanted:g}' {verdict}: compare it with a whole number"
    same = math.ceil(wanted) if op in ("gte", "lt") else math.floor(wanted)
    return f"write '{op}: {same}', which means what '{op}: {wanted:g}' says of a whole number"


def _constant(kind: Kind, op: str, wanted: float) -> str | None:
    """``never holds`` or ``holds for every file`` when ``op: wanted`` cannot tell values of ``kind``
    apart; None when some values pass and others fail. ``kind.low`` and ``kind.high`` are whole."""
    low, high = kind.low, math.inf if kind.high is None else kind.high
    if op in ("eq", "ne"):
        fits = kind.fits(wanted)
        return None if fits else ("never holds" if op == "eq" else "holds for every file")
    some_pass, some_fail = {
        "gte": (high >= wanted, low < wanted),
        "gt": (high > wanted, low <= wanted),
        "lte": (low <= wanted, high > wanted),
        "lt": (low < wanted, high >= wanted),
    }[op]
    if some_pass and some_fail:
        return None
    return "holds for every file" if some_pass else "never holds"


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


def _unknown_or(value: Any, test: Callable[[Any], bool]) -> Truth:
    """Unknown when the metric's value is absent, else ``test`` of it."""
    return None if value is None else test(value)


def _reads(parts: tuple[Condition, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(name for part in parts for name in part.metrics))


__all__ = ["FORMS", "OPERATORS", "Compiler", "Condition", "Truth"]
