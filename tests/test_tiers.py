"""Tiers and applicability as rubric data: three-valued conditions, a user's own tiered rubric,
the checks `rubric check` makes of tiers, waivers per rubric and the mayor warning."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from devocheck.errors import RubricError
from devocheck.load.loader import parse
from devocheck.load.positions import NoPositions
from devocheck.measure import COUNT, YES_NO, Metric, MetricValue, Reading
from devocheck.model import Document, LoaderKind, Source
from devocheck.rubric.conditions import Compiler, Truth
from devocheck.rubric.model import load_rubric
from devocheck.score.report import NotApplicable, Report
from devocheck.score.scoring import evaluate
from devocheck.validate.semantics import check_semantics
from tests.conftest import Runner

DAY = date(2026, 11, 1)
VALUES: dict[str, Truth] = {"yes": True, "no": False, "unknown": None}


def _never_read(facts: Any) -> Reading:
    raise AssertionError("the test gives values directly")


#: Two yes/no metrics and a count that may be unknown (its facts not stated).
KNOWN = {
    "yes": Metric("yes", YES_NO, "always yes", ("x",), _never_read),
    "no": Metric("no", YES_NO, "always no", ("x",), _never_read),
    "unknown": Metric("unknown", COUNT, "never stated", ("x",), _never_read, unknown=True),
}


def _metrics() -> dict[str, MetricValue]:
    return {name: MetricValue(name, value, True, (), name) for name, value in VALUES.items()}


def judge(condition: Any) -> Truth:
    document = parse("x: 1\n", "c.yaml")
    compiled = Compiler(document, KNOWN).compile(condition, ())
    return compiled.judge(_metrics(), {})


def leaf(name: str) -> dict[str, str]:
    return {"metric": name}


@pytest.mark.parametrize(
    ("left", "right", "all_", "any_"),
    [
        ("yes", "yes", True, True),
        ("yes", "no", False, True),
        ("yes", "unknown", None, True),
        ("no", "unknown", False, None),
        ("unknown", "unknown", None, None),
        ("no", "no", False, False),
    ],
)
def test_all_and_any_follow_kleene(left: str, right: str, all_: Truth, any_: Truth) -> None:
    assert judge({"all": [leaf(left), leaf(right)]}) is all_
    assert judge({"all": [leaf(right), leaf(left)]}) is all_
    assert judge({"any": [leaf(left), leaf(right)]}) is any_
    assert judge({"any": [leaf(right), leaf(left)]}) is any_


@pytest.mark.parametrize("op", ["gte", "gt", "lte", "lt", "eq", "ne"])
def test_every_operator_on_an_absent_value_is_unknown_and_not_keeps_it_unknown(op: str) -> None:
    wanted: Any = 1 if op in {"gte", "gt", "lte", "lt"} else None
    assert judge({"metric": "unknown", op: wanted}) is None
    assert judge({"not": {"metric": "unknown", op: wanted}}) is None
    assert judge({"not": leaf("no")}) is True


TIERED = """\
id: our-tiers
version: 1
title: Our tiers
source: {citation: "A test rubric"}
bands: [{name: low, min: 0}, {name: high, min: 50}]
gate_cap: low
applicability:
  when: {metric: locality.in_england}
  description: Only for English places.
tier_note: An indication only.
tiers:
  - id: bronze
    title: Bronze
    requirements:
      - {id: has-kind, basis: statute, description: A kind is stated, source: Our act,
         when: {metric: locality.authority_kind}}
      - {id: big, basis: guidance, description: Big enough, source: Our guide,
         when: {metric: locality.population_total, gte: 100}}
  - id: silver
    title: Silver
    requirements:
      - {id: mayor, basis: policy, description: A mayor, source: Our policy,
         when: {metric: locality.mayoral_kind}}
themes:
  - id: t
    title: T
    weight: 1
    criteria:
      - id: t.kind
        title: A kind
        weight: 1
        max_level: 1
        reads: [locality]
        rationale: Kinds matter.
        remediation: State a kind.
        levels:
          - {level: 1, description: A kind of authority., when: {metric: locality.authority_kind}}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "tiers.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def document(locality: dict[str, Any]) -> Document:
    data = {"schema_version": 1, "locality": {"id": "p", "name": "P", **locality}}
    return Document(Source("<t>", "0" * 64, LoaderKind.PURE), data, NoPositions())


