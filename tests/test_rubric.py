"""Rubrics as data: custom rubrics work without code changes; malformed ones fail at line:col."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from devocheck.errors import RubricError
from devocheck.model import Position
from devocheck.pipeline import assess
from devocheck.rubric import model
from devocheck.rubric.catalog import builtin_rubric_dir, list_builtin_rubrics
from devocheck.rubric.model import load_rubric, load_rubric_file
from tests.conftest import Runner

DAY = date(2026, 11, 1)

CUSTOM = """\
id: community-voice
version: 1
title: Residents shape services
source: {citation: "A test rubric"}
bands:
  - {name: low, min: 0}
  - {name: high, min: 50}
gate_cap: low
themes:
  - id: voice
    title: Residents' voice
    weight: 1
    criteria:
      - id: voice.panel
        title: A residents' panel shapes the joined-up offer
        weight: 1
        max_level: 2
        reads: [x-community]
        rationale: Residents know where services fail them.
        remediation: Set up a residents' panel and give it a say over the shared outcomes.
        levels:
          - level: 1
            description: Outcomes exist and a residents' panel meets.
            when:
              all:
                - {metric: goals.outcome_count, gte: 1}
                - schema:
                    required: [x-community]
                    properties:
                      x-community: {properties: {panel_meets: {const: true}}, required: [panel_meets]}
          - level: 2
            description: The panel has signed up to an outcome.
            when:
              not: {metric: goals.every_outcome_has_cohort, eq: false}
"""

LOCALITY = """\
schema_version: 1
locality:
  id: t
  name: T
  constituents: [{code: E08000001, name: A}]
goals:
  outcomes: [{id: o1, statement: s, cohort: c}]
x-community: {panel_meets: true}
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_custom_rubric_with_its_own_criterion_scores_without_code_changes(tmp_path: Path) -> None:
    rubric = load_rubric(write(tmp_path, "voice.yaml", CUSTOM))
    assert [c.id for c in rubric.criteria] == ["voice.panel"]
    report = assess(write(tmp_path, "t.yaml", LOCALITY), rubric=rubric, assessment_date=DAY)
    assert (report.score, report.band, report.criteria[0].status) == (100.0, "high", "met")
    quiet = LOCALITY.replace("panel_meets: true", "panel_meets: false")
    report = assess(write(tmp_path, "q.yaml", quiet), rubric=rubric, assessment_date=DAY)
    assert (report.score, report.band, report.criteria[0].level) == (0.0, "low", 0)
    absent = assess(
        write(tmp_path, "a.yaml", LOCALITY.replace("x-community", "x-other")), rubric=rubric, today=DAY
    )
    assert absent.criteria[0].status == "no-evidence"


def at(text: str, needle: str, offset: int = 0) -> Position:
    """The 1-based position of the last ``needle`` (plus ``offset`` characters) in ``text``."""
    index = text.rindex(needle) + offset
    line = text.count("\n", 0, index) + 1
    return Position(line, index - (text.rfind("\n", 0, index) + 1) + 1)


LAST = "              not: {metric: goals.every_outcome_has_cohort, eq: false}\n"
TWIN = (
    LAST
    + """\
      - id: voice.panel
        title: t
        weight: 1
        max_level: 1
        reads: [goals]
        rationale: r
        remediation: r
        levels:
          - {level: 1, description: d, when: {metric: goals.outcome_count, gte: 1}}
"""
)


@pytest.mark.parametrize(
    ("old", "new", "needle", "offset", "code"),
    [
        (
            "goals.outcome_count, gte",
            "goals.outcome_cuont, gte",
            "goals.outcome_cuont",
            0,
            "rubric.unknown-metric",
        ),
        (
            "{metric: goals.outcome_count, gte: 1}",
            "{metric: goals.outcome_count, gtee: 1}",
            "gtee",
            0,
            "rubric.schema.unknown-key",
        ),
        ("description: The panel has", "summary: The panel has", "level: 2", 0, "rubric.schema.required"),
        ("    max_level: 2\n", "    max_level: 3\n", "levels:\n          - level: 1", 0, "rubric.level"),
        (
            "          - level: 2",
            "          - level: 1",
            "level: 1\n            description: The panel",
            7,
            "rubric.level",
        ),
        (
            "        weight: 1\n        max_level",
            "        weight: 0\n        max_level",
            "weight: 0",
            8,
            "rubric.schema.exclusiveMinimum",
        ),
        ("{name: high, min: 50}", "{name: high, min: 0}", "min: 0}", 5, "rubric.bands"),
        ("gate_cap: low", "gate_cap: medium", "medium", 0, "rubric.gate-cap"),
        ("schema:\n", "schema:\n                    type: 12\n", "12", 0, "rubric.schema-condition"),
        (LAST, TWIN, "id: voice.panel", 4, "rubric.duplicate-id"),
    ],
    ids=[
        "unknown-metric",
        "bad-op",
        "missing-description",
        "missing-level",
        "duplicate-level",
        "zero-weight",
        "bands-not-ascending",
        "unknown-gate-cap",
        "bad-schema-leaf",
        "duplicate-criterion-id",
    ],
)
def test_malformed_rubrics_fail_at_the_offending_node(
    tmp_path: Path, old: str, new: str, needle: str, offset: int, code: str
) -> None:
    assert old in CUSTOM
    text = CUSTOM.replace(old, new, 1)
    expected = at(text, needle, offset)
    with pytest.raises(RubricError) as caught:
        load_rubric(write(tmp_path, "bad.yaml", text))
    found = [(d.code, d.position) for d in caught.value.diagnostics]
    assert (code, expected) in found, str(caught.value)
    assert all(d.file.endswith("bad.yaml") for d in caught.value.diagnostics)


