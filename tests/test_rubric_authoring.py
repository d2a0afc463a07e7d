"""``devocheck rubric``: list, show, check (every class of rubric error, positioned) and test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from devocheck.errors import RubricError
from devocheck.load.loader import load
from devocheck.rubric.catalog import builtin_rubric_dir, list_builtin_rubrics
from devocheck.rubric.model import Rubric, load_rubric
from devocheck.score.cases import Case, builtin_cases, load_cases
from tests.conftest import EXAMPLES, Runner

BUILTIN = builtin_rubric_dir() / "ifg-2015.yaml"
CASES = builtin_cases(BUILTIN)

# (class of error, text to replace in the built-in rubric, replacement, marker in the
# replacement where the error must point, words the message must contain)
BROKEN = [
    (
        "unknown key",
        "      - id: goals.prioritisation\n",
        "      - id: goals.prioritisation\n        colour: blue\n",
        "colour",
        "unknown key 'colour'",
    ),
    (
        "meta-schema type",
        "max_level: 4\n        reads: [goals]",
        "max_level: four\n        reads: [goals]",
        "four",
        "max_level: expected a whole number, got text",
    ),
    (
        "missing required key",
        "        remediation: >-\n"
        "          Agree funding for each power the deal moves before taking it on.\n",
        "",
        "",
        "missing required key 'remediation'",
    ),
    (
        "theme weight not positive",
        "    title: Clear shared goals\n    weight: 3",
        "    title: Clear shared goals\n    weight: 0",
        "0",
        "weight: 0 is too small: must be more than 0",
    ),
    (
        "criterion weight not positive",
        "title: Powers come with the money to use them\n        weight: 1",
        "title: Powers come with the money to use them\n        weight: -1",
        "-1",
        "weight: -1 is too small: must be more than 0",
    ),
    (
        "duplicate criterion id",
        "      - id: goals.prioritisation",
        "      - id: goals.shared-outcomes",
        "goals.shared-outcomes",
        "duplicate criterion id 'goals.shared-outcomes'",
    ),
    (
        "duplicate theme id",
        "  - id: funding\n",
        "  - id: goals\n",
        "goals",
        "duplicate theme id 'goals'",
    ),
    (
        "level above max_level",
        "          - level: 4\n            description: The funding comes as a single flexible pot.",
        "          - level: 5\n            description: The funding comes as a single flexible pot.",
        "5",
        "level 5 is above max_level 4",
    ),
    (
        "level described twice",
        "          - level: 3\n            description: The settlement runs at least five years.",
        "          - level: 2\n            description: The settlement runs at least five years.",
        "2",
        "level 2 is described twice",
    ),
    (
        "level missing",
        "max_level: 1\n        reads: [learning]",
        "max_level: 2\n        reads: [learning]",
        None,
        "levels 1..2 must each be described: missing 2",
    ),
    (
        "level without a description",
        "            description: A named sponsor in central government.",
        '            description: ""',
        '""',
        "description: must not be empty",
    ),
    (
        "unknown metric",
        "when: {metric: goals.signed_outcome_count, gte: 1}",
        "when: {metric: goals.signed_outcome_cnt, gte: 1}",
        "goals.signed_outcome_cnt",
        "unknown metric 'goals.signed_outcome_cnt' (did you mean 'goals.signed_outcome_count'?)",
    ),
    (
        "yes/no metric compared as a number",
        "when: {metric: learning.joint_training}",
        "when: {metric: learning.joint_training, gte: 1}",
        "1}",
        "learning.joint_training is yes/no: write {metric: learning.joint_training} "
        "or {metric: learning.joint_training, eq: true}",
    ),
    (
        "share compared with a percentage",
        "when: {metric: co_location.constituents_covered_share, gte: 1}",
        "when: {metric: co_location.constituents_covered_share, gte: 100}",
        "100",
        "so 'gte: 100' never holds: compare it with a value some files reach and others do not; "
        "did you mean 'gte: 1'?",
    ),
    (
        "metric compared with null",
        "when: {metric: learning.central_sponsor}",
        "when: {metric: learning.central_sponsor, eq: null}",
        "null",
        "learning.central_sponsor is never null (a metric of a section left out is 0, false or a share "
        "of 0), so 'eq: null' never holds: to test that the section is left out, write "
        "{not: {schema: {required: [learning]}}}",
    ),
    (
        "metric compared with text",
        "when: {metric: learning.central_sponsor}",
        "when: {metric: learning.central_sponsor, eq: yes}",
        "yes",
        "'eq' needs a number, true or false",
    ),
    (
        "unknown operator",
        "when: {metric: funding.settlement_years, gte: 3}",
        "when: {metric: funding.settlement_years, gtee: 3}",
        "gtee",
        "unknown key 'gtee' (did you mean 'gte'?)",
    ),
    (
        "two operators in one leaf",
        "when: {metric: funding.settlement_years, gte: 5}",
        "when: {metric: funding.settlement_years, gte: 5, lte: 9}",
        "lte",
        "one operator per leaf",
    ),
    (
        "invalid schema leaf",
        "when: {metric: learning.central_sponsor}",
        "when: {schema: {type: 12}}",
        "12",
        "invalid JSON Schema",
    ),
    (
        "bands not ascending",
        "  - {name: emerging, min: 40}",
        "  - {name: emerging, min: 70}",
        None,
        "bands must ascend: 60 is not above 70",
    ),
    (
        "first band above 0",
        "  - {name: not-ready, min: 0}",
        "  - {name: not-ready, min: 10}",
        "10",
        "the first band must start at 0",
    ),
    (
        "gate cap not a band",
        "gate_cap: emerging",
        "gate_cap: emergent",
        "emergent",
        "'emergent' is not a band",
    ),
    ("YAML syntax", "  - {name: ready, min: 80}", "  - {name: ready, min: 80", None, ""),
    ("duplicate key", "version: 2\n", "version: 2\nversion: 3\n", "version: 3", "duplicate key 'version'"),
    (
        "schema condition with a $ref that does not resolve",
        "when: {metric: goals.prioritised_outcome_count, gte: 1}",
        "when: {schema: {$ref: '#/$defs/none'}}",
        "'#/$defs/none'",
        "$ref '#/$defs/none' does not resolve within this schema condition",
    ),
]

#: Where the error points when the replacement holds no marker: (unique context, marker in it).
ANCHORS = {
    "level missing": ("levels:\n          - level: 1\n            description: A named sponsor", "levels"),
    "bands not ascending": ("{name: maturing, min: 60}", "60"),
    "missing required key": ("- id: funding.powers-funded", "id"),
}


def _position(text: str, start: int) -> tuple[int, int]:
    return text.count("\n", 0, start) + 1, start - text.rfind("\n", 0, start)


@pytest.mark.parametrize(
    ("what", "old", "new", "marker", "message"), BROKEN, ids=[case[0] for case in BROKEN]
)
def test_rubric_check_catches_each_class_of_error_at_its_line_and_column(
    cli: Runner, tmp_path: Path, what: str, old: str, new: str, marker: str | None, message: str
) -> None:
    original = BUILTIN.read_text(encoding="utf-8")
    assert original.count(old) == 1, f"fixture text not unique: {old!r}"
    start = original.index(old)
    text = original[:start] + new + original[start + len(old) :]
    path = (tmp_path / "custom.yaml").resolve()
    path.write_text(text, encoding="utf-8")

    result = cli("rubric", "check", path)

    assert result.exit_code == 2, result.stdout
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    if what == "YAML syntax":
        assert lines and all(line.startswith(f"{path}:") for line in lines)
        return
    if what in ANCHORS:
        context, anchor = ANCHORS[what]
        expected = _position(text, text.index(context) + context.index(anchor))
    else:
        assert marker is not None
        expected = _position(text, start + new.index(marker))
    prefix = f"{path}:{expected[0]}:{expected[1]}: "
    assert any(line.startswith(prefix) and message in line for line in lines), (prefix, message, lines)


def test_rubric_check_accepts_the_builtin_rubric(cli: Runner) -> None:
    result = cli("rubric", "check", BUILTIN)
    assert result.exit_code == 0, result.stderr
    assert "ok: ifg-2015 v2, 8 themes, 16 criteria (2 gates)" in result.stdout


def test_rubric_list_names_every_builtin_and_not_the_cases_file(cli: Runner) -> None:
    result = cli("rubric", "list")
    assert result.exit_code == 0
    listed = [line.split()[0] for line in result.stdout.splitlines() if not line.startswith(" ")]
    assert listed == list(list_builtin_rubrics())
    assert sorted(path.stem for path in builtin_rubric_dir().glob("*.yaml")) == listed
    assert "ifg-2015" in listed and "cases" not in result.stdout
    assert "strategic-authority-2026" in listed
    summary = result.stdout.splitlines()[listed.index("strategic-authority-2026") * 2 + 1]
    assert "1 gate), tiers foundation < mayoral < established, bands" in summary


def test_rubric_show_draws_every_theme_criterion_and_level(cli: Runner) -> None:
    result = cli("rubric", "show", "ifg-2015")
    assert result.exit_code == 0
    flat = " ".join(result.stdout.replace("│", " ").split())
    rubric = load_rubric("ifg-2015")
    for theme in rubric.themes:
        assert theme.id in flat
        for criterion in theme.criteria:
            assert criterion.id in flat
            for level in criterion.levels:
                assert f"{level.number}. {' '.join(level.description.split())}" in flat


def builtin_cases_of(rubric_id: str) -> tuple[Rubric, tuple[Case, ...]]:
    rubric = load_rubric(rubric_id)
    return rubric, load_cases(load(builtin_cases(Path(rubric.file))), rubric)


def case_count(path: Path) -> int:
    return len(load(path).data["cases"])


@pytest.mark.parametrize("rubric_id", list_builtin_rubrics())
def test_builtin_cases_pass(cli: Runner, rubric_id: str) -> None:
    """One corpus of level cases per built-in rubric (cases/<id>.cases.yaml), every one run."""
    result = cli("rubric", "test", rubric_id)
    assert result.exit_code == 0, result.stdout
    assert result.stdout == ""
    count = case_count(builtin_cases(builtin_rubric_dir() / f"{rubric_id}.yaml"))
    assert f"{count} of {count} cases pass" in result.stderr


@pytest.mark.parametrize("rubric_id", list_builtin_rubrics())
def test_builtin_cases_pin_every_level_of_every_criterion(rubric_id: str) -> None:
    """Each level 0..max of each criterion is some case's expectation, and so is no-evidence."""
    rubric, cases = builtin_cases_of(rubric_id)
    expected = [e for case in cases for e in case.expectations if e.criterion is not None]
    pinned = {(e.criterion, e.value) for e in expected if e.kind == "level"}
    no_evidence = {e.criterion for e in expected if e.kind == "status" and e.value == "no-evidence"}
    for criterion in rubric.criteria:
        assert criterion.id in no_evidence, f"{criterion.id}: no case without evidence"
        missing = [n for n in range(criterion.max_level + 1) if (criterion.id, n) not in pinned]
        assert missing == [], f"{criterion.id}: no case at level {missing}"


