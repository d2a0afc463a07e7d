"""The locality v1 schema: well formed, accepts the examples, rejects wrong files, and the
fast yes/no check that ``validate`` runs first agrees with jsonschema on all of them."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from devocheck.load.loader import load
from devocheck.validate.locality import fast_check

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_PATH = ROOT / "devocheck" / "schemas" / "locality.v1.schema.json"
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
SCHEMA: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)
BASE = load(ROOT / "examples" / "north-shire.yaml").data


def _fast_accepts(data: Any) -> bool:
    return fast_check()(data)


def _with(path: tuple[str | int, ...], value: Any) -> Any:
    """A copy of the North Shire example with the value at ``path`` set (created if absent)."""
    data = copy.deepcopy(BASE)
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return data


def _without(path: tuple[str | int, ...]) -> Any:
    data = copy.deepcopy(BASE)
    target = data
    for part in path[:-1]:
        target = target[part]
    del target[path[-1]]
    return data


WRONG = {
    "bad-kind-enum": _with(("locality", "kind"), "city_region"),
    "bad-sector-enum": _with(("partners", 1, "sector"), "nhs"),
    "bad-budget-type": _with(("commissioning", "arrangements", 0, "budget", "type"), "shared"),
    "bad-lawful-basis": _with(("data_sharing", "agreements", 0, "lawful_basis"), "public-task"),
    "bad-identifier": _with(("data_sharing", "shared_identifiers"), ["nhs_number", "passport"]),
    "bad-id-pattern": _with(("partners", 0, "id"), "North-Shire"),
    "id-too-long": _with(("locality", "id"), "a" * 64),
    "bad-gss-code": _with(("locality", "constituents", 0, "code"), "E0800090"),
    "bad-partner-ref-pattern": _with(("goals", "outcomes", 0, "partners"), ["NS ICB"]),
    "number-for-id": _with(("powers", 0, "id"), 2030),
    "impossible-date": _with(("assessment_date",), "2026-02-30"),
    "not-leap-year": _with(("goals", "last_reviewed"), "2025-02-29"),
    "compact-date": _with(("waivers", 0, "expires"), "20270630"),
    "date-with-time": _with(("data_sharing", "agreements", 0, "signed"), "2024-03-01T09:00:00"),
    "schema-version-2": _with(("schema_version",), 2),
    "schema-version-true": _with(("schema_version",), True),
    "negative-money": _with(("powers", 0, "funding_gbp"), -1),
    "fractional-money": _with(("commissioning", "arrangements", 0, "budget", "amount_gbp"), 2.5),
    "priority-zero": _with(("goals", "outcomes", 0, "priority"), 0),
    "yes-for-bool": _with(("learning", "joint_training"), "yes"),
    "no-constituents": _with(("locality", "constituents"), []),
    "duplicate-cover": _with(("partners", 0, "covers"), ["E08000901", "E08000901"]),
    "missing-schema-version": _without(("schema_version",)),
    "missing-locality": _without(("locality",)),
    "missing-locality-name": _without(("locality", "name")),
    "missing-partner-sector": _without(("partners", 0, "sector")),
    "missing-arrangement-partners": _without(("commissioning", "arrangements", 0, "partners")),
    "missing-waiver-reason": _without(("waivers", 0, "reason")),
    "unknown-top-level-key": _with(("comissioning",), {}),
    "unknown-nested-key": _with(("commissioning", "arrangements", 0, "budget", "currency"), "GBP"),
    "unknown-learning-key": _with(("learning", "peer_review"), True),
    "blank-name": _with(("locality", "name"), "   "),
    "null-statement": _with(("goals", "outcomes", 0, "statement"), None),
}

# User keys beginning ``x-`` are allowed on every object, whatever their value.
X_KEYS = {
    "top-level": ("x-owner",),
    "locality": ("locality", "x-region"),
    "constituent": ("locality", "constituents", 0, "x-ward-count"),
    "partner": ("partners", 2, "x-contact"),
    "outcome": ("goals", "outcomes", 1, "x-dashboard"),
    "budget": ("commissioning", "arrangements", 0, "budget", "x-cost-centre"),
    "site": ("co_location", "sites", 0, "x-opening-hours"),
    "agreement": ("data_sharing", "agreements", 0, "x-register-entry"),
    "power": ("powers", 2, "x-order"),
    "learning": ("learning", "x-notes"),
    "waiver": ("waivers", 0, "x-approved-by"),
}


def test_schema_is_valid_draft_2020_12() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$id"] == "https://devocheck.dev/schemas/locality.v1.schema.json"
    assert SCHEMA["title"]


def _objects(schema: Any, where: str) -> list[tuple[str, dict[str, Any]]]:
    """Every object schema with ``properties``, with a readable location."""
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(schema, dict):
        if "properties" in schema:
            found.append((where, schema))
        for key, value in schema.items():
            found.extend(_objects(value, f"{where}/{key}"))
    elif isinstance(schema, list):
        for index, value in enumerate(schema):
            found.extend(_objects(value, f"{where}/{index}"))
    return found


def test_every_object_is_closed_but_open_to_x_keys_and_every_property_is_described() -> None:
    for where, schema in _objects(SCHEMA, "#"):
        assert schema["additionalProperties"] is False, where
        assert schema["patternProperties"] == {"^x-": {}}, where
        for name, prop in schema["properties"].items():
            assert prop.get("description"), f"{where}/properties/{name}"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.name)
def test_accepts_every_example(path: Path) -> None:
    data = load(path).data
    assert [error.message for error in VALIDATOR.iter_errors(data)] == []


@pytest.mark.parametrize("name", sorted(WRONG))
def test_rejects_wrong_documents(name: str) -> None:
    assert not VALIDATOR.is_valid(WRONG[name])


@pytest.mark.parametrize("name", sorted(X_KEYS))
def test_accepts_x_keys_at_every_depth(name: str) -> None:
    data = _with(X_KEYS[name], {"anything": ["goes", 1, None]})
    assert VALIDATOR.is_valid(data)
    assert _fast_accepts(data)


def test_null_measure_means_not_stated_and_is_accepted() -> None:
    assert BASE["goals"]["outcomes"][1]["measure"] is None
    assert VALIDATOR.is_valid(BASE)


def test_fast_validator_agrees_with_jsonschema() -> None:
    documents = [load(path).data for path in EXAMPLES] + list(WRONG.values())
    assert [_fast_accepts(data) for data in documents] == [VALIDATOR.is_valid(data) for data in documents]
