"""A metric comparison must fit the metric's kind: ``rubric check`` refuses one that can never
hold, always holds, or compares a yes/no metric as a number (or a number as yes/no)."""

from __future__ import annotations

import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from devocheck.load.loader import parse
from devocheck.measure import METRICS, SHARE, YES_NO, Kind, MetricValue
from devocheck.model import Position
from devocheck.rubric.conditions import OPERATORS, Compiler, Condition


def compile_leaf(text: str) -> tuple[Condition, Compiler]:
    """Compile the condition written (in YAML flow style) after ``when: ``."""
    compiler = Compiler(parse(f"when: {text}\n", "r.yaml"), METRICS)
    return compiler.compile(compiler.document.data["when"], ("when",)), compiler


J, C, S, Y = (
    "learning.joint_training",
    "goals.outcome_count",
    "powers.funded_share",
    "funding.settlement_years",
)

# (condition, the message; None when it fits)
CASES = [
    # yes/no metrics: alone or with true/false; a number says what was meant
    (f"{{metric: {J}}}", None),
    (f"{{metric: {J}, eq: true}}", None),
    (f"{{metric: {J}, ne: false}}", None),
    (
        f"{{metric: {J}, gte: 1}}",
        f"{J} is yes/no: write {{metric: {J}}} or {{metric: {J}, eq: true}}",
    ),
    (f"{{metric: {J}, eq: 1}}", f"{J} is yes/no: write {{metric: {J}}} or {{metric: {J}, eq: true}}"),
    (f"{{metric: {J}, gt: 0.5}}", f"{J} is yes/no: write {{metric: {J}}} or {{metric: {J}, eq: true}}"),
    (
        f"{{metric: {J}, lt: 1}}",
        f"{J} is yes/no: write {{not: {{metric: {J}}}}} or {{metric: {J}, eq: false}}",
    ),
    (
        f"{{metric: {J}, eq: 0}}",
        f"{J} is yes/no: write {{not: {{metric: {J}}}}} or {{metric: {J}, eq: false}}",
    ),
    (
        f"{{metric: {J}, gte: 0}}",
        f"{J} is yes/no: write {{metric: {J}}} (yes) or {{metric: {J}, eq: false}} (no); "
        "'gte: 0' holds for both yes and no",
    ),
    (
        f"{{metric: {J}, gt: 1}}",
        f"{J} is yes/no: write {{metric: {J}}} (yes) or {{metric: {J}, eq: false}} (no); "
        "'gt: 1' holds for neither yes nor no",
    ),
    # counts: whole numbers from 0
    (f"{{metric: {C}}}", None),
    (f"{{metric: {C}, gte: 1}}", None),
    (f"{{metric: {C}, eq: 0}}", None),
    (f"{{metric: {C}, lte: 0}}", None),
    (f"{{metric: {C}, gt: 0}}", None),
    (
        f"{{metric: {C}, eq: true}}",
        f"{C} is a count (a whole number, 0 or more), not yes/no: write {{metric: {C}, gte: 1}}",
    ),
    (
        f"{{metric: {C}, ne: true}}",
        f"{C} is a count (a whole number, 0 or more), not yes/no: write {{metric: {C}, eq: 0}}",
    ),
    (
        f"{{metric: {C}, eq: false}}",
        f"{C} is a count (a whole number, 0 or more), not yes/no: write {{metric: {C}, eq: 0}}",
    ),
    (
        f"{{metric: {C}, gte: 0}}",
        f"{C} is a count (a whole number, 0 or more), so 'gte: 0' holds for every file: "
        "compare it with a value some files reach and others do not",
    ),
    (
        f"{{metric: {C}, lt: 0}}",
        f"{C} is a count (a whole number, 0 or more), so 'lt: 0' never holds: "
        "compare it with a value some files reach and others do not",
    ),
    (
        f"{{metric: {C}, eq: -1}}",
        f"{C} is a count (a whole number, 0 or more), so 'eq: -1' never holds: "
        "compare it with a value some files reach and others do not",
    ),
    (
        f"{{metric: {C}, gte: 2.5}}",
        f"{C} is a count (a whole number, 0 or more), so write 'gte: 3', "
        "which means what 'gte: 2.5' says of a whole number",
    ),
    (
        f"{{metric: {C}, lte: 2.5}}",
        f"{C} is a count (a whole number, 0 or more), so write 'lte: 2', "
        "which means what 'lte: 2.5' says of a whole number",
    ),
    (
        f"{{metric: {C}, ne: 0.5}}",
        f"{C} is a count (a whole number, 0 or more), so 'ne: 0.5' holds for every file: "
        "compare it with a whole number",
    ),
    # shares: 0 to 1
    (f"{{metric: {S}, gte: 0.5}}", None),
    (f"{{metric: {S}, eq: 1}}", None),
    (f"{{metric: {S}, lte: 0}}", None),
    (
        f"{{metric: {S}, gte: 60}}",
        f"{S} is a share (a number from 0 to 1; 0.5 is half), so 'gte: 60' never holds: "
        "compare it with a value some files reach and others do not; did you mean 'gte: 0.6'?",
    ),
    (
        f"{{metric: {S}, lte: 1}}",
        f"{S} is a share (a number from 0 to 1; 0.5 is half), so 'lte: 1' holds for every file: "
        "compare it with a value some files reach and others do not",
    ),
    (
        f"{{metric: {S}, eq: 1.5}}",
        f"{S} is a share (a number from 0 to 1; 0.5 is half), so 'eq: 1.5' never holds: "
        "compare it with a value some files reach and others do not",
    ),
    (
        f"{{metric: {S}, eq: true}}",
        f"{S} is a share (a number from 0 to 1; 0.5 is half), not yes/no: write {{metric: {S}, gt: 0}}",
    ),
    # years: whole numbers from 0
    (f"{{metric: {Y}, gte: 5}}", None),
    (
        f"{{metric: {Y}, gt: 2.5}}",
        f"{Y} is a number of years (a whole number, 0 or more), so write 'gt: 2', "
        "which means what 'gt: 2.5' says of a whole number",
    ),
    # null: no metric is ever null
    (
        f"{{metric: {Y}, eq: null}}",
        f"{Y} is never null (a metric of a section left out is 0, false or a share of 0), so 'eq: null' "
        "never holds: to test that the section is left out, write {not: {schema: {required: [funding]}}}",
    ),
    (
        f"{{metric: {J}, ne: null}}",
        f"{J} is never null (a metric of a section left out is 0, false or a share of 0), so 'ne: null' "
        "holds for every file: to test that the section is left out, write "
        "{not: {schema: {required: [learning]}}}",
    ),
]