def test_level_zero_with_evidence_is_told_apart_from_no_evidence() -> None:
    """Only coterminosity cannot be at level 0 with evidence: its evidence *is* level 1."""
    rubric, cases = builtin_cases_of("ifg-2015")
    unmet_at_zero = {
        level.criterion
        for case in cases
        for level in case.expectations
        if level.kind == "level" and level.value == 0
        for status in case.expectations
        if status.kind == "status" and status.criterion == level.criterion and status.value == "unmet"
    }
    assert {c.id for c in rubric.criteria} - unmet_at_zero == {"geography.coterminosity"}


def test_a_changed_expectation_fails_naming_the_case(cli: Runner, tmp_path: Path) -> None:
    text = CASES.read_text(encoding="utf-8")
    old = "      levels: {data-sharing.agreements: 2}\n"
    assert text.count(old) == 1
    changed = tmp_path / "changed.cases.yaml"
    changed.write_text(text.replace(old, "      levels: {data-sharing.agreements: 3}\n"), encoding="utf-8")

    result = cli("rubric", "test", "ifg-2015", changed)

    assert result.exit_code == 1
    (line,) = result.stdout.splitlines()
    line_number = text[: text.index(old)].count("\n") + 1
    assert line.startswith(f"{changed}:{line_number}:")
    assert (
        "case 'an agreement in force without a DPIA': data-sharing.agreements: expected level 3, got 2"
        in line
    )
    total = case_count(CASES)
    assert f"{total - 1} of {total} cases pass" in result.stderr


