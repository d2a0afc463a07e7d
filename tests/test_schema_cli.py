"""``devocheck schema NAME`` prints schemas editors and other tools can use as they are."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from devocheck.load.loader import load
from tests.conftest import EXAMPLES, Runner


@pytest.mark.parametrize("name", ["locality", "rubric", "report"])
def test_each_printed_schema_is_a_valid_draft_2020_12_schema_with_a_stable_id(cli: Runner, name: str) -> None:
    result = cli("schema", name)
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].startswith("https://")


def test_the_printed_locality_schema_accepts_every_example(cli: Runner) -> None:
    validator = Draft202012Validator(
        json.loads(cli("schema", "locality").stdout), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    examples = sorted(EXAMPLES.glob("*.yaml"))
    assert examples
    for path in examples:
        assert validator.is_valid(load(path).data), path.name


def test_an_unknown_schema_name_is_a_usage_error(cli: Runner) -> None:
    assert cli("schema", "nope").exit_code == 2
