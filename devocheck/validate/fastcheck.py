"""A yes/no JSON Schema check compiled to nested closures: the fast path for valid files.

Most files are valid, and a valid file needs no error report, only "it conforms". jsonschema's
general validator costs about 4x the YAML parse; fastjsonschema runs at about 2x but spends
~90 ms per process compiling the ~250 KB of Python it generates for the locality schema,
more than validating a dozen files. Closures over the schema's own keywords build in well
under a millisecond and run at fastjsonschema's speed. Only the keywords devocheck's schemas
use are supported; any other keyword is refused when the check is built, so a schema change
cannot silently weaken it. Invalid files go to jsonschema for the positioned report.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from typing import Any

Check = Callable[[Any], bool]

#: Keywords that say nothing about validity.
_ANNOTATIONS = frozenset(
    {"$schema", "$id", "$comment", "$defs", "title", "description", "default", "examples"}
)

_TYPES: dict[str, Check] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "integer": lambda v: (
        (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer())
    ),
}


def compile_check(schema: Mapping[str, Any], formats: Mapping[str, Check]) -> Check:
    """``schema`` (local ``$ref``s to ``#/$defs/...`` allowed, no recursion) as a predicate."""
    return _Builder(schema.get("$defs", {}), formats).build(schema)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _same(a: Any, b: Any) -> bool:
    """JSON equality: 1 == 1.0, but true is not 1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    return bool(a == b)


def _json_key(value: Any) -> str:
    """A canonical text for ``value`` under JSON equality (1 and 1.0 alike; true and 1 not)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, list):
        return "[" + ",".join(map(_json_key, value)) + "]"
    if isinstance(value, dict):
        return "{" + ",".join(f"{json.dumps(k)}:{_json_key(v)}" for k, v in sorted(value.items())) + "}"
    return json.dumps(value)


def _unique(items: list[Any]) -> bool:
    if all(type(item) is str for item in items):
        return len(set(items)) == len(items)
    return len({_json_key(item) for item in items}) == len(items)


class _Builder:
    def __init__(self, definitions: Mapping[str, Any], formats: Mapping[str, Check]) -> None:
        self.definitions = definitions
        self.formats = formats

    def build(self, schema: Mapping[str, Any]) -> Check:
        ref = schema.get("$ref")
        checks: list[Check] = []
        if ref is not None:
            if not (isinstance(ref, str) and ref.startswith("#/$defs/")):
                raise ValueError(f"unsupported $ref {ref!r}")
            checks.append(self.build(self.definitions[ref.removeprefix("#/$defs/")]))
        for keyword, value in schema.items():
            if keyword in _ANNOTATIONS or keyword == "$ref" or keyword in _OBJECT_KEYWORDS:
                continue
            method = getattr(self, "_" + keyword, None)
            if method is None:
                raise ValueError(f"keyword {keyword!r} is not supported by the fast check")
            checks.append(method(value))
        if _OBJECT_KEYWORDS & schema.keys():
            checks.append(self._object(schema))
        if not checks:
            return lambda value: True
        if len(checks) == 1:
            return checks[0]
        all_checks = tuple(checks)
        return lambda value: all(check(value) for check in all_checks)

    def _type(self, names: str | list[str]) -> Check:
        wanted = tuple(_TYPES[name] for name in ([names] if isinstance(names, str) else names))
        if len(wanted) == 1:
            return wanted[0]
        return lambda value: any(check(value) for check in wanted)

    def _const(self, expected: Any) -> Check:
        return lambda value: _same(value, expected)

    def _enum(self, allowed: list[Any]) -> Check:
        if all(type(item) is str for item in allowed):
            strings = frozenset(allowed)
            return lambda value: type(value) is str and value in strings
        return lambda value: any(_same(value, item) for item in allowed)

    def _pattern(self, pattern: str) -> Check:
        search = re.compile(pattern).search
        return lambda value: not isinstance(value, str) or search(value) is not None

    def _format(self, name: str) -> Check:
        return self.formats.get(name, lambda value: True)

    def _minimum(self, bound: float) -> Check:
        return lambda value: not _is_number(value) or value >= bound

    def _minItems(self, count: int) -> Check:  # named after the keyword
        return lambda value: not isinstance(value, list) or len(value) >= count

    def _uniqueItems(self, wanted: bool) -> Check:
        if not wanted:
            return lambda value: True
        return lambda value: not isinstance(value, list) or _unique(value)

    def _items(self, schema: Mapping[str, Any]) -> Check:
        item = self.build(schema)
        return lambda value: not isinstance(value, list) or all(map(item, value))

    def _object(self, schema: Mapping[str, Any]) -> Check:
        properties = {name: self.build(sub) for name, sub in schema.get("properties", {}).items()}
        patterns = tuple(
            (re.compile(pattern).search, self.build(sub))
            for pattern, sub in schema.get("patternProperties", {}).items()
        )
        additional = schema.get("additionalProperties", True)
        other: Check | None = None if additional is True else self._schema_or_false(additional)
        required = tuple(schema.get("required", ()))

        def check(value: Any) -> bool:
            if not isinstance(value, dict):
                return True
            for name in required:
                if name not in value:
                    return False
            for key, item in value.items():
                known = properties.get(key)
                if known is not None and not known(item):
                    return False
                matched = False
                for search, sub in patterns:
                    if search(key) is not None:
                        matched = True
                        if not sub(item):
                            return False
                if known is None and not matched and other is not None and not other(item):
                    return False
            return True

        return check

    def _schema_or_false(self, schema: bool | Mapping[str, Any]) -> Check:
        if schema is False:
            return lambda value: False
        if schema is True:
            return lambda value: True
        return self.build(schema)


_OBJECT_KEYWORDS = frozenset({"properties", "patternProperties", "additionalProperties", "required"})
