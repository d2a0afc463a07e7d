"""Rubric check, last step: levels that a locality reaches without stating what they read.

A level whose condition holds when the facts it reads are absent gives marks for silence:
JSON Schema, for one, is vacuous on an absent property, so ``{schema: {properties: {funding:
{properties: {settlement_years: {minimum: 10}}}}}}`` holds for a file that states no settlement.
Each rubric is assessed against two probe localities, one that states nothing and one whose
every section is present but empty, and every criterion above level 0 on either is a warning
at its level 1. Pure: the caller passes the rubric's own document for positions.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from devocheck.load.positions import NoPositions
from devocheck.model import Diagnostic, Document, KeyPath, LoaderKind, Source
from devocheck.rubric.model import Rubric
from devocheck.schemas import load_schema
from devocheck.score.scoring import evaluate

#: Probes need a date; nothing in them is dated, so any day gives the same levels.
_DAY = date(2000, 1, 1)
_LOCALITY = {"id": "probe", "name": "Probe", "constituents": [{"code": "E08000001", "name": "Probe"}]}


def _probes() -> Iterator[tuple[str, Mapping[str, Any]]]:
    bare = {"schema_version": 1, "locality": _LOCALITY}
    yield "states nothing", bare
    sections = load_schema("locality")["properties"]
    empty: dict[str, Any] = {
        name: [] if spec.get("type") == "array" else {}
        for name, spec in sections.items()
        if name not in bare and spec.get("type") in ("array", "object") and name != "waivers"
    }
    yield "has every section present but empty", {**bare, **empty}


def _level_one(rubric_data: Mapping[str, Any], criterion: str) -> KeyPath:
    """The key path of a criterion's level-1 condition in the rubric file."""
    for t, theme in enumerate(rubric_data["themes"]):
        for c, raw in enumerate(theme["criteria"]):
            if raw["id"] == criterion:
                levels = raw["levels"]
                index = next(i for i, level in enumerate(levels) if level["level"] == 1)
                return ("themes", t, "criteria", c, "levels", index, "when")
    raise KeyError(criterion)


def vacuous_levels(rubric: Rubric, document: Document) -> list[Diagnostic]:
    """Warnings for criteria that score above 0 on a locality stating nothing they read.

    ``document`` is the rubric file ``rubric`` was compiled from (for line and column).
    """
    found: dict[str, Diagnostic] = {}
    for what, data in _probes():
        probe = Document(Source(f"<a locality that {what}>", "0" * 64, LoaderKind.PURE), data, NoPositions())
        for result in evaluate(probe, rubric, _DAY).criteria:
            if result.level == 0 or result.criterion in found:
                continue
            path = _level_one(document.data, result.criterion)
            found[result.criterion] = Diagnostic(
                file=document.source.name,
                position=document.positions.key(path),
                code="rubric.vacuous-level",
                message=(
                    f"{result.criterion} reaches level {result.level} on a locality that {what}: "
                    "write its conditions so that absence fails (a `schema:` condition needs "
                    "`required` for every property it reads; prefer a metric's count to an 'every' rule)"
                ),
                path=path,
                severity="warning",
            )
    return sorted(found.values(), key=Diagnostic.sort_key)


__all__ = ["vacuous_levels"]
