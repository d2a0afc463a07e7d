"""``devocheck validate``: one broken file per error class, each pinned to file:line:col."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import EXAMPLES, Runner

VALID = """\
schema_version: 1
assessment_date: 2026-11-01
locality:
  id: test-place
  name: Test Place
  kind: combined_authority
  nation: england
  constituents:
    - {code: E08000001, name: One}
partners:
  - {id: council, name: Council, sector: local_government, core: true}
  - {id: health, name: Health Board, sector: health, core: true, covers: [E08000001]}
goals:
  outcomes:
    - {id: work, statement: More people in good work, partners: [council, health]}
commissioning:
  arrangements:
    - {id: jobs, name: Jobs, partners: [council, health], outcomes: [work]}
data_sharing:
  agreements:
    - {id: isa, name: Sharing, partners: [council, health], signed: 2025-01-01, review_due: 2027-01-01}
"""

CASES = [
    # (id, text to replace, replacement, expected "line:col", expected message fragment)
    ("syntax", "  id: test-place\n", "  id: [test-place\n", "5:7", "a list in [ ] is not closed: add the ]"),
    (
        "duplicate-key",
        "  nation: england\n",
        "  nation: england\n  nation: wales\n",
        "8:3",
        "duplicate key 'nation'",
    ),
    ("unknown-key-hint", "goals:\n", "goalz:\n", "13:1", "did you mean 'goals'"),
    ("wrong-type", "name: Test Place", "name: [Test]", "5:9", "locality.name: expected text, got a list"),
    (
        "bad-enum",
        "kind: combined_authority",
        "kind: combined_authorty",
        "6:9",
        "did you mean 'combined_authority'",
    ),
    (
        "bad-pattern",
        "code: E08000001, name: One",
        "code: X1, name: One",
        "9:14",
        "is not an ONS GSS area code",
    ),
    ("missing-required", "  name: Test Place\n", "", "3:1", "locality: missing required key 'name'"),
    (
        "undefined-partner",
        "partners: [council, health]}\ncomm",
        "partners: [council, helth]}\ncomm",
        "15:75",
        "'helth'",
    ),
    ("undefined-outcome", "outcomes: [work]", "outcomes: [wrk]", "18:70", "'wrk'"),
    (
        "impossible-date",
        "signed: 2025-01-01",
        "signed: 2025-02-30",
        "21:69",
        "'2025-02-30' is not a day of the calendar",
    ),
    ("review-before-signed", "review_due: 2027-01-01", "review_due: 2024-01-01", "21:93", "review_due"),
]


def test_the_base_file_is_valid(cli: Runner, tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text(VALID)
    result = cli("validate", path)
    assert (result.exit_code, result.stdout) == (0, "")
    assert "1 of 1 file valid" in result.stderr


@pytest.mark.parametrize(("case", "old", "new", "where", "fragment"), CASES, ids=[c[0] for c in CASES])
def test_each_error_class_is_pinned(
    cli: Runner, tmp_path: Path, case: str, old: str, new: str, where: str, fragment: str
) -> None:
    assert old in VALID, case
    path = tmp_path / f"{case}.yaml"
    path.write_text(VALID.replace(old, new, 1))
    result = cli("validate", path)
    assert result.exit_code == 2
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"{path}:{where}: "), first
    assert fragment in first


def test_json_format_lists_every_problem(cli: Runner, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        VALID.replace("kind: combined_authority", "kind: combined_authorty").replace("goals:", "goalz:")
    )
    result = cli("validate", "--format", "json", path)
    assert result.exit_code == 2
    (record,) = json.loads(result.stdout)
    assert (record["input"], record["valid"]) == (str(path), False)
    assert [(p["line"], p["column"], p["code"], p["path"]) for p in record["diagnostics"]] == [
        (6, 9, "schema.enum", "/locality/kind"),
        (13, 1, "schema.unknown-key", "/goalz"),
    ]


def test_json_format_has_one_record_per_file_valid_or_not(cli: Runner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(VALID.replace("kind: combined_authority", "kind: nope"))
    warned = tmp_path / "warned.yaml"  # a warning alone leaves the file valid and the run passing
    warned.write_text(VALID.replace("nation: england", "nation: wales"))
    result = cli(
        "validate", "--format", "json", EXAMPLES / "north-shire.yaml", bad, warned, tmp_path / "gone.yaml"
    )
    assert result.exit_code == 2
    records = json.loads(result.stdout)
    assert [(Path(r["input"]).name, r["valid"]) for r in records] == [
        ("north-shire.yaml", True),
        ("bad.yaml", False),
        ("warned.yaml", True),
        ("gone.yaml", False),
    ]
    assert [d["severity"] for d in records[2]["diagnostics"]] == ["warning"]
    assert records[3]["diagnostics"][0]["line"] is None  # the file as a whole: no line to point at
    assert "2 of 4 files valid; 2 problems, 1 warning" in result.stderr
    alone = cli("validate", warned)
    assert alone.exit_code == 0 and "nation wales contradicts the area codes" in alone.stdout


def test_examples_are_valid(cli: Runner) -> None:
    result = cli("validate", EXAMPLES)
    assert result.exit_code == 0, result.stdout
    assert result.stdout == ""


def test_a_missing_file_does_not_stop_the_others(cli: Runner, tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(VALID)
    result = cli("validate", tmp_path / "missing.yaml", good)
    assert result.exit_code == 2
    assert result.stdout == f"{tmp_path / 'missing.yaml'}: no such file or directory\n"
    assert "1 of 2 files valid" in result.stderr


def test_x_keys_are_kept_and_ignored(cli: Runner, tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(VALID + "x-notes: {anything: [1, 2]}\n")
    assert cli("validate", path).exit_code == 0


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300))
def test_arbitrary_text_never_crashes(cli: Runner, tmp_path: Path, text: str) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    result = cli("validate", path)
    assert result.exit_code in (0, 2)
    assert "internal error" not in result.stderr


yaml_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20)
)
yaml_values = st.recursive(
    yaml_scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)
locality_keys = st.sampled_from(
    [
        "schema_version",
        "locality",
        "partners",
        "goals",
        "commissioning",
        "co_location",
        "data_sharing",
        "powers",
        "funding",
        "learning",
        "waivers",
        "assessment_date",
        "x-own",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.dictionaries(locality_keys, yaml_values, max_size=8))
def test_arbitrary_yaml_shaped_data_never_crashes(
    cli: Runner, tmp_path: Path, data: dict[str, object]
) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_text(json.dumps(data))  # JSON is YAML
    result = cli("validate", path)
    assert result.exit_code in (0, 2)
    assert "internal error" not in result.stderr


def test_problems_stop_at_the_cap_with_a_last_line_saying_so(cli: Runner, tmp_path: Path) -> None:
    partners = "".join(f"  - {{id: p{i}, name: P, sector: health, core: maybe}}\n" for i in range(300))
    path = tmp_path / "many.yaml"
    path.write_text(VALID.split("partners:\n")[0] + "partners:\n" + partners)
    result = cli("validate", path)
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert len(lines) == 101
    assert all("core: expected true or false" in line for line in lines[:100])
    assert lines[-1].endswith("stopped after 100 problems: fix these and run again")