def test_an_unknown_builtin_id_suggests_the_nearest() -> None:
    with pytest.raises(RubricError, match="did you mean 'ifg-2015'"):
        load_rubric("ifg-2016")


def test_builtins_are_listed_from_the_directory() -> None:
    assert "ifg-2015" in list_builtin_rubrics()
    assert list_builtin_rubrics() == tuple(sorted(p.stem for p in builtin_rubric_dir().glob("*.yaml")))


def test_builtin_rubric_shape_matches_the_spec() -> None:
    rubric = load_rubric("ifg-2015")
    weights = {t.id: t.weight for t in rubric.themes}
    assert weights == {
        "goals": 3,
        "commissioning": 3,
        "co-location": 2,
        "data-sharing": 3,
        "geography": 3,
        "service-reform": 2,
        "funding": 1,
        "ways-of-working": 1,
    }
    assert len(rubric.criteria) == 16
    assert {c.id for c in rubric.criteria if c.gate} == {"goals.shared-outcomes", "data-sharing.agreements"}
    assert [(b.name, b.min) for b in rubric.bands] == [
        ("not-ready", 0),
        ("emerging", 40),
        ("maturing", 60),
        ("ready", 80),
    ]
    assert rubric.gate_cap == "emerging"
    assert all(c.rationale and c.remediation and c.cites for c in rubric.criteria)


def test_a_rubric_is_compiled_once_per_process(tmp_path: Path) -> None:
    rubric = load_rubric("ifg-2015")
    before = model._compiled.cache_info()
    files = [write(tmp_path, f"l{i}.yaml", LOCALITY) for i in range(3)]
    for path in files:
        assess(path, today=DAY)
    assert load_rubric("ifg-2015") is rubric
    after = model._compiled.cache_info()
    assert after.misses == before.misses
    assert after.hits >= before.hits + 4


def test_assess_takes_a_custom_rubric_file_and_refuses_a_broken_one(cli: Runner, tmp_path: Path) -> None:
    rubric = write(tmp_path, "voice.yaml", CUSTOM)
    locality = write(tmp_path, "t.yaml", LOCALITY)
    result = cli("assess", locality, "--rubric", rubric, "--date", "2026-11-01", "--format", "json")
    assert result.exit_code == 0, result.stderr
    (report,) = json.loads(result.stdout)["reports"]
    assert (report["rubric"]["id"], report["score"], report["band"]) == ("community-voice", 100.0, "high")
    assert [c["id"] for c in report["criteria"]] == ["voice.panel"]
    broken = write(tmp_path, "broken.yaml", CUSTOM.replace("goals.outcome_count", "goals.outcome_cuont"))
    result = cli("assess", locality, "--rubric", broken)
    where = at(CUSTOM, "goals.outcome_count")
    assert result.exit_code == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"{broken}:{where.line}:")
    assert "goals.outcome_cuont" in line


def test_an_edited_rubric_file_is_compiled_again_in_the_same_session(tmp_path: Path) -> None:
    """A notebook that edits its rubric sees the edit; an unchanged file is not compiled twice."""
    path = write(tmp_path, "voice.yaml", CUSTOM).resolve()
    first = load_rubric_file(path)
    assert load_rubric_file(path) is first
    path.write_text(CUSTOM.replace("title: Residents shape services", "title: Edited"), encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    edited = load_rubric_file(path)
    assert edited is not first and edited.title == "Edited"
    assert load_rubric(path) is edited