@pytest.mark.parametrize(
    ("locality", "reached", "next_"),
    [
        ({"constituents": [{"code": "E06000001", "name": "A"}]}, "none", "bronze"),
        (
            {
                "kind": "unitary_authority",
                "constituents": [{"code": "E06000001", "name": "A", "population": 5}],
            },
            "bronze",
            "silver",
        ),
        (
            {"kind": "greater_london_authority", "constituents": [{"code": "E09000001", "name": "A"}]},
            "silver",
            None,
        ),
    ],
)
def test_a_users_tiered_rubric_works_without_code(
    tmp_path: Path, locality: dict[str, Any], reached: str, next_: str | None
) -> None:
    rubric = load_rubric(write(tmp_path, TIERED))
    result = evaluate(document(locality), rubric, DAY)
    assert isinstance(result, Report) and result.tier is not None
    assert (result.tier.reached, result.tier.next, result.tier.note) == (
        reached,
        next_,
        "An indication only.",
    )


def test_a_users_applicability_rules_a_place_out(tmp_path: Path) -> None:
    rubric = load_rubric(write(tmp_path, TIERED))
    outcome = evaluate(
        document({"nation": "wales", "constituents": [{"code": "W06000001", "name": "A"}]}), rubric, DAY
    )
    assert isinstance(outcome, NotApplicable)
    assert outcome.reason == "Only for English places."


def _at(text: str, needle: str) -> tuple[int, int]:
    before = text[: text.index(needle)]
    return before.count("\n") + 1, len(before) - before.rfind("\n")


@pytest.mark.parametrize(
    ("old", "new", "needle", "code"),
    [
        ("  - id: silver", "  - id: none", "none\n", "rubric.tier"),
        ("{id: mayor,", "{id: big,", "big, basis: policy", "rubric.duplicate-id"),
        ("{id: mayor,", "{id: t.kind,", "t.kind, basis", "rubric.duplicate-id"),
        ("basis: policy", "basis: law", "law", "rubric.schema.enum"),
        (
            "{metric: locality.mayoral_kind}",
            "{metric: locality.mayoral}",
            "locality.mayoral}",
            "rubric.unknown-metric",
        ),
        ("tier_note: An indication only.\n", "", "tiers:", "rubric.schema.dependentRequired"),
    ],
    ids=[
        "tier-named-none",
        "duplicate-requirement",
        "requirement-clashes-with-criterion",
        "bad-basis",
        "unknown-metric",
        "tiers-without-note",
    ],
)
def test_malformed_tiers_fail_at_the_offending_node(
    tmp_path: Path, old: str, new: str, needle: str, code: str
) -> None:
    text = TIERED.replace(old, new, 1)
    with pytest.raises(RubricError) as caught:
        load_rubric(write(tmp_path, text))
    codes = [d.code for d in caught.value.diagnostics]
    assert code in codes, str(caught.value)
    if code != "rubric.schema.dependentRequired":
        line, _ = _at(text, needle)
        assert line in [d.position.line for d in caught.value.diagnostics], str(caught.value)


def test_shows_must_name_real_metrics(tmp_path: Path) -> None:
    with pytest.raises(RubricError, match=r"unknown metric 'goals\.outcome_cnt'"):
        load_rubric(write(tmp_path, TIERED + "shows: [goals.outcome_cnt]\n"))


# --- waivers per rubric ---------------------------------------------------------------------

RUBRICS = {
    "ifg-2015": {"co-location.coverage", "funding.settlement"},
    "strategic-authority-2026": {"funding.settlement", "geography.scale"},
}


def _waiver_codes(waiver: str, in_use: list[str]) -> list[str]:
    text = f"schema_version: 1\nlocality: {{id: p, name: P}}\nwaivers:\n  - {{{waiver}, reason: R}}\n"
    return [d.code for d in check_semantics(parse(text, "w.yaml"), {r: RUBRICS[r] for r in in_use})]


