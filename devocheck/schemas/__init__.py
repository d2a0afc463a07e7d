"""The JSON Schemas devocheck ships: the locality format, rubric files and the JSON report."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

#: Schema name (as ``devocheck schema NAME`` takes it) -> file in this package.
SCHEMA_FILES = {
    "locality": "locality.v1.schema.json",
    "rubric": "rubric.schema.json",
    "report": "report.schema.json",
}


def schema_text(name: str) -> str:
    """The schema ``name`` exactly as shipped."""
    return (resources.files(__name__) / SCHEMA_FILES[name]).read_text(encoding="utf-8")


@cache
def load_schema(name: str) -> dict[str, Any]:
    """The parsed schema ``name``; parsed once per process."""
    schema: dict[str, Any] = json.loads(schema_text(name))
    return schema