def test_score_and_band_expectations_are_checked(cli: Runner, tmp_path: Path) -> None:
    text = CASES.read_text(encoding="utf-8")
    changed = tmp_path / "changed.cases.yaml"
    changed.write_text(text.replace("score: 88.8", "score: 88.9").replace("band: ready", "band: maturing"))
    result = cli("rubric", "test", "ifg-2015", changed)
    assert result.exit_code == 1
    assert "score: expected 88.9, got 88.8"  # the rounded score is not what is shown in result.stdout
    assert "case 'top of every ladder is ready': band: expected maturing, got ready" in result.stdout


def test_an_invalid_cases_file_is_an_input_error_with_positions(cli: Runner, tmp_path: Path) -> None:
    cases = tmp_path / "bad.cases.yaml"
    cases.write_text(
        "cases:\n"
        "  - name: typo\n"
        "    given: {goals: {outcome: []}}\n"
        "    expect: {levels: {goals.shared: 1}}\n"
        "  - name: typo\n"
        "    given: {}\n"
        "    expect: {levels: {funding.settlement: 9}, band: rdy}\n",
        encoding="utf-8",
    )
    result = cli("rubric", "test", "ifg-2015", cases)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{cases}:3:21: case 'typo': goals.outcome: unknown key 'outcome' (did you mean 'outcomes'?)",
        f"{cases}:4:23: no criterion 'goals.shared' in ifg-2015 (did you mean 'goals.shared-outcomes'?)",
        f"{cases}:5:11: case name 'typo' is already used by case 1",
        f"{cases}:7:43: funding.settlement has levels 0..4; 9 cannot be reached",
        f"{cases}:7:53: 'rdy' is not a band of ifg-2015 (bands: not-ready, emerging, maturing, ready)",
    ]