@pytest.mark.parametrize(
    ("waiver", "in_use", "codes"),
    [
        ("criterion: co-location.coverage", ["ifg-2015", "strategic-authority-2026"], []),
        ("criterion: co-location.coverage", ["strategic-authority-2026"], ["ref.unknown-criterion"]),
        ("rubric: ifg-2015, criterion: co-location.coverage", ["strategic-authority-2026"], []),
        ("rubric: ifg-2015, criterion: geography.scale", ["ifg-2015"], ["ref.unknown-criterion"]),
        ("rubric: ifg-2015, criterion: geography.scale", ["strategic-authority-2026"], []),
        ("criterion: funding.settlement", ["ifg-2015", "strategic-authority-2026"], []),
    ],
)
def test_a_waiver_names_a_criterion_of_its_rubric_or_of_some_rubric_in_use(
    waiver: str, in_use: list[str], codes: list[str]
) -> None:
    assert _waiver_codes(waiver, in_use) == codes


def test_a_waiver_of_a_rubric_applies_to_that_rubric_only() -> None:
    text = (
        "schema_version: 1\nlocality: {id: p, name: P, constituents: [{code: E06000001, name: A}]}\n"
        "funding: {settlement_years: 1}\n"
        "waivers:\n  - {rubric: ifg-2015, criterion: funding.settlement, reason: R}\n"
    )
    document = parse(text, "w.yaml")
    waived = {}
    for rubric in ("ifg-2015", "strategic-authority-2026"):
        report = evaluate(document, load_rubric(rubric), DAY)
        assert isinstance(report, Report)
        waived[rubric] = [r.criterion for r in report.criteria if r.status == "waived"]
    assert waived == {"ifg-2015": ["funding.settlement"], "strategic-authority-2026": []}


@pytest.mark.parametrize(
    ("kind", "warned"),
    [("combined_authority", True), ("mayoral_combined_county_authority", False), (None, False)],
)
def test_mayor_since_with_a_non_mayoral_kind_is_a_warning_at_the_date(kind: str | None, warned: bool) -> None:
    kind_line = f", kind: {kind}" if kind else ""
    text = f"schema_version: 1\nlocality: {{id: p, name: P{kind_line}}}\n"
    text += "governance:\n  mayor_since: '2024-05-02'\n"
    found = check_semantics(parse(text, "m.yaml"))
    assert [(d.code, d.severity, d.position.line, d.position.column) for d in found] == (
        [("governance.mayor-kind", "warning", 4, 16)] if warned else []
    )


def test_validate_prints_the_warning_and_passes(cli: Runner, tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(
        "schema_version: 1\nlocality: {id: p, name: P, kind: county_council}\n"
        "governance: {mayor_since: '2024-05-02'}\n"
    )
    result = cli("validate", path)
    assert result.exit_code == 0
    assert result.stdout.startswith(f"{path}:3:27: warning: governance.mayor_since: a mayor is dated")
    assert "1 of 1 file valid; 1 warning" in result.stderr


def test_cases_may_expect_tiers_and_requirements_and_name_them_right(cli: Runner, tmp_path: Path) -> None:
    cases = tmp_path / "t.cases.yaml"
    cases.write_text(
        "cases:\n"
        "  - name: typo\n"
        "    given: {}\n"
        "    expect: {tier: bronze, requirements: {populaton: holds}}\n"
    )
    result = cli("rubric", "test", "strategic-authority-2026", cases)
    assert result.exit_code == 2
    assert (
        "'bronze' is not a tier of strategic-authority-2026 (foundation, mayoral, established; or none)"
        in result.stderr
    )
    assert (
        "no tier requirement 'populaton' in strategic-authority-2026 (did you mean 'population'?)"
        in result.stderr
    )


def test_builtin_cases_of_the_tiered_rubric_pass(cli: Runner) -> None:
    result = cli("rubric", "test", "strategic-authority-2026")
    assert result.exit_code == 0, result.stdout
    assert "107 of 107 cases pass" in result.stderr


def test_the_mayor_warning_travels_with_the_report(tmp_path: Path) -> None:
    from devocheck.pipeline import assess

    path = tmp_path / "m.yaml"
    path.write_text(
        "schema_version: 1\n"
        "locality: {id: p, name: P, kind: county_council, constituents: [{code: E10000001, name: C}]}\n"
        "governance: {mayor_since: '2024-05-02'}\n"
    )
    report = assess(path, rubric="strategic-authority-2026", today=DAY)
    assert isinstance(report, Report)
    assert [(w.code, w.position.line) for w in report.warnings] == [("governance.mayor-kind", 3)]