@pytest.mark.parametrize(("text", "message"), CASES, ids=[text for text, _ in CASES])
def test_a_comparison_must_fit_the_metrics_kind(text: str, message: str | None) -> None:
    _, compiler = compile_leaf(text)
    if message is None:
        assert compiler.problems == []
        return
    [problem] = compiler.problems
    op = next(key for key in compiler.document.data["when"] if key != "metric")
    assert problem.code == "rubric.metric-kind"
    assert problem.position == compiler.document.positions.value(("when", op))
    assert problem.position == Position(1, len("when: ") + text.index(f"{op}: ") + len(f"{op}: ") + 1)
    assert problem.message == f"when.{op}: {message}"


def test_every_problem_in_a_rubric_is_reported_together() -> None:
    _, compiler = compile_leaf(
        f"{{all: [{{metric: {J}, gte: 1}}, {{metric: {S}, gte: 60}}, {{metric: goals.outcome_cnt, gte: 1}}]}}"
    )
    assert [p.code for p in compiler.problems] == [
        "rubric.metric-kind",
        "rubric.metric-kind",
        "rubric.unknown-metric",
    ]


def _domain(kind: Kind, wanted: float) -> list[Any]:
    """Values of ``kind`` enough to show whether a comparison with ``wanted`` can go both ways."""
    if kind is YES_NO:
        return [False, True]
    if kind is SHARE:
        return sorted({i / 100 for i in range(101)} | ({wanted} if 0 <= wanted <= 1 else set()))
    return list(range(max(3, math.ceil(abs(wanted)) + 2)))


@given(
    name=st.sampled_from(sorted(METRICS)),
    op=st.sampled_from(OPERATORS),
    wanted=st.booleans()
    | st.integers(-5, 120)
    | st.floats(-2, 120, allow_nan=False)
    | st.sampled_from([0, 0.5, 1, 1.0, 100]),
)
def test_a_comparison_that_compiles_tells_some_files_apart(name: str, op: str, wanted: Any) -> None:
    """Whatever compiles holds for some value of the metric's kind and fails for another."""
    if isinstance(wanted, bool) and op not in ("eq", "ne"):
        return  # the meta-schema refuses it before conditions compile
    condition, compiler = compile_leaf(f"{{metric: {name}, {op}: {str(wanted).lower()}}}")
    kind = METRICS[name].kind
    if compiler.problems:
        assert [p.code for p in compiler.problems] == ["rubric.metric-kind"]
        return
    outcomes = {
        condition({name: MetricValue(name, value, True, (), "")}, {})
        for value in _domain(kind, 0 if isinstance(wanted, bool) else wanted)
    }
    assert outcomes == {True, False}
    assert isinstance(wanted, bool) == (kind is YES_NO)
