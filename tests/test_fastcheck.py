"""The fast yes/no schema check agrees with jsonschema: on the schema tests' wrong files, and
on random edits of the North Shire example (a value anywhere replaced by any JSON value)."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker

from devocheck.validate.fastcheck import compile_check
from devocheck.validate.locality import fast_check, is_iso_date
from tests.test_schema import BASE, SCHEMA, WRONG

_CHECKER = FormatChecker(formats=())
_CHECKER.checks("date")(is_iso_date)
REFERENCE = Draft202012Validator(SCHEMA, format_checker=_CHECKER)
FAST = fast_check()


@pytest.mark.parametrize("name", sorted(WRONG))
def test_agrees_on_every_wrong_file(name: str) -> None:
    assert FAST(WRONG[name]) is REFERENCE.is_valid(WRONG[name]) is False


def test_accepts_the_example() -> None:
    assert FAST(BASE) and REFERENCE.is_valid(BASE)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


PATHS = _paths(BASE)
JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-3, 3)
    | st.floats(-2, 2)
    | st.sampled_from(["", "x", "2024-02-30", "2024-02-29", "E08000901", "nsca", "pooled", "x-a", "Bad Id"]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["id", "name", "x-k", "zz"]), inner)
    ),
    max_leaves=6,
)


@settings(max_examples=300, deadline=None)
@given(path=st.sampled_from(PATHS), value=JSON, as_key=st.booleans())
def test_agrees_on_random_edits(path: tuple[Any, ...], value: Any, as_key: bool) -> None:
    data = copy.deepcopy(BASE)
    target = data
    for part in path[:-1]:
        target = target[part]
    if as_key and isinstance(target, dict):
        target[f"{path[-1]}-new" if isinstance(value, str) else "x-extra"] = value
    else:
        target[path[-1]] = value
    assert FAST(data) == REFERENCE.is_valid(data)


def test_refuses_a_keyword_it_cannot_check() -> None:
    with pytest.raises(ValueError, match="maxLength"):
        compile_check({"type": "string", "maxLength": 3}, {})