def test_a_custom_rubric_with_its_own_cases(cli: Runner, tmp_path: Path) -> None:
    """An analyst's two-criterion rubric, tested with cases found by convention beside it."""
    rubric = tmp_path / "tiny.yaml"
    rubric.write_text(
        "id: tiny\nversion: 1\ntitle: Tiny\nsource: {citation: Test}\n"
        "bands: [{name: low, min: 0}, {name: high, min: 50}]\ngate_cap: low\n"
        "themes:\n"
        "  - id: money\n    title: Money\n    weight: 1\n    criteria:\n"
        "      - id: money.years\n        title: Years\n        weight: 1\n        max_level: 1\n"
        "        reads: [funding]\n        rationale: R\n        remediation: M\n"
        "        levels: [{level: 1, description: Three years,\n"
        "                  when: {metric: funding.settlement_years, gte: 3}}]\n"
        "      - id: money.tagged\n        title: Tagged\n        weight: 1\n        max_level: 1\n"
        "        reads: [funding]\n        rationale: R\n        remediation: M\n"
        "        levels: [{level: 1, description: Tagged, when: {schema: {required: [x-tag]}}}]\n",
        encoding="utf-8",
    )
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "tiny.cases.yaml").write_text(
        'assessment_date: "2026-01-01"\ncases:\n'
        "  - name: three years\n    given: {funding: {settlement_years: 3}}\n"
        "    expect: {levels: {money.years: 1, money.tagged: 0}, score: 50, band: high}\n"
        "  - name: tagged\n    given: {funding: {}, x-tag: yes}\n"
        "    expect: {levels: {money.years: 0, money.tagged: 1}, band: high}\n",
        encoding="utf-8",
    )
    result = cli("rubric", "test", rubric)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "2 of 2 cases pass" in result.stderr


def test_x_keys_are_notes_inside_conditions_too(cli: Runner, tmp_path: Path) -> None:
    """The guide allows ``x-`` keys everywhere in a rubric; conditions refused them."""
    text = BUILTIN.read_text(encoding="utf-8")
    old = "when: {metric: goals.prioritised_outcome_count, gte: 1}"
    new = "when: {all: [{metric: goals.prioritised_outcome_count, gte: 1, x-why: any priority}], x-note: n}"
    assert text.count(old) == 1
    path = tmp_path / "noted.yaml"
    path.write_text(text.replace(old, new).replace("id: ifg-2015", "id: noted"), encoding="utf-8")
    result = cli("rubric", "check", path)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""


def test_a_schema_condition_with_a_local_ref_resolves_and_scores(cli: Runner, tmp_path: Path) -> None:
    text = BUILTIN.read_text(encoding="utf-8")
    old = "when: {metric: goals.prioritised_outcome_count, gte: 1}"
    new = "when: {schema: {$defs: {goals: {required: [goals]}}, $ref: '#/$defs/goals'}}"
    path = tmp_path / "referring.yaml"
    path.write_text(text.replace(old, new).replace("id: ifg-2015", "id: referring"), encoding="utf-8")
    result = cli("assess", EXAMPLES / "north-shire.yaml", "--rubric", path, "--format", "json")
    assert result.exit_code in (0, 1), result.stderr
    assert json.loads(result.stdout)["reports"][0]["rubric"]["id"] == "referring"


def test_rubric_check_warns_when_a_copy_keeps_a_builtin_id(cli: Runner, tmp_path: Path) -> None:
    copy = tmp_path / "my-copy.yaml"
    copy.write_text(BUILTIN.read_text(encoding="utf-8"), encoding="utf-8")
    result = cli("rubric", "check", copy)
    assert result.exit_code == 0
    assert f"{copy}: warning: id 'ifg-2015' is a built-in rubric's" in result.stderr
    assert cli("rubric", "check", BUILTIN).stderr == ""


def test_rubric_check_reports_every_problem_in_one_round(cli: Runner, tmp_path: Path) -> None:
    """Meta-schema problems and the rules beyond the schema come together, each at its place."""
    text = BUILTIN.read_text(encoding="utf-8")
    edits = [
        # meta-schema: a theme weight of 0
        ("    title: Clear shared goals\n    weight: 3", "    title: Clear shared goals\n    weight: 0"),
        # beyond the schema: a duplicate criterion id, beside the broken theme
        ("      - id: goals.prioritisation", "      - id: goals.shared-outcomes"),
        # conditions: a yes/no metric compared as a number, and an unknown operator
        ("when: {metric: learning.joint_training}", "when: {metric: learning.joint_training, gte: 1}"),
        (
            "when: {metric: funding.settlement_years, gte: 3}",
            "when: {metric: funding.settlement_years, gtee: 3}",
        ),
        # bands: not ascending
        ("  - {name: emerging, min: 40}", "  - {name: emerging, min: 70}"),
        # meta-schema: a section that is not one, in the same theme as the duplicate id
        ("max_level: 4\n        reads: [goals]", "max_level: 4\n        reads: [goal]"),
    ]
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp_path / "custom.yaml"
    path.write_text(text, encoding="utf-8")

    result = cli("rubric", "check", path)

    assert result.exit_code == 2
    wanted = [
        "themes[0].weight: 0 is too small: must be more than 0",
        "themes[0].criteria[0].reads[0]: 'goal' is not one of: locality, partners, goals, commissioning, "
        "co_location, data_sharing, powers, funding, learning, governance, waivers (did you mean 'goals'?)",
        "themes[0].criteria[1].id: duplicate criterion id 'goals.shared-outcomes'",
        ".when.gte: learning.joint_training is yes/no",
        ".when.gtee: unknown key 'gtee' (did you mean 'gte'?)",
        "bands[2].min: bands must ascend: 60 is not above 70",
    ]
    lines = result.stderr.splitlines()
    for words in wanted:
        assert sum(words in line for line in lines) == 1, (words, lines)
    assert len(lines) == len(wanted), lines


def test_a_huge_max_level_names_the_first_missing_levels(tmp_path: Path) -> None:
    text = BUILTIN.read_text(encoding="utf-8")
    old = "max_level: 1\n        reads: [learning]"
    assert text.count(old) == 1
    path = tmp_path / "custom.yaml"
    path.write_text(text.replace(old, "max_level: 100000000000\n        reads: [learning]"), encoding="utf-8")
    with pytest.raises(RubricError) as caught:
        load_rubric(path)
    [problem] = caught.value.diagnostics
    assert problem.message.split(": ", 1)[1] == (
        "levels 1..100000000000 must each be described: missing 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 "
        "and 99999999989 more"
    )
